"""Drill: kill -9 during `jixiao ingest`, then ingest again; nothing may be lost or half-written.

Each trial starts `jixiao ingest` of a folder of distinct tables (--jobs 2, so a worker may be
saving when the blow falls) in its own process group, kills the whole group with SIGKILL at a
random moment once some files are stored, checks the database (every stored document whole,
SQLite's integrity check), ingests the folder again and checks that every table is stored once.

    .venv/bin/python -m bench.drill_kill [--trials 15] [--files 30] [--backend both]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.drills import check_store, database, make_tables, pg_available

JIXIAO = [str(Path(sys.executable).with_name("jixiao"))]


def _stored(db: str) -> int:
    from jixiao.store import Store

    try:
        store = Store(db)
    except Exception:
        return 0
    try:
        return len(store.documents())
    except Exception:
        return 0
    finally:
        store.close()


def trial(kind: str, files: int, rnd: random.Random, workdir: Path) -> tuple[bool, str]:
    folder = workdir / "tables"
    expected = make_tables(folder, files)
    with database(kind, workdir) as db:
        proc = subprocess.Popen(
            [*JIXIAO, "ingest", str(folder), "--db", db, "--jobs", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        target = rnd.randrange(1, files - 1)
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if _stored(db) >= target:
                time.sleep(rnd.random() * 0.3)  # somewhere inside the next file's save
                break
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        before, problems = check_store(db, expected)
        again = subprocess.run(
            [*JIXIAO, "ingest", str(folder), "--db", db, "--jobs", "2"],
            capture_output=True,
            text=True,
        )
        after, more = check_store(db, expected)
        problems += more
        if again.returncode != 0:
            problems.append(f"re-ingest exit {again.returncode}: {again.stderr[-300:]}")
        if after != files:
            problems.append(f"{after} of {files} stored after the re-ingest")
        return not problems, f"killed at {before} stored; after re-ingest {after}; " + (
            "; ".join(problems) or "whole"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=15)
    parser.add_argument("--files", type=int, default=30)
    parser.add_argument("--backend", default="both", choices=("sqlite", "postgresql", "both"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if "postgresql" in kinds and not pg_available():
        print("PostgreSQL not reachable: its trials skipped")
        kinds.remove("postgresql")
    rnd = random.Random(args.seed)
    failed = 0
    for kind in kinds:
        passed = 0
        for k in range(1, args.trials + 1):
            with tempfile.TemporaryDirectory() as tmp:
                ok, note = trial(kind, args.files, rnd, Path(tmp))
            passed += ok
            failed += not ok
            print(f"  {kind} trial {k:2}: {'ok  ' if ok else 'LOST'} {note}", flush=True)
        print(f"kill -9 during ingest, {kind}: {passed}/{args.trials} trials lost nothing")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
