"""SPEC §4 (changed by issue 17): the week that holds ``--today`` is in progress, never judged missed
before its Sunday has passed, in stats (text and json), remind, the circular and the site."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from baosong.checks.repository import load_repository
from baosong.cli.main import cli
from baosong.office.exports.circular_text import circular_text
from baosong.office.exports.tables import IN_PROGRESS, quarter_tables, weeks_table
from baosong.office.stats import compute_quarter
from baosong.site.pages import SiteContext, join_blocks, split_blocks
from helpers_stats import item

W49 = "2026-W49"  # Monday 2026-11-30 … Sunday 2026-12-06
MONDAY = date(2026, 11, 30)


def run(root, *args, today):
    result = CliRunner().invoke(cli, [*args, "--root", str(root), "--today", today], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def q4(root, today: date):
    return compute_quarter(load_repository(root, today), 2026, 4, today)


@pytest.mark.parametrize("offset", range(7), ids=["一", "二", "三", "四", "五", "六", "日"])
def test_no_day_of_the_week_judges_that_week_missed(repo_root, offset):
    today = MONDAY + timedelta(days=offset)
    data = json.loads(run(repo_root, "stats", "--quarter", "2026Q4", "--format", "json", today=today.isoformat()))
    for unit in data["units"]:
        assert W49 not in unit["weeks_missed"], unit["id"]
        assert unit["weeks_in_progress"] == [W49], unit["id"]  # nobody has sent in W49
        assert "2026-W48" in unit["weeks_met"] + unit["weeks_missed"]  # the previous week is judged


def test_the_week_is_judged_once_its_sunday_has_passed(repo_root):
    stats = q4(repo_root, MONDAY + timedelta(days=7))
    for u in stats.units:
        assert W49 in u.weeks_missed and u.weeks_in_progress == ["2026-W50"]
    assert stats.judged_weeks[-1] == W49 and stats.current_week == "2026-W50"


def test_a_week_met_early_is_met_not_in_progress(repo_root):
    item(repo_root, "cc", "2026-12-01", "冬季防火", "孙八")
    stats = q4(repo_root, date(2026, 12, 2))  # Wednesday
    cc = next(u for u in stats.units if u.id == "cc")
    assert W49 in cc.weeks_met and cc.weeks_in_progress == [] and cc.week_state(W49) == "met"
    bb = next(u for u in stats.units if u.id == "bb")
    assert bb.week_state(W49) == "in_progress"


def test_ended_weeks_only_count_as_due(repo_root):
    stats = q4(repo_root, MONDAY)
    assert len(stats.judged_weeks) == 9  # W40 … W48 have ended; W49 began this morning
    text = run(repo_root, "stats", "--quarter", "2026Q4", today="2026-11-30")
    assert "已到期 9 周" in text and f"{W49} 进行中（不计缺报）" in text
    assert W49 not in text.split("缺报周：", 1)[1]


def test_circular_and_its_tables_say_in_progress(repo_root):
    stats = q4(repo_root, date(2026, 12, 2))
    tables = quarter_tables(stats)
    words = circular_text(stats, tables)
    body = "\n".join(p for s in words.sections for p in s.paragraphs)
    assert "本季度已到期9周" in body
    assert "第49周（11月30日至12月6日）正在进行中，不计入缺报，截至12月2日尚有4个单位未报送。" in body
    assert "49" not in body.split("未完成每周报送任务的有：", 1)[1].split("。", 1)[0]
    weeks = weeks_table(stats)
    column = weeks.headers.index("第49周")
    assert {row[column] for row in weeks.rows} == {IN_PROGRESS}
    assert IN_PROGRESS in weeks.note


def test_remind_names_the_week_in_progress_and_its_sunday(repo_root):
    lines = run(repo_root, "remind", today="2026-11-30").splitlines()
    assert lines[1].startswith("本周（第49周，11月30日—12月6日）进行中，还没有完成报送任务的单位：")
    assert lines[1].endswith("请在12月6日前至少报送1条信息。")


def test_site_pages_show_in_progress(repo_root):
    from baosong.site.pages import circular, home

    ctx = SiteContext(load_repository(repo_root, MONDAY))
    pages = {p.uri: p for p in [*circular.circular_pages(ctx), *home.home(ctx)]}
    q4_page = join_blocks(*split_blocks(pages["tongbao/2026Q4.md"].content))
    assert "已到期 9 周，2026-W49 进行中（不计缺报）" in q4_page
    assert 'class="bs-week--progress"' in q4_page and "正在进行中" in q4_page
    start = join_blocks(*split_blocks(pages["index.md"].content))
    assert "进行中，尚未报送</dt>" in start
