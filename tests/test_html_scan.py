"""S08: bodies rendered with the site's Markdown in limited workers; what must not be published, on its own line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from baosong.checks.html import audit_items
from baosong.checks.registration import Context
from baosong.scan.html_worker import url_problem
from baosong.township.items import Item
from baosong.township.rules import Rules
from helpers_sensitive import findings, item_text, make_repo


def ctx() -> Context:
    return Context(Path("."), None, Rules(), date(2026, 11, 25))


def item(body: str, n: int = 0) -> Item:
    return Item(f"submissions/mengwang/2026/2026-11-24-t{n}.md", {}, {}, body, 12)


def details(body: str) -> list[str]:
    return [f.message for f in audit_items([item(body)], ctx())]


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
    found = [f.line for f in audit_items([item("第一段。\n\n第二段。\n\n[x](javascript:alert(1))")], ctx())]
    assert found == [16]


def test_url_rules():
    assert url_problem("https://a.cn/x", image=False) is None
    assert url_problem("mailto:a@b.cn", image=False) is None
    assert url_problem("../a.md", image=False) is None
    assert url_problem("&#106;avascript:alert(1)", image=False)
    assert url_problem("//evil.example", image=False)
    assert url_problem("https://a.cn/x.png", image=True)
    assert url_problem("img/x.png", image=True) is None


def test_validate_reports_s08(tmp_path):
    make_repo(tmp_path, {"会议": item_text("会议召开。\n\n<script>alert(1)</script>")})
    found = [f for f in findings(tmp_path) if f["code"] == "S08"]
    assert len(found) == 1 and found[0]["line"] == 14 and "<script>" in found[0]["message"]


def test_markup_in_title_and_tags_is_s08(township):
    from baosong.checks.repository import load_repository
    from baosong.township.dates import parse_date

    rel = township.item(title="勐往村召开会议<script>alert(1)</script>", tags="[安全生产, <b>防汛</b>]")
    near = township.item(name="2026-11-24-会议.md", title="勐往村召开“安全生产 & 防汛”会议 <3 次")
    found = [(f.path, f.code, f.field) for f in load_repository(township.root, parse_date("2026-11-25")).findings]
    assert (rel, "S08", "title") in found and (rel, "S08", "tags") in found
    assert [f for f in found if f[0] == near] == []


# --- 12.5: every offending link, image or element on its own line ------------------------------------------


def lines_of(lines: dict[int, str], first: int = 12) -> list[tuple[int, str]]:
    """(line, message) of the S08 findings of a body whose file lines ``first``… hold ``lines`` (else blank)."""
    last = max(lines)
    body = "\n".join(lines.get(n, "") for n in range(first, last + 1))
    found = audit_items([Item("submissions/mengwang/2026/2026-11-24-x.md", {}, {}, body, first)], ctx())
    return [(f.line, f.message) for f in found]


def test_disguised_links_are_each_on_their_own_line():
    # the example: both were reported on line 18
    found = lines_of(
        {12: "会议要求：", 18: "[办事指南](javascript&#58;alert(1))", 22: "[办事指南](java&#9;script:alert(1))"}
    )
    assert sorted(line for line, _ in found) == [18, 22]
    assert all(f"第 {line} 行" in message for line, message in found)


def test_a_footnotes_element_is_reported_where_the_footnote_is():
    # the example: a footnote's <img onerror> on line 22 was reported at line 14
    found = lines_of({14: "正文引用了脚注[^1]，另有 <img src=a.png> 一处。", 22: "[^1]: <img src=x onerror=alert(1)>"})
    assert {line for line, _ in found} == {14, 22}
    assert any(line == 22 and "onerror" in message for line, message in found)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # the same link twice: two findings, two lines
        ({13: "[点这里](javascript:alert(1))", 17: "[点这里](javascript:alert(1))"}, [13, 17]),
        # character references of every form, and invisible characters inside the scheme
        (
            {12: "[a](&#106;avascript:alert(1))", 15: "[b](javascript&colon;alert(1))", 19: "[c](jav&#x61;script:x)"},
            [12, 15, 19],
        ),
        ({13: "[a](java\u0000script:x)", 16: "[b](ja&#10;vascript:x)"}, [13, 16]),
        # a table's cells
        (
            {12: "| 项目 | 链接 |", 13: "|---|---|", 14: "| 一 | [a](https://a.cn) |", 15: "| 二 | [b](vbscript:x) |"},
            [15],
        ),
        # a definition list
        (
            {
                12: "办事指南",
                13: ":   [a](data:text/html,x)",
                15: "联系方式",
                16: ":   ![b](https://evil.example/b.png)",
            },
            [13, 16],
        ),
        # abbreviations: the abbreviated word inside an offending link; the definition itself is text
        ({12: "*[指南]: 办事指南全称", 14: "见[指南](javascript:x)。", 16: "又见[指南](https://a.cn)。"}, [14]),
        # a reference definition far from its use: the line of the definition (where the address is written)
        ({12: "见[说明][1]。", 20: "[1]: javascript:alert(1)"}, [20]),
        # footnotes holding a link and raw HTML
        ({12: "甲[^a]乙[^b]", 14: "[^a]: [x](javascript:1)", 15: "[^b]: <span>注</span>"}, [14, 15]),
    ],
)
def test_each_problem_on_its_line(lines, expected):
    found = lines_of(lines)
    assert sorted({line for line, _ in found}) == expected, found


def test_site_classes_and_ids_are_refused_on_their_line():
    found = lines_of(
        {
            12: "本村**县采用**{: .bs-badge .bs-badge--adopted }",
            14: "搜索框",
            15: "{: .bs-search }",
            17: "## 标题 { #md-header }",
            19: '!!! md-typeset "提示"',
            20: "    内容",
        }
    )
    assert {line for line, _ in found} == {12, 15, 17, 19}
    assert all("网站自己的样式名" in message for _, message in found)
    # a heading that merely starts with "MD-" gets an id from its text: that is not the reporter's doing
    assert lines_of({12: "## MD-5 型号说明", 13: "正文"}) == []


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("正常文字里\u202e这段反向文字\u202c结束。", "右至左强制符"),
        ("列表：\n\n- \u2067倒过来\u2069\n", "右至左隔离符"),
        ("实体写法&#8238;反向&#x202C;。", "右至左强制符"),
        ("得分分别为\u200f95 88 76分，反向。", "右至左标记"),  # shown as 76 88 95分 (a second tester)
        ("实体&rlm;2025 2026年，反向。", "右至左标记"),
        ("没有分号&#8238反向。", "右至左强制符"),  # a browser reads it all the same
    ],
)
def test_characters_that_turn_text_around_are_s08_and_fix_removes_them(tmp_path, written, name):
    from baosong.site.sanitize import clean
    from baosong.write.fix import fix_bytes

    make_repo(tmp_path, {"方向": item_text("会议召开。\n\n" + written)})
    found = [f for f in findings(tmp_path) if f["code"] == "S08"]
    assert found and all(f["line"] >= 14 for f in found)
    assert all(("baosong fix" if "&" not in written else "请删除这段字符实体") in f["message"] for f in found)
    assert any(name in f["message"] for f in found)
    path = next((tmp_path / "submissions").rglob("*.md"))
    fixed, changes = fix_bytes(path.read_bytes())
    if "&" not in written:  # raw characters: fix takes them out, every word stays
        assert any(name in c for c in changes)
        text = fixed.decode("utf-8")
        assert not any(ch in text for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
        assert "".join(ch for ch in written if ch.isalpha()) in "".join(ch for ch in text if ch.isalpha())
    # and the site shows them never, raw or as references, whatever got past validation
    shown = clean("<p>" + written + "</p>")
    assert not any(ch in shown for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "&#8238" not in shown and "&#x202C;" not in shown and "&rlm;" not in shown
    assert "反向" in shown or "倒过来" in shown
