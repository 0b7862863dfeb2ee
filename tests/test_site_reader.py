"""The sample township's site as a reader sees it (issue 18): Chinese everywhere, a 404 page with a way back,
the circular's key columns on screen, the week heading, the township's name in the phone header.

One real ``baosong build`` of the repository's own sample; Debian's Chromium at 1366 px and 390 px.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import date
from html.parser import HTMLParser

import pytest
import yaml

from baosong.checks.fields import THEME_KEYS
from baosong.site.pages.home import days_left
from baosong.township.items import ALLOWED_KEYS
from helpers_site import REPO, TODAY, build, chromium, local_only, serve

WIDTHS = ((1366, 900), (390, 844))

# --- what may stay in Latin letters where a reader looks ------------------------------------------------
# Names of products and formats a township uses as they are; the reporter's field names (the template's),
# the theme keys M04 names and the rules.yaml keys the guide explains are code names, so they stay too.
PRODUCTS = """Word WPS Excel Gitea GitHub GitLab YAML HTML PDF Markdown JPG JPEG PNG GIF WebP BMP EMF MB KB GB BOM
CRLF GBK NUL Luhn JavaScript SVG SmartArt APP jpeg git baosong docx doc wps md yaml yml pdf png jpg gif webp UTF USB ID U"""
CODE_NAMES = """outlet rules scan words allow office adoptions requests site_config units submissions config
http https mailto javascript data vbscript file"""  # the last line: link schemes named in the guide
ALLOWED_WORDS = {*PRODUCTS.split(), *CODE_NAMES.split(), *ALLOWED_KEYS, *THEME_KEYS}
ALLOWED_PHRASES = (  # GitHub's English-only buttons, quoted as the reporter sees them
    "Create a new branch for this commit and start a pull request",
    "Create new file",
    "Commit changes",
    "Propose changes",
    "Create pull request",
)
CODE = re.compile(r"[A-Z]\d\d")  # finding codes: F01, M12, S08 …
TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_.\-/+]*")
HIDDEN = {"code", "pre", "kbd", "samp", "script", "style", "svg", "template", "noscript"}
ATTRS = ("title", "aria-label", "placeholder", "alt", "value")


def english_words(text: str, unit_ids: set[str]) -> list[str]:
    """Latin-letter words of UI text that are not on the allow-list (paths, codes, ids and names are)."""
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, " ")
    out = []
    for token in TOKEN.findall(text):
        word = token.rstrip(".-/+")
        if (
            CODE.fullmatch(word)
            or word in ALLOWED_WORDS
            or word in unit_ids
            or re.search(r"[\d_/.]", word)  # a path, a file name, a version, a week label (2026-W49)
            or re.fullmatch(r"U\+[0-9A-F]{4,6}", token)  # a character named by its code point (F14, S03)
        ):
            continue
        out.append(word)
    return out


class _Visible(HTMLParser):
    """Visible text and the attributes a browser shows (tooltips, labels), outside code and item bodies."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def hidden(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        # an item's body is the reporter's text, not the site's: it is not UI
        skip = tag in HIDDEN or "bs-body" in (values.get("class") or "").split()
        if not self.hidden() and not skip:
            self.texts.extend(v for k, v in attrs if k in ATTRS and v and not (tag == "input" and k == "value"))
        if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "source", "path", "col"):
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.hidden() and data.strip():
            self.texts.append(data)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample") / "repo"
    root.mkdir()
    for name in ("units.yaml", "mkdocs.yml"):
        shutil.copy(REPO / name, root / name)
    for name in ("submissions", "office", "site_config"):
        shutil.copytree(REPO / name, root / name)
    result, site = build(root)
    assert result.exit_code == 0, result.output
    units = yaml.safe_load((root / "units.yaml").read_text(encoding="utf-8"))
    return site, {u["id"] for u in units["units"]}, units["township"]


@pytest.fixture(scope="module")
def about_flood(sample):
    """Titles of the sample's published items that hold 防汛 in their title, text or tags (关键词)."""
    from baosong.checks.repository import load_repository

    site, _, _ = sample
    repo = load_repository(site.parent / "repo", date.fromisoformat(TODAY))
    return {i.title for i in repo.valid_items if "防汛" in f"{i.title}{i.body}{''.join(i.tags)}"}


def test_days_left_counts_today_to_sunday():
    assert days_left(date(2026, 11, 30)) == 7  # Monday
    assert days_left(date(2026, 11, 25)) == 5  # Wednesday
    assert days_left(date(2026, 12, 6)) == 1  # Sunday
    assert days_left(date(2027, 1, 3)) == 1  # Sunday of 2026-W53


def test_home_heading_gives_the_real_week_and_days_left(sample):
    site, _, _ = sample
    home = (site / "index.html").read_text(encoding="utf-8")
    # --today 2026-11-25 is the Wednesday of 2026-W48 (Monday 11-23 to Sunday 11-29)
    assert "本周概况（2026-W48：2026-11-23 至 2026-11-29，含今天还有 5 天）" in home


def test_no_page_shows_english_ui_text(sample):
    site, unit_ids, _ = sample
    found: dict[str, set[str]] = {}
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        parser = _Visible()
        parser.feed(path.read_text(encoding="utf-8"))
        for text in parser.texts:
            for word in english_words(text, unit_ids):
                found.setdefault(word, set()).add(path.relative_to(site).as_posix())
    assert len(pages) > 200
    assert not found, {w: sorted(p)[:3] for w, p in found.items()}


def test_the_english_detector_catches_theme_strings():
    ids = {"mengwang"}
    assert english_words("用 U 盘报送", ids) == []
    assert english_words("404 - Not found", ids) == ["Not", "found"]
    assert english_words("Permanent link", ids) == ["Permanent", "link"]
    assert english_words("级别：error", ids) == ["error"]
    assert english_words("缺少信息栏（front matter）", ids) == ["front", "matter"]
    assert english_words("M01 缺少 title；见 units.yaml 与 submissions/mengwang/2026/；2026-W49", ids) == []


def test_performance_page_is_not_published(sample):
    site, _, _ = sample
    assert not (site / "performance").exists()
    assert "性能" not in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_browser_walk_404_and_phone_header(sample):
    """Text the theme's script adds counts too: each kind of page is read after it ran, at both widths."""
    site, unit_ids, township = sample
    pages = ["", "units/", "units/mengwang/", "tongbao/", "guide/", "guide/codes/", "search/?q=防汛", "404.html"]
    items = sorted((site / "items" / "mengwang").rglob("index.html"))
    pages.append(items[0].parent.relative_to(site).as_posix() + "/")
    outside: list[str] = []
    read = """() => {
      const body = document.body.cloneNode(true);
      body.querySelectorAll('code, pre, kbd, script, style, svg, noscript, .bs-body').forEach(n => n.remove());
      const attrs = [...body.querySelectorAll('[title], [aria-label], [placeholder], [alt]')].flatMap(
        n => ['title', 'aria-label', 'placeholder', 'alt'].map(a => n.getAttribute(a) || ''));
      return [document.title, body.innerText, ...attrs].join('\\n');
    }"""
    with serve(site) as base, chromium() as browser:
        for width, height in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
            page = context.new_page()
            local_only(page, base, outside)
            for rel in pages:
                page.goto(base + rel)
                page.wait_for_load_state("networkidle")
                words = english_words(page.evaluate(read), unit_ids)
                assert not words, f"{rel or '首页'} at {width}px: {words}"
            # the 404 page: Chinese, a way back home and a search box that opens the search page
            page.goto(base + "404.html")  # what a server sends for a missing page
            assert page.locator("h1").inner_text() == "找不到这个页面"
            page.get_by_role("link", name="返回首页").click()
            page.wait_for_url(base)
            page.goto(base + "404.html")  # what a server sends for a missing page
            page.fill("#bs-notfound-q", "防汛")
            page.locator(".bs-notfound__search button").click()
            page.wait_for_selector(".bs-search[data-bs-state=done]")
            assert "/search/?q=" in page.url
            # the phone header: the township's site name whole, never cut with an ellipsis
            page.goto(base)
            title = page.locator(".md-header__title .md-header__topic:first-child .md-ellipsis")
            assert title.inner_text().strip() == f"{township}政务信息报送"
            fits = title.evaluate("n => n.scrollWidth <= n.clientWidth + 1 && n.scrollHeight <= n.clientHeight + 1")
            box = title.bounding_box()
            assert fits and box["x"] >= 0 and box["x"] + box["width"] <= width, (width, box)
            # the home page's labels (已报送, 进行中，尚未报送) show whole beside the unit chips
            cut = page.evaluate(
                "() => [...document.querySelectorAll('.bs-meta dt')]"
                ".filter(n => n.scrollWidth > n.clientWidth + 1).map(n => n.textContent)"
            )
            assert cut == [], (width, cut)
            context.close()
    assert outside == []


@pytest.mark.browser
def test_circular_ranking_shows_unit_score_and_rank_without_scrolling(sample):
    site, _, _ = sample
    quarter = sorted(p.parent.name for p in (site / "tongbao").glob("*/index.html"))[-1]
    measure = """() => [...document.querySelectorAll('.bs-stats table')].flatMap(t => {
      const heads = [...t.querySelectorAll('thead th')].map(h => h.textContent.trim());
      if (!heads.includes('得分')) return [];
      return ['名次', '单位', '得分'].map(name => {
        const th = t.querySelectorAll('thead th')[heads.indexOf(name)];
        th.closest('.bs-stats').scrollIntoView({block: 'center', inline: 'nearest'});
        const r = th.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return {name, left: r.left, right: r.right, seen: hit === th || th.contains(hit)};
      });
    })"""
    with serve(site) as base, chromium() as browser:
        for width, height in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
            page = context.new_page()
            page.goto(f"{base}tongbao/{quarter}/")
            page.wait_for_load_state("networkidle")
            cells = page.evaluate(measure)
            assert len(cells) >= 6, cells  # two rankings (行政村, 机关单位), three key columns each
            for cell in cells:
                assert cell["seen"] and cell["left"] >= 0 and cell["right"] <= width, (width, cell)
            # wide tables say they scroll, and the page itself never scrolls sideways
            assert page.locator(".bs-scroll-hint").count() >= 3
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=str(site.parent / f"circular-{width}.png"))
            context.close()


@pytest.mark.browser
def test_search_finds_tagged_items_and_filters_by_unit(sample, about_flood):
    """防汛 finds every item about it, those that carry it only as a tag (关键词) too; 单位 narrows them."""
    site, _, _ = sample
    tagged_only = {t for t in about_flood if "防汛" not in t}
    assert len(about_flood) >= 10 and tagged_only
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "search/?q=防汛")
        page.wait_for_selector(".bs-search[data-bs-state=done]")
        titles = []
        while True:
            titles += page.locator(".bs-result__title").all_inner_texts()
            if page.locator(".bs-search__next").is_disabled():
                break
            label = page.inner_text(".bs-search__page")
            page.click(".bs-search__next")
            page.wait_for_function(f"document.querySelector('.bs-search__page').textContent !== {label!r}")
        found = {t for t in titles if t in about_flood}
        assert found == about_flood and len(titles) == len(about_flood) + len(set(titles) - about_flood)
        in_title = [n for n, t in enumerate(titles) if "防汛" in t]
        assert in_title == list(range(len(in_title)))  # title hits first
        chip = page.locator('.bs-filter[data-bs-field="单位"] .bs-filter__chip').first
        unit, count = chip.inner_text().rsplit(" ", 1)
        chip.click()
        page.wait_for_function(f"document.querySelectorAll('.bs-result').length === {min(int(count), 10)}")
        assert set(page.locator(".bs-result__meta > span:first-child").all_inner_texts()) == {unit}
        assert "unit=" in page.url


def test_a_rebuild_removes_a_page_left_off_the_site(sample):
    """exclude_docs pages are not built: a copy an earlier build published does not stay (keep.prune)."""
    site, _, _ = sample
    stale = site / "performance" / "index.html"
    stale.parent.mkdir(exist_ok=True)
    stale.write_text("<h1>性能</h1>", encoding="utf-8")
    os.utime(stale, (1_000_000_000, 1_000_000_000))  # written long before this build
    result, rebuilt = build(site.parent / "repo")
    assert result.exit_code == 0 and rebuilt == site, result.output
    assert not stale.exists() and (site / "index.html").is_file()
