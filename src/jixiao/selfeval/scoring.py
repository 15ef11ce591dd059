"""Self-evaluation scores (财预〔2020〕10号 and the provincial templates), computed, never
guessed: an indicator whose target and actual cannot be compared is :class:`Unscored` with the
reason, not scored zero.

The per-indicator formulas are a registry of same-shaped functions (:data:`SCORING_RULES`);
which one scores which kind of indicator is data (``[choose]`` in ``data/selfeval.toml``), so a
region that scores reverse indicators by ratio changes a word in its file, not the code.
docs/selfeval.md documents every rule with a worked example (a test checks it does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..model import Execution, Indicator, Target
from ..targets import normalize
from .config import SelfEvalRules

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Measure:
    """A quantitative target and its actual in one unit: ``op`` as typed, ``upper`` for ranges."""

    op: str
    target: Decimal
    actual: Decimal
    upper: Decimal | None = None
    unit: str | None = None
    shown: tuple[str, str] | None = None  # (target, actual) as the table writes them

    @property
    def target_text(self) -> str:
        return self.shown[0] if self.shown else _q(self.target, self.unit)

    @property
    def actual_text(self) -> str:
        return self.shown[1] if self.shown else _q(self.actual, self.unit)


@dataclass(frozen=True, slots=True)
class Score:
    """A recomputed score: exact (``low == high``) or, for qualitative indicators, the band
    the reviewer picks within. ``met``: the target is reached (``None``: partly). ``basis``
    says in Chinese how the score follows from the rule."""

    rule: str
    low: Decimal
    high: Decimal
    met: bool | None
    basis: str
    band: str | None = None

    @property
    def exact(self) -> Decimal | None:
        return self.low if self.low == self.high else None

    def within(self, value: Decimal) -> Decimal:
        """``value`` moved into the band (what a reviewer picking within it would give)."""
        return min(max(value, self.low), self.high)


@dataclass(frozen=True, slots=True)
class Unscored:
    """Why an indicator cannot be scored by rule (no weight, no actual, units that differ…)."""

    reason: str


Formula = Callable[[Measure | str, Decimal, SelfEvalRules], Score]


@dataclass(frozen=True, slots=True)
class ScoringRule:
    key: str
    title: str
    kinds: tuple[str, ...]  # the indicator kinds it can score ([choose] in selfeval.toml)
    formula: Formula


SCORING_RULES: dict[str, ScoringRule] = {}


def scoring_rule(key: str, title: str, *kinds: str) -> Callable[[Formula], Formula]:
    """Register a per-indicator formula under ``key`` for the given indicator kinds."""

    def register(fn: Formula) -> Formula:
        SCORING_RULES[key] = ScoringRule(key, title, kinds, fn)
        return fn

    return register


def num(value: Decimal) -> str:
    """A number as a person writes it: no exponent, no trailing zeros (``9.50`` → ``9.5``)."""
    text = f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def points(value: Decimal) -> str:
    """A score for display: at most two decimals."""
    return num(value.quantize(Decimal("0.01")))


def _m(m: Measure | str) -> Measure:
    if isinstance(m, str):  # the registry's kinds keep these apart; a wrong [choose] is refused
        raise TypeError("a quantitative rule was given an achievement")
    return m


def _q(value: Decimal, unit: str | None) -> str:
    return num(value) + (unit or "")


@scoring_rule("forward", "正向指标：达到目标得满分，否则按 实际值 ÷ 目标值 × 分值", "forward")
def forward(m: Measure | str, weight: Decimal, rules: SelfEvalRules) -> Score:
    m = _m(m)
    met = m.actual > m.target if m.op == ">" else m.actual >= m.target
    if met or m.target <= 0:
        return Score("forward", weight, weight, True, f"实际 {m.actual_text} 达到目标 "
                     f"{m.target_text}，得满分")  # fmt: skip
    value = max(ZERO, min(m.actual / m.target, Decimal(1))) * weight
    basis = f"实际 {m.actual_text} ÷ 目标 {m.target_text} × 分值 {num(weight)}"
    return Score("forward", value, value, False, f"{basis} = {points(value)}")


@scoring_rule(
    "reverse_linear",
    "反向指标：不超过目标得满分；超过时按 (1 − 超出部分 ÷ 目标值) × 分值，达到目标两倍得 0 分",
    "reverse",
)
def reverse_linear(m: Measure | str, weight: Decimal, rules: SelfEvalRules) -> Score:
    m = _m(m)
    if m.actual <= m.target:
        return _bound_met("reverse_linear", m, weight)
    over = (m.actual - m.target) / m.target
    value = max(ZERO, (1 - over) * weight)
    basis = (
        f"实际 {m.actual_text} 超过目标 {m.target_text}："
        f"(1 − {num(m.actual - m.target)} ÷ {num(m.target)}) × {num(weight)}"
    )
    return Score("reverse_linear", value, value, False, f"{basis} = {points(value)}")


@scoring_rule(
    "reverse_ratio", "反向指标：不超过目标得满分；超过时按 目标值 ÷ 实际值 × 分值", "reverse"
)
def reverse_ratio(m: Measure | str, weight: Decimal, rules: SelfEvalRules) -> Score:
    m = _m(m)
    if m.actual <= m.target:
        return _bound_met("reverse_ratio", m, weight)
    value = m.target / m.actual * weight
    ratio = f"{num(m.target)} ÷ {num(m.actual)} × {num(weight)}"
    basis = f"实际 {m.actual_text} 超过目标：{ratio}"
    return Score("reverse_ratio", value, value, False, f"{basis} = {points(value)}")


def _bound_met(rule: str, m: Measure, weight: Decimal) -> Score:
    basis = f"实际 {m.actual_text} 不超过目标 {m.target_text}，得满分"
    return Score(rule, weight, weight, True, basis)


@scoring_rule("equals_zero", "目标为 0（如事故数 = 0）：实际不超过 0 得满分，否则 0 分", "zero")
def equals_zero(m: Measure | str, weight: Decimal, rules: SelfEvalRules) -> Score:
    m = _m(m)
    actual = m.actual_text
    if m.actual <= 0:
        return Score("equals_zero", weight, weight, True, f"实际 {actual}，得满分")
    return Score("equals_zero", ZERO, ZERO, False, f"目标为 0，实际 {actual}，得 0 分")


@scoring_rule(
    "range",
    "区间指标：在区间内得满分；低于下限按 实际值 ÷ 下限 × 分值；高于上限按反向指标计分",
    "range",
)
def range_(m: Measure | str, weight: Decimal, rules: SelfEvalRules) -> Score:
    m = _m(m)
    upper = m.upper if m.upper is not None else m.target
    if m.actual < m.target:
        below = forward(Measure("≥", m.target, m.actual, unit=m.unit), weight, rules)
        return Score("range", below.low, below.high, False, below.basis)
    if m.actual > upper:
        reverse = SCORING_RULES[rules.choose["reverse"]].formula
        result = reverse(Measure("≤", upper, m.actual, unit=m.unit), weight, rules)
        return Score("range", result.low, result.high, False, result.basis)
    basis = f"实际 {m.actual_text} 在 {m.target_text} 之内，得满分"
    return Score("range", weight, weight, True, basis)


@scoring_rule(
    "qualitative",
    "定性指标：按实际完成情况定档（达成 80-100%、部分达成 60-80%、未达成 0-60% 的分值），"
    "档内分数由评价人确定",
    "qualitative",
)
def qualitative(m: Measure | str, weight: Decimal, rules: SelfEvalRules) -> Score:
    if not isinstance(m, str):
        raise TypeError("the qualitative rule scores an achievement")
    low, high = rules.bands[m]
    names = list(rules.bands)
    met = True if m == names[0] else False if m == names[-1] else None
    basis = f"实际完成情况为“{m}”，得分应在分值的 {num(low * 100)}%-{num(high * 100)}% 之间"
    return Score("qualitative", low * weight, high * weight, met, basis, band=m)


# -- choosing and applying a rule -----------------------------------------------------------
def target_of(indicator: Indicator) -> Target:
    """The target a self-evaluation scores against: the annual one, else the period's."""
    return indicator.annual if indicator.annual.text.strip() else indicator.cycle


def classify(indicator: Indicator, rules: SelfEvalRules) -> tuple[str, Measure | str] | Unscored:
    """The kind of an indicator (``[choose]``'s keys) with what its rule scores: a
    :class:`Measure` for quantitative targets, the achievement for qualitative ones."""
    return classify_pair(
        target_of(indicator), indicator.actual, indicator.direction, indicator.name, rules
    )


def classify_pair(
    target: Target,
    actual: Target | None,
    direction: str | None,
    name: str,
    rules: SelfEvalRules,
) -> tuple[str, Measure | str] | Unscored:
    """:func:`classify` for a target and a value against it (an actual, or the current value
    of an in-year monitoring), with the indicator's written direction and name."""
    if actual is None or not actual.text.strip():
        return Unscored("没有实际完成值")
    if "composite" in (target.kind, actual.kind):
        return Unscored("指标值含多个数值，不能按一个公式计分")
    if target.kind == "qualitative" or actual.kind == "qualitative":
        band = rules.achieved(actual.text, target.text)
        if band is None:
            return Unscored(f"实际完成值“{actual.text}”没有说明是否达成，不能定档")
        return "qualitative", band
    assert target.value is not None and actual.value is not None
    t_value, t_unit = normalize(target.value, target.unit)
    a_value, a_unit = normalize(actual.value, actual.unit or target.unit)
    if t_unit and a_unit and t_unit != a_unit:
        return Unscored(f"目标单位“{target.unit}”与实际单位“{actual.unit}”不同，不能比较")
    unit = t_unit or a_unit
    shown = (" ".join(target.text.split()), " ".join(actual.text.split()))
    if target.op == "range":
        assert target.upper is not None
        upper = normalize(target.upper, target.unit)[0]
        return "range", Measure("range", t_value, a_value, upper, unit, shown)
    op = target.op or "="
    if op in ("≤", "<"):
        reverse = True
    elif op in ("=", "≈"):  # no direction of its own: the column, else the name's words
        written = direction or ""
        reverse = "反" in written or (not written and rules.is_reverse(name))
    else:
        reverse = False
    measure = Measure(op, t_value, a_value, unit=unit, shown=shown)
    if t_value == 0 and (reverse or op in ("=", "≈")):
        return "zero", measure
    return ("reverse" if reverse else "forward"), measure


def score_indicator(indicator: Indicator, rules: SelfEvalRules) -> Score | Unscored:
    """The score an indicator earns under ``rules`` (with its printed weight)."""
    if indicator.weight is None:
        return Unscored("没有分值")
    kind = classify(indicator, rules)
    if isinstance(kind, Unscored):
        return kind
    name, measured = kind
    return SCORING_RULES[rules.choose[name]].formula(measured, indicator.weight, rules)


@dataclass(frozen=True, slots=True)
class ExecutionScore:
    """The budget-execution score: ``rate`` in percent (from the amounts when the table gives
    them, else as printed), ``score = min(rate × weight, weight)``."""

    rate: Decimal
    weight: Decimal
    score: Decimal
    basis: str
    from_amounts: bool


def execution_rate(execution: Execution) -> Decimal | None:
    """执行数 ÷ 全年预算数 in percent, ``None`` without both amounts (or a zero budget)."""
    if execution.executed is None or not execution.full_year:
        return None
    return execution.executed / execution.full_year * HUNDRED


def score_execution(execution: Execution, rules: SelfEvalRules) -> ExecutionScore | Unscored:
    """The budget-execution score; the printed weight wins over the configured one."""
    weight = execution.weight if execution.weight is not None else rules.execution_weight
    rate = execution_rate(execution)
    from_amounts = rate is not None
    if rate is None:
        rate = execution.rate
    if rate is None:
        return Unscored("没有执行数和全年预算数，也没有执行率")
    value = min(max(rate, ZERO) / HUNDRED * weight, weight)
    how = (
        f"执行率 {num(rate.quantize(Decimal('0.01')))}%"
        + ("（执行数 ÷ 全年预算数）" if from_amounts else "")
        + f" × 分值 {num(weight)}，最高 {num(weight)}"
    )
    return ExecutionScore(rate, weight, value, f"{how} = {points(value)}", from_amounts)
