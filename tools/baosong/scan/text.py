"""The text a scanner reads: one normalisation for S02–S07, with the file line and column of every offset.

Issue 12: NFKC, then the format characters (category Cf) removed, so ``530925\u200b19800101\u200b0011`` reads as one number and ``内部\u200b资料`` as
one word. The lines stay the same (NFKC never adds or removes a line feed), so the file line of an
offset needs no map; the column and the hidden characters of a hit come from an offset map built only
for the lines a hit is on.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ..township.items import Item
from .chars import is_ignored, strip_ignored

NEWLINE = re.compile("\n")


class LazyRe:
    """A regex compiled on first use: big patterns cost milliseconds to compile, and most runs never need them."""

    def __init__(self, pattern: str | Callable[[], str], flags: int = 0):
        self.pattern, self.flags = pattern, flags  # a callable builds the pattern on first use too
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):  # search, match, finditer, ...
        if self._compiled is None:
            pattern = self.pattern if isinstance(self.pattern, str) else self.pattern()
            self._compiled = re.compile(pattern, self.flags)
        method = getattr(self._compiled, name)
        setattr(self, name, method)  # later look-ups skip __getattr__ (scanners call these per text)
        return method


@dataclass(frozen=True)
class Hit:
    """One thing a scanner found: ``start``/``end`` are offsets in the normalised text."""

    code: str
    start: int
    end: int
    excerpt: str  # what a report may show (already masked for numbers)
    severity: str | None = None  # only when the hit carries its own (S06 words)
    advice: str = ""
    variant: str = "default"  # the catalogue message to use
    values: tuple[tuple[str, str], ...] = ()  # more fields for the message template


@dataclass
class ScanText:
    """``text`` is normalised (``normalise``); it has the same lines as ``raw``, so line numbers survive."""

    text: str
    first_line: int | None  # file line of the text's first line
    key: str | None = None  # front-matter key, or None for the body
    raw: str | None = None  # the text as written (None: same as ``text``)
    _starts: list[int] | None = field(default=None, repr=False)
    _maps: dict[int, list[int]] = field(default_factory=dict, repr=False)  # line index → offset map
    _raw_lines: list[str] | None = field(default=None, repr=False)
    found: dict = field(default_factory=dict, repr=False)  # results shared by several checks (numbers)

    @classmethod
    def of(cls, raw: str, first_line: int | None, key: str | None = None) -> ScanText:
        text = normalise(raw)
        if text is not raw and text.count("\n") != raw.count("\n"):  # never seen; keep the lines whatever happens
            text = "\n".join(normalise(line) for line in raw.split("\n"))
        return cls(text, first_line, key, None if text is raw else raw)

    def _line_index(self, offset: int) -> int:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in NEWLINE.finditer(self.text)]
        return bisect_right(self._starts, offset) - 1

    def line_of(self, offset: int) -> int | None:
        if self.first_line is None:
            return None
        return self.first_line + self._line_index(offset)

    def _map(self, index: int) -> tuple[str, int, list[int] | None]:
        """The raw line ``index``, where its normalised line starts, and its offset map (None: one to one)."""
        start = self._starts[index]
        if self.raw is None:
            return "", start, None
        if index not in self._maps:
            if self._raw_lines is None:
                self._raw_lines = self.raw.split("\n")
            raw_line = self._raw_lines[index]
            end = self.text.find("\n", start)
            norm_line = self.text[start : None if end < 0 else end]
            one_to_one = len(raw_line) == len(norm_line) and raw_line.replace("\t", " ").isprintable()
            self._maps[index] = [] if one_to_one else offset_map(raw_line, norm_line)
        return self._raw_lines[index], start, self._maps[index] or None

    def column_of(self, offset: int) -> int:
        """1-based column, in characters as written, of the normalised ``offset`` on its line."""
        _, start, mapping = self._map(self._line_index(offset))
        col = offset - start
        return (mapping[min(col, len(mapping) - 1)] if mapping else col) + 1

    def hidden(self, start: int, end: int) -> list[tuple[int, str]]:
        """Ignored characters written inside ``[start, end)``: (normalised characters before it, the character).

        Only the line of ``start`` is looked at (numbers never span lines).
        """
        index = self._line_index(start)
        raw_line, line_start, mapping = self._map(index)
        if not mapping:
            return []  # one to one: nothing was removed
        lo, hi = start - line_start, min(end - line_start, len(mapping) - 1)
        if hi <= lo:
            return []
        first, last = mapping[lo], mapping[hi - 1]
        out = []
        for at in range(first, last):
            if is_ignored(raw_line[at]):
                out.append((bisect_left(mapping, at, lo, hi) - lo, raw_line[at]))
        return out

    def marked(self, start: int, end: int) -> str:
        """``text[start:end]`` with ``[U+200B]`` where an ignored character was written (words, markings)."""
        shown = self.text[start:end]
        for before, ch in reversed(self.hidden(start, end)):
            shown = f"{shown[:before]}[U+{ord(ch):04X}]{shown[before:]}"
        return shown


def offset_map(raw: str, norm: str) -> list[int]:
    """For each character of ``norm`` (= ``normalise(raw)``, one line) and its end, the offset in ``raw``.

    Each character with its combining marks is normalised on its own; when that differs from normalising
    the whole line (compositions across characters, e.g. Hangul jamo), offsets are spread evenly.
    """
    out: list[int] = []
    pieces = []
    i, n = 0, len(raw)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(raw[j]):
            j += 1
        piece = raw[i:j]
        if not piece.isascii():
            piece = normalise(piece)
        pieces.append(piece)
        out.extend([i] * len(piece))
        i = j
    out.append(n)
    if "".join(pieces) != norm:
        size = max(1, len(norm))
        return [min(n, k * n // size) for k in range(len(norm) + 1)]
    return out


# Full-width punctuation that fills every Chinese text and maps to one ASCII character under NFKC.
# Replacing these first lets typical text skip the (slow) full normalisation: the result is the same.
COMMON = (("，", ","), ("；", ";"), ("：", ":"), ("（", "("), ("）", ")"), ("！", "!"), ("？", "?"), ("\u3000", " "))


def normalise(text: str) -> str:
    """NFKC (full-width digits, letters, punctuation and U+3000 become their plain forms), then the format
    characters (category Cf, ``chars.strip_ignored``) removed. ASCII text is returned as is.
    """
    if text.isascii():
        return text
    for wide, narrow in COMMON:
        if wide in text:
            text = text.replace(wide, narrow)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    # Format characters are not printable: a printable text (line feeds and tabs aside) has none (C speed).
    probe = text.replace("\n", "")
    if "\t" in probe:
        probe = probe.replace("\t", "")
    if not probe.isprintable():
        text = strip_ignored(text)
    return text


_last: list = [None, []]  # (item, its texts): the checks of one item run one after another


def scan_texts(item: Item) -> list[ScanText]:
    """The title, tags and body of an item, normalised once for all scanners.

    The cache holds only the last item (nothing is stored on the item, which may be pickled back from a worker).
    """
    if _last[0] is item:
        return _last[1]
    texts = []
    title = item.text("title")
    if title:
        texts.append(ScanText.of(title, item.line("title"), "title"))
    tags = item.tags
    if tags:
        texts.append(ScanText.of(" ".join(tags), item.line("tags"), "tags"))
    if item.body:
        texts.append(ScanText.of(item.body, item.body_line, None))
    _last[:] = [item, texts]
    return texts
