"""Personal numbers are never published: the site masks every number S03–S05 would find in what it shows.

SPEC §2.1 says phones are never published, §2.2 bans personal data. S03 (ID, GB 11643) and S04 (bank card)
are errors, so such an item is not published at all; S05 (a mobile number) is only a warning, so a merged
item may still hold one — and the office may turn any scanner down in rules.yaml. The site therefore masks
the numbers the scanners would find (the same finder, ``scan.numbers.find_numbers``, the same ``scan.allow``
and ``scan.labels``) in the title, the tags, the body's HTML and the search text, whatever the severities:
``13912345678`` is shown as ``139****5678``; an allowed number (the office's published hotline) stays.

The text is read as a reader sees it: character references decoded, tags dropped, a line break inside a
paragraph read as a space, block tags as line breaks; each digit is then replaced where it was written,
so ``139<strong>1234</strong>5678`` becomes ``139<strong>****</strong>5678``.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import quote, unquote

from ..scan.numbers import LONG_ENOUGH, allowed_digits, find_numbers, shown_digits
from ..scan.reader import CHAR_REF
from ..scan.text import ScanText, normalise
from ..township.items import Item
from ..township.paths import DATED_NAME
from .search.text import BLOCK_TAG

# A tag, a character reference (the reader view's pattern), or one character: the units HTML is read in.
_UNIT = re.compile(rf"<[^>]*>|{CHAR_REF.pattern}|.", re.S)
_CHAR_REF = re.compile(rf"{CHAR_REF.pattern}|.", re.S)
_TAG = re.compile(r"<[^>]*>")
# Attribute values as Python-Markdown writes them (name="value", `"` escaped), inside tags only.
_ATTRIBUTE = re.compile(r'(?<=\s)((?:alt|title|id|href|src|name)=")([^"]*)(")')
NAME_MASK = "x"  # what a masked digit is in a published file name: 139xxxx5678 (Windows refuses *)
URL_SAFE = "/:?#[]@!$&'()*+,;=~"  # RFC 3986 reserved characters: a re-encoded link keeps its parts


@dataclass(frozen=True)
class Masker:
    """Masks S03–S05 numbers in published text; ``allow`` as ``allowed_digits(rules.scan.allow)``.

    ``today`` matters because an ID number's birth date must not be in the future (GB 11643).
    """

    today: date
    allow: frozenset[str] = frozenset()
    labels: dict | None = None

    @classmethod
    def for_rules(cls, rules, today: date) -> Masker:
        return cls(today, allowed_digits(rules.scan.allow), rules.scan.labels)

    @property
    def signature(self) -> str:
        """What the masking depends on, for cache keys of published pages.

        ``today`` is left out on purpose: it only rules out ID numbers born in the future, and with it every
        item page would be rendered again each day.
        """
        return repr((sorted(self.allow), self.labels))

    def text(self, value: str) -> str:
        """Plain text (a title, a tag, search text) with its numbers masked; character references count."""
        return self._masked(value, _CHAR_REF)

    def html(self, markup: str) -> str:
        """An HTML fragment with the numbers of its visible text masked, and of every attribute a reader or a
        URL shows: an image's ``alt``, a ``title``, a heading's ``id`` and the ``#…`` links to it (both masked
        alike, so the anchor still works), a link's ``href``."""
        return _ATTRIBUTE.sub(self._attribute, self._masked(markup, _UNIT))

    def _attribute(self, m: re.Match) -> str:
        value = m.group(2)
        # a link to a file names it as published (NAME_MASK); an id and the #… links to it stay alike
        star = NAME_MASK if m.group(1) in ('href="', 'src="') and not value.startswith("#") else "*"
        if m.group(1) in ('href="', 'src="') and "%" in value:
            # a link as the reader's address bar shows it: 张三13912345678 written %E5%BC%A0%E4%B8%8913912345678
            # has a run of digits (8913912345678) that is no number until the escapes are read
            decoded = unquote(htmllib.unescape(value))
            shown = self._masked(decoded, _CHAR_REF, star)
            if shown != decoded:
                return m.group(1) + htmllib.escape(quote(shown, safe=URL_SAFE)) + m.group(3)
        return m.group(1) + self._masked(value, _CHAR_REF, star) + m.group(3)

    def file_name(self, name: str) -> str:
        """A file name as published in a URL (an item page, an attachment): the numbers of the part after its
        ``YYYY-MM-DD-`` date masked with ``NAME_MASK`` (``2026-11-24-联系13912345678.md`` →
        ``2026-11-24-联系139xxxx5678.md``): ``*`` is not allowed in a Windows file name (an IIS server)."""
        dated = DATED_NAME.match(name)
        head = dated.group() if dated else ""
        return head + self._masked(name[len(head) :], _CHAR_REF, NAME_MASK)

    def path(self, path: str) -> str:
        """A repository path as a log line shows it: the file name masked (``file_name``), the folders as they are."""
        folder, slash, name = path.rpartition("/")
        return folder + slash + self.file_name(name)

    def item(self, item: Item) -> Item:
        """``item`` itself when its title and tags hold no number to mask, else a copy with them masked."""
        meta = item.meta
        title, tags = meta.get("title"), meta.get("tags")
        new_title = self.text(title) if isinstance(title, str) else title
        new_tags = [self.text(t) if isinstance(t, str) else t for t in tags] if isinstance(tags, list) else tags
        if new_title == title and new_tags == tags:
            return item
        copy = replace(item, meta={**meta, "title": new_title, "tags": new_tags})
        copy.__dict__.pop("title", None)  # the cached property must read the masked value
        return copy

    def _masked(self, source: str, unit_re: re.Pattern, star: str = "*") -> str:
        # A quick look first: tags read as spaces (separators, so a number split by tags still matches) can
        # only find more than the reader's text does; most texts stop here, before the per-character pass.
        quick = _TAG.sub(" ", source) if unit_re is _UNIT else source
        if not LONG_ENOUGH.search(normalise(htmllib.unescape(quick).replace("\n", " "))):
            return source
        units, seen, owner = _reader_text(source, unit_re)
        hits = find_numbers(ScanText(seen, None, key="site"), self.today, self.allow, self.labels)
        if not hits:
            return source
        out = [m.group() for m in units]
        for hit in hits:
            for i, ch in shown_digits(seen, hit):  # each digit where it was written: a tag or a reference stays
                if ch == "*":
                    out[owner[i]] = star
        return "".join(out)


def _reader_text(source: str, unit_re: re.Pattern) -> tuple[list[re.Match], str, list[int]]:
    """(the source's units, the normalised text a reader sees, for each of its characters the unit it came from)."""
    units = list(unit_re.finditer(source))
    chars: list[str] = []
    owner: list[int] = []
    for n, m in enumerate(units):
        piece = m.group()
        if piece.startswith("<") and len(piece) > 1:
            seen = "\n" if BLOCK_TAG.match(piece) else ""
        elif piece.startswith("&") and len(piece) > 1:
            seen = normalise(htmllib.unescape(piece))
        elif piece == "\n":
            seen = " "
        else:
            seen = normalise(piece)
        chars.extend(seen)
        owner.extend([n] * len(seen))
    return units, "".join(chars), owner


def published_names(paths: Iterable[str], masker: Masker) -> dict[str, str]:
    """path → the path published instead, for the paths (item ids, attachments) whose file name holds a personal
    number (``Masker.file_name``). A masked path already taken gets ``-2``, ``-3`` … so that no page or file
    replaces another. Paths that need no masking are left out."""
    paths = sorted(set(paths))
    taken = set(paths)
    out = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        shown = masker.file_name(name)
        if shown == name:
            continue
        stem, dot, ext = shown.rpartition(".") if "." in shown else (shown, "", "")
        candidate, n = shown, 1
        while f"{folder}/{candidate}" in taken:
            n += 1
            candidate = f"{stem}-{n}{dot}{ext}"
        taken.add(f"{folder}/{candidate}")
        out[path] = f"{folder}/{candidate}"
    return out
