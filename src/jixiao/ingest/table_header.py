"""Where a grid's header rows are, what each header's columns hold, and which rows above a
header are its block (the one-project form fields: 项目名称 | X, 资金总额 | 100, 年度目标 | …).

A grid may hold several sections, each a header and its rows: a department table whose header
is repeated on every page, or one-project forms one after another. The rows between two
headers belong to the first section, except the block that introduces the second one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..framework import clean_label
from ..model import FUND_FIELDS
from .table_vocabulary import BLOCK_ROLES, header_roles, role_of, vocabulary


@dataclass(slots=True)
class Columns:
    """A header: role → column (the first one of each role), the money unit each fund column's
    label states, the first body row, and how the header was read."""

    roles: dict[str, int]
    money: dict[str, str]
    body: int
    two_rows: bool = False
    one_column: bool = False  # one target column fills both targets


@dataclass(slots=True)
class Block:
    """What the rows above a header state: role → (value, line) (a fund role's stated money
    unit under ``role + ".money"``), the first money unit and title met."""

    fields: dict[str, tuple[str, int]]
    money_unit: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    block: int  # first row of the block above the header (== header: no block)
    header: int
    end: int  # end of the body (exclusive)
    repeated: bool  # the same header as the section before, with no new project above it


def read_header(rows: Sequence[Sequence[str]], k: int) -> Columns:
    """The header at row ``k``; a second row under it (长期 / 年度 under 指标值) is joined."""
    row = rows[k]
    labels = list(row)
    body = k + 1
    two_rows = False
    if body < len(rows):
        below = rows[body]
        sub = {
            j: c
            for j, c in enumerate(below)
            if c and (j >= len(row) or c != row[j]) and role_of(c) in ("cycle", "annual")
        }
        if sub:
            for j, c in sub.items():
                while len(labels) <= j:
                    labels.append("")
                top = clean_label(labels[j])
                labels[j] = top + c if top and role_of(top + c) else c
            body += 1
            two_rows = True
    roles: dict[str, int] = {}
    money: dict[str, str] = {}
    name_col = next((j for j, c in enumerate(labels) if role_of(c) == "name"), None)
    for j, cell in enumerate(labels):
        role = role_of(cell)
        if role is None:
            continue
        if role == "unit" and clean_label(cell) == "单位" and name_col is not None and j > name_col:
            role = "measure"
        if role in roles:
            continue
        roles[role] = j
        m = vocabulary().money_in_label.search(cell)
        if m and role in FUND_FIELDS:
            money[role] = m.group(1)
    one_column = False
    if "value" in roles and "cycle" not in roles and "annual" not in roles:
        one_column = True
    elif ("cycle" in roles) != ("annual" in roles):
        one_column = True
        only = "cycle" if "cycle" in roles else "annual"
        roles.setdefault("value", roles.pop(only))
    return Columns(roles, money, body, two_rows, one_column)


def sections(rows: Sequence[Sequence[str]]) -> list[Section]:
    """The sections of a grid, in order (empty: no header row)."""
    starts: list[int] = []
    for k, row in enumerate(rows):
        if header_roles(row) is not None and not (starts and starts[-1] == k - 1):
            starts.append(k)  # (a header's second row is part of it)
    result: list[Section] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(rows)
        if n == 0:
            block = 0
            repeated = False
        else:
            before = starts[n - 1]
            block = _block_start(rows, before, start)
            repeated = rows[start] == rows[before] and block == start
        if result:
            prev = result[-1]
            result[-1] = Section(prev.block, prev.header, block, prev.repeated)
        result.append(Section(block, start, end, repeated))
    return result


def _block_start(rows: Sequence[Sequence[str]], before: int, start: int) -> int:
    """The first row of the block above the header at ``start`` (the previous header is at
    ``before``): the rows just above it that name a new project (项目名称 | X) and its fields,
    with any one-cell lines among them (a title, 单位：万元). No project named: no block."""
    roles = header_roles(rows[before]) or {}
    name_col = next((j for j, r in roles.items() if r == "name"), None)
    k = start
    project = False
    while k - 1 > before:
        row = rows[k - 1]
        filled = [c for c in row if c]
        named = row[name_col] if name_col is not None and name_col < len(row) else ""
        if named and role_of(named) is None:
            break  # an indicator row of the section above
        if filled and not (len(set(filled)) == 1 and role_of(filled[0]) is None):
            labels = _block_labels(row)
            if not labels:
                break
            project = project or "project" in labels
        k -= 1
    if not project:
        return start
    while k < start and not _block_labels(rows[k]) and not _is_block_line(rows[k]):
        k += 1  # a class row of the section above, not a title over the block
    return k


def _is_block_line(row: Sequence[str]) -> bool:
    """A one-cell line that belongs to a block: a title, 部门名称：…, 单位：万元."""
    voc = vocabulary()
    text = next((c for c in row if c), "")
    return bool(
        voc.title.search(text)
        or voc.department_line.match(text)
        or voc.money_in_cell.search(text)
        or voc.money_in_label.search(text)
    )


def _block_labels(row: Sequence[str]) -> set[str]:
    """The block roles a row states as label | value (empty: not a block row)."""
    first = next((c for c in row if c), "")
    if vocabulary().total_row.fullmatch("".join(first.split())):
        return set()
    found: set[str] = set()
    for j, cell in enumerate(row):
        role = role_of(cell)
        if role in BLOCK_ROLES and any(c and role_of(c) is None for c in row[j + 1 :]):
            found.add(role)
    return found


def read_block(rows: Sequence[Sequence[str]], lines: Sequence[int], lo: int, hi: int) -> Block:
    """The block in rows ``lo:hi``: label | value pairs, a title line, 部门名称：…, 单位：万元."""
    voc = vocabulary()
    block = Block({})
    fields = block.fields
    for k in range(lo, hi):
        row = rows[k]
        line = lines[k]
        distinct = [c for c in dict.fromkeys(row) if c]
        for cell in distinct:
            m = voc.money_in_cell.search(cell) or voc.money_in_label.search(cell)
            if m and not block.money_unit:
                block.money_unit = m.group(1)
            dept = voc.department_line.match(cell)
            if dept:
                fields.setdefault("department", (dept.group(1).strip(), line))
        if len(distinct) == 1 and role_of(distinct[0]) is None:
            if block.title is None and voc.title.search(distinct[0]):
                block.title = distinct[0]
            continue
        for j, cell in enumerate(row):
            role = role_of(cell)
            if role is None or role in fields:
                continue
            value = next((c for c in row[j + 1 :] if c and c != cell and role_of(c) is None), None)
            if value is not None:
                fields[role] = (value, line)
                m = voc.money_in_label.search(cell)
                if m and role in FUND_FIELDS:
                    fields[role + ".money"] = (m.group(1), line)
    return block
