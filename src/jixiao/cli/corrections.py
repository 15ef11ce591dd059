"""Commands that change a stored document as a whole: delete, correct."""

from __future__ import annotations

import click
from rich.markup import escape

from ..model import DOCUMENT_KINDS, MONEY_FACTORS, year_label
from .common import Whole, db_option, err_console, main, make_console, open_store

yes_option = click.option("--yes", "-y", is_flag=True, help="不询问，直接执行（供脚本使用）。")


def _confirm(question: str, yes: bool) -> None:
    """Ask ``question`` unless ``--yes``; anything but yes (an empty input too) stops the
    command with nothing changed."""
    if not yes:
        click.confirm(question, abort=True)


@main.command()
@click.argument("document_id", metavar="编号", type=Whole(1))
@db_option
@yes_option
def delete(document_id: int, db: str | None, yes: bool) -> None:
    """删除一份已入库的文档（编号见 jixiao list）：从列表、查询、网页和导出中隐去，
    各版本仍保留在库中，删除记入审计日志。同一文件再次入库即恢复。"""
    from ..services import corrections, documents
    from ..services.actor import cli_actor

    with open_store(db) as store:
        state = corrections.current(store, document_id)
        name = (
            f"编号 {state.id}：{state.department} {year_label(state.year)}"
            f"{DOCUMENT_KINDS.get(state.kind, state.kind)}（第 {state.version} 版）"
        )
        make_console().print(f"将删除 {escape(name)}", highlight=False)
        _confirm("确定删除吗？", yes)
        documents.delete(store, cli_actor(), document_id, read_version=state.version)
    err_console.print(f"已删除 {escape(name)}", highlight=False)


@main.command()
@click.argument("document_id", metavar="编号", type=Whole(1))
@db_option
@click.option("--year", metavar="YYYY", type=Whole(1949, 2200), help="正确的预算年度。")
@click.option("--department", help="正确的部门名称。")
@click.option(
    "--money-unit", type=click.Choice(list(MONEY_FACTORS)),
    help="正确的金额单位（只改单位，不换算金额：表中数字本来就以这个单位填写）。",
)  # fmt: skip
@click.option("--reason", required=True, help="更正的原因（记入版本和审计日志）。")
@yes_option
def correct(
    document_id: int,
    db: str | None,
    year: int | None,
    department: str | None,
    money_unit: str | None,
    reason: str,
    yes: bool,
) -> None:
    """更正一份已入库文档的年度、部门名称或金额单位（读取时识别错了，或表中没有写明）。

    \b
    更正保存为文档的新版本（之前的版本仍可查看），重新审核，并记入审计日志。
    例：jixiao correct 1 --year 2024 --reason "表中未写年度，按预算公开时间为 2024 年"
    """
    from ..services import corrections
    from ..services.actor import cli_actor

    change = corrections.Correction(
        reason=reason, year=year, department=department, money_unit=money_unit
    )
    console = make_console()
    with open_store(db) as store:
        planned = corrections.plan(store, document_id, change)
        console.print(f"将更正编号 {document_id} 的文档：", highlight=False)
        for line in planned.describe():
            console.print(f"  {escape(line)}", highlight=False)
        _confirm("确定更正吗？", yes)
        done = corrections.correct(
            store, cli_actor(), document_id, change, read_version=planned.state.version
        )
    err_console.print(
        f"已更正：编号 {done.document_id} 的第 {done.version} 版（之前的版本仍保留）",
        highlight=False,
    )
