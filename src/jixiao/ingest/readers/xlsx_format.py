"""A workbook cell's value as its sheet shows it: the number format applied.

Finance systems write a rate as the number 0.95 formatted ``0%`` and an amount as 12537 with
``#,##0.00``; a person reads 95% and 12537.00, so Jixiao reads what the sheet shows, never the
bare stored number (0.95 read as a target is a wrong row). Applied: the positive section of the
format, its decimals (Excel's rounding, half up), ``%`` (the value × 100), and its literal text
before and after the number (``"≥"0%``, ``0"人"``, ``0.0\\%``). Not applied: thousands separators
(readers take the figure either way), colours and locales (``[Red]``, ``[$-804]``), padding and
fill (``_)``, ``*-``) and scientific notation (the stored number is kept). ``General`` shows the
number without a float's noise (2047.4499999999998 is 2047.45). Dates as the sheet's Chinese
date when its format has 年, else ISO (the time only when it is not midnight).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, localcontext

_BRACKETS = re.compile(r"\[[^\]]*\]")
_TOKEN = re.compile(r'"([^"]*)"|\\(.)|[_*].|([0#?][0#?,]*(?:\.[0#?]*)?)|(.)', re.DOTALL)
_CODE_ONLY = frozenset("@Ee+,")  # text placeholder, exponent, separators: not shown as such
_GENERAL_DIGITS = 15  # Excel keeps 15 significant digits: beyond them is a float's noise
_PRECISION = 400  # digits enough for any float written out in full (1.8e308) and its decimals


def shown(value: object, number_format: str | None) -> str:
    """``value`` as a cell formatted ``number_format`` shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime | date | time):
        return _date(value, number_format or "")
    if isinstance(value, int | float):
        with localcontext() as ctx:  # (1e30 written out needs more than the default 28 digits)
            ctx.prec = max(_PRECISION, len(str(value)) + 10)
            return _number(value, number_format or "General")
    return str(value)


def plain(value: float | int) -> str:
    """A number without a float's noise (``12.5``, ``100``, ``2047.45``); call it inside
    :func:`shown`'s precision (a float written out in full)."""
    d = Decimal(value) if isinstance(value, int) else Decimal(f"{value:.{_GENERAL_DIGITS}g}")
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")


def _number(value: float | int, number_format: str) -> str:
    section = _BRACKETS.sub("", number_format.split(";")[0])
    if section.strip().lower() in ("", "general", "@"):
        return plain(value)
    before: list[str] = []
    after: list[str] = []
    digits: str | None = None
    percent = False
    for quoted, escaped, placeholder, other in _TOKEN.findall(section):
        if placeholder:
            digits = digits or placeholder
            continue
        text = quoted or escaped or other
        if other == "%":
            percent = True
        elif other and other in _CODE_ONLY:
            continue
        (after if digits is not None else before).append(text)
    if digits is None:
        return plain(value)
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if percent:
        number *= 100
    places = len(digits.partition(".")[2])
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return "".join(before) + format(number, "f") + "".join(after)


def _date(value: datetime | date | time, number_format: str) -> str:
    if isinstance(value, time):
        return value.isoformat()
    day = value.date() if isinstance(value, datetime) else value
    if "年" in number_format:
        text = f"{day.year}年{day.month}月"
        return text + f"{day.day}日" if "d" in number_format.lower() else text
    if isinstance(value, datetime) and value.time() != time(0):
        return value.isoformat(sep=" ")
    return day.isoformat()
