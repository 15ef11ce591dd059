"""How well a cell of web text fits a column (:mod:`jixiao.ingest.text_cells`)."""

from __future__ import annotations


def test_a_comparator_or_a_pair_of_answers_fits_the_direction_column() -> None:
    from jixiao.ingest.text_cells import direction_mark, fit

    assert direction_mark("≤") and direction_mark("是/否") and direction_mark("≥ ")
    assert not direction_mark("≤100%") and not direction_mark("是否达标")
    assert fit("direction", "≥") == fit("direction", "正向") == 0.0
    assert fit("direction", "是/否") == 0.0
    assert fit("direction", "某某情况") > 1.0


def test_a_template_rows_numbered_name_is_no_value_and_a_scoring_rule_no_reason() -> None:
    from jixiao.ingest.text_cells import fit

    # 指标2 (a template's unfilled row) opens a row's name; a bare 指标 is a header's word.
    assert fit("value", "指标2") > fit("name", "指标2") + 3
    assert fit("actual", "指标") < fit("actual", "指标2")
    rule = "完成值达到指标值,记满分;未达到指标值,按比例记分"
    assert fit("standard", rule) < fit("deviation", rule)
    reason = "某某工程受天气影响延期,已督促加快进度"
    assert fit("deviation", reason) <= fit("standard", reason)


def test_a_class_label_with_its_points_is_no_reason() -> None:
    from jixiao.ingest.text_cells import fit

    assert fit("deviation", "效益指标(30分)年度") > 5 and fit("deviation", "(10分)") > 5
    assert fit("deviation", "某某人员年中调离,人数减少") < 2


def test_an_amount_with_thousands_separators_fits_the_budget_column() -> None:
    # 1,200,000.00 reads as a value to kind() (its commas), but it is an amount all the same
    from jixiao.ingest.text_cells import fit

    assert fit("total", "1,200,000.00") == 0.0
    assert fit("total", "1200000.00") == 0.0
    assert fit("project", "1,200,000.00") > 1.0
    assert fit("value", "1,200") == 0.0  # (a target's figure keeps its fit: 1,200人次 …)


def test_a_qualitative_comparator_is_never_a_target_nor_a_name() -> None:
    from jixiao.ingest.text_cells import fit

    assert fit("op", "定性") == 0.0
    assert fit("annual", "定性") > 5 and fit("name", "定性") > 5
    assert fit("annual", "提高") < 1  # (a qualitative target is one)


def test_a_rule_to_deduct_as_fits_is_a_scoring_standard() -> None:
    # 未达指标值酌情扣分: a 评(扣)分标准's words, a cell of its own beside the 指标解释
    from jixiao.ingest.text_cells import fit

    assert fit("standard", "未达指标值酌情扣分") < fit("explanation", "未达指标值酌情扣分")


def test_an_evaluation_score_sheets_classes_are_classes_with_points_or_not() -> None:
    # 决策 / 过程 (财预〔2020〕10号's evaluation framework) and their level 2s: read as classes
    # (evaluation_level1 / evaluation_level2 in table_layout.toml), kept as written
    from jixiao.ingest.text_cells import L1, L2, kind

    assert kind("决策(10)") == kind("过程(30分)") == kind("投入") == L1
    assert kind("项目立项") == kind("资金管理(10分)") == L2
    # an indicator's name that is no class stays a phrase (项目管理: a name under 组织实施)
    assert kind("项目管理") not in (L1, L2)
