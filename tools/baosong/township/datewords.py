"""Dates as people write them (``2026年11月25日``, ``2026/11/25``, ``2026-11-5``, full-width digits) → YYYY-MM-DD.

SPEC §2.2 wants dates written exactly ``YYYY-MM-DD``. This module says, for a date written otherwise,
what it would be in that form (M02's message and ``baosong fix``) or why it is no date at all (a day
that does not exist). Only unambiguous forms are converted: year first, four digits; ``11/25/2026`` or
``26-11-25`` are not guessed.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# Year first: 2026年11月25日 / 2026/11/25 / 2026.11.25 / 2026-11-5 / 2026 年 11 月 5 号 / 20261125.
_FORMS = re.compile(
    r"(?:(?P<y>\d{4})\s*(?:年|[-/.．／－—―_]|\s)\s*(?P<m>\d{1,2})\s*(?:月|[-/.．／－—―_]|\s)\s*(?P<d>\d{1,2})\s*[日号]?"
    r"|(?P<y2>\d{4})(?P<m2>\d{2})(?P<d2>\d{2}))"
    # what may follow the day and is dropped: the weekday (星期三, (周三)) or a time of day (10:30, T10:30:00)
    r"\s*(?:[(（]?(?:星期|周|礼拜)[一二三四五六日天][)）]?)?\s*(?:T?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class DateReading:
    """What a written date says: ``iso`` when it names one real day, ``problem`` (Chinese) when not."""

    written: str
    iso: str | None = None
    problem: str | None = None

    @property
    def is_exact(self) -> bool:
        """Already written as SPEC §2.2 wants it."""
        return self.iso is not None and self.iso == self.written


def read_date(text: str) -> DateReading:
    """Read ``text`` as one calendar date; never raises.

    ``"2026年11月25日"`` → iso ``"2026-11-25"``; ``"2026-11-31"`` → problem ``"2026 年 11 月只有 30 天"``;
    ``"下周三"`` → neither.
    """
    written = text.strip()
    folded = unicodedata.normalize("NFKC", written).strip().strip("'\"“”[]【】").strip()
    m = _FORMS.fullmatch(folded)
    if not m:
        return DateReading(written)
    y, mo, d = (int(m["y"] or m["y2"]), int(m["m"] or m["m2"]), int(m["d"] or m["d2"]))
    if not 1 <= mo <= 12:
        return DateReading(written, problem=f"没有 {mo} 月")
    last = calendar.monthrange(y, mo)[1] if y >= 1 else 31
    if not 1 <= d <= last:
        return DateReading(written, problem=f"{y} 年 {mo} 月只有 {last} 天，没有 {d} 日")
    try:
        iso = date(y, mo, d).isoformat()
    except ValueError:  # year 0
        return DateReading(written, problem=f"没有 {y} 年")
    return DateReading(written, iso=iso)


def is_iso(text: str) -> bool:
    return bool(_ISO.fullmatch(text))
