"""Figures as tables print them, and the one check readers prove a reading by: that a rate or a
share is one amount divided by another (执行率 = 执行数 / 预算数, 占比 = 金额 / 合计).

Readers use it where the text lost what a person sees (empty cells, separators, reading order)
and only the arithmetic can say which figure is which; each caller states how far a printed
rate may be off (``slack``), since a rate printed to whole percents is a rounder figure than
one printed to hundredths."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_FIGURE = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)[%％]")


def figure(text: str) -> Decimal | None:
    """A figure as printed (3, 20000.00, 8,827,620.53; whitespace ignored), else ``None``: no
    sign, no unit, no percent."""
    t = "".join(text.split())
    if not _FIGURE.fullmatch(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:  # pragma: no cover (the pattern admits only figures)
        return None


def percent(text: str) -> Decimal | None:
    """A percentage as printed (86.19%, 100％; whitespace ignored): its figure, else ``None``."""
    m = _PERCENT.fullmatch("".join(text.split()))
    return Decimal(m.group(1)) if m else None


def half_unit(printed: Decimal) -> Decimal:
    """Half a unit of the last place ``printed`` shows (99 → 0.5, 86.19 → 0.005): how far a
    figure rounded to its printed places may be from the exact one."""
    exponent = printed.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Decimal(5) / Decimal(10) ** (places + 1)


def is_share(part: Decimal, whole: Decimal, rate: Decimal, slack: Decimal) -> bool:
    """Whether ``rate`` (a percent) is ``part`` / ``whole``, within ``slack`` percentage points;
    never for a ``whole`` of nothing."""
    return bool(whole) and abs(part * 100 / whole - rate) <= slack
