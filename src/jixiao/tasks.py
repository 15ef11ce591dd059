"""Monitoring and self-evaluation tasks (运行监控、绩效自评任务): the report states and the
actions that move them, as data (``data/tasks.toml``, a region's file layered over it), the
period of a monitoring task, and what a unit's report sums up to (its budget, lights or score)
for the finance overview.

Core: no I/O. :func:`transition` takes a report's state, the action asked for, who asks and
the reason, and returns the action (its target state) or refuses with the reason; the service
(:mod:`jixiao.services.tasks`) stores the result. The state table is deliberately small and
separate, so it can later be pointed at a shared workflow engine.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from .errors import ConfigError, InputError, PermissionDenied
from .model import Project
from .monitoring.form import Budget, Entry, FormCheck, MonitoringForm
from .overrides import layered
from .selfeval.evaluate import Evaluation
from .selfeval.form import Actual, SelfEvaluationForm
from .selfeval.scoring import ExecutionScore, Score, target_of
from .targets import type_target

CENT = Decimal("0.01")
MAX_TEXT = 4000
"""The longest text one field of a report may hold."""
KINDS = ("monitoring", "selfeval")
_KNOWN = {"name", "version", "kinds", "states", "flow", "actions"}


@dataclass(frozen=True, slots=True)
class State:
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class Action:
    key: str
    name: str
    sources: tuple[str, ...]  # the states it may be taken from
    to: str
    permission: str
    roles: frozenset[str]  # empty: any role holding the permission
    reason: bool  # a reason is required
    check: bool  # the form must be complete


@dataclass(frozen=True, slots=True)
class TaskRules:
    name: str
    version: str
    kinds: Mapping[str, str]  # monitoring → 运行监控
    states: tuple[State, ...]
    initial: str
    editable: frozenset[str]
    final: str
    actions: tuple[Action, ...]
    source: str = "default"

    def state_name(self, key: str) -> str:
        return next((s.name for s in self.states if s.key == key), key)

    def action(self, key: str) -> Action:
        found = next((a for a in self.actions if a.key == key), None)
        if found is None:
            raise InputError(
                f"没有名为“{key}”的操作",
                expected="、".join(f"{a.key}（{a.name}）" for a in self.actions),
            )
        return found


def build(data: Mapping[str, Any], origin: str) -> TaskRules:
    def fail(message: str) -> ConfigError:
        return ConfigError(message, source=origin, expected="见 docs/monitoring.md 的“任务”一节")

    unknown = set(data) - _KNOWN
    if unknown:
        raise fail(f"任务流程文件中有未知的项：{'、'.join(sorted(unknown))}")
    try:
        kinds = {str(k): str(v) for k, v in data["kinds"].items()}
        states = tuple(State(str(s["key"]), str(s["name"])) for s in data["states"])
        keys = {s.key for s in states}
        flow = data["flow"]
        initial, final = str(flow["initial"]), str(flow["final"])
        editable = frozenset(str(s) for s in flow["editable"])
        actions = tuple(
            Action(
                str(a["key"]), str(a["name"]), tuple(str(s) for s in a["from"]), str(a["to"]),
                str(a["permission"]), frozenset(str(r) for r in a.get("roles", [])),
                bool(a.get("reason", False)), bool(a.get("check", False)),
            )
            for a in data["actions"]
        )  # fmt: skip
    except (KeyError, TypeError, AttributeError) as exc:
        raise fail(f"任务流程文件不完整或有误：缺少或错误的项 {exc}") from exc
    if set(kinds) != set(KINDS):
        raise fail(f"kinds 应恰有 {'、'.join(KINDS)}")
    if len(keys) != len(states) or not states:
        raise fail("states 应至少有一个状态，key 不重复")
    for name, value in (("flow.initial", {initial}), ("flow.final", {final}),
                        ("flow.editable", editable)):  # fmt: skip
        if not value <= keys:
            raise fail(f"{name} 中的状态“{'、'.join(sorted(value - keys))}”不在 states 中")
    if len({a.key for a in actions}) != len(actions):
        raise fail("actions 的 key 不能重复")
    for a in actions:
        wrong = (set(a.sources) | {a.to}) - keys
        if wrong:
            raise fail(f"操作“{a.key}”的状态“{'、'.join(sorted(wrong))}”不在 states 中")
    return TaskRules(
        str(data.get("name", "任务审核流程")), str(data.get("version", "")), kinds, states,
        initial, editable, final, actions, origin,
    )  # fmt: skip


def load_task_rules(path: str | Path | None = None) -> TaskRules:
    """The bundled task flow, or a region's file at ``path`` layered over it."""
    if path is None:
        return _bundled()
    return layered("tasks.toml", path, "任务流程文件", build)


@cache
def _bundled() -> TaskRules:
    return layered("tasks.toml", None, "任务流程文件", build)


# -- the state table ------------------------------------------------------------------------------
def may(action: Action, permissions: Collection[str], roles: Collection[str], cli: bool) -> bool:
    """Whether an actor with ``permissions`` and ``roles`` may take ``action`` (the command
    line may take any)."""
    if cli:
        return True
    return action.permission in permissions and (
        not action.roles or bool(action.roles & set(roles))
    )


def allowed(
    rules: TaskRules, state: str, permissions: Collection[str], roles: Collection[str],
    cli: bool = False,
) -> list[Action]:  # fmt: skip
    """The actions the actor may take on a report in ``state``."""
    return [a for a in rules.actions if state in a.sources and may(a, permissions, roles, cli)]


def transition(
    rules: TaskRules,
    state: str,
    action_key: str,
    *,
    permissions: Collection[str],
    roles: Collection[str],
    reason: str | None,
    problems: Collection[str] = (),
    cli: bool = False,
) -> Action:
    """The action ``action_key`` on a report in ``state``, once allowed: its state is one the
    action is taken from, the actor holds its permission and role, a reason is given where
    one is required and (for ``check`` actions) the form has no ``problems`` left."""
    action = rules.action(action_key)
    if state not in action.sources:
        raise InputError(
            f"报告当前为“{rules.state_name(state)}”，不能{action.name}",
            expected="可在"
            + "、".join(f"“{rules.state_name(s)}”" for s in action.sources)
            + "时操作",
        )
    if not may(action, permissions, roles, cli):
        who = "、".join(sorted(action.roles)) or action.permission
        raise PermissionDenied(f"无权{action.name}", expected=f"由 {who} 操作")
    if action.reason and not (reason or "").strip():
        raise InputError(f"{action.name}须填写理由", expected="说明原因，如需补充的内容")
    if action.check and problems:
        shown = "；".join(list(problems)[:10]) + ("……" if len(problems) > 10 else "")
        raise InputError(f"报告还有 {len(problems)} 处须完善，不能{action.name}：{shown}")
    return action


# -- periods and deadlines ------------------------------------------------------------------------
_PERIOD = re.compile(r"^\s*(?:1\s*[-—–~至到]\s*)?(\d{1,2})\s*月?\s*$")


def parse_period(text: str) -> int:
    """The last month of a monitoring period: ``1-6月`` → 6, ``1—7月`` → 7, ``6月`` → 6."""
    found = _PERIOD.match(text.replace("１", "1"))
    month = int(found.group(1)) if found else 0
    if not 1 <= month <= 12:
        raise InputError(
            f"监控期间“{text}”无法识别", expected="如 1-6月、1-7月（截至的月份 1 到 12）"
        )
    return month


def period_text(month: int) -> str:
    return f"1-{month}月"


def days_left(deadline: date, today: date) -> int:
    """截止天数: days until the deadline (0 on the day, negative once overdue)."""
    return (deadline - today).days


# -- forms as stored (JSON) -----------------------------------------------------------------------
def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: Any, label: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        out = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise InputError(f"{label}“{value}”不是数字", expected="如 120.5") from None
    if not out.is_finite() or abs(out) >= 10**12:
        raise InputError(f"{label}“{value}”不是合理的数字", expected="如 120.5")
    if out != out.quantize(Decimal("0.000001"), ROUND_HALF_UP):
        raise InputError(f"{label}“{value}”的小数过多", expected="最多 6 位小数")
    return out


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise InputError(f"“{str(value)[:40]}”应为文字", expected="文字或数字")
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise InputError(f"“{text[:20]}…”过长（{len(text)} 字），最多 {MAX_TEXT} 字")
    return text or None


def _mapping(value: Any, label: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InputError(f"{label}应为对象（键值对）", expected="见接口文档的报告格式")
    return value


def _entries(data: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    entries = _mapping(data.get("entries"), "entries")
    return [(str(k), _mapping(v, f"entries.{k}")) for k, v in entries.items()]


def monitoring_to_dict(form: MonitoringForm) -> dict[str, Any]:
    b = form.budget
    return {
        "budget": {"initial": _dec(b.initial), "adjusted": _dec(b.adjusted),
                   "spent": _dec(b.spent)},
        "entries": {
            k: {"current": e.current.text if e.current else None, "expected": e.expected,
                "possibility": e.possibility, "reasons": list(e.reasons),
                "other_reason": e.other_reason, "measures": e.measures, "note": e.note}
            for k, e in form.entries.items()
        },
        "deviation": form.deviation, "problems": form.problems, "measures": form.measures,
    }  # fmt: skip


def monitoring_from_dict(
    data: Mapping[str, Any], project: str, year: int | None, month: int
) -> MonitoringForm:
    """A form from its stored (or posted) JSON; a value that is not what it should be is an
    :class:`InputError` naming it."""
    data = _mapping(data, "报告")
    b = _mapping(data.get("budget"), "budget")
    budget = Budget(_undec(b.get("initial"), "年初预算"), _undec(b.get("adjusted"), "调整后预算"),
                    _undec(b.get("spent"), "累计支出"))  # fmt: skip
    form = MonitoringForm(project, year, month, budget)
    for key, e in _entries(data):
        reasons = e.get("reasons") or []
        if isinstance(reasons, str):
            reasons = [r for r in re.split(r"\s*[、，,；;]\s*", reasons) if r]
        if not isinstance(reasons, list):
            raise InputError(
                f"entries.{key}.reasons 应为偏差原因的列表", expected='如 ["政策调整"]'
            )
        reasons = [r for r in (_str(x) for x in reasons) if r]
        current = _str(e.get("current"))
        form.entries[str(key)] = Entry(
            str(key), type_target(current) if current else None, _str(e.get("expected")),
            _str(e.get("possibility")), [str(r) for r in reasons], _str(e.get("other_reason")),
            _str(e.get("measures")), _str(e.get("note")),
        )  # fmt: skip
    form.deviation = _str(data.get("deviation"))
    form.problems = _str(data.get("problems"))
    form.measures = _str(data.get("measures"))
    return form


def selfeval_to_dict(form: SelfEvaluationForm) -> dict[str, Any]:
    return {
        "initial": _dec(form.initial), "full_year": _dec(form.full_year),
        "executed": _dec(form.executed),
        "entries": {
            k: {"actual": e.actual.text if e.actual else None, "score": _dec(e.score),
                "deviation": e.deviation}
            for k, e in form.entries.items()
        },
        "goal_result": form.goal_result, "conclusion": form.conclusion,
        "problems": form.problems, "improvements": form.improvements,
    }  # fmt: skip


def selfeval_from_dict(
    data: Mapping[str, Any], project: str, year: int | None
) -> SelfEvaluationForm:
    form = SelfEvaluationForm(
        project, year, _undec(data.get("initial"), "年初预算数"),
        _undec(data.get("full_year"), "全年预算数"), _undec(data.get("executed"), "全年执行数"),
    )  # fmt: skip
    for key, e in _entries(data):
        actual = _str(e.get("actual"))
        form.entries[str(key)] = Actual(
            str(key), type_target(actual) if actual else None, _undec(e.get("score"), "得分"),
            _str(e.get("deviation")),
        )  # fmt: skip
    for name in ("goal_result", "conclusion", "problems", "improvements"):
        setattr(form, name, _str(data.get(name)))
    return form


# -- what a report sums up to ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class IndicatorFigure:
    """One indicator of a report as the overview and the deviation register show it."""

    uid: str
    seq: int
    level1: str
    name: str
    target: str
    current: str | None
    light: str | None = None
    possibility: str | None = None
    reasons: str | None = None  # the coded reasons and the text, as one line
    measures: str | None = None
    score: Decimal | None = None


@dataclass(slots=True)
class Figures:
    """What a report sums up to: 全年预算数, 执行数, 执行率 (percent, two decimals), the
    project's light or the self-evaluation's score and grade, the problems left."""

    budget: Decimal | None = None
    spent: Decimal | None = None
    rate: Decimal | None = None
    light: str | None = None
    score: Decimal | None = None
    grade: str | None = None
    problems: list[str] = field(default_factory=list)
    indicators: list[IndicatorFigure] = field(default_factory=list)


def _rate(spent: Decimal | None, budget: Decimal | None) -> Decimal | None:
    if spent is None or budget is None or budget <= 0:
        return None
    return (spent / budget * 100).quantize(CENT, ROUND_HALF_UP)


def monitoring_figures(form: MonitoringForm, checked: FormCheck, project: Project) -> Figures:
    out = Figures(form.budget.adjusted, form.budget.spent,
                  _rate(form.budget.spent, form.budget.adjusted), checked.project)  # fmt: skip
    out.problems = [p.message for p in checked.problems]
    for ind in project.indicators:
        e = form.entries.get(ind.id) or Entry(ind.id)
        said = "、".join(e.reasons)
        if e.other_reason:
            said = f"{said}：{e.other_reason}" if said else e.other_reason
        light = checked.lights.get(ind.id)
        out.indicators.append(IndicatorFigure(
            ind.id, ind.seq, ind.level1.name, ind.name, target_of(ind).text,
            e.current.text if e.current else None, light.key if light else None,
            e.possibility, said or None, e.measures,
        ))  # fmt: skip
    return out


def selfeval_figures(form: SelfEvaluationForm, evaluation: Evaluation) -> Figures:
    ex = evaluation.execution
    out = Figures(form.full_year, form.executed, _rate(form.executed, form.full_year))
    if isinstance(ex, ExecutionScore):
        out.rate = ex.rate.quantize(CENT, ROUND_HALF_UP)
    out.score, out.grade = evaluation.total, evaluation.grade
    out.problems = [
        (f"第 {p.seq} 个指标：" if p.seq is not None else "") + p.message
        for p in evaluation.problems
    ]
    for scored in evaluation.indicators:
        ind = scored.indicator
        light = None
        if isinstance(scored.result, Score):
            light = (
                "green"
                if scored.result.met is True
                else "yellow"
                if scored.result.met is None
                else "red"
            )
        out.indicators.append(IndicatorFigure(
            ind.id, ind.seq, ind.level1.name, ind.name, target_of(ind).text,
            ind.actual.text if ind.actual else None, light, None, ind.deviation, None,
            None if scored.score is None else scored.score.quantize(CENT, ROUND_HALF_UP),
        ))  # fmt: skip
    return out
