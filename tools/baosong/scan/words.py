"""S06: the office's word list (``scan.words`` in rules.yaml), each word with its own severity."""

from __future__ import annotations

import re

from ..report.severity import ERROR, WARNING
from ..township.rules import Word
from .text import Hit, ScanText, normalise

# Used when rules.yaml lists no words: phrases that mark material as not for publication. Ordinary words that also
# occur in harmless reports (病历, 住址, 未公开) are left to each office's own list.
DEFAULT_WORDS: tuple[Word, ...] = (
    Word("内部传阅", ERROR, "内部传阅的材料不能报送"),
    Word("不得外传", ERROR, "标明不得外传的材料不能报送"),
    Word("严禁外传", ERROR, "标明严禁外传的材料不能报送"),
    Word("请勿外传", ERROR, "标明请勿外传的材料不能报送"),
    Word("仅供领导参阅", ERROR, "供领导参阅的材料不能公开报送"),
    Word("未经审定", WARNING, "请先经单位负责人审定"),
    Word("未经核实", WARNING, "未经核实的情况请核实后再报"),
)


_last: list = [None, None]  # (the words tuple, its compiled form): rules are loaded once per run


def _compiled(words: tuple[Word, ...]) -> tuple[re.Pattern | None, dict[str, Word]]:
    if _last[0] is not words:
        _last[:] = [words, _compile(words)]
    return _last[1]


def _compile(words: tuple[Word, ...]) -> tuple[re.Pattern | None, dict[str, Word]]:
    by_text = {normalise(w.word): w for w in words if w.word.strip()}
    if not by_text:
        return None, {}
    ordered = sorted(by_text, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ordered)), by_text


def word_pattern(words: tuple[Word, ...]) -> tuple[re.Pattern | None, dict[str, Word]]:
    """The one alternation S06 searches (longest word first) and the words by normalised text (issue 16 exports it)."""
    return _compiled(words)


def find_words(st: ScanText, words: tuple[Word, ...]) -> list[Hit]:
    pattern, by_text = _compiled(words)
    if pattern is None or not any(w in st.text for w in by_text):
        return []
    hits = []
    for m in pattern.finditer(st.text):
        word = by_text[m.group()]
        hits.append(Hit("S06", m.start(), m.end(), word.word, word.severity, word.advice))
    return hits
