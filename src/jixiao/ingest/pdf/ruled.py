"""Ruled tables on PDF pages (pdfplumber, by their drawn lines) and the grids they make.

Tables are found by their lines, with one extra rule: horizontal lines are added at the top
and bottom of the page's vertical edges, so that a table broken by the page (its last row and
merged cells have no closing rule) is still closed there. A merged cell gives its text to its
first slot and ``None`` to the others, which the interpreter carries down; a cell that is not
drawn at all at the end of the document's last row (a table that ends mid-row) is dropped, so
the row is short and the interpreter notes the table as cut short.

A table with an indicator header starts a grid; a table without one continues the grid before
it (the rest of a table broken by a page), and so does a table whose header repeats the grid's
own (a header printed on every page) unless a project block precedes it (the next one-project
form). The lines between tables (a title, ``部门名称：…``, a project block printed as text) are
read by their words (:mod:`.words`) and go before the table below them; tables before any
header (a ruled project block) go before the next one. Each row's line number is its page. A
row whose cells are themselves split by a page break is read as two rows (only the official
layout joins such fragments back).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..grid import Grid, clean_cell
from ..table import has_header, role_of
from .words import Page, join_wrapped, text_rows

Cell = str | None


@dataclass(slots=True)
class Ruled:
    """One ruled table: its vertical extent and its rows (``None``: a covered or missing slot)."""

    top: float
    bottom: float
    rows: list[list[Cell]]
    undrawn: int  # slots not drawn at the end of its last row


def find(page: Any) -> list[Ruled]:
    vertical = [e for e in page.edges if e["orientation"] == "v"]
    if not vertical:
        return []
    extent = [min(e["top"] for e in vertical), max(e["bottom"] for e in vertical)]
    found = page.find_tables({"explicit_horizontal_lines": extent})
    tables = [
        Ruled(
            float(t.bbox[1]),
            float(t.bbox[3]),
            [list(r) for r in t.extract(keep_blank_chars=True)],
            _undrawn(t),
        )
        for t in found
    ]
    return sorted(tables, key=lambda t: t.top)


def _undrawn(table: Any) -> int:
    """How many slots at the end of the table's last row have no cell drawn over them."""
    rows = table.rows
    if not rows:
        return 0
    last = rows[-1]
    columns = table.columns
    y = (last.bbox[1] + last.bbox[3]) / 2
    count = 0
    for j in range(len(last.cells) - 1, -1, -1):
        if last.cells[j] is not None or j >= len(columns):
            break
        x = (columns[j].bbox[0] + columns[j].bbox[2]) / 2
        if any(c[0] <= x <= c[2] and c[1] <= y <= c[3] for c in table.cells):
            break  # covered by a cell merged from above
        count += 1
    return count


def _text(cell: Cell) -> str:
    return "" if cell is None else clean_cell(join_wrapped(cell.split("\n")))


@dataclass(slots=True)
class _Run:
    name: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def add(self, rows: Sequence[list[str]], number: int) -> None:
        self.rows.extend(rows)
        self.lines.extend([number] * len(rows))


def _names_project(rows: Sequence[Sequence[str]]) -> bool:
    return any(role_of(c) == "project" for r in rows for c in r if c)


def grids(pages: Sequence[tuple[int, Sequence[Ruled], Callable[[], Page]]]) -> list[Grid]:
    """The grids of the ruled tables of a document: ``(page number, tables, its words)``."""
    runs: list[_Run] = []
    pending = _Run("", [])  # rows before the next header
    last: Ruled | None = None
    for number, tables, words in pages:
        bottom = 0.0
        for table in tables:
            rows = [[_text(c) for c in row] for row in table.rows]
            head = next((k for k, r in enumerate(rows) if has_header([r])), None)
            above: list[list[str]] = []
            if head is not None or not runs:
                page = words()
                above = text_rows(page.between(bottom, table.top), page.height)
            if head is None:
                if runs:
                    runs[-1].add(rows, number)  # the rest of a table broken by the page
                else:
                    pending.add([*above, *rows], number)
            elif (
                runs
                and rows[head] == runs[-1].header
                and not _names_project([*above, *rows[:head]])
            ):
                runs[-1].add(rows, number)  # the header printed again on this page
            else:
                run = _Run(f"第 {number} 页", rows[head], pending.rows, pending.lines)
                run.add([*above, *rows], number)
                runs.append(run)
                pending = _Run("", [])
            bottom = table.bottom
            last = table
    if last is not None and last.undrawn and runs:
        runs[-1].rows[-1] = runs[-1].rows[-1][: -last.undrawn]
    if pending.rows:
        runs.append(pending)
    return [Grid.of(r.name, r.rows, r.lines) for r in runs]


def indicator_tables(pages: Sequence[Sequence[Ruled]]) -> bool:
    """Whether some ruled table holds an indicator header."""
    return any(
        has_header([[_text(c) for c in row]]) for tables in pages for t in tables for row in t.rows
    )
