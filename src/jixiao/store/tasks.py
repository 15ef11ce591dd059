"""Rows of monitoring and self-evaluation tasks (revision 0008): tasks, reports, their
indicators and versions, and the finance overview computed in SQL (counts and sums by
aggregate, the table and the deviation register a page at a time), on one connection.

:meth:`Store.tasks` hands out :class:`TaskRows`; the services (:mod:`jixiao.services.tasks`)
decide and audit. Scope: ``None`` reads every report, else the org tree nodes (departments and
units) whose reports may be read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    delete,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    type_coerce,
    update,
)

from ..errors import ConflictError, NotFoundError
from ..services.actor import Actor
from ..tasks import Figures
from . import audit
from .exact import ExactDecimal
from .lifecycle_schema import (
    task_report_indicators,
    task_report_versions,
    task_reports,
    tasks,
    workflow_items,
)
from .rows import now
from .schema import documents, orgs, projects, units

Scope = frozenset[int] | None


@dataclass(frozen=True, slots=True)
class TaskRow:
    id: int
    kind: str
    title: str
    year: int
    month: int | None
    deadline: str
    note: str | None
    departments: list[str]
    issued_at: str
    issued_by: str


@dataclass(frozen=True, slots=True)
class ReportRow:
    id: int
    task_id: int
    project_uid: str
    document_id: int
    department: str
    unit: str
    project_name: str
    dept_org: int | None
    unit_org: int | None
    state: str
    version: int
    updated_at: str | None
    updated_by: str | None
    data: str | None
    budget: Decimal | None
    spent: Decimal | None
    rate: Decimal | None
    score: Decimal | None
    grade: str | None
    light: str | None
    problems: int


@dataclass(frozen=True, slots=True)
class Eligible:
    """A project a task covers, with where it lies."""

    project_uid: str
    document_id: int
    department: str
    unit: str
    name: str
    dept_org: int | None
    unit_org: int | None


@dataclass(frozen=True, slots=True)
class ReportVersion:
    version: int
    created_at: str
    created_by: str
    action: str
    reason: str
    state: str


@dataclass(frozen=True, slots=True)
class Deviation:
    """A red or yellow indicator of a report (the deviation register)."""

    report_id: int
    department: str
    unit: str
    project: str
    seq: int
    name: str
    target: str
    current: str | None
    light: str
    possibility: str | None
    reasons: str | None
    measures: str | None


@dataclass(slots=True)
class Totals:
    """The overview's aggregates over the reports in scope."""

    reports: int = 0
    budget: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    by_state: dict[str, int] = field(default_factory=dict)
    by_grade: dict[str, int] = field(default_factory=dict)
    by_light: dict[str, int] = field(default_factory=dict)  # projects by their light
    indicator_lights: dict[str, int] = field(default_factory=dict)  # indicators by theirs
    indicators: int = 0
    departments: int = 0


_TASK_COLUMNS = (tasks.c.id, tasks.c.kind, tasks.c.title, tasks.c.year, tasks.c.month,
                 tasks.c.deadline, tasks.c.note, tasks.c.departments, tasks.c.issued_at,
                 tasks.c.issued_by)  # fmt: skip
_REPORT_COLUMNS = tuple(task_reports.c[name] for name in ReportRow.__dataclass_fields__)
ORDER = (task_reports.c.id,)
"""Reports are issued in the order of departments, units and projects: their ids keep it."""


def _task(r: Any) -> TaskRow:
    return TaskRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]), r[8], r[9])


def _sum(column: Any) -> Any:
    return type_coerce(func.coalesce(func.sum(column), 0), ExactDecimal())


class TaskRows:
    """Task rows on one connection (a read, or a write transaction)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def audit(
        self, actor: Actor, event: str, obj: str, result: str = "成功",
        detail: dict[str, Any] | None = None,
    ) -> int:  # fmt: skip
        """Append an audit record in this transaction (see :mod:`.audit`)."""
        return audit.append(self.conn, actor, event, obj, result, detail)

    def scope(self, roots: frozenset[int]) -> Scope:
        """The org tree nodes under ``roots`` (``None`` when one of them is the root, finance:
        everything), level by level along the parent index, never the whole tree."""
        o = orgs.c
        found = self.conn.execute(select(o.id, o.parent_id).where(o.id.in_(sorted(roots)))).all()
        if any(parent is None for _, parent in found):
            return None
        out = {int(node) for node, _ in found}
        todo = set(out)
        while todo:
            below = self.conn.scalars(select(o.id).where(o.parent_id.in_(sorted(todo)))).all()
            todo = {int(x) for x in below} - out
            out |= todo
        return frozenset(out)

    # -- scope ---------------------------------------------------------------------------------
    @staticmethod
    def in_scope(scope: Scope) -> ColumnElement[bool]:
        r = task_reports.c
        if scope is None:
            return r.id.is_not(None)
        wanted = sorted(scope)
        return or_(r.unit_org.in_(wanted), r.dept_org.in_(wanted))

    # -- tasks ---------------------------------------------------------------------------------
    def eligible(
        self, year: int, departments: Sequence[str], states: Sequence[str]
    ) -> list[Eligible]:
        """Projects of the live target tables of ``year`` (of ``departments``; empty: every
        department) whose workflow is in one of ``states``, or whose table is published."""
        d, u, p, w = documents.c, units.c, projects.c, workflow_items.c
        query = (
            select(p.uid, d.id, d.department, u.name, p.name, d.org_id, u.org_id)
            .join_from(projects, documents, d.id == p.document_id)
            .join(units, u.id == p.unit_id)
            .outerjoin(workflow_items, w.project_uid == p.uid)
            .where(
                d.deleted_at.is_(None),
                or_(d.status == "published", w.state.in_(sorted(states))),
                d.kind == "target",
                d.year == year,
                p.uid.is_not(None),
            )
            .order_by(d.department, u.position, p.position)
        )
        if departments:
            query = query.where(d.department.in_(sorted(set(departments))))
        return [Eligible(*r) for r in self.conn.execute(query)]

    def insert_task(self, **values: Any) -> int:
        values["departments"] = json.dumps(values["departments"], ensure_ascii=False)
        return int(
            self.conn.execute(insert(tasks).values(**values).returning(tasks.c.id)).scalar_one()
        )

    def insert_reports(self, task_id: int, covered: Iterable[Eligible], state: str, by: str) -> int:
        at = now()
        rows = [
            {"task_id": task_id, "project_uid": e.project_uid, "document_id": e.document_id,
             "department": e.department, "unit": e.unit, "project_name": e.name,
             "dept_org": e.dept_org, "unit_org": e.unit_org, "state": state, "version": 1,
             "updated_at": at, "updated_by": by, "problems": 0}
            for e in covered
        ]  # fmt: skip
        for start in range(0, len(rows), 5000):
            self.conn.execute(insert(task_reports), rows[start : start + 5000])
        r, v = task_reports.c, task_report_versions.c
        first = select(r.id, literal(1), literal(at), literal(by), literal("下达"),
                       literal("任务下达"), literal(state)).where(r.task_id == task_id)  # fmt: skip
        self.conn.execute(
            insert(task_report_versions).from_select(
                [v.report_id, v.version, v.created_at, v.created_by, v.action, v.reason, v.state],
                first,
            )
        )
        return len(rows)

    def task(self, task_id: int) -> TaskRow:
        r = self.conn.execute(select(*_TASK_COLUMNS).where(tasks.c.id == task_id)).first()
        if r is None:
            raise NotFoundError(f"没有编号为 {task_id} 的任务", expected="任务列表中的编号")
        return _task(r)

    def tasks_in(self, scope: Scope) -> list[tuple[TaskRow, dict[str, int]]]:
        """Every task with reports in scope (finance: every task), newest first, with the
        reports in scope counted by state."""
        r = task_reports.c
        counts: dict[int, dict[str, int]] = {}
        query = (
            select(r.task_id, r.state, func.count())
            .where(self.in_scope(scope))
            .group_by(r.task_id, r.state)
        )
        for task_id, state, n in self.conn.execute(query):
            counts.setdefault(int(task_id), {})[str(state)] = int(n)
        found = select(*_TASK_COLUMNS).order_by(tasks.c.id.desc())
        if scope is not None:
            found = found.where(tasks.c.id.in_(sorted(counts)))
        return [(_task(row), counts.get(int(row[0]), {})) for row in self.conn.execute(found)]

    def changes(self, task_id: int) -> int:
        """How many times the task's reports have changed (0 for a task just issued)."""
        found = self.conn.scalar(select(tasks.c.changes).where(tasks.c.id == task_id))
        if found is None:
            raise NotFoundError(f"没有编号为 {task_id} 的任务", expected="任务列表中的编号")
        return int(found)

    def task_counts(self, task_id: int, scope: Scope) -> dict[str, int]:
        """The task's reports in scope by state."""
        r = task_reports.c
        query = (
            select(r.state, func.count())
            .where(r.task_id == task_id, self.in_scope(scope))
            .group_by(r.state)
        )
        return {str(s): int(n) for s, n in self.conn.execute(query)}

    # -- reports -------------------------------------------------------------------------------
    def report(self, report_id: int, *, lock: bool = False) -> ReportRow:
        query = select(*_REPORT_COLUMNS).where(task_reports.c.id == report_id)
        if lock and self.conn.dialect.name == "postgresql":
            query = query.with_for_update()
        r = self.conn.execute(query).first()
        if r is None:
            raise NotFoundError(f"没有编号为 {report_id} 的报告", expected="任务中的报告编号")
        return ReportRow(*r)

    def reports(
        self, task_id: int, scope: Scope, *, states: Sequence[str] = (), limit: int = 200,
        offset: int = 0,
    ) -> tuple[list[ReportRow], int]:  # fmt: skip
        """A page of the task's reports in scope (by department, unit), and how many there are."""
        r = task_reports.c
        where = and_(r.task_id == task_id, self.in_scope(scope))
        if states:
            where = and_(where, r.state.in_(list(states)))
        total = int(
            self.conn.scalar(select(func.count()).select_from(task_reports).where(where)) or 0
        )
        # the page's ids from the index first: skipping rows never reads the forms they hold
        ids = self.conn.scalars(
            select(r.id).where(where).order_by(*ORDER).limit(limit).offset(offset)
        ).all()
        if not ids:
            return [], total
        rows = self.conn.execute(select(*_REPORT_COLUMNS).where(r.id.in_(ids)).order_by(*ORDER))
        return [ReportRow(*x) for x in rows], total

    def iter_reports(self, task_id: int, scope: Scope) -> Iterable[ReportRow]:
        """Every report in scope, in issue order, without its form (``data`` is ``None``)."""
        r = task_reports.c
        columns = [null().label("data") if c.name == "data" else c for c in _REPORT_COLUMNS]
        query = select(*columns).where(r.task_id == task_id, self.in_scope(scope))
        for x in self.conn.execute(query.order_by(*ORDER).execution_options(yield_per=2000)):
            yield ReportRow(*x)

    def save_report(
        self, report: ReportRow, read_version: int, *, state: str, data: str | None,
        figures: Figures | None, by: str, action: str, reason: str,
    ) -> int:  # fmt: skip
        """Move the report to its next version (``read_version`` must still be current: else
        :class:`ConflictError` and nothing written), with its state, form and figures, and
        keep the version with who, when, what and why. Returns the new version."""
        r = task_reports.c
        values: dict[str, Any] = {"state": state, "version": read_version + 1,
                                  "updated_at": now(), "updated_by": by, "data": data}  # fmt: skip
        if figures is not None:
            values.update(budget=figures.budget, spent=figures.spent, rate=figures.rate,
                          score=figures.score, grade=figures.grade, light=figures.light,
                          problems=len(figures.problems))  # fmt: skip
        done = self.conn.execute(
            update(task_reports)
            .where(r.id == report.id, r.version == read_version)
            .values(**values)
        ).rowcount
        if done != 1:
            current = self.conn.scalar(select(r.version).where(r.id == report.id))
            raise ConflictError(
                f"报告 {report.id} 已被他人修改（当前为第 {current} 版，您读取的是第 "
                f"{read_version} 版）；未保存任何内容",
                expected="重新打开报告后再修改",
            )
        self.conn.execute(
            update(tasks).where(tasks.c.id == report.task_id).values(changes=tasks.c.changes + 1)
        )
        if figures is not None:
            ri = task_report_indicators
            self.conn.execute(delete(ri).where(ri.c.report_id == report.id))
            rows = [
                {"report_id": report.id, "position": k, "task_id": report.task_id, "uid": f.uid,
                 "seq": f.seq, "level1": f.level1, "name": f.name, "target": f.target,
                 "current": f.current, "light": f.light, "possibility": f.possibility,
                 "reasons": f.reasons, "measures": f.measures, "score": f.score}
                for k, f in enumerate(figures.indicators)
            ]  # fmt: skip
            if rows:
                self.conn.execute(insert(ri), rows)
        self.conn.execute(
            insert(task_report_versions).values(
                report_id=report.id, version=read_version + 1, created_at=values["updated_at"],
                created_by=by, action=action, reason=reason, state=state, data=data,
            )
        )  # fmt: skip
        return read_version + 1

    def versions(self, report_id: int) -> list[ReportVersion]:
        v = task_report_versions.c
        query = (
            select(v.version, v.created_at, v.created_by, v.action, v.reason, v.state)
            .where(v.report_id == report_id)
            .order_by(v.version)
        )
        return [ReportVersion(*r) for r in self.conn.execute(query)]

    def version_data(self, report_id: int, version: int) -> str | None:
        v = task_report_versions.c
        row = self.conn.execute(
            select(v.data).where(v.report_id == report_id, v.version == version)
        ).first()
        if row is None:
            raise NotFoundError(
                f"报告 {report_id} 没有第 {version} 版", expected="版本列表中的版本号"
            )
        return None if row[0] is None else str(row[0])

    # -- the overview --------------------------------------------------------------------------
    def totals(self, task_id: int, scope: Scope, departments: int | None = None) -> Totals:
        """Every aggregate of the overview: one GROUP BY over the task's reports (counts and
        sums by state, grade and light), one over its indicators' lights (an index scan)."""
        r = task_reports.c
        where = and_(r.task_id == task_id, self.in_scope(scope))
        out = Totals()
        query = (
            select(r.state, r.grade, r.light, func.count(), _sum(r.budget), _sum(r.spent))
            .where(where)
            .group_by(r.state, r.grade, r.light)
        )
        for state, grade, light, n, budget, spent in self.conn.execute(query):
            out.reports += int(n)
            out.budget += budget
            out.spent += spent
            for counts, key in ((out.by_state, state), (out.by_grade, grade),
                                (out.by_light, light)):  # fmt: skip
                if key is not None:
                    counts[str(key)] = counts.get(str(key), 0) + int(n)
        if departments is None:  # else the caller knows: every department of the task
            out.departments = int(
                self.conn.scalar(select(func.count(func.distinct(r.department))).where(where)) or 0
            )
        else:
            out.departments = departments
        ri = task_report_indicators.c
        if scope is None:
            query = select(ri.light, func.count()).where(ri.task_id == task_id).group_by(ri.light)
        else:
            query = (
                select(ri.light, func.count())
                .join_from(task_report_indicators, task_reports, r.id == ri.report_id)
                .where(where)
                .group_by(ri.light)
            )
        lights = {str(k) if k is not None else "": int(n) for k, n in self.conn.execute(query)}
        out.indicators = sum(lights.values())
        out.indicator_lights = {k: n for k, n in lights.items() if k}
        return out

    def latest_counts(
        self, kind: str, document_id: int, scope: Scope
    ) -> tuple[int, str, dict[str, int], int] | None:
        """The latest task of ``kind`` of the document's year with reports of its department
        in scope: its id, title, those reports by light (monitoring) or grade (self-evaluation)
        and how many there are; ``None`` when there is none. The department is its org (the
        index on ``dept_org, task_id``; by name for a document without one): the latest task's
        id, then one GROUP BY over that department's reports of it — the department's rows
        only, never the task's whole province."""
        d, t, r = documents.c, tasks.c, task_reports.c
        doc = self.conn.execute(
            select(d.org_id, d.department, d.year).where(d.id == document_id)
        ).one_or_none()
        if doc is None:
            return None
        org, department, year = doc
        dept = r.dept_org == org if org is not None else r.department == department
        mine = and_(dept, self.in_scope(scope))
        which = [t.kind == kind, mine] + ([t.year == year] if year is not None else [])
        latest = self.conn.scalar(
            select(func.max(r.task_id)).join_from(task_reports, tasks, t.id == r.task_id)
            .where(*which)
        )  # fmt: skip
        if latest is None:
            return None
        column = r.light if kind == "monitoring" else r.grade
        query = (
            select(column, func.count()).where(r.task_id == latest, mine).group_by(column)
        )  # fmt: skip
        counts: dict[str, int] = {}
        total = 0
        for key, n in self.conn.execute(query):
            total += int(n)
            if key is not None:
                counts[str(key)] = int(n)
        title = str(self.conn.scalar(select(t.title).where(t.id == latest)))
        return int(latest), title, counts, total

    def iter_deviations(
        self, task_id: int, scope: Scope, lights: Sequence[str]
    ) -> Iterable[Deviation]:
        """The whole register, streamed light by light along the index."""
        r, ri = task_reports.c, task_report_indicators.c
        joined = task_report_indicators.join(task_reports, r.id == ri.report_id)
        for light in lights:
            query = (
                select(r.id, r.department, r.unit, r.project_name, ri.seq, ri.name, ri.target,
                       ri.current, ri.light, ri.possibility, ri.reasons, ri.measures)
                .select_from(joined)
                .where(ri.task_id == task_id, ri.light == light, self.in_scope(scope))
                .order_by(ri.report_id, ri.position)
                .execution_options(yield_per=5000)
            )  # fmt: skip
            for x in self.conn.execute(query):
                yield Deviation(*tuple(x))

    def deviations(
        self, task_id: int, scope: Scope, lights: Sequence[str], *, limit: int = 200,
        offset: int = 0, counts: dict[str, int] | None = None,
    ) -> tuple[list[Deviation], int]:  # fmt: skip
        """A page of the indicators whose light is one of ``lights`` (light by light, worst
        first; each in report order, read along the index without sorting) and how many
        there are (``counts``: the indicators by light, when the caller has them)."""
        r, ri = task_reports.c, task_report_indicators.c
        joined = task_report_indicators.join(task_reports, r.id == ri.report_id)
        out: list[Deviation] = []
        total = 0
        for light in lights:
            where = and_(ri.task_id == task_id, ri.light == light, self.in_scope(scope))
            if counts is not None and scope is None:
                n = counts.get(light, 0)
            else:
                n = int(
                    self.conn.scalar(select(func.count()).select_from(joined).where(where)) or 0
                )
            total += n
            if limit - len(out) <= 0 or offset >= n:
                offset = max(0, offset - n)
                continue
            query = (
                select(
                    r.id,
                    r.department,
                    r.unit,
                    r.project_name,
                    ri.seq,
                    ri.name,
                    ri.target,
                    ri.current,
                    ri.light,
                    ri.possibility,
                    ri.reasons,
                    ri.measures,
                )
                .select_from(joined)
                .where(where)
                .order_by(ri.report_id, ri.position)
                .limit(limit - len(out))
                .offset(offset)
            )
            out += [Deviation(*tuple(x)) for x in self.conn.execute(query).all()]
            offset = 0
        return out, total
