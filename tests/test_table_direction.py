"""A comparator column and a direction column labelled the other way round
(:mod:`jixiao.ingest.table_direction`): 指标性质 over 正向 / 反向, 指标方向 over comparators,
read by what their cells hold; anything less clear keeps the labels' roles."""

from __future__ import annotations

from jixiao.ingest.grid import Grid
from jixiao.ingest.table import interpret
from jixiao.ingest.table_direction import directed
from jixiao.ingest.table_header import read_header

from .tables import messages

HEADER = ["一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "目标值", "计量单位"]
ROWS = [
    ["项目名称", "某某维修项目", "", "", "", "", ""],
    HEADER,
    ["产出指标", "数量指标", "维修某某设施数量", "正向", "≥", "12", "处"],
    ["产出指标", "成本指标", "某某维修单位成本", "反向", "≤", "3", "万元"],
    ["效益指标", "社会效益指标", "某某群众受益人数", "", "", "500", "人"],
]


def _read(rows: list[list[str]]) -> list[tuple[str, str | None, str | None]]:
    doc = interpret([Grid.of("表格 1", rows)], "t.html")
    return [(i.name, i.annual.text, i.direction) for _, _, i in doc.indicators()]


def test_a_column_of_directions_under_a_comparator_label_swaps_with_its_twin() -> None:
    assert _read(ROWS) == [
        ("维修某某设施数量", "≥12处", "正向"),
        ("某某维修单位成本", "≤3万元", "反向"),
        ("某某群众受益人数", "500人", None),
    ]
    doc = interpret([Grid.of("表格 1", ROWS)], "t.html")
    (note,) = messages(doc, "header.direction")
    assert "指标性质" in note and "指标方向" in note
    assert not messages(doc, "target.op_unknown")


def test_without_a_direction_column_the_column_of_directions_is_read_as_one() -> None:
    rows = [[c for j, c in enumerate(r) if j != 4] for r in ROWS]
    assert _read(rows)[:2] == [
        ("维修某某设施数量", "12处", "正向"),
        ("某某维修单位成本", "3万元", "反向"),
    ]


def test_columns_whose_cells_do_not_settle_it_keep_their_labels_roles() -> None:
    cols = read_header(ROWS, 1)
    assert directed(ROWS, cols, len(ROWS))[1]
    mixed = [*ROWS[:3], ["产出指标", "成本指标", "某某维修单位成本", "≤", "反向", "3", "万元"]]
    assert directed(mixed, cols, len(mixed)) == (cols, "")  # 指标性质 holds a comparator too
    worded = [
        *ROWS[:3],
        ["产出指标", "成本指标", "某某维修单位成本", "反向", "逐年下降", "3", "万元"],
    ]
    assert directed(worded, cols, len(worded)) == (cols, "")  # 指标方向 holds words
    usual = [ROWS[0], HEADER, ["产出指标", "数量指标", "维修某某设施数量", "≥", "正向", "12", "处"]]
    assert directed(usual, cols, len(usual)) == (cols, "")  # labelled as the cells say
    assert _read(usual) == [("维修某某设施数量", "≥12处", "正向")]


def test_qualitative_rows_among_directions_and_comparators_in_words_swap_too() -> None:
    # 指标性质 over 正向 / 反向 with 定性 on qualitative rows, 指标方向 over 大于等于 / 小于等于
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "目标值", "计量单位"]
    rows = [
        ["项目名称", "某某装备经费", "", "", "", "", ""],
        header,
        ["产出指标", "数量指标", "某某设备采购数量", "正向", "大于等于", "10", "台"],
        ["产出指标", "成本指标", "某某购置成本", "反向", "小于等于", "12", "万元"],
        ["效益指标", "可持续影响指标", "某某配置标准化", "定性", "", "长期", ""],
    ]
    assert _read(rows) == [
        ("某某设备采购数量", "≥10台", "正向"),
        ("某某购置成本", "≤12万元", "反向"),
        ("某某配置标准化", "长期", None),
    ]
    only_kinds = [
        *rows[:2],
        ["效益指标", "可持续影响指标", "某某配置标准化", "定性", "", "长期", ""],
    ]
    assert directed(only_kinds, read_header(only_kinds, 1), 3)[1] == ""  # no direction at all
