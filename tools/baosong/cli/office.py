"""The office's commands: stats (and the circular), remind, roster, bulletin."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..township.oserrors import describe as describe_oserror
from .main import common, registry_or_exit, repository_or_exit


def _quarter(ctx, param, value):
    if value is None:
        return None
    from ..office.stats import parse_quarter

    parsed = parse_quarter(value)
    if parsed is None:
        raise click.BadParameter(f"“{value}”不是季度，请写成 2026Q3 这样的形式")
    return parsed


def _written(path: Path, what: str) -> None:
    click.echo(f"已生成{what}：{path}")


def _save(fn, path: Path, what: str, *args) -> None:
    try:
        fn(*args, path)
    except OSError as exc:
        raise click.ClickException(f"无法写入 {path}：{describe_oserror(exc)}") from None
    _written(path, what)


@click.command()
@common
@click.option("--quarter", callback=_quarter, metavar="YYYYQn", help="季度，如 2026Q3（默认：今天所在季度）")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式"
)
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False, path_type=Path), help="另存为 Excel 统计表")
@click.option(
    "--docx",
    "docx_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="另存为季度通报 Word 文档（公文格式，可直接打印）",
)
@click.option(
    "--doc-number", type=click.IntRange(min=1), metavar="N", help="发文字号的序号，如 12 → 勐政办通〔2026〕12号"
)
@click.option("--letterhead", is_flag=True, help="用印好红头的公文纸打印：版头留空，不印发文机关标志和红线")
def stats(root, today, quarter, fmt, xlsx_path, docx_path, doc_number, letterhead):
    """季度报送统计：报送条数、每周达标、按时率、调研、采用、批示、约稿、得分和名次。

    例：baosong stats --quarter 2026Q3 --docx 2026Q3通报.docx
    """
    from ..office.stats import compute_quarter
    from ..township.dates import quarter_of

    repo = repository_or_exit(root, today)
    year, q = quarter or quarter_of(repo.today)
    result = compute_quarter(repo, year, q, repo.today)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        from ..office.exports.text import stats_text

        click.echo(stats_text(result))
    if xlsx_path or docx_path:
        from ..office.exports.tables import quarter_tables

        tables = quarter_tables(result)
        if xlsx_path:
            from ..office.exports.xlsx import write_workbook

            try:
                write_workbook(tables, xlsx_path, heading=result.township)
            except OSError as exc:
                raise click.ClickException(f"无法写入 {xlsx_path}：{describe_oserror(exc)}") from None
            _written(xlsx_path, " Excel 统计表")
        if docx_path:
            from ..office.exports.circular_docx import write_circular
            from ..office.exports.circular_text import circular_text

            words = circular_text(result, tables, doc_number=doc_number)
            if words.doc_number_zh is None:
                click.echo("提示：units.yaml 的 office 没有写 doc_prefix（机关代字），通报不印发文字号。", err=True)
            elif doc_number is None:
                click.echo("提示：没有给 --doc-number，发文字号的序号留空，请打印前填写。", err=True)
            try:
                write_circular(words, tables, docx_path, letterhead=letterhead)
            except OSError as exc:
                raise click.ClickException(f"无法写入 {docx_path}：{describe_oserror(exc)}") from None
            _written(docx_path, "季度通报")


@click.command()
@common
def remind(root, today):
    """本周还没完成报送任务的单位（10 月起还提醒今年没报调研信息的单位），可直接粘贴到工作群。

    例：baosong remind --today 2026-11-25
    """
    from ..office.remind import reminder, reminder_text

    repo = repository_or_exit(root, today)
    click.echo(reminder_text(reminder(repo, repo.today)))


@click.command()
@common
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False, path_type=Path), help="另存为 Excel 登记表")
@click.option("--docx", "docx_path", type=click.Path(dir_okay=False, path_type=Path), help="另存为 Word 登记表")
@click.option(
    "--unit", "unit_id", metavar="ID", help="只出这个单位的《信息员登记表》（一页，供签字盖章），需与 --docx 同用"
)
@click.option("--change", is_flag=True, help="与 --unit 同用：打印该单位最近一次信息员变更的登记表")
def roster(root, today, xlsx_path, docx_path, unit_id, change):
    """信息员登记表（含变动记录和联系电话，仅供党政办内部使用，不上网站）。

    例：baosong roster --xlsx 信息员登记表.xlsx --docx 信息员登记表.docx
        baosong roster --unit mengwang --docx 勐往村信息员登记表.docx
    """
    from ..office.roster import roster_tables, roster_text, write_roster_docx
    from ..township.dates import today_in

    registry = registry_or_exit(root)
    day = today or today_in(registry.timezone)
    if change and not unit_id:
        raise click.UsageError("--change 要与 --unit 同用")
    if unit_id:
        from ..office.roster_form import FormError, write_unit_form

        unit = registry.units.get(unit_id)
        if unit is None:
            raise click.ClickException(f"没有单位代号“{unit_id}”。已有：{'、'.join(registry.units)}")
        if not docx_path:
            raise click.UsageError("--unit 要与 --docx 同用，如 --unit mengwang --docx 登记表.docx")
        try:
            write_unit_form(registry, unit, day, docx_path, change=change)
        except FormError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(f"无法写入 {docx_path}：{describe_oserror(exc)}") from None
        _written(docx_path, f"{unit.name}信息员{'变更' if change else ''}登记表")
        return
    tables = roster_tables(registry, day)
    if not xlsx_path and not docx_path:
        click.echo(roster_text(registry, day))
    if xlsx_path:
        from ..office.exports.xlsx import write_workbook

        _save(write_workbook, xlsx_path, " Excel 登记表", tables)
    if docx_path:
        _save(write_roster_docx, docx_path, " Word 登记表", registry, day, tables)


@click.command()
@common
@click.option("--issue", help="期号，如“勐往政务信息 2026年第12期”或“2026-12”（不写则列出所有期）")
@click.option("--docx", "docx_path", type=click.Path(dir_okay=False, path_type=Path), help="把这一期另存为 Word 文档")
def bulletin(root, today, issue, docx_path):
    """编发：采用登记里写了刊发刊物（outlet）的信息按期汇编。

    例：baosong bulletin --issue 2026-12 --docx 勐往政务信息第12期.docx
    """
    from ..office.bulletins import bulletin_issues, find_issue, write_bulletin_docx

    repo = repository_or_exit(root, today)
    issues = bulletin_issues(repo)
    if not issue:
        if not issues:
            click.echo("采用登记里还没有写明刊发刊物（outlet）的记录。")
        for b in issues:
            click.echo(f"{b.outlet}：{len(b.entries)} 条（{b.first} 至 {b.last}）")
        if docx_path:
            raise click.UsageError("导出 Word 时请用 --issue 指定期号")
        return
    found = find_issue(issues, issue)
    if found is None:
        known = "、".join(b.outlet for b in issues) or "（暂无）"
        raise click.ClickException(f"找不到“{issue}”这一期。已有：{known}")
    for n, entry in enumerate(found.entries, start=1):
        click.echo(f"{n}. {entry.title}（{entry.unit_name}，{entry.level}）")
    if docx_path:
        _save(write_bulletin_docx, docx_path, "简报", found, repo.registry)
