"""The text a scanner reads: NFKC-normalised, with the file line of every offset."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from ..items import Item

NEWLINE = re.compile("\n")


class LazyRe:
    """A regex compiled on first use: big patterns cost milliseconds to compile, and most runs never need them."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):  # search, match, finditer, ...
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return getattr(self._compiled, name)


@dataclass(frozen=True)
class Hit:
    """One thing a scanner found: ``start``/``end`` are offsets in the normalised text."""

    code: str
    start: int
    end: int
    excerpt: str  # what a report may show (already masked for numbers)
    severity: str | None = None  # only when the hit carries its own (S06 words)
    advice: str = ""


@dataclass
class ScanText:
    """``text`` is NFKC-normalised; it has the same lines as the raw text, so line numbers survive."""

    text: str
    first_line: int | None  # file line of the text's first line
    key: str | None = None  # front-matter key, or None for the body
    _starts: list[int] | None = field(default=None, repr=False)
    found: dict = field(default_factory=dict, repr=False)  # results shared by several checks (numbers)

    @classmethod
    def of(cls, raw: str, first_line: int | None, key: str | None = None) -> ScanText:
        text = normalise(raw)
        if text is not raw and text.count("\n") != raw.count("\n"):  # never seen; keep the lines whatever happens
            text = "\n".join(normalise(line) for line in raw.split("\n"))
        return cls(text, first_line, key)

    def line_of(self, offset: int) -> int | None:
        if self.first_line is None:
            return None
        if self._starts is None:
            self._starts = [0] + [m.end() for m in NEWLINE.finditer(self.text)]
        return self.first_line + bisect_right(self._starts, offset) - 1


# Full-width punctuation that fills every Chinese text and maps to one ASCII character under NFKC.
# Replacing these first lets typical text skip the (slow) full normalisation: the result is the same.
COMMON = (("，", ","), ("；", ";"), ("：", ":"), ("（", "("), ("）", ")"), ("！", "!"), ("？", "?"), ("\u3000", " "))


def normalise(text: str) -> str:
    """NFKC: full-width digits, letters, punctuation and U+3000 become their plain forms."""
    if text.isascii():
        return text
    for wide, narrow in COMMON:
        if wide in text:
            text = text.replace(wide, narrow)
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


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
