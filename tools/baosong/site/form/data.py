"""What a unit's 填报 page embeds: the rules its fields are checked against, generated at build time.

Nothing here is copied into JavaScript by hand: types and deadlines, categories with their notes, the
allowed and refused sensitivity levels (rules.yaml, SPEC §2.3), the unit's people with their terms
(units.yaml, SPEC §2.1: names and titles only — never a phone number or a git account), the emergency
chains it may continue (``follows``), the office requests addressed to it (``request``), the limits of
SPEC §2.2 (title 5–60, file name 80 characters and its forbidden characters) and the catalogue's message
templates, so the browser says what ``baosong validate`` says.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from datetime import date

from markupsafe import Markup

from ...checks.fields import TITLE_MAX, TITLE_MIN
from ...checks.html import _FIELD_MARKUP
from ...report.catalogue import CATALOGUE
from ...township.charnames import BLANK_LETTERS, ZH_NAMES, kind_of
from ...township.fieldwords import _TAG_SEPARATORS, FIELD_ZH, SENSITIVITY_ZH
from ...township.items import ITEM_SUFFIX, SUBMISSIONS
from ...township.paths import _FORBIDDEN, MAX_NAME
from ...township.registry import Forge, Person, Unit
from ...township.rules import SECRET_MSG, Rules
from . import COOKIE_NAME, MAX_COOKIE_BYTES

# The catalogue's codes whose messages the form shows (variant → template with ``{name}`` fields).
CODES = ("M01", "M02", "M03", "M06", "M07", "M09", "M10", "M11", "S01", "S08", "T01", "F06", "F14")


def person(p: Person) -> dict:
    """A person as the page may show them: no phone, no git account (SPEC §2.1: phones are never published)."""
    return {
        "name": p.name,
        "title": p.title or "",
        "since": p.since.isoformat() if p.since else "",
        "until": p.until.isoformat() if p.until else "",
    }


def deadline_words(days: int) -> str:
    return "发生当天报送" if days == 0 else f"发生后 {days} 日内报送"


def rules_data(rules: Rules) -> dict:
    return {
        "types": [{"name": t, "days": d, "words": deadline_words(d)} for t, d in rules.types.items()],
        "categories": [{"name": c, "note": rules.category_note(c)} for c in rules.categories],
        "allowed": [{"name": s, "note": SENSITIVITY_ZH.get(s, "")} for s in rules.allowed_sensitivity],
        "refused": [
            {"name": s, "kind": "secret" if k == SECRET_MSG else "unsuitable"}
            for s, k in rules.refused_sensitivity.items()
        ],
    }


# Characters F14 leaves alone in a value: ordinary whitespace, the ideographic space (repairs.py), NUL (F01).
_NOT_ODD = " \t\n\u3000\x00"


@functools.cache
def odd_ranges() -> list[tuple[int, int]]:
    """Code point ranges F14 reports in a front-matter value (``charnames.kind_of``: spaces that are not an
    ASCII space, format and control characters), as [first, last] pairs for the browser."""
    out: list[tuple[int, int]] = []
    category = unicodedata.category
    # Planes 0, 1 and 14 hold every space, format and control character (2 and 3: ideographs; 15, 16: private).
    # The category test first (kind_of's own), kind_of only for the few that pass or are its blank letters.
    for cp in (*range(0x20000), *range(0xE0000, 0xE1000)):
        ch = chr(cp)
        if category(ch)[0] not in "ZC" and ch not in BLANK_LETTERS:
            continue
        if ch in _NOT_ODD or kind_of(ch) is None:
            continue
        if out and out[-1][1] == cp - 1:
            out[-1] = (out[-1][0], cp)
        else:
            out.append((cp, cp))
    return out


def limits() -> dict:
    return {
        "titleMin": TITLE_MIN,
        "titleMax": TITLE_MAX,
        "nameMax": MAX_NAME,
        "forbidden": "".join(sorted(_FORBIDDEN)),
        "suffix": ITEM_SUFFIX,
        "cookieBytes": MAX_COOKIE_BYTES,
        "cookieName": COOKIE_NAME,
        "tagSeparators": _TAG_SEPARATORS.pattern,
        "markup": _FIELD_MARKUP.pattern,
        "odd": odd_ranges(),
    }


def messages() -> dict:
    return {code: dict(CATALOGUE[code].messages) for code in CODES if code in CATALOGUE}


def form_data(
    *,
    township: str,
    timezone: str,
    unit: Unit,
    rules: Rules,
    forge: Forge | None,
    chains: list[list],
    requests: list,
    build_day: date,
    hidden_ids: frozenset[str] = frozenset(),
) -> dict:
    """The JSON object a 填报 page embeds (``bs-form-data``).

    ``chains``: lists of items (emergency chains holding an item of this unit, oldest first);
    ``requests``: ``ledger.Request`` objects addressed to this unit (the page offers those open on the day).
    People are listed with their terms (the page offers those active on the day of the click), except those
    whose term ended before ``build_day``: no later day can need them. ``hidden_ids``: items whose id holds a
    personal number (the site shows them under a masked id): never offered as ``follows``, which needs the id.
    """
    follows = []
    for chain in chains:
        for item in chain:
            if item.unit == unit.id and item.id not in hidden_ids:
                follows.append({"id": item.id, "date": item.text("date") or "", "title": item.title})
    return {
        "township": township,
        "timezone": timezone,
        "buildDay": build_day.isoformat(),
        "unit": {"id": unit.id, "name": unit.name},
        "folderRoot": f"{SUBMISSIONS}/{unit.id}",
        # The day of a click is never before the build day: people whose term ended before it stay out.
        "reporters": [person(p) for p in unit.reporters if not p.until or p.until >= build_day],
        "reviewers": [person(p) for p in unit.reviewers if not p.until or p.until >= build_day],
        "forge": None if forge is None else {"kind": forge.kind, "url": forge.url.rstrip("/"), "branch": forge.branch},
        "follows": sorted(follows, key=lambda f: (f["date"], f["id"]), reverse=True),
        "requests": [
            {"id": r.id, "title": r.title, "issued": r.issued.isoformat(), "due": r.due.isoformat()} for r in requests
        ],
        "fields": dict(FIELD_ZH),
        "charNames": {f"{ord(ch):04X}": name for ch, name in ZH_NAMES.items()},
        "limits": limits(),
        "messages": messages(),
        **rules_data(rules),
    }


def script_json(data) -> Markup:
    """``data`` as JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` at all."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)
