"""The office's files, opened with the libraries a clerk's software uses: xlsx (openpyxl), docx (python-docx).
Also the 季度通报 and 编发 site pages as their builders produce them."""

from __future__ import annotations

import os
from datetime import date

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.shared import Pt

from baosong.checks.repository import load_repository
from baosong.cli.main import cli
from baosong.site.pages import SiteContext
from helpers_stats import UNITS, write

TODAY = "2026-11-25"


def run(*args):
    result = CliRunner().invoke(cli, [*args, "--today", TODAY], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_stats_xlsx_sheets_headers_numbers(repo_root, tmp_path):
    write(repo_root, "units.yaml", UNITS.replace("name: 丙中心", "name: 农业农村综合服务中心"))
    out = tmp_path / "q3.xlsx"
    run("stats", "--quarter", "2026Q3", "--root", str(repo_root), "--xlsx", str(out))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["行政村排名", "机关单位排名", "每周报送", "信息类型", "采用情况", "采用明细"]
    for ws in wb.worksheets:  # every sheet names the township and the quarter, on screen and in print
        assert ws["A1"].value.startswith("测试乡2026年第三季度"), ws.title
        assert ws.print_title_rows == "$1:$2" and ws.oddHeader.center.text == ws["A1"].value
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (
            1,
            0,
        )
        assert ws.freeze_panes in ("A3", "B3")
    ws = wb["行政村排名"]
    assert ws["A1"].value == "测试乡2026年第三季度政务信息报送情况统计表（行政村）"
    assert [c.value for c in ws[2]] == [
        "名次",
        "单位",
        "报送条数",
        "达标周数",
        "缺报周数",
        "按时",
        "逾期",
        "按时率",
        "调研（今年）",
        "采用信息",
        "批示",
        "回应约稿",
        "得分",
    ]
    assert ws.freeze_panes == "A3" and wb["每周报送"].freeze_panes == "B3"
    assert [c.value for c in ws[3]][:3] == [1, "甲村", 7]
    assert isinstance(ws["M3"].value, int) and ws["M3"].value == 29
    assert ws["H3"].value == pytest.approx(6 / 7) and ws["H3"].number_format == "0.0%"
    agencies = wb["机关单位排名"]
    assert agencies.column_dimensions["B"].width >= 20  # 农业农村综合服务中心 on one line
    assert ws.column_dimensions["B"].width < agencies.column_dimensions["B"].width  # fitted, not fixed
    weeks = wb["每周报送"]
    assert weeks["A2"].value == "单位" and weeks["B2"].value == "第27周"
    row = {weeks.cell(r, 1).value: [c.value for c in weeks[r]] for r in range(3, weeks.max_row + 1)}
    assert row["乙村"][1:15] == ["✓", "✓", "✓", "✗"] + ["✓"] * 9 + [1]
    assert row["农业农村综合服务中心"][1:7] == ["—"] * 6  # before the unit existed
    detail = wb["采用明细"]
    assert detail["A3"].value.date() == date(2026, 8, 14) and detail["A3"].number_format == "yyyy-mm-dd"
    assert any(c.value == "县长：请各乡镇学习借鉴。" for c in detail["F"])


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_stats_docx_is_a_gbt9704_circular(repo_root, tmp_path):
    write(
        repo_root,
        "units.yaml",
        UNITS.replace(
            "    - {name: 王主任, git: wangzr}\n",
            "    - {name: 王主任, git: wangzr}\n  issuer: 测试乡人民政府办公室\n  doc_prefix: 测政办通\n  cc: [县委办, 县政府办]\n",
            1,
        ),
    )
    out = tmp_path / "q3.docx"
    run("stats", "--quarter", "2026Q3", "--root", str(repo_root), "--docx", str(out), "--doc-number", "7")
    d = docx.Document(str(out))
    first = d.sections[0]
    mm = [
        round(v.mm, 1)
        for v in (
            first.page_width,
            first.page_height,
            first.top_margin,
            first.bottom_margin,
            first.left_margin,
            first.right_margin,
        )
    ]
    assert mm == [210, 297, 37, 35, 28, 26]
    grid = first._sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}type") == "linesAndChars" and grid.get(f"{W}linePitch") == "580"  # 22 lines of 225 mm
    pitch = 16 + int(grid.get(f"{W}charSpace")) / 4096
    assert int(first_text_width_pt(first) / pitch) == 28  # 28 characters a line
    texts = [p.text for p in d.paragraphs]
    # 版头: red 发文机关标志, 发文字号 with the red line under it
    masthead = d.paragraphs[0]
    assert masthead.text == "测试乡人民政府办公室" and str(masthead.runs[0].font.color.rgb) == "FF0000"
    assert masthead.paragraph_format.alignment == 1 and masthead.paragraph_format.space_before.mm > 30
    number = next(p for p in d.paragraphs if p.text == "测政办通〔2026〕7号")
    line = number._p.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert line is not None and line.get(f"{W}color") == "FF0000"
    title = ["测试乡人民政府办公室关于", "2026年第三季度政务信息报送情况的通报"]
    title_p = next(p for p in d.paragraphs if p.text.startswith(title[0]))
    assert title_p.text == "\n".join(title)  # broken at a word boundary, trapezoid
    title_run = title_p.runs[0]
    assert title_run.font.size == Pt(22)
    assert title_run._element.rPr.rFonts.get(f"{W}eastAsia") == "方正小标宋简体"
    body = "\n".join(texts)
    assert "共报送政务信息22条" in body and "按时报送率90.9%" in body
    assert "甲村（29分）" in body and "丁所缺报13周" in body
    assert "获县长批示" in body and "丁所今年尚未报送调研信息" in body.replace("、", "").replace("乙村", "")
    assert texts[texts.index(title_p.text) + 2] == "各村（居）委会，乡属各单位："
    assert "附件：1．2026年第三季度政务信息报送情况统计表（行政村）" in texts
    assert "2．2026年第三季度政务信息报送情况统计表（机关单位）" in texts
    assert "2026年11月25日" in texts and "附件1" in texts
    # page numbers: outer side, odd right and even left, "— N —" in 4号
    assert d.settings.odd_and_even_pages_header_footer
    odd, even = first.footer.paragraphs[0], first.even_page_footer.paragraphs[0]
    assert (odd.alignment, even.alignment) == (2, 0) and "PAGE" in odd._p.xml and "PAGE" in even._p.xml
    assert odd.text == "—  —" and odd.runs[0].font.size == Pt(14)
    # 附件 tables: fitted widths, header repeated, rows never split
    assert len(d.tables) == 6  # six 附件
    ranking = d.tables[0]
    assert [c.text for c in ranking.rows[0].cells][:3] == ["名次", "单位", "报送条数"]
    assert [c.text for c in ranking.rows[1].cells][:3] == ["1", "甲村", "7"]
    widths = [c.width for c in ranking.rows[0].cells]
    assert widths[8] > widths[0]  # fitted to the content, not equal columns
    for table in d.tables[:6]:
        rows = table._tbl.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    assert d.sections[1].orientation == 1  # the tables are printed landscape
    # 版记 on the last page: 抄送, 印发机关 and 印发日期
    last = d.sections[-1]  # the 版记 page: the block sits in its footers, over the page number
    for footer in (last.footer, last.even_page_footer):
        assert "PAGE" in footer.paragraphs[-1]._p.xml
    colophon = [c.text for row in last.footer.tables[0].rows for c in row.cells]
    assert colophon == [c.text for row in last.even_page_footer.tables[0].rows for c in row.cells]
    assert colophon == ["抄送：县委办，县政府办。", "测试乡人民政府办公室\t2026年11月25日印发"]
    props = d.core_properties
    assert props.author == "测试乡人民政府办公室" and props.created.date() == date(2026, 11, 25)
    assert "python-docx" not in (props.comments + props.author + props.last_modified_by)


def first_text_width_pt(section) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / 12700


def test_letterhead_leaves_the_masthead_blank_and_without_prefix_no_number(repo_root, tmp_path):
    out = tmp_path / "q3.docx"
    result = CliRunner().invoke(
        cli,
        [
            "stats",
            "--quarter",
            "2026Q3",
            "--root",
            str(repo_root),
            "--docx",
            str(out),
            "--letterhead",
            "--today",
            TODAY,
        ],
    )
    assert result.exit_code == 0 and "没有写 doc_prefix" in result.output
    d = docx.Document(str(out))
    assert d.paragraphs[0].text == "" and d.paragraphs[0].paragraph_format.space_before.mm > 30
    assert not any("〔" in p.text for p in d.paragraphs)
    assert all(p._p.find(f"{W}pPr/{W}pBdr") is None for p in d.paragraphs[:6])  # no red line either
    assert "测试乡人民政府办公室关于" in "".join(p.text for p in d.paragraphs)


def test_roster_xlsx_and_docx_carry_history_and_phones(repo_root, tmp_path):
    xlsx, docx_path = tmp_path / "r.xlsx", tmp_path / "r.docx"
    run("roster", "--root", str(repo_root), "--xlsx", str(xlsx), "--docx", str(docx_path))
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["信息员登记表", "变动记录"]
    current = {r[1]: r for r in wb["信息员登记表"].iter_rows(min_row=2, values_only=True) if r[1]}
    assert current["甲村"][3] == "李四" and current["甲村"][5] == "13800000002"
    history = [r for r in wb["变动记录"].iter_rows(min_row=2, values_only=True) if r[0] == "甲村"]
    assert ("信息员", "张三", "已离任") in {(r[1], r[2], r[8]) for r in history}
    d = docx.Document(str(docx_path))
    cells = {c.text for t in d.tables for row in t.rows for c in row.cells}
    assert {"张三", "李四", "13800000001", "已离任"} <= cells


def test_bulletin_issue_docx(repo_root, tmp_path):
    listing = run("bulletin", "--root", str(repo_root))
    assert "测试政务信息 2026年第2期：1 条" in listing and "测试政务信息 2026年第3期：2 条" in listing
    out = tmp_path / "b.docx"
    run("bulletin", "--root", str(repo_root), "--issue", "2026-3", "--docx", str(out))
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "测试政务信息" and texts[1] == "2026年第3期"
    assert "防汛会议工作情况报告" in texts and "防汛调研工作情况报告" in texts
    assert "（甲村供稿）" in texts and any("县长批示：请各乡镇学习借鉴。" in t for t in texts)
    result = CliRunner().invoke(cli, ["bulletin", "--root", str(repo_root), "--issue", "2026-99"])
    assert result.exit_code == 1 and "找不到" in result.output


def _pages(root):
    """The pages as readers get their HTML: the blocks the plugin keeps out of Markdown put back in place."""
    from baosong.site.pages import bulletins, circular, join_blocks, split_blocks

    ctx = SiteContext(load_repository(root, date.fromisoformat(TODAY)))
    pages = {p.uri: p for p in [*circular.circular_pages(ctx), *bulletins.bulletin_pages(ctx)]}
    for page in pages.values():
        page.content = join_blocks(*split_blocks(page.content))
    return pages


def test_site_pages_circular_and_bulletins(repo_root):
    pages = _pages(repo_root)
    assert {
        "tongbao/index.md",
        "tongbao/2026Q3.md",
        "tongbao/2026Q4.md",
        "tongbao/2026Q1.md",
        "tongbao/2026Q2.md",
        "bianfa/index.md",
        "bianfa/2026-02.md",
        "bianfa/2026-03.md",
    } == set(pages)
    q3 = pages["tongbao/2026Q3.md"]
    assert q3.nav_section == "统计通报" and pages["bianfa/2026-03.md"].nav_section == "信息编发"
    html = q3.content
    assert html.count("<svg") == 5 and "<script" not in html and "<!--" not in html
    assert "行政村" in html and "机关单位" in html and "bs-week--missed" in html and "领导批示" in html
    assert 'href="../../items/aa/2026/2026-08-14-%E9%98%B2%E6%B1%9B%E8%B0%83%E7%A0%94/"' in html
    assert "13800000" not in html  # phones never reach the site
    issue = pages["bianfa/2026-03.md"].content
    assert "防汛调研工作情况报告" in issue and "这是一条用于测试的政务信息正文" in issue


def test_site_pages_escape_names_and_charts_carry_no_script(repo_root):
    write(repo_root, "units.yaml", UNITS.replace("name: 丁所", "name: 丁所<script>alert(1)</script>"))
    pages = _pages(repo_root)
    html = pages["tongbao/2026Q3.md"].content
    assert "<script" not in html and "alert(1)" in html and "&lt;script&gt;" in html
    assert "onload" not in html and 'xlink:href="http' not in html


def test_charts_carry_their_styles_inline(repo_root):
    html = _pages(repo_root)["tongbao/2026Q3.md"].content
    assert "<style" not in html  # the site's sanitizer would drop a style sheet: colours are attributes
    assert "fill:#1f5fa8" in html and 'width="640"' in html


def test_bulletin_text_is_plain():
    from baosong.office.bulletins import plain_paragraphs

    body = "第一段**加粗**\n接着一行\n\n## 小标题\n- 一是[链接](http://x)\n- 二是![图](a.png)\n\n| a | b |\n|---|---|\n\n---\n末段"
    assert plain_paragraphs(body) == ["第一段加粗接着一行", "小标题", "一是链接", "二是", "a b", "末段"]


def test_charts_are_drawn_once_for_the_same_figures(repo_root, tmp_path):
    """The site keeps drawn charts by their inputs: the same figures give the memo's SVG, others are drawn."""
    from baosong.office.exports import charts
    from baosong.office.stats import compute_quarter

    repo = load_repository(repo_root, date(2026, 11, 25))
    stats = compute_quarter(repo, 2026, 3)
    memo = tmp_path / "charts"
    try:
        charts.use_memo(memo)
        drawn = charts.types_chart(stats)
        (entry,) = memo.glob("*.svg")
        assert entry.read_text(encoding="utf-8") == str(drawn)
        entry.write_text("<svg>来自备忘</svg>", encoding="utf-8")
        assert charts.types_chart(stats) == "<svg>来自备忘</svg>"  # not drawn again
        other = compute_quarter(repo, 2026, 4)
        assert charts.types_chart(other) != drawn  # other figures, another entry
        assert len(list(memo.glob("*.svg"))) == 2
        for path in memo.glob("*.svg"):  # drawn by an earlier build
            os.utime(path, (1_700_000_000, 1_700_000_000))
        since = charts.use_memo(memo)  # the next build: only what it draws or reuses stays
        charts.types_chart(other)
        charts.prune_memo(since)
        assert len(list(memo.glob("*.svg"))) == 1
        charts.use_memo(None)
        assert charts.types_chart(stats) == drawn  # no memo: drawn, the same SVG
    finally:
        charts.use_memo(None)


def _cells(path) -> list[str]:
    return [c.text for t in docx.Document(str(path)).tables for row in t.rows for c in row.cells]


def test_roster_unit_form_to_sign_and_stamp(repo_root, tmp_path):
    out = tmp_path / "form.docx"
    run("roster", "--root", str(repo_root), "--unit", "aa", "--docx", str(out))
    cells = _cells(out)
    assert "甲村" in cells and "李四" in cells and "13800000002" in cells  # the phone whole in one cell
    assert "张三" not in cells  # only the active officer on a new-registration form
    for label in ("性别", "出生年月", "政治面貌", "电子邮箱", "审核人", "单位负责人签字", "单位（盖章）", "填表日期"):
        assert label in cells, label
    assert "☑新增　□变更" in cells and "王五" in cells
    change = tmp_path / "change.docx"
    run("roster", "--root", str(repo_root), "--unit", "aa", "--change", "--docx", str(change))
    cells = _cells(change)
    assert "□新增　☑变更" in cells and "李四" in cells
    assert cells[cells.index("原信息员") + 1] == "张三" and cells[cells.index("变更日期") + 1] == "2026年8月15日"


def test_roster_unit_form_errors_are_plain(repo_root, tmp_path):
    out = str(tmp_path / "x.docx")
    for args, says in (
        (["--unit", "zz", "--docx", out], "没有单位代号“zz”"),
        (["--unit", "bb", "--change", "--docx", out], "乙村在 units.yaml 里没有信息员变更记录"),
        (["--unit", "bb"], "--unit 要与 --docx 同用"),
        (["--change"], "--change 要与 --unit 同用"),
    ):
        result = CliRunner().invoke(cli, ["roster", "--root", str(repo_root), *args, "--today", TODAY])
        assert result.exit_code in (1, 2) and says in result.output and "Traceback" not in result.output


def test_bulletin_keeps_bold_lead_ins_and_ends_with_the_distribution_block(repo_root, tmp_path):
    from baosong.office.bulletins import plain_paragraphs, rich_paragraphs

    body = "**一是加强领导。** 成立工作专班，\n明确责任。\n\n__二是压实责任__：签订责任书。\n\n普通段落，**中间加粗**也保留。"
    assert rich_paragraphs(body) == [
        [("一是加强领导。", True), ("成立工作专班，明确责任。", False)],
        [("二是压实责任", True), ("：签订责任书。", False)],
        [("普通段落，", False), ("中间加粗", True), ("也保留。", False)],
    ]
    assert plain_paragraphs(body)[0] == "一是加强领导。成立工作专班，明确责任。"  # no stray space
    write(
        repo_root,
        "units.yaml",
        UNITS.replace(
            "    - {name: 王主任, git: wangzr}\n", "    - {name: 王主任, git: wangzr}\n  cc: [县委办, 县政府办]\n", 1
        ),
    )
    from helpers_stats import item

    rel = item(
        repo_root, "aa", "2026-08-19", "防汛值守", "李四", body="**一是加强领导。** 成立工作专班。\n\n二是压实责任。\n"
    )
    ledger = repo_root / "office/adoptions/2026.yaml"
    entry = f"- id: {rel[len('submissions/') : -3]}\n  level: 乡采用\n  date: 2026-09-11\n  outlet: 测试政务信息 2026年第3期\n"
    ledger.write_text(ledger.read_text(encoding="utf-8") + entry, encoding="utf-8")
    out = tmp_path / "b.docx"
    run("bulletin", "--root", str(repo_root), "--issue", "2026-3", "--docx", str(out))
    d = docx.Document(str(out))
    texts = [p.text for p in d.paragraphs]
    assert "一是加强领导。成立工作专班。" in texts
    bold = [r.text for p in d.paragraphs for r in p.runs if r.bold]
    assert bold == ["一是加强领导。"], bold  # the lead-in, and nothing else
    contents = texts.index("本期目录")
    assert [t[:2] for t in texts[contents + 1 : contents + 4]] == ["1．", "2．", "3．"]
    block = [c.text for row in d.tables[-1].rows for c in row.cells]
    assert block[0] == "报：县委办，县政府办\n送：乡党委、政府领导\n发：各村（居）委会，乡属各单位"
    assert block[1].startswith("测试乡人民政府办公室编印\t") and block[1].endswith("印发")
    single = tmp_path / "one.docx"
    run("bulletin", "--root", str(repo_root), "--issue", "2026-2", "--docx", str(single))
    assert "本期目录" not in [p.text for p in docx.Document(str(single)).paragraphs]  # one item: no contents


def test_roster_summary_gives_each_officer_a_row_and_a_phone_its_cell(tmp_path):
    from conftest import REPO

    xlsx, docx_path = tmp_path / "r.xlsx", tmp_path / "r.docx"
    run("roster", "--root", str(REPO), "--xlsx", str(xlsx), "--docx", str(docx_path))
    rows = [
        r
        for r in openpyxl.load_workbook(xlsx)["信息员登记表"].iter_rows(min_row=3, values_only=True)
        if r[1] == "勐往村"
    ]
    assert sorted(r[3] for r in rows) == ["李春艳", "李某某"] and all("、" not in r[3] for r in rows)
    table = docx.Document(str(docx_path)).tables[0]
    phone = [c.text for c in table.rows[0].cells].index("联系电话")
    width_pt = table.rows[1].cells[phone].width / 12700
    assert width_pt >= 11 * 10.5 / 2  # eleven digits of 五号 fit on one line


def test_table_widths_fit_the_content_and_keep_names_whole():
    from baosong.office.exports.docx import fit_widths, text_width

    landscape = 225 / 25.4 * 72  # the landscape 版心 is 225 mm wide
    headers = ["单位", *[f"第{n}周" for n in range(40, 54)], "缺报周数"]
    rows = [["农业农村综合服务中心", *["✓"] * 9, "进行中", *["—"] * 4, "2"], ["财政所", *["✗"] * 14, "14"]]
    for size in (10.5, 9):
        widths = fit_widths(rows, headers, size, landscape)
        assert abs(sum(widths) - landscape) < 0.5  # as wide as the 版心
    widths = fit_widths(rows, headers, 9, landscape)
    assert widths[0] >= text_width("农业农村综合服务中心") * 9  # the unit's name on one line
    assert max(widths[1:15]) - min(widths[1:15]) < 0.5  # the week columns alike, no ragged header row
    titles = [["2026-08-14", "甲村", "关于" + "防汛" * 30 + "的报告", "乡采用"]]
    wrapped = fit_widths(titles, ["采用日期", "单位", "信息标题", "采用级别"], 10.5, 400)
    assert wrapped[2] < text_width(titles[0][2]) * 10.5  # the long title wraps, the others do not
    assert wrapped[3] >= text_width("采用级别") * 10.5  # a short header stays whole


def test_adoption_figures_count_items_apart_from_records(repo_root, tmp_path):
    """Q3: 5 ledger records of 4 items (甲村's 防汛调研 went 报送县 and 县采用): 条 for items, 次 for records."""
    out, sheet = tmp_path / "q3.docx", tmp_path / "q3.xlsx"
    text = run("stats", "--quarter", "2026Q3", "--root", str(repo_root), "--docx", str(out), "--xlsx", str(sheet))
    assert "采用信息 4 条（采用记录 5 次）" in text
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert (
        "党政办共采用信息4条，其中乡采用2条、报送县1条、县采用2条（同一条信息在多个级别采用的分别登记，共登记采用记录5次）"
        in body
    )
    assert "信息被采用较多的单位是：甲村2条、丙中心2条。" in body
    ws = openpyxl.load_workbook(sheet)["采用情况"]
    header = [c.value for c in ws[2]]
    aa = next(r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] == "甲村")
    assert (aa[header.index("采用信息（条）")], aa[header.index("采用记录（次）")]) == (2, 3)
    ranking = openpyxl.load_workbook(sheet)["行政村排名"]
    aa = next(r for r in ranking.iter_rows(min_row=3, values_only=True) if r[1] == "甲村")
    assert aa[[c.value for c in ranking[2]].index("采用信息")] == 2
    page = _pages(repo_root)["tongbao/2026Q3.md"].content
    assert "采用信息（条）" in page and "采用记录（次）" in page and "采用记录（按级别，次）" in page
    index = _pages(repo_root)["tongbao/index.md"].content
    assert "<th>采用信息（条）</th>" in index
    assert '2026年第三季度</a></td><td class="bs-num">22</td><td class="bs-num">4</td>' in index


# Child order of the properties this code writes by hand (ECMA-376 Part 1, 17.3.1.26, 17.3.2.28, 17.4.60,
# 17.4.70, 17.4.67, 17.3.1.24): Word reports a file whose children are out of this order as damaged.
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em "
    "lang eastAsianLayout specVanish oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
    "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "tcBorders": "top start left bottom end right insideH insideV tl2br tr2bl",
    "pBdr": "top left bottom right between bar",
}


def test_word_files_keep_the_schema_order(repo_root, tmp_path):
    import zipfile

    from lxml import etree

    write(
        repo_root,
        "units.yaml",
        UNITS.replace(
            "    - {name: 王主任, git: wangzr}\n",
            "    - {name: 王主任, git: wangzr}\n  doc_prefix: 测政办通\n  cc: [县委办]\n",
            1,
        ),
    )
    files = {name: tmp_path / f"{name}.docx" for name in ("circular", "bulletin", "form", "summary")}
    run("stats", "--quarter", "2026Q3", "--root", str(repo_root), "--docx", str(files["circular"]))
    run("bulletin", "--root", str(repo_root), "--issue", "2026-3", "--docx", str(files["bulletin"]))
    run("roster", "--root", str(repo_root), "--unit", "aa", "--change", "--docx", str(files["form"]))
    run("roster", "--root", str(repo_root), "--docx", str(files["summary"]))
    for name, path in files.items():
        checked = 0
        with zipfile.ZipFile(path) as z:
            for part in (n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")):
                root = etree.fromstring(z.read(part))
                for tag, order in SCHEMA_ORDER.items():
                    sequence = order.split()
                    for element in root.iter(W + tag):
                        children = [etree.QName(c).localname for c in element]
                        ranks = [sequence.index(c) for c in children]  # an unknown child fails here too
                        assert ranks == sorted(ranks), (name, part, tag, children)
                        checked += 1
        assert checked > 100, name
