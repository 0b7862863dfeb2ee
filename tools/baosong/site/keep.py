"""The previous build's site, kept: unchanged pages are not written again, and nothing stale survives.

MkDocs empties ``site_dir`` before every build: at 20,000 items that is a gigabyte deleted and written
again for one new item. The plugin moves the old site aside just before MkDocs would empty it
(``on_pre_build``), moves it back before anything is written (``on_files``), lets the page cache skip
pages whose file is still the one it wrote (render.py), and at the end removes every file this build
did not produce — not among the build's files or theme templates, and not written during the build —
with the folders left empty. A withdrawn item's page disappears exactly as with a clean build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

ASIDE = ".baosong-previous"


def aside_path(site_dir: str | Path) -> Path:
    site = Path(site_dir)
    return site.parent / f".{site.name}{ASIDE}"


def move_aside(site_dir: str | Path) -> bool:
    """Move the previous site out of MkDocs' way; False when there is none or it cannot be moved."""
    site, aside = Path(site_dir), aside_path(site_dir)
    if aside.exists():  # left by a build that was interrupted: of unknown state
        shutil.rmtree(aside, ignore_errors=True)
    if site.is_symlink() or not site.is_dir():
        return False
    try:
        os.rename(site, aside)
    except OSError:  # a mount point, or no right to the parent folder: MkDocs empties it as usual
        return False
    return True


def move_back(site_dir: str | Path) -> int | None:
    """Put the previous site back where the build writes (None, and it is dropped, if that place is taken).

    Returns the time stamp a file written now gets on that file system (ns): whatever this build writes
    is at least as new; the previous build's files are older (a build takes far longer than a clock tick).
    """
    site, aside = Path(site_dir), aside_path(site_dir)
    if not aside.is_dir():
        return None
    with contextlib.suppress(OSError):
        if site.is_dir() and not site.is_symlink():
            site.rmdir()  # only an empty folder made meanwhile
    try:
        os.rename(aside, site)
        stamp = site / ".baosong-stamp"
        stamp.touch()
        written = stamp.stat().st_mtime_ns
        stamp.unlink()
    except OSError:
        shutil.rmtree(aside, ignore_errors=True)
        return None
    return written


def prune(site_dir: str | Path, produced: set[str], since: int) -> list[str]:
    """Remove files that are neither in ``produced`` (site-relative, "/") nor written since ``since`` (ns).

    Hidden entries at the top are left alone, as MkDocs' own cleaning leaves them (a ``.git`` of
    gh-deploy). Folders left empty go too. Returns the removed paths.
    """
    removed: list[str] = []
    if os.path.isdir(site_dir) and not os.path.islink(site_dir):
        _prune(os.fspath(site_dir), "", produced, since, removed)
    return removed


def _prune(folder: str, prefix: str, produced: set[str], since: int, removed: list[str]) -> bool:
    """Prune one folder (``prefix``: its site path); True when it is empty afterwards."""
    empty = True
    with os.scandir(folder) as entries:
        for entry in entries:
            rel = prefix + entry.name
            if not prefix and entry.name.startswith("."):
                empty = False
                continue
            if entry.is_dir(follow_symlinks=False):
                if _prune(entry.path, rel + "/", produced, since, removed):
                    with contextlib.suppress(OSError):
                        os.rmdir(entry.path)
                        continue
                empty = False
            elif not entry.is_symlink() and (rel in produced or _newer(entry, since)):
                empty = False  # a file of this build (MkDocs never writes links)
            else:
                removed.append(rel)
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    return empty


def _newer(entry: os.DirEntry, since: int) -> bool:
    try:
        return entry.stat(follow_symlinks=False).st_mtime_ns >= since
    except OSError:
        return False
