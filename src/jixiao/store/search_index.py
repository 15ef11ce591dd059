"""Keeping the search index (:mod:`.search`) in step with the stored rows, in the writer's
transaction: a document's texts added or removed, one project's after an edit, or all of them
again (:func:`rebuild`). Each row's id encodes its kind and source (see :mod:`.search`), so
the rows of a project or a document are found, on SQLite's FTS5 table too, by the ids
computed from the stored rows."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select, text

from .schema import documents
from .search import KIND_SPAN

_SOURCES = (
    # rank, column, kind, field, table, project id, indicator id, sub, extra condition
    (1, "name", "project", "name", "projects", "id", "CAST(NULL AS INTEGER)", 0, ""),
    (2, "goal", "goal", "goal", "projects", "id", "CAST(NULL AS INTEGER)", 0, ""),
    (3, "name", "indicator", "name", "indicators", "project_id", "id", 0, ""),
    (4, "cycle_text", "target", "cycle", "indicators", "project_id", "id", 0, ""),
    (4, "annual_text", "target", "annual", "indicators", "project_id", "id", 1,
     " AND annual_text <> cycle_text"),
)  # fmt: skip


def _encoded(rank: int, sub: int) -> str:
    return f"{rank} * {KIND_SPAN} + 2 * CAST(id AS BIGINT) + {sub}"


def _where(table: str, document_ids: Sequence[int] | None, project: int | None) -> str:
    if project is not None:  # one project: its row, and its indicators
        return f"{'id' if table == 'projects' else 'project_id'} = {int(project)}"
    return f"document_id IN ({', '.join(str(int(d)) for d in document_ids or ())})"


def _index(conn: Connection, document_ids: Sequence[int] | None, project: int | None) -> None:
    sqlite = conn.dialect.name == "sqlite"
    tail = ", substr({0}, -2) || char(31, 31)" if sqlite else ""
    selects = [
        f"SELECT {_encoded(rank, sub)}, {col}{tail.format(col)}, '{kind}', '{field}', "
        f"document_id, {proj}, {indicator} FROM {tbl} "
        f"WHERE {_where(tbl, document_ids, project)} AND {col} <> ''{extra}"
        for rank, col, kind, field, tbl, proj, indicator, sub, extra in _SOURCES
    ]
    columns = "rowid, text, tail" if sqlite else "id, text"
    conn.execute(
        text(
            f"INSERT INTO search_text ({columns}, kind, field, document_id, project_id, "
            "indicator_id) " + " UNION ALL ".join(selects)
        )
    )


def _by_id(conn: Connection, document_ids: Sequence[int] | None, project: int | None) -> None:
    """Delete the index rows of the stored rows chosen, found by the ids computed from them."""
    ids = " UNION ALL ".join(
        f"SELECT {_encoded(rank, sub)} FROM {tbl} WHERE {_where(tbl, document_ids, project)}"
        for rank, _, _, _, tbl, _, _, sub, _ in _SOURCES
    )
    key = "rowid" if conn.dialect.name == "sqlite" else "id"
    conn.execute(text(f"DELETE FROM search_text WHERE {key} IN ({ids})"))


def index_documents(conn: Connection, document_ids: Sequence[int]) -> None:
    """Add the searchable texts of the documents ``document_ids`` to the index."""
    if document_ids:
        _index(conn, document_ids, None)


def unindex_documents(conn: Connection, document_ids: Sequence[int]) -> None:
    """Remove the texts of ``document_ids`` from the index (before their rows are deleted).

    On SQLite the rows are found by id, computed from the rows of the documents (an FTS5
    table has no index on ``document_id``); on PostgreSQL by ``document_id``.
    """
    if not document_ids:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(text(f"DELETE FROM search_text WHERE {_where('', document_ids, None)}"))
        return
    _by_id(conn, document_ids, None)


def index_project(conn: Connection, project_row: int) -> None:
    """Add the texts of one project (row id) and its indicators to the index."""
    _index(conn, None, project_row)


def unindex_project(conn: Connection, project_row: int) -> None:
    """Remove the texts of one project and its indicators (before their rows change), by
    the ids computed from its rows on both databases (the primary key: no scan)."""
    _by_id(conn, None, project_row)


def rebuild(conn: Connection) -> None:
    """Empty the index and fill it again from the stored rows of live documents (a deleted
    one stays out of the index, as :meth:`~.writes.Writer.soft_delete` left it)."""
    conn.execute(text("DELETE FROM search_text"))
    live = select(documents.c.id).where(documents.c.deleted_at.is_(None))
    index_documents(conn, list(conn.scalars(live)))
