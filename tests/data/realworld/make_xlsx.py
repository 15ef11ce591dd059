"""Write ``ID.xlsx`` for every ``ID.html`` here: the same tables as Excel sheets (one a table),
merged cells as Excel merges (rowspan / colspan) and a cell set in by ``padding-left`` or
leading spaces given Excel's indent, as budget systems export them; a bold line outside the
tables (a project's heading) is a row of its own over its table, and so are the form's field
lines right over the first table (单位名称:某某单位 填报日期:…), its title (the page's heading,
or the paragraph over the table ending in 表) and a report cover's project fields (项目名称:…),
as an export prints them. Run
``python tests/data/realworld/make_xlsx.py`` after changing an HTML re-creation; the workbooks are
committed (a test checks they are current).

The HTML is read here with the standard library's parser, not with Jixiao's reader, so the
workbook is an independent re-creation of the page's table.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment

HERE = Path(__file__).parent
_PAD = re.compile(r"padding-left\s*:\s*(\d+(?:\.\d+)?)\s*(em|px)?", re.IGNORECASE)
# A form's field line over its grid: whose unit or department it is, when it was filled in.
_FIELD_LINE = re.compile(
    r"^[^:：\s]{0,6}(?:单位|部门)(?:名称)?\s*(?:[(（][^)）]{0,6}[)）])?\s*[:：]|^填报日期\s*[:：]"
)

# The project's fields on a report's cover, before the form's tables (项目名称: 某某经费).
# (Traditional characters too: a mirror's page, 項目名稱 / 項目單位 / 主管部門.)
_COVER_NAME = re.compile(r"^(?:[项項]目名[称稱]|[项項]目[单單]位|主管部[门門])(?:\s*[:：]|\s+\S)")

Cell = tuple[str, int, int, int]


class _Cells(HTMLParser):
    """The cells of each top-level ``<table>``: rows of (text, rowspan, colspan, indent)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[Cell]]] = []
        self.depth = 0
        self.text: list[str] | None = None
        self.cell = (1, 1, 0)
        self.heading: list[str] | None = None
        self.title = ""  # the page's heading over its first table, as a sheet's first row
        # Bold lines outside the tables (a project's heading on a page of several): per table,
        # those before it; the last entry, those after the last table.
        self.captions: list[list[str]] = [[]]
        self.bold: list[str] | None = None
        self.lines: list[str] = []  # the paragraphs before the first table
        self.line: list[str] | None = None

    @property
    def fields(self) -> list[str]:
        """The form's field lines right over the first table (nothing else between)."""
        return self.lines[self._fields_start :]

    @property
    def _fields_start(self) -> int:
        k = len(self.lines)
        while k and _FIELD_LINE.match(self.lines[k - 1]):
            k -= 1
        return k

    @property
    def cover(self) -> list[str]:
        """The project's fields on a report's cover over the form (项目名称: 某某经费), as an
        export prints them over its title."""
        return [line for line in self.lines[: self._fields_start] if _COVER_NAME.match(line)]

    @property
    def heading_line(self) -> str:
        """The page's heading over its first table: its ``<h1>``-``<h3>``, else the paragraph
        right over the table when that is a table's title (…绩效目标完成情况对比表)."""
        k = self._fields_start  # (over the field lines right over the table)
        last = self.lines[k - 1] if k else ""
        return self.title or (last if last.endswith("表") else "")

    @property
    def rows(self) -> list[list[Cell]]:
        return self.tables[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3") and not self.tables:
            self.heading = []
        if tag in ("strong", "b") and self.depth == 0:
            self.bold = []
        if tag == "p" and self.depth == 0 and not self.tables:
            self.line = []
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append([])
        elif self.depth == 1 and tag == "tr":
            self.rows.append([])
        elif self.depth == 1 and tag in ("td", "th"):
            a = dict(attrs)
            style = a.get("style") or ""
            m = _PAD.search(style)
            steps = 0
            if m:
                size = float(m.group(1))
                steps = round(size if (m.group(2) or "px") == "em" else size / 16)
            self.cell = (int(a.get("rowspan") or 1), int(a.get("colspan") or 1), steps)
            self.text = []
        elif self.text is not None and tag in ("br", "p"):
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.line is not None:
            # (its spaces as printed: 项目名称        优 抚 — the label's wide gap is no wrap)
            text = " ".join("".join(self.line).splitlines()).strip()
            if text:
                self.lines.append(text)
            self.line = None
        if tag in ("h1", "h2", "h3") and self.heading is not None:
            self.title = "".join(self.heading).strip() or self.title
            self.heading = None
        if tag in ("strong", "b") and self.bold is not None:
            text = "".join(self.bold).strip()
            if text:
                self.captions[-1].append(text)
            self.bold = None
        if tag == "table":
            self.depth -= 1
            if self.depth == 0:
                self.captions.append([])
        elif self.depth == 1 and tag in ("td", "th") and self.text is not None:
            self.rows[-1].append(("".join(self.text).strip("\n"), *self.cell))
            self.text = None

    def handle_data(self, data: str) -> None:
        if self.line is not None:
            self.line.append(data)
        if self.heading is not None:
            self.heading.append(data)
        if self.bold is not None:
            self.bold.append(data)
        if self.text is not None:
            self.text.append(data)


def workbook(html: Path, out: Path) -> None:
    parser = _Cells()
    parser.feed(html.read_text("utf-8"))
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    last = len(parser.tables)
    for k, rows in enumerate(parser.tables, start=1):
        width = max((sum(c[2] for c in r) for r in rows), default=1)
        fields = parser.fields if k == 1 else []  # (单位名称:某某单位 over the form's grid)
        before = [[(text, 1, width, 0)] for text in [*parser.captions[k - 1], *fields]]
        after = [[(text, 1, width, 0)] for text in parser.captions[k]] if k == last else []
        rows = [*before, *rows, *after]  # a project's heading as the row over its table
        title = parser.heading_line
        if k == 1 and title and not any(title in c[0] for r in rows for c in r):
            rows = [[(title, 1, width, 0)], *rows]  # an export's title row
        if k == 1:
            rows = [*([(text, 1, width, 0)] for text in parser.cover), *rows]
        _sheet(book.create_sheet(f"Sheet{k}"), rows)
    # A fixed date in the file's properties: the workbook is the same on every run.
    from datetime import datetime

    book.properties.created = book.properties.modified = datetime(2026, 1, 1)
    book.save(out)


def _sheet(sheet: Any, rows: list[list[Cell]]) -> None:
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(rows, start=1):
        c = 1
        for text, rowspan, colspan, steps in cells:
            while (r, c) in taken:
                c += 1
            lead = len(text) - len(text.lstrip(" \xa0\u3000"))
            value = text.strip(" \xa0\u3000") or None
            cell = sheet.cell(r, c, value)
            if value is not None and value[0] in "=+-@":
                cell.data_type = "s"  # =100%: a target as written, not a formula
            if steps or lead:
                cell.alignment = Alignment(indent=steps or lead, wrap_text=True)
            if rowspan > 1 or colspan > 1:
                sheet.merge_cells(
                    start_row=r, start_column=c, end_row=r + rowspan - 1, end_column=c + colspan - 1
                )
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            c += colspan


def main(names: list[str]) -> None:
    pages = [HERE / f"{n}.html" for n in names] if names else sorted(HERE.glob("*.html"))
    for page in pages:
        workbook(page, page.with_suffix(".xlsx"))
        print(page.with_suffix(".xlsx").name)


if __name__ == "__main__":
    main(sys.argv[1:])
