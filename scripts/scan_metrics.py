"""Precision and recall of the content scanners S02–S08 on the labelled corpus.

Usage: .venv/bin/python scripts/scan_metrics.py [--corpus tests/corpus/sensitive] [--today 2026-11-25] [-v]
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from baosong.checks.sensitive_corpus import CODES, load_corpus, score

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus" / "sensitive")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 25))
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrongly predicted example")
    args = parser.parse_args()
    corpus = load_corpus(args.corpus)
    scores = score(corpus, args.today)
    positives = sum(1 for ex in corpus.examples if ex.codes)
    print(f"examples: {len(corpus.examples)} ({positives} positives, {len(corpus.examples) - positives} near-misses)")
    print(f"{'code':<6}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    for code in CODES:
        tp, fp, fn = scores.tp[code], scores.fp[code], scores.fn[code]
        print(f"{code:<6}{tp:>5}{fp:>5}{fn:>5}{scores.precision(code):>11.3f}{scores.recall(code):>8.3f}")
    tp, fp, fn = (sum(c.values()) for c in (scores.tp, scores.fp, scores.fn))
    print(f"{'all':<6}{tp:>5}{fp:>5}{fn:>5}{scores.precision():>11.3f}{scores.recall():>8.3f}")
    if args.verbose:
        for ex, got in scores.misses:
            want = ",".join(sorted(ex.codes)) or "-"
            print(f"  {ex.source}: want {want} got {','.join(sorted(got)) or '-'}: {ex.text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
