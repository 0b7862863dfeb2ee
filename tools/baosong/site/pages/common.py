"""What several page builders need, computed once per build: item indexes, URLs, pagination."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from ...checks.timeliness import days_late
from ...township.items import Item
from ..masking import Masker, published_names
from ..urls import link, page_url  # noqa: F401 - re-exported for builders
from . import SiteContext

PAGE_SIZE = 50
EMERGENCY = "突发事件"
_SAFE_SEGMENT = re.compile(r"[\w\u4e00-\u9fff-]{1,60}")


@dataclass
class SiteData:
    """The published items and the indexes every builder reads (newest first)."""

    items: list[Item]
    by_id: dict[str, Item]
    by_unit: dict[str, list[Item]]
    followers: dict[str, list[Item]]
    adoptions: dict[str, list] = field(default_factory=dict)
    attachments: dict[str, list[str]] = field(default_factory=dict)  # item id → attachment paths it links
    masker: Masker | None = None  # masks personal numbers in everything published (site/masking.py)
    published_ids: dict[str, str] = field(default_factory=dict)  # item id → the id its URL shows, when masked

    def uri(self, item_id: str) -> str:
        """The item page's URI (``item_uri``) under the id readers see: a personal number in the file name is
        masked (``published_names``), in the page's address and every link to it."""
        return item_uri(self.published_ids.get(item_id, item_id))


def site_data(ctx: SiteContext) -> SiteData:
    data = ctx.extra.get("site_data")
    if data is None:
        data = ctx.extra["site_data"] = _compute(ctx)
    return data


def _compute(ctx: SiteContext) -> SiteData:
    masker = Masker.for_rules(ctx.repo.rules, ctx.repo.today)
    published = [masker.item(i) for i in ctx.repo.valid_items]  # titles and tags as readers may see them
    items = sorted(published, key=lambda i: (i.date or date.min, i.id), reverse=True)
    by_id = {i.id: i for i in items}
    by_unit: dict[str, list[Item]] = defaultdict(list)
    followers: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_unit[item.unit].append(item)
        if item.follows and item.follows in by_id:
            followers[item.follows].append(item)
    for chain in followers.values():
        chain.sort(key=lambda i: (i.date or date.min, i.id))
    adoptions: dict[str, list] = defaultdict(list)
    for adoption in ctx.repo.ledger.adoptions:
        if adoption.id in by_id:
            adoptions[adoption.id].append(adoption)
    ids = published_names(by_id, masker)
    return SiteData(items, by_id, dict(by_unit), dict(followers), dict(adoptions), masker=masker, published_ids=ids)


def item_uri(item_id: str) -> str:
    return f"items/{item_id}.md"


def segment(name: str, index: int) -> str:
    """A URL segment for an office-chosen name (category, type, request id): the name when plain."""
    return name if _SAFE_SEGMENT.fullmatch(name) and not name.startswith("-") else f"n{index}"


@dataclass
class Pager:
    number: int
    count: int
    uris: list[str]

    def uri(self, n: int) -> str:
        return self.uris[n - 1]


def paginate(base_dir: str, items: list, size: int = PAGE_SIZE):
    """(uri, page items, Pager) for ``base_dir/index.md``, ``base_dir/2.md``, … of a newest-first list.

    Pages are cut from the oldest end: page 2 onwards hold ``size`` items each and the first page the
    rest (``size`` to ``2 * size - 1``). A new item therefore changes the first page only, and a site
    rebuild does not render every listing page again because each one shifted by an item; all pages
    change only when the count of pages does (one new item in ``size``).
    """
    count = max(1, len(items) // size)
    first = len(items) - size * (count - 1)
    chunks = [items[:first]] + [items[first + i * size : first + (i + 1) * size] for i in range(count - 1)]
    uris = [f"{base_dir}/index.md" if n == 1 else f"{base_dir}/{n}.md" for n in range(1, count + 1)]
    for n, chunk in enumerate(chunks, 1):
        yield uris[n - 1], chunk, Pager(n, count, uris)


def timeliness(ctx: SiteContext, item: Item) -> int | None:
    return days_late(item, ctx.repo.rules.types)


def unit_name(ctx: SiteContext, unit_id: str) -> str:
    return ctx.repo.registry.unit_name(unit_id)


def emergency_chains(ctx: SiteContext) -> list[list[Item]]:
    """Each 突发事件 with its follow-up reports (续报), in date order; newest chain first."""
    data = site_data(ctx)
    chains = ctx.extra.get("chains")
    if chains is not None:
        return chains
    roots: dict[str, Item] = {}
    for item in data.items:
        if item.type != EMERGENCY:
            continue
        root, seen = item, {item.id}
        while root.follows and root.follows in data.by_id and root.follows not in seen:
            root = data.by_id[root.follows]
            seen.add(root.id)
        roots[root.id] = root
    chains = []
    for root in roots.values():
        chain, todo, seen = [], [root], set()
        while todo:
            node = todo.pop()
            if node.id in seen:
                continue
            seen.add(node.id)
            chain.append(node)
            todo.extend(data.followers.get(node.id, []))
        chain.sort(key=lambda i: (i.date or date.min, i.id))
        chains.append(chain)
    chains.sort(key=lambda c: (c[-1].date or date.min, c[0].id), reverse=True)
    ctx.extra["chains"] = chains
    return chains


@dataclass
class Row:
    """One line of an item listing, with only the values a listing shows."""

    date: str
    uri: str
    title: str
    unit_uri: str
    unit_name: str
    type: str
    category: str
    levels: list[str]
    instructed: bool


def unit_uri(unit_id: str) -> str:
    return f"units/{unit_id}/index.md"


def rows(ctx: SiteContext, items: list[Item]) -> list[Row]:
    data = site_data(ctx)
    out = []
    for item in items:
        adoptions = data.adoptions.get(item.id, [])
        levels = list(dict.fromkeys(a.level for a in adoptions))
        out.append(
            Row(
                item.text("date") or "",
                data.uri(item.id),
                item.title,
                unit_uri(item.unit),
                unit_name(ctx, item.unit),
                item.type,
                item.category,
                levels,
                any(a.instruction for a in adoptions),
            )
        )
    return out


@dataclass
class Entry:
    uri: str
    label: str
    count: int | None = None


def listing_pages(
    ctx: SiteContext,
    base_dir: str,
    title: str,
    items: list[Item],
    intro: str = "",
    show_unit: bool = True,
    header: str = "",
    nav_section: str | None = None,
):
    """The paginated listing ``base_dir/index.md``, ``base_dir/2.md``, …; ``header`` (Markdown) tops page 1."""
    from . import GeneratedPage

    for uri, chunk, pager in paginate(base_dir, items):
        heading = title if pager.number == 1 else f"{title}（第 {pager.number} 页）"
        content = ctx.render(
            "listing.md",
            here=uri,
            title=heading,
            intro=intro,
            rows=rows(ctx, chunk),
            p=pager,
            show_unit=show_unit,
            header=Markup(header) if pager.number == 1 else "",  # our own rendered template
        )
        yield GeneratedPage(uri, heading, content, nav_section=nav_section if pager.number == 1 else None)
