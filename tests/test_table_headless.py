"""An indicator table whose header row is not in the text (:mod:`jixiao.ingest.table_headless`):
the header its rows fix, only where they fix it uniquely."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.errors import ParseError
from jixiao.ingest.grid import Grid
from jixiao.ingest.table import interpret
from jixiao.ingest.table_headless import points_header

from .tables import messages

# sc-dyrmt-renyuan-selfeval-fragment: a page that starts below the header of a Sichuan
# 自评表 (指标性质 / 指标值 / 度量单位 / 完成值 / 权重 / 得分 / 未完成原因): only 权重 is filled.
ROWS = [
    ["产出指标", "数量指标", "足额保障率", "=", "100", "%", "", "22.5", "", ""],
    ["产出指标", "数量指标", "科目调整次数", "≤", "10", "次", "", "22.5", "", ""],
    ["产出指标", "时效指标", "按时发放率", "=", "100", "%", "", "22.5", "", ""],
    ["效益指标", "经济效益指标", "结余率", "≤", "5", "%", "", "22.5", "", ""],
]
TOTAL = ["合计"] * 7 + ["100", "", ""]


def test_one_column_of_bare_numbers_totalling_100_under_compared_targets_is_the_weight() -> None:
    assert points_header(ROWS, TOTAL) == [
        "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "", "分值", "", "",
    ]  # fmt: skip
    glued = [["产出指标", "数量指标", "足额保障率", "=100%", "22.5"],
             ["", "", "科目调整次数", "≤10次", "22.5"]]  # fmt: skip
    assert points_header(glued, ["合计", "100"]) == [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "分值",
    ]


def test_rows_that_do_not_fix_their_columns_fix_no_header() -> None:
    two = [[*r[:6], "100", "22.5", "", ""] for r in ROWS]  # a completed value beside: which?
    assert points_header(two, TOTAL) is None
    assert points_header(ROWS, ["合计"] * 7 + ["100", "98", ""]) is None  # weights and scores
    assert points_header(ROWS, ["合计"] * 7 + ["90", "", ""]) is None  # not a form's 100
    assert points_header(ROWS, ["合计"] * 8 + ["100", ""]) is None  # under another column
    texts = [["项目完成指标", "质量指标", "改善养老服务基础条件", "改善条件", "明显改善"],
             ["项目完成指标", "时效指标", "2020年", "2020年", "2020年"]]  # fmt: skip
    assert points_header(texts, ["合计", "100"]) is None  # no comparator: order not stated
    assert points_header(ROWS[:1], TOTAL) is None  # one row settles nothing


def test_a_grid_starting_mid_table_is_read_under_the_header_its_rows_fix() -> None:
    rows = [["上一页 | 下一页"], *ROWS, TOTAL, ["评价结论", "及时、足额缴纳。"]]
    doc = interpret([Grid.of("表格 1", rows, range(9, 9 + len(rows)))], "t.html")
    got = [(i.level2.name, i.name, i.annual.text, i.actual, i.weight, i.score)
           for _, _, i in doc.indicators()]  # fmt: skip
    assert got[1] == ("数量指标", "科目调整次数", "≤10次", None, Decimal("22.5"), None)
    assert got[3] == ("经济效益", "结余率", "≤5%", None, Decimal("22.5"), None)
    assert len(got) == 4
    (note,) = messages(doc, "header.from_rows")
    assert "分值" in note


def test_a_grid_starting_mid_table_whose_columns_are_not_fixed_is_refused_saying_so() -> None:
    rows = [
        ["", "项目完成指标", "质量指标", "改善养老服务基础条件", "改善条件", "明显改善"],
        ["", "效益指标", "社会效益指标", "养老服务需求", "有所提升", "养老服务提升"],
    ]
    with pytest.raises(ParseError) as err:
        interpret([Grid.of("表格 1", rows, [11, 12])], "t.html")
    assert err.value.line == 11
    assert "表格似从中间开始" in str(err.value) and "完成值" in str(err.value)
