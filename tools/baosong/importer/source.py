"""Read the file to import and refuse, in plain Chinese, everything that is not a readable .docx."""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO
from pathlib import Path

MAX_SOURCE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
# Zip bombs (issue 13): limits on what the package *declares*; zipfile never inflates a member past its
# declared size (a member that lies fails its CRC), so checking the declarations bounds all later work.
MAX_XML_BYTES = 16 * 1024 * 1024  # one XML part; a 300-page report's document.xml is about 5 MB
MAX_MEMBERS = 5000
MAX_RATIO = 200  # inflated / compressed for XML parts over RATIO_FLOOR; Word's XML packs 5–30 times
RATIO_FLOOR = 1024 * 1024
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
SAVE_AS = "请用 Word 或 WPS 打开它，选“文件 → 另存为”，保存类型选“Word 文档（*.docx）”，再导入另存的文件。"


class ImportRefused(Exception):
    """The document cannot be imported; the message says why and what to do, in Chinese."""


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def read_source(path: Path) -> bytes:
    """The bytes of a .docx at ``path``, or ImportRefused with a message for the reporter."""
    path = Path(path)
    if not path.exists():
        raise ImportRefused(f"找不到文件“{path}”：请检查文件名和所在文件夹。")
    if not path.is_file():
        raise ImportRefused(f"“{path}”不是一个文件：请指定要导入的 Word 文档（.docx）。")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise ImportRefused(
            f"文件太大（{_mb(size)}，最多 {_mb(MAX_SOURCE_BYTES)}）：请在 Word 里压缩图片"
            "（选中图片 → 图片格式 → 压缩图片），或删掉多余的图片后再导入。"
        )
    data = path.read_bytes()
    check_bytes(data, path.suffix.lower())
    return data


def check_bytes(data: bytes, suffix: str = ".docx") -> None:
    """Raise ImportRefused unless ``data`` is an unencrypted, undamaged .docx package."""
    if data.startswith(CFB_MAGIC):
        if any(name in data for name in ENCRYPTION_STREAMS):
            raise ImportRefused(
                "这个文档设置了打开密码（已加密），无法读取：请在 Word 里打开它，选“文件 → 信息 → "
                "保护文档 → 用密码进行加密”，清空密码后保存，再导入。"
            )
        if suffix == ".wps":
            raise ImportRefused("这是 WPS 文字的 .wps 格式，不能直接导入：" + SAVE_AS)
        raise ImportRefused("这是旧版 Word 97-2003 文档（.doc 格式），不能直接导入：" + SAVE_AS)
    if data.startswith(b"{\\rtf"):
        raise ImportRefused("这是 RTF 格式的文档（虽然扩展名可能是 .doc），不能直接导入：" + SAVE_AS)
    if not data.startswith(b"PK"):
        if suffix in (".doc", ".wps"):
            kind = "旧版 Word 97-2003 文档（.doc）" if suffix == ".doc" else "WPS 文字的 .wps 文档"
            raise ImportRefused(f"这是{kind}，不能直接导入：" + SAVE_AS)
        raise ImportRefused("这个文件不是 Word 文档（.docx），或者已经损坏：" + SAVE_AS)
    _check_package(data)


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a package whose parts would inflate far beyond any real document (a zip bomb), before reading them.

    Limits: MAX_MEMBERS parts, MAX_UNPACKED_BYTES in all, MAX_XML_BYTES per XML part, and a
    compression ratio of at most MAX_RATIO for XML parts over RATIO_FLOOR (SPEC: nothing runs for minutes).
    """
    too_big = "文档解压后太大，无法导入：请压缩或删掉部分图片后再试。"
    if len(infos) > MAX_MEMBERS:
        raise ImportRefused(
            f"文档里的部件太多（{len(infos)} 个，最多 {MAX_MEMBERS} 个），不像正常的 Word 文档：" + SAVE_AS
        )
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise ImportRefused(too_big)
    for info in infos:
        name = info.filename
        if not name.lower().endswith((".xml", ".rels")):
            continue  # pictures are read at most 5 MB each (convert.py) and never parsed
        if info.file_size > MAX_XML_BYTES:
            raise ImportRefused(
                f"文档的“{name}”部分解压后有 {_mb(info.file_size)}（最多 {_mb(MAX_XML_BYTES)}），"
                "不像正常的 Word 文档，没有导入：请在 Word 里打开它，把正文复制到一份新文档里保存，再导入。"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportRefused(
                f"文档的“{name}”部分压缩比异常（{info.compress_size} 字节解压成 {_mb(info.file_size)}），"
                "可能是恶意构造的文件（“压缩炸弹”），没有导入：请向发来文件的人核实，或把正文复制到一份新文档里保存后再导入。"
            )


def _check_entities(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Word never writes a DTD: an XML part declaring entities can only be an entity-expansion bomb."""
    for info in infos:
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue
        tail = b""
        with zf.open(info) as fh:
            while chunk := fh.read(1 << 16):
                if b"<!ENTITY" in tail + chunk or b"<!DOCTYPE" in tail + chunk:
                    raise ImportRefused(
                        f"文档的“{info.filename}”部分含有 Word 从来不写的实体定义（<!ENTITY>），"
                        "可能是恶意构造的文件，没有导入：请向发来文件的人核实。"
                    )
                tail = chunk[-16:]


def _check_package(data: bytes) -> None:
    damaged = "文件已损坏，无法读取（不是完整的 .docx）：请在 Word 里打开它，如能打开就另存为一份新的 .docx 再导入。"
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {info.filename for info in infos}
            if "word/document.xml" not in names:
                if "mimetype" in names or "content.xml" in names:
                    raise ImportRefused("这是 ODT 格式（WPS 或 LibreOffice 的开放文档），不能直接导入：" + SAVE_AS)
                raise ImportRefused("这个文件不是 Word 文档（.docx）：" + SAVE_AS)
            if any(info.flag_bits & 0x1 for info in infos):
                raise ImportRefused("这个文档的内容已加密，无法读取：请清除文档密码后另存为 .docx 再导入。")
            _check_sizes(infos)
            if zf.testzip() is not None:
                raise ImportRefused(damaged)
            _check_entities(zf, infos)
    except ImportRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise ImportRefused(damaged) from None
