"""Shared fixtures: a small real township repository in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"

UNITS = """\
township: 测试乡
timezone: Asia/Shanghai
office:
  name: 乡党政办
  reviewers:
    - {name: 王丽萍, git: wanglp}
units:
  - id: mengwang
    name: 勐往村
    kind: 行政村
    reviewers:
      - {name: 张国华, git: zhanggh, since: 2021-06-01}
    reporters:
      - {name: 李春艳, git: licy, phone: "13800000101", since: 2021-06-01}
      - {name: 赵文军, git: zhaowj, since: 2019-03-01, until: 2026-08-14}
  - id: nongfu
    name: 农业农村综合服务中心
    kind: 机关单位
    reviewers:
      - {name: 杨宏伟, since: 2022-03-01}
    reporters:
      - {name: 段晓琴, git: duanxq, since: 2022-03-01}
"""

REQUESTS = """\
- id: 2026-防汛
  title: 关于报送防汛减灾工作信息的通知
  issued: 2026-07-01
  due: 2026-07-20
  units: all
"""

FIELDS = {
    "title": "勐往村召开安全生产工作会议",
    "unit": "mengwang",
    "reporter": "李春艳",
    "reviewed_by": "张国华",
    "date": "2026-11-25",
    "event_date": "2026-11-25",
    "type": "会议",
    "category": "监督检查",
    "sensitivity": "公开",
}
BODY = "11月25日，勐往村召开安全生产工作会议，部署冬季安全生产工作。\n"


def item_text(body: str = BODY, drop: tuple[str, ...] = (), **fields) -> str:
    """A submission's text: the default fields, overridden/extended by ``fields``, minus ``drop``."""
    values = {**FIELDS, **fields}
    lines = ["---"]
    for key, value in values.items():
        if key in drop or value is None:
            continue
        lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body


class Township:
    def __init__(self, root: Path):
        self.root = root

    def write(self, rel: str, content: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    def item(
        self,
        name: str = "2026-11-25-安全生产会议.md",
        unit: str = "mengwang",
        body: str = BODY,
        drop: tuple[str, ...] = (),
        **fields,
    ) -> str:
        date = fields.get("date", name[:10])
        fields.setdefault("date", date)
        fields.setdefault("event_date", fields["date"])
        fields.setdefault("unit", unit)
        rel = f"submissions/{unit}/{name[:4]}/{name}"
        self.write(rel, item_text(body, drop, **fields))
        return rel


@pytest.fixture
def township(tmp_path) -> Township:
    root = tmp_path / "repo"
    (root / "site_config" / "templates").mkdir(parents=True)
    shutil.copy(REPO / "site_config" / "rules.yaml", root / "site_config" / "rules.yaml")
    shutil.copy(REPO / "site_config" / "templates" / "submission.md", root / "site_config" / "templates")
    (root / "units.yaml").write_text(UNITS, encoding="utf-8")
    (root / "office" / "requests").mkdir(parents=True)
    (root / "office" / "requests" / "2026.yaml").write_text(REQUESTS, encoding="utf-8")
    return Township(root)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Each test gets its own result cache directory (never the developer's ~/.cache)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def repo_root(tmp_path) -> Path:
    """The statistics township of tests/helpers_stats.py (a hand-computed quarter), in tmp_path."""
    from helpers_stats import make_township

    root = tmp_path / "repo"
    root.mkdir()
    make_township(root)
    return root
