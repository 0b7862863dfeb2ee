"""M01–M10: each front-matter field on its own (M11/M12 need other items: see corpus.py)."""

from __future__ import annotations

import difflib
import re
import unicodedata

from ..report.findings import make
from ..township.dates import parse_date
from ..township.datewords import read_date
from ..township.fieldwords import FIELD_ZH, SENSITIVITY_ZH, simplified, split_tags
from ..township.items import ALLOWED_KEYS, LIST_KEYS, REQUIRED, Item
from ..township.repairs import quoted_item
from .registration import Context, item_check

# Examples for a missing field when the item itself offers none (names come from fieldwords.FIELD_ZH).
EXAMPLES = {
    "title": "勐往村召开第四季度安全生产工作会议",
    "unit": "mengwang",
    "reporter": "信息员姓名",
    "reviewed_by": "审核人姓名",
}
THEME_KEYS = {
    "template",
    "hide",
    "search",
    "status",
    "icon",
    "description",
    "title_prefix",
    "tags_extra",
    "comments",
    "social",
    "subtitle",
    "robots",
    "redirect",
    "canonical_url",
    "edit_url",
    "nav",
    "toc",
    "authors",
    "categories",
    "draft",
    "slug",
    "pin",
    "readtime",
    "links",
}
DATE_KEYS = ("date", "event_date")
TITLE_MIN, TITLE_MAX = 5, 60


def closest(value: str, allowed, cutoff: float = 0.34) -> str | None:
    """The allowed value a reporter most likely meant (substring first, then similarity)."""
    norm = unicodedata.normalize("NFKC", value).strip()
    for candidate in allowed:
        if candidate and (candidate in norm or norm in candidate):
            return candidate
    hits = difflib.get_close_matches(norm, list(allowed), n=1, cutoff=cutoff)
    return hits[0] if hits else None


def hint_for(value: str, allowed) -> str:
    """A suggestion for a value not in ``allowed``: traditional characters converted (OpenCC t2s) first."""
    plain = simplified(value)
    if plain != value and plain in allowed:
        return f"（“{value}”是繁体字，请写成简体“{plain}”，运行 baosong fix 可自动改正）"
    guess = closest(plain, allowed)
    return f"（您是不是想写“{guess}”？）" if guess else ""


@item_check("M04")
def m04_key_not_allowed(item: Item, ctx: Context):
    for key in item.meta:
        if key in ALLOWED_KEYS:
            continue
        if key in THEME_KEYS:
            hint = "（这是网站主题的设置，报送里不能使用）"
        else:
            guess = difflib.get_close_matches(str(key), ALLOWED_KEYS, n=1, cutoff=0.6)
            hint = f"（您是不是想写“{guess[0]}”？）" if guess else ""
        yield make("M04", item.path, item.line(key), str(key), hint=hint, allowed="、".join(ALLOWED_KEYS))


@item_check("M01")
def m01_required(item: Item, ctx: Context):
    """M01 points at the line where the key belongs: its own (empty) line, else the closing ``---``."""
    for key in REQUIRED:
        value = item.meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            label = FIELD_ZH[key]
            example, choices = example_for(item, ctx, key)
            line = item.line(key) or max(item.body_line - 1, 1)
            variant = "blank" if item.line(key) else "default"
            yield make("M01", item.path, line, key, variant=variant, label=label, example=example, choices=choices)


def example_for(item: Item, ctx: Context, key: str) -> tuple[str, str]:
    """(example value, choices in words) for a missing field, taken from the item itself where it can be."""
    day = item.date or item.name_date or ctx.today
    unit = ctx.registry.units.get(item.text("unit") or item.folder_unit) if ctx.registry else None
    if key == "title":
        return _title_from_body(item.body) or EXAMPLES["title"], ""
    if key == "unit":
        return (item.folder_unit or EXAMPLES["unit"]), ""
    if key in ("reporter", "reviewed_by"):
        people = [] if unit is None else unit.reporters if key == "reporter" else unit.reviewers
        names = [p.name for p in people if p.active_on(day)]
        if names:
            more = f"（{unit.name}在 {day} 在任的有：{'、'.join(names)}）" if len(names) > 1 else ""
            return names[0], more
        return EXAMPLES[key], ""
    if key == "date":
        return (item.name_date or day).isoformat(), ""
    if key == "event_date":
        return (item.date or item.name_date or day).isoformat(), "（事情发生的日期，不能晚于 date）"
    rules = ctx.rules
    if key == "type":
        words = [f"{t}（{_deadline(d)}）" for t, d in rules.types.items()]
        return _guess(item, rules.types) or next(iter(rules.types), "会议"), f"（可选：{'、'.join(words)}）"
    if key == "category":
        return _guess(item, rules.categories) or "其他", f"（可选：{'、'.join(rules.categories)}）"
    if key == "sensitivity":
        words = [f"{v}（{SENSITIVITY_ZH.get(v, v)}）" for v in rules.allowed_sensitivity]
        return rules.allowed_sensitivity[0], f"（可选：{'；'.join(words)}）"
    return EXAMPLES.get(key, ""), ""


def _deadline(days: int) -> str:
    return "当天报送" if days == 0 else f"{days} 日内报送"


def _guess(item: Item, allowed) -> str | None:
    text = item.title + item.body[:200]
    return next((v for v in allowed if v and v != "其他" and v in text), None)


def _title_from_body(body: str) -> str | None:
    for line in body.split("\n"):
        words = line.strip().lstrip("#>*- ").strip()
        if words:
            first = re.split(r"[。！？!?]", words)[0]
            first = re.sub(r"^\d{1,2}月\d{1,2}日[，,]?", "", first)  # the lead's date is no title
            return first[:TITLE_MAX] if len(first) >= TITLE_MIN else None
    return None


@item_check("M02")
def m02_format(item: Item, ctx: Context):
    for key, value in item.meta.items():
        if key not in ALLOWED_KEYS or value is None:
            continue
        line = item.line(key)
        if key in LIST_KEYS:
            if value == "":
                continue  # ``tags:`` left blank: optional, as ``follows:`` and ``request:`` are
            if not isinstance(value, list):
                words = split_tags(value) if isinstance(value, str) else []
                if words:
                    fixed = f"{key}: [{', '.join(quoted_item(w) for w in words)}]"
                    yield make("M02", item.path, line, key, variant="list_text", value=value.strip()[:40], fixed=fixed)
                else:
                    yield make("M02", item.path, line, key, variant="list")
            elif not all(isinstance(v, str) and v.strip() for v in value):
                yield make("M02", item.path, line, key, variant="list_item")
        elif not isinstance(value, str):
            yield make("M02", item.path, line, key, variant="text")
        elif key in DATE_KEYS and value.strip() and parse_date(value.strip()) is None:
            yield _date_finding(item, key, value.strip(), line)


def _date_finding(item: Item, key: str, value: str, line: int | None):
    """M02 for a date: the reporter's own date converted, or why no such day exists (SPEC §2.2)."""
    reading = read_date(value)
    shown = value[:40]
    if reading.iso:
        return make("M02", item.path, line, key, variant="date_form", value=shown, iso=reading.iso)
    if reading.problem:
        return make("M02", item.path, line, key, variant="date_missing", value=shown, problem=reading.problem)
    example = (item.name_date.isoformat() if item.name_date else None) or "2026-11-25"
    return make("M02", item.path, line, key, variant="date", value=shown, example=example)


@item_check("M03")
def m03_allowed_value(item: Item, ctx: Context):
    for key, allowed in ctx.rules.choices().items():
        value = item.text(key)
        if value is None or value in allowed:
            continue
        if key == "sensitivity" and value in ctx.rules.refused_sensitivity:
            continue  # S01 says what to do with it
        yield make(
            "M03",
            item.path,
            item.line(key),
            key,
            value=value[:40],
            hint=hint_for(value, allowed),
            allowed="、".join(allowed),
        )


@item_check("M05")
def m05_unit(item: Item, ctx: Context):
    units = ctx.registry.units
    if not units:
        return  # units.yaml is broken or empty: U01 says so, and every item would repeat it
    folder = item.folder_unit
    if folder and folder not in units:
        yield make("M05", item.path, None, "unit", variant="folder_unknown", folder=folder)
    value = item.text("unit")
    if value is None:
        return
    if value not in units:
        names = {u.name: u.id for u in units.values()}
        hint = f"（“{value}”的代号是 {names[value]}）" if value in names else hint_for(value, units)
        yield make("M05", item.path, item.line("unit"), "unit", variant="unknown", value=value[:40], hint=hint)
    elif folder and value != folder and folder in units:
        yield make("M05", item.path, item.line("unit"), "unit", variant="folder", value=value, folder=folder)


def _person_check(item: Item, ctx: Context, key: str, code: str, role: str):
    value = item.text(key)
    units = ctx.registry.units
    # When `unit` and the folder disagree (M05), either unit's people are accepted: M05 is the one mistake.
    candidates = [units[u] for u in dict.fromkeys((item.text("unit") or "", item.folder_unit)) if u in units]
    day = item.date
    if value is None or not candidates or day is None:
        return
    if any(p.name == value and p.active_on(day) for u in candidates for p in _people(u, role)):
        return
    unit = candidates[0]
    people = _people(unit, role)
    hint = ""
    same = [p for p in people if p.name == value]
    if same:
        p = same[0]
        hint = f"（登记的任期为 {p.since or '…'} 至 {p.until or '今'}）"
    else:
        active = [p.name for p in people if p.active_on(day)]
        if active:
            hint = f"（当日在任：{'、'.join(active)}）"
    yield make(code, item.path, item.line(key), key, value=value[:40], unit=unit.name, date=day, hint=hint)


def _people(unit, role: str):
    return unit.reporters if role == "reporters" else unit.reviewers


@item_check("M06")
def m06_reporter(item: Item, ctx: Context):
    yield from _person_check(item, ctx, "reporter", "M06", "reporters")


@item_check("M07")
def m07_reviewer(item: Item, ctx: Context):
    yield from _person_check(item, ctx, "reviewed_by", "M07", "reviewers")


@item_check("M08")
def m08_date_matches_name(item: Item, ctx: Context):
    if item.date and item.name_date and item.date != item.name_date:
        yield make("M08", item.path, item.line("date"), "date", value=item.date, name_date=item.name_date)


@item_check("M09")
def m09_dates(item: Item, ctx: Context):
    if item.date and item.event_date and item.event_date > item.date:
        yield make(
            "M09",
            item.path,
            item.line("event_date"),
            "event_date",
            variant="event",
            value=item.event_date,
            date=item.date,
        )
    if item.date and item.date > ctx.today:
        yield make("M09", item.path, item.line("date"), "date", variant="future", value=item.date, today=ctx.today)


@item_check("M10")
def m10_title_and_body(item: Item, ctx: Context):
    title = item.text("title")
    if title is not None:
        length = len(title)
        words = meaningful(title)
        if length < TITLE_MIN or length > TITLE_MAX:
            advice = "补充完整，说清楚谁、做了什么" if length < TITLE_MIN else "精简到 60 个字以内"
            yield make("M10", item.path, item.line("title"), "title", variant="title", length=length, advice=advice)
        elif words < TITLE_MIN:
            yield make("M10", item.path, item.line("title"), "title", variant="title_words", count=words)
    if not item.body.strip():
        yield make("M10", item.path, item.body_line, None, variant="body")


def meaningful(text: str) -> int:
    """How many Chinese characters, letters and digits ``text`` holds (symbols, emoji and spaces do not count)."""
    return sum(unicodedata.category(ch)[0] in "LN" for ch in text)
