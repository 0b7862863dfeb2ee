"""Word documents in the layout of GB/T 9704-2012 (党政机关公文格式), with python-docx.

A4; margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; title 2号小标宋 (22 pt, 方正小标宋简体,
Word falls back to 宋体 when it is missing); body 3号仿宋 (16 pt) at a fixed 28.95 pt line pitch
(22 lines a page); first-level headings 3号黑体; page numbers "— 1 —" in 4号宋体; 附件 on new pages.
Only layout lives here: the words come from ``circular_text`` and the figures from ``tables``.
"""

from __future__ import annotations

import copy
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

from .circular_text import CircularText
from .tables import Table, fmt_cell

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING_FONT: "SimHei", TABLE_FONT: "SimSun"}
TITLE_PT, BODY_PT, TABLE_PT, PAGE_NO_PT = 22, 16, 10.5, 14
LINE_PITCH = Pt(28.95)
INDENT = Pt(BODY_PT * 2)  # 首行缩进 2 字


def set_font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = LATIN_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:hint"), "eastAsia")


def new_document(landscape: bool = False) -> Document:
    doc = Document()
    section = doc.sections[0]
    _page(section, landscape)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = LATIN_FONT, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE_PITCH
    _page_number(section)
    _font_fallbacks(doc)
    return doc


def _page(section, landscape: bool) -> None:
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    if landscape:  # the binding edge stays on the left of the portrait page (its top when turned)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    else:
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(7)


def _page_number(section) -> None:
    """Footer "— N —", 4号宋体, centred."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(paragraph.add_run("— "), TABLE_FONT, PAGE_NO_PT)
    run = paragraph.add_run()
    set_font(run, TABLE_FONT, PAGE_NO_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    set_font(paragraph.add_run(" —"), TABLE_FONT, PAGE_NO_PT)


def _font_fallbacks(doc) -> None:
    """Declare the official fonts with a common substitute (altName) in the font table."""
    part = next((p for p in doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml"), None)
    if part is None or not hasattr(part, "_blob"):
        return
    from lxml import etree

    root = etree.fromstring(part._blob)
    for name, alt in FALLBACKS.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt_el = etree.SubElement(font, qn("w:altName"))
        alt_el.set(qn("w:val"), alt)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_paragraph(
    doc, text: str, font: str = BODY_FONT, size: float = BODY_PT, indent: bool = True, align=None, bold: bool = False
):
    paragraph = doc.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = INDENT
    if align is not None:
        paragraph.alignment = align
    set_font(paragraph.add_run(text), font, size, bold)
    return paragraph


def add_title(doc, text: str, size: float = TITLE_PT):
    paragraph = add_paragraph(doc, text, TITLE_FONT, size, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.line_spacing = Pt(size * 1.6)
    return paragraph


def blank(doc):
    return doc.add_paragraph()


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def add_table(doc, table: Table, size: float = TABLE_PT) -> None:
    """A bordered table, header row repeated on every page, numbers centred.

    Data rows are copies of one formatted prototype row with their texts filled in: python-docx's own
    per-cell calls cost about a millisecond each, too slow for thousands of adoption rows.
    """
    grid = doc.add_table(rows=2, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_row(grid.rows[0], table.headers, [True] * len(table.columns), size, bold=True)
    header = grid.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    centred = [c.kind != "text" or (len(c.header) <= 3 and c.width <= 8) for c in table.columns]
    prototype = grid.rows[1]._tr
    _cell_row(grid.rows[1], ["0"] * len(table.columns), centred, size)
    tbl = grid._tbl
    tbl.remove(prototype)
    space = qn("xml:space")
    for row in table.rows:
        tr = copy.deepcopy(prototype)
        texts = [fmt_cell(v, c.kind) if v != "" else "" for v, c in zip(row, table.columns, strict=True)]
        for t, text in zip(tr.iter(qn("w:t")), texts, strict=True):
            t.text = text
            t.set(space, "preserve")
        tbl.append(tr)
    if table.note:
        add_paragraph(doc, table.note, TABLE_FONT, TABLE_PT, indent=False)


def _cell_row(row, values, centred, size, bold=False) -> None:
    cells = [_Cell(tc, row.table) for tc in row._tr.tc_lst]
    for cell, value, centre in zip(cells, values, centred, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph.paragraph_format.first_line_indent = Pt(0)
        if centre or bold:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(paragraph.add_run(str(value)), TABLE_FONT, size, bold)


def landscape_section(doc) -> None:
    section = doc.add_section()
    _page(section, landscape=True)


def signature(doc, issuer: str, day_zh: str) -> None:
    """发文机关署名 and 成文日期, right-aligned with 4 characters kept on the right."""
    blank(doc)
    blank(doc)
    for text in (issuer, day_zh):
        paragraph = add_paragraph(doc, text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        paragraph.paragraph_format.right_indent = Pt(BODY_PT * 4)


def attachment_note(doc, titles: list[str]) -> None:
    """附件说明: "附件：1. …" under the body, one title a line, aligned after "附件："."""
    if not titles:
        return
    blank(doc)
    for n, title in enumerate(titles, start=1):
        prefix = "附件：" if n == 1 else ""
        paragraph = add_paragraph(doc, f"{prefix}{n}. {title}", indent=False)
        paragraph.paragraph_format.left_indent = INDENT + (Pt(0) if n == 1 else Pt(BODY_PT * 3))


def write_circular(text: CircularText, tables: list[Table], path: Path) -> Path:
    doc = new_document()
    doc.core_properties.title = text.title
    doc.core_properties.author = text.issuer
    blank(doc)
    add_title(doc, text.title)
    blank(doc)
    add_paragraph(doc, text.addressee, indent=False)
    add_paragraph(doc, text.opening)
    for section in text.sections:
        add_paragraph(doc, section.heading, HEADING_FONT)
        for paragraph in section.paragraphs:
            add_paragraph(doc, paragraph)
    attachment_note(doc, text.attachments)
    signature(doc, text.issuer, text.signed_on_zh)
    for n, table in enumerate(tables, start=1):
        if n == 1:
            landscape_section(doc)
        else:
            page_break(doc)
        add_paragraph(doc, f"附件{n}", HEADING_FONT, indent=False)
        add_title(doc, table.title, size=18)
        add_table(doc, table)
    path = Path(path)
    doc.save(path)
    return path
