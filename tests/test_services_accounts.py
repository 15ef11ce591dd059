"""What an account may read, said the shorter way: the documents it reads, or all but the few it
may not (a filter of thousands of ids made every search 60 ms on a province-sized store)."""

from __future__ import annotations

from sqlalchemy import column

from jixiao.services.reading import Readable, _readable
from jixiao.store.queries import Visibility


def test_mostly_readable_is_said_as_all_but_the_hidden() -> None:
    every = frozenset(range(1, 101))
    most = _readable(every, every - {7, 8}, frozenset({3}))
    assert most == Readable(None, frozenset({3}), frozenset({7, 8}))
    assert most.document(1) and not most.document(7)
    few = _readable(every, frozenset({1, 2}), frozenset())
    assert few == Readable(frozenset({1, 2})) and few.document(2) and not few.document(3)
    assert _readable(every, every, frozenset()) == Readable(None)


def test_the_store_condition_of_each_form() -> None:
    doc, unit = column("document_id"), column("unit_id")
    hidden = Visibility(None, frozenset({5}), frozenset({7, 8})).condition(doc, unit)
    assert str(hidden.compile(compile_kwargs={"literal_binds": True})) == (
        "(document_id NOT IN (7, 8)) OR unit_id IN (5)"
    )
    listed = Visibility(frozenset({1}), frozenset()).condition(doc, unit)
    assert str(listed.compile(compile_kwargs={"literal_binds": True})) == "document_id IN (1)"
    assert str(Visibility().condition(doc).compile()) == "true"
