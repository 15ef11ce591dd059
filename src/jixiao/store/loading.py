"""Reading one stored document back into the model: :func:`load_document`.

The rows are fetched as the driver gives them (four statements, one per table, past
SQLAlchemy's result processing: a department's document is a few hundred indicator rows of
~50 columns, and converting each value through its column type was a third of the read) and
read by the same functions as every other query (:mod:`.rows`). The only columns whose
driver values are not what those functions take are the exact numbers
(:class:`~.exact.ExactDecimal`): SQLite gives micro-units, turned into decimals here
(:func:`~.exact.from_micro`); PostgreSQL gives decimals already. Their trailing zeros are
left for :func:`~.exact.exact`, which prefers the written text anyway.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Column, Connection, Table

from ..errors import NotFoundError
from ..model import Document, Note, Project, Source, Unit
from .exact import ExactDecimal, from_micro
from .rows import (
    INDICATOR_COLUMNS,
    PROJECT_COLUMNS,
    funds_columns,
    funds_from,
    indicator_from,
    project_from,
)
from .schema import documents, indicators, projects, units

_HEAD: list[Column[Any]] = [
    *(documents.c[n] for n in ("department", "year", "title", "money_unit", "notes",
                               "source_name", "source_sha256", "source_layout")),
    *funds_columns(documents), documents.c.kind,
]  # fmt: skip
_UNITS: list[Column[Any]] = [units.c.id, units.c.name, *funds_columns(units), units.c.uid]
_PROJECTS: list[Column[Any]] = [projects.c.id, projects.c.unit_id, *PROJECT_COLUMNS]
_INDICATORS: list[Column[Any]] = [indicators.c.project_id, *INDICATOR_COLUMNS]


class _Reader:
    """One table's statement (``columns`` of the rows of a document, in ``order``) in the
    driver's parameter style, and the positions of its exact-number columns."""

    def __init__(self, table: Table, columns: list[Column[Any]], order: str, dialect: Any) -> None:
        quote = dialect.identifier_preparer.quote
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        key = "id" if table is documents else "document_id"
        self.sql = (
            f"SELECT {', '.join(quote(c.name) for c in columns)} FROM {quote(table.name)} "
            f"WHERE {quote(key)} = {mark}" + (f" ORDER BY {order}" if order else "")
        )
        self.numbers = [k for k, c in enumerate(columns) if isinstance(c.type, ExactDecimal)]
        self.micro = dialect.name == "sqlite"

    def rows(self, conn: Connection, document_id: int) -> list[Sequence[Any]]:
        found = conn.exec_driver_sql(self.sql, (document_id,)).all()
        if not self.micro:
            return list(found)
        return [_decimals(r, self.numbers, from_micro) for r in found]


def _decimals(row: Sequence[Any], at: list[int], convert: Callable[[Any], Any]) -> list[Any]:
    out = list(row)
    for k in at:
        if out[k] is not None:
            out[k] = convert(out[k])
    return out


@cache
def _readers(dialect: Any) -> tuple[_Reader, _Reader, _Reader, _Reader]:
    return (
        _Reader(documents, _HEAD, "", dialect),
        _Reader(units, _UNITS, "position", dialect),
        _Reader(projects, _PROJECTS, "unit_id, position", dialect),
        _Reader(indicators, _INDICATORS, "project_id, position", dialect),
    )


def load_document(conn: Connection, document_id: int) -> Document:
    """The stored document ``document_id`` as it was saved (deleted or not);
    :class:`NotFoundError` if there is none."""
    head, unit_rows, project_rows, indicator_rows = _readers(conn.dialect)
    found = head.rows(conn, document_id)
    if not found:
        raise NotFoundError(f"没有编号为 {document_id} 的文档", expected="jixiao list 中的编号")
    row = found[0]
    name, sha, layout = row[5], row[6], row[7]
    doc = Document(
        department=row[0],
        year=row[1],
        title=row[2],
        money_unit=row[3],
        notes=[Note(**n) for n in json.loads(row[4])],
        source=None if name is None and layout is None else Source(name, sha, layout),
        funds=funds_from(row, 8),
        kind=row[16],
    )
    by_unit: dict[int, Unit] = {}
    for r in unit_rows.rows(conn, document_id):
        by_unit[r[0]] = unit = Unit(name=r[1], funds=funds_from(r, 2), id=r[10] or "")
        doc.units.append(unit)
    by_project: dict[int, Project] = {}
    for r in project_rows.rows(conn, document_id):
        by_project[r[0]] = project = project_from(r, 2)
        by_unit[r[1]].projects.append(project)
    for r in indicator_rows.rows(conn, document_id):
        by_project[r[0]].indicators.append(indicator_from(r, 1))
    return doc
