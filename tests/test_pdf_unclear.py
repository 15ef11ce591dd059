"""Unruled PDF tables: rows the word positions do not prove are refused, not read wrong.

The rules of :mod:`jixiao.ingest.pdf.unclear` on made-up rows, and whole made-up tables
rendered by WeasyPrint without borders (as a web page printed without its stylesheet).
"""

from __future__ import annotations

import pytest

from jixiao.errors import ParseError
from jixiao.ingest import read_bytes
from jixiao.ingest.pdf.unclear import is_class_label, unclear_rows
from jixiao.ingest.pdf.words import KEY_ROLES, Line, Word, _unproved

STYLE = "<style>@page { size: %s; margin: 10mm } body { font: 9pt 'Noto Sans CJK SC' }</style>"
ROLES = ["unit", "level1", "level2", "name", "value", "measure"]


def _pdf(html: str, page: str = "A4") -> bytes:
    from weasyprint import HTML

    data: bytes = HTML(string=STYLE % page + html).write_pdf(presentational_hints=False)
    return data


def test_whole_class_labels_and_pieces_of_them() -> None:
    assert is_class_label("产出指标")
    assert is_class_label("一、产出指标")
    assert is_class_label("服务对象满意度指标")
    assert is_class_label("产出指标（40分）")
    assert not is_class_label("出指标")
    assert not is_class_label("标")
    assert not is_class_label("质量指标时效指标")  # two merged cells read as one


def test_a_class_cut_apart_is_unclear() -> None:
    rows = [
        ["", "产", "数量指标", "培训人数", "100", "人"],
        ["", "出指标", "", "培训天数", "5", "天"],
    ]
    assert unclear_rows(ROLES, rows, KEY_ROLES) == [
        "指标类别“产”不是完整的类别名称",
        "指标类别“出指标”不是完整的类别名称",
    ]


def test_a_value_or_a_name_continued_alone_is_unclear() -> None:
    rows = [
        ["", "产出指标", "数量指标", "培训人数", "≥100", ""],
        ["", "", "", "", "人次", ""],
        ["", "", "质量指标", "培训合格", "95%", ""],
        ["", "", "", "率", "", ""],
    ]
    assert unclear_rows(ROLES, rows, KEY_ROLES) == [
        "“人次”没有指标名称，像是上一行的续行",
        "指标名称“率”所在行其他各列为空，像是上一行的续行",
    ]


def test_tree_rows_classes_alone_and_rows_under_the_table_are_proved() -> None:
    rows = [
        ["合计", "", "", "", "", ""],  # a unit or total row of a tree starts a row
        ["某某县第一小学", "产出指标", "数量指标", "资助学生人数", "200", "人"],
        ["", "满意度指标", "", "", "", ""],  # a merged class printed on its own line
        ["", "", "服务对象满意度", "学生满意度", "95", "%"],
        ["总分", "", "", "", "100", ""],
    ]
    assert unclear_rows(ROLES, rows, KEY_ROLES) == []
    assert unclear_rows(["level1", "value"], [["", "人次"]], KEY_ROLES) == []  # no names


HEAD = (
    "<table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td>"
    "<td>分值</td></tr>{rows}</table>"
)


def _table(rows: list[tuple[str, ...]], widths: tuple[str, ...] = ()) -> str:
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="width:{widths[k]}">{c}</td>' if widths else f"<td>{c}</td>"
            for k, c in enumerate(r)
        )
        + "</tr>"
        for r in rows
    )
    return HEAD.replace("{rows}", body)


def test_an_unruled_table_whose_rows_are_clear_is_read() -> None:
    html = _table(
        [
            ("产出指标", "数量指标", "培训人数", "≥100人", "20"),
            ("", "质量指标", "培训合格率", "≥95%", "20"),
            ("效益指标", "社会效益指标", "群众满意程度", "明显提高", "30"),
        ]
    )
    [doc] = read_bytes(_pdf(html), "表.pdf")
    got = [
        (i.level1.name, i.level2.name, i.name, i.annual.text)
        for _, p in doc.projects()
        for i in p.indicators
    ]
    assert got == [
        ("产出指标", "数量指标", "培训人数", "≥100人"),
        ("产出指标", "质量指标", "培训合格率", "≥95%"),
        ("效益指标", "社会效益", "群众满意程度", "明显提高"),
    ]


MERGED = """<table style="table-layout:fixed;width:120mm"><col style="width:12mm">
<col style="width:30mm"><col style="width:40mm"><col style="width:25mm"><col style="width:13mm">
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td><td>分值</td></tr>
<tr><td rowspan="3">产出指标</td><td>数量指标</td><td>培训人数</td><td>≥100人</td><td>20</td></tr>
<tr><td>质量指标</td><td>培训合格率</td><td>≥95%</td><td>20</td></tr>
<tr><td>时效指标</td><td>按时完成率</td><td>100%</td><td>20</td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>群众满意程度</td><td>明显提高</td><td>30</td></tr>
</table>"""


def test_rows_run_together_are_refused_naming_the_page() -> None:
    """A class wrapped over three tight rows (产出指 / 标 centred beside them): the rows'
    lines are as close as a wrap's, but 数量指标 stopped short of its column's edge, so it
    does not wrap into 质量指标; rather than one row 数量指标质量指标时效指标, a refusal."""
    with pytest.raises(ParseError, match="第 1 页的表格没有框线") as caught:
        read_bytes(_pdf(MERGED), "表.pdf")
    assert "“数量指标质量指标”像是两行，却连成一行" in caught.value.message
    assert "为免读错，未读取此表" in caught.value.message


def _line(top: float, *words: tuple[str, float]) -> tuple[Line, dict[int, list[Word]]]:
    """A line of 10-point glyphs: (text, x0) per word, each word its own column."""
    ws = [Word(t, x, x + 10 * len(t), top, top + 10, ()) for t, x in words]
    return Line(top, ws), {k: [w] for k, w in enumerate(ws)}


def test_a_wrap_is_one_lead_below_and_fills_its_line() -> None:
    right = {0: 80.0, 1: 200.0}
    wrap = [_line(0, ("培训合格率培训合", 0), ("95%", 100)), _line(12, ("格", 0))]
    assert _unproved(wrap, 12.0, right) == ""
    short = [_line(0, ("培训人数", 0), ("95%", 100)), _line(12, ("合格率", 0))]
    assert _unproved(short, 12.0, right) == "培训人数合格率"
    far = [_line(0, ("培训合格率培训合", 0)), _line(18, ("格", 0))]
    assert _unproved(far, 12.0, right) == "培训合格率培训合格"
    # a run of figures moves to the next line whole: 95 (20 wide) fits after ≥100 (ending
    # at 140) only in a column whose widest text reaches past 160.
    figures = [_line(0, ("x", 0), ("≥100", 100)), _line(12, ("x", 0), ("95", 100))]
    assert _unproved(figures, 12.0, {0: 10.0, 1: 155.0}) == ""
    assert _unproved(figures, 12.0, {0: 10.0, 1: 165.0}) == "≥10095"
