"""Excel ``.xlsx`` workbooks (openpyxl, not read-only: read-only mode loses merged ranges).

Every sheet is a grid; a merged range gives its value to every cell it covers, the cells below
its first row marked as its continuation. A cell reads as the sheet shows it, its number
format applied (0.95 formatted ``0%`` is 95%; :mod:`.xlsx_format`).

A sheet holding an indentation tree (a 绩效指标 column over 指标值 columns, the classes and
indicators in that one column told apart by the cell's indent, ``alignment.indent``, or by
leading spaces) is turned into ordinary rows by :mod:`jixiao.ingest.table_tree`; the values
are the cells after the tree column.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from typing import Any

from ...errors import ParseError
from ...framework import load_framework
from ...limits import Limits
from ..grid import Grid
from ..table_tree import indent_width, outline_grid
from ..table_vocabulary import BLOCK_ROLES, role_of
from .xlsx_format import shown
from .xlsx_scan import check

__all__ = ["check", "grids", "sniff"]

_INDENT = 4  # the width of one indent step, against leading spaces (only compared)


def sniff(data: bytes) -> bool:
    """A zip archive with a ``xl/`` part (an Office Open XML workbook)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return any(n.startswith("xl/") for n in z.namelist())
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
        return False  # (an archive zipfile cannot open: not a workbook it could read)


def grids(
    data: bytes, name: str, encoding: str | None = None, limits: Limits | None = None
) -> list[Grid]:
    check(data, name, limits or Limits.defaults())
    return book_grids(load(data, name), name)


def load(data: bytes, name: str) -> Any:
    """The workbook openpyxl makes of ``data`` (values, not formulas); call :func:`check`
    first."""
    import openpyxl  # type: ignore[import-untyped]

    try:
        with warnings.catch_warnings():  # openpyxl warns of each oddity it repairs
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ParseError(
            f"无法打开 Excel 文件：{exc}", source=name, expected="有效的 .xlsx 工作簿"
        ) from exc


def book_grids(book: Any, name: str) -> list[Grid]:
    """The grids of a loaded workbook's sheets, merged cells spread over their span."""
    result = []
    for sheet in book.worksheets:
        rows: list[list[str]] = [
            [shown(c.value, c.number_format) for c in row] for row in sheet.iter_rows()
        ]
        first_row = first_col = 1  # iter_rows starts at A1
        below: list[tuple[int, int]] = []
        for merged in sheet.merged_cells.ranges:
            first = sheet.cell(merged.min_row, merged.min_col)
            top = shown(first.value, first.number_format)
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    i, j = r - first_row, c - first_col
                    if 0 <= i < len(rows) and 0 <= j < len(rows[i]):
                        rows[i][j] = top
                        if r > merged.min_row:
                            below.append((i, j))
        lines = range(first_row, first_row + len(rows))
        tree = _tree(sheet, rows, name)
        result.append(tree if tree is not None else Grid.of(sheet.title, rows, lines, below))
    return result


def _tree(sheet: Any, rows: list[list[str]], source: str) -> Grid | None:
    def indent(r: int, j: int, raw: str) -> int:
        steps = sheet.cell(r + 1, j + 1).alignment.indent or 0
        return int(steps) * _INDENT + indent_width(raw)

    return outline_grid(sheet.title, rows, indent, source, _is_block)


def _is_block(cells: list[str]) -> bool:
    """A row of a project block (项目名称 | X): a block label followed by its value."""
    for j, cell in enumerate(cells):
        if role_of(cell) in BLOCK_ROLES and any(c and role_of(c) is None for c in cells[j + 1 :]):
            return load_framework().find1(None, cell) is None
    return False
