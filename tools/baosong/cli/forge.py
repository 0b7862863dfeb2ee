"""Commands for the forge side: ``baosong codeowners`` and ``baosong hook``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from ..township.dates import today_in
from .main import common, registry_or_exit


@click.command()
@common
@click.option(
    "--forge",
    "choice",
    type=click.Choice(["gitea", "github", "gitlab", "all"]),
    default="all",
    show_default=True,
    help="生成哪个平台的 CODEOWNERS",
)
@click.option("--check", is_flag=True, help="只检查已提交的 CODEOWNERS 是否与 units.yaml 一致，不一致时退出码为 1")
def codeowners(root, today, choice, check):
    """根据 units.yaml 生成 CODEOWNERS：党政办审核人负责全部文件，各单位审核人负责本单位文件夹。

    Gitea 写入 .gitea/CODEOWNERS（Go 正则），GitHub 写入 .github/CODEOWNERS，GitLab 写入 .gitlab/CODEOWNERS（通配符）。

    例：baosong codeowners --check
    """
    from ..review.codeowners import stale_files, write_files

    registry = registry_or_exit(root)
    today = today or today_in(registry.timezone)
    if check:
        stale = stale_files(root, registry, today, choice)
        for rel in stale:
            click.echo(f"{rel} 与 units.yaml 不一致：请运行 baosong codeowners 重新生成并提交。")
        if not stale:
            click.echo("CODEOWNERS 与 units.yaml 一致。")
        sys.exit(1 if stale else 0)
    for rel in write_files(root, registry, today, choice):
        click.echo(f"已生成：{rel}")


@click.group()
def hook():
    """自建裸仓库的服务器端钩子：拒绝有错误的推送。"""


@hook.command("pre-receive")
@common
@click.option(
    "--actor", metavar="GIT_USER", help="推送人的 git 账号（默认取 BAOSONG_ACTOR、GITEA_PUSHER_NAME 等环境变量）"
)
@click.option("--branch", help="受保护的分支（默认取 units.yaml 的 office.forge.branch，否则 main）")
def pre_receive_command(root, today, actor, branch):
    """git 的 pre-receive 钩子：从标准输入读取“旧 新 引用”行；推送到受保护分支的修改有错误时拒绝（退出码 1）。

    --root 是裸仓库目录（git 运行钩子时就在这里，默认当前目录）。
    """
    from ..review.hook import parse_updates, pre_receive, pusher_from_env

    verdict = pre_receive(Path(root), parse_updates(sys.stdin), actor or pusher_from_env(), today, branch)
    for message in verdict.messages:
        click.echo(message, err=True)
    sys.exit(0 if verdict.accepted else 1)


@hook.command("install")
@click.argument("git_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--command", "command", help="钩子里调用的 baosong 程序（默认：当前使用的 baosong 的完整路径）")
def install_command(git_dir, command):
    """在裸仓库 GIT_DIR 里安装 pre-receive 钩子。

    例：baosong hook install /srv/git/xinxi.git
    """
    from ..review.hook import install

    command = command or shutil.which("baosong") or str(Path(sys.executable).with_name("baosong"))
    path = install(git_dir, command)
    click.echo(f"已安装：{path}")
