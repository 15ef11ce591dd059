"""The :class:`Store`: open a database by URL, save documents, read them back, query them.

One code path for SQLite (the embedded default) and PostgreSQL (psycopg 3), on SQLAlchemy 2
Core. On SQLite a writer takes the database's write lock first (``BEGIN IMMEDIATE``); on
PostgreSQL writers run side by side: a change to a stored document is checked against the
version the writer read (optimistic locking, :class:`~jixiao.errors.ConflictError`), and
savers of a brand-new document wait only for savers of the same document identity (an
advisory lock, :meth:`~.writes.Writer.claim_identity`), never for the whole table. Readers
never wait for a writer (SQLite WAL, PostgreSQL MVCC).

A document is saved in one transaction with one multi-row ``INSERT`` per table. Row ids of
documents, units and projects are allocated before inserting (SQLite: ``max(id)`` under the
write lock; PostgreSQL: one ``nextval`` call per row of ``generate_series``, in one round
trip), so children are linked without reading ids back row by row.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
    text,
)
from sqlalchemy.exc import (
    ArgumentError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
    StatementError,
)

from ..errors import JixiaoError, NotFoundError, StoreError
from ..model import Document
from ..review.base import Finding
from ..review.ruleset import Scoring
from ..review.scoring import Score
from ..services.actor import Actor
from ..services.audit import AuditFilter, AuditRecord, Broken
from ..services.documents import store_document
from ..services.repository import DocumentState, Repository
from ..services.repository import SaveResult as SaveResult
from ..services.repository import SaveStatus as SaveStatus
from . import aggregates, audit, backup, migrate, pages, queries, search, search_index, stamps
from . import findings as stored_findings
from . import versions as stored_versions
from .accounts import AccountRows
from .aggregates import DepartmentYear, DocumentAggregates
from .bulk import Bulk
from .connect import (
    BUSY_TIMEOUT_MS,
    CONNECT_TIMEOUT_S,
    MIGRATION_WAIT_MS,
    detail,
    mask,
    resolve_url,
    sqlite_on_begin,
    sqlite_on_connect,
)
from .loading import load_document
from .pages import IndicatorFilter, IndicatorRow, Page, UnitFilter, UnitRow
from .queries import DocumentRow, ProjectFilter, ProjectRow, ProjectView, Visibility
from .search import SearchPage
from .stamps import Touched
from .tasks import TaskRows
from .versions import VersionRow
from .workflow import WorkflowRows
from .writes import Writer

POOL_WAIT_S = 300
"""How long a request waits for a connection of a sized pool (see :class:`Store`)."""


# -- the store ------------------------------------------------------------------------------
class Store:
    """Documents in a database: ``Store("jixiao.db")`` or ``Store("postgresql://…")``.

    ``url`` is an SQLite file path (parent folders are created) or a SQLAlchemy URL;
    ``connect_args`` go to the driver (e.g. ``{"options": "-csearch_path=x"}`` for psycopg);
    ``pool_size`` sizes the connection pool (default SQLAlchemy's 5, plus 10 on demand) for
    servers with many concurrent requests.
    Opening creates the tables if needed. Every failure is a :class:`StoreError` (or its
    :class:`DuplicateError`) or :class:`NotFoundError` with a plain message.

    Attributes: ``url`` (as given, password masked), ``dialect`` (``"sqlite"`` or
    ``"postgresql"``) and ``engine`` (the SQLAlchemy engine, for ad-hoc SQL).
    """

    def __init__(
        self,
        url: str,
        *,
        connect_args: Mapping[str, Any] | None = None,
        pool_size: int | None = None,
    ) -> None:
        self.url = mask(url)
        # What another process needs to open the same database: Store(url, connect_args=…).
        self.open_args: tuple[str, dict[str, Any]] = (url, dict(connect_args or {}))
        resolved = resolve_url(url)
        args: dict[str, Any] = {}
        if resolved.get_backend_name() == "postgresql" and "connect_timeout" not in resolved.query:
            args["connect_timeout"] = CONNECT_TIMEOUT_S
        args.update(connect_args or {})
        try:
            pool: dict[str, Any] = {}
            if pool_size is not None and resolved.database not in (None, "", ":memory:"):
                # a request waits its turn for a connection rather than failing
                pool = {"pool_size": pool_size, "max_overflow": pool_size // 4,
                        "pool_timeout": POOL_WAIT_S}  # fmt: skip
            self.engine: Engine = create_engine(resolved, connect_args=args, **pool)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise StoreError(f"无法使用数据库 {self.url}：{detail(exc)}") from exc
        self.dialect = self.engine.dialect.name
        self._writers = threading.Lock()
        self._bulk = Bulk(self.engine)
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", sqlite_on_connect)
            event.listen(self.engine, "begin", sqlite_on_begin)
        try:
            with self._guard("打开"):
                self._initialize()
        except BaseException:
            self.engine.dispose()
            raise

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- connections and errors ------------------------------------------------------------
    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Translate database errors into :class:`StoreError` naming the (masked) URL."""
        try:
            yield
        except JixiaoError:
            raise
        except StatementError as exc:
            if isinstance(exc.orig, JixiaoError):
                raise exc.orig from None
            if "file is not a database" in str(exc.orig):
                raise StoreError(f"{self.url} 不是 SQLite 数据库文件") from None
            if isinstance(exc, OperationalError):
                if "locked" in str(exc.orig).lower():
                    raise StoreError(
                        f"数据库 {self.url} 正被其他程序写入，等待超时（{action}）；请稍后再试"
                    ) from None
                raise StoreError(f"无法{action}数据库 {self.url}：{detail(exc)}") from None
            raise StoreError(f"数据库 {self.url} {action}失败：{detail(exc)}") from None
        except SQLAlchemyError as exc:
            raise StoreError(f"数据库 {self.url} {action}失败：{detail(exc)}") from None
        except self.engine.dialect.loaded_dbapi.Error as exc:  # raised outside SQLAlchemy's wrap
            raise StoreError(f"数据库 {self.url} {action}失败：{detail(exc)}") from None

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        """A read; on PostgreSQL in one snapshot (``REPEATABLE READ``), so a document read
        in several statements is never half the old version and half a new one."""
        with self._guard(action), self.engine.connect() as conn:
            if self.dialect == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            yield conn

    @contextmanager
    def _write(self, action: str, touched: Touched | None = None) -> Iterator[Connection]:
        """A write transaction holding the write lock; committed when the block ends, with
        the stamps of what ``touched`` says it changed moved (:mod:`.stamps`; ``None``:
        unknown, every stamp).

        SQLite: the writers of this process queue on a lock of their own first (waiting
        without a timeout, in turn), so only one of them at a time waits on the database's
        lock for other processes' writers (SQLite's busy wait is unfair and times out)."""
        with (
            self._writers if self.dialect == "sqlite" else nullcontext(),
            self._guard(action),
            self.engine.connect().execution_options(jixiao_write=True) as conn,
            conn.begin(),
        ):
            yield conn
            stamps.bump(conn, (touched or Touched()).stamps())

    def _initialize(self) -> None:
        """Bring the schema to the head revision (see :mod:`.migrate`)."""
        with self.engine.connect() as conn:
            current = migrate.state(conn)
        if migrate.is_current(current):
            return
        migrate.check(current, self.url)
        with self.engine.connect().execution_options(jixiao_write=True) as conn:
            # Another process may be upgrading (building a search index over a big table takes
            # minutes): wait for it far longer than for an ordinary write.
            self._busy_timeout(conn, MIGRATION_WAIT_MS)
            try:
                with conn.begin():
                    if self.dialect == "postgresql":
                        # Serialize concurrent first opens of one schema (DDL is transactional).
                        conn.execute(
                            text("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
                        )
                    migrate.upgrade(conn, self.url)
            finally:
                self._busy_timeout(conn, None)

    def _busy_timeout(self, conn: Connection, ms: int | None) -> None:
        """Set SQLite's lock wait on this connection (``None``: back to the usual one), on the
        driver's connection so that no transaction is begun."""
        if self.dialect == "sqlite":
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute(f"PRAGMA busy_timeout={int(ms or BUSY_TIMEOUT_MS)}")

    # -- accounts ----------------------------------------------------------------------------
    @contextmanager
    def accounts(self, *, write: bool = False) -> Iterator[AccountRows]:
        """Account rows (:mod:`.accounts`) on a read connection, or (``write``) in one write
        transaction, committed when the block ends. Account writes (logins, sessions) take
        no lock on the documents and leave :meth:`generation` alone: what the app derived
        from the documents stays valid."""
        if not write:
            with self._read("查询") as conn:
                yield AccountRows(conn)
            return
        with (
            self._guard("写入"),
            self.engine.connect().execution_options(jixiao_write=True) as conn,
            conn.begin(),
        ):
            yield AccountRows(conn)

    @contextmanager
    def workflow_rows(self) -> Iterator[WorkflowRows]:
        """The workflow rows (:mod:`.workflow`) on a read connection."""
        with self._read("查询") as conn:
            yield WorkflowRows(conn)

    # -- tasks -------------------------------------------------------------------------------
    @contextmanager
    def tasks(self, *, write: bool = False) -> Iterator[TaskRows]:
        """Task rows (:mod:`.tasks`) on a read connection, or (``write``) in one write
        transaction, committed when the block ends. Reports are not documents: writing them
        leaves :meth:`generation` alone."""
        if not write:
            with self._read("查询") as conn:
                yield TaskRows(conn)
            return
        with (
            self._guard("写入"),
            self.engine.connect().execution_options(jixiao_write=True) as conn,
            conn.begin(),
        ):
            yield TaskRows(conn)

    # -- writing -----------------------------------------------------------------------------
    @contextmanager
    def transaction(self, action: str = "写入") -> Iterator[Writer]:
        """A write transaction (:class:`~.writes.Writer`), committed when the block ends
        and rolled back, whole, on any error."""
        touched = Touched(known=True)  # the writer names every document it changes
        with self._write(action, touched) as conn:
            yield Writer(conn, self._bulk, self._load, touched)

    def save(
        self,
        doc: Document,
        *,
        replace: bool = False,
        findings: Sequence[Finding] | None = None,
        ruleset: str | None = None,
        actor: Actor | None = None,
        status: str = "draft",
        reason: str = "导入",
    ) -> SaveResult:
        """Store ``doc`` in one transaction, with its search texts and review ``findings``
        (the repository's primitive: :func:`jixiao.services.documents.save` reviews, audits
        and calls :func:`~jixiao.services.documents.store_document` in a :meth:`transaction`,
        as this does)."""
        with self.transaction() as tx:
            return store_document(
                tx, doc, replace=replace, findings=findings, ruleset=ruleset,
                actor=actor or Actor("系统"), status=status, reason=reason,
            )  # fmt: skip

    def delete(self, document_id: int, actor: Actor | None = None) -> None:
        """Delete a stored document (softly: hidden, kept); :class:`NotFoundError` if none."""
        with self.transaction("删除") as tx:
            state = tx.state(document_id)
            tx.soft_delete(document_id, read_version=state.version, actor=actor or Actor("系统"))

    def iter_ids(self) -> list[int]:
        """The numbers of every live (not deleted) document, in listing order."""
        with self._read("读取") as conn:
            return queries.document_ids(conn, None, None)

    def versions(self, document_id: int) -> list[VersionRow]:
        """Every version of a document, oldest first."""
        with self._read("读取") as conn:
            return stored_versions.versions(conn, document_id)

    def load_version(self, document_id: int, version: int | None = None) -> Document:
        """A version of the document (``None``: the current one)."""
        with self._read("读取") as conn:
            if version is not None:
                earlier = stored_versions.version_content(conn, document_id, version, self._load)
                if earlier is not None:
                    return earlier
            return self._load(conn, document_id)

    def holding(
        self, project_id: str, version: int | None = None
    ) -> tuple[int, int, Document] | None:
        """The live document holding the project, its version and content, read without a
        lock (see :class:`~jixiao.services.repository.Repository`); ``None`` when a writer
        changed it meanwhile (SQLite reads each statement on its own snapshot: the version
        read before and after tells), the project changed since ``version`` (if given: told
        from the versions kept per project, nothing loaded then) or no live project has
        that id."""
        with self._read("读取") as conn:
            rows = Writer(conn, self._bulk, self._load)
            try:
                document_id, uid = rows.locate_project(project_id)
                version_now = rows.state(document_id).version
                if (
                    version is not None
                    and version_now != version
                    and (
                        version > version_now
                        or rows.project_changed(document_id, uid, version) is not False
                    )
                ):
                    return None
                version = version_now
                doc = self._load(conn, document_id)
            except NotFoundError:
                return None
            if rows.state(document_id).version != version:
                return None
            return document_id, version, doc

    def document_state(self, document_id: int) -> DocumentState:
        with self._read("读取") as conn:
            return Writer(conn, self._bulk, self._load).state(document_id)

    # -- reading -----------------------------------------------------------------------------
    def load(self, document_id: int) -> Document:
        """The stored document, as it was saved."""
        with self._read("读取") as conn:
            return self._load(conn, document_id)

    def _load(self, conn: Connection, document_id: int) -> Document:
        return load_document(conn, document_id)

    def iter_documents(
        self, department: str | None = None, year: int | None = None
    ) -> Iterator[Document]:
        """Every stored document (``department`` matches exactly), one at a time."""
        with self._read("读取") as conn:
            ids = queries.document_ids(conn, department, year)
        for document_id in ids:
            try:
                yield self.load(document_id)
            except NotFoundError:
                continue  # replaced since the listing

    def count_documents(self, department: str | None = None, year: int | None = None) -> int:
        """How many documents :meth:`iter_documents` would give."""
        with self._read("读取") as conn:
            return len(queries.document_ids(conn, department, year))

    # -- queries -----------------------------------------------------------------------------
    def documents(self) -> list[DocumentRow]:
        """The stored documents with their totals and counts."""
        with self._read("查询") as conn:
            return queries.list_documents(conn)

    def projects(self, where: ProjectFilter | None = None) -> list[ProjectRow]:
        """Projects matching ``where`` (see :class:`ProjectFilter`), in table order."""
        with self._read("查询") as conn:
            return queries.list_projects(conn, where or ProjectFilter())

    def project(self, project_id: str) -> ProjectView:
        """One project with its indicators, by its stable id (or a unique prefix of at least
        8 characters); :class:`NotFoundError` if there is none."""
        with self._read("查询") as conn:
            return queries.project_view(conn, project_id)

    def find_projects(
        self,
        name: str,
        department: str | None = None,
        year: int | None = None,
        unit: str | None = None,
    ) -> list[str]:
        """Ids of the projects named exactly ``name`` (``department``, ``unit``: substrings)."""
        with self._read("查询") as conn:
            return queries.find_projects(conn, name, department, year, unit)

    # -- review findings ---------------------------------------------------------------------
    def findings(
        self, document_id: int | None = None, project_id: str | None = None
    ) -> list[Finding]:
        """Stored findings of a document and/or a project (``project_id``: its stable id, as
        :meth:`project` takes it), all without either, in review order."""
        with self._read("查询") as conn:
            row = None if project_id is None else queries.project_row_id(conn, project_id)
            return stored_findings.load(conn, document_id, row)

    def scores(self, document_id: int, scoring: Scoring | None = None) -> list[Score]:
        """Scores of the document's projects and department from its stored findings
        (:func:`jixiao.review.scoring.score_document`; ``scoring`` defaults to the bundled
        ruleset's). A document stored without review scores as if it had no findings: check
        :meth:`has_review` first."""
        from ..review import load_ruleset
        from ..review.scoring import score_document

        with self._read("读取") as conn:
            doc = self._load(conn, document_id)
            found = stored_findings.load(conn, document_id)
        return score_document(doc, found, scoring or load_ruleset().scoring)

    def stamps(self, keys: Sequence[str]) -> tuple[str, ...]:
        """The stamps ``keys`` (see :mod:`.stamps`), each changed by every write, by any
        process, of what it stands for: derived data kept under them is never stale.

        Read on the driver's connection, without SQLAlchemy's statement and transaction
        machinery: the web app asks before every kept answer, several times a page."""
        with self._guard("查询"):
            raw = self.engine.raw_connection()
            try:
                cursor = raw.cursor()
                cursor.execute(stamps.read_sql(keys))
                found = cursor.fetchall()
                cursor.close()
            finally:
                raw.close()  # back to the pool (rolled back there)
        return stamps.values(keys, found)

    def has_review(self, document_id: int) -> bool:
        """Whether the document was stored (or re-reviewed) with its review findings."""
        with self._read("查询") as conn:
            return stored_findings.reviewed(conn, document_id)

    # -- search, pages and aggregates ---------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        department: str | None = None,
        year: int | None = None,
        kinds: Collection[str] | None = None,
        limit: int = 20,
        offset: int = 0,
        visible: Visibility | None = None,
    ) -> SearchPage:
        """Texts containing every term of ``query`` (see :mod:`.search`); ``department``
        matches a substring, ``kinds`` picks among project, goal, indicator, target."""
        with self._read("检索") as conn:
            return search.search(
                conn, query, department=department, year=year, kinds=kinds, limit=limit,
                offset=offset, visible=visible,
            )  # fmt: skip

    def documents_page(
        self,
        department: str | None = None,
        year: int | None = None,
        limit: int = 50,
        offset: int = 0,
        visible: Visibility | None = None,
    ) -> Page[DocumentRow]:
        """One page of :meth:`documents` (``department``: substring)."""
        with self._read("查询") as conn:
            return pages.documents_page(conn, department, year, limit, offset, visible)

    def units(self, where: UnitFilter | None = None) -> Page[UnitRow]:
        """One page of units with their money and counts."""
        with self._read("查询") as conn:
            return pages.units_page(conn, where or UnitFilter())

    def projects_page(self, where: ProjectFilter | None = None) -> Page[ProjectRow]:
        """One page of :meth:`projects`, with the total matching ``where``."""
        with self._read("查询") as conn:
            return pages.projects_page(conn, where or ProjectFilter(limit=50))

    def indicators(self, where: IndicatorFilter | None = None) -> Page[IndicatorRow]:
        """One page of indicators matching ``where`` (see :class:`IndicatorFilter`)."""
        with self._read("查询") as conn:
            return pages.indicators_page(conn, where or IndicatorFilter())

    def aggregates(self, document_id: int) -> DocumentAggregates:
        """Money, indicator classes and findings of one document, summed."""
        with self._read("查询") as conn:
            return aggregates.document_aggregates(conn, document_id)

    def department_years(self) -> list[DepartmentYear]:
        """Every stored document with its total and counts, in listing order."""
        with self._read("查询") as conn:
            return aggregates.department_years(conn)

    # -- the audit log (see :mod:`.audit`; read through :mod:`jixiao.services.audit`) --------
    def audit_query(self, where: AuditFilter) -> tuple[list[AuditRecord], int]:
        """One page of audit records matching ``where``, newest first, and how many match."""
        with self._read("查询") as conn:
            return audit.query(conn, where)

    def audit_records(self, where: AuditFilter) -> Iterator[AuditRecord]:
        """Every audit record matching ``where``, oldest first, read in one transaction."""
        with self._read("查询") as conn:
            yield from audit.iterate(conn, where)

    def audit_verify(self) -> list[Broken]:
        """Where the audit log's hash chain does not hold (empty: intact)."""
        with self._read("校验") as conn:
            return audit.verify(conn)

    # -- backup and restore (see :mod:`.backup`; called by :mod:`jixiao.services.backup`) -----
    def backup_to(self, path: Path) -> None:
        """Write a consistent copy of the whole database to ``path`` (a new file) while
        other writers go on."""
        with self._guard("备份"):
            if self.dialect == "sqlite":
                backup.sqlite_backup(self.engine, path)
                return
            with self.engine.connect() as conn:
                schema = backup.current_schema(conn)
            backup.pg_backup(self.engine, self.open_args[1], schema, path)

    def restore_from(self, path: Path) -> None:
        """Fill this database, which must hold no data, from the backup ``path``; then
        bring its schema to the head revision (a backup made by an older Jixiao)."""
        with self._guard("恢复"):
            with self.engine.connect() as conn:
                backup.refuse_unless_empty(conn, self.url)
                schema = backup.current_schema(conn) if self.dialect == "postgresql" else ""
            if self.dialect == "sqlite":
                backup.sqlite_restore(self.engine, path)
            else:
                backup.pg_restore(self.engine, self.open_args[1], schema, path)
            self._initialize()

    def contents(self) -> dict[str, int]:
        """Rows per table that a new, empty store would not have (empty: no data)."""
        with self._read("读取") as conn:
            return backup.contents(conn)

    def rebuild_search(self) -> None:
        """Fill the search index again from the stored rows (after editing them in SQL)."""
        with self._write("写入") as conn:
            search_index.rebuild(conn)


if TYPE_CHECKING:  # mypy proves that the store is the repository the services are handed

    def _is_repository(store: Store) -> Repository:
        return store
