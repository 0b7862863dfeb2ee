"""Compact, JSON-safe encodings of posting lists (sorted item numbers) and the shard of a term.

A posting list is a string in the base64 alphabet, chosen per term, whichever is shorter:

* gaps: each gap ``n - previous - 1`` (previous starts at -1) as an unsigned base64 VLQ, the
  encoding of source maps without the sign bit: 5 value bits per character, low bits first, bit 6
  (value 32) set on every character but the last. A run of consecutive items costs one byte each.
* bitmap: ``!`` then one character per 6 items, bit ``i`` (value ``1 << i``) of character ``k`` set
  when item ``6k + i`` is in the list; trailing empty characters are left off. Used for words found in
  a large share of the items.

A term's shard is ``crc32(utf-8 bytes of the term) % shards``.
"""

from __future__ import annotations

import itertools
import operator
import re
import zlib

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
BITMAP = "!"
_SIX = re.compile(".{6}")


def vlq(value: int) -> str:
    out = []
    while True:
        digit = value & 31
        value >>= 5
        if value:
            out.append(ALPHABET[digit | 32])
        else:
            out.append(ALPHABET[digit])
            return "".join(out)


class PostingEncoder:
    """Encodes posting lists of items numbered below ``count``; tables make it run at C speed."""

    def __init__(self, count: int):
        self.count = count
        self.gap_codes = [vlq(g) for g in range(max(count, 1))]
        self.step_codes = ["", *self.gap_codes]  # by ``n - previous``, which is at least 1
        self.six = {format(v, "06b")[::-1]: ALPHABET[v] for v in range(64)}

    def encode(self, numbers: list[int]) -> str:
        if len(numbers) == 1:  # most terms of a real corpus: a rare word in one item
            return self.gap_codes[numbers[0]]
        steps = map(operator.sub, numbers, itertools.chain((-1,), numbers))
        gap_text = "".join(map(self.step_codes.__getitem__, steps))
        bitmap_len = numbers[-1] // 6 + 2
        if len(gap_text) <= bitmap_len:
            return gap_text
        return BITMAP + self._bitmap(numbers)

    def _bitmap(self, numbers: list[int]) -> str:
        size = (numbers[-1] // 6 + 1) * 6
        bits = bytearray(b"0" * size)
        for n in numbers:
            bits[n] = 49  # "1"
        return "".join(map(self.six.__getitem__, _SIX.findall(bits.decode("ascii"))))


def decode(text: str) -> list[int]:
    """The inverse of ``PostingEncoder.encode`` (used by the tests; the browser has its own)."""
    values = {c: i for i, c in enumerate(ALPHABET)}
    if text.startswith(BITMAP):
        return [6 * k + i for k, c in enumerate(text[1:]) for i in range(6) if values[c] >> i & 1]
    numbers, previous, value, shift = [], -1, 0, 0
    for c in text:
        digit = values[c]
        value |= (digit & 31) << shift
        if digit & 32:
            shift += 5
            continue
        previous += value + 1
        numbers.append(previous)
        value = shift = 0
    return numbers


def shard_of(term: str, shards: int) -> int:
    return zlib.crc32(term.encode("utf-8")) % shards
