"""The site: real ``baosong build`` / ``mkdocs build`` runs on a small township made in tmp_path."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from baosong.report.catalogue import CATALOGUE
from baosong.scan import markdown_setup
from baosong.site import sanitize
from baosong.site.form import MAX_COOKIE_BYTES, cookie_bytes
from baosong.site.pages.forge import editor_url, filled_template, without_comments
from baosong.township.registry import load_registry
from baosong.township.template import fill, load_template
from conftest import REQUESTS, UNITS, Township
from helpers_site import REPO, TODAY, add_site_config, build

FORGE = """\
  forge:
    kind: {kind}
    url: https://git.example.internal/mengwang/xinxi
    branch: main
"""
ADOPTIONS = """\
- id: mengwang/2026/2026-11-16-山体滑坡
  level: 县采用
  date: 2026-11-18
  outlet: 勐往政务信息 2026年第12期
  instruction: {by: 县长, text: 请各乡镇学习借鉴}
"""
UNIT_ITEMS = 110  # two listing pages: the first holds 50 to 99 items (pages are cut from the oldest end)


def make_township(root: Path, forge: str | None = "gitea") -> Township:
    (root / "site_config" / "templates").mkdir(parents=True)
    shutil.copy(REPO / "site_config" / "rules.yaml", root / "site_config" / "rules.yaml")
    shutil.copy(REPO / "site_config" / "templates" / "submission.md", root / "site_config" / "templates")
    units = UNITS
    if forge:
        units = units.replace("units:\n", FORGE.format(kind=forge) + "units:\n", 1)
    (root / "units.yaml").write_text(units, encoding="utf-8")
    (root / "office" / "requests").mkdir(parents=True)
    (root / "office" / "requests" / "2026.yaml").write_text(
        REQUESTS.replace("2026-07-20", "2026-12-20"), encoding="utf-8"
    )
    (root / "office" / "adoptions").mkdir(parents=True)
    (root / "office" / "adoptions" / "2026.yaml").write_text(ADOPTIONS, encoding="utf-8")
    add_site_config(root)
    t = Township(root)
    for n in range(UNIT_ITEMS):
        day = f"2026-{1 + n // 10:02d}-{1 + (n % 10) * 2:02d}"
        t.item(
            f"{day}-工作动态{n:02d}.md",
            title=f"勐往村工作动态第{n:02d}期",
            type="动态",
            category="部署落实",
            body=f"勐往村第{n:02d}期工作动态。\n",
        )
    t.item(
        "2026-11-16-山体滑坡.md",
        title="勐往村发生山体滑坡险情",
        type="突发事件",
        category="应急管理",
        body="11月16日凌晨，勐往村发生山体滑坡，无人员伤亡。\n\n![现场](2026-11-16-现场.png)\n",
    )
    t.write("submissions/mengwang/2026/2026-11-16-现场.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    t.write("submissions/mengwang/2026/未引用.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 8)
    t.item(
        "2026-11-18-山体滑坡续报.md",
        title="勐往村山体滑坡险情处置续报",
        type="突发事件",
        category="应急管理",
        follows="mengwang/2026/2026-11-16-山体滑坡",
        body="群众已全部转移安置，道路抢通。\n",
    )
    t.item(
        "2026-11-24-防汛.md",
        title="勐往村开展汛后水毁设施排查",
        type="会议",
        category="应急管理",
        event_date="2026-11-20",
        request="2026-防汛",
        body="勐往村组织开展汛后排查，全村共排查隐患点十二处，其中橡胶林下的排水沟淤堵最为突出，已安排清淤。\n",
    )
    t.item(
        "2026-11-23-服务中心动态.md",
        unit="nongfu",
        title="农业中心开展冬季农技培训",
        reporter="段晓琴",
        reviewed_by="杨宏伟",
        type="动态",
        category="民生保障",
        body="农技培训覆盖三个村。\n",
    )
    t.item("2026-11-24-错误信息.md", title="短", body="标题太短的信息不会发布。\n")
    return t


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("site") / "repo"
    make_township(root)
    result, site = build(root)
    assert result.exit_code == 0, result.output
    return root, site, result.output


def page(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def test_mkdocs_yml_lists_the_shared_extensions():
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            configs[name] = options
        else:
            name = entry
        names.append(name)
    assert names == markdown_setup.EXTENSIONS
    assert configs == markdown_setup.CONFIGS
    assert config["theme"]["language"] == "zh" and config["theme"]["font"] is False
    assert [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]] == ["baosong"]


def test_sanitizer_keeps_material_markup_and_drops_theme_ids():
    md = markdown_setup.make_markdown()
    html = md.convert(
        '# 标题 {#__search}\n\n!!! note "注意"\n    内容\n\n=== "甲"\n    一\n\n=== "乙"\n    二\n\n'
        "| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n- [x] 完成\n\n脚注[^1] ==标记==\n\n[^1]: 说明\n\n"
        '```python\nprint(1)\n```\n\n??? tip "详情"\n    隐藏\n\n## 二级 { .md-button #md-x .ok }\n\n## 三级\n'
    )
    out = sanitize.clean(html)
    for kept in (
        'class="admonition note"',
        'class="tabbed-set tabbed-alternate"',
        'id="__tabbed_1_1"',
        'for="__tabbed_1_2"',
        'style="text-align: center"',
        'class="task-list-item"',
        'type="checkbox"',
        'id="fn:1"',
        'class="footnote-ref"',
        "<mark>",
        'class="highlight"',
        'class="nb"',
        "<details",
        'class="headerlink"',
        'class="ok"',
        'id="_1"',
    ):
        assert kept in out, kept
    assert "__search" not in out and "md-x" not in out and "md-button" not in out
    assert (
        sanitize.clean('<a href="javascript:alert(1)">x</a><img src="https://e.x/a.png">')
        == '<a rel="noopener noreferrer">x</a><img>'
    )
    assert sanitize.plain("<b>&'\"") == "＜b＞＆＇＂"


def test_trusted_cleaner_keeps_our_pages_and_charts_but_nothing_live():
    html = (
        '<div class="bs-list md-typeset" style="display:flex"><a class="md-button" href="../x/">x</a>'
        '<svg viewBox="0 0 10 10" onload="alert(1)"><g class="a"><rect x="1" width="2" style="fill:red"/></g>'
        '<script>alert(1)</script></svg><a href="javascript:alert(1)">j</a><img src="x" onerror="alert(1)"></div>'
    )
    out = sanitize.clean_trusted(html)
    assert 'class="md-button"' in out and 'viewBox="0 0 10 10"' in out and 'style="fill:red"' in out
    assert "alert" not in out and "javascript" not in out


def test_build_publishes_valid_items_and_lists_what_it_left_out(built):
    _root, site, output = built
    assert "未发布 submissions/mengwang/2026/2026-11-24-错误信息.md：M10" in output
    assert not (site / "items/mengwang/2026/2026-11-24-错误信息").exists()
    for path in site.rglob("*.html"):  # our own markup is never shown as text
        assert "&lt;div" not in path.read_text(encoding="utf-8"), path
    items = list((site / "items").rglob("index.html"))
    assert len(items) == UNIT_ITEMS + 4
    # No raw submission file is copied: only generated pages and linked attachments.
    assert not list(site.rglob("*.md"))
    assert (site / "items/mengwang/2026/2026-11-16-现场.png").is_file()
    assert not (site / "items/mengwang/2026/未引用.png").exists()


def test_strict_fails_when_items_were_left_out(built, tmp_path):
    root, _site, _ = built
    result, _ = build(root, "--strict", site=tmp_path / "strict")
    assert result.exit_code == 1
    assert "未发布" in result.output and "构建失败（严格模式）：有 1 条警告" in result.output
    mkdocs = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "m")],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "BAOSONG_TODAY": TODAY},
    )
    assert mkdocs.returncode == 1, mkdocs.stderr
    assert "未发布 submissions/mengwang/2026/2026-11-24-错误信息.md" in mkdocs.stderr


def test_build_without_a_site_config_says_so(tmp_path):
    root = tmp_path / "repo"
    make_township(root)
    (root / "mkdocs.yml").unlink()
    result, _ = build(root)
    assert result.exit_code == 2 and "找不到网站配置" in result.output


def test_mkdocs_build_makes_the_same_site(built, tmp_path):
    root, site, _ = built
    other = tmp_path / "mk"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(other)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "BAOSONG_TODAY": TODAY},
    )
    assert done.returncode == 0, done.stderr
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other).as_posix() for p in other.rglob("*") if p.is_file())
    for rel in ("index.html", "units/mengwang/index.html", "items/mengwang/2026/2026-11-24-防汛/index.html"):
        assert (site / rel).read_bytes() == (other / rel).read_bytes(), rel


def test_home_shows_the_week(built):
    _root, site, _ = built
    home = page(site, "")
    glance = home[home.index("本周概况") :]
    assert "2026-W48" in glance
    done = glance[glance.index("已报送</dt>") : glance.index("未报送</dt>")]
    assert "勐往村" in done and "农业农村综合服务中心" in done
    assert "正在处置的突发事件" in home and "勐往村山体滑坡险情处置续报" in home  # chain within 30 days
    assert "关于报送防汛减灾工作信息的通知" in home  # open request (due 2026-12-20)
    assert "勐往村开展汛后水毁设施排查" in home  # latest items


def test_unit_page_names_people_never_phones_and_paginates(built):
    _root, site, _ = built
    unit = page(site, "units/mengwang")
    assert "李春艳" in unit and "张国华" in unit
    assert "赵文军" not in unit  # no longer a reporter on today
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert "13800000101" not in text, path
    year = page(site, "units/mengwang/2026")
    assert "第 1 / 2 页" in year and 'href="2/"' in year
    second = (site / "units/mengwang/2026/2/index.html").read_text(encoding="utf-8")
    assert "第 2 / 2 页" in second and "上一页" in second


def test_new_item_link_opens_the_gitea_editor_with_the_filled_template(built):
    """The build day's link (form.js rewrites it with the day of the click): short enough for Gitea's login."""
    root, site, _ = built
    unit = page(site, "units/mengwang")
    href = re.search(r'<a class="md-button bs-new__button" href="([^"]+)"', unit).group(1)
    href = href.replace("&amp;", "&")
    assert cookie_bytes(href) <= MAX_COOKIE_BYTES
    parts = urlsplit(href)
    assert parts.netloc == "git.example.internal"
    assert unquote(parts.path) == "/mengwang/xinxi/_new/main/submissions/mengwang/2026"
    query = parse_qs(parts.query)
    assert query["filename"] == ["2026-11-25-简短标题.md"]
    registry = load_registry(root).registry
    expected = fill(
        load_template(root),
        {"unit": "mengwang", "date": TODAY, "event_date": TODAY, "reporter": "李春艳", "reviewed_by": "张国华"},
    )
    assert expected == filled_template(root, registry.units["mengwang"], __import__("datetime").date(2026, 11, 25))
    # the whole template would not survive the login redirect: its explanations are left out, the fields stay
    assert cookie_bytes(editor_url(registry.office.forge, "submissions/mengwang/2026", "x.md", expected)) > 3800
    assert query["value"] == [without_comments(expected)]
    assert "title: 在这里写标题，5到60个字\nunit: mengwang\nreporter: 李春艳\n" in query["value"][0]
    assert "#" not in query["value"][0]
    assert 'href="new/"' in unit and "填报助手" in unit  # the unit's 填报 page


def test_without_comments_keeps_every_field_and_quoted_hashes():
    text = '---\na: 1   # one\n# follows: x   # commented key\ntitle: "井号 # 在引号里"   # note\nb: [x, y]\n---\n# 正文标题\nc: d   # 正文\n'
    assert without_comments(text) == '---\na: 1\ntitle: "井号 # 在引号里"\nb: [x, y]\n---\n# 正文标题\nc: d   # 正文\n'


@pytest.mark.parametrize("kind", ["github", "gitlab"])
def test_new_item_link_for_github_and_gitlab(tmp_path, kind):
    root = tmp_path / "repo"
    make_township(root, forge=kind)
    result, site = build(root)
    assert result.exit_code == 0, result.output
    unit = page(site, "units/mengwang")
    if kind == "github":
        assert 'href="https://git.example.internal/mengwang/xinxi/new/main/submissions/mengwang/2026?filename=' in unit
        assert 'data-bs-new-part="content"' not in unit  # the template went into the link
    else:
        assert "https://git.example.internal/mengwang/xinxi/-/new/main/submissions/mengwang/2026?file_name=" in unit
        assert "2026-11-25-简短标题.md" in unit and "reporter: 李春艳" in unit  # the template to copy


def test_item_page_panel(built):
    _root, site, _ = built
    late = page(site, "items/mengwang/2026/2026-11-24-防汛")
    assert "迟报 4 天" in late  # 会议: same day; event 11-20, sent 11-24
    assert "关于报送防汛减灾工作信息的通知" in late  # the request it answers
    first = page(site, "items/mengwang/2026/2026-11-16-山体滑坡")
    assert "按时报送" in first and "县采用" in first and "请各乡镇学习借鉴" in first and "县长" in first
    assert "后续报送" in first and "勐往村山体滑坡险情处置续报" in first
    assert 'href="../2026-11-16-%E7%8E%B0%E5%9C%BA.png"' in first  # its attachment
    follow = page(site, "items/mengwang/2026/2026-11-18-山体滑坡续报")
    assert "接续" in follow and "勐往村发生山体滑坡险情" in follow


def test_listings_emergencies_requests_and_codes(built):
    _root, site, _ = built
    emergencies = page(site, "emergencies")
    assert emergencies.index("勐往村发生山体滑坡险情") < emergencies.index("勐往村山体滑坡险情处置续报")
    assert "初报" in emergencies and "续报1" in emergencies
    request = page(site, "requests/2026-防汛")
    assert "勐往村开展汛后水毁设施排查" in request and "农业农村综合服务中心" in request  # answered / waiting
    assert "应急管理" in page(site, "categories") and "勐往村发生山体滑坡险情" in page(site, "categories/应急管理")
    assert "突发事件" in page(site, "types")
    assert "2026年11月" in page(site, "months")
    codes = page(site, "guide/codes")
    for code in CATALOGUE:
        assert f'id="{code.lower()}"' in codes, code
    assert "在网页上新建报送" in page(site, "guide/web-editor")
    assert "reviewed_by" in page(site, "guide/template")


def test_nav_is_bounded_and_items_are_not_in_it(built):
    _root, site, _ = built
    item = page(site, "items/mengwang/2026/2026-11-16-山体滑坡")
    nav = item[item.index('data-md-type="navigation"') : item.index('data-md-type="toc"')]
    assert "工作动态" not in nav and "山体滑坡" not in nav
    assert nav.count("md-nav__link") < 60
    assert "报送指南" in nav and "错误代码说明" in nav


def test_guide_lists_other_helpers_pages_when_present(tmp_path):
    root = tmp_path / "repo"
    make_township(root)
    (root / "site_config/docs/guide/sensitive.md").write_text("# 敏感信息自查\n\n正文\n", encoding="utf-8")
    (root / "site_config/docs/guide/word.md").write_text("# 从 Word 导入\n\n正文\n", encoding="utf-8")
    result, site = build(root)
    assert result.exit_code == 0, result.output
    home = page(site, "")
    nav = home[home.index('data-md-type="navigation"') : home.index('data-md-type="toc"')]
    assert nav.index("报送指南") < nav.index("敏感信息自查") < nav.index("从 Word 导入") < nav.index("错误代码说明")


@pytest.mark.slow
def test_mkdocs_serve_reloads_when_an_item_is_added(tmp_path):
    # Plain `mkdocs serve`, as the README says: click is pinned below 8.3, whose flag change broke serve's
    # default live reload (mkdocs#4032).
    root = tmp_path / "repo"
    t = make_township(root)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "BAOSONG_TODAY": TODAY},
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        assert _wait_for(base, "勐往村开展汛后水毁设施排查")
        t.item("2026-11-25-新增信息.md", title="勐往村新增一条测试信息", body="新增的信息。\n")
        assert _wait_for(base, "勐往村新增一条测试信息")
    finally:
        server.terminate()
        server.wait(timeout=20)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_build_prints_mkdocs_routine_lines_in_chinese(township):
    township.item()
    add_site_config(township.root)
    result, _ = build(township.root)
    assert result.exit_code == 0, result.output
    assert "清理网站目录" in result.output and "生成网站到目录：" in result.output and "MkDocs 用时" in result.output
    for english in ("Cleaning site directory", "Building documentation", "Documentation built"):
        assert english not in result.output
