"""Rendered bodies kept by content hash, outside the repository: validate writes them, the build publishes them.

One SQLite file under the user cache directory (``$XDG_CACHE_HOME/baosong/render/bodies.sqlite3``),
never in the repository (a committed file must not pose as a verdict). A row is keyed by the SHA-256
of the body and of everything that decides its HTML (``pipeline``: the Markdown setup, the worker, the
limits, the installed Markdown packages), so an entry can never be stale: a changed body or a changed
pipeline is a different key. ``$BAOSONG_NO_CACHE=1``: a temporary file that lives as long as the process
(the build still publishes what this run's validation rendered, nothing is rendered twice).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib.util
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from .render import Rendered, Verdict

FORMAT = 1
MOST_ROWS = 200_000  # about 0.5–1 GB of HTML at most; the oldest rows go first
_OWN = ("scan/markdown_setup.py", "scan/html_worker.py", "scan/limits.py")
_PACKAGES = ("markdown", "pymdownx", "pygments")
_PIPELINE: str | None = None


def pipeline() -> str:
    """A hash of what decides a body's HTML: our Markdown setup and worker, the packages' installed files."""
    global _PIPELINE
    if _PIPELINE is None:
        code = Path(__file__).resolve().parent.parent
        h = hashlib.sha256(f"format {FORMAT}".encode())
        for rel in _OWN:
            h.update(rel.encode() + b"\0" + (code / rel).read_bytes() + b"\0")
        for name in _PACKAGES:  # a reinstall or upgrade rewrites the package's files
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec is not None else None
            st = os.stat(origin) if origin else None
            h.update(f"{name}:{origin}:{st.st_mtime_ns if st else 0}:{st.st_size if st else 0};".encode())
        _PIPELINE = h.hexdigest()
    return _PIPELINE


def body_key(body: str) -> str:
    """The content hash a body's rendering is kept under (hex SHA-256 of pipeline and body)."""
    return hashlib.sha256(pipeline().encode() + b"\0" + body.encode("utf-8", "surrogatepass")).hexdigest()


class BodyStore:
    """key → (Verdict, HTML). Safe across fork: each process opens its own connection."""

    def __init__(self, path: Path):
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._pid = 0

    def _db(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, verdict TEXT NOT NULL, html TEXT)"
                )
            except sqlite3.DatabaseError:  # not a database (damaged): start again
                conn.close()
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(OSError):
                        os.unlink(f"{self.path}{suffix}")
                conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                conn.execute("CREATE TABLE bodies (key TEXT PRIMARY KEY, verdict TEXT NOT NULL, html TEXT)")
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    def close(self) -> None:
        """Close this process's connection (one inherited over fork is only dropped: the parent owns it)."""
        if self._conn is not None and self._pid == os.getpid():
            self._conn.close()
        self._conn = None

    def verdicts(self, keys: list[str]) -> dict[str, Verdict]:
        """The verdicts already known among ``keys``."""
        out: dict[str, Verdict] = {}
        try:
            db = self._db()
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                marks = ",".join("?" * len(part))
                for key, text in db.execute(f"SELECT key, verdict FROM bodies WHERE key IN ({marks})", part):
                    with contextlib.suppress(ValueError, TypeError, AttributeError):
                        out[key] = Verdict.from_json(text)
        except sqlite3.Error:
            return {}
        return out

    def put(self, rendered: dict[str, Rendered]) -> None:
        rows = [(key, r.verdict.to_json(), r.html) for key, r in rendered.items()]
        if not rows:
            return
        try:
            db = self._db()
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.executemany("INSERT OR REPLACE INTO bodies (key, verdict, html) VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            return  # a store that cannot be written: the build renders again, under the same limits
        self.prune(MOST_ROWS)

    def html(self, key: str) -> str | None:
        """The HTML rendered for ``key``, or None (never rendered, or could not be rendered)."""
        try:
            row = self._db().execute("SELECT html FROM bodies WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def prune(self, most: int) -> None:
        """Keep at most ``most`` rows: the oldest written go first (a body rendered again later costs time only)."""
        try:
            db = self._db()
            (total,) = db.execute("SELECT count(*) FROM bodies").fetchone()
            if total <= most:
                return
            with db:
                db.execute("BEGIN IMMEDIATE")
                drop = total - most * 3 // 4
                db.execute(
                    "DELETE FROM bodies WHERE rowid IN (SELECT rowid FROM bodies ORDER BY rowid LIMIT ?)", (drop,)
                )
        except sqlite3.Error:
            pass


_STORES: dict[str, BodyStore] = {}


def for_root(root: Path) -> BodyStore:
    """The store for the repository at ``root``: one file shared by every repository of this user (keys are
    content hashes, so repositories, branches and the pre-receive hook's exports share their renderings)."""
    from ..township.cache import cache_dir, enabled

    shared = cache_dir() / "render" / "bodies.sqlite3"
    name = str(shared) if enabled() else str(Path(root).resolve())
    store = _STORES.get(name)
    if store is None:
        if enabled():
            path = shared
        else:
            folder = tempfile.mkdtemp(prefix="baosong-render-")
            owner = os.getpid()
            atexit.register(lambda: os.getpid() == owner and shutil.rmtree(folder, ignore_errors=True))
            path = Path(folder) / "bodies.sqlite3"
        for other in _STORES.values():  # one store at a time: a long process (tests, serve) keeps no stale files open
            other.close()
        _STORES.clear()
        store = _STORES[name] = BodyStore(path)
    return store
