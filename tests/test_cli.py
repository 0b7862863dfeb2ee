"""The command line as a user meets it: validate (formats, exit codes), fix, new."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from baosong.cli.main import cli
from conftest import TODAY, item_text


def run(*args, root=None):
    argv = list(args)
    if root is not None:
        argv += ["--root", str(root)]
    return CliRunner().invoke(cli, argv, catch_exceptions=False)


def test_validate_clean_exits_0(township):
    township.item()
    result = run("validate", "--today", TODAY, root=township.root)
    assert result.exit_code == 0
    assert "没有发现问题" in result.output


def test_validate_json_shape_and_exit_1(township):
    rel = township.item(type="会义")
    result = run("validate", "--today", TODAY, "--format", "json", root=township.root)
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) == {"findings", "summary"}
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 0}
    (finding,) = data["findings"]
    assert set(finding) == {"path", "line", "severity", "code", "field", "message"}
    assert finding["path"] == rel and finding["code"] == "M03" and finding["severity"] == "error"


def test_validate_warnings_only_exit_0(township):
    township.item(event_date="2026-11-20")
    result = run("validate", "--today", TODAY, "--format", "json", root=township.root)
    assert result.exit_code == 0
    assert json.loads(result.output)["summary"]["warnings"] == 1


def test_validate_given_paths_only(township):
    good = township.item()
    bad = township.item(name="2026-11-24-会议.md", title="短")
    result = run("validate", "--today", TODAY, "--format", "json", str(township.root / good), root=township.root)
    assert result.exit_code == 0, result.output
    result = run("validate", "--today", TODAY, "--format", "json", str(township.root / bad), root=township.root)
    assert [f["path"] for f in json.loads(result.output)["findings"]] == [bad]


def test_github_gitlab_markdown_formats(township):
    township.item(type="会义", title="勐往村召开<b>会议</b>|测试")
    gh = run("validate", "--today", TODAY, "--format", "github", root=township.root).output
    assert gh.startswith("::error file=submissions/mengwang/2026/2026-11-25-安全生产会议.md,line=")
    assert "title=M03 " in gh
    gl = json.loads(run("validate", "--today", TODAY, "--format", "gitlab", root=township.root).output)
    m03 = next(entry for entry in gl if entry["check_name"] == "M03")
    assert m03["severity"] == "major" and m03["location"]["lines"]["begin"] == 8
    assert {entry["check_name"] for entry in gl} == {"M03", "S08"}  # S08: the <b> in the title
    md = run("validate", "--today", TODAY, "--format", "markdown", root=township.root).output
    assert "<!-- baosong-report -->" in md and "| 8 | 错误 | M03 |" in md


def test_no_units_yaml_exits_2(tmp_path):
    result = run("validate", root=tmp_path)
    assert result.exit_code == 2
    assert "找不到 units.yaml" in result.output


def test_bad_today_is_usage_error(township):
    result = run("validate", "--today", "2026-13-01", root=township.root)
    assert result.exit_code == 2 and "不是有效日期" in result.output


def test_console_script_and_module_agree(township):
    township.item(type="会义")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    args = ["validate", "--root", str(township.root), "--today", TODAY, "--format", "json"]
    a = subprocess.run([sys.executable, "-m", "baosong", *args], capture_output=True, text=True, env=env)
    b = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "baosong"), *args], capture_output=True, text=True, env=env
    )
    assert a.returncode == b.returncode == 1
    assert a.stdout == b.stdout and a.stderr == b.stderr == ""


def test_fix_gbk_bom_crlf_fullwidth_keeps_body_words(township):
    text = item_text(body="时间：上午９点，地点：村委会。\n").replace("title: ", "title：")
    rel = township.write(
        "submissions/mengwang/2026/2026-11-25-安全生产会议.md", ("\ufeff" + text).replace("\n", "\r\n").encode("utf-8")
    )
    gbk = township.write(
        "submissions/mengwang/2026/2026-11-24-会议.md",
        item_text(date="2026-11-24", event_date="2026-11-24", title="勐往村召开第二次会议").encode("gbk"),
    )
    result = run("fix", str(rel), str(gbk), root=township.root)
    assert result.exit_code == 0, result.output
    assert "全角冒号改为半角冒号" in result.output and "GBK/GB18030 转换为 UTF-8" in result.output
    fixed = rel.read_text(encoding="utf-8")
    assert fixed.startswith("---\ntitle: ") and "\r" not in fixed
    assert "时间：上午９点，地点：村委会。" in fixed  # the body's words are untouched
    assert run("validate", "--today", TODAY, root=township.root).exit_code == 0


def test_fix_refuses_symlink(township, tmp_path):
    target = tmp_path / "outside.md"
    target.write_text("x", encoding="utf-8")
    link = township.root / "submissions/mengwang/2026/2026-11-25-链接.md"
    link.parent.mkdir(parents=True)
    link.symlink_to(target)
    result = run("fix", str(link), root=township.root)
    assert result.exit_code == 1 and "不是普通文件" in result.output
    assert target.read_text(encoding="utf-8") == "x"


def test_new_creates_valid_item(township):
    result = run(
        "new",
        "--today",
        TODAY,
        "--unit",
        "mengwang",
        "--type",
        "会议",
        "--category",
        "部署落实",
        "--title",
        "勐往村召开冬季森林防火工作会议：部署“两节”期间工作",
        root=township.root,
    )
    assert result.exit_code == 0, result.output
    (path,) = (township.root / "submissions/mengwang/2026").glob("*.md")
    assert path.name.startswith("2026-11-25-勐往村召开冬季森林防火工作会议")
    text = path.read_text(encoding="utf-8")
    assert "reporter: 李春艳" in text and "reviewed_by: 张国华" in text
    untouched = run("validate", "--today", TODAY, root=township.root)  # the template's sample body is still there
    assert untouched.exit_code == 1 and "M13" in untouched.output and "还没有改模板里的示例文字" in untouched.output
    head, _, _ = text.partition("\n---\n")
    path.write_text(head + "\n---\n11月25日，勐往村召开冬季森林防火工作会议，部署两节期间工作。\n", encoding="utf-8")
    assert run("validate", "--today", TODAY, root=township.root).exit_code == 0


def test_new_unknown_unit_is_clear(township):
    result = run(
        "new",
        "--today",
        TODAY,
        "--unit",
        "nobody",
        "--type",
        "会议",
        "--category",
        "部署落实",
        "--title",
        "勐往村召开会议",
        root=township.root,
    )
    assert result.exit_code == 2 and "未登记" in result.output  # SPEC §4: usage errors exit 2


def test_fix_names_big5_and_leaves_it_alone(township):
    """Issue 13.6: only GBK/GB18030 and UTF-16 are converted; Big5 is named and refused (charset.py)."""
    text = "---\ntitle: 河外村召開安全生產會議\n---\n今天召開會議，部署冬季安全生產工作，落實責任。\n"
    rel = township.write("submissions/mengwang/2026/2026-11-25-安全生产会议.md", text.encode("big5"))
    result = run("fix", str(rel), root=township.root)
    assert result.exit_code == 1 and "Big5（繁体中文）" in result.output and "另存为 UTF-8" in result.output
    assert rel.read_bytes() == text.encode("big5")


def test_paths_relative_to_root_and_folders(township, monkeypatch, tmp_path):
    township.item()
    bad = township.item(name="2026-11-24-会议.md", title="短")
    monkeypatch.chdir(tmp_path)
    result = run("validate", "--today", TODAY, "--format", "json", "submissions/mengwang", root=township.root)
    data = json.loads(result.output)
    assert data["summary"]["files"] == 2 and {f["path"] for f in data["findings"]} == {bad}
    result = run("validate", "--today", TODAY, "submissions/nothing-here.md", root=township.root)
    assert result.exit_code == 2


def test_click_speaks_chinese_in_help_and_usage_errors():
    """Click's own words (help, usage errors) reach reporters too: none of them in English."""
    from click.testing import CliRunner

    from baosong.cli.main import cli

    runner = CliRunner()
    for args in (["--help"], ["validate", "--help"], ["stats", "--help"]):
        out = runner.invoke(cli, args).output
        assert "用法：" in out and "显示本帮助并退出。" in out, args
        assert not any(word in out for word in ("Usage:", "Show this message", "Options:")), args
    wrong = runner.invoke(cli, ["validate", "--frob"])
    assert wrong.exit_code == 2 and "没有这个选项：--frob" in wrong.output
    choice = runner.invoke(cli, ["stats", "--format", "xml"])
    assert choice.exit_code == 2 and "“xml”不是" in choice.output and "is not" not in choice.output


def test_a_file_that_cannot_be_written_is_explained_in_chinese(tmp_path):
    from click.testing import CliRunner

    from baosong.cli.main import cli

    target = tmp_path / "没有这个文件夹" / "通报.docx"
    result = CliRunner().invoke(cli, ["stats", "--quarter", "2026Q3", "--docx", str(target), "--today", "2026-11-25"])
    assert result.exit_code != 0 and "文件或文件夹不存在" in result.output
    assert "No such file" not in result.output


@pytest.mark.parametrize(("option", "value"), [("--type", "瞎写"), ("--type", "會議"), ("--category", "乱填")])
def test_new_refuses_a_type_or_category_the_rules_do_not_allow(township, option, value):
    from click.testing import CliRunner

    from baosong.cli.main import cli

    args = {"--type": "会议", "--category": "部署落实", option: value}
    result = CliRunner().invoke(
        cli,
        ["new", "--root", str(township.root), "--unit", "mengwang", "--reporter", "李春艳", "--reviewer", "张国华"]
        + [part for pair in args.items() for part in pair]
        + ["--title", "勐往村召开安全生产工作会议", "--today", "2026-11-25"],
    )
    assert result.exit_code == 2 and f"{option} 的“{value}”" in result.output and "请从" in result.output
    assert not list((township.root / "submissions" / "mengwang").rglob("*安全生产工作会议*"))
