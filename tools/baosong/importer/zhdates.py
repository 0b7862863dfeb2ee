"""Dates as Chinese documents write them: 2026年11月24日, 11月24日, 2026-11-24, 二〇二六年十一月二十四日."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0}
_CN = "〇零○一二三四五六七八九十"
_PATTERNS = [
    re.compile(r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    re.compile(r"(?<!\d)(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?!\d)"),
    re.compile(rf"(?P<y>[{_CN}]{{4}})\s*年\s*(?P<m>[{_CN}]{{1,3}})\s*月\s*(?P<d>[{_CN}]{{1,3}})\s*[日号]"),
    re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    re.compile(rf"(?<![{_CN}年])(?P<m>[{_CN}]{{1,3}})\s*月\s*(?P<d>[{_CN}]{{1,3}})\s*[日号]"),
]
DATE_LINE = re.compile(
    rf"(\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}"
    rf"|[{_CN}]{{4}}\s*年\s*[{_CN}]{{1,3}}\s*月\s*[{_CN}]{{1,3}}\s*日)"
)


@dataclass(frozen=True)
class FoundDate:
    day: date
    text: str  # as written in the document
    guessed_year: bool


def _cn_number(text: str) -> int | None:
    """一 … 三十一 (and digit-by-digit years like 二〇二六)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        digits = [_CN_DIGITS.get(c) for c in text]
        return None if None in digits else int("".join(map(str, digits)))
    tens, _, units = text.partition("十")
    t = _CN_DIGITS.get(tens, None) if tens else 1
    u = _CN_DIGITS.get(units, None) if units else 0
    return None if t is None or u is None else t * 10 + u


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def first_date(text: str, today: date) -> FoundDate | None:
    """The earliest date written in ``text``; a date without a year gets the latest year not after today."""
    norm = unicodedata.normalize("NFKC", text)
    best = None
    for pattern in _PATTERNS:
        m = pattern.search(norm)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None
    parts = best.groupdict()
    month, day = _cn_number(parts["m"]), _cn_number(parts["d"])
    if month is None or day is None:
        return None
    if parts.get("y"):
        year = _cn_number(parts["y"])
        found = _make(year, month, day) if year else None
        return FoundDate(found, best.group(0), False) if found else None
    found = _make(today.year, month, day)
    if found and found > today:
        found = _make(today.year - 1, month, day)
    return FoundDate(found, best.group(0), True) if found else None


def is_date_line(text: str) -> bool:
    """True when ``text`` is nothing but a full date (a signature's date line)."""
    return bool(DATE_LINE.fullmatch(unicodedata.normalize("NFKC", text).strip()))
