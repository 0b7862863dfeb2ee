"""CODEOWNERS for Gitea, GitHub and GitLab, generated from units.yaml.

Office reviewers (with a git account) own everything; a unit's reviewers who are active on the day and
have a git account own the unit's folder as well. GitHub and GitLab let the *last* matching line win, so
every unit line repeats the office reviewers; Gitea adds up the owners of every matching line, and the
same lines are right there too.

* Gitea (``.gitea/CODEOWNERS``): each pattern is a Go regular expression over the whole path; regular
  expression metacharacters are quoted as Go's ``regexp.QuoteMeta`` does, then ``\\``, ``#`` and spaces are
  escaped with a backslash for Gitea's line reader (so a regex ``\\.`` is written ``\\\\.``).
* GitHub (``.github/CODEOWNERS``) and GitLab (``.gitlab/CODEOWNERS``): gitignore-style globs anchored at the
  root (``/submissions/<unit>/``); glob metacharacters, ``#``, ``!`` and spaces are escaped with a backslash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .items import SUBMISSIONS
from .registry import Registry

FORGE_FILES = {"gitea": ".gitea/CODEOWNERS", "github": ".github/CODEOWNERS", "gitlab": ".gitlab/CODEOWNERS"}
HEADER = (
    "# 由 baosong codeowners 根据 units.yaml 生成，请勿手工修改；登记表变动后请重新运行 baosong codeowners。\n"
    "# 党政办审核人负责全部文件，各单位有 git 账号的在任审核人负责本单位的报送文件夹。\n"
)
_GO_META = set(r"\.+*?()|[]{}^$")
_GLOB_META = set("\\*?[]#! ")


@dataclass(frozen=True)
class Rule:
    folder: str | None  # None: every file
    owners: tuple[str, ...]
    comment: str = ""


def _unique(names) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))


def ownership(registry: Registry, today: date) -> list[Rule]:
    """The rules, forge-neutral: everything → office; each unit's folder → office + its active reviewers."""
    office = _unique(p.git for p in registry.office.reviewers if p.active_on(today))
    rules = [Rule(None, office, registry.office.name)] if office else []
    for unit in registry.units.values():
        reviewers = _unique(p.git for p in unit.reviewers_on(today))
        if reviewers:
            rules.append(Rule(f"{SUBMISSIONS}/{unit.id}/", _unique(office + reviewers), unit.name))
    return rules


def go_quote_meta(text: str) -> str:
    return "".join("\\" + ch if ch in _GO_META else ch for ch in text)


def gitea_token(regex: str) -> str:
    """Escape a regular expression for Gitea's CODEOWNERS line reader (backslash, #, space)."""
    return regex.replace("\\", "\\\\").replace("#", "\\#").replace(" ", "\\ ")


def glob_quote(text: str) -> str:
    return "".join("\\" + ch if ch in _GLOB_META else ch for ch in text)


def gitea_pattern(folder: str | None) -> str:
    return ".*" if folder is None else gitea_token("^" + go_quote_meta(folder) + ".*$")


def glob_pattern(folder: str | None) -> str:
    return "*" if folder is None else "/" + glob_quote(folder)


PATTERNS = {"gitea": gitea_pattern, "github": glob_pattern, "gitlab": glob_pattern}


def render(forge: str, registry: Registry, today: date) -> str:
    pattern = PATTERNS[forge]
    lines = [HEADER]
    for rule in ownership(registry, today):
        lines.append(f"# {rule.comment}\n{pattern(rule.folder)} {' '.join('@' + o for o in rule.owners)}\n")
    return "\n".join(lines)


def forges(choice: str) -> list[str]:
    return list(FORGE_FILES) if choice == "all" else [choice]


def stale_files(root: Path, registry: Registry, today: date, choice: str = "all") -> list[str]:
    """The CODEOWNERS files that are missing or differ from what units.yaml gives."""
    out = []
    for forge in forges(choice):
        path = Path(root) / FORGE_FILES[forge]
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != render(forge, registry, today):
            out.append(FORGE_FILES[forge])
    return out


def write_files(root: Path, registry: Registry, today: date, choice: str = "all") -> list[str]:
    written = []
    for forge in forges(choice):
        path = Path(root) / FORGE_FILES[forge]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(forge, registry, today), encoding="utf-8")
        written.append(FORGE_FILES[forge])
    return written
