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
MD_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
Run = tuple[str, bool]  # (text, bold)


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
    runs: list[list[Run]] = field(default_factory=list)  # the paragraphs with their bold lead-ins


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
    """Markdown body → plain text paragraphs (no images, links reduced to their text, no marks)."""
    return ["".join(text for text, _ in runs) for runs in rich_paragraphs(body)]


def _line_runs(line: str) -> list[Run]:
    """One line's text, bold spans (``**一是……。**``) kept as bold runs, other marks dropped."""
    runs: list[Run] = []
    at = 0
    for match in MD_BOLD.finditer(line):
        if match.start() > at:
            runs.append((MD_MARKS.sub("", line[at : match.start()]), False))
        runs.append((MD_MARKS.sub("", match[2]), True))
        at = match.end()
    runs.append((MD_MARKS.sub("", line[at:]), False))
    out: list[Run] = []
    for text, bold in runs:
        if out and out[-1][1] and not bold and _wide(out[-1][0][-1:]):
            text = text.lstrip()  # "**一是加强领导。** 成立……": the space is Markdown's, not the text's
        if text:
            out.append((text, bold))
    return out


def _wide(ch: str) -> bool:
    import unicodedata

    return bool(ch) and unicodedata.east_asian_width(ch) in "WF"


def rich_paragraphs(body: str) -> list[list[Run]]:
    """Markdown body → paragraphs of (text, bold) runs: no images, links reduced to their text.

    Lines of one Markdown paragraph are joined; a heading, list item or table row starts a new one;
    rules and table separators disappear.
    """
    out: list[list[Run]] = []
    current: list[Run] = []

    def flush():
        if current:
            out.append(list(current))
            current.clear()

    for raw in body.splitlines():
        block_start = bool(MD_LEAD.match(raw)) or raw.lstrip().startswith("|")
        line = MD_LEAD.sub("", MD_LINK.sub(r"\1", MD_IMAGE.sub("", raw))).strip()
        line = " ".join(cell.strip() for cell in line.strip("|").split("|")) if "|" in line else line
        if not MD_MARKS.sub("", line).strip() or set(line) <= set("-*_|: "):
            flush()
            continue
        if block_start:
            flush()
        for text, bold in _line_runs(line):
            if current and current[-1][1] == bold:  # lines of one paragraph join without a space
                current[-1] = (current[-1][0] + text, bold)
            else:
                current.append((text, bold))
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
                rich_paragraphs(item.body),
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
    """A 简报 issue: masthead (刊名, 期号, 编印单位 and date over a red rule), 本期目录 when it holds more
    than one item, each item with its bold lead-ins and source, then the 报/送/发 block (``office.cc``
    as 报) and the 编印 line between rules (GONGWEN.md, other formats)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from .exports import docx as layout

    issuer = registry.office.issuer_for(registry.township)
    doc = layout.new_document()
    layout.set_properties(doc, issue.outlet, issuer, issue.last, subject="信息编发")
    masthead = layout.add_paragraph(
        doc, issue.name, layout.TITLE_FONT, 36, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, color=layout.RED
    )
    masthead.paragraph_format.line_spacing = layout.Pt(60)
    layout.no_grid(masthead)
    layout.add_paragraph(doc, issue.issue_zh, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    day = f"{issue.last.year}年{issue.last.month}月{issue.last.day}日"
    line = layout.add_paragraph(
        doc, f"{issuer}编\u3000\u3000\u3000\u3000{day}", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    layout.border(line, "bottom", 12, "FF0000", 4)
    if len(issue.entries) > 1:
        layout.add_paragraph(doc, "本期目录", layout.HEADING_FONT, indent=False)
        for n, entry in enumerate(issue.entries, start=1):
            number = f"{n}．"
            line = layout.add_paragraph(doc, f"{number}{entry.title}（{entry.unit_name}）", indent=False)
            hang = layout.CHAR_PITCH * layout.text_width(number)  # wrapped lines under the title's first character
            line.paragraph_format.left_indent = layout.Pt(layout.INDENT.pt + hang)
            line.paragraph_format.first_line_indent = layout.Pt(-hang)
    for entry in issue.entries:
        layout.blank(doc)
        layout.add_title(doc, layout.title_lines(entry.title, 18), size=18)
        for runs in entry.runs or [[(p, False)] for p in entry.paragraphs]:
            paragraph = layout.add_paragraph(doc, "")
            for text, bold in runs:
                layout.set_font(paragraph.add_run(text), layout.BODY_FONT, layout.BODY_PT, bold=bold)
        layout.add_paragraph(doc, f"（{entry.unit_name}供稿）", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        if entry.instruction:
            layout.add_paragraph(doc, f"【领导批示】{entry.instruction}", layout.HEADING_FONT)
    layout.blank(doc)
    sent = [f"报：{'，'.join(registry.office.cc)}"] if registry.office.cc else []
    sent += ["送：乡党委、政府领导", "发：各村（居）委会，乡属各单位"]
    rows = [("\n".join(sent), "", 2), (f"{issuer}编印", f"{day}印发", 0)]
    layout.bottom_block(doc, rows)
    path = Path(path)
    doc.save(path)
    return path
