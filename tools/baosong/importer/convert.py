"""Mammoth: the .docx to HTML, with its images collected (not written) and paragraph alignment kept."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

import mammoth
import mammoth.transforms
from mammoth import documents

from ..township.items import MAX_ATTACHMENT_BYTES
from .source import ImportRefused

# Private-use characters put in front of centred / right-aligned paragraphs so that the alignment
# survives mammoth's HTML (which drops it). blocks.py reads and removes them.
CENTER = "\ue000"
RIGHT = "\ue001"
MARKERS = CENTER + RIGHT
IMAGE_SRC = "baosong-image:"

STYLE_MAP = """
p.BaosongHeadline => h1.doc-title:fresh
p[style-name='Title'] => h1.doc-title:fresh
p[style-name='title'] => h1.doc-title:fresh
p[style-name='标题'] => h1.doc-title:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='标题 1'] => h1:fresh
p[style-name='标题 2'] => h2:fresh
p[style-name='标题 3'] => h3:fresh
p[style-name='标题 4'] => h4:fresh
p[style-name='标题 5'] => h5:fresh
p[style-name='标题 6'] => h6:fresh
"""

_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
]
_KIND_NAMES = {
    "image/x-emf": "EMF",
    "image/emf": "EMF",
    "image/x-wmf": "WMF",
    "image/wmf": "WMF",
    "image/tiff": "TIFF",
    "image/bmp": "BMP",
    "image/x-bmp": "BMP",
    "image/svg+xml": "SVG",
}


@dataclass
class DocImage:
    """One picture of the document, in document order (``number`` from 1)."""

    number: int
    data: bytes = b""
    suffix: str = ""  # ".png" …; empty when refused
    alt: str = ""
    refused: str = ""  # why it is not imported (Chinese), or ""


@dataclass
class Converted:
    html: str
    images: list[DocImage] = field(default_factory=list)
    core_title: str = ""


def sniff_image(data: bytes) -> str:
    for magic, suffix in _MAGIC:
        if data.startswith(magic):
            return suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    return ""


def _mark_alignment(paragraph):
    marker = {"center": CENTER, "right": RIGHT, "end": RIGHT}.get(paragraph.alignment or "")
    if not marker:
        return paragraph
    return paragraph.copy(children=[documents.run([documents.text(marker)]), *paragraph.children])


class _ImageCollector:
    def __init__(self):
        self.images: list[DocImage] = []
        self._by_content: dict[bytes, DocImage] = {}

    def __call__(self, image) -> dict:
        try:
            with image.open() as fh:
                data = fh.read(MAX_ATTACHMENT_BYTES + 1)
        except Exception:  # a linked (not embedded) picture, or a missing part of the package
            entry = DocImage(
                len(self.images) + 1,
                refused="是链接到电脑上其他文件的图片（没有嵌入文档），没有导入："
                "请在 Word 里删除它，用“插入 → 图片”重新插入后再导入",
            )
            self.images.append(entry)
            return {"src": f"{IMAGE_SRC}{entry.number}"}
        known = self._by_content.get(data)
        if known is not None:
            return {"src": f"{IMAGE_SRC}{known.number}"}
        entry = DocImage(len(self.images) + 1, alt=(image.alt_text or "").strip())
        self.images.append(entry)
        self._by_content[data] = entry
        suffix = sniff_image(data)
        if len(data) > MAX_ATTACHMENT_BYTES:
            entry.refused = "超过 5 MB，没有导入：请压缩图片（或截图另存为 JPG）后放进单位的年份文件夹，再在正文里引用"
        elif not suffix:
            kind = _KIND_NAMES.get((image.content_type or "").lower(), image.content_type or "未知")
            entry.refused = (
                f"是 {kind} 格式，网站不能显示，没有导入：请在 Word 里右键图片“另存为图片”，"
                "保存为 PNG 或 JPG，放进单位的年份文件夹，再在正文里引用"
            )
        else:
            entry.data, entry.suffix = data, suffix
        return {"src": f"{IMAGE_SRC}{entry.number}"}


def core_title(data: bytes) -> str:
    """dc:title of docProps/core.xml, or ""."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            if "docProps/core.xml" not in zf.namelist():
                return ""
            root = ET.fromstring(zf.read("docProps/core.xml"))
    except (zipfile.BadZipFile, ET.ParseError, KeyError, OSError, ValueError):
        return ""
    node = root.find("{http://purl.org/dc/elements/1.1/}title")
    return re.sub(r"\s+", " ", node.text or "").strip() if node is not None else ""


def convert(data: bytes) -> Converted:
    """The document as HTML (images as ``baosong-image:N`` sources) plus its images and core title."""
    collector = _ImageCollector()
    try:
        result = mammoth.convert_to_html(
            BytesIO(data),
            style_map=STYLE_MAP,
            include_embedded_style_map=False,
            convert_image=mammoth.images.img_element(collector),
            transform_document=mammoth.transforms.paragraph(_mark_alignment),
        )
    except Exception:  # mammoth raises many kinds of error on a broken package
        raise ImportRefused(
            "无法读取文档的内容（文件可能已损坏，或不是标准的 Word 格式）：请在 Word 里打开它，"
            "另存为一份新的 .docx 再导入。"
        ) from None
    return Converted(result.value, collector.images, core_title(data))
