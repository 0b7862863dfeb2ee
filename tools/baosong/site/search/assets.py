"""The browser side of search: copy the client into the built site and render the search page body."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import rjsmin
from markupsafe import Markup

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "assets"
ASSET_DIR = "assets/baosong"  # site-relative folder of search.js and search.css
INDEX_DIR = "search_index"  # site-relative folder build_index writes into (the plugin chooses out_dir)
SEARCH_PAGE = "search/"  # site-relative URL of the search page (search.js links the header form to it)
FILES = ("search.js", "search.css")

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(HERE / "templates")),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def minified_script() -> str:
    """search.js without comments and spare white space (rjsmin): 27.5 KB → 20.4 KB that every page loads, and the
    search page before its first results (issue 18). Strings and regular expressions are kept as written."""
    return rjsmin.jsmin((ASSETS / "search.js").read_text(encoding="utf-8"))


def write_search_assets(site_dir: Path, asset_dir: str = ASSET_DIR) -> list[Path]:
    """Write search.js (minified) and search.css to ``site_dir/asset_dir``; returns the written paths."""
    target = Path(site_dir) / asset_dir
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        if name.endswith(".js"):
            (target / name).write_text(minified_script(), encoding="utf-8")
        else:
            shutil.copyfile(ASSETS / name, target / name)
        written.append(target / name)
    return written


def render_search_page(index_url: str, site_root: str, script_url: str = "", css_url: str = "") -> str:
    """HTML of the search page body (one block, no blank lines: safe inside a Markdown page).

    All URLs are relative to the search page itself: ``index_url`` the folder holding manifest.json
    (ending in ``/``), ``site_root`` the site root (``../`` for a page at ``search/``). Give
    ``script_url``/``css_url`` unless the theme already loads the assets (e.g. via extra_javascript).
    """
    html = _ENV.get_template("search_page.html").render(
        index_url=index_url, site_root=site_root, script_url=script_url, css_url=css_url
    )
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"


def write_standalone_page(site_dir: Path, title: str = "搜索") -> Path:
    """A minimal page ``site_dir/search/index.html`` around the search box (no theme), for tests and demos.

    Expects the index in ``site_dir/INDEX_DIR`` and the assets written by ``write_search_assets``.
    """
    body = render_search_page(f"../{INDEX_DIR}/", "../", f"../{ASSET_DIR}/search.js", f"../{ASSET_DIR}/search.css")
    page = _ENV.get_template("standalone.html").render(title=title, body=Markup(body))
    path = Path(site_dir) / SEARCH_PAGE / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
