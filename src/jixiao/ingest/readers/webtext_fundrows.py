"""A funds table whose row labels the text wrote before its header, and its rows' figures after
it, run together with their empty cells lost (a PDF's extraction order: 年初预算数 (万元) 年度资金
总额 其中:当年财政拨款 实施单位 全年预算数 … 得分 65.66 65.07 10 99% 9 65.66 65.07 — 99% —). Each
figure is put only where the row's own figures prove its column: the 执行率 is 执行数 / 预算数, so
the two amounts it is the share of are the budget and the amount spent; the columns between and
after them take the figures left only where as many figures as columns stand there. A budget
with two budget columns it may be under stays unread (a wrong cell is worse than an empty one)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate, combinations, pairwise, product

from ..figures import figure, half_unit, is_share, percent
from ..grid import GridNote
from ..table_vocabulary import block_role, funds_column, funds_row
from ..text_cells import DASH, NUMBER, PERCENT, kind
from ..text_funds import AMOUNT_COLUMNS
from ..text_tokens import Token
from .webtext_funds import column_funds, funds_table
from .webtext_labels import any_label, label_at

_BUDGETS = ("initial", "full_year")
_MAX_ROWS = 4  # row labels before a header: a funds table's few rows
_MAX_WEIGHT = 100
_BRACKET = re.compile(r"[(（][^()（）]*[)）]$")  # 年初预算数(万元): the unit, not the column's name

ROWS_APART = (
    "资金表的行名写在表头之前、各行数值连写在表头之后（空单元格丢失），"
    "按执行率 = 执行数 / 预算数 定列读取"
)
BUDGET_UNPLACED = "资金表“{label}”行的预算数 {amount} 是哪一列（{columns}）无法确定，未读取"


def labels_before(rows: Sequence[Sequence[str]]) -> tuple[list[int], list[int]] | None:
    """Among the last rows read before a funds header, those that are a label alone (row labels
    and field labels with no value: 年度资金总额, 实施单位, 项目资金): which of them are funds
    column labels (年初预算数 written before the others) and which funds row labels, as indexes
    of ``rows``. ``None`` when fewer than two row labels stand there (one is the header's lead)."""
    columns: list[int] = []
    labels: list[int] = []
    k = len(rows) - 1
    while k >= 0 and len(rows[k]) == 1:
        cell = rows[k][0]
        if funds_row(cell) is not None:
            labels.insert(0, k)
        elif funds_column(cell) is not None:
            columns.insert(0, k)
        elif block_role(cell) is None:
            break
        k -= 1
    if not 2 <= len(labels) <= _MAX_ROWS:
        return None
    return columns, labels


def with_columns(header: Sequence[str], before: Sequence[str]) -> list[str] | None:
    """The header's labels with the column labels written before it put first, when they are
    the columns before its first one (年初预算数 before 全年预算数 …); ``None`` otherwise."""
    roles = [funds_column(x) for x in [*before, *header]]
    chain = [r for r in roles if r in AMOUNT_COLUMNS]
    if len(set(roles)) != len(roles) or chain != sorted(chain, key=AMOUNT_COLUMNS.index):
        return None
    if any(r not in AMOUNT_COLUMNS for r in roles[: len(before) + 1]):
        return None
    return [*before, *header]


def rows_apart(
    roles: Sequence[str | None], labels: Sequence[str], values: Sequence[str]
) -> list[tuple[list[str], list[str]]] | None:
    """The cells of the rows ``labels`` name, their ``values`` written one row after another
    with their empty cells lost: the one cut into as many rows whose figures each prove their
    columns (:func:`proven_cells`), each row's cells with its figures; ``None`` when no cut or
    more than one does."""
    n, m = len(labels), len(roles)
    if not values or not n <= len(values) <= n * m:
        return None
    if any(kind(v) not in (NUMBER, PERCENT, DASH) for v in values):
        return None
    read: dict[tuple[int, int], list[str] | None] = {}  # (each row's figures read once)
    found: list[list[tuple[list[str], list[str]]]] = []
    for sizes in product(range(1, m + 1), repeat=n - 1):  # (a row has at most a cell a column)
        bounds = [0, *accumulate(sizes), len(values)]
        if not 1 <= bounds[-1] - bounds[-2] <= m:
            continue
        for a, b in pairwise(bounds):
            if (a, b) not in read:
                read[a, b] = proven_cells(values[a:b], roles)
        if all(read[a, b] is not None for a, b in pairwise(bounds)):
            found.append([(read[a, b] or [], list(values[a:b])) for a, b in pairwise(bounds)])
            if len(found) > 1:
                return None
    return found[0] if found else None


def proven_cells(values: Sequence[str], roles: Sequence[str | None]) -> list[str] | None:
    """A funds row's cells from its figures, the empty ones lost: its one 执行率, the two amounts
    before it it is the share of (执行数 / 预算数, to the rate's printed precision: the second is
    the 执行数), the budgets in the columns before the 执行数 only when as many stand there,
    and the figures between the 执行数 and the 执行率 and after it in those columns only when
    as many stand there as columns (分值 and 得分 both or neither, 得分 ≤ 分值 ≤ 100). ``None``
    when the figures leave more than one reading or none."""
    if roles.count("rate") != 1 or roles.count("executed") != 1:
        return None
    rates = [k for k, v in enumerate(values) if kind(v) == PERCENT]
    if len(rates) != 1:
        return None
    r = rates[0]
    shares = [
        (b, a) for b, a in combinations(range(r), 2) if _share_of(values[a], values[b], values[r])
    ]
    if len(shares) != 1:
        return None
    done = shares[0][1]
    at_rate, at_done = roles.index("rate"), roles.index("executed")
    if at_done > at_rate:
        return None
    cells = [""] * len(roles)
    cells[at_rate], cells[at_done] = values[r], values[done]
    for lo, hi, part in (
        (0, at_done, values[:done]),
        (at_done + 1, at_rate, values[done + 1 : r]),
        (at_rate + 1, len(roles), values[r + 1 :]),
    ):
        if len(part) == hi - lo:
            cells[lo:hi] = part
        elif part and (lo or len(part) > hi or any(roles[j] not in _BUDGETS for j in range(hi))):
            return None  # (budgets short of their columns stay unread, noted)
    return cells if _points_agree(cells, roles) else None


def read_apart(
    toks: Sequence[Token], i: int, run: int, hi: int, rows: Sequence[Sequence[str]]
) -> tuple[list[list[str]], list[int], list[GridNote], int] | None:
    """The funds table whose header is at token ``i`` (``run`` tokens) when its row labels stand
    alone among the ``rows`` read before it and its rows' figures follow it with no label
    (:func:`rows_apart`): the table's rows (header first), the indexes of ``rows`` it replaces,
    notes on budgets left unread and the token after it. ``None`` when the text is not so."""
    before = labels_before(rows)
    if before is None or column_funds(toks, i, hi) is not None:
        return None
    made, j = funds_table(toks, i, run, hi, pipe=False)
    if len(made) != 1:
        return None
    columns, labels = before
    header = with_columns(made[0][0][1:], [rows[k][0] for k in columns])
    values: list[Token] = []
    while j < hi and not label_at(toks, j, any_label):
        if not toks[j].empty:
            values.append(toks[j])
        j += 1
    if header is None or not values:
        return None
    roles = [funds_column(x) for x in header]
    texts = [t.text for t in values]
    names = [rows[k][0] for k in labels]
    read = rows_apart(roles, names, texts)
    if read is None:
        return None
    line = values[-1].line
    notes = [GridNote("info", "text.funds_rows_apart", ROWS_APART, line)]
    out = [["", *header]]
    for name, (row, part) in zip(names, read, strict=True):
        out.append([name, *row])
        left = _unplaced(row, part)
        if left:
            budgets = "、".join(_BRACKET.sub("", x) for x in header if funds_column(x) in _BUDGETS)
            text = BUDGET_UNPLACED.format(label=name, amount=left, columns=budgets)
            notes.append(GridNote("info", "text.funds_budget_unplaced", text, line))
    return out, sorted([*columns, *labels]), notes, j


def _unplaced(row: Sequence[str], values: Sequence[str]) -> str:
    """The figures of a row's ``values`` it did not place (a budget, see :func:`proven_cells`)."""
    left = list(values)
    for c in row:
        if c:
            left.remove(c)
    return " ".join(left)


def _points_agree(cells: Sequence[str], roles: Sequence[str | None]) -> bool:
    if "weight" not in roles or "score" not in roles:
        return True
    weight, score = cells[roles.index("weight")], cells[roles.index("score")]
    if bool(weight) != bool(score):
        return False  # (a 分值 stated with no 得分, or the reverse: another cut of the row)
    if kind(weight) == DASH or kind(score) == DASH:
        return kind(weight) == kind(score)
    if not weight:
        return True
    w, s = figure(weight), figure(score)
    return w is not None and s is not None and 0 <= s <= w <= _MAX_WEIGHT


def _share_of(done: str, budget: str, rate: str) -> bool:
    """Whether ``rate`` (a percent) is ``done`` / ``budget`` to its printed precision."""
    a, b, r = figure(done), figure(budget), percent(rate)
    if a is None or b is None or r is None or not a:
        return False
    return is_share(a, b, r, half_unit(r))
