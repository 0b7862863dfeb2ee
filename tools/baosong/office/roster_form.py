"""《信息员登记表》 of one unit: the one-page form a unit prints, fills in, signs, stamps and hands in.

The notice asks every unit to register its 信息员 with the office and to report a change of officer;
this is that form. What units.yaml holds is printed (单位, 姓名, 职务, 手机, 审核人; for a change the
previous officer and the date), what it does not (性别, 出生年月, 政治面貌, 电子邮箱) is left blank for the
unit to fill in by hand; 单位负责人签字, 单位（盖章） and 填表日期 are blank by design. Office paperwork:
it carries phone numbers and never reaches the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx.shared import Pt

from ..township.registry import Person, Registry, Unit

FORM_PT = 14  # 4号: a form filled in by hand needs room
NOTE_PT = 10.5  # 五号
ROWS_BUDGET = 440  # pt of the 225 mm 版心 left for the table under the title and above the note
SIGN_PT = (72.0, 120.0)  # the 签字/盖章 row: at least 25 mm, up to 42 mm (a township seal is 40–42 mm wide)


@dataclass(frozen=True)
class Change:
    """A change of 信息员: ``new`` took over from ``previous`` on ``on``."""

    new: Person
    previous: Person
    on: date


class FormError(ValueError):
    """The form cannot be made (unknown unit, no change to print): the message is for the user."""


def latest_change(unit: Unit) -> Change | None:
    """The latest reporter who started after an earlier reporter's term had ended (``until``)."""
    starts = sorted((p for p in unit.reporters if p.since), key=lambda p: p.since)
    for new in reversed(starts):
        before = [p for p in unit.reporters if p.until is not None and p.until < new.since]
        if before:
            return Change(new, max(before, key=lambda p: p.until), new.since)
    return None


def _label_value(table, row: int, cells: list[tuple[str, str]]) -> None:
    from .exports import docx as layout

    for n, (label, value) in enumerate(cells):
        for col, text, bold in ((2 * n, label, True), (2 * n + 1, value, False)):
            paragraph = table.cell(row, col).paragraphs[0]
            paragraph.alignment = 1
            paragraph.paragraph_format.line_spacing = Pt(FORM_PT * 1.5)  # a wrapped title costs little
            layout.no_grid(paragraph)
            if text:
                layout.set_font(paragraph.add_run(text), layout.BODY_FONT, FORM_PT, bold=bold)


def write_unit_form(registry: Registry, unit: Unit, day: date, path: Path, change: bool = False) -> Path:
    """The unit's 《信息员登记表》 (``change=True``: the 变更 form for its latest change) as .docx.

    Raises ``FormError`` when a change form is asked for a unit without a recorded change.
    """
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE

    from .exports import docx as layout

    found = latest_change(unit) if change else None
    if change and found is None:
        raise FormError(f"{unit.name}在 units.yaml 里没有信息员变更记录（原信息员写 until、新信息员写 since）")
    officers = [found.new] if found else unit.reporters_on(day)
    reviewers = unit.reviewers_on(day)
    doc = layout.new_document()
    layout.set_properties(doc, f"{unit.name}信息员登记表", registry.office.issuer_for(registry.township), day)
    layout.add_title(doc, f"{registry.township}政务信息报送信息员登记表" if registry.township else "信息员登记表")
    layout.blank(doc)
    rows: list[list[tuple[str, str]]] = [
        [("单位名称", unit.name), ("单位类别", unit.kind)],
        [("登记类型", "□新增　☑变更" if found else "☑新增　□变更"), ("填表日期", "　　年　月　日")],
    ]
    for person in officers or [Person(name="")]:
        rows += [
            [("信息员姓名", person.name), ("性别", "")],
            [("出生年月", ""), ("政治面貌", "")],
            [("职务", person.title or ""), ("手机", person.phone or "")],
            [("电子邮箱", ""), ("任职日期", _day(person.since))],
        ]
    if found:
        rows.append([("原信息员", found.previous.name), ("变更日期", _day(found.on))])
    rows.append(
        [
            ("审核人", "、".join(p.name for p in reviewers)),
            ("职务", "、".join(p.title or "" for p in reviewers)),
        ]
    )
    rows.append([("单位负责人签字", ""), ("单位（盖章）", "")])
    table = doc.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    table.autofit = False
    widths = [Pt(w) for w in (114, 112, 96, 120)]  # 442 pt: the 版心; 单位负责人签字 and a phone on one line
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice lays out by; Word reads the cells' widths
    # One page: rows shrink with the number of officers (three still fit; a wrapped 职务 takes a line more)
    row_pt = max(22.0, min(30.0, (ROWS_BUDGET - SIGN_PT[0]) / (len(rows) - 1)))
    sign = max(SIGN_PT[0], min(SIGN_PT[1], ROWS_BUDGET - row_pt * (len(rows) - 1)))  # what is left, for ink
    for row in table.rows:
        row.height = Pt(row_pt)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for n, cells in enumerate(rows):
        _label_value(table, n, cells)
        if n < len(rows) - 1:  # the signature row keeps its text at the top, room below for ink
            for cell in table.rows[n].cells:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    table.rows[-1].height = Pt(sign)  # room for a signature and a seal
    note = "说明：审核人为单位主管信息工作的负责人。本表一式两份，单位留存一份，报乡党政办一份。"
    line = layout.add_paragraph(doc, note, size=NOTE_PT, indent=False)  # one line under the table
    line.paragraph_format.line_spacing = Pt(NOTE_PT * 2)
    layout.no_grid(line)
    path = Path(path)
    doc.save(path)
    return path


def _day(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
