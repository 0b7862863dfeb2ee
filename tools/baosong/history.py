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

import subprocess
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
    """Write ``commit``'s tree (or only ``pathspecs``, taken literally) into ``target``: git archive | tar.

    Links stay links, so F07 still sees them.
    """
    cmd = ["git", "--literal-pathspecs", "-c", "core.quotePath=false", "archive", "--format=tar", commit]
    if pathspecs is not None:
        if not pathspecs:
            return
        cmd += ["--", *pathspecs]
    archive = subprocess.Popen(cmd, cwd=git_dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    untar = subprocess.run(["tar", "-x", "-C", str(target)], stdin=archive.stdout, capture_output=True, check=False)
    archive.stdout.close()
    err = archive.stderr.read().decode("utf-8", "replace")
    if archive.wait() != 0 or untar.returncode != 0:
        raise HistoryError(err.strip() or untar.stderr.decode("utf-8", "replace").strip() or "git archive failed")


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
