"""Web text of a project list whose goal cells hold the indicators as headed lines (see
:mod:`.webtext_goalcell`), its empty cells lost: a row per line with spaces between its cells,
the whole list on one line, or a cell per paragraph without the paragraphs of spaces. The cells
are the text's runs between spaces, line breaks and blank lines, put in the header's columns by
their kinds, left to right: a unit code is letters and digits, an amount a figure, a
description opens with a heading of its own (【项目概况】), a goal cell with a goal or class
heading and takes the headings, 指标N: lines and goal text after it; a name is any other text.
A run that fits no column right of the row's last cell opens the next row. A label wrapped at
a space (单位名称(项目类别 /支出项目)) is one run. The list is read so only when every row
it rebuilds has a name, every row but the last its amount (a name with a space in it would
make two rows), and the rows hold a goal cell with a class heading; else ``None`` (not read: a
wrong row is worse than a missing one)."""

from __future__ import annotations

import re

from ..grid import Grid
from ..table_goalcell import class_heading, is_heading, is_item, words
from ..table_vocabulary import header_roles, role_of

_AMOUNT = re.compile(r"[-−]?\d[\d,，]*(?:\.\d+)?(?:万?元|万|亿元)?")
_CODE = re.compile(r"[0-9A-Za-z]{3,}")
_LABEL_CHARS = 24  # a column label is short
_ITEM_RUNS = 6  # at most the runs of one 指标N:名称(指标值) line wrapped at its spaces


def column_label(text: str) -> bool:
    """A column's label of a project list (a header role, or a code, content or total column)."""
    w = words()
    bare = "".join(text.split())
    return 0 < len(bare) <= _LABEL_CHARS and (
        role_of(text) is not None
        or any(p.fullmatch(bare) for p in (w.code_column, w.content_column, w.total_column))
    )


def _runs(text: str) -> list[tuple[str, int]]:
    """The text's runs between white space, each with its line; a run that is no label but with
    the one before makes a label joined to it (a label wrapped at its space)."""
    out: list[tuple[str, int]] = []
    for n, line in enumerate(text.split("\n"), start=1):
        out.extend((run, n) for run in line.split())
    k = 0
    while k + 1 < len(out):
        both = out[k][0] + out[k + 1][0]
        if not column_label(out[k + 1][0]) and column_label(both):
            out[k : k + 2] = [(both, out[k][1])]
        k += 1
    return out


def _goal_heading(text: str) -> bool:
    m = words().heading.match(text)
    if m is None:
        return False
    label = "".join(m.group(1).split())
    return label in words().goal_labels or class_heading(label) is not None


def _goal_cell(runs: list[tuple[str, int]], i: int) -> tuple[str, int]:
    """The goal cell opening at run ``i``: its text and the run after it."""
    parts = [runs[i][0]]
    bare = words().heading.fullmatch(runs[i][0].rstrip(":：")) is not None
    i += 1
    while i < len(runs):
        text = runs[i][0]
        if is_heading(text) and _goal_heading(text):
            bare = words().heading.fullmatch(text.rstrip(":：")) is not None
        elif is_item(text):
            end = i  # (the item's last run: where its target's brackets close)
            while end < len(runs) and end - i < _ITEM_RUNS:
                if words().item_target.fullmatch("".join(r for r, _ in runs[i : end + 1])):
                    break
                end += 1
            if end - i >= _ITEM_RUNS:
                return "\n".join(parts), i  # (no target closes it: the rows are not read)
            end = min(end, len(runs) - 1)  # (the text cut inside it: read_cell notes it)
            text = "".join(r for r, _ in runs[i : end + 1])
            i = end
            bare = False
        elif not bare or is_heading(text):
            break
        # (the text after a bare heading, its runs apart by the spaces it holds)
        parts.append(text)
        i += 1
    return "\n".join(parts), i


def _fits(kind: str, text: str) -> bool:
    bare = "".join(text.split())
    if kind == "code":
        return _CODE.fullmatch(bare) is not None
    if kind == "total":
        return _AMOUNT.fullmatch(bare) is not None
    if kind == "content":
        return is_heading(text) and not _goal_heading(text)
    if kind == "goal":
        return is_heading(text) and _goal_heading(text)
    return not is_heading(text) and not is_item(text) and _AMOUNT.fullmatch(bare) is None


def by_kinds(text: str) -> Grid | None:
    """The grid of a goal-cell project list in ``text`` whose empty cells were lost, its cells
    put in their columns by their kinds, or ``None`` (see the module)."""
    runs = _runs(text)
    labels = [r for r, _ in runs]
    start = next(
        (k for k in range(len(labels)) if column_label(labels[k]) and _header_at(labels, k)), None
    )
    if start is None:
        return None
    width = _header_at(labels, start)
    header = labels[start : start + width]
    kinds = _kinds(header)
    if kinds is None:
        return None
    rows: list[list[str]] = []
    lines: list[int] = []
    before: dict[int, list[str]] = {}
    for run, n in runs[:start]:
        before.setdefault(n, []).append(run)
    for n, pieces in before.items():
        rows.append([" ".join(pieces)])
        lines.append(n)
    rows.append(header)
    lines.append(runs[start][1])
    i = start + width
    row: list[str] = []
    at = -1  # the column of the row's last cell
    while i < len(runs):
        text, n = runs[i]
        col = next((j for j in range(at + 1, width) if _fits(kinds[j], text)), None)
        if col is None:
            col = next((j for j in range(width) if _fits(kinds[j], text)), None)
            if col is None or not row:
                return None
            rows.append(row)
            row = []
        if not row:
            row = [""] * width
            lines.append(n)
        if kinds[col] == "goal":
            text, i = _goal_cell(runs, i)
        else:
            i += 1
        row[col] = text
        at = col
    if row:
        rows.append(row)
    body = rows[len(before) + 1 :]
    name = kinds.index("name")
    goal = kinds.index("goal")
    if not body or any(not r[name] for r in body):
        return None
    total = kinds.index("total") if "total" in kinds else None
    if total is not None and any(not r[total] for r in body[:-1]):
        return None  # (a name without its amount: a name with a space in it, or a row lost)
    if not any(class_heading(m.group(1)) for r in body for m in words().heading.finditer(r[goal])):
        return None
    return Grid.of("", rows, lines)


def _header_at(labels: list[str], k: int) -> int:
    """The width of the run of column labels at ``k`` that makes a list's header, or 0."""
    end = k
    while end < len(labels) and column_label(labels[end]):
        end += 1
    found = labels[k:end]
    roles = [role_of(c) for c in found]
    names = roles.count("project") or roles.count("unit")
    if roles.count("goal") == 1 and names == 1 and header_roles(found) is None:
        return end - k
    return 0


def _kinds(header: list[str]) -> list[str] | None:
    """Each column's kind (code, name, total, content, goal, or skip), or ``None`` when a label
    is none of them (a column nothing here can tell)."""
    w = words()
    out: list[str] = []
    for label in header:
        bare = "".join(label.split())
        role = role_of(label)
        if role == "goal":
            out.append("goal")
        elif role in ("project", "unit"):
            out.append("name")
        elif role == "total" or w.total_column.fullmatch(bare):
            out.append("total")
        elif w.code_column.fullmatch(bare):
            out.append("code")
        elif w.content_column.fullmatch(bare):
            out.append("content")
        else:
            return None
    return out if out.count("name") == 1 else None
