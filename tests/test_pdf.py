"""PDF input: ruled tables in the official layout, and PDF text in the numbered layout."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.errors import ParseError
from jixiao.export import get
from jixiao.ingest.files import read_path
from jixiao.ingest.official import parse_official, to_text
from jixiao.ingest.pdf import read_pdf, sniff
from jixiao.interchange import to_dict

from .helpers import DATA, SEED

[SEED_DOCUMENT] = read_path(SEED)


def _content(data: dict) -> dict:  # type: ignore[type-arg]
    return {k: v for k, v in data.items() if k not in ("source", "notes")}


@pytest.fixture(scope="module")
def seed_pdf() -> bytes:
    return b"".join(get("pdf").export([SEED_DOCUMENT]))


def test_seed_exported_as_pdf_parses_back_field_for_field(seed_pdf: bytes) -> None:
    assert sniff(seed_pdf)
    [back] = read_pdf(seed_pdf, "seed.pdf", None)
    assert _content(to_dict(back)) == _content(to_dict(SEED_DOCUMENT))


def test_seed_exported_as_xlsx_parses_back_field_for_field() -> None:
    data = b"".join(get("xlsx").export([SEED_DOCUMENT]))
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    back = parse_official(rows, "seed.xlsx")
    assert back is not None
    assert _content(to_dict(back)) == _content(to_dict(SEED_DOCUMENT))


def test_four_column_table_through_the_official_layout() -> None:
    [doc] = read_path(DATA / "text/four_columns.txt")
    data = b"".join(get("pdf").export([doc]))
    [back] = read_pdf(data, "four.pdf", None)
    assert _content(to_dict(back)) == _content(to_dict(doc))


def test_not_the_official_layout() -> None:
    assert to_text([["一级指标", "二级指标", "三级指标"], ["产出指标", "数量指标", "甲"]]) is None


def test_pdf_text_in_the_numbered_layout(tmp_path: Path) -> None:
    """A PDF that is the numbered text (no ruled table) goes to the text reader."""
    from weasyprint import HTML

    text = SEED.read_text("utf-8")
    body = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    html = f'<html><body style="font-family: Noto Sans CJK SC; font-size: 8pt">{body}</body></html>'
    data = HTML(string=html).write_pdf()
    [doc] = read_pdf(data, "text.pdf", None)
    assert doc.counts() == {"units": 3, "projects": 39, "indicators": 212}
    assert doc.funds.total == SEED_DOCUMENT.funds.total


def test_broken_and_empty_pdfs() -> None:
    with pytest.raises(ParseError, match="无法打开 PDF"):
        read_pdf(b"%PDF-1.7\nnot really", "broken.pdf", None)
    from weasyprint import HTML

    blank = HTML(string="<html><body></body></html>").write_pdf()
    with pytest.raises(ParseError, match="没有可提取的文字") as info:
        read_pdf(blank, "blank.pdf", None)
    assert info.value.source == "blank.pdf" and info.value.expected


def test_the_registry_reads_the_official_exports_by_content(seed_pdf: bytes) -> None:
    from jixiao.ingest import read_bytes

    xlsx = b"".join(get("xlsx").export([SEED_DOCUMENT]))
    for data, name, layout in ((xlsx, "表.bin", "xlsx"), (seed_pdf, "表.dat", "pdf")):
        [doc] = read_bytes(data, name)
        assert doc.source is not None and doc.source.layout == layout
        assert _content(to_dict(doc)) == _content(to_dict(SEED_DOCUMENT))
