"""``baosong fix --rename``: give a new item the valid name F06 asks for.

A rename is safe only for a file that nobody else has seen: never one already on the base branch
(that would be C02, a renamed merged item) and never one that another file links to or continues
(``follows``). Anything else is refused with the reason, and the file stays where it is.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..township.items import SUBMISSIONS, item_id
from ..township.paths import check_place, suggest_name


@dataclass
class RenameResult:
    path: str
    new_path: str | None = None  # set when renamed (or, in a dry run, when it would be)
    refused: str | None = None


def new_path_for(rel: str) -> str | None:
    """The path F06 asks for (name mended, year folder = the date's year), or the name without a phone, ID or card
    number (S03–S05 in the file name: it is the page's address); None when nothing is to change or none can be
    derived."""
    place, findings = check_place(rel)
    if place.kind != "item" or not place.unit:
        return None
    name = suggest_name(place.name)
    if name is None or (name == place.name and not any(f.code == "F06" for f in findings)):
        return None
    return f"{SUBMISSIONS}/{place.unit}/{name[:4]}/{name}"


def rename_item(root: Path, rel: str, base: str, dry_run: bool = False) -> RenameResult:
    """Rename ``rel`` (repository-relative) to its valid name unless that is unsafe; ``base`` is a git revision."""
    result = RenameResult(rel)
    new = new_path_for(rel)
    if new is None or new == rel:
        return result
    root = Path(root)
    if os.path.lexists(root / new):
        result.refused = f"无法改名：{new} 已经存在，请手工换一个文件名"
        return result
    on_base = _on_base(root, rel, base)
    if on_base is None:
        result.refused = f"无法改名：找不到主分支 {base}，不能确认这是新文件（请用 --base 指定主分支）"
        return result
    if on_base:
        result.refused = (
            f"不能改名：这条信息已经合并到 {base}，改名会被当成删除已合并的信息（C02），需要改正请联系党政办"
        )
        return result
    users = _linked_from(root, rel)
    if users:
        shown = "、".join(users[:3]) + ("等" if len(users) > 3 else "")
        result.refused = f"不能自动改名：{shown} 引用了这个文件，请手工改名并同时改正引用"
        return result
    result.new_path = new
    if not dry_run:
        (root / new).parent.mkdir(parents=True, exist_ok=True)
        os.rename(root / rel, root / new)
    return result


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-C", str(root), "-c", "core.quotePath=false", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def _on_base(root: Path, rel: str, base: str) -> bool | None:
    """Whether ``rel`` exists on ``base``; False outside git (nothing is merged), None when ``base`` is missing."""
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return False
    if _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").returncode != 0:
        return None
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.strip()
    return _git(root, "cat-file", "-e", f"{base}:{prefix}{rel}").returncode == 0


def _linked_from(root: Path, rel: str) -> list[str]:
    """Other Markdown files under submissions/ that name ``rel``'s file name or its item id."""
    name = posixpath.basename(rel)
    needles = {name, item_id(rel)}
    users = []
    base = root / SUBMISSIONS
    for folder, _dirs, files in os.walk(base):
        for file in files:
            if not file.lower().endswith(".md"):
                continue
            full = Path(folder) / file
            other = full.relative_to(root).as_posix()
            if other == rel or full.is_symlink():
                continue
            try:
                text = full.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if any(n in text for n in needles):
                users.append(other)
    return sorted(users)
