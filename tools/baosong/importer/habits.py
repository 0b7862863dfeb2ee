"""Word habits turned into clean blocks: empty paragraphs, soft line breaks, manual numbering and bullets.

The title (title.py) and the signature block (signature.py) are taken off before these run.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from .blocks import (
    BLANK,
    Block,
    ListBlock,
    ListItem,
    Para,
    Span,
    Table,
    drop_chars,
    has_image,
    join_lines,
    split_lines,
    strip_spans,
    text_of,
)

_CN_NUM = "一二三四五六七八九十百零〇"
_LEVEL1 = re.compile(rf"[{_CN_NUM}]+\s*[、．.]")  # 一、
_LEVEL2 = re.compile(rf"[（(]\s*[{_CN_NUM}]+\s*[）)]\s*[、．.]?")  # （一）
_ARABIC = re.compile(r"(\d{1,3})\s*([.．、])(?!\d)")  # 1.  1．  1、
_PAREN = re.compile(r"[（(]\s*\d{1,3}\s*[）)]")  # （1）
_BULLET = re.compile(r"([●•·◆◇■□▪▶►★☆○◎\-－*＊])\s*")
_INNER_PUNCT = re.compile(r"[。！？；，,;!?]")
SHORT = 30
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Mark:
    """What a paragraph starts with: ``kind`` is level1 | level2 | arabic | paren | bullet."""

    kind: str
    length: int  # characters of the number or bullet (and the space after it)
    number: int = 0
    style: str = ""  # the delimiter (arabic) or bullet character


def clean(blocks: list[Block]) -> list[Block]:
    """Trim, split and join soft breaks, drop empty paragraphs; then numbering and bullets."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Para):
            out.extend(_split_soft(block))
        elif isinstance(block, ListBlock):
            out.append(_clean_list(block))
        elif isinstance(block, Table):
            out.append(
                Table([[_one_line(cell, always_space=True) for cell in row] for row in block.rows], block.merged)
            )
        else:
            out.append(block)
    out = [b for b in out if not isinstance(b, Para) or b.text.strip(BLANK) or has_image(b.spans)]
    return apply_numbering(out)


def is_empty(block: Block) -> bool:
    return isinstance(block, Para) and not block.text.strip(BLANK + "\n") and not has_image(block.spans)


def _split_soft(para: Para) -> list[Para]:
    """A soft break followed by an indented line starts a new paragraph; other soft breaks are joined."""
    groups: list[list[list[Span]]] = []
    for i, line in enumerate(split_lines(para.spans)):
        indented = text_of(line)[:2] and all(c in BLANK for c in text_of(line)[:2])
        if not groups or (indented and i > 0 and text_of(groups[-1][-1]).strip(BLANK)):
            groups.append([])
        groups[-1].append(line)
    return [replace(para, spans=_one_line(join_lines(g))) for g in groups]


def _one_line(spans: list[Span], always_space: bool = False) -> list[Span]:
    """Soft breaks joined: nothing between Chinese characters, a space between Latin words.

    In a table cell the breaks also stand for its paragraphs, so they always become a space.
    """
    lines = [strip_spans(line) for line in split_lines(spans)]
    lines = [line for line in lines if line]
    out: list[Span] = []
    for line in lines:
        if out:
            before, after = text_of(out)[-1:], text_of(line)[:1]
            if always_space or (_ASCII_WORD.match(before) and _ASCII_WORD.match(after)):
                out.append(Span(" "))
        out.extend(line)
    return out


def _clean_list(block: ListBlock) -> ListBlock:
    return ListBlock(
        block.ordered, [ListItem(_one_line(it.spans), [_clean_list(c) for c in it.children]) for it in block.items]
    )


def mark_of(text: str) -> Mark | None:
    norm = unicodedata.normalize("NFKC", text)
    if len(norm) != len(text):
        norm = text  # NFKC changed the length (rare ligatures): match on the original
    for kind, pattern in (("level2", _LEVEL2), ("level1", _LEVEL1), ("paren", _PAREN)):
        m = pattern.match(norm)
        if m:
            return Mark(kind, _with_space(text, m.end()))
    m = _ARABIC.match(norm)
    if m:
        return Mark("arabic", _with_space(text, m.end()), int(m.group(1)), unicodedata.normalize("NFKC", m.group(2)))
    m = _BULLET.match(text)
    if m and len(text) > m.end():
        return Mark("bullet", m.end(), style=unicodedata.normalize("NFKC", m.group(1)))
    return None


def _with_space(text: str, end: int) -> int:
    while end < len(text) and text[end] in BLANK:
        end += 1
    return end


def is_short(text: str) -> bool:
    text = text.strip(BLANK)
    return len(text) <= SHORT and not _INNER_PUNCT.search(text[:-1])


def apply_numbering(blocks: list[Block]) -> list[Block]:
    """Runs of 1. 2. 3. (from 1, consecutive) or of one bullet become lists; short 一、（一）1. become headings."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        run = _run(blocks, i)
        if len(run) >= 2:
            ordered = run[0][1].kind == "arabic"
            items = [ListItem(strip_spans(drop_chars(p.spans, mark.length))) for p, mark in run]
            out.append(ListBlock(ordered, items))
            i += len(run)
            continue
        block = blocks[i]
        out.append(_as_heading(block) if isinstance(block, Para) else block)
        i += 1
    return out


def _candidate(block: Block) -> Mark | None:
    if not isinstance(block, Para) or block.heading or has_image(block.spans):
        return None
    mark = mark_of(block.text)
    return mark if mark and mark.kind in ("arabic", "bullet") else None


def _run(blocks: list[Block], start: int) -> list[tuple[Para, Mark]]:
    first = _candidate(blocks[start])
    if first is None or (first.kind == "arabic" and first.number != 1):
        return []
    run = [(blocks[start], first)]
    for block in blocks[start + 1 :]:
        mark = _candidate(block)
        if mark is None or mark.kind != first.kind or mark.style != first.style:
            break
        if mark.kind == "arabic" and mark.number != run[-1][1].number + 1:
            break
        run.append((block, mark))
    return run


def _as_heading(para: Para) -> Para:
    if para.heading:
        return replace(para, heading=min(para.heading + 1, 6))
    mark = mark_of(para.text)
    if mark is None or not is_short(para.text):
        return para
    level = {"level1": 2, "level2": 3, "arabic": 4}.get(mark.kind)
    return replace(para, heading=level) if level else para
