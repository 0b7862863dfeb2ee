"""The words of the 季度通报, written from the figures (layout lives in docx.py and the site templates)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..stats import QuarterStats, UnitQuarter
from .tables import week_number

GOOD_RATE = 0.8  # on-time rate below this is named in the circular


@dataclass
class Section:
    heading: str  # e.g. "一、总体情况"
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class CircularText:
    issuer: str  # 勐往乡人民政府办公室
    title: str
    addressee: str
    opening: str
    sections: list[Section]
    attachments: list[str]
    signed_on: date
    doc_prefix: str | None = None  # 机关代字 of the 发文字号
    doc_number: int | None = None  # 序号 of the 发文字号 (``--doc-number``)
    cc: tuple[str, ...] = ()  # 抄送机关 of the 版记

    @property
    def doc_number_zh(self) -> str | None:
        """发文字号 (GB/T 9704-2012 7.2.5): 勐政办通〔2026〕12号; year in full, no 第, no leading zeros.
        Without ``--doc-number`` the 序号 is left blank for the clerk to fill in; None without a prefix."""
        if not self.doc_prefix:
            return None
        number = str(self.doc_number) if self.doc_number is not None else "\u3000\u3000"
        return f"{self.doc_prefix}〔{self.signed_on.year}〕{number}号"

    @property
    def signed_on_zh(self) -> str:
        return date_zh(self.signed_on)


def date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def month_day(day: date) -> str:
    return f"{day.month}月{day.day}日"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def join_names(names: list[str], limit: int = 0) -> str:
    if limit and len(names) > limit:
        return "、".join(names[:limit]) + f"等{len(names)}个单位"
    return "、".join(names)


def issuer_of(stats: QuarterStats) -> str:
    """The 发文机关 (units.yaml ``office.issuer``; else the township's government office)."""
    if stats.issuer:
        return stats.issuer
    return f"{stats.township}人民政府办公室" if stats.township else (stats.office or "党政办")


def circular_title(stats: QuarterStats) -> str:
    return f"{issuer_of(stats)}关于{stats.label_zh}政务信息报送情况的通报"


def attachment_titles(stats: QuarterStats, tables) -> list[str]:
    return [t.title for t in tables]


def _levels_phrase(stats: QuarterStats) -> str:
    """ "，其中乡采用5条、报送县3条": distinct items per level (an item can reach several levels)."""
    parts = [f"{level}{n}条" for level in stats.levels if (n := stats.adopted_items_at(level))]
    return "，其中" + "、".join(parts) if parts else ""


def adoption_phrase(stats: QuarterStats) -> str:
    """Items (条) and ledger records (次) kept apart: 24 records of 18 items read "采用信息18条…采用记录24次"."""
    items, records = stats.adopted_items, sum(u.adoptions_total for u in stats.units)
    if not items:
        return "本季度暂无信息被采用"
    text = f"党政办共采用信息{items}条{_levels_phrase(stats)}"
    if records != items:
        text += f"（同一条信息在多个级别采用的分别登记，共登记采用记录{records}次）"
    return text


def _overview(stats: QuarterStats) -> Section:
    total = sum(u.submitted for u in stats.units)
    by_kind = "，".join(f"{kind}{sum(u.submitted for u in stats.of_kind(kind))}条" for kind in stats.kinds)
    on_time = sum(u.on_time for u in stats.units)
    judged = on_time + sum(u.late for u in stats.units)
    rate = percent(on_time / judged if judged else None)
    instructions = stats.instructions
    answered = [u for u in stats.units if u.requests_answered]
    span = f"{month_day(stats.start)}至{month_day(min(stats.end, stats.today))}"
    text = f"{span}，全乡各村、各单位共报送政务信息{total}条"
    text += f"（{by_kind}）" if total else ""
    text += f"，其中按时报送{on_time}条，按时报送率{rate}。" if judged else "。"
    text += adoption_phrase(stats)
    if instructions:
        leaders = "、".join(dict.fromkeys(a.instruction.by for a in instructions))
        text += f"，{len(instructions)}条信息获{leaders}批示"
    text += "。"
    if answered:
        text += f"{len(answered)}个单位回应了党政办约稿，共{sum(u.requests_answered for u in answered)}次。"
    weeks = len(stats.judged_weeks)
    full = [u.name for u in stats.units if u.weeks_met and not u.weeks_missed]
    if weeks:
        text += f"本季度已到期{weeks}周，" + (
            f"{len(full)}个单位每周均完成报送任务。" if full else "所有单位都有缺报的周。"
        )
    text += _current_week_phrase(stats)
    return Section("一、总体情况", [text])


def _current_week_phrase(stats: QuarterStats) -> str:
    """The week holding today is in progress (SPEC §4): say so, never count it as missed."""
    label = stats.current_week
    if label is None:
        return ""
    monday = stats.mondays[stats.weeks.index(label)]
    sunday = monday + timedelta(days=6)
    pending = [u.name for u in stats.units if label in u.weeks_in_progress]
    text = f"{week_number(label)}（{month_day(monday)}至{month_day(sunday)}）正在进行中，不计入缺报"
    return text + (f"，截至{month_day(stats.today)}尚有{len(pending)}个单位未报送。" if pending else "。")


def _good(stats: QuarterStats) -> Section:
    paragraphs = []
    for kind in stats.kinds:
        units = [u for u in stats.of_kind(kind) if u.score > 0]
        top = [u for u in units if u.kind_rank <= 3]
        if not top:
            continue
        described = "、".join(f"{u.name}（{u.score}分）" for u in top)
        paragraphs.append(f"{kind}中，{described}综合得分位居前列。")
    full = [u.name for u in stats.units if u.weeks_met and not u.weeks_missed]
    if full:
        paragraphs.append(f"{join_names(full)}每周按要求报送信息，没有缺报。")
    adopted = sorted((u for u in stats.units if u.adopted_items), key=lambda u: (-u.adopted_items, u.id))
    if adopted:
        described = "、".join(f"{u.name}{u.adopted_items}条" for u in adopted[:5])
        paragraphs.append(f"信息被采用较多的单位是：{described}。")
    for a in stats.instructions:
        unit = next((u.name for u in stats.units if u.id == a.id.split("/", 1)[0]), a.id.split("/", 1)[0])
        title = stats.titles.get(a.id, a.id)
        said = a.instruction.text if a.instruction.text[-1] in "。！？" else a.instruction.text + "。"
        paragraphs.append(f"{unit}报送的《{title}》获{a.instruction.by}批示：“{said}”")
    if not paragraphs:
        paragraphs.append("本季度暂无突出的单位。")
    return Section("二、做得较好的单位", paragraphs)


def _missed_phrase(u: UnitQuarter) -> str:
    weeks = "、".join(week_number(w).removeprefix("第").removesuffix("周") for w in u.weeks_missed)
    return f"{u.name}缺报{len(u.weeks_missed)}周（第{weeks}周）"


def _problems(stats: QuarterStats) -> Section:
    paragraphs = []
    missed = sorted((u for u in stats.units if u.weeks_missed), key=lambda u: (-len(u.weeks_missed), u.id))
    if missed:
        paragraphs.append("未完成每周报送任务的有：" + "；".join(_missed_phrase(u) for u in missed) + "。")
    slow = [u for u in stats.units if u.on_time_rate is not None and u.on_time_rate < GOOD_RATE]
    if slow:
        described = "、".join(f"{u.name}（{percent(u.on_time_rate)}）" for u in slow)
        paragraphs.append(f"按时报送率低于{GOOD_RATE * 100:.0f}%的有：{described}，信息时效性有待提高。")
    silent = [u.name for u in stats.units if u.submitted == 0 and (u.weeks_met or u.weeks_missed)]
    if silent:
        paragraphs.append(f"{join_names(silent)}本季度未报送信息。")
    research = [u.name for u in stats.units if u.research_ytd < stats.yearly_research]
    if research:
        paragraphs.append(f"截至本季度末，{join_names(research)}今年尚未报送调研信息。")
    if not paragraphs:
        paragraphs.append("各村、各单位均按要求完成了本季度报送任务。")
    return Section("三、存在的问题", paragraphs)


def _requirements(stats: QuarterStats) -> Section:
    text = (
        f"各村、各单位要严格落实每周至少报送{stats.weekly}条信息、每年至少报送{stats.yearly_research}篇调研信息的要求，"
        "信息员变动时及时向党政办报备；报送前由单位主管信息工作的负责人审核把关，坚持“涉密不上网、上网不涉密”，"
        "不得报送涉及国家秘密、商业秘密和个人隐私的内容；会议、活动、动态类信息当天报送，文件、报告类信息3日内报送，"
        "其他信息5日内报送。缺报、迟报较多的单位要认真分析原因，切实加以改进。"
    )
    return Section("四、下步工作要求", [text])


def circular_text(
    stats: QuarterStats, tables, signed_on: date | None = None, doc_number: int | None = None
) -> CircularText:
    issuer = issuer_of(stats)
    as_of = "" if not stats.in_progress else f"（截至{month_day(stats.today)}）"
    opening = (
        f"为进一步做好政务信息报送工作，根据全乡加强政务信息报送工作的有关要求，现将{stats.label_zh}{as_of}"
        "各村、各单位政务信息报送情况通报如下。"
    )
    sections = [_overview(stats), _good(stats), _problems(stats), _requirements(stats)]
    return CircularText(
        issuer,
        circular_title(stats),
        "各村（居）委会，乡属各单位：",
        opening,
        sections,
        attachment_titles(stats, tables),
        signed_on or stats.today,
        stats.doc_prefix,
        doc_number,
        stats.cc,
    )
