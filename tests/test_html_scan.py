"""S08: bodies rendered with the site's Markdown in a time-limited worker; what must not be published."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from baosong.checks import Context
from baosong.checks.html import audit_items, needs_render
from baosong.items import Item
from baosong.rules import Rules
from baosong.scan.html_worker import url_problem
from baosong.scan.render import Renderer
from helpers_sensitive import findings, item_text, make_repo

CTX = Context(Path("."), None, Rules(), date(2026, 11, 25))


def item(body: str, n: int = 0) -> Item:
    return Item(f"submissions/mengwang/2026/2026-11-24-t{n}.md", {}, {}, body, 12)


def details(body: str) -> list[str]:
    return [f.message for f in audit_items([item(body)], CTX)]


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(1)</script>",
        "会议<span>气氛热烈</span>",
        "<!-- 删去的内容 -->",
        "<img src=x onerror=alert(1)>",
        "[点这里](javascript:alert(1))",
        "[点这里](JaVa&#115;cript:alert(1))",
        "[点这里](java\tscript:alert(1))",
        "[下载](data:text/html;base64,PHNjcmlwdD4=)",
        "[打开](vbscript:msgbox(1))",
        "[文件](file:///etc/passwd)",
        "[通知](//example.com/x)",
        "![照片](https://example.com/a.jpg)",
        "![照片](/images/a.jpg)",
        "![照片](data:image/png;base64,AAAA)",
        '段落\n{: onclick="alert(1)" }',
        '## 标题 { onmouseover="alert(1)" }',
        '*重点*{ onclick="alert(1)" }',
        '![图](a.png){ onerror="alert(1)" }',
        '[链接](https://example.com){ href="javascript:alert(1)" }',
        '段落\n{: style="display:none" }',
        "[说明][1]\n\n[1]: javascript:alert(1)",
    ],
)
def test_forbidden_content_is_found(body):
    found = details(body)
    assert found, body
    assert all(m.startswith("第 12 行") or m.startswith("第 13 行") or m.startswith("第 14 行") for m in found)


@pytest.mark.parametrize(
    "body",
    [
        "普通正文，没有任何标记。",
        "[县政府网站](https://www.example.gov.cn/a.html) 和 <https://www.example.gov.cn/>",
        "[党政办](mailto:dzb@example.gov.cn)",
        "![现场](images/2026-11-24-现场.jpg) ![合影](../2026/hy.png)",
        "[上期](2026-11-20-山体滑坡.md)",
        "| 项目 | 数量 |\n|:---|---:|\n| 茶园 | 3,000亩 |",
        "气温<5℃时注意防冻，R&D 投入增加。",
        "用 `<script>` 标签的网页要小心。",
        "```text\n<b>示例</b>\n```",
        "## 成效 { #chengxiao .lead }",
        '!!! note "提示"\n    请按时报送。',
        "- [x] 完成排查\n- [ ] 整改销号",
        "脚注[^1]。\n\n[^1]: 数据来源于乡统计站。",
    ],
)
def test_markdown_the_site_renders_safely_passes(body):
    assert details(body) == []


def test_line_of_the_problem():
    found = [f.line for f in audit_items([item("第一段。\n\n第二段。\n\n[x](javascript:alert(1))")], CTX)]
    assert found == [16]


def test_url_rules():
    assert url_problem("https://a.cn/x", image=False) is None
    assert url_problem("mailto:a@b.cn", image=False) is None
    assert url_problem("../a.md", image=False) is None
    assert url_problem("&#106;avascript:alert(1)", image=False)
    assert url_problem("//evil.example", image=False)
    assert url_problem("https://a.cn/x.png", image=True)
    assert url_problem("img/x.png", image=True) is None


def test_prefilter_spares_typical_items():
    assert not needs_render("勐往村召开会议，参会人员 38 人，资金 12,345.67 元（含配套）。\n\n- 一是……\n- 二是……")
    for trigger in ("<b", "{", "[", "&amp;"):
        assert needs_render(f"正文{trigger}")


@pytest.mark.parametrize(
    ("body", "render"),
    [
        ("详见[通知](https://www.example.gov.cn/a.html?a=1&b=2)。", False),
        ("[上期](2026-11-20-山体滑坡.md)、[党政办](mailto:dzb@example.gov.cn)", False),
        ("[x](//evil.example)", True),
        ("[x](javascript:alert(1))", True),
        ("[x](/abs/path)", True),
        ("![x](images/a.png)", False),
        ("气温<5℃，R&D 投入增加", False),
        ("政策原文：<https://www.example.gov.cn/zcwj/>", False),
        ("脚注[^1]。\n\n[^1]: 数据来源于乡统计站。", False),
        ("- [x] 完成排查\n- [ ] 整改销号", False),
        ("<http://a.cn/x onclick=1>", True),
        ("[^1]: <b>x</b>", True),
        ("![x](https://example.com/a.png)", True),
        ("![x](/images/a.png)", True),
        ("![x](a.png){ onerror=1 }", True),
        ("a<b>x</b>", True),
        ("&#106;", True),
        ('[x](https://a.cn "标题")', True),
        ("[x](https://a.cn){: onclick=1 }", True),
        ("[[y](https://a.cn)](javascript:1)", True),
    ],
)
def test_harmless_markup_needs_no_rendering(body, render):
    assert needs_render(body) is render


def test_pathological_markdown_times_out_and_the_worker_is_replaced():
    with Renderer(time_limit=1.0) as renderer:
        assert renderer.audit("第一条正常。").problems == []
        assert renderer.started == 1
        result = renderer.audit("[" * 20000)
        assert result.timed_out
        after = renderer.audit("<b>x</b>")  # a fresh worker answers the next body
        assert not after.timed_out and after.problems
        assert renderer.started == 2


def test_timeout_is_an_s08_finding_in_chinese():
    bodies = [item("[" * 20000, 1), item("<i>下一条</i>", 2)]
    found = list(audit_items(bodies, CTX, time_limit=1.0))
    assert [f.path for f in found] == [bodies[0].path, bodies[1].path]
    assert "秒内没有排版完成" in found[0].message and found[0].code == "S08" and found[0].severity == "error"


def test_one_worker_for_many_items():
    with Renderer() as renderer:
        for n in range(30):
            renderer.audit(f"第 {n} 条 [链接](https://a.cn/{n})")
        assert renderer.started == 1


def test_validate_reports_s08(tmp_path):
    make_repo(tmp_path, {"会议": item_text("会议召开。\n\n<script>alert(1)</script>")})
    found = [f for f in findings(tmp_path) if f["code"] == "S08"]
    assert len(found) == 1 and found[0]["line"] == 14 and "<script>" in found[0]["message"]


def test_markup_in_title_and_tags_is_s08(township):
    from baosong.dates import parse_date
    from baosong.repository import load_repository

    rel = township.item(title="勐往村召开会议<script>alert(1)</script>", tags="[安全生产, <b>防汛</b>]")
    near = township.item(name="2026-11-24-会议.md", title="勐往村召开“安全生产 & 防汛”会议 <3 次")
    found = [(f.path, f.code, f.field) for f in load_repository(township.root, parse_date("2026-11-25")).findings]
    assert (rel, "S08", "title") in found and (rel, "S08", "tags") in found
    assert [f for f in found if f[0] == near] == []
