"""A form's footer rows in web text, after its indicator body: 总分 | 100 | 96 | 优, 评价结论 | …,
a grade on its own row after the 总分 row taken as that row's grade; and in "|" rows, the page's
lines after the table's last row, which are none of its cells."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from ..table_document import project_heading
from ..table_vocabulary import block_role, footer_role, is_boilerplate, vocabulary
from ..text_align import Row
from ..text_tokens import Token, join
from .webtext_labels import any_label, is_title, label_at

# A 总分 row's full marks and its score run together (总分10098: 100 | 98), in text whose cells
# run together: the form's 分值 total is its full marks, 100.
_FULL_THEN_SCORE = re.compile(r"(100)((?:100|[1-9]?\d)(?:\.\d{1,2})?)")


def footer_rows(toks: Sequence[Token], lo: int, emit: Callable[[list[str], int], None]) -> int:
    """Emit the footer rows from token ``lo``; the token after them."""
    i = lo
    score: list[str] | None = None  # the 总分 row just emitted
    while i < len(toks):
        t = toks[i]
        if t.empty:
            i += 1
            continue
        text = "".join(t.text.split())
        if footer_role(text) is None:
            return i
        row = [t.text]
        i += 1
        vals: list[Token] = []
        while i < len(toks) and not label_at(toks, i, any_label):
            if is_title(toks[i].text):
                break  # the next form's title
            if not toks[i].empty:
                vals.append(toks[i])
            i += 1
        if footer_role(text) == "score":
            full = _FULL_THEN_SCORE.fullmatch(vals[0].text) if len(vals) == 1 else None
            glued = full is not None and vals[0].gap in ("glue", "cut") and float(full[2]) > 0
            row.extend(full.groups() if glued and full else (v.text for v in vals))
        elif vals:
            row.append(join(vals))
        grades = vocabulary().grades
        graded = score is not None and not {"".join(c.split()) for c in score} & grades
        if graded and row[1:] and "".join(row[-1].split()) in grades:
            assert score is not None
            score.extend(row)  # 总分 | 100, then 自评等级 | 优: the 总分 row's grade
            continue
        score = row if footer_role(text) == "score" else None
        emit(row, t.line)
    return i


def opens_form(toks: Sequence[Token], pos: int) -> bool:
    """After a table, the text from token ``pos`` opens the next form: its title, then (by the
    next line) a 项目名称 label, as a form's head prints them; or the next project's heading
    (某某项目项目绩效目标), which names it. A form's number over its title (表十二) is passed
    over; the label stands within two lines of the title (a line of 编制单位 | 单位:万元
    between), or, where each cell is a line of its own, among the next cells."""
    after = [t for t in toks[pos:] if not t.empty]
    while after and is_boilerplate(after[0].text):
        after = after[1:]
    if after and project_heading(after[0].text) is not None:
        return True
    if after and _form_head(after[:_FORM_HEAD]):
        return True  # (项目名称 某某 主管部门 某局: a form's head, its title left out)
    if not after or not is_title(after[0].text):
        return False
    head = after[1:_FORM_HEAD]
    lined = all(a.line != b.line for a, b in pairwise(after[:_FORM_HEAD]))
    near = (t for t in head if lined or t.line <= after[0].line + _FORM_LINES)
    return any(block_role("".join(t.text.split())) == "project" for t in near)


def _form_head(toks: Sequence[Token]) -> bool:
    """A form's head without its title: a 项目名称 label, its value, then the label of the
    department or unit (主管部门, 实施单位), as the form prints its first row."""
    roles = [block_role("".join(t.text.split())) for t in toks[:4]]
    return (
        len(roles) >= 3
        and roles[0] == "project"
        and roles[1] is None
        and roles[2] in ("department", "unit")
    )


_FORM_HEAD = 8  # tokens after a title that its form's project label stands among
_FORM_LINES = 2  # lines after it (a line of 编制单位 | 单位:万元 between)


AFTER_ROWS = "的一格连着表格最后一行（带“|”的行）之后的网页文字（注、阅读数、日期等）"


def last_row(lines: list[str]) -> int:
    """In "|" text written a row per line (most lines with a "|" hold two cells or more, not a
    cell per line ending in "|"), the number of the last line holding a "|"; else 0. The
    page's lines after it (注:…, 阅读数:3, a date) are no rows of the table."""
    piped = [n for n, line in enumerate(lines, start=1) if "|" in line]
    rows = sum(1 for n in piped if "|" in lines[n - 1].strip().strip("|"))
    return piped[-1] if piped and rows * 2 > len(piped) else 0


def page_cells(r: Row, last: int) -> str | None:
    """The cells of ``r`` on the page's lines after ``last``, the last "|" row (注:…, 阅读数, a
    date, 节选), emptied: no cells of the table; why ``r`` cannot be read if a cell holds both
    such a line and the table's text. (``last`` 0: not "|" rows, nothing done.)"""
    if not last:
        return None
    for j, ts in list(r.parts.items()):
        after = [t.line > last for t in ts if not t.empty]
        if after and all(after):
            r.cells[j] = ""
            del r.parts[j]
        elif any(after):
            return AFTER_ROWS
    return None


def last_pipe(lines: list[str]) -> int:
    """In "|" text written a cell per line (each cell closed by a "|"), the number of the last
    line holding a "|"; else 0."""
    if last_row(lines):
        return 0
    return next((n for n in range(len(lines), 0, -1) if "|" in lines[n - 1]), 0)


def open_last_row(lines: list[str]) -> int:
    """In "|" text written a row per line whose rows each close with a "|" (at least
    ``_CLOSED_SHARE`` of them), the number of the last line holding a "|" when it does not
    close so: the text stops inside its last cell (指标3:… | 1座 of 1座 | 1座), whose "|"
    never came; else 0."""
    piped = [n for n, line in enumerate(lines, start=1) if "|" in line]
    if not last_row(lines) or len(piped) < 3:
        return 0
    closed = [lines[n - 1].rstrip().endswith("|") for n in piped]
    if closed[-1] or sum(closed[:-1]) < _CLOSED_SHARE * (len(piped) - 1):
        return 0
    return piped[-1]


_CLOSED_SHARE = 0.9


def _last_cell(r: Row) -> list[Token]:
    """The tokens of the last filled cell of ``r`` (none: an empty row)."""
    filled = [j for j, c in enumerate(r.cells) if c]
    return [t for t in r.parts.get(filled[-1], []) if not t.empty] if filled else []


def open_cell(r: Row, line: int) -> bool:
    """Whether the last filled cell of ``r`` ends on ``line``, the text's open last row (see
    :func:`open_last_row`; 0: none)."""
    ts = _last_cell(r)
    return bool(line) and bool(ts) and ts[-1].line == line


def unclosed(r: Row, last: int) -> bool:
    """Whether the last filled cell of ``r`` stands wholly on lines after ``last``, the last
    "|" of a text whose every cell a "|" closes: the text stops inside that cell (解 of
    解决旱情…), whose "|" never came. (``last`` 0: not such text.)"""
    if not last:
        return False
    ts = _last_cell(r)
    return bool(ts) and all(t.line > last for t in ts)
