"""The forge workflows never execute the change's code (issue 14, deliverable 4).

Each workflow is checked against its forge's published schema with check-jsonschema's vendored copies (no
network: the proxies point nowhere), read for what it runs, and the pull-request step of the GitHub and
Gitea workflows is run for real on a base checkout and a pull request that plants code everywhere a careless
workflow would run it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers_git import GIT_ENV, TODAY, Town, item_path, item_text

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = REPO / ".venv" / "bin"
ACTIONS = {"gitea": REPO / ".gitea/workflows/validate.yml", "github": REPO / ".github/workflows/validate.yml"}
GITLAB = REPO / ".gitlab-ci.yml"
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}


def schema_check(schema: str, *files: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **OFFLINE}
    cmd = [str(VENV_BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)


@pytest.mark.parametrize(
    ("schema", "path"),
    [
        ("vendor.github-workflows", ACTIONS["github"]),
        ("vendor.github-workflows", ACTIONS["gitea"]),
        ("vendor.gitlab-ci", GITLAB),
    ],
)
def test_each_workflow_matches_its_forges_schema_offline(schema, path, tmp_path):
    done = schema_check(schema, path)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / path.name  # the validator bites: a misspelt value is refused
    old, new = ("contents: read", "contents: readonly") if "github" in schema else ("when: always", "when: sometimes")
    broken.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert schema_check(schema, broken).returncode != 0


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def checkouts(job: dict) -> list[dict]:
    return [s for s in job.get("steps", []) if str(s.get("uses", "")).startswith("actions/checkout@")]


def pr_checkout(step: dict) -> bool:
    ref = str(step.get("with", {}).get("ref", ""))
    return "refs/pull/" in ref or "head" in ref


@pytest.mark.parametrize("forge", sorted(ACTIONS))
def test_actions_workflow_runs_the_base_code_and_reads_the_pull_request_as_data(forge):
    wf = load(ACTIONS[forge])
    assert "pull_request_target" in wf["on"] and "pull_request" not in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    for name, job in wf["jobs"].items():
        assert "permissions" in job, name
        for step in checkouts(job):
            assert step["with"].get("ref"), (name, step)  # Gitea's github.ref was unreliable: always explicit
            assert step["with"].get("persist-credentials") is False, (name, step)
        touches_pr = any(pr_checkout(s) for s in checkouts(job))
        text = yaml.safe_dump(job, allow_unicode=True)
        if touches_pr:
            assert job["permissions"] == {"contents": "read"}, name
            assert "secrets." not in text and "github.token" not in text, name  # no secret near the PR's files
            assert all(s["with"]["path"] == "pr" for s in checkouts(job) if pr_checkout(s))
            for step in job["steps"]:
                run = step.get("run", "")
                assert not re.search(r"(?<![\w-])pr/", run), run  # nothing under pr/ is ever run or sourced
                assert not re.search(r"(^|[;&|]\s*)make(?! -C base)", run, re.M), run
                assert not re.search(r"(?<!base/)\.venv/bin", run), run
                assert "python" not in run, run
    comment = wf["jobs"].get("comment")
    if forge == "gitea":
        assert comment is not None and not any(pr_checkout(s) for s in checkouts(comment))
        assert comment["permissions"] == {"contents": "read", "issues": "write", "pull-requests": "write"}
        assert "python3 base/scripts/gitea_pr_comment.py" in yaml.safe_dump(comment, allow_unicode=True)


def test_gitlab_pipeline_refuses_a_definition_from_the_project_itself_and_runs_the_base_code():
    job = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["validate"]
    guard = job["script"][0]
    for path, code in ((".gitlab-ci.yml", 1), (".gitlab-ci.yml@dangzhengban/xinxi-ci", 0)):
        env = {**os.environ, "CI_CONFIG_PATH": path}
        done = subprocess.run(["bash", "-c", guard], capture_output=True, text=True, env=env, check=False)
        assert done.returncode == code, done.stdout
    assert "CI/CD 配置文件" in done.stdout or code == 0
    script = "\n".join(job["script"])
    assert 'git worktree add --detach "$BASE_DIR" "origin/$TARGET"' in script
    assert 'make -C "$BASE_DIR"' in script and "$BAOSONG validate --root ." in script
    assert not re.search(r"(^|\s)(make|\.venv/bin|python)", script.replace('make -C "$BASE_DIR"', ""), re.M)


def test_gitlab_codeowners_require_the_office_for_the_pipeline_and_the_program():
    text = (REPO / ".gitlab/CODEOWNERS").read_text(encoding="utf-8")
    for pattern in ("/.gitlab-ci.yml", "/tools/", "/site_config/", "/units.yaml", "/office/"):
        assert re.search(rf"^{re.escape(pattern)} @", text, re.M), pattern


# ---- the pull-request step, run for real ------------------------------------------------------------------

TRAP = "import pathlib; pathlib.Path({marker!r}).write_text('ran')\n"


def planted_pull_request(tmp_path: Path, marker: Path) -> Path:
    """A clone (pr/) whose head plants code in every place a careless workflow would run."""
    town = Town(tmp_path / "origin")
    town.add_item("mengwang", "2026-11-20", "村民小组会议")
    town.commit("base")
    town.branch("pr")
    trap = TRAP.format(marker=str(marker))
    town.write("Makefile", f".venv/.installed site:\n\ttouch {marker}\n")
    for rel in ("tools/baosong/__init__.py", "baosong/__init__.py", "sitecustomize.py", "scripts/gitea_pr_comment.py"):
        town.write(rel, trap)
    town.write(".venv/bin/baosong", f"#!/bin/sh\ntouch {marker}\n")
    town.write(item_path("mengwang", TODAY, "安全生产会议"), item_text("mengwang", TODAY, "勐往村召开安全生产工作会议"))
    town.commit("plant")
    (tmp_path / "job").mkdir()
    pr = tmp_path / "job" / "pr"
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "clone", "-q", "--branch", "pr", str(town.root), str(pr)], check=True, env=env)
    return pr


@pytest.mark.parametrize("forge", sorted(ACTIONS))
def test_the_check_step_never_runs_the_pull_requests_code(forge, tmp_path):
    marker = tmp_path / "ran.txt"
    pr = planted_pull_request(tmp_path, marker)
    job_dir = pr.parent
    (job_dir / "base" / ".venv" / "bin").mkdir(parents=True)
    os.symlink(VENV_BIN / "baosong", job_dir / "base" / ".venv" / "bin" / "baosong")
    step = next(s for s in load(ACTIONS[forge])["jobs"]["validate"]["steps"] if "--changed-since" in s.get("run", ""))
    output, summary = tmp_path / "output.txt", tmp_path / "summary.md"
    env = {
        **os.environ,
        **GIT_ENV,
        "PR_AUTHOR": "licy",
        "BASE_REF": "main",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    script = step["run"].replace("--changed-since", f"--today {TODAY} --changed-since")
    done = subprocess.run(
        ["bash", "-e", "-c", script], cwd=job_dir, env=env, capture_output=True, text=True, check=False
    )
    assert not marker.exists(), "the pull request's code ran"
    report = (job_dir / "report.md").read_text(encoding="utf-8")
    assert "C06" in report and "Makefile" in report and "tools/baosong/__init__.py" in report
    assert "不能合并" in report
    if forge == "gitea":
        assert output.read_text(encoding="utf-8").strip() == "status=1"
    else:
        assert done.returncode == 1 and "::error" in done.stdout and "C06" in summary.read_text(encoding="utf-8")
    shutil.rmtree(job_dir)
