"""The site cannot be turned against its readers: an attack corpus (DESIGN §2 and more) built two ways.

1. As a township would: ``baosong build`` on a repository holding the corpus. Items with errors are left
   out (and listed); the valid items are still published; nothing live reaches the site.
2. As if the validator had missed everything: the plugin is handed every item the reader could parse,
   with the findings removed. The sanitizer, the meta allow-list and the attachment rules alone must
   keep the site clean.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from baosong.checks.repository import load_repository
from baosong.township.dates import parse_date
from helpers_site import TODAY, add_site_config, build, build_with, chromium, local_only, scan_site, serve

CORPUS = Path(__file__).resolve().parent / "corpus" / "attacks"
FOLDER = "submissions/mengwang/2026"
OUTSIDE_MARKER = "OUTSIDE-SECRET-7f3a"
PASSWD_MARKER = "root:x:0:0"
VALID = {
    "2026-11-20-安全生产会议": "勐往村召开冬季安全生产工作会议",
    "2026-11-21-森林防火": "勐往村开展森林防火巡查",
}
SPECIAL_VALID = ("2026-11-24-bom-valid", "2026-11-24-code-ok", "2026-11-24-引号'与#号%2F")


def plant(township) -> Path:
    """The corpus, two valid items, symlinks to /etc/passwd, to a file outside the repo and to a folder."""
    root = township.root
    add_site_config(root)
    for name, title in VALID.items():
        township.item(f"{name}.md", title=title, body=f"{title}，落实各项措施。\n")
    folder = root / FOLDER
    for path in CORPUS.iterdir():
        if path.name != "README.md.txt":
            shutil.copy(path, folder / path.name)
    outside = root.parent / "outside.png"
    outside.write_text(OUTSIDE_MARKER, encoding="utf-8")
    os.symlink("/etc/passwd", folder / "2026-11-24-passwd.md")
    os.symlink("/etc/passwd", folder / "photo.png")
    os.symlink(outside, folder / "outside.png")
    os.symlink("../../../../outside.png", folder / "2026-11-24-outside.md")
    os.symlink("/etc", root / "submissions" / "mengwang" / "2025")
    os.symlink("/etc/passwd", root / "site_config" / "docs" / "passwd.txt")
    os.symlink(outside, root / "site_config" / "overrides" / "assets" / "outside.png")
    (folder / "2026-11-24-uses-links.md").write_text(
        (CORPUS / "2026-11-24-code-ok.md")
        .read_text(encoding="utf-8")
        .replace("代码块里的脚本可以显示", "引用链接附件的信息")
        + "\n![照片](photo.png) [附件](outside.png) [伪图](2026-11-24-fake-image.png)\n",
        encoding="utf-8",
    )
    return root


def markers() -> tuple[str, ...]:
    return (OUTSIDE_MARKER, PASSWD_MARKER)


@pytest.mark.slow
def test_attack_corpus_through_baosong_build(township, tmp_path):
    root = plant(township)
    result, site = build(root)
    assert result.exit_code == 0, result.output
    scan = scan_site(site, markers())
    assert scan.problems == []
    assert scan.pages > 20
    # The valid items are published, whatever sits beside them.
    for name in (*VALID, *SPECIAL_VALID):
        assert (site / "items" / "mengwang" / "2026" / name / "index.html").is_file(), name
    # What was left out is listed with its codes.
    assert "未发布 submissions/mengwang/2026/2026-11-24-raw-script.md：S08" in result.output
    assert "submissions/mengwang/2026/2026-11-24-passwd.md：F07" in result.output
    assert "submissions/mengwang/2026/evil.html：F09" in result.output
    assert "submissions/mengwang/2026/2026-11-24-fake-image.png：F13" in result.output  # a script saved as .png
    assert not (site / "items/mengwang/2026/2026-11-24-fake-image.png").exists()
    assert not (site / "items" / "mengwang" / "2026" / "2026-11-24-template-redirect").exists()
    # --strict turns the left-out files into a failure.
    strict, _ = build(root, "--strict", site=tmp_path / "strict-site")
    assert strict.exit_code == 1


@pytest.mark.slow
def test_attack_corpus_with_the_validator_bypassed(township, tmp_path):
    root = plant(township)
    repo = load_repository(root, parse_date(TODAY))
    parsed = {item.id for item in repo.items}
    repo.findings = []  # pretend every parsed item and every attachment passed
    site = tmp_path / "bypass-site"
    build_with(repo, root, site)
    scan = scan_site(site, markers())
    assert scan.problems == []
    published = {p.parent.relative_to(site / "items").as_posix() for p in (site / "items").rglob("index.html")}
    assert "mengwang/2026/2026-11-24-raw-script" in published  # the payload pages exist, rendered harmless
    assert published >= {i for i in parsed if i.startswith("mengwang/")} - {"mengwang/2026/2026-11-24-alias-bomb"}
    page = (site / "items/mengwang/2026/2026-11-24-title-script/index.html").read_text(encoding="utf-8")
    assert "<title>＜script＞" in page or "&lt;script&gt;" in page
    redirect = (site / "items/mengwang/2026/2026-11-24-template-redirect/index.html").read_text(encoding="utf-8")
    assert "evil.example" not in redirect and "md-content" in redirect  # the normal template, no redirect
    attrs = (site / "items/mengwang/2026/2026-11-24-attr-list/index.html").read_text(encoding="utf-8")
    assert attrs.count('id="__search"') == 1 and attrs.count('id="__drawer"') == 1
    assert not (site / "items/mengwang/2026/photo.png").exists()  # a link, never followed
    assert "photo.png</a>" not in attrs  # and not offered as an attachment
    assert not (site / "items/mengwang/2026/outside.png").exists()
    assert not (site / "items/mengwang/2026/2026-11-24-fake-image.png").exists()  # its bytes are checked again


@pytest.mark.slow
@pytest.mark.browser
def test_attack_pages_run_nothing_in_chromium(township, tmp_path):
    root = plant(township)
    repo = load_repository(root, parse_date(TODAY))
    repo.findings = []
    site = tmp_path / "bypass-site"
    build_with(repo, root, site)
    pages = sorted(p.relative_to(site).parent.as_posix() for p in (site / "items").rglob("index.html"))
    dialogs, outside = [], []
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        local_only(page, base, outside)
        for rel in [*pages, "", "units/mengwang/", "months/"]:
            page.goto(base + rel + "/" if rel else base)
            page.mouse.move(200, 300)
            page.mouse.move(400, 500)
        for query in ("BSPWN", "alert", "onerror", "标题"):  # search results are drawn from the index
            page.goto(base + "search/?q=" + query)
            page.locator(".bs-search__status").filter(has_text=re.compile(r"\S")).wait_for()
            page.wait_for_timeout(300)
            page.mouse.move(300, 200)
        assert page.evaluate("typeof window.BSPWN") == "undefined"
    assert dialogs == []
    assert outside == []
