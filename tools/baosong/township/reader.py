"""The strict reader: one file → an Item, or F-findings. Nothing else parses submissions."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..report.findings import Finding, make
from . import attachments, frontmatter, repairs, yamlstrict
from .items import MAX_ATTACHMENT_BYTES, MAX_ITEM_BYTES, Item
from .paths import Place, check_place


@dataclass
class ReadResult:
    path: str
    place: Place
    item: Item | None = None
    findings: list[Finding] = field(default_factory=list)


def file_kind(mode: int) -> str | None:
    """None for a regular file, else a Chinese word for what it is."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "符号链接"
    if stat.S_ISDIR(mode):
        return "文件夹"
    return "特殊文件"


def human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def read_path(root: Path, rel: str) -> ReadResult:
    """Read ``rel`` (relative to ``root``) without following links; never raises for bad input."""
    place, findings = check_place(rel)
    result = ReadResult(rel, place, findings=findings)
    if place.kind == "other":
        return result
    full = Path(root) / rel
    try:
        st = os.lstat(full)
    except OSError:
        result.findings.append(make("F07", rel, kind="无法读取"))
        return result
    kind = file_kind(st.st_mode)
    if kind:
        result.findings.append(make("F07", rel, kind=kind))
        return result
    limit = MAX_ITEM_BYTES if place.kind == "item" else MAX_ATTACHMENT_BYTES
    if st.st_size > limit:
        result.findings.append(make("F08", rel, size=human_size(st.st_size), limit=human_size(limit)))
        return result
    if place.kind != "item":
        if place.kind == "attachment":
            result.findings.extend(attachments.check(root, rel))  # F13: the bytes are what the name says
        return result
    try:
        # O_NOFOLLOW: a file swapped for a link between lstat and open is still not followed.
        fd = os.open(full, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                result.findings.append(make("F07", rel, kind="特殊文件"))
                return result
            raw = fh.read(MAX_ITEM_BYTES + 1)
    except OSError:
        result.findings.append(make("F07", rel, kind="无法读取"))
        return result
    if len(raw) > MAX_ITEM_BYTES:
        result.findings.append(make("F08", rel, size=human_size(len(raw)), limit=human_size(MAX_ITEM_BYTES)))
        return result
    item, more = parse_text(rel, raw, place)
    result.item = item
    result.findings.extend(more)
    return result


def parse_text(rel: str, raw: bytes, place: Place | None = None) -> tuple[Item | None, list[Finding]]:
    """Bytes of a submission → (Item or None, F01–F05/F10/F11 findings)."""
    if place is None:
        place, _ = check_place(rel)
    text, encoding = frontmatter.decode(raw)
    if text is None:
        variant = "default" if encoding in frontmatter.LEGACY_ENCODINGS.values() else "other"  # fix converts these
        return None, [make("F01", rel, 1, variant=variant, guess=encoding)]
    parts = frontmatter.split(text)
    if parts.front is None:
        variant = "wide" if parts.wide else "dots" if parts.dots else "unclosed" if parts.unclosed else "default"
        return None, [make("F02", rel, 1, variant=variant)]

    findings: list[Finding] = []
    front, unseen = repairs.invisible(parts.front, parts.front_start)
    front, slips = frontmatter.mend(front, parts.front_start)
    front, lookalikes = repairs.lookalike_values(front, parts.front_start)
    for slip in slips:
        if slip.kind == "nospace":
            findings.append(make("F03", rel, slip.line, slip.key, variant="nospace", key=slip.key))
        else:
            findings.append(
                make("F04", rel, slip.line, slip.key or None, variant=slip.kind, key=slip.key, chars=slip.chars)
            )

    front, misread = repairs.misread(front, parts.front_start)
    for repair in (*unseen, *lookalikes, *misread):
        findings.append(make(repair.code, rel, repair.line, repair.field, variant=repair.variant, **repair.params))
    parsed = yamlstrict.parse("\n".join(front), line_offset=parts.front_start - 1)
    first_lines: dict[str, int] = {}
    if parsed.root is not None and isinstance(parsed.root.value, dict):
        first_lines = parsed.root.key_lines
    for problem in parsed.problems:
        if problem.kind == "syntax":
            findings.append(make("F03", rel, problem.line, detail=yamlstrict.explain(problem.detail)))
        elif problem.kind == "refused":
            what = {"alias": "别名（*）", "anchor": "锚点（&）", "tag": "标签（!）"}[problem.detail]
            findings.append(make("F10", rel, problem.line, what=what))
        elif problem.kind == "duplicate":
            first = first_lines.get(problem.detail, "?")
            findings.append(make("F11", rel, problem.line, field=problem.detail, first=first))
        else:
            findings.append(make("F05", rel, problem.line))
    if parsed.fatal:
        return None, findings
    root = parsed.root
    if root is None:  # empty (or comments only): a mapping with no fields yet, so M01 names each one
        root = yamlstrict.Node({}, parts.front_start)
    if not isinstance(root.value, dict):
        findings.append(make("F05", rel, root.line))
        return None, findings
    item = Item(
        path=rel,
        meta=root.plain(),
        key_lines=dict(root.key_lines),
        body=parts.body,
        body_line=parts.body_line,
        folder_unit=place.unit,
        name_date=place.name_date,
    )
    return item, findings
