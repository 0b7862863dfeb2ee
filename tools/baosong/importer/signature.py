"""The signature block at the end of a Word document (单位名称 / 日期, 报送人 / 审核人 lines): found and removed.

A bare date line at the very end is always a signature. Lines above it are taken as the unit's name
only when short, without sentence punctuation, and either ending like an organisation's name or
aligned right; without a date, only a right-aligned unit name at the very end is taken. Credit lines (报送人：… 联系电话：…) around it go too: that data lives in the front matter.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .blocks import BLANK, Block, Para, Span, has_image, join_lines, split_lines, text_of
from .zhdates import DATE_LINE, is_date_line

MAX_UNIT_LINES = 2
_CREDIT = re.compile(
    r"[（(]?\s*(报送人|报送单位|信息员|撰稿人?|供稿人?|供稿单位|审核人?|审稿人?|签发人?|联系人|"
    r"联系电话|电话|手机|编辑|责任编辑)\s*[:：]"
)
_ORG_END = re.compile(
    r"(委员会|村委会|居委会|党委|党总支|总支部|支部|政府|办公室|办|中心|站|所|局|队|院|校|组|"
    r"会|村|乡|镇|社区|公司|部|科|室|处|厅|委|团|联)$"
)
_PUNCT = re.compile(r"[。，,；;！!？?：:、“”\"]")


def _is_unit_line(text: str, right: bool) -> bool:
    text = text.strip(BLANK)
    if not 2 <= len(text) <= 30 or _PUNCT.search(text) or re.search(r"\d", text):
        return False
    return bool(_ORG_END.search(text)) or right


def _unit_and_date(text: str) -> bool:
    """``勐往村委会  2026年11月25日`` on one line."""
    text = text.strip(BLANK)
    m = DATE_LINE.search(text)
    if not m or m.end() != len(text) or m.start() == 0:
        return False
    return _is_unit_line(text[: m.start()], True)


def strip_signature(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """``blocks`` without the trailing signature lines, and those lines (for the notes)."""
    lines: list[tuple[int, str, bool]] = []  # (block index, text, right-aligned), last line first
    i = len(blocks) - 1
    while i >= 0 and len(lines) < 12:
        block = blocks[i]
        if not isinstance(block, Para) or block.heading or has_image(block.spans):
            break
        for line in reversed(split_lines(block.spans)):
            lines.append((i, text_of(line).strip(BLANK), block.align == "right"))
        i -= 1
    lines = [entry for entry in lines if entry[1]] + [(-1, "", False)]

    k = _credits(lines, 0)
    if is_date_line(lines[k][1]) or _unit_and_date(lines[k][1]):
        k += 1
        units = 0
        while units < MAX_UNIT_LINES and _is_unit_line(lines[k][1], lines[k][2]):
            k += 1
            units += 1
        k = _credits(lines, k)
    elif lines[k][2] and _is_unit_line(lines[k][1], True):  # a right-aligned unit name without a date
        k = _credits(lines, k + 1)
    if k == 0:
        return blocks, []
    removed = [text for _, text, _ in lines[:k]][::-1]
    return _drop_last_lines(blocks, k), removed


def _credits(lines, k: int) -> int:
    while lines[k][1] and _CREDIT.match(lines[k][1]):
        k += 1
    return k


def _drop_last_lines(blocks: list[Block], k: int) -> list[Block]:
    out = list(blocks)
    while k > 0 and out:
        para = out[-1]
        para_lines = [line for line in split_lines(para.spans) if text_of(line).strip(BLANK)]
        if len(para_lines) <= k:
            k -= len(para_lines)
            out.pop()
            while (
                out
                and isinstance(out[-1], Para)
                and not out[-1].text.strip(BLANK + "\n")
                and not has_image(out[-1].spans)
            ):
                out.pop()
        else:
            kept: list[list[Span]] = para_lines[: len(para_lines) - k]
            out[-1] = replace(para, spans=join_lines(kept))
            k = 0
    return out
