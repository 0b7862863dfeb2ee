"""The allow-list every published item body goes through (nh3), keeping Material's markup.

Item bodies are rendered by MkDocs with the shared extensions, then cleaned here. Only the page's
content is cleaned, never a whole Material page. What survives: text markup, tables, footnotes,
admonitions, ``details``, tabbed sets, highlighted code, task lists and headings with permalinks.
What does not: scripts, styles, forms, frames, event handlers, ``style``, ``data-*``, links with a
scheme other than http/https/mailto, images that are not relative, and ids or classes that would
collide with Material's own (``__search``, ``md-…``, any ``__…``) or the site's (``bs-…``) and so let a
body steer the theme, the search script or the item panel (a fake adoption badge).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

from ..scan.chars import TEXT_DIRECTION, TEXT_DIRECTION_REF

# bdo and dir= turn text around (<bdo dir="rtl">), so that a reader sees what the reporter did not appear to write
_BASE_TAGS = set(nh3.ALLOWED_TAGS) - {
    "area",
    "map",
    "center",
    "nav",
    "header",
    "footer",
    "acronym",
    "strike",
    "tt",
    "bdo",
}
TAGS = _BASE_TAGS | {"input", "label", "tfoot"}
_GLOBAL = {"id", "class", "title", "lang"}
ATTRIBUTES: dict[str, set[str]] = {tag: set(_GLOBAL) for tag in TAGS}
for _tag, _attrs in nh3.ALLOWED_ATTRIBUTES.items():
    if _tag in ATTRIBUTES:
        ATTRIBUTES[_tag] |= set(_attrs) - {"dir"}
ATTRIBUTES["details"] |= {"open"}
ATTRIBUTES["input"] |= {"type", "name", "checked", "disabled"}
ATTRIBUTES["label"] |= {"for"}
ATTRIBUTES["a"] |= {"href"}
ATTRIBUTES["img"] |= {"src", "alt", "width", "height"}
ATTRIBUTES["th"] |= {"style"}  # tables' column alignment (style="text-align: …"), filtered below
ATTRIBUTES["td"] |= {"style"}

URL_SCHEMES = {"http", "https", "mailto"}
# The only ids a body may carry that start with "__": the radio buttons pymdownx.tabbed generates.
_TABBED_ID = re.compile(r"__tabbed_\d+_\d+")
_TABBED_NAME = re.compile(r"__tabbed_\d+")
_ALIGN = re.compile(r"text-align:\s*(left|right|center);?")
_RESERVED_IDS = {"__search", "__drawer", "__toc", "__consent", "search", "toc", "drawer"}
INPUT_TYPES = {"checkbox", "radio"}


def reserved_token(token: str) -> bool:
    """An id or class that belongs to the theme or the site: ``md-…``, ``bs-…``, ``__…``, ``data-md-…``."""
    low = token.lower()
    return low.startswith(("md-", "md_", "bs-", "bs_", "__", "data-md")) or low in _RESERVED_IDS


def _id_filter(tag: str, value: str) -> str | None:
    if tag == "input" and _TABBED_ID.fullmatch(value):
        return value
    return None if reserved_token(value) else value


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        return _id_filter(tag, value)
    if attr == "for":
        return value if _TABBED_ID.fullmatch(value) else _id_filter(tag, value)
    if attr == "name":
        return value if tag == "input" and _TABBED_NAME.fullmatch(value) else None
    if attr == "class":
        kept = [t for t in value.split() if not reserved_token(t)]
        return " ".join(kept) or None
    if attr == "type" and tag == "input":
        return value if value.lower() in INPUT_TYPES else None
    if attr == "style":
        m = _ALIGN.fullmatch(value.strip())
        return f"text-align: {m.group(1)}" if m else None
    if tag == "img" and attr == "src":
        return value if relative_url(value) else None
    if tag == "a" and attr == "href" and value.startswith("#") and reserved_token(value[1:]):
        return None  # a permalink to an id we dropped would open the theme's search or drawer
    return value


def relative_url(value: str) -> bool:
    """A link into the site itself: no scheme, no host (``//host``), no backslash tricks."""
    v = value.strip()
    if not v or "\\" in v or v.startswith("//"):
        return False
    try:
        parts = urlsplit(v)
    except ValueError:
        return False
    return not parts.scheme and not parts.netloc


# Elements removed together with everything inside them (their text is never content).
DROP_WITH_CONTENT = frozenset(
    {"script", "style", "template", "iframe", "object", "noscript", "textarea", "select", "title"}
)


def clean(html: str) -> str:
    """The item body HTML with everything outside the allow-list removed, and the characters that turn text
    around (``scan.chars.TEXT_DIRECTION``, raw or as references): validate refuses them (S08), the site never
    shows them whatever got through."""
    return without_direction(
        nh3.clean(
            html,
            tags=TAGS,
            clean_content_tags=DROP_WITH_CONTENT | {"svg", "math"},
            attributes=ATTRIBUTES,
            attribute_filter=_attribute_filter,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
            strip_comments=True,
        )
    )


def without_direction(text: str) -> str:
    """``text`` without bidi embeddings, overrides and isolates (``chars.TEXT_DIRECTION``), raw or as references."""
    if "&#" in text:
        text = TEXT_DIRECTION_REF.sub("", text)
    return text.translate(_NO_DIRECTION)


_NO_DIRECTION = dict.fromkeys(map(ord, TEXT_DIRECTION))


def plain(text: str) -> str:
    """A title safe to hand to the theme, which prints some values without escaping (``striptags`` unescapes).

    HTML's special characters become their full-width twins, so no value can open a tag or an entity.
    """
    return text.translate(_FULLWIDTH)


_FULLWIDTH = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "`": "｀", "\\": "＼"})


# Our own generated pages (listings, home, statistics) are built from escaped templates; they are still
# cleaned, with a wider list (theme classes, inline SVG charts, styles), so that no template mistake and
# no office-typed value can run a script or leave the site.
_SVG_TAGS = {
    "svg",
    "g",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "defs",
    "desc",
    "lineargradient",
    "stop",
    "clippath",
    "use",
}
_SVG_ATTRS = {
    "viewbox",
    "xmlns",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "d",
    "points",
    "fill",
    "stroke",
    "stroke-width",
    "transform",
    "text-anchor",
    "font-size",
    "opacity",
    "fill-opacity",
    "stroke-dasharray",
    "offset",
    "stop-color",
    "dominant-baseline",
    "preserveaspectratio",
    "viewBox",
    "preserveAspectRatio",
    "clip-path",
}
TRUSTED_TAGS = TAGS | {"nav", "section", "header", "footer", "caption", "figure", "figcaption"} | _SVG_TAGS
TRUSTED_ATTRIBUTES: dict[str, set[str]] = {
    tag: set(ATTRIBUTES.get(tag, _GLOBAL)) | {"style", "aria-label", "role"} for tag in TRUSTED_TAGS
}
for _tag in _SVG_TAGS:
    TRUSTED_ATTRIBUTES[_tag] |= _SVG_ATTRS


def _trusted_filter(tag: str, attr: str, value: str) -> str | None:
    if attr in ("href", "src") and value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
        return None
    if attr == "style" and ("url(" in value.lower() or "expression" in value.lower()):
        return None
    return value


def clean_trusted(html: str) -> str:
    """A generated (non-item) page's content, keeping our classes, ids and inline charts."""
    return nh3.clean(
        html,
        tags=TRUSTED_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=TRUSTED_ATTRIBUTES,
        attribute_filter=_trusted_filter,
        generic_attribute_prefixes={"data-"},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
