"""The rows under a table's indicators (:mod:`jixiao.ingest.table_footer`)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.ingest.grid import Grid
from jixiao.ingest.table_footer import later_score_row, next_form, score_row, unscored_points
from jixiao.ingest.table_values import NoteFn
from jixiao.model import Execution, NoteLevel

from .review_builders import ind, proj


def _keep(notes: list[str]) -> NoteFn:
    def note(level: NoteLevel, code: str, message: str, line: int | None) -> None:
        notes.append(code)

    return note


def test_the_score_is_the_得分_cell_and_the_grade_is_read_beside_it() -> None:
    notes: list[str] = []
    row = ["其他需要说明事项", "无", "总分", "100", "96", "优"]
    assert score_row(row, "96", 9, _keep(notes)) == (Decimal("96"), "优")
    assert notes == []


def test_a_grade_under_the_得分_column_leaves_the_score_to_the_number_left_of_it() -> None:
    # yn-baoshan-tyjrswj-weiwen: 总分(100分) | 100 | 自评等级 | 优, 优 under 得分.
    row = ["总分(100分)", "总分(100分)", "总分(100分)", "100", "自评等级", "优", "优"]
    assert score_row(row, "优", 9, _keep([])) == (Decimal("100"), "优")


def test_a_total_row_with_only_the_points_total_gives_no_score() -> None:
    # sc-dyrmt-renyuan-selfeval-fragment: 合计 | 100 under 分值 (4 × 22.5 and the funds' 10),
    # no 得分 written: the points' total, not the project's score
    notes: list[str] = []
    row = ["合计", "", "", "", "100", ""]
    assert score_row(row, "", 9, _keep(notes), "100") == (None, None)
    assert notes == ["score.points_total"]
    # …but a 得分 beside it is the score, and a figure elsewhere is not the points' total
    assert score_row(["合计", "100", "96"], "96", 9, _keep([]), "100") == (Decimal("96"), None)
    assert score_row(["总分", "100", "96"], "", 9, _keep([]), "100") == (Decimal("96"), None)


def test_a_form_that_scores_nothing_totals_its_points_on_its_合计_row() -> None:
    # sc-qingshen-fgj-selfeval-2023 (text): 合计 | 100 | | | with the cells merged under it
    # lost, every 得分 empty; 60 + 30 and the funds row's 10 are the 100
    project = proj("工资性支出", ind("发放覆盖率", "=100%"), ind("足额保障率", "=100%"))
    for i, weight in zip(project.indicators, ("60", "30"), strict=True):
        i.weight = Decimal(weight)
    project.execution = Execution(weight=Decimal("10"))
    points = unscored_points(project)
    assert points == "100"
    assert score_row(["合计", "100"], "", 9, _keep([]), points) == (None, None)
    assert score_row(["合计", "90"], "", 9, _keep([]), points) == (Decimal("90"), None)
    # a form that scores: its 合计 may be the 总分
    project.indicators[0] = replace(project.indicators[0], score=Decimal("60"))
    assert unscored_points(project) == ""


def test_a_总分_row_below_other_footer_rows_and_the_next_form_after_them() -> None:
    grid = Grid.of(
        "Sheet1",
        [
            ["其他需要说明事项", "无"],
            ["总分", "96"],
            ["部门预算项目支出绩效自评表(2023年度)"],
            ["项目名称", "某某项目"],
        ],
        range(1, 5),
    )
    assert later_score_row(grid, 0, 4) == 1
    assert next_form(grid, 0, 4) == 2


def test_the_next_forms_title_merged_over_the_row_starts_it() -> None:
    # sc-daying-sfj-selfeval-2023: the title's cell spans the grid's 11 columns.
    title = "部门预算项目支出绩效自评表(2023年度)"
    grid = Grid.of(
        "Sheet1",
        [["评价结论", "无", "无"], [title, title, title], ["项目名称", "某某项目", "某某项目"]],
        range(1, 4),
    )
    assert next_form(grid, 1, 3) == 1


def test_a_score_ending_the_pages_sentence_keeps_its_figure() -> None:
    # sc-chacewang-puhui-jinrong-selfeval: the text ends …得分合计100。
    assert score_row(["得分合计", "100。"], "", 9, _keep([])) == (Decimal("100"), None)
    assert score_row(["得分合计", "很好。"], "", 9, _keep([])) == (None, None)


def test_a_total_score_written_with_its_unit_is_read() -> None:
    # hb-xianning-tongcheng-tanghu: 总分 | 100分
    notes: list[str] = []

    def note(level: str, code: str, message: str, line: int | None = None) -> None:
        notes.append(message)

    assert score_row(["总分", "100分"], "", 1, note) == (Decimal("100"), None)
    assert score_row(["总分", "96.5 分"], "", 1, note) == (Decimal("96.5"), None)
