"""Listings one page at a time: documents, units, projects and indicators, with filters.

Every listing returns a :class:`Page` (the items, the exact ``total`` matching the filter,
``limit``, ``offset``). ``limit`` must be 1–500 and ``offset`` ≥ 0, and a severity one of
``error``, ``warning``, ``info``; anything else is an :class:`~jixiao.errors.InputError`.
Text filters (department, unit, name, level names) match substrings, case-insensitively for
Latin letters, ``%`` and ``_`` literally; ``q`` uses the search index (:mod:`.search`).
Order: documents by department (code points), year (missing last), id; inside a document,
the order of the table as written (row ids follow it: they are allocated in that order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Connection, and_, exists, func, or_, select

from ..model import INDICATOR_EXTRAS, Target
from .exact import exact
from .findings import at_least
from .queries import (
    DocumentRow,
    ProjectFilter,
    ProjectRow,
    Visibility,
    _count,
    _document_order,
    count_projects,
    document_rows,
    document_rows_query,
    live,
    project_conditions,
    project_rows,
    text_condition,
)
from .rows import INDICATOR_COLUMNS, indicator_from
from .schema import documents, findings, indicators, projects, units
from .search import check_page

T = TypeVar("T")

QUANTITATIVE_KINDS = ("quantitative", "composite")
"""Target kinds with a typed number (a composite has one per part)."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing: ``items``, and ``total`` items matching the filter in all."""

    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class UnitFilter:
    """What :meth:`Store.units` lists; ``None`` means no condition (``department``: substring)."""

    department: str | None = None
    year: int | None = None
    document_id: int | None = None
    limit: int = 50
    offset: int = 0
    visible: Visibility | None = None


@dataclass(frozen=True, slots=True)
class UnitRow:
    """One unit (预算单位) of a document, with its money and counts; ``id`` is its stable id."""

    id: str
    document_id: int
    department: str
    year: int | None
    name: str
    money_unit: str
    total: Decimal | None
    fiscal: Decimal | None
    projects: int
    indicators: int


@dataclass(frozen=True, slots=True)
class IndicatorFilter:
    """What :meth:`Store.indicators` lists; ``None`` means no condition.

    ``department`` and ``unit`` match substrings. ``level1`` / ``level2`` take a code
    (``"1"``, ``"11"``), a name or part of one (``"产出"``), or a label (``"11-数量指标"``).
    ``quantitative``: with (``True``) or without (``False``) a typed number in the 实施周期 or
    the 年度 target. ``severity``: indicators with a finding that severe or worse. ``q``:
    every term in the indicator's name, or in one of its targets.
    """

    document_id: int | None = None
    project_id: str | None = None  # the project's id (model ids)
    department: str | None = None
    year: int | None = None
    unit: str | None = None
    level1: str | None = None
    level2: str | None = None
    quantitative: bool | None = None
    severity: str | None = None
    q: str | None = None
    limit: int = 50
    offset: int = 0
    visible: Visibility | None = None


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One indicator with where it belongs; ``level1`` / ``level2`` are labels
    (``"1-产出指标"``, or the name where no code was written); ``id`` and ``project_id`` are
    the stable ids of the indicator and its project."""

    id: str
    document_id: int
    project_id: str
    department: str
    year: int | None
    unit: str
    project: str
    seq: int
    level1: str
    level2: str
    name: str
    cycle: Target
    annual: Target
    quantitative: bool
    # what real templates add (model.INDICATOR_EXTRAS); None where the table has none
    weight: Decimal | None = None
    direction: str | None = None
    measure: str | None = None
    explanation: str | None = None
    standard: str | None = None
    actual: Target | None = None
    score: Decimal | None = None
    deviation: str | None = None


# -- documents ---------------------------------------------------------------------------------
def _document_conditions(department: str | None, year: int | None) -> list[ColumnElement[bool]]:
    d = documents.c
    conditions: list[ColumnElement[bool]] = [live()]
    if department is not None:
        conditions.append(d.department.icontains(department, autoescape=True))
    if year is not None:
        conditions.append(d.year == year)
    return conditions


def documents_page(
    conn: Connection,
    department: str | None,
    year: int | None,
    limit: int,
    offset: int,
    visible: Visibility | None = None,
) -> Page[DocumentRow]:
    check_page(limit, offset)
    conditions = _document_conditions(department, year)
    if visible is not None and (visible.documents is not None or visible.hidden):
        partly = select(units.c.document_id).where(units.c.id.in_(sorted(visible.units)))
        conditions.append(or_(visible.condition(documents.c.id), documents.c.id.in_(partly)))
    total = conn.scalar(select(func.count()).select_from(documents).where(*conditions))
    query = document_rows_query(conn.dialect.name).where(*conditions).limit(limit).offset(offset)
    items = document_rows(conn, query)
    return Page(items, int(total or 0), limit, offset)


# -- units -------------------------------------------------------------------------------------
def units_page(conn: Connection, where: UnitFilter) -> Page[UnitRow]:
    check_page(where.limit, where.offset)
    u, d, p, i = units.c, documents.c, projects.c, indicators.c
    conditions = _document_conditions(where.department, where.year)
    if where.document_id is not None:
        conditions.append(u.document_id == where.document_id)
    if where.visible is not None:
        conditions.append(where.visible.condition(u.document_id, u.id))
    total = conn.scalar(
        select(func.count())
        .select_from(units)
        .join(documents, d.id == u.document_id)
        .where(*conditions)
    )
    indicator_count = (
        select(func.count())
        .select_from(indicators)
        .join(projects, p.id == i.project_id)
        .where(p.unit_id == u.id)
        .scalar_subquery()
    )
    query = (
        select(
            u.uid,
            u.document_id,
            d.department,
            d.year,
            u.name,
            d.money_unit,
            u.total,
            u.total_text,
            u.fiscal,
            u.fiscal_text,
            _count(projects, p.unit_id, u.id),
            indicator_count,
        )
        .join_from(units, documents, d.id == u.document_id)
        .where(*conditions)
        .order_by(*_document_order(conn.dialect.name), u.position)
        .limit(where.limit)
        .offset(where.offset)
    )
    items = [
        UnitRow(r[0], r[1], r[2], r[3], r[4], r[5], exact(r[6], r[7]), exact(r[8], r[9]),
                r[10], r[11])
        for r in conn.execute(query)
    ]  # fmt: skip
    return Page(items, int(total or 0), where.limit, where.offset)


# -- projects ----------------------------------------------------------------------------------
def projects_page(conn: Connection, where: ProjectFilter) -> Page[ProjectRow]:
    check_page(where.limit, where.offset)
    conditions = project_conditions(where, conn)
    total = count_projects(conn, conditions)
    items = project_rows(conn, conditions, where.limit, where.offset)
    return Page(items, total, where.limit, where.offset)


# -- indicators --------------------------------------------------------------------------------
def quantitative_condition() -> ColumnElement[bool]:
    i = indicators.c
    return or_(i.cycle_kind.in_(QUANTITATIVE_KINDS), i.annual_kind.in_(QUANTITATIVE_KINDS))


def level_condition(value: str, code: Any, name: Any) -> ColumnElement[bool]:
    """One level (``code``, ``name`` columns) matching a code, a name part or a label."""
    value = value.strip()
    label = re.fullmatch(r"\s*([0-9A-Za-z.]+)\s*[-－—]\s*(.+)", value)
    if label is not None:
        return and_(code == label.group(1), name == label.group(2).strip())
    return or_(code == value, name.icontains(value, autoescape=True))


def indicator_conditions(where: IndicatorFilter, conn: Connection) -> list[ColumnElement[bool]]:
    i, u, p = indicators.c, units.c, projects.c
    conditions = _document_conditions(where.department, where.year)
    if where.document_id is not None:
        conditions.append(i.document_id == where.document_id)
    if where.visible is not None and (where.visible.documents is not None or where.visible.hidden):
        in_units = select(p.id).where(p.unit_id.in_(sorted(where.visible.units)))
        conditions.append(
            where.visible.condition(i.document_id)
            if not where.visible.units
            else or_(where.visible.condition(i.document_id), i.project_id.in_(in_units))
        )
    if where.project_id is not None:
        conditions.append(
            i.project_id == select(p.id).where(p.uid == where.project_id).scalar_subquery()
        )
    if where.unit is not None:
        conditions.append(u.name.icontains(where.unit, autoescape=True))
    if where.level1 is not None:
        conditions.append(level_condition(where.level1, i.level1_code, i.level1_name))
    if where.level2 is not None:
        conditions.append(level_condition(where.level2, i.level2_code, i.level2_name))
    if where.quantitative is not None:
        quantitative = quantitative_condition()
        conditions.append(quantitative if where.quantitative else ~quantitative)
    if where.severity is not None:
        f = findings.c
        conditions.append(
            exists().where(f.indicator_id == i.id, f.severity.in_(at_least(where.severity)))
        )
    if where.q is not None:
        conditions.append(text_condition(i.id, where.q, ("indicator", "target"), conn))
    return conditions


def indicators_page(conn: Connection, where: IndicatorFilter) -> Page[IndicatorRow]:
    check_page(where.limit, where.offset)
    i, p, u, d = indicators.c, projects.c, units.c, documents.c
    conditions = indicator_conditions(where, conn)
    joined = (
        select(func.count())
        .select_from(indicators)
        .join(documents, d.id == i.document_id)
    )  # fmt: skip
    if where.unit is not None:
        joined = joined.join(projects, p.id == i.project_id).join(units, u.id == p.unit_id)
    total = conn.scalar(joined.where(*conditions))
    query = (
        select(
            i.uid,
            i.document_id,
            p.uid,
            d.department,
            d.year,
            u.name,
            p.name,
            quantitative_condition(),
            *INDICATOR_COLUMNS,
        )
        .join_from(indicators, projects, p.id == i.project_id)
        .join(units, u.id == p.unit_id)
        .join(documents, d.id == i.document_id)
        .where(*conditions)
        .order_by(*_document_order(conn.dialect.name), i.id)
        .limit(where.limit)
        .offset(where.offset)
    )
    items = []
    for r in conn.execute(query):
        ind = indicator_from(r, 8)
        items.append(
            IndicatorRow(
                id=r[0],
                document_id=r[1],
                project_id=r[2],
                department=r[3],
                year=r[4],
                unit=r[5],
                project=r[6],
                seq=ind.seq,
                level1=ind.level1.label(),
                level2=ind.level2.label(),
                name=ind.name,
                cycle=ind.cycle,
                annual=ind.annual,
                quantitative=bool(r[7]),
                **{extra.name: getattr(ind, extra.name) for extra in INDICATOR_EXTRAS},
            )
        )
    return Page(items, int(total or 0), where.limit, where.offset)
