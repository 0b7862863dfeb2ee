"""What the office prints, printed: the circular, a unit's 《信息员登记表》 and a bulletin converted to PDF
by LibreOffice and read back with pdftotext (GB/T 9704-2012 as in GONGWEN.md).

Slow (LibreOffice starts once per document). Needs Debian's ``libreoffice-writer-nogui``, ``poppler-utils``
and ``fonts-noto-cjk`` (``make test`` installs them as root: ``test-deps`` in the Makefile). Without LibreOffice the tests skip, except in CI
(``CI=true``), where a missing LibreOffice is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from baosong.cli.main import cli
from baosong.office.exports import pdf as pdftools
from conftest import REPO as REPO_ROOT
from helpers_stats import UNITS, item, write

pytestmark = pytest.mark.slow
TODAY = "2026-11-25"
OFFICE = "  issuer: 测试乡人民政府办公室\n  doc_prefix: 测政办通\n  cc: [县委办, 县政府办, 县委宣传部]\n"
LONG_TITLES = 36  # adopted items with long titles: the 采用明细 table runs over several pages


@pytest.fixture(scope="module", autouse=True)
def _libreoffice():
    missing = [tool for tool in ("pdftotext", "pdftoppm") if shutil.which(tool) is None]
    if pdftools.soffice() is None:
        missing.append("soffice")
    if not missing:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"CI must install {', '.join(missing)} (make test-deps as root installs libreoffice-writer-nogui, poppler-utils)"
        )
    pytest.skip(f"{', '.join(missing)} not installed: apt-get install libreoffice-writer-nogui poppler-utils")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The three documents of one township, as PDF pages."""
    from helpers_stats import make_township

    root = tmp_path_factory.mktemp("paper") / "repo"
    root.mkdir()
    make_township(root)
    write(
        root,
        "units.yaml",
        UNITS.replace("    - {name: 王主任, git: wangzr}\n", "    - {name: 王主任, git: wangzr}\n" + OFFICE, 1),
    )
    ledger = (root / "office/adoptions/2026.yaml").read_text(encoding="utf-8")
    day = date(2026, 7, 2)
    for n in range(LONG_TITLES):
        title = f"乙村第{n + 1}批次扎实推进农村人居环境整治提升行动取得阶段性明显成效的做法和经验（{n + 1}）"
        rel = item(root, "bb", day.isoformat(), f"整治{n + 1}", "赵六", title=title)
        ledger += (
            f"- id: {rel.removeprefix('submissions/').removesuffix('.md')}\n  level: 乡采用\n  date: {day.isoformat()}\n"
            f"  instruction: {{by: 乡长, text: 此件很好，请各村认真学习借鉴第{n + 1}批次的做法并结合实际抓好落实。}}\n"
        )
        day += timedelta(days=1 if day.weekday() < 4 else 3)
    write(root, "office/adoptions/2026.yaml", ledger)
    out = tmp_path_factory.mktemp("pdf")
    runner = CliRunner()
    for args in (
        ["stats", "--quarter", "2026Q3", "--docx", str(out / "circular.docx"), "--doc-number", "12"],
        ["roster", "--unit", "aa", "--change", "--docx", str(out / "form.docx")],
        ["bulletin", "--issue", "2026-3", "--docx", str(out / "bulletin.docx")],
    ):
        result = runner.invoke(cli, [*args, "--root", str(root), "--today", TODAY], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return {
        name: pdftools.pages(pdftools.to_pdf(out / f"{name}.docx", out)) for name in ("circular", "form", "bulletin")
    }


def _page_number(page) -> tuple[int, float] | None:
    """The "— N —" under the 版心: (N, its horizontal centre)."""
    bottom = [w for w in page.words if w.y0 > _text_block_bottom(page)]
    digits = [w for w in bottom if w.text.isdigit()]
    dashes = [w for w in bottom if w.text in ("—", "—", "–")]
    if len(digits) != 1 or len(dashes) < 2:
        return None
    return int(digits[0].text), (digits[0].x0 + digits[0].x1) / 2


def test_circular_has_its_head_on_page_one_and_its_colophon_on_the_last(printed):
    pages = printed["circular"]
    assert 12 <= len(pages) <= 24  # body (36 批示 quoted), six 附件 (采用明细 over pages), the 版记 page
    first = pages[0]
    masthead = [w for w in first.words if w.text.startswith("测试乡人民政府办公室") and w.y0 < first.height / 3]
    assert masthead, first.text[:80]
    top_mm = masthead[0].y0 / 72 * 25.4
    assert 37 + 35 - 5 <= top_mm <= 37 + 35 + 8  # 标志's top edge 35 mm under the 版心 (7.2.4)
    assert "测政办通〔2026〕12号" in first.text
    assert first.text.index("测政办通〔2026〕12号") < first.text.index("关于2026年第三季度")
    last = pages[-1]
    assert "抄送：县委办，县政府办，县委宣传部。" in last.text and "2026年11月25日印发" in last.text
    assert not any("抄送" in p.text for p in pages[:-1])
    lines = last.lines()
    colophon = [line for line in lines if "".join(w.text for w in line).startswith("测试乡人民政府办公室")]
    edge = last.height - 35 / 25.4 * 72  # the 版心's bottom edge
    assert colophon and edge - 28 < colophon[-1][0].y1 < edge  # its last line on the edge (7.4.1)


def test_circular_lines_hold_28_characters(printed):
    pitch = (210 - 28 - 26) / 25.4 * 72 / 28  # the 版心 is 156 mm wide: 28 characters of 15.79 pt
    counts = []
    for page in printed["circular"][:3]:
        lines = [line for line in page.lines() if line[0].y0 < page.height * 0.85]  # not the page number
        left = min(line[0].x0 for line in lines)
        for line in lines:
            text = "".join(w.text for w in line)
            if all(ord(ch) > 0x2E80 for ch in text):  # all Chinese: no half-width digits to guess about
                counts.append(len(text) + round((line[0].x0 - left) / pitch))
    assert max(counts) == 28, counts  # GB/T 9704-2012 5.2.2: 28 characters a line


def test_page_numbers_sit_on_the_outer_side(printed):
    numbered = [(p, _page_number(p)) for p in printed["circular"]]
    assert all(found is not None for _, found in numbered), [p.number for p, f in numbered if f is None]
    for page, (number, centre) in numbered:
        assert number == page.number
        if number % 2:
            assert centre > page.width * 0.75, number  # odd: right
        else:
            assert centre < page.width * 0.25, number  # even: left


def test_no_table_row_is_split_and_headers_repeat(printed):
    pages = printed["circular"]
    detail = [p for p in pages if "采用日期" in p.text]
    assert len(detail) >= 2  # the long table runs over pages, its header repeated on each
    for n in range(1, LONG_TITLES + 1):
        # a row's cells and wrapped lines all on one page: its first and last words and its 批示
        holding = [p for p in detail if f"乙村第{n}批次扎实推进" in p.text]
        assert len(holding) == 1, f"row {n} split or missing"
        assert f"做法和经验（{n}）" in holding[0].text, f"row {n}: its title runs over two pages"
        assert f"借鉴第{n}批次的做法并结合实际抓好落实。" in holding[0].text, f"row {n}: cells on different pages"


def test_roster_form_is_one_page_to_sign_and_stamp(printed):
    (page,) = printed["form"]
    for words in (
        "信息员登记表",
        "甲村",
        "李四",
        "原信息员",
        "张三",
        "变更日期",
        "单位负责人签字",
        "单位（盖章）",
        "填表日期",
    ):
        assert words in page.text, words
    assert "13800000002" in [w.text for w in page.words]  # the phone number on one line


def test_bulletin_has_contents_and_ends_with_the_distribution_block(printed):
    pages = printed["bulletin"]
    first, last = pages[0], pages[-1]
    assert first.text.startswith("测试政务信息") and "2026年第3期" in first.text and "本期目录" in first.text
    assert "报：县委办，县政府办，县委宣传部" in last.text and "测试乡人民政府办公室编印" in last.text


@pytest.mark.parametrize(("ci", "code", "says"), [("true", 1, "CI must install"), ("", 0, "1 skipped")])
def test_without_libreoffice_ci_fails_and_a_desk_skips(tmp_path, ci, code, says):
    import subprocess
    import sys

    env = {**os.environ, "PATH": str(tmp_path / "empty"), "CI": ci}
    command = [sys.executable, "-m", "pytest", __file__, "-k", "sign_and_stamp", "-rs", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [*command, "-p", "no:xdist", "--basetemp", str(tmp_path / "t")],
        capture_output=True,
        text=True,
        env=env,
        cwd=os.path.dirname(os.path.dirname(__file__)),
    )
    assert done.returncode == code, done.stdout[-2000:]
    assert says in done.stdout


def test_roster_form_of_a_unit_with_three_officers_is_still_one_page(tmp_path):
    from conftest import REPO

    root = tmp_path / "repo"
    root.mkdir()
    units = (REPO / "units.yaml").read_text(encoding="utf-8")
    extra = '      - {name: 岩温, git: yanwen, title: 村务监督委员会委员兼网格员, phone: "13800000199", since: 2024-01-01}\n'
    anchor = "      - {name: 赵某, git: zhaomou, since: 2017-03-31, until: 2025-06-30}\n"
    assert anchor in units
    (root / "units.yaml").write_text(units.replace(anchor, anchor + extra), encoding="utf-8")
    out = tmp_path / "form.docx"
    result = CliRunner().invoke(cli, ["roster", "--root", str(root), "--unit", "mengwang", "--docx", str(out)])
    assert result.exit_code == 0, result.output
    (page,) = pdftools.pages(pdftools.to_pdf(out, tmp_path))
    for words in ("李春艳", "李某某", "岩温", "13800000199", "单位负责人签字", "单位（盖章）", "说明："):
        assert words in page.text, words
    assert _sign_row_mm(page) >= 25  # room for a signature and a seal, however many officers


def test_roster_form_of_two_officers_leaves_room_for_a_seal(tmp_path):
    out = tmp_path / "form.docx"
    result = CliRunner().invoke(cli, ["roster", "--unit", "mengwang", "--docx", str(out), "--root", str(REPO_ROOT)])
    assert result.exit_code == 0, result.output
    (page,) = pdftools.pages(pdftools.to_pdf(out, tmp_path))
    assert _sign_row_mm(page) >= 35  # a township seal is 40–42 mm wide and may overlap the row's lines


def _sign_row_mm(page) -> float:
    """From the top of 单位负责人签字 down to the note under the table, in mm."""
    (label,) = [w for w in page.words if w.text == "单位负责人签字"]
    (note,) = [w for w in page.words if w.text.startswith("说明：")]
    return (note.y0 - label.y0) / 72 * 25.4


def test_no_heading_ends_a_page_and_the_signature_never_stands_alone(printed):
    """7.3.5: the 署名 and 成文日期 share their page with the body's end; a heading 一、… never ends a page."""
    body_pages = [p for p in printed["circular"] if "附件1" not in p.text[:40] and "抄送" not in p.text]
    for page in body_pages:
        lines = ["".join(w.text for w in line) for line in page.lines() if line[0].y0 <= _text_block_bottom(page)]
        assert lines and not re.match(r"^[一二三四五六七八九十]+、", lines[-1]), (page.number, lines[-1])
    signed = [p for p in body_pages if "测试乡人民政府办公室" in p.text and p.number > 1]
    assert signed, "no page holds the 署名"
    text = signed[-1].text
    before = text[: text.rindex("测试乡人民政府办公室")]
    assert re.search(r"[。；]", before.replace("附件：", "")), before[-80:]  # body text, not only 附件说明


def _text_block_bottom(page) -> float:
    """The 版心's bottom edge in pt from the top: 35 mm above the foot of a portrait page, 26 of a landscape one."""
    return page.height - (35 if page.height > page.width else 26) / 25.4 * 72
