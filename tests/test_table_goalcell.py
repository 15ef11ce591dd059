"""A project list whose goal cells hold the indicators as headed lines
(:mod:`jixiao.ingest.table_goalcell`): rewritten to one row per indicator, grouping rows told
from projects."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.errors import ParseError
from jixiao.ingest.grid import Grid
from jixiao.ingest.table import interpret
from jixiao.ingest.table_goalcell import class_heading, read_cell

HEADER = ["单位编码", "单位名称(项目类别/支出项目)", "年度预算安排", "项目内容", "绩效目标"]
GOAL = (
    "【总体目标】 保障某某设施运转 【产出指标-数量指标】 指标1:设备数量(≥10台) "
    "指标2:巡查次数(≥12次) 【效益指标-社会效益指标】 指标1:服务群众(有效保障)"
)


def _grid(goal: str = GOAL) -> Grid:
    rows = [
        ["某某局2025年项目绩效目标"],
        HEADER,
        ["", "某某局", "500", "", ""],
        ["000001", "某某局本级", "300", "", ""],
        ["", "其他运转类", "200", "", ""],
        ["000001", "某某设施运维项目", "200", "【项目概况】:某某设施的日常运维。", goal],
        ["000001", "某某专项经费", "100", "【项目概况】:用于某某工作", ""],
    ]
    return Grid.of("表格 1", rows, range(1, len(rows) + 1))


def test_a_goal_cell_gives_its_goal_and_an_indicator_per_line_under_its_heading() -> None:
    cell = read_cell(GOAL)
    assert cell.goal == "保障某某设施运转"
    assert cell.items == [
        ("产出指标", "数量指标", "指标1:设备数量", "≥10台"),
        ("产出指标", "数量指标", "指标2:巡查次数", "≥12次"),
        ("效益指标", "社会效益指标", "指标1:服务群众", "有效保障"),
    ]
    assert cell.refused == []


def test_only_a_heading_whose_level_1_is_a_class_is_a_class_heading() -> None:
    assert class_heading("满意度指标-服务对象满意度指标") == ("满意度指标", "服务对象满意度指标")
    assert class_heading("项目概况") is None
    assert class_heading("某某-某某事项") is None
    cell = read_cell("【项目概况】:某某 【某某-某某事项】 指标1:某某(1个)")
    assert not cell.headed and cell.items == []


def test_an_indicator_line_without_its_target_in_brackets_is_left_out() -> None:
    cell = read_cell("【产出指标-数量指标】 指标1:设备数量 指标2:巡查次数(≥12次)")
    assert cell.items == [("产出指标", "数量指标", "指标2:巡查次数", "≥12次")]
    assert cell.refused == ["指标1:设备数量"]
    assert read_cell("保障某某设施运转 【产出指标-数量指标】 指标1:设备数量(1台)").goal == (
        "保障某某设施运转"
    )  # a goal written before the first heading


def test_a_list_reads_its_projects_under_the_unit_its_coded_row_names() -> None:
    doc = interpret([_grid()], "t.html")
    projects = list(doc.projects())
    assert [(u.name, p.name, p.funds.total) for u, p in projects] == [
        ("某某局本级", "某某设施运维项目", Decimal("200")),
        ("某某局本级", "某某专项经费", Decimal("100")),
    ]
    first = projects[0][1]
    assert first.goal == "保障某某设施运转"
    got = [(i.level1.name, i.level2.name, i.name, i.annual.text) for i in first.indicators]
    assert got[0] == ("产出指标", "数量指标", "指标1:设备数量", "≥10台")
    assert got[2] == ("效益指标", "社会效益", "指标1:服务群众", "有效保障")
    assert projects[1][1].indicators == []
    assert any(n.code == "goal_cell.list" for n in doc.notes)


def test_a_list_whose_class_headings_hold_no_readable_line_is_refused_naming_the_row() -> None:
    with pytest.raises(ParseError, match="指标类别标题") as caught:
        interpret([_grid("【产出指标-数量指标】 指标1:设备数量")], "t.html")
    assert caught.value.line == 6


def test_a_list_without_class_headings_in_its_goal_cells_is_not_this_layout() -> None:
    with pytest.raises(ParseError, match="指标表头"):
        interpret([_grid("保障某某设施运转")], "t.html")
