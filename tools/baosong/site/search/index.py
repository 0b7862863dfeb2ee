"""Build the sharded full-text index the browser searches (``assets/search.js`` reads it).

Layout under ``out_dir``::

    manifest.json    {"format", "token", "docs", "shards", "chunk", "chunks", "maxText", "names"}: names is
                     [[unit...], [type...], [category...]], each field's values most items first, the one
                     dictionary the docs records' codes point into
    terms/<k>.json   {term: postings} or {term: [postings, title postings(, tag postings)]} for terms with
                     crc32 % shards == k (an empty string where a term is in no title; tag postings hold
                     the items that have the term in their tags and not in their title)
    docs/<c>.json    [[path, title, unit, date, type, text, cut, category, tags], ...] for items c*chunk …
                     (path: the page's site-relative URL decoded, e.g. ``items/u/2026/2026-11-24-第3批#救助/``;
                     the client percent-encodes it with the rule of ``site/urls.py``; unit, type, category:
                     indexes into the manifest's names; cut: 1 if text was cut at maxText, else 0; tags: a
                     list of strings)
    facets.json      {"fields": [名称...], "values": [[value...]...], "codes": [string...]}: per field, the
                     values and one character per item (``codec.ALPHABET`` index of its value; two when a
                     field has more than 64 values): the results page counts 单位, 类型, 类别, 年份 from it

A result is found by its title, unit, type, category and tags (关键词) as well as its text; ranking puts a
title hit first, then a tag hit, then the rest (assets/search.js).

Items are numbered newest first (date descending, then ``id``), so "newer" is "smaller number" and
the first docs chunks hold the newest items. Postings are encoded by ``codec``. Every file is compact
JSON written in a fixed order: the same items give the same bytes.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import shutil
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .codec import ALPHABET, PostingEncoder, shard_of
from .tokens import terms

FORMAT = 3  # 3: records hold decoded paths and name codes (issue 18: bytes to the first results)
FACETS = ("单位", "类型", "类别", "年份")  # the results page's filters, in this order
# Target mean sizes of a terms shard and a docs chunk. A query fetches one shard per distinct term and the chunks
# of its first ten-odd candidates, which are spread over the whole index (title hits first): at 20,000 items the
# bytes before the first results fell from 144 KB (32,000/16,000) to 78 KB, the longest query's from 354 KB to
# 126 KB, for about 11 more requests at most and 3,400 index files instead of 870 (issue 18; performance.md).
SHARD_BYTES = 8_000
CHUNK_BYTES = 4_000
MAX_TEXT = 4_000  # characters of an item's text kept for snippets (the index covers all of it)
MAX_CHUNK_DOCS = 256
PARALLEL_MIN_CHARS = 5_000_000  # less text than this: starting processes and merging cost more than they save


@dataclass(frozen=True)
class SearchDoc:
    id: int
    url: str  # site-relative URL of the item page, e.g. "items/u001/2026/x/"
    title: str
    text: str  # plain text of the body (see text.html_to_text)
    unit: str  # unit name as readers know it
    date: str  # ISO date
    type: str
    category: str = ""
    tags: tuple[str, ...] = ()  # 关键词
    page: bool = False  # a hand-written page (报送指南): found and shown like an item, but in no filter

    def facets(self) -> tuple[str, str, str, str]:
        """Its value of each of ``FACETS`` ("" for a hand-written page: it has no unit, type or year)."""
        if self.page:
            return ("", "", "", "")
        return (self.unit, self.type, self.category, self.date[:4])


@dataclass
class IndexStats:
    docs: int
    terms: int
    shards: int
    chunks: int
    chunk: int  # items per docs chunk
    terms_bytes: int
    docs_bytes: int
    manifest_bytes: int
    facets_bytes: int
    max_shard_bytes: int
    max_chunk_bytes: int
    seconds: float

    @property
    def total_bytes(self) -> int:
        return self.terms_bytes + self.docs_bytes + self.manifest_bytes + self.facets_bytes

    @property
    def bytes_per_item(self) -> float:
        return self.total_bytes / max(self.docs, 1)


def _dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


Postings = dict[str, list[int]]


@dataclass
class _Part:
    """What one worker makes of a run of items: postings (numbered from its offset) and docs records."""

    body: Postings
    title: Postings
    tags: Postings
    records: list[bytes]


NAMED = ("unit", "type", "category")  # the SearchDoc fields a record holds as a code into the manifest's names


def names(ordered: list[SearchDoc]) -> list[list[str]]:
    """Per field of ``NAMED``, its distinct values, most items first (ties by value): small codes for common names.

    A few dozen units, types and categories are repeated in every record; as codes they cost 1–2 bytes instead
    of 10–30 (issue 18: the bytes before the first results).
    """
    out = []
    for field in NAMED:
        counts: dict[str, int] = {}
        for doc in ordered:
            value = getattr(doc, field)
            counts[value] = counts.get(value, 0) + 1
        out.append(sorted(counts, key=lambda v: (-counts[v], v)))
    return out


def _record(doc: SearchDoc, max_text: int, codes: list[dict[str, int]]) -> bytes:
    """One docs record (see the module docstring). The URL is stored decoded: percent-encoding triples the bytes of
    every CJK character, and the client encodes it back exactly as ``site/urls.py`` does (tested over every
    character SPEC §2.2 allows in a file name)."""
    text = " ".join(doc.text.split())
    cut = 1 if len(text) > max_text else 0
    unit, type_, category = (codes[k][getattr(doc, field)] for k, field in enumerate(NAMED))
    return _dump([unquote(doc.url), doc.title, unit, doc.date, type_, text[:max_text], cut, category, list(doc.tags)])


@contextlib.contextmanager
def _gc_paused():
    """Millions of small lists make the cyclic collector rescan everything again and again (it doubled the
    time of a build); nothing here makes cycles, so it waits until the index is built."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _index_part(docs: list[SearchDoc], offset: int, max_text: int, codes: list[dict[str, int]]) -> _Part:
    with _gc_paused():
        return _index_run(docs, offset, max_text, codes)


def _index_run(docs: list[SearchDoc], offset: int, max_text: int, codes: list[dict[str, int]]) -> _Part:
    body: defaultdict[str, list[int]] = defaultdict(list)
    title: defaultdict[str, list[int]] = defaultdict(list)
    tags: defaultdict[str, list[int]] = defaultdict(list)
    for n, doc in enumerate(docs, offset):
        in_title = terms(doc.title)
        for term in in_title:
            title[term].append(n)
        in_tags = terms("\n".join(doc.tags)) if doc.tags else set()
        for term in in_tags - in_title:  # a title hit already ranks first: tag postings hold tag-only hits
            tags[term].append(n)
        in_any = terms(f"{doc.unit}\n{doc.type}\n{doc.category}\n{doc.text}")
        in_any |= in_title
        in_any |= in_tags
        for term in in_any:
            body[term].append(n)
    return _Part(dict(body), dict(title), dict(tags), [_record(doc, max_text, codes) for doc in docs])


def _merge(parts: list[_Part]) -> _Part:
    whole = parts[0]
    for part in parts[1:]:
        for into, more in ((whole.body, part.body), (whole.title, part.title), (whole.tags, part.tags)):
            for term, numbers in more.items():
                if term in into:
                    into[term].extend(numbers)
                else:
                    into[term] = numbers
        whole.records.extend(part.records)
    return whole


def _index_all(ordered: list[SearchDoc], workers: int, max_text: int, codes: list[dict[str, int]]) -> _Part:
    """Tokenize every item on all cores: each worker takes a contiguous run of item numbers."""
    if workers <= 1 or sum(len(d.text) for d in ordered) < PARALLEL_MIN_CHARS:
        return _index_part(ordered, 0, max_text, codes)
    size = -(-len(ordered) // workers)
    starts = list(range(0, len(ordered), size))
    with ProcessPoolExecutor(len(starts)) as pool:
        runs = [ordered[s : s + size] for s in starts]
        n = len(starts)
        return _merge(list(pool.map(_index_part, runs, starts, [max_text] * n, [codes] * n)))


def facets(ordered: list[SearchDoc]) -> dict:
    """The filters' data: per field of ``FACETS``, its values (most items first) and each item's value as a code.

    A code is the value's index in ``ALPHABET`` (one character per item, two when a field has more than 64
    values, high digit first): 20,000 items cost 80 KB, loaded only after the first results are shown.
    """
    rows = [doc.facets() for doc in ordered]
    fields, values, codes = [], [], []
    for k, name in enumerate(FACETS):
        counts: dict[str, int] = {}
        for row in rows:
            counts[row[k]] = counts.get(row[k], 0) + 1
        order = sorted(counts, key=lambda v: (-counts[v], v))
        index = {v: i for i, v in enumerate(order)}
        wide = len(order) > len(ALPHABET)
        chars = [
            ALPHABET[index[row[k]] // 64] + ALPHABET[index[row[k]] % 64] if wide else ALPHABET[index[row[k]]]
            for row in rows
        ]
        fields.append(name)
        values.append(order)
        codes.append("".join(chars))
    return {"fields": fields, "values": values, "codes": codes}


def _reset(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for sub in ("terms", "docs"):
        if (out_dir / sub).is_dir():
            shutil.rmtree(out_dir / sub)
        (out_dir / sub).mkdir()


def build_index(
    docs: Iterable[SearchDoc],
    out_dir: Path,
    *,
    shard_bytes: int = SHARD_BYTES,
    chunk_bytes: int = CHUNK_BYTES,
    max_text: int = MAX_TEXT,
    workers: int = 1,
) -> IndexStats:
    """Write the index of ``docs`` under ``out_dir`` (its ``terms/`` and ``docs/`` are replaced).

    ``workers > 1`` tokenizes runs of items in that many processes (only when there is at least
    ``PARALLEL_MIN_CHARS`` of text). It pays on long texts with a small vocabulary; with a rich one the
    merge costs as much as it saves and memory doubles, so one process is the default.
    """
    with _gc_paused():
        return _build(docs, Path(out_dir), shard_bytes, chunk_bytes, max_text, workers)


Entry = tuple[str, "str | list[str]"]


def _entries(body: Postings, title: Postings, tags: Postings, count: int) -> tuple[list[Entry], int]:
    """(term, encoded postings) in term order, and about how many bytes they take in JSON."""
    encoder = PostingEncoder(count)
    entries: list[Entry] = []
    size = 0
    for term in sorted(body):
        value: str | list[str] = encoder.encode(body[term])
        if term in tags:
            value = [value, encoder.encode(title[term]) if term in title else "", encoder.encode(tags[term])]
        elif term in title:
            value = [value, encoder.encode(title[term])]
        entries.append((term, value))
        size += len(term.encode("utf-8")) + (len(value) if isinstance(value, str) else sum(map(len, value)) + 5) + 6
    return entries, size


def _write_shards(out_dir: Path, entries: list[Entry], shards: int, digest) -> tuple[int, int]:
    grouped: list[dict] = [{} for _ in range(shards)]
    for term, value in entries:
        grouped[shard_of(term, shards)][term] = value
    total = largest = 0
    for k, group in enumerate(grouped):
        data = _dump(group)
        (out_dir / "terms" / f"{k}.json").write_bytes(data)
        digest.update(data)
        total, largest = total + len(data), max(largest, len(data))
    return total, largest


def _write_chunks(out_dir: Path, records: list[bytes], chunk: int, digest) -> tuple[int, int, int]:
    chunks = -(-len(records) // chunk)
    total = largest = 0
    for c in range(chunks):
        data = b"[" + b",".join(records[c * chunk : (c + 1) * chunk]) + b"]"
        (out_dir / "docs" / f"{c}.json").write_bytes(data)
        digest.update(data)
        total, largest = total + len(data), max(largest, len(data))
    return chunks, total, largest


def _build(docs, out_dir: Path, shard_bytes: int, chunk_bytes: int, max_text: int, workers: int) -> IndexStats:
    started = time.perf_counter()
    ordered = sorted(sorted(docs, key=lambda d: d.id), key=lambda d: d.date, reverse=True)
    named = names(ordered)
    part = _index_all(ordered, workers, max_text, [{v: i for i, v in enumerate(values)} for values in named])
    entries, size = _entries(part.body, part.title, part.tags, len(ordered))
    shards = 1
    while size / shards > shard_bytes:
        shards *= 2
    mean = sum(map(len, part.records)) / max(len(part.records), 1)
    chunk = max(1, min(MAX_CHUNK_DOCS, round(chunk_bytes / max(mean, 1))))

    _reset(out_dir)
    digest = hashlib.sha256()
    terms_bytes, max_shard = _write_shards(out_dir, entries, shards, digest)
    chunks, docs_bytes, max_chunk = _write_chunks(out_dir, part.records, chunk, digest)
    manifest = {
        "format": FORMAT,
        "token": digest.hexdigest()[:12],
        "docs": len(ordered),
        "shards": shards,
        "chunk": chunk,
        "chunks": chunks,
        "maxText": max_text,
        "names": named,
    }
    manifest_data = _dump(manifest)
    (out_dir / "manifest.json").write_bytes(manifest_data)
    facets_data = _dump(facets(ordered))
    (out_dir / "facets.json").write_bytes(facets_data)
    return IndexStats(
        docs=len(ordered),
        terms=len(entries),
        shards=shards,
        chunks=chunks,
        chunk=chunk,
        terms_bytes=terms_bytes,
        docs_bytes=docs_bytes,
        manifest_bytes=len(manifest_data),
        facets_bytes=len(facets_data),
        max_shard_bytes=max_shard,
        max_chunk_bytes=max_chunk,
        seconds=time.perf_counter() - started,
    )
