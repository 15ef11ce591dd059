"""Review rules of the "completeness" group: 产出, 效益, 满意度 and 成本 present, enough
indicators for the money, every indicator named and valued, a goal written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.errors import ConfigError
from jixiao.framework import load_framework
from jixiao.model import Document, Funds
from jixiao.review import Finding, review
from jixiao.review.base import ProjectScope
from jixiao.review.rules.completeness import total_wan
from jixiao.review.ruleset import Ruleset

from .test_review_framework import (
    COST,
    FULL,
    OUTCOME,
    OUTPUT,
    QUALITY,
    SATISFIED,
    TIMELY,
    doc,
    findings,
    one,
    proj,
    ruleset,
    seed,
)


def of(document: Document, rule: str, rs: Ruleset | None = None) -> list[Finding]:
    """The findings of one rule."""
    return [f for f in findings(document, "completeness", rs) if f.rule == rule]


def test_a_complete_project_has_no_completeness_findings() -> None:
    assert findings(doc(proj(*FULL)), "completeness") == []


# --------------------------------------------------------------------------------------------
# completeness.output / completeness.outcome


def test_a_project_without_output_indicators() -> None:
    found = one(
        of(doc(proj(OUTCOME, SATISFIED, COST)), "completeness.output"), "completeness.output"
    )
    assert (found.severity, found.dimension, found.indicator, found.field) == (
        "error",
        "完整性",
        None,
        "level1",
    )
    assert found.message.startswith("项目未设产出指标。")
    assert "财预〔2021〕101号" in found.message and "如“举办培训班≥10期”" in found.message
    assert found.evidence == "已设：效益指标、满意度指标、成本指标"
    assert found.project == "社区科普活动" and found.unit == "示例单位"


def test_a_project_without_outcome_indicators() -> None:
    found = one(
        of(doc(proj(OUTPUT, QUALITY, SATISFIED, COST)), "completeness.outcome"),
        "completeness.outcome",
    )
    assert (found.severity, found.indicator, found.field) == ("error", None, "level1")
    assert found.message.startswith("项目未设效益指标。")
    assert (
        "不能用工作完成情况或满意度代替" in found.message and "财预〔2021〕101号" in found.message
    )
    assert found.evidence == "已设：产出指标、满意度指标、成本指标"


def test_a_project_without_indicators_lacks_both() -> None:
    found = findings(doc(proj()), "completeness")
    assert [(f.rule, f.severity, f.field) for f in found] == [
        ("completeness.output", "error", "indicators"),
        ("completeness.outcome", "error", "indicators"),
    ]  # satisfaction, cost and count_for_money do not pile on
    assert found[0].message.startswith("项目未填写任何绩效指标。")


@pytest.mark.parametrize(
    "specs",
    [
        # synonyms of older templates resolve through the framework
        (("项目完成指标", "数量", "举办讲座场次"), ("效果指标", "社会效益指标", "受益人次")),
        (("预期产出指标", "数量值", "举办讲座场次"), ("项目效益指标", "环境效益", "减排量")),
        # a blank level 1 is framework.class's finding; the level 2 still tells the class
        (("", "11-数量指标", "举办讲座场次"), ("", "22-社会效益", "受益人次")),
    ],
)
def test_output_and_outcome_resolve_synonyms(specs: tuple[tuple[str, ...], ...]) -> None:
    document = doc(proj(*specs))
    assert of(document, "completeness.output") == of(document, "completeness.outcome") == []


def test_misclassed_level2_counts_for_the_level1_written_and_the_one_it_belongs_to() -> None:
    # 社会效益 written under 产出指标: framework.class reports it; nothing is "missing"
    document = doc(proj(OUTPUT, ("1-产出指标", "22-社会效益", "受益人次", "≥2000人次")))
    assert of(document, "completeness.outcome") == []
    assert one(findings(document, "framework"), "framework.class").indicator == 2


# --------------------------------------------------------------------------------------------
# completeness.satisfaction

INTERNAL = "购置办公设备和办公家具，满足机关日常办公需要。"
BENEFIT = ("2-效益指标", "21-经济效益", "带动社会投资额", "≥1亿元")  # no one served


@pytest.mark.parametrize(
    ("name", "goal", "specs", "where", "cue"),
    [
        ("社区科普活动", "面向群众开展科普讲座，提高公众科学素质。", (), "绩效目标", "群众"),
        ("政务服务窗口运行", INTERNAL, (), "项目名称", "窗口"),
        (
            "业务经费",
            INTERNAL,
            (("1-产出指标", "11-数量指标", "培训学员人数"),),
            "第 3 项指标",
            "培训",
        ),
        ("系统运维", "保障系统稳定运行，为用户提供数据服务。", (), "绩效目标", "用户"),
        ("专项资金", "开展惠企政策宣讲，帮助企业享受政策。", (), "绩效目标", "惠企"),
    ],
)
def test_a_project_serving_people_without_satisfaction(
    name: str, goal: str, specs: tuple[tuple[str, ...], ...], where: str, cue: str
) -> None:
    document = doc(proj(OUTPUT, BENEFIT, *specs, COST, name=name, goal=goal))
    found = one(of(document, "completeness.satisfaction"), "completeness.satisfaction")
    assert (found.severity, found.dimension, found.indicator, found.field) == (
        "warning",
        "完整性",
        None,
        "level1",
    )
    assert f"（{where}提到“{cue}”）" in found.message
    assert "服务对象满意度≥90%" in found.message and "财预〔2021〕101号" in found.message
    assert found.evidence is not None and cue in found.evidence


@pytest.mark.parametrize(
    ("goal", "specs"),
    [
        (INTERNAL, ()),  # no service recipients
        ("面向群众开展科普讲座，提高公众科学素质。", (SATISFIED,)),
        ("面向群众开展科普讲座。", (("3-满意度指标", "服务对象满意度", "群众满意度", "≥90%"),)),
        # a 满意度 misfiled under 效益 is framework.fit's finding, not a missing 满意度
        ("面向群众开展科普讲座。", (("2-效益指标", "22-社会效益", "群众满意度", "≥90%"),)),
        ("加强与留学生组织的沟通合作。", ()),  # 留学生 is no 学生 served
        ("配合市民政局做好社会组织登记。", ()),  # 市民政局 is no 市民
        ("开展服务产业发展研究，提升管理服务能力。", ()),  # bare 服务 is no recipient
    ],
)
def test_satisfaction_not_required(goal: str, specs: tuple[tuple[str, ...], ...]) -> None:
    document = doc(proj(OUTPUT, BENEFIT, *specs, COST, name="业务经费", goal=goal))
    assert of(document, "completeness.satisfaction") == []


def test_satisfaction_modes_and_cues(tmp_path: Path) -> None:
    internal = doc(proj(OUTPUT, BENEFIT, COST, name="购置经费", goal=INTERNAL))
    serving = doc(proj(OUTPUT, BENEFIT, COST, goal="面向群众开展科普讲座，提高公众科学素质。"))
    always = ruleset(tmp_path, '[rules."completeness.satisfaction"]\nmode = "always"\n')
    found = one(of(internal, "completeness.satisfaction", always), "completeness.satisfaction")
    assert "本规则集要求每个项目都设" in found.message and found.evidence is None
    never = ruleset(tmp_path, '[rules."completeness.satisfaction"]\nmode = "never"\n')
    assert of(serving, "completeness.satisfaction", never) == []
    cues = ruleset(tmp_path, '[rules."completeness.satisfaction"]\ncues = ["办公"]\n')
    assert len(of(internal, "completeness.satisfaction", cues)) == 1
    assert of(serving, "completeness.satisfaction", cues) == []
    ignore = ruleset(
        tmp_path,
        '[rules."completeness.satisfaction"]\ncues = ["办公"]\n'
        'ignore = ["办公家具", "办公设备", "办公需要"]\n',
    )
    assert of(internal, "completeness.satisfaction", ignore) == []


def test_satisfaction_mode_must_be_known(tmp_path: Path) -> None:
    rs = ruleset(tmp_path, '[rules."completeness.satisfaction"]\nmode = "sometimes"\n')
    with pytest.raises(ConfigError, match="mode"):
        review(doc(proj(OUTPUT)), rs)


# --------------------------------------------------------------------------------------------
# completeness.cost


def test_a_project_without_cost_indicators() -> None:
    found = one(of(doc(proj(OUTPUT, OUTCOME, SATISFIED)), "completeness.cost"), "completeness.cost")
    assert (found.severity, found.dimension, found.indicator, found.field) == (
        "warning",
        "完整性",
        None,
        "level1",
    )
    assert "财预〔2021〕101号" in found.message and "“以及相应的成本控制要求”" in found.message
    assert "如“单位培训成本≤500元/人天”" in found.message
    assert found.evidence == "已设：产出指标、效益指标、满意度指标"


@pytest.mark.parametrize(
    "cost",
    [
        COST,
        ("成本指标", "经济成本", "人均培训成本", "≤500元"),
        ("1-产出指标", "成本指标", "项目成本控制", "≤预算批复数"),  # the legacy class
    ],
)
def test_cost_present(cost: tuple[str, ...]) -> None:
    assert of(doc(proj(OUTPUT, OUTCOME, SATISFIED, cost)), "completeness.cost") == []


@pytest.mark.parametrize(
    ("toml", "money_unit", "total", "flagged"),
    [
        ("required = false\n", "万元", "5000", False),
        ("min_total = 100\n", "万元", "99.99", False),
        ("min_total = 100\n", "万元", "100", True),
        ("min_total = 100.5\n", "万元", "100.4", False),
        ("min_total = 100\n", "元", "999999.99", False),  # 99.9999999999 万元
        ("min_total = 100\n", "元", "1000000", True),  # 100 万元 exactly
        ("min_total = 100\n", "亿元", "0.01", True),
        ("min_total = 100\n", "千元", "999", False),
        ("min_total = 100\n", "万元", None, False),  # no total: not judged against a floor
        ("min_total = 0\n", "万元", None, True),
    ],
)
def test_cost_parameters(
    tmp_path: Path, toml: str, money_unit: str, total: str | None, flagged: bool
) -> None:
    rs = ruleset(tmp_path, '[rules."completeness.cost"]\n' + toml)
    document = doc(proj(OUTPUT, OUTCOME, SATISFIED, total=total), money_unit=money_unit)
    assert len(of(document, "completeness.cost", rs)) == int(flagged)


# --------------------------------------------------------------------------------------------
# completeness.count_for_money


@pytest.mark.parametrize(
    ("money_unit", "total", "count", "need", "amount"),
    [
        ("万元", "50", 2, 3, "50 万元"),
        ("万元", "100", 3, 4, "100 万元"),
        ("万元", "1000", 5, 6, "1,000 万元"),
        ("万元", "12537.00", 6, 8, "12,537.00 万元"),
        ("元", "10000000.00", 5, 6, "10,000,000.00 元（1,000 万元）"),
        ("亿元", "1.2", 7, 8, "1.2 亿元（12,000 万元）"),
        ("千元", "1500", 3, 4, "1,500 千元（150 万元）"),
    ],
)
def test_too_few_indicators_for_the_money(
    money_unit: str, total: str, count: int, need: int, amount: str
) -> None:
    specs = [OUTPUT, OUTCOME, SATISFIED, COST, QUALITY, TIMELY, OUTPUT, OUTPUT][:count]
    document = doc(proj(*specs, total=total), money_unit=money_unit)
    found = one(of(document, "completeness.count_for_money"), "completeness.count_for_money")
    assert (found.severity, found.dimension, found.indicator, found.field) == (
        "warning",
        "适当性",
        None,
        "indicators",
    )
    assert f"项目资金 {amount}，只设了 {count} 个绩效指标；" in found.message
    assert f"至少应设 {need} 个" in found.message and "财预〔2015〕88号" in found.message
    assert found.evidence == f"{amount}；{count} 个指标"


@pytest.mark.parametrize(
    ("money_unit", "total", "count"),
    [
        ("万元", "99.99", 3),
        ("元", "9999999.99", 4),  # 999.9999999 万元: still the 100 band, exactly
        ("万元", "1000", 6),
        ("万元", "100000", 8),
        ("万元", None, 1),  # no total: not judged
        ("美元", "1000", 1),  # not a unit of 元: not judged
    ],
)
def test_enough_indicators_for_the_money(money_unit: str, total: str | None, count: int) -> None:
    specs = [OUTPUT, OUTCOME, SATISFIED, COST, QUALITY, TIMELY, OUTPUT, OUTPUT][:count]
    document = doc(proj(*specs, total=total), money_unit=money_unit)
    assert of(document, "completeness.count_for_money") == []


def test_count_for_money_bands_are_a_parameter(tmp_path: Path) -> None:
    rs = ruleset(tmp_path, '[rules."completeness.count_for_money"]\nbands = [[500, 10], [0, 1]]\n')
    small = doc(proj(OUTPUT, total="499"))
    big = doc(proj(*FULL, total="500"))
    assert of(small, "completeness.count_for_money", rs) == []
    found = one(of(big, "completeness.count_for_money", rs), "completeness.count_for_money")
    assert "500 万元及以上的项目至少应设 10 个" in found.message


@pytest.mark.parametrize("bands", ['[[0, "3"]]', "[[0]]", "[3, 4]", '[["x", 3]]'])
def test_bad_bands_are_config_errors(tmp_path: Path, bands: str) -> None:
    rs = ruleset(tmp_path, f'[rules."completeness.count_for_money"]\nbands = {bands}\n')
    with pytest.raises(ConfigError, match="bands"):
        review(doc(proj(OUTPUT)), rs)


# --------------------------------------------------------------------------------------------
# completeness.targets


@pytest.mark.parametrize(
    ("spec", "field", "says"),
    [
        (
            ("1-产出指标", "11-数量指标", "举办讲座场次", "≥20场", ""),
            "annual",
            "未填写年度指标值。",
        ),
        (
            ("1-产出指标", "11-数量指标", "举办讲座场次", "", "≥20场"),
            "cycle",
            "未填写实施周期指标值。",
        ),
        (
            ("1-产出指标", "11-数量指标", "举办讲座场次", "≥20场", "  "),
            "annual",
            "未填写年度指标值。",
        ),
    ],
)
def test_missing_targets(spec: tuple[str, ...], field: str, says: str) -> None:
    document = doc(proj(spec, OUTCOME, SATISFIED, COST))
    found = one(of(document, "completeness.targets"), "completeness.targets")
    assert (found.severity, found.dimension, found.indicator, found.field) == (
        "error",
        "完整性",
        1,
        field,
    )
    assert found.message.startswith("第 1 项指标“举办讲座场次”" + says)
    assert "同时填写实施周期指标值和年度指标值" in found.message
    assert "财预〔2021〕101号" in found.message and found.evidence is None


def test_one_finding_per_missing_field() -> None:
    document = doc(proj(OUTPUT, ("1-产出指标", "12-质量指标", "验收合格率", "", ""), OUTCOME))
    found = of(document, "completeness.targets")
    assert [(f.indicator, f.field) for f in found] == [(2, "cycle"), (2, "annual")]


@pytest.mark.parametrize("text", ["无", "0", "0起", "合格", "/", "待定"])
def test_short_targets_and_placeholders_are_not_missing(text: str) -> None:
    # a placeholder (/, 待定) is hygiene.placeholder's finding, not a second one here
    document = doc(proj(("1-产出指标", "12-质量指标", "安全事故发生数", text), OUTCOME))
    assert of(document, "completeness.targets") == []


def test_a_missing_name_is_hygiene_empty_unless_fields_say_otherwise(tmp_path: Path) -> None:
    document = doc(proj(("1-产出指标", "11-数量指标", " ", "≥20场"), OUTCOME))
    assert of(document, "completeness.targets") == []
    assert [f.field for f in review(document) if f.rule == "hygiene.empty"] == ["name"]
    rs = ruleset(tmp_path, '[rules."completeness.targets"]\nfields = ["name", "annual"]\n')
    found = one(of(document, "completeness.targets", rs), "completeness.targets")
    assert (found.indicator, found.field) == (1, "name")
    assert found.message.startswith("第 1 项指标未填写三级指标名称。")


def test_targets_fields_are_a_parameter(tmp_path: Path) -> None:
    document = doc(proj(("1-产出指标", "11-数量指标", "举办讲座场次", "", "≥20场"), OUTCOME))
    rs = ruleset(tmp_path, '[rules."completeness.targets"]\nfields = ["annual"]\n')
    assert of(document, "completeness.targets", rs) == []
    bad = ruleset(tmp_path, '[rules."completeness.targets"]\nfields = ["unit"]\n')
    with pytest.raises(ConfigError, match="fields"):
        review(document, bad)


# --------------------------------------------------------------------------------------------
# completeness.goal


@pytest.mark.parametrize(
    ("goal", "says", "evidence"),
    [
        ("", "项目未填写绩效目标。", None),
        ("   ", "项目未填写绩效目标。", None),
        ("做好科普工作。", "项目绩效目标过于简略（7 字）。", "做好科普工作。"),
    ],
)
def test_missing_or_too_short_goal(goal: str, says: str, evidence: str | None) -> None:
    found = one(of(doc(proj(*FULL, goal=goal)), "completeness.goal"), "completeness.goal")
    assert (found.severity, found.dimension, found.indicator, found.field) == (
        "error",
        "完整性",
        None,
        "goal",
    )
    assert found.message.startswith(says) and "财预〔2021〕101号" in found.message
    assert "产出和效果以及相应的成本控制要求" in found.message
    assert found.evidence == evidence


def test_goal_length_is_a_parameter(tmp_path: Path) -> None:
    document = doc(proj(*FULL, goal="面向社区居民开展科普讲座。"))  # 13 characters
    assert of(document, "completeness.goal") == []
    rs = ruleset(tmp_path, '[rules."completeness.goal"]\nmin_chars = 20\n')
    assert "（13 字）" in one(of(document, "completeness.goal", rs), "completeness.goal").message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[rules."completeness.goal"]\nmin_words = 5\n', "没有参数 min_words"),
        ('[rules."completeness.goal"]\nmin_chars = "ten"\n', "应为 int"),
        ('[rules."completeness.cost"]\nrequired = "yes"\n', "应为 bool"),
        ('[rules."completeness.cost"]\nmin_total = "100"\n', "应为 float"),
        ('[rules."completeness.satisfaction"]\nwords = ["群众"]\n', "没有参数 words"),
        ('[rules."completeness.targets"]\nplaceholders = ["/"]\n', "没有参数 placeholders"),
        ('[rules."completeness.count_for_money"]\nbands = 3\n', "应为 list"),
    ],
)
def test_unknown_or_mistyped_parameters_are_refused(tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(ConfigError) as info:
        ruleset(tmp_path, text)
    assert says in info.value.message


# --------------------------------------------------------------------------------------------
# the seed

SEED_LACKING_OUTCOME = {
    # 产出 and 满意度 only
    ("广州市科学技术局", "机构运行辅助经费"),
    ("广州市科学技术局", "广州市科学技术局2024—2025年信息化运维项目"),
    ("广州市科学技术局", "广州市科学技术局2025—2026年信息化运维项目"),
    # 产出 and 成本 only
    ("广州市科学技术局", "购置经费"),
    ("广州市科学技术局", "办公用房修缮费"),
}
SEED_SERVING_PEOPLE = {
    # 科普惠民 (indicator name): the public served by science-popularisation events
    "创新环境计划": "惠民",
    # a forum with ≥500 participants (主论坛参会人数)
    "合作共建广东省灵山论坛科学中心": "参会",
    # a service window for foreigners' work permits
    "引进智力与专家服务经费": "窗口",
    # a system whose goal is better service to enterprises (and its users)
    "广州市科学技术局2023年“穗智管”广州科技大脑升级改造项目(一期)": "企业服务",
    # science training sessions for the public (科普培训场次)
    "科普服务经费": "培训",
}
SEED_FEW_INDICATORS = {
    # project: (total in 万元, indicators) — bands 0→3, 100→4, 1,000→6, 10,000→8
    "企业创新计划-TCL华星光电T9项目（黄埔区）": ("12,537.00", 6),
    "基础研究计划": ("82,138.00", 7),
    "企业创新计划": ("22,450.00", 4),
    "人才支撑计划": ("56,223.04", 6),
    "机构运行辅助经费": ("56.00", 2),
    "国防动员事业费": ("7.00", 2),
}
SEED_WITH_COST = {
    ("广州市科学技术局", "购置经费"),
    ("广州市科学技术局", "办公用房修缮费"),
    ("广州市科技项目评审中心", "机构运行辅助经费"),
    ("广州市科技项目评审中心", "科技交流学习工作经费"),
    ("广州市科学技术发展战略研究院", "机构运行辅助经费"),
}


def test_seed_completeness_findings_are_the_ones_a_reviewer_sends_back() -> None:
    document = seed()
    found = findings(document, "completeness")
    by_rule: dict[str, list[Finding]] = {}
    for f in found:
        by_rule.setdefault(f.rule, []).append(f)
    assert set(by_rule) == {
        "completeness.outcome",
        "completeness.satisfaction",
        "completeness.cost",
        "completeness.count_for_money",
    }  # every project has 产出, a goal, and every indicator a name and both targets

    outcome = by_rule["completeness.outcome"]
    assert {(f.unit, f.project) for f in outcome} == SEED_LACKING_OUTCOME
    assert all(f.severity == "error" and f.field == "level1" for f in outcome)
    assert {f.evidence for f in outcome} == {
        "已设：产出指标、满意度指标",
        "已设：产出指标、成本指标",
    }

    satisfaction = by_rule["completeness.satisfaction"]
    assert {f.project: f.message.split("提到“")[1].split("”")[0] for f in satisfaction} == (
        SEED_SERVING_PEOPLE
    )
    assert all(f.severity == "warning" for f in satisfaction)

    count = by_rule["completeness.count_for_money"]
    assert {f.project: f.evidence for f in count} == {
        project: f"{total} 万元；{n} 个指标" for project, (total, n) in SEED_FEW_INDICATORS.items()
    }

    cost = by_rule["completeness.cost"]
    everything = {(u.name, p.name) for u, p in document.projects()}
    assert len(everything) == 39
    flagged = {(f.unit, f.project) for f in cost}
    assert flagged == everything - SEED_WITH_COST
    assert len(cost) == 34 and all(f.severity == "warning" for f in cost)


def test_seed_cost_floor_keeps_only_the_big_projects(tmp_path: Path) -> None:
    rs = ruleset(tmp_path, '[rules."completeness.cost"]\nmin_total = 10000\n')
    cost = of(seed(), "completeness.cost", rs)
    assert {f.project for f in cost} == {
        "企业创新计划-TCL华星光电T9项目（黄埔区）",
        "基础研究计划",
        "企业创新计划",
        "重点研发计划",
        "人才支撑计划",
    }


def test_money_units_convert_exactly() -> None:
    document = doc(proj(OUTPUT, total="123456789.01"), money_unit="元")
    unit = document.units[0]
    scope = ProjectScope(document, unit, unit.projects[0], load_framework())
    assert total_wan(scope) == Decimal("12345.678901")
    unit.projects[0].funds = Funds(None, None)
    assert total_wan(scope) is None
