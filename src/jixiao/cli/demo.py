"""``jixiao demo``: the bundled table loaded, summed up and served, with what to try next."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import InputError
from ..model import Document
from ..settings import Settings
from .common import db_option, main, make_console, open_store
from .tables import STATUS_LABELS, show_document
from .web import host_option, port_option


@main.command()
@db_option
@click.option("--no-serve", is_flag=True, help="只载入和显示，不启动网页（供脚本和测试使用）。")
@host_option
@port_option
def demo(db: str | None, no_serve: bool, host: str, port: int) -> None:
    """载入自带的示例表（一个市级部门公开的项目支出绩效目标表），显示摘要和可用的命令，
    然后启动网页（显示其地址）。"""
    from ..loader import ReadOptions, load

    console = make_console()
    tables = demo_tables()
    files = [path for path, _ in tables]
    docs: list[Document] = []
    with open_store(db, must_exist=False) as store:
        for path, year in tables:
            for outcome in load(store, [path], ReadOptions(publish=True, year=year)):
                if outcome.document_id is None:
                    raise InputError(f"示例表未能入库：{outcome.reason}", source=outcome.path)
                console.print(
                    f"示例表{STATUS_LABELS[outcome.status]}（编号 {outcome.document_id}）"
                    f"{'：' + outcome.reason if outcome.reason else ''}",
                    highlight=False,
                )
                docs.append(store.load(outcome.document_id))
                show_document(console, docs[-1])
    # a project of the table itself, named with its unit so that the example is unambiguous
    unit, project = next(docs[0].projects())
    target = db or Settings.from_env().db
    prog = _program()
    sample = _shorter(files[0])
    console.print(
        "\n[bold]接下来可以试试：[/]\n"
        f"  {prog} list --db {target}\n"
        f"  {prog} list projects --db {target} --level 满意度指标\n"
        f"  {prog} list projects --db {target} --min 1000\n"
        f"  {prog} show --db {target} '{project.name}' --unit '{unit.name}'\n"
        f"  {prog} review --db {target}\n"
        f"  {prog} export --db {target} --format csv -o 指标.csv\n"
        f"  {prog} parse --json {sample}",
        highlight=False,
    )
    with open_store(db) as store:
        from .admin import print_demo_users

        print_demo_users(console, store, docs[0])
    if not no_serve:
        from .web import run_server

        run_server(Settings.from_env(db, host=host, port=port), console=console)


def demo_tables() -> list[tuple[str, int | None]]:
    """The bundled demo tables with their years, as ``data/demo/demo.toml`` lists them."""
    import tomllib
    from importlib import resources

    folder = Path(str(resources.files("jixiao").joinpath("data/demo")))
    listed = tomllib.loads((folder / "demo.toml").read_text(encoding="utf-8"))
    return [(str(folder / t["file"]), t.get("year")) for t in listed["table"]]


def _program() -> str:
    """How the user can run this command again: ``jixiao`` if it is on PATH, else its path."""
    import shutil

    argv0 = Path(sys.argv[0])
    if argv0.name == "jixiao" and shutil.which("jixiao") != str(argv0.resolve()):
        return _shorter(str(argv0))
    return "jixiao"


def _shorter(path: str) -> str:
    """``path`` relative to the working directory when it lies below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path
