"""Rewriting a file of the repository safely, whatever the tree holds (issue 13.6; used by ``baosong fix``).

* No link is followed in any component of the path: each folder is opened with ``O_NOFOLLOW`` relative
  to the one before (``openat``), so a committed ``submissions/mengwang/2027 -> /elsewhere`` cannot lead
  a write out of the repository, and a folder swapped for a link meanwhile is not followed either.
* The new content goes to a temporary file in the same folder, is flushed to disk, and replaces the
  file with one ``rename``: a kill leaves the old file or the new one, never a truncated one.
* A file with more than one hard link is refused: its other names (possibly outside the repository)
  would keep the old content, or, written in place, change too.
* The file must still be the one that was read when it is replaced (same inode, size, times).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from ..township.oserrors import describe as describe_oserror

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class Refused(Exception):
    """The file is not rewritten; the message says why, in Chinese."""


@dataclass
class Opened:
    """A regular file read through folders that are not links: its folder, name, bytes and stat."""

    dir_fd: int
    name: str
    data: bytes
    stat: os.stat_result

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.dir_fd)


def read(root: Path, rel: str, limit: int) -> Opened:
    """Open ``rel`` (relative to ``root``, "/"-separated) without following any link, and read it.

    Raises ``Refused`` for a link in the path, a non-regular file, a hard-linked file, a file over
    ``limit`` bytes or one that cannot be read. The caller closes the returned ``Opened``.
    """
    parts = [p for p in rel.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        raise Refused("路径不在仓库里，不处理")
    try:
        dir_fd = os.open(root, os.O_RDONLY | _DIRECTORY)
    except OSError:
        raise Refused("打不开仓库文件夹") from None
    try:
        for i, part in enumerate(parts[:-1]):
            try:
                inner = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=dir_fd)
            except OSError:
                where = "/".join(parts[: i + 1])
                kind = "符号链接" if os.path.islink(os.path.join(root, where)) else "不是普通文件夹"
                raise Refused(f"路径中的“{where}”是{kind}：为安全起见不经过它修改文件") from None
            os.close(dir_fd)
            dir_fd = inner
        name = parts[-1]
        try:
            fd = os.open(name, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=dir_fd)
        except OSError:
            try:
                mode = os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode
            except OSError:
                raise Refused("找不到这个文件") from None
            raise Refused("不是普通文件（是符号链接），不处理" if stat.S_ISLNK(mode) else "无法读取这个文件") from None
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise Refused("不是普通文件（如符号链接、设备），不处理")
            if st.st_nlink > 1:
                raise Refused(
                    f"这个文件有 {st.st_nlink} 个硬链接（别处还有同一个文件）：修改会影响别处，不处理；"
                    "请复制一份普通文件替换它后再运行"
                )
            if st.st_size > limit:
                raise Refused("文件太大，不处理")
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise Refused("文件太大，不处理")
        return Opened(dir_fd, name, data, st)
    except BaseException:
        os.close(dir_fd)
        raise


def replace(opened: Opened, data: bytes) -> None:
    """Put ``data`` in place of the file ``read`` returned: temporary file, fsync, one atomic rename.

    Keeps the file's permission bits (and owner, where allowed). Raises ``Refused`` when the file was
    changed or replaced since it was read, or cannot be written; the file is then as it was.
    """
    dir_fd, name, before = opened.dir_fd, opened.name, opened.stat
    tmp = f".{name}.baosong-fix-{secrets.token_hex(4)}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=dir_fd)
    except OSError as exc:
        raise Refused(f"无法在文件所在的文件夹里写临时文件（{describe_oserror(exc)}）") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            os.fchmod(fh.fileno(), stat.S_IMODE(before.st_mode))
            with contextlib.suppress(OSError):
                os.fchown(fh.fileno(), before.st_uid, before.st_gid)
        try:
            now = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        except OSError:
            now = None
        if now is None or _identity(now) != _identity(before):
            raise Refused("修复期间文件被改动或替换了：请重新运行 baosong fix")
        os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dir_fd)
        if isinstance(exc, OSError):
            raise Refused(f"写入失败（{describe_oserror(exc)}），文件保持原样") from None
        raise
    with contextlib.suppress(OSError):
        os.fsync(dir_fd)  # the rename itself survives a power cut


def _identity(st: os.stat_result) -> tuple:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_nlink)
