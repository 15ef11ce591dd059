"""Consistency rules: 年度 against 实施周期 values, and the same indicator classed differently."""

from __future__ import annotations

from pathlib import Path

from .review_builders import doc, found, ind, proj, ruleset, seed_findings, units, where

# --- consistency.annual_vs_cycle ------------------------------------------------------------

RULE = "consistency.annual_vs_cycle"


def test_different_units() -> None:
    [f] = found(proj("示例项目", ind("建设工作站", "≥10个", "≥5次")), RULE)
    assert (f.severity, f.indicator, f.field, f.dimension) == ("warning", 1, "annual", "完整性")
    assert "单位不一致（实施周期为“个”，年度为“次”）" in f.message
    assert f.evidence == "实施周期：≥10个；年度：≥5次"


def test_magnitudes_are_scaled_out_exactly() -> None:
    p = proj(
        "示例项目",
        ind("融资额", "≥1.5亿元", "≥15000万元", cls="21"),  # the same amount
        ind("投资额", "≥1亿元", "≥5000万元", cls="21"),  # half of it
        ind("产值", "≥15000万元", "≥2亿元", cls="21"),  # more in one year than in the period
        ind("营收", "≥1.5亿元", "≥15000.01万元", cls="21"),  # just above: exact comparison
    )
    got = [(f.indicator, f.field) for f in found(p, RULE)]
    assert got == [(3, "annual"), (4, "annual")]
    third = found(p, RULE)[0]
    assert "年度值“≥2亿元”大于整个实施周期的“≥15000万元”" in third.message


def test_opposite_directions() -> None:
    [f] = found(proj("示例项目", ind("投诉率", "≤5%", "≥5%", cls="12")), RULE)
    assert "方向相反（实施周期为“不高于”，年度为“不低于”）" in f.message


def test_parts_are_compared_by_label() -> None:
    p = proj(
        "示例项目",
        ind("培训", "1.举办培训≥10场；2.参训人数≥500人次", "1.举办培训≥12场；2.参训人数≥300人次"),
    )
    [f] = found(p, RULE)
    assert "“举办培训”的年度值“≥12场”大于整个实施周期的“≥10场”" in f.message
    assert "参训人数" not in f.message


def test_consistent_or_incomparable_targets() -> None:
    p = proj(
        "示例项目",
        ind("满意度", "≥90%", "≥95%", cls="31"),  # a ratio may be higher in one year
        ind("响应时间", "≤5天", "≤7天", cls="13"),  # a bound, not a count
        ind("场次", "≥20场", "≥8场"),
        ind("验收", "验收合格", "≥1次", cls="12"),  # qualitative: nothing to compare
        ind("人均成本", "≤7万元/人", "≤8万元/人", cls="41"),
        ind("同文", "≥5项"),
    )
    assert found(p, RULE) == []


def test_non_cumulative_units_from_a_bureau_file(tmp_path: Path) -> None:
    rs = ruleset(tmp_path, f'[rules."{RULE}"]\nnon_cumulative = []\n')
    [f] = found(proj("示例项目", ind("满意度", "≥90%", "≥95%", cls="31")), RULE, rs)
    assert "年度值“≥95%”大于整个实施周期的“≥90%”" in f.message


# --- consistency.class_drift ----------------------------------------------------------------

DRIFT = "consistency.class_drift"


def test_the_odd_one_out_is_reported_with_the_usual_class() -> None:
    d = doc(
        proj("甲项目", ind("落户以来累计创造就业岗位（含劳务外包）", "3000个", cls="22")),
        proj("乙项目", ind("落户以来累计创造就业岗位（含劳务外包）（个）", "3700", cls="22")),
        proj(
            "丙项目",
            ind("设备采购数量", "1台"),
            ind("落户以来累计创造就业岗位", "2500个", cls="21"),
        ),
    )
    [f] = found(d, DRIFT)
    assert (f.severity, f.unit, f.project, f.indicator, f.field) == (
        "warning",
        "示例单位",
        "丙项目",
        2,
        "level2",
    )
    assert f.evidence == "落户以来累计创造就业岗位：2-效益指标/21-经济效益"
    assert "多数归入“2-效益指标/22-社会效益”（2处），此处归入“2-效益指标/21-经济效益”" in f.message


def test_a_tie_reports_every_indicator() -> None:
    d = units(
        ("甲单位", [proj("物业管理", ind("安全事故发生次数", "0", cls="22"))]),
        ("乙单位", [proj("改革经费", ind("安全事故发生次数", "0起", cls="11"))]),
    )
    got = found(d, DRIFT)
    assert [(f.unit, f.project, f.indicator) for f in got] == [
        ("甲单位", "物业管理", 1),
        ("乙单位", "改革经费", 1),
    ]
    assert (
        "分别归入“2-效益指标/22-社会效益”（1处）、“1-产出指标/11-数量指标”（1处）" in got[0].message
    )


def test_same_class_short_names_and_different_names_are_fine() -> None:
    d = doc(
        proj("甲项目", ind("服务对象满意度", "≥90%", cls="31"), ind("质量", "合格", cls="12")),
        proj("乙项目", ind("服务对象满意度（%）", "≥95%", cls="31"), ind("质量", "合格", cls="22")),
        proj("丙项目", ind("设备故障率", "≤5%", cls="12"), ind("设备完好率", "≥95%", cls="21")),
    )
    assert found(d, DRIFT) == []


def test_min_length_from_a_bureau_file(tmp_path: Path) -> None:
    rs = ruleset(tmp_path, f'[rules."{DRIFT}"]\nmin_length = 2\n')
    d = doc(
        proj("甲项目", ind("质量", "合格", cls="12")),
        proj("乙项目", ind("质量", "合格", cls="22")),
    )
    assert len(found(d, DRIFT, rs)) == 2


# --- the reference table --------------------------------------------------------------------


def test_seed_class_drift() -> None:
    drift = [f for f in seed_findings("consistency") if f.rule == DRIFT]
    got = {(f.project, f.indicator, f.evidence) for f in drift}
    assert got == {
        (
            "企业创新计划-LG8.5代OLED项目补助（黄埔区）",
            4,
            "落户以来累计创造就业岗位（含劳务外包）（个）：2-效益指标/21-经济效益",
        ),
        (
            "企业创新计划-超视堺第10.5代TFT-LCD显示器生产线项目补贴（增城区）",
            6,
            "超高清视频和新型显示产业发展质量：2-效益指标/22-社会效益",
        ),
        ("业务用房物业管理费", 5, "安全事故发生次数：2-效益指标/22-社会效益"),
        (
            "广州市科学技术发展战略研究院事业单位改革经费项目",
            1,
            "安全事故发生次数：1-产出指标/11-数量指标",
        ),
    }
    lg = next(f for f in drift if f.indicator == 4)
    assert "多数归入“2-效益指标/22-社会效益”（2处）" in lg.message


def test_seed_annual_against_cycle() -> None:
    found_ = [f for f in seed_findings("consistency") if f.rule == RULE]
    assert where(found_) == {
        (RULE, "企业创新计划", 4, "annual", "warning"),  # 工作站 98个 against ≥50次个
        (RULE, "基础研究计划", 4, "annual", "warning"),  # 4家 (labs) against ≥6000万元 (contracts)
    }
    station = next(f for f in found_ if f.project == "企业创新计划")
    assert "单位不一致（实施周期为“个”，年度为“次”）" in station.message
