"""Plain text of an indentation tree, as budget systems export a project's targets::

    项目名称：社区养老服务补助
    资金总额（万元）：120
    绩效指标              指标值
    产出指标
      数量指标
        服务老人人数      ≥500人

The header line holds the tree column (绩效指标, 指标名称, …) and the target columns; columns
are separated by a tab, two or more spaces or a full-width space. Under it, each line's
indentation (spaces, full-width spaces, tabs) gives its level (:mod:`jixiao.ingest.table_tree`)
and the cells after the label are its values, matched to the header's columns in order, or by
position where a line has fewer. Lines before the header are the title and project block (as in
:mod:`.webtext`); a later 项目名称：… line starts the next project's block. Page boilerplate
ends the table.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from ...errors import ParseError
from ...framework import load_framework
from ..grid import Grid
from ..table_tree import TreeLine, TreeRow, indent_width, tree_grid
from ..table_vocabulary import (
    BLOCK_ROLES,
    is_boilerplate,
    is_tree_column,
    is_tree_header,
    role_of,
    vocabulary,
)
from ..text_clean import tab_separated
from .text import peek, read_text

_WS = " \t\u3000\xa0"
_SEP = re.compile(r"[ \xa0]*(?:\t|\u3000| {2,}|\xa0{2,})[ \t\u3000\xa0]*")
_KV = re.compile(r"^(?P<label>[^:：]{2,12})[:：]\s*(?P<value>\S.*)$")
_COLON = re.compile("[:：]")


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
        elif m and role_of(m.group("label")) is not None and not _COLON.search(m.group("value")):
            rows.append([m.group("label"), m.group("value")])
        elif role_of(s) is not None and k + 1 < len(kept) and role_of(kept[k + 1][1]) is None:
            rows.append([s, kept[k + 1][1]])
            k += 1
        else:
            rows.append([s])
        numbers.append(n)
        k += 1
    return rows, numbers


def _cells(line: str) -> list[tuple[int, str]]:
    """The cells of a line after its indentation, each with its display column (measured
    once along the line, not again from its start for every cell: linear in the line)."""
    body = line.lstrip(_WS)
    width = _display(line[: len(line) - len(body)])
    body = body.rstrip(_WS)
    result: list[tuple[int, str]] = []
    pos = 0  # body[:pos] is measured: it ends at display column ``width``
    for m in [*_SEP.finditer(body), None]:
        end = m.start() if m else len(body)
        if end > pos:
            result.append((width, body[pos:end].strip()))
        if m:
            width = _display(body[pos : m.end()], width)
            pos = m.end()
    return result


def _tab_cells(line: str, columns: list[int]) -> list[tuple[int, str]]:
    """The cells of a line of a table whose cells are apart by tabs, empty ones kept
    (:func:`~jixiao.ingest.text_clean.tab_separated`): its label at its indentation's column and
    each value at its header column's, by its place among the tabs (the tabs' display columns
    say nothing there: a browser's copy pads no cell). :func:`_cells` when it holds more
    values than the header has columns."""
    body = line.lstrip(_WS)
    label, *values = body.rstrip(" \u3000\xa0").split("\t")
    if len(values) > len(columns):
        return _cells(line)
    indent = _display(line[: len(line) - len(body)])
    placed = [(columns[k], v.strip()) for k, v in enumerate(values) if v.strip()]
    return [(indent, label.strip()), *placed]


def _display(text: str, width: int = 0) -> int:
    """The display column after ``text`` written from column ``width`` (tabs to multiples
    of 8, wide characters two columns)."""
    for ch in text:
        if ch == "\t":
            width = (width // 8 + 1) * 8
        else:
            width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def _header_index(lines: list[str]) -> int | None:
    for k, line in enumerate(lines):
        # cheap tests first: a tree header starts with the tree column's label (…指标…)
        body = line.lstrip(_WS)
        if "指标" not in body[:16]:
            continue
        first = _SEP.split(body.rstrip(_WS), 1)
        if len(first) < 2 or not is_tree_column(first[0]):
            continue
        cells = [c for _, c in _cells(line)]
        if len(cells) >= 2 and is_tree_header(cells):
            return k
    return None


def _known(label: str) -> bool:
    fw = load_framework()
    return fw.find1(None, label) is not None or fw.find2(None, label) is not None


def sniff(data: bytes) -> bool:
    """A tree header line, then at least one level-1 class label alone on its line and one line
    with values."""
    lines = peek(data).splitlines()
    h = _header_index(lines)
    if h is None:
        return False
    fw = load_framework()
    cells = [[c for _, c in _cells(ln)] for ln in lines[h + 1 : h + 500] if ln.strip()]
    classes = any(len(c) == 1 and fw.find1(None, c[0]) is not None for c in cells)
    return classes and any(len(c) >= 2 for c in cells)


def _values(cells: list[tuple[int, str]], columns: list[int]) -> tuple[str, ...]:
    """The values after a line's label, one per header column: in order, or by position when
    the line has fewer cells than the header (an empty cell between two values)."""
    values = cells[1:]
    n = len(columns)
    if len(values) == n or not values:
        return tuple(v for _, v in values)
    if len(values) > n:
        return (*(v for _, v in values[: n - 1]), " ".join(v for _, v in values[n - 1 :]))
    out = [""] * n
    col = 0
    for k, (pos, text) in enumerate(values):
        # the last column from ``col`` on that starts by the value (columns are in order)
        col = min(max(bisect_right(columns, pos + 2) - 1, col), n - (len(values) - k))
        out[col] = text
        col += 1
    return tuple(out)


def _is_block(cells: list[str]) -> bool:
    """A line of a project block: 项目名称：X, 资金总额（万元）  120, or 项目名称 alone."""
    m = _KV.match(cells[0])
    label = m.group("label") if m else cells[0]
    return role_of(label) in BLOCK_ROLES and not _known(label)


def _block_rows(lines: list[tuple[int, str]]) -> list[tuple[int, list[str]]]:
    """Rows for lines outside the outline: a line of columns (资金总额（万元）  120) as its
    cells, other lines as :func:`preamble` pairs them (项目名称：X, or a label line
    and its value line)."""
    result: list[tuple[int, list[str]]] = []
    run: list[tuple[int, str]] = []

    def pair() -> None:
        rows, numbers = preamble(run)  # (drops blank lines and boilerplate)
        result.extend(zip(numbers, rows, strict=True))
        run.clear()

    for n, line in lines:
        cells = [c for _, c in _cells(line)]
        kv = _KV.match(line.strip())
        money = vocabulary().money_in_cell.fullmatch(line.strip())  # 单位：万元: no unit
        if kv and role_of(kv.group("label")) is not None and not money:
            cells = [kv.group("label"), kv.group("value")]  # 年度目标：the text, spaces and all
        if len(cells) < 2 or is_boilerplate(line):
            run.append((n, line))
        else:
            pair()
            result.append((n, cells))
    pair()
    return result


def grids(data: bytes, name: str, encoding: str | None = None) -> list[Grid]:
    text, notes = read_text(data, name, encoding)
    raw = text.splitlines()
    h = _header_index(raw)
    if h is None:
        raise ParseError(
            "找不到指标树的表头行",
            source=name,
            expected="一行“绩效指标  指标值”（指标列在前、指标值列在后），其下为按缩进分层的指标",
        )
    above = _block_rows(list(enumerate(raw[:h], start=1)))
    head = _cells(raw[h])
    columns = [pos for pos, _ in head[1:]]
    tabbed = "\t" in raw[h] and tab_separated(text)  # (values by their place among the tabs)
    items: list[TreeLine | TreeRow] = []
    block: list[tuple[int, str]] = []
    placed: list[tuple[int, str]] = []  # lines whose values were matched by position

    def flush() -> None:
        items.extend(TreeRow(n, tuple(cells)) for n, cells in _block_rows(block))
        block.clear()

    k = h + 1
    while k < len(raw):
        line = raw[k]
        k += 1
        if not line.strip():
            continue
        if is_boilerplate(line):
            k -= 1
            break
        cells = _tab_cells(line, columns) if tabbed else _cells(line)
        texts = [c for _, c in cells]
        if is_tree_header(texts) or (block and _known(texts[0])):
            flush()
        if is_tree_header(texts):
            items.append(TreeRow(k, tuple(texts)))
        elif block or _is_block(texts):
            block.append((k, line))
        else:
            values = _values(cells, columns)
            if 1 < len(cells) <= len(columns):
                placed.append((k, texts[0]))
            items.append(TreeLine(k, indent_width(line), texts[0], values))
    flush()
    header = (h + 1, [c for _, c in head[1:]])
    grid = tree_grid("", above, header, items, name, load_framework())
    grid.notes[:0] = notes
    for n, label in placed:
        grid.note(
            "info", "tree.by_position", f"“{label}”的指标值少于表头的列，按所在位置对应到列", n
        )
    after = [ln for ln in raw[k:] if ln.strip()]
    if after:
        grid.note("info", "text.after_table", f"表格之后的 {len(after)} 行文字（网页内容）未读取")
    return [grid]
