"""M14: a body link or image to a relative file that does not exist or is not an allowed attachment.

SPEC §2.2: attachments are ``.png .jpg .jpeg .gif .webp .pdf`` files in the repository, referenced by a
relative path. A reporter who writes ``![现场](xianchang.jpg)`` and never uploads the picture would get a
broken image on the site; an item with this error is not published. Links with a scheme, ``//host`` or
``/`` paths are S08's; anchors (``#…``) are fine. Code spans and fenced code are not links.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
import stat
from urllib.parse import unquote

from ..report.findings import make
from ..township.items import ATTACHMENT_SUFFIXES, ITEM_SUFFIX, SUBMISSIONS, Item
from .html import as_browser_reads
from .registration import Context, corpus_check

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_INLINE = re.compile(
    r"(!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]"  # [text] or ![alt], one level of nested brackets
    r"\(\s*(<[^<>\n]*>|[^\s()<>]+(?:\([^\s()]*\)[^\s()<>]*)*)"  # (target or (<target with spaces>
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)"  # optional "title"
)
# A link reference definition; ``[^1]: …`` is a footnote (the footnotes extension), not a link: its text is no target
_REFERENCE = re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(<[^<>\n]*>|\S+)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def targets(body: str) -> list[tuple[int, str, bool]]:
    """(0-based body line, target as written, is_image) of every link and image outside code."""
    out = []
    in_fence = ""
    for number, line in enumerate(body.split("\n")):
        fence = _FENCE.match(line)
        if in_fence:
            if fence and fence.group(1)[0] == in_fence[0] and len(fence.group(1)) >= len(in_fence):
                in_fence = ""
            continue
        if fence:
            in_fence = fence.group(1)
            continue
        if line.startswith(("    ", "\t")) and not line.strip().startswith(("-", "*", "+", "!", "[")):
            continue  # an indented code block (or a continuation paragraph, which rarely holds a link)
        text = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for m in _INLINE.finditer(text):
            out.append((number, m.group(2), m.group(1) == "!"))
        ref = _REFERENCE.match(text)
        if ref:
            out.append((number, ref.group(1), False))
    return out


def relative_file(target: str) -> str | None:
    """The file path a relative target names (fragment, query and %-escapes removed), else None."""
    target = target.strip()
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1].strip()
    seen = as_browser_reads(target)  # javascript&#58;… is a scheme to a browser
    if not target or seen.startswith(("#", "/", "\\")) or _SCHEME.match(target) or _SCHEME.match(seen):
        return None  # not a file of the repository: S08 judges schemes
    path = unquote(re.split(r"[#?]", target, maxsplit=1)[0])
    return path or None


@corpus_check("M14")  # a corpus check: the answer depends on other files, so it is never taken from the cache
def m14_missing_attachment(items: list[Item], ctx: Context):
    for item in items:
        if "](" in item.body or "]:" in item.body:
            yield from _item_links(item, ctx)


def _item_links(item: Item, ctx: Context):
    folder = posixpath.dirname(item.path)
    for number, target, is_image in targets(item.body):
        rel = relative_file(target)
        if rel is None:
            continue
        line = item.body_line + number
        what = "图片" if is_image else "链接"
        shown = target.strip("<>")[:80]
        resolved = posixpath.normpath(posixpath.join(folder, rel.replace("\\", "/")))
        if not resolved.startswith(SUBMISSIONS + "/"):
            yield make("M14", item.path, line, None, variant="outside", what=what, target=shown, folder=folder)
            continue
        suffix = posixpath.splitext(resolved)[1].lower()
        allowed = suffix in ATTACHMENT_SUFFIXES or (suffix == ITEM_SUFFIX and not is_image)
        if is_image and suffix == ".pdf":
            allowed = False
        if not allowed:
            kinds = (
                "图片只能是 .png .jpg .jpeg .gif .webp" if is_image else "附件只能是 .png .jpg .jpeg .gif .webp .pdf"
            )
            ext = suffix or "无扩展名"
            yield make("M14", item.path, line, None, variant="type", what=what, target=shown, ext=ext, kinds=kinds)
            continue
        if suffix != ITEM_SUFFIX and posixpath.dirname(resolved).count("/") != 2:
            # submissions/unit/year/ is the only place attachments are published from (F06): a picture in a
            # subfolder would be a broken image on the page
            yield make("M14", item.path, line, None, variant="place", what=what, target=shown, folder=folder)
            continue
        if not _regular_file(ctx.root / resolved):
            hint = _nearest(ctx.root, resolved)
            yield make(
                "M14",
                item.path,
                line,
                None,
                variant="missing",
                what=what,
                target=shown,
                file=resolved,
                folder=posixpath.dirname(resolved),
                hint=f"（文件夹里有相近的文件“{hint}”，是不是这个？）" if hint else "",
            )


def _regular_file(path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)  # a link is no attachment (F07): never followed
    except OSError:
        return False


def _nearest(root, resolved: str) -> str | None:
    folder, name = posixpath.split(resolved)
    try:
        names = os.listdir(root / folder)
    except OSError:
        return None
    lowered = {n.lower(): n for n in names}
    if name.lower() in lowered:
        return lowered[name.lower()]
    hits = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return hits[0] if hits else None
