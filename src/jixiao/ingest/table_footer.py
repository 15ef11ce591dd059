"""The rows under a table's indicators: its footer (总分 | 100 | 96 | 优, 其他需要说明事项,
审核意见 …), the printed total score and grade it states, and the next form that may follow it.
Vocabulary: ``data/table_layout.toml`` (``footer``, ``footer_grades``)."""

from __future__ import annotations

from decimal import Decimal

from ..model import NoteLevel, Project
from .grid import Grid
from .table_block import starts_form
from .table_title import kind_of
from .table_values import NoteFn, decimal_cell
from .table_vocabulary import footer_role, vocabulary

FOOTER_ROWS = 12
"""Rows after a footer label where the next form's title may stand."""


def _quiet(level: NoteLevel, code: str, message: str, line: int | None) -> None:
    pass


def next_form(grid: Grid, lo: int, hi: int) -> int | None:
    """The first row from ``lo`` that starts another form after a footer: a form's title alone
    on its row (部门预算项目支出绩效自评表(2023年度)) followed by its 项目名称 row."""
    for k in range(lo, min(hi, lo + FOOTER_ROWS)):
        cells = list(dict.fromkeys(c for c in grid.rows[k] if c))  # (a title's merged cell)
        if len(cells) == 1 and kind_of(cells[0]) is not None and k + 1 < hi:
            nxt = grid.rows[k + 1]
            if nxt and starts_form(nxt[0], nxt):
                return k
    return None


def later_score_row(grid: Grid, lo: int, hi: int) -> int | None:
    """A 总分 row among the footer rows from ``lo`` (其他需要说明事项 | 无, then 总分 | 100 |
    96 | 优), or ``None`` where a row that is no footer comes first."""
    for k in range(lo, hi):
        row = grid.rows[k]
        head = next((c for c in row if c), "")
        role = footer_role(head) if head else None
        if role is None:
            return None
        if role == "score":
            return k
    return None


def score_row(
    row: list[str], written: str, line: int, note: NoteFn, points: str = ""
) -> tuple[Decimal | None, str | None]:
    """A 总分 row's printed total score and grade: the score is ``written`` (the 得分 column's
    cell), else the last number on the row (also where the 得分 column holds the grade: 总分 |
    100 | 自评等级 | 优). No score where the row's one figure is ``points`` (its 分值 column's
    cell, 合计 | 100 under 分值, or the form's points when it scores nothing, see
    :func:`unscored_points`) and no 得分 is written: the points' total, not a score."""
    grades = vocabulary().grades
    row = [_unstopped(c) for c in row]  # (得分合计 | 100。: the page's sentence ends there)
    written = _unstopped(written)
    figures = [c for c in row if c and decimal_cell(c, "", line, _quiet) is not None]
    alone = decimal_cell(figures[0], "", line, _quiet) if len(figures) == 1 else None
    if points and not written and alone == decimal_cell(points, "", line, _quiet):
        note(
            "info",
            "score.points_total",
            f"合计行的 {figures[0]} 是分值的合计，不是得分，总分留空",
            line,
        )
        return None, None
    if not written or "".join(written.split()) in grades:
        written = figures[-1] if figures else ""
    score = decimal_cell(written, "总分", line, note)
    grade = next((c for c in row if "".join(c.split()) in grades), None)
    return score, None if grade is None else "".join(grade.split())


def _unstopped(cell: str) -> str:
    """``cell`` without the full stop a page's text ends a figure with (100。), or the 分 a
    score is written with (总分 | 100分)."""
    text = cell.rstrip()
    for mark in ("。", "分"):
        if text.endswith(mark) and text[:-1].strip()[-1:].isdigit():
            return text[:-1]
    return cell


def unscored_points(project: Project) -> str:
    """The sum of a project's 分值 (its indicators' and its funds row's) when none of them is
    scored (the form's 得分 cells all empty), else ``""``: a 合计 figure equal to it totals the
    points, whichever column the text lost it in."""
    ex = project.execution
    if any(i.score is not None for i in project.indicators) or (ex and ex.score is not None):
        return ""
    weights = [i.weight for i in project.indicators if i.weight is not None]
    if ex is not None and ex.weight is not None:
        weights.append(ex.weight)
    return str(sum(weights)) if weights else ""
