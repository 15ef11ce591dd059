"""Where a grid's header rows are, what each header's columns hold, and which rows above a
header are its block (the one-project form fields: 项目名称 | X, 资金总额 | 100, 年度目标 | …).

A grid may hold several sections, each a header and its rows: a department table whose header
is repeated on every page, or one-project forms one after another. The rows between two
headers belong to the first section, except the block that introduces the second one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..framework import Framework, clean_label
from ..model import FUND_FIELDS
from .table_funds import is_funds_header
from .table_vocabulary import (
    block_role,
    funds_row,
    header_roles,
    is_tree_column,
    label_roles,
    role_of,
    vocabulary,
)


@dataclass(slots=True)
class Columns:
    """A header: role → column (the first one of each role; of several 分值 columns, the one
    after the names), the money unit each fund column's label states, the first body row, and
    how the header was read."""

    roles: dict[str, int]
    money: dict[str, str]
    body: int
    two_rows: bool = False
    one_column: bool = False  # one target column fills both targets
    areas: tuple[int, ...] = ()  # a target column per area (西坪镇 | 桃舟乡 …), no 指标值 label


@dataclass(frozen=True, slots=True)
class Section:
    block: int  # first row of the block above the header (== header: no block)
    header: int
    end: int  # end of the body (exclusive)
    repeated: bool  # the same header as the section before, with no new project above it


def _sub_header(row: Sequence[str], below: Sequence[str]) -> dict[int, str]:
    """The labels of a second header row under ``row`` (长期 / 年度 under 指标值, 指标性质 /
    指标值 / 度量单位 under 年度指标值), by column; empty when ``below`` is not one (every cell
    that differs from the one above must be a label)."""
    sub: dict[int, str] = {}
    grades = vocabulary().grades
    for j, c in enumerate(below):
        if not c or (j < len(row) and c == row[j]):
            continue
        # (优 / 良 / 中 / 差 under 评价标准: the grades its thresholds are for, no target)
        graded = c in grades and j < len(row) and role_of(row[j]) == "standard"
        if role_of(c) is None and not graded:
            return {}
        sub[j] = c
    return sub


def _spread(labels: list[str], sub: dict[int, str]) -> list[str]:
    """A group label over its second-row labels where the grid lost the merge (a sheet saved
    as CSV keeps a merged cell's text in its first column only): an empty top cell takes the
    label on its left while a column of the same empty run, at it or further right, has a
    label below (符号 | ∅ | 单位 under 预期指标值). Merged grids already repeat the label."""
    out = list(labels)
    for j in range(1, len(out)):
        if out[j] or not out[j - 1]:
            continue
        end = j
        while end < len(out) and not labels[end]:
            end += 1
        if any(x in sub for x in range(j, end)):
            out[j] = out[j - 1]
    return out


def _over(above: Sequence[str], row: Sequence[str]) -> list[str]:
    """The header row's labels with those a lost merge left on the row above (a sheet saved as
    CSV: 实际完成值 | 分值 | 得分 spanning both header rows keep their text on the upper row
    only, over empty cells of the row read as the header). Only where the row above is a
    header band: each of its cells a known label or over a labelled cell of the header (a
    group: 绩效指标 over 一级 | 二级 | 三级), and the labels it lends name roles the header
    lacks."""
    labels = list(row)
    gaps = [j for j, c in enumerate(above) if c and (j >= len(row) or not row[j])]
    if not gaps or len(gaps) == sum(1 for c in above if c):
        return labels
    own = {role_of(c) for c in row if c}
    for j, c in enumerate(above):
        if c and j not in gaps and role_of(row[j]) is None:
            return labels  # (a cell over a cell that is no label: not a header band)
    lent = [role_of(above[j]) for j in gaps]
    if any(r is None or r in own for r in lent) or len(set(lent)) != len(lent):
        return labels
    for j in gaps:
        while len(labels) <= j:
            labels.append("")
        labels[j] = above[j]
    return labels


def read_header(rows: Sequence[Sequence[str]], k: int) -> Columns:
    """The header at row ``k``; a second row under it (长期 / 年度 under 指标值) is joined. Two
    blocks side by side (中期 | 年度: 二级 | 三级 | 指标值 twice) give the left values as the
    实施期 targets and the right ones as the annual targets."""
    row = rows[k]
    labels = _over(rows[k - 1], row) if k > 0 else list(row)
    body = k + 1
    two_rows = False
    if body < len(rows):
        sub = _sub_header(row, rows[body])
        if sub:
            labels = _spread(labels, sub)
            for j, c in sub.items():
                while len(labels) <= j:
                    labels.append("")
                if role_of(c) is None:
                    continue  # a grade under 评价标准: the column stays the standard's
                top = clean_label(labels[j])
                labels[j] = top + c if top and role_of(top + c) in ("cycle", "annual") else c
            body += 1
            two_rows = True
    roles: dict[str, int] = {}
    money: dict[str, str] = {}
    placed = label_roles(labels)
    name_col = next((j for j, r in enumerate(placed) if r == "name"), None)
    second: dict[str, int] = {}
    for j, cell in enumerate(labels):
        role = placed[j]
        if role is None or (j > 0 and labels[j - 1] == cell):
            continue  # (a label spread over merged columns counts once)
        if role == "unit" and clean_label(cell) == "单位" and name_col is not None and j > name_col:
            role = "measure"
        names_at = roles.get("name")  # (the names' cell right before, over one column or more)
        beside = names_at is not None and all(
            labels[x] == labels[names_at] for x in range(names_at, j)
        )
        if role == "name" and beside and "explanation" not in roles:
            role = "explanation"  # 三级指标 | 指标内容: the second names column explains the first
        if role in roles:
            second.setdefault(role, j)
            continue
        roles[role] = j
        m = vocabulary().money_in_label.search(cell)
        if m and role in FUND_FIELDS:
            money[role] = m.group(1)
    weights = [
        j for j, r in enumerate(placed) if r == "weight" and labels[j - 1 : j] != [labels[j]]
    ]
    if len(weights) > 1 and "name" in roles:
        # 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值: each class's points beside it, the
        # names' own after them
        roles["weight"] = next((j for j in weights if j > roles["name"]), roles["weight"])
    if "name" in second:  # side by side: the right block's value is the annual target
        right = [j for r, j in second.items() if r in ("value", "annual")]
        right += [roles[r] for r in ("annual",) if r in roles and roles[r] > second["name"]]
        left = next((roles[r] for r in ("value", "cycle") if r in roles), None)
        if right and left is not None and left < second["name"]:
            for r in ("value", "cycle", "annual"):
                roles.pop(r, None)
            roles["cycle"], roles["annual"] = left, min(right)
            roles["name2"] = second["name"]  # the annual block's names and classes, where the
            if "level2" in second:  # 实施期 block leaves them empty
                roles["level2_2"] = second["level2"]
    first_class = min((roles[r] for r in ("level1", "level2", "name") if r in roles), default=0)
    if "project" not in roles and roles.get("goal", first_class) < first_class:
        del roles["goal"]  # a label column spanning the grid (年度绩效目标（90分）)
    areas = _areas(labels, roles)
    if areas:
        roles["value"] = areas[0]
        if not two_rows and body < len(rows) and _area_names(labels, rows[body], areas):
            body += 1  # (区域目标值 over 新罗区 | 永定区 …: the areas' names, no indicator)
            two_rows = True
    one_column = False
    if "value" in roles and "cycle" not in roles and "annual" not in roles:
        one_column = True
    elif ("cycle" in roles) != ("annual" in roles):
        one_column = True
        only = "cycle" if "cycle" in roles else "annual"
        roles.setdefault("value", roles.pop(only))
    return Columns(roles, money, body, two_rows, one_column, areas)


_TARGET_ROLES = frozenset({"value", "cycle", "annual", "actual"})


def _areas(labels: Sequence[str], roles: dict[str, int]) -> tuple[int, ...]:
    """A header with no target column whose columns after the last label are named by no
    label (a town, a village each): a target per area, as some regions' templates set them."""
    if "name" not in roles or _TARGET_ROLES & set(roles):
        return ()
    last = max(roles.values())
    return tuple(
        j
        for j in range(last + 1, len(labels))
        if "".join(labels[j].split()) and role_of(labels[j]) is None
    )


def _area_names(labels: Sequence[str], below: Sequence[str], areas: Sequence[int]) -> bool:
    """Whether ``below`` names the areas under a label spanning them (区域目标值): a different
    text under each area, no label, and elsewhere only the header's own cells or none."""
    named = [below[j] if j < len(below) else "" for j in areas]
    if not all(named) or len(set(named)) != len(named) or any(role_of(c) for c in named):
        return False
    return all(
        not c or (j < len(labels) and c == labels[j]) for j, c in enumerate(below) if j not in areas
    )


def sections(rows: Sequence[Sequence[str]]) -> list[Section]:
    """The sections of a grid, in order (empty: no header row)."""
    starts: list[int] = []
    for k, row in enumerate(rows):
        if header_roles(row) is not None and not (starts and starts[-1] == k - 1):
            starts.append(k)  # (a header's second row is part of it)
    result: list[Section] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(rows)
        if n == 0:
            block = 0
            repeated = False
        else:
            before = starts[n - 1]
            block = _block_start(rows, before, start)
            repeated = rows[start] == rows[before] and block == start
        if result:
            prev = result[-1]
            result[-1] = Section(prev.block, prev.header, block, prev.repeated)
        result.append(Section(block, start, end, repeated))
    return result


def _block_start(rows: Sequence[Sequence[str]], before: int, start: int) -> int:
    """The first row of the block above the header at ``start`` (the previous header is at
    ``before``): the rows just above it that name a new project (项目名称 | X) and its fields,
    with any one-cell lines among them (a title, 单位：万元). No project named: no block."""
    roles = header_roles(rows[before]) or {}
    name_col = next((j for j, r in roles.items() if r == "name"), None)
    k = start
    project = False
    while k - 1 > before:
        row = rows[k - 1]
        filled = [c for c in row if c]
        if unit_line(filled):
            k -= 1  # (207101某某局 | 单位:万元: the next form's heading line)
            continue
        named = row[name_col] if name_col is not None and name_col < len(row) else ""
        if named and role_of(named) is None:
            break  # an indicator row of the section above
        if filled and not (len(set(filled)) == 1 and role_of(filled[0]) is None):
            labels = _block_labels(row)
            if not labels:
                break
            project = project or "project" in labels
        k -= 1
    if not project:
        return start
    while k < start and not _block_labels(rows[k]) and not _is_block_line(rows[k]):
        k += 1  # a class row of the section above, not a title over the block
    return k


def unit_line(filled: Sequence[str]) -> bool:
    """A line of one text and a money unit (207101某某局 | 单位:万元): a form's heading line,
    never an indicator row."""
    distinct = set(filled)
    units = {c for c in distinct if vocabulary().money_in_cell.fullmatch(c.strip())}
    return bool(units) and len(distinct - units) <= 1


def _is_block_line(row: Sequence[str]) -> bool:
    """A one-cell line that belongs to a block: a title, 部门名称：…, 单位：万元 (after one
    other text)."""
    voc = vocabulary()
    text = next((c for c in row if c), "")
    if unit_line([c for c in row if c]):
        return True
    return bool(
        voc.title.search(text)
        or voc.department_line.match(text)
        or voc.money_in_cell.search(text)
        or voc.money_in_label.search(text)
    )


def _block_labels(row: Sequence[str]) -> set[str]:
    """The block roles a row states as label | value (empty: not a block row)."""
    first = next((c for c in row if c), "")
    if vocabulary().total_row.fullmatch("".join(first.split())):
        return set()
    found: set[str] = set()
    if is_funds_header(row):
        return {"funds"}
    for j, cell in enumerate(row):
        role = block_role(cell) or ("funds" if funds_row(cell) else None)
        if role is not None and any(c and block_role(c) is None for c in row[j + 1 :]):
            found.add(role)
    return found


def shifted(
    rows: Sequence[Sequence[str]], cols: Columns, end: int, fw: Framework
) -> tuple[Columns, bool]:
    """The header's columns moved one to the right when the rows under it have a label
    column the header row lacks (绩效指标 | 产出指标 | 数量指标 … under 一级指标 | …), and
    whether they were."""
    at = cols.roles.get("level1")
    if at is None:
        return cols, False
    body = [r for r in rows[cols.body : end] if any(r)][:3]

    def is_class(row: Sequence[str], j: int) -> bool:
        return j < len(row) and fw.find1(None, row[j]) is not None

    def label_column(row: Sequence[str]) -> bool:  # 绩效指标 spanning the grid, or nothing
        return at < len(row) and (not row[at] or is_tree_column(row[at]))

    if body and label_column(body[0]) and is_class(body[0], at + 1):
        return replace(cols, roles={k: j + 1 for k, j in cols.roles.items()}), True
    return cols, False


def class_columns(
    rows: Sequence[Sequence[str]], cols: Columns, end: int, fw: Framework
) -> tuple[Columns, bool]:
    """The columns just before the names whose labels name no role (评价指标 | 评价内容 |
    指标名称) taken as the class columns, and whether they were: only where the header has
    none and the cells under the right one are mostly the framework's level-2 classes (two
    at least), the one on its left then the level 1. A label alone never decides it."""
    roles = cols.roles
    name = roles.get("name")
    if name is None or {"level1", "level2"} & set(roles):
        return cols, False
    header = rows[cols.body - 1 - int(cols.two_rows)]
    labels = vocabulary().class_column_labels
    taken = set(roles.values())
    found: list[int] = []
    j = name - 1
    while j >= 0 and len(found) < 2 and j < len(header) and j not in taken:
        if clean_label(header[j]) not in labels:
            break
        found.insert(0, j)
        j -= 1
    if not found:
        return cols, False
    right = found[-1]
    cells = {"".join(r[right].split()) for r in rows[cols.body : end] if right < len(r)} - {""}
    classes = [c for c in cells if fw.find2(None, c) is not None]
    if len(classes) < 2 or 2 * len(classes) <= len(cells):
        return cols, False
    new = dict(roles, level2=right)
    if len(found) == 2:
        new["level1"] = found[0]
    return replace(cols, roles=new), True
