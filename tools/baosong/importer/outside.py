"""Text that is read but not imported (版头, 页眉, 页脚), put through the same scanners as an item's body.

The importer leaves these out of the body, so validation never sees them; they are scanned here with
validate's S02–S07 finders, severities (rules.yaml ``scan.scanners``) and ``scan.allow``, and each hit is
reported with where it was ("页脚里有手机号"). Excerpts are the scanners' own, masked for numbers.
A 密级 or 内部资料 mark (S02) anywhere refuses the import: such material may not be reported at all (SPEC S02).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..checks.sensitive import allowed
from ..report.catalogue import CATALOGUE
from ..scan.markings import find_drafts, find_markings
from ..scan.numbers import allowed_digits, find_numbers
from ..scan.text import Hit, ScanText, normalise
from ..scan.words import DEFAULT_WORDS, find_words
from ..township.rules import OFF, Rules
from .source import ImportRefused

CODES = ("S02", "S03", "S04", "S05", "S06", "S07")


@dataclass(frozen=True)
class OutsideHit:
    place: str  # 版头 | 页眉 | 页脚
    code: str
    severity: str
    excerpt: str
    advice: str = ""

    @property
    def message(self) -> str:
        what = CATALOGUE[self.code].title.removeprefix("正文中有")
        shown = f"“{self.excerpt}”" if self.code in ("S02", "S06", "S07") else f"（{self.excerpt}）"
        return f"{self.place}里有{what}{shown}：{self.place}没有导入报送文件，不会发布；原 Word 文档不要上传或外传"


def _refusal(place: str, mark: str) -> str:
    """S02's message for a mark outside the body: a 密级 mark means 保密规定; an internal-use mark can be lifted."""
    head = f"{place}里有密级或内部资料标志“{mark}”：带这类标志的材料不能通过本系统报送，没有导入；"
    if any(word in mark for word in ("密", "★", "☆")):
        return head + "涉密材料请按保密规定办理，绝不能通过本系统报送（S02）。"
    return (
        head + f"经单位负责人审定可以公开的，请在 Word 里删去{place}里的这个标志后再导入，否则按内部资料管理（S02）。"
    )


def _hits(st: ScanText, rules: Rules, today: date) -> list[Hit]:
    hits = find_markings(st) + find_drafts(st)
    hits += find_numbers(st, today, allowed_digits(rules.scan.allow))
    hits += find_words(st, rules.scan.words or DEFAULT_WORDS)
    return hits


def scan(places: list[tuple[str, str]], rules: Rules, today: date) -> list[OutsideHit]:
    """Hits in ``places`` ((place, text) pairs), one per place, code and excerpt; ImportRefused on an S02 mark."""
    allow = [normalise(a) for a in rules.scan.allow if a.strip()]
    out: list[OutsideHit] = []
    seen = set()
    for place, raw in places:
        if not raw.strip():
            continue
        st = ScanText.of(raw, 1)
        for hit in _hits(st, rules, today):
            severity = hit.severity or rules.scan.level(hit.code, CATALOGUE[hit.code].severity)
            if severity == OFF or allowed(st.text, hit, allow) or (place, hit.code, hit.excerpt) in seen:
                continue
            seen.add((place, hit.code, hit.excerpt))
            if hit.code == "S02":
                raise ImportRefused(_refusal(place, hit.excerpt))
            out.append(OutsideHit(place, hit.code, severity, hit.excerpt, hit.advice))
    return out
