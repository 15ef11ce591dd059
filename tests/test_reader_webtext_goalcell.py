"""Web text of a project list whose goal cells hold the indicators as headed lines, one cell per
paragraph (:mod:`jixiao.ingest.readers.webtext_goalcell`)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext_goalcell import goal_cell_grid

CELLS = [
    "某某局2025年项目绩效目标和指标", "单位编码", "单位名称(项目类别\n/支出项目)", "年度预算安排",
    "项目内容", "绩效目标",
    " ", "某某局", "500", " ", " ",
    " 000001", " 某某局本级", "300", " ", " ",
    " ", "  其他运转类", "200", " ", " ",
    "   000001", "   某某设施运维项目", "200", "【项目概况】:某某设施的日常运维。",
    "【总体目标】", "保障某某设施运转", "【产出指标-数量指标】", "指标1:设备数量(≥10台)",
    "指标2:巡查次数(≥12次)", "【满意度指标-服务对象满意度指标】", "指标1:群众满意度(≥90%)",
    " ", "  本级项目", "100", " ", " ",
    "   000001", "   某某专项经费", "100", "【项目概况】:用于某某工",
]  # fmt: skip


def _text(cells: list[str]) -> str:
    return "\n\n".join(cells) + "\n"


def test_rows_are_rebuilt_a_header_width_each_the_goal_cell_taking_its_lines() -> None:
    grid = goal_cell_grid(_text(CELLS))
    assert grid is not None
    rows = grid.rows
    assert rows[1] == [
        "单位编码",
        "单位名称(项目类别 /支出项目)",
        "年度预算安排",
        "项目内容",
        "绩效目标",
    ]
    assert rows[3] == ["000001", "某某局本级", "300", "", ""]
    goal = rows[5][4]
    assert goal.startswith("【总体目标】 保障某某设施运转 【产出指标-数量指标】")
    assert goal.endswith("指标1:群众满意度(≥90%)")
    assert rows[6] == ["", "本级项目", "100", "", ""]
    assert rows[7] == ["000001", "某某专项经费", "100", "【项目概况】:用于某某工"]  # cut short


def test_a_list_in_web_text_reads_its_projects_and_indicators() -> None:
    (doc,) = read_bytes(_text(CELLS).encode(), "t.txt")
    got = [(u.name, p.name, p.funds.total, len(p.indicators)) for u, p in doc.projects()]
    assert got == [
        ("某某局本级", "某某设施运维项目", Decimal("200"), 3),
        ("某某局本级", "某某专项经费", Decimal("100"), 0),
    ]
    (_, first), _ = doc.projects()
    assert first.goal == "保障某某设施运转"
    last = first.indicators[-1]
    assert (last.level1.name, last.name, last.annual.text) == (
        "满意度指标",
        "指标1:群众满意度",
        "≥90%",
    )


def test_page_text_after_the_list_ends_its_rows() -> None:
    cells = [*CELLS[:31], " ", "相关链接", "某某网站", "首页", "联系我们", "网站地图"]
    grid = goal_cell_grid(_text(cells))
    assert grid is not None
    assert grid.rows[-1][1] == "某某设施运维项目"
    assert [n.code for n in grid.notes] == ["text.after_table"]


def test_text_without_a_class_heading_or_without_a_goal_column_is_not_such_a_list() -> None:
    plain = [c.replace("【产出指标-数量指标】", "产出") for c in CELLS]
    plain = [c.replace("【满意度指标-服务对象满意度指标】", "满意度") for c in plain]
    assert goal_cell_grid(_text(plain)) is None
    assert goal_cell_grid(_text([c.replace("绩效目标", "备注") for c in CELLS])) is None


def test_a_list_whose_text_lost_its_empty_cells_is_read_by_its_cells_kinds() -> None:
    # Saved without the paragraphs of spaces, the grouping rows would take cells of the rows
    # after them by position (the project's row its amount as its name): read by kinds instead
    lost = [c for c in CELLS if c.strip()]
    grid = goal_cell_grid(_text(lost))
    assert grid is not None
    assert grid.rows[3] == ["000001", "某某局本级", "300", "", ""]
    assert grid.rows[5][:3] == ["000001", "某某设施运维项目", "200"]


# The list saved as a row per line, " | " between its cells (empty cells kept, so a row whose
# last cell is empty ends in "| "); a cell's lines on lines of their own.
PIPED = "\n".join(
    " | ".join(row)
    for row in [
        ["某某局2025年项目绩效目标和指标"],
        ["单位编码", "单位名称(项目类别\n/支出项目)", "年度预算安排", "项目内容", "绩效目标"],
        ["", "某某局", "500", "", ""],
        ["000001", "某某局本级", "300", "", ""],
        ["", "其他运转类", "200", "", ""],
        ["000001", "某某设施运维项目", "200", "【项目概况】:某某设施的日常运维。", "【总体目标】\n"
         "保障某某设施运转\n【产出指标-数量指标】\n指标1:设备数量(≥10台)\n指标2:巡查次数(≥12次)\n"
         "【满意度指标-服务对象满意度指标】\n指标1:群众满意度(≥90%)"],
        ["", "本级项目", "100", "", ""],
        ["000001", "某某专项经费", "100", "【项目概况】:用于某某工作。", ""],
    ]
)  # fmt: skip


def test_a_list_saved_as_pipe_rows_reads_as_its_paragraphs_do() -> None:
    # the goal cell's headings and items on lines of their own, the header's label wrapped
    (doc,) = read_bytes(PIPED.encode(), "t.txt")
    got = [(u.name, p.name, p.funds.total, len(p.indicators)) for u, p in doc.projects()]
    assert got == [
        ("某某局本级", "某某设施运维项目", Decimal("200"), 3),
        ("某某局本级", "某某专项经费", Decimal("100"), 0),
    ]
    (_, first), _ = doc.projects()
    assert first.goal == "保障某某设施运转"


def test_a_list_saved_a_cell_per_line_reads_its_empty_cells_from_their_pipes() -> None:
    # each cell closed by its "|", an empty one a line "|" alone: an empty cell, as a
    # paragraph of spaces is (the rows keep their places)
    text = "\n".join(f"{c.strip()} |" if c.strip() else "|" for c in CELLS) + "\n"
    (doc,) = read_bytes(text.encode(), "t.txt")
    got = [(u.name, p.name, p.funds.total, len(p.indicators)) for u, p in doc.projects()]
    assert got == [
        ("某某局本级", "某某设施运维项目", Decimal("200"), 3),
        ("某某局本级", "某某专项经费", Decimal("100"), 0),
    ]
