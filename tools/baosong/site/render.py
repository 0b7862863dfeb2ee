"""Generated pages built by MkDocs' own code in forked workers, each written only when it changed.

MkDocs reads and builds pages one by one in one process. The pages this plugin generates can be built
elsewhere:

* the plugin hides them from MkDocs' own loops (``HidingFiles``): the parent neither reads nor builds
  them, the sitemap still lists them;
* after ``on_env`` (config, files, nav, theme env all final) forked workers run MkDocs' own
  ``_populate_page`` and ``_build_page`` on them: the HTML is what MkDocs writes, a nav page's nav
  shows its place as MkDocs shows it (the workers have the same nav, forked);
* the parent takes each page's anchors, links and log lines back (``--strict`` counts the warnings;
  links to anchors are checked as MkDocs checks them);
* a page is not rendered again while its key is the same: the page's source, its panel values, the
  code, the packages, and a probe page rendered with the real nav/theme/config at each URL depth. The
  ledger (one JSON file per site folder, under ``$XDG_CACHE_HOME/baosong/site/``, never in the
  repository) records the key each file was written for and the file's stamp: while the served site
  still holds that very file and the files its links looked up are the same, the page is neither
  rendered nor written: the file is hard-linked into the fresh folder this build writes (keep.py).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import os
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import markdown
import mkdocs
from mkdocs.commands import build as mkbuild
from mkdocs.structure import pages as mkpages
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..scan.limits import MEMORY_LIMIT, OutOfTime, apply_process_limits, cpu_limit, cpu_seconds
from ..township.cache import cache_dir
from ..township.cache import enabled as cache_enabled

PLAIN_ENV = "BAOSONG_SITE_PLAIN"  # set: MkDocs builds every page itself (the reference the tests compare with)
WORKERS_ENV = "BAOSONG_SITE_WORKERS"  # number of worker processes (0 or 1: render in the build process)
FORMAT = 5
CHUNK = 40
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments", "nh3", "jinja2", "markupsafe")
_CODE = Path(__file__).resolve().parent.parent  # tools/baosong
NOT_RENDERING = {"command.py"}  # ``baosong build`` glue: loaded there and not by ``mkdocs build``, renders nothing


@dataclass
class Result:
    """What the parent needs of a page a worker (or the cache) produced."""

    uri: str
    key: str
    content: str | None
    toc: Any
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None
    logs: list[tuple[str, int, str]]
    cached: bool = False
    error: str | None = None
    written: Written | None = None  # the ledger's record of the page file this build wrote


@dataclass
class Job:
    """Everything a worker inherits by fork."""

    plugin: Any
    config: Any
    files: Files
    nav: Any
    env: Any
    doc_files: list[File]
    signature: str
    cache: Path | None
    want_content: bool
    uris: list[str] = field(default_factory=list)  # the generated pages, hidden from MkDocs' own loops
    written: dict[str, Written] = field(default_factory=dict)  # the ledger of the previous build (see cached)
    previous: str | None = None  # the served site (keep.py) whose unchanged page files are linked, not rewritten


_JOB: Job | None = None


# --- signature -------------------------------------------------------------------------------------


def code_signature() -> str:
    """The site code that has run in this build (loaded modules), its templates, the rendering packages' versions.

    Only loaded modules count: a module this build never imported cannot change its pages. The core
    (reader, ledger, stats) is not here: the values it gives a page are in that page's key.
    """
    h = hashlib.sha256(f"format {FORMAT}".encode())
    paths = set()
    for module in list(sys.modules.values()):
        name = getattr(module, "__file__", None)
        path = Path(name).resolve() if name else None
        if path and path.is_relative_to(_CODE / "site") and path.name not in NOT_RENDERING:
            paths.add(path)
    paths.add(_CODE / "scan/markdown_setup.py")  # what the page's values are is in each page's key
    paths.update(_CODE / "scan" / name for name in ("html_worker.py", "limits.py"))  # item bodies' HTML
    paths.update(p for p in (_CODE / "site" / "templates").rglob("*") if p.is_file())
    for path in sorted(paths):
        h.update(path.relative_to(_CODE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in PACKAGES:
        try:
            h.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=-;".encode())
    return h.hexdigest()


def _theme_files(config) -> bytes:
    """The contents of the theme's custom directory (overrides); the theme package is covered by its version."""
    out = []
    custom = config.theme.custom_dir
    if custom and os.path.isdir(custom):
        for path in sorted(Path(custom).rglob("*")):
            if path.is_file():
                out.append(path.relative_to(custom).as_posix().encode() + b"\0" + path.read_bytes())
    return b"\0".join(out)


def probe(config, nav, env, doc_files, depth: int) -> str:
    """A neutral page outside the nav at this URL depth, rendered with the real theme, nav and config."""
    uri = "baosong-probe/" * (depth - 1) + "baosong-probe.md"
    file = File.generated(config, uri, content="probe", inclusion=InclusionLevel.NOT_IN_NAV)
    page = Page("probe", file, config)
    page.markdown, page.meta, page.content, page.toc = "probe", {"title": "probe"}, "<p>probe</p>", get_toc([])
    context = mkbuild.get_context(nav, doc_files, config, page)
    return env.get_template("main.html").render(context)


def site_signature(config, nav, env, doc_files, depths) -> str:
    h = hashlib.sha256(code_signature().encode())
    h.update(_theme_files(config))
    keys = ("markdown_extensions", "mdx_configs", "use_directory_urls", "validation", "site_url", "strict")
    h.update(repr([(k, config.get(k)) for k in keys]).encode())
    h.update(repr(sorted(config.plugins)).encode())
    for depth in sorted(depths):
        h.update(probe(config, nav, env, doc_files, depth).encode())
    return h.hexdigest()


def cache_folder(root: Path) -> Path | None:
    if not cache_enabled():
        return None
    return cache_dir() / "site" / hashlib.sha256(str(root).encode()).hexdigest()[:32]


# --- rendering one page ------------------------------------------------------------------------------


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record):
        self.records.append((record.name, record.levelno, record.getMessage()))


@contextlib.contextmanager
def captured_logs():
    """Log lines of MkDocs and plugins, kept instead of printed (the parent prints them)."""
    logger = logging.getLogger("mkdocs")
    handler = _Capture()
    saved = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [handler], False
    try:
        yield handler.records
    finally:
        logger.handlers, logger.propagate = saved


@contextlib.contextmanager
def search_muted(config):
    """Search plugins index the page in the parent; here only their changes to the page's HTML run."""
    muted = []
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "add_entry_from_context"):
            index.add_entry_from_context = _no_entry
            muted.append(index)
    try:
        yield
    finally:
        for index in muted:
            del index.add_entry_from_context


def _no_entry(page):
    return None


class HidingFiles(Files):
    """The build's files; the ``hidden`` pages (generated, built by workers) are left out of
    ``documentation_pages`` until MkDocs has taken its list of pages to build: its loops never touch them."""

    def __init__(self, files: Files):  # not super().__init__: that would copy the mapping
        self.__dict__.update(files.__dict__)
        self.hidden: frozenset[str] = frozenset()

    def documentation_pages(self, **kwargs):
        pages = super().documentation_pages(**kwargs)
        return [f for f in pages if f.src_uri not in self.hidden] if self.hidden else pages

    def all_documentation_pages(self, **kwargs):
        return super().documentation_pages(**kwargs)


class _RecordingFiles(Files):
    """The build's files, noting every path a page's links looked up (the cache checks them again)."""

    def __init__(self, files: Files):  # not super().__init__: that would copy the mapping
        self.__dict__.update(files.__dict__)
        self.looked_up: dict[str, tuple | None] = {}

    def get_file_from_path(self, path):
        found = super().get_file_from_path(path)
        self.looked_up[path] = _file_state(found)
        return found


def _lookup(files: Files, path: str) -> File | None:
    """``files.get_file_from_path``, without its path normalising when ``path`` is a key as it is."""
    found = files.src_uris.get(path)
    return found if found is not None else files.get_file_from_path(path)


def _file_state(file: File | None):
    return None if file is None else (file.url, file.inclusion.name)


_MARKDOWN: dict[str, markdown.Markdown] = {}
REUSE_FOR = "1.6.1"  # the MkDocs whose Page.render reuse_markdown mirrors; any other: MkDocs' own render


def reuse_markdown(page: Page) -> None:
    """``Page.render`` of MkDocs 1.6.1, with one Markdown instance per process, ``reset()`` between pages,
    under the limits item bodies are rendered with (``scan/limits.py``: CPU time here, recursion and memory
    in ``limit_worker``).

    Python-Markdown supports converting many documents with one instance when reset between them; every
    extension in our list either keeps no state or clears it in ``reset``. Building the instance (all
    extensions, deep copies of their configs) is a fifth of a page's cost. The tests compare whole sites
    built this way and by MkDocs itself, byte for byte.
    """
    if mkdocs.__version__ != REUSE_FOR:
        return

    def render(config, files):
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        key = repr((config["markdown_extensions"], config["mdx_configs"]))
        md = _MARKDOWN.get(key)
        if md is None:
            md = _MARKDOWN[key] = markdown.Markdown(
                extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
            )
        md.reset()
        raw_html_ext = mkpages._RawHTMLPreprocessor()
        raw_html_ext._register(md)
        extract_anchors_ext = mkpages._ExtractAnchorsTreeprocessor(page.file, files, config)
        extract_anchors_ext._register(md)
        relative_path_ext = mkpages._RelativePathTreeprocessor(page.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = mkpages._ExtractTitleTreeprocessor()
        extract_title_ext._register(md)
        try:
            with cpu_limit(cpu_seconds(page.markdown)):  # the limits item bodies were rendered under
                page.content = md.convert(page.markdown)
        except OutOfTime:
            _MARKDOWN.pop(key, None)  # half-way through a page: not reused
            raise TimeoutError(f"Markdown 排版超过 {cpu_seconds(page.markdown):.0f} 秒") from None
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = extract_title_ext.title
        page.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        if mkpages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative_path_ext.links_to_anchors

    page.render = render


def _load(path: Path):
    try:
        with open(path, "rb") as fh:
            return json.load(fh)
    except (OSError, ValueError):  # missing, torn or not ours: the pages are rendered again
        return None


def _store(path: Path, entry) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(entry, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written is only slower


def page_cache_key(job: Job, uri: str) -> str:
    page = job.files.get_file_from_path(uri).page
    return hashlib.sha256(f"{job.signature}\0{job.plugin.page_key(page)}".encode()).hexdigest()


def cached(job: Job, uri: str, key: str) -> Result | None:
    """The page's result without rendering it, when nothing it shows has changed: the ledger says its
    file was written for this key, the served site still holds that very file, and the files its links
    looked up are the same. The file is then hard-linked into the folder this build writes (keep.py)."""
    record = job.written.get(uri)
    if record is None or record.key != key or job.want_content or job.previous is None:
        return None
    served = os.path.join(job.previous, record.path)
    if record.stamp != _stamp(served):
        return None
    entry = record.entry()
    if any(_file_state(_lookup(job.files, p)) != s for p, s in entry["looked_up"].items()):
        return None
    dest = job.files.get_file_from_path(uri).abs_dest_path
    try:
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        os.link(served, dest, follow_symlinks=False)
    except OSError:  # another file system, or no hard links there: the page is written again
        return None
    return _result(uri, key, entry, cached=True)


def render_page(job: Job, uri: str, key: str | None = None) -> Result:
    """One page by MkDocs' own code: read, convert, build and write it (unless ``cached``)."""
    key = key or page_cache_key(job, uri)
    hit = cached(job, uri, key)
    if hit is not None:
        return hit
    file = job.files.get_file_from_path(uri)
    page = file.page
    reuse_markdown(page)
    recording = _RecordingFiles(job.files)
    with captured_logs() as logs, job.plugin.rendering(), search_muted(job.config):
        try:
            mkbuild._populate_page(page, job.config, recording)
            page.__dict__.pop("render", None)  # reuse_markdown's, for this page only
            content, toc, anchors = page.content, page.toc, page.present_anchor_ids
            links = {f.src_uri: dict(v) for f, v in (page.links_to_anchors or {}).items()}
            mkbuild._build_page(page, job.config, job.doc_files, job.nav, job.env)
        except Exception as exc:  # MkDocs has logged it; the parent stops the build as MkDocs would
            return Result(uri, key, None, None, None, None, list(logs), error=f"{type(exc).__name__}: {exc}")
    # A worker keeps nothing of a page it has done (its memory would grow by every page's HTML); in the
    # build process the parent sets content, toc and anchors from the result right after.
    page.markdown, page.content, page.toc, page.present_anchor_ids, page.links_to_anchors = "", None, None, None, None
    entry = {
        "content": content if job.want_content else None,  # a written page is its own HTML
        "toc": toc,
        "anchors": anchors,
        "links": links,
        "logs": list(logs),
        "looked_up": recording.looked_up,
    }
    result = _result(uri, key, entry, cached=False)
    stamp = _stamp(file.abs_dest_path)  # the file keeps inode and times when its folder is swapped in
    result.written = Written.of(key, file.dest_uri, stamp, entry) if stamp is not None else None
    return result


class Written(tuple):
    """The ledger's record of a generated page's file: for which key it was written, where (site path,
    "/"), its stamp (size, mtime_ns, inode) right after writing, and what the parent needs of it (anchors,
    links, logs, the files its links looked up). A plain tuple, None for what is empty: the ledger of
    20,000 pages loads in a blink. Stored as JSON (``to_json`` / ``from_json``), never as a pickle."""

    __slots__ = ()

    @classmethod
    def of(cls, key: str, path: str, stamp: tuple, entry: dict) -> Written:
        parts = (entry["anchors"], entry["links"], entry["logs"], entry["looked_up"])
        return cls((key, path, stamp, *(part or None for part in parts)))

    key = property(lambda self: self[0])
    path = property(lambda self: self[1])
    stamp = property(lambda self: self[2])

    def to_json(self) -> list:
        key, path, stamp, anchors, links, logs, looked_up = self
        return [key, path, list(stamp), sorted(anchors) if anchors else None, links, logs, looked_up]

    @classmethod
    def from_json(cls, raw) -> Written | None:
        """A record read back from JSON (lists become the tuples and sets they were), or None if malformed."""
        try:
            key, path, stamp, anchors, links, logs, looked_up = raw
            return cls(
                (
                    str(key),
                    str(path),
                    tuple(int(n) for n in stamp),
                    set(anchors) if anchors else None,
                    {str(u): dict(v) for u, v in links.items()} if links else None,
                    [(str(n), int(lv), str(m)) for n, lv, m in logs] if logs else None,
                    {str(p): tuple(s) if s is not None else None for p, s in looked_up.items()} if looked_up else None,
                )
            )
        except (TypeError, ValueError, AttributeError):
            return None

    def entry(self) -> dict:
        anchors, links, logs, looked_up = self[3:]
        return {
            "content": None,
            "toc": get_toc([]),  # the page's toc is only in its HTML
            "anchors": anchors or set(),
            "links": links or {},
            "logs": logs or [],
            "looked_up": looked_up or {},
        }


def _stamp(path: str) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _result(uri: str, key: str, entry: dict, cached: bool) -> Result:
    return Result(uri, key, entry["content"], entry["toc"], entry["anchors"], entry["links"], entry["logs"], cached)


def limit_worker() -> None:
    """A forked render worker: the recursion limit, and the memory limit on top of what it inherited."""
    memory = None
    try:
        with open("/proc/self/statm") as fh:
            memory = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE") + MEMORY_LIMIT
    except (OSError, ValueError, IndexError):
        pass
    apply_process_limits(memory)


def _render_chunk(todo: list[tuple[str, str]]) -> list[Result]:
    return [render_page(_JOB, uri, key) for uri, key in todo]


# --- page builders ----------------------------------------------------------------------------------

_BUILD: tuple | None = None


def _run_builder(index: int):
    ctx, builders = _BUILD
    with captured_logs() as logs:
        try:
            return list(builders[index](ctx)), None, list(logs)
        except Exception as exc:
            return None, f"{type(exc).__name__}：{exc}", list(logs)


def run_builders(ctx, builders: list, workers: int, meanwhile=None) -> list[tuple[list | None, str | None, list]]:
    """Each builder's pages (or its error) and log lines, in order.

    The builders run in forked workers, except those marked ``in_build_process``: those run here
    meanwhile (their pages would cost more to send back than to make), and then ``meanwhile()``.
    """
    import multiprocessing

    from .pages import is_local

    global _BUILD
    _BUILD = (ctx, builders)
    gc.collect()
    gc.freeze()
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=limit_worker)
    gc.unfreeze()
    try:
        pending = {i: pool.apply_async(_run_builder, (i,)) for i, b in enumerate(builders) if not is_local(b)}
        here = {i: _run_builder(i) for i, b in enumerate(builders) if is_local(b)}
        if meanwhile is not None:
            meanwhile()
        return [here[i] if i in here else pending[i].get() for i in range(len(builders))]
    finally:
        pool.terminate()
        pool.join()
        _BUILD = None


# --- the parent's side ------------------------------------------------------------------------------


def worker_count() -> int:
    text = os.environ.get(WORKERS_ENV)
    if text and text.strip().isdigit():
        return int(text)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Renderer:
    """Started in ``on_env``: what the cache holds is taken from it here, the rest is rendered by workers
    (or, when few or no workers, in this process when asked for)."""

    def __init__(self, job: Job, uris: list[str], workers: int):
        global _JOB
        _JOB = job
        self.job = job
        self.results: dict[str, Result] = {}
        self.keys: dict[str, str] = {}
        self.written: dict[str, Written] = {}
        self.pool = None
        self.pending = None
        todo = []
        for uri in uris:
            key = self.keys[uri] = page_cache_key(job, uri)
            hit = cached(job, uri, key)
            if hit is None:
                todo.append((uri, key))
            else:
                self.results[uri] = hit
                self.written[uri] = job.written[uri]
        if workers > 1 and len(todo) > CHUNK:
            import multiprocessing

            chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
            gc.collect()
            gc.freeze()  # the workers share the parent's objects without touching their pages of memory
            self.pool = multiprocessing.get_context("fork").Pool(workers, initializer=limit_worker)
            gc.unfreeze()
            self.pending = self.pool.imap(_render_chunk, chunks)

    def take(self, uri: str) -> Result:
        while uri not in self.results and self.pending is not None:
            try:
                chunk = next(self.pending)
            except StopIteration:
                self.pending = None
                break
            for result in chunk:
                self.results[result.uri] = result
        result = self.results.pop(uri, None)
        if result is None:  # in this process (no workers, or a page the workers were not given)
            result = render_page(self.job, uri, self.keys.get(uri))
        if result.written is not None:
            self.written[uri] = result.written
        return result

    def close(self) -> None:
        global _JOB
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
        _JOB = None


def ledger_path(folder: Path, site_dir: str) -> Path:
    """The record of the page files written into ``site_dir`` (one per site folder of this repository)."""
    return folder / f"written-{hashlib.sha256(os.path.realpath(site_dir).encode()).hexdigest()[:16]}.json"


def load_ledger(folder: Path | None, site_dir: str) -> dict[str, Written]:
    ledger = _load(ledger_path(folder, site_dir)) if folder is not None else None
    if not isinstance(ledger, dict) or ledger.get("format") != FORMAT or not isinstance(ledger.get("pages"), dict):
        return {}
    records = {uri: Written.from_json(raw) for uri, raw in ledger["pages"].items()}
    return {uri: record for uri, record in records.items() if record is not None}


def save_ledger(folder: Path | None, site_dir: str, written: dict[str, Written]) -> None:
    if folder is not None:
        pages = {uri: record.to_json() for uri, record in written.items()}
        _store(ledger_path(folder, site_dir), {"format": FORMAT, "pages": pages})
        for old in (*folder.glob("*.pickle"), *folder.glob("*.ledger")):  # earlier versions' pickles
            with contextlib.suppress(OSError):
                old.unlink()


def replay(logs: list[tuple[str, int, str]]) -> None:
    for name, level, message in logs:
        logging.getLogger(name).log(level, message)
