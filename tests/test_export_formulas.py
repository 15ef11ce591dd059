"""Formula-looking text in CSV and Data Package exports is neutralised (OWASP), numbers are left
as they are, and Jixiao's CSV reader gives the original text back; xlsx keeps such text as text."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from jixiao.export import get
from jixiao.export.tabular import CSV_COLUMNS, CSV_LABELS
from jixiao.formulas import neutralise, restore
from jixiao.ingest.readers import csv as csv_reader

from .review_builders import doc, ind, proj

RISKY = ["=HYPERLINK(\"http://x\",\"点击\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
         "\tTAB", "\rCR", "'=already", "''+two"]  # fmt: skip


@pytest.mark.parametrize("text", RISKY)
def test_neutralise_and_restore(text: str) -> None:
    safe = neutralise(text)
    assert isinstance(safe, str) and safe.startswith("'")
    assert restore(safe) == text


@pytest.mark.parametrize("value", ["-12.5", "+3", "0", "项目", "", "a=b", "=", "-", None, 5])
def test_numbers_and_plain_text_stay(value: object) -> None:
    assert neutralise(value) == value


def _document() -> object:
    return doc(
        proj('=HYPERLINK("http://evil","项目")', ind("@人数", "≥10人"), goal="+cmd|' /C calc'!A0"),
        unit="-单位",
    )


def _cells(data: bytes, name: str) -> list[list[str]]:
    [grid] = csv_reader.grids(data, name)
    return grid.rows


def test_csv_export_is_neutralised_and_reads_back() -> None:
    data = b"".join(get("csv").export([_document()]))
    raw = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, row = raw[0], raw[1]
    assert header == CSV_LABELS
    cell = dict(zip(CSV_COLUMNS, row, strict=True))
    assert cell["project"].startswith("'=HYPERLINK")
    assert cell["goal"].startswith("'+cmd") and cell["unit"] == "'-单位"
    assert cell["indicator"] == "'@人数"
    back = dict(zip(CSV_COLUMNS, _cells(data, "export.csv")[1], strict=True))
    assert back["project"] == '=HYPERLINK("http://evil","项目")'
    assert back["goal"] == "+cmd|' /C calc'!A0" and back["unit"] == "-单位"


def test_datapackage_text_fields_are_neutralised_numbers_are_not() -> None:
    data = b"".join(get("datapackage").export([_document()]))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        projects = z.read("data/projects.csv")
    text = projects.decode("utf-8")
    assert "'=HYPERLINK" in text and "'+cmd" in text
    rows = _cells(projects, "projects.csv")
    assert '=HYPERLINK("http://evil","项目")' in rows[1]


def test_xlsx_keeps_formula_text_as_text() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    data = b"".join(get("xlsx").export([_document()]))
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = [c.value for row in book.worksheets[0].iter_rows() for c in row]
    types = {c.data_type for row in book.worksheets[0].iter_rows() for c in row}
    assert "f" not in types  # no formula cell
    assert any(isinstance(v, str) and v.startswith("=HYPERLINK") for v in values)
