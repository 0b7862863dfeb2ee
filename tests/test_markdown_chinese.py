"""Inline marks work between Chinese characters, which have no spaces between words."""

from __future__ import annotations

import pytest
import yaml

from baosong.scan.markdown_setup import CONFIGS, make_markdown
from helpers_site import REPO


@pytest.mark.parametrize(
    ("body", "html"),
    [
        ("这是~~删除线~~测试", "这是<del>删除线</del>测试"),  # Word strikethrough as the importer writes it
        ("这是==标记==测试", "这是<mark>标记</mark>测试"),
        ("这是^^插入^^测试", "这是<ins>插入</ins>测试"),
        ("H~2~O 和 x^2^", "H<sub>2</sub>O 和 x<sup>2</sup>"),
    ],
)
def test_marks_between_chinese_characters(body, html):
    assert make_markdown().convert(body) == f"<p>{html}</p>"


def test_mkdocs_yml_uses_the_same_mark_settings():
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nvalidation:")[0])
    listed = {}
    for entry in config["markdown_extensions"]:
        listed.update(entry if isinstance(entry, dict) else {entry: None})
    for name in ("pymdownx.tilde", "pymdownx.caret", "pymdownx.mark"):
        assert listed[name] == CONFIGS[name], name
