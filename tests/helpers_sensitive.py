"""A tiny township repository in tmp_path for the scanner tests (one unit, one reporter)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from baosong.cli.main import cli

TODAY = "2026-11-25"
UNITS = """\
township: 测试乡
timezone: Asia/Shanghai
office:
  name: 乡党政办
  reviewers:
    - {name: 王丽萍, git: wanglp, title: 党政办主任}
units:
  - id: mengwang
    name: 勐往村
    kind: 行政村
    reviewers:
      - {name: 张国华, git: zhanggh, title: 村党总支书记, since: 2021-06-01}
    reporters:
      - {name: 李春艳, git: licy, title: 文书, since: 2021-06-01}
"""
RULES = """\
scan:
  scanners: {S02: error, S03: error, S04: error, S05: warning, S06: warning, S07: warning, S08: error}
  words:
    - {word: 内部传阅, severity: error, advice: 内部传阅的材料不能报送}
    - {word: 未经审定, severity: warning, advice: 请先经单位负责人审定}
  allow: []
"""


def item_text(body: str, title: str = "勐往村召开安全生产工作会议", sensitivity: str = "公开") -> str:
    return (
        "---\n"
        f"title: {title}\n"
        "unit: mengwang\n"
        "reporter: 李春艳\n"
        "reviewed_by: 张国华\n"
        "date: 2026-11-24\n"
        "event_date: 2026-11-24\n"
        "type: 会议\n"
        "category: 监督检查\n"
        f"sensitivity: {sensitivity}\n"
        "---\n"
        f"{body}\n"
    )


def make_repo(root: Path, items: dict[str, str], rules: str = RULES) -> Path:
    (root / "units.yaml").write_text(UNITS, encoding="utf-8")
    (root / "site_config").mkdir(exist_ok=True)
    (root / "site_config" / "rules.yaml").write_text(rules, encoding="utf-8")
    folder = root / "submissions" / "mengwang" / "2026"
    folder.mkdir(parents=True, exist_ok=True)
    for slug, text in items.items():
        (folder / f"2026-11-24-{slug}.md").write_text(text, encoding="utf-8")
    return root


def validate(root: Path, fmt: str = "json") -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["validate", "--root", str(root), "--today", TODAY, "--format", fmt], catch_exceptions=False
    )
    return result.exit_code, result.output


def findings(root: Path) -> list[dict]:
    _, out = validate(root, "json")
    return json.loads(out)["findings"]
