"""The review of the reference table: pinned findings and the real problems it must report."""

from __future__ import annotations

from jixiao.review import review
from jixiao.review.report import run_review

from .helpers import DATA, golden
from .test_text_layout import SEED_DOC

FINDINGS = review(SEED_DOC)


def test_seed_findings_golden() -> None:
    actual = [f.to_dict() for f in FINDINGS]
    assert actual == golden(DATA / "seed.review.expected.json", actual)


def _has(rule: str, project: str, indicator: int | None = None, evidence: str = "") -> bool:
    return any(
        f.rule == rule
        and f.project == project
        and (indicator is None or f.indicator == indicator)
        and evidence in (f.evidence or "")
        for f in FINDINGS
    )


def test_the_real_problems_a_careful_reader_finds() -> None:
    # text defects
    assert _has("hygiene.measure_words", "企业创新计划", 4, "50次个")
    assert _has("hygiene.stray_chars", "科技管理辅助支撑经费", 3, "v")
    assert _has("hygiene.repeated_passage", "创新环境计划", 5)
    assert _has(
        "hygiene.duplicate_part", "广州市科学技术局2024—2025年信息化运维项目", 2, "修复及时率"
    )
    assert _has("hygiene.code_name", "002604")
    # targets nobody can measure or verify
    assert _has("measurability.vague", "企业创新计划-TCL华星光电T9项目（黄埔区）", 4, "进一步提高")
    assert _has("measurability.vague", "工作经费", 4, "效果明显")
    assert _has("measurability.vague", "科技交流与合作经费", 5, "有所促进")
    assert _has("measurability.unverifiable", "基础研究计划", 7, "策源地")
    assert _has("measurability.restates_name", "业务用房物业管理费", 5, "安全事故发生次数")
    # structure
    assert _has("completeness.outcome", "办公用房修缮费")
    assert _has("consistency.class_drift", "企业创新计划-LG8.5代OLED项目补助（黄埔区）", 4)
    assert _has("framework.fit", "002604", 2)  # 软件验收通过率 under 数量指标
    # across projects
    assert _has("overlap.near_duplicate", "广州市科学技术局2025—2026年信息化运维项目")
    assert _has("overlap.double_counting", "科技资源配套服务经费", 3, "广州科技创新发展报告")
    # and the money reconciles: nothing to report there
    assert not any(f.rule == "money.reconcile" for f in FINDINGS)


def test_every_finding_is_complete_and_in_chinese() -> None:
    projects = {(u.name, p.name) for u, p in SEED_DOC.projects()}
    for f in FINDINGS:
        assert f.message and any("\u4e00" <= ch <= "\u9fff" for ch in f.message)
        assert f.project is None or (f.unit, f.project) in projects
        assert f.severity in ("error", "warning", "info")


def test_seed_scores() -> None:
    [result] = run_review([SEED_DOC]).reviews
    dept = result.department_score
    assert dept.level == "department" and 0 <= dept.score <= 100
    worst = result.ranking()[0]
    assert worst.score < 80 and worst.findings["error"] >= 1
    assert {s.grade for s in result.scores} <= {"优", "良", "中", "差"}
