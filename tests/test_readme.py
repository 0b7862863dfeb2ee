"""The README's ``baosong`` examples run on the shipped sample exactly as written (issue 15, deliverable 10).

Every command line that starts with ``baosong`` in a ``sh`` block, and every ``baosong …`` in a table row, is
taken from README.md (the forge section, which shows server paths such as /srv/git, is left out) and run with
the console script in a fresh git clone of the sample, from its root, the way an office worker would.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
SAMPLE = ("units.yaml", "mkdocs.yml", "submissions", "office", "site_config")
BAOSONG = Path(sys.executable).parent / "baosong"


def readme_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    text = re.sub(r"<!-- forges: begin.*?<!-- forges: end -->", "", text, flags=re.S)
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            if line.startswith("baosong "):
                commands.append(line.split("  #", 1)[0].strip())
    for row in re.findall(r"^\|.*\|$", text, flags=re.M):  # the office's table: "| 季度通报 | `baosong stats …` |"
        commands += re.findall(r"`(baosong [^`]+)`", row)
    return list(dict.fromkeys(commands))


COMMANDS = readme_commands()


def test_readme_has_the_examples():
    names = {c.split()[1] for c in COMMANDS}
    assert {"validate", "fix", "new", "build", "stats", "remind", "roster"} <= names, COMMANDS
    assert all("文件.md" not in c and "单位代号" not in c for c in COMMANDS), COMMANDS  # no placeholders


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("readme") / "xinxi"
    root.mkdir()
    for name in SAMPLE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.email", "office@example.org"],
        ["config", "user.name", "office"],
        ["add", "-A"],
        ["commit", "-qm", "sample"],
    ):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)
    return root


def run_in(sample: Path, command: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """``command`` as written, with the console script, from the sample's root and a private cache."""
    argv = shlex.split(command)
    assert argv[0] == "baosong"
    env = {"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    return subprocess.run([str(BAOSONG), *argv[1:]], cwd=sample, capture_output=True, text=True, env=env, timeout=600)


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs_on_the_sample(sample, command, tmp_path):
    result = run_in(sample, command, tmp_path)
    assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])
    assert "Traceback" not in result.stderr


def test_new_without_reporter_on_the_sample_is_a_usage_error(sample, tmp_path):
    """The README's old example: mengwang has two active reporters, so --reporter is needed (SPEC §4: exit 2)."""
    result = run_in(
        sample,
        "baosong new --unit mengwang --type 会议 --category 部署落实 --title 勐往村召开安全生产工作会议",
        tmp_path,
    )
    assert result.returncode == 2, result
    assert "--reporter" in result.stderr and "李春艳" in result.stderr and "Traceback" not in result.stderr
