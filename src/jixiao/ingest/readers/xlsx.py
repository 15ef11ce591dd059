"""Excel ``.xlsx`` workbooks (openpyxl, not read-only: read-only mode loses merged ranges).

Every sheet is a grid; a merged range gives its value to every cell it covers. Numbers are
written without a float's noise (``12.5``, ``100``); dates as ISO text.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

from ...errors import ParseError
from ..grid import Grid


def sniff(data: bytes) -> bool:
    """A zip archive with a ``xl/`` part (an Office Open XML workbook)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return any(n.startswith("xl/") for n in z.namelist())
    except zipfile.BadZipFile:
        return False


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        d = Decimal(repr(value))
        return str(d.quantize(Decimal(1))) if d == d.to_integral_value() else str(d)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def grids(data: bytes, name: str, encoding: str | None = None) -> list[Grid]:
    import openpyxl  # type: ignore[import-untyped]

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ParseError(
            f"无法打开 Excel 文件：{exc}", source=name, expected="有效的 .xlsx 工作簿"
        ) from exc
    result = []
    for sheet in book.worksheets:
        rows: list[list[str]] = [
            [_text(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        first_row = first_col = 1  # iter_rows starts at A1
        for merged in sheet.merged_cells.ranges:
            top = sheet.cell(merged.min_row, merged.min_col).value
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    i, j = r - first_row, c - first_col
                    if 0 <= i < len(rows) and 0 <= j < len(rows[i]):
                        rows[i][j] = _text(top)
        lines = range(first_row, first_row + len(rows))
        result.append(Grid.of(sheet.title, rows, lines))
    return result
