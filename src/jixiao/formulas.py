"""Formula-looking text in exported CSV cells, neutralised as OWASP recommends, and back.

A spreadsheet program opening a CSV runs a cell starting with ``=``, ``+``, ``-`` or ``@`` as a
formula (``=HYPERLINK(…)``, ``+cmd|…``), and tab or carriage return can hide such a start. So
the CSV and Data Package exporters write a text cell that starts with one of these (after any
apostrophes) with one more apostrophe in front, which spreadsheets show as text; numbers
(``-12.5``) and a sign alone (``=`` as a comparator, ``-`` for no value: no formula is one
character long) are left as they are. Jixiao's CSV reader takes that one apostrophe off again, so a
round trip gives the original text back exactly (a text that itself starts with ``'=`` is
written ``''=`` and read as ``'=``).
"""

from __future__ import annotations

import re

_RISKY = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def neutralise(value: object) -> object:
    """``value`` as safe to write into a CSV cell: formula-looking text gets a leading ``'``."""
    if (
        isinstance(value, str)
        and len(value) > 1
        and _RISKY.match(value)
        and not _NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def restore(cell: str) -> str:
    """A cell read from CSV with the apostrophe :func:`neutralise` added taken off."""
    return cell[1:] if _QUOTED.match(cell) else cell
