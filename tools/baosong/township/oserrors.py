"""Operating-system errors in the words a township user reads (the system's own strerror is English)."""

from __future__ import annotations

import errno

WORDS = {
    errno.ENOENT: "文件或文件夹不存在（请先建好文件夹，或检查路径是否写错）",
    errno.EACCES: "没有权限（请换一个自己有写权限的文件夹）",
    errno.EPERM: "不允许这样操作（没有权限）",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "磁盘是只读的",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EEXIST: "已经有同名的文件或文件夹",
    errno.EBUSY: "文件正被其他程序占用（请关闭 Word、WPS 或 Excel 后再试）",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EXDEV: "不能跨磁盘移动",
    errno.ELOOP: "路径里有符号链接，不处理",
}


def describe(exc: OSError) -> str:
    """``exc`` as a short Chinese phrase; an error without a known number keeps the system's words."""
    return WORDS.get(exc.errno, exc.strerror or str(exc))
