"""The number formats of a legacy ``.xls`` workbook's cells, which calamine does not give.

A finance system's ``.xls`` stores a rate as 0.95 formatted ``0%``, as its ``.xlsx`` does; read
as the bare number it is a wrong target. The BIFF8 ``Workbook`` stream (already checked by
:mod:`.biff`) holds the formats (FORMAT records, and the built-in ones by number), the cell
styles (XF records, each naming a format) and, on every number cell, its style: this module
walks them and gives each sheet's number cells their format, for
:func:`~jixiao.ingest.readers.xlsx_format.shown`. Older BIFF versions and broken records give
no formats (the values are then read as stored). Linear in the stream's length.
"""

from __future__ import annotations

import struct

from .biff import Broken, workbook_stream

_BOF, _EOF, _BOUNDSHEET, _FORMAT, _XF = 0x0809, 0x000A, 0x0085, 0x041E, 0x00E0
_NUMBER, _RK, _MULRK, _FORMULA = 0x0203, 0x027E, 0x00BD, 0x0006
# The built-in formats a number cell may name without a FORMAT record (MS-XLS 2.4.126):
# the ones that change how a number reads (dates and times calamine gives as dates itself).
_BUILT_IN = {1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 49: "@"}
_BIFF8 = 0x0600

Formats = dict[tuple[int, int], str]


def number_formats(data: bytes) -> dict[str, Formats]:
    """Per sheet name, the format of each number cell (row, column from 0) whose format is
    not General; empty when the workbook is not BIFF8 or a record is broken."""
    try:
        return _scan(workbook_stream(data))
    except (Broken, struct.error, IndexError):  # (the values are read anyway, as stored)
        return {}


def _string(body: bytes, at: int, width: int) -> str:
    """An XLUnicodeString at ``at`` whose length field is ``width`` bytes."""
    count = body[at] if width == 1 else struct.unpack_from("<H", body, at)[0]
    flags = body[at + width]
    start = at + width + 1
    if flags & 1:
        return body[start : start + 2 * count].decode("utf-16-le", "replace")
    return body[start : start + count].decode("latin-1")


def _scan(stream: bytes) -> dict[str, Formats]:
    formats: dict[int, str] = dict(_BUILT_IN)
    styles: list[int] = []  # per XF, its format number
    names: dict[int, str] = {}  # a sheet's BOF offset → its name
    out: dict[str, Formats] = {}
    sheet: Formats | None = None
    pos = 0
    while pos + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4 : pos + 4 + length]
        at = pos
        pos += 4 + length
        if kind == _BOF:
            if struct.unpack_from("<H", body, 0)[0] != _BIFF8:
                return {}
            name = names.get(at)
            sheet = out.setdefault(name, {}) if name is not None else None
        elif kind == _EOF:
            sheet = None
        elif kind == _BOUNDSHEET:
            names[struct.unpack_from("<I", body, 0)[0]] = _string(body, 6, 1)
        elif kind == _FORMAT:
            formats[struct.unpack_from("<H", body, 0)[0]] = _string(body, 2, 2)
        elif kind == _XF:
            styles.append(struct.unpack_from("<H", body, 2)[0])
        elif sheet is None:
            continue
        elif kind in (_NUMBER, _RK, _FORMULA):
            row, col, xf = struct.unpack_from("<HHH", body, 0)
            _keep(sheet, row, col, xf, styles, formats)
        elif kind == _MULRK:
            row, first = struct.unpack_from("<HH", body, 0)
            for k in range((len(body) - 6) // 6):
                xf = struct.unpack_from("<H", body, 4 + 6 * k)[0]
                _keep(sheet, row, first + k, xf, styles, formats)
    return out


def _keep(
    sheet: Formats, row: int, col: int, xf: int, styles: list[int], formats: dict[int, str]
) -> None:
    number = styles[xf] if xf < len(styles) else 0
    found = formats.get(number)
    if found is not None and found.lower() != "general":
        sheet[(row, col)] = found
