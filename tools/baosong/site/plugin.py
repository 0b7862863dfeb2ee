"""The ``baosong`` MkDocs plugin: every page of the site is generated in memory from validated items.

``mkdocs build``, ``mkdocs serve`` and ``baosong build`` all run this plugin, so they publish the same
site. It never copies a submission file: items become generated pages whose source is the body the
strict reader extracted, ``page.meta`` holds only allowed keys, item HTML goes through the nh3
allow-list, and attachments are re-emitted from bytes read without following links.
"""

from __future__ import annotations

import copy
import importlib
import logging
import os
import pkgutil
import stat
import warnings
from html import escape
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from .. import markdown_setup
from ..dates import parse_date
from ..items import MAX_ATTACHMENT_BYTES, SUBMISSIONS
from ..repository import NoRegistry, Repository, load_repository
from . import pages, sanitize
from .navigation import build_nav
from .pages.home import HOME_INTRO

log = get_plugin_logger(__name__)
# jieba (imported by the search plugin) warns about pkg_resources on every run: not a reader's business.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
TODAY_ENV = "BAOSONG_TODAY"
GENERATED = "baosong_generated"  # page.meta marker for pages this plugin made
LISTING = "baosong_listing"


class BaosongConfig(Config):
    today = c.Optional(c.Type(str))
    """Treat this day (YYYY-MM-DD) as today; default: $BAOSONG_TODAY, else today in the registry's timezone."""
    root = c.Optional(c.Type(str))
    """The township repository; default: the directory that holds mkdocs.yml."""


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


class BaosongPlugin(BasePlugin[BaosongConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.repo: Repository | None = None
        self.preloaded: Repository | None = None
        self.ctx: pages.SiteContext | None = None
        self.generated: dict[str, pages.GeneratedPage] = {}  # src_uri → the page this plugin made
        self.left_out: dict[str, list[str]] = {}

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
        # The one Markdown extension list (validator S08 renders bodies with the same one).
        config.markdown_extensions = list(markdown_setup.EXTENSIONS)
        config.mdx_configs = copy.deepcopy(markdown_setup.CONFIGS)
        return config

    # --- pages -----------------------------------------------------------------------------------
    def on_files(self, files: Files, config) -> Files:
        drop_links(files)
        self.repo = self.preloaded or self._load(config)
        self.left_out = left_out(self.repo)
        for path, codes in self.left_out.items():
            log.warning(f"未发布 {printable(path)}：{'、'.join(codes)}（运行 baosong validate 查看原因）")
        ctx = pages.SiteContext(self.repo, config)
        self.ctx = ctx
        intro = files.get_file_from_path("index.md")
        if intro is not None:
            ctx.extra[HOME_INTRO] = get_data(intro.content_string)[0]  # the office's home text
        import_builders()
        generated = self._generate(ctx)
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
            # A leading blank line: MkDocs never reads front matter or "key: value" meta from generated text.
            file = File.generated(config, page.uri, content="\n" + page.content, inclusion=inclusion)
            files.append(file)
            self.generated[page.uri] = page
        self._attachments(files, config)
        config.nav = build_nav(files, generated)
        published = len(ctx.extra["site_data"].items) if "site_data" in ctx.extra else 0
        log.info(f"已发布 {published} 条信息；{len(self.left_out)} 个文件因有错误未发布")
        return files

    def _load(self, config) -> Repository:
        try:
            return load_repository(self.root(config), self.today())
        except NoRegistry:
            raise PluginError("baosong: 找不到 units.yaml，无法生成网站") from None

    def _generate(self, ctx) -> list[pages.GeneratedPage]:
        out = []
        for builder in pages.PAGE_BUILDERS:
            try:
                out.extend(builder(ctx))
            except Exception as exc:  # one broken builder must not take the whole site down
                if os.environ.get("BAOSONG_DEBUG"):
                    raise
                log.error(f"生成页面出错（{builder.__module__}.{builder.__name__}：{type(exc).__name__}：{exc}）")
        return out

    def _attachments(self, files: Files, config) -> None:
        from .pages.items import attachment_uri, published_attachments

        linked = published_attachments(self.ctx)
        refused = set()
        for path in sorted({p for paths in linked.values() for p in paths}):
            data = read_regular(self.repo.root / path, MAX_ATTACHMENT_BYTES)
            if data is None:
                log.warning(f"附件未发布（不是普通文件或太大）：{printable(path)}")
                refused.add(path)
                continue
            uri = attachment_uri(path)
            old = files.get_file_from_path(uri)
            if old is not None:
                files.remove(old)
            files.append(File.generated(config, uri, content=data))
        for item_id, paths in linked.items():
            linked[item_id] = [p for p in paths if p not in refused]

    def on_env(self, env, config, files):
        """Item pages share one nav per depth (they are never in it): the theme override asks for it here."""
        cache: dict[int, Markup] = {}

        def get(page):
            return cache.get(page.url.count("/"))

        def put(page, html):
            cache[page.url.count("/")] = markup = Markup(html)
            return markup

        env.globals["baosong_nav_get"] = get
        env.globals["baosong_nav_put"] = put
        return env

    def on_page_markdown(self, markdown, page, config, files):
        gen = self.generated.get(page.file.src_uri)
        if gen is None or page.file.generated_by is None:
            return markdown
        # Only allowed keys reach the theme; the title cannot open a tag even where the theme does not escape.
        meta = {"title": sanitize.plain(gen.title), GENERATED: True}
        item_id = gen.meta.get("baosong_item")
        if item_id:
            item = self.ctx.extra["site_data"].by_id[item_id]
            meta["tags"] = [sanitize.plain(t) for t in item.tags]
            meta["baosong_item"] = item_id
        if gen.nav_section is None and not item_id:
            meta["search"] = {"exclude": True}  # listings repeat item titles: keep the index to the items
        page.meta = meta
        return markdown

    def on_page_content(self, html, page, config, files):
        if not page.meta.get(GENERATED):
            return html
        item_id = page.meta.get("baosong_item")
        if not item_id:
            return sanitize.clean_trusted(html)
        from .pages.items import render_item

        item = self.ctx.extra["site_data"].by_id[item_id]
        page.toc = get_toc([])  # the body's headings never reach the theme's table of contents
        body = sanitize.clean(html)
        try:
            return render_item(self.ctx, item, body)
        except Exception as exc:  # one odd item must not stop the site: publish it without its panel
            if os.environ.get("BAOSONG_DEBUG"):
                raise
            log.error(f"信息页面 {printable(item.path)} 的信息栏无法生成（{type(exc).__name__}），只发布正文")
            return f"<h1>{escape(item.title)}</h1>\n{body}"

    def on_serve(self, server, config, builder):
        root = self.root(config)
        for name in (SUBMISSIONS, "units.yaml", "office", "site_config"):
            if (root / name).exists():
                server.watch(str(root / name))
        return server
