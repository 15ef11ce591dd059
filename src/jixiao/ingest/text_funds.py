"""Funds rows in page text: their figures put under the funds table's columns when the text
lost its empty cells (:func:`assign_funds`), checked by 执行率 = 执行数 / 预算数
(:func:`rate_agrees`), and figures run together split apart (:func:`unfused`)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from .figures import figure, is_share, percent
from .text_cells import fit

_MONEY = re.compile("(?:万元|万|元|亿元|千元)$")
_POINT = Decimal(1)  # (a rate that is the share to a percentage point agrees)


def _number(text: str) -> Decimal | None:
    """A funds cell's figure: a rate's (its % left out) or an amount's (its money unit)."""
    t = "".join(text.split())
    rate = percent(t)
    return rate if rate is not None else figure(_MONEY.sub("", t))


def _rate_of(got: Mapping[str | None, Decimal | None]) -> bool | None:
    """Whether the 执行率 among a row's figures is its 执行数 / 预算数 (as a percent or a
    ratio); ``None`` when one of the three is missing."""
    rate, done, budget = got.get("rate"), got.get("executed"), got.get("full_year")
    if rate is None or done is None or not budget:
        return None
    return is_share(done, budget, rate, _POINT) or is_share(done, budget, rate * 100, _POINT)


def _score_over(got: Mapping[str | None, Decimal | None]) -> bool:
    """Whether a row's 得分 passes its 分值 (no reading of a row gives that)."""
    weight, score = got.get("weight"), got.get("score")
    return weight is not None and score is not None and score > weight


def rate_agrees(cells: Sequence[str], roles: Sequence[str | None]) -> bool:
    """Whether a funds row's 执行率 is its 执行数 / 预算数 (as a percent or a ratio)."""
    return bool(_rate_of({r: _number(c) for r, c in zip(roles, cells, strict=False) if r and c}))


def assign_funds(values: Sequence[str], roles: Sequence[str | None]) -> list[str]:
    """The cells of a funds row (年度资金总额 880 880 880 10 10) under the funds table's
    columns when the text lost its empty cells: every order-keeping choice of columns is
    tried, and the one whose cells fit best and agree with each other wins (执行率 =
    执行数 / 预算数, 得分 ≤ 分值). Under last year's column beside this year's (上年度安排资金),
    fewer figures than columns are put nowhere: which year's each is, nothing says."""
    from itertools import combinations

    m, n = len(roles), len(values)
    if n > m and (surplus := _surplus_amounts(values, roles)) is not None:
        return surplus
    if n >= m:
        return list(values[:m])
    if "previous" in roles:
        return [""] * m  # (last year's column beside this year's: a figure may be either's)
    best: tuple[float, tuple[int, ...]] | None = None
    for cols in combinations(range(m), n):
        cost = sum(fit(roles[j], v) for j, v in zip(cols, values, strict=True))
        got = {roles[j]: _number(v) for j, v in zip(cols, values, strict=True)}
        agrees = _rate_of(got)
        if agrees is not None:
            cost += -3.0 if agrees else 2.0
        if _score_over(got):
            cost += 2.0
        if best is None or cost < best[0]:
            best = (cost, cols)
    cells = [""] * m
    if best is not None:
        for j, v in zip(best[1], values, strict=True):
            cells[j] = v
    return cells


AMOUNT_COLUMNS = ("initial", "full_year", "executed")
"""A funds table's amount columns, in the order its header keeps them (年初 | 全年 | 执行数)."""


def _surplus_amounts(values: Sequence[str], roles: Sequence[str | None]) -> list[str] | None:
    """More figures than columns (28.1 28.1 28.1 28.1 10 100% 10 under 年初预算数 | 全年预算数 |
    全年执行数 | 分值 | 执行率 | 得分): the columns after the amounts keep their places from the
    row's end, and the amounts before them, more than their columns, are read only where they
    are all one figure (whichever is the extra one, each column reads the same); the row's
    执行率 must be its 执行数 / 预算数. ``None`` otherwise (nothing says which one is extra)."""
    k = 0
    while k < len(roles) and roles[k] in AMOUNT_COLUMNS:
        k += 1
    rest = len(roles) - k
    amounts = values[: len(values) - rest]
    if not k or len(set(amounts)) != 1 or _number(amounts[0]) is None:
        return None
    cells = [amounts[0]] * k + list(values[len(values) - rest :])
    got: dict[str | None, Decimal | None] = {
        r: _number(c) for r, c in zip(roles, cells, strict=True)
    }
    if _rate_of(got) is False or _score_over(got):
        return None
    return cells


_FUSED = re.compile(r"[\d.]{5,30}[%％]")
_FIGURE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d{1,4})?")
_RATE = re.compile(r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?")


def unfused(text: str, weighted: bool = False, initial: bool = False) -> list[str] | None:
    """A funds row's 预算数, 执行数 and 执行率 run together (40004000100% = 4000 | 4000 |
    100%; ``weighted``: with the 分值 between 执行数 and 执行率, 202010100.00% = 20 | 20 | 10 |
    100.00%, the 分值 at most 100; ``initial``: after the 年初预算数, 64.864.864.8100% = 64.8 |
    64.8 | 64.8 | 100%): the one split into well-formed figures whose rate is 执行数 / 预算数,
    or ``None`` when there is none or more than one."""
    t = "".join(text.split())
    if not _FUSED.fullmatch(t) or len(t) < 6:
        return None
    if not initial:
        found = _unfused(t, weighted)
    else:  # (the 年初预算数 is any well-formed figure before a split of the rest)
        heads = [k for k in range(1, len(t) - 6) if _FIGURE.fullmatch(t[:k])]
        found = [[t[:k], *rest] for k in heads for rest in _unfused(t[k:], weighted)]
    return found[0] if len(found) == 1 else None


def _unfused(t: str, weighted: bool) -> list[list[str]]:
    digits = t[:-1]
    found: list[list[str]] = []
    for i in range(1, len(digits) - 1):
        for j in range(i + 1, len(digits)):
            for k in range(j + 1, len(digits)) if weighted else (j,):
                a, b, w, r = digits[:i], digits[i:j], digits[j:k], digits[k:]
                if not (_FIGURE.fullmatch(a) and _FIGURE.fullmatch(b) and _RATE.fullmatch(r)):
                    continue
                if weighted and not (_RATE.fullmatch(w) and 0 < float(w) <= 100):
                    continue  # (a 分值 has two decimals at most: 12.3410 is a cut astray)
                if not (float(a) and float(b) and float(r)):
                    continue  # (nothing spent at a 0% rate fits any run of zeros: not a reading)
                if abs(float(b) / float(a) * 100 - float(r)) <= 0.5:
                    found.append([a, b, *([w] if weighted else []), r + "%"])
    return found


def rate_unfused(text: str, budget: str) -> list[str] | None:
    """A funds row's 执行数 and 执行率 run together after its 预算数 written apart (50万元 |
    47.6895.00% = 47.68 | 95.00%): the one split into a well-formed amount and rate whose rate
    is 执行数 / ``budget``, or ``None`` when there is none or more than one."""
    t = "".join(text.split())
    base = _number(budget)
    if not _FUSED.fullmatch(t) or not base:
        return None
    digits = t[:-1]
    found: list[list[str]] = []
    for i in range(1, len(digits)):
        done, rate = digits[:i], digits[i:]
        if not (_FIGURE.fullmatch(done) and _RATE.fullmatch(rate)) or not float(rate):
            continue
        if abs(float(done) / float(base) * 100 - float(rate)) <= 0.5:
            found.append([done, rate + "%"])
    return found[0] if len(found) == 1 else None
