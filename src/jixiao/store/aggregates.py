"""Aggregates of one document (one department's table for a year), and the home page's list.

Money is summed in SQL exactly (see :mod:`.schema`); every query reads one document's rows
through its ``document_id`` indexes, so the cost grows with the document, not the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import Connection, case, func, select

from ..errors import NotFoundError
from ..model import DocumentKind
from ..review.base import SEVERITIES
from .exact import exact
from .pages import quantitative_condition
from .queries import _count, _document_order, document_sizes, with_sizes
from .schema import documents, findings, indicators, projects, reviews, units


class UnitMoney(NamedTuple):
    unit_id: str  # the unit's id (model ids)
    unit: str
    total: Decimal | None
    fiscal: Decimal | None
    projects: int


class ProjectMoney(NamedTuple):
    project_id: str  # the project's id (model ids)
    unit: str
    name: str
    total: Decimal | None
    fiscal: Decimal | None
    unit_id: str = ""  # the unit's id
    order: int = 0  # the project's place in the table as written


class ClassCount(NamedTuple):
    """Indicators of one class (labels as written, e.g. ``1-产出指标``, ``11-数量指标``)."""

    level1: str
    level2: str
    indicators: int
    quantitative: int


class RuleCount(NamedTuple):
    rule: str
    severity: str
    findings: int


class DepartmentYear(NamedTuple):
    """One stored document for the home page; ``findings`` is ``None`` when not reviewed."""

    department: str
    year: int | None
    document_id: int
    total: Decimal | None
    projects: int
    indicators: int
    findings: int | None


@dataclass(frozen=True, slots=True)
class DocumentAggregates:
    """What a department's dashboard shows about one document.

    ``money_by_unit`` in table order; ``money_by_project`` largest total first (no total
    last); ``indicators_by_class`` in order of first appearance; ``quantified_share`` is
    ``quantitative / indicators`` (0 without indicators); ``findings_by_rule`` most frequent
    first; ``findings_by_severity`` has every severity (0 where none). Without a review,
    ``reviewed`` is false and the finding counts are empty / zero.
    """

    document_id: int
    department: str
    year: int | None
    money_unit: str
    total: Decimal | None
    fiscal: Decimal | None
    money_by_unit: list[UnitMoney]
    money_by_project: list[ProjectMoney]
    indicators_by_class: list[ClassCount]
    indicators: int
    quantitative: int
    quantified_share: float
    findings_by_rule: list[RuleCount]
    findings_by_severity: dict[str, int] = field(default_factory=dict)
    reviewed: bool = False
    kind: DocumentKind = "target"  # model.DOCUMENT_KINDS


def _label(code: str | None, name: str) -> str:
    return f"{code}-{name}" if code else name


def document_aggregates(conn: Connection, document_id: int) -> DocumentAggregates:
    d, u, p, i, f = documents.c, units.c, projects.c, indicators.c, findings.c
    head = conn.execute(
        select(d.department, d.year, d.money_unit, d.total, d.total_text, d.fiscal,
               d.fiscal_text, reviews.c.document_id, d.kind)
        .outerjoin_from(documents, reviews, reviews.c.document_id == d.id)
        .where(d.id == document_id)
    ).first()  # fmt: skip
    if head is None:
        raise NotFoundError(f"没有编号为 {document_id} 的文档", expected="jixiao list 中的编号")
    by_unit = [
        UnitMoney(r[0], r[1], exact(r[2], r[3]), exact(r[4], r[5]), r[6])
        for r in conn.execute(
            select(u.uid, u.name, u.total, u.total_text, u.fiscal, u.fiscal_text,
                   _count(projects, p.unit_id, u.id))
            .where(u.document_id == document_id)
            .order_by(u.position)
        )
    ]  # fmt: skip
    in_order = conn.execute(
        select(p.uid, u.name, p.name, p.total, p.total_text, p.fiscal, p.fiscal_text, u.uid)
        .join_from(projects, units, u.id == p.unit_id)
        .where(p.document_id == document_id)
        .order_by(u.position, p.position)
    ).all()
    by_project = sorted(
        (
            ProjectMoney(r[0], r[1], r[2], exact(r[3], r[4]), exact(r[5], r[6]), r[7], n)
            for n, r in enumerate(in_order)
        ),
        key=lambda m: (m.total is None, -(m.total or 0), m.order),
    )
    quantitative = func.sum(case((quantitative_condition(), 1), else_=0))
    by_class = [
        ClassCount(_label(r[0], r[1]), _label(r[2], r[3]), int(r[4]), int(r[5] or 0))
        for r in conn.execute(
            select(i.level1_code, i.level1_name, i.level2_code, i.level2_name,
                   func.count(), quantitative)
            .where(i.document_id == document_id)
            .group_by(i.level1_code, i.level1_name, i.level2_code, i.level2_name)
            .order_by(func.min(i.id))
        )
    ]  # fmt: skip
    count = sum(c.indicators for c in by_class)
    quantified = sum(c.quantitative for c in by_class)
    by_rule = [
        RuleCount(r[0], r[1], int(r[2]))
        for r in conn.execute(
            select(f.rule, f.severity, func.count())
            .where(f.document_id == document_id)
            .group_by(f.rule, f.severity)
            .order_by(func.count().desc(), f.rule, f.severity)
        )
    ]
    by_severity: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    for r in by_rule:
        by_severity[r.severity] = by_severity.get(r.severity, 0) + r.findings
    return DocumentAggregates(
        document_id=document_id,
        department=head[0],
        year=head[1],
        money_unit=head[2],
        total=exact(head[3], head[4]),
        fiscal=exact(head[5], head[6]),
        money_by_unit=by_unit,
        money_by_project=by_project,
        indicators_by_class=by_class,
        indicators=count,
        quantitative=quantified,
        quantified_share=quantified / count if count else 0.0,
        findings_by_rule=by_rule,
        findings_by_severity=by_severity,
        reviewed=head[7] is not None,
        kind=head[8],
    )


def department_years(conn: Connection) -> list[DepartmentYear]:
    d = documents.c
    _, project_count, indicator_count = document_sizes()
    query = (
        with_sizes(
            select(
                d.department,
                d.year,
                d.id,
                d.total,
                d.total_text,
                project_count,
                indicator_count,
                reviews.c.findings,
            ).select_from(documents)
        )
        .outerjoin(reviews, reviews.c.document_id == d.id)
        .order_by(*_document_order(conn.dialect.name))
    )
    return [
        DepartmentYear(r[0], r[1], r[2], exact(r[3], r[4]), r[5], r[6], r[7])
        for r in conn.execute(query)
    ]
