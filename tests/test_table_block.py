"""The block of a one-project form (:mod:`jixiao.ingest.table_block`): the fields above its
indicator header."""

from __future__ import annotations

from jixiao.ingest.grid import Grid
from jixiao.ingest.table_block import read_block


def test_a_score_label_ending_its_row_takes_the_figure_ending_the_next_row() -> None:
    # sc-anju-scjgj-shipin-selfeval-2021: one cell per paragraph; 自评得分 ends the first row,
    # 100 ends the second, after that row's label | value pairs
    rows = [
        ["专项名称", "食品监管补助资金"],
        ["中央主管部门", "市场监管总局"],
        ["自评得分"],
        ["省级财政部门", "四川省财政厅"],
        ["省级主管部门", "四川省市场监管局"],
        ["100"],
        ["预算执行情况"],
    ]
    assert read_block(Grid.of("", rows), 0, len(rows)).fields["score"][0] == "100"
    # a section's title between them: the figure is not the score's
    cut = [*rows[:4], ["预算执行情况"], *rows[5:]]
    assert "score" not in read_block(Grid.of("", cut), 0, len(cut)).fields
    # a figure no score can be
    big = [*rows[:5], ["2000"]]
    assert "score" not in read_block(Grid.of("", big), 0, len(big)).fields
