"""An indicator header's columns (:mod:`jixiao.ingest.table_header`)."""

from __future__ import annotations

from jixiao.ingest.table_header import read_header


def test_the_points_of_the_names_are_the_column_after_them_where_each_class_has_its_own() -> None:
    # hi-wenchang-jxxx: 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分 — the first
    # 分值 is the class's (20 for 项目决策), the third the indicator's
    header = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"]
    cols = read_header([header, ["项目决策", "20", "项目目标", "4", "目标内容", "4", "4"]], 0)
    assert cols.roles["name"] == 4
    assert cols.roles["weight"] == 5
    assert cols.roles["score"] == 6
    one = read_header([["一级指标", "二级指标", "三级指标", "分值", "得分"]], 0)
    assert one.roles["weight"] == 3
