"""Exact numbers in the store: the exact-decimal column type and how values are bound and read.

Every money and target value is a pair of columns:

* ``total`` (:class:`ExactDecimal`) — the number, exact and computable in SQL: ``NUMERIC(30, 6)``
  on PostgreSQL, an ``INTEGER`` of micro-units (value × 10⁶) on SQLite. ``sum()``, ``<`` and
  ``>`` in SQL are exact on both; nothing is ever a float (on SQLite a ``sum()`` past
  9.2 × 10¹² fails with "integer overflow" instead of rounding; use ``total()`` knowingly).
* ``total_text`` — the same value as written, ``str(Decimal)``: ``"12537.00"``, ``"0.5"``,
  ``"1.64E+9"``.

Why the text: a number column keeps the *value* but not the *scale* (``12537.00`` and ``12537``
are the same NUMERIC(30, 6) and the same micro-unit integer), and the interchange JSON keeps
the scale. Reading back, the number is the truth and the text only restores how it was written:
:func:`exact` returns ``Decimal(text)`` when it equals the number, else the number itself (so a
hand edit of the number column in SQL still wins). This keeps ``to_dict(load(id)) ==
to_dict(doc)`` for every document, keeps the columns readable in datasette, and needs no
decoding of packed scales. A separate integer "scale" column would be smaller but loses the
sign of ``-0`` and reads worse; the text costs a few bytes per value.

The number column bounds what can be stored, identically on both databases: at most 6
decimals that are not zero, and at most ``(2⁶³ − 1) / 10⁶`` ≈ 9.2 × 10¹² in magnitude (the
SQLite integer). Anything else raises :class:`~jixiao.errors.StoreError` before a row of
the document is written. Composite ``parts`` are JSON text of
``interchange.target_to_dict(part, part=True)``, whose values are decimal strings, so they
are exact too (and not bounded).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import BigInteger, Dialect, Numeric, TypeDecorator
from sqlalchemy.types import TypeEngine

from ..errors import StoreError

SCALE = 6
"""Decimals kept by the number columns (micro-units)."""

MAX_MICRO = 2**63 - 1
MAX_VALUE = Decimal(MAX_MICRO).scaleb(-SCALE)
_MILLION = Decimal(10**SCALE)
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)  # arithmetic that never rounds
_WIDE = Context(prec=60)  # wide enough for any stored value


def to_micro(value: Decimal) -> int:
    """``value`` × 10⁶ as an ``int``; :class:`StoreError` if that is not exact or too large.

    Trailing zeros do not count as decimals (``0.50000000`` is 500000 micro-units, and its
    text keeps the zeros); digits that would be lost do.
    """
    if value.adjusted() < 14:  # else far out of range: no need to build a huge int
        try:
            micro = _EXACT.multiply(value, _MILLION)
            whole = int(micro)
        except (ArithmeticError, ValueError):  # NaN, sNaN, Infinity
            raise StoreError(f"数值 {value} 不是有限的数，无法入库") from None
        if whole != micro:
            raise StoreError(f"数值 {value} 的小数超过 {SCALE} 位，无法精确入库")
        if -MAX_MICRO <= whole <= MAX_MICRO:
            return whole
    raise StoreError(f"数值 {value} 超出可存储的范围（绝对值不超过 {MAX_VALUE}）")


def checked(value: Decimal) -> Decimal:
    """``value`` itself, once :func:`to_micro` agrees it can be stored."""
    to_micro(value)
    return value


def binder(dialect_name: str) -> Callable[[Decimal], Any]:
    """How an :class:`ExactDecimal` value is bound on a dialect: micro-units on SQLite, the
    checked Decimal elsewhere. Shared by the column type and the bulk insert of the store."""
    return to_micro if dialect_name == "sqlite" else checked


def tidy(value: Decimal) -> Decimal:
    """A stored number without trailing zeros after the point: ``12537.000000`` → ``12537``."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1), context=_WIDE)
    return value.normalize(_WIDE)


def from_micro(value: Any) -> Decimal:
    """A number column's value as SQLite stores it (micro-units) as a decimal, trailing
    zeros kept (:func:`tidy` drops them)."""
    return Decimal(int(value)).scaleb(-SCALE, _WIDE)


def exact(number: Decimal | None, text: str | None) -> Decimal | None:
    """The value of a number column (as the column type returns it, or with trailing zeros,
    see :mod:`.loading`), written as in its text column where they agree."""
    if number is None:
        return None
    if text is not None:
        try:
            written = Decimal(text)
        except InvalidOperation:
            return tidy(number)
        if written == number:
            return written
    return tidy(number)


class ExactDecimal(TypeDecorator[Decimal]):
    """An exact decimal: ``NUMERIC(30, 6)`` on PostgreSQL, micro-units ``INTEGER`` on SQLite.

    Binds :class:`~decimal.Decimal` (raising :class:`StoreError` for values that do not fit,
    see :func:`to_micro`); returns :class:`~decimal.Decimal` without trailing zeros (the
    written form is in the paired ``*_text`` column).
    """

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(30, SCALE, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return binder(dialect.name)(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return tidy(from_micro(value))
        return tidy(Decimal(value))
