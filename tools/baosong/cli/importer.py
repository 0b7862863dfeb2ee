"""The ``baosong import`` command."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..importer.build import ImportOptions, import_docx
from ..importer.source import ImportRefused
from ..report.formatters import FORMATS
from ..township.dates import today_in
from .main import common, parse_today, registry_or_exit


@click.command("import")
@click.argument("source", metavar="FILE.docx", type=click.Path(dir_okay=False, path_type=Path))
@common
@click.option("--unit", "unit_id", required=True, help="单位代号，如 mengwang")
@click.option("--type", "type_", help="信息类型，如 会议（不填则暂填“待填写”，检查会提示）")
@click.option("--category", help="信息类别，如 部署落实（不填则暂填“待填写”，检查会提示）")
@click.option(
    "--event-date",
    callback=parse_today,
    metavar="YYYY-MM-DD",
    help="发生日期（默认取正文第一段写的日期，没有就填今天）",
)
@click.option("--reporter", help="信息员姓名（单位只有一名在任信息员时可省略）")
@click.option("--reviewer", help="审核人姓名（单位只有一名在任审核人时可省略）")
@click.option("--slug", help="文件名里的简短标题（默认取自标题）")
@click.option("--replace", is_flag=True, help="覆盖之前用同一标题导入的文件")
def import_command(source, root, today, unit_id, type_, category, event_date, reporter, reviewer, slug, replace):
    """把 Word 文档（.docx）转换成一条报送：正文、图片、信息栏一次完成，然后自动检查。

    退出码：0 已导入且没有错误；1 已导入但有错误要改；2 没有导入（文件或参数有问题）。

    例：baosong import 安全生产会议.docx --unit mengwang --type 会议 --category 监督检查
    """
    registry = registry_or_exit(root)
    today = today or today_in(registry.timezone)
    options = ImportOptions(unit_id, type_, category, event_date, reporter, reviewer, slug, replace)
    try:
        result = import_docx(root, registry, today, source, options)
    except ImportRefused as exc:
        click.echo(f"没有导入：{exc}", err=True)
        sys.exit(2)
    click.echo(f"已导入：{result.item}")
    for image in result.images:
        click.echo(f"图片：{image}")
    if result.notes:
        click.echo("请核对：")
        for note in result.notes:
            click.echo(f"  - {note}")
    click.echo("检查结果：")
    click.echo(FORMATS["text"](result.findings, 1 + len(result.images)))
    if result.errors:
        click.echo(
            f"文件已经写好，但还有 {result.errors} 个错误，改正后才能合并：请打开 {result.item}，"
            f"按上面的提示修改，改好后运行 baosong validate {result.item} 再检查。"
        )
        sys.exit(1)
    click.echo(f"可以提交了：请打开 {result.item} 再读一遍，确认无误后提交（网页上传或 git 提交）。")
