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
from ..store import Store
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


@dataclass(slots=True)
class Context:
    settings: Settings
    store: Store
    ruleset: Ruleset
    base_policy: Policy = field(default_factory=load_policy)
    flow: Workflow = field(default_factory=load_workflow)
    _policy: tuple[float, Policy] | None = None
    _memo: dict[str, OrderedDict[Hashable, Any]] = field(
        default_factory=lambda: {shelf: OrderedDict() for shelf in SHELVES}
    )
    _memo_generation: str | None = None
    _memo_lock: threading.Lock = field(default_factory=threading.Lock)

    def memo(self, key: Hashable, compute: Callable[[], T], shelf: str = "derived") -> T:
        """``compute()``, kept under ``key`` until the database changes (any write, by any
        process, changes :meth:`Store.generation`) or it is among the least recently used of
        its ``shelf`` (:data:`SHELVES`). What is kept is shared by every request: callers
        must not change it."""
        current = self.store.generation()
        kept = self._memo[shelf]
        with self._memo_lock:
            if current != self._memo_generation:
                for each in self._memo.values():
                    each.clear()
                self._memo_generation = current
            elif key in kept:
                kept.move_to_end(key)
                found: T = kept[key]
                return found
        value = compute()
        with self._memo_lock:
            if current == self._memo_generation:
                kept[key] = value
                while len(kept) > SHELVES[shelf]:
                    kept.popitem(last=False)
        return value

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
