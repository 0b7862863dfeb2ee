"""M13: the template saved without being filled in ("还没有改模板里的示例文字").

The placeholders are read from the repository's own template (``site_config/templates/submission.md``,
the file the site's 新建报送 link and ``baosong new`` fill in), so an office that rewords its template needs
no code change: the placeholder title, unit, reporter and reviewer, each paragraph of the sample body, and
the file-name slug ``简短标题`` of the 新建报送 link.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..report.findings import make
from ..township import frontmatter, yamlstrict
from ..township.fieldwords import label
from ..township.items import Item
from ..township.template import _DEFAULT, load_template
from .registration import Context, corpus_check

PLACEHOLDER_SLUG = "简短标题"  # the 新建报送 link's file name (site/pages/forge.py)
PLACEHOLDER_KEYS = ("title", "unit", "reporter", "reviewed_by")
_MIN_PARAGRAPH = 8  # shorter sample lines ("正文") could be a reporter's own words


@cache
def _placeholders(text: str) -> tuple[dict[str, str], tuple[str, ...]]:
    parts = frontmatter.split(frontmatter.normalise_newlines(text))
    fields: dict[str, str] = {}
    if parts.front is not None:
        parsed = yamlstrict.parse("\n".join(parts.front))
        if parsed.root is not None and isinstance(parsed.root.value, dict):
            meta = parsed.root.plain()
            fields = {k: v.strip() for k, v in meta.items() if k in PLACEHOLDER_KEYS and isinstance(v, str)}
    paragraphs = tuple(p.strip() for p in parts.body.split("\n") if len(p.strip()) >= _MIN_PARAGRAPH)
    return fields, paragraphs


def placeholders(root: Path) -> tuple[dict[str, set[str]], tuple[str, ...]]:
    """(field → placeholder values, sample body lines) of the repository's template and the built-in one."""
    fields: dict[str, set[str]] = {}
    paragraphs: list[str] = []
    for text in (load_template(root), _DEFAULT):
        one, lines = _placeholders(text)
        for key, value in one.items():
            fields.setdefault(key, set()).add(value)
        paragraphs.extend(p for p in lines if p not in paragraphs)
    return fields, tuple(paragraphs)


@corpus_check("M13")  # a corpus check: the template is not part of the result cache's signature
def m13_untouched_template(items: list[Item], ctx: Context):
    fields, paragraphs = placeholders(ctx.root)
    for item in items:
        yield from _untouched(item, fields, paragraphs)


def _untouched(item: Item, fields: dict[str, set[str]], paragraphs: tuple[str, ...]):
    for key in PLACEHOLDER_KEYS:
        value = item.text(key)
        if value is not None and value in fields.get(key, ()):
            yield make("M13", item.path, item.line(key), key, variant="field", name=label(key), value=value)
    name = item.path.rsplit("/", 1)[-1]
    if item.name_date and name == f"{item.name_date.isoformat()}-{PLACEHOLDER_SLUG}.md":
        from ..write.new import slug_for

        title = item.text("title")
        own = title and title not in fields.get("title", ())
        new = f"{item.name_date.isoformat()}-{slug_for(title) if own else '会议名称或事情'}.md"
        yield make("M13", item.path, None, None, variant="slug", slug=PLACEHOLDER_SLUG, new=new)
    body_lines = item.body.split("\n")
    for paragraph in paragraphs:
        for offset, line in enumerate(body_lines):
            if paragraph in line:
                short = paragraph if len(paragraph) <= 24 else paragraph[:24] + "…"
                yield make("M13", item.path, item.body_line + offset, None, variant="body", text=short)
                break
