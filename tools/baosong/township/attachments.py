"""Attachments are what their extension says (issue 13.5, code F13).

The site serves an attachment with the type its extension names; a browser shown an SVG or HTML
saved as ``.png`` (opened directly, or by a server that sniffs) runs its scripts, and a PDF viewer runs
a PDF's JavaScript and launch actions. So an attachment is published only when:

* its first bytes are the signature of the type its extension names (``filetype``, a dependency-free
  signature matcher from PyPI; SPEC §2.2 lists the extensions) — text (SVG, HTML, scripts), other
  formats and unrecognised bytes are refused, with what the bytes look like;
* a PDF contains no JavaScript (``/JS``, ``/JavaScript``) and no launch action (``/Launch``), looked
  for twice: as names (``#xx`` escapes decoded) in the file outside its streams, which also finds
  objects a viewer recovers from a damaged file, and in every object the cross-reference table names,
  compressed object streams included (``pypdf``). A PDF that pypdf cannot read, or that is encrypted,
  cannot be checked and is refused.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import stat
from dataclasses import dataclass

import filetype

from ..report.findings import Finding, make
from .items import MAX_ATTACHMENT_BYTES

# extension → what filetype may call its contents (an animated PNG is a PNG to every browser)
EXPECTED = {
    ".png": {"png", "apng"},
    ".jpg": {"jpg"},
    ".jpeg": {"jpg"},
    ".gif": {"gif"},
    ".webp": {"webp"},
    ".pdf": {"pdf"},
}
RIGHT_SUFFIX = {"png": ".png", "apng": ".png", "jpg": ".jpg", "gif": ".gif", "webp": ".webp", "pdf": ".pdf"}
KIND_ZH = {"png": "PNG 图片", "apng": "PNG 图片", "jpg": "JPEG 图片", "gif": "GIF 图片", "webp": "WebP 图片"}
KIND_ZH |= {"pdf": "PDF 文档", "zip": "压缩包（zip）", "docx": "Word 文档", "doc": "Word 文档", "xlsx": "Excel 表格"}
KIND_ZH |= {"exe": "Windows 程序（exe）", "bmp": "BMP 图片", "tif": "TIFF 图片", "heic": "HEIC 照片（苹果手机）"}
PDF_ACTIONS = {
    "JS": "JavaScript 脚本（/JS）",
    "JavaScript": "JavaScript 脚本（/JavaScript）",
    "Launch": "启动程序的动作（/Launch）",
}

_NAME = re.compile(rb"/((?:[^\x00\t\n\x0c\r /<>\[\]()%{}#]|#[0-9A-Fa-f]{2})+)")
_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.S)
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class Problem:
    """Why an attachment is refused: the F13 message ``variant`` and its template values."""

    variant: str
    values: dict


def problems(name: str, data: bytes) -> list[Problem]:
    """What is wrong with attachment bytes ``data`` of file ``name`` (empty: publishable)."""
    suffix = os.path.splitext(name)[1].lower()
    expected = EXPECTED.get(suffix)
    if expected is None:
        return []  # not an attachment type at all: F09's business
    kind = filetype.guess(data)
    found = kind.extension if kind is not None else None
    if found not in expected:
        return [_mismatch(suffix, found, data)]
    if suffix == ".pdf":
        return pdf_problems(data)
    return []


def _mismatch(suffix: str, found: str | None, data: bytes) -> Problem:
    values = {"ext": suffix}
    if found in RIGHT_SUFFIX:
        return Problem("other_ext", values | {"kind": KIND_ZH[found], "right": RIGHT_SUFFIX[found]})
    if found is not None:
        return Problem("other", values | {"kind": KIND_ZH.get(found, found)})
    if not data:
        return Problem("empty", values)
    head = data.lstrip(b"\xef\xbb\xbf\xff\xfe\xfe\xff \t\r\n\x00")
    if head[:1] == b"<" or _is_text(data[:512]):
        return Problem("text", values | {"head": _shown(head[:24])})
    return Problem("unknown", values | {"hex": data[:8].hex(" ").upper()})


def _is_text(sample: bytes) -> bool:
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3  # cut inside the last character
    return True


def _shown(raw: bytes) -> str:
    """A short, safe rendering of a file's first bytes: invisible characters by their code."""
    text = raw.decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() and ch != "\ufffd" else f"U+{ord(ch):04X}" for ch in text)


def pdf_problems(data: bytes) -> list[Problem]:
    """JavaScript or launch actions in a PDF, or that it cannot be checked."""
    found = _names_outside_streams(data)
    try:
        found |= _names_in_objects(data)
    except _Encrypted:
        return [Problem("pdf_encrypted", {})]
    except Exception:  # untrusted bytes in a parser: whatever it cannot read is refused, never published
        if not found:
            return [Problem("pdf_broken", {})]
    if not found:
        return []
    return [Problem("pdf_action", {"what": "、".join(PDF_ACTIONS[name] for name in sorted(found))})]


def _names_outside_streams(data: bytes) -> set[str]:
    found = set()
    for m in _NAME.finditer(_STREAM.sub(b" ", data)):
        name = _ESCAPE.sub(lambda e: bytes([int(e.group(1), 16)]), m.group(1)).decode("latin-1")
        if name in PDF_ACTIONS:
            found.add(name)
    return found


class _Encrypted(Exception):
    pass


def _names_in_objects(data: bytes) -> set[str]:
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL)  # its notes on damaged files are not the reporter's business
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _opens_without_password(reader):
            raise _Encrypted
        numbers = {(num, gen) for gen, table in reader.xref.items() for num in table}
        numbers |= {(num, 0) for num in reader.xref_objStm}
        found: set[str] = set()
        todo = [reader.trailer] + [reader.get_object(IndirectObject(n, g, reader)) for n, g in sorted(numbers)]
        while todo:
            obj = todo.pop()
            if isinstance(obj, DictionaryObject):
                todo.extend(obj.keys())
                todo.extend(v for v in obj.values() if not isinstance(v, IndirectObject))
            elif isinstance(obj, ArrayObject):
                todo.extend(v for v in obj if not isinstance(v, IndirectObject))
            elif isinstance(obj, NameObject) and obj[1:] in PDF_ACTIONS:
                found.add(str(obj[1:]))
        return found
    finally:
        pypdf_log.setLevel(level)


def _opens_without_password(reader) -> bool:
    with contextlib.suppress(Exception):
        return bool(reader.decrypt(""))
    return False


def check(root, rel: str) -> list[Finding]:
    """F13 findings for the attachment ``rel`` under ``root``, read without following links.

    The reader has checked before that it is a regular file within the size limit (F07, F08).
    """
    try:
        fd = os.open(os.path.join(root, rel), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return [make("F07", rel, kind="无法读取")]
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return [make("F07", rel, kind="特殊文件")]
        data = fh.read(MAX_ATTACHMENT_BYTES + 1)
    return [make("F13", rel, variant=p.variant, **p.values) for p in problems(rel, data)]
