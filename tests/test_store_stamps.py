"""The stamps writers move (:mod:`jixiao.store.stamps`): per document for what changed in it,
shared for what spans documents, everything for a write that does not say (both databases)."""

from __future__ import annotations

from jixiao.services.actor import Actor, cli_actor
from jixiao.services.documents import ProjectEdit, edit_project, save
from jixiao.store import Store
from jixiao.store.stamps import EPOCH, GENERATION, SHARED, Touched, document_key, is_stamp

from .conftest import Backend
from .test_store import make_document

ALICE = Actor("张三", frozenset({"单位填报"}), user_id=1, address="10.0.0.7")
KEYS = (GENERATION, SHARED, EPOCH, document_key(1), document_key(2))


def _two(store: Store) -> tuple[int, int]:
    first = save(store, make_document(), cli_actor()).document_id
    second = save(store, make_document("乙局", 2023, "b" * 64), cli_actor()).document_id
    return first, second


def _moved(store: Store, before: tuple[str, ...]) -> set[str]:
    return {k for k, old, new in zip(KEYS, before, store.stamps(KEYS), strict=True) if old != new}


def test_an_edit_moves_its_document_and_the_shared_stamp_only(backend: Backend) -> None:
    store = backend.open()
    first, second = _two(store)
    assert (first, second) == (1, 2)
    project_id = next(p.id for _, p in store.load(first).projects())
    before = store.stamps(KEYS)
    edit_project(store, ALICE, project_id, ProjectEdit({"goal": "新目标。"}, {}, "调整"),
                 read_version=1)  # fmt: skip
    # its search texts changed (shared); the other document's kept pages stay valid
    assert _moved(store, before) == {GENERATION, SHARED, document_key(first)}


def test_findings_move_their_document_alone(backend: Backend) -> None:
    store = backend.open()
    first, _ = _two(store)
    before = store.stamps(KEYS)
    with store.transaction() as tx:
        tx.save_findings(first, [], "默认规则")
    assert _moved(store, before) == {GENERATION, document_key(first)}


def test_a_write_of_no_document_moves_the_generation_alone(backend: Backend) -> None:
    """Workflow rows and audit records: nothing derived and kept is read from them."""
    store = backend.open()
    _two(store)
    before = store.stamps(KEYS)
    with store.transaction() as tx:
        tx.audit(ALICE, "查看", "测试")
    assert _moved(store, before) == {GENERATION}


def test_deleting_and_saving_move_the_shared_stamp(backend: Backend) -> None:
    store = backend.open()
    _, second = _two(store)
    before = store.stamps(KEYS)
    store.delete(second)
    assert _moved(store, before) == {GENERATION, SHARED, document_key(second)}
    before = store.stamps(KEYS)
    store.save(make_document("丙局", 2022, "c" * 64))
    assert _moved(store, before) == {GENERATION, SHARED}  # document 3: a key of its own
    assert store.stamps((document_key(3),)) != ("0",)


def test_a_write_that_does_not_say_what_it_changed_moves_everything(backend: Backend) -> None:
    store = backend.open()
    _two(store)
    before = store.stamps(KEYS)
    store.rebuild_search()
    assert _moved(store, before) == {GENERATION, SHARED, EPOCH}


def test_stamps_are_seen_by_every_store_of_the_database(backend: Backend) -> None:
    reader, writer = backend.open(), backend.open()
    first, _ = _two(writer)
    before = reader.stamps(KEYS)
    with writer.transaction() as tx:
        tx.save_findings(first, [], "默认规则")
    assert _moved(reader, before) == {GENERATION, document_key(first)}


def test_touched_keys_are_sorted_and_known() -> None:
    unknown = Touched()
    assert unknown.stamps() == sorted([EPOCH, GENERATION, SHARED])
    told = Touched(known=True)
    told.document(12, shared=False)
    told.document(3, shared=False)
    assert told.stamps() == [document_key(12), document_key(3), GENERATION]
    told.document(3, shared=True)
    assert SHARED in told.stamps() and all(is_stamp(k) for k in told.stamps())
    assert not is_stamp("audit_head")
