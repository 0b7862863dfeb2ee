"""Plain-text tables for the terminal (``baosong stats``), aligned for Chinese (wide) characters."""

from __future__ import annotations

import unicodedata

from ..stats import QuarterStats
from .tables import Table, fmt_cell, ranking_table


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int, right: bool = False) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def render_table(table: Table) -> str:
    cells = [[fmt_cell(v, c.kind) for v, c in zip(row, table.columns, strict=True)] for row in table.rows]
    sizes = [max([width(c.header)] + [width(r[i]) for r in cells]) for i, c in enumerate(table.columns)]
    numeric = [c.kind != "text" for c in table.columns]
    lines = ["  ".join(pad(h, s, n) for h, s, n in zip(table.headers, sizes, numeric, strict=True))]
    lines += ["  ".join(pad(v, s, n) for v, s, n in zip(row, sizes, numeric, strict=True)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)


def stats_text(stats: QuarterStats) -> str:
    judged = len(stats.judged_weeks)
    head = [
        f"{stats.township}{stats.label_zh}政务信息报送统计（{stats.label}：{stats.start} 至 {stats.end}）",
        f"统计周：{stats.weeks[0]} 至 {stats.weeks[-1]}，共 {len(stats.weeks)} 周，截至 {stats.today} 已到期 {judged} 周；"
        f"每周至少 {stats.weekly} 条。",
    ]
    if stats.current_week:
        pending = [u.name for u in stats.units if u.weeks_in_progress]
        head.append(
            f"{stats.current_week} 进行中（不计缺报）"
            + (f"，尚未达到：{'、'.join(pending)}。" if pending else "，各单位均已达到。")
        )
    parts = ["\n".join(head)]
    for kind in stats.kinds:
        table = ranking_table(stats, kind)
        parts.append(f"【{kind}】\n{render_table(table)}")
    missed = [u for u in stats.units if u.weeks_missed]
    if missed:
        lines = [f"  {u.name}：{'、'.join(u.weeks_missed)}" for u in missed]
        parts.append("缺报周：\n" + "\n".join(lines))
    total = sum(u.submitted for u in stats.units)
    records = sum(u.adoptions_total for u in stats.units)
    parts.append(
        f"合计：报送 {total} 条，采用信息 {stats.adopted_items} 条（采用记录 {records} 次），"
        f"批示 {len(stats.instructions)} 条。"
    )
    return "\n\n".join(parts)
