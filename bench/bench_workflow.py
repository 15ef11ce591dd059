"""200 concurrent users working through the workflow on a big store:
``python -m bench.bench_workflow``.

The store is the benchmarks' big one (:mod:`bench.bigdb`, ≥ 1,000,000 indicators by default;
``--indicators`` for a quick run), copied so the cached file stays as it is. ``--departments``
of its documents get four accounts each (two 单位填报 at the department, one 主管部门审核, one
财政审核): 200 users by default, each a thread acting through the services as the web app's
workers do (one :class:`Store`, its connection pool). Fillers edit a project in an editable
state (their mark appended to its goal, with the version they read) and send it; department
reviewers take their 待办 and pass or return it (a third returned, with a reason); finance
passes, gives 终审 and 批复. A stale version or a state someone else changed first is
refused (409) and counted as a conflict, not an error: the user reads again.

Prints p50 / p95 / p99 per action, errors (anything else raised: must be 0) and **lost
updates**: every edit acknowledged must be in the final goal of its project (must be 0).

    .venv/bin/python -m bench.bench_workflow [--indicators 1000000] [--users 200]
        [--duration 60] [--departments 50]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.errors import ConflictError, JixiaoError
from jixiao.services import accounts, documents, inbox
from jixiao.services import workflow as wf
from jixiao.services.actor import Actor, cli_actor
from jixiao.services.policy import load_policy
from jixiao.store import ProjectFilter, Store

from .bigdb import CACHE, build_big_db

PASSWORD = "Bench#Workflow1"
POOL = 64


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    conflicts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[str] = field(default_factory=list)
    marks: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def timed(self, action: str, started: float) -> None:
        with self.lock:
            self.times[action].append((time.perf_counter() - started) * 1000)


def _users(store: Store, departments: list[str]) -> dict[str, list[wf.Acting]]:
    """Four accounts per department (two fillers, a department and a finance reviewer, this
    one assigned that department), acting as they would once signed in."""
    policy = load_policy()
    actor = cli_actor()
    out: dict[str, list[wf.Acting]] = defaultdict(list)
    for k, department in enumerate(departments):
        for role, name, org in [
            ("unit_filler", f"u{k}a", department),
            ("unit_filler", f"u{k}b", department),
            ("department_reviewer", f"d{k}", department),
            ("finance_reviewer", f"f{k}", "财政"),
        ]:
            new = accounts.NewUser(name, name, PASSWORD, [role], org, must_change=False)
            accounts.create_user(store, policy, actor, (), new)
            with store.accounts(write=True) as rows:
                user = rows.user_by_name(name)
                place = rows.find_org(department)
                if role == "finance_reviewer":
                    rows.set_scopes(user.id, [place])
            scopes = frozenset({place}) if role == "finance_reviewer" else frozenset()
            who = Actor(name, frozenset({role}), user.id, user.org_id, "bench", scopes)
            out[role].append(wf.Acting(who, policy.permissions_of({role}) | {"account.self"}))
    return out


THINK = (0.5, 2.0)
"""Seconds a user pauses between two actions (reading, typing), as people at browsers do."""


def _filler(
    store: Store, who: wf.Acting, projects: list[str], until: float, t: Tally, rng: random.Random
) -> None:
    n = 0
    while time.perf_counter() < until:
        time.sleep(rng.uniform(*THINK))
        project = rng.choice(projects)
        started = time.perf_counter()
        try:
            page = wf.project_workflow(store, who, project)
            t.timed("read", started)
            if not page.editable:
                continue
            n += 1
            mark = f"[{who.actor.name}#{n}]"
            goal = _goal(store, page.document_id, project)
            change = documents.ProjectEdit({"goal": f"{goal}{mark}"}, {}, "压力测试修改")
            started = time.perf_counter()
            documents.edit_project(store, who.actor, project, change, read_version=page.version)
            t.timed("edit", started)
            with t.lock:
                t.marks[project].append(mark)
            started = time.perf_counter()
            version = wf.project_workflow(store, who, project).version
            wf.transition(store, who, project, "submit", read_version=version)
            t.timed("submit", started)
        except ConflictError:
            with t.lock:
                t.conflicts["filler"] += 1
        except JixiaoError as exc:
            with t.lock:
                t.errors.append(f"{who.actor.name}: {exc.describe()}")


def _goal(store: Store, document_id: int, project: str) -> str:
    found = store.load(document_id).project(project)
    return "" if found is None else found[1].goal


def _reviewer(
    store: Store, who: wf.Acting, until: float, t: Tally, rng: random.Random, finance: bool
) -> None:
    while time.perf_counter() < until:
        time.sleep(rng.uniform(*THINK))
        started = time.perf_counter()
        try:
            box = inbox.inbox(store, who, limit=20)
            t.timed("inbox", started)
            if not box.todo:
                continue
            entry = rng.choice(box.todo)
            page = wf.project_workflow(store, who, entry.project_id)
            actions = {a.key for a in page.actions}
            if not finance and "return" in actions and rng.random() < 1 / 3:
                action, comment = "return", "请补充可衡量的指标值"
            else:
                action = next((a for a in ("approve", "final", "reply") if a in actions), None)
                comment = ""
                if action is None:
                    continue
            started = time.perf_counter()
            wf.transition(
                store, who, entry.project_id, action, comment=comment, read_version=page.version
            )
            t.timed(f"{'finance' if finance else 'department'} {action}", started)
        except ConflictError:
            with t.lock:
                t.conflicts["reviewer"] += 1
        except JixiaoError as exc:
            with t.lock:
                t.errors.append(f"{who.actor.name}: {exc.describe()}")


def run(db: Path, users: int, departments: int, duration: float) -> bool:
    with Store(str(db), pool_size=POOL) as store:
        chosen = store.documents()[:departments]
        names = [d.department for d in chosen]
        started = time.perf_counter()
        people = _users(store, names)
        print(
            f"{sum(len(v) for v in people.values())} accounts in {len(names)} departments "
            f"({time.perf_counter() - started:.0f} s)"
        )
        projects = {
            d.id: [
                p.id for p in store.projects_page(ProjectFilter(document_id=d.id, limit=500)).items
            ]
            for d in chosen
        }
        t = Tally()
        until = time.perf_counter() + duration
        threads = []
        for k, d in enumerate(chosen):
            rng = random.Random(k)
            for filler in people["unit_filler"][2 * k : 2 * k + 2]:
                threads.append(
                    threading.Thread(
                        target=_filler,
                        args=(store, filler, projects[d.id], until, t, random.Random(rng.random())),
                    )
                )
            threads.append(
                threading.Thread(
                    target=_reviewer,
                    args=(store, people["department_reviewer"][k], until, t, rng, False),
                )
            )
            threads.append(
                threading.Thread(
                    target=_reviewer,
                    args=(store, people["finance_reviewer"][k], until, t, rng, True),
                )
            )
        threads = threads[:users]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        lost = 0
        for d in chosen:
            doc = store.load(d.id)
            for _unit, project in doc.projects():
                for mark in t.marks.get(project.id, []):
                    if project.goal.count(mark) != 1:
                        lost += 1
    print(f"{len(threads)} users for {duration:.0f} s on {db.name}")
    for action, times in sorted(t.times.items()):
        q = statistics.quantiles(times, n=100) if len(times) > 1 else times * 99
        print(
            f"  {action:<22} {len(times):6d} × p50 {q[49]:8.1f} ms  p95 {q[94]:8.1f} ms  "
            f"p99 {q[98]:8.1f} ms"
        )
    acknowledged = sum(len(v) for v in t.marks.values())
    print(f"  conflicts (stale or already moved, read again): {dict(t.conflicts)}")
    print(f"  edits acknowledged {acknowledged}, lost updates {lost}, errors {len(t.errors)}")
    for line in t.errors[:10]:
        print(f"    {line}")
    return lost == 0 and not t.errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="200 users through the workflow")
    parser.add_argument("--indicators", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--departments", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    args = parser.parse_args(argv)
    CACHE.mkdir(exist_ok=True)
    big = build_big_db(CACHE / f"big-{args.indicators}.db", indicators=args.indicators)
    work = CACHE / f"workflow-{args.indicators}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(big, work)  # the cached store stays as it was built
    try:
        ok = run(work, args.users, min(args.departments, -(-args.users // 4)), args.duration)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
