"""Whether an aligned row of web-page text can be an indicator row as read
(:func:`jixiao.ingest.readers.webtext_rows.implausible`)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext_rows import implausible

_ROLES: list[str | None] = ["level1", "level2", "name", "value", "standard"]


def test_a_target_that_is_a_scoring_rule_is_no_target() -> None:
    # 未达指标值酌情扣分 (a 评(扣)分标准 cell) cut at its label: 酌情扣分 read as the target
    why = implausible(["效益指标", "经济效益指标", "未达指标值", "酌情扣分", ""], _ROLES)
    assert why is not None and "评分办法" in why
    # the same words in the 评分标准 column, a figure as the target: a row as read
    row = ["产出指标", "数量指标", "培训人次", "≥200人次", "未达指标值酌情扣分"]
    assert implausible(row, _ROLES) is None
    assert implausible(["产出指标", "质量指标", "验收合格率", "合格", ""], _ROLES) is None


def test_a_name_ending_in_its_own_kind_word_is_refused() -> None:
    # 某某效率定性 | 定性: the 指标性质 cell written twice, or a name that ends so
    roles: list[str | None] = ["name", "op", "direction", "value"]
    assert implausible(["提升某某效率定性", "定性", "", "有效提升"], roles)
    assert implausible(["提升某某效率", "定性", "", "有效提升"], roles) is None
    # (a name ending in such a word whose row states another kind stays a name)
    assert implausible(["某某情况描述", "正向", "大于等于", "90%"], roles) is None


def test_a_name_with_a_unit_pair_glued_on_is_refused() -> None:
    # 某某设备成本件/件 | 2万元: a 计量单位 cell or the target's start run on; where the name ends
    # the text does not say
    roles: list[str | None] = ["name", "annual", "actual"]
    assert implausible(["某某设备成本件/件", "2万元", "2万元"], roles)
    assert implausible(["某某设备成本", "2万元", "2万元"], roles) is None


def test_a_name_over_a_previews_page_number_is_read_only_when_its_list_goes_on() -> None:
    # 音响、 | 2、 | 灯光、道具: an enumeration going on over the page; 取得2018 | 2、 | 监测资料:
    # the number may be the text's own
    from jixiao.ingest.readers.webtext_rows import paged_names
    from jixiao.ingest.text_align import Row
    from jixiao.ingest.text_tokens import Token

    roles: list[str | None] = ["level2", "name", "annual"]

    def row(before: str) -> Row:
        r = Row(["质量指标", before + "某某设备质量", "合格"], 1, 0.0, 3)
        r.parts = {1: [Token(before, 1, "cut"), Token("某某设备质量", 2, "line", paged=True)]}
        return r

    assert paged_names([row("音响、")], roles) == {}
    assert list(paged_names([row("取得2018")], roles)) == [0]


def test_a_name_holding_a_qualitative_target_between_long_words_is_refused() -> None:
    # 某某人员的关爱明显增加广大群众防治意识: two rows run together at their first target
    roles: list[str | None] = ["level2", "name", "value"]
    why = implausible(
        ["社会效益指标", "政府对某某人员的关爱明显增加广大群众防治意识", "明显增强"], roles
    )
    assert why is not None and "定性" in why
    # the phrase with a few words about it is a name's own words (工作计划按时完成时间)
    assert implausible(["时效指标", "工作计划按时完成时间", "=44"], roles) is None


def test_another_frameworks_class_in_a_note_column_is_the_next_rows_start() -> None:
    # 指标类型 | 指标名称 | 绩效目标 | 绩效标准, the standard's cells empty and lost: the next
    # row's class (某某成效指标 of another framework) read into the 绩效标准 column
    roles: list[str | None] = ["level1", "name", "value", "standard"]
    row = ["产出指标", "编印某某资料汇编", "编印某某资料汇编500本", "成效指标"]
    why = implausible(row, roles)
    assert why is not None and "标签" in why
    assert implausible([*row[:3], "按某某计划标准"], roles) is None


def test_a_last_row_whose_empty_cells_follow_its_last_figure_is_whole() -> None:
    # 9.00 | ||| : the "|" after the figure closed it, so it is no 1 of a cut 100%
    text = (
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |\n"
        "产出指标 | 数量指标 | 检查次数 | ≥20次 | 25次 | 50 | 50 | |\n"
        "效益指标 | 社会效益 | 群众满意度 | ≥90% | 95% | 9.00 | 9.00 | |||\n"
    )
    doc = read_bytes(text.encode(), "t.txt")[0]
    assert [(i.name, i.score) for _, _, i in doc.indicators()] == [
        ("检查次数", Decimal("50")),
        ("群众满意度", Decimal("9.00")),
    ]


def test_a_name_ending_in_a_clause_with_a_percentage_is_a_statement_not_a_name() -> None:
    # a monitoring form's 执行情况 (按进度执行,已使用约40%) aligned into the names column
    cells = ["产出指标", "成本", "按进度执行,已使用约40%", "确定能", ""]
    assert implausible(cells, _ROLES) is not None
    assert implausible(["产出指标", "成本", "资金使用率", "≥40%", ""], _ROLES) is None


def test_a_target_repeating_the_names_end_is_read_where_each_is_one_run_between_spaces() -> None:
    # ah-huoqiu-kjj: 科技特派员创业能力提升 创业能力提升 达成预期指标 20 20 — the form repeats the
    # name's end as its target; glued, the name may have taken the target's first piece
    roles: list[str | None] = ["level2", "name", "value", "actual", "weight", "score"]
    cells = ["质量指标", "科技特派员创业能力提升", "创业能力提升", "达成预期指标", "20", "20"]
    assert implausible(cells, roles, whole=True) is None
    assert implausible(cells, roles) is not None
    cells[1:3] = ["2022年底之前", "2022年底之前"]
    assert implausible(cells, roles, whole=True) is None
    joined = ["质量指标", "科技特派员 创业能力提升", "创业能力提升", "达成预期指标", "20", "20"]
    assert implausible(joined, roles, whole=True) is not None  # (a name of two pieces)


def test_a_scoring_rule_or_a_note_as_a_name_and_a_score_over_its_points_are_refused() -> None:
    # ah-suzhou-xiaoxian-penggai, its text with its columns misread: the 评分标准 or the
    # 指标解释说明 (评价要点:…) in the names' column, a 得分 run into the next row's 序号 (6 | 63)
    roles: list[str | None] = ["level2", "name", "weight", "score"]
    rule = "1.按时间要求及时报送年度目标任务的得1分,超出时间报送的扣1分。"
    assert implausible(["数量指标", rule, "2", "2"], roles) is not None
    assert implausible(["数量指标", "评价要点:结合本地实际确定目标任务。", "2", "2"], roles)
    assert implausible(["数量指标", "具体项目落实", "6", "63"], roles) is not None
    assert implausible(["数量指标", "具体项目落实", "6", "6"], roles) is None


def test_cells_of_a_class_and_of_the_funds_table_are_no_indicator_cells() -> None:
    # a class's points filled with its class empty (一级指标 | 分值 | 二级指标 | 分值 …): shifted
    roles: list[str | None] = ["level1", "weight", "level2", "weight", "name", "weight", "score"]
    assert implausible(["", "3", "", "3", "决策程序", "5", ""], roles) is not None
    assert implausible(["", "", "", "", "决策程序", "5", "5"], roles) is None
    # a class with its points as the target (顼目产出(30分), an OCR's 项目产出), a share of the
    # funds as the name (其中:中央补助), a scoring rule cut at its points (…管理,得 | 2分)
    roles = ["level1", "level2", "name", "value", "weight", "score"]
    assert implausible(["", "", "管理制度有效性", "顼目产出(30分)", "6", "6"], roles) is not None
    assert implausible(["", "", "其中:中央补助", "50", "", ""], roles) is not None
    assert implausible(["", "", "项目金额", "≤50万元", "5", "5"], roles) is None
    assert implausible(["", "", "资金纳入乡镇账户管理,得", "2分", "2", "2"], roles) is not None
