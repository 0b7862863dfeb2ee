"""Build the sharded full-text index the browser searches (``assets/search.js`` reads it).

Layout under ``out_dir``::

    manifest.json    {"format", "token", "docs", "shards", "chunk", "chunks", "maxText"}
    terms/<k>.json   {term: postings} or {term: [postings, title postings]} for terms with crc32 % shards == k
    docs/<c>.json    [[url, title, unit, date, type, text(, 1 if text was cut)], ...] for items c*chunk …

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

from .codec import PostingEncoder, shard_of
from .tokens import terms

FORMAT = 1
SHARD_BYTES = 32_000  # target mean size of a terms shard
CHUNK_BYTES = 16_000  # target mean size of a docs chunk
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
    max_shard_bytes: int
    max_chunk_bytes: int
    seconds: float

    @property
    def total_bytes(self) -> int:
        return self.terms_bytes + self.docs_bytes + self.manifest_bytes

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
    records: list[bytes]


def _record(doc: SearchDoc, max_text: int) -> bytes:
    text = " ".join(doc.text.split())
    record = [doc.url, doc.title, doc.unit, doc.date, doc.type, text[:max_text]]
    if len(text) > max_text:
        record.append(1)
    return _dump(record)


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


def _index_part(docs: list[SearchDoc], offset: int, max_text: int) -> _Part:
    with _gc_paused():
        return _index_run(docs, offset, max_text)


def _index_run(docs: list[SearchDoc], offset: int, max_text: int) -> _Part:
    body: defaultdict[str, list[int]] = defaultdict(list)
    title: defaultdict[str, list[int]] = defaultdict(list)
    for n, doc in enumerate(docs, offset):
        in_title = terms(doc.title)
        for term in in_title:
            title[term].append(n)
        in_any = terms(f"{doc.unit}\n{doc.text}")
        in_any |= in_title
        for term in in_any:
            body[term].append(n)
    return _Part(dict(body), dict(title), [_record(doc, max_text) for doc in docs])


def _merge(parts: list[_Part]) -> _Part:
    whole = parts[0]
    for part in parts[1:]:
        for into, more in ((whole.body, part.body), (whole.title, part.title)):
            for term, numbers in more.items():
                if term in into:
                    into[term].extend(numbers)
                else:
                    into[term] = numbers
        whole.records.extend(part.records)
    return whole


def _index_all(ordered: list[SearchDoc], workers: int, max_text: int) -> _Part:
    """Tokenize every item on all cores: each worker takes a contiguous run of item numbers."""
    if workers <= 1 or sum(len(d.text) for d in ordered) < PARALLEL_MIN_CHARS:
        return _index_part(ordered, 0, max_text)
    size = -(-len(ordered) // workers)
    starts = list(range(0, len(ordered), size))
    with ProcessPoolExecutor(len(starts)) as pool:
        runs = [ordered[s : s + size] for s in starts]
        return _merge(list(pool.map(_index_part, runs, starts, [max_text] * len(starts))))


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


def _entries(body: Postings, title: Postings, count: int) -> tuple[list[Entry], int]:
    """(term, encoded postings) in term order, and about how many bytes they take in JSON."""
    encoder = PostingEncoder(count)
    entries: list[Entry] = []
    size = 0
    for term in sorted(body):
        value: str | list[str] = encoder.encode(body[term])
        if term in title:
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
    part = _index_all(ordered, workers, max_text)
    entries, size = _entries(part.body, part.title, len(ordered))
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
    }
    manifest_data = _dump(manifest)
    (out_dir / "manifest.json").write_bytes(manifest_data)
    return IndexStats(
        docs=len(ordered),
        terms=len(entries),
        shards=shards,
        chunks=chunks,
        chunk=chunk,
        terms_bytes=terms_bytes,
        docs_bytes=docs_bytes,
        manifest_bytes=len(manifest_data),
        max_shard_bytes=max_shard,
        max_chunk_bytes=max_chunk,
        seconds=time.perf_counter() - started,
    )
