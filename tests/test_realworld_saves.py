"""Every real fixture read again as other saves of the same page give it. Its text: line ends of
Windows, GBK and UTF-16 files, byte-order marks, spaces as no-break or ideographic spaces or
tabs, spaces left at line ends, and a page of ``|`` rows copied with a blank line after every
line. Its HTML re-creation: GBK with its charset only in the server's header, an old site's
layout table around the page, a word processor's markup in every cell, ``&nbsp;`` in empty
cells, capital tags, ``<th>`` header cells. Its Excel re-creation: figures stored as numbers
with the number formats finance systems give them (a rate 0.95 formatted ``0%``, an amount
``#,##0.00``), and so saved as a legacy ``.xls``. Each must read as the fixture does
(:mod:`tests.realworld`): none of these says anything about the table."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from jixiao.ingest import read_bytes
from jixiao.ingest.text_tokens import is_pipe_text

from . import realworld
from .test_realworld import KNOWN

_BETWEEN = re.compile(r"(?<=\S) +(?=\S)")

SAVES: dict[str, Callable[[str], bytes | None]] = {
    "windows-line-ends": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16": lambda t: t.encode("utf-16"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "no-break-spaces": lambda t: t.replace(" ", "\u00a0").encode("utf-8"),
    "ideographic-spaces": lambda t: t.replace(" ", "\u3000").encode("utf-8"),
    "tabs-between-cells": lambda t: "\n".join(
        _BETWEEN.sub("\t", ln) for ln in t.split("\n")
    ).encode("utf-8"),
    "spaces-at-line-ends": lambda t: "\n".join(
        ln + "  " if ln.strip() else ln for ln in t.split("\n")
    ).encode("utf-8"),
    "double-spaced-rows": lambda t: (
        t.replace("\n", "\n\n").encode("utf-8") if is_pipe_text(t.split("\n")) else None
    ),
}


_CELL = re.compile(r"(<td[^>]*>)(.*?)(</td>)", re.DOTALL)


def _cells(page: str, change: Callable[[str], str]) -> str:
    return _CELL.sub(lambda m: m.group(1) + change(m.group(2)) + m.group(3), page)


def _word(cell: str) -> str:
    if not cell.strip():
        return "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
    return (
        '<p class=MsoNormal align=center style="text-align:center"><span lang=EN-US '
        f'style="font-size:9.0pt;font-family:宋体">{cell}<o:p></o:p></span></p>'
    )


PAGES: dict[str, Callable[[str], bytes]] = {
    "gbk-no-charset": lambda h: h.replace('<meta charset="utf-8">', "").encode("gb18030"),
    "gbk-charset": lambda h: h.replace('charset="utf-8"', 'charset="gb2312"').encode("gb18030"),
    "layout-table": lambda h: (
        h.replace(
            "<table", '<table width="100%"><tr><td>首页 | 政务公开</td></tr><tr><td><table', 1
        )
        .replace("</table>", "</table></td></tr><tr><td>版权所有</td></tr></table>", 1)
        .encode("utf-8")
    ),
    "word-cells": lambda h: _cells(h, _word).encode("utf-8"),
    "nbsp-empty-cells": lambda h: _cells(h, lambda c: c if c.strip() else "&nbsp;").encode(),
    "capital-tags": lambda h: re.sub(
        r"</?(?:table|tr|td)\b", lambda m: m.group(0).upper(), h
    ).encode("utf-8"),
    "th-header": lambda h: re.sub(
        r"<tr>(.*?)</tr>",
        lambda m: "<tr>" + m.group(1).replace("<td", "<th").replace("</td>", "</th>") + "</tr>",
        h,
        count=2,
        flags=re.DOTALL,
    ).encode("utf-8"),
}


def _fixtures(shape: str) -> list[str]:
    return [
        f
        for f in realworld.fixtures()
        if (realworld.HERE / f"{f}.{shape}").exists()
        and f not in KNOWN.get(shape, ())
        and realworld.expected(f)["kind"] != "monitor"
    ]


def _reads_as_expected(fixture: str, save: str, data: bytes, name: str) -> None:
    """``data``, one save of ``fixture`` (named ``name``), reads as its expected file says."""
    tally = realworld.measure(fixture, save, lambda: read_bytes(data, name))
    assert tally.ok, f"{save}:\n" + "\n".join(tally.problems)


@pytest.mark.parametrize("fixture", _fixtures("txt"))
def test_other_saves_of_the_page_read_the_same(fixture: str) -> None:
    path = realworld.HERE / f"{fixture}.txt"
    text = path.read_text("utf-8")
    for save, make in SAVES.items():
        data = make(text)
        if data is None:
            continue
        _reads_as_expected(fixture, save, data, str(path))


@pytest.mark.parametrize("fixture", _fixtures("html"))
def test_other_pages_of_the_publisher_read_the_same(fixture: str) -> None:
    path = realworld.HERE / f"{fixture}.html"
    page = path.read_text("utf-8")
    for save, make in PAGES.items():
        data = make(page)
        _reads_as_expected(fixture, save, data, str(path))


_PERCENT = re.compile(r"^(\d+(?:\.(\d+))?)%$")
_FIGURE = re.compile(r"^[1-9]\d{0,9}(?:\.(\d+))?$")


def _stored_as_numbers(data: bytes, amounts: str) -> bytes:
    """The workbook with its percentages and figures stored as numbers, formatted to show
    what the text cells held (95% as 0.95 in ``0%``; 880 in ``amounts``)."""
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                text = cell.value.strip() if isinstance(cell.value, str) else ""
                if m := _PERCENT.match(text):
                    places = len(m.group(2) or "")
                    cell.value = float(m.group(1)) / 100
                    cell.number_format = "0" + ("." + "0" * places if places else "") + "%"
                elif m := _FIGURE.match(text):
                    places = len(m.group(1) or "")
                    cell.value = float(text) if places else int(text)
                    cell.number_format = amounts + ("." + "0" * places if places else "")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("fixture", _fixtures("xlsx"))
def test_workbooks_with_figures_stored_as_numbers_read_the_same(fixture: str) -> None:
    path = realworld.HERE / f"{fixture}.xlsx"
    for amounts in ("0", "#,##0"):
        data = _stored_as_numbers(path.read_bytes(), amounts)
        _reads_as_expected(fixture, amounts, data, str(path))


def _legacy(data: bytes) -> bytes:
    """The workbook saved as a legacy ``.xls`` (xlwt): its values, number formats and merged
    ranges."""
    import xlwt  # type: ignore[import-untyped]

    book = load_workbook(io.BytesIO(data))
    legacy = xlwt.Workbook()
    styles: dict[str, Any] = {}
    for sheet in book.worksheets:
        out = legacy.add_sheet(sheet.title)
        merged = {(r.min_row, r.min_col): r for r in sheet.merged_cells.ranges}
        inside = {
            (row, col)
            for r in sheet.merged_cells.ranges
            for row in range(r.min_row, r.max_row + 1)
            for col in range(r.min_col, r.max_col + 1)
        }
        for row in sheet.iter_rows():
            for cell in row:
                key = (cell.row, cell.column)
                if cell.value is None and key not in merged:
                    continue
                fmt = cell.number_format or "General"
                style = styles.setdefault(fmt, xlwt.easyxf(num_format_str=fmt))
                value = "" if cell.value is None else cell.value
                if key in merged:
                    r = merged[key]
                    out.write_merge(
                        r.min_row - 1, r.max_row - 1, r.min_col - 1, r.max_col - 1, value, style
                    )
                elif key not in inside:
                    out.write(cell.row - 1, cell.column - 1, value, style)
    saved = io.BytesIO()
    legacy.save(saved)
    return saved.getvalue()


def _indented(path: Path) -> bool:
    """A workbook holding an indentation tree (cells indented by their style), which the
    legacy reader does not see (calamine gives no styles): not saved as ``.xls`` here."""
    book = load_workbook(path)
    return any(c.alignment.indent for s in book.worksheets for row in s.iter_rows() for c in row)


@pytest.mark.parametrize(
    "fixture", [f for f in _fixtures("xlsx") if not _indented(realworld.HERE / f"{f}.xlsx")]
)
def test_workbooks_saved_as_legacy_xls_read_the_same(fixture: str) -> None:
    path = realworld.HERE / f"{fixture}.xlsx"
    data = _legacy(_stored_as_numbers(path.read_bytes(), "#,##0"))
    _reads_as_expected(fixture, "xls", data, f"{fixture}.xls")
