"""A cache of per-file results (read + item checks), so that stats and rebuilds after validate are quick.

Kept in the user's cache directory, never in the repository: a file committed into the repository
must never be able to pose as a cached verdict (or, being a pickle, run code). An entry is reused only
when the file's stat (mtime in ns, size, inode, mode) is unchanged and the signature — units.yaml,
rules.yaml, the office ledgers, --today and the code itself — is the same. ``BAOSONG_NO_CACHE=1``
turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from . import __file__ as _package_init

FORMAT = 1


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


def stamp(root: Path, rel: str):
    try:
        st = os.lstat(root / rel)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_mode)


class ResultCache:
    def __init__(self, root: Path, today):
        self.root = root
        self.file = cache_dir() / (hashlib.sha256(str(root).encode()).hexdigest()[:32] + ".pickle")
        self.signature = signature(root, today)
        self.entries: dict[str, tuple] = {}
        self.dirty = False
        try:
            with open(self.file, "rb") as fh:
                saved_signature, entries = pickle.load(fh)
            if saved_signature == self.signature:
                self.entries = entries
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            self.entries = {}

    def get(self, rel: str):
        entry = self.entries.get(rel)
        if entry is not None and entry[0] == stamp(self.root, rel):
            return entry[1]
        return None

    def put(self, rel: str, result) -> None:
        self.entries[rel] = (stamp(self.root, rel), result)
        self.dirty = True

    def save(self, keep: set[str]) -> None:
        stale = set(self.entries) - keep
        for rel in stale:
            del self.entries[rel]
        if not (self.dirty or stale):
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.file.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump((self.signature, self.entries), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.file)
        except OSError:
            pass  # a cache that cannot be written is only slower
