"""M11 and M12: rules that look at other items and the office ledger."""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from ..report.findings import make
from ..scan.numbers import allowed_digits, masked_text
from ..township.items import Item
from .fields import hint_for
from .registration import Context, corpus_check


@corpus_check("M11")
def m11_references(items: list[Item], ctx: Context):
    requests = ctx.ledger.requests
    for item in items:
        follows = item.follows
        if follows is not None:
            target = follows.removesuffix(".md").removeprefix("submissions/")
            if target == item.id:
                yield make("M11", item.path, item.line("follows"), "follows", variant="self")
            elif target not in ctx.item_ids:
                shown = masked_text(
                    follows[:80], ctx.today, allowed_digits(ctx.rules.scan.allow), ctx.rules.scan.labels
                )
                yield make("M11", item.path, item.line("follows"), "follows", variant="follows", value=shown)
        request = item.request
        if request is not None and request not in requests:
            yield make(
                "M11",
                item.path,
                item.line("request"),
                "request",
                variant="request",
                value=request[:60],
                hint=hint_for(request, requests),
            )


def title_key(title: str) -> str:
    return "".join(unicodedata.normalize("NFKC", title).split())


@corpus_check("M12")
def m12_duplicates(items: list[Item], ctx: Context):
    seen: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in items:
        if item.title:
            seen[(item.unit, title_key(item.title))].append(item)
    for group in seen.values():
        if len(group) < 2:
            continue
        for item in group:
            others = ", ".join(o.id for o in group if o is not item)
            yield make("M12", item.path, item.line("title"), "title", other=others)
