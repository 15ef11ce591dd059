"""Exact numbers out of Chinese text: Chinese numerals → ``int``, magnitude units → base units.

Everything is integer or :class:`~decimal.Decimal` arithmetic (no floats), so ``16.4亿`` is
exactly 1640000000. Pure functions; the magnitude table is passed in by :mod:`jixiao.targets`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
CN_SMALL: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CN_BIG: dict[str, int] = {"万": 10**4, "亿": 10**8}
CN_CHARS = "".join((*CN_DIGITS, *CN_SMALL, *CN_BIG))


def chinese_to_int(text: str) -> int:
    """The value of a Chinese numeral: ``一千五百`` 1500, ``三千万`` 30000000, ``十二`` 12.

    Digits alone are read positionally (``二〇二五`` 2025); a digit after a multiplier of a
    hundred or more scales down colloquially (``一万五`` 15000, ``一千五`` 1500) unless a 零
    stands between (``一千零五`` 1005). Characters outside the numeral are ignored; never raises.
    """
    chars = [c for c in text if c in CN_CHARS]
    if chars and all(c in CN_DIGITS for c in chars):
        return int("".join(str(CN_DIGITS[c]) for c in chars))
    total = section = small = 0
    digit: int | None = None
    last_mult = 1
    zero = False
    for c in chars:
        if c in CN_DIGITS:
            digit = CN_DIGITS[c]
            zero = zero or digit == 0
        elif c in CN_SMALL:
            small += (digit if digit else 1) * CN_SMALL[c]
            digit, last_mult, zero = None, CN_SMALL[c], False
        else:
            group = small + (digit or 0)
            if group == 0 and section == 0 and total == 0:
                group = 1  # a bare 万 or 亿
            if c == "亿":
                total = (total + section + group) * CN_BIG[c]
                section = 0
            else:
                section = (section + group) * CN_BIG[c]
            small, digit, last_mult, zero = 0, None, CN_BIG[c], False
    tail = digit or 0
    if digit and not zero and last_mult >= 100:
        tail = digit * last_mult // 10
    return total + section + small + tail


def scale(value: Decimal, exponent: int) -> Decimal:
    """``value`` × 10**``exponent``, exactly (no context rounding); integral results are
    written without exponent (``Decimal('1640000000')``, not ``1.64E+9``)."""
    sign, digits, exp = value.as_tuple()
    if not isinstance(exp, int):  # NaN or infinity: nothing to scale
        return value
    out = Decimal((sign, digits, exp + exponent))
    return Decimal(int(out)) if exp + exponent >= 0 else out


def normalize(
    value: Decimal, unit: str | None, magnitudes: Mapping[str, int], base_units: frozenset[str]
) -> tuple[Decimal, str | None]:
    """Move a magnitude word from the unit into the value: (16.4, 亿元) → (1640000000, 元).

    The longest magnitude prefix is taken when the rest of the unit is empty, a base unit
    (千米 → 米) or a per-part (万/年/人 → /年/人); other units are returned as they are.
    """
    if not unit:
        return value, None
    for word in sorted(magnitudes, key=len, reverse=True):
        if unit.startswith(word):
            rest = unit[len(word) :]
            head = rest.split("/", 1)[0]
            if not rest or not head or head in base_units:
                return scale(value, magnitudes[word]), rest or None
    return value, unit
