"""validate --changed-since: C01–C05 on real git repositories (branches, merges, squash, renames, deletions)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from baosong.cli.main import cli
from baosong.review.changes import actor_from_env, review_change
from baosong.review.history import ADDED, EDITED, RENAMED, change_since, parse_raw_diff
from helpers_git import TODAY, UNITS_YAML, Town, codes, item_path, item_text

DAY = date.fromisoformat(TODAY)
OLD_M = item_path("mengwang", "2026-11-20", "村民小组会议")
OLD_B = item_path("baka", "2026-11-20", "茶叶采收")


@pytest.fixture
def town(tmp_path):
    t = Town(tmp_path / "repo")
    t.add_item("mengwang", "2026-11-20", "村民小组会议")
    t.add_item("baka", "2026-11-20", "茶叶采收")
    t.commit("sample")
    t.branch("pr")
    return t


def review(town, actor="licy", rev="main"):
    return review_change(town.root, rev, actor, DAY)


def test_new_item_of_own_unit_dated_today_passes(town):
    town.add_item("mengwang", TODAY, "安全生产会议")
    town.commit("new")
    report = review(town)
    assert report.findings == []
    assert report.files == 1


@pytest.mark.parametrize("day", [TODAY, "2026-11-24"])
def test_today_or_yesterday_is_not_back_dated(town, day):
    town.add_item("mengwang", day, "安全生产会议")
    town.commit()
    assert review(town).findings == []


def test_back_dated_new_item_is_c05_on_the_date_line(town):
    rel = town.add_item("mengwang", "2026-11-23", "安全生产会议")
    town.commit()
    findings = review(town).findings
    assert codes(findings) == [("C05", rel)]
    assert findings[0].line == 6 and findings[0].field == "date" and findings[0].severity == "error"
    assert "2026-11-23" in findings[0].message


def test_future_dated_item_is_m09_not_c05(town):
    rel = town.add_item("mengwang", "2026-11-26", "安全生产会议")
    town.commit()
    assert [c for c, _ in codes(review(town).findings)] == ["M09"] and rel


def test_edit_of_merged_item_is_c01_only_even_when_old(town):
    town.write(OLD_M, item_text("mengwang", "2026-11-20", "村民小组会议工作情况报道", body="改过的正文，补充了内容。"))
    town.commit("edit")
    findings = review(town).findings
    assert codes(findings) == [("C01", OLD_M)]
    assert findings[0].severity == "warning"


def test_deletion_of_merged_item_is_c02(town):
    town.git("rm", "-q", OLD_M)
    town.commit("delete")
    report = review(town)
    assert codes(report.findings) == [("C02", OLD_M)]
    assert report.files == 1


def test_rename_of_merged_item_with_chinese_names_is_c02_once(town):
    new = item_path("mengwang", "2026-11-20", "村民小组会议召开")
    town.git("mv", OLD_M, new)
    town.commit("rename")
    report = review(town)
    assert codes(report.findings) == [("C02", OLD_M)]
    assert new in report.findings[0].message
    assert report.files == 1  # a rename is one file


def test_rename_is_seen_through_an_edit(town):
    new = item_path("mengwang", "2026-11-20", "小组会议")
    town.git("mv", OLD_M, new)
    town.write(
        new,
        item_text("mengwang", "2026-11-20", "村民小组会议工作情况报道", body="正文内容，记录工作开展情况。\n补一句。"),
    )
    town.commit("rename+edit")
    cs = change_since(town.root, "main")
    assert [(c.status, c.old_path, c.path) for c in cs.changes] == [(RENAMED, OLD_M, new)]


def test_actor_adding_for_another_unit_is_c04(town):
    rel = town.add_item("baka", TODAY, "坝卡新闻")
    town.commit()
    findings = review(town, actor="licy").findings
    assert codes(findings) == [("C04", rel)]
    assert "licy" in findings[0].message and "坝卡村" in findings[0].message


def test_actor_editing_another_units_merged_item_is_c01_and_c04(town):
    town.write(OLD_B, item_text("baka", "2026-11-20", "茶叶采收工作情况报道", body="被别的单位改了。"))
    town.commit()
    assert codes(review(town, actor="licy").findings) == [("C01", OLD_B), ("C04", OLD_B)]


def test_reporter_whose_term_ended_is_c04(town):
    rel = town.add_item("baka", TODAY, "坝卡新闻")
    town.commit()
    assert codes(review(town, actor="zhaowj").findings) == [("C04", rel)]
    assert review(town, actor="fengyl").findings == []


def test_actor_accounts_compare_without_case(town):
    town.add_item("mengwang", TODAY, "安全生产会议")
    town.commit()
    assert review(town, actor="LiCY").findings == []
    assert review(town, actor="@licy").findings == []


def test_unregistered_actor_is_c04(town):
    rel = town.add_item("mengwang", TODAY, "安全生产会议")
    town.commit()
    assert codes(review(town, actor="mallory").findings) == [("C04", rel)]


def test_office_actor_may_change_anything_but_outside_files_stay_c03(town):
    town.add_item("baka", TODAY, "坝卡新闻")
    town.write("units.yaml", (town.root / "units.yaml").read_text(encoding="utf-8") + "# 备注\n")
    town.write("office/requests/2026.yaml", "[]\n")
    town.commit()
    findings = review(town, actor="wanglp").findings
    assert codes(findings) == [("C03", "office/requests/2026.yaml"), ("C03", "units.yaml")]
    assert all(f.severity == "warning" for f in findings)


def test_registering_oneself_in_the_same_change_does_not_pass_c04(town):
    units = (town.root / "units.yaml").read_text(encoding="utf-8")
    town.write(
        "units.yaml",
        units.replace(
            "      - {name: 俸玉兰, git: fengyl, since: 2026-08-15}",
            "      - {name: 俸玉兰, git: fengyl, since: 2026-08-15}\n"
            "      - {name: 李春艳, git: licy, since: 2026-11-01}",
        ),
    )
    rel = town.add_item("baka", TODAY, "坝卡新闻")
    town.commit("self-registration")
    # U03 too: the new line registers licy in two units at once; a reporter may not edit units.yaml (C06)
    assert codes(review(town, actor="licy").findings) == [("C04", rel), ("C06", "units.yaml"), ("U03", "units.yaml")]
    town.checkout("main")
    town.git("merge", "-q", "pr")  # once the office has merged the registration, it counts
    town.branch("pr2")
    rel2 = town.add_item("baka", TODAY, "坝卡新闻二")
    town.commit()
    assert review(town, actor="licy").findings == [] and rel2


def test_unknown_actor_skips_c04_with_a_note(town, monkeypatch):
    for name in ("GITEA_ACTOR", "GITHUB_ACTOR", "GITLAB_USER_LOGIN"):
        monkeypatch.delenv(name, raising=False)
    town.add_item("baka", TODAY, "坝卡新闻")
    town.commit()
    report = review(town, actor=None)
    assert report.findings == [] and "C04" in report.notes[0]


def test_actor_comes_from_ci_environment(town, monkeypatch):
    assert actor_from_env({"GITHUB_ACTOR": "b", "GITLAB_USER_LOGIN": "c"}) == "b"
    assert actor_from_env({"GITEA_ACTOR": "a", "GITHUB_ACTOR": "b"}) == "a"
    assert actor_from_env({"GITLAB_USER_LOGIN": " c "}) == "c"
    monkeypatch.setenv("GITEA_ACTOR", "licy")
    rel = town.add_item("baka", TODAY, "坝卡新闻")
    town.commit()
    assert codes(review(town, actor=None).findings) == [("C04", rel)]


def test_file_checks_run_on_changed_files_only(town):
    bad = town.write(item_path("mengwang", TODAY, "坏文件"), "没有信息栏\n")
    town.commit()
    assert codes(review(town).findings) == [("F02", bad)]


def test_merge_of_main_into_the_branch_is_not_part_of_the_change(town):
    town.checkout("main")
    town.add_item("baka", "2026-11-22", "主分支新信息")
    town.commit("office merged another")
    town.checkout("pr")
    mine = town.add_item("mengwang", TODAY, "安全生产会议")
    town.commit()
    assert review(town).findings == []  # main moved on: its new item is neither deleted nor ours
    town.git("merge", "-q", "--no-edit", "main")
    report = review(town)
    assert report.findings == [] and report.files == 1
    assert [c.path for c in report.changeset.changes] == [mine]


def test_branch_that_was_squash_merged_and_goes_on(town):
    mine = town.add_item("mengwang", "2026-11-24", "安全生产会议")
    town.commit("first")
    town.checkout("main")
    town.git("merge", "-q", "--squash", "pr")
    town.commit("squash")
    town.checkout("pr")
    report = review(town)
    assert report.findings == [] and report.changeset.changes == []  # already on main, same content
    town.write(mine, item_text("mengwang", "2026-11-24", "安全生产会议工作情况报道", body="再补充一段内容。"))
    town.commit("second")
    statuses = [(c.status, c.path) for c in change_since(town.root, "main").changes]
    assert statuses == [(EDITED, mine)]
    assert codes(review(town).findings) == [("C01", mine)]  # an edit of a merged item, not a back-dated one


def test_deletion_already_done_on_main_is_not_c02(town):
    town.checkout("main")
    town.git("rm", "-q", OLD_B)
    town.commit("office withdrew")
    town.checkout("pr")
    town.git("rm", "-q", OLD_B)
    town.commit("same")
    assert review(town).findings == []


def test_renamed_from_outside_is_a_new_item(town):
    town.write("drafts/稿子.md", item_text("mengwang", "2026-11-10", "安全生产会议工作情况报道"))
    town.commit("draft")
    town.checkout("main")
    town.git("merge", "-q", "pr")
    town.checkout("pr")
    new = item_path("mengwang", "2026-11-10", "安全生产会议")
    town.git("mv", "drafts/稿子.md", new)
    town.commit("move")
    assert codes(review(town).findings) == [("C05", new), ("C06", "drafts/稿子.md")]
    assert codes(review(town, actor="wanglp").findings) == [("C03", "drafts/稿子.md"), ("C05", new)]


def test_working_tree_counts_staged_and_edited_files(town):
    rel = town.add_item("mengwang", "2026-11-01", "安全生产会议")
    town.git("add", rel)
    town.write(OLD_M, item_text("mengwang", "2026-11-20", "村民小组会议工作情况报道", body="未提交的修改。"))
    assert codes(review(town).findings) == [("C01", OLD_M), ("C05", rel)]


def test_attachment_of_another_unit_is_c04(town):
    png = town.write("submissions/baka/2026/照片.png", b"\x89PNG\r\n\x1a\n")
    town.commit()
    assert codes(review(town).findings) == [("C04", png)]


def test_parse_raw_diff_keeps_chinese_names_and_renames():
    raw = (
        b":000000 100644 " + b"0" * 40 + b" " + b"a" * 40 + b" A\0submissions/\xe4\xb8\xad.md\0"
        b":100644 100644 " + b"b" * 40 + b" " + b"c" * 40 + b" R090\0old.md\0new.md\0"
    )
    changes = parse_raw_diff(raw)
    assert [(c.status, c.path, c.old_path) for c in changes] == [
        (ADDED, "submissions/中.md", None),
        (RENAMED, "new.md", "old.md"),
    ]


def run_cli(town, *args, env=None):
    return CliRunner().invoke(cli, ["validate", "--root", str(town.root), "--today", TODAY, *args], env=env or {})


def test_cli_json_and_exit_codes(town):
    rel = town.add_item("mengwang", "2026-11-02", "安全生产会议")
    town.commit()
    result = run_cli(town, "--changed-since", "main", "--actor", "licy", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(f["code"], f["path"]) for f in data["findings"]] == [("C05", rel)]
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 0}


def test_cli_reads_actor_from_gitea_env(town):
    town.add_item("mengwang", TODAY, "安全生产会议")
    town.commit()
    assert run_cli(town, "--changed-since", "main", env={"GITEA_ACTOR": "licy"}).exit_code == 0
    assert run_cli(town, "--changed-since", "main", env={"GITEA_ACTOR": "fengyl"}).exit_code == 1


def test_cli_unknown_revision_exits_2_in_chinese(town):
    result = run_cli(town, "--changed-since", "no-such-branch", "--actor", "licy")
    assert result.exit_code == 2
    assert "无法读取 git 历史" in result.stderr


def test_cli_outside_a_git_repository_exits_2(tmp_path):
    (tmp_path / "units.yaml").write_text(UNITS_YAML, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--root", str(tmp_path), "--changed-since", "main"])
    assert result.exit_code == 2
    assert "无法读取 git 历史" in result.stderr


def test_many_added_paths_are_judged_with_one_whole_tree_listing(town, monkeypatch):
    import baosong.review.history as history

    monkeypatch.setattr(history, "MAX_PATH_ARGS", 0)
    test_branch_that_was_squash_merged_and_goes_on(town)


def test_township_in_a_subfolder_of_the_git_repository(tmp_path):
    mono = Town(tmp_path / "mono")  # git top level; the township lives in mono/xinxi
    (mono.root / "units.yaml").unlink()
    town_root = mono.root / "xinxi"
    mono.write("xinxi/units.yaml", UNITS_YAML)
    mono.write(
        "xinxi/" + item_path("mengwang", "2026-11-20", "村民小组会议"),
        item_text("mengwang", "2026-11-20", "村民小组会议工作情况报道"),
    )
    mono.write("docs/说明.md", "别的项目\n")
    mono.commit("init")
    mono.branch("pr")
    mono.write(
        "xinxi/" + item_path("mengwang", "2026-11-01", "安全生产会议"),
        item_text("mengwang", "2026-11-01", "安全生产会议工作情况报道"),
    )
    mono.write("docs/说明.md", "改了别的项目\n")
    mono.commit()
    report = review_change(town_root, "main", "licy", DAY)
    assert codes(report.findings) == [("C05", item_path("mengwang", "2026-11-01", "安全生产会议"))]
    assert report.files == 1  # the other project's file is not part of the township
