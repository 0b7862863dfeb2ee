"""Generated pages: every builder yields pages made from the repository, never from raw files.

A builder is registered with ``@page_builder`` and called once per build with a ``SiteContext``.
Content is Markdown produced by our own Jinja templates (``render``): every value that came from a
reporter or the office is escaped by the template engine, so a builder never concatenates HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass
class GeneratedPage:
    uri: str  # source path in the virtual docs tree, e.g. "tongbao/2026Q3.md"
    title: str
    content: str  # Markdown (may hold block HTML rendered by our templates)
    nav_section: str | None = None  # listed in this nav section, or None (reachable by links only)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class SiteContext:
    repo: Any  # baosong.repository.Repository
    config: Any = None  # mkdocs config (None outside a build)
    extra: dict[str, Any] = field(default_factory=dict)  # shared, computed-once data between builders

    def render(self, template: str, **values) -> str:
        return environment().get_template(template).render(ctx=self, **values)


Builder = Callable[[SiteContext], Iterable[GeneratedPage]]
PAGE_BUILDERS: list[Builder] = []


def page_builder(fn: Builder) -> Builder:
    PAGE_BUILDERS.append(fn)
    return fn


def in_build_process(fn: Builder) -> Builder:
    """Run this builder in the build process: its pages cost less to make than to send back from a worker."""
    fn.baosong_local = True
    return fn


def is_local(fn: Builder) -> bool:
    return getattr(fn, "baosong_local", False)


_ENV: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            autoescape=True,  # every template escapes: reporters' text is never markup
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        from ..urls import link

        _ENV.globals["link"] = link
    return _ENV
