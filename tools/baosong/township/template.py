"""The reporter's template (site_config/templates/submission.md) and filling it in."""

from __future__ import annotations

import json
import re
from pathlib import Path

TEMPLATE_FILE = "site_config/templates/submission.md"
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#:]*")
_LINE = re.compile(r"^(#\s*)?([A-Za-z_]+):[ \t]*(.*?)([ \t]+#.*)?$")


def yaml_scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value`` with the strict text-only reader."""
    if value and _PLAIN.fullmatch(value) and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)


def yaml_value(value) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_scalar(str(v)) for v in value) + "]"
    return yaml_scalar(str(value))


def load_template(root: Path) -> str:
    path = Path(root) / TEMPLATE_FILE
    if path.is_file() and not path.is_symlink():
        return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    return _DEFAULT


def fill(template: str, values: dict, body: str | None = None) -> str:
    """Put ``values`` into the template's front-matter lines (a commented key is uncommented)."""
    lines = template.split("\n")
    end = lines.index("---", 1) if lines and lines[0] == "---" and "---" in lines[1:] else None
    if end is None:
        return template
    done = set()
    for i in range(1, end):
        m = _LINE.match(lines[i])
        if m and m.group(2) in values:
            key = m.group(2)
            comment = m.group(4) or ""
            lines[i] = f"{key}: {yaml_value(values[key])}{comment}"
            done.add(key)
    extra = [f"{k}: {yaml_value(v)}" for k, v in values.items() if k not in done]
    lines[end:end] = extra
    text = "\n".join(lines)
    if body is not None:
        head, _, _ = text.partition("\n---\n")
        text = f"{head}\n---\n{body.rstrip()}\n"
    return text


_DEFAULT = """---
title: 在这里写标题
unit: 单位代号
reporter: 信息员姓名
reviewed_by: 审核人姓名
date: 2026-01-01
event_date: 2026-01-01
type: 动态
category: 部署落实
sensitivity: 公开
tags: []
---
在这里写正文。
"""
