"""Load a township repository once: registry, rules, ledgers, every submission read and checked.

The validator, the statistics and the site all start here, so they see the same items and the
same findings. Items with an error are kept (reports need them) but are not ``valid_items``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import checks
from ..report.findings import Finding, sort_key
from ..township import cache
from ..township.dates import today_in
from ..township.items import ITEM_SUFFIX, SUBMISSIONS, Item, item_id
from ..township.ledger import Ledger, load_ledger
from ..township.reader import ReadResult, file_kind, read_path
from ..township.registry import Registry, load_registry
from ..township.rules import Rules, load_rules
from .registry_checks import registry_findings

IGNORED_NAMES = {".gitkeep"}


NO_REGISTRY = "找不到 units.yaml：请在信息报送仓库的根目录运行，或用 --root 指定仓库目录。"


class NoRegistry(Exception):
    """units.yaml is missing: nothing can be checked (exit 2)."""


@dataclass
class Repository:
    root: Path
    registry: Registry
    rules: Rules
    ledger: Ledger
    today: date
    results: list[ReadResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    rendered: dict[str, tuple] = field(default_factory=dict)  # item path → (body key, Verdict): checks/html.py

    _lists: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def items(self) -> list[Item]:
        return list(self._memo("items", self._items))

    @property
    def error_paths(self) -> set[str]:
        return {f.path for f in self.findings if f.is_error}

    @property
    def valid_items(self) -> list[Item]:
        return list(self._memo("valid", self._valid))

    def _items(self) -> list[Item]:
        return [r.item for r in self.results if r.item is not None]

    def _valid(self) -> list[Item]:
        bad = self.error_paths
        return [item for item in self._memo("items", self._items) if item.path not in bad]

    def _memo(self, name: str, compute) -> list:
        """A list derived from results and findings, made again only when they grew (a site asks 100 times)."""
        key = (len(self.results), len(self.findings))
        if name not in self._lists or self._lists[name][0] != key:
            self._lists[name] = (key, compute())
        return self._lists[name][1]

    def body_html(self, item: Item) -> str | None:
        """The HTML validation rendered for the item's body (what the site publishes), or None."""
        from ..scan import store

        entry = self.rendered.get(item.path)
        if not item.body:
            return ""
        if entry is None or entry[1].failure:
            return None
        return store.for_root(self.root).html(entry[0])

    @property
    def attachments(self) -> list[str]:
        """Attachment paths that are regular files of an allowed type with no findings."""
        bad = {f.path for f in self.findings}
        return [r.path for r in self.results if r.place.kind == "attachment" and r.path not in bad]

    @property
    def files(self) -> int:
        return len(self.results)


def walk_submissions(root: Path) -> tuple[list[str], list[str]]:
    """(file paths, non-regular entries) under submissions/, sorted, never following links."""
    base = Path(root) / SUBMISSIONS
    files: list[str] = []
    odd: list[str] = []
    if not base.is_dir() or base.is_symlink():
        return files, odd
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        for d in list(dirnames):
            if os.path.islink(os.path.join(dirpath, d)):
                odd.append(f"{rel_dir}/{d}")
                dirnames.remove(d)
        for name in filenames:
            if name in IGNORED_NAMES:
                continue
            files.append(f"{rel_dir}/{name}")
    files.sort()
    odd.sort()
    return files, odd


def load_repository(
    root: Path | str,
    today: date | None = None,
    paths: Iterable[str] | None = None,
    listing: list[str] | None = None,
    config_root: Path | str | None = None,
) -> Repository:
    """Read and check the repository (or only ``paths``, relative to root, plus what they need).

    ``listing``: the files under submissions/ when the caller knows them (the pre-receive hook lists a commit
    and writes out only what is read); default: walk the folder. ``config_root``: a folder whose units.yaml,
    rules.yaml and ledgers govern instead of the root's own (a change is judged by its base's, see
    ``basis``); their own findings are then not reported here, and the result cache is not used.
    """
    root = Path(root).resolve()
    governing = root if config_root is None else Path(config_root).resolve()
    reg = load_registry(governing)
    if reg.missing:
        raise NoRegistry(str(root))
    registry = reg.registry or Registry("", "Asia/Shanghai", _empty_office())
    today = today or today_in(registry.timezone)
    rules_load = load_rules(governing)
    rules = rules_load.rules

    all_files, odd = (sorted(listing), []) if listing is not None else walk_submissions(root)
    item_ids = {item_id(p) for p in all_files if p.endswith(ITEM_SUFFIX)}
    ledger = load_ledger(governing, rules.levels, item_ids, set(registry.units))
    ctx = checks.Context(root, registry, rules, today, ledger, item_ids)

    wanted = None if paths is None else {p for p in paths}
    ctx.render_all = wanted is None
    selected = all_files if wanted is None else [p for p in all_files if p in wanted]
    results = read_and_check(selected, ctx, complete=wanted is None, cached=config_root is None)
    results += [_odd_result(root, p) for p in odd if wanted is None or p in wanted]

    items = [r.item for r in results if r.item is not None]
    findings: list[Finding] = list(reg.findings) if config_root is None else []
    for r in results:
        findings.extend(r.findings)
    other_items: list[Item] = []
    if wanted is not None:
        # Cross-item rules (M12) need the other items of the same units.
        units = {i.folder_unit for i in items}
        others = [
            read_path(root, p)
            for p in all_files
            if p not in wanted and p.split("/")[1:2] and p.split("/")[1] in units and p.endswith(ITEM_SUFFIX)
        ]
        other_items = [r.item for r in others if r.item is not None]
    corpus = checks.run_corpus_checks(items, ctx, other_items)
    findings.extend(f for f in corpus if wanted is None or f.path in wanted)
    if wanted is None:
        findings.extend(rules_load.findings)
        findings.extend(ledger.findings)
        if reg.registry is not None:
            findings.extend(registry_findings(registry, today))
    elif config_root is None:
        findings.extend(f for f in rules_load.findings + ledger.findings if f.path in wanted)
    findings.sort(key=sort_key)
    return Repository(root, registry, rules, ledger, today, results, findings, ctx.rendered)


CACHE_FROM = 200  # small runs (a PR's few files) are quicker without loading the cache
PARALLEL_FROM = 1500  # below this, starting workers costs more than it saves
CHUNK = 400


_FORKED_CTX: checks.Context | None = None  # set before forking so workers inherit it unpickled


def _read_chunk(ctx: checks.Context | None, paths: list[str]) -> list[ReadResult]:
    ctx = ctx or _FORKED_CTX
    out = []
    for rel in paths:
        result = read_path(ctx.root, rel)
        if result.item is not None:
            result.findings.extend(checks.run_item_checks(result.item, ctx))
        out.append(result)
    return out


def read_and_check(
    paths: list[str], ctx: checks.Context, complete: bool = False, cached: bool = True
) -> list[ReadResult]:
    """Read every path and run the item checks, reusing cached results of unchanged files.

    ``complete``: ``paths`` is every file of the repository, so entries of other files are dropped.
    ``cached=False``: the rules are not the root's own (the cache is keyed by the root's), so no cache.
    """
    if not (cached and cache.enabled() and len(paths) >= CACHE_FROM):
        return _read_and_check(paths, ctx)
    store = cache.ResultCache(ctx.root, ctx.today)
    known = {rel: store.get(rel) for rel in paths}
    todo = [rel for rel, hit in known.items() if hit is None]
    marks = {rel: store.mark(rel) for rel in todo}  # before reading: an edit meanwhile is never cached as read
    for result in _read_and_check(todo, ctx):
        known[result.path] = result
        store.put(result.path, result, marks[result.path])
    store.save(keep=set(paths) if complete else set(store.entries))
    return [known[rel] for rel in paths]


def _read_and_check(paths: list[str], ctx: checks.Context) -> list[ReadResult]:
    """Read every path and run the item checks; on both cores when the corpus is large."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return _read_chunk(ctx, paths)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _FORKED_CTX
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    _FORKED_CTX = ctx
    try:
        # fork: workers inherit the loaded modules and the context instead of re-importing them.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results: list[ReadResult] = []
            for part in pool.map(_read_chunk, [None] * len(chunks), chunks):
                results.extend(part)
    finally:
        _FORKED_CTX = None
    return results


def _odd_result(root: Path, rel: str) -> ReadResult:
    from ..report.findings import make
    from ..township.paths import Place

    kind = file_kind(os.lstat(Path(root) / rel).st_mode) or "文件夹"
    return ReadResult(rel, Place(rel, "other"), None, [make("F07", rel, kind=kind)])


def _empty_office():
    from ..township.registry import Office

    return Office()
