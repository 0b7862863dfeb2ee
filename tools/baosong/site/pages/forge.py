"""新建报送: a link that opens the forge's web editor with a correctly named file and the filled template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlencode

from ...items import SUBMISSIONS
from ...registry import Forge, Unit
from ...template import fill, load_template
from ..urls import quote_path

PLACEHOLDER_SLUG = "简短标题"


@dataclass
class NewItemLink:
    kind: str  # gitea | github | gitlab | none
    url: str | None  # the editor URL (GitLab: the new-file page, without the template)
    folder: str  # submissions/<unit>/<year>
    filename: str
    content: str  # the filled template


def filled_template(root, unit: Unit, today: date) -> str:
    values = {"unit": unit.id, "date": today.isoformat(), "event_date": today.isoformat()}
    reporters = unit.reporters_on(today)
    reviewers = unit.reviewers_on(today)
    if len(reporters) == 1:
        values["reporter"] = reporters[0].name
    if len(reviewers) == 1:
        values["reviewed_by"] = reviewers[0].name
    return fill(load_template(root), values)


def new_item_link(root, forge: Forge | None, unit: Unit, today: date) -> NewItemLink:
    folder = f"{SUBMISSIONS}/{unit.id}/{today.year}"
    filename = f"{today.isoformat()}-{PLACEHOLDER_SLUG}.md"
    content = filled_template(root, unit, today)
    if forge is None:
        return NewItemLink("none", None, folder, filename, content)
    base = forge.url.rstrip("/")
    branch = quote(forge.branch, safe="")
    query = urlencode({"filename": filename, "value": content}, quote_via=quote)
    if forge.kind == "gitea":
        url = f"{base}/_new/{branch}/{quote_path(folder)}?{query}"
    elif forge.kind == "github":
        url = f"{base}/new/{branch}/{quote_path(folder)}?{query}"
    else:
        url = f"{base}/-/new/{branch}/{quote_path(folder)}"
    return NewItemLink(forge.kind, url, folder, filename, content)
