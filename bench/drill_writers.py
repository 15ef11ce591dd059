"""Drill: 4 concurrent writers on one database; every document of each must be stored whole.

Four `jixiao ingest` processes start together, each with its own folder of distinct tables, on
the same SQLite file or PostgreSQL schema; then every stored document is checked (counts equal
to the parsed file's, none twice, SQLite's integrity check) and the total must be 4 × files.

    .venv/bin/python -m bench.drill_writers [--writers 4] [--files 25] [--rounds 3] [--backend …]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.drills import check_store, database, make_tables, pg_available
from jixiao.settings import Settings
from jixiao.store import Store

JIXIAO = [str(Path(sys.executable).with_name("jixiao"))]


def round_(kind: str, writers: int, files: int, workdir: Path) -> tuple[bool, str]:
    expected: dict[str, dict[str, int]] = {}
    folders = []
    for w in range(writers):
        folder = workdir / f"w{w}"
        expected.update(make_tables(folder, files, prefix=f"写入{w}局"))
        folders.append(folder)
    with database(kind, workdir) as db:
        Store(Settings.from_env(db).db).close()  # the schema first: the writers race on data
        started = time.monotonic()
        procs = [
            subprocess.Popen([*JIXIAO, "ingest", str(f), "--db", db], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
            for f in folders
        ]  # fmt: skip
        codes = [p.wait() for p in procs]
        elapsed = time.monotonic() - started
        stored, problems = check_store(db, expected)
    for p, code in zip(procs, codes, strict=True):
        if code != 0:
            problems.append(
                f"a writer exited {code}: {(p.stderr.read() if p.stderr else '')[-200:]}"
            )
    if stored != writers * files:
        problems.append(f"{stored} of {writers * files} stored")
    note = f"{stored} documents by {writers} writers in {elapsed:.1f} s; "
    return not problems, note + ("; ".join(problems) or "all whole")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--files", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backend", default="both", choices=("sqlite", "postgresql", "both"))
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if "postgresql" in kinds and not pg_available():
        print("PostgreSQL not reachable: its rounds skipped")
        kinds.remove("postgresql")
    failed = 0
    for kind in kinds:
        passed = 0
        for k in range(1, args.rounds + 1):
            with tempfile.TemporaryDirectory() as tmp:
                ok, note = round_(kind, args.writers, args.files, Path(tmp))
            passed += ok
            failed += not ok
            print(f"  {kind} round {k}: {'ok  ' if ok else 'LOST'} {note}", flush=True)
        print(
            f"{args.writers} concurrent writers, {kind}: {passed}/{args.rounds} rounds lost nothing"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
