"""Bytes → text for the tabular text readers (CSV, HTML, web-page text).

Tables exported by spreadsheet programs and saved from web pages in China are often GB18030;
these readers accept UTF-8 (with or without BOM) and fall back to GB18030 when the bytes are
Chinese text in it beyond doubt (:func:`jixiao.ingest.encoding.decode_text`), saying so in a note.
"""

from __future__ import annotations

from ..encoding import GB18030_NOTE, decode_text
from ..grid import GridNote


def read_text(
    data: bytes, name: str, encoding: str | None, *, markup: bool = False
) -> tuple[str, list[GridNote]]:
    """The text of ``data`` and the notes on how it was decoded (``markup``: HTML)."""
    text, guessed = decode_text(data, name, encoding, markup=markup)
    if guessed is None:
        return text, []
    return text, [GridNote("info", f"encoding.{guessed}", GB18030_NOTE)]


def peek(data: bytes, limit: int = 65536) -> str:
    """The start of ``data`` as text, for sniffers (never raises)."""
    head = data[:limit]
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return head.decode(enc)
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:  # a character cut at the limit
                return head[: exc.start].decode(enc, errors="replace")
    return head.decode("utf-8", errors="replace")
