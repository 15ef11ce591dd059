"""A page's last line after a table written with its cells split by spaces: chrome, not a cell.

Where a table's rows are written a row per line, or the whole table on one line, with spaces
between the cells, a cell never starts a line of its own: a cell broken over lines leaves its
tail at the head of the next line, before the cells after it. So a line holding one token alone,
the text's last, that the aligner would read as a whole value cell of the table's last row (its
指标值 empty or cut off: 培育推广成功率 | 食用菌及中药材, then ``(以下内容略)``) is the page's
note after the table, not that row's value: it is read as the page's, and the row without it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..text_align import Row
from ..text_cells import ROW_VALUE_ROLES
from ..text_tokens import Token

MESSAGE = (
    "表格最后一行之后单独一行的文字（各格以空格分开的表格里，格不会独占一行）是网页内容，"
    "不是最后一行的格，未读取"
)


def lone_tail(
    read: Callable[[], Sequence[Row]], part: Sequence[Token], roles: Sequence[str | None]
) -> int:
    """The number of tokens of ``part`` to read as the table's (all of them, or all but its last
    line when that line is one token alone, in a body most of whose cells follow a space, read
    by the rows ``read`` gives as a whole value cell of the last row). The rows are read only
    when the text's last line could be such a token: reading them is the body's dearest step."""
    filled = [t for t in part if not t.empty]
    if len(filled) < 3:
        return len(part)
    last = filled[-1]
    if filled[-2].line == last.line or last.gap not in ("line", "para"):
        return len(part)
    if 2 * sum(t.gap == "space" for t in filled) <= len(filled):
        return len(part)  # (a cell per line: a cell alone on its line is how cells are written)
    rows = read()
    if not rows:
        return len(part)
    row = rows[-1]
    col = next((j for j, ts in row.parts.items() if any(t is last for t in ts)), None)
    if col is None or roles[col] not in ROW_VALUE_ROLES or len(row.parts[col]) != 1:
        return len(part)
    if not any(ts and j != col for j, ts in row.parts.items()):
        return len(part)  # (the row is that one token: nothing on the lines before is its)
    return next(k for k, t in enumerate(part) if t is last)


CLASSLESS_TAIL = (
    "是文字的最后一行，表中其余各行都写着自己的二级指标、它没有（可能是表格之后的网页文字）"
)
_HABIT_ROWS = 3  # rows stating their own level 2 before a habit is one


def classless_tail(rows: Sequence[Row], roles: Sequence[str | None]) -> bool:
    """The last row of a body at the text's end, with values but no class of its own, where
    every other named row states its own level 2 (none merged from above): a line after the
    table (学校办公室 2019年2月, the page's signature and date) read as a row."""
    if "level2" not in roles or "name" not in roles or len(rows) <= _HABIT_ROWS:
        return False
    two, at = roles.index("level2"), roles.index("name")
    values = [j for j, role in enumerate(roles) if role in ROW_VALUE_ROLES]
    named = [r for r in rows if r.cells[at] and any(r.cells[j] for j in values)]
    if len(named) <= _HABIT_ROWS or named[-1] is not rows[-1]:
        return False
    last = rows[-1]
    if any(last.cells[j] for j, role in enumerate(roles) if role in ("level1", "level2")):
        return False
    return all(r.cells[two] for r in named[:-1])
