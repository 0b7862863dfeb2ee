"""The document as blocks (paragraphs, lists, tables, footnotes) of spans, read from mammoth's HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import lxml.etree
import lxml.html

from .convert import CENTER, IMAGE_SRC, MARKERS, RIGHT
from .source import ImportRefused

BLANK = " \t\u3000\xa0\u2002\u2003\u200b\ufeff"
_NOTE_REF = re.compile(r"#(?:footnote|endnote)-(\d+)$")
_NOTE_ID = re.compile(r"(?:footnote|endnote)-(\d+)$")
_BACKLINK = re.compile(r"#(?:footnote|endnote)-ref-\d+$")


@dataclass
class Span:
    """A run of text with one formatting, a soft line break (``brk``) or a picture (``image`` number)."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    strike: bool = False
    sup: bool = False
    sub: bool = False
    href: str | None = None
    image: int | None = None
    brk: bool = False
    raw: bool = False  # Markdown written by the importer itself (footnote references): never escaped

    @property
    def is_text(self) -> bool:
        return self.image is None and not self.brk


@dataclass
class Para:
    spans: list[Span]
    heading: int = 0  # Word heading level 1–6, 0 for a paragraph; after habits.clean: the Markdown level
    align: str = ""  # "center" | "right" | ""
    doc_title: bool = False  # Word's "Title" style

    @property
    def text(self) -> str:
        return text_of(self.spans)


@dataclass
class ListItem:
    spans: list[Span]
    children: list[ListBlock] = field(default_factory=list)


@dataclass
class ListBlock:
    ordered: bool
    items: list[ListItem]


@dataclass
class Table:
    rows: list[list[list[Span]]]
    merged: list[str] = field(default_factory=list)  # merged cells, for the notes: "“项目”横跨 2 列"


@dataclass
class Footnotes:
    notes: list[tuple[str, list[Span]]]


Block = Para | ListBlock | Table | Footnotes


def text_of(spans: list[Span]) -> str:
    return "".join(s.text if s.is_text else ("\n" if s.brk else "") for s in spans)


def has_image(spans: list[Span]) -> bool:
    return any(s.image is not None for s in spans)


def lstrip_spans(spans: list[Span], chars: str = BLANK) -> list[Span]:
    out = list(spans)
    while out and out[0].is_text and not out[0].raw:
        stripped = out[0].text.lstrip(chars)
        if stripped:
            out[0] = replace(out[0], text=stripped)
            break
        out.pop(0)
    return out


def rstrip_spans(spans: list[Span], chars: str = BLANK) -> list[Span]:
    out = list(spans)
    while out and out[-1].is_text and not out[-1].raw:
        stripped = out[-1].text.rstrip(chars)
        if stripped:
            out[-1] = replace(out[-1], text=stripped)
            break
        out.pop()
    return out


def strip_spans(spans: list[Span]) -> list[Span]:
    return rstrip_spans(lstrip_spans(spans))


def drop_chars(spans: list[Span], n: int) -> list[Span]:
    """``spans`` without their first ``n`` text characters."""
    out = list(spans)
    while n > 0 and out and out[0].is_text:
        head = out[0]
        if len(head.text) <= n:
            n -= len(head.text)
            out.pop(0)
        else:
            out[0] = replace(head, text=head.text[n:])
            n = 0
    return out


def split_lines(spans: list[Span]) -> list[list[Span]]:
    """The spans between soft line breaks."""
    lines: list[list[Span]] = [[]]
    for s in spans:
        if s.brk:
            lines.append([])
        else:
            lines[-1].append(s)
    return lines


def join_lines(lines: list[list[Span]]) -> list[Span]:
    out: list[Span] = []
    for i, line in enumerate(lines):
        if i:
            out.append(Span(brk=True))
        out.extend(line)
    return out


# --- HTML → blocks ---------------------------------------------------------------------------------


def parse_html(html: str) -> list[Block]:
    if not html.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.LxmlError):
        raise ImportRefused("无法读取文档的内容：请在 Word 里打开它，另存为一份新的 .docx 再导入。") from None
    blocks: list[Block] = []
    for el in root:
        blocks.extend(_block(el))
    return blocks


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _block(el) -> list[Block]:
    tag = _tag(el)
    if tag == "p" or re.fullmatch(r"h[1-6]", tag):
        spans = _inline(el)
        para = Para(spans, heading=int(tag[1]) if tag != "p" else 0, doc_title="doc-title" in (el.get("class") or ""))
        return [_aligned(para)]
    if tag in ("ul", "ol"):
        notes = _footnotes(el)
        return [notes] if notes else [_list(el)]
    if tag == "table":
        return [_table(el)]
    if tag:
        return [_aligned(Para(_inline(el)))]
    return []


def _aligned(para: Para) -> Para:
    first = next((s for s in para.spans if s.is_text and s.text), None)
    if first is not None and first.text[:1] in MARKERS:
        para.align = "center" if first.text[0] == CENTER else "right" if first.text[0] == RIGHT else ""
    para.spans = [replace(s, text=_unmark(s.text)) if s.is_text else s for s in para.spans]
    return para


def _unmark(text: str) -> str:
    return text.translate({ord(c): None for c in MARKERS})


def _inline(el, fmt: dict | None = None, out: list[Span] | None = None) -> list[Span]:
    fmt = fmt or {}
    out = [] if out is None else out
    if el.text:
        out.append(Span(el.text, **fmt))
    for child in el:
        tag = _tag(child)
        if tag == "br":
            out.append(Span(brk=True))
        elif tag == "img":
            src = child.get("src") or ""
            if src.startswith(IMAGE_SRC) and src[len(IMAGE_SRC) :].isdigit():
                out.append(Span(child.get("alt") or "", image=int(src[len(IMAGE_SRC) :])))
        elif tag in ("strong", "b"):
            _inline(child, {**fmt, "bold": True}, out)
        elif tag in ("em", "i"):
            _inline(child, {**fmt, "italic": True}, out)
        elif tag in ("s", "del", "strike"):
            _inline(child, {**fmt, "strike": True}, out)
        elif tag in ("sup", "sub"):
            _inline(child, {**fmt, tag: True}, out)
        elif tag == "a":
            _anchor(child, fmt, out)
        elif tag in ("p", "ul", "ol", "li", "table", "tr"):
            if out and not out[-1].brk:
                out.append(Span(brk=True))
            _inline(child, fmt, out)
        elif tag in ("td", "th"):
            if out:
                out.append(Span(" ", **fmt))
            _inline(child, fmt, out)
        elif tag:
            _inline(child, fmt, out)
        if child.tail:
            out.append(Span(child.tail, **fmt))
    return out


def _anchor(a, fmt: dict, out: list[Span]) -> None:
    href = a.get("href") or ""
    ref = _NOTE_REF.search(href)
    if ref:
        out.append(Span(f"[^{ref.group(1)}]", raw=True))
        return
    if _BACKLINK.search(href):
        return
    link = href if re.match(r"(?i)(https?:|mailto:)", href) else None
    _inline(a, {**fmt, "href": link} if link else fmt, out)


def _list(el) -> ListBlock:
    items = []
    for li in el:
        if _tag(li) != "li":
            continue
        children = [_list(sub) for sub in li if _tag(sub) in ("ul", "ol")]
        for sub in li:
            if _tag(sub) in ("ul", "ol"):
                tail = sub.tail
                sub.getparent().remove(sub)
                if tail:
                    li.text = (li.text or "") + tail
        items.append(ListItem(_aligned(Para(_inline(li))).spans, children))
    return ListBlock(_tag(el) == "ol", items)


def _footnotes(el) -> Footnotes | None:
    lis = [li for li in el if _tag(li) == "li"]
    ids = [_NOTE_ID.fullmatch(li.get("id") or "") for li in lis]
    if not lis or not all(ids):
        return None
    return Footnotes([(m.group(1), _aligned(Para(_inline(li))).spans) for m, li in zip(ids, lis, strict=True)])


def _table(el) -> Table:
    rows: list[list[list[Span]]] = []
    merged: list[str] = []
    pending: dict[int, int] = {}  # column → rows still covered by a rowspan from above
    for tr in (tr for tr in el.iter("tr") if next(tr.iterancestors("table"), None) is el):
        row: list[list[Span]] = []
        col = 0
        cells = [c for c in tr if _tag(c) in ("td", "th")]
        for cell in cells:
            while pending.get(col, 0) > 0:
                pending[col] -= 1
                row.append([])
                col += 1
            row.append(_aligned(Para(_inline(cell))).spans)
            span_c = _int(cell.get("colspan"))
            span_r = _int(cell.get("rowspan"))
            if span_c > 1 or span_r > 1:
                merged.append(_merge_note(text_of(row[-1]), span_c, span_r))
            for k in range(span_c):
                if span_r > 1:
                    pending[col + k] = span_r - 1
            row.extend([] for _ in range(span_c - 1))
            col += span_c
        while pending.get(col, 0) > 0:
            pending[col] -= 1
            row.append([])
            col += 1
        rows.append(row)
    return Table(rows, merged)


def _merge_note(text: str, cols: int, rows: int) -> str:
    text = " ".join(text.split())
    shown = f"“{text[:12]}{'……' if len(text) > 12 else ''}”" if text else "空格子"
    spans = ([f"横跨 {cols} 列"] if cols > 1 else []) + ([f"竖跨 {rows} 行"] if rows > 1 else [])
    return shown + "、".join(spans)


def _int(value) -> int:
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1
