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

from ..framework import clean_label, load_framework
from ..targets import type_target
from .table_vocabulary import footer_role, is_tree_column, role_of, vocabulary
from .text_tokens import Token, join, join_more

INF = float("inf")
MAX_JOIN = 6  # tokens one cell may be made of
CLASS_ROW = 1.5  # a row of class labels only, closed before the name

_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_PERCENT = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*[%％]$")
_VALUE = re.compile(
    r"^(?:[≥≤><=＞＜≧≦≈±]|>=|<=|大于|小于|不低于|不高于|不少于|不超过|达到)?\s*[0-9０-９]"
)
_CJK_UNIT = re.compile(r"[\u4e00-\u9fff]{1,4}")


@lru_cache(maxsize=4096)
def _unit_of(figure: str, word: str) -> bool:
    """``word`` (公里, 人次) is a unit the figure before it takes: a figure's unit written apart."""
    if not _CJK_UNIT.fullmatch(word):
        return False
    target = type_target(figure.strip() + word)
    return target.kind == "quantitative" and target.unit == word


_PLACEHOLDER = re.compile(r"^[…\.。、·\-—/／\\]+$")
_SCORE_LABEL = re.compile(r"^[（(]\s*\d+(?:[-～~]\d+)?\s*分?\s*[)）]\s*分?$")
_POINTS_MARK = re.compile(r"[（(]\s*\d+\s*分\s*[)）]")

# What a cell looks like.
EMPTY, L1, L2, HEADER, NUMBER, PERCENT, VALUE, PHRASE, TEXT, DASH, SCORE_ONLY, FOOTER = range(12)


@lru_cache(maxsize=8192)
def kind(text: str) -> int:
    """What ``text`` looks like, as one of the kinds above."""
    t = "".join(text.split())
    if not t:
        return EMPTY
    if _PLACEHOLDER.fullmatch(t):
        return DASH
    if _SCORE_LABEL.fullmatch(t):
        return SCORE_ONLY  # (50分): a level-1 cell whose name was lost
    fw = load_framework()
    label = clean_label(t)
    if fw.find1(None, label) is not None or fw.find1(None, _without_points(label)):
        return L1
    if fw.find2(None, label) is not None or label in vocabulary().other_level2:
        return L2
    if _NUMBER.fullmatch(t):
        return NUMBER
    if _PERCENT.fullmatch(t):
        return PERCENT
    if t in vocabulary().qualitative_phrases:
        return PHRASE  # 长期: a target, though a column may be called so
    if footer_role(t) is not None and len(t) <= 8:
        return FOOTER
    if role_of(t) is not None and len(t) <= 12:
        return HEADER
    if _VALUE.match(t) and len(t) <= 24:
        typed = type_target(t)
        if typed.kind == "quantitative":
            return VALUE
    if len(t) <= 8:
        return PHRASE
    return TEXT


def _without_points(label: str) -> str:
    """``产出指标50分`` → ``产出指标``; ``产出指标分`` (``产出指标(40-50)分`` whose range
    clean_label took out) → ``产出指标``. Not ``re.sub(r"\\d+分$")``: on a long run of digits
    that tries every start position to the end (17,000 digits took 1 s a call: make fuzz)."""
    if not label.endswith("分"):
        return label
    head = label[:-1]
    cut = len(head)
    while cut and head[cut - 1].isdigit():
        cut -= 1
    return head[:cut]


def _is_class_like(text: str) -> bool:
    t = clean_label("".join(text.split()))
    return t.endswith("指标") and 2 < len(t) <= 12


@lru_cache(maxsize=16384)
def _spaced_class(before: str, after: str) -> bool:
    """Either of two tokens a space apart is a class label of another framework (过程管理指标
    | 计划管理指标 in a row per line with spaces between its cells): a cell of its own, not a
    piece of a name joined across the space."""
    return _is_other_class(before) or _is_other_class(after) or _long_class(before)


def _long_class(text: str) -> bool:
    """A class label with its gloss, too long for a phrase (预算(或投资规模)控制指标)."""
    t = "".join(text.split())
    return kind(t) == TEXT and _is_class_like(t) and not any(c.isdigit() for c in t)


def _is_other_class(text: str) -> bool:
    """A short label such as 过程管理指标 / 计划管理指标: a class of another framework, neither a
    name nor a target (达成预期指标, a target phrase, excepted)."""
    t = "".join(text.split())
    return (
        kind(t) == PHRASE
        and _is_class_like(t)
        and len(t) <= 8
        and t not in vocabulary().qualitative_phrases
    )


def _is_op(text: str) -> bool:
    voc = vocabulary()
    t = "".join(text.split()).strip("-－—_")
    return t in voc.ops or t in voc.qualitative_ops


def _is_unit(text: str) -> bool:
    t = "".join(text.split())
    if t in vocabulary().qualitative_phrases:
        return False  # 有效, 良好: a qualitative target, not a unit
    return 0 < len(t) <= 6 and not re.search(r"\d", t) and kind(t) in (PHRASE, DASH)


# -- fit of a cell to a column -------------------------------------------------------------------
_CODED = re.compile(r"^[\[【(（]?[0-9A-Za-z]{3,}[\]】)）]?\s*[-－—_ ]?\s*[\u4e00-\u9fff]")
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]分?")  # (必填), (40-50)分: marks a class bears
_NUMBERED_NAME = re.compile(r"^指标\d+\s*[.．:：、](?!\d)")
_DATE_VALUE = re.compile(r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|底|末|内)?")
ROW_VALUE_ROLES = frozenset({"value", "annual", "cycle", "actual", "weight", "score"})
"""The columns of a row's values (targets, 完成值, 分值, 得分), after its classes and name."""
# A 指标方向 cell holding a comparator (≤) or the pair of answers (是/否) instead of 正向 / 反向.
COMPARATOR = re.compile(r"[≥≤＞＜>=<≧≦]+")
"""A run of comparator marks as pages print them (≥, ＞, >=, ≧ …)."""
_DIRECTION_MARK = re.compile(rf"{COMPARATOR.pattern}|[\u4e00-\u9fff][/／][\u4e00-\u9fff]")
_AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d{4,}\.\d{2}$")


def direction_mark(text: str) -> bool:
    """A comparator (≤) or a pair of answers (是/否): what a 指标方向 cell may hold."""
    return _DIRECTION_MARK.fullmatch("".join(text.split())) is not None


@lru_cache(maxsize=16384)
def fit(role: str | None, text: str) -> float:
    """The cost of reading ``text`` as a cell of a column of ``role`` (``None``: a label column
    without a role, such as 绩效指标 spanning the grid)."""
    k = kind(text)
    t = "".join(text.split())
    if role in ("department", "unit", "project"):
        if k in (TEXT, PHRASE):
            return 0.0 if _CODED.match(t) else 0.3
        return {EMPTY: 0.3, DASH: 1.0}.get(k, 6.0)
    if k in (NUMBER, VALUE) and _AMOUNT.match(t):  # 8,827,620.53: money, not a target or a score
        if role in ("total", "fiscal", "special", "other"):
            return 0.0  # (thousands separators make it a VALUE to kind(), still an amount)
        if k == NUMBER and role in ("value", "annual", "cycle", "actual", "weight", "score"):
            return 3.0
    if role is None:  # (绩效指标 again: the page's next rows under the caption printed anew)
        return 0.0 if k in (EMPTY, HEADER) or is_tree_column(t) else 7.0
    if role == UNLABELLED:  # a trailing column without a header: bare figures (分值? 得分?)
        return {EMPTY: 0.3, DASH: 0.3}.get(k, 0.0 if k == NUMBER and len(t) <= 4 else 9.0)
    if role == "level1":
        return {L1: 0.0, SCORE_ONLY: 0.2, EMPTY: 0.3, L2: 5.0}.get(
            k, 2.5 if _is_class_like(text) else 9.0
        )
    if role == "level2":
        if k == L1 and load_framework().find2(None, clean_label(text)) is not None:
            return 0.3  # 成本指标 under 产出指标 in older templates
        return {L2: 0.0, EMPTY: 0.3, L1: 3.0}.get(k, 2.5 if _is_class_like(text) else 9.0)
    if role == "name":
        if _is_other_class(t):
            return 3.0
        if t in vocabulary().qualitative_ops:
            return 6.0  # 定性: a 指标性质, never a name or a piece of one
        if k in (TEXT, PHRASE):
            return 2.0 if _CODED.match(t) else (0.0 if len(text) > 2 else 1.0)
        return {VALUE: 4.0, NUMBER: 5.0, PERCENT: 5.0, DASH: 1.5, L1: 7.0, L2: 7.0}.get(k, 8.0)
    if role in ("value", "annual", "cycle", "actual") and _is_other_class(t):
        return 6.0
    if role in ("value", "annual", "cycle", "actual") and t in vocabulary().qualitative_ops:
        return 6.0  # 定性: the 指标性质 saying the row has no figure, never its target
    if role in ROW_VALUE_ROLES and (_NUMBERED_NAME.match(t) or _template_row(t)):
        return 6.0  # 指标2: starts the next row's name, never a value
    if role in ("standard", *ROW_VALUE_ROLES) and vocabulary().standard_kind.fullmatch(t):
        return 0.0 if role == "standard" else 4.0  # 计划标准: a 绩效标准 cell, never a target
    if role in ("value", "annual", "cycle"):
        return {
            VALUE: 0.0,
            PERCENT: 0.0,
            NUMBER: 0.3,
            PHRASE: 0.8,
            TEXT: 1.2 if len(text) <= 30 else 2.5,
            EMPTY: 2.0,
            DASH: 1.0,
        }.get(k, 9.0)
    if role == "actual":
        return {
            VALUE: 0.0,
            PERCENT: 0.0,
            NUMBER: 0.3,
            PHRASE: 0.8,
            TEXT: 1.5 if len(text) <= 30 else 2.5,
            EMPTY: 0.8,
            DASH: 0.5,
        }.get(k, 9.0)
    if role in ("weight", "score"):
        if k == NUMBER:
            return 0.0 if float("".join(text.split())) <= 100 else 4.0
        return {PERCENT: 2.0, EMPTY: 0.6, DASH: 0.5}.get(k, 9.0)
    if role == "op":
        if _is_op(text):
            return 0.0
        if vocabulary().direction_word.fullmatch(t):
            return 0.3  # 指标性质 over 正向 / 反向 in some templates (see table_direction)
        return 1.0 if k == EMPTY else 8.0
    if role == "measure":
        if k == EMPTY:
            return 1.0
        return 0.3 if _is_unit(text) or _PERCENT_UNIT.fullmatch("".join(text.split())) else 6.0
    if role == "direction":
        t = "".join(text.split())
        if "正向" in t or "反向" in t or _DIRECTION_MARK.fullmatch(t):
            return 0.0
        if _is_op(text) and t not in vocabulary().qualitative_ops:
            return 0.3  # 指标方向 over 大于等于 / 等于 in some templates (see table_direction)
        return 0.5 if k == EMPTY else 5.0
    if role in ("total", "fiscal", "special", "other", "initial", "full_year", "executed"):
        if k == VALUE and re.fullmatch(
            r"[\d,.]+\s*(?:万元|万|元|亿元|千元)", "".join(text.split())
        ):
            return 0.2
        return {NUMBER: 0.0, EMPTY: 0.5, DASH: 0.3}.get(k, 6.0)
    if role == "rate":
        return {PERCENT: 0.0, NUMBER: 1.5, EMPTY: 0.5, DASH: 0.3}.get(k, 6.0)
    if role == "seq":
        return 0.0 if k == NUMBER and len(text) <= 3 else (0.5 if k == EMPTY else 6.0)
    # Text columns: deviation, explanation, standard, remark, goal, department, unit, project …
    if k in (L1, L2, HEADER, FOOTER, SCORE_ONLY):
        return 7.0
    if role == "deviation" and _POINTS_MARK.search(t):
        return 7.0  # 效益指标(30分): a class's label and points, never a reason
    if _template_name(t):
        return 4.0  # 指标2: a template's unfilled row, not a remark
    if k == TEXT and role in ("deviation", "standard") and vocabulary().scoring_rule.search(t):
        return 2.0 if role == "deviation" else 0.3  # 记满分: how to score, not why it fell short
    return {EMPTY: 0.3, NUMBER: 1.5, PERCENT: 2.0, VALUE: 2.0, DASH: 0.3}.get(k, 1.0)


def _template_name(t: str) -> bool:
    """指标 / 指标2…: the name of a template's unfilled row."""
    return t.startswith("指标") and bool(
        vocabulary().placeholder_name.fullmatch(t.rstrip("…．.。·"))
    )


def _template_row(t: str) -> bool:
    """指标2: numbered, surely a template's row (a bare 指标 may be a header's word split off)."""
    return _template_name(t) and any(c.isdigit() for c in t)


_PERCENT_UNIT = re.compile(r"[%％](?:[(（][^)）\d]*[)）])?")  # %, %(百分比): a unit cell


UNLABELLED = "unlabelled"
"""The role of a column the rows have and the header does not name (a figure after the last
value column); :func:`fit` takes only bare small numbers there."""


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
_CLASS_SPACED = 5.0  # another framework's class and its neighbour a space apart read as one


@lru_cache(maxsize=16384)
def _part(text: str) -> tuple[int, bool, bool, bool]:
    """What one token brings to a joined cell: a label on its own (2: a class label), a value
    (a date such as 2021年底 is one too), words, the start of a numbered name (指标2:)."""
    k = kind(text)
    dated = _DATE_VALUE.fullmatch(text) is not None
    return (
        2 if k in (L1, L2) else int(k in _LABEL_KINDS),
        k in _VALUE_KINDS or dated,
        k in (TEXT, PHRASE) and not dated,
        _NUMBERED_NAME.match(text) is not None,
    )


@lru_cache(maxsize=16384)
def _fits(roles: tuple[str | None, ...], text: str) -> tuple[float, ...]:
    """:func:`fit` of ``text`` to every column (one lookup per cell tried, not one per column)."""
    return tuple(fit(role, text) for role in roles)


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
        text = ""
        for k in range(1, min(MAX_JOIN, n - i) + 1):
            last = toks[i + k - 1]
            if k > 1:
                if last.empty or last.gap == "pipe" or t.empty:
                    break
                g = last.gap
                gaps += line_cost if g == "line" else _GAP_COST.get(g, INF)
                if gaps == INF:
                    break
            is_label, is_value, is_words, is_numbered = _part(last.text)
            if k > 1 and last.gap == "space" and _spaced_class(toks[i + k - 2].text, last.text):
                spaced_class = True  # (过程管理指标 计划管理指标 …: a class's own cell)
            if k == 2 and is_words and unit_apart and _NUMBER.match(text):
                # 300 公里: a figure and its unit apart, one value (no 度量单位 column to hold it)
                is_words = not _unit_of(text, last.text)
            label, valued, worded = label or bool(is_label), valued or is_value, worded or is_words
            classes += is_label == 2
            if is_numbered and k > 1:
                numbered += 1
            if last.text in seen:
                twice = True
            seen.add(last.text)
            short = short and len(last.text) <= 5
            marks = marks and (k == 1 or _BRACKETED.fullmatch(last.text) is not None)
            bare += (
                _NUMBER.fullmatch(last.text) is not None
                or _PERCENT.fullmatch(last.text) is not None
            )
            if k > 1:
                jc = gaps + 5.0 * numbered + (5.0 if label else 0.0)
                jc += _CLASSES_JOINED if classes >= 2 else 0.0
                jc += _CLASS_SPACED if spaced_class else 0.0
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
            best_prev = INF  # min over j < j' of here[j] - gap[j + 1]
            best_j = -1
            for jn, f in enumerate(_fits(roles_key, text)):
                if f < INF:
                    # a new row starting at column jn
                    c = closed + new_pen + lead[jn] + f + jc + 0.3
                    if c < target[jn]:
                        target[jn] = c
                        tb[jn] = (i, closed_from, -k)
                    # the same row, after column best_j
                    if best_j >= 0:
                        c = best_prev + gap[jn] + f + jc + same_pen
                        if c < target[jn]:
                            target[jn] = c
                            tb[jn] = (i, best_j, k)
                v = here[jn] - gap[jn + 1]
                if v < best_prev:
                    best_prev, best_j = v, jn
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
