"""The quarter's tables as plain rows: one definition for the xlsx sheets, the docx 附件 and the site.

A cell holds a number (int, or a float for a rate 0–1), a date or text; the layouts format them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..stats import QuarterStats, UnitQuarter

TEXT, INT, RATE, DATE = "text", "int", "rate", "date"
MET, MISSED, NOT_JUDGED = "✓", "✗", "—"
IN_PROGRESS = "进行中"  # the week holding today, quota not yet met (SPEC §4)


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = INT
    width: int = 8  # characters, for the spreadsheet


@dataclass
class Table:
    name: str  # sheet name / caption
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    note: str = ""

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def fmt_cell(value, kind: str) -> str:
    """How a cell reads in print (docx, text, site)."""
    if value is None:
        return "—"
    if kind == RATE:
        return f"{value * 100:.1f}%"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def week_number(label: str) -> str:
    """``2026-W27`` → ``第27周``."""
    return f"第{int(label.rsplit('W', 1)[1])}周"


RANKING_COLUMNS = [
    Column("名次", INT, 6),
    Column("单位", TEXT, 22),
    Column("报送条数", INT, 9),
    Column("达标周数", INT, 9),
    Column("缺报周数", INT, 9),
    Column("按时", INT, 6),
    Column("逾期", INT, 6),
    Column("按时率", RATE, 8),
    Column("调研（今年）", INT, 11),
    Column("采用信息", INT, 9),
    Column("批示", INT, 6),
    Column("回应约稿", INT, 9),
    Column("得分", INT, 6),
]


def ranking_row(u: UnitQuarter) -> list:
    return [
        u.kind_rank,
        u.name,
        u.submitted,
        len(u.weeks_met),
        len(u.weeks_missed),
        u.on_time,
        u.late,
        u.on_time_rate,
        u.research_ytd,
        u.adopted_items,
        u.instructions,
        u.requests_answered,
        u.score,
    ]


def ranking_table(stats: QuarterStats, kind: str) -> Table:
    rows = [ranking_row(u) for u in stats.of_kind(kind)]
    return Table(
        f"{kind}排名",
        f"{stats.label_zh}政务信息报送情况统计表（{kind}）",
        list(RANKING_COLUMNS),
        rows,
        "名次按得分排列，得分相同名次并列。",
    )


WEEK_MARKS = {"met": MET, "missed": MISSED, "in_progress": IN_PROGRESS}


def weeks_table(stats: QuarterStats) -> Table:
    columns = [Column("单位", TEXT, 22)] + [Column(week_number(w), TEXT, 7) for w in stats.weeks]
    columns.append(Column("缺报周数", INT, 9))
    rows = []
    for kind in stats.kinds:
        for u in stats.of_kind(kind):
            marks = [WEEK_MARKS.get(u.week_state(w), NOT_JUDGED) for w in stats.weeks]
            rows.append([u.name, *marks, len(u.weeks_missed)])
    note = (
        f"✓ 本周报送达到 {stats.weekly} 条；✗ 未达到；{IN_PROGRESS}：本周尚未结束、还未达到；— 尚未开始或单位尚未设立。"
    )
    return Table("每周报送", f"{stats.label_zh}每周报送情况表", columns, rows, note)


def types_table(stats: QuarterStats) -> Table:
    used = [t for t in stats.types if any(u.by_type.get(t) for u in stats.units)]
    used += sorted({t for u in stats.units for t in u.by_type} - set(used))
    columns = [Column("单位", TEXT, 22)] + [Column(t, INT, 7) for t in used] + [Column("合计", INT, 7)]
    rows = [[u.name, *[u.by_type.get(t, 0) for t in used], u.submitted] for k in stats.kinds for u in stats.of_kind(k)]
    return Table("信息类型", f"{stats.label_zh}报送信息类型统计表", columns, rows)


def adoptions_table(stats: QuarterStats) -> Table:
    columns = (
        [Column("单位", TEXT, 22)]
        + [Column(level, INT, 8) for level in stats.levels]
        + [Column("批示", INT, 6), Column("采用信息（条）", INT, 8), Column("采用记录（次）", INT, 8)]
    )
    rows = [
        [
            u.name,
            *[u.adopted.get(level, 0) for level in stats.levels],
            u.instructions,
            u.adopted_items,
            u.adoptions_total,
        ]
        for k in stats.kinds
        for u in stats.of_kind(k)
    ]
    return Table(
        "采用情况",
        f"{stats.label_zh}信息采用情况统计表",
        columns,
        rows,
        "采用和批示按采用登记的日期计入季度；一条信息在几个级别被采用，记几次采用记录、算一条采用信息。",
    )


def adoption_list_table(stats: QuarterStats, names: dict[str, str]) -> Table:
    columns = [
        Column("采用日期", DATE, 11),
        Column("单位", TEXT, 20),
        Column("信息标题", TEXT, 44),
        Column("采用级别", TEXT, 9),
        Column("刊发", TEXT, 24),
        Column("领导批示", TEXT, 36),
    ]
    rows = []
    for a in stats.adoptions:
        unit = a.id.split("/", 1)[0]
        instruction = f"{a.instruction.by}：{a.instruction.text}" if a.instruction else ""
        rows.append([a.date, names.get(unit, unit), stats.titles.get(a.id, a.id), a.level, a.outlet or "", instruction])
    return Table("采用明细", f"{stats.label_zh}信息采用及领导批示明细", columns, rows)


def quarter_tables(stats: QuarterStats) -> list[Table]:
    names = {u.id: u.name for u in stats.units}
    tables = [ranking_table(stats, kind) for kind in stats.kinds]
    tables += [weeks_table(stats), types_table(stats), adoptions_table(stats), adoption_list_table(stats, names)]
    return tables
