"""Benchmark: ``baosong build`` of the sample repository and of synthetic townships (issues 5 and 8).

    .venv/bin/python scripts/bench_site.py [--items 5000 20000] [--units 40] [--sample] [--keep DIR]
                                           [--search both|on|off] [--no-rebuild]

For each size a synthetic repository is made with ``baosong sample --no-git`` (deterministic), this
repository's mkdocs.yml and site_config/{docs,overrides,rules.yaml,templates} are copied in, and
``baosong build --today 2026-11-25`` runs in a child process with an empty page cache (its own
$XDG_CACHE_HOME). Then one item is added and the site rebuilt with that cache (the rebuild a reporter's
merge causes). ``--search off`` builds with a copy of mkdocs.yml with the plugin's ``search: false``.
Reported per run: wall and CPU seconds, peak memory (largest process's RSS, and the PSS of all build
processes together, sampled every 0.1 s), pages, site size, search index size. ``--sample`` also builds this repository.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from procmem import PeakSampler  # noqa: E402

from baosong.site.search import INDEX_DIR  # noqa: E402

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


def build(root: Path, site: Path, label: str, config: Path | None = None, cache: Path | None = None) -> None:
    env = dict(os.environ)
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    command = [str(BIN / "baosong"), "build", "--root", str(root), "--today", TODAY, "--site-dir", str(site)]
    if config is not None:
        command += ["--config-file", str(config)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    with PeakSampler(child) as peak:
        stdout, stderr = child.communicate()
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode != 0:
        print(stdout, stderr, file=sys.stderr)
        raise SystemExit(f"{label}: build failed ({child.returncode})")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    pages = sum(1 for _ in site.rglob("*.html"))
    index = size(site / INDEX_DIR) if (site / INDEX_DIR).is_dir() else 0
    reused = re.search(r"生成页面：(\d+) 页，其中 (\d+) 页未变", stdout)
    print(
        f"{label}: wall {wall:.1f} s, cpu {cpu:.1f} s, peak {after.ru_maxrss / 1024:.0f} MB largest process / "
        f"{peak.bytes / 2**20:.0f} MB all processes (PSS), {pages} pages, site {size(site) / 2**20:.0f} MB"
        + (f", search index {index / 2**20:.1f} MB" if index else ", no search index")
        + (f", {reused.group(2)}/{reused.group(1)} generated pages unchanged" if reused else ""),
        flush=True,
    )


def without_search(root: Path) -> Path:
    """A copy of mkdocs.yml with the plugin's search off."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  - baosong\b.*$", "  - baosong:\n      search: false", text)
    path = root / "mkdocs-nosearch.yml"
    path.write_text(text, encoding="utf-8")
    return path


def add_item(root: Path) -> None:
    """One more item in the first unit (a copy of its newest item with another title and date)."""
    newest = max((root / "submissions").rglob("*.md"))
    text = newest.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: 新增：", 1)
    (newest.parent / (newest.stem + "-新增.md")).write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, nargs="*", default=[5000])
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--sample", action="store_true", help="also build this repository's sample")
    parser.add_argument("--keep", type=Path, help="keep the generated repositories and sites here")
    parser.add_argument("--search", choices=("both", "on", "off"), default="both")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the rebuild after adding one item")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-site-"))
    work.mkdir(parents=True, exist_ok=True)
    modes = {"both": ("off", "on"), "on": ("on",), "off": ("off",)}[args.search]
    try:
        if args.sample:
            shutil.rmtree(work / "cache-sample", ignore_errors=True)
            build(REPO, work / "sample-site", "sample (cold cache)", cache=work / "cache-sample")
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
            nosearch = without_search(root)
            for mode in modes:
                config = nosearch if mode == "off" else None
                cache = work / f"cache-{n}-{mode}"
                shutil.rmtree(cache, ignore_errors=True)
                label = f"{n} items, {args.units} units, search {mode}"
                build(root, work / f"site-{n}-{mode}", f"{label}, full build (cold cache)", config, cache)
                if not args.no_rebuild:
                    add_item(root)
                    build(root, work / f"site-{n}-{mode}", f"{label}, rebuild after adding one item", config, cache)
                    for extra in (root / "submissions").rglob("*-新增.md"):
                        extra.unlink()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
