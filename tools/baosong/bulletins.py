"""Bulletins (编发): adoptions that name an ``outlet`` grouped into issues, e.g. 勐往政务信息 2026年第12期.

An issue carries the adopted items' text. Only valid items are printed (an adopted item that later
gained an error is left out and listed in ``skipped``); the body is reduced to plain paragraphs, so
neither the docx nor the site page ever carries a reporter's markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

OUTLET_RE = re.compile(r"^(?P<name>.*?)\s*(?P<year>\d{4})\s*年\s*第\s*(?P<number>\d+)\s*期$")
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MD_MARKS = re.compile(r"(\*\*|__|~~|==|\^\^|`)")
MD_LEAD = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")


@dataclass
class BulletinEntry:
    id: str
    title: str
    unit: str
    unit_name: str
    level: str
    date: date
    paragraphs: list[str] = field(default_factory=list)
    instruction: str = ""


@dataclass
class BulletinIssue:
    outlet: str
    name: str  # the publication, e.g. 勐往政务信息
    year: int | None
    number: int | None
    entries: list[BulletinEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    slug: str = ""

    @property
    def first(self) -> date:
        return min(e.date for e in self.entries)

    @property
    def last(self) -> date:
        return max(e.date for e in self.entries)

    @property
    def issue_zh(self) -> str:
        return f"{self.year}年第{self.number}期" if self.number is not None else self.outlet


def plain_paragraphs(body: str) -> list[str]:
    """Markdown body → plain text paragraphs (no images, links reduced to their text, no marks).

    Lines of one Markdown paragraph are joined; a heading, list item or table row starts a new one;
    rules and table separators disappear.
    """
    out: list[str] = []
    current: list[str] = []

    def flush():
        if current:
            out.append("".join(current))
            current.clear()

    for raw in body.splitlines():
        block_start = bool(MD_LEAD.match(raw)) or raw.lstrip().startswith("|")
        line = MD_LEAD.sub("", MD_MARKS.sub("", MD_LINK.sub(r"\1", MD_IMAGE.sub("", raw)))).strip()
        line = " ".join(cell.strip() for cell in line.strip("|").split("|")) if "|" in line else line
        if not line or set(line) <= set("-*_|: "):
            flush()
            continue
        if block_start:
            flush()
        current.append(line)
    flush()
    return out


def _parse_outlet(outlet: str) -> tuple[str, int | None, int | None]:
    match = OUTLET_RE.match(outlet.strip())
    if not match:
        return outlet.strip(), None, None
    return match["name"].strip() or outlet.strip(), int(match["year"]), int(match["number"])


def bulletin_issues(repo) -> list[BulletinIssue]:
    items = {i.id: i for i in repo.valid_items}
    registry = repo.registry
    issues: dict[str, BulletinIssue] = {}
    for a in sorted(repo.ledger.adoptions, key=lambda a: (a.date, a.line or 0)):
        if not a.outlet:
            continue
        issue = issues.get(a.outlet)
        if issue is None:
            issue = issues[a.outlet] = BulletinIssue(a.outlet, *_parse_outlet(a.outlet))
        item = items.get(a.id)
        if item is None:
            issue.skipped.append(a.id)
            continue
        if any(e.id == a.id for e in issue.entries):
            continue
        unit = a.id.split("/", 1)[0]
        instruction = f"{a.instruction.by}批示：{a.instruction.text}" if a.instruction else ""
        issue.entries.append(
            BulletinEntry(
                a.id,
                item.title,
                unit,
                registry.unit_name(unit),
                a.level,
                a.date,
                plain_paragraphs(item.body),
                instruction,
            )
        )
    out = sorted(
        (i for i in issues.values() if i.entries), key=lambda i: (i.name, i.year or 0, i.number or 0, i.outlet)
    )
    used: set[str] = set()
    for issue in out:
        base = f"{issue.year}-{issue.number:02d}" if issue.number is not None else f"issue-{len(used) + 1}"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        issue.slug = slug
    return out


def find_issue(issues: list[BulletinIssue], wanted: str) -> BulletinIssue | None:
    """By exact outlet, slug (``2026-12``), or ``2026年第12期``."""
    wanted = wanted.strip()
    for issue in issues:
        if wanted in (issue.outlet, issue.slug, issue.issue_zh):
            return issue
    match = re.fullmatch(r"(\d{4})-(\d+)", wanted)
    if match:
        for issue in issues:
            if (issue.year, issue.number) == (int(match[1]), int(match[2])):
                return issue
    return None


def write_bulletin_docx(issue: BulletinIssue, registry, path: Path) -> Path:
    """A 简报 issue: masthead (刊名, 期号, 编印单位 and date, red rule), then each item with its source."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    from .exports import docx as layout

    doc = layout.new_document()
    doc.core_properties.title = issue.outlet
    masthead = layout.add_paragraph(
        doc, issue.name, layout.TITLE_FONT, 36, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    masthead.paragraph_format.line_spacing = layout.Pt(60)
    masthead.runs[0].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    layout.add_paragraph(doc, issue.issue_zh, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    issuer = f"{registry.township}人民政府办公室编" if registry.township else "党政办编"
    line = layout.add_paragraph(
        doc,
        f"{issuer}\u3000\u3000\u3000\u3000{issue.last.year}年{issue.last.month}月{issue.last.day}日",
        indent=False,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", "C00000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    line._p.get_or_add_pPr().append(border)
    for entry in issue.entries:
        layout.blank(doc)
        layout.add_title(doc, entry.title, size=18)
        for paragraph in entry.paragraphs:
            layout.add_paragraph(doc, paragraph)
        layout.add_paragraph(doc, f"（{entry.unit_name}供稿）", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        if entry.instruction:
            layout.add_paragraph(doc, f"【领导批示】{entry.instruction}", layout.HEADING_FONT)
    path = Path(path)
    doc.save(path)
    return path
