"""A header labelled one level too high: 一级指标 | 二级指标 | 指标值 with no 三级指标 (指标名称)
column, over rows whose 一级 cells are level-2 classes (数量指标, 质量指标) and whose 二级 cells
are indicator names. Some templates print their columns so; the rows say which level each
column holds, so the 一级 column is read as the level 2 (its level 1 from the framework) and
the 二级 column as the names, with a note. Only when every filled 一级 cell is a level-2 class
the framework knows and no 二级 cell is a class: anything else is still refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..framework import Framework
from .grid import Grid
from .table_vocabulary import VALUE_ROLES, footer_role, role_of

MESSAGE = (
    "表头只有一级指标、二级指标两列类别，没有三级指标列，但一级指标列填的是二级类别（数量指标等）、"
    "二级指标列填的是指标名称：按二级指标、三级指标读取，一级指标按指标体系补全"
)


def _level_columns(row: Sequence[str]) -> tuple[int, int] | None:
    """The 一级 and 二级 columns of a header row with a target column and no names column."""
    roles: dict[str, int] = {}
    for j, cell in enumerate(row):
        role = role_of(cell) if cell else None
        if role is not None:
            roles.setdefault(role, j)
    if "name" in roles or not VALUE_ROLES & roles.keys():
        return None
    if "level1" not in roles or "level2" not in roles or roles["level1"] > roles["level2"]:
        return None
    return roles["level1"], roles["level2"]


def one_level_down(labels: Sequence[str]) -> list[str] | None:
    """Header labels with 一级 and 二级 but no names column read one level down (一级 → 二级,
    二级 → 三级); ``None`` where they are not so. Whether the rows agree is the caller's."""
    cols = _level_columns(labels)
    if cols is None:
        return None
    first, second = (labels[j] for j in cols)
    return ["二级指标" if c == first else "三级指标" if c == second else c for c in labels]


def _is_class(fw: Framework, cell: str) -> bool:
    return fw.find1(None, cell) is not None or fw.find2(None, cell) is not None


def one_level_off(rows: Sequence[Sequence[str]], fw: Framework) -> int | None:
    """The header row whose columns are labelled one level too high (see the module)."""
    for k, row in enumerate(rows):
        cols = _level_columns(row)
        if cols is not None:
            return k if agrees(rows[k + 1 :], *cols, fw) else None
    return None


def agrees(rows: Sequence[Sequence[str]], first: int, second: int, fw: Framework) -> bool:
    """Whether the rows (to the first footer row) hold level-2 classes in column ``first`` (one
    at least, every filled cell) and, in column ``second``, two names or more and no class."""
    classes = names = 0
    for r in rows:
        filled = [c for c in r if c]
        if not filled or footer_role(filled[0]):
            break
        one = r[first] if first < len(r) else ""
        two = r[second] if second < len(r) else ""
        if (one and fw.find2(None, one) is None) or (two and _is_class(fw, two)):
            return False
        classes += bool(one)
        names += bool(two)
    return bool(classes) and names >= 2


def relabelled(grid: Grid, fw: Framework) -> tuple[Grid, int] | None:
    """``grid`` with its one-level-off header read one level down (一级 → 二级, 二级 → 三级), and
    the header's index; ``None`` where no header is so."""
    k = one_level_off(grid.rows, fw)
    if k is None:
        return None
    header = one_level_down(grid.rows[k])
    assert header is not None
    rows = [list(r) for r in grid.rows]
    rows[k] = header
    return Grid(grid.name, rows, list(grid.lines), list(grid.notes), dict(grid.continued)), k
