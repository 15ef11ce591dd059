"""Tokens of a table's body → rows of cells under its header's columns (dynamic programming).

Text saved from a page keeps the cells of a table in order but not always where its rows end or
which column a cell is in: a merged cell (a 一级指标 spanning rows) appears on its first row
only, empty cells vanish, a cell may be spread over several tokens. :func:`align` finds the
reading of the whole body that fits best: every token is a cell (or part of one, joined with its
neighbours) of some row and column, columns in order within a row; each choice has a cost:

* how well a cell fits its column, from what the cell looks like (a class label, a target value,
  a small number for 分值 / 得分, a comparator, a unit, words) and the column's role;
* a column left out of a row: free at the start of a row for the columns a merged cell may cover
  (一级, 二级, a label column), dear for a 三级指标 name or a target;
* what the text says of rows: a new line in text with a row per line makes a new row likely.

The cheapest reading is found in time linear in the number of tokens (× columns × joins). Rows
that fit badly are returned with their cost, so the caller can refuse to guess.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .table_vocabulary import vocabulary
from .text_cells import (
    BRACKETED,
    DASH,
    DATE_VALUE,
    FOOTER,
    HEADER,
    L1,
    L2,
    NUMBER,
    NUMBER_TEXT,
    NUMBERED_NAME,
    PERCENT,
    PERCENT_TEXT,
    PHRASE,
    TEXT,
    VALUE,
    class_across_space,
    fit,
    is_other_class,
    kind,
    unit_of,
)
from .text_tokens import Token, join, join_more

INF = float("inf")
MAX_JOIN = 6  # tokens one cell may be made of
CLASS_ROW = 1.5  # a row of class labels only, closed before the name


def skip_cost(role: str | None, where: str, keeps_empty: bool) -> float:
    """The cost of leaving a column of ``role`` out of a row: at its ``start`` (a merged cell
    from above), in the ``mid``dle or at its ``end``."""
    if where == "start":
        if role in (None, "level1", "level2", "department", "unit", "project", "seq", "code"):
            return 0.0
        if role in ("total", "fiscal", "special", "other", "goal", "remark"):
            return 0.2  # (a remark column before the name: a project's 项目类别, on its first row)
        return 9.0 if role == "name" else 5.0
    if role == "name":
        return 9.0
    if role in ("value", "annual", "cycle"):
        return 4.0 if keeps_empty else 2.0
    if role in ("level1", "level2"):
        return 4.0 if keeps_empty else 1.5
    base = 0.3 if where == "end" else 0.8
    return base * (3 if keeps_empty else 1)


# -- the alignment -------------------------------------------------------------------------
@dataclass(slots=True)
class Row:
    cells: list[str]
    line: int
    cost: float
    tokens: int
    parts: dict[int, list[Token]] = field(default_factory=dict)  # column -> the tokens joined


_LABEL_KINDS = frozenset({L1, L2, HEADER, FOOTER})


_VALUE_KINDS = frozenset({VALUE, PERCENT, NUMBER})


_GROUP_SKIP = 1.0  # leaving out a name or a value column of one of two column groups
_GAP_COST = {"glue": 1.0, "cut": 2.5, "space": 0.5, "para": 3.5}
_CLASSES_JOINED = 5.0  # two class labels read as one cell, over the 5.0 of any label in one
# A class label standing apart in a cell of words (资金管理指标 | 中央预算内投资支付率, a class
# no vocabulary holds beside a name cut at a label; 2025年12月 | 成本指标 | 项目金额): a class
# label written apart is a cell of its own, over the 5.0 of any label in one; so is another
# framework's class a space from its neighbour (过程管理指标 计划管理指标, a row per line).
_CLASS_APART = 5.0
# A target's phrase written apart closing a cell of words (孤儿助学人数 应助尽助 9), or words
# written again right after it (经济负担 有效减轻 有效减轻: a target and its 完成值): the target
# after its name.
_PHRASE_APART = 2.5
_WORDS = re.compile(r"\w")


class _Part(NamedTuple):
    """What one token brings to a joined cell (read once per text: the aligner tries each
    token in up to ``MAX_JOIN`` cells)."""

    label: int  # a label on its own (2: a class label)
    value: bool  # a value (a date such as 2021年底 is one too)
    words: bool
    numbered: bool  # the start of a numbered name (指标2:)
    other_class: bool  # a class of another framework (过程管理指标)
    worded: bool  # holds a word character at all
    short: bool  # at most five characters
    bracketed: bool  # a bracketed mark alone ((必填硬性指标))
    bare: bool  # a bare number or percentage


@lru_cache(maxsize=16384)
def _part(text: str) -> _Part:
    k = kind(text)
    dated = DATE_VALUE.fullmatch(text) is not None
    return _Part(
        2 if k in (L1, L2) else int(k in _LABEL_KINDS),
        k in _VALUE_KINDS or dated,
        k in (TEXT, PHRASE) and not dated,
        NUMBERED_NAME.match(text) is not None,
        is_other_class(text),
        _WORDS.search(text) is not None,
        len(text) <= 5,
        BRACKETED.fullmatch(text) is not None,
        NUMBER_TEXT.fullmatch(text) is not None or PERCENT_TEXT.fullmatch(text) is not None,
    )


@lru_cache(maxsize=16384)
def _fits(roles: tuple[str | None, ...], text: str) -> tuple[tuple[int, float], ...]:
    """The columns ``text`` may stand in and :func:`fit`'s cost there (one lookup per cell
    tried, not one per column; the columns it cannot stand in left out)."""
    return tuple((j, f) for j, role in enumerate(roles) if (f := fit(role, text)) < INF)


def _droppable(t: Token) -> float:
    if t.empty:
        return 0.0
    return 1.0 if kind(t.text) == DASH else INF


def align(
    toks: Sequence[Token],
    roles: Sequence[str | None],
    *,
    keeps_empty: bool = False,
    rows_by_line: bool = False,
    cut: bool = False,
) -> list[Row]:
    """The best reading of ``toks`` as rows under columns of ``roles``.

    ``keeps_empty``: the text keeps empty cells (``|`` text), so a column left out of a row is
    less likely. ``rows_by_line``: the text has a row per line, so a row rarely starts inside a
    line. ``cut``: the text ends in the body, so its last row may lack its last cells; in
    ``|`` text (``keeps_empty``) they then cost nothing, else the cut row would borrow the
    cells of the row above to fill itself. (In text without ``|``, a free end would let cells
    run together or apart anyhow: the end keeps its cost.)
    """
    n, m = len(toks), len(roles)
    if not n or not m:
        return []
    start = [skip_cost(r, "start", keeps_empty) for r in roles]
    mid = [skip_cost(r, "mid", keeps_empty) for r in roles]
    end = [skip_cost(r, "end", keeps_empty) for r in roles]
    if roles.count("name") >= 2 and not keeps_empty:  # (two groups side by side, 长期 and 年度:
        # a row may fill one; its empty cells lost, nothing in the text shows the other's)
        for costs in (start, mid, end):
            for j, role in enumerate(roles):
                if role in ("name", "value", "annual", "cycle"):
                    costs[j] = min(costs[j], _GROUP_SKIP)
    numbered = 0  # (序号 | 一级指标 | 二级指标 …: each row's number, then the classes merged
    while numbered < m and roles[numbered] in ("seq", "code"):  # from the rows above, left
        numbered += 1  # out after it as at a row's start)
    for j in range(numbered, m if numbered else 0):
        if roles[j] not in ("level1", "level2"):
            break
        mid[j] = start[j]
    lead = [0.0] * (m + 1)  # lead[j]: leaving out columns 0..j-1 at a row's start
    for j in range(m):
        lead[j + 1] = lead[j] + start[j]
    trail = [0.0] * (m + 1)  # trail[j]: leaving out columns j..m-1 at a row's end
    for j in range(m - 1, -1, -1):
        trail[j] = trail[j + 1] + end[j]
    gap = [0.0] * (m + 1)  # gap[b] - gap[a+1]: leaving out columns a+1..b-1
    for j in range(m):
        gap[j + 1] = gap[j] + mid[j]
    # A row may end at a class column: a class label on a line of its own (质量指标 | ||||),
    # the merged cell of the rows below it, which the interpreter carries down.
    for j, role in enumerate(roles):
        if role in ("level1", "level2"):
            trail[j + 1] = min(trail[j + 1], CLASS_ROW)
    # …or at the 预算数 of a table of projects by unit: a department's or a unit's row over its
    # projects' rows (820-某镇部门 | 8,827,620.53), nothing of an indicator in it.
    if roles and roles[0] in ("department", "unit") and "project" in roles and "total" in roles:
        j = roles.index("total")
        trail[j + 1] = min(trail[j + 1], CLASS_ROW)

    # dp[i][j]: cheapest reading of toks[:i] whose current row ends at column j; j == m: before
    # the first row.
    dp = [[INF] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    dp[0][m] = 0.0
    roles_key = tuple(roles)
    line_cost = 3.0 if rows_by_line else 1.0
    unit_apart = "measure" not in roles
    # What each token brings, read once (each token is tried in up to MAX_JOIN cells).
    parts = [_part(t.text) for t in toks]
    qualitative = vocabulary().qualitative_phrases
    spaced = [  # a class of another framework a space from the token before
        j > 0 and t.gap == "space" and class_across_space(toks[j - 1].text, t.text)
        for j, t in enumerate(toks)
    ]
    glued_next = [j + 1 < n and toks[j + 1].gap in ("glue", "cut") for j in range(n)]
    twins = [  # the same text again a space after it (a target and its 完成值)
        j + 1 < n and toks[j + 1].text == t.text and toks[j + 1].gap == "space"
        for j, t in enumerate(toks)
    ]
    for i in range(n):
        here = dp[i]
        # Closing the current row here (for a new row starting at token i).
        closed = here[m]
        closed_from = m
        for j in range(m):
            c = here[j] + trail[j + 1]
            if c < closed:
                closed, closed_from = c, j
        t = toks[i]
        if t.row == 2:
            new_pen, same_pen = 0.0, 6.0
        elif t.row == 1 or (rows_by_line and (t.gap in ("line", "para") or _starts_line(toks, i))):
            new_pen, same_pen = 0.2, 1.5
        elif rows_by_line and t.gap in ("space", "glue", "pipe"):
            new_pen, same_pen = 2.5, 0.0
        else:
            new_pen, same_pen = 0.5, 0.0
        drop = _droppable(t)
        if drop < INF:
            for j in range(m + 1):
                if here[j] + drop < dp[i + 1][j]:
                    dp[i + 1][j] = here[j] + drop
                    back[i + 1][j] = (i, j, 0)
        # Per column, what a cell there costs before its own fit, the same for every cell
        # starting here: as a new row's, and as the same row's after the cheapest column
        # before it (same_from: which; -1: none).
        opened = closed + new_pen
        new_base = [opened + lead[jn] for jn in range(m)]
        same_base = [INF] * m
        same_from = [-1] * m
        best_prev = INF  # min over j < jn of here[j] - gap[j + 1]
        best_j = -1
        for jn in range(m):
            if best_j >= 0:
                same_base[jn] = best_prev + gap[jn]
                same_from[jn] = best_j
            v = here[jn] - gap[jn + 1]
            if v < best_prev:
                best_prev, best_j = v, jn
        # The cost of joining toks[i:i + k] into one cell, kept as k grows (not read again for
        # every k): by what separates them (a new line dearer where each line is a row), and
        # dear when one of them is a label on its own (two labels are two cells), a value
        # beside words (a value and a name are two cells), a numbered name after the first
        # (指标2: begins a name), two class labels (服务对象满意度指标 | 满意度: a level 2 and
        # a name that reads as one) or the same text twice (a name, its explanation).
        gaps = 0.0
        label = valued = worded = False
        classes = 0  # tokens that are class labels on their own
        numbered = 0  # numbered names after the first token
        seen: set[str] = set()
        twice = False
        short = True  # every token so far is short (a label wrapped over lines)
        marks = True  # every token after the first is a bracketed mark ((必填硬性指标))
        spaced_class = False  # a class label of another framework joined across a space
        bare = 0  # bare numbers and percentages (two are two cells: 分值 10, 偏差 0; 85% 10%)
        apart = 0  # class labels standing apart (no glue to the tokens beside them) …
        glued_on = False  # (the last token is one of them: a glued token after it undoes it)
        others = 0  # … and other tokens (of words or figures, not a bracket alone)
        phrased = False  # the last token is a target's phrase written apart after words
        inner = False  # such a phrase with more words joined after it (a row's target inside)
        text = ""
        for k in range(1, min(MAX_JOIN, n - i) + 1):
            at = i + k - 1
            last = toks[at]
            if k > 1:
                if last.empty or last.gap == "pipe" or t.empty:
                    break
                g = last.gap
                gaps += line_cost if g == "line" else _GAP_COST.get(g, INF)
                if gaps == INF:
                    break
            part = parts[at]
            is_label, is_value, is_words, is_numbered = part[:4]
            if k > 1 and spaced[at]:
                spaced_class = True  # (过程管理指标 计划管理指标 …: a class's own cell)
            if k == 2 and is_words and unit_apart and NUMBER_TEXT.match(text):
                # 300 公里: a figure and its unit apart, one value (no 度量单位 column to hold it)
                is_words = not unit_of(text, last.text)
            inner = inner or (phrased and last.gap in ("space", "line"))
            phrased = worded and last.gap in ("space", "line")  # (words before it)
            label, valued, worded = label or bool(is_label), valued or is_value, worded or is_words
            classes += is_label == 2
            stuck = k > 1 and last.gap in ("glue", "cut")  # (one word the text split)
            if stuck and glued_on:
                apart -= 1  # (食品安全指标达标率: a name ending in 指标…, split after it)
            glued_on = not stuck and (is_label == 2 or part.other_class)
            if glued_on and glued_next[at]:
                glued_on = False  # (经济效益良好: a class the text split from what follows)
            apart += glued_on
            others += not glued_on and part.worded
            phrased = phrased and (last.text in qualitative or twins[at])
            if is_numbered and k > 1:
                numbered += 1
            if last.text in seen:
                twice = True
            seen.add(last.text)
            short = short and part.short
            marks = marks and (k == 1 or part.bracketed)
            bare += part.bare
            if k > 1:
                jc = gaps + 5.0 * numbered + (5.0 if label else 0.0)
                jc += _CLASSES_JOINED if classes >= 2 else 0.0
                jc += _CLASS_APART if spaced_class or apart >= 2 or (apart and others) else 0.0
                jc += _PHRASE_APART if phrased or inner else 0.0
                jc += (2.0 if valued and worded else 0.0) + (3.0 if twice else 0.0)
                jc += 2.0 if bare >= 2 else 0.0
                text = join_more(text, last)
                if short and kind(text) in _LABEL_KINDS:
                    jc = min(jc, 0.2)  # a label wrapped over lines or paragraphs (经济效 / 益指标)
                elif marks and kind(text) in (L1, L2):
                    jc = min(jc, 0.2)  # a class and its marks (数量指标 (必填), 产出指标 (40-50)分)
            else:
                jc = 0.0
                text = t.text
            target = dp[i + k]
            tb = back[i + k]
            if k > 1:  # (a fit is never below 0: when no column would be cheaper even at 0,
                # the text need not be fitted, which on a first read means classified anew)
                for jn in range(m):
                    if new_base[jn] + jc + 0.3 < target[jn] or (
                        same_base[jn] + jc + same_pen < target[jn]
                    ):
                        break
                else:
                    continue
            for jn, f in _fits(roles_key, text):
                # a new row starting at column jn
                c = new_base[jn] + f + jc + 0.3
                if c < target[jn]:
                    target[jn] = c
                    tb[jn] = (i, closed_from, -k)
                # the same row, after column same_from[jn]
                c = same_base[jn] + f + jc + same_pen
                if c < target[jn]:
                    target[jn] = c
                    tb[jn] = (i, same_from[jn], k)
    # Close the last row.
    cut = cut and keeps_empty
    best, at = INF, m
    for j in range(m + 1):
        c = dp[n][j] + (trail[j + 1] if j < m and not cut else 0.0)
        if c < best:
            best, at = c, j
    return _rows(toks, roles, back, at)


def _starts_line(toks: Sequence[Token], i: int) -> bool:
    """Token ``i`` is the first of its line (in ``|`` text its gap is a ``pipe`` all the same:
    the line before ended with ``|``)."""
    return i > 0 and toks[i].gap == "pipe" and toks[i - 1].line != toks[i].line


def _rows(
    toks: Sequence[Token],
    roles: Sequence[str | None],
    back: list[list[tuple[int, int, int] | None]],
    at: int,
) -> list[Row]:
    m = len(roles)
    steps: list[
        tuple[int, int, int]
    ] = []  # (first token, column, join: -k new row, k same, 0 drop)
    i, j = len(toks), at
    while i > 0:
        b = back[i][j]
        if b is None:  # pragma: no cover - every reachable state has a way back
            break
        pi, pj, k = b
        steps.append((pi, j, k))
        i, j = pi, pj
    steps.reverse()
    rows: list[Row] = []
    for first, col, k in steps:
        if k == 0:
            continue
        count = -k if k < 0 else k
        text = join(list(toks[first : first + count])) if count > 1 else toks[first].text
        if k < 0 or not rows:
            rows.append(Row([""] * m, toks[first].line, 0.0, 0))
        rows[-1].cells[col] = text
        rows[-1].parts[col] = list(toks[first : first + count])
        rows[-1].tokens += count
    return rows


def row_cost(
    cells: Sequence[str],
    roles: Sequence[str | None],
    keeps_empty: bool,
    unused: Collection[int] = (),
) -> float:
    """How badly one aligned row fits (the fits of its cells and the columns it leaves out).
    ``unused``: columns no row of the body fills (a header's 上年实际值 left blank): leaving
    them out says nothing of the row, and costs nothing."""
    filled = [j for j, c in enumerate(cells) if c]
    if not filled:
        return 0.0
    cost = 0.0
    lo, hi = filled[0], filled[-1]
    for j, (role, c) in enumerate(zip(roles, cells, strict=True)):
        if c:
            cost += fit(role, c)
        elif j in unused:
            continue
        elif j < lo:
            cost += skip_cost(role, "start", keeps_empty)
        elif j > hi:
            cost += skip_cost(role, "end", keeps_empty)
        else:
            cost += skip_cost(role, "mid", keeps_empty)
    return cost
