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

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .history import export_commit, regular_files
from .ledger import ADOPTIONS_DIR, REQUESTS_DIR
from .registry import UNITS_FILE, load_registry
from .rules import RULES_FILE
from .template import TEMPLATE_FILE

GOVERNING = (UNITS_FILE, RULES_FILE, ADOPTIONS_DIR, REQUESTS_DIR, TEMPLATE_FILE)


def is_governing(path: str) -> bool:
    """True for the files whose base version governs a change (registry, rules, ledgers, template)."""
    return any(path == g or path.startswith(g + "/") for g in GOVERNING)


@contextmanager
def base_config(git_dir: Path | str, rev: str, prefix: str = "") -> Iterator[Path | None]:
    """A temporary folder holding ``rev``'s governing files (regular files only), removed afterwards.

    ``prefix``: the township's folder below the git top level (``xinxi/``), "" at the top. Yields None when
    ``rev`` has no readable units.yaml (a township's first change, or a base the office must repair): the
    change's own files are then all there is. Two git calls (``ls-tree``, ``archive``); raises
    ``HistoryError`` when git cannot read ``rev``.
    """
    treeish = f"{rev}:{prefix.rstrip('/')}" if prefix.strip("/") else rev
    files = regular_files(git_dir, treeish, GOVERNING)
    with tempfile.TemporaryDirectory(prefix="baosong-base-") as tmp:
        target = Path(tmp)
        if UNITS_FILE in files:
            export_commit(Path(git_dir), treeish, target, files)
        yield target if load_registry(target).registry is not None else None
