"""The 报送指南's screenshots: regenerated from the built sample site in Chromium, compared with the committed ones.

The pictures in site_config/docs/guide/img/ come from scripts/guide_screenshots.py, never by hand; when the site
changes (a template, the CSS, the 填报 form) this test fails and names the command that makes them again.
"""

from __future__ import annotations

import base64
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers_site import chromium

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "guide_screenshots.py"
GUIDE = REPO / "site_config" / "docs" / "guide" / "web-editor.md"
IMG = REPO / "site_config" / "docs" / "guide" / "img"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _script():
    spec = importlib.util.spec_from_file_location("guide_screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


shots = _script()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """Every picture taken anew from a freshly built sample site."""
    tmp = tmp_path_factory.mktemp("guide")
    site = shots.build_sample_site(tmp)
    written, _notes = shots.take(site, tmp / "img")
    assert written, "no picture was taken"
    return tmp / "img"


def test_committed_screenshots_match_the_site(fresh):
    problems = shots.differences(IMG, fresh)
    assert not problems, shots.stale_message(problems)


def test_pictures_are_cropped_small_pngs(fresh):
    for path in sorted(fresh.glob("*.png")):
        width, height = shots.png_size(path)
        assert width < 1366 and height < 3000, f"{path.name}: {width}×{height} is not cropped to its element"
        assert path.stat().st_size < 120_000, f"{path.name}: {path.stat().st_size} bytes"
    phone = [p for p in fresh.glob("*.png") if shots.png_size(p)[0] <= 390]
    assert phone, "no picture at a phone's width (390 px)"


def test_guide_shows_every_picture_and_only_existing_ones():
    text = GUIDE.read_text(encoding="utf-8")
    shown = re.findall(r"!\[([^\]]*)\]\((img/[^)\s]+\.png)\)", text)
    names = {Path(src).name for _alt, src in shown}
    committed = {p.name for p in IMG.glob("*.png")}
    assert names == committed, f"guide shows {sorted(names)}, committed {sorted(committed)}"
    assert all(alt.strip() for alt, _src in shown), "every picture needs a Chinese description"


def _png_like(path: Path, colour: str) -> bytes:
    """A PNG of the same size as ``path``, filled with one colour (drawn by Chromium's canvas)."""
    width, height = shots.png_size(path)
    with chromium() as browser:
        page = browser.new_page()
        url = page.evaluate(
            """([w, h, c]) => { const k = document.createElement('canvas'); k.width = w; k.height = h;
                 const g = k.getContext('2d'); g.fillStyle = c; g.fillRect(0, 0, w, h); return k.toDataURL(); }""",
            [width, height, colour],
        )
    return base64.b64decode(url.split(",", 1)[1])


def test_a_changed_picture_is_reported_with_the_command(tmp_path):
    committed, fresh = tmp_path / "committed", tmp_path / "fresh"
    shutil.copytree(IMG, committed)
    shutil.copytree(IMG, fresh)
    assert shots.differences(committed, fresh) == []
    first, second = sorted(fresh.glob("*.png"))[:2]
    (fresh / first.name).write_bytes(_png_like(first, "#000000"))  # same size, other picture
    (fresh / second.name).write_bytes((committed / first.name).read_bytes())  # another size
    (fresh / "new-shot.png").write_bytes((committed / first.name).read_bytes())
    (committed / "gone.png").write_bytes((committed / first.name).read_bytes())
    problems = shots.differences(committed, fresh)
    assert any(p.startswith(f"{first.name}：画面变了") for p in problems), problems
    assert any(p.startswith(f"{second.name}：尺寸从") for p in problems), problems
    assert "new-shot.png：仓库里没有这张图（新生成了）" in problems
    assert "gone.png：现在生成不出这张图了（仓库里还有）" in problems
    message = shots.stale_message(problems)
    assert "请运行 .venv/bin/python scripts/guide_screenshots.py" in message


def test_check_mode_exits_1_with_the_command_when_stale(tmp_path):
    stale = tmp_path / "img"
    shutil.copytree(IMG, stale)
    victim = sorted(stale.glob("*.png"))[0]
    victim.write_bytes(_png_like(victim, "#ffffff"))
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--check", "--out", str(stale)], capture_output=True, text=True, cwd=REPO
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"{victim.name}：画面变了" in run.stderr
    assert "请运行 .venv/bin/python scripts/guide_screenshots.py" in run.stderr
    assert "Traceback" not in run.stderr


def test_not_a_png_is_a_clear_error(tmp_path):
    bad = tmp_path / "x.png"
    bad.write_bytes(b"GIF89a" + b"\0" * 30)
    with pytest.raises(ValueError, match="不是 PNG 图片"):
        shots.png_size(bad)
