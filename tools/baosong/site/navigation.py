"""The site's nav: bounded by design. Items and paginated listings are never in it (DESIGN §2: a nav
holding every item makes a Material build quadratic); unit, browse, statistics and guide pages are."""

from __future__ import annotations

from .sanitize import plain

HOME = "首页"
FIRST_SECTIONS = ("单位", "浏览")
GUIDE = "报送指南"
GUIDE_ORDER = (
    "guide/index.md",
    "guide/web-editor.md",
    "guide/template.md",
    "guide/rules.md",
    "guide/sensitive.md",
    "guide/word.md",
)
GUIDE_LAST = ("guide/codes.md",)


def build_nav(files, generated) -> list:
    """A ``config.nav`` list: home, units, browse, any builder's section, 报送指南, other hand-written pages."""
    sections: dict[str, list] = {}
    home = None
    generated_uris = {p.uri for p in generated}
    for page in generated:
        if page.nav_section is None:
            continue
        entry = {plain(page.title): page.uri}
        if page.nav_section == HOME:
            home = entry
            continue
        sections.setdefault(page.nav_section, []).append((page.uri, entry))
    if "单位" in sections:  # "单位一览" before the units themselves
        sections["单位"].sort(key=lambda pair: pair[0] != "units/index.md")
    hand_written = sorted(
        f.src_uri for f in files.documentation_pages() if f.src_uri not in generated_uris and f.generated_by is None
    )
    guide = [(u, u) for u in hand_written if u.startswith("guide/")]
    guide += sections.pop(GUIDE, [])
    guide.sort(key=lambda pair: _guide_rank(pair[0]))
    others = [u for u in hand_written if not u.startswith("guide/") and u != "index.md"]

    nav: list = [home] if home else []
    for name in FIRST_SECTIONS:
        if name in sections:
            nav.append({name: [entry for _uri, entry in sections.pop(name)]})
    for name, entries in sections.items():
        nav.append({name: [entry for _uri, entry in entries]})
    if guide:
        nav.append({GUIDE: [entry for _uri, entry in guide]})
    nav.extend(others)
    return nav


def _guide_rank(uri: str):
    if uri in GUIDE_ORDER:
        return (0, GUIDE_ORDER.index(uri), uri)
    if uri in GUIDE_LAST:
        return (2, GUIDE_LAST.index(uri), uri)
    return (1, 0, uri)
