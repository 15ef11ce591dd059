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
