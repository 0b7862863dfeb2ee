"""Every link the built site writes opens, whatever characters SPEC §2.2 lets a file name hold (issue 18).

A township whose items and attachments are named with ``#``, ``%``, ``&``, ``+``, ``'``, ``;``, ``=``,
brackets, ``@``, ``$``, ``!``, ``~``, full-width punctuation and emoji is built for real; every relative
``href``/``src`` of every page, and every search result URL, is fetched from a plain static server
(the standard library's, on 127.0.0.1) and must answer 200.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote, unquote, urljoin

import pytest

from baosong.site.urls import href, link, page_url
from conftest import Township
from helpers_images import IMAGE_BYTES
from helpers_site import add_site_config, broken_links, build, chromium, serve, status

# (file-name slug, attachment name or None): each slug is allowed by SPEC §2.2 (paths.py agrees: no F06).
ODD = [
    ("第3批#救助", "现场#1.png"),
    ("简报%23第一期", "图%23二.jpg"),
    ("水&电+路'改造", "a&b+c'd.png"),
    ("【通知】（第二期）！", "（附图）【一】.png"),
    ("a;b=c,d@e$f!g~h", "x;y=z@w$v!u~.png"),
    ("方括号[1]与圆括号(2)", "[方](圆).gif"),
    ("花括号{3}与百分号100%", "100%完成.webp"),
    ("表情🌾丰收^`", "🌾.png"),
    ("全角＃号与％号", "全角＃％.png"),
]


def md_target(name: str) -> str:
    """How a reporter links an attachment in Markdown: the name percent-encoded (``#`` would end the path)."""
    return quote(name, safe="")


def make_odd_township(root: Path) -> list[str]:
    from conftest import REQUESTS, UNITS

    (root / "site_config" / "templates").mkdir(parents=True)
    from helpers_site import REPO

    for rel in ("site_config/rules.yaml", "site_config/templates/submission.md"):
        (root / rel).write_bytes((REPO / rel).read_bytes())
    (root / "units.yaml").write_text(UNITS, encoding="utf-8")
    (root / "office" / "requests").mkdir(parents=True)
    (root / "office" / "requests" / "2026.yaml").write_text(REQUESTS, encoding="utf-8")
    add_site_config(root)
    t = Township(root)
    ids = []
    for n, (slug, attachment) in enumerate(ODD):
        day = f"2026-11-{10 + n:02d}"
        body = f"第{n}条：防汛救助工作进展。\n"
        if attachment:
            body += f"\n![现场]({md_target(attachment)})\n\n[附件下载]({md_target(attachment)})\n"
            t.write(f"submissions/mengwang/2026/{attachment}", IMAGE_BYTES[attachment.rsplit(".", 1)[1]])
        follows = {"follows": f"mengwang/2026/{ids[-1]}"} if ids else {}
        rel = t.item(
            f"{day}-{slug}.md",
            title=f"勐往村防汛救助第{n}批工作进展",
            type="突发事件" if n < 3 else "动态",
            category="应急管理",
            tags="[防汛]",
            body=body,
            **follows,
        )
        ids.append(rel.rsplit("/", 1)[1][:-3])
    return ids


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("odd") / "repo"
    ids = make_odd_township(root)
    result, site = build(root)
    assert result.exit_code == 0, result.output
    assert "0 个错误" in result.output and "已发布 9 条信息" in result.output, result.output  # all valid
    return site, ids


def test_url_function_encodes_every_segment():
    uri = "items/u/2026/2026-11-24-第3批#救助.md"
    assert page_url(uri) == "items/u/2026/2026-11-24-第3批#救助/"
    assert href(uri) == quote("items/u/2026/2026-11-24-第3批", safe="/") + "%23" + quote("救助") + "/"
    assert "%2523" in href("items/u/2026/2026-11-24-简报%23第一期.md")
    assert link("units/u/index.md", uri) == "../../" + href(uri)
    assert link("items/u/2026/a.md", "items/u/2026/图#1.png") == "../" + quote("图") + "%231.png"
    for ch in "#%?&+'; =[]{}（）【】＃":
        assert unquote(href(f"items/x{ch}y.md")) == f"items/x{ch}y/"  # decodes back to the file name
        assert "#" not in href(f"items/x{ch}y.md") and "?" not in href(f"items/x{ch}y.md")


def test_every_relative_link_of_the_built_site_opens(odd_site):
    site, ids = odd_site
    folder = site / "items" / "mengwang" / "2026"
    for item_id, (_slug, attachment) in zip(ids, ODD, strict=True):  # the odd items and attachments were published
        assert (folder / item_id / "index.html").is_file()
        assert (folder / attachment).is_file()
    checked, broken = broken_links(site)
    assert not broken, "\n".join(broken[:20])
    # the item pages, the listings of every kind and the attachments were among the links checked
    unq = {unquote(u) for u in checked}
    for slug, attachment in ODD:
        assert any(f"-{slug}/" in u for u in unq), slug
        assert any(u.endswith("/" + attachment) for u in unq), attachment
    assert len(checked) > 40


@pytest.mark.browser
def test_every_search_result_opens(odd_site):
    """The index keeps each page's path decoded; the client encodes it (quotePath). Every record's link as the
    client makes it, and every result link the search page shows, answers 200."""
    site, _ids = odd_site
    records = []
    for chunk in sorted((site / "search_index" / "docs").glob("*.json")):
        records += json.loads(chunk.read_text(encoding="utf-8"))
    paths = [r[0] for r in records]
    assert len(paths) >= len(ODD)
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "search/?q=防汛救助")
        page.wait_for_selector(".bs-search[data-bs-state=done]")
        urls = page.evaluate("ps => ps.map(p => baosongSearch.quotePath(p))", paths)
        shown = page.eval_on_selector_all(".bs-result__title", "links => links.map(a => a.href)")
        for url in urls:
            assert re.fullmatch(r"[A-Za-z0-9._~!$&'()*+,;=:@/%-]*", url), url  # one encoded path, no # or ?
            assert status(urljoin(base + "search/", "../" + url)) == 200, unquote(url)
        assert len(shown) == len(ODD)  # the odd items, all on the first page of results
        for url in shown:
            assert url.startswith(base) and status(url) == 200, unquote(url)
    for slug, _ in ODD:
        assert any(f"-{slug}/" in p for p in paths), slug
        assert any(f"-{slug}/" in unquote(u) for u in shown), slug
