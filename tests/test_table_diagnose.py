"""Why no indicator table was found (``jixiao.ingest.table_diagnose``): said of the table that
is there, with the line to look at."""

from __future__ import annotations

from jixiao.ingest.grid import Grid
from jixiao.ingest.table_diagnose import diagnose


def test_a_header_row_short_of_its_name_column_says_what_it_lacks() -> None:
    grid = Grid.of("表", [["某某项目绩效目标表"], ["一级指标", "二级指标", "指标值"]], [3, 7])
    message, line = diagnose([grid])
    assert line == 7
    assert "表头行只有“一级指标、二级指标、指标值”" in message and "缺少“三级指标”列" in message


def test_rows_of_classes_without_a_header_seem_to_start_mid_table() -> None:
    rows = [
        ["产出指标", "数量指标", "某某人数", "100人"],
        ["效益指标", "社会效益指标", "某某率", "90%"],
    ]
    message, line = diagnose([Grid.of("表", rows, [11, 12])])
    assert line == 11
    assert "第一个指标类别“产出指标”" in message and "表格似从中间开始" in message


def test_a_title_with_nothing_under_it_and_a_page_with_nothing() -> None:
    titled = Grid.of("表", [["某某局2025年项目支出绩效目标表"], ["说明文字"]], [2, 3])
    assert diagnose([titled]) == ("找到表名“某某局2025年项目支出绩效目标表”，但其下没有指标表", 2)
    message, line = diagnose([Grid.of("页", [[""], ["一段说明"]], [1, 4])])
    assert line == 4 and message.startswith("找不到绩效目标表")
