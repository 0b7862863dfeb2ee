"""How a paragraph looks in Word: font size, red text, alignment, borders and drawn lines, style.

Run properties resolve as Word does (ECMA-376 Part 1 §17.7.2): direct formatting, then the run's character
style, then the paragraph style and its w:basedOn chain, then w:docDefaults.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree as ET

from .wordxml import q, text, val

DEFAULT_SIZE = 10.5  # Word's 五号 when styles say nothing
_RULE_TEXT = re.compile(r"[-—_━─═=＝~～·★☆\s]{8,}")
_RULE_GEOMETRY = {"line", "straightConnector1"}


@dataclass(frozen=True)
class Look:
    text: str  # whitespace collapsed
    size: float  # points, the largest of the visible text
    red: bool  # most of the visible text is red
    centred: bool
    rule: bool  # a border, a drawn line or a typed line of dashes
    title_style: bool  # Word's Title style or a Heading style
    style_name: str


def _is_red(color: str | None) -> bool:
    if not color or not re.fullmatch(r"[0-9A-Fa-f]{6}", color):
        return False
    r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    return r >= 0xB0 and g <= 0x60 and b <= 0x60


class Looks:
    def __init__(self, styles: ET._Element | None):
        self.styles: dict[str, ET._Element] = {}
        self.default_size = DEFAULT_SIZE
        if styles is None:
            return
        for st in styles.iter(q("w:style")):
            if st.get(q("w:styleId")):
                self.styles[st.get(q("w:styleId"))] = st
        size = val(styles.find(f"{q('w:docDefaults')}/{q('w:rPrDefault')}/{q('w:rPr')}"), "w:sz")
        self.default_size = _half_points(size) or DEFAULT_SIZE

    def _style_prop(self, style_id: str | None, child: str, props: str = "w:rPr") -> str | None:
        """``child``'s w:val in the style's ``props`` (w:rPr or w:pPr), following the w:basedOn chain."""
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            st = self.styles[style_id]
            value = val(st.find(q(props)), child)
            if value is not None:
                return value
            style_id = val(st, "w:basedOn")
        return None

    def style_name(self, style_id: str | None) -> str:
        st = self.styles.get(style_id or "")
        return (val(st, "w:name") or "") if st is not None else ""

    def of(self, el: ET._Element) -> Look:
        """The look of a body paragraph or table ``el``."""
        ppr = el.find(q("w:pPr"))
        pstyle = val(ppr, "w:pStyle")
        sizes, red_chars, chars = [], 0, 0
        for r in el.iter(q("w:r")):
            words = "".join(t.text or "" for t in r.iter(q("w:t"))).strip()
            if not words:
                continue
            rpr = r.find(q("w:rPr"))
            rstyle = val(rpr, "w:rStyle")
            size = _half_points(
                val(rpr, "w:sz") or self._style_prop(rstyle, "w:sz") or self._style_prop(pstyle, "w:sz")
            )
            sizes.append(size or self.default_size)
            color = val(rpr, "w:color") or self._style_prop(rstyle, "w:color") or self._style_prop(pstyle, "w:color")
            chars += len(words)
            red_chars += len(words) if _is_red(color) else 0
        shown = " ".join(text(el, " ").split())
        name = self.style_name(pstyle).lower()
        return Look(
            text=shown,
            size=max(sizes, default=0.0),
            red=chars > 0 and red_chars * 2 > chars,
            centred=(val(ppr, "w:jc") or self._style_prop(pstyle, "w:jc", "w:pPr")) == "center",
            rule=_has_rule(el, ppr) or bool(_RULE_TEXT.fullmatch(shown)),
            title_style=name in ("title", "标题") or name.startswith(("heading 1", "标题 1")),
            style_name=name,
        )


def _half_points(value: str | None) -> float | None:
    try:
        return int(value) / 2 if value else None
    except ValueError:
        return None


def _has_rule(el: ET._Element, ppr: ET._Element | None) -> bool:
    """A paragraph border, a drawn line (VML or DrawingML) or a red table border."""
    if ppr is not None:
        borders = ppr.find(q("w:pBdr"))
        if borders is not None and any(b.get(q("w:val")) not in (None, "none", "nil") for b in borders):
            return True
    if el.tag == q("w:tbl"):
        for b in el.iter(q("w:bottom"), q("w:top")):
            if b.get(q("w:val")) not in (None, "none", "nil") and _is_red(b.get(q("w:color"))):
                return True
    for shape in el.iter(q("v:line"), q("v:rect"), q("v:shape"), q("a:prstGeom")):
        if shape.tag == q("v:line") or (shape.tag == q("v:rect") and shape.get(q("o:hr")) in ("t", "true")):
            return True
        if shape.tag == q("v:shape") and re.search(r"_x0000_t(?:32|20)$", shape.get("type") or ""):
            return True
        if shape.tag == q("a:prstGeom") and shape.get("prst") in _RULE_GEOMETRY:
            return True
    return False
