"""The browser's content scanners (site/form/assets/scan.js) against the Python ones, in Debian's Chromium.

Issue 16, deliverable 3: the labelled corpus of tests/corpus/sensitive/ (corpus.tsv, pasted.tsv,
reader.tsv, browser.tsv, with the corpus's ``!allow`` lines) goes through scan.js with the data
``scanner_data(rules)`` generates, and through the checks validate runs (``ITEM_CHECKS`` S02–S07) on the
body and, for one-line examples, on the title. Every case must give the same findings: code, severity,
line, and the message with its masked excerpt (where Python names the file line and key, the form says
正文/标题).
"""

from __future__ import annotations

import json
import random
import re
from datetime import date
from pathlib import Path

import pytest

from baosong.checks.registration import ITEM_CHECKS, Context
from baosong.checks.sensitive_corpus import load_corpus
from baosong.site.form.scanner_data import SCAN_JS, scan_assets, scanner_data
from baosong.township.items import Item
from baosong.township.rules import Rules, ScanConfig, Word
from helpers_site import chromium

pytestmark = [pytest.mark.browser]

CORPUS = Path(__file__).parent / "corpus" / "sensitive"
TODAY = date(2026, 11, 25)
CODES = ("S02", "S03", "S04", "S05", "S06", "S07")
TITLE_LINE = 2
BODY_LINE = 9


@pytest.fixture(scope="module")
def page():
    with chromium() as browser:
        context = browser.new_context(locale="zh-CN")
        pg = context.new_page()
        outside: list[str] = []
        pg.route("**/*", lambda r: (outside.append(r.request.url), r.abort()))
        pg.set_content("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>")
        pg.add_script_tag(content=SCAN_JS.read_text(encoding="utf-8"))
        yield pg
        context.close()
        assert outside == [], f"scan.js asked the network for {outside}"


def python_findings(text: str, field: str, rules: Rules) -> list[tuple]:
    """What validate reports for ``text`` as the body (or the title), in the form's wording."""
    ctx = Context(Path("."), None, rules, TODAY)
    if field == "title":
        item = Item("submissions/corpus/2026/2026-11-25-t.md", {"title": text}, {"title": TITLE_LINE}, "", BODY_LINE)
    elif field == "tags":
        item = Item("submissions/corpus/2026/2026-11-25-g.md", {"tags": text.split(" ")}, {"tags": TITLE_LINE}, "", 9)
    else:
        item = Item("submissions/corpus/2026/2026-11-25-b.md", {}, {}, text, BODY_LINE)
    out = []
    for code in CODES:
        for f in ITEM_CHECKS[code](item, ctx):
            message = f.message
            if field == "title":
                message = re.sub(r"^第 \d+ 行（title 的第 (\d+) 个字起）", r"标题第 \1 个字起", message)
            elif field == "tags":
                message = re.sub(r"^第 \d+ 行（tags 里）", "标签里", message)
            else:
                message = "正文" + message
            out.append((f.code, f.severity, f.line, message))
    return sorted(out)


def browser_findings(page, cases: list[dict], data: dict) -> list[list[tuple]]:
    got = page.evaluate(
        """([cases, data]) => cases.map((c) => window.baosongScan.scan(c.text, data, c.opts))""", [cases, data]
    )
    return [sorted((f["code"], f["severity"], f["line"], f["message"]) for f in findings) for findings in got]


def compare(page, examples: list[tuple[str, str]], rules: Rules) -> tuple[list[str], int]:
    """Run ``examples`` ((source, text)) as body and, when one line, as title; the differing rows and the count."""
    data = scanner_data(rules)
    cases, sources = [], []
    for source, text in examples:
        cases.append({"text": text, "opts": {"field": "body", "firstLine": BODY_LINE, "today": TODAY.isoformat()}})
        sources.append((source, "body", text))
        title = text.strip()
        if "\n" not in text and title:
            cases.append(
                {"text": title, "opts": {"field": "title", "firstLine": TITLE_LINE, "today": TODAY.isoformat()}}
            )
            sources.append((source, "title", title))
    got = browser_findings(page, cases, data)
    rows = []
    for (source, field, text), js in zip(sources, got, strict=True):
        py = python_findings(text, field, rules)
        if py != js:
            rows.append(f"{source:<18} {field:<5} {text[:40]!r}\n    python:  {py}\n    browser: {js}")
    return rows, len(cases)


def test_the_labelled_corpus_gives_the_same_findings_in_the_browser(page):
    corpus = load_corpus(CORPUS)
    names = {ex.source.split(":")[0] for ex in corpus.examples}
    rules = Rules(scan=ScanConfig(allow=tuple(corpus.allow)))
    rows, count = compare(page, [(ex.source, ex.text) for ex in corpus.examples], rules)
    assert not rows, f"{len(rows)} of {count} cases differ:\n" + "\n".join(rows)
    assert count > len(corpus.examples)  # the one-line examples ran as titles too
    assert {"corpus.tsv", "pasted.tsv", "reader.tsv", "browser.tsv"} <= names


def test_findings_carry_masked_numbers_and_the_fix(page):
    rules = Rules(scan=ScanConfig(allow=()))
    text = "户主王某身份证号530925\u200b19800101\u200b0013，手机＋８６ 139 1234 5678。"
    got = page.evaluate("([t, d]) => window.baosongScan.scan(t, d, {today: '2026-11-25'})", [text, scanner_data(rules)])
    by_code = {f["code"]: f for f in got}
    assert by_code["S03"]["excerpt"] == "530925[U+200B]********[U+200B]0013"
    assert "零宽空格 U+200B" in by_code["S03"]["message"] and "王某" in by_code["S03"]["message"]
    assert by_code["S05"]["excerpt"] == "+86 139****5678"
    assert "尾号 5678" in by_code["S05"]["message"] and by_code["S05"]["severity"] == "warning"
    assert all("19800101" not in f["message"] and "1234" not in f["excerpt"] for f in got)


def test_rules_severities_words_and_allow_reach_the_browser(page):
    rules = Rules(
        scan=ScanConfig(
            severity={"S05": "off", "S07": "error"},
            words=(Word("内部掌握", "error", "内部掌握的情况不能报送"),),
            allow=("0871-6512 3456", "13908790000"),
        )
    )
    examples = [
        ("rules:1", "此事内部掌握，村里拟于下周开会。"),
        ("rules:2", "咨询电话0871-6512 3456，手机13908790000、13812345678。"),
        ("rules:3", "本材料请勿外传。"),  # a default word that these rules do not list
    ]
    rows, _ = compare(page, examples, rules)
    assert not rows, "\n".join(rows)
    got = page.evaluate("([t, d]) => window.baosongScan.scan(t, d)", [examples[0][1], scanner_data(rules)])
    assert sorted((f["code"], f["severity"]) for f in got) == [("S06", "error"), ("S07", "error")]


def test_the_data_is_safe_inside_a_script_element(page):
    hostile = "</script><script>window.pwned=1</script><!--"
    advice = "&lt;b&gt; \u2028 \u2029"
    rules = Rules(scan=ScanConfig(words=(Word(hostile, "error", advice),), allow=("<b>13812345678</b>",)))
    js_text, json_text = scan_assets(rules)
    assert js_text == SCAN_JS.read_text(encoding="utf-8")
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in json_text
    assert json.loads(json_text) == json.loads(json.dumps(scanner_data(rules)))
    page.set_content(
        "<!doctype html><html><head><meta charset='utf-8'></head><body>"
        f'<script type="application/json" id="bs-scan-data">{json_text}</script></body></html>'
    )
    page.add_script_tag(content=js_text)
    word, pwned, found = page.evaluate(
        """() => {
            const data = JSON.parse(document.getElementById("bs-scan-data").textContent);
            return [data.words.byText[Object.keys(data.words.byText)[0]][0], window.pwned === undefined ? null : 1,
                    window.baosongScan.scan("开头</script><script>window.pwned=1</script><!--结尾", data).map(f => f.code)];
        }"""
    )
    assert word == hostile and pwned is None and found == ["S06"]


def test_data_size(capsys):
    _, json_text = scan_assets(Rules())
    size = len(json_text.encode("utf-8"))
    print(f"scanner data: {size} bytes")
    assert 0 < size < 40_000  # shipped with every form page


def test_scan_js_is_plain_es2020_without_network():
    js = SCAN_JS.read_text(encoding="utf-8")
    for forbidden in ("fetch(", "XMLHttpRequest", "import(", "eval(", "new Function", "WebSocket", "sendBeacon"):
        assert forbidden not in js
    assert "window.baosongScan" in js


def test_long_bodies_are_capped_like_validate(page):
    """At most ``MAX_PER_CODE`` findings per code, one per excerpt and line, in the same order of lines."""
    lines = [f"第{i}户联系电话1381234{i:04d}，身份证号530925198001010013。" for i in range(70)]
    rows, _ = compare(page, [("many:1", "\n".join(lines)), ("many:2", "手机13812345678 " * 80)], Rules())
    assert not rows, "\n".join(rows)
    got = page.evaluate("([t, d]) => window.baosongScan.scan(t, d)", ["\n".join(lines), scanner_data(Rules())])
    assert [f["code"] for f in got].count("S05") == 50 and [f["code"] for f in got].count("S03") == 50
    assert page.evaluate(
        "(d) => [window.baosongScan.scan('', d), window.baosongScan.scan(null, d)]", scanner_data(Rules())
    ) == [[], []]


# Pieces of what reporters paste: numbers, labels, separators, invisible characters, references, markup, markings.
PIECES = [
    "530925198001010013", "11010119900307803x", "6228480012345678903", "6228480012345678901", "13812345678",
    "13908790000", "+86", "0086", "86", "卡号", "身份证号", "手机", "编号", "金额", "元", "户", "残疾人证号",
    "统一社会信用代码", "91530000MA6N1X2Y3Z", " ", "\u3000", "\u00a0", "-", "–", ".", "·", "/", "_", "~", "\u200b",
    "\u2060", "\ufeff", "\u00ad", "\u202e", "\U000e0041", "\n", "\n\n", "\t", "&#51;", "&amp;", "&nbsp;", "&#x31;",
    "&notin;", "&zwj;", "\\-", "\\*", "**", "*", "`", "~~", "==", "^", "[", "](#)", "]", "１２３", "５３０９", "٣",
    "📞", "👨\u200d👩", "e\u0301", "ﬁ", "秘密★1年", "内部资料", "注意保存", "不得外传", "拟于", "讨论稿", "不得报送",
    "尚未决定", "，", "。", "：", "（", "）", "12", "345", "6789", "2026", "1", "0", "X", "x", "\r", "#", ">", "|",
]  # fmt: skip


def test_random_pastes_give_the_same_findings(page):
    """Texts put together at random from ``PIECES`` (seeded): the corpus cannot list every combination."""
    rng = random.Random(16)
    examples = [(f"random:{k}", "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))) for k in range(800)]
    rules = Rules(scan=ScanConfig(allow=("13908790000", "0871-6512 3456")))
    rows, count = compare(page, examples, rules)
    assert not rows, f"{len(rows)} of {count} cases differ:\n" + "\n".join(rows)
    found = {f[0] for _, text in examples for f in python_findings(text, "body", rules)}
    assert found == set(CODES)  # the random texts reach every scanner


def test_tags_are_scanned_as_validate_joins_them(page):
    rules = Rules()
    tags = "防汛 秘密★1年 联系13812345678 草案 内部传阅"
    want = python_findings(tags, "tags", rules)
    assert {f[0] for f in want} == {"S02", "S05", "S06", "S07"}
    got = browser_findings(
        page, [{"text": tags, "opts": {"field": "tags", "firstLine": TITLE_LINE}}], scanner_data(rules)
    )
    assert got == [want]


def test_a_title_is_read_stripped_as_validate_reads_it(page):
    rules = Rules()
    title = "\u3000 \t勐往村联系人手机13812345678\u00a0\u2028"
    want = python_findings(title.strip(), "title", rules)
    assert [f[3][:9] for f in want] == ["标题第 9 个字起"]
    got = browser_findings(
        page, [{"text": title, "opts": {"field": "title", "firstLine": TITLE_LINE}}], scanner_data(rules)
    )
    assert got == [want]
    assert browser_findings(page, [{"text": " \u3000 ", "opts": {"field": "title"}}], scanner_data(rules)) == [[]]


def test_the_office_s_own_labels_reach_the_browser_with_python_s_case_rules(page):
    labels = dict(ScanConfig().labels)
    labels["card"] = (*labels["card"], "Card No", "ACCT")
    labels["other"] = (*labels["other"], "Ref")
    rules = Rules(scan=ScanConfig(labels=labels))
    examples = [
        ("labels:1", "CARD NO 6228480012345678901 已登记。"),
        ("labels:2", "acct:6228480012345678901"),
        ("labels:3", "REF 6228480012345678903 已归档。"),
        ("labels:4", "card no 6228480012345678901"),
    ]
    rows, _ = compare(page, examples, rules)
    assert not rows, "\n".join(rows)
    assert [bool(python_findings(t, "body", rules)) for _, t in examples] == [True, True, False, True]
