"""Pages outside the nav (items, later listing pages, requests) rendered in forked workers, with a page cache.

MkDocs reads and builds pages one by one in one process. For a page that is not in the nav, everything
it shows is its own source plus what every such page at the same URL depth shows (header, nav, footer),
so those pages can be built elsewhere:

* in MkDocs' reading loop the parent skips them (no Markdown instance, no conversion);
* after ``on_env`` (config, files, nav, theme env all final) forked workers run MkDocs' own
  ``_populate_page`` and ``_build_page`` on their share of these pages: the HTML is what MkDocs writes;
* the parent's building loop then meets each such page with its content, toc and anchors copied back
  from the worker (search plugins index them as usual), renders an empty template (nothing written) and
  re-emits the worker's log lines, so ``--strict`` counts them;
* the HTML is cached per page outside the repository (``$XDG_CACHE_HOME/baosong/site/``), keyed by
  the page's source, its panel values, the files its links resolved to, the code, the packages, and a
  probe page rendered with the real nav/theme/config at each URL depth: a rebuild re-renders only
  pages whose key changed.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
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
from mkdocs.utils import write_file

from ..cache import cache_dir
from ..cache import enabled as cache_enabled

NOOP_TEMPLATE = "baosong-prebuilt.html"  # the parent's template for pages a worker already wrote
PLAIN_ENV = "BAOSONG_SITE_PLAIN"  # set: MkDocs builds every page itself (the reference the tests compare with)
WORKERS_ENV = "BAOSONG_SITE_WORKERS"  # number of worker processes (0 or 1: render in the build process)
FORMAT = 1
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
    whole: set[str] = field(default_factory=set)  # pages outside the nav: built and written by the worker


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
    paths.add(_CODE / "markdown_setup.py")  # what the page's values are is in each page's key
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


class _RecordingFiles(Files):
    """The build's files, noting every path a page's links looked up (the cache checks them again)."""

    def __init__(self, files: Files):  # not super().__init__: that would copy the mapping
        self.__dict__.update(files.__dict__)
        self.looked_up: dict[str, tuple | None] = {}

    def get_file_from_path(self, path):
        found = super().get_file_from_path(path)
        self.looked_up[path] = _file_state(found)
        return found


def _file_state(file: File | None):
    return None if file is None else (file.url, file.inclusion.name)


def skip_reading(page: Page) -> None:
    """The parent's reading loop passes over this page (a worker reads it later): no Markdown conversion."""

    def read_source(config):
        page.markdown, page.meta = "", {}

    def render(config, files):
        page.content, page.toc, page.present_anchor_ids = "", get_toc([]), set()

    page.read_source = read_source
    page.render = render


_MARKDOWN: dict[str, markdown.Markdown] = {}
REUSE_FOR = "1.6.1"  # the MkDocs whose Page.render reuse_markdown mirrors; any other: MkDocs' own render


def reuse_markdown(page: Page) -> None:
    """``Page.render`` of MkDocs 1.6.1, with one Markdown instance per process, ``reset()`` between pages.

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
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = extract_title_ext.title
        page.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        if mkpages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative_path_ext.links_to_anchors

    page.render = render


def restore_reading(page: Page) -> None:
    for name in ("read_source", "render"):
        page.__dict__.pop(name, None)


def _load(path: Path):
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return None


def _store(path: Path, entry: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(entry, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written is only slower


def render_page(job: Job, uri: str) -> Result:
    """One page by MkDocs' own code: read and convert it, then (outside the nav) build and write it.

    A page in the nav is only read and converted here: the parent builds it, since its nav shows where it is.
    """
    file = job.files.get_file_from_path(uri)
    page = file.page
    whole = uri in job.whole
    key = hashlib.sha256(f"{job.signature}\0{whole}\0{job.plugin.page_key(page)}".encode()).hexdigest()
    entry_path = job.cache / f"{key}.pickle" if job.cache else None
    entry = _load(entry_path) if entry_path and entry_path.exists() else None
    if entry is not None and all(
        _file_state(job.files.get_file_from_path(p)) == s for p, s in entry["looked_up"].items()
    ):
        if whole:
            write_file(entry["html"], file.abs_dest_path)
        return _result(job, uri, key, entry, cached=True)
    restore_reading(page)
    reuse_markdown(page)
    recording = _RecordingFiles(job.files)
    with captured_logs() as logs, job.plugin.rendering(), search_muted(job.config):
        try:
            mkbuild._populate_page(page, job.config, recording)
            restore_reading(page)
            content, toc, anchors = page.content, page.toc, page.present_anchor_ids
            links = {f.src_uri: dict(v) for f, v in (page.links_to_anchors or {}).items()}
            if whole:
                mkbuild._build_page(page, job.config, job.doc_files, job.nav, job.env)
        except Exception as exc:  # MkDocs has logged it; the parent stops the build as MkDocs would
            return Result(uri, key, None, None, None, None, list(logs), error=f"{type(exc).__name__}: {exc}")
    html = None
    if whole:
        html = Path(file.abs_dest_path).read_bytes() if os.path.exists(file.abs_dest_path) else b""
    # A worker keeps nothing of a page it has done (its memory would grow by every page's HTML); in the
    # build process the parent sets content, toc and anchors from the result right after.
    page.markdown, page.content, page.toc, page.present_anchor_ids, page.links_to_anchors = "", None, None, None, None
    entry = {
        "html": html,
        "content": content,
        "toc": toc,
        "anchors": anchors,
        "links": links,
        "logs": list(logs),
        "looked_up": recording.looked_up,
    }
    if entry_path and (html or not whole):
        _store(entry_path, entry)
    return _result(job, uri, key, entry, cached=False)


def _result(job: Job, uri: str, key: str, entry: dict, cached: bool) -> Result:
    return Result(
        uri,
        key,
        entry["content"] if job.want_content or uri not in job.whole else None,
        entry["toc"],
        entry["anchors"],
        entry["links"],
        entry["logs"],
        cached,
    )


def _render_chunk(uris: list[str]) -> list[Result]:
    return [render_page(_JOB, uri) for uri in uris]


# --- page builders ----------------------------------------------------------------------------------

_BUILD: tuple | None = None


def _run_builder(index: int):
    ctx, builders = _BUILD
    with captured_logs() as logs:
        try:
            return list(builders[index](ctx)), None, list(logs)
        except Exception as exc:
            return None, f"{type(exc).__name__}：{exc}", list(logs)


def run_builders(ctx, builders: list, workers: int) -> list[tuple[list | None, str | None, list]]:
    """Each builder's pages (or its error) and log lines, in order; the builders run in forked workers."""
    import multiprocessing

    global _BUILD
    _BUILD = (ctx, builders)
    gc.collect()
    gc.freeze()
    pool = multiprocessing.get_context("fork").Pool(workers)
    gc.unfreeze()
    try:
        pending = [pool.apply_async(_run_builder, (i,)) for i in range(len(builders))]
        return [p.get() for p in pending]
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
    """Started in ``on_env``; hands the parent each page's result when MkDocs' building loop reaches it."""

    def __init__(self, job: Job, uris: list[str], workers: int):
        global _JOB
        _JOB = job
        self.job = job
        self.results: dict[str, Result] = {}
        self.keys: set[str] = set()
        self.pool = None
        self.pending = None
        if workers > 1 and len(uris) > CHUNK:
            import multiprocessing

            chunks = [uris[i : i + CHUNK] for i in range(0, len(uris), CHUNK)]
            gc.collect()
            gc.freeze()  # the workers share the parent's objects without touching their pages of memory
            self.pool = multiprocessing.get_context("fork").Pool(workers)
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
            result = render_page(self.job, uri)
        self.keys.add(result.key)
        return result

    def close(self) -> None:
        global _JOB
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
        _JOB = None

    def prune(self) -> None:
        """Entries no page of this build used are dropped (the cache holds one site per repository)."""
        folder = self.job.cache
        if folder is None or not folder.is_dir():
            return
        for path in folder.iterdir():
            if path.suffix == ".pickle" and path.stem not in self.keys:
                with contextlib.suppress(OSError):
                    path.unlink()


def replay(logs: list[tuple[str, int, str]]) -> None:
    for name, level, message in logs:
        logging.getLogger(name).log(level, message)
