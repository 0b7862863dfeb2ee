"""Benchmark: quarterly statistics on a synthetic township (default 20,000 items, 40 units).

Measures separately: loading the repository (read + check every file, the part `validate` also pays),
computing one quarter, and the exports. Usage:

    .venv/bin/python scripts/bench_stats.py [--items 20000] [--units 40] [--out /tmp/bench-stats]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from baosong.checks.repository import load_repository
from baosong.office.exports.circular_docx import write_circular
from baosong.office.exports.circular_text import circular_text
from baosong.office.exports.tables import quarter_tables
from baosong.office.exports.xlsx import write_workbook
from baosong.office.stats import compute_quarter
from baosong.township.dates import quarter_of
from baosong.write.synthetic import generate

END = date(2026, 11, 24)


TYPES = ["动态", "会议", "文件", "报告", "调研", "经验"]


def dense(out: Path, items: int, units: int) -> None:
    """Every item in 2026Q3 (the worst case for one quarter): ``units`` units, items spread over its 13 weeks."""
    lines = ["township: 压测乡", "timezone: Asia/Shanghai", "office:", "  name: 乡党政办", "units:"]
    for u in range(units):
        kind = "行政村" if u % 2 else "机关单位"
        lines += [
            f"  - id: u{u:04d}",
            f"    name: 单位{u:04d}",
            f"    kind: {kind}",
            "    reviewers:",
            f"      - {{name: 审核{u:04d}, since: 2020-01-01}}",
            "    reporters:",
            f"      - {{name: 信息员{u:04d}, git: r{u:04d}, since: 2020-01-01}}",
        ]
    (out / "office" / "adoptions").mkdir(parents=True, exist_ok=True)
    (out / "units.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    adoptions = []
    for n in range(items):
        u = n % units
        day = date(2026, 7, 1) + timedelta(days=(n // units * 7 + u) % 92)
        slug = f"第{n}号工作动态"
        rel = out / "submissions" / f"u{u:04d}" / "2026" / f"{day.isoformat()}-{slug}.md"
        rel.parent.mkdir(parents=True, exist_ok=True)
        front = [
            f"title: 单位{u:04d}开展第{n}号重点工作",
            f"unit: u{u:04d}",
            f"reporter: 信息员{u:04d}",
            f"reviewed_by: 审核{u:04d}",
            f"date: {day}",
            f"event_date: {day}",
            f"type: {TYPES[n % 6]}",
            "category: 部署落实",
            "sensitivity: 公开",
        ]
        rel.write_text(
            "---\n" + "\n".join(front) + "\n---\n本单位认真落实工作部署，取得了阶段性成效。\n", encoding="utf-8"
        )
        if n % 10 == 0:
            adoptions.append(f"- id: u{u:04d}/2026/{day.isoformat()}-{slug}\n  level: 乡采用\n  date: {day}\n")
    (out / "office" / "adoptions" / "2026.yaml").write_text("".join(adoptions), encoding="utf-8")


def timed(label, fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    print(f"{label:<34}{time.perf_counter() - start:7.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--dense", action="store_true", help="all items in 2026Q3 (worst case for one quarter)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-stats-")) / "repo"
    if not (out / "units.yaml").exists():
        if args.dense:
            timed(f"generate {args.items} items in 2026Q3", dense, out, args.items, args.units)
        else:
            timed(f"generate {args.items} items", generate, out, args.items, args.units, 1, END, False)
    repo = timed("load_repository (read + check)", load_repository, out, END)
    valid = timed("valid_items", lambda: repo.valid_items)
    print(f"  {len(repo.items)} items, {len(valid)} valid, {len(repo.ledger.adoptions)} adoptions")
    year, quarter = (2026, 3) if args.dense else quarter_of(END)
    stats = timed(f"compute_quarter {year}Q{quarter}", compute_quarter, repo, year, quarter, END)
    timed("compute_quarter, all quarters of 2026", lambda: [compute_quarter(repo, 2026, q, END) for q in (1, 2, 3, 4)])
    tables = timed("tables", quarter_tables, stats)
    timed("xlsx", write_workbook, tables, out.parent / "bench.xlsx")
    timed("docx", write_circular, circular_text(stats, tables), tables, out.parent / "bench.docx")
    print(f"  {sum(u.submitted for u in stats.units)} items counted in {year}Q{quarter}")


if __name__ == "__main__":
    main()
