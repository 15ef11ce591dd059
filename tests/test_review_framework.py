"""Review rules of the "framework" group: framework.class and framework.fit.

Also holds the small builders the completeness tests share (indicators with any written
class, documents in any money unit, findings of one rule group).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.errors import ConfigError
from jixiao.model import Document, Funds, Indicator, Level, Project, Unit
from jixiao.review import Finding, load_ruleset, review
from jixiao.review.ruleset import Ruleset
from jixiao.targets import type_target

# --------------------------------------------------------------------------------------------
# builders

GOAL = "面向社区居民开展科普讲座和展览，提高居民科学素质。"


def level(label: str) -> Level:
    """``"1-产出指标"`` → Level("1", "产出指标"); ``"产出指标"`` → Level(None, …); ``""`` blank."""
    code, sep, name = label.partition("-")
    return Level(code, name) if sep and code.isdigit() else Level(None, label)


def ind(
    seq: int,
    l1: str,
    l2: str,
    name: str,
    cycle: str = "≥10场",
    annual: str | None = None,
) -> Indicator:
    return Indicator(
        seq,
        level(l1),
        level(l2),
        name,
        type_target(cycle),
        type_target(cycle if annual is None else annual),
    )


# a complete, well-classed set: 产出 (数量, 质量, 时效), 效益, 满意度, 成本
OUTPUT = ("1-产出指标", "11-数量指标", "举办科普讲座场次", "≥20场")
QUALITY = ("1-产出指标", "12-质量指标", "讲座内容审核合格率", "100%")
TIMELY = ("1-产出指标", "13-时效指标", "活动按期完成率", "≥95%")
OUTCOME = ("2-效益指标", "22-社会效益", "参与居民人次", "≥2000人次")
SATISFIED = ("3-满意度指标", "31-服务对象满意度", "参与居民满意度", "≥90%")
COST = ("4-成本指标", "41-经济成本指标", "单场活动成本", "≤2.5万元")
FULL = (OUTPUT, QUALITY, TIMELY, OUTCOME, SATISFIED, COST)


def proj(
    *specs: tuple[str, ...],
    name: str = "社区科普活动",
    goal: str = GOAL,
    total: str | None = "50.00",
) -> Project:
    """A project whose indicators are given as (level1, level2, name[, cycle[, annual]])."""
    inds = [ind(k, *spec) for k, spec in enumerate(specs, start=1)]
    money = None if total is None else Decimal(total)
    return Project(name, Funds(money, money), goal, inds)


def doc(*projects: Project, money_unit: str = "万元") -> Document:
    total = sum((p.funds.total or Decimal(0) for p in projects), Decimal(0))
    unit = Unit("示例单位", Funds(total, total), list(projects))
    return Document("示例局", 2025, money_unit, Funds(total, total), [unit])


def findings(document: Document, group: str, ruleset: Ruleset | None = None) -> list[Finding]:
    """The findings of the rules of one group (``framework``, ``completeness``)."""
    return [f for f in review(document, ruleset) if f.rule.startswith(group + ".")]


def ruleset(tmp_path: Path, text: str) -> Ruleset:
    path = tmp_path / "bureau.toml"
    path.write_text(text, encoding="utf-8")
    return load_ruleset(path)


def one(found: list[Finding], rule: str) -> Finding:
    hits = [f for f in found if f.rule == rule]
    assert len(hits) == 1, hits
    return hits[0]


# --------------------------------------------------------------------------------------------
# framework.class


def test_a_well_classed_project_has_no_framework_findings() -> None:
    assert findings(doc(proj(*FULL)), "framework") == []


@pytest.mark.parametrize(
    ("l1", "l2"),
    [
        ("项目完成指标", "数量值"),  # aliases of older templates
        ("预期产出指标", "数量"),
        ("产出指标（必填硬性指标）", "11-数量指标★"),  # decorations
        ("效果指标", "社会效益指标"),
        ("2-效益指标", "环境效益"),
        ("3-满意度指标", "社会公众或服务对象满意度指标"),
        ("1-产出指标", "成本指标"),  # the legacy 产出指标 › 成本指标
    ],
)
def test_aliases_decorations_and_the_legacy_cost_class_are_valid(l1: str, l2: str) -> None:
    assert findings(doc(proj((l1, l2, "某项指标"))), "framework") == []


@pytest.mark.parametrize(
    ("l1", "l2", "field", "says"),
    [
        (
            "1-效益指标",
            "11-数量指标",
            "level1",
            "一级指标代码 1 应为“产出指标”，表中写作“效益指标”",
        ),
        ("1-产出指标", "12-数量指标", "level2", "二级指标代码 12 应为“质量指标”"),
        ("1-产出指标", "19-其他指标", "level2", "二级指标“19-其他指标”不在指标框架中"),
        ("履职效能", "11-数量指标", "level1", "一级指标“履职效能”不在指标框架中"),
        ("1-产出指标", "22-社会效益", "level2", "属于“效益指标”，不属于一级指标“1-产出指标”"),
        ("", "19-其他指标", "level2", "二级指标“19-其他指标”不在指标框架中"),
    ],
)
def test_invalid_or_inconsistent_classes(l1: str, l2: str, field: str, says: str) -> None:
    document = doc(proj(OUTPUT, (l1, l2, "举办培训班期数", "≥10期"), OUTCOME))
    found = one(findings(document, "framework"), "framework.class")
    assert (found.severity, found.dimension, found.indicator, found.field) == (
        "error",
        "完整性",
        2,
        field,
    )
    assert says in found.message
    assert "“举办培训班期数”" in found.message and "财预〔2021〕101号" in found.message
    assert "产出指标（数量指标、质量指标、时效指标）" in found.message  # what good looks like
    assert found.evidence == f"{level(l1).label()} / {level(l2).label()}"


@pytest.mark.parametrize(("l1", "l2"), [("", ""), ("1-产出指标", ""), ("", "11-数量指标")])
def test_blank_classes_are_left_to_hygiene_empty(l1: str, l2: str) -> None:
    found = [f for f in review(doc(proj((l1, l2, "某项指标")))) if f.indicator == 1]
    assert [f for f in found if f.rule.startswith("framework.")] == []
    assert {f.rule for f in found} >= {"hygiene.empty"}


def test_class_reports_every_problem_of_an_indicator_in_one_finding() -> None:
    document = doc(proj(("5-效益指标", "11-质量指标", "验收合格率", "100%")))
    found = one(findings(document, "framework"), "framework.class")
    assert (found.severity, found.field) == ("error", "level1")
    assert found.message.startswith(
        "第 1 项指标“验收合格率”的分类有误：一级指标代码 5 不在指标框架中（“效益指标”的代码为 2）；"
        "二级指标代码 11 应为“数量指标”，表中写作“质量指标”；"
        "二级指标“11-质量指标”属于“产出指标”，不属于一级指标“5-效益指标”。"
    )


@pytest.mark.parametrize(
    ("l2", "severity", "says"),
    [
        # 12 is a code seen in published tables: an unknown or wrong code is an error
        ("19-质量指标", "error", "二级指标代码 19 不在指标框架中（“质量指标”的代码为 12）"),
        ("12-时效指标", "error", "二级指标代码 12 应为“质量指标”"),
    ],
)
def test_class_codes_seen_in_published_tables_are_errors(l2: str, severity: str, says: str) -> None:
    found = one(findings(doc(proj(("1-产出指标", l2, "某项指标"))), "framework"), "framework.class")
    assert (found.severity, found.field) == (severity, "level2")
    assert says in found.message and "尚未见于公开的表格" not in found.message


@pytest.mark.parametrize(
    ("l1", "l2", "says"),
    [
        # 生态效益 is 23 only in Jixiao's own numbering (not seen in a published table yet)
        ("2-效益指标", "25-生态效益", "二级指标代码 25 不在指标框架中（“生态效益”的代码为 23）"),
        ("2-效益指标", "24-生态效益", "二级指标代码 24 应为“可持续影响”"),
        ("2-效益指标", "23-社会效益", "二级指标代码 23 应为“生态效益”"),
    ],
)
def test_class_codes_of_unconfirmed_numbering_are_warnings(l1: str, l2: str, says: str) -> None:
    found = one(findings(doc(proj((l1, l2, "某项指标"))), "framework"), "framework.class")
    assert (found.severity, found.field) == ("warning", "level2")
    assert says in found.message and "尚未见于公开的表格" in found.message


def test_class_can_be_disabled_and_made_a_warning(tmp_path: Path) -> None:
    document = doc(proj(("1-产出指标", "19-其他指标", "某项指标")))
    off = ruleset(tmp_path, '[rules."framework.class"]\nenabled = false\n')
    assert findings(document, "framework", off) == []
    soft = ruleset(tmp_path, '[rules."framework.class"]\nseverity = "warning"\n')
    assert one(findings(document, "framework", soft), "framework.class").severity == "warning"


# --------------------------------------------------------------------------------------------
# framework.fit


@pytest.mark.parametrize(
    ("spec", "severity", "says"),
    [
        (("2-效益指标", "22-社会效益", "群众满意度", "≥90%"), "warning", "应列入满意度指标"),
        (("1-产出指标", "11-数量指标", "服务对象满意率", "≥90%"), "warning", "应列入满意度指标"),
        (("2-效益指标", "21-经济效益", "项目成本控制", "≤预算"), "warning", "应列入成本指标"),
        (("1-产出指标", "12-质量指标", "成本超支率（%）", "0"), "warning", "应列入成本指标"),
        (("1-产出指标", "11-数量指标", "资金支付及时率", "100%"), "warning", "应列入时效指标"),
        (("1-产出指标", "12-质量指标", "归档及时率", "100%"), "warning", "应列入时效指标"),
        (("1-产出指标", "11-数量指标", "按时完成率", "≥95%"), "warning", "应列入时效指标"),
        (("1-产出指标", "11-数量指标", "安全事故发生次数", "0"), "warning", "宜列入质量指标"),
        (("1-产出指标", "11-数量指标", "设备故障次数", "≤2次"), "warning", "宜列入质量指标"),
        (("1-产出指标", "11-数量指标", "设备验收合格率", "100%"), "warning", "属于质量指标"),
        (("1-产出指标", "11-数量指标", "软件验收通过率（%）", "100%"), "warning", "属于质量指标"),
        (("1-产出指标", "11-数量指标", "采购完成率", "100%"), "info", "比率不是产出的数量"),
        (("1-产出指标", "11-数量指标", "人员到岗率（%）", "100%"), "info", "比率不是产出的数量"),
    ],
)
def test_fit_finds_an_indicator_classed_against_its_nature(
    spec: tuple[str, ...], severity: str, says: str
) -> None:
    document = doc(proj(OUTPUT, spec, OUTCOME, SATISFIED, COST))
    found = one(findings(document, "framework"), "framework.fit")
    assert (found.severity, found.dimension, found.indicator, found.field) == (
        severity,
        "相关性",
        2,
        "level2",
    )
    assert f"第 2 项指标“{spec[2]}”列在“{spec[0]} / {spec[1]}”下" in found.message
    assert says in found.message and "财预〔2021〕101号" in found.message
    assert "如“" in found.message  # an example of a good indicator
    assert found.evidence == f"{spec[0]} / {spec[1]}：{spec[2]}"


@pytest.mark.parametrize(
    "spec",
    [
        ("3-满意度指标", "31-服务对象满意度", "群众满意度", "≥90%"),
        ("1-产出指标", "11-数量指标", "开展满意度调查次数", "2次"),  # a count of surveys
        ("4-成本指标", "41-经济成本指标", "项目成本控制", "≤预算"),
        ("1-产出指标", "成本指标", "项目成本控制", "≤预算"),  # the legacy cost class
        ("2-效益指标", "21-经济效益", "降低企业融资成本", "≥10%"),  # a benefit to others
        ("1-产出指标", "11-数量指标", "完成成本核算报告", "1份"),
        ("1-产出指标", "13-时效指标", "资金支付及时率", "100%"),
        ("1-产出指标", "11-数量指标", "及时提供统计数据次数", "≥4次"),  # 及时 but a count
        ("1-产出指标", "11-数量指标", "安全事故隐患排查次数", "≥12次"),
        ("1-产出指标", "11-数量指标", "投诉办理件数", "≥500件"),
        ("2-效益指标", "22-社会效益", "安全事故发生次数", "0"),  # only under 数量 is it a misfit
        ("1-产出指标", "12-质量指标", "设备验收合格率", "100%"),
        ("1-产出指标", "11-数量指标", "巡查频率", "每周1次"),
        ("1-产出指标", "11-数量指标", "办公效率", "提高"),
        ("2-效益指标", "22-社会效益", "软件正常运行率", "100%"),  # rates outside 数量 are fine
        ("9-其他指标", "99-其他", "群众满意度", "≥90%"),  # unresolved: framework.class's
    ],
)
def test_fit_leaves_well_classed_indicators_alone(spec: tuple[str, ...]) -> None:
    document = doc(proj(OUTPUT, spec, OUTCOME, SATISFIED, COST))
    assert [f for f in findings(document, "framework") if f.rule == "framework.fit"] == []


def test_fit_reports_one_finding_per_indicator_first_cue_winning() -> None:
    # a 满意度 rate under 数量 matches both the 满意度 and the generic 率 cue: one finding
    document = doc(proj(("1-产出指标", "11-数量指标", "服务满意率", "≥90%"), OUTCOME))
    found = [f for f in findings(document, "framework") if f.rule == "framework.fit"]
    assert [(f.indicator, f.severity) for f in found] == [(1, "warning")]
    assert "满意度指标" in found[0].message


def test_fit_severity_override_keeps_the_soft_cue_soft(tmp_path: Path) -> None:
    document = doc(
        proj(
            ("1-产出指标", "11-数量指标", "设备验收合格率", "100%"),
            ("1-产出指标", "11-数量指标", "采购完成率", "100%"),
            OUTCOME,
        )
    )
    strict = ruleset(tmp_path, '[rules."framework.fit"]\nseverity = "error"\n')
    found = [f for f in findings(document, "framework", strict) if f.rule == "framework.fit"]
    assert [(f.indicator, f.severity) for f in found] == [(1, "error"), (2, "info")]


def test_fit_cues_are_a_parameter(tmp_path: Path) -> None:
    rs = ruleset(
        tmp_path,
        '[[rules."framework.fit".cues]]\n'
        'words = ["宣传"]\nunless = ["宣传品"]\nunder = ["效益指标"]\nexpect = ["产出指标"]\n'
        'why = "宣传活动是产出，不是效益"\n',
    )
    document = doc(
        proj(
            ("2-效益指标", "22-社会效益", "开展宣传活动", "≥5场"),
            ("2-效益指标", "22-社会效益", "发放宣传品", "≥500份"),
            ("1-产出指标", "11-数量指标", "设备验收合格率", "100%"),  # default cues replaced
        )
    )
    found = [f for f in findings(document, "framework", rs) if f.rule == "framework.fit"]
    assert [(f.indicator, f.severity) for f in found] == [(1, "warning")]
    assert "宣传活动是产出，不是效益" in found[0].message


@pytest.mark.parametrize(
    ("cue", "says"),
    [
        ('words = ["x"]\nexpect = ["不存在的指标"]\nwhy = "y"\n', "不在指标框架中"),
        ('words = ["x"]\nexpect = ["质量指标"]\nwhy = "y"\ncolour = 1\n', "未知的键"),
        ('expect = ["质量指标"]\nwhy = "y"\n', "words 或 endings"),
        ('words = "x"\nexpect = ["质量指标"]\nwhy = "y"\n', "字符串列表"),
        ('words = ["x"]\nexpect = ["质量指标"]\nwhy = "y"\nseverity = "fatal"\n', "severity"),
    ],
)
def test_bad_fit_cues_are_config_errors(tmp_path: Path, cue: str, says: str) -> None:
    rs = ruleset(tmp_path, '[[rules."framework.fit".cues]]\n' + cue)
    with pytest.raises(ConfigError) as info:
        review(doc(proj(OUTPUT)), rs)
    assert says in info.value.message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[rules."framework.fit"]\nwords = ["率"]\n', "没有参数 words"),
        ('[rules."framework.class"]\nstrict = true\n', "没有参数 strict"),
        ('[rules."framework.fit"]\ncues = "率"\n', "应为 list"),
    ],
)
def test_unknown_or_mistyped_parameters_are_refused(tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(ConfigError) as info:
        ruleset(tmp_path, text)
    assert says in info.value.message


# --------------------------------------------------------------------------------------------
# the seed


def seed() -> Document:
    from jixiao.ingest.text_layout import parse_text

    from .helpers import seed_text

    return parse_text(seed_text(), "seed.txt")


def test_seed_framework_findings_are_the_ones_a_reviewer_sends_back() -> None:
    found = findings(seed(), "framework")
    # every class of the seed is valid and consistent
    assert [f for f in found if f.rule == "framework.class"] == []
    got = {(f.project, f.indicator, f.severity, f.evidence) for f in found}
    q = "1-产出指标 / 11-数量指标："
    assert got == {
        # a timeliness rate under 质量指标 → 时效指标
        ("科技资源引进及对接经费", 3, "warning", "1-产出指标 / 12-质量指标：归档及时率"),
        # a pass rate under 数量指标 → 质量指标
        ("002604", 2, "warning", q + "软件验收通过率"),
        # accidents counted as an output quantity → 质量指标
        ("广州市科学技术发展战略研究院事业单位改革经费项目", 1, "warning", q + "安全事故发生次数"),
        # rates written where a quantity belongs (info: state the count, or move the rate)
        (
            "重点研发计划",
            4,
            "info",
            q + "新增产业链创新联合体协同技术攻关项目中科技企业作为承担单位比率",
        ),
        ("科技业务管理保障经费", 2, "info", q + "完成评审（咨询）项目档案归档率"),
        ("机构运行辅助经费", 2, "info", q + "聘用人员到岗率"),
        ("业务用房物业管理费", 1, "info", q + "供（用）电、水保障率"),
        ("业务用房物业管理费", 3, "info", q + "维护设备、安全防护数量、运维周期完成/达到率"),
        ("科技研究与交流合作经费", 5, "info", q + "科技统计调查任务完成率"),
        ("002604", 3, "info", q + "采购完成率"),
    }
    assert all(f.rule == "framework.fit" and f.field == "level2" for f in found)
