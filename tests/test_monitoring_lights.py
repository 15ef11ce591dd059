"""Warning lights against each threshold edge (docs/monitoring.md): forward indicators against
the time-proportional target, percentages directly, reverse, zero, qualitative, the budget, the
project's worst light, when reasons are required, and a region's own thresholds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.errors import ConfigError, InputError
from jixiao.monitoring import (
    budget_light,
    indicator_light,
    load_monitoring_rules,
    project_light,
    reasons_required,
)
from jixiao.selfeval import load_selfeval_rules
from jixiao.targets import type_target

D = Decimal
RULES = load_monitoring_rules()
SCORING = load_selfeval_rules()


def light(target: str, current: str | None, month: int = 6, **kw: str) -> str | None:
    found = indicator_light(
        type_target(target), None if current is None else type_target(current), month, RULES,
        SCORING, **kw,  # type: ignore[arg-type]
    )  # fmt: skip
    return found.key


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        ("0人", "red"), ("29.9人", "red"),  # June: half of 100 is 50; 60% of it is 30
        ("30人", "yellow"), ("39.9人", "yellow"),
        ("40人", "green"), ("59.9人", "green"),
        ("60人", "blue"), ("100人", "blue"),
    ],
)  # fmt: skip
def test_forward_against_the_time_proportional_target(current: str, expected: str) -> None:
    assert light("≥100人", current) == expected


def test_the_month_sets_the_proportion() -> None:
    assert light("≥120人", "60人", month=6) == "green"  # 60 of 60 due
    assert light("≥120人", "60人", month=12) == "red"  # 60 of 120: 50%
    assert light("≥120人", "60人", month=1) == "blue"
    with pytest.raises(InputError, match="1 到 12"):
        light("≥120人", "60人", month=13)


@pytest.mark.parametrize(
    ("current", "expected"),
    [("56.9%", "red"), ("57%", "yellow"), ("75.9%", "yellow"), ("76%", "green"),
     ("113.9%", "green"), ("114%", "blue")],
)  # fmt: skip
def test_percentages_are_not_time_proportional(current: str, expected: str) -> None:
    assert light("≥95%", current) == expected  # 57 ÷ 95 = 0.6


@pytest.mark.parametrize(
    ("target", "current", "expected"),
    [("≤5天", "5天", "green"), ("≤5天", "5.01天", "red"), ("≤5天", "1天", "green"),
     ("=0起", "0起", "green"), ("=0起", "1起", "red"), ("0次", "0次", "green")],
)  # fmt: skip
def test_reverse_and_zero(target: str, current: str, expected: str) -> None:
    assert light(target, current) == expected


def test_reverse_by_name_when_the_target_has_no_comparator() -> None:
    assert light("5%", "6%", name="设备故障率") == "red"
    assert light("5%", "6%", direction="反向") == "red"


@pytest.mark.parametrize(
    ("current", "expected"),
    [("已完成", "green"), ("基本完成", "yellow"), ("未完成", "red"), ("有效提升", "green")],
)
def test_qualitative(current: str, expected: str) -> None:
    assert light("有效提升", current) == expected


def test_no_light_when_nothing_can_be_compared() -> None:
    found = indicator_light(type_target("≥100人"), type_target("30户"), 6, RULES, SCORING)
    assert found.key is None and "不同" in found.basis
    assert light("≥100人", None) is None
    assert light("有效提升", "详见附件") is None


def test_basis_says_how() -> None:
    found = indicator_light(type_target("≥100人"), type_target("30人"), 6, RULES, SCORING)
    assert found.name == "黄灯"
    assert (
        found.basis
        == "当前 30人，年度目标 ≥100人，6 月（序时完成 60%），满足“progress < 0.8” → 黄灯"
    )


@pytest.mark.parametrize(
    ("spent", "expected"),
    [("29.9", "red"), ("30", "yellow"), ("39.9", "yellow"), ("40", "green"), ("100", "green")],
)
def test_budget_against_time(spent: str, expected: str) -> None:
    assert budget_light(D(100), D(spent), 6, RULES).key == expected


def test_budget_without_figures_has_no_light() -> None:
    assert budget_light(None, D(1), 6, RULES).key is None
    assert "不能计算" in budget_light(D(0), D(1), 6, RULES).basis


def test_project_light_is_the_worst() -> None:
    lights = [budget_light(D(100), D(50), 6, RULES), indicator_light(
        type_target("≥100人"), type_target("70人"), 6, RULES, SCORING)]  # fmt: skip
    assert [x.key for x in lights] == ["green", "blue"]
    assert project_light(lights, RULES) == "blue"
    lights.append(budget_light(D(100), D(10), 6, RULES))
    assert project_light(lights, RULES) == "red"
    assert project_light([], RULES) is None


@pytest.mark.parametrize(
    ("key", "possibility", "required"),
    [("red", "确定能", True), ("green", "有可能", True), ("yellow", "不可能", True),
     ("yellow", "确定能", False), ("green", None, False), ("blue", "确定能", False)],
)  # fmt: skip
def test_reasons_required(key: str, possibility: str | None, required: bool) -> None:
    assert reasons_required(key, possibility, RULES) is required


def test_a_region_sets_its_own_thresholds(tmp_path: Path) -> None:
    path = tmp_path / "region.toml"
    path.write_text(
        '[[rules.forward]]\nwhen = "progress < 0.5"\nlight = "red"\n'
        '[[rules.forward]]\nwhen = "true"\nlight = "green"\n',
        encoding="utf-8",
    )
    rules = load_monitoring_rules(path)
    found = indicator_light(type_target("≥100人"), type_target("26人"), 6, rules, SCORING)
    assert found.key == "green"  # 52%: red below 50% only
    assert rules.rules["reverse"] == RULES.rules["reverse"]  # the rest from the bundled file


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[rules.forward]]\nwhen = "progres < 0.5"\nlight = "red"\n', "未知的名称 progres"),
        ('[[rules.forward]]\nwhen = "true"\nlight = "purple"\n', "“purple”不在 lights 中"),
        ('[[rules.forward]]\nwhen = "progress < 0.5"\nlight = "red"\n', "最后一条应为"),
        ('[derived]\nprogress = "ratio /"\n', "不完整"),
        ('[required]\nreasons = "month > 1"\n', "未知的名称 month"),
        ("[rules.weather]\n", "未知的类型"),
    ],
)
def test_a_wrong_file_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_monitoring_rules(path)
