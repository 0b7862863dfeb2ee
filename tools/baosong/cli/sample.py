"""``baosong sample``: the synthetic repository generator on the command line."""

from __future__ import annotations

from pathlib import Path

import click

from ..township.dates import parse_date


@click.command("sample")
@click.option("--items", default=2000, show_default=True, help="信息条数")
@click.option("--units", default=40, show_default=True, help="单位个数")
@click.option("--seed", default=1, show_default=True, help="随机种子（相同参数生成相同仓库）")
@click.option("--end", default="2026-11-24", show_default=True, help="最后一条信息的日期")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="输出目录（应为空）")
@click.option("--no-git", is_flag=True, help="不建立 git 历史")
def sample(items, units, seed, end, out, no_git):
    """生成一个确定的模拟乡镇仓库，用于演示和性能测试。

    例：baosong sample --items 20000 --units 40 --seed 1 --out /tmp/county
    """
    from ..write.synthetic import generate

    end_day = parse_date(end)
    if end_day is None:
        raise click.BadParameter("日期应写成 YYYY-MM-DD", param_hint="--end")
    if out.exists() and any(out.iterdir()):
        raise click.ClickException(f"{out} 不是空目录：请换一个输出目录")
    counts = generate(out, items, units, seed, end_day, git=not no_git)
    click.echo(
        f"已生成 {out}：{counts['items']} 条信息，{counts['units']} 个单位，{counts['adoptions']} 条采用记录，"
        f"{counts['commits']} 次提交"
    )
