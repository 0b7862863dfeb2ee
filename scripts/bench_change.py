"""Benchmark: check a one-item change in a 20,000-item repository with a 2,000-commit history.

    .venv/bin/python scripts/bench_change.py [--items 20000] [--commits 2000] [--units 20] [--runs 5] [--hook]
                                            [--keep DIR]

Builds the repository quickly (files written directly, history through one ``git fast-import`` stream),
makes a branch that adds one item, then times ``baosong validate --changed-since main`` as a user runs it
(a fresh process: interpreter start, imports, git, reading, checks). Target: ≤ 1.5 s wall.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 11, 25)
BAOSONG = Path(sys.executable).with_name("baosong")
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "b@example.invalid",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "b@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
TOPICS = [
    "安全生产",
    "防汛抗旱",
    "森林防火",
    "乡村振兴",
    "人居环境",
    "产业发展",
    "民生保障",
    "矛盾调解",
    "党建工作",
    "疫病防控",
]


def units_yaml(n: int) -> str:
    lines = [
        "township: 基准乡",
        "timezone: Asia/Shanghai",
        "office:",
        "  name: 乡党政办",
        "  reviewers:",
        "    - {name: 王主任, git: office1}",
        "units:",
    ]
    for u in range(n):
        lines += [
            f"  - id: u{u:02d}",
            f"    name: 第{u}村",
            "    kind: 行政村",
            "    reviewers:",
            f"      - {{name: 审核{u}, git: rev{u:02d}, since: 2020-01-01}}",
            "    reporters:",
            f"      - {{name: 信息员{u}, git: rep{u:02d}, since: 2020-01-01}}",
        ]
    return "\n".join(lines) + "\n"


def item(unit: int, day: date, k: int) -> tuple[str, bytes]:
    topic = TOPICS[k % len(TOPICS)]
    path = f"submissions/u{unit:02d}/{day.year}/{day.isoformat()}-{topic}{k}.md"
    text = (
        f"---\ntitle: 第{unit}村开展{topic}工作第{k}次\nunit: u{unit:02d}\nreporter: 信息员{unit}\n"
        f"reviewed_by: 审核{unit}\ndate: {day}\nevent_date: {day}\ntype: 动态\ncategory: 其他\nsensitivity: 公开\n"
        f"---\n{day.month}月{day.day}日，第{unit}村组织开展{topic}工作，村干部和群众代表参加。\n\n"
        "会议要求各村民小组认真落实各项措施，确保工作取得实效。\n"
    )
    return path, text.encode("utf-8")


def build(root: Path, n_items: int, n_commits: int, n_units: int) -> None:
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=ENV)
    files = [("units.yaml", units_yaml(n_units).encode("utf-8"))]
    start = TODAY - timedelta(days=700)
    for k in range(n_items):
        day = start + timedelta(days=k * 699 // n_items)
        files.append(item(k % n_units, day, k))
    for rel, data in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    per_commit = -(-len(files) // n_commits)
    stream = bytearray()
    t0 = 1_700_000_000
    for c in range(n_commits):
        chunk = files[c * per_commit : (c + 1) * per_commit]
        if not chunk:
            break
        msg = f"报送 {c}".encode()
        stream += b"commit refs/heads/main\n"
        stream += f"committer bench <b@example.invalid> {t0 + c * 3600} +0800\n".encode()
        stream += b"data %d\n%s\n" % (len(msg), msg)
        for rel, data in chunk:
            stream += b"M 100644 inline %s\ndata %d\n%s\n" % (rel.encode("utf-8"), len(data), data)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=bytes(stream), check=True, env=ENV)
    subprocess.run(["git", "reset", "-q"], cwd=root, check=True, env=ENV)  # index from HEAD, stat data refreshed


def make_change(root: Path) -> str:
    subprocess.run(["git", "checkout", "-q", "-b", "pr"], cwd=root, check=True, env=ENV)
    rel, data = item(3, TODAY, 999_999)
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_bytes(data)
    subprocess.run(["git", "add", rel], cwd=root, check=True, env=ENV)
    subprocess.run(["git", "commit", "-q", "-m", "新报送"], cwd=root, check=True, env=ENV)
    return rel


CPU: list[float] = []  # user+sys seconds of each timed run (git children included): shows what load hides


def timed(cmd: list[str], stdin: str | None = None) -> tuple[float, subprocess.CompletedProcess]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, done


def time_check(root: Path, runs: int) -> list[float]:
    cmd = [
        str(BAOSONG),
        "validate",
        "--root",
        str(root),
        "--changed-since",
        "main",
        "--actor",
        "rep03",
        "--today",
        TODAY.isoformat(),
    ]
    times = []
    for _ in range(runs):
        wall, done = timed(cmd)
        times.append(wall)
        if done.returncode != 0:
            sys.exit(f"unexpected result ({done.returncode}):\n{done.stdout}{done.stderr}")
    print(done.stdout.strip())
    return times


def time_hook(root: Path, runs: int) -> list[float]:
    """The pre-receive hook on a bare clone: the same one-item change, as git would hand it over."""
    bare = root.parent / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(root), str(bare)], check=True, env=ENV)
    old = subprocess.run(["git", "rev-parse", "main"], cwd=bare, capture_output=True, text=True, check=True).stdout
    new = subprocess.run(["git", "rev-parse", "pr"], cwd=bare, capture_output=True, text=True, check=True).stdout
    line = f"{old.strip()} {new.strip()} refs/heads/main\n"
    cmd = [str(BAOSONG), "hook", "pre-receive", "--root", str(bare), "--actor", "rep03", "--today", TODAY.isoformat()]
    times = []
    for _ in range(runs):
        wall, done = timed(cmd, line)
        times.append(wall)
        if done.returncode != 0:
            sys.exit(f"hook refused ({done.returncode}):\n{done.stderr}")
    return times


def summary(times: list[float]) -> str:
    median, best = statistics.median(times), min(times)
    return ", ".join(f"{x:.2f}" for x in times) + f" s; median {median:.2f} s, best {best:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--commits", type=int, default=2_000)
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hook", action="store_true", help="also time the pre-receive hook on a bare clone")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temporary folder)")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="baosong-bench-"))
    root = base / "repo"
    try:
        t = time.perf_counter()
        build(root, args.items, args.commits, args.units)
        built = time.perf_counter() - t
        make_change(root)
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        times = time_check(root, args.runs)
        cpu = list(CPU)
        print(f"repository: {args.items} items, {args.commits} commits, {args.units} units, built in {built:.1f} s")
        print(f"load average before the runs: {load}")
        print(f"one-item change check (validate --changed-since), wall: {summary(times)} (target ≤ 1.5 s)")
        print(f"  CPU (user+sys, incl. git): {summary(cpu)}")
        if args.hook:
            CPU.clear()
            print(f"one-item push (hook pre-receive on a bare clone), wall: {summary(time_hook(root, args.runs))}")
            print(f"  CPU (user+sys, incl. git and tar): {summary(CPU)}")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
