"""Search by tags, unit, type and category; a tag hit ranks just below a title hit; filters with counts by
单位, 类型, 类别 and 年份 kept in the URL; plain-text snippets of guide pages (issue 18, deliverable 2)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from baosong.site.search import INDEX_DIR, SearchDoc, build_index, write_search_assets
from baosong.site.search.assets import write_standalone_page
from baosong.site.search.codec import ALPHABET, decode, shard_of
from baosong.site.search.index import FACETS, facets
from baosong.site.search_site import documents, hand_written
from helpers_site import REPO, chromium, serve

WORD = "防汛"


def doc(n: int, title: str, text: str, *, unit="勐往村", type="动态", category="应急管理", tags=(), day=None):
    day = day or f"2026-11-{25 - n:02d}"
    return SearchDoc(n, f"items/u/2026/{n}/", title, text, unit, day, type, category, tuple(tags))


def ranked_docs() -> list[SearchDoc]:
    """Newest first by number: a body hit is newest, a tag hit older, a title hit oldest (ranking must undo it)."""
    return [
        doc(0, "勐往村开展森林防火宣传", f"会上也提到{WORD}物资的检查。"),  # body hit, newest
        doc(1, "坝卡村转移隐患点群众", "连日降雨，村里提前转移群众。", unit="坝卡村", tags=[WORD, "应急"]),  # tag hit
        doc(2, "河外村召开防汛工作会议", "部署主汛期工作。", unit="河外村", type="会议"),  # title hit, oldest
        doc(3, "农业中心开展农技培训", "培训覆盖三个村。", unit="农业农村综合服务中心", category="民生保障"),
        doc(
            4,
            "南布村召开护林员会议",
            "护林员每月巡山。",
            unit="南布村",
            type="会议",
            category="部署落实",
            tags=["护林"],
        ),
        doc(5, "去年的防汛总结报告", "2025年防汛工作总结。", type="总结", day="2025-12-20"),
    ]


def lookup(out: Path, query: str) -> list[int]:
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    found = None
    for i in range(len(query) - 1):
        term = query[i : i + 2]
        shard = json.loads((out / "terms" / f"{shard_of(term, manifest['shards'])}.json").read_text("utf-8"))
        entry = shard.get(term)
        numbers = set(decode(entry if isinstance(entry, str) else entry[0])) if entry else set()
        found = numbers if found is None else found & numbers
    return sorted(found or ())


def test_tags_unit_type_and_category_find_an_item(tmp_path):
    docs = ranked_docs()
    build_index(docs, tmp_path, workers=1)
    assert 1 in lookup(tmp_path, WORD)  # only in its tags
    assert lookup(tmp_path, "护林") == [4]  # title, body and tag: found once
    assert lookup(tmp_path, "民生保障") == [3]  # category only
    assert lookup(tmp_path, "总结") == [5]  # type (and text)
    assert lookup(tmp_path, "坝卡村") == [1]  # unit only
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    shard = json.loads((tmp_path / "terms" / f"{shard_of(WORD, manifest['shards'])}.json").read_text("utf-8"))
    everything, titles, tagged = shard[WORD]
    assert decode(tagged) == [1] and 2 in decode(titles) and 1 not in decode(titles)
    assert set(decode(everything)) == {0, 1, 2, 5}
    records = json.loads((tmp_path / "docs" / "0.json").read_text("utf-8"))
    units, types, categories = manifest["names"]  # one dictionary: records hold codes into it
    assert records[1][6] == 0 and records[1][8] == [WORD, "应急"]  # not cut, tags
    assert (units[records[1][2]], types[records[1][4]], categories[records[1][7]]) == ("坝卡村", "动态", "应急管理")
    assert types[0] == "动态" and categories[0] == "应急管理"  # most items first: the smallest codes


def test_facets_give_every_item_its_values(tmp_path):
    docs = ranked_docs()
    stats = build_index(docs, tmp_path, workers=1)
    data = json.loads((tmp_path / "facets.json").read_text("utf-8"))
    assert data["fields"] == list(FACETS) == ["单位", "类型", "类别", "年份"]
    assert stats.facets_bytes == (tmp_path / "facets.json").stat().st_size
    ordered = sorted(docs, key=lambda d: d.date, reverse=True)  # the index numbers items newest first
    for field, (values, codes) in enumerate(zip(data["values"], data["codes"], strict=True)):
        assert len(codes) == len(ordered)
        assert [values[ALPHABET.index(c)] for c in codes] == [d.facets()[field] for d in ordered]
    assert data["values"][3][0] == "2026" and "2025" in data["values"][3]
    guide = SearchDoc(9, "guide/", "报送指南", "说明", "报送指南", "", "说明", page=True)
    assert guide.facets() == ("", "", "", "")  # a guide page is in no filter
    many = [doc(n % 20, f"标题第{n}条信息", "正文", unit=f"单位{n:03d}") for n in range(70)]
    wide = facets(many)
    assert len(wide["codes"][0]) == 140  # more than 64 units: two characters each
    first = wide["codes"][0][:2]
    assert wide["values"][0][ALPHABET.index(first[0]) * 64 + ALPHABET.index(first[1])] == "单位000"


def test_guide_pages_are_indexed_as_plain_text():
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    pages = hand_written(REPO / "site_config" / "docs", config.exclude_docs)
    assert len(pages) > 3 and not [url for url, _title, _md in pages if "performance" in url]  # left off the site

    class Repo:  # documents() reads only this
        valid_items = ()

    docs = documents(Repo(), pages)
    assert all(d.page and d.facets() == ("", "", "", "") for d in docs)
    text = "\n".join(d.text for d in docs)
    for markdown in ("--- ---", "| ---", "!!!", "{ #", "<div", "&gt;", "&amp;"):  # (code examples keep their syntax)
        assert markdown not in text, markdown
    assert not re.search(r"\*\*[\u4e00-\u9fff]|^#+ |^\|", text, re.M)  # bold, headings, table rows
    assert "安全生产" in text and "reviewed_by" in text  # words and code names whole (the old stripper cut "_")


# ---- the client in Chromium ----


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fields")
    build_index(ranked_docs(), root / INDEX_DIR, workers=1)
    write_search_assets(root)
    write_standalone_page(root)
    return root


def results(page) -> list[str]:
    page.wait_for_selector(".bs-search[data-bs-state=done]")
    return page.locator(".bs-result__title").all_inner_texts()


@pytest.mark.browser
def test_title_then_tag_then_text_and_filters_in_the_url(site):
    docs = ranked_docs()
    errors: list[str] = []
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "search/?q=" + WORD)
        # title hits first (newer first between them), then the tag hit, then the body hit (the newest item)
        assert results(page) == [docs[2].title, docs[5].title, docs[1].title, docs[0].title]
        assert page.locator(".bs-result__tags").first.inner_text() == f"关键词：{WORD}、应急"
        page.wait_for_selector(".bs-search__filters .bs-filter")
        chips = {
            row.get_attribute("data-bs-field"): row.locator(".bs-filter__chip").all_inner_texts()
            for row in page.locator(".bs-filter").all()
        }
        assert chips["单位"][0] == "勐往村 2" and "坝卡村 1" in chips["单位"] and "河外村 1" in chips["单位"]
        assert chips["年份"] == ["2026 3", "2025 1"]
        assert sorted(chips["类型"]) == ["会议 1", "动态 2", "总结 1"]
        # choose 2026: the results and the other filters' counts narrow, the URL keeps the choice
        page.locator('.bs-filter[data-bs-field="年份"] .bs-filter__chip', has_text="2026").click()
        page.wait_for_function("document.querySelectorAll('.bs-result').length === 3")
        assert results(page) == [docs[2].title, docs[1].title, docs[0].title]
        assert parse_qs(urlsplit(page.url).query) == {"q": [WORD], "year": ["2026"]}
        assert page.locator('.bs-filter[data-bs-field="类型"] .bs-filter__chip', has_text="总结").count() == 0
        # a link with the filters opens the same narrowed list; a second filter narrows further
        page.goto(base + f"search/?q={WORD}&year=2026&type=会议")
        assert results(page) == [docs[2].title]
        assert page.locator('.bs-filter__chip[aria-pressed="true"]').all_inner_texts() == ["会议 1", "2026 1"]
        page.locator(".bs-filter__reset").click()
        page.wait_for_function("document.querySelectorAll('.bs-result').length === 4")
        assert parse_qs(urlsplit(page.url).query) == {"q": [WORD]}
        page.goto(base + f"search/?q={WORD}&unit=没有这个单位")
        page.wait_for_selector(".bs-search[data-bs-state=done]")
        assert "没有符合筛选条件" in page.inner_text(".bs-search__status")
        # found by category and by unit alone
        page.goto(base + "search/?q=民生保障")
        assert results(page) == [docs[3].title]
        page.goto(base + "search/?q=南布村")
        assert results(page) == [docs[4].title]
    assert errors == []
