"""Self-evaluation rules as data: the bundled file, a region's override, and a wrong file
refused with the reason before anything is scored."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.errors import ConfigError
from jixiao.selfeval import load_selfeval_rules
from jixiao.selfeval.config import to_toml


def test_bundled_defaults() -> None:
    rules = load_selfeval_rules()
    assert dict(rules.weights) == {
        "预算执行率": 10,
        "产出指标": 50,
        "效益指标": 30,
        "满意度指标": 10,
    }
    assert [g for g, _ in rules.grades] == ["优", "良", "中", "差"]
    assert rules.choose["reverse"] == "reverse_linear"
    assert rules.bands["部分达成"] == (Decimal("0.6"), Decimal("0.8"))
    assert rules.achieved("基本完成") == "部分达成" and rules.achieved("完成") == "达成"


def test_a_region_changes_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "省.toml"
    path.write_text(
        'name = "某省 2026"\n[[grades]]\ngrade = "优"\nmin = 80\n[[grades]]\ngrade = "良"\n'
        'min = 70\n[[grades]]\ngrade = "中"\nmin = 60\n[[grades]]\ngrade = "差"\nmin = 0\n'
        '[achievement]\n"达成" = ["完成", "好"]\n',
        encoding="utf-8",
    )
    rules = load_selfeval_rules(path)
    assert rules.name == "某省 2026" and rules.grade(Decimal(85)) == "优"
    assert rules.achieved("好") == "达成" and rules.achieved("基本完成") == "部分达成"
    assert rules.weights["产出指标"] == 50  # from the bundled file
    assert rules.source == str(path)


def test_toml_round_trip(tmp_path: Path) -> None:
    rules = load_selfeval_rules()
    path = tmp_path / "all.toml"
    path.write_text(to_toml(rules), encoding="utf-8")
    again = load_selfeval_rules(path)
    for name in rules.__slots__:
        if name != "source":
            assert getattr(again, name) == getattr(rules, name), name


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[weights]\n"产出指标" = 60\n', "之和应为 100"),
        ('[choose]\nreverse = "forward"\n', "choose.reverse"),
        ('[choose]\nforward = "nonesuch"\n', "不可用"),
        ('[bands]\n"达成" = [0.8, 1.2]\n', "0 到 1"),
        ('[bands]\n"达成" = [0.6, 0.8]\n"部分达成" = [0.8, 1.0]\n', "从高到低"),
        ('[achievement]\n"完全达成" = ["完成"]\n', "不是 bands 中的一档"),
        ('[achievement]\n"部分达成" = ["完成"]\n', "同时列在"),
        ('[[grades]]\ngrade = "优"\nmin = 90\n', "min 为 0"),
        ('[weights]\n"产出指标" = "五十"\n', "应为数字"),
        ("surprise = 1\n", "未知的项"),
        ("[weights\n", "不是有效的 TOML"),
    ],
)
def test_a_wrong_file_is_refused_with_the_reason(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_selfeval_rules(path)
    assert message in str(err.value)
    assert str(path) in err.value.describe()


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="无法读取自评计分规则文件"):
        load_selfeval_rules(tmp_path / "nope.toml")
