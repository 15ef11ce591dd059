"""A form extracted out of reading order (:mod:`jixiao.ingest.readers.webtext_apart`): a name
field's value among the scattered header's labels, the 总分's figures closing the runs."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext import grids
from jixiao.ingest.readers.webtext_apart import name_in_header
from jixiao.ingest.readers.webtext_labels import name_given
from jixiao.ingest.text_tokens import tokens

# Made up, in the shape of a sheet extracted cell by cell: the first row's cells among the
# header's labels, a unit's name among them too, the runs of the last rows before their names
# and the 总分's two figures closing the runs, its label last.
_FORM = (
    "某县项目支出绩效自评表 (2021年度) 项目名称 农村饮水安全维修 实施单位 主管部门 某县水利局 "
    "一级 指标 二级指标 三级指标 数量指标 指标1:维修水井数量 绩 效 指 标 某县农村供水服务站 "
    "产出 指标 (50分 ) 实际 指标值 完成值 40 分值 得分 偏差原因分析及改进措 施 38 20 18 "
    "部分水井因天气推迟 质量指标 指标1:维修合格率 100% 100% 20 20 时效指标 指标1:按时完成率 "
    "100% 100% 10 10 95% 96% 30 30 90% 92% 10 10 100 88 效益指 标(30 分) 社会效益 "
    "指标1:群众饮水条件改善 满意度 指标 服务对象满 指标1:群众满意度 (10分 意度指标 ) 总分\n"
)


def test_a_units_name_among_a_scattered_headers_labels_is_the_empty_fields() -> None:
    (grid,) = grids(_FORM.encode(), "t.txt")
    assert ["实施单位", "某县农村供水服务站"] in grid.rows
    assert any(n.code == "text.stray_name" for n in grid.notes)
    (doc,) = read_bytes(_FORM.encode(), "t.txt")
    ((unit, _),) = doc.projects()
    assert unit.name == "某县农村供水服务站"


def test_a_name_is_not_given_where_the_header_leaves_more_or_no_name() -> None:
    area = (
        "一级 指标 二级指标 三级指标 数量指标 指标1:甲 绩 效 指 标 {} 产出 指标 实际 指标值 完成值"
    )
    assert name_in_header(tokens(area.format("某县农村供水服务站"))) == "某县农村供水服务站"
    assert name_in_header(tokens(area.format("某县农村供水服务站 部分水井推迟维修"))) is None
    assert name_in_header(tokens(area.format("部分水井推迟维修"))) is None  # not a unit's name
    assert name_in_header(tokens(area.format("中心"))) is None  # an ending alone
    assert name_in_header(tokens(area.format("某县水利局"))) == "某县水利局"
    # the one name field left empty takes it; of two, which one's it is the text does not say
    one = [["项目名称", "农村饮水安全维修"], ["实施单位"], ["主管部门", "某县水利局"]]
    assert name_given(one, 0, "某县农村供水服务站") == "实施单位"
    assert one[1] == ["实施单位", "某县农村供水服务站"]
    two = [["项目名称", "农村饮水安全维修"], ["实施单位"], ["主管部门"]]
    assert name_given(two, 0, "某县农村供水服务站") is None and two[1:] == [
        ["实施单位"],
        ["主管部门"],
    ]
    # …nor a name the form already states
    again = [["实施单位"], ["主管部门", "某县农村供水服务站"]]
    assert name_given(again, 0, "某县农村供水服务站") is None


def test_the_total_written_before_its_label_closing_the_runs_is_the_total() -> None:
    (grid,) = grids(_FORM.encode(), "t.txt")
    assert ["总分", "100", "88"] in grid.rows
    assert any(n.code == "text.total_apart" for n in grid.notes)
    (doc,) = read_bytes(_FORM.encode(), "t.txt")
    ((_, project),) = doc.projects()
    assert project.score == Decimal(88)
    # a 得分 above its 分值 is no total: the label stays alone
    (grid,) = grids(_FORM.replace("100 88", "88 100").encode(), "t.txt")
    assert ["总分"] in grid.rows
