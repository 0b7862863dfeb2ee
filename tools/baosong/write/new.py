"""``baosong new``: a correctly named item from the template, dated today."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

from ..township.items import SUBMISSIONS
from ..township.paths import LONG_NUMBER, MAX_NAME, bad_chars
from ..township.registry import Registry
from ..township.template import fill, load_template

_DROP = re.compile(r"[\s/\\:*?\"<>|，。、；：！？“”‘’（）()《》【】\[\]{}#%&'`~^=+,.;!]+")


def slug_for(title: str, limit: int = 24) -> str:
    """A file-name slug from a title: NFC, no spaces or punctuation, at most ``limit`` characters, and no number of
    11 digits or more however split (a phone, an ID, a card: the file name is the page's address, SPEC §2.1)."""
    text = unicodedata.normalize("NFC", title)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = LONG_NUMBER.sub("-", _DROP.sub("-", text)).strip("-")
    text = re.sub(r"-{2,}", "-", text)[:limit].strip("-")
    return text or "信息"


class NewItemError(Exception):
    pass


def only(names: list[str], what: str, option: str) -> str:
    if len(names) == 1:
        return names[0]
    if not names:
        raise NewItemError(f"该单位今天没有在任的{what}：请先请党政办更新 units.yaml")
    raise NewItemError(f"该单位有多名在任{what}（{'、'.join(names)}）：请用 {option} 指定")


def new_item(
    root: Path,
    registry: Registry,
    today: date,
    unit_id: str,
    type_: str,
    title: str,
    category: str,
    event_date: date | None = None,
    reporter: str | None = None,
    reviewer: str | None = None,
    sensitivity: str = "公开",
    slug: str | None = None,
    body: str | None = None,
) -> Path:
    unit = registry.units.get(unit_id)
    if unit is None:
        raise NewItemError(f"单位代号“{unit_id}”未登记：可用的代号有 {'、'.join(registry.units)}")
    check_choices(root, type_, category, sensitivity)
    reporter = reporter or only([p.name for p in unit.reporters_on(today)], "信息员", "--reporter")
    reviewer = reviewer or only([p.name for p in unit.reviewers_on(today)], "审核人", "--reviewer")
    slug = slug_for(slug or title)
    name = f"{today.isoformat()}-{slug}.md"
    if bad_chars(name) or len(name) > MAX_NAME:
        raise NewItemError("文件名不合规：请用 --slug 指定一个简短的中文名（不含空格和标点）")
    path = Path(root) / SUBMISSIONS / unit_id / str(today.year) / name
    if path.exists():
        raise NewItemError(f"文件已存在：{path.relative_to(root)}，请换一个 --slug")
    values = {
        "title": title,
        "unit": unit_id,
        "reporter": reporter,
        "reviewed_by": reviewer,
        "date": today.isoformat(),
        "event_date": (event_date or today).isoformat(),
        "type": type_,
        "category": category,
        "sensitivity": sensitivity,
    }
    text = fill(load_template(root), values, body)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check_choices(root: Path, type_: str, category: str, sensitivity: str) -> None:
    """``type``/``category``/``sensitivity`` must be values rules.yaml allows (M03 before the file exists).

    Raises NewItemError naming the allowed values (and the simplified form of a traditional one).
    """
    from .fix import allowed_values

    choices = allowed_values(root)
    for option, value, allowed in (
        ("--type", type_, choices["type"]),
        ("--category", category, choices["category"]),
        ("--sensitivity", sensitivity, choices["sensitivity"]),
    ):
        if value not in allowed:
            raise NewItemError(f"{option} 的“{value}”不在规则允许的范围内：请从 {'、'.join(allowed)} 中选一个")
