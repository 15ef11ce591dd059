"""Real tables in every text shape: how well the text readers generalise across shapes.

Each real fixture's text (``tests/data/realworld/ID.txt``) has one shape, the one its page was
saved in. This benchmark renders every fixture's HTML re-creation (``ID.html``) into each of the
seven shapes text saved from a page takes, the way a browser's "save as text" or a copy-paste
gives it, reads each rendering with :func:`jixiao.ingest.read_bytes` and measures it against the
fixture's expected file as ``tests/realworld.py`` measures the HTML (the ``html_extra`` rows may
be read or not). Per shape it prints the shares of indicators, totals, actuals, weights, scores
and execution figures read right and the share of wrong rows (as ``bench/bench_realworld.py``
does), the fixtures read fully right, and the ten fixtures with the most indicators not read
right or wrong.

The shapes (``SHAPES``):

- ``pipe-rows``: a row per line, `` | `` between its cells;
- ``cell-per-line``: a cell per line ending in `` |`` (an empty cell: a line ``|``);
- ``cell-per-paragraph``: the cells apart by blank lines;
- ``space-rows``: a row per line, a space between its cells;
- ``one-line``: the whole table on one line, a space between its cells;
- ``run-together``: the whole table on one line, its cells glued;
- ``tab-rows``: a row per line, a tab between its cells, empty cells kept (a table copied from
  a browser or a spreadsheet and pasted as text).

A merged cell appears once, on its first row (a ``rowspan`` cell's text is on none of the rows
below, a ``colspan`` cell is one cell); empty cells stay empty cells in the shapes with ``|`` or
tabs and are lost in the others. A line break in a cell (``<br>``, ``<p>``) stays a line break
in the shapes a line at a time and is a space (one-line) or nothing (run-together) in the
others. Page chrome around the tables (headings, paragraphs, ``<div>`` lines) is rendered as
lines before and after the table's text, as the page shows it. The HTML is rendered with the
standard library's parser (as ``make_xlsx.py`` reads it), not with Jixiao's readers.

Run with ``make bench`` or ``python -m bench.bench_shapes [ID …]``; ``--show SHAPE ID`` prints
one rendering.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.ingest import read_bytes  # noqa: E402
from tests import realworld  # noqa: E402

SHAPES = (
    "pipe-rows",
    "cell-per-line",
    "cell-per-paragraph",
    "space-rows",
    "one-line",
    "run-together",
    "tab-rows",
)
WORST = 10

# Tags that start and end a line of their own outside a table (and a cell's line inside one).
_BLOCKS = frozenset(
    ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "br", "table", "tr")
)
_HIDDEN = frozenset(("head", "title", "style", "script"))
_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML's white space (not &nbsp; nor the ideographic space)

Cell = list[str]  # a cell's lines
Table = list[list[Cell]]


@dataclass
class Page:
    """What a page shows, in order: lines of chrome (``str``) and tables."""

    parts: list[str | Table] = field(default_factory=list)


class _Render(HTMLParser):
    """The chrome lines and the cells of each top-level ``<table>`` of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.hidden = 0
        self.depth = 0
        self.line: list[str] = []  # the chrome line being read
        self.cell: list[str] | None = None  # the cell being read ("\n": a line break)

    def _flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.line)).strip(" ")
        if text:
            self.page.parts.append(text)
        self.line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self._flush()
                self.page.parts.append([])
        elif self.depth == 0:
            if tag in _BLOCKS:
                self._flush()
        elif self.depth == 1 and tag == "tr":
            self._table().append([])
        elif self.depth == 1 and tag in ("td", "th"):
            self.cell = []
        elif self.cell is not None and tag in _BLOCKS:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "table":
            self.depth -= 1
        elif self.depth == 0:
            if tag in _BLOCKS:
                self._flush()
        elif self.depth == 1 and tag in ("td", "th") and self.cell is not None:
            lines = (_SPACE.sub(" ", line).strip(" ") for line in "".join(self.cell).split("\n"))
            table = self._table()
            if not table:
                table.append([])  # (a cell before any <tr>)
            table[-1].append([line for line in lines if line])
            self.cell = None
        elif self.cell is not None and tag in _BLOCKS:
            self.cell.append("\n")

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.cell is not None:
            self.cell.append(_SPACE.sub(" ", data))  # ("\n" in a cell: a <br> or <p> only)
        elif self.depth == 0:
            self.line.append(data)

    def _table(self) -> Table:
        table = self.page.parts[-1]
        assert isinstance(table, list)
        return table


def page(html: str) -> Page:
    """The chrome lines and tables ``html`` shows."""
    parser = _Render()
    parser.feed(html)
    parser.close()
    parser._flush()
    return parser.page


def _filled(cell: Cell) -> bool:
    return any(line.strip() for line in cell)


def _table_text(table: Table, shape: str) -> str:
    if shape == "pipe-rows":
        return "\n".join(" | ".join("\n".join(c) for c in row) for row in table)
    if shape == "tab-rows":
        return "\n".join("\t".join("\n".join(c) for c in row) for row in table)
    if shape == "cell-per-line":
        return "\n".join(f"{chr(10).join(c)} |" if c else "|" for row in table for c in row)
    cells = [c for row in table for c in row if _filled(c)]
    if shape == "cell-per-paragraph":
        return "\n\n".join("\n".join(c) for c in cells)
    if shape == "space-rows":
        rows = (" ".join("\n".join(c) for c in row if _filled(c)) for row in table)
        return "\n".join(row for row in rows if row)
    if shape == "one-line":
        return " ".join(" ".join(c) for c in cells)
    if shape == "run-together":
        return "".join("".join(c) for c in cells)
    raise ValueError(f"unknown shape {shape!r}")


def render(html: str, shape: str) -> str:
    """The text of the page ``html`` saved in ``shape`` (one of ``SHAPES``)."""
    gap = "\n\n" if shape == "cell-per-paragraph" else "\n"
    out = [p if isinstance(p, str) else _table_text(p, shape) for p in page(html).parts]
    return gap.join(p for p in out if p) + "\n"


def measure(fixture: str, shape: str) -> realworld.Tally:
    """One fixture's HTML re-creation rendered in ``shape``, read and compared."""
    html = (realworld.HERE / f"{fixture}.html").read_text("utf-8")
    data = render(html, shape).encode("utf-8")
    name = f"{fixture}.{shape}.txt"
    return realworld.measure(fixture, name, lambda: read_bytes(data, name))


def _report(shape: str, fixtures: list[str]) -> None:
    total = realworld.Tally()
    bad: list[tuple[int, int, int, str]] = []
    ok = 0
    own = [f for f in fixtures if realworld.expected(f)["shape"] == shape]
    own_ok = own_txt_ok = 0
    for fixture in fixtures:
        tally = measure(fixture, shape)
        total.merge(tally)
        ok += tally.ok
        if fixture in own:
            own_ok += tally.ok
            own_txt_ok += realworld.check(fixture, "txt").ok
        want = tally.expected.get("indicators", 0)
        missed = want - tally.found.get("indicators", 0)
        wrong = tally.wrong.get("indicators", 0)
        if missed or wrong:
            bad.append((-(missed + wrong), missed, wrong, fixture))
    print(
        f"  {shape:<18} fixtures ok {ok}/{len(fixtures)}; of the {len(own)} saved in this shape:"
        f" page text ok {own_txt_ok}, rendering ok {own_ok}"
    )
    print(f"    {total.summary()}")
    for _, missed, wrong, fixture in sorted(bad)[:WORST]:
        print(f"      {fixture:<52} not read right {missed:3}  wrong {wrong:3}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("fixtures", nargs="*", help="fixture ids (default: every one)")
    parser.add_argument("--show", metavar="SHAPE", help="print the fixtures' renderings in SHAPE")
    args = parser.parse_args()
    if args.show:
        for fixture in args.fixtures:
            print(render((realworld.HERE / f"{fixture}.html").read_text("utf-8"), args.show))
        return
    fixtures = [
        f
        for f in args.fixtures or realworld.fixtures()
        if realworld.expected(f)["kind"] != "monitor" and (realworld.HERE / f"{f}.html").exists()
    ]
    print(f"real tables rendered from their HTML into each text shape: {len(fixtures)} documents")
    print(f"  (per shape its {WORST} worst: indicators not read right, rows emitted wrong)")
    cells = realworld.Tally()
    cells_ok = 0
    for fixture in fixtures:  # the HTML read as cells, to set each shape beside
        tally = realworld.check(fixture, "html")
        cells.merge(tally)
        cells_ok += tally.ok
    print(f"  {'html (as cells)':<18} fixtures ok {cells_ok}/{len(fixtures)}")
    print(f"    {cells.summary()}")
    for shape in SHAPES:
        _report(shape, fixtures)


if __name__ == "__main__":
    main()
