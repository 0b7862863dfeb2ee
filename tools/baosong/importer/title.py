"""The item's title: the document's visible title line, else its Title property, else the file name.

The visible first line wins over the Title property because Word keeps that property from whatever
document a file was copied from, so it is often stale; the reporter sees and checks the first line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from .blocks import BLANK, Block, Para, has_image, split_lines, strip_spans, text_of
from .habits import is_empty, mark_of

MAX_TITLE = 60
_END_PUNCT = "。，,；;：:！!？?、"
_GENERIC = re.compile(
    r"(?i)(word document|document\d*|文档\d*|无标题.*|untitled.*|标题|title|新建.*文档.*|"
    r"microsoft word.*|doc\d*|docx)"
)


@dataclass(frozen=True)
class Title:
    text: str
    source: str  # Chinese, for the notes: where the title was taken from
    marks: tuple[str, ...] = ()  # note marks the title line carried (taken off the title)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("\n", "")).strip(BLANK + " ")


def note_marks(para: Para) -> list[str]:
    """Numbers of the footnote or endnote marks in ``para`` (the importer writes them as raw ``[^N]``)."""
    return [s.text[2:-1] for s in para.spans if s.raw and s.text.startswith("[^")]


def _unmarked(para: Para) -> Para:
    """The paragraph without its note marks: a title never carries them."""
    return replace(para, spans=[s for s in para.spans if not s.raw])


def _is_bold(para: Para) -> bool:
    texts = [s for s in para.spans if s.is_text and s.text.strip(BLANK)]
    return bool(texts) and all(s.bold for s in texts)


def _visible(para: Para) -> str:
    """The first paragraph's text when it looks like a title, else ""."""
    if has_image(para.spans):
        return ""
    para = _unmarked(para)
    text = _clean("".join(text_of(strip_spans(line)) for line in split_lines(para.spans)))
    if not text or len(text) > MAX_TITLE + 20 or mark_of(text):
        return ""
    if para.heading or para.doc_title:
        return text
    if text[-1] in _END_PUNCT or len(text) > MAX_TITLE:
        return ""
    if _is_bold(para) or para.align == "center":
        return text
    return text if len(text) <= 40 else ""


def _usable_property(core_title: str) -> str:
    text = _clean(core_title)
    if len(text) < 4 or _GENERIC.fullmatch(text):
        return ""
    return text


def take_title(blocks: list[Block], core_title: str, file_stem: str) -> tuple[Title, list[Block]]:
    """The title and the blocks without the title line (when the title came from the body)."""
    blocks = [b for b in blocks if not is_empty(b)]
    first = blocks[0] if blocks else None
    rest = blocks[1:]
    if isinstance(first, Para):
        shown = _visible(first)
        if shown and (rest or not core_title):
            how = (
                "标题样式"
                if first.heading or first.doc_title
                else "加粗"
                if _is_bold(_unmarked(first))
                else "居中"
                if first.align == "center"
                else "第一行"
            )
            return Title(shown, f"文档第一行（{how}）", tuple(note_marks(first))), rest
    prop = _usable_property(core_title)
    if prop:
        if isinstance(first, Para) and _clean(_unmarked(first).text) == prop:
            return Title(prop, "文档属性里的标题", tuple(note_marks(first))), rest
        return Title(prop, "文档属性里的标题"), blocks
    return Title(_clean(file_stem) or "请填写标题", "文件名"), blocks
