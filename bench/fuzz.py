"""`make fuzz`: fuzz every reader with many inputs through the worker isolation, and print the
figures: inputs tried per reader, outcomes, limit hits, unexpected errors (an exception a
reader did not name: the traceback of old, now an UnreadableError), workers that died, inputs
over the time or memory limit, the slowest input and the workers' peak memory.

    .venv/bin/python -m bench.fuzz [--inputs 100000] [--seed 1] [--jobs 2] [--seconds 60]

Inputs come from bench/fuzz_inputs.py (mutated fixtures, odd encodings, amplification shapes),
read with the default limits except ``seconds`` (60 here: a hang shows sooner). Each input whose
outcome is unexpected is saved under bench/.cache/fuzz/ to reproduce it with ``jixiao parse``.
Exits non-zero if any input made a traceback, a worker die, or went past the time or memory
limit.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from bench.fuzz_inputs import READER_KEYS, SUFFIX, draw, fuzz_one
from jixiao.errors import LimitError
from jixiao.isolation import Workers
from jixiao.limits import Limits

OUT = Path(__file__).parent / ".cache" / "fuzz"

Job = tuple[str, bytes, str | None, bool]


def jobs(total: int, seed: int) -> Iterator[Job]:
    rnd = random.Random(seed)
    for k in range(total):
        key = READER_KEYS[k % len(READER_KEYS)]
        data, encoding = draw(key, rnd)
        yield key, data, encoding, rnd.random() < 0.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    limits = Limits.defaults().with_overrides({"seconds": args.seconds})
    OUT.mkdir(parents=True, exist_ok=True)
    tried: Counter[str] = Counter()
    outcomes: Counter[tuple[str, str]] = Counter()
    unexpected: Counter[str] = Counter()
    died = timeouts = memory = 0
    slowest = (0.0, "")
    peak = 0.0
    saved = 0
    started = time.monotonic()
    pending: dict[int, Job] = {}

    def remember(index: int, job: Job, why: str) -> None:
        nonlocal saved
        if saved < 200:
            key, data, encoding, _ = job
            name = f"{index:06d}-{why}-{encoding or 'auto'}{SUFFIX[key]}"
            (OUT / name).write_bytes(data)
            saved += 1

    def tracked() -> Iterator[Job]:
        for k, job in enumerate(jobs(args.inputs, args.seed)):
            pending[k] = job
            yield job

    with Workers(args.jobs, limits) as workers:
        for n, done in enumerate(workers.run(fuzz_one, tracked(), lambda job: job[0]), start=1):
            job = pending.pop(done.index)
            key = job[0]
            tried[key] += 1
            if done.error is not None:
                error = done.error
                if isinstance(error, LimitError) and error.key == "seconds":
                    timeouts += 1
                    remember(done.index, job, "timeout")
                elif isinstance(error, LimitError) and error.key == "memory_mb":
                    memory += 1
                    remember(done.index, job, "memory")
                else:
                    died += 1
                    remember(done.index, job, "died")
                outcomes[(key, "worker:" + error.code)] += 1
                continue
            assert done.value is not None
            status, detail, seconds, rss = done.value
            peak = max(peak, rss / 1024)
            outcomes[(key, status if status != "limit" else f"limit:{detail}")] += 1
            if status == "unreadable":
                unexpected[f"{key}:{detail}"] += 1
                remember(done.index, job, f"unreadable-{detail}")
            if status == "limit" and detail == "memory_mb":
                memory += 1
                remember(done.index, job, "memory")
            if seconds > slowest[0]:
                slowest = (seconds, f"{key} input #{done.index}")
            if n % 5000 == 0:
                print(f"  … {n:,} inputs, {time.monotonic() - started:,.0f} s", flush=True)
    elapsed = time.monotonic() - started
    total = sum(tried.values())
    print(
        f"\nfuzz: {total:,} inputs in {elapsed:,.0f} s ({total / elapsed:,.0f}/s), seed {args.seed}"
    )
    print(f"limits: defaults, seconds={limits.seconds}, memory_mb={limits.memory_mb}")
    for key in READER_KEYS:
        parts = sorted(((s, c) for (k, s), c in outcomes.items() if k == key), key=lambda x: -x[1])
        print(f"  {key:8} {tried[key]:7,}  " + ", ".join(f"{s} {c:,}" for s, c in parts))
    tracebacks = sum(unexpected.values())
    print(f"tracebacks (exceptions no reader named): {tracebacks}")
    for what, count in unexpected.most_common():
        print(f"    {what}: {count}")
    print(f"workers that died: {died}")
    print(f"inputs over the time limit: {timeouts}")
    print(f"inputs over the memory limit: {memory}")
    print(f"slowest input: {slowest[0]:.2f} s ({slowest[1]})")
    print(f"peak memory of a worker: {peak:,.0f} MB")
    if saved:
        print(f"inputs kept to reproduce: {OUT}")
    return 1 if tracebacks or died or timeouts or memory else 0


if __name__ == "__main__":
    sys.exit(main())
