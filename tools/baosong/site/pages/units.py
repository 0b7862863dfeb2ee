"""The unit list and each unit's page: its people (names only), its items by year, 新建报送 and 填报."""

from __future__ import annotations

from collections import defaultdict

from ...township.dates import week_monday
from . import GeneratedPage, SiteContext, page_builder
from .common import listing_pages, rows, site_data, unit_uri
from .forge import new_item_link
from .form import form_uri

SECTION = "单位"
LATEST = 10


@page_builder
def unit_pages(ctx: SiteContext):
    repo = ctx.repo
    data = site_data(ctx)
    monday = week_monday(repo.today)
    summary = []
    for unit in repo.registry.units.values():
        items = data.by_unit.get(unit.id, [])
        by_year = defaultdict(list)
        for item in items:
            by_year[item.date.year if item.date else 0].append(item)
        years = []
        for year in sorted(by_year, reverse=True):
            folder = f"units/{unit.id}/{year}"
            years.append((year, f"{folder}/index.md", len(by_year[year])))
            yield from listing_pages(ctx, folder, f"{unit.name} {year} 年报送的信息", by_year[year], show_unit=False)
        this_week = [i for i in items if i.date and monday <= i.date <= repo.today]
        summary.append((unit, len(items), len(this_week)))
        uri = unit_uri(unit.id)
        link = new_item_link(repo.root, repo.registry.office.forge, unit, repo.today, repo.registry.timezone)
        content = ctx.render(
            "unit.md",
            here=uri,
            unit=unit,
            reporters=unit.reporters_on(repo.today),
            reviewers=unit.reviewers_on(repo.today),
            years=years,
            latest=rows(ctx, items[:LATEST]),
            total=len(items),
            this_week=len(this_week),
            new=link,
            form_page=form_uri(unit.id),
        )
        yield GeneratedPage(uri, unit.name, content, nav_section=SECTION)
    uri = "units/index.md"
    yield GeneratedPage(
        uri, "单位一览", ctx.render("units.md", here=uri, summary=summary, unit_uri=unit_uri), nav_section=SECTION
    )
