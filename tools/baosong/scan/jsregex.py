"""Python ``re`` patterns rewritten for JavaScript, so the browser scanners (issue 16) run the same rules.

The scanners' regexes stay the one source; ``to_js(pattern, flags)`` rewrites each for a JavaScript
``RegExp`` with the ``u`` flag so it matches exactly what Python matches on the same (normalised) text:

- ``\\d`` and ``\\s`` mean Python's sets (every Unicode decimal digit, category Nd; ``str.isspace``), not the
  browser's: they become placeholders that ``scan.js`` expands from ``classes`` (ranges computed here).
- ``^`` ``$`` ``.`` ``\\A`` ``\\Z`` follow Python (only ``\\n`` ends a line; without MULTILINE ``$`` also
  matches before a final line feed), written as lookarounds.
- ``re.IGNORECASE``: each cased letter becomes the class of every character Python's ``re`` matches with it
  (``i`` also matches ``İ`` and ``ı``); the browser's own case folding is never used.
- Literals are written as ``\\u{…}`` where JavaScript would read them otherwise.

Anything else (named groups, backreferences, ``\\b``, ``\\w``, inline flags, other flags) raises
``Unsupported``: the exporter fails at build time rather than ship a rule that differs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

# Placeholders scan.js expands (private-use characters never written raw in an exported source).
DIGIT, DIGIT_IN, NOT_DIGIT = "\ue000", "\ue001", "\ue002"
SPACE, SPACE_IN, NOT_SPACE = "\ue003", "\ue004", "\ue005"
SYNTAX = set("^$\\.*+?()[]{}|/")
CLASS_SYNTAX = set("\\]-[^")
QUANTIFIER = re.compile(r"\{(\d*)(,?)(\d*)\}")
SIMPLE_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
ALLOWED_FLAGS = re.IGNORECASE | re.MULTILINE | re.UNICODE | re.DOTALL


class Unsupported(ValueError):
    """A construct the exporter does not rewrite (name it in the message)."""


@dataclass(frozen=True)
class JsPattern:
    source: str  # for ``new RegExp(expand(source), flags)``
    flags: str = "u"

    def as_dict(self) -> dict:
        return {"source": self.source, "flags": self.flags}


# Planes that hold every format character (Cf), decimal digit (Nd), combining mark and cased letter:
# the Basic and Supplementary Multilingual Planes and plane 14 (tags). A test checks this on the whole range.
PLANES = (0, 1, 14)


def ranges_of(predicate, planes: tuple[int, ...] = PLANES) -> list[tuple[int, int]]:
    """Code point ranges ``(first, last)`` of the characters of ``planes`` for which ``predicate(ch)`` holds."""
    out: list[tuple[int, int]] = []
    for plane in planes:
        start = last = None
        for code in range(plane << 16, (plane + 1) << 16):
            if predicate(chr(code)):
                if start is None:
                    start = code
                last = code
            elif start is not None:
                out.append((start, last))
                start = None
        if start is not None:
            out.append((start, last))
    return out


def ranges_of_chars(chars: str) -> list[tuple[int, int]]:
    """``chars`` as sorted code point ranges."""
    out: list[tuple[int, int]] = []
    for code in sorted({ord(c) for c in chars}):
        if out and out[-1][1] == code - 1:
            out[-1] = (out[-1][0], code)
        else:
            out.append((code, code))
    return out


def class_body(ranges: list[tuple[int, int]]) -> str:
    """The inside of a JavaScript ``u`` character class holding ``ranges``."""
    return "".join(f"\\u{{{a:x}}}" if a == b else f"\\u{{{a:x}}}-\\u{{{b:x}}}" for a, b in ranges)


@cache
def digit_ranges() -> list[tuple[int, int]]:
    """What Python's ``\\d`` matches in a str pattern: category Nd."""
    return ranges_of(lambda c: unicodedata.category(c) == "Nd")


@cache
def space_ranges() -> list[tuple[int, int]]:
    """What Python's ``\\s`` matches in a str pattern: ``str.isspace``."""
    return ranges_of(str.isspace, (0,))  # no whitespace outside the Basic Multilingual Plane


def classes() -> dict[str, str]:
    """The placeholder expansions scan.js needs: ``{"digit": class body, "space": class body}``."""
    return {"digit": class_body(digit_ranges()), "space": class_body(space_ranges())}


@cache
def _lower_index() -> dict[int, list[int]]:
    """Simple lowercase (as ``re`` folds) → the cased characters of planes 0 and 1 that fold to it."""
    import _sre

    index: dict[int, list[int]] = {}
    for code in range(0x20000):
        low = _sre.unicode_tolower(code)
        if low != code or _sre.unicode_iscased(code):
            index.setdefault(low, []).append(code)
    return index


def _ignorecase_class(ch: str) -> str | None:
    """Every character ``re.IGNORECASE`` matches with ``ch``, as a class body; None when ``ch`` is uncased."""
    import _sre

    code = ord(ch)
    if not _sre.unicode_iscased(code):
        return None
    candidates = set(_lower_index().get(_sre.unicode_tolower(code), [])) | {code}
    try:
        from re._casefix import _EXTRA_CASES  # Python's own extra folds (ı, ſ, ...)
    except ImportError:  # pragma: no cover - older Pythons list them elsewhere
        _EXTRA_CASES = {}
    for c in list(candidates):
        candidates.update(_EXTRA_CASES.get(_sre.unicode_tolower(c), ()))
    same = re.compile(re.escape(ch), re.IGNORECASE)
    chosen = sorted(c for c in candidates if same.fullmatch(chr(c)))
    return "".join(_literal(chr(c), True) for c in chosen)


def _literal(ch: str, in_class: bool) -> str:
    code = ord(ch)
    if code < 0x80:
        if ch.isalnum():
            return ch
        special = CLASS_SYNTAX if in_class else SYNTAX
        if ch in special:
            return "\\" + ch
        return ch if ch.isprintable() and ch != " " else f"\\u{{{code:x}}}"
    if ch.isprintable() and not ch.isspace() and unicodedata.category(ch) not in ("Co", "Cs"):
        return ch
    return f"\\u{{{code:x}}}"


def to_js(pattern: str, flags: int = 0) -> JsPattern:
    """``pattern`` (Python ``re`` syntax, str) and its ``flags`` → the same pattern for JavaScript.

    Raises ``Unsupported`` for a construct or flag it does not rewrite.
    """
    if flags & ~ALLOWED_FLAGS:
        raise Unsupported(f"flags {flags!r}")
    ignorecase = bool(flags & re.IGNORECASE)
    multiline = bool(flags & re.MULTILINE)
    dotall = bool(flags & re.DOTALL)
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            token, i = _escape(pattern, i, in_class=False)
            out.append(
                token if len(token) != 1 or token in (DIGIT, NOT_DIGIT, SPACE, NOT_SPACE) else _lit(token, ignorecase)
            )
            continue
        if ch == "[":
            token, i = _class(pattern, i, ignorecase)
            out.append(token)
            continue
        if ch == "(":
            if pattern.startswith("(?", i):
                for opener in ("(?:", "(?=", "(?!", "(?<=", "(?<!"):
                    if pattern.startswith(opener, i):
                        out.append(opener)
                        i += len(opener)
                        break
                else:
                    raise Unsupported(f"group {pattern[i : i + 5]!r} at {i}")
                continue
            out.append("(")
        elif ch in ")|*+?":
            out.append(ch)
        elif ch == "{":
            m = QUANTIFIER.match(pattern, i)
            if m and (m.group(1) or m.group(3)):
                out.append(f"{{{m.group(1) or '0'}{m.group(2)}{m.group(3)}}}")
                i = m.end()
                continue
            out.append("\\{")
        elif ch == "}":
            out.append("\\}")
        elif ch == ".":
            out.append("[\\s\\S]" if dotall else "[^\\n]")
        elif ch == "^":
            out.append("(?<![^\\n])" if multiline else "(?<![\\s\\S])")
        elif ch == "$":
            out.append("(?![^\\n])" if multiline else "(?=\\n?(?![\\s\\S]))")
        else:
            out.append(_lit(ch, ignorecase))
        i += 1
    return JsPattern("".join(out))


def _lit(ch: str, ignorecase: bool) -> str:
    if ignorecase:
        body = _ignorecase_class(ch)
        if body is not None:
            return f"[{body}]"
    return _literal(ch, False)


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int]:
    """The escape at ``pattern[i]`` (a backslash): a placeholder, a raw character, or a lookaround; new index."""
    if i + 1 >= len(pattern):
        raise Unsupported("trailing backslash")
    c = pattern[i + 1]
    if c == "d":
        return (DIGIT_IN if in_class else DIGIT), i + 2
    if c == "s":
        return (SPACE_IN if in_class else SPACE), i + 2
    if c in "DS":
        if in_class:
            raise Unsupported(f"\\{c} inside a class")
        return (NOT_DIGIT if c == "D" else NOT_SPACE), i + 2
    if c in "AZ" and not in_class:
        return ("(?<![\\s\\S])" if c == "A" else "(?![\\s\\S])"), i + 2
    if c in SIMPLE_ESCAPES:
        return SIMPLE_ESCAPES[c], i + 2
    for letter, width in (("x", 2), ("u", 4), ("U", 8)):
        if c == letter:
            digits = pattern[i + 2 : i + 2 + width]
            if len(digits) != width or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise Unsupported(f"escape {pattern[i : i + 2 + width]!r}")
            return chr(int(digits, 16)), i + 2 + width
    if c.isascii() and c.isalnum():
        raise Unsupported(f"escape \\{c}")
    return c, i + 2


def _class(pattern: str, i: int, ignorecase: bool) -> tuple[str, int]:
    """The character class starting at ``pattern[i]`` (``[``) → (JavaScript class, index after it)."""
    out = ["["]
    i += 1
    if pattern.startswith("^", i):
        out.append("^")
        i += 1
    first = True
    items: list[str] = []
    while i < len(pattern):
        ch = pattern[i]
        if ch == "]" and not first:
            break
        first = False
        if ch == "\\":
            token, i = _escape(pattern, i, in_class=True)
            if token in (DIGIT_IN, SPACE_IN):
                items.append(token)
                continue
            ch = token
        elif ch == "-" and items and i + 1 < len(pattern) and pattern[i + 1] != "]":
            items.append("-")
            i += 1
            continue
        else:
            i += 1
        if ignorecase and _ignorecase_class(ch) is not None and len(_ignorecase_class(ch)) > 1:
            raise Unsupported(f"cased letter {ch!r} in a class under IGNORECASE")
        items.append(_literal(ch, True))
    else:
        raise Unsupported("unterminated class")
    out.extend(items)
    out.append("]")
    return "".join(out), i + 1
