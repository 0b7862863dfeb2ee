"""The 季度通报 as a 公文 (GB/T 9704-2012): 版头, 主体, 附件, 版记, in Word.

- 版头 (7.2): 发文机关标志 in red 小标宋, centred, its top 35 mm under the top of the 版心 (7.2.4);
  two lines lower the 发文字号 (7.2.5); 4 mm under it a red line as wide as the 版心 (7.2.7).
  ``letterhead=True`` leaves the 标志 and the red line off (pre-printed paper) and keeps the 发文字号
  where it would stand, so that it lands in the paper's space above the printed line.
- 主体 (7.3): title 2号小标宋 two lines under the red line, broken at a word boundary; 主送 one line
  under it; 正文 3号仿宋 (headings 一、 in 黑体); 附件说明 "附件：1．…" (7.3.4); 署名 and 成文日期
  without a seal (7.3.5.2: 署名 two characters from the right, the date's first character two to the
  right of the 署名's, or the date two from the right when it is the longer).
- 附件 (7.3.7): each on a new (landscape) page, "附件1" in 黑体 on the first line, its title centred on
  the third, then the table.
- 版记 (7.4): on its own last page, at its foot: 抄送 and 印发机关/印发日期 between thick and thin lines.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Mm, Pt

from . import docx as layout
from .circular_text import CircularText, date_zh
from .tables import Table

MASTHEAD_TOP = Mm(35)  # 发文机关标志 上边缘至版心上边缘 (7.2.4)
RED_LINE_GAP = 11  # pt: the red line 4 mm under the 发文字号 (7.2.7)
RED_LINE = 12  # 1/8 pt: 1.5 pt


def masthead_size(issuer: str) -> float:
    """The 标志's size: as large as looks right (about 2 cm high) but never wider than the 版心."""
    fit = layout.TEXT_W.pt * 0.92 / max(layout.text_width(issuer), 1)
    return float(min(56, int(fit)))


def _masthead(doc, text: CircularText, letterhead: bool) -> None:
    size = masthead_size(text.issuer)
    paragraph = layout.add_paragraph(
        doc,
        "" if letterhead else text.issuer,
        layout.TITLE_FONT,
        size,
        indent=False,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        color=layout.RED,
    )
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(MASTHEAD_TOP.pt - size * 0.15)  # the glyphs' top edge, not the line's
    fmt.line_spacing = Pt(size * 1.2)
    layout.no_grid(paragraph)
    layout.blank(doc)
    layout.blank(doc)
    number = layout.add_paragraph(doc, text.doc_number_zh or "", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    if not letterhead:
        layout.border(number, "bottom", RED_LINE, "FF0000", RED_LINE_GAP)


def _attachment_note(doc, titles: list[str]) -> None:
    """附件说明 (7.3.4): indented two characters, "附件：1．名称", later names aligned under the first,
    a wrapped name under the first character of its name."""
    if not titles:
        return
    layout.blank(doc).paragraph_format.keep_with_next = True
    head = layout.CHAR_PITCH * 3  # 附件：
    for n, title in enumerate(titles, start=1):
        number = f"{n}．" if len(titles) > 1 else ""
        paragraph = layout.add_paragraph(doc, f"{'附件：' if n == 1 else ''}{number}{title}", indent=False)
        hang = layout.CHAR_PITCH * layout.text_width(number)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Pt(layout.INDENT.pt + head + hang)
        fmt.first_line_indent = Pt(-(head + hang) if n == 1 else -hang)
        fmt.keep_with_next = True  # with the 署名: never a page holding only the 署名 and date


def _signature(doc, issuer: str, day: str) -> None:
    """署名 and 成文日期 without a seal (7.3.5.2), one blank line under the body or 附件说明."""
    signer, dated = layout.text_width(issuer), layout.text_width(day)
    right_signer = 2.0
    right_date = right_signer + signer - 2 - dated
    if right_date < 2:  # the date is the longer: it keeps 2 characters, the 署名 moves left
        right_signer += 2 - right_date
        right_date = 2.0
    layout.blank(doc).paragraph_format.keep_with_next = True
    for words, right in ((issuer, right_signer), (day, right_date)):
        paragraph = layout.add_paragraph(doc, words, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        paragraph.paragraph_format.right_indent = Pt(layout.CHAR_PITCH * right)
        paragraph.paragraph_format.keep_with_next = words == issuer


def _attachments(doc, tables: list[Table]) -> None:
    for n, table in enumerate(tables, start=1):
        layout.new_section(doc, landscape=True)
        section = doc.sections[-1]
        width = Emu(section.page_width - section.left_margin - section.right_margin).pt
        label = layout.add_paragraph(doc, f"附件{n}", layout.HEADING_FONT, indent=False)
        label.paragraph_format.keep_with_next = True
        layout.blank(doc).paragraph_format.keep_with_next = True
        layout.add_title(doc, layout.title_lines(table.title, layout.TITLE_PT, width))
        layout.add_table(doc, table)


def _colophon(doc, text: CircularText) -> None:
    """版记 (7.4): 抄送 (4号仿宋, hanging after the colon) and 印发机关 … 印发日期."""
    rows = []
    if text.cc:
        rows.append(("抄送：" + "，".join(text.cc) + "。", "", 3))
    rows.append((text.issuer, f"{date_zh(text.signed_on)}印发", 0))
    layout.colophon_page(doc, rows)


def write_circular(text: CircularText, tables: list[Table], path: Path, letterhead: bool = False) -> Path:
    """The circular as a .docx at ``path``; ``tables`` become its 附件, in order."""
    doc = layout.new_document()
    layout.set_properties(doc, text.title, text.issuer, text.signed_on, subject="季度通报")
    _masthead(doc, text, letterhead)
    layout.blank(doc)
    layout.blank(doc)
    layout.add_title(doc, layout.title_lines(text.title))
    layout.blank(doc)
    layout.add_paragraph(doc, text.addressee, indent=False)
    layout.add_paragraph(doc, text.opening)
    for section in text.sections:
        heading = layout.add_paragraph(doc, section.heading, layout.HEADING_FONT)
        heading.paragraph_format.keep_with_next = True  # a heading never ends a page
        for paragraph in section.paragraphs:
            last = layout.add_paragraph(doc, paragraph)
    # 7.3.5: the 署名 and 成文日期 never stand alone on a page; the body's last paragraph goes with them
    last.paragraph_format.keep_with_next = True
    _attachment_note(doc, text.attachments)
    _signature(doc, text.issuer, text.signed_on_zh)
    _attachments(doc, tables)
    _colophon(doc, text)
    path = Path(path)
    doc.save(path)
    return path
