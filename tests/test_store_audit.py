"""The audit log (jixiao.store.audit, read through jixiao.services.audit): records appended in
the transaction of what they record, hash-chained; filters; a changed or removed record is
named by verify; on PostgreSQL the application's role cannot change or delete a record."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text

from jixiao.services import audit as service
from jixiao.services.actor import Actor
from jixiao.services.audit import AuditFilter
from jixiao.store import Store
from jixiao.store.audit import GENESIS, HEAD_KEY, events

from .conftest import _pg_schema

if TYPE_CHECKING:
    from .conftest import Backend

ALICE = Actor("张三", frozenset({"单位填报"}), user_id=1, address="10.0.0.7")
AUDITOR = Actor("王审计", frozenset({"审计管理员"}), user_id=3, address="10.0.0.9")


def _append(store: Store, n: int, actor: Actor = ALICE, event: str = "修改项目") -> list[int]:
    ids = []
    with store.transaction() as tx:
        for k in range(n):
            ids.append(tx.audit(actor, event, f"项目 {k}", detail={"k": k, "注": "改"}))
    return ids


def _tamper(backend: Backend, store: Store, *statements: str) -> None:
    """Change the table behind Jixiao's back: on PostgreSQL as the superuser, with the
    append-only trigger disabled for the moment (the test's connection owns the table)."""
    with store.engine.begin() as conn:
        pg = backend.name == "postgresql"
        if pg:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        for sql in statements:
            conn.execute(text(sql))
        if pg:
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))


def test_records_are_chained_in_order(store: Store) -> None:
    assert store.audit_verify() == []  # empty: intact
    ids = _append(store, 3) + _append(store, 2, AUDITOR, "登录")
    assert ids == [1, 2, 3, 4, 5]
    records = list(store.audit_records(AuditFilter()))
    assert [r.id for r in records] == ids
    assert records[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(records))
    first = records[0]
    assert (first.actor, first.role, first.address, first.event, first.object, first.result) == (
        "张三", "单位填报", "10.0.0.7", "修改项目", "项目 0", "成功"
    )  # fmt: skip
    assert first.detail == {"k": 0, "注": "改"}
    with store.engine.connect() as conn:
        head = conn.scalar(text("SELECT value FROM meta WHERE key = :k"), {"k": HEAD_KEY})
        assert head == f"5:{records[-1].hash}"
        assert events(conn) == ["修改项目", "登录"]
    assert store.audit_verify() == []


def test_a_record_is_written_with_its_change_or_not_at_all(store: Store) -> None:
    _append(store, 1)
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.audit(ALICE, "修改项目", "项目 x")
        raise RuntimeError("the change failed")
    assert [r.id for r in store.audit_records(AuditFilter())] == [1]
    assert _append(store, 1) == [2] and store.audit_verify() == []


def test_filters(store: Store) -> None:
    _append(store, 3)
    _append(store, 2, AUDITOR, "登录")
    everything = list(store.audit_records(AuditFilter()))
    page, total = store.audit_query(AuditFilter(limit=2))
    assert total == 5 and [r.id for r in page] == [5, 4]  # newest first
    page, _ = store.audit_query(AuditFilter(limit=2, offset=2))
    assert [r.id for r in page] == [3, 2]
    assert [r.id for r in store.audit_query(AuditFilter(actor="审计"))[0]] == [5, 4]
    assert store.audit_query(AuditFilter(event="登录"))[1] == 2
    assert store.audit_query(AuditFilter(event="登"))[1] == 0  # events match exactly
    assert [r.id for r in store.audit_query(AuditFilter(object="项目 1"))[0]] == [5, 2]
    assert store.audit_query(AuditFilter(object="%"))[1] == 0  # no wildcards
    third = everything[2].at
    assert [r.id for r in store.audit_query(AuditFilter(since=third))[0]] == [5, 4, 3]
    assert [r.id for r in store.audit_query(AuditFilter(until=third))[0]] == [3, 2, 1]
    today = third[:10]
    assert store.audit_query(AuditFilter(until=today))[1] == 5  # a date: the whole day
    assert store.audit_query(AuditFilter(since="2000-01-01", until="2000-12-31"))[1] == 0
    combined = AuditFilter(actor="张", event="修改项目", object="项目 2", since=today)
    assert [r.id for r in store.audit_query(combined)[0]] == [3]


def test_reading_the_log_is_audited_first(store: Store) -> None:
    _append(store, 2)
    records, total = service.query(store, AUDITOR, AuditFilter(event="修改项目", limit=10))
    assert total == 2 and [r.id for r in records] == [2, 1]
    [record] = store.audit_query(AuditFilter(event="查询审计日志"))[0]
    assert (record.actor, record.address, record.object) == ("王审计", "10.0.0.9", "审计日志")
    assert record.detail == {"event": "修改项目", "limit": 10, "offset": 0}
    exported = list(service.export(store, AUDITOR, AuditFilter(actor="张三"), "xlsx"))
    assert [r.id for r in exported] == [1, 2]  # oldest first, no paging
    [record] = store.audit_query(AuditFilter(event="导出审计日志"))[0]
    assert record.detail["format"] == "xlsx" and record.detail["actor"] == "张三"
    assert service.verify(store, AUDITOR) == []
    [record] = store.audit_query(AuditFilter(event="校验审计日志"))[0]
    assert record.result == "成功" and store.audit_verify() == []


def test_a_changed_record_is_named(backend: Backend) -> None:
    store = backend.open()
    _append(store, 5)
    _tamper(backend, store, "UPDATE audit_log SET detail = '{\"k\": 99}' WHERE id = 3")
    assert [(b.id, b.problem) for b in store.audit_verify()] == [(3, "内容与哈希不符：记录被改动")]


def test_a_rehashed_change_is_named_by_the_next_record(backend: Backend) -> None:
    """Whoever recomputes the changed record's own hash still breaks the next one's link."""
    store = backend.open()
    _append(store, 4)
    # another first digit, whatever it was (a hash starting with f would stay as it was)
    _tamper(backend, store, "UPDATE audit_log SET hash = CASE WHEN hash LIKE 'f%' THEN 'e' "
            "ELSE 'f' END || substr(hash, 2) WHERE id = 2")  # fmt: skip
    problems = {(b.id, b.problem) for b in store.audit_verify()}
    assert (3, "前一条记录的哈希不符：前一条被删除或被改动") in problems


def test_a_removed_record_is_named(backend: Backend) -> None:
    store = backend.open()
    _append(store, 5)
    _tamper(backend, store, "DELETE FROM audit_log WHERE id = 2")
    broken = store.audit_verify()
    assert (2, "记录 2 被删除（编号不连续）") in [(b.id, b.problem) for b in broken]
    assert {b.id for b in broken} == {2, 3}  # and record 3 no longer links to its predecessor


def test_a_removed_last_record_is_named_even_after_later_appends(backend: Backend) -> None:
    store = backend.open()
    _append(store, 4)
    _tamper(backend, store, "DELETE FROM audit_log WHERE id = 4")
    assert [(b.id, b.problem) for b in store.audit_verify()] == [
        (4, "最后 1 条记录被删除（链尾不符）")
    ]
    _append(store, 1)  # the chain goes on from its head: the gap stays visible
    assert [r.id for r in store.audit_records(AuditFilter())] == [1, 2, 3, 5]
    assert (4, "记录 4 被删除（编号不连续）") in [(b.id, b.problem) for b in store.audit_verify()]


@pytest.fixture
def pg_backend(pg_server: str) -> Iterator[Backend]:
    """PostgreSQL only (the append-only trigger is PostgreSQL's), in a fresh schema."""
    yield from _pg_schema(pg_server)


@pytest.mark.postgres
def test_postgresql_refuses_to_change_or_delete_a_record(pg_backend: Backend) -> None:
    store = pg_backend.open()
    _append(store, 2)
    for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log WHERE id = 1",
                "TRUNCATE audit_log"):  # fmt: skip
        with pytest.raises(Exception, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(sql))  # even the table's owner, while the trigger stands
    # the application's role (granted every privilege on the table, but not its owner)
    # can neither change a record nor switch the trigger off
    role = f"jixiao_app_{uuid.uuid4().hex[:8]}"
    with store.engine.begin() as conn:
        schema = conn.scalar(text("SELECT current_schema()"))
        conn.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
        conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
        conn.execute(text(f'GRANT ALL PRIVILEGES ON audit_log TO "{role}"'))
    try:
        for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log",
                    "TRUNCATE audit_log",
                    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"):  # fmt: skip
            with (
                pytest.raises(Exception, match=r"append-only|must be owner"),
                store.engine.begin() as conn,
            ):
                conn.execute(text(f'SET LOCAL ROLE "{role}"'))
                conn.execute(text(sql))
        with store.engine.begin() as conn:  # reading and appending stay allowed
            conn.execute(text(f'SET LOCAL ROLE "{role}"'))
            assert conn.scalar(text("SELECT count(*) FROM audit_log")) == 2
    finally:
        with store.engine.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
    assert store.audit_verify() == []
