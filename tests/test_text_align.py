"""A table body's tokens aligned to its header's columns (:mod:`jixiao.ingest.text_align`)."""

from __future__ import annotations

from jixiao.ingest.text_align import align
from jixiao.ingest.text_tokens import tokens

_ROLES: list[str | None] = [None, "level1", "level2", "name", "value", "level2", "name", "annual"]


def test_a_cut_last_line_of_pipe_text_borrows_no_cells_from_the_line_above() -> None:
    # The text ends after the first two cells of its last row: the row above keeps its cells.
    text = (
        "预算(或投资规模)控制指标 | 年度预算执行率 | ≥90% | 预算(或投资规模)控制指标 | "
        "年度预算执行率 | ≥90% | ||||\n"
        "效果指标 | 社会、经济、生态效益 指标 | 补助款结算争议率 | 0% | "
        "社会、经济、生态效益 指标 | 补助款结算争议率 | 0% | |||\n"
        "可持续影响指标 | 实现建设总目标控制程度"
    )
    toks = tokens(text)
    rows = align(toks, _ROLES, keeps_empty=True, cut=True)
    second = rows[1].cells
    assert second[1] == "效果指标"
    assert second[3] == "补助款结算争议率" and second[4] == "0%"
    assert second[6] == "补助款结算争议率" and second[7] == "0%"
    assert [c for c in rows[-1].cells if c] == ["可持续影响指标", "实现建设总目标控制程度"]
    # Not told the text is cut, the cut line fills itself from the line above.
    uncut = align(toks, _ROLES, keeps_empty=True)
    assert uncut[1].cells[7] == ""


def test_a_column_no_row_fills_costs_a_row_nothing_to_leave_out() -> None:
    from jixiao.ingest.text_align import row_cost

    # 指标值 | 指标标准或依据 | 2021年实际实现值 | 预期2022年实现值, the last three blank throughout
    roles: list[str | None] = [None, "level1", "level2", "name", "value", "standard", "remark"]
    roles.append("annual")
    cells = ["", "", "", "开设课程数量", "220", "", "", ""]
    assert row_cost(cells, roles, True) > 3.0 * 2  # over the bar of 3 a cell: refused
    assert row_cost(cells, roles, True, {5, 6, 7}) == 0.3


def test_a_direction_word_under_a_comparator_label_is_its_cell_not_part_of_the_name() -> None:
    # 指标性质 over 正向 / 反向 (a template's labels swapped): the word stays in that column.
    from jixiao.ingest.text_cells import fit

    assert fit("op", "反向") < 1.0 and fit("op", "正向指标") < 1.0
    assert fit("op", "正向激励") > 1.0
    roles: list[str | None] = [
        "level1", "level2", "name", "op", "direction", "value", "measure", "weight"
    ]  # fmt: skip
    text = (
        "产出指标 数量指标 某某设施巡查次数 正向 ≥ 12 次 5\n"
        "产出指标 成本指标 某某维修成本 反向 ≤ 3 5"
    )
    rows = align(tokens(text), roles, rows_by_line=True)
    assert [r.cells[2:5] for r in rows] == [
        ["某某设施巡查次数", "正向", "≥"],
        ["某某维修成本", "反向", "≤"],
    ]


def test_two_class_labels_are_two_cells_though_the_second_is_the_name() -> None:
    # 满意度 reads as a level-1 class; after a level 2 it is the row's name, not a piece of one
    # cell with the level 2 (whose row above, 可持续影响指标, stands without a name)
    text = "可持续影响指标\n\n服务对象满意度指标\n\n满意度\n\n92%\n\n计划标准"
    roles: list[str | None] = ["level1", "level2", "name", "value", "standard"]
    rows = align(tokens(text), roles)
    assert [r.cells for r in rows] == [
        ["", "可持续影响指标", "", "", ""],
        ["", "服务对象满意度指标", "满意度", "92%", "计划标准"],
    ]


def test_a_department_row_closes_at_its_budget_in_a_table_of_projects_by_unit() -> None:
    # 101-某某局 | 1,200,000.00 on a line of its own above its units' project rows: a row of its
    # own, not the start of the project name of the line below
    roles: list[str | None] = ["unit", "project", "total", "goal", "level1", "level2", "name"]
    roles.append("value")
    text = (
        "101-某某局 1,200,000.00\n"
        "101001-某某中心 设备购置 800,000.00 按时购置设备 产出指标 数量指标 购置设备数量 10台\n"
        "产出指标 质量指标 设备验收合格率 100%\n"
    )
    rows = align(tokens(text), roles, rows_by_line=True)
    second = ["101001-某某中心", "设备购置", "800,000.00", "按时购置设备", "产出指标"]
    second += ["数量指标", "购置设备数量", "10台"]
    assert [[c for c in r.cells if c] for r in rows] == [
        ["101-某某局", "1,200,000.00"],
        second,
        ["产出指标", "质量指标", "设备验收合格率", "100%"],
    ]
    assert rows[0].cells[2] == "1,200,000.00"


def test_a_class_keeps_the_bracketed_mark_it_bears() -> None:
    # 数量指标 (必填硬性指标): the class cell and its mark, not a mark opening the name
    roles: list[str | None] = ["level1", "level2", "name", "value"]
    text = "产出指标 数量指标 (必填硬性指标) 实施造林面积(亩) 8000\n"
    text += "成本指标 (必填) 项目总投入(万元) 60\n"
    rows = align(tokens(text), roles, rows_by_line=True)
    assert rows[0].cells == ["产出指标", "数量指标(必填硬性指标)", "实施造林面积(亩)", "8000"]
    assert rows[1].cells == ["", "成本指标(必填)", "项目总投入(万元)", "60"]


def test_two_bare_numbers_are_two_cells() -> None:
    # 10 10 0: 分值, 得分 and a 偏差原因 of 0, not a 得分 of "10 0" and no reason
    roles: list[str | None] = ["level1", "level2", "name", "annual", "actual", "weight", "score"]
    roles.append("deviation")
    text = "效益指标 经济效益指标 设施安全率 100 100 10 10 0\n"
    text += "社会效益指标 学校发展能力 100 100 10 10 0\n"
    rows = align(tokens(text), roles, rows_by_line=True)
    assert [r.cells[5:] for r in rows] == [["10", "10", "0"], ["10", "10", "0"]]
    # two percentages too: a 完成值 and a 分值 written as a share
    roles = ["name", "value", "actual", "weight", "deviation"]
    rows = align(tokens("资金足额拨付率 100% 98% 10%\n地方配套到位率 100% 95% 10%\n"), roles)
    assert [r.cells[1:4] for r in rows] == [["100%", "98%", "10%"], ["100%", "95%", "10%"]]


def test_a_class_with_its_points_range_is_a_class() -> None:
    # 产出指标 (40-50)分: the class and the points its rows share, one cell
    from jixiao.ingest.text_cells import L1, kind

    assert kind("产出指标(40-50)分") == kind("产出指标 (40-50)分") == L1
    roles: list[str | None] = ["level1", "level2", "name", "value"]
    rows = align(
        tokens("产出指标 (40-50)分 数量指标 举报奖励次数 ≥5次\n"), roles, rows_by_line=True
    )
    assert rows[0].cells == ["产出指标(40-50)分", "数量指标", "举报奖励次数", "≥5次"]


def test_a_row_may_fill_one_of_two_column_groups_side_by_side() -> None:
    # 二级指标(长期) 三级指标(长期) 指标值(长期), then the same three (年度): the rows fill
    # the annual group only; each line stays its own row
    roles: list[str | None] = ["level1", "level2", "name", "value", "level2", "name", "value"]
    text = (
        "产出指标 数量指标 数量指标 重点工程安排数量 2\n"
        "产出指标 质量指标 质量指标 重点工程验收合格率 100%\n"
        "效益指标 社会效益指标 社会效益指标 学校办学条件 持续改善\n"
    )
    rows = align(tokens(text), roles, rows_by_line=True)
    assert [r.cells for r in rows] == [
        ["产出指标", "数量指标", "", "", "数量指标", "重点工程安排数量", "2"],
        ["产出指标", "质量指标", "", "", "质量指标", "重点工程验收合格率", "100%"],
        ["效益指标", "社会效益指标", "", "", "社会效益指标", "学校办学条件", "持续改善"],
    ]


def test_the_kind_of_standard_is_the_standard_cell_not_part_of_the_target() -> None:
    # 80M 计划标准: a target and its 绩效标准 (the vocabulary's standard_kind), two cells
    from jixiao.ingest.text_cells import fit

    assert fit("standard", "计划标准") == 0.0 and fit("value", "计划标准") > 1.0
    roles: list[str | None] = ["level1", "level2", "name", "value", "standard"]
    text = "产出指标 数量指标 配备车辆数 10 计划标准\n风炮射程 80M 计划标准\n"
    text += "质量指标 空气质量 优良 历史标准\n"
    rows = align(tokens(text), roles, rows_by_line=True)
    assert [r.cells[2:] for r in rows] == [
        ["配备车辆数", "10", "计划标准"],
        ["风炮射程", "80M", "计划标准"],
        ["空气质量", "优良", "历史标准"],
    ]


def test_a_figure_and_its_unit_apart_are_one_value_where_no_column_holds_the_unit() -> None:
    # cells apart by blank lines, 300 公里 one cell: the unit is no name of a next row
    text = "养护里程\n\n300 公里\n\n300 公里\n\n15\n\n验收合格率\n\n100%\n\n98%\n\n9"
    roles: list[str | None] = ["name", "annual", "actual", "score"]
    rows = align(tokens(text), roles)
    assert [r.cells for r in rows] == [
        ["养护里程", "300 公里", "300 公里", "15"],
        ["验收合格率", "100%", "98%", "9"],
    ]
    # with a 度量单位 column the unit is its cell
    with_measure: list[str | None] = ["name", "annual", "measure", "score"]
    rows = align(tokens("养护里程 300 公里 15"), with_measure)
    assert rows[0].cells == ["养护里程", "300", "公里", "15"]


def test_another_frameworks_class_a_space_before_a_name_is_a_cell_of_its_own() -> None:
    # 过程管理指标 / 资金管理指标 are no framework's classes; a space apart from the name on a
    # row per line, each is the row's class, not the first words of its name
    text = (
        "过程管理指标 计划管理指标 投资计划分解用时 ≤20工作日\n"
        "资金管理指标 中央预算内投资支付率 ≥95%\n"
    )
    roles: list[str | None] = ["level1", "level2", "name", "value"]
    rows = align(tokens(text), roles, rows_by_line=True)
    assert [r.cells for r in rows] == [
        ["过程管理指标", "计划管理指标", "投资计划分解用时", "≤20工作日"],
        ["", "资金管理指标", "中央预算内投资支付率", "≥95%"],
    ]
    # …glued to the words after it (a tokenizer's cut, no space), a name's own words
    rows = align(tokens("社会效益 食品安全指标达标率 95%\n"), roles, rows_by_line=True)
    assert rows[0].cells[2] == "食品安全指标达标率"


def test_a_class_with_its_gloss_a_space_before_a_name_is_a_cell_of_its_own() -> None:
    # 预算(或投资规模)控制指标: too long for a phrase, a class with its gloss all the same
    roles: list[str | None] = ["level1", "level2", "name", "value"]
    rows = align(tokens("预算(或投资规模)控制指标 年度预算执行率 ≥90%\n"), roles, rows_by_line=True)
    assert rows[0].cells[1:] == ["预算(或投资规模)控制指标", "年度预算执行率", "≥90%"]


def test_a_class_label_written_apart_is_a_cell_of_its_own_never_part_of_another() -> None:
    # One line, a space between cells, classes of a template the framework does not hold
    # (过程管理指标 / 计划管理指标, 资金管理指标): each is a class cell, not the start of the name
    # nor the end of the value before it; the name cut at a label (中央预算内投资 | 支付率) is one.
    text = (
        "实施效果指标 产出指标 劳务报酬占比 ≥32% 过程管理指标 计划管理指标 计划分解用时 ≤20工作日"
        " 责任落实到位率 100% 资金管理指标 中央预算内投资支付率 ≥95%"
    )
    rows = align(tokens(text), ["level1", "level2", "name", "value"])
    assert [r.cells for r in rows] == [
        ["实施效果指标", "产出指标", "劳务报酬占比", "≥32%"],
        ["过程管理指标", "计划管理指标", "计划分解用时", "≤20工作日"],
        ["", "", "责任落实到位率", "100%"],
        ["", "资金管理指标", "中央预算内投资支付率", "≥95%"],
    ]


def test_a_class_the_text_glued_to_its_neighbour_may_be_part_of_a_name() -> None:
    # 食品安全指标达标率 split after its 指标 (and 达标 率 apart by a wrap): one name still
    text = "效益指标 社会效益指标 群众知晓率 90% 食品安全指标达标 率 100%"
    rows = align(tokens(text), ["level1", "level2", "name", "value"])
    assert rows[-1].cells[2:] == ["食品安全指标达标率", "100%"]


def test_a_targets_phrase_written_apart_after_a_name_is_the_target() -> None:
    # 孤儿助学人数 应助尽助 9: the phrase is the 指标值 and 9 the 完成值, not the name's end
    text = (
        "产出指标 数量指标 孤儿助学人数 应助尽助 9 质量指标 完成学业率 100% 100%"
        " 助学制度 进一步完善 100%"
    )
    rows = align(tokens(text), ["level1", "level2", "name", "annual", "actual"])
    assert [r.cells[2:] for r in rows] == [
        ["孤儿助学人数", "应助尽助", "9"],
        ["完成学业率", "100%", "100%"],
        ["助学制度", "进一步完善", "100%"],
    ]


def test_a_weight_written_as_a_share_is_the_weight() -> None:
    # 权重 20% on one line: the four figures fill 指标值 | 完成值 | 权重 | 得分 in turn
    roles: list[str | None] = ["level1", "level2", "name", "value", "actual", "weight", "score"]
    text = (
        "产出指标 数量指标 贷款发放额增长率 ≥10% 115.25% 20% 20"
        " 质量指标 贷款回收率 ≥90% 98.70% 20% 20"
    )
    rows = align(tokens(text), roles)
    assert [r.cells[2:] for r in rows] == [
        ["贷款发放额增长率", "≥10%", "115.25%", "20%", "20"],
        ["贷款回收率", "≥90%", "98.70%", "20%", "20"],
    ]


def test_words_written_twice_after_a_name_are_its_target_and_its_result() -> None:
    # 减轻参训人员经济负担 有效减轻 有效减轻: the words again right after are the 完成值
    roles: list[str | None] = ["level1", "level2", "name", "annual", "actual"]
    text = (
        "效益指标 经济效益 减轻参训人员经济负担 有效减轻 有效减轻"
        " 社会效益 提高学员技术水平 基本提高 基本提高"
    )
    rows = align(tokens(text), roles)
    assert [r.cells[2:] for r in rows] == [
        ["减轻参训人员经济负担", "有效减轻", "有效减轻"],
        ["提高学员技术水平", "基本提高", "基本提高"],
    ]


def test_a_comparator_in_words_under_the_direction_label_and_a_project_list_row() -> None:
    # 指标性质 over 正向 / 反向 / 定性 and 指标方向 over 大于等于 / 等于 (labels swapped) in a list
    # whose project cells (名称 | 单位 | 项目类别 | 预算数 | 目标) stand on its first row only: a
    # later row without a unit cell stays in the indicator columns.
    from jixiao.ingest.text_align import skip_cost
    from jixiao.ingest.text_cells import fit

    assert fit("direction", "大于等于") < 1.0 and fit("direction", "定性") > 1.0
    assert skip_cost("remark", "start", False) < 1.0  # (项目类别 left of the row's cells)
    roles: list[str | None] = [
        "project", "unit", "remark", "total", "goal",
        "level1", "level2", "name", "op", "direction", "value", "measure", "weight",
    ]  # fmt: skip
    text = (
        "某某经费 001-某某局 32-专项资金项目 1,000.00 保障某某工作开展,提高效率。 "
        "产出指标 质量指标 某某合格率 正向 等于 100 % 5\n"
        "数量指标 某某采购数量 反向 小于等于 1 7.5\n"
        "质量指标 某某及时率 正向 大于等于 98 % 5"
    )
    rows = align(tokens(text), roles, rows_by_line=True)
    assert [r.cells[6:] for r in rows] == [
        ["质量指标", "某某合格率", "正向", "等于", "100", "%", "5"],
        ["数量指标", "某某采购数量", "反向", "小于等于", "1", "", "7.5"],
        ["质量指标", "某某及时率", "正向", "大于等于", "98", "%", "5"],
    ]
    assert not any(r.cells[0] for r in rows[1:])


def test_a_qualitative_target_apart_between_names_is_no_piece_of_a_name() -> None:
    # the whole table on one line: 某某人员的关爱 明显提升 某某防治意识 明显增强: 明显提升
    # stands apart between words, a row's target, not the middle of one long name
    toks = tokens("社会效益指标 政府对某某人员的关爱 明显提升 广大群众对某某防治意识 明显增强\n")
    rows = align(toks, [None, "level1", "level2", "name", "value"])
    assert [r.cells[3:] for r in rows] == [
        ["政府对某某人员的关爱", "明显提升"],
        ["广大群众对某某防治意识", "明显增强"],
    ]


def test_a_numbered_row_leaves_its_merged_classes_out_after_its_number() -> None:
    # 序号 | 一级 | 二级 | 三级 | 说明 | 分值 | 得分, a cell per line closed by "|": the second row
    # gives its number and then its name, its classes merged from the row above (left out
    # after the number as at a row's start), not its number as the name
    roles: list[str | None] = ["seq", "level1", "level2", "name", "explanation", "weight", "score"]
    rows = [
        ["1", "决策(10)", "项目立项", "民主议事", "记录完整,得2分", "2", "2"],
        ["2", "申报审批", "审批文件齐全,得2分", "2", "1"],
    ]
    text = " |\n".join(c for r in rows for c in r) + " |\n"
    assert [r.cells for r in align(tokens(text), roles, keeps_empty=True)] == [
        rows[0],
        ["2", "", "", "申报审批", "审批文件齐全,得2分", "2", "1"],
    ]
