"""S03–S05: resident IDs, bank cards and mobile numbers in normalised text.

A number is a run of digits that may be split by spaces or hyphens (``138 1234 5678``,
``5309 2519 8001 0100 13``), bounded by digit lookarounds (``\\b`` never fires between a Chinese
character and a digit) and not part of a decimal (``12,345.67`` stays an amount). Every contiguous
stretch of groups with one separator is a candidate, so ``2026-11-25 13812345678`` still yields the
mobile. The label just before a number (卡号, 身份证, 订单号, ...) settles the doubtful cases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .mask import mask
from .text import Hit, LazyRe, ScanText, normalise
from .validators import (
    has_card_prefix,
    is_card_length,
    is_legacy_id,
    is_luhn,
    is_mobile,
    is_resident_id,
    is_uscc,
    starts_with_date,
)

MIN_DIGITS = 11
SEP = r"[ \t\-\u2010-\u2015\u2212]"
# The lookbehind keeps the scan linear: a run that fails is never retried from its second digit.
RUN = LazyRe(rf"(?<!\d)\d+(?:{SEP}{{1,2}}\d+)*(?:[Xx](?![A-Za-z]))?(?!\d)(?!\.\d)")
LONG_ENOUGH = re.compile(rf"\d(?:\d|{SEP}){{{MIN_DIGITS - 2},}}[\dXx]")
GROUP = LazyRe(r"\d+[Xx]?")
MAX_DIGITS = 19
MAX_GROUP = 8  # groups longer than this are never joined with a neighbour
MAX_GROUPS = 6  # 4-4-4-4-3 cards, 3-3-4-4-4 IDs: no real split number has more groups
LENGTHS = frozenset({11, 13, 15, 16, 17, 18, 19})  # mobile, +86 mobile, old ID, cards, ID
WINDOW_BEFORE = 16
WINDOW_AFTER = 8

LABELS = {
    "id": LazyRe(r"身份证号码|身份证|身份号码|公民身份|证件号码|证件号"),
    "card": LazyRe(
        r"卡号|银行卡|账号|帐号|账户|帐户|借记卡|信用卡|储蓄卡|存折|开户行|社保卡|收款人?账|转入|打入|汇入|存入|转账至|汇至|打到|汇到|转到"
    ),
    "uscc": LazyRe(r"信用代码|纳税人识别号|税号|组织机构代码"),
    "phone": LazyRe(r"电话|手机|联系|热线|致电|拨打|咨询|号码|微信|短信|[Tt][Ee][Ll]"),
    "other": LazyRe(
        r"订单|单号|编号|流水号|批次|合同|发票|代码|条码|备案|登记号|许可证|证书|文号|工单|运单|快递|序列号|准考证|学号"
        r"|工号|档案|案号|票号|户号|宗地|项目号|批准号|型号|版本|ISBN|isbn|邮编|代号|金额|资金|投资|合计|共计|总计|产值|收入|[¥￥$]"
    ),
}
# A quantity is not a phone or a card: 15000000000元, 13812345678人次.
UNIT_AFTER = LazyRe(
    r"\s*(?:元|圆|万|亿|千|百|人|户|亩|吨|公斤|千克|斤|个|条|次|件|台|辆|头|只|株|棵|箱|袋|份|册|平方|立方|米|公里|千米"
    r"|kg|km|%|‰|美元|余|多|倍|度)"
)
PRIORITY = {"S03": 0, "S04": 1, "S05": 2}


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    digits: str


def joinable(lengths: list[int]) -> bool:
    """Groups may form one number when each is short, or as region code + rest of an ID (6 + 12, 6 + 9)."""
    if len(lengths) == 1:
        return True
    if min(lengths[:-1]) < 2:
        return False  # 1 2 3 4 …: a list of small numbers, not a split one
    if max(lengths) <= MAX_GROUP:
        return True
    return len(lengths) == 2 and lengths[0] == 6 and sum(lengths) in (15, 18)


def candidates(text: str):
    """Every stretch of digit groups joined by one kind of separator (at most 19 digits)."""
    for run in RUN.finditer(text):
        start = run.start()
        if run.end() - start < MIN_DIGITS:
            continue  # fewer characters than the shortest number we look for
        if text[start - 2 : start - 1].isdigit() and text[start - 1] == ".":
            continue  # the decimals of a number
        groups = [(m.start() + run.start(), m.end() + run.start()) for m in GROUP.finditer(run.group())]
        for i in range(len(groups)):
            sep = None
            lengths: list[int] = []
            for j in range(i, min(i + MAX_GROUPS, len(groups))):
                g_start, g_end = groups[j]
                if j > i:
                    gap = text[groups[j - 1][1] : g_start]
                    sep = gap if sep is None else sep
                    if gap != sep:
                        break
                lengths.append(g_end - g_start)
                if sum(lengths) > MAX_DIGITS:
                    break
                if joinable(lengths):
                    digits = "".join(text[a:b] for a, b in groups[i : j + 1])
                    yield Candidate(groups[i][0], g_end, digits)


@dataclass(frozen=True)
class Labels:
    nearest: str | None  # the kind of the label closest before the number (or just after it)
    kinds: frozenset[str]  # every kind of label in the window
    quantity: bool = False  # a unit follows the number


def labels_around(text: str, start: int, end: int) -> Labels:
    lo = max(0, start - WINDOW_BEFORE)
    before = text[lo:start].rpartition("\n")[2]  # this line only
    best: tuple[int, int] = (-1, 0)
    nearest = None
    kinds = set()
    for kind, pattern in LABELS.items():
        for m in pattern.finditer(before):
            kinds.add(kind)
            if (m.end(), len(m.group())) > best:
                best, nearest = (m.end(), len(m.group())), kind
    after = text[end : end + WINDOW_AFTER].partition("\n")[0]
    for kind in ("id", "card", "uscc"):
        if LABELS[kind].search(after):
            kinds.add(kind)
            nearest = nearest or kind
    return Labels(nearest, frozenset(kinds), UNIT_AFTER.match(text, end) is not None)


def classify(digits: str, labels: Labels, today: date) -> str | None:
    n = len(digits)
    near = labels.nearest
    if n == 18 and is_resident_id(digits, today):
        return None if "uscc" in labels.kinds and is_uscc(digits) else "S03"
    if n == 15 and "id" in labels.kinds and is_legacy_id(digits, today):
        return "S03"
    if is_card_length(digits):
        if near == "card":
            return "S04"
        if (
            is_luhn(digits)
            and has_card_prefix(digits)
            and not starts_with_date(digits)
            and near not in ("other", "id", "uscc")
            and not labels.quantity
        ):
            return "S04"
        return None
    if is_mobile(digits) and near != "other" and not labels.quantity:
        return "S05"
    return None


@lru_cache(maxsize=8)
def allowed_digits(allow: tuple[str, ...]) -> frozenset[str]:
    """The digits of each ``scan.allow`` entry that has enough of them to be a number."""
    out = set()
    for entry in allow:
        digits = re.sub(r"\D", "", normalise(entry))
        if len(digits) >= 5:
            out.add(digits)
            if len(digits) == 13 and digits.startswith("86"):
                out.add(digits[2:])
    return frozenset(out)


def find_numbers(st: ScanText, today: date, allow: frozenset[str] = frozenset()) -> list[Hit]:
    text = st.text
    if not LONG_ENOUGH.search(text):
        return []  # no stretch of digits and separators long enough: most texts stop here
    found = []
    for c in candidates(text):
        if len(c.digits) not in LENGTHS:
            continue
        code = classify(c.digits, labels_around(text, c.start, c.end), today)
        if code is None:
            continue
        plain = c.digits.upper()
        if plain in allow or (code == "S05" and plain[-11:] in allow):
            continue
        found.append((PRIORITY[code], -len(plain), c.start, c.end, code, plain))
    found.sort()
    taken = bytearray(len(text))  # characters already part of a reported number
    hits = []
    for _, _, start, end, code, plain in found:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        hits.append(Hit(code, start, end, mask(plain)))
    hits.sort(key=lambda h: h.start)
    return hits
