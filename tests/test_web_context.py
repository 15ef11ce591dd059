"""What the app keeps (:meth:`jixiao.web.context.Context.memo`): per shelf, each forgetting its
least recently used, what one document gives dropped when it changes, what spans documents
when any of them does (both databases)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from jixiao.services.actor import cli_actor
from jixiao.services.documents import ProjectEdit, edit_project
from jixiao.settings import Settings
from jixiao.store import Store
from jixiao.web import context
from jixiao.web.context import Context

from .conftest import Backend
from .web_helpers import Ids, db_url, fill


@dataclass
class Opened:
    ctx: Context
    ids: Ids
    computed: list[str] = field(default_factory=list)

    def compute(self, name: str) -> str:
        self.computed.append(name)
        return name


@pytest.fixture
def opened(backend: Backend) -> Iterator[Opened]:
    """An app's context over the three documents of :func:`fill`, counting what it computes."""
    with Store(backend.url, connect_args=backend.connect_args) as store:
        ids = fill(store)
    ctx = Context.open(Settings(db=db_url(backend)))
    try:
        yield Opened(ctx, ids)
    finally:
        ctx.close()


def test_each_shelf_keeps_its_own_until_a_write(
    opened: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(context, "SHELVES", {"derived": 2, "projects": 1})
    ctx, compute, computed = opened.ctx, opened.compute, opened.computed
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


def test_what_one_document_gives_is_kept_until_it_changes(opened: Opened) -> None:
    """Per document: a change of one document drops what was kept of it (and what spans
    documents), never what was kept of another."""
    ctx, ids, compute, computed = opened.ctx, opened.ids, opened.compute, opened.computed

    def ask() -> None:
        ctx.memo("seed", lambda: compute("seed"), document=ids.seed)
        ctx.memo("later", lambda: compute("later"), document=ids.later)
        ctx.memo("search", lambda: compute("search"))

    ask()
    ask()
    assert computed == ["seed", "later", "search"]
    project_id = next(p.id for _, p in ctx.store.load(ids.seed).projects())
    edit_project(ctx.store, cli_actor(), project_id,
                 ProjectEdit({"goal": "新目标。"}, {}, "调整"), read_version=1)  # fmt: skip
    ask()
    assert computed[3:] == ["seed", "search"]  # "later" kept
    with ctx.store.transaction() as tx:  # findings: the document, nothing shared
        tx.save_findings(ids.later, None, None)
    ask()
    assert computed[5:] == ["later"]


def test_a_value_whose_document_is_known_after_is_kept_only_if_nothing_was_written(
    opened: Opened,
) -> None:
    ctx, seed, computed = opened.ctx, opened.ids.seed, opened.computed

    def read(write: bool) -> int:
        computed.append("p")
        if write:  # another writer commits while the value is computed
            with ctx.store.transaction() as tx:
                tx.audit(cli_actor(), "查看", "测试")
        return seed

    def found(value: int) -> int:
        return value

    ctx.memo("p", lambda: read(True), shelf="projects", document=found)
    ctx.memo("p", lambda: read(False), shelf="projects", document=found)  # not kept
    ctx.memo("p", lambda: read(False), shelf="projects", document=found)  # kept
    assert len(computed) == 2
    ctx.memo("q", lambda: read(False), shelf="projects", document=lambda _: None)
    ctx.memo("q", lambda: read(False), shelf="projects", document=lambda _: None)
    assert len(computed) == 4  # no document: never kept
