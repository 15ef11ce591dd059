"""Indicator rows run together under a header that states where each cell stands: 指标名称 |
计量单位 | 指标性质 | 指标值 | 权重 | 完成值 | 得分, with every row written name · unit · one run
of figures (天然林管护任务完成率%901010010). The unit column comes before the figures, so the
run is the row's figures and nothing else, and the words after it are the next row's name. The
run is cut into the header's figure columns in order, where one cut only is well formed and
keeps each 得分 within its 分值 (0 < 分值 ≤ 100). When the form's lost points are all the
execution's (自评总分 97.93, execution 7.93 of 10: 100 − 97.93 = 10 − 7.93), every indicator has
full marks (得分 = 分值), which a cut must keep as well; a tie is settled only by the one cut
whose percentages all stay within 100. Anything else is left out, with a note."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

from ...targets import quantity_at
from ..grid import GridNote
from ..table_vocabulary import footer_role, funds_column, role_of
from ..text_align import Row
from ..text_tokens import Token

_FIGURE_ROLES = ("value", "annual", "weight", "actual", "score")
_TRAILING = frozenset({"remark", "explanation", "deviation", "standard", None})
_RUN = re.compile(r"(?P<words>[^\d.≥≤<>=]+)(?P<op>[≥≤<>=]*)(?P<figures>\d[\d.]*)")
_FIGURE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
_POINTS = re.compile(r"^[(（]\s*分\s*[)）]")
_POINTS_AFTER = re.compile(r"(?:[(（]\s*分\s*[)）])?\s*[:：]?$")
_SCORE_CELL = re.compile(r"^(?P<label>\D+?)(?P<n>\d+(?:\.\d+)?)$")
_MAX_RUN = 24  # (figures: a longer run is no row's, and the cuts grow with its cube)
_MAX_UNIT = 6
_FULL = 100.0  # (a form's points: the lost ones are counted against it)


def _columns(roles: list[str | None]) -> tuple[int, int, list[int]] | None:
    """The name and unit columns and the figure columns after them, when the header reads 名称
    | 单位 | (性质) | the four figures (target, 分值, 完成值, 得分) | columns of words."""
    if "name" not in roles or "measure" not in roles:
        return None
    name, unit = roles.index("name"), roles.index("measure")
    if unit != name + 1 or any(roles[:name]):  # (no class columns: a row is name · unit · run)
        return None
    figures: list[int] = []
    for j in range(unit + 1, len(roles)):
        role = roles[j]
        if role in _FIGURE_ROLES:
            figures.append(j)
        elif role == "op" and not figures:
            continue
        elif role not in _TRAILING or len(figures) < 4:
            return None
    got = sorted(roles[j] or "" for j in figures)
    if len(figures) != 4 or got not in (sorted(["value", "weight", "actual", "score"]),):
        return None
    return name, unit, figures


def _unit(words: str) -> tuple[str, str] | None:
    """``words`` cut into the name and the unit that ends it (the longest that is one)."""
    for k in range(min(_MAX_UNIT, len(words) - 2), 0, -1):
        tail = words[-k:]
        if quantity_at("1" + tail) == 1 + k:
            return words[:-k], tail
    return None


def _cuts(run: str, parts: int) -> list[list[str]]:
    """Every cut of ``run`` into ``parts`` well-formed figures."""
    if parts == 1:
        return [[run]] if _FIGURE.fullmatch(run) else []
    out: list[list[str]] = []
    for k in range(1, len(run)):
        head = run[:k]
        if _FIGURE.fullmatch(head):
            out.extend([head, *rest] for rest in _cuts(run[k:], parts - 1))
    return out


def split_run(run: str, order: Sequence[str], full_marks: bool, percent: bool) -> list[str] | None:
    """The figures of ``run`` under the columns ``order`` (value, weight, actual, score in the
    header's order): the one cut keeping 0 < 分值 ≤ 100 and 得分 ≤ 分值 (``full_marks``: 得分
    = 分值); of several, the one whose target and 完成值 stay within 100 (``percent``: the
    row's unit is %); ``None`` when no single cut is left."""
    if len(run) > _MAX_RUN:
        return None
    w, s = order.index("weight"), order.index("score")
    found = []
    for cut in _cuts(run, len(order)):
        weight, score = float(cut[w]), float(cut[s])
        if not 0 < weight <= _FULL or score > weight or (full_marks and score != weight):
            continue
        found.append(cut)
    if len(found) > 1 and percent:
        found = [
            c for c in found if all(float(x) <= _FULL for k, x in enumerate(c) if k not in (w, s))
        ]
    return found[0] if len(found) == 1 else None


def _form_points(emitted: Sequence[list[str]]) -> tuple[float, float, float] | None:
    """The form's 自评总分 and its execution's 分值 and 得分, as the rows ``emitted`` before the
    indicator header state them (``None`` when any is missing)."""
    total: float | None = None
    cols: dict[str, int] = {}
    points: dict[str, float] = {}
    since = max((k + 1 for k, row in enumerate(emitted) if "name" in map(role_of, row)), default=0)
    for row in emitted[since:]:  # (this form's rows: those after the last indicator header)
        for j, cell in enumerate(row):
            text = "".join(cell.split())
            m = _SCORE_CELL.match(text)
            if m and footer_role(_POINTS_AFTER.sub("", m["label"])) == "score":
                total = float(m["n"])
            elif footer_role(text) == "score" and j + 1 < len(row):
                n = "".join(row[j + 1].split())
                total = float(n) if _FIGURE.fullmatch(n) else total
        if len(row) > 2 and not row[0] and all(funds_column(x) for x in row[1:]):
            cols = {r: j + 1 for j, x in enumerate(row[1:]) if (r := funds_column(x))}
            continue
        for role in ("weight", "score"):
            j = cols.get(role, 0)
            if j and j < len(row) and _FIGURE.fullmatch("".join(row[j].split())):
                points.setdefault(role, float(row[j]))
    if total is None or len(points) < 2:
        return None
    return total, points["weight"], points["score"]


def _full_marks(emitted: Sequence[list[str]]) -> bool:
    """Whether the form lost no point outside its execution (see the module's docstring)."""
    got = _form_points(emitted)
    if got is None:
        return False
    total, weight, score = got
    return score <= weight and abs((_FULL - total) - (weight - score)) < 0.005


def _body_text(part: Sequence[Token]) -> str:
    """The body's text with the header's leftovers before the first name cut off: its points
    (分) and the labels of columns of words (说明)."""
    text = "".join("".join(t.text.split()) for t in part)
    text = _POINTS.sub("", text)
    label = max(
        (k for k in range(2, 7) if role_of(text[:k]) in ("remark", "deviation", "explanation")),
        default=0,
    )
    return text[label:]


def unit_rows(
    part: Sequence[Token], roles: list[str | None], emitted: Sequence[list[str]], at_end: bool
) -> tuple[list[Row], list[GridNote]] | None:
    """The rows of a run-together body read as the module says, with notes for the rows left
    out; ``None`` when the header or the body is not so (another reading is tried).
    ``emitted``: the grid's rows before the header."""
    cols = _columns(roles)
    if cols is None or not part or any(t.gap not in ("glue", "cut") for t in part[1:]):
        return None
    name, unit, figures = cols
    order = [roles[j] or "" for j in figures]
    text = _body_text(part)
    runs = list(_RUN.finditer(text))
    if not runs or runs[0].start() != 0 or any(a.end() != b.start() for a, b in pairwise(runs)):
        return None
    tail = text[runs[-1].end() :]
    full = _full_marks(emitted)
    line = part[0].line
    rows: list[Row] = []
    notes: list[GridNote] = []
    for k, m in enumerate(runs):
        named = _unit(m["words"])
        if named is None:
            return None  # (a row without its unit: the unit column is not where the header says)
        if k == len(runs) - 1 and at_end and not tail:
            notes.append(_note("是文字的最后一行，末尾的数可能被截断", m.group(), line))
            continue
        cut = split_run(m["figures"], order, full, named[1] in ("%", "％"))
        if cut is None:
            notes.append(_note("的数连在一起，分不出唯一一种读法", m.group(), line))
            continue
        cells = [""] * len(roles)
        cells[name], cells[unit] = named
        for j, figure in zip(figures, cut, strict=True):
            cells[j] = figure
        value = figures[order.index("value")]
        cells[value] = m["op"] + cells[value]
        rows.append(Row(cells, line, 0.0, 1))
    if tail:
        notes.append(GridNote("info", "text.row_cut", f"文字末尾的半行未读取：{tail[:40]}", line))
    return rows, notes


def _note(why: str, text: str, line: int) -> GridNote:
    return GridNote("warning", "text.row_unclear", f"这一行{why}，未读取：{text[:80]}", line)


class Sink(Protocol):
    """The grid being built: its rows so far (the last is the indicator header), its notes."""

    rows: list[list[str]]
    notes: list[GridNote]

    def emit(self, row: list[str], line: int) -> None: ...


def read_fused(part: Sequence[Token], roles: list[str | None], at_end: bool, sink: Sink) -> bool:
    """Emit the body's rows into ``sink`` when :func:`unit_rows` reads it (``True``)."""
    got = unit_rows(part, roles, sink.rows[:-1], at_end)
    if got is None:
        return False
    for r in got[0]:
        sink.emit(r.cells, r.line)
    sink.notes.extend(got[1])
    return True
