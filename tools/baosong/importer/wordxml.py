"""WordprocessingML as lxml trees: namespaces, a parser that never resolves entities, text of elements.

ECMA-376 Part 1 names the elements (w:p, w:r, w:t …); Markup Compatibility (Part 3) defines
mc:AlternateContent, whose first understood mc:Choice is what Word shows, mc:Fallback the copy for older readers.
"""

from __future__ import annotations

import lxml.etree as ET

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def q(name: str) -> str:
    """``"w:p"`` → ``"{http://…/main}p"``."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def parse(data: bytes) -> ET._Element:
    """An XML part; entities are never resolved and nothing is fetched (source.py refuses DTDs before this)."""
    parser = ET.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)
    return ET.fromstring(data, parser)


def val(el: ET._Element | None, child: str, attr: str = "w:val") -> str | None:
    """``el/child/@attr`` or None."""
    if el is None:
        return None
    node = el.find(q(child))
    return None if node is None else node.get(q(attr))


def ppr_of(p: ET._Element) -> ET._Element:
    """The paragraph's w:pPr, added (as its first child, where the schema wants it) when missing."""
    ppr = p.find(q("w:pPr"))
    if ppr is None:
        ppr = ET.Element(q("w:pPr"))
        p.insert(0, ppr)
    return ppr


def shown_branch(alt: ET._Element) -> ET._Element | None:
    """The branch of an mc:AlternateContent that holds what Word shows: the first mc:Choice, else mc:Fallback."""
    branch = alt.find(q("mc:Choice"))
    return branch if branch is not None else alt.find(q("mc:Fallback"))


_T, _TAB, _BR, _CR, _ALT, _DEL = (q(n) for n in ("w:t", "w:tab", "w:br", "w:cr", "mc:AlternateContent", "w:del"))
_TEXTPATH = q("v:textpath")
_SKIP = {q("w:instrText"), q("w:delText"), q("w:rPr"), q("w:pPr")}


def text(el: ET._Element, breaks: str = "\n") -> str:
    """The visible text under ``el``: tabs as spaces, line breaks as ``breaks``; of an alternate content only the shown branch."""
    out: list[str] = []
    _collect(el, out, breaks)
    return "".join(out)


def _collect(el: ET._Element, out: list[str], breaks: str) -> None:
    for child in el:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _TAB:
            out.append(" ")
        elif tag in (_BR, _CR):
            out.append(breaks)
        elif tag == _TEXTPATH:  # legacy WordArt keeps its text in an attribute
            out.append(child.get("string") or "")
        elif tag == _ALT:
            branch = shown_branch(child)
            if branch is not None:
                _collect(branch, out, breaks)
        elif tag == q("w:p") and out and out[-1] != breaks:
            out.append(breaks)
            _collect(child, out, breaks)
        elif tag not in _SKIP and tag != _DEL and isinstance(tag, str):
            _collect(child, out, breaks)
