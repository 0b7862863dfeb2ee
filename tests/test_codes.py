"""Every finding code of the foundation: a file that triggers it and a near-miss that must not."""

from __future__ import annotations

import os

import pytest

from baosong.checks.repository import load_repository
from baosong.township.dates import parse_date
from conftest import BODY, FIELDS, TODAY, item_text

ITEM = "submissions/mengwang/2026/2026-11-25-安全生产会议.md"


def codes_by_path(root):
    repo = load_repository(root, parse_date(TODAY))
    out: dict[str, set[str]] = {}
    for f in repo.findings:
        out.setdefault(f.path, set()).add(f.code)
    return out, repo


def front(*lines: str, body: str = BODY) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def fields_with(**changes) -> list[str]:
    values = {**FIELDS, **changes}
    return [f"{k}: {v}" for k, v in values.items() if v is not None]


# (case id, files to write {path: str|bytes}, expected codes per path)
CASES = [
    # F01 encoding
    ("F01-gbk", {ITEM: item_text().encode("gbk")}, {ITEM: {"F01"}}),
    ("F01-near-bom-crlf", {ITEM: ("\ufeff" + item_text()).replace("\n", "\r\n").encode()}, {}),
    # F02 front matter
    ("F02-none", {ITEM: "标题：会议\n正文"}, {ITEM: {"F02"}}),
    ("F02-unclosed", {ITEM: "---\ntitle: 勐往村召开会议\n正文\n"}, {ITEM: {"F02"}}),
    ("F02-dots-terminated", {ITEM: "---\n" + "\n".join(fields_with()) + "\n...\n" + BODY}, {ITEM: {"F02"}}),
    ("F02-near-fence-spaces", {ITEM: item_text().replace("---\n", "---  \n", 1)}, {}),
    # F03 YAML syntax
    ("F03-syntax", {ITEM: front(*fields_with(title="[勐往村召开会议"))}, {ITEM: {"F03"}}),
    ("F03-no-space", {ITEM: front(*fields_with(date=None), "date:2026-11-25")}, {ITEM: {"F03"}}),
    ("F03-near-colon-in-value", {ITEM: front(*fields_with(title="勐往村：召开安全生产会议"))}, {}),
    # F04 full-width punctuation
    ("F04-colon", {ITEM: front(*fields_with(title=None), "title：勐往村召开安全生产会议")}, {ITEM: {"F04"}}),
    ("F04-space", {ITEM: front(*fields_with(title=None), "title:\u3000勐往村召开安全生产会议")}, {ITEM: {"F04"}}),
    ("F04-list", {ITEM: front(*fields_with(), "tags: [安全生产，防汛]")}, {ITEM: {"F04"}}),
    ("F04-near-value", {ITEM: front(*fields_with(title="勐往村召开会议　部署工作"), "tags: [安全生产, 防汛]")}, {}),
    # F05 not a mapping
    ("F05-list", {ITEM: front("- 勐往村", "- 会议")}, {ITEM: {"F05"}}),
    ("F05-scalar", {ITEM: front("勐往村召开会议")}, {ITEM: {"F05"}}),
    # F06 names and places
    (
        "F06-no-date",
        {"submissions/mengwang/2026/安全生产会议.md": item_text()},
        {"submissions/mengwang/2026/安全生产会议.md": {"F06"}},
    ),
    (
        "F06-space",
        {"submissions/mengwang/2026/2026-11-25-安全 会议.md": item_text()},
        {"submissions/mengwang/2026/2026-11-25-安全 会议.md": {"F06"}},
    ),
    (
        "F06-year",
        {"submissions/mengwang/2025/2026-11-25-安全生产会议.md": item_text()},
        {"submissions/mengwang/2025/2026-11-25-安全生产会议.md": {"F06"}},
    ),
    (
        "F06-long",
        {f"submissions/mengwang/2026/2026-11-25-{'很' * 70}.md": item_text()},
        {f"submissions/mengwang/2026/2026-11-25-{'很' * 70}.md": {"F06"}},
    ),
    (
        "F06-place",
        {"submissions/mengwang/2026-11-25-安全生产会议.md": item_text()},
        {"submissions/mengwang/2026-11-25-安全生产会议.md": {"F06"}},
    ),
    (
        "F06-bad-date",
        {"submissions/mengwang/2026/2026-02-30-会议.md": item_text(date="2026-02-30")},
        {"submissions/mengwang/2026/2026-02-30-会议.md": {"F06", "M02"}},
    ),
    # F08 size, F09 type
    ("F08-big", {ITEM: item_text(body="字" * 70_000)}, {ITEM: {"F08"}}),
    ("F08-near-just-under", {ITEM: item_text(body="字" * 60_000)}, {}),
    (
        "F09-html",
        {"submissions/mengwang/2026/a.html": "<script>alert(1)</script>"},
        {"submissions/mengwang/2026/a.html": {"F09"}},
    ),
    ("F09-docx", {"submissions/mengwang/2026/稿子.docx": b"PK"}, {"submissions/mengwang/2026/稿子.docx": {"F09"}}),
    ("F09-near-png", {"submissions/mengwang/2026/2026-11-25-现场.png": b"\x89PNG\r\n\x1a\n"}, {}),
    # F13 attachment contents
    (
        "F13-svg-as-png",
        {"submissions/mengwang/2026/2026-11-25-现场.png": b"<svg onload=alert(1)>"},
        {"submissions/mengwang/2026/2026-11-25-现场.png": {"F13"}},
    ),
    (
        "F13-pdf-launch",
        {"submissions/mengwang/2026/通知.pdf": b"%PDF-1.4\n1 0 obj << /S /Launch /F (cmd.exe) >> endobj\n"},
        {"submissions/mengwang/2026/通知.pdf": {"F13"}},
    ),
    ("F13-near-gif", {"submissions/mengwang/2026/2026-11-25-现场.gif": b"GIF89a\x01\x00\x01\x00"}, {}),
    # F10 anchors, aliases, tags; F11 duplicate keys
    ("F10-alias", {ITEM: front(*fields_with(title="&t 勐往村召开安全生产会议"), "tags: [*t]")}, {ITEM: {"F10"}}),
    ("F10-tag", {ITEM: front(*fields_with(title="!!str 勐往村召开安全生产会议"))}, {ITEM: {"F10"}}),
    ("F10-near-ampersand-text", {ITEM: front(*fields_with(title="勐往村召开安全&生产会议"))}, {}),
    ("F11-duplicate", {ITEM: front(*fields_with(), "title: 勐往村召开第二次会议")}, {ITEM: {"F11"}}),
    # M01–M10
    ("M01-missing", {ITEM: front(*fields_with(reporter=None))}, {ITEM: {"M01"}}),
    ("M01-empty", {ITEM: front(*fields_with(title=""))}, {ITEM: {"M01"}}),
    ("M02-date", {ITEM: front(*fields_with(event_date="2026/11/25"))}, {ITEM: {"M02"}}),
    ("M02-not-real", {ITEM: front(*fields_with(event_date="2026-11-31"))}, {ITEM: {"M02"}}),
    ("M02-tags", {ITEM: front(*fields_with(), "tags: 安全生产")}, {ITEM: {"M02"}}),
    ("F03-list-title", {ITEM: front(*fields_with(title="[勐往村, 召开会议]"))}, {ITEM: {"F03"}}),  # [ read as a list
    ("M02-near-yaml11", {ITEM: front(*fields_with(title="no"), "tags: [0755, '12:30', yes]")}, {ITEM: {"M10"}}),
    ("M03-type", {ITEM: front(*fields_with(type="会义"))}, {ITEM: {"M03"}}),
    ("M03-category", {ITEM: front(*fields_with(category="安全"))}, {ITEM: {"M03"}}),
    ("M04-theme", {ITEM: front(*fields_with(), "template: redirect.html")}, {ITEM: {"M04"}}),
    ("M04-unknown", {ITEM: front(*fields_with(), "author: 李春艳")}, {ITEM: {"M04"}}),
    ("M05-unknown", {ITEM: front(*fields_with(unit="mengwan"))}, {ITEM: {"M05"}}),
    (
        "M05-other-folder",
        {ITEM: front(*fields_with(unit="nongfu", reporter="段晓琴", reviewed_by="杨宏伟"))},
        {ITEM: {"M05"}},
    ),
    (
        "M05-folder",
        {"submissions/nobody/2026/2026-11-25-会议.md": item_text()},
        {"submissions/nobody/2026/2026-11-25-会议.md": {"M05"}},
    ),
    ("M06-other-unit", {ITEM: front(*fields_with(reporter="段晓琴"))}, {ITEM: {"M06"}}),
    ("M06-term-ended", {ITEM: front(*fields_with(reporter="赵文军"))}, {ITEM: {"M06"}}),
    (
        "M06-near-in-term",
        {
            "submissions/mengwang/2026/2026-08-01-会议.md": item_text(
                reporter="赵文军", date="2026-08-01", event_date="2026-08-01"
            )
        },
        {},
    ),
    ("M07-reviewer", {ITEM: front(*fields_with(reviewed_by="李春艳"))}, {ITEM: {"M07"}}),
    ("M08-date", {ITEM: front(*fields_with(date="2026-11-24", event_date="2026-11-24"))}, {ITEM: {"M08"}}),
    ("M09-event-after", {ITEM: front(*fields_with(date="2026-11-25", event_date="2026-11-26"))}, {ITEM: {"M09"}}),
    (
        "M09-future",
        {"submissions/mengwang/2026/2026-11-26-会议.md": item_text(date="2026-11-26", event_date="2026-11-26")},
        {"submissions/mengwang/2026/2026-11-26-会议.md": {"M09"}},
    ),
    ("M10-short", {ITEM: front(*fields_with(title="开会了"))}, {ITEM: {"M10"}}),
    ("M10-long", {ITEM: front(*fields_with(title="会" * 61))}, {ITEM: {"M10"}}),
    ("M10-near-60", {ITEM: front(*fields_with(title="会" * 60))}, {}),
    ("M10-body", {ITEM: front(*fields_with(), body="\n  \n")}, {ITEM: {"M10"}}),
    # M11 references
    ("M11-follows", {ITEM: front(*fields_with(), "follows: mengwang/2026/2026-11-20-山体滑坡")}, {ITEM: {"M11"}}),
    ("M11-request", {ITEM: front(*fields_with(), "request: 2026-防火")}, {ITEM: {"M11"}}),
    (
        "M11-near",
        {
            "submissions/mengwang/2026/2026-11-24-山体滑坡.md": item_text(
                title="勐往村发生山体滑坡",
                date="2026-11-24",
                event_date="2026-11-24",
                type="突发事件",
                category="应急管理",
            ),
            ITEM: front(
                *fields_with(type="突发事件", category="应急管理"),
                "follows: mengwang/2026/2026-11-24-山体滑坡",
                "request: 2026-防汛",
            ),
        },
        {},
    ),
    # M12 duplicates (warning on both)
    (
        "M12-duplicate",
        {
            ITEM: item_text(),
            "submissions/mengwang/2026/2026-11-24-会议.md": item_text(date="2026-11-24", event_date="2026-11-24"),
        },
        {ITEM: {"M12"}, "submissions/mengwang/2026/2026-11-24-会议.md": {"M12"}},
    ),
    (
        "M12-near-other-unit",
        {
            ITEM: item_text(),
            "submissions/nongfu/2026/2026-11-25-会议.md": item_text(
                unit="nongfu", reporter="段晓琴", reviewed_by="杨宏伟"
            ),
        },
        {},
    ),
    # T01 deadlines
    ("T01-late", {ITEM: front(*fields_with(event_date="2026-11-23"))}, {ITEM: {"T01"}}),
    ("T01-near-document", {ITEM: front(*fields_with(type="文件", event_date="2026-11-22"))}, {}),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_code(township, case):
    _, files, expected = case
    for rel, content in files.items():
        township.write(rel, content)
    found, _ = codes_by_path(township.root)
    assert found == expected


def test_f07_symlink_is_not_followed(township, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(item_text(), encoding="utf-8")
    link = township.root / "submissions/mengwang/2026/2026-11-25-链接.md"
    link.parent.mkdir(parents=True)
    os.symlink(secret, link)
    os.symlink("/etc", township.root / "submissions/mengwang/2026/etc")
    found, repo = codes_by_path(township.root)
    assert found == {
        "submissions/mengwang/2026/2026-11-25-链接.md": {"F07"},
        "submissions/mengwang/2026/etc": {"F07"},
    }
    assert repo.items == []


def test_f07_fifo_is_not_read(township):
    fifo = township.root / "submissions/mengwang/2026/2026-11-25-管道.md"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    found, _ = codes_by_path(township.root)  # would hang if the reader opened the FIFO blocking
    assert found == {"submissions/mengwang/2026/2026-11-25-管道.md": {"F07"}}


def test_findings_have_lines_and_chinese_fix(township):
    township.write(ITEM, front(*fields_with(type="会义"), "title: 重复的标题"))
    _, repo = codes_by_path(township.root)
    by_code = {f.code: f for f in repo.findings}
    assert by_code["M03"].line == 8 and by_code["M03"].field == "type"
    assert "会议" in by_code["M03"].message  # the closest allowed value is suggested
    assert by_code["F11"].line == 11 and "第 2 行" in by_code["F11"].message


def test_alias_bomb_is_refused_quickly(township):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 10)]
    township.write(ITEM, front(*lines))
    found, _ = codes_by_path(township.root)
    assert found == {ITEM: {"F10"}}


def test_values_stay_text(township):
    township.write(ITEM, front(*fields_with(), "tags: [no, 0755, '12:30', 2026-11-25]"))
    _, repo = codes_by_path(township.root)
    assert repo.items[0].meta["tags"] == ["no", "0755", "12:30", "2026-11-25"]
    assert repo.findings == []
