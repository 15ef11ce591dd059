"""The :class:`Store`: open a database by URL, save documents, read them back, query them.

One code path for SQLite (the embedded default) and PostgreSQL (psycopg 3), on SQLAlchemy 2
Core. Writers take the write lock first (SQLite ``BEGIN IMMEDIATE``; PostgreSQL ``LOCK TABLE
documents IN SHARE ROW EXCLUSIVE MODE``), so concurrent savers queue instead of racing on
the duplicate check; readers never wait for a writer (SQLite WAL, PostgreSQL MVCC).

A document is saved in one transaction with one multi-row ``INSERT`` per table. Row ids of
documents, units and projects are allocated before inserting (SQLite: ``max(id)`` under the
write lock; PostgreSQL: one ``nextval`` call per row of ``generate_series``, in one round
trip), so children are linked without reading ids back row by row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from sqlalchemy import (
    URL,
    Connection,
    Engine,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
    StatementError,
)

from ..errors import DuplicateError, JixiaoError, NotFoundError, StoreError
from ..model import Document, Note, Project, Source, Unit
from . import queries
from .queries import DocumentRow, ProjectFilter, ProjectRow, ProjectView
from .rows import (
    INDICATOR_COLUMNS,
    INSERT_COLUMNS,
    Row,
    document_sha256,
    flatten,
    funds_columns,
    funds_from,
    indicator_from,
)
from .schema import (
    SCHEMA_VERSION,
    binder,
    documents,
    indicators,
    meta,
    metadata,
    projects,
    units,
)

SaveStatus = Literal["stored", "skipped", "replaced"]

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA busy_timeout=5000",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
)
_CONNECT_TIMEOUT_S = 10
_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What :meth:`Store.save` did: ``stored``, ``skipped`` (same content already stored) or
    ``replaced`` (an older version of the department and year was deleted first)."""

    status: SaveStatus
    document_id: int
    reason: str = ""


# -- URLs ---------------------------------------------------------------------------------
def _mask(url: str) -> str:
    """``url`` with its password replaced by ``***`` (also when it does not parse)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def resolve_url(url: str) -> URL:
    """A SQLAlchemy URL for ``url``: a URL as given, or a file path as an SQLite URL.

    ``postgresql://`` and ``postgres://`` use psycopg 3 (``postgresql+psycopg://``). SQLite
    files get their parent folders created.
    """
    if url == ":memory:":
        return URL.create("sqlite")
    if "://" not in url:
        path = Path(url).expanduser().resolve()
        _make_parent(path, url)
        return URL.create("sqlite", database=str(path))
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(
            f"数据库地址无效：{_mask(url)}",
            expected="SQLite 文件路径，或 SQLAlchemy URL，如 postgresql://user@host/db",
        ) from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(
            f"不支持的数据库：{_mask(url)}", expected="SQLite 文件路径或 postgresql:// URL"
        )
    database = parsed.database
    if (
        backend == "sqlite"
        and database
        and database != ":memory:"
        and not database.startswith("file:")
    ):
        _make_parent(Path(database).expanduser().resolve(), url)
    return parsed


def _make_parent(path: Path, url: str) -> None:
    """Create the folders of an SQLite file; refuse an existing file that is not SQLite."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"无法创建数据库所在的文件夹 {path.parent}：{exc.strerror or exc}", source=url
        ) from exc
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except OSError:
        return  # absent (created on open) or unreadable (SQLite says why)
    # SQLite would silently take over a non-empty file shorter than its header.
    if head and head != _SQLITE_HEADER:
        raise StoreError(f"{path} 不是 SQLite 数据库文件", source=url)


def _detail(exc: BaseException) -> str:
    """The first line of a driver error, without SQLAlchemy's decoration."""
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0].strip() if lines else type(orig).__name__


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (pysqlite's own transaction handling is bypassed).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("jixiao_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# -- the store ------------------------------------------------------------------------------
class Store:
    """Documents in a database: ``Store("jixiao.db")`` or ``Store("postgresql://…")``.

    ``url`` is an SQLite file path (parent folders are created) or a SQLAlchemy URL;
    ``connect_args`` go to the driver (e.g. ``{"options": "-csearch_path=x"}`` for psycopg).
    Opening creates the tables if needed. Every failure is a :class:`StoreError` (or its
    :class:`DuplicateError`) or :class:`NotFoundError` with a plain message.

    Attributes: ``url`` (as given, password masked), ``dialect`` (``"sqlite"`` or
    ``"postgresql"``) and ``engine`` (the SQLAlchemy engine, for ad-hoc SQL).
    """

    def __init__(self, url: str, *, connect_args: Mapping[str, Any] | None = None) -> None:
        self.url = _mask(url)
        # What another process needs to open the same database: Store(url, connect_args=…).
        self.open_args: tuple[str, dict[str, Any]] = (url, dict(connect_args or {}))
        resolved = resolve_url(url)
        args: dict[str, Any] = {}
        if resolved.get_backend_name() == "postgresql" and "connect_timeout" not in resolved.query:
            args["connect_timeout"] = _CONNECT_TIMEOUT_S
        args.update(connect_args or {})
        try:
            self.engine: Engine = create_engine(resolved, connect_args=args)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise StoreError(f"无法使用数据库 {self.url}：{_detail(exc)}") from exc
        self.dialect = self.engine.dialect.name
        self._number = binder(self.dialect)
        self._insert_sql = {t: self._insert_statement(t) for t in INSERT_COLUMNS}
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_on_connect)
            event.listen(self.engine, "begin", _sqlite_on_begin)
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
                raise StoreError(f"无法{action}数据库 {self.url}：{_detail(exc)}") from None
            raise StoreError(f"数据库 {self.url} {action}失败：{_detail(exc)}") from None
        except SQLAlchemyError as exc:
            raise StoreError(f"数据库 {self.url} {action}失败：{_detail(exc)}") from None
        except self.engine.dialect.loaded_dbapi.Error as exc:  # raised outside SQLAlchemy's wrap
            raise StoreError(f"数据库 {self.url} {action}失败：{_detail(exc)}") from None

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        with self._guard(action), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self, action: str) -> Iterator[Connection]:
        """A write transaction holding the write lock; committed when the block ends."""
        with (
            self._guard(action),
            self.engine.connect().execution_options(jixiao_write=True) as conn,
            conn.begin(),
        ):
            if self.dialect == "postgresql":
                conn.execute(text("LOCK TABLE documents IN SHARE ROW EXCLUSIVE MODE"))
            yield conn

    def _insert_statement(self, table: str) -> str:
        """The bulk insert of ``table``: ``COPY … FROM STDIN`` on PostgreSQL, else
        ``INSERT INTO table (…) VALUES (?, …)`` in the driver's parameter style."""
        columns = INSERT_COLUMNS[table]
        known = set(metadata.tables[table].c.keys())
        assert set(columns) <= known and known - set(columns) <= {"id"}, table
        quote = self.engine.dialect.identifier_preparer.quote
        names = ", ".join(quote(c) for c in columns)
        if self.dialect == "postgresql":
            return f"COPY {quote(table)} ({names}) FROM STDIN"
        mark = "?" if self.engine.dialect.paramstyle == "qmark" else "%s"
        return f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(mark for _ in columns)})"

    def _initialize(self) -> None:
        with self.engine.connect().execution_options(jixiao_write=True) as conn, conn.begin():
            if self.dialect == "postgresql":
                # Serialize concurrent first opens of one schema (DDL is transactional here).
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(current_schema()))"))
            metadata.create_all(conn)
            stored = conn.scalar(select(meta.c.value).where(meta.c.key == "schema_version"))
            if stored is None:
                conn.execute(insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION)))
                return
        version = int(stored) if stored.isdigit() else -1
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"数据库 {self.url} 的结构版本为 {stored}，比本程序支持的 {SCHEMA_VERSION} 新",
                expected="升级 jixiao 后再打开它",
            )
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"数据库 {self.url} 的结构版本 {stored} 无法识别（本程序为 {SCHEMA_VERSION}）"
            )

    # -- writing -----------------------------------------------------------------------------
    def save(self, doc: Document, *, replace: bool = False) -> SaveResult:
        """Store ``doc`` in one transaction.

        Skipped when its sha256 (source bytes, else canonical JSON) is already stored. A
        different version of the same department and year raises :class:`DuplicateError`
        unless ``replace``, which deletes the old one in the same transaction.
        """
        sha256 = document_sha256(doc)
        d = documents.c
        with self._write("写入") as conn:
            found = conn.execute(
                select(d.id, d.source_sha256, d.source_name)
                .where(
                    or_(
                        d.source_sha256 == sha256,
                        and_(d.department == doc.department, d.year.is_not_distinct_from(doc.year)),
                    )
                )
                .order_by(d.id)
            ).all()
            same = [r.id for r in found if r.source_sha256 == sha256]
            if same:
                return SaveResult("skipped", same[0], f"内容相同的文档已入库（编号 {same[0]}）")
            older = [r.id for r in found]
            if older and not replace:
                source = found[0].source_name
                raise DuplicateError(
                    f"{doc.department} {doc.year or '（无年度）'} 已有另一版本入库"
                    f"（编号 {'、'.join(map(str, older))}{'，来源 ' + source if source else ''}）；"
                    "要以新版本替换它，请加 --replace"
                )
            document_id = self._insert(conn, doc, sha256)
            if older:
                conn.execute(delete(documents).where(d.id.in_(older)))
        if older:
            return SaveResult(
                "replaced", document_id, f"替换了旧版本（编号 {'、'.join(map(str, older))}）"
            )
        return SaveResult("stored", document_id)

    def _allocate(self, conn: Connection, counts: Mapping[str, int]) -> dict[str, list[int]]:
        """Fresh ids for ``counts[table]`` rows of each table, in one round trip."""
        tables = [t for t, n in counts.items() if n]
        if not tables:
            return {t: [] for t in counts}
        if self.dialect == "postgresql":
            parts = [
                f"SELECT '{t}' AS t, nextval(pg_get_serial_sequence('{t}', 'id')) AS id "
                f"FROM generate_series(1, {int(counts[t])})"
                for t in tables
            ]
            fetched: dict[str, list[int]] = {t: [] for t in counts}
            for name, value in conn.execute(text(" UNION ALL ".join(parts))):
                fetched[name].append(int(value))
            return {t: sorted(v) for t, v in fetched.items()}
        # SQLite: the write lock is held (BEGIN IMMEDIATE), so max(id) is ours until commit.
        maxima = conn.execute(
            select(*(select(func.max(metadata.tables[t].c.id)).scalar_subquery() for t in tables))
        ).one()
        out: dict[str, list[int]] = {t: [] for t in counts}
        for t, top in zip(tables, maxima, strict=True):
            start = (top or 0) + 1
            out[t] = list(range(start, start + counts[t]))
        return out

    def _insert(self, conn: Connection, doc: Document, sha256: str) -> int:
        projects_count = sum(len(u.projects) for u in doc.units)
        ids = self._allocate(
            conn, {"documents": 1, "units": len(doc.units), "projects": projects_count}
        )
        [document_id] = ids["documents"]
        rows = flatten(doc, sha256, self._number, document_id, ids["units"], ids["projects"])
        for table in ("documents", "units", "projects"):
            self._insert_rows(conn, table, rows[table])
        self._insert_indicators(conn, rows["indicators"])
        return document_id

    def _insert_indicators(self, conn: Connection, rows: list[Row]) -> None:
        self._insert_rows(conn, "indicators", rows)

    def _insert_rows(self, conn: Connection, table: str, rows: list[Row]) -> None:
        """All ``rows`` of ``table`` in one go, past SQLAlchemy's per-row processing (the
        values are already what the driver takes, see :func:`.schema.binder`): psycopg's
        ``COPY`` on PostgreSQL, one ``executemany`` on SQLite."""
        if not rows:
            return
        if self.dialect == "postgresql":
            with (
                conn.connection.driver_connection.cursor() as cursor,  # type: ignore[union-attr]
                cursor.copy(self._insert_sql[table]) as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return
        conn.exec_driver_sql(self._insert_sql[table], rows)

    # -- reading -----------------------------------------------------------------------------
    def load(self, document_id: int) -> Document:
        """The stored document, as it was saved."""
        with self._read("读取") as conn:
            return self._load(conn, document_id)

    def _load(self, conn: Connection, document_id: int) -> Document:
        d, u, p, i = documents.c, units.c, projects.c, indicators.c
        row = conn.execute(
            select(d.department, d.year, d.title, d.money_unit, d.notes,
                   d.source_name, d.source_sha256, d.source_layout, *funds_columns(documents))
            .where(d.id == document_id)
        ).first()  # fmt: skip
        if row is None:
            raise NotFoundError(f"没有编号为 {document_id} 的文档", expected="jixiao list 中的编号")
        name, sha, layout = row[5], row[6], row[7]
        doc = Document(
            department=row[0],
            year=row[1],
            title=row[2],
            money_unit=row[3],
            notes=[Note(**n) for n in json.loads(row[4])],
            source=None if name is None and layout is None else Source(name, sha, layout),
            funds=funds_from(row, 8),
        )
        by_unit: dict[int, Unit] = {}
        for r in conn.execute(
            select(u.id, u.name, *funds_columns(units))
            .where(u.document_id == document_id)
            .order_by(u.position)
        ):
            by_unit[r[0]] = unit = Unit(name=r[1], funds=funds_from(r, 2))
            doc.units.append(unit)
        by_project: dict[int, Project] = {}
        for r in conn.execute(
            select(p.id, p.unit_id, p.name, p.goal, *funds_columns(projects))
            .where(p.document_id == document_id)
            .order_by(p.unit_id, p.position)
        ):
            by_project[r[0]] = project = Project(name=r[2], funds=funds_from(r, 4), goal=r[3])
            by_unit[r[1]].projects.append(project)
        for r in conn.execute(
            select(i.project_id, *INDICATOR_COLUMNS)
            .where(i.document_id == document_id)
            .order_by(i.project_id, i.position)
        ):
            by_project[r[0]].indicators.append(indicator_from(r, 1))
        return doc

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

    # -- queries -----------------------------------------------------------------------------
    def documents(self) -> list[DocumentRow]:
        """The stored documents with their totals and counts."""
        with self._read("查询") as conn:
            return queries.list_documents(conn)

    def projects(self, where: ProjectFilter | None = None) -> list[ProjectRow]:
        """Projects matching ``where`` (see :class:`ProjectFilter`), in table order."""
        with self._read("查询") as conn:
            return queries.list_projects(conn, where or ProjectFilter())

    def project(self, project_id: int) -> ProjectView:
        """One project with its indicators; :class:`NotFoundError` if there is none."""
        with self._read("查询") as conn:
            return queries.project_view(conn, project_id)

    def find_projects(
        self,
        name: str,
        department: str | None = None,
        year: int | None = None,
        unit: str | None = None,
    ) -> list[int]:
        """Ids of the projects named exactly ``name`` (``department``, ``unit``: substrings)."""
        with self._read("查询") as conn:
            return queries.find_projects(conn, name, department, year, unit)
