"""200 concurrent users working through the workflow on a big store, over HTTP:
``python -m bench.bench_workflow``.

The store is the benchmarks' big one (:mod:`bench.bigdb`, ≥ 1,000,000 indicators by default;
``--indicators`` for a quick run), copied so the cached file stays as it is. ``--departments``
of its documents get four accounts each (two 单位填报 at the department, one 主管部门审核, one
财政审核 assigned that department): 200 users by default. ``jixiao serve`` runs on the copy
with ``--workers`` processes (2 by default, this machine's cores), as in production, and the
users speak HTTP to it from this process (aiohttp, one event loop), each signed in through
the login form with its own session cookie, so every request goes through the app's session,
permission, scope and CSRF checks.

Fillers read a project's workflow state (``GET /api/v1/projects/{id}/workflow``); in an
editable state they read it (``GET /api/v1/projects/{id}``), edit it through the form a
browser posts (``POST /projects/{id}/edit``: their mark appended to its goal, with the version
they read) and send it (``POST …/workflow`` ``submit``). Department reviewers read their 待办
(``GET /api/v1/inbox``) and pass or return a project (a third returned, with a reason);
finance passes, gives 终审 and 批复. Each user pauses 0.5–2 s between two actions
(``--think LO,HI``: 1,3 is the web load test's pace). A stale version or a state someone
else changed first is refused (409, or the form's conflict) and counted as a conflict, not
an error: the user reads again.

Prints p50 / p95 / p99 per action, errors (any other answer: must be 0) and **lost
updates**: every edit acknowledged must be in the final goal of its project (must be 0).

    .venv/bin/python -m bench.bench_workflow [--indicators 1000000] [--users 200]
        [--duration 60] [--departments 50] [--workers 2] [--think 0.5,2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import sys
import time
from collections import defaultdict
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from .bench_web import serving
from .bigdb import CACHE, build_big_db, build_big_pg, pg_working_copy, working_copy
from .loadgen import percentile, sign_in

PASSWORD = "Bench#Workflow1"
THINK = (0.5, 2.0)
"""Seconds a user pauses between two actions (reading, typing), as people at browsers do: the
stress case by default; ``--think 1,3`` is the web load test's pace (:mod:`bench.bench_web`)."""
REFUSED = ("已被他人修改", "不能修改")
"""What the edit form says when it refuses a save for a conflict (stale version) or a state
someone else changed first (the project was sent meanwhile): read again, not an error."""


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    conflicts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[str] = field(default_factory=list)
    marks: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def timed(self, action: str, started: float) -> None:
        self.times[action].append((time.perf_counter() - started) * 1000)


@dataclass(frozen=True)
class User:
    name: str
    role: str
    department: int  # index into the departments chosen


def _accounts(db: str, departments: int) -> tuple[list[User], dict[int, list[str]]]:
    """Four accounts per department (two fillers, a department and a finance reviewer, this
    one assigned that department) and each department's projects, made through the services
    before the server starts."""
    from jixiao.services import accounts
    from jixiao.services.actor import cli_actor
    from jixiao.services.policy import load_policy
    from jixiao.store import ProjectFilter, Store

    policy = load_policy()
    users: list[User] = []
    projects: dict[int, list[str]] = {}
    with Store(db) as store:
        chosen = store.documents()[:departments]
        for k, d in enumerate(chosen):
            page = store.projects_page(ProjectFilter(document_id=d.id, limit=500))
            projects[k] = [p.id for p in page.items]
            for role, name, org in [
                ("unit_filler", f"u{k}a", d.department),
                ("unit_filler", f"u{k}b", d.department),
                ("department_reviewer", f"d{k}", d.department),
                ("finance_reviewer", f"f{k}", "财政"),
            ]:
                new = accounts.NewUser(name, name, PASSWORD, [role], org, must_change=False)
                accounts.create_user(store, policy, cli_actor(), (), new)
                if role == "finance_reviewer":
                    with store.accounts(write=True) as rows:
                        user = rows.user_by_name(name)
                        rows.set_scopes(user.id, [rows.find_org(d.department)])
                users.append(User(name, role, k))
    return users, projects


async def _csrf(client: aiohttp.ClientSession) -> str:
    """The session's CSRF token, as a page of the app carries it in its forms."""
    async with client.get("/inbox") as response:
        page = await response.text()
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    if found is None:
        raise SystemExit("the inbox page has no csrf field")
    return found.group(1)


async def _json(
    client: aiohttp.ClientSession, method: str, url: str, body: Any = None
) -> tuple[int, Any]:
    async with client.request(method, url, json=body) as response:
        data = await response.json(content_type=None)
        return response.status, data


def _failed(t: Tally, user: User, what: str, status: int, data: Any) -> None:
    t.errors.append(f"{user.name} {what}: HTTP {status} {str(data)[:200]}")


async def _filler(
    client: aiohttp.ClientSession, user: User, projects: list[str], until: float, t: Tally,
    rng: random.Random, think: tuple[float, float],
) -> None:  # fmt: skip
    csrf = await _csrf(client)
    n = 0
    while time.perf_counter() < until:
        await asyncio.sleep(rng.uniform(*think))
        project = rng.choice(projects)
        started = time.perf_counter()
        status, page = await _json(client, "GET", f"/api/v1/projects/{project}/workflow")
        if status != 200:
            _failed(t, user, "read", status, page)
            continue
        t.timed("read", started)
        if not page["editable"]:
            continue
        started = time.perf_counter()
        status, detail = await _json(client, "GET", f"/api/v1/projects/{project}")
        if status != 200:
            _failed(t, user, "project", status, detail)
            continue
        t.timed("project", started)
        n += 1
        mark = f"[{user.name}#{n}]"
        form = {"p:goal": f"{detail['goal']}{mark}", "version": str(page["version"]),
                "csrf": csrf}  # fmt: skip
        started = time.perf_counter()
        async with client.post(
            f"/projects/{project}/edit", data=form, allow_redirects=False
        ) as response:
            body = await response.text()
            if response.status != 303:
                if response.status == 422 and any(r in body for r in REFUSED):
                    t.conflicts["filler"] += 1
                else:
                    _failed(t, user, "edit", response.status, body[-300:])
                continue
        t.timed("edit", started)
        t.marks[project].append(mark)
        started = time.perf_counter()
        status, page = await _json(client, "GET", f"/api/v1/projects/{project}/workflow")
        if status == 200:
            body = {"action": "submit", "version": page["version"]}
            status, page = await _json(client, "POST", f"/api/v1/projects/{project}/workflow", body)
        if status == 409:
            t.conflicts["filler"] += 1
        elif status != 200:
            _failed(t, user, "submit", status, page)
        else:
            t.timed("submit", started)


async def _reviewer(
    client: aiohttp.ClientSession, user: User, until: float, t: Tally, rng: random.Random,
    think: tuple[float, float],
) -> None:  # fmt: skip
    finance = user.role == "finance_reviewer"
    while time.perf_counter() < until:
        await asyncio.sleep(rng.uniform(*think))
        started = time.perf_counter()
        status, box = await _json(client, "GET", "/api/v1/inbox?limit=20")
        if status != 200:
            _failed(t, user, "inbox", status, box)
            continue
        t.timed("inbox", started)
        if not box["todo"]:
            continue
        project = rng.choice(box["todo"])["project_id"]
        status, page = await _json(client, "GET", f"/api/v1/projects/{project}/workflow")
        if status != 200:
            _failed(t, user, "read", status, page)
            continue
        actions = {a["key"] for a in page["actions"]}
        if not finance and "return" in actions and rng.random() < 1 / 3:
            action, comment = "return", "请补充可衡量的指标值"
        else:
            found = next((a for a in ("approve", "final", "reply") if a in actions), None)
            if found is None:
                continue
            action, comment = found, ""
        started = time.perf_counter()
        body = {"action": action, "comment": comment, "version": page["version"]}
        status, moved = await _json(client, "POST", f"/api/v1/projects/{project}/workflow", body)
        if status == 409:
            t.conflicts["reviewer"] += 1
        elif status != 200:
            _failed(t, user, action, status, moved)
        else:
            t.timed(f"{'finance' if finance else 'department'} {action}", started)


async def _guarded(job: Any, user: User, t: Tally) -> None:
    """A user's loop; a broken connection ends that user's work, counted as an error."""
    try:
        await job
    except (aiohttp.ClientError, TimeoutError) as exc:
        t.errors.append(f"{user.name}: {type(exc).__name__} {exc}")


async def _run_users(
    url: str, users: list[User], projects: dict[int, list[str]], duration: float, t: Tally,
    think: tuple[float, float],
) -> None:  # fmt: skip
    timeout = aiohttp.ClientTimeout(total=300.0)  # a slow answer is measured, not an error
    # idle connections are dropped before uvicorn's keep-alive (5 s) drops them under a request
    connector = aiohttp.TCPConnector(limit=len(users), keepalive_timeout=3)
    sessions = [
        aiohttp.ClientSession(base_url=url, connector=connector, connector_owner=False,
                              timeout=timeout, cookie_jar=aiohttp.CookieJar(unsafe=True))
        for _ in users
    ]  # fmt: skip
    try:
        for session, user in zip(sessions, users, strict=True):
            await sign_in(session, f"{user.name}:{PASSWORD}")
        until = time.perf_counter() + duration
        jobs = []
        for k, (session, user) in enumerate(zip(sessions, users, strict=True)):
            rng = random.Random(k)
            if user.role == "unit_filler":
                jobs.append(_filler(session, user, projects[user.department], until, t, rng,
                                    think))  # fmt: skip
            else:
                jobs.append(_reviewer(session, user, until, t, rng, think))
        await asyncio.gather(
            *(_guarded(job, user, t) for job, user in zip(jobs, users, strict=True))
        )
    finally:
        for session in sessions:
            await session.close()
        await connector.close()


def _lost(db: str, t: Tally) -> int:
    """Acknowledged edits missing from the final content (read through a Store)."""
    from jixiao.store import Store

    lost = 0
    with Store(db) as store:
        documents = {store.project(p).document_id for p in t.marks}
        for document_id in documents:
            for _unit, project in store.load(document_id).projects():
                for mark in t.marks.get(project.id, []):
                    if project.goal.count(mark) != 1:
                        lost += 1
    return lost


def _load() -> str:
    return "load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg())


def run(db: str, users: int, departments: int, duration: float, workers: int,
        think: tuple[float, float] = THINK, threads: int | None = None) -> bool:  # fmt: skip
    started = time.perf_counter()
    people, projects = _accounts(db, departments)
    people = people[:users]
    print(f"{len(people)} accounts in {departments} departments "
          f"({time.perf_counter() - started:.0f} s)")  # fmt: skip
    t = Tally()
    from jixiao.store.connect import mask

    with serving(db, workers, threads) as url:
        print(f"serving {mask(db)} with {workers} workers; {_load()} before")
        asyncio.run(_run_users(url, people, projects, duration, t, think))
        after = _load()
    lost = _lost(db, t)
    print(f"{len(people)} users for {duration:.0f} s over HTTP, pausing {think[0]}–{think[1]} s; "
          f"{after} at the end")  # fmt: skip
    for action, times in sorted(t.times.items()):
        print(
            f"  {action:<22} {len(times):6d} × p50 {percentile(times, 50):8.1f} ms  "
            f"p95 {percentile(times, 95):8.1f} ms  p99 {percentile(times, 99):8.1f} ms"
        )
    acknowledged = sum(len(v) for v in t.marks.values())
    print(f"  conflicts (stale or already moved, read again): {dict(t.conflicts)}")
    print(f"  edits acknowledged {acknowledged}, lost updates {lost}, errors {len(t.errors)}")
    for line in t.errors[:10]:
        print(f"    {line}")
    return lost == 0 and not t.errors


def _think(text: str) -> tuple[float, float]:
    lo, _, hi = text.partition(",")
    try:
        found = (float(lo), float(hi))
    except ValueError:
        raise argparse.ArgumentTypeError("应为 LO,HI（秒），如 1,3") from None
    if not 0 <= found[0] <= found[1]:
        raise argparse.ArgumentTypeError("应为 0 ≤ LO ≤ HI")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="200 users through the workflow, over HTTP")
    parser.add_argument("--indicators", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--departments", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=None,
                        help="jixiao serve --threads (default: its own)")  # fmt: skip
    parser.add_argument("--think", type=_think, default=THINK, metavar="LO,HI",
                        help="seconds a user pauses between actions (default 0.5,2)")  # fmt: skip
    parser.add_argument(
        "--pg",
        metavar="URL",
        default=None,
        help="run on PostgreSQL: a database URL on its server (the big store is built there "
        "once as jixiao_big_N; each run works on a copy of it)",
    )
    args = parser.parse_args(argv)
    departments = min(args.departments, -(-args.users // 4))
    copy: AbstractContextManager[Path | str]
    if args.pg:
        copy = pg_working_copy(build_big_pg(args.pg, args.indicators), "workflow")
    else:
        CACHE.mkdir(exist_ok=True)
        big = build_big_db(CACHE / f"big-{args.indicators}.db", indicators=args.indicators)
        copy = working_copy(big, "workflow")
    with copy as work:
        ok = run(str(work), args.users, departments, args.duration, args.workers, args.think,
                 args.threads)  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
