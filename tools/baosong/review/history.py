"""What a change did to the repository, read from git in one bulk call (DESIGN §2).

A change is the difference between a base and a head:

* ``change_since(root, rev)`` (CI, ``validate --changed-since REV``): from merge-base(REV, HEAD) to the
  working tree's tracked files. CI checks out the pull request's head commit, so there the working tree
  *is* that commit; locally, edited and staged (``git add``) files count too. Untracked files do not.
  Files that the change adds but that REV's tip already holds (a branch that was squash-merged and goes on)
  are compared with REV's tip: the same content is no change, other content is an edit of a merged item.
* ``change_between(git_dir, old, new)`` (the pre-receive hook): from the branch's old tip to the pushed
  commit, both commits; anything the old tip holds counts as "on the base branch".

Git is called a constant number of times per run whatever the size of the repository or the change:
one ``git diff --raw -z -M`` (NUL-separated, renames found), plus one ``git ls-tree`` limited to the added
and deleted paths when REV's tip has to be consulted. ``core.quotePath=false`` is set on every call (and -z
output is never quoted), so Chinese file names round-trip.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import git

ADDED, EDITED, DELETED, RENAMED = "added", "edited", "deleted", "renamed"
ZERO_SHA = "0" * 40
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's well-known id of the empty tree
MAX_PATH_ARGS = 1000
_STATUS = {"A": ADDED, "M": EDITED, "T": EDITED, "U": EDITED, "D": DELETED, "R": RENAMED}


class HistoryError(Exception):
    """git could not answer (not a repository, unknown revision, no merge base): message in Chinese."""


@dataclass(frozen=True)
class FileChange:
    status: str  # added | edited | deleted | renamed
    path: str  # the path after the change (the deleted path for "deleted")
    old_path: str | None = None  # the path before a rename
    old_blob: str | None = None  # blob id on the base side (None when added)
    new_blob: str | None = None  # blob id on the head side (None when deleted or not hashed: working tree)


@dataclass
class ChangeSet:
    base: str  # what the change is compared against (a revision)
    head: str | None  # None: the working tree
    changes: list[FileChange] = field(default_factory=list)


def _git(cwd: Path | str) -> git.Git:
    return git.Git(str(cwd))


def run_git(cwd: Path | str, *args: str) -> bytes:
    """One git command with Chinese paths left alone; raw stdout bytes."""
    try:
        return _git(cwd).execute(
            ["git", "--literal-pathspecs", "-c", "core.quotePath=false", *args],
            stdout_as_string=False,
            strip_newline_in_stdout=False,
        )
    except git.GitCommandError as exc:
        detail = (exc.stderr or "").strip().splitlines()
        raise HistoryError(detail[-1] if detail else str(exc)) from None
    except (git.NoSuchPathError, FileNotFoundError, NotADirectoryError) as exc:
        raise HistoryError(str(exc)) from None


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def parse_raw_diff(raw: bytes) -> list[FileChange]:
    """Parse ``git diff --raw -z --no-abbrev`` (with -M): ``:m m old new S\\0path\\0[path\\0]`` records."""
    tokens = raw.split(b"\0")
    out: list[FileChange] = []
    i = 0
    while i < len(tokens):
        head = tokens[i].strip()
        i += 1
        if not head.startswith(b":"):
            continue
        parts = head[1:].split()
        old_blob, new_blob, letter = _decode(parts[2]), _decode(parts[3]), _decode(parts[4])[:1]
        old_blob = None if old_blob == ZERO_SHA else old_blob
        new_blob = None if new_blob == ZERO_SHA else new_blob
        if letter in ("R", "C"):
            old, new = _decode(tokens[i]), _decode(tokens[i + 1])
            i += 2
            if letter == "C":
                out.append(FileChange(ADDED, new, None, None, new_blob))
            else:
                out.append(FileChange(RENAMED, new, old, old_blob, new_blob))
            continue
        path = _decode(tokens[i])
        i += 1
        status = _STATUS.get(letter, EDITED)
        out.append(
            FileChange(
                status, path, None, None if status == ADDED else old_blob, None if status == DELETED else new_blob
            )
        )
    return out


def _diff(cwd: Path | str, *revs: str, relative: bool = True) -> list[FileChange]:
    options = ["--raw", "-z", "-M", "--no-abbrev", "--no-ext-diff", "--no-textconv"]
    if relative:  # paths relative to the township root even when it sits below the git top level
        options.append("--relative")
    return parse_raw_diff(run_git(cwd, "diff", *options, *revs, "--"))


def tip_blobs(cwd: Path | str, rev: str, paths: Iterable[str]) -> dict[str, str]:
    """Blob ids of ``paths`` in ``rev`` (one ``git ls-tree`` call); missing paths are left out."""
    wanted = set(paths)
    if not wanted:
        return {}
    # Name the paths when they are few; list the whole tree (still one call) when the command line would be long.
    args = ["--", *sorted(wanted)] if len(wanted) <= MAX_PATH_ARGS else ["-r"]
    raw = run_git(cwd, "ls-tree", "-z", rev, *args)
    out: dict[str, str] = {}
    for record in raw.split(b"\0"):
        if b"\t" not in record:
            continue
        meta, name = record.split(b"\t", 1)
        parts = meta.split()
        path = _decode(name)
        if len(parts) == 3 and parts[1] == b"blob" and path in wanted:
            out[path] = _decode(parts[2])
    return out


def _against_tip(changes: list[FileChange], tip: dict[str, str]) -> list[FileChange]:
    """Re-judge added and deleted paths against the base branch's tip (squash merges, later deletions)."""
    out = []
    for c in changes:
        if c.status == ADDED and c.path in tip:
            if c.new_blob == tip[c.path]:
                continue  # already merged with this very content: no change
            c = FileChange(EDITED, c.path, None, tip[c.path], c.new_blob)
        elif c.status == DELETED and c.path not in tip:
            continue  # the base branch has deleted it too
        out.append(c)
    return out


def change_since(root: Path | str, rev: str) -> ChangeSet:
    """The change of the working tree since it forked from ``rev`` (see the module doc)."""
    changes = _diff(root, "--merge-base", rev)
    touched = [c.path for c in changes if c.status in (ADDED, DELETED)]
    if touched:
        changes = _against_tip(changes, tip_blobs(root, rev, touched))
    return ChangeSet(rev, None, changes)


def change_between(git_dir: Path | str, old: str, new: str) -> ChangeSet:
    """The change from commit ``old`` to commit ``new`` (``old`` may be the zero id: everything is added)."""
    base = EMPTY_TREE if old == ZERO_SHA else old
    return ChangeSet(base, new, _diff(git_dir, base, new, relative=False))


def export_commit(git_dir: Path, commit: str, target: Path, pathspecs: list[str] | None = None) -> None:
    """Write ``commit``'s tree (or only ``pathspecs``, taken literally) into ``target``, byte for byte as stored.

    Two git calls: ``ls-tree -r -z`` and one ``cat-file --batch``. Not ``git archive``: it obeys the
    ``.gitattributes`` of the very tree it writes, so a change could hide its own files from the checks
    (``export-ignore``) or have them rewritten (``export-subst``). Links stay links, so F07 still sees them;
    a submodule becomes an empty folder. A path git should never hold (``..``, ``.git``, absolute) raises
    ``HistoryError`` instead of being written outside ``target``.
    """
    if pathspecs is not None and not pathspecs:
        return
    listing = run_git(git_dir, "ls-tree", "-r", "-z", commit, *(["--", *pathspecs] if pathspecs else []))
    entries = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        head, _, raw_path = record.partition(b"\t")
        mode, kind, oid = head.split(b" ")
        entries.append((mode, kind, oid.decode(), _safe_relative(raw_path)))
    root = Path(target)
    by_blob: dict[str, list[tuple[bytes, Path]]] = {}
    for mode, kind, oid, rel in entries:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == b"blob":
            by_blob.setdefault(oid, []).append((mode, path))
        else:
            path.mkdir(exist_ok=True)  # a submodule: git archive writes an empty folder too
    if by_blob:
        _write_blobs(git_dir, by_blob)


def _safe_relative(raw: bytes) -> str:
    """A tree path as a relative path that stays inside the export folder, or ``HistoryError``."""
    rel = raw.decode("utf-8", "surrogateescape")
    parts = rel.split("/")
    if rel.startswith("/") or any(p in ("", ".", "..") or p.lower() == ".git" for p in parts):
        raise HistoryError(f"提交里有不允许的路径：{rel!r}")
    return rel


def _write_blobs(git_dir: Path, by_blob: dict[str, list[tuple[bytes, Path]]]) -> None:
    """Stream each blob from one ``git cat-file --batch`` (``<oid> blob <size>\\n<bytes>\\n``) to its paths.

    The requests go in from a thread, so neither pipe fills while the other waits; a blob is read in pieces,
    so a repository of photos is never held in memory.
    """
    proc = subprocess.Popen(
        ["git", "cat-file", "--batch"],
        cwd=git_dir,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    feeder = threading.Thread(target=_feed, args=(proc.stdin, list(by_blob)), daemon=True)
    feeder.start()
    try:
        for oid, targets in by_blob.items():
            header = proc.stdout.readline().split(b" ")
            if len(header) != 3 or header[1] != b"blob":
                raise HistoryError(f"git 读不到对象 {oid}")
            _write_one(proc.stdout, int(header[2]), targets)
            proc.stdout.read(1)  # the newline after the contents
    finally:
        feeder.join()
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8", "replace").strip()
        proc.stderr.close()
        if proc.wait() != 0:
            raise HistoryError(err or "git cat-file failed")


def _feed(stdin, oids: list[str]) -> None:
    try:
        for oid in oids:
            stdin.write(f"{oid}\n".encode())
        stdin.close()
    except BrokenPipeError:
        pass  # git stopped early: its exit status says why


def _write_one(stream, size: int, targets: list[tuple[bytes, Path]]) -> None:
    """``size`` bytes of ``stream`` into every target: a regular file (mode 100644/100755) or a link (120000)."""
    links = [path for mode, path in targets if mode == b"120000"]
    files = []
    for mode, path in targets:
        if mode != b"120000":
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            files.append(os.fdopen(os.open(path, flags, 0o755 if mode == b"100755" else 0o644), "wb"))
    kept = bytearray() if links else None  # a link's target is its contents: short
    try:
        left = size
        while left:
            piece = stream.read(min(left, 1 << 20))
            if not piece:
                raise HistoryError("git cat-file 提前结束")
            left -= len(piece)
            for out in files:
                out.write(piece)
            if kept is not None:
                kept += piece
    finally:
        for out in files:
            out.close()
    for path in links:
        path.symlink_to(bytes(kept).decode("utf-8", "surrogateescape"))


REGULAR_MODES = (b"100644", b"100755")


def regular_files(cwd: Path | str, treeish: str, paths: Iterable[str]) -> list[str]:
    """The regular files (no links, no submodules) at or below ``paths`` in ``treeish``: one ``git ls-tree``.

    ``treeish`` may name a subfolder (``REV:xinxi``); the paths are then relative to it.
    """
    raw = run_git(cwd, "ls-tree", "-r", "-z", treeish, "--", *paths)
    out = []
    for record in raw.split(b"\0"):
        meta, _, name = record.partition(b"\t")
        parts = meta.split()
        if len(parts) == 3 and parts[0] in REGULAR_MODES and parts[1] == b"blob":
            out.append(_decode(name))
    return out


def git_location(root: Path | str) -> tuple[Path, str]:
    """(the git top level, where ``root`` sits below it: ``xinxi/`` or ""): one ``git rev-parse``.

    Commands that name paths (``ls-tree``, ``archive``) take them relative to the directory they run in, so
    the base's files are read from the top level with the prefix spelt out.
    """
    lines = _decode(run_git(root, "rev-parse", "--show-toplevel", "--show-prefix")).splitlines()
    return Path(lines[0]), (lines[1].strip() if len(lines) > 1 else "")
