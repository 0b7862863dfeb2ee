"""13.3: nothing a user types collides with the generator's internals; 13.1: the stored HTML is MkDocs' page.

Placeholders carry a per-build nonce; ``bs-``/``md-`` names are the site's (refused by S08, stripped by the
sanitizer); the body HTML the build publishes is byte for byte what MkDocs' own ``Page.render`` makes.
"""

from __future__ import annotations

import re

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from baosong.checks.repository import load_repository
from baosong.scan.markdown_setup import CONFIGS, EXTENSIONS
from baosong.scan.render import render_many
from baosong.site import pages, sanitize
from baosong.site.bodies import stored_render
from baosong.township.dates import parse_date
from helpers_site import TODAY, add_site_config, build, build_with

# --- placeholders ----------------------------------------------------------------------------------------

TYPED = [
    "突发事件bshtmlblock99z标题",
    "突发事件bshtmlblock0z标题",
    "勐往村bshtmlblock0123456789abcdefx0z续报",
    "勐往村<p>bshtmlblock1z</p>续报",
]


def test_placeholders_carry_a_nonce_and_a_bad_index_is_left_alone():
    a, b = pages.new_nonce(), pages.new_nonce()
    assert a != b and re.fullmatch(r"[0-9a-f]{16}", a)
    markdown, blocks = pages.split_blocks(f"前文\n\n{pages.BLOCK_OPEN}<table></table>{pages.BLOCK_CLOSE}\n", a)
    assert pages.placeholder(a, 0) in markdown and blocks == ["<table></table>"]
    typed = "".join(f"<h2 id='{t}'>{t}</h2>" for t in TYPED)
    html = f"{typed}<p>{pages.placeholder(a, 0)}</p><p>{pages.placeholder(a, 7)}</p>"
    joined = pages.join_blocks(html, blocks, a)
    assert joined.startswith(typed)  # typed look-alikes stay text, a missing index stays as it was
    assert joined.count("<table></table>") == 1 and pages.placeholder(a, 7) in joined
    assert pages.join_blocks(html, blocks, b) == html  # another build's nonce matches nothing


@pytest.mark.slow
def test_titles_holding_placeholder_text_build_every_page(township, tmp_path):
    for n, title in enumerate(TYPED):
        township.item(name=f"2026-11-2{n + 1}-突发{n}.md", title=title, type="突发事件", category="应急管理")
    township.write(
        "office/requests/2026.yaml",
        "- id: 2026-防汛\n  title: 关于报送bshtmlblock0z防汛工作信息的通知bshtmlblock99z\n"
        "  issued: 2026-11-01\n  due: 2026-12-20\n  units: all\n",
    )
    add_site_config(township.root)
    result, site = build(township.root)
    assert result.exit_code == 0, result.output
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "bshtmlblock0z防汛工作信息的通知bshtmlblock99z" in home  # the request title, as typed
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'id="[^"]*<', text), path  # no block pasted into an attribute
        left = set(re.findall(r"bshtmlblock[0-9a-f]{16}x", text)) - {"bshtmlblock0123456789abcdefx"}  # typed
        assert not left, path  # every real placeholder was replaced
    for title in TYPED[:3]:
        assert any(title in p.read_text(encoding="utf-8") for p in (site / "items").rglob("index.html")), title


# --- the site's class and id names ---------------------------------------------------------------------

SITE_NAMES = [
    "**县采用**{: .bs-badge .bs-badge--adopted }",
    "段落\n{: .bs-search }",
    "段落\n{: .bs-header-search }",
    "## 小标题 { #__search .md-header }",
    '!!! bs-badge "采用"\n    假的采用标记',
    "段落\n{: #bs-results .BS-Badge }",
]


@pytest.mark.parametrize("body", SITE_NAMES)
def test_site_names_are_stripped_from_bodies(body):
    (rendered,) = render_many({"b": body}).values()
    cleaned = sanitize.clean(rendered.html)
    for token in re.findall(r'(?:class|id)="([^"]*)"', cleaned):
        assert not any(sanitize.reserved_token(t) for t in token.split()), cleaned
    assert rendered.verdict.problems  # and validate refuses them (S08)


@pytest.mark.parametrize(
    "body",
    [
        '段落<bdo dir="rtl">号码倒着显示</bdo>',
        "倒排段落\n{: dir=rtl }",
        '<p dir="rtl">整段倒排</p>',
        '<span dir="RTL">倒排</span>',
    ],
)
def test_text_direction_cannot_be_turned(body):
    """dir= and <bdo> let a body show text in another order than it was written: never published."""
    (rendered,) = render_many({"b": body}).values()
    cleaned = sanitize.clean(rendered.html)
    assert "dir=" not in cleaned.lower() and "<bdo" not in cleaned
    assert "倒" in cleaned  # the words stay


@pytest.mark.slow
def test_site_names_in_a_body_do_not_reach_the_page(township, tmp_path):
    rel = township.item(body="本条信息" + SITE_NAMES[0] + "\n\n段落\n{: .bs-search }\n")
    add_site_config(township.root)
    repo = load_repository(township.root, parse_date(TODAY))
    assert [f.code for f in repo.findings if f.path == rel] == ["S08", "S08", "S08"]
    repo.findings = []  # even past the validator
    site = tmp_path / "bypass"
    build_with(repo, township.root, site)
    page = (site / "items" / rel[len("submissions/") : -3] / "index.html").read_text(encoding="utf-8")
    content = page[page.index("本条信息") - 200 :]
    assert "bs-badge--adopted" not in content and 'class="bs-search' not in content


# --- the stored HTML is what MkDocs' render makes ------------------------------------------------------------

BODIES = [
    "见[附件](照片.png)、![现场](照片.png)和[上期](2026-11-20-上期.md)、[上期小节](2026-11-20-上期.md#cheng-xiao)。",
    "[本页小节](#xiao-jie)、[不存在](没有.md)、[目录](../)、[绝对](/abs/x.md)、[外部](https://a.cn/x?a=1&b=2)。",
    "邮件 <dzb@example.gov.cn>，[写信](mailto:dzb@example.gov.cn)，<https://www.example.gov.cn/>",
    '## 小节 { #xiao-jie }\n\n脚注[^1]。\n\n[^1]: 见[附件](照片.png "标题 & <说明>")。',
    '| 甲 | 乙 |\n|:--|--:|\n| [a](照片.png) | 2 |\n\n=== "一"\n    内容\n\n!!! note "提示"\n    [b](./照片.png)',
    "*[HTML]: 超文本\n\nHTML 与 [HTML](2026-11-20-上期.md)\n\n术语\n:   定义[c](%E7%85%A7%E7%89%87.png)",
]


def mkdocs_config(tmp_path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig()
    config.load_dict(
        {
            "site_name": "t",
            "docs_dir": str(tmp_path / "docs"),
            "site_dir": str(tmp_path / "out"),
            "markdown_extensions": [{n: CONFIGS[n]} if n in CONFIGS else n for n in EXTENSIONS],
        }
    )
    errors, _ = config.validate()
    assert not errors
    return config


@pytest.mark.parametrize("body", BODIES)
def test_stored_html_is_what_mkdocs_renders(body, tmp_path):
    config = mkdocs_config(tmp_path)
    uri = "items/mengwang/2026/2026-11-24-本条.md"
    docs = tmp_path / "docs"
    for rel, content in (
        (uri, "\n" + body),
        ("items/mengwang/2026/2026-11-20-上期.md", "上期"),
        ("items/mengwang/2026/照片.png", "png"),
    ):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(content, encoding="utf-8")
    files = Files(
        [
            File(rel, str(docs), config.site_dir, config.use_directory_urls)
            for rel in sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
        ]
    )
    theirs = Page(None, files.get_file_from_path(uri), config)
    theirs.read_source(config)
    theirs.render(config, files)
    (rendered,) = render_many({"b": body}).values()
    ours = Page(None, files.get_file_from_path(uri), config)
    stored_render(ours, rendered.html)(config, files)
    assert ours.content == theirs.content
    assert ours.present_anchor_ids == theirs.present_anchor_ids
    assert {f.src_uri: v for f, v in (ours.links_to_anchors or {}).items()} == {
        f.src_uri: v for f, v in (theirs.links_to_anchors or {}).items()
    }
