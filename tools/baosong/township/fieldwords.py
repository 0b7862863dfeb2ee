"""What each front-matter field is called in Chinese, and the values people write that mean a valid one.

Shared by the checks (messages) and ``baosong fix`` (repairs), so both say the same thing (SPEC §2.2).
"""

from __future__ import annotations

import re
from functools import cache

FIELD_ZH = {
    "title": "标题",
    "unit": "单位代号",
    "reporter": "信息员",
    "reviewed_by": "审核人",
    "date": "报送日期",
    "event_date": "发生日期",
    "type": "信息类型",
    "category": "信息类别",
    "sensitivity": "公开属性",
    "tags": "关键词",
    "follows": "续报的上一条信息",
    "request": "约稿编号",
}
SENSITIVITY_ZH = {"公开": "网站上所有人可以看", "内部": "只在内网供各单位参阅"}
# Separators people put between keywords when they write tags as one line: Chinese and ASCII commas, 、 and ；.
_TAG_SEPARATORS = re.compile(r"[，,、；;]+")


def label(key: str) -> str:
    """``"title"`` → ``"标题（title）"``; an unknown key stays as it is."""
    zh = FIELD_ZH.get(key)
    return f"{zh}（{key}）" if zh else key


def split_tags(value: str) -> list[str]:
    """``"安全生产，防火、防汛"`` → ``["安全生产", "防火", "防汛"]``; ``"#防火 #安全"`` → ``["防火", "安全"]``.

    Keywords written as hashtags are split on spaces as well; a keyword never loses a character other than
    the separators and a leading ``#``.
    """
    text = value.strip()
    if text.startswith(("[", "［")) and text.endswith(("]", "］")):
        text = text[1:-1]
    parts = _TAG_SEPARATORS.split(text)
    if "#" in text:
        parts = [p for part in parts for p in part.split()]
    out = []
    for part in parts:
        word = part.strip().lstrip("#").strip()
        if word and word not in out:
            out.append(word)
    return out


@cache
def _t2s():
    import opencc  # OpenCC's own dictionaries (pinned in requirements.lock), loaded on first use

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional → simplified Chinese with OpenCC's ``t2s`` conversion (``會議`` → ``会议``)."""
    if text.isascii():
        return text
    return _t2s().convert(text)
