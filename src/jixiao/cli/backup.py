"""Commands on whole databases: ``jixiao backup`` and ``jixiao restore``."""

from __future__ import annotations

import time
from pathlib import Path

import click
from rich.markup import escape

from .common import db_option, main, make_console, open_store


def _size(path: Path) -> str:
    n = path.stat().st_size
    return f"{n / 1_048_576:,.1f} MB" if n >= 1_048_576 else f"{n / 1024:,.1f} KB"


@main.command()
@db_option
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(db: str | None, path: Path) -> None:
    """备份整个数据库到新文件 PATH（应用运行时也可备份，得到一致的快照）。

    \b
    SQLite 用在线备份接口，PostgreSQL 用 pg_dump（自定义格式）。文档及其每个版本、
    审核结果、账号、设置和审计日志全部在内；备份本身记入审计日志。请把备份复制到
    另一处（异地）保存，见 docs/security.md 的“数据备份恢复”。
    """
    from ..services import backup as service
    from ..services.actor import cli_actor

    started = time.perf_counter()
    with open_store(db, needs_tables=False) as store:
        service.backup(store, cli_actor(), path)
    took = time.perf_counter() - started
    make_console().print(
        f"已备份到 {escape(str(path))}（{_size(path)}，{took:.1f} 秒）", highlight=False
    )


@main.command()
@db_option
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
def restore(db: str | None, path: Path) -> None:
    """从备份 PATH 恢复到一个空数据库（--db 指定；已有数据的数据库会被拒绝）。

    \b
    编号（文档、项目、指标、审计记录）保持不变，链接继续有效；恢复后请运行
    jixiao audit verify 校验审计日志。恢复本身记入恢复后的审计日志。
    """
    from ..services import backup as service
    from ..services.actor import cli_actor

    with open_store(db, must_exist=False) as store:
        rows = service.restore(store, cli_actor(), path)
    summary = "，".join(
        f"{label} {rows.get(table, 0):,}"
        for table, label in (("documents", "文档"), ("projects", "项目"),
                             ("indicators", "指标"), ("audit_log", "审计记录"))
    )  # fmt: skip
    make_console().print(f"已从 {escape(str(path))} 恢复：{summary}", highlight=False)
