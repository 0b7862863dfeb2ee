"""Issue 15: the mistakes Word, WeChat and web editors make get the exact fix, and ``fix`` repairs what is safe.

Each kind has the issue's examples plus variants (other characters, other fields, other dates): validate names
the field and the fix; where ``fix`` claims a repair the file validates clean afterwards.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from baosong.checks.repository import load_repository
from baosong.cli.main import cli
from baosong.township.dates import parse_date
from conftest import BODY, FIELDS, TODAY

ITEM = "submissions/mengwang/2026/2026-11-25-安全生产会议.md"
NAME_OF = {"title": 2, "unit": 3, "reporter": 4, "reviewed_by": 5, "date": 6, "event_date": 7, "type": 8}


def text_with(body: str = BODY, extra: tuple[str, ...] = (), **lines: str) -> str:
    """The default item, with some lines replaced as written (``type="type:\\u00a0会议"``)."""
    out = ["---"]
    for key, value in FIELDS.items():
        out.append(lines.pop(key, f"{key}: {value}"))
    out.extend(lines.values())
    out.extend(extra)
    return "\n".join([*out, "---"]) + "\n" + body


def run(*args, root):
    return CliRunner().invoke(cli, [*args, "--root", str(root)], catch_exceptions=False)


def findings(root, rel: str = ITEM):
    repo = load_repository(root, parse_date(TODAY))
    return [f for f in repo.findings if f.path == rel], repo


def fix_then_validate(township, rel: str = ITEM):
    result = run("fix", rel, root=township.root)
    assert result.exit_code == 0, result.output
    after, repo = findings(township.root, rel)
    return result.output, after, repo


# ---- 1. invisible and look-alike characters in the front matter (F14) -------------------------------------
INVISIBLE = [
    # (case, lines, field, words the message must hold)
    ("nbsp-after-colon", {"type": "type:\u00a0会议"}, "type", ["U+00A0 不换行空格", "冒号后面"]),
    ("nbsp-before-key", {"sensitivity": "\u00a0sensitivity: 公开"}, "sensitivity", ["U+00A0", "字段名前面"]),
    ("zwsp-in-unit", {"unit": "unit: meng\u200bwang"}, "unit", ["U+200B 零宽空格", "“meng”和“wang”之间"]),
    ("bom-in-title", {"title": "title: 勐往村召开\ufeff安全生产工作会议"}, "title", ["U+FEFF", "字节顺序标记"]),
    ("lrm-after-date", {"date": "date: 2026-11-25\u200e"}, "date", ["U+200E 从左到右标记", "末尾"]),
    ("thin-space-category", {"category": "category:\u2009监督检查"}, "category", ["U+2009 窄空格"]),
    ("nnbsp-reporter", {"reporter": "reporter:\u202f李春艳"}, "reporter", ["U+202F 窄不换行空格"]),
    ("zwj-reviewer", {"reviewed_by": "reviewed_by: 张国\u200d华"}, "reviewed_by", ["U+200D 零宽连字"]),
    ("cyrillic-e-in-unit", {"unit": "unit: m\u0435ngwang"}, "unit", ["U+0435", "西里尔字母", "mengwang"]),
    ("cyrillic-i-in-key", {"title": "t\u0456tle: 勐往村召开安全生产工作会议"}, "title", ["U+0456", "title"]),
    ("fullwidth-key", {"type": "ｔｙｐｅ: 会议"}, "type", ["U+FF54", "type"]),
    ("fullwidth-unit", {"unit": "unit: ｍｅｎｇｗａｎｇ"}, "unit", ["U+FF4D", "8 个字符", "mengwang"]),
    ("zwsp-glued-to-colon", {"title": "title:\u200b勐往村召开安全生产工作会议"}, "title", ["U+200B", "冒号后面"]),
    ("nbsp-before-colon", {"title": "title\u00a0: 勐往村召开安全生产工作会议"}, "title", ["U+00A0", "冒号前面"]),
    ("zwsp-in-key", {"category": "ca\u200btegory: 监督检查"}, "category", ["U+200B", "字段名里"]),
    ("word-joiner-event-date", {"event_date": "event_date: 2026-11\u2060-25"}, "event_date", ["U+2060 词连接符"]),
]


@pytest.mark.parametrize("case", INVISIBLE, ids=[c[0] for c in INVISIBLE])
def test_invisible_characters_named_and_fixed(township, case):
    _, lines, key, words = case
    township.write(ITEM, text_with(**lines))
    before, _ = findings(township.root)
    assert [f.code for f in before] == ["F14"], before  # no misleading F03/M01/M04/M05 beside it
    (f,) = before
    assert f.field == key and key in f.message and f.line == 1 + list(FIELDS).index(key) + 1
    for word in words:
        assert word in f.message, f.message
    assert "baosong fix" in f.message
    output, after, _ = fix_then_validate(township)
    assert "U+" in output and after == [], (output, after)


def test_two_invisible_characters_on_one_line_each_reported(township):
    township.write(ITEM, text_with(title="title:\u00a0勐往村\u200b召开安全生产工作会议"))
    before, _ = findings(township.root)
    assert sorted(f.message.split("有")[-1][:10] for f in before)  # both named
    assert {("U+00A0" in f.message, "U+200B" in f.message) for f in before} == {(True, False), (False, True)}
    output, after, _ = fix_then_validate(township)
    assert output.count("U+") == 2 and after == []


def test_fullwidth_space_inside_a_title_is_left_alone(township):
    township.write(ITEM, text_with(title="title: 勐往村召开会议\u3000部署冬季安全生产"))
    assert findings(township.root)[0] == []


# ---- 2. values YAML reads as something else (F03 / F10) ----------------------------------------------------
MISREAD = [
    # (case, field, value as written, code, words)
    ("flow-list", "title", "[转载]勐往村召开安全生产工作会议", "F03", "以 [ 开头，被当成了列表"),
    ("alias", "title", "*重要*勐往村召开安全生产工作会议", "F10", "以 * 开头"),
    ("leading-hash", "title", "#勐往村召开安全生产工作会议", "F03", "以 # 开头"),
    ("hash-comment", "title", "勐往村开展临时救助 #第3批", "F03", "“#第3批”"),
    ("flow-map", "title", "{勐往村}召开安全生产工作会议", "F03", "以 { 开头"),
    ("anchor", "title", "&勐往村召开安全生产工作会议", "F10", "以 & 开头"),
    ("tag", "title", "!紧急!勐往村召开安全生产工作会议", "F10", "以 ! 开头"),
    ("at", "title", "@全体村民 勐往村召开安全生产会议", "F03", "以 @ 开头"),
    ("backtick", "title", "`通知`勐往村召开安全生产工作会议", "F03", "以 ` 开头"),
    ("percent", "title", "%95 的农户完成安全隐患自查", "F03", "以 % 开头"),
    ("pipe", "title", "| 勐往村召开安全生产工作会议", "F03", "以 | 开头"),
    ("greater", "title", "> 勐往村召开安全生产工作会议", "F03", "以 > 开头"),
    ("dash", "title", "- 勐往村召开安全生产工作会议", "F03", "被当成了列表项"),
    ("colon-inside", "title", "勐往村: 召开安全生产工作会议", "F03", "“: ”"),
    ("reporter-hash", "reporter", "李春艳 #文书", "F03", "“#文书”"),
    ("type-comment-tab", "type", "会议\t#例会", "F03", "“#例会”"),
]


@pytest.mark.parametrize("case", MISREAD, ids=[c[0] for c in MISREAD])
def test_misread_value_explained_quoted_and_fixed(township, case):
    _, key, value, code, words = case
    township.write(ITEM, text_with(**{key: f"{key}: {value}"}))
    before, _ = findings(township.root)
    hits = [f for f in before if f.code == code]
    assert hits, before
    f = hits[0]
    assert f.field == key and key in f.message and words in f.message, f.message
    quoted = re.search(rf"写成 ({key}: (['\"]).*\2)", f.message)
    assert quoted, f.message  # the corrected line, with quotes
    assert "M01" not in {x.code for x in before}  # the line is there: never "缺少"
    output, after, repo = fix_then_validate(township)
    assert "加上了引号" in output
    kept = [x for x in after if x.code in ("F03", "F10")]
    assert kept == [], after
    (item,) = [i for i in repo.items if i.path == ITEM]
    assert item.meta[key] == value.strip()  # nothing after a # is lost


def test_title_with_hash_keeps_its_words_after_fix(township):
    township.write(ITEM, text_with(title="title: 勐往村开展临时救助 #第3批"))
    _, after, repo = fix_then_validate(township)
    assert after == []
    assert repo.items[0].title == "勐往村开展临时救助 #第3批"


def test_yaml_type_tag_is_dropped_by_fix(township):
    township.write(ITEM, text_with(date="date: !!str 2026-11-25"))
    before, _ = findings(township.root)
    assert [f.code for f in before] == ["F10"] and "date: 2026-11-25" in before[0].message
    _, after, _ = fix_then_validate(township)
    assert after == []


def test_template_guidance_comments_do_not_trigger(township):
    from baosong.township.template import fill, load_template

    values = {**FIELDS, "tags": ["安全生产"]}
    text = fill(load_template(township.root), values, BODY)
    assert "  # " in text  # the template's aligned guidance stayed on the lines
    township.write(ITEM, text)
    assert findings(township.root)[0] == []
    assert "无需修改" in run("fix", ITEM, root=township.root).output


# ---- 3. dates as people write them (M02) ------------------------------------------------------------------
DATES = [
    ("chinese", "date", "2026年11月25日", "2026-11-25"),
    ("slash", "date", "2026/11/25", "2026-11-25"),
    ("short-day", "event_date", "2026-11-5", "2026-11-05"),
    ("fullwidth", "date", "２０２６－１１－２５", "2026-11-25"),
    ("dots", "event_date", "2026.11.24", "2026-11-24"),
    ("chinese-spaced", "event_date", "2026 年 11 月 3 日", "2026-11-03"),
    ("fullwidth-slash", "event_date", "２０２６／１１／２０", "2026-11-20"),
    ("weekday", "date", "2026年11月25日星期三", "2026-11-25"),
    ("with-time", "event_date", "2026-11-24 10:30", "2026-11-24"),
    ("compact", "event_date", "20261123", "2026-11-23"),
    ("brackets", "event_date", "[2026-11-24]", "2026-11-24"),  # also F03 (read as a list): fix mends both
]


@pytest.mark.parametrize("case", DATES, ids=[c[0] for c in DATES])
def test_date_forms_converted(township, case):
    _, key, written, iso = case
    township.write(ITEM, text_with(**{key: f"{key}: {written}"}))
    before, _ = findings(township.root)
    m02 = [f for f in before if f.code == "M02"]
    assert len(m02) == 1 and m02[0].field == key, before
    assert f"写成 {key}: {iso}" in m02[0].message and written in m02[0].message
    output, after, repo = fix_then_validate(township)
    assert iso in output
    assert [f for f in after if f.is_error] == [], after
    assert repo.items[0].meta[key] == iso


@pytest.mark.parametrize(
    "written, words",
    [
        ("2026-11-31", "11 月只有 30 天"),
        ("2026-02-29", "2 月只有 28 天"),
        ("2026年2月30日", "2 月只有 28 天"),
        ("2026-13-01", "没有 13 月"),
    ],
)
def test_day_that_does_not_exist_is_named(township, written, words):
    township.write(ITEM, text_with(event_date=f"event_date: {written}"))
    before, _ = findings(township.root)
    (f,) = [f for f in before if f.code == "M02"]
    assert "不存在" in f.message and words in f.message and "event_date" in f.message, f.message
    assert "YYYY-MM-DD，例如" not in f.message  # it is no format problem
    output = run("fix", ITEM, root=township.root).output
    assert "无需修改" in output  # fix does not guess a day


def test_unreadable_date_example_is_the_file_name_date(township):
    township.write(ITEM, text_with(event_date="event_date: 上周三"))
    (f,) = [f for f in findings(township.root)[0] if f.code == "M02"]
    assert "event_date: 2026-11-25" in f.message


# ---- 4. tags written as one line ---------------------------------------------------------------------------
TAGS = [
    ("chinese-comma", "安全生产，防火", ["安全生产", "防火"]),
    ("one-word", "安全生产", ["安全生产"]),
    ("mixed", "安全生产、防火,防汛；森林", ["安全生产", "防火", "防汛", "森林"]),
    ("hashtags", "#防火 #安全生产", ["防火", "安全生产"]),
]


@pytest.mark.parametrize("case", TAGS, ids=[c[0] for c in TAGS])
def test_tags_as_a_line_become_a_list(township, case):
    _, written, words = case
    township.write(ITEM, text_with(extra=(f"tags: {written}",)))
    before, _ = findings(township.root)
    assert len(before) == 1 and before[0].field == "tags", before
    assert f"tags: [{', '.join(words)}]" in before[0].message
    output, after, repo = fix_then_validate(township)
    assert "改为列表" in output and after == []
    assert repo.items[0].tags == words


# ---- 5. M01: where the key belongs and an example from the item ------------------------------------------
def test_m01_points_at_closing_fence_with_examples_from_the_item(township):
    township.write(ITEM, _drop("reporter", "category", "date", "title", "sensitivity", "type"))
    before, _ = findings(township.root)
    m01 = {f.field: f for f in before if f.code == "M01"}
    closing = 2 + len(FIELDS) - 6  # --- , the three fields left, then ---
    assert {f.line for f in m01.values()} == {closing}
    assert "reporter: 李春艳" in m01["reporter"].message  # the unit's reporter on that day
    assert "date: 2026-11-25" in m01["date"].message  # the file name's date
    assert "title: 勐往村召开安全生产工作会议" in m01["title"].message  # the body's first sentence
    assert "监督检查" in m01["category"].message and "民生保障" in m01["category"].message
    assert "会议（当天报送）" in m01["type"].message and "title: " not in m01["type"].message
    assert "公开（" in m01["sensitivity"].message and "内部（" in m01["sensitivity"].message


def _drop(*keys: str) -> str:
    return text_with(**dict.fromkeys(keys, "# removed")).replace("# removed\n", "")


def test_m01_blank_value_points_at_its_own_line(township):
    township.write(ITEM, text_with(reviewed_by="reviewed_by:"))
    (f,) = [f for f in findings(township.root)[0] if f.code == "M01"]
    assert f.line == 5 and "reviewed_by: 张国华" in f.message


# ---- 6. the untouched template (M13) and titles without words (M10) -------------------------------------
def _forge_template(root, reporter="李春艳"):
    from baosong.township.template import fill, load_template

    values = {"unit": "mengwang", "date": TODAY, "event_date": TODAY, "reporter": reporter, "reviewed_by": "张国华"}
    return fill(load_template(root), values)


def test_untouched_template_is_an_error(township):
    rel = "submissions/mengwang/2026/2026-11-25-简短标题.md"
    township.write(rel, _forge_template(township.root))
    before, _ = findings(township.root, rel)
    m13 = [f for f in before if f.code == "M13"]
    assert {f.field for f in m13} == {"title", None}
    assert all("还没有改模板里的示例文字" in f.message for f in m13)
    assert any("简短标题" in f.message for f in m13) and any("在这里写正文" in f.message for f in m13)
    assert any(f.line and f.line > 10 for f in m13 if f.field is None)  # the body's line


def test_template_body_kept_under_a_real_title_is_an_error(township):
    from baosong.township.template import load_template

    body = load_template(township.root).split("\n---\n", 1)[1]
    township.write(ITEM, text_with(body=body))
    m13 = [f for f in findings(township.root)[0] if f.code == "M13"]
    assert m13 and m13[0].line == 2 + len(FIELDS) + 1


@pytest.mark.parametrize("title", ["🔥🔥🔥🔥🔥", "！！！！！！", "……——……", "★ ★ ★ ★ ★", "开会 🔥🔥🔥"])
def test_title_needs_five_words(township, title):
    township.write(ITEM, text_with(title=f"title: '{title}'"))
    (f,) = [f for f in findings(township.root)[0] if f.code == "M10"]
    assert f.field == "title" and "汉字、字母或数字" in f.message


def test_five_words_with_symbols_are_enough(township):
    township.write(ITEM, text_with(title="title: 勐往村开会🔥"))
    assert findings(township.root)[0] == []


# ---- 7. links and images to attachments that are not there (M14) ---------------------------------------
@pytest.mark.parametrize(
    "body, variant, words",
    [
        ("现场照片：\n\n![现场](xianchang.jpg)\n", "missing", "xianchang.jpg"),
        ("见[会议通知](通知.docx)。\n", "type", ".docx"),
        ("见[附件](../../baka/2026/没有.pdf)。\n", "missing", "没有.pdf"),
        ('![现场](<现场 照片.png> "会场")\n', "missing", "现场 照片.png"),
        ("![现场][p]\n\n[p]: 没上传.webp\n", "missing", "没上传.webp"),
        ("[文件](../../../../etc/passwd)\n", "outside", "etc/passwd"),
        ("![现场](现场.JPG)\n", "missing", "现场.jpg"),  # a case mismatch: the upload is named in the hint
    ],
)
def test_missing_or_wrong_attachment(township, body, variant, words):
    township.write("submissions/mengwang/2026/现场.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 16)
    township.write(ITEM, text_with(body="11月25日，勐往村召开会议。\n" + body))
    m14 = [f for f in findings(township.root)[0] if f.code == "M14"]
    assert len(m14) == 1, m14
    f = m14[0]
    assert f.severity == "error" and words in f.message and f.line and f.line > 11
    lines = (township.root / ITEM).read_text(encoding="utf-8").split("\n")
    assert words.split("/")[-1].split(".")[0] in lines[f.line - 1] or variant == "missing"


def test_a_picture_in_a_subfolder_is_named_as_such(township):
    """Attachments are published from the item's folder only: a picture uploaded into img/ gets an F06 that speaks
    of pictures, and the item that shows it an M14 (it would be a broken image), not a silent 404 on the site."""
    township.write("submissions/mengwang/2026/img/现场.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    township.write(ITEM, text_with(body="11月25日，勐往村召开会议。\n\n![现场](img/现场.png)\n"))
    found = findings(township.root)[1].findings
    (f06,) = [f for f in found if f.code == "F06"]
    assert f06.path.endswith("img/现场.png") and "图片和 PDF 要和信息放在同一个文件夹" in f06.message
    (m14,) = [f for f in found if f.code == "M14"]
    assert m14.path == ITEM and "不在信息所在的文件夹里" in m14.message and "submissions/mengwang/2026/" in m14.message


def test_uploaded_attachments_and_code_are_fine(township):
    township.write("submissions/mengwang/2026/现场.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 16)
    township.write("submissions/mengwang/2026/通知.pdf", b"%PDF-1.4\n")
    body = (
        "![现场](现场.jpg)\n\n[通知](通知.pdf#page=2)\n\n[网站](https://example.org/a.docx)\n\n"
        "写法：`![图](没有.jpg)`\n\n```\n![图](也没有.jpg)\n```\n\n[上文](#正文)\n"
    )
    township.write(ITEM, text_with(body=body))
    assert [f for f in findings(township.root)[0] if f.code == "M14"] == []


@pytest.mark.parametrize(
    "note",
    ["数据来源于乡林业站统计。", "见 县林业局 通报", "2026年统计数", "https://example.org/a.docx"],
)
def test_a_footnote_is_not_a_link(township, note):
    """The footnotes extension is on: ``[^1]: 文字`` is a note, not a link definition (found by a fresh tester)."""
    township.write(ITEM, text_with(body=f"巡查林区十二处[^1]。\n\n[^1]: {note}\n"))
    assert [f for f in findings(township.root)[0] if f.code == "M14"] == []


def test_a_phone_in_a_footnote_is_still_found(township):
    township.write(ITEM, text_with(body="巡查林区十二处[^1]。\n\n[^1]: 联系人手机13957246813。\n"))
    assert "S05" in [f.code for f in findings(township.root)[0]]


# ---- 8. file names: one F06 per problem with the new name; fix --rename ---------------------------------
@pytest.mark.parametrize(
    "name, new",
    [
        ("2026-11-25-安全生产会议.MD", "2026-11-25-安全生产会议.md"),
        ("2026-11-25-安全 生产会议.md", "2026-11-25-安全-生产会议.md"),
        ("2026-11-25-安全生产会议.Md", "2026-11-25-安全生产会议.md"),
        ("2026-11-25-安全\u200b生产会议.md", "2026-11-25-安全生产会议.md"),
        ("2026-11-25-安全生产会议?.md", "2026-11-25-安全生产会议.md"),
    ],
)
def test_file_name_one_finding_with_new_name(township, name, new):
    rel = f"submissions/mengwang/2026/{name}"
    township.write(rel, text_with())
    f06 = [f for f in findings(township.root, rel)[0] if f.code == "F06"]
    assert len(f06) == 1, f06
    assert new in f06[0].message
    if name.lower() != name and name.endswith((".MD", ".Md")):
        assert "改成小写 .md" in f06[0].message


def _git(root, *args):
    import subprocess

    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def _git_repo(root):
    _git(root, "init", "-q", "-b", "main")
    _git(root, "config", "user.email", "t@example.org")
    _git(root, "config", "user.name", "t")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "start")


def test_fix_rename_new_file(township):
    _git_repo(township.root)
    rel = "submissions/mengwang/2026/2026-11-25-安全 生产会议.MD"
    township.write(rel, text_with())
    result = run("fix", "--rename", rel, root=township.root)
    assert result.exit_code == 0, result.output
    new = "submissions/mengwang/2026/2026-11-25-安全-生产会议.md"
    assert "已改名为 " + new in result.output
    assert (township.root / new).is_file() and not (township.root / rel).exists()
    assert findings(township.root, new)[0] == []


def test_fix_rename_takes_a_phone_out_of_a_valid_name(township):
    """The name is valid, but a phone in it would be the page's address: S05 says to rename, fix --rename does it."""
    _git_repo(township.root)
    rel = "submissions/mengwang/2026/2026-11-25-值班联系139-5724-6813.md"
    township.write(rel, text_with())
    found = findings(township.root, rel)[0]
    assert any(f.code == "S05" and "fix --rename" in f.message for f in found)
    told = run("fix", rel, root=township.root)
    assert (
        "2026-11-25-值班联系.md" in told.output
        and "--rename" in told.output
        and "5724" not in told.output.split("应改为")[1]
    )
    result = run("fix", "--rename", rel, root=township.root)
    assert result.exit_code == 0, result.output
    new = "submissions/mengwang/2026/2026-11-25-值班联系.md"
    assert "已改名为 " + new in result.output and (township.root / new).is_file()
    assert findings(township.root, new)[0] == []
    for name in ("2026-11-25-13957246813.md", "2026-11-25-会议.md"):  # only a number: 信息; no number: unchanged
        from baosong.township.paths import suggest_name

        assert suggest_name(name) == ("2026-11-25-信息.md" if "139" in name else name)


def test_fix_without_rename_says_how(township):
    rel = "submissions/mengwang/2026/2026-11-25-安全 会议.md"
    township.write(rel, text_with())
    result = run("fix", rel, root=township.root)
    assert "--rename" in result.output and "2026-11-25-安全-会议.md" in result.output
    assert (township.root / rel).exists()


def test_fix_rename_refuses_a_merged_file(township):
    rel = "submissions/mengwang/2026/2026-11-25-安全 会议.md"
    township.write(rel, text_with())
    _git_repo(township.root)
    result = run("fix", "--rename", rel, root=township.root)
    assert result.exit_code == 1 and "已经合并到 main" in result.output
    assert (township.root / rel).exists()


def test_fix_rename_refuses_a_linked_file(township):
    _git_repo(township.root)
    rel = "submissions/mengwang/2026/2026-11-24-山体 滑坡.md"
    township.write(rel, text_with(date="date: 2026-11-24", event_date="event_date: 2026-11-24"))
    township.write(ITEM, text_with(extra=("follows: mengwang/2026/2026-11-24-山体 滑坡",)))
    result = run("fix", "--rename", rel, root=township.root)
    assert result.exit_code == 1 and "引用了这个文件" in result.output and ITEM in result.output
    assert (township.root / rel).exists()


# ---- 9. traditional characters ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "key, written, simple",
    [
        ("type", "會議", "会议"),
        ("type", "動態", "动态"),
        ("category", "監督檢查", "监督检查"),
        ("sensitivity", "內部", "内部"),
    ],
)
def test_traditional_characters_suggested_and_fixed(township, key, written, simple):
    township.write(ITEM, text_with(**{key: f"{key}: {written}"}))
    (f,) = [f for f in findings(township.root)[0] if f.code == "M03"]
    assert f.field == key and f"“{simple}”" in f.message and "繁体" in f.message
    output, after, repo = fix_then_validate(township)
    assert simple in output and after == []
    assert repo.items[0].meta[key] == simple


# ---- 10. usage errors exit 2 ------------------------------------------------------------------------------
def test_new_with_two_reporters_is_a_usage_error(township):
    units = (township.root / "units.yaml").read_text(encoding="utf-8")
    units = units.replace(
        "      - {name: 赵文军, git: zhaowj, since: 2019-03-01, until: 2026-08-14}\n",
        "      - {name: 赵文军, since: 2019-03-01}\n",
    )
    (township.root / "units.yaml").write_text(units, encoding="utf-8")
    args = ["new", "--today", TODAY, "--unit", "mengwang", "--type", "会议", "--category", "部署落实"]
    result = run(*args, "--title", "勐往村召开安全生产工作会议", root=township.root)
    assert result.exit_code == 2 and "--reporter" in result.output


def test_raw_template_saved_unchanged_is_an_error(township):
    from baosong.township.template import load_template

    rel = "submissions/mengwang/2026/2026-11-25-简短标题.md"
    township.write(rel, load_template(township.root))
    m13 = [f for f in findings(township.root, rel)[0] if f.code == "M13"]
    assert {f.field for f in m13} == {"title", "unit", "reporter", "reviewed_by", None}
    assert all(f.field is None or f.field in f.message for f in m13)


@pytest.mark.parametrize(
    "char, name",
    [
        ("\u200b", "U+200B 零宽空格"),
        ("\u00a0", "U+00A0 不换行空格"),
        ("\u3000", "U+3000 全角空格"),
        ("\ufeff", "U+FEFF 字节顺序标记"),
    ],
)
def test_characters_are_named_in_chinese(char, name):
    from baosong.township.charnames import describe

    assert describe(char).startswith(name)


def test_uncommon_characters_fall_back_to_the_unicode_name():
    from baosong.township.charnames import describe

    assert describe("\u2061") == "U+2061 不可见函数符"
    assert describe("\u180b") == "U+180B MONGOLIAN FREE VARIATION SELECTOR ONE"
    assert "形似英文 a" in describe("\u0430") and "西里尔字母" in describe("\u0430")


def test_quick_class_matches_unicodedata():
    """charnames.MAYBE_ODD is a literal for speed: it must hold every character kind_of names, and no other."""
    import unicodedata

    from baosong.township.charnames import MAYBE_ODD, kind_of

    planes = (range(0x30000), range(0xE0000, 0xE1000))
    for code in (c for plane in planes for c in plane):
        ch = chr(code)
        named = kind_of(ch) is not None
        listed = MAYBE_ODD.fullmatch(ch) is not None
        assert named == listed, (hex(code), unicodedata.category(ch))


@pytest.mark.parametrize(
    "target", ["javascript&#58;alert(1)", "java&#9;script:alert(1)", "jav&#x61;script&colon;alert(1)", " vbscript:x"]
)
def test_disguised_scheme_is_s08_alone_not_a_missing_file(township, target):
    """A link a browser reads as javascript: is S08's to judge; M14 does not also call it a missing file."""
    township.write(ITEM, text_with(body=f"11月25日，勐往村召开会议。\n\n[办事指南]({target})\n"))
    codes = [f.code for f in findings(township.root)[0]]
    assert "S08" in codes and "M14" not in codes, codes


def test_a_link_to_a_file_without_extension_names_it_plainly(township):
    township.write(ITEM, text_with(body="11月25日，勐往村召开会议。\n\n[名单](名单)\n"))
    (m14,) = [f for f in findings(township.root)[0] if f.code == "M14"]
    assert "（无扩展名）" in m14.message and "（（" not in m14.message


@pytest.mark.parametrize(
    "opening, closing",
    [("－－－", "－－－"), ("———", "———"), ("——————", "---"), ("---", "——————"), ("－－－\u3000", "－－－")],
)
def test_fences_typed_in_chinese_mode_are_named_and_fixed(township, opening, closing):
    """Shift+- in the Chinese input method gives ——; full-width hyphens look like ---: F02 says so, fix mends."""
    text = text_with()
    lines = text.split("\n")
    end = lines.index("---", 1)
    lines[0], lines[end] = opening, closing
    township.write(ITEM, "\n".join(lines))
    before, _ = findings(township.root)
    (f02,) = [f for f in before if f.code == "F02"]
    assert "中文输入法" in f02.message and "baosong fix" in f02.message
    output, after, _ = fix_then_validate(township)
    assert "分隔线改为 ---" in output
    assert after == [], after
    assert (township.root / ITEM).read_text(encoding="utf-8").endswith(BODY)


def test_an_override_in_a_file_name_is_shown_by_its_code(township):
    """F06 repeats a bad file name: a right-to-left override in it is shown as [U+202E], so it cannot turn the rest of a
    report (a PR comment's table) around."""
    rel = "submissions/mengwang/2026/2026-11-25-会议\u202e通知.md"
    township.write(rel, text_with())
    (f06,) = [f for f in findings(township.root, rel)[0] if f.code == "F06"]
    assert "[U+202E]" in f06.message and "\u202e" not in f06.message
