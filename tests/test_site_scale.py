"""The site at scale: pages outside the nav built in forked workers and from the page cache (site/render.py).

Every build here is compared byte for byte with the reference build in which MkDocs reads and builds every
page itself (``BAOSONG_SITE_PLAIN=1``): workers, the in-process path and the cache must not change a byte.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from helpers_site import build, previous_sites_deleted, sample_township

ITEMS = 60
REUSED = re.compile(r"生成页面：(\d+) 页，其中 (\d+) 页未变")


@pytest.fixture
def township(tmp_path, monkeypatch) -> Path:
    return sample_township(tmp_path, monkeypatch, ITEMS)


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def run(root: Path, site: Path, monkeypatch, plain=False, workers="2", *args) -> tuple[str, dict[str, bytes]]:
    with monkeypatch.context() as m:
        if plain:
            m.setenv("BAOSONG_SITE_PLAIN", "1")
        m.setenv("BAOSONG_SITE_WORKERS", workers)
        result, _ = build(root, *args, site=site)
    assert result.exit_code == 0, result.output
    return result.output, tree(site)


def counts(output: str) -> tuple[int, int]:
    m = REUSED.search(output)
    assert m, output
    return int(m.group(1)), int(m.group(2))


def assert_same(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, differ[:10]


def items(root: Path) -> list[Path]:
    return sorted((root / "submissions").rglob("*.md"))


RICH = """
## 进展情况

一是完成任务[^1]，HTML 与 CSS 是缩写。

*[HTML]: 超文本标记语言

=== "第一步"
    摸底排查

=== "第二步"
    集中整治

- [x] 已完成
- [ ] 未完成

```python
print("{n}")
```

!!! note "说明"
    第 {n} 篇。

[^1]: 脚注{n}。
"""


def test_workers_cache_and_plain_build_write_the_same_site(township, tmp_path, monkeypatch):
    # Extensions that keep state within a document (footnotes, abbreviations, tabs, heading ids):
    # workers convert many pages with one Markdown instance, which must not carry any of it over.
    for n, path in enumerate(items(township)[:4]):
        path.write_text(path.read_text(encoding="utf-8") + RICH.replace("{n}", str(n)), encoding="utf-8")
    _, plain = run(township, tmp_path / "plain", monkeypatch, plain=True)
    out, cold = run(township, tmp_path / "site", monkeypatch)
    total, reused = counts(out)
    assert total > ITEMS and reused == 0
    out, warm = run(township, tmp_path / "site", monkeypatch)
    assert counts(out) == (total, total)  # nothing changed: no page is converted or written again
    # Another site folder: its pages are not there yet, so every page is made and written.
    out, elsewhere = run(township, tmp_path / "elsewhere", monkeypatch)
    assert counts(out) == (total, 0)
    monkeypatch.setenv("BAOSONG_NO_CACHE", "1")
    out, serial = run(township, tmp_path / "serial", monkeypatch, workers="0")
    assert counts(out) == (total, 0)
    for other in (cold, warm, elsewhere, serial):
        assert_same(plain, other)
    page = next(name for name in plain if name.startswith("items/") and name.endswith("/index.html"))
    assert b'class="bs-item"' in plain[page] and b"md-nav" in plain[page]


def changed_pages(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in after if before.get(name) != after[name]}


def test_cache_follows_items_adoptions_followers_and_config(township, tmp_path, monkeypatch):
    run(township, tmp_path / "site", monkeypatch)
    files = items(township)

    def step(name: str) -> tuple[int, int, dict[str, bytes]]:
        out, cached = run(township, tmp_path / "site", monkeypatch)  # the previous site is kept and updated
        _, plain = run(township, tmp_path / f"{name}-plain", monkeypatch, plain=True)
        assert_same(plain, cached)  # a stale page would differ here
        total, reused = counts(out)
        return total, reused, cached

    # An item's text.
    first = files[0]
    first.write_text(first.read_text(encoding="utf-8").replace("。", "，已改。", 1), encoding="utf-8")
    total, reused, site = step("item")
    assert 0 < total - reused < total // 2
    assert (
        "已改"
        in site[f"items/{first.relative_to(township / 'submissions').with_suffix('').as_posix()}/index.html"].decode()
    )

    # An adoption of another item in the office ledger (no outlet: an outlet adds a nav section to every page).
    target = files[1].relative_to(township / "submissions").with_suffix("").as_posix()
    ledger = township / "office" / "adoptions" / "2026.yaml"
    ledger.write_text(
        ledger.read_text(encoding="utf-8") + f"- id: {target}\n  level: 乡采用\n  date: 2026-11-20\n",
        encoding="utf-8",
    )
    total, reused, site = step("adoption")
    assert "乡采用</span> 2026-11-20" in site[f"items/{target}/index.html"].decode()
    assert total - reused < total // 2

    # A follow-up report: the followed item's page now links to it.
    text = files[2].read_text(encoding="utf-8")
    followed = files[2].relative_to(township / "submissions").with_suffix("").as_posix()
    follower = text.replace("\ntitle: ", "\nfollows: " + followed + "\ntitle: 续报：", 1)
    (files[2].parent / (files[2].stem + "续报.md")).write_text(follower, encoding="utf-8")
    total, reused, site = step("follower")
    assert "后续报送" in site[f"items/{followed}/index.html"].decode()
    assert total - reused < total // 2

    # The site's config: every page shows the site name, so nothing is reused.
    config = township / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: ", "site_name: 新"), encoding="utf-8")
    total, reused, _ = step("config")
    assert reused == 0


def test_links_and_warnings_survive_the_cache(township, tmp_path, monkeypatch):
    """A page's link to another item: the cache notices when the target goes; warnings are replayed."""
    files = items(township)
    source, target = files[0], files[1]
    assert source.parent == target.parent
    # A link to a file that is not there is M14 (the item is not published): the warning comes from a link to an
    # item that exists but has errors, so it has no page.
    broken = source.parent / f"{source.parent.name}-01-01-有错误.md"
    broken.write_text("没有信息栏\n", encoding="utf-8")
    source.write_text(
        source.read_text(encoding="utf-8") + f"\n见[上一篇]({target.name})，另见[缺失]({broken.name})。\n",
        encoding="utf-8",
    )
    warning = broken.name
    out, _ = run(township, tmp_path / "site", monkeypatch)
    assert warning in out
    out, site = run(township, tmp_path / "site", monkeypatch)
    assert warning in out  # replayed from the cache
    assert counts(out)[0] == counts(out)[1]
    page = f"items/{source.relative_to(township / 'submissions').with_suffix('').as_posix()}/index.html"
    assert f'href="../{quote(target.stem)}/"' in site[page].decode()
    with monkeypatch.context() as m:
        m.setenv("BAOSONG_SITE_WORKERS", "2")
        result, _ = build(township, "--strict", site=tmp_path / "strict")
    assert result.exit_code == 1  # the cached warning still counts in strict mode

    target.write_text("没有信息栏\n", encoding="utf-8")  # the target gets an error: its page goes
    out, cached = run(township, tmp_path / "site", monkeypatch)
    _, plain = run(township, tmp_path / "d", monkeypatch, plain=True)
    assert_same(plain, cached)
    assert f'href="{target.name}"' in cached[page].decode()  # left as written, with MkDocs' warning
    assert target.name in out


def test_a_rebuild_is_exactly_a_clean_build_and_keeps_hidden_entries(township, tmp_path, monkeypatch):
    """Each build writes a fresh folder (keep.py): nothing of the previous site that this build does not make
    survives, unchanged pages are linked from it, hidden top-level entries (a gh-deploy ``.git``) stay."""
    site = tmp_path / "site"
    run(township, site, monkeypatch)
    withdrawn, edited = items(township)[0], items(township)[1]
    page = lambda path: site / "items" / path.relative_to(township / "submissions").with_suffix("") / "index.html"  # noqa: E731
    assert page(withdrawn).is_file()
    unchanged = page(items(township)[2])
    inode = unchanged.stat().st_ino
    withdrawn.unlink()
    (site / "stray.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (site / "items" / "old").mkdir()
    (site / "items" / "old" / "index.html").write_text("旧页面", encoding="utf-8")
    (site / "guide" / "link.html").symlink_to("/etc/passwd")
    page(edited).write_text("被人改过", encoding="utf-8")  # not the file the ledger recorded: written again
    (tmp_path / ".site.baosong-new").mkdir()  # left by a build that was killed: never published, never reused
    (tmp_path / ".site.baosong-new" / "index.html").write_text("旧首页", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")  # MkDocs leaves these
    (legacy,) = {p.parent for p in (tmp_path / "cache").rglob("written-*.json")}
    (legacy / "0123abcd.pickle").write_bytes(b"HTML an earlier version kept")
    _, kept = run(township, site, monkeypatch)
    assert not list(legacy.glob("*.pickle"))  # earlier versions' pickles are dropped
    assert previous_sites_deleted(site)
    assert unchanged.stat().st_ino == inode and unchanged.stat().st_nlink == 1  # linked, not written; old site gone
    _, plain = run(township, tmp_path / "plain", monkeypatch, plain=True)
    assert kept.pop(".git/HEAD")
    assert_same(plain, kept)
    assert not page(withdrawn).exists() and not (site / "items" / "old").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [".site.baosong-lock"]


def test_a_failed_build_leaves_the_previous_site_untouched(township, tmp_path, monkeypatch):
    site = tmp_path / "site"
    _, before = run(township, site, monkeypatch)
    assert list(site.glob("items/**/index.html"))
    items(township)[0].unlink()
    override = township / "site_config" / "overrides" / "main.html"
    good = override.read_text(encoding="utf-8")
    override.write_text(good + "{% block footer %}{{ no_such_function() }}{% endblock %}\n", encoding="utf-8")
    with monkeypatch.context() as m:
        m.setenv("BAOSONG_SITE_WORKERS", "2")
        result, _ = build(township, site=site)
    assert result.exit_code == 1 and "构建失败：网站模板出错" in result.output and "Traceback" not in result.output
    assert_same(before, tree(site))  # still served as it was, not emptied, nothing half-written
    assert not (tmp_path / ".site.baosong-new").exists()
    override.write_text(good, encoding="utf-8")
    _, rebuilt = run(township, site, monkeypatch)
    _, plain = run(township, tmp_path / "plain", monkeypatch, plain=True)
    assert_same(plain, rebuilt)


def test_listing_pages_after_the_first_do_not_move_when_an_item_comes():
    """Pages are cut from the oldest end: a new item changes page 1 only, until the page count changes."""
    from baosong.site.pages.common import PAGE_SIZE, paginate

    def pages(count: int) -> dict[str, list[int]]:
        return {uri: chunk for uri, chunk, _ in paginate("types/n1", list(range(count, 0, -1)))}

    for count in (0, 1, PAGE_SIZE - 1, PAGE_SIZE, 2 * PAGE_SIZE - 1, 2 * PAGE_SIZE, 7 * PAGE_SIZE + 3):
        made = pages(count)
        assert sorted(i for chunk in made.values() for i in chunk) == list(range(1, count + 1))
        assert all(len(chunk) == PAGE_SIZE for uri, chunk in made.items() if uri != "types/n1/index.md")
        assert len(made["types/n1/index.md"]) < 2 * PAGE_SIZE
    before, after = pages(7 * PAGE_SIZE + 3), pages(7 * PAGE_SIZE + 4)
    assert [uri for uri in after if after[uri] != before.get(uri)] == ["types/n1/index.md"]


def test_html_blocks_skip_markdown_and_come_back_in_place():
    from baosong.scan.markdown_setup import make_markdown
    from baosong.site.pages import BLOCK_CLOSE, BLOCK_OPEN, environment, join_blocks, split_blocks
    from baosong.site.plugin import block_anchors

    table = environment().from_string("{{ x|html_block }}").render(x="<b>") + "\n"
    assert table == f"{BLOCK_OPEN}&lt;b&gt;{BLOCK_CLOSE}\n"  # the value is escaped, the marker is ours
    nested = f"# 标题\n\n{BLOCK_OPEN}<div id='a'>{BLOCK_OPEN}<svg id=\"c\"></svg>{BLOCK_CLOSE}</div>{BLOCK_CLOSE}\n\n正文 *强调*\n"
    markdown, blocks = split_blocks(nested)
    assert blocks == ["<div id='a'><svg id=\"c\"></svg></div>"] and BLOCK_OPEN not in markdown
    html = join_blocks(make_markdown().convert(markdown), blocks)
    assert "<div id='a'><svg id=\"c\"></svg></div>" in html and "<em>强调</em>" in html and "bshtmlblock" not in html
    assert block_anchors(blocks) == {"a", "c"}
    unbalanced = f"甲{BLOCK_OPEN}乙"
    assert split_blocks(unbalanced) == ("甲乙", [])  # never made by our templates: left as text
