"""Front-matter mistakes that Word, WeChat and web editors make, found and mended line by line.

Each pass takes the front-matter lines (``first_line`` is the file line of the first one) and returns the
mended lines and one :class:`Repair` per problem. The reader reports the repairs as findings and parses
the mended lines, so one slip does not hide every other problem; ``baosong fix`` writes the mended lines
and lists each repair's ``change``. Both therefore agree on what a slip is and how it is mended.

- :func:`invisible` — F14: invisible characters (no-break, zero-width, direction marks, BOM) and look-alike
  letters in field names (SPEC §2.2: keys are exactly the listed ones); :func:`lookalike_values`, run after
  the full-width mend, does the same for the unit code (ASCII by rule, SPEC §2.1).
- :func:`misread` — F03/F10: values YAML reads as something else (``[`` ``{`` ``*`` ``&`` ``!`` ``@`` `````
  ``%`` ``|`` ``>``, a leading ``#``, a ``" #"`` comment, a ``": "`` inside a value).
- :func:`values` — for ``fix`` only: dates in other forms, ``tags`` as one line, traditional characters in
  ``type``/``category``/``sensitivity`` (the checks report these as M02/M03 with the same wording).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from . import charnames
from .datewords import read_date
from .fieldwords import label, simplified, split_tags
from .items import ALLOWED_KEYS, LIST_KEYS

_KEYLIKE = re.compile(r"^([ \t]*)([^\s:：#\[\]{},'\"&*!|>%@`-][^\s:：#]{0,24}?)[ \t]*[:：]")
# An odd character anywhere, or a field name with a non-ASCII letter in it.
_ODD_OR_KEY = re.compile(charnames.MAYBE_ODD.pattern + r"|^[^:\n]*[^\x00-\x7f][^:\n]*[:：]", re.M)
_FENCE_LIKE = re.compile(r"[ \t]*(?:---|\.\.\.)[ \t]*")
_KV = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):(?:([ \t]+)(.*))?$")
ASCII_VALUE_KEYS = ("unit",)  # values that are ASCII by rule: a non-ASCII letter there is a look-alike
SCALAR_KEYS = tuple(k for k in ALLOWED_KEYS if k not in LIST_KEYS)
DATE_KEYS = ("date", "event_date")


@dataclass(frozen=True)
class Repair:
    """One problem on one front-matter line: the finding to report and the change ``fix`` makes."""

    line: int
    code: str
    field: str | None
    variant: str
    values: tuple[tuple[str, str], ...]
    change: str | None  # None: fix cannot mend it safely (the reporter must decide)

    @property
    def params(self) -> dict[str, str]:
        return dict(self.values)


def _repair(line, code, key, variant, change, **values) -> Repair:
    return Repair(line, code, key, variant, tuple(values.items()), change)


# --- F14: invisible and look-alike characters ----------------------------------------------------------


def invisible(front: list[str], first_line: int) -> tuple[list[str], list[Repair]]:
    """Remove format characters, turn other blanks into spaces, and fix look-alike letters (F14)."""
    if _ODD_OR_KEY.search("\n".join(front)) is None:
        return front, []  # the common front matter: one look at the whole text
    out, repairs = [], []
    for offset, line in enumerate(front):
        number = first_line + offset
        new, found = _mend_invisible(line, number)
        out.append(new)
        repairs.extend(found)
    return out, repairs


def _mend_invisible(line: str, number: int) -> tuple[str, list[Repair]]:
    if charnames.MAYBE_ODD.search(line) is None:  # the common line: nothing odd, and an ASCII field name
        head = line.split(":", 1)[0] if ":" in line else line
        if head.isascii():
            return line, []
    # U+3000 is F04's (full-width slips); NUL makes the whole file F01 (not text), which fix leaves to the reporter
    odds = [o for o in charnames.odd_chars(line) if o.char not in "\u3000\x00"]
    visible = "".join(ch for ch in line if charnames.kind_of(ch) is None or ch == "\u3000")
    key_m = _KEYLIKE.match(visible)
    key = key_m.group(2) if key_m else ""
    key_fixed = _known_key(key) if key else None
    field_ = key_fixed or (key if key in ALLOWED_KEYS else None)
    repairs: list[Repair] = []
    seen: set[str] = set()
    colon = _colon_index(line)
    for odd in odds:
        if odd.char in seen:
            continue
        seen.add(odd.char)
        place = _place(line, odd.column - 1, colon)
        verb = "删除了" if _blank(odd.char, line, odd.column - 1, colon) == "" else "改为普通空格"
        change = f"第 {number} 行{_of(field_)}{place}的 {odd.label}：{verb}"
        repairs.append(
            _repair(number, "F14", field_, odd.kind, change, name=_name(field_), place=place, char=odd.label, fixed="")
        )
    new = "".join(_blank(ch, line, i, colon) for i, ch in enumerate(line))
    if _FENCE_LIKE.fullmatch(new):  # "---" + U+200B: mending it would end the front matter there
        return line, [replace(r, change=None) for r in repairs]
    # look-alike letters in a field name (tіtle with a Cyrillic і) or in the unit code
    if key and not key.isascii():
        bad = [o for o in charnames.odd_chars(key, ascii_only=True) if o.kind == "lookalike"]
        if bad:
            labels = _labels(bad)
            if key_fixed:
                new = new.replace(key, key_fixed, 1)
                change = f"第 {number} 行字段名“{key}”里的 {labels} 改为英文，写成“{key_fixed}”"
            else:
                change = None
            repairs.append(
                _repair(
                    number,
                    "F14",
                    field_,
                    "lookalike",
                    change,
                    name=_name(field_) if field_ else f"字段名“{key}”",
                    place="字段名里",
                    char=labels,
                    fixed=key_fixed or "模板里的英文字段名",
                )
            )
    return new, repairs


def lookalike_values(front: list[str], first_line: int) -> tuple[list[str], list[Repair]]:
    """Look-alike letters in values that are ASCII by rule (the unit code): run after the full-width mend."""
    if all(line.isascii() or not line.startswith(ASCII_VALUE_KEYS) for line in front):
        return front, []
    out, repairs = [], []
    for offset, new in enumerate(front):
        number = first_line + offset
        m = new.startswith(ASCII_VALUE_KEYS) and _KV.match(new)
        if m and m.group(1) in ASCII_VALUE_KEYS and m.group(3):
            value = m.group(3).strip()
            bad = [o for o in charnames.odd_chars(value, ascii_only=True) if o.kind == "lookalike"]
            twins = "".join(charnames.ascii_twin(ch) or ch for ch in value)
            if bad and (twins.isascii() or any(ch.isascii() and ch.isalpha() for ch in value)):
                labels = _labels(bad)
                ok = twins.isascii()
                if ok:
                    new = f"{m.group(1)}:{m.group(2)}{m.group(3).replace(value, twins)}"
                change = f"第 {number} 行“{m.group(1)}”的值里的 {labels} 改为英文字母，写成“{twins}”" if ok else None
                repairs.append(
                    _repair(
                        number,
                        "F14",
                        m.group(1),
                        "lookalike",
                        change,
                        name=_name(m.group(1)),
                        place="值里",
                        char=labels,
                        fixed=twins if ok else "英文字母",
                    )
                )
        out.append(new)
    return out, repairs


def _labels(odds: list[charnames.Odd]) -> str:
    """Each distinct character named; a whole word of them (``ｍｅｎｇｗａｎｇ``) by its first and a count."""
    unique = list(dict.fromkeys(o.char for o in odds))
    if len(unique) <= 2:
        return "、".join(charnames.describe(ch) for ch in unique)
    return f"{charnames.describe(unique[0])}等 {len(odds)} 个字符"


def _blank(ch: str, line: str, i: int, colon: int | None) -> str:
    kind = charnames.kind_of(ch)
    if kind is None or ch in "\u3000\x00":
        return ch
    if kind == "format":
        # right after the colon, standing where the space belongs ("title:<U+200B>勐往村"): it becomes that space
        after = line[i + 1 : i + 2]
        glued = colon is not None and i == colon + 1 and after not in ("", " ", "\t")
        return " " if glued else ""
    if i < (colon if colon is not None else 0) and not line[:i].strip(" \t" + ch):
        return ""  # a blank before a field name: top-level keys have no indent
    return " "


def _colon_index(line: str) -> int | None:
    for i, ch in enumerate(line):
        if ch in ":：":
            return i
        if ch == "#" or ch in "'\"[{":
            return None
    return None


def _place(line: str, i: int, colon: int | None) -> str:
    if colon is None:
        return ""
    head = line[:i].strip(" \t\u00a0")
    if i < colon:
        return "字段名前面" if not head else "字段名里" if line[i:colon].strip(" \t\u00a0") else "冒号前面"
    value = line[colon + 1 :]
    j = i - colon - 1
    if not value[:j].strip():
        return "冒号后面"
    odd = charnames.Odd(line[i], j + 1, "")
    where = charnames.where(value, odd)
    return f"值的{where}" if where in ("开头", "末尾") else f"值中{where}"


def _known_key(key: str) -> str | None:
    """The allowed field name a key with look-alike letters stands for, when exactly one fits."""
    if key in ALLOWED_KEYS:
        return None
    twins = "".join(charnames.ascii_twin(ch) or ch for ch in key)
    if twins in ALLOWED_KEYS:
        return twins
    pattern = re.compile("".join(re.escape(ch) if ch.isascii() else "." for ch in key))
    hits = [k for k in ALLOWED_KEYS if pattern.fullmatch(k)]
    return hits[0] if len(hits) == 1 and not key.isascii() else None


def _of(key: str | None) -> str:
    return f"“{key}”" if key else ""


def _name(key: str | None) -> str:
    return label(key) if key else ""


# --- F03/F10: values YAML reads as something else ---------------------------------------------------------

_START = {
    "[": ("flow", "以 [ 开头，被当成了列表"),
    "{": ("flow", "以 { 开头，被当成了字典（“字段: 值”的集合）"),
    "*": ("alias", "以 * 开头，被当成了 YAML 别名（引用别处的值）"),
    "&": ("anchor", "以 & 开头，被当成了 YAML 锚点"),
    "!": ("tag", "以 ! 开头，被当成了 YAML 类型标签"),
    "@": ("reserved", "以 @ 开头，@ 是 YAML 的保留字符，不能放在值的开头"),
    "`": ("reserved", "以 ` 开头，` 是 YAML 的保留字符，不能放在值的开头"),
    "%": ("reserved", "以 % 开头，被当成了 YAML 指令"),
    "|": ("block", "以 | 开头，被当成了多行文字的标记"),
    ">": ("block", "以 > 开头，被当成了多行文字的标记"),
    "-": ("indicator", "以“- ”开头，被当成了列表项"),
    "?": ("indicator", "以“? ”开头，被当成了 YAML 的复杂字段名"),
}
_F10_KINDS = ("alias", "anchor", "tag")
_COMMENT = re.compile(r"[ \t]#")
# "   # 说明": two or more spaces, #, a space: a comment written on purpose (as the template's guidance is).
_NOTE = re.compile(r"[ \t]{2,}#(?:[ \t].*)?$")
# A line whose value may be misread: an indicator first, or " #", ": " or a final ":" inside.
_LIST_LINES = "|".join(LIST_KEYS)
_TROUBLE = re.compile(
    rf"(?:{_LIST_LINES}):[ \t]+#"  # tags: #防火 (a list's own [ is no trouble)
    rf"|(?!(?:{_LIST_LINES}):)[A-Za-z_][A-Za-z0-9_]*:[ \t]+(?:[\[{{*&!@`%|>#?-]|.*?(?:[ \t]#|:[ \t]|:[ \t]*$))"
)
_TROUBLE_ANY = re.compile("^(?:" + _TROUBLE.pattern + ")", re.M)
_TYPE_TAG = re.compile(r"!!?[A-Za-z0-9_.-]*[ \t]+(?=\S)")  # date: !!str 2026-11-25


def quoted(value: str) -> str:
    """A YAML scalar that the strict reader reads back as exactly ``value``: single quotes when possible."""
    if "'" not in value and "\\" not in value and "\n" not in value:
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def misread(front: list[str], first_line: int) -> tuple[list[str], list[Repair]]:
    """Quote values YAML would misread (F03, F10); the mended lines read as the reporter meant them."""
    if _TROUBLE_ANY.search("\n".join(front)) is None:
        return front, []
    out, repairs = [], []
    for offset, line in enumerate(front):
        number = first_line + offset
        m = _TROUBLE.match(line) and _KV.match(line)  # most lines hold a plain value: one regex says so
        if not m or m.group(1) not in ALLOWED_KEYS or not (m.group(3) or "").strip() or _continued(front, offset):
            out.append(line)
            continue
        key, gap, rest = m.group(1), m.group(2), m.group(3).rstrip()
        note = _NOTE.search(rest)
        tail = ""
        if note and not rest.startswith("#"):
            rest, tail = rest[: note.start()], rest[note.start() :]
        new, repair = _misread_value(key, rest, number)
        if repair is None:
            out.append(line)
            continue
        repairs.append(repair)
        out.append(f"{key}:{gap}{new}{tail}")
    return out, repairs


def _misread_value(key: str, value: str, number: int) -> tuple[str, Repair | None]:
    name = label(key)
    first = value[0]
    if first in "\"'":
        return value, None  # quoted: the parser checks it, and explains a quote followed by more text
    if key in LIST_KEYS:
        return _misread_list(key, value, number)
    kind, what = None, ""
    tag = _TYPE_TAG.match(value)
    if tag:
        plain = value[tag.end() :]
        fixed = f"{key}: {plain}"
        what = f"用了 YAML 的类型标签“{tag.group(0).strip()}”"
        change = f"第 {number} 行“{key}”去掉了类型标签“{tag.group(0).strip()}”：{fixed}"
        return plain, _repair(number, "F10", key, "tag", change, name=name, what=what, fixed=fixed)
    if first == "#":
        kind, what = "comment_all", "以 # 开头，整个值被当成了注释，这个字段成了空的"
    elif first in _START and (first not in "-?" or value[1:2] in (" ", "")):
        kind, what = _START[first]
        if kind == "block" and re.fullmatch(r"[|>][-+0-9]*", value):
            kind = None  # a real multi-line block: M02 says the field is one line of text
    if kind is None:
        c = _COMMENT.search(value)
        if c:
            kind = "comment"
            what = f"里“{value[c.start() :].strip()}”前面有空格和 #，从 # 起的文字被当成了注释，不会发布"
        elif ": " in value or value.endswith(":"):
            kind, what = "colon", "里有“: ”（英文冒号加空格），被当成了又一个字段"
    if kind is None:
        return value, None
    fixed = f"{key}: {quoted(value)}"
    code = "F10" if kind in _F10_KINDS else "F03"
    variant = "comment" if kind == "comment" else "misread"
    change = f"第 {number} 行“{key}”的值加上了引号：{fixed}"
    return quoted(value), _repair(number, code, key, variant, change, name=name, what=what, fixed=fixed)


def _misread_list(key: str, value: str, number: int) -> tuple[str, Repair | None]:
    """``tags: #防火 #安全`` reads as an empty value (all comment); a plain string is M02's."""
    if not value.startswith("#"):
        return value, None
    words = split_tags(value)
    fixed = f"{key}: [{', '.join(quoted_item(w) for w in words)}]"
    change = f"第 {number} 行“{key}”改为列表：{fixed}"
    what = "以 # 开头，整个值被当成了注释，关键词成了空的"
    repair = _repair(number, "F03", key, "list", change, name=label(key), what=what, fixed=fixed)
    return fixed[len(key) + 2 :], repair


def quoted_item(word: str) -> str:
    """A list item for ``[a, b]`` flow lists: plain when safe, quoted otherwise."""
    if re.fullmatch(r"[^\s\[\]{},:#&*!|>'\"%@`?-][^\[\]{},:#]*", word) and word == word.strip():
        return word
    return quoted(word)


# --- values that mean a valid one: dates, tags as a line, traditional characters (fix only) ----------------


def values(front: list[str], first_line: int, allowed: dict[str, tuple[str, ...]]) -> tuple[list[str], list[Repair]]:
    """Rewrite values whose meaning is certain: ``allowed`` maps type/category/sensitivity to their lists."""
    out, repairs = [], []
    for offset, line in enumerate(front):
        number = first_line + offset
        m = _KV.match(line)
        rest = (m.group(3) or "").strip() if m else ""
        if not m or not rest or rest.startswith("#") or _continued(front, offset):
            out.append(line)
            continue
        key, gap = m.group(1), m.group(2)
        value, comment = _split_comment(rest)
        new = None
        if key in DATE_KEYS:
            reading = read_date(value.strip("'\""))
            if reading.iso and reading.iso != value:
                new = reading.iso
                repairs.append(_repair(number, "M02", key, "date", f"第 {number} 行“{key}”的日期“{value}”改为 {new}"))
        elif key in LIST_KEYS and not value.startswith(("[", "'", '"')):
            words = split_tags(value)
            if words:
                new = "[" + ", ".join(quoted_item(w) for w in words) + "]"
                repairs.append(_repair(number, "M02", key, "list", f"第 {number} 行“{key}”改为列表：{key}: {new}"))
        elif key in allowed and value not in allowed[key]:
            plain = value.strip("'\"")
            guess = simplified(plain)
            if guess != plain and guess in allowed[key]:
                new = guess
                repairs.append(
                    _repair(number, "M03", key, "default", f"第 {number} 行“{key}”的繁体字“{plain}”改为“{guess}”")
                )
        out.append(f"{key}:{gap}{new}{comment}" if new is not None else line)
    return out, repairs


def _continued(front: list[str], offset: int) -> bool:
    """The value goes on in the next, indented line (a folded plain scalar or a block): rewriting only its
    first line would change what YAML reads, so such a value is left as written."""
    following = front[offset + 1] if offset + 1 < len(front) else ""
    return following[:1] in (" ", "\t", "\u3000") and bool(following.strip())


def _split_comment(rest: str) -> tuple[str, str]:
    if rest[:1] in "\"'":
        return rest, ""
    c = _COMMENT.search(rest)
    value = (rest[: c.start()] if c else rest).rstrip()
    return value, rest[len(value) :]
