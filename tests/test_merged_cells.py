"""Cells merged over several indicator rows (HTML ``rowspan``, Excel merged ranges).

A 分值 or 得分 merged over a ★ row and its 其中… rows is the group's: read on the first row of the
merge only, so the weights still add up to the printed 产出指标 (50分). A class label or any other
cell merged over rows applies to each row. The excerpt is real: the top of the 宿州市萧县 河西村
self-evaluation (``tests/data/realworld/ah-suzhou-xiaoxian-hexi-zhongyang-selfeval-2023``),
as HTML and as the Excel workbook its publisher's system would give.
"""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl

from jixiao.ingest import read_bytes
from jixiao.ingest.grid import Grid
from jixiao.ingest.readers import html, xlsx
from jixiao.ingest.table import interpret
from jixiao.model import Document, Indicator

EXCERPT = """<table>
<tr><td colspan="8">绩效目标自评表</td></tr>
<tr><td colspan="8">(2023年度)</td></tr>
<tr><td>项目名称</td><td colspan="4">河西村特色种养补贴到户项目</td><td>项目负责人及电话</td>
<td colspan="2">李宁0557-5788003</td></tr>
<tr><td>主管部门</td><td colspan="4">县农业农村局</td><td>实施单位</td>
<td colspan="2">张庄寨镇人民政府</td></tr>
<tr><td rowspan="9">绩效指标</td><td>一级 指标</td><td>二级指标</td><td>三级指标</td><td>分值</td>
<td>年度指标值</td><td>全年实际值</td><td>得分</td></tr>
<tr><td rowspan="8">产 出 指 标 (50分)</td><td rowspan="6">数量指标</td>
<td>★补助各类瓜果蔬菜种植面积</td><td rowspan="3">20</td><td>29.5亩</td><td>29.5亩</td>
<td rowspan="3">20</td></tr>
<tr><td>其中桃树种植面积</td><td>1.5亩</td><td>1.5亩</td></tr>
<tr><td>其中苹果树种植面积</td><td>5亩</td><td>5亩</td></tr>
<tr><td>★补助鱼塘面积</td><td rowspan="2">10</td><td>3亩</td><td>3亩</td>
<td rowspan="2">10</td></tr>
<tr><td>其中鱼塘养殖面积</td><td>3亩</td><td>3亩</td></tr>
<tr><td>★补助家畜家禽养殖数量</td><td>10</td><td>192只</td><td>192只</td><td>10</td></tr>
<tr><td rowspan="2">质量指标</td><td>种植作物成活率</td><td>5</td><td>95%</td><td>95%</td>
<td>5</td></tr>
<tr><td>养殖家畜家禽成活率</td><td>5</td><td>95%</td><td>100%</td><td>5</td></tr>
</table>"""

# The same cells as a sheet (None: a cell a merged range covers) and its merged ranges.
SHEET: list[list[object]] = [
    ["绩效目标自评表"],
    ["(2023年度)"],
    ["项目名称", "河西村特色种养补贴到户项目", None, None, None, "项目负责人及电话",
     "李宁0557-5788003"],
    ["主管部门", "县农业农村局", None, None, None, "实施单位", "张庄寨镇人民政府"],
    ["绩效指标", "一级 指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分"],
    [None, "产 出 指 标 (50分)", "数量指标", "★补助各类瓜果蔬菜种植面积", 20, "29.5亩",
     "29.5亩", 20],
    [None, None, None, "其中桃树种植面积", None, "1.5亩", "1.5亩"],
    [None, None, None, "其中苹果树种植面积", None, "5亩", "5亩"],
    [None, None, None, "★补助鱼塘面积", 10, "3亩", "3亩", 10],
    [None, None, None, "其中鱼塘养殖面积", None, "3亩", "3亩"],
    [None, None, None, "★补助家畜家禽养殖数量", 10, "192只", "192只", 10],
    [None, None, "质量指标", "种植作物成活率", 5, "95%", "95%", 5],
    [None, None, None, "养殖家畜家禽成活率", 5, "95%", "100%", 5],
]  # fmt: skip
MERGED = ["A1:H1", "A2:H2", "B3:E3", "G3:H3", "B4:E4", "G4:H4", "A5:A13", "B6:B13", "C6:C11",
          "E6:E8", "H6:H8", "E9:E10", "H9:H10", "C12:C13"]  # fmt: skip


def workbook() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in SHEET:
        ws.append(row)
    for cells in MERGED:
        ws.merge_cells(cells)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rows(doc: Document) -> list[tuple[str, str, str, str | None, Decimal | None, Decimal | None]]:
    [(_, project)] = list(doc.projects())

    def row(i: Indicator) -> tuple[str, str, str, str | None, Decimal | None, Decimal | None]:
        return (i.level1.name, i.level2.name, i.name, i.annual.text, i.weight, i.score)

    return [row(i) for i in project.indicators]


def _d(n: int | None) -> Decimal | None:
    return None if n is None else Decimal(n)


EXPECTED = [
    ("产出指标", "数量指标", "★补助各类瓜果蔬菜种植面积", "29.5亩", _d(20), _d(20)),
    ("产出指标", "数量指标", "其中桃树种植面积", "1.5亩", None, None),
    ("产出指标", "数量指标", "其中苹果树种植面积", "5亩", None, None),
    ("产出指标", "数量指标", "★补助鱼塘面积", "3亩", _d(10), _d(10)),
    ("产出指标", "数量指标", "其中鱼塘养殖面积", "3亩", None, None),
    ("产出指标", "数量指标", "★补助家畜家禽养殖数量", "192只", _d(10), _d(10)),
    ("产出指标", "质量指标", "种植作物成活率", "95%", _d(5), _d(5)),
    ("产出指标", "质量指标", "养殖家畜家禽成活率", "95%", _d(5), _d(5)),
]


def test_html_marks_the_slots_a_rowspan_reaches_below_its_first_row() -> None:
    [grid] = html.grids(EXCERPT.encode(), "hexi.html")
    header = next(r for r, row in enumerate(grid.rows) if "三级指标" in row)
    weight = grid.rows[header].index("分值")
    first = header + 1
    assert grid.rows[first + 1][weight] == "20"  # the value is still copied …
    assert grid.continues(first + 1, weight)  # … and marked as the merge's continuation
    assert not grid.continues(first, weight)
    assert grid.continues(first + 1, 1) and grid.continues(first + 1, 2)  # the class cells
    assert not grid.continues(header - 2, 2)  # a colspan copies sideways: not a continuation
    assert not grid.continues(first + 6, weight)  # a cell of its own


def test_xlsx_marks_the_cells_a_merged_range_covers_below_its_first_row() -> None:
    [grid] = xlsx.grids(workbook(), "hexi.xlsx")
    assert grid.rows[6][4] == "20" and grid.continues(6, 4) and grid.continues(7, 7)
    assert not grid.continues(5, 4) and not grid.continues(2, 2)  # first row; B3:E3 sideways
    assert not grid.continues(10, 4)


def test_a_merged_weight_and_score_are_read_on_the_first_row_of_the_merge_only() -> None:
    from_html = read_bytes(EXCERPT.encode(), "hexi.html")
    from_xlsx = read_bytes(workbook(), "hexi.xlsx")
    for docs in (from_html, from_xlsx):
        [doc] = docs
        assert doc.kind == "selfeval"
        assert rows(doc) == EXPECTED  # the classes carried down to every row, the weights not
        [(_, project)] = list(doc.projects())
        assert sum(i.weight or 0 for i in project.indicators) == 50  # the 产出指标 (50分)


def test_a_merged_target_or_deviation_applies_to_every_row_it_spans() -> None:
    """Only additive cells are the group's; a target or a 偏差原因 written once over two rows
    (merged for the test, the rest as in the table) is each row's."""
    grid = Grid.of(
        "表格 1",
        [
            ["项目名称", "河西村特色种养补贴到户项目", "", "", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "得分", "未完成原因"],
            ["产出指标", "质量指标", "种植作物成活率", "10", "95%", "10", "天气影响"],
            ["产出指标", "质量指标", "养殖家畜家禽成活率", "10", "95%", "10", "天气影响"],
        ],
        continued=[(3, 0), (3, 1), (3, 3), (3, 4), (3, 5), (3, 6)],
    )
    doc = interpret([grid], "hexi.html")
    [(_, project)] = list(doc.projects())
    got = [(i.annual.text, i.weight, i.score, i.deviation) for i in project.indicators]
    assert got == [
        ("95%", Decimal(10), Decimal(10), "天气影响"),
        ("95%", None, None, "天气影响"),
    ]
    assert [i.level2.name for i in project.indicators] == ["质量指标", "质量指标"]


def test_a_funds_amount_merged_over_the_rows_of_the_funds_table_is_the_first_rows() -> None:
    grid = Grid.of(
        "表格 1",
        [
            ["项目名称", "河西村特色种养补贴到户项目", "", "", "", "", ""],
            ["资金情况 (万元)", "", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)",
             "得分"],
            ["资金情况 (万元)", "年度资金总额:", "9.48", "9.48", "10", "100%", "10"],
            ["资金情况 (万元)", "其中:本年财政拨款", "9.48", "9.48", "10", "100%", "10"],
            ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "得分", ""],
            ["产出指标", "质量指标", "种植作物成活率", "5", "95%", "5", ""],
        ],
        continued=[(2, 0), (3, 0), (3, 2), (3, 3), (3, 4), (3, 5), (3, 6)],
    )  # fmt: skip
    [(_, project)] = list(interpret([grid], "hexi.html").projects())
    ex = project.execution
    assert ex is not None
    assert (ex.full_year, ex.executed, ex.rate, ex.weight, ex.score) == tuple(
        Decimal(v) for v in ("9.48", "9.48", "100", "10", "10")
    )
    assert project.funds.fiscal is None  # a copy of the total's cell, not an amount of its own
