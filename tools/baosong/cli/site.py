"""``baosong build``: validate, then build the site with the same plugin ``mkdocs build`` runs."""

from __future__ import annotations

import logging
import re
import sys
import time
from pathlib import Path

import click
import jinja2

from ..site.plugin import left_out
from .main import common, repository_or_exit

CONFIG = "mkdocs.yml"


LABELS = {logging.WARNING: "警告", logging.ERROR: "错误", logging.CRITICAL: "错误"}


# MkDocs' own lines of every build (mkdocs/commands/build.py), as the office reads them; others stay as written.
MKDOCS_LINES = (
    (re.compile(r"Cleaning site directory"), "清理网站目录"),
    (re.compile(r"Building documentation to directory: (.*)"), r"生成网站到目录：\1"),
    (re.compile(r"Documentation built in ([0-9.]+) seconds"), r"MkDocs 用时 \1 秒"),
)


def in_chinese(message: str) -> str:
    """One of MkDocs' routine English lines in Chinese (``MKDOCS_LINES``); any other line unchanged."""
    for pattern, chinese in MKDOCS_LINES:
        if pattern.fullmatch(message):
            return pattern.sub(chinese, message)
    return message


class _Echo(logging.Handler):
    """MkDocs' log lines to the terminal, the way ``mkdocs build`` prints them, its routine ones in Chinese."""

    def emit(self, record):
        label = LABELS.get(record.levelno, "信息")
        click.echo(f"{label}  {in_chinese(record.getMessage())}", err=record.levelno >= logging.WARNING)


@click.command("build")
@common
@click.option("--strict", is_flag=True, help="有信息因错误未发布（或 MkDocs 有警告）时构建失败，退出码 1")
@click.option(
    "--site-dir", type=click.Path(file_okay=False, path_type=Path), help="输出目录（默认：mkdocs.yml 里的 site/）"
)
@click.option(
    "--config-file",
    "-f",
    type=click.Path(dir_okay=False, path_type=Path),
    help="MkDocs 配置文件（默认：仓库根目录的 mkdocs.yml）",
)
@click.option("--quiet", "-q", is_flag=True, help="只显示警告和错误")
def build(root, today, strict, site_dir, config_file, quiet):
    """检查全部报送，然后生成网站到 site/（有错误的信息不发布，并列出未发布的文件）。

    例：baosong build --strict --today 2026-11-25
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    started = time.monotonic()
    repo = repository_or_exit(root, today)
    skipped = left_out(repo)
    errors = sum(f.is_error for f in repo.findings)
    notes = len(repo.findings) - errors
    click.echo(
        f"检查：{repo.files} 个文件，{errors} 个错误，{notes} 个提醒；"
        f"{len(repo.valid_items)} 条信息可以发布，{len(skipped)} 个文件未发布。"
    )

    config_path = config_file or (Path(root) / CONFIG)
    if not config_path.is_file():
        click.echo(f"找不到网站配置 {config_path}：请在仓库根目录运行，或用 --config-file 指定。", err=True)
        sys.exit(2)
    logger = logging.getLogger("mkdocs")
    handler = _Echo(logging.WARNING if quiet else logging.INFO)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        options = {"strict": strict}
        if site_dir:
            options["site_dir"] = str(site_dir.resolve())
        config = load_config(str(config_path), **options)
        plugin = config.plugins.get("baosong")
        if plugin is None:
            click.echo(f"{config_path} 没有启用 baosong 插件（plugins: [baosong, search]）。", err=True)
            sys.exit(2)
        plugin.preloaded = repo  # validated once: the plugin publishes from the same Repository
        plugin.config.today = repo.today.isoformat()
        mkdocs_build(config)
    except ConfigurationError as exc:
        click.echo(f"网站配置有误：{exc}", err=True)
        sys.exit(2)
    except Abort as exc:
        if "BuildError" in str(exc):  # a plugin stopped the build (another build holds the folder ...)
            click.echo("构建失败：原因见上面的“错误”一行；网站文件夹保持上次生成的样子。", err=True)
            sys.exit(1)
        count = re.search(r"(\d+) warnings", str(exc))
        detail = f"有 {count.group(1)} 条警告（见上）" if count else str(exc)
        click.echo(f"构建失败（严格模式）：{detail}。有错误的信息请先改正，或去掉 --strict。", err=True)
        sys.exit(1)
    except MkDocsException as exc:
        click.echo(f"构建失败：{exc}", err=True)
        sys.exit(1)
    except jinja2.TemplateError as exc:
        where = f"（{exc.filename}，第 {exc.lineno} 行）" if getattr(exc, "filename", None) else ""
        click.echo(f"构建失败：网站模板出错{where}：{exc}。请检查 site_config/overrides 里的主题覆盖。", err=True)
        sys.exit(1)
    finally:
        logger.removeHandler(handler)
    elapsed = time.monotonic() - started
    click.echo(f"网站已生成：{config.site_dir}（{elapsed:.1f} 秒）")
    if strict and skipped:
        click.echo(f"严格模式：{len(skipped)} 个文件因错误未发布，构建判为失败。", err=True)
        sys.exit(1)
