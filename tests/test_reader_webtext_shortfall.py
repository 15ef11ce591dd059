"""Rows run together that fell short (``jixiao.ingest.readers.webtext_shortfall``)."""

from __future__ import annotations

from jixiao.ingest.readers.webtext_runs import self_checked
from jixiao.ingest.readers.webtext_shortfall import (
    shortfall_checked,
    shortfall_columns,
    shortfall_reading,
    shortfall_split,
)
from jixiao.ingest.text_align import Row

ROLES: list[str | None] = [
    "level1", "level2", "name", "weight", "annual", "actual", "score", "deviation",
]  # fmt: skip


def test_a_row_that_fell_short_reads_one_way() -> None:
    # name · 分值 8 · target 是 · actual 基本达到 · 得分 7 · the reason, all run together
    assert shortfall_reading("某某体系建设完成情况8是基本达到7加强某某指导") == (
        "某某体系建设完成情况",
        "8",
        "是",
        "基本达到",
        "7",
        "加强某某指导",
    )


def test_other_shapes_are_no_reading() -> None:
    assert shortfall_reading("某某体系建设完成情况8是基本达到8加强某某指导") is None  # no shortfall
    assert shortfall_reading("某某体系建设完成情况8是基本达到9加强某某指导") is None  # 得分 > 分值
    assert shortfall_reading("某某体系建设完成情况8达到基本达到7加强某某指导") is None  # no verdict
    assert shortfall_reading("某某体系建设完成情况8是否达到7加强某某指导") is None  # 是否: where?
    assert shortfall_reading("某某体系建设完成情况8是基本达到7加强") is None  # reason too short
    assert shortfall_reading("某某2号体系8是基本达到7加强某某指导") is None  # a figure in the name
    assert shortfall_reading("体系8是基本达到7加强某某指导") is None  # a name fragment


def test_the_columns_must_stand_side_by_side_in_order() -> None:
    assert shortfall_columns(ROLES) == [2, 3, 4, 5, 6, 7]
    assert shortfall_columns(["name", "annual", "weight", "actual", "score", "deviation"]) is None
    assert shortfall_columns(["name", "weight", "annual", "actual", "score"]) is None


def test_a_row_is_split_in_place_and_then_vouches_for_itself() -> None:
    text = "某某体系建设完成情况8是基本达到7加强某某指导"
    row = Row(["效益指标", "可持续影响指标", text, "", "", "", "", ""], 1, 0.0, 0)
    assert shortfall_split(row, ROLES)
    assert row.cells[2:] == ["某某体系建设完成情况", "8", "是", "基本达到", "7", "加强某某指导"]
    assert shortfall_checked(row.cells, ROLES)
    assert self_checked(row.cells, ROLES)
    # the text's own cut inside a cell of the reading (基本 | 达到…): not split
    cut = Row(
        ["", "", "某某体系建设完成情况8是基本", "达到7加强某某指导", "", "", "", ""], 1, 0.0, 0
    )
    assert not shortfall_split(cut, ROLES)
