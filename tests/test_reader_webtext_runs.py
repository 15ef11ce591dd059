"""Rows read from their own evidence (``jixiao.ingest.readers.webtext_runs``)."""

from __future__ import annotations

from jixiao.ingest.readers.webtext_runs import vouched_name, vouched_only
from jixiao.ingest.text_align import Row

ROLES: list[str | None] = ["level2", "name", "weight", "annual", "actual", "score"]


def test_only_rows_whose_cells_vouch_for_each_other_are_kept() -> None:
    rows = [
        Row(["数量指标", "某某设备采购数量", "10", "20台", "20台", "10"], 6, 0.0, 1),  # vouched
        Row(["", "某某培训人次", "10", "300人次", "280人次", "9"], 6, 0.0, 2),  # actual differs
        Row(["", "某某覆盖率", "10", "95%", "95%", "10"], 6, 0.0, 3),  # doubted already
    ]
    doubts: list[str | None] = [None, None, "的指标值是一个标签"]
    assert vouched_only(rows, ROLES, doubts) == 1
    assert doubts[0] is None
    assert doubts[1] is not None and doubts[2] == "的指标值是一个标签"  # (a doubt is kept)


def test_a_name_that_reads_like_a_value_is_a_name_when_the_row_vouches_for_it() -> None:
    cells = ["", "效果显著", "15", "改善某某条件", "改善某某条件", "13"]
    assert vouched_name(cells, ROLES, "效果显著")
    assert not vouched_name(cells, ROLES, "改善某某条件")  # (the name is the row's value)
    unvouched = ["", "效果显著", "15", "改善某某条件", "基本改善", "13"]
    assert not vouched_name(unvouched, ROLES, "效果显著")
