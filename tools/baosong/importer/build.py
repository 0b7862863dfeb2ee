"""From a .docx to a written, validated item: front matter from the registry, body and images from the document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..checks.repository import load_repository
from ..report.findings import Finding
from ..report.severity import ERROR
from ..township.items import SUBMISSIONS
from ..township.paths import MAX_NAME, bad_chars
from ..township.registry import Registry
from ..township.rules import load_rules
from ..township.template import fill, load_template
from ..write.new import NewItemError, only, slug_for
from .blocks import Block, Footnotes, Para, Span, Table, parse_html, strip_spans
from .convert import DocImage, convert
from .habits import clean
from .outside import scan as scan_outside
from .prepare import TAKEN_AS_TITLE, Prepared, prepare
from .render import render
from .signature import strip_signature
from .source import ImportRefused, read_source
from .title import take_title
from .zhdates import first_date

PLACEHOLDER = "待填写"


@dataclass
class ImportOptions:
    unit: str
    type: str | None = None
    category: str | None = None
    event_date: date | None = None
    reporter: str | None = None
    reviewer: str | None = None
    slug: str | None = None
    replace: bool = False


@dataclass
class ImportResult:
    item: str  # written item, relative to the root
    images: list[str] = field(default_factory=list)  # written pictures, relative to the root
    notes: list[str] = field(default_factory=list)  # what the importer decided: for the reporter to check
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)


class _ImageNames:
    """``<stem>-1.png``, ``<stem>-2.jpg`` … in the order the body uses them; refused pictures get no name."""

    def __init__(self, images: list[DocImage], stem: str):
        self.images = {img.number: img for img in images}
        self.stem = stem
        self.names: dict[int, str] = {}

    def __call__(self, number: int) -> str | None:
        img = self.images.get(number)
        if img is None or img.refused:
            return None
        if number not in self.names:
            self.names[number] = f"{self.stem}-{len(self.names) + 1}{img.suffix}"
        return self.names[number]


def _people(registry: Registry, options: ImportOptions, today: date) -> tuple[str, str]:
    unit = registry.units.get(options.unit)
    if unit is None:
        raise ImportRefused(f"单位代号“{options.unit}”未登记：可用的代号有 {'、'.join(registry.units)}")
    try:
        reporter = options.reporter or only([p.name for p in unit.reporters_on(today)], "信息员", "--reporter 姓名")
        reviewer = options.reviewer or only([p.name for p in unit.reviewers_on(today)], "审核人", "--reviewer 姓名")
    except NewItemError as exc:
        raise ImportRefused(f"{unit.name}：{exc}") from None
    return reporter, reviewer


def _first_paragraph(blocks: list[Block], today: date) -> Para | None:
    """The first body paragraph, passing over a 公文's 主送 line (各村（居）委会，乡属各单位：), a subtitle, a byline."""
    for block in blocks:
        if isinstance(block, Para) and not block.heading:
            text = block.text.strip()
            if text.endswith(("：", ":")) and len(text) <= 40 and "。" not in text and not first_date(text, today):
                continue
            if text.startswith(("——", "—", "--")) or (block.align == "center" and len(text) <= 30 and "。" not in text):
                continue  # a subtitle (——记……) or a centred byline under the title
            return block
    return None


def _event_date(given: date | None, blocks: list[Block], today: date, masthead_day=None) -> tuple[date, str]:
    if given:
        return given, ""
    first = _first_paragraph(blocks, today)
    found = first_date(first.text, today) if first is not None else None
    if found and found.day <= today:
        return found.day, (
            f"发生日期（event_date）取自正文第一段的“{found.text}”：{found.day.isoformat()}，请核对；"
            "也可以用 --event-date 指定"
        )
    if found:
        return today, (
            f"正文第一段的日期“{found.text}”晚于今天，不能作发生日期；event_date 暂填今天 {today.isoformat()}，请核对"
        )
    if masthead_day is not None and masthead_day.day <= today:
        return masthead_day.day, (
            f"正文第一段没有写明日期，发生日期（event_date）暂填版头的编印日期 {masthead_day.day.isoformat()}，"
            "事情多半发生在这之前，请核对；也可以用 --event-date 指定"
        )
    return today, (
        f"正文第一段没有写明日期，发生日期（event_date）暂填今天 {today.isoformat()}，请核对；"
        "也可以用 --event-date 指定"
    )


def _masthead_notes(prepared: Prepared) -> list[str]:
    m = prepared.masthead
    if m is None:
        return []
    notes = [f"已去掉版头（不放进正文）：{' / '.join(m.lines)}"]
    if m.issue:
        notes.append(f"版头的期号是“{m.issue}”，请核对；需要时写进正文或标签")
    if m.date is not None:
        notes.append(f"版头的编印日期是“{m.date.text}”（{m.date.day.isoformat()}），请核对")
    if m.doc_number:
        notes.append(f"版头的发文字号是“{m.doc_number}”，请核对；需要时写进正文")
    if m.urgency:
        notes.append(f"版头标有紧急程度“{m.urgency}”：报送系统不分缓急，紧急事项请同时电话报告")
    return notes


def _title_box(note: str, box_text: str | None, title: str) -> str:
    """A text box that held the title line is said to be the title, not a paragraph of the body."""
    if box_text is not None and " ".join(box_text.split()) == title and "已作为普通段落" in note:
        return note[: note.index("”）") + 2] + TAKEN_AS_TITLE
    return note


def _notes_as_paragraphs(blocks: list[Block], numbers: set[str]) -> list[Block]:
    """Footnotes whose mark was on the title line: their text kept as a closing “注：” paragraph."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Footnotes):
            kept = [(n, spans) for n, spans in block.notes if n not in numbers]
            moved = [Para([Span("注："), *strip_spans(spans)]) for n, spans in block.notes if n in numbers]
            out.extend(moved)
            if kept:
                out.append(Footnotes(kept))
        else:
            out.append(block)
    return out


def _table_notes(blocks: list[Block]) -> list[str]:
    notes = []
    tables = [b for b in blocks if isinstance(b, Table)]
    for n, table in enumerate(tables, 1):
        if table.merged:
            shown = "、".join(table.merged[:4]) + ("等" if len(table.merged) > 4 else "")
            notes.append(f"第 {n} 个表格有合并单元格（{shown}）：合并格的文字只写一次，它占的其余格子空着，请核对表格")
    return notes


def _choice(value: str | None, key: str, label: str, option: str, notes: list[str]) -> str:
    if value:
        return value
    notes.append(f"没有指定{label}（{option}）：{key} 暂填“{PLACEHOLDER}”，请按下面检查结果列出的可选值改正")
    return PLACEHOLDER


def import_docx(root: Path, registry: Registry, today: date, source: Path, options: ImportOptions) -> ImportResult:
    """Convert ``source`` into ``submissions/<unit>/<YYYY>/<today>-<slug>.md`` (and pictures) and validate it.

    Raises ImportRefused (nothing written) when the document or the options cannot give an item.
    """
    root = Path(root)
    reporter, reviewer = _people(registry, options, today)
    data = read_source(Path(source))
    prepared = prepare(data, today)
    outside = scan_outside(prepared.places, load_rules(root).rules, today)  # refuses a 密级 mark
    doc = convert(prepared.data)
    notes: list[str] = _masthead_notes(prepared)

    title, blocks = take_title(parse_html(doc.html), doc.core_title, Path(source).stem)
    source_of_title = "版头下面的大标题" if prepared.headline and title.text == prepared.headline else title.source
    notes.append(f"标题取自{source_of_title}：“{title.text}”，请核对")
    if title.marks:
        blocks = _notes_as_paragraphs(blocks, set(title.marks))
        notes.append("标题上的注释标记已去掉，注释的内容改成正文末尾的“注：”段落，请核对")
    notes.extend(_title_box(note, prepared.box_texts.get(i), title.text) for i, note in enumerate(prepared.notes))
    notes.extend(_table_notes(blocks))
    blocks, signature = strip_signature(blocks)
    if signature:
        notes.append(f"已去掉文末落款（单位、日期等）：{' / '.join(signature)}")
    blocks = clean(blocks)
    masthead_day = prepared.masthead.date if prepared.masthead else None
    event_day, event_note = _event_date(options.event_date, blocks, today, masthead_day)
    if event_note:
        notes.append(event_note)
    notes.extend(hit.message for hit in outside)

    type_ = _choice(options.type, "type", "信息类型", "--type", notes)
    category = _choice(options.category, "category", "信息类别", "--category", notes)

    stem = f"{today.isoformat()}-{slug_for(options.slug or title.text)}"
    if bad_chars(stem) or len(stem) + 8 > MAX_NAME:
        raise ImportRefused("由标题生成的文件名不合规：请用 --slug 指定一个简短的中文名（不含空格和标点）")
    folder = root / SUBMISSIONS / options.unit / str(today.year)
    names = _ImageNames(doc.images, stem)
    body = render(blocks, names)
    for img in doc.images:
        if img.refused:
            notes.append(f"第 {img.number} 张图片{img.refused}")

    item_path = folder / f"{stem}.md"
    image_files = {folder / name: doc_img for doc_img in doc.images if (name := names.names.get(doc_img.number))}
    _make_room(folder, stem, [item_path, *image_files], options.replace, root)

    folder.mkdir(parents=True, exist_ok=True)
    for path, img in image_files.items():
        path.write_bytes(img.data)
    values = {
        "title": title.text,
        "unit": options.unit,
        "reporter": reporter,
        "reviewed_by": reviewer,
        "date": today.isoformat(),
        "event_date": event_day.isoformat(),
        "type": type_,
        "category": category,
        "sensitivity": "公开",
    }
    item_path.write_text(fill(load_template(root), values, body), encoding="utf-8")

    rels = [p.relative_to(root).as_posix() for p in [item_path, *image_files]]
    repo = load_repository(root, today, paths=rels)
    findings = [f for f in repo.findings if f.path in set(rels)]
    return ImportResult(rels[0], rels[1:], notes, findings)


def _make_room(folder: Path, stem: str, targets: list[Path], replace: bool, root: Path) -> None:
    """Refuse to overwrite an earlier import unless ``replace``; then remove its pictures too."""
    own = re.compile(re.escape(stem) + r"-\d+\.(png|jpg|gif|webp)")
    previous = [p for p in folder.glob(f"{stem}-*") if own.fullmatch(p.name)] if folder.is_dir() else []
    existing = [p for p in targets if p.exists() or p.is_symlink()] + [p for p in previous if p not in targets]
    if not existing:
        return
    if not replace:
        shown = "、".join(p.relative_to(root).as_posix() for p in existing[:3])
        raise ImportRefused(
            f"文件已存在：{shown}。要用这份 Word 文档重新导入并覆盖它，请加 --replace；"
            "要另存一条，请用 --slug 换一个文件名"
        )
    for p in existing:
        if not (p.is_file() or p.is_symlink()):
            raise ImportRefused(f"{p.relative_to(root).as_posix()} 不是普通文件，不能覆盖：请先处理它")
        p.unlink()
