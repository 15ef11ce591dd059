"""The self-evaluation a unit fills in Jixiao for one project and year: budget execution, per
indicator (by stable id) the actual, the reviewer's score where the rule leaves a band, the
deviation analysis, and the conclusions (评价结论, 存在问题, 改进措施).

:func:`apply` puts a form on a copy of its project (the model's self-evaluation fields), so
:func:`~.evaluate.evaluate` scores it and the exports lay it out; the project itself is never
changed. Core: objects in, objects out.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import InputError
from ..model import Execution, Project, Target
from .config import SelfEvalRules
from .evaluate import Evaluation, Problem, evaluate


@dataclass(slots=True)
class Actual:
    indicator: str  # the indicator's stable id
    actual: Target | None = None  # 实际完成值, typed like targets
    score: Decimal | None = None  # the reviewer's score (qualitative indicators: within the band)
    deviation: str | None = None  # 偏差原因分析及改进措施


@dataclass(slots=True)
class SelfEvaluationForm:
    project: str  # the project's stable id
    year: int | None
    initial: Decimal | None = None  # 年初预算数
    full_year: Decimal | None = None  # 全年预算数（调整后）
    executed: Decimal | None = None  # 全年执行数
    entries: dict[str, Actual] = field(default_factory=dict)  # by indicator id
    goal_result: str | None = None  # 总体目标完成情况
    conclusion: str | None = None  # 评价结论
    problems: str | None = None  # 存在问题
    improvements: str | None = None  # 改进措施


def blank(project: Project, year: int | None) -> SelfEvaluationForm:
    """An empty self-evaluation of ``project``: one entry per indicator, the budget from its
    funds (the year's budget as approved; the unit corrects it to the adjusted one)."""
    form = SelfEvaluationForm(project.id, year, project.funds.total, project.funds.total)
    for ind in project.indicators:
        form.entries[ind.id] = Actual(ind.id)
    return form


def apply(form: SelfEvaluationForm, project: Project) -> Project:
    """A copy of ``project`` with the form's figures in its self-evaluation fields."""
    out = copy(project)
    out.indicators = []
    for ind in project.indicators:
        mine = copy(ind)
        entry = form.entries.get(ind.id)
        if entry is not None:
            mine.actual, mine.score, mine.deviation = entry.actual, entry.score, entry.deviation
        out.indicators.append(mine)
    rate = None
    if form.executed is not None and form.full_year:
        rate = form.executed / form.full_year * 100
    out.execution = Execution(form.initial, form.full_year, form.executed, rate)
    out.goal_result = form.goal_result
    return out


def check(form: SelfEvaluationForm, project: Project, rules: SelfEvalRules) -> Evaluation:
    """The form scored (see :func:`~.evaluate.evaluate`), with its own problems added: entries
    for indicators the project does not have, conclusions left empty."""
    if form.project != project.id:
        raise InputError("自评表不是这个项目的", expected=f"项目 {project.name} 的自评表")
    result = evaluate(apply(form, project), rules)
    known = {ind.id for ind in project.indicators}
    for ident in form.entries:
        if ident not in known:
            result.problems.append(Problem(f"指标编号 {ident} 不是本项目的指标", field="indicator"))
    for name, label in (("conclusion", "评价结论"), ("problems", "存在问题"),
                        ("improvements", "改进措施")):  # fmt: skip
        if not (getattr(form, name) or "").strip():
            result.problems.append(Problem(f"未填写{label}", field=name))
    return result
