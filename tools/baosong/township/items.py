"""Item: one submission as the strict reader saw it. Every consumer takes items from the reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .dates import parse_date

REQUIRED = ("title", "unit", "reporter", "reviewed_by", "date", "event_date", "type", "category", "sensitivity")
OPTIONAL = ("tags", "follows", "request")
ALLOWED_KEYS = REQUIRED + OPTIONAL
LIST_KEYS = ("tags",)
SUBMISSIONS = "submissions"
ITEM_SUFFIX = ".md"
ATTACHMENT_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf")
MAX_ITEM_BYTES = 200 * 1024
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


@dataclass
class Item:
    path: str  # relative to the repository root, "/"-separated
    meta: dict  # key → str | list | dict exactly as read (all scalars are text)
    key_lines: dict[str, int]
    body: str
    body_line: int  # file line of the body's first line
    folder_unit: str = ""
    name_date: date | None = None
    extra: dict = field(default_factory=dict)  # room for later stages (e.g. git dates)

    @cached_property  # asked for hundreds of thousands of times by the site and the statistics
    def id(self) -> str:
        return item_id(self.path)

    def text(self, key: str) -> str | None:
        """A field's value when it is a non-empty single line of text, else None."""
        value = self.meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        return None

    def line(self, key: str) -> int | None:
        return self.key_lines.get(key)

    @cached_property
    def date(self) -> date | None:
        return parse_date(self.text("date"))

    @cached_property
    def event_date(self) -> date | None:
        return parse_date(self.text("event_date"))

    @cached_property  # the fields every listing and statistic asks for (meta is never changed after reading)
    def title(self) -> str:
        return self.text("title") or ""

    @cached_property
    def unit(self) -> str:
        return self.text("unit") or self.folder_unit

    @cached_property
    def type(self) -> str:
        return self.text("type") or ""

    @cached_property
    def category(self) -> str:
        return self.text("category") or ""

    @property
    def tags(self) -> list[str]:
        value = self.meta.get("tags")
        if isinstance(value, list):
            return [v.strip() for v in value if isinstance(v, str) and v.strip()]
        return []

    @property
    def follows(self) -> str | None:
        return self.text("follows")

    @property
    def request(self) -> str | None:
        return self.text("request")


def item_id(path: str) -> str:
    """``submissions/u/2026/2026-01-01-x.md`` → ``u/2026/2026-01-01-x``."""
    rel = path[len(SUBMISSIONS) + 1 :] if path.startswith(SUBMISSIONS + "/") else path
    return rel[: -len(ITEM_SUFFIX)] if rel.endswith(ITEM_SUFFIX) else rel


def item_path(item_id_: str) -> str:
    return f"{SUBMISSIONS}/{item_id_}{ITEM_SUFFIX}"
