"""Judge a change: the files it adds or edits get every file check, and the change gets C01–C06.

The change is judged by the rules it came to, not by the rules it brings: registry, rules and ledgers come
from the base side (``basis``); the change's own versions are checked as files. Who may change what
(C03, C04, C06) follows the actor's role in the base registry.

``validate --changed-since REV`` compares merge-base(REV, HEAD) with the working tree's tracked files
(in CI: the pull request's head commit, checked out clean; see ``history``). The hook passes a change
between two commits and a checkout of the new one. The cost follows the change: the repository loader
reads only the changed files and what they need (the same units' other items for M12; the list of item
ids, from one directory walk, for M11).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..checks.registry_checks import registry_findings
from ..checks.repository import load_repository, walk_submissions
from ..report.findings import Finding, sort_key
from ..township.items import ITEM_SUFFIX, item_id
from ..township.ledger import load_ledger
from ..township.registry import UNITS_FILE, load_registry
from ..township.rules import RULES_FILE, load_rules
from .basis import base_config, is_governing
from .change_checks import ChangeContext, run_change_checks
from .history import DELETED, ChangeSet, change_since, git_location

LEDGER_ROOT = "office/"

ACTOR_VARIABLES = ("GITEA_ACTOR", "GITHUB_ACTOR", "GITLAB_USER_LOGIN")
UNKNOWN_ACTOR = (
    "注意：未能确定提交人（请用 --actor 指定；CI 会自动取 GITEA_ACTOR / GITHUB_ACTOR / GITLAB_USER_LOGIN），"
    "本次未检查 C04（是否本单位信息员），submissions/ 以外的修改须由党政办审核。"
)
UNKNOWN_ACTOR_STRICT = (
    "未能确定推送人：服务器端钩子不接受推送人不明的修改。请在钩子里设置推送人（见 README“自建裸仓库”一节）。"
)


@dataclass
class ChangeReport:
    findings: list[Finding]
    files: int  # files the change adds, edits, deletes or renames (each checked)
    changeset: ChangeSet | None = None
    actor: str | None = None
    notes: list[str] = field(default_factory=list)  # Chinese remarks for the person, not findings


def first_set(names, environ=None) -> str | None:
    """The first of the environment variables ``names`` that holds a value."""
    environ = os.environ if environ is None else environ
    for name in names:
        value = (environ.get(name) or "").strip()
        if value:
            return value
    return None


def actor_from_env(environ=None) -> str | None:
    """The acting git user as CI tells it: Gitea, then GitHub, then GitLab."""
    return first_set(ACTOR_VARIABLES, environ)


def review_change(root: Path | str, rev: str, actor: str | None, today: date | None) -> ChangeReport:
    """``validate --changed-since REV``: the working tree's change since it forked from REV, judged by REV's rules."""
    changeset = change_since(root, rev)
    top, prefix = git_location(root)
    return review_changeset(root, changeset, actor or actor_from_env(), today, git_dir=top, prefix=prefix)


def review_changeset(
    root: Path | str,
    changeset: ChangeSet,
    actor: str | None,
    today: date | None,
    listing: list[str] | None = None,
    git_dir: Path | str | None = None,
    prefix: str = "",
    strict: bool = False,
) -> ChangeReport:
    """Check the files the change leaves (read from ``root``) by the base's rules and apply C01–C06.

    The registry, rules and ledgers come from ``changeset.base`` (see ``basis``); the change's own versions
    of them are checked as files only. ``listing``: every file under submissions/ when ``root`` holds only
    part of the tree (the hook); ``git_dir``: where git runs when ``root`` is not a git work tree (the hook's
    bare repository, or the top level of the work tree); ``prefix``: the township's folder below it; ``strict``: an unknown actor
    may change nothing (the hook fails closed, SPEC §3 C06).
    """
    root = Path(root)
    changes = changeset.changes
    present = [c.path for c in changes if c.status != DELETED]
    notes = []
    with base_config(git_dir or root, changeset.base, prefix, root) as base:
        if base.own_registry:
            notes.append("基准版本没有可用的 units.yaml，本次按修改后的登记表判断（规则和台账仍取基准版本）。")
        repo = load_repository(root, today, paths=present, listing=listing, config_root=base.folder)
    findings = list(repo.findings)
    findings.extend(own_config_findings(root, present, repo.today, listing))
    items = {item.path: item for item in repo.items}
    ctx = ChangeContext(repo.registry, repo.today, actor, items, strict=strict)
    findings.extend(run_change_checks(changes, ctx))
    findings = sorted(set(findings), key=sort_key)
    if not actor and changes:
        notes.append(UNKNOWN_ACTOR_STRICT if strict else UNKNOWN_ACTOR)
    return ChangeReport(findings, len(changes), changeset, actor, notes)  # a rename is one file


def own_config_findings(root: Path, present: list[str], today: date, listing: list[str] | None) -> list[Finding]:
    """U/R/A findings of the change's own units.yaml, rules.yaml and ledgers: checked as files, governing nothing."""
    touched = set(present)
    if not any(is_governing(p) for p in touched):
        return []
    out: list[Finding] = []
    reg = load_registry(root)
    if UNITS_FILE in touched:
        out.extend(reg.findings)
        if reg.registry is not None:
            out.extend(registry_findings(reg.registry, today))
    rules = load_rules(root)
    if RULES_FILE in touched:
        out.extend(rules.findings)
    if any(p.startswith(LEDGER_ROOT) for p in touched):
        files = listing if listing is not None else walk_submissions(root)[0]
        ids = {item_id(p) for p in files if p.endswith(ITEM_SUFFIX)}
        units = set(reg.registry.units) if reg.registry else set()
        out.extend(f for f in load_ledger(root, rules.rules.levels, ids, units).findings if f.path in touched)
    return out


def review_change_or_exit(root: Path | str, rev: str, actor: str | None, today: date | None) -> ChangeReport:
    """For the command line: git or registry trouble → a Chinese message and exit 2."""
    import click

    from ..checks.repository import NoRegistry
    from .history import HistoryError

    try:
        report = review_change(root, rev, actor, today)
    except HistoryError as exc:
        click.echo(
            f"无法读取 git 历史（{exc}）：请在 git 仓库里运行，确认 {rev} 存在；"
            "CI 里请取完整历史（fetch-depth: 0）并先取回基准分支。",
            err=True,
        )
        raise SystemExit(2) from None
    except NoRegistry:
        from ..checks.repository import NO_REGISTRY

        click.echo(NO_REGISTRY, err=True)
        raise SystemExit(2) from None
    return report
