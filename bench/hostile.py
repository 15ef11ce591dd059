"""Hostile and broken inputs, made on demand (no large binaries committed): the reproducers of
the tests (tests/test_hostile.py), the shapes of `make fuzz` (bench/fuzz.py) and the sizes of
the linear-time benchmark (bench/bench_hostile.py)."""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
import zlib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "tests/data/tables"


# -- .xls ----------------------------------------------------------------------------------
def legacy_xls() -> bytes:
    return (TABLES / "legacy.xls").read_bytes()


def xls_truncated(size: int = 3000) -> bytes:
    return legacy_xls()[:size]


def xls_inflated(rows: int = 0x00940000) -> bytes:
    """The fixture with its DIMENSIONS record saying the sheet has ``rows`` rows (a few changed
    bytes that made calamine ask for terabytes)."""
    data = bytearray(legacy_xls())
    at = data.find(b"\x00\x02\x0e\x00")  # DIMENSIONS, 14 bytes: rwMic, rwMac, colMic, colMac
    assert at > 0, "the fixture has a DIMENSIONS record"
    struct.pack_into("<I", data, at + 4, rows)  # rwMic past rwMac: calamine's subtraction wraps
    return bytes(data)


# -- .xlsx ---------------------------------------------------------------------------------
def xlsx_book(cells: dict[tuple[int, int], str] | None = None) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("表")
    for (r, c), v in (
        cells or {(0, 0): "一级指标", (0, 1): "二级指标", (0, 2): "三级指标"}
    ).items():
        sheet.write_string(r, c, v)
    book.close()
    return buf.getvalue()


@cache
def xlsx_far_cell() -> bytes:
    """One cell at XFD1048576: a used range of 17 billion cells (made once: XlsxWriter takes
    a few hundred MB to write it)."""
    return xlsx_book({(0, 0): "三级指标", (1048575, 16383): "x"})


def _edit_sheet(data: bytes, edit: callable) -> bytes:  # type: ignore[valid-type]
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = edit(body)
            dst.writestr(item, body)
    return out.getvalue()


def xlsx_merges(refs: list[str]) -> bytes:
    """A small workbook whose sheet has these merged ranges."""
    merges = "".join(f'<mergeCell ref="{r}"/>' for r in refs)
    block = f'<mergeCells count="{len(refs)}">{merges}</mergeCells>'.encode()
    return _edit_sheet(
        xlsx_book(), lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + block)
    )


def xlsx_whole_merge() -> bytes:
    return xlsx_merges(["A1:XFD1048576"])


def xlsx_many_merges(n: int = 10_000) -> bytes:
    return xlsx_merges([f"A{2 * k + 2}:B{2 * k + 2}" for k in range(n)])


# -- PDF -----------------------------------------------------------------------------------
def pdf(pages: list[bytes], *, mediabox: bytes = b"[0 0 595 842]", flate: bool = False) -> bytes:
    """A minimal PDF with one content stream per page (compressed with ``flate``)."""
    objects: list[bytes] = []
    kids = " ".join(f"{3 + 2 * k} 0 R" for k in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for k, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox
            + f" /Contents {4 + 2 * k} 0 R >>".encode()
        )  # fmt: skip
        body = zlib.compress(content, 1) if flate else content
        extra = b" /Filter /FlateDecode" if flate else b""
        objects.append(
            f"<< /Length {len(body)}".encode() + extra + b" >>\nstream\n" + body + b"\nendstream"
        )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def pdf_flate_bomb(megabytes: int = 600) -> bytes:
    """A page whose content stream is ``megabytes`` MB of spaces, compressed ~1000-fold."""
    piece = zlib.compressobj(1)
    chunk = b" " * (1 << 20)
    body = b"".join(piece.compress(chunk) for _ in range(megabytes)) + piece.flush()
    data = pdf([b"BT ET"])
    # swap the page's content stream for the bomb (Length and all)
    old = re.search(rb"<< /Length \d+ >>\nstream\nBT ET\nendstream", data)
    assert old is not None
    bomb = (
        f"<< /Length {len(body)} /Filter /FlateDecode >>\nstream\n".encode() + body + b"\nendstream"
    )
    return data[: old.start()] + bomb + data[old.end() :]  # xref offsets are off: pdfminer repairs


def pdf_pages(n: int) -> bytes:
    return pdf([b"BT /F1 12 Tf 72 720 Td (x) Tj ET"] * n)


def pdf_ruling_lines(n: int) -> bytes:
    lines = b"".join(f"{k % 500} 10 m {k % 500} 800 l S\n".encode() for k in range(n))
    return pdf([lines], flate=True)


def pdf_mediabox_name() -> bytes:
    return pdf([b"BT ET"], mediabox=b"/Letter")


# -- HTML ----------------------------------------------------------------------------------
def html_span_bomb(span: int = 1000, cells: int = 5) -> bytes:
    """A 2.5 KB page whose spans expand to millions of cells."""
    row = "".join(f'<td rowspan="{span}" colspan="{span}">x</td>' for _ in range(cells))
    return f"<table><tr><th>三级指标</th></tr><tr>{row}</tr></table>".encode()


def html_long_span(digits: int = 5000) -> bytes:
    return f'<table><tr><td rowspan="{"9" * digits}">x</td></tr></table>'.encode()


# -- JSON ----------------------------------------------------------------------------------
def json_deep(depth: int = 100_000) -> bytes:
    return ("[" * depth + "]" * depth).encode()


def json_long_number(digits: int = 5000) -> bytes:
    return json.dumps({"department": "某局"}).replace("}", f', "year": {"9" * digits}}}').encode()


# -- text ----------------------------------------------------------------------------------
def unclosed_brackets(n: int = 20_000) -> str:
    """A class label of ``n`` opening brackets never closed."""
    return "产出指标" + "（" * n


def tree_text(line_chars: int = 20_000) -> bytes:
    """An indentation tree whose one indicator line has ``line_chars`` characters of cells."""
    cells = "  ".join(["≥1人"] * (line_chars // 5))
    return (
        "项目名称：某项目\n绩效指标    指标值\n产出指标\n  数量指标\n    某指标    " + cells + "\n"
    ).encode()


def text_with_spaces(n: int = 20_000) -> bytes:
    """A table of the numbered text layout with a run of ``n`` spaces inside an indicator (its
    target labels were searched from every position of the run: quadratic)."""
    text = (ROOT / "tests/data/text/four_columns.txt").read_text(encoding="utf-8")
    at = text.index("年度指标值")
    return (text[:at] + " " * n + text[at:]).encode()
