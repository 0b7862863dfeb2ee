"""Tables into an .xlsx workbook (openpyxl): one sheet per table, Chinese headers, frozen header row,
widths that fit, numbers stored as numbers (rates as 0–1 with a percent format, dates as dates)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .tables import DATE, RATE, TEXT, Table

HEADER_FONT = Font(name="宋体", bold=True)
BODY_FONT = Font(name="宋体")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
INVALID_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


def sheet_name(name: str, used: set[str]) -> str:
    base = name.translate(INVALID_SHEET_CHARS)[:31] or "表"
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base[:28]}{n}"
        n += 1
    used.add(candidate)
    return candidate


def write_workbook(tables: list[Table], path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for table in tables:
        ws = wb.create_sheet(sheet_name(table.name, used))
        ws.append(table.headers)
        for cell in ws[1]:
            cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for row in table.rows:
            ws.append([_value(v) for v in row])
        for r in range(2, len(table.rows) + 2):
            for c, column in enumerate(table.columns, start=1):
                cell = ws.cell(row=r, column=c)
                cell.font, cell.border = BODY_FONT, BORDER
                if column.kind == RATE:
                    cell.number_format = "0.0%"
                elif column.kind == DATE:
                    cell.number_format = "yyyy-mm-dd"
                if column.kind == TEXT:
                    cell.alignment = Alignment(vertical="top", wrap_text=column.width > 30)
                else:
                    cell.alignment = Alignment(horizontal="center")
        for c, column in enumerate(table.columns, start=1):
            ws.column_dimensions[get_column_letter(c)].width = max(column.width, _display_width(column.header) + 2)
        first_text = table.columns and table.columns[0].kind == TEXT and len(table.columns) > 8
        ws.freeze_panes = "B2" if first_text else "A2"
        if table.note:
            ws.cell(row=len(table.rows) + 3, column=1, value=table.note).font = Font(name="宋体", italic=True)
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.print_title_rows = "1:1"
    path = Path(path)
    wb.save(path)
    return path


def _value(v):
    return "" if v is None else v


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
