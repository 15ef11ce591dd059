"""Word ``.docx`` documents (python-docx): the tables many bureaus publish 绩效目标表 in.

Every top-level table is a grid; a merged range (``gridSpan`` across, ``vMerge`` down) gives its
value to every cell it covers, as merged Excel cells do. A cell's paragraphs are joined by a
space; its indentation (the first paragraph's left indent, in quarter em, plus leading spaces)
lets :mod:`jixiao.ingest.table_tree` read an indentation tree. The last short paragraph before
the first table (the table's title: department, year) heads the first grid, as a web page's
heading does; a paragraph heading a project's targets (某某项目项目绩效目标) is kept over the
table after it, or under the last table (a next project cut off before its table), as the HTML
reader keeps it, and so are a form's own lines over its table (its title, year, 单位:元:
:func:`~jixiao.ingest.table_block.form_lines`). The archive's sizes and the table's cells
are checked against the limits before python-docx builds anything (:mod:`jixiao.limits`).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ...errors import LimitError, ParseError
from ...limits import Limits, exceeded
from ..grid import Grid, clean_cell
from ..table_document import project_heading
from ..table_title import form_lines
from ..table_tree import indent_width, outline_grid
from .xlsx import _is_block

_MAIN = "word/document.xml"
_TITLE_CHARS = 80  # a paragraph longer than this before the table is prose, not its title
_QUARTER_EM_PT = 3.0  # a quarter of a 12 pt em: the unit of the HTML reader's indents


def sniff(data: bytes) -> bool:
    """A zip archive with a ``word/document.xml`` part (an Office Open XML document)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return _MAIN in z.namelist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
        return False


def _check_archive(data: bytes, name: str, limits: Limits) -> None:
    """Refuse an archive that would inflate past ``inflated_mb`` (before lxml parses it)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        total = sum(m.file_size for m in z.infolist())
    if total > limits.inflated_mb << 20:
        raise exceeded("inflated_mb", limits.inflated_mb, name)


def _indent(cell: Any) -> int:
    """The cell's first paragraph's left indent, in quarter em."""
    paragraphs = cell.paragraphs
    if not paragraphs:
        return 0
    left = paragraphs[0].paragraph_format.left_indent
    return round(left.pt / _QUARTER_EM_PT) if left else 0


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# What a run's text is made of (python-docx's ``CT_R.text``: each element's own text, a tab, a
# line break …), looked up by tag instead of by an XPath query per run.
_RUN_TEXT = frozenset(_W + t for t in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))


def _run_text(run: Any) -> str:
    return "".join(str(e) for e in run if e.tag in _RUN_TEXT)


def _paragraph_text(p: Any) -> str:
    """A paragraph's text as python-docx's ``Paragraph.text`` gives it: its runs' and its
    hyperlinks' runs' text, in order."""
    parts = []
    for e in p.iterchildren(_W + "r", _W + "hyperlink"):
        if e.tag == _W + "r":
            parts.append(_run_text(e))
        else:
            parts.extend(_run_text(r) for r in e.iterchildren(_W + "r"))
    return "".join(parts)


def _cell_text(cell: Any) -> str:
    raw = " ".join(_paragraph_text(p) for p in cell._tc.iterchildren(_W + "p"))
    lead = raw[: len(raw) - len(raw.lstrip(" \xa0\u3000\t"))]
    return lead + clean_cell(raw)


def _slots(
    table: Any, name: str, limits: Limits, seen: int
) -> tuple[list[list[tuple[str, Any]]], list[tuple[int, int]]]:
    """The table's rows of (text, cell), merged cells expanded, and the (row, column) slots
    that continue a cell merged down from the row above (``vMerge``); ``seen``: cells so far."""
    from docx.table import _Cell  # (python-docx is imported by grids() already)

    tbl = table._tbl
    count = seen
    spans: dict[Any, int] = {}  # (python-docx reads an attribute anew on every access)
    for tr in tbl.tr_lst:
        for tc in tr.tc_lst:
            span = spans[tc] = tc.grid_span
            limits.check("span", span, name)
            count += span
        if count > limits.cells:
            raise exceeded("cells", limits.cells, name)
    out: list[list[tuple[str, Any]]] = []
    # One reading per <w:tc>, however many slots it fills; keyed by the element itself (lxml
    # keeps one proxy per node while it is referenced: an id() could be reused).
    memo: dict[Any, tuple[str, Any]] = {}
    continued: list[tuple[int, int]] = []
    above: list[Any] = []
    for r, row in enumerate(_row_cells(tbl, spans)):
        cells = []
        for j, key in enumerate(row):
            if key not in memo:
                cell = _Cell(key, table)
                memo[key] = (_cell_text(cell), cell)  # (its indent: only a tree's cells')
            elif j < len(above) and above[j] is key:
                continued.append((r, j))
            cells.append(memo[key])
        out.append(cells)
        above = row
    return out, continued


def _row_cells(tbl: Any, spans: dict[Any, int]) -> list[list[Any]]:
    """Per row, the ``<w:tc>`` holding each layout-grid cell it fills, as python-docx's
    ``_Row.cells`` gives them (a ``gridSpan`` cell once per column, a ``vMerge`` continuation
    as the top cell of its merge), in one pass: ``_Row.cells`` looks for the cell above with
    XPath for every continued cell, which made a merged Word table read in 70 ms. ``spans``:
    each cell's ``gridSpan``."""
    rows: list[list[Any]] = []
    starts: dict[int, Any] = {}  # the row above: grid offset → the (top) cell starting there
    for r, tr in enumerate(tbl.tr_lst):
        offset = tr.grid_before
        row: list[Any] = []
        here: dict[int, Any] = {}
        for tc in tr.tc_lst:
            top = tc
            if tc.vMerge == "continue":
                if r == 0 or offset not in starts:
                    raise ValueError(f"no `tc` element at grid_offset={offset}")
                top = starts[offset]
            here[offset] = top
            row.extend([top] * spans[top])
            offset += spans[tc]
        rows.append(row)
        starts = here
    return rows


def grids(
    data: bytes, name: str, encoding: str | None = None, limits: Limits | None = None
) -> list[Grid]:
    import docx  # lazily: only Word files need python-docx (and lxml)
    from docx.exceptions import PythonDocxError

    limits = limits or Limits.defaults()
    try:
        _check_archive(data, name, limits)
        document = docx.Document(io.BytesIO(data))
    except LimitError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx raise many kinds for a broken file
        raise ParseError(
            f"无法打开 Word 文件：{exc}", source=name, expected="有效的 .docx 文档"
        ) from exc
    try:
        return _grids(document, name, limits)
    except (ValueError, KeyError, PythonDocxError) as exc:  # a malformed table's attributes
        raise ParseError(
            f"Word 文档中的表格结构无效：{exc}", source=name, expected="有效的 .docx 文档"
        ) from exc


def _grids(document: Any, name: str, limits: Limits) -> list[Grid]:
    from docx.table import Table

    title = ""
    tables: list[Any] = []
    paragraphs: dict[int, list[str]] = {}  # tables before → the short paragraphs, in order
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables.append(block)
            continue
        text = clean_cell(block.text)
        if not tables and text and len(text) <= _TITLE_CHARS:
            title = text
        if text and len(text) <= _TITLE_CHARS:
            paragraphs.setdefault(len(tables), []).append(text)
    headings: dict[int, list[tuple[str, int]]] = {}  # project headings, a form's own lines
    for n, texts in paragraphs.items():  # (after the last table: its project headings only)
        kept = set(form_lines(texts)) if n < len(tables) else set()
        headings[n] = [
            (t, 0) for k, t in enumerate(texts) if project_heading(t) is not None or k in kept
        ]
    if not tables:
        raise ParseError(
            "Word 文档中没有表格", source=name, expected="含绩效目标表（表格）的 Word 文档"
        )
    result: list[Grid] = []
    seen = 0
    for k, table in enumerate(tables):
        slots, continued = _slots(table, name, limits, seen)
        seen += sum(len(r) for r in slots)
        raw = [[text for text, _ in row] for row in slots]

        def indent(r: int, j: int, text: str, slots: list[list[tuple[str, Any]]] = slots) -> int:
            return _indent(slots[r][j][1]) + indent_width(text)

        label = f"表格 {k + 1}"
        tree = outline_grid(label, raw, indent, name, _is_block)
        grid = tree if tree is not None else Grid.of(label, raw, continued=continued)
        after = headings.get(k + 1, []) if k + 1 == len(tables) else []
        result.append(grid.framed(headings.get(k, []), after))
    first = result[0]
    if title and not any(title in cell for row in first.rows for cell in row):
        shifted = {r + 1: cols for r, cols in first.continued.items()}
        result[0] = Grid(
            first.name, [[title], *first.rows], [0, *first.lines], first.notes, continued=shifted
        )
    return result
