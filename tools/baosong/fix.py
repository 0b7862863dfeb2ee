"""``baosong fix``: mend what a machine can mend safely; the body's words are never changed."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, repairs

_SLIP_ZH = {
    "colon": "第 {line} 行：“{key}”后的全角冒号改为半角冒号",
    "space": "第 {line} 行：全角空格改为半角空格",
    "list": "第 {line} 行：“{key}”列表里的全角标点（{chars}）改为半角",
    "nospace": "第 {line} 行：“{key}:”后面补上空格",
}


@dataclass
class FixResult:
    path: str
    changes: list[str] = field(default_factory=list)
    refused: str | None = None


def fix_bytes(raw: bytes, allowed: dict[str, tuple[str, ...]] | None = None) -> tuple[bytes, list[str]]:
    """Mend ``raw``; ``allowed`` (type/category/sensitivity → allowed values) lets traditional characters be
    converted. Returns the new bytes and one Chinese line per change; the body's text is never changed."""
    changes: list[str] = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        codec, label = frontmatter.detect_legacy(raw)
        try:
            text = raw.decode(codec or "", errors="strict")
        except (UnicodeDecodeError, LookupError):
            raise ValueError("认不出文件的编码，无法自动转换：请用 WPS 或记事本另存为 UTF-8") from None
        changes.append(f"编码由 {label} 转换为 UTF-8")
    if text.startswith(frontmatter.BOM):
        text = text[1:]
        changes.append("去掉了文件开头的 BOM 标记")
    if "\r" in text:
        text = frontmatter.normalise_newlines(text)
        changes.append("换行符统一为 LF")
    parts = frontmatter.split(text)
    if parts.front is not None:
        mended, more = mend_front(parts.front, parts.front_start, allowed or {})
        if more:
            changes.extend(more)
            lines = text.split("\n")
            lines[1 : 1 + len(parts.front)] = mended
            text = "\n".join(lines)
    return text.encode("utf-8"), changes


def mend_front(front: list[str], first_line: int, allowed: dict) -> tuple[list[str], list[str]]:
    """The front-matter lines mended as the reader mends them (plus values whose meaning is certain)."""
    changes: list[str] = []
    front, unseen = repairs.invisible(front, first_line)
    front, slips = frontmatter.mend(front, first_line)
    front, lookalikes = repairs.lookalike_values(front, first_line)
    front, misread = repairs.misread(front, first_line)
    front, valued = repairs.values(front, first_line, allowed)
    for slip in slips:
        changes.append(_SLIP_ZH[slip.kind].format(line=slip.line, key=slip.key, chars=slip.chars))
    for repair in sorted((*unseen, *lookalikes, *misread, *valued), key=lambda r: r.line):
        if repair.change:
            changes.append(repair.change)
    return front, changes


def fix_file(root: Path, rel: str, dry_run: bool = False) -> FixResult:
    full = Path(root) / rel
    result = FixResult(rel)
    try:
        st = os.lstat(full)
    except OSError:
        result.refused = "找不到这个文件"
        return result
    if not stat.S_ISREG(st.st_mode):
        result.refused = "不是普通文件（如符号链接），不处理"
        return result
    if not rel.lower().endswith(".md"):
        result.refused = "只处理 .md 报送文件"
        return result
    if st.st_size > 1024 * 1024:
        result.refused = "文件太大，不处理"
        return result
    raw = full.read_bytes()
    try:
        new, result.changes = fix_bytes(raw, allowed_values(root))
    except ValueError as exc:
        result.refused = str(exc)
        return result
    if new != raw and not dry_run:
        full.write_bytes(new)
    return result


def allowed_values(root: Path) -> dict[str, tuple[str, ...]]:
    """type/category/sensitivity → the values rules.yaml allows (defaults when it is missing or broken)."""
    from .rules import load_rules

    rules = load_rules(root).rules
    return {"type": tuple(rules.types), "category": rules.categories, "sensitivity": rules.allowed_sensitivity}
