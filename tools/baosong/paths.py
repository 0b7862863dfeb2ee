"""Where files may live under submissions/ and what their names may be (F06, F09)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from .dates import parse_date
from .findings import Finding, make
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
            label = "空格" if ch.isspace() else (ch if ch in _FORBIDDEN else f"U+{ord(ch):04X}")
            if label not in found:
                found.append(label)
    return " ".join(found)


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
        findings.append(make("F06", path, variant="place"))
        return Place(path, kind, name=name), findings
    unit, year = parts[1], parts[2]

    chars = bad_chars(name)
    if chars:
        findings.append(make("F06", path, variant="chars", name=name, chars=chars))
    if unicodedata.normalize("NFC", name) != name:
        findings.append(make("F06", path, variant="nfc"))
    if len(name) > MAX_NAME:
        findings.append(make("F06", path, variant="long", length=len(name)))

    name_date = None
    if kind == "item":
        if name.endswith(ITEM_SUFFIX) is False:
            findings.append(make("F06", path, variant="name", name=name))
        m = _ITEM_NAME.fullmatch(name)
        name_date = parse_date(m.group(1)) if m else None
        if name_date is None:
            findings.append(make("F06", path, variant="name", name=name))
        elif str(name_date.year) != year:
            findings.append(make("F06", path, variant="year", folder=year, year=name_date.year, unit=unit))
    return Place(path, kind, unit, year, name, name_date), findings
