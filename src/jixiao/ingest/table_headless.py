"""An indicator table whose header row is not in the text (a page that starts mid-table): the
header its rows fix by themselves, when they fix it uniquely.

The rows must each hold, in the same columns: the classes (一级 / 二级, as the framework knows
them, a merged cell left empty), a name, the target with its comparator written (``=100%``, or
the three cells ``≤ | 10 | 次``), and exactly one more filled column of bare numbers, followed
by a 合计 row whose one figure is 100 and not less than the rows' sum. Such a column is points:
the same bare number against targets of other units is no completed value, and 100 is the
total of a form's 分值 (a form that prints 得分 prints the 分值 it is measured against too, so a
lone points column is the 分值). Anything else (two value columns, texts whose order is not
stated) is left to the error naming what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from .grid import Grid
from .table_values import is_op
from .table_vocabulary import footer_role, vocabulary
from .text_cells import L1, L2, NUMBER, PHRASE, TEXT, VALUE, kind

LEVEL_LABELS = {L1: "一级指标", L2: "二级指标"}
MESSAGE = (
    "表格没有表头行（从指标行开始）：各行依次是指标类别、三级指标、带比较符的指标值和一列数，"
    "合计 100，这一列读作分值，完成值和得分为空"
)


def _figure(text: str) -> Decimal | None:
    t = "".join(text.split())
    if kind(t) != NUMBER:
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def _compared(text: str) -> bool:
    """A target with its comparator written (=100%, ≤10次)."""
    t = "".join(text.split())
    ops = vocabulary().ops
    return kind(t) == VALUE and any(t.startswith(op) and ops[op] and t != op for op in ops)


def _text(text: str) -> bool:
    return kind(text) in (PHRASE, TEXT) and not is_op(text)


def total_figure(row: Sequence[str]) -> tuple[int, Decimal] | None:
    """A 合计 row's one figure and its column (合计 | 合计 | 100 | | ), else ``None``."""
    cells = [c for c in row if c]
    if not cells or footer_role(cells[0]) != "score":
        return None
    figures = [(j, c) for j, c in enumerate(row) if c and c != cells[0]]
    if len(figures) != 1:
        return None
    value = _figure(figures[0][1])
    return None if value is None else (figures[0][0], value)


def points_header(body: Sequence[Sequence[str]], total: Sequence[str]) -> list[str] | None:
    """The header labels the rows ``body`` and their 合计 row ``total`` fix (see the module),
    with an empty label over a column that stays empty; ``None`` where they fix none."""
    width = max((len(r) for r in body), default=0)
    if len(body) < 2 or width < 4:
        return None
    cols = list(zip(*(list(r) + [""] * (width - len(r)) for r in body), strict=True))
    labels: list[str] = []
    j = 0
    while j < width:
        kinds = {kind(c) for c in cols[j] if c}
        if len(kinds) != 1 or not kinds <= {L1, L2}:
            break
        labels.append(LEVEL_LABELS[kinds.pop()])
        j += 1
    if not labels or len(set(labels)) != len(labels) or j + 2 >= width:
        return None
    if not all(_text(c) for c in cols[j]):
        return None
    labels.append("三级指标")
    j += 1
    if all(_compared(c) for c in cols[j]):
        labels.append("指标值")
        j += 1
    elif (
        j + 3 < width
        and all(is_op(c) for c in cols[j])
        and all(
            kind(a) == NUMBER and _text(b) for a, b in zip(cols[j + 1], cols[j + 2], strict=True)
        )
    ):
        labels += ["指标性质", "指标值", "度量单位"]
        j += 3
    else:
        return None
    filled = [n for n in range(j, width) if any(cols[n])]
    if len(filled) != 1:
        return None
    points = [_figure(c) for c in cols[filled[0]]]
    found = total_figure(total)
    if found is None or any(p is None for p in points) or found[1] != 100:
        return None
    at, _ = found
    if len(total) == width and at != filled[0]:
        return None  # (where the 合计 row has the columns, its figure is under the points)
    if sum(p for p in points if p is not None) > found[1]:
        return None
    labels += [""] * (width - len(labels))
    labels[filled[0]] = "分值"
    return labels


def points_row(label: str, figure: str, header: Sequence[str]) -> list[str]:
    """The 合计 row (``label``) of a header :func:`points_header` fixed, its one ``figure`` set
    under the 分值 it totals."""
    row = [label, *[""] * (len(header) - 1)]
    row[list(header).index("分值")] = figure
    return row


def with_header(grid: Grid) -> tuple[Grid, int] | None:
    """``grid`` (which has no header row) with the header its first run of indicator rows
    fixes inserted above them, and the index of that row; ``None`` where the rows fix none."""
    rows = grid.rows
    start = next(
        (k for k, r in enumerate(rows) if kind(next((c for c in r if c), "")) in (L1, L2)), None
    )
    if start is None:
        return None
    end = next(
        (k for k in range(start, len(rows)) if footer_role(next((c for c in rows[k] if c), ""))),
        None,
    )
    if end is None:
        return None
    header = points_header(rows[start:end], rows[end])
    if header is None:
        return None
    found = total_figure(rows[end])
    assert found is not None  # (points_header requires it)
    total = list(rows[end])
    if len(total) != len(header):  # its figure is the points' total: set under 分值
        total = points_row(total[0], str(found[1]), header)
    total_at = [*rows[:end], total, *rows[end + 1 :]]
    made = Grid(
        grid.name,
        [*total_at[:start], header, *total_at[start:]],
        [*grid.lines[:start], grid.lines[start], *grid.lines[start:]],
        list(grid.notes),
        {k + (k >= start): c for k, c in grid.continued.items()},
    )
    return made, start
