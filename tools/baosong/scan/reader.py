"""The body as a reader sees it on the site, for the number scanners (S03–S05, issue 12b).

The scanners read the Markdown source; the site shows the rendered text. A number written
``5&#51;0826198503120045``, ``530826**19850312**0045``, ``6228\\-4800\\-6123`` or split over a soft line
break (``530826198503`` / ``120045``) reads as one number on the page. The *reader view* of a stretch of
lines decodes character references (``html.unescape``, then ``text.normalise``: ``&#8203;`` disappears,
``&#65301;`` is a 5), drops the backslash of an escape (and a stray one between two digits), removes emphasis and code markers next to a
digit (``*``, ``_``, `````, ``~``, ``=``, ``^``) and the link syntax around digits (``[1985](…)``), and
joins the lines of a paragraph where a digit run continues (a soft line break shows as a space).

Views are built only where they can differ from the plain text: lines holding ``&``, a backslash or a
marker next to a digit, and line pairs where one ends and the next starts with a digit. Every character
of a view keeps the span of normalised text it came from, so findings stay on their source line.
"""

from __future__ import annotations

import html
import re
import string
from bisect import bisect_right
from dataclasses import dataclass

from .text import normalise

MARKERS = "*_`~=^"
ANY = re.compile(r"[&\\*_`~=^\[\]]")  # a quick first look (a character class searches fast)
NEEDS = re.compile(r"[&\\]|\d[*_`~=^\]]|[*_`~=^\[]\d")
LINK_TAIL = re.compile(r'\]\([^()\s]*(?:\s+"[^"]*")?\)')  # ](url "title") after a link's text
# a digit (perhaps after markers) starting a line, after a line ending in a digit (perhaps closed by markers)
NEXT_STARTS = re.compile(r"\n[ \t]*[*_`~=^]*(?:\d|&#)")
ENDS = re.compile(r"\d[*_`~=^]*[ \t]*\Z")
CHAR_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
MARKER_RUN = re.compile(r"[*_`~=^]+")
ESCAPABLE = frozenset(string.punctuation)  # CommonMark: any ASCII punctuation may be escaped
NEWLINE = re.compile("\n")
MAX_LINES = 4  # lines joined into one view: an ID split over more lines than this is not read as one number


@dataclass(frozen=True)
class View:
    """``text`` as read; ``spans[i]`` is the ``[start, end)`` of normalised source that character i came from."""

    text: str
    spans: list[tuple[int, int]]

    def source(self, start: int, end: int) -> tuple[int, int]:
        """The source span of the view's ``[start, end)``."""
        return self.spans[start][0], self.spans[end - 1][1]


def views(text: str) -> list[View]:
    """The reader views of ``text`` (a normalised body) that differ from it; usually none."""
    needs = NEEDS.search(text) if ANY.search(text) else None
    joins = [m.start() for m in NEXT_STARTS.finditer(text) if ENDS.search(text, max(0, m.start() - 64), m.start())]
    if needs is None and not joins:
        return []
    starts = [0] + [m.end() for m in NEWLINE.finditer(text)]
    lines = set()
    joined = set()  # i: line i continues on line i + 1
    if needs is not None:
        for m in NEEDS.finditer(text, needs.start()):
            lines.add(bisect_right(starts, m.start()) - 1)
    for at in joins:
        i = bisect_right(starts, at) - 1
        joined.add(i)
        lines.update((i, i + 1))
    out = []
    order = sorted(lines)
    k = 0
    while k < len(order):
        first = last = order[k]
        while last in joined and last - first < MAX_LINES - 1:
            last += 1
        while k < len(order) and order[k] <= last:
            k += 1
        view = _build(text, starts, first, last)
        if view.text != text[starts[first] : _line_end(text, starts, last)]:
            out.append(view)
    return out


def _line_end(text: str, starts: list[int], index: int) -> int:
    return starts[index + 1] - 1 if index + 1 < len(starts) else len(text)


def _build(text: str, starts: list[int], first: int, last: int) -> View:
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    for index in range(first, last + 1):
        lo, hi = starts[index], _line_end(text, starts, index)
        if index > first:  # a soft line break: the browser shows a space
            while lo < hi and text[lo] in " \t":
                lo += 1
            chars.append(" ")
            spans.append((lo - 1, lo))
        if index < last:
            while hi > lo and text[hi - 1] in " \t":
                hi -= 1
        _line(text, lo, hi, chars, spans)
    return View("".join(chars), spans)


def _line(text: str, i: int, hi: int, chars: list[str], spans: list[tuple[int, int]]) -> None:
    """Append ``text[i:hi]`` as read: references decoded, escapes and markers next to digits dropped."""
    while i < hi:
        ch = text[i]
        if ch == "&" and (m := CHAR_REF.match(text, i, hi)):
            decoded = html.unescape(m.group())
            if decoded != m.group():
                for c in normalise(decoded):
                    chars.append(c)
                    spans.append((i, m.end()))
                i = m.end()
                continue
        elif ch == "\\" and i + 1 < hi and text[i + 1] in ESCAPABLE:
            chars.append(text[i + 1])
            spans.append((i, i + 2))
            i += 2
            continue
        elif ch == "\\" and chars and chars[-1].isdigit() and i + 1 < hi and text[i + 1].isdigit():
            i += 1  # a stray backslash between digits (5\327…): the page shows it, the digits still read as one
            continue
        elif ch == "[" and i + 1 < hi and text[i + 1].isdigit():
            i += 1  # a link's text starts: [1985](…) shows 1985
            continue
        elif ch == "]" and chars and chars[-1].isdigit() and (m := LINK_TAIL.match(text, i, hi)):
            i = m.end()
            continue
        elif ch in MARKERS:
            j = MARKER_RUN.match(text, i, hi).end()
            after = text[j] if j < hi else ""
            if (chars and chars[-1].isdigit()) or after.isdigit() or text.startswith("&#", j):
                i = j  # emphasis, code or strike-through around digits: the digits read on
                continue
            chars.extend(text[i:j])
            spans.extend((k, k + 1) for k in range(i, j))
            i = j
            continue
        chars.append(ch)
        spans.append((i, i + 1))
        i += 1
