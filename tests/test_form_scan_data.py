"""The scanner data scan.js runs on: regexes rewritten from Python (scan/jsregex.py) and tables from unicodedata.

The regex test runs each rewritten pattern in Chromium and compares every match with Python's ``re`` on
texts where the two engines differ by default (``$`` before a final line feed, Arabic-Indic digits for
``\\d``, U+001C and U+0085 for ``\\s``, ``ı`` and ``İ`` under IGNORECASE, ``\\r`` for ``.`` and ``^``).
"""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from baosong.scan import markings, numbers, reader
from baosong.scan.jsregex import PLANES, Unsupported, digit_ranges, to_js
from baosong.scan.validators import ID_CHECK_CHARS, ID_WEIGHTS
from baosong.site.form.scanner_data import scanner_data
from baosong.township.rules import Rules
from helpers_site import chromium

TEXTS = [
    "abc\n",
    "abc\ndef",
    "a\rb\r\nc",
    "x\u2028y",
    "\u0661\u0662\u0663 456 ١٢٣٤٥٦٧٨٩٠١",
    "a\x1cb\x85c\u3000d\u00a0e",
    "TEL tel Tel \u0130SBN \u0131sbn ISBN \u017fbn",
    "不得报送\n尚未决定",
    "内部资料\n  内部资料 ★\n#内部资料#",
    "秘密★1年 机密 5年 绝密启用前",
    '[1985](https://a.cn/x "t") &#51; &amp; &nbsp;',
]
PATTERNS = [
    (r"c$", 0),
    (r"^a", 0),
    (r"[^\n]+", 0),
    (r"^.+$", re.MULTILINE),
    (r"^.+$", 0),
    (r"\d+", 0),
    (r"\D+", 0),
    (r"\s+", 0),
    (r"\S+", 0),
    (r"[\d\s]+", 0),
    (r"tel|isbn", re.IGNORECASE),
    (r"a.b", 0),
    (r"a.b", re.DOTALL),
    (r"尚未决定\Z", 0),
    (r"\A不得", 0),
    (r"[^\n]{0,10}$", 0),
    (r"x{2,}|y{,3}|\{", 0),
]


def _python_matches(pattern: str, flags: int, text: str) -> list[list]:
    return [[m.start(), m.end()] for m in re.finditer(pattern, text, flags) if m.end() > m.start()]


def _exported(data: dict) -> list[tuple[str, int]]:
    lazy = [
        markings.MARKINGS,
        markings.DRAFTS,
        markings.RULE_QUOTE_BEFORE,
        markings.RULE_QUOTE_AFTER,
        markings.PROSE_BEFORE,
        numbers.RUN,
        numbers.LOOSE_RUN,
        numbers.COUNTRY_BEFORE,
        numbers.UNIT_AFTER,
        reader.NEEDS,
        reader.NEXT_STARTS,
        reader.ENDS,
        reader.LINK_TAIL,
        reader.CHAR_REF,
    ]
    return [(p.pattern() if callable(p.pattern) else p.pattern, p.flags) for p in lazy]


@pytest.mark.browser
def test_rewritten_patterns_match_what_python_matches():
    data = scanner_data(Rules())
    cases = PATTERNS + _exported(data) + [(p.pattern, p.flags & ~re.UNICODE) for p in _label_patterns()]
    sources = [to_js(p, f).as_dict() for p, f in cases]
    with chromium() as browser:
        page = browser.new_page()
        got = page.evaluate(
            """([sources, classes, texts]) => {
                const expand = (s) => s.split("\\ue000").join("[" + classes.digit + "]")
                    .split("\\ue001").join(classes.digit).split("\\ue002").join("[^" + classes.digit + "]")
                    .split("\\ue003").join("[" + classes.space + "]").split("\\ue004").join(classes.space)
                    .split("\\ue005").join("[^" + classes.space + "]");
                return sources.map((r) => texts.map((t) => {
                    const re = new RegExp(expand(r.source), r.flags + "g");
                    const out = [];
                    let m;
                    while ((m = re.exec(t))) {
                        if (m[0] === "") { re.lastIndex += 1; continue; }
                        // code point offsets, as Python counts
                        out.push([Array.from(t.slice(0, m.index)).length, Array.from(t.slice(0, m.index + m[0].length)).length]);
                    }
                    return out;
                }));
            }""",
            [sources, data["classes"], TEXTS],
        )
    diffs = []
    for (pattern, flags), per_text in zip(cases, got, strict=True):
        for text, js in zip(TEXTS, per_text, strict=True):
            py = _python_matches(pattern, flags, text)
            if py != js:
                diffs.append(f"{pattern[:60]!r} flags={flags} on {text!r}: python {py} browser {js}")
    assert not diffs, "\n".join(diffs)


def _label_patterns():
    from baosong.scan.labels import DEFAULT_LABELS, compile_labels

    return [p for _, p in compile_labels(DEFAULT_LABELS).patterns]


@pytest.mark.parametrize(
    "pattern", [r"(?P<x>a)", r"(a)\1", r"\bword", r"\w+", r"(?i:a)", r"(?m:^a)", r"[\D]", r"[\s\S]", r"\k"]
)
def test_constructs_the_browser_would_read_otherwise_are_refused(pattern):
    with pytest.raises(Unsupported):
        to_js(pattern)


def test_other_flags_are_refused():
    with pytest.raises(Unsupported):
        to_js("a", re.ASCII)
    with pytest.raises(Unsupported):
        to_js("a", re.VERBOSE)


def test_ignorecase_becomes_python_s_own_classes():
    source = to_js("i", re.IGNORECASE).source
    assert source == "[Iiİı]"


def test_unicode_tables_cover_what_python_knows():
    """Nd comes in runs of ten (scan.js takes a digit's value from its range) and every format character,
    decimal digit and cased letter lies in the planes the exporter reads."""
    for first, last in digit_ranges():
        assert (last - first + 1) % 10 == 0
        for code in range(first, last + 1):
            assert unicodedata.decimal(chr(code)) == (code - first) % 10
    outside = [
        code
        for code in range(0x110000)
        if code >> 16 not in PLANES
        and (unicodedata.category(chr(code)) in ("Cf", "Nd", "Lu", "Ll", "Lt") or unicodedata.combining(chr(code)))
    ]
    assert outside == []


def test_id_weights_agree_with_python_stdnum():
    """GB 11643: the exported weights and table give python-stdnum's check character (what validate uses)."""
    from stdnum.cn import ric

    rng = random.Random(16)
    for _ in range(2000):
        body = "".join(rng.choice("0123456789") for _ in range(17))
        ours = ID_CHECK_CHARS[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]
        assert ours == ric.calc_check_digit(body + "0")


def test_data_is_generated_from_the_rules():
    from baosong.township.rules import ScanConfig, Word

    rules = Rules(
        scan=ScanConfig(
            severity={"S05": "off"}, words=(Word("内部掌握", "error", "不能报送"),), allow=("138 0000 1111",)
        )
    )
    data = scanner_data(rules)
    assert data["severity"]["S05"] == "off" and data["severity"]["S03"] == "error"
    assert data["words"]["byText"] == {"内部掌握": ["内部掌握", "error", "不能报送"]}
    assert data["allowDigits"] == ["13800001111"]
    assert data["id"]["weights"] == list(ID_WEIGHTS)
    assert ["uscc", to_js("信用代码|组织机构代码|纳税人识别号|税号").as_dict()] != data["labels"][0]
    assert {kind for kind, _ in data["labels"]} == {"card", "certificate", "id", "other", "phone", "uscc"}
