"""Text boxes of every kind brought into the text flow as ordinary paragraphs, in reading order.

Word keeps a text box's paragraphs in a ``w:txbxContent`` inside the paragraph that anchors it: in a VML
``v:textbox`` (``w:pict``), in a DrawingML ``wps:txbx`` (``w:drawing``), inside groups (``wpg:wgp``,
``v:group``), and Word wraps the DrawingML copy in ``mc:AlternateContent`` with a VML ``mc:Fallback``
that WPS often leaves out. mammoth reads only the fallback, so the boxes are lifted out here: their
paragraphs go right after the anchoring paragraph (boxes of one group top to bottom, left to right),
and the box itself is emptied so nothing is read twice. What cannot become text (charts, SmartArt,
embedded objects, equations) is named, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.etree as ET

from .wordxml import q, shown_branch, text

MAX_DEPTH = 8  # text boxes inside text boxes; deeper ones are named, not imported
_TXBX, _TEXTPATH, _ALT = q("w:txbxContent"), q("v:textpath"), q("mc:AlternateContent")
_OBJECTS = {_ALT, q("w:drawing"), q("w:pict"), q("w:object")}
_MATH = {q("m:oMath"), q("m:oMathPara")}
_SHAPES = {q("wps:wsp"), q("v:shape"), q("v:rect"), q("v:roundrect"), q("v:oval")}
_GRAPHIC_KINDS = (("chart", "图表"), ("diagram", "SmartArt 图示"), ("ink", "墨迹"))
_OLE_KINDS = (("Excel", "嵌入的 Excel 表格"), ("Word", "嵌入的 Word 文档"), ("PowerPoint", "嵌入的演示文稿"))


@dataclass
class Box:
    """One text box whose content now sits in the text flow: ``elements`` are its paragraphs and tables."""

    number: int
    elements: list[ET._Element]
    anchor: ET._Element  # the paragraph it was anchored in; its content follows it

    @property
    def text(self) -> str:
        return " ".join(" ".join(text(e, " ").split()) for e in self.elements).strip()


@dataclass
class Missing:
    """Something the importer cannot turn into text (Chinese ``what``), in the paragraph ``anchor``."""

    what: str
    anchor: ET._Element


@dataclass
class Flattened:
    boxes: list[Box] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)


def _inside_box(el: ET._Element) -> bool:
    return any(a.tag == _TXBX for a in el.iterancestors())


def _top_objects(p: ET._Element) -> list[ET._Element]:
    """Drawing containers of the paragraph, outermost only, in document order."""
    found: list[ET._Element] = []

    def walk(el):
        for child in el:
            if child.tag in _OBJECTS:
                found.append(child)
            elif child.tag != _TXBX:
                walk(child)

    walk(p)
    return found


def _holds_text(el: ET._Element) -> bool:
    return any(True for _ in el.iter(_TXBX, _TEXTPATH))


def flatten(body: ET._Element) -> Flattened:
    """Lift every text box under ``body`` (the w:body, or a header's root) into the text flow, in place."""
    result = Flattened()
    for _ in range(MAX_DEPTH):
        anchors = [p for p in body.iter(q("w:p")) if not _inside_box(p)]
        anchors = [p for p in anchors if any(True for _ in p.iter(*_OBJECTS, *_MATH))]
        lifted = False
        for p in anchors:
            lifted |= _lift(p, result)
        if not lifted:
            break
    order = {id(el): i for i, el in enumerate(body.iter())}  # boxes lifted from boxes: number them in reading order
    result.boxes.sort(key=lambda box: order.get(id(box.elements[0]), 0))
    for number, box in enumerate(result.boxes, 1):
        box.number = number
    for box in body.iter(_TXBX):
        if text(box).strip():
            result.missing.append(Missing(f"套了 {MAX_DEPTH} 层以上的文本框", _anchor_of(box)))
    for p in body.iter(q("w:p")):
        if _inside_box(p):
            continue
        for obj in _top_objects(p):
            _name_missing(obj, p, result)
        if any(True for _ in p.iter(*_MATH)):
            result.missing.append(Missing("公式", p))
    return result


def _anchor_of(el: ET._Element) -> ET._Element:
    for a in el.iterancestors(q("w:p")):
        if not _inside_box(a):
            return a
    return el


def _lift(p: ET._Element, result: Flattened) -> bool:
    lifted = False
    after = p
    for obj in _top_objects(p):
        source = _text_branch(obj) if obj.tag == _ALT else obj
        if source is None or not _holds_text(source):
            continue
        lifted = True
        for container in _in_reading_order(_containers(source)):
            elements = _take(container)
            if not elements or not any(text(e).strip() or _has_picture(e) for e in elements):
                continue
            for el in elements:
                after.addnext(el)
                after = el
            result.boxes.append(Box(len(result.boxes) + 1, elements, p))
        _empty(obj)
    return lifted


def _text_branch(alt: ET._Element) -> ET._Element | None:
    """The branch to read text from: what Word shows (mc:Choice) when it has the text, else mc:Fallback."""
    shown = shown_branch(alt)
    if shown is not None and _holds_text(shown):
        return shown
    fallback = alt.find(q("mc:Fallback"))
    return fallback if fallback is not None and _holds_text(fallback) else None


def _containers(source: ET._Element) -> list[ET._Element]:
    """Text containers under ``source`` that are not inside another one (those come out in a later round)."""
    out = []
    for el in source.iter(_TXBX, _TEXTPATH):
        nested = False
        for a in el.iterancestors():
            if a is source:
                break
            nested |= a.tag == _TXBX
        if not nested:
            out.append(el)
    return out


def _in_reading_order(containers: list[ET._Element]) -> list[ET._Element]:
    """Boxes of one group top to bottom, then left to right, when every box has a position; else document order."""
    keys = [_position(c) for c in containers]
    if len(containers) < 2 or any(k is None for k in keys):
        return containers
    return [c for _, c in sorted(zip(keys, containers, strict=True), key=lambda kc: kc[0])]


_VML_POS = re.compile(r"(?:^|;)\s*(?:margin-)?(top|left)\s*:\s*(-?[\d.]+)")


def _position(container: ET._Element) -> tuple[float, float] | None:
    shape = next((a for a in container.iterancestors() if a.tag in _SHAPES), None)
    if shape is None:
        return None
    if shape.tag == q("wps:wsp"):
        off = shape.find(f"{q('wps:spPr')}/{q('a:xfrm')}/{q('a:off')}")
        if off is None:
            return None
        try:
            return float(off.get("y", "0")), float(off.get("x", "0"))
        except ValueError:
            return None
    found = dict(_VML_POS.findall(shape.get("style") or ""))
    if "top" not in found:
        return None
    try:
        return float(found["top"]), float(found.get("left", "0"))
    except ValueError:
        return None


def _take(container: ET._Element) -> list[ET._Element]:
    """The container's paragraphs and tables, detached; WordArt's text as a new paragraph."""
    if container.tag == _TEXTPATH:
        words = (container.get("string") or "").strip()
        if not words:
            return []
        p = ET.Element(q("w:p"))
        ET.SubElement(ET.SubElement(p, q("w:r")), q("w:t")).text = words
        return [p]
    out = [child for child in container if child.tag in (q("w:p"), q("w:tbl"), q("w:sdt"))]
    for child in out:
        container.remove(child)
    return out


def _has_picture(el: ET._Element) -> bool:
    return any(True for _ in el.iter(q("a:blip"), q("v:imagedata")))


def _empty(obj: ET._Element) -> None:
    """Remove the text of every branch so that no reader sees it twice; pictures stay for mammoth."""
    for container in list(obj.iter(_TXBX, _TEXTPATH)):
        container.getparent().remove(container)
    if obj.tag == _ALT and obj.find(q("mc:Fallback")) is None:
        # mammoth reads only mc:Fallback: give it what Word shows (pictures of the shape)
        shown = obj.find(q("mc:Choice"))
        if shown is not None:
            fallback = ET.SubElement(obj, q("mc:Fallback"))
            fallback.extend(list(shown))


def _name_missing(obj: ET._Element, p: ET._Element, result: Flattened) -> None:
    branch = shown_branch(obj) if obj.tag == _ALT else obj
    if branch is None:
        return
    for data in branch.iter(q("a:graphicData")):
        uri = data.get("uri") or ""
        for key, what in _GRAPHIC_KINDS:
            if key in uri:
                result.missing.append(Missing(what, p))
    for ole in branch.iter(q("o:OLEObject")):
        prog = ole.get("ProgID") or ""
        what = next((name for key, name in _OLE_KINDS if key in prog), f"嵌入的对象（{prog or '未知类型'}）")
        result.missing.append(Missing(what, p))
