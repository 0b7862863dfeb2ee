"""The content scanners' data for the browser (issue 16, deliverable 3): generated from the Python scanners.

The 填报 page runs S02–S07 on the title and body as the reporter types (``assets/scan.js``). No rule is
written twice: every pattern, label word, table and message below is read from ``baosong.scan`` and the
rules at build time, and ``tests/test_form_scan_parity.py`` runs the labelled corpus through both.

Wiring (one call)::

    from baosong.site.form.scanner_data import scan_assets

    js_text, json_text = scan_assets(rules)   # rules: baosong.township.rules.Rules (site_config/rules.yaml)
    # js_text is the same for every page: ship it once (assets/baosong/scan.js). Put json_text in the page:
    #   <script type="application/json" id="bs-scan-data">{json_text}</script>
    # it is safe inside a <script> element (<, >, &, U+2028/9 escaped). In the page:
    #   const data = JSON.parse(document.getElementById("bs-scan-data").textContent);
    #   baosongScan.scan(title, data, {field: "title", today})
    #   baosongScan.scan(tags.join(" "), data, {field: "tags", today})
    #   baosongScan.scan(body, data, {field: "body", firstLine, today})
    #   → [{code, severity ("error" | "warning"), message, excerpt (masked), line, column}]
    # ``today`` ("YYYY-MM-DD", the registry's time zone; default the browser's date) decides which birth dates
    # are real; ``firstLine`` is the file line of the body's first line (default 1), so lines match validate's.

The JSON depends on the rules only (not on the unit): some 21 KB (8.5 KB gzip) with the township's rules,
mostly Unicode tables (format characters and their names, combining marks, Python's digits and spaces) and
the patterns. Embedding it in each 填报 page is simplest (works from ``file://`` too, no extra request);
with many units, one shared asset holding the same JSON saves bytes. One scan of a typical item takes
under 1 ms in Chromium and a 100 KB paste 40–150 ms (up to ~1.7 s for 100 KB of nothing but digit
groups, as in Python): scan after a pause in typing, not on every key (``benchmarks/bench_form_scan.py``).

What the browser does *not* check (validate still does after submission, so the form should say
"提交后还会做完整检查"): S01 (the form offers only allowed sensitivities), S08 raw HTML, scripts and links
(needs the Markdown renderer), F/M/T/U/A/R checks beyond the fields the form itself checks, duplicates
(M11/M12), attachments (F13) and change review (C01–C06).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import cache
from pathlib import Path

from ...checks.sensitive import MAX_PER_CODE, WORD_CODES
from ...report.catalogue import CATALOGUE
from ...scan import markings, numbers, reader
from ...scan import validators as v
from ...scan.chars import IGNORED_CATEGORIES, NAMES_ZH
from ...scan.chars import classes as char_classes
from ...scan.jsregex import class_body, classes, ranges_of, ranges_of_chars, to_js
from ...scan.labels import ALIASES, GENERIC, compile_labels
from ...scan.numbers import allowed_digits
from ...scan.text import normalise
from ...scan.words import DEFAULT_WORDS, word_pattern
from ...township.rules import Rules

SCAN_JS = Path(__file__).resolve().parent / "assets" / "scan.js"
CODES = ("S02", "S03", "S04", "S05", "S06", "S07")
# Where a hit is, as the form says it (validate names the file line and the front-matter key instead).
WHERE = {"title": "标题第 {column} 个字起", "tags": "标签里", "body": "正文第 {line} 行第 {column} 个字起"}
DATA_VERSION = 1


def _regex(lazy) -> dict:
    """A ``LazyRe`` (its source, or the function that builds it) → ``{"source", "flags"}`` for scan.js."""
    pattern = lazy.pattern
    if callable(pattern):
        pattern = pattern()
    return to_js(pattern, getattr(lazy, "flags", 0)).as_dict()


@cache
def _unicode() -> dict:
    """Character tables from Python's ``unicodedata`` (the browser's Unicode version is not trusted)."""
    ignored = ranges_of(lambda c: unicodedata.category(c) in IGNORED_CATEGORIES)
    cc = char_classes()
    digit_extra = ranges_of(
        lambda c: c.isdigit() and unicodedata.category(c) != "Nd" and unicodedata.normalize("NFKC", c) == c
    )
    return {
        "classes": classes(),
        "ignored": ignored,  # format characters (Cf): removed after NFKC
        "combining": ranges_of(lambda c: unicodedata.combining(c) != 0),
        "digitExtra": digit_extra,  # str.isdigit() beyond Nd that NFKC keeps
        # separators between digit groups, by kind (chars.CharClasses.kinds)
        "kinds": {
            " ": class_body(ranges_of_chars(cc.spaces + "\t")),
            "-": class_body(ranges_of_chars(cc.dashes + "\u2212" + cc.joiners)),
            ".": class_body(ranges_of_chars(cc.dots)),
        },
        "names": {f"{ord(ch):x}": name for ch, name in NAMES_ZH.items()},  # chars.describe
        "unicodeNames": _cf_names(ignored),
    }


def _cf_names(ignored: list[tuple[int, int]]) -> dict[str, str]:
    """Unicode names of the format characters without a Chinese name (chars.describe names them so)."""
    out = {}
    for first, last in ignored:
        for code in range(first, last + 1):
            ch = chr(code)
            if ch in NAMES_ZH:
                continue
            out[f"{code:x}"] = unicodedata.name(ch, "")
    return out


def _labels(rules: Rules) -> list[list]:
    patterns = compile_labels(rules.scan.labels)
    return [[kind, to_js(p.pattern, p.flags & ~re.UNICODE).as_dict()] for kind, p in patterns.patterns]


def _words(rules: Rules) -> dict:
    words = rules.scan.words or DEFAULT_WORDS
    pattern, by_text = word_pattern(words)
    return {
        "regex": None if pattern is None else to_js(pattern.pattern).as_dict(),
        "byText": {text: [w.word, w.severity, w.advice] for text, w in by_text.items()},
    }


def scanner_data(rules: Rules) -> dict:
    """Everything scan.js needs, JSON-serialisable: patterns, labels, tables, severities, allow list, messages.

    ``rules``: the loaded ``site_config/rules.yaml`` (``scan.scanners``, ``scan.words``, ``scan.allow``,
    ``scan.labels``). Raises ``jsregex.Unsupported`` if a scanner pattern cannot be run by the browser as is.
    Sources: SPEC §3 (S02–S07), GB/T 9704 (markings), GB 11643 (ID check digit), issue 12 (pasted text).
    """
    unicode_tables = _unicode()
    allow = tuple(rules.scan.allow)
    severity = {code: rules.scan.level(code, CATALOGUE[code].severity) for code in CODES}
    return {
        "version": DATA_VERSION,
        **unicode_tables,
        "regex": {
            "markings": _regex(markings.MARKINGS),
            "drafts": _regex(markings.DRAFTS),
            "ruleQuoteBefore": _regex(markings.RULE_QUOTE_BEFORE),
            "ruleQuoteAfter": _regex(markings.RULE_QUOTE_AFTER),
            "proseBefore": _regex(markings.PROSE_BEFORE),
            "run": _regex(numbers.RUN),
            "longEnough": _regex(numbers.LONG_ENOUGH),
            "group": _regex(numbers.GROUP),
            "unitAfter": _regex(numbers.UNIT_AFTER),
            "countryBefore": _regex(numbers.COUNTRY_BEFORE),
            "looseRun": _regex(numbers.LOOSE_RUN),
            "any": _regex(reader.ANY),
            "needs": _regex(reader.NEEDS),
            "linkTail": _regex(reader.LINK_TAIL),
            "nextStarts": _regex(reader.NEXT_STARTS),
            "ends": _regex(reader.ENDS),
            "charRef": _regex(reader.CHAR_REF),
            "markerRun": _regex(reader.MARKER_RUN),
        },
        "markingsWindow": 6,
        "draftsWindow": [16, 12],
        "numbers": {
            "minDigits": numbers.MIN_DIGITS,
            "maxDigits": numbers.MAX_DIGITS,
            "maxGroup": numbers.MAX_GROUP,
            "maxGroups": numbers.MAX_GROUPS,
            "lengths": sorted(numbers.LENGTHS),
            "looseLengths": [numbers.LOOSE_LENGTHS[0], numbers.LOOSE_LENGTHS[-1]],
            "looseGroups": numbers.LOOSE_GROUPS,
            "windowBefore": numbers.WINDOW_BEFORE,
            "windowAfter": numbers.WINDOW_AFTER,
            "priority": numbers.PRIORITY,
            "notACard": sorted(numbers.NOT_A_CARD),
            "idWords": sorted(numbers.ID_WORDS),
            "notAnId": sorted(numbers.NOT_AN_ID),
            "weak": sorted(numbers.WEAK),
            "afterKinds": ["id", "certificate", "card", "uscc"],
            "hiddenNote": numbers.HIDDEN_NOTE,
        },
        "labels": _labels(rules),
        "generic": sorted(GENERIC),
        "aliases": ALIASES,
        "id": {
            "weights": list(v.ID_WEIGHTS),
            "check": v.ID_CHECK_CHARS,
            "earliestBirth": v.EARLIEST_BIRTH.isoformat(),
        },
        "card": {"issuer": v.CARD_ISSUER_DIGITS, "serialYears": list(v.SERIAL_YEARS)},
        "mobile": {"second": v.MOBILE_SECOND_DIGITS, "country": v.COUNTRY_CODE},
        "uscc": _uscc_tables(),
        "reader": {
            "markers": reader.MARKERS,
            "escapable": "".join(sorted(reader.ESCAPABLE)),
            "maxLines": reader.MAX_LINES,
            "joinLookBack": 64,
            "invalidCharrefs": {str(k): val for k, val in html._invalid_charrefs.items()},
            "invalidCodepoints": sorted(html._invalid_codepoints),
        },
        "words": _words(rules),
        "allow": [normalise(a) for a in allow if a.strip()],
        "allowDigits": sorted(allowed_digits(allow)),
        "severity": severity,
        "messages": {code: dict(CATALOGUE[code].messages) for code in CODES},
        "where": WHERE,
        "wordCodes": list(WORD_CODES),
        "maxPerCode": MAX_PER_CODE,
    }


def _uscc_tables() -> dict:
    """统一社会信用代码 (GB 32100-2015) check, as python-stdnum computes it."""
    from stdnum.cn import uscc

    return {"alphabet": uscc._alphabet, "weights": [pow(3, i, 31) for i in range(17)]}


def to_script_json(data: dict) -> str:
    """``data`` as JSON that is safe inside ``<script type="application/json">`` (no ``<``, ``>``, ``&``,
    U+2028 or U+2029 left raw, so no ``</script>`` or ``<!--`` can end or change the element)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def scan_assets(rules: Rules) -> tuple[str, str]:
    """``(scan.js text, JSON text for <script type="application/json" id="bs-scan-data">)``."""
    return SCAN_JS.read_text(encoding="utf-8"), to_script_json(scanner_data(rules))
