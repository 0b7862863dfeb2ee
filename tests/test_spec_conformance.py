"""SPEC conformance, as an external grader sees it: one realistic file per case, the exact codes per path.

Every case writes files into a fresh township (tests/conftest.py) and runs the whole validator with
today = 2026-11-25. The expected value is the complete {path: {codes}} map, so a near-miss that draws
any finding fails as surely as a miss. Cases name the SPEC clause they exercise.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from click.testing import CliRunner

from baosong.checks.repository import load_repository
from baosong.cli.main import cli
from baosong.township.dates import parse_date
from baosong.write.fix import fix_bytes
from conftest import BODY, FIELDS, TODAY, UNITS, item_text

D = "submissions/mengwang/2026/"
ITEM = D + "2026-11-25-安全生产会议.md"
NONGFU = "submissions/nongfu/2026/"
CJK = re.compile(r"[\u4e00-\u9fff]")


def front(*lines: str, body: str = BODY) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def fields(**changes) -> list[str]:
    values = {**FIELDS, **changes}
    return [f"{k}: {v}" for k, v in values.items() if v is not None]


def item_on(day: str, **changes) -> str:
    """An item text dated ``day`` (event on the same day unless changed)."""
    changes.setdefault("event_date", day)
    return front(*fields(date=day, **changes))


def run_validator(root):
    repo = load_repository(root, parse_date(TODAY))
    found: dict[str, set[str]] = {}
    for f in repo.findings:
        found.setdefault(f.path, set()).add(f.code)
    return found, repo


def png(size: int = 64) -> bytes:
    head = b"\x89PNG\r\n\x1a\n"
    return head + b"\0" * max(0, size - len(head))


SIGNATURES = {
    ".jpg": b"\xff\xd8\xff\xe0",
    ".jpeg": b"\xff\xd8\xff\xe0",
    ".gif": b"GIF89a",
    ".webp": b"RIFF\0\0\0\0WEBPVP8 ",
}


def attachment(ext: str, size: int = 64) -> bytes:
    """Bytes that are what the extension says (F13 checks the signature; a PDF must be readable)."""
    if ext.lower() == ".pdf":
        import io

        from pypdf import PdfWriter

        writer, out = PdfWriter(), io.BytesIO()
        writer.add_blank_page(200, 200)
        writer.write(out)
        return out.getvalue()
    head = SIGNATURES.get(ext.lower())
    return png(size) if head is None else head + b"\0" * max(0, size - len(head))


MB5 = 5 * 1024 * 1024
KB200 = 200 * 1024


def padded_item(total: int) -> bytes:
    """A valid item of exactly ``total`` bytes (ASCII padding in the body)."""
    head = item_text().encode()
    return head + b"x" * (total - len(head))


NFD_NAME = unicodedata.normalize("NFD", "2026-11-25-Café会议.md")

# (case id, files {path: text|bytes}, expected {path: codes})
CASES = [
    # ---- baseline: the SPEC's own example is clean
    ("ok-plain", {ITEM: item_text()}, {}),
    ("ok-all-optional", {ITEM: front(*fields(), "tags: [安全生产, 冬季]", "request: 2026-防汛")}, {}),
    # ---- §2.2 encodings (F01)
    ("F01-gbk", {ITEM: item_text().encode("gbk")}, {ITEM: {"F01"}}),
    ("F01-gb18030", {ITEM: item_text().encode("gb18030")}, {ITEM: {"F01"}}),
    (
        "F01-big5",
        {ITEM: item_text(title="召開安全生產工作會議", body="會議正文內容。\n").encode("big5", "replace")},
        {ITEM: {"F01"}},
    ),
    ("F01-utf16-bom", {ITEM: item_text().encode("utf-16")}, {ITEM: {"F01"}}),
    ("F01-utf16le-nobom", {ITEM: item_text().encode("utf-16-le")}, {ITEM: {"F01"}}),
    ("F01-utf16be", {ITEM: item_text().encode("utf-16-be")}, {ITEM: {"F01"}}),
    ("F01-nul-in-body", {ITEM: item_text(body="会议正文\0内容。\n").encode()}, {ITEM: {"F01"}}),
    ("F01-nul-in-front", {ITEM: front(*fields(title="勐往村召开\0安全生产会议")).encode()}, {ITEM: {"F01"}}),
    ("F01-latin1", {ITEM: item_text().encode() + "café".encode("latin-1")}, {ITEM: {"F01"}}),
    ("ok-bom", {ITEM: ("\ufeff" + item_text()).encode()}, {}),
    ("ok-crlf", {ITEM: item_text().replace("\n", "\r\n").encode()}, {}),
    ("ok-bom-crlf", {ITEM: ("\ufeff" + item_text()).replace("\n", "\r\n").encode()}, {}),
    ("ok-lone-cr", {ITEM: item_text().replace("\n", "\r").encode()}, {}),
    ("ok-mixed-newlines", {ITEM: item_text().replace("\n", "\r\n", 3).encode()}, {}),
    # ---- F02 front matter fences
    ("F02-no-front", {ITEM: "勐往村召开安全生产工作会议\n\n正文。\n"}, {ITEM: {"F02"}}),
    ("F02-leading-blank", {ITEM: "\n" + item_text()}, {ITEM: {"F02"}}),
    ("F02-leading-space", {ITEM: " " + item_text()}, {ITEM: {"F02"}}),
    ("F02-unclosed", {ITEM: "---\n" + "\n".join(fields()) + "\n" + BODY}, {ITEM: {"F02"}}),
    ("F02-closed-by-dots", {ITEM: "---\n" + "\n".join(fields()) + "\n...\n" + BODY}, {ITEM: {"F02"}}),
    ("F02-four-dashes", {ITEM: "----\n" + "\n".join(fields()) + "\n---\n" + BODY}, {ITEM: {"F02"}}),
    ("F02-empty-file", {ITEM: ""}, {ITEM: {"F02"}}),
    ("ok-fence-trailing-spaces", {ITEM: "---  \n" + "\n".join(fields()) + "\n--- \t\n" + BODY}, {}),
    ("ok-bom-then-fence", {ITEM: "\ufeff" + item_text()}, {}),
    # ---- F03 YAML syntax
    ("F03-unclosed-bracket", {ITEM: front(*fields(), "tags: [安全生产, 冬季")}, {ITEM: {"F03"}}),
    ("F03-no-space-after-colon", {ITEM: front(*fields(date=None), "date:2026-11-25")}, {ITEM: {"F03"}}),
    ("F03-tab-indent", {ITEM: front(*fields(), "tags:\n\t- 安全生产")}, {ITEM: {"F03"}}),
    ("F03-colon-space-in-value", {ITEM: front(*fields(title="会议: 部署冬季安全生产"))}, {ITEM: {"F03"}}),
    ("F03-unclosed-quote", {ITEM: front(*fields(title='"勐往村召开安全生产会议'))}, {ITEM: {"F03"}}),
    # a stray --- closes the front matter early: the fields after it are missing
    ("M01-stray-fence", {ITEM: front(*fields()[:4], "---", *fields()[4:])}, {ITEM: {"M01"}}),
    ("ok-fullwidth-colon-in-value", {ITEM: front(*fields(title="勐往村：召开安全生产会议"))}, {}),
    ("ok-url-like-value-quoted", {ITEM: front(*fields(title="'勐往村会议: 部署冬季工作'"))}, {}),
    # ---- F04 full-width punctuation in YAML syntax
    ("F04-colon", {ITEM: front(*fields(title=None), "title：勐往村召开安全生产会议")}, {ITEM: {"F04"}}),
    ("F04-colon-space-before", {ITEM: front(*fields(type=None), "type ：会议")}, {ITEM: {"F04"}}),
    ("F04-fullwidth-space", {ITEM: front(*fields(title=None), "title:\u3000勐往村召开安全生产会议")}, {ITEM: {"F04"}}),
    (
        "F04-only-leading-fullwidth-space",
        {ITEM: front(*fields(title=None), "\u3000title: 勐往村召开安全生产会议")},
        {ITEM: {"F04"}},
    ),
    ("F04-space-and-colon", {ITEM: front(*fields(type=None), "\u3000type：会议")}, {ITEM: {"F04"}}),
    ("F04-fullwidth-space-indent-in-list", {ITEM: front(*fields(), "tags:", "\u3000- 安全生产")}, {ITEM: {"F04"}}),
    ("F04-list-comma", {ITEM: front(*fields(), "tags: [安全生产，冬季]")}, {ITEM: {"F04"}}),
    ("F04-list-brackets", {ITEM: front(*fields(), "tags: ［安全生产］")}, {ITEM: {"F04"}}),
    ("F04-list-dunhao", {ITEM: front(*fields(), "tags: [安全生产、冬季]")}, {ITEM: {"F04"}}),
    ("ok-fullwidth-space-inside-title", {ITEM: front(*fields(title="勐往村召开会议\u3000部署冬季工作"))}, {}),
    # ---- F05 not a mapping
    ("F05-list", {ITEM: front("- 勐往村召开安全生产工作会议", "- 会议")}, {ITEM: {"F05"}}),
    ("F05-sentence", {ITEM: front("勐往村召开安全生产工作会议")}, {ITEM: {"F05"}}),
    # ---- F06 places and names
    (
        "F06-top-level",
        {"submissions/2026-11-25-会议纪要.md": item_text()},
        {"submissions/2026-11-25-会议纪要.md": {"F06"}},
    ),
    (
        "F06-unit-level",
        {"submissions/mengwang/2026-11-25-会议纪要.md": item_text()},
        {"submissions/mengwang/2026-11-25-会议纪要.md": {"F06"}},
    ),
    ("F06-nested", {D + "11/2026-11-25-会议纪要.md": item_text()}, {D + "11/2026-11-25-会议纪要.md": {"F06"}}),
    (
        "F06-year-not-number",
        {"submissions/mengwang/二〇二六/2026-11-25-会议纪要.md": item_text()},
        {"submissions/mengwang/二〇二六/2026-11-25-会议纪要.md": {"F06"}},
    ),
    ("F06-no-date", {D + "安全生产会议.md": item_text()}, {D + "安全生产会议.md": {"F06"}}),
    (
        "F06-short-date",
        {D + "2026-11-5-会议纪要.md": item_text(date="2026-11-05", event_date="2026-11-05")},
        {D + "2026-11-5-会议纪要.md": {"F06"}},
    ),
    ("F06-no-slug", {D + "2026-11-25.md": item_text()}, {D + "2026-11-25.md": {"F06"}}),
    ("F06-date-underscore", {D + "2026_11_25-会议纪要.md": item_text()}, {D + "2026_11_25-会议纪要.md": {"F06"}}),
    ("F06-space", {D + "2026-11-25-安全 会议.md": item_text()}, {D + "2026-11-25-安全 会议.md": {"F06"}}),
    (
        "F06-fullwidth-space",
        {D + "2026-11-25-安全\u3000会议.md": item_text()},
        {D + "2026-11-25-安全\u3000会议.md": {"F06"}},
    ),
    ("F06-colon", {D + "2026-11-25-会议:部署.md": item_text()}, {D + "2026-11-25-会议:部署.md": {"F06"}}),
    ("F06-question", {D + "2026-11-25-会议?.md": item_text()}, {D + "2026-11-25-会议?.md": {"F06"}}),
    ("F06-star-quote-pipe", {D + '2026-11-25-会议*"|.md': item_text()}, {D + '2026-11-25-会议*"|.md': {"F06"}}),
    ("F06-angle", {D + "2026-11-25-<会议>.md": item_text()}, {D + "2026-11-25-<会议>.md": {"F06"}}),
    ("F06-backslash", {D + "2026-11-25-会议\\纪要.md": item_text()}, {D + "2026-11-25-会议\\纪要.md": {"F06"}}),
    ("F06-control-char", {D + "2026-11-25-会议\x07纪要.md": item_text()}, {D + "2026-11-25-会议\x07纪要.md": {"F06"}}),
    (
        "F06-zero-width",
        {D + "2026-11-25-会议\u200b纪要.md": item_text()},
        {D + "2026-11-25-会议\u200b纪要.md": {"F06"}},
    ),
    ("ok-fullwidth-punct-in-name", {D + "2026-11-25-会议：部署？（一）.md": item_text()}, {}),
    ("ok-ascii-slug", {D + "2026-11-25-safety-meeting_2.md": item_text()}, {}),
    ("F06-nfd", {D + NFD_NAME: item_text()}, {D + NFD_NAME: {"F06"}}),
    (
        "F06-81-chars",
        {D + "2026-11-25-" + "会" * 67 + ".md": item_text()},
        {D + "2026-11-25-" + "会" * 67 + ".md": {"F06"}},
    ),
    ("ok-80-chars", {D + "2026-11-25-" + "会" * 66 + ".md": item_text()}, {}),
    (
        "F06-year-folder",
        {"submissions/mengwang/2025/2026-11-25-会议纪要.md": item_text()},
        {"submissions/mengwang/2025/2026-11-25-会议纪要.md": {"F06"}},
    ),
    ("F06-feb-29", {D + "2026-02-29-会议纪要.md": item_on("2026-02-28")}, {D + "2026-02-29-会议纪要.md": {"F06"}}),
    ("F06-upper-MD", {D + "2026-11-25-会议纪要.MD": item_text()}, {D + "2026-11-25-会议纪要.MD": {"F06"}}),
    ("F06-attachment-unit-level", {"submissions/mengwang/现场.png": png()}, {"submissions/mengwang/现场.png": {"F06"}}),
    ("F06-attachment-space", {D + "现场 照片.jpg": attachment(".jpg")}, {D + "现场 照片.jpg": {"F06"}}),
    ("ok-attachment-no-date", {D + "现场照片.jpg": attachment(".jpg")}, {}),
    # ---- F08 sizes
    ("F08-item-200KB+1", {ITEM: padded_item(KB200 + 1)}, {ITEM: {"F08"}}),
    ("ok-item-200KB", {ITEM: padded_item(KB200)}, {}),
    ("F08-png-5MB+1", {D + "现场.png": png(MB5 + 1)}, {D + "现场.png": {"F08"}}),
    ("ok-png-5MB", {D + "现场.png": png(MB5)}, {}),
    ("F08-pdf-big", {D + "通知.pdf": b"%PDF-1.4\n" + b"0" * MB5}, {D + "通知.pdf": {"F08"}}),
    # ---- F09 types
    *[
        (f"ok-{ext}", {D + f"现场{ext}": attachment(ext)}, {})
        for ext in (".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf")
    ],
    ("ok-upper-PNG", {D + "现场.PNG": png()}, {}),
    ("ok-upper-JPG", {D + "IMG_0001.JPG": attachment(".JPG")}, {}),
    *[
        (f"F09-{ext}", {D + f"现场{ext}": b"x"}, {D + f"现场{ext}": {"F09"}})
        for ext in (".svg", ".html", ".js", ".exe", ".docx", ".doc", ".wps", ".txt", ".bmp", ".zip", ".markdown")
    ],
    ("F09-no-extension", {D + "README": b"x"}, {D + "README": {"F09"}}),
    ("F09-png-exe", {D + "现场.png.exe": b"MZ"}, {D + "现场.png.exe": {"F09"}}),
    ("F09-top-level-svg", {"submissions/logo.svg": b"<svg/>"}, {"submissions/logo.svg": {"F09"}}),
    # ---- F10 / F11
    ("F10-anchor-alias", {ITEM: front(*fields(title="&t 勐往村召开安全生产会议"), "tags: [*t]")}, {ITEM: {"F10"}}),
    ("F10-tag", {ITEM: front(*fields(date="!!str 2026-11-25"))}, {ITEM: {"F10"}}),
    ("F10-local-tag", {ITEM: front(*fields(title="!x 勐往村召开安全生产会议"))}, {ITEM: {"F10"}}),
    ("ok-ampersand-star-in-text", {ITEM: front(*fields(title="勐往村召开安全&生产*会议"))}, {}),
    ("F11-title-twice", {ITEM: front(*fields(), "title: 勐往村召开第二次安全生产会议")}, {ITEM: {"F11"}}),
    ("F11-same-value-twice", {ITEM: front(*fields(), "unit: mengwang")}, {ITEM: {"F11"}}),
    # ---- M01 required
    *[
        (f"M01-{key}", {ITEM: front(*fields(**{key: None}))}, {ITEM: {"M01"}})
        for key in ("title", "reporter", "reviewed_by", "type", "category", "sensitivity", "event_date")
    ],
    ("M01-unit-missing", {ITEM: front(*fields(unit=None))}, {ITEM: {"M01"}}),
    ("M01-date-missing", {ITEM: front(*fields(date=None))}, {ITEM: {"M01"}}),
    ("M01-empty-value", {ITEM: front(*fields(reporter=""))}, {ITEM: {"M01"}}),
    ("M01-quoted-empty", {ITEM: front(*fields(reporter='""'))}, {ITEM: {"M01"}}),
    ("M01-empty-front", {ITEM: "---\n---\n" + BODY}, {ITEM: {"M01"}}),
    ("M01-comment-only-front", {ITEM: front("# 请填写信息栏")}, {ITEM: {"M01"}}),
    ("M01+M04-Title-case", {ITEM: front(*fields(title=None), "Title: 勐往村召开安全生产会议")}, {ITEM: {"M01", "M04"}}),
    # ---- M02 formats
    ("M02-date-single-digits", {ITEM: front(*fields(event_date="2026-1-5"))}, {ITEM: {"M02"}}),
    ("M02-date-feb-29", {ITEM: front(*fields(event_date="2026-02-29"))}, {ITEM: {"M02"}}),
    ("M02-date-time", {ITEM: front(*fields(event_date="2026-11-25T10:00"))}, {ITEM: {"M02"}}),
    ("M02-date-space-time", {ITEM: front(*fields(event_date="2026-11-25 10:00"))}, {ITEM: {"M02"}}),
    ("M02-date-slashes", {ITEM: front(*fields(event_date="2026/11/25"))}, {ITEM: {"M02"}}),
    ("M02-date-chinese", {ITEM: front(*fields(event_date="2026年11月25日"))}, {ITEM: {"M02"}}),
    ("M02-date-fullwidth-digits", {ITEM: front(*fields(event_date="２０２６-１１-２５"))}, {ITEM: {"M02"}}),
    ("F03-date-list", {ITEM: front(*fields(event_date="[2026-11-25]"))}, {ITEM: {"F03", "M02"}}),  # [ read as a list
    ("M02-tags-scalar", {ITEM: front(*fields(), "tags: 安全生产")}, {ITEM: {"M02"}}),
    ("M02-tags-nested", {ITEM: front(*fields(), "tags: [[安全, 生产]]")}, {ITEM: {"M02"}}),
    ("M02-tags-mapping", {ITEM: front(*fields(), "tags: {a: 安全}")}, {ITEM: {"M02"}}),
    ("F03-title-list", {ITEM: front(*fields(title="[勐往村召开会议, 部署工作]"))}, {ITEM: {"F03"}}),
    ("F03-reporter-mapping", {ITEM: front(*fields(reporter="{name: 李春艳}"))}, {ITEM: {"F03", "M06"}}),
    ("ok-tags-block-list", {ITEM: front(*fields(), "tags:", "  - 安全生产", "  - 冬季")}, {}),
    ("ok-tags-flow-list", {ITEM: front(*fields(), "tags: [安全生产, 冬季]")}, {}),
    ("ok-tags-blank", {ITEM: front(*fields(), "tags:")}, {}),
    ("ok-follows-request-blank", {ITEM: front(*fields(), "follows:", "request:")}, {}),
    (
        "ok-template-comments-kept",
        {ITEM: front(*fields(), "tags: []", "# follows: 单位代号/年份/文件名", "# request: 约稿编号")},
        {},
    ),
    ("M02-tags-null-is-text", {ITEM: front(*fields(), "tags: null")}, {ITEM: {"M02"}}),
    ("ok-tags-empty-list", {ITEM: front(*fields(), "tags: []")}, {}),
    ("ok-quoted-dates", {ITEM: front(*fields(date='"2026-11-25"', event_date="'2026-11-24'", type="报告"))}, {}),
    ("ok-date-trailing-comment", {ITEM: front(*fields(date="2026-11-25   # 报送日期"))}, {}),
    ("ok-yaml11-in-tags", {ITEM: front(*fields(), "tags: [no, yes, on, off, '12:30', 12:30, 0755, 1e3, ~, null]")}, {}),
    # YAML 1.1 lookalikes stay text: they are checked as the words they are
    ("M10-title-no", {ITEM: front(*fields(title="no"))}, {ITEM: {"M10"}}),
    ("ok-title-12:30", {ITEM: front(*fields(title="12:30 召开会议"))}, {}),  # stays text, not a time
    ("M03-type-yes", {ITEM: front(*fields(type="yes"))}, {ITEM: {"M03"}}),
    ("M03-category-on", {ITEM: front(*fields(category="on"))}, {ITEM: {"M03"}}),
    ("M03-sensitivity-tilde", {ITEM: front(*fields(sensitivity="~"))}, {ITEM: {"M03"}}),
    ("M03-sensitivity-null", {ITEM: front(*fields(sensitivity="null"))}, {ITEM: {"M03"}}),
    ("M03-type-1e3", {ITEM: front(*fields(type="1e3"))}, {ITEM: {"M03"}}),
    ("M05-unit-0755", {ITEM: front(*fields(unit="0755"))}, {ITEM: {"M05"}}),
    ("M06-reporter-no", {ITEM: front(*fields(reporter="no"))}, {ITEM: {"M06"}}),
    ("M02-event-date-12:30", {ITEM: front(*fields(event_date="12:30"))}, {ITEM: {"M02"}}),
    # ---- M03 allowed values
    ("M03-type", {ITEM: front(*fields(type="会义"))}, {ITEM: {"M03"}}),
    ("M03-category", {ITEM: front(*fields(category="安全"))}, {ITEM: {"M03"}}),
    ("M03-sensitivity", {ITEM: front(*fields(sensitivity="半公开"))}, {ITEM: {"M03"}}),
    ("ok-sensitivity-internal", {ITEM: front(*fields(sensitivity="内部"))}, {}),
    ("S01-not-M03", {ITEM: front(*fields(sensitivity="不宜公开"))}, {ITEM: {"S01"}}),
    # ---- M04 keys
    *[
        (f"M04-{key}", {ITEM: front(*fields(), f"{key}: {value}")}, {ITEM: {"M04"}})
        for key, value in (
            ("template", "redirect.html"),
            ("hide", "[navigation, toc]"),
            ("search", "{exclude: true}"),
            ("status", "new"),
            ("icon", "material/home"),
            ("description", "会议"),
            ("author", "李春艳"),
            ("Date", "2026-11-25"),
            ("tag", "[安全]"),
        )
    ],
    ("M04-two-keys", {ITEM: front(*fields(), "status: new", "icon: x")}, {ITEM: {"M04"}}),
    # ---- M05 unit
    ("M05-unknown-unit", {ITEM: front(*fields(unit="mengwan"))}, {ITEM: {"M05"}}),
    ("M05-unit-by-name", {ITEM: front(*fields(unit="勐往村"))}, {ITEM: {"M05"}}),
    ("M05-other-unit", {ITEM: front(*fields(unit="nongfu", reporter="段晓琴", reviewed_by="杨宏伟"))}, {ITEM: {"M05"}}),
    (
        "M05-folder-not-registered",
        {"submissions/mangla/2026/2026-11-25-会议纪要.md": item_text(unit="mangla")},
        {"submissions/mangla/2026/2026-11-25-会议纪要.md": {"M05"}},
    ),
    (
        "M05-folder-not-registered-attachment-ok",
        {"submissions/mangla/2026/2026-11-25-会议纪要.md": item_text(), "submissions/mangla/2026/现场.png": png()},
        {"submissions/mangla/2026/2026-11-25-会议纪要.md": {"M05"}},
    ),
    ("M05-only-unit-changed", {ITEM: front(*fields(unit="nongfu"))}, {ITEM: {"M05"}}),
    ("M05-only-typo-unit", {ITEM: front(*fields(unit="mengwan"))}, {ITEM: {"M05"}}),
    ("M05+M06-wrong-unit-and-stranger", {ITEM: front(*fields(unit="nongfu", reporter="王五"))}, {ITEM: {"M05", "M06"}}),
    ("M05-unit-name-with-caps", {ITEM: front(*fields(unit="MengWang"))}, {ITEM: {"M05"}}),
    ("ok-unit-trailing-space", {ITEM: front(*fields(unit="'mengwang '"))}, {}),
    # ---- M06 / M07 terms
    ("M06-other-units-reporter", {ITEM: front(*fields(reporter="段晓琴"))}, {ITEM: {"M06"}}),
    (
        "M06-after-until",
        {D + "2026-08-15-会议纪要.md": item_on("2026-08-15", reporter="赵文军")},
        {D + "2026-08-15-会议纪要.md": {"M06"}},
    ),
    ("ok-reporter-on-until", {D + "2026-08-14-会议纪要.md": item_on("2026-08-14", reporter="赵文军")}, {}),
    (
        "ok-reporter-on-since",
        {
            "submissions/nongfu/2022/2022-03-01-会议纪要.md": item_on(
                "2022-03-01", unit="nongfu", reporter="段晓琴", reviewed_by="杨宏伟"
            )
        },
        {},
    ),
    (
        "M06-before-since",
        {
            "submissions/nongfu/2022/2022-02-28-会议纪要.md": item_on(
                "2022-02-28", unit="nongfu", reporter="段晓琴", reviewed_by="杨宏伟"
            )
        },
        {"submissions/nongfu/2022/2022-02-28-会议纪要.md": {"M06", "M07"}},
    ),
    ("M06-name-with-space", {ITEM: front(*fields(reporter="李 春艳"))}, {ITEM: {"M06"}}),
    ("M07-reporter-as-reviewer", {ITEM: front(*fields(reviewed_by="李春艳"))}, {ITEM: {"M07"}}),
    ("M07-office-reviewer", {ITEM: front(*fields(reviewed_by="王丽萍"))}, {ITEM: {"M07"}}),
    # ---- M08 / M09
    ("M08-date-vs-name", {ITEM: front(*fields(date="2026-11-24", event_date="2026-11-24"))}, {ITEM: {"M08"}}),
    ("M09-event-after-date", {ITEM: front(*fields(event_date="2026-11-26"))}, {ITEM: {"M09"}}),
    ("M09-future-date", {D + "2026-11-26-会议纪要.md": item_on("2026-11-26")}, {D + "2026-11-26-会议纪要.md": {"M09"}}),
    ("ok-date-today", {D + "2026-11-25-会议纪要.md": item_on("2026-11-25")}, {}),
    # ---- M10
    ("M10-title-4", {ITEM: front(*fields(title="安全会议"))}, {ITEM: {"M10"}}),
    ("ok-title-5", {ITEM: front(*fields(title="安全生产会"))}, {}),
    ("ok-title-60", {ITEM: front(*fields(title="会" * 60))}, {}),
    ("M10-title-61", {ITEM: front(*fields(title="会" * 61))}, {ITEM: {"M10"}}),
    ("M10-body-empty", {ITEM: front(*fields(), body="")}, {ITEM: {"M10"}}),
    ("M10-body-whitespace", {ITEM: front(*fields(), body="\n \t\n\u3000\n")}, {ITEM: {"M10"}}),
    ("M10-no-body-after-fence", {ITEM: "---\n" + "\n".join(fields()) + "\n---"}, {ITEM: {"M10"}}),
    # ---- M11 references
    ("M11-follows-missing", {ITEM: front(*fields(), "follows: mengwang/2026/2026-11-20-山体滑坡")}, {ITEM: {"M11"}}),
    ("M11-request-unknown", {ITEM: front(*fields(), "request: 2026-防火")}, {ITEM: {"M11"}}),
    ("M11-follows-self", {ITEM: front(*fields(), "follows: mengwang/2026/2026-11-25-安全生产会议")}, {ITEM: {"M11"}}),
    *[
        (
            f"ok-follows-{label}",
            {
                D + "2026-11-20-山体滑坡.md": item_on(
                    "2026-11-20", title="勐往村发生山体滑坡", type="突发事件", category="应急管理"
                ),
                ITEM: front(*fields(), f"follows: {target}"),
            },
            {},
        )
        for label, target in (
            ("id", "mengwang/2026/2026-11-20-山体滑坡"),
            ("md", "mengwang/2026/2026-11-20-山体滑坡.md"),
            ("prefix", "submissions/mengwang/2026/2026-11-20-山体滑坡.md"),
        )
    ],
    (
        "ok-follows-other-unit",
        {
            NONGFU + "2026-11-20-山体滑坡.md": item_on(
                "2026-11-20", unit="nongfu", reporter="段晓琴", reviewed_by="杨宏伟", title="农服中心报告山体滑坡"
            ),
            ITEM: front(*fields(), "follows: nongfu/2026/2026-11-20-山体滑坡"),
        },
        {},
    ),
    # ---- M12 duplicates
    (
        "M12-same-unit",
        {ITEM: item_text(), D + "2026-11-24-会议.md": item_on("2026-11-24")},
        {ITEM: {"M12"}, D + "2026-11-24-会议.md": {"M12"}},
    ),
    (
        "M12-spacing-differs",
        {ITEM: item_text(), D + "2026-11-24-会议.md": item_on("2026-11-24", title="勐往村召开 安全生产工作会议")},
        {ITEM: {"M12"}, D + "2026-11-24-会议.md": {"M12"}},
    ),
    (
        "ok-same-title-other-unit",
        {
            ITEM: item_text(),
            NONGFU + "2026-11-25-会议.md": item_on(
                "2026-11-25", unit="nongfu", reporter="段晓琴", reviewed_by="杨宏伟"
            ),
        },
        {},
    ),
    # ---- T01 deadlines (from rules.yaml types)
    ("ok-meeting-same-day", {ITEM: item_text()}, {}),
    ("T01-meeting-next-day", {ITEM: front(*fields(event_date="2026-11-24"))}, {ITEM: {"T01"}}),
    ("ok-document-3-days", {ITEM: front(*fields(type="文件", event_date="2026-11-22"))}, {}),
    ("T01-document-4-days", {ITEM: front(*fields(type="文件", event_date="2026-11-21"))}, {ITEM: {"T01"}}),
    ("ok-summary-5-days", {ITEM: front(*fields(type="总结", event_date="2026-11-20"))}, {}),
    (
        "T01-research-6-days",
        {ITEM: front(*fields(type="调研", category="调研视察", event_date="2026-11-19"))},
        {ITEM: {"T01"}},
    ),
    (
        "T01-emergency-late",
        {ITEM: front(*fields(type="突发事件", category="应急管理", event_date="2026-11-24"))},
        {ITEM: {"T01"}},
    ),
    ("T01-not-for-unknown-type", {ITEM: front(*fields(type="会义", event_date="2026-11-01"))}, {ITEM: {"M03"}}),
    # ---- several findings at once
    (
        "many-at-once",
        {ITEM: front(*fields(type="会义", category="安全", reviewed_by="王五"), "icon: x")},
        {ITEM: {"M03", "M04", "M07"}},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_case(township, case):
    _, files, expected = case
    for rel, content in files.items():
        township.write(rel, content)
    found, repo = run_validator(township.root)
    assert found == expected, [f"{f.code} {f.path}:{f.line} [{f.field}] {f.message}" for f in repo.findings]
    for f in repo.findings:
        assert CJK.search(f.message) and "None" not in f.message, f
        assert f.field is None or f.field in f.message, f  # SPEC §3: messages name the field


# ---- line and field: where the reporter must look (front matter starts on line 1 with ---)
# title 2, unit 3, reporter 4, reviewed_by 5, date 6, event_date 7, type 8, category 9, sensitivity 10, extra 11
WHERE = [
    ("F01", item_text().encode("gbk"), 1, None),
    ("F02", "正文\n", 1, None),
    ("F03", front(*fields(), "tags:\n\t- 安全生产"), 12, None),
    ("F03", front(*fields(date=None), "date:2026-11-25"), 10, "date"),
    ("F14", front(*fields(title="勐往村召开\x07安全生产会议")), 2, "title"),  # a control character, named
    ("F03", front(*fields(title="[勐往村召开会议")), 2, "title"),
    ("F03", front(*fields(title='"勐往村召开安全生产会议')), 2, None),
    ("F03", front(*fields(title='"两不愁"工作推进会召开')), 2, None),
    ("F03", front(*fields(reporter="{李春艳")), 4, "reporter"),
    ("F03", front(*fields(), "tags: [安全生产, 冬季"), 11, None),
    ("F03", front(*fields(reviewed_by=None), "reviewed_by 张国华"), 10, None),
    ("F03", front(*fields(title="会议: 部署冬季安全生产")), 2, "title"),
    ("F04", front(*fields(type=None), "type：会议"), 10, "type"),
    ("F05", front("- 勐往村召开安全生产工作会议"), 2, None),
    ("F10", front(*fields(), "tags: [*t]"), 11, None),
    ("F11", front(*fields(), "title: 勐往村召开第二次会议"), 11, "title"),
    ("M01", front(*fields(reporter=None)), 10, "reporter"),  # the closing --- where it belongs
    ("M02", front(*fields(event_date="2026-1-5")), 7, "event_date"),
    ("M02", front(*fields(), "tags: 安全生产"), 11, "tags"),
    ("M03", front(*fields(type="会义")), 8, "type"),
    ("M03", front(*fields(category="安全")), 9, "category"),
    ("M03", front(*fields(sensitivity="半公开")), 10, "sensitivity"),
    ("M04", front(*fields(), "template: x.html"), 11, "template"),
    ("M05", front(*fields(unit="mengwan")), 3, "unit"),
    ("M06", front(*fields(reporter="段晓琴")), 4, "reporter"),
    ("M07", front(*fields(reviewed_by="李春艳")), 5, "reviewed_by"),
    ("M08", front(*fields(date="2026-11-24", event_date="2026-11-24")), 6, "date"),
    ("M09", front(*fields(event_date="2026-11-26")), 7, "event_date"),
    ("M10", front(*fields(title="开会了")), 2, "title"),
    ("M10", front(*fields(), body="\n"), 12, None),
    ("M11", front(*fields(), "follows: mengwang/2026/2026-01-01-无"), 11, "follows"),
    ("M11", front(*fields(), "request: 2026-防火"), 11, "request"),
    ("T01", front(*fields(event_date="2026-11-20")), 6, "date"),
]


@pytest.mark.parametrize("case", WHERE, ids=[f"{c[0]}-{i}" for i, c in enumerate(WHERE)])
def test_line_and_field(township, case):
    code, text, line, field = case
    township.write(ITEM, text)
    _, repo = run_validator(township.root)
    hits = [f for f in repo.findings if f.code == code]
    assert hits, repo.findings
    f = hits[0]
    assert (f.line, f.field) == (line, field), f
    assert f.path == ITEM
    assert CJK.search(f.message) and "None" not in f.message
    if field:
        assert field in f.message, f.message


@pytest.mark.parametrize(
    "text, words",
    [
        (front(*fields(), "tags:\n\t- 安全生产"), "制表符"),
        (front(*fields(title='"两不愁"工作推进会召开')), "引号"),
        (front(*fields(title="会议: 部署冬季安全生产")), "冒号"),
        (front(*fields(), "tags: [安全生产, 冬季"), "]"),
    ],
)
def test_f03_says_what_is_wrong_in_chinese(township, text, words):
    township.write(ITEM, text)
    _, repo = run_validator(township.root)
    (f,) = repo.findings
    assert f.code == "F03" and words in f.message and "YAML 语法错误" not in f.message


def test_bom_crlf_lines_count_from_the_file(township):
    text = "\ufeff" + front(*fields(type="会义"))
    township.write(ITEM, text.replace("\n", "\r\n"))
    _, repo = run_validator(township.root)
    (f,) = repo.findings
    assert (f.code, f.line, f.field) == ("M03", 8, "type")
    assert "会议" in f.message  # the closest allowed value


def test_m12_both_items_named_and_title_line(township):
    other = D + "2026-11-24-会议.md"
    township.write(ITEM, item_text())
    township.write(other, item_on("2026-11-24"))
    _, repo = run_validator(township.root)
    assert {(f.path, f.line, f.field, f.severity) for f in repo.findings} == {
        (ITEM, 2, "title", "warning"),
        (other, 2, "title", "warning"),
    }
    by_path = {f.path: f.message for f in repo.findings}
    assert "mengwang/2026/2026-11-24-会议" in by_path[ITEM]
    assert "mengwang/2026/2026-11-25-安全生产会议" in by_path[other]


def test_m04_theme_key_hint_and_all_allowed_named(township):
    township.write(ITEM, front(*fields(), "hide: [toc]"))
    _, repo = run_validator(township.root)
    (f,) = repo.findings
    assert f.code == "M04" and "主题" in f.message and "reviewed_by" in f.message


def test_yaml11_values_are_kept_as_typed(township):
    township.write(ITEM, front(*fields(), "tags: [no, yes, on, '12:30', 12:30, 0755, 1e3, ~, null, 2026-11-25]"))
    _, repo = run_validator(township.root)
    assert repo.findings == []
    assert repo.items[0].meta["tags"] == ["no", "yes", "on", "12:30", "12:30", "0755", "1e3", "~", "null", "2026-11-25"]


def test_f01_message_says_save_as_utf8(township):
    township.write(ITEM, item_text().encode("gbk"))
    _, repo = run_validator(township.root)
    (f,) = repo.findings
    assert "请另存为 UTF-8" in f.message and "GBK" in f.message


def test_f06_year_message_names_the_right_folder(township):
    rel = "submissions/mengwang/2025/2026-11-25-会议纪要.md"
    township.write(rel, item_text())
    _, repo = run_validator(township.root)
    (f,) = repo.findings
    assert "submissions/mengwang/2026/" in f.message and f.line is None and f.field is None


# ---- units.yaml (U01–U03): findings on units.yaml only, never repeated on every item
def units_case(township, text):
    township.item()
    township.write("units.yaml", text)
    found, repo = run_validator(township.root)
    return found, repo


U01_CASES = [
    ("yaml-syntax", UNITS.replace("  - id: nongfu", "  - id: nongfu\n   bad: [x")),
    ("empty", ""),
    ("comments-only", "# 单位登记表\n"),
    ("a-list", "- mengwang\n- nongfu\n"),
    ("no-units", UNITS.split("units:")[0]),
    ("units-empty-list", UNITS.split("units:")[0] + "units: []\n"),
    ("units-not-list", UNITS.split("units:")[0] + "units: mengwang\n"),
    ("tab", UNITS.replace("    name: 勐往村", "\tname: 勐往村")),
    ("anchor", UNITS.replace("name: 乡党政办", "name: &o 乡党政办")),
    ("gbk", UNITS.encode("gbk")),
]


@pytest.mark.parametrize("case", U01_CASES, ids=[c[0] for c in U01_CASES])
def test_u01_registry_unusable(township, case):
    township.item()
    township.write("units.yaml", case[1])
    found, repo = run_validator(township.root)
    assert found == {"units.yaml": {"U01"}}, repo.findings
    assert all(CJK.search(f.message) for f in repo.findings)


U01_PARTIAL = [
    ("unit-kind", UNITS.replace("kind: 行政村", "kind: 乡镇"), 10),
    ("unit-id-chinese", UNITS.replace("id: nongfu", "id: 农服中心"), 16),
    ("unit-id-upper", UNITS.replace("id: nongfu", "id: NongFu"), 16),
    ("unit-id-too-short", UNITS.replace("id: nongfu", "id: n"), 16),
    ("since-not-date", UNITS.replace("since: 2021-06-01}", "since: 2021-6-1}", 1), 12),
    ("until-before-since", UNITS.replace("until: 2026-08-14", "until: 2018-08-14"), 15),
    ("person-without-name", UNITS.replace("{name: 段晓琴, git: duanxq,", "{git: duanxq,"), 22),
    ("person-unknown-key", UNITS.replace("git: duanxq,", "git: duanxq, email: x@y,"), 22),
    (
        "unit-misspelt-key",
        UNITS.replace("    reporters:\n      - {name: 段晓琴", "    reporter:\n      - {name: 段晓琴"),
        21,
    ),
    ("top-misspelt-key", UNITS.replace("timezone:", "time_zone:"), 2),
    ("bad-timezone", UNITS.replace("Asia/Shanghai", "Beijing"), 2),
    (
        "forge-kind",
        UNITS.replace(
            "    - {name: 王丽萍, git: wanglp}\n",
            "    - {name: 王丽萍, git: wanglp}\n  forge: {kind: svn, url: https://x.example}\n",
        ),
        7,
    ),
]


@pytest.mark.parametrize("case", U01_PARTIAL, ids=[c[0] for c in U01_PARTIAL])
def test_u01_with_line_rest_still_checked(township, case):
    _, text, line = case
    township.write("units.yaml", text)
    found, repo = run_validator(township.root)
    u01 = [f for f in repo.findings if f.code == "U01"]
    assert u01 and u01[0].line == line, repo.findings
    assert f"第 {line} 行" in u01[0].message
    assert set(found) <= {"units.yaml"} and "U01" in found["units.yaml"]


def test_u01_missing_units_yaml_is_exit_2_in_chinese(township):
    (township.root / "units.yaml").unlink()
    township.item()
    result = CliRunner().invoke(cli, ["validate", "--today", TODAY, "--format", "json", "--root", str(township.root)])
    assert result.exit_code == 2
    assert "units.yaml" in result.output and CJK.search(result.output)
    assert "Traceback" not in result.output


def test_u01_ok_with_bom_crlf_and_lone_cr(township):
    township.item()
    township.write("units.yaml", ("\ufeff" + UNITS).replace("\n", "\r\n"))
    assert run_validator(township.root)[0] == {}
    township.write("units.yaml", UNITS.replace("\n", "\r"))
    assert run_validator(township.root)[0] == {}


def test_u02_no_active_reporter_today_only(township):
    township.item()
    township.write(
        "units.yaml",
        UNITS.replace(
            "{name: 段晓琴, git: duanxq, since: 2022-03-01}",
            "{name: 段晓琴, git: duanxq, since: 2022-03-01, until: 2026-11-24}",
        ),
    )
    found, repo = run_validator(township.root)
    assert found == {"units.yaml": {"U02"}}
    assert "农业农村综合服务中心" in repo.findings[0].message and repo.findings[0].severity == "warning"


def test_u02_not_when_term_ends_today_or_starts_today(township):
    township.item()
    township.write(
        "units.yaml",
        UNITS.replace(
            "{name: 段晓琴, git: duanxq, since: 2022-03-01}",
            "{name: 段晓琴, git: duanxq, since: 2022-03-01, until: 2026-11-25}",
        ),
    )
    assert run_validator(township.root)[0] == {}
    township.write(
        "units.yaml",
        UNITS.replace("since: 2022-03-01}\n    reporters", "since: 2022-03-01}\n    reporters").replace(
            "{name: 段晓琴, git: duanxq, since: 2022-03-01}", "{name: 段晓琴, git: duanxq, since: 2026-11-25}"
        ),
    )
    assert run_validator(township.root)[0] == {}


def test_u02_unit_without_reporters_key(township):
    township.item()
    text = UNITS.replace("    reporters:\n      - {name: 段晓琴, git: duanxq, since: 2022-03-01}\n", "")
    township.write("units.yaml", text)
    assert run_validator(township.root)[0] == {"units.yaml": {"U02"}}


def test_u03_duplicate_id_and_git_in_two_units(township):
    township.item()
    township.write("units.yaml", UNITS.replace("id: nongfu", "id: mengwang"))
    assert run_validator(township.root)[0] == {"units.yaml": {"U03"}}
    township.write("units.yaml", UNITS.replace("git: duanxq", "git: licy"))
    assert run_validator(township.root)[0] == {"units.yaml": {"U03"}}


def test_u03_not_for_git_user_who_moved(township):
    township.item()
    township.write(
        "units.yaml",
        UNITS.replace(
            "{name: 段晓琴, git: duanxq, since: 2022-03-01}", "{name: 赵文军, git: zhaowj, since: 2026-08-15}"
        ),
    )
    assert run_validator(township.root)[0] == {}


def test_reviewer_changed_mid_quarter(township):
    township.write(
        "units.yaml",
        UNITS.replace(
            "      - {name: 张国华, git: zhanggh, since: 2021-06-01}\n",
            "      - {name: 张国华, git: zhanggh, since: 2021-06-01, until: 2026-10-15}\n"
            "      - {name: 岩温, git: yanwen, since: 2026-10-16}\n",
        ),
    )
    old_ok = township.item(name="2026-10-15-旧审核人.md")
    old_bad = township.item(name="2026-10-16-旧审核人.md")
    new_bad = township.item(name="2026-10-15-新审核人.md", reviewed_by="岩温", title="勐往村召开安全生产二次会议")
    new_ok = township.item(name="2026-10-16-新审核人.md", reviewed_by="岩温", title="勐往村召开安全生产二次会议")
    found, _ = run_validator(township.root)
    assert found == {old_bad: {"M07", "M12"}, old_ok: {"M12"}, new_bad: {"M07", "M12"}, new_ok: {"M12"}}


# ---- office ledgers (A01)
ADO = "office/adoptions/2026.yaml"
REQ = "office/requests/2026.yaml"
GOOD_ID = "mengwang/2026/2026-11-25-安全生产会议"


def adoption(**changes) -> str:
    values = {"id": GOOD_ID, "level": "县采用", "date": "2026-11-28", **changes}
    lines = [f"{k}: {v}" for k, v in values.items() if v is not None]
    return "- " + "\n  ".join(lines) + "\n"


A01_CASES = [
    ("unknown-item", ADO, adoption(id="mengwang/2026/2026-11-20-山体滑坡"), 1),
    ("unknown-unit-item", ADO, adoption(id="mangla/2026/2026-11-25-安全生产会议"), 1),
    ("missing-id", ADO, adoption(id=None), 1),
    ("unknown-level", ADO, adoption(level="省级采用"), 2),
    ("level-missing", ADO, adoption(level=None), 1),
    ("bad-date", ADO, adoption(date="2026-11-31"), 3),
    ("date-with-slashes", ADO, adoption(date="2026/11/28"), 3),
    ("adopted-before-sent", ADO, adoption(date="2026-11-20"), 3),
    ("unknown-key", ADO, adoption(request="2026-防火"), 4),
    ("instruction-text", ADO, adoption(instruction="县长批示"), 4),
    ("instruction-no-by", ADO, adoption(instruction="{text: 请学习借鉴}"), 4),
    ("outlet-list", ADO, adoption(outlet="[一, 二]"), 4),
    ("not-a-list", ADO, "id: x\nlevel: 县采用\n", 1),
    ("entry-not-mapping", ADO, "- " + GOOD_ID + "\n", 1),
    ("yaml-syntax", ADO, "- id: [x\n", 1),
    ("alias", ADO, "- &a\n  id: x\n- *a\n", 1),
    ("duplicate-key", ADO, adoption() + "  level: 市采用\n", 4),
    ("same-adoption-twice", ADO, adoption() + adoption(), 5),
    (
        "request-due-before-issued",
        REQ,
        "- id: 2026-防汛\n  title: 关于报送防汛工作信息的通知\n  issued: 2026-06-10\n  due: 2026-06-01\n  units: all\n",
        4,
    ),
    (
        "request-unknown-unit",
        REQ,
        "- id: 2026-防汛\n  title: 关于报送防汛工作信息的通知\n  issued: 2026-06-01\n"
        "  due: 2026-06-10\n  units: [mengwang, mangla]\n",
        5,
    ),
    (
        "request-units-scalar",
        REQ,
        "- id: 2026-防汛\n  title: 关于报送防汛工作信息的通知\n  issued: 2026-06-01\n"
        "  due: 2026-06-10\n  units: mengwang\n",
        5,
    ),
    ("request-no-title", REQ, "- id: 2026-防汛\n  issued: 2026-06-01\n  due: 2026-06-10\n", 1),
    (
        "request-bad-date",
        REQ,
        "- id: 2026-防汛\n  title: 关于报送防汛工作信息的通知\n  issued: 2026-6-1\n  due: 2026-06-10\n",
        3,
    ),
    (
        "request-duplicate-id",
        REQ,
        "- {id: 2026-防汛, title: 通知一, issued: 2026-06-01, due: 2026-06-10}\n"
        "- {id: 2026-防汛, title: 通知二, issued: 2026-06-01, due: 2026-06-10}\n",
        2,
    ),
    ("ledger-gbk", ADO, adoption().encode("gbk"), 1),
    ("ledger-yml-extension", "office/adoptions/2026.yml", adoption(), None),
]


@pytest.mark.parametrize("case", A01_CASES, ids=[c[0] for c in A01_CASES])
def test_a01(township, case):
    _, rel, text, line = case
    township.item()
    township.write(rel, text)
    found, repo = run_validator(township.root)
    assert found == {rel: {"A01"}}, repo.findings
    assert repo.findings[0].line == line, repo.findings
    assert all(CJK.search(f.message) and "None" not in f.message for f in repo.findings)


A01_NEAR = [
    ("full", adoption(outlet="勐往政务信息 2026年第12期", instruction="{by: 县长, text: 请各乡镇学习借鉴}")),
    ("same-day", adoption(date="2026-11-25")),
    ("two-levels", adoption(level="报送县") + adoption(level="县采用")),
    ("id-with-md", adoption(id=GOOD_ID + ".md")),
    ("id-with-prefix", adoption(id="submissions/" + GOOD_ID + ".md")),
    ("empty-file", ""),
    ("comments-only", "# 2026 年采用登记\n"),
    ("crlf-bom", "\ufeff" + adoption().replace("\n", "\r\n")),
]


@pytest.mark.parametrize("case", A01_NEAR, ids=[c[0] for c in A01_NEAR])
def test_a01_near_miss(township, case):
    township.item()
    township.write(ADO, case[1])
    found, repo = run_validator(township.root)
    assert found == {}, repo.findings


def test_adoption_with_md_counts_for_the_item(township):
    township.item()
    township.write(ADO, adoption(id=GOOD_ID + ".md"))
    _, repo = run_validator(township.root)
    assert [a.id for a in repo.ledger.adoptions] == [GOOD_ID]


def test_request_answered_and_unknown(township):
    ok = township.item(request="2026-防汛")
    bad = township.item(name="2026-11-24-防火.md", request="2026-防火", title="勐往村开展森林防火工作")
    found, repo = run_validator(township.root)
    assert found == {bad: {"M11"}}
    (f,) = repo.findings
    assert f.field == "request" and "2026-防火" in f.message and ok not in found


# ---- the validate command's contract (SPEC §4)
def validate(root, *args, cwd=None):
    argv = ["validate", "--today", TODAY, *args]
    if root is not None:
        argv += ["--root", str(root)]
    return CliRunner().invoke(cli, argv)


def test_cli_json_shape_is_exact(township):
    bad = township.item(type="会义")
    township.item(name="2026-11-24-会议.md", event_date="2026-11-20", title="勐往村召开森林防火工作会议")
    township.write(D + "现场.svg", b"<svg/>")
    result = validate(township.root, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert list(data) == ["findings", "summary"]
    assert data["summary"] == {"files": 3, "errors": 2, "warnings": 1}
    assert list(data["summary"]) == ["files", "errors", "warnings"]
    for f in data["findings"]:
        assert list(f) == ["path", "line", "severity", "code", "field", "message"]
        assert f["severity"] in ("error", "warning")
        assert "\\" not in f["path"] and not f["path"].startswith(("/", "./"))
        assert f["line"] is None or (isinstance(f["line"], int) and f["line"] >= 1)
    assert {(f["path"], f["code"], f["field"], f["line"]) for f in data["findings"]} == {
        (bad, "M03", "type", 8),
        (D + "2026-11-24-会议.md", "T01", "date", 6),
        (D + "现场.svg", "F09", None, None),
    }


def test_cli_exit_0_clean_and_warnings_only(township):
    township.item()
    assert validate(township.root, "--format", "json").exit_code == 0
    township.item(name="2026-11-24-会议.md", event_date="2026-11-20", title="勐往村召开森林防火工作会议")
    result = validate(township.root, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["summary"]["warnings"] == 1


def test_cli_today_changes_the_verdict(township):
    township.item()
    assert validate(township.root).exit_code == 0
    result = CliRunner().invoke(
        cli, ["validate", "--today", "2026-11-24", "--format", "json", "--root", str(township.root)]
    )
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["M09"]


def test_cli_json_is_pure_json_on_stdout(township):
    township.item(title="短")
    result = validate(township.root, "--format", "json")
    json.loads(result.stdout)  # nothing else mixed into stdout


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab", "markdown"])
def test_cli_every_format_reports_and_exits_alike(township, fmt):
    rel = township.item(type="会义")
    result = validate(township.root, "--format", fmt)
    assert result.exit_code == 1
    assert "M03" in result.stdout
    assert "Traceback" not in result.output
    if fmt in ("json", "gitlab"):
        json.loads(result.stdout)
    if fmt != "gitlab":
        assert rel in result.stdout or rel.replace(":", "%3A") in result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab", "markdown"])
def test_cli_every_format_clean(township, fmt):
    township.item()
    result = validate(township.root, "--format", fmt)
    assert result.exit_code == 0
    if fmt == "gitlab":
        assert json.loads(result.stdout) == []


def test_cli_bad_format_and_bad_today_are_usage_errors(township):
    township.item()
    assert validate(township.root, "--format", "xml").exit_code == 2
    result = CliRunner().invoke(cli, ["validate", "--today", "2026-02-29", "--root", str(township.root)])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_cli_paths_limit_the_check(township, monkeypatch):
    good = township.item()
    bad = township.item(name="2026-11-24-会议.md", title="短")
    monkeypatch.chdir(township.root)
    result = validate(None, "--format", "json", bad)
    assert result.exit_code == 1
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {bad}
    assert validate(None, "--format", "json", "./" + good).exit_code == 0
    assert validate(None, "--format", "json", str(township.root / good)).exit_code == 0


def test_cli_path_keeps_m12_context(township, monkeypatch):
    first = township.item()
    township.item(name="2026-11-24-会议.md")
    monkeypatch.chdir(township.root)
    result = validate(None, "--format", "json", first)
    assert [(f["path"], f["code"]) for f in json.loads(result.stdout)["findings"]] == [(first, "M12")]


def test_cli_root_from_elsewhere_with_absolute_path(township, monkeypatch, tmp_path):
    bad = township.item(title="短")
    monkeypatch.chdir(tmp_path)
    result = validate(township.root, "--format", "json", str(township.root / bad))
    assert result.exit_code == 1 and json.loads(result.stdout)["findings"][0]["path"] == bad


def test_cli_root_from_elsewhere_with_root_relative_path(township, monkeypatch, tmp_path):
    bad = township.item(title="短")
    monkeypatch.chdir(tmp_path)
    result = validate(township.root, "--format", "json", bad)
    assert result.exit_code == 1


def test_cli_folder_path_checks_what_is_inside(township, monkeypatch):
    township.item(title="短")
    monkeypatch.chdir(township.root)
    assert validate(None, "--format", "json", "submissions/mengwang").exit_code == 1


def test_cli_missing_path_is_exit_2(township, monkeypatch):
    township.item()
    monkeypatch.chdir(township.root)
    assert validate(None, "--format", "json", "submissions/mengwang/2026/2026-11-25-没有.md").exit_code == 2


def test_cli_no_units_yaml_exit_2_chinese(tmp_path):
    result = validate(tmp_path, "--format", "json")
    assert result.exit_code == 2
    assert "units.yaml" in result.output and CJK.search(result.output) and "Traceback" not in result.output


def test_cli_invalid_units_yaml_exit_1_with_u01(township):
    township.item()
    township.write("units.yaml", "township: [\n")
    result = validate(township.root, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(f["path"], f["code"]) for f in data["findings"]] == [("units.yaml", "U01")]
    assert data["findings"][0]["line"] is not None


def test_cli_paths_with_colon_in_github_format(township):
    rel = D + "2026-11-25-会议：部署.md"
    township.write(rel, item_text(type="会义"))
    out = validate(township.root, "--format", "github").stdout
    assert out.startswith("::error file=submissions/mengwang/2026/2026-11-25-会议：部署.md,line=8,")


def test_f02_closed_by_dots_says_so(township):
    township.write(ITEM, "---\n" + "\n".join(fields()) + "\n...\n" + BODY)
    _, repo = run_validator(township.root)
    (f,) = repo.findings
    assert (f.code, f.line) == ("F02", 1) and "..." in f.message and "---" in f.message


def test_nested_attachment_folder_is_f06(township):
    township.item()
    township.write(D + "images/现场.png", png())
    assert run_validator(township.root)[0] == {D + "images/现场.png": {"F06"}}


def test_empty_front_matter_names_every_required_field(township):
    township.write(ITEM, "---\n---\n" + BODY)
    _, repo = run_validator(township.root)
    assert {f.field for f in repo.findings} == set(FIELDS)
    assert {f.code for f in repo.findings} == {"M01"}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_f01_utf16_is_named_and_fixable(township, encoding):
    township.write(ITEM, item_text().encode(encoding))
    _, repo = run_validator(township.root)
    (f,) = repo.findings
    assert f.code == "F01" and "UTF-16" in f.message and "请另存为 UTF-8" in f.message and "baosong fix" in f.message
    fixed, _ = fix_bytes((township.root / ITEM).read_bytes())
    assert fixed.decode("utf-8") == item_text()
