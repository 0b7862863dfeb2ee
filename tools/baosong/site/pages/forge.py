"""新建报送: a link that opens the forge's web editor with a correctly named file and the filled template.

The link is written on the build day; form.js rewrites it when the page loads and again when it is
clicked, with the date of that moment in the registry's time zone (the site is rebuilt only on a push, so
the build day is stale on every other day). Without JavaScript the build day's link still works and a
note asks the reporter to check the date. Every link survives Gitea's login redirect (``form.fits``): the
value drops the template's comments, then the template itself, which the page then shows to copy.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlencode

from ...township.items import SUBMISSIONS
from ...township.registry import Forge, Unit
from ...township.template import fill, load_template
from ..form import fits
from ..urls import quote_path

PLACEHOLDER_SLUG = "简短标题"
_COMMENT = re.compile(r"^(#\s*[A-Za-z_]+:.*|([A-Za-z_]+:[ \t]*(?:\"(?:[^\"\\]|\\.)*\"|[^#\"]*?))[ \t]+#.*)$")


@dataclass
class NewItemLink:
    kind: str  # gitea | github | gitlab | none
    url: str | None  # the editor URL (GitLab: the new-file page, without the template)
    folder: str  # submissions/<unit>/<year>
    filename: str
    content: str  # the filled template (what the URL carries, or what the page shows to copy)
    in_url: bool = True  # the URL carries ``content`` (False: too long, the page shows it to copy)
    day: str = ""  # the build day written into the link (YYYY-MM-DD)
    spec: str = ""  # JSON for form.js: how to write the link again on the day of the click


def filled_template(root, unit: Unit, today: date) -> str:
    values = {"unit": unit.id, "date": today.isoformat(), "event_date": today.isoformat()}
    reporters = unit.reporters_on(today)
    reviewers = unit.reviewers_on(today)
    if len(reporters) == 1:
        values["reporter"] = reporters[0].name
    if len(reviewers) == 1:
        values["reviewed_by"] = reviewers[0].name
    return fill(load_template(root), values)


def without_comments(text: str) -> str:
    """The template with the ``# …`` explanations and commented-out keys of its front matter taken out
    (a shorter link); the body is left as it is."""
    lines, fences = [], 0
    for line in text.split("\n"):
        if line == "---":
            fences += 1
        m = _COMMENT.match(line) if fences == 1 else None
        if m and m.group(2) is None:
            continue  # a commented-out key (follows, request)
        lines.append(m.group(2) if m else line)
    return "\n".join(lines)


def editor_url(forge: Forge, folder: str, filename: str, content: str | None) -> str:
    """The forge's new-file page for ``folder``/``filename`` (Gitea ``_new``, GitHub ``new``, GitLab ``-/new``).

    ``content`` goes in ``value`` (Gitea, GitHub); GitLab reads only ``file_name``. form.js writes the
    same URLs (``editorUrl``).
    """
    base = forge.url.rstrip("/")
    branch = quote(forge.branch, safe="")
    if forge.kind == "gitlab":
        return f"{base}/-/new/{branch}/{quote_path(folder)}?{urlencode({'file_name': filename}, quote_via=quote)}"
    params = {"filename": filename}
    if content is not None:
        params["value"] = content
    query = urlencode(params, quote_via=quote)
    path = "_new" if forge.kind == "gitea" else "new"
    return f"{base}/{path}/{branch}/{quote_path(folder)}?{query}"


def new_item_link(root, forge: Forge | None, unit: Unit, today: date, timezone: str = "Asia/Shanghai") -> NewItemLink:
    folder = f"{SUBMISSIONS}/{unit.id}/{today.year}"
    filename = f"{today.isoformat()}-{PLACEHOLDER_SLUG}.md"
    content = filled_template(root, unit, today)
    kind, url, in_url = "none", None, False
    if forge is not None:
        kind = forge.kind
        if kind == "gitlab":
            url = editor_url(forge, folder, filename, None)
        else:
            for candidate in (content, without_comments(content)):
                url = editor_url(forge, folder, filename, candidate)
                if fits(url):
                    content, in_url = candidate, True
                    break
            else:
                url = editor_url(forge, folder, filename, None)
    spec = {
        "kind": kind,
        "forge": None if forge is None else {"url": forge.url.rstrip("/"), "branch": forge.branch},
        "unit": unit.id,
        "day": today.isoformat(),
        "tz": timezone,
        "slug": PLACEHOLDER_SLUG,
        "content": content,
        "inUrl": in_url,
    }
    spec_json = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
    return NewItemLink(kind, url, folder, filename, content, in_url, today.isoformat(), spec_json)
