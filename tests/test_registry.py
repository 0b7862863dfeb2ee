"""units.yaml (U01–U03), rules.yaml (R01) and the office ledgers (A01)."""

from __future__ import annotations

import pytest

from baosong.checks.repository import load_repository
from baosong.township.dates import parse_date
from baosong.township.registry import load_registry
from baosong.township.rules import DEFAULT_TYPES, load_rules
from conftest import TODAY, UNITS


def codes(root):
    return sorted(f.code for f in load_repository(root, parse_date(TODAY)).findings)


def test_sample_registry_loads_with_history():
    from conftest import REPO

    reg = load_registry(REPO)
    assert reg.findings == []
    baka = reg.registry.units["baka"]
    assert [p.name for p in baka.reporters_on(parse_date("2026-08-14"))] == ["赵文军"]
    assert [p.name for p in baka.reporters_on(parse_date("2026-08-15"))] == ["俸玉兰"]
    assert reg.registry.office.is_reviewer("wanglp")


def test_u01_invalid_yaml_with_line(township):
    township.write("units.yaml", UNITS.replace("  - id: nongfu", "  - id: nongfu\n   bad: [x"))
    findings = load_registry(township.root).findings
    assert findings and findings[0].code == "U01" and findings[0].line is not None


def test_u01_bad_unit_id_and_kind(township):
    township.write("units.yaml", UNITS.replace("id: nongfu", "id: 农服中心").replace("kind: 行政村", "kind: 村"))
    found = [f for f in load_registry(township.root).findings if f.code == "U01"]
    assert len(found) == 2
    assert all("units.yaml 第" in f.message for f in found)


def test_u02_no_active_reporter(township):
    township.write("units.yaml", UNITS.replace("since: 2022-03-01}\n", "since: 2022-03-01, until: 2026-10-31}\n", 2))
    assert codes(township.root) == ["U02"]


def test_u03_duplicate_unit(township):
    township.write("units.yaml", UNITS.replace("id: nongfu", "id: mengwang"))
    assert "U03" in codes(township.root)


def test_u03_git_user_in_two_units_at_once(township):
    township.write("units.yaml", UNITS.replace("git: duanxq", "git: licy"))
    assert codes(township.root) == ["U03"]


def test_u03_near_git_user_moves_between_units(township):
    text = UNITS.replace(
        "{name: 段晓琴, git: duanxq, since: 2022-03-01}", "{name: 赵文军, git: zhaowj, since: 2026-08-15}"
    )
    township.write("units.yaml", text)
    assert codes(township.root) == []


def test_r01_rules_fall_back_to_defaults(township):
    township.write("site_config/rules.yaml", "types: {会议: 零}\nquota: {weekly: 2}\nbogus: 1\n")
    load = load_rules(township.root)
    assert [f.code for f in load.findings] == ["R01", "R01"]
    assert load.rules.types == DEFAULT_TYPES
    assert load.rules.weekly == 2


def test_rules_defaults_match_spec():
    from conftest import REPO

    load = load_rules(REPO)
    assert load.findings == []
    assert load.rules.types == DEFAULT_TYPES
    assert load.rules.levels == ("乡采用", "报送县", "县采用", "市采用", "省采用", "国家采用")
    assert load.rules.scoring.levels == {
        "乡采用": 2,
        "报送县": 1,
        "县采用": 5,
        "市采用": 10,
        "省采用": 20,
        "国家采用": 40,
    }
    assert (load.rules.scoring.item, load.rules.scoring.instruction, load.rules.scoring.request) == (1, 10, 2)
    assert len(load.rules.categories) == 11


def test_a01_adoption_unknown_item_and_level(township):
    rel = township.item()
    item_id = rel.removeprefix("submissions/").removesuffix(".md")
    township.write(
        "office/adoptions/2026.yaml",
        f"""\
- id: {item_id}
  level: 县采用
  date: 2026-11-28
  instruction: {{by: 县长, text: 请各乡镇学习借鉴}}
- id: mengwang/2026/2026-11-01-不存在
  level: 县采用
  date: 2026-11-28
- id: {item_id}
  level: 区采用
  date: 2026-11-28
""",
    )
    repo = load_repository(township.root, parse_date(TODAY))
    a01 = [f for f in repo.findings if f.code == "A01"]
    assert [f.line for f in a01] == [5, 9]  # the id line of the missing item, the level line of the bad level
    assert len(repo.ledger.adoptions) == 1
    assert repo.ledger.adoptions[0].instruction.by == "县长"


def test_a01_request_malformed(township):
    township.write(
        "office/requests/2026.yaml",
        "- id: 2026-防汛\n  title: 防汛\n  issued: 2026-07-01\n  due: 2026-06-01\n  units: [mengwang, nobody]\n",
    )
    a01 = [f for f in load_repository(township.root, parse_date(TODAY)).findings if f.code == "A01"]
    assert len(a01) == 2 and all(f.path == "office/requests/2026.yaml" for f in a01)


def test_office_paper_settings_are_read(township):
    township.write(
        "units.yaml",
        UNITS.replace(
            "  reviewers:\n    - {name: 王丽萍, git: wanglp}",
            "  reviewers:\n    - {name: 王丽萍, git: wanglp}\n  issuer: 测试乡人民政府办公室\n"
            "  doc_prefix: 测政办通\n  cc: [县委办, 县政府办（县政府督查室）, 县委办]",
            1,
        ),
    )
    load = load_registry(township.root)
    assert load.findings == []
    office = load.registry.office
    assert (office.issuer, office.doc_prefix) == ("测试乡人民政府办公室", "测政办通")
    assert office.cc == ("县委办", "县政府办（县政府督查室）")  # a repeated organ is printed once


def test_office_paper_settings_default_when_absent(township):
    office = load_registry(township.root).registry.office
    assert (office.issuer, office.doc_prefix, office.cc) == (None, None, ())
    assert office.issuer_for("测试乡") == "测试乡人民政府办公室" and office.issuer_for("") == "乡党政办"


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("  doc_prefix: 测政办通〔2026〕", "office.doc_prefix 里不能有“〔”"),
        ("  doc_prefix: 测政办\u200b通", "ZERO WIDTH SPACE（U+200B）"),
        ("  issuer: [测试乡人民政府办公室]", "“issuer”应是一行文字"),
        ("  issuer: " + "测" * 41, "office.issuer 太长（41 字，最多 40 字）"),
        ("  cc: 县委办，县政府办", "office.cc 应是抄送机关的列表，如 cc: [县委办, 县政府办]"),
        ("  cc: [县委办, {name: 县政府办}]", "office.cc 的每一项应是一个机关名称"),
        ("  cc: [县委办。]", "office.cc 的每一项不能有“。”"),
        ("  cc: []", "office.cc 应是抄送机关的列表"),
    ],
)
def test_office_paper_settings_bad_shape_is_u01_with_line_and_fix(township, line, says):
    township.write(
        "units.yaml",
        UNITS.replace(
            "  reviewers:\n    - {name: 王丽萍, git: wanglp}",
            f"  reviewers:\n    - {{name: 王丽萍, git: wanglp}}\n{line}",
            1,
        ),
    )
    found = [f for f in load_registry(township.root).findings if f.code == "U01"]
    assert len(found) == 1 and found[0].line == 7, found
    assert says in found[0].message and "units.yaml 第 7 行" in found[0].message
