"""The ``baosong`` command line. Every command takes --root and --today."""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from datetime import date
from pathlib import Path

import click

from ..checks.repository import NO_REGISTRY, NoRegistry, load_repository
from ..report.formatters import FORMATS, with_notes
from ..report.severity import ERROR
from ..township.dates import parse_date, today_in
from . import click_zh


def parse_today(ctx, param, value):
    if value is None:
        return None
    day = parse_date(value)
    if day is None:
        raise click.BadParameter(f"“{value}”不是有效日期，请写成 YYYY-MM-DD")
    return day


def common(fn):
    """--root and --today, shared by every command."""

    @click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        default=".",
        show_default=True,
        help="信息报送仓库的根目录",
    )
    @click.option(
        "--today",
        callback=parse_today,
        metavar="YYYY-MM-DD",
        help="把这一天当作今天（默认：登记表时区的今天），用于可重复的检查",
    )
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)

    return wrapper


def repository_or_exit(root: Path, today: date | None, paths=None):
    try:
        return load_repository(root, today, paths)
    except NoRegistry:
        click.echo(NO_REGISTRY, err=True)
        sys.exit(2)


def registry_or_exit(root: Path):
    from ..township.registry import load_registry

    reg = load_registry(root)
    if reg.missing:
        click.echo(NO_REGISTRY, err=True)
        sys.exit(2)
    if reg.registry is None:
        for f in reg.findings:
            click.echo(f"{f.path}:{f.line or ''} {f.message}", err=True)
        sys.exit(2)
    return reg.registry


def relative_paths(root: Path, paths) -> list[str]:
    """Paths given on the command line → repository-relative files; folders expand to their files.

    A relative path is tried from the current directory first, then from --root.
    """
    from ..checks.repository import walk_submissions

    base = root.resolve()
    listing: list[str] | None = None
    out: list[str] = []
    for p in paths:
        candidates = [Path(p)] if Path(p).is_absolute() else [Path.cwd() / p, base / p]
        full = next((c for c in candidates if os.path.lexists(c)), None)
        if full is None:
            raise click.BadParameter(f"找不到“{p}”：请检查路径", param_hint="PATHS")
        full = Path(os.path.normpath(full.absolute()))
        try:
            rel = full.relative_to(base).as_posix()
        except ValueError:
            raise click.BadParameter(f"“{p}”不在仓库 {root} 里", param_hint="PATHS") from None
        if full.is_dir() and not full.is_symlink():
            if listing is None:
                files, odd = walk_submissions(base)
                listing = files + odd
            prefix = "" if rel == "." else rel + "/"
            out.extend(f for f in listing if f.startswith(prefix))
        else:
            out.append(rel)
    return list(dict.fromkeys(out))


click_zh.install()  # usage, help and click's own errors in Chinese


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx, name):
        if name in LAZY_COMMANDS and name not in self.commands:
            module, attr = LAZY_COMMANDS[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="baosong")
def cli():
    """信息报送（baosong）：乡镇政务信息报送的检查、统计和网站生成工具。"""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@common
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="输出格式：text 文字、json、github 注释、gitlab 代码质量报告、markdown 合并请求评论",
)
@click.option(
    "--changed-since",
    metavar="REV",
    help="只检查相对于 REV 新增或修改的内容（按 REV 的登记表和规则判断），并检查 C01–C06",
)
@click.option("--actor", metavar="GIT_USER", help="提交人的 git 账号（默认取 CI 的环境变量）")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="把报告写入文件")
def validate(paths, root, today, fmt, changed_since, actor, output):
    """检查报送文件。退出码：0 没有错误，1 有错误，2 无法运行。

    例：baosong validate --format markdown --today 2026-11-25
    """
    if changed_since:
        from ..review.changes import review_change_or_exit

        report = review_change_or_exit(root, changed_since, actor, today)
        findings, files, notes = report.findings, report.files, report.notes
    else:
        rels = relative_paths(root, paths) if paths else None
        repo = repository_or_exit(root, today, rels)
        findings, files, notes = repo.findings, repo.files, []
    if fmt in ("text", "markdown"):  # read by people (CI logs, PR comments): no phone in a file name in full
        from ..checks.sensitive import with_masked_paths

        findings = with_masked_paths(findings, today or date.today())
    text = with_notes(fmt, FORMATS[fmt](findings, files), notes)
    if text is None:  # json, gitlab: a fixed shape; the notes go to stderr
        text = FORMATS[fmt](findings, files)
        for note in notes:
            click.echo(note, err=True)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)
    sys.exit(1 if any(f.severity == ERROR for f in findings) else 0)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@common
@click.option("--dry-run", is_flag=True, help="只显示会改什么，不写入")
@click.option(
    "--rename", is_flag=True, help="文件名不合规时改成合规的名字（只改还没合并到主分支、也没有被引用的新文件）"
)
@click.option(
    "--base",
    metavar="REV",
    help="主分支（--rename 用它判断是不是新文件；默认取 units.yaml 的 forge.branch，没有则为 main）",
)
def fix(paths, root, today, dry_run, rename, base):
    """自动修正编码（GBK→UTF-8）、BOM、换行符、信息栏里的全角标点和看不见的字符、要加引号的值、
    日期写法、写成一行的 tags、繁体字；加 --rename 还会给新文件改成合规的文件名。正文文字不会改动。

    例：baosong fix --rename submissions/mengwang/2026/2026-11-25-安全生产会议.md
    """
    from ..township.items import ATTACHMENT_SUFFIXES
    from ..write.fix import fix_file

    failed = False
    base = base or default_branch(root)
    for rel in relative_paths(root, paths):
        if rel.lower().endswith(ATTACHMENT_SUFFIXES):  # a folder's pictures and PDFs: nothing to mend in them
            click.echo(f"{rel}：附件，无需修改")
            continue
        result = fix_file(root, rel, dry_run)
        moved = None
        if rename and not result.refused:
            from ..write.rename import rename_item

            moved = rename_item(root, rel, base, dry_run)
        if result.refused:
            failed = True
            click.echo(f"{rel}：{result.refused}")
        elif result.changes or (moved and moved.new_path):
            click.echo(f"{rel}：{'将修改' if dry_run else '已修改'}")
            for change in result.changes:
                click.echo(f"  - {change}")
            if moved and moved.new_path:
                click.echo(f"  - {'将改名为' if dry_run else '已改名为'} {moved.new_path}")
        elif not (moved and moved.refused):
            click.echo(f"{rel}：无需修改")
        if moved and moved.refused:
            failed = True
            click.echo(f"{rel}：{moved.refused}")
        if not rename and not result.refused:
            from ..write.rename import new_path_for

            wanted = new_path_for(rel)
            if wanted:
                click.echo(
                    f"{rel}：文件名应改为 {wanted}（不合规，或含有手机号、身份证号、银行卡号）；"
                    "加 --rename 可自动改名（只改还没合并的新文件）"
                )
    sys.exit(1 if failed else 0)


def default_branch(root: Path) -> str:
    """The protected branch: units.yaml's ``office.forge.branch``, else ``main``."""
    from ..township.registry import load_registry

    registry = load_registry(root).registry
    forge = getattr(getattr(registry, "forge", None), "branch", None) if registry else None
    return forge or "main"


@cli.command()
@common
@click.option("--unit", "unit_id", required=True, help="单位代号，如 mengwang")
@click.option("--type", "type_", required=True, help="信息类型，如 会议")
@click.option("--title", required=True, help="标题，5–60 个字")
@click.option("--category", required=True, help="信息类别，如 部署落实")
@click.option("--event-date", callback=parse_today, metavar="YYYY-MM-DD", help="发生日期（默认今天）")
@click.option("--reporter", help="信息员姓名（单位只有一名在任信息员时可省略）")
@click.option("--reviewer", help="审核人姓名（单位只有一名在任审核人时可省略）")
@click.option("--slug", help="文件名里的简短标题（默认取自标题）")
def new(root, today, unit_id, type_, title, category, event_date, reporter, reviewer, slug):
    """按模板新建一条报送，文件名和日期自动填写。

    例：baosong new --unit mengwang --type 会议 --category 部署落实 --title 勐往村召开安全生产会议
    """
    from ..write.new import NewItemError, new_item

    registry = registry_or_exit(root)
    today = today or today_in(registry.timezone)
    try:
        path = new_item(
            root, registry, today, unit_id, type_, title, category, event_date, reporter, reviewer, slug=slug
        )
    except NewItemError as exc:  # a unit, person or name the command cannot use: a usage error (SPEC §4: exit 2)
        raise click.UsageError(str(exc)) from None
    rel = path.relative_to(root).as_posix()
    click.echo(f"已新建：{rel}\n请打开文件写正文，然后运行 baosong validate {rel} 检查。")


# Commands that live in their own modules, imported only when used (startup stays fast for validate).
LAZY_COMMANDS = {
    "build": "baosong.cli.site:build",
    "bulletin": "baosong.cli.office:bulletin",
    "codeowners": "baosong.cli.forge:codeowners",
    "hook": "baosong.cli.forge:hook",
    "import": "baosong.cli.importer:import_command",
    "remind": "baosong.cli.office:remind",
    "roster": "baosong.cli.office:roster",
    "sample": "baosong.cli.sample:sample",
    "stats": "baosong.cli.office:stats",
}


_CLICK_ZH = [
    (
        r"No such option: (\S+)(?: Did you mean (\S+)\?| \(Possible options: (.+)\))?",
        lambda m: f"没有选项 {m[1]}"
        + (f"，您是不是想写 {m[2]}？" if m[2] else "")
        + (f"，相近的有：{m[3]}" if m[3] else ""),
    ),
    (r"No such command '(.+?)'\.", lambda m: f"没有命令“{m[1]}”"),
    (r"Missing option '(.+?)'\.?", lambda m: f"缺少必填选项 {m[1]}"),
    (r"Missing argument '(.+?)'\.?", lambda m: f"缺少参数 {m[1]}"),
    (r"Option '(.+?)' requires an argument\.", lambda m: f"选项 {m[1]} 后面要写一个值"),
    (r"Got unexpected extra arguments? \((.+)\)", lambda m: f"多余的参数：{m[1]}"),
    (r"Invalid value for '?(.+?)'?: '(.+?)' is not one of (.+)\.", lambda m: f"{m[1]} 的值“{m[2]}”无效，可选：{m[3]}"),
    (r"Invalid value for '?(.+?)'?: '(.+?)' is not a valid integer\.?", lambda m: f"{m[1]} 的值“{m[2]}”应是整数"),
    (
        r"Invalid value for '?(.+?)'?: (?:Path|File|Directory) '(.+?)' does not exist\.",
        lambda m: f"{m[1]}：找不到“{m[2]}”",
    ),
    (r"Invalid value for '?(.+?)'?: (.+)", lambda m: f"{m[1]}：{m[2]}"),
]


def usage_zh(exc: click.ClickException) -> str:
    message = exc.format_message()
    for pattern, words in _CLICK_ZH:
        m = re.fullmatch(pattern, message, flags=re.S)
        if m:
            message = words(m)
            break
    if isinstance(exc, click.UsageError):
        command = exc.ctx.command_path if exc.ctx else "baosong"
        return f"用法错误：{message}\n运行 {command} --help 查看用法。"
    return f"错误：{message}"


def main():
    """Entry point: no traceback ever reaches a user (BAOSONG_DEBUG=1 shows it)."""
    try:
        code = cli.main(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except SystemExit:
        raise
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        click.echo(usage_zh(exc), err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # the last line of defence for users
        if os.environ.get("BAOSONG_DEBUG"):
            raise
        click.echo(
            f"内部错误（{type(exc).__name__}）：请把这条消息和所用命令发给党政办信息专干。"
            "设置环境变量 BAOSONG_DEBUG=1 可显示详细信息。",
            err=True,
        )
        sys.exit(2)
