"""``baosong roster``: the notice's 信息员登记表 from units.yaml, with the history of changes.

Office-only paperwork: it carries phone numbers, which never appear on the site.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..township.registry import Person, Registry, Unit
from .exports.tables import DATE, INT, TEXT, Column, Table


def _status(p: Person, day: date) -> str:
    if p.active_on(day):
        return "在任"
    return "已离任" if p.until is not None and p.until < day else "未到任"


def _current_rows(unit: Unit, day: date) -> list[list]:
    """One row per active 信息员 (two officers never share a cell); a unit without one gets 空缺."""
    reviewers = unit.reviewers_on(day)
    reviewer = ["、".join(p.name for p in reviewers) or "（空缺）", "、".join(p.title or "" for p in reviewers)]
    reporters = unit.reporters_on(day)
    if not reporters:
        return [[unit.name, unit.kind, "（空缺）", "", "", *reviewer, None]]
    return [[unit.name, unit.kind, p.name, p.title or "", p.phone or "", *reviewer, p.since] for p in reporters]


def roster_tables(registry: Registry, day: date) -> list[Table]:
    current = Table(
        "信息员登记表",
        f"{registry.township}政务信息报送信息员登记表",
        [
            Column("序号", INT, 6),
            Column("单位", TEXT, 22),
            Column("类别", TEXT, 9),
            Column("信息员", TEXT, 10),
            Column("职务", TEXT, 12),
            Column("联系电话", TEXT, 14),
            Column("审核人（主管领导）", TEXT, 12),
            Column("审核人职务", TEXT, 14),
            Column("信息员任职日期", DATE, 14),
        ],
        note=f"截至{day.year}年{day.month}月{day.day}日。本表含联系电话，仅供党政办内部使用，不得上网公开。",
    )
    history = Table(
        "变动记录",
        f"{registry.township}信息员、审核人变动记录",
        [
            Column("单位", TEXT, 22),
            Column("角色", TEXT, 8),
            Column("姓名", TEXT, 10),
            Column("职务", TEXT, 14),
            Column("联系电话", TEXT, 14),
            Column("Git账号", TEXT, 12),
            Column("起始日期", DATE, 12),
            Column("终止日期", DATE, 12),
            Column("状态", TEXT, 8),
        ],
        note="信息员变动时只在 units.yaml 中补写终止日期（until）并新增一行，原记录保留。",
    )
    for unit in registry.units.values():
        current.rows.extend([len(current.rows) + 1, *row] for row in _current_rows(unit, day))
        for role, people in (("信息员", unit.reporters), ("审核人", unit.reviewers)):
            for p in sorted(people, key=lambda p: (p.since or date.min, p.name)):
                history.rows.append(
                    [
                        unit.name,
                        role,
                        p.name,
                        p.title or "",
                        p.phone or "",
                        p.git or "",
                        p.since,
                        p.until,
                        _status(p, day),
                    ]
                )
    return [current, history]


def roster_text(registry: Registry, day: date) -> str:
    from .exports.text import render_table

    return "\n\n".join(f"{t.title}\n{render_table(t)}\n{t.note}" for t in roster_tables(registry, day))


def write_roster_docx(registry: Registry, day: date, tables: list[Table], path: Path) -> Path:
    from .exports import docx as layout

    doc = layout.new_document(landscape=True)
    for n, table in enumerate(tables):
        if n:
            layout.page_break(doc)
        layout.add_title(doc, table.title, size=18)
        layout.add_table(doc, table)
    path = Path(path)
    doc.save(path)
    return path
