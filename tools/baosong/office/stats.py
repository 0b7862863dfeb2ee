"""Quarterly statistics (SPEC §4): what the 季度通报, its exports and the site pages are made from.

Counting rules, exactly as SPEC §4 states them, plus the decisions the SPEC leaves open:

- An item counts in the quarter of its ``date``; only ``repo.valid_items`` count (items with an error
  finding do not; warnings such as T01 do).
- The quarter's weeks are the ISO weeks whose Thursday lies in the quarter (``dates.week_quarter``), so
  2026Q3 runs from 2026-W27 (Monday 2026-06-29) to 2026-W39, and 2026Q4 ends with 2026-W53.
- A week is *met* when the unit has at least ``quota.weekly`` counted items dated in that week. "Counted"
  means valid; the week is judged as a whole, so an item dated Tuesday 2026-09-29 (counted in Q3's
  ``submitted``) also meets 2026-W40, a week of Q4. Items dated in the straddling days therefore count
  once for ``submitted`` (by their date) and once for their week (by the week's Thursday).
- Weeks that begin after ``today`` are neither met nor missed. The week that holds ``today`` is in
  progress (SPEC §4, changed by issue 17): met once the quota is reached, otherwise listed in
  ``weeks_in_progress``, never missed before its Sunday has passed. "已到期 N 周" counts ended weeks.
- Units added during the year: units.yaml has no unit start date, so a unit starts on the earliest
  ``since`` of its reporters (no start when it has no reporter or a reporter without ``since``). Weeks
  that end before that day are neither met nor missed; the week in which the unit starts is judged like
  the week that holds ``today`` (one day of the week inside the unit's life is enough). A gap between two
  reporters of an existing unit is the unit's own business: those weeks count and can be missed.
- Reporters who change mid-quarter change nothing here: items count for their unit, whoever signed them
  (an item signed by someone not active on its date is an M06 error and does not count).
- ``on_time``/``late`` use ``checks.timeliness.days_late`` (date vs event_date + the type's deadline).
- ``research_ytd``: valid items of a research type dated from 1 January of the quarter's year to the
  quarter's last day.
- Adoptions and 批示 count in the quarter of their ledger ``date`` (not the item's), one entry = one
  count and one score, credited to the unit in the adopted item's id (``unit/year/name``).
  The ledger is the office's record: an entry counts even if its item has since gained an error
  (entries naming no existing item are A01 and never reach the ledger).
- ``requests_answered``: distinct request ids named by the unit's counted items of the quarter.
- ``score`` = scoring.item × submitted + Σ scoring.levels[level] + scoring.instruction × instructions +
  scoring.request × requests_answered. ``rank`` is competition ranking over all units (1, 1, 3).
- ``by_type`` and ``adopted`` list only non-zero counts, in the order of rules.yaml.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..checks.timeliness import days_late
from ..township.dates import iso_week_label, quarter_of, week_monday, week_quarter
from ..township.ledger import Adoption
from ..township.registry import UNIT_KINDS, Unit

QUARTER_RE = re.compile(r"(\d{4})\s*[Qq]([1-4])")
QUARTER_ZH = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
WEEK = timedelta(days=7)


@dataclass
class UnitQuarter:
    id: str
    name: str
    kind: str
    submitted: int = 0
    weeks_met: list[str] = field(default_factory=list)
    weeks_missed: list[str] = field(default_factory=list)
    weeks_in_progress: list[str] = field(default_factory=list)  # the week holding today, quota not yet met
    on_time: int = 0
    late: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    research_ytd: int = 0
    adopted: dict[str, int] = field(default_factory=dict)
    instructions: int = 0
    requests_answered: int = 0
    score: int = 0
    rank: int = 0
    start: date | None = None  # the unit's first day (earliest reporter `since`), None = always
    kind_rank: int = 0  # rank among the units of the same kind (circulars rank them apart)

    JSON_KEYS = (
        "id",
        "name",
        "kind",
        "submitted",
        "weeks_met",
        "weeks_missed",
        "weeks_in_progress",
        "on_time",
        "late",
        "by_type",
        "research_ytd",
        "adopted",
        "instructions",
        "requests_answered",
        "score",
        "rank",
    )

    def as_dict(self) -> dict:
        return {key: getattr(self, key) for key in self.JSON_KEYS}

    adopted_ids: set[str] = field(default_factory=set)  # distinct items adopted in the quarter

    @property
    def adoptions_total(self) -> int:
        """Adoption *records* (采用记录, 次): one item adopted at three levels counts three."""
        return sum(self.adopted.values())

    @property
    def adopted_items(self) -> int:
        """Adopted *items* (采用信息, 条): distinct items with at least one record in the quarter."""
        return len(self.adopted_ids)

    @property
    def on_time_rate(self) -> float | None:
        judged = self.on_time + self.late
        return self.on_time / judged if judged else None

    def week_state(self, label: str) -> str | None:
        """ "met", "missed", "in_progress" or None (not judged: future, or before the unit existed)."""
        if label in self.weeks_met:
            return "met"
        if label in self.weeks_missed:
            return "missed"
        if label in self.weeks_in_progress:
            return "in_progress"
        return None


@dataclass
class QuarterStats:
    year: int
    quarter: int
    start: date
    end: date
    today: date
    weeks: list[str]
    units: list[UnitQuarter]
    township: str = ""
    office: str = ""
    adoptions: list[Adoption] = field(default_factory=list)  # ledger entries dated in the quarter
    items: list = field(default_factory=list)  # counted items of the quarter (baosong.township.items.Item)
    titles: dict[str, str] = field(default_factory=dict)  # item id → title, for the adopted items
    types: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    weekly: int = 1
    yearly_research: int = 1
    issuer: str = ""  # 发文机关 (units.yaml office.issuer, else the township's government office)
    doc_prefix: str | None = None  # 发文字号's 机关代字
    cc: tuple[str, ...] = ()  # 抄送机关

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.quarter}"

    @property
    def label_zh(self) -> str:
        return f"{self.year}年{QUARTER_ZH[self.quarter]}"

    @property
    def judged_weeks(self) -> list[str]:
        """Weeks that have ended by ``today`` (their Sunday has passed): "已到期 N 周" (SPEC §4)."""
        return [w for w, monday in zip(self.weeks, self.mondays, strict=True) if monday + WEEK <= self.today]

    @property
    def current_week(self) -> str | None:
        """The quarter's week that holds ``today`` (in progress), or None."""
        for w, monday in zip(self.weeks, self.mondays, strict=True):
            if monday <= self.today < monday + WEEK:
                return w
        return None

    @property
    def mondays(self) -> list[date]:
        return [date.fromisocalendar(int(w[:4]), int(w[6:]), 1) for w in self.weeks]

    @property
    def in_progress(self) -> bool:
        return self.today < self.end

    @property
    def adopted_items(self) -> int:
        """Distinct items adopted in the quarter (采用信息, 条), as opposed to ledger records (次)."""
        return len({a.id for a in self.adoptions})

    def adopted_items_at(self, level: str) -> int:
        return len({a.id for a in self.adoptions if a.level == level})

    @property
    def instructions(self) -> list[Adoption]:
        return [a for a in self.adoptions if a.instruction is not None]

    def of_kind(self, kind: str) -> list[UnitQuarter]:
        return sorted((u for u in self.units if u.kind == kind), key=lambda u: (u.kind_rank, u.id))

    @property
    def kinds(self) -> list[str]:
        present = {u.kind for u in self.units}
        return [k for k in UNIT_KINDS if k in present] + sorted(present - set(UNIT_KINDS))

    def as_dict(self) -> dict:
        return {
            "quarter": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "weeks": list(self.weeks),
            "units": [u.as_dict() for u in self.units],
        }


def parse_quarter(text: str) -> tuple[int, int] | None:
    """``2026Q3`` (or ``2026q3``, ``2026 Q3``) → (2026, 3), else None."""
    match = QUARTER_RE.fullmatch(text.strip()) if isinstance(text, str) else None
    return (int(match[1]), int(match[2])) if match else None


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end - timedelta(days=1)


def quarter_mondays(year: int, quarter: int) -> list[date]:
    """Mondays of the ISO weeks whose Thursday lies in the quarter."""
    start, end = quarter_bounds(year, quarter)
    monday = week_monday(start)
    out = []
    while monday <= end:
        if week_quarter(monday) == (year, quarter):
            out.append(monday)
        monday += WEEK
    return out


def unit_start(unit: Unit) -> date | None:
    """The unit's first day: the earliest ``since`` of its reporters (None = no known start)."""
    if not unit.reporters or any(p.since is None for p in unit.reporters):
        return None
    return min(p.since for p in unit.reporters)


def quarters_with_items(items) -> list[tuple[int, int]]:
    return sorted({quarter_of(i.date) for i in items if i.date is not None})


def compute_quarter(repo, year: int, quarter: int, today: date | None = None) -> QuarterStats:
    """The quarter's statistics from a loaded ``Repository`` (see the module docstring for the rules)."""
    today = today or repo.today
    rules, registry = repo.rules, repo.registry
    start, end = quarter_bounds(year, quarter)
    mondays = quarter_mondays(year, quarter)
    weeks = [iso_week_label(m) for m in mondays]
    first_day, last_day = mondays[0], mondays[-1] + timedelta(days=6)
    year_start = date(year, 1, 1)
    research = set(rules.research_types)

    in_quarter: dict[str, list] = defaultdict(list)
    per_week: Counter = Counter()
    research_ytd: Counter = Counter()
    for item in repo.valid_items:
        day = item.date
        if day is None:
            continue
        unit = item.unit
        if start <= day <= end:
            in_quarter[unit].append(item)
        if first_day <= day <= last_day:
            per_week[unit, week_monday(day)] += 1
        if year_start <= day <= end and item.type in research:
            research_ytd[unit] += 1

    adoptions = [a for a in repo.ledger.adoptions if start <= a.date <= end]
    adopted: dict[str, list[Adoption]] = defaultdict(list)
    for a in adoptions:
        adopted[a.id.split("/", 1)[0]].append(a)

    scoring = rules.scoring
    units: list[UnitQuarter] = []
    counted: list = []
    for unit in registry.units.values():
        items = in_quarter.get(unit.id, [])
        counted.extend(items)
        u = UnitQuarter(unit.id, unit.name, unit.kind, start=unit_start(unit))
        u.submitted = len(items)
        for monday, label in zip(mondays, weeks, strict=True):
            if monday > today or (u.start is not None and monday + timedelta(days=6) < u.start):
                continue
            met = per_week[unit.id, monday] >= rules.weekly
            if met:
                u.weeks_met.append(label)
            elif today < monday + WEEK:  # the week holding today: never missed before its Sunday has passed
                u.weeks_in_progress.append(label)
            else:
                u.weeks_missed.append(label)
        for item in items:
            late = days_late(item, rules.types)
            if late == 0:
                u.on_time += 1
            elif late is not None:
                u.late += 1
        u.by_type = _ordered(Counter(i.type for i in items), rules.types)
        u.research_ytd = research_ytd[unit.id]
        entries = adopted.get(unit.id, [])
        u.adopted = _ordered(Counter(a.level for a in entries), rules.levels)
        u.adopted_ids = {a.id for a in entries}
        u.instructions = sum(1 for a in entries if a.instruction is not None)
        u.requests_answered = len({i.request for i in items if i.request})
        u.score = (
            scoring.item * u.submitted
            + sum(scoring.levels.get(a.level, 0) for a in entries)
            + scoring.instruction * u.instructions
            + scoring.request * u.requests_answered
        )
        units.append(u)
    _rank(units, "rank")
    for kind in {u.kind for u in units}:
        _rank([u for u in units if u.kind == kind], "kind_rank")
    counted.sort(key=lambda i: (i.date, i.path))
    wanted = {a.id for a in adoptions}
    titles = {i.id: i.title for i in repo.items if i.id in wanted}
    return QuarterStats(
        year,
        quarter,
        start,
        end,
        today,
        weeks,
        units,
        registry.township,
        registry.office.name,
        sorted(adoptions, key=lambda a: (a.date, a.id)),
        counted,
        titles,
        tuple(rules.types),
        tuple(rules.levels),
        rules.weekly,
        rules.yearly_research,
        registry.office.issuer_for(registry.township),
        registry.office.doc_prefix,
        registry.office.cc,
    )


def _ordered(counts: Counter, order) -> dict[str, int]:
    known = [k for k in order if counts.get(k)]
    extra = sorted(k for k in counts if k not in order and counts[k])
    return {k: counts[k] for k in known + extra}


def _rank(units: list[UnitQuarter], attr: str) -> None:
    """Competition ranking: 1 = best score, equal scores share a rank (1, 1, 3)."""
    scores = sorted((u.score for u in units), reverse=True)
    first = {}
    for position, score in enumerate(scores, start=1):
        first.setdefault(score, position)
    for u in units:
        setattr(u, attr, first[u.score])
