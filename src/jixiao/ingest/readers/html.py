"""HTML pages with ``<table>`` elements (stdlib :mod:`html.parser`).

Each table is a grid; ``rowspan`` and ``colspan`` copy the cell into every slot it covers (as
merged Excel cells are expanded), the slots below its first row marked as its continuation. A
span past the ``span`` limit, or a table that would expand past the ``cells`` limit, is refused
before anything is expanded (:mod:`jixiao.limits`). Text outside tables is ignored; a table
nested in a cell becomes a grid of its own and its text is not part of the outer cell. A
paragraph outside the tables that heads a project's targets (某某项目项目绩效目标, see
:func:`~jixiao.ingest.table_document.project_heading`) is kept as a one-cell row: over the
table after it, or under the last table (a next project cut off before its table).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ...limits import Limits, exceeded
from ..grid import Grid, clean_cell
from ..table_document import project_heading
from ..table_tree import indent_width, outline_grid
from .text import peek, read_text
from .xlsx import _is_block

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def sniff(data: bytes) -> bool:
    return "<table" in peek(data).lower()


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[tuple[str, int, int, int]]] = []  # (text, rowspan, colspan, indent)
        self.lines: list[int] = []
        self.cell: list[str] | None = None
        self.spans = (1, 1)
        self.indent = 0  # the cell's padding-left / text-indent, in quarter em
        self.cells = 0  # slots the table will have once its spans are expanded
        self.top: int | None = None  # its place among the page's outermost tables


_DIGITS = re.compile(r"\s*(\d+)")


class _Parser(HTMLParser):
    def __init__(self, name: str, limits: Limits) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Table] = []
        self.done: list[_Table] = []
        self.skip = 0  # inside <script> / <style>
        self.heading: list[str] | None = None  # inside <h1>…<h3> before the first table
        self.headings: list[str] = []
        self.loose: list[str] = []  # text outside every table, since the last block tag
        self.texts: list[tuple[int, int, str]] = []  # (outermost tables before, line, text)
        self.tops = 0
        self.by_table: dict[int, list[tuple[str, int]]] | None = None
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
        if tag in ("h1", "h2", "h3") and not self.stack and not self.done:
            self.heading = []
        if not self.stack and tag in _BLOCK_TAGS:
            self.paragraph()
        if tag == "table" and not self.stack:
            self.tops += 1
        if tag in ("script", "style", "title"):
            self.skip += 1
        elif tag == "table":
            self.stack.append(_Table())
            if len(self.stack) == 1:
                self.stack[0].top = self.tops - 1
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
            t.indent = _style_indent(attrs)
            t.cells += t.spans[0] * t.spans[1]
            if t.cells > self.limits.cells:
                raise exceeded("cells", self.limits.cells, self.name, line=self.getpos()[0])
        elif tag in ("br", "p", "div") and self.stack[-1].cell is not None:
            self.stack[-1].cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack and tag in _BLOCK_TAGS:
            self.paragraph()
        if tag in ("h1", "h2", "h3") and self.heading is not None:
            text = clean_cell("".join(self.heading))
            if text:
                self.headings.append(text)
            self.heading = None
        if tag in ("script", "style", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.stack:
            t = self.stack.pop()
            self.close_cell(t)
            self.done.append(t)
        elif tag in ("td", "th") and self.stack:
            self.close_cell(self.stack[-1])

    def handle_data(self, data: str) -> None:
        if self.heading is not None and not self.skip:
            self.heading.append(data)
        if self.stack and not self.skip and self.stack[-1].cell is not None:
            self.stack[-1].cell.append(data)
        elif not self.stack and not self.skip:
            self.loose.append(data)

    def paragraph(self) -> None:
        """The text outside tables since the last block tag, as one paragraph."""
        text = clean_cell("".join(self.loose))
        self.loose = []
        if text:
            self.texts.append((self.tops, self.getpos()[0], text))

    def project_headings(self, before: int) -> list[tuple[str, int]]:
        """The paragraphs (text, line) heading a project's targets between the outermost
        tables ``before`` - 1 and ``before`` (``before`` = their count: after the last)."""
        if self.by_table is None:  # (once: a page may hold many tables and paragraphs)
            self.by_table = {}
            for n, line, text in self.texts:
                if len(text) <= _HEADING_LENGTH and project_heading(text) is not None:
                    self.by_table.setdefault(n, []).append((text, line))
        return self.by_table.get(before, [])

    @staticmethod
    def close_cell(t: _Table) -> None:
        if t.cell is not None:
            raw = "".join(t.cell)
            lead = raw[: len(raw) - len(raw.lstrip(" \xa0\u3000\t"))]
            t.rows[-1].append((lead + clean_cell(raw), *t.spans, t.indent))
            t.cell = None


_BLOCK_TAGS = frozenset(
    ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "tr", "td")
)
"""Tags that end a paragraph of the text outside tables."""
_HEADING_LENGTH = 60

_INDENT_STYLE = re.compile(
    r"(?:padding-left|text-indent|margin-left)\s*:\s*(\d+(?:\.\d+)?)\s*(em|px|pt)?", re.IGNORECASE
)


def _style_indent(attrs: list[tuple[str, str | None]]) -> int:
    """A cell's indentation from its style (padding-left: 2em), in quarter em."""
    style = next((v for k, v in attrs if k == "style" and v), "")
    total = 0.0
    for m in _INDENT_STYLE.finditer(style):
        size = float(m.group(1))
        total += size if (m.group(2) or "px").lower() == "em" else size / 16
    return round(total * 4)


Slot = tuple[str, int]  # a cell's text (leading spaces kept) and style indent


def _fill(
    row: list[Slot], r: int, pending: dict[tuple[int, int], Slot], below: list[tuple[int, int]]
) -> None:
    """Append the cells spanned into row ``r`` from above, at its current end (marked in
    ``below`` as continuations)."""
    while (r, len(row)) in pending:
        below.append((r, len(row)))
        row.append(pending.pop((r, len(row))))


def _expand(t: _Table) -> tuple[list[list[Slot]], list[tuple[int, int]]]:
    """The table with every spanned cell copied into the slots it covers, and the slots a
    ``rowspan`` reaches below its first row."""
    grid: list[list[Slot]] = []
    below: list[tuple[int, int]] = []
    pending: dict[tuple[int, int], Slot] = {}
    for r, cells in enumerate(t.rows):
        row: list[Slot] = []
        for text, rowspan, colspan, indent in cells:
            _fill(row, r, pending, below)
            c = len(row)
            for dc in range(colspan):
                row.append((text, indent))
                for dr in range(1, rowspan):
                    pending[(r + dr, c + dc)] = (text, indent)
        _fill(row, r, pending, below)
        grid.append(row)
    return grid, below


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
    parser.paragraph()
    while parser.stack:
        parser.handle_endtag("table")
    tables = sorted(parser.done, key=lambda t: t.lines[0] if t.lines else 0)
    result = []
    for k, t in enumerate(tables):
        if not t.rows:
            continue
        slots, below = _expand(t)
        raw = [[text for text, _ in row] for row in slots]

        def indent(r: int, j: int, text: str, slots: list[list[Slot]] = slots) -> int:
            return slots[r][j][1] + indent_width(text)

        title = f"表格 {k + 1}"
        tree = outline_grid(title, raw, indent, name, _is_block)
        grid = tree if tree is not None else Grid.of(title, raw, t.lines, below)
        if t.top is not None:  # (an outermost table: the project headings around it)
            after = parser.project_headings(t.top + 1) if t.top + 1 == parser.tops else []
            grid = grid.framed(parser.project_headings(t.top), after)
        result.append(grid)
    if result:
        result[0].notes.extend(notes)
        if parser.headings:  # the page's heading over its first table: its title
            first = result[0]
            title = parser.headings[-1]
            if not any(title in row for row in first.rows):
                rows, lines = [[title], *first.rows], [0, *first.lines]
                result[0] = Grid(first.name, rows, lines, first.notes, first.below(1))
    return result
