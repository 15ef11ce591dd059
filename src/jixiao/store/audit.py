"""The audit log: append-only, hash-chained, written in the transaction of what it records.

Each record's ``hash`` is the sha256 of the previous record's hash and the record's own
fields (canonical JSON), so changing a record breaks its hash, removing one breaks the next
record's ``prev_hash``, and ``meta.audit_head`` (the last id and hash, written with every
record) shows a removed tail. :func:`verify` names the first record that does not fit.
On PostgreSQL a trigger refuses ``UPDATE``, ``DELETE`` and ``TRUNCATE`` of ``audit_log``
(revision 0006); nothing in Jixiao deletes audit rows (retention: at least 180 days, in
practice for ever).

Appending reads the head under a row lock (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite
writers are serialised anyway), so concurrent writers chain one after the other.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, update

from ..services.actor import Actor
from ..services.audit import AuditFilter, AuditRecord, Broken
from .schema import audit_log, meta

HEAD_KEY = "audit_head"
GENESIS = "0" * 64


def _digest(prev: str, at: str, actor: str, role: str, address: str, event: str, obj: str,
            result: str, detail: str) -> str:  # fmt: skip
    body = json.dumps(
        [prev, at, actor, role, address, event, obj, result, detail],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


_HEAD = select(meta.c.value).where(meta.c.key == HEAD_KEY)
_HEAD_LOCKED = _HEAD.with_for_update()
_TOP = select(func.max(audit_log.c.id))
_RECORD = insert(audit_log)
_MOVE_HEAD = update(meta).where(meta.c.key == HEAD_KEY)
"""The statements of every write's audit record, built once."""


def _head(conn: Connection, *, lock: bool) -> tuple[int, str]:
    value = conn.scalar(_HEAD_LOCKED if lock and conn.dialect.name == "postgresql" else _HEAD)
    if value is None:
        return 0, GENESIS
    last, digest = value.split(":", 1)
    return int(last), digest


def append(
    conn: Connection,
    actor: Actor,
    event: str,
    obj: str,
    result: str = "成功",
    detail: dict[str, Any] | None = None,
) -> int:
    """Append one record (in ``conn``'s transaction); returns its id."""
    if conn.dialect.name == "postgresql":
        # the head row must exist before it can be locked: create it once, idempotently
        conn.exec_driver_sql(
            "INSERT INTO meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO NOTHING",
            (HEAD_KEY, f"0:{GENESIS}"),
        )
    last, prev = _head(conn, lock=True)
    # the next id follows the head (not the table's sequence): a removed last record leaves
    # a gap that stays visible after later appends
    top = conn.scalar(_TOP) or 0
    new_id = max(last, int(top)) + 1
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str)
    digest = _digest(prev, at, actor.name, actor.role, actor.address, event, obj, result, text)
    conn.execute(_RECORD, {
        "id": new_id, "at": at, "actor": actor.name, "role": actor.role,
        "address": actor.address, "event": event, "object": obj, "result": result,
        "detail": text, "prev_hash": prev, "hash": digest,
    })  # fmt: skip
    head = f"{new_id}:{digest}"
    if conn.execute(_MOVE_HEAD, {"value": head}).rowcount == 0:
        conn.execute(insert(meta).values(key=HEAD_KEY, value=head))
    return new_id


def verify(conn: Connection) -> list[Broken]:
    """Every place where the chain does not hold, first first (empty: intact)."""
    out: list[Broken] = []
    prev = GENESIS
    expected_id = None
    c = audit_log.c
    for r in conn.execute(
        select(c.id, c.at, c.actor, c.role, c.address, c.event, c.object, c.result, c.detail,
               c.prev_hash, c.hash).order_by(c.id)
    ):  # fmt: skip
        if expected_id is not None and r.id != expected_id:
            missing = f"{expected_id}" if r.id == expected_id + 1 else f"{expected_id}–{r.id - 1}"
            out.append(Broken(expected_id, f"记录 {missing} 被删除（编号不连续）"))
        if r.prev_hash != prev:
            out.append(Broken(r.id, "前一条记录的哈希不符：前一条被删除或被改动"))
        digest = _digest(r.prev_hash, r.at, r.actor, r.role, r.address, r.event, r.object,
                         r.result, r.detail)  # fmt: skip
        if digest != r.hash:
            out.append(Broken(r.id, "内容与哈希不符：记录被改动"))
        prev = r.hash
        expected_id = r.id + 1
    last, head = _head(conn, lock=False)
    if last and (expected_id is None or last >= expected_id):
        out.append(Broken(last, f"最后 {last - (expected_id or 1) + 1} 条记录被删除（链尾不符）"))
    elif last and head != prev and expected_id == last + 1:
        out.append(Broken(last, "链尾哈希与记录不符"))
    return out


def _conditions(where: AuditFilter) -> list[Any]:
    c = audit_log.c
    out: list[Any] = []
    if where.actor:
        out.append(c.actor.icontains(where.actor, autoescape=True))
    if where.event:
        out.append(c.event == where.event)
    if where.object:
        out.append(c.object.icontains(where.object, autoescape=True))
    if where.since:
        out.append(c.at >= where.since)
    if where.until:
        until = where.until + ("T99" if len(where.until) == 10 else "")
        out.append(c.at <= until)
    return out


def _record(r: Sequence[Any]) -> AuditRecord:
    return AuditRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], json.loads(r[8]),
                       r[9], r[10])  # fmt: skip


def query(conn: Connection, where: AuditFilter) -> tuple[list[AuditRecord], int]:
    """One page of records matching ``where``, newest first, and how many match."""
    c = audit_log.c
    conditions = _conditions(where)
    total = conn.scalar(select(func.count()).select_from(audit_log).where(and_(True, *conditions)))
    rows = conn.execute(
        select(c.id, c.at, c.actor, c.role, c.address, c.event, c.object, c.result, c.detail,
               c.prev_hash, c.hash)
        .where(*conditions).order_by(c.id.desc()).limit(where.limit).offset(where.offset)
    )  # fmt: skip
    return [_record(r) for r in rows], int(total or 0)


def iterate(conn: Connection, where: AuditFilter) -> Iterator[AuditRecord]:
    """Every record matching ``where`` (no paging), oldest first."""
    c = audit_log.c
    for r in conn.execute(
        select(c.id, c.at, c.actor, c.role, c.address, c.event, c.object, c.result, c.detail,
               c.prev_hash, c.hash)
        .where(*_conditions(where)).order_by(c.id)
    ):  # fmt: skip
        yield _record(r)


def events(conn: Connection) -> list[str]:
    """The event names recorded so far (for a filter's choices)."""
    return sorted(conn.scalars(select(audit_log.c.event).distinct()))
