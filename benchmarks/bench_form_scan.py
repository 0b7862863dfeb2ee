"""Time of the browser's content scanners (site/form/assets/scan.js) per call, in Debian's Chromium.

The 填报 page scans the title and body as the reporter types, so one call must stay well under a frame or
two for a normal item and stay bounded for a pathological paste. Measured inside the page with
``performance.now()`` (median of the rounds): the first call (compiles the data's regexes), a typical
item, the whole labelled corpus as one body, and 100 KB bodies built to be slow (many character
references, lines starting and ending with digits, long digit runs). Python's time on the same texts
(the six item checks, process CPU time) is printed beside it. Also the data's size, raw and gzip.
Usage: ``python benchmarks/bench_form_scan.py [--rounds 9]``.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from baosong.checks.registration import ITEM_CHECKS, Context
from baosong.site.form.scanner_data import SCAN_JS, scan_assets
from baosong.township.items import Item
from baosong.township.rules import Rules, load_rules

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests"))

from bench_scan import corpus_texts  # noqa: E402

from helpers_site import chromium  # noqa: E402

CODES = ("S02", "S03", "S04", "S05", "S06", "S07")
TODAY = date(2026, 11, 25)
TYPICAL = (
    "11月24日，勐往村组织村组干部开展汛后水毁设施排查，共排查排水沟 12 条、便道 3 条，"
    "发现隐患 5 处，已落实整改责任人。联系人：王某，电话 0871-6512 3456。\n\n"
    "| 项目 | 数量 |\n|---|---|\n| 排水沟 | 12 条 |\n| 便道 | 3 条 |\n\n"
    "- 清理淤泥 45 立方米\n- 修复护坡 2 处\n\n下一步，村委会将持续做好汛后恢复工作。\n"
) * 3


def bodies() -> dict[str, str]:
    corpus = "\n\n".join(corpus_texts())
    return {
        "typical item (1 KB)": TYPICAL,
        "corpus as one body": corpus,
        "100 KB prose": (TYPICAL * 200)[:100_000],
        "100 KB of &amp; on one line": "R&amp;D " * 12_500,
        "100 KB lines ending/starting with digits": "共计 12\n34 户\n" * 8_000,
        "100 KB digit groups": "6228 4800 1234 5678 " * 5_000,
    }


def python_seconds(text: str, rules: Rules, rounds: int) -> float:
    ctx = Context(Path("."), None, rules, TODAY)
    best = []
    for _ in range(rounds):
        item = Item("submissions/x/2026/2026-11-25-x.md", {}, {}, text, 9)
        start = time.process_time()
        for code in CODES:
            list(ITEM_CHECKS[code](item, ctx))
        best.append(time.process_time() - start)
    return statistics.median(best)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    rules = load_rules(REPO).rules  # the sample township's site_config/rules.yaml
    js_text, json_text = scan_assets(rules)
    raw = json_text.encode("utf-8")
    print(f"scan.js: {len(SCAN_JS.read_bytes())} bytes; data: {len(raw)} bytes ({len(gzip.compress(raw))} gzip)")
    texts = bodies()
    with chromium() as browser:
        page = browser.new_page()
        page.set_content("<!doctype html><meta charset='utf-8'><body></body>")
        page.add_script_tag(content=js_text)
        first = page.evaluate(
            """(json) => { const t0 = performance.now(); const data = JSON.parse(json);
                window.__data = data; window.baosongScan.scan("开始", data); return performance.now() - t0; }""",
            json_text,
        )
        print(f"first call (JSON.parse + regex compile): {first:.1f} ms")
        print(f"{'body':<42}{'chars':>8}{'browser ms':>12}{'python ms':>11}")
        for name, text in texts.items():
            ms = page.evaluate(
                """([text, rounds]) => { const times = [];
                    for (let i = 0; i < rounds; i++) { const t0 = performance.now();
                        window.baosongScan.scan(text, window.__data, {today: "2026-11-25"});
                        times.push(performance.now() - t0); }
                    times.sort((a, b) => a - b); return times[times.length >> 1]; }""",
                [text, args.rounds],
            )
            py = python_seconds(text, rules, min(args.rounds, 3)) * 1000
            print(f"{name:<42}{len(text):>8}{ms:>12.1f}{py:>11.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
