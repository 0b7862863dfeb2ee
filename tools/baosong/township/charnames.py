"""Invisible and look-alike characters, named so that a reporter can find them (F14).

Word, WeChat and web editors put characters into text that look like nothing or like an ASCII letter:
no-break spaces, zero-width spaces, byte-order marks, direction marks, full-width letters. A message that
shows "mengwang" beside "mengwang" helps nobody, so each such character is named by its code point, a
Chinese name for the common ones and otherwise the Unicode name (``unicodedata``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Chinese names of the characters editors most often leave behind; others fall back to the Unicode name.
ZH_NAMES = {
    "\u00a0": "不换行空格",
    "\u00ad": "软连字符",
    "\u1680": "欧甘空格",
    "\u180e": "蒙古文元音分隔符",
    "\u2000": "半身空格",
    "\u2001": "全身空格",
    "\u2002": "半角宽空格",
    "\u2003": "全角宽空格",
    "\u2004": "三分之一空格",
    "\u2005": "四分之一空格",
    "\u2006": "六分之一空格",
    "\u2007": "数字空格",
    "\u2008": "标点空格",
    "\u2009": "窄空格",
    "\u200a": "细空格",
    "\u200b": "零宽空格",
    "\u200c": "零宽不连字",
    "\u200d": "零宽连字",
    "\u200e": "从左到右标记",
    "\u200f": "从右到左标记",
    "\u2028": "行分隔符",
    "\u2029": "段分隔符",
    "\u202a": "从左到右嵌入",
    "\u202b": "从右到左嵌入",
    "\u202c": "方向格式结束",
    "\u202d": "从左到右强制",
    "\u202e": "从右到左强制",
    "\u202f": "窄不换行空格",
    "\u205f": "数学中等空格",
    "\u2060": "词连接符",
    "\u2061": "不可见函数符",
    "\u2062": "不可见乘号",
    "\u2063": "不可见分隔符",
    "\u2064": "不可见加号",
    "\u2066": "从左到右隔离",
    "\u2067": "从右到左隔离",
    "\u2068": "首字方向隔离",
    "\u2069": "方向隔离结束",
    "\u3000": "全角空格",
    "\u3164": "韩文填充符",
    "\ufeff": "字节顺序标记（零宽不换行空格）",
    "\ufffc": "对象替换符",
    "\ufffd": "替换字符（乱码）",
}
_SCRIPT_ZH = {"CYRILLIC": "西里尔字母", "GREEK": "希腊字母", "FULLWIDTH": "全角字符", "ARMENIAN": "亚美尼亚字母"}


# Every character of categories Cc, Cf, Zs, Zl, Zp except tab, newline and space (Unicode 14, Python 3.11's
# unicodedata), plus the Hangul fillers and U+FFFC: a quick test before naming characters one by one.
# tests/test_reporter_mistakes.py checks it against unicodedata, so a newer Unicode cannot slip past unnoticed.
MAYBE_ODD = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\xa0\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f-\u1160"
    "\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u206f\u3000\u3164\ufeff\ufff9-\ufffc"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)


@dataclass(frozen=True)
class Odd:
    """One odd character in a line: ``column`` is 1-based; ``kind`` is space | format | lookalike."""

    char: str
    column: int
    kind: str

    @property
    def label(self) -> str:
        return describe(self.char)


def describe(ch: str) -> str:
    """``"\\u200b"`` → ``"U+200B 零宽空格"``; a look-alike letter also says what it looks like."""
    code = f"U+{ord(ch):04X}"
    if ch in ZH_NAMES:
        return f"{code} {ZH_NAMES[ch]}"
    name = unicodedata.name(ch, "")
    looks = ascii_twin(ch)
    script = next((zh for word, zh in _SCRIPT_ZH.items() if name.startswith(word)), "")
    if looks and script:
        return f"{code} {script}“{ch}”（形似英文 {looks}，{name}）"
    if looks:
        return f"{code} “{ch}”（形似英文 {looks}，{name}）"
    return f"{code} {name}" if name else f"{code} 控制字符"


# Letters that draw as nothing (Hangul fillers) and the object replacement character: invisible like format characters.
BLANK_LETTERS = ("\u3164", "\u115f", "\u1160", "\ufffc")


def kind_of(ch: str) -> str | None:
    """space | format | None: whether ``ch`` shows as a blank (but is no ASCII space) or as nothing at all."""
    if ch in " \t\n":
        return None
    category = unicodedata.category(ch)
    if category in ("Zs", "Zl", "Zp"):
        return "space"
    if category in ("Cf", "Cc") or ch in BLANK_LETTERS:
        return "format"
    return None


def ascii_twin(ch: str) -> str | None:
    """The ASCII letter/digit a character is read as: full-width forms by NFKC, Cyrillic/Greek by their name.

    The Unicode names of the common look-alikes end in the Latin letter they copy
    (``CYRILLIC SMALL LETTER A``, ``GREEK CAPITAL LETTER ALPHA`` is not one): only those whose NFKC form
    or whose name's last word is a single Latin letter of the same case are twins.
    """
    if ch.isascii():
        return None
    folded = unicodedata.normalize("NFKC", ch)
    if folded.isascii() and folded.isalnum() and len(folded) == 1:
        return folded
    name = unicodedata.name(ch, "")
    for prefix, script_twins in _NAMED_TWINS.items():
        if name.startswith(prefix):
            last = name.rsplit(" ", 1)[-1]
            twin = script_twins.get(last)
            if twin:
                return twin.lower() if " SMALL " in name else twin.upper()
    return None


# The Cyrillic and Greek letters that are drawn like a Latin one, by the last word of their Unicode name.
_NAMED_TWINS = {
    "CYRILLIC": {
        "A": "a",
        "IE": "e",
        "O": "o",
        "ER": "p",
        "ES": "c",
        "HA": "x",
        "U": "y",
        "I": "i",
        "JE": "j",
        "DZE": "s",
        "KA": "k",
        "EM": "m",
        "EN": "h",
        "TE": "t",
        "VE": "b",
    },
    "GREEK": {"ALPHA": "a", "OMICRON": "o", "IOTA": "i", "KAPPA": "k", "NU": "v", "RHO": "p", "TAU": "t"},
}


def odd_chars(text: str, ascii_only: bool = False) -> list[Odd]:
    """Invisible characters in ``text``; with ``ascii_only`` (field names, unit codes, dates) also look-alikes."""
    if not ascii_only and MAYBE_ODD.search(text) is None:
        return []
    out = []
    for i, ch in enumerate(text):
        kind = kind_of(ch)
        if kind is None and ascii_only and not ch.isascii() and (ascii_twin(ch) or _is_letterlike(ch)):
            kind = "lookalike"
        if kind:
            out.append(Odd(ch, i + 1, kind))
    return out


def _is_letterlike(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN" and not _is_cjk(ch)


def _is_cjk(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))


def where(text: str, odd: Odd) -> str:
    """Where in ``text`` the character sits, in words: 开头 / 末尾 / 在“ab”和“cd”之间."""
    i = odd.column - 1
    before, after = text[:i].strip(), text[i + 1 :].strip()
    if not before:
        return "开头"
    if not after:
        return "末尾"
    return f"“{_visible(text[max(0, i - 6) : i]).strip()}”和“{_visible(text[i + 1 : i + 7]).strip()}”之间"


def _visible(text: str) -> str:
    return "".join(ch for ch in text if kind_of(ch) is None)
