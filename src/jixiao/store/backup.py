"""Backups of a whole database, and restoring one into an empty database.

* SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) copies the database in
  one step under a read transaction: a consistent snapshot while the app goes on writing
  (WAL: the writers are not blocked). The backup is itself an SQLite file. Restoring copies
  it into the target the same way, after checking it (``PRAGMA integrity_check``).
* PostgreSQL: ``pg_dump --format=custom`` of Jixiao's schema (one repeatable-read snapshot:
  consistent while the app writes), restored by ``pg_restore`` in one transaction. The
  password goes to the tools in ``PGPASSWORD``, never on their command line. The target
  database needs ``pg_trgm`` (opening it as a store creates it, as for any new database).

Everything is kept: documents and every version, findings, accounts, settings and the audit
log with its hash chain; row ids and stable ids survive, so links keep working. A backup is
written to ``PATH.part`` and renamed when complete; restoring refuses a database that holds
data (see :func:`contents`).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, inspect, select, text

from ..errors import InputError, StoreError
from . import migrate
from .schema import metadata, orgs

_TOOL_TIMEOUT_S = 6 * 3600
"""pg_dump and pg_restore of a big database take long; not for ever."""

_LEFT_EMPTY = {"meta", "orgs"}
"""Tables a new, empty store fills itself (its settings and the root of the org tree)."""


def contents(conn: Connection) -> dict[str, int]:
    """What a database holds that a new store does not: rows per table (empty: nothing)."""
    present = set(inspect(conn).get_table_names())
    out: dict[str, int] = {}
    for table in metadata.sorted_tables:
        if table.name not in present or table.name in _LEFT_EMPTY:
            continue
        n = int(conn.scalar(select(func.count()).select_from(table)) or 0)
        if n:
            out[table.name] = n
    if "orgs" in present:
        extra = int(conn.scalar(select(func.count()).select_from(orgs)) or 0) - 1
        if extra > 0:
            out["orgs"] = extra
    return out


def refuse_unless_empty(conn: Connection, url: str) -> None:
    found = contents(conn)
    if found:
        listed = "、".join(f"{t} {n} 行" for t, n in sorted(found.items()))
        raise InputError(
            f"目标数据库 {url} 不是空的（{listed}）；恢复只写入空数据库，以免覆盖或混入现有数据",
            expected="新建的空数据库（SQLite：不存在的文件；PostgreSQL：CREATE DATABASE 新建的库）",
        )


def _part(path: Path) -> Path:
    if path.exists():
        raise InputError(f"备份文件 {path} 已存在", expected="新的文件名（不覆盖已有备份）")
    part = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part.unlink(missing_ok=True)
    except OSError as exc:
        raise InputError(f"无法写入备份：{exc.strerror or exc}", source=str(path)) from exc
    return part


# -- SQLite -----------------------------------------------------------------------------------
def _sqlite_file(engine: Engine) -> str:
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise InputError("内存中的数据库无法备份或恢复", expected="SQLite 文件路径")
    return database


def sqlite_backup(engine: Engine, path: Path) -> None:
    part = _part(path)
    source = sqlite3.connect(_sqlite_file(engine))
    try:
        target = sqlite3.connect(part)
        try:
            source.backup(target)  # pages=-1: one step, one consistent snapshot
        finally:
            target.close()
        part.replace(path)
    except (sqlite3.Error, OSError) as exc:
        part.unlink(missing_ok=True)
        raise StoreError(f"备份失败：{exc}", source=str(path)) from exc
    finally:
        source.close()


def _check_sqlite_backup(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise InputError(f"无法读取备份：{exc.strerror or exc}", source=str(path)) from exc
    if head != b"SQLite format 3\x00":
        raise InputError(
            "不是 SQLite 备份文件", source=str(path), expected="jixiao backup 写出的文件"
        )
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except sqlite3.Error as exc:
        raise InputError(f"备份文件已损坏：{exc}", source=str(path)) from exc
    finally:
        conn.close()
    if verdict != "ok":
        raise InputError(f"备份文件已损坏：{verdict}", source=str(path))
    if "documents" not in tables or "audit_log" not in tables:
        raise InputError(
            "不是 Jixiao 的数据库备份", source=str(path), expected="jixiao backup 写出的文件"
        )
    if revision is not None and revision not in migrate.revisions():
        raise InputError(
            f"备份来自更新版本的 Jixiao（结构版本 {revision}）", source=str(path),
            expected="升级 jixiao 后再恢复",
        )  # fmt: skip


def sqlite_restore(engine: Engine, path: Path) -> None:
    _check_sqlite_backup(path)
    engine.dispose()  # no pooled connection keeps the old schema
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(_sqlite_file(engine))
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise StoreError(f"恢复失败：{exc}", source=str(path)) from exc
    finally:
        source.close()
        engine.dispose()


# -- PostgreSQL -------------------------------------------------------------------------------
def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise StoreError(
            f"找不到 {name}：PostgreSQL 的备份与恢复需要它",
            expected="安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client；"
            "make install 会安装）",
        )
    return found


def _libpq(engine: Engine, connect_args: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The libpq URI of the engine's database (no password) and the environment with it."""
    url = engine.url.set(drivername="postgresql", password=None)
    query = dict(url.query)
    if "options" in connect_args:
        query["options"] = connect_args["options"]
    query.pop("connect_timeout", None)
    uri = url.set(query=query).render_as_string(hide_password=False)
    env = dict(os.environ)
    if engine.url.password:
        env["PGPASSWORD"] = str(engine.url.password)
    return uri, env


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(
            args, env=env, capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise StoreError(f"{what}超时") from None
    except OSError as exc:
        raise StoreError(f"{what}失败：{exc}") from exc
    if done.returncode != 0:
        lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        errors = [line for line in lines if "error:" in line.lower()] or lines
        raise StoreError(f"{what}失败：{errors[0] if errors else f'退出码 {done.returncode}'}")


def pg_backup(engine: Engine, connect_args: dict[str, Any], schema: str, path: Path) -> None:
    part = _part(path)
    uri, env = _libpq(engine, connect_args)
    try:
        args = [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                f"--schema={schema}", f"--file={part}", f"--dbname={uri}"]  # fmt: skip
        _run(args, env, "备份（pg_dump）")
        part.replace(path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _listing(path: Path) -> str:
    """The table of contents of a pg_dump archive (``pg_restore --list``)."""
    if not path.is_file():
        raise InputError(f"备份文件 {path} 不存在")
    with path.open("rb") as fh:
        if fh.read(5) != b"PGDMP":
            raise InputError("不是 PostgreSQL 备份文件（pg_dump 自定义格式）", source=str(path),
                             expected="jixiao backup 写出的文件")  # fmt: skip
    done = subprocess.run(
        [_tool("pg_restore"), "--list", str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise InputError("备份文件已损坏，无法读取其目录", source=str(path))
    return done.stdout


def dump_schema(listing: str, path: Path) -> str:
    """The schema a pg_dump archive holds Jixiao's tables in."""
    found = re.search(r"^\d+; \d+ \d+ TABLE (\S+) documents ", listing, re.MULTILINE)
    if found is None:
        raise InputError(
            "不是 Jixiao 的数据库备份", source=str(path), expected="jixiao backup 写出的文件"
        )
    return found.group(1)


def pg_restore(engine: Engine, connect_args: dict[str, Any], schema: str, path: Path) -> None:
    listing = _listing(path)
    held = dump_schema(listing, path)
    if held != schema:
        raise InputError(
            f"备份中的数据在模式 {held}，目标数据库使用模式 {schema}", source=str(path),
            expected=f"恢复到模式为 {held} 的数据库（URL 中 options=-csearch_path={held}）",
        )  # fmt: skip
    # everything but the schema itself (it exists: the new store's tables are in it, and
    # ``public`` holds pg_trgm); --clean drops the new store's empty tables (checked empty
    # before), then the archive's are made and filled, all in one transaction
    wanted = [line for line in listing.splitlines() if " SCHEMA - " not in line]
    uri, env = _libpq(engine, connect_args)
    with tempfile.TemporaryDirectory(prefix="jixiao-restore-") as tmp:
        chosen = Path(tmp) / "list"
        chosen.write_text("\n".join(wanted) + "\n", encoding="utf-8")
        engine.dispose()
        _run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--clean", "--if-exists",
              "--single-transaction", "--exit-on-error", f"--use-list={chosen}",
              f"--dbname={uri}", str(path)], env, "恢复（pg_restore）")  # fmt: skip
    engine.dispose()


def current_schema(conn: Connection) -> str:
    return str(conn.scalar(text("SELECT current_schema()")))
