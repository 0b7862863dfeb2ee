"""填报助手: the per-unit form page, the click-time 新建报送 links and the hand-off to the forge.

The browser does the work (assets/form.js): it fills the fields, checks them with the rules Python hands
it at build time (data.py), writes the item (every front-matter value double-quoted, SPEC §2.2) and opens
the forge's editor with it, or copies it to the clipboard, or downloads it. Python renders the page
(site/pages/form.py), chooses what the page embeds and cleans the page (page.py).
"""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"
ASSET_DIR = "assets/baosong"  # site-relative folder of the site's own scripts (search.js lives there too)
SCRIPT = f"{ASSET_DIR}/form.js"  # on every page: click-time 新建报送 links, and the form where there is one
SCAN_SCRIPT = "scan.js"  # the content scanners in the browser (i16scan), loaded by form.js on the form page

# How long a forge link may be. Gitea sends a logged-out reporter to its login page and keeps the URL in a
# ``redirect_to`` cookie: ``url.QueryEscape`` of the path and query as sent (already percent-encoded, so
# each ``%XX`` becomes ``%25XX``: a Chinese character costs 15 bytes). Browsers drop a cookie whose name
# and value exceed 4,096 bytes (RFC 6265 §6.1), and the template is lost after the login. A link whose
# cookie would exceed MAX_COOKIE_BYTES (296 bytes of margin for a sub-path and browser differences) goes
# by clipboard instead. Source: Gitea modules/web/middleware/cookie.go SetRedirectToCookie, read for
# 1.21–1.25 (notes of issue 16). form.js counts the same (``cookieBytes``); the page gets the number.
MAX_COOKIE_BYTES = 3800
COOKIE_NAME = "redirect_to"
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")


def cookie_bytes(url: str) -> int:
    """Bytes (name + value) of the ``redirect_to`` cookie Gitea would set for ``url`` (percent-encoded, ASCII).

    Every byte of path + ``?`` + query outside ``A–Z a–z 0–9 - _ . ~`` costs 3 (Go's ``url.QueryEscape``).
    """
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    sent = (parts.path + ("?" + parts.query if parts.query else "")).encode()
    return len(COOKIE_NAME) + sum(1 if b in _UNRESERVED else 3 for b in sent)


def fits(url: str) -> bool:
    """True when a forge link survives Gitea's login redirect (``cookie_bytes`` ≤ MAX_COOKIE_BYTES)."""
    return cookie_bytes(url) <= MAX_COOKIE_BYTES


def configure(config) -> None:
    """Load form.js on every page (after the theme's bundle; scan.js first when it exists): form.js is small
    and does nothing on a page without a 新建报送 link or a form."""
    scripts = list(asset_files())
    for script in sorted(scripts, key=lambda s: s == SCRIPT):
        if script not in [str(s) for s in config["extra_javascript"]]:
            config["extra_javascript"].append(script)


def asset_files() -> dict[str, bytes]:
    """Site-relative path → bytes of every browser file of the form (scan.js only when it exists)."""
    out = {}
    for name in ("form.js", SCAN_SCRIPT):
        path = ASSETS / name
        if path.is_file():
            out[f"{ASSET_DIR}/{name}"] = path.read_bytes()
    return out
