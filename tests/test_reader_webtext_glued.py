"""Web-page text whose cells run together: rows put right where the text proves it, left out
or in part unread where it cannot (readers/webtext_glued.py). Made-up tables of the shape."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext_glued import (
    actual_lost,
    date_in_name,
    doubled_in_name,
    figure_on_date,
    label_in_cell,
    level1_lost,
    name_cut_open,
    note_rows,
    number_lost,
    project_lost,
    sentence_value,
    short_phrase,
    target_in_name,
    template_tail,
    two_rates,
    two_values,
    value_in_name,
    values_ahead,
)
from jixiao.ingest.readers.webtext_gluedcells import (
    date_behind,
    direction_behind,
    figure_behind,
    figure_twice,
    figures_in_words,
    figures_short,
    name_in_remark,
    scale_behind,
    value_run_on,
    value_twice,
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
        "（以上为页面全部内容）\n"
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


def test_rows_under_a_unit_name_holding_an_amount_run_on_are_of_no_known_project() -> None:
    # 单位(专项)名称 | 资金总额 | …: the unit, its amount and the project in one cell
    roles: list[str | None] = ["unit", "total", "level1", "name", "value"]
    rows = [
        Row(["某某学校30.00某某伙食费", "30.00", "产出指标", "补助人数", "168"], 3, 0.0, 3),
        Row(["", "", "效益指标", "群众满意度", "≥90%"], 3, 0.0, 3),
        Row(["某某中学", "20.00", "产出指标", "补助人数", "100"], 3, 0.0, 3),
    ]
    assert list(project_lost(rows, roles)) == [0, 1]


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


def test_a_name_holding_a_comparator_and_a_figure_holds_a_target() -> None:
    # 绿化公路米=3500购买树苗株 | =15000: two rows' names and targets run together
    roles: list[str | None] = ["name", "value"]
    rows = [
        Row(["绿化公路米=3500购买树苗株", "=15000"], 3, 0.0, 3),
        Row(["60岁以上老人体检人数", "≥200人"], 3, 0.0, 3),
    ]
    assert list(value_in_name(rows, roles)) == [0]


def test_a_target_ending_a_sentence_under_a_name_holding_a_figure_began_in_the_name() -> None:
    # 补贴数量对学校2400平米体育场馆补贴 | 5万元。: the sentence is the target
    roles: list[str | None] = ["name", "value"]
    rows = [
        Row(["补贴数量对学校2400平米场馆补贴", "5万元。"], 3, 0.0, 3),
        Row(["群众满意率", "95%以上。"], 3, 0.0, 3),  # (no figure in the name)
        Row(["补贴2400平米场馆", "5万元"], 3, 0.0, 3),
    ]
    assert list(sentence_value(rows, roles)) == [0]


def test_a_target_without_its_actual_may_be_the_actual_with_the_target_in_the_name() -> None:
    # 孤儿助学人数应助尽助 | 9 | : 9 may be the 完成值, 应助尽助 the target
    roles: list[str | None] = ["name", "value", "actual"]
    rows = [
        Row(["孤儿助学人数应助尽助", "9", ""], 3, 0.0, 3),
        Row(["政务服务办结率", "100%", ""], 3, 0.0, 3),  # (ends as a measure's name)
        Row(["冷库仓储建设", "≥1290平方米", ""], 3, 0.0, 3),  # (a comparator: a target's)
        Row(["群众满意度", "≥90%", "95%"], 3, 0.0, 3),
    ]
    assert list(actual_lost(rows, roles)) == [0]


def test_a_cell_that_is_a_header_label_was_cut_out_of_a_sentence() -> None:
    # 未达指标值酌情扣分 cut at 指标值 under a header with a 指标值 column
    roles: list[str | None] = ["level2", "name", "value", "standard"]
    rows = [
        Row(["数量指标", "支出安排金额", "28.8万元", "指标值"], 3, 0.0, 3),
        Row(["", "未达指标值", "酌情扣分", ""], 3, 0.0, 3),
        Row(["", "到位率", "100%", "未达目标酌情扣分"], 3, 0.0, 3),
    ]
    assert list(label_in_cell(rows, roles)) == [0, 1]


def test_a_value_type_word_run_on_after_a_name_is_the_next_columns_cell() -> None:
    roles: list[str | None] = ["name", "op", "value"]
    rows = [
        Row(["支出到位率定量", "", "100%"], 3, 0.0, 3),
        Row(["覆盖率", "定性", "高"], 3, 0.0, 3),
    ]
    direction_behind(rows, roles)
    assert [r.cells[:2] for r in rows] == [["支出到位率", "定量"], ["覆盖率", "定性"]]


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


def test_a_name_opening_with_two_values_holds_the_row_aboves_figures() -> None:
    # 3亩3亩★补助养殖数量: the row above's target and 完成值 run into the name; a name may open
    # with one value (3岁以下…) but not with a value and a figure
    roles: list[str | None] = ["name", "value", "actual"]
    rows = [
        Row(["3亩3亩★补助养殖数量", "192只", "192只"], 3, 0.0, 3),
        Row(["1.2万亩1010病虫害防治面积", "3万亩", "3万亩"], 3, 0.0, 3),
        Row(["3岁以下婴幼儿照护人数", "≥200人", "210人"], 3, 0.0, 3),
    ]
    assert list(values_ahead(rows, roles)) == [0, 1]


def test_a_figure_in_a_column_of_words_is_figures_past_their_columns() -> None:
    # 偏差原因 holding 109 (分值 10 and 得分 9 run together) where both are empty: left unread
    # with a note; a bare 20 with nothing empty before it, or 1010家 (the next name's 家长…):
    # the row left out, and the next row with the last
    roles: list[str | None] = ["name", "value", "actual", "weight", "score", "deviation"]
    rows = [
        Row(["群众满意度", "95%", "95%", "", "", "109"], 3, 0.0, 3),
        Row(["修建道路长度", "32.1公里", "20", "10", "10", "20"], 3, 0.0, 3),
        Row(["学生满意度", "≥95%", "100%", "", "", "1010家"], 3, 0.0, 3),
        Row(["长满意度", "≥95%", "100%", "10", "10", ""], 3, 0.0, 3),
        Row(["合格率", "100%", "100%", "10", "10", "无"], 3, 0.0, 3),
        Row(["到位率", "100%", "90%", "", "", "1.因疫情影响资金晚到"], 3, 0.0, 3),  # (a reason)
    ]
    doubts, notes = figures_in_words(rows, roles)
    assert list(doubts) == [1, 2, 3]
    assert rows[0].cells == ["群众满意度", "95%", "95%", "", "", ""]
    assert [n.code for n in notes] == ["text.figures_glued"] and "109" in notes[0].message


def test_a_value_ending_in_the_next_columns_template_text_is_run_into_it() -> None:
    # 180计划标准 beside 绩效标准 | 计划标准 in the other rows: the next cell ran into the value
    roles: list[str | None] = ["name", "value", "standard"]
    rows = [
        Row(["配备车辆数", "10台", "计划标准"], 3, 0.0, 3),
        Row(["服务周期", "180计划标准", ""], 3, 0.0, 3),
        Row(["空气质量优良率", "85%", "计划标准"], 3, 0.0, 3),
    ]
    assert list(template_tail(rows, roles)) == [1]


def test_a_name_ending_in_its_own_target_has_every_cell_one_column_early() -> None:
    # 配套资金每人每年75元 | 75元 | 10: the target ran into the name, the 完成值 read as target
    roles: list[str | None] = ["name", "value", "actual"]
    rows = [
        Row(["配套资金每人每年75元", "75元", "10"], 3, 0.0, 3),
        Row(["配套资金", "每人每年75元", "75元"], 3, 0.0, 3),
    ]
    assert list(target_in_name(rows, roles)) == [0]


def test_a_figure_run_into_a_year_is_no_value() -> None:
    # 102022年: a 得分 10, then 2022年 opening the next row
    roles: list[str | None] = ["name", "value", "actual"]
    rows = [
        Row(["使用时长", "102022年", ""], 3, 0.0, 3),
        Row(["完成时间", "2022年", "2022年"], 3, 0.0, 3),
        Row(["使用年限", "≥10年", "12年"], 3, 0.0, 3),
    ]
    assert list(figure_on_date(rows, roles)) == [0]


def test_a_word_of_two_characters_after_a_name_is_cut_by_guess() -> None:
    # 美誉度。效果 | 良好 (or 效果良好?), 影响可 | 持续 (可持续?): nothing bears the cut out;
    # a 完成值 written alike does, as do 是否 … | 否 and a name opening with the word
    roles: list[str | None] = ["name", "value", "actual"]
    rows = [
        Row(["提升城市美誉度。效果", "良好", ""], 3, 0.0, 3),
        Row(["赛事影响可", "持续", ""], 3, 0.0, 3),
        Row(["群众生活条件", "改善", "改善"], 3, 0.0, 3),
        Row(["工程是否存在质量问题", "否", ""], 3, 0.0, 3),
        Row(["提升绿化水平", "提升", ""], 3, 0.0, 3),
        Row(["基础设施条件", "持续改善", ""], 3, 0.0, 3),
    ]
    assert list(short_phrase(rows, roles)) == [0, 1]


def test_a_level2_cell_giving_no_level1_under_a_header_without_level1_is_left_out() -> None:
    # 一级指标 run into the text before the header: 满意度指标 in the 二级指标 column gives
    # no level 1 (数量指标 does: 产出指标), and the rows under it carry it
    roles: list[str | None] = ["level2", "name", "value"]
    rows = [
        Row(["数量指标", "开展送戏进村", "≥70村"], 3, 0.0, 3),
        Row(["满意度指标", "", ""], 3, 0.0, 3),
        Row(["", "受益人满意程度", "≥90%"], 3, 0.0, 3),
    ]
    assert list(level1_lost(rows, roles)) == [2]
    assert level1_lost(rows, ["level1", *roles]) == {}


def test_a_date_after_a_time_word_ending_a_name_is_its_target() -> None:
    # 项目完成时限2025年12月 with no value cell: the date is the target; a name holding a date
    # before another time word (开工时限2021年7月竣工时限…) is two rows and stays so
    roles: list[str | None] = ["level2", "name", "value"]
    rows = [
        Row(["时效指标", "项目完成时限2025年12月", ""], 3, 0.0, 3),
        Row(["", "保障期限2020年1月--2020年11月", ""], 3, 0.0, 3),
        Row(["", "开工时限2021年7月竣工时限2021年9月", ""], 3, 0.0, 3),
        Row(["", "完成率2025年", ""], 3, 0.0, 3),
    ]
    date_behind(rows, roles)
    assert [r.cells[1:] for r in rows] == [
        ["项目完成时限", "2025年12月"],
        ["保障期限", "2020年1月--2020年11月"],
        ["开工时限2021年7月竣工时限2021年9月", ""],
        ["完成率2025年", ""],
    ]


def test_a_name_holding_a_time_indicators_date_is_rows_run_together() -> None:
    # 项目实施时间2021年1月-12月资金拨付 | 12月: a target and the next name run into the name
    roles: list[str | None] = ["name", "value"]
    rows = [
        Row(["项目实施时间2021年1月-12月资金拨付", "12月"], 3, 0.0, 3),
        Row(["2021年度资金拨付率", "100%"], 3, 0.0, 3),
    ]
    assert list(date_in_name(rows, roles)) == [0]


def test_a_numbered_name_standing_alone_in_glued_text_is_not_read_as_a_blank_row() -> None:
    # 指标1:持续提供保障解决群众问题持续保障: its value (持续保障) may be in the name
    text = (
        "某某项目绩效目标表\n项目名称某某物业管理一级指标二级指标三级指标指标值"
        "产出指标数量指标指标1:安置小区数量8个质量指标指标1:小区环境卫生整洁率≥95%"
        "效益指标可持续影响指标指标1:持续提供保障解决群众问题持续保障"
        "满意度指标服务对象满意度指标指标1:居民满意度≥90%\n"
    )
    (doc,) = read_bytes(text.encode(), "glued.txt")
    names = [i.name for i in doc.units[0].projects[0].indicators]
    assert names == ["指标1:安置小区数量", "指标1:小区环境卫生整洁率", "指标1:居民满意度"]


def test_a_value_with_figures_or_words_run_on_is_not_read_as_written() -> None:
    # 7289010.009.00 (target, 分值, 得分 in one run) and 90%时 (the next cell's start): the row
    # left out; a 完成值 100%12.512.5定量… is read up to its %, 550万粒 is a value all the same
    roles: list[str | None] = ["name", "value", "actual"]
    rows = [
        Row(["卫片执法补助经费", "7289010.009.00", ""], 3, 0.0, 3),
        Row(["能繁母猪稳定率", "90%时", ""], 3, 0.0, 3),
        Row(["全年免费开放", "100%", "100%12.512.5定量指标计算:"], 3, 0.0, 3),
        Row(["免费发放原种", "550万粒", "550万粒"], 3, 0.0, 3),
        Row(["培训任务完成及时", "2021.1.1-12.31", "2021.1.1-12.31"], 3, 0.0, 3),
    ]
    doubts, notes = value_run_on(rows, roles)
    assert list(doubts) == [0, 1]
    assert rows[2].cells[2] == "100%" and "12.512.5" in notes[0].message
    assert [r.cells[2] for r in rows[3:]] == ["550万粒", "2021.1.1-12.31"]


def test_a_name_ending_in_a_percent_sign_under_an_empty_unit_column_holds_the_unit() -> None:
    # 三级指标 | 计量单位 | 指标值: 树木成活率% | ≥85, the unit run into the name
    roles: list[str | None] = ["name", "measure", "value"]
    rows = [
        Row(["树木成活率%", "", "≥85"], 3, 0.0, 3),
        Row(["苗木成活率", "%", "≥85"], 3, 0.0, 3),
    ]
    assert list(target_in_name(rows, roles)) == [0]


def test_a_long_bare_number_under_columns_no_row_fills_may_hold_their_figures() -> None:
    # 年度指标值 | 实际完成值 | 得分 with no row filling the last two: 1568.0 (15 | 6 | 8.0?)
    # is left out as a target, and a 完成值 132.91010 (132.9 | 10 | 10?) is left unread
    roles: list[str | None] = ["name", "annual", "actual", "weight"]
    rows = [
        Row(["扶持经营主体数量", "1568.0", "", ""], 3, 0.0, 3),
        Row(["项目总成本", "≤202.6万元", "132.91010", ""], 3, 0.0, 3),
        Row(["受益户数", "≥80户", "", ""], 3, 0.0, 3),
    ]
    doubts, notes = figure_behind(rows, roles)
    assert list(doubts) == [0]
    assert rows[1].cells[2] == "" and "完成值" in notes[0].message


def test_a_name_holding_two_rates_names_is_two_rows_run_together() -> None:
    # 机构覆盖率提高婴幼儿健康管理率 | 95%: 覆盖率's value 提高 and the next name run into it;
    # two rates joined by 及 are one name
    roles: list[str | None] = ["name", "value"]
    rows = [
        Row(["社区照护机构覆盖率提高婴幼儿健康管理率", "95%"], 3, 0.0, 3),
        Row(["资金到位率及使用率", "100%"], 3, 0.0, 3),
        Row(["婴幼儿健康管理率", "95%"], 3, 0.0, 3),
    ]
    assert list(two_rates(rows, roles)) == [0]


def test_words_ending_the_row_above_values_opening_a_name_are_that_names() -> None:
    # 其中露天蔬菜20亩20亩其中大棚蔬菜3亩3亩★补助鱼塘面积…: 其中大棚蔬菜 read as the row's
    # 未完成原因 is the name whose values (3亩3亩) open the next row's name
    roles: list[str | None] = ["name", "annual", "actual", "deviation"]
    rows = [
        Row(["其中露天蔬菜", "20亩", "20亩", "其中大棚蔬菜"], 3, 0.0, 3),
        Row(["3亩3亩★补助鱼塘面积", "103亩", "3亩", ""], 3, 0.0, 3),
    ]
    ahead = values_ahead(rows, roles)
    notes = name_in_remark(rows, roles, ahead)
    assert rows[0].cells == ["其中露天蔬菜", "20亩", "20亩", ""]
    assert [n.code for n in notes] == ["text.name_in_remark"]


def test_a_project_name_ends_at_the_department_and_class_labels_run_after_it() -> None:
    # 项目名称X主管预算部门Y项目分类Z: 主管预算部门 is the department's label, 项目分类 a field's
    text = (
        "某某项目绩效目标表\n项目名称某某道路清扫经费主管预算部门某某区城管委项目分类运转类"
        "一级指标二级指标三级指标指标值产出指标数量指标清扫道路条数485条质量指标垃圾无害化处理率100%"
        "满意度指标服务对象满意度指标群众满意度≥90%\n"
    )
    (doc,) = read_bytes(text.encode(), "glued.txt")
    project = doc.units[0].projects[0]
    assert (project.name, project.department) == ("某某道路清扫经费", "某某区城管委")


def test_words_run_on_after_a_figure_alone_in_an_empty_column_leave_the_row_unread() -> None:
    # one line, a remark column no row fills: 企业所得税减按15%征收 read as 减税降费企业所得税减按
    # | 15% | 征收, the value's end in the remark column: which words are whose is unclear
    body = "一级指标 二级指标 指标内容 指标值 备注 "
    body += "产出指标 数量指标 新增企业 15 质量指标 扶持标准达标率 100% 时效指标 高企资格有效 3年 "
    body += "效益指标 经济效益指标 减税降费 企业所得税减按15%征收 社会效益指标 企业竞争力 增强\n"
    (doc,) = read_bytes(body.encode(), "t.txt")
    names = [i.name for _, _, i in doc.indicators()]
    assert "企业竞争力" in names and not any("减税降费" in n for n in names)


def test_a_name_cut_inside_a_sentence_or_holding_its_unit_and_target_is_left_out() -> None:
    # 某某总面积(亩)80000其中:某某面积: a name, its target and the next row run together;
    # 某某航时暂定量按 | 15次…: a name ending in a word that needs more after it
    roles: list[str | None] = ["name", "value"]
    rows = [
        Row(["某某总面积(亩)80000其中:某某面积(亩)", "30"], 3, 0.0, 3),
        Row(["某某航时暂定量按", "15次"], 3, 0.0, 3),
        Row(["某某面积(亩)", "800"], 3, 0.0, 3),
        Row(["2023年某某(含续建)个数", "3个"], 3, 0.0, 3),
    ]
    assert list(name_cut_open(rows, roles)) == [0, 1]


def test_a_row_a_figure_short_whose_target_may_hold_two_figures_is_left_out() -> None:
    # 200200余人 | 10 | 10 | (得分 empty): 200 | 200余人 | 10 | 10 as well, so not only the 分值
    # may hold two figures; nor 底前10月55 (the 分值 and 得分 run on after words). A row whose
    # target ends in its unit before its 完成值 (5662人 | 4044人 | 21.4) is not doubted here
    roles: list[str | None] = ["name", "annual", "actual", "weight", "score"]
    rows = [
        Row(["某某培训人数", "200200余人", "10", "10", ""], 3, 0.0, 3),
        Row(["某某宣传时限", "11月", "底前10月55", "", ""], 3, 0.0, 3),
        Row(["某某体检数", "5662人", "4044人", "21.4", ""], 3, 0.0, 3),
        Row(["某某运行率", "≥95%", "99%", "10", "10"], 3, 0.0, 3),
    ]
    assert list(figures_short(rows, roles)) == [0, 1]


def test_a_value_written_twice_at_a_names_end_is_the_target_and_its_equal_actual() -> None:
    # 费用结算及时性及时及时 | 20 | 20: name · 及时 · 及时 · 分值 20 · 得分 20; a piece that three
    # lengths would do (良好良好良好良好), or one figure for two columns, is left as it is
    roles: list[str | None] = ["name", "annual", "actual", "weight", "score"]
    rows = [
        Row(["费用结算及时性及时及时", "20", "20", "", ""], 3, 0.0, 3),
        Row(["保证资金专款专用专款专用专款专用", "10", "10", "", ""], 3, 0.0, 3),
        Row(["环境质量良好良好良好良好", "10", "10", "", ""], 3, 0.0, 3),
        Row(["服务质量合格合格", "10", "", "", ""], 3, 0.0, 3),
        Row(["某某覆盖率", "100%", "100%", "10", "10"], 3, 0.0, 3),
    ]
    notes = value_twice(rows, roles)
    assert rows[0].cells == ["费用结算及时性", "及时", "及时", "20", "20"]
    assert rows[1].cells == ["保证资金专款专用", "专款专用", "专款专用", "10", "10"]
    assert rows[2].cells[0] == "环境质量良好良好良好良好"
    assert rows[3].cells == ["服务质量合格合格", "10", "", "", ""]
    assert "2 行" in notes[0].message
    # (no column after the 完成值: the figure there is left unread, with a note)
    two: list[str | None] = ["name", "annual", "actual"]
    row = Row(["某某培训完成情况已完成已完成", "5", ""], 3, 0.0, 3)
    notes = value_twice([row], two)
    assert row.cells == ["某某培训完成情况", "已完成", "已完成"]
    assert notes[-1].code == "text.unlabelled_column"
    # (read with a column the header does not name, which other rows fill: the figure goes there)
    wide: list[str | None] = ["name", "annual", "actual", "unlabelled"]
    rows = [
        Row(["某某培训完成情况已完成已完成", "5", "", ""], 3, 0.0, 3),
        Row(["某某案件查办率", "100%", "100%", "4"], 3, 0.0, 3),
    ]
    value_twice(rows, wide)
    assert rows[0].cells == ["某某培训完成情况", "已完成", "已完成", "5"]


def test_an_actual_opening_with_its_targets_figure_then_a_pair_is_cut_so() -> None:
    # ≧735人次 | 7351010: 735 (the target's figure again) · 10 · 10, ≥95% | 9555: 95 · 5 · 5; a
    # run that does not open with the target's figure (≥90% | 9555) is left as it is
    roles: list[str | None] = ["name", "op", "annual", "actual", "weight", "score"]
    rows = [
        Row(["某某受资助人数", "", "≧735人次", "7351010", "", ""], 3, 0.0, 3),
        Row(["某某满意度", "", "≥95%", "9555", "", ""], 3, 0.0, 3),
        Row(["某某知晓率", "", "≥90%", "9555", "", ""], 3, 0.0, 3),
        Row(["某某合格率", "", "=100%", "1002019", "", ""], 3, 0.0, 3),
        Row(["某某覆盖率", "", "100%", "100", "10", "10"], 3, 0.0, 3),
    ]
    notes = figure_twice(rows, roles)
    assert rows[0].cells[3:] == ["735", "10", "10"]
    assert rows[1].cells[3:] == ["95", "5", "5"]
    assert rows[2].cells[3:] == ["9555", "", ""]
    assert rows[3].cells[3:] == ["100", "20", "19"]
    assert "3 行" in notes[0].message


def test_rows_put_right_by_a_value_written_twice_are_judged_as_put_right() -> None:
    # 费用结算及时性及时及时2020 and ≧735人次7351010, cut where the repeated value says, are read
    # (not doubted as read before: name · 20 · 20, or a 完成值 of 7351010)
    text = (
        "某某项目支出绩效自评表\n项目名称某某运营经费一级指标二级指标三级指标年度指标值实际完成值分值得分"
        "产出指标数量指标学生受资助人数≧735人次7351010质量指标场馆开放率100%100%2020"
        "时效指标费用结算及时性及时及时2020效益指标社会效益指标群众知晓率≥90%95%2020\n"
    )
    (doc,) = read_bytes(text.encode(), "glued.txt")
    got = {i.name: i for i in doc.units[0].projects[0].indicators}
    timely = got["费用结算及时性"]
    assert timely.annual.text == "及时" and timely.actual is not None
    assert timely.actual.text == "及时" and timely.weight == Decimal("20")
    counted = got["学生受资助人数"]
    assert counted.actual is not None and counted.actual.text == "735"
    assert counted.weight == Decimal("10") and counted.score == Decimal("10")


def test_a_qualitative_word_and_a_scale_of_verdicts_run_on_after_a_name_are_their_cells() -> None:
    # 某某整体状况定性高中低10: name | 定性 | 高中低 | (unit) | 10 (指标性质 | 指标值 | … | 权重)
    roles: list[str | None] = ["level2", "name", "op", "value", "measure", "weight"]
    rows = [
        Row(["社会效益指标", "某某整体状况定性高中低", "", "10", "", ""], 3, 0.0, 3),
        Row(["", "某某稳定性高", "", "", "", ""], 3, 0.0, 3),  # (one verdict: the name's 定性)
        Row(["", "某某定性高高", "", "", "", ""], 3, 0.0, 3),  # (a verdict twice: no scale)
        Row(["", "某某情况定性优良", "", "5%", "", ""], 3, 0.0, 3),  # (no bare figure)
    ]
    scale_behind(rows, roles)
    assert rows[0].cells == ["社会效益指标", "某某整体状况", "定性", "高中低", "", "10"]
    assert rows[1].cells[1:4] == ["某某稳定性高", "", ""]
    assert rows[2].cells[1:4] == ["某某定性高高", "", ""]
    assert rows[3].cells[1:4] == ["某某情况定性优良", "", "5%"]
