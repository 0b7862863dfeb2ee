"""Page URLs as MkDocs makes them (directory URLs), and relative links between generated pages.

Generated listings are HTML blocks, which MkDocs does not rewrite, so builders link with ``link``.
"""

from __future__ import annotations

import functools
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
    """A relative, percent-encoded link from page ``here`` to page or file ``target`` (both URIs).

    What ``posixpath.relpath`` gives, computed from cached path segments: listings make hundreds of
    thousands of links at 20,000 items, and relpath (two abspaths) was most of their cost.
    """
    base = page_url(here) or "./"
    base_dir = base if base.endswith("/") else posixpath.dirname(base) + "/"
    dest = page_url(target)
    if ".." in base_dir or ".." in dest:  # never made by our builders; relpath knows what it means
        rel = posixpath.relpath(dest or ".", base_dir.rstrip("/") or ".")
    else:
        start, path = _segments(base_dir), _segments(dest)
        common = 0
        for a, b in zip(start, path, strict=False):
            if a != b:
                break
            common += 1
        rel = "/".join([".."] * (len(start) - common) + list(path[common:])) or "."
    if dest.endswith("/") or not dest:
        rel = rel.rstrip("/") + "/"
    return _quote(rel)


@functools.lru_cache(maxsize=65536)
def _segments(url: str) -> tuple[str, ...]:
    return tuple(part for part in url.split("/") if part not in ("", "."))


@functools.lru_cache(maxsize=65536)
def _quote(rel: str) -> str:
    return quote(rel, safe="/#")
