"""``baosong import`` on documents laid out the way township offices write them (issue 19), and zip bombs (issue 13).

The documents come from tests/docx_builders.py: python-docx plus the raw XML Word and WPS write.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

import docx_builders as b
from test_import import make_repo, run_import, split_item, written


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


ARGS = ("--unit", "mengwang", "--type", "会议", "--category", "部署落实")


def imported(repo: Path, source: Path, *args: str):
    """(result, item, body) of a successful import."""
    result = run_import(repo, source, *ARGS, *args)
    assert result.exit_code in (0, 1), result.output
    items = [p for p in written(repo) if p.suffix == ".md"]
    assert len(items) == 1, result.output
    item, body = split_item(items[0])
    return result, item, body


def saved(document, path: Path) -> Path:
    document.save(path)
    return path


def notes(result) -> list[str]:
    out = result.output
    return [line.strip()[2:] for line in out[out.index("请核对：") : out.index("检查结果：")].splitlines()[1:]]


# --- 版头 -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ["border", "vml", "wps", "typed", "none"])
def test_masthead_issue_gives_headline_date_and_notes(repo, tmp_path, rule):
    result, item, body = imported(repo, b.masthead_issue(tmp_path / "政务信息第48期.docx", rule=rule))
    assert item.meta["title"] == b.HEADLINE
    assert item.meta["event_date"] == "2026-11-18"  # from the first paragraph under the headline
    assert body.startswith(b.FIRST)
    for masthead_text in ("政务信息", "第48期", "编印", "勐往乡人民政府", "━"):
        assert masthead_text not in body
    said = notes(result)
    assert "已去掉版头（不放进正文）：勐往乡人民政府 / 政务信息 / 第48期 / 勐往乡党政办公室编印 2026年11月20日" in said
    assert "版头的期号是“第48期”，请核对；需要时写进正文或标签" in said
    assert "版头的编印日期是“2026年11月20日”（2026-11-20），请核对" in said
    assert f"标题取自版头下面的大标题：“{b.HEADLINE}”，请核对" in said
    assert written(repo)[0].name == f"2026-11-25-{b.HEADLINE}.md"


@pytest.mark.parametrize(
    "issue, expected",
    [("2026年第12期（总第48期）", "2026年第12期"), ("（第四十八期）", "第四十八期"), ("第 7 期", "第7期")],
)
def test_masthead_issue_number_forms(repo, tmp_path, issue, expected):
    result, item, _ = imported(repo, b.masthead_issue(tmp_path / "简报.docx", issue=issue))
    assert item.meta["title"] == b.HEADLINE
    assert f"版头的期号是“{expected}”" in result.output


def test_subtitle_and_byline_under_the_headline_are_passed_over_for_the_date(repo, tmp_path):
    path = b.masthead_issue(tmp_path / "简报.docx")
    d = Document(path)
    d.paragraphs[6].insert_paragraph_before("——勐往村扎实做好汛期准备").alignment = 1
    d.paragraphs[7].insert_paragraph_before("（勐往村委会 岩温）").alignment = 1
    _, item, body = imported(repo, saved(d, path))
    assert (item.meta["title"], item.meta["event_date"]) == (b.HEADLINE, "2026-11-18")
    assert body.startswith("——勐往村扎实做好汛期准备")


def test_masthead_date_used_when_first_paragraph_has_none(repo, tmp_path):
    path = tmp_path / "简报.docx"
    b.masthead_issue(path)
    d = Document(path)
    d.paragraphs[6].text = "近日，勐往村召开防汛工作会议，安排汛期值班。"
    d.save(path)
    result, item, _ = imported(repo, path)
    assert item.meta["event_date"] == "2026-11-20"
    assert "暂填版头的编印日期 2026-11-20" in result.output


def test_headline_by_title_style_and_masthead_in_a_table(repo, tmp_path):
    d = Document()
    b.line(d, "坝卡村工作动态", size=36, red=True, center=True)
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "坝卡村委会编"
    table.cell(0, 1).text = "2026年11月21日"
    b.red_rule_border(b.line(d, ""))
    d.add_paragraph("坝卡村完成冬季森林防火责任书签订", style="Title")
    d.add_paragraph("11月19日，坝卡村与各村民小组签订森林防火责任书12份。")
    result, item, body = imported(repo, saved(d, tmp_path / "工作动态.docx"))
    assert item.meta["title"] == "坝卡村完成冬季森林防火责任书签订"
    assert item.meta["event_date"] == "2026-11-19"
    assert "坝卡村委会编" not in body and "工作动态" not in body
    assert "版头的编印日期是“2026年11月21日”" in result.output


def test_gongwen_masthead_two_line_title_and_salutation(repo, tmp_path):
    result, item, body = imported(repo, b.gongwen(tmp_path / "通知.docx"))
    assert item.meta["title"] == "勐往乡人民政府关于做好冬季森林防火工作的通知"
    assert item.meta["event_date"] == "2026-11-20"  # the 主送 line is passed over
    assert body.startswith("各村（居）委会，乡属各单位：")
    assert "000012" not in body and "勐政发" not in body and "特急" not in body
    said = "\n".join(notes(result))
    assert "版头的发文字号是“勐政发〔2026〕12号”" in said
    assert "版头标有紧急程度“特急”" in said


@pytest.mark.parametrize(
    "mark, fix",
    [
        ("秘密★1年", "按保密规定办理"),
        ("机密★", "按保密规定办理"),
        ("绝密 ★ 启用前", "按保密规定办理"),
        ("内部资料 注意保存", "请在 Word 里删去版头里的这个标志后再导入"),
    ],
)
def test_secrecy_mark_in_masthead_refuses(repo, tmp_path, mark, fix):
    result = run_import(repo, b.gongwen(tmp_path / "通知.docx", secret=mark), *ARGS)
    assert result.exit_code == 2
    assert result.output.startswith("没有导入：版头里有密级或内部资料标志")
    assert "不能通过本系统报送" in result.output and "S02" in result.output and fix in result.output
    assert "Traceback" not in result.output
    assert written(repo) == []


@pytest.mark.parametrize(
    "first_line",
    [
        "勐往乡举办第3期农村实用技术培训班",
        "勐往村召开“两委”班子会议",
        "勐往乡政务信息编辑培训会召开",
        "勐往乡认真贯彻勐政发〔2026〕12号文件精神",
    ],
)
def test_red_or_large_first_line_is_a_title_not_a_masthead(repo, tmp_path, first_line):
    d = Document()
    b.red_rule_border(b.line(d, first_line, size=26, red=True, center=True))
    d.add_paragraph("11月23日，" + first_line + "，全乡干部职工参加。")
    result, item, body = imported(repo, saved(d, tmp_path / "动态.docx"))
    assert item.meta["title"] == first_line
    assert item.meta["event_date"] == "2026-11-23"
    assert "版头" not in result.output
    assert body.startswith("11月23日")


# --- text boxes --------------------------------------------------------------------------------------

KINDS = {
    "vml_fallback": lambda texts: b.vml_textbox_xml(texts),
    "vml_only": b.vml_only_textbox_xml,
    "wps_no_fallback": lambda texts: b.wps_textbox_xml(texts),
    "bare_txbx": b.bare_txbx_xml,
    "group": lambda texts: b.group_xml([(texts, 0, 0)]),
    "vml_group": lambda texts: b.vml_group_xml([(texts, 0, 0)]),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_text_box_imported_once_in_place_and_scanned(repo, tmp_path, kind):
    d = b.started("勐往村开展汛前隐患排查", "11月22日，勐往村组织人员开展汛前隐患排查。")
    b.raw(d, KINDS[kind](["排查发现隐患3处，已整改2处。", "联系人：岩温，电话13912345678。"]))
    d.add_paragraph("下一步将持续跟踪整改。")
    result, item, body = imported(repo, saved(d, tmp_path / "排查.docx"))
    assert item.meta["title"] == "勐往村开展汛前隐患排查"
    lines = [line for line in body.splitlines() if line]
    assert lines == [
        "11月22日，勐往村组织人员开展汛前隐患排查。",
        "排查发现隐患3处，已整改2处。",
        "联系人：岩温，电话13912345678。",
        "下一步将持续跟踪整改。",
    ]
    assert (
        "第 1 个文本框的文字（“排查发现隐患3处，已整改2处。……”）已作为普通段落放在"
        "“11月22日，勐往村组织人员开展……”这一段之后，请核对位置"
    ) in notes(result)
    assert "提醒 S05 第" in result.output and "139****5678" in result.output  # the box's phone was scanned


def test_grouped_boxes_read_top_to_bottom_then_left_to_right(repo, tmp_path):
    d = b.started("勐往乡防汛应急预案要点", "11月20日，勐往乡修订防汛应急预案。")
    b.raw(d, b.group_xml([(["第三步：转移群众。"], 0, 2_000_000), (["第一步：发布预警。"], 0, 0)]))
    b.raw(d, b.vml_group_xml([(["第二步右：封闭道路。"], 2000, 500), (["第二步左：巡查河道。"], 0, 500)]))
    _, _, body = imported(repo, saved(d, tmp_path / "预案.docx"))
    order = ["第一步：发布预警。", "第三步：转移群众。", "第二步左：巡查河道。", "第二步右：封闭道路。"]
    assert [line for line in body.splitlines() if line.startswith("第")] == order


def test_wordart_chart_and_masthead_box_are_named(repo, tmp_path):
    path = tmp_path / "简报.docx"
    d = Document()
    b.raw(d, b.wps_textbox_xml(["政务信息"], rpr=b.RED_LARGE))  # the masthead's name set in a WPS text box
    b.line(d, "第48期", center=True)
    b.red_rule_border(b.line(d, "勐往乡党政办公室编印  2026年11月20日"))
    b.line(d, b.HEADLINE, size=22, center=True)
    d.add_paragraph(b.FIRST)
    b.raw(d, b.wordart_xml("防汛无小事"))
    b.raw(d, b.chart_xml())
    d.save(path)
    result, item, body = imported(repo, path)
    assert item.meta["title"] == b.HEADLINE
    assert "防汛无小事" in body and "政务信息" not in body
    said = notes(result)
    assert "第 1 个文本框的文字（“政务信息”）在版头里，和版头一起去掉了" in said
    assert any(n.startswith("第 2 个文本框的文字（“防汛无小事”）已作为普通段落放在") for n in said)
    assert "“防汛无小事”这一段之后有图表，没有导入：请把其中的文字另写进正文" in said


# --- headers and footers -----------------------------------------------------------------------------


def test_header_and_footer_scanned_not_imported(repo, tmp_path):
    d = b.started("南布村召开村民代表大会", "11月21日，南布村召开村民代表大会，审议村规民约修订稿。")
    section = d.sections[0]
    section.footer.paragraphs[0].text = "联系人：李春艳  电话：13912345678"
    section.header.paragraphs[0].text = "经办人身份证 530925198001010013"
    b.raw(section.footer, b.wps_textbox_xml(["值班电话 13800001111"]))  # a WPS page-number style box
    result, _, body = imported(repo, saved(d, tmp_path / "代表大会.docx"))
    said = notes(result)
    assert "页脚里有手机号（139****5678）：页脚没有导入报送文件，不会发布；原 Word 文档不要上传或外传" in said
    assert any(n.startswith("页脚里有手机号（138****1111）") for n in said)
    assert any(n.startswith("页眉里有身份证号（530925********0013）") for n in said)
    assert "13912345678" not in result.output and "530925198001010013" not in result.output  # masked
    assert "联系人" not in body and "13912345678" not in body and "身份证" not in body


def test_secrecy_mark_in_header_refuses(repo, tmp_path):
    d = b.started("南布村召开村民代表大会", "11月21日，南布村召开村民代表大会。")
    d.sections[0].header.paragraphs[0].text = "机密★1年"
    source = tmp_path / "代表大会.docx"
    d.save(source)
    result = run_import(repo, source, *ARGS)
    assert result.exit_code == 2 and "页眉里有密级或内部资料标志“机密★1年”" in result.output
    assert written(repo) == []


# --- numbering, merged cells, note marks -------------------------------------------------------------


def test_numbering_definitions_keep_visible_numbers(repo, tmp_path):
    d = b.started("勐往乡第四季度安全生产工作总结", "11月24日，勐往乡召开安全生产工作会议，总结第四季度工作。")
    nid = b.add_numbering(d, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")])
    for text, level in [("基本情况", 0), ("隐患排查", 1), ("排查道路", 2), ("排查学校", 2), ("整改落实", 1)]:
        b.numbered(d.add_paragraph(text), nid, level)
    b.numbered(d.add_paragraph("下步打算"), nid, 0)
    styled = b.add_numbering(d, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")], num_id=91)
    b.number_style(d, "Heading 1", styled, 0)
    b.number_style(d, "Heading 2", styled, 1)
    d.add_heading("存在问题", level=1)
    d.add_heading("设施老化", level=2)
    b.add_numbering(d, [("chineseCounting", "第%1部分")], num_id=93, styles=("Heading3",))
    d.add_heading("附则", level=3)
    paren = b.add_numbering(d, [("decimal", "%1、")], num_id=92)
    b.numbered(d.add_paragraph("村组道路护栏缺失，已列入计划。"), paren, 0)
    b.numbered(d.add_paragraph("学校消防器材过期，已更换。"), paren, 0)
    _, _, body = imported(repo, saved(d, tmp_path / "总结.docx"))
    lines = body.splitlines()
    for heading in ("## 一、基本情况", "### （一）隐患排查", "### （二）整改落实", "## 二、下步打算"):
        assert heading in lines
    assert "1. 排查道路" in lines and "2. 排查学校" in lines
    assert "## 一、存在问题" in lines and "### （一）设施老化" in lines  # numbers from the heading styles
    assert "#### 第一部分 附则" in lines  # linked only from the numbering level (w:lvl/w:pStyle)
    assert "1、村组道路护栏缺失，已列入计划。" in lines or "1. 村组道路护栏缺失，已列入计划。" in lines
    assert any(line.endswith("学校消防器材过期，已更换。") and line[:1] == "2" for line in lines)


def test_merged_cells_written_once_and_noted(repo, tmp_path):
    d = b.started("河外村产业发展情况", "11月20日，河外村统计了今年的产业发展情况。")
    b.merged_table(d, ("产业", "面积"), "茶叶", {(1, 1): "古树茶", (1, 2): "300亩", (2, 1): "台地茶", (2, 2): "500亩"})
    result, _, body = imported(repo, saved(d, tmp_path / "产业.docx"))
    assert body.count("茶叶") == 1 and body.count("| 产业 |") == 1
    assert "| 茶叶 | 古树茶 | 300亩 |" in body and "|  | 台地茶 | 500亩 |" in body
    assert "第 1 个表格有合并单元格（“产业”横跨 2 列、“茶叶”竖跨 2 行）" in result.output


@pytest.mark.parametrize("kind", ["footnote", "endnote"])
def test_note_mark_never_in_title(repo, tmp_path, kind):
    d = Document()
    title = d.add_paragraph()
    title.add_run("勐往村召开防汛会议").bold = True
    b.note_ref(title, 1, kind)
    body_para = d.add_paragraph("11月18日，勐往村召开防汛会议")
    b.note_ref(body_para, 2, kind)
    body_para.add_run("，村干部25人参加。")
    source = tmp_path / "防汛.docx"
    d.save(source)
    b.add_notes(source, {1: "本信息由勐往村委会提供。", 2: "含驻村工作队员。"}, kind)
    result, item, body = imported(repo, source)
    assert item.meta["title"] == "勐往村召开防汛会议"
    assert written(repo)[0].name == "2026-11-25-勐往村召开防汛会议.md"
    assert "注：本信息由勐往村委会提供。" in body.splitlines()
    assert "[^2]" in body and "[^2]: 含驻村工作队员。" in body and "[^1]" not in body
    assert "标题上的注释标记已去掉" in result.output


# --- zip bombs (issue 13) ----------------------------------------------------------------------------


def _bomb(path: Path, member: str, size: int, extra: bytes = b"") -> Path:
    """A .docx whose ``member`` inflates to ``size`` bytes of one repeated text run (compresses ~1000:1)."""
    source = b.masthead_issue(path.with_suffix(".src.docx"))
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != member:
                out.writestr(info, src.read(info))
        with out.open(member, "w", force_zip64=True) as fh:
            head = extra + b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            fh.write(head + b"<w:body><w:p><w:r><w:t>")
            chunk = "防".encode() * (1 << 18)
            left = size - len(head) - 40
            while left > 0:
                fh.write(chunk[:left])
                left -= len(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


@pytest.mark.parametrize(
    "member, size, words",
    [
        ("word/document.xml", 300 * 1024 * 1024, "解压后有 300.0 MB"),  # the 328 KB bomb of issue 13
        ("word/document.xml", 12 * 1024 * 1024, "压缩比异常"),  # under the size limit, but no real text packs so
        ("word/styles.xml", 40 * 1024 * 1024, "word/styles.xml"),  # any XML part, not only the document
    ],
)
def test_zip_bomb_refused_before_parsing(repo, tmp_path, member, size, words):
    bomb = _bomb(tmp_path / "炸弹.docx", member, size)
    assert bomb.stat().st_size < 1024 * 1024
    result = run_import(repo, bomb, *ARGS)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("没有导入：") and words in result.output
    assert written(repo) == []


def test_entity_declarations_refused(repo, tmp_path):
    laughs = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "hahahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    source = b.masthead_issue(tmp_path / "src.docx")
    bomb = tmp_path / "实体.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/styles.xml":
                data = laughs + data[data.index(b"?>") + 2 :]
            out.writestr(info, data)
    result = run_import(repo, bomb, *ARGS)
    assert result.exit_code == 2 and "实体定义" in result.output
    assert written(repo) == []


def test_big_but_real_document_still_imports(repo, tmp_path):
    """A long report (about 2,000 paragraphs) is far from every limit."""
    d = b.started("勐往乡2026年度工作总结", "11月24日，勐往乡完成年度工作总结。")
    for n in range(2000):
        d.add_paragraph(f"第{n}项工作按计划完成，群众满意度明显提升。").runs[0].font.size = Pt(12)
    _, item, _ = imported(repo, saved(d, tmp_path / "总结.docx"))
    assert item.meta["title"] == "勐往乡2026年度工作总结"


def test_title_line_in_a_text_box(repo, tmp_path):
    d = Document()
    b.raw(d, b.wps_textbox_xml(["糯伟村开展（冬季）防火宣传"]))
    d.add_paragraph("11月21日，糯伟村组织护林员入户宣传森林防火知识。")
    result, item, body = imported(repo, saved(d, tmp_path / "防火.docx"))
    assert item.meta["title"] == "糯伟村开展（冬季）防火宣传"
    assert item.meta["event_date"] == "2026-11-21"
    assert body.startswith("11月21日")
    assert "第 1 个文本框的文字（“糯伟村开展（冬季）防火宣传”）是文档的标题，已作标题" in notes(result)


def test_guide_page_says_what_import_does_with_layouts():
    """The site's 用 Word 写好的信息怎么报送 page explains 版头, text boxes, headers and footers."""
    from test_import import MAIN, make_markdown

    page = (MAIN / "site_config/docs/guide/word.md").read_text(encoding="utf-8")
    html = make_markdown().convert(page)
    table = html[html.index("版头、文本框、页眉页脚会怎样") :]
    table = table[table.index("<table>") : table.index("</table>")]
    for said in (
        "版头",
        "不放进正文",
        "版头下面的大标题",
        "密级标志",
        "文本框",
        "第 1 个文本框",
        "页眉、页脚",
        "页脚里有手机号",
    ):
        assert said in table
    assert "139****5678" in table  # the escaped stars show as stars


def test_masthead_variants_township_offices_use(repo, tmp_path):
    """No 编 on the 编印 line and the rule on its own line; then a red name alone over a real headline."""
    d = Document()
    b.line(d, "勐往乡政务信息", size=36, red=True, center=True)
    b.line(d, "2026年第12期", center=True)
    b.line(d, "勐往乡人民政府办公室\u3000\u3000\u3000\u30002026年11月20日")
    b.raw(d, b.wps_line_xml())
    b.line(d, b.HEADLINE, size=22, center=True)
    d.add_paragraph(b.FIRST)
    result, item, body = imported(repo, saved(d, tmp_path / "第12期.docx"))
    assert (item.meta["title"], item.meta["event_date"]) == (b.HEADLINE, "2026-11-18")
    assert body.startswith(b.FIRST) and "办公室" not in body
    assert "版头的编印日期是“2026年11月20日”" in result.output

    d = Document()
    b.line(d, "工 作 简 报", size=36, red=True, center=True)
    b.line(d, "南布村完成人居环境整治验收", size=22, bold=True, center=True)
    d.add_paragraph("11月23日，南布村迎来乡人居环境整治验收组。").runs[0].font.size = b.Pt(16)
    source = tmp_path / "简报.docx"
    d.save(source)
    (tmp_path / "second").mkdir()
    result, item, body = imported(make_repo(tmp_path / "second"), source)
    assert item.meta["title"] == "南布村完成人居环境整治验收"
    assert "已去掉版头（不放进正文）：工 作 简 报" in result.output


def test_whole_masthead_in_a_wps_text_box(repo, tmp_path):
    d = Document()
    b.raw(d, b.wps_textbox_xml(["政务信息", "第48期"], rpr=b.RED_LARGE))
    b.red_rule_border(b.line(d, "勐往乡党政办公室编印  2026年11月20日"))
    b.line(d, b.HEADLINE, size=22, center=True)
    d.add_paragraph(b.FIRST)
    result, item, body = imported(repo, saved(d, tmp_path / "政务信息.docx"))
    assert (item.meta["title"], item.meta["event_date"]) == (b.HEADLINE, "2026-11-18")
    assert "政务信息" not in body and "第48期" not in body
    assert "第 1 个文本框的文字（“政务信息 第48期”）在版头里，和版头一起去掉了" in notes(result)


def test_text_box_in_a_text_box_and_in_a_table_cell(repo, tmp_path):
    d = b.started("勐往村开展汛前隐患排查", "11月22日，勐往村组织人员开展汛前隐患排查。")
    inner = b.wps_textbox_xml(["内层框的文字。"])
    b.raw(
        d,
        b.wps_textbox_xml(["外层框的文字。"]).replace("</w:p></w:txbxContent>", "</w:p>" + inner + "</w:txbxContent>"),
    )
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "左格"
    b.raw_in_cell(table.cell(0, 1), b.bare_txbx_xml(["表格里的框。"]))
    d.add_paragraph("下一步将持续跟踪整改。")
    result, _, body = imported(repo, saved(d, tmp_path / "排查.docx"))
    lines = [line for line in body.splitlines() if line]
    assert lines[1:4] == ["外层框的文字。", "内层框的文字。", "| 左格 | 表格里的框。 |"]
    said = [n for n in notes(result) if "文本框" in n]
    assert [n[: n.index("（")] for n in said] == ["第 1 个文本框的文字", "第 2 个文本框的文字", "第 3 个文本框的文字"]
    assert "（“内层框的文字。”）已作为普通段落放在“外层框的文字。”这一段之后" in said[1]
    assert "（“表格里的框。”）已作为普通段落放在“左格”这一段之后" in said[2]


def test_comments_hidden_text_and_tracked_changes_are_named(repo, tmp_path):
    d = b.started("坝卡村开展护林巡查", "11月21日，坝卡村组织护林员开展巡山护林。")
    p = d.add_paragraph("巡查发现火险隐患2处。")
    d.add_comment(p.runs, text="请核实，联系电话13912345678", author="党政办")
    p.add_run("（内部掌握）").font.hidden = True
    b.raw(
        d,
        '<w:p><w:r><w:t xml:space="preserve">已整改</w:t></w:r><w:del w:id="1" w:author="a" w:date="2026-11-21T00:00:00Z">'
        '<w:r><w:delText>1处</w:delText></w:r></w:del><w:ins w:id="2" w:author="a" w:date="2026-11-21T00:00:00Z">'
        "<w:r><w:t>2处</w:t></w:r></w:ins><w:r><w:t>。</w:t></w:r></w:p>",
    )
    result, _, body = imported(repo, saved(d, tmp_path / "巡查.docx"))
    said = notes(result)
    assert "批注里的文字没有导入（不属于正文，不会发布），已检查其中有没有不能报送的内容" in said
    assert any(n.startswith("批注里有手机号（139****5678）") for n in said)
    assert "文档里有隐藏的文字（“（内部掌握）”），已作为普通文字导入：不该报送的请删除" in said
    assert "文档里有 2 处没有接受的修订：已按“接受所有修订”后的样子导入（删去的文字不导入），请核对" in said
    assert "已整改2处。" in body.splitlines() and "请核实" not in body


@pytest.mark.parametrize("lead, ruled", [(0, False), (0, True), (2, True)])
def test_red_title_over_a_byline_stays_the_title(repo, tmp_path, lead, ruled):
    """A red, large first line (ruled or not, after blank lines or not) over a small centred byline."""
    d = Document()
    for _ in range(lead):
        d.add_paragraph("")
    title = b.line(d, "勐往村召开防汛会议", size=26, red=True, center=True)
    if ruled:
        b.red_rule_border(title)
    b.line(d, "勐往村委会 岩温", size=12, center=True)
    d.add_paragraph("11月18日，勐往村召开防汛会议，村干部25人参加。").runs[0].font.size = b.Pt(12)
    result, item, body = imported(repo, saved(d, tmp_path / "防汛.docx"))
    assert item.meta["title"] == "勐往村召开防汛会议"
    assert "版头" not in result.output
    assert body.startswith("勐往村委会 岩温")
