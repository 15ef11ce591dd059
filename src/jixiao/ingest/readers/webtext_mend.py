"""Doubtful rows of a web-page text's indicator table, read again from the tokens their cells
were made of, where the text itself says how its pieces go together. A row read again is kept
only when it is then plausible: a wrong row is worse than a missing one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..grid import GridNote
from ..table_vocabulary import vocabulary
from ..text_align import Row, align
from ..text_cells import NUMBER, PERCENT, PHRASE, TEXT, VALUE, fit, kind
from ..text_tokens import Token
from .webtext_rows import implausible

_VALUE_ROLES = ("value", "annual", "cycle", "actual")


def mended(
    rows: list[Row],
    roles: list[str | None],
    doubts: list[str | None],
    *,
    keeps_empty: bool,
    rows_by_line: bool,
) -> tuple[list[Row], list[str | None]]:
    """``rows`` and their doubts after every mend below (``keeps_empty``: ``|`` text, whose
    empty cells are kept: no target moves to another row there)."""
    for k, r in enumerate(rows):
        again = figure_back_to_name(r, roles) or op_as_name(r, roles) if doubts[k] else None
        if again is not None:
            r.cells, doubts[k] = again, None
    if not keeps_empty:
        for r in rows:
            r.cells = figures_in_place(r, roles) or r.cells
        target_back_up(rows, roles, doubts)
    return split_merged(rows, roles, doubts, keeps_empty=keeps_empty, rows_by_line=rows_by_line)


def figure_back_to_name(row: Row, roles: list[str | None]) -> list[str] | None:
    """The cells of ``row`` with the first of two values in one value cell given back to the
    name it was glued to in the text (质量达标率100% >=98%: the name ends in 100%, the target is
    >=98%), or ``None``. The text wrote the figure against the name's last word, with no space,
    and the second value apart: the cell cannot hold both, and the figure is the name's."""
    if "name" not in roles:
        return None
    at = roles.index("name")
    named = row.parts.get(at, [])
    for j, role in enumerate(roles):
        parts = row.parts.get(j, [])
        if role not in _VALUE_ROLES or len(parts) != 2 or not named:
            continue
        first, second = parts
        if first.gap != "cut" or second.gap != "space" or named[-1].line != first.line:
            continue
        if first.line != second.line or not all(kind(p.text) in (VALUE, PERCENT) for p in parts):
            continue
        cells = list(row.cells)
        cells[at] = row.cells[at] + first.text
        cells[j] = second.text
        return cells if implausible(cells, roles) is None else None
    return None


def op_as_name(row: Row, roles: list[str | None]) -> list[str] | None:
    """The cells of ``row`` one column further right up to its 指标值类型, when that word (定量,
    定性) stands in the name's column and the 类型 column beside it is empty, or ``None``: the
    row lost its merged 一级指标 cell, and its 二级指标 and name were read a column too far
    left (成本指标 | 社会成本指标 | 定量 | 100: 成本指标 is the 二级, 社会成本指标 the name)."""
    if "name" not in roles or "op" not in roles:
        return None
    at = roles.index("name")
    if roles.index("op") != at + 1 or at < 2 or row.cells[at + 1]:
        return None
    voc = vocabulary()
    word = "".join(row.cells[at].split())
    if (
        not (word in voc.ops or word in voc.qualitative_ops)
        or roles[at - 1] != "level2"
        or roles[at - 2] != "level1"
    ):
        return None
    cells = list(row.cells)
    cells[at - 2 : at + 2] = ["", *row.cells[at - 2 : at + 1]]
    if not cells[at - 1] or not cells[at]:
        return None
    return cells if implausible(cells, roles) is None else None


def figures_in_place(row: Row, roles: list[str | None]) -> list[str] | None:
    """The cells of ``row`` with bare figures read into a text column (备注: ``44,561 10``) put
    back, in order, into the empty columns between the row's value and that column (计量单位,
    分值), or ``None``. In text that lost its empty cells, position decides only where the
    figures are exactly as many as those columns: each is then the cell of its column. A figure
    in a unit column is no unit, and the interpreter leaves that target unread; a 分值 / 得分
    must fit its column (a small number), else nothing moves."""
    for j, role in enumerate(roles):
        figures = row.cells[j].split()
        if role not in _TEXT_ROLES or not figures or not all(map(_FIGURE.fullmatch, figures)):
            continue
        before = next((i for i in range(j - 1, -1, -1) if row.cells[i].strip()), None)
        if before is None or roles[before] not in _VALUE_ROLES or j - before - 1 != len(figures):
            return None
        gap = range(before + 1, j)
        if any(roles[i] not in _FIGURE_ROLES for i in gap):
            return None
        if any(
            roles[i] != "measure" and fit(roles[i], f) > 0
            for i, f in zip(gap, figures, strict=True)
        ):
            return None
        cells = list(row.cells)
        cells[before + 1 : j + 1] = [*figures, ""]
        return cells
    return None


def target_back_up(rows: Sequence[Row], roles: list[str | None], doubts: list[str | None]) -> int:
    """Give a qualitative target read as the name of a row (应改尽改, 应保尽保: a target, never a
    name) back to the row above when that row has a name and no value at all: in text that
    lost its empty cells, the target was taken for the start of the next row. The row it was
    taken from stays unread (its other cells are out of place). Changes ``rows`` and
    ``doubts``; returns how many targets went back."""
    if "name" not in roles:
        return 0
    at = roles.index("name")
    values = [j for j, r in enumerate(roles) if r in _VALUE_ROLES and j > at]
    phrases = vocabulary().qualitative_phrases
    moved = 0
    for k in range(1, len(rows)):
        r, above = rows[k], rows[k - 1]
        word = "".join(r.cells[at].split())
        if doubts[k] is None or doubts[k - 1] is not None or word not in phrases or not values:
            continue
        if any(r.cells[:at]) or not above.cells[at] or any(above.cells[j] for j in values):
            continue
        cells = list(above.cells)
        cells[values[0]] = r.cells[at]
        if implausible(cells, roles) is not None:
            continue
        above.cells = cells
        r.cells = [*r.cells[:at], *r.cells[at + 1 :], ""]
        doubts[k] = "的三级指标名称是上一行的指标值，其余各格分不清"
        moved += 1
    return moved


_TEXT_ROLES = ("explanation", "standard", "remark", "deviation")
_FIGURE_ROLES = ("measure", "weight", "score")
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")  # 10, 44,561: a bare figure, no unit
_TEXT_NAMES = {
    "explanation": "指标解释",
    "standard": "绩效标准",
    "remark": "备注",
    "deviation": "偏差原因",
}


def split_merged(
    rows: Sequence[Row],
    roles: list[str | None],
    doubts: Sequence[str | None],
    *,
    keeps_empty: bool,
    rows_by_line: bool,
) -> tuple[list[Row], list[str | None]]:
    """``rows`` and their doubts with each doubtful row that is two rows read as one split in
    two: a text column (指标解释) holding a lone value with words and values after it
    (…利用点 | 5个 | 技术指导服务数量对生产… | 10家: the 5个 ends the first row). Each half is
    aligned again on its own and doubted again; a half that does not make one row leaves the
    row as it was. A half with that text column empty stays unread: its text there ran into
    its name (消化利用农作物秸秆数量建立秸秆综合利用点: where the name ends, nothing says)."""
    out: list[Row] = []
    why: list[str | None] = []
    for r, d in zip(rows, doubts, strict=True):
        found = _halves(r, roles, keeps_empty, rows_by_line) if d is not None else None
        if found is None:
            out.append(r)
            why.append(d)
            continue
        j, halves = found
        for h in halves:
            out.append(h)
            # (a text column empty while its twin holds the text, 指标解释 | 指标说明及公式,
            # lost nothing to the name)
            said = any(h.cells[c] for c, r in enumerate(roles) if r == roles[j])
            lost = None if said else f"的{_TEXT_NAMES[roles[j] or '']}一格是空的（可能连在名称里）"
            why.append(lost or implausible(h.cells, roles))
    return out, why


def _halves(
    r: Row, roles: list[str | None], keeps_empty: bool, rows_by_line: bool
) -> tuple[int, list[Row]] | None:
    """The text column holding the lone value, and the two rows ``r`` is made of."""
    cols = sorted(r.parts)
    toks: list[Token] = [t for c in cols for t in r.parts[c]]
    for j in cols:
        parts = r.parts[j]
        if roles[j] not in _TEXT_ROLES or len(parts) != 1:
            continue
        if kind(parts[0].text) not in (VALUE, NUMBER, PERCENT):
            continue
        later = [c for c in cols if c > j]
        worded = any(kind(r.cells[c]) in (TEXT, PHRASE) for c in later)
        valued = any(roles[c] in _VALUE_ROLES and r.cells[c] for c in later)
        if not (worded and valued):
            return None
        cut = next(k for k, t in enumerate(toks) if t is parts[0]) + 1
        halves = [
            align(half, roles, keeps_empty=keeps_empty, rows_by_line=rows_by_line)
            for half in (toks[:cut], toks[cut:])
        ]
        if any(len(h) != 1 for h in halves):
            return None
        return j, [halves[0][0], halves[1][0]]
    return None


_ROW_ON_LINE = 3  # tokens of a line that holds a row of its own
_DASHES = re.compile(
    r"[-－—–]+"
)  # (not ……: a template's 'more rows' line, which the aligner reads)


def blank_lines(part: Sequence[Token], line: int, notes: list[GridNote]) -> list[Token]:
    """``part`` without the lines holding only dashes (``-`` / ``- -``) below a row written on
    a line of its own (and the lines of one cell that wrap it): the form's empty template
    rows, not cells of the row above (the row ended with its line). A note under the header's
    ``line`` says how many were left out."""
    by_line: dict[int, list[Token]] = {}
    for t in part:
        if not t.empty:
            by_line.setdefault(t.line, []).append(t)
    dropped: set[int] = set()
    row_above = False
    for at, toks in by_line.items():
        if all(_DASHES.fullmatch(t.text) for t in toks):
            if row_above:
                dropped.add(at)
            continue
        if len(toks) > 1:  # (a line of one token: a wrapped cell of the row above, or a class)
            row_above = len(toks) >= _ROW_ON_LINE
    if not dropped:
        return list(part)
    message = f"指标表中 {len(dropped)} 行只有“-”（表格模板的空行），未读取"
    notes.append(GridNote("info", "text.blank_rows", message, line))
    return [t for t in part if t.line not in dropped]
