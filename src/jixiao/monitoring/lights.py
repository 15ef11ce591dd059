"""Warning lights (预警) of in-year monitoring: an indicator's current value against its annual
target in proportion to the year gone, the budget's execution likewise, and the project's light
as the worst of them. Every threshold is a condition in the rules file (:mod:`.config`); this
module only computes the values the conditions read and returns the first light that holds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import InputError
from ..expr import ExprError, Value
from ..model import Target
from ..selfeval.config import SelfEvalRules
from ..selfeval.scoring import Measure, Unscored, classify_pair, num
from .config import MonitoringRules

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Light:
    """A light (``key`` ``None``: none could be given, ``basis`` says why) with the condition
    that gave it and the values it read."""

    key: str | None
    name: str
    basis: str
    values: Mapping[str, Value] = field(default_factory=dict)


def _month(month: int) -> Decimal:
    if not 1 <= month <= 12:
        raise InputError(f"监控月份应为 1 到 12，收到 {month}")
    return Decimal(month) / 12


def _decide(kind: str, values: dict[str, Value], rules: MonitoringRules, what: str) -> Light:
    try:
        for name, expr in rules.derived:
            values[name] = expr(values)
        for condition, key in rules.rules[kind]:
            if condition(values) is True:
                info = rules.light(key)
                shown = "" if condition.text.strip() == "true" else f"，满足“{condition.text}”"
                return Light(key, info.name, f"{what}{shown} → {info.name}", dict(values))
    except ExprError as exc:
        return Light(None, "无灯", f"{what}：{exc}", dict(values))
    raise AssertionError("the last rule of every kind is `true` (checked on load)")


def _pct(value: Decimal) -> str:
    return f"{num((value * 100).quantize(Decimal('0.1')))}%"


def indicator_light(
    target: Target,
    current: Target | None,
    month: int,
    rules: MonitoringRules,
    scoring: SelfEvalRules,
    *,
    direction: str | None = None,
    name: str = "",
) -> Light:
    """The light of one indicator whose ``current`` value is reported for ``month``."""
    elapsed = _month(month)
    kind = classify_pair(target, current, direction, name, scoring)
    if isinstance(kind, Unscored):
        return Light(None, "无灯", kind.reason.replace("实际完成值", "当前完成值"))
    which, measured = kind
    values: dict[str, Value] = {
        "month": Decimal(month), "elapsed": elapsed, "target": ZERO, "current": ZERO,
        "ratio": ZERO, "percent": False, "status": "", "rate": ZERO,
    }  # fmt: skip
    if isinstance(measured, str):
        values["status"] = measured
        return _decide("qualitative", values, rules, f"完成情况“{measured}”")
    assert isinstance(measured, Measure)
    values.update(
        target=measured.target,
        current=measured.actual,
        # a target of 0 to reach (≥0) is reached by any value
        ratio=measured.actual / measured.target if measured.target else Decimal(1),
        percent=measured.unit == "%",
    )
    what = f"当前 {measured.actual_text}，年度目标 {measured.target_text}，{month} 月"
    if which in ("forward", "range"):
        ratio = values["ratio"]
        assert isinstance(ratio, Decimal)
        share = ratio if measured.unit == "%" else ratio / elapsed
        what += f"（序时完成 {_pct(share)}）"
    return _decide(which, values, rules, what)


def budget_light(
    adjusted: Decimal | None, spent: Decimal | None, month: int, rules: MonitoringRules
) -> Light:
    """The light of budget execution: 累计支出 ÷ 调整后预算 against the year gone."""
    elapsed = _month(month)
    if adjusted is None or spent is None:
        return Light(None, "无灯", "没有调整后预算或累计支出")
    if adjusted <= 0:
        return Light(None, "无灯", f"调整后预算为 {num(adjusted)}，不能计算执行率")
    rate = spent / adjusted
    values: dict[str, Value] = {
        "month": Decimal(month), "elapsed": elapsed, "target": adjusted, "current": spent,
        "ratio": rate, "percent": True, "status": "", "rate": rate,
    }  # fmt: skip
    what = f"执行率 {_pct(rate)}，序时进度 {_pct(elapsed)}（{month} 月）"
    return _decide("budget", values, rules, what)


def project_light(lights: Iterable[Light], rules: MonitoringRules) -> str | None:
    """The worst of the lights given (``None`` when none has a light)."""
    return rules.worst([light.key for light in lights if light.key is not None])


def reasons_required(light: str | None, possibility: str | None, rules: MonitoringRules) -> bool:
    """Whether 偏差原因 and 纠偏措施 must be given for an indicator with this light and
    完成可能性 (the rules file's ``[required]``)."""
    values: dict[str, Value] = {"light": light or "", "possibility": possibility or ""}
    return rules.required(values) is True
