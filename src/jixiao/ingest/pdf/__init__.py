"""PDF input: tables by their rules or by their words' positions, or the numbered text layout.

A PDF is read by the first of these that finds its table:

1. ruled tables in the official layout (项目名称 / 总计 / … / 绩效目标 / 绩效指标, Jixiao's own
   export among them), back through :mod:`..official`;
2. ruled row-per-indicator tables (一级指标 | 二级指标 | 三级指标 | 指标值 …), by their lines
   (:mod:`.ruled`); ruled tables none of whose rows alone is such a header (a header over two
   rows, a tree of names under 项目) are read so too when the interpreter finds indicators;
3. unruled row-per-indicator tables, by the positions of their words (:mod:`.words`);
4. the page text as the numbered text layout (:mod:`..text_layout`).

Tables of 2 and 3 become :class:`~jixiao.ingest.grid.Grid` objects for the one table
interpreter (:func:`~jixiao.ingest.table.interpret`); a row's line number is its page, so notes
and errors name the page. Garbled glyphs (fonts without a Unicode map) are read again with
pypdfium2 first (:mod:`.glyphs`).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...errors import JixiaoError, ParseError
from ...limits import Limits
from ...model import Document, Note
from ..grid import Grid
from ..official import Cell, goal_column, header_index, parse_official
from ..table import interpret
from ..text_layout import parse_text
from . import inflate, ruled, words
from .glyphs import Rereader

__all__ = ["read_pdf", "sniff"]

_SCANNED = "文字可复制的 PDF，或先用 OCR 转成文本"
_UNRULED = "带框线的 PDF，或原表格（Excel、Word、网页）"


def sniff(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


@dataclass(slots=True)
class _Page:
    number: int
    page: Any
    text: str
    tables: list[ruled.Ruled]
    _words: words.Page | None = field(default=None)

    def words(self) -> words.Page:
        if self._words is None:
            self._words = words.read_page(self.page)
        return self._words


def read_pdf(
    data: bytes, source: str, year: int | None, limits: Limits | None = None
) -> list[Document]:
    """The document in a PDF. Its compressed streams, pages and each page's lines are measured
    against ``limits`` before pdfminer inflates, lays out or searches them for tables."""
    import pdfplumber  # lazily: only PDFs need it

    limits = limits or Limits.defaults()
    inflate.check(data, source, limits)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types for a broken file
        raise ParseError(f"无法打开 PDF：{exc}", source=source, expected="完整的 PDF 文件") from exc
    rereader = Rereader(data, source)
    try:
        pages = _pages(pdf, rereader, source, limits)
        doc = _read(pages, source, year)
    finally:
        _close(pdf, rereader)
    for level, code, message in reversed(rereader.notes()):
        doc.notes.insert(0, Note(level, code, message))
    return [doc]


def _close(pdf: Any, rereader: Rereader) -> None:
    """Close both readers; a malformed file can make closing raise, which must not hide the
    reading's own result or error."""
    for close in (pdf.close, rereader.close):
        with contextlib.suppress(Exception):  # nothing is left to read from it
            close()


def _pages(pdf: Any, rereader: Rereader, source: str, limits: Limits) -> list[_Page]:
    out = []
    number = 0
    try:
        limits.check("pages", len(pdf.pages), source)
        for number, page in enumerate(pdf.pages, start=1):
            drawn = len(page.lines) + len(page.rects) + len(page.curves)
            limits.check("ruling_lines", drawn, f"{source} 第 {number} 页")
            rereader.check(page, number)
            out.append(_Page(number, page, page.extract_text() or "", ruled.find(page)))
    except JixiaoError:
        raise
    except Exception as exc:  # pdfminer raises many types for a damaged page
        where = f"第 {number} 页" if number else "页面"
        raise ParseError(
            f"无法读取 PDF 的{where}：{exc}", source=source, expected="完整的 PDF 文件"
        ) from exc
    return out


_READS: list[Callable[[list[_Page], str, int | None], Document | None]] = []


def _read(pages: list[_Page], source: str, year: int | None) -> Document:
    for read in _READS:
        doc = read(pages, source, year)
        if doc is not None:
            return doc
    raise AssertionError("the text layout reads any text")  # pragma: no cover


def _layout(
    read: Callable[[list[_Page], str, int | None], Document | None],
) -> Callable[[list[_Page], str, int | None], Document | None]:
    _READS.append(read)
    return read


@_layout
def _official(pages: list[_Page], source: str, year: int | None) -> Document | None:
    rows: list[list[Cell]] = []
    preamble: list[str] = []
    for p in pages:
        for table in p.tables:
            if not rows and header_index(table.rows) is not None:
                # the title and 部门名称 lines above the table (a running page header
                # repeating the title is printed first: keep each line once)
                above = p.text.split("项目名称", 1)[0]
                preamble = list(dict.fromkeys(ln for ln in above.splitlines() if ln.strip()))
            for row in table.rows:
                if rows and header_index([row]) == 0:
                    continue  # the column header repeated on this page
                rows.append(list(row))
    goal_col = goal_column(rows)
    if goal_col is None:
        return None
    return parse_official(_join_fragments(rows, goal_col), source, preamble=preamble, year=year)


def _join_fragments(rows: list[list[Cell]], text_from: int) -> list[list[Cell]]:
    """Rows continuing the previous one (empty name and amount cells) merged into it: a row
    of the official layout split over two pages."""
    out: list[list[Cell]] = []
    for row in rows:
        head = [c for c in row[:text_from] if c not in (None, "")]
        if out and not head and any(c not in (None, "") for c in row[text_from:]):
            previous = out[-1]
            for k in range(text_from, len(row)):
                previous[k] = f"{previous[k] or ''}{row[k] or ''}"
            continue
        out.append(row)
    return out


@_layout
def _ruled(pages: list[_Page], source: str, year: int | None) -> Document | None:
    if not any(p.tables for p in pages):
        return None
    headed = ruled.indicator_tables([p.tables for p in pages])
    found = ruled.grids([(p.number, p.tables, p.words) for p in pages])
    if headed:
        return interpret(found, source, year=year)
    # No row alone is an indicator header (a tree of names under 项目, a header over two
    # rows): the grids as the HTML reader's, kept only when the interpreter finds indicators
    try:
        doc = interpret(found, source, year=year)
    except ParseError:
        return None
    return doc if doc.counts()["indicators"] else None


@_layout
def _unruled(pages: list[_Page], source: str, year: int | None) -> Document | None:
    grids: list[Grid] = []
    table: words.Table | None = None
    for p in pages:
        if not p.text.strip():
            continue
        found = words.read_unruled(p.words(), table)
        if found is None:
            continue
        if found.unclear:
            raise ParseError(
                f"第 {p.number} 页的表格没有框线，按文字位置分不清哪些行是一行："
                + "；".join(found.unclear[:3])
                + ("等" if len(found.unclear) > 3 else "")
                + "。为免读错，未读取此表",
                source=source,
                expected=_UNRULED,
            )
        lines = [p.number] * len(found.rows)
        if found.headed or not grids:
            grids.append(Grid.of(f"第 {p.number} 页", found.rows, lines))
        else:
            grids[-1].rows.extend(Grid.of("", found.rows).rows)
            grids[-1].lines.extend(lines)
        for text in found.left_out:
            grids[-1].note(
                "info", "text.after_table", f"跨列的文字“{text}”不在表格中，未读取", p.number
            )
        table = found.table
    if not grids:
        return None
    return interpret(grids, source, year=year)


@_layout
def _text(pages: list[_Page], source: str, year: int | None) -> Document:
    text = "\n".join(p.text for p in pages)
    if not text.strip():
        raise ParseError("PDF 中没有可提取的文字（可能是扫描件）", source=source, expected=_SCANNED)
    try:
        return parse_text(text, source, year=year)
    except ParseError as exc:
        where = f"提取出的文字第 {exc.line} 行：" if exc.line is not None else ""
        raise ParseError(
            "PDF 中没有含“三级指标”列的表格，按编号文本版式读取也不成：" + where + exc.message,
            source=source,
            expected=exc.expected,
        ) from exc
