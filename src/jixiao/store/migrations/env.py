"""Alembic environment: run the revisions on the store's connection.

The store passes an open connection in ``config.attributes["connection"]`` and holds the
transaction (and the write lock) itself, so the revisions run in it and commit with it. Run
from the ``alembic`` command line instead, the URL comes from ``sqlalchemy.url``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from jixiao.store.connect import resolve_url

config = context.config


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()


given = config.attributes.get("connection")
if isinstance(given, Connection):
    _run(given)
else:  # pragma: no cover - the alembic command line
    engine = create_engine(resolve_url(config.get_main_option("sqlalchemy.url") or ""))
    with engine.begin() as connection:
        _run(connection)
