"""Sizes of a legacy ``.xls`` workbook, measured before calamine reads it.

calamine trusts the file: a few changed bytes in a 6 KB workbook (a sector count, a cell's
row or column) make it allocate gigabytes or terabytes, which ends the process (Rust aborts
when an allocation fails), and some broken containers make it panic. So the compound file
(OLE2 / CFB) is walked here first, every sector number and chain checked against the file's
length, and the ``Workbook`` stream's BIFF records scanned for the sizes calamine will
allocate: sheets, each sheet's used range (from its DIMENSIONS record and its cells), merged
ranges and the cells they cover, and the shared-string count. A broken container is a
:class:`~jixiao.errors.ParseError`, a size past a limit a :class:`~jixiao.errors.LimitError`.
Everything is linear in the file's length.
"""

from __future__ import annotations

import struct

from ...errors import ParseError
from ...limits import Limits

_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_EXPECTED = "有效的 .xls 工作簿（可用 Excel 或 WPS 打开后另存为 .xlsx）"

# BIFF record types
_BOF, _EOF, _BOUNDSHEET, _DIMENSIONS, _MERGED, _SST = 0x0809, 0x000A, 0x0085, 0x0200, 0x00E5, 0x00FC
# cell records: row (u16) and column (u16) first; MULRK / MULBLANK end with their last column
_CELLS = {0x00FD, 0x0203, 0x027E, 0x0201, 0x0204, 0x0205, 0x0006, 0x00D6, 0x0208}
_MULTI = {0x00BD, 0x00BE}


class Broken(Exception):
    """The container or a record is not what it says it is."""


def check(data: bytes, name: str, limits: Limits) -> None:
    """Raise when ``data`` is not a sound compound file, or its workbook is past a limit."""
    try:
        stream = workbook_stream(data)
    except (Broken, struct.error, IndexError) as exc:
        raise ParseError(
            f"无法打开 Excel 文件：复合文档结构损坏（{exc or '数据不完整'}）",
            source=name,
            expected=_EXPECTED,
        ) from exc
    _scan_biff(stream, name, limits)


def workbook_stream(data: bytes) -> bytes:
    if len(data) < 512:
        raise Broken("文件不足 512 字节")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise Broken("扇区大小无效")
    size = 1 << shift
    sectors = (len(data) - 512 + size - 1) // size if shift == 9 else (len(data) - size) // size + 1
    n_fat, first_dir = struct.unpack_from("<II", data, 0x2C)
    cutoff, first_minifat, n_minifat, first_difat, n_difat = struct.unpack_from(
        "<IIIII", data, 0x38
    )
    if n_fat > sectors or n_minifat > sectors or n_difat > sectors:
        raise Broken("扇区数超出文件长度")

    def sector(n: int) -> bytes:
        if n >= sectors:
            raise Broken(f"扇区 {n} 超出文件长度")
        start = 512 + n * size if shift == 9 else (n + 1) * size
        return data[start : start + size].ljust(size, b"\0")

    # the FAT: its sector numbers from the header's DIFAT, then the DIFAT chain
    fat_sectors = [n for n in struct.unpack_from("<109I", data, 0x4C) if n < _END]
    n, seen = first_difat, 0
    while n < _END and seen < n_difat:
        block = struct.unpack(f"<{size // 4}I", sector(n))
        fat_sectors.extend(x for x in block[:-1] if x < _END)
        n, seen = block[-1], seen + 1
    fat_sectors = fat_sectors[:n_fat]
    fat: list[int] = []
    for n in fat_sectors:
        fat.extend(struct.unpack(f"<{size // 4}I", sector(n)))

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        out: list[int] = []
        n = start
        while n < _END:
            if n >= len(table) or n >= limit or len(out) >= limit:
                raise Broken("扇区链无效")
            out.append(n)
            n = table[n]
        return out

    directory = b"".join(sector(n) for n in chain(first_dir, fat, sectors))
    entries = []
    for k in range(0, len(directory) - 127, 128):
        e = directory[k : k + 128]
        length = struct.unpack_from("<H", e, 0x40)[0]
        label = e[: max(0, min(length, 64) - 2)].decode("utf-16-le", "replace")
        kind = e[0x42]
        start, stream_size = struct.unpack_from("<IQ", e, 0x74)
        entries.append(
            (label, kind, start, stream_size & 0xFFFFFFFF if shift == 9 else stream_size)
        )
    if not entries or entries[0][1] != 5:
        raise Broken("没有根目录")
    found = next((e for e in entries if e[1] == 2 and e[0].lower() in ("workbook", "book")), None)
    if found is None:
        raise Broken("没有 Workbook 数据流")
    _, _, start, stream_size = found
    if stream_size > len(data):
        raise Broken("数据流长度超出文件长度")
    if stream_size >= cutoff:
        body = b"".join(sector(n) for n in chain(start, fat, sectors))
    else:
        root = entries[0]
        mini_stream = b"".join(sector(n) for n in chain(root[2], fat, sectors))
        minifat: list[int] = []
        for n in chain(first_minifat, fat, sectors):
            minifat.extend(struct.unpack(f"<{size // 4}I", sector(n)))
        minis = chain(start, minifat, len(mini_stream) // 64)
        body = b"".join(mini_stream[m * 64 : m * 64 + 64] for m in minis)
    if len(body) < stream_size:
        raise Broken("数据流不完整")
    return body[:stream_size]


class _Sheet:
    def __init__(self) -> None:
        self.rows = (1 << 32, -1)
        self.cols = (1 << 32, -1)
        self.merges = 0
        self.merged = 0

    def cover(self, r1: int, r2: int, c1: int, c2: int) -> None:
        self.rows = (min(self.rows[0], r1, r2), max(self.rows[1], r1, r2))
        self.cols = (min(self.cols[0], c1, c2), max(self.cols[1], c1, c2))

    def cells(self) -> int:
        if self.rows[1] < 0 or self.cols[1] < 0:
            return 0
        return (self.rows[1] - self.rows[0] + 1) * (self.cols[1] - self.cols[0] + 1)


def _scan_biff(stream: bytes, name: str, limits: Limits) -> None:
    pos, sheets, sheet, number = 0, 0, None, 0
    while pos + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4 : pos + 4 + length]
        pos += 4 + length
        if kind == _BOUNDSHEET:
            sheets += 1
            limits.check("sheets", sheets, name)
            start = struct.unpack_from("<I", body, 0)[0] if len(body) >= 4 else len(stream)
            if stream[start : start + 2] != b"\x09\x08":  # calamine slices there unchecked
                raise ParseError(
                    f"无法打开 Excel 文件：第 {sheets} 个工作表的位置无效",
                    source=name,
                    expected=_EXPECTED,
                )
        elif kind == _BOF:
            sheet = _Sheet()
            number += 1
        elif kind == _SST and len(body) >= 8:
            unique = struct.unpack_from("<I", body, 4)[0]
            if unique > len(stream):  # a string takes three bytes at least
                raise ParseError(
                    f"无法打开 Excel 文件：共享字符串表声明了 {unique:,} 个字符串，"
                    "超出文件所能容纳",
                    source=name,
                    expected=_EXPECTED,
                )
        elif sheet is None:
            continue
        elif kind == _EOF:
            _check_sheet(sheet, f"{name}#{number - 1}", limits)
            sheet = None
        elif kind == _DIMENSIONS and len(body) >= 14:
            r1, r2, c1, c2 = struct.unpack_from("<IIHH", body, 0)
            sheet.cover(r1, r2, c1, c2)  # calamine subtracts without checking the order
        elif kind == _DIMENSIONS and len(body) >= 10:
            r1, r2, c1, c2 = struct.unpack_from("<HHHH", body, 0)
            sheet.cover(r1, r2, c1, c2)
        elif kind in _CELLS and len(body) >= 4:
            r, c = struct.unpack_from("<HH", body, 0)
            sheet.cover(r, r, c, c)
        elif kind in _MULTI and len(body) >= 6:
            r, c1 = struct.unpack_from("<HH", body, 0)
            c2 = struct.unpack_from("<H", body, len(body) - 2)[0]
            sheet.cover(r, r, c1, c2)
        elif kind == _MERGED and len(body) >= 2:
            count = struct.unpack_from("<H", body, 0)[0]
            for k in range(min(count, (len(body) - 2) // 8)):
                r1, r2, c1, c2 = struct.unpack_from("<HHHH", body, 2 + 8 * k)
                sheet.merges += 1
                sheet.merged += (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
                sheet.cover(r1, r2, c1, c2)
        if sheet is not None and kind in (_DIMENSIONS, _MERGED):
            _check_sheet(sheet, f"{name}#{number - 1}", limits)
    if sheet is not None:
        _check_sheet(sheet, f"{name}#{number - 1}", limits)


def _check_sheet(sheet: _Sheet, where: str, limits: Limits) -> None:
    limits.check("merged_ranges", sheet.merges, where)
    limits.check("cells", sheet.merged, where)
    limits.check("cells", sheet.cells(), where)
