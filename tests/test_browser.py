"""A reader's session in Debian's Chromium (Playwright) on the built site, served on localhost."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest

from baosong.site.pages.forge import without_comments
from baosong.township.template import fill, load_template
from helpers_site import build, chromium, local_only, serve
from test_site import make_township

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser") / "repo"
    make_township(root)
    result, site = build(root)
    assert result.exit_code == 0, result.output
    outside: list[str] = []
    with serve(site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        local_only(page, base, outside)
        yield root, base, page, outside
        context.close()
    assert outside == [], f"requests left localhost: {outside}"


def test_home_unit_and_item_pages(session):
    _root, base, page, _ = session
    page.goto(base)
    assert page.title().startswith("首页")
    assert page.locator("h1").first.inner_text().startswith("测试乡政务信息报送")
    assert page.locator("h2", has_text="本周概况").is_visible()
    page.locator(".md-nav--primary").get_by_role("link", name="勐往村", exact=True).first.click()
    page.wait_for_url(base + "units/mengwang/")
    assert page.locator("h1").inner_text().startswith("勐往村")
    assert "李春艳" in page.locator(".bs-unit").inner_text()
    page.get_by_role("link", name="勐往村开展汛后水毁设施排查").first.click()
    page.wait_for_url("**/items/mengwang/2026/2026-11-24-*/")
    panel = page.locator(".bs-meta")
    assert "迟报 4 天" in panel.inner_text() and "张国华" in panel.inner_text()
    assert page.locator(".bs-body").inner_text().startswith("勐往村组织开展汛后排查")


def test_chinese_search_finds_a_word_in_the_middle_of_a_sentence(session):
    _root, base, page, _ = session
    page.goto(base)
    box = page.locator(".bs-header-search__input")  # search.js puts the box in Material's header
    box.fill("排水沟")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    results = page.locator(".bs-result__title")
    results.first.wait_for(timeout=15000)
    assert results.all_inner_texts() == ["勐往村开展汛后水毁设施排查"]
    results.first.click()
    page.wait_for_url(lambda url: "/items/mengwang/2026/" in url)
    assert "排水沟" in page.locator(".bs-body").inner_text()


def test_new_item_button_targets_the_gitea_web_editor(session):
    root, base, page, _ = session
    page.goto(base + "units/mengwang/")
    button = page.locator("article").get_by_role("link", name="新建报送", exact=True)
    assert button.is_visible()
    parts = urlsplit(button.get_attribute("href"))
    assert f"{parts.scheme}://{parts.netloc}" == "https://git.example.internal"
    # this browser's clock is real: form.js wrote today's date in the registry's zone (tests/test_form.py fixes it)
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    assert unquote(parts.path) == f"/mengwang/xinxi/_new/main/submissions/mengwang/{today[:4]}"
    query = parse_qs(parts.query)
    assert query["filename"] == [f"{today}-简短标题.md"]
    expected = fill(
        load_template(root),
        {"unit": "mengwang", "date": today, "event_date": today, "reporter": "李春艳", "reviewed_by": "张国华"},
    )
    assert query["value"] == [without_comments(expected)]
    assert page.locator("article").get_by_role("link", name="填报助手（推荐）").is_visible()


def test_dark_mode_toggle_persists(session):
    _root, base, page, _ = session
    page.goto(base)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.locator("label.md-header__button[for='__palette_1']").click()
    assert page.evaluate(scheme) == "slate"
    page.goto(base + "units/mengwang/")
    assert page.evaluate(scheme) == "slate"
    page.locator("label.md-header__button[for='__palette_0']").click()
    assert page.evaluate(scheme) == "default"


def test_item_page_prints_without_the_theme_chrome(session):
    _root, base, page, _ = session
    page.goto(base + "items/mengwang/2026/2026-11-16-山体滑坡/")
    page.emulate_media(media="print")
    try:
        assert not page.locator(".md-header").is_visible()
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert page.locator(".bs-meta").is_visible() and page.locator(".bs-body").is_visible()
    finally:
        page.emulate_media(media="screen")


def test_no_request_leaves_localhost(session):
    _root, base, page, outside = session
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    for rel in (
        "",
        "units/",
        "categories/",
        "emergencies/",
        "requests/",
        "guide/",
        "guide/codes/",
        "guide/new/",
        "units/mengwang/new/",
        "items/mengwang/2026/2026-11-16-山体滑坡/",
    ):
        page.goto(base + rel)
        page.wait_for_load_state("networkidle")
    assert seen and all(url.startswith(base) for url in seen)
    assert outside == []
