"""``baosong sample``: deterministic, valid, with a real git history."""

from __future__ import annotations

import hashlib
import subprocess

from click.testing import CliRunner

from baosong.checks.repository import load_repository
from baosong.cli.main import cli
from baosong.township.dates import parse_date


def digest(root):
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts):
        h.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def make(tmp_path, name, seed=7):
    out = tmp_path / name
    result = CliRunner().invoke(
        cli,
        ["sample", "--items", "120", "--units", "6", "--seed", str(seed), "--out", str(out)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return out


def test_sample_is_deterministic_valid_and_has_history(tmp_path):
    a, b = make(tmp_path, "a"), make(tmp_path, "b")
    assert digest(a) == digest(b)
    assert digest(make(tmp_path, "c", seed=8)) != digest(a)
    repo = load_repository(a, parse_date("2026-11-25"))
    assert len(repo.items) == 120
    assert [f for f in repo.findings if f.is_error] == []
    assert repo.ledger.adoptions
    log = subprocess.run(["git", "-C", str(a), "log", "--format=%s"], capture_output=True, text=True, check=True)
    assert log.stdout.splitlines()[-1] == "建立信息报送仓库" and len(log.stdout.splitlines()) > 5
    status = subprocess.run(["git", "-C", str(a), "status", "--porcelain"], capture_output=True, text=True, check=True)
    assert status.stdout == ""


def test_sample_refuses_non_empty_out(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "f").write_text("1")
    result = CliRunner().invoke(cli, ["sample", "--items", "5", "--out", str(tmp_path / "x")])
    assert result.exit_code == 1 and "不是空目录" in result.output
