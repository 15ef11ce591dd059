"""The common shape of every tabular reader: a :class:`Grid` of cell strings.

A reader (Excel sheet, CSV file, HTML ``<table>``, text saved from a web page) turns what it
reads into grids; :func:`jixiao.ingest.table.interpret` turns grids into a document. Cells are
plain strings (empty for an empty cell), with runs of whitespace and line breaks collapsed and
a single break between two Chinese characters (a wrapped line) removed; merged cells are
already expanded (every cell of a merged range holds its value), and the cells below the top
of a merged range are marked as its continuation (:meth:`Grid.continues`): a 分值 spanning a
group of rows is the group's, not each row's. Each row keeps the line or row number it came
from, for error messages and notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import NoteLevel

_WS = re.compile(r"[\s\u3000\xa0]+")
_CJK = "\u4e00-\u9fff，。；：、！？（）《》“”"
# A single line break or space between Chinese characters is a wrap, not a word break.
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])(?:\r?\n|[ \t])(?=[{_CJK}])")


def clean_cell(value: object) -> str:
    """A cell value as one line of text: ``None`` → ``""``, whitespace runs → one space."""
    if value is None:
        return ""
    return _WS.sub(" ", _CJK_BREAK.sub("", str(value))).strip()


@dataclass(slots=True)
class GridNote:
    """Something the reader noticed (a table cut short, an encoding guessed)."""

    level: NoteLevel
    code: str
    message: str
    line: int | None = None


@dataclass(slots=True)
class Grid:
    """Rows of cell strings from one sheet, page or table; ``lines[i]`` is row ``i``'s source
    line (text) or row number (spreadsheet), 1-based."""

    name: str
    rows: list[list[str]]
    lines: list[int]
    notes: list[GridNote] = field(default_factory=list)
    # Row index → the columns whose cell continues a merged cell from the row above (a copy of
    # its value, not a value of the row's own). Only readers of merged cells set it.
    continued: dict[int, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        name: str,
        rows: Iterable[Iterable[object]],
        lines: Iterable[int] | None = None,
        continued: Iterable[tuple[int, int]] = (),
    ) -> Grid:
        """A grid of cleaned cells; ``continued``: the (row, column) slots below the top row of
        a merged cell."""
        cells = [[clean_cell(v) for v in row] for row in rows]
        numbers = list(lines) if lines is not None else list(range(1, len(cells) + 1))
        if len(numbers) != len(cells):
            raise ValueError("one line number per row")
        below: dict[int, set[int]] = {}
        for r, j in continued:
            below.setdefault(r, set()).add(j)
        return cls(name, cells, numbers, continued={r: frozenset(c) for r, c in below.items()})

    def continues(self, r: int, j: int) -> bool:
        """Whether cell ``j`` of row ``r`` continues a merged cell from the row above."""
        return j in self.continued.get(r, ())

    def below(self, rows: int) -> dict[int, frozenset[int]]:
        """The continuation marks with ``rows`` rows inserted above the grid's first."""
        return {r + rows: c for r, c in self.continued.items()}

    def framed(self, over: list[tuple[str, int]], under: list[tuple[str, int]]) -> Grid:
        """The grid with one-cell rows (text, line) put over and under it: a page's text
        outside the table that belongs to it (a project's heading)."""
        if not over and not under:
            return self
        rows = [[t] for t, _ in over] + self.rows + [[t] for t, _ in under]
        lines = [n for _, n in over] + self.lines + [n for _, n in under]
        return Grid(self.name, rows, lines, self.notes, self.below(len(over)))

    def note(self, level: NoteLevel, code: str, message: str, line: int | None = None) -> None:
        self.notes.append(GridNote(level, code, message, line))

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)
