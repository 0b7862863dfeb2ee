"""Benchmark: ``baosong build`` of the sample repository and of synthetic townships (issue 5).

    .venv/bin/python scripts/bench_site.py [--items 5000] [--units 20] [--sample] [--keep DIR]

For each size a synthetic repository is made with ``baosong sample --no-git`` (deterministic), this
repository's mkdocs.yml and site_config/{docs,overrides,rules.yaml,templates} are copied in, and
``baosong build --today 2026-11-25`` runs in a child process. Reported per run: wall and CPU seconds,
peak memory of the build, pages, site size, search index size. ``--sample`` also builds this repository.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TODAY = "2026-11-25"


def site_config(root: Path) -> None:
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "site_config").mkdir(exist_ok=True)
    for name in ("docs", "overrides", "templates"):
        shutil.copytree(REPO / "site_config" / name, root / "site_config" / name, dirs_exist_ok=True)
    if not (root / "site_config" / "rules.yaml").exists():
        shutil.copy(REPO / "site_config" / "rules.yaml", root / "site_config" / "rules.yaml")


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(root: Path, site: Path, label: str) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    done = subprocess.run(
        [str(BIN / "baosong"), "build", "--root", str(root), "--today", TODAY, "--site-dir", str(site), "-q"],
        capture_output=True,
        text=True,
    )
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        print(done.stdout, done.stderr, file=sys.stderr)
        raise SystemExit(f"{label}: build failed ({done.returncode})")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    pages = sum(1 for _ in site.rglob("*.html"))
    index = site / "search" / "search_index.json"
    print(
        f"{label}: wall {wall:.1f} s, cpu {cpu:.1f} s, peak {after.ru_maxrss / 1024:.0f} MB, {pages} pages, "
        f"site {size(site) / 2**20:.0f} MB, search index {index.stat().st_size / 2**20:.1f} MB"
        if index.exists()
        else f"{label}: wall {wall:.1f} s, cpu {cpu:.1f} s, {pages} pages"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, nargs="*", default=[5000])
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--sample", action="store_true", help="also build this repository's sample")
    parser.add_argument("--keep", type=Path, help="keep the generated repositories and sites here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-site-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.sample:
            build(REPO, work / "sample-site", "sample")
        for n in args.items:
            root = work / f"township-{n}"
            shutil.rmtree(root, ignore_errors=True)
            subprocess.run(
                [
                    str(BIN / "baosong"),
                    "sample",
                    "--items",
                    str(n),
                    "--units",
                    str(args.units),
                    "--no-git",
                    "--out",
                    str(root),
                ],
                check=True,
                capture_output=True,
            )
            site_config(root)
            build(root, work / f"site-{n}", f"{n} items, {args.units} units")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
