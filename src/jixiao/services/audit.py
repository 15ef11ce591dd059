"""Reading the audit log: queries, exports and the chain check, each one audited itself.

The records are written by every other service, in the transaction of the change they
record (:meth:`~jixiao.services.repository.Transaction.audit`); how they are chained and
stored is the store's business (:mod:`jixiao.store.audit`). Reading the log is an event of
its own (安全审计: queries of the audit log are recorded), written *before* the records are
read, so no query goes unrecorded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from .actor import Actor

if TYPE_CHECKING:
    from .accounts import AccountRepo
    from .repository import Repository

RETENTION_DAYS = 180
"""Audit records are kept at least this long (网络安全法 §21: six months). Jixiao itself
never deletes one: the log is append-only (on PostgreSQL a trigger refuses it)."""


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One audit record: when, who (user, roles, source address), what (event, object),
    the result, details (before / after of a change), and its place in the hash chain."""

    id: int
    at: str
    actor: str
    role: str
    address: str
    event: str
    object: str
    result: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which records: ``actor`` and ``object`` match substrings, ``event`` exactly; ``since``
    and ``until`` are ISO dates or times, inclusive (a date: the whole day)."""

    actor: str | None = None
    event: str | None = None
    object: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 100
    offset: int = 0

    def described(self) -> dict[str, Any]:
        """The filter as an audit record's detail (what was asked for)."""
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True, slots=True)
class Broken:
    """Where the chain breaks: the record's id and what is wrong with it."""

    id: int
    problem: str


def query(repo: Repository, actor: Actor, where: AuditFilter) -> tuple[list[AuditRecord], int]:
    """One page of records matching ``where`` (newest first) and how many match; the query
    is recorded first."""
    with repo.transaction("查询审计日志") as tx:
        tx.audit(actor, "查询审计日志", "审计日志", detail=where.described())
    return repo.audit_query(where)


def export(repo: Repository, actor: Actor, where: AuditFilter, fmt: str) -> Iterator[AuditRecord]:
    """Every record matching ``where`` (no paging), oldest first, for an export in ``fmt``;
    the export is recorded first."""
    with repo.transaction("导出审计日志") as tx:
        tx.audit(actor, "导出审计日志", "审计日志", detail={**where.described(), "format": fmt})
    return repo.audit_records(where)


def events(repo: AccountRepo) -> list[str]:
    """The names of the events the log holds (a filter's choices)."""
    with repo.accounts() as rows:
        return list(rows.audit_events())


def verify(repo: Repository, actor: Actor) -> list[Broken]:
    """Check the chain: every changed or removed record (empty: intact). The check and its
    outcome are recorded after it (a record appended to a broken chain leaves the break
    visible: it chains onto the last hash the store wrote, not onto the damage)."""
    broken = repo.audit_verify()
    with repo.transaction("校验审计日志") as tx:
        tx.audit(
            actor,
            "校验审计日志",
            "审计日志",
            result="成功" if not broken else "失败",
            detail={"problems": [f"记录 {b.id}：{b.problem}" for b in broken][:100]},
        )
    return broken


COLUMNS: tuple[tuple[str, int], ...] = (
    ("编号", 8), ("时间（UTC）", 26), ("用户", 18), ("角色", 14), ("来源地址", 16),
    ("事件", 14), ("对象", 36), ("结果", 6), ("详情", 60),
)  # fmt: skip
"""The columns of a listing or an export of the audit log, with their widths."""


def row(record: AuditRecord) -> tuple[object, ...]:
    """A record as the cells of :data:`COLUMNS`."""
    detail = json.dumps(record.detail, ensure_ascii=False, sort_keys=True) if record.detail else ""
    return (record.id, record.at, record.actor, record.role, record.address, record.event,
            record.object, record.result, detail)  # fmt: skip


def as_dict(record: AuditRecord) -> dict[str, Any]:
    """A record as plain data (JSON)."""
    return asdict(record)
