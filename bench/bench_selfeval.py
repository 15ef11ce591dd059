"""Self-evaluation scoring and monitoring lights over ≥ 1,000,000 indicators with actuals, and
the audit of the corpus's real self-evaluations.

Run with ``make bench``. The indicators are the bundled table's, repeated, each given an actual
(its target's number times a factor between 0.4 and 1.3, in its unit; an achievement word for
qualitative targets) and a weight; then every indicator is scored, every project evaluated, and
every indicator and budget given a June light. Prints indicators/s for each.
"""

from __future__ import annotations

import argparse
import random
import time
from copy import copy
from decimal import Decimal
from pathlib import Path

from jixiao.framework import load_framework
from jixiao.ingest import read_bytes
from jixiao.ingest.text_layout import parse_text
from jixiao.model import Execution, Project, Target
from jixiao.monitoring import budget_light, indicator_light, load_monitoring_rules, project_light
from jixiao.selfeval import audit_document, load_selfeval_rules, score_indicator
from jixiao.selfeval.evaluate import evaluate, suggest_weights
from jixiao.selfeval.scoring import target_of
from jixiao.targets import type_target

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "src/jixiao/data/demo/000_bb9c12b27b9c899c.txt"
GOLDEN = ROOT / "tests/data/selfeval_audit"
WORDS = ["已完成", "基本完成", "未完成", "达到预期"]


def _actual(target: Target, rnd: random.Random) -> Target:
    if target.kind == "quantitative" and target.value is not None:
        factor = Decimal(rnd.randint(40, 130)) / 100
        value = (target.value * factor).quantize(Decimal("0.01"))
        return type_target(f"{value}{target.unit or ''}")
    return type_target(rnd.choice(WORDS))


def projects(count: int) -> list[Project]:
    """``count`` indicators or a little more: the seed's projects, repeated, with actuals."""
    rnd = random.Random(7)
    rules, framework = load_selfeval_rules(), load_framework()
    base = [p for _, p in parse_text(SEED.read_text("utf-8"), "seed.txt").projects()]
    for p in base:
        weights = suggest_weights(p.indicators, rules, framework)
        for ind in p.indicators:
            ind.weight = weights.get(ind.seq)
    out: list[Project] = []
    total = 0
    while total < count:
        for template in base:
            p = copy(template)
            p.indicators = [copy(ind) for ind in template.indicators]  # targets shared: read only
            for ind in p.indicators:
                ind.actual = _actual(target_of(ind), rnd)
                ind.deviation = "进度滞后"
            budget = p.funds.total or Decimal(100)
            spent = (budget * Decimal(rnd.randint(30, 100)) / 100).quantize(Decimal("0.01"))
            p.execution = Execution(full_year=budget, executed=spent)
            out.append(p)
            total += len(p.indicators)
            if total >= count:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=1_000_000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    corpus = projects(args.indicators)
    indicators = sum(len(p.indicators) for p in corpus)
    print(
        f"self-evaluation corpus: {len(corpus):,} projects, {indicators:,} indicators with "
        f"actuals (built in {time.perf_counter() - t0:.1f} s)"
    )
    rules, lights = load_selfeval_rules(), load_monitoring_rules()

    t = time.perf_counter()
    for p in corpus:
        for ind in p.indicators:
            score_indicator(ind, rules)
    s = time.perf_counter() - t
    print(f"  indicator scores: {s:.1f} s, {indicators / s:,.0f} indicators/s")

    t = time.perf_counter()
    grades: dict[str | None, int] = {}
    for p in corpus:
        grade = evaluate(p, rules).grade
        grades[grade] = grades.get(grade, 0) + 1
    s = time.perf_counter() - t
    print(f"  project evaluations (scores, total, grade, problems): {s:.1f} s, "
          f"{indicators / s:,.0f} indicators/s; grades {grades}")  # fmt: skip

    t = time.perf_counter()
    worst: dict[str | None, int] = {}
    for p in corpus:
        found = [
            indicator_light(target_of(i), i.actual, 6, lights, rules, name=i.name)
            for i in p.indicators
        ]
        ex = p.execution
        assert ex is not None
        found.append(budget_light(ex.full_year, ex.executed, 6, lights))
        key = project_light(found, lights)
        worst[key] = worst.get(key, 0) + 1
    s = time.perf_counter() - t
    print(f"  June lights (indicators, budget, project): {s:.1f} s, "
          f"{indicators / s:,.0f} indicators/s; project lights {worst}")  # fmt: skip

    t = time.perf_counter()
    audited = departures = 0
    for golden in sorted(GOLDEN.glob("*.expected.json")):
        path = ROOT / "tests/data/realworld" / golden.name.replace(".expected.json", ".html")
        for doc in read_bytes(path.read_bytes(), path.name):
            departures += len(audit_document(doc, rules).departures)
            audited += 1
    s = time.perf_counter() - t
    print(f"  audit of {audited} real self-evaluations (reading included): "
          f"{s * 1000 / max(audited, 1):.1f} ms each, {departures} departures")  # fmt: skip


if __name__ == "__main__":
    main()
