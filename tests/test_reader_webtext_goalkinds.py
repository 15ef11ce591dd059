"""A goal-cell project list whose empty cells were lost, read by its cells' kinds
(:mod:`jixiao.ingest.readers.webtext_goalkinds`)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext_goalkinds import by_kinds

HEADER = "单位编码 单位名称(项目类别 /支出项目) 年度预算安排 项目内容 绩效目标"
GOAL = (
    "【总体目标】 保障某某设施运转 【产出指标-数量指标】 指标1:设备数量(≥10台) "
    "指标2:巡查次数(≥12次) 【满意度指标-服务对象满意度指标】 指标1:群众满意度(≥90%)"
)
ROWS = [
    "某某局 500",
    "000001 某某局本级 300",
    "其他运转类 200",
    f"000001 某某设施运维项目 200 【项目概况】:某某设施的日常运维。 {GOAL}",
    "本级项目 100",
    "000001 某某专项经费 100 【项目概况】:用于某某工",
]


def _read(text: str) -> list[tuple[str, str, Decimal | None, int]]:
    (doc,) = read_bytes(text.encode(), "t.txt")
    return [(u.name, p.name, p.funds.total, len(p.indicators)) for u, p in doc.projects()]


WANT = [
    ("某某局本级", "某某设施运维项目", Decimal("200"), 3),
    ("某某局本级", "某某专项经费", Decimal("100"), 0),
]


def test_a_list_a_row_per_line_reads_its_cells_by_their_kinds() -> None:
    # the grouping rows hold a name and an amount (a code before a unit's), the projects their
    # description and goal cell too; the goal cell's lines on lines of their own
    text = "某某局2025年项目绩效目标和指标\n" + "\n".join([HEADER, *ROWS]).replace(" 【", "\n【")
    assert _read(text) == WANT


def test_a_list_on_one_line_reads_its_cells_by_their_kinds() -> None:
    text = "某某局2025年项目绩效目标和指标\n" + " ".join([HEADER, *ROWS]) + "\n"
    assert _read(text) == WANT
    grid = by_kinds(text)
    assert grid is not None
    assert grid.rows[1][1] == "单位名称(项目类别/支出项目)"  # (the label wrapped at its space)
    assert grid.rows[5][3].startswith("【项目概况】") and grid.rows[5][4].startswith("【总体目标】")


def test_a_list_with_a_run_no_column_takes_is_not_read_so() -> None:
    # an indicator line after a grouping row, no goal cell to hold it: nothing says whose it is
    rows = [*ROWS[:3], "指标3:某某(1次)", *ROWS[3:]]
    assert by_kinds(" ".join([HEADER, *rows]) + "\n") is None
    # a row without a name (a code and an amount only)
    rows = [*ROWS[:4], "000001 100"]
    assert by_kinds(" ".join([HEADER, *rows]) + "\n") is None
    # a name with a space in it (某某设施 运维项目): two names, the first without its amount
    rows = [*ROWS[:3], ROWS[3].replace("某某设施运维项目", "某某设施 运维项目"), *ROWS[4:]]
    assert by_kinds(" ".join([HEADER, *rows]) + "\n") is None
