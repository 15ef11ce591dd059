"""The grid a web-page text's table becomes, and the body of each indicator header read into
it (:class:`BodyReader`): the tokens after a header aligned to its columns, mended where the
text proves it, and the rows that fit their columns badly or fail the plausibility checks of
:mod:`.webtext_rows` left out with a note (a wrong row is worse than a missing one); the walk
over the whole text (blocks, headers, footers) is :mod:`.webtext`'s."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, partial

from ...framework import load_framework
from ..grid import GridNote
from ..table_offset import MESSAGE as LEVEL_OFF
from ..table_offset import agrees
from ..table_vocabulary import (
    is_cut_note,
    is_page_turn,
    label_roles,
)
from ..text_align import Row, align, row_cost
from ..text_cells import NUMBER, PERCENT, ROW_VALUE_ROLES, UNLABELLED, VALUE, kind
from ..text_tokens import (
    Token,
    cells_per_line,
    mostly_glued,
    row_per_line,
)
from .webtext_apart import name_in_header, reordered
from .webtext_areas import AREA_TAIL, area_roles, area_tokens
from .webtext_classes import (
    CLASSLESS,
    class_doubts,
    class_in_name,
    class_row,
    class_tail_in_name,
    classless_top,
    doubled_classes,
    leading_classes,
    lost_classes,
    outer_classes,
)
from .webtext_footer import open_cell, page_cells, unclosed
from .webtext_fused import read_fused
from .webtext_glued import glued_rows, tail_apart
from .webtext_gluedcells import figure_twice, value_twice
from .webtext_inside import head_back, split_inside, value_inside_name
from .webtext_labels import (
    Header,
    name_given,
)
from .webtext_lines import class_rows, line_rows, paragraph_rows
from .webtext_mend import blank_lines, mended
from .webtext_names import explained
from .webtext_paired import paired_apart
from .webtext_rows import (
    cut_label,
    cut_short,
    empties_explicit,
    explanation_glued,
    figure_ahead,
    implausible,
    paged_names,
    repeated_names,
    split_name,
    template_row,
    unowned_rows,
)
from .webtext_runs import vouched_only, whole_runs
from .webtext_scored import read_scored
from .webtext_spaces import (
    by_runs,
    cells_lost,
    closing_runs,
    lines_of_cells,
    merged_lines,
    run_into_name,
    shifted,
    space_cuts,
    values_filled,
    values_whole,
)
from .webtext_table import (
    fused_weights,
    glued_figures,
    numbered_blank,
    settle,
    total_row,
    values_apart,
    weight_glued,
)
from .webtext_tail import CLASSLESS_TAIL, classless_tail, lone_tail
from .webtext_tail import MESSAGE as LONE_TAIL

_FIGURES = frozenset({NUMBER, PERCENT, VALUE})
_BAD_ROW = 3.0  # a body row fitting worse than this per cell is not read


def _has_values(cells: list[str], roles: list[str | None]) -> bool:
    return any(c for c, r in zip(cells, roles, strict=False) if r in ROW_VALUE_ROLES)


LEVEL_OFF_NOT = (
    "表头只有一级指标、二级指标两列类别，没有三级指标列，其下各行也不是一级列填二级类别、"
    "二级列填指标名称，整张指标表未读取"
)


_MORE_ROWS = 1.5  # the rows read without the blank columns: this many times as many
_BLANK_AFTER = frozenset(("standard", "remark", "annual", "cycle", "explanation"))
COLUMNS_BLANK = "指标值之后的各列（依据、备注、往年值）各行都没有填：按前面各列读取"
_ROWS_ON_LINE = 2  # a line holding more than this many rows' cells holds rows run together
HEAD_BACK = "名称的开头被读成了上一行末尾说明一格（同一段无空格的文字），移回名称读取"


class BodyReader:
    """The grid being built from a text's tokens, and the reading of a header's body into it."""

    def __init__(
        self,
        toks: list[Token],
        pipe: bool,
        outside: int | None = None,
        last_row: int = 0,
        last_pipe: int = 0,
        open_row: int = 0,
    ) -> None:
        self.toks = toks
        self.pipe = pipe
        self.chrome = -1  # the first token past the last cell (``cells_end``): the page's chrome
        if outside is not None:
            self.chrome = next((i for i, t in enumerate(toks) if t.line >= outside), -1)
        self.last_row = last_row  # "|" rows: the last line holding a row; else 0
        self.last_pipe = last_pipe  # "|" closing each cell: the last line holding one; else 0
        self.open_row = open_row  # "|" rows each closed by one: the last line, if not; else 0
        self.rows: list[list[str]] = []
        self.lines: list[int] = []
        self.notes: list[GridNote] = []
        self.cells_on = cells_per_line(toks)  # filled cells on each line
        self.rows_by_line = row_per_line(self.cells_on)
        # A header put together from scattered labels: only rows whose values are all there
        # and all figures are read (the text is out of reading order).
        self.strict = False
        self.block_at = 0  # the first row of the form's fields last read
        self.total: list[str] = []  # the 总分 row's figures, written before its label (see body)

    def emit(self, row: list[str], line: int) -> None:
        self.rows.append(row)
        self.lines.append(line)

    def body(self, header: Header, end: int) -> None:
        # A row per line, judged on the body's own lines as well: a page's chrome and a form's
        # label | value fields before the table say nothing of how its indicator rows are written.
        on_line = cells_per_line(self.toks[header.end : end])  # (short rows too: lines_of_cells)
        stop = end  # (after the body's last token: ``end``, or a one-line body's line end)
        by_line = (
            self.rows_by_line
            or row_per_line(on_line)
            or (not self.pipe and lines_of_cells(on_line))
        )
        wide = max(on_line.values(), default=0) > _ROWS_ON_LINE * len(header.labels)
        alone = sum(n > 1 for n in on_line.values()) == 1  # (a line of chrome after it: one cell)
        if alone and wide and not mostly_glued(self.toks[header.end : end]):
            by_line = False  # (the whole body on one line, rows' worth of cells apart by spaces:
            # no row a line; cells run together are read as before)
            body_line = max(on_line, key=lambda n: on_line[n])
            after = [n for n in on_line if n > body_line]
            if after:  # (the page's lines after the table's, a cell each: not the last row's)
                stop = next(i for i in range(header.end, end) if self.toks[i].line > body_line)
                note = f"表格之后的 {len(after)} 行文字（网页内容）未读取"
                self.notes.append(GridNote("info", "text.after_table", note, after[0]))
        roles = area_roles(header.labels, label_roles(header.labels))
        for j in range(1, len(roles)):
            if roles[j - 1] == roles[j] == "name" and "explanation" not in roles:
                roles[j] = "explanation"  # 三级指标 | 指标内容 (as the grid reader reads it)
            if roles[j] == "unit" and "name" in roles[:j]:
                roles[j] = "measure"  # 单位 right of the names: the unit of measure (ditto)
        part = self.toks[header.end : stop]
        # The text ends in the body (or only chrome follows its last cell): its last row may be cut
        noted = end < len(self.toks) and is_cut_note(self.toks[end].text)  # (以下内容略)
        turned = end < len(self.toks) and is_page_turn(self.toks[end].text)  # (下转第22页)
        at_end = end in (len(self.toks), self.chrome) or turned  # (its last row goes on there)
        if at_end and cut_label(part):
            part = part[:-1]  # (the text ends in the first characters of the next class,
            at_end = False  # after the whole last row)
        if not part:
            return
        if not ROW_VALUE_ROLES & set(roles):
            self.notes.append(
                GridNote(
                    "warning",
                    "text.header_no_values",
                    "表头没有指标值、完成值或分值列，其下各行无法读取",
                    header.line,
                )
            )
            return
        if mostly_glued(part) and read_fused(part, roles, at_end, self):
            return  # (name · unit · one run of figures a row: see webtext_fused)
        if mostly_glued(part) and read_scored(part, roles, at_end, self):
            return  # (rows ending in their 指标值类型: see webtext_scored)
        if (
            header.subdivided
            and line_rows(part, roles, keeps_empty=self.pipe) is None
            and class_rows(part, roles) is None
        ):
            self.notes.append(
                GridNote(
                    "warning",
                    "text.body_unclear",
                    "指标表头分两行、第二行是其中两列的分列，其下各行不是一格一词，"
                    "整张指标表未读取",
                    header.line,
                )
            )
            return
        if self.strict:
            part, self.total = reordered(self.toks, header.start, header.end, end, roles)
            name = name_in_header(self.toks[header.start : header.end])
            field = name_given(self.rows, self.block_at, name) if name else None
            if field is not None:
                why = f"“{name}”夹在指标表头中（文字次序打乱），是表头前空着的“{field}”的值"
                self.notes.append(GridNote("info", "text.stray_name", why, header.line))
        part = part if self.pipe else blank_lines(part, header.line, self.notes)
        # (a name and its 指标解释 run together, in a body or under a header whose cells do)
        run_on = mostly_glued(part) or mostly_glued(self.toks[header.start + 1 : header.end])
        areas = area_tokens(part, roles, at_end) if run_on else part
        if part and not any(x is part[-1] for x in areas) and not part[-1].text.isdigit():
            self.notes.append(GridNote("info", "text.after_table", AREA_TAIL, part[-1].line))
        part = explained(areas, roles, run_on, at_end)
        aligned: list[Row] | None = None  # (the rows as they come, if lone_tail read them)
        if at_end and not self.pipe:
            once = cache(partial(self.raw_rows, part, roles, by_line, at_end))
            keep = lone_tail(once, part, roles)
            if keep < len(part):
                self.notes.append(GridNote("info", "text.after_table", LONE_TAIL, part[keep].line))
                part = part[:keep]
            elif once.cache_info().currsize:
                aligned = once()  # (the same tokens: not aligned again, the dearest step)
        rows, doubts = self.read_rows(part, roles, by_line, at_end, header.subdivided, aligned)
        if header.level_off:  # (the header read one level down: the rows must bear it out)
            level2, names = roles.index("level2"), roles.index("name")
            if not agrees([r.cells for r in rows], level2, names, load_framework()):
                self.notes.append(
                    GridNote("warning", "text.body_unclear", LEVEL_OFF_NOT, header.line)
                )
                return
            self.notes.append(GridNote("info", "header.level_off", LEVEL_OFF, header.line))
        if not {"weight", "score"} & set(roles) and roles[-1] in ROW_VALUE_ROLES:
            wider, wider_doubts = self.read_rows(part, [*roles, UNLABELLED], by_line, at_end)
            extra = [r for r in wider if r.cells[-1]]
            fewer = sum(d is not None for d in wider_doubts) < sum(d is not None for d in doubts)
            if fewer and len(extra) * 2 > len(wider):
                # most rows end in a figure the header does not name: read the rows with that
                # column and leave it out (分值 or 得分, nothing says which)
                self.notes.append(
                    GridNote(
                        "info",
                        "text.unlabelled_column",
                        "指标表各行末尾多一列表头没有列名的数（分值还是得分不明），未读取",
                        header.line,
                    )
                )
                for r in wider:
                    r.cells = r.cells[: len(roles)]
                rows, doubts = wider, wider_doubts
        narrow = self.narrower(part, roles, by_line, at_end, doubts)
        if narrow is not None:
            rows, doubts = narrow
            self.notes.append(GridNote("info", "text.columns_blank", COLUMNS_BLANK, header.line))
        rows, doubts, paired = paired_apart(rows, roles, doubts)
        if paired:
            self.notes.append(
                GridNote(
                    "info",
                    "text.values_apart_paired",
                    f"{paired} 个指标先写各自的编号名称、再依次写各行的数值（名称和数值分开写），"
                    "数值个数正好一行一组，按次序配对读取",
                    header.line,
                )
            )
        glued = mostly_glued(part)
        behind, glued_notes = glued_rows(rows, roles, part, glued)
        self.notes.extend(glued_notes)
        more = (
            class_doubts(rows, roles)
            | repeated_names(rows, roles)
            | paged_names(rows, roles)
            | glued_figures(rows, roles)
            | values_apart(rows, roles)
            | weight_glued(rows, roles, glued)
            | explanation_glued(rows, roles, glued)
            | figure_ahead(rows, roles, glued)
            | tail_apart(rows, roles)
            | behind
        )
        for k, why in more.items():
            doubts[k] = doubts[k] or why
        lost = lost_classes(rows, roles, doubts)
        self.notes.extend(settle(rows, roles, doubts, self.rows, header.line))
        filled = [r for r in rows if any(r.cells) and not template_row(r.cells, roles)]
        unclear = sum(
            d is not None and not template_row(r.cells, roles)
            for r, d in zip(rows, doubts, strict=True)
        )
        if filled and unclear * 2 > len(filled):
            kept = vouched_only(rows, roles, doubts)
            read = f"只读取各格互相印证的 {kept} 行（完成值与指标值相同、得分不超过分值）"
            self.notes.append(
                GridNote(
                    "warning",
                    "text.body_unclear",
                    f"指标表的 {len(filled)} 行中过半无法分清各格（文字连在一起、次序打乱或缺格），"
                    + (read if kept else "整张指标表未读取"),
                    header.line,
                )
            )
            if not kept:
                return
        # (a row the text's end cut short, whose class label the text doubled or whose class a
        # refused row above it held, says nothing of how clear the body is: doubted after)
        class_in_name(rows, roles, part)
        for k, why in lost.items():
            doubts[k] = why
        for k, why in doubled_classes(rows, roles).items():
            doubts[k] = doubts[k] or why
        if rows and at_end and doubts[-1] is None and cut_short(rows, part, end == self.chrome):
            doubts[-1] = "是文字的最后一行，末尾可能被截断"
        if rows and at_end and doubts[-1] is None and not self.pipe and classless_tail(rows, roles):
            doubts[-1] = CLASSLESS_TAIL
        if rows and at_end and doubts[-1] is None and unclosed(rows[-1], self.last_pipe):
            doubts[-1] = "是文字的最后一行，最后一格之后没有“|”（文字在格中截断）"
        if rows and at_end and doubts[-1] is None and open_cell(rows[-1], self.open_row):
            doubts[-1] = "是文字的最后一行，不像其他各行那样以“|”结束（文字在格中截断）"
        # The last row before a note that the text stops short (以下内容略) may be cut: read
        # only when whole (not counted as unclear above: the note, not the body, says so).
        noted = noted and bool(rows) and doubts[-1] is None and _has_values(rows[-1].cells, roles)
        if noted and cut_short(rows, part, end == self.chrome, noted=True):
            doubts[-1] = "在“以下略”一类的说明之前，是摘录的最后一行，可能不全"
        naming = {k for k, r in enumerate(rows) if total_row(r.cells, roles) is not None}
        for k, why in unowned_rows(rows, roles, naming).items():
            doubts[k] = doubts[k] or why
        for k in classless_top(rows, roles, doubts, self.rows):  # (not a sign of a body unclear)
            doubts[k] = None if total_row(rows[k].cells, roles) else CLASSLESS
        refused = 0
        values = [j for j, r in enumerate(roles) if r in ROW_VALUE_ROLES]
        unused = {j for j in range(len(roles)) if not any(r.cells[j] for r in rows)}
        for r, doubt in zip(rows, doubts, strict=True):
            filled_cells = sum(1 for c in r.cells if c)
            if doubt is not None:
                self.notes.append(
                    GridNote(
                        "warning",
                        "text.row_unclear",
                        f"这一行{doubt}，未读取：" + " | ".join(c for c in r.cells if c)[:80],
                        r.line,
                    )
                )
                self.keep_classes(r.cells, roles, r.line)
                continue
            if (total := total_row(r.cells, roles)) is not None:
                self.emit(total, r.line)  # (a name and an amount only, wherever aligned)
                continue
            if values and not any(r.cells[j] for j in values):
                # (a numbered name standing alone in text whose cells run together: its values
                # may be in it, as in 指标1:持续提供…生产生活问题持续保障)
                blank = numbered_blank(r.cells, roles) and not mostly_glued(part)
                if class_row(r.cells, roles) or blank:
                    self.emit(r.cells, r.line)  # the classes of the rows below it, or a row
                    # whose numbered name (指标4.不合格产品处置率) stands with its values empty
                elif (total := total_row(r.cells, roles)) is not None:
                    self.emit(total, r.line)  # a department's row over its units' rows
                elif filled_cells:
                    self.notes.append(
                        GridNote(
                            "info",
                            "text.row_no_values",
                            "只有名称、没有指标值的行未读取："
                            + " | ".join(c for c in r.cells if c)[:80],
                            r.line,
                        )
                    )
                    self.keep_classes(r.cells, roles, r.line)  # (产出指标 | 数量指标 | (必填))
                continue
            if self.strict and not all(kind(r.cells[j]) in _FIGURES for j in values):
                self.notes.append(
                    GridNote(
                        "warning",
                        "text.row_unclear",
                        "表头次序打乱，这一行的数值不全或不是数，未读取："
                        + " | ".join(c for c in r.cells if c)[:80],
                        r.line,
                    )
                )
                continue
            cost = row_cost(r.cells, roles, self.pipe, unused)
            if filled_cells and cost / filled_cells > _BAD_ROW:
                refused += 1
                self.notes.append(
                    GridNote(
                        "warning",
                        "text.row_unclear",
                        "这一行的各格分不清（文字连在一起或缺格），未读取："
                        + " | ".join(c for c in r.cells if c)[:80],
                        r.line,
                    )
                )
                self.keep_classes(r.cells, roles, r.line)
                continue
            self.emit(r.cells, r.line)
        if rows and not refused:
            return

    def narrower(
        self,
        part: Sequence[Token],
        roles: list[str | None],
        by_line: bool,
        at_end: bool,
        doubts: list[str | None],
    ) -> tuple[list[Row], list[str | None]] | None:
        """The rows of a body on one line read without the columns after its first target
        (指标标准或依据 | 2021年实际实现值 | 预期2022年实现值 that no row fills: in text that lost
        its empty cells, the aligner put the next rows' names there), padded back to every
        column, when that leaves fewer than half the rows doubted the columns' reading did. A
        cell per line keeps its empty cells (``|``) but not a merged cell's: the aligner may drop
        the empty ones, and the same holds there."""
        if by_line:
            return None
        first = next((j for j, r in enumerate(roles) if r in ("value", "annual", "cycle")), None)
        after = roles[first + 1 :] if first is not None else []
        if first is None or not after or not set(after) <= _BLANK_AFTER:
            return None
        rows, fewer = self.read_rows(part, roles[: first + 1], by_line, at_end)
        was, now = sum(d is not None for d in doubts), sum(d is not None for d in fewer)
        named = [r for r in rows if r.cells[roles.index("name")]] if "name" in roles else []
        more = len(named) > _MORE_ROWS * (len(doubts) or 1) and now <= was  # (rows merged)
        if 2 * now >= was and not more:
            return None
        for r in rows:
            r.cells = [*r.cells, *[""] * len(after)]
        return rows, fewer

    def read_rows(
        self,
        part: Sequence[Token],
        roles: list[str | None],
        by_line: bool,
        cut: bool = False,
        split: bool = False,
        aligned: list[Row] | None = None,
    ) -> tuple[list[Row], list[str | None]]:
        """The rows of an indicator table's tokens under ``roles`` (``by_line``: written a row
        per line; ``split``: under a header whose second line splits two of its columns, read
        by position, "|" rows too), and why each cannot be an indicator row as read (``None``:
        it can). ``aligned``: :meth:`raw_rows` of the same tokens, when already read (text without
        ``|``, where ``split`` changes nothing)."""
        rows = aligned if aligned is not None else self.raw_rows(part, roles, by_line, cut, split)
        outer_classes(rows, roles)
        class_tail_in_name(rows, roles)
        moved = 0 if by_line or self.pipe else closing_runs(rows, roles)
        if moved and UNLABELLED not in roles:
            self.notes.append(
                GridNote(
                    "info",
                    "text.closing_runs",
                    f"{moved} 行的末格（各行相同的文字）写在下一行名称之前，移回该行读取",
                    rows[0].line,
                )
            )
        back = head_back(rows, part, roles) if not (by_line or self.pipe) else 0
        if back and UNLABELLED not in roles:
            self.notes.append(GridNote("info", "text.head_back", HEAD_BACK, rows[0].line))
        spaced, unspaced = space_cuts(rows, part, roles, by_line) if not self.pipe else (0, {})
        if by_line and not self.pipe:
            rows, unspaced = merged_lines(rows, part, roles, unspaced)
        if spaced and UNLABELLED not in roles:
            self.notes.append(
                GridNote(
                    "info",
                    "text.space_cuts",
                    f"{spaced} 行按行内的空格重新分格（表中其余各行的空格都是格与格的分界）",
                    rows[0].line,
                )
            )
        glued = mostly_glued(part)
        fused = fused_weights(rows, roles, glued)
        if fused and UNLABELLED not in roles:
            self.notes.append(
                GridNote(
                    "info",
                    "text.weight_fused",
                    f"{fused} 行的分值和指标值连在一起，完成值与指标值相同、得分等于分值，"
                    "按分值、指标值、完成值、得分分开读取",
                    rows[0].line,
                )
            )
        self.notes.extend(whole_runs(rows, roles, glued))
        if glued:  # (cells run together put right before they are judged)
            twice = value_twice(rows, roles) + figure_twice(rows, roles)
            self.notes.extend(twice if UNLABELLED not in roles else [])
        by_row_line: dict[int, list[Token]] = {}
        for t in part:
            by_row_line.setdefault(t.line, []).append(t)
        doubts = [
            implausible(
                r.cells,
                roles,
                explicit=self.pipe and empties_explicit(r, roles, by_row_line.get(r.line, [])),
                spaced=any(t.gap == "space" for t in by_row_line.get(r.line, [])),
                whole=values_whole(r, roles, pipe=self.pipe),  # (each value one run or cell)
            )
            if any(r.cells)
            else None
            for r in rows
        ]
        for k, why in unspaced.items():
            doubts[k] = doubts[k] or why
        for k, r in enumerate(rows):
            again = split_name(r, roles) if doubts[k] is not None else None
            if again is None and doubts[k] is not None and by_line and not self.pipe:
                again = by_runs(r, part, roles)  # (a run between spaces per cell)
            if again is not None:
                r.cells = again  # the name's last piece was the target (see split_name)
                doubts[k] = None
        lost = (
            {}
            if self.pipe
            else cells_lost(rows, roles, doubts, part)
            | run_into_name(rows, roles, by_line)
            | ({} if by_line else value_inside_name(rows, roles))
        )
        if by_line and not self.pipe:
            unsure = shifted(rows, roles)
            held = [d or unsure.get(k) for k, d in enumerate(doubts)]  # (the others' habit)
            full = bool(unsure) and values_filled(rows, roles, held)
            for k in list(unsure):
                again = by_runs(rows[k], part, roles) if full else None
                if again is not None:  # (the reading that fills every value, as the rows do)
                    rows[k].cells = again
                    del unsure[k]
            lost |= unsure | split_inside(rows, part, roles)
        elif not self.pipe:
            lost |= split_inside(rows, part, roles, by_line=False)
        for k, why in lost.items():
            doubts[k] = doubts[k] or why
        rows, doubts = mended(rows, roles, doubts, keeps_empty=self.pipe, rows_by_line=by_line)
        for k, r in enumerate(rows):
            doubts[k] = page_cells(r, self.last_row) or doubts[k]
        return rows, doubts

    def raw_rows(
        self,
        part: Sequence[Token],
        roles: list[str | None],
        by_line: bool,
        cut: bool = False,
        split: bool = False,
    ) -> list[Row]:
        """The rows of ``part`` as its cells come (before any check or mending)."""
        by_place = by_line and (not self.pipe or split)
        return (
            paragraph_rows(part, roles)
            or class_rows(part, roles)
            or (line_rows(part, roles, keeps_empty=self.pipe) if by_place else None)
            or align(part, roles, keeps_empty=self.pipe, rows_by_line=by_line, cut=cut)
        )

    def keep_classes(self, cells: list[str], roles: list[str | None], line: int) -> None:
        """The classes a refused row states (its merged cells, which the rows below it carry),
        kept as a row of classes only."""
        classes = leading_classes(cells, roles)
        if classes is not None:
            self.emit(classes, line)
