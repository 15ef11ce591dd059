"""A self-evaluation filled in Jixiao: score a project whose actuals (and, for qualitative
indicators, the reviewer's score within the band) are entered, suggest weights from the
configured class weights, and say what must still be done before it can be submitted.

Unlike the audit of a published table, nothing here is taken as printed: every score is the
rule's, a qualitative one is the reviewer's pick and must lie within its band (refused with the
reason otherwise), and an indicator the rules cannot score is a problem to resolve, not a zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..errors import InputError
from ..framework import Framework
from ..model import Indicator, Project
from .config import EXECUTION, SelfEvalRules
from .scoring import ExecutionScore, Score, Unscored, num, points, score_execution, score_indicator

CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something to resolve before submitting, on one indicator (``seq``) or the project."""

    message: str
    seq: int | None = None
    field: str | None = None  # actual, score, weight, deviation, execution


@dataclass(slots=True)
class IndicatorScore:
    indicator: Indicator
    result: Score | Unscored
    score: Decimal | None  # the score that counts: the rule's, or the reviewer's within the band


@dataclass(slots=True)
class Evaluation:
    indicators: list[IndicatorScore] = field(default_factory=list)
    execution: ExecutionScore | Unscored | None = None
    total: Decimal | None = None
    grade: str | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.problems and self.total is not None


def check_manual_score(indicator: Indicator, score: Decimal, rules: SelfEvalRules) -> None:
    """Refuse a reviewer's score the rules do not allow, with the reason (an
    :class:`~jixiao.errors.InputError`): outside the qualitative band, or different from the
    formula's score of a quantitative indicator, or outside 0 - weight."""
    result = score_indicator(indicator, rules)
    where = f"第 {indicator.seq} 个指标“{indicator.name}”"
    if indicator.weight is not None and not 0 <= score <= indicator.weight:
        raise InputError(
            f"{where}的得分 {num(score)} 超出范围", expected=f"0 到分值 {num(indicator.weight)}"
        )
    if isinstance(result, Unscored):
        return
    if result.exact is not None:
        if score.quantize(CENT, ROUND_HALF_UP) != result.exact.quantize(CENT, ROUND_HALF_UP):
            raise InputError(
                f"{where}按计分规则得 {points(result.exact)} 分，不能手工改为 {num(score)}",
                expected=result.basis,
            )
        return
    if not result.low <= score <= result.high:
        raise InputError(
            f"{where}的得分 {num(score)} 不在“{result.band}”档内",
            expected=f"{points(result.low)} 到 {points(result.high)} 分（{result.basis}）",
        )


def evaluate(project: Project, rules: SelfEvalRules) -> Evaluation:
    """Score ``project`` as entered: each indicator by its rule (a qualitative one by the
    reviewer's score in ``indicator.score``, checked against its band), the budget, the total
    and the grade, with every problem that keeps it from being complete."""
    out = Evaluation()
    for ind in project.indicators:
        result = score_indicator(ind, rules)
        counted: Decimal | None = None
        if isinstance(result, Unscored):
            field_ = "weight" if ind.weight is None else "actual"
            out.problems.append(Problem(f"不能计分：{result.reason}", ind.seq, field_))
        elif result.exact is not None:
            counted = result.exact
        elif ind.score is None:
            out.problems.append(
                Problem(
                    f"定性指标请在 {points(result.low)} 到 {points(result.high)} 分之间评分"
                    f"（{result.basis}）",
                    ind.seq,
                    "score",
                )
            )
        else:
            try:
                check_manual_score(ind, ind.score, rules)
            except InputError as exc:
                out.problems.append(Problem(exc.message, ind.seq, "score"))
            else:
                counted = ind.score
        if (
            isinstance(result, Score)
            and result.met is not True
            and not (ind.deviation or "").strip()
        ):
            out.problems.append(Problem("未完全达到目标，须填写偏差原因分析及改进措施", ind.seq,
                                        "deviation"))  # fmt: skip
        out.indicators.append(IndicatorScore(ind, result, counted))
    ex = project.execution
    if ex is None:
        out.problems.append(
            Problem("未填写预算执行情况（全年预算数、全年执行数）", field="execution")
        )
    else:
        out.execution = score_execution(ex, rules)
        if isinstance(out.execution, Unscored):
            out.problems.append(Problem(out.execution.reason, field="execution"))
        elif out.execution.rate < rules.explain_below and not (project.goal_result or "").strip():
            out.problems.append(
                Problem(
                    f"执行率 {points(out.execution.rate)}% 低于 {num(rules.explain_below)}%，"
                    "须在总体目标完成情况中说明原因",
                    field="execution",
                )
            )
    weights = sum((i.weight for i in project.indicators if i.weight is not None), Decimal(0))
    execution_weight = (
        out.execution.weight
        if isinstance(out.execution, ExecutionScore)
        else rules.execution_weight
    )
    whole = sum(rules.weights.values(), Decimal(0))
    if weights + execution_weight != whole:
        out.problems.append(
            Problem(
                f"分值合计 {num(weights + execution_weight)}（指标 {num(weights)} + 预算执行 "
                f"{num(execution_weight)}），应为 {num(whole)}",
                field="weight",
            )
        )
    parts = [s.score for s in out.indicators]
    if all(p is not None for p in parts) and isinstance(out.execution, ExecutionScore):
        total = sum((p for p in parts if p is not None), out.execution.score)
        out.total = total.quantize(CENT, ROUND_HALF_UP)
        out.grade = rules.grade(out.total)
    return out


def suggest_weights(
    indicators: Iterable[Indicator], rules: SelfEvalRules, framework: Framework
) -> dict[int, Decimal]:
    """Weights by seq: each level-1 class's weight (成本 inside 产出's, as ``shares`` says)
    shared equally among its indicators, to two decimals, the last one taking the remainder
    so the class adds up exactly. Indicators of a class without a weight get none."""
    groups: dict[str, list[Indicator]] = {}
    for ind in indicators:
        found = framework.find1(ind.level1.code, ind.level1.name)
        name = found.name if found is not None else ind.level1.name
        name = rules.shares.get(name, name)
        if name in rules.weights and name != EXECUTION:
            groups.setdefault(name, []).append(ind)
    out: dict[int, Decimal] = {}
    for name, members in groups.items():
        each = (rules.weights[name] / len(members)).quantize(CENT, ROUND_HALF_UP)
        for ind in members[:-1]:
            out[ind.seq] = each
        out[members[-1].seq] = rules.weights[name] - each * (len(members) - 1)
    return out
