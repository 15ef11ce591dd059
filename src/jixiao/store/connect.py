"""Opening a database: URLs (file paths or SQLAlchemy URLs), SQLite settings, error details.

``postgresql://`` URLs use psycopg 3; SQLite files get their folders created and run in WAL
mode with foreign keys on, SQLAlchemy emitting ``BEGIN`` (``BEGIN IMMEDIATE`` for writers).
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from ..errors import StoreError

BUSY_TIMEOUT_MS = 5000
"""How long an SQLite write waits for another writer before failing with a clear error."""
MIGRATION_WAIT_MS = 600_000
"""How long opening a database waits for another process's schema upgrade to finish."""
SQLITE_PRAGMAS = (
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",  # first: switching a new file to WAL takes a lock
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
)
CONNECT_TIMEOUT_S = 10
_SQLITE_HEADER = b"SQLite format 3\x00"


# -- URLs ---------------------------------------------------------------------------------
def mask(url: str) -> str:
    """``url`` with its password replaced by ``***`` (also when it does not parse)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def resolve_url(url: str) -> URL:
    """A SQLAlchemy URL for ``url``: a URL as given, or a file path as an SQLite URL.

    ``postgresql://`` and ``postgres://`` use psycopg 3 (``postgresql+psycopg://``). SQLite
    files get their parent folders created.
    """
    if url == ":memory:":
        return URL.create("sqlite")
    if "://" not in url:
        path = Path(url).expanduser().resolve()
        _make_parent(path, url)
        return URL.create("sqlite", database=str(path))
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(
            f"数据库地址无效：{mask(url)}",
            expected="SQLite 文件路径，或 SQLAlchemy URL，如 postgresql://user@host/db",
        ) from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(
            f"不支持的数据库：{mask(url)}", expected="SQLite 文件路径或 postgresql:// URL"
        )
    database = parsed.database
    if (
        backend == "sqlite"
        and database
        and database != ":memory:"
        and not database.startswith("file:")
    ):
        _make_parent(Path(database).expanduser().resolve(), url)
    return parsed


def _make_parent(path: Path, url: str) -> None:
    """Create the folders of an SQLite file; refuse an existing file that is not SQLite."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"无法创建数据库所在的文件夹 {path.parent}：{exc.strerror or exc}", source=url
        ) from exc
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except OSError:
        return  # absent (created on open) or unreadable (SQLite says why)
    # SQLite would silently take over a non-empty file shorter than its header.
    if head and head != _SQLITE_HEADER:
        raise StoreError(f"{path} 不是 SQLite 数据库文件", source=url)


def detail(exc: BaseException) -> str:
    """The first line of a driver error, without SQLAlchemy's decoration."""
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0].strip() if lines else type(orig).__name__


def sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (pysqlite's own transaction handling is bypassed).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            _pragma(cursor, pragma)
    finally:
        cursor.close()


def _pragma(cursor: Any, pragma: str) -> None:
    """Run ``pragma``; switching a brand-new file to WAL is tried again while another
    connection holds it. Two connections switching it at once deadlock, and SQLite then
    answers "database is locked" at once, without its busy wait (4 processes or threads
    opening a new database together failed one time in twenty)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.001
    while True:
        try:
            cursor.execute(pragma)
            return
        except sqlite3.OperationalError as exc:
            locked = "locked" in str(exc).lower() or "busy" in str(exc).lower()
            if not locked or "journal_mode" not in pragma or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def sqlite_on_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("jixiao_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
