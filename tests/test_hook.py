"""baosong hook pre-receive: a real bare repository, the hook installed, real `git push`es."""

from __future__ import annotations

import os
import subprocess

import pytest

from baosong.review.history import ZERO_SHA
from baosong.review.hook import RefUpdate, parse_updates, pre_receive, pusher_from_env
from helpers_git import TODAY, Town, bare_server, item_path, item_text, push, server_tip

OLD_M = item_path("mengwang", "2026-11-20", "村民小组会议")


@pytest.fixture
def server(tmp_path):
    town = Town(tmp_path / "work")
    town.add_item("mengwang", "2026-11-20", "村民小组会议")
    town.add_item("baka", "2026-11-20", "茶叶采收")
    town.commit("sample")
    return town, bare_server(tmp_path / "server.git", town)


def test_first_push_then_a_good_item_is_accepted(server):
    town, bare = server
    first = push(town, "main")
    assert first.returncode == 0, first.stderr
    assert "已通过" in first.stderr
    town.add_item("mengwang", TODAY, "安全生产会议")
    head = town.commit("new item")
    done = push(town, "main")
    assert done.returncode == 0, done.stderr
    assert server_tip(bare) == head


def test_back_dated_item_is_refused_with_the_chinese_report(server):
    town, bare = server
    assert push(town, "main").returncode == 0
    before = server_tip(bare)
    rel = town.add_item("mengwang", "2026-11-02", "安全生产会议")
    town.commit("back-dated")
    done = push(town, "main")
    assert done.returncode != 0
    assert "已拒绝" in done.stderr and "C05" in done.stderr and rel in done.stderr  # Chinese path round-trips
    assert server_tip(bare) == before


def test_deleting_a_merged_item_is_refused_but_other_branches_are_free(server):
    town = server[0]
    assert push(town, "main").returncode == 0
    town.branch("draft")
    town.git("rm", "-q", OLD_M)
    town.commit("delete")
    assert push(town, "draft").returncode == 0  # not the protected branch
    done = push(town, "draft:main")
    assert done.returncode != 0 and "C02" in done.stderr


def test_another_units_reporter_is_refused_office_is_not(server):
    town = server[0]
    assert push(town, "main").returncode == 0
    town.add_item("baka", TODAY, "坝卡新闻")
    town.commit("baka item")
    refused = push(town, "main", actor="licy")
    assert refused.returncode != 0 and "C04" in refused.stderr
    accepted = push(town, "main", actor="wanglp")
    assert accepted.returncode == 0, accepted.stderr


def test_edit_of_merged_item_passes_with_a_warning(server):
    town = server[0]
    assert push(town, "main").returncode == 0
    town.write(OLD_M, item_text("mengwang", "2026-11-20", "村民小组会议工作情况报道", body="补充。"))
    town.commit("edit")
    done = push(town, "main")
    assert done.returncode == 0 and "C01" in done.stderr


def test_first_push_with_an_error_is_refused(server):
    town, bare = server
    town.write(item_path("mengwang", "2026-11-20", "坏文件"), "没有信息栏\n")
    town.commit("bad")
    done = push(town, "main")
    assert done.returncode != 0 and "F02" in done.stderr
    assert server_tip(bare) is None


def test_deleting_the_protected_branch_is_refused(server):
    town, bare = server
    assert push(town, "main").returncode == 0
    tip = server_tip(bare)
    verdict = pre_receive(bare, [RefUpdate(tip, ZERO_SHA, "refs/heads/main")], "wanglp", None)
    assert not verdict.accepted and "不能删除" in verdict.messages[0]
    verdict = pre_receive(bare, [RefUpdate(tip, ZERO_SHA, "refs/heads/other")], "wanglp", None)
    assert verdict.accepted


def test_protected_branch_comes_from_units_yaml(server):
    town = server[0]
    town.write(
        "units.yaml", (town.root / "units.yaml").read_text(encoding="utf-8").replace("branch: main", "branch: zhu")
    )
    town.commit("branch zhu")
    assert push(town, "main").returncode == 0
    town.write(item_path("mengwang", "2026-11-20", "坏文件"), "没有信息栏\n")
    town.commit("bad")
    assert push(town, "main").returncode == 0  # main is no longer the protected branch
    done = push(town, "main:zhu")
    assert done.returncode != 0 and "F02" in done.stderr


def test_parse_and_pusher():
    assert parse_updates(["a b refs/heads/main\n", "\n", "bad line"]) == [RefUpdate("a", "b", "refs/heads/main")]
    assert pusher_from_env({"GITEA_PUSHER_NAME": "licy", "REMOTE_USER": "x"}) == "licy"
    assert pusher_from_env({}) is None


def test_hook_reads_only_what_the_change_needs_but_sees_every_item(server):
    town = server[0]
    assert push(town, "main").returncode == 0
    baka_id = item_path("baka", "2026-11-20", "茶叶采收").removeprefix("submissions/").removesuffix(".md")
    town.add_item("mengwang", TODAY, "续报", follows=baka_id)  # another unit's item: not written out, still known
    town.commit("follows")
    done = push(town, "main")
    assert done.returncode == 0 and "M11" not in done.stderr, done.stderr
    town.add_item("mengwang", TODAY, "重复", title="村民小组会议工作情况报道")  # same title as the merged item
    town.add_item("mengwang", TODAY, "断链", follows="baka/2026/2026-01-01-不存在")
    town.commit("dup")
    done = push(town, "main")
    assert done.returncode != 0 and "M12" in done.stderr and "M11" in done.stderr


def test_install_command_writes_an_executable_hook(tmp_path):
    from click.testing import CliRunner

    from baosong.cli.main import cli

    bare = tmp_path / "x.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    result = CliRunner().invoke(cli, ["hook", "install", str(bare), "--command", "/opt/信息 报送/baosong"])
    assert result.exit_code == 0, result.output
    script = bare / "hooks" / "pre-receive"
    assert os.access(script, os.X_OK)
    assert "exec '/opt/信息 报送/baosong' hook pre-receive \"$@\"" in script.read_text(encoding="utf-8")
