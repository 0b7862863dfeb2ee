"""Word's automatic numbers (numbering.xml) written into the paragraphs as the text the reader sees.

mammoth turns numbered paragraphs into HTML lists and numbered headings into bare headings, so
一、（一）1、 from a numbering definition were lost. Here every numbered paragraph that is not a bullet gets
its visible label as text (ECMA-376 Part 1 §17.9: w:numPr on the paragraph or its style, w:num →
w:abstractNum, w:lvl's w:numFmt, w:lvlText with %1…%9, w:start, w:lvlOverride/w:startOverride) and loses
its list property; the importer then reads it like a number typed by hand (habits.py: headings, lists).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import lxml.etree as ET

from .wordxml import ppr_of, q, val

_CN = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"))
_ROMAN += ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_CJK_END = "、）)．.：:"


def _chinese(n: int, digits: str = _CN, ten: str = "十", hundred: str = "百") -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五 (chineseCounting)."""
    if n <= 0 or n >= 1000:
        return str(n)
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    out = digits[h] + hundred if h else ""
    if t:
        out += ("" if t == 1 and not h else digits[t]) + ten
    elif h and u:
        out += digits[0]
    return out + (digits[u] if u else "")


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    n = max(n, 1)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _from(table: str, n: int) -> str:
    return table[n - 1] if 1 <= n <= len(table) else str(n)


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({ord(c): 0xFF10 + int(c) for c in "0123456789"}),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "chineseLegalSimplified": lambda n: _chinese(n, _CN_LEGAL, "拾", "佰"),
    "ideographDigital": lambda n: "".join(_CN[int(c)] for c in str(n)),
    "ideographTraditional": lambda n: _from(_TIANGAN, n),
    "ideographZodiac": lambda n: _from(_DIZHI, n),
    "decimalEnclosedCircle": lambda n: _from(_CIRCLED, n),
    "decimalEnclosedCircleChinese": lambda n: _from(_CIRCLED, n),
    "decimalEnclosedParen": lambda n: _from(_PAREN, n),
    "none": lambda n: "",
}


@dataclass
class Level:
    fmt: str
    text: str  # lvlText, e.g. "%1、" or "（%2）"
    start: int
    suffix: str  # tab | space | nothing


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class Numbering:
    """The numbering definitions of one document, with the running counters of its lists."""

    def __init__(self, numbering: ET._Element | None, styles: ET._Element | None):
        self.levels: dict[str, dict[int, Level]] = {}
        self.num_abstract: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.style_link: dict[str, str] = {}  # abstractNum with numStyleLink → style id
        self.by_style_level: dict[str, tuple[str, int]] = {}  # lvl/w:pStyle → (abstract id, level)
        self.styles: dict[str, ET._Element] = {}
        if styles is not None:
            for st in styles.iter(q("w:style")):
                if st.get(q("w:styleId")):
                    self.styles[st.get(q("w:styleId"))] = st
        if numbering is not None:
            self._read(numbering)
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[str] = set()

    def _read(self, root: ET._Element) -> None:
        for ab in root.iter(q("w:abstractNum")):
            aid = ab.get(q("w:abstractNumId")) or ""
            link = val(ab, "w:numStyleLink")
            if link:
                self.style_link[aid] = link
            levels = {}
            for lvl in ab.iter(q("w:lvl")):
                ilvl = _int(lvl.get(q("w:ilvl")), 0)
                levels[ilvl] = Level(
                    val(lvl, "w:numFmt") or "decimal",
                    val(lvl, "w:lvlText") or "",
                    _int(val(lvl, "w:start"), 1),
                    val(lvl, "w:suff") or "tab",
                )
                if val(lvl, "w:pStyle"):
                    self.by_style_level[val(lvl, "w:pStyle")] = (aid, ilvl)
            self.levels[aid] = levels
        for num in root.iter(q("w:num")):
            nid = num.get(q("w:numId")) or ""
            self.num_abstract[nid] = val(num, "w:abstractNumId") or ""
            self.overrides[nid] = {
                _int(o.get(q("w:ilvl")), 0): _int(val(o, "w:startOverride"), 1)
                for o in num.iter(q("w:lvlOverride"))
                if val(o, "w:startOverride") is not None
            }

    def _style_numpr(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            st = self.styles[style_id]
            numpr = st.find(f"{q('w:pPr')}/{q('w:numPr')}")
            if numpr is not None:
                ilvl = val(numpr, "w:ilvl")
                return val(numpr, "w:numId"), _int(ilvl, 0) if ilvl is not None else None
            style_id = val(st, "w:basedOn")
        return None, None

    def _abstract(self, num_id: str) -> str | None:
        aid = self.num_abstract.get(num_id)
        if aid is not None and aid in self.style_link:  # the list's definition lives on a numbering style
            linked, _ = self._style_numpr(self.style_link[aid])
            aid = self.num_abstract.get(linked or "", aid)
        return aid

    def label(self, p: ET._Element) -> str | None:
        """The visible number of paragraph ``p`` (counters advance), ``None`` when it has none or is a bullet."""
        ppr = p.find(q("w:pPr"))
        style_id = val(ppr, "w:pStyle")
        numpr = ppr.find(q("w:numPr")) if ppr is not None else None
        num_id = val(numpr, "w:numId")
        ilvl_text = val(numpr, "w:ilvl")
        ilvl = _int(ilvl_text, 0) if ilvl_text is not None else None
        if num_id is None:
            num_id, ilvl = self._style_numpr(style_id)
        if num_id is None and (style_id or "") in self.by_style_level:  # linked only from the level (w:lvl/w:pStyle)
            aid, ilvl = self.by_style_level[style_id]
            num_id = next((nid for nid, a in self.num_abstract.items() if a == aid), None)
        if num_id is None or num_id == "0":
            return None
        aid = self._abstract(num_id)
        if aid is None or aid not in self.levels:
            return None
        if ilvl is None:
            ilvl = self.by_style_level.get(style_id or "", (aid, 0))[1]
        levels = self.levels[aid]
        level = levels.get(ilvl)
        if level is None or level.fmt == "bullet":
            return None
        counters = self.counters.setdefault(aid, [None] * 10)
        if num_id not in self.used:  # a list that restarts its numbers (w:startOverride)
            self.used.add(num_id)
            for k, start in self.overrides.get(num_id, {}).items():
                if 0 <= k < 10:
                    counters[k] = start - 1
        current = counters[ilvl]
        counters[ilvl] = (current + 1) if current is not None else level.start
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        out = level.text
        for k in range(9, -1, -1):
            marker = f"%{k + 1}"
            if marker in out:
                lv = levels.get(k) or level
                n = counters[k] if counters[k] is not None else lv.start
                out = out.replace(marker, FORMATS.get(lv.fmt, str)(n))
        if not out:
            return None
        return out + ("" if level.suffix == "nothing" or out[-1] in _CJK_END else " ")


def write_labels(body: ET._Element, numbering: Numbering) -> int:
    """Give every numbered, non-bullet paragraph under ``body`` its label as text; the count of labels written."""
    written = 0
    for p in body.iter(q("w:p")):
        label = numbering.label(p)
        if label is None:
            continue
        ppr = ppr_of(p)
        old = ppr.find(q("w:numPr"))
        if old is not None:
            ppr.remove(old)
        numpr = ET.Element(q("w:numPr"))  # numId 0: "not numbered", also against a numbered style
        ET.SubElement(numpr, q("w:ilvl")).set(q("w:val"), "0")
        ET.SubElement(numpr, q("w:numId")).set(q("w:val"), "0")
        style = ppr.find(q("w:pStyle"))
        if style is not None:
            style.addnext(numpr)
        else:
            ppr.insert(0, numpr)
        run = ET.Element(q("w:r"))
        first = p.find(q("w:r"))
        if first is not None and first.find(q("w:rPr")) is not None:
            run.append(copy.deepcopy(first.find(q("w:rPr"))))
        t = ET.SubElement(run, q("w:t"))
        t.text = label
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        ppr.addnext(run)
        written += 1
    return written
