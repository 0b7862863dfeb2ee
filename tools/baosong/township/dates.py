"""Dates as the township counts them: strict YYYY-MM-DD, the registry's timezone, ISO weeks."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DEFAULT_TZ = "Asia/Shanghai"


def parse_date(text) -> date | None:
    """A real calendar date written exactly as YYYY-MM-DD, else None."""
    if not isinstance(text, str) or not _DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def today_in(tz_name: str) -> date:
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo(DEFAULT_TZ)
    return datetime.now(tz).date()


def iso_week_label(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def week_monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def week_quarter(monday: date) -> tuple[int, int]:
    """A week belongs to the quarter that holds its Thursday."""
    return quarter_of(monday + timedelta(days=3))
