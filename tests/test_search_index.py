"""The offline search index (baosong.site.search): terms, encoding, layout, and the client in Chromium."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote

import pytest

from baosong.site.search import (
    ASSET_DIR,
    INDEX_DIR,
    SearchDoc,
    build_index,
    html_to_text,
    render_search_page,
    write_search_assets,
)
from baosong.site.search import index as index_module
from baosong.site.search.assets import write_standalone_page
from baosong.site.search.codec import PostingEncoder, decode, shard_of
from baosong.site.search.queries import KINDS, Scores, Truth, sample_queries
from baosong.site.search.tokens import TOKEN, normalize, query_terms, query_words, terms
from baosong.site.urls import quote_path
from baosong.write.synthetic import TOPICS, body_text, make_units

NEEDLE = "走私冻品"  # only in the middle of a sentence of one item
NEEDLE_SENTENCE = f"二是在边境口岸查获{NEEDLE}三吨，移交海关处理。"


def synthetic_docs(count: int = 300, seed: int = 5) -> list[SearchDoc]:
    rng = random.Random(seed)
    units = make_units(rng, 12)
    docs = []
    for i in range(count):
        unit = units[i % len(units)]
        topic = rng.choice(list(TOPICS))
        day = date(2026, 11, 25) - timedelta(days=i // 3)
        text = body_text(rng, unit, topic, day)
        if i == 137:
            text = text.replace("\n\n", f"\n\n{NEEDLE_SENTENCE}", 1)
        if i == 42:
            text += "执行 GB/T 2260 标准，上报 Excel 表格。\n"
        if i == 99:
            text += "龘\n"
        if i == 5:
            text += "全乡打响冬季攻势。\n"
        docs.append(
            SearchDoc(
                id=i,
                url=f"items/{unit.id}/{day.year}/{i}/",
                title=f"{unit.name}推进{topic}工作（{i}）" if i != 200 else f"{unit.name}冬季攻势见成效",
                text=text,
                unit=unit.name,
                date=day.isoformat(),
                type="动态",
            )
        )
    return docs


def search(out: Path, query: str) -> list[int]:
    """The index read as the browser reads it: AND of every term's postings, as caller ids."""
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    found: set[int] | None = None
    for word in query_words(query):
        for term in query_terms(word):
            shard = json.loads((out / "terms" / f"{shard_of(term, manifest['shards'])}.json").read_text("utf-8"))
            entry = shard.get(term)
            numbers = set(decode(entry if isinstance(entry, str) else entry[0])) if entry else set()
            found = numbers if found is None else found & numbers
    numbers = sorted(found or ())
    chunk = manifest["chunk"]
    ids = []
    for n in numbers:
        record = json.loads((out / "docs" / f"{n // chunk}.json").read_text("utf-8"))[n % chunk]
        ids.append(int(record[0].rstrip("/").rsplit("/", 1)[1]))
    return ids


def apart_bigrams(docs: list[SearchDoc]) -> tuple[str, int]:
    """A word ``abc`` in no item, whose bigrams ``ab`` and ``bc`` are both in one item; and that item's id."""
    texts = [normalize(f"{d.title}\n{d.unit}\n{d.text}") for d in docs]
    for doc, text in zip(docs, texts, strict=True):
        pairs = sorted(t for t in terms(text) if len(t) == 2 and TOKEN.fullmatch(t).group(1))
        for ab in pairs:
            for bc in pairs:
                phrase = ab + bc[1]
                if ab[1] == bc[0] and not any(phrase in t for t in texts):
                    return phrase, doc.id
    raise AssertionError("no such word")


@pytest.fixture(scope="module")
def docs() -> list[SearchDoc]:
    return synthetic_docs()


@pytest.fixture(scope="module")
def index(docs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("index")
    build_index(docs, out, workers=1)
    return out


def test_mid_sentence_word_is_found(index):
    assert search(index, NEEDLE) == [137]
    assert search(index, "查获走私") == [137]
    assert search(index, "私冻") == [137]


def test_every_substring_of_every_item_is_found(index, docs):
    rng = random.Random(1)
    for doc in rng.sample(docs, 40):
        runs = [m.group(1) for m in TOKEN.finditer(normalize(doc.text)) if m.group(1) and len(m.group(1)) >= 2]
        run = rng.choice(runs)
        start = rng.randrange(len(run) - 1)
        piece = run[start : start + rng.randint(2, 8)]
        assert doc.id in search(index, piece), piece


def test_one_character_ascii_and_numbers(index):
    assert search(index, "龘") == [99]
    assert search(index, "gb") == [42]
    assert search(index, "Excel") == [42]
    assert search(index, "２２６０") == [42]  # full-width digits normalise
    assert search(index, "gb 标准") == [42]
    assert search(index, "没有这个词") == []


def test_newest_first_numbering_and_title_postings(index, docs):
    manifest = json.loads((index / "manifest.json").read_text("utf-8"))
    first = json.loads((index / "docs" / "0.json").read_text("utf-8"))
    dates = [r[3] for r in first]
    assert dates == sorted(dates, reverse=True) and dates[0] == max(d.date for d in docs)
    assert manifest["docs"] == len(docs)
    shard = json.loads((index / "terms" / f"{shard_of('推进', manifest['shards'])}.json").read_text("utf-8"))
    assert isinstance(shard["推进"], list)  # the word is in every title: title postings kept beside the rest


def test_output_is_deterministic(docs, tmp_path, monkeypatch):
    shuffled = list(docs)
    random.Random(3).shuffle(shuffled)
    build_index(docs, tmp_path / "a", workers=1)
    monkeypatch.setattr(index_module, "PARALLEL_MIN_CHARS", 1)  # take the multi-process path even for 300 items
    build_index(shuffled, tmp_path / "b", workers=2)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.json"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.json"))
    assert files_a == files_b
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_no_items(tmp_path):
    stats = build_index([], tmp_path)
    assert (stats.docs, stats.terms, stats.shards, stats.chunks) == (0, 0, 1, 0)
    assert json.loads((tmp_path / "terms" / "0.json").read_text("utf-8")) == {}


def test_shard_and_chunk_sizes_are_bounded(docs, tmp_path):
    stats = build_index(docs, tmp_path, shard_bytes=4_000, chunk_bytes=6_000, workers=1)
    assert stats.shards >= 8
    sizes = [p.stat().st_size for p in (tmp_path / "terms").glob("*.json")]
    assert len(sizes) == stats.shards and max(sizes) == stats.max_shard_bytes
    assert max(sizes) <= 3 * 4_000
    assert stats.max_chunk_bytes <= 3 * 6_000
    assert stats.total_bytes == sum(p.stat().st_size for p in tmp_path.rglob("*.json"))
    smaller = build_index(docs[:50], tmp_path, shard_bytes=4_000, chunk_bytes=6_000, workers=1)
    assert len(list((tmp_path / "terms").glob("*.json"))) == smaller.shards  # no stale shards left behind
    assert len(list((tmp_path / "docs").glob("*.json"))) == smaller.chunks


def test_posting_encoding_round_trips():
    encoder = PostingEncoder(5_000)
    rng = random.Random(2)
    dense = sorted(rng.sample(range(5_000), 3_000))
    sparse = sorted(rng.sample(range(5_000), 40))
    assert encoder.encode(dense).startswith("!")  # a bitmap is shorter for a common word
    assert not encoder.encode(sparse).startswith("!")
    for numbers in (dense, sparse, [0], [4_999], list(range(100)), [0, 31, 32, 1_023, 1_024, 4_999]):
        assert decode(encoder.encode(numbers)) == numbers
    assert re.fullmatch(r"[A-Za-z0-9+/!]+", encoder.encode(dense) + encoder.encode(sparse))


def test_terms_rule():
    assert terms("防汛，Ｇ20峰会") == {"防", "汛", "防汛", "g20", "峰", "会", "峰会"}
    assert query_words("防汛 工作 防汛，GB/T") == ["防汛", "工作", "gb", "t"]
    assert query_terms("防汛工作") == ["防汛", "汛工", "工作"]
    assert query_terms("防") == ["防"] and query_terms("excel") == ["excel"]


def test_html_to_text():
    html = (
        '<h2 id="a">标题<a class="headerlink" href="#a">¶</a></h2><p>第一段&amp;结尾</p>'
        "<script>alert(1)</script><ul><li>甲</li><li>乙</li></ul><p>&lt;b&gt;不是标签</p>"
    )
    assert html_to_text(html) == "标题\n第一段&结尾\n甲\n乙\n<b>不是标签"
    assert "段结" not in terms(html_to_text("<p>第一段</p><p>结尾</p>"))


def test_assets_and_page_body(tmp_path):
    written = write_search_assets(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        f"{ASSET_DIR}/search.js",
        f"{ASSET_DIR}/search.css",
    ]
    js = written[0].read_text("utf-8")
    for unsafe in (".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(", "://"):
        assert unsafe not in js, unsafe
    body = render_search_page('../x"><script>/', "../")
    assert "<script>/" not in body and "&#34;&gt;&lt;script&gt;" in body
    # one inline script (it asks for manifest.json early); the index URL in it is a JSON string that cannot close it
    assert "\n\n" not in body and body.count("<script") == 1 and body.count("</script>") == 1
    assert '"../x\\"\\u003e\\u003cscript\\u003e/manifest.json"' in body
    assert "<script src" not in body  # the client only when asked for


# ---- the client in Chromium ----

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site(docs, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    build_index(docs, root / INDEX_DIR, workers=1)
    write_search_assets(root)
    write_standalone_page(root)
    return root


@pytest.fixture(scope="module")
def browser():
    from baosong.site.search.preview import CHROMIUM, CHROMIUM_ARGS

    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(site, browser):
    from baosong.site.search.preview import serve

    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.outside = []  # requests that would have left localhost
        page.errors = []
        page.base = base

        def route(route):
            if route.request.url.startswith(base) or route.request.url.startswith("data:"):
                route.continue_()
            else:
                page.outside.append(route.request.url)
                route.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        yield page
        context.close()


@pytest.mark.browser
def test_typed_chinese_query_finds_the_item(page, docs):
    page.goto(page.base + "search/")
    page.fill(".bs-search__input", NEEDLE)
    page.wait_for_selector(".bs-search[data-bs-state=done]")
    titles = page.locator(".bs-result__title").all_inner_texts()
    assert titles == [docs[137].title]
    assert page.locator(".bs-result__snippet mark").first.inner_text() == NEEDLE
    assert page.locator(".bs-result__meta").first.inner_text() == f"{docs[137].unit} · {docs[137].date} · 动态"
    href = page.locator(".bs-result__title").first.get_attribute("href")
    assert href == "../" + docs[137].url
    assert "q=" in page.url
    assert page.outside == [] and page.errors == []


@pytest.mark.browser
def test_query_in_url_runs_and_pages(page, docs):
    page.goto(page.base + "search/?q=" + "工作 群众")
    page.wait_for_selector(".bs-search[data-bs-state=done]")
    assert page.input_value(".bs-search__input") == "工作 群众"
    first = page.locator(".bs-result__title").all_inner_texts()
    assert len(first) == 10 and "找到" in page.inner_text(".bs-search__status")
    assert page.locator(".bs-search__prev").is_disabled()
    # every title holds 工作 and none 群众: one title hit each, so newest first
    shown = page.locator(".bs-result__meta time").all_inner_texts()
    assert shown == sorted(shown, reverse=True) and shown[0] == max(d.date for d in docs)
    page.click(".bs-search__next")
    page.wait_for_function("document.querySelector('.bs-search__page').textContent.startsWith('第 2 页')")
    second = page.locator(".bs-result__title").all_inner_texts()
    assert second and not set(first) & set(second)
    assert page.locator(".bs-result__meta time").first.inner_text() <= shown[-1]
    page.goto(page.base + "search/?q=龘")
    page.wait_for_selector(".bs-search[data-bs-state=done]")
    assert page.locator(".bs-result__title").all_inner_texts() == [docs[99].title]
    page.goto(page.base + "search/?q=没有这个词")
    page.wait_for_selector(".bs-search[data-bs-state=done]")
    assert "没有找到" in page.inner_text(".bs-search__status")
    # a long word found only apart: the page says how to look for it apart (查获 … 冻品 are in item 137)
    page.goto(page.base + "search/?q=查获冻品")
    page.wait_for_selector(".bs-search[data-bs-state=done]")
    assert page.inner_text(".bs-search__status").endswith(
        "长的词语可以用空格分开查找，例如把“防汛演练”写成“防汛 演练”。"
    )
    page.goto(page.base + "search/?q=查获 冻品")
    page.wait_for_selector(".bs-search[data-bs-state=done]")
    assert page.locator(".bs-result__title").all_inner_texts() == [docs[137].title]
    assert page.outside == [] and page.errors == []


@pytest.mark.browser
def test_the_pager_shows_only_with_more_than_one_page(page):
    """上一页/下一页 stay hidden before a search and when nothing (or one page) is found."""
    pager = page.locator(".bs-search__pager")
    page.goto(page.base + "search/")
    page.wait_for_selector(".bs-search[data-bs-ready]")
    assert not pager.is_visible()
    for query, visible in (("没有这个词", False), ("龘", False), ("工作", True)):
        page.goto(page.base + "search/?q=" + query)
        page.wait_for_selector(".bs-search[data-bs-state=done]")
        assert pager.is_visible() is visible, query


@pytest.mark.browser
def test_back_returns_to_the_page_and_filters_before(page, docs):
    """下一页 and a filter are steps in the browser's history (page and filters in the address): Back returns to them,
    and an address with page=2 opens on the second page."""
    page.goto(page.base + "search/?q=工作")
    page.wait_for_selector(".bs-search[data-bs-state=done]")
    first = page.locator(".bs-result__title").all_inner_texts()
    page.click(".bs-search__next")
    page.wait_for_function("document.querySelector('.bs-search__page').textContent.startsWith('第 2 页')")
    second = page.locator(".bs-result__title").all_inner_texts()
    assert "page=2" in page.url and second != first
    page.wait_for_selector(".bs-search__filters:not([hidden])")
    page.locator(".bs-filter[data-bs-field=单位] .bs-filter__chip").first.click()
    page.wait_for_function("location.search.includes('unit=') && !location.search.includes('page=')")
    page.go_back()
    page.wait_for_function("location.search.includes('page=2') && !location.search.includes('unit=')")
    page.wait_for_function("document.querySelector('.bs-search__page').textContent.startsWith('第 2 页')")
    assert page.locator(".bs-result__title").all_inner_texts() == second
    page.go_back()
    page.wait_for_function("!location.search.includes('page=')")
    page.wait_for_function("document.querySelector('.bs-search__page').textContent.startsWith('第 1 页')")
    assert page.locator(".bs-result__title").all_inner_texts() == first
    page.goto(page.base + "search/?q=工作&page=2")
    page.wait_for_function("document.querySelector('.bs-search__page').textContent.startsWith('第 2 页')")
    assert page.locator(".bs-result__title").all_inner_texts() == second
    page.goto(page.base + "search/?q=龘&page=99")  # one result: the first page, and the address says so
    page.wait_for_selector(".bs-search[data-bs-state=done]")
    page.wait_for_function("!location.search.includes('page=')")
    assert page.errors == []


@pytest.mark.browser
def test_title_hits_rank_first_and_apart_bigrams_are_dropped(page, docs, site):
    page.goto(page.base + "search/?q=冬季攻势")
    page.wait_for_selector(".bs-search[data-bs-state=done]")
    assert page.locator(".bs-result__title").all_inner_texts() == [docs[200].title, docs[5].title]  # title, then newer
    assert page.locator(".bs-result__title mark").first.inner_text() == "冬季攻势"
    # a three-character word whose two bigrams are in one item, apart: the index offers it, the client drops it
    phrase, holder = apart_bigrams(docs)
    assert holder in search(site / INDEX_DIR, phrase)
    page.goto(page.base + "search/?q=" + phrase)
    page.wait_for_selector(".bs-search[data-bs-state=done]")
    assert page.locator(".bs-result").count() == 0
    assert "没有找到" in page.inner_text(".bs-search__status")


@pytest.mark.browser
def test_client_terms_match_python(page, site):
    page.goto(page.base + "search/")
    queries = ["Ｇ20峰会 防汛！abc", "Ⅻ号ｶﾀｶﾅ 𠀋𠀌 ÉCOLE", "工作，工作 群众"]
    got = page.evaluate("qs => qs.map(q => baosongSearch.queryWords(q))", queries)
    assert got == [query_words(q) for q in queries]
    words = [w for q in queries for w in query_words(q)]
    assert page.evaluate("ws => ws.map(w => baosongSearch.wordTerms(w))", words) == [
        list(dict.fromkeys(query_terms(w))) for w in words
    ]
    assert page.evaluate("ws => ws.map(w => baosongSearch.shardOf(w, 97))", words) == [shard_of(w, 97) for w in words]
    shard = json.loads(next((site / INDEX_DIR / "terms").glob("*.json")).read_text("utf-8"))
    postings = [v if isinstance(v, str) else v[0] for v in shard.values()][:50]
    assert page.evaluate("ps => ps.map(p => baosongSearch.decode(p))", postings) == [decode(p) for p in postings]


@pytest.mark.browser
def test_recall_and_precision_on_sampled_queries(page, docs):
    """Issue 18's 200 queries, on a small corpus: every result the client gives is right and none is missed."""
    page.goto(page.base + "search/")
    queries = sample_queries(docs, 200, seed=3)
    assert {kind for kind, _ in queries} == set(KINDS)
    got = page.evaluate(
        "qs => Promise.all(qs.map(q => baosongSearch.everything('../search_index/', q)))", [q for _, q in queries]
    )
    truth, scores = Truth(docs), Scores()
    for (kind, query), paths in zip(queries, got, strict=True):
        scores.add(kind, query, truth.expected(query), paths)
    assert (scores.fp, scores.fn) == (0, 0), scores.wrong
    assert scores.tp > 2_000 and scores.recall == scores.precision == 1.0
    assert page.errors == []


@pytest.mark.browser
def test_manifest_is_asked_for_once_before_the_client_arrives(page, docs):
    """The page's inline script asks for manifest.json while search.js is still on its way (one round trip less
    before the first results); the client takes that answer instead of asking again."""
    asked = []
    page.on("request", lambda r: asked.append(r.url.split("?")[0].rsplit("/", 1)[1]))
    page.goto(page.base + "search/?q=" + NEEDLE)
    page.wait_for_selector(".bs-search[data-bs-state=done]")
    assert page.locator(".bs-result__title").all_inner_texts() == [docs[137].title]
    assert asked.count("manifest.json") == 1
    assert page.evaluate("window.baosongEarly.response") is None  # taken by the client
    assert page.errors == []
    # asked for by the page itself: even with no search.js at all
    asked.clear()
    page.route("**/search.js", lambda route: route.abort())
    page.goto(page.base + "search/?q=" + NEEDLE)
    page.wait_for_load_state("networkidle")
    assert "manifest.json" in asked and page.locator(".bs-result").count() == 0


@pytest.mark.browser
def test_a_failed_early_manifest_is_asked_for_again(page, docs):
    failed = []

    def first_fails(route):
        if not failed:
            failed.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/manifest.json", first_fails)
    page.goto(page.base + "search/?q=" + NEEDLE)
    page.wait_for_selector(".bs-search[data-bs-state=done]")
    assert len(failed) == 1
    assert page.locator(".bs-result__title").all_inner_texts() == [docs[137].title]


@pytest.mark.browser
def test_a_long_word_asks_for_one_round_of_shards(browser, docs, tmp_path):
    """A long word's bigrams lie in many shards; past the 6 requests a browser makes at once to one server the
    client looks up the bigrams that still cover the word (every other one and the last) and checks the results
    against the text, so the answer is the same with fewer requests."""
    from baosong.site.search.preview import serve

    word = "在边境口岸查获走私冻品三吨"
    # holds the bigrams that cover the word (在边 境口 岸查 获走 私冻 品三 三吨) but not the word: checked, dropped
    decoy = SearchDoc(
        len(docs),
        "items/decoy/",
        "另一条信息",
        "在边。境口。岸查。获走。私冻。品三。三吨。",
        "某村",
        "2026-11-01",
        "动态",
    )
    build_index([*docs, decoy], tmp_path / INDEX_DIR, workers=1, shard_bytes=300)
    write_search_assets(tmp_path)
    write_standalone_page(tmp_path)
    query = f"{word} 移交海关"
    shards = json.loads((tmp_path / INDEX_DIR / "manifest.json").read_text("utf-8"))["shards"]
    every = {shard_of(t, shards) for w in query_words(query) for t in query_terms(w)}
    assert len(every) > 6  # all bigrams would need a second round
    with serve(tmp_path) as base:
        page = browser.new_page()
        asked = []
        page.on("request", lambda r: asked.append(r.url) if "/terms/" in r.url else None)
        for q in (query, word):
            page.goto(base + "search/?q=" + q)
            page.wait_for_selector(".bs-search[data-bs-state=done]")
            assert page.locator(".bs-result__title").all_inner_texts() == [docs[137].title], q
        page.close()
    assert 0 < len(asked) <= 12  # two queries, at most one round (6) each


def test_the_truth_of_a_query():
    """What a query must find: a CJK word anywhere in one field, a number only whole, every word in the item."""
    docs = [
        SearchDoc(0, "items/u/2026/a#1/", "防汛演练", "共转移群众1324人。", "勐往村", "2026-11-25", "动态"),
        SearchDoc(1, "items/u/2026/b/", "防火宣传", "演练了两次，11324人参加。", "坝卡村", "2026-11-24", "会议"),
        SearchDoc(2, "items/u/2026/c/", "汛期巡查", "巡查河道。", "南布村", "2026-11-23", "动态", tags=("防汛",)),
    ]
    truth = Truth(docs)
    assert truth.expected("防汛") == {"items/u/2026/a#1/", "items/u/2026/c/"}  # title or tag
    assert truth.expected("汛演") == {"items/u/2026/a#1/"}  # mid-word
    assert truth.expected("1324") == {"items/u/2026/a#1/"}  # not the 1324 inside 11324
    assert truth.expected("演练 坝卡") == {"items/u/2026/b/"}  # text and unit
    assert truth.expected("防火 巡查") == set()  # two items, one word each
    assert truth.expected("！") == set()
    scores = Scores()
    scores.add("text", "防汛", truth.expected("防汛"), ["items/u/2026/c/", "items/u/2026/b/"])
    assert (scores.tp, scores.fp, scores.fn, scores.recall, scores.precision) == (1, 1, 1, 0.5, 0.5)


def allowed_in_file_names() -> list[str]:
    """Every character SPEC §2.2 lets a slug hold: all of Unicode but spaces, ``/\\:*?"<>|``, control characters
    and surrogates (not text). ``/`` is added back: it joins the path's segments."""
    refused = set(' /\\:*?"<>|')
    out = []
    for cp in range(0x110000):
        ch = chr(cp)
        if 0xD800 <= cp <= 0xDFFF or ch in refused or unicodedata.category(ch) == "Cc":
            continue
        out.append(ch)
    return [*out, "/"]


@pytest.mark.browser
def test_client_encodes_paths_as_the_site_does(page):
    """The index stores page paths decoded; the client's quotePath must give site/urls.py's quote_path for every
    character a file name may hold (else a search result 404s where the listings work)."""
    page.goto(page.base + "search/")
    chars = allowed_in_file_names()
    assert len(chars) > 1_000_000
    step = 40_000
    paths = ["items/u/2026/2026-11-24-" + "".join(chars[i : i + step]) + "/" for i in range(0, len(chars), step)]
    paths += ["items/u/2026/2026-11-24-第3批#救助/", "a/b%23c/", "(x)!y*'z~/", "全角＃％/🌾.png", "/", ""]
    got = page.evaluate("ps => ps.map(p => baosongSearch.quotePath(p))", paths)
    for path, js in zip(paths, got, strict=True):
        assert js == quote_path(path), path[:40]
        assert unquote(js) == path


MKDOCS_YML = f"""\
site_name: 测试乡
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  language: zh
  font: false
plugins: []
extra_javascript:
  - {ASSET_DIR}/search.js
extra_css:
  - {ASSET_DIR}/search.css
"""


@pytest.mark.browser
@pytest.mark.slow
def test_wired_into_a_material_site(tmp_path, docs, browser):
    """The recipe for the plugin: page body from render_search_page, assets and index written after the build."""
    from baosong.site.search.preview import serve

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n\n欢迎。\n", encoding="utf-8")
    body = render_search_page(f"../{INDEX_DIR}/", "../")
    (tmp_path / "docs" / "search.md").write_text(f"# 搜索\n\n{body}", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")], capture_output=True
    )
    assert run.returncode == 0, run.stderr.decode()
    site = tmp_path / "site"
    write_search_assets(site)
    build_index(docs, site / INDEX_DIR, workers=1)
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        outside = []
        page.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith(base) else (outside.append(r), r.abort())
        )
        page.goto(base)
        page.fill(".bs-header-search__input", NEEDLE)  # the box search.js puts in Material's header
        page.press(".bs-header-search__input", "Enter")
        page.wait_for_selector(".bs-search[data-bs-state=done]")
        assert page.url.startswith(base + "search/?q=")
        assert page.locator(".bs-result__title").all_inner_texts() == [docs[137].title]
        assert page.locator(".bs-header-search").count() == 0  # not on the search page itself
        context.close()
    assert outside == []
