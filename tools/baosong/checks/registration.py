"""The check registry: one function per code, found by its code.

An item check takes ``(item, ctx)``; a corpus check takes ``(items, ctx)`` for rules that need
other items (duplicates, references) or a batch (rendering). Both yield findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..report.findings import Finding
from ..township.items import Item
from ..township.ledger import Ledger
from ..township.registry import Registry
from ..township.rules import Rules


@dataclass
class Context:
    root: Path
    registry: Registry
    rules: Rules
    today: date
    ledger: Ledger = field(default_factory=Ledger)
    item_ids: set[str] = field(default_factory=set)  # every item file on disk, valid or not
    rendered: dict[str, tuple] = field(default_factory=dict)  # item path → (body key, Verdict): checks/html.py
    render_all: bool = True  # False: a check of some files, whose HTML no build takes (checks/html.py: plain bodies)


ItemCheck = Callable[[Item, Context], Iterable[Finding]]
CorpusCheck = Callable[[list[Item], Context], Iterable[Finding]]
ITEM_CHECKS: dict[str, ItemCheck] = {}
CORPUS_CHECKS: dict[str, CorpusCheck] = {}


def item_check(code: str):
    def register(fn: ItemCheck) -> ItemCheck:
        ITEM_CHECKS[code] = fn
        return fn

    return register


def corpus_check(code: str):
    def register(fn: CorpusCheck) -> CorpusCheck:
        CORPUS_CHECKS[code] = fn
        return fn

    return register


def run_item_checks(item: Item, ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for check in ITEM_CHECKS.values():
        out.extend(check(item, ctx))
    return out


# Corpus checks that compare an item with the others; the rest look only at the items being checked.
NEEDS_OTHER_ITEMS = {"M12"}


def run_corpus_checks(items: list[Item], ctx: Context, others: list[Item] | None = None) -> list[Finding]:
    """``others``: items not being checked that cross-item rules compare with (a change check's context)."""
    out: list[Finding] = []
    for code, check in CORPUS_CHECKS.items():
        out.extend(check(items + others if others and code in NEEDS_OTHER_ITEMS else items, ctx))
    return out
