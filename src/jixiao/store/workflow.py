"""The rows of the target workflow (revision 0007): each project's state, the transition
log, dispositions, comments and answers, notifications and adjustments.

:class:`WorkflowRows` works on one connection: inside a write transaction
(:meth:`~.writes.Writer.workflow`, so a transition, its log row, its notifications and its
audit record commit together) or on a read connection (:meth:`Store.workflow_rows`). The
rules (which transition, who may) live in :mod:`jixiao.workflow` and
:mod:`jixiao.services.workflow`; this module only reads and writes rows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Connection,
    Select,
    and_,
    bindparam,
    func,
    insert,
    select,
    union,
    update,
)

from .accounts import AccountRows
from .lifecycle_schema import (
    adjustments,
    dispositions,
    notifications,
    workflow_comments,
    workflow_items,
    workflow_log,
)
from .queries import live
from .schema import documents, orgs, projects, units, user_roles, user_scopes, users


@dataclass(frozen=True, slots=True)
class Place:
    """Where a project lies: its document (number, version, department and its org node) and
    its unit (row id, name, org node)."""

    project_uid: str
    project_name: str
    document_id: int
    document_version: int
    document_status: str
    department: str
    year: int | None
    department_org: int | None
    unit_name: str
    unit_org: int | None


@dataclass(frozen=True, slots=True)
class Item:
    project_uid: str
    state: str
    round: int
    submitted_version: int | None
    previous_version: int | None
    approved_version: int | None
    submitter: str | None
    submitter_id: int | None
    adjustment_id: int | None
    updated_at: str
    updated_by: str


@dataclass(frozen=True, slots=True)
class Listed:
    """A project in a list (inbox, batch): where it is and its state."""

    project_uid: str
    project_name: str
    unit: str
    department: str
    year: int | None
    document_id: int
    state: str
    round: int
    updated_at: str
    updated_by: str


@dataclass(frozen=True, slots=True)
class Recipient:
    user_id: int
    username: str
    org_id: int | None
    scopes: frozenset[int]
    roles: frozenset[str]


_ITEM = workflow_items.c
_LISTED = (
    projects.c.uid.label("project_uid"),
    projects.c.name.label("project_name"),
    units.c.name.label("unit"),
    documents.c.department,
    documents.c.year,
    documents.c.id.label("document_id"),
    _ITEM.state,
    _ITEM.round,
    _ITEM.updated_at,
    _ITEM.updated_by,
)


# The statements every request of the workflow runs, built once (with their parameters
# bound at execution): building one costs more than running it on a small table.
_PLACE = (
    select(
        projects.c.uid,
        projects.c.name,
        documents.c.id,
        documents.c.version,
        documents.c.status,
        documents.c.department,
        documents.c.year,
        documents.c.org_id,
        units.c.name,
        units.c.org_id,
    )
    .join(units, units.c.id == projects.c.unit_id)
    .join(documents, documents.c.id == projects.c.document_id)
    .where(projects.c.uid == bindparam("uid"), live())
)
_PARENTS = select(orgs.c.parent_id).where(orgs.c.id.in_(bindparam("ids", expanding=True)))
_ITEM_OF = select(*workflow_items.c).where(_ITEM.project_uid == bindparam("uid"))
_ITEM_LOCKED = _ITEM_OF.with_for_update()
_TIMELINE_KEYS = (
    "id", "at", "actor", "action", "from_state", "to_state", "comment", "document_version",
    "round", "adjustment_id",
)  # fmt: skip
_TIMELINE = (
    select(*(workflow_log.c[k] for k in _TIMELINE_KEYS))
    .where(workflow_log.c.project_uid == bindparam("uid"))
    .order_by(workflow_log.c.id)
)
_ADJUSTMENT_KEYS = (
    "id", "project_uid", "reason_kind", "reason", "state", "content", "version",
    "base_version", "effective_version", "opened_at", "opened_by", "closed_at", "result",
)  # fmt: skip
_ADJUSTMENTS_OF = (
    select(*(adjustments.c[k] for k in _ADJUSTMENT_KEYS))
    .where(adjustments.c.project_uid == bindparam("uid"))
    .order_by(adjustments.c.id)
)


def _new_id(result: Any) -> int:
    return int(result.inserted_primary_key[0])


def _listed(r: Sequence[Any]) -> Listed:
    return Listed(r[0], r[1], r[2], r[3], r[4], int(r[5]), r[6], int(r[7]), r[8], r[9])


class WorkflowRows:
    """The workflow tables on one connection (see the module docstring)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    # -- places and orgs ---------------------------------------------------------------------
    def place(self, project_uid: str) -> Place | None:
        """The live project ``project_uid`` (its full stable id) and where it lies."""
        r = self.conn.execute(_PLACE, {"uid": project_uid}).first()
        if r is None:
            return None
        return Place(r[0], r[1], int(r[2]), int(r[3]), r[4], r[5], r[6], r[7], r[8], r[9])

    def subtree(self, roots: Iterable[int]) -> frozenset[int]:
        return AccountRows(self.conn).subtree(roots)

    def ancestors(self, org_ids: Collection[int]) -> frozenset[int]:
        """``org_ids`` and every node above them (one query per level of the tree)."""
        out: set[int] = set()
        frontier = set(org_ids)
        while frontier:
            out |= frontier
            parents = self.conn.scalars(_PARENTS, {"ids": sorted(frontier)})
            frontier = {int(p) for p in parents if p is not None} - out
        return frozenset(out)

    def top_org_ids(self) -> frozenset[int]:
        return AccountRows(self.conn).top_orgs()

    def document_projects(self, document_id: int) -> list[str]:
        return list(
            self.conn.scalars(
                select(projects.c.uid)
                .where(projects.c.document_id == document_id)
                .order_by(projects.c.unit_id, projects.c.position)
            )
        )

    def states_of(self, uids: Collection[str]) -> dict[str, str]:
        if not uids:
            return {}
        rows = self.conn.execute(
            select(_ITEM.project_uid, _ITEM.state).where(_ITEM.project_uid.in_(sorted(uids)))
        )
        return {r[0]: r[1] for r in rows}

    # -- items ---------------------------------------------------------------------------------
    def item(self, project_uid: str, *, lock: bool = False) -> Item | None:
        locked = lock and self.conn.dialect.name == "postgresql"
        r = self.conn.execute(_ITEM_LOCKED if locked else _ITEM_OF, {"uid": project_uid}).first()
        return None if r is None else Item(*r)

    def put_item(self, project_uid: str, exists: bool, **values: Any) -> None:
        if exists:
            self.conn.execute(_PUT_ITEM, {"uid": project_uid, **values})
        else:
            self.conn.execute(_NEW_ITEM, {"project_uid": project_uid, **values})

    def log(self, **values: Any) -> int:
        return _new_id(self.conn.execute(_LOG, values))

    def timeline(self, project_uid: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(_TIMELINE, {"uid": project_uid})
        return [dict(zip(_TIMELINE_KEYS, r, strict=True)) for r in rows]

    # -- dispositions and comments ------------------------------------------------------------
    def set_disposition(self, **values: Any) -> None:
        c = dispositions.c
        where = and_(
            c.project_uid == values["project_uid"],
            c.round == values["round"],
            c.finding_key == values["finding_key"],
        )
        found = self.conn.execute(select(c.id).where(where)).first()
        if found is None:
            self.conn.execute(insert(dispositions).values(**values))
        else:
            self.conn.execute(update(dispositions).where(c.id == found[0]).values(**values))

    def dispositions(self, project_uid: str, round_: int | None = None) -> list[dict[str, Any]]:
        c = dispositions.c
        query = select(
            c.round, c.finding_key, c.rule, c.indicator_uid, c.disposition, c.comment, c.at, c.by
        ).where(c.project_uid == project_uid)
        if round_ is not None:
            query = query.where(c.round == round_)
        keys = (
            "round",
            "finding_key",
            "rule",
            "indicator_uid",
            "disposition",
            "comment",
            "at",
            "by",
        )
        return [dict(zip(keys, r, strict=True)) for r in self.conn.execute(query.order_by(c.id))]

    def add_comment(self, **values: Any) -> int:
        return _new_id(self.conn.execute(insert(workflow_comments).values(**values)))

    def comment(self, comment_id: int) -> dict[str, Any] | None:
        found = [c for c in self._comments(workflow_comments.c.id == comment_id)]
        return found[0] if found else None

    def comments(self, project_uid: str) -> list[dict[str, Any]]:
        return self._comments(workflow_comments.c.project_uid == project_uid)

    def _comments(self, where: ColumnElement[bool]) -> list[dict[str, Any]]:
        c = workflow_comments.c
        keys = (
            "id",
            "project_uid",
            "round",
            "parent_id",
            "target",
            "field",
            "text",
            "at",
            "by",
            "by_id",
        )
        rows = self.conn.execute(select(*(getattr(c, k) for k in keys)).where(where).order_by(c.id))
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # -- notifications ---------------------------------------------------------------------------
    def notify(self, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            self.conn.execute(_NOTIFY, list(rows))

    def notifications(
        self, user_id: int, *, unread: bool = False, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        c = notifications.c
        query = select(c.id, c.at, c.kind, c.project_uid, c.text, c.read_at).where(
            c.user_id == user_id
        )
        if unread:
            query = query.where(c.read_at.is_(None))
        keys = ("id", "at", "kind", "project_uid", "text", "read_at")
        rows = self.conn.execute(query.order_by(c.id.desc()).limit(limit).offset(offset))
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def unread(self, user_id: int) -> int:
        return int(self.conn.scalar(_UNREAD, {"user": user_id}) or 0)

    def mark_read(self, user_id: int, ids: Collection[int] | None, at: str) -> int:
        c = notifications.c
        where = and_(c.user_id == user_id, c.read_at.is_(None))
        if ids is not None:
            where = and_(where, c.id.in_(sorted(ids)))
        return int(
            self.conn.execute(update(notifications).where(where).values(read_at=at)).rowcount
        )

    def recipients(self, roles: Collection[str]) -> list[Recipient]:
        """Active accounts holding any of ``roles``, with their org node and scopes."""
        if not roles:
            return []
        found: dict[int, tuple[str, int | None, set[str]]] = {}
        for row in self.conn.execute(_HOLDERS, {"roles": sorted(roles)}):
            found.setdefault(row[0], (row[1], row[2], set()))[2].add(row[3])
        scopes: dict[int, set[int]] = {}
        if found:
            for pair in self.conn.execute(_SCOPES_OF, {"users": sorted(found)}):
                scopes.setdefault(pair[0], set()).add(pair[1])
        return [
            Recipient(k, v[0], v[1], frozenset(scopes.get(k, ())), frozenset(v[2]))
            for k, v in sorted(found.items())
        ]

    # -- adjustments -----------------------------------------------------------------------------
    def open_adjustment(self, project_uid: str) -> dict[str, Any] | None:
        found = self._adjustments(
            and_(adjustments.c.project_uid == project_uid, adjustments.c.closed_at.is_(None))
        )
        return found[0] if found else None

    def adjustment(self, adjustment_id: int) -> dict[str, Any] | None:
        found = self._adjustments(adjustments.c.id == adjustment_id)
        return found[0] if found else None

    def adjustments(self, project_uid: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(_ADJUSTMENTS_OF, {"uid": project_uid})
        return [dict(zip(_ADJUSTMENT_KEYS, r, strict=True)) for r in rows]

    def _adjustments(self, where: ColumnElement[bool]) -> list[dict[str, Any]]:
        c = adjustments.c
        keys = (
            "id",
            "project_uid",
            "reason_kind",
            "reason",
            "state",
            "content",
            "version",
            "base_version",
            "effective_version",
            "opened_at",
            "opened_by",
            "closed_at",
            "result",
        )
        rows = self.conn.execute(select(*(getattr(c, k) for k in keys)).where(where).order_by(c.id))
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def insert_adjustment(self, **values: Any) -> int:
        return _new_id(self.conn.execute(insert(adjustments).values(**values)))

    def update_adjustment(
        self, adjustment_id: int, read_version: int | None, **values: Any
    ) -> bool:
        """Change the adjustment; with ``read_version`` only if that is still its version
        (optimistic locking: ``False`` when someone changed it first)."""
        c = adjustments.c
        where = c.id == adjustment_id
        if read_version is not None:
            where = and_(where, c.version == read_version)
        return bool(self.conn.execute(update(adjustments).where(where).values(**values)).rowcount)

    # -- lists -----------------------------------------------------------------------------------
    def _joined(self) -> Select[Any]:
        p = projects.c
        return (
            select(*_LISTED)
            .select_from(workflow_items)
            .join(projects, p.uid == _ITEM.project_uid)
            .join(units, units.c.id == p.unit_id)
            .join(documents, documents.c.id == p.document_id)
            .where(live())
        )

    def waiting(
        self, states: Collection[str], orgs: frozenset[int] | None, limit: int, offset: int = 0
    ) -> tuple[list[Listed], int]:
        """Projects in ``states`` within ``orgs`` (``None``: everywhere), oldest change
        first, and how many there are."""
        if not states:
            return [], 0
        if orgs is None:
            query = self._joined().where(_ITEM.state.in_(sorted(states)))
            total = int(self.conn.scalar(select(func.count()).select_from(query.subquery())) or 0)
            rows = self.conn.execute(
                query.order_by(_ITEM.updated_at, _ITEM.project_uid).limit(limit).offset(offset)
            )
            return [_listed(r) for r in rows], total
        given = {"states": sorted(states), "orgs": sorted(orgs)}
        total = int(self.conn.scalar(_SCOPED_COUNT, given) or 0)
        rows = self.conn.execute(_SCOPED_PAGE, {**given, "limit": limit, "offset": offset})
        return [_listed(r) for r in rows], total

    def done_by(self, actor_id: int, limit: int, offset: int = 0) -> tuple[list[Listed], int]:
        """Projects ``actor_id`` made a transition of, latest first."""
        total = int(self.conn.scalar(_DONE_COUNT, {"actor": actor_id}) or 0)
        rows = self.conn.execute(_DONE_PAGE, {"actor": actor_id, "limit": limit,
                                              "offset": offset})  # fmt: skip
        return [_listed(r) for r in rows], total

    def overview(self, initial: str) -> list[tuple[str, str, int]]:
        """(department, state, projects) for every live document's projects; a project
        without a workflow row counts in ``initial``."""
        p, d = projects.c, documents.c
        state = func.coalesce(_ITEM.state, initial)
        rows = self.conn.execute(
            select(d.department, state, func.count())
            .select_from(projects)
            .join(documents, d.id == p.document_id)
            .outerjoin(workflow_items, _ITEM.project_uid == p.uid)
            .where(live(), d.kind == "target")
            .group_by(d.department, state)
            .order_by(d.department)
        )
        return [(r[0], r[1], int(r[2])) for r in rows]


def _scoped() -> CompoundSelect[Any]:
    """The projects in some states of the documents and units of some orgs (parameters
    ``states`` and ``orgs``), read from those (indexed by org node) to their projects'
    workflow rows: the cost follows the scope, not how many projects of the whole store are
    in those states. The state is tested, not looked up (``state || ''``: SQLite would
    otherwise start from its index and read every project in the state, 18 s for a
    reviewer's 待办 with 90,000 sent projects in the 1,000,000-indicator store, against
    1 ms)."""
    p = projects.c
    wanted: Any = bindparam("orgs", expanding=True)
    state = _ITEM.state.concat("").in_(bindparam("states", expanding=True))
    by_document = (
        select(*_LISTED)
        .select_from(documents)
        .join(projects, p.document_id == documents.c.id)
        .join(workflow_items, _ITEM.project_uid == p.uid)
        .join(units, units.c.id == p.unit_id)
        .where(documents.c.org_id.in_(wanted), live(), state)
    )
    by_unit = (
        select(*_LISTED)
        .select_from(units)
        .join(projects, p.unit_id == units.c.id)
        .join(workflow_items, _ITEM.project_uid == p.uid)
        .join(documents, documents.c.id == p.document_id)
        .where(units.c.org_id.in_(wanted), live(), state)
    )
    return union(by_document, by_unit)


# the inbox's statements, built once (see WorkflowRows.waiting and done_by)
_FOUND = _scoped().subquery()
_SCOPED_COUNT = select(func.count()).select_from(_FOUND)
_SCOPED_PAGE = (
    select(_FOUND)
    .order_by(_FOUND.c.updated_at, _FOUND.c.project_uid)
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)
_MINE = (
    select(workflow_log.c.project_uid, func.max(workflow_log.c.id).label("last"))
    .where(workflow_log.c.actor_id == bindparam("actor"))
    .group_by(workflow_log.c.project_uid)
    .subquery()
)
_DONE = (
    select(*_LISTED)
    .select_from(workflow_items)
    .join(projects, projects.c.uid == _ITEM.project_uid)
    .join(units, units.c.id == projects.c.unit_id)
    .join(documents, documents.c.id == projects.c.document_id)
    .where(live())
    .join(_MINE, _MINE.c.project_uid == _ITEM.project_uid)
)
_DONE_COUNT = select(func.count()).select_from(_DONE.subquery())
_DONE_PAGE = (
    _DONE.order_by(_MINE.c.last.desc()).limit(bindparam("limit")).offset(bindparam("offset"))
)

# a transition's writes and its notification targets, built once
_PUT_ITEM = update(workflow_items).where(_ITEM.project_uid == bindparam("uid"))
_NEW_ITEM = insert(workflow_items)
_LOG = insert(workflow_log)
_NOTIFY = insert(notifications)
_UNREAD = select(func.count()).where(
    notifications.c.user_id == bindparam("user"), notifications.c.read_at.is_(None)
)
_HOLDERS = (
    select(users.c.id, users.c.username, users.c.org_id, user_roles.c.role)
    .join(user_roles, user_roles.c.user_id == users.c.id)
    .where(user_roles.c.role.in_(bindparam("roles", expanding=True)), users.c.active.is_(True))
)
_SCOPES_OF = select(user_scopes.c.user_id, user_scopes.c.org_id).where(
    user_scopes.c.user_id.in_(bindparam("users", expanding=True))
)
