"""Hypothesis fuzzing of every reader: mutations of the fixtures (byte edits, cuts, inserted
tokens, duplicated slices, splices, edits inside .xlsx parts), odd encodings and amplification
shapes. Every input ends in a document or one of the project's errors: never an exception no
reader named (UnreadableError), a dead worker, or a time or memory limit. Inputs are read in an
isolated worker (jixiao.isolation), as the CLI reads them. `make fuzz` runs the same inputs by
the hundred thousand (bench/fuzz.py)."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz_inputs import ENCODINGS, KINDS, READER_KEYS, TOKENS, Op, apply_ops, fuzz_one, seeds
from bench.fuzz_inputs import shape as amplification
from jixiao.isolation import Workers
from jixiao.limits import Limits

LIMITS = Limits.defaults().with_overrides({"seconds": 60})
EXAMPLES = {"pdf": 100, "xlsx": 150, "docx": 150, "xls": 400, "json": 400, "html": 400, "tree": 400,
            "csv": 400, "webtext": 400, "text": 400}  # fmt: skip
QUIET = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture(scope="module")
def workers() -> Iterator[Workers]:
    with Workers(1, LIMITS) as pool:
        yield pool


ops = st.lists(
    st.tuples(
        st.integers(0, KINDS - 1),
        st.floats(0, 1, allow_nan=False),
        st.integers(0, 1 << 16),
        st.integers(0, len(TOKENS) - 1),
        st.binary(max_size=8),
    ),
    min_size=1,
    max_size=6,
)


def _read(workers: Workers, key: str, data: bytes, encoding: str | None, sniffed: bool) -> None:
    [done] = list(workers.run(fuzz_one, [(key, data, encoding, sniffed)], lambda job: job[0]))
    assert done.error is None, f"the worker failed: {done.error}"
    assert done.value is not None
    status, detail, _, _ = done.value
    assert status != "unreadable", f"{key}: an exception no reader named: {detail}"
    assert (status, detail) not in (("limit", "memory_mb"), ("limit", "seconds"))


@pytest.mark.parametrize("key", READER_KEYS)
def test_mutated_fixtures(workers: Workers, key: str) -> None:
    pool = seeds(key)
    others = [s for k in READER_KEYS for s in seeds(k)]

    @settings(
        max_examples=EXAMPLES[key],
        deadline=None,
        derandomize=True,
        suppress_health_check=QUIET,
    )
    @given(
        seed=st.sampled_from(pool),
        other=st.sampled_from(others),
        edits=ops,
        encoding=st.sampled_from(ENCODINGS),
        sniffed=st.booleans(),
    )
    def check(
        seed: bytes, other: bytes, edits: list[Op], encoding: str | None, sniffed: bool
    ) -> None:
        _read(workers, key, apply_ops(seed, edits, other), encoding, sniffed)

    check()


@pytest.mark.parametrize("key", READER_KEYS)
def test_amplification_shapes(workers: Workers, key: str) -> None:
    @settings(max_examples=16, deadline=None, derandomize=True, suppress_health_check=QUIET)
    @given(st.integers(0, 2**32))
    def check(n: int) -> None:
        data, encoding = amplification(key, random.Random(n))
        _read(workers, key, data, encoding, sniffed=n % 2 == 0)

    check()
