"""The table vocabulary (``jixiao.ingest.table_vocabulary``): labels as real pages write them."""

from __future__ import annotations

import pytest

from jixiao.ingest.table_vocabulary import funds_column, is_boilerplate, role_of


@pytest.mark.parametrize(
    ("label", "role"),
    [
        # hb-huangshi-sanzhong-weixiu-selfeval-2023: marks that lost a bracket on the page
        ("年初目标值(A", "annual"),
        ("实际完成值(B", "actual"),
        ("年初目标值（A）", "annual"),
        # ah-shucheng-fgw-yigongdaizhen-target-2023: 一级指标 that lost its first character
        ("级指标", "level1"),
        ("本次下达中央预算内投资(万元)", "total"),
        # how a row is scored: a 评分标准 column, not a 偏差原因 one
        ("得分计算方法", "standard"),
        ("计分方法", "standard"),
        ("未完成原因", "deviation"),
        # the department that holds the budget, as forms of special bonds name it
        ("主管预算部门", "department"),
        ("年度数值", "annual"),
        ("指标数值", "value"),
        ("预期值", "value"),
        ("计划值", "value"),
        ("满分", "weight"),
        ("一级分类", "level1"),
        ("二级指标分类", "level2"),
        ("考核指标", "name"),
        ("指标项", "name"),
        # gd-dongguan-zhanlanguan-wuye-target-2022: the year's value column beside 实施周期指标值
        ("当年度指标值", "annual"),
    ],
)
def test_column_labels(label: str, role: str) -> None:
    assert role_of(label) == role


def test_funds_labels_that_lost_a_bracket() -> None:
    assert [funds_column(x) for x in ("预算数(A)", "执行数B)", "执行率B/A)")] == [
        "full_year",
        "executed",
        "rate",
    ]
    assert role_of("指标(A") is None  # what is left must still be a label


@pytest.mark.parametrize(
    "line",
    [
        "附件下载",
        "在线咨询",
        "关键词:",
        "本页为转录页面,如需核对原文,请到发布机关网站查看原件。",
        # a site's footer under the table
        "网站说明 | 联系我们",
        "本站主办:某县人民政府办公室",
        "地址:某县某路1号  电话:0000-0000000  邮编:000000",
        "某ICP备00000000号  某公网安备 00000000000000号",
    ],
)
def test_page_furniture_is_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


def test_words_of_a_table_are_not_boilerplate() -> None:
    words = ("附件1", "咨询服务满意度", "关键指标完成率", "项目承办", "地址变更办理时限")
    assert not any(is_boilerplate(x) for x in words)


def test_a_document_previews_end_mark_is_page_furniture() -> None:
    # sc-ganzi-scjgj-shian-target-2023: the preview ends with (预览结束) after the last row's 权重
    from jixiao.ingest.table_vocabulary import is_boilerplate

    assert is_boilerplate("(预览结束)") and is_boilerplate("全文预览已结束")
    assert not is_boilerplate("预览功能使用率")


def test_labels_an_ocr_misread_are_read_back_when_they_then_match() -> None:
    # nx-yinchuan-liuzhong-gongyong-selfeval-2021-ocr: an OCR of a scanned form (项Fl资金(万兀),
    # 实施第位, 年初预匏数, 调整预算将,A、, 考值参分 for 参考分值)
    from jixiao.ingest.table_vocabulary import block_role, ocr_read

    assert role_of("考值参分") == "weight"
    assert role_of("实施第位") == "unit"
    assert block_role("项Fl资金(万兀)") == block_role("项目资金") == "field"
    assert [funds_column(x) for x in ("年初预匏数", "调整预算将,A、")] == ["initial", "full_year"]
    assert ocr_read("项Fl资金(万兀)") == "项目资金(万元)"
    assert block_role("财政审1度评分") == block_role("财政审定评分") == "field"
    # a misread piece put back in what is still no label gives no role
    assert role_of("第位成本") is None and role_of("兀旦") is None
    # a form's maker's homophone (sn-baoji-chencang-lyj-linchang-target-2024): 年底 for 年度
    assert role_of("年底金额(万元)") == role_of("年度金额") == "total"
    assert role_of("年底完成值") is None


def test_a_fiscal_row_or_column_labelled_with_its_count_word_is_the_fiscal_share() -> None:
    from jixiao.ingest.table_vocabulary import funds_row, role_of

    assert funds_row("其中: 财政拨款数") == funds_row("财政拨款") == "fiscal"
    assert role_of("财政拨款数") == "fiscal"
    assert funds_row("财政拨款数额") is None


def test_the_closing_question_row_of_a_form_ends_its_indicators() -> None:
    from jixiao.ingest.table_vocabulary import footer_role

    for label in ("其他需说明的问题", "其他需要说明的事项", "需要说明的其他情况"):
        assert footer_role(label) == "end"
    assert footer_role("其他需说明") is None  # (no closing word: a name may hold it)


def test_a_label_whose_spaces_a_mirror_turned_into_question_marks() -> None:
    # a page saved in an encoding without the full-width space: 年??? 度??? 目??? 标
    assert role_of("年？？？？ 度？？？？ 目？？ 标") == "goal"
    assert role_of("三?????级??指???标") == "name"
    # …only between the label's characters, and only when no other ? is left
    assert role_of("?年度目标") is None
    assert role_of("年度目标?") is None
    assert role_of("年?度目标值??") is None
    assert role_of("满意度??达标") is None


@pytest.mark.parametrize(
    ("label", "role"),
    [
        # templates without 三级指标 (held-out 河北 and 重庆 tables): class, description, basis
        ("绩效指标分类", "level1"),
        ("绩效指标描述", "explanation"),
        ("评价标准确定依据", "standard"),
        ("当年预算", "total"),
        ("年初指标值", "annual"),
        ("年终完成值", "actual"),
        ("自评分", "score"),
        ("复核分", "remark"),
        # a label whose first characters the mirror's encoding lost (。绩 → ??)
        ("???效指标分类", "level1"),
    ],
)
def test_labels_of_unseen_templates(label: str, role: str) -> None:
    assert role_of(label) == role


def test_a_lost_start_is_read_only_when_one_label_ends_so() -> None:
    assert role_of("??指标") is None  # (too short an end: the end of many labels)
    assert role_of("?指标分类") is None  # (fewer ? than the characters it would need)


def test_the_names_column_of_a_header_without_a_names_label() -> None:
    from jixiao.ingest.table_vocabulary import header_roles, is_tree_header, named_column

    after_class = ["绩效指标分类", "绩效指标", "绩效指标描述", "评价标准"]
    assert named_column(after_class) == 1
    spanning = ["绩效指标", "指标", "指标权重", "计量单位", "指标性质", "指标值"]
    assert named_column(spanning) == 1
    assert header_roles(spanning) == {1: "name", 2: "weight", 3: "measure", 4: "op", 5: "value"}
    assert not is_tree_header(spanning)  # (a label column, then the names: no outline)
    assert named_column(["绩效指标", "指标值", "分值"]) is None  # an outline's one column
    assert named_column(["一级", "项目名称"]) is None  # 项目名称 names the project
    assert named_column(["一级指标", "二级指标", "三级指标", "指标值"]) is None


def test_a_forms_number_over_it_is_page_furniture() -> None:
    assert is_boilerplate("表十二") and is_boilerplate("表3")
    assert not is_boilerplate("表格填报及时率")


def test_a_sites_footer_is_page_furniture_and_a_notices_heading_a_title() -> None:
    from jixiao.ingest.table_document import department_of_title
    from jixiao.ingest.table_title import kind_of

    assert is_boilerplate("二维码") and is_boilerplate("扫码打开手机版,随时浏览!")
    assert is_boilerplate("联系我们 网站地图 帮助中心 回到顶部")
    assert not is_boilerplate("扫码支付使用率")
    heading = "某某县民政局2022年度中央对地方转移支付项目绩效自评情况公示"
    assert kind_of(heading) == "selfeval"
    assert department_of_title(heading) == "某某县民政局"
    assert kind_of("关于某某的公示") is None


def test_a_project_supervisors_label_is_the_departments() -> None:
    assert role_of("项目主管单位") == "department" and role_of("主管单位") == "department"
    assert role_of("区级主管单位") == "department" and role_of("县级主管单位") == "department"


def test_a_note_that_the_text_stops_short_is_page_furniture_and_a_cut_note() -> None:
    from jixiao.ingest.table_vocabulary import is_boilerplate, is_cut_note

    for note in ("(以下内容略。)", "(节选)", "(页面摘录至此)", "预览页面只展示部分内容。"):
        assert is_boilerplate(note) and is_cut_note(note), note
    assert is_boilerplate("阅读数:3") and not is_cut_note("阅读数:3")
    from jixiao.ingest.table_vocabulary import is_page_turn

    assert is_page_turn("(下转第22页)") and is_boilerplate("（接下页）")
    assert not is_cut_note("(下转第22页)") and not is_page_turn("(节选)")
    # a value or a name in brackets is neither
    assert not any(is_cut_note(x) for x in ("(合格)", "省略号使用率", "(≥95%)"))


def test_the_place_an_investment_is_sent_to_is_a_field_of_the_form() -> None:
    # 下达地方或单位 (the NDRC investment plan's form): a field's label, not a project's name
    # going on over the next line, nor a department (the page names none)
    from jixiao.ingest.table_vocabulary import block_role

    assert block_role("下达地方或单位") == block_role("下达地方") == "field"


def test_the_central_budget_investment_forms_recipient_is_a_field_of_its_own() -> None:
    # 专项名称 X 下达地方或单位 Y 本次下达中央预算内投资(万元) 853 (the NDRC template): the
    # recipient is a field label, so a page read a cell per space does not run it into the name
    from jixiao.ingest.table_vocabulary import block_role

    assert block_role("下达地方或单位") == "field"


def test_a_departments_duties_are_a_field_of_its_own() -> None:
    # 部门(单位)名称 X *部门(单位)职责 Y on one line: the duties label ends the name's value
    from jixiao.ingest.table_vocabulary import block_role

    assert block_role("*部门(单位)职责") == block_role("单位职责") == "field"
    assert block_role("职责") is None


def test_a_funds_tables_caption_is_a_field_of_its_own() -> None:
    # 单位名称 某某中心 预算资金(万元) 年初预算数 … on one line: the caption ends the name's value
    from jixiao.ingest.table_vocabulary import block_role

    assert block_role("预算资金(万元)") == block_role("年度预算申请（万元）") == "field"


def test_labels_of_the_year_the_form_is_for_and_of_a_code_a_budget_states() -> None:
    # 当年度目标 / 当年度金额: the year's goal and amount, as 本年度 / 年度 are; the department's
    # label that says its cell holds the budget's code (主管部门(单位)名称及部门预算编码)
    from jixiao.ingest.table_vocabulary import block_role, vocabulary

    assert block_role("当年度目标") == "goal" and block_role("当年度金额") == "total"
    assert block_role("总金额") is None  # (the whole 实施期's, or the year's: not said)
    label = "主管部门(单位)名称及部门预算编码"
    assert block_role(label) == "department"
    assert vocabulary().code_in_label.search(label)
    assert block_role("主管部门(单位)名称及") is None


def test_a_fund_sources_label_run_into_the_years_total_label_is_the_sources() -> None:
    # 中央补助年度金额(万元): the source's amount, which the label says is the year's whole
    from jixiao.ingest.table_vocabulary import block_role, sourced_total

    assert sourced_total("中央补助年度金额(万元)") == "fiscal"
    assert block_role("中央补助年度金额") == "fiscal"
    assert sourced_total("其他资金年度金额") == "other"
    # a source's amount with no word of the year, or a label that is no source: not so
    assert sourced_total("财政拨款金额") is None and sourced_total("项目年度金额") is None
    assert block_role("年度金额") == "total"


def test_the_funds_labels_of_a_form_stating_its_budget_and_the_amount_put_in() -> None:
    # hn-hengyang-nanyue-mzj-zhonglieci-selfeval-2020-trad: 资金情况(万元) | 年初预算资金总额: |
    # 实际投入资金额 | 产生差异的原因 over 合计 | 236 | 236 (the year's budget and what was spent)
    labels = ("年初预算资金总额:", "年初预算资金额", "实际投入资金额", "实际投入", "产生差异的原因")
    assert [funds_column(x) for x in labels] == [
        "initial",
        "initial",
        "executed",
        "executed",
        "note",
    ]
    assert role_of("产生差异的原因及改进措施") == "deviation"  # the indicators' last column
    # no other label: a field's total, a plan's budget or an amount put in alone stays its own
    assert [role_of(x) for x in ("年初预算资金总额", "实际投入资金额")] == [None, None]
    assert funds_column("年初预算资金到位数") is None


def test_one_match_for_all_entries_gives_the_first_entry_that_matches_in_full() -> None:
    import re

    from jixiao.ingest.table_vocabulary import _match

    entries = (
        (re.compile("某某指标值?"), "value"),
        (re.compile("某某.*"), "remark"),  # (also matches 某某指标: the first entry wins)
        (re.compile("其他"), "other"),
    )
    assert _match("某某指标", entries) == "value"
    assert _match("某某说明", entries) == "remark"
    assert _match("其他", entries) == "other"
    assert _match("无关", entries) is None


def test_entries_with_groups_of_their_own_are_matched_one_by_one() -> None:
    import re

    from jixiao.ingest.table_vocabulary import _either, _match

    # a region's word with a back reference: renumbered in one alternation it would change
    entries = ((re.compile("其他"), "other"), (re.compile(r"(某)\1指标"), "value"))
    assert _either(entries) is None
    assert _match("某某指标", entries) == "value"
    assert _match("某甲指标", entries) is None


def test_a_label_without_a_misread_piece_is_its_own_reading() -> None:
    from jixiao.ingest.table_vocabulary import ocr_read

    assert ocr_read("某某单位名称") == "某某单位名称"


def test_any_of_the_page_notes_is_one_match_and_the_same_answer() -> None:
    import re

    from jixiao.ingest.table_vocabulary import _any_of

    notes = (re.compile("某某说明"), re.compile(r"\(以下.{0,4}略\)"))
    assert _any_of(notes)("(以下内容略)") and not _any_of(notes)("某某说明书")
    # a pattern with a back reference of its own is matched alone
    twice = (re.compile(r"(某)\1"), re.compile("其他"))
    assert _any_of(twice)("某某") and not _any_of(twice)("某甲")


def test_a_period_goal_label_with_its_years_in_brackets_is_a_label() -> None:
    # gd-dongguan-zhanlanguan-wuye-target-2022: 实施周期总目标(某年--某年) beside 年度目标 heads
    # the period's goal text, not the year's goal
    from jixiao.ingest.table_vocabulary import block_role

    assert block_role("实施周期总目标(2023年--2025年)") == "period_goal"
    assert block_role("实施期总目标") == block_role("实施周期目标") == "period_goal"
    assert block_role("总目标") is None


def test_a_label_reads_by_its_side_of_the_names_column_in_an_indicator_header() -> None:
    from jixiao.ingest.table_vocabulary import block_role, header_roles

    # 指标类型 | 指标名称 | 绩效目标 | 绩效标准: the class before the names, their target after
    header = ["指标类型", "指标名称", "绩效目标", "绩效标准"]
    assert header_roles(header) == {0: "level1", 1: "name", 2: "value", 3: "standard"}
    # before the names, or beside a 指标值 of its own, 绩效目标 stays the project's goal
    listed = ["项目名称", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"]
    assert header_roles(listed) == {
        0: "project",
        1: "goal",
        2: "level1",
        3: "level2",
        4: "name",
        5: "value",
    }
    valued = ["一级指标", "三级指标", "指标值", "绩效目标"]
    assert (header_roles(valued) or {})[3] == "goal"
    # 指标类型 with a class column of its own, or after the names: the comparator's kind
    classed = ["一级指标", "指标类型", "指标名称", "指标值"]
    assert (header_roles(classed) or {})[1] == "op"
    assert (header_roles(["三级指标", "指标类型", "指标值"]) or {})[1] == "op"
    # alone, the labels keep their own roles (a form's block: 绩效目标 | 某某)
    assert role_of("绩效目标") == "goal" and block_role("绩效目标") == "goal"
    assert role_of("指标类型") == "op"


def test_a_budget_units_label_of_a_government_level_and_a_forms_other_fields() -> None:
    # 区级预算单位名称 (like 一级预算单位名称) names the department; 预算功能科目 and
    # 单位负责人 are a form's fields, not part of the project's name before them
    from jixiao.ingest.table_vocabulary import block_role

    assert [role_of(x) for x in ("区级预算单位名称", "县级预算单位名称")] == ["department"] * 2
    assert [block_role(x) for x in ("预算功能科目", "单位负责人")] == ["field", "field"]


def test_labels_of_held_out_forms_a_person_reads_as_such() -> None:
    # held-out batch 11: a form's contact field, its 申报金额 as the total, its goal's
    # 总体描述 label, and the 最近年度绩效评价情况 row closing its grid (no indicator)
    from jixiao.ingest.table_vocabulary import block_role, footer_role

    assert block_role("项目联系人") == "field"
    assert role_of("项目申报金额(万元)") == "total"
    assert block_role("绩效目标 总体描述") == "goal"
    assert footer_role("最近年度绩效评价情况") == "end"
