"""The Markdown extensions the site renders item bodies with: one list for mkdocs.yml and the validator.

The site plugin installs exactly this list (``apply_to_mkdocs``), and S08 renders bodies with it, so
what the validator judges is what readers get. Raw HTML is never wanted in a body; extensions
that could be turned against a reader (``md_in_html``, ``pymdownx.snippets`` reading files) are
left out on purpose.
"""

from __future__ import annotations

EXTENSIONS: list[str] = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.tasklist",
    "pymdownx.tilde",
    "pymdownx.caret",
    "pymdownx.mark",
]

CONFIGS: dict[str, dict] = {
    "toc": {"permalink": True, "permalink_title": "本节链接"},
    "pymdownx.tabbed": {"alternate_style": True},
    "pymdownx.highlight": {"anchor_linenums": False, "use_pygments": True},
    "pymdownx.tasklist": {"custom_checkbox": True},
    # Chinese has no spaces between words: the "smart" rules (a marker must sit at a word boundary) read
    # 这是~~删除线~~测试 as ~<sub>…</sub>~; Word's strikethrough, as the importer writes it, looks like that
    "pymdownx.tilde": {"smart_delete": False},
    "pymdownx.caret": {"smart_insert": False},
    "pymdownx.mark": {"smart_mark": False},
}


def make_markdown():
    """A Markdown converter configured exactly like the site's."""
    import markdown

    return markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=CONFIGS)
