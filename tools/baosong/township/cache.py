"""A cache of per-file results (read + item checks), so that stats and rebuilds after validate are quick.

Kept in the user's cache directory, never in the repository, as SQLite with JSON values (never a
pickle: a file that poses as the cache cannot run code, only be wrong, and a wrong row is not read
back as anything but data). An entry is reused only when the signature — units.yaml, rules.yaml, the
office ledgers, --today and the code itself — is the same and the file is provably unchanged
(issue 13.4, as git does against "racy" files):

* the file is stamped (mtime and ctime in ns, size, inode, mode) *before* it is read, so an edit
  that lands while it is being checked leaves a stamp that no longer matches;
* a file changed less than ``RACY_NS`` before it was stamped could be edited again within the same
  clock tick without changing its stamp (file times advance by the kernel's coarse tick, 4 ms or
  more; 2 s on FAT): for such a file a SHA-256 of its bytes is kept and compared before reuse.

``BAOSONG_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import time
import types
import typing
from datetime import date
from pathlib import Path

from .. import __file__ as _package_init

FORMAT = 2
RACY_NS = 2_000_000_000  # changed this recently before stamping: compare contents, not only the stamp


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "baosong"


def enabled() -> bool:
    return not os.environ.get("BAOSONG_NO_CACHE")


def _code_fingerprint() -> str:
    h = hashlib.sha256()
    for path in sorted(Path(_package_init).parent.rglob("*.py")):
        st = path.stat()
        h.update(f"{path.name}:{st.st_mtime_ns}:{st.st_size};".encode())
    return h.hexdigest()


def signature(root: Path, today) -> str:
    h = hashlib.sha256(f"{FORMAT}|{today.isoformat()}|{_code_fingerprint()}".encode())
    for rel in ("units.yaml", "site_config/rules.yaml"):
        path = root / rel
        h.update(rel.encode() + (path.read_bytes() if path.is_file() else b"-"))
    office = root / "office"
    if office.is_dir():
        for path in sorted(office.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def stamp(root: Path, rel: str) -> tuple | None:
    """(mtime_ns, ctime_ns, size, inode, mode) of the path itself (links not followed), or None."""
    try:
        st = os.lstat(root / rel)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, st.st_mode)


def digest(root: Path, rel: str) -> str | None:
    """SHA-256 of the file's bytes (never through a link), or None when it cannot be read."""
    try:
        fd = os.open(root / rel, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


@dataclasses.dataclass(frozen=True)
class Mark:
    """What is known of a file just before it is read: its stamp, and its digest when it is racy."""

    stamp: tuple | None
    digest: str | None


def mark(root: Path, rel: str, now_ns: int | None = None) -> Mark:
    """Stamp ``rel`` before reading it (and hash it when it changed within ``RACY_NS`` of now)."""
    st = stamp(root, rel)
    now = time.time_ns() if now_ns is None else now_ns
    racy = st is not None and max(st[0], st[1]) >= now - RACY_NS
    return Mark(st, digest(root, rel) if racy else None)


class ResultCache:
    """Per-file results of one repository, in ``cache_dir()/<hash of the root>.sqlite``.

    ``get(rel)`` → the cached result or None; ``mark(rel)`` before reading a file, ``put(rel, result,
    mark)`` after; ``save(keep)`` writes and drops entries not in ``keep``. A cache that cannot be read
    or written is only slower: every error here means "not cached".
    """

    def __init__(self, root: Path, today):
        self.root = root
        self.file = cache_dir() / (hashlib.sha256(str(root).encode()).hexdigest()[:32] + ".sqlite")
        self.signature = signature(root, today)
        self.entries: dict[str, tuple] = {}  # rel → (stamp, digest, result JSON)
        self.new: dict[str, tuple] = {}
        try:
            with self._connect() as db:
                row = db.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
                if row is not None and row[0] == self.signature:
                    for rel, st, dg, value in db.execute("SELECT path, stamp, digest, result FROM results"):
                        self.entries[rel] = (tuple(json.loads(st)), dg, value)
        except (sqlite3.Error, OSError, ValueError, TypeError):
            self.entries = {}

    def _connect(self) -> sqlite3.Connection:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.file, timeout=30)
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS results (path TEXT PRIMARY KEY, stamp TEXT, digest TEXT, result TEXT)")
        return db

    def get(self, rel: str):
        entry = self.entries.get(rel)
        if entry is None or entry[0] != stamp(self.root, rel):
            return None
        if entry[1] is not None and entry[1] != digest(self.root, rel):
            return None  # racy when stamped: the stamp alone does not prove it unchanged
        try:
            return decode(json.loads(entry[2]))
        except (ValueError, TypeError, KeyError):
            return None

    def mark(self, rel: str) -> Mark:
        return mark(self.root, rel)

    def put(self, rel: str, result, before: Mark) -> None:
        """Record ``result`` of ``rel`` under the mark taken *before* it was read."""
        if before.stamp is None:
            return
        try:
            value = json.dumps(encode(result), ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return  # not representable: checked again next time
        self.new[rel] = self.entries[rel] = (before.stamp, before.digest, value)

    def save(self, keep: set[str]) -> None:
        stale = set(self.entries) - keep
        for rel in stale:
            del self.entries[rel]
        if not (self.new or stale):
            return
        try:
            with self._connect() as db:
                row = db.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
                if row is None or row[0] != self.signature:
                    db.execute("DELETE FROM results")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('signature', ?)", (self.signature,))
                    rows = self.entries.items()
                else:
                    rows = self.new.items()
                    db.executemany("DELETE FROM results WHERE path = ?", [(rel,) for rel in stale])
                db.executemany(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)",
                    [(rel, json.dumps(list(st)), dg, value) for rel, (st, dg, value) in rows],
                )
            self.new = {}
        except (sqlite3.Error, OSError):
            pass  # a cache that cannot be written is only slower


# --- results as JSON: each data class field by its declared type, so no value can pose as another ---------
# The codec of each class is worked out once from its fields' type hints: a field holding a data class, a
# list of them or a date is converted, anything else (text, meta dicts) goes to JSON as it is. A value JSON
# cannot hold (a set in ``Item.extra``) makes ``put`` skip the entry: it is checked again next time.


def encode(value):
    """A ReadResult (or any data class of it) → JSON-ready values."""
    return _codec(type(value))[0](value)


def decode(raw):
    """JSON values → the ReadResult they were encoded from (KeyError/TypeError/ValueError when malformed)."""
    if _READ_RESULT is None:
        _load_read_result()
    return _READ_RESULT(raw)


_READ_RESULT = None


def _load_read_result() -> None:
    global _READ_RESULT
    from .reader import ReadResult  # here: the reader imports much of the package

    _READ_RESULT = _codec(ReadResult)[1]


_CODECS: dict = {}


def _codec(kind):
    """(encode, decode) functions for a data class."""
    if kind in _CODECS:
        return _CODECS[kind]
    names = [f.name for f in dataclasses.fields(kind) if f.init]
    hints = typing.get_type_hints(kind)
    convert = {name: _converter(hints[name]) for name in names}
    plain = [n for n in names if convert[n] is None]
    special = [(n, *convert[n]) for n in names if convert[n] is not None]

    def enc(obj):
        out = {n: getattr(obj, n) for n in plain}
        for n, to_json, _ in special:
            value = getattr(obj, n)
            out[n] = None if value is None else to_json(value)
        return out

    def dec(raw):
        args = {n: raw[n] for n in plain}
        for n, _, from_json in special:
            value = raw[n]
            args[n] = None if value is None else from_json(value)
        return kind(**args)

    _CODECS[kind] = (enc, dec)
    return enc, dec


def _converter(hint):
    """(to_json, from_json) for a field's type, or None when its values are stored as they are."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and len(args) == 1:
        hint = args[0]  # Optional[X]: None is handled by the codec
    if hint is date:
        return date.isoformat, date.fromisoformat
    if dataclasses.is_dataclass(hint):
        return _codec(hint)
    if typing.get_origin(hint) is list and typing.get_args(hint) and dataclasses.is_dataclass(typing.get_args(hint)[0]):
        enc, dec = _codec(typing.get_args(hint)[0])
        return (lambda values: [enc(v) for v in values]), (lambda values: [dec(v) for v in values])
    return None
