"""S01–S07 and the labelled corpus: what a secrecy officer needs the validator to catch, and not more."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from baosong.checks.sensitive_corpus import load_corpus, score
from baosong.scan.mask import mask
from baosong.scan.numbers import find_numbers
from baosong.scan.text import ScanText
from baosong.scan.validators import is_legacy_id, is_resident_id
from helpers_sensitive import RULES, findings, item_text, make_repo, validate

CORPUS = Path(__file__).parent / "corpus" / "sensitive"
TODAY = date(2026, 11, 25)
ID = "530925198001010013"  # a real Yunnan county (python-stdnum's is_valid rejects it), valid check digit
CARD = "6222021234567890128"  # Luhn-valid
MOBILE = "13812345678"


def codes(text: str, today: date = TODAY, allow: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [(h.code, h.excerpt) for h in find_numbers(ScanText.of(text, 1), today, allow)]


# --- the labelled corpus ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_scores():
    corpus = load_corpus(CORPUS)
    return corpus, score(corpus, TODAY)


def test_corpus_is_big_enough(corpus_scores):
    corpus, _ = corpus_scores
    positives = [ex for ex in corpus.examples if ex.codes]
    near_misses = [ex for ex in corpus.examples if not ex.codes]
    assert len(positives) >= 150
    assert len(near_misses) >= 150


@pytest.mark.parametrize("code", ["S02", "S03", "S04"])
def test_corpus_recall_is_complete_for_markings_ids_and_cards(corpus_scores, code):
    _, scores = corpus_scores
    assert scores.tp[code] >= 25
    missed = [ex.text for ex, got in scores.misses if code in ex.codes and code not in got]
    assert missed == []


def test_corpus_precision(corpus_scores):
    _, scores = corpus_scores
    wrong = [(ex.source, ex.text, sorted(got)) for ex, got in scores.misses if got - ex.codes]
    assert scores.precision() >= 0.98, wrong


# --- validators and numbers --------------------------------------------------------------------------------


def test_resident_id_uses_check_digit_and_birth_date_not_the_county_table():
    assert is_resident_id(ID, TODAY)
    assert not is_resident_id(ID[:-1] + "4", TODAY)  # wrong check digit
    assert is_resident_id("11010119900307803X", TODAY)
    assert is_resident_id("11010119900307803x", TODAY)
    assert not is_resident_id("530925202712010015", TODAY)  # born after today
    assert not is_resident_id("530925199002300010", TODAY)  # 30 February


def test_legacy_id_needs_an_id_word():
    assert is_legacy_id("530925800101001", TODAY)
    assert codes("老人身份证号530925800101001已换领") == [("S03", "530925*****1001")]
    assert codes("设备编号530925800101001已登记") == []


def test_numbers_after_nfkc_and_split_by_spaces_or_hyphens():
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in ID)
    assert codes(f"身份证号{full_width}") == [("S03", "530925********0013")]
    assert codes("身份证号 5309 2519 8001 0100 13") == [("S03", "530925********0013")]
    assert codes("电话 138 1234 5678") == [("S05", "138****5678")]
    assert codes("电话 138-1234-5678") == [("S05", "138****5678")]
    assert codes("电话：１３８　１２３４　５６７８") == [("S05", "138****5678")]
    assert codes("2026-11-25 13812345678 来电") == [("S05", "138****5678")]


def test_digit_lookarounds_not_word_boundaries():
    assert codes(f"手机{MOBILE}号") == [("S05", "138****5678")]  # \b would never fire between 机 and 1
    assert codes(f"2{MOBILE}") == []  # 12 digits: not a mobile
    assert codes(f"{MOBILE}.5") == []  # a decimal
    assert codes("金额12,345.67元，日期20261125") == []


def test_bank_cards_luhn_or_beside_card_words():
    assert codes(f"补贴打入{CARD}") == [("S04", "622202*********0128")]
    failing = CARD[:-1] + "3"
    assert codes(f"转给{failing}") == []
    assert codes(f"银行卡号{failing}") == [("S04", "622202*********0123")]
    assert codes(f"账号：{failing}") == [("S04", "622202*********0123")]
    assert codes(f"订单号{CARD}") == []


def test_luhn_valid_serials_that_begin_with_a_date_are_not_cards():
    from stdnum import luhn

    dated = "202611250001234"
    dated += luhn.calc_check_digit(dated)
    assert codes(f"办件{dated}") == []
    assert codes(f"卡号{dated}") == [("S04", mask(dated))]
    plain = "622848781234567"
    plain += luhn.calc_check_digit(plain)
    assert codes(f"转给{plain}") == [("S04", mask(plain))]


def test_mobile_near_misses_and_allow_list():
    assert codes("编号13812345678") == []
    assert codes("全年投入15000000000元") == []
    assert codes("12345678901") == []
    assert codes(f"党政办电话{MOBILE}", allow=frozenset({MOBILE})) == []


def test_uscc_is_not_an_id():
    # An all-digit 统一社会信用代码 that happens to look like an ID is left alone beside 信用代码.
    assert codes("统一社会信用代码：91530925MA6K12345X") == []


def test_mask_keeps_only_the_ends():
    assert mask(ID) == "530925********0013"
    assert mask(MOBILE) == "138****5678"
    assert mask(CARD) == "622202*********0128"


# --- through the validator ---------------------------------------------------------------------------------


def by_code(found: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in found:
        out.setdefault(f["code"], []).append(f)
    return out


def test_findings_give_file_line_and_field(tmp_path):
    body = "第一段。\n\n户主身份证号" + ID + "，联系电话" + MOBILE + "。\n\n秘密★1年\n\n乡里拟于12月开工。"
    make_repo(tmp_path, {"会议": item_text(body, title="会议通报" + MOBILE[:3] + " " + MOBILE[3:])})
    found = by_code(findings(tmp_path))
    # front matter is lines 1–11; the body starts on line 12
    assert [f["line"] for f in found["S03"]] == [14]
    assert sorted((f["line"], f["field"]) for f in found["S05"]) == [(2, "title"), (14, None)]
    assert found["S02"][0]["line"] == 16 and found["S02"][0]["severity"] == "error"
    assert found["S07"][0]["line"] == 18 and found["S07"][0]["severity"] == "warning"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "github", "gitlab"])
def test_reports_never_repeat_the_sensitive_value(tmp_path, fmt):
    spaced_card = " ".join([CARD[:4], CARD[4:8], CARD[8:12], CARD[12:16], CARD[16:]])
    body = f"身份证号{ID}；银行卡号 {spaced_card}；手机 {MOBILE}；身份证{ID[:6]}-{ID[6:14]}-{ID[14:]}"
    make_repo(tmp_path, {"泄露": item_text(body)})
    code, out = validate(tmp_path, fmt)
    assert code == 1
    assert "530925********0013" in out and "138****5678" in out
    for value in (ID, CARD, MOBILE, spaced_card, ID[6:14], CARD[6:15], MOBILE[3:7]):
        assert value not in out


def test_s01_refused_levels_have_the_notice_instruction(tmp_path):
    make_repo(
        tmp_path,
        {
            "不宜公开": item_text("正文。", title="勐往村不宜公开的情况报告", sensitivity="不宜公开"),
            "涉密": item_text("正文。", title="勐往村涉密情况报告材料", sensitivity="机密"),
        },
    )
    found = by_code(findings(tmp_path))
    messages = sorted(f["message"] for f in found["S01"])
    assert len(messages) == 2
    assert any("纸质件加 U 盘" in m for m in messages)
    assert any("保密规定" in m for m in messages)
    assert "M03" not in found


def test_severity_and_off_come_from_rules(tmp_path):
    rules = RULES.replace("S05: warning", "S05: error").replace("S07: warning", "S07: off")
    make_repo(tmp_path, {"会议": item_text(f"电话{MOBILE}，拟于下周开工。")}, rules)
    found = by_code(findings(tmp_path))
    assert found["S05"][0]["severity"] == "error"
    assert "S07" not in found


def test_words_have_their_own_severity(tmp_path):
    make_repo(tmp_path, {"会议": item_text("本通报内部传阅。\n\n此稿未经审定。")})
    found = by_code(findings(tmp_path))
    assert sorted((f["line"], f["severity"]) for f in found["S06"]) == [(12, "error"), (14, "warning")]


def test_default_words_when_rules_list_none(tmp_path):
    make_repo(tmp_path, {"会议": item_text("名单请勿外传。")}, rules="scan:\n  allow: []\n")
    assert [f["code"] for f in findings(tmp_path)] == ["S06"]


def test_allow_list_from_rules(tmp_path):
    rules = RULES.replace("allow: []", 'allow: ["138-1234-5678"]')
    make_repo(tmp_path, {"会议": item_text(f"党政办公开电话{MOBILE}，欢迎监督。")}, rules)
    assert findings(tmp_path) == []


@pytest.mark.parametrize(
    "text",
    [
        "绝密★启用前",
        "机密★1年",
        "秘密★10年",
        "秘密 ★ 10 年",
        "机密☆5年",
        "**绝密**★启用前",
        "秘密＊1年",
        "密级：秘密",
        "内部资料 注意保存",
        "【内部资料】",
        "本材料为内部资料",
    ],
)
def test_markings(text):
    from baosong.scan.markings import find_markings

    assert find_markings(ScanText.of(text, 1))


@pytest.mark.parametrize(
    "text",
    [
        "依法保护企业商业秘密",
        "保守国家秘密",
        "了解绝密档案背后的故事",
        "他保守秘密30年如一日",
        "提醒群众注意保存好收据",
        "强调内部资料要妥善保管",
        "会议提醒内部资料注意保存",
    ],
)
def test_prose_about_secrets_is_not_a_marking(text):
    from baosong.scan.markings import find_markings

    assert find_markings(ScanText.of(text, 1)) == []


def test_harmless_prose_passes(tmp_path):
    body = (
        "会议强调要依法保护企业商业秘密，保守国家秘密。消防演练模拟于深夜发生的火情。\n\n"
        "本次兑付补贴资金12,345.67元，订单号20261125000123456，党政办电话0879-8123456。"
    )
    make_repo(tmp_path, {"会议": item_text(body)})
    assert findings(tmp_path) == []


def test_numbers_in_the_file_name_are_found(tmp_path):
    """The page's address is made from the file name (the form makes it from the title): S03–S05 read it too,
    say where and how to fix it, and the excerpt stays masked (the path itself is the reporter's own file)."""
    make_repo(
        tmp_path,
        {
            f"联系{MOBILE}": item_text("乡里召开会议。", title="联系电话的会议通报"),
            f"户主{ID}": item_text("乡里召开会议。", title="户主信息核查通报"),
            "第13957批": item_text("乡里召开会议。", title="第一批会议通报"),  # not a number to report
        },
    )
    found = by_code(findings(tmp_path))
    (s05,) = found["S05"]
    assert s05["field"] == "文件名" and s05["line"] is None and s05["path"].endswith(f"联系{MOBILE}.md")
    assert "文件名第 14 个字起" in s05["message"] and "请改文件名" in s05["message"]
    assert "138****5678" in s05["message"] and MOBILE not in s05["message"]
    (s03,) = found["S03"]
    assert s03["field"] == "文件名" and "530925********0013" in s03["message"]
    assert not any("第13957批" in f["path"] for codes in found.values() for f in codes)


def test_may_be_personal_never_skips_what_classify_would_report():
    """find_numbers asks may_be_personal before it looks up labels: it must say True wherever some label would make
    classify report the digits (IDs with and without a right check digit, old IDs, cards, mobiles, noise)."""
    import itertools
    import random

    from baosong.scan.numbers import Labels, classify, may_be_personal

    rng = random.Random(11)
    samples = [ID, ID[:17] + "X", ID[:17] + "1", ID + "12", "530925800101001", CARD, CARD[:16], MOBILE, "86" + MOBILE]
    for _ in range(4000):
        n = rng.choice([11, 13, 15, 16, 17, 18, 19, 20, 21, 24])
        digits = "".join(rng.choice("0123456789") for _ in range(n))
        samples += [digits, digits[:17] + "X" + digits[18:] if n >= 18 else digits]
    kinds = ["id", "certificate", "card", "uscc", "other", "phone"]
    label_sets = [frozenset(c) for r in range(3) for c in itertools.combinations(kinds, r)]
    reported = 0
    for digits in samples:
        if may_be_personal(digits, TODAY):
            continue
        for nearest, every, quantity in itertools.product(label_sets, label_sets, (False, True)):
            assert classify(digits, Labels(nearest, nearest | every, quantity), TODAY) is None, (digits, nearest, every)
    for digits in samples:
        reported += any(
            classify(digits, Labels(s, s, False), TODAY) for s in label_sets
        )  # the test would fail if may_be_personal said False for these
    assert reported > 100


def test_m11_repeats_a_follows_value_with_its_number_masked(tmp_path):
    """A follows value naming a file with a phone (the site publishes such a page under a masked name, so the
    reporter may copy that): the message says which value is wrong without repeating the number."""
    text = item_text("乡里召开会议。", title="山体滑坡处置进展续报").replace(
        "sensitivity: 公开\n", f"sensitivity: 公开\nfollows: mengwang/2026/2026-11-20-联系{MOBILE}\n"
    )
    make_repo(tmp_path, {"续报": text})
    (m11,) = by_code(findings(tmp_path))["M11"]
    assert "联系138****5678" in m11["message"] and MOBILE not in m11["message"]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("联系139-5724_6813", "S05"),  # a dash and an underscore: one kind of separator
        ("联系139~5724-6813", "S05"),
        ("户主530925-19800101_0013", "S03"),
    ],
)
def test_underscores_and_tildes_split_like_dashes(written, code):
    for key in ("title", "文件名", None):
        hits = find_numbers(ScanText.of(written, 1, key), TODAY)
        assert [h.code for h in hits] == [code], (key, hits)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("勐往村联系人139－5724－6813召开会议", "勐往村联系人-召开会议"),  # full-width dashes
        ("值班电话139．5724．6813", "值班电话"),
        ("联系+86 139 5724 6813", "联系"),
        ("户主53092519800101001x核查", "户主-核查"),
        ("第1357924批救助资金", "第1357924批救助资金"),  # seven digits: not a personal number
    ],
)
def test_slugs_leave_personal_numbers_out(title, slug):
    from baosong.township.paths import suggest_name
    from baosong.write.new import slug_for

    assert slug_for(title, 60) == slug
    assert suggest_name(f"2026-11-25-{title}.md") == f"2026-11-25-{slug}.md"


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_reports_people_read_mask_a_number_in_a_file_name(tmp_path, fmt):
    """A CI log and a PR comment name the file with its number masked; JSON keeps the real path for tools."""
    make_repo(
        tmp_path,
        {
            f"联系{MOBILE}": item_text("乡里召开会议。", title="联系电话的会议通报"),
            "会议（一）": item_text("乡里召开会议。"),
        },
    )
    _, out = validate(tmp_path, fmt)
    assert "2026-11-24-联系138****5678.md" in out and MOBILE not in out
    _, data = validate(tmp_path, "json")
    assert f"联系{MOBILE}.md" in data
