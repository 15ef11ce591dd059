"""HTML pages with ``<table>`` elements (stdlib :mod:`html.parser`).

Each table is a grid; ``rowspan`` and ``colspan`` copy the cell into every slot it covers (as
merged Excel cells are expanded), the slots below its first row marked as its continuation. A
span past the ``span`` limit, or a table that would expand past the ``cells`` limit, is refused
before anything is expanded (:mod:`jixiao.limits`). Text outside tables is ignored. A table
holding tables in its cells is a page's layout when none of its own cells is a table's label
(an old site's page: links, headings and tables in the cells of one outer table): its cells are
read as the page's text and the tables in them as the page's tables. A form holding a table in
a cell (its 绩效指标 cell holds the indicator table) takes that table's rows after the row
holding it, unless a cell of the form spans rows past it: then the nested table is a grid of its
own and its text is not part of the outer cell. The page's charset is its ``<meta>``'s or, with
none, GBK when the text outside the markup is Chinese text in GBK beyond doubt. A
paragraph outside the tables that heads a project's targets (某某项目项目绩效目标, see
:func:`~jixiao.ingest.table_document.project_heading`) is kept as a one-cell row: over the
table after it, or under the last table (a next project cut off before its table); a form's
own lines (its title, year, 单位:元 and 单位名称:…,
:func:`~jixiao.ingest.table_block.form_lines`) are kept over the table after them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ...limits import Limits, exceeded
from ..grid import Grid, clean_cell
from ..table_document import project_heading
from ..table_pairs import LABEL_VALUE
from ..table_title import form_lines
from ..table_tree import indent_width, outline_grid
from ..text_clean import normalize
from ..text_glue import lexicon
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
        self.tags: list[tuple[int, int]] = []  # (line, column) of its own table/tr/td tags
        self.holds_table = False  # a table is nested in one of its cells
        self.inner: list[tuple[int, _Table]] = []  # (row it sits in, table) of those
        self.outer: _Table | None = None  # the table it is nested in


Para = tuple[str, int]  # a paragraph outside the tables: its text and line

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
        self.sorted: tuple[dict[int, list[Para]], dict[int, list[Para]]] | None = None
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
            table = _Table()
            if self.stack:
                self.stack[-1].holds_table = True
                self.stack[-1].inner.append((len(self.stack[-1].rows) - 1, table))
                table.outer = self.stack[-1]
            self.stack.append(table)
            if len(self.stack) == 1:
                self.stack[0].top = self.tops - 1
            self.stack[-1].tags.append(self.getpos())
        elif not self.stack:
            return
        if tag in _STRUCTURE and tag != "table" and self.stack:
            self.stack[-1].tags.append(self.getpos())
        if tag == "tr":
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
            t.tags.append(self.getpos())
            self.done.append(t)
        elif tag in _STRUCTURE and self.stack:
            if tag in ("td", "th"):
                self.close_cell(self.stack[-1])
            self.stack[-1].tags.append(self.getpos())

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

    def _sort_paragraphs(self) -> tuple[dict[int, list[Para]], dict[int, list[Para]]]:
        """The paragraphs heading a project's targets and the lines of a form over its table
        (its title, year, 单位:元), by the count of outermost tables before them (once: a page
        may hold many)."""
        if self.sorted is None:
            heads: dict[int, list[Para]] = {}
            forms: dict[int, list[Para]] = {}
            groups: dict[int, list[Para]] = {}
            for n, line, text in self.texts:
                if len(text) > _HEADING_LENGTH:
                    continue
                if project_heading(text) is not None:
                    heads.setdefault(n, []).append((text, line))
                else:
                    groups.setdefault(n, []).append((text, line))
            for n, paras in groups.items():
                texts = [text for text, _ in paras]
                plain = normalize("\n".join(texts))[0].split("\n")  # (a mirror's 項(xiàng)目)
                kept = form_lines(plain if len(plain) == len(texts) else texts)
                forms[n] = [paras[k] for k in kept]
            self.sorted = heads, forms
        return self.sorted

    def project_headings(self, before: int) -> list[Para]:
        """The paragraphs (text, line) heading a project's targets between the outermost
        tables ``before`` - 1 and ``before`` (``before`` = their count: after the last)."""
        return self._sort_paragraphs()[0].get(before, [])

    def form_lines(self, before: int) -> list[Para]:
        """The paragraphs of a form (its title, year, 单位:元) between the outermost tables
        ``before`` - 1 and ``before``: the table after them is theirs."""
        return self._sort_paragraphs()[1].get(before, [])

    @staticmethod
    def close_cell(t: _Table) -> None:
        if t.cell is not None:
            raw = "".join(t.cell)
            lead = raw[: len(raw) - len(raw.lstrip(" \xa0\u3000\t"))]
            t.rows[-1].append((lead + clean_cell(raw), *t.spans, t.indent))
            t.cell = None


_STRUCTURE = frozenset(("table", "tr", "td", "th"))
"""A table's own tags: a layout table's become ``<div>`` (:func:`_unwrapped`)."""
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


_LAYOUT_DEPTH = 4  # layout tables inside layout tables: a page is rarely built deeper


def _parse(text: str, name: str, limits: Limits) -> _Parser:
    parser = _Parser(name, limits)
    parser.feed(text)
    parser.close()
    parser.paragraph()
    while parser.stack:
        parser.handle_endtag("table")
    return parser


def _field_lines(t: _Table) -> bool:
    """A table of a form's lines above the form (填报单位(公章):某某局 | 金额:100万元, a row or
    two laid out in a borderless table): every cell a label and its value."""
    cells = [text for row in t.rows for text, *_ in row if text.strip()]
    return (
        len(t.rows) <= _FIELD_ROWS
        and bool(cells)
        and all(LABEL_VALUE.match(c.strip()) for c in cells)
    )


_FIELD_ROWS = 2


def _labelled(t: _Table) -> bool:
    """Whether a cell of ``t``'s own (not of a table nested in it) is a table's label
    (项目名称, 绩效指标 …): a form holding a table in a cell, not a page's layout."""
    labels = lexicon()
    return any(labels.fullmatch(text.strip(" :：")) for row in t.rows for text, *_ in row)


def _splices(t: _Table) -> bool:
    """A form holding tables in its cells whose rows can take theirs: no cell of its own spans
    rows down past a row holding a table (its rows are then the form's rows, in order)."""
    holding = {row for row, _ in t.inner}
    return all(
        not any(r <= h < r + span - 1 for h in holding)
        for r, cells in enumerate(t.rows)
        for _, span, *_ in cells
    )


def _spliced(t: _Table, spliceable: set[int]) -> _Table:
    """``t`` with the rows of each table nested in it after the row holding that table (a form
    whose 绩效指标 cell holds the indicator table: the form's rows, then the table's), those
    tables spliced first where they can be (``spliceable``: the ids of such tables)."""
    out = _Table()
    out.top = t.top
    nested: dict[int, list[_Table]] = {}
    for row, inner in t.inner:
        whole = _spliced(inner, spliceable) if id(inner) in spliceable else inner
        nested.setdefault(row, []).append(whole)
    for r, (cells, line) in enumerate(zip(t.rows, t.lines, strict=True)):
        out.rows.append(cells)
        out.lines.append(line)
        for inner in nested.get(r, ()):
            out.rows.extend(inner.rows)
            out.lines.extend(inner.lines)
    return out


def _unwrapped(text: str, layout: list[_Table]) -> str:
    """``text`` with the ``layout`` tables' own tags made ``<div>`` / ``</div>`` (their lines
    kept): an old page laid out in a table around its tables shows those as its tables, and
    the text of its cells (a heading, a project's heading, the site's links) as the page's."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    cuts = sorted(starts[line - 1] + col for t in layout for line, col in t.tags)
    out: list[str] = []
    done = 0
    for at in cuts:
        end = text.find(">", at)
        if at < done or end < 0:
            continue
        tag = text[at : end + 1]
        out.append(text[done:at])
        out.append(("</div>" if tag.startswith("</") else "<div>") + "\n" * tag.count("\n"))
        done = end + 1
    out.append(text[done:])
    return "".join(out)


def grids(
    data: bytes, name: str, encoding: str | None = None, limits: Limits | None = None
) -> list[Grid]:
    if encoding is None:
        m = _CHARSET.search(data[:4096])
        if m and m.group(1).lower() in (b"gb2312", b"gbk", b"gb18030"):
            encoding = "gb18030"
    text, notes = read_text(data, name, encoding, markup=True)
    parser = _parse(text, name, limits or Limits.defaults())
    for _ in range(_LAYOUT_DEPTH):
        layout = [t for t in parser.done if t.holds_table and not _labelled(t)]
        if not layout:
            break
        text = _unwrapped(text, layout)
        parser = _parse(text, name, limits or Limits.defaults())
    spliceable = {id(t) for t in parser.done if t.inner and _splices(t)}
    spliced = [
        _spliced(t, spliceable) if id(t) in spliceable else t
        for t in parser.done
        if t.outer is None or id(t.outer) not in spliceable  # (else in its outer table's rows)
    ]
    tables = sorted(spliced, key=lambda t: t.lines[0] if t.lines else 0)
    result = []
    fields: list[tuple[str, int]] = []  # a table of form lines, for the table after it

    def lines_over(top: int) -> list[tuple[str, int]]:
        """The page's lines between the outermost tables ``top`` - 1 and ``top``."""
        return parser.project_headings(top) + parser.form_lines(top)

    for k, t in enumerate(tables):
        if not t.rows:
            continue
        if k + 1 < len(tables) and t.top is not None and _field_lines(t):
            # (with the page's lines over it, the form's title among them: the next table's)
            cells = zip(t.rows, t.lines, strict=True)
            fields = lines_over(t.top) + [(c, n) for row, n in cells for c, *_ in row if c.strip()]
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
            over = lines_over(t.top) + fields
            grid = grid.framed(sorted(over, key=lambda h: h[1]), after)
        fields = []
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
