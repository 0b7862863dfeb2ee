"""S01–S07: what may not be reported (refused levels, markings, personal numbers, listed words, drafts).

Each code is one function. The scanners read the title, the tags and the body after NFKC
normalisation (``baosong.scan.text``: NFKC, invisible format characters removed); findings give the file
line, the column as written and a masked excerpt only, so CI logs and PR comments never repeat a sensitive value. Severities come from ``rules.yaml`` ``scan.scanners``
(``off`` turns a scanner off); S06 words carry their own severity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from ..report.catalogue import CATALOGUE
from ..report.findings import Finding, make
from ..scan.markings import find_drafts, find_markings
from ..scan.numbers import allowed_digits, find_numbers, masked_text
from ..scan.text import Hit, ScanText, normalise, scan_texts
from ..scan.words import DEFAULT_WORDS, find_words
from ..township.items import Item
from ..township.paths import DATED_NAME
from ..township.rules import OFF
from .registration import Context, item_check

FILE_NAME = "文件名"  # the field of a finding in the file name
WORD_CODES = ("S02", "S06", "S07")  # excerpts that are the words as found (numbers mark their own)
MAX_PER_CODE = 50  # per item: enough to show the problem without flooding a PR comment


def severity_of(code: str, ctx: Context) -> str:
    return ctx.rules.scan.level(code, CATALOGUE[code].severity)


def report(
    item: Item,
    ctx: Context,
    code: str,
    finder: Callable[[ScanText], Iterable[Hit]],
    texts: Iterable[ScanText] = (),
) -> Iterable[Finding]:
    """One finding per distinct excerpt per line, at the configured severity (or the hit's own); ``texts``: more
    texts to scan after the title, the tags and the body (the file name, for S03–S05)."""
    severity = severity_of(code, ctx)
    if severity == OFF:
        return
    seen = set()
    allow = [normalise(a) for a in ctx.rules.scan.allow if a.strip()]
    for st in (*scan_texts(item), *texts):
        for hit in finder(st):
            line = st.line_of(hit.start)
            if (line, hit.excerpt) in seen or allowed(st.text, hit, allow):
                continue
            if len(seen) >= MAX_PER_CODE:
                return
            seen.add((line, hit.excerpt))
            if st.raw is not None and code in WORD_CODES and st.hidden(hit.start, hit.end):
                hit = replace(
                    hit, excerpt=hit.excerpt.replace(st.text[hit.start : hit.end], st.marked(hit.start, hit.end))
                )
            yield make(
                code,
                item.path,
                line,
                st.key,
                variant=hit.variant,
                severity=hit.severity or severity,
                excerpt=hit.excerpt,
                word=hit.excerpt,
                advice=hit.advice,
                where=where(st, hit.start),
                **dict(hit.values),
            )


def where(st: ScanText, offset: int) -> str:
    """Where a reporter finds the hit: ``第 14 行第 9 个字起`` in the body (columns as written, issue 12),
    ``第 2 行（title 的第 3 个字起）`` in a front-matter value, ``第 5 行（tags 里）`` in the joined tags."""
    line = st.line_of(offset)
    if st.key == FILE_NAME:
        return (
            f"文件名第 {st.column_of(offset)} 个字起（网页地址用文件名，请改文件名；baosong fix --rename 可以自动改）"
        )
    if st.key is None:
        return f"第 {line} 行第 {st.column_of(offset)} 个字起"
    if st.key == "tags":
        return f"第 {line} 行（tags 里）"
    return f"第 {line} 行（{st.key} 的第 {st.column_of(offset)} 个字起）"


def allowed(text: str, hit: Hit, allow: list[str]) -> bool:
    """True when the hit lies inside an occurrence of a ``scan.allow`` string."""
    for entry in allow:
        start = text.find(entry, max(0, hit.end - len(entry)))
        if 0 <= start <= hit.start and hit.end <= start + len(entry):
            return True
    return False


def file_name_text(item: Item) -> ScanText:
    """The item's file name, scanned for S03–S05: the site's address for the item is made from it (SPEC §2.2; the
    form makes it from the title), so a number there is published unless masked (site/masking.py masks it)."""
    if _last_file[0] is not item:  # the same object for S03, S04 and S05 of one item: its numbers are found once
        _last_file[:] = [item, ScanText.of(item.path.rpartition("/")[2], None, FILE_NAME)]
    return _last_file[1]


_last_file: list = [None, None]  # (item, its file name's ScanText), as scan_texts keeps the last item's texts


def with_masked_paths(findings: list[Finding], today: date) -> list[Finding]:
    """The findings with a personal number in a file name masked in their path (``masked_text`` after the name's
    ``YYYY-MM-DD-`` date): for the reports people read, a CI log and a pull-request comment. The machine formats
    (JSON, annotations) keep the real path, which they need to point at the file."""
    out = []
    for f in findings:
        folder, slash, name = f.path.rpartition("/")
        head = name[:11] if DATED_NAME.match(name) else ""
        masked = masked_text(name[len(head) :], today)
        # masked_text reads the name normalised (NFKC): used only where it masked something
        out.append(replace(f, path=folder + slash + head + masked) if masked.count("*") > name.count("*") else f)
    return out


def number_hits(ctx: Context, code: str) -> Callable[[ScanText], list[Hit]]:
    """S03–S05 share one pass over the numbers of a text."""
    allow = allowed_digits(ctx.rules.scan.allow)
    labels = ctx.rules.scan.labels

    def finder(st: ScanText) -> list[Hit]:
        if "numbers" not in st.found:
            st.found["numbers"] = find_numbers(st, ctx.today, allow, labels)
        return [h for h in st.found["numbers"] if h.code == code]

    return finder


@item_check("S01")
def s01_refused_sensitivity(item: Item, ctx: Context):
    value = item.text("sensitivity")
    kind = ctx.rules.refused_sensitivity.get(value or "")
    if kind is not None:
        yield make("S01", item.path, item.line("sensitivity"), "sensitivity", variant=kind, value=value)


@item_check("S02")
def s02_markings(item: Item, ctx: Context):
    yield from report(item, ctx, "S02", find_markings)


@item_check("S03")
def s03_resident_ids(item: Item, ctx: Context):
    yield from report(item, ctx, "S03", number_hits(ctx, "S03"), [file_name_text(item)])


@item_check("S04")
def s04_bank_cards(item: Item, ctx: Context):
    yield from report(item, ctx, "S04", number_hits(ctx, "S04"), [file_name_text(item)])


@item_check("S05")
def s05_mobiles(item: Item, ctx: Context):
    yield from report(item, ctx, "S05", number_hits(ctx, "S05"), [file_name_text(item)])


@item_check("S06")
def s06_words(item: Item, ctx: Context):
    words = ctx.rules.scan.words or DEFAULT_WORDS
    yield from report(item, ctx, "S06", lambda st: find_words(st, words))


@item_check("S07")
def s07_drafts(item: Item, ctx: Context):
    yield from report(item, ctx, "S07", find_drafts)
