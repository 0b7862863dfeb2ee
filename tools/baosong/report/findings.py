"""Findings: the one shape every problem takes, whoever finds it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .severity import ERROR


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int | None
    severity: str
    code: str
    field: str | None
    message: str

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def sort_key(f: Finding):
    return (f.path, f.line or 0, f.code, f.field or "", f.message)


def make(
    code: str,
    path: str,
    line: int | None = None,
    field: str | None = None,
    variant: str = "default",
    severity: str | None = None,
    **values,
) -> Finding:
    """Build a finding from the catalogue's template for ``code`` (and ``variant``)."""
    from .catalogue import CATALOGUE

    entry = CATALOGUE[code]
    template = entry.messages[variant]
    message = template.format(field=field, line=line, **values)
    return Finding(path, line, severity or entry.severity, code, field, message)
