"""Self-evaluation scoring rules against worked examples (docs/selfeval.md): each formula, each
band edge, units, rounding, and what is not scored."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.model import Execution, Indicator, Level
from jixiao.selfeval import Score, Unscored, load_selfeval_rules, score_execution, score_indicator
from jixiao.selfeval.scoring import points
from jixiao.targets import type_target

D = Decimal
RULES = load_selfeval_rules()


def ind(
    target: str,
    actual: str | None,
    weight: str | None = "10",
    *,
    name: str = "指标",
    direction: str | None = None,
) -> Indicator:
    indicator = Indicator(
        1, Level(None, "产出指标"), Level(None, "数量指标"), name, type_target(""),
        type_target(target),
    )  # fmt: skip
    indicator.actual = None if actual is None else type_target(actual)
    indicator.weight = None if weight is None else D(weight)
    indicator.direction = direction
    return indicator


def exact(target: str, actual: str, weight: str = "10", **kw: str | None) -> str:
    result = score_indicator(ind(target, actual, weight, **kw), RULES)  # type: ignore[arg-type]
    assert isinstance(result, Score), result
    assert result.exact is not None
    return points(result.exact)


# -- forward -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("target", "actual", "weight", "score"),
    [
        ("≥95%", "76%", "10", "8"),  # 76 ÷ 95 × 10
        ("100%", "83.5%", "20", "16.7"),
        ("≥200人", "230人", "10", "10"),  # over-achieved: full, never more
        ("≥95%", "95%", "10", "10"),  # the edge is met
        (">95%", "95%", "10", "10"),  # strict: missed, but the ratio is 1
        ("≥1万亩", "0.95万亩", "20", "19"),
        ("≥1万亩", "9500亩", "20", "19"),  # 万 converted
        ("150万元", "1500000元", "10", "10"),
        ("≥95%", "0%", "10", "0"),
        ("≥0", "5", "10", "10"),  # a zero forward target is met by anything
    ],
)
def test_forward(target: str, actual: str, weight: str, score: str) -> None:
    assert exact(target, actual, weight) == score


def test_forward_met_flag_and_basis() -> None:
    result = score_indicator(ind("≥95%", "76%"), RULES)
    assert isinstance(result, Score) and result.rule == "forward" and result.met is False
    assert result.basis == "实际 76% ÷ 目标 ≥95% × 分值 10 = 8"
    met = score_indicator(ind("≥95%", "98%"), RULES)
    assert isinstance(met, Score) and met.met is True and "得满分" in met.basis


# -- reverse -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("target", "actual", "score"),
    [
        ("≤5天", "4天", "10"),
        ("≤5天", "5天", "10"),  # the bound is met
        ("≤5天", "6天", "8"),  # (1 − 1 ÷ 5) × 10
        ("≤5天", "9.9天", "0.2"),
        ("≤5天", "10天", "0"),  # twice the target
        ("≤5天", "12天", "0"),
        ("<3%", "4.5%", "5"),
    ],
)
def test_reverse_linear(target: str, actual: str, score: str) -> None:
    assert exact(target, actual) == score


def test_reverse_ratio_is_the_other_local_variant(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "region.toml"
    path.write_text('[choose]\nreverse = "reverse_ratio"\n', encoding="utf-8")
    rules = load_selfeval_rules(path)
    result = score_indicator(ind("≤5天", "8天"), rules)
    assert isinstance(result, Score) and result.exact == D("6.25")
    assert result.rule == "reverse_ratio"
    met = score_indicator(ind("≤5天", "5天"), rules)
    assert isinstance(met, Score) and met.exact == 10


def test_equals_direction_comes_from_the_column_then_the_name() -> None:
    assert exact("5%", "6%", direction="反向") == "8"
    assert exact("5%", "6%", direction="正向") == "10"
    assert exact("0.9%", "1.8%", name="森林火灾受害率") == "0"  # named lower-is-better
    assert exact("12月", "10月", name="项目完工时限") == "10"  # a deadline met early
    assert exact("0.9%", "1.8%", name="覆盖率") == "10"  # forward


# -- zero and range -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("target", "actual", "score"),
    [("=0", "0", "10"), ("0次", "1次", "0"), ("≤0起", "0起", "10"), ("0", "0.0", "10")],
)
def test_equals_zero(target: str, actual: str, score: str) -> None:
    result = score_indicator(ind(target, actual), RULES)
    assert isinstance(result, Score) and result.rule == "equals_zero"
    assert points(result.low) == score


@pytest.mark.parametrize(
    ("actual", "score"),
    [
        ("4天", "10"),
        ("3天", "10"),
        ("5天", "10"),
        ("2天", "6.67"),
        ("6天", "8"),
        ("10天", "0"),
    ],
)
def test_range(actual: str, score: str) -> None:
    assert exact("3-5天", actual) == score


# -- qualitative ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("target", "actual", "band", "low", "high"),
    [
        ("有效提升", "已完成", "达成", "8", "10"),
        ("有效提升", "基本完成", "部分达成", "6", "8"),
        ("有效提升", "未完成。", "未达成", "0", "6"),
        ("无", "无", "达成", "8", "10"),  # repeating the target is achieving it
        ("≥95%", "完成", "达成", "8", "10"),  # a number target, an actual in words
        ("明显改善", " 部分 达成 ", "部分达成", "6", "8"),
    ],
)
def test_qualitative_bands(target: str, actual: str, band: str, low: str, high: str) -> None:
    result = score_indicator(ind(target, actual), RULES)
    assert isinstance(result, Score) and result.rule == "qualitative" and result.band == band
    assert (points(result.low), points(result.high)) == (low, high)
    assert result.exact is None
    assert result.within(D(11)) == D(high) and result.within(D(-1)) == D(low)


# -- not scored -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("target", "actual", "weight", "reason"),
    [
        ("≥95%", "98%", None, "没有分值"),
        ("≥95%", None, "10", "没有实际完成值"),
        ("≥95%", "  ", "10", "没有实际完成值"),
        ("有效提升", "详见附件", "10", "没有说明是否达成"),
        ("≥100人", "30户", "10", "不同"),
        ("≥95%,≥100人", "98%,120人", "10", "多个数值"),
    ],
)
def test_what_cannot_be_compared_is_not_scored(
    target: str, actual: str | None, weight: str | None, reason: str
) -> None:
    result = score_indicator(ind(target, actual, weight), RULES)
    assert isinstance(result, Unscored) and reason in result.reason


# -- budget execution -----------------------------------------------------------------------
def test_execution_from_amounts_and_capped() -> None:
    result = score_execution(Execution(full_year=D(29), executed=D("27.8")), RULES)
    assert not isinstance(result, Unscored)
    assert points(result.rate) == "95.86" and points(result.score) == "9.59"
    assert result.from_amounts and result.weight == 10
    over = score_execution(Execution(full_year=D(100), executed=D(120)), RULES)
    assert not isinstance(over, Unscored) and over.score == 10
    printed = score_execution(Execution(rate=D("80"), weight=D("20")), RULES)
    assert not isinstance(printed, Unscored) and printed.score == 16 and not printed.from_amounts
    assert isinstance(score_execution(Execution(), RULES), Unscored)


def test_grades_at_each_edge() -> None:
    for total, grade in [("100", "优"), ("90", "优"), ("89.99", "良"), ("80", "良"),
                         ("79.9", "中"), ("60", "中"), ("59.99", "差"), ("0", "差")]:  # fmt: skip
        assert RULES.grade(D(total)) == grade
    assert RULES.read_grade("优秀") == "优" and RULES.read_grade("良 好") == "良"
    assert RULES.read_grade("很好") is None


@given(
    target=st.decimals(min_value="0.01", max_value="100000", places=2),
    actual=st.decimals(min_value="0", max_value="1000000", places=2),
    weight=st.integers(min_value=1, max_value=50),
    op=st.sampled_from(["≥", "≤", "", ">", "<"]),
)
def test_every_score_is_between_zero_and_the_weight(
    target: Decimal, actual: Decimal, weight: int, op: str
) -> None:
    result = score_indicator(ind(f"{op}{target}个", f"{actual}个", str(weight)), RULES)
    assert isinstance(result, Score)
    assert 0 <= result.low <= result.high <= weight
    if result.met:
        assert result.low == weight
