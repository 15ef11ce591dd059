"""Text on a PDF page by the positions of its words: unruled tables, and the lines around tables.

Words come from pdfplumber (``extract_words``) with ``x_tolerance=1.5``: glyphs of one word
touch, while neighbouring cells keep at least their padding apart, so a small tolerance keeps
cells apart even in tight tables; blanks (U+3000 included) split words; ``use_text_flow`` is
off, so positions, not the order of the content stream, decide. pdfplumber's ``"text"`` table
strategy was tried on the fixtures and rejected: it gives one row per line of text (a wrapped
cell becomes several rows) and, where centred headers and left-aligned cells disagree about
the column edges, cuts words in two (``社区养`` | ``老服务补助``). Words are grouped into
*lines* by their top (within a third of the text height).

An *unruled table* is read in four steps:

1. **Header.** The header is the run of up to six lines whose words, grouped into columns by
   horizontal overlap, best match the table vocabulary (:func:`~jixiao.ingest.table.role_of`):
   most columns recognised, fewest not, then most lines. So a wrapped label (``资金总`` /
   ``额`` / ``（元）``) is one column, and labels centred between the lines of their neighbours
   still belong to it; a known label above two or more labels that do not overlap each other
   (``指标值`` over ``长期`` / ``年度``) gives a two-row header, as a merged cell would.
2. **Columns.** Between two neighbouring header columns the boundary is put in the widest
   vertical strip that the fewest body words cross (the white river between the columns), so
   centred headers over left-aligned cells work; a word belongs to the column its glyphs'
   centres fall in. A body line with a word across a boundary is not part of the table (a
   note or footnote under it) and is left out with a note.
3. **Rows.** ``lead``, the distance between two lines of text in one cell, is the smallest
   distance between successive lines with text in the same column. A line *continues* the row
   above when it is less than ``0.8 × lead`` below the previous line (vertically centred cells
   of a taller row sit half a line apart), and starts a new row when it is more than
   ``1.15 × lead`` below (the padding between rows), or when no cell of the table wraps at all
   (``lead`` over 1.6 text heights is the distance between rows). In between (a table without
   vertical padding) it continues the row only if every cell it fills is the wrap of the cell
   on the line just above that reached its column's right edge (the widest text of that
   column, within one character), or lies in a column that cannot start a row (goal, values,
   units, remarks: text broken by hand). A line filling a name, class, amount or unit column
   that is not such a wrap starts a row.
4. **Lines above the header** (title, department, a one-project form's block) are rows of
   their own, cells being words more than a character apart; lines less than a text height
   apart are one row (a label centred beside a two-line value), and a line that has nothing
   under the first cell of the line above and whose words start where its cells start
   continues those cells (a goal over two lines).

A row of several lines must prove it is one row: each column's text going on over a line is
one ``lead`` below and its line above reached so far that the next line's first piece would
not have fitted (:func:`_unproved`); the rows are then checked by :mod:`.unclear`. A page with
a row that is not proved is refused whole (a wrong row is worse than a missing one).

Cells wrapped over several lines are joined without a space unless both sides are Latin
letters. Limits: empty and missing cells look the same without rules, so an unruled table cut
short is not detected; a merged cell centred over several rows is read on the row its text
is printed on (over two rows: the upper one; over three: the middle one, the rows above it
carrying the class of the rows before); a row split by a page break is read as two rows; one
unruled table per page, whose columns carry over to the following pages without a header.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median
from typing import Any

from ..table import has_header, role_of
from .unclear import unclear_rows

X_TOLERANCE = 1.5
MAX_HEADER_LINES = 6
# Columns whose text starts a new row (a name, a class, an amount, a unit of the table).
KEY_ROLES = frozenset(
    ("seq", "department", "unit", "project", "total", "fiscal", "special", "other", "level1")
) | {"level2", "name"}


def join_wrapped(parts: Iterable[str]) -> str:
    """Lines of one cell as one text: no space at a wrap, except between two Latin letters."""
    out = ""
    for raw in parts:
        part = raw.strip()
        if not part:
            continue
        if out and _latin(out[-1]) and _latin(part[0]):
            out += " "
        out += part
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


@lru_cache(maxsize=4096)
def _role(text: str) -> str | None:
    return role_of(text)


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    centres: tuple[float, ...]  # the x centre of each glyph

    def overlaps(self, other: Word | _Column) -> bool:
        return self.x0 < other.x1 - 0.5 and other.x0 < self.x1 - 0.5


@dataclass(slots=True)
class Line:
    top: float
    words: list[Word]


@dataclass(slots=True)
class Page:
    """The words of one page as lines, top to bottom, and the typical text height."""

    lines: list[Line]
    height: float

    def between(self, top: float, bottom: float) -> list[Line]:
        return [ln for ln in self.lines if top <= ln.top < bottom]


def read_page(page: Any) -> Page:
    words = [
        Word(
            w["text"],
            float(w["x0"]),
            float(w["x1"]),
            float(w["top"]),
            float(w["bottom"]),
            tuple((float(c["x0"]) + float(c["x1"])) / 2 for c in w["chars"]),
        )
        for w in page.extract_words(
            x_tolerance=X_TOLERANCE,
            keep_blank_chars=False,
            use_text_flow=False,
            return_chars=True,
        )
        if w["upright"]
    ]
    height = median(w.bottom - w.top for w in words) if words else 10.0
    words.sort(key=lambda w: (w.top, w.x0))
    lines: list[Line] = []
    for w in words:
        if lines and abs(w.top - lines[-1].top) <= height / 3:
            lines[-1].words.append(w)
        else:
            lines.append(Line(w.top, [w]))
    for ln in lines:
        ln.words.sort(key=lambda w: w.x0)
    return Page(lines, height)


# -- lines outside tables --------------------------------------------------------------------
@dataclass(slots=True)
class _Cell:
    x0: float
    x1: float
    parts: list[str]


def _segments(line: Line, gap: float) -> list[_Cell]:
    cells: list[_Cell] = []
    for w in line.words:
        if cells and w.x0 - cells[-1].x1 < gap:
            cells[-1].parts[-1] += " " + w.text
            cells[-1].x1 = w.x1
        else:
            cells.append(_Cell(w.x0, w.x1, [w.text]))
    return cells


def text_rows(lines: Sequence[Line], height: float) -> list[list[str]]:
    """Lines outside a table's columns as rows of cells (step 4 of the module's docstring)."""
    rows: list[list[_Cell]] = []
    previous: Line | None = None
    for line in lines:
        cells = _segments(line, height)
        above = rows[-1] if rows else None
        if above is not None and previous is not None and line.top - previous.top < height:
            _merge(above, cells)  # vertically centred cells: one row printed on several lines
        elif (
            above is not None
            and previous is not None
            and line.top - previous.top <= 1.6 * height
            and cells[0].x0 > above[0].x1
            and all(any(abs(c.x0 - a.x0) < height / 2 for a in above) for c in cells)
        ):
            for c in cells:  # cells wrapped over two lines
                target = next(a for a in above if abs(c.x0 - a.x0) < height / 2)
                target.parts.extend(c.parts)
        else:
            rows.append(cells)
        previous = line
    return [[join_wrapped(c.parts) for c in r] for r in rows]


def _merge(row: list[_Cell], cells: list[_Cell]) -> None:
    """Add ``cells`` (a line below) to the cells of ``row`` they overlap, or as new cells."""
    for c in cells:
        target = next((a for a in row if a.x0 < c.x1 and c.x0 < a.x1), None)
        if target is None:
            row.append(c)
            row.sort(key=lambda a: a.x0)
        else:
            target.parts.extend(c.parts)
            target.x0, target.x1 = min(target.x0, c.x0), max(target.x1, c.x1)


# -- the header ------------------------------------------------------------------------------
@dataclass(slots=True)
class _Column:
    x0: float
    x1: float
    words: list[Word] = field(default_factory=list)
    over: str = ""  # a label spanning this column and its neighbours (a two-row header)

    @property
    def label(self) -> str:
        return join_wrapped(w.text for w in sorted(self.words, key=lambda w: (w.top, w.x0)))

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class Header:
    first: int  # index of its first and last line
    last: int
    columns: list[_Column]
    roles: list[str | None]

    def rows(self) -> list[list[str]]:
        """One row, or two when a label spans several columns (as a merged cell would)."""
        labels = [c.label for c in self.columns]
        if not any(c.over for c in self.columns):
            return [labels]
        return [[c.over or c.label for c in self.columns], labels]


def _spans(word: Word, words: Sequence[Word]) -> bool:
    """Whether ``word`` is a label above two or more labels that do not overlap each other."""
    if _role(word.text) is None:
        return False
    below = sorted(
        (v for v in words if v.top > word.bottom - 1 and word.overlaps(v)), key=lambda v: v.x0
    )
    return any(not a.overlaps(b) for a, b in itertools.pairwise(below))


def _header(lines: Sequence[Line], first: int) -> Header | None:
    words = [w for ln in lines for w in ln.words]
    spanning = [w for w in words if _spans(w, words)]
    columns: list[_Column] = []
    for w in sorted((w for w in words if w not in spanning), key=lambda w: w.x0):
        if columns and w.overlaps(columns[-1]):
            columns[-1].words.append(w)
            columns[-1].x1 = max(columns[-1].x1, w.x1)
        else:
            columns.append(_Column(w.x0, w.x1, [w]))
    for w in spanning:
        for c in columns:
            if w.overlaps(c):
                c.over = w.text
    labels = [c.over + c.label if c.over and _role(c.over + c.label) else c.label for c in columns]
    roles = [_role(label) for label in labels]
    if not has_header([labels]):
        return None
    return Header(first, first + len(lines) - 1, columns, roles)


def find_header(lines: Sequence[Line], height: float) -> Header | None:
    """The header of the unruled table among ``lines`` (step 1), or None."""
    has_role = [any(_role(w.text) for w in ln.words) for ln in lines]
    best: tuple[tuple[int, int, int, int], Header] | None = None
    for i in range(len(lines)):
        for k in range(MAX_HEADER_LINES):
            if i + k >= len(lines) or (k and lines[i + k].top - lines[i + k - 1].top > 3 * height):
                break
            if not any(has_role[i : i + k + 1]):
                continue
            header = _header(lines[i : i + k + 1], i)
            if header is None:
                continue
            known = sum(r is not None for r in header.roles)
            key = (known, -(len(header.roles) - known), k, -i)
            if best is None or key > best[0]:
                best = (key, header)
    return best[1] if best else None


# -- columns and rows ------------------------------------------------------------------------
def _river(lo: float, hi: float, words: Iterable[Word]) -> float:
    """The middle of the widest strip of ``lo..hi`` crossed by the fewest words."""
    events: list[tuple[float, int]] = []
    for w in words:
        a, b = max(w.x0, lo), min(w.x1, hi)
        if a < b:
            events += [(a, 1), (b, -1)]
    events.sort()
    best = (-(10**9), 0.0, (lo + hi) / 2)  # (-crossings, width, middle), maximised
    depth, x = 0, lo
    for at, step in [*events, (hi, 0)]:
        if at > x:
            candidate = (-depth, at - x, (x + at) / 2)
            if candidate[:2] > best[:2]:
                best = candidate
        depth += step
        x = max(x, at)
    return best[2]


@dataclass(slots=True)
class Table:
    """An unruled table's columns: where they end, and what role each has."""

    bounds: list[float]  # x of the boundary after each column but the last
    roles: list[str | None]

    def band(self, x: float) -> int:
        return bisect.bisect(self.bounds, x)

    def cells(self, line: Line) -> dict[int, list[Word]] | None:
        """The words of ``line`` by column, or None if a word lies across a boundary."""
        out: dict[int, list[Word]] = {}
        for w in line.words:
            bands = {self.band(x) for x in w.centres}
            if len(bands) > 1:
                return None
            out.setdefault(bands.pop(), []).append(w)
        return out


def columns_of(header: Header, body: Sequence[Line]) -> Table:
    words = [w for ln in body for w in ln.words]
    cols = header.columns
    bounds = [_river(a.centre, b.centre, words) for a, b in itertools.pairwise(cols)]
    return Table(bounds, list(header.roles))


@dataclass(slots=True)
class Body:
    rows: list[list[str]]
    left_out: list[str]  # lines across columns, left out
    joined: list[str] = field(default_factory=list)  # rows joined without proof of a wrap


def body_rows(table: Table, lines: Sequence[Line], height: float) -> Body:
    """The rows of the table's body (steps 2 and 3 of the module's docstring)."""
    width = len(table.bounds) + 1
    placed: list[tuple[Line, dict[int, list[Word]]]] = []
    left_out: list[str] = []
    for ln in lines:
        cells = table.cells(ln)
        if cells is None:
            left_out.append(" ".join(w.text for w in ln.words))
        else:
            placed.append((ln, cells))
    lead, wraps = _lead(placed, height)
    right = {
        j: max(w.x1 for _, cells in placed for w in cells.get(j, []))
        for j in range(width)
        if any(j in cells for _, cells in placed)
    }
    rows: list[list[tuple[Line, dict[int, list[Word]]]]] = []
    for ln, cells in placed:
        if rows and _continues(rows[-1], ln, cells, table, (lead, wraps), right, height):
            rows[-1].append((ln, cells))
        else:
            rows.append([(ln, cells)])
    out = []
    joined = [text for row in rows if (text := _unproved(row, lead, right))]
    for row in rows:
        texts = []
        for j in range(width):
            parts = [" ".join(w.text for w in cells[j]) for _, cells in row if j in cells]
            texts.append(join_wrapped(parts))
        out.append(texts)
    return Body(out, left_out, joined)


def _unproved(
    row: list[tuple[Line, dict[int, list[Word]]]], lead: float, right: dict[int, float]
) -> str:
    """A cell of ``row`` going on over a line that cannot be the wrap of its text above: two
    rows read as one, or "". A wrap is one ``lead`` below the line it continues, and that
    line's text reached so far that the next line's first unbreakable piece (a Chinese
    character, a run of Latin letters and figures) would not have fitted in the widest text
    of the column. A value broken by hand is refused with them: nothing tells it apart."""
    last: dict[int, tuple[float, list[Word]]] = {}
    for line, cells in row:
        for j, ws in cells.items():
            if j in last:
                top, above = last[j]
                end = max(w.x1 for w in above) + _first_piece(min(ws, key=lambda w: w.x0))
                if abs(line.top - top - lead) > 0.2 * lead or end < right[j] - 0.5:
                    return join_wrapped(w.text for w in (*above, *ws))
            last[j] = (line.top, ws)
    return ""


def _first_piece(word: Word) -> float:
    """The width of the piece a line could not break before: a run of non-CJK glyphs at the
    start of ``word``, or its first glyph (glyphs taken as equally wide)."""
    n = sum(1 for _ in itertools.takewhile(lambda c: ord(c) < 0x2E80, word.text))
    return (word.x1 - word.x0) / max(len(word.text), 1) * max(n, 1)


def _lead(
    placed: Sequence[tuple[Line, dict[int, list[Word]]]], height: float
) -> tuple[float, bool]:
    """The distance between lines of one cell, and whether any cell seems to wrap (the
    smallest distance is under 1.6 text heights: else it is the distance between rows)."""
    last: dict[int, float] = {}
    lead = float("inf")
    for ln, cells in placed:
        for j in cells:
            if j in last and ln.top - last[j] >= height / 2:
                lead = min(lead, ln.top - last[j])
            last[j] = ln.top
    if lead == float("inf"):
        return 2 * height, False
    return max(lead, height), lead <= 1.6 * height


def _continues(
    row: list[tuple[Line, dict[int, list[Word]]]],
    line: Line,
    cells: dict[int, list[Word]],
    table: Table,
    lead_wraps: tuple[float, bool],
    right: dict[int, float],
    height: float,
) -> bool:
    lead, wraps = lead_wraps
    distance = line.top - row[-1][0].top
    if distance < 0.8 * lead:
        return True
    if distance > 1.15 * lead or not wraps:
        return False
    for j in cells:
        role = table.roles[j] if j < len(table.roles) else None
        if role not in KEY_ROLES:
            continue
        above = next(((ln, c[j]) for ln, c in reversed(row) if j in c), None)
        if above is None or abs(line.top - above[0].top - lead) > 0.2 * lead:
            return False  # nothing above in this column, or not the line just above
        if max(w.x1 for w in above[1]) < right[j] - 0.9 * height:
            return False  # the text above did not reach the column's edge: not a wrap
    return True


@dataclass(slots=True)
class Unruled:
    """What one page gives: rows (lines above the header, the header, the body), the
    columns for the pages after it, whether the page had its own header, lines left out."""

    rows: list[list[str]]
    table: Table
    headed: bool
    left_out: list[str]
    unclear: list[str] = field(default_factory=list)  # body rows not proved (:mod:`.unclear`)


def read_unruled(page: Page, previous: Table | None) -> Unruled | None:
    """The unruled table on ``page``; a page without a header continues ``previous``."""
    header = find_header(page.lines, page.height)
    if header is not None:
        body = page.lines[header.last + 1 :]
        table = columns_of(header, body)
        above = text_rows(page.lines[: header.first], page.height)
        rows = [*above, *header.rows()]
    elif previous is not None:
        body, table, rows = page.lines, previous, []
    else:
        return None
    found = body_rows(table, body, page.height)
    unclear = [f"“{text}”像是两行，却连成一行" for text in found.joined]
    unclear += unclear_rows(table.roles, found.rows, KEY_ROLES)
    return Unruled([*rows, *found.rows], table, header is not None, found.left_out, unclear)
