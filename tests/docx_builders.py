"""Word documents shaped like the ones townships exchange, built with python-docx plus the raw XML Word and WPS write.

Every builder returns the path it saved. The XML fragments are what Word 2016 and WPS 2019 put in
``word/document.xml`` (trimmed to the parts a reader uses): a 版头 in red with a red rule, text boxes as
VML (``w:pict``), as DrawingML inside ``mc:AlternateContent`` with and without ``mc:Fallback`` (WPS leaves
it out), as a bare ``wps:txbx`` and in groups, numbering definitions, footnotes, headers and footers.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Pt, RGBColor

RED = RGBColor(0xFF, 0x00, 0x00)
NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


# --- small pieces -----------------------------------------------------------------------------------


def raw(target, xml: str) -> None:
    """Append a raw paragraph (namespaces declared here) to a Document's body or to a header or footer."""
    element = parse_xml(xml.replace("<w:p>", f"<w:p {NS}>", 1) if xml.startswith("<w:p>") else xml)
    if hasattr(target, "element"):  # a Document: before the section properties
        target.element.body.sectPr.addprevious(element)
    else:  # a header or footer
        target._element.append(element)


def raw_in_cell(cell, xml: str) -> None:
    """Append a raw paragraph to a table cell."""
    cell._tc.append(parse_xml(xml.replace("<w:p>", f"<w:p {NS}>", 1)))


def line(document, text: str, size: float | None = None, red: bool = False, bold: bool = False, center=False):
    """A paragraph of one run: size in points, red text, bold, centred."""
    p = document.add_paragraph()
    run = p.add_run(text)
    if size:
        run.font.size = Pt(size)
    if red:
        run.font.color.rgb = RED
    run.bold = bold or None
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def red_rule_border(paragraph) -> None:
    """A red bottom border under a paragraph (how Word's 版头 templates draw the rule)."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:pBdr {NS}><w:bottom w:val="single" w:sz="18" w:space="1" w:color="FF0000"/></w:pBdr>'))


RED_LARGE = '<w:rPr><w:color w:val="FF0000"/><w:sz w:val="96"/></w:rPr>'  # red 48 pt, a masthead's name


def _paras(texts: list[str], rpr: str = "") -> str:
    return "".join(f"<w:p><w:r>{rpr}<w:t>{t}</w:t></w:r></w:p>" for t in texts)


def vml_line_xml() -> str:
    """A red line drawn with Word's shapes, VML only (Word 2003 style, and WPS's fallback)."""
    return (
        '<w:p><w:r><w:pict><v:line id="rule" style="position:absolute;z-index:1" from="0,0" to="442pt,0" '
        'strokecolor="red" strokeweight="2pt"/></w:pict></w:r></w:p>'
    )


def wps_line_xml() -> str:
    """A red line as WPS writes it: DrawingML in mc:Choice, no mc:Fallback."""
    return (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="5600000" cy="0"/><wp:wrapNone/><wp:docPr id="9" name="直线 9"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5600000" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="28575"><a:solidFill><a:srgbClr val="FF0000"/>'
        "</a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        "</w:drawing></mc:Choice></mc:AlternateContent></w:r></w:p>"
    )


def _wsp(texts: list[str], x: int = 0, y: int = 0, rpr: str = "") -> str:
    return (
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
        '<a:ext cx="2000000" cy="600000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{_paras(texts, rpr)}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
    )


def _anchor(graphic_uri: str, inner: str) -> str:
    return (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2000000" cy="600000"/><wp:wrapSquare wrapText="bothSides"/>'
        '<wp:docPr id="7" name="文本框 7"/>'
        f'<a:graphic><a:graphicData uri="{graphic_uri}">{inner}</a:graphicData></a:graphic>'
        "</wp:anchor></w:drawing>"
    )


WPS_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WPG_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"


def vml_textbox_xml(texts: list[str], before: str = "") -> str:
    """Word's text box with both copies: DrawingML in mc:Choice, VML in mc:Fallback (what mammoth reads)."""
    return (
        f"<w:p><w:r><w:t>{before}</w:t></w:r><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps">{_anchor(WPS_URI, _wsp(texts))}</mc:Choice>'
        '<mc:Fallback><w:pict><v:shape id="box1" type="#_x0000_t202" style="position:absolute;width:150pt;'
        f'height:50pt"><v:textbox><w:txbxContent>{_paras(texts)}</w:txbxContent></v:textbox></v:shape>'
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


def vml_only_textbox_xml(texts: list[str]) -> str:
    """A text box from Word 2003 or a converted .doc: VML only."""
    return (
        '<w:p><w:r><w:pict><v:shape id="old1" type="#_x0000_t202" style="position:absolute;width:150pt;height:50pt">'
        f"<v:textbox><w:txbxContent>{_paras(texts)}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )


def wps_textbox_xml(texts: list[str], before: str = "", rpr: str = "") -> str:
    """WPS's text box: DrawingML in mc:Choice and no mc:Fallback; ``rpr`` formats its text."""
    return (
        f'<w:p><w:r><w:t>{before}</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"{_anchor(WPS_URI, _wsp(texts, rpr=rpr))}</mc:Choice></mc:AlternateContent></w:r></w:p>"
    )


def bare_txbx_xml(texts: list[str]) -> str:
    """A DrawingML text box without mc:AlternateContent (LibreOffice, newer WPS, generators)."""
    return f"<w:p><w:r>{_anchor(WPS_URI, _wsp(texts))}</w:r></w:p>"


def group_xml(boxes: list[tuple[list[str], int, int]]) -> str:
    """Grouped shapes (wpg:wgp) holding text boxes at (x, y) offsets, WPS style (no fallback)."""
    shapes = "".join(_wsp(texts, x, y) for texts, x, y in boxes)
    group = (
        '<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5000000" '
        'cy="3000000"/><a:chOff x="0" y="0"/><a:chExt cx="5000000" cy="3000000"/></a:xfrm></wpg:grpSpPr>'
        f"{shapes}</wpg:wgp>"
    )
    return (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wpg">'
        f"{_anchor(WPG_URI, group)}</mc:Choice></mc:AlternateContent></w:r></w:p>"
    )


def vml_group_xml(boxes: list[tuple[list[str], int, int]]) -> str:
    """A VML group (v:group) of text boxes at (left, top) in the group's units."""
    shapes = "".join(
        f'<v:shape type="#_x0000_t202" style="position:absolute;left:{x};top:{y};width:1000;height:400">'
        f"<v:textbox><w:txbxContent>{_paras(texts)}</w:txbxContent></v:textbox></v:shape>"
        for texts, x, y in boxes
    )
    return (
        '<w:p><w:r><w:pict><v:group style="position:absolute;width:300pt;height:200pt" coordsize="3000,2000">'
        f"{shapes}</v:group></w:pict></w:r></w:p>"
    )


def wordart_xml(text: str) -> str:
    """Legacy WordArt: the text only in v:textpath's string attribute."""
    return (
        '<w:p><w:r><w:pict><v:shape type="#_x0000_t136" style="width:300pt;height:60pt" fillcolor="red">'
        f'<v:textpath style="font-family:&quot;宋体&quot;" string="{text}"/></v:shape></w:pict></w:r></w:p>'
    )


def chart_xml() -> str:
    """An inline chart (its data lives in a chart part the importer does not read)."""
    return (
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="5000000" cy="3000000"/><wp:docPr id="3" name="图表 3"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rIdChart"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def started(title: str, first: str) -> Document:
    """A new document with a bold centred title line and a first paragraph (python-docx)."""
    d = Document()
    line(d, title, bold=True, center=True)
    d.add_paragraph(first)
    return d


def merged_table(document, head: tuple[str, str], side: str, cells: dict[tuple[int, int], str]):
    """A 3×3 table: ``head`` over the first two columns and the third, ``side`` down rows 2–3, then ``cells``."""
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = head[0]
    table.cell(0, 2).text = head[1]
    table.cell(1, 0).merge(table.cell(2, 0)).text = side
    for (row, col), value in cells.items():
        table.cell(row, col).text = value
    return table


# --- numbering -------------------------------------------------------------------------------------


def add_numbering(
    document, levels: list[tuple[str, str]], num_id: int = 90, start: int = 1, styles: tuple[str, ...] = ()
) -> int:
    """A numbering definition with (numFmt, lvlText) per level, e.g. ("chineseCounting", "%1、"); its numId.

    ``styles``: style ids linked from the levels (w:lvl/w:pStyle), as Word's 多级列表 links 标题 1, 标题 2.
    """
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        + (f'<w:pStyle w:val="{styles[i]}"/>' if i < len(styles) else "")
        + f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{num_id}">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))
    return num_id


def numbered(paragraph, num_id: int, level: int = 0):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def number_style(document, style_name: str, num_id: int, level: int) -> None:
    """Numbering attached to a paragraph style (how Word's 多级列表 links to 标题 1, 标题 2)."""
    style = document.styles[style_name]
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


# --- parts added after saving ------------------------------------------------------------------------


def add_notes(path: Path, notes: dict[int, str], kind: str = "footnote") -> None:
    """Give the saved document a footnotes (or endnotes) part with ``notes`` (id → text), as Word writes it."""
    body = "".join(
        f'<w:{kind} w:id="{n}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>'
        for n, text in notes.items()
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {NS}>'
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:{kind}>{body}</w:{kind}s>"
    )
    _add_part(
        path,
        f"word/{kind}s.xml",
        xml,
        f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml",
        f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}s",
    )


def note_ref(paragraph, note_id: int, kind: str = "footnote") -> None:
    """A footnote (or endnote) mark at the end of ``paragraph``."""
    paragraph._p.append(
        parse_xml(
            f'<w:r {NS}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r>'
        )
    )


def _add_part(path: Path, name: str, xml: str, content_type: str, rel_type: str) -> None:
    with zipfile.ZipFile(path) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    parts[name] = xml.encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace(
        "</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'
    ).encode("utf-8")
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    target = name.removeprefix("word/")
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdBs{len(parts)}" Type="{rel_type}" Target="{target}"/></Relationships>',
    ).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part, data in parts.items():
            out.writestr(part, data)


# --- whole documents -------------------------------------------------------------------------------


HEADLINE = "勐往村召开防汛工作会议"
FIRST = "11月18日，勐往村召开防汛工作会议，村“两委”成员和各村民小组长共25人参加。"


def masthead_issue(path: Path, rule: str = "border", issue: str = "第48期", headline: str = HEADLINE) -> Path:
    """A 政务信息 issue: red 版头 (organ, name, 期号, 编印 line), a red rule, the headline, the body.

    ``rule``: "border" (bottom border of the 编印 line), "vml" (a drawn VML line), "wps" (WPS DrawingML line),
    "typed" (a line of ━), "none" (no rule at all).
    """
    d = Document()
    line(d, "勐往乡人民政府", size=26, red=True, bold=True, center=True)
    line(d, "政务信息", size=48, red=True, bold=True, center=True)
    line(d, issue, size=16, center=True)
    editor = line(d, "勐往乡党政办公室编印\u3000\u3000\u3000\u3000 2026年11月20日", size=14)
    if rule == "border":
        red_rule_border(editor)
    elif rule == "vml":
        raw(d, vml_line_xml())
    elif rule == "wps":
        raw(d, wps_line_xml())
    elif rule == "typed":
        line(d, "━" * 24, red=True)
    d.add_paragraph("")
    line(d, headline, size=22, bold=True, center=True)
    d.add_paragraph(FIRST)
    d.add_paragraph("会议传达了县防汛抗旱指挥部的部署，安排了汛期值班和隐患排查。")
    d.save(path)
    return path


def gongwen(path: Path, secret: str = "", urgency: str = "特急") -> Path:
    """A 公文 with a 版头 (GB/T 9704): 份号, 密级, 紧急程度, 发文机关标志, 发文字号, red rule; a two-line title."""
    d = Document()
    line(d, "000012")
    if secret:
        line(d, secret)
    if urgency:
        line(d, urgency)
    line(d, "勐往乡人民政府文件", size=36, red=True, center=True)
    red_rule_border(line(d, "勐政发〔2026〕12号", size=16, center=True))
    line(d, "勐往乡人民政府关于做好冬季", size=22, center=True)
    line(d, "森林防火工作的通知", size=22, center=True)
    d.add_paragraph("各村（居）委会，乡属各单位：")
    d.add_paragraph("11月20日，县森林防灭火指挥部召开会议，部署今冬明春森林防火工作。现就有关事项通知如下。")
    d.save(path)
    return path
