"""Benchmark: the offline search index at county scale (issue 8) — build time, size, bytes and time to a result.

    .venv/bin/python scripts/bench_search.py [--items 20000] [--units 40] [--seed 7] [--paragraphs 1]
                                             [--runs 3] [--keep DIR] [--throttle-mbit 0] [--queries 200]
                                             [--shard-bytes N] [--chunk-bytes N]

Generates a synthetic repository with ``baosong.write.synthetic.generate`` (no git), reads it with
``load_repository`` (the site's own entry), makes one ``SearchDoc`` per valid item (``--paragraphs K``
makes bodies K times longer with more sentences of the same kind), then:

* times ``build_index`` (both cores and one core; best and median of ``--runs``) and ``html_to_text``;
* reports bytes: total, per item, terms shards vs docs chunks, largest shard;
* serves the result on localhost (the standard library's server, in a child process) and, in Debian's Chromium
  (fresh context = cold cache each time), opens ``search/?q=…`` for typical queries, waits for the first result
  and reports the time since navigation start and every byte the page downloaded (page, JS, CSS, manifest,
  shards, docs chunks; read from the browser's resource timing, nothing intercepted); then the same
  when typing the query into the box (debounce included). ``--throttle-mbit`` also emulates a slow link.
  The filters' data (facets.json: 单位, 类型, 类别, 年份 of every item) is asked for after the first results
  are shown: its bytes are reported in their own column, not in the bytes before the first result;
* recall and precision of ``--queries`` queries drawn from the items (``search.queries``: substrings of text,
  titles, units/types/categories/tags, two words of one item, two words of different items, whole numbers),
  every result the client returns (no page limit) against the items that hold the query.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import itertools
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from baosong.checks.repository import load_repository
from baosong.site.pages.common import item_uri
from baosong.site.search import INDEX_DIR, SearchDoc, build_index, html_to_text, write_search_assets
from baosong.site.search.assets import write_standalone_page
from baosong.site.search.index import CHUNK_BYTES, SHARD_BYTES
from baosong.site.search.preview import CHROMIUM, CHROMIUM_ARGS, serve
from baosong.site.search.queries import Scores, Truth, sample_queries
from baosong.site.urls import href
from baosong.write.synthetic import TOPICS, body_text, generate

TODAY = date(2026, 11, 25)
DONE = ".bs-search[data-bs-state=done], .bs-search[data-bs-state=error]"
# when the client had put the results in the page (its "bs-results" mark), or now if nothing was found
SHOWN = "(performance.getEntriesByName('bs-results')[0] || {startTime: performance.now()}).startTime"
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]  # no request can leave this machine
QUERIES = ["防汛 演练", "茶产业 培训", "禁毒 宣传", "医保 代缴", "护林员 巡山", "茶", "组织防汛应急演练 参演群众"]


def make_docs(root: Path, paragraphs: int, seed: int) -> list[SearchDoc]:
    repo = load_repository(root, today=TODAY)
    names = {uid: unit.name for uid, unit in repo.registry.units.items()}
    rng = random.Random(seed)
    docs = []
    for number, item in enumerate(sorted(repo.valid_items, key=lambda i: i.path)):
        text = item.body
        topic = next((t for t in item.tags if t in TOPICS), None)
        for _ in range(paragraphs - 1):
            if topic:
                text += body_text(rng, SimpleNamespace(name=names[item.unit]), topic, item.date)
        docs.append(
            SearchDoc(
                number,
                href(item_uri(item.id)),  # as the site writes it: percent-encoded
                item.title,
                text,
                names.get(item.unit, item.unit),
                item.date.isoformat(),
                item.type,
                item.category,
                tuple(item.tags),
            )
        )
    return docs


def jieba_text(docs: list[SearchDoc], seed: int) -> list[SearchDoc]:
    """The same items with their text replaced by words drawn by frequency from jieba's dictionary (349,000
    words): the vocabulary of real prose, far richer than the phrase banks, so many more distinct bigrams."""
    path = Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"
    words, weights = [], []
    for line in path.read_text("utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        words.append(word)
        weights.append(int(freq))
    cumulative = list(itertools.accumulate(weights))
    rng = random.Random(seed)
    out = []
    for doc in docs:
        drawn = rng.choices(words, cum_weights=cumulative, k=max(8, len(doc.text) * 2 // 5))
        parts = []
        for i, word in enumerate(drawn, 1):
            parts.append(word)
            if i % 9 == 0:
                parts.append("，" if i % 27 else "。\n")
        out.append(dataclasses.replace(doc, text="".join(parts) + "。\n"))
    return out


def timed(runs: int, fn) -> tuple[float, float, object]:
    seconds, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - started)
    return min(seconds), statistics.median(seconds), result


@dataclass
class Visit:
    ms: float  # time to the first result (or to "nothing found")
    sizes: dict[str, int]  # bytes of every response before the first result, by URL
    after: int  # bytes of the filters' data (facets.json), asked for once the first results are shown
    found: int  # results the page reports
    outside: list[str]  # requests that would have left localhost (aborted)


# Bytes of every response since resource entry `from` (the page itself included when from is 0), by URL: the
# browser's own resource timing, so that nothing of this process sits between the page and the server.
BODIES = """from => {
  const sizes = {};
  if (!from) { const n = performance.getEntriesByType('navigation')[0]; sizes[n.name] = n.encodedBodySize; }
  performance.getEntriesByType('resource').slice(from).forEach(e => { sizes[e.name] = e.encodedBodySize; });
  return sizes;
}"""


def visit(browser, base: str, query: str, mode: str, throttle_mbit: float) -> Visit:
    """One cold visit (fresh context): ``url`` opens search/?q=…, ``typed`` types into the box, ``slow`` is url
    on an emulated link. Requests are watched, never intercepted (interception would put this process in every
    request's path); the browser cannot resolve any host but 127.0.0.1 (``OFFLINE_ARGS``)."""
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((base, "data:")) else outside.append(r.url))
    if mode == "slow":
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        rate = throttle_mbit * 1e6 / 8
        conditions = {"offline": False, "latency": 20, "downloadThroughput": rate, "uploadThroughput": rate}
        cdp.send("Network.emulateNetworkConditions", conditions)
    if mode == "typed":
        page.goto(base + "search/")
        page.wait_for_selector(".bs-search[data-bs-ready]")
        page.wait_for_load_state("networkidle")
        before = page.evaluate("performance.getEntriesByType('resource').length")
        page.evaluate("window.__t0 = performance.now()")
        page.fill(".bs-search__input", query)
        page.wait_for_selector(DONE, timeout=30_000)
        ms = page.evaluate(f"{SHOWN} - window.__t0")
    else:
        before = 0
        page.goto(base + "search/?q=" + query)
        page.wait_for_selector(DONE, timeout=30_000)
        ms = page.evaluate(SHOWN)
    found = int(page.get_attribute(".bs-search", "data-bs-count") or 0)
    if found:  # the filters follow the results: wait for them, and count their bytes apart
        page.wait_for_selector(".bs-search__filters:not([hidden])", timeout=30_000)
    sizes = page.evaluate(BODIES, before)
    after = sum(v for k, v in sizes.items() if "/facets.json" in k)
    sizes = {k: v for k, v in sizes.items() if "/facets.json" not in k}
    context.close()
    return Visit(ms=ms, sizes=sizes, after=after, found=found, outside=outside)


def quality(browser, base: str, docs: list[SearchDoc], count: int, seed: int) -> tuple[Scores, dict[str, Scores]]:
    """Recall and precision over ``count`` sampled queries, all of them and per kind, through the page's own client
    (``baosongSearch.everything``: the same candidates and checks as the results list, every result)."""
    page = browser.new_page()
    page.goto(base + "search/")
    page.wait_for_selector(".bs-search[data-bs-ready]")
    total, kinds = Scores(), {}
    truth = Truth(docs)
    for kind, query in sample_queries(docs, count, seed):
        got = page.evaluate("q => baosongSearch.everything('../search_index/', q)", query)
        want = truth.expected(query)
        total.add(kind, query, want, got)
        kinds.setdefault(kind, Scores()).add(kind, query, want, got)
    page.close()
    return total, kinds


def browser_figures(site: Path, queries: list[str], runs: int, throttle_mbit: float, docs=(), count=0, seed=0):
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site, own_process=True) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + OFFLINE_ARGS)
        if count:
            started = time.perf_counter()
            total, kinds = quality(browser, base, list(docs), count, seed)
            print(
                f"\nrecall and precision, {count} queries drawn from the items (every result, Chromium): "
                f"recall {total.recall:.1%}, precision {total.precision:.1%} "
                f"({total.tp} right, {total.fp} wrong, {total.fn} missed; {time.perf_counter() - started:.0f} s)"
            )
            print("  " + "; ".join(f"{k}: {v.recall:.1%}/{v.precision:.1%}" for k, v in kinds.items()))
            for line in total.wrong:
                print("  " + line)
        for query in queries:
            for mode in ("url", "typed", "slow") if throttle_mbit else ("url", "typed"):
                visits = [visit(browser, base, query, mode, throttle_mbit) for _ in range(runs)]
                last = visits[-1].sizes
                times = [v.ms for v in visits]
                rows.append(
                    {
                        "query": query,
                        "mode": mode,
                        "ms_best": min(times),
                        "ms_median": statistics.median(times),
                        "bytes_all": sum(last.values()),
                        "bytes_index": sum(v for k, v in last.items() if f"/{INDEX_DIR}/" in k),
                        "shards": sum(1 for k in last if "/terms/" in k),
                        "chunks": sum(1 for k in last if "/docs/" in k),
                        "outside": sum(len(v.outside) for v in visits),
                        "found": visits[-1].found,
                        "bytes_after": visits[-1].after,
                    }
                )
        browser.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--paragraphs", type=int, default=1, help="make bodies this many times longer")
    parser.add_argument(
        "--vocabulary",
        choices=("synthetic", "jieba"),
        default="synthetic",
        help="jieba: same lengths, words drawn by frequency from jieba's dictionary",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the built site here")
    parser.add_argument("--throttle-mbit", type=float, default=0, help="also measure on an emulated link (Mbit/s)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--queries", type=int, default=200, help="queries for recall and precision (0: none)")
    parser.add_argument("--shard-bytes", type=int, default=SHARD_BYTES, help="target mean size of a terms shard")
    parser.add_argument("--chunk-bytes", type=int, default=CHUNK_BYTES, help="target mean size of a docs chunk")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        started = time.perf_counter()
        generate(work / "repo", args.items, args.units, args.seed, TODAY, git=False)
        docs = make_docs(work / "repo", args.paragraphs, args.seed)
        if args.vocabulary == "jieba":
            docs = jieba_text(docs, args.seed)
        chars = sum(len(d.text) for d in docs) / len(docs)
        print(
            f"corpus: {len(docs)} items, {chars:.0f} characters of text per item "
            f"(generated and read in {time.perf_counter() - started:.1f} s, not part of the figures)"
        )

        html = ["<p>" + d.text.replace("\n\n", "</p><p>") + "</p>" for d in docs]
        best, _, _ = timed(1, lambda: [html_to_text(h) for h in html])
        print(f"html_to_text over {len(html)} rendered bodies: {best:.2f} s")

        site = (args.keep or work / "site").resolve()
        out = site / INDEX_DIR
        base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        sizes = {"shard_bytes": args.shard_bytes, "chunk_bytes": args.chunk_bytes}
        best, median, stats = timed(args.runs, lambda: build_index(docs, out, **sizes))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        cores = os.cpu_count() or 1
        best_n, median_n, _ = timed(args.runs, lambda: build_index(docs, out, workers=cores, **sizes))
        print(
            f"build_index, one process (default): best {best:.2f} s, median {median:.2f} s; "
            f"workers={cores}: best {best_n:.2f} s, median {median_n:.2f} s"
        )
        print(f"peak RSS of this process: {base_rss:.0f} MB before the build (corpus), {rss:.0f} MB after it")
        print(f"index: {stats.terms} terms in {stats.shards} shards, {stats.chunks} docs chunks of {stats.chunk} items")
        print(
            f"bytes: total {stats.total_bytes / 1e6:.2f} MB = {stats.bytes_per_item:.0f} B/item "
            f"(terms {stats.terms_bytes / 1e6:.2f} MB = {stats.terms_bytes / stats.docs:.0f} B/item, "
            f"docs {stats.docs_bytes / 1e6:.2f} MB = {stats.docs_bytes / stats.docs:.0f} B/item); "
            f"largest shard {stats.max_shard_bytes / 1e3:.1f} KB, largest chunk {stats.max_chunk_bytes / 1e3:.1f} KB"
        )

        if args.no_browser:
            return 0
        write_search_assets(site)
        write_standalone_page(site)
        rows = browser_figures(site, QUERIES, args.runs, args.throttle_mbit, docs, args.queries, args.seed)
        print(
            "\nChromium, cold cache (url: open search/?q=…, time since navigation start; typed: type into the box,"
            " time since typing incl. 200 ms debounce; slow: url on an emulated link)"
        )
        print(
            f"{'query':<34}{'mode':<7}{'best ms':>9}{'median':>9}{'all KB':>9}{'index KB':>10}{'shards':>8}"
            f"{'chunks':>8}{'outside':>8}{'found':>8}{'filters KB':>11}"
        )
        for r in rows:
            print(
                f"{r['query']:<{34 - sum(1 for c in r['query'] if ord(c) > 0x2E80)}}{r['mode']:<7}"
                f"{r['ms_best']:>9.0f}{r['ms_median']:>9.0f}{r['bytes_all'] / 1e3:>9.1f}{r['bytes_index'] / 1e3:>10.1f}"
                f"{r['shards']:>8}{r['chunks']:>8}{r['outside']:>8}{r['found']:>8}{r['bytes_after'] / 1e3:>11.1f}"
            )
        worst = max(rows, key=lambda r: r["bytes_all"])
        print(
            f"\nlargest download before the first result: {worst['bytes_all'] / 1e6:.2f} MB ({worst['query']}, "
            f"{worst['mode']}); slowest first result: {max(r['ms_median'] for r in rows if r['mode'] != 'slow'):.0f} ms"
        )
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
