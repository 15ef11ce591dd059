"""PDF tables: ruled tables in the official layout, or PDF text in the numbered layout.

Text comes from pdfplumber; a page whose text is ``(cid:NNN)`` or U+FFFD (a font without a
ToUnicode map, common in Chinese official PDFs) is read again from pypdfium2's text layer, and
fails naming the page if that is no better. Ruled tables are read by their lines; a row split
over two pages (its fragments have no closing rule) is closed by the table's own extent and
joined back to the row it continues.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ..errors import ParseError
from ..model import Document
from .official import Cell, goal_column, header_index, parse_official
from .text_layout import parse_text

_BAD_TEXT = re.compile(r"\(cid:\d+\)|\ufffd")


def sniff(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


def _page_text(page: Any, number: int, data: bytes, source: str) -> str:
    text: str = page.extract_text() or ""
    if not _BAD_TEXT.search(text):
        return text
    import pypdfium2 as pdfium  # lazily: only broken text layers need it

    pdf = pdfium.PdfDocument(data)
    try:
        text = pdf[number - 1].get_textpage().get_text_range()
    finally:
        pdf.close()
    bad = len(_BAD_TEXT.findall(text))
    if bad > max(3, len(text) // 50):
        raise ParseError(
            f"第 {number} 页的文字无法提取（字体缺少 Unicode 映射，{bad} 处乱码）",
            source=source,
            expected="文字可复制的 PDF，或先用 OCR 转成文本",
        )
    return text


def _tables(page: Any) -> list[list[list[Cell]]]:
    vertical = [e for e in page.edges if e["orientation"] == "v"]
    if not vertical:
        return []
    extent = [min(e["top"] for e in vertical), max(e["bottom"] for e in vertical)]
    return [
        [list(row) for row in table]
        for table in page.extract_tables(
            {"explicit_horizontal_lines": extent, "text_keep_blank_chars": True}
        )
    ]


def _join_fragments(rows: list[list[Cell]], text_from: int) -> list[list[Cell]]:
    """Rows continuing the previous one (empty name and amount cells) merged into it."""
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


def read_pdf(data: bytes, source: str, year: int | None) -> list[Document]:
    import pdfplumber  # lazily: only PDFs need it

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types for a broken file
        raise ParseError(f"无法打开 PDF：{exc}", source=source, expected="完整的 PDF 文件") from exc
    with pdf:
        texts: list[str] = []
        rows: list[list[Cell]] = []
        preamble: list[str] = []
        for number, page in enumerate(pdf.pages, start=1):
            texts.append(_page_text(page, number, data, source))
            for table in _tables(page):
                if not rows and header_index(table) is not None:
                    # the title and 部门名称 lines above the table (a running page header
                    # repeating the title is printed first: keep each line once)
                    above = texts[-1].split("项目名称", 1)[0]
                    preamble = list(dict.fromkeys(ln for ln in above.splitlines() if ln.strip()))
                for row in table:
                    if rows and header_index([row]) == 0:
                        continue  # the column header repeated on this page
                    rows.append(row)
    goal_col = goal_column(rows)
    if goal_col is not None:
        doc = parse_official(_join_fragments(rows, goal_col), source, preamble=preamble, year=year)
        if doc is not None:
            return [doc]
    text = "\n".join(texts)
    if not text.strip():
        raise ParseError(
            "PDF 中没有可提取的文字（可能是扫描件）",
            source=source,
            expected="文字可复制的 PDF，或先用 OCR 转成文本",
        )
    return [parse_text(text, source, year=year)]
