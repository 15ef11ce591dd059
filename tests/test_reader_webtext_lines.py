"""Bodies read without aligning (:mod:`jixiao.ingest.readers.webtext_lines`)."""

from __future__ import annotations

from jixiao.ingest.readers.webtext_lines import paragraph_rows
from jixiao.ingest.text_tokens import tokens

_ROLES: list[str | None] = ["level1", "level2", "name", "value", "level2", "name", "value"]
_ROWS = [
    ["产出指标", "数量指标", "", "", "数量指标", "工程安排数量", "2"],
    ["产出指标", "质量指标", "", "", "质量指标", "工程验收合格率", "100%"],
]


def test_a_cell_per_line_with_its_empty_cells_kept_reads_a_row_every_width() -> None:
    # each cell closed by its "|", an empty one a line "|": the cells in column order, a row
    # every seven, as a cell per paragraph is read (no aligning: the empty columns are kept)
    text = "\n".join(f"{c} |" if c else "|" for row in _ROWS for c in row)
    rows = paragraph_rows(tokens(text), _ROLES)
    assert rows is not None
    assert [r.cells for r in rows] == _ROWS


def test_a_cell_per_line_short_of_a_whole_row_is_left_to_the_aligner() -> None:
    # a merged class cell written once (the rows below it one cell short): not read so
    cells = [c for row in _ROWS for c in row][:-1]
    text = "\n".join(f"{c} |" if c else "|" for c in cells)
    assert paragraph_rows(tokens(text), _ROLES) is None
    # rows between "|" a line each are not a cell per line
    text = "\n".join(" | ".join(row) for row in _ROWS)
    assert paragraph_rows(tokens(text), _ROLES) is None


def test_a_cell_per_paragraph_whose_level_1_is_written_once_opens_each_row_with_its_class() -> None:
    # the merged 产出指标 on its first row only: the next row opens with its level 2, one cell
    # short; the empty cells lost or kept, each row's class follows the last cell of the one
    # before
    from jixiao.ingest.readers.webtext_lines import class_rows

    roles: list[str | None] = ["level1", "level2", "name", "value", "actual", "weight"]
    cells = ["产出指标", "质量指标", "验收合格率", "98%", "100%", "25"]
    cells += ["时效指标", "完成及时率", "99%", "100%", "25"]
    cells += ["满意度指标", "服务对象满意度指标", "群众满意度", "95%", "100%", "10"]
    rows = class_rows(tokens("\n\n".join(cells) + "\n"), roles)
    assert rows is not None
    assert [r.cells for r in rows] == [
        cells[:6],
        ["", *cells[6:11]],
        cells[11:],
    ]
    # a last short row opening with no class: read from the names on (its checks judge it)
    rows = class_rows(tokens("\n\n".join([*cells, "预算执行率", "100%"]) + "\n"), roles)
    assert rows is not None and rows[-1].cells == ["", "", "预算执行率", "100%", "", ""]
    # a row one cell short inside the body (an empty cell lost): the class lands in a figure's
    # column, the rows do not come out so
    short = [*cells[:4], *cells[5:]]
    assert class_rows(tokens("\n\n".join(short) + "\n"), roles) is None
