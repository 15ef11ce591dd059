"""The expression language of rules kept as data: grammar, exact decimals, errors in Chinese,
and nothing reachable but the values given."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.expr import ExprError, parse

D = Decimal


@pytest.mark.parametrize(
    ("text", "values", "result"),
    [
        ("progress < 0.6", {"progress": D("0.59")}, True),
        ("progress < 0.6", {"progress": D("0.6")}, False),
        ("1 + 2 * 3", {}, D(7)),
        ("(1 + 2) * 3", {}, D(9)),
        ("-x + 1", {"x": D(2)}, D(-1)),
        ("0.1 + 0.2 == 0.3", {}, True),  # exact decimals
        ("not a and b or c", {"a": False, "b": True, "c": False}, True),
        ('status == "达成"', {"status": "达成"}, True),
        ('status != "达成"', {"status": "达成"}, False),
        (
            "if(percent, ratio, ratio / elapsed)",
            {"percent": False, "ratio": D(1), "elapsed": D("0.5")},
            D(2),
        ),
        ("if(true, 1, 1 / 0)", {}, D(1)),  # only the branch taken is evaluated
        ("min(a, 2, 3) + max(1, a) + abs(-4)", {"a": D(5)}, D(11)),
        ("进度 >= 1", {"进度": D(1)}, True),  # Chinese names
        ("false or x", {"x": True}, True),
        ("true and false", {}, False),
    ],
)
def test_evaluates(text: str, values: dict[str, object], result: object) -> None:
    assert parse(text)(values) == result  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("progress <", "不完整"),
        ("1 < 2 < 3", "不能连写比较"),
        ("__import__('os')", "无法识别"),  # quotes other than "…" are not the language
        ("open(1)", "函数“open”不存在"),
        ("x.y", "无法识别"),
        ("(1 + 2", "不完整"),
        ("1 2", "多出内容"),
        ("if(1, 2)", "参数个数不对"),
        ("x" * 501, "过长"),
        ("(" * 60 + "1" + ")" * 60, "嵌套过深"),
    ],
)
def test_refuses_what_is_not_the_language(text: str, message: str) -> None:
    with pytest.raises(ExprError, match=message):
        parse(text)


@pytest.mark.parametrize(
    ("text", "values", "message"),
    [
        ("x + 1", {}, "“x”没有值"),
        ("1 / x", {"x": D(0)}, "除以零"),
        ('x == "a"', {"x": D(1)}, "不同类型"),
        ("x and true", {"x": D(1)}, "不是真假值"),
        ("x + 1", {"x": "a"}, "不是数"),
    ],
)
def test_evaluation_errors(text: str, values: dict[str, object], message: str) -> None:
    with pytest.raises(ExprError, match=message):
        parse(text)(values)  # type: ignore[arg-type]


def test_check_names_before_anything_is_evaluated() -> None:
    expr = parse("progres < 0.6 and month > 1")
    assert expr.names() == {"progres", "month"}
    with pytest.raises(ExprError, match="未知的名称 progres"):
        expr.check({"progress", "month"})


@given(a=st.decimals(-1000, 1000, places=3), b=st.decimals(-1000, 1000, places=3))
def test_arithmetic_and_comparisons_are_exact(a: Decimal, b: Decimal) -> None:
    values = {"a": a, "b": b}
    assert parse("a + b - b")(values) == a
    assert parse("a <= b")(values) == (a <= b)
    assert parse("max(a, b) >= min(a, b)")(values) is True
