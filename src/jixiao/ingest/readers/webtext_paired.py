"""Names written apart from their values (指标24:… 指标25:… 14例 14例 2 2 24694人 22584人 2 1.7:
both numbered names, then both runs of figures) paired again in order where nothing else could
be meant; else the rows stay as they are, for the whole table's checks to leave out. A wrong
row is worse than a missing one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from ..text_align import Row
from ..text_cells import NUMBER, PERCENT, ROW_VALUE_ROLES, VALUE, kind

NUMBERED_NAME = re.compile(r"^指标\s*\d+\s*[:：]")
_RUN_KINDS = frozenset({NUMBER, PERCENT, VALUE})


def paired_apart(
    rows: list[Row], roles: list[str | None], doubts: list[str | None]
) -> tuple[list[Row], list[str | None], int]:
    """Names written apart from their values (``指标24:… 指标25:… 14例 14例 2 2 24694人 22584人
    2 1.7``: both names, then both runs) read in order where nothing else could be meant: every
    name opens with its 指标N: number, the figures are exactly one full run per name, and each
    run's 分值 and 得分 are plain numbers, the 得分 not above the 分值. Otherwise the rows stay as
    they are (:func:`.webtext_table.values_apart` leaves them out). Also returns how many rows
    were paired."""
    if "name" not in roles:
        return rows, doubts, 0
    name = roles.index("name")
    runs = [j for j, r in enumerate(roles) if r in ROW_VALUE_ROLES]
    classes = [j for j, r in enumerate(roles) if r in ("level1", "level2")]
    out_rows: list[Row] = []
    out_doubts: list[str | None] = []
    paired = 0
    k = 0
    while k < len(rows):
        group = _apart_group(rows, k, (name, runs, classes), roles)
        if group is None:
            out_rows.append(rows[k])
            out_doubts.append(doubts[k])
            k += 1
            continue
        k, made = group
        out_rows.extend(made)
        out_doubts.extend([None] * len(made))
        paired += len(made)
    return out_rows, out_doubts, paired


def _apart_group(
    rows: Sequence[Row], k: int, cols: tuple[int, list[int], list[int]], roles: list[str | None]
) -> tuple[int, list[Row]] | None:
    """From row ``k``: rows of numbered names, the last of them followed by the runs of all
    their values, read as one row per name (with the index after the group), or ``None``."""
    name, runs, _ = cols
    if not NUMBERED_NAME.match(rows[k].cells[name]):
        return None
    words: list[str] = []
    for end in range(k, min(k + 8, len(rows))):
        r = rows[end]
        cell = r.cells[name]
        if any(c for j, c in enumerate(r.cells) if j != name and j not in runs):
            return None  # classes or a text column (偏差原因 …): not names written apart
        loose = end > k and cell and not NUMBERED_NAME.match(cell)
        if loose and any(kind(w) not in _RUN_KINDS for w in cell.split()):
            return None  # a name that is neither numbered nor figures: not this shape
        words += [w for j in (name, *runs) for w in r.cells[j].split()]
        first = next((i for i, w in enumerate(words) if kind(w) in _RUN_KINDS), len(words))
        head, figures = words[:first], words[first:]
        if any(kind(w) not in _RUN_KINDS for w in figures):
            return None  # a name after figures: rows of their own
        starts = [i for i, w in enumerate(head) if NUMBERED_NAME.match(w)]
        if len(figures) < len(starts) * len(runs):
            continue
        if end == k or len(starts) < 2 or len(figures) > len(starts) * len(runs):
            return None
        made = _made(rows[k], head, starts, figures, cols, roles)
        return (end + 1, made) if made else None
    return None


def _made(
    like: Row,
    head: list[str],
    starts: list[int],
    figures: list[str],
    cols: tuple[int, list[int], list[int]],
    roles: list[str | None],
) -> list[Row] | None:
    """One row per name, its run in column order; ``None`` where a run's 分值 / 得分 are not
    plain numbers or the 得分 is above the 分值 (then the pairing is not sure)."""
    name, runs, _ = cols
    bounds = [*starts, len(head)]
    out: list[Row] = []
    for n, (a, b) in enumerate(pairwise(bounds)):
        run = figures[n * len(runs) : (n + 1) * len(runs)]
        by_role = {roles[j]: w for j, w in zip(runs, run, strict=True)}
        weight, score = by_role.get("weight"), by_role.get("score")
        if any(x is not None and kind(x) != NUMBER for x in (weight, score)):
            return None
        if weight is not None and score is not None and float(score) > float(weight):
            return None
        cells = [""] * len(like.cells)
        cells[name] = "".join(head[a:b])
        for j, w in zip(runs, run, strict=True):
            cells[j] = w
        out.append(Row(cells, like.line, 0.0, b - a + len(run)))
    return out
