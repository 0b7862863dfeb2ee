"""13.1: validate renders every body once, in limited workers; F12 for what cannot be rendered; the build
publishes validation's HTML and never renders an item that did not pass."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from baosong.cli.main import cli
from baosong.scan.render import render_many
from helpers_site import TODAY, add_site_config, build

FIRST = 12  # the body's first line in conftest's item_text (11 lines of front matter and fences)


def nested(prefix: str, depth: int, leaf: str = "x") -> str:
    return prefix * depth + leaf


# Every construct the enabled extensions parse, made pathological: (name, body, line of the structure)
PATHOLOGICAL = [
    ("list", "正常的第一段。\n\n" + nested("- ", 600), FIRST + 2),
    ("ordered-list", nested("1. ", 600), FIRST),
    ("quotes", "引用：\n\n" + "> " * 50 + nested("- ", 600), FIRST + 2),
    ("definition-list", "术语\n:   " + nested("- ", 600), FIRST),
    ("emphasis-nesting", "*" * 3000 + "重点" + "*" * 3000, FIRST),
    ("strike-run", "~~甲 " * 12000, FIRST),
    ("caret-run", "^^甲 " * 12000, FIRST),
    ("mark-run", "==甲 " * 12000, FIRST),
    ("backticks", "`" * 12000, FIRST),
    ("setext-headings", "标题\n===\n" * 9000, FIRST),
    ("table-in-list", nested("- ", 500, "| 甲 |\n") + "  " * 500 + "|---|\n", FIRST),
    ("footnote", "见脚注[^1]。\n\n[^1]: " + nested("- ", 600), FIRST + 2),
    ("admonition", "".join("\t" * i + "!!! note\n" for i in range(400)) + "\t" * 400 + "x", FIRST),
    ("tabs", "".join("\t" * i + '=== "甲"\n' for i in range(400)) + "\t" * 400 + "x", FIRST),
    ("details", "".join("\t" * i + "??? note\n" for i in range(400)) + "\t" * 400 + "x", FIRST),
    ("abbreviations", "*[甲]: 乙\n" * 3000 + "甲 " * 3000, FIRST),
    ("link-openers", "[甲](" * 12000, FIRST),
]

DEEP_BUT_FINE = "> " * 5000 + "排查深引用"  # 5,000 quote levels render in well under a second: published
NORMAL = "11月25日，勐往村召开安全生产工作会议。\n\n| 项目 | 数量 |\n|---|---:|\n| 排查 | 12 |\n\n- 一是\n    - 细化\n"


def validate_json(root: Path) -> list[dict]:
    result = CliRunner().invoke(cli, ["validate", "--root", str(root), "--today", TODAY, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["findings"]


def test_worker_answers_with_each_kind_of_failure_and_goes_on():
    out = render_many({"deep": nested("- ", 600), "slow": "~~a " * 12000, "fine": "**好**"}, workers=1)
    assert out["deep"].verdict.failure == "depth" and out["deep"].html is None
    assert out["slow"].verdict.failure == "time"
    assert out["fine"].verdict.failure is None and out["fine"].html == "<p><strong>好</strong></p>"


@pytest.mark.slow
def test_pathological_bodies_are_f12_and_the_build_publishes_the_rest(township, tmp_path):
    good = [
        township.item(name=f"2026-11-2{n}-正常{n}.md", body=NORMAL, title=f"勐往村召开安全生产工作会议第{n}次")
        for n in (1, 2)
    ]
    good.append(
        township.item(name="2026-11-23-深引用.md", body=DEEP_BUT_FINE, title="勐往村召开安全生产工作会议深引用")
    )
    bad = {}
    for n, (name, body, line) in enumerate(PATHOLOGICAL):
        rel = township.item(name=f"2026-11-24-{name}.md", body=body, title=f"勐往村召开安全生产工作会议{n:02d}")
        bad[rel] = (name, line)
    started = time.monotonic()
    found = validate_json(township.root)
    seconds = time.monotonic() - started
    f12 = {f["path"]: f for f in found if f["code"] == "F12"}
    assert set(f12) == set(bad), sorted(set(bad) - set(f12))
    for rel, (name, line) in bad.items():
        assert f12[rel]["severity"] == "error" and f12[rel]["line"] == line, (name, f12[rel])
        assert f12[rel]["message"].startswith(f"第 {line} 行起")
    assert not [f for f in found if f["path"] in good and f["severity"] == "error"]
    # each body is stopped within its limit (2 s + 1 s per 20 KB of CPU), not after minutes
    assert seconds < 240, seconds

    add_site_config(township.root)
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("上次的网站", encoding="utf-8")
    result, site = build(township.root, site=site)
    assert result.exit_code == 0, result.output
    for rel in good:
        page = site / "items" / rel[len("submissions/") : -3] / "index.html"
        assert "排查" in page.read_text(encoding="utf-8")
    for rel in bad:
        assert f"未发布 {rel}：F12" in result.output
        assert not (site / "items" / rel[len("submissions/") : -3]).exists()
    assert (site / "index.html").is_file() and len(list(site.rglob("*.html"))) > 20


def test_the_build_publishes_the_html_validation_rendered(township, tmp_path):
    """Render each body once: the build takes validation's HTML from the store (changed there: changed on the page)."""
    rel = township.item(body="会议**部署**了冬季工作。\n")
    validate_json(township.root)
    stores = list((Path(os.environ["XDG_CACHE_HOME"]) / "baosong" / "render").glob("*.sqlite3"))
    assert len(stores) == 1 and not list(township.root.rglob("*.sqlite3"))  # outside the repository
    with sqlite3.connect(stores[0]) as db:
        (count,) = db.execute("SELECT count(*) FROM bodies WHERE html LIKE '%<strong>部署</strong>%'").fetchone()
        assert count == 1
        db.execute("UPDATE bodies SET html = replace(html, '部署', '已在检查时排版')")
    add_site_config(township.root)
    result, site = build(township.root)
    assert result.exit_code == 0, result.output
    page = (site / "items" / rel[len("submissions/") : -3] / "index.html").read_text(encoding="utf-8")
    assert "<strong>已在检查时排版</strong>" in page


def test_verdicts_are_kept_by_content_hash(township):
    body = "第一条[链接](https://www.example.gov.cn/)。\n"
    township.item(body=body)
    township.item(name="2026-11-24-同样的正文.md", body=body, title="勐往村召开安全生产工作会议第二次")
    validate_json(township.root)
    from baosong.scan import store

    kept = store.for_root(township.root)
    key = store.body_key(body)
    assert list(kept.verdicts([key])) == [key]  # two items, one body: one entry
    assert kept.html(key) == '<p>第一条<a href="https://www.example.gov.cn/">链接</a>。</p>'
    assert store.body_key(body + " ") != key


def test_the_build_renders_hand_written_pages_under_the_same_limits(township, tmp_path):
    township.item()
    add_site_config(township.root)
    (township.root / "site_config" / "docs" / "slow.md").write_text("# 慢\n\n" + "~~甲 " * 12000, encoding="utf-8")
    site = tmp_path / "site"
    result, site = build(township.root, site=site)
    assert result.exit_code != 0
    assert "slow.md 的 Markdown 结构过于复杂，排版超时" in result.output and "Traceback" not in result.output


def test_the_store_drops_its_oldest_rows_past_its_size(tmp_path):
    from baosong.scan.render import Rendered, Verdict
    from baosong.scan.store import BodyStore

    kept = BodyStore(tmp_path / "bodies.sqlite3")
    kept.put({f"k{i}": Rendered(Verdict(), f"<p>{i}</p>") for i in range(10)})
    kept.prune(4)
    assert set(kept.verdicts([f"k{i}" for i in range(10)])) == {"k7", "k8", "k9"}
    assert kept.html("k9") == "<p>9</p>" and kept.html("k0") is None
    (tmp_path / "damaged.sqlite3").write_bytes(b"not a database" * 100)
    damaged = BodyStore(tmp_path / "damaged.sqlite3")
    assert damaged.verdicts(["k1"]) == {}  # started again, not a crash
    damaged.put({"k1": Rendered(Verdict(failure="time"), None)})
    assert damaged.verdicts(["k1"])["k1"].failure == "time"


def test_a_check_of_some_files_renders_only_what_could_be_wrong(township):
    from baosong.scan import store

    plain = township.item(body="会议部署了冬季工作，[县政府网站](https://www.example.gov.cn/)有全文。\n")
    deep = township.item(name="2026-11-24-嵌套.md", body=nested("- ", 600), title="勐往村召开安全生产工作会议第二次")
    result = CliRunner().invoke(
        cli, ["validate", plain, deep, "--root", str(township.root), "--today", TODAY, "--format", "json"]
    )
    found = json.loads(result.output)["findings"]
    assert [(f["path"], f["code"], f["line"]) for f in found if f["severity"] == "error"] == [(deep, "F12", FIRST)]
    kept = store.for_root(township.root)
    body = (township.root / plain).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert kept.verdicts([store.body_key(body)]) == {}  # provably plain, no build to feed: not rendered
    full = validate_json(township.root)  # a whole-repository check renders it (the build takes that HTML)
    assert kept.html(store.body_key(body)).startswith("<p>会议部署了冬季工作")
    assert [f["code"] for f in full if f["severity"] == "error"] == ["F12"]


def test_the_build_renders_generated_pages_under_the_same_limits(township, tmp_path):
    """The office's home text goes into a generated page: rendered by the plugin's code, with the CPU limit."""
    township.item()
    add_site_config(township.root)
    (township.root / "site_config" / "docs" / "index.md").write_text("~~甲 " * 12000, encoding="utf-8")
    result, _ = build(township.root, site=tmp_path / "site")
    assert result.exit_code != 0
    assert "index.md 生成失败：TimeoutError: Markdown 排版超过" in result.output and "Traceback" not in result.output


def test_a_long_process_keeps_no_store_files_open(township, monkeypatch, tmp_path):
    """Each cache folder opens its own store; a process that meets many (tests, serve) closes the old ones."""
    import os

    from baosong.checks.repository import load_repository
    from baosong.township.dates import parse_date

    township.item()

    def open_files() -> int:
        return len(os.listdir("/proc/self/fd"))

    counts = []
    for n in range(6):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / f"cache{n}"))
        load_repository(township.root, parse_date("2026-11-25"))
        counts.append(open_files())
    assert counts[-1] <= counts[1] + 1, counts
