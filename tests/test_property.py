"""Whatever bytes a reporter commits, the reader and the validator answer with findings, never an exception."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baosong import checks
from baosong.report.findings import Finding
from baosong.township.ledger import Ledger
from baosong.township.reader import parse_text
from baosong.township.registry import load_registry
from baosong.township.rules import Rules
from conftest import FIELDS

PATH = "submissions/mengwang/2026/2026-11-25-会议.md"
TODAY = date(2026, 11, 25)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_chars = st.sampled_from(
    [*":-[]{}&*!|>'\"#%@`,? \t\n：\u3000\ufeff\r\x00\x85\u2028", "---", "...", "title", "日期"]
)
yaml_text = st.lists(st.one_of(yaml_chars, st.text(max_size=8)), max_size=60).map("".join)
scalar = st.one_of(st.text(max_size=30), st.sampled_from(["no", "0755", "12:30", "2026-02-30", "~", "null", "[]"]))


def _context(root):
    registry = load_registry(root).registry
    return checks.Context(root, registry, Rules(), TODAY, Ledger(), set())


def _all_findings(raw: bytes, ctx) -> list[Finding]:
    item, findings = parse_text(PATH, raw)
    if item is not None:
        findings += checks.run_item_checks(item, ctx)
        findings += checks.run_corpus_checks([item], ctx)
    return findings


def _assert_well_formed(findings):
    for f in findings:
        assert isinstance(f, Finding) and f.code and f.message
        assert f.line is None or f.line >= 1


@SETTINGS
@given(raw=st.binary(max_size=2000))
def test_random_bytes(township, raw):
    _assert_well_formed(_all_findings(raw, _context(township.root)))


@SETTINGS
@given(front=yaml_text, body=st.text(max_size=300))
def test_random_front_matter(township, front, body):
    raw = f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass")
    _assert_well_formed(_all_findings(raw, _context(township.root)))


@SETTINGS
@given(
    values=st.dictionaries(st.sampled_from([*FIELDS, "tags", "follows", "request", "hide", "x"]), scalar),
    body=st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=400),
)
def test_random_fields_and_markdown(township, values, body):
    import json

    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in {**FIELDS, **values}.items()]
    raw = ("---\n" + "\n".join(lines) + "\n---\n" + body).encode("utf-8", "surrogatepass")
    findings = _all_findings(raw, _context(township.root))
    _assert_well_formed(findings)
    if not values and body.strip():
        assert [f for f in findings if f.is_error] == []


def test_deep_flow_nesting_is_refused_not_crashing():
    from baosong.township import yamlstrict

    for depth in (30, 100_000):
        parsed = yamlstrict.parse("title: " + "[" * depth + "]" * depth)
        assert parsed.root is None and parsed.problems[0].kind == "syntax"
