"""Sizes of an ``.xlsx`` workbook, measured on its XML before openpyxl builds a single cell.

openpyxl makes an object per cell of a sheet's used range and of every merged range, so one
cell at ``XFD1048576`` or one merge over the whole sheet (a file of a few KB) asks for billions
of objects, and thousands of merged ranges cost quadratic time. Here each worksheet's XML is
streamed through a zlib reader in bounded chunks and scanned with regular expressions (linear
time, constant memory): the parts' inflated size, the number of sheets, the used range (the
farthest cell or merge), merged ranges and the cells they cover are checked against
:class:`~jixiao.limits.Limits` first.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from ...errors import ParseError
from ...limits import Limits, exceeded

_CHUNK = 1 << 20
_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml$")
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"\$?([A-Za-z]{1,4})\$?([0-9]{1,8})\"")
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"([0-9]{1,8})\"")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([^\"]{1,40})\"")
_REF = re.compile(r"\$?([A-Za-z]{1,4})\$?([0-9]{1,8})")


def _column(letters: bytes | str) -> int:
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.decode("ascii").upper():
        n = n * 26 + ord(ch) - 64
    return n


class _Sheet:
    def __init__(self) -> None:
        self.rows = 0
        self.cols = 0
        self.merges = 0
        self.merged_cells = 0

    def cell(self, col: int, row: int) -> None:
        self.rows = max(self.rows, row)
        self.cols = max(self.cols, col)

    def merge(self, ref: str) -> None:
        ends = [(_column(m.group(1)), int(m.group(2))) for m in _REF.finditer(ref)]
        if not ends:
            return
        (c1, r1), (c2, r2) = ends[0], ends[-1]
        self.merges += 1
        self.merged_cells += (abs(c2 - c1) + 1) * (abs(r2 - r1) + 1)
        self.cell(max(c1, c2), max(r1, r2))


def check(data: bytes, name: str, limits: Limits) -> None:
    """Raise :class:`~jixiao.errors.LimitError` when the workbook is past a limit."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
        return  # the reader reports a broken archive in its own words
    with book:
        members = book.infolist()
        sheets = [m for m in members if _SHEET.match(m.filename)]
        limits.check("sheets", len(sheets), name)
        budget = limits.inflated_mb << 20
        for member in members:
            if member.file_size > budget:
                raise exceeded("inflated_mb", limits.inflated_mb, name)
            budget -= member.file_size
        for member in sheets:
            _scan(book, member, name, limits)


def _scan(book: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, limits: Limits) -> None:
    sheet = _Sheet()
    where = f"{name}#{member.filename.rsplit('/', 1)[-1]}"
    tail = b""
    try:
        with book.open(member) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                buf = tail + chunk
                cut = buf.rfind(b">") + 1 if chunk else len(buf)
                body, tail = buf[:cut], buf[cut:]
                if len(tail) > _CHUNK:  # a tag longer than a chunk: nothing to measure in it
                    tail = tail[-4096:]
                for m in _CELL.finditer(body):
                    sheet.cell(_column(m.group(1)), int(m.group(2)))
                for m in _ROW.finditer(body):
                    sheet.cell(1, int(m.group(1)))
                for m in _MERGE.finditer(body):
                    sheet.merge(m.group(1).decode("ascii", "replace"))
                limits.check("merged_ranges", sheet.merges, where)
                limits.check("cells", sheet.merged_cells, where)
                limits.check("cells", sheet.rows * sheet.cols, where)
                if not chunk:
                    break
    except (
        zipfile.BadZipFile,
        zlib.error,
        NotImplementedError,
        EOFError,
        OSError,
        ValueError,
    ) as exc:
        raise ParseError(
            f"无法打开 Excel 文件：工作表 {member.filename} 已损坏（{exc}）",
            source=name,
            expected="有效的 .xlsx 工作簿",
        ) from exc
