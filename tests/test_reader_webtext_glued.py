"""Web-page text whose cells run together: rows put right where the text proves it, left out
or in part unread where it cannot (readers/webtext_glued.py). Made-up tables of the shape."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext_glued import (
    doubled_in_name,
    note_rows,
    number_lost,
    project_lost,
    two_values,
    value_in_name,
)
from jixiao.ingest.text_align import Row

from .tables import messages


def test_a_bare_number_before_an_empty_figure_column_is_not_cut_by_guess_in_glued_text() -> None:
    # cells run together: 次数215 may be 2 | 15 or 21 | 5 under 指标值 | 权重, nothing tells
    text = (
        "某某项目绩效目标表\n项目名称某某培训经费一级指标二级指标三级指标指标值权重"
        "产出指标数量指标举办培训班次数215产出指标数量指标印发宣传册份数500份10"
        "产出指标质量指标培训合格率100%10效益指标社会效益指标群众知晓率90%10\n"
    )
    (doc,) = read_bytes(text.encode(), "glued.txt")
    names = [i.name for i in doc.units[0].projects[0].indicators]
    assert "举办培训班次数" not in names and "印发宣传册份数" in names
    assert any("两个数可能连在一起" in m for m in messages(doc, "text.row_unclear"))


def test_a_weight_and_score_glued_into_one_figure_are_left_unread_not_the_row() -> None:
    # 分值 2 and 得分 1 run together as 21, the 得分 column empty: the row's target and
    # 完成值 stay, its 分值 and 得分 are not read
    text = (
        "某某项目支出绩效自评表\n项目名称某某培训经费一级指标二级指标三级指标年度指标值实际完成值分值得分"
        "产出指标数量指标举办培训班次数≥5次6次1010产出指标数量指标印发宣传册份数≥500份450份21"
        "产出指标质量指标培训合格率100%100%1010效益指标社会效益指标群众知晓率≥90%95%1010\n"
    )
    (doc,) = read_bytes(text.encode(), "glued.txt")
    got = {i.name: i for i in doc.units[0].projects[0].indicators}
    row = got["印发宣传册份数"]
    assert row.annual.text == "≥500份" and row.weight is None and row.score is None
    assert got["举办培训班次数"].weight == Decimal("10")


def test_a_direction_word_run_on_after_a_name_is_the_next_columns_cell_in_glued_text() -> None:
    # 三级指标 | 指标性质 | 指标方向 | 目标值 … with the cells run together: 培训人次正向=24人/次
    text = (
        "某某项目绩效目标表\n项目名称某某培训经费一级指标二级指标三级指标指标性质指标方向目标值"
        "计量单位分值产出指标数量指标培训人次正向=24人/次4产出指标质量指标培训合格率正向=100%4"
        "效益指标社会效益指标群众知晓率反向=90%4\n"
    )
    (doc,) = read_bytes(text.encode(), "glued.txt")
    got = doc.units[0].projects[0].indicators
    assert [(i.name, i.direction) for i in got[:2]] == [
        ("培训人次", "正向"),
        ("培训合格率", "正向"),
    ]


def test_a_line_after_a_table_run_together_on_one_line_is_no_cell_of_its_last_row() -> None:
    # the rows run on along one line, the text cut short in the last one; the page's line
    # after it is the target only by guess
    text = (
        "某某项目绩效目标表\n项目名称某某培训经费一级指标二级指标三级指标指标值产出指标数量指标"
        "培训人次≥200人次产出指标质量指标培训合格率≥95%效益指标社会效益指标群众知晓率\n"
        "（页面内容到此为止）\n"
    )
    (doc,) = read_bytes(text.encode(), "glued.txt")
    got = [i.name for i in doc.units[0].projects[0].indicators]
    assert got == ["培训人次", "培训合格率"]
    assert any("另起的一行" in m for m in messages(doc, "text.row_unclear"))


def test_rows_under_a_project_column_that_none_fills_are_of_no_known_project() -> None:
    # 项目名称 | 年度目标 | … | 三级指标 | 指标值 with the cells run together: the project's name
    # and amount ran into the goal cell, no row names its project

    roles: list[str | None] = ["project", "goal", "level1", "name", "value"]
    rows = [
        Row(["", "某某经费1,000.00按时完成", "产出指标", "完成率", "≥95%"], 3, 0.0, 3),
        Row(["", "", "效益指标", "群众满意度", "≥90%"], 3, 0.0, 3),
    ]
    assert list(project_lost(rows, roles)) == [0, 1]
    rows[0].cells[0] = "某某经费"
    assert project_lost(rows, roles) == {}  # (a row names its project: the rows below are its)


def test_a_name_holding_a_piece_written_twice_is_a_target_and_actual_run_into_it() -> None:
    # 提高群众安全意识明显提升明显 | 提升: target 明显提升 and 完成值 明显提升 run into the name

    roles: list[str | None] = ["level2", "name", "value", "actual"]
    rows = [
        Row(["社会效益", "提高群众安全意识明显提升明显", "提升", ""], 3, 0.0, 3),
        Row(["", "完成时间2023年6月30日2023年6月30日", "5", ""], 3, 0.0, 3),
        Row(["", "群众满意度", "≥90%", "95%"], 3, 0.0, 3),
        Row(["", "宣传宣传栏更新次数", "4次", "4次"], 3, 0.0, 3),  # (a piece of 2: a word's)
    ]
    assert list(doubled_in_name(rows, roles)) == [0, 1]


def test_two_values_run_together_in_a_target_are_not_cut_by_guess() -> None:
    # 1条2km: a count and a length (or a value and the next cell's figure) in one cell
    roles: list[str | None] = ["name", "value", "actual"]
    rows = [
        Row(["新建水泥路", "1条2km", ""], 3, 0.0, 3),
        Row(["完工时间", "12月底前100%完工", ""], 3, 0.0, 3),  # (a deadline: one value)
        Row(["硬化路面长度", "≥2km", "2.5km"], 3, 0.0, 3),
        Row(["建设围墙", "≥300米", "300米300元/米"], 3, 0.0, 3),
    ]
    assert list(two_values(rows, roles)) == [0, 3]


def test_a_name_ending_in_a_value_led_by_its_comparator_holds_its_target() -> None:
    # 发放宣传资料不少于12种 | 14种: the target ran into the name, the 完成值 read as the target
    roles: list[str | None] = ["name", "value", "actual"]
    rows = [
        Row(["发放宣传资料不少于12种", "14种", ""], 3, 0.0, 3),
        Row(["宣传覆盖率≥95%", "98%", ""], 3, 0.0, 3),
        Row(["发放宣传资料", "不少于12种", "14种"], 3, 0.0, 3),
        Row(["3岁以下婴幼儿照护人数", "≥200人", "210人"], 3, 0.0, 3),
    ]
    assert list(value_in_name(rows, roles)) == [0, 1]


def test_a_name_without_its_number_among_numbered_names_is_a_name_cut_in_two() -> None:
    # 指标3:产妇 | 7天 then 访视人数 | 120人: one name (产妇7天访视人数) cut at the value in it
    roles: list[str | None] = ["level2", "name", "value", "actual"]
    rows = [
        Row(["数量指标", "指标1:建档人数", "300人", "310人"], 3, 0.0, 3),
        Row(["", "指标2:宣传次数", "6次", "8次"], 3, 0.0, 3),
        Row(["", "指标3:产妇", "7天", ""], 3, 0.0, 3),
        Row(["", "访视人数", "120人", "118人"], 3, 0.0, 3),
        Row(["质量指标", "合格率", "100%", "100%"], 3, 0.0, 3),  # (a class of its own)
    ]
    assert list(number_lost(rows, roles)) == [2, 3]
    for r in rows[:3]:
        r.cells[1] = r.cells[1].split(":")[1]
    assert number_lost(rows, roles) == {}  # (names not numbered: nothing lost)


def test_a_note_under_the_rows_run_into_them_is_no_indicator() -> None:
    # …满意度≥95%注:请根据实际情况填报… : the table's note glued after its last row
    roles: list[str | None] = ["level2", "name", "value"]
    rows = [
        Row(["服务对象满意度", "群众满意度", "≥95%"], 3, 0.0, 3),
        Row(["", "注:请根据实际情况,从上述", "指标中选择填报"], 3, 0.0, 3),
        Row(["", "可自行增加或调整", "无"], 3, 0.0, 3),
    ]
    assert list(note_rows(rows, roles)) == [1, 2]
    rows[1].cells[1] = "指标1:公众知晓率"
    assert note_rows(rows, roles) == {}


def test_words_run_on_after_a_figure_alone_in_an_empty_column_leave_the_row_unread() -> None:
    # one line, a remark column no row fills: 企业所得税减按15%征收 read as 减税降费企业所得税减按
    # | 15% | 征收, the value's end in the remark column: which words are whose is unclear
    body = "一级指标 二级指标 指标内容 指标值 备注 "
    body += "产出指标 数量指标 新增企业 15 质量指标 扶持标准达标率 100% 时效指标 高企资格有效 3年 "
    body += "效益指标 经济效益指标 减税降费 企业所得税减按15%征收 社会效益指标 企业竞争力 增强\n"
    (doc,) = read_bytes(body.encode(), "t.txt")
    names = [i.name for _, _, i in doc.indicators()]
    assert "企业竞争力" in names and not any("减税降费" in n for n in names)
