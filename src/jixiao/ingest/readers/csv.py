"""CSV and TSV files (UTF-8, UTF-8 with BOM or GB18030), the delimiter found by statistics."""

from __future__ import annotations

import csv
import io
from collections import Counter

from ...errors import ParseError
from ...formulas import restore
from ..grid import Grid
from ..table import has_header
from ..text_clean import tab_separated
from .text import peek, read_text

_DELIMITERS = (",", "\t", ";")


_SAMPLE = 200  # records looked at to find the delimiter


def _records(text: str, d: str) -> list[list[str]]:
    """The first records of ``text`` split by ``d`` (a quoted cell may hold line breaks: a
    spreadsheet's wrapped label 绩\n效\n指\n标 is one cell, not four lines)."""
    out: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=d):
            if any(c.strip() for c in row):
                out.append(row)
                if len(out) >= _SAMPLE:
                    break
    except csv.Error:
        return []
    return out


def delimiter(text: str) -> str | None:
    """The delimiter that splits most records into the same number (≥ 2) of cells."""
    best: tuple[int, str] | None = None
    for d in _DELIMITERS:
        records = _records(text, d)
        if len(records) < 2:
            continue
        width, rows = Counter(len(r) for r in records).most_common(1)[0]
        if width >= 2 and rows * 2 >= len(records) and (best is None or rows > best[0]):
            best = (rows, d)
    return best[1] if best else None


_SHEET_SHARE = 0.9  # of the lines, at least this share with the same count of delimiters …
_SHEET_CELLS = 3  # … splitting them into at least this many cells: a sheet saved as CSV


def _sheet(rows: list[list[str]]) -> bool:
    """Rows a spreadsheet saved: it writes every row to the sheet's width, so nearly all have
    the same number of cells (a title row and an empty one too), never prose."""
    widths = Counter(len(r) for r in rows if any(c.strip() for c in r))
    if not widths:
        return False
    width, count = widths.most_common(1)[0]
    return width >= _SHEET_CELLS and count >= _SHEET_SHARE * sum(widths.values())


def sniff(data: bytes) -> bool:
    """A table in CSV: its indicator header found, or rows as a spreadsheet saves them (the
    header spread over rows or not yet known: the interpreter says what it finds)."""
    text = peek(data)
    if "<table" in text.lower() or "|" in text:
        return False
    d = delimiter(text)
    if d is None:
        return False
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=d))
    except csv.Error:
        return False
    if d == "\t" and not _sheet(rows) and tab_separated(text):
        return False  # (a browser's copy of a table: rows of their own widths, a cell's line
        # breaks unquoted; the web-text reader reads its tabs as "|", lines a cell goes on too)
    return has_header(rows) or _sheet(rows)


def grids(data: bytes, name: str, encoding: str | None = None) -> list[Grid]:
    text, notes = read_text(data, name, encoding)
    d = delimiter(text) or ","
    rows: list[list[str]] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=d)
    start = 1
    try:
        for row in reader:
            rows.append([restore(c) for c in row])  # the apostrophe an export added
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ParseError(
            f"CSV 文件无法读取：{exc}", source=name, line=start, expected="CSV/TSV 表格"
        ) from exc
    grid = Grid.of("", rows, lines)
    grid.notes.extend(notes)
    return [grid]
