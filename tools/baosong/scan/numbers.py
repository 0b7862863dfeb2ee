"""S03–S05: resident IDs, bank cards and mobile numbers in normalised text (``text.normalise``).

A number is a run of digit groups split by separators (``138 1234 5678``, ``139.1234.5678``,
``5309–2519–8001–0100–13``): every Unicode space and dash and the dots, from ``chars`` (issue 12),
compared by kind so an en dash and a hyphen split alike. Runs are bounded by digit lookarounds (``\\b``
never fires between a Chinese character and a digit) and are not part of a decimal (``12,345.67`` and
``13812345678.5`` stay amounts). Every contiguous stretch of groups with one kind of separator is a
candidate, so ``2026-11-25 13812345678`` still yields the mobile. The label closest before a number
(``labels``: 卡号, 一卡通, 身份证, 残疾人证, 订单号, ...; rules.yaml ``scan.labels``) settles doubtful
cases: a card number failing Luhn, an ID number with a wrong check digit or with more digits after it
(残疾人证号 = ID number + category + grade). Excerpts are masked; a mobile's country code stays outside
the mask (``+86 139****5678``) and hidden characters are marked where they were written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from itertools import accumulate, chain

from .chars import char_class, classes, describe
from .labels import DEFAULT_LABELS, GENERIC, LabelPatterns, compile_labels
from .mask import mask
from .reader import views as reader_views
from .text import Hit, LazyRe, ScanText, normalise
from .validators import (
    has_card_prefix,
    is_card_length,
    is_id_shaped,
    is_legacy_id,
    is_luhn,
    is_mobile,
    is_resident_id,
    is_uscc,
    starts_with_date,
)

MIN_DIGITS = 11


def _sep() -> str:
    """Separators between digit groups: tab, every Unicode space (Z*) and dash (Pd), U+2212 and the dots."""
    return rf"[\t\u2212{char_class(classes().separators)}]"


@cache
def _gap_kinds() -> dict[int, str]:
    return classes().kinds()


# The lookbehind keeps the scan linear: a run that fails is never retried from its second digit.
# An X ends an ID number; digits may follow it inside a certificate number (11010119900307803X42).
RUN = LazyRe(lambda: rf"(?<!\d)\d+(?:{_sep()}{{1,3}}\d+)*(?:[Xx](?![A-Za-z])\d*)?(?!\d)(?!\.\d)")
LONG_ENOUGH = LazyRe(lambda: rf"\d(?:\d|[/_~]|{_sep()}){{{MIN_DIGITS - 2},}}[\dXx]")  # with LOOSE_RUN's extras
GROUP = LazyRe(r"\d+(?:[Xx]\d*)?")
MAX_DIGITS = 24  # an ID number with a few more digits (残疾人证号: 20); cards have at most 19
MAX_GROUP = 8  # groups longer than this are never joined with a neighbour
MAX_GROUPS = 6  # 4-4-4-4-3 cards, 3-3-4-4-4 IDs: no real split number has more groups (but 1 3 9 1 2 …)
LENGTHS = frozenset({11, 13, 15, 16, 17, 18, 19})  # mobile, +86 mobile, old ID or 0086 mobile, cards, ID
WINDOW_BEFORE = 16
WINDOW_AFTER = 8
# A quantity is not a phone or a card: 15000000000元, 13812345678人次.
UNIT_AFTER = LazyRe(
    r"\s*(?:元|圆|万|亿|千|百|人|户|亩|吨|公斤|千克|斤|个|条|次|件|台|辆|头|只|株|棵|箱|袋|份|册|平方|立方|米|公里|千米"
    r"|kg|km|%|‰|美元|余|多|倍|度|笔|张|名|位|项|家|批|套|间|处|座|天|小时|岁|公顷)"
)
# A country code just before a mobile number: +86, 0086, (+86), 86-.
COUNTRY_BEFORE = LazyRe(lambda: rf"(?:\(?(?:\+|(?<!\d)00)86\)?|(?<![\d+])86)[:：]?{_sep()}{{0,2}}$")
PRIORITY = {"S03": 0, "S04": 1, "S05": 2}
# The {hidden} part of an S03–S05 message when invisible characters sit inside the number.
HIDDEN_NOTE = "（号码里夹着看不见的字符：{names}，已在号码中用 [U+…] 标出位置，请连同号码一起删除）"


# Issue 12b: between the groups of a labelled number any mix of separators, and the slash, underscore and
# tilde people also type (6228 4800\u20606123 4567, 5308261985 03120045, 530826～19850312～0045).
LOOSE_RUN = LazyRe(
    lambda: rf"(?<!\d)\d+(?:[\t\u2212/_~{char_class(classes().separators)}]{{1,3}}\d+)+(?:[Xx](?![A-Za-z]))?(?!\d)(?!\.\d)"
)
LOOSE_LENGTHS = range(16, 20)  # cards 16–19 digits, IDs 18
LOOSE_GROUPS = 8  # 16 digits in more groups are a list of small numbers (1 2 3 …), not one split number


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    digits: str
    loose: bool = False  # grouped any way: reported only when the digits validate and a label is near


def joinable(lengths: list[int]) -> bool:
    """Groups may form one number when each is short, or as region code + rest of an ID (6 + 12, 6 + 9)."""
    if len(lengths) == 1 or max(lengths) == 1:
        return True  # one group, or digits spaced out one by one (text from a PDF or a form)
    if len(lengths) > MAX_GROUPS:
        return False
    if min(lengths[:-1]) < 2:
        return False  # 1 2 3 4 …: a list of small numbers, not a split one
    if max(lengths) <= MAX_GROUP:
        return True
    return len(lengths) == 2 and lengths[0] == 6 and sum(lengths) in (15, 18)


def candidates(text: str):
    """Every stretch of digit groups joined by one kind of separator (at most ``MAX_DIGITS`` digits) with as many
    digits as a number we look for (``LENGTHS``, or more than 18).

    A stretch next to a decimal point (``.`` between it and a short group) is part of a decimal, not a number,
    unless the stretch itself is dotted (``139.1234.5678``). Linear in the text: at most ``MAX_DIGITS`` stretches
    start at each group, each step O(1) until a stretch is long enough to be a number.
    """
    for run in RUN.finditer(text):
        start = run.start()
        if run.end() - start < MIN_DIGITS:
            continue  # fewer characters than the shortest number we look for
        if start >= 2 and text[start - 2].isdigit() and text[start - 1] == ".":
            continue  # the decimals of a number (at 0, text[-2] would be the end of the text)
        groups = [(m.start() + start, m.end() + start) for m in GROUP.finditer(run.group())]
        kinds = _gap_kinds()
        # gaps[k - 1] is the separator before group k, by kind (space, dash or dot)
        gaps = [text[groups[k - 1][1] : groups[k][0]].translate(kinds) for k in range(1, len(groups))]
        joined = "".join(text[a:b] for a, b in groups)  # the run's digits: a stretch's are one slice of it
        offsets = list(accumulate((b - a for a, b in groups), initial=0))
        for i in range(len(groups)):
            sep = None
            lengths: list[int] = []
            total = longest = 0  # sum and max of lengths, kept as they grow (a run of 1 2 3 … is long)
            for j in range(i, min(i + MAX_DIGITS, len(groups))):
                g_start, g_end = groups[j]
                if j > i:
                    gap = gaps[j - 1]
                    sep = gap if sep is None else sep
                    if gap != sep:
                        break
                lengths.append(g_end - g_start)
                total += g_end - g_start
                longest = max(longest, g_end - g_start)
                if total > MAX_DIGITS or (len(lengths) > MAX_GROUPS and longest > 1):
                    break
                if total not in LENGTHS and total <= 18:
                    continue  # no number has this many digits
                if joinable(lengths) and not _in_decimal(groups, gaps, i, j, sep):
                    yield Candidate(groups[i][0], g_end, joined[offsets[i] : offsets[j + 1]])


def loose_candidates(text: str):
    """Every stretch of two or more digit groups, whatever separates them, with as many digits as a card or an ID.

    ``candidates`` keeps one kind of separator and plausible group lengths; these are checked harder instead
    (``classify_loose``: check digit or Luhn, and a label near).
    """
    for run in LOOSE_RUN.finditer(text):
        start = run.start()
        groups = [(m.start() + start, m.end() + start) for m in GROUP.finditer(run.group())]
        for i in range(len(groups) - 1):
            total = groups[i][1] - groups[i][0]
            for j in range(i + 1, min(i + LOOSE_GROUPS, len(groups))):
                total += groups[j][1] - groups[j][0]
                if total > LOOSE_LENGTHS[-1]:
                    break
                if total in LOOSE_LENGTHS:
                    digits = "".join(text[a:b] for a, b in groups[i : j + 1])
                    yield Candidate(groups[i][0], groups[j][1], digits, loose=True)


def _in_decimal(groups: list[tuple[int, int]], gaps: list[str], i: int, j: int, sep: str | None) -> bool:
    """True when a ``.`` next to groups i..j joins them to a short group: 13812345678.5, 0.13812345678."""
    if sep == ".":
        return False
    if i > 0 and gaps[i - 1] == "." and groups[i - 1][1] - groups[i - 1][0] < MIN_DIGITS:
        return True
    return j + 1 < len(groups) and gaps[j] == "." and groups[j + 1][1] - groups[j + 1][0] < MIN_DIGITS


@dataclass(frozen=True)
class Labels:
    nearest: frozenset[str]  # the kinds of the label closest before the number (or just after it)
    kinds: frozenset[str]  # every kind of label in the window
    quantity: bool = False  # a unit follows the number
    word: str = ""  # the closest label as written (after normalisation)


def labels_around(text: str, start: int, end: int, labels: LabelPatterns, cache: dict | None = None) -> Labels:
    """The labels in the window before the number (this line only) and just after it.

    The closest label decides; one written right before a generic word (残疾人证编号, 社保卡的编号) names
    what the number is, so its kinds decide instead of the generic word's. ``cache`` (one per text) keeps the
    windows' matches by position: many candidates share a start or an end.
    """
    cache = {} if cache is None else cache
    if ("before", start) not in cache:
        cache["before", start] = _labels_before(text, start, labels)
    if ("after", end) not in cache:
        cache["after", end] = _labels_after(text, end, labels)
    before, found, found_kinds = cache["before", start]
    kinds = set(found_kinds)
    nearest: set[str] = set()
    word = ""
    if found:
        best = max(found, key=lambda f: (f[0], f[0] - f[1]))
        if best[3] in GENERIC:
            head = [f for f in found if f[0] in (best[1], best[1] - 1) and f[3] not in GENERIC]
            if head and (head[0][0] == best[1] or before[best[1] - 1] == "的"):
                best = max(head, key=lambda f: (f[0], f[0] - f[1]))
        # every label as long and as close as the best (one word in two lists: 社保卡号 is a certificate and a card)
        nearest = {f[2] for f in found if (f[0], f[0] - f[1]) == (best[0], best[0] - best[1])}
        word = best[3]
    for kind, matched in cache["after", end]:
        kinds.add(kind)
        if not word:
            nearest.add(kind)
            word = word or matched
    return Labels(frozenset(nearest), frozenset(kinds), UNIT_AFTER.match(text, end) is not None, word)


def _labels_before(text: str, start: int, labels: LabelPatterns) -> tuple[str, list, frozenset[str]]:
    """(the window before ``start`` on its line, its decisive labels as (end, start, kind, word), every kind)."""
    lo = max(0, start - WINDOW_BEFORE)
    before = text[lo:start].rpartition("\n")[2]  # this line only
    found: list[tuple[int, int, str, str]] = []  # (end, start, kind, word)
    kinds = set()
    for kind, pattern in labels.patterns:
        for m in pattern.finditer(before):
            kinds.add(kind)
            if kind not in WEAK:
                found.append((m.end(), m.start(), kind, m.group()))
    return before, found, frozenset(kinds)


def _labels_after(text: str, end: int, labels: LabelPatterns) -> list[tuple[str, str]]:
    """(kind, word) of the ID, certificate, card and USCC labels just after ``end`` (this line only), in order."""
    after = text[end : end + WINDOW_AFTER].partition("\n")[0]
    out = []
    for kind, pattern in labels.patterns:
        if kind in ("id", "certificate", "card", "uscc") and (m := pattern.search(after)):
            out.append((kind, m.group()))
    return out


NOT_A_CARD = frozenset({"other", "id", "uscc"})
ID_WORDS = frozenset({"id", "certificate"})
NOT_AN_ID = frozenset({"other", "uscc"})
WEAK = frozenset({"phone"})  # 号码, 联系: too common to decide what a number is


def validates(digits: str, today: date) -> bool:
    """The digits are a resident ID with a right check digit, or a card number passing Luhn."""
    if len(digits) == 18 and is_resident_id(digits, today):
        return True
    return digits.isdigit() and is_card_length(digits) and is_luhn(digits)


def classify_loose(digits: str, labels: Labels, today: date) -> tuple[str, str] | None:
    """A loosely grouped number counts only when its digits validate and a label of its kind is near."""
    if len(digits) == 18 and is_resident_id(digits, today):
        if labels.kinds & ID_WORDS and not labels.nearest & NOT_AN_ID:
            return "S03", "default"
        return None
    card = digits.isdigit() and is_card_length(digits) and is_luhn(digits) and not starts_with_date(digits)
    if card and "card" in labels.nearest and not labels.quantity:
        return "S04", "default"
    return None


def may_be_personal(digits: str, today: date) -> bool:
    """False when ``classify`` gives None whatever the labels, so that the labels need not be looked up.

    Mirrors ``classify``'s branches (a test checks it against ``classify`` with every kind of label): an ID-shaped
    18 characters (a right check digit is ID-shaped too), an ID-shaped start of a longer number, a 15-digit old ID,
    any card length (a card word decides), a mobile number.
    """
    n = len(digits)
    if n >= 18 and is_id_shaped(digits[:18], today):
        return True
    if not digits.isdigit():
        return False
    return (n == 15 and is_legacy_id(digits, today)) or is_card_length(digits) or is_mobile(digits)


def classify(digits: str, labels: Labels, today: date) -> tuple[str, str] | None:
    """The code and message variant of a candidate's digits, or None (SPEC §3 S03–S05, issue 12)."""
    n = len(digits)
    near = labels.nearest
    # an ID or certificate word anywhere before it, unless a word for something else is closer
    id_word = bool(labels.kinds & ID_WORDS) and not near & NOT_AN_ID
    if n == 18 and (is_resident_id(digits, today) or (id_word and is_id_shaped(digits, today))):
        return None if "uscc" in labels.kinds and is_uscc(digits) else ("S03", "default")
    if n > 18 and id_word and is_id_shaped(digits[:18], today):
        return "S03", "longer"  # 残疾人证号: the ID number and two digits (category, grade)
    if not digits.isdigit():
        return None
    if n == 15 and "id" in labels.kinds and is_legacy_id(digits, today):
        return "S03", "default"
    if is_card_length(digits):
        if "card" in near and not labels.quantity:
            return "S04", "default"
        if (
            has_card_prefix(digits)  # the cheap test first
            and is_luhn(digits)
            and not starts_with_date(digits)
            and not near & NOT_A_CARD
            and not labels.quantity
        ):
            return "S04", "default"
        return None
    if is_mobile(digits) and "other" not in near and not labels.quantity:
        return "S05", "default"
    return None


@lru_cache(maxsize=8)
def allowed_digits(allow: tuple[str, ...]) -> frozenset[str]:
    """The digits of each ``scan.allow`` entry that has enough of them to be a number."""
    out = set()
    for entry in allow:
        digits = re.sub(r"\D", "", normalise(entry))
        if len(digits) >= 5:
            out.add(digits)
            if len(digits) == 13 and digits.startswith("86"):
                out.add(digits[2:])
    return frozenset(out)


def find_numbers(
    st: ScanText, today: date, allow: frozenset[str] = frozenset(), labels: dict | None = None
) -> list[Hit]:
    """S03–S05 hits in one text, masked; ``labels`` as ``scan.labels`` (default ``DEFAULT_LABELS``).

    The body is also read as a reader sees it (``reader.views``: character references decoded, markup
    around digits dropped, lines of a paragraph joined); those hits are mapped back to the source and a
    number found both ways is reported once. Overlapping candidates: an ID beats a card beats a mobile,
    a longer number a shorter one, and the plain text the reader view.
    """
    text = st.text
    plain = LONG_ENOUGH.search(text) is not None  # a stretch of digits and separators long enough to matter
    read = reader_views(text) if st.key is None else ()  # the body: the site renders it as Markdown
    if not plain and not read:
        return []  # most texts stop here
    patterns = compile_labels(DEFAULT_LABELS if labels is None else labels)
    found: list[tuple] = []
    if plain:
        _found_in(st, None, today, allow, patterns, found)
    for view in read:
        if LONG_ENOUGH.search(view.text):
            _found_in(ScanText(view.text, None), view, today, allow, patterns, found)
    found.sort(key=lambda f: f[:5])
    taken = bytearray(len(text))  # characters already part of a reported number
    hits = []
    for _, _, _, start, end, code, variant, plain, word, view, vst, local in found:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        if view is None:
            hits.append(_hit(st, start, end, code, variant, plain, word))
        else:
            hit = _hit(vst, *local, code, variant, plain, word)
            hits.append(replace(hit, start=view.spans[hit.start][0], end=view.spans[hit.end - 1][1]))
    hits.sort(key=lambda h: h.start)
    return hits


def masked_text(text: str, today: date, allow: frozenset[str] = frozenset(), labels: dict | None = None) -> str:
    """``text`` (normalised, ``text.normalise``) with the digits of every S03–S05 number masked as excerpts are
    (``mask``): for a value a message repeats, such as the ``follows`` of M11, that names a file with a phone."""
    st = ScanText.of(text, None, "value")
    out = list(st.text)
    for hit in find_numbers(st, today, allow, labels):
        for i, ch in shown_digits(st.text, hit):
            out[i] = ch
    return "".join(out)


def shown_digits(text: str, hit: Hit) -> list[tuple[int, str]]:
    """(offset in ``text``, the character shown there) for each digit of ``hit``: ``*`` where ``mask`` hides it.
    A mobile's country code stays outside the mask (+86 139****5678)."""
    digits = [i for i in range(hit.start, hit.end) if text[i].isdigit() or text[i] in "Xx"]
    plain = "".join(text[i] for i in digits).upper()
    country = len(plain) - 11 if hit.code == "S05" else 0
    return list(zip(digits, plain[:country] + mask(plain[country:]), strict=True))


def _found_in(st: ScanText, view, today: date, allow: frozenset[str], patterns: LabelPatterns, found: list) -> None:
    """Append the numbers of ``st`` (a reader view's text when ``view`` is given) to ``found``."""
    text = st.text
    windows: dict = {}  # labels_around's cache for this text
    for c in chain(candidates(text), loose_candidates(text)):
        if len(c.digits) not in LENGTHS and len(c.digits) <= 18:
            continue
        # the cheap tests first: most stretches are nothing whatever their labels
        if not (validates(c.digits, today) if c.loose else may_be_personal(c.digits, today)):
            continue
        around = labels_around(text, c.start, c.end, patterns, windows)
        kind = (classify_loose if c.loose else classify)(c.digits, around, today)
        if kind is None:
            continue
        code, variant = kind
        plain = c.digits.upper()
        if plain in allow or (code == "S05" and plain[-11:] in allow):
            continue
        start, end = (c.start, c.end) if view is None else view.source(c.start, c.end)
        rank = (PRIORITY[code], -len(plain), 0 if view is None else 1, start, end)
        found.append((*rank, code, variant, plain, around.word, view, st, (c.start, c.end)))


def _hit(st: ScanText, start: int, end: int, code: str, variant: str, plain: str, word: str) -> Hit:
    """The hit with its masked excerpt: one shown unit per digit, so hidden characters can be marked."""
    prefix, digits_from = "", start
    if code == "S05":
        national = plain[-11:]
        country = plain[:-11]  # "", "86" or "0086": shown as +86 outside the mask
        units = [""] * (len(country) - 1) + ["+86 "] if country else []
        units += list(mask(national))
        if country and st.text[start - 1 : start] == "+":
            start -= 1
        elif not country and (m := COUNTRY_BEFORE.search(st.text, max(0, start - 8), start)):
            start, prefix = m.start(), "+86 "  # the country code belongs to the finding, not to the mask
        tail = national[-4:]
    elif variant == "longer":
        units = list(mask(plain[:18]) + "*" * (len(plain) - 18))
        tail = ""
    else:
        units = list(mask(plain))
        tail = plain[-4:]
    marks, note = _hidden_marks(st, start, end, digits_from)
    shown = prefix
    for d, unit in enumerate(units):
        shown += marks.get(d, "") + unit
    values = (("tail", tail), ("label", word), ("hidden", note))
    return Hit(code, start, end, shown, variant=variant, values=values)


def _hidden_marks(st: ScanText, start: int, end: int, digits_from: int) -> tuple[dict[int, str], str]:
    """Markers by digit index for the ignored characters inside the number, and the sentence naming them."""
    hidden = st.hidden(start, end)
    if not hidden:
        return {}, ""
    marks: dict[int, str] = {}
    names = []
    text = st.text
    for before, ch in hidden:
        digit = sum(1 for c in text[digits_from : start + before] if c.isdigit() or c in "Xx")
        marks[digit] = marks.get(digit, "") + f"[U+{ord(ch):04X}]"
        if describe(ch) not in names:
            names.append(describe(ch))
    return marks, HIDDEN_NOTE.format(names="、".join(names))
