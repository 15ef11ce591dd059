"""HTML pages with ``<table>`` elements (stdlib :mod:`html.parser`).

Each table is a grid; ``rowspan`` and ``colspan`` copy the cell into every slot it covers (as
merged Excel cells are expanded). A span past the ``span`` limit, or a table that would
expand past the ``cells`` limit, is refused before anything is expanded
(:mod:`jixiao.limits`). Text outside tables is ignored; a table nested in a cell
becomes a grid of its own and its text is not part of the outer cell.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ...limits import Limits, exceeded
from ..grid import Grid, clean_cell
from .text import peek, read_text

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def sniff(data: bytes) -> bool:
    return "<table" in peek(data).lower()


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[tuple[str, int, int]]] = []  # (text, rowspan, colspan)
        self.lines: list[int] = []
        self.cell: list[str] | None = None
        self.spans = (1, 1)
        self.cells = 0  # slots the table will have once its spans are expanded


_DIGITS = re.compile(r"\s*(\d+)")


class _Parser(HTMLParser):
    def __init__(self, name: str, limits: Limits) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Table] = []
        self.done: list[_Table] = []
        self.skip = 0  # inside <script> / <style>
        self.name = name
        self.limits = limits

    def span(self, attrs: list[tuple[str, str | None]], key: str) -> int:
        """A ``rowspan`` / ``colspan`` value (1 when absent or not a number), within limits."""
        for k, v in attrs:
            if k == key and v:
                m = _DIGITS.match(v)
                if m:
                    line = self.getpos()[0]
                    digits = m.group(1).lstrip("0") or "0"
                    self.limits.check("digits", len(digits), self.name, line=line)
                    self.limits.check("span", int(digits), self.name, line=line)
                    return max(1, int(digits))
        return 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            self.stack.append(_Table())
        elif not self.stack:
            return
        elif tag == "tr":
            t = self.stack[-1]
            self.close_cell(t)
            t.rows.append([])
            t.lines.append(self.getpos()[0])
        elif tag in ("td", "th"):
            t = self.stack[-1]
            self.close_cell(t)
            if not t.rows:
                t.rows.append([])
                t.lines.append(self.getpos()[0])
            t.cell = []
            t.spans = (self.span(attrs, "rowspan"), self.span(attrs, "colspan"))
            t.cells += t.spans[0] * t.spans[1]
            if t.cells > self.limits.cells:
                raise exceeded("cells", self.limits.cells, self.name, line=self.getpos()[0])
        elif tag in ("br", "p", "div") and self.stack[-1].cell is not None:
            self.stack[-1].cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.stack:
            t = self.stack.pop()
            self.close_cell(t)
            self.done.append(t)
        elif tag in ("td", "th") and self.stack:
            self.close_cell(self.stack[-1])

    def handle_data(self, data: str) -> None:
        if self.stack and not self.skip and self.stack[-1].cell is not None:
            self.stack[-1].cell.append(data)

    @staticmethod
    def close_cell(t: _Table) -> None:
        if t.cell is not None:
            t.rows[-1].append((clean_cell("".join(t.cell)), *t.spans))
            t.cell = None


def _fill(row: list[str], r: int, pending: dict[tuple[int, int], str]) -> None:
    """Append the cells spanned into row ``r`` from above, at its current end."""
    while (r, len(row)) in pending:
        row.append(pending.pop((r, len(row))))


def _expand(t: _Table) -> list[list[str]]:
    """The table with every spanned cell copied into the slots it covers."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}
    for r, cells in enumerate(t.rows):
        row: list[str] = []
        for text, rowspan, colspan in cells:
            _fill(row, r, pending)
            c = len(row)
            for dc in range(colspan):
                row.append(text)
                for dr in range(1, rowspan):
                    pending[(r + dr, c + dc)] = text
        _fill(row, r, pending)
        grid.append(row)
    return grid


def grids(
    data: bytes, name: str, encoding: str | None = None, limits: Limits | None = None
) -> list[Grid]:
    if encoding is None:
        m = _CHARSET.search(data[:4096])
        if m and m.group(1).lower() in (b"gb2312", b"gbk", b"gb18030"):
            encoding = "gb18030"
    text, notes = read_text(data, name, encoding)
    parser = _Parser(name, limits or Limits.defaults())
    parser.feed(text)
    parser.close()
    while parser.stack:
        parser.handle_endtag("table")
    tables = sorted(parser.done, key=lambda t: t.lines[0] if t.lines else 0)
    result = []
    for k, t in enumerate(tables):
        if not t.rows:
            continue
        g = Grid.of(f"表格 {k + 1}", _expand(t), t.lines)
        result.append(g)
    if result:
        result[0].notes.extend(notes)
    return result
