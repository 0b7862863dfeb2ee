"""Issue 12b: the number scanners read the body as a reader sees it on the site, not only as Markdown source.

Character references, backslash escapes, emphasis and code markers around digits, separators of mixed kinds
and numbers continued over a soft line break all show the whole number on the page; each example of the
issue is a test here, with variants, near-misses that must stay quiet, the source line and column of the
finding, one finding per number, and a real build that never publishes the number.
"""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest

from baosong.scan.numbers import find_numbers
from baosong.scan.reader import views
from baosong.scan.text import ScanText
from helpers_sensitive import findings, item_text, make_repo, validate
from helpers_site import add_site_config, build

TODAY = date(2026, 11, 25)
ID = "530826********0045"  # 530826198503120045, a valid check digit
ID2 = "530826********1233"  # 530826200101011233
CARD = "622848*********7891"  # 6228480061234567891, Luhn-valid
MOBILE = "138****8000"  # 13800138000
BODY_LINE = 12  # helpers_sensitive.item_text: the front matter is lines 1–11


def hits(text: str) -> list[tuple[str, str]]:
    return [(h.code, h.excerpt) for h in find_numbers(ScanText.of(text, 1), TODAY)]


# --- 1. character references ---------------------------------------------------------------------------------

REFERENCES = [
    ("身份证：5&#51;0826198503120045", ID),
    ("530826&#x31;98503120045", ID),
    ("身份证530826&#8203;198503120045", ID),
    ("身份证530826&ZeroWidthSpace;198503120045", ID),
    ("身份证５３０８２６&#49;98503120045", ID),
    # variants: every digit a reference, upper-case hex, a named space between groups, a full-width digit by number
    ("身份证号&#53;&#51;&#48;&#56;&#50;&#54;&#49;&#57;&#56;&#53;&#48;&#51;&#49;&#50;&#48;&#48;&#52;&#53;", ID),
    ("身份证号&#X35;30826200101011233", ID2),
    ("证件号码530826&nbsp;19850312&nbsp;0045", ID),
    ("身份证530826&#65297;98503120045", ID),  # ＆#65297; is a full-width 1
    ("身份证530826&#x200D;&#x2060;198503120045", ID),
]


@pytest.mark.parametrize(("body", "excerpt"), REFERENCES)
def test_character_references_are_decoded(body, excerpt):
    assert hits(body) == [("S03", excerpt)]


@pytest.mark.parametrize(
    "body", ["手机1380013&#56;000", "手机&#49;3800138000", "电话138&nbsp;0013&nbsp;8000", "手机138&#8203;00138000"]
)
def test_a_mobile_written_with_references(body):
    assert hits(body) == [("S05", MOBILE)]


def test_a_card_written_with_references():
    assert hits("卡号6228&#52;80061234567891") == [("S04", CARD)]


# --- 2. inline markup and escapes inside a number -------------------------------------------------------------

MARKUP = [
    "身份证：530826**19850312**0045",
    "身份证：530826*19850312*0045",
    "身份证：530826`19850312`0045",
    "身份证：530826~~19850312~~0045",
    "身份证：530826==19850312==0045",
    "身份证：530826^^19850312^^0045",
    "身份证：530826_19850312_0045",
    "身份证：530826__19850312__0045",
    "身份证：530826***19850312***0045",
    "身份证530826\\-19850312\\-0045",
    "身份证530826\\_19850312\\_0045",
    "530826~~1985031~~20045",  # the Word importer's strike-through, no label: a valid ID all the same
    "**530826198503120045**",
    "身份证：`530826` `198503120045`",
    "身份证：53082619850312**&#48;**045",
]


@pytest.mark.parametrize("body", MARKUP)
def test_markup_around_digits_is_read_through(body):
    assert hits(body) == [("S03", ID)]


@pytest.mark.parametrize(
    "body",
    [
        "卡号6228\\-4800\\-6123\\-4567\\-891",
        "农行卡**6228 4800** 6123 4567 891",  # as the Word importer writes bold runs
        "农行卡6228 **4800 6123** 4567 891",
        "卡号`6228480061234567891`",
        "一卡通 6228~~4800~~6123~~4567~~891",
        "卡号6228\\.4800\\.6123\\.4567\\.891",
    ],
)
def test_markup_inside_a_card_number(body):
    assert hits(body) == [("S04", CARD)]


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ('身份证530826[19850312](https://example.cn/a "说明")0045', [("S03", ID)]),
        ("卡号[6228 4800](#) 6123 4567 891", [("S04", CARD)]),
        ("手机[138](tel:138)00138000", [("S05", MOBILE)]),
        ("见[第1条](#a)和[第2条](#b)，共[12](#c)户[345](#d)人", []),
    ],
)
def test_link_text_reads_on(body, want):
    assert hits(body) == want


def test_markup_inside_a_mobile():
    assert hits("手机**138**0013**8000**") == [("S05", MOBILE)]
    assert hits("手机138\\-0013\\-8000") == [("S05", MOBILE)]


# --- 3. mixed separators and odd grouping --------------------------------------------------------------------

MIXED = [
    ("补贴打到农行卡 6228\u00a04800\u20606123\u00ad4567\u00a0891 上。", "S04"),
    ("身份证 5308261985 03120045", "S03"),
    ("农行卡 622848 0061234567891", "S04"),
    ("身份证 530826～19850312～0045", "S03"),
    ("身份证 530826/19850312/0045", "S03"),
    ("身份证 530826_1985_0312_0045", "S03"),
    ("卡号 6228/4800/6123/4567/891", "S04"),
    ("卡号 6228～4800～6123～4567～891", "S04"),
    ("身份证号 530 826 1985-0312 0045", "S03"),
    ("身份证号 53 0826 19850312 00 45", "S03"),
    ("存折 6228-4800 6123.4567 891", "S04"),
    ("卡号 62284800 61234567 891", "S04"),
]


@pytest.mark.parametrize(("body", "code"), MIXED)
def test_any_grouping_of_a_labelled_number_that_validates(body, code):
    assert [c for c, _ in hits(body)] == [code]


# --- 4. a number continued over a soft line break --------------------------------------------------------------


def test_a_number_over_a_soft_line_break_is_found_on_its_first_line():
    raw = "入户走访情况如下。\n身份证号码530826198503\n120045已核实。"
    st = ScanText.of(raw, 20)
    (hit,) = find_numbers(st, TODAY)
    assert (hit.code, hit.excerpt) == ("S03", ID)
    assert st.line_of(hit.start) == 21
    assert st.column_of(hit.start) == 6


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("身份证号码530826198503  \n  120045已核实。", "S03"),
        ("身份证号码530826**198503**\n**120045**已核实。", "S03"),
        ("身份证号码530826\n1985\n03120045", "S03"),
        ("卡号6228480061\n234567891", "S04"),
        ("联系手机138\n0013 8000", "S05"),
        ("身份证号码5308261985031\n&#50;0045", "S03"),
    ],
)
def test_soft_line_break_variants(body, code):
    assert [c for c, _ in hits(body)] == [code]


# --- near-misses ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "5308261985 03120045",  # no label: odd grouping stays quiet
        "622848 0061234567891",
        "身份证 5308261985 03120046",  # wrong check digit, odd grouping
        "农行卡 622848 0061234567892",  # fails Luhn, odd grouping
        "编号 6228/4800/6123/4567/891",  # a label for something else
        "订单号 6228～4800～6123～4567～891",
        "身份证号码530826198503\n\n120045已核实。",  # a new paragraph: the reader sees two numbers
        "R&amp;D 投入 2025 年 1\\,234 万元",
        "时间 2026\\-11\\-25，共 **12** 户 **345** 人。",
        "面积 1234**5678**平方米",
        "补贴金额 1380013&#56;000元",  # a quantity, not a phone
        "比分 2==3，第 1^^2 名，&#49;&#50;&#51; 号",
        "2025年共走访农户\n1280户，其中脱贫户\n356户。",
        "卡号 6228\\-4800\\-6123",  # too short for a card
        "资金 13800138000&amp;13900139000 元",
    ],
)
def test_near_misses_stay_quiet(body):
    assert hits(body) == []


# --- one finding per number, the excerpt masked ------------------------------------------------------------------


def test_a_number_found_both_ways_is_reported_once():
    assert hits("身份证530826198503120045（R&D 办公室，**已核实**）") == [("S03", ID)]
    # the plain view's excerpt, with the hidden character marked, wins over the reader view's
    assert hits("身份证530826\u200b198503120045 **已核实**") == [("S03", "530826[U+200B]********0045")]
    assert hits("身份证530826**19850312**0045，再次核对：530826**19850312**0045") == [("S03", ID), ("S03", ID)]


def test_two_numbers_in_one_marked_up_line():
    body = "户主身份证530826**19850312**0045，妻子身份证530826&#50;00101011233，手机**138**0013 8000"
    assert hits(body) == [("S03", ID), ("S03", ID2), ("S05", MOBILE)]


def test_views_are_built_only_where_they_can_differ():
    assert views("11月25日，勐往村召开**安全生产**工作会议。\n会后走访农户 12 户。") == []
    assert views("第一行 2025\n第二行") == []
    (view,) = views("第一行\n身份证5&#51;0826")
    assert view.text == "身份证530826"
    assert view.source(3, 5) == (7, 13)  # the 5, then the 3 written as &#51;


def test_the_title_is_not_read_as_markdown():
    st = ScanText.of("身份证530826**19850312**0045", 2, "title")
    assert find_numbers(st, TODAY) == []


# --- through validate and build ----------------------------------------------------------------------------------

BODIES = {
    "reference": "入户核查。\n身份证：5&#51;0826198503120045",
    "bold": "入户核查。\n身份证：530826**19850312**0045",
    "card": "补贴已发放。\n农行卡**6228 4800** 6123 4567 891",
    "soft-break": "入户核查。\n身份证号码530826198503\n120045已核实。",
    "mobile": "联系人李某。\n手机1380013&#56;000",
}


def test_validate_reports_each_on_its_source_line_masked(tmp_path):
    root = make_repo(tmp_path, {slug: item_text(body) for slug, body in BODIES.items()})
    code, out = validate(root)
    assert code != 0
    found = {(Path(f["path"]).stem[len("2026-11-24-") :], f["code"]): f for f in findings(root)}
    for slug, want in (("reference", "S03"), ("bold", "S03"), ("card", "S04"), ("soft-break", "S03")):
        f = found[(slug, want)]
        assert f["line"] == BODY_LINE + 1, slug
        assert f["severity"] == "error"
    assert found[("mobile", "S05")]["line"] == BODY_LINE + 1
    assert sum(1 for f in findings(root) if f["code"] in ("S03", "S04", "S05")) == len(BODIES)
    for secret in ("198503120045", "0826198503", "8480061234567", "6123 4567", "13800138000", "0013&#56;000"):
        assert secret not in out
    assert "身份证：5&#51;0826198503120045" not in json.dumps(found[("reference", "S03")], ensure_ascii=False)


def test_the_site_never_contains_the_number(township, tmp_path):
    """A real ``mkdocs build``: the items are refused, the clean one is published, no page holds the digits."""
    bodies = {
        "2026-11-25-核查一.md": "入户核查。\n\n身份证：5&#51;0826198503120045\n",
        "2026-11-25-核查二.md": "入户核查。\n\n身份证：530826**19850312**0045\n",
        "2026-11-25-发放.md": "补贴已发放。\n\n农行卡**6228 4800** 6123 4567 891\n",
        "2026-11-25-换行.md": "入户核查。\n\n身份证号码530826198503\n120045已核实。\n",
        "2026-11-25-混合.md": "补贴打到农行卡 6228\u00a04800\u20606123\u00ad4567\u00a0891 上。\n",
        "2026-11-25-划线.md": "入户核查。\n\n身份证530826~~1985031~~20045\n",
    }
    refused = [township.item(name=name, body=body) for name, body in bodies.items()]
    clean = township.item(name="2026-11-25-安全生产会议.md")
    add_site_config(township.root)
    result, site = build(township.root)
    assert result.exit_code == 0, result.output
    for rel in refused:
        assert f"未发布 {rel}" in result.output
        assert not (site / "items" / rel[len("submissions/") : -3]).exists()
    assert (site / "items" / clean[len("submissions/") : -3] / "index.html").is_file()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".js"):
            data = path.read_text(encoding="utf-8", errors="replace")
            for secret in ("19850312", "1985031", "6123 4567", "&#51;0826", "530826198503"):
                assert secret not in data, (path, secret)


@pytest.mark.parametrize(
    "body",
    [
        "1\n" * 50_000,  # every line pair joins: views hold at most a few lines each
        "身份证 12/34_56~78 " * 10_000,  # loose groups: checked only when the digits validate
        "**1**&#50;\\-" * 20_000,
        "12345678901234567890\n" * 10_000,
    ],
    ids=["joined-lines", "loose-groups", "markup", "long-lines"],
)
def test_the_reader_view_stays_cheap(body):
    start = time.process_time()
    find_numbers(ScanText.of(body, 1), TODAY)
    assert time.process_time() - start < 5
