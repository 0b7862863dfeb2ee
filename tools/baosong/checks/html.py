"""S08 and F12: every body rendered with exactly the site's Markdown, under limits, once.

Every item body is rendered (``baosong.scan.render``) in worker processes with a CPU-time, a recursion
and a memory limit (``baosong.scan.limits``); the HTML and the verdict are kept by content hash
(``baosong.scan.store``) and the site publishes that HTML, so what validate judged is what readers get
and no body is rendered twice. A body that cannot be rendered within the limits is F12, at the line
where the structure starts when it can be told. What the rendered HTML must not hold (raw HTML,
scripts, event handlers, forbidden link schemes, external images, the site's own ``bs-``/``md-``
names) is S08, one finding per occurrence, on its own line (``Locator``: character references and
invisible characters are seen through, as a browser sees them).
"""

from __future__ import annotations

import bisect
import html
import re

from ..report.findings import make
from ..scan.chars import TEXT_DIRECTION, TEXT_DIRECTION_REF, describe
from ..township.items import Item
from ..township.rules import OFF
from .registration import Context, corpus_check
from .sensitive import severity_of

TRIGGERS = re.compile(r"[<{\[&]")
_CHARREF = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def as_browser_reads(url: str) -> str:
    """``url`` as a browser resolves it: character references decoded, controls and spaces dropped
    (``java&#9;script&#58;`` → ``javascript:``); S08 and M14 judge links by this one reading."""
    return _INVISIBLE.sub("", html.unescape(url))


FAILURES = {"time", "depth", "memory", "error", "crash"}

# A check of some files (a change, a push, files named on the command line) feeds no build, so a body that is
# provably plain needs no rendering there: no S08 trigger once harmless markup is set aside (``HARMLESS``), and
# at most ``PLAIN_BUDGET`` characters Markdown gives a meaning to — too few to nest deep or to make any construct
# slow (the smallest body over the limits has hundreds). Whole-repository checks render every body: the build
# publishes their HTML.
PLAIN_BUDGET = 100
_MEANINGFUL = re.compile(r"[-*_~^=`#>:|!\[\]<{&+.)\t]|(?m:^ {4,})")
_TEXT = r"\[[^\[\]<>{}&\\\n]{0,200}\]"
_RELATIVE = r"(?![/\\])[^\s():<>{}&\\\"']+"
HARMLESS = re.compile(
    rf"(?<![!\\]){_TEXT}\((?:(?:https?://|mailto:)[^\s()<>{{}}\\\"']*|{_RELATIVE})\)"  # [text](https://…)
    rf"|(?<!\\)!{_TEXT}\({_RELATIVE}\)(?!\s*\{{)"  # ![alt](images/a.png)
    r"|<https?://[^\s<>\"'\\]+>"  # <https://…>
    r"|\[\^[^\s\[\]<>{}&\\]{1,40}\]"  # footnote [^1]
    r"|(?m:^[ \t]*[-*+][ \t]+\[[ xX]\](?=[ \t]))"  # task list - [x]
    r"|<(?![A-Za-z/!?])"  # a lone <
    r"|&(?!#?\w+;)"  # a lone &
)


def provably_plain(body: str) -> bool:
    """No S08 trigger outside harmless markup and at most ``PLAIN_BUDGET`` meaningful characters."""
    if len(_MEANINGFUL.findall(body)) > PLAIN_BUDGET:
        return False
    return TRIGGERS.search(body) is None or TRIGGERS.search(HARMLESS.sub("", body)) is None


def render_verdicts(items: list[Item], ctx: Context) -> dict[str, tuple]:
    """item path → (body key, Verdict) for every item with a body, rendering only bodies not yet known.

    Kept on ``ctx.rendered`` (S08 and F12 share one rendering); the build reads the HTML by key.
    """
    from ..scan import store as body_store
    from ..scan.render import CLEAN, render_many

    wanted = [item for item in items if item.body and item.path not in ctx.rendered]
    if not wanted:
        return ctx.rendered
    keys = {item.path: body_store.body_key(item.body) for item in wanted}
    if not ctx.render_all:
        for item in [i for i in wanted if provably_plain(i.body)]:
            ctx.rendered[item.path] = (keys[item.path], CLEAN)
        wanted = [item for item in wanted if item.path not in ctx.rendered]
        if not wanted:
            return ctx.rendered  # the store is not even opened
    store = body_store.for_root(ctx.root)
    known = store.verdicts(sorted({keys[item.path] for item in wanted}))
    todo = {}
    for item in wanted:
        key = keys[item.path]
        if key not in known and key not in todo:
            todo[key] = item.body
    if todo:
        rendered = render_many(todo)
        store.put(rendered)
        known.update((key, r.verdict) for key, r in rendered.items())
    for item in wanted:
        ctx.rendered[item.path] = (keys[item.path], known[keys[item.path]])
    return ctx.rendered


class Locator:
    """Finds, in a body, the line of each thing the rendered HTML holds, one occurrence per finding.

    The body is searched as a browser reads a URL: character references decoded (``javascript&#58;``),
    ASCII whitespace and controls dropped (``java&#9;script:``), case ignored. Each occurrence is used by
    one finding only, so two offending links with the same text get their own lines.
    """

    def __init__(self, item: Item):
        self.item = item
        chars: list[str] = []
        where: list[int] = []
        pos, body = 0, item.body
        for m in _CHARREF.finditer(body):
            self._add(chars, where, body[pos : m.start()], pos, single=False)
            self._add(chars, where, html.unescape(m.group()), m.start(), single=True)
            pos = m.end()
        self._add(chars, where, body[pos:], pos, single=False)
        self.text = "".join(chars)
        self.where = where
        self.used: set[int] = set()
        self.newlines = [i for i, ch in enumerate(body) if ch == "\n"]

    @staticmethod
    def _add(chars: list[str], where: list[int], text: str, start: int, single: bool) -> None:
        for i, ch in enumerate(text):
            if _INVISIBLE.match(ch):
                continue
            chars.append(ch.lower())
            where.append(start if single else start + i)

    def line_at(self, offset: int) -> int:
        return self.item.body_line + bisect.bisect_left(self.newlines, offset)

    def line(self, needle: str, at: int | None = None) -> int:
        if at is not None:
            return self.line_at(at)
        wanted = as_browser_reads(needle).lower()
        if wanted:
            start = 0
            while (hit := self.text.find(wanted, start)) >= 0:
                if hit not in self.used:
                    self.used.add(hit)
                    return self.line_at(self.where[hit])
                start = hit + 1
        m = TRIGGERS.search(self.item.body)  # not found as written: the first place markup could start
        return self.line_at(m.start() if m else 0)


# --- where a structure that cannot be rendered starts ------------------------------------------------
_CONTAINER = re.compile(
    r"(?:[ \t]{0,3}(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|:(?=[ \t])|\[\^[^\]\n]{1,60}\]:)[ \t]*)"
)
_MARKUP = re.compile(r"[~^=*_`\[\]<>|!#:\-]")


def nesting(line: str) -> int:
    """How many containers (quote, list item, definition, footnote) a line opens, counting 4-space indents too."""
    depth, pos = 0, 0
    while True:
        m = _CONTAINER.match(line, pos)
        if m and m.end() > pos:
            depth += 1
            pos = m.end()
            continue
        if line.startswith("    ", pos) or line.startswith("\t", pos):
            depth += 1
            pos += 4 if line.startswith("    ", pos) else 1
            continue
        return depth


def structure_line(body: str, failure: str) -> int | None:
    """0-based body line where the structure that broke the limits starts, or None when it cannot be told.

    Too deep: the first line of the block holding the deepest nesting. Too slow: the line with the most
    markup characters when one line stands out (a run of ``~~``/``==``/backticks); setext headings or
    tables repeated over thousands of lines start where the body starts.
    """
    lines = body.split("\n")
    if failure in ("depth", "crash", "memory"):
        depths = [nesting(line) for line in lines]
        deepest = max(range(len(lines)), key=lambda i: depths[i])
        if depths[deepest] < 8:
            return None
        start = deepest
        while start > 0 and (depths[start - 1] > 0 or not lines[start - 1].strip()):
            start -= 1
        while start < deepest and not lines[start].strip():
            start += 1
        if start > 0 and lines[start - 1].strip():
            start -= 1  # the line that opens the nested block: a term, an admonition's !!!, a tab's ===
        return start
    if failure == "time" and len(lines) > 0:
        counts = [len(_MARKUP.findall(line)) for line in lines]
        top = max(range(len(lines)), key=lambda i: counts[i])
        if counts[top] >= 200 and counts[top] * 2 > sum(counts):
            return top
    return None


@corpus_check("F12")
def f12_unrenderable(items: list[Item], ctx: Context):
    """F12: a body that cannot be rendered within the limits (scan/limits.py); never published."""
    verdicts = render_verdicts(items, ctx)
    for item in items:
        entry = verdicts.get(item.path)
        if entry is None or entry[1].failure not in FAILURES:
            continue
        failure = entry[1].failure
        at = structure_line(item.body, failure)
        line = item.body_line + (at or 0)
        if failure == "time":
            from ..scan.limits import cpu_seconds

            yield make("F12", item.path, line, variant="time", seconds=f"{cpu_seconds(item.body):.0f}")
        else:
            yield make("F12", item.path, line, variant=failure if failure in ("depth", "memory") else "default")


def audit_items(items: list[Item], ctx: Context):
    """S08 findings of the rendered bodies, each problem on its own line."""
    severity = severity_of("S08", ctx)
    if severity == OFF:
        return
    verdicts = render_verdicts(items, ctx)
    for item in items:
        entry = verdicts.get(item.path)
        if entry is None or not entry[1].problems:
            continue
        locator = Locator(item)
        seen = set()
        for problem in entry[1].problems:
            line = locator.line(problem.get("needle") or "", problem.get("at"))
            if (line, problem["detail"]) in seen:
                continue
            seen.add((line, problem["detail"]))
            yield make("S08", item.path, line, severity=severity, detail=problem["detail"])


# Markup in a front-matter value: the site escapes it, but nobody writes <tags> into a title by accident.
_FIELD_MARKUP = re.compile(r"<\s*[A-Za-z/!?]|javascript\s*:|&#?[A-Za-z0-9]+;", re.IGNORECASE)
MARKUP_FIELDS = ("title", "tags", "follows", "request")


def audit_fields(item: Item, severity: str):
    for key in MARKUP_FIELDS:
        value = item.meta.get(key)
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and _FIELD_MARKUP.search(v) for v in values):
            detail = f"“{key}”里有 HTML 标签、字符实体或脚本链接：信息栏只能写文字，请删除尖括号等标记"
            yield make("S08", item.path, item.line(key), key, severity=severity, detail=detail)


_TURNING = re.compile(f"[{TEXT_DIRECTION}]|{TEXT_DIRECTION_REF.pattern}")


def audit_direction(item: Item, severity: str):
    """Characters in the body that turn text around on the page (``chars.TEXT_DIRECTION``), one finding each."""
    if not _TURNING.search(item.body):
        return
    for number, line in enumerate(item.body.split("\n")):
        for m in _TURNING.finditer(line):
            raw = len(m.group()) == 1
            ch = m.group() if raw else html.unescape(m.group())
            what = f"看不见的{describe(ch)}" if raw else f"字符实体 {m.group()}（{describe(ch)}）"
            how = "请运行 baosong fix 删除它，或删掉这一行重新输入" if raw else "请删除这段字符实体"
            detail = f"第 {m.start() + 1} 个字处有{what}：它会让网页上的文字倒着或换了顺序显示，{how}"
            yield make("S08", item.path, item.body_line + number, severity=severity, detail=detail)


@corpus_check("S08")
def s08_html(items: list[Item], ctx: Context):
    severity = severity_of("S08", ctx)
    if severity != OFF:
        for item in items:
            yield from audit_fields(item, severity)
            yield from audit_direction(item, severity)
    yield from audit_items(items, ctx)
