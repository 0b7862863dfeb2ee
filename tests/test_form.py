"""填报助手 and click-time 新建报送 (issue 16): a real site built from a township in tmp_path, Debian's Chromium.

The browser runs in another time zone (America/Los_Angeles) with its clock fixed days after the build, or
just after midnight in Asia/Shanghai: every date it writes must be the registry's (Asia/Shanghai) day of
the click. What the form hands over (the forge URL, the clipboard, a download) is written into a copy of
the township and must pass ``baosong validate`` with no finding.
"""

from __future__ import annotations

import json
import shutil
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from click.testing import CliRunner
from playwright.sync_api import expect

from baosong.cli.main import cli
from baosong.site.form import MAX_COOKIE_BYTES, cookie_bytes
from baosong.township.reader import parse_text
from helpers_site import CHROMIUM, CHROMIUM_ARGS, build, serve
from test_site import make_township

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FORGE_HOST = "https://git.example.internal"
LA = "America/Los_Angeles"
CLIPBOARD = ["clipboard-read", "clipboard-write"]
# (browser clock in UTC, the day in Asia/Shanghai): days after the build (2026-11-25), just after midnight
# in Shanghai while Los Angeles is still on the day before, and the turn of the year (a new year folder).
CLOCKS = [
    ("2026-11-30T18:00:00Z", "2026-12-01"),
    ("2026-12-03T16:05:00Z", "2026-12-04"),
    ("2026-12-31T16:30:00Z", "2027-01-01"),
]
TRICKY_TITLE = "勐往村：召开#3[安全]生产\"会议\" {冬季} '部署' \\ 工作🎉"
TABLE_BODY = (
    "12月1日，勐往村召开冬季安全生产工作会议，部署森林防火和道路交通安全工作。\n\n"
    "| 项目 | 数量 |\n|---|---|\n| 排查隐患 | 12 处 |\n| 整改完成 | 10 处 |\n\n"
    "- 成立巡查小组 3 个\n- 发放宣传资料 500 份\n"
)


def when(clock: str) -> datetime:
    return datetime.fromisoformat(clock.replace("Z", "+00:00")).astimezone(UTC)


def make_site(tmp_path_factory, forge):
    root = tmp_path_factory.mktemp(f"form-{forge}") / "repo"
    make_township(root, forge=forge)
    result, site = build(root)
    assert result.exit_code == 0, result.output
    return root, site


@pytest.fixture(scope="module")
def pw():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(pw):
    b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


@contextmanager
def served(tmp_path_factory, browser, forge):
    """(township root, site, base URL, browser) of a township built with ``forge`` and served on localhost."""
    root, site = make_site(tmp_path_factory, forge)
    with serve(site) as base:
        yield root, site, base, browser


@pytest.fixture(scope="module")
def gitea(tmp_path_factory, browser):
    with served(tmp_path_factory, browser, "gitea") as township:
        yield township


def context(browser, tz: str = LA, **options):
    """A browser context in time zone ``tz`` (the pages' clocks are set by ``open_page``)."""
    options.setdefault("viewport", {"width": 1366, "height": 900})
    return browser.new_context(locale="zh-CN", timezone_id=tz, **options)


def open_page(ctx, base: str, rel: str, clock: str | None, outside: list[str]):
    page = ctx.new_page()
    if clock:
        page.clock.install(time=when(clock))

    def route(r):  # the site itself, the forge (captured by capture_forge), nothing else
        url = r.request.url
        if url.startswith(base):
            r.continue_()
        elif url.startswith(FORGE_HOST + "/"):
            r.fallback()
        else:
            outside.append(url)
            r.abort()

    page.route("**/*", route)
    page.goto(base + rel)
    return page


@contextmanager
def form_session(township, rel: str, clock: str | None, **options):
    """(page, forge URLs requested) of ``rel`` opened at ``clock`` (in Los Angeles unless ``tz`` is given).

    The page may reach the site and the forge only: any other request fails the test (offline intranet).
    """
    _root, _site, base, browser = township
    ctx = context(browser, **options)
    seen = capture_forge(ctx)
    outside: list[str] = []
    try:
        yield open_page(ctx, base, rel, clock, outside), seen
    finally:
        ctx.close()
    assert outside == [], f"requests left the site: {outside}"


def capture_forge(ctx) -> list[str]:
    """Every request to the forge host (a navigation or a new tab) is recorded and answered with a stub."""
    seen: list[str] = []

    def handle(route):
        seen.append(route.request.url)
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body="<p>forge</p>")

    ctx.route(FORGE_HOST + "/**", handle)
    return seen


def forge_file(url: str) -> tuple[str, str, str | None]:
    """(folder, file name, content or None) of a Gitea/GitHub/GitLab new-file URL."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    marker = next(m for m in ("/_new/main/", "/-/new/main/", "/new/main/") if m in path)
    folder = path.split(marker, 1)[1]
    query = parse_qs(parts.query, keep_blank_values=True)
    name = (query.get("filename") or query.get("file_name"))[0]
    value = query.get("value", [None])[0]
    return folder, name, value


def validate(root: Path, rel: str, day: str) -> list[dict]:
    """``baosong validate --format json`` of one file in ``root``: its findings."""
    result = CliRunner().invoke(
        cli, ["validate", "--root", str(root), "--today", day, "--format", "json", rel], catch_exceptions=False
    )
    report = json.loads(result.stdout)
    return [f for f in report["findings"] if f["path"] == rel]


def write_into_copy(root: Path, tmp_path: Path, folder: str, name: str, text: str) -> tuple[Path, str]:
    repo = tmp_path / "copy"
    shutil.copytree(root, repo)
    rel = f"{folder}/{name}"
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo / rel).write_text(text, encoding="utf-8")
    return repo, rel


def fill_form(page, *, title, body, type_="会议", category="部署落实", tags="", follows=None, request=None, event=None):
    """Fill the 填报 page as a person does: choose, type, pick."""
    page.get_by_label("信息类型").select_option(type_)
    page.get_by_label("信息类别").select_option(category)
    if event:
        page.get_by_label("发生日期").fill(event)
    page.get_by_label("标题").press_sequentially(title)
    if tags:
        page.get_by_label("关键词").fill(tags)
    if follows:
        page.get_by_label("续报").select_option(follows)
    if request:
        page.get_by_label("回应约稿").select_option(request)
    page.get_by_label("正文").fill(body)


# --- deliverable 1: click-time dates ------------------------------------------------------------------


@pytest.mark.parametrize(("clock", "day"), CLOCKS)
@pytest.mark.parametrize("rel", ["units/mengwang/", "guide/new/"])
def test_new_item_link_takes_the_day_of_the_click_in_the_registry_time_zone(gitea, clock, day, rel):
    with form_session(gitea, rel, clock) as (page, seen):
        assert not page.locator("[data-bs-new-note]").first.is_visible()  # the script hid the no-JS note
        page.locator("a.bs-new__button").first.click()
        page.wait_for_url(FORGE_HOST + "/**")
    folder, name, value = forge_file(seen[0])
    assert folder == f"submissions/mengwang/{day[:4]}"
    assert name == f"{day}-简短标题.md"
    assert f"\ndate: {day}\n" in value and f"\nevent_date: {day}\n" in value
    assert "2026-11-25" not in value
    assert cookie_bytes(seen[0]) <= MAX_COOKIE_BYTES  # survives Gitea's login redirect cookie


def test_new_item_link_without_javascript_keeps_the_build_day_and_says_so(gitea):
    _root, _site, base, browser = gitea
    ctx = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = ctx.new_page()
        page.goto(base + "units/mengwang/")
        note = page.locator("[data-bs-new-note]").first
        assert note.is_visible() and "请核对日期" in note.inner_text() and "2026-11-25" in note.inner_text()
        href = page.locator("a.bs-new__button").first.get_attribute("href")
        _folder, name, value = forge_file(href)
        assert name == "2026-11-25-简短标题.md" and "date: 2026-11-25" in value
        page.goto(base + "units/mengwang/new/")
        assert page.locator("[data-bs-form-nojs]").is_visible()
        assert not page.locator("#bs-f-title").is_visible()
    finally:
        ctx.close()


# --- deliverables 4 and 5: the form, round trip through the forge ---------------------------------------


@pytest.mark.parametrize(("clock", "day"), CLOCKS[:2])
def test_form_round_trip_through_the_gitea_url_validates_clean(gitea, tmp_path, clock, day):
    root = gitea[0]
    with form_session(gitea, "units/mengwang/new/", clock) as (page, seen):
        assert page.locator("#bs-f-date").inner_text() == day
        assert page.get_by_label("发生日期").input_value() == day
        assert page.get_by_label("信息员").input_value() == "李春艳"  # the one reporter active that day
        fill_form(page, title=TRICKY_TITLE, body=TABLE_BODY, tags="安全生产、 冬季 防火 ,森林")
        assert page.locator("#bs-f-title-count").inner_text().startswith(f"{len(TRICKY_TITLE)} / 60")
        assert page.locator("#bs-f-status").inner_text() == "检查通过，可以提交。"
        page.get_by_role("button", name="在 Gitea 中提交").click()
        page.wait_for_url(FORGE_HOST + "/**")
    url = seen[0]
    assert url.startswith(FORGE_HOST + "/mengwang/xinxi/_new/main/submissions/mengwang/")
    folder, name, value = forge_file(url)
    assert folder == f"submissions/mengwang/{day[:4]}" and name.startswith(day + "-") and name.endswith(".md")
    assert "#" not in name and "[" not in name and '"' not in name and " " not in name
    repo, rel = write_into_copy(root, tmp_path, folder, name, value)
    assert validate(repo, rel, day) == []
    item, findings = parse_text(rel, value.encode())
    assert findings == [] and item.meta["title"] == TRICKY_TITLE
    assert item.meta["tags"] == ["安全生产", "冬季 防火", "森林"] and item.meta["date"] == day


def test_form_with_follows_request_and_a_late_type_round_trips(gitea, tmp_path):
    root = gitea[0]
    clock, day = CLOCKS[0]
    with form_session(gitea, "units/mengwang/new/", clock) as (page, seen):
        fill_form(
            page,
            title="勐往村山体滑坡险情处置第二次续报：道路已全线抢通" + "并恢复通行" * 2,
            body="11月30日，滑坡点道路全线抢通。\n\n1. 转移群众 42 人\n2. 安置点 2 个\n",
            type_="突发事件",
            category="应急管理",
            follows="mengwang/2026/2026-11-18-山体滑坡续报",
            request="2026-防汛",
            event="2026-11-28",
        )
        findings = page.locator("#bs-f-findings li").all_inner_texts()
        assert len(findings) == 1 and findings[0].startswith("提醒 T01") and "晚了 3 天" in findings[0]
        page.get_by_role("button", name="在 Gitea 中提交").click()
        page.wait_for_url(FORGE_HOST + "/**")
    folder, name, value = forge_file(seen[0])
    repo, rel = write_into_copy(root, tmp_path, folder, name, value)
    assert [f["code"] for f in validate(repo, rel, day)] == ["T01"]  # the one warning the form showed


def test_form_refuses_what_validate_refuses(gitea):
    clock, day = CLOCKS[1]
    with form_session(gitea, "units/mengwang/new/", clock) as (page, _seen):
        go = page.get_by_role("button", name="在 Gitea 中提交")
        assert go.is_disabled()
        codes = page.locator("#bs-f-findings li").all_inner_texts()
        assert any("M01" in c and "标题" in c for c in codes) and any("M10" in c and "正文" in c for c in codes)
        page.get_by_label("标题").fill("短标题")
        assert "标题 title 有 3 个字" in page.locator("#bs-f-findings").inner_text()
        page.get_by_label("标题").fill("x" * 61)
        assert "有 61 个字" in page.locator("#bs-f-findings").inner_text()
        assert "bs-counter--bad" in page.locator("#bs-f-title-count").get_attribute("class")
        page.get_by_label("标题").fill("🎉🎉🎉🎉🎉🎉村")
        assert "只有 1 个汉字" in page.locator("#bs-f-findings").inner_text()
        page.get_by_label("标题").fill("勐往村召开\u200b安全生产会议")
        assert "U+200B 零宽空格" in page.locator("#bs-f-findings").inner_text()
        page.get_by_label("标题").fill("勐往村召开\u00a0安全生产会议")
        assert "U+00A0 不换行空格" in page.locator("#bs-f-findings").inner_text()
        page.get_by_label("标题").fill("勐往村召开<b>安全生产</b>会议")
        assert "S08" in page.locator("#bs-f-findings").inner_text()
        page.get_by_label("标题").fill("勐往村召开安全生产工作会议")
        page.get_by_label("正文").fill("会议部署了冬季安全生产工作。")
        page.get_by_label("公开属性").select_option("不宜公开")
        assert "纸质件加 U 盘" in page.locator("#bs-f-findings").inner_text()
        page.get_by_label("公开属性").select_option("绝密")
        assert "保密规定" in page.locator("#bs-f-findings").inner_text() and go.is_disabled()
        page.get_by_label("公开属性").select_option("内部")
        page.get_by_label("信息类型").select_option("会议")
        page.get_by_label("信息类别").select_option("监督检查")
        page.get_by_label("发生日期").fill("2026-12-05")
        assert "晚于报送日期" in page.locator("#bs-f-findings").inner_text()
        page.get_by_label("发生日期").fill(day)
        assert page.locator("#bs-f-findings li").count() == 0 and go.is_enabled()
        assert page.get_by_label("发生日期").get_attribute("max") == day
        # deadlines and category notes come from the rules
        assert page.locator("#bs-f-type-note").inner_text() == "时限：发生当天报送"
        assert "督查检查" in page.locator("#bs-f-category-note").inner_text()


def test_people_are_those_active_on_the_day_and_no_phone_or_account_is_in_the_page(gitea):
    site = gitea[1]
    html = (site / "units/mengwang/new/index.html").read_text(encoding="utf-8")
    assert "13800000101" not in html and "licy" not in html and "zhanggh" not in html
    assert "赵文军" not in html  # his term ended before the build day: no later day can need him
    with form_session(gitea, "units/mengwang/new/", CLOCKS[0][0]) as (page, _seen):
        reporters = page.get_by_label("信息员").locator("option").all_inner_texts()
        assert reporters == ["请选择", "李春艳"]  # 赵文军's term ended 2026-08-14


def test_a_long_item_goes_by_clipboard_with_the_file_name_in_the_url(gitea, tmp_path):
    root = gitea[0]
    clock, day = CLOCKS[1]
    body = "".join(
        f"第{n}段：勐往村组织党员群众开展冬季森林防火巡查，清理林下可燃物，设置防火隔离带。\n\n" for n in range(12)
    )
    with form_session(gitea, "units/mengwang/new/", clock, permissions=CLIPBOARD) as (page, seen):
        fill_form(page, title="勐往村开展冬季森林防火巡查工作", body=body, type_="动态", category="应急管理")
        with page.context.expect_page() as tab:
            page.get_by_role("button", name="在 Gitea 中提交").click()
        tab.value.wait_for_load_state()
        message = page.locator("#bs-f-handoff-msg").inner_text()
        shown = page.locator("#bs-f-text").input_value()
        copied = page.evaluate("navigator.clipboard.readText()")
    assert "已复制" in message and "粘贴" in message
    folder, name, value = forge_file(seen[0])
    assert value is None and name.startswith(day) and cookie_bytes(seen[0]) <= MAX_COOKIE_BYTES
    assert copied == shown
    repo, rel = write_into_copy(root, tmp_path, folder, name, copied)
    assert validate(repo, rel, day) == []


def test_serialised_values_read_back_exactly(gitea):
    """Every front-matter value double-quoted: the strict reader reads back exactly what was typed."""
    titles = [
        TRICKY_TITLE,
        "  前后有空格的标题  ",
        "冒号: 与 ：全角#井号 [方括号] {花括号} '单引号' \"双引号\" 反斜杠\\ 表情😀",
        "- 以减号开头的标题 *星号 &符号 !叹号 |竖线 >大于 %百分号 @at `反引号`",
        "yes",
        "no",
        "12:30",
        "0755",
        "~",
        "null",
        "2026-11-25",
        "制表\t符",
    ]
    with form_session(gitea, "units/mengwang/new/", None) as (page, _seen):
        for title in titles:
            meta = {"title": title, "unit": "mengwang", "tags": [title, "a, b"], "follows": title}
            text = page.evaluate("([m, b]) => window.baosongForm.serialise(m, b)", [meta, "正文"])
            item, findings = parse_text("submissions/mengwang/2026/2026-11-25-x.md", text.encode())
            assert [f.code for f in findings if f.code.startswith("F")] == [], (title, text)
            assert item.meta["title"] == title and item.meta["follows"] == title
            assert item.meta["tags"] == [title, "a, b"]


def test_file_names_follow_the_spec(gitea):
    from baosong.township.paths import check_place
    from baosong.write.new import slug_for

    titles = [
        TRICKY_TITLE,
        'a/b\\c:d*e?f"g<h>i|j 空 格',
        "长" * 90,
        "Cafe\u0301 e\u0301 NFD 标题",
        "勐往村：召开 2026 年第四季度安全生产暨森林防火工作会议，部署冬季各项工作任务要求",
    ]
    with form_session(gitea, "units/mengwang/new/", None) as (page, _seen):
        limits = page.evaluate("JSON.parse(document.getElementById('bs-form-data').textContent).limits")
        for title in titles:
            name = page.evaluate("([t, l]) => window.baosongForm.fileName('2026-11-25', t, l)", [title, limits])
            _place, findings = check_place(f"submissions/mengwang/2026/{name}")
            assert findings == [], (title, name, findings)
            assert len(name) <= 80 and name.startswith("2026-11-25-")
        # a phone, an ID or a card in the title stays out of the file name (the page's address); other numbers stay
        for title, want in (
            ("联系电话13957246813的值班安排", "2026-11-25-联系电话-的值班安排.md"),
            ("值班139 5724 6813、139-5724-6813", "2026-11-25-值班.md"),
            ("户主５３０８２５１９８５０７１２００３９核查", "2026-11-25-户主-核查.md"),
            ("2026年第4季度第1357924批", "2026-11-25-2026年第4季度第1357924批.md"),
        ):
            got = page.evaluate("([t, l]) => window.baosongForm.fileName('2026-11-25', t, l)", [title, limits])
            assert got == want
            assert f"2026-11-25-{slug_for(title, 80)}.md" == want  # baosong new makes the same name


# --- GitLab (clipboard) and no forge (download) -------------------------------------------------------


@pytest.fixture(scope="module")
def gitlab(tmp_path_factory, browser):
    with served(tmp_path_factory, browser, "gitlab") as township:
        yield township


def test_gitlab_gets_the_file_name_and_the_clipboard(gitlab, tmp_path):
    root = gitlab[0]
    clock, day = CLOCKS[1]
    with form_session(gitlab, "units/nongfu/new/", clock, permissions=CLIPBOARD) as (page, seen):
        assert page.get_by_label("信息员").input_value() == "段晓琴"
        fill_form(page, title="农业中心开展冬季农技培训 覆盖三个村", body=TABLE_BODY, type_="动态", category="民生保障")
        with page.context.expect_page() as tab:
            page.get_by_role("button", name="在 GitLab 中提交").click()
        tab.value.wait_for_load_state()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert "粘贴" in page.locator("#bs-f-handoff-msg").inner_text()
        shown_name = page.locator("#bs-f-filename").input_value()
    url = seen[0]
    assert url.startswith(FORGE_HOST + "/mengwang/xinxi/-/new/main/submissions/nongfu/2026?file_name=")
    folder, name, value = forge_file(url)
    assert value is None and name == shown_name  # the file name to copy, should the editor not show it
    repo, rel = write_into_copy(root, tmp_path, folder, name, copied)
    assert validate(repo, rel, day) == []


@pytest.fixture(scope="module")
def noforge(tmp_path_factory, browser):
    with served(tmp_path_factory, browser, None) as township:
        yield township


def test_without_a_forge_the_form_downloads_the_file(noforge, tmp_path):
    root = noforge[0]
    clock, day = CLOCKS[2]
    with form_session(noforge, "units/mengwang/new/", clock, accept_downloads=True) as (page, _seen):
        fill_form(page, title="勐往村召开新年第一次村民代表大会", body=TABLE_BODY, type_="会议", category="决策落实")
        with page.expect_download() as info:
            page.get_by_role("button", name="下载文件").click()
        download = info.value
        name = download.suggested_filename
        text = Path(download.path()).read_text(encoding="utf-8")
        message = page.locator("#bs-f-handoff-msg").inner_text()
    assert name == f"{day}-勐往村召开新年第一次村民代表大会.md"
    assert "baosong validate submissions/mengwang/2027/" in message
    repo, rel = write_into_copy(root, tmp_path, "submissions/mengwang/2027", name, text)
    assert validate(repo, rel, day) == []


# --- layout -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [1366, 390])
def test_form_fits_desktop_and_phone_widths(gitea, tmp_path, width):
    viewport = {"width": width, "height": 900}
    with form_session(gitea, "units/mengwang/new/", CLOCKS[0][0], viewport=viewport) as (page, _seen):
        fill_form(page, title=TRICKY_TITLE, body=TABLE_BODY)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for selector in ("#bs-f-title", "#bs-f-body", "#bs-f-category", "#bs-f-go"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, selector
        page.screenshot(path=str(tmp_path / f"form-{width}.png"), full_page=True)


# --- held-out kinds: other units, types and dates, titles near 60, tags with spaces ----------------------
VARIANTS = [
    # (unit, type, category, event date offset in days, title, tags)
    (
        "nongfu",
        "文件",
        "决策落实",
        3,
        "农业农村综合服务中心转发县农业农村局关于做好冬春农田水利建设工作的通知精神并抓好落实",
        "农田水利, 冬春 建设",
    ),
    ("mengwang", "调研", "调研视察", 5, "关于勐往村橡胶产业发展情况的调研：问题、原因与对策（2026年）", ""),
    ("mengwang", "其他", "其他", 0, "  勐往村“十五五”规划编制座谈会 & 群众意见征集 #2  ", "规划 编制；意见征集"),
    ("nongfu", "新闻", "民生保障", 0, "农业中心　举办　冬季农技培训班（第２期）", "　农技　培训"),  # ideographic spaces
]


@pytest.mark.parametrize(("unit", "type_", "category", "back", "title", "tags"), VARIANTS)
def test_other_units_types_and_titles_round_trip(gitea, tmp_path, unit, type_, category, back, title, tags):
    from datetime import date, timedelta

    root = gitea[0]
    clock, day = CLOCKS[1]
    event = (date.fromisoformat(day) - timedelta(days=back)).isoformat()
    with form_session(gitea, f"units/{unit}/new/", clock) as (page, seen):
        fill_form(page, title=title, body=TABLE_BODY, type_=type_, category=category, tags=tags, event=event)
        assert page.locator("#bs-f-findings li").count() == 0, page.locator("#bs-f-findings").inner_text()
        page.get_by_role("button", name="在 Gitea 中提交").click()
        page.wait_for_url(FORGE_HOST + "/**")
    folder, name, value = forge_file(seen[0])
    assert folder == f"submissions/{unit}/2026" and len(name) <= 80
    repo, rel = write_into_copy(root, tmp_path, folder, name, value)
    assert validate(repo, rel, day) == []


def test_plain_http_intranet_copies_through_a_selected_textarea(gitea, pw, tmp_path):
    """navigator.clipboard is missing on a plain-http host (not a secure context): execCommand("copy")."""
    root, _site, base, _browser = gitea
    port = urlsplit(base).port
    clock, day = CLOCKS[0]
    args = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP intranet.test 127.0.0.1"]
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=args)
    ctx = browser.new_context(timezone_id=LA, permissions=CLIPBOARD)
    seen = capture_forge(ctx)
    try:
        page = ctx.new_page()
        page.clock.install(time=when(clock))
        page.goto(f"http://intranet.test:{port}/units/mengwang/new/")
        assert page.evaluate("window.isSecureContext") is False
        assert page.evaluate("typeof navigator.clipboard") == "undefined"
        body = "勐往村组织开展冬季森林防火巡查，清理林下可燃物。\n\n" * 20
        fill_form(page, title="勐往村开展冬季森林防火巡查工作", body=body, type_="动态", category="应急管理")
        with page.context.expect_page() as tab:
            page.get_by_role("button", name="在 Gitea 中提交").click()
        tab.value.wait_for_load_state()
        assert page.locator("#bs-f-handoff-msg").inner_text().startswith("文件内容已复制")
        shown = page.locator("#bs-f-text").input_value()
        secure = ctx.new_page()  # read the clipboard back from a secure page of the same browser
        secure.goto(base)
        copied = secure.evaluate("navigator.clipboard.readText()")
    finally:
        ctx.close()
        browser.close()
    assert copied == shown
    folder, name, value = forge_file(seen[0])
    repo, rel = write_into_copy(root, tmp_path, folder, name, copied)
    assert value is None and validate(repo, rel, day) == []


def test_python_and_browser_write_the_same_links_and_count_the_same_cookie(gitea):
    from baosong.site.pages.forge import editor_url
    from baosong.township.registry import Forge

    content = f"---\ntitle: {TRICKY_TITLE}\n---\n{TABLE_BODY}(括号)!*'~"
    with form_session(gitea, "units/mengwang/new/", None) as (page, _seen):
        for kind in ("gitea", "github", "gitlab"):
            forge = Forge(kind, "https://git.example.internal/a/b", "main")
            args = [{"kind": kind, "url": forge.url, "branch": forge.branch}, "submissions/mengwang/2026", "x 名.md"]
            url = page.evaluate("([f, d, n, c]) => window.baosongForm.editorUrl(f, d, n, c)", [*args, content])
            assert url == editor_url(forge, "submissions/mengwang/2026", "x 名.md", content)
            assert page.evaluate("(u) => window.baosongForm.cookieBytes(u)", url) == cookie_bytes(url)


def test_the_form_takes_types_categories_and_deadlines_from_the_rules(tmp_path_factory, browser):
    """Nothing is copied into the page by hand: a township's own rules.yaml is what the form offers."""
    root = tmp_path_factory.mktemp("form-rules") / "repo"
    make_township(root)
    rules = root / "site_config" / "rules.yaml"
    text = rules.read_text(encoding="utf-8").replace("  其他: 5\n", "  其他: 5\n  信访: 2\n", 1)
    rules.write_text(text.replace("应急管理, 其他]", "应急管理, 乡村振兴, 其他]", 1), encoding="utf-8")
    units = root / "units.yaml"
    new_reporter = '      - {name: 岩温, title: 文书, phone: "13900000202", since: 2026-12-01}\n'
    units.write_text(
        units.read_text(encoding="utf-8").replace("  - id: nongfu\n", new_reporter + "  - id: nongfu\n"),
        encoding="utf-8",
    )
    result, site = build(root)
    assert result.exit_code == 0, result.output
    with (
        serve(site) as base,
        form_session((root, site, base, browser), "units/mengwang/new/", CLOCKS[0][0]) as (
            page,
            _seen,
        ),
    ):
        # 岩温 starts on 2026-12-01 (Shanghai), the day of this click: two reporters, the reporter chooses
        assert page.get_by_label("信息员").locator("option").all_inner_texts() == ["请选择", "李春艳", "岩温（文书）"]
        assert page.get_by_label("信息员").input_value() == ""
        page.get_by_label("信息类型").select_option("信访")
        assert page.locator("#bs-f-type-note").inner_text() == "时限：发生后 2 日内报送"
        assert "乡村振兴" in page.get_by_label("信息类别").locator("option").all_inner_texts()
        page.get_by_label("信息类别").select_option("应急管理")
        assert page.locator("#bs-f-category-note").inner_text() == "突发事件、防灾减灾、应急处置和救援"
        page.get_by_label("发生日期").fill("2026-11-28")  # 3 days before 2026-12-01: one day late
        assert "信访类信息应在发生后 2 日内报送，本条晚了 1 天" in page.locator("#bs-f-findings").inner_text()
    with (
        serve(site) as base,
        form_session((root, site, base, browser), "units/mengwang/new/", "2026-11-30T15:00:00Z") as (
            page,
            _seen,
        ),
    ):  # 2026-11-30 23:00 in Shanghai: 岩温 is not active yet
        assert page.get_by_label("信息员").locator("option").all_inner_texts() == ["请选择", "李春艳"]
        assert page.get_by_label("信息员").input_value() == "李春艳"
        assert "13900000202" not in page.content()


def test_typed_markup_is_never_run_or_rendered(gitea):
    payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    with form_session(gitea, "units/mengwang/new/", CLOCKS[0][0]) as (page, _seen):
        page.get_by_label("标题").fill("勐往村召开会议" + payload)
        page.get_by_label("关键词").fill(payload)
        page.get_by_label("正文").fill(payload + "\n\n[链接](javascript:alert(1))")
        page.wait_for_timeout(400)  # the scanners' pause
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#bs-form img, #bs-form script").count() == 0
        assert "S08" in page.locator("#bs-f-findings").inner_text()  # markup in the title and the tags
        assert "“标题”里有 HTML 标签" in page.locator("#bs-f-findings").inner_text()


def test_github_gets_the_same_item_in_its_new_file_url(tmp_path_factory, browser, tmp_path):
    clock, day = CLOCKS[1]
    with (
        served(tmp_path_factory, browser, "github") as township,
        form_session(township, "units/mengwang/new/", clock) as (page, seen),
    ):
        fill_form(page, title=TRICKY_TITLE, body=TABLE_BODY, type_="动态", category="发展建设", tags="橡胶, 产业")
        page.get_by_role("button", name="在 GitHub 中提交").click()
        page.wait_for_url(FORGE_HOST + "/**")
    assert seen[0].startswith(FORGE_HOST + "/mengwang/xinxi/new/main/submissions/mengwang/2026?filename=")
    folder, name, value = forge_file(seen[0])
    repo, rel = write_into_copy(township[0], tmp_path, folder, name, value)
    assert validate(repo, rel, day) == []


def test_the_content_scanners_run_on_title_tags_and_body_as_validate_does(gitea, tmp_path):
    """scan.js (S02–S07) on the 填报 page: an ID number blocks the hand-off; a phone number is a warning
    that validate gives on the same line."""
    root = gitea[0]
    clock, day = CLOCKS[1]
    with form_session(gitea, "units/mengwang/new/", clock) as (page, seen):
        assert page.evaluate("typeof window.baosongScan && !!document.getElementById('bs-scan-data')")
        body = TABLE_BODY + "\n村民张某，身份证号11010519491231002X，已登记。\n"
        fill_form(page, title="勐往村召开冬季安全生产工作会议", body=body)
        findings = page.locator("#bs-f-findings")
        expect(findings).to_contain_text("S03")
        assert page.get_by_role("button", name="在 Gitea 中提交").is_disabled()
        assert "11010519491231002X" not in findings.inner_text()  # the number is masked in the message
        page.get_by_label("正文").fill(TABLE_BODY + "\n联系电话：13912345678。\n")
        expect(findings).not_to_contain_text("S03")
        expect(findings).to_contain_text("S05")
        shown = [t for t in findings.locator("li").all_inner_texts() if "S05" in t]
        page.get_by_role("button", name="在 Gitea 中提交").click()
        page.wait_for_url(FORGE_HOST + "/**")
    folder, name, value = forge_file(seen[0])
    repo, rel = write_into_copy(root, tmp_path, folder, name, value)
    found = validate(repo, rel, day)
    assert [f["code"] for f in found] == ["S05"] and len(shown) == 1
    line = value.split("\n").index("联系电话：13912345678。") + 1
    assert found[0]["line"] == line and f"第 {line} 行" in shown[0]
