"""Garbled text: glyphs that pdfplumber cannot map to characters, read again with pypdfium2.

A font without a ``/ToUnicode`` map (common in Chinese official PDFs) gives pdfplumber (pdfminer)
``(cid:NNN)`` or U+FFFD instead of characters. pypdfium2 maps some such fonts where pdfminer
does not (for example CIDs in a Unicode ordering, Adobe-UCS). A page with such glyphs is read
again: each garbled glyph takes pypdfium2's character at the same place (its box's left and
bottom edge), so tables and words keep their positions. pypdfium2 gives the character code
itself where it cannot map a glyph either: a control character, a private-use character, or
a letter of a script a Chinese table does not use (Hangul, Latin Extended, CJK Extension A…);
such characters are not taken. If more than a few glyphs of the page stay unreadable, the page
cannot be read and the file fails, naming the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...errors import ParseError
from ...model import NoteLevel

_GARBLED = re.compile(r"^\(cid:\d+\)$|\ufffd")
REPLACEMENT = "\ufffd"

# Blocks a Chinese table's characters come from: ASCII, Latin-1 signs, Greek, punctuation,
# letterlike and number forms, arrows, maths, enclosed numbers, shapes and symbols, CJK
# punctuation, kana, enclosed CJK and CJK compatibility (㎡), CJK ideographs, full-width forms.
_PLAUSIBLE = (
    (0x20, 0x7E),
    (0xA0, 0xBF),
    (0xD7, 0xD7),
    (0xF7, 0xF7),
    (0x391, 0x3C9),
    (0x2000, 0x2BFF),
    (0x3000, 0x30FF),
    (0x3200, 0x33FF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
)


def plausible(ch: str) -> bool:
    return len(ch) == 1 and any(lo <= ord(ch) <= hi for lo, hi in _PLAUSIBLE)


def _at(found: dict[tuple[float, float], str], x: float, y: float) -> str | None:
    """The character whose box starts at (x, y), allowing for a rounding difference."""
    x, y = round(x, 1), round(y, 1)
    for dx in (0.0, -0.1, 0.1):
        for dy in (0.0, -0.1, 0.1):
            ch = found.get((round(x + dx, 1), round(y + dy, 1)))
            if ch is not None:
                return ch
    return None


def _tolerated(total: int) -> int:
    """How many unreadable glyphs a page may keep (replaced by U+FFFD, with a warning)."""
    return max(3, total // 50)


@dataclass(slots=True)
class Rereader:
    """Re-reads garbled pages of one PDF through pypdfium2 (opened once, when first needed)."""

    data: bytes
    source: str
    pages: list[int] = field(default_factory=list)  # pages re-read
    unreadable: dict[int, int] = field(default_factory=dict)  # page → glyphs kept as U+FFFD
    _pdf: Any = None

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None

    def check(self, page: Any, number: int) -> None:
        """Fix the garbled glyphs of ``page`` (page ``number``) in place, or fail."""
        chars: list[dict[str, Any]] = page.chars
        garbled = [c for c in chars if _GARBLED.search(c["text"])]
        if not garbled:
            return
        found = self._pdfium_chars(number)
        missing = 0
        for c in garbled:
            ch = _at(found, float(c["x0"]), float(c["y0"]))
            if ch is not None and plausible(ch):
                c["text"] = ch
            else:
                c["text"] = REPLACEMENT
                missing += 1
        if missing > _tolerated(len(chars)):
            raise ParseError(
                f"第 {number} 页的文字无法提取：字体缺少 Unicode 映射，"
                f"pdfplumber 和 pypdfium2 都读不出（{missing} 处乱码）",
                source=self.source,
                expected="文字可复制的 PDF，或先用 OCR 转成文本",
            )
        self.pages.append(number)
        if missing:
            self.unreadable[number] = missing

    def _pdfium_chars(self, number: int) -> dict[tuple[float, float], str]:
        """pypdfium2's characters of page ``number`` by the left and bottom of their box."""
        import pypdfium2 as pdfium  # lazily: only garbled pages need it
        import pypdfium2.raw as pdfium_c

        if self._pdf is None:
            self._pdf = pdfium.PdfDocument(self.data)
        page = self._pdf[number - 1]
        textpage = page.get_textpage()
        try:
            out: dict[tuple[float, float], str] = {}
            for k in range(textpage.count_chars()):
                if pdfium_c.FPDFText_IsGenerated(textpage.raw, k):
                    continue  # a space or line break pdfium adds between words and lines
                ch = textpage.get_text_range(k, 1)
                if not ch:
                    continue
                left, bottom, _, _ = textpage.get_charbox(k, loose=True)
                out.setdefault((round(left, 1), round(bottom, 1)), ch)
            return out
        finally:
            textpage.close()
            page.close()

    def notes(self) -> list[tuple[NoteLevel, str, str]]:
        """(level, code, message) for the document."""
        out: list[tuple[NoteLevel, str, str]] = []
        if self.pages:
            listed = "、".join(str(n) for n in self.pages)
            out.append(
                (
                    "info",
                    "pdf.text_reread",
                    f"第 {listed} 页的字体缺少 Unicode 映射，文字改由 pypdfium2 读取",
                )
            )
        for number, count in self.unreadable.items():
            out.append(
                (
                    "warning",
                    "pdf.glyphs_unreadable",
                    f"第 {number} 页有 {count} 个字符无法识别，记为“{REPLACEMENT}”",
                )
            )
        return out
