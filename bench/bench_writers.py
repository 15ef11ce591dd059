"""200 concurrent writers on one store: ``python -m bench.bench_writers``.

Each writer is a thread acting as its own user (as the web app's workers share one
:class:`Store` and its connection pool): it picks a project, reads it and its document's
version, appends its own mark to the project's goal and saves that through
:func:`jixiao.services.documents.edit_project` with the version it read (optimistic
locking). A stale write is refused with :class:`~jixiao.errors.ConflictError` and retried
from a fresh read, as a user would redo it. At the end every mark a writer saw saved must
be in its project's goal exactly once: **lost updates** (a save that reported success but
whose mark is gone) must be 0. Prints writes/s, the latency of a write from first read to
saved (retries included) at p50 / p95 / p99, and the conflicts, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.bench_writers [--writers 200] [--writes 5] [--documents 20]
        [--backend sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.errors import ConflictError
from jixiao.ingest import read_bytes
from jixiao.model import Document
from jixiao.services.actor import Actor, cli_actor
from jixiao.services.audit import AuditFilter
from jixiao.services.documents import ProjectEdit, edit_project, save
from jixiao.store import Store

from .drills import SEED, database, pg_available

PROJECTS_PER_DOCUMENT = 4
POOL = 64
"""Connections of the writers' store (PostgreSQL's default max_connections is 100)."""


def documents(count: int) -> list[Document]:
    """``count`` small documents (one unit, a few projects of the seed), one per department."""
    text = SEED.read_text(encoding="utf-8")
    out = []
    for k in range(count):
        [doc] = read_bytes(text.replace("广州市科学技术局", f"并发局{k:03d}").encode(), f"{k}.txt")
        unit = doc.units[0]
        unit.projects = unit.projects[:PROJECTS_PER_DOCUMENT]
        doc.units = [unit]
        doc.source = None  # its content, not the file, is its identity
        out.append(doc)
    return out


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    saved: dict[str, list[str]] = field(default_factory=dict)  # project id → marks
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def writer(store: Store, n: int, writes: int, projects: list[str], tally: Tally,
           start: threading.Barrier) -> None:  # fmt: skip
    rng = random.Random(n)
    actor = Actor(
        f"写入者{n:03d}", frozenset({"单位填报"}), user_id=n, address=f"10.0.{n // 250}.{n % 250}"
    )
    start.wait()
    for k in range(writes):
        project_id = rng.choice(projects)
        mark = f"[{n}.{k}]"
        began = time.perf_counter()
        conflicts = 0
        while True:
            try:
                view = store.project(project_id)
                read = store.document_state(view.document_id).version
                if store.project(project_id).project.goal != view.project.goal:
                    continue  # changed between the two reads: read again
                goal = view.project.goal + mark
                edit_project(store, actor, project_id, ProjectEdit({"goal": goal}, {}, "并发修改"),
                             read_version=read)  # fmt: skip
                break
            except ConflictError:
                conflicts += 1
            except Exception as exc:  # reported, and the run fails
                with tally.lock:
                    tally.errors.append(f"{type(exc).__name__}: {exc}")
                return
        took = time.perf_counter() - began
        with tally.lock:
            tally.latencies.append(took)
            tally.saved.setdefault(project_id, []).append(mark)
            tally.conflicts += conflicts


def run(kind: str, writers: int, writes: int, count: int, workdir: Path) -> bool:
    with database(kind, workdir) as db:
        setup = Store(db)
        for doc in documents(count):
            save(setup, doc, cli_actor(), reviewed=False)
        projects = [p.id for p in setup.projects()]
        setup.close()
        # a server's pool: PostgreSQL writers of one document wait on its row lock holding a
        # connection (SQLite writers queue before taking one)
        store = Store(db, pool_size=POOL)
        tally = Tally()
        start = threading.Barrier(writers + 1)
        threads = [
            threading.Thread(target=writer, args=(store, n, writes, projects, tally, start))
            for n in range(writers)
        ]
        for t in threads:
            t.start()
        start.wait()
        began = time.perf_counter()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - began
        lost = 0
        for project_id, marks in tally.saved.items():
            goal = store.project(project_id).project.goal
            lost += sum(goal.count(m) != 1 for m in marks)
        audited = store.audit_query(AuditFilter(event="修改项目", limit=1))[1]
        chain = store.audit_verify()
        store.close()
    ms = sorted(x * 1000 for x in tally.latencies)
    done = len(ms)

    def pct(p: float) -> float:
        return ms[min(done - 1, int(p / 100 * done))] if done else float("nan")

    ok = not tally.errors and lost == 0 and done == writers * writes and audited == done
    print(
        f"{kind:<10} {writers} writers × {writes} writes on {len(tally.saved)} projects: "
        f"{done / elapsed:7.1f} writes/s, p50 {pct(50):6.1f} ms, p95 {pct(95):6.1f} ms, "
        f"p99 {pct(99):7.1f} ms, conflicts retried {tally.conflicts}, lost updates {lost}, "
        f"audit records {audited}, chain {'intact' if not chain else 'BROKEN'}"
        + ("" if ok else "  FAILED"),
        flush=True,
    )
    if done:
        print(f"{'':<10} mean {statistics.fmean(ms):.1f} ms, max {ms[-1]:.1f} ms, {elapsed:.1f} s")
    for error in tally.errors[:5]:
        print(f"  error: {error}")
    return ok and not chain


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--writers", type=int, default=200)
    parser.add_argument("--writes", type=int, default=5, help="successful writes per writer")
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--backend", default="both", choices=("sqlite", "postgresql", "both"))
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if "postgresql" in kinds and not pg_available():
        print("PostgreSQL not reachable: skipped")
        kinds.remove("postgresql")
    failed = 0
    for kind in kinds:
        with tempfile.TemporaryDirectory() as tmp:
            failed += not run(kind, args.writers, args.writes, args.documents, Path(tmp))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
