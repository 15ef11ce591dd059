"""Bodies of web-page text whose cells need no aligning: written a cell per paragraph with its
empty cells kept, or a row per line with one token per column. Each is read so only when every
row comes out whole and every cell fits its column (else the aligner reads the body): a wrong
row is worse than a missing one."""

from __future__ import annotations

from collections.abc import Sequence

from ..text_align import Row
from ..text_cells import L1, L2, TEXT, fit, kind
from ..text_tokens import Token


def paragraph_rows(part: Sequence[Token], roles: list[str | None]) -> list[Row] | None:
    """The rows of a body written a cell per paragraph with its empty cells kept (a paragraph
    holding a space, see :func:`..text_tokens.blank_cells`), or a cell per line closed by its
    ``|`` (an empty cell a line ``|``): every paragraph one cell in
    column order, a row every ``len(roles)`` cells, read so only when the cells come out whole
    (one token per paragraph, as many as whole rows) and every row starts with a class and
    fits its columns well (else ``None``: the aligner reads it). An empty cell fits any
    column: the text wrote it."""
    m = len(roles)
    end = len(part)
    while end and part[end - 1].empty:
        end -= 1  # (empty paragraphs after the last row: the page's, not cells)
    part = part[:end]
    if not any(t.empty for t in part) or not (_apart(part, "para") or _one_a_line(part)):
        return None
    if not part or len(part) % m or roles[0] not in ("level1", "level2"):
        return None
    rows = []
    for k in range(0, len(part), m):
        cells = [t.text for t in part[k : k + m]]
        if kind(cells[0]) not in (L1, L2) or any(
            fit(r, c) > _PARA_FIT for r, c in zip(roles, cells, strict=True) if c
        ):
            return None
        rows.append(
            Row(cells, part[k].line, 0.0, m, {j: [t] for j, t in enumerate(part[k : k + m])})
        )
    return rows


_PARA_FIT = 2.5  # the worst fit of a filled cell to its column in a row read so


_CLASS_ROWS = 2  # the whole rows a body read so holds at least


def class_rows(part: Sequence[Token], roles: list[str | None]) -> list[Row] | None:
    """The rows of a body written a cell per paragraph or line (an empty cell kept or lost), its
    merged level-1 cells written once, on the first row they span: each row opens with its
    class, a level 1 (a whole row's cells) or a level 2 (its cells after the level 1), and the
    next row's class follows its last cell. Read so only when every row comes out whole so and
    every column fits its cells (one of sentences only is let be, as :func:`line_rows` does);
    else ``None`` (the aligner reads it)."""
    m = len(roles)
    if m < _LINE_COLUMNS or roles[:2] != ["level1", "level2"] or not part:
        return None
    if not (_apart(part, "para") or _one_a_line(part)):
        return None
    rows: list[Row] = []
    k = 0
    while k < len(part):
        lead = {L1: 0, L2: 1}.get(kind(part[k].text))
        if lead is None and rows and len(part) - k < m - 2:
            break  # (a last short row, no class opening it: read from the names on, doubted)
        if lead is None or k + m - lead > len(part):
            return None
        toks = part[k : k + m - lead]
        rows.append(
            Row(
                [""] * lead + [t.text for t in toks],
                toks[0].line,
                0.0,
                len(toks),
                {lead + j: [t] for j, t in enumerate(toks)},
            )
        )
        k += m - lead
    if len(rows) < _CLASS_ROWS or not _columns_fit(rows, roles):
        return None  # (one row shows no pattern of rows: the aligner reads it)
    if k < len(part):
        rest = part[k:]
        cells = ["", "", *[t.text for t in rest]] + [""] * (m - 2 - len(rest))
        rows.append(
            Row(cells, rest[0].line, 0.0, len(rest), {2 + j: [t] for j, t in enumerate(rest)})
        )
    return rows


def _columns_fit(rows: Sequence[Row], roles: list[str | None]) -> bool:
    for j, role in enumerate(roles):
        cells = [r.cells[j] for r in rows if r.cells[j] and not _named_class(r, roles, j)]
        misfit = [c for c in cells if fit(role, c) > _PARA_FIT]
        if misfit and not (len(misfit) == len(cells) and all(kind(c) == TEXT for c in cells)):
            return False  # (a column of sentences only is its template's, whatever its label)
    return True


def _apart(part: Sequence[Token], gap: str) -> bool:
    return all(t.gap == gap for t in part[1:])


def _one_a_line(part: Sequence[Token]) -> bool:
    """A cell per line, each closed by its ``|`` (an empty cell: a line ``|``): read as a cell
    per paragraph is."""
    return _apart(part, "pipe") and len({t.line for t in part}) == len(part)


def line_rows(
    part: Sequence[Token], roles: list[str | None], keeps_empty: bool = False
) -> list[Row] | None:
    """The rows of a body written a row per line with its cells split by spaces, when every
    line holds exactly one token per column (or per column after the class columns its row
    leaves to the row above, or only class cells): each token is one cell, in column order,
    so nothing needs aligning. Every cell must fit its column (a column holding only sentences
    is let be: 指标分值 over the Hebei template's explanations). ``keeps_empty``: "|" rows,
    each cell between its pipes (an empty one too), none on a line of its own (a cell's
    wrapped lines). ``None`` when any line or column does not come out so (the aligner reads
    the body then)."""
    m = len(roles)
    lead = 0
    while lead < m and roles[lead] in ("level1", "level2"):
        lead += 1
    apart = ("glue", "cut", "space") if keeps_empty else ("glue", "cut", "pipe")
    if not part or m < _LINE_COLUMNS or any(t.gap in apart for t in part):
        return None
    lines: list[list[Token]] = []
    for t in part:
        if t.empty and not keeps_empty:
            continue
        if not lines or t.line != lines[-1][-1].line:
            lines.append([])
        lines[-1].append(t)
    rows = []
    whole: list[Row] = []  # the rows of lines holding a token per column (from the names on)
    for toks in lines:
        n = len(toks)
        if m - lead <= n <= m:
            cells = [""] * (m - n) + [t.text for t in toks]
        elif n <= lead and all(kind(t.text) in (L1, L2) for t in toks):
            cells = [t.text for t in toks] + [""] * (m - n)
        elif n < m - lead:
            cells = [""] * lead + [t.text for t in toks] + [""] * (m - lead - n)  # (a short
            # line from the names on: the checks on each row judge it)
        else:
            return None
        at = cells.index(toks[0].text) if toks[0].text in cells else 0
        rows.append(Row(cells, toks[0].line, 0.0, n, {at + j: [t] for j, t in enumerate(toks)}))
        if m - lead <= n:
            whole.append(rows[-1])
    if len(whole) * 2 <= len(lines):
        return None
    return rows if _columns_fit(whole, roles) else None


def _named_class(r: Row, roles: list[str | None], j: int) -> bool:
    """The name cell of a row whose class cells are all there is a class's name (服务对象
    满意度 under 满意度指标 | 服务对象满意度指标): an indicator named so, not a class out of
    place."""
    classes = [c for c, role in zip(r.cells, roles, strict=True) if role in ("level1", "level2")]
    return roles[j] == "name" and all(classes) and kind(r.cells[j]) in (L1, L2)


_LINE_COLUMNS = 6  # (fewer columns: a line of that many words may be anything)
