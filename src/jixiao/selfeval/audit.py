"""The audit of a published self-evaluation: recompute every indicator score, the budget
score, the total and the grade with the configured rules, and list every place the table
departs from them, each with the published value, the recomputed one and the rule.

Published figures are compared at the precision the table prints them (half a unit of the
last printed digit, plus the rules' ``tolerance.extra``): ``9.5`` tolerates 0.05, ``10`` 0.5.
What cannot be recomputed (no weight, an actual that says nothing about achievement, units
that differ) is listed as not checked, never scored zero and never reported as a departure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation

from ..model import Document, Execution, Indicator, Project
from .config import SelfEvalRules
from .scoring import (
    ExecutionScore,
    Score,
    Unscored,
    execution_rate,
    num,
    points,
    score_execution,
    score_indicator,
)

DEPARTURES: dict[str, str] = {
    "met_below_weight": "已达到目标但未得满分",
    "missed_full": "未达到目标却得满分",
    "formula": "得分与计分规则不符",
    "band": "定性指标得分不在应得档次内",
    "above_weight": "得分超过分值",
    "sum": "各项得分之和与总分不符",
    "grade": "等级与总分不符",
    "execution_score": "预算执行得分与执行率不符",
    "execution_rate": "执行率与执行数、全年预算数不符",
    "overspent": "执行数超过全年预算数",
}
"""Every kind of departure the audit reports, with its Chinese title (docs/selfeval.md)."""


@dataclass(frozen=True, slots=True)
class Departure:
    kind: str  # a key of DEPARTURES
    published: str
    recomputed: str
    rule: str  # how the recomputed value follows from the rules, in Chinese
    indicator: int | None = None  # the indicator's seq in its project, None for the project
    name: str | None = None  # the indicator's name, or 预算执行 / 总分 / 等级
    indicator_id: str | None = None  # the indicator's stable id

    @property
    def title(self) -> str:
        return DEPARTURES[self.kind]


@dataclass(frozen=True, slots=True)
class IndicatorCheck:
    indicator: Indicator
    result: Score | Unscored

    @property
    def recomputed(self) -> str:
        r = self.result
        if isinstance(r, Unscored):
            return ""
        return points(r.low) if r.exact is not None else f"{points(r.low)}-{points(r.high)}"


@dataclass(slots=True)
class ProjectAudit:
    project: Project
    unit: str | None
    indicators: list[IndicatorCheck] = field(default_factory=list)
    execution: ExecutionScore | Unscored | None = None
    recomputed_total: Decimal | None = None
    recomputed_grade: str | None = None
    estimated: int = 0  # components of the recomputed total taken as published
    departures: list[Departure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was not checked, and why

    @property
    def unchecked(self) -> list[IndicatorCheck]:
        return [c for c in self.indicators if isinstance(c.result, Unscored)]


@dataclass(slots=True)
class DocumentAudit:
    document: Document
    rules: str  # the rules' name and version
    projects: list[ProjectAudit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def departures(self) -> list[Departure]:
        return [d for p in self.projects for d in p.departures]


def tolerance(published: Decimal, rules: SelfEvalRules) -> Decimal:
    """Half a unit of the last digit ``published`` is printed with, plus the extra allowance."""
    return Decimal(5).scaleb(-(_places(published) + 1)) + rules.extra_tolerance


def agrees(published: Decimal, exact: Decimal, rules: SelfEvalRules) -> bool:
    """Whether ``published`` is ``exact`` as printed at its precision: rounded (half up or
    half even) or cut off (tables often truncate: 95.86% printed 95.8%), within the extra
    allowance."""
    return any(abs(published - c) <= rules.extra_tolerance for c in _printed(exact, published))


def _printed(exact: Decimal, like: Decimal) -> set[Decimal]:
    step = Decimal(1).scaleb(-_places(like))
    try:
        return {exact.quantize(step, mode) for mode in (ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_DOWN)}
    except InvalidOperation:  # beyond the context's precision: compare as it is
        return {exact}


def is_selfeval(project: Project) -> bool:
    """Whether a project carries self-evaluation figures (actuals, scores or execution)."""
    return (
        project.execution is not None
        or project.score is not None
        or any(i.actual is not None or i.score is not None for i in project.indicators)
    )


def audit_document(document: Document, rules: SelfEvalRules) -> DocumentAudit:
    """The audit of every self-evaluated project of ``document``."""
    out = DocumentAudit(document, f"{rules.name} {rules.version}".strip())
    for unit in document.units:
        for project in unit.projects:
            if is_selfeval(project):
                out.projects.append(audit_project(project, unit.name or None, rules))
    if not out.projects:
        out.notes.append("没有自评数据（实际完成值、得分或预算执行），不是自评表")
    return out


def audit_project(project: Project, unit: str | None, rules: SelfEvalRules) -> ProjectAudit:
    audit = ProjectAudit(project, unit)
    for indicator in project.indicators:
        check = IndicatorCheck(indicator, score_indicator(indicator, rules))
        audit.indicators.append(check)
        audit.departures.extend(_indicator_departures(check, rules))
    if project.execution is not None:
        audit.execution = score_execution(project.execution, rules)
        audit.departures.extend(_execution_departures(project, audit.execution, rules))
    _totals(audit, rules)
    return audit


def _indicator_departures(check: IndicatorCheck, rules: SelfEvalRules) -> Iterable[Departure]:
    ind, result = check.indicator, check.result
    published = ind.score
    if published is None or ind.weight is None:
        return

    def departure(kind: str, recomputed: str, rule: str) -> Departure:
        return Departure(kind, num(published), recomputed, rule, ind.seq, ind.name, ind.id or None)

    if published > ind.weight + rules.extra_tolerance:
        yield departure("above_weight", num(ind.weight), f"分值 {num(ind.weight)}")
        return
    if isinstance(result, Unscored):
        return
    if result.exact is None:  # a qualitative band
        low, high = min(_printed(result.low, published)), max(_printed(result.high, published))
        if not low - rules.extra_tolerance <= published <= high + rules.extra_tolerance:
            yield departure("band", check.recomputed, result.basis)
        return
    expected = result.exact
    if agrees(published, expected, rules):
        return
    if result.met:
        yield departure("met_below_weight", points(expected), result.basis)
    elif agrees(published, ind.weight, rules):
        yield departure("missed_full", points(expected), result.basis)
    else:
        yield departure("formula", points(expected), result.basis)


def _execution_departures(
    project: Project, result: ExecutionScore | Unscored, rules: SelfEvalRules
) -> Iterable[Departure]:
    ex = project.execution
    assert ex is not None
    if ex.executed is not None and ex.full_year is not None and ex.executed > ex.full_year:
        yield Departure(
            "overspent",
            num(ex.executed),
            f"不超过 {num(ex.full_year)}",
            "执行数不应超过全年预算数（调整后预算数）",
            name="执行数",
        )
    computed = execution_rate(ex)
    if (
        ex.rate is not None
        and computed is not None
        and ex.executed is not None
        and ex.full_year is not None
        and abs(ex.rate - computed) >= Decimal(1).scaleb(-_places(ex.rate)) + rules.extra_tolerance
    ):  # a rate is off only by a whole unit of its last digit: 86.183% printed 86.19% is not
        how = f"执行数 {num(ex.executed)} ÷ 全年预算数 {num(ex.full_year)}"
        initial = ex.initial and ex.executed / ex.initial * 100
        if initial and agrees(ex.rate, initial, rules):
            how += "（表中按年初预算数计算）"
        yield Departure(
            "execution_rate", f"{num(ex.rate)}%", f"{points(computed)}%", how, name="执行率"
        )
    if isinstance(result, Unscored) or ex.score is None:
        return
    if not _checkable(ex, rules):
        return  # said once in the project's notes (_totals)
    if not agrees(ex.score, result.score, rules):
        yield Departure(
            "execution_score", num(ex.score), points(result.score), result.basis, name="预算执行"
        )


def _checkable(ex: Execution, rules: SelfEvalRules) -> bool:
    """Whether the budget score can be checked: a printed weight below the whole 100 (some
    templates print the table's total in that row), or no weight and a score the configured
    weight allows (a larger one means the template weighs execution otherwise)."""
    whole = sum(rules.weights.values())
    if ex.weight is not None:
        return ex.weight < whole
    return ex.score is None or ex.score <= rules.execution_weight + rules.extra_tolerance


def _totals(audit: ProjectAudit, rules: SelfEvalRules) -> None:
    """The recomputed total and grade, and whether the published scores add up to the
    published total and the published grade matches it."""
    project = audit.project
    parts: list[Decimal] = []
    estimated = missing = 0
    published_parts: list[Decimal] = []
    complete = True
    for check in audit.indicators:
        ind, result = check.indicator, check.result
        if ind.score is not None:
            published_parts.append(ind.score)
        elif ind.weight is not None:
            complete = False
        if isinstance(result, Score):
            # a band: the reviewer's pick when the table's score is in it, else its nearest edge
            picked = ind.score if ind.score is not None else result.high
            parts.append(result.exact if result.exact is not None else result.within(picked))
        elif ind.score is not None:
            parts.append(ind.score)
            estimated += 1
        elif ind.weight is not None:
            missing += 1
    ex = project.execution
    execution_part: Decimal | None = None
    execution_estimated = 0
    if isinstance(audit.execution, ExecutionScore) and ex is not None and _checkable(ex, rules):
        execution_part = audit.execution.score
    elif ex is not None and ex.score is not None:
        execution_part, execution_estimated = ex.score, 1
        estimated += 1
        if isinstance(audit.execution, ExecutionScore) and (
            ex.weight is None or ex.weight < sum(rules.weights.values())
        ):
            weight = "未列出" if ex.weight is None else f"为 {num(ex.weight)}"
            audit.notes.append(
                f"预算执行分值{weight}、得分 {num(ex.score)}，与配置的预算执行分值 "
                f"{num(rules.execution_weight)} 不合，未核对预算执行得分"
            )
    if execution_part is not None:
        parts.append(execution_part)
    if ex is not None and ex.score is not None:
        published_parts.append(ex.score)
    weights = [i.weight for i in project.indicators if i.weight is not None]
    weight_sum: Decimal = sum(weights, Decimal(0))
    whole: Decimal = sum(rules.weights.values(), Decimal(0))
    if weight_sum > whole:
        audit.notes.append(
            f"指标分值合计 {num(weight_sum)}，超过满分 {num(whole)}"
            "（分值可能按合并单元格重复列出），不重算总分"
        )
    elif not weights and not any(i.score is not None for i in project.indicators):
        audit.notes.append("表中指标没有分值和得分，不重算总分")
    elif missing:
        audit.notes.append(f"{missing} 个有分值的指标既不能重算也没有得分，不重算总分")
    elif ex is not None and ex.weight is not None and ex.weight >= whole:
        audit.notes.append(f"预算执行一行的分值为 {num(ex.weight)}（应是全表总分），不重算总分")
    elif parts:
        if weight_sum == whole and execution_part is not None:
            parts.pop()  # the execution part, appended last
            estimated -= execution_estimated
            audit.notes.append("指标分值合计已为 100，预算执行得分另列，不计入重算总分")
            execution_part = None
        audit.recomputed_total = sum(parts, Decimal(0))
        audit.estimated = estimated
        ex_weight = Decimal(0)
        if execution_part is not None and ex is not None:
            ex_weight = ex.weight if ex.weight is not None else rules.execution_weight
        if weight_sum + ex_weight == whole:
            audit.recomputed_grade = rules.grade(audit.recomputed_total)
        else:
            audit.notes.append(
                f"分值合计 {num(weight_sum + ex_weight)}，不是 {num(whole)}，只重算总分，不定等级"
            )
    total = project.score
    if total is not None and complete and published_parts:
        _sum_departure(audit, total, published_parts, ex.score if ex is not None else None, rules)
    if total is not None and project.grade:
        written = rules.read_grade(project.grade)
        expected = rules.grade(total)
        if written is None:
            audit.notes.append(f"等级“{project.grade}”不是可识别的等级写法，未核对")
        elif written != expected:
            bands = "、".join(f"{g} ≥ {num(low)}" for g, low in rules.grades)
            audit.departures.append(
                Departure(
                    "grade",
                    project.grade,
                    expected,
                    f"总分 {num(total)} 按等级标准（{bands}）",
                    name="等级",
                )
            )


def _sum_departure(
    audit: ProjectAudit,
    total: Decimal,
    parts: list[Decimal],
    execution: Decimal | None,
    rules: SelfEvalRules,
) -> None:
    """A departure when the published scores do not add up to the published total: with the
    budget score, or without it (templates that weigh the indicators 100 and print the budget
    score beside them)."""
    sums = [sum(parts, Decimal(0))]
    if execution is not None:
        sums.append(sums[0] - execution)
    slack = tolerance(total, rules) + sum(
        (tolerance(p, rules) - rules.extra_tolerance for p in parts if _places(p)), Decimal(0)
    )
    if all(abs(s - total) > slack and not agrees(total, s, rules) for s in sums):
        listed = " + ".join(num(p) for p in parts)
        audit.departures.append(
            Departure("sum", num(total), num(sums[0]), f"各项得分相加：{listed}", name="总分")
        )


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
