"""Text run together split into cells (:mod:`jixiao.ingest.text_glue`), on made-up pieces."""

from __future__ import annotations

from jixiao.ingest.table_vocabulary import block_role
from jixiao.ingest.text_glue import PAGE_MARK, is_prose, lexicon, split_glued, split_run_on


def test_a_piece_is_cut_at_its_labels_and_where_a_value_starts() -> None:
    parts = split_glued("三级指标某某项目覆盖率100%")
    assert [p for p, _ in parts] == ["三级指标", "某某项目覆盖率", "100%"]
    assert [g for _, g in parts] == ["cut", "cut", "cut"]
    # (no label: the first part keeps the gap the piece had, the value after it is cut off)
    assert split_glued("某某覆盖率100%") == [("某某覆盖率", "glue"), ("100%", "cut")]


def test_a_sentence_keeps_the_labels_inside_it_as_words() -> None:
    goal = "完成某某项目建设，提升某某服务满意度，保障某某资金按时拨付。"
    assert split_glued(goal) == [(goal, "glue")]
    assert is_prose(goal) and not is_prose("某某项目覆盖率")
    # a sentence opening a list (…设定了绩效目标和指标,各项指标列示如下:) is one too: its 项目单位
    # is a word, not the unit's label before a value
    intro = "项目单位结合年度工作安排设定了绩效目标和指标,各项指标列示如下:"
    assert is_prose(intro) and split_glued(intro) == [(intro, "glue")]
    # …but a cover's label run into its value is cut there, its gloss (盖章) kept with it
    assert [p for p, _ in split_glued("某某项目项目单位某某市文化局")] == [
        "某某项目",
        "项目单位",
        "某某市文化局",
    ]
    assert split_glued("项目单位(盖章):某某中学")[0][0] == "项目单位(盖章)"


def test_a_line_without_labels_is_cut_where_a_value_ends_in_words() -> None:
    assert [p for p, _ in split_run_on("某某补助标准120元/人计划标准")] == [
        "某某补助标准",
        "120元/人",
        "计划标准",
    ]


def test_the_lexicon_holds_class_names_and_long_labels_but_not_short_words() -> None:
    assert lexicon().fullmatch("数量指标") is not None
    assert lexicon().fullmatch("三级指标") is not None
    assert lexicon().fullmatch("某某") is None


def test_a_previews_page_number_opens_a_line() -> None:
    assert PAGE_MARK.sub("", "2、一级指标") == "一级指标"
    assert PAGE_MARK.match("2022年") is None


def test_a_class_with_a_trailing_etc_is_one_label() -> None:
    # a class label written with 等 after it (社会效益指标等), a cell of its own: the framework
    # reads it as the class, so 等 does not start the next cell (the name after it)
    assert split_glued("社会效益指标等") == [("社会效益指标等", "glue")]
    assert split_glued("社会效益指标等级") == [("社会效益指标", "cut"), ("等级", "cut")]


def test_a_mark_before_a_label_is_the_labels_not_the_values_end() -> None:
    # 某某中心*部门职责: the * marks a field to fill; inside brackets it is a formula's
    assert [p for p, _ in split_glued("实施单位某某中心*部门职责负责某某工作")] == [
        "实施单位",
        "某某中心",
        "部门职责",
        "负责某某工作",
    ]
    assert "20分*" in "".join(p for p, _ in split_glued("得分(20分*执行率)"))


def test_a_department_lines_label_with_its_colon_stays_whole() -> None:
    assert split_glued("预算单位:") == [("预算单位:", "glue")]


def test_an_area_label_splits_text_only_before_a_list_of_areas() -> None:
    # 项目名称…区域甲乙区、丙丁县…资金情况: the field listing the areas a transfer goes to ends the
    # project's name; 区域 inside a name (区域医疗) or before a column's words splits nothing
    got = split_glued("项目名称某某补助经费区域甲乙区、丙丁县、戊己市资金情况")
    assert [p for p, _ in got] == [
        "项目名称", "某某补助经费", "区域", "甲乙区、丙丁县、戊己市", "资金情况"
    ]  # fmt: skip
    assert "区域" not in [p for p, _ in split_glued("项目名称某某区域医疗中心建设资金情况")]
    assert "区域" not in [p for p, _ in split_glued("指标解释区域目标值甲乙区丙丁县")]


def test_a_label_that_opens_a_longer_word_splits_nothing() -> None:
    # 项目资金 (a funds field's label) before 使用: the name 项目资金使用合规性
    got = [p for p, _ in split_glued("质量指标项目资金使用合规性100%")]
    assert "项目资金使用合规性" in got and "项目资金" not in got
    assert "项目资金" in [p for p, _ in split_glued("项目名称某某工程项目资金100")]


def test_a_value_written_again_right_after_itself_is_cut_off() -> None:
    # >=95%>=95%: a column per area, all alike; another value after one (100%>=98%) may be the
    # end of a name (…达标率100%) and is not cut so
    got = [p for p, _ in split_glued("质量指标某某合规情况>=95%>=95%>=95%")]
    assert got == ["质量指标", "某某合规情况", ">=95%", ">=95%", ">=95%"]
    assert [p for p, _ in split_glued("某某达标率100%>=98%")] == ["某某达标率100%>=98%"]


def test_a_weight_and_score_run_together_after_a_value_written_twice() -> None:
    # 50件50件2020某某: the target and its actual, then 分值 20 and 得分 20 (2 | 020 and 202 | 0
    # are no such pair), then the next name; not after a value written once (200200余人1010:
    # where the target ends, nothing vouches), nor before a date (2020年)
    from jixiao.ingest.text_glue import _weight_score

    got = [p for p, _ in split_glued("数量指标某某采购数量50件50件2020某某验收合格率")]
    assert got == ["数量指标", "某某采购数量", "50件", "50件", "20", "20", "某某验收合格率"]
    assert _weight_score("10098指标2:") == (3, 5)  # 100 | 98
    assert _weight_score("2020年完成") is None and _weight_score("1020某某某") is None  # (20 > 10)
    assert "20" not in [p for p, _ in split_glued("数量指标某某人数200200余人1010指标2:某某")]


def test_a_completion_word_after_a_whole_sentence_is_a_cell_of_its_own() -> None:
    # (a page of cells run together: the goal, its result, then the indicator header)
    head = "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
    got = [p for p, _ in split_glued("项目名称某某经费更新某某演出设备。已完成" + head)]
    assert got[:4] == ["项目名称", "某某经费更新某某演出设备。", "已完成", "绩效指标"]
    assert "已完成" not in [p for p, _ in split_glued("某某工程已完成绩效指标")]  # (no sentence)


def test_a_qualitative_target_written_twice_then_the_weight_and_score() -> None:
    # 某某设备质量等合格合格2020指标2:: name | 合格 | 合格 | 20 | 20 | the template's 指标2:
    got = [p for p, _ in split_glued("质量指标某某设备质量等合格合格2020指标2:时效指标")]
    assert got == ["质量指标", "某某设备质量等", "合格", "合格", "20", "20", "指标2:", "时效指标"]


def test_a_class_mark_is_the_classs_and_a_class_after_a_sentence_is_cut_off() -> None:
    # 数量指标(必填硬性指标)某某面积: the mark is the class's, not the name's start
    got = [p for p, _ in split_glued("产出指标数量指标(必填硬性指标)某某面积(亩)800质量指标")]
    assert got == ["产出指标", "数量指标(必填硬性指标)", "某某面积(亩)", "800", "质量指标"]
    # (after a space, the mark opens the piece: a part of its own)
    assert next(p for p, _ in split_glued("(必填)某某成活率85")) == "(必填)"
    assert [p for p, _ in split_glued("(10)某某人数")] == ["(10)某某人数"]  # (no mark)
    # a sentence, then the next row's class (…提高某某收入。社会效益)
    got = [p for p, _ in split_glued("增加某某机会,提高某某收入。社会效益")]
    assert got == ["增加某某机会,提高某某收入。", "社会效益"]
    assert len(split_glued("增加某某机会,提高某某收入,社会效益")) == 1  # (no sentence's end)


def test_a_budget_departments_label_ends_the_name_before_it() -> None:
    # 项目支出名称某某服务预算部门某某处: the name, the label 预算部门, the department
    got = [p for p, _ in split_glued("项目名称某某抑尘服务预算部门某某管理处")]
    assert got == ["项目名称", "某某抑尘服务", "预算部门", "某某管理处"]
    got = [p for p, _ in split_glued("项目名称某某补贴主管预算部门某某教育局")]
    assert got == ["项目名称", "某某补贴", "主管预算部门", "某某教育局"]
    got = [p for p, _ in split_glued("填报单位(盖章):某某局部门名称某某局")]
    assert got[-2:] == ["部门名称", "某某局"]


def test_a_budget_scale_field_ends_the_name_before_it() -> None:
    # 项目名称某某维修预算规模及资金用途预算数20.00: a form field (its role: field)
    got = [p for p, _ in split_glued("项目名称某某维修预算规模及资金用途预算数20.00")]
    assert got[:3] == ["项目名称", "某某维修", "预算规模及资金用途"]
    assert block_role("预算规模及资金用途") == "field"


def test_funds_and_project_name_labels_split_a_name_run_into_them() -> None:
    # 资金名称 (a region form's project label), 是否为专项资金 (a form field); 部门预算 is a
    # field's label too but splits nothing: titles open with it (部门预算项目支出绩效自评表)
    got = [p for p, _ in split_glued("资金名称某某奖励资金中央主管部门某某部")]
    assert got == ["资金名称", "某某奖励资金", "中央主管部门", "某某部"]
    assert "部门预算" not in [p for p, _ in split_glued("部门预算项目支出绩效自评表(2023年度)")]
    got = [p for p, _ in split_glued("项目名称:某某津贴是否为专项资金:实施(主管)单位某某局")]
    assert got[1:4] == ["某某津贴", "是否为专项资金", "实施(主管)单位"]
    assert block_role("部门预算") == block_role("是否为专项资金") == "field"


def test_a_forms_head_with_its_goals_sentences_is_split_at_its_labels() -> None:
    # 某某绩效目标表(打捆项目)(2020年度)项目名称…绩效目标1.根据…,…。: a title, then a form's
    # labels and a goal's sentences run together: not one sentence
    head = "某某项目绩效目标表(打捆项目)(2020年度)项目名称某某补贴主管预算部门某某局项目预算金额"
    got = [p for p, _ in split_glued(head + "(万元)193.8绩效目标1.根据某某通知,给予某某补贴。")]
    assert got[:4] == ["某某项目绩效目标表", "(打捆项目)(2020年度)", "项目名称", "某某补贴"]
    assert (
        len(split_glued("根据某某绩效目标表的要求,完成某某项目名称的填报。")) == 1
    )  # (a sentence)


def test_a_special_funds_basis_is_a_form_field() -> None:
    # 年度资金总额(万元)380专项立项依据某某会议纪要: the amount ends at the field's label
    got = [p for p, _ in split_glued("资金总额(万元)380专项立项依据某某会议纪要")]
    assert "专项立项依据" in got and block_role("专项立项依据") == "field"


def test_a_department_label_its_colon_and_a_name_stay_one_piece() -> None:
    # 部门名称：某某镇 (a department's line, the money unit after a space): as before
    assert split_glued("部门名称：某某镇") == [("部门名称：某某镇", "glue")]
    got = [p for p, _ in split_glued("部门名称：某某局项目名称某某经费")]  # (another label)
    assert "项目名称" in got


def test_a_fund_source_before_the_years_total_label_opens_that_label() -> None:
    # 主管部门某某局中央补助年度金额(万元)158.18: 中央补助 is the label's (中央补助年度金额),
    # not the end of the department's name
    parts = [p for p, _ in split_glued("主管部门某某县林业局中央补助年度金额(万元)158.18")]
    assert parts[:3] == ["主管部门", "某某县林业局", "中央补助年度金额"]
    # a name ending in words that are no source: the label as it is
    parts = [p for p, _ in split_glued("主管部门某某县林业局年度金额(万元)158.18")]
    assert parts[:3] == ["主管部门", "某某县林业局", "年度金额"]


def test_names_numbered_in_sequence_start_cells_where_no_value_ended() -> None:
    # 指标1:…次数1010指标2:…: the next number in sequence starts the next name; a number out of
    # sequence (指标1 … 指标3) proves nothing and stays in the text
    parts = [p for p, _ in split_glued("质量指标指标1:工程验收次数指标2:资金到位率100%")]
    assert parts == ["质量指标", "指标1:工程验收次数", "指标2:资金到位率", "100%"]
    parts = [p for p, _ in split_glued("质量指标指标4.处置率指标5:报告数100%")]
    assert parts == ["质量指标", "指标4.处置率", "指标5:报告数", "100%"]
    kept = [p for p, _ in split_glued("质量指标指标1:工程验收次数指标3:资金到位率100%")]
    assert kept == ["质量指标", "指标1:工程验收次数指标3:资金到位率", "100%"]


def test_a_compared_figure_written_twice_is_the_target_and_its_equal_actual() -> None:
    parts = [p for p, _ in split_glued("质量指标指标5:某某报告数≥150150指标6:某某到位率100%")]
    assert parts == ["质量指标", "指标5:某某报告数", "≥150", "150", "指标6:某某到位率", "100%"]
    # (one digit twice, ≥11, is no proof: ≥1 | 1 or ≥11)
    assert [p for p, _ in split_glued("质量指标某某报告数≥11")] == ["质量指标", "某某报告数", "≥11"]


def test_a_label_after_a_sentences_determiner_is_a_word_of_the_sentence() -> None:
    # 该指标值数据合理: the 指标值说明's text, not the 指标值 label run into it
    parts = [p for p, _ in split_glued("指标值说明产出指标某某人数(人)=116人该指标值数据合理")]
    assert "指标值" not in parts and parts[-1] == "该指标值数据合理"


def test_words_each_value_is_followed_by_alike_are_a_column_written_the_same() -> None:
    # =116人 | 该说明数据合理某某人数… ×3, the last 该说明数据合理 alone: a cell in every row
    text = "数量指标甲人数(人)=116人该说明数据合理乙人数(人)=81人该说明数据合理丙面积(亩)=6亩"
    text += "该说明数据合理"
    parts = [p for p, _ in split_glued(text)]
    assert parts[1:] == [
        "甲人数(人)", "=116人", "该说明数据合理", "乙人数(人)", "=81人", "该说明数据合理",
        "丙面积(亩)", "=6亩", "该说明数据合理",
    ]  # fmt: skip
    # (none alone: where the shared words end, nothing shows)
    text = "数量指标甲人数=116人该说明数据合理乙人数=81人该说明数据合理乙面积=6亩该说明数据合理丙"
    assert "该说明数据合理" not in [p for p, _ in split_glued(text)]
    # (names opening alike, one of them whole, each with its value after it: not a column's)
    text = "满意度指标群众满意度提升率95%群众满意度90%群众满意度调查率80%群众满意度知晓率"
    assert "调查率" not in [p for p, _ in split_glued(text)]


def test_a_contact_label_marked_as_required_ends_a_department_name() -> None:
    parts = [p for p, _ in split_glued("部门名称:某某县林业局*联系人:张某")]
    assert "某某县林业局" in parts


def test_a_kind_of_standard_after_a_value_is_its_cell_before_the_next_name() -> None:
    # 100%历史标准对象合规率…: the 绩效标准 cell 历史标准, then the next row's name
    parts = [p for p, _ in split_glued("绩效标准质量指标某某覆盖率100%历史标准某某合规率100%")]
    assert parts == ["绩效标准", "质量指标", "某某覆盖率", "100%", "历史标准", "某某合规率", "100%"]


def test_a_value_led_by_an_equals_sign_of_a_documents_font_starts_after_words() -> None:
    parts = [p for p, _ in split_glued("成本指标某某达标率═100%100%1010")]
    assert parts == ["成本指标", "某某达标率", "═100%", "100%", "10", "10"]


def test_a_money_units_field_run_into_a_header_is_a_cell_of_its_own() -> None:
    # 单位:元项目指标值绩效金额: the unit is a closed word, the header's labels after it
    assert next(p for p, _ in split_glued("单位:元项目指标值绩效金额")) == "单位:元"
    parts = [p for p, _ in split_glued("单位：万元项目名称某某项目")]
    assert parts[:2] == ["单位：万元", "项目名称"]


def test_a_label_that_lost_its_first_character_splits_before_the_next_one() -> None:
    # 级指标二级指标: the 一 of 一级指标 lost; the sequence proves it a label
    parts = [p for p, _ in split_glued("总体目标某某级指标二级指标三级指标指标值")]
    assert parts == ["总体目标", "某某", "级指标", "二级指标", "三级指标", "指标值"]
    # (alone, 级指标 stays in the words around it)
    assert "级指标" not in [p for p, _ in split_glued("某某分级指标完成率100%")]


def test_a_class_of_another_framework_over_a_level_2_is_one_label() -> None:
    # 指标值实施效果指标产出指标: 实施 and 效果指标 are one class (another framework's)
    parts = [p for p, _ in split_glued("三级指标指标值实施效果指标产出指标某某比例≥30%")]
    assert parts[:4] == ["三级指标", "指标值", "实施效果指标", "产出指标"]
    # (a name before a class with a value after it: no class of the name's words)
    parts = [p for p, _ in split_glued("三级指标指标值某某率效益指标100%")]
    assert "某某率效益指标" not in parts
    # (no label right before: 高高 is a value written twice, then the next row's classes)
    parts = [p for p, _ in split_glued("高高满意度指标服务对象满意度指标某某数0起0起")]
    assert "高高满意度指标" not in parts


def test_a_weight_and_score_cut_one_way_only_with_two_decimals_at_most() -> None:
    from jixiao.ingest.text_glue import score_then_name, weight_score

    assert weight_score("1010") == ("10", "10") and weight_score("10098") == ("100", "98")
    assert weight_score("109.5") == ("10", "9.5")  # (the 得分 with its decimal)
    assert weight_score("109.555") is None  # (three decimals: no 得分)
    assert weight_score("1011") is None  # (11 > 1, 101 | 1 over 100: no cut)
    # a bare score opening a cell, the next row's label run on after it
    assert score_then_name("10某某某某:20") == "10" and score_then_name("某某某某") == ""


def test_a_forms_head_after_a_page_and_attachment_number_is_split_at_its_labels() -> None:
    # 1、附件1:某某绩效目标申报表 then the fields and a sentence run on: with 预算功能科目 and
    # 单位负责人 among its labels, many labels make it a form's head, not one sentence; 预算功能
    # 科目 ends the project's name
    line = (
        "1、附件1:2018年度某某专项资金绩效目标申报表项目名称某某专项资金预算功能科目某某支出"
        "项目属性新增单位负责人张三项目负责人李四联系电话12345678一、立项依据某某某某,某某某某。"
    )
    got = [p for p, _ in split_glued(line)]
    assert got[got.index("项目名称") + 1] == "某某专项资金"
    assert "预算功能科目" in got and "单位负责人" in got
