"""A comparator column and a direction column labelled the other way round: 指标性质 over
正向 / 反向 and 指标方向 over = / ≥, as some templates print them. Elsewhere 指标性质 labels the
comparator (≥) or 定量 / 定性 and 指标方向 the direction (正向指标), so the label alone cannot say
which a column holds; its cells can. A comparator-labelled column every filled cell of which is a
direction word (``direction_word`` in ``data/table_layout.toml``; 定性 rows aside) is read as the
direction column, and the direction-labelled column, if there is one, as the comparator's, only
when every filled cell of it is a comparator (大于等于 as well as ≥, or 定量 / 定性). A column
mixing the two, or a direction column holding anything else, keeps its label's role: what its
cells mean is then not settled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .table_header import Columns
from .table_vocabulary import footer_role, role_of, vocabulary

MESSAGE = "“{op}”列填的是正向/反向，按指标方向读取"
SWAPPED = "；“{direction}”列填的是比较符号，按符号读取"


def _label(rows: Sequence[Sequence[str]], cols: Columns, j: int, role: str) -> str:
    """The header's label of column ``j`` (the row above the body), or the role's usual one."""
    row = rows[cols.body - 1] if cols.body else []
    cell = "".join(row[j].split()) if j < len(row) else ""
    return (
        cell
        if cell and role_of(cell) == role
        else {"op": "指标性质", "direction": "指标方向"}[role]
    )


def _column(rows: Sequence[Sequence[str]], j: int) -> list[str]:
    """The filled cells of column ``j`` (whitespace removed), to the first footer row; a header
    label repeated in it is skipped."""
    cells = []
    for row in rows:
        filled = [c for c in row if c]
        if filled and footer_role(filled[0]):
            break
        cell = "".join(row[j].split()) if j < len(row) else ""
        if cell and role_of(cell) is None:
            cells.append(cell)
    return cells


def _comparator(cell: str) -> bool:
    voc = vocabulary()
    t = cell.strip("-－—_")
    return t in voc.ops or t in voc.qualitative_ops


def directed(rows: Sequence[Sequence[str]], cols: Columns, end: int) -> tuple[Columns, str]:
    """The header's columns with a comparator-labelled column of direction words read as the
    direction column (and the direction-labelled column of comparators as the comparator's),
    and the note saying so (``""``: they were not; see the module)."""
    op = cols.roles.get("op")
    if op is None:
        return cols, ""
    body = rows[cols.body : end]
    voc = vocabulary()
    # (定性 beside 正向 / 反向: a qualitative row, in a column of directions all the same)
    words = [w for w in _column(body, op) if w not in voc.qualitative_ops]
    if not words or not all(voc.direction_word.fullmatch(w) for w in words):
        return cols, ""
    roles = dict(cols.roles)
    message = MESSAGE.format(op=_label(rows, cols, op, "op"))
    at = roles.get("direction")
    if at is None:
        del roles["op"]
    elif all(_comparator(c) for c in _column(body, at)):
        roles["op"] = at
        message += SWAPPED.format(direction=_label(rows, cols, at, "direction"))
    else:
        return cols, ""
    roles["direction"] = op
    return replace(cols, roles=roles), message
