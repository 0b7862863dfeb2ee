"""Generated pages: every builder yields pages made from the repository, never from raw files.

A builder is registered with ``@page_builder`` and called once per build with a ``SiteContext``.
Content is Markdown produced by our own Jinja templates (``render``): every value that came from a
reporter or the office is escaped by the template engine, so a builder never concatenates HTML.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass
class GeneratedPage:
    uri: str  # source path in the virtual docs tree, e.g. "tongbao/2026Q3.md"
    title: str
    content: str  # Markdown (may hold block HTML rendered by our templates)
    nav_section: str | None = None  # listed in this nav section, or None (reachable by links only)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class SiteContext:
    repo: Any  # baosong.checks.repository.Repository
    config: Any = None  # mkdocs config (None outside a build)
    extra: dict[str, Any] = field(default_factory=dict)  # shared, computed-once data between builders

    def render(self, template: str, **values) -> str:
        return environment().get_template(template).render(ctx=self, **values)


Builder = Callable[[SiteContext], Iterable[GeneratedPage]]
PAGE_BUILDERS: list[Builder] = []


def page_builder(fn: Builder) -> Builder:
    PAGE_BUILDERS.append(fn)
    return fn


def in_build_process(fn: Builder) -> Builder:
    """Run this builder in the build process: its pages cost less to make than to send back from a worker."""
    fn.baosong_local = True
    return fn


def is_local(fn: Builder) -> bool:
    return getattr(fn, "baosong_local", False)


_ENV: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            autoescape=True,  # every template escapes: reporters' text is never markup
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        from ..urls import link

        _ENV.globals["link"] = link
        _ENV.filters["html_block"] = html_block
    return _ENV


# --- HTML blocks kept out of Markdown ------------------------------------------------------------------
# Our templates write tables, pagers and charts as HTML. Python-Markdown and MkDocs would each parse that
# HTML again only to pass it through (a third of a listing page's cost, and circulars carry 300 KB of
# SVG): the plugin swaps each block for a placeholder before MkDocs reads the page and puts it back in
# the converted HTML. Only template output is marked, and item bodies are never split. A placeholder
# carries a random nonce drawn for each build (``new_nonce``): text a reporter or the office typed
# (a title, a request's title) cannot name one, and an index with no block is left as it is.
BLOCK_OPEN, BLOCK_CLOSE = "<!--bs:html-->", "<!--/bs:html-->"
_MARKER = re.compile(re.escape(BLOCK_OPEN) + "|" + re.escape(BLOCK_CLOSE))


def new_nonce() -> str:
    """A fresh placeholder nonce (16 hex digits from ``secrets``), one per build."""
    return secrets.token_hex(8)


PROCESS_NONCE = new_nonce()


def placeholder(nonce: str, index: int) -> str:
    return f"bshtmlblock{nonce}x{index}z"


@functools.lru_cache(maxsize=8)
def _placeholder_pattern(nonce: str) -> re.Pattern:
    return re.compile(rf"<p>bshtmlblock{re.escape(nonce)}x(\d+)z</p>|bshtmlblock{re.escape(nonce)}x(\d+)z")


def html_block(html) -> Markup:
    """Jinja filter: mark our own rendered HTML as a block Markdown need not read."""
    return Markup(BLOCK_OPEN) + html + Markup(BLOCK_CLOSE)  # a plain string is escaped, as anywhere


def split_blocks(content: str, nonce: str | None = None) -> tuple[str, list[str]]:
    """(Markdown with a placeholder paragraph per outermost block, the blocks' HTML).

    ``nonce``: the build's (``new_nonce``); default: one drawn when this module was loaded.
    """
    nonce = nonce or PROCESS_NONCE
    if BLOCK_OPEN not in content:
        return content, []
    out, blocks, depth, start, last = [], [], 0, 0, 0
    for m in _MARKER.finditer(content):
        if m.group() == BLOCK_OPEN:
            if depth == 0:
                out.append(content[last : m.start()])
                start = m.end()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                blocks.append(_MARKER.sub("", content[start : m.start()]))
                out.append(f"\n\n{placeholder(nonce, len(blocks) - 1)}\n\n")
                last = m.end()
    if depth:  # unbalanced (never made by our templates): leave the text as it was
        return _MARKER.sub("", content), []
    out.append(content[last:])
    return "".join(out), blocks


def join_blocks(html: str, blocks: list[str], nonce: str | None = None) -> str:
    """The converted page with each placeholder replaced by its block (one with no block stays as it is)."""
    if not blocks:
        return html
    nonce = nonce or PROCESS_NONCE

    def put(m: re.Match) -> str:
        index = int(m.group(1) or m.group(2))
        return blocks[index] if index < len(blocks) else m.group()

    return _placeholder_pattern(nonce).sub(put, html)
