"""The labelled corpus of sentences the scanners are measured on (``tests/corpus/sensitive/*.tsv``).

Format, one example a line: ``CODES<TAB>sentence``; CODES is ``-`` for a near-miss (nothing may be
reported) or codes separated by commas (``S03`` or ``S03,S05``). ``\\n`` in a sentence is a line
break, ``\\u200b`` (four hex digits) or ``\\U000e0041`` (eight) a character that is hard to see in a file.
``!allow<TAB>value`` lines give the corpus's ``scan.allow``; ``#`` lines are comments.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})")
CODES = ("S02", "S03", "S04", "S05", "S06", "S07", "S08")


@dataclass(frozen=True)
class Example:
    source: str  # file:line
    codes: frozenset[str]
    text: str


@dataclass
class Corpus:
    examples: list[Example] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)


@dataclass
class Scores:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    misses: list[tuple[Example, frozenset[str]]] = field(default_factory=list)  # examples predicted wrongly

    def precision(self, code: str | None = None) -> float:
        tp = self.tp[code] if code else sum(self.tp.values())
        fp = self.fp[code] if code else sum(self.fp.values())
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, code: str | None = None) -> float:
        tp = self.tp[code] if code else sum(self.tp.values())
        fn = self.fn[code] if code else sum(self.fn.values())
        return tp / (tp + fn) if tp + fn else 1.0


def load_corpus(folder: Path) -> Corpus:
    corpus = Corpus()
    for path in sorted(Path(folder).glob("*.tsv")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            label, _, text = line.partition("\t")
            if label == "!allow":
                corpus.allow.append(text)
                continue
            codes = frozenset() if label == "-" else frozenset(c.strip() for c in label.split(","))
            unknown = codes - set(CODES)
            if unknown or not text:
                raise ValueError(f"{path.name}:{n}: bad label {label!r}")
            text = ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text.replace("\\n", "\n"))
            corpus.examples.append(Example(f"{path.name}:{n}", codes, text))
    return corpus


def predict(corpus: Corpus, today: date) -> list[frozenset[str]]:
    """The codes the real checks report for each example (S02–S07 item checks, S08 corpus check)."""
    from ..township.items import Item
    from ..township.rules import Rules, ScanConfig
    from .registration import CORPUS_CHECKS, ITEM_CHECKS, Context

    rules = Rules(scan=ScanConfig(allow=tuple(corpus.allow)))
    ctx = Context(Path("."), None, rules, today)
    items = [
        Item(f"submissions/corpus/2026/2026-11-25-{i}.md", {}, {}, ex.text, 1) for i, ex in enumerate(corpus.examples)
    ]
    found: dict[str, set[str]] = {item.path: set() for item in items}
    for item in items:
        for code in CODES:
            for finding in ITEM_CHECKS.get(code, lambda *_: ())(item, ctx):
                found[finding.path].add(finding.code)
    for finding in CORPUS_CHECKS["S08"](items, ctx):
        found[finding.path].add(finding.code)
    return [frozenset(found[item.path]) for item in items]


def score(corpus: Corpus, today: date) -> Scores:
    scores = Scores()
    for ex, got in zip(corpus.examples, predict(corpus, today), strict=True):
        for code in got & ex.codes:
            scores.tp[code] += 1
        for code in got - ex.codes:
            scores.fp[code] += 1
        for code in ex.codes - got:
            scores.fn[code] += 1
        if got != ex.codes:
            scores.misses.append((ex, got))
    return scores
