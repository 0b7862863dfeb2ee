"""Real git repositories of a small township for the change-review tests (C01–C05, hook, CODEOWNERS)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

UNITS_YAML = """\
township: 测试乡
timezone: Asia/Shanghai
office:
  name: 乡党政办
  reviewers:
    - {name: 王丽萍, git: wanglp}
  forge: {kind: gitea, url: https://git.example.internal/ceshi/xinxi, branch: main}
units:
  - id: mengwang
    name: 勐往村
    kind: 行政村
    reviewers:
      - {name: 张国华, git: zhanggh, since: 2021-06-01}
    reporters:
      - {name: 李春艳, git: licy, since: 2021-06-01}
  - id: baka
    name: 坝卡村
    kind: 行政村
    reviewers:
      - {name: 罗建明, since: 2021-06-01}
    reporters:
      - {name: 赵文军, git: zhaowj, since: 2019-03-01, until: 2026-08-14}
      - {name: 俸玉兰, git: fengyl, since: 2026-08-15}
"""

PEOPLE = {"mengwang": ("李春艳", "张国华"), "baka": ("俸玉兰", "罗建明")}
TODAY = "2026-11-25"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "测试",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "测试",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def item_text(unit: str, day: str, title: str, body: str = "正文内容，记录工作开展情况。", **extra) -> str:
    reporter, reviewer = PEOPLE[unit]
    meta = {
        "title": title,
        "unit": unit,
        "reporter": reporter,
        "reviewed_by": reviewer,
        "date": day,
        "event_date": day,
        "type": "动态",
        "category": "其他",
        "sensitivity": "公开",
        **extra,
    }
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n" + body + "\n"


def item_path(unit: str, day: str, slug: str) -> str:
    return f"submissions/{unit}/{day[:4]}/{day}-{slug}.md"


class Town:
    """A township repository in a temporary folder, driven with the real git command."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.write("units.yaml", UNITS_YAML)

    def git(self, *args: str, env: dict | None = None, check: bool = True, input: str | None = None) -> str:
        full_env = {**os.environ, **GIT_ENV, **(env or {})}
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            input=input,
            cwd=self.root,
            env=full_env,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def write(self, rel: str, text: str | bytes) -> str:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return rel

    def add_item(self, unit: str, day: str, slug: str, title: str | None = None, **extra) -> str:
        return self.write(item_path(unit, day, slug), item_text(unit, day, title or f"{slug}工作情况报道", **extra))

    def commit(self, message: str = "change", date: str = "2026-11-20T10:00:00+08:00") -> str:
        self.git("add", "-A")
        self.git(
            "commit", "-q", "--allow-empty", "-m", message, env={"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        )
        return self.git("rev-parse", "HEAD").strip()

    def branch(self, name: str, start: str = "main") -> None:
        self.git("checkout", "-q", "-b", name, start)

    def checkout(self, name: str) -> None:
        self.git("checkout", "-q", name)


def codes(findings) -> list[tuple[str, str]]:
    return sorted((f.code, f.path) for f in findings)


BAOSONG = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "baosong"


def bare_server(path: Path, town: Town, *hook_args: str) -> Path:
    """A bare repository at ``path`` with ``baosong hook install`` (the .venv's baosong), set as town's origin."""
    from baosong.review.hook import install

    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(path)], check=True, env={**os.environ, **GIT_ENV})
    install(path, str(BAOSONG), ["--today", TODAY, *hook_args])
    town.git("remote", "add", "origin", str(path))
    return path


def push(town: Town, *args: str, actor: str | None = "licy") -> subprocess.CompletedProcess:
    """A real ``git push origin ARGS`` with the pusher in BAOSONG_ACTOR (None: no pusher variable at all)."""
    env = {**os.environ, **GIT_ENV, "LC_ALL": "C.UTF-8"}
    for name in ("BAOSONG_ACTOR", "GITEA_PUSHER_NAME", "GL_USERNAME", "GL_USER", "REMOTE_USER"):
        env.pop(name, None)
    if actor is not None:
        env["BAOSONG_ACTOR"] = actor
    return subprocess.run(
        ["git", "push", "origin", *args], cwd=town.root, env=env, capture_output=True, text=True, check=False
    )


def server_tip(bare: Path, ref: str = "main") -> str | None:
    done = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", f"refs/heads/{ref}"],
        cwd=bare,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or None
