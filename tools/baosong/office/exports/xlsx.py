"""Tables into an .xlsx workbook (openpyxl): one sheet per table, Chinese headers, frozen header row,
widths that fit, numbers stored as numbers (rates as 0–1 with a percent format, dates as dates)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from .tables import DATE, RATE, TEXT, Table, fmt_cell

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


TITLE_FONT = Font(name="宋体", bold=True, size=14)
MAX_WIDTH = 50  # characters: longer texts wrap


def write_workbook(tables: list[Table], path: Path, heading: str = "") -> Path:
    """One sheet per table, ready to print: a title row naming ``heading`` (the township) and the
    table's title (which names the quarter), the header row under it; both repeat on every printed
    page (print titles) and stay in view (frozen); widths fitted to the content; A4 landscape, one page
    wide; the title in the print header, page numbers in the footer."""
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for table in tables:
        ws = wb.create_sheet(sheet_name(table.name, used))
        title = table.title if not heading or heading in table.title else f"{heading}{table.title}"
        ncols = max(len(table.columns), 1)
        ws.cell(row=1, column=1, value=title).font = TITLE_FONT
        ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
        if ncols > 1:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
        ws.row_dimensions[1].height = 28
        ws.append(table.headers)
        for cell in ws[2]:
            cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for row in table.rows:
            ws.append([_value(v) for v in row])
        widths = [_display_width(c.header) for c in table.columns]
        for r in range(3, len(table.rows) + 3):
            for c, column in enumerate(table.columns, start=1):
                cell = ws.cell(row=r, column=c)
                cell.font, cell.border = BODY_FONT, BORDER
                value = table.rows[r - 3][c - 1]
                shown = fmt_cell(value, column.kind) if value not in ("", None) else ""
                widths[c - 1] = max(widths[c - 1], _display_width(shown))
                if column.kind == RATE:
                    cell.number_format = "0.0%"
                elif column.kind == DATE:
                    cell.number_format = "yyyy-mm-dd"
                if column.kind == TEXT:
                    cell.alignment = Alignment(vertical="top", wrap_text=widths[c - 1] > MAX_WIDTH)
                else:
                    cell.alignment = Alignment(horizontal="center")
        for c, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, width + 2)
        first_text = table.columns and table.columns[0].kind == TEXT and len(table.columns) > 8
        ws.freeze_panes = "B3" if first_text else "A3"
        if table.note:
            ws.cell(row=len(table.rows) + 4, column=1, value=table.note).font = Font(name="宋体", italic=True)
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # one page wide, as long as it takes
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.print_title_rows = "1:2"
        ws.print_options.horizontalCentered = True
        ws.oddHeader.center.text = title
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    path = Path(path)
    wb.save(path)
    return path


def _value(v):
    return "" if v is None else v


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))
