"""The one table interpreter on grids written in the test (no reader involved)."""

from __future__ import annotations

import pytest

from jixiao.errors import ParseError
from jixiao.ingest.grid import Grid
from jixiao.ingest.table import interpret

from .tables import messages, outline, target

HEADER = [
    "项目名称",
    "资金总额（万元）",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
]


def grid(*rows: list[str]) -> Grid:
    return Grid.of("Sheet1", rows, range(3, 3 + len(rows)))


def test_grid_without_header_row_names_what_is_missing() -> None:
    with pytest.raises(ParseError) as err:
        interpret([grid(["名称", "金额"], ["某某项目", "12.00"])], "t.xlsx")
    assert err.value.source == "t.xlsx"
    assert err.value.line == 3
    assert "三级指标" in str(err.value)


def test_comparator_and_unit_columns_are_joined() -> None:
    doc = interpret(
        [
            grid(
                ["部门名称：某局"],
                HEADER,
                ["某项目", "10", "产出指标", "数量指标", "培训人数", "≥", "95", "人"],
                ["", "", "", "质量指标", "合格率", "=", "99", "百分比"],
                ["", "", "效益指标", "社会效益", "群众认可度", "定性", "提高", ""],
            )
        ],
        "2024.csv",
    )
    (ind1, ind2, ind3) = doc.units[0].projects[0].indicators
    assert target(ind1.annual) == ("≥95人", "quantitative", "≥", "95", "人")
    assert target(ind2.cycle) == ("=99%", "quantitative", "=", "99", "%")
    assert target(ind3.annual) == ("提高", "qualitative", None, None, None)
    assert doc.year == 2024 and doc.department == "某局" and doc.money_unit == "万元"
    assert messages(doc, "target.unit_variant") == ["度量单位“百分比”按“%”读取"]


def test_glued_values_and_money_in_yuan_converted_to_the_document_unit() -> None:
    doc = interpret(
        [
            grid(
                ["单位：万元"],
                ["项目名称", "资金总额（元）", "二级指标", "三级指标", "指标值"],
                ["某项目", "125000", "数量指标", "人数", ">=21933人"],
                ["", "", "时效指标", "工期", "=300天"],
                ["", "", "质量指标", "合格率", "%=99百分比"],
            )
        ],
        "x.csv",
    )
    project = doc.units[0].projects[0]
    assert str(project.funds.total) == "12.5"
    assert [i.annual.text for i in project.indicators] == [">=21933人", "=300天", "=99%"]
    assert [i.level1.label() for i in project.indicators] == ["1-产出指标"] * 3
    assert messages(doc, "money.converted") == ["金额 125000（元）换算为 12.5 万元"]


def test_two_value_columns_and_one_project_form_block() -> None:
    doc = interpret(
        [
            grid(
                ["项目名称", "某项目", "主管部门", "某局"],
                ["年度目标", "完成任务。", "完成任务。", "完成任务。"],
                ["一级指标", "三级指标", "实施周期指标值", "年度指标值"],
                ["产出指标", "", "", ""],
                ["", "完成数", "10个", "5个"],
            )
        ],
        "x.html",
    )
    out = outline(doc)
    assert out["department"] == "某局"
    (unit,) = out["units"]
    assert unit[0] == "某局"
    assert unit[2][0][2] == "完成任务。"
    (ind,) = unit[2][0][3]
    assert ind[3:] == (
        "完成数",
        ("10个", "quantitative", "=", "10", "个"),
        ("5个", "quantitative", "=", "5", "个"),
    )
    assert ("info", "row.no_indicator", 6) in out["notes"]
    assert ("warning", "indicator.class", 7) in out["notes"]  # no level 2 written
