"""Judge a change: the files it adds or edits get every file check, and the change gets C01–C05.

``validate --changed-since REV`` compares merge-base(REV, HEAD) with the working tree's tracked files
(in CI: the pull request's head commit, checked out clean; see ``history``). The hook passes a change
between two commits and a checkout of the new one. The cost follows the change: the repository loader
reads only the changed files and what they need (the same units' other items for M12; the list of item
ids, from one directory walk, for M11).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .checks.changes import ChangeContext, in_submissions, run_change_checks
from .checks.registry_checks import registry_findings
from .findings import Finding, sort_key
from .history import DELETED, ChangeSet, change_since, run_git
from .registry import UNITS_FILE, Registry, load_registry
from .repository import load_repository

ACTOR_VARIABLES = ("GITEA_ACTOR", "GITHUB_ACTOR", "GITLAB_USER_LOGIN")


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
    """``validate --changed-since REV``: the working tree's change since it forked from REV."""
    return review_changeset(root, change_since(root, rev), actor or actor_from_env(), today)


def trusted_registry(git_dir: Path | str, changeset: ChangeSet, current: Registry) -> Registry:
    """The registry who-may-do-what (C04) is judged by: the base side's units.yaml when the change edits it.

    Otherwise a reporter could register themselves for another unit (or as office reviewer) in the very
    change that uses it. One ``git cat-file`` call, only when units.yaml is part of the change.
    """
    touched = next((c for c in changeset.changes if UNITS_FILE in (c.path, c.old_path) and c.old_blob), None)
    if touched is None:
        return current
    raw = run_git(git_dir, "cat-file", "blob", touched.old_blob)
    with tempfile.TemporaryDirectory(prefix="baosong-units-") as tmp:
        (Path(tmp) / UNITS_FILE).write_bytes(raw)
        base = load_registry(Path(tmp)).registry
    return base or current


def review_changeset(
    root: Path | str,
    changeset: ChangeSet,
    actor: str | None,
    today: date | None,
    listing: list[str] | None = None,
    git_dir: Path | str | None = None,
) -> ChangeReport:
    """Check the files the change leaves (read from ``root``) and apply C01–C05.

    ``listing``: every file under submissions/ when ``root`` holds only part of the tree (the hook);
    ``git_dir``: where git runs when ``root`` is not a git work tree (the hook's bare repository).
    """
    root = Path(root)
    changes = changeset.changes
    present = [c.path for c in changes if c.status != DELETED]
    repo = load_repository(root, today, paths=present, listing=listing)
    findings = list(repo.findings)
    if UNITS_FILE in present:
        findings.extend(registry_findings(repo.registry, repo.today))
    items = {item.path: item for item in repo.items}
    ctx = ChangeContext(trusted_registry(git_dir or root, changeset, repo.registry), repo.today, actor, items)
    findings.extend(run_change_checks(changes, ctx))
    findings = sorted(set(findings), key=sort_key)
    notes = []
    if not actor and any(c.status != DELETED and in_submissions(c.path) for c in changes):
        notes.append(
            "未能确定提交人（请用 --actor 指定，CI 会自动取 GITEA_ACTOR / GITHUB_ACTOR / GITLAB_USER_LOGIN），"
            "本次未检查 C04（是否本单位信息员）。"
        )
    return ChangeReport(findings, len(changes), changeset, actor, notes)  # a rename is one file


def review_change_or_exit(root: Path | str, rev: str, actor: str | None, today: date | None) -> ChangeReport:
    """For the command line: git or registry trouble → a Chinese message and exit 2; notes go to stderr."""
    import click

    from .history import HistoryError
    from .repository import NoRegistry

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
        from .cli import NO_REGISTRY

        click.echo(NO_REGISTRY, err=True)
        raise SystemExit(2) from None
    for note in report.notes:
        click.echo(note, err=True)
    return report
