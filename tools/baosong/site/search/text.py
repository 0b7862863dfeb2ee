"""Plain text of an item for the search index: from the rendered (already sanitised) HTML of its page,
or from its Markdown body."""

from __future__ import annotations

import html
import re

_DROP = re.compile(r"<(script|style|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
BLOCK_TAG = re.compile(  # a tag that starts or ends a block: its text never runs on into the next block
    r"</?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|table|thead|tbody|tr|td|th|blockquote|pre|section|article"
    r"|details|summary|figure|figcaption|header|footer|nav|aside)\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]*>")
_PERMALINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.S | re.I)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_LINES = re.compile(r"\s*\n\s*")


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment; blocks become line breaks so words of two blocks never join."""
    text = _PERMALINK.sub("", _DROP.sub(" ", markup))
    text = _TAG.sub("", BLOCK_TAG.sub("\n", text))
    text = _SPACE.sub(" ", html.unescape(text))
    return _LINES.sub("\n", text).strip()


def markdown_to_text(source: str) -> str:
    """Plain text of a Markdown body, rendered with the site's own Markdown set-up."""
    from ...scan.markdown_setup import make_markdown

    return html_to_text(make_markdown().convert(source))
