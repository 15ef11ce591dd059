"""The monitoring form (运行监控表) of one project for one month: budget execution (年初预算,
调整后预算, 累计支出, 执行率, 结余), per indicator its current value (typed exactly like targets),
the full-year expectation, 完成可能性, coded 偏差原因 with text, 纠偏措施, and the analysis.

:func:`check_form` gives every light and every problem that keeps the form from being
submitted (a red light or 有可能 / 不可能 without a reason, a value outside the coded lists, an
entry for an indicator the project does not have). Core: objects in, objects out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Project, Target
from ..selfeval.config import SelfEvalRules
from ..selfeval.scoring import target_of
from .config import MonitoringRules
from .lights import Light, budget_light, indicator_light, project_light, reasons_required


@dataclass(slots=True)
class Entry:
    """What a unit reports for one indicator (by its stable id)."""

    indicator: str
    current: Target | None = None  # 当前完成值
    expected: str | None = None  # 全年预计完成情况
    possibility: str | None = None  # 完成可能性: 确定能 / 有可能 / 不可能
    reasons: list[str] = field(default_factory=list)  # coded 偏差原因
    other_reason: str | None = None  # 其他原因说明
    measures: str | None = None  # 纠偏措施
    note: str | None = None  # 备注


@dataclass(slots=True)
class Budget:
    initial: Decimal | None = None  # 年初预算
    adjusted: Decimal | None = None  # 调整后预算
    spent: Decimal | None = None  # 累计支出

    @property
    def balance(self) -> Decimal | None:
        """结余: 调整后预算 − 累计支出."""
        if self.adjusted is None or self.spent is None:
            return None
        return self.adjusted - self.spent

    @property
    def rate(self) -> Decimal | None:
        """执行率 in percent."""
        if self.adjusted is None or self.spent is None or self.adjusted <= 0:
            return None
        return self.spent / self.adjusted * 100


@dataclass(slots=True)
class MonitoringForm:
    project: str  # the project's stable id
    year: int | None
    month: int
    budget: Budget = field(default_factory=Budget)
    entries: dict[str, Entry] = field(default_factory=dict)  # by indicator id
    deviation: str | None = None  # 偏差分析
    problems: str | None = None  # 存在问题
    measures: str | None = None  # 纠偏整改措施


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    indicator: str | None = None  # indicator id; None for the budget or the whole form
    field: str | None = None


@dataclass(slots=True)
class FormCheck:
    lights: dict[str, Light] = field(default_factory=dict)  # indicator id → light
    budget: Light | None = None
    project: str | None = None  # the worst light's key
    problems: list[Problem] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.problems


def blank(project: Project, year: int | None, month: int) -> MonitoringForm:
    """An empty form for ``project``: one entry per indicator, the budget from its funds."""
    form = MonitoringForm(project.id, year, month)
    form.budget.initial = project.funds.total
    form.budget.adjusted = project.funds.total
    for ind in project.indicators:
        form.entries[ind.id] = Entry(ind.id)
    return form


def check_form(
    form: MonitoringForm, project: Project, rules: MonitoringRules, scoring: SelfEvalRules
) -> FormCheck:
    """Every light of ``form`` and what must still be done before it can be submitted."""
    out = FormCheck()
    if form.project != project.id:
        out.problems.append(Problem("监控表不是这个项目的", field="project"))
    known = {ind.id: ind for ind in project.indicators}
    for ident in form.entries:
        if ident not in known:
            out.problems.append(Problem(f"指标编号 {ident} 不是本项目的指标", ident, "indicator"))
    for ind in project.indicators:
        entry = form.entries.get(ind.id) or Entry(ind.id)
        where = f"第 {ind.seq} 个指标“{ind.name}”"
        if entry.current is None or not entry.current.text.strip():
            out.problems.append(Problem(f"{where}未填当前完成值", ind.id, "current"))
            light = Light(None, "无灯", "未填当前完成值")
        else:
            light = indicator_light(target_of(ind), entry.current, form.month, rules, scoring,
                                    direction=ind.direction, name=ind.name)  # fmt: skip
        out.lights[ind.id] = light
        if entry.possibility is not None and entry.possibility not in rules.possibilities:
            out.problems.append(
                Problem(
                    f"{where}的完成可能性“{entry.possibility}”不在可选项中"
                    f"（{'、'.join(rules.possibilities)}）",
                    ind.id,
                    "possibility",
                )
            )
        elif entry.possibility is None:
            out.problems.append(Problem(f"{where}未选完成可能性", ind.id, "possibility"))
        unknown = [r for r in entry.reasons if r not in rules.reasons]
        if unknown:
            out.problems.append(
                Problem(
                    f"{where}的偏差原因“{'、'.join(unknown)}”不在代码表中"
                    f"（{'、'.join(rules.reasons)}）",
                    ind.id,
                    "reasons",
                )
            )
        if reasons_required(light.key, entry.possibility, rules):
            why = light.name if light.key == "red" else f"完成可能性为“{entry.possibility}”"
            if not entry.reasons and not (entry.other_reason or "").strip():
                out.problems.append(Problem(f"{where}为{why}，须填写偏差原因", ind.id, "reasons"))
            if not (entry.measures or "").strip():
                out.problems.append(Problem(f"{where}为{why}，须填写纠偏措施", ind.id, "measures"))
    b = form.budget
    out.budget = budget_light(b.adjusted, b.spent, form.month, rules)
    if b.spent is None:
        out.problems.append(Problem("未填累计支出", field="budget.spent"))
    if b.adjusted is None:
        out.problems.append(Problem("未填调整后预算", field="budget.adjusted"))
    if b.spent is not None and b.spent < 0:
        out.problems.append(Problem("累计支出不能为负数", field="budget.spent"))
    out.project = project_light([*out.lights.values(), out.budget], rules)
    if out.project == "red" and not (form.deviation or "").strip():
        out.problems.append(Problem("项目为红灯，须填写偏差分析", field="deviation"))
    return out
