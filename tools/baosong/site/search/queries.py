"""Recall and precision of the search: sampled queries and the results they must give (issue 18's 200 queries).

``sample_queries`` draws queries from the items themselves, ``Truth.expected`` says which items a query must find by
the rule the client promises (assets/search.js): every query word occurs in one field of the item (title, unit,
type, category, tags, text); a CJK word as any substring, a word of letters or digits as a whole word (the index
keeps those whole, tokens.py). ``Scores`` adds up what the client returned against that. Used by
scripts/bench_search.py (20,000 items) and tests/test_search_index.py (a small corpus in Chromium).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from urllib.parse import unquote

from .index import SearchDoc
from .tokens import TOKEN, normalize, query_words, runs

KINDS = ("text", "title", "field", "two words", "apart", "number")  # how a query is drawn (see sample_queries)


def _fields(doc: SearchDoc) -> list[str]:
    return [doc.title, doc.unit, doc.type, doc.category, "\n".join(doc.tags), " ".join(doc.text.split())]


def _cjk_piece(rng: random.Random, text: str) -> str | None:
    """A random substring of 2–6 characters of a random CJK run of ``text`` (None when it has no such run)."""
    found = [cjk for cjk, _ in runs(text) if len(cjk) >= 2]
    if not found:
        return None
    run = rng.choice(found)
    size = rng.randint(2, min(6, len(run)))
    start = rng.randrange(len(run) - size + 1)
    return run[start : start + size]


def sample_queries(docs: list[SearchDoc], count: int = 200, seed: int = 18) -> list[tuple[str, str]]:
    """``count`` (kind, query) pairs, the same for the same items and seed, in six kinds (one sixth each):

    text, title, field (unit, type, category or a tag): a 2–6 character substring of that part of an item, often
    in the middle of a word; two words: two such substrings of one item; apart: substrings of two different
    items (few or no items hold both: what precision is about); number: a whole number of an item's text.
    """
    rng = random.Random(seed)
    pool = [d for d in docs if not d.page]
    out: list[tuple[str, str]] = []
    while len(out) < count:
        kind = KINDS[len(out) % len(KINDS)]
        doc = rng.choice(pool)
        if kind == "text":
            query = _cjk_piece(rng, doc.text)
        elif kind == "title":
            query = _cjk_piece(rng, doc.title)
        elif kind == "field":
            query = _cjk_piece(rng, rng.choice([doc.unit, doc.type, doc.category, *doc.tags]))
        elif kind == "two words":
            a, b = _cjk_piece(rng, doc.text), _cjk_piece(rng, doc.title)
            query = f"{a} {b}" if a and b else None
        elif kind == "apart":
            a, b = _cjk_piece(rng, doc.text), _cjk_piece(rng, rng.choice(pool).text)
            query = f"{a} {b}" if a and b else None
        else:
            numbers = [word for _, word in runs(doc.text) if word.isdigit()]
            query = rng.choice(numbers) if numbers else None
        if query and (kind, query) not in out:
            out.append((kind, query))
    return out


class Truth:
    """What each query must find (``expected``), with every item's fields normalised once."""

    def __init__(self, docs: list[SearchDoc]):
        self.paths = [unquote(doc.url) for doc in docs]
        self.fields = [[normalize(f) for f in _fields(doc)] for doc in docs]
        self.words = [{w for f in fields for _, w in runs(f) if w} for fields in self.fields]

    def expected(self, query: str) -> set[str]:
        """The decoded page paths (as the index stores them) of the items ``query`` must find (the rule above).

        Items longer than ``index.MAX_TEXT`` characters are judged on their whole text; the client checks a
        candidate against the first ``MAX_TEXT`` only and keeps it if it was cut, so such an item can be a false
        positive.
        """
        words = query_words(query)
        cjk = [w for w in words if TOKEN.fullmatch(w).group(1)]  # any substring of a field
        whole = [w for w in words if w not in cjk]  # letters or digits: a whole word of a field
        return {
            path
            for path, fields, found in zip(self.paths, self.fields, self.words, strict=True)
            if words and all(w in found for w in whole) and all(any(w in f for f in fields) for w in cjk)
        }


@dataclass
class Scores:
    """True and false positives and misses, over all queries and per kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    wrong: list[str] = field(default_factory=list)  # "kind query: +extra / -missed", the first few

    def add(self, kind: str, query: str, want: set[str], got: list[str]) -> None:
        got_set = set(got)
        self.tp += len(want & got_set)
        self.fp += len(got_set - want) + (len(got) - len(got_set))  # a result listed twice is a wrong one too
        self.fn += len(want - got_set)
        if (got_set != want or len(got) != len(got_set)) and len(self.wrong) < 10:
            self.wrong.append(f"{kind} {query}: +{sorted(got_set - want)[:3]} -{sorted(want - got_set)[:3]}")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
