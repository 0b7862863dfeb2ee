"""Issue 15 on the built site: the new codes are documented, and an item whose picture was never uploaded is not
published (no broken image, no English MkDocs warning about it)."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import REPO, UNITS, Township, item_text
from helpers_site import add_site_config, build

pytestmark = pytest.mark.slow
MISSING = "submissions/mengwang/2026/2026-11-24-防火宣传.md"
GOOD = "submissions/mengwang/2026/2026-11-25-安全生产会议.md"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("m14") / "repo"
    (root / "site_config" / "templates").mkdir(parents=True)
    shutil.copy(REPO / "site_config" / "rules.yaml", root / "site_config" / "rules.yaml")
    shutil.copy(REPO / "site_config" / "templates" / "submission.md", root / "site_config" / "templates")
    (root / "units.yaml").write_text(UNITS, encoding="utf-8")
    add_site_config(root)
    t = Township(root)
    t.write(GOOD, item_text(body="11月25日召开会议。\n\n![现场](现场.jpg)\n"))
    t.write("submissions/mengwang/2026/现场.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 32)
    text = item_text(body="11月24日开展防火宣传。\n\n![宣传现场](xuanchuan.jpg)\n", title="勐往村开展冬季防火宣传活动")
    t.write(MISSING, text.replace("2026-11-25", "2026-11-24"))
    result, site_dir = build(root)
    return result, site_dir


def test_item_with_missing_picture_is_not_published(site):
    result, site_dir = site
    assert "1 个错误" in result.output and "1 个文件未发布" in result.output
    assert "WARNING" not in result.output and "does not exist" not in result.output
    pages = {p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")}
    assert not any("xuanchuan.jpg" in p for p in pages)  # no page points at the picture that is not there
    assert any("勐往村召开安全生产工作会议" in p for p in pages)  # the good item is there, with its picture
    item_pages = [p.read_text(encoding="utf-8") for p in (site_dir / "items").rglob("*.html")]  # not the guide's
    images = {m for p in item_pages for m in re.findall(r'<img[^>]+src="([^"]+\.(?:jpg|png))"', p)}
    assert images and all("现场" in src or "%E7%8E%B0%E5%9C%BA" in src for src in images)


def test_codes_and_guide_pages_cover_the_new_codes(site):
    _, site_dir = site
    codes = (site_dir / "guide" / "codes" / "index.html").read_text(encoding="utf-8")
    guide = (site_dir / "guide" / "template" / "index.html").read_text(encoding="utf-8")
    for code, title in (("F14", "看不见的字符"), ("M13", "还没有改模板里的示例文字"), ("M14", "附件不存在")):
        assert f'id="{code.lower()}"' in codes and title in codes
        assert code in guide and title in guide
    assert "baosong fix --rename" in guide
