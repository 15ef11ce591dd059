"""Label | value pairs of a form's block that are not one cell each: a cell holding its pairs
(年度资金总额:203), a pair the page broke over two lines (项目名称 / 某某), and the pairs of a
report's cover over its form (项目名称 某某, 项目单位 某某局 above the form's title)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .table_document import org_name
from .table_funds import is_block_label, value_after
from .table_vocabulary import NAME_ROLES, block_role

LABEL_VALUE = re.compile(r"^(?P<label>[^:：]{2,16})[:：]\s*(?P<value>[^:：]+)$")

# A name field's label and its value apart by spaces, no colon (a report cover's
# line: 项目名称    森林防火专项).
_SPACED_PAIR = re.compile(r"^(?P<label>[^\s:：]{2,10})[ \t\u3000\xa0]+(?P<value>[^\s:：][^:：]*)$")
_PAIR_HEAD = re.compile(r"(?:^|(?<=\s))(?P<label>[^\s:：]{2,16})\s*[:：]")


def cell_pairs(cell: str) -> list[tuple[str, str]]:
    """The label:value pairs a cell holds: one (年度资金总额:203; a name field's label before its
    value after spaces, 项目名称    某某), or several written one after the other
    (资金总额: 250 一、预算资金:250 …, lines of one cell joined), read so only when the whole
    cell is such pairs, each with its value (else none)."""
    one = LABEL_VALUE.match(cell)
    if one is not None:
        return [(one["label"], one["value"])]
    spaced = _SPACED_PAIR.match(cell)
    if spaced is not None and block_role(spaced["label"]) in NAME_ROLES:
        return [(spaced["label"], spaced["value"])]  # (项目名称    某某专项: a cover's line)
    heads = list(_PAIR_HEAD.finditer(cell))
    if len(heads) < 2 or heads[0].start() != 0:
        return []
    ends = [h.start() for h in heads[1:]] + [len(cell)]
    values = [cell[h.end() : e].strip() for h, e in zip(heads, ends, strict=True)]
    if any(not v or ":" in v or "：" in v for v in values):
        return []
    return [(h["label"], v) for h, v in zip(heads, values, strict=True)]


def broken_pairs(rows: Sequence[Sequence[str]], lo: int, hi: int) -> dict[int, str]:
    """Rows holding only a name label (项目名称) whose value, the page's cell broken onto the
    next line, is the next row's only cell: row -> the label's role. The value is the name
    even where it reads like a title (…支出绩效自评表), never a field of its own (项目名称:某某).
    """
    out: dict[int, str] = {}
    for k in range(lo, hi - 1):
        here = [c for c in dict.fromkeys(rows[k]) if c]
        below = [c for c in dict.fromkeys(rows[k + 1]) if c]
        if len(here) != 1 or len(below) != 1:
            continue
        role = block_role(here[0])
        value = block_role(below[0]) is None and not is_block_label(below[0])
        # (项目名称:某某 below 主管部门: a field of its own, no value)
        if role in NAME_ROLES and value and not cell_pairs(below[0]):
            out[k] = role
    return out


def _name_pairs(rows: Sequence[Sequence[str]], lo: int, hi: int) -> dict[str, tuple[str, int]]:
    """The first value of each name field (项目名称, 项目单位, 主管部门) in rows ``lo:hi``, with
    its row: label | value, label:value in one cell, or a pair broken over two lines."""
    found: dict[str, tuple[str, int]] = {}
    broken = broken_pairs(rows, lo, hi)
    for k in range(lo, hi):
        row = rows[k]
        pairs: list[tuple[str | None, str | None]] = []
        if k in broken:
            pairs.append((broken[k], next(c for c in rows[k + 1] if c)))
        for j, cell in enumerate(row):
            if not cell:
                continue
            role = block_role(cell)
            if role is not None:
                pairs.append((role, value_after(row, j)))
            else:
                pairs += [(block_role(label), value) for label, value in cell_pairs(cell)]
        for role, value in pairs:
            if role in NAME_ROLES and value and value.strip():
                found.setdefault(role, (value.strip(), k))
    return found


def cover_fields(
    rows: Sequence[Sequence[str]], lo: int, form: int, project: str
) -> dict[str, tuple[str, int]]:
    """The unit and department a report's cover names above its form's title (rows ``lo:form``),
    where the cover names the form's own project (``project``): the same 项目名称 proves the
    cover the form's. Only values that read as a unit's name (某某局: not the next label, where
    the cover left a field empty); row numbers as found."""
    found = _name_pairs(rows, lo, form)
    named = found.get("project")
    if named is None or "".join(named[0].split()) != "".join(project.split()):
        return {}
    return {
        role: found[role]
        for role in ("unit", "department")
        if role in found and org_name("".join(found[role][0].split()))
    }
