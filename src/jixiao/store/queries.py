"""Read-side queries of the store: small frozen rows for listing, and one project in full.

Every function takes an open :class:`~sqlalchemy.engine.Connection`; :class:`~jixiao.store.Store`
opens it and translates database errors. Text filters match substrings, case-insensitively
for Latin letters, with ``%`` and ``_`` taken literally. Listings are ordered by department
(code-point order, the same on SQLite and PostgreSQL), year (missing last), document, then
the order of the table as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    exists,
    false,
    func,
    or_,
    select,
    true,
)

from ..errors import NotFoundError
from ..model import DocumentKind, Project
from ..review.base import Finding
from . import findings as stored_findings
from . import search
from .exact import MAX_VALUE, SCALE, exact
from .findings import at_least
from .rows import INDICATOR_COLUMNS, PROJECT_COLUMNS, indicator_from, project_from
from .schema import (
    document_counts,
    documents,
    findings,
    indicators,
    projects,
    units,
)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One stored document (a department's table for a year) with its counts."""

    id: int
    department: str
    year: int | None
    money_unit: str
    total: Decimal | None
    units: int
    projects: int
    indicators: int
    source_name: str | None
    ingested_at: str  # ISO 8601, UTC
    kind: DocumentKind = "target"  # model.DOCUMENT_KINDS
    version: int = 1
    status: str = "published"  # draft, published


@dataclass(frozen=True, slots=True)
class Visibility:
    """What an account may see: whole documents (``documents``; ``None``: every live one)
    and, besides, single units of other documents (``units``: unit row ids, a unit's
    account seeing its own unit of a document not yet published)."""

    documents: frozenset[int] | None = None
    units: frozenset[int] = frozenset()
    hidden: frozenset[int] = frozenset()  # with documents None: every live one but these

    def condition(self, document_id: Any, unit_id: Any | None = None) -> ColumnElement[bool]:
        """The SQL condition on a row's document id (and unit id, where it has one)."""
        if self.documents is None:
            if not self.hidden:
                return true()
            whole: ColumnElement[bool] = document_id.not_in(sorted(self.hidden))
        else:
            whole = document_id.in_(sorted(self.documents)) if self.documents else false()
        if unit_id is None or not self.units:
            return whole
        return or_(whole, unit_id.in_(sorted(self.units)))


def live() -> ColumnElement[bool]:
    """Documents not deleted (deleted ones are kept, hidden everywhere)."""
    return documents.c.deleted_at.is_(None)


@dataclass(frozen=True, slots=True)
class ProjectFilter:
    """What :meth:`Store.projects` lists; ``None`` means no condition.

    ``department``, ``unit`` and ``name`` match substrings. ``level`` keeps projects with at
    least one indicator of that class: a level-1 or level-2 code (``"12"``), a name or part of
    one (``"质量指标"``, ``"满意度指标"``), or a label (``"12-质量指标"``). ``min_total`` and
    ``max_total`` bound the project total (in the document's money unit), inclusive.
    ``document_id`` keeps one document's projects; ``severity`` (``error``, ``warning``,
    ``info``) those with at least one review finding that severe or worse; ``q`` those whose
    name, or whose goal, contains every whitespace-separated term (see :mod:`.search`).
    """

    department: str | None = None
    year: int | None = None
    unit: str | None = None
    name: str | None = None
    level: str | None = None
    min_total: Decimal | None = None
    max_total: Decimal | None = None
    limit: int = 200
    offset: int = 0
    document_id: int | None = None
    severity: str | None = None  # at least one finding this severe or worse
    q: str | None = None  # every term (whitespace-separated) in the name, or in the goal
    visible: Visibility | None = None  # None: everything live


@dataclass(frozen=True, slots=True)
class ProjectRow:
    id: str  # the project's stable id (model ids)
    department: str
    year: int | None
    unit: str
    name: str
    money_unit: str
    total: Decimal | None
    fiscal: Decimal | None
    indicators: int


@dataclass(frozen=True, slots=True)
class ProjectView:
    """One project in full, with where it belongs and its review.

    ``id`` is the project's stable id (``project.id``); ``indicator_ids`` are those of
    ``project.indicators``, in the same order;
    ``findings`` are the review findings mapped to this project (each names its indicator by
    ``seq``), in review order; ``reviewed`` is false when the document was stored without
    review (then ``findings`` is empty and means nothing).
    """

    id: str
    document_id: int
    department: str
    year: int | None
    money_unit: str
    unit: str
    project: Project
    kind: DocumentKind = "target"  # the document's
    indicator_ids: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    reviewed: bool = False


def _binary(column: ColumnElement[str], dialect: str) -> ColumnElement[str]:
    """``column`` compared by code point on both databases (for a stable order)."""
    return column.collate("C" if dialect == "postgresql" else "BINARY")


def _document_order(dialect: str) -> list[ColumnElement[Any]]:
    return [
        _binary(documents.c.department, dialect),
        documents.c.year.asc().nulls_last(),
        documents.c.id,
    ]


def _count(table: Any, column: Any, parent: Any) -> Any:
    return select(func.count()).select_from(table).where(column == parent).scalar_subquery()


def document_sizes() -> list[Any]:
    """Units, projects and indicators of each document, from ``document_counts`` (written with
    it), counted where a document has no row there (one written by hand in SQL)."""
    c, d = document_counts.c, documents.c
    return [
        func.coalesce(c.units, _count(units, units.c.document_id, d.id)),
        func.coalesce(c.projects, _count(projects, projects.c.document_id, d.id)),
        func.coalesce(c.indicators, _count(indicators, indicators.c.document_id, d.id)),
    ]


def with_sizes(query: Select[Any]) -> Select[Any]:
    return query.outerjoin(document_counts, document_counts.c.document_id == documents.c.id)


def document_rows_query(dialect: str) -> Select[Any]:
    """Every document as a :class:`DocumentRow` (see :func:`document_rows`), in list order."""
    d = documents.c
    return (
        with_sizes(
            select(
                d.id,
                d.department,
                d.year,
                d.money_unit,
                d.total,
                d.total_text,
                *document_sizes(),
                d.source_name,
                d.ingested_at,
                d.kind,
                d.version,
                d.status,
            ).select_from(documents)
        )
        .where(live())
        .order_by(*_document_order(dialect))
    )


def document_rows(conn: Connection, query: Select[Any]) -> list[DocumentRow]:
    return [
        DocumentRow(
            r[0],
            r[1],
            r[2],
            r[3],
            exact(r[4], r[5]),
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
            r[11],
            r[12],
            r[13],
        )
        for r in conn.execute(query)
    ]


def list_documents(conn: Connection) -> list[DocumentRow]:
    return document_rows(conn, document_rows_query(conn.dialect.name))


def document_ids(conn: Connection, department: str | None, year: int | None) -> list[int]:
    query = select(documents.c.id).where(live()).order_by(*_document_order(conn.dialect.name))
    if department is not None:
        query = query.where(documents.c.department == department)
    if year is not None:
        query = query.where(documents.c.year == year)
    return list(conn.scalars(query))


def _level_condition(level: str) -> ColumnElement[bool]:
    i = indicators.c
    level = level.strip()
    label = re.fullmatch(r"\s*([0-9A-Za-z.]+)\s*[-－—]\s*(.+)", level)
    if label is not None:
        code, name = label.group(1), label.group(2).strip()
        matches = or_(
            and_(i.level1_code == code, i.level1_name == name),
            and_(i.level2_code == code, i.level2_name == name),
        )
    else:
        matches = or_(
            i.level1_code == level,
            i.level2_code == level,
            i.level1_name.icontains(level, autoescape=True),
            i.level2_name.icontains(level, autoescape=True),
        )
    return exists().where(i.project_id == projects.c.id, matches)


def _bound(value: Decimal, rounding: str) -> Decimal:
    """A filter bound as a value the number column can hold (rounded towards the kept side)."""
    if abs(value) > MAX_VALUE:
        return MAX_VALUE.copy_sign(value)
    return value.quantize(Decimal(1).scaleb(-SCALE), rounding=rounding)


def project_conditions(where: ProjectFilter, conn: Connection) -> list[ColumnElement[bool]]:
    """The conditions of ``where`` on ``projects`` joined with ``units`` and ``documents``."""
    p, u, d = projects.c, units.c, documents.c
    conditions: list[ColumnElement[bool]] = [live()]
    if where.visible is not None:
        conditions.append(where.visible.condition(p.document_id, p.unit_id))
    if where.document_id is not None:
        conditions.append(p.document_id == where.document_id)
    if where.department is not None:
        conditions.append(d.department.icontains(where.department, autoescape=True))
    if where.year is not None:
        conditions.append(d.year == where.year)
    if where.unit is not None:
        conditions.append(u.name.icontains(where.unit, autoescape=True))
    if where.name is not None:
        conditions.append(p.name.icontains(where.name, autoescape=True))
    if where.level is not None:
        conditions.append(_level_condition(where.level))
    if where.min_total is not None:
        if not where.min_total.is_finite():
            conditions.append(false())
        else:
            conditions.append(p.total >= _bound(where.min_total, ROUND_CEILING))
    if where.max_total is not None:
        if not where.max_total.is_finite():
            conditions.append(false())
        else:
            conditions.append(p.total <= _bound(where.max_total, ROUND_FLOOR))
    if where.severity is not None:
        f = findings.c
        conditions.append(
            exists().where(f.project_id == p.id, f.severity.in_(at_least(where.severity)))
        )
    if where.q is not None:
        conditions.append(text_condition(p.id, where.q, ("project", "goal"), conn))
    return conditions


def text_condition(
    key: ColumnElement[Any], q: str, kinds: tuple[str, ...], conn: Connection
) -> ColumnElement[bool]:
    """``key`` (a project or indicator id) has a text of ``kinds`` containing every term of
    ``q``; true when ``q`` has no terms."""
    terms = search.terms_of(q)
    if not terms:
        return true()
    # The project or indicator id from the row id (see search): no read of the stored row.
    source = (search.id_column(conn.dialect.name) % search.KIND_SPAN).op("/")(2)
    matching = (
        select(source)
        .select_from(search.search_text)
        .where(
            *search.term_conditions(conn, terms),
            search.kind_condition(conn.dialect.name, kinds),
        )
    )
    return key.in_(matching.scalar_subquery())


def project_order(dialect: str) -> list[ColumnElement[Any]]:
    return [*_document_order(dialect), units.c.position, projects.c.position]


def project_rows(
    conn: Connection, conditions: list[ColumnElement[bool]], limit: int, offset: int
) -> list[ProjectRow]:
    """One page of the projects matching ``conditions``, in listing order.

    The page's ids are chosen first, then its rows read (with their indicator counts), so a
    filter matching many projects sorts ids only and counts indicators for the page alone.
    """
    p, u, d = projects.c, units.c, documents.c
    page: Select[Any] = (
        select(p.id)
        .join_from(projects, units, u.id == p.unit_id)
        .join(documents, d.id == p.document_id)
        .where(*conditions)
        .order_by(*project_order(conn.dialect.name))
        .limit(max(limit, 0))
        .offset(max(offset, 0))
    )
    ids = list(conn.scalars(page))
    if not ids:
        return []
    query = (
        select(
            p.id,
            d.department,
            d.year,
            u.name,
            p.name,
            d.money_unit,
            p.total,
            p.total_text,
            p.fiscal,
            p.fiscal_text,
            _count(indicators, indicators.c.project_id, p.id),
        )
        .join_from(projects, units, u.id == p.unit_id)
        .join(documents, d.id == p.document_id)
        .where(p.id.in_(ids))
    )
    rows = {
        r[0]: ProjectRow(
            r[11], r[1], r[2], r[3], r[4], r[5], exact(r[6], r[7]), exact(r[8], r[9]), r[10]
        )
        for r in conn.execute(query.add_columns(p.uid))
    }
    return [rows[i] for i in ids if i in rows]  # one deleted meanwhile is left out


def list_projects(conn: Connection, where: ProjectFilter) -> list[ProjectRow]:
    conditions = project_conditions(where, conn)
    return project_rows(conn, conditions, where.limit, where.offset)


def count_projects(conn: Connection, conditions: list[ColumnElement[bool]]) -> int:
    p, u, d = projects.c, units.c, documents.c
    query = (
        select(func.count())
        .select_from(projects)
        .join(units, u.id == p.unit_id)
        .join(documents, d.id == p.document_id)
        .where(*conditions)
    )
    return int(conn.scalar(query) or 0)


def find_projects(
    conn: Connection, name: str, department: str | None, year: int | None, unit: str | None
) -> list[str]:
    p, d, u = projects.c, documents.c, units.c
    query = (
        select(p.uid)
        .join_from(projects, documents, d.id == p.document_id)
        .join_from(projects, units, u.id == p.unit_id)
        .where(p.name == name)
        .order_by(p.id)
    )
    if unit is not None:
        query = query.where(u.name.icontains(unit, autoescape=True))
    if department is not None:
        query = query.where(d.department.icontains(department, autoescape=True))
    if year is not None:
        query = query.where(d.year == year)
    return list(conn.scalars(query))


def project_view(conn: Connection, project_id: str) -> ProjectView:
    """The project whose stable id is ``project_id``, or whose id starts with it (at least 8
    characters, one project only: the short ids ``jixiao list projects`` prints)."""
    row_id = project_row_id(conn, project_id)
    row = conn.execute(_PROJECT_VIEW, {"row": row_id}).first()
    if row is None:
        raise no_project(project_id)
    found = conn.execute(_PROJECT_INDICATORS, {"row": row_id}).all()
    project = project_from(row, 6)
    project.indicators = [indicator_from(r, 1) for r in found]
    return ProjectView(
        project.id, row[0], row[1], row[2], row[3], row[4], project,
        kind=row[5],
        indicator_ids=[i.id for i in project.indicators],
        findings=stored_findings.load(conn, project_id=row_id),
        reviewed=stored_findings.reviewed(conn, row[0]),
    )  # fmt: skip


_PROJECT_VIEW = (
    select(
        projects.c.document_id,
        documents.c.department,
        documents.c.year,
        documents.c.money_unit,
        units.c.name,
        documents.c.kind,
        *PROJECT_COLUMNS,
    )
    .join_from(projects, units, units.c.id == projects.c.unit_id)
    .join(documents, documents.c.id == projects.c.document_id)
    .where(projects.c.id == bindparam("row"), live())
)
_PROJECT_INDICATORS = (
    select(indicators.c.id, *INDICATOR_COLUMNS)
    .where(indicators.c.project_id == bindparam("row"))
    .order_by(indicators.c.position)
)
_PROJECT_ROW = select(projects.c.id).where(projects.c.uid == bindparam("uid"))
"""A project's page's statements, built once (every read of a project runs them)."""

SHORT_ID = 8
"""The fewest leading characters of an id that name a project (``jixiao show``)."""


def no_project(project_id: str) -> NotFoundError:
    return NotFoundError(
        f"没有编号为 {project_id} 的项目", expected="jixiao list projects 中的项目编号"
    )


def project_key(project_id: str) -> str:
    """``project_id`` as stored ids are written (lower case), checked to be one or a prefix
    of at least :data:`SHORT_ID` characters; :class:`NotFoundError` otherwise."""
    key = project_id.strip().lower()
    if len(key) < SHORT_ID or not re.fullmatch(r"[0-9a-f-]+", key):
        raise no_project(project_id)
    return key


def project_row_id(conn: Connection, project_id: str) -> int:
    """The row of the project ``project_id`` (a stable id, or a unique prefix of at least
    :data:`SHORT_ID` characters); :class:`NotFoundError` if none, or several, match."""
    p = projects.c
    key = project_key(project_id)
    if len(key) == 36:
        found = list(conn.scalars(_PROJECT_ROW, {"uid": key}))
    else:
        found = list(conn.scalars(select(p.id).where(p.uid.startswith(key)).limit(2)))
    if len(found) != 1:
        raise no_project(project_id)
    return int(found[0])
