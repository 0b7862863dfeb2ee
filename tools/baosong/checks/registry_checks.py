"""U02 and U03: the registry itself (U01 comes from loading units.yaml)."""

from __future__ import annotations

from datetime import date

from ..report.findings import Finding, make
from ..township.registry import UNITS_FILE, Registry


def u02_no_active_reporter(registry: Registry, today: date) -> list[Finding]:
    return [
        make("U02", UNITS_FILE, None, unit=unit.name)
        for unit in registry.units.values()
        if not unit.reporters_on(today)
    ]


def u03_git_in_two_units(registry: Registry) -> list[Finding]:
    """One git account registered in two units with overlapping terms."""
    seen: dict[str, list[tuple[str, object]]] = {}
    for unit in registry.units.values():
        for person in unit.reporters + unit.reviewers:
            if person.git:
                seen.setdefault(person.git, []).append((unit.id, person))
    out = []
    for git, entries in seen.items():
        clash = sorted({a[0] for a in entries for b in entries if a[0] != b[0] and a[1].overlaps(b[1])})
        if clash:
            names = "、".join(registry.units[u].name for u in clash)
            out.append(make("U03", UNITS_FILE, None, variant="git", value=git, units=names))
    return out


def registry_findings(registry: Registry, today: date) -> list[Finding]:
    return u02_no_active_reporter(registry, today) + u03_git_in_two_units(registry)
