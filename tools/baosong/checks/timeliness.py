"""T01: sent after the deadline for its type (rules.yaml `types`)."""

from __future__ import annotations

from ..report.findings import make
from ..township.items import Item
from .registration import Context, item_check


def days_late(item: Item, deadlines: dict[str, int]) -> int | None:
    """Days past the deadline (0 = on time), or None when the dates or type are unusable."""
    deadline = deadlines.get(item.type)
    if item.date is None or item.event_date is None or deadline is None:
        return None
    return max(0, (item.date - item.event_date).days - deadline)


def deadline_zh(days: int) -> str:
    return "在发生当天报送" if days == 0 else f"在发生后 {days} 日内报送"


@item_check("T01")
def t01_late(item: Item, ctx: Context):
    late = days_late(item, ctx.rules.types)
    if late:
        deadline = ctx.rules.types[item.type]
        yield make(
            "T01",
            item.path,
            item.line("date"),
            "date",
            type=item.type,
            deadline=deadline_zh(deadline),
            late=late,
            event_date=item.event_date,
            date=item.date,
        )
