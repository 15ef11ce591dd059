"""A table's title and its form's own lines (:mod:`jixiao.ingest.table_title`)."""

from __future__ import annotations

from jixiao.ingest.table_title import form_lines, form_title, is_form_title, kind_of, kinds_of


def test_a_title_names_its_kinds() -> None:
    assert kinds_of("某某局2023年度部门整体支出绩效自评表") == {"selfeval", "dept-whole"}
    assert kind_of("项目支出绩效目标表") == "target"
    assert kind_of("天津市某区人民法院") is None
    # a table of the year's targets beside what was done: a self-evaluation
    assert kind_of("省级财政项目支出年度绩效目标完成情况对比表") == "selfeval"


def test_a_forms_lines_over_its_table_are_its_title_year_unit_and_department() -> None:
    lines = [
        "首页 > 预决算公开",
        "天津市某区人民法院",
        "项目支出绩效目标表",
        "(2023年)",
        "单位:元",
    ]
    assert form_lines(lines) == [1, 2, 3, 4]
    # a department's name only right over the title, and only one naming a place
    assert form_lines(["天津市某区人民法院", "(2023年)", "项目支出绩效目标表"]) == [1, 2]
    assert form_lines(["转载请注明出处", "项目支出绩效目标表"]) == [1]


def test_the_unit_a_form_is_filled_for_over_its_table_is_the_forms() -> None:
    # 单位名称:某某站 填报日期:… over the table: the form's unit, as the text reader reads it
    lines = ["项目支出绩效自评表", "单位名称:某某县某某站 填报日期:2023年3月20日", "来源:本站"]
    assert form_lines(lines) == [0, 1]
    assert form_lines(["主管部门：某某县某某局"]) == [0]
    assert form_lines(["发布时间:2023年3月20日", "联系电话: 1234567"]) == []
    # the project the form is filled for, on a line of its own over the table (项目名称:某某)
    assert form_lines(["项目绩效目标表", "项目名称:某某资料征集", "评价机构:专家组"]) == [0, 1]


def test_a_form_title_with_its_year_after_it_is_a_form_title() -> None:
    # 部门预算项目支出绩效自评表(2022年度) on a line of its own: the form starts there, so a
    # sentence above it (a last form's 存在问题, 绩效目标 in it) is not the document's title
    assert is_form_title(["部门预算项目支出绩效自评表(2022年度)"])
    assert is_form_title(["项目支出绩效目标表（2023年）"])
    assert not is_form_title(["某某项目2022年度"])  # no table named
    assert not is_form_title(["绩效自评表(2022年度)说明"])


def test_form_title_is_the_last_unless_it_only_captions_the_grid() -> None:
    filled = {0, 1, 2, 4}.__contains__  # rows 0-4: title, field, field, [3 empty], caption
    fields = {1, 2}.__contains__
    assert form_title([0, 4], 5, filled, fields) == 0  # the caption over the header
    assert form_title([0, 4], 6, {0, 1, 2, 4, 5}.__contains__, fields) == 4  # fields after it
    assert form_title([0, 4], 5, filled, set().__contains__) == 4  # none between: page text
    assert form_title([4], 5, filled, fields) == 4
    assert form_title([], 5, filled, fields) is None


def test_a_cover_line_of_a_name_field_apart_by_spaces_is_the_forms() -> None:
    assert form_lines(["评价类型:完成结果评价", "项目名称 优 抚", "评价方式:部门绩效自评"]) == [1]


def test_a_sentence_naming_a_form_is_no_title() -> None:
    # a scoring rule's cell (村级申报表,乡镇审核记录…齐全,得2分;…): clauses apart by commas and
    # semicolons, no table's title, though it names a 申报表
    assert (
        kinds_of("村级申报表,乡镇审核记录,县级项目审批文件齐全,得2分;审核程序缺失,扣1分") == set()
    )
    assert kinds_of("村级项目申报表") == {"target"}
