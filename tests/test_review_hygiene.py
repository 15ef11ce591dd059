"""Hygiene rules: stray characters, garbled measure words, repeated passages and sub-targets,
placeholders, empty names, code-only project names."""

from __future__ import annotations

from pathlib import Path

from jixiao.model import Level

from .review_builders import found, ind, proj, ruleset, seed_findings, where

# --- hygiene.stray_chars --------------------------------------------------------------------

STRAY = "hygiene.stray_chars"


def test_a_stray_letter_after_chinese_punctuation() -> None:
    p = proj(
        "示例项目", ind("涉法事务", "出具年度工作总结报告。v", "出具年度工作总结报告", cls="12")
    )
    [f] = found(p, STRAY)
    assert (f.severity, f.indicator, f.field, f.evidence) == (
        "info",
        1,
        "cycle",
        "…度工作总结报告。v",
    )
    assert f.message == "实施周期指标值有多余字符或标点：多余的字母“v”。请删改后再报送。"


def test_doubled_separators_spaces_and_unbalanced_brackets() -> None:
    p = proj(
        "示例项目",
        ind("甲", "1.完成验收；；2.按期支付", cls="12"),
        ind("乙", "安全事故0起 ；修复及时率≥95%", cls="12"),
        ind("丙（含外包", "≥3个"),
        ind("丁", "完成“读懂会系列活动≥5场"),
    )
    got = {(f.indicator, f.field): f.message for f in found(p, STRAY)}
    assert set(got) == {(1, "cycle"), (2, "cycle"), (3, "name"), (4, "cycle")}
    assert "重复的标点“；；”" in got[1, "cycle"]
    assert "标点“；”前有空格" in got[2, "cycle"]
    assert "括号或引号不成对（“（”没有对应的“）”）" in got[3, "name"]
    assert "括号或引号不成对（左引号没有对应的右引号）" in got[4, "cycle"]


def test_goal_and_project_name_are_read_too() -> None:
    p = proj("软件采购项目）", ind("采购数量", "≥5套"), goal="保障办公需求。。")
    got = {f.field: f.message for f in found(p, STRAY)}
    assert set(got) == {"project.name", "goal"}
    assert "“）”前没有对应的“（”" in got["project.name"]
    assert "重复的标点“。。”" in got["goal"]


def test_clean_text_letters_that_belong_and_units() -> None:
    p = proj(
        "“穗智管”平台升级改造项目(一期)",
        ind("培育机构", "培育建设“N”序列机构≥2个"),
        ind("吞吐量", "单位时间业务处理量达15MB/S", cls="12"),
        ind("重量", "计量单位：kg", cls="12"),
        ind("等级", "A、B两类企业全覆盖", cls="12"),
        ind("成果", "1. 完成报告；2. 通过验收", cls="12"),
    )
    assert found(p, STRAY) == []


# --- hygiene.measure_words ------------------------------------------------------------------

MEASURE = "hygiene.measure_words"


def test_two_measure_words_after_a_number() -> None:
    p = proj("示例项目", ind("工作站", "98个", "1.建立工作站≥50次个。 2.服务次数≥100次"))
    [f] = found(p, MEASURE)
    assert (f.severity, f.indicator, f.field, f.evidence) == ("warning", 1, "annual", "50次个")
    assert f.message == "年度指标值中的“50次个”计量单位重复或错乱：请只保留一个单位，如“50次”。"


def test_doubled_measure_word_in_a_goal() -> None:
    [f] = found(proj("示例项目", ind("场次", "≥5场"), goal="全年举办培训5场场。"), MEASURE)
    assert (f.field, f.evidence) == ("goal", "5场场")


def test_known_compounds_and_words_after_the_pair() -> None:
    p = proj(
        "示例项目",
        ind("人次", "≥50人次"),
        ind("台次", "维修10台次"),
        ind("项目", "支持3个项目"),
        ind("单位", "走访5家单位"),
        ind("月份", "3月份完成"),
        ind("年度", "完成2025年度任务"),
        ind("周期", "运维周期满足1年.4.人员到岗", cls="13"),
        ind("家次", "走访企业50家次"),
        ind("月", "服务期3个月", cls="13"),
    )
    assert found(p, MEASURE) == []


def test_known_compounds_from_a_bureau_file(tmp_path: Path) -> None:
    p = proj("示例项目", ind("工作站", "≥50次个"))
    assert found(p, MEASURE)
    rs = ruleset(tmp_path, f'[rules."{MEASURE}"]\nknown = ["次个"]\n')
    assert found(p, MEASURE, rs) == []


# --- hygiene.repeated_passage ---------------------------------------------------------------

REPEAT = "hygiene.repeated_passage"
LIST = "1.组织专家论坛≥5场。 2.梳理成果需求≥30项。 3.调研企业≥30家。"


def test_a_list_written_twice() -> None:
    p = proj("示例项目", ind("专家活动", LIST + LIST, LIST))
    [f] = found(p, REPEAT)
    assert (f.severity, f.indicator, f.field) == ("warning", 1, "cycle")
    assert f.evidence == LIST.replace(" ", "")
    assert f"（{len(f.evidence)}字）" in f.message and "请删去重复部分" in f.message


def test_a_goal_with_a_sentence_written_twice() -> None:
    sentence = "通过开展人才项目服务管理工作，提高人才项目管理水平和服务水平。"
    [f] = found(
        proj("示例项目", ind("场次", "≥5场"), goal=sentence + "做好补贴核对。" + sentence), REPEAT
    )
    assert (f.field, f.indicator) == ("goal", None)
    assert f.evidence == sentence


def test_short_repeats_are_fine() -> None:
    p = proj(
        "示例项目",
        ind("贷款", "合作银行为科技型中小企业授信≥300亿元；合作银行为科技型中小企业放贷≥200亿元"),
    )
    assert found(p, REPEAT) == []


def test_repeat_length_from_a_bureau_file(tmp_path: Path) -> None:
    rs = ruleset(tmp_path, f'[rules."{REPEAT}"]\nmin_length = 50\n')
    assert found(proj("示例项目", ind("专家活动", LIST + LIST)), REPEAT, rs) == []
    rs = ruleset(tmp_path, f'[rules."{REPEAT}"]\nmin_length = 10\n')
    p = proj(
        "示例项目",
        ind("贷款", "合作银行为科技型中小企业授信≥300亿元；合作银行为科技型中小企业放贷≥200亿元"),
    )
    assert [f.evidence for f in found(p, REPEAT, rs)] == ["合作银行为科技型中小企业"]


# --- hygiene.duplicate_part -----------------------------------------------------------------

DUP = "hygiene.duplicate_part"


def test_a_sub_target_listed_twice() -> None:
    text = "1.投诉率不超过3%；2.修复及时率达到95%；3.安全事故发生数0起 ；4.修复及时率达到95%"
    [f] = found(proj("示例项目", ind("运维质量", text, cls="12")), DUP)
    assert (f.severity, f.indicator, f.field, f.evidence) == (
        "warning",
        1,
        "cycle",
        "修复及时率达到95%",
    )
    assert f.message.startswith("实施周期及年度指标值中子目标“修复及时率达到95%”重复列出")


def test_qualitative_items_listed_twice() -> None:
    p = proj(
        "示例项目", ind("质量", "（1）按时完成验收；（2）资料归档；（3）按时完成验收", cls="12")
    )
    assert [f.evidence for f in found(p, DUP)] == ["按时完成验收"]


def test_a_whole_list_written_twice_is_a_repeated_passage_not_duplicate_parts() -> None:
    p = proj("示例项目", ind("专家活动", LIST + LIST))
    assert found(p, DUP) == [] and len(found(p, REPEAT)) == 1


def test_distinct_parts_and_short_items() -> None:
    p = proj(
        "示例项目",
        ind("质量", "1.修复及时率达到95%；2.修复及时率达到90%", cls="12"),
        ind("次数", "1.≥24次；2.≥24次"),  # below min_length
        ind("值", "1.5亿元"),
    )
    assert found(p, DUP) == []


def test_duplicate_length_from_a_bureau_file(tmp_path: Path) -> None:
    p = proj("示例项目", ind("次数", "1.外出调研≥24次；2.外出调研≥24次"))
    assert found(p, DUP)
    rs = ruleset(tmp_path, f'[rules."{DUP}"]\nmin_length = 6\n')
    assert found(p, DUP, rs) == []
    rs = ruleset(tmp_path, f'[rules."{DUP}"]\nmin_length = 0\n')
    assert found(proj("示例项目", ind("次数", "1.≥24次；2.≥24次")), DUP, rs)


# --- hygiene.placeholder --------------------------------------------------------------------

HOLDER = "hygiene.placeholder"


def test_placeholders_never_filled_in() -> None:
    p = proj(
        "示例项目",
        ind("甲", "XX", cls="12"),
        ind("乙", "≥95%", "待定", cls="12"),
        ind("**", "≥5场"),
        ind("丁", "覆盖率≥XX%", cls="12"),
        ind("戊", "—", cls="12"),
    )
    got = [(f.indicator, f.field, f.severity, f.evidence) for f in found(p, HOLDER)]
    assert got == [
        (1, "cycle", "error", "XX"),
        (2, "annual", "error", "待定"),
        (3, "name", "error", "**"),
        (4, "cycle", "error", "覆盖率≥XX%"),
        (5, "cycle", "error", "—"),
    ]
    assert found(p, HOLDER)[3].message.startswith("实施周期及年度指标值“覆盖率≥XX%”是占位符“XX”")


def test_none_may_mean_none_so_it_is_a_warning() -> None:
    [f] = found(proj("示例项目", ind("重大安全事故", "无", cls="12")), HOLDER)
    assert f.severity == "warning" and "如指“不发生”，请写明“0起”“0次”等" in f.message


def test_text_that_only_looks_like_a_placeholder() -> None:
    p = proj(
        "示例项目",
        ind("检测", "X射线检测≥10次"),
        ind("规格", "采购XXL号工作服≥20套"),
        ind("无故障", "无故障运行≥300天", cls="12"),
        ind("比例", "1/2以上项目通过验收", cls="12"),
    )
    assert found(p, HOLDER) == []


def test_placeholder_lists_from_a_bureau_file(tmp_path: Path) -> None:
    rs = ruleset(
        tmp_path,
        f'[rules."{HOLDER}"]\nplaceholders = ["待定"]\nweak = ["无"]\nweak_severity = "error"\n',
    )
    p = proj("示例项目", ind("甲", "无", cls="12"), ind("乙", "/", cls="12"))
    assert [(f.indicator, f.severity) for f in found(p, HOLDER, rs)] == [(1, "error")]


# --- hygiene.empty --------------------------------------------------------------------------


def test_empty_names_and_classes() -> None:
    nameless = ind(" ", "≥5场")
    classless = ind("培训场次", "≥5场")
    classless.level2 = Level("11", "")
    p = proj("示例项目", nameless, classless, ind("满意度", "≥90%", cls="31"))
    got = [(f.indicator, f.field, f.severity) for f in found(p, "hygiene.empty")]
    assert got == [(1, "name", "error"), (2, "level2", "error")]
    assert found(p, "hygiene.empty")[0].message.startswith("第1项指标的指标名称为空")


# --- hygiene.code_name ----------------------------------------------------------------------


def test_project_names_that_are_only_codes() -> None:
    for name in ("002604", "XM-2025-01", "2025 001"):
        [f] = found(proj(name, ind("软件采购数量", "54套")), "hygiene.code_name")
        assert (f.severity, f.project, f.field, f.indicator, f.evidence) == (
            "error",
            name,
            "project.name",
            None,
            name,
        )
        assert "只是编码，看不出项目内容" in f.message


def test_project_names_with_words() -> None:
    for name in ("2025年办公软件采购", "ERP系统运维（2025）", "Office", "002604-软件采购"):
        assert found(proj(name, ind("软件采购数量", "54套")), "hygiene.code_name") == []


# --- the reference table --------------------------------------------------------------------


def test_seed_hygiene_findings() -> None:
    got = seed_findings("hygiene")
    ops = "广州市科学技术局2024—2025年信息化运维项目"
    ops2 = "广州市科学技术局2025—2026年信息化运维项目"
    assert where(got) == {
        (STRAY, "科技管理辅助支撑经费", 3, "cycle", "info"),  # 报告。v
        (STRAY, "企业创新计划", 2, "annual", "info"),  # 科技项目 ，为
        (STRAY, ops, 2, "cycle", "info"),  # 0起 ；
        (STRAY, ops, 3, "cycle", "info"),
        (STRAY, ops2, 2, "cycle", "info"),
        (STRAY, ops2, 3, "cycle", "info"),
        (MEASURE, "企业创新计划", 4, "annual", "warning"),  # ≥50次个
        (REPEAT, "创新环境计划", 5, "cycle", "warning"),  # the list of six written twice
        (REPEAT, "引进智力与专家服务经费", None, "goal", "warning"),
        (DUP, ops, 2, "cycle", "warning"),  # 修复及时率达到95% twice
        (DUP, ops2, 2, "cycle", "warning"),
        ("hygiene.code_name", "002604", None, "project.name", "error"),
    }
    by_rule = {f.rule: f for f in got}
    assert by_rule[MEASURE].evidence == "50次个"
    assert (
        next(f for f in got if f.project == "科技管理辅助支撑经费").evidence == "…度工作总结报告。v"
    )
    assert by_rule[DUP].evidence == "修复及时率达到95%"
    listed = next(f for f in got if f.rule == REPEAT and f.field == "cycle")
    assert listed.evidence is not None and listed.evidence.startswith(
        "1.组织邀请专家来穗开展科学论坛"
    )
    assert len(listed.evidence) > 100
