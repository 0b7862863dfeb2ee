"""Emergency chains (突发事件: 初报 → 续报) and the office's requests (约稿) with the items that answered them."""

from __future__ import annotations

from . import GeneratedPage, SiteContext, page_builder
from .common import emergency_chains, listing_pages, segment, site_data, unit_uri

SECTION = "浏览"


@page_builder
def emergencies(ctx: SiteContext):
    uri = "emergencies/index.md"
    chains = emergency_chains(ctx)
    content = ctx.render(
        "emergencies.md",
        here=uri,
        chains=chains,
        item_uri=site_data(ctx).uri,
        unit_uri=unit_uri,
        unit_name=ctx.repo.registry.unit_name,
    )
    yield GeneratedPage(uri, "突发事件", content, nav_section=SECTION)


@page_builder
def requests(ctx: SiteContext):
    repo = ctx.repo
    data = site_data(ctx)
    entries = []
    for index, request in enumerate(repo.ledger.requests.values(), 1):
        answers = [i for i in data.items if i.request == request.id]
        answered_units = {i.unit for i in answers}
        addressed = [u for u in repo.registry.units.values() if request.addressed_to(u.id)]
        waiting = [u for u in addressed if u.id not in answered_units]
        base = f"requests/{segment(request.id, index)}"
        is_open = request.due >= repo.today
        entries.append((request, f"{base}/index.md", len(answers), len(answered_units), len(addressed), is_open))
        header = ctx.render(
            "request.md",
            here=f"{base}/index.md",
            request=request,
            is_open=is_open,
            waiting=waiting,
            unit_uri=unit_uri,
            answered=len(answered_units),
            addressed=len(addressed),
        )
        yield from listing_pages(ctx, base, request.title, answers, header=header)
    uri = "requests/index.md"
    yield GeneratedPage(
        uri, "约稿与报送要点", ctx.render("requests.md", here=uri, entries=entries), nav_section=SECTION
    )
