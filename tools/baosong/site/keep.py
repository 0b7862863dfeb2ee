"""The previous build's site, kept: unchanged pages are not written again, and nothing stale survives.

MkDocs empties ``site_dir`` before every build: at 20,000 items that is a gigabyte deleted and written
again for one new item. The plugin moves the old site into a hidden folder of the site folder just
before MkDocs would empty it (``on_pre_build``; MkDocs leaves hidden entries alone), moves it back
before anything is written (``on_files``), lets the page cache skip
pages whose file is still the one it wrote (render.py), and at the end removes every file this build
did not produce — not among the build's files or theme templates, and not written during the build —
with the folders left empty. A withdrawn item's page disappears exactly as with a clean build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

ASIDE = ".baosong-previous"  # inside the site folder: hidden entries there are what MkDocs never empties


def aside_path(site_dir: str | Path) -> Path:
    return Path(site_dir) / ASIDE


def move_aside(site_dir: str | Path) -> bool:
    """Move the previous site's entries into a hidden folder of it, out of MkDocs' way.

    The folder stays inside the site folder (so a repository's ``/site/`` ignore rule covers it even
    if a build is killed), and the site folder itself stays (it may be a mount point). False when
    there is nothing to keep or it cannot be moved: MkDocs then empties the folder as usual.
    """
    site, aside = Path(site_dir), aside_path(site_dir)
    if site.is_symlink() or not site.is_dir():
        return False
    if aside.exists():  # left by a build that was interrupted: of unknown state
        shutil.rmtree(aside, ignore_errors=True)
    moved = []
    try:
        aside.mkdir()
        for name in sorted(os.listdir(site)):
            if not name.startswith("."):
                os.rename(site / name, aside / name)
                moved.append(name)
    except OSError:
        for name in moved:
            with contextlib.suppress(OSError):
                os.rename(aside / name, site / name)
        shutil.rmtree(aside, ignore_errors=True)
        return False
    return True


def move_back(site_dir: str | Path) -> int | None:
    """Put the previous site's entries back where the build writes (None, and they are dropped, if it fails).

    Returns the time stamp a file written now gets on that file system (ns): whatever this build writes
    is at least as new; the previous build's files are older (a build takes far longer than a clock tick).
    """
    site, aside = Path(site_dir), aside_path(site_dir)
    if not aside.is_dir():
        return None
    try:
        for name in sorted(os.listdir(aside)):
            if os.path.lexists(site / name):  # made meanwhile (nothing is, before on_files)
                raise FileExistsError(site / name)
            os.rename(aside / name, site / name)
        aside.rmdir()
        stamp = site / ".baosong-stamp"
        stamp.touch()
        written = stamp.stat().st_mtime_ns
        stamp.unlink()
    except OSError:
        discard(site_dir)  # half moved back: nothing of the previous site may stay
        return None
    return written


def discard(site_dir: str | Path) -> None:
    """Empty the site folder as MkDocs does (hidden entries stay), the kept previous site included."""
    from mkdocs.utils import clean_directory

    shutil.rmtree(aside_path(site_dir), ignore_errors=True)
    clean_directory(str(site_dir))


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
