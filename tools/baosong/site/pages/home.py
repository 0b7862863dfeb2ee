"""The home page: this week at a glance, above the office's own text (site_config/docs/index.md)."""

from __future__ import annotations

from datetime import timedelta

from ...township.dates import iso_week_label, week_monday
from . import GeneratedPage, SiteContext, page_builder
from .common import emergency_chains, rows, site_data, unit_uri

LATEST = 10
EMERGENCY_DAYS = 30
HOME_INTRO = "home_intro"  # SiteContext.extra key: the Markdown of site_config/docs/index.md, if any


def days_left(today) -> int:
    """Days of ``today``'s ISO week (Monday–Sunday, SPEC §2.3) still open for reporting, today included: 7 … 1."""
    return (week_monday(today) + timedelta(days=6) - today).days + 1


@page_builder
def home(ctx: SiteContext):
    repo = ctx.repo
    data = site_data(ctx)
    today = repo.today
    monday = week_monday(today)
    reported = {i.unit for i in data.items if i.date and monday <= i.date <= today}
    units = list(repo.registry.units.values())
    done = [u for u in units if u.id in reported]
    missing = [u for u in units if u.id not in reported]
    answered = {}
    for item in data.items:
        if item.request:
            answered.setdefault(item.request, set()).add(item.unit)
    open_requests = sorted((r for r in repo.ledger.requests.values() if r.due >= today), key=lambda r: r.due)
    requests = list(repo.ledger.requests)
    from .common import segment

    open_rows = [
        (r, f"requests/{segment(r.id, requests.index(r.id) + 1)}.md", len(answered.get(r.id, ())))
        for r in open_requests
    ]
    recent = today - timedelta(days=EMERGENCY_DAYS)
    emergencies = [c for c in emergency_chains(ctx) if c[-1].date and c[-1].date >= recent]
    uri = "index.md"
    content = ctx.render(
        "home.md",
        here=uri,
        township=repo.registry.township,
        today=today,
        week=iso_week_label(today),
        monday=monday,
        sunday=monday + timedelta(days=6),
        days_left=days_left(today),
        done=done,
        missing=missing,
        unit_uri=unit_uri,
        latest=rows(ctx, data.items[:LATEST]),
        open_requests=open_rows,
        emergencies=emergencies,
        item_uri=data.uri,
        intro=ctx.extra.get(HOME_INTRO, ""),
        total=len(data.items),
    )
    yield GeneratedPage(uri, "首页", content, nav_section="首页")
