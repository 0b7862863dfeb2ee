"""Item pages publish the HTML validation rendered (scan/store.py): bodies are never rendered by the build.

MkDocs' ``Page.render`` converts the Markdown and, in the same pass, makes links and images relative to
the page (``_RelativePathTreeprocessor``), collects the ids present (for links to anchors) and the
first heading. The body's HTML already is the conversion with exactly the same extensions (validate
rendered it in a limited worker); ``stored_render`` does the rest on that HTML with MkDocs' own
``path_to_url`` on every ``<a href>`` and ``<img src>``, so the page is byte for byte what MkDocs'
render would have made (tests/test_site_bodies.py compares them).

Python-Markdown's serializer writes every attribute as ``name="value"`` with ``& < > "`` escaped, and
item bodies hold no raw HTML (S08), so the attributes are found exactly by the patterns below.
"""

from __future__ import annotations

import html as htmllib
import logging
import re

from markdown.serializers import _escape_attrib_html
from mkdocs.exceptions import PluginError
from mkdocs.structure import pages as mkpages
from mkdocs.structure.toc import get_toc

from ..scan.limits import OutOfTime, cpu_limit, cpu_seconds

_LINK = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")|(<img\b[^>]*?\ssrc=")([^"]*)(")')
_ID = re.compile(r'<[A-Za-z][^>]*?\sid="([^"]*)"')
_A_NAME = re.compile(r'<a\b[^>]*?\sname="([^"]*)"')


def anchor_ids(body_html: str) -> set[str]:
    """Every ``id`` and ``<a name>`` in the HTML (what MkDocs' anchor extractor collects)."""
    found = {htmllib.unescape(v) for v in _ID.findall(body_html)}
    found.update(htmllib.unescape(v) for v in _A_NAME.findall(body_html))
    return found


def relative_links(body_html: str, file, files, config) -> tuple[str, dict]:
    """(HTML with links and images made relative by MkDocs' own rule, links to anchors it recorded)."""
    processor = mkpages._RelativePathTreeprocessor(file, files, config)

    def swap(m: re.Match) -> str:
        start, value, end = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(4, 5, 6)
        url = htmllib.unescape(value)
        new = processor.path_to_url(url)
        return m.group() if new == url else start + _escape_attrib_html(new) + end

    return _LINK.sub(swap, body_html), processor.links_to_anchors


def stored_render(page, body_html: str):
    """A ``page.render`` that publishes ``body_html`` as MkDocs' render would have left the page."""

    def render(config, files):
        page.content, links = relative_links(body_html, page.file, files, config)
        page.toc = get_toc([])  # item pages show no table of contents (plugin.on_page_content)
        page._title_from_render = None  # the title is the item's, from page.meta
        page.present_anchor_ids = anchor_ids(body_html)
        if mkpages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = links

    return render


def limited(render, name: str):
    """MkDocs' own ``page.render`` for a hand-written page, under the CPU limit item bodies have (limits.py).

    The build process keeps Python's recursion limit, the one validate's workers use.
    """

    def run(config, files):
        try:
            with cpu_limit(cpu_seconds(render.__self__.markdown or "")):
                render(config, files)
        except OutOfTime:
            raise PluginError(f"baosong: 页面 {name} 的 Markdown 结构过于复杂，排版超时：请简化这个页面") from None

    return run
