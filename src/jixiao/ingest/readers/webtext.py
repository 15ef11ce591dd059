"""Plain text saved from a web page: a table with cells separated by ``|``, or one cell per line.

Page boilerplate (menus, 打印 / 关闭, 上一篇 …) may stand before and after the table. Lines
before the table are kept as one-cell rows (title, 部门名称：…, 单位：万元), and a label line
followed by its value (项目名称 / 某某项目, or 项目名称：某某项目) as a two-cell row, so the
interpreter can read a one-project form's block. The table ends at the first line that is not a
row (pipe text) or at page boilerplate (one cell per line). With one cell per line, every row has
as many cells as the header has lines. A blank line may be a break of the page or an empty cell,
so both readings are tried (blank lines skipped, or each one an empty cell) and the one whose
cells fit their columns as the vocabulary judges them is kept, with a note saying which. A table
cut short gives the rows it has, and a last row with too few cells is reported by the
interpreter.

The numbered text layout (``1、1-产出指标；…``) is left to the ``text`` reader.
"""

from __future__ import annotations

import re

from ...framework import load_framework
from ..grid import Grid, GridNote
from ..table_vocabulary import VALUE_ROLES, has_header, is_boilerplate, role_of, vocabulary
from .text import peek, read_text

_NUMBERED = re.compile(r"\d{1,3}\s*、\s*\d{1,2}\s*-\s*[^\d\s]")
_NUMBERED_LABEL = re.compile(r"实施周期指标值|年度指标值")
_RULE = re.compile(r"^[\s|:：\-—=+]+$")
_VALUE = re.compile(r"^(?:(?:[≥≤><=＞＜]|>=|<=)\s*\d.*|\d+(?:\.\d+)?\s*(?:%|％|[^\d\s]{1,3})?)$")
_KV = re.compile(r"^(?P<label>[^:：]{2,12})[:：]\s*(?P<value>\S.*)$")


def _pipe_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


def _is_pipe_row(line: str) -> bool:
    return line.count("|") >= 2 or (line.count("|") == 1 and not line.strip().startswith("|"))


def _header_run(lines: list[str]) -> tuple[int, int] | None:
    """The first run of consecutive lines that together form a header (one label per line)."""
    k = 0
    while k < len(lines):
        if role_of(lines[k]) is None:
            k += 1
            continue
        end = k
        while end < len(lines) and lines[end].strip() and role_of(lines[end]) is not None:
            end += 1
        if end - k >= 2 and has_header([lines[k:end]]):
            return k, end
        k = end
    return None


def _numbered(text: str) -> bool:
    m = _NUMBERED.search(text)
    return m is not None and _NUMBERED_LABEL.search(text, m.end()) is not None


def sniff(data: bytes) -> bool:
    text = peek(data)
    if _numbered(text):
        return False
    lines = text.splitlines()
    pipe = [_pipe_cells(ln) for ln in lines if _is_pipe_row(ln) and not _RULE.match(ln)]
    if len(pipe) >= 2 and has_header(pipe):
        return True
    return _header_run([ln.strip() for ln in lines]) is not None


def preamble(lines: list[tuple[int, str]]) -> tuple[list[list[str]], list[int]]:
    """Rows for the lines before the table: boilerplate dropped, labels paired with values."""
    rows: list[list[str]] = []
    numbers: list[int] = []
    kept = [(n, s.strip()) for n, s in lines if s.strip() and not is_boilerplate(s)]
    k = 0
    while k < len(kept):
        n, s = kept[k]
        m = _KV.match(s)
        if vocabulary().money_in_cell.fullmatch(s):
            rows.append([s])  # 单位：万元 states the money unit, not a 单位 (unit) field
        elif (
            m and role_of(m.group("label")) is not None and not re.search("[:：]", m.group("value"))
        ):
            rows.append([m.group("label"), m.group("value")])
        elif role_of(s) is not None and k + 1 < len(kept) and role_of(kept[k + 1][1]) is None:
            rows.append([s, kept[k + 1][1]])
            k += 1
        else:
            rows.append([s])
        numbers.append(n)
        k += 1
    return rows, numbers


def _chunks(cells: list[tuple[int, str]], width: int) -> tuple[list[list[str]], list[int]]:
    rows: list[list[str]] = []
    lines: list[int] = []
    for i in range(0, len(cells), width):
        chunk = cells[i : i + width]
        rows.append([c for _, c in chunk])
        lines.append(chunk[0][0])
    return rows, lines


def _misfits(rows: list[list[str]], roles: list[str | None]) -> int:
    """How many cells land in a column they cannot belong to, as the vocabulary judges: a
    class label outside its class column, a target value in a class or name column; and one
    more if the last row is short."""
    fw = load_framework()
    bad = 0
    for row in rows:
        for role, cell in zip(roles, row, strict=False):
            if not cell or role is None:
                continue
            level1 = fw.find1(None, cell) is not None
            level2 = fw.find2(None, cell) is not None
            value = _VALUE.match(cell) is not None
            if role == "level1":
                bad += (level2 and not level1) or value
            elif role == "level2":
                bad += (level1 and not level2) or value
            elif role in VALUE_ROLES:
                bad += level1 or level2
            elif role in ("name", "project", "unit", "department"):
                bad += level1 or level2 or value
    return bad + (1 if rows and len(rows[-1]) < len(roles) else 0)


def _one_cell_rows(
    stripped: list[str], start: int, end: int, stop: int
) -> tuple[list[list[str]], list[int], GridNote | None]:
    """The rows of a one-cell-per-line table whose header is ``stripped[start:end]`` and whose
    cells run to line ``stop``. Blank lines are read two ways, skipped or as empty cells (an
    empty cell on the page), and the reading whose cells fit their columns is kept."""
    roles = [role_of(c) for c in stripped[start:end]]
    width = end - start
    filled = [(k + 1, stripped[k]) for k in range(end, stop) if stripped[k]]
    if not filled:
        return [], [], None
    last = filled[-1][0]
    blank = [(k + 1, stripped[k]) for k in range(end, last)]
    skipped = _chunks(filled, width)
    gaps = len(blank) - len(filled)
    if not gaps:
        return (*skipped, None)
    as_cells = _chunks(blank, width)
    if _misfits(as_cells[0], roles) < _misfits(skipped[0], roles):
        note = GridNote(
            "info",
            "text.blank_cells",
            f"表格中的 {gaps} 个空行按空单元格读取（跳过空行时各格对不上列）",
            end + 1,
        )
        return (*as_cells, note)
    note = GridNote("info", "text.blank_lines", f"表格中的 {gaps} 个空行已跳过", end + 1)
    return (*skipped, note)


def grids(data: bytes, name: str, encoding: str | None = None) -> list[Grid]:
    text, notes = read_text(data, name, encoding)
    raw = text.splitlines()
    numbered = list(enumerate(raw, start=1))
    first_pipe = next(
        (
            k
            for k, ln in enumerate(raw)
            if _is_pipe_row(ln) and not _RULE.match(ln) and has_header([_pipe_cells(ln)])
        ),
        None,
    )
    reading: GridNote | None = None
    if first_pipe is not None:
        rows, lines = preamble(numbered[:first_pipe])
        k = first_pipe
        while k < len(raw):
            ln = raw[k]
            if _is_pipe_row(ln):
                if not _RULE.match(ln):
                    rows.append(_pipe_cells(ln))
                    lines.append(k + 1)
            elif ln.strip():
                break
            k += 1
        after = [ln for ln in raw[k:] if ln.strip()]
    else:
        stripped = [ln.strip() for ln in raw]
        run = _header_run(stripped)
        if run is None:
            rows, lines = preamble(numbered)
            after = []
        else:
            start, end = run
            rows, lines = preamble(numbered[:start])
            rows.append(stripped[start:end])
            lines.append(start + 1)
            k = end
            while k < len(raw) and not is_boilerplate(stripped[k]):
                k += 1
            body, body_lines, reading = _one_cell_rows(stripped, start, end, k)
            rows.extend(body)
            lines.extend(body_lines)
            after = [ln for ln in raw[k:] if ln.strip()]
    grid = Grid.of("", rows, lines)
    grid.notes.extend(notes)
    if reading is not None:
        grid.notes.append(reading)
    if after:
        grid.note("info", "text.after_table", f"表格之后的 {len(after)} 行文字（网页内容）未读取")
    return [grid]
