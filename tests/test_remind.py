"""``baosong remind``: the week that holds today, units that do not exist yet, research from October."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from baosong.checks.repository import load_repository
from baosong.cli.main import cli
from baosong.office.remind import reminder


def remind(root, today):
    result = CliRunner().invoke(cli, ["remind", "--today", today, "--root", str(root)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_behind_this_week_and_research_late_in_the_year(repo_root):
    text = remind(repo_root, "2026-11-25")  # Wednesday of W48: aa sent on Tuesday, bb today
    lines = text.strip().splitlines()
    assert lines[0] == "【测试乡政务信息报送提醒】11月25日"
    assert lines[1] == (
        "本周（第48周，11月23日—11月29日）进行中，还没有完成报送任务的单位：丙中心、丁所。请在11月29日前至少报送1条信息。"
    )
    assert lines[2].startswith("今年还没有报送调研信息的单位：乙村、丁所。")
    assert len(lines) == 3


def test_units_not_yet_started_are_left_out_and_no_research_before_october(repo_root):
    r = reminder(load_repository(repo_root, date(2026, 8, 11)))
    assert [b.name for b in r.behind] == ["甲村", "乙村", "丁所"]  # 丙中心 starts on 2026-08-12
    assert not r.research_due and r.no_research == []
    assert "调研" not in remind(repo_root, "2026-08-11")


def test_a_unit_that_sent_this_week_is_not_named(repo_root):
    from helpers_stats import item

    item(repo_root, "cc", "2026-11-24", "冬季工作", "孙八")
    text = remind(repo_root, "2026-11-25")
    assert "丙中心" not in text.splitlines()[1]


def test_everyone_done(repo_root):
    from helpers_stats import item

    item(repo_root, "cc", "2026-11-23", "冬季工作", "孙八")
    item(repo_root, "dd", "2026-11-23", "冬季安排", "吴十一", "调研")
    item(repo_root, "bb", "2026-11-24", "秋冬调研", "赵六", "调研")
    text = remind(repo_root, "2026-11-25")
    assert "各单位均已完成报送任务" in text and "调研" not in text
