"""S08's worker process: render bodies with the site's Markdown and report what must not be published.

Run as ``python -m baosong.scan.html_worker``. It reads one JSON line ``{"body": ...}`` at a time and
answers one JSON line ``{"problems": [{"detail": ..., "needle": ...}]}`` (or ``{"error": ...}``).
The parent kills it when a body takes too long (pathological Markdown) and starts a new one.
Rendering uses exactly ``make_markdown()``; raw HTML is recognised by watching Python-Markdown's two
raw-HTML processors (block and inline), which leaves the output unchanged.
"""

from __future__ import annotations

import html
import json
import re
import sys
from html.parser import HTMLParser

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
            return f"图片“{shown}”用了绝对路径：请改为相对路径（例如 images/照片.jpg）"
        return None
    if m and m.group(1) not in LINK_SCHEMES:
        return f"链接“{shown}”用了不允许的协议“{m.group(1)}:”：链接只能是 http、https、mailto 或相对路径"
    return None


class OutputAudit(HTMLParser):
    """Walks the rendered HTML and collects (detail, needle) pairs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[str, str]] = []

    def add(self, detail: str, needle: str):
        self.problems.append((detail, needle))

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
        if name in URL_ATTRS:
            problem = url_problem(value, image=(tag == "img" and name == "src"))
            if problem:
                self.add(problem, value[:40])


def make_watched_markdown():
    """``make_markdown()`` plus a record of every piece of raw HTML its processors set aside."""
    from baosong.markdown_setup import make_markdown

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


def audit(md, raw: list[str], body: str) -> list[dict]:
    raw.clear()
    md.reset()
    output = md.convert(body)
    problems: list[tuple[str, str]] = []
    opening = [c.strip() for c in raw if c.strip() and not c.strip().startswith("</")]
    for chunk in opening or raw:
        snippet = chunk.strip()
        if not snippet:
            continue
        if re.match(r"<\s*script", snippet, re.I):
            problems.append(("正文里有脚本 <script>：正文只能用 Markdown，请删除", snippet[:20]))
        else:
            problems.append(
                (f"正文里有 HTML 代码“{_short(snippet, 40)}”：正文只能用 Markdown，请删除 HTML 标签", snippet[:20])
            )
    parser = OutputAudit()
    parser.feed(output)
    parser.close()
    # An event handler written in braces is refused even where attr_list does not apply it.
    for m in BRACED_HANDLER.finditer(body):
        if not any(p[1] == m.group(1) for p in parser.problems):
            parser.add(f"“{m.group(1)}”是网页事件属性，会执行脚本（{{ {m.group(1)}=... }} 写法）：请删除", m.group(1))
    # Raw HTML is already reported as such; the output audit adds what Markdown itself produced.
    problems.extend(p for p in parser.problems if not (raw and p[0].startswith("正文里出现了 <")))
    seen, out = set(), []
    for detail, needle in problems:
        if detail not in seen:
            seen.add(detail)
            out.append({"detail": detail, "needle": needle})
    return out


def main() -> int:
    try:
        import resource

        limit = 1024 * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass
    sys.setrecursionlimit(5000)
    md, raw = make_watched_markdown()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    for line in stdin:
        try:
            body = json.loads(line)["body"]
            answer = {"problems": audit(md, raw, body)}
        except Exception as exc:  # a body that breaks the renderer is a finding, not a crash
            answer = {"error": type(exc).__name__}
            md, raw = make_watched_markdown()
        stdout.write(json.dumps(answer, ensure_ascii=True).encode() + b"\n")
        stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
