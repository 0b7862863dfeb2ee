"""C01–C06: rules about a change (a pull request, a push), one small function per code.

They look at what the change did to each path (``history.FileChange``), at the items the change leaves
(read by the strict reader) and at who acts. "On the base branch" means: the base side of the change has
the file (see ``history``). Only item files (``submissions/**.md``) are "items"; attachments count as the
unit's files for C04.

Authority by role (issue 14), read from the base registry: a reporter may touch only the folders of the
units they report for today (C04 for another unit's folder, C06 for anything outside every unit folder);
an office reviewer may touch anything, and files outside submissions/ get C03 (office review). An unknown
actor: C03 in ``validate`` (with a note), C06 on everything in the pre-receive hook (fails closed).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..report.findings import Finding, make
from ..township.items import ITEM_SUFFIX, SUBMISSIONS, Item
from ..township.registry import Registry
from .history import ADDED, DELETED, EDITED, RENAMED, FileChange


@dataclass
class ChangeContext:
    registry: Registry
    today: date
    actor: str | None  # None: unknown, C04 is not applied (the report says so)
    items: dict[str, Item] = field(default_factory=dict)  # path → item as the change leaves it
    strict: bool = False  # an unknown actor may change nothing (the pre-receive hook fails closed)


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


def same_account(a: str | None, b: str | None) -> bool:
    """Forge accounts compare without case (Gitea, GitHub and GitLab logins are case-insensitive)."""
    return bool(a) and bool(b) and a.lstrip("@").casefold() == b.lstrip("@").casefold()


def is_office(ctx: ChangeContext) -> bool:
    """The actor is an office reviewer active today (by the base registry)."""
    return any(same_account(p.git, ctx.actor) and p.active_on(ctx.today) for p in ctx.registry.office.reviewers)


def own_units(ctx: ChangeContext) -> set[str]:
    """The units whose active reporters include the actor today (by the base registry)."""
    return {
        u.id
        for u in ctx.registry.units.values()
        if any(same_account(p.git, ctx.actor) for p in u.reporters_on(ctx.today))
    }


def touched_paths(changes: Iterable[FileChange]) -> Iterator[tuple[FileChange, str]]:
    """Every path a change touches: both sides of a rename, deleted paths too."""
    for c in changes:
        for path in dict.fromkeys(p for p in (c.old_path, c.path) if p):
            yield c, path


def office_names(ctx: ChangeContext) -> str:
    people = [p for p in ctx.registry.office.reviewers if p.active_on(ctx.today)]
    names = "、".join(f"{p.name}（{p.git}）" if p.git else p.name for p in people)
    return f"党政办审核人（{names}）" if names else "党政办审核人"


def c03_outside_submissions(changes: Iterable[FileChange], ctx: ChangeContext) -> Iterator[Finding]:
    """Office reviewers (and, outside the hook, an unknown actor) touching files outside a unit folder: review."""
    if not (is_office(ctx) or (not ctx.actor and not ctx.strict)):
        return
    for _, path in touched_paths(changes):
        if not in_submissions(path):
            yield make("C03", path)


def c04_actor_not_reporter(changes: Iterable[FileChange], ctx: ChangeContext) -> Iterator[Finding]:
    """A registered unit's folder that is not the actor's own: its items, attachments, deletions, renames."""
    if not ctx.actor or is_office(ctx):
        return
    mine = own_units(ctx)
    for c, path in touched_paths(changes):
        unit = ctx.registry.units.get(unit_of(path))
        if unit is None or unit.id in mine:
            continue  # outside every unit folder: C06
        item = ctx.items.get(path) if path == c.path else None
        who = "、".join(p.name for p in unit.reporters_on(ctx.today)) or "暂无在任信息员"
        yield make(
            "C04",
            path,
            item.line("unit") if item else None,
            actor=ctx.actor,
            unit=unit.name,
            who=who,
            office=office_names(ctx),
        )


def c06_not_allowed(changes: Iterable[FileChange], ctx: ChangeContext) -> Iterator[Finding]:
    """Anything outside every registered unit folder, by a known actor who is not an office reviewer;
    anything at all by an unknown actor where unknown must fail closed (the pre-receive hook)."""
    if not ctx.actor:
        if ctx.strict:
            for _, path in touched_paths(changes):
                yield make("C06", path, variant="unknown", office=office_names(ctx))
        return
    if is_office(ctx):
        return
    for _, path in touched_paths(changes):
        if unit_of(path) not in ctx.registry.units:
            yield make("C06", path, actor=ctx.actor, office=office_names(ctx))


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
    "C06": c06_not_allowed,
}


def run_change_checks(changes: list[FileChange], ctx: ChangeContext) -> list[Finding]:
    out: list[Finding] = []
    for check in CHANGE_CHECKS.values():
        out.extend(check(changes, ctx))
    return out
