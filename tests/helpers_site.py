"""Building the site in tests: a township with the real site config, a scanner for live payloads, a server."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from click.testing import CliRunner

from baosong.cli.main import cli
from baosong.site.search.preview import CHROMIUM, CHROMIUM_ARGS, serve

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"


def add_site_config(root: Path) -> None:
    """mkdocs.yml, site_config/docs and site_config/overrides of this repository, into a test township."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / "site_config" / name, root / "site_config" / name, dirs_exist_ok=True)


def sample_township(tmp_path: Path, monkeypatch, items: int) -> Path:
    """A synthetic township of ``items`` items in two units (``baosong sample``) with the real site config, its
    own cache folder, and the site built by two workers from the page cache (the defaults of a real build)."""
    root = tmp_path / "town"
    command = [str(Path(sys.executable).parent / "baosong"), "sample", "--items", str(items), "--units", "2"]
    subprocess.run([*command, "--no-git", "--out", str(root)], check=True, capture_output=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("docs", "overrides", "templates"):
        shutil.copytree(REPO / "site_config" / name, root / "site_config" / name, dirs_exist_ok=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("BAOSONG_NO_CACHE", raising=False)
    monkeypatch.delenv("BAOSONG_SITE_PLAIN", raising=False)
    monkeypatch.setenv("BAOSONG_SITE_WORKERS", "2")
    return root


def previous_sites_deleted(site: Path, timeout: float = 60) -> bool:
    """Wait until the previous sites beside ``site`` are deleted (keep.py deletes them in the background)."""
    import time

    deadline = time.monotonic() + timeout
    while list(site.parent.glob(f".{site.name}.baosong-trash-*")):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def build(root: Path, *args: str, site: Path | None = None):
    """``baosong build`` in ``root``; returns (result, site directory)."""
    site = site or root.parent / "site"
    result = CliRunner().invoke(
        cli, ["build", "--root", str(root), "--today", TODAY, "--site-dir", str(site), *args], catch_exceptions=False
    )
    return result, site


def build_with(repo, root: Path, site: Path) -> None:
    """Build with the plugin fed ``repo`` as it is (lets a test hand it items the validator refused)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins["baosong"].preloaded = repo
    config.plugins["baosong"].config.today = TODAY
    mkdocs_build(config)


# --- what counts as a live payload ---------------------------------------------------------------
_BAD_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.I)
_URL_ATTRS = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster", "background"}
_FORBIDDEN_TAGS = {"iframe", "object", "embed", "form", "base", "frame", "frameset", "applet"}
THEME_IDS = ("__search", "__drawer", "__toc")
THEME_FORMS = ("md-search__form", "md-header__option", "bs-search__form", "bs-notfound__search")  # + 404 page


@dataclass
class Scan:
    problems: list[str] = field(default_factory=list)
    pages: int = 0


class _Page(HTMLParser):
    def __init__(self, name: str, scan: Scan):
        super().__init__(convert_charrefs=True)
        self.name, self.scan = name, scan
        self.in_script = False
        self.ids: dict[str, int] = {}

    def bad(self, what: str):
        self.scan.problems.append(f"{self.name}: {what}")

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            value = value or ""
            if key.startswith("on"):
                self.bad(f"<{tag} {key}=…> event handler")
            if key in _URL_ATTRS and _BAD_SCHEME.match(re.sub(r"[\x00-\x20]", "", value)):
                self.bad(f"<{tag} {key}={value[:40]!r}>")
            if key == "id":
                self.ids[value] = self.ids.get(value, 0) + 1
            if key == "style" and "url(" in value.lower():
                self.bad(f"<{tag} style=url(…)>")
        if tag in _FORBIDDEN_TAGS and not (tag == "form" and dict(attrs).get("class") in THEME_FORMS):
            self.bad(f"<{tag}>")  # only the theme's search box and palette toggle
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.bad("<meta http-equiv=refresh>")
        if tag == "link" and re.match(r"^(https?:)?//", dict(attrs).get("href") or ""):
            self.bad(f"<link href={dict(attrs).get('href')}>")
        if tag == "script":
            self.in_script = "data" if dict(attrs).get("type") == "application/json" else True
            src = dict(attrs).get("src")
            # the theme's bundle, our search client, the 填报/新建报送 script and the browser scanners
            ours = (
                "assets/javascripts/",
                "assets/baosong/search.js",
                "assets/baosong/form.js",
                "assets/baosong/scan.js",
            )
            if src and (re.match(r"^(https?:)?//", src) or not any(part in src for part in ours)):
                self.bad(f"<script src={src}>")
        if tag in ("img", "source", "video", "audio") and re.match(r"^(https?:)?//", dict(attrs).get("src") or ""):
            self.bad(f"<{tag} src={dict(attrs).get('src')}> (leaves the site)")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script == "data":  # JSON a page reads (the 填报 page): inert, as long as it cannot close
            if "<" in data:
                self.bad("markup inside a JSON data <script>")
        elif self.in_script and "BSPWN" in data:
            self.bad("payload inside a <script>")

    def close(self):
        super().close()
        for theme_id in THEME_IDS:
            if self.ids.get(theme_id, 0) > 1:
                self.bad(f"id {theme_id} appears {self.ids[theme_id]} times")


def scan_site(site: Path, outside_markers: tuple[str, ...] = ()) -> Scan:
    """Every live script, handler, redirect, dangerous link and outside file in a built site."""
    scan = Scan()
    for path in sorted(site.rglob("*")):
        if path.is_symlink():
            scan.problems.append(f"{path}: a symbolic link in the site")
            continue
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        for marker in outside_markers:
            if marker.encode() in data:
                scan.problems.append(f"{rel}: content of a file outside the repository ({marker})")
        dropped = path.suffix.lower() in (".html", ".htm", ".svg", ".js", ".sh", ".xml") and path.name != "index.html"
        if rel.startswith("items/") and dropped:
            scan.problems.append(f"{rel}: a dropped file was published")
        if path.suffix == ".html":
            scan.pages += 1
            parser = _Page(rel, scan)
            parser.feed(data.decode("utf-8", "replace"))
            parser.close()
    index = site / "search" / "search_index.json"
    if index.is_file():
        text = index.read_text(encoding="utf-8")
        for needle in ("<script", "<img", "<iframe", "<svg", "<a "):  # text is escaped; tags would be live
            if needle in text:
                scan.problems.append(f"search_index.json: markup {needle!r} in the index")
    return scan


# --- serving a built site -------------------------------------------------------------------------


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def local_only(page, base: str, outside: list[str]) -> None:
    """Abort (and record) every request that would leave the local server."""

    def route(r):
        if r.request.url.startswith(base):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)


# ---- links of a built site (issue 18) ----


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("href", "src") and value:
                self.urls.append(value)


def relative_links(site: Path) -> dict[str, set[str]]:
    """Site URL of each page → the relative URLs it links to (no scheme, not only a fragment)."""
    out = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        page = quote(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        out[page] = {u for u in parser.urls if not urlsplit(u).scheme and not u.startswith(("#", "//"))}
    return out


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def ascii_url(url: str) -> str:
    """What a browser sends for a link: non-ASCII as UTF-8 percent-escapes, existing escapes kept."""
    return quote(url, safe="/%:?&=#;+@$!~*'(),[]")


def broken_links(site: Path) -> tuple[set[str], list[str]]:
    """Serve ``site`` and ask for every relative link of every page: (the URLs checked, "page → link" that failed)."""
    checked, broken = set(), []
    with serve(site) as base:
        for page, urls in relative_links(site).items():
            for url in urls:
                target = urljoin(base + page, ascii_url(url)).split("#", 1)[0]
                if target in checked:
                    continue
                checked.add(target)
                if status(target) != 200:
                    broken.append(f"{page} → {url}")
    return checked, broken
