"""A one-project form's funds: its *funds table* (a header row 年初预算数 | 全年预算数 |
全年执行数 | 分值 | 执行率 | 得分 and rows 年度资金总额, 其中：财政拨款, 其他资金 under it), funds
written as label | amount pairs (预算数: | 2.38 | 执行数: | 2.38), a rate under its label on the row
above, and the amount spent beside 资金使用情况. Vocabulary: ``data/table_layout.toml``
(``funds_columns``, ``funds_rows``, ``funds_rate_above``, ``funds_used``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from ..chars import BARE_NUMBER, DIGIT
from ..framework import clean_label
from ..model import FUND_FIELDS, Funds
from .figures import is_share
from .grid import Grid
from .table_vocabulary import block_role, funds_column, funds_row, vocabulary

if TYPE_CHECKING:
    from .table_block import Block


def parts_total(found: Block, funds: Funds) -> Decimal | None:
    """The total of a form whose 资金总额 label has no amount of its own (its cell lost, or a
    column header over the parts) but states its sources (其中：财政拨款 500): their sum. None
    where the total's cell holds anything (— included), where no 资金总额 label stands, where
    amounts stand under the funds header without their rows' labels, or where no part is
    stated but 0 (a form's 0 beside a source says nothing of a total nobody wrote)."""
    fields = found.fields
    if funds.total is not None or "total" in fields or "total.none" in fields:
        return None
    if "total" not in found.labels or found.unplaced:
        return None  # (amounts whose rows are unknown may be the total's own)
    parts = funds.sources()
    return sum(parts, Decimal(0)) if any(parts) else None


def amount_proven(rows: Sequence[Sequence[str]], k: int, hi: int, j: int) -> str | None:
    """A total's label over the parts it is split into twice (资金总额 | 按收入性质分 |
    按支出性质分), its amounts written after the labels with the empty cells gone, so no column
    says whose each is: the first of the run of amounts when the others add up to twice it (both
    breakdowns its parts), which proves it the total; else ``None``."""
    cells = [c for c in rows[k][j + 1 :] if c]
    for n in range(k + 1, min(hi, k + _PROVEN_ROWS)):
        cells.extend(c for c in rows[n] if c)
    run: list[Decimal] = []
    first = ""
    for c in cells:
        flat = "".join(c.split())
        m = _PLAIN_AMOUNT.match(flat)
        if m is None:
            if run:
                break
            continue
        first = first or flat
        run.append(Decimal(m.group(1).replace(",", "")))
    if len(run) < 3 or run[0] <= 0 or sum(run[1:]) != 2 * run[0]:
        return None
    return first


_PROVEN_ROWS = 6  # (text's rows: a label's pieces broken over lines each a row)
_PLAIN_AMOUNT = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(?:万元|万|元)?$")


PAIR_FUNDS = frozenset({"initial", "full_year", "executed", "rate"})
"""Funds columns a form may write as label | amount pairs instead of a funds table."""


def value_after(row: Sequence[str], j: int) -> str | None:
    """The first cell right of ``j`` that is not the label again nor another label."""
    label = row[j]
    for c in row[j + 1 :]:
        if c and c != label:
            if block_role(c) is not None or vocabulary().money_in_cell.fullmatch(c.strip()):
                return None  # another label, or 单位：万元 (the money unit, not a value)
            return c
    return None


_POINT = Decimal(1)  # (a rate printed beside its amount: to a percentage point)
NUMBER = re.compile(r"^-?[\d,]+(?:\.\d+)?\s*(?:万元|万|元|%|％)?$")


def is_funds_header(row: Sequence[str]) -> bool:
    """A funds table's header row: at least two of its column labels (年初预算数, 全年执行数 …),
    none of them followed by its amount (预算数: | 2.38 | 执行数: | 2.38 is label | value)."""
    cells = [c for k, c in enumerate(row) if c and (k == 0 or row[k - 1] != c)]
    roles = {funds_column(c) for c in cells}
    roles.discard(None)
    if len(roles) < 2 or not roles & {"initial", "full_year", "executed"}:
        return False
    return not any(
        funds_column(c) and k + 1 < len(cells) and NUMBER.match("".join(cells[k + 1].split()))
        for k, c in enumerate(cells)
    )


_OF_RATE = re.compile(r"^\s*(?:预算)?执行率\s*(?P<rest>\S.*)$")


def _funds_header_column(label: str) -> str | None:
    """The column a funds table's header cell names, its 分值 and 得分 also where the label
    says they are the rate's (执行率权重, 执行率得分: a grid's own cells, never text glued)."""
    role = funds_column(label)
    if role is None and (m := _OF_RATE.match(label)):
        rest = funds_column(m["rest"])
        role = rest if rest in ("weight", "score") else None
    return role


def _points(label: str) -> str | None:
    """The 分值 a funds table's 得分 label states (得分（20分*执行率） → 20), or ``None``."""
    m = vocabulary().funds_score_points.search("".join(label.split()))
    return m.group(1) if m else None


def funds_table(grid: Grid, k: int, hi: int, block: Block) -> int:
    """Read the funds table whose header is row ``k``; the row after its last row. An amount
    merged over several rows is the first row's (the total's), not each one's."""
    rows, lines = grid.rows, grid.lines
    first_only = vocabulary().first_row_only
    header = rows[k]
    cols: dict[int, str] = {}
    previous: list[int] = []  # last year's columns beside this year's: their amounts not read
    for j, c in enumerate(header):
        role = _funds_header_column(c) if c else None
        if role is None and c and vocabulary().total_row.fullmatch(clean_label(c)):
            role = "full_year"  # 中央 | 本级 | 合计 | 执行数: the sources' sum, the budget
        if role == "previous":
            previous.append(j)
        elif role is not None and role not in cols.values():
            cols[j] = role
    by_columns = any(vocabulary().total_row.fullmatch(clean_label(c)) for c in header if c)
    for c in header:
        m = vocabulary().money_in_label.search(c) if c else None
        if m and not block.money_unit:
            block.money_unit = m.group(1)
    points = next((p for j, r in cols.items() if r == "score" and (p := _points(header[j]))), None)
    if points is not None and "weight" not in cols.values():
        block.execution.setdefault("weight", (points, lines[k]))  # 得分（20分*执行率）
    k += 1
    total: dict[str, str] | None = None
    spent: list[dict[str, str]] = []  # the source rows that state an execution
    scored: list[dict[str, str]] = []  # the source rows that state points, no execution
    while k < hi:
        row = rows[k]
        label_at = next(
            (j for j, c in enumerate(row) if c and j not in cols and funds_row(c) is not None),
            None,
        )
        # sources as columns (中央 | 省 | 本级 | 合计 | 执行数 | 执行率): the one row of amounts
        # under them, its label the header's own (项目资金 spanning both), is the total's
        under = by_columns and total is None and label_at is None and _amounts_under(row, cols)
        if label_at is None and not under and _other_row(row, cols):
            k += 1  # (① 项目支出 | 30 | 0 | 30: a breakdown the fields have no place for)
            continue
        if label_at is None and not under:
            filled = [c for c in row if c]
            if not total and not spent and filled and all(NUMBER.match(c) for c in filled):
                block.unplaced = True  # the text out of order: its amounts before its labels
            break
        role = "total" if label_at is None else funds_row(row[label_at])
        label_at = -1 if label_at is None else label_at
        assert role is not None
        values = {
            name: row[j]
            for j, name in cols.items()
            if j < len(row)
            and row[j]
            and j > label_at
            and not (name in first_only and grid.continues(k, j))
        }
        if _misplaced(values) or (previous and not _both_years(row, previous, cols)):
            k += 1
            continue
        if role == "total":
            total = values
            for name, v in values.items():
                block.execution.setdefault(name, (v, lines[k]))
        elif "executed" in values:
            spent.append(values | {"line": str(lines[k])})
        elif {"weight", "score"} <= values.keys():
            scored.append(values | {"line": str(lines[k])})
        if role in FUND_FIELDS:
            amount = values.get("full_year") or values.get("initial")
            if amount and role not in block.fields:
                block.fields[role] = (amount, lines[k])
        k += 1
    _one_source(block, total, spent)
    _scored_below(block, total, scored)
    return k


_UNIT_ALONE = re.compile(r"[%％]|万元|元|万")
_AMOUNT_IN_YUAN_OR_WAN = re.compile(r"^([\d,]+(?:\.\d+)?)\s*(?:万元|万|元)?$")


def _misplaced(values: dict[str, str]) -> bool:
    """A funds row whose cells text put out of place: a cell that is a unit alone (% apart
    from its figure), a rate written without % above 100 (309: an amount in the rate's
    column), a percentage under 分值 or 得分 while the rate's cell holds a bare number, or a
    percentage under an amount's column. None of its figures is read."""
    texts = {r: "".join(v.split()) for r, v in values.items()}
    if any(_UNIT_ALONE.fullmatch(t) for t in texts.values()):
        return True
    rate = texts.get("rate", "")
    if bool(BARE_NUMBER.fullmatch(rate)) and Decimal(rate) > 100:
        return True
    # (28.1 | 28.1 | 28.1 | 28.1 | 10 | 100% | 10: a figure too many, the percentage in a
    # column of points and the rate's column holding a bare number)
    points = [texts.get(k, "") for k in ("weight", "score")]
    if bool(BARE_NUMBER.fullmatch(rate)) and any(t.endswith(("%", "％")) for t in points):
        return True
    # (864.2 | 100% | 20 under 预算数 | 执行数 | 执行率 | 得分: the rate in an amount's column)
    amounts = [texts.get(k, "") for k in ("initial", "full_year", "executed")]
    return any(t.endswith(("%", "％")) for t in amounts)


def _both_years(row: Sequence[str], previous: list[int], cols: dict[int, str]) -> bool:
    """A row under last year's and this year's columns that states both years' amounts, as
    amounts: else text that lost its empty cells may have moved last year's amount, or a
    label's words, under this year's column (a wrong amount is worse than none)."""
    years = [*previous, *(j for j, r in cols.items() if r in ("initial", "full_year"))]
    cells = ["".join(row[j].split()) if j < len(row) else "" for j in years]
    return all(c and NUMBER.match(c) for c in cells)


def _other_row(row: Sequence[str], cols: dict[int, str]) -> bool:
    """A row of the funds table no field is kept for: a label before the columns that is no
    amount, and an amount under every column."""
    first = min(cols, default=0)
    labels = [c for c in row[:first] if c]
    under = [row[j] if j < len(row) else "" for j in cols]
    return (
        bool(labels)
        and not any(NUMBER.match("".join(c.split())) for c in labels)
        and all(NUMBER.match("".join(c.split())) for c in under)
    )


def _amounts_under(row: Sequence[str], cols: dict[int, str]) -> bool:
    """Every filled cell of ``row`` under a funds column is an amount, and there is one."""
    under = [row[j] for j in cols if j < len(row) and row[j]]
    return bool(under) and all(NUMBER.match("".join(c.split())) for c in under)


def _amount(text: str | None) -> Decimal | None:
    m = _AMOUNT_IN_YUAN_OR_WAN.match("".join((text or "").split()))
    return Decimal(m.group(1).replace(",", "")) if m else None


def _one_source(block: Block, total: dict[str, str] | None, spent: list[dict[str, str]]) -> None:
    """A total row that states its budget and no execution, over one source row that states
    the same budget with its execution (年度资金总额 | 300 | | over 自治区补助 | 300万元 |
    259.45万元 | 86.5%): the source is the whole, and its execution is the total's."""
    if total is None or "executed" in total or len(spent) != 1:
        return
    (row,) = spent
    budget = [r for r in ("full_year", "initial") if r in total]
    if not budget or _amount(total[budget[0]]) != _amount(row.get(budget[0])):
        return
    for name in ("executed", "rate"):
        if name in row:
            block.execution.setdefault(name, (row[name], int(row["line"])))


def _scored_below(block: Block, total: dict[str, str] | None, scored: list[dict[str, str]]) -> None:
    """A total row stating no 执行率, 分值 or 得分 over one source row that states them (with no
    amount spent): cells merged over the rows that the text wrote after the last of them
    (年度总金额 | .32 … over 其中财政拨款 | .32 … | 79.27 | 10 | 7.93). The points are the
    form's execution's, and so is the rate they score."""
    if total is None or {"rate", "weight", "score"} & total.keys() or len(scored) != 1:
        return
    (row,) = scored
    for name in ("rate", "weight", "score"):
        if name in row:
            block.execution.setdefault(name, (row[name], int(row["line"])))


def funds_pairs(
    row: Sequence[str], line: int, block: Block, above: Sequence[str] | None = None
) -> None:
    """Funds columns written as label | amount pairs (转移支付预算数(A) | 5.8万, 预算执行率(B/A)
    | 100%): the execution, and the budget as the total when no funds row states it. Where the
    row has such pairs, an amount with no label before it takes the funds label over it on the
    row ``above`` (预算执行进度(%) over the 100.00 that ends 预算数 | 6.84 | 执行数 | 6.84)."""
    paired = False
    for j, cell in enumerate(row[:-1]):
        role = funds_column(cell) if cell else None
        value = row[j + 1]
        if role not in PAIR_FUNDS or not DIGIT.search(value) or is_block_label(value):
            continue
        block.execution.setdefault(role, (value, line))
        paired = True
        if role == "full_year":
            block.fields.setdefault("total", (value, line))
    if not paired or above is None:
        return
    for j, value in enumerate(row):
        # (the cell before: the pair's amount, or empty where a saved CSV lost its merge)
        label = next((c for c in reversed(row[:j]) if c), "")
        if j >= len(above) or not value or value == label or not label:
            continue
        over = "".join(above[j].split())
        rate = vocabulary().funds_rate_above.fullmatch(over) and funds_column(label) is None
        if rate and NUMBER.match(value.strip()):
            block.execution.setdefault("rate", (value, line))


_TWO_FIGURES = re.compile(r"^\s*(?P<amount>\d[\d,]*(?:\.\d+)?)\s+(?P<rate>\d+(?:\.\d+)?)\s*$")


def rate_after_pair(row: Sequence[str], line: int, block: Block, over: str | None) -> None:
    """The rate text ran into the last pair of its line (执行数 | 6.84 100.00, the cell between
    the two figures lost, under a line ending 预算执行进度(%)): the pair's amount, and the figure
    after it as the rate, only where the line above ends with a rate label (``over``) and the
    figure is 执行数 / 预算数 as a percent (another figure is no rate: left as it was)."""
    filled = [j for j, c in enumerate(row) if c]
    if len(filled) < 2 or over is None:
        return
    if not vocabulary().funds_rate_above.fullmatch("".join(over.split())):
        return
    label, cell = row[filled[-2]], row[filled[-1]]
    role = funds_column(label)
    m = _TWO_FIGURES.match(cell)
    if role not in ("full_year", "executed") or m is None:
        return
    got = {r: _amount(v) for r, (v, _) in block.execution.items() if r in ("full_year", "executed")}
    got[role] = _amount(m["amount"])
    budget, done = got.get("full_year"), got.get("executed")
    if not budget or done is None or not is_share(done, budget, Decimal(m["rate"]), _POINT):
        return
    block.execution.setdefault(role, (m["amount"], line))
    block.execution.setdefault("rate", (m["rate"], line))


_USED_TOTAL = re.compile(
    r"^(?:合计|总计|小计)?\s*[:：]?\s*(?P<amount>\d[\d,.]*\s*(?:万元|元|万)?)$"
)
# …or, in text run together, the total by its label and unit, its parts after it
# ((万元)合计:109.8万元中央财政84.5万元…: the label's unit, then 合计:…).
_USED_TOTAL_FIRST = re.compile(
    r"^(?:[(（](?:万元|元)[)）])?(?:合计|总计)[:：](?P<amount>\d[\d,]*(?:\.\d+)?(?:万元|元))"
)


def is_funds_used(label: str) -> bool:
    """Whether ``label`` is the label of the amount spent (资金使用情况(万元))."""
    return vocabulary().funds_used.fullmatch(clean_label(label)) is not None


def funds_used(row: Sequence[str], line: int, block: Block) -> None:
    """The amount a form has spent, beside its label (资金使用情况(万元) | 合计:109.8万元)."""
    for j, cell in enumerate(row[:-1]):
        if not cell or not is_funds_used(cell):
            continue
        value = "".join((value_after(row, j) or "").split())
        m = _USED_TOTAL.match(value) or _USED_TOTAL_FIRST.match(value)
        if m and "executed" not in block.execution:
            block.execution["executed"] = (m["amount"], line)
            block.spent = True


def is_block_label(cell: str) -> bool:
    """Whether ``cell`` is a form field's label (for sniffers and the text readers)."""
    return block_role(cell) is not None or funds_row(cell) is not None
