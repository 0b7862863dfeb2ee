"""Every URL the site writes, made here: page URLs as MkDocs makes them (directory URLs), percent-encoded.

A file name may hold any character SPEC §2.2 allows: ``#``, ``%``, ``?``-free but ``&``, ``+``, ``'``,
``;``, ``=``, brackets, full-width punctuation … Each path segment is percent-encoded as RFC 3986 §2
asks and as MkDocs encodes its own URLs (``urllib.parse.quote`` with only ``/`` kept): ``#`` becomes
``%23`` (else the browser cuts the path there), ``%`` becomes ``%25`` (else a server decodes ``%23`` in a
name to ``#``). Listings, breadcrumbs, pagers, the search index, attachments and the forge's new-file
link all take their URLs from ``href``/``link``/``quote_path``; tests/test_site_urls.py builds items with
such names and fetches every link from a plain static server.
"""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import quote


def page_url(uri: str) -> str:
    """The site-relative URL MkDocs gives the page ``uri`` (directory URLs), **not** encoded.

    ``items/u/2026/2026-11-24-第3批#救助.md`` → ``items/u/2026/2026-11-24-第3批#救助/``; ``index.md`` → ``""``.
    For file names and comparisons; anything written into a page or an index goes through ``href``.
    """
    if not uri.endswith(".md"):
        return uri
    stem = uri[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@functools.lru_cache(maxsize=65536)
def quote_path(path: str) -> str:
    """``path`` with every segment percent-encoded (UTF-8), ``/`` kept: what a browser and a server agree on."""
    return quote(path, safe="/")


def href(uri: str) -> str:
    """The encoded site-relative URL of page or file ``uri``: ``第3批#救助.md`` → ``%E7…%23%E6…/``."""
    return quote_path(page_url(uri))


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
    return quote_path(rel)


@functools.lru_cache(maxsize=65536)
def _segments(url: str) -> tuple[str, ...]:
    return tuple(part for part in url.split("/") if part not in ("", "."))
