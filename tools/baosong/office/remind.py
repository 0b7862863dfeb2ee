"""``baosong remind``: who is behind this week (and, from October, who has no research item this year).

The week is the ISO week that holds ``today`` (Monday to today so far); it is in progress (SPEC §4:
never judged missed before its Sunday has passed), so a unit is not "missed" but still has to send when
it has fewer than ``quota.weekly`` valid items dated in it. Units whose first reporter starts after today are
left out (see ``stats.unit_start``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..township.dates import week_monday
from .stats import unit_start

RESEARCH_FROM_MONTH = 10  # "late in the year": research reminders from October on


@dataclass
class Behind:
    name: str
    sent: int


@dataclass
class Reminder:
    township: str
    today: date
    monday: date
    weekly: int
    yearly_research: int
    behind: list[Behind] = field(default_factory=list)
    no_research: list[str] = field(default_factory=list)
    research_due: bool = False

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)


def reminder(repo, today: date | None = None) -> Reminder:
    today = today or repo.today
    rules = repo.rules
    monday = week_monday(today)
    this_week: Counter = Counter()
    research: Counter = Counter()
    research_types = set(rules.research_types)
    for item in repo.valid_items:
        if item.date is None or item.date > today:
            continue
        if item.date >= monday:
            this_week[item.unit] += 1
        if item.date.year == today.year and item.type in research_types:
            research[item.unit] += 1
    out = Reminder(
        repo.registry.township,
        today,
        monday,
        rules.weekly,
        rules.yearly_research,
        research_due=today.month >= RESEARCH_FROM_MONTH,
    )
    for unit in repo.registry.units.values():
        start = unit_start(unit)
        if start is not None and start > today:
            continue
        if this_week[unit.id] < rules.weekly:
            out.behind.append(Behind(unit.name, this_week[unit.id]))
        if out.research_due and research[unit.id] < rules.yearly_research:
            out.no_research.append(unit.name)
    return out


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def reminder_text(r: Reminder) -> str:
    week = int(r.monday.isocalendar()[1])
    lines = [f"【{r.township}政务信息报送提醒】{_md(r.today)}"]
    if r.behind:
        names = "、".join(b.name + (f"（已报{b.sent}条）" if b.sent else "") for b in r.behind)
        lines.append(
            f"本周（第{week}周，{_md(r.monday)}—{_md(r.sunday)}）进行中，还没有完成报送任务的单位：{names}。"
            f"请在{_md(r.sunday)}前至少报送{r.weekly}条信息。"
        )
    else:
        lines.append(f"本周（第{week}周）各单位均已完成报送任务，谢谢大家！")
    if r.research_due and r.no_research:
        lines.append(
            f"今年还没有报送调研信息的单位：{'、'.join(r.no_research)}。每个单位每年至少报送"
            f"{r.yearly_research}篇调研信息，请在12月31日前报送。"
        )
    return "\n".join(lines)
