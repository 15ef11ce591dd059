"""The finance overview of a province-sized monitoring task: ``python -m bench.bench_tasks``
(part of ``make bench``).

1. builds (once, cached under ``bench/.cache/``) the big store of :mod:`bench.bigdb` (≥ 1,000,000
   indicators), copies it, and on the copy issues one monitoring task (1-6月) over every
   published project through :func:`jixiao.services.tasks.issue_task`, then fills every report:
   a current value per indicator (its target's number times a factor, or an achievement word),
   完成可能性, reasons where the light asks for them, each report checked by
   :func:`jixiao.monitoring.form.check_form` (its lights) and stored with its figures, as a
   save stores them (written in bulk, one transaction per batch);
2. times the whole overview (:func:`jixiao.services.task_overview.overview`: every count and
   sum, the first page of the table and of the deviation register) for finance (every report)
   and for one department, and the overview's xlsx export;
3. starts ``jixiao serve`` on the copy and runs :mod:`bench.loadgen` with 200 clients (think
   time 1–3 s), the overview page among the usual pages (project pages, search, dashboards),
   signed in with a 财政审核 account's API token; prints p50/p95/p99 per request kind.

Options: ``--indicators N`` (a quick run: ``--indicators 20000``), ``--clients``,
``--duration``, ``--workers``, ``--no-load``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, update

from jixiao.model import Project, Target
from jixiao.monitoring import load_monitoring_rules
from jixiao.monitoring.form import blank, check_form
from jixiao.selfeval import load_selfeval_rules
from jixiao.selfeval.scoring import target_of
from jixiao.services import accounts, credentials, task_overview, tasks
from jixiao.services.actor import cli_actor
from jixiao.services.policy import load_policy
from jixiao.store import Store
from jixiao.store.lifecycle_schema import task_report_indicators, task_report_versions, task_reports
from jixiao.targets import type_target
from jixiao.tasks import monitoring_figures, monitoring_to_dict

from .bench_web import _load, _plan, _print, serving
from .bigdb import CACHE, build_big_db

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2024
PASSWORD = "Bench#Tasks2024"
WORDS = ["已完成", "基本完成", "部分完成", "未完成"]
GOAL_MS = {"task_overview": 500, "task_report": 100}


def _current(target: Target, rnd: random.Random) -> Target:
    """A June value: around half the target, spread so every light occurs."""
    if target.kind == "quantitative" and target.value is not None:
        factor = Decimal(rnd.randint(20, 80)) / 100
        if target.unit == "%":
            factor = Decimal(rnd.randint(55, 105)) / 100
        value = (target.value * factor).quantize(Decimal("0.01"))
        return type_target(f"{value}{target.unit or ''}")
    return type_target(rnd.choice(WORDS))


def _copy(src: Path, dst: Path) -> None:
    building = dst.with_name(dst.name + ".building")
    building.unlink(missing_ok=True)
    a, b = sqlite3.connect(f"file:{src}?mode=ro", uri=True), sqlite3.connect(building)
    a.backup(b, pages=50_000)
    b.close()
    a.close()
    building.rename(dst)


def _fill(store: Store, task_id: int, log: Any) -> tuple[int, int, float]:
    """Fill every report of the task; returns (reports, indicators, seconds)."""
    rules, scoring = load_monitoring_rules(), load_selfeval_rules()
    rnd = random.Random(7)
    started = time.perf_counter()
    with store.tasks() as rows:
        found = list(rows.iter_reports(task_id, None))
    by_doc: dict[int, list[Any]] = {}
    for r in found:
        by_doc.setdefault(r.document_id, []).append(r)
    states = ["draft"] * 2 + ["submitted"] * 3 + ["department_approved"] * 2 + ["approved"] * 3
    done = indicators = 0
    stamp = date.today().isoformat()
    for k, (doc_id, reports) in enumerate(by_doc.items()):
        doc = store.load(doc_id)
        projects: dict[str, Project] = {p.id: p for _, p in doc.projects()}
        updates: list[dict[str, Any]] = []
        lines: list[dict[str, Any]] = []
        versions: list[dict[str, Any]] = []
        for r in reports:
            project = projects[r.project_uid]
            form = blank(project, YEAR, 6)
            share = Decimal(rnd.randint(20, 70)) / 100
            spent = (project.funds.total or Decimal(100)) * share
            form.budget.spent = spent.quantize(Decimal("0.01"))
            for ind in project.indicators:
                e = form.entries[ind.id]
                e.current = _current(target_of(ind), rnd)
                e.possibility = rnd.choice(["确定能", "确定能", "确定能", "有可能"])
            checked = check_form(form, project, rules, scoring)
            for ind in project.indicators:
                e = form.entries[ind.id]
                light = checked.lights[ind.id].key
                if light == "red" or e.possibility != "确定能":
                    e.reasons = [rnd.choice(rules.reasons)]
                    e.measures = "加快实施进度"
            form.deviation = "部分指标进度滞后" if checked.project == "red" else None
            checked = check_form(form, project, rules, scoring)
            figures = monitoring_figures(form, checked, project)
            state = rnd.choice(states)
            data = json.dumps(monitoring_to_dict(form), ensure_ascii=False, separators=(",", ":"))
            updates.append({"rid": r.id, "state": state, "version": 2, "updated_at": stamp,
                            "updated_by": "bench", "data": data, "budget": figures.budget,
                            "spent": figures.spent, "rate": figures.rate,
                            "light": figures.light, "problems": len(figures.problems)})  # fmt: skip
            versions.append({"report_id": r.id, "version": 2, "created_at": stamp,
                             "created_by": "bench", "action": "保存", "reason": "基准数据",
                             "state": state, "data": data})  # fmt: skip
            for n, f in enumerate(figures.indicators):
                lines.append({"report_id": r.id, "position": n, "task_id": task_id,
                              "uid": f.uid, "seq": f.seq, "level1": f.level1, "name": f.name,
                              "target": f.target, "current": f.current, "light": f.light,
                              "possibility": f.possibility, "reasons": f.reasons,
                              "measures": f.measures, "score": None})  # fmt: skip
        with store.tasks(write=True) as rows:
            c = task_reports.c
            rows.conn.execute(
                update(task_reports).where(c.id == bindparam("rid")).values(
                    state=bindparam("state"), version=bindparam("version"),
                    updated_at=bindparam("updated_at"), updated_by=bindparam("updated_by"),
                    data=bindparam("data"), budget=bindparam("budget"), spent=bindparam("spent"),
                    rate=bindparam("rate"), light=bindparam("light"),
                    problems=bindparam("problems"),
                ),
                updates,
            )  # fmt: skip
            rows.conn.execute(insert(task_report_versions), versions)
            if lines:
                rows.conn.execute(insert(task_report_indicators), lines)
        done += len(reports)
        indicators += len(lines)
        if (k + 1) % 500 == 0:
            log(f"  {done} reports, {indicators} indicators, {time.perf_counter() - started:.0f} s")
    return done, indicators, time.perf_counter() - started


def prepare(indicators: int, log: Any = print) -> tuple[Path, int]:
    """The cached copy of the big store with its task filled in, and the task's id."""
    CACHE.mkdir(exist_ok=True)
    big = build_big_db(CACHE / f"big-{indicators}.db", indicators=indicators)
    db = CACHE / f"tasks-{indicators}.db"
    marker = db.with_name(db.name + ".task")
    if db.exists() and marker.exists():
        return db, int(marker.read_text())
    marker.unlink(missing_ok=True)
    started = time.perf_counter()
    _copy(big, db)
    log(f"copied {big.name} in {time.perf_counter() - started:.0f} s")
    with Store(str(db)) as store:
        t0 = time.perf_counter()
        new = tasks.NewTask("monitoring", YEAR, date.today() + timedelta(days=10), "1-6月")
        issued = tasks.issue_task(store, cli_actor(), new)
        log(f"issued task {issued.task_id}: {issued.reports} reports in "
            f"{time.perf_counter() - t0:.1f} s")  # fmt: skip
        reports, count, seconds = _fill(store, issued.task_id, log)
        log(f"filled {reports} reports, {count} indicators with current values and lights in "
            f"{seconds:.0f} s ({count / seconds:,.0f} indicators/s)")  # fmt: skip
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")  # the planner's statistics of the new tables
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    marker.write_text(str(issued.task_id))
    return db, issued.task_id


def _accounts(store: Store) -> tuple[str, Any]:
    """A 财政审核 account's API token, and a department reviewer's actor."""
    policy = load_policy()
    with store.accounts() as rows:
        have = rows.user_by_name("bench_fin") is not None
        department = rows.conn.exec_driver_sql(
            "SELECT department FROM task_reports ORDER BY id LIMIT 1"
        ).scalar_one()
    if not have:
        for name, role, org in (("bench_fin", "finance_reviewer", "财政"),
                                ("bench_dep", "department_reviewer", department)):  # fmt: skip
            new = accounts.NewUser(name, name, PASSWORD, [role], org, must_change=False)
            accounts.create_user(store, policy, cli_actor(), (), new)
    signed = accounts.sign_in(store, policy, "bench_fin", PASSWORD, "bench")
    token = credentials.create_token(store, policy, signed.principal, "bench").secret
    dep = accounts.sign_in(store, policy, "bench_dep", PASSWORD, "bench").principal.actor
    return token, dep


def _time(fn: Any, repeat: int = 5) -> tuple[float, float]:
    fn()  # warm
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return min(runs) * 1000, statistics.median(runs) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the finance overview of a big monitoring task")
    parser.add_argument("--indicators", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--no-export", action="store_true", help="skip the xlsx export")
    args = parser.parse_args(argv)

    db, task_id = prepare(args.indicators)
    today = date.today()
    with Store(str(db)) as store:
        token, dep = _accounts(store)
        with store.tasks() as rows:
            reports = rows.reports(task_id, None, limit=1)[1]
            totals = rows.totals(task_id, None)
        print(f"\ntask {task_id}: {reports:,} reports, {totals.indicators:,} indicators with "
              f"current values; lights {totals.indicator_lights}")  # fmt: skip
        fin = cli_actor()
        best, median = _time(lambda: task_overview.overview(store, fin, task_id, today))
        print(f"whole overview (finance, every report): {best:.0f} ms best, {median:.0f} ms median")
        best, median = _time(lambda: task_overview.overview(store, dep, task_id, today))
        print(
            f"whole overview (one department):         {best:.0f} ms best, {median:.0f} ms median"
        )
        last = max(0, reports - 100)
        best, median = _time(
            lambda: task_overview.overview(store, fin, task_id, today, offset=last, register=100)
        )
        print(
            f"overview, last page of the table:        {best:.0f} ms best, {median:.0f} ms median"
        )
        kept: dict[Any, Any] = {}

        def memo(key: Any, compute: Any) -> Any:
            if key not in kept:
                kept[key] = compute()
            return kept[key]

        best, median = _time(lambda: task_overview.overview(store, fin, task_id, today, memo=memo))
        print(
            f"overview, aggregates kept (as the app):  {best:.0f} ms best, {median:.0f} ms median"
        )
        if not args.no_export:
            t0 = time.perf_counter()
            _, data = task_overview.export_overview(store, fin, task_id, today)
            print(f"overview as xlsx (every report and deviation): "
                  f"{time.perf_counter() - t0:.1f} s, {len(data) / 1e6:.1f} MB")  # fmt: skip
        with store.tasks() as rows:
            some = [r.id for r in rows.reports(task_id, None, limit=2000)[0]]
    if args.no_load:
        return 0
    rng = random.Random(7)
    with serving(db, args.workers) as url, tempfile.TemporaryDirectory() as tmp:
        plan = _plan(db, rng)
        plan["task_overview"] = {"weight": 1, "urls": [f"/tasks/{task_id}/overview"]}
        plan["task_report"] = {
            "weight": 2,
            "urls": [f"/tasks/{task_id}/reports/{r}" for r in rng.sample(some, 300)],
        }
        path = Path(tmp) / "plan.json"
        path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        headers = [f"Authorization: Bearer {token}"]
        _load(url, path, 20, 5, (0.0, 0.0), Path(tmp) / "warm.json", headers=headers)
        result = _load(url, path, args.clients, args.duration, (1.0, 3.0),
                       Path(tmp) / "load.json", headers=headers)  # fmt: skip
        _print("load with the overview (think time 1–3 s)", result, goals=True)
        for name, goal in GOAL_MS.items():
            r = result["by_request"].get(name)
            if r:
                ok = r["p99_ms"] <= goal and not r["errors"]
                print(f"  {name}: p99 {r['p99_ms']} ms, goal ≤ {goal} ms "
                      f"{'met' if ok else 'MISSED'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
