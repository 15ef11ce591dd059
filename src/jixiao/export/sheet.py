"""One plain table as an xlsx workbook: a header row, frozen, filterable, text kept as text
(a value starting with ``=`` is never a formula). For listings such as the audit log."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence


def xlsx_table(
    title: str, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[object]]
) -> bytes:
    """The workbook of one sheet ``title``: ``columns`` are (header, width) pairs."""
    import xlsxwriter  # lazily: only this format needs it

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet(title[:31])
    for col, (name, width) in enumerate(columns):
        sheet.write(0, col, name, head)
        sheet.set_column(col, col, width)
    n = 0
    for n, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(n, col, value, wrap)
            else:
                sheet.write(n, col, value, wrap)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(n, 1), len(columns) - 1)
    book.close()
    return buf.getvalue()
