"""The rules a change is judged by: the base's registry, rules, ledgers and template (issue 14).

A change (a pull request, a push) may bring its own ``units.yaml``, ``site_config/rules.yaml``, office
ledgers or template. Those are checked as files (U/R/A findings), but the verdict on the same change comes
from the versions on the base side: the tip of REV for ``validate --changed-since REV``, the protected
branch's old tip in the pre-receive hook. So a change cannot switch a scanner off, lower a severity, add a
number to ``scan.allow``, invent a request or register its author in the same breath; an office change to
the rules takes effect for the changes after it lands. The finding catalogue and the checks are code: they
come from the program that runs (the hook's installed baosong, the base checkout in the forge workflows).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..township.ledger import ADOPTIONS_DIR, REQUESTS_DIR
from ..township.registry import UNITS_FILE, load_registry
from ..township.rules import RULES_FILE
from ..township.template import TEMPLATE_FILE
from .history import HistoryError, export_commit, regular_files

GOVERNING = (UNITS_FILE, RULES_FILE, ADOPTIONS_DIR, REQUESTS_DIR, TEMPLATE_FILE)


def is_governing(path: str) -> bool:
    """True for the files whose base version governs a change (registry, rules, ledgers, template)."""
    return any(path == g or path.startswith(g + "/") for g in GOVERNING)


@dataclass(frozen=True)
class Basis:
    folder: Path  # the base's governing files, written out
    own_registry: bool  # the base had no usable units.yaml: the change's own was copied in (and said so)


@contextmanager
def base_config(git_dir: Path | str, rev: str, prefix: str, change_root: Path) -> Iterator[Basis]:
    """A temporary folder holding ``rev``'s governing files (regular files only), removed afterwards.

    ``git_dir``: the git top level (or the bare repository); ``prefix``: the township's folder below it
    (``xinxi/``), "" at the top. When ``rev`` has no usable units.yaml (a township's first change, or a base
    the office must repair) the registry is taken from ``change_root``; the rules and ledgers stay the base's
    (missing ones: the defaults). Two git calls (``ls-tree``, ``archive``); raises ``HistoryError`` when git
    cannot read ``rev``.
    """
    treeish = f"{rev}:{prefix.rstrip('/')}" if prefix.strip("/") else rev
    try:
        files = regular_files(git_dir, treeish, GOVERNING)
    except HistoryError:
        if not prefix.strip("/"):
            raise
        files = []  # the township's folder is new in this change: nothing governs from the base yet
    with tempfile.TemporaryDirectory(prefix="baosong-base-") as tmp:
        target = Path(tmp)
        export_commit(Path(git_dir), treeish, target, files)
        own = load_registry(target).registry is None
        if own:
            (target / UNITS_FILE).unlink(missing_ok=True)
            theirs = Path(change_root) / UNITS_FILE
            if theirs.is_file() and not theirs.is_symlink():
                shutil.copyfile(theirs, target / UNITS_FILE)
        yield Basis(target, own)
