"""Writing documents: new documents, new versions, soft delete, states; one transaction each.

:class:`Writer` wraps a write transaction of the :class:`~jixiao.store.Store`
(:meth:`Store.transaction`): the service layer (:mod:`jixiao.services`) calls its methods and
appends the audit record (:meth:`Writer.audit`) in the same transaction, so a change and its
record are committed together or not at all.

Versions: a document row is the document's identity (its number never changes); its
``version`` counts the changes. Replacing its content (a new file of the same department and
year, an edit) keeps the current content as interchange JSON in ``document_versions`` and
writes the new content's rows, only if the version the writer read is still the current one
(``UPDATE … WHERE version = :read``: optimistic locking, no table lock); otherwise
:class:`~jixiao.errors.ConflictError` and nothing is written. Deleting sets ``deleted_at``:
the rows stay (and every version), hidden from every listing, search and page.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, text, update

from ..errors import ConflictError, NotFoundError
from ..interchange import to_dict
from ..model import Document, Funds, Project, Unit, assign_ids, stable_id
from ..review.base import Finding
from ..services.actor import Actor
from ..services.repository import DocumentState
from . import audit, queries, search_index
from . import findings as stored_findings
from .bulk import Bulk
from .rows import INSERT_COLUMNS, Stamp, flatten, now
from .schema import (
    document_counts,
    document_versions,
    documents,
    indicators,
    orgs,
    project_versions,
    projects,
    reviews,
    units,
)
from .stamps import Touched
from .versions import version_content
from .workflow import WorkflowRows

ROOT_ORG = "财政"
"""The root of the org tree (the finance bureau) that departments are filed under."""


_STATE = select(
    *(documents.c[k] for k in ("id", "version", "status", "department", "year", "kind",
                               "source_sha256", "source_name", "org_id", "deleted_at"))
).where(documents.c.id == bindparam("id"))  # fmt: skip
"""A document's state (built once: every write and many reads ask it)."""
_STATE_LOCKED = _STATE.with_for_update()
_LOCATING = (
    select(documents.c.id, projects.c.uid)
    .join_from(projects, documents, documents.c.id == projects.c.document_id)
    .where(documents.c.deleted_at.is_(None))
)
_LOCATED = _LOCATING.where(projects.c.uid == bindparam("uid")).limit(2)
_CLAIM = (
    update(documents)
    .where(documents.c.id == bindparam("doc"), documents.c.version == bindparam("read"))
    .values(version=bindparam("next"))
)
_VERSION_ROW = insert(document_versions)
_PROJECT_VERSION = insert(project_versions)
_PROJECT_ROW = select(projects.c.id, projects.c.unit_id, projects.c.position).where(
    projects.c.document_id == bindparam("document"), projects.c.uid == bindparam("uid")
)
_INDICATOR_ROWS = select(indicators.c.id, indicators.c.uid).where(
    indicators.c.project_id == bindparam("project")
)
_EDITED = update(documents).where(documents.c.id == bindparam("doc"))


class Writer:
    """One write transaction (see the module's docstring)."""

    def __init__(
        self,
        conn: Connection,
        bulk: Bulk,
        load: Callable[[Connection, int], Document],
        touched: Touched | None = None,
    ) -> None:
        self.conn = conn
        self._insert_rows = bulk.insert
        self._allocate = bulk.allocate
        self._number = bulk.number
        self._load = load
        # every method that changes a document's rows names it here (see :mod:`.stamps`):
        # what a process keeps of other documents stays valid
        self.touched = touched if touched is not None else Touched()

    def workflow(self) -> WorkflowRows:
        """The workflow rows (:mod:`.workflow`) in this transaction."""
        return WorkflowRows(self.conn)

    # -- reading inside the transaction ---------------------------------------------------
    def state(self, document_id: int, *, lock: bool = False) -> DocumentState:
        """The document's state; :class:`NotFoundError` if there is no such document."""
        locked = lock and self.conn.dialect.name == "postgresql"
        r = self.conn.execute(_STATE_LOCKED if locked else _STATE, {"id": document_id}).first()
        if r is None:
            raise NotFoundError(f"没有编号为 {document_id} 的文档", expected="jixiao list 中的编号")
        return DocumentState(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9] is not None)

    def matching(self, sha256: str, doc: Document) -> list[DocumentState]:
        """Stored documents with the same content, or of the same department, year and kind."""
        d = documents.c
        ids = self.conn.scalars(
            select(d.id)
            .where(
                (d.source_sha256 == sha256)
                | (
                    (d.department == doc.department)
                    & d.year.is_not_distinct_from(doc.year)
                    & (d.kind == doc.kind)
                )
            )
            .order_by(d.id)
        ).all()
        return [self.state(i) for i in ids]

    def load(self, document_id: int) -> Document:
        return self._load(self.conn, document_id)

    def load_version(self, document_id: int, version: int) -> Document:
        earlier = version_content(self.conn, document_id, version, self._load)
        return earlier if earlier is not None else self._load(self.conn, document_id)

    def locate_project(self, project_id: str) -> tuple[int, str]:
        """The live document holding the project ``project_id`` (stable id or a prefix of
        it) and the project's full id, in one statement (row ids change with every new
        version another writer may commit meanwhile; stable ids do not)."""
        key = queries.project_key(project_id)
        if len(key) == 36:
            found = self.conn.execute(_LOCATED, {"uid": key}).all()
        else:
            query = _LOCATING.where(projects.c.uid.startswith(key))
            found = self.conn.execute(query.limit(2)).all()
        if len(found) != 1:
            raise queries.no_project(project_id)
        return int(found[0][0]), str(found[0][1])

    def claim_identity(self, doc: Document, sha256: str) -> None:
        """Serialise writers of one document identity, not the whole table: on PostgreSQL a
        transaction-scoped advisory lock per key (department, year and kind; content),
        taken in a fixed order so that two writers cannot deadlock; SQLite writers hold the
        database's write lock already (``BEGIN IMMEDIATE``)."""
        if self.conn.dialect.name != "postgresql":
            return
        keys = sorted(
            {f"jixiao.document:{doc.department}\x1f{doc.year}\x1f{doc.kind}",
             f"jixiao.content:{sha256}"}
        )  # fmt: skip
        for key in keys:
            self.conn.execute(
                text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key}
            )

    # -- the org tree ---------------------------------------------------------------------
    def org(self, name: str, kind: str, parent: int | None) -> int:
        """The id of the org tree node ``name`` under ``parent``, made if it is not there.

        Concurrent writers may make the same node: on PostgreSQL a transaction-scoped
        advisory lock on the node's key makes the second wait and then find the first's
        (callers take these locks in one order, see :meth:`_orgs`)."""
        o = orgs.c
        query = select(o.id).where(o.name == name, o.parent_id.is_not_distinct_from(parent))
        found = self.conn.scalar(query)
        if found is not None:
            return int(found)
        if self.conn.dialect.name == "postgresql":
            key = f"jixiao.org:{parent}\x1f{name}"
            self.conn.execute(
                text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key}
            )
            found = self.conn.scalar(query)
            if found is not None:
                return int(found)
        self.touched.shared = True  # the org tree decides who reads what
        return int(
            self.conn.execute(
                insert(orgs).values(name=name, kind=kind, parent_id=parent).returning(o.id)
            ).scalar_one()
        )

    def _orgs(self, doc: Document) -> tuple[int, tuple[int, ...]]:
        root = self.org(ROOT_ORG, "finance", None)
        department = self.org(doc.department, "department", root)
        # made in name order (two writers never wait on each other's nodes crosswise)
        names = sorted({u.name for u in doc.units})
        made = {name: self.org(name, "unit", department) for name in names}
        return department, tuple(made[u.name] for u in doc.units)

    # -- documents ------------------------------------------------------------------------
    def _own_ids(self, doc: Document, sha256: str, document_id: int | None) -> None:
        """Ids name one object in the store: a document whose ids another document holds
        already (a copy of it, edited) gets ids of its own, derived from its sha256, and a
        note saying so."""
        taken = False
        for table, wanted in (
            (units, [u.id for u in doc.units]),
            (projects, [p.id for _, p in doc.projects()]),
            (indicators, [i.id for _, _, i in doc.indicators()]),
        ):
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                query = select(table.c.id).where(table.c.uid.in_(chunk))
                if document_id is not None:
                    query = query.where(table.c.document_id != document_id)
                if self.conn.execute(query.limit(1)).first() is not None:
                    taken = True
                    break
            if taken:
                break
        groups: tuple[tuple[str, list[Any]], ...] = (
            ("u", list(doc.units)),
            ("p", [p for _, p in doc.projects()]),
            ("i", [i for _, _, i in doc.indicators()]),
        )
        for (
            kind,
            objects,
        ) in (
            groups
        ):  # the same id twice in one document (a project copied within it): the copy's own
            seen: set[str] = set()
            for n, obj in enumerate(objects):
                if obj.id in seen:
                    obj.id = stable_id(sha256, "copy", kind, n)
                seen.add(obj.id)
        if not taken:
            return
        for unit in doc.units:
            unit.id = ""
            for project in unit.projects:
                project.id = ""
                for ind in project.indicators:
                    ind.id = ""
        assign_ids(doc, f"{sha256}#own")
        doc.note("info", "ids", "编号与已入库的另一文档相同（复制的文档），已按本文档内容重新编号")

    def insert(
        self, doc: Document, sha256: str, *, actor: Actor, reason: str, status: str = "draft"
    ) -> int:
        """Store ``doc`` as a new document at version 1; returns its number."""
        self._own_ids(doc, sha256, None)
        org_id, unit_orgs = self._orgs(doc)
        counts = {"documents": 1, "units": len(doc.units),
                  "projects": sum(len(u.projects) for u in doc.units)}  # fmt: skip
        ids = self._allocate(self.conn, counts)
        [document_id] = ids["documents"]
        self.touched.document(document_id, shared=True)
        stamp = Stamp(1, status, actor.name, org_id, unit_orgs)
        rows = flatten(doc, sha256, self._number, document_id, ids["units"], ids["projects"], stamp)
        for table in ("documents", "units", "projects", "indicators"):
            self._insert_rows(self.conn, table, rows[table])
        self.conn.execute(insert(document_counts).values(document_id=document_id, **doc.counts()))
        search_index.index_documents(self.conn, [document_id])
        source = None if doc.source is None else doc.source.name
        self._version_row(document_id, 1, actor, reason, source, sha256)
        return document_id

    def replace(
        self,
        document_id: int,
        doc: Document,
        sha256: str,
        *,
        read_version: int,
        actor: Actor,
        reason: str,
    ) -> int:
        """Make ``doc`` the new current version of the document, if ``read_version`` is still
        its version (else :class:`ConflictError`); returns the new version number."""
        current = self.state(document_id)
        if current.deleted:
            raise NotFoundError(f"编号为 {document_id} 的文档已删除")
        self._claim(document_id, read_version)
        self._own_ids(doc, sha256, document_id)
        self._supersede(document_id, read_version)
        search_index.unindex_documents(self.conn, [document_id])
        self.conn.execute(delete(units).where(units.c.document_id == document_id))
        self.conn.execute(delete(reviews).where(reviews.c.document_id == document_id))
        self.conn.execute(
            delete(document_counts).where(document_counts.c.document_id == document_id)
        )
        org_id, unit_orgs = self._orgs(doc)
        counts = {"units": len(doc.units), "projects": sum(len(u.projects) for u in doc.units)}
        ids = self._allocate(self.conn, counts)
        version = read_version + 1
        stamp = Stamp(version, current.status, actor.name, org_id, unit_orgs)
        rows = flatten(doc, sha256, self._number, document_id, ids["units"], ids["projects"], stamp)
        [head] = rows["documents"]
        values = dict(zip(_DOCUMENT_COLUMNS, head, strict=True))
        for kept in ("id", "ingested_at", "version", "status", "deleted_at", "deleted_by"):
            values.pop(kept)
        # the values are bound already (as the bulk insert takes them): past SQLAlchemy's types
        quote = self.conn.dialect.identifier_preparer.quote
        mark = "?" if self.conn.dialect.paramstyle == "qmark" else "%s"
        sets = ", ".join(f"{quote(k)} = {mark}" for k in values)
        self.conn.exec_driver_sql(
            f"UPDATE documents SET {sets} WHERE id = {mark}", (*values.values(), document_id)
        )
        for table in ("units", "projects", "indicators"):
            self._insert_rows(self.conn, table, rows[table])
        self.conn.execute(insert(document_counts).values(document_id=document_id, **doc.counts()))
        search_index.index_documents(self.conn, [document_id])
        source = None if doc.source is None else doc.source.name
        self._version_row(document_id, version, actor, reason, source, sha256)
        return version

    def replace_project(
        self,
        document_id: int,
        before: dict[str, Any],
        after: Project,
        sha256: str,
        *,
        read_version: int,
        actor: Actor,
        reason: str,
    ) -> int:
        """Make ``after`` (the project ``before``, interchange JSON as the writer read it at
        ``read_version``, changed; same id, same unit) part of the document's new current
        version, if ``read_version`` is still its version (else :class:`ConflictError`);
        returns the new version number. Only that project's rows are written (its row and its
        indicators',
        kept by id where the indicator stays, and their search texts); the version it
        supersedes keeps ``before`` in ``project_versions``, not a copy of the document."""
        current = self.state(document_id)
        if current.deleted:
            raise NotFoundError(f"编号为 {document_id} 的文档已删除")
        self._claim(document_id, read_version)
        i = indicators.c
        found = self.conn.execute(_PROJECT_ROW, {"document": document_id, "uid": after.id}).first()
        if found is None:
            raise queries.no_project(after.id)
        project_row, unit_row, position = (int(x) for x in found)
        self.conn.execute(_PROJECT_VERSION, {
            "document_id": document_id, "version": read_version, "project_uid": after.id,
            "content": json.dumps(before, ensure_ascii=False, separators=(",", ":")),
        })  # fmt: skip
        # the project's rows, as a whole save would write them (a document of just it)
        alone = Document("", None, "", Funds(), units=[Unit("", Funds(), [after])])
        rows = flatten(alone, sha256, self._number, document_id, [unit_row], [project_row])
        search_index.unindex_project(self.conn, project_row)  # its texts are found by its rows
        quote = self.conn.dialect.identifier_preparer.quote
        mark = "?" if self.conn.dialect.paramstyle == "qmark" else "%s"
        head = dict(zip(INSERT_COLUMNS["projects"], rows["projects"][0], strict=True))
        head["position"] = position
        for kept in ("id", "document_id", "unit_id"):
            head.pop(kept)
        sets = ", ".join(f"{quote(k)} = {mark}" for k in head)
        self.conn.exec_driver_sql(
            f"UPDATE projects SET {sets} WHERE id = {mark}", (*head.values(), project_row)
        )
        stored = {uid: int(rid) for rid, uid in self.conn.execute(
            _INDICATOR_ROWS, {"project": project_row})}  # fmt: skip
        columns = INSERT_COLUMNS["indicators"]
        sets = ", ".join(f"{quote(k)} = {mark}" for k in columns)
        changed, added = [], []
        for row in rows["indicators"]:
            rid = stored.pop(row[-1], None)  # uid is the last column
            if rid is None:
                added.append(row)
            else:
                changed.append((*row, rid))
        if stored:
            self.conn.execute(delete(indicators).where(i.id.in_(sorted(stored.values()))))
        if changed:
            self.conn.exec_driver_sql(f"UPDATE indicators SET {sets} WHERE id = {mark}", changed)
        self._insert_rows(self.conn, "indicators", added)
        if len(added) != len(stored):
            c = document_counts.c
            self.conn.execute(
                update(document_counts)
                .where(c.document_id == document_id)
                .values(indicators=c.indicators + len(added) - len(stored))
            )
        search_index.index_project(self.conn, project_row)
        self.conn.execute(_EDITED, {"doc": document_id, "source_sha256": sha256,
                                    "updated_at": now(), "updated_by": actor.name})  # fmt: skip
        version = read_version + 1
        self._version_row(document_id, version, actor, reason, current.source_name, sha256)
        return version

    def project_changed(self, document_id: int, project_uid: str, since: int) -> bool | None:
        """Whether the project changed after version ``since``, told from the versions kept
        per project (no document loaded); ``None`` when a version kept whole came between
        (a new file, a correction): then only the contents can tell."""
        v, pv = document_versions.c, project_versions.c
        whole = self.conn.scalar(
            select(func.count()).where(
                v.document_id == document_id, v.version >= since, v.content.is_not(None)
            )
        )
        if whole:
            return None
        return (
            self.conn.scalar(
                select(pv.version)
                .where(
                    pv.document_id == document_id,
                    pv.project_uid == project_uid,
                    pv.version >= since,
                )
                .limit(1)
            )
            is not None
        )

    def check_version(self, document_id: int, read_version: int) -> DocumentState:
        """Lock the document's row (other writers of it wait) and refuse at once, before any
        work, if ``read_version`` is no longer its version."""
        state = self.state(document_id, lock=True)
        if state.version != read_version:
            raise _stale(document_id, state.version, read_version)
        return state

    def _claim(self, document_id: int, read_version: int) -> None:
        """Move the document to ``read_version + 1`` if nobody did first (optimistic lock).
        Every change of a document's content or state claims it: its search texts, whether
        it is live or published may change with it (the shared stamp moves too)."""
        self.touched.document(document_id, shared=True)
        done = self.conn.execute(
            _CLAIM, {"doc": document_id, "read": read_version, "next": read_version + 1}
        ).rowcount
        if done != 1:
            raise _stale(document_id, self.state(document_id).version, read_version)

    def _supersede(self, document_id: int, read_version: int) -> None:
        """Keep the current content as version ``read_version`` (it stops being current)."""
        v = document_versions.c
        old = json.dumps(to_dict(self.load(document_id)), ensure_ascii=False,
                         separators=(",", ":"))  # fmt: skip
        self.conn.execute(
            update(document_versions)
            .where(v.document_id == document_id, v.version == read_version, v.content.is_(None))
            .values(content=old)
        )

    def _version_row(
        self,
        document_id: int,
        version: int,
        actor: Actor,
        reason: str,
        source_name: str | None,
        sha: str,
    ) -> None:
        self.conn.execute(_VERSION_ROW, {
            "document_id": document_id, "version": version, "created_at": now(),
            "created_by": actor.name, "reason": reason, "source_name": source_name,
            "sha256": sha,
        })  # fmt: skip

    def _new_state(
        self, state: DocumentState, read_version: int, actor: Actor, reason: str
    ) -> None:
        """A change of state (publication, deletion, restoring) is a version of its own, with
        who, when and why; the content stays as it was."""
        self._claim(state.id, read_version)  # no copy: the content is the next version's
        self._version_row(state.id, read_version + 1, actor, reason, state.source_name,
                          state.sha256)  # fmt: skip

    def soft_delete(self, document_id: int, *, read_version: int, actor: Actor) -> None:
        """Hide the document everywhere (rows and versions are kept)."""
        state = self.state(document_id)
        if state.deleted:
            raise NotFoundError(f"编号为 {document_id} 的文档已删除")
        self._new_state(state, read_version, actor, "删除")
        self.conn.execute(
            update(documents)
            .where(documents.c.id == document_id)
            .values(deleted_at=now(), deleted_by=actor.name)
        )
        search_index.unindex_documents(self.conn, [document_id])

    def undelete(self, document_id: int, *, actor: Actor) -> None:
        """Show a deleted document again (the same content was saved anew)."""
        state = self.state(document_id)
        self._new_state(state, state.version, actor, "恢复")
        self.conn.execute(
            update(documents)
            .where(documents.c.id == document_id)
            .values(deleted_at=None, deleted_by=None, updated_at=now(), updated_by=actor.name)
        )
        search_index.index_documents(self.conn, [document_id])

    def set_status(self, document_id: int, status: str, *, read_version: int, actor: Actor) -> None:
        """Publish (``published``) or withdraw (``draft``) the document."""
        state = self.state(document_id)
        self._new_state(state, read_version, actor, "发布" if status == "published" else "撤回发布")
        self.conn.execute(
            update(documents)
            .where(documents.c.id == document_id)
            .values(status=status, updated_at=now(), updated_by=actor.name)
        )

    def save_findings(
        self, document_id: int, found: Sequence[Finding] | None, ruleset: str | None
    ) -> None:
        """Replace the document's findings (``None``: mark it unreviewed)."""
        self.touched.document(document_id, shared=False)
        if found is None:
            self.conn.execute(delete(reviews).where(reviews.c.document_id == document_id))
            return
        stored_findings.save(self.conn, document_id, found, ruleset)

    def save_project_findings(
        self,
        document_id: int,
        project_id: str,
        rules: Collection[str],
        found: Sequence[Finding],
        ruleset: str | None,
    ) -> None:
        """Replace the findings of one project and of the document-wide ``rules`` (see
        :func:`.findings.save_part`): the other projects' findings stay."""
        self.touched.document(document_id, shared=False)
        stored_findings.save_part(self.conn, document_id, project_id, rules, found, ruleset)

    # -- audit ----------------------------------------------------------------------------
    def audit(
        self,
        actor: Actor,
        event: str,
        obj: str,
        result: str = "成功",
        detail: dict[str, Any] | None = None,
    ) -> int:
        """Append an audit record in this transaction (see :mod:`.audit`)."""
        return audit.append(self.conn, actor, event, obj, result, detail)


_DOCUMENT_COLUMNS = INSERT_COLUMNS["documents"]


def _stale(document_id: int, current: int, read_version: int) -> ConflictError:
    return ConflictError(
        f"编号为 {document_id} 的文档已被他人修改（当前为第 {current} 版，"
        f"您读取的是第 {read_version} 版）；未保存任何内容",
        expected="重新读取最新版本后再修改",
    )
