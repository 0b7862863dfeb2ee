"""One page per published item. The body is rendered by MkDocs and cleaned by the plugin (sanitize.py).

The page's source is the item's body only: front matter never reaches MkDocs (the strict reader has
already taken it off), and the plugin replaces ``page.meta`` with the allowed keys.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from ...township.items import SUBMISSIONS, Item
from ..masking import Masker
from . import GeneratedPage, SiteContext, in_build_process, page_builder
from .common import site_data

ITEM_META = "baosong_item"  # GeneratedPage.meta key that marks an item page
_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$", re.M)


def linked_attachments(item: Item, published: set[str]) -> list[str]:
    """Attachment paths (repo-relative) that the item's body links to and that may be published."""
    folder = posixpath.dirname(item.path)
    found = []
    for m in _TARGET.finditer(item.body):
        target = m.group(1) or m.group(2) or ""
        try:
            parts = urlsplit(target)
        except ValueError:
            continue
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        if path in published and path not in found:
            found.append(path)
    return found


def attachment_uri(path: str, masker: Masker | None = None) -> str:
    """``submissions/u/2026/a.png`` → ``items/u/2026/a.png`` (beside the item pages, so relative links work).

    With ``masker``, a personal number in the file name is masked (``Masker.file_name``), as the body's links to
    it are (``Masker.html``): ``2026-11-24-张三13912345678.jpg`` → ``2026-11-24-张三139****5678.jpg``.
    """
    folder, _, name = path[len(SUBMISSIONS) + 1 :].rpartition("/")
    return f"items/{folder}/{masker.file_name(name) if masker else name}"


def published_attachments(ctx: SiteContext) -> dict[str, list[str]]:
    """item id → attachments it links; only regular files of an allowed type that a valid item uses."""
    data = site_data(ctx)
    if not data.attachments and data.items:
        allowed = set(ctx.repo.attachments)
        data.attachments = {i.id: linked_attachments(i, allowed) for i in data.items}
    return data.attachments


@page_builder
@in_build_process  # 20,000 bodies are cheap to wrap and costly to pickle between processes
def item_pages(ctx: SiteContext):
    published_attachments(ctx)
    for item in site_data(ctx).items:
        yield GeneratedPage(site_data(ctx).uri(item.id), item.title, item.body, meta={ITEM_META: item.id})


def item_values(ctx: SiteContext, item: Item) -> dict:
    """Everything the item panel shows besides the body (the page cache keys on these values)."""
    from .common import segment, timeliness, unit_name, unit_uri

    data = site_data(ctx)
    here = data.uri(item.id)
    rules = ctx.repo.rules
    categories = list(rules.categories)
    types = list(rules.types)
    followed = data.by_id.get(item.follows) if item.follows else None
    request = ctx.repo.ledger.requests.get(item.request) if item.request else None
    requests = list(ctx.repo.ledger.requests)
    attachments = [
        (data.masker.file_name(posixpath.basename(p)), attachment_uri(p, data.masker))
        for p in data.attachments.get(item.id, [])
    ]
    return dict(
        here=here,
        item=item,
        unit_name=unit_name(ctx, item.unit),
        unit_uri=unit_uri(item.unit),
        late=timeliness(ctx, item),
        deadline=rules.types.get(item.type),
        type_uri=f"types/{segment(item.type, types.index(item.type) + 1)}/index.md" if item.type in types else None,
        category_uri=(
            f"categories/{segment(item.category, categories.index(item.category) + 1)}/index.md"
            if item.category in categories
            else None
        ),
        adoptions=data.adoptions.get(item.id, []),
        followed=followed,
        follows_text=data.masker.text(item.follows or ""),  # an id that is not published: shown as text
        followers=data.followers.get(item.id, []),
        item_uri=data.uri,
        request=request,
        request_uri=f"requests/{segment(request.id, requests.index(request.id) + 1)}.md" if request else None,
        attachments=attachments,
    )


def render_item(ctx: SiteContext, item: Item, body_html: str) -> str:
    """The item page's content: title, metadata panel, the cleaned body, chain links, attachments."""
    from markupsafe import Markup

    return ctx.render("item.html", body=Markup(body_html), **item_values(ctx, item))
