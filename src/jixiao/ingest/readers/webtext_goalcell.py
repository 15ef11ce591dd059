"""Web text of a project list whose goal cells hold the indicators as headed lines, one cell per
paragraph → the list's grid (its rows rebuilt), read then by :mod:`..table_goalcell`.

A page's text of such a list puts each cell in a paragraph of its own (an empty cell is a
paragraph of spaces), the header's labels first; the goal cell alone runs over several
paragraphs, its headings (【总体目标】, 【产出指标-数量指标】), the text after a bare heading and
its 指标N: lines. So the rows are the header's width of paragraphs each, the goal cell taking
its following paragraphs while they are such lines. The leading spaces that show the hierarchy
are not needed: grouping rows are told from projects by their empty cells, as in a grid. The
rows stop at a paragraph in the amount column that is not an amount (page text after the table);
a last row cut short keeps the cells it has. A text that lost the empty cells (no paragraph of
spaces) puts every row after a grouping row out of place; a name cell holding a bare amount
shows it, and then the list is read by its cells' kinds (:mod:`.webtext_goalkinds`), as a
text a row per line or on one line is. Saved as
``|`` rows a line each (empty cells kept), the cells are the lines' (:func:`_pipe_cells`).
"""

from __future__ import annotations

import re

from ..grid import Grid, GridNote
from ..table_goalcell import class_heading, is_heading, is_item, words
from ..table_vocabulary import header_roles, role_of
from ..text_tokens import is_pipe_text
from .webtext_goalkinds import by_kinds, column_label

_AMOUNT = re.compile(r"[-−]?\d[\d,，]*(?:\.\d+)?\s*(?:万?元|万|亿元)?")


def _paragraphs(text: str) -> list[tuple[str, int]]:
    """Paragraphs with their first line: runs of lines between empty lines; a line of spaces
    alone between empty lines is an empty cell ("")."""
    out: list[tuple[str, int]] = []
    run: list[str] = []
    start = 0
    for n, line in enumerate([*text.split("\n"), ""], start=1):
        if line == "" or (not line.strip() and not run):
            if run:
                out.append(("\n".join(run).strip(), start))
                run = []
            if line:
                out.append(("", n))  # spaces alone: an empty cell
            continue
        if not run:
            start = n
        run.append(line)
    return out


def _pipe_cells(text: str) -> list[tuple[str, int]]:
    """The cells of ``|`` text a row per line (empty cells kept), each with its line, as
    :func:`_paragraphs` gives a cell per paragraph: a line without ``|`` is a cell of its own
    (a line of the goal cell above, which takes it as it takes its paragraphs); a column label
    wrapped onto the next line (单位名称(项目类别 / /支出项目) |) is one cell, where together
    the two halves are a label and the second alone is none."""
    out: list[tuple[str, int]] = []
    open_ = False  # the last line did not end with "|": its last cell may go on
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if "|" not in line:
            out.append((line.strip(), n))
            open_ = True
            continue
        if line.strip() == "|":  # (a cell per line, each closed by its "|": an empty cell)
            out.append(("", n))
            open_ = False
            continue
        pieces = line.split("|")
        if pieces[0] == "":
            pieces = pieces[1:]  # (| a | b |: the pipes around the row, no empty cells)
        if pieces and pieces[-1] == "":
            pieces = pieces[:-1]
        cells = [c.strip() for c in pieces]
        if open_ and out and cells and cells[0]:
            both = out[-1][0] + "\n" + cells[0]
            if not column_label(cells[0]) and column_label(both):
                out[-1] = (both, out[-1][1])
                cells = cells[1:]
        out.extend((c, n) for c in cells)
        open_ = not line.rstrip().endswith("|")
    return out


def _header(paras: list[tuple[str, int]]) -> tuple[int, int] | None:
    """The first run of column-label paragraphs with a goal column and one name column:
    (its first paragraph, its width)."""
    k = 0
    while k < len(paras):
        if not column_label(paras[k][0]):
            k += 1
            continue
        end = k
        while end < len(paras) and paras[end][0] and column_label(paras[end][0]):
            end += 1
        labels = [p[0] for p in paras[k:end]]
        roles = [role_of(c) for c in labels]
        names = roles.count("project") or roles.count("unit")
        if roles.count("goal") == 1 and names == 1 and header_roles(labels) is None:
            return k, end - k
        k = end
    return None


def _goal_line(text: str, after_bare: bool) -> bool:
    """A paragraph that goes on a goal cell: a heading, an indicator line, or the text after a
    heading standing alone."""
    return bool(text) and (is_heading(text) or is_item(text) or after_bare)


def _bare(text: str) -> bool:
    return words().heading.fullmatch(text.strip().rstrip(":：")) is not None


def goal_cell_grid(text: str) -> Grid | None:
    """The grid of a goal-cell project list in ``text``, or ``None`` when ``text`` holds no
    such list (no header with a goal column, or no class heading after it)."""
    if not any(class_heading(m.group(1)) for m in words().heading.finditer(text)):
        return None
    paras = _pipe_cells(text) if is_pipe_text(text.split("\n")) else _paragraphs(text)
    found = _header(paras)
    if found is None:
        return by_kinds(text)  # (a row per line, or the whole list on one line)
    start, width = found
    header = [p[0] for p in paras[start : start + width]]
    roles = [role_of(c) for c in header]
    goal = roles.index("goal")
    name = roles.index("project") if "project" in roles else roles.index("unit")
    w = words()
    total = next(
        (j for j, c in enumerate(header) if roles[j] == "total" or w.total_column.fullmatch(c)),
        None,
    )
    rows = [[p] for p, _ in paras[:start] if p]
    lines = [n for p, n in paras[:start] if p]
    rows.append(header)
    lines.append(paras[start][1])
    i = start + width
    while i < len(paras):
        row: list[str] = []
        line = paras[i][1]
        while len(row) < width and i < len(paras):
            cell, i = paras[i][0], i + 1
            if len(row) == goal and cell:
                parts, bare = [cell], _bare(cell)
                while i < len(paras) and _goal_line(paras[i][0], bare):
                    bare = _bare(paras[i][0])
                    parts.append(paras[i][0])
                    i += 1
                cell = "\n".join(parts)
            row.append(cell)
        amount = row[total] if total is not None and total < len(row) else ""
        if amount and not _AMOUNT.fullmatch("".join(amount.split())):
            i -= len(row)  # page text after the table
            break
        if name < len(row) and _AMOUNT.fullmatch("".join(row[name].split())):
            return by_kinds(text)  # a figure under the names: the empty cells were lost
        rows.append(row)
        lines.append(line)
    grid = Grid.of("", rows, lines)
    rest = sum(1 for p, _ in paras[i:] if p)
    if rest:
        grid.notes.append(
            GridNote("info", "text.after_table", f"表格之后的 {rest} 段文字（网页内容）未读取")
        )
    return grid
