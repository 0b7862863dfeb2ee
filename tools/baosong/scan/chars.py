"""The characters scanners see through, computed from the Unicode database (``unicodedata``), not listed by hand.

Issue 12 (text as reporters paste it): after NFKC, *ignored* characters are removed before matching:
every format character (category Cf: zero-width space and joiners U+200B–U+200D, marks U+200E/U+200F,
bidi controls U+202A–U+202E and U+2066–U+2069, word joiner and invisible operators U+2060–U+2064,
U+FEFF, soft hyphen U+00AD, tag characters U+E0001–U+E007F, ...). Between digit groups every space
(Zs, and the line and paragraph separators Zl, Zp), every dash (Pd) and every dot (full stops, middle
dots, bullets) is a separator. The rules are data (category and name patterns) so the browser scanners
of issue 16 can be generated from them (``\\p{Cf}``, ``\\p{Zs}``, ``\\p{Pd}`` in JavaScript).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

IGNORED_CATEGORIES = ("Cf",)
SPACE_CATEGORIES = ("Zs", "Zl", "Zp")
DASH_CATEGORIES = ("Pd",)
# Dots people put between digit groups (139.1234.5678, 139·1234·5678): punctuation or math symbols named so.
DOT_CATEGORIES = ("Po", "Sm")
DOT_NAMES = re.compile(r"(?:^| )(?:FULL STOP|MIDDLE DOT|BULLET|BULLET OPERATOR|DOT OPERATOR|HYPHENATION POINT)$")
# Every Z* and Pd code point and every dot lies in the Basic or the Supplementary Multilingual Plane
# (tests check this against the whole range).
PLANES = (0, 1)

# What a report calls the invisible characters reporters meet most; others by code point and Unicode name.
NAMES_ZH = {
    "\u200b": "零宽空格",
    "\u200c": "零宽不连字",
    "\u200d": "零宽连字",
    "\u200e": "左至右标记",
    "\u200f": "右至左标记",
    "\u2060": "零宽不换行",
    "\ufeff": "零宽不换行空格（BOM）",
    "\u00ad": "软连字符",
    "\u2061": "不可见函数符",
    "\u2062": "不可见乘号",
    "\u2063": "不可见分隔符",
    "\u2064": "不可见加号",
    "\u180e": "蒙古文元音分隔符",
    "\u202a": "左至右嵌入符",
    "\u202b": "右至左嵌入符",
    "\u202c": "方向格式结束符",
    "\u202d": "左至右强制符",
    "\u202e": "右至左强制符",
    "\u061c": "阿拉伯字母标记",
    "\u2066": "左至右隔离符",
    "\u2067": "右至左隔离符",
    "\u2068": "方向隔离符",
    "\u2069": "方向隔离结束符",
}


# Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the right-to-left marks (U+200F, Arabic
# U+061C): they turn text around on a page, so that a reader sees what the reporter did not appear to write (右至左强制符
# shows 正常文字 as 字文常正; a right-to-left mark shows 95 88 76分 as 76 88 95分). Chinese reports have no use for them;
# the left-to-right mark U+200E changes nothing on a left-to-right page and is left to the other rules.
TEXT_DIRECTION = "\u061c\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# the same characters written as HTML character references (&#8238; &#x202E; &rlm;; a browser reads a numeric one
# without its semicolon too)
TEXT_DIRECTION_REF = re.compile(
    r"&#(?:[xX]0*(?:202[a-eA-E]|206[6-9]|200[fF]|61[cC])(?![0-9a-fA-F])|0*(?:823[4-8]|829[4-7]|8207|1564)(?!\d));?"
    r"|&rlm;"
)


@dataclass(frozen=True)
class CharClasses:
    """``spaces``: every space and line or paragraph separator (Zs, Zl, Zp); ``dashes``: every dash (Pd);
    ``dots``: full stops, middle dots, bullets; ``joiners``: the underscore and the tilde people type between
    digit groups too (``139_5724_6861``, ``139~5724~6836``; after NFKC a full-width ＿ or ～ is one of these)."""

    spaces: str
    dashes: str
    dots: str
    joiners: str = "_~"

    @property
    def separators(self) -> str:
        return self.spaces + self.dashes + self.dots + self.joiners

    def kinds(self) -> dict[int, str]:
        """A ``str.translate`` table: every separator → ``" "``, ``"-"`` (dashes, ``_`` and ``~``) or ``"."``, so ``139–1234-5678`` is
        split by one kind of separator (an en dash and a hyphen are both dashes)."""
        table = dict.fromkeys(map(ord, self.spaces + "\t"), " ")
        table.update(dict.fromkeys(map(ord, self.dashes + "\u2212"), "-"))
        table.update(dict.fromkeys(map(ord, self.dots), "."))
        table.update(dict.fromkeys(map(ord, self.joiners), "-"))  # 139-5724_6813: one kind, like a dash
        return table


def is_ignored(ch: str) -> bool:
    """True for a character removed before matching (a format character, category Cf)."""
    return unicodedata.category(ch) in IGNORED_CATEGORIES


def strip_ignored(text: str) -> str:
    """``text`` without its format characters. Python-speed: call it only when ``text`` is not printable."""
    return "".join([c for c in text if c.isprintable() or not is_ignored(c)])


def char_class(chars: str) -> str:
    """The inside of a regex character class (no brackets) holding exactly ``chars``, as ranges.

    Ranges keep ``re`` quick: a class listing hundreds of single characters is slow to search.
    """
    points = sorted({ord(c) for c in chars})
    out = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        first, last = re.escape(chr(points[i])), re.escape(chr(points[j]))
        out.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return "".join(out)


@cache
def classes() -> CharClasses:
    """Built once per process (some 0.05 s: two planes of ``unicodedata.category``)."""
    spaces, dashes, dots = [], [], []
    category, name = unicodedata.category, unicodedata.name
    for plane in PLANES:
        for code in range(plane << 16, (plane + 1) << 16):
            ch = chr(code)
            kind = category(ch)
            if kind in SPACE_CATEGORIES:
                spaces.append(ch)
            elif kind in DASH_CATEGORIES:
                dashes.append(ch)
            elif kind in DOT_CATEGORIES and DOT_NAMES.search(name(ch, "")):
                dots.append(ch)
    return CharClasses("".join(spaces), "".join(dashes), "".join(dots))


def describe(ch: str) -> str:
    """``"\\u200b"`` → ``"零宽空格 U+200B"``; unknown ones by their Unicode name."""
    code = f"U+{ord(ch):04X}"
    zh = NAMES_ZH.get(ch)
    if zh:
        return f"{zh} {code}"
    return f"{code} {unicodedata.name(ch, '看不见的字符')}"
