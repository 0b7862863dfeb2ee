"""Quarterly statistics against a quarter computed by hand (tests/helpers_stats.py): SPEC §4 field for field."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from baosong.checks.repository import load_repository
from baosong.cli.main import cli
from baosong.office.stats import compute_quarter, parse_quarter, quarter_bounds, quarter_mondays
from helpers_stats import expected_q3, make_township

TODAY = "2026-11-25"


def stats_json(root, quarter, today=TODAY):
    result = CliRunner().invoke(
        cli,
        ["stats", "--quarter", quarter, "--format", "json", "--today", today, "--root", str(root)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def by_id(data):
    return {u["id"]: u for u in data["units"]}


def test_fixture_errors_are_exactly_the_planned_ones(repo_root):
    bad = make_township(repo_root)
    repo = load_repository(repo_root, date.fromisoformat(TODAY))
    errors = {f.path: f.code for f in repo.findings if f.is_error}
    # Items dated after today are M09 errors too (the W53 items, used by the later-today tests).
    assert errors == {
        bad["aa-old-reporter"]: "M06",
        bad["bb-category"]: "M03",
        "submissions/aa/2026/2026-12-31-年终总结会.md": "M09",
        "submissions/dd/2027/2027-01-02-元旦值班.md": "M09",
    }
    assert not [f for f in repo.findings if f.code == "A01"]


def test_q3_matches_the_hand_computation_field_for_field(repo_root):
    assert stats_json(repo_root, "2026Q3") == expected_q3()


def test_q4_in_progress_judges_weeks_up_to_today_only(repo_root):
    data = stats_json(repo_root, "2026Q4")
    weeks = [f"2026-W{n}" for n in range(40, 54)]
    assert data["weeks"] == weeks  # 2026 has an ISO week 53, and it belongs to Q4
    assert (data["start"], data["end"]) == ("2026-10-01", "2026-12-31")
    units = by_id(data)
    judged = weeks[:9]  # W40 … W48 (Monday 2026-11-23 ≤ today); W49 … W53 neither met nor missed
    aa = units["aa"]
    # W40 (28 Sep – 4 Oct) is met by items dated 29/30 September, which count in Q3's `submitted`.
    assert aa["weeks_met"] == ["2026-W40", "2026-W42", "2026-W48"]
    assert aa["weeks_missed"] == ["2026-W41", "2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47"]
    assert aa["submitted"] == 2 and aa["by_type"] == {"动态": 2}
    # The 市采用 of a Q3 item, recorded on 2026-10-09, counts in Q4.
    assert aa["adopted"] == {"市采用": 1} and aa["score"] == 2 + 10 and aa["rank"] == 1
    assert aa["research_ytd"] == 2
    bb = units["bb"]
    assert bb["weeks_met"] == ["2026-W48"]  # today's item meets the week that holds today
    assert bb["weeks_missed"] == judged[:-1]
    assert (bb["score"], bb["rank"]) == (1, 2)
    # Wednesday: the week holding today is in progress, never missed before its Sunday has passed
    assert units["cc"]["weeks_missed"] == judged[:-1] and units["cc"]["research_ytd"] == 1
    assert units["cc"]["weeks_in_progress"] == ["2026-W48"] and units["dd"]["weeks_in_progress"] == ["2026-W48"]
    assert aa["weeks_in_progress"] == [] and bb["weeks_in_progress"] == []  # met early: met, not in progress
    assert (units["cc"]["rank"], units["dd"]["rank"]) == (3, 3)  # equal scores share a rank


def test_week_53_and_an_item_dated_in_the_next_year(repo_root):
    data = stats_json(repo_root, "2026Q4", today="2027-01-03")
    units = by_id(data)
    dd = units["dd"]
    assert dd["weeks_met"] == ["2026-W53"] and dd["submitted"] == 0  # dated 2027-01-02, counted in 2027Q1
    assert len(dd["weeks_missed"]) == 13
    aa = units["aa"]
    assert aa["submitted"] == 3
    assert aa["weeks_met"] == ["2026-W40", "2026-W42", "2026-W48", "2026-W53"]
    q1 = by_id(stats_json(repo_root, "2027Q1", today="2027-01-03"))
    assert q1["dd"]["submitted"] == 1
    assert q1["dd"]["weeks_met"] == [] and q1["dd"]["weeks_missed"] == []  # 2027-W01 starts 2027-01-04


def test_unit_added_mid_year_is_not_judged_before_it_existed(repo_root):
    cc = by_id(stats_json(repo_root, "2026Q3"))["cc"]
    judged = cc["weeks_met"] + cc["weeks_missed"]
    assert sorted(judged) == [f"2026-W{n}" for n in range(33, 40)]  # from the week holding 2026-08-12


def test_weeks_of_quarters_follow_the_thursday_rule():
    q1 = quarter_mondays(2026, 1)
    assert q1[0] == date(2025, 12, 29)  # 2026-W01 begins in December 2025
    assert quarter_mondays(2026, 3)[0] == date(2026, 6, 29)
    assert quarter_mondays(2026, 4)[-1] == date(2026, 12, 28)
    assert quarter_mondays(2027, 1)[0] == date(2027, 1, 4)
    assert len(quarter_mondays(2026, 4)) == 14
    assert quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
    assert parse_quarter("2026q3") == (2026, 3) and parse_quarter("2026Q5") is None


def test_default_quarter_is_todays_and_text_output(repo_root):
    result = CliRunner().invoke(cli, ["stats", "--today", TODAY, "--root", str(repo_root)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "2026年第四季度" in result.output and "【行政村】" in result.output and "甲村" in result.output


def test_bad_quarter_is_a_usage_error(repo_root):
    result = CliRunner().invoke(cli, ["stats", "--quarter", "2026-3", "--root", str(repo_root)])
    assert result.exit_code == 2 and "2026Q3" in result.output


def test_compute_quarter_gives_the_site_what_it_needs(repo_root):
    repo = load_repository(repo_root, date.fromisoformat(TODAY))
    stats = compute_quarter(repo, 2026, 3)
    assert stats.label_zh == "2026年第三季度" and not stats.in_progress
    assert [u.id for u in stats.of_kind("机关单位")] == ["cc", "dd"]
    assert [a.level for a in stats.instructions] == ["县采用"]
    assert stats.titles["aa/2026/2026-08-14-防汛调研"] == "防汛调研工作情况报告"
    assert len(stats.items) == 7 + 12 + 3
