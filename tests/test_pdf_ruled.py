"""Ruled PDF tables read as their HTML is read: merged cells by their spans, tables broken by
the page, a row the page broke, two tables drawn one under the other.

Each test renders a small made-up table with WeasyPrint (cell borders drawn, as an export
prints them) and expects the PDF to read as the same table read as HTML.
"""

from __future__ import annotations

from typing import Any

from jixiao.ingest import read_bytes
from jixiao.ingest.pdf import ruled

STYLE = "<style>@page { size: %s; margin: 10mm } body { font: 9pt 'Noto Sans CJK SC' }</style>"


def _pdf(html: str, page: str = "A4") -> bytes:
    from weasyprint import HTML

    data: bytes = HTML(string=STYLE % page + html).write_pdf(presentational_hints=True)
    return data


def _rows(data: bytes, name: str) -> list[tuple[Any, ...]]:
    [doc] = read_bytes(data, name)
    return [
        (p.name, i.level1.name, i.level2.name, i.name, i.annual.text, i.weight, i.score)
        for _, p in doc.projects()
        for i in p.indicators
    ]


def _same(html: str, page: str = "A4") -> list[tuple[Any, ...]]:
    """The indicators of the table as PDF, asserted equal to the HTML's."""
    got = _rows(_pdf(html, page), "表.pdf")
    assert got == _rows(html.encode("utf-8"), "表.html")
    return got


FORM = """<table border="1" cellspacing="0">
<tr><td colspan="6">项目支出绩效自评表</td></tr>
<tr><td>项目名称</td><td colspan="5">乡村道路养护经费</td></tr>
<tr><td>主管部门</td><td colspan="2">某某县交通运输局</td><td>实施单位</td>
<td colspan="2">某某县公路段</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>分值</td>
<td>得分</td></tr>
<tr><td rowspan="3">产出指标</td><td rowspan="2">数量指标</td><td>养护道路里程</td>
<td>≥120公里</td><td rowspan="2">20</td><td rowspan="2">18</td></tr>
<tr><td>修补路面面积</td><td>≥3000平方米</td></tr>
<tr><td>质量指标</td><td>养护合格率</td><td>≥95%</td><td>10</td><td>10</td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>群众出行条件改善</td><td>明显改善</td>
<td>20</td><td>20</td></tr>
{rows}
</table>"""


def test_merged_cells_read_by_their_spans() -> None:
    """A 一级 / 二级指标 spanning rows is every row's; a 分值 spanning two rows is the group's,
    as in the HTML (not the first row's alone with the second carried)."""
    got = _same(FORM.replace("{rows}", ""))
    assert [r[1:5] for r in got] == [
        ("产出指标", "数量指标", "养护道路里程", "≥120公里"),
        ("产出指标", "数量指标", "修补路面面积", "≥3000平方米"),
        ("产出指标", "质量指标", "养护合格率", "≥95%"),
        ("效益指标", "社会效益", "群众出行条件改善", "明显改善"),
    ]
    assert {r[0] for r in got} == {"乡村道路养护经费"}


def test_a_table_broken_by_the_page_and_a_row_the_page_broke() -> None:
    """Many rows on small pages: the merged classes go on over the page break (their rest
    is not printed), and a row cut by the break is one row, not two."""
    rows = "".join(
        f"<tr><td>满意度指标</td><td>服务对象满意度</td><td>第{k}类服务对象满意度</td>"
        f"<td>≥{80 + k}%</td><td>{k}</td><td>{k}</td></tr>"
        for k in range(1, 13)
    )
    got = _same(FORM.replace("{rows}", rows), "120mm 110mm")
    assert len(got) == 16
    assert got[-1][1:5] == ("满意度指标", "服务对象满意度", "第12类服务对象满意度", "≥92%")


def test_a_table_drawn_right_under_the_form_is_read_apart() -> None:
    """A second table touching the first (a list of the units the money went to) is not
    read as more indicator rows."""
    under = """<table border="1" cellspacing="0" style="margin-top:-1px">
<tr><td>序号</td><td>单位名称</td><td>补助人数</td><td>补助资金</td></tr>
<tr><td>1</td><td>甲镇养护站</td><td>12</td><td>3.6</td></tr>
<tr><td>2</td><td>乙镇养护站</td><td>10</td><td>3.0</td></tr></table>"""
    got = _rows(_pdf(FORM.replace("{rows}", "") + under), "表.pdf")
    assert [r[3] for r in got] == ["养护道路里程", "修补路面面积", "养护合格率", "群众出行条件改善"]


def test_a_header_whose_last_column_is_merged_from_the_row_above() -> None:
    """No row of the PDF alone is an indicator header (its last label spans two rows and is
    printed on the upper one; the classes under 一级指标 are level 2 ones, the names under
    二级指标): the grids go to the interpreter as the HTML's do."""
    html = """<table border="1" cellspacing="0">
<tr><td colspan="5">某某市2022年市直部门预算项目支出绩效目标表</td></tr>
<tr><td>项目名称</td><td>办公楼物业服务</td><td>项目类别</td><td colspan="2">本级支出项目</td></tr>
<tr><td>绩效目标</td><td colspan="4">保障办公楼正常运转</td></tr>
<tr><td colspan="4">绩效指标</td><td rowspan="2">保障绩效目标实现措施</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>绩效标准</td><td>当年预期实现值</td></tr>
<tr><td rowspan="2">数量指标</td><td>保洁面积</td><td>反映保洁范围</td><td>8000平方米</td>
<td rowspan="3"></td></tr>
<tr><td>安保巡查次数</td><td>反映巡查情况</td><td>300次</td></tr>
<tr><td>质量指标</td><td>设备维保验收合格率</td><td>反映维保质量</td><td>95%</td></tr>
</table>"""
    got = _same(html)
    assert [r[:5] for r in got] == [
        ("办公楼物业服务", "产出指标", "数量指标", "保洁面积", "8000平方米"),
        ("办公楼物业服务", "产出指标", "数量指标", "安保巡查次数", "300次"),
        ("办公楼物业服务", "产出指标", "质量指标", "设备维保验收合格率", "95%"),
    ]


# -- the rules on made-up cells ----------------------------------------------------------------
def _table(height: int, width: int, boxes: list[ruled.Box]) -> ruled.Ruled:
    table = ruled.Ruled(0.0, 100.0, [], 0, boxes, [10.0 * c for c in range(width)], height)
    return table


def _box(r0: int, r1: int, c0: int, c1: int, text: str, open_top: bool = False) -> ruled.Box:
    return ruled.Box(r0, r1, c0, c1, text, open_top, 10.0 * c0, 10.0 * c1)


def test_halves_of_a_row_the_page_broke_are_one_row() -> None:
    """The name printed on one page, the values on the other: one row."""
    above = _table(
        1, 3, [_box(0, 1, 0, 1, "产出指标"), _box(0, 1, 1, 2, ""), _box(0, 1, 2, 3, "8个")]
    )
    below = _table(2, 3, [_box(0, 1, 0, 1, ""), _box(0, 1, 1, 2, "补助村数量"),
                          _box(0, 1, 2, 3, ""), _box(1, 2, 0, 1, "效益指标"),
                          _box(1, 2, 1, 2, "受益人数"), _box(1, 2, 2, 3, "100人")])  # fmt: skip
    ruled._join(above, below, (1, 2))
    rows, _ = ruled.expand(above)
    assert rows == [["产出指标", "补助村数量", "8个"], ["效益指标", "受益人数", "100人"]]
    assert above.pages == [1, 2] and below.joined


def test_rows_that_are_not_halves_stay_two_rows() -> None:
    """Both rows with a name of their own: two rows."""
    above = _table(1, 2, [_box(0, 1, 0, 1, "甲"), _box(0, 1, 1, 2, "8个")])
    below = _table(1, 2, [_box(0, 1, 0, 1, "乙"), _box(0, 1, 1, 2, "")])
    ruled._join(above, below, (1, 2))
    assert ruled.expand(above)[0] == [["甲", "8个"], ["乙", ""]]


def test_a_merged_cell_goes_on_over_undrawn_slots_and_a_rest_without_rule() -> None:
    """A class merged down the page break: its rest not drawn, or drawn with no rule over it,
    continues it (its slots marked as continuation); a broken cell's text is joined."""
    above = _table(1, 2, [_box(0, 1, 0, 1, "产出指标"), _box(0, 1, 1, 2, "完成养护道路")])
    below = _table(2, 2, [_box(0, 2, 0, 1, "", open_top=True), _box(0, 1, 1, 2, "里程", True),
                          _box(1, 2, 1, 2, "修补路面")])  # fmt: skip
    ruled._join(above, below, (1, 2))
    rows, marks = ruled.expand(above)
    assert rows == [["产出指标", "完成养护道路里程"], ["产出指标", "修补路面"]]
    assert (1, 0) in marks and (1, 1) not in marks


def test_a_row_of_nothing_but_merged_cells_from_above_is_dropped() -> None:
    """A rule across the first column alone cut a row in two: the lower part, all of it
    going on from above, would repeat the row."""
    boxes = [_box(0, 1, 0, 1, "产出指标"), _box(1, 2, 0, 1, ""), _box(2, 3, 0, 1, ""),
             _box(0, 2, 1, 2, "甲"), _box(0, 2, 2, 3, "8个"),
             _box(2, 3, 1, 2, "乙"), _box(2, 3, 2, 3, "9个")]  # fmt: skip
    table = _table(3, 3, boxes)
    ruled._drop_hollow(table)
    assert ruled.expand(table)[0] == [["产出指标", "甲", "8个"], ["", "乙", "9个"]]


def test_two_tables_drawn_one_under_the_other_are_cut_apart() -> None:
    """No inner column edge in common, no cell across the boundary: two tables."""
    boxes = [_box(0, 1, 0, 2, "一级指标"), _box(0, 1, 2, 4, "三级指标"), _box(0, 1, 4, 5, "指标值"),
             _box(1, 2, 0, 2, "产出指标"), _box(1, 2, 2, 4, "甲"), _box(1, 2, 4, 5, "8个"),
             _box(2, 3, 0, 1, "序号"), _box(2, 3, 1, 3, "单位"), _box(2, 3, 3, 5, "人数"),
             _box(3, 4, 0, 1, "1"), _box(3, 4, 1, 3, "甲站"), _box(3, 4, 3, 5, "12")]  # fmt: skip
    table = _table(4, 5, boxes)
    table.rows = [[None] * 5 for _ in range(4)]
    table.tops = [0.0, 10.0, 20.0, 30.0, 40.0]
    upper, lower = ruled._apart(table)
    assert ruled.expand(upper)[0] == [["一级指标", "三级指标", "指标值"], ["产出指标", "甲", "8个"]]
    assert lower.apart and ruled.expand(lower)[0] == [["序号", "单位", "人数"], ["1", "甲站", "12"]]
