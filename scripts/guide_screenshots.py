"""Screenshots for the 报送指南 page 在网页上新建报送, taken from the built sample site in Debian's Chromium.

    .venv/bin/python scripts/guide_screenshots.py                # build the sample site, write the PNGs
    .venv/bin/python scripts/guide_screenshots.py --site site    # use an already built site
    .venv/bin/python scripts/guide_screenshots.py --check        # regenerate into a temporary folder and
                                                                 # compare with the committed PNGs (exit 1)

The pictures are never drawn by hand: the script builds the repository's own sample township (勐往乡) with
``baosong build --today 2026-11-25``, serves the site on 127.0.0.1, and has Chromium (Playwright with
``executable_path=/usr/bin/chromium``, never a downloaded browser) open the unit page of 勐往村 and its
填报 form at 1366 px (and 390 px for a phone) with the clock fixed at 2026-11-25 10:00 Asia/Shanghai. Each
picture is cropped to one element and made smaller losslessly with oxipng (``pyoxipng``).

The 填报 form is found from the unit page (a link whose text contains “填报”); on a site without one only the
unit page's pictures are taken, and the script says so.

``--check`` compares what it would write with what is committed, per picture: the same size (±2 px) and a
coarse grayscale histogram and 8×8 thumbnail within a tolerance (Pillow is not installed; Chromium decodes
the PNGs), so a change of fonts' anti-aliasing does not fail it but a changed page does.
"""

from __future__ import annotations

import argparse
import base64
import shutil
import struct
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import oxipng
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from baosong.cli.main import cli
from baosong.site.search.preview import CHROMIUM, CHROMIUM_ARGS, serve

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "site_config" / "docs" / "guide" / "img"
TODAY = "2026-11-25"  # the sample site's day: its pages (and so the pictures) do not change with the calendar
CLOCK = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
UNIT = "mengwang"
PADDING = 12  # px of page around each element, so a picture does not cut a button's shadow
COMMAND = ".venv/bin/python scripts/guide_screenshots.py"

# Tolerances of --check (same machine: 0 difference; another font hinting: a few levels)
SIZE_TOLERANCE_PX = 2
HISTOGRAM_TOLERANCE = 0.03  # L1 distance of two 16-bin grayscale histograms (each sums to 1)
THUMBNAIL_TOLERANCE = 6.0  # mean absolute difference of two 8×8 grayscale thumbnails, 0–255


@dataclass(frozen=True)
class Shot:
    """One picture: ``name``.png of the element(s) ``selector`` on page ``path`` at ``width`` px.

    ``prepare(page)`` puts the page in the state to show (fill fields, click); ``form`` marks the pictures of
    the 填报 form, taken only when the site has one.
    """

    name: str
    width: int
    selector: str
    path: str = f"units/{UNIT}/"
    prepare: Callable | None = None
    form: bool = False


def unit_shots() -> list[Shot]:
    return [
        Shot("unit-new", 1366, ".bs-new"),
        Shot("unit-new-phone", 390, ".bs-new"),
    ]


# --- the 填报 form (i16form): its pictures ------------------------------------------------------------


FORM = "#bs-form"
TITLE = "勐往村召开冬季安全生产工作会议"
BODY = (
    "11月25日上午，勐往村召开冬季安全生产工作会议，村“两委”班子成员、各村民小组组长共23人参加。\n\n"
    "会议部署了三项工作：\n\n- 排查农户用火用电隐患；\n- 检查村内道路和桥梁；\n- 落实森林防火值班。\n"
)
PROBLEM_BODY = "联系人身份证号 11010519491231002X，请核实。"  # GB 11643's own example number: S02 fires


def form_shots(form_path: str) -> list[Shot]:
    return [
        Shot("form-empty", 1366, ".bs-form__intro, #bs-f-tags", form_path, form=True),
        Shot("form-filled", 1366, ".bs-field:has(#bs-f-title), .bs-form__actions", form_path, fill_form, form=True),
        Shot(
            "form-check", 1366, ".bs-field:has(#bs-f-title), .bs-form__check", form_path, fill_with_problem, form=True
        ),
        Shot("form-handoff", 1366, ".bs-form__actions, #bs-f-handoff", form_path, hand_off, form=True),
        Shot("form-phone", 390, ".bs-field:has(#bs-f-title), .bs-form__actions", form_path, fill_form, form=True),
    ]


def _choose(page, selector: str, wanted: str) -> None:
    """Select the option whose text starts with ``wanted`` (labels may carry a note after the name)."""
    labels = page.locator(f"{selector} option").all_inner_texts()
    label = next((t for t in labels if t.strip().startswith(wanted)), None)
    if label is None:
        raise SystemExit(f"填报页面的 {selector} 里没有“{wanted}”（有：{'、'.join(labels)}）")
    page.select_option(selector, label=label)


def fill_form(page, body: str = BODY) -> None:
    """Fill the form the way a clerk would: reporter and reviewer, type and category, title, keywords, body."""
    page.locator(FORM).wait_for(state="visible", timeout=15000)
    _choose(page, "#bs-f-reporter", "李春艳")
    _choose(page, "#bs-f-reviewed_by", "张国华")
    _choose(page, "#bs-f-type", "会议")
    _choose(page, "#bs-f-category", "部署落实")
    page.fill("#bs-f-title", TITLE)
    page.fill("#bs-f-tags", "安全生产、冬季")
    page.fill("#bs-f-body", body)
    page.locator("#bs-f-body").blur()


def fill_with_problem(page) -> None:
    """A title too short and an identity number in the body: the live checks list both."""
    fill_form(page, PROBLEM_BODY)
    page.fill("#bs-f-title", "开会")
    page.locator("#bs-f-title").blur()
    # the content scanners run after a pause in typing: wait for their finding, not a fixed time
    page.locator(".bs-form__check", has_text="S03").wait_for(state="visible", timeout=15000)


def hand_off(page) -> None:
    """A long item (over the link limit): the form copies it and says to paste; the forge tab is not opened."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    fill_form(page, BODY * 12)
    page.click("#bs-f-go")
    page.locator("#bs-f-handoff").wait_for(state="visible", timeout=15000)
    # the form selected the text to copy it; the picture shows its start (the 信息栏) without the selection
    page.evaluate(
        "() => { const t = document.getElementById('bs-f-text'); t.setSelectionRange(0, 0); t.scrollTop = 0; }"
    )


# --- taking the pictures ------------------------------------------------------------------------------


def build_sample_site(into: Path) -> Path:
    """``baosong build`` of this repository (the sample township) into ``into``/site; returns the site."""
    site = into / "site"
    result = CliRunner().invoke(cli, ["build", "--root", str(REPO), "--today", TODAY, "--site-dir", str(site)])
    if result.exit_code != 0:
        raise SystemExit(f"示例网站生成失败（baosong build，退出码 {result.exit_code}）：\n{result.output}")
    return site


def find_form_path(page, base: str) -> str | None:
    """The 填报 form's path (relative to ``base``) linked from the unit page, or None when there is none."""
    page.goto(base + f"units/{UNIT}/")
    links = page.locator("article a", has_text="填报")
    for i in range(links.count()):
        href = links.nth(i).evaluate("a => a.href")
        if href.startswith(base) and href != base + f"units/{UNIT}/":
            return href[len(base) :]
    return None


def take(site: Path, out: Path) -> tuple[list[Path], list[str]]:
    """Write every picture of ``site`` into ``out``; returns (written files, notes for the user)."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    notes: list[str] = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            probe = _page(browser, 1366, base)
            form_path = find_form_path(probe, base)
            probe.context.close()
            shots = unit_shots()
            if form_path:
                shots += form_shots(form_path)
            else:
                notes.append("网站上没有“填报”页面（单位页面没有含“填报”的链接），只截了单位页面的图")
            for shot in shots:
                page = _page(browser, shot.width, base)
                page.goto(base + shot.path)
                if shot.prepare:
                    shot.prepare(page)
                target = out / f"{shot.name}.png"
                page.screenshot(
                    path=str(target),
                    clip=_clip(page, shot.selector),
                    full_page=True,
                    animations="disabled",
                    caret="hide",
                )
                page.context.close()
                written.append(target)
        finally:
            browser.close()
    optimise(written)
    return written, notes


def _clip(page, selector: str) -> dict:
    """The box around every element of ``selector`` (a CSS list: "#a, .b" takes the first match of each part,
    from the top of the first to the bottom of the last) with ``PADDING`` px around, in page pixels."""
    # bounding boxes are relative to the viewport, the clip of a full-page picture to the page: measure at the top
    page.evaluate("window.scrollTo(0, 0)")
    boxes = []
    for part in selector.split(","):
        element = page.locator(part.strip()).first
        element.wait_for(state="visible", timeout=15000)
        boxes.append(element.bounding_box())
    left = min(b["x"] for b in boxes)
    top = min(b["y"] for b in boxes)
    right = max(b["x"] + b["width"] for b in boxes)
    bottom = max(b["y"] + b["height"] for b in boxes)
    x, y = max(0, int(left) - PADDING), max(0, int(top) - PADDING)
    return {"x": x, "y": y, "width": int(right) + PADDING - x, "height": int(bottom) + PADDING - y}


def _page(browser, width: int, base: str):
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        device_scale_factor=1,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        color_scheme="light",
        reduced_motion="reduce",
    )
    page = context.new_page()
    page.clock.set_fixed_time(CLOCK)
    # nothing leaves the local server, not even the forge tab the form opens (a popup: the context's route)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    return page


def optimise(paths: list[Path]) -> None:
    """Lossless recompression (oxipng): the pictures are committed, so every kilobyte stays in the history."""
    for path in paths:
        oxipng.optimize(path, level=4, strip=oxipng.StripChunks.all())


# --- comparing committed pictures with fresh ones ---------------------------------------------------------


@dataclass(frozen=True)
class Look:
    """What --check compares of a PNG: size in px, 16-bin grayscale histogram (sums to 1), 8×8 thumbnail."""

    width: int
    height: int
    histogram: tuple[float, ...]
    thumbnail: tuple[float, ...]


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) from the IHDR chunk (PNG spec §11.2.2); ValueError when ``path`` is not a PNG."""
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise ValueError(f"{path.name} 不是 PNG 图片")
    return struct.unpack(">II", head[16:24])


_LOOK_JS = """async (dataUrl) => {
  const img = new Image(); img.src = dataUrl; await img.decode();
  const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
  const g = c.getContext('2d'); g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, img.width, img.height).data;
  const hist = new Array(16).fill(0), cells = new Array(64).fill(0), counts = new Array(64).fill(0);
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) {
    const i = (y * img.width + x) * 4, a = d[i + 3] / 255;
    const gray = (0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2]) * a + 255 * (1 - a);
    hist[Math.min(15, Math.floor(gray / 16))]++;
    const cell = Math.min(7, Math.floor(8 * y / img.height)) * 8 + Math.min(7, Math.floor(8 * x / img.width));
    cells[cell] += gray; counts[cell]++;
  }
  const n = img.width * img.height;
  return {width: img.width, height: img.height, histogram: hist.map(v => v / n),
          thumbnail: cells.map((v, k) => counts[k] ? v / counts[k] : 255)};
}"""


def looks(paths: dict[tuple[str, str], Path]) -> dict[tuple[str, str], Look]:
    """Chromium decodes each PNG (no Pillow here) and measures it; one browser for all, keyed as given
    (("old" or "new", file name))."""
    result: dict[tuple[str, str], Look] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for key, path in paths.items():
                data = "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
                m = page.evaluate(_LOOK_JS, data)
                result[key] = Look(m["width"], m["height"], tuple(m["histogram"]), tuple(m["thumbnail"]))
        finally:
            browser.close()
    return result


def differences(committed: Path, fresh: Path) -> list[str]:
    """Chinese sentences, one per picture of ``committed`` that ``fresh`` would change (missing, extra, other
    size, other histogram or thumbnail beyond the tolerances above); empty when they agree."""
    old = {p.name: p for p in sorted(committed.glob("*.png"))}
    new = {p.name: p for p in sorted(fresh.glob("*.png"))}
    problems = [f"{name}：仓库里没有这张图（新生成了）" for name in sorted(new.keys() - old.keys())]
    problems += [f"{name}：现在生成不出这张图了（仓库里还有）" for name in sorted(old.keys() - new.keys())]
    common = sorted(old.keys() & new.keys())
    if not common:
        return problems
    for name in common:  # cheap check first: the size in the header
        (w0, h0), (w1, h1) = png_size(old[name]), png_size(new[name])
        if abs(w0 - w1) > SIZE_TOLERANCE_PX or abs(h0 - h1) > SIZE_TOLERANCE_PX:
            problems.append(f"{name}：尺寸从 {w0}×{h0} 变成了 {w1}×{h1}")
    sized = [n for n in common if not any(p.startswith(n + "：") for p in problems)]
    measured = looks({**{("old", n): old[n] for n in sized}, **{("new", n): new[n] for n in sized}}) if sized else {}
    for name in sized:
        a, b = measured["old", name], measured["new", name]
        hist = sum(abs(x - y) for x, y in zip(a.histogram, b.histogram, strict=True))
        thumb = sum(abs(x - y) for x, y in zip(a.thumbnail, b.thumbnail, strict=True)) / len(a.thumbnail)
        if hist > HISTOGRAM_TOLERANCE or thumb > THUMBNAIL_TOLERANCE:
            problems.append(f"{name}：画面变了（灰度直方图差 {hist:.3f}，缩略图平均差 {thumb:.1f}）")
    return problems


def stale_message(problems: list[str]) -> str:
    return (
        "报送指南的截图和现在的网站不一致：\n"
        + "\n".join(f"  - {p}" for p in problems)
        + f"\n请运行 {COMMAND} 重新生成 site_config/docs/guide/img/ 里的截图，看一眼，再一起提交。"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="报送指南的截图：从生成的示例网站用 Chromium 截取")
    parser.add_argument("--site", type=Path, help="已生成的网站文件夹（不给则先生成示例网站）")
    parser.add_argument("--out", type=Path, default=OUT, help=f"截图写到哪里（默认 {OUT.relative_to(REPO)}）")
    parser.add_argument("--check", action="store_true", help="只检查仓库里的截图是否过时，不改文件")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="baosong-guide-") as tmp:
        site = args.site or build_sample_site(Path(tmp))
        fresh = Path(tmp) / "img"
        written, notes = take(site, fresh)
        for note in notes:
            print(f"提示：{note}", file=sys.stderr)
        if args.check:
            problems = differences(args.out, fresh)
            if problems:
                print(stale_message(problems), file=sys.stderr)
                return 1
            print(f"截图是最新的（{len(written)} 张）")
            return 0
        args.out.mkdir(parents=True, exist_ok=True)
        for old in args.out.glob("*.png"):
            old.unlink()
        for path in written:
            shutil.copy(path, args.out / path.name)
            print(
                f"{(args.out / path.name).relative_to(REPO) if args.out.is_relative_to(REPO) else path.name}"
                f"  {path.stat().st_size // 1024} KB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
