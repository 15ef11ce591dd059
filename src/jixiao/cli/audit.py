"""Commands on the audit log: ``jixiao audit verify`` and ``jixiao audit list``."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click
from rich.markup import escape

from ..errors import InputError, TamperedError
from .common import (
    Whole,
    db_option,
    main,
    make_console,
    open_store,
    output_option,
    print_rows,
    write_output,
)


@main.group()
def audit() -> None:
    """审计日志：校验哈希链（verify）、查询与导出（list）。

    审计日志只追加、不可修改：每条记录含前一条的哈希，改动或删除任何一条都能被
    jixiao audit verify 发现。查询和导出本身也记入审计日志。
    """


@audit.command()
@db_option
def verify(db: str | None) -> None:
    """校验审计日志的哈希链：完好时退出码 0；有记录被改动或删除时逐条列出，退出码 9。"""
    from ..services import audit as service
    from ..services.actor import cli_actor

    with open_store(db, needs_tables=False) as store:
        total = store.audit_query(service.AuditFilter(limit=1))[1]
        broken = service.verify(store, cli_actor())
    if broken:
        shown = "；".join(f"记录 {b.id}：{b.problem}" for b in broken[:20])
        more = f"（另有 {len(broken) - 20} 处）" if len(broken) > 20 else ""
        raise TamperedError(
            f"审计日志的哈希链被破坏，共 {len(broken)} 处：{shown}{more}",
            expected="从备份恢复，并追查改动者",
        )
    make_console().print(f"审计日志完好：{total} 条记录，哈希链连续。", highlight=False)


def _when(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"{name} {value} 不是日期或时间", expected="如 2025-01-31 或 2025-01-31T08:00"
        ) from None
    return value


@audit.command(name="list")
@db_option
@click.option("--user", help="只列该用户的记录（名称包含即可）。")
@click.option("--event", help="只列该事件（完全相同，如 登录、修改项目、查询审计日志）。")
@click.option("--object", "obj", help="只列涉及该对象的记录（包含即可，如 文档 3）。")
@click.option("--since", help="起始日期或时间（含），UTC，如 2025-01-01。")
@click.option("--until", help="截止日期或时间（含；只写日期即含当天），UTC。")
@click.option(
    "--limit",
    type=Whole(1, 10_000),
    default=100,
    show_default=True,
    help="最多列出的条数（最新的在前；xlsx 导出全部匹配记录）。",
)
@click.option("--offset", type=Whole(0), default=0, help="跳过最新的若干条（翻页）。")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "xlsx"]),
    default="text",
    show_default=True,
    help="text：终端表格；json：机器可读；xlsx：导出全部匹配记录（须 --output）。",
)
@output_option
def list_(
    db: str | None,
    user: str | None,
    event: str | None,
    obj: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
    fmt: str,
    output: Path | None,
) -> None:
    """查询审计日志：按用户、事件、对象、时间筛选，输出表格、JSON 或 xlsx。查询本身记入审计日志。"""
    from ..export.sheet import xlsx_table
    from ..services import audit as service
    from ..services.actor import cli_actor

    if fmt == "xlsx" and output is None:
        raise InputError("xlsx 须用 --output 指定输出文件", expected="--output 审计日志.xlsx")
    where = service.AuditFilter(
        actor=user, event=event, object=obj, since=_when(since, "--since"),
        until=_when(until, "--until"), limit=limit, offset=offset,
    )  # fmt: skip
    actor = cli_actor()
    with open_store(db, needs_tables=False) as store:
        if fmt == "xlsx":
            rows = [service.row(r) for r in service.export(store, actor, where, fmt)]
            write_output(output, [xlsx_table("审计日志", service.COLUMNS, rows)])
            make_console().print(f"已导出 {len(rows)} 条记录到 {escape(str(output))}")
            return
        records, total = service.query(store, actor, where)
    if fmt == "json":
        data = {"total": total, "records": [service.as_dict(r) for r in records]}
        text = json.dumps(data, ensure_ascii=False, indent=2)
        write_output(output, [text.encode("utf-8") + b"\n"])
        return
    console = make_console()
    headers = [name for name, _ in service.COLUMNS]
    print_rows(console, headers, [[str(c) for c in service.row(r)] for r in records])
    console.print(f"共 {total} 条，显示 {len(records)} 条（最新的在前）", highlight=False)
