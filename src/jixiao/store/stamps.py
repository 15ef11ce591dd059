"""Stamps: counters in ``meta`` that writers move, so that what a process derived from the
data (a department's aggregates, a page of search hits) is kept exactly as long as it holds.

Every write transaction of documents or the workflow (:meth:`Store.transaction
<jixiao.store.Store.transaction>`) moves :data:`GENERATION` (any change at all); account and
task writes move none (nothing kept is read from them). What it changed moves the rest, in
the same transaction:

* ``document:<id>`` (:func:`document_key`), once per document whose rows it changed: its
  content, state, findings or deletion (:class:`Touched` collects them; the store's
  :class:`~jixiao.store.writes.Writer` names each document it writes);
* :data:`SHARED` when it changed what spans documents: search texts, which documents exist,
  are live or published, the org tree;
* :data:`EPOCH` (and :data:`SHARED`) when it did not say what it changed (a write outside the
  :class:`~jixiao.store.writes.Writer`, such as rebuilding the search index): every document's
  derived data is then dropped.

So a cache of one document's data compares :data:`EPOCH` and its document's key, a cache that
spans documents compares :data:`SHARED`. Workflow rows (transitions, comments, notifications)
belong to no stamp: nothing derived and kept is read from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

GENERATION = "generation"
SHARED = "shared"
EPOCH = "epoch"
_DOCUMENT = "document:"

_BUMP = text(
    "INSERT INTO meta (key, value) VALUES (:k, '1') ON CONFLICT (key) DO UPDATE"
    " SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)"
)


def document_key(document_id: int) -> str:
    return f"{_DOCUMENT}{int(document_id)}"


def is_stamp(key: str) -> bool:
    """Whether a ``meta`` key is a stamp (moved by writes, not a setting)."""
    return key in (GENERATION, SHARED, EPOCH) or key.startswith(_DOCUMENT)


@dataclass(slots=True)
class Touched:
    """What one write transaction changed; ``known=False``: it does not say (everything)."""

    known: bool = False
    documents: set[int] = field(default_factory=set)
    shared: bool = False

    def document(self, document_id: int, *, shared: bool) -> None:
        self.documents.add(int(document_id))
        self.shared = self.shared or shared

    def stamps(self) -> list[str]:
        """The stamps to move, sorted: every writer takes the rows' locks in one order (two
        PostgreSQL writers can then not deadlock on them)."""
        keys = {GENERATION}
        if not self.known:
            keys |= {EPOCH, SHARED}
        elif self.shared:
            keys.add(SHARED)
        keys.update(document_key(d) for d in self.documents)
        return sorted(keys)


def bump(conn: Connection, keys: Iterable[str]) -> None:
    """Move ``keys`` by one, in the writer's transaction."""
    params = [{"k": k} for k in keys]
    if params:
        conn.execute(_BUMP, params)


def read_sql(keys: Sequence[str]) -> str:
    """The statement reading ``keys`` (stamp names only: no quotes in them, asserted)."""
    assert all(is_stamp(k) and "'" not in k for k in keys), keys
    listed = ", ".join(f"'{k}'" for k in keys)
    return f"SELECT key, value FROM meta WHERE key IN ({listed})"


def values(keys: Sequence[str], rows: Iterable[Sequence[object]]) -> tuple[str, ...]:
    """The stamps ``keys`` from the rows :func:`read_sql` read (``"0"``: never moved)."""
    found = {str(k): str(v) for k, v in rows}
    return tuple(found.get(k, "0") for k in keys)


def read(conn: Connection, keys: Sequence[str]) -> tuple[str, ...]:
    """The stamps ``keys`` on ``conn``."""
    return values(keys, conn.execute(text(read_sql(keys))).all())
