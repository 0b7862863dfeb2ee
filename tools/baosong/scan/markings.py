"""S02 classification markings and S07 draft markers, as regexes compiled once.

S02 follows GB/T 9704 (党政机关公文格式): ``密级★保密期限`` such as ``绝密★启用前``, ``机密★1年``,
``秘密★10年``, with a full-width, half-width, hollow (☆) or ASCII ``*`` star and any spaces; ``密级：机密``;
``保密期限：5年``; and the 内部资料 / 注意保存 markings. Words that only *mention* secrecy in prose
(商业秘密, 保守国家秘密, 绝密档案, 强调内部资料不得外传) are not markings.
"""

from __future__ import annotations

import re

from .text import Hit, LazyRe, ScanText

LEVEL = r"(?:绝密|机密|秘密)"
STARS = "★☆⭐✩✪✫✬✭✮✯✰✱✲✳✴✵✶✷✸✹✺"
PERIOD = r"(?:\d+\s*(?:年|个月|月)|长期|启用前|公布前|发布前|考试(?:开始|结束)前)"
OPEN = r"[\[【(（〔<《]"
CLOSE = r"[\]】)）〕>》]"
PUNCT = r"[\s#>*_~`=\-+|\[\]【】()（）〔〕<>《》\"“”'‘’:：,，.。;；、!！★☆]"
KEEP = r"(?:注意保存|请勿外传|严禁外传|不得外传|注意保密|妥善保管|严禁翻印|不得翻印|请勿翻印|请勿转发|不得转发|严禁转发|仅供参考|只供参考)"


MARKINGS = LazyRe(
    "|".join(
        [
            rf"{LEVEL}[\s*_]*[{STARS}]\s*{PERIOD}?",  # 秘密★1年, 绝密☆启用前, 机密 ★, **绝密**★启用前
            rf"{LEVEL}\s*\\?\*\s*{PERIOD}",  # 机密*5年 (ASCII star, which Markdown also uses for emphasis)
            rf"(?:^|(?<=[\s\[【(（〔:：,，]))(?<!保守){LEVEL}\s*{PERIOD}(?!\S*(?:如一日|来))",  # 机密 5年, 绝密启用前
            rf"密级\s*(?:[:：]|为|是)?\s*{OPEN}?\s*{LEVEL}",  # 密级：秘密
            rf"保密期限\s*[:：]?\s*{PERIOD}",  # 保密期限：10年
            rf"内部(?:资料|文件|材料|刊物|参考)[\s,，、;；.。·]*{KEEP}",  # 内部资料 注意保存
            rf"{OPEN}\s*(?:内部资料|注意保存)\s*{CLOSE}",  # 【内部资料】
            rf"^{PUNCT}*(?:内部资料|注意保存){PUNCT}*$",  # a line of its own
            r"^[\s#>*]*内部资料(?=[ \t:：★☆])",  # 内部资料 2026年第5期
            r"(?:本|此|该|这)[份个篇期]?(?:材料|文件|资料|件|信息|简报|报告|通报|稿件|内容|通知)?\s*(?:系|为|属于?|是|作为)\s*内部资料",
        ]
    ),
    # ^ and $ at every line (the third alternative's ^ is also preceded by \s, which holds the line feed):
    # one flag instead of inline (?m:…) groups, so the browser's copy (issue 16) reads the same source.
    re.MULTILINE,
)


DRAFT_WORDS = ("征求意见稿", "讨论稿", "草案", "尚未决定", "拟于")
DRAFTS = LazyRe(r"征求意见稿|讨论稿(?!件)|(?<!起)草案(?![件板卷])|尚未决定|(?<![模比虚])拟于")
# A sentence that quotes the rule (不得报送尚未决定的事项) is not itself a draft.
RULE_QUOTE_BEFORE = LazyRe(
    r"(?:不得|不能|不要|不准|严禁|禁止|不予|避免|不报送|不上报|不发布)[^。；;，,!！?？\n]{0,10}$"
)
RULE_QUOTE_AFTER = LazyRe(r"^[^。；;，,\n]{0,8}(?:不得|不能|不要|不准|严禁|禁止|不予)(?:报送|上报|发布|公开|对外)")


# Prose about handling such material (强调内部资料不得外传) is not a marking on this text.
PROSE_BEFORE = LazyRe(r"(?:强调|要求|提醒|明确|确保|做到|规定|严禁将|不得将|防止|对于?|涉及)[^。；;\n]{0,2}$")


def find_markings(st: ScanText) -> list[Hit]:
    hits = []
    text = st.text
    if "密" not in text and "内部" not in text and "注意保存" not in text:
        return hits  # every marking has one of these; most items have none
    for m in MARKINGS.finditer(text):
        if m.group().startswith("内部") and PROSE_BEFORE.search(text[max(0, m.start() - 6) : m.start()]):
            continue
        hits.append(Hit("S02", m.start(), m.end(), _clean(m.group())))
    return hits


def find_drafts(st: ScanText) -> list[Hit]:
    hits = []
    text = st.text
    if not any(word in text for word in DRAFT_WORDS):
        return hits
    for m in DRAFTS.finditer(text):
        before = text[max(0, m.start() - 16) : m.start()]
        after = text[m.end() : m.end() + 12]
        if RULE_QUOTE_BEFORE.search(before) or RULE_QUOTE_AFTER.search(after):
            continue
        hits.append(Hit("S07", m.start(), m.end(), m.group()))
    return hits


def _clean(excerpt: str) -> str:
    return " ".join(excerpt.split())[:30]
