"""Cleaning a 填报 page: the generated-page allow-list plus form controls, and its JSON data kept inert.

Every generated page goes through ``sanitize.clean_trusted``, which drops scripts, selects and textareas.
A 填报 page needs its controls, and its data as ``<script type="application/json">`` (never executed, and
written by ``data.script_json`` without ``<``, so it cannot close its element). The data blocks are taken
out before nh3 runs, only when they have exactly that shape and one of ``DATA_IDS``, and put back after.
"""

from __future__ import annotations

import re

import nh3

from .. import sanitize

DATA_IDS = ("bs-form-data", "bs-scan-data")
_DATA = re.compile(r'<script type="application/json" id="(' + "|".join(DATA_IDS) + r')">([^<]*)</script>')
CONTROLS = {"select", "option", "optgroup", "textarea", "button", "output", "fieldset", "legend"}
_CONTROL_ATTRS = {
    "name",
    "value",
    "type",
    "for",
    "min",
    "max",
    "maxlength",
    "placeholder",
    "rows",
    "required",
    "selected",
    "disabled",
    "hidden",
    "readonly",
    "autocomplete",
    "aria-live",
    "aria-describedby",
    "spellcheck",
    "inputmode",
}
INPUT_TYPES = {"text", "date", "checkbox", "radio"}
TAGS = sanitize.TRUSTED_TAGS | CONTROLS
ATTRIBUTES = {tag: set(sanitize.TRUSTED_ATTRIBUTES.get(tag, {"id", "class"})) | _CONTROL_ATTRS for tag in TAGS}


def _filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "input" and attr == "type":
        return value if value.lower() in INPUT_TYPES else None
    return sanitize._trusted_filter(tag, attr, value)


def clean(html: str) -> str:
    """A 填报 page's content: allowed markup and controls only, then its JSON data blocks as they were."""
    data = [m.group(0) for m in _DATA.finditer(html)]
    rest = nh3.clean(
        _DATA.sub("", html),
        tags=TAGS,
        clean_content_tags=sanitize.DROP_WITH_CONTENT - CONTROLS,
        attributes=ATTRIBUTES,
        attribute_filter=_filter,
        generic_attribute_prefixes={"data-"},
        url_schemes=sanitize.URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return rest + "\n" + "\n".join(data)
