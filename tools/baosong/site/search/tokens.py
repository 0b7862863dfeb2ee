"""The one tokenizer rule of the search index; ``assets/search.js`` mirrors it character for character.

Text is normalised with NFKC and lower-cased. Runs of CJK characters (Han, kana, Hangul) are indexed
as every character (for one-character queries) and every overlapping pair of characters (bigrams), so
any substring of two or more characters of a run is found by AND-ing its bigrams, without a word
segmenter in the browser. Runs of Latin, Greek, Cyrillic letters and digits are indexed as whole
lower-cased words. Everything else (spaces, punctuation, symbols) separates runs.
"""

from __future__ import annotations

import re
import unicodedata

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\U00020000-\U0003134f"
ALNUM = "0-9a-z\u00b5\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u052f"
TOKEN = re.compile(f"([{CJK}]+)|([{ALNUM}]+)")
_BIGRAM = re.compile(f"(?=([{CJK}]{{2}}))")
_NOT_CJK = re.compile(f"[^{CJK}]+")
_WORD = re.compile(f"[{ALNUM}]+")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def runs(text: str) -> list[tuple[str, str]]:
    """(cjk, alnum) pairs, one of them empty, for the runs of normalised ``text``."""
    return TOKEN.findall(normalize(text))


def terms(text: str) -> set[str]:
    """Every index term of ``text``: CJK characters and bigrams, lower-cased alphanumeric words.

    Three regular-expression passes over the whole text (no loop over runs): this is the hot spot of a build.
    """
    norm = normalize(text)
    found = set(_BIGRAM.findall(norm))
    found.update(_NOT_CJK.sub("", norm))
    found.update(_WORD.findall(norm))
    return found


def query_terms(word: str) -> list[str]:
    """The terms a query word (one run) needs, all of which a matching item has."""
    if len(word) >= 2 and TOKEN.fullmatch(word).group(1):
        return [word[i : i + 2] for i in range(len(word) - 1)]
    return [word]


def query_words(query: str) -> list[str]:
    """Distinct runs of a query in order: each must occur in an item for it to match."""
    words: list[str] = []
    for cjk, word in runs(query):
        run = cjk or word
        if run not in words:
            words.append(run)
    return words
