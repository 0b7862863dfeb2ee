"""Site search, wired: one SearchDoc per published item and hand-written page, written after the build.

Material's own search index holds every body in one file (11.8 KB per item with jieba: 230 MB at
20,000 items); the sharded index in ``search/`` downloads a few hundred KB per query instead. Its text
comes from the Markdown source with the syntax stripped (cheap and independent of page rendering, so
cached or parallel-rendered pages lose nothing); tokens ignore punctuation anyway.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .masking import Masker
from .pages.common import item_uri
from .sanitize import without_direction
from .search import (
    ASSET_DIR,
    INDEX_DIR,
    SearchDoc,
    build_index,
    markdown_to_text,
    render_search_page,
    write_search_assets,
)
from .urls import href

SCRIPT = f"{ASSET_DIR}/search.js"
SEARCH_BOX = "<!-- baosong: search box -->"  # where search.md (site_config/docs) wants the box
STYLE = f"{ASSET_DIR}/search.css"

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ATTRS = re.compile(r"\{[:#.][^}]*\}")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash escape shows its character: 139\_5724 → 139_5724
_MARKS = re.compile(r"[*_`~^=|>#]+|^\s*(?:[-+]|\d+\.)\s+|^\s*!!!.*$|^\s*\?\?\?.*$", re.M)


def plain_text(markdown: str) -> str:
    """Readable text of a Markdown body for the index and its snippets (links keep their words). Character
    references and backslash escapes are read first, as the page shows them: ``139&#8203;5724…`` is one number
    for the masking, not ``139& 8203;5724…`` once the ``#`` is dropped."""
    text = _IMAGE.sub(r"\1", _ESCAPE.sub(r"\1", without_direction(html.unescape(markdown))))
    text = _LINK.sub(r"\1", text)
    text = _ATTRS.sub("", text)
    return _MARKS.sub(" ", text).strip()


def configure(config) -> None:
    """Use this search instead of Material's: drop its plugin, load our client on every page."""
    plugins = config["plugins"]
    if "search" in plugins:
        del plugins["search"]
    if SCRIPT not in [str(s) for s in config["extra_javascript"]]:
        config["extra_javascript"].append(SCRIPT)
    if STYLE not in config["extra_css"]:
        config["extra_css"].append(STYLE)


def with_search_box(markdown: str) -> str:
    """search.md's Markdown with its ``SEARCH_BOX`` marker replaced by the search box (``render_search_page`` for a
    page at ``search/``; one definition of the box for the site and the tests). Without the marker: unchanged."""
    return markdown.replace(SEARCH_BOX, render_search_page(f"../{INDEX_DIR}/", "../"), 1)


def documents(repo, pages=(), masker: Masker | None = None, uri=item_uri) -> list[SearchDoc]:
    """Published items (found by title, text, unit, type, category and tags), then hand-written pages
    (``pages``: (url, title, markdown) triples, their text rendered to plain text). ``masker`` masks the
    personal numbers of titles, tags and text as the item pages do (site/masking.py); ``uri`` gives an item
    page's URI from its id (the site's ``SiteData.uri``: a number in the file name masked)."""
    docs = []
    for number, item in enumerate(repo.valid_items):
        if masker is not None:
            item = masker.item(item)
        unit = repo.registry.unit_name(item.unit)
        date = item.date.isoformat() if item.date else ""
        text = plain_text(item.body)
        if masker is not None:
            text = masker.text(text)
        tags = tuple(item.tags)
        docs.append(SearchDoc(number, href(uri(item.id)), item.title, text, unit, date, item.type, item.category, tags))
    start = len(docs)
    for offset, (url, title, markdown) in enumerate(pages):
        # a few pages: rendered as the site renders them, so their snippets show text, never Markdown
        text = markdown_to_text(markdown)
        docs.append(SearchDoc(start + offset, url, title, text, "报送指南", "", "说明", page=True))
    return docs


def write(site_dir: Path | str, docs: list[SearchDoc]):
    site = Path(site_dir)
    write_search_assets(site)
    return build_index(docs, site / INDEX_DIR)


_HEADING = re.compile(r"^#\s+(.+)$", re.M)


def hand_written(docs_dir: Path | str, exclude=None) -> list[tuple[str, str, str]]:
    """(url, title, markdown) of the office's own pages in docs_dir (links are never followed).

    ``exclude``: mkdocs.yml's ``exclude_docs`` (a pathspec): pages left out of the site stay out of search.
    """
    base = Path(docs_dir)
    out = []
    for path in sorted(base.rglob("*.md")):
        if path.is_symlink() or not path.is_file():
            continue
        uri = path.relative_to(base).as_posix()
        if uri == "search.md" or (exclude is not None and exclude.match_file(uri)):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---\n") and "\n---\n" in text[4:]:
            text = text[4:].split("\n---\n", 1)[1]
        heading = _HEADING.search(text)
        out.append((href(uri), heading.group(1).strip() if heading else uri, text))
    return out
