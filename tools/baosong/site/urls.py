"""Page URLs as MkDocs makes them (directory URLs), and relative links between generated pages.

Generated listings are HTML blocks, which MkDocs does not rewrite, so builders link with ``link``.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote


def page_url(uri: str) -> str:
    """The site-relative URL MkDocs gives the page ``uri`` (directory URLs)."""
    if not uri.endswith(".md"):
        return uri
    stem = uri[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def link(here: str, target: str) -> str:
    """A relative, percent-encoded link from page ``here`` to page or file ``target`` (both URIs)."""
    base = page_url(here) or "./"
    base_dir = base if base.endswith("/") else posixpath.dirname(base) + "/"
    dest = page_url(target)
    rel = posixpath.relpath(dest or ".", base_dir.rstrip("/") or ".")
    if dest.endswith("/") or not dest:
        rel = rel.rstrip("/") + "/"
    if rel == "./":
        rel = "./"
    return quote(rel, safe="/#")
