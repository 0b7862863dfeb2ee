"""The ``baosong`` MkDocs plugin: every page of the site is generated in memory from validated items.

``mkdocs build``, ``mkdocs serve`` and ``baosong build`` all run this plugin, so they publish the same
site. It never copies a submission file: items become generated pages whose source is the body the
strict reader extracted, ``page.meta`` holds only allowed keys, item HTML goes through the nh3
allow-list, and attachments are re-emitted from bytes read without following links.

At scale (render.py): the page builders run in forked workers while this process writes the search
index; the generated pages are read, converted, built and written by MkDocs' own code in forked
workers, hidden from MkDocs' own loops. Every build writes a fresh folder that is swapped in at the
end, under a lock (keep.py): the served site is never emptied. A ledger outside the repository records
which page file was written for which inputs, so a rebuild renders only what changed and links the rest
from the served site. The site is byte for byte what MkDocs alone writes (``BAOSONG_SITE_PLAIN=1``;
tests/test_site_scale.py).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import importlib
import logging
import os
import pkgutil
import re
import stat
import warnings
from html import escape
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from ..checks.repository import NoRegistry, Repository, load_repository
from ..office.exports import charts
from ..scan import markdown_setup
from ..township import attachments
from ..township.dates import parse_date
from ..township.items import MAX_ATTACHMENT_BYTES, SUBMISSIONS
from ..township.oserrors import describe as describe_oserror
from . import bodies, form, keep, pages, render, sanitize, search_site
from .form import page as form_page
from .masking import Masker
from .navigation import build_nav
from .pages.form import FORM_META as FORM  # a 填报 page: its controls and data survive cleaning
from .pages.home import HOME_INTRO
from .urls import page_url

log = get_plugin_logger(__name__)
# jieba (imported by the search plugin) warns about pkg_resources on every run: not a reader's business.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
TODAY_ENV = "BAOSONG_TODAY"
GENERATED = "baosong_generated"  # page.meta marker for pages this plugin made
OUTSIDE_NAV = "baosong_outside_nav"  # page.meta marker for generated pages that are not in the nav


class BaosongConfig(Config):
    today = c.Optional(c.Type(str))
    """Treat this day (YYYY-MM-DD) as today; default: $BAOSONG_TODAY, else today in the registry's timezone."""
    root = c.Optional(c.Type(str))
    """The township repository; default: the directory that holds mkdocs.yml."""
    workers = c.Optional(c.Type(int))
    """Worker processes for page builders and generated pages; default: $BAOSONG_SITE_WORKERS, else the usable
    cores (0 or 1: all in the build process)."""
    offload = c.Type(bool, default=True)
    """Build generated pages in workers / skip unchanged ones (render.py); false (or $BAOSONG_SITE_PLAIN=1):
    MkDocs builds every page itself, one by one."""
    cache = c.Type(bool, default=True)
    """Keep the previous site and a ledger of its page files (under $XDG_CACHE_HOME/baosong/site/, never in the
    repository; $BAOSONG_NO_CACHE=1: off): unchanged pages are not rendered or written again."""
    search = c.Type(bool, default=True)
    """The sharded offline search (replaces Material's single-file search index)."""


def import_builders() -> None:
    """Import every module of ``baosong.site.pages`` so that all ``@page_builder``s register (once).

    A module that fails to import is reported and skipped: the rest of the site is still built.
    """
    for info in pkgutil.iter_modules(pages.__path__):
        try:
            importlib.import_module(f"{pages.__name__}.{info.name}")
        except Exception as exc:
            if os.environ.get("BAOSONG_DEBUG"):
                raise
            log.error(f"页面模块 {info.name} 无法加载（{type(exc).__name__}：{exc}），其页面未生成")


def left_out(repo: Repository) -> dict[str, list[str]]:
    """Submission paths not published because of errors → their error codes."""
    out: dict[str, list[str]] = {}
    for f in repo.findings:
        if f.is_error and f.path.startswith(SUBMISSIONS + "/"):
            codes = out.setdefault(f.path, [])
            if f.code not in codes:
                codes.append(f.code)
    return out


def printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file, never through a link, or None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return None
        data = fh.read(limit + 1)
    return data if len(data) <= limit else None


def drop_links(files: Files) -> None:
    """Hand-written docs and theme files that are links, or that lead outside their folder, are not copied."""
    for file in list(files):
        src = file.abs_src_path
        if not src or file.generated_by is not None or not file.src_dir:
            continue
        base = os.path.realpath(file.src_dir)
        real = os.path.realpath(src)
        if os.path.islink(src) or os.path.commonpath([base, real]) != base:
            files.remove(file)
            log.warning(f"未复制 {printable(file.src_uri)}：是链接或指向文件夹外")


def files_get(files: Files, uri: str):
    return files.get_file_from_path(uri)


_ID = re.compile(r"""\sid=["']([^"']*)["']""")
_A_NAME = re.compile(r"""<a\s[^>]*?\bname=["']([^"']*)["']""")


def block_anchors(blocks: list[str]) -> set[str]:
    """Anchor targets in HTML blocks as MkDocs counts them in raw HTML: any ``id``, an ``<a name>``."""
    return {a for b in blocks for pattern in (_ID, _A_NAME) for a in pattern.findall(b)}


def nav_key(nav, plain: bool = False):
    """A function giving, for a page outside the nav, what its sidebar depends on (None: render it).

    Such a page marks no nav entry as active, so its nav differs from another's only by the relative
    links: those depend on its URL depth and on the longest folder of its URL that nav entries share
    (``units/u1/2/`` links to ``units/u1/`` as ``../``). Its table of contents is empty when it has no
    heading below the title. The reference build (``plain``) renders every sidebar, so the tests that
    compare sites byte for byte check all this.
    """
    prefixes = set()
    for page in getattr(nav, "pages", ()) if nav is not None else ():
        parts = tuple(p for p in page.url.split("/") if p)
        prefixes.update(parts[:k] for k in range(1, len(parts) + 1))

    def key(page):
        toc = list(page.toc or ())
        if toc and toc[0].level == 1:
            toc = list(toc[0].children)  # what Material's toc partial shows
        if plain or toc or page.meta.get("hide") or page.parent is not None:
            return None
        folders = tuple(p for p in page.url.split("/")[:-1] if p)
        shared = 0
        while shared < len(folders) and folders[: shared + 1] in prefixes:
            shared += 1
        return (page.url.count("/"), folders[:shared])

    return key


def strict_failed() -> bool:
    """True when ``mkdocs build --strict`` has counted warnings: it raises ``Abort`` after ``on_post_build``."""
    from mkdocs.utils import CountHandler

    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)


class BaosongPlugin(BasePlugin[BaosongConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.repo: Repository | None = None
        self.preloaded: Repository | None = None
        self.ctx: pages.SiteContext | None = None
        self.generated: dict[str, pages.GeneratedPage] = {}  # src_uri → the page this plugin made
        self.blocks: dict[str, list[str]] = {}  # src_uri → HTML blocks taken out of its Markdown
        self.nonce = pages.new_nonce()
        self.left_out: dict[str, list[str]] = {}
        self.offloaded: set[str] = set()  # src_uris of generated pages: workers read, build and write them
        self.renderer: render.Renderer | None = None
        self.in_worker = False  # True while MkDocs' own page code runs for an offloaded page
        self.reused = 0
        self._nav = None
        self.charts_since = 0
        self.builder_failed = False
        self.files: Files | None = None
        self.staging: keep.Staging | None = None  # the fresh folder this build writes (keep.py)
        self.served = ""  # the site folder as configured, while MkDocs writes into the fresh one
        self.mkdocs_config = None
        self.dirty = False
        self.serving = False

    # --- configuration -------------------------------------------------------------------------
    def root(self, config) -> Path:
        if self.config.root:
            return Path(self.config.root).resolve()
        return Path(config.config_file_path or ".").resolve().parent

    def today(self):
        text = self.config.today or os.environ.get(TODAY_ENV)
        if not text:
            return None
        day = parse_date(text)
        if day is None:
            raise PluginError(f"baosong: “{text}”不是有效日期，请写成 YYYY-MM-DD")
        return day

    def on_config(self, config):
        try:  # the search plugin segments Chinese with jieba; its start-up chatter is not for users
            import jieba

            jieba.setLogLevel(logging.WARNING)
        except ImportError:
            pass
        if self.config.search:
            search_site.configure(config)
        form.configure(config)
        # The one Markdown extension list (validator S08 renders bodies with the same one).
        config.markdown_extensions = list(markdown_setup.EXTENSIONS)
        config.mdx_configs = copy.deepcopy(markdown_setup.CONFIGS)
        return config

    def page_cache(self, config) -> Path | None:
        """The folder of the page cache, or None when pages are not cached."""
        if not self.config.cache or not self.config.offload or os.environ.get(render.PLAIN_ENV):
            return None
        return render.cache_folder(self.root(config))

    def on_startup(self, *, command, dirty):
        self.dirty = dirty  # a dirty build adds to the folder as it is: no fresh folder then
        self.serving = command == "serve"  # builds into its own temporary folder: nothing to lock against

    def on_pre_build(self, config):
        self.generated, self.offloaded, self.reused = {}, set(), 0  # one instance may serve many builds (serve)
        self.blocks = {}
        self.nonce = pages.new_nonce()  # placeholders no typed text can name (pages.split_blocks)
        self.staging, self.served, self.mkdocs_config = None, config.site_dir, config
        if self.dirty:
            return
        try:
            self.staging = keep.begin(config.site_dir, locked=not self.serving)
        except keep.Busy as exc:
            raise PluginError(str(exc)) from None
        except OSError as exc:
            log.warning(
                f"无法新建临时文件夹（{describe_oserror(exc)}）：直接写入 {printable(config.site_dir)}，构建期间网站不完整"
            )
            return
        config.site_dir = str(self.staging.fresh)  # MkDocs empties and writes this one; the served one stays

    # --- pages -----------------------------------------------------------------------------------
    @event_priority(100)  # first: the builders' pages before any other plugin looks at the files
    def on_files(self, files: Files, config) -> Files:
        files = self.files = render.HidingFiles(files)
        drop_links(files)
        self.repo = self.preloaded or self._load(config)
        self.left_out = left_out(self.repo)
        for path, codes in self.left_out.items():
            log.warning(f"未发布 {self._shown(path)}：{'、'.join(codes)}（运行 baosong validate 查看原因）")
        ctx = pages.SiteContext(self.repo, config)
        self.ctx = ctx
        intro = files.get_file_from_path("index.md")
        if intro is not None:
            ctx.extra[HOME_INTRO] = get_data(intro.content_string)[0]  # the office's home text
        import_builders()
        folder = self.page_cache(config)
        self.charts_since = charts.use_memo(folder / "charts" if folder is not None else None)
        self.builder_failed = False
        generated = self._generate(ctx, lambda: self._write_search(config))
        taken = set()
        for page in generated:
            if page.uri in taken:
                log.error(f"页面重复生成：{page.uri}（已忽略后一个）")
                continue
            taken.add(page.uri)
            old = files.get_file_from_path(page.uri)
            if old is not None:
                files.remove(old)
            inclusion = InclusionLevel.INCLUDED if page.nav_section else InclusionLevel.NOT_IN_NAV
            markdown = page.content
            if not page.meta.get("baosong_item"):  # our templates' HTML blocks skip Markdown (pages.split_blocks)
                markdown, self.blocks[page.uri] = pages.split_blocks(page.content, self.nonce)
            # A leading blank line: MkDocs never reads front matter or "key: value" meta from generated text.
            file = File.generated(config, page.uri, content="\n" + markdown, inclusion=inclusion)
            files.append(file)
            self.generated[page.uri] = page
            if self.config.offload and not os.environ.get(render.PLAIN_ENV):
                self.offloaded.add(page.uri)
        self._attachments(files, config)
        for uri, data in form.asset_files().items():  # the form's scripts, whatever else the build does
            old = files.get_file_from_path(uri)
            if old is not None:
                files.remove(old)
            files.append(File.generated(config, uri, content=data))
        config.nav = build_nav(files, generated)
        published = len(ctx.extra["site_data"].items) if "site_data" in ctx.extra else 0
        log.info(f"已发布 {published} 条信息；{len(self.left_out)} 个文件因有错误未发布")
        return files

    def _write_search(self, config) -> None:
        """The search index: made from the items' Markdown, so it is written before any page (meanwhile)."""
        if self.config.search:
            from .pages.common import site_data

            pages_written = search_site.hand_written(config.docs_dir, config.exclude_docs)
            data = site_data(self.ctx)
            docs = search_site.documents(self.repo, pages_written, data.masker, data.uri)
            stats = search_site.write(config.site_dir, docs)
            log.info(f"搜索索引：{stats.docs} 篇，{stats.total_bytes / 1e6:.1f} MB")

    def _load(self, config) -> Repository:
        try:
            return load_repository(self.root(config), self.today())
        except NoRegistry:
            raise PluginError("baosong: 找不到 units.yaml，无法生成网站") from None

    def workers(self) -> int:
        import threading

        if threading.current_thread() is not threading.main_thread():
            return 0  # mkdocs serve rebuilds in its server thread: no fork there
        return self.config.workers if self.config.workers is not None else render.worker_count()

    def _generate(self, ctx, meanwhile) -> list[pages.GeneratedPage]:
        """The builders' pages; ``meanwhile`` runs in this process while workers run the builders."""
        builders = list(pages.PAGE_BUILDERS)
        workers = self.workers() if self.config.offload and not os.environ.get(render.PLAIN_ENV) else 0
        if workers > 1 and len(builders) > 1:
            from .pages.common import site_data

            site_data(ctx)  # computed once, before the fork
            outcomes = render.run_builders(ctx, builders, workers, meanwhile)
        else:
            outcomes = [self._run_builder(ctx, builder) for builder in builders]
            meanwhile()
        out = []
        for builder, (made, error, logs) in zip(builders, outcomes, strict=True):
            render.replay(logs)
            if error is not None:
                self.builder_failed = True
                if os.environ.get("BAOSONG_DEBUG"):
                    raise PluginError(error)
                log.error(f"生成页面出错（{builder.__module__}.{builder.__name__}：{error}）")
                continue
            out.extend(made)
        return out

    @staticmethod
    def _run_builder(ctx, builder):
        try:
            return list(builder(ctx)), None, []
        except Exception as exc:  # one broken builder must not take the whole site down
            if os.environ.get("BAOSONG_DEBUG"):
                raise
            return None, f"{type(exc).__name__}：{exc}", []

    def _shown(self, path: str) -> str:
        """A path for the build log: printable, a personal number in the file name masked (logs are kept and read
        by more people than the file's reporter)."""
        return printable(Masker.for_rules(self.repo.rules, self.repo.today).path(path))

    def _attachments(self, files: Files, config) -> None:
        from .pages.common import site_data
        from .pages.items import attachment_uri, published_attachments

        linked = published_attachments(self.ctx)
        masker = site_data(self.ctx).masker
        refused = set()
        emitted: dict[str, str] = {}
        for path in sorted({p for paths in linked.values() for p in paths}):
            data = read_regular(self.repo.root / path, MAX_ATTACHMENT_BYTES)
            if data is None:
                log.warning(f"附件未发布（不是普通文件或太大）：{self._shown(path)}")
                refused.add(path)
                continue
            if attachments.problems(path, data):  # the bytes published are the bytes checked (F13)
                log.warning(f"附件未发布（内容与扩展名不符或含脚本，见 F13）：{self._shown(path)}")
                refused.add(path)
                continue
            uri = attachment_uri(path, masker)  # a personal number in the name is masked
            if emitted.setdefault(uri, path) != path:  # two names that mask alike: neither may replace the other
                log.warning(
                    f"附件未发布（文件名里的号码打码后与 {self._shown(emitted[uri])} 同名，请改文件名）：{self._shown(path)}"
                )
                refused.add(path)
                continue
            old = files.get_file_from_path(uri)
            if old is not None:
                files.remove(old)
            files.append(File.generated(config, uri, content=data))
        for item_id, paths in linked.items():
            linked[item_id] = [p for p in paths if p not in refused]

    @event_priority(-100)  # last: the env other plugins changed is the one the workers inherit
    def on_env(self, env, config, files):
        """Pages outside the nav share their sidebar: the theme override asks for it here (``nav_key``).

        Then the generated pages are handed to ``render.Renderer`` (workers and the ledger).
        """
        cache: dict[tuple, Markup] = {}
        shared = nav_key(self._nav, plain=bool(os.environ.get(render.PLAIN_ENV)))

        def get(page):
            key = shared(page)
            return cache.get(key) if key is not None else None

        def put(page, html):
            markup, key = Markup(html), shared(page)
            if key is not None:
                cache[key] = markup
            return markup

        env.globals["baosong_nav_get"] = get
        env.globals["baosong_nav_put"] = put
        if self.offloaded:
            self._start_renderer(env, config, files)
        return env

    def _start_renderer(self, env, config, files) -> None:
        """Workers (or this process) build the offloaded pages, all of them before MkDocs builds any other."""
        doc_files = files.all_documentation_pages(inclusion=InclusionLevel.is_included)
        uris = [f.src_uri for f in doc_files if f.src_uri in self.offloaded and f.page is not None]
        nav = self._nav
        if config.use_directory_urls:  # as MkDocs makes them, without computing 20,000 URLs here
            depths = {(page_url(u) or "./").count("/") for u in uris}
        else:
            depths = {files.get_file_from_path(u).url.count("/") for u in uris}
        signature = render.site_signature(config, nav, env, doc_files, depths)
        folder = self.page_cache(config)
        want_content = any(hasattr(p, "search_index") for p in config.plugins.values())
        job = render.Job(self, config, files, nav, env, doc_files, signature, folder, want_content)
        previous = self.staging.previous if self.staging is not None else None
        job.previous = str(previous) if previous is not None else None
        job.written = render.load_ledger(folder, self.served) if previous is not None else {}
        job.uris = [u for u in uris if u in files.hidden]
        self.renderer = render.Renderer(job, job.uris, self.workers())
        indexes = [p.search_index for p in config.plugins.values() if hasattr(p, "search_index")]
        for uri in job.uris:
            page = files.get_file_from_path(uri).page
            self._apply(page, self.renderer.take(uri))
            for index in indexes:  # MkDocs' loop, where a search plugin would see it, passes it over
                index.add_entry_from_context(page)

    @event_priority(-100)  # last: the nav is final
    def on_nav(self, nav, config, files):
        """Generated pages are left to the workers: MkDocs' own page loops will not see them.

        Those outside the nav need a ``Page`` all the same (the sitemap lists them; links to them are
        checked). A page in the nav is built by a worker as MkDocs would build it: the worker has the
        same nav (forked), with the page's place, previous and next page in it.
        """
        self._nav = nav
        if not isinstance(files, render.HidingFiles):
            return nav
        hidden = set()
        for uri in self.offloaded:
            file = files.get_file_from_path(uri)
            if file is not None and file.inclusion.is_included():
                if file.page is None:
                    Page(None, file, config)
                hidden.add(uri)
        files.hidden = frozenset(hidden)
        return nav

    def on_template_context(self, context, template_name, config):
        """The sitemap lists every page, the hidden ones included."""
        if self.files is not None and self.files.hidden:
            context["pages"] = self.files.all_documentation_pages()
        return context

    def page_meta(self, gen: pages.GeneratedPage) -> dict:
        """Only allowed keys reach the theme; the title cannot open a tag even where the theme does not escape."""
        meta = {"title": sanitize.plain(gen.title), GENERATED: True}
        if gen.meta.get(FORM):
            meta[FORM] = True
        item_id = gen.meta.get("baosong_item")
        if item_id:
            item = self.ctx.extra["site_data"].by_id[item_id]
            meta["tags"] = [sanitize.plain(t) for t in item.tags]
            meta["baosong_item"] = item_id
        if gen.nav_section is None:
            meta[OUTSIDE_NAV] = True  # its nav is the same as every such page's at its depth (overrides/main.html)
            if not item_id:
                meta["search"] = {"exclude": True}  # listings repeat item titles: keep the index to the items
        return meta

    def page_key(self, page) -> str:
        """Everything an offloaded page shows besides what every page at its depth shows (render.probe)."""
        from .pages.items import item_values

        gen = self.generated[page.file.src_uri]
        h = hashlib.sha256(page.file.src_uri.encode() + b"\0" + gen.content.encode() + b"\0")
        h.update(repr(sorted(self.page_meta(gen).items())).encode())
        h.update(self.ctx.extra["site_data"].masker.signature.encode())  # scan.allow decides what is masked
        item_id = gen.meta.get("baosong_item")
        if item_id:
            values = item_values(self.ctx, self.ctx.extra["site_data"].by_id[item_id])
            h.update(repr(sorted((k, v) for k, v in values.items() if not callable(v))).encode())
        return h.hexdigest()

    @contextlib.contextmanager
    def rendering(self):
        self.in_worker, saved = True, self.in_worker
        try:
            yield
        finally:
            self.in_worker = saved

    def on_page_markdown(self, markdown, page, config, files):
        gen = self.generated.get(page.file.src_uri)
        if gen is None or page.file.generated_by is None:
            if "render" not in page.__dict__:  # hand-written pages: MkDocs renders them, under the same limits
                page.render = bodies.limited(page.render, page.file.src_uri)
            if page.file.src_uri == "search.md" and self.config.search:
                return search_site.with_search_box(markdown)
            return markdown
        page.meta = self.page_meta(gen)
        item_id = gen.meta.get("baosong_item")
        if item_id:  # the body's HTML is the one validation rendered (site/bodies.py): never rendered here
            page.render = bodies.stored_render(page, self._body_html(item_id))
        return markdown

    def _body_html(self, item_id: str) -> str:
        item = self.ctx.extra["site_data"].by_id[item_id]
        body_html = self.repo.body_html(item)
        if body_html is None:  # the render store lost it (unwritable cache): render again, under the same limits
            from ..scan.render import render_many

            again = render_many({item.path: item.body}, workers=1)[item.path]
            body_html = again.html  # None when it cannot be rendered within the limits
        if body_html is None:
            log.error(f"信息 {self._shown(item.path)} 的正文无法排版，页面只显示信息栏")
            return "<p>（正文无法显示，请运行 baosong validate 查看原因）</p>"
        return self.ctx.extra["site_data"].masker.html(body_html)  # no personal number is published

    def on_page_content(self, html, page, config, files):
        if not page.meta.get(GENERATED):
            return html
        item_id = page.meta.get("baosong_item")
        if not item_id:
            blocks = self.blocks.get(page.file.src_uri)
            if blocks:  # the ids MkDocs would have found in them, for links to anchors
                page.present_anchor_ids = (page.present_anchor_ids or set()) | block_anchors(blocks)
            joined = pages.join_blocks(html, blocks, self.nonce)
            return form_page.clean(joined) if page.meta.get(FORM) else sanitize.clean_trusted(joined)
        from .pages.items import render_item

        item = self.ctx.extra["site_data"].by_id[item_id]
        page.toc = get_toc([])  # the body's headings never reach the theme's table of contents
        body = sanitize.clean(html)
        try:
            return render_item(self.ctx, item, body)
        except Exception as exc:  # one odd item must not stop the site: publish it without its panel
            if os.environ.get("BAOSONG_DEBUG"):
                raise
            log.error(f"信息页面 {self._shown(item.path)} 的信息栏无法生成（{type(exc).__name__}），只发布正文")
            return f"<h1>{escape(item.title)}</h1>\n{body}"

    def on_page_context(self, context, page, config, nav):
        if self.files is not None and not self.in_worker:
            self.files.hidden = frozenset()  # MkDocs has its list of pages to build: other plugins see all
        return context

    def _apply(self, page, result: render.Result) -> None:
        """A page as the worker (or the cache) left it: its content, toc, anchors and links."""
        render.replay(result.logs)
        if result.error:
            raise PluginError(f"baosong: 页面 {printable(page.file.src_uri)} 生成失败：{result.error}")
        page.content = result.content if result.content is not None else ""
        page.toc = result.toc
        page.present_anchor_ids = result.anchors
        page.links_to_anchors = {
            f: v for f, v in ((files_get(self.renderer.job.files, u), v) for u, v in (result.links or {}).items()) if f
        }
        if result.cached:
            self.reused += 1

    @event_priority(-100)  # last: other plugins' files (search index) are in the fresh folder before the swap
    def on_post_build(self, config):
        if self.renderer is not None:  # MkDocs has checked the anchors of the pages it built, these are ours
            level = config.validation.links.anchors
            for uri in self.renderer.job.uris:
                self.files.get_file_from_path(uri).page.validate_anchor_links(files=self.files, log_level=level)
        if not self.builder_failed:  # charts no page of this build drew (a failed builder drew too few)
            charts.prune_memo(self.charts_since)
        written = None
        if self.renderer is not None:
            self.renderer.close()
            written = self.renderer.written
            log.info(f"生成页面：{len(self.offloaded)} 页，其中 {self.reused} 页未变、未重写")
        if self.staging is not None:
            if strict_failed():  # MkDocs stops the build right after this event: the served site stays
                self._abandon()
                written = None  # the previous ledger still describes the served site
            else:
                keep.publish(self.staging)  # the fresh folder becomes the site folder, in one step
                self.staging = None
                config.site_dir = self.served
        if written is not None:
            render.save_ledger(self.renderer.job.cache, self.served, written)
        self._finish()

    def on_build_error(self, error):
        self._abandon()
        self._finish()

    def _abandon(self) -> None:
        """The fresh folder of a failed build goes; the served site was never touched."""
        if self.staging is not None:
            keep.abandon(self.staging)
            self.staging = None
            self.mkdocs_config.site_dir = self.served

    def _finish(self) -> None:
        if self.renderer is not None:
            self.renderer.close()
            self.renderer = None

    def on_serve(self, server, config, builder):
        root = self.root(config)
        for name in (SUBMISSIONS, "units.yaml", "office", "site_config"):
            if (root / name).exists():
                server.watch(str(root / name))
        return server
