"""CPU time of the content scanners S02–S07 alone, so two versions can be compared on a busy machine.

Usage: ``python benchmarks/bench_scan.py REPO`` (e.g. a ``baosong sample --items 20000`` township): reads
every item once, then runs the six item checks over all of them and prints the best of three rounds of
process CPU time (wall time on a shared machine says more about the neighbours). The labelled corpus
(``tests/corpus/sensitive``, mostly numbers and markings) is timed the same way, 50 passes a round.
To compare with another version, run it with ``PYTHONPATH=<that version>/tools``.
"""

from __future__ import annotations

import re
import sys
import time
from datetime import date
from pathlib import Path

import baosong
from baosong.checks.registration import ITEM_CHECKS, Context
from baosong.township.items import Item
from baosong.township.reader import read_path
from baosong.township.rules import Rules, load_rules

CODES = ("S02", "S03", "S04", "S05", "S06", "S07")
TODAY = date(2026, 11, 25)
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "sensitive"
ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")


def corpus_texts() -> list[str]:
    """The corpus sentences, read here so that every version compared times the same text."""
    texts = []
    for path in sorted(CORPUS.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            label, tab, text = line.partition("\t")
            if tab and not label.startswith(("#", "!")):
                texts.append(ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text.replace("\\n", "\n")))
    return texts


def best_of_three(items: list[Item], ctx: Context, passes: int = 1) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(3):
        start = time.process_time()
        found = 0
        for _ in range(passes):
            for item in items:
                for code in CODES:
                    found += sum(1 for _ in ITEM_CHECKS[code](item, ctx))
        best = min(best, time.process_time() - start)
    return best, found


def main() -> int:
    root = Path(sys.argv[1])
    rels = sorted(str(p.relative_to(root)) for p in (root / "submissions").rglob("*.md"))
    items = [r.item for r in (read_path(root, rel) for rel in rels) if r.item is not None]
    ctx = Context(root, None, load_rules(root).rules, TODAY)
    seconds, found = best_of_three(items, ctx)
    print(f"{baosong.__file__}")
    print(f"  {root}: {len(items)} items, {found} findings, S02–S07 {seconds:.2f} s CPU")
    corpus = [Item(f"submissions/c/2026/2026-11-25-{i}.md", {}, {}, text, 12) for i, text in enumerate(corpus_texts())]
    seconds, found = best_of_three(corpus, Context(Path("."), None, Rules(), TODAY), passes=50)
    print(f"  corpus: {len(corpus)} sentences x 50, {found} findings, S02–S07 {seconds:.2f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
