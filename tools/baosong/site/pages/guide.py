"""Generated 报送指南 pages: the template as it is today, and 错误代码说明 from the findings catalogue."""

from __future__ import annotations

from ...report.catalogue import CATALOGUE
from ...report.severity import SEVERITY_ZH
from ...township.template import TEMPLATE_FILE, load_template
from . import GeneratedPage, SiteContext, page_builder

SECTION = "报送指南"
# The mistakes new reporters make most (issue 15), explained under the template from the catalogue's own words.
COMMON_MISTAKES = ("M13", "F14", "F04", "F03", "M02", "M01", "M03", "F06", "M14")


@page_builder
def template_page(ctx: SiteContext):
    rules = ctx.repo.rules
    content = ctx.render(
        "template.md",
        text=load_template(ctx.repo.root),
        path=TEMPLATE_FILE,
        types=rules.types,
        categories=rules.categories,
        allowed=rules.allowed_sensitivity,
        mistakes=[CATALOGUE[code] for code in COMMON_MISTAKES if code in CATALOGUE],
    )
    yield GeneratedPage("guide/template.md", "报送模板", content, nav_section=SECTION)


@page_builder
def codes_page(ctx: SiteContext):
    codes = sorted(CATALOGUE.values(), key=lambda c: (c.code[0] != "F", c.code))
    content = ctx.render("codes.md", codes=codes, severity=SEVERITY_ZH)
    yield GeneratedPage("guide/codes.md", "错误代码说明", content, nav_section=SECTION)
