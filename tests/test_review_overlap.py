"""Rules across projects: near-duplicate projects and double counting."""

from __future__ import annotations

from pathlib import Path

from jixiao.review import load_ruleset, review, review_documents
from jixiao.review.rules.overlap import _features

from .review_docs import GOOD, document, project
from .test_text_layout import SEED_DOC


def _rules(findings: list, rule: str) -> list:  # type: ignore[type-arg]
    return [f for f in findings if f.rule == rule]


COPY = project(
    "社区科普活动（二期）", "60.00", "面向社区居民开展科普讲座和展览，提高居民科学素质。",
    ("11", "举办科普讲座场次", "≥25场"),
    ("12", "讲座内容审核合格率", "100%"),
    ("13", "活动按期完成率", "≥95%"),
    ("22", "参与居民人次", "≥2500人次"),
    ("31", "参与居民满意度", "≥90%"),
    ("41", "单场活动成本", "≤2.5万元"),
)  # fmt: skip
OTHER = project(
    "实验室设备购置", "300.00", "购置实验设备，保障科研工作开展。",
    ("11", "购置设备台数", "≥12台"),
    ("12", "设备验收合格率", "100%"),
    ("22", "支撑科研项目数", "≥5项"),
)  # fmt: skip


def test_near_duplicate_projects_differing_only_in_numbers() -> None:
    found = _rules(review(document(("示例局", [GOOD, OTHER, COPY]))), "overlap.near_duplicate")
    assert len(found) == 1
    f = found[0]
    assert (f.project, f.evidence, f.severity) == (
        "社区科普活动（二期）",
        "社区科普活动",
        "warning",
    )
    assert "高度相似" in f.message and "相似度" in f.message


def test_different_projects_are_not_duplicates() -> None:
    assert not _rules(review(document(("示例局", [GOOD, OTHER]))), "overlap.near_duplicate")


def test_blocking_by_department_unless_configured(tmp_path: Path) -> None:
    a = document(("甲局", [GOOD]), department="甲局")
    b = document(("乙局", [COPY]), department="乙局")
    assert not any(
        f.rule == "overlap.near_duplicate" for fs in review_documents([a, b]) for f in fs
    )
    path = tmp_path / "across.toml"
    path.write_text('[rules."overlap.near_duplicate"]\nacross_departments = true\n', "utf-8")
    found = [f for fs in review_documents([a, b], load_ruleset(path)) for f in fs]
    [dup] = _rules(found, "overlap.near_duplicate")
    assert "甲局" in dup.message and dup.project == "社区科普活动（二期）"


def test_generic_features_are_stop_words(tmp_path: Path) -> None:
    # Many projects sharing only a generic indicator are not candidates at all.
    projects = [
        project(f"项目{k}", "10.00", f"第{k}类工作目标各不相同的说明文字{k}",
                ("31", "服务对象满意度", "≥90%"), ("11", f"完成第{k}类任务数量", f"{k}项"))
        for k in range(60)
    ]  # fmt: skip
    doc = document(("示例局", projects))
    assert not _rules(review(doc), "overlap.near_duplicate")
    assert "n:服务对象满意度" in _features(projects[0])


def test_double_counting_of_the_same_deliverable() -> None:
    report = ("11", "完成《年度发展报告》册数", "1册")
    a = project(
        "研究报告编制", "30.00", "编制年度发展报告。", report, ("22", "报告被采纳数", "≥2项")
    )
    b = project("统计分析服务", "20.00", "开展统计分析。", report, ("12", "数据准确率", "100%"))
    found = _rules(review(document(("研究院", [a, b]))), "overlap.double_counting")
    assert sorted((f.project, f.indicator) for f in found) == [
        ("研究报告编制", 1),
        ("统计分析服务", 1),
    ]
    assert all("重复计算" in f.message and "1册" in (f.evidence or "") for f in found)


def test_rates_and_different_values_are_not_double_counting() -> None:
    a = project("甲项目", "30.00", "目标甲。", ("12", "设备验收合格率统计", "100%"),
                ("11", "培训教师人数合计", "≥50人"))  # fmt: skip
    b = project("乙项目", "20.00", "目标乙。", ("12", "设备验收合格率统计", "100%"),
                ("11", "培训教师人数合计", "≥80人"))  # fmt: skip
    assert not _rules(review(document(("单位", [a, b]))), "overlap.double_counting")


def test_seed_overlaps() -> None:
    found = review(SEED_DOC)
    [dup] = _rules(found, "overlap.near_duplicate")
    assert dup.project == "广州市科学技术局2025—2026年信息化运维项目"
    assert dup.evidence == "广州市科学技术局2024—2025年信息化运维项目"
    double = _rules(found, "overlap.double_counting")
    assert {f.evidence for f in double} == {
        "在市委市府内刊或省级以上科技类期刊发表文章篇数：≥6篇",
        "完成《广州科技创新发展报告》册数：1册",
        "完成统计分析、政策研究报告、产业分析、区域发展研究报告篇数：≥10篇",
    }
    assert {f.unit for f in double} == {"广州市科学技术发展战略研究院"}
