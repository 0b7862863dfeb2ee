"""The words that say what a number is (S03–S05), as plain data: rules.yaml ``scan.labels`` replaces any kind.

A label is looked for in the 16 characters before a number (on its line) and the 8 after it; the closest
one decides doubtful cases (``numbers.classify``). Kinds:

- ``id``: resident ID words (身份证号). ``certificate``: certificates whose number holds the ID number
  (残疾人证号 is the ID plus category and grade, 社保卡号 and 医保卡号 are the ID): an ID in the first 18
  characters of a longer run beside one of these is S03, and so is an 18-character number shaped like an
  ID (a real birth date) with a wrong check digit, which is a mistyped ID.
- ``card``: bank cards and accounts as villagers name them (一卡通, 惠农卡, 信用社卡 ...); ``bank``: the
  banks that issue cards in rural China (a bank name counts as a card word: 农行卡, 邮储 6228 ...). A 16–19
  digit number beside either is S04 even when it fails the Luhn check.
- ``uscc``: 统一社会信用代码 words; ``phone``: phone words; ``other``: what makes a number something else
  (订单号, 编号, 金额 ...): never a card or a phone.

Matching is on normalised text (NFKC), ignoring the case of Latin letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

DEFAULT_LABELS: dict[str, tuple[str, ...]] = {
    "id": ("身份证号码", "身份证", "身份号码", "公民身份", "证件号码", "证件号"),
    "certificate": (
        "残疾人证号",
        "残疾证号",
        "残疾人证",
        "社保卡号",
        "社会保障卡号",
        "医保卡号",
        "残疾证",
        "社保卡",
        "社会保障卡",
        "社保号",
        "社会保障号",
        "医保卡",
        "医保号",
        "医疗保险",
        "户口",
        "户籍",
        "居住证",
        "驾驶证",
        "驾照",
        "学籍号",
        "老年证",
        "优待证",
        "低保证",
        "五保证",
        "特困证",
        "救助证",
        "身份信息",
        "社保",
        "医保",
        "证号",
        "证件",
    ),
    "card": (
        "卡号",
        "银行卡",
        "账号",
        "帐号",
        "账户",
        "帐户",
        "借记卡",
        "信用卡",
        "储蓄卡",
        "存折",
        "折子",
        "开户行",
        "收款账",
        "收款人账",
        "转入",
        "打入",
        "汇入",
        "存入",
        "转账至",
        "汇至",
        "打到",
        "汇到",
        "转到",
        "发放到",
        "发放至",
        "打款",
        "划入",
        "划到",
        "拨付到",
        "拨付至",
        "存到",
        "到账",
        "一卡通",
        "一折通",
        "惠农卡",
        "惠民卡",
        "福农卡",
        "金穗卡",
        "社保卡",
        "社会保障卡",
        "社保卡号",
        "社会保障卡号",
        "工资卡",
        "补贴卡",
        "养老卡",
        "养老金卡",
        "粮补卡",
        "低保卡",
        "信用社卡",
        "农信社卡",
        "行卡",  # 农行卡, 建行卡, 农商行卡, 村镇银行卡 ...
        "社卡",  # 信用社卡, 农信社卡
    ),
    "bank": (
        "银行",
        "农行",
        "农业银行",
        "邮储",
        "邮政储蓄",
        "邮政银行",
        "邮政",
        "建行",
        "建设银行",
        "工行",
        "工商银行",
        "中行",
        "中国银行",
        "交行",
        "交通银行",
        "招行",
        "信用社",
        "信用联社",
        "农信社",
        "农信",
        "信合",
        "农商行",
        "农商银行",
        "农村商业银行",
        "农合行",
        "农村合作银行",
        "村镇银行",
        "富滇银行",
        "富滇",
        "农发行",
        "商行",
    ),
    "uscc": ("信用代码", "纳税人识别号", "税号", "组织机构代码"),
    "phone": ("电话", "手机", "联系", "热线", "致电", "拨打", "咨询", "号码", "微信", "短信", "Tel"),
    "other": (
        "订单",
        "单号",
        "编号",
        "流水号",
        "批次",
        "合同",
        "发票",
        "代码",
        "条码",
        "备案",
        "登记号",
        "许可证",
        "许可证号",
        "合格证号",
        "证书号",
        "准考证号",
        "证书",
        "文号",
        "工单",
        "运单",
        "快递",
        "序列号",
        "准考证",
        "学号",
        "工号",
        "档案",
        "案号",
        "票号",
        "户号",
        "宗地",
        "项目号",
        "批准号",
        "型号",
        "版本",
        "ISBN",
        "邮编",
        "邮政编码",
        "代号",
        "金额",
        "资金",
        "投资",
        "合计",
        "共计",
        "总计",
        "产值",
        "收入",
        "¥",
        "$",
    ),
}
KINDS = tuple(DEFAULT_LABELS)
# Words for "a number" that say nothing of its kind: the label written before them decides (残疾人证编号).
GENERIC = frozenset({"编号", "号码", "序号", "代码", "代号"})
ALIASES = {"bank": "card"}  # a bank name is a card word


@dataclass(frozen=True)
class LabelPatterns:
    """One compiled alternation per kind (``bank`` folded into ``card``)."""

    patterns: tuple[tuple[str, re.Pattern], ...]


_last: list = [None, None]  # (the labels mapping, its patterns): rules are loaded once per run


def compile_labels(labels: dict[str, tuple[str, ...]]) -> LabelPatterns:
    """``labels`` as in ``DEFAULT_LABELS`` → patterns; cached for the few label sets a run uses."""
    if _last[0] is not labels:
        _last[:] = [labels, _compile(tuple(sorted((kind, tuple(words)) for kind, words in labels.items())))]
    return _last[1]


@lru_cache(maxsize=8)
def _compile(labels: tuple[tuple[str, tuple[str, ...]], ...]) -> LabelPatterns:
    from .text import normalise

    words: dict[str, set[str]] = {}
    for kind, entries in labels:
        words.setdefault(ALIASES.get(kind, kind), set()).update(normalise(w) for w in entries if w.strip())
    out = []
    for kind in sorted(words):
        if words[kind]:
            ordered = sorted(
                words[kind], key=lambda w: (-len(w), w)
            )  # longest first; ties by text: one pattern per rules
            out.append((kind, re.compile("|".join(re.escape(w) for w in ordered), re.IGNORECASE)))
    return LabelPatterns(tuple(out))
