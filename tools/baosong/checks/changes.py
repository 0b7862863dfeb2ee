"""C01–C05: rules about a change (a pull request, a push), one small function per code.

They look at what the change did to each path (``history.FileChange``), at the items the change leaves
(read by the strict reader) and at who acts. "On the base branch" means: the base side of the change has
the file (see ``history``). Only item files (``submissions/**.md``) are "items"; attachments count as the
unit's files for C04.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..findings import Finding, make
from ..history import ADDED, DELETED, EDITED, RENAMED, FileChange
from ..items import ITEM_SUFFIX, SUBMISSIONS, Item
from ..registry import Registry


@dataclass
class ChangeContext:
    registry: Registry
    today: date
    actor: str | None  # None: unknown, C04 is not applied (the report says so)
    items: dict[str, Item] = field(default_factory=dict)  # path → item as the change leaves it


def in_submissions(path: str) -> bool:
    return path.startswith(SUBMISSIONS + "/")


def is_item(path: str | None) -> bool:
    return bool(path) and in_submissions(path) and path.lower().endswith(ITEM_SUFFIX)


def unit_of(path: str) -> str:
    parts = path.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == SUBMISSIONS else ""


def newly_added(c: FileChange) -> bool:
    """A file the base side does not have as an item: added, or renamed from something that was not an item."""
    return c.status == ADDED or (c.status == RENAMED and not is_item(c.old_path))


def c01_edits_merged(changes: Iterable[FileChange], ctx: ChangeContext) -> Iterator[Finding]:
    for c in changes:
        if c.status == EDITED and is_item(c.path):
            yield make("C01", c.path)


def c02_deletes_or_renames(changes: Iterable[FileChange], ctx: ChangeContext) -> Iterator[Finding]:
    for c in changes:
        if c.status == DELETED and is_item(c.path):
            yield make("C02", c.path, variant="deleted")
        elif c.status == RENAMED and is_item(c.old_path):
            yield make("C02", c.old_path, variant="renamed", new=c.path)


def c03_outside_submissions(changes: Iterable[FileChange], ctx: ChangeContext) -> Iterator[Finding]:
    for c in changes:
        for path in dict.fromkeys(p for p in (c.old_path, c.path) if p):
            if not in_submissions(path):
                yield make("C03", path)


def same_account(a: str | None, b: str | None) -> bool:
    """Forge accounts compare without case (Gitea, GitHub and GitLab logins are case-insensitive)."""
    return bool(a) and bool(b) and a.lstrip("@").casefold() == b.lstrip("@").casefold()


def c04_actor_not_reporter(changes: Iterable[FileChange], ctx: ChangeContext) -> Iterator[Finding]:
    office = ctx.registry.office.reviewers
    if not ctx.actor or any(same_account(p.git, ctx.actor) and p.active_on(ctx.today) for p in office):
        return
    for c in changes:
        if c.status == DELETED or not in_submissions(c.path):
            continue
        unit = ctx.registry.units.get(unit_of(c.path))
        if unit is None:
            continue  # an unknown folder is M05's finding
        if any(same_account(p.git, ctx.actor) for p in unit.reporters_on(ctx.today)):
            continue
        item = ctx.items.get(c.path)
        yield make("C04", c.path, item.line("unit") if item else None, actor=ctx.actor, unit=unit.name)


def c05_back_dated(changes: Iterable[FileChange], ctx: ChangeContext) -> Iterator[Finding]:
    yesterday = ctx.today - timedelta(days=1)
    for c in changes:
        item = ctx.items.get(c.path)
        if item is None or not newly_added(c) or item.date is None:
            continue
        if item.date < yesterday:  # a date after today is M09's finding
            yield make("C05", c.path, item.line("date"), "date", value=item.text("date"), today=ctx.today.isoformat())


CHANGE_CHECKS = {
    "C01": c01_edits_merged,
    "C02": c02_deletes_or_renames,
    "C03": c03_outside_submissions,
    "C04": c04_actor_not_reporter,
    "C05": c05_back_dated,
}


def run_change_checks(changes: list[FileChange], ctx: ChangeContext) -> list[Finding]:
    out: list[Finding] = []
    for check in CHANGE_CHECKS.values():
        out.extend(check(changes, ctx))
    return out
