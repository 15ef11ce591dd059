"""Store queries on ≥ 1,000,000 indicators: ``python -m bench.bench_store``.

Builds (once, cached under ``bench/.cache/``, see :func:`bench.bigdb.build_big_db`) an SQLite
store of ``--indicators`` indicators made from the seed, then times ``--calls`` calls of each
query the web app makes per request, with arguments sampled from the database, and prints
p50/p95/p99/max in ms against the goals (p99 ≤ 100 ms for a project page and a search, ≤ 500 ms
for a department's aggregates). One process, one connection at a time: the latency of one
query, not the throughput of a server (``bench.bench_web`` measures that).

``--explain`` prints SQLite's plan of the main queries (to check that nothing scans the big
tables); ``--db URL`` uses another store (any URL ``Store`` takes), which ``--fill`` first fills
to ``--indicators`` when it holds fewer (e.g. a PostgreSQL database).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jixiao.store import IndicatorFilter, ProjectFilter, Store

from .bigdb import CACHE, build_big_db, fill_store

GOALS_MS = {
    "project": 100,
    "search 3+ chars": 100,
    "search 2 chars": 100,
    "search 1 char": 100,
    "search rare 2 chars": 100,
    "search in a department": 100,
    "aggregates": 500,
}
"""The load goals: p99 ≤ 100 ms for a project page and a search, ≤ 500 ms for a department's
aggregates (listings have none; they are timed for reference)."""


def _sample(store: Store, rng: random.Random, n: int) -> dict[str, list[Any]]:
    """Arguments for the calls, read from the store."""
    with store.engine.connect() as conn:
        max_project = int(conn.exec_driver_sql("SELECT max(id) FROM projects").scalar() or 1)
        max_indicator = int(conn.exec_driver_sql("SELECT max(id) FROM indicators").scalar() or 1)
        docs = [
            tuple(r)
            for r in conn.exec_driver_sql("SELECT id, department, year FROM documents").all()
        ]
        ids = ",".join(str(rng.randint(1, max_indicator)) for _ in range(400))
        rows = ",".join(str(rng.randint(1, max_project)) for _ in range(400))
        uids = [
            r[0] for r in conn.exec_driver_sql(f"SELECT uid FROM projects WHERE id IN ({rows})")
        ]  # (pages ask for a project by its stable id, not its row)
        names = [
            r[0] for r in conn.exec_driver_sql(f"SELECT name FROM indicators WHERE id IN ({ids})")
        ]
    words3 = sorted({w[k : k + 3] for w in names if len(w) >= 4 for k in (0, len(w) // 2)})
    words2 = sorted({w[k : k + 2] for w in names if len(w) >= 3 for k in (0, len(w) // 2)})
    words1 = sorted({w[len(w) // 2] for w in names if w})
    rare2 = ["赵钱", "孙李", "周吴", "郑王", "冯陈", "褚卫", "蒋沈", "韩杨"]  # in no table
    return {
        "projects": [rng.choice(uids) for _ in range(n)],
        "docs": [rng.choice(docs) for _ in range(n)],
        "words3": [rng.choice(words3) for _ in range(n)],
        "words2": [rng.choice(words2) for _ in range(n)],
        "words1": [rng.choice(words1) for _ in range(n)],
        "rare2": [rare2[k % len(rare2)] for k in range(n)],
    }


def _time(call: Callable[[int], Any], n: int) -> list[float]:
    out = []
    for k in range(n):
        t0 = time.perf_counter()
        call(k)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _explain(path: Path, args: dict[str, list[Any]]) -> None:
    """SQLite's plans for the statements the calls run (traced while running one of each)."""
    store = Store(str(path))
    seen: list[str] = []

    def trace(statement: str) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        raw.set_trace_callback(trace)
    doc = args["docs"][0]
    calls: dict[str, Callable[[], Any]] = {
        "project": lambda: store.project(args["projects"][0]),
        "search 3+ chars": lambda: store.search(args["words3"][0]),
        "search 2 chars": lambda: store.search(args["words2"][0]),
        "search in a department": lambda: store.search(args["words3"][0], department=doc[1]),
        "projects_page(q=…)": lambda: store.projects_page(ProjectFilter(q=args["words3"][0])),
        "aggregates": lambda: store.aggregates(doc[0]),
    }
    plans = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    for name, call in calls.items():
        seen.clear()
        call()
        print(f"\n== {name}")
        for statement in seen:
            print("  " + " ".join(statement.split())[:160])
            for row in plans.execute("EXPLAIN QUERY PLAN " + statement):
                print("     " + row[3])
    plans.close()
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="store query latency on a big store")
    parser.add_argument("--indicators", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--db", default=None, help="a store URL or file (default: the cache)")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--fill", action="store_true", help="fill --db up to --indicators")
    args = parser.parse_args(argv)
    url = args.db
    if url is None:
        started = time.perf_counter()
        path = build_big_db(CACHE / f"big-{args.indicators}.db", indicators=args.indicators)
        print(f"database: {path} ({path.stat().st_size / 1e6:.0f} MB, ready in "
              f"{time.perf_counter() - started:.0f} s)")  # fmt: skip
        url = str(path)
    rng = random.Random(11)
    n = args.calls
    store = Store(url)
    if args.fill:
        with store.engine.connect() as conn:
            held = int(conn.exec_driver_sql("SELECT count(*) FROM indicators").scalar() or 0)
        if held < args.indicators:
            fill_store(store, args.indicators - held)
    sample = _sample(store, rng, n)
    if args.explain and store.dialect == "sqlite":
        _explain(Path(url), sample)
    docs = sample["docs"]
    calls: dict[str, Callable[[int], Any]] = {
        "project": lambda k: store.project(sample["projects"][k]),
        "search 3+ chars": lambda k: store.search(sample["words3"][k]),
        "search 2 chars": lambda k: store.search(sample["words2"][k]),
        "search 1 char": lambda k: store.search(sample["words1"][k]),
        "search rare 2 chars": lambda k: store.search(sample["rare2"][k]),
        "search in a department": lambda k: store.search(
            sample["words3"][k], department=docs[k][1]
        ),
        "projects_page(q=…)": lambda k: store.projects_page(ProjectFilter(q=sample["words3"][k])),
        "indicators(document)": lambda k: store.indicators(IndicatorFilter(document_id=docs[k][0])),
        "aggregates": lambda k: store.aggregates(docs[k][0]),
    }
    print(f"\n{n} calls each, one at a time ({store.dialect})")
    print(f"  {'call':<24}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}   goal p99")
    missed = 0
    for name, call in calls.items():
        call(0)  # warm
        ms = _time(call, n)
        p99 = _pct(ms, 99)
        goal = GOALS_MS.get(name)
        verdict = "" if goal is None else f"   ≤ {goal} {'met' if p99 <= goal else 'MISSED'}"
        missed += goal is not None and p99 > goal
        print(f"  {name:<24}{statistics.median(ms):>9.1f}{_pct(ms, 95):>9.1f}{p99:>9.1f}"
              f"{max(ms):>9.1f}{verdict}")  # fmt: skip
    for name, once in (("department_years()", store.department_years),
                       ("documents()", store.documents)):  # fmt: skip
        t0 = time.perf_counter()
        rows = once()
        print(f"  {name:<24}{(time.perf_counter() - t0) * 1000:>9.1f} ms once ({len(rows)} rows)")
    store.close()
    print(f"goals: {'all met' if not missed else f'{missed} missed'} (one query at a time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
