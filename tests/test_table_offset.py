"""A header labelled one level too high (:mod:`jixiao.ingest.table_offset`): 一级指标 | 二级指标
over level-2 classes and names, read one level down; anything else still refused."""

from __future__ import annotations

import pytest

from jixiao.errors import ParseError
from jixiao.framework import load_framework
from jixiao.ingest.grid import Grid
from jixiao.ingest.table import interpret
from jixiao.ingest.table_offset import one_level_off

from .tables import messages

HEADER = ["一级指标", "二级指标", "绩效标准", "当年预期实现值"]
ROWS = [
    ["项目名称", "某某项目", "", ""],
    HEADER,
    ["数量指标", "某某设施巡查次数", "反映巡查情况", "120次"],
    ["", "某某培训人数", "反映培训情况", "50人"],
    ["时效指标", "某某工作完成时间", "反映进度", "12月底前"],
]


def test_level2_classes_under_the_first_column_and_names_under_the_second_read_one_level_down() -> (
    None
):
    doc = interpret([Grid.of("表格 1", ROWS)], "t.html")
    got = [(i.level1.name, i.level2.name, i.name, i.annual.text, i.standard)
           for _, _, i in doc.indicators()]  # fmt: skip
    assert got == [
        ("产出指标", "数量指标", "某某设施巡查次数", "120次", "反映巡查情况"),
        ("产出指标", "数量指标", "某某培训人数", "50人", "反映培训情况"),
        ("产出指标", "时效指标", "某某工作完成时间", "12月底前", "反映进度"),
    ]
    (note,) = messages(doc, "header.level_off")
    assert "二级指标、三级指标" in note


def test_columns_whose_cells_are_not_one_level_off_are_still_refused() -> None:
    fw = load_framework()
    assert one_level_off(ROWS, fw) == 1
    level1 = [*ROWS[:2], ["产出指标", "某某设施巡查次数", "反映巡查情况", "120次"], *ROWS[3:]]
    assert one_level_off(level1, fw) is None  # a level 1 where level 2 classes should be
    classes = [*ROWS[:2], ["产出指标", "数量指标", "反映巡查情况", "120次"]]
    assert one_level_off(classes, fw) is None  # the 二级 column holds classes: labelled right
    odd = [*ROWS[:2], ["某某类", "某某设施巡查次数", "反映巡查情况", "120次"], *ROWS[3:]]
    assert one_level_off(odd, fw) is None  # an unknown label: which level is not known
    assert one_level_off(ROWS[:3], fw) is None  # one row settles nothing
    doc = interpret([Grid.of("表格 1", odd)], "t.html")  # the project, no indicators
    assert not list(doc.indicators()) and messages(doc, "grid.skipped")
    with pytest.raises(ParseError):
        interpret([Grid.of("表格 1", odd[1:])], "t.html")
