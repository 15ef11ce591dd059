"""Schema migrations (jixiao.store.migrate and the revisions), on SQLite and PostgreSQL."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Connection, inspect, select, text

from jixiao.errors import StoreError
from jixiao.interchange import to_dict
from jixiao.review import review
from jixiao.store import SCHEMA_VERSION, Store, migrate
from jixiao.store.schema import documents, indicators, meta, metadata, projects, units

from .selfeval import selfeval_document
from .test_store import make_document

if TYPE_CHECKING:
    from .conftest import Backend

LEGACY = (meta, documents, units, projects, indicators)
"""The tables of the schema before migrations (``meta.schema_version = 1``)."""


@contextmanager
def write(store: Store) -> Iterator[Connection]:
    """A write transaction on ``store``'s database (the store's own locking)."""
    with store.engine.connect().execution_options(jixiao_write=True) as conn, conn.begin():
        yield conn


def revision(store: Store) -> tuple[str | None, str | None]:
    with store.engine.connect() as conn:
        state = migrate.state(conn)
    return state.revision, state.schema_version


def tables(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return set(inspect(conn).get_table_names())


def snapshot(conn: Connection, names: tuple[str, ...]) -> dict[str, Any]:
    """Columns (name, type, nullable, default), primary and foreign keys, indexes and unique
    constraints of ``names``, comparable across two builds of one database."""
    found = inspect(conn)
    out: dict[str, Any] = {}
    for name in names:
        out[name] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                for c in found.get_columns(name)
            ],
            "pk": found.get_pk_constraint(name)["constrained_columns"],
            "fks": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], f["options"].get("ondelete"))
                for f in found.get_foreign_keys(name)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in found.get_indexes(name)
            ),
            "unique": sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(name)),
        }
    return out


def test_empty_database_is_upgraded_to_head(backend: Backend) -> None:
    store = backend.open()
    assert revision(store) == (migrate.head(), str(SCHEMA_VERSION))
    assert migrate.head() == f"{SCHEMA_VERSION:04d}"
    assert {"findings", "reviews", "search_text", "document_counts", "alembic_version"} <= (
        tables(store)
    )
    assert migrate.revisions() == [
        "0001",
        "0002",
        "0003",
        "0004",
        "0005",
        "0006",
        "0007",
        "0008",
        "0009",
    ]
    # opening again changes nothing
    again = backend.open()
    assert revision(again) == (migrate.head(), str(SCHEMA_VERSION))


def _added_later() -> dict[str, set[str]]:
    """The columns revisions 0005 and 0006 added to the tables of before migrations."""
    out: dict[str, set[str]] = {}
    for name, function in (("0005_selfeval", "columns"), ("0006_identity_accounts", "_columns")):
        module = importlib.import_module(f"jixiao.store.migrations.versions.{name}")
        for table, cols in getattr(module, function)().items():
            out.setdefault(table, set()).update(c.name for c in cols)
    return out


def test_revision_0001_is_the_schema_before_migrations(backend: Backend) -> None:
    store = backend.open()
    names = tuple(t.name for t in LEGACY)
    later = _added_later()
    with write(store) as conn:
        migrate.downgrade(conn, "base")
        conn.execute(text("DROP TABLE alembic_version"))
        metadata.create_all(conn, tables=list(LEGACY))  # today's tables, less what came later
        legacy = snapshot(conn, names)
        for name, found in legacy.items():
            found["columns"] = [c for c in found["columns"] if c[0] not in later.get(name, ())]
            added = later.get(name, set())  # indexes on columns added later came later too
            found["indexes"] = [
                i for i in found["indexes"] if not i[0].endswith("_uid") and not set(i[1]) <= added
            ]
        for table in reversed(LEGACY):
            table.drop(conn)
        migrate.upgrade(conn, store.url, "0001")
        assert snapshot(conn, names) == legacy
        assert conn.scalar(select(meta.c.value)) == "1"


def test_the_revisions_build_the_tables_of_the_schema(backend: Backend) -> None:
    """Every revision from an empty database gives exactly the tables ``schema.py`` describes
    (columns in order, types, keys, indexes), so hand-written revisions cannot drift from it."""
    store = backend.open()
    names = tuple(metadata.tables)
    with store.engine.connect() as conn:
        migrated = snapshot(conn, names)
    with write(store) as conn:
        migrate.downgrade(conn, "base")
        conn.execute(text("DROP TABLE alembic_version"))
        metadata.create_all(conn)
        assert snapshot(conn, names) == migrated
        metadata.drop_all(conn)


def test_a_database_at_0004_with_data_upgrades_to_0005(backend: Backend) -> None:
    store = backend.open()
    doc = make_document()
    saved = store.save(doc, findings=review(doc))
    with write(store) as conn:
        migrate.downgrade(conn, "0004")
    assert revision(store) == ("0004", "4")
    with store.engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("indicators")}
    assert "actual_text" not in columns and "weight" not in columns
    reopened = backend.open()  # upgraded on open
    assert revision(reopened) == (migrate.head(), str(SCHEMA_VERSION))  # upgraded on to the head
    loaded = reopened.load(saved.document_id)
    assert to_dict(loaded) == to_dict(doc)  # the rows already there: a target table
    assert loaded.kind == "target" and reopened.documents()[0].kind == "target"
    assert all(p.execution is None and p.code is None for _, p in loaded.projects())
    assert all(i.actual is None and i.weight is None for _, _, i in loaded.indicators())
    assert reopened.has_review(saved.document_id)  # findings untouched
    # and it stores a self-evaluation with everything
    evaluation = selfeval_document()
    second = reopened.save(evaluation)
    assert to_dict(reopened.load(second.document_id)) == to_dict(evaluation)


def _as_before_migrations(store: Store) -> None:
    """Take ``store``'s database back to what the code before migrations made of it."""
    with write(store) as conn:
        migrate.downgrade(conn, "0001")
        conn.execute(text("DROP TABLE alembic_version"))


def test_database_made_before_migrations_is_stamped_and_upgraded(backend: Backend) -> None:
    store = backend.open()
    doc = make_document()
    saved = store.save(doc, findings=review(doc))
    _as_before_migrations(store)
    assert "alembic_version" not in tables(store) and "findings" not in tables(store)
    assert revision(store) == (None, "1")
    reopened = backend.open()
    assert revision(reopened) == (migrate.head(), str(SCHEMA_VERSION))
    assert to_dict(reopened.load(saved.document_id)) == to_dict(doc)  # data kept
    assert not reopened.has_review(saved.document_id)  # the findings went with 0002's table
    # the search index was filled from the rows already there
    [hit] = reopened.search("基础研究计划", kinds=["project"]).hits
    assert (hit.document_id, hit.project, hit.field) == (saved.document_id, "基础研究计划", "name")
    assert reopened.search("资助").total == 1
    [row] = reopened.documents()  # and the counts from the rows already there
    assert (row.units, row.projects, row.indicators) == (3, 5, 6)


def test_downgrade_and_upgrade_round_trip(backend: Backend) -> None:
    store = backend.open()
    doc = make_document()
    saved = store.save(doc, findings=review(doc))
    before = store.search("创新").total
    assert before > 0
    steps = (("0004", set()), ("0003", {"document_counts"}), ("0002", {"search_text"}),
             ("0001", {"findings", "reviews"}))  # fmt: skip
    for target, gone in steps:
        with write(store) as conn:
            migrate.downgrade(conn, target)
        assert revision(store) == (target, str(int(target)))
        assert not gone & tables(store)
    with write(store) as conn:
        migrate.upgrade(conn, store.url)
    assert revision(store) == (migrate.head(), str(SCHEMA_VERSION))
    assert to_dict(store.load(saved.document_id)) == to_dict(doc)
    assert store.search("创新").total == before
    assert not store.has_review(saved.document_id)
    # and the upgraded database takes new documents with findings again
    other = make_document("乙局", 2024, "b" * 64)
    second = store.save(other, findings=review(other))
    assert store.has_review(second.document_id)


def test_database_of_a_newer_jixiao_is_refused(backend: Backend) -> None:
    store = backend.open()
    with write(store) as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="升级") as err:
        backend.open()
    assert "9999" in str(err.value)


def test_database_without_alembic_and_a_newer_version_is_refused(backend: Backend) -> None:
    store = backend.open()
    _as_before_migrations(store)
    with write(store) as conn:
        conn.execute(meta.update().values(value=str(SCHEMA_VERSION + 1)))
    with pytest.raises(StoreError, match="升级"):
        backend.open()
    with write(store) as conn:
        conn.execute(meta.update().values(value="x"))
    with pytest.raises(StoreError, match="无法识别"):
        backend.open()


def test_concurrent_first_opens_upgrade_once(backend: Backend) -> None:
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []
    opened: list[Store] = []

    def work() -> None:
        barrier.wait()
        try:
            opened.append(backend.open())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(opened) == 4
    assert revision(opened[0]) == (migrate.head(), str(SCHEMA_VERSION))


def test_migrations_ship_inside_the_package() -> None:
    import jixiao

    assert migrate.MIGRATIONS.is_relative_to(Path(jixiao.__file__).resolve().parent)
    assert (migrate.MIGRATIONS / "env.py").is_file()
    assert migrate.config().get_main_option("script_location") == str(migrate.MIGRATIONS)


def test_versions_kept_per_project_are_not_dropped_by_a_downgrade(backend: Backend) -> None:
    from jixiao.services.actor import cli_actor
    from jixiao.services.documents import ProjectEdit, edit_project

    store = backend.open()
    saved = store.save(make_document())
    [(_, project)] = list(store.load(saved.document_id).projects())[:1]
    edit_project(store, cli_actor(), project.id, ProjectEdit({"goal": "新的目标"}, {}, "改目标"),
                 read_version=1)  # fmt: skip
    refusal = pytest.raises(StoreError, match="1 个按项目保存的历史版本")
    with refusal as refused, write(store) as conn:
        migrate.downgrade(conn, "0008")
    assert refused.value.expected is not None and "备份" in refused.value.expected
    assert revision(store) == (migrate.head(), str(SCHEMA_VERSION))  # nothing taken back
    assert to_dict(store.load_version(saved.document_id, 1)) == to_dict(make_document())
