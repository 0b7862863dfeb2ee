"""The render worker: bodies rendered with the site's Markdown under limits, and what must not be published.

Run as ``python -m baosong.scan.html_worker``. It reads one JSON line ``{"body": ..., "cpu": seconds}``
at a time and answers one JSON line ``{"html": ..., "problems": [{"detail", "needle", "at"?}]}`` or
``{"failure": "time"|"depth"|"memory"|"error"}`` (limits.py: CPU time, recursion, memory). The HTML is
what the site publishes (the build does not render item bodies again). The parent kills a worker that
overruns the wall-clock backstop or dies, and starts a new one.
Rendering uses exactly ``make_markdown()``; raw HTML is recognised by watching Python-Markdown's two
raw-HTML processors (block and inline), which leaves the output unchanged.
"""

from __future__ import annotations

import html
import json
import re
import sys
from html.parser import HTMLParser

from .limits import OutOfTime, apply_process_limits, cpu_limit, cpu_seconds

# Tags the site's extensions generate. Anything else in the output came from somewhere it should not.
GENERATED_TAGS = frozenset(
    [
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "a",
        "img",
        "em",
        "strong",
        "code",
        "pre",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "div",
        "span",
        "sup",
        "sub",
        "del",
        "ins",
        "mark",
        "abbr",
        "dl",
        "dt",
        "dd",
        "details",
        "summary",
        "input",
        "label",
        "small",
        "s",
    ]
)
URL_ATTRS = frozenset({"href", "src", "cite", "action", "formaction", "poster", "background", "xlink:href", "data"})
FORBIDDEN_ATTRS = frozenset(
    {"srcdoc", "srcset", "ping", "dynsrc", "lowsrc", "codebase", "form", "formaction", "action"}
)
SAFE_STYLE = re.compile(r"^\s*text-align:\s*(?:left|right|center);?\s*$")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
BRACED_HANDLER = re.compile(r"\{[^{}\n]*?\b(on[a-z]+)\s*=", re.I)
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def url_problem(url: str, image: bool) -> str | None:
    """Why ``url`` may not be used as a link (or an image), or None."""
    value = url
    for _ in range(3):  # entity-encoded schemes (&#106;avascript:) count as what they decode to
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    value = INVISIBLE.sub("", value).lower()  # browsers drop tabs/newlines inside a scheme
    shown = _short(url, 60)
    if value.startswith(("//", "\\\\", "/\\", "\\/")):
        return f"地址“{shown}”以 // 开头，会指向外部网站：链接请写完整的 https:// 地址，图片只能引用仓库里的文件"
    m = SCHEME.match(value)
    if image:
        if m:
            return f"图片“{shown}”不是仓库里的图片：图片只能用相对路径引用本单位文件夹里的文件，不能引用外部网址"
        if value.startswith("/"):
            return f"图片“{shown}”用了绝对路径：请把图片和信息放在同一个文件夹，只写文件名（例如 2026-11-25-照片.jpg）"
        return None
    if m and m.group(1) not in LINK_SCHEMES:
        return f"链接“{shown}”用了不允许的协议“{m.group(1)}:”：链接只能是 http、https、mailto 或相对路径"
    return None


RESERVED_PREFIXES = ("bs-", "md-")  # the site's own class and id names (site/sanitize.py strips them too)
BRACES = re.compile(r"\{[^{}\n]*\}")
RESERVED_IN_BRACES = re.compile(r"(?<![\w-])([.#])((?:bs|md)-[\w-]*)", re.I)


def reserved_name(token: str) -> bool:
    return token.lower().startswith(RESERVED_PREFIXES)


class OutputAudit(HTMLParser):
    """Walks the rendered HTML and collects problems: ``{"detail", "needle"}`` where ``needle`` is text
    to look for in the body (the parent finds the line: ``checks.html.Locator``)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[dict] = []

    def add(self, detail: str, needle: str, at: int | None = None):
        problem = {"detail": detail, "needle": needle}
        if at is not None:
            problem["at"] = at
        self.problems.append(problem)

    def handle_starttag(self, tag, attrs):
        if tag not in GENERATED_TAGS:
            self.add(f"正文里出现了 <{tag}> 标签：正文只能用 Markdown，请删除", f"<{tag}")
        for name, value in attrs:
            self.attribute(tag, name, value or "")

    handle_startendtag = handle_starttag

    def attribute(self, tag: str, name: str, value: str):
        if name.startswith("on"):
            self.add(f"“{name}”是网页事件属性，会执行脚本（多见于 {{ {name}=... }} 写法）：请删除", name)
        elif name == "style" and not SAFE_STYLE.match(value):
            self.add("不能用 { style=... } 设置样式：请删除", "style")
        elif name in FORBIDDEN_ATTRS:
            self.add(f"不能设置属性“{name}”：请删除", name)
        elif name == "class":
            for token in value.split():
                if reserved_name(token):
                    self.add(RESERVED_DETAIL.format(name=token), token)
        if name in URL_ATTRS:
            problem = url_problem(value, image=(tag == "img" and name == "src"))
            if problem:
                self.add(problem, value)


RESERVED_DETAIL = "“{name}”是网站自己的样式名（bs-、md- 开头的名字留给网站用），正文不能用：请删除"


def make_watched_markdown():
    """``make_markdown()`` plus a record of every piece of raw HTML its processors set aside."""
    from baosong.scan.markdown_setup import make_markdown

    md = make_markdown()
    raw: list[str] = []
    block = md.preprocessors["html_block"]
    block_run = block.run

    def run(lines):
        before = len(md.htmlStash.rawHtmlBlocks)
        out = block_run(lines)
        raw.extend(str(x) for x in md.htmlStash.rawHtmlBlocks[before:])
        return out

    block.run = run
    inline = md.inlinePatterns["html"]
    inline_match = inline.handleMatch

    def handle_match(m, data):
        raw.append(m.group(1))
        return inline_match(m, data)

    inline.handleMatch = handle_match
    return md, raw


def audit(md, raw: list[str], body: str) -> tuple[str, list[dict]]:
    """(the body's HTML as the site renders it, the problems in it)."""
    raw.clear()
    md.reset()
    output = md.convert(body)
    problems: list[dict] = []
    opening = [c.strip() for c in raw if c.strip() and not c.strip().startswith("</")]
    for chunk in opening or raw:
        snippet = chunk.strip()
        if not snippet:
            continue
        needle = snippet.splitlines()[0][:60]
        if re.match(r"<\s*script", snippet, re.I):
            problems.append({"detail": "正文里有脚本 <script>：正文只能用 Markdown，请删除", "needle": needle})
        else:
            detail = f"正文里有 HTML 代码“{_short(snippet, 40)}”：正文只能用 Markdown，请删除 HTML 标签"
            problems.append({"detail": detail, "needle": needle})
    parser = OutputAudit()
    parser.feed(output)
    parser.close()
    found = parser.problems
    # An event handler written in braces is refused even where attr_list does not apply it.
    applied = {p["needle"] for p in found}
    for m in BRACED_HANDLER.finditer(body):
        if m.group(1) not in applied:
            detail = f"“{m.group(1)}”是网页事件属性，会执行脚本（{{ {m.group(1)}=... }} 写法）：请删除"
            parser.add(detail, m.group(1), m.start(1))
    # ids (and classes attr_list did not apply) in the site's own namespaces, written in braces
    for braces in BRACES.finditer(body):
        for m in RESERVED_IN_BRACES.finditer(braces.group()):
            if m.group(1) == "#" or m.group(2) not in applied:
                parser.add(RESERVED_DETAIL.format(name=m.group(2)), m.group(2), braces.start() + m.start(2))
    # Raw HTML is already reported as such; the output audit adds what Markdown itself produced.
    problems.extend(p for p in found if not (raw and p["detail"].startswith("正文里出现了 <")))
    return output, problems


def answer(md, raw: list[str], body: str, cpu: float) -> dict:
    """One body's answer: ``{"html", "problems"}``, or ``{"failure": "time"|"depth"|"memory"|"error"}``."""
    try:
        with cpu_limit(cpu):
            output, problems = audit(md, raw, body)
        return {"html": output, "problems": problems}
    except OutOfTime:
        return {"failure": "time"}
    except RecursionError:
        return {"failure": "depth"}
    except MemoryError:
        return {"failure": "memory"}
    except Exception as exc:  # a body that breaks the renderer is a finding, not a crash
        return {"failure": "error", "error": type(exc).__name__}


def main() -> int:
    apply_process_limits()
    md, raw = make_watched_markdown()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    for line in stdin:
        request = json.loads(line)
        body = request["body"]
        result = answer(md, raw, body, float(request.get("cpu") or cpu_seconds(body)))
        if "failure" in result:
            md, raw = make_watched_markdown()  # its state may be half-way through the failed body
        stdout.write(json.dumps(result, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n")
        stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
