"""What a running app holds: its settings, its store and its review ruleset.

:class:`Context` is made in the app's lifespan (:func:`jixiao.web.app.create_app`) and handed
to every route by the :func:`context` dependency; nothing here is global.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request

from ..errors import StoreError
from ..review import Ruleset, load_ruleset
from ..services.accounts import effective_policy
from ..services.policy import Policy, load_policy
from ..settings import Settings
from ..store import Store, stamps
from ..workflow import Workflow, load_workflow

T = TypeVar("T")

REQUEST_THREADS = 40
"""The threads a worker runs its sync routes on (anyio's default limiter)."""
POLICY_TTL = 10.0
"""Seconds a worker keeps the security policy before reading its run-time changes again."""

MEMO_SIZE = 1024
"""How many derived results (a department's aggregates, its review, a page of search hits) an
app keeps: two per department looked at, and the searches asked (512 thrashed at 300 of them)."""
SHELVES = {"derived": MEMO_SIZE, "projects": 1024}
"""What :meth:`Context.memo` keeps, by shelf, and how many of each: a department's review is
~240 KB, a project as its page shows it ~40 KB; each shelf forgets its least recently used."""


@dataclass(frozen=True, slots=True)
class _Kept:
    """A kept value and the stamps it was computed under."""

    keys: tuple[str, ...]
    stamps: tuple[str, ...]
    value: Any


def _document_keys(document_id: int) -> tuple[str, ...]:
    return (stamps.EPOCH, stamps.document_key(document_id))


@dataclass(slots=True)
class Context:
    settings: Settings
    store: Store
    ruleset: Ruleset
    base_policy: Policy = field(default_factory=load_policy)
    flow: Workflow = field(default_factory=load_workflow)
    _policy: tuple[float, Policy] | None = None
    _memo: dict[str, OrderedDict[Hashable, _Kept]] = field(
        default_factory=lambda: {shelf: OrderedDict() for shelf in SHELVES}
    )
    _memo_lock: threading.Lock = field(default_factory=threading.Lock)

    def memo(
        self,
        key: Hashable,
        compute: Callable[[], T],
        shelf: str = "derived",
        *,
        document: int | Callable[[T], int | None] | None = None,
    ) -> T:
        """``compute()``, kept under ``key`` while what it was computed from is unchanged, by
        any process (the stamps of :mod:`jixiao.store.stamps`), and it is not among the least
        recently used of its ``shelf`` (:data:`SHELVES`). Shared by every request: callers
        must not change what is kept.

        ``document``: the value is read from that document alone (its id, or a function
        telling it from the value), so only a change of it drops the value; without it the
        value spans documents (a page of search hits) and any change of what spans them
        drops it."""
        kept = self._memo[shelf]
        with self._memo_lock:
            found = kept.get(key)
        if found is not None and self.store.stamps(found.keys) == found.stamps:
            with self._memo_lock:
                if key in kept:
                    kept.move_to_end(key)
            value: T = found.value
            return value
        if callable(document):
            # the document is known once the value is: kept only if nothing at all was
            # written while it was computed (its stamps, read after, then date it)
            [before] = self.store.stamps((stamps.GENERATION,))
            value = compute()
            of = document(value)
            if of is None:
                return value
            keys = _document_keys(of)
            *now, after = self.store.stamps((*keys, stamps.GENERATION))
            if after != before:
                return value
            self._keep(shelf, key, _Kept(keys, tuple(now), value))
            return value
        keys = (stamps.SHARED,) if document is None else _document_keys(document)
        dated = self.store.stamps(keys)  # read first: a write meanwhile makes it older
        value = compute()
        self._keep(shelf, key, _Kept(keys, dated, value))
        return value

    def _keep(self, shelf: str, key: Hashable, kept: _Kept) -> None:
        with self._memo_lock:
            entries = self._memo[shelf]
            entries[key] = kept
            entries.move_to_end(key)
            while len(entries) > SHELVES[shelf]:
                entries.popitem(last=False)

    def policy(self) -> Policy:
        """The security policy in force: the policy file with the 安全管理员's changes (read
        again at most every :data:`POLICY_TTL` seconds, so every worker follows a change)."""
        kept = self._policy
        if kept is not None and time.monotonic() - kept[0] < POLICY_TTL:
            return kept[1]
        current = effective_policy(self.store, self.base_policy)
        self._policy = (time.monotonic(), current)
        return current

    def forget_policy(self) -> None:
        self._policy = None

    @classmethod
    def open(cls, settings: Settings) -> Context:
        ruleset = load_ruleset(settings.ruleset)  # a bad ruleset fails before the store opens
        policy = load_policy(settings.security)  # and so does a bad security policy
        flow = load_workflow(settings.workflow)  # and a bad workflow table
        # a connection for each request thread (anyio runs sync routes on up to 40): a
        # request waits for its thread, never for a connection (the default pool of 15 made
        # requests fail after 30 s under 200 users at work)
        return cls(settings, Store(settings.db, pool_size=REQUEST_THREADS), ruleset, policy, flow)

    def close(self) -> None:
        self.store.close()


async def context(request: Request) -> Context:
    """The app's :class:`Context` (a route dependency; ``async``: FastAPI runs a plain
    ``def`` dependency on a thread of its pool, a hop each request would queue for)."""
    found: Context | None = getattr(request.app.state, "context", None)
    if found is None:
        raise StoreError("数据库尚未打开（应用未启动完成）")
    return found


Ctx = Annotated[Context, Depends(context)]
"""A route parameter annotated ``ctx: Ctx`` receives the app's :class:`Context`."""
