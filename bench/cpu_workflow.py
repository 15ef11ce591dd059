"""CPU time the server spends per request of the workflow benchmark's mix, one request at a
time: ``python -m bench.cpu_workflow [--indicators 1000000] [--rounds 40]``.

The latency of :mod:`bench.bench_workflow` under 200 users is queueing: its requests wait
for the server's CPU. This prints what each kind of request costs that CPU (the ``jixiao
serve`` process's user + system time, read from ``/proc`` around each request, one worker),
so a change can be judged on a shared machine whose wall-clock figures vary 2–5×.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

import aiohttp

from .bench_web import serving
from .bench_workflow import PASSWORD, _accounts
from .bigdb import CACHE, build_big_db, working_copy
from .loadgen import sign_in

TICK = os.sysconf("SC_CLK_TCK")


def _server_pids(db: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if "serve" in cmd and str(db) in cmd:
                found.append(int(entry.name))
    return found


def _cpu_ms(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (after the state field)
    return total * 1000 / TICK


async def _measure(url: str, db: Path, projects: list[str], rounds: int) -> dict[str, list[float]]:
    pids = _server_pids(db)
    cpu: dict[str, list[float]] = defaultdict(list)
    jar = aiohttp.CookieJar(unsafe=True)
    filler = aiohttp.ClientSession(base_url=url, cookie_jar=jar)
    reviewer = aiohttp.ClientSession(base_url=url, cookie_jar=aiohttp.CookieJar(unsafe=True))
    try:
        await sign_in(filler, f"u0a:{PASSWORD}")
        await sign_in(reviewer, f"d0:{PASSWORD}")
        async with filler.get("/inbox") as r:
            csrf = re.search(r'name="csrf" value="([^"]+)"', await r.text())
        assert csrf is not None
        token = csrf.group(1)

        async def timed(kind: str, client: aiohttp.ClientSession, method: str, path: str,
                        **kw: object) -> tuple[int, object]:  # fmt: skip
            before = _cpu_ms(pids)
            async with client.request(method, path, allow_redirects=False, **kw) as r:  # type: ignore[arg-type]
                body = await r.read()
                status = r.status
            cpu[kind].append(_cpu_ms(pids) - before)
            data = json.loads(body) if r.content_type == "application/json" else None
            return status, data

        for n in range(rounds):
            project = projects[n % len(projects)]
            _, page = await timed("read", filler, "GET", f"/api/v1/projects/{project}/workflow")
            assert isinstance(page, dict)
            if not page["editable"]:
                continue
            _, detail = await timed("project", filler, "GET", f"/api/v1/projects/{project}")
            assert isinstance(detail, dict)
            form = {"p:goal": f"{detail['goal']}[cpu#{n}]", "version": str(page["version"]),
                    "csrf": token}  # fmt: skip
            status, _ = await timed("edit", filler, "POST", f"/projects/{project}/edit", data=form)
            assert status == 303, status
            _, page = await timed("read", filler, "GET", f"/api/v1/projects/{project}/workflow")
            assert isinstance(page, dict)
            body = {"action": "submit", "version": page["version"]}
            status, _ = await timed("submit", filler, "POST",
                                    f"/api/v1/projects/{project}/workflow", json=body)  # fmt: skip
            assert status == 200, status
            _, box = await timed("inbox", reviewer, "GET", "/api/v1/inbox?limit=20")
            assert isinstance(box, dict) and box["todo"]
            pick = box["todo"][0]["project_id"]
            _, page = await timed("read", reviewer, "GET", f"/api/v1/projects/{pick}/workflow")
            assert isinstance(page, dict)
            action = "return" if n % 3 == 0 else "approve"
            body = {"action": action, "comment": "请补充" if action == "return" else "",
                    "version": page["version"]}  # fmt: skip
            status, _ = await timed(action, reviewer, "POST",
                                    f"/api/v1/projects/{pick}/workflow", json=body)  # fmt: skip
            assert status == 200, status
    finally:
        await filler.close()
        await reviewer.close()
    return cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="server CPU per request of the workflow mix")
    parser.add_argument("--indicators", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args(argv)
    CACHE.mkdir(exist_ok=True)
    big = build_big_db(CACHE / f"big-{args.indicators}.db", indicators=args.indicators)
    with working_copy(big, "cpu") as work:
        _, projects = _accounts(str(work), 1)
        with serving(work, 1) as url:
            cpu = asyncio.run(_measure(url, work, projects[0], args.rounds))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"server CPU per request (ms, one worker, one request at a time; load {load})")
    for kind, values in sorted(cpu.items()):
        print(f"  {kind:<10} {len(values):4d} × mean {statistics.mean(values):6.1f}  "
              f"median {statistics.median(values):6.1f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
