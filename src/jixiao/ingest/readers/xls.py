"""Legacy Excel ``.xls`` workbooks (BIFF, as many finance systems still export), read with
python-calamine. Like ``.xlsx``: every sheet a grid, merged ranges expanded and marked below
their first row, a cell read as the sheet shows it (its number format, which calamine does not
give, from :mod:`.biff_formats`). The file is measured first (:mod:`.biff`): calamine allocates
what a broken file claims."""

from __future__ import annotations

import io

from ...errors import ParseError
from ...limits import Limits
from ..grid import Grid
from . import biff, biff_formats
from .xlsx_format import shown

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> bool:
    """An OLE2 compound file (the container of ``.xls``)."""
    return data.startswith(_OLE2)


def grids(
    data: bytes, name: str, encoding: str | None = None, limits: Limits | None = None
) -> list[Grid]:
    from python_calamine import CalamineWorkbook  # lazily: only .xls needs it

    biff.check(data, name, limits or Limits.defaults())
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [book.get_sheet_by_name(title) for title in book.sheet_names]
        tables = [
            (sheet.name, sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges)
            for sheet in sheets
        ]
    except BaseException as exc:  # calamine's own errors, and pyo3's PanicException
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        why = str(exc) if isinstance(exc, Exception) else f"文件已损坏，读取库 calamine 出错：{exc}"
        raise ParseError(
            f"无法打开 Excel 文件：{why}", source=name, expected="有效的 .xls 工作簿"
        ) from exc
    formats = biff_formats.number_formats(data)
    result = []
    for title, values, merged in tables:
        shows = formats.get(title, {})
        rows = [
            [shown(v, shows.get((r, c))) for c, v in enumerate(row)] for r, row in enumerate(values)
        ]
        below: list[tuple[int, int]] = []
        for (r1, c1), (r2, c2) in merged or []:
            top = rows[r1][c1] if r1 < len(rows) and c1 < len(rows[r1]) else ""
            for r in range(r1, min(r2 + 1, len(rows))):
                for c in range(c1, min(c2 + 1, len(rows[r]))):
                    rows[r][c] = top
                    if r > r1:
                        below.append((r, c))
        result.append(Grid.of(title, rows, continued=below))
    return result
