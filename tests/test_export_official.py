"""Exports in the official layout: text (parses back to the same document) and xlsx."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

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
    for expected in (
        "项目支出绩效目标表",
        "部门名称：广州市科学技术局",
        f"第1页，共{len(pages)}页",
    ):
        assert expected in flat, expected
    heads = {"".join((t[0][0] or "").split()) for t in tables}
    assert heads == {"项目名称（资金使用单位）"}  # the header on every page
    cells = {"".join((cell or "").split()) for t in tables for row in t[1:] for cell in row}
    assert "235,659.44" in cells and "广州市科技项目评审中心" in cells
    # every project's name and goal, whole, in their columns (read column by column: a
    # project's cells span its indicator rows, which a page may break between)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        names, goals = _column(pdf, "项目名称"), _column(pdf, "绩效目标")
    for _, project in seed.projects():
        assert "".join(project.name.split()) in names, project.name
        assert "".join(project.goal.split()) in goals, project.name


def _column(pdf: Any, head: str) -> str:
    """The text of the column headed ``head`` over every page, without white space."""
    out = []
    for page in pdf.pages:
        words = page.extract_words()
        found = [w for w in words if w["text"].startswith(head)]
        if not found:
            continue
        edges = sorted({e["x0"] for e in page.edges if e["orientation"] == "v"})
        left = max(x for x in edges if x <= found[0]["x0"])
        right = min(x for x in edges if x >= found[0]["x1"])
        text = page.crop((left, found[0]["bottom"] + 1, right, page.height)).extract_text()
        out.append("".join((text or "").split()))
    return "".join(out)


def _fill(page: Any) -> float:
    """How far down the page its content reaches (0-1), the page number apart."""
    bottoms = [w["bottom"] for w in page.extract_words() if w["bottom"] < page.height - 40]
    return max(bottoms, default=0) / float(page.height)


def test_pdf_fills_its_pages_keeps_projects_together_and_names_the_year() -> None:
    """The seed's 39 projects on 18 pages (19 before: one row per project, moved whole to the
    next page when it did not fit; one page 19% full): indicators are rows a page breaks
    between — never through a project's name or goal, which span them — a project of up to
    KEEP_TOGETHER indicators stays on one page, every page but the last is mostly full."""
    import pdfplumber

    from jixiao.export.official import KEEP_TOGETHER

    [seed] = read_path(SEED, year=2025)
    data = b"".join(get("pdf").export([seed]))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        fills = [_fill(page) for page in pdf.pages]
        texts = ["".join((page.extract_text() or "").split()) for page in pdf.pages]
    assert len(fills) <= 18, len(fills)
    assert min(fills[:-1]) > 0.6 and sum(fills[:-1]) / len(fills[:-1]) > 0.8, fills
    assert texts[0].startswith("2025年度项目支出绩效目标表（含转移支付项目）")
    # a short project's indicators all on the page its name is on (names on one line that
    # are no part of another's, and the last indicator's number and class, found on a page)
    names = [p.name for _, p in seed.projects()]
    checked = 0
    for _, project in seed.projects():
        name = project.name
        if len(project.indicators) > KEEP_TOGETHER or len(name) > 8:
            continue
        if any(name in other for other in names if other != name):
            continue
        where = next(k for k, t in enumerate(texts) if name in t)
        last = project.indicators[-1]
        assert f"{last.seq}、{last.level1.code}-" in texts[where], (name, where)
        checked += 1
    assert checked >= 4


def test_annex_of_review_findings_in_pdf_and_html(tmp_path: Path) -> None:
    from jixiao.services.exports import exporter_for

    [seed] = read_path(SEED)
    page = b"".join(exporter_for("html", annex=True)([seed])).decode("utf-8")
    assert page.count("附件：审核意见（") == 1 and "缺少成本指标" in page and "严重" in page
    assert "completeness.cost" not in page  # rules by their Chinese names
    assert "附件" not in b"".join(get("html").export([seed])).decode("utf-8")  # only if asked
    out = tmp_path / "annex.pdf"
    result = CliRunner().invoke(main, ["export", "--db", _db(tmp_path), "--format", "pdf",
                                       "--annex", "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    import pdfplumber

    with pdfplumber.open(out) as pdf:
        text = "".join("".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert "附件：审核意见（" in text and "缺少成本指标" in text
    refused = CliRunner().invoke(main, ["export", "--db", _db(tmp_path), "--format", "csv",
                                        "--annex"])  # fmt: skip
    assert refused.exit_code == 2 and "不能附审核意见" in refused.stderr


def _db(tmp_path: Path) -> str:
    db = tmp_path / "annex.db"
    if not db.exists():
        assert CliRunner().invoke(main, ["ingest", "--db", str(db), str(SEED)]).exit_code == 0
    return str(db)


def test_html_export_in_the_official_layout() -> None:
    [seed] = read_path(SEED)
    page = b"".join(get("html").export([seed])).decode("utf-8")
    assert page.startswith("<!doctype html>") and "<script" not in page and "http" not in page
    assert len(re.findall(r'<tr class="project[ "]', page)) == 39
    assert page.count('<tr class="unit">') == 3
    assert "企业创新计划-TCL华星光电T9项目（黄埔区）" in page and "12,537.00" in page
