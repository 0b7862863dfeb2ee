"""The 版头 of a 公文 or of a 简报/政务信息 issue, found and taken out of the body; the headline under it marked.

What a 版头 holds (GB/T 9704-2012 §7.2: 份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号, 签发人,
the red separating rule; 简报 and 政务信息 issues print their name in red, 期号, 编印单位 and date, then a
red rule): the leading lines are taken as a 版头 up to the red rule or the last line with such a mark.
Red or large lines without such a mark are a 版头 only over a headline that stands out (centred or a title
style, at least 16 pt, larger than the body), so that a red first-line title of an ordinary document, or
one over a byline, stays its title. The headline is the first Title- or
Heading 1-styled paragraph after the 版头, else its largest centred paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

import lxml.etree as ET

from .looks import Look, Looks
from .wordxml import ppr_of, q
from .zhdates import DATE_LINE, FoundDate, first_date, is_date_line

WINDOW = 24  # body elements looked at; a 版头 never runs longer
LARGE = 26.0  # points: 一号 and larger is masthead type, headlines are 二号 (22 pt)
HEADLINE_STYLE = "BaosongHeadline"  # style id given to the headline; convert.py maps it to the title

_NUM = r"[\d一二三四五六七八九十百〇零○]"
ISSUE = re.compile(rf"(?:^|(?<=[\s(（〔\[]))(?:\d{{4}}\s*年\s*)?(?:总\s*)?第\s*{_NUM}+\s*期(?=$|[\s)）〕\](（])")
DOC_NUMBER = re.compile(r"\S{1,12}?\s*[〔［\[【(（]\s*(?:19|20)\d{2}\s*[〕］\]】)）]\s*第?\s*\d{1,4}\s*号")
_EDITOR_WORD = r"(?:编印|编发|印发|主办|主编|编辑|编)"
_ORG = r"(?:室|办|委|府|部|组|站|所|局|中心|处|科|队|会|社)"
EDITOR = re.compile(rf"^{_EDITOR_WORD}(?:单位)?\s*[:：]|^.{{2,30}}{_ORG}\s*(?:编印|编发|印发|主办|编)\s*$")
EDITOR_WITH_DATE = re.compile(rf"{_EDITOR_WORD}")
URGENCY = re.compile(r"(?:特急|加急|特提|平急|急件)(?:\s*[·・]\s*\d+\s*小时)?")
SECRECY = re.compile(r"(?:绝密|机密|秘密)\s*[★☆*＊]|密\s*级\s*[:：]|保密期限|内部资料|内部刊物|注意保存")
COPY_NUMBER = re.compile(r"\d{6}")  # 份号: six Arabic digits (GB/T 9704 §7.2.1)
SIGNER = re.compile(r"签\s*发\s*人\s*[:：]")
_SENTENCE_END = "。！？；;!?"


@dataclass
class Masthead:
    """The 版头 taken out of a document: its lines as shown, and what the notes offer to the reporter."""

    lines: list[str]
    issue: str = ""  # 第48期
    date: FoundDate | None = None  # the 编印 / 印发 date
    doc_number: str = ""  # 勐政发〔2026〕12号
    urgency: str = ""
    texts: list[str] = field(default_factory=list)  # every line, for the scanners


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _strong(look: Look) -> bool:
    t = _norm(look.text)
    if not t or len(t) > 60:
        return False
    return bool(
        ISSUE.search(t)
        or _doc_number_line(t)
        or EDITOR.search(t)
        or (EDITOR_WITH_DATE.search(t) and DATE_LINE.search(t) and not is_date_line(t))
        or URGENCY.fullmatch(t.replace(" ", ""))
        or SECRECY.search(t)
        or COPY_NUMBER.fullmatch(t)
        or SIGNER.match(t)
    )


def _doc_number_line(t: str) -> bool:
    """勐政发〔2026〕12号 as a line of its own (or beside 签发人), not inside a title that cites it."""
    m = DOC_NUMBER.search(t)
    if m is None:
        return False
    rest = (t[: m.start()] + t[m.end() :]).strip()
    return len(rest) <= 2 or bool(SIGNER.search(rest))


def _masthead_like(look: Look) -> bool:
    t = _norm(look.text)
    if not t:
        return True  # empty lines and rule-only lines
    if len(t) > 60 or t[-1] in _SENTENCE_END:
        return False
    return _strong(look) or look.red or look.size >= LARGE or _dated(t) or look.rule


def _dated(t: str) -> bool:
    """A short line with a full date and no sentence in it: 勐往乡人民政府办公室    2026年11月20日."""
    return bool(DATE_LINE.search(t)) and len(t) <= 50 and not re.search(r"[，,。；;！？]", t)


def _body_like(look: Look) -> bool:
    t = _norm(look.text)
    return len(t) > 60 or (len(t) > 20 and t[-1:] in _SENTENCE_END + "，,：:")


def find(body: ET._Element, looks: Looks, today: date) -> tuple[Masthead | None, ET._Element | None]:
    """The 版头 (removed from ``body``) and the headline element (moved to the top, styled), when there is one."""
    elements = [el for el in body if el.tag in (q("w:p"), q("w:tbl"))][:WINDOW]
    seen = [looks.of(el) for el in elements]
    end = _end(seen)
    if not end:
        return None, None
    headline = _headline(seen, end)
    strong = any(_strong(look) for look in seen[:end])
    if headline is None and not strong:
        return None, None  # only red or large lines and a rule: an ordinary title, not a 版头
    if not strong and not _stands_out(seen, end, headline):
        return None, None  # a red or large first line over an ordinary paragraph (or a byline) is the title itself
    masthead = _describe(seen[:end], today)
    for el in elements[:end]:
        body.remove(el)
    if headline is None:
        return masthead, None
    top = elements[headline]
    _join_second_line(top, elements, seen, headline)
    first = next((el for el in body if el.tag in (q("w:p"), q("w:tbl"))), None)
    if first is not None and first is not top:
        first.addprevious(top)
    _style_as_headline(top)
    return masthead, top


def _end(seen: list[Look]) -> int:
    """How many leading elements form the 版头 (0: none)."""
    prefix = 0
    while prefix < len(seen) and _masthead_like(seen[prefix]):
        prefix += 1
    strong_end = max((i + 1 for i in range(prefix) if _strong(seen[i])), default=0)
    rule_end = 0
    for i in range(min(prefix + 1, len(seen))):
        if seen[i].rule:
            rule_end = i + 1
            break
    if rule_end and not strong_end and not any(s.red or s.size >= LARGE for s in seen[:rule_end]):
        rule_end = 0  # a bordered paragraph with nothing of a 版头 above it
    end = max(strong_end, rule_end)
    named = [s for s in seen[:prefix] if _norm(s.text)]
    if not end and 0 < len(named) <= 3 and all(s.red or s.size >= LARGE for s in named):
        end = prefix  # a red or large name alone: a 版头 only over a real headline (find checks)
    if end:  # the 编印 line without the word 编: an organ's name and the date, under the other marks
        end = max([end] + [i + 1 for i in range(prefix) if _dated(_norm(seen[i].text))])
    while end < len(seen) and not _norm(seen[end].text) and seen[end].rule:
        end += 1  # the rule on its own line just below
    return end


def _stands_out(seen: list[Look], end: int, headline: int) -> bool:
    """A headline set like one: centred or a title style, at least 16 pt and larger than the body under it."""
    look = seen[headline]
    body = next((s for s in seen[headline + 1 :] if _body_like(s)), None)
    body_size = body.size if body is not None else 0.0
    masthead = max(s.size for s in seen[:end])
    return look.size >= 16 and look.size > body_size and (look.size < masthead or not look.red)


def _headline(seen: list[Look], start: int) -> int | None:
    """Index of the headline after the 版头: first Title/Heading 1 paragraph, else the largest centred one."""
    window: list[int] = []
    for i in range(start, len(seen)):
        if _body_like(seen[i]):
            break
        if _norm(seen[i].text):
            window.append(i)
        if len(window) >= 6:
            break
    styled = [i for i in window if seen[i].title_style]
    if styled:
        return styled[0]
    centred = [i for i in window if seen[i].centred and not _norm(seen[i].text).startswith(("——", "--", "—"))]
    if not centred:
        return None
    return max(centred, key=lambda i: (seen[i].size, -i))


def _join_second_line(top: ET._Element, elements, seen: list[Look], i: int) -> None:
    """A headline set on two centred paragraphs of the same size becomes one paragraph."""
    if i + 1 >= len(elements) or top.tag != q("w:p"):
        return
    nxt, look = elements[i + 1], seen[i + 1]
    t = _norm(look.text)
    if (
        nxt.tag == q("w:p")
        and look.centred
        and look.size == seen[i].size
        and t
        and t[-1] not in _SENTENCE_END + "，,：:"
        and not t.startswith(("——", "—", "--"))
        and len(_norm(seen[i].text)) + len(t) <= 60
    ):
        for run in [r for r in nxt if r.tag == q("w:r")]:
            top.append(run)
        nxt.getparent().remove(nxt)


def _style_as_headline(p: ET._Element) -> None:
    if p.tag != q("w:p"):
        return
    ppr = ppr_of(p)
    style = ppr.find(q("w:pStyle"))
    if style is None:
        style = ET.Element(q("w:pStyle"))
        ppr.insert(0, style)
    style.set(q("w:val"), HEADLINE_STYLE)


def _describe(lines: list[Look], today: date) -> Masthead:
    texts = [look.text for look in lines if look.text.strip()]
    m = Masthead(lines=[" ".join(t.split()) for t in texts if not re.fullmatch(r"[-—_━─═=＝~～·★☆\s]+", t)])
    m.texts = texts
    for t in (_norm(x) for x in texts):
        if not m.issue and (found := ISSUE.search(t)):
            m.issue = re.sub(r"\s+", "", found.group(0))
        if not m.doc_number and (found := DOC_NUMBER.search(t)):
            m.doc_number = re.sub(r"\s+", "", found.group(0))
        if not m.urgency and URGENCY.fullmatch(t.replace(" ", "")):
            m.urgency = t.replace(" ", "")
        if m.date is None and DATE_LINE.search(t):
            m.date = first_date(t, today)
    return m
