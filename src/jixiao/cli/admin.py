"""Commands on accounts: ``jixiao admin create`` (the first 系统管理员), and the demo accounts
that ``jixiao demo`` makes. Jixiao has no default account and no default password: the first
administrator is made here, at the command line of the machine that holds the database;
every later account by the 系统管理员 in the web app (账户管理)."""

from __future__ import annotations

import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from ..model import Document
from ..settings import Settings
from .common import db_option, main, make_console, open_store


@main.group()
def admin() -> None:
    """账户管理：建立第一个系统管理员（此后的账户由系统管理员在网页“账户管理”中建立）。"""


@admin.command("create")
@db_option
@click.option(
    "--username", required=True, help="系统管理员的用户名（2–64 个字母、数字或 _ . @ -）。"
)
@click.option("--name", "display_name", default="", help="姓名（默认同用户名）。")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="从标准输入读一行作为密码（供脚本使用）；默认在终端中输入两次（不显示）。",
)
@click.option(
    "--security",
    "security_file",
    type=click.Path(dir_okay=False),
    help="安全策略 TOML（密码规则；默认自带的 data/security.toml）。",
)
def create(
    db: str | None,
    username: str,
    display_name: str,
    password_stdin: bool,
    security_file: str | None,
) -> None:
    """建立第一个系统管理员账户（已有系统管理员时拒绝）。密码须符合密码策略
    （默认：至少 8 个字符，含大写字母、小写字母、数字、其他字符中的 3 类，不含用户名）。
    系统管理员负责账户和系统设置；角色授权由安全管理员、审计日志由审计管理员负责，
    三个岗位不能由同一账户兼任。"""
    from ..services import accounts
    from ..services.actor import cli_actor
    from ..services.policy import load_policy

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("密码", hide_input=True, confirmation_prompt="再输入一次")
    policy = load_policy(security_file)
    with open_store(db, must_exist=False) as store:
        user_id = accounts.create_first_admin(
            store, accounts.effective_policy(store, policy), cli_actor(), username,
            display_name or username, password,
        )  # fmt: skip
    target = db or Settings.from_env().db
    make_console().print(
        f"已建立系统管理员 [bold]{username}[/]（编号 {user_id}）。用 jixiao serve --db {target} "
        "启动网页后登录，在“账户管理”中建立其他账户。",
        highlight=False,
    )


def print_demo_users(console: Console, store: Any, doc: Document) -> None:
    """Make the demo accounts (one per role) and print their passwords, once."""
    from ..services import accounts
    from ..services.actor import cli_actor
    from ..services.policy import load_policy

    if not doc.units:
        return
    policy = accounts.effective_policy(store, load_policy())
    made = accounts.create_demo_users(store, policy, cli_actor(), doc.department, doc.units[0].name)
    table = Table(title="演示账户（仅供演示：请勿在正式环境中使用）", title_justify="left")
    for column in ("用户名", "角色", "所属机构", "密码"):
        table.add_column(column)
    for username, role, org, password in made:
        table.add_row(username, role, org, password or "（已存在，密码只在建立时显示一次）")
    console.print(table)
    console.print(
        "这些是[bold]演示账户[/]，密码只显示这一次；正式使用时请用 jixiao admin create "
        "建立系统管理员，不要保留演示账户。",
        highlight=False,
    )
