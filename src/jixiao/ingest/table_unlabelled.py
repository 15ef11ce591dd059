"""A target column whose label no vocabulary knows (年度数值 before it was added, 目标数, 指标数):
without it every row would be read with an empty target, a wrong row each. Where a header names
the indicators but no target column, the first column after the names whose label names no
role is read as the targets when a third of its cells above the form's footer, two at least
(one in a column of three or fewer), are typed as targets by the value grammar with the row's
comparator and unit cells (a figure with a unit, a comparator, a percentage: ≥95%, 6962人; the
others may be words: 效果明显): bare numbers make no target column (a 权数 column of 10 / 20),
nor do words alone, except before the 分值 column the header names (a column of figures before
the weights holds the targets). Only where the header has no target column at all: a row read
with no target is wrong anyway."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..targets import type_target
from .table_header import Columns
from .table_vocabulary import VALUE_ROLES, footer_role, role_of, vocabulary

_BARE = frozenset("0123456789.")

MESSAGE = "“{label}”列没有可识别的列名，其下多为指标值，按指标值读取"


def _typed(cell: str) -> bool:
    t = "".join(cell.split())
    return not set(t) <= _BARE and type_target(t).kind == "quantitative"


def _bare(cell: str) -> bool:
    t = "".join(cell.split())
    return bool(t) and set(t) <= _BARE and t.count(".") <= 1


def _joined(row: Sequence[str], j: int, roles: dict[str, int]) -> str:
    """Cell ``j`` as the target it would make: with the row's comparator and unit cells (指标性质
    | 95 | %), as the rows' reader joins them."""
    op, unit = roles.get("op"), roles.get("measure")
    before = row[op] if op is not None and op < len(row) else ""
    after = row[unit] if unit is not None and unit < len(row) else ""
    return before + row[j] + after


def unlabelled_target(
    rows: Sequence[Sequence[str]], cols: Columns, end: int
) -> tuple[Columns, str]:
    """The header's columns with such a column read as the targets, and the note saying so
    (``""``: none was)."""
    roles = cols.roles
    name = roles.get("name")
    if name is None or VALUE_ROLES & roles.keys() or cols.areas or cols.body == 0:
        return cols, ""
    header = rows[cols.body - 1]
    taken = set(roles.values())
    body = []
    for row in rows[cols.body : end]:
        first = next((c for c in row if c), "")
        if first and footer_role("".join(first.split())):
            break  # (合计, 评价结论: the form's footer, no indicator rows)
        body.append(row)
    top = rows[cols.body - 2] if cols.two_rows and cols.body >= 2 else ()
    for j in range(name + 1, len(header)):
        label = "".join(header[j].split())
        if not label or j in taken or label == "".join(header[name].split()):
            continue
        if role_of(label) is not None or label in vocabulary().grades:
            continue
        if j < len(top) and role_of(top[j]) is not None:
            continue  # (优 | 良 | 中 under 评价标准: a labelled group's part, no target)
        cells = [_joined(r, j, roles) for r in body if j < len(r) and r[j].strip()]
        # (before a 分值 column the header names, bare figures are the targets: 10 | 10分)
        weighed = "weight" in roles and j < roles["weight"]
        typed = sum(1 for c in cells if _typed(c) or (weighed and _bare(c)))
        if typed >= (1 if len(cells) <= 3 else 2) and typed * 3 >= len(cells):
            return replace(cols, roles={**roles, "value": j}, one_column=True), MESSAGE.format(
                label=label
            )
    return cols, ""
