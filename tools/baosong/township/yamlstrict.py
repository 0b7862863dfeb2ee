"""Strict YAML: every scalar is text, no anchors, aliases, tags or duplicate keys.

Built on libyaml's event stream (``yaml.parse`` with ``CBaseLoader``) so that a refused
construct is seen before anything is expanded: an alias bomb never gets a chance to grow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
MAX_DEPTH = 20  # front matter and ledgers are shallow; deep nesting is an attack on the recursion
_MAY_REFUSE = re.compile(r"[&*!]")
MAX_FLOW = 64  # libyaml composes recursively in C: deep [[[[ would crash it, so those take the event path


@dataclass
class Node:
    """A YAML value with the 1-based line it starts on."""

    value: str | list[Node] | dict[str, Node]
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)

    def plain(self):
        """The value as str / list / dict, lines dropped."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


@dataclass(frozen=True)
class YamlProblem:
    """Why a document was refused or partly ignored: ``kind`` is syntax | refused | duplicate | key."""

    kind: str
    line: int | None
    detail: str


@dataclass
class Parsed:
    root: Node | None
    problems: list[YamlProblem]

    @property
    def fatal(self) -> bool:
        return any(p.kind in ("syntax", "refused") for p in self.problems)


def _line(event, line_offset: int) -> int:
    return event.start_mark.line + 1 + line_offset


def _from_node(node, line_offset: int, problems: list[YamlProblem], depth: int = 0) -> Node:
    """libyaml's composed node tree → Node (the fast path: no anchors, aliases or tags can be in it)."""
    line = node.start_mark.line + 1 + line_offset
    if isinstance(node, yaml.ScalarNode):
        return Node(node.value, line)
    if depth >= MAX_DEPTH:
        raise _TooDeep(line)
    if isinstance(node, yaml.SequenceNode):
        return Node([_from_node(n, line_offset, problems, depth + 1) for n in node.value], line)
    mapping: dict[str, Node] = {}
    key_lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + line_offset
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(YamlProblem("key", key_line, "complex key"))
            continue
        if key_node.value in mapping:
            problems.append(YamlProblem("duplicate", key_line, key_node.value))
            continue  # the first value wins, the reporter is told about the second
        mapping[key_node.value] = _from_node(value_node, line_offset, problems, depth + 1)
        key_lines[key_node.value] = key_line
    return Node(mapping, line, key_lines)


def _flow_too_deep(text: str) -> int | None:
    """The line where [ / { nesting passes MAX_DEPTH, found by counting before libyaml sees it.

    libyaml takes quadratic time on deep flow nesting (100,000 [ took a minute): refuse it first.
    Brackets inside quotes are counted too, which only ever refuses absurd text.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for i, ch in enumerate(text):
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, i) + 1
        elif ch in "]}" and depth:
            depth -= 1
    return None


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


def parse(text: str, line_offset: int = 0) -> Parsed:
    """Parse one YAML document strictly; ``line_offset`` shifts lines to the enclosing file."""
    problems: list[YamlProblem] = []
    deep = _flow_too_deep(text)
    if deep is not None:
        return Parsed(None, [YamlProblem("syntax", deep + line_offset, "nested too deeply")])
    if not _MAY_REFUSE.search(text) and text.count("[") + text.count("{") <= MAX_FLOW:
        # Fast path (libyaml composes in C): without & * ! nothing can be an anchor, alias or tag.
        try:
            node = yaml.compose(text, Loader=Loader)
            root = None if node is None else _from_node(node, line_offset, problems)
            return Parsed(root, problems)
        except _TooDeep as exc:
            return Parsed(None, [YamlProblem("syntax", exc.line, "nested too deeply")])
        except yaml.composer.ComposerError as exc:
            if "single document" in str(exc.problem):
                mark = exc.problem_mark
                return Parsed(None, [YamlProblem("syntax", mark.line + 1 + line_offset, "more than one document")])
        except yaml.YAMLError:
            pass  # the event path below reports the error with its careful line numbers
    try:
        events = list(yaml.parse(text, Loader=Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # An unclosed [ { or quote, or a key without a colon, is noticed a line later: point at where it began.
        if exc.context_mark and exc.context and ("scanning a" in exc.context or "flow" in exc.context):
            mark = exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        detail = str(exc.problem or exc.context or "")
        if exc.problem_mark and _char_at(text, exc.problem_mark) == "\t":
            detail = "tab " + detail  # libyaml does not name the tab it stopped at
        elif exc.problem_mark and _QUOTE_THEN_TEXT.match(_line_at(text, exc.problem_mark.line)):
            detail = "quoted start " + detail  # title: "两不愁"工作推进会
        return Parsed(None, [YamlProblem("syntax", line, detail)])
    except yaml.reader.ReaderError as exc:  # a control character: libyaml gives a byte offset, not a mark
        line = text.encode("utf-8", "surrogatepass")[: exc.position].count(b"\n") + 1 + line_offset
        return Parsed(None, [YamlProblem("syntax", line, str(exc.reason))])
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks, kept for safety
        return Parsed(None, [YamlProblem("syntax", None, str(exc))])

    for ev in events:
        if isinstance(ev, yaml.AliasEvent):
            problems.append(YamlProblem("refused", _line(ev, line_offset), "alias"))
        elif getattr(ev, "anchor", None):
            problems.append(YamlProblem("refused", _line(ev, line_offset), "anchor"))
        elif getattr(ev, "tag", None) and not _implicit(ev):
            problems.append(YamlProblem("refused", _line(ev, line_offset), "tag"))
    depth = 0
    for ev in events:
        if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return Parsed(None, [YamlProblem("syntax", _line(ev, line_offset), "nested too deeply")])
        elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    docs = sum(isinstance(ev, yaml.DocumentStartEvent) for ev in events)
    if docs > 1:
        second = [ev for ev in events if isinstance(ev, yaml.DocumentStartEvent)][1]
        problems.append(YamlProblem("syntax", _line(second, line_offset), "more than one document"))
    if any(p.kind in ("syntax", "refused") for p in problems):
        return Parsed(None, problems)

    pos = 0
    root: Node | None = None

    def build() -> Node:
        nonlocal pos
        ev = events[pos]
        pos += 1
        line = _line(ev, line_offset)
        if isinstance(ev, yaml.ScalarEvent):
            return Node(ev.value, line)
        if isinstance(ev, yaml.SequenceStartEvent):
            items = []
            while not isinstance(events[pos], yaml.SequenceEndEvent):
                items.append(build())
            pos += 1
            return Node(items, line)
        # MappingStartEvent
        mapping: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        while not isinstance(events[pos], yaml.MappingEndEvent):
            key_ev = events[pos]
            key_node = build()
            value = build()
            if not isinstance(key_node.value, str):
                problems.append(YamlProblem("key", _line(key_ev, line_offset), "complex key"))
                continue
            key = key_node.value
            if key in mapping:
                problems.append(YamlProblem("duplicate", key_node.line, key))
                continue  # the first value wins, the reporter is told about the second
            mapping[key] = value
            key_lines[key] = key_node.line
        pos += 1
        return Node(mapping, line, key_lines)

    while pos < len(events):
        ev = events[pos]
        if isinstance(ev, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            root = build()
        else:
            pos += 1
    return Parsed(root, problems)


_QUOTE_THEN_TEXT = re.compile(r"""^\s*[^:#]+:\s+(["'])[^"']*\1\s*[^\s#]""")


def _line_at(text: str, index: int) -> str:
    lines = text.split("\n")
    return lines[index] if 0 <= index < len(lines) else ""


def _char_at(text: str, mark) -> str:
    line = _line_at(text, mark.line)
    return line[mark.column] if 0 <= mark.column < len(line) else ""


def _implicit(ev) -> bool:
    implicit = getattr(ev, "implicit", None)
    if isinstance(implicit, tuple):
        return any(implicit)
    return bool(implicit)


_EXPLAIN = (
    ("quoted start", "值以引号开头时，整个值都要在引号里：请去掉开头的引号，或用单引号把整个值括起来"),
    ("mapping values are not allowed", "这一行多了一个冒号，或缩进不对；值里有英文冒号时请用引号把值括起来"),
    ("could not find expected ':'", "缺少冒号"),
    ("did not find expected key", "缩进不对或缺少“字段名:”"),
    ("did not find expected ',' or ']'", "列表缺少逗号或右方括号 ]"),
    ("did not find expected ',' or '}'", "缺少逗号或右花括号 }"),
    ("found unexpected end of stream", "引号或括号没有闭合"),
    ("tab", "用了制表符（Tab），请改用空格"),
    ("cannot start any token", "有不能放在开头的字符（如 @ ` % 等），请用引号把值括起来"),
    ("found unknown escape character", "双引号里有无效的反斜杠，请改用单引号或去掉反斜杠"),
    ("control characters are not allowed", "有看不见的控制字符，请重新输入这一行"),
    ("more than one document", "信息栏里多了一行 ---"),
    ("nested too deeply", "嵌套层次太深"),
    ("did not find expected node content", "这里缺少值"),
    ("block sequence entries are not allowed", "列表写法不对：请写成 [词一, 词二]"),
)


def explain(detail: str) -> str:
    """A libyaml problem in plain Chinese (the reporter never sees libyaml's English)."""
    low = detail.lower()
    for needle, words in _EXPLAIN:
        if needle in low:
            return words
    return "YAML 语法错误"
