"""The 填报 page of each unit (units/<id>/new/) and the 报送指南's list of them (guide/new/).

The page is static: every value it needs is embedded as JSON at build time (site/form/data.py) and the
browser (assets/form.js) does the rest offline. The content scanners come from site/form/scanner_data.py
when it is there (the browser half of S02–S05, S07).
"""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from ..form import data as form_data
from . import GeneratedPage, SiteContext, page_builder
from .common import emergency_chains, site_data, unit_uri
from .forge import new_item_link

log = get_plugin_logger(__name__)
GUIDE_SECTION = "报送指南"
FORM_META = "baosong_form"  # GeneratedPage.meta marker: clean with the form's allow-list (site/form/page.py)


def form_uri(unit_id: str) -> str:
    return f"units/{unit_id}/new.md"


def scan_json(rules):
    """The scanners' data for the browser (``bs-scan-data``), or None: then the page checks the fields only
    and says nothing false (validate scans everything after submission)."""
    try:
        from ..form.scanner_data import scanner_data
    except ImportError:  # the browser scanners are not installed
        return None
    try:
        return form_data.script_json(scanner_data(rules))
    except Exception as exc:  # e.g. a township word list the browser cannot run: the form still works
        log.warning(f"填报页面不做内容检查（{type(exc).__name__}：{exc}），提交后的检查照常进行")
        return None


@page_builder
def form_pages(ctx: SiteContext):
    repo = ctx.repo
    registry = repo.registry
    chains = emergency_chains(ctx)
    requests = list(repo.ledger.requests.values())
    scan = scan_json(repo.rules)
    for unit in registry.units.values():
        data = form_data.form_data(
            township=registry.township,
            timezone=registry.timezone,
            unit=unit,
            rules=repo.rules,
            forge=registry.office.forge,
            chains=[c for c in chains if any(i.unit == unit.id for i in c)],
            hidden_ids=frozenset(site_data(ctx).published_ids),
            requests=[r for r in requests if r.addressed_to(unit.id)],
            build_day=repo.today,
        )
        uri = form_uri(unit.id)
        content = ctx.render(
            "form.md",
            here=uri,
            unit=unit,
            unit_page=unit_uri(unit.id),
            data=form_data.script_json(data),
            scan=scan,
            forge=registry.office.forge,
        )
        yield GeneratedPage(uri, f"{unit.name} 填报", content, meta={FORM_META: True})


@page_builder
def guide_new_page(ctx: SiteContext):
    repo = ctx.repo
    registry = repo.registry
    units = []
    for unit in registry.units.values():
        link = new_item_link(repo.root, registry.office.forge, unit, repo.today, registry.timezone)
        units.append((unit, form_uri(unit.id), unit_uri(unit.id), link))
    uri = "guide/new.md"
    content = ctx.render("guide_new.md", here=uri, units=units)
    yield GeneratedPage(uri, "填报入口", content, nav_section=GUIDE_SECTION)
