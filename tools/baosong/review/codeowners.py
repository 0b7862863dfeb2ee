"""CODEOWNERS for Gitea, GitHub and GitLab, generated from units.yaml.

Office reviewers (with a git account) own everything; a unit's reviewers who are active on the day and
have a git account own the unit's folder as well; the pipeline definitions, program, rules, registry and
ledgers (``OFFICE_ONLY``) are owned by the office alone, listed last. GitHub and GitLab let the *last* matching line win, so
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

from ..township.items import SUBMISSIONS
from ..township.registry import Registry

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


# What only the office may change (issue 14): the pipeline definitions, the program, the rules, the registry
# and the ledgers. Listed after the units so that, where the last match wins, nothing else can override them.
OFFICE_ONLY = (
    ".gitlab-ci.yml",
    ".gitlab/",
    ".github/",
    ".gitea/",
    "tools/",
    "scripts/",
    "site_config/",
    "units.yaml",
    "office/",
    "Makefile",
    "mkdocs.yml",
    "pyproject.toml",
    "requirements.lock",
)
OFFICE_ONLY_COMMENT = "只有党政办能修改：流水线、程序、规则、登记表、台账"


def ownership(registry: Registry, today: date) -> list[Rule]:
    """The rules, forge-neutral: everything → office; each unit's folder → office + its active reviewers;
    then the office-only paths (``OFFICE_ONLY``, a folder ends with ``/``) → office alone."""
    office = _unique(p.git for p in registry.office.reviewers if p.active_on(today))
    rules = [Rule(None, office, registry.office.name)] if office else []
    for unit in registry.units.values():
        reviewers = _unique(p.git for p in unit.reviewers_on(today))
        if reviewers:
            rules.append(Rule(f"{SUBMISSIONS}/{unit.id}/", _unique(office + reviewers), unit.name))
    if office:
        rules.extend(Rule(path, office, OFFICE_ONLY_COMMENT if i == 0 else "") for i, path in enumerate(OFFICE_ONLY))
    return rules


def go_quote_meta(text: str) -> str:
    return "".join("\\" + ch if ch in _GO_META else ch for ch in text)


def gitea_token(regex: str) -> str:
    """Escape a regular expression for Gitea's CODEOWNERS line reader (backslash, #, space)."""
    return regex.replace("\\", "\\\\").replace("#", "\\#").replace(" ", "\\ ")


def glob_quote(text: str) -> str:
    return "".join("\\" + ch if ch in _GLOB_META else ch for ch in text)


def gitea_pattern(folder: str | None) -> str:
    """``None`` → every file; ``a/`` → everything below a/; ``a.yml`` → that file only."""
    if folder is None:
        return ".*"
    return gitea_token("^" + go_quote_meta(folder) + (".*$" if folder.endswith("/") else "$"))


def glob_pattern(folder: str | None) -> str:
    return "*" if folder is None else "/" + glob_quote(folder)


PATTERNS = {"gitea": gitea_pattern, "github": glob_pattern, "gitlab": glob_pattern}


def render(forge: str, registry: Registry, today: date) -> str:
    pattern = PATTERNS[forge]
    lines = [HEADER]
    for rule in ownership(registry, today):
        line = f"{pattern(rule.folder)} {' '.join('@' + o for o in rule.owners)}\n"
        if rule.comment:
            lines.append(f"# {rule.comment}\n{line}")
        else:  # one block under the previous comment
            lines[-1] += line
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
