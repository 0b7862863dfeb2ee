"""The served site is never emptied: a build writes a fresh folder beside it and swaps it in at the end.

MkDocs empties ``site_dir`` and then writes page after page into it: a reader of the intranet sees an
empty or half-written site for the whole build, and a failed or killed build leaves it so. Here
(issue 13.2) the plugin points MkDocs at a fresh hidden folder beside the site folder
(``.site.baosong-new`` for ``site``); once every page is written, the two folders are exchanged in one
step, and the previous site is deleted by a detached process (the build does not wait for it). Until that step the served folder is the previous site,
untouched; a killed build leaves only the hidden folder, removed by the next build.

The exchange is ``renameat2(RENAME_EXCHANGE)`` (Linux ≥ 3.15 on ext4, xfs, btrfs, tmpfs): atomic, the
site folder is a real folder before and after (copied with ``cp -r``, served by nginx/IIS, uploaded as
a CI artifact as it is). Where the kernel or file system cannot exchange, two renames do it
(``site`` → old, fresh → ``site``): for the microseconds between them the folder is missing (a 404), never
empty or mixed. We did not make ``site`` a symlink to versioned folders: a symlink is atomic too, but
``cp -r site`` and upload steps copy the link, not the site, and a site folder that is a mount point
cannot become a link. When the site folder is a mount point (no rename possible), the fresh folder is
made inside it and its top-level entries are exchanged one by one (each atomically).

Unchanged pages are not written again (render.py's ledger): their files are hard-linked from the served
site into the fresh folder, which costs a directory entry, not a copy. Nothing writes through such a link:
only the renderer writes a generated page's file, and it writes a page only when it is not linked.

One build at a time per site folder (issue 13.7): a build holds an exclusive ``flock`` on
``.site.baosong-lock`` beside the site folder from start to end; a second build stops with a Chinese
message naming the first one's process. The kernel drops the lock when a build dies, even by SIGKILL.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import glob
import os
import secrets
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: builds are not locked
    fcntl = None

FRESH = ".{name}.baosong-new"  # beside the site folder: this build's site; after the exchange, the previous one
OLD = ".{name}.baosong-old"  # the previous site between the two renames of the fallback
LOCK = ".{name}.baosong-lock"
INNER = ".baosong-new"  # inside a site folder that is a mount point
TRASH = ".{name}.baosong-trash-"  # a previous site being deleted in the background (+ a random suffix)


class Busy(Exception):
    """Another build holds the site folder's lock; the message is for the user (Chinese)."""


@dataclass
class Staging:
    """One build's fresh folder: ``site`` is the served folder (absolute), ``fresh`` where MkDocs writes."""

    site: Path
    fresh: Path
    inner: bool  # the fresh folder is inside the site folder (a mount point): entries are exchanged one by one
    lock_fd: int | None
    previous: Path | None  # the served site a cached page may be linked from (None: there is none)


def lock(site: Path) -> int | None:
    """Take the site folder's build lock (``flock``, never waits); returns its descriptor.

    Raises ``Busy`` with the holder's process id and start time when another build has it. Returns None
    where locks are not available (no ``fcntl``, or no folder to hold the lock file).
    """
    if fcntl is None:
        return None
    path = _lock_path(site)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
        os.close(fd)
        if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return None
        who = f"（{holder}）" if holder else ""
        raise Busy(
            f"另一个构建正在生成网站文件夹 {site}{who}：两个构建不能同时写同一个文件夹。"
            "请等它结束后再运行，或用 --site-dir 指定另一个文件夹。"
        ) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"进程 {os.getpid()}，开始于 {time.strftime('%Y-%m-%d %H:%M:%S')}".encode(), 0)
    return fd


def unlock(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # closing drops the flock


def _lock_path(site: Path) -> Path:
    if os.access(site.parent, os.W_OK):
        return site.parent / LOCK.format(name=site.name)
    return site / ".baosong-lock"  # hidden, empty between builds


def begin(site_dir: str | Path, locked: bool = True) -> Staging:
    """Lock the site folder (unless ``locked`` is False: a folder no other build can know, as ``mkdocs
    serve``'s temporary one), remove what a killed build left, make the fresh folder this build writes.

    ``site_dir`` may not exist yet. Raises ``Busy`` (another build runs) or ``OSError`` (no folder can be
    made beside or inside it).
    """
    site = Path(os.path.realpath(site_dir))  # a site folder that is a link: its target is swapped
    with contextlib.suppress(OSError):
        site.parent.mkdir(parents=True, exist_ok=True)
    fd = lock(site) if locked else None
    try:
        inner = os.path.ismount(site) or not os.access(site.parent, os.W_OK)
        fresh = site / INNER if inner else site.parent / FRESH.format(name=site.name)
        old = site.parent / OLD.format(name=site.name)
        if not inner and not os.path.lexists(site) and os.path.isdir(old):
            os.rename(old, site)  # killed between the fallback's two renames: the previous site comes back
        _remove(fresh)
        if not inner:
            _remove(old)
            for left in site.parent.glob(glob.escape(TRASH.format(name=site.name)) + "*"):
                _remove(left)  # a deletion that did not finish (the machine stopped)
        fresh.mkdir(parents=True)
    except BaseException:
        unlock(fd)
        raise
    previous = site if site.is_dir() else None
    return Staging(site, fresh, inner, fd, previous)


def publish(staging: Staging) -> None:
    """Put the fresh folder in the site folder's place, carry the previous site's hidden top-level entries
    over (a ``.git`` of gh-deploy: MkDocs never empties those), remove the previous site, unlock."""
    site, fresh = staging.site, staging.fresh
    try:
        if staging.inner:
            _exchange_entries(site, fresh)
        elif not os.path.lexists(site):
            os.rename(fresh, site)
        elif not exchange(fresh, site):
            old = site.parent / OLD.format(name=site.name)
            os.rename(site, old)
            try:
                os.rename(fresh, site)  # the only moment the site folder is missing: between these two calls
            except OSError:
                os.rename(old, site)  # the previous site back where it was
                raise
            os.rename(old, fresh)
        if os.path.isdir(fresh):
            _carry_hidden(fresh, site)
            _discard_later(fresh, site.parent / (TRASH.format(name=site.name) + secrets.token_hex(4)))
    finally:
        unlock(staging.lock_fd)
        staging.lock_fd = None


def abandon(staging: Staging) -> None:
    """A failed build: its fresh folder goes, the served site stays as it was."""
    try:
        _remove(staging.fresh)
    finally:
        unlock(staging.lock_fd)
        staging.lock_fd = None


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (``renameat2(RENAME_EXCHANGE)``); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call = libc.renameat2
    except (OSError, AttributeError, TypeError):  # no C library of this kind, or no renameat2 in it
        return False
    call.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if call(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _exchange_entries(site: Path, fresh: Path) -> None:
    """Inside a mount point: each top-level entry of the fresh site takes its place atomically, then the
    previous site's entries this build did not make go."""
    made = sorted(os.listdir(fresh))
    for name in made:
        target = site / name
        if os.path.lexists(target) and exchange(fresh / name, target):
            continue  # the previous entry is now in the fresh folder and goes with it
        _remove(target)
        os.rename(fresh / name, target)
    for name in sorted(os.listdir(site)):
        if not name.startswith(".") and name not in made:
            _remove(site / name)


def _carry_hidden(old: Path, site: Path) -> None:
    for name in sorted(os.listdir(old)):
        if name.startswith(".") and not os.path.lexists(site / name):
            with contextlib.suppress(OSError):
                os.rename(old / name, site / name)


def _discard_later(folder: Path, trash: Path) -> None:
    """Delete the previous site without keeping the build waiting: renamed to a unique name (so nothing can
    reuse the path meanwhile), then deleted by a detached process. Deleting 20,000 pages' files takes
    seconds that a build need not wait for; where no process can be started, it is deleted here."""
    try:
        os.rename(folder, trash)
    except OSError:
        _remove(folder)
        return
    code = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    try:
        subprocess.Popen(
            [sys.executable, "-c", code, str(trash)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not killed with the build's process group
        )
    except OSError:
        _remove(trash)


def _remove(path: Path) -> None:
    if os.path.islink(path) or os.path.isfile(path):
        with contextlib.suppress(OSError):
            os.unlink(path)
    elif os.path.isdir(path):
        shutil.rmtree(path, ignore_errors=True)
