"""``baosong import``: real .docx files built with python-docx, imported into a real township repository."""

from __future__ import annotations

import html
import io
import re
import shutil
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from hypothesis import example, given, settings
from hypothesis import strategies as st

from baosong.checks.repository import load_repository
from baosong.cli.main import cli
from baosong.importer.habits import mark_of
from baosong.importer.render import escape, guard_line
from baosong.importer.source import CFB_MAGIC, MAX_SOURCE_BYTES
from baosong.importer.zhdates import first_date, is_date_line
from baosong.scan.markdown_setup import make_markdown
from baosong.township.reader import parse_text
from docx_builders import merged_table

MAIN = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"
TITLE = "勐往村召开第四季度安全生产工作会议"


# --- helpers -----------------------------------------------------------------------------------------


def png_bytes(width: int = 4, height: int = 3, rgb=(200, 30, 30), extra: bytes = b"") -> bytes:
    """A real PNG made with zlib; ``extra`` adds an ancillary chunk (to make a big file)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunks = chunk(b"IHDR", header) + (chunk(b"teXt", extra) if extra else b"")
    return b"\x89PNG\r\n\x1a\n" + chunks + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def bmp_bytes() -> bytes:
    """A 1×1 24-bit BMP (a type the site cannot show, so the importer must refuse it)."""
    pixels = b"\x00\x00\xff\x00"
    header = struct.pack("<IiiHHIIiiII", 40, 1, 1, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 14 + len(header) + len(pixels), 0, 0, 54) + header + pixels


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)


def make_repo(tmp_path: Path) -> Path:
    """A township repository (registry and rules of the sample) without items."""
    root = tmp_path / "repo"
    root.mkdir()
    # The sample's mengwang also carries SPEC §2.1's example people; keep one active reporter and reviewer here.
    units = (MAIN / "units.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    spec_people = ("李某某", "赵某,", "张某某")
    (root / "units.yaml").write_text("".join(x for x in units if not any(p in x for p in spec_people)), "utf-8")
    shutil.copytree(MAIN / "site_config", root / "site_config")
    return root


def full_document(path: Path) -> Path:
    """A village's meeting report as people write it in Word."""
    d = Document()
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(TITLE).bold = True
    d.add_paragraph("")
    d.add_paragraph("\u3000\u300011月24日，勐往村召开第四季度安全生产工作会议，村“两委”成员、各村民小组长共32人参加。")
    d.add_paragraph("  ")
    d.add_paragraph("一、基本情况")
    p = d.add_paragraph("会议通报了1~3季度的检查情况：")
    p.add_run("共排查隐患12处").bold = True
    run = p.add_run("，已整改")
    run.add_break()  # a soft line break (Shift+Enter) in the middle of a sentence
    p.add_run("10处。")
    d.add_paragraph("二、下步工作")
    d.add_paragraph("（一）压实责任")
    d.add_paragraph("1.各村民小组落实网格员巡查制度；")
    d.add_paragraph("2.每月开展一次消防演练；")
    d.add_paragraph("3.整改情况每周上报村委会。")
    d.add_heading("隐患整改台账", level=1)
    table = d.add_table(rows=3, cols=3)
    for i, row in enumerate([["村民小组", "排查数", "整改数"], ["一组", "5", "4"], ["二组", "7", "6"]]):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    d.add_picture(io.BytesIO(png_bytes()))
    d.add_paragraph("图为会议现场。")
    d.add_paragraph("")
    p = d.add_paragraph("勐往村委会")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p = d.add_paragraph("2026年11月25日")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(path)
    return path


def run_import(repo: Path, source: Path, *args: str):
    result = CliRunner().invoke(
        cli, ["import", str(source), "--root", str(repo), "--today", TODAY, *args], catch_exceptions=False
    )
    return result


def written(repo: Path) -> list[Path]:
    base = repo / "submissions"
    return sorted(p for p in base.rglob("*") if p.is_file()) if base.exists() else []


def split_item(path: Path):
    text = path.read_text(encoding="utf-8")
    item, findings = parse_text(path.relative_to(path.parents[3]).as_posix(), text.encode("utf-8"))
    assert item is not None, findings
    return item, text.split("\n---\n", 1)[1]


def rendered_text(body: str) -> str:
    out = make_markdown().convert(body)
    return html.unescape(re.sub(r"<[^>]+>", "", out))


# --- the whole route ------------------------------------------------------------------------------------


def test_import_meeting_report(repo, tmp_path):
    source = full_document(tmp_path / "会议.docx")
    result = run_import(repo, source, "--unit", "mengwang", "--type", "会议", "--category", "监督检查")
    assert result.exit_code == 0, result.output
    folder = repo / "submissions" / "mengwang" / "2026"
    item_path = folder / f"2026-11-25-{TITLE}.md"
    image_path = folder / f"2026-11-25-{TITLE}-1.png"
    assert written(repo) == sorted([item_path, image_path])
    assert image_path.read_bytes() == png_bytes()

    item, body = split_item(item_path)
    assert item.meta["title"] == TITLE
    assert item.meta["unit"] == "mengwang"
    assert item.meta["reporter"] == "李春艳"  # the unit's only active reporter
    assert item.meta["reviewed_by"] == "张国华"
    assert item.meta["date"] == "2026-11-25"
    assert item.meta["event_date"] == "2026-11-24"  # from the first paragraph
    assert (item.meta["type"], item.meta["category"], item.meta["sensitivity"]) == ("会议", "监督检查", "公开")
    text = item_path.read_text(encoding="utf-8")
    assert "# 登记的信息员" in text  # the template's comments are kept: the file looks like the template

    assert body.startswith("11月24日，勐往村召开第四季度安全生产工作会议")  # indentation removed
    lines = body.splitlines()
    assert "## 一、基本情况" in lines
    assert "## 二、下步工作" in lines
    assert "### （一）压实责任" in lines
    assert "## 隐患整改台账" in lines  # Word's Heading 1 under the item's title
    assert "会议通报了1\\~3季度的检查情况：**共排查隐患12处**，已整改10处。" in lines  # soft break joined
    assert [line for line in lines if re.match(r"\d\. ", line)] == [
        "1. 各村民小组落实网格员巡查制度；",
        "2. 每月开展一次消防演练；",
        "3. 整改情况每周上报村委会。",
    ]
    assert "| 村民小组 | 排查数 | 整改数 |" in lines
    assert "| 二组 | 7 | 6 |" in lines
    assert f"![图1](2026-11-25-{TITLE}-1.png)" in lines
    assert "图为会议现场。" in lines
    assert "勐往村委会" not in body and "2026年11月25日" not in body  # signature block removed
    assert f"**{TITLE}**" not in body and not body.startswith(TITLE)  # the title line is not repeated
    assert "\n\n\n" not in body

    html_out = make_markdown().convert(body)
    assert "<table>" in html_out and "<ol>" in html_out and "<strong>共排查隐患12处</strong>" in html_out
    assert "1~3季度" in html_out  # not a subscript

    assert "已去掉文末落款" in result.output and "勐往村委会 / 2026年11月25日" in result.output
    assert "可以提交了" in result.output

    repository = load_repository(
        repo, date(2026, 11, 25), paths=[p.relative_to(repo).as_posix() for p in written(repo)]
    )
    assert [f for f in repository.findings if f.is_error] == []


def test_title_style_list_styles_and_bullets(repo, tmp_path):
    d = Document()
    d.add_paragraph("坝卡村开展冬季森林防火宣传", style="Title")
    d.add_paragraph("11月20日至22日，坝卡村组织护林员开展森林防火宣传，重点做好以下工作：")
    d.add_paragraph("入户发放宣传资料", style="List Number")
    d.add_paragraph("悬挂横幅标语", style="List Number")
    d.add_paragraph("●巡山护林；")
    d.add_paragraph("●清理可燃物。")
    d.add_paragraph("此次宣传共发放资料* 300份，")
    p = d.add_paragraph("签订责任书120份。")
    p.add_run().add_break()
    p.add_run("\u3000\u3000下一步，坝卡村将持续加强巡查。")
    p = d.add_paragraph("报送人：俸玉兰  联系电话：13800000103")
    source = tmp_path / "防火.docx"
    d.save(source)

    result = run_import(repo, source, "--unit", "baka", "--type", "动态", "--category", "应急管理")
    assert result.exit_code == 0, result.output
    item_path = repo / "submissions/baka/2026/2026-11-25-坝卡村开展冬季森林防火宣传.md"
    item, body = split_item(item_path)
    assert item.meta["title"] == "坝卡村开展冬季森林防火宣传"
    assert item.meta["reporter"] == "俸玉兰"  # the reporter active today, not the one who left in August
    assert item.meta["event_date"] == "2026-11-20"
    lines = body.splitlines()
    assert [line for line in lines if re.match(r"\d\. ", line)] == ["1. 入户发放宣传资料", "2. 悬挂横幅标语"]
    assert [line for line in lines if line.startswith("- ")] == ["- 巡山护林；", "- 清理可燃物。"]
    assert "此次宣传共发放资料\\* 300份，" in lines
    assert "签订责任书120份。" in lines  # an indented line after a soft break starts a new paragraph
    assert "下一步，坝卡村将持续加强巡查。" in lines
    assert "13800000103" not in body and "报送人" not in body  # the credit line went with the signature
    html_out = make_markdown().convert(body)
    assert html_out.count("<ol>") == 1 and html_out.count("<ul>") == 1  # two lists, not one merged list


def test_title_from_core_property_then_file_name(repo, tmp_path):
    d = Document()
    d.core_properties.title = "南布村完成农村人居环境整治验收"
    d.add_paragraph("11月23日，南布村迎来乡农村人居环境整治验收组，对全村7个村民小组的村容村貌进行检查。")
    d.add_paragraph("验收组对南布村的整治成效给予肯定。")
    source = tmp_path / "x.docx"
    d.save(source)
    result = run_import(repo, source, "--unit", "nanbu", "--type", "动态", "--category", "发展建设")
    assert result.exit_code == 0, result.output
    item, body = split_item(repo / "submissions/nanbu/2026/2026-11-25-南布村完成农村人居环境整治验收.md")
    assert item.meta["title"] == "南布村完成农村人居环境整治验收"
    assert body.startswith("11月23日，南布村")
    assert "文档属性里的标题" in result.output

    d = Document()
    d.core_properties.title = "Word Document"  # a generic property is ignored
    d.add_paragraph("11月22日，南布村召开党员大会，传达学习县委全会精神，全村党员共46人参加。")
    source = tmp_path / "南布村召开党员大会.docx"
    d.save(source)
    result = run_import(repo, source, "--unit", "nanbu", "--type", "会议", "--category", "部署落实")
    assert result.exit_code == 0, result.output
    item, _ = split_item(repo / "submissions/nanbu/2026/2026-11-25-南布村召开党员大会.md")
    assert item.meta["title"] == "南布村召开党员大会"


def test_event_date_option_and_fallback(repo, tmp_path):
    d = Document()
    d.add_heading("糯伟村开展矛盾纠纷排查化解", level=1)
    d.add_paragraph("近日，糯伟村组织调解委员会开展矛盾纠纷排查，化解纠纷3起。")
    source = tmp_path / "纠纷.docx"
    d.save(source)
    result = run_import(repo, source, "--unit", "nuowei", "--type", "动态", "--category", "社情民意")
    assert result.exit_code == 0, result.output
    item, _ = split_item(repo / "submissions/nuowei/2026/2026-11-25-糯伟村开展矛盾纠纷排查化解.md")
    assert item.meta["event_date"] == TODAY
    assert "没有写明日期" in result.output

    result = run_import(
        repo,
        source,
        "--unit",
        "nuowei",
        "--type",
        "动态",
        "--category",
        "社情民意",
        "--event-date",
        "2026-11-21",
        "--replace",
    )
    assert result.exit_code == 0, result.output
    item, _ = split_item(repo / "submissions/nuowei/2026/2026-11-25-糯伟村开展矛盾纠纷排查化解.md")
    assert item.meta["event_date"] == "2026-11-21"


def test_missing_type_and_category_still_written(repo, tmp_path):
    source = full_document(tmp_path / "会议.docx")
    result = run_import(repo, source, "--unit", "mengwang")
    assert result.exit_code == 1
    item, _ = split_item(repo / f"submissions/mengwang/2026/2026-11-25-{TITLE}.md")
    assert item.meta["type"] == "待填写" and item.meta["category"] == "待填写"
    assert "错误 M03 [type]" in result.output and "错误 M03 [category]" in result.output
    assert "文件已经写好，但还有 2 个错误" in result.output
    assert "baosong validate" in result.output


def test_existing_item_needs_replace(repo, tmp_path):
    source = full_document(tmp_path / "会议.docx")
    args = ("--unit", "mengwang", "--type", "会议", "--category", "监督检查")
    assert run_import(repo, source, *args).exit_code == 0
    again = run_import(repo, source, *args)
    assert again.exit_code == 2
    assert "文件已存在" in again.output and "--replace" in again.output
    stale = repo / f"submissions/mengwang/2026/2026-11-25-{TITLE}-7.png"
    stale.write_bytes(png_bytes())  # a picture left by an earlier import of the same document
    assert run_import(repo, source, *args, "--replace").exit_code == 0
    assert not stale.exists()
    assert len(written(repo)) == 2


def test_pictures_refused_when_unsupported_or_too_large(repo, tmp_path):
    d = Document()
    d.add_paragraph("河外村举办农民丰收节").runs[0].bold = True
    d.add_paragraph("11月18日，河外村举办农民丰收节，展示特色农产品。")
    d.add_picture(io.BytesIO(bmp_bytes()))
    d.add_picture(io.BytesIO(png_bytes(extra=b"x" * (5 * 1024 * 1024 + 10))))
    gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    d.add_picture(io.BytesIO(gif))
    source = tmp_path / "丰收节.docx"
    d.save(source)
    result = run_import(repo, source, "--unit", "hewai", "--type", "新闻", "--category", "成果荣誉")
    assert result.exit_code == 0, result.output
    names = [p.name for p in written(repo)]
    assert names == ["2026-11-25-河外村举办农民丰收节-1.gif", "2026-11-25-河外村举办农民丰收节.md"]
    assert "第 1 张图片是 BMP 格式" in result.output
    assert "第 2 张图片超过 5 MB" in result.output
    _, body = split_item(repo / "submissions/hewai/2026/2026-11-25-河外村举办农民丰收节.md")
    assert body.count("![") == 1 and "(2026-11-25-河外村举办农民丰收节-1.gif)" in body


# --- refusals -------------------------------------------------------------------------------------------


def _cfb(*streams: str) -> bytes:
    """The start of an OLE compound file, with directory entry names as UTF-16 like the real thing."""
    names = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") for name in streams)
    return CFB_MAGIC + b"\x00" * 504 + names + b"\x00" * 512


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("旧文档.doc", _cfb("Root Entry", "WordDocument", "1Table"), "Word 97-2003"),
        ("伪装.docx", _cfb("Root Entry", "WordDocument"), "Word 97-2003"),
        ("通知.wps", _cfb("Root Entry", "WpsContent"), ".wps 格式"),
        ("加密.docx", _cfb("Root Entry", "EncryptionInfo", "EncryptedPackage"), "设置了打开密码"),
        ("富文本.doc", b"{\\rtf1\\ansi hello}", "RTF"),
        ("文本.docx", "这是一段文字".encode(), "不是 Word 文档"),
        ("空.docx", b"", "不是 Word 文档"),
    ],
)
def test_refusals(repo, tmp_path, name, data, words):
    source = tmp_path / name
    source.write_bytes(data)
    result = run_import(repo, source, "--unit", "mengwang", "--type", "会议", "--category", "监督检查")
    assert result.exit_code == 2
    assert result.output.startswith("没有导入：")
    assert words in result.output
    assert "另存为" in result.output or "密码" in result.output
    assert "Traceback" not in result.output
    assert written(repo) == []


def test_refuse_damaged_and_foreign_zip(repo, tmp_path):
    good = full_document(tmp_path / "good.docx").read_bytes()
    damaged = tmp_path / "损坏.docx"
    damaged.write_bytes(good[: len(good) // 2])
    result = run_import(repo, damaged, "--unit", "mengwang")
    assert result.exit_code == 2 and "损坏" in result.output

    flipped = bytearray(good)
    start = good.index(b"word/document.xml") + 40  # inside the compressed document, CRC now wrong
    flipped[start : start + 20] = bytes(b ^ 0xFF for b in flipped[start : start + 20])
    damaged.write_bytes(bytes(flipped))
    result = run_import(repo, damaged, "--unit", "mengwang")
    assert result.exit_code == 2 and "没有导入" in result.output

    import zipfile

    odt = tmp_path / "开放文档.docx"
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    result = run_import(repo, odt, "--unit", "mengwang")
    assert result.exit_code == 2 and "ODT" in result.output
    assert written(repo) == []


def test_refuse_too_large(repo, tmp_path):
    big = tmp_path / "大文件.docx"
    with open(big, "wb") as fh:
        fh.truncate(MAX_SOURCE_BYTES + 1)  # sparse: no time spent writing
    result = run_import(repo, big, "--unit", "mengwang")
    assert result.exit_code == 2 and "文件太大" in result.output


def test_refuse_unknown_unit_and_ambiguous_people(repo, tmp_path):
    source = full_document(tmp_path / "会议.docx")
    result = run_import(repo, source, "--unit", "nowhere")
    assert result.exit_code == 2 and "未登记" in result.output

    units = (repo / "units.yaml").read_text(encoding="utf-8")
    extra = '      - {name: 李春艳, git: licy, title: 文书, phone: "13800000101", since: 2021-06-01}\n'
    units = units.replace(extra, extra + "      - {name: 岩温, git: yanwen, title: 副主任, since: 2026-01-01}\n")
    (repo / "units.yaml").write_text(units, encoding="utf-8")
    result = run_import(repo, source, "--unit", "mengwang", "--type", "会议", "--category", "监督检查")
    assert result.exit_code == 2
    assert "多名在任信息员（李春艳、岩温）" in result.output and "--reporter" in result.output
    assert written(repo) == []
    result = run_import(
        repo, source, "--unit", "mengwang", "--type", "会议", "--category", "监督检查", "--reporter", "岩温"
    )
    assert result.exit_code == 0, result.output
    item, _ = split_item(repo / f"submissions/mengwang/2026/2026-11-25-{TITLE}.md")
    assert item.meta["reporter"] == "岩温"


# --- the pieces -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1~3月，5~6月",
        "a*b*c",
        "x^2^y",
        "a==b==c",
        "<abc> 文本",
        "# 井号",
        "1. 排查",
        "- 列表",
        "> 引用",
        "!!! note",
        "效果{: .x}",
        ":   定义",
        "??? note",
        "[链接](http://x)",
        "&amp; R&D",
        "a_b_c",
        "`code`",
        '=== "tab"',
        "C:\\路径\\文件",
    ],
)
def test_escaped_text_reads_back_unchanged(text):
    assert rendered_text(guard_line(escape(text))).strip() == text


def test_dates_in_chinese_text():
    today = date(2026, 11, 25)
    assert first_date("11月24日，勐往村召开", today).day == date(2026, 11, 24)
    assert first_date("12月30日，勐往村召开", today).day == date(2025, 12, 30)  # no year: not in the future
    assert first_date("二〇二六年十一月二十日上午", today).day == date(2026, 11, 20)
    assert first_date("２０２６年１１月２１日", today).day == date(2026, 11, 21)
    assert first_date("2026.11.19 会议", today).day == date(2026, 11, 19)
    assert first_date("近日，全村开展", today) is None
    assert is_date_line("2026年11月25日") and is_date_line("二〇二六年十一月二十五日")
    assert not is_date_line("2026年11月25日，勐往村召开会议")


def test_manual_numbering_marks():
    assert mark_of("一、总体情况").kind == "level1"
    assert mark_of("（二）压实责任").kind == "level2"
    assert mark_of("１．排查").number == 1
    assert mark_of("3、落实").number == 3
    assert mark_of("（1）入户").kind == "paren"
    assert mark_of("1.5万元用于资金") is None
    assert mark_of("一是加强领导") is None


def test_links_merged_cells_and_one_paragraph_signature(repo, tmp_path):
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = Document()
    d.add_heading("", level=1).add_run("勐往乡召开“两委”联席会议").bold = True
    p = d.add_paragraph("11月23日召开会议，详见")
    r_id = d.part.relate_to("https://example.org/news?id=1", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "县政府网站"
    run.append(text)
    link.append(run)
    p._p.append(link)
    p.add_run("，比较 a<b & c>d。")
    table = merged_table(d, ("项目", "说明"), "纵向", {(1, 1): "a", (1, 2): "b", (2, 1): "c", (2, 2): "d"})
    table.cell(1, 2).add_paragraph("第二段")
    d.add_paragraph("特此报告。")
    p = d.add_paragraph("中共勐往村总支部委员会")
    p.runs[0].add_break()
    p.add_run("二〇二六年十一月二十五日")
    source = tmp_path / "联席会议.docx"
    d.save(source)

    result = run_import(repo, source, "--unit", "mengwang", "--type", "会议", "--category", "部署落实")
    assert result.exit_code == 0, result.output
    item_path = written(repo)[0]
    item, body = split_item(item_path)
    assert item.meta["title"] == "勐往乡召开“两委”联席会议"
    assert item.meta["event_date"] == "2026-11-23"
    lines = body.splitlines()
    assert "11月23日召开会议，详见[县政府网站](https://example.org/news?id=1)，比较 a&lt;b & c>d。" in lines
    assert "| 项目 |  | 说明 |" in lines and "| 纵向 | a | b 第二段 |" in lines and "|  | c | d |" in lines
    assert lines[-1] == "特此报告。"
    assert "中共勐往村总支部委员会 / 二〇二六年十一月二十五日" in result.output
    assert "a<b & c>d" in rendered_text(body)


def test_linked_picture_is_reported_not_fetched(repo, tmp_path):
    import zipfile

    source = full_document(tmp_path / "会议.docx")
    linked = tmp_path / "链接图片.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(linked, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b'r:embed="', b'r:link="')
            if info.filename == "word/_rels/document.xml.rels":
                data = re.sub(rb'Target="media/image1\.png"', b'Target="file:///C:/x.png" TargetMode="External"', data)
            out.writestr(info, data)
    result = run_import(repo, linked, "--unit", "mengwang", "--type", "会议", "--category", "监督检查")
    assert result.exit_code == 0, result.output
    assert "第 1 张图片是链接到电脑上其他文件的图片" in result.output
    assert [p.suffix for p in written(repo)] == [".md"]
    _, body = split_item(written(repo)[0])
    assert "![" not in body


_PIECES = [
    *"会议村1234567890.,:;!?#*_-+=~^`[](){}<>|\\&/'\"@%$：。，、（）《》abcXYZ",
    "http://",
    "&amp;",
    "<b>",
    "==",
    "~~",
    "++",
    "^^",
    "!!!",
    "???",
    "---",
    "***",
    "1. ",
    "- ",
    "[^1]",
    "{: .x}",
    "::",
    "<!--",
    "-->",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join))
@example("&#1")  # Markdown reads a numeric character reference even without its ";"
def test_any_word_text_reads_back_unchanged(text):
    text = " ".join(text.split())
    if text:
        assert " ".join(rendered_text(guard_line(escape(text))).split()) == text
