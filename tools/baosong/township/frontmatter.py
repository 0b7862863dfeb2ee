"""Text-level handling of a submission: decoding, the front-matter fence, full-width slips.

Shared by the reader (which reports) and ``baosong fix`` (which rewrites), so both agree on
what is a slip and how it is mended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .items import ALLOWED_KEYS, LIST_KEYS

BOM = "\ufeff"
FENCE = re.compile(r"---[ \t]*")
# A fence typed with the Chinese input method on: full-width hyphens (－－－) or dashes (——— from Shift+-).
WIDE_FENCE = re.compile(r"[-\uff0d\u2010-\u2015\u2212\ufe58\ufe63]{2,}[ \t\u3000]*")
_DOTS = re.compile(r"\.\.\.[ \t]*")
_KEY_FULLWIDTH_COLON = re.compile(r"^([ \t]*(?:- )?)([A-Za-z_][A-Za-z0-9_]*)[ \t\u3000]*：[ \t\u3000]*")
_KEY_NO_SPACE = re.compile(r"^([ \t]*)([A-Za-z_][A-Za-z0-9_]*):(?=[^\s:/])")
_KEY_FULLWIDTH_SPACE = re.compile(r"^([ \t]*[A-Za-z_][A-Za-z0-9_]*:)[ \t]*\u3000[ \t\u3000]*")
_LEADING_FULLWIDTH_SPACE = re.compile(r"^[ \t]*\u3000[ \t\u3000]*")
_LIST_VALUE = re.compile(r"^([ \t]*)([A-Za-z_][A-Za-z0-9_]*):[ \t]*([\[［][^#\]］]*[\]］])([ \t]+#.*)?[ \t]*$")
_LIST_FULLWIDTH = "［］，、"
_TOP_KEY = re.compile("(?:" + "|".join(ALLOWED_KEYS) + r")[ \t\u3000]*[:：]")


@dataclass(frozen=True)
class Slip:
    """One full-width (or missing-space) slip in the front matter; ``line`` is the file line."""

    line: int
    kind: str  # colon | space | list | nospace
    key: str = ""
    chars: str = ""


@dataclass
class Split:
    front: list[str] | None  # the lines between the fences, None when there is no front matter
    body: str
    front_start: int  # file line of the first front-matter line
    body_line: int
    unclosed: bool = False
    dots: bool = False  # unclosed, but a YAML end marker ``...`` stands where the closing --- belongs
    wide: bool = False  # no front matter, but a fence is typed in full width (－－－, ———)


def decode(raw: bytes) -> tuple[str | None, str]:
    """UTF-8 text with BOM and CR/LF normalised, or (None, the encoding it looks like)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, guess_encoding(raw)
    if "\0" in text:  # valid UTF-8 but not text: UTF-16 without BOM, or a binary file renamed to .md
        return None, detect_legacy(raw)[1] if raw.count(0) * 4 >= len(raw) else "二进制文件（含空字符）"
    if text.startswith(BOM):
        text = text[1:]
    return normalise_newlines(text), "utf-8"


# Encodings ``baosong fix`` converts, as (codec, label for the reporter); others are named and refused.
LEGACY_ENCODINGS = {"gb18030": "GBK/GB18030", "utf_16": "UTF-16"}


def detect_legacy(raw: bytes) -> tuple[str | None, str]:
    """(codec, label) of a non-UTF-8 file; codec None when it must not be converted (charset.py)."""
    from .charset import guess

    found = guess(raw)
    return found.codec, found.label


def guess_encoding(raw: bytes) -> str:
    return detect_legacy(raw)[1]


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> Split:
    lines = text.split("\n")
    if not lines or not FENCE.fullmatch(lines[0]):
        return Split(None, text, 1, 1, wide=bool(lines) and _is_wide_fence(lines[0]))
    for i in range(1, len(lines)):
        if FENCE.fullmatch(lines[i]):
            return Split(lines[1:i], "\n".join(lines[i + 1 :]), 2, i + 2)
    dots = any(_DOTS.fullmatch(line) for line in lines[1:])
    wide = any(_is_wide_fence(line) for line in lines[1:])
    return Split(None, text, 2, 1, unclosed=True, dots=dots, wide=wide)


def mend(front: list[str], first_line: int) -> tuple[list[str], list[Slip]]:
    """Mend full-width slips in front-matter syntax only; values' own words are left alone."""
    out, slips = [], []
    for offset, line in enumerate(front):
        number = first_line + offset
        new = line
        m = _LEADING_FULLWIDTH_SPACE.match(new)
        if m:
            slips.append(Slip(number, "space"))
            # before a field name the slip is a stray space (a top-level key has no indent), elsewhere an indent
            top_key = _TOP_KEY.match(new[m.end() :]) and not m.group(0).strip("\u3000")
            new = ("" if top_key else m.group(0).replace("\u3000", "  ")) + new[m.end() :]
        m = _KEY_FULLWIDTH_COLON.match(new)
        if m:
            slips.append(Slip(number, "colon", m.group(2)))
            new = f"{m.group(1)}{m.group(2)}: {new[m.end() :]}"
        m = _KEY_FULLWIDTH_SPACE.match(new)
        if m:
            slips.append(Slip(number, "space"))
            new = f"{m.group(1)} {new[m.end() :]}"
        m = _LIST_VALUE.match(new)
        if m and m.group(2) in LIST_KEYS:
            found = "".join(sorted({c for c in m.group(3) if c in _LIST_FULLWIDTH}))
            if found:
                slips.append(Slip(number, "list", m.group(2), found))
                fixed = m.group(3).replace("［", "[").replace("］", "]").replace("，", ", ").replace("、", ", ")
                new = f"{m.group(1)}{m.group(2)}: {fixed}{m.group(4) or ''}"
        m = _KEY_NO_SPACE.match(new)
        if m:
            slips.append(Slip(number, "nospace", m.group(2)))
            new = f"{m.group(1)}{m.group(2)}: {new[m.end() :]}"
        out.append(new)
    return out, slips


def _is_wide_fence(line: str) -> bool:
    return not line.isascii() and bool(WIDE_FENCE.fullmatch(line))


def mend_fences(text: str) -> tuple[str, list[int]]:
    """A front matter fenced with full-width hyphens or dashes gets ASCII ``---`` fences.

    Only when the front matter is not already closed by ``---``: a first line that is a full-width fence
    becomes ``---``, and so does the first later full-width fence before any ``---``. Returns the text and
    the 1-based lines changed (nothing else is touched).
    """
    lines = text.split("\n")
    if not lines or not (FENCE.fullmatch(lines[0]) or _is_wide_fence(lines[0])):
        return text, []
    if FENCE.fullmatch(lines[0]) and any(FENCE.fullmatch(line) for line in lines[1:]):
        return text, []  # fenced as it should be: a dash line inside is a value or the body's
    changed = []
    if not FENCE.fullmatch(lines[0]):
        lines[0] = "---"
        changed.append(1)
    for i in range(1, len(lines)):
        if FENCE.fullmatch(lines[i]):
            break
        if _is_wide_fence(lines[i]):
            lines[i] = "---"
            changed.append(i + 1)
            break
    return "\n".join(lines), changed
