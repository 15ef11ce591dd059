"""Tables in the official layout as cells, back into the numbered text layout.

The official layout: 项目名称（资金使用单位） / 总计 / … / 绩效目标 / 绩效指标. Its cells are turned
back into the numbered text layout and parsed by :mod:`.text_layout`.

This is how the official layout comes back from Excel and from ruled PDF tables (Jixiao's own
exports included): one row per 合计 / unit / project, a project's indicators as one cell of
numbered text. Rows with a goal or indicators are projects and are indented, so the text
reader tells them from unit rows as it does in PDF text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from ..model import Document, amount_text
from .text_layout import parse_text

Cell = str | float | int | Decimal | None

_HEADER = re.compile(r"^项目名称")
_TEXT_COLUMNS = ("绩效目标", "绩效指标")


def _clean(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return "".join(cell.split("\n")).strip()
    return str(cell)


def header_index(rows: Sequence[Sequence[Cell]]) -> int | None:
    """The index of the official layout's column header row, or None."""
    for k, row in enumerate(rows[:20]):
        cells = [_clean(c).replace(" ", "") for c in row]
        if cells and _HEADER.match(cells[0]) and all(t in cells for t in _TEXT_COLUMNS):
            return k
    return None


def goal_column(rows: Sequence[Sequence[Cell]]) -> int | None:
    """The index of the 绩效目标 column (everything before it is name and money)."""
    at = header_index(rows)
    if at is None:
        return None
    return [_clean(c).replace(" ", "") for c in rows[at]].index("绩效目标")


def _amount(cell: Cell) -> str:
    """A money cell as the text layout writes it (two decimals at least)."""
    if cell is None or cell == "":
        return ""
    if isinstance(cell, float | int | Decimal):
        try:
            value = Decimal(repr(cell)) if isinstance(cell, float) else Decimal(cell)
        except InvalidOperation:
            return ""
        return amount_text(value)
    return _clean(cell)


def to_text(rows: Sequence[Sequence[Cell]], preamble: Sequence[str] = ()) -> str | None:
    """The numbered text layout of an official-layout table, or None if ``rows`` is not one.

    ``preamble``: lines above the table (title, ``部门名称：… 单位：…``) when they are not rows.
    """
    at = header_index(rows)
    if at is None:
        return None
    header = [_clean(c) for c in rows[at]]
    goal_col = header.index("绩效目标")
    ind_col = header.index("绩效指标")
    money_cols = list(range(1, goal_col))
    lines = [*preamble, *(" ".join(_clean(c) for c in row if _clean(c)) for row in rows[:at])]
    lines.append(" ".join(header))
    for row in rows[at + 1 :]:
        cells = list(row) + [None] * (len(header) - len(row))
        name = _clean(cells[0])
        goal, indicators = _clean(cells[goal_col]), _clean(cells[ind_col])
        amounts = " ".join(a for a in (_amount(cells[c]) for c in money_cols) if a)
        if not (name or amounts or goal or indicators):
            continue
        if _HEADER.match(name.replace(" ", "")):
            continue  # the header repeated on a later page or sheet
        indent = "    " if goal or indicators else ""
        lines.append(f"{indent}{name} {amounts}".rstrip())
        lines.extend(t for t in (goal, indicators) if t)
    return "\n".join(lines) + "\n"


def parse_official(
    rows: Sequence[Sequence[Cell]],
    source: str,
    *,
    preamble: Sequence[str] = (),
    year: int | None = None,
) -> Document | None:
    """The document in an official-layout table, or None if ``rows`` is not one."""
    text = to_text(rows, preamble)
    return None if text is None else parse_text(text, source, year=year)


def read_xlsx(data: bytes, source: str, year: int | None) -> list[Document] | None:
    """The documents of a workbook whose sheets are in the official layout (one document per
    such sheet, as ``jixiao export --format xlsx`` writes them), or None if no sheet is. Cells
    are read as they are (spaces included), so the text parses exactly as published."""
    import io
    import warnings

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        with warnings.catch_warnings():  # openpyxl warns of each oddity it repairs
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # a broken workbook: the general xlsx reader reports it clearly
        return None
    return read_book(book, source, year)


def read_book(book: Any, source: str, year: int | None) -> list[Document] | None:
    """:func:`read_xlsx` of a workbook openpyxl has loaded (``data_only``): the reader loads
    it once for this and for the general reader."""
    docs = []
    for sheet in book.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        doc = parse_official(rows, f"{source}#{sheet.title}", year=year)
        if doc is not None:
            docs.append(doc)
    return docs or None
