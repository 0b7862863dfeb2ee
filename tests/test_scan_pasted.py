"""Issue 12: the scanners hold on text as reporters paste it (chat apps, web pages, subsidy lists).

Each example of the issue is a test here, with variants of its kind: other invisible characters, other
certificate and card words, other separators; near-misses of each kind must stay quiet.
"""

from __future__ import annotations

import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from baosong.scan.chars import classes, strip_ignored
from baosong.scan.labels import DEFAULT_LABELS
from baosong.scan.numbers import find_numbers
from baosong.scan.text import ScanText, normalise, offset_map
from baosong.township.rules import load_rules
from helpers_sensitive import RULES, findings, item_text, make_repo, validate

TODAY = date(2026, 11, 25)
ROOT = Path(__file__).resolve().parent.parent
ZWSP = "\u200b"
BODY_LINE = 12  # item_text: the front matter is lines 1–11


def hits(text: str, labels: dict | None = None) -> list[tuple[str, str]]:
    return [(h.code, h.excerpt) for h in find_numbers(ScanText.of(text, 1), TODAY, labels=labels)]


def codes(text: str) -> list[str]:
    return [code for code, _ in hits(text)]


# --- 1. one normalisation, from the Unicode database ---------------------------------------------------------


def every(categories: tuple[str, ...]) -> set[str]:
    return {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in categories}


def test_every_format_character_is_removed():
    for ch in every(("Cf",)):
        assert normalise(f"身份证{ch}号1{ch}2") == "身份证号12", f"U+{ord(ch):04X}"


def test_separators_are_every_space_and_dash_and_the_dots():
    found = classes()
    assert set(found.spaces + found.dashes) == every(("Zs", "Zl", "Zp", "Pd"))  # the planes scanned hold them all
    for dot in ".·・•‧∙⋅。":
        assert normalise(dot) in found.dots


def test_normalisation_keeps_the_lines_and_is_idempotent():
    raw = f"第一行{ZWSP}\n１３８　１２３４\u00ad５６７８……\n\ufeff第三行"
    text = normalise(raw)
    assert text.count("\n") == raw.count("\n")
    assert normalise(text) == text
    assert strip_ignored(text) == text


@pytest.mark.parametrize(
    ("raw", "column"),
    [
        (f"户主王某身份证号530925{ZWSP}19800101{ZWSP}0013", 9),
        ("省略……身份证号530925198001010013", 9),  # … becomes ... under NFKC: three characters for one
        (f"\ufeff{ZWSP}\u200d㈱身份证号530925198001010013", 9),  # ㈱ becomes (株)
        ("ｅ\u0301身份证号530925198001010013", 7),  # a combining mark composes
    ],
)
def test_column_is_counted_in_the_text_as_written(raw, column):
    st = ScanText.of(f"第一行\n{raw}", 20)
    (hit,) = find_numbers(st, TODAY)
    assert st.line_of(hit.start) == 21
    assert st.column_of(hit.start) == column
    assert raw[column - 1 :].lstrip("\u200b").startswith("530925")


def test_offset_map_points_every_character_back():
    raw = f"a…{ZWSP}１㈱"
    norm = normalise(raw)
    assert norm == "a...1(株)"
    assert offset_map(raw, norm) == [0, 1, 1, 1, 3, 4, 4, 4, 5]


# --- issue examples and their kinds: invisible characters inside numbers --------------------------------------

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064"]
INVISIBLE += ["\ufeff", "\u00ad", "\u202a", "\u202c", "\u202e", "\u2066", "\u2069", "\u180e", "\U000e0020"]


def test_issue_example_id_with_zero_width_spaces(tmp_path):
    body = f"户主王某身份证号530925{ZWSP}19800101{ZWSP}0011"
    make_repo(tmp_path, {"名单": item_text(body)})
    code, out = validate(tmp_path, "json")
    assert code == 1
    (finding,) = [f for f in findings(tmp_path) if f["code"] == "S03"]
    assert finding["line"] == BODY_LINE
    assert "第 12 行第 9 个字起有身份证号 530925[U+200B]********[U+200B]0011" in finding["message"]
    assert "零宽空格 U+200B" in finding["message"]
    assert "19800101" not in out and "530925198001010011" not in out


@pytest.mark.parametrize("ch", INVISIBLE)
def test_any_invisible_character_inside_an_id(ch):
    text = f"身份证号5309{ch}2519{ch}7506{ch}120328，已核实。"
    marker = f"[U+{ord(ch):04X}]"
    assert hits(text) == [("S03", f"5309{marker}25**{marker}****{marker}**0328")]


@pytest.mark.parametrize("ch", INVISIBLE)
def test_any_invisible_character_inside_a_phone_or_card(ch):
    assert codes(f"联系人李某，手机139{ch}1234{ch}5678。") == ["S05"]
    assert codes(f"补贴打入6228{ch}4800{ch}1234{ch}5678{ch}903") == ["S04"]
    assert codes(f"有需要的群众请拨打1{ch}3{ch}7{ch}8{ch}7{ch}6{ch}5{ch}4{ch}3{ch}2{ch}1") == ["S05"]


def test_invisible_characters_in_words_and_markings_are_shown(tmp_path):
    body = f"秘密{ZWSP}★1年\n\n本通报内部\u2060传阅。\n\n村里拟\u00ad于下周开会。"
    make_repo(tmp_path, {"会议": item_text(body)})
    found = {f["code"]: f for f in findings(tmp_path)}
    assert found["S02"]["line"] == 12 and "秘密[U+200B]★1年" in found["S02"]["message"]
    assert found["S06"]["line"] == 14 and "内部[U+2060]传阅" in found["S06"]["message"]
    assert found["S07"]["line"] == 16 and "拟[U+00AD]于" in found["S07"]["message"]


@pytest.mark.parametrize(
    "text",
    [
        f"全乡共有{ZWSP}1380户农户参加了医疗保险。",
        f"项目编号2026{ZWSP}1125{ZWSP}0001{ZWSP}2345，已完成招投标。",
        f"本月兑付补贴资金12{ZWSP}345.67元。",
        f"身份证号已隐去（530925{ZWSP}********{ZWSP}0013）。",
        f"联系电话：0879-8123{ZWSP}456（党政办）。",
    ],
)
def test_invisible_characters_do_not_make_numbers(text):
    assert hits(text) == []


# --- 2. an ID number at the head of a longer run, beside a certificate word ------------------------------------


def test_issue_example_disability_certificate():
    assert hits("残疾人证号 53092519800101123542") == [("S03", "530925********1235**")]


@pytest.mark.parametrize(
    "text",
    [
        "残疾人证号：53092519800101123642，残疾类别为肢体。",
        "持残疾证（证号5309251975061203282）的罕某已申请护理补贴。",
        "社会保障卡号53090219900615234401，已激活。",
        "医保卡号53012119850315456001的参保人已缴费。",
        "户口簿上的号码11010119900307803X41与系统不一致。",
        "残疾人证号：5309 2519 5509 0987 6122，已换证。",
        "居住证号码53092520100203451302已核发。",
        "老年证号53092519550909876101已年审。",
        "优待证53092519550909876101，享受优待政策。",
        "残疾人证编号53092519800101123542已录入。",  # a generic word after the certificate word
        "社保卡的编号53092519800101123542",
        "医保编号：53262619681120117201",
    ],
)
def test_ids_inside_certificate_numbers(text):
    assert codes(text) == ["S03"]


@pytest.mark.parametrize(
    "text",
    [
        "订单号53092519800101123542已完成配送。",
        "项目代码 53092519800101123542 已备案。",
        "53092519800101123542",
        "交易流水53092519800101123542如有异常请联系。",
        "残疾人证办理20户，证书编号从53092520261125000001开始。",
        "残疾证号53092520301301123542有误。",  # no real birth date: not an ID
        "许可证号530925198001011236已公示。",
        "项目编号53092519800101123542已立项。",  # shaped like an ID, wrong check digit, another purpose
        "系统生成的随机码530925198001011236已作废。",
    ],
)
def test_long_runs_without_a_certificate_word_stay_quiet(text):
    assert hits(text) == []


def test_message_names_the_certificate(tmp_path):
    make_repo(tmp_path, {"残疾": item_text("第一段。\n\n王某残疾人证号：53092519800101123542，已年审。")})
    (finding,) = findings(tmp_path)
    assert finding["code"] == "S03" and finding["line"] == 14
    assert "530925********1235**（写在“残疾人证号”旁）前 18 位是身份证号" in finding["message"]
    assert "某" in finding["message"]


# --- 3. card words as villagers write them, as data -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "惠农一卡通：6228480012345678901",
        "农信社卡6228480012345678902，户名王某。",
        "惠农卡6217991234567890127已挂失补办。",
        "补贴发放到一卡通 6221 8800 1234 5678 915。",
        "信用社卡6231901234567890127。",
        "王某的农行卡6212261234567890121已冻结。",
        "邮储卡：6228480012345678914。",
        "请把补助打到建行卡 6217-9912-3456-7890-127。",
        "社保卡 6228480012345678906 的金融账户已激活。",
        "村镇银行卡6231901234567890127，开户人岩某。",
        "农商行6221880012345678915是补贴账户。",
        "一折通6217991234567890127，补贴已到账。",
        "富滇银行借记卡6217991234567890127",
        "邮政卡6228480012345678906",
        "信合卡6228480012345678906，户主岩某。",
        "补贴资金已发放到6228480012345678906",
        "请核对6228480012345678906是否到账。",
        "兴业银行卡 6228 4800 1234 5678 906",
        "农发行6228480012345678906",
        "养老金卡6228480012345678906已激活。",
    ],
)
def test_card_words_villagers_use(text):
    assert codes(text) == ["S04"]


@pytest.mark.parametrize(
    "text",
    [
        "通过一卡通发放资金1234567元",
        "今年通过惠农一卡通发放各类补贴资金共计12345678元。",
        "惠农卡发放批次号2026112500012345，涉及农户128户。",
        "农行勐往营业所电话0879-8123456。",
        "信用社发放贷款资金12,345,678元。",
        "邮储银行流水号6228480012345678906已作废。",
        "一卡通平台项目编号20261125000123456789已上线。",
        "发放到户资金1234567890123456元。",
        "通过一卡通发放1234567890123456笔",
        "本次共发放一卡通6228张，涉及资金480012345678元。",
        "农行卡号请勿在信息中公开，一卡通账号请只写尾号。",
        "农行卡尾号8906的户主请到村委会核对。",
    ],
)
def test_money_and_serials_beside_card_words_stay_quiet(text):
    assert hits(text) == []


def test_card_words_come_from_rules_yaml(tmp_path):
    number = "6228480012345678906"  # fails Luhn: found only beside a card word
    make_repo(tmp_path, {"补贴": item_text(f"兴边富民卡{number}已发放。")})
    assert findings(tmp_path) == []
    rules = RULES + "  labels:\n    card: [兴边富民卡]\n"
    make_repo(tmp_path, {"补贴": item_text(f"兴边富民卡{number}已发放。")}, rules)
    assert [f["code"] for f in findings(tmp_path)] == ["S04"]
    # the office's list replaces that kind: 一卡通 is no longer a card word, bank names still are
    make_repo(tmp_path, {"补贴": item_text(f"一卡通{number}，农行{number}")}, rules)
    assert [f["line"] for f in findings(tmp_path)] == [BODY_LINE]


def test_bad_labels_in_rules_yaml_are_reported(tmp_path):
    make_repo(tmp_path, {}, RULES + "  labels:\n    cards: [工资卡]\n    bank: 农行\n")
    messages = [f["message"] for f in findings(tmp_path) if f["code"] == "R01"]
    assert any("不认识的种类“cards”" in m for m in messages)
    assert any("scan.labels.bank应是文字列表" in m for m in messages)
    assert load_rules(tmp_path).rules.scan.labels == DEFAULT_LABELS


def test_the_shipped_rules_yaml_lists_the_defaults():
    assert load_rules(ROOT).rules.scan.labels == DEFAULT_LABELS


# --- 4. phones -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "联系电话139.1234.5678，欢迎咨询。",
        "报名请联系王老师：138·1234·5678。",
        "村医电话159・1234・5678。",
        "咨询电话：133—1234—5678",
        "联系方式：136．1234．5678",
        "报名电话189\u20091234\u20095678（工作日）。",
        "报名电话189\u30001234\u30005678",
        "热线 188\u00a01234\u00a05678",
        "电话139 - 1234 - 5678",
        "电话139–1234-5678",  # an en dash and a hyphen: both dashes
        "手机 1 3 9 1 2 3 4 5 6 7 8",  # spaced out one by one
        "电话139\u20281234\u20285678",  # line separator (Zl)
    ],
)
def test_phones_with_dots_dashes_and_spaces(text):
    assert codes(text) == ["S05"]


@pytest.mark.parametrize(
    "text",
    ["+86 139 1234 5678", "+86-139-1234-5678", "0086 13912345678", "(+86)139 1234 5678", "+8613912345678"],
)
def test_country_code_stays_outside_the_mask(text):
    assert hits(f"联系人李某，手机 {text}") == [("S05", "+86 139****5678")]


@pytest.mark.parametrize(
    "text",
    [
        "本次投入资金12345678901.50元用于道路硬化。",
        "系统版本号13.9.1234已升级。",
        "项目总投资139.1234万元，已完成75%。",
        "会议时间2026.11.25 14:30。",
        "IP地址10.139.123.45为村委会办公网络。",
        "第1 2 3 4 5 6 7 8 9 10 11名",
        "1 2 3 4 5 6 7 8 9 1 0 1 1",
    ],
)
def test_dotted_numbers_that_are_not_phones(text):
    assert hits(text) == []


# --- 7. what the reporter reads ---------------------------------------------------------------------------------


def test_messages_name_the_kind_line_masked_value_and_the_fix(tmp_path):
    body = "第一段。\n\n户主身份证号530925198001010013。\n惠农一卡通：6228480012345678901\n联系电话：+86 139 1234 5678"
    make_repo(tmp_path, {"名单": item_text(body)})
    found = {f["code"]: f for f in findings(tmp_path)}
    s03, s04, s05 = found["S03"], found["S04"], found["S05"]
    assert (s03["line"], s04["line"], s05["line"]) == (14, 15, 16)
    assert s03["message"].startswith("第 14 行第 7 个字起有身份证号 530925********0013：")
    assert "删除这个号码" in s03["message"] and "“王某”" in s03["message"]
    assert s04["message"].startswith("第 15 行第 7 个字起有银行卡号或账号 622848*********8901：")
    assert "请删除这个号码" in s04["message"] and "“尾号 8901”" in s04["message"]
    assert s05["message"].startswith("第 16 行第 6 个字起有手机号 +86 139****5678：")
    assert "请删除" in s05["message"] and "“尾号 5678”" in s05["message"]


def test_where_in_titles_tags_and_for_words(tmp_path):
    text = item_text("第一段。\n\n……本通报内部\u200b传阅。", title="会议通报联系人电话139.1234.5678")
    text = text.replace("sensitivity: 公开\n", "sensitivity: 公开\ntags: [电话 13912345678]\n")
    make_repo(tmp_path, {"会议": text})
    found = sorted((f["code"], f["line"], f["message"]) for f in findings(tmp_path))
    messages = [m for _, _, m in found]
    assert any(m.startswith("第 2 行（title 的第 10 个字起）有手机号 139****5678") for m in messages), messages
    assert any(m.startswith("第 11 行（tags 里）有手机号 139****5678") for m in messages), messages
    assert any(m.startswith("第 15 行第 6 个字起有需要注意的词语“内部[U+200B]传阅”") for m in messages), messages
