"""Exports in the official layout: text (parses back to the same document) and xlsx."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from jixiao.cli import main
from jixiao.export import get
from jixiao.export.official import COLUMNS, amount
from jixiao.ingest.files import read_path
from jixiao.ingest.text_layout import parse_text
from jixiao.interchange import to_dict

from .helpers import DATA, SEED, strip_ids


def _content(data: dict) -> dict:  # type: ignore[type-arg]
    return strip_ids({k: v for k, v in data.items() if k not in ("source", "notes")})


@pytest.mark.parametrize(
    "path", [SEED, DATA / "text/four_columns.txt", DATA / "text/mismatch.txt"], ids=lambda p: p.name
)
def test_text_export_parses_back_to_the_same_document(path: Path) -> None:
    [doc] = read_path(path)
    text = b"".join(get("text").export([doc])).decode("utf-8")
    back = parse_text(text, "exported.txt", year=doc.year)
    assert _content(to_dict(back)) == _content(to_dict(doc))


def test_amounts_keep_two_decimals() -> None:
    assert amount(Decimal("12537")) == "12,537.00"
    assert amount(Decimal("0.5")) == "0.50"
    assert amount(Decimal("1.125")) == "1.125"
    assert amount(None) == ""


def test_xlsx_export_in_the_official_layout() -> None:
    [seed] = read_path(SEED)
    [other] = read_path(DATA / "text/four_columns.txt")
    data = b"".join(get("xlsx").export([seed, other, seed]))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["广州市科学技术局", "示例县农业农村局2024", "广州市科学技术局_2"]
    sheet = book["广州市科学技术局"]
    assert "A1:G1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A1"].value == "项目支出绩效目标表（含转移支付项目）"
    assert sheet["A2"].value == "部门名称：广州市科学技术局    单位：万元"
    assert tuple(c.value for c in sheet[3]) == COLUMNS
    assert [c.value for c in sheet[4]][:3] == ["合计", 235659.44, 235659.44]
    assert sheet["D4"].value is None
    assert sheet["A5"].value == "广州市科学技术局" and sheet["A6"].alignment.indent == 1
    assert sheet["B6"].number_format == "#,##0.00"
    assert str(sheet["G6"].value).startswith("1、1-产出指标；11-数量指标；支持发展第8.6代")
    rows = sheet.max_row - 3
    assert rows == 1 + 3 + 39  # 合计, units, projects


def test_cli_export_official_formats(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "--db", db, str(SEED)]).exit_code == 0
    result = runner.invoke(main, ["export", "--db", db, "--format", "xlsx"])
    assert result.exit_code == 2 and "--output" in result.stderr
    out = tmp_path / "official.xlsx"
    result = runner.invoke(main, ["export", "--db", db, "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0 and load_workbook(out).sheetnames == ["广州市科学技术局"]
    result = runner.invoke(main, ["export", "--db", db, "--format", "text"])
    assert result.exit_code == 0 and "部门名称：广州市科学技术局" in result.stdout


def test_datapackage_export() -> None:
    import csv
    import json
    import zipfile

    [seed] = read_path(SEED)
    [other] = read_path(DATA / "text/four_columns.txt")
    data = b"".join(get("datapackage").export([seed, other]))
    archive = zipfile.ZipFile(io.BytesIO(data))
    descriptor = json.loads(archive.read("datapackage.json"))
    assert descriptor["profile"] == "tabular-data-package"
    tables = {}
    for resource in descriptor["resources"]:
        reader = csv.reader(io.StringIO(archive.read(resource["path"]).decode("utf-8")))
        header, *rows = list(reader)
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        tables[resource["name"]] = [dict(zip(header, r, strict=True)) for r in rows]
    assert [len(tables[t]) for t in ("documents", "units", "projects", "indicators")] == [
        2, 4, 41, 218,
    ]  # fmt: skip
    # every foreign key lands on a row of the table it names
    for resource in descriptor["resources"]:
        for fk in resource["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"]
            known = {row[fk["reference"]["fields"][0]] for row in tables[target]}
            assert {row[fk["fields"][0]] for row in tables[resource["name"]]} <= known
    first = tables["indicators"][0]
    assert (first["cycle_text"], first["cycle_op"], first["cycle_value"]) == ("1个", "=", "1")
    assert tables["documents"][0]["total"] == "235659.44"  # exact text, not a float


def test_pdf_export_embeds_the_chinese_text() -> None:
    """Missing glyphs vanish silently from a PDF: extract the text back and look for it."""
    import pdfplumber

    [seed] = read_path(SEED)
    data = b"".join(get("pdf").export([seed]))
    assert data.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = pdf.pages
        assert len(pages) > 5
        text = "".join((page.extract_text() or "") for page in pages)
        fonts = {c["fontname"] for page in pages[:2] for c in page.chars}
        tables = [t for page in pages for t in page.extract_tables()]
    flat = "".join(text.split())
    assert "(cid:" not in text and "\ufffd" not in text
    assert any("Noto" in f for f in fonts), fonts  # the CJK font is embedded
    for expected in ("项目支出绩效目标表", "部门名称：广州市科学技术局", "第1页，共19页"):
        assert expected in flat, expected
    assert all(t[0][0] == "项目名称（资金使用单位）" for t in tables)  # header on every page
    cells = {"".join((cell or "").split()) for t in tables for row in t[1:] for cell in row}
    # every project name, whole, in its cell (a row too tall for one page is split, and
    # its fragments lose the ruling pdfplumber needs: those names are found in the text)
    for _, project in seed.projects():
        assert project.name in cells or project.name in flat, project.name
    assert "235,659.44" in cells and "广州市科技项目评审中心" in cells
    first = "".join(next(seed.projects())[1].goal.split())
    assert first in cells


def test_html_export_in_the_official_layout() -> None:
    [seed] = read_path(SEED)
    page = b"".join(get("html").export([seed])).decode("utf-8")
    assert page.startswith("<!doctype html>") and "<script" not in page and "http" not in page
    assert page.count('<tr class="project">') == 39 and page.count('<tr class="unit">') == 3
    assert "企业创新计划-TCL华星光电T9项目（黄埔区）" in page and "12,537.00" in page
