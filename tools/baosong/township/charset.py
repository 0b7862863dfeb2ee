"""Which legacy encoding a non-UTF-8 submission is in, and whether ``fix`` may convert it (issue 13.6).

A Chinese office's tools save text as UTF-8, GBK/GB18030 (Notepad and WPS on Chinese Windows) or
UTF-16 (Word's "Unicode text"). Those are converted. Anything else is named and refused: decoding a
Shift-JIS or EUC-KR file as GB18030 "succeeds" and turns the text into mojibake. Big5 is refused too:
on short texts its byte ranges overlap GBK's, so a wrong guess is likely, and Traditional characters
would still need converting to Simplified by a person. The detector is charset-normalizer (PyPI),
asked without a shortlist, so a Japanese or Korean file is recognised as such; a GB guess is accepted
only when its mess ratio is low and clearly below every other encoding's.
"""

from __future__ import annotations

from dataclasses import dataclass

GB = {"gb18030", "gbk", "gb2312", "cp936", "hz"}
UTF16 = {"utf_16", "utf_16_le", "utf_16_be"}
GB_LABEL, UTF16_LABEL = "GBK/GB18030", "UTF-16"
MAX_CHAOS = 0.1  # charset-normalizer's mess ratio of the decoded text (0: clean)
MARGIN = 0.03  # how much messier the next-best other encoding must be
REFUSED_LABELS = {
    "big5": "Big5（繁体中文）",
    "big5hkscs": "Big5（繁体中文）",
    "cp950": "Big5（繁体中文）",
    "cp932": "Shift-JIS（日文）",
    "shift_jis": "Shift-JIS（日文）",
    "shift_jis_2004": "Shift-JIS（日文）",
    "shift_jisx0213": "Shift-JIS（日文）",
    "euc_jp": "EUC-JP（日文）",
    "euc_jis_2004": "EUC-JP（日文）",
    "euc_jisx0213": "EUC-JP（日文）",
    "iso2022_jp": "ISO-2022-JP（日文）",
    "cp949": "EUC-KR（韩文）",
    "euc_kr": "EUC-KR（韩文）",
    "johab": "Johab（韩文）",
}


@dataclass(frozen=True)
class Guess:
    """``codec``: the Python codec to convert with, or None when the file must not be converted;
    ``label``: what it looks like, for the reporter."""

    codec: str | None
    label: str


def guess(raw: bytes) -> Guess:
    """The encoding of ``raw`` (bytes that are not UTF-8), and whether it is safe to convert."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Guess("utf_16", UTF16_LABEL)
    if raw.count(0) * 4 >= len(raw) > 0:  # UTF-16 without a BOM: every other byte of ASCII is NUL
        codec = "utf_16_le" if raw[1:2] == b"\0" else "utf_16_be"
        try:
            raw.decode(codec)
        except UnicodeDecodeError:
            return Guess(None, "二进制文件（含空字符）")
        return Guess(codec, UTF16_LABEL)
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches:
        return Guess(None, "未知编码")
    best = matches[0]
    if best.encoding in GB:
        others = [m.chaos for m in matches if m.encoding not in GB]
        if best.chaos <= MAX_CHAOS and all(chaos >= best.chaos + MARGIN for chaos in others):
            return Guess("gb18030", GB_LABEL)  # GB18030 decodes all of GBK and GB2312
        return Guess(None, "无法确定的编码（可能是 GBK，也可能不是）")
    return Guess(None, REFUSED_LABELS.get(best.encoding, best.encoding))
