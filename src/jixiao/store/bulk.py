"""Writing many rows at once on one database: fresh ids for them in one round trip, and the
rows themselves past SQLAlchemy's per-row processing (psycopg's ``COPY`` on PostgreSQL, one
``executemany`` on SQLite), their values already bound as the driver takes them
(:func:`.exact.binder`). The :class:`~.writes.Writer` writes documents with it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text

from .exact import binder
from .rows import INSERT_COLUMNS, Row
from .schema import metadata


class Bulk:
    """The bulk writes of the database behind ``engine``."""

    def __init__(self, engine: Engine) -> None:
        self._dialect: Any = engine.dialect
        self.dialect = engine.dialect.name
        self.number = binder(self.dialect)
        """How an exact number is bound (micro-units on SQLite, the checked Decimal else)."""
        self._sql = {t: self._statement(t) for t in INSERT_COLUMNS}

    def _statement(self, table: str) -> str:
        """The bulk insert of ``table``: ``COPY … FROM STDIN`` on PostgreSQL, else
        ``INSERT INTO table (…) VALUES (?, …)`` in the driver's parameter style."""
        columns = INSERT_COLUMNS[table]
        known = set(metadata.tables[table].c.keys())
        assert set(columns) <= known and known - set(columns) <= {"id"}, table
        quote = self._dialect.identifier_preparer.quote
        names = ", ".join(quote(c) for c in columns)
        if self.dialect == "postgresql":
            return f"COPY {quote(table)} ({names}) FROM STDIN"
        mark = "?" if self._dialect.paramstyle == "qmark" else "%s"
        return f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(mark for _ in columns)})"

    def allocate(self, conn: Connection, counts: Mapping[str, int]) -> dict[str, list[int]]:
        """Fresh ids for ``counts[table]`` rows of each table, in one round trip."""
        tables = [t for t, n in counts.items() if n]
        if not tables:
            return {t: [] for t in counts}
        if self.dialect == "postgresql":
            parts = [
                f"SELECT '{t}' AS t, nextval(pg_get_serial_sequence('{t}', 'id')) AS id "
                f"FROM generate_series(1, {int(counts[t])})"
                for t in tables
            ]
            fetched: dict[str, list[int]] = {t: [] for t in counts}
            for name, value in conn.execute(text(" UNION ALL ".join(parts))):
                fetched[name].append(int(value))
            return {t: sorted(v) for t, v in fetched.items()}
        # SQLite: the write lock is held (BEGIN IMMEDIATE), so max(id) is ours until commit.
        maxima = conn.execute(
            select(*(select(func.max(metadata.tables[t].c.id)).scalar_subquery() for t in tables))
        ).one()
        out: dict[str, list[int]] = {t: [] for t in counts}
        for t, top in zip(tables, maxima, strict=True):
            start = (top or 0) + 1
            out[t] = list(range(start, start + counts[t]))
        return out

    def insert(self, conn: Connection, table: str, rows: list[Row]) -> None:
        """All ``rows`` of ``table`` in one go, past SQLAlchemy's per-row processing (the
        values are already what the driver takes, see :func:`.exact.binder`): psycopg's
        ``COPY`` on PostgreSQL, one ``executemany`` on SQLite."""
        if not rows:
            return
        if self.dialect == "postgresql":
            with (
                conn.connection.driver_connection.cursor() as cursor,  # type: ignore[union-attr]
                cursor.copy(self._sql[table]) as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return
        conn.exec_driver_sql(self._sql[table], rows)
