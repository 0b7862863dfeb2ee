"""``make bench``: every path of baosong at N = 2,000 and 20,000 items, on this machine, in one run.

For each N it generates a synthetic township (``baosong sample``), then measures wall time and peak
memory of: full validate (cold and with the result cache), a changed-only validate of one new item on a
branch, ``stats``, the site build with and without Chinese search, a rebuild after adding one item, and
— in the same run — a plain ``mkdocs build`` of the same item pages without the baosong plugin. It also
reports the search index bytes per item. Usage: ``python benchmarks/bench.py [--items 2000 20000]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from procmem import PeakSampler

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TODAY = "2026-11-25"


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the largest process's peak RSS
    tree_mb: float  # the peak PSS of the command and all its processes together (workers included)
    output: str


def run(args: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run a command; wall seconds, its largest process's peak RSS and its process tree's peak PSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    with PeakSampler(proc) as tree:
        out = proc.stdout.read().decode("utf-8", "replace")
        # wait4 gives the child's rusage, whose maxrss covers the workers it waited for: the largest process.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(args)}\n{out[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, tree.bytes / 2**20, out)


def baosong(*args: str, root: Path, env: dict | None = None) -> Run:
    return run([str(BIN / "baosong"), *args, "--root", str(root), "--today", TODAY], env=env)


def site_config(root: Path, search: bool) -> Path:
    """The repository's own mkdocs.yml and site_config, with the plugin's search on or off."""
    shutil.rmtree(root / "site_config", ignore_errors=True)
    shutil.copytree(REPO / "site_config", root / "site_config")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if not search:
        text = re.sub(r"(?m)^  - baosong\b.*$", "  - baosong:\n      search: false", text)
    config = root / ("mkdocs.yml" if search else "mkdocs-nosearch.yml")
    config.write_text(text, encoding="utf-8")
    return config


def add_item(root: Path, n: int = 0) -> None:
    """A new valid item dated today, committed on a branch (what a reporter's pull request holds)."""
    if n == 0:
        subprocess.run(["git", "-C", str(root), "checkout", "-q", "-b", "change"], check=True)
    new = root / f"submissions/u00{1 + n}/2026/2026-11-25-新增一条.md"
    head, _, body = (
        sorted((root / f"submissions/u00{1 + n}").rglob("*.md"))[-1].read_text(encoding="utf-8").partition("\n---\n")
    )
    fields = {"date": "2026-11-25", "event_date": "2026-11-25", "title": f"新增的第{n + 1}条信息用于测量"}
    head = "\n".join(
        f"{line.split(':')[0]}: {fields[line.split(':')[0]]}" if line.split(":")[0] in fields else line
        for line in head.splitlines()
    )
    new.write_text(f"{head}\n---\n{body}", encoding="utf-8")
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", "新增"], check=True)


def build(root: Path, config: Path, env: dict | None = None) -> Run:
    return run(
        [str(BIN / "baosong"), "build", "--root", str(root), "--today", TODAY, "--config-file", str(config)], env=env
    )


def plain_mkdocs(root: Path, search: bool) -> Run:
    """The same item pages built by plain MkDocs-Material (small nav, items not in nav), no plugin."""
    from baosong.checks.repository import load_repository
    from baosong.scan.markdown_setup import CONFIGS, EXTENSIONS
    from baosong.township.dates import parse_date

    plain = root.parent / f"plain-{search}"
    shutil.rmtree(plain, ignore_errors=True)
    docs = plain / "docs"
    (docs / "items").mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    for item in load_repository(root, parse_date(TODAY)).valid_items:
        path = docs / "items" / f"{item.id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {item.title}\n\n{item.body}", encoding="utf-8")
    import yaml

    config = {
        "site_name": "plain",
        "docs_dir": "docs",
        "site_dir": "site",
        "nav": ["index.md"],
        "not_in_nav": "/items/",
        "theme": {"name": "material", "language": "zh", "font": False},
        "plugins": ["search"] if search else [],
        "markdown_extensions": [{name: CONFIGS[name]} if name in CONFIGS else name for name in EXTENSIONS],
    }
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return run([str(BIN / "mkdocs"), "build", "-q"], cwd=plain)


def index_bytes(site: Path) -> int:
    from baosong.site.search import INDEX_DIR

    folder = site / INDEX_DIR
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def bench(n: int, work: Path) -> list[tuple[str, Run | str]]:
    root = work / f"county-{n}"
    gen = run([str(BIN / "baosong"), "sample", "--items", str(n), "--units", "40", "--seed", "1", "--out", str(root)])
    rows: list[tuple[str, Run | str]] = [("生成模拟仓库 (baosong sample)", gen)]
    cold = {"BAOSONG_NO_CACHE": "1"}
    rows.append(("validate 全量（无缓存）", baosong("validate", root=root, env=cold)))
    rows.append(("validate 全量（首次，写入缓存）", baosong("validate", root=root)))
    rows.append(("validate 全量（有缓存，文件未变）", baosong("validate", root=root)))
    rows.append(
        ("stats 一个季度（无缓存）", baosong("stats", "--quarter", "2026Q3", "--format", "json", root=root, env=cold))
    )
    rows.append(("stats 一个季度（有缓存）", baosong("stats", "--quarter", "2026Q3", "--format", "json", root=root)))

    with_search = site_config(root, True)
    first = build(root, with_search)
    rows.append(("网站生成 含中文搜索（首次）", first))
    size = index_bytes(root / "site")
    rows.append(("搜索索引 每条字节", f"{size / n:,.0f} B（共 {size / 1e6:.1f} MB）"))
    add_item(root)
    rows.append(
        (
            "validate 只查改动（新增 1 条）",
            baosong("validate", "--changed-since", "main", "--actor", "rep001", root=root, env=cold),
        )
    )
    rebuilds = [build(root, with_search)]
    for n in (1, 2):  # the machine's disk and neighbours make single runs vary: three, the median shown
        add_item(root, n)
        rebuilds.append(build(root, with_search))
    rebuilds.sort(key=lambda r: r.seconds)
    middle = rebuilds[1]
    rows.append(("网站重建 含中文搜索（每次新增 1 条，3 次的中位数）", middle))
    rows.append(("网站重建 3 次的用时", " / ".join(f"{r.seconds:.2f}" for r in rebuilds) + " 秒"))
    without = build(root, site_config(root, False), env=cold)
    rows.append(("网站生成 不含搜索（首次）", without))
    for search, ours in ((True, first), (False, without)):
        label = "含中文搜索（Material + jieba）" if search else "不含搜索"
        plain = plain_mkdocs(root, search)
        rows.append((f"对照：原生 mkdocs build {label}", plain))
        rows.append((f"比值 baosong/原生 {label}", f"{ours.seconds / plain.seconds:.2f}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--keep", action="store_true", help="keep the generated repositories")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="baosong-bench-"))
    os.environ.setdefault("XDG_CACHE_HOME", str(work / "cache"))
    print(f"机器：{os.cpu_count()} 核；Python {sys.version.split()[0]}；工作目录 {work}")
    try:
        for n in args.items:
            print(f"\n## {n:,} 条信息\n")
            print("| 测量 | 秒 | 峰值内存 MB（最大进程） | 峰值内存 MB（全部进程 PSS） |")
            print("|---|---:|---:|---:|")
            for label, result in bench(n, work):
                if isinstance(result, Run):
                    print(
                        f"| {label} | {result.seconds:.2f} | {result.peak_mb:.0f} | {result.tree_mb:.0f} |", flush=True
                    )
                else:
                    print(f"| {label} | {result} | | |", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
