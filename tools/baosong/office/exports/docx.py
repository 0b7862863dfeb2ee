"""Word layout primitives after GB/T 9704-2012 (党政机关公文格式), with python-docx.

Page (5.2): A4; 天头 37 mm, 订口 28 mm, so right 26 mm and bottom 35 mm; a 文档网格 of 22 lines × 28
characters (``w:docGrid w:type="linesAndChars"``); body 3号仿宋 (16 pt). Page numbers (7.5): "— N —" in
4号宋体, their top 7 mm under the 版心, odd pages one character in from the right, even pages one in from
the left (``w:evenAndOddHeaders``). Tables (8): widths fitted to their content, header rows repeated
(``w:tblHeader``), rows never split across pages (``w:cantSplit``). Fonts are named as offices have
them (仿宋_GB2312, 方正小标宋简体, 黑体) with a common substitute declared in the font table.

Only layout lives here; the circular (``circular_docx``), the bulletin and the roster form use it.
"""

from __future__ import annotations

import copy
import math
import unicodedata
from datetime import date, datetime, time

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import _Cell

from .tables import Table, fmt_cell

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", KAI_FONT: "楷体", HEADING_FONT: "SimHei", TABLE_FONT: "SimSun"}
TITLE_PT, BODY_PT, TABLE_PT, PAGE_NO_PT, COLOPHON_PT = 22, 16, 10.5, 14, 14
RED = RGBColor(0xFF, 0x00, 0x00)

PAGE_W, PAGE_H = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_W, TEXT_H = Emu(PAGE_W - LEFT - RIGHT), Emu(PAGE_H - TOP - BOTTOM)  # 版心 156 × 225 mm
LINES, CHARS = 22, 28
LINE_PITCH = Pt(TEXT_H.pt / LINES)  # 28.95 pt
CHAR_PITCH = TEXT_W.pt / CHARS  # 15.79 pt: 28 characters of 3号 on a line
CHAR = Pt(CHAR_PITCH)
INDENT = Pt(CHAR_PITCH * 2)  # 首行缩进 2 字
PAGE_NO_GAP = Mm(7)  # 页码一字线上距版心下边缘 7 mm (7.5)


def set_font(run, name: str, size: float, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = LATIN_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:hint"), "eastAsia")


def text_width(text: str) -> float:
    """Width in em (full-width characters 1, half-width 0.5): how a line of Chinese is measured."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def new_document(landscape: bool = False) -> Document:
    """An empty A4 document with the 公文 page, grid, Normal style, page numbers and fonts."""
    doc = Document()
    section = doc.sections[0]
    page_setup(section, landscape)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = LATIN_FONT, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _default_size(doc, BODY_PT)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE_PITCH
    fmt.widow_control = False  # a 公文 fills its 22 lines; Word's widow control would leave gaps
    # The grid above says 22 × 28 (Word's 文档网格 dialog shows it); the text itself keeps off the
    # character grid and is condensed to the grid's pitch instead: LibreOffice gives a 16 pt character
    # two 15.79 pt grid cells (14 characters a line), Word and LibreOffice both set 28 this way.
    _snap_off(normal.element.get_or_add_pPr())
    # one twentieth of a point more than the pitch asks, so that rounding never loses the 28th character
    _condensed(normal.element.get_or_add_rPr(), math.floor((CHAR_PITCH - BODY_PT) * 20) - 1)
    doc.settings.odd_and_even_pages_header_footer = True
    page_numbers(section)
    _font_fallbacks(doc)
    return doc


def _default_size(doc, size: float) -> None:
    """The document default font size: LibreOffice measures the character grid from it, Word from Normal."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            rpr.append(element)
        element.set(qn("w:val"), str(round(size * 2)))


def page_setup(section, landscape: bool = False) -> None:
    """Page size, margins and the 22 × 28 grid (5.2.1, 5.2.2). A landscape table page keeps the binding
    edge of the portrait page: 订口 28 mm at the top when turned, 天头 37 mm on the left."""
    section.page_width, section.page_height = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    if landscape:
        section.top_margin, section.bottom_margin = LEFT, RIGHT
        section.left_margin, section.right_margin = TOP, BOTTOM
    else:
        section.top_margin, section.bottom_margin = TOP, BOTTOM
        section.left_margin, section.right_margin = LEFT, RIGHT
    footer_height = Pt(PAGE_NO_PT * 1.2)
    section.footer_distance = Emu(section.bottom_margin - PAGE_NO_GAP - footer_height)
    section.header_distance = Mm(15)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    if landscape:  # table pages: lines only, tables keep their own pitch
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(LINE_PITCH.pt * 20)))
        grid.attrib.pop(qn("w:charSpace"), None)
    else:
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(round(LINE_PITCH.pt * 20)))  # twips: 579
        # charSpace: extra pitch over the Normal font size, in 1/4096 pt (ECMA-376 17.6.5)
        grid.set(qn("w:charSpace"), str(round((CHAR_PITCH - BODY_PT) * 4096)))


def _field(run, instruction: str) -> None:
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)


def page_numbers(section) -> None:
    """ "— N —" in 4号宋体: odd pages right, one character in; even pages left, one character in (7.5)."""
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        _page_number(footer.paragraphs[0], align)


def _page_number(paragraph, align) -> None:
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(PAGE_NO_PT * 1.2)
    fmt.first_line_indent = Pt(0)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(PAGE_NO_PT)
    else:
        fmt.left_indent = Pt(PAGE_NO_PT)
    no_grid(paragraph)
    set_font(paragraph.add_run("— "), TABLE_FONT, PAGE_NO_PT)
    run = paragraph.add_run()
    set_font(run, TABLE_FONT, PAGE_NO_PT)
    _field(run, "PAGE")
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


def set_properties(doc, title: str, author: str, day: date, subject: str = "") -> None:
    """File properties from the office and the day (not python-docx's "python-docx", 2013, Mac Word)."""
    props = doc.core_properties
    stamp = datetime.combine(day, time(9, 0))
    props.title, props.subject, props.author, props.last_modified_by = title, subject, author, author
    props.created = props.modified = stamp
    props.comments, props.keywords, props.category = "", "", subject
    props.revision = 1
    part = next((p for p in doc.part.package.iter_parts() if p.partname == "/docProps/app.xml"), None)
    if part is None or not hasattr(part, "_blob"):
        return
    from lxml import etree

    root = etree.fromstring(part._blob)
    ns = root.nsmap.get(None, "")
    for name, value in (("Application", "baosong 信息报送"), ("Company", author), ("Template", "")):
        element = root.find(f"{{{ns}}}{name}")
        if element is None:
            element = etree.SubElement(root, f"{{{ns}}}{name}")
        element.text = value
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# WordprocessingML wants pPr / rPr children in schema order (ECMA-376 17.3.1.26, 17.3.2.28): Word calls a
# file with them out of order damaged. These are the children that may follow the ones added here.
PPR_AFTER_BDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct")
PPR_AFTER_BDR += ("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd")
PPR_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc")
PPR_AFTER_SNAP += ("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId")
PPR_AFTER_SNAP += ("w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect")
RPR_AFTER_SPACING += ("w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang")
RPR_AFTER_SPACING += ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _snap_off(ppr) -> None:
    if ppr.find(qn("w:snapToGrid")) is None:
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        ppr.insert_element_before(snap, *PPR_AFTER_SNAP)


def no_grid(paragraph) -> None:
    """Keep a paragraph off the document grid (titles, tables, footers keep their own pitch)."""
    _snap_off(paragraph._p.get_or_add_pPr())


def _condensed(rpr, twentieths: int) -> None:
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rpr.insert_element_before(spacing, *RPR_AFTER_SPACING)
    spacing.set(qn("w:val"), str(twentieths))


def add_paragraph(
    doc,
    text: str,
    font: str = BODY_FONT,
    size: float = BODY_PT,
    indent: bool = True,
    align=None,
    bold: bool = False,
    color: RGBColor | None = None,
):
    paragraph = doc.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = INDENT
    if align is not None:
        paragraph.alignment = align
    if text:
        set_font(paragraph.add_run(text), font, size, bold, color)
    return paragraph


def add_title(doc, text: str | list[str], size: float = TITLE_PT):
    """A centred 小标宋 title; a list gives its lines (broken at word boundaries by the caller)."""
    lines = [text] if isinstance(text, str) else text
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(max(size * 1.5, LINE_PITCH.pt))
    fmt.first_line_indent = Pt(0)
    fmt.keep_with_next = True
    no_grid(paragraph)
    for n, line in enumerate(lines):
        run = paragraph.add_run(line)
        set_font(run, TITLE_FONT, size)
        if n < len(lines) - 1:
            run.add_break()
    return paragraph


def title_lines(title: str, size: float = TITLE_PT, width_pt: float | None = None) -> list[str]:
    """Break a long title at a word boundary into a symmetric shape (7.3.1: 梯形或菱形).

    Break points are after 关于, before the quarter or subject, and before 的通报; the break that fits
    and gives the most even lines wins (first line not longer than the second: a trapezoid).
    """
    per_line = (width_pt or TEXT_W.pt) / size
    if text_width(title) <= per_line:
        return [title]
    marks = ["关于", "政务信息", "的通报", "情况", "统计表", "明细"]
    cuts = set()
    for mark in marks:
        start = title.find(mark)
        while start > 0:
            cuts.add(start + len(mark) if mark == "关于" else start)
            start = title.find(mark, start + 1)
    best = None
    for cut in sorted(cuts):
        head, tail = title[:cut], title[cut:]
        if text_width(head) > per_line or text_width(tail) > per_line:
            continue
        score = (abs(text_width(tail) - text_width(head)), text_width(head) > text_width(tail))
        if best is None or score < best[0]:
            best = (score, [head, tail])
    if best:
        return best[1]
    cut = math.ceil(len(title) / 2)
    return [title[:cut], title[cut:]]


def blank(doc):
    return doc.add_paragraph()


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def border(paragraph, side: str, size_eighths: int, color: str = "000000", space_pt: int = 0) -> None:
    """A line as a paragraph border (the red separator, the bulletin's rules): ``size`` in 1/8 pt."""
    ppr = paragraph._p.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        ppr.insert_element_before(bdr, *PPR_AFTER_BDR, "w:snapToGrid", *PPR_AFTER_SNAP)
    line = OxmlElement(f"w:{side}")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", str(size_eighths)),
        ("w:space", str(space_pt)),
        ("w:color", color),
    ):
        line.set(qn(key), value)
    bdr.append(line)


def _tr_flag(tr, name: str) -> None:
    tr_pr = tr.get_or_add_trPr()
    flag = OxmlElement(f"w:{name}")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: each CJK character alone, runs of Latin letters and digits together."""
    out, run = [], ""
    for ch in text:
        if text_width(ch) == 1:
            if run:
                out.append(run)
                run = ""
            out.append(ch)
        else:
            run += ch
    return [*out, run] if run else out


CELL_PAD = Pt(3)  # left and right cell margin


def fit_widths(
    texts: list[list[str]], headers: list[str], size: float, available: float, wrap_cells: bool = True
) -> list[float]:
    """Column widths in pt that fit the content: each column as wide as its longest cell; headers wrap
    first (to two lines, down to the longest cell), then, with ``wrap_cells``, the widest columns wrap
    their cells. Widened evenly when there is room; never narrower than an unbreakable piece."""
    pad = 2 * CELL_PAD.pt
    widths, header_least, least = [], [], []
    for n, header in enumerate(headers):
        cells = [text_width(row[n]) for row in texts]
        longest = max(cells, default=0)
        widths.append(max(text_width(header), longest) * size + pad)
        wrapped = text_width(header) if text_width(header) <= 4 else math.ceil(text_width(header) / 2)
        header_least.append(max(longest, wrapped) * size + pad)  # short headers (采用级别) stay whole
        pieces = [t for c in [header, *(row[n] for row in texts)] for t in _tokens(c)]
        least.append(max([text_width(t) for t in pieces] + [1]) * size + pad)
    while sum(widths) > available:  # headers wrap first, all of them alike (no ragged header row)
        wrapping = [n for n, floor in enumerate(header_least) if widths[n] > floor + 0.01]
        if not wrapping:
            break
        step = (sum(widths) - available) / len(wrapping)
        for n in wrapping:
            widths[n] = max(header_least[n], widths[n] - step)
    while wrap_cells and sum(widths) > available:
        slack = [(w - m, i) for i, (w, m) in enumerate(zip(widths, least, strict=True)) if w - m >= size]
        if not slack:
            break
        _, i = max(slack)
        widths[i] -= size
    if sum(widths) < available:
        extra = (available - sum(widths)) / len(widths)
        widths = [w + extra for w in widths]
    return widths


def add_table(doc, table: Table, size: float = TABLE_PT, width: Emu | None = None) -> None:
    """A bordered table with fitted column widths, the header row repeated on every page, no row split
    across pages, numbers centred (GB/T 9704-2012, 8; ``w:tblHeader``, ``w:cantSplit``).

    Data rows are copies of one formatted prototype row with their texts filled in: python-docx's own
    per-cell calls cost about a millisecond each, too slow for thousands of adoption rows.
    """
    section = doc.sections[-1]
    available = Emu(width or (section.page_width - section.left_margin - section.right_margin)).pt
    texts = [
        [fmt_cell(v, c.kind) if v != "" else "" for v, c in zip(row, table.columns, strict=True)] for row in table.rows
    ]
    widths = fit_widths(texts, table.headers, size, available, wrap_cells=False)
    if sum(widths) > available:  # one size smaller before cells wrap
        size = min(size, 9)
        widths = fit_widths(texts, table.headers, size, available)
    grid = doc.add_table(rows=2, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _cell_margins(grid)
    for column, w in zip(grid.columns, widths, strict=True):
        column.width = Pt(w)
    for row in grid.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Pt(w)
    _cell_row(grid.rows[0], table.headers, [True] * len(table.columns), size, bold=True)
    _tr_flag(grid.rows[0]._tr, "tblHeader")
    _tr_flag(grid.rows[0]._tr, "cantSplit")
    # numbers, and short marks such as ✓ / 进行中, are centred; names and titles read from the left
    centred = [
        c.kind != "text" or max((text_width(r[n]) for r in texts), default=0) <= 3 for n, c in enumerate(table.columns)
    ]
    prototype = grid.rows[1]._tr
    _cell_row(grid.rows[1], ["0"] * len(table.columns), centred, size)
    _tr_flag(prototype, "cantSplit")
    tbl = grid._tbl
    tbl.remove(prototype)
    space = qn("xml:space")
    for row in texts:
        tr = copy.deepcopy(prototype)
        for t, text in zip(tr.iter(qn("w:t")), row, strict=True):
            t.text = text
            t.set(space, "preserve")
        tbl.append(tr)
    if table.note:
        note = add_paragraph(doc, table.note, TABLE_FONT, TABLE_PT, indent=False)
        no_grid(note)
        note.paragraph_format.line_spacing = Pt(TABLE_PT * 1.6)


def _cell_margins(grid, pad_pt: float | None = None) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round((pad_pt or CELL_PAD.pt) * 20)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    grid._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def _cell_row(row, values, centred, size, bold=False) -> None:
    cells = [_Cell(tc, row.table) for tc in row._tr.tc_lst]
    for cell, value, centre in zip(cells, values, centred, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(size * 1.5)
        paragraph.paragraph_format.first_line_indent = Pt(0)
        no_grid(paragraph)
        if centre or bold:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(paragraph.add_run(str(value)), TABLE_FONT, size, bold)
        tc_pr = cell._tc.get_or_add_tcPr()
        v_align = OxmlElement("w:vAlign")
        v_align.set(qn("w:val"), "center")
        tc_pr.append(v_align)


def new_section(doc, landscape: bool = False):
    """A new page in a new section (attachments turn landscape; the 版记 page turns back)."""
    section = doc.add_section()
    page_setup(section, landscape)
    return section


THICK, THIN = 8, 6  # 1/8 pt: 版记 lines 0.35 mm (first and last) and 0.25 mm (between), 7.4.1


def _cell_border(cell, side: str, size: int | None, color: str = "000000") -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    line = OxmlElement(f"w:{side}")
    if size is None:
        line.set(qn("w:val"), "nil")
    else:
        for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "0"), ("w:color", color)):
            line.set(qn(key), value)
    borders.append(line)


def colophon_page(doc, rows: list[tuple[str, str, float]], size: float = COLOPHON_PT) -> None:
    """The 版记 page (7.4): the block in the footer of a last page of its own, its last rule on the
    版心's bottom edge and the page number 7 mm under it. A footer grows upwards from the footer
    distance in Word and LibreOffice alike, so the block lands where the standard puts it whatever
    renders it (a spacer above it, or a floating table, land differently in each)."""
    section = new_section(doc)
    doc.add_paragraph()  # the section's (empty) body
    gap = Emu(section.bottom_margin - section.footer_distance).pt - PAGE_NO_PT * 1.2  # 版心 edge to the number
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        for paragraph in footer.paragraphs:
            paragraph._p.getparent().remove(paragraph._p)
        width = section.page_width - section.left_margin - section.right_margin
        table = footer.add_table(rows=len(rows), cols=1, width=width)
        _fill_block(table, rows, size, width)
        spacer = footer.add_paragraph()
        spacer.paragraph_format.line_spacing = Pt(gap)
        no_grid(spacer)
        _page_number(footer.add_paragraph(), align)


def bottom_block(doc, rows: list[tuple[str, str, float]], size: float = COLOPHON_PT) -> None:
    """Lines as wide as the 版心 under the text (the bulletin's 报/送/发 block): ``rows`` are (left text,
    right text, hanging indent in characters; a newline in the left text starts another line of the same
    cell); the first and last rules are thick, those between thin; cells are one character in from each
    side; the rows stay together on one page."""
    section = doc.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    table = doc.add_table(rows=len(rows), cols=1)
    _fill_block(table, rows, size, width)
    tail = doc.add_paragraph()  # a document cannot end on a table: the closing paragraph takes no room
    tail.paragraph_format.line_spacing = Pt(1)
    set_font(tail.add_run(""), BODY_FONT, 1)


def _fill_block(table, rows, size: float, width) -> None:
    row_pt = size * 1.9
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_margins(table, size)  # one character in from each side
    table.columns[0].width = width
    inner = Emu(width - Pt(2 * size))
    for n, ((left, right, hang), row) in enumerate(zip(rows, table.rows, strict=True)):
        cell = row.cells[0]
        cell.width = width
        _tr_flag(row._tr, "cantSplit")
        # in schema order (top, left, bottom, right): Word refuses others (ECMA-376 17.4.67)
        _cell_border(cell, "top", THICK if n == 0 else THIN)
        _cell_border(cell, "left", None)
        _cell_border(cell, "bottom", THICK if n == len(rows) - 1 else THIN)
        _cell_border(cell, "right", None)
        for k, text in enumerate(left.split("\n")):
            paragraph = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
            fmt = paragraph.paragraph_format
            fmt.line_spacing = Pt(row_pt)
            fmt.first_line_indent = Pt(-size * hang) if hang else Pt(0)
            fmt.left_indent = Pt(size * hang) if hang else Pt(0)
            fmt.keep_with_next = n < len(rows) - 1  # the block is not split across pages
            no_grid(paragraph)
            set_font(paragraph.add_run(text), BODY_FONT, size)
        if right:
            from docx.enum.text import WD_TAB_ALIGNMENT

            fmt.tab_stops.add_tab_stop(inner, WD_TAB_ALIGNMENT.RIGHT)
            set_font(paragraph.add_run("\t" + right), BODY_FONT, size)
