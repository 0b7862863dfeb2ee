"""S08: raw HTML, scripts, event-handler attributes, forbidden link schemes and external images.

Bodies are rendered with exactly the site's Markdown (``baosong.markdown_setup.make_markdown``) in one
worker process with a time limit per body (pathological Markdown can take minutes); a body that
runs out of time is an S08 finding and the worker is replaced. Bodies without any of ``< { [ &``
(once provably harmless markup such as ``[text](https://…)`` is set aside) cannot produce HTML, links,
images or attributes and are not sent at all, so typical items cost nothing and most runs start no worker.
"""

from __future__ import annotations

import re

from ..findings import make
from ..items import Item
from ..rules import OFF
from . import Context, corpus_check
from .sensitive import severity_of

TRIGGERS = re.compile(r"[<{\[&]")
# Markup that cannot be wrong whatever surrounds it, taken out before looking for triggers: a link with plain text to
# an http(s)/mailto address or a relative path (not //host, no scheme); an image with a plain relative path; an
# ``<https://…>`` autolink; a footnote mark; a task-list box; a ``<`` that cannot open a tag (``<5℃``); an ``&`` that
# is not an entity (``R&D``). A body with no trigger left cannot
# produce HTML, attributes, a bad link or an external image, so it is not rendered.
_TEXT = r"\[[^\[\]<>{}&\\\n]{0,200}\]"
_RELATIVE = r"(?![/\\])[^\s():<>{}&\\\"']+"
HARMLESS = re.compile(
    rf"(?<![!\\]){_TEXT}\((?:(?:https?://|mailto:)[^\s()<>{{}}\\\"']*|{_RELATIVE})\)"  # [text](https://…)
    rf"|(?<!\\)!{_TEXT}\({_RELATIVE}\)(?!\s*\{{)"  # ![alt](images/a.png)
    r"|<https?://[^\s<>\"'\\]+>"  # <https://…>
    r"|\[\^[^\s\[\]<>{}&\\]{1,40}\]"  # footnote [^1]
    r"|(?m:^[ \t]*[-*+][ \t]+\[[ xX]\](?=[ \t]))"  # task list - [x]
    r"|<(?![A-Za-z/!?])"  # a lone <
    r"|&(?!#?\w+;)"  # a lone &
)
TIMEOUT_DETAIL = (
    "正文的 Markdown 结构过于复杂，{seconds:g} 秒内没有排版完成（常见原因：成千上万个未配对的 [ 、` 或 < 符号）："
    "请删掉多余的符号，把正文改成普通段落"
)
ERROR_DETAIL = "正文无法按网站格式排版：请检查是否有异常的符号或过深的列表、引用嵌套"


def needs_render(body: str) -> bool:
    if TRIGGERS.search(body) is None:
        return False
    return TRIGGERS.search(HARMLESS.sub("", body)) is not None


def line_of(item: Item, needle: str) -> int:
    """The file line where ``needle`` first occurs in the body (case-insensitive), else the first suspicious line."""
    body = item.body
    lowered = body.lower()
    at = lowered.find(needle.lower()) if needle else -1
    if at < 0:
        m = TRIGGERS.search(body)
        at = m.start() if m else 0
    return item.body_line + body.count("\n", 0, at)


def audit_items(items: list[Item], ctx: Context, time_limit: float | None = None):
    severity = severity_of("S08", ctx)
    if severity == OFF:
        return
    todo = [item for item in items if item.body and needs_render(item.body)]
    if not todo:
        return
    from ..scan.render import TIME_LIMIT, Renderer  # only when some body needs rendering

    time_limit = time_limit or TIME_LIMIT
    with Renderer(time_limit) as renderer:
        for item in todo:
            result = renderer.audit(item.body)
            if result.timed_out:
                yield make(
                    "S08",
                    item.path,
                    item.body_line,
                    severity=severity,
                    detail=TIMEOUT_DETAIL.format(seconds=time_limit),
                )
            elif result.error:
                yield make("S08", item.path, item.body_line, severity=severity, detail=ERROR_DETAIL)
            for problem in result.problems:
                yield make(
                    "S08", item.path, line_of(item, problem["needle"]), severity=severity, detail=problem["detail"]
                )


# Markup in a front-matter value: the site escapes it, but nobody writes <tags> into a title by accident.
_FIELD_MARKUP = re.compile(r"<\s*[A-Za-z/!?]|javascript\s*:|&#?[A-Za-z0-9]+;", re.IGNORECASE)
MARKUP_FIELDS = ("title", "tags", "follows", "request")


def audit_fields(item: Item, severity: str):
    for key in MARKUP_FIELDS:
        value = item.meta.get(key)
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and _FIELD_MARKUP.search(v) for v in values):
            detail = f"“{key}”里有 HTML 标签、字符实体或脚本链接：信息栏只能写文字，请删除尖括号等标记"
            yield make("S08", item.path, item.line(key), key, severity=severity, detail=detail)


@corpus_check("S08")
def s08_html(items: list[Item], ctx: Context):
    severity = severity_of("S08", ctx)
    if severity != OFF:
        for item in items:
            yield from audit_fields(item, severity)
    yield from audit_items(items, ctx)
