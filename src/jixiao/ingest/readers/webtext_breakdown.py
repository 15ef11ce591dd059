"""A form's cost breakdown run together into a field's value in web-page text (a document
preview flattened onto one line): 立项依据 | …职能文件项目成本构成金额测算依据2022年实际执行数
2023年实际执行数培训费40按人数计算3538.5印刷费12.5按合同1212合计52.547.550.5. Each cost's row
gives its amount clean (between its name and its basis), but the 合计 row is one run of digits:
its amount is read only as the run's one opening figure that equals the costs' amounts added up
exactly (52.5), the rest of the run being figures for the later columns, else not at all.
Vocabulary: ``[breakdown]`` in ``data/table_layout.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ...preload import preloaded
from ..grid import GridNote
from ..table_vocabulary import layout_file, vocabulary

# A figure as a cell holds it: no leading zero, one decimal point at most.
_FIGURE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
_WHOLE = re.compile(r"0|[1-9]\d*")
_DECIMALS = re.compile(r"\.\d+")
_DIGITS = re.compile(r"(\d[\d.]*)")
_SPACE = re.compile(r"\s")
_LONGEST_RUN = 60  # digits of one run of figures (a row's later columns): past it, not read
_LONGEST_FIGURE = 16  # characters of one figure (money to the cent below a trillion)
_MOST_COSTS = 40  # rows of one breakdown: past it, not read (a form's costs are a few)


@dataclass(frozen=True, slots=True)
class _Words:
    header: re.Pattern[str]
    figures: re.Pattern[str]


@preloaded
@cache
def _words() -> _Words:
    v = layout_file()["breakdown"]
    figures = f"(?:{v['figures']})"
    return _Words(
        header=re.compile(
            rf"(?P<caption>{v['caption']})(?P<amount>{v['amount']})(?P<basis>{v['basis']})"
            rf"(?P<figures>{figures}+)"
        ),
        figures=re.compile(figures),
    )


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A field's row without the breakdown (its value before it), the breakdown's rows (its
    header, a row per cost: name | amount | basis | its later figures as written, one cell, and
    the 合计 row: 合计 | amount | (no basis) | the rest of its run) and the note on the cut."""

    field: list[str]
    rows: list[list[str]]
    note: GridNote


def breakdown(row: list[str], line: int) -> Breakdown | None:
    """The breakdown run together at the end of the value of ``row`` (label | value), its 合计
    cut where the run's opening figure is the sum of the costs' amounts; ``None`` where the value
    holds no breakdown header, a row is not name · amount · basis · figures, there are fewer
    than two costs, or not exactly one opening figure of the 合计 run is that sum (and the rest
    of the run is not figures for the later columns)."""
    if len(row) != 2:
        return None
    words = _words()
    head = words.header.search(row[1])
    if head is None:
        return None
    columns = len(words.figures.findall(head["figures"]))  # the columns after the basis
    parts = _DIGITS.split(row[1][head.end() :])  # text, digits, text, digits, …
    total_row = vocabulary().total_row
    costs: list[list[str]] = []
    k = 0
    while k + 1 < len(parts) and not total_row.fullmatch(parts[k]):
        if k + 4 >= len(parts):
            return None
        name, amount, basis, run = parts[k : k + 4]
        if not (name and basis) or _SPACE.search(name + basis):
            return None  # (a cell lost, or the text is not run together)
        if not _FIGURE.fullmatch(amount) or len(costs) == _MOST_COSTS:
            return None
        costs.append([name, amount, basis, run])
        k += 4
    if len(costs) < 2 or k + 3 != len(parts) or parts[k + 2]:
        return None  # (no 合计 run ending the value)
    label, run = parts[k], parts[k + 1]
    if len(run) > _LONGEST_RUN:
        return None
    added = sum((Decimal(c[1]) for c in costs), Decimal(0))
    cuts = [
        n
        for n in range(1, len(run) + 1)
        if _FIGURE.fullmatch(run[:n]) and Decimal(run[:n]) == added and _figures(run[n:], columns)
    ]
    if len(cuts) != 1 or not all(_figures(c[3], columns) for c in costs):
        return None  # (the costs' runs are checked once the sum holds: it is the cheap test)
    amount, rest = run[: cuts[0]], run[cuts[0] :]
    header = [head["caption"], head["amount"], head["basis"]]
    header += words.figures.findall(head["figures"])
    before = row[1][: head.start()]
    message = (
        f"成本构成的合计行数字连在一起（{run}），只有开头的 {amount} 等于各项金额之和"
        f"（{'+'.join(c[1] for c in costs)}={added}）：合计按 {amount} 读取"
    )
    return Breakdown(
        field=[row[0], before] if before else [row[0]],
        rows=[header, *costs, [label, amount, "", rest] if rest else [label, amount]],
        note=GridNote("info", "text.total_by_sum", message, line),
    )


def _figures(run: str, n: int) -> bool:
    """Whether ``run`` is ``n`` figures run together (or fewer: those cells empty), cut some
    way; which way is not asked. Linear: the fewest figures reaching each place of the run."""
    if len(run) > _LONGEST_RUN:
        return False
    if not run or (n and len(run) <= _LONGEST_FIGURE and _FIGURE.fullmatch(run)):
        return True  # (one figure, or none: the common cases, read without the table below)
    fewest = [0] + [n + 1] * len(run)
    for s in range(len(run)):
        if fewest[s] < n:
            for e in _figure_ends(run, s):
                fewest[e] = min(fewest[e], fewest[s] + 1)
    return fewest[-1] <= n


def _figure_ends(run: str, s: int) -> list[int]:
    """Where a figure starting at ``s`` may end: within its whole part (only after a leading
    0), or within its decimals once the whole part is complete."""
    whole = _WHOLE.match(run, s)
    if whole is None:
        return []
    last = s + _LONGEST_FIGURE
    ends = list(range(s + 1, min(whole.end(), last) + 1)) if run[s] != "0" else [s + 1]
    decimals = _DECIMALS.match(run, whole.end())
    if decimals is not None:
        ends += range(whole.end() + 2, min(decimals.end(), last) + 1)
    return ends
