"""Worker processes with memory and time limits: a worker that dies, runs out of memory or time
is that item's error, the pool replaces it and the other items go on."""

from __future__ import annotations

import os
import time

import pytest

from jixiao.errors import InputError, LimitError, UnreadableError
from jixiao.isolation import Workers, run_one
from jixiao.limits import Limits

LIMITS = Limits.defaults().with_overrides({"seconds": 5, "memory_mb": 1024})


def work(item: str) -> int:
    """What the tests send to the workers, by name."""
    if item == "abort":
        os.abort()  # as calamine does when an allocation fails
    if item == "sleep":
        time.sleep(30)
    if item == "memory":
        block = bytearray(4 << 30)  # 4 GB, past the 1 GB cap: refused at once, nothing touched
        return len(block)
    if item == "input":
        raise InputError("坏文件", source="f.txt", line=3)
    if item == "panic":
        raise type("PanicException", (BaseException,), {})("boom")
    return os.getpid()


def test_each_failure_is_its_items_error_and_the_rest_go_on() -> None:
    items = ["ok1", "abort", "ok2", "sleep", "memory", "input", "panic", "ok3"]
    with Workers(2, LIMITS) as workers:
        done = {items[d.index]: d for d in workers.run(work, items, lambda item: item)}
    assert set(done) == set(items)
    for name in ("ok1", "ok2", "ok3"):
        assert done[name].error is None and done[name].value != os.getpid()
    abort = done["abort"].error
    assert isinstance(abort, UnreadableError) and "SIGABRT" in abort.message
    assert abort.source == "abort"
    sleep = done["sleep"].error
    assert isinstance(sleep, LimitError) and sleep.key == "seconds"
    memory = done["memory"].error
    assert isinstance(memory, LimitError) and memory.key == "memory_mb"
    bad = done["input"].error
    assert isinstance(bad, InputError) and (bad.source, bad.line) == ("f.txt", 3)
    panic = done["panic"].error
    assert isinstance(panic, UnreadableError) and panic.cause == "PanicException"


def test_run_one_raises_the_items_error() -> None:
    assert run_one(work, "ok", "f", LIMITS) != os.getpid()
    with pytest.raises(LimitError, match="--limit seconds="):
        run_one(work, "sleep", "slow.pdf", LIMITS)


def broken_start() -> None:
    from jixiao.errors import ConfigError

    raise ConfigError("数据库打不开")


def test_a_worker_that_cannot_start_answers_each_item_with_why() -> None:
    with Workers(1, LIMITS, broken_start) as workers:
        done = list(workers.run(work, ["a", "b"], lambda item: item))
    assert [d.error.message if d.error else None for d in done] == ["数据库打不开"] * 2


def cached_loaders(_: object) -> dict[str, int]:
    """How many of the readers' cached loaders hold their value, in the process running it."""
    from jixiao.ingest.table_vocabulary import vocabulary
    from jixiao.ingest.text_glue import lexicon
    from jixiao.targets import _vocab

    return {f.__qualname__: f.cache_info().currsize for f in (vocabulary, lexicon, _vocab)}


def test_a_worker_starts_with_the_vocabularies_loaded() -> None:
    # the forkserver loaded them (jixiao.ingest.warm): nothing of it is left to the first file
    assert run_one(cached_loaders, None, "f.txt", LIMITS) == {
        "vocabulary": 1,
        "lexicon": 1,
        "_vocab": 1,
    }
