"""Offline Chinese full-text search for the site: a sharded bigram index and a dependency-free client.

``build_index`` writes the index, ``write_search_assets`` copies the client, ``render_search_page``
renders the body of the search page. See index.py for the layout and tokens.py for the term rule.

Wiring into the MkDocs plugin (tested in tests/test_search_index.py::test_wired_into_a_material_site):

* ``on_config``: drop Material's ``search`` plugin; append ``f"{ASSET_DIR}/search.js"`` to
  ``extra_javascript`` and ``f"{ASSET_DIR}/search.css"`` to ``extra_css`` (search.js then also puts a
  search box in Material's header on every page, which opens the search page ``search/?q=…``).
* a generated page ``search.md`` (URL ``search/``) titled 搜索 whose content is
  ``render_search_page(f"../{INDEX_DIR}/", "../")``.
* ``on_page_content`` of each item page: keep ``SearchDoc(id, page_url(uri), title, html_to_text(html),
  unit name, date.isoformat(), type)``.
* ``on_post_build``: ``build_index(docs, Path(config.site_dir) / INDEX_DIR)`` and
  ``write_search_assets(Path(config.site_dir))``.
"""

from __future__ import annotations

from .assets import ASSET_DIR, INDEX_DIR, render_search_page, write_search_assets
from .index import IndexStats, SearchDoc, build_index
from .text import html_to_text, markdown_to_text

__all__ = [
    "ASSET_DIR",
    "INDEX_DIR",
    "IndexStats",
    "SearchDoc",
    "build_index",
    "html_to_text",
    "markdown_to_text",
    "render_search_page",
    "write_search_assets",
]
