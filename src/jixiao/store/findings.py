"""Review findings in the store: saved with (or after) their document, read back as findings.

A :class:`~jixiao.review.Finding` names its project and indicator by id (``project_id``,
``indicator_id``: the model's stable ids, kept as ``project_uid`` and ``indicator_uid``);
saving maps those to row ids (``findings.project_id``, ``findings.indicator_id``) and keeps
the names and seq as written. A finding without ids (from before ids) is mapped by unit and
project name and indicator seq, to the first of same-named ones. Unmatched ids leave the row
ids ``NULL``.

``reviews`` has one row per reviewed document (when, with which ruleset, how many findings),
so a document stored without review is told apart from one reviewed without findings.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, or_, select

from ..errors import InputError
from ..review.base import SEVERITIES, Finding
from .schema import findings, indicators, projects, reviews, units


def at_least(severity: str) -> tuple[str, ...]:
    """The severities as bad as ``severity`` or worse (error > warning > info)."""
    if severity not in SEVERITIES:
        raise InputError(f"未知的严重程度：{severity}", expected="、".join(SEVERITIES) + " 之一")
    return SEVERITIES[: SEVERITIES.index(severity) + 1]


def save(conn: Connection, document_id: int, found: Sequence[Finding], ruleset: str | None) -> int:
    """Replace the findings of ``document_id`` with ``found``; returns how many were saved."""
    conn.execute(delete(findings).where(findings.c.document_id == document_id))
    rows = _rows(conn, document_id, found)
    if rows:
        conn.execute(insert(findings), rows)
    _reviewed(conn, document_id, ruleset, len(rows))
    return len(rows)


def save_part(
    conn: Connection,
    document_id: int,
    project_uid: str,
    rules: Collection[str],
    found: Sequence[Finding],
    ruleset: str | None,
) -> int:
    """Replace the findings of one project of ``document_id`` and those of the ``rules``
    that look at the whole document (whichever project they name) with ``found`` (after an
    edit of that project alone); the other projects' findings stay. Returns how many the
    document has now."""
    given = {"document": document_id, "project": project_uid, "rules": sorted(rules)}
    conn.execute(_DROP_PART, given)
    rows = _rows(conn, document_id, found)
    if rows:
        conn.execute(insert(findings), rows)
    total = int(conn.scalar(_COUNT, {"document": document_id}) or 0)
    _reviewed(conn, document_id, ruleset, total)
    return total


_DROP_PART = delete(findings).where(
    findings.c.document_id == bindparam("document"),
    or_(
        findings.c.project_uid == bindparam("project"),
        findings.c.rule.in_(bindparam("rules", expanding=True)),
    ),
)
_COUNT = select(func.count()).where(findings.c.document_id == bindparam("document"))
_UNREVIEW = delete(reviews).where(reviews.c.document_id == bindparam("document"))
_REVIEWED = insert(reviews)
"""The statements of an edit's findings, built once."""


def _reviewed(conn: Connection, document_id: int, ruleset: str | None, count: int) -> None:
    conn.execute(_UNREVIEW, {"document": document_id})
    conn.execute(_REVIEWED, {
        "document_id": document_id, "ruleset": ruleset, "findings": count,
        "reviewed_at": datetime.now(UTC).isoformat(timespec="seconds"),
    })  # fmt: skip


def _named(f: Finding) -> bool:
    """Whether ``f`` names its project and indicator by id wherever it names them at all
    (the review names them so; findings from before ids name them by name and seq)."""
    return (f.project_id is not None or f.unit is None or f.project is None) and (
        f.indicator_id is not None or f.indicator is None
    )


_FEW = 1000
"""The most findings mapped by reading just the rows they name (a statement's parameters
are limited; more read the document's rows whole)."""

_PROJECT_ROWS = (
    select(projects.c.id, projects.c.uid)
    .where(projects.c.document_id == bindparam("document"))
    .where(projects.c.uid.in_(bindparam("uids", expanding=True)))
)
_INDICATOR_ROWS = (
    select(indicators.c.id, indicators.c.uid)
    .where(indicators.c.document_id == bindparam("document"))
    .where(indicators.c.uid.in_(bindparam("uids", expanding=True)))
)


def _rows(conn: Connection, document_id: int, found: Sequence[Finding]) -> list[dict[str, Any]]:
    """``found`` as rows, mapped to the document's project and indicator rows (only those
    the findings name by id are read when every finding names its own by id, as after an
    edit)."""
    p, u, i = projects.c, units.c, indicators.c
    project_ids: dict[tuple[str, str], int] = {}
    project_uids: dict[str, int] = {}
    uid_of_project: dict[int, str] = {}
    indicator_ids: dict[tuple[int, int], tuple[int, str]] = {}
    indicator_uids: dict[str, int] = {}
    if len(found) <= _FEW and all(_named(f) for f in found):
        wanted = sorted({f.project_id for f in found if f.project_id is not None})
        if wanted:
            project_uids = dict((uid, pid) for pid, uid in conn.execute(
                _PROJECT_ROWS, {"document": document_id, "uids": wanted}))  # fmt: skip
        wanted = sorted({f.indicator_id for f in found if f.indicator_id is not None})
        if wanted:
            indicator_uids = dict((uid, iid) for iid, uid in conn.execute(
                _INDICATOR_ROWS, {"document": document_id, "uids": wanted}))  # fmt: skip
        return _mapped(document_id, found, project_ids, project_uids, uid_of_project,
                       indicator_ids, indicator_uids)  # fmt: skip
    for pid, unit, name, uid in conn.execute(
        select(p.id, u.name, p.name, p.uid)
        .join_from(projects, units, u.id == p.unit_id)
        .where(p.document_id == document_id)
        .order_by(p.unit_id, p.position)
    ):
        project_ids.setdefault((unit, name), pid)  # the first of same-named projects
        project_uids[uid] = pid
        uid_of_project[pid] = uid
    for iid, pid, seq, uid in conn.execute(
        select(i.id, i.project_id, i.seq, i.uid)
        .where(i.document_id == document_id)
        .order_by(i.project_id, i.position)
    ):
        indicator_ids.setdefault((pid, seq), (iid, uid))
        indicator_uids[uid] = iid
    return _mapped(document_id, found, project_ids, project_uids, uid_of_project,
                   indicator_ids, indicator_uids)  # fmt: skip


def _mapped(
    document_id: int,
    found: Sequence[Finding],
    project_ids: dict[tuple[str, str], int],
    project_uids: dict[str, int],
    uid_of_project: dict[int, str],
    indicator_ids: dict[tuple[int, int], tuple[int, str]],
    indicator_uids: dict[str, int],
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for f in found:
        project_id = indicator_id = None
        project_uid, indicator_uid = f.project_id, f.indicator_id
        if project_uid is not None:
            project_id = project_uids.get(project_uid)
        elif f.unit is not None and f.project is not None:
            project_id = project_ids.get((f.unit, f.project))
            project_uid = None if project_id is None else uid_of_project[project_id]
        if indicator_uid is not None:
            indicator_id = indicator_uids.get(indicator_uid)
        elif project_id is not None and f.indicator is not None:
            known = indicator_ids.get((project_id, f.indicator))
            if known is not None:
                indicator_id, indicator_uid = known
        rows.append(
            {
                "document_id": document_id,
                "project_id": project_id,
                "indicator_id": indicator_id,
                "rule": f.rule,
                "severity": f.severity,
                "dimension": f.dimension,
                "unit_name": f.unit,
                "project_name": f.project,
                "indicator_seq": f.indicator,
                "field": f.field,
                "message": f.message,
                "evidence": f.evidence,
                "project_uid": project_uid,
                "indicator_uid": indicator_uid,
            }
        )
    return rows


_COLUMNS = (
    findings.c.rule,
    findings.c.severity,
    findings.c.dimension,
    findings.c.unit_name,
    findings.c.project_name,
    findings.c.indicator_seq,
    findings.c.field,
    findings.c.message,
    findings.c.evidence,
    findings.c.project_uid,
    findings.c.indicator_uid,
)


def finding_from(r: Sequence[Any], i: int = 0) -> Finding:
    """A finding from the columns of :data:`_COLUMNS` starting at ``r[i]``."""
    return Finding(
        rule=r[i],
        severity=r[i + 1],
        dimension=r[i + 2],
        unit=r[i + 3],
        project=r[i + 4],
        indicator=r[i + 5],
        field=r[i + 6],
        message=r[i + 7],
        evidence=r[i + 8],
        project_id=r[i + 9],
        indicator_id=r[i + 10],
    )


def load(
    conn: Connection, document_id: int | None = None, project_id: int | None = None
) -> list[Finding]:
    """Findings of a document and/or a project, in review order."""
    if document_id is None and project_id is not None:
        return [finding_from(r) for r in conn.execute(_OF_PROJECT, {"row": project_id})]
    query = select(*_COLUMNS).order_by(findings.c.id)
    if document_id is not None:
        query = query.where(findings.c.document_id == document_id)
    if project_id is not None:
        query = query.where(findings.c.project_id == project_id)
    return [finding_from(r) for r in conn.execute(query)]


def with_indicator_ids(conn: Connection, project_id: int) -> list[tuple[Finding, int | None]]:
    """The findings of a project, each with the id of its indicator (``None``: the project)."""
    query = (
        select(*_COLUMNS, findings.c.indicator_id)
        .where(findings.c.project_id == project_id)
        .order_by(findings.c.id)
    )
    return [(finding_from(r), r[11]) for r in conn.execute(query)]


_OF_PROJECT = (
    select(*_COLUMNS).where(findings.c.project_id == bindparam("row")).order_by(findings.c.id)
)
_REVIEW_OF = select(reviews.c.document_id).where(reviews.c.document_id == bindparam("document"))
"""A project page's findings statements, built once."""


def reviewed(conn: Connection, document_id: int) -> bool:
    return conn.scalar(_REVIEW_OF, {"document": document_id}) is not None
