"""By category, by type, by month: an index page each (in the nav) and paginated listings (not)."""

from __future__ import annotations

from collections import defaultdict

from . import GeneratedPage, SiteContext, page_builder
from .common import Entry, listing_pages, segment, site_data

SECTION = "浏览"


def _grouped(ctx: SiteContext, base: str, title: str, intro: str, groups: dict[str, list], order: list[str]):
    entries = []
    for index, name in enumerate(order, 1):
        items = groups.get(name, [])
        if not items:
            continue
        folder = f"{base}/{segment(name, index)}"
        entries.append(Entry(f"{folder}/index.md", name, len(items)))
        yield from listing_pages(ctx, folder, f"{title}：{name}", items)
    uri = f"{base}/index.md"
    yield GeneratedPage(
        uri,
        title,
        ctx.render("index_list.md", here=uri, title=title, intro=intro, entries=entries),
        nav_section=SECTION,
    )


@page_builder
def by_category(ctx: SiteContext):
    groups = defaultdict(list)
    for item in site_data(ctx).items:
        groups[item.category].append(item)
    order = list(ctx.repo.rules.categories) + sorted(set(groups) - set(ctx.repo.rules.categories))
    yield from _grouped(ctx, "categories", "按类别浏览", "按通知规定的信息采集范围分类。", groups, order)


@page_builder
def by_type(ctx: SiteContext):
    groups = defaultdict(list)
    for item in site_data(ctx).items:
        groups[item.type].append(item)
    order = list(ctx.repo.rules.types) + sorted(set(groups) - set(ctx.repo.rules.types))
    yield from _grouped(
        ctx,
        "types",
        "按类型浏览",
        "类型决定报送时限：动态、会议等当天报送，文件、报告 3 日内，其他 5 日内。",
        groups,
        order,
    )


@page_builder
def by_month(ctx: SiteContext):
    groups = defaultdict(list)
    for item in site_data(ctx).items:
        if item.date:
            groups[f"{item.date.year}年{item.date.month:02d}月"].append(item)
    order = sorted(groups, reverse=True)
    yield from _grouped(ctx, "months", "按月份浏览", "按报送日期归档，最近的月份在前。", groups, order)
