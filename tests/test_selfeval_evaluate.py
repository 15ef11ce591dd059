"""A self-evaluation filled in Jixiao: scores by rule, the reviewer's pick within a qualitative
band (a score outside it refused with the reason), the total and grade, what is still missing,
and weights suggested from the class weights."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.errors import InputError
from jixiao.framework import load_framework
from jixiao.model import Execution, Funds, Indicator, Level, Project
from jixiao.selfeval import load_selfeval_rules
from jixiao.selfeval.evaluate import check_manual_score, evaluate, suggest_weights
from jixiao.targets import type_target

D = Decimal
RULES = load_selfeval_rules()


def ind(seq: int, level1: str, target: str, actual: str | None, weight: str | None,
        score: str | None = None, deviation: str | None = None) -> Indicator:  # fmt: skip
    i = Indicator(seq, Level(None, level1), Level(None, "数量指标"), f"指标{seq}",
                  type_target(""), type_target(target))  # fmt: skip
    i.actual = None if actual is None else type_target(actual)
    i.weight = None if weight is None else D(weight)
    i.score = None if score is None else D(score)
    i.deviation = deviation
    return i


def project(*indicators: Indicator, spent: str = "27.8") -> Project:
    p = Project("示例项目", Funds(total=D(29)), "", list(indicators))
    p.execution = Execution(full_year=D(29), executed=D(spent))
    return p


def test_worked_example() -> None:
    p = project(
        ind(1, "产出指标", "≥100人", "120人", "25"),
        ind(2, "产出指标", "≥95%", "76%", "25", deviation="受疫情影响，下半年补训"),
        ind(3, "效益指标", "有效提升", "基本完成", "30", score="21", deviation="部分乡镇未覆盖"),
        ind(4, "满意度指标", "≥90%", "92%", "10"),
    )
    result = evaluate(p, RULES)
    assert result.problems == []
    assert [s.score for s in result.indicators] == [D(25), D(20), D(21), D(10)]
    assert result.total == D("85.59") and result.grade == "良"  # 9.59 + 25 + 20 + 21 + 10
    assert result.complete


def test_what_is_missing_is_said_per_field() -> None:
    p = project(
        ind(1, "产出指标", "≥100人", None, "50"),
        ind(2, "效益指标", "有效提升", "基本完成", "30"),
        ind(3, "满意度指标", "≥90%", "80%", None),
        spent="20",
    )
    result = evaluate(p, RULES)
    found = [(x.seq, x.field) for x in result.problems]
    assert (1, "actual") in found and (2, "score") in found and (2, "deviation") in found
    assert (3, "weight") in found
    assert any(x.field == "execution" and "低于 90%" in x.message for x in result.problems)
    assert any(x.field == "weight" and "应为 100" in x.message for x in result.problems)
    assert result.total is None and not result.complete


def test_a_manual_score_outside_its_band_is_refused_with_the_reason() -> None:
    i = ind(1, "效益指标", "有效提升", "基本完成", "30")
    check_manual_score(i, D(18), RULES)  # 60%: the band's edge
    check_manual_score(i, D(24), RULES)
    with pytest.raises(InputError) as err:
        check_manual_score(i, D(25), RULES)
    assert "不在“部分达成”档内" in err.value.message and "18 到 24 分" in err.value.describe()
    with pytest.raises(InputError, match="超出范围"):
        check_manual_score(i, D(31), RULES)
    q = ind(2, "产出指标", "≥95%", "76%", "25")
    check_manual_score(q, D(20), RULES)
    with pytest.raises(InputError, match="按计分规则得 20 分"):
        check_manual_score(q, D(25), RULES)
    outside = project(ind(1, "效益指标", "有效提升", "基本完成", "30", score="25", deviation="x"))
    assert any(p.field == "score" for p in evaluate(outside, RULES).problems)


def test_weights_suggested_from_the_class_weights() -> None:
    items = [
        ind(1, "产出指标", "≥1个", None, None), ind(2, "产出指标", "≥1个", None, None),
        ind(3, "成本指标", "≤10万元", None, None),  # inside 产出's 50
        ind(4, "效益指标", "有效提升", None, None),
        ind(5, "满意度指标", "≥90%", None, None), ind(6, "满意度指标", "≥90%", None, None),
        ind(7, "其他指标", "x", None, None),
    ]  # fmt: skip
    weights = suggest_weights(items, RULES, load_framework())
    assert weights == {1: D("16.67"), 2: D("16.67"), 3: D("16.66"), 4: D(30), 5: D(5), 6: D(5)}
    assert sum(weights.values()) == 90  # + 预算执行率 10
