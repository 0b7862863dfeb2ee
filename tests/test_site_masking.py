"""No personal number is published: the site masks what S03–S05 find in titles, tags, bodies and search text.

S05 (a mobile number) is a warning, so a merged item may hold one; the office may also turn S03/S04 down.
Whatever the severities, the built site shows ``139****5678`` and never the digits; ``scan.allow`` stays.
"""

from __future__ import annotations

from datetime import date

import pytest

from baosong.scan.numbers import allowed_digits
from baosong.site.masking import Masker
from helpers_images import png
from helpers_site import add_site_config, build

TODAY = date(2026, 11, 25)
MASKER = Masker(TODAY)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("联系电话13912345678。", "联系电话139****5678。"),
        ("手机：139 1234 5678", "手机：139 **** 5678"),
        ("手机139-1234-5678", "手机139-****-5678"),
        ("手机 １３９１２３４５６７８", "手机 １３９＊＊＊＊５６７８".replace("＊", "*")),
        ("手机139\u200b1234\u200b5678", "手机139\u200b****\u200b5678"),
        ("手机139\u00a01234\u00a05678", "手机139\u00a0****\u00a05678"),
        ("电话+86 139 1234 5678", "电话+86 139 **** 5678"),
        ("手机1391234&#53;678", "手机139****&#53;678"),
        ("身份证530825198507120039", "身份证530825********0039"),
        ("卡号6222021234567890128", "卡号622202*********0128"),
    ],
)
def test_plain_text_is_masked_digit_for_digit(written, shown):
    assert MASKER.text(written) == shown


@pytest.mark.parametrize(
    "text",
    [
        "2026年11月25日召开会议，到会群众126人。",
        "完成投资12345678元。",  # an amount: no label, not a phone
        "项目编号2026-0001-0002。",
        "",
    ],
)
def test_other_numbers_are_left_alone(text):
    assert MASKER.text(text) == text


def test_an_allowed_number_stays():
    masker = Masker(TODAY, allowed_digits(("0871-12345678", "13908790000")))
    assert masker.text("值班电话13908790000，联系人手机13912345678") == "值班电话13908790000，联系人手机139****5678"


@pytest.mark.parametrize(
    ("markup", "shown"),
    [
        ("<p>手机139<strong>1234</strong>5678</p>", "<p>手机139<strong>****</strong>5678</p>"),
        ("<p>手机139\n12345678</p>", "<p>手机139\n****5678</p>"),  # a soft line break reads as a space
        ("<p>电话<code>13912345678</code></p>", "<p>电话<code>139****5678</code></p>"),
        ('<p><a href="/x/13912345678/">联系</a></p>', '<p><a href="/x/139xxxx5678/">联系</a></p>'),
        ("<td>李某</td><td>13912345678</td>", "<td>李某</td><td>139****5678</td>"),
        # found by a fresh tester: attributes a reader or a URL shows
        ('<p><img alt="13911110011" src="tu.png" /></p>', '<p><img alt="139****0011" src="tu.png" /></p>'),
        (
            '<h2 id="13911110013">电话13911110013<a class="headerlink" href="#13911110013">&para;</a></h2>',
            '<h2 id="139****0013">电话139****0013<a class="headerlink" href="#139****0013">&para;</a></h2>',
        ),
        (
            '<a href="https://x.cn/?id=530825198507120039">表</a>',
            '<a href="https://x.cn/?id=530825xxxxxxxx0039">表</a>',
        ),
        (
            '<img alt="现场" title="手机13912345678" src="a.png" />',
            '<img alt="现场" title="手机139****5678" src="a.png" />',
        ),
    ],
)
def test_html_text_is_masked_and_tags_untouched(markup, shown):
    assert MASKER.html(markup) == shown


def test_two_paragraphs_never_join_into_one_number():
    markup = "<p>编号1391234</p>\n<p>5678元</p>"
    assert MASKER.html(markup) == markup


PHONE = "13957246813"  # digits no asset of the site contains


def test_the_built_site_never_shows_a_phone(township):
    """A real build: the item is published (S05 is a warning) with the number masked everywhere."""
    township.item(
        name="2026-11-25-防汛值班安排.md",
        title=f"防汛值班安排（联系电话{PHONE}）",
        tags=f"[防汛, 值班{PHONE}]",
        body=(
            f"值班人员李某，手机{PHONE}。\n\n"
            "备用：139**5724**6813，+86 139 5724 6813，１３９５７２４６８１３。\n\n"
            "| 姓名 | 电话 |\n|---|---|\n| 王某 | 139-5724-6813 |\n\n"
            "乡值班室电话13908790000。\n\n"
            "## 联系人139-5724-6813\n\n"
            "![李某 13957246813](现场.png)\n\n"
            "见说明[^1]。\n\n[^1]: 备用手机13957246813。\n"
        ),
    )
    township.write("submissions/mengwang/2026/现场.png", png())
    add_site_config(township.root)
    result, site = build(township.root)
    assert result.exit_code == 0, result.output
    page = (site / "items" / "mengwang" / "2026" / "2026-11-25-防汛值班安排" / "index.html").read_text("utf-8")
    assert "139****6813" in page
    assert "值班139****6813" in page
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".js"):
            data = path.read_text(encoding="utf-8", errors="replace")
            for secret in ("57246813", "5724</strong>", "5724 6813", "５７２４６８１３", "5724-6813"):
                assert secret not in data, (path, secret)


def test_an_id_is_masked_when_the_office_turns_s03_down(township):
    rules = township.root / "site_config" / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    assert "S03: error" in text
    rules.write_text(text.replace("S03: error", "S03: warning"), encoding="utf-8")
    township.item(name="2026-11-25-入户核查.md", body="户主身份证530825198507120039，已核实。\n")
    add_site_config(township.root)
    result, site = build(township.root)
    assert result.exit_code == 0, result.output
    page = (site / "items" / "mengwang" / "2026" / "2026-11-25-入户核查" / "index.html").read_text("utf-8")
    assert "530825********0039" in page
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            assert "19850712" not in path.read_text(encoding="utf-8", errors="replace"), path


OTHER = "13912346813"  # masks like PHONE: 139****6813


def test_a_number_in_a_file_name_is_never_published(township):
    """The form makes the file name from the title, so a phone in the title is in the file name: the page's address,
    every link to it, the search index, a 续报's link back, an attachment's name. The site publishes them under
    masked names; two names that mask alike stay apart (-2); every link still opens."""
    from helpers_site import broken_links

    first = f"2026-11-25-联系{PHONE}"
    township.item(name=f"{first}.md", title=f"山体滑坡联系{PHONE}", type="突发事件", category="应急管理")
    township.item(
        name="2026-11-25-山体滑坡续报.md",
        title="山体滑坡处置进展续报",
        type="突发事件",
        category="应急管理",
        follows=f"mengwang/2026/{first}",
        body=(
            "群众已全部转移。\n\n"
            f"![现场](2026-11-25-现场{PHONE}.png)\n\n"
            f"[原图](2026-11-25-%E7%8E%B0%E5%9C%BA{PHONE}.png)\n"
        ),
    )
    township.item(name=f"2026-11-25-联系{OTHER}.md", title=f"值班安排联系{OTHER}")
    township.write(f"submissions/mengwang/2026/2026-11-25-现场{PHONE}.png", png())
    add_site_config(township.root)
    result, site = build(township.root)
    assert result.exit_code == 0, result.output
    assert "已发布 3 条信息" in result.output, result.output
    folder = site / "items" / "mengwang" / "2026"
    assert (folder / "2026-11-25-联系139xxxx6813" / "index.html").is_file()  # no * (Windows)
    assert (folder / "2026-11-25-联系139xxxx6813-2" / "index.html").is_file()
    assert (folder / "2026-11-25-现场139xxxx6813.png").read_bytes() == png()
    follow_up = (folder / "2026-11-25-山体滑坡续报" / "index.html").read_text("utf-8")
    assert "接续：" in follow_up and "139xxxx6813-2/" in follow_up  # the link back, to its masked page (sorted second)
    for path in site.rglob("*"):
        assert "57246813" not in str(path) and "12346813" not in str(path), path
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".js"):
            data = path.read_text(encoding="utf-8", errors="replace")
            for secret in ("57246813", "12346813"):
                assert secret not in data, (path, secret)
    checked, broken = broken_links(site)
    assert not broken, broken
    assert any("6813.png" in u for u in checked) and any("6813-2/" in u for u in checked)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (f"2026-11-25-联系{PHONE}.md", "2026-11-25-联系139xxxx6813.md"),
        (f"2026-11-25-{PHONE}.png", "2026-11-25-139xxxx6813.png"),  # right after the date
        ("2026-11-25-第13957批.md", "2026-11-25-第13957批.md"),  # no number to mask
        ("2026-11-25-户主530825198507120039.md", "2026-11-25-户主530825xxxxxxxx0039.md"),
    ],
)
def test_file_names_are_masked_after_their_date(name, shown):
    assert MASKER.file_name(name) == shown


def test_percent_encoded_links_are_read_before_masking():
    written = '<img alt="现场" src="%E7%8E%B0%E5%9C%BA13957246813.png">'  # "…场" ends in %BA, then the digits
    assert MASKER.html(written) == '<img alt="现场" src="%E7%8E%B0%E5%9C%BA139xxxx6813.png">'
    # a link to a file names it as published; a heading's id and the #link to it stay alike
    assert MASKER.html('<a href="图13957246813.pdf">图</a>') == '<a href="图139xxxx6813.pdf">图</a>'
    anchor = '<h2 id="联系13957246813">联系</h2><a href="#联系13957246813">上</a>'
    assert MASKER.html(anchor) == '<h2 id="联系139****6813">联系</h2><a href="#联系139****6813">上</a>'
    plain = '<a href="a.png?v=1&amp;b=2">图</a>'
    assert MASKER.html(plain) == plain


def test_the_build_log_masks_a_number_in_a_file_name(township, caplog):
    """An ID number in a file name is an error (S03): the item is left out, and the log line that says so shows
    the file name masked (logs outlive the pull request and reach more readers)."""
    township.item(name="2026-11-25-户主530925198001010013.md", title="户主信息核查通报")
    add_site_config(township.root)
    result, site = build(township.root)
    assert result.exit_code == 0, result.output
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "未发布 submissions/mengwang/2026/2026-11-25-户主530925xxxxxxxx0013.md：S03" in logged, logged
    assert "19800101" not in logged + result.output
    assert not any("19800101" in str(p) for p in site.rglob("*"))


@pytest.mark.parametrize(
    "written",
    [
        "手机139_5724_6861。",  # underscores and tildes between groups: a phone, in validate, on the page, in search
        "手机139~5724~6836。",
        "手机139＿5724＿6861。",
        "手机139&#8203;57246868。",  # a character reference inside the number
        "值班手机139\\_5724\\_6867。",  # escaped underscores: the page shows 139_5724_6867
    ],
)
def test_numbers_split_by_underscores_or_references_are_masked_everywhere(township, written):
    from baosong.site.search_site import plain_text

    township.item(name="2026-11-25-值班安排.md", title="值班安排139_5724_6831通报", body=written + "\n")
    add_site_config(township.root)
    result, site = build(township.root)
    assert result.exit_code == 0, result.output
    tail = "".join(ch for ch in written if ch.isdigit())[-4:]
    assert MASKER.text(plain_text(written)).count("*") >= 4
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            data = path.read_text(encoding="utf-8", errors="replace")
            for secret in ("5724_6831", "5724" + tail[:0] + "_" + tail, "5724~" + tail, "57246868", "5724＿" + tail):
                assert secret not in data, (path, secret)
