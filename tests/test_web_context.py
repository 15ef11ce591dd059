"""What the app keeps (:meth:`jixiao.web.context.Context.memo`): per shelf, each forgetting its
least recently used, and all of it dropped by any write (both databases)."""

from __future__ import annotations

import pytest

from jixiao.settings import Settings
from jixiao.store import Store
from jixiao.web import context
from jixiao.web.context import Context

from .conftest import Backend
from .web_helpers import db_url, fill


def test_each_shelf_keeps_its_own_until_a_write(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(backend.url, connect_args=backend.connect_args) as store:
        fill(store)
    monkeypatch.setattr(context, "SHELVES", {"derived": 2, "projects": 1})
    ctx = Context.open(Settings(db=db_url(backend)))
    try:
        computed: list[str] = []

        def compute(name: str) -> str:
            computed.append(name)
            return name

        for key in ("a", "b", "a"):  # "a" asked twice: computed once
            assert ctx.memo(key, lambda k=key: compute(k)) == key
        assert ctx.memo("p", lambda: compute("p"), shelf="projects") == "p"
        assert ctx.memo("q", lambda: compute("q"), shelf="projects") == "q"  # "p" forgotten
        assert ctx.memo("p", lambda: compute("p"), shelf="projects") == "p"
        assert ctx.memo("b", lambda: compute("b")) == "b"  # the other shelf kept it
        assert computed == ["a", "b", "p", "q", "p"]
        ctx.store.delete(1)  # a write (by this store or any other) drops everything kept
        assert ctx.memo("a", lambda: compute("a")) == "a"
        assert ctx.memo("p", lambda: compute("p"), shelf="projects") == "p"
        assert computed[-2:] == ["a", "p"]
    finally:
        ctx.close()
