"""``baosong fix``: mend what a machine can mend safely; the body's words are never changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..scan.chars import TEXT_DIRECTION, describe
from ..township import frontmatter, repairs
from . import safe_write

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
    converted. Returns the new bytes and one Chinese line per change; the body's words are never changed (only
    the characters that turn text around, ``chars.TEXT_DIRECTION``, are taken out of it: S08)."""
    changes: list[str] = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        codec, label = frontmatter.detect_legacy(raw)
        if codec is None:  # not GBK/GB18030 or UTF-16 with confidence (charset.py): never guessed into mojibake
            raise ValueError(
                f"文件看起来是 {label} 编码，不能可靠地自动转换：请用记事本或 WPS 打开，另存为 UTF-8 编码"
            ) from None
        try:
            text = raw.decode(codec, errors="strict")
        except (UnicodeDecodeError, LookupError):
            raise ValueError("认不出文件的编码，无法自动转换：请用 WPS 或记事本另存为 UTF-8") from None
        changes.append(f"编码由 {label} 转换为 UTF-8")
    if text.startswith(frontmatter.BOM):
        text = text[1:]
        changes.append("去掉了文件开头的 BOM 标记")
    if "\r" in text:
        text = frontmatter.normalise_newlines(text)
        changes.append("换行符统一为 LF")
    text, fences = frontmatter.mend_fences(text)
    for line in fences:
        changes.append(f"第 {line} 行：全角减号或破折号组成的分隔线改为 ---")
    parts = frontmatter.split(text)
    if parts.front is not None:
        mended, more = mend_front(parts.front, parts.front_start, allowed or {})
        if more:
            changes.extend(more)
            lines = text.split("\n")
            lines[1 : 1 + len(parts.front)] = mended
            text = "\n".join(lines)
    text, turned = _without_direction(text, parts.body_line)
    changes.extend(turned)
    return text.encode("utf-8"), changes


def _without_direction(text: str, body_start: int) -> tuple[str, list[str]]:
    """The text without ``TEXT_DIRECTION`` characters from line ``body_start`` on (1-based), and one line per removal."""
    if not any(ch in text for ch in TEXT_DIRECTION):
        return text, []
    lines = text.split("\n")
    changes = []
    for i in range(max(0, body_start - 1), len(lines)):
        for ch in dict.fromkeys(c for c in lines[i] if c in TEXT_DIRECTION):
            changes.append(f"第 {i + 1} 行：删除了看不见的{describe(ch)}，它会让网页上的文字倒着显示")
        lines[i] = "".join(c for c in lines[i] if c not in TEXT_DIRECTION)
    return "\n".join(lines), changes


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
    """Fix one file; it is read and written by safe_write (no link in any path component, no hard-linked
    file, a temporary file renamed into place), so ``result.refused`` says why a file was left alone."""
    result = FixResult(rel)
    if not rel.lower().endswith(".md"):
        result.refused = "只处理 .md 报送文件"
        return result
    try:
        opened = safe_write.read(Path(root), rel, limit=1024 * 1024)
    except safe_write.Refused as exc:
        result.refused = str(exc)
        return result
    try:
        new, result.changes = fix_bytes(opened.data, allowed_values(root))
        if new != opened.data and not dry_run:
            safe_write.replace(opened, new)
    except (ValueError, safe_write.Refused) as exc:
        result.refused, result.changes = str(exc), []
    finally:
        opened.close()
    return result


def allowed_values(root: Path) -> dict[str, tuple[str, ...]]:
    """type/category/sensitivity → the values rules.yaml allows (defaults when it is missing or broken)."""
    from ..township.rules import load_rules

    return load_rules(root).rules.choices()
