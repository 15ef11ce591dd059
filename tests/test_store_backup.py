"""Backup and restore (jixiao.store.backup, jixiao.services.backup, `jixiao backup` and
`jixiao restore`): a round trip into a fresh database keeps every table, the audit log and
the ids; a backup taken while another writer works is consistent; a database holding data is
never restored into; on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

from jixiao.errors import InputError
from jixiao.services import backup as service
from jixiao.services.actor import Actor, cli_actor
from jixiao.services.audit import AuditFilter
from jixiao.services.documents import ProjectEdit, delete, edit_project, save
from jixiao.store import Store
from jixiao.store.audit import HEAD_KEY
from jixiao.store.stamps import is_stamp

from .conftest import Backend, _psycopg_url
from .helpers import SEED, seed_text
from .test_cli import run
from .test_store import make_document

ALICE = Actor("张三", frozenset({"单位填报"}), user_id=1, address="10.0.0.7")


def _fill(store: Store) -> str:
    """Documents with versions, a deleted one, findings and audit records; a project id."""
    from jixiao.ingest.text_layout import parse_text
    from jixiao.model import assign_ids

    save(store, assign_ids(parse_text(seed_text(), "seed.txt"), "seed"), cli_actor())
    other = save(store, make_document(), cli_actor())
    [project_id] = store.find_projects("基础研究计划", unit="本级")
    edit_project(store, ALICE, project_id, ProjectEdit({"goal": "新目标。"}, {}, "调整"),
                 read_version=1)  # fmt: skip
    gone = save(store, make_document("乙局", 2023, "b" * 64), cli_actor())
    delete(store, ALICE, gone.document_id)
    assert other.document_id != gone.document_id
    return project_id


def _tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (meta without the audit head and the stamps writes move)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for name in sorted(inspect(conn).get_table_names()):
            rows = [tuple(r) for r in conn.execute(text(f'SELECT * FROM "{name}"'))]
            if name == "meta":
                rows = [r for r in rows if r[0] != HEAD_KEY and not is_stamp(r[0])]
            out[name] = sorted(rows, key=repr)
    return out


@pytest.fixture
def fresh(backend: Backend, tmp_path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """A second, empty database of the backend's kind: (url, connect_args). PostgreSQL: a
    new database with a schema of the same name as the backend's (a backup restores into
    the schema it was taken from)."""
    if backend.name == "sqlite":
        yield str(tmp_path / "restored" / "jixiao.db"), {}
        return
    options = backend.connect_args["options"]
    schema = options.split("=", 1)[1]
    name = f"jixiao_restore_{uuid.uuid4().hex[:10]}"
    admin = create_engine(_psycopg_url(backend.url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = backend.url.rsplit("/", 1)[0] + "/" + name
    target = create_engine(_psycopg_url(url))
    with target.begin() as conn:  # as in the test database: pg_trgm in public, once
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    target.dispose()
    try:
        yield url, {"options": options}
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def test_round_trip_keeps_every_table_and_the_ids(
    backend: Backend, fresh: tuple[str, dict[str, Any]], tmp_path: Path
) -> None:
    source = backend.open()
    project_id = _fill(source)
    path = tmp_path / "备份" / "jixiao.backup"
    service.backup(source, cli_actor(), path)
    assert path.is_file() and not path.with_name(path.name + ".part").exists()
    before = _tables(source)
    url, args = fresh
    target = Store(url, connect_args=args)
    try:
        rows = service.restore(target, ALICE, path)
        after = _tables(target)
        # the restore is recorded in the restored log, chained onto the backup's last record
        restored_log = after.pop("audit_log")
        original_log = before.pop("audit_log")
        assert restored_log[:-1] == original_log
        assert restored_log[-1][0] == original_log[-1][0] + 1
        assert restored_log[-1][5] == "从备份恢复" and restored_log[-1][2] == "张三"
        assert after == before  # every other table, row for row, ids included
        assert target.audit_verify() == []
        events = [r.event for r in target.audit_records(AuditFilter())]
        assert events[-2:] == ["备份", "从备份恢复"]  # the backup holds its own record
        assert rows["documents"] == 3 and rows["audit_log"] == len(restored_log)
        # ids survive: the same links work, versions are readable, deleted stays deleted
        view = target.project(project_id)
        assert view.project.goal == "新目标。"
        assert target.load_version(view.document_id, 1).units[0].projects[0].goal != "新目标。"
        assert len(target.documents()) == 2
        assert target.search("基础研究").total == source.search("基础研究").total
        # and the restored database goes on: a new document gets a new number
        saved = save(target, make_document("丙局", 2022, "c" * 64), cli_actor())
        assert saved.document_id == max(d.id for d in source.documents()) + 2  # one deleted
        assert target.audit_verify() == []
    finally:
        target.close()


def test_restore_refuses_a_database_holding_data(backend: Backend, tmp_path: Path) -> None:
    store = backend.open()
    store.save(make_document())
    path = tmp_path / "jixiao.backup"
    service.backup(store, cli_actor(), path)
    before = _tables(store)
    with pytest.raises(InputError, match=r"不是空的（.*documents 1 行") as caught:
        service.restore(store, cli_actor(), path)
    assert "恢复只写入空数据库" in str(caught.value)
    assert _tables(store) == before  # untouched, nothing recorded
    with pytest.raises(InputError, match="已存在"):
        service.backup(store, cli_actor(), path)  # an existing backup is never overwritten


def test_what_is_not_a_backup_is_refused(backend: Backend, tmp_path: Path) -> None:
    target = backend.open()
    bogus = tmp_path / "bogus.backup"
    bogus.write_bytes(b"not a backup at all")
    with pytest.raises(InputError, match="备份文件"):
        service.restore(target, cli_actor(), bogus)
    assert target.contents() == {}


def test_sqlite_backup_is_consistent_while_another_writer_works(tmp_path: Path) -> None:
    url = str(tmp_path / "live.db")
    writer_store, backup_store = Store(url), Store(url)
    save(writer_store, make_document(), cli_actor())
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def write() -> None:
        n = 0
        try:
            while not stop.is_set():
                n += 1
                doc = make_document(f"局{n}", 2000 + n % 50, f"{n:064d}")
                written.append(save(writer_store, doc, ALICE).document_id)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def wait_for_writes(count: int) -> None:
        # Each backup waits for the writer's next document, so every snapshot is taken while
        # writes go on, however busy the machine; the guard only stops a hung writer.
        deadline = time.monotonic() + 120
        while len(written) < count and not errors and time.monotonic() < deadline:
            time.sleep(0.005)

    thread = threading.Thread(target=write)
    thread.start()
    paths = []
    try:
        for k in range(5):
            wait_for_writes(k + 1)
            paths.append(tmp_path / f"b{k}.db")
            service.backup(backup_store, cli_actor(), paths[-1])
        wait_for_writes(len(written) + 1)  # the writer goes on after the backups too
    finally:
        stop.set()
        thread.join()
    assert errors == [] and len(written) >= 6  # the writer went on meanwhile
    seen = []
    for path in paths:
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # every document whole: its counted rows are there, its version rows too
        for doc_id, units, projects, indicators in conn.execute(
            "SELECT document_id, units, projects, indicators FROM document_counts"
        ):
            assert conn.execute("SELECT count(*) FROM units WHERE document_id=?",
                                (doc_id,)).fetchone()[0] == units  # fmt: skip
            assert conn.execute("SELECT count(*) FROM projects WHERE document_id=?",
                                (doc_id,)).fetchone()[0] == projects  # fmt: skip
            assert conn.execute("SELECT count(*) FROM indicators WHERE document_id=?",
                                (doc_id,)).fetchone()[0] == indicators  # fmt: skip
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        imports = conn.execute("SELECT count(*) FROM audit_log WHERE event='导入'").fetchone()[0]
        assert documents == imports  # each document with its audit record, never one alone
        conn.close()
        seen.append(documents)
        restored = Store(str(tmp_path / f"r-{path.name}"))
        service.restore(restored, cli_actor(), path)
        assert restored.audit_verify() == []  # the chain whole in every snapshot
        restored.close()
    assert seen == sorted(seen)
    writer_store.close()
    backup_store.close()


def test_backup_and_restore_commands(
    backend: Backend, fresh: tuple[str, dict[str, Any]], tmp_path: Path
) -> None:
    db = backend.cli_url
    run("ingest", "--db", db, str(SEED))
    path = tmp_path / "jixiao.backup"
    _, out, _ = run("backup", "--db", db, str(path))
    assert "已备份到" in out and path.is_file()
    url, args = fresh
    target = url if not args else Backend("postgresql", url, args).cli_url
    _, out, _ = run("restore", "--db", target, str(path))
    assert "恢复：文档 1，项目 39，指标 212，审计记录 3" in out
    _, out, _ = run("audit", "verify", "--db", target)
    assert "审计日志完好" in out
    code, _, err = run("restore", "--db", target, str(path), ok=False)
    assert code == 2 and "不是空的" in err and "Traceback" not in err
    code, _, err = run("backup", "--db", db, str(path), ok=False)
    assert code == 2 and "已存在" in err
