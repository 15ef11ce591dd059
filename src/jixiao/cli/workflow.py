"""``jixiao workflow``: a project's state and timeline, a transition made by the operator
(trusted: the command line holds the database), and the counts of what waits in the
workflow (the web app and the API are where accounts work)."""

from __future__ import annotations

import click
from rich.markup import escape
from rich.table import Table

from .common import db_option, main, make_console, open_store


@main.group()
def workflow() -> None:
    """审核流程：项目的状态和流转记录，由管理员在命令行流转项目，查看各部门进度。"""


@workflow.command("state")
@db_option
@click.argument("project_id")
def state(db: str | None, project_id: str) -> None:
    """项目 PROJECT_ID 的流程状态、可做的操作和流转记录（时间线）。"""
    from ..services import workflow as wf
    from ..services.actor import cli_actor

    with open_store(db) as store:
        page = wf.project_workflow(store, wf.acting(cli_actor()), project_id)
    console = make_console()
    console.print(
        f"{escape(page.project_name)}（{escape(page.department)}/{escape(page.unit)}）"
        f"：{page.state_name}，第 {page.round} 轮，版本 {page.version}",
        highlight=False,
    )
    if page.adjusting is not None:
        a = page.adjusting
        console.print(
            f"进行中的调整：{a.reason_kind}，{escape(a.reason)}（{a.state_name}）", highlight=False
        )
    console.print(
        "可做的操作：" + ("、".join(f"{a.key}（{a.name}）" for a in page.actions) or "无"),
        highlight=False,
    )
    table = Table("时间（UTC）", "操作人", "操作", "从", "到", "意见", "版本")
    for s in page.timeline:
        table.add_row(
            s.at[:19],
            escape(s.actor),
            s.action_name,
            s.from_name,
            s.to_name,
            escape(s.comment),
            str(s.document_version or ""),
        )
    console.print(table)


@workflow.command("act")
@db_option
@click.argument("project_id")
@click.argument("action")
@click.option("--comment", default="", help="意见或理由（退回时必填）。")
def act(db: str | None, project_id: str, action: str, comment: str) -> None:
    """对项目 PROJECT_ID 做操作 ACTION（submit 送审、approve 审核通过、return 退回 …）。

    命令行有全部权限（它掌握数据库）；操作记入流转记录和审计日志。
    """
    from ..services import workflow as wf
    from ..services.actor import cli_actor

    with open_store(db) as store:
        moved = wf.transition(
            store, wf.acting(cli_actor()), project_id, action, comment=comment, read_version=None
        )
    make_console().print(
        f"{escape(moved.project_name)}：{moved.action_name}，现为“{moved.to_name}”", highlight=False
    )


@workflow.command("overview")
@db_option
@click.option("--deadline", default=None, help="截止日期（年-月-日）：过期未送审的项目计为逾期。")
def overview(db: str | None, deadline: str | None) -> None:
    """各部门的项目按流程进度计数：未送审、审核中、被退回、已批复、已公开、逾期。"""
    from ..services import inbox
    from ..services import workflow as wf
    from ..services.actor import cli_actor

    with open_store(db) as store:
        view = inbox.overview(store, wf.acting(cli_actor()), deadline=deadline)
    table = Table("部门", *view.category_names.values(), "逾期")
    for d in view.departments:
        table.add_row(
            escape(d.department), *(str(d.counts[k]) for k in view.category_names), str(d.overdue)
        )
    make_console().print(table)
