"""信息编发 pages: one per bulletin issue (adoptions with an ``outlet``), plus an index.

The items' text is shown as plain paragraphs (``bulletins.plain_paragraphs``), escaped by the
template: a reporter's markup never reaches these pages; the full item is one link away.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...office.bulletins import BulletinEntry, bulletin_issues
from . import GeneratedPage, SiteContext, page_builder
from .common import site_data, unit_uri

SECTION = "信息编发"
BASE = "bianfa"


@dataclass
class EntryView:
    entry: BulletinEntry
    anchor: str
    uri: str | None
    unit_uri: str


def issuer(ctx: SiteContext) -> str:
    township = ctx.repo.registry.township
    return f"{township}人民政府办公室" if township else "党政办"


@page_builder
def bulletin_pages(ctx: SiteContext):
    """The index first (it heads the nav section), then the issues, newest first."""
    issues = bulletin_issues(ctx.repo)
    if not issues:
        return
    data = site_data(ctx)
    published = data.by_id
    pages = []
    for issue in reversed(issues):
        uri = f"{BASE}/{issue.slug}.md"
        views = [
            EntryView(e, f"a{n}", data.uri(e.id) if e.id in published else None, unit_uri(e.unit))
            for n, e in enumerate(issue.entries, start=1)
        ]
        content = ctx.render("bulletin_issue.html", here=uri, issue=issue, entries=views, issuer=issuer(ctx))
        pages.append((GeneratedPage(uri, issue.outlet, content, nav_section=SECTION), issue))
    uri = f"{BASE}/index.md"
    entries = [(page.uri, issue) for page, issue in pages]
    yield GeneratedPage(
        uri, "信息编发", ctx.render("bulletin_index.html", here=uri, entries=entries), nav_section=SECTION
    )
    for page, _ in pages:
        yield page
