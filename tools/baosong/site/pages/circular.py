"""季度通报 pages: one per quarter that has items, plus an index (nav section 统计通报).

Figures come from ``stats.compute_quarter``, words from ``exports.circular_text`` (the same as the
printed circular), tables from ``exports.tables`` and charts from ``exports.charts`` (pygal, static SVG
with the table beside each chart). Phones and other office-only data never reach these pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...office.exports import charts
from ...office.exports.circular_text import circular_text
from ...office.exports.tables import (
    IN_PROGRESS,
    MET,
    MISSED,
    NOT_JUDGED,
    Column,
    Table,
    adoptions_table,
    fmt_cell,
    quarter_tables,
    ranking_table,
    types_table,
    weeks_table,
)
from ...office.stats import QuarterStats, compute_quarter, quarters_with_items
from . import GeneratedPage, SiteContext, page_builder
from .common import site_data, unit_uri

SECTION = "统计通报"
BASE = "tongbao"
MARK_CLASS = {
    MET: "bs-week--met",
    MISSED: "bs-week--missed",
    IN_PROGRESS: "bs-week--progress",
    NOT_JUDGED: "bs-week--none",
}


@dataclass
class ViewTable:
    """A table as the template prints it: text cells, with a CSS class per cell where it helps."""

    caption: str
    headers: list[str]
    rows: list[list[tuple[str, str]]]  # (text, class)
    note: str = ""
    numeric: list[bool] | None = None
    key: tuple[str, ...] = ()  # headers shown in bold (the ranking's 名次, 单位, 得分)


# The ranking's columns a reader looks for, first: on a phone (390 px) and beside the chart (1366 px) they
# show without scrolling; the printed circular (exports/) keeps the order of the office's form.
RANKING_LEAD = ("名次", "单位", "得分")


def lead(table: ViewTable, headers: tuple[str, ...] = RANKING_LEAD) -> ViewTable:
    """``table`` with the columns named in ``headers`` moved to the front (in that order), marked as key."""
    first = [table.headers.index(h) for h in headers if h in table.headers]
    order = first + [i for i in range(len(table.headers)) if i not in first]
    numeric = table.numeric or [False] * len(table.headers)
    return ViewTable(
        table.caption,
        [table.headers[i] for i in order],
        [[row[i] for i in order] for row in table.rows],
        table.note,
        [numeric[i] for i in order],
        tuple(h for h in headers if h in table.headers),
    )


def view(table: Table, classes=None) -> ViewTable:
    numeric = [c.kind != "text" for c in table.columns]
    rows = []
    for row in table.rows:
        cells = []
        for value, column in zip(row, table.columns, strict=True):
            text = fmt_cell(value, column.kind) if value != "" else ""
            cells.append((text, (classes or {}).get(text, "")))
        rows.append(cells)
    return ViewTable(table.title, table.headers, rows, table.note, numeric)


def quarter_uri(stats: QuarterStats) -> str:
    return f"{BASE}/{stats.label}.md"


def _research(stats: QuarterStats) -> Table:
    columns = [Column("单位", "text"), Column("今年调研信息", "int"), Column("年度任务", "text")]
    rows = [
        [u.name, u.research_ytd, "已完成" if u.research_ytd >= stats.yearly_research else "未完成"]
        for k in stats.kinds
        for u in stats.of_kind(k)
    ]
    return Table(
        "调研",
        f"{stats.year}年1月1日至{stats.end.month}月{stats.end.day}日调研信息",
        columns,
        rows,
        f"每个单位每年至少报送 {stats.yearly_research} 篇调研信息。",
    )


def _timeliness(stats: QuarterStats) -> Table:
    columns = [
        Column("单位", "text"),
        Column("报送", "int"),
        Column("按时", "int"),
        Column("逾期", "int"),
        Column("按时率", "rate"),
    ]
    rows = [[u.name, u.submitted, u.on_time, u.late, u.on_time_rate] for k in stats.kinds for u in stats.of_kind(k)]
    return Table("按时", "按时报送情况", columns, rows, "按时：报送日期不晚于发生日期加该类型的报送时限。")


def _requests(stats: QuarterStats) -> Table:
    columns = [Column("单位", "text"), Column("回应约稿（个）", "int")]
    rows = [[u.name, u.requests_answered] for k in stats.kinds for u in stats.of_kind(k)]
    return Table("约稿", "回应约稿情况", columns, rows, "同一约稿的多条信息只计一次。")


@dataclass
class AdoptionRow:
    date: str
    unit: str
    unit_uri: str
    title: str
    uri: str | None
    level: str
    outlet: str
    instruction: str
    by: str


def _adoption_rows(ctx: SiteContext, stats: QuarterStats) -> list[AdoptionRow]:
    data = site_data(ctx)
    published = data.by_id
    names = {u.id: u.name for u in stats.units}
    out = []
    for a in stats.adoptions:
        unit = a.id.split("/", 1)[0]
        out.append(
            AdoptionRow(
                a.date.isoformat(),
                names.get(unit, unit),
                unit_uri(unit),
                data.masker.text(stats.titles.get(a.id, a.id)),  # no personal number is published
                data.uri(a.id) if a.id in published else None,
                a.level,
                a.outlet or "",
                a.instruction.text if a.instruction else "",
                a.instruction.by if a.instruction else "",
            )
        )
    return out


def quarter_page(ctx: SiteContext, stats: QuarterStats) -> GeneratedPage:
    uri = quarter_uri(stats)
    tables = quarter_tables(stats)
    text = circular_text(stats, tables)
    rankings = [(kind, lead(view(ranking_table(stats, kind))), charts.score_chart(stats, kind)) for kind in stats.kinds]
    adoption_rows = _adoption_rows(ctx, stats)
    content = ctx.render(
        "circular_quarter.html",
        here=uri,
        stats=stats,
        text=text,
        rankings=rankings,
        weeks=view(weeks_table(stats), MARK_CLASS),
        timeliness=view(_timeliness(stats)),
        timeliness_chart=charts.timeliness_chart(stats),
        types=view(types_table(stats)),
        types_chart=charts.types_chart(stats),
        research=view(_research(stats)),
        adoptions=view(adoptions_table(stats)),
        adoptions_chart=charts.adoptions_chart(stats),
        adoption_rows=adoption_rows,
        instruction_rows=[r for r in adoption_rows if r.by],
        requests=view(_requests(stats)),
    )
    return GeneratedPage(uri, f"{stats.label_zh}通报", content, nav_section=SECTION)


@page_builder
def circular_pages(ctx: SiteContext):
    """The index first (it heads the nav section), then the quarters, newest first."""
    repo = ctx.repo
    pages = []
    for year, quarter in reversed(quarters_with_items(repo.valid_items)):
        stats = compute_quarter(repo, year, quarter, repo.today)
        pages.append((quarter_page(ctx, stats), stats))
    uri = f"{BASE}/index.md"
    entries = [(page.uri, stats) for page, stats in pages]
    yield GeneratedPage(
        uri, "季度通报", ctx.render("circular_index.html", here=uri, entries=entries), nav_section=SECTION
    )
    for page, _ in pages:
        yield page
