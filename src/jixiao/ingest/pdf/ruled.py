"""Ruled tables on PDF pages (pdfplumber, by their drawn lines) and the grids they make.

Tables are found by their lines, with one extra rule: horizontal lines are added at the top
and bottom of the page's vertical edges, so that a table broken by the page (its last row and
merged cells have no closing rule) is still closed there. For the official layout a merged
cell gives its text to its first slot and ``None`` to the others (:attr:`Ruled.rows`); a
cell that is not drawn at all at the end of the document's last row (a table that ends
mid-row) is dropped, so the row is short and the interpreter notes the table as cut short.

A table with an indicator header starts a grid; a table without one continues the grid before
it (the rest of a table broken by a page), and so does a table whose header repeats the grid's
own (a header printed on every page) unless a project block precedes it (the next one-project
form). The lines between tables (a title, ``部门名称：…``, a project block printed as text) are
read by their words (:mod:`.words`) and go before the table below them; tables before any
header (a ruled project block) go before the next one. Each row's line number is its page.

Merged cells are read as the HTML and Excel readers read them: each cell's slots (the rows
and columns its box covers) hold its text, the slots below its first row marked as its
continuation (:meth:`~jixiao.ingest.grid.Grid.continues`). A cell broken by the page keeps
no rule where the page cut it (CSS ``box-decoration-break: slice``, as browsers and WeasyPrint
print): a cell at the top of a page's table with no rule drawn over it is the rest of the cell
in the same columns at the bottom of the page before, so the two are one cell (its text
joined), and a row all of whose cells are such rests is the rest of the row before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..grid import Grid, clean_cell
from ..table import has_header, role_of
from .words import Page, join_wrapped, text_rows

Cell = str | None
_EPS = 1.0  # points: a rule this close to a cell's edge is its rule
_BAND = 0.2  # points: a border drawn as a band is at least this thick


@dataclass(slots=True)
class Box:
    """One drawn cell: the rows ``r0 .. r1 - 1`` and columns ``c0 .. c1 - 1`` it covers, its
    text, and whether no rule is drawn over it (the rest of a cell the page broke)."""

    r0: int
    r1: int
    c0: int
    c1: int
    text: str
    open_top: bool = False
    x0: float = 0.0
    x1: float = 0.0


@dataclass(slots=True)
class Ruled:
    """One ruled table: its vertical extent and its rows (``None``: a covered or missing slot),
    its cells with their spans, and the x of its columns' left edges."""

    top: float
    bottom: float
    rows: list[list[Cell]]
    undrawn: int  # slots not drawn at the end of its last row
    boxes: list[Box] = field(default_factory=list)
    lefts: list[float] = field(default_factory=list)
    height: int = 0  # rows
    pages: list[int] = field(default_factory=list)  # per row, its page when joined across pages
    joined: bool = False  # its cells were joined to the table before (the page before's)
    tops: list[float] = field(default_factory=list)  # each row's top, then the table's bottom
    apart: bool = False  # a table of its own drawn right under another (cut from it)


def find(page: Any) -> list[Ruled]:
    vertical = [e for e in page.edges if e["orientation"] == "v"]
    if not vertical:
        return []
    extent = [min(e["top"] for e in vertical), max(e["bottom"] for e in vertical)]
    found = page.find_tables({"explicit_horizontal_lines": extent})
    flat = [e for e in page.edges if e["orientation"] == "h"]
    tables = []
    for t in found:
        rows = [list(r) for r in t.extract(keep_blank_chars=True)]
        lefts, boxes = _boxes(t, rows, flat)
        ruled = Ruled(float(t.bbox[1]), float(t.bbox[3]), rows, _undrawn(t), boxes, lefts)
        ruled.height = len(rows)
        ruled.tops = [*sorted({float(c[1]) for c in t.cells}), float(t.bbox[3])]
        tables.append(ruled)
    return sorted(tables, key=lambda t: t.top)


def _boxes(table: Any, rows: list[list[Cell]], flat: list[Any]) -> tuple[list[float], list[Box]]:
    """The table's column left edges and its cells with the rows and columns they span."""
    cells = table.cells
    tops = sorted({c[1] for c in cells})
    lefts = sorted({c[0] for c in cells})
    out = []
    rules = []  # per cell: (any rule over it, a rule of its own width over it)
    for x0, top, x1, bottom in cells:
        r0, c0 = tops.index(top), lefts.index(x0)
        r1 = sum(1 for y in tops if y < bottom - _EPS)
        c1 = sum(1 for x in lefts if x < x1 - _EPS)
        text = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else None
        middle = (x0 + x1) / 2
        over = [e for e in flat if e["x0"] <= middle <= e["x1"] and -_EPS <= e["top"] - top <= 3]
        band = any(  # the inner edge of a border of its own, drawn as a filled band
            e["top"] - top >= _BAND and e["x0"] >= x0 - 2 * _EPS and e["x1"] <= x1 + 2 * _EPS
            for e in over
        )
        rules.append((any(e["top"] - top <= _EPS for e in over), band))
        r1, c1 = max(r1, r0 + 1), max(c1, c0 + 1)
        out.append(Box(r0, r1, c0, c1, text or "", False, float(x0), float(x1)))
    # Cells drawing their own borders as filled bands (the area between the cell's outer and
    # inner edges, as browsers print; most cells below the first row have one): a cell the
    # page broke has no band over it (the rule there is the table's border, or the band's
    # outer edge alone); otherwise any rule over a cell is its rule.
    inner = [own for b, (_, own) in zip(out, rules, strict=True) if b.r0 > 0]
    framed = bool(inner) and sum(inner) * 2 > len(inner)
    for b, (ruled, own) in zip(out, rules, strict=True):
        b.open_top = not (own if framed else ruled)
    return [float(x) for x in lefts], [b for b in out if not _holds_others(b, out)]


def _holds_others(box: Box, boxes: list[Box]) -> bool:
    """Whether ``box`` covers the first slot of another cell: the outline of a region whose
    own rules are not drawn (a merged cell broken by the page whose rest is not printed), not a
    cell; its text is the text of the cells inside it."""
    return any(o is not box and box.r0 <= o.r0 < box.r1 and box.c0 <= o.c0 < box.c1 for o in boxes)


def _undrawn(table: Any) -> int:
    """How many slots at the end of the table's last row have no cell drawn over them."""
    rows = table.rows
    if not rows:
        return 0
    last = rows[-1]
    columns = table.columns
    y = (last.bbox[1] + last.bbox[3]) / 2
    count = 0
    for j in range(len(last.cells) - 1, -1, -1):
        if last.cells[j] is not None or j >= len(columns):
            break
        x = (columns[j].bbox[0] + columns[j].bbox[2]) / 2
        if any(c[0] <= x <= c[2] and c[1] <= y <= c[3] for c in table.cells):
            break  # covered by a cell merged from above
        count += 1
    return count


def _text(cell: Cell) -> str:
    return "" if cell is None else clean_cell(join_wrapped(cell.split("\n")))


def _edges(boxes: Sequence[Box], width: int) -> set[int]:
    return {c for b in boxes for c in (b.c0, b.c1)} - {0, width}


def _apart(table: Ruled) -> list[Ruled]:
    """The table cut where two tables drawn one right under the other meet (pdfplumber finds
    them as one): a row boundary no cell crosses, with at least two rows and two column edges
    on either side and no column edge (but the outer ones) in common."""
    width = len(table.lefts)
    if len(table.tops) != table.height + 1:
        return [table]
    for r in range(2, table.height - 1):
        if any(b.r0 < r < b.r1 for b in table.boxes):
            continue
        upper = [b for b in table.boxes if b.r1 <= r]
        lower = [b for b in table.boxes if b.r0 >= r]
        up, down = _edges(upper, width), _edges(lower, width)
        if len(up) < 2 or len(down) < 2 or up & down:
            continue
        top = Ruled(table.top, table.tops[r], table.rows[:r], 0, upper, table.lefts, r)
        top.tops = table.tops[: r + 1]
        rest = Ruled(table.tops[r], table.bottom, table.rows[r:], table.undrawn, [], table.lefts)
        rest.boxes = [Box(b.r0 - r, b.r1 - r, b.c0, b.c1, b.text, False, b.x0, b.x1) for b in lower]
        rest.height, rest.tops, rest.apart = table.height - r, table.tops[r:], True
        return [_narrow(top), *_apart(_narrow(rest))]
    return [table]


def _narrow(table: Ruled) -> Ruled:
    """The table with only the column edges its own cells use (a part cut from a table drawn
    together with another has the other's columns too)."""
    used = sorted({c for b in table.boxes for c in (b.c0, b.c1)} | {0})
    index = {c: k for k, c in enumerate(used)}
    for b in table.boxes:
        b.c0, b.c1 = index[b.c0], index[b.c1]
    table.lefts = [table.lefts[c] for c in used if c < len(table.lefts)]
    return table


def _columns(above: Ruled, below: Ruled) -> bool:
    """Put ``below``'s cells in ``above``'s columns when each of its column edges is one of
    ``above``'s (columns whose cells the page left undrawn are missing from it); whether it
    could."""
    index = []
    for x in below.lefts:
        k = next((k for k, y in enumerate(above.lefts) if abs(x - y) <= 2 * _EPS), None)
        if k is None:
            return False
        index.append(k)
    for b in below.boxes:
        b.c0 = index[b.c0]
        b.c1 = max(b.c0 + 1, sum(1 for y in above.lefts if y < b.x1 - 2 * _EPS))
    below.lefts = list(above.lefts)
    return True


def _join(above: Ruled, below: Ruled, pages: tuple[int, int]) -> None:
    """Join ``below`` (the first table of a page, without a header) to ``above`` (the last of
    the page before): a cell ending ``above`` goes on over the slots under it that no cell of
    ``below`` covers (the rest of a merged cell the page left undrawn) and over a cell of
    ``below``'s first row in its columns with no rule over it (the rest of a cell the page
    broke, its text joined; over slots no cell covers there, it starts there); ``below``'s
    first row goes when it holds nothing but such rests."""
    base = above.height
    if not above.pages:
        above.pages = [pages[0]] * base
    covered = {(r, c) for b in below.boxes for r in range(b.r0, b.r1) for c in range(b.c0, b.c1)}
    last = {(r, c) for a in above.boxes for r in range(a.r0, a.r1) for c in range(a.c0, a.c1)}
    rests = 0
    own = []
    for b in below.boxes:
        if b.r0 == 0 and b.open_top:
            ends = [a for a in above.boxes if a.r1 == base and b.c0 <= a.c0 and a.c1 <= b.c1]
            # its columns: cells ending the page before, or slots no cell covers there
            tiled = all(
                any(a.c0 <= c < a.c1 for a in ends) or (base - 1, c) not in last
                for c in range(b.c0, b.c1)
            )
            if tiled and not ends and base and b.text.strip():
                # the rest of a cell not drawn on the page before: it starts there
                own.append(Box(base - 1, b.r1 + base, b.c0, b.c1, b.text))
                rests += b.c1 - b.c0
                continue
            if tiled and (len(ends) == 1 or not b.text.strip()):
                for end in ends:  # (none or several: the undrawn rest of cells side by side)
                    end.r1 = base + b.r1
                    end.text = "\n".join(t for t in (end.text, b.text) if t)
                rests += b.c1 - b.c0
                continue
        own.append(Box(b.r0 + base, b.r1 + base, b.c0, b.c1, b.text))
    for a in above.boxes:
        if a.r1 == base:
            depth = 0
            while depth < below.height and not any(
                (depth, c) in covered for c in range(a.c0, a.c1)
            ):
                depth += 1
            a.r1 += depth
            if depth:
                rests += a.c1 - a.c0
    above.boxes.extend(own)
    height = below.height
    # the rest of the row the page broke: not a row of its own
    if rests == len(above.lefts) or (base and height and _halves(above.boxes, base)):
        height -= 1
        for b in above.boxes:
            if b.r0 > base:
                b.r0 -= 1
            if b.r1 > base:
                b.r1 -= 1
    above.height = base + height
    above.pages.extend([pages[1]] * height)
    above.undrawn = below.undrawn
    below.joined = True


def _halves(boxes: list[Box], base: int) -> bool:
    """Whether rows ``base - 1`` and ``base`` (the last row of a page and the first of the
    next) are the two halves of one row the page broke, its cells' texts printed on one page
    or the other: each cell starting on the second has one starting on the first in the same
    columns, never both with text, and each holds some text the other has not. When so, each
    cell of the second is joined to the one above it."""
    pairs = []
    for b in boxes:
        if b.r0 != base:
            continue
        a = next((a for a in boxes if a.r0 == base - 1 and (a.c0, a.c1) == (b.c0, b.c1)), None)
        if a is None or a.r1 != base or (a.text.strip() and b.text.strip()):
            return False
        pairs.append((a, b))
    if not any(a.text.strip() for a, _ in pairs) or not any(b.text.strip() for _, b in pairs):
        return False
    for a, b in pairs:
        a.r1 = b.r1
        a.text = a.text or b.text
        boxes.remove(b)
    return True


def _join_pages(pages: Sequence[tuple[int, Sequence[Ruled]]]) -> None:
    """Join each page's first table, when it has no header, to the last table of the page
    before (the rest of a table the page broke) when their columns agree."""
    above: tuple[int, Ruled] | None = None
    for number, tables in pages:
        for k, table in enumerate(tables):
            if (
                k == 0
                and above is not None
                and above[0] == number - 1
                and not indicator_tables([[table]])
                and _columns(above[1], table)
            ):
                _join(above[1], table, (above[0], number))
                above = (number, above[1])  # (which now ends on this page)
                continue
            above = (number, table)


def _drop_hollow(table: Ruled) -> None:
    """Drop the rows holding no text of their own, only cells going on from above (a rule
    drawn across some merged cells only, as where a merged label ends inside a row): they
    would repeat the row above."""
    for r in range(table.height - 1, 0, -1):
        starting = [b for b in table.boxes if b.r0 == r]
        if any(b.text.strip() for b in starting):
            continue
        if not any(b.r0 < r < b.r1 and b.text.strip() for b in table.boxes):
            continue
        for b in starting:
            b.r1 -= 1  # (empty cells starting here: shortened, gone when one row high)
        table.boxes = [b for b in table.boxes if b.r1 > b.r0]
        for b in table.boxes:
            if b.r0 > r:
                b.r0 -= 1
            if b.r1 > r:
                b.r1 -= 1
        if table.pages:
            del table.pages[r]
        table.height -= 1


def expand(table: Ruled) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """The table's rows with each cell's text in every slot it covers, and the slots below
    the first row of their cell (its continuation)."""
    width = len(table.lefts)
    rows = [[""] * width for _ in range(table.height)]
    below: list[tuple[int, int]] = []
    for b in table.boxes:
        text = _text(b.text)
        for r in range(b.r0, min(b.r1, table.height)):
            for c in range(b.c0, min(b.c1, width)):
                rows[r][c] = text
                if r > b.r0:
                    below.append((r, c))
    return rows, below


@dataclass(slots=True)
class _Run:
    name: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    below: list[tuple[int, int]] = field(default_factory=list)

    def add(
        self, rows: Sequence[list[str]], lines: Sequence[int], below: Sequence[tuple[int, int]]
    ) -> None:
        start = len(self.rows)
        self.below.extend((r + start, c) for r, c in below)
        self.rows.extend(rows)
        self.lines.extend(lines)


def _names_project(rows: Sequence[Sequence[str]]) -> bool:
    return any(role_of(c) == "project" for r in rows for c in r if c)


def grids(pages: Sequence[tuple[int, Sequence[Ruled], Callable[[], Page]]]) -> list[Grid]:
    """The grids of the ruled tables of a document: ``(page number, tables, its words)``."""
    pages = [(n, [p for t in tables for p in _apart(t)], words) for n, tables, words in pages]
    _join_pages([(number, tables) for number, tables, _ in pages])
    runs: list[_Run] = []
    pending = _Run("", [])  # rows before the next header
    last: Ruled | None = None
    width = 0  # the columns of the last table
    for number, tables, words in pages:
        bottom = 0.0
        for table in tables:
            if table.joined:
                bottom = table.bottom
                continue
            _drop_hollow(table)
            rows, below = expand(table)
            lines = table.pages or [number] * len(rows)
            head = next((k for k, r in enumerate(rows) if has_header([r])), None)
            above: list[list[str]] = []
            if head is not None or not runs:
                page = words()
                above = text_rows(page.between(bottom, table.top), page.height)
            upper = [number] * len(above)
            if head is None and runs and (table.apart or len(table.lefts) != width):
                # a table of its own under the last, or whose columns are not the last's
                runs.append(_Run(f"第 {number} 页", []))
                runs[-1].add(rows, lines, below)
            elif head is None:
                if runs:
                    runs[-1].add(rows, lines, below)  # the rest of a table broken by the page
                else:
                    pending.add(above, upper, [])
                    pending.add(rows, lines, below)
            elif (
                runs
                and rows[head] == runs[-1].header
                and not _names_project([*above, *rows[:head]])
            ):
                runs[-1].add(rows, lines, below)  # the header printed again on this page
            else:
                run = _Run(f"第 {number} 页", rows[head], pending.rows, pending.lines)
                run.below = pending.below
                run.add(above, upper, [])
                run.add(rows, lines, below)
                runs.append(run)
                pending = _Run("", [])
            bottom = table.bottom
            last = table
            width = len(table.lefts)
    if last is not None and last.undrawn and runs:
        runs[-1].rows[-1] = runs[-1].rows[-1][: -last.undrawn]
    if pending.rows:
        runs.append(pending)
    return [Grid.of(r.name, r.rows, r.lines, r.below) for r in runs]


def indicator_tables(pages: Sequence[Sequence[Ruled]]) -> bool:
    """Whether some ruled table holds an indicator header."""
    return any(
        has_header([[_text(c) for c in row]]) for tables in pages for t in tables for row in t.rows
    )
