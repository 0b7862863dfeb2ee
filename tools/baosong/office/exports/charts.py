"""Static SVG charts (pygal) for the 季度通报 page: Chinese labels, print-friendly, no script at all.

pygal escapes every label it writes (unit names included). It also puts one inline ``<script>``
(its tooltip config) into each chart; we drop it, every comment, any event attribute and any
non-local link from the tree, and replace the random chart id with a stable one, so the page is
the same on every build and carries nothing but our numbers and labels. pygal styles its charts
with a ``<style>`` sheet, which the site's sanitizer removes from generated pages; ``inline_styles``
turns that sheet into ``style`` attributes (colours, fonts, strokes) before it is dropped.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
from importlib import metadata
from pathlib import Path

import pygal
from lxml import etree
from markupsafe import Markup
from pygal.style import Style

from ..stats import QuarterStats

FONT = '"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",SimHei,SimSun,sans-serif'
COLORS = (
    "#1f5fa8",
    "#d9822b",
    "#3a8d3a",
    "#b03a2e",
    "#7a4fa3",
    "#5f6b73",
    "#c9a227",
    "#2a9d8f",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
)
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#222",
    foreground_strong="#000",
    foreground_subtle="#888",
    opacity="1",
    opacity_hover="1",
    transition="0s",
    colors=COLORS,
    value_colors=("white",) * len(COLORS),  # numbers printed on the bars
    font_family=FONT,
    label_font_family=FONT,
    major_label_font_family=FONT,
    value_font_family=FONT,
    value_label_font_family=FONT,
    tooltip_font_family=FONT,
    title_font_family=FONT,
    legend_font_family=FONT,
    no_data_font_family=FONT,
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    value_label_font_size=12,
    legend_font_size=13,
    title_font_size=16,
    no_data_font_size=16,
)
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Set by the site build (its page cache's folder): charts drawn before are reused from here.
MEMO_DIR: Path | None = None
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _config(**extra) -> dict:
    return dict(
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        print_values=True,
        print_zeroes=False,
        no_data_text="暂无数据",
        width=640,
        height=extra.pop("height", 420),
        legend_at_bottom=True,
        truncate_legend=-1,
        truncate_label=-1,
        **extra,
    )


def to_svg(chart, chart_id: str) -> Markup:
    """The chart as inline SVG markup, with scripts, comments, handlers and external links removed."""
    tree = chart.render_tree()
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    uuid = UUID.search(root.get("id", ""))
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            element.getparent().remove(element)
            continue
        name = etree.QName(element).localname
        if name in ("script", "foreignObject", "title"):
            element.getparent().remove(element)
            continue
        for attr in list(element.attrib):
            value = element.attrib[attr]
            if etree.QName(attr).localname.lower().startswith("on") or (
                (attr == XLINK_HREF or attr == "href") and not value.startswith("#")
            ):
                del element.attrib[attr]
    inline_styles(root)
    _, _, width, height = (root.get("viewBox") or "0 0 640 420").split()
    root.set("width", width)  # an intrinsic size, so the chart keeps its shape in any layout and in print
    root.set("height", height)
    root.set("style", (root.get("style", "") + ";max-width:100%;height:auto").lstrip(";"))
    root.set("role", "img")
    text = etree.tostring(root, encoding="unicode")
    if uuid:
        text = text.replace(uuid.group(0), chart_id)
    return Markup(text)


def _height(rows: int, legend: bool = False) -> int:
    return max(260, 60 + 34 * rows + (50 if legend else 0))


def _left_margin(names: list[str]) -> int:
    """pygal sizes label space for Latin text; Chinese characters are about twice as wide."""
    return max(0, max((len(n) for n in names), default=0) - 2) * 12


def score_chart(stats: QuarterStats, kind: str) -> Markup:
    units = stats.of_kind(kind)
    names = [u.name for u in units]
    return _svg(
        pygal.HorizontalBar,
        _config(title=f"{kind}得分", show_legend=False, height=_height(len(units)), margin_left=_left_margin(names)),
        f"bs-{stats.label}-score-{'v' if kind == '行政村' else 'a'}",
        [u.name for u in reversed(units)],
        [("得分", [u.score for u in reversed(units)])],
    )


def timeliness_chart(stats: QuarterStats) -> Markup:
    units = [u for k in stats.kinds for u in stats.of_kind(k)][::-1]
    config = _config(
        title="报送条数（按时 / 逾期）",
        height=_height(len(units), True),
        margin_left=_left_margin([u.name for u in units]),
    )
    series = [("按时", [u.on_time or None for u in units]), ("逾期", [u.late or None for u in units])]
    return _svg(pygal.HorizontalStackedBar, config, f"bs-{stats.label}-timeliness", [u.name for u in units], series)


def types_chart(stats: QuarterStats) -> Markup:
    totals: dict[str, int] = {}
    for u in stats.units:
        for name, count in u.by_type.items():
            totals[name] = totals.get(name, 0) + count
    order = [t for t in stats.types if totals.get(t)] + sorted(set(totals) - set(stats.types))
    config = _config(title="信息类型", inner_radius=0.4, height=400)
    return _svg(pygal.Pie, config, f"bs-{stats.label}-types", None, [(name, totals[name]) for name in order])


def adoptions_chart(stats: QuarterStats) -> Markup:
    units = [u for k in stats.kinds for u in stats.of_kind(k) if u.adoptions_total][::-1]
    config = _config(
        title="采用记录（按级别，次）",  # records: one item adopted at two levels counts twice
        height=_height(len(units), True),
        margin_left=_left_margin([u.name for u in units]),
    )
    series = []
    for level in stats.levels:
        values = [u.adopted.get(level, 0) for u in units]
        if any(values):
            series.append((level, [v or None for v in values]))
    return _svg(pygal.HorizontalStackedBar, config, f"bs-{stats.label}-adoptions", [u.name for u in units], series)


def _svg(kind, config: dict, chart_id: str, x_labels: list[str] | None, series: list[tuple]) -> Markup:
    """The chart drawn by pygal, or the same chart from the memo when it was drawn before with these inputs.

    Drawing is most of a circular page's cost and ten years hold forty quarters whose figures rarely
    change. The key is everything pygal is given (STYLE is a constant of this module, whose source is
    in the key), so a memo entry is exactly what pygal would draw now.
    """
    inputs = (kind.__name__, sorted((k, v) for k, v in config.items() if k != "style"), chart_id, x_labels, series)
    key = hashlib.sha256((_code_key() + repr(inputs)).encode()).hexdigest()
    path = MEMO_DIR / f"{key}.svg" if MEMO_DIR is not None else None
    if path is not None:
        with contextlib.suppress(OSError):
            text = path.read_text(encoding="utf-8")
            os.utime(path)  # used by this build: kept by prune_memo
            return Markup(text)
    chart = kind(**config)
    if x_labels is not None:
        chart.x_labels = x_labels
    for title, values in series:
        chart.add(title, values)
    svg = to_svg(chart, chart_id)
    if path is not None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(str(svg), encoding="utf-8")
            os.replace(tmp, path)
    return svg


@functools.cache
def _code_key() -> str:
    versions = ";".join(f"{name}={metadata.version(name)}" for name in ("pygal", "lxml"))
    return hashlib.sha256(Path(__file__).read_bytes() + versions.encode()).hexdigest()


def use_memo(folder: Path | None) -> int:
    """Keep drawn charts in ``folder`` (None: draw every time); returns the folder's time now (ns), for prune_memo."""
    global MEMO_DIR
    MEMO_DIR = folder
    if folder is None:
        return 0
    stamp = folder / ".now"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp.touch()
        return stamp.stat().st_mtime_ns
    except OSError:
        return 0


def prune_memo(used_since: int) -> None:
    """Drop memo entries no chart has used since ``used_since`` (from use_memo, before the build drew)."""
    if MEMO_DIR is None or not used_since or not MEMO_DIR.is_dir():
        return
    for path in MEMO_DIR.glob("*.svg"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime_ns < used_since:
                path.unlink()


# --- pygal's style sheet as style attributes ---------------------------------------------------------
KEPT_PROPERTIES = {
    "fill", "stroke", "stroke-width", "stroke-opacity", "fill-opacity", "opacity", "font-size", "font-family",
    "text-anchor", "stroke-dasharray", "background-color",
}  # fmt: skip
SIMPLE = re.compile(r"(?P<tag>[a-zA-Z_][\w-]*)?(?P<rest>(?:\.[\w-]+|\[[\w-]+\]|:not\(\.[\w-]+\))*)")
PART = re.compile(r"\.([\w-]+)|\[([\w-]+)\]|:not\(\.([\w-]+)\)")


def _simple(token: str):
    """``text.major[transform]:not(.web)`` → (tag, classes, attributes, excluded classes), or None."""
    match = SIMPLE.fullmatch(token)
    if not match:
        return None
    classes, attrs, nots = set(), set(), set()
    for cls, attr, not_cls in PART.findall(match["rest"]):
        if cls:
            classes.add(cls)
        elif attr:
            attrs.add(attr)
        else:
            nots.add(not_cls)
    return match["tag"], classes, attrs, nots


def _matches_simple(element, simple) -> bool:
    tag, classes, attrs, nots = simple
    if tag and etree.QName(element).localname != tag:
        return False
    have = set(element.get("class", "").split())
    return classes <= have and not (nots & have) and all(a in element.attrib for a in attrs)


def _matches(element, chain) -> bool:
    """Right-to-left match of [(combinator, simple)…]; the combinator (" " or ">") links to the previous one."""
    (combinator, simple), rest = chain[-1], chain[:-1]
    if not _matches_simple(element, simple):
        return False
    if not rest:
        return True
    parent = element.getparent()
    if combinator == ">":
        return parent is not None and _matches(parent, rest)
    while parent is not None:
        if _matches(parent, rest):
            return True
        parent = parent.getparent()
    return False


def _parse_selector(selector: str, chart_id: str):
    """A selector below ``#chart-id`` as a chain, or None when it needs state (hover, visited) we drop."""
    if ":hover" in selector or ":visited" in selector or not selector.startswith(chart_id):
        return None
    chain, combinator = [], " "
    for token in selector[len(chart_id) :].replace(">", " > ").split():
        if token == ">":
            combinator = ">"
            continue
        simple = _simple(token)
        if simple is None:
            return None
        chain.append((combinator, simple))
        combinator = " "
    return chain or None


def _declarations(body: str) -> dict[str, str]:
    out = {}
    for part in body.split(";"):
        name, _, value = part.partition(":")
        name, value = name.strip().lower(), value.replace("!important", "").strip()
        if name in KEPT_PROPERTIES and value and "url(" not in value.lower():
            out[name] = value
    return out


def _weight(chain) -> tuple[int, int]:
    return sum(len(s[1]) + len(s[2]) + len(s[3]) for _, s in chain), sum(1 for _, s in chain if s[0])


def inline_styles(root) -> None:
    """Apply the chart's own ``<style>`` rules as ``style`` attributes (specificity, then order), then drop it."""
    chart_id = "#" + root.get("id", "")
    sheets = [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == "style"]
    rules = []
    for sheet in sheets:
        css = re.sub(r"/\*.*?\*/", "", sheet.text or "", flags=re.S)
        for order, (selectors, body) in enumerate(re.findall(r"([^{}]+)\{([^{}]*)\}", css)):
            values = _declarations(body)
            for selector in selectors.split(",") if values else ():
                selector = selector.strip()
                if selector == chart_id:
                    rules.append(((0, 0), order, None, values))
                elif chain := _parse_selector(selector, chart_id):
                    rules.append((_weight(chain), order, chain, values))
        sheet.getparent().remove(sheet)
    rules.sort(key=lambda r: (r[0], r[1]))
    # Matching depends only on tag, classes and attribute names of an element and its ancestors: elements
    # with the same chain of those get the same style, so the cascade runs once per distinct chain.
    chains: dict[int, tuple] = {}
    styles: dict[tuple, dict[str, str]] = {}
    alive = []  # lxml proxies: keep them so that id() is never reused within this walk
    for element in root.iter():
        alive.append(element)
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        own = (element.tag, element.get("class", ""), frozenset(element.attrib), element is root)
        key = (own, chains.get(id(parent)) if parent is not None else None)
        chains[id(element)] = key
        style = styles.get(key)
        if style is None:
            style = {}
            for _, _, chain, values in rules:
                if (element is root) if chain is None else _matches(element, chain):
                    style.update(values)
            styles[key] = style
        if style:
            element.set("style", ";".join(f"{k}:{v}" for k, v in style.items()))
