"""Load test of the web app: ``python -m bench.bench_web`` (part of ``make bench``).

1. builds (once, cached under ``bench/.cache/``) an SQLite database of ≥ 1,000,000 indicators
   made from the seed (:func:`bench.bigdb.build_big_db`);
2. starts ``jixiao serve`` on it in its own process (``--workers``, default 2 = this machine's
   cores);
3. runs :mod:`bench.loadgen` in another process — it never imports the app — with 200 virtual
   users, each requesting a project page, a search or a department dashboard's aggregates and
   then thinking 1–3 s, as people at browsers do;
4. prints p50/p95/p99 per request kind and the errors, against the goals (p99 ≤ 100 ms for pages
   and searches, ≤ 500 ms for aggregates, no error), and a saturation run (no think time) for
   the throughput ceiling.

Options: ``--indicators N``, ``--clients N``, ``--duration S``, ``--workers N``, ``--threads N``,
``--db PATH``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .bigdb import CACHE, build_big_db, working_copy

ROOT = Path(__file__).resolve().parent.parent
GOALS_MS = {"project_page": 100, "search": 100, "search_2char": 100, "aggregates": 500,
            "dashboard": 500}  # fmt: skip
# The dashboard page is its aggregates plus a template: held to the aggregates' goal.


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _plan(db: Path, rng: random.Random) -> dict[str, dict[str, Any]]:
    """Request URLs sampled from the database (read directly, not through the app)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        (max_project,) = con.execute("SELECT max(id) FROM projects").fetchone()
        picks = ",".join(str(rng.randint(1, max_project)) for _ in range(500))
        # projects are addressed by their stable ids (UUIDs), not row ids
        uids = [r[0] for r in con.execute(f"SELECT uid FROM projects WHERE id IN ({picks})")]
        (max_doc,) = con.execute("SELECT max(id) FROM documents").fetchone()
        (max_indicator,) = con.execute("SELECT max(id) FROM indicators").fetchone()
        ids = ",".join(str(rng.randint(1, max_indicator)) for _ in range(400))
        names = [r[0] for r in con.execute(f"SELECT name FROM indicators WHERE id IN ({ids})")]
    finally:
        con.close()
    words3 = sorted({n[k : k + 3] for n in names if len(n) >= 4 for k in (0, len(n) // 2)})
    words2 = sorted({n[:2] for n in names if len(n) >= 2})
    projects = [f"/projects/{uid}" for uid in uids]
    docs = [rng.randint(1, max_doc) for _ in range(300)]
    return {
        "project_page": {"weight": 4, "urls": projects},
        "search": {"weight": 2, "urls": [f"/search?q={quote(w)}" for w in words3]},
        "search_2char": {"weight": 1, "urls": [f"/search?q={quote(w)}" for w in words2]},
        "aggregates": {"weight": 1, "urls": [f"/api/v1/documents/{d}/aggregates" for d in docs]},
        "dashboard": {"weight": 1, "urls": [f"/documents/{d}" for d in docs]},
    }


def _wait(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"jixiao serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url + "/api/v1/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("jixiao serve did not answer within a minute")


def _reviewer(db: Path) -> str:
    """A 财政审核 account of this run (``user:password``) for the signed-in clients: they
    read drafts too, through their session and its permission checks, as reviewers do."""
    from jixiao.services import accounts
    from jixiao.services.actor import cli_actor
    from jixiao.services.policy import load_policy
    from jixiao.store import Store

    username = f"bench-{secrets.token_hex(4)}"  # a new one per run: no password to remember
    password = accounts.demo_password()
    store = Store(f"sqlite:///{db}")
    try:
        policy = accounts.effective_policy(store, load_policy())
        new = accounts.NewUser(username, "压测审核员", password, ["finance_reviewer"],
                               accounts.ROOT, must_change=False)  # fmt: skip
        accounts.create_user(store, policy, cli_actor(), (), new)
    finally:
        store.close()
    return f"{username}:{password}"


@contextmanager
def serving(db: Path | str, workers: int, threads: int | None = None) -> Iterator[str]:
    """``jixiao serve`` on ``db`` in its own process while the block runs; yields its URL
    (``threads``: its ``--threads``, else its default)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    jixiao = Path(sys.executable).with_name("jixiao")
    server = subprocess.Popen(
        # --rate-limit 0: the 200 clients share one address here, unlike people at browsers
        [str(jixiao), "serve", "--db", str(db), "--port", str(port),
         "--workers", str(workers), "--rate-limit", "0",
         *(["--threads", str(threads)] if threads else [])],
        cwd=ROOT, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def _load(url: str, plan: Path, clients: int, duration: float, think: tuple[float, float],
          out: Path, login: str | None = None, signed_in: float = 0.0,
          headers: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:  # fmt: skip
    extra = ["--login", login, "--signed-in", str(signed_in)] if login else []
    subprocess.run(
        [sys.executable, "-m", "bench.loadgen", "--url", url, "--plan", str(plan),
         "--clients", str(clients), "--duration", str(duration),
         "--think", str(think[0]), str(think[1]), "--out", str(out), *extra,
         *(x for h in headers for x in ("--header", h))],
        check=True, cwd=ROOT,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def _print(title: str, result: dict[str, Any], goals: bool) -> None:
    signed = f" ({result['signed_in']} signed in)" if result.get("signed_in") else ""
    print(f"\n{title}: {result['clients']} clients{signed}, {result['duration_s']} s, "
          f"{result['requests']} requests ({result['requests_per_s']}/s), "
          f"{result['errors']} errors")  # fmt: skip
    print(f"  {'request':<14}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
          + ("   goal p99" if goals else ""))  # fmt: skip
    for name, r in result["by_request"].items():
        line = (f"  {name:<14}{r['requests']:>7}{r['p50_ms']:>9}{r['p95_ms']:>9}"
                f"{r['p99_ms']:>9}{r['max_ms']:>9}")  # fmt: skip
        if goals and name in GOALS_MS:
            ok = r["p99_ms"] <= GOALS_MS[name] and not r["errors"]
            line += f"   ≤ {GOALS_MS[name]} {'met' if ok else 'MISSED'}"
        if r["errors"]:
            line += f"  errors {r['errors']}"
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="load test of jixiao serve")
    parser.add_argument("--indicators", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=None, help="jixiao serve --threads")
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--no-saturation", action="store_true")
    parser.add_argument(
        "--signed-in",
        type=float,
        default=0.5,
        help="share of the clients signed in as a 财政审核 (session cookie)",
    )
    args = parser.parse_args(argv)

    CACHE.mkdir(exist_ok=True)
    db = args.db or CACHE / f"big-{args.indicators}.db"
    started = time.perf_counter()
    db = build_big_db(db, indicators=args.indicators)
    print(f"database: {db} ({db.stat().st_size / 1e6:.0f} MB, ready in "
          f"{time.perf_counter() - started:.0f} s)")  # fmt: skip
    rng = random.Random(7)
    # the run's reviewer account is written to a copy: the cached store stays as it was built
    with working_copy(db, "web") as db, tempfile.TemporaryDirectory() as tmp:
        login = _reviewer(db) if args.signed_in > 0 else None
        with serving(db, args.workers, args.threads) as url:
            _run(url, db, rng, Path(tmp), args, login)
    return 0


def _run(url: str, db: Path, rng: random.Random, tmp: Path, args: argparse.Namespace,
         login: str | None) -> None:  # fmt: skip
    """Warm the server, then the load run against the goals and the saturation run."""
    plan = tmp / "plan.json"
    plan.write_text(json.dumps(_plan(db, rng), ensure_ascii=False), encoding="utf-8")
    # warm the page cache and the workers before measuring
    _load(url, plan, 20, 5, (0.0, 0.0), tmp / "warm.json")
    result = _load(url, plan, args.clients, args.duration, (1.0, 3.0),
                   tmp / "load.json", login, args.signed_in)  # fmt: skip
    _print("load (think time 1–3 s)", result, goals=True)
    if not args.no_saturation:
        sat = _load(url, plan, args.clients, min(args.duration, 20), (0.0, 0.0),
                    tmp / "sat.json", login, args.signed_in)  # fmt: skip
        _print("saturation (no think time)", sat, goals=False)


if __name__ == "__main__":
    sys.exit(main())
