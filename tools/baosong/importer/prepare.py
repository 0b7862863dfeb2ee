"""The .docx made ready for mammoth: text boxes lifted, automatic numbers written as text, 版头 taken out.

Also reads what is not imported (版头, headers, footers) so that the scanners see it (outside.py).
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO

import lxml.etree as ET

from . import masthead as mh
from .looks import Looks
from .numbering import Numbering, write_labels
from .source import ImportRefused
from .textboxes import Box, flatten
from .wordxml import parse as parse_xml
from .wordxml import q, text

DOCUMENT = "word/document.xml"
_HEADER_TYPES = {"header": "页眉", "footer": "页脚", "comments": "批注"}
_SHORT = 16
TAKEN_AS_TITLE = "是文档的标题，已作标题"


@dataclass
class Prepared:
    data: bytes  # the package for mammoth
    masthead: mh.Masthead | None = None
    headline: str = ""  # the headline's text when one was found under a 版头
    notes: list[str] = field(default_factory=list)  # text boxes and what could not be imported
    box_texts: dict[int, str] = field(default_factory=dict)  # index in notes → the box's whole text
    places: list[tuple[str, str]] = field(default_factory=list)  # (版头 | 页眉 | 页脚, text) for the scanners


def _short(text_: str) -> str:
    text_ = " ".join(text_.split())
    return text_ if len(text_) <= _SHORT else text_[:_SHORT].rstrip() + "……"


def _part(zf: zipfile.ZipFile, name: str) -> ET._Element | None:
    try:
        return parse_xml(zf.read(name))
    except KeyError:
        return None


def _headers_and_footers(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(页眉 | 页脚 | 批注, text) of the parts the document links to; mammoth reads none of them."""
    rels = _part(zf, "word/_rels/document.xml.rels")
    if rels is None:
        return []
    out = []
    for rel in rels.iter(q("rel:Relationship")):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if kind not in _HEADER_TYPES or rel.get("TargetMode") == "External":
            continue
        name = posixpath.normpath(posixpath.join("word", target)) if not target.startswith("/") else target[1:]
        root = _part(zf, name) if name in zf.namelist() else None
        if root is not None:
            out.append((_HEADER_TYPES[kind], text(root, "\n")))
    return out


def prepare(data: bytes, today: date) -> Prepared:
    """Rewrite ``data`` (a checked .docx, source.check_bytes) for mammoth; ImportRefused when it cannot be read."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            document = parse_xml(zf.read(DOCUMENT))
            styles = _part(zf, "word/styles.xml")
            numbering = _part(zf, "word/numbering.xml")
            places = _headers_and_footers(zf)
    except (ET.XMLSyntaxError, zipfile.BadZipFile, KeyError, ValueError):
        raise ImportRefused(
            "无法读取文档的内容（文件可能已损坏）：请在 Word 里打开它，另存为一份新的 .docx 再导入。"
        ) from None
    body = document.find(q("w:body"))
    if body is None:
        return Prepared(data)
    flat = flatten(body)
    write_labels(body, Numbering(numbering, styles))
    masthead, headline = mh.find(body, Looks(styles), today)
    result = Prepared(_repack(data, document), masthead)
    if masthead is not None:
        result.places.append(("版头", "\n".join(masthead.texts)))
    result.places.extend(places)
    for place in ("页眉", "页脚", "批注"):
        if any(where == place and words.strip() for where, words in places):
            result.notes.append(f"{place}里的文字没有导入（不属于正文，不会发布），已检查其中有没有不能报送的内容")
    if headline is not None:
        result.headline = " ".join(text(headline, "").split())
    result.box_texts = {len(result.notes) + i: box.text for i, box in enumerate(flat.boxes)}
    result.notes += [_box_note(box, body, headline) for box in flat.boxes]
    result.notes += _hidden_and_revisions(body) + [
        f"{_where(m.anchor, body, headline, set(), inside=True)}有{m.what}，没有导入：请把其中的文字另写进正文"
        for m in flat.missing
    ]
    return result


def _hidden_and_revisions(body: ET._Element) -> list[str]:
    """Notes on text Word does not show as written: hidden text (imported) and tracked changes (as accepted)."""
    out = []
    hidden = [
        "".join(t.text or "" for t in r.iter(q("w:t")))
        for r in body.iter(q("w:r"))
        if r.find(f"{q('w:rPr')}/{q('w:vanish')}") is not None
    ]
    hidden = [h for h in hidden if h.strip()]
    if hidden:
        out.append(f"文档里有隐藏的文字（“{_short(' '.join(hidden))}”），已作为普通文字导入：不该报送的请删除")
    changes = sum(1 for _ in body.iter(q("w:ins"), q("w:del"), q("w:moveFrom"), q("w:moveTo")))
    if changes:
        out.append(f"文档里有 {changes} 处没有接受的修订：已按“接受所有修订”后的样子导入（删去的文字不导入），请核对")
    return out


def _box_note(box: Box, body: ET._Element, headline: ET._Element | None) -> str:
    shown = f"第 {box.number} 个文本框的文字（“{_short(box.text)}”）"
    if not any(_is_below(el, body) for el in box.elements):  # taken out with the 版头
        return shown + "在版头里，和版头一起去掉了"
    if headline is not None and any(el is headline for el in box.elements):
        return shown + TAKEN_AS_TITLE
    own = {id(p) for el in box.elements for p in el.iter(q("w:p"))}
    first = next(box.elements[0].iter(q("w:p")), box.elements[0])
    return shown + f"已作为普通段落放在{_where(first, body, headline, own)}，请核对位置"


def _where(first: ET._Element, body: ET._Element, headline, own: set[int], inside: bool = False) -> str:
    """Where ``first`` is, for the notes: after which paragraph of the body (or in it, when ``inside``)."""
    if inside and text(first).strip():
        return f"“{_short(text(first, ' '))}”这一段里"
    before = ""
    for p in body.iter(q("w:p")):
        if p is first:
            break
        if id(p) not in own and p is not headline and text(p).strip():
            before = text(p, " ")
    return f"“{_short(before)}”这一段之后" if before else "正文开头"


def _is_below(el: ET._Element, top: ET._Element) -> bool:
    return any(a is top for a in el.iterancestors())


def _repack(data: bytes, document: ET._Element) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == DOCUMENT:
                dst.writestr(DOCUMENT, ET.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True))
            else:
                dst.writestr(info, src.read(info))
    return out.getvalue()
