"""The block of a one-project form (:mod:`jixiao.ingest.table_block`): the fields above its
indicator header."""

from __future__ import annotations

from jixiao.ingest.grid import Grid
from jixiao.ingest.table_block import read_block
from jixiao.ingest.table_title import kinds_of


def test_a_score_label_ending_its_row_takes_the_figure_ending_the_next_row() -> None:
    # sc-anju-scjgj-shipin-selfeval-2021: one cell per paragraph; 自评得分 ends the first row,
    # 100 ends the second, after that row's label | value pairs
    rows = [
        ["专项名称", "食品监管补助资金"],
        ["中央主管部门", "市场监管总局"],
        ["自评得分"],
        ["省级财政部门", "四川省财政厅"],
        ["省级主管部门", "四川省市场监管局"],
        ["100"],
        ["预算执行情况"],
    ]
    assert read_block(Grid.of("", rows), 0, len(rows)).fields["score"][0] == "100"
    # a section's title between them: the figure is not the score's
    cut = [*rows[:4], ["预算执行情况"], *rows[5:]]
    assert "score" not in read_block(Grid.of("", cut), 0, len(cut)).fields
    # a figure no score can be
    big = [*rows[:5], ["2000"]]
    assert "score" not in read_block(Grid.of("", big), 0, len(big)).fields


def test_the_unit_a_funds_label_states_overrules_a_unit_line() -> None:
    # sn-hanyin-czj-puhui-target-2022: 单位:元 under the title, 资金情况(万元) over 年度金额 | 112
    rows = [
        ["2022年第二批中、省普惠金融发展专项资金绩效目标表"],
        ["单位:元"],
        ["专项名称", "普惠金融发展专项资金"],
        ["资金情况(万元)"],
        ["年度金额", "112"],
    ]
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert (block.money_unit, block.money_overruled) == ("万元", "元")
    alone = [rows[0], rows[1], rows[2], ["年度金额", "112"]]  # no label states one: the line's
    assert read_block(Grid.of("", alone), 0, len(alone)).money_unit == "元"


def test_a_goal_sentence_after_an_empty_funds_row_over_the_indicators_is_the_goal() -> None:
    # cq-wuxi-zjw-weifang-target-2025: one cell per paragraph; 地方资金's amount and the goal's
    # label are empty, so the goal's sentence follows 地方资金, the last row above the header
    rows = [
        ["项目名称", "农村危房改造补助资金"],
        ["地方资金", "支持农村低收入群体等重点对象实施危房改造和危房抗震改造,保障其基本住房安全。"],
    ]
    fields = read_block(Grid.of("", rows), 0, len(rows)).fields
    assert fields["goal"][0].startswith("支持农村低收入群体")
    assert "other" not in fields
    # not the last row above the header: no goal (the sentence is not where the goal stands)
    more = [*rows, ["联系电话", "12345678"]]
    assert "goal" not in read_block(Grid.of("", more), 0, len(more)).fields
    # a label that is no funds row's: not read so
    other = [rows[0], ["项目概况", rows[1][1]]]
    assert read_block(Grid.of("", other), 0, len(other)).fields.get("goal") is None


def test_a_department_line_run_on_after_the_titles_year_names_the_department() -> None:
    # hn-ningxiang-batang-target-2021: text run together, (2021年度) glued before 填报单位
    rows = [
        ["项目绩效目标表"],
        ["(2021年度)填报单位(盖章):宁乡市坝塘镇人民政府"],
        ["项目名称", "镇域内基础设施建设"],
        ["主管部门", "坝塘镇"],
    ]
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert block.department == ("宁乡市坝塘镇人民政府", 2)
    assert block.fields["department"][0] == "坝塘镇"


def test_a_titles_last_word_and_year_after_a_goal_label_is_no_goal() -> None:
    # sc-langzhong-jtj-chegoushui-selfeval-2021: the title …(普通省道公路建设)绩效目标自评 over
    # (2021年度), split at 绩效目标: its value 自评(2021年度) is no goal
    rows = [["绩效目标", "自评(2021年度)"], ["项目名称", "某项目"]]
    assert "goal" not in read_block(Grid.of("", rows), 0, len(rows)).fields
    rows = [["绩效目标", "完成道路建设(2021年度)"], ["项目名称", "某项目"]]
    assert read_block(Grid.of("", rows), 0, len(rows)).fields["goal"][0] == "完成道路建设(2021年度)"


def test_a_labels_gloss_run_into_its_amount_is_the_labels() -> None:
    # sc-chacewang-puhui-jinrong-selfeval: 年度金额(提前下达):208万元 split after 年度金额
    rows = [["项目名称", "普惠金融发展专项资金"], ["年度金额", "(提前下达):208万元"]]
    assert read_block(Grid.of("", rows), 0, len(rows)).fields["total"][0] == "208万元"


def test_a_department_label_in_its_own_cell_after_the_year_names_the_document() -> None:
    # (2023年度)预算单位： | 某某镇人民政府 over the form: the document's department; the form's
    # own 实施单位 | 某某站 pair is the project's unit, not overruled by the line above
    rows = [
        ["某某项目支出绩效目标审批表"],
        ["(2023年度)预算单位:", "某某镇人民政府"],
        ["项目名称", "某某配套设施建设项目"],
        ["业务主管部门", "某某委"],
        ["实施单位", "某某站"],
    ]
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert block.department is not None and block.department[0] == "某某镇人民政府"
    assert block.fields["unit"][0] == "某某站"
    assert block.fields["department"][0] == "某某委"
    # without a pair of its own, the unit is the one the line states
    alone = rows[:4]
    assert read_block(Grid.of("", alone), 0, len(alone)).fields["unit"][0] == "某某镇人民政府"


def test_a_name_field_ends_at_a_check_box_of_another_fields_options() -> None:
    # A flattened form: 项目类型's options (□ 3、一次性项目 □) ran into the 实施单位's value.
    rows = [
        ["项目名称", "某某发展资金"],
        ["主管部门", "某某局"],
        ["项目实施单位", "某某中心 □ 3、一次性项目 □"],
    ]
    fields = read_block(Grid.of("", rows), 0, len(rows)).fields
    assert fields["unit"][0] == "某某中心" and fields["department"][0] == "某某局"
    boxed = [rows[0], ["项目实施单位", "□ 3、一次性项目"]]  # nothing before the box: no name
    assert "unit" not in read_block(Grid.of("", boxed), 0, len(boxed)).fields


def test_a_name_drawn_after_a_money_label_is_the_next_name_labels_whose_value_is_an_amount() -> (
    None
):
    # PDF drawing order: 项目资金(元) | 某某中心 over 实施单位 | 9,034 — the money label holds
    # a name, the unit label an amount: the name is the unit's.
    rows = [["项目名称", "某某经费"], ["项目资金(元)", "某某事业管理中心"], ["实施单位", "9,034"]]
    assert read_block(Grid.of("", rows), 0, len(rows)).fields["unit"][0] == "某某事业管理中心"
    # a label that states no money, or a value with a figure: not taken
    plain = [rows[0], ["项目负责人", "某某事业管理中心"], rows[2]]
    assert "unit" not in read_block(Grid.of("", plain), 0, len(plain)).fields
    figured = [rows[0], ["项目资金(元)", "某某中心2号楼"], rows[2]]
    assert "unit" not in read_block(Grid.of("", figured), 0, len(figured)).fields


def test_a_label_stating_the_code_takes_a_code_after_the_name_off_it() -> None:
    rows = [["项目名称", "某某维护项目"], ["主管部门及其编码", "某某县交通运输局 415002"]]
    fields = read_block(Grid.of("", rows), 0, len(rows)).fields
    assert fields["department"][0] == "某某县交通运输局"
    bracketed = [rows[0], ["主管部门及编码", "某某县交通运输局(415002)"]]
    assert read_block(Grid.of("", bracketed), 0, 2).fields["department"][0] == "某某县交通运输局"
    # a label that states no code: the figures stay (nothing says they are one)
    plain = [rows[0], ["主管部门", "某某县交通运输局 415002"]]
    assert read_block(Grid.of("", plain), 0, 2).fields["department"][0] == "某某县交通运输局 415002"
    # no digit: no code
    lettered = [rows[0], ["主管部门及其编码", "某某县交通运输局 ABC"]]
    assert read_block(Grid.of("", lettered), 0, 2).fields["department"][0].endswith("ABC")
    # a code of digits glued before the name (fj-quanzhou-anxi-nyncj-mianyi-target-2025), only
    # where the label states the code
    glued = [rows[0], ["主管部门(单位)名称及部门预算编码", "331某某厅"]]
    assert read_block(Grid.of("", glued), 0, 2).fields["department"][0] == "某某厅"
    plain = [rows[0], ["主管部门", "331某某厅"]]
    assert read_block(Grid.of("", plain), 0, 2).fields["department"][0] == "331某某厅"


def test_a_cell_of_label_value_pairs_gives_each_known_label_its_value() -> None:
    # the lines of one cell joined (资金总额: 60 / 一、预算资金:60 / 二、自有资金:0)
    rows = [
        ["项目名称", "某某维护项目"],
        ["项目资金申请(万元)", "资金总额: 60 一、预算资金:60 二、自有资金:0"],
    ]
    assert read_block(Grid.of("", rows), 0, len(rows)).fields["total"][0] == "60"
    # a colon that opens no pair (a value holding one), or words before the first label: the
    # cell is not pairs throughout, and nothing in it is read
    loose = [rows[0], ["项目资金申请(万元)", "资金总额: 60 备注:说明:无"]]
    assert "total" not in read_block(Grid.of("", loose), 0, 2).fields
    started = [rows[0], ["项目资金申请(万元)", "申请 资金总额: 60 预算资金:60"]]
    assert "total" not in read_block(Grid.of("", started), 0, 2).fields


def test_a_pages_title_about_project_targets_names_a_target_table() -> None:
    # (a page giving several projects' targets: not 部门整体, whatever its indicators' project)
    assert kinds_of("2024年某县重点民生政策和项目绩效目标情况") == {"target"}
    assert kinds_of("2024年某某局部门整体绩效目标情况") == {"dept-whole"}
    assert kinds_of("某某县2024年民生实事工作情况") == set()


def test_the_heading_nearest_the_header_names_the_block_s_project() -> None:
    rows = [
        ["2024年某县重点民生政策和项目绩效目标情况"],
        ["社区老年助餐服务项目项目绩效目标"],
        ["(一)中长期绩效目标"],
        ["到规划期末建成覆盖城乡的老年助餐服务网络，服务能力明显提升。"],
    ]
    found = read_block(Grid.of("", rows, range(1, 5)), 0, len(rows))
    assert found.heading == ("社区老年助餐服务项目", 2)
    assert found.title == "2024年某县重点民生政策和项目绩效目标情况"
    assert found.kinds == {"target"}


def test_a_total_heading_its_column_over_group_labels_takes_the_amount_under_it() -> None:
    # 资金总额 over two rows, 按收入性质分 | 按支出性质分 beside it, their parts under them
    rows = [
        ["部门名称", "某某局", "某某局", "某某局", "某某局"],
        ["年度预算申请(万元)", "资金总额", "按收入性质分", "按支出性质分", "按支出性质分"],
        ["年度预算申请(万元)", "资金总额", "公共财政拨款", "基本支出", "项目支出"],
        ["年度预算申请(万元)", "211.62", "211.62", "161.62", "50.00"],
    ]
    assert read_block(Grid.of("", rows), 0, len(rows)).fields["total"][0] == "211.62"


def test_a_totals_amount_after_its_labels_is_taken_only_when_its_two_breakdowns_prove_it() -> None:
    # text whose empty cells vanished: the amounts after the labels, no column says whose each
    # is; the first is the total when the others add up to twice it (by source and by use)
    labels = ["资金总额", "按收入性质分", "按支出性质分", "公共财政拨款", "其他资金", "基本支出"]
    rows = [labels, ["项目支出", "1,403.07", "256.09", "1,146.98", "297.55", "1,105.52"]]
    assert read_block(Grid.of("", rows), 0, len(rows)).fields["total"][0] == "1,403.07"
    # the total's own cell empty, only parts: nothing proves which amount is whose
    parts = [labels, ["项目支出", "256.09", "1,146.98", "297.55", "1,105.52"]]
    assert "total" not in read_block(Grid.of("", parts), 0, len(parts)).fields


def test_a_department_and_unit_label_names_the_department() -> None:
    rows = [["部门整体支出绩效自评表"], ["预算部门、单位名称", "某某乡人民政府"]]
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert block.fields["department"][0] == "某某乡人民政府"


def test_a_goal_label_before_its_sub_label_takes_the_text_after_both() -> None:
    # 总体绩效目标 | 当年度目标 | …: the sub-label is no goal; the text after it is
    rows = [["项目名称", "某某公益项目"], ["总体绩效目标", "当年度目标", "持续提升老年人获得感。"]]
    assert read_block(Grid.of("", rows), 0, len(rows)).fields["goal"][0] == "持续提升老年人获得感。"


def test_the_years_amount_after_a_total_over_the_implementation_period() -> None:
    # 预算金额 | 总金额 | 80万元 | 当年度金额 | 50万元: the year's amount is the total
    rows = [["项目名称", "某某项目"], ["预算金额", "总金额", "80万元", "当年度金额", "50万元"]]
    assert read_block(Grid.of("", rows), 0, len(rows)).fields["total"][0] == "50万元"


def test_a_fund_sources_year_amount_alone_makes_the_total() -> None:
    # 中央补助年度金额(万元) | 158.18: the source's amount, and a total label with none of its own
    from jixiao.ingest.table_funds import parts_total
    from jixiao.model import Funds

    rows = [["资金名称", "某某专项资金"], ["中央补助年度金额(万元)", "158.18"]]
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert block.fields["fiscal"][0] == "158.18" and "total" in block.labels
    from decimal import Decimal

    assert parts_total(block, Funds(fiscal=Decimal("158.18"))) == Decimal("158.18")
    # a source's amount under no word of the year: no total stands
    plain = [rows[0], ["中央补助(万元)", "158.18"]]
    assert "total" not in read_block(Grid.of("", plain), 0, len(plain)).labels


def test_a_lists_header_over_table_titles_is_no_projects_fields() -> None:
    # ah-chuzhou-rsj-sanzhiyifu-selfeval-2022: a 目录 of the bureau's tables above its forms,
    # 序号 | 项目名称 | 备注 over rows naming them: 备注 is a column's label, not a project's name
    rows = [
        ["某某局本级单位项目绩效自评表清单"],
        ["序号", "项目名称", "备注"],
        ["1", "某某补助资金自评表", ""],
        ["2", "某某工作经费自评表", ""],
    ]
    found = read_block(Grid.of("", rows), 0, len(rows))
    assert "project" not in found.fields
    # the form itself: 项目名称 | its name, also where a 序号 cell opens the row before
    form = [*rows, ["项目名称", "某某补助资金"], ["序号", "1"]]
    assert read_block(Grid.of("", form), 0, len(form)).fields["project"][0] == "某某补助资金"


def test_a_one_cell_project_field_under_the_title_names_the_project_and_the_cover_its_unit() -> (
    None
):
    # an evaluation report's cover over its form: the form names its project on a line of its
    # own (项目名称:某某); the cover, naming the same project, gives the unit the form leaves out
    rows = [
        ["某某县某某局2016年度项目支出绩效评价报告"],
        ["项目名称: 某某资料征集"],
        ["项目单位: 某某县某某局"],
        ["项目绩效目标表"],
        ["项目名称:某某资料征集"],
    ]
    found = read_block(Grid.of("", rows), 0, len(rows))
    assert found.fields["project"] == ("某某资料征集", 5)
    assert found.fields["unit"] == ("某某县某某局", 3)
    assert found.title == "项目绩效目标表"
    # a cover about another project says nothing of this form's
    rows[1] = ["项目名称: 某某档案编研"]
    assert "unit" not in read_block(Grid.of("", rows), 0, len(rows)).fields


def test_a_title_wrapped_over_two_lines_names_the_kinds_of_both() -> None:
    # hn-yueyang-yueyanglou-whg: 岳阳楼区2021年度部门(单位)整体支出 / 绩效评价自评报告
    rows = [["岳阳楼区2021年度部门(单位)整体支出"], ["绩效评价自评报告"], ["部门名称", "某某馆"]]
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert block.kinds == {"selfeval", "dept-whole"}
    rows[0] = ["某某网站首页"]
    assert read_block(Grid.of("", rows), 0, len(rows)).kinds == {"selfeval"}
