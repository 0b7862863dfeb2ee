"""Blocks to Markdown for the site's Markdown (Python-Markdown with the extensions in markdown_setup).

Text from Word is escaped so that it reads back as the same text: ``1~3月`` must not become a subscript,
``*`` must not start emphasis, ``<abc>`` must not be taken for HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .blocks import Block, Footnotes, ListBlock, Para, Span, Table, strip_spans

_ALWAYS = set("\\`*_[]{}~^")
_HTML_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_LIKE = re.compile(r"&(?=#|\w+;)")  # "&#1" is read as a character even without ";"
_LINE_START = re.compile(r"[#>+\-!=|]")
_NOT_ESCAPABLE = {":": "&#58;", "?": "&#63;"}  # def_list ": …" and details "??? …" need an entity
_ORDERED = re.compile(r"(\d+)\.(\s)")

ImageName = Callable[[int], "str | None"]


def escape(text: str) -> str:
    out = "".join("\\" + c if c in _ALWAYS else c for c in text)
    out = re.sub(r"={2,}", lambda m: "\\=" * len(m.group()), out)
    out = _ENTITY_LIKE.sub("&amp;", out)
    return _HTML_LIKE.sub("&lt;", out)


def guard_line(line: str, spans: list[Span] | None = None) -> str:
    """Escape what would make a paragraph's first characters (text from Word) into Markdown block syntax."""
    if spans and (spans[0].image is not None or spans[0].raw):
        return line
    if _LINE_START.match(line):
        return "\\" + line
    if line[:1] in _NOT_ESCAPABLE:
        return _NOT_ESCAPABLE[line[0]] + line[1:]
    m = _ORDERED.match(line)
    if m:
        return f"{m.group(1)}\\.{line[len(m.group(1)) + 1 :]}"
    return line


@dataclass(frozen=True)
class _Style:
    bold: bool
    italic: bool
    strike: bool
    sup: bool
    sub: bool


def _style(s: Span) -> _Style:
    return _Style(s.bold, s.italic, s.strike, s.sup, s.sub)


def _wrap(text: str, style: _Style) -> str:
    core = text.strip()
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    if style.sup or style.sub:
        mark = "^" if style.sup else "~"
        core = mark + core.replace(" ", "\\ ") + mark
    if style.strike:
        core = f"~~{core}~~"
    if style.italic:
        core = f"*{core}*"
    if style.bold:
        core = f"**{core}**"
    return lead + core + trail


def render_spans(spans: list[Span], image_name: ImageName, plain: bool = False) -> str:
    """Inline Markdown; ``plain`` drops bold/italic (headings are bold already)."""
    out: list[str] = []
    i = 0
    while i < len(spans):
        s = spans[i]
        if s.image is not None:
            name = image_name(s.image)
            if name:
                out.append(f"![{escape(_alt(s.text, s.image))}]({name})")
            i += 1
            continue
        if s.brk:
            out.append(" ")
            i += 1
            continue
        if s.raw:
            out.append(s.text)
            i += 1
            continue
        j = i
        while (
            j < len(spans)
            and spans[j].is_text
            and not spans[j].raw
            and spans[j].href == s.href
            and (plain or _style(spans[j]) == _style(s))
        ):
            j += 1
        if plain:
            text = "".join(escape(x.text) for x in spans[i:j])
        else:
            text = _wrap("".join(escape(x.text) for x in spans[i:j]), _style(s))
        if s.href:
            text = f"[{text.strip()}]({s.href.replace(' ', '%20').replace(')', '%29')})"
        out.append(text)
        i = j
    return "".join(out)


def _alt(text: str, number: int) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if (
        not text
        or len(text) > 40
        or re.search(r"\.(png|jpe?g|gif|bmp|webp|emf|wmf|tiff?)$", text, re.I)
        or text.startswith(("图片包含", "A picture containing"))
    ):
        return f"图{number}"
    return text


LIST_BREAK = "&nbsp;"  # Python-Markdown merges two lists that only a blank line separates


def render(blocks: list[Block], image_name: ImageName) -> str:
    parts: list[str] = []
    previous = None
    for block in blocks:
        text = _block(block, image_name)
        if not text.strip():
            continue
        if isinstance(block, ListBlock) and isinstance(previous, ListBlock):
            parts.append(LIST_BREAK)
        parts.append(text)
        previous = block
    return "\n\n".join(parts) + "\n"


def _block(block: Block, image_name: ImageName) -> str:
    if isinstance(block, Para):
        if block.heading:
            text = render_spans(strip_spans(block.spans), image_name, plain=True).replace("#", "\\#")
            return f"{'#' * block.heading} {text}" if text.strip() else ""
        spans = strip_spans(block.spans)
        return guard_line(render_spans(spans, image_name).strip(), spans)
    if isinstance(block, ListBlock):
        return "\n".join(_list_lines(block, image_name, 0))
    if isinstance(block, Table):
        return _table(block, image_name)
    if isinstance(block, Footnotes):
        return "\n".join(f"[^{n}]: {render_spans(strip_spans(spans), image_name).strip()}" for n, spans in block.notes)
    return ""


def _list_lines(block: ListBlock, image_name: ImageName, depth: int) -> list[str]:
    lines = []
    for n, item in enumerate(block.items, 1):
        marker = f"{n}." if block.ordered else "-"
        spans = strip_spans(item.spans)
        text = guard_line(render_spans(spans, image_name).strip(), spans)
        lines.append(f"{'    ' * depth}{marker} {text}".rstrip())
        for child in item.children:
            lines.extend(_list_lines(child, image_name, depth + 1))
    return lines


def _table(table: Table, image_name: ImageName) -> str:
    cells = [[strip_spans(c) for c in row] for row in table.rows]
    cells = [row for row in cells if any(row)]
    if not cells:
        return ""
    width = max(len(row) for row in cells)
    if width == 1:  # a one-column table is a frame around paragraphs
        return "\n\n".join(guard_line(render_spans(row[0], image_name).strip(), row[0]) for row in cells if row[0])
    rows = [[render_spans(c, image_name).strip().replace("|", "\\|") for c in row] for row in cells]
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(" --- " for _ in range(width)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)
