"""The rows under a table's indicators (:mod:`jixiao.ingest.table_footer`)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.grid import Grid
from jixiao.ingest.table_footer import later_score_row, next_form, score_row
from jixiao.ingest.table_values import NoteFn
from jixiao.model import NoteLevel


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
