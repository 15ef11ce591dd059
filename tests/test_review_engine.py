"""The review engine, rulesets and the scoring formula."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from jixiao.errors import ConfigError
from jixiao.review import RULES, load_ruleset, review
from jixiao.review.base import DIMENSIONS, Finding
from jixiao.review.ruleset import to_toml
from jixiao.review.scoring import grade, score_document

from .review_docs import GOOD, document, project


def test_every_rule_is_well_formed() -> None:
    assert len(RULES) >= 20
    for rid, info in RULES.items():
        assert rid.count(".") == 1 and info.title and info.dimension in DIMENSIONS
        assert info.fn.__doc__, f"{rid} has no docstring"


def test_default_ruleset_enables_everything_with_defaults() -> None:
    rs = load_ruleset()
    assert set(rs.rules) == set(RULES)
    assert all(cfg.params == RULES[rid].defaults for rid, cfg in rs.rules.items())
    assert rs.scoring.grades[0] == ("优", 90.0)


def test_a_bureau_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "bureau.toml"
    path.write_text(
        'name = "某市财政局"\n[rules."overlap.near_duplicate"]\nenabled = false\n'
        '[rules."money.reconcile"]\nseverity = "warning"\n[scoring.penalty]\nerror = 30\n',
        encoding="utf-8",
    )
    rs = load_ruleset(path)
    assert rs.name == "某市财政局" and rs.source == str(path)
    assert not rs.rules["overlap.near_duplicate"].enabled
    assert rs.rules["money.reconcile"].severity == "warning"
    assert rs.scoring.penalty == {"error": 30.0, "warning": 8.0, "info": 2.0}


def test_printed_ruleset_loads_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "full.toml"
    path.write_text(to_toml(load_ruleset()), encoding="utf-8")
    assert load_ruleset(path).rules == load_ruleset().rules
    assert load_ruleset(path).scoring == load_ruleset().scoring


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[rules."no.such"]\nenabled = false\n', "未知的规则"),
        ('[rules."overlap.near_duplicate"]\nthreshold2 = 1\n', "没有参数 threshold2"),
        ('[rules."overlap.near_duplicate"]\nthreshold = "high"\n', "应为 float"),
        ('[rules."money.reconcile"]\nseverity = "fatal"\n', "severity"),
        ('[rules."money.reconcile"]\nenabled = "yes"\n', "enabled"),
        ('[scoring]\ndepartment = "median"\n', "department"),
        ("colour = 1\n", "未知的项"),
        ("not toml ===\n", "不是有效的 TOML"),
    ],
)
def test_bad_ruleset_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_ruleset(path)
    assert message in info.value.message and info.value.source == str(path)


def test_missing_ruleset_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="无法读取"):
        load_ruleset(tmp_path / "none.toml")


def test_disabled_rules_do_not_run(tmp_path: Path) -> None:
    doc = document(("示例局", [GOOD, GOOD]))
    assert any(f.rule == "overlap.near_duplicate" for f in review(doc))
    path = tmp_path / "off.toml"
    path.write_text('[rules."overlap.near_duplicate"]\nenabled = false\n', encoding="utf-8")
    assert not any(f.rule == "overlap.near_duplicate" for f in review(doc, load_ruleset(path)))


def _finding(rule: str, severity: str, dimension: str, project: str | None) -> Finding:
    return Finding(rule, severity, dimension, "示例局" if project else None, project, 1, None, "m")  # type: ignore[arg-type]


def test_scoring_formula() -> None:
    # the points formula, funds-weighted and without the severity caps (both tested below)
    scoring = dataclasses.replace(load_ruleset().scoring, department="funds", caps={})
    small = project("小项目", "10.00", "目标", ("11", "甲", "1个"))
    big = project("大项目", "90.00", "目标", ("11", "乙", "1个"))
    doc = document(("示例局", [small, big]))
    findings = [
        _finding("r.one", "error", "完整性", "小项目"),  # 20
        _finding("r.one", "error", "完整性", "小项目"),  # +20, capped at 30 for the rule
        _finding("r.two", "warning", "完整性", "小项目"),  # 8
        _finding("r.three", "info", "可行性", "大项目"),  # 2
        _finding("r.doc", "warning", "适当性", None),  # document level: 8 off the department
    ]
    small_s, big_s, dept = score_document(doc, findings, scoring)
    assert small_s.dimensions == {"完整性": 62.0, "相关性": 100.0, "适当性": 100.0, "可行性": 100.0}
    assert small_s.score == round((62 * 30 + 100 * 20 + 100 * 25 + 100 * 25) / 100, 1) == 88.6
    assert small_s.grade == "良" and small_s.findings == {"error": 2, "warning": 1, "info": 0}
    assert big_s.dimensions["可行性"] == 98.0 and big_s.grade == "优"
    # department: funds-weighted (10 : 90), then document-level penalties
    assert dept.dimensions["完整性"] == round(62 * 0.1 + 100 * 0.9, 1) == 96.2
    assert dept.dimensions["适当性"] == 92.0
    assert dept.dimensions["可行性"] == round(100 * 0.1 + 98 * 0.9, 1)
    assert dept.level == "department" and dept.findings["warning"] == 2


def test_severity_caps_and_the_plain_mean_by_default() -> None:
    scoring = load_ruleset().scoring
    assert scoring.department == "mean" and scoring.caps == {"error": "中"}
    small = project("小项目", "10.00", "目标", ("11", "甲", "1个"))
    big = project("大项目", "90.00", "目标", ("11", "乙", "1个"))
    doc = document(("示例局", [small, big]))
    findings = [_finding("r.one", "error", "相关性", "小项目")]  # 20 off one dimension: 96
    small_s, big_s, dept = score_document(doc, findings, scoring)
    assert small_s.grade == "中" and small_s.score == 79.9  # capped: score and grade agree
    assert small_s.capped == "有严重问题 1 处，等级不高于“中”（须修改后再审）"
    assert big_s.grade == "优" and big_s.capped is None
    assert dept.dimensions["相关性"] == 90.0  # (80 + 100) / 2: each project counts once
    assert dept.grade == "中" and dept.capped is not None
    assert scoring.conclusion("中") == "退回修改" and scoring.conclusion("优") == "通过"


def test_a_wrong_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "caps.toml"
    path.write_text('[scoring.caps]\nerror = "甲"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"不在 scoring\.grades 中"):
        load_ruleset(path)
    path.write_text('[scoring.caps]\nfatal = "中"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="不是严重程度"):
        load_ruleset(path)


def test_grades() -> None:
    scoring = load_ruleset().scoring
    assert [grade(s, scoring) for s in (100, 90, 89.9, 80, 79.9, 60, 59.9, 0)] == [
        "优", "优", "良", "良", "中", "中", "差", "差",
    ]  # fmt: skip
