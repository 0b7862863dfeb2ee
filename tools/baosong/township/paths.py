"""Where files may live under submissions/ and what their names may be (F06, F09)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..report.findings import Finding, make
from .charnames import describe
from .dates import parse_date
from .items import ATTACHMENT_SUFFIXES, ITEM_SUFFIX, SUBMISSIONS

MAX_NAME = 80
_FORBIDDEN = set('/\\:*?"<>|')
_ITEM_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-(.+)\.md")
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Place:
    """A path under submissions/ taken apart: ``kind`` is item | attachment | other."""

    path: str
    kind: str
    unit: str = ""
    year: str = ""
    name: str = ""
    name_date: date | None = None


def bad_chars(name: str) -> str:
    found = []
    for ch in name:
        if ch in _FORBIDDEN or ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            label = "空格" if ch == " " else (ch if ch in _FORBIDDEN else describe(ch))
            if label not in found:
                found.append(label)
    return " ".join(found)


def shown_name(name: str) -> str:
    """``name`` as a message may repeat it: each invisible or control character as ``[U+202E]``, so that a
    right-to-left override in a file name cannot turn the rest of a report (a PR comment's table) around."""
    return "".join(f"[U+{ord(ch):04X}]" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in name)


def check_place(path: str) -> tuple[Place, list[Finding]]:
    """Classify ``path`` (relative, "/"-separated, under submissions/) and report F06/F09."""
    parts = path.split("/")
    name = parts[-1]
    lower = name.lower()
    if lower.endswith(ITEM_SUFFIX):
        kind = "item"
    elif lower.endswith(ATTACHMENT_SUFFIXES):
        kind = "attachment"
    else:
        kind = "other"
    findings: list[Finding] = []
    if kind == "other":
        ext = "." + name.rsplit(".", 1)[-1] if "." in name else "（无扩展名）"
        variant = "docx" if lower.endswith((".doc", ".docx", ".wps")) else "default"
        findings.append(make("F09", path, variant=variant, ext=ext))
        return Place(path, kind), findings

    if len(parts) != 4 or parts[0] != SUBMISSIONS or not _YEAR.fullmatch(parts[2]):
        findings.append(make("F06", path, variant="attachment_place" if kind == "attachment" else "place"))
        return Place(path, kind, name=name), findings
    unit, year = parts[1], parts[2]

    # One F06 per problem, each with the one new name that mends them all (worked out only for a bad name).
    chars = bad_chars(name)
    m = _ITEM_NAME.fullmatch(name[: -len(ITEM_SUFFIX)] + ITEM_SUFFIX) if kind == "item" else None
    name_date = parse_date(m.group(1)) if m else None
    plain = not chars and len(name) <= MAX_NAME and name.endswith(ITEM_SUFFIX) and name_date is not None
    new = suggest_name(name) if kind == "item" and not (plain and unicodedata.is_normalized("NFC", name)) else None
    rename = f"，请改名为 {new}" if new and new != name else ""
    if chars:
        findings.append(make("F06", path, variant="chars", name=shown_name(name), chars=chars, rename=rename))
    if unicodedata.normalize("NFC", name) != name:
        findings.append(make("F06", path, variant="nfc", rename=rename))
    if len(name) > MAX_NAME:
        findings.append(make("F06", path, variant="long", length=len(name), rename=rename))

    if kind == "item":
        suffix = name[-len(ITEM_SUFFIX) :]
        if suffix != ITEM_SUFFIX:
            findings.append(make("F06", path, variant="suffix", ext=suffix, new=new or "日期-简短标题.md"))
        if name_date is None:
            variant = "name_fix" if new else "name"
            findings.append(make("F06", path, variant=variant, name=shown_name(name), new=new))
        elif str(name_date.year) != year:
            findings.append(make("F06", path, variant="year", folder=year, year=name_date.year, unit=unit))
    return Place(path, kind, unit, year, name, name_date), findings


_NAME_DATE = re.compile(
    r"(?P<date>[0-9０-９]{4}\s*(?:年|[-/._．－])\s*[0-9０-９]{1,2}\s*(?:月|[-/._．－])\s*[0-9０-９]{1,2}(?:日|号)?"
    r"|[0-9]{8})[\s\-_－]*(?P<slug>.*)",
    re.S,
)
DATED_NAME = re.compile(r"\d{4}-\d{2}-\d{2}-")  # SPEC §2.2: an item's file name starts with its date
_SLUG_DROP = re.compile(r'[\s/\\:*?"<>|]+')
# 11 digits or more, however split: a phone, an ID or a card has no place in a file name, the page's address
LONG_NUMBER = re.compile(r"\+?\d(?:[\W_]?\d){10,}[xX]?")  # any one mark between digits: － ． ～ ＿ NBSP …


def suggest_name(name: str) -> str | None:
    """The valid item name (SPEC §2.2) a reporter meant, or None when the date cannot be read from it.

    ``"2026-11-25-安全 会议.MD"`` → ``"2026-11-25-安全-会议.md"``; ``"2026年11月5日 会议.md"`` →
    ``"2026-11-05-会议.md"``. Spaces and ``/\\:*?"<>|`` become ``-``, invisible characters are dropped, a number
    of 11 digits or more is left out (``LONG_NUMBER``), the text is NFC and the whole name at most 80 characters.
    """
    from .datewords import read_date  # local: datewords has no other business here

    text = unicodedata.normalize("NFC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))
    if not text.lower().endswith(ITEM_SUFFIX):
        return None
    stem = text[: -len(ITEM_SUFFIX)]
    m = _NAME_DATE.fullmatch(stem.strip())
    if not m:
        return None
    iso = read_date(m.group("date")).iso
    had = bool(m.group("slug").strip())
    slug = LONG_NUMBER.sub("-", _SLUG_DROP.sub("-", m.group("slug"))).strip("-")
    slug = re.sub(r"-{2,}", "-", slug) or ("信息" if had else "")
    if not iso or not slug:
        return None
    room = MAX_NAME - len(iso) - 1 - len(ITEM_SUFFIX)
    return f"{iso}-{slug[:room].rstrip('-')}{ITEM_SUFFIX}"
