"""The inflated size of a PDF's compressed streams, measured before pdfminer inflates them.

pdfminer inflates each Flate stream whole in memory, so a 1 MB file of zeros compressed a
thousandfold takes gigabytes. Every stream (``stream`` keyword, then a zlib header) is
inflated here in bounded pieces and only counted; once the total passes ``inflated_mb`` the
file is refused. Linear in what is inflated, constant memory.
"""

from __future__ import annotations

import re
import zlib

from ...limits import Limits, exceeded

_STREAM = re.compile(rb"stream\r?\n")
_PIECE = 1 << 20  # inflate at most this much at a time
_FEED = 1 << 16  # compressed bytes fed at a time


def check(data: bytes, name: str, limits: Limits) -> None:
    """Raise :class:`~jixiao.errors.LimitError` when the streams inflate past the limit."""
    budget = limits.inflated_mb << 20
    view = memoryview(data)
    for m in _STREAM.finditer(data):
        start = m.end()
        if start + 2 > len(data) or (data[start] & 0x0F) != 8:  # not a zlib header
            continue
        budget -= _inflated(view, start, budget)
        if budget < 0:
            raise exceeded("inflated_mb", limits.inflated_mb, name)


def _inflated(view: memoryview, start: int, budget: int) -> int:
    """Bytes the zlib stream at ``start`` inflates to, counted up to ``budget`` + 1."""
    inflater = zlib.decompressobj()
    total = 0
    pos = start
    try:
        while pos < len(view) and not inflater.eof:
            feed = inflater.unconsumed_tail or bytes(view[pos : pos + _FEED])
            if not inflater.unconsumed_tail:
                pos += _FEED
            total += len(inflater.decompress(feed, _PIECE))
            if total > budget:
                return total
            while inflater.unconsumed_tail and not inflater.eof:
                total += len(inflater.decompress(inflater.unconsumed_tail, _PIECE))
                if total > budget:
                    return total
    except zlib.error:
        pass  # not zlib after all, or broken: pdfminer decides what to make of it
    return total
