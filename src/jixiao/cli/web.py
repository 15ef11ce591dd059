"""Commands on the web app: serve."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from ..settings import (
    DEFAULT_EXPORT_DOCUMENTS,
    DEFAULT_HOST,
    DEFAULT_PORT,
    DEFAULT_RATE_LIMIT,
    DEFAULT_THREADS,
    Settings,
)
from .common import (
    Whole,
    check_exists,
    db_option,
    limit_option,
    main,
    make_console,
    parse_limits,
)


def run_server(settings: Settings, *, workers: int = 1, console: Console | None = None) -> None:
    """Check the database and the ruleset, print the URL, then serve until interrupted."""
    import uvicorn

    from ..web import create_app
    from ..web.app import ENV_SETTINGS, settings_to_env, tune_process
    from ..web.context import Context

    Context.open(settings).close()  # a bad database or ruleset fails here, as one line
    (console or make_console()).print(
        f"网页：[bold]{settings.url}[/]  接口文档：{settings.url}docs  （按 Ctrl+C 停止）",
        highlight=False,
    )
    config: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": "warning",
        "access_log": False,
    }
    tune_process()
    if workers > 1:
        # Worker processes build their own app (and store) from the settings.
        os.environ[ENV_SETTINGS] = settings_to_env(settings)
        uvicorn.run("jixiao.web.app:app_from_env", factory=True, workers=workers, **config)
    else:
        uvicorn.run(create_app(settings), **config)


host_option = click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    help="监听的地址；0.0.0.0 让局域网内其他电脑也能访问。",
)
port_option = click.option(
    "--port",
    type=Whole(1, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="监听的端口。",
)


@main.command()
@db_option
@host_option
@port_option
@click.option(
    "--workers",
    type=Whole(1, 64),
    default=1,
    show_default=True,
    help="工作进程数（多核机器上可提高并发）。",
)
@click.option(
    "--threads",
    type=Whole(1, 256),
    default=DEFAULT_THREADS,
    show_default=True,
    help="每个工作进程同时处理的请求数；其余的依次排队（少而快，免得请求相互拖慢）。",
)
@click.option(
    "--rules",
    "rules_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="审核规则集 TOML（网页上的得分和审核意见按它计算；默认自带规则集）。",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="HOST",
    help="只应答 Host 头为这些主机名的请求，可重复；*.example.gov.cn 含其子域名。"
    "默认不限（对外提供服务时请设置）。",
)
@click.option(
    "--rate-limit",
    type=Whole(0, 100_000),
    default=DEFAULT_RATE_LIMIT,
    show_default=True,
    help="每个客户端每分钟最多的导出和检索请求数（0：不限）；超过时答 429。",
)
@click.option(
    "--export-documents",
    type=Whole(1, 1_000_000),
    default=DEFAULT_EXPORT_DOCUMENTS,
    show_default=True,
    help="一次 xlsx / pdf / html 导出最多的文档数（这些格式在服务器上整份生成）；超过时答 413。",
)
@click.option(
    "--security",
    "security_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="安全策略 TOML（角色与权限、密码、锁定、会话；叠加在自带的 data/security.toml 上）。",
)
@click.option(
    "--workflow",
    "workflow_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="审核流程 TOML（状态、操作、各步的权限；叠加在自带的 data/workflow.toml 上）。",
)
@limit_option
def serve(
    db: str | None,
    host: str,
    port: int,
    workers: int,
    threads: int,
    rules_file: Path | None,
    allowed_hosts: tuple[str, ...],
    rate_limit: int,
    export_documents: int,
    security_file: Path | None,
    workflow_file: Path | None,
    limits: tuple[str, ...],
) -> None:
    """启动网页和 REST 接口（浏览器打开显示的地址；接口文档在 /docs）。数据库须已存在
    （先用 jixiao ingest 或 jixiao demo 创建）；不存在时报错而不新建。"""
    settings = Settings.from_env(
        db,
        host=host,
        port=port,
        ruleset=str(rules_file) if rules_file else None,
        allowed_hosts=allowed_hosts,
        rate_limit=rate_limit,
        export_documents=export_documents,
        limits=parse_limits(limits),
        security=str(security_file) if security_file else None,
        workflow=str(workflow_file) if workflow_file else None,
        threads=threads,
    )
    check_exists(settings.db, given=db is not None)  # an empty one may be served; a typo not
    run_server(settings, workers=workers)
