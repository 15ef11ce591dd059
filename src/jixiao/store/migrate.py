"""Schema migrations: bring a database to the head revision when a :class:`Store` opens it.

Alembic is configured here, not by an ``alembic.ini``: the revisions ship in the package
(:mod:`jixiao.store.migrations`) and run on the store's connection, inside its write
transaction (SQLite: one ``BEGIN IMMEDIATE`` transaction; PostgreSQL: under the advisory lock
of the schema, DDL being transactional), so concurrent first opens queue and a failed
upgrade leaves the database as it was.

What a database can be, and what opening it does:

* empty → every revision from the first;
* made before migrations (``meta.schema_version = 1``, no ``alembic_version``) → stamped
  ``0001``, then upgraded;
* at an older revision → upgraded; at the head → nothing (checked without the write lock);
* at a revision this code does not know, or with a ``meta.schema_version`` above
  :data:`~.schema.SCHEMA_VERSION` → :class:`StoreError` (made by a newer jixiao).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, select, text

from ..errors import StoreError
from .schema import SCHEMA_VERSION, meta

MIGRATIONS = Path(__file__).resolve().with_name("migrations")
"""The folder of ``env.py`` and ``versions/`` (inside the installed package)."""

LEGACY_REVISION = "0001"
"""The revision of a database made before migrations (``meta.schema_version = 1``)."""


def config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for the bundled revisions, running on ``connection``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    cfg.attributes["connection"] = connection
    return cfg


@cache
def scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    found = scripts().get_current_head()
    assert found is not None
    return found


def revisions() -> list[str]:
    """Every known revision, oldest first."""
    return [s.revision for s in reversed(list(scripts().walk_revisions()))]


@dataclass(frozen=True, slots=True)
class State:
    """Where a database stands: its Alembic revision and ``meta.schema_version``."""

    revision: str | None
    schema_version: str | None
    empty: bool  # neither table exists


def state(conn: Connection) -> State:
    tables = inspect(conn)
    revision = None
    if tables.has_table("alembic_version"):
        revision = conn.scalar(text("SELECT version_num FROM alembic_version"))
    version = None
    has_meta = tables.has_table("meta")
    if has_meta:
        version = conn.scalar(select(meta.c.value).where(meta.c.key == "schema_version"))
    return State(revision, version, revision is None and not has_meta)


def is_current(current: State) -> bool:
    return current.revision == head() and current.schema_version == str(SCHEMA_VERSION)


def check(current: State, url: str) -> None:
    """Refuse a database made by a newer jixiao, or one this code cannot place."""
    newer = StoreError(
        f"数据库 {url} 的结构版本为 {current.revision or current.schema_version}，"
        f"比本程序支持的 {head()} 新",
        expected="升级 jixiao 后再打开它",
    )
    if current.revision is not None and current.revision not in revisions():
        raise newer
    version = current.schema_version
    if version is not None and version.isdigit() and int(version) > SCHEMA_VERSION:
        raise newer
    if current.revision is None and not current.empty and version != "1":
        raise StoreError(f"数据库 {url} 的结构版本 {version} 无法识别（本程序为 {SCHEMA_VERSION}）")


def upgrade(conn: Connection, url: str, target: str = "head") -> None:
    """Bring the database on ``conn`` to ``target`` (in the caller's transaction)."""
    current = state(conn)
    check(current, url)
    if current.revision is None and not current.empty:
        command.stamp(config(conn), LEGACY_REVISION)
    command.upgrade(config(conn), target)


def downgrade(conn: Connection, target: str) -> None:
    """Take the database on ``conn`` back to ``target`` (tests and recovery only)."""
    command.downgrade(config(conn), target)
