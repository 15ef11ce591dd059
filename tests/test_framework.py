"""The indicator framework file and the checks of written classes against it."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.errors import ConfigError
from jixiao.framework import clean_label, load_framework


def test_bundled_framework_has_the_published_codes() -> None:
    fw = load_framework()
    assert {"1", "2", "3", "4"} == set(fw.level1)
    assert {c for c, k in fw.level2.items() if k.seen} == {"11", "12", "13", "21", "22", "31", "41"}
    assert fw.level2["31"].parent == "3"


@pytest.mark.parametrize(
    ("args", "problems"),
    [
        (("1", "产出指标", "11", "数量指标"), 0),
        ((None, "项目完成指标", None, "数量值"), 0),  # synonyms
        ((None, "效果指标", None, "社会效益指标"), 0),
        (("2", "效益指标", "23", "环境效益"), 0),
        ((None, "满意度指标", None, "社会公众或服务对象满意度指标"), 0),
        (("1", "产出指标（50分）", "12", "质量指标★"), 0),  # decorations
        ((None, "产出指标", None, "成本指标"), 0),  # older templates: 成本 under 产出
        (("1", "产出指标", "21", "经济效益"), 1),  # level 2 under another level 1
        (("1", "效益指标", "11", "数量指标"), 1),  # code and name disagree
        (("9", "奇怪指标", "99", "未知"), 2),  # unknown, kept and reported
    ],
)
def test_check(args: tuple[str | None, str, str | None, str], problems: int) -> None:
    assert len(load_framework().check(*args)) == problems


def test_clean_label() -> None:
    assert clean_label("产出指标(必填硬性指标)") == "产出指标"
    assert clean_label(" 满意度指标 ★") == "满意度指标"


def test_bad_framework_file(tmp_path: Path) -> None:
    bad = tmp_path / "fw.toml"
    bad.write_text('name = "x"\nversion = "1"\n[[level1]]\nname = "无代码"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="指标框架"):
        load_framework(bad)
    with pytest.raises(ConfigError):
        load_framework(tmp_path / "missing.toml")


def test_a_class_with_its_points_written_after_it_is_the_class() -> None:
    fw = load_framework()
    level1 = fw.find1(None, "产出指标 40 分")
    level2 = fw.find2(None, "数量指标15分")
    assert level1 is not None and level1.name == "产出指标"
    assert level2 is not None and level2.name == "数量指标"
    assert fw.find1(None, "产出指标 40") is None  # (a figure alone is no points)
