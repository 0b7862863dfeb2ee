"""The server-side ``pre-receive`` hook for a self-hosted bare repository.

git runs the hook in the bare repository with one ``old new ref`` line per updated ref on stdin; the pushed
objects are visible to the git commands the hook runs (quarantine environment). For the protected branch:

* an update is checked as a change from the old tip to the new commit (C01–C06 and every file check on
  what it adds or edits), on a checkout of the new commit in a temporary folder, by the registry, rules and
  ledgers of the old tip (``basis``); errors refuse the push;
* creating the branch (old is the zero id: the first push of a repository) checks the whole tree, without
  the change rules (every item would be "new");
* deleting it is refused.

Other branches and tags are accepted unchecked (pull requests are checked by CI). The Chinese report goes to
stderr, which git shows to the pusher as ``remote:`` lines. The protected branch is ``--branch``, else
``office.forge.branch`` of the units.yaml on the repository's HEAD, else ``main``. The pusher is ``--actor``,
else the first of BAOSONG_ACTOR, GITEA_PUSHER_NAME, GL_USERNAME, GL_USER, REMOTE_USER; unknown → the update
is refused (C06: the hook is the only gate, so it fails closed).
"""

from __future__ import annotations

import shlex
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..checks.repository import IGNORED_NAMES, NoRegistry, load_repository
from ..report.findings import Finding
from ..report.formatters import as_text
from ..report.severity import ERROR
from ..township.items import SUBMISSIONS
from ..township.registry import UNITS_FILE, load_registry
from .change_checks import in_submissions, unit_of
from .changes import ChangeReport, first_set, review_changeset
from .history import DELETED, ZERO_SHA, ChangeSet, HistoryError, change_between, export_commit, run_git

PUSHER_VARIABLES = ("BAOSONG_ACTOR", "GITEA_PUSHER_NAME", "GL_USERNAME", "GL_USER", "REMOTE_USER")
HOOK_SCRIPT = """#!/bin/sh
# 信息报送检查：拒绝有错误的推送（由 baosong hook install 生成）
exec {command} hook pre-receive{args} "$@"
"""


@dataclass
class RefUpdate:
    old: str
    new: str
    ref: str


@dataclass
class Verdict:
    accepted: bool
    messages: list[str] = field(default_factory=list)


def parse_updates(lines: Iterable[str]) -> list[RefUpdate]:
    out = []
    for line in lines:
        parts = line.split()
        if len(parts) == 3:
            out.append(RefUpdate(*parts))
    return out


def pusher_from_env(environ=None) -> str | None:
    """The pushing account as the git server tells it."""
    return first_set(PUSHER_VARIABLES, environ)


def protected_branch(git_dir: Path) -> str:
    """forge.branch of the units.yaml on HEAD (the state already accepted), else main."""
    try:
        text = run_git(git_dir, "cat-file", "blob", f"HEAD:{UNITS_FILE}")
    except HistoryError:
        return "main"
    with tempfile.TemporaryDirectory(prefix="baosong-units-") as tmp:
        (Path(tmp) / UNITS_FILE).write_bytes(text)
        registry = load_registry(Path(tmp)).registry
    forge = registry.office.forge if registry else None
    return forge.branch if forge and forge.branch else "main"


def list_commit(git_dir: Path, commit: str) -> list[str]:
    """Every file path in ``commit`` (one ``git ls-tree`` call)."""
    raw = run_git(git_dir, "ls-tree", "-r", "-z", "--name-only", commit)
    return [p.decode("utf-8", "replace") for p in raw.split(b"\0") if p]


def needed_paths(files: list[str], changeset: ChangeSet) -> list[str]:
    """What a change check reads: registry, rules, ledgers, the changed files and their units' folders (M12)."""
    present = [c.path for c in changeset.changes if c.status != DELETED]
    units = {unit_of(p) for p in present if in_submissions(p)} - {""}
    wanted = {UNITS_FILE, "site_config", "office", *(f"{SUBMISSIONS}/{u}" for u in units), *present}
    existing = set(files)
    dirs = {"/".join(p.split("/")[:n]) for p in files for n in (1, 2) if p.count("/") >= n}
    return sorted(w for w in wanted if w in existing or w in dirs)


def check_update(git_dir: Path, update: RefUpdate, actor: str | None, today: date | None) -> ChangeReport:
    with tempfile.TemporaryDirectory(prefix="baosong-push-") as tmp:
        if update.old == ZERO_SHA:
            export_commit(git_dir, update.new, Path(tmp))
            repo = load_repository(Path(tmp), today)
            return ChangeReport(repo.findings, repo.files)
        files = list_commit(git_dir, update.new)
        changeset = change_between(git_dir, update.old, update.new)
        export_commit(git_dir, update.new, Path(tmp), needed_paths(files, changeset))
        listing = [p for p in files if in_submissions(p) and p.rsplit("/", 1)[-1] not in IGNORED_NAMES]
        return review_changeset(Path(tmp), changeset, actor, today, listing=listing, git_dir=git_dir, strict=True)


def pre_receive(
    git_dir: Path, updates: list[RefUpdate], actor: str | None, today: date | None, branch: str | None = None
) -> Verdict:
    branch = branch or protected_branch(git_dir)
    target = f"refs/heads/{branch}"
    verdict = Verdict(True)
    for update in updates:
        if update.ref != target:
            continue
        if update.new == ZERO_SHA:
            verdict.accepted = False
            verdict.messages.append(f"信息报送检查：不能删除受保护的分支 {branch}。")
            continue
        try:
            report = check_update(git_dir, update, actor, today)
        except NoRegistry:
            verdict.accepted = False
            verdict.messages.append(f"信息报送检查：推送到 {branch} 的版本没有 units.yaml（单位登记表），已拒绝。")
            continue
        except HistoryError as exc:
            verdict.accepted = False
            verdict.messages.append(f"信息报送检查：无法读取推送的内容（{exc}），已拒绝。")
            continue
        verdict.messages.extend(_report_lines(branch, report.findings, report.files, report.notes))
        if any(f.severity == ERROR for f in report.findings):
            verdict.accepted = False
    return verdict


def _report_lines(branch: str, findings: list[Finding], files: int, notes: list[str]) -> list[str]:
    errors = sum(f.severity == ERROR for f in findings)
    head = (
        f"信息报送检查：推送到 {branch} 的修改有 {errors} 个错误，已拒绝。请按下面的提示修改后重新提交、推送。"
        if errors
        else f"信息报送检查：推送到 {branch} 的修改已通过。"
    )
    return [head, *notes, as_text(findings, files)]


def install(git_dir: Path, command: str, args: Iterable[str] = ()) -> Path:
    """Write hooks/pre-receive into a bare repository (or a .git folder), executable."""
    hooks = Path(git_dir) / "hooks"
    hooks.mkdir(parents=True, exist_ok=True)
    path = hooks / "pre-receive"
    extra = "".join(" " + shlex.quote(a) for a in args)
    path.write_text(HOOK_SCRIPT.format(command=shlex.quote(command), args=extra), encoding="utf-8")
    path.chmod(0o755)
    return path
