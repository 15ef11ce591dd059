"""What every ``jixiao`` command shares: the group, its error mapping, options, output."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .. import __version__
from ..errors import InputError, JixiaoError, NotFoundError, from_os_error
from ..settings import ENV_DB, Settings
from . import i18n

err_console = Console(stderr=True, soft_wrap=True)


def make_console() -> Console:
    # Built per call so Click's test runner (which swaps sys.stdout) captures the output.
    return Console(file=sys.stdout, soft_wrap=True)


i18n.install()  # Click's own text (Usage, Options, its errors) in Chinese

OPTIONS_METAVAR = "[选项]"


class ChineseHelpFormatter(click.HelpFormatter):
    """Headings end with a full-width colon (选项：), as the translated text around them."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


class JixiaoContext(click.Context):
    formatter_class = ChineseHelpFormatter


class JixiaoCommand(click.Command):
    """A command whose usage line says ``[选项]`` and whose help has Chinese headings."""

    context_class = JixiaoContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class JixiaoGroup(click.Group):
    """Maps the library's errors — and an operating-system error on a file that escaped them
    (a full disk, a file taken away) — to one line on stderr and the error's exit code."""

    command_class = JixiaoCommand
    context_class = JixiaoContext

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except JixiaoError as exc:
            self.fail_with(ctx, exc)
        except OSError as exc:
            if exc.filename is None:
                raise  # not about a file the user named: a bug, with its traceback
            self.fail_with(ctx, from_os_error(exc, doing="访问"))

    @staticmethod
    def fail_with(ctx: click.Context, exc: JixiaoError) -> None:
        err_console.print(f"[bold red]错误[/]：{escape(str(exc))}", highlight=False)
        ctx.exit(exc.exit_code)


class Whole(click.IntRange):
    """A whole number (optionally within a range), named 整数 in Click's messages and help
    (Click's own name, "integer range", would show through the translated text)."""

    name = "整数"


db_option = click.option(
    "--db",
    metavar="PATH_OR_URL",
    default=None,
    help=f"SQLite 文件路径或 SQLAlchemy URL（如 postgresql://user@host/db）。默认 ${ENV_DB}，"
    "否则用户数据目录下的 jixiao.db。",
)


def _layouts() -> str:
    from ..ingest import READERS  # the registry names the layouts

    return "、".join(READERS)


layout_option = click.option(
    "--layout",
    default=None,
    help=f"指定版式（默认按内容识别）：{_layouts()}。",
)
encoding_option = click.option(
    "--encoding",
    default=None,
    help="文本编码（默认按内容识别 UTF-8 / 带 BOM 的 UTF-8），如 gb18030。",
)
output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="输出文件（xlsx 必须指定；其他格式默认标准输出）。",
)
"""``--output``: a report's file, written whole or not at all (:func:`write_output`)."""

year_option = click.option(
    "--year",
    metavar="YYYY",
    type=Whole(1949, 2200),
    default=None,
    help="预算年度（覆盖标题或文件名中的年度）。",
)


def _limit_help() -> str:
    from ..limits import ENV_PREFIX, specs

    names = "、".join(f"{k}（{s.label}，默认 {s.default:,}）" for k, s in specs().items())
    return (
        "放宽或收紧读取文件的上限，可重复，如 --limit pages=2000。"
        f"也可用环境变量 {ENV_PREFIX}名称（大写）。可设：{names}。"
    )


limit_option = click.option(
    "--limit",
    "limits",
    multiple=True,
    metavar="NAME=VALUE",
    help=_limit_help(),
)


def parse_limits(values: Iterable[str]) -> dict[str, str]:
    """``("pages=2000", …)`` → ``{"pages": "2000"}`` (checked by :class:`Limits`)."""
    out: dict[str, str] = {}
    for value in values:
        key, sep, number = value.partition("=")
        if not sep:
            raise InputError(f"--limit {value} 格式不对", expected="名称=数值，如 pages=2000")
        out[key.strip()] = number.strip()
    return out


@contextmanager
def open_store(
    db: str | None, *, must_exist: bool = True, needs_tables: bool | None = None
) -> Iterator[Any]:
    """The store of ``--db`` (else ``$JIXIAO_DB``, else the data folder's). Only the commands
    that put something in (ingest, demo, admin create, restore) pass ``must_exist=False``: for
    every other command a database that does not exist is an error, never created (a mistyped
    ``--db`` would otherwise go unnoticed). ``needs_tables`` (default: ``must_exist``) also
    refuses a database that holds no table, for the commands that read tables; the audit log
    and backups need the database, not tables in it."""
    from ..store import Store  # imported lazily: `jixiao parse` needs no database

    url = Settings.from_env(db).db
    if must_exist:
        check_exists(url, given=db is not None)
    store = Store(url)
    try:
        if (must_exist if needs_tables is None else needs_tables) and store.count_documents() == 0:
            raise NotFoundError(f"数据库 {store.url} 中还没有表", expected=_INGEST_FIRST)
        yield store
    finally:
        store.close()


_INGEST_FIRST = "先用 jixiao ingest 表文件 --db 数据库 入库"


def check_exists(url: str, *, given: bool = True) -> None:
    """Refuse an SQLite database file that does not exist (a server database is checked when
    connecting); ``given``: named by ``--db`` (else by $JIXIAO_DB or the default)."""
    path = sqlite_file(url)
    if path is None or path.exists():
        return
    where = "" if given else f"（未指定 --db，默认为 ${ENV_DB} 或用户数据目录下的 jixiao.db）"
    raise NotFoundError(
        f"数据库不存在：{path}{where}", expected=f"已入库的数据库文件；{_INGEST_FIRST}"
    )


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite database (a path, or a ``sqlite:///`` URL); ``None`` for an
    in-memory one or a server database."""
    if url == ":memory:":
        return None
    if "://" not in url:
        return Path(url).expanduser()
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None  # the store says why it cannot use it
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return None if database.startswith("file:") else Path(database).expanduser()


@click.group(
    cls=JixiaoGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar=OPTIONS_METAVAR,
    subcommand_metavar="命令 [参数]...",
)
@click.version_option(__version__, prog_name="jixiao")
def main() -> None:
    """Jixiao（绩效）：把项目支出绩效目标表变成可查询的数据。

    \b
    常用：
      jixiao parse 表.txt            解析并显示摘要（--json 输出交换格式）
      jixiao ingest 表.txt 文件夹/    入库（默认 SQLite，--db 可指定 PostgreSQL）
      jixiao list / list projects    列出部门年度 / 项目
      jixiao show 项目名或编号        显示一个项目及其指标
      jixiao export --format csv     导出
      jixiao review 表.txt           审核绩效目标（--format xlsx/html 生成审核意见）
    """


def print_rows(console: Console, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A table on a terminal; one plain line per row elsewhere (logs, pipes), never truncated."""
    if console.is_terminal:
        table = Table(show_edge=False)
        for header in headers:
            table.add_column(header, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    for row in rows:
        console.print("  ".join(cell for cell in row if cell), highlight=False)


def amount(value: Decimal | None) -> str:
    """``Decimal('12537.00')`` → ``12,537.00``; ``—`` for an empty column."""
    return "—" if value is None else f"{value:,}"


def write_output(output: Path | None, chunks: Iterable[bytes], *, stream: bool = True) -> None:
    """Write ``chunks`` to standard output, or to ``output`` whole or not at all; unless
    ``stream``, standard output gets nothing before the last chunk is made (an exporter that
    refuses a later document then leaves nothing half-written there either)."""
    if output is None:
        out = sys.stdout.buffer
        for chunk in chunks if stream else list(chunks):
            out.write(chunk)
        out.flush()
        return
    tmp = output.with_name(output.name + ".part")
    try:
        with tmp.open("wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        tmp.replace(output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise from_os_error(exc, str(output), "写入") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)  # the exporter refused a document: no part file left
        raise
