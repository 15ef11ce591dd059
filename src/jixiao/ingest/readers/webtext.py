"""Plain text saved from a web page → the grid of the table it holds.

Whatever shape the page's text took (cells between ``|``, one cell per line or paragraph, rows
with cells split by spaces, a whole table on one line, cells run together), the text becomes
tokens (:mod:`..text_tokens`), and the grid is rebuilt from them with the vocabulary:

* an *indicator header* is a run of column labels (一级指标 二级指标 三级指标 指标值 …, possibly
  two header rows read in one run); the tokens after it, up to a footer label (总分, 评价结论 …)
  or the next form, are its *body*, aligned to its columns by :func:`..text_align.align`;
* before a header, a *block*: label | value rows (项目名称 | X, 主管部门 | Y), a self-evaluation's
  funds table (its column labels, then 年度资金总额 | 880 | 880 …, each amount put in its column
  by the same alignment), goals under sub-headers (年度总体目标 | 预期目标 | 实际完成情况 over
  their texts), and one-cell lines (title, year, 单位：万元), read by :mod:`.webtext_block`;
* after a body, footer rows (总分 | 100 | 96 | 优).

Labels and the header are found by :mod:`.webtext_labels`, a body read by :mod:`.webtext_body`.
Rows of a body that fit their columns badly (a cell that cannot be told from its neighbour) or
fail the plausibility checks of :mod:`.webtext_rows` are left out with a note: a wrong row is
worse than a missing one.
Page boilerplate before and after the table becomes one-cell rows, which the interpreter skips.
The numbered text layout (``1、1-产出指标；…``) is left to the ``text`` reader.
"""

from __future__ import annotations

import re

from ...errors import ParseError
from ..grid import Grid, GridNote
from ..table_document import project_heading
from ..table_headless import MESSAGE as HEADLESS
from ..table_title import kind_of
from ..table_vocabulary import (
    block_role,
    footer_role,
    has_header,
    is_boilerplate,
    is_cut_note,
    is_page_turn,
    is_tree_header,
    role_of,
    vocabulary,
)
from ..text_cells import ROW_VALUE_ROLES
from ..text_clean import normalize, tab_cells
from ..text_tokens import (
    cells_end,
    is_pipe_text,
    mostly_glued,
    tokens,
)
from .text import peek, read_text
from .webtext_areas import with_areas
from .webtext_block import read_block
from .webtext_body import BodyReader
from .webtext_drawn import Drawn, drawn_block, drawn_forms
from .webtext_footer import footer_rows, last_pipe, last_row, open_last_row, opens_form
from .webtext_gluednames import unproven_name
from .webtext_goalcell import goal_cell_grid
from .webtext_headless import headless_rows
from .webtext_labels import (
    Header,
    find_header,
    header_label,
    label_at,
    scattered_header,
    with_code,
)
from .webtext_outline import outline

_NUMBERED = re.compile(r"\d{1,3}\s*、\s*\d{1,2}\s*-\s*[^\d\s]")
_NUMBERED_LABEL = re.compile(r"实施周期指标值|年度指标值")


def _numbered(text: str) -> bool:
    m = _NUMBERED.search(text)
    return m is not None and _NUMBERED_LABEL.search(text, m.end()) is not None


def is_numbered(data: bytes) -> bool:
    """The numbered text layout (1、1-产出指标；11-数量指标；… 实施周期指标值:…), read by the
    ``text`` reader (a mirror's Traditional page too)."""
    text = peek(data)
    return _numbered(text) or _numbered(normalize(text)[0])


def sniff(data: bytes) -> bool:
    """Text holding an indicator header (every other text is read as web text as well, the
    last reader: its error says what the text lacks)."""
    text = peek(data)
    if _numbered(text):
        return False
    text, _ = normalize(text)
    return find_header(tokens(text)) is not None


# -- the grid ------------------------------------------------------------------------------
class _Builder(BodyReader):
    """The walk over a text's tokens: blocks, headers and their bodies, footers."""

    forms: int  # the forms (indicator headers) read
    unproven: list[str]  # why each form left out for its name was (see unproven_name)

    def build(self) -> None:
        toks = self.toks
        self.forms, self.unproven = 0, []
        pos = 0
        found = False
        while True:
            header = find_header(toks, pos)
            if header is None:
                if not found and not self.headless(pos):
                    self.block(pos, len(toks))
                if not found:
                    return
                if opens_form(toks, pos):
                    self.block(pos, len(toks))  # a form cut before its own indicator header
                    return
                after = len({t.line for t in toks[pos:] if not t.empty})
                if after:
                    self.notes.append(
                        GridNote(
                            "info",
                            "text.after_table",
                            f"表格之后的 {after} 行文字（网页内容）未读取",
                        )
                    )
                return
            found = True
            header = with_code(toks, with_areas(toks, self.scattered(header)))
            self.block(pos, header.start)
            unproven = unproven_name(toks, pos, header.start)
            seq = any(role_of(x) == "seq" for x in header.labels)
            end = self.body_end(header.end, len(header.labels), seq)
            if is_tree_header(header.labels):
                grid = outline(self.toks[header.end : end], header)
                for row, line in zip(grid.rows, grid.lines, strict=True):
                    self.emit(row, line)
                self.notes.extend(grid.notes)
            else:
                self.emit(header.labels, header.line)
                self.body(header, end)
            pos = self.footer(end)
            self.forms += 1
            if unproven is not None:  # (the form's rows would be a misnamed project's)
                del self.rows[self.block_at :], self.lines[self.block_at :]
                self.notes.append(GridNote("warning", "text.name_unproven", *unproven))
                self.unproven.append(unproven[0])

    def headless(self, pos: int) -> bool:
        """Text starting mid-table (no header): its rows under the header they fix, if any."""
        made = headless_rows(self.toks, pos)
        if made is None:
            return False
        start, after, labels, rows = made
        self.block(pos, start)
        self.emit(labels, rows[0][1])
        self.notes.append(GridNote("info", "header.from_rows", HEADLESS, rows[0][1]))
        for row, line in rows:
            self.emit(row, line)
        self.footer(after)
        return True

    # -- block ---------------------------------------------------------------------------------
    def block(self, lo: int, hi: int) -> None:
        if not self.pipe:  # (forms before the last title, or its head, in drawing order)
            forms = drawn_forms(self.toks, lo, hi)
            if forms is not None:
                lo = self.drawn(forms[0], forms[1])
        self.block_at = len(self.rows)  # (the last form's fields start here)
        if not self.pipe:
            if lo == hi:
                return
            head = drawn_block(self.toks, lo, hi)
            if head is not None:
                self.drawn(head, hi)
                return
        rows, lines = read_block(self.toks, lo, hi, self.pipe, self.notes)
        for row, line in zip(rows, lines, strict=True):
            self.emit(row, line)

    def drawn(self, made: Drawn, after: int) -> int:
        """Emit rows read in drawing order (:mod:`.webtext_drawn`); ``after``, the token after
        them."""
        rows, lines, notes = made
        for row, line in zip(rows, lines, strict=True):
            self.emit(row, line)
        self.notes.extend(notes)
        return after

    # -- body ----------------------------------------------------------------------------------
    def body_end(self, lo: int, columns: int = 0, seq: bool = True) -> int:
        """Where a body starting at token ``lo`` ends: a footer label, a new form or header, or
        (``|`` text with a row per line) a line with more cells than the header has ``columns``
        or (any text with a row per line) such a line opening with 序号: another table; under a
        header with no 序号 column (``seq``), a cell 序号 of its own opens another table too."""
        toks = self.toks
        last = self.chrome if lo <= self.chrome else len(toks)
        for i in range(lo, last):
            t = toks[i]
            if t.empty:
                continue
            wide = columns and self.pipe and self.rows_by_line and t.row == 2
            if wide and self.cells_on.get(t.line, 0) >= columns + 2:
                return i
            text = "".join(t.text.split())
            # 序号 opening a line wider than the header: another table's header (any text: a
            # row a line, or a table a line)
            opens = columns and t.gap in ("line", "para")
            if opens and role_of(text) == "seq" and self.cells_on.get(t.line, 0) >= columns + 2:
                return i
            if not seq and t.gap in ("line", "para", "pipe") and role_of(text) == "seq":
                return i  # (a cell 序号 among rows with none: the header of a table below)
            if footer_role(text) is not None and (t.gap != "glue" or len(text) > 2):
                return i
            if block_role(text) == "project" or kind_of(text) or project_heading(text):
                return i
            own_line = t.gap in ("line", "para", "start") or (i > 0 and t.line != toks[i - 1].line)
            if is_boilerplate(t.text) and (own_line or t.row == 2):
                note = is_cut_note(t.text) or is_page_turn(t.text)
                if not (note and mostly_glued(toks[lo:i])):  # (cells run together: nothing
                    return i  # marks where the row before the note ends; it stays in the body)
            if label_at(toks, i, header_label) and find_header(toks[i : i + 40]) is not None:
                head = find_header(toks, i)
                if head is not None and head.start == i:
                    return i
        return last

    def scattered(self, header: Header) -> Header:
        """``header``, or when it has no value columns and its value labels stand scattered
        around it, the header they make (see :func:`.webtext_labels.scattered_header`); rows
        under such a header are read only when their values are all there and all figures."""
        found = scattered_header(self.toks, header)
        if found is None:
            return header
        values = found.labels[len([x for x in found.labels if role_of(x) not in ROW_VALUE_ROLES]) :]
        self.notes.append(
            GridNote(
                "info",
                "text.scattered_header",
                "表头各列名散在表格文字中（次序打乱），按一级指标、二级指标、三级指标、"
                + "、".join(values)
                + " 读取",
                header.line,
            )
        )
        self.strict = True
        return found

    # -- footer --------------------------------------------------------------------------------
    def footer(self, lo: int) -> int:
        """Footer rows from token ``lo`` (总分 | 100 | 96 | 优, 评价结论 | …); the token after."""
        total, self.total = self.total, []

        def emit(row: list[str], line: int) -> None:
            if total and len(row) == 1 and footer_role("".join(row[0].split())) == "score":
                row = [*row, *total]  # (its figures closed the runs before their names)
                self.notes.append(GridNote("info", "text.total_apart", TOTAL_APART, line))
            self.emit(row, line)

        return footer_rows(self.toks, lo, emit)


TOTAL_APART = "总分的分值和得分写在各行数值之后、总分二字之前（文字次序打乱），按总分读取"


def grids(data: bytes, name: str, encoding: str | None = None) -> list[Grid]:
    text, notes = read_text(data, name, encoding)
    text, more = normalize(text)
    text, tabbed = tab_cells(text)
    more.extend(tabbed)
    listed = goal_cell_grid(text)  # a project list, its indicators written in the goal cells
    if listed is not None:
        listed.notes[:0] = [*notes, *more]
        return [listed]
    lines = text.split("\n")
    pipe = is_pipe_text(lines)
    builder = _Builder(
        tokens(text),
        pipe,
        cells_end(lines),
        last_row(lines) if pipe else 0,
        last_pipe(lines) if pipe else 0,
        open_last_row(lines) if pipe else 0,
    )
    builder.build()
    if builder.unproven and len(builder.unproven) == builder.forms:
        raise ParseError(builder.unproven[0], source=name)  # (no form left: why, not "no table")
    grid = Grid.of("", builder.rows, builder.lines)
    grid.notes.extend(notes)
    grid.notes.extend(more)
    grid.notes.extend(builder.notes)
    return [grid]


__all__ = ["grids", "has_header", "sniff", "vocabulary"]
