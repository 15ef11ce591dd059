"""Measurability rules: vague, restated, value-less and unit-less targets, the share of
quantitative targets, unverifiable aspirations."""

from __future__ import annotations

from pathlib import Path

from .review_builders import found, ind, proj, ruleset, seed_findings, where

# --- measurability.vague --------------------------------------------------------------------


def test_a_target_that_is_only_vague_words_is_an_error() -> None:
    [f] = found(
        proj("示例项目", ind("产业发展质量", "进一步提高", cls="21")), "measurability.vague"
    )
    assert (f.severity, f.indicator, f.field, f.evidence) == ("error", 1, "cycle", "进一步提高")
    assert f.dimension == "完整性" and f.project == "示例项目" and f.unit == "示例单位"
    assert f.message.startswith("实施周期及年度指标值“进一步提高”无法衡量：")
    assert "“≥95%”" in f.message and "“验收合格”" in f.message


def test_vague_words_within_a_sentence_are_a_warning() -> None:
    [f] = found(
        proj("示例项目", ind("企业创新", "推动企业不断提升创新意识和创新能力", cls="22")),
        "measurability.vague",
    )
    assert (f.severity, f.field) == ("warning", "cycle")
    assert "用了“不断提升”等模糊表述" in f.message


def test_a_direction_alone_is_named_as_such() -> None:
    [f] = found(proj("示例项目", ind("办公效率", "提高办公效率", cls="22")), "measurability.vague")
    assert f.severity == "warning"
    assert "只写了“提高”的方向，没有要达到的程度" in f.message


def test_vague_cycle_and_annual_are_reported_per_field() -> None:
    p = proj(
        "示例项目",
        ind("交流合作", "有所促进", "≥5次", cls="22"),
        ind("宣传影响", "≥3篇", "效果明显", cls="22"),
        ind("服务成效", "成效明显", "效果较好", cls="22"),
    )
    got = sorted(
        (f.indicator, f.field, f.severity, f.evidence) for f in found(p, "measurability.vague")
    )
    assert got == [
        (1, "cycle", "error", "有所促进"),
        (2, "annual", "error", "效果明显"),
        (3, "annual", "error", "效果较好"),  # 较好 leaves two characters: still nothing else
        (3, "cycle", "error", "成效明显"),
    ]
    [annual] = [f for f in found(p, "measurability.vague") if f.indicator == 2]
    assert annual.message.startswith("年度指标值“效果明显”")


def test_measurable_and_verifiable_targets_are_not_vague() -> None:
    p = proj(
        "示例项目",
        ind("维修质量", "验收合格", cls="12"),
        ind("满意度", "≥95%", cls="31"),
        ind("覆盖率", "进一步提高至95%以上", cls="12"),  # a number: not vague
        ind("运行", "系统全年正常运行", cls="12"),
        ind("安全", "无较大及以上安全事故", cls="12"),  # 较大: an accident grade, not vague
    )
    assert found(p, "measurability.vague") == []


def test_vague_words_and_severity_from_a_bureau_file(tmp_path: Path) -> None:
    rs = ruleset(
        tmp_path,
        '[rules."measurability.vague"]\nwords = ["有所促进"]\nverbs = []\nbare_severity = ""\n'
        'severity = "info"\n',
    )
    p = proj("示例项目", ind("甲", "进一步提高", cls="22"), ind("乙", "有所促进", cls="22"))
    [f] = found(p, "measurability.vague", rs)
    assert (f.indicator, f.severity) == (2, "info")


# --- measurability.restates_name ------------------------------------------------------------


def test_a_target_equal_to_the_name() -> None:
    p = proj("示例项目", ind("提高办公效率", "提高办公效率", cls="22"))
    [f] = found(p, "measurability.restates_name")
    assert (f.severity, f.indicator, f.field, f.evidence) == ("warning", 1, "cycle", "提高办公效率")
    assert "只是重复了指标名称“提高办公效率”" in f.message and "“≥95%”" in f.message


def test_the_name_with_only_a_verb_added_or_punctuation_changed() -> None:
    p = proj(
        "示例项目",
        ind("职工业务能力水平", "提高职工业务能力水平", cls="22"),
        ind("提升评审效率，更好服务专家", "提升评审效率、更好服务专家。", cls="22"),
        ind(
            "为上级主管部门及时提供统计及高企关键指标数据次数",
            "为上级主管部门及时提供统计及高新技术企业关键指标数据次数",
        ),
    )
    got = [(f.indicator, f.field) for f in found(p, "measurability.restates_name")]
    assert got == [(1, "cycle"), (2, "cycle"), (3, "cycle")]


def test_a_large_piece_of_the_name_restates_it_a_small_one_does_not() -> None:
    p = proj(
        "示例项目",
        ind("按规定时限按时保质完成统计工作", "按时保质完成统计工作", cls="13"),
        ind("按规定时限按时保质完成统计工作", "按时完成", cls="13"),
    )
    assert [f.indicator for f in found(p, "measurability.restates_name")] == [1]


def test_targets_that_say_more_than_the_name() -> None:
    p = proj(
        "示例项目",
        ind("推动落实主体责任", "推动落实主体责任，全年开展专题检查并形成报告", cls="22"),
        ind("维修改造质量", "验收合格", cls="12"),
        ind("信息稿件数量", "信息稿件数量≥30篇"),  # quantitative
    )
    assert found(p, "measurability.restates_name") == []


def test_restatement_parameters(tmp_path: Path) -> None:
    rs = ruleset(
        tmp_path, '[rules."measurability.restates_name"]\nfillers = []\nsimilarity = 1.0\n'
    )
    p = proj(
        "示例项目",
        ind("职工业务能力水平", "提高职工业务能力水平", cls="22"),
        ind(
            "为上级主管部门及时提供统计及高企关键指标数据次数",
            "为上级主管部门及时提供统计及高新技术企业关键指标数据次数",
        ),
        ind("提高办公效率", "提高办公效率", cls="22"),
    )
    assert [f.indicator for f in found(p, "measurability.restates_name", rs)] == [3]


# --- measurability.no_value -----------------------------------------------------------------


def test_a_target_that_only_names_a_measure() -> None:
    p = proj(
        "示例项目",
        ind("设备维护", "专项设备维护保养验收合格率", "100%", cls="12"),
        ind("改革满意度", "职工对改革工作的整体满意度", cls="31"),
    )
    got = [(f.indicator, f.field, f.severity) for f in found(p, "measurability.no_value")]
    assert got == [(1, "cycle", "warning"), (2, "cycle", "warning")]
    first = found(p, "measurability.no_value")[0]
    assert first.message.startswith("实施周期指标值“专项设备维护保养验收合格率”只写了衡量什么")
    assert "“0起”" in first.message


def test_comparisons_and_restated_names_are_not_value_less() -> None:
    p = proj(
        "示例项目",
        ind("公务接待费成本控制", "不超出预算数", cls="41"),  # compared with a named reference
        ind("安全事故发生次数", "安全事故发生次数", "0"),  # measurability.restates_name's
        ind("服务质量", "服务规范、验收合格", cls="12"),
    )
    assert found(p, "measurability.no_value") == []


def test_no_value_suffixes(tmp_path: Path) -> None:
    rs = ruleset(tmp_path, '[rules."measurability.no_value"]\nsuffixes = ["满意度"]\n')
    p = proj(
        "示例项目",
        ind("设备维护", "专项设备维护保养验收合格率", cls="12"),
        ind("改革满意度", "职工对改革工作的整体满意度", cls="31"),
    )
    assert [f.indicator for f in found(p, "measurability.no_value", rs)] == [2]


# --- measurability.unitless -----------------------------------------------------------------


def test_a_number_without_a_unit() -> None:
    p = proj("示例项目", ind("信息稿件", "≥30"), ind("制作成品", "1", "2"))
    got = [(f.indicator, f.field, f.severity) for f in found(p, "measurability.unitless")]
    assert got == [(1, "cycle", "warning"), (2, "cycle", "warning"), (2, "annual", "warning")]
    first = found(p, "measurability.unitless")[0]
    assert first.message.startswith("实施周期及年度指标值中的“≥30”没有计量单位")
    assert first.evidence == "≥30"


def test_a_count_named_by_the_indicator_is_only_noted() -> None:
    [f] = found(proj("示例项目", ind("获奖企业数量", "≥39")), "measurability.unitless")
    assert f.severity == "info"


def test_a_magnitude_without_a_unit() -> None:
    [f] = found(
        proj("示例项目", ind("融资规模", "累计融资≥400亿", cls="21")), "measurability.unitless"
    )
    assert f.severity == "warning" and "只有数量级“亿”" in f.message


def test_composite_parts_without_units() -> None:
    [f] = found(
        proj("示例项目", ind("调研次数", "1.外出调研≥24次；2.考察学习16")), "measurability.unitless"
    )
    assert "“考察学习16”没有计量单位" in f.message and "≥24次" not in f.message


def test_units_in_the_name_zero_and_units_written() -> None:
    p = proj(
        "示例项目",
        ind("年产值（亿元）", "101", cls="21"),
        ind("安全事故发生次数", "0", cls="12"),
        ind("举办讲座场次", "≥20场"),
        ind("满意度", "≥90%", cls="31"),
        ind("单位成本", "≤7万/年/人", cls="41"),
    )
    assert found(p, "measurability.unitless") == []


def test_unitless_count_parameters(tmp_path: Path) -> None:
    rs = ruleset(tmp_path, '[rules."measurability.unitless"]\ncount_severity = ""\n')
    [f] = found(proj("示例项目", ind("获奖企业数量", "≥39")), "measurability.unitless", rs)
    assert f.severity == "warning"
    rs = ruleset(tmp_path, '[rules."measurability.unitless"]\ncount_suffixes = []\n')
    [f] = found(proj("示例项目", ind("获奖企业数量", "≥39")), "measurability.unitless", rs)
    assert f.severity == "warning"


# --- measurability.quantified_share ---------------------------------------------------------


def test_a_project_of_mostly_qualitative_targets() -> None:
    p = proj(
        "示例项目",
        ind("设备验收合格率", "100%", cls="12"),
        ind("维修质量", "验收合格", cls="12"),
        ind("办公条件", "达到正常办公条件", cls="12"),
        ind("成本控制", "控制在批复额度内", cls="41"),
    )
    [f] = found(p, "measurability.quantified_share")
    assert (f.severity, f.indicator, f.field, f.evidence) == (
        "warning",
        None,
        "indicators",
        "定性指标：第2、3、4项",
    )
    assert "定量指标只占 1/4（25%），低于50%" in f.message


def test_half_quantitative_is_enough_and_annual_values_count() -> None:
    half = proj(
        "示例项目",
        ind("完成率", "100%", cls="12"),
        ind("质量", "验收合格", cls="12"),
        ind("及时率", "按期完成", "≥95%", cls="13"),  # the annual value is quantitative
        ind("影响", "效果明显", cls="22"),
    )
    assert found(half, "measurability.quantified_share") == []
    alone = proj("示例项目", ind("质量", "验收合格", cls="12"))  # below min_indicators
    assert found(alone, "measurability.quantified_share") == []


def test_quantified_share_parameters(tmp_path: Path) -> None:
    rs = ruleset(
        tmp_path, '[rules."measurability.quantified_share"]\nmin_share = 0.8\nmin_indicators = 1\n'
    )
    p = proj(
        "示例项目",
        ind("完成率", "100%", cls="12"),
        ind("及时率", "≥95%", cls="13"),
        ind("场次", "≥5场"),
        ind("质量", "验收合格", cls="12"),
    )
    [f] = found(p, "measurability.quantified_share", rs)
    assert "3/4（75%），低于80%" in f.message
    assert found(proj("示例项目", ind("质量", "验收合格", cls="12")), f.rule, rs)


# --- measurability.unverifiable -------------------------------------------------------------


def test_aspirations_no_one_can_verify() -> None:
    p = proj(
        "示例项目",
        ind("源头创新", "打造具有全球影响力的防控突发公共卫生事件的原始创新策源地", cls="22"),
        ind("区域地位", "打造区域科技创新高地", cls="22"),
        ind("产品水平", "产品达到国际一流", cls="12"),
    )
    got = [
        (f.indicator, f.field, f.severity, f.rule) for f in found(p, "measurability.unverifiable")
    ]
    assert [g[:3] for g in got] == [
        (1, "cycle", "warning"),
        (2, "cycle", "warning"),
        (3, "cycle", "warning"),
    ]
    first, second, _ = found(p, "measurability.unverifiable")
    assert first.dimension == "可行性"
    assert (
        "“打造具有全球影响力的防控突发公共卫生事件的原始创新策源地”是无法核实的愿景"
        in first.message
    )
    assert "“打造区域科技创新高地”" in second.message


def test_verifiable_targets_and_numbers_are_not_aspirations() -> None:
    p = proj(
        "示例项目",
        ind("论文", "发表高水平论文≥10篇"),
        ind("领先产品", "达到国际领先水平的产品≥3项"),  # a number makes it checkable
        ind("平台", "建成创新平台并通过验收", cls="12"),
    )
    assert found(p, "measurability.unverifiable") == []


def test_aspiration_words(tmp_path: Path) -> None:
    rs = ruleset(tmp_path, '[rules."measurability.unverifiable"]\nwords = ["建成…示范区"]\n')
    p = proj(
        "示例项目",
        ind("区域地位", "打造区域科技创新高地", cls="22"),
        ind("示范", "建成全省数字化转型示范区", cls="22"),
    )
    [f] = found(p, "measurability.unverifiable", rs)
    assert f.indicator == 2 and "“建成全省数字化转型示范区”" in f.message


# --- the reference table --------------------------------------------------------------------

TCL = "企业创新计划-TCL华星光电T9项目（黄埔区）"
CSOT = "企业创新计划-超视堺第10.5代TFT-LCD显示器生产线项目补贴（增城区）"
LG = "企业创新计划-LG8.5代OLED项目补助（黄埔区）"


def test_seed_vague_targets() -> None:
    vague = [f for f in seed_findings("measurability") if f.rule == "measurability.vague"]
    errors = {(f.project, f.indicator, f.field, f.evidence) for f in vague if f.severity == "error"}
    assert errors == {
        (TCL, 4, "cycle", "进一步提高"),
        (TCL, 5, "cycle", "进一步完善"),
        (CSOT, 3, "cycle", "进一步完善"),
        (CSOT, 6, "cycle", "进一步提高"),
        (LG, 5, "cycle", "进一步提高"),
        (LG, 6, "cycle", "进一步完善"),
        ("工作经费", 4, "cycle", "效果明显"),
        ("工作经费", 5, "cycle", "成效明显"),
        ("科技交流与合作经费", 5, "cycle", "有所促进"),
        ("科技交流与合作经费", 6, "cycle", "有所促进"),
        ("科技研究与交流合作经费", 6, "annual", "效果良好"),
        ("科技资源配套服务经费", 6, "annual", "效果良好"),
    }
    warnings = {(f.project, f.indicator) for f in vague if f.severity == "warning"}
    assert ("产业与社会发展经费", 3) in warnings  # 推动企业不断提升创新意识和创新能力
    assert ("引进智力与专家服务经费", 6) in warnings  # 人才政策宣传产生较好影响
    assert ("科技交流学习工作经费", 4) in warnings  # 提高职工业务能力水平
    # only qualitative targets, and only those with a vague word or a bare direction
    assert all(f.evidence and not any(c.isdigit() for c in f.evidence) for f in vague)
    assert ("工作经费", 6) not in warnings  # 推动落实全面从严治党主体责任，监督保障科技创新工作


def test_seed_restated_value_less_and_unverifiable_targets() -> None:
    found_ = seed_findings("measurability")
    restated = {
        (f.project, f.indicator, f.field) for f in found_ if f.rule.endswith("restates_name")
    }
    assert restated == {
        ("购置经费", 5, "cycle"),  # 提高办公效率 = name
        ("车辆租用经费", 5, "cycle"),
        ("业务用房物业管理费", 5, "cycle"),  # twice: 评审中心's 5 and 战略院's 5 (安全事故发生次数)
        ("科技业务管理保障经费", 5, "cycle"),  # 提高 + name
        ("科技交流学习工作经费", 4, "cycle"),
        ("科技研究与交流合作经费", 1, "cycle"),  # 高企 written out: nearly the name
        ("科技研究与交流合作经费", 6, "cycle"),
        ("科技创新服务与能力提升工作经费", 5, "cycle"),
        ("科技创新服务与能力提升工作经费", 6, "cycle"),
        ("科技资源配套服务经费", 2, "cycle"),
        ("科技资源配套服务经费", 6, "cycle"),
    }
    assert sum(f.rule.endswith("restates_name") for f in found_) == 12  # 物业管理费 twice
    no_value = {(f.project, f.indicator, f.evidence) for f in found_ if f.rule.endswith("no_value")}
    assert no_value == {
        ("业务用房物业管理费", 1, "供（用）电、水保障程度"),
        ("业务用房物业管理费", 3, "专项设备维护保养验收合格率"),
        ("广州市科学技术发展战略研究院事业单位改革经费项目", 5, "战略院人员对改革项目整体满意度"),
    }
    unverifiable = [f for f in found_ if f.rule.endswith("unverifiable")]
    assert {(f.project, f.indicator) for f in unverifiable} == {("基础研究计划", 7)}
    assert "策源地" in unverifiable[0].message


def test_seed_units_and_quantified_share() -> None:
    found_ = seed_findings("measurability")
    unitless = {(f.project, f.indicator, f.severity) for f in found_ if f.rule.endswith("unitless")}
    assert unitless == {
        ("创新环境计划", 1, "warning"),  # 累计融资数≥400亿
        ("创新环境计划", 4, "info"),  # 补贴港澳台赛获奖企业数量 ≥39
        ("合作共建广东省灵山论坛科学中心", 3, "warning"),  # 产业化对接 ≥200
        ("合作共建广东省灵山论坛科学中心", 4, "warning"),  # 开展系列专题活动 ≥15
        ("科技创新体系与政策推送经费", 1, "warning"),  # 信息稿件 ≥30
        ("科技创新体系与政策推送经费", 2, "warning"),  # 制作成品 1
        ("区域发展与成果转化经费", 4, "info"),  # 组织参加展会数量≥1
    }
    # names with units in brackets (…（亿元）, …（个）) take their unit from there: no finding
    assert not any(
        f.project and "超视堺" in f.project for f in found_ if f.rule.endswith("unitless")
    )
    share = {(f.project, f.evidence) for f in found_ if f.rule.endswith("quantified_share")}
    assert share == {
        ("工作经费", "定性指标：第3、4、5、6项"),
        ("购置经费", "定性指标：第1、3、4项"),
        ("办公用房修缮费", "定性指标：第2、3、4项"),
    }


def test_seed_measurability_findings_are_all_accounted_for() -> None:
    got = where(seed_findings("measurability"))
    assert {rule for rule, *_ in got} == {
        "measurability.vague",
        "measurability.restates_name",
        "measurability.no_value",
        "measurability.unitless",
        "measurability.quantified_share",
        "measurability.unverifiable",
    }
    assert not any(sev == "error" and rule != "measurability.vague" for rule, *_, sev in got)
