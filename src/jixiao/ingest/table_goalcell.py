"""A department's project list whose goal cell holds the indicators as headed lines → the rows
of the row-per-indicator layout the interpreter reads.

Some budget systems publish a department's projects one per row (单位编码 | 单位名称(项目类别/
支出项目) | 年度预算安排 | 项目内容 | 绩效目标): grouping rows (the department, a unit, a
category) carry only a code, a name and a subtotal, and each project's 绩效目标 cell holds its
goal and its indicators as headed lines::

    【总体目标】 保障某某设施运转
    【产出指标-数量指标】 指标1:设备数量(≥10台) 指标2:…
    【效益指标-社会效益指标】 指标1:…(有效保障)

The grid is rewritten to one row per indicator under the standard columns, so classes, targets
and notes are read as in any table. A grouping row with a unit code names the unit of the
projects below it; other grouping rows (the department, categories, subtotals) are not projects.
An indicator line without its target in brackets is left out with a note (a wrong row is worse
than a missing one). Vocabulary: ``[goal_cell]`` in ``data/table_layout.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from ..errors import ParseError
from ..framework import load_framework
from ..preload import preloaded
from .grid import Grid
from .table_vocabulary import header_roles, layout_file, role_of


@dataclass(frozen=True, slots=True)
class _Words:
    heading: re.Pattern[str]
    class_heading: re.Pattern[str]
    goal_labels: frozenset[str]
    item: re.Pattern[str]
    item_target: re.Pattern[str]
    code_column: re.Pattern[str]
    content_column: re.Pattern[str]
    total_column: re.Pattern[str]
    header: tuple[str, ...]


@preloaded
@cache
def words() -> _Words:
    v = layout_file()["goal_cell"]
    return _Words(
        heading=re.compile(v["heading"]),
        class_heading=re.compile(v["class_heading"]),
        goal_labels=frozenset(v["goal_labels"]),
        item=re.compile(v["item"]),
        item_target=re.compile(v["item_target"]),
        code_column=re.compile(v["code_column"]),
        content_column=re.compile(v["content_column"]),
        total_column=re.compile(v["total_column"]),
        header=tuple(v["header"]),
    )


@dataclass(slots=True)
class GoalCell:
    """What one goal cell says: its goal, its indicators (level 1, level 2, name, target) and
    the indicator lines left out (their text)."""

    goal: str = ""
    items: list[tuple[str, str, str, str]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    headed: bool = False  # it has a class heading (【产出指标-数量指标】)


def class_heading(text: str) -> tuple[str, str] | None:
    """The level 1 and level 2 of a heading's text (产出指标-数量指标), when the level 1 is a
    class the framework knows (a heading of anything else is not a class heading)."""
    m = words().class_heading.fullmatch(text.strip())
    if m is None or load_framework().find1(None, m.group("level1")) is None:
        return None
    return m.group("level1").strip(), m.group("level2").strip()


def is_heading(text: str) -> bool:
    """A paragraph that starts with a 【…】 heading."""
    return words().heading.match(text.strip()) is not None


def is_item(text: str) -> bool:
    """A paragraph that starts an indicator line (指标1:)."""
    return words().item.match(text.strip()) is not None


def read_cell(text: str) -> GoalCell:
    """The goal and indicators of a goal cell written as headed lines."""
    w = words()
    cell = GoalCell()
    heads = list(w.heading.finditer(text))
    lead = text[: heads[0].start()].strip() if heads else ""  # a goal written before any heading
    for k, m in enumerate(heads):
        body = text[m.end() : heads[k + 1].start() if k + 1 < len(heads) else len(text)].strip()
        label = "".join(m.group(1).split())
        if label in w.goal_labels:
            cell.goal = cell.goal or body
            continue
        classes = class_heading(label)
        if classes is None:
            continue  # 【项目概况】 and the like: not a goal, not indicators
        cell.headed = True
        starts = [s.start() for s in w.item.finditer(body)] or [0]
        for a, b in zip(starts, [*starts[1:], len(body)], strict=True):
            line = body[a:b].strip()
            if not line:
                continue
            found = w.item_target.fullmatch(line)
            if found is None or not found.group("name").strip():
                cell.refused.append(line)
                continue
            cell.items.append((*classes, found.group("name").strip(), found.group("target")))
    cell.goal = cell.goal or lead
    return cell


@dataclass(frozen=True, slots=True)
class _Columns:
    header: int
    name: int
    goal: int
    code: int | None
    total: int | None


def _columns(rows: Sequence[Sequence[str]]) -> _Columns | None:
    """The list's header row: a goal column and a unit or project name column, no indicator
    name column (that is an indicator header)."""
    w = words()
    for k, row in enumerate(rows):
        if header_roles(row) is not None:
            return None
        roles = {j: role_of(c) for j, c in enumerate(row) if c}
        goal = [j for j, r in roles.items() if r == "goal"]
        names = [j for j, r in roles.items() if r == "project"] or [
            j for j, r in roles.items() if r == "unit"
        ]
        if len(goal) != 1 or len(names) != 1:
            continue
        bare = {j: "".join(c.split()) for j, c in enumerate(row)}
        code = next((j for j, c in bare.items() if w.code_column.fullmatch(c)), None)
        total = next((j for j, r in roles.items() if r == "total"), None)
        if total is None:
            total = next((j for j, c in bare.items() if w.total_column.fullmatch(c)), None)
        return _Columns(k, names[0], goal[0], code, total)
    return None


def _at(row: Sequence[str], j: int | None) -> str:
    return row[j] if j is not None and j < len(row) else ""


def expanded(grid: Grid, source: str) -> Grid | None:
    """``grid`` rewritten to the row-per-indicator layout, or ``None`` when it is not such a
    list (no header with a goal column, or no goal cell below it with a class heading).
    A list whose class headings hold no indicator line that can be read is refused, naming
    the row."""
    cols = _columns(grid.rows)
    if cols is None:
        return None
    body = range(cols.header + 1, len(grid.rows))
    cells = {r: read_cell(_at(grid.rows[r], cols.goal)) for r in body}
    headed = [r for r in body if cells[r].headed]
    if not headed:
        return None
    if not any(cells[r].items for r in headed):
        raise ParseError(
            f"绩效目标单元格中有指标类别标题（“{_at(grid.rows[headed[0]], cols.goal)[:30]}…”），"
            "但标题下没有能读出的“指标1:名称(指标值)”行",
            source=source,
            line=grid.lines[headed[0]],
            expected="每个【一级指标-二级指标】标题下，一行一个“指标N:名称(指标值)”",
        )
    w = words()
    out = Grid(grid.name, [list(r) for r in grid.rows[: cols.header]], grid.lines[: cols.header])
    out.rows.append(list(w.header))
    out.lines.append(grid.lines[cols.header])
    fixed = {cols.name, cols.code, cols.total}
    unit = ""
    for r in body:
        row, line = grid.rows[r], grid.lines[r]
        name = _at(row, cols.name)
        if not name:
            continue
        if not any(c for j, c in enumerate(row) if j not in fixed):
            unit = name if _at(row, cols.code) else unit  # a unit's row (its code), or a group
            continue
        cell = cells[r]
        lead = [unit, name, _at(row, cols.total), cell.goal if cell.headed else _at(row, cols.goal)]
        for level1, level2, item, target in cell.items:
            out.rows.append([*lead, level1, level2, item, target])
            out.lines.append(line)
        if not cell.items:
            out.rows.append([*lead, "", "", "", ""])
            out.lines.append(line)
        for refused in cell.refused:
            out.note(
                "warning",
                "goal_cell.item_refused",
                f"项目“{name}”绩效目标中的“{refused[:40]}”没有括号中的指标值，未读取",
                line,
            )
    out.note(
        "info",
        "goal_cell.list",
        "绩效目标单元格中按标题分行写的指标逐条读取",
        grid.lines[cols.header],
    )
    return out
