"""What a running app holds: its settings, its store and its review ruleset.

:class:`Context` is made in the app's lifespan (:func:`jixiao.web.app.create_app`) and handed
to every route by the :func:`context` dependency; nothing here is global.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from ..errors import StoreError
from ..review import Ruleset, load_ruleset
from ..settings import Settings
from ..store import Store


@dataclass(slots=True)
class Context:
    settings: Settings
    store: Store
    ruleset: Ruleset

    @classmethod
    def open(cls, settings: Settings) -> Context:
        ruleset = load_ruleset(settings.ruleset)  # a bad ruleset fails before the store opens
        return cls(settings, Store(settings.db), ruleset)

    def close(self) -> None:
        self.store.close()


def context(request: Request) -> Context:
    """The app's :class:`Context` (a route dependency)."""
    found: Context | None = getattr(request.app.state, "context", None)
    if found is None:
        raise StoreError("数据库尚未打开（应用未启动完成）")
    return found


Ctx = Annotated[Context, Depends(context)]
"""A route parameter annotated ``ctx: Ctx`` receives the app's :class:`Context`."""
