"""Every export keeps a self-evaluation (and a target table with what templates add): the
interchange JSON whole, CSV and data package column by column, the official layouts with the
self-evaluation columns; the text layout, which cannot hold them, refuses with a clear error."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from jixiao.cli import main
from jixiao.errors import InputError
from jixiao.export import FORMATS, get
from jixiao.export.official import COLUMNS, SELFEVAL_COLUMNS, beyond_text_layout
from jixiao.export.tabular import CSV_COLUMNS, CSV_LABELS
from jixiao.ingest.files import read_path
from jixiao.interchange import from_dict, to_dict
from jixiao.model import Document
from jixiao.store import Store

from .helpers import SEED
from .selfeval import ACTUAL, DEVIATION, FIRST, SCORE, selfeval_document


def export(key: str, docs: list[Document]) -> bytes:
    return b"".join(get(key).export(docs))


def csv_rows(data: bytes) -> list[dict[str, str]]:
    """The rows by field name (the export's header is the Chinese labels, one per field)."""
    text = data.decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header == CSV_LABELS and all(len(r) == len(header) for r in rows)
    return [dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows]


def with_weights() -> Document:
    """The seed as a target table whose template also states weights and directions."""
    [doc] = read_path(SEED)
    first = doc.units[0].projects[0]
    first.code = "440100-001"
    for ind in first.indicators:
        ind.direction = "正向"
    first.indicators[0].weight = Decimal("10.0")
    return doc


# -- json, csv, data package ------------------------------------------------------------------
def test_json_export_is_the_interchange_whole() -> None:
    doc = selfeval_document()
    [data] = json.loads(export("json", [doc]))
    assert data == to_dict(doc) and from_dict(data) == doc


def test_csv_has_the_self_evaluation_columns() -> None:
    rows = csv_rows(export("csv", [selfeval_document()]))
    assert len(rows) == 5
    first = rows[0]
    assert (first["kind"], first["project"], first["project_code"]) == (
        "selfeval", FIRST, "44010024T000001234",
    )  # fmt: skip
    assert (first["project_score"], first["project_grade"]) == ("91.50", "优")
    assert (first["execution_initial"], first["execution_rate"]) == ("1200.00", "95.61")
    assert (first["weight"], first["direction"], first["measure"]) == ("20.0", "正向", "万亩")
    assert (first["actual_text"], first["actual_value"], first["actual_unit"]) == (
        ACTUAL, "0.95", "万亩",
    )  # fmt: skip
    assert (first["score"], first["deviation"]) == (SCORE, DEVIATION)
    assert first["standard"] == "完成得满分，未完成按比例扣分"
    assert rows[1]["actual_kind"] == "composite"
    assert rows[1]["actual_parts"] == "合格率98%；优良率60.0%"
    assert rows[3]["actual_text"] == "" and rows[3]["score"] == "" and rows[3]["weight"] == "0.5"
    assert rows[4]["execution_initial"] == "" and rows[4]["project_code"] == ""


def test_csv_of_a_target_table_has_the_columns_empty() -> None:
    [seed] = read_path(SEED)
    rows = csv_rows(export("csv", [seed]))
    assert {r["kind"] for r in rows} == {"target"}
    assert {r["actual_text"] for r in rows} == {""} and {r["weight"] for r in rows} == {""}


def _package(data: bytes) -> tuple[dict[str, Any], dict[str, list[dict[str, str]]]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    descriptor = json.loads(archive.read("datapackage.json"))
    tables = {}
    for resource in descriptor["resources"]:
        reader = csv.reader(io.StringIO(archive.read(resource["path"]).decode("utf-8")))
        header, *rows = list(reader)
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        tables[resource["name"]] = [dict(zip(header, r, strict=True)) for r in rows]
    return descriptor, tables


def test_datapackage_describes_and_fills_the_new_fields() -> None:
    [seed] = read_path(SEED)
    descriptor, tables = _package(export("datapackage", [seed, selfeval_document()]))
    assert descriptor["title"] == "项目支出绩效目标表、项目支出绩效自评表"
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    for schema in schemas.values():  # every field described, in Chinese
        assert all(f["title"] and f["type"] in {"string", "number", "integer"}
                   for f in schema["fields"])  # fmt: skip
    types = {f["name"]: f for f in schemas["indicators"]["fields"]}
    assert types["weight"]["title"] == "分值" and types["weight"]["type"] == "number"
    assert types["actual_value"]["title"] == "实际完成值数值"
    assert types["deviation"]["type"] == "string"
    kind = next(f for f in schemas["documents"]["fields"] if f["name"] == "kind")
    assert kind["constraints"]["enum"] == ["target", "selfeval", "dept-whole"]
    project_fields = {f["name"]: f["title"] for f in schemas["projects"]["fields"]}
    assert project_fields["execution_rate"] == "预算执行：执行率"
    assert project_fields["goal_result"] == "实际完成情况"
    assert [d["kind"] for d in tables["documents"]] == ["target", "selfeval"]
    farmland = next(p for p in tables["projects"] if p["name"] == FIRST)
    assert (farmland["score"], farmland["execution_executed"]) == ("91.50", "1100.00")
    evaluated = [i for i in tables["indicators"] if i["actual_text"]]
    assert [i["actual_text"] for i in evaluated] == [ACTUAL, "合格率98%，优良率60.0%", "满意"]
    assert (evaluated[0]["actual_value"], evaluated[0]["score"]) == ("0.95", SCORE)


# -- official layouts ----------------------------------------------------------------------------
def test_text_layout_refuses_what_it_cannot_hold() -> None:
    [seed] = read_path(SEED)
    assert beyond_text_layout(seed) == []
    assert export("text", [seed])  # a plain target table is fine
    with pytest.raises(InputError) as err:
        export("text", [seed, selfeval_document()])
    message = str(err.value)
    assert "项目支出绩效自评表" in message and "实际完成值" in message and "xlsx" in message
    with pytest.raises(InputError, match="分值"):
        export("text", [with_weights()])
    assert FORMATS["text"].stream is False and FORMATS["csv"].stream is True


def test_cli_text_export_of_a_self_evaluation_writes_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    with Store(db) as store:
        store.save(selfeval_document())
    runner = CliRunner()
    out = tmp_path / "out.txt"
    result = runner.invoke(main, ["export", "--db", db, "--format", "text", "-o", str(out)])
    assert result.exit_code == 2 and "实际完成值" in result.stderr and "xlsx" in result.stderr
    assert not out.exists() and list(tmp_path.glob("*.part")) == []
    result = runner.invoke(main, ["export", "--db", db, "--format", "text"])
    assert result.exit_code == 2 and result.stdout == ""
    result = runner.invoke(main, ["export", "--db", db, "--format", "csv"])
    assert result.exit_code == 0 and ACTUAL in result.stdout


def test_xlsx_has_the_self_evaluation_columns() -> None:
    data = export("xlsx", [selfeval_document()])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert tuple(c.value for c in sheet[3]) == COLUMNS + SELFEVAL_COLUMNS
    assert SELFEVAL_COLUMNS == ("实际完成值", "分值", "得分", "偏差原因")
    assert "A1:K1" in {str(r) for r in sheet.merged_cells.ranges}
    cells = {(c.row, c.column): c.value for row in sheet.iter_rows() for c in row}
    # 合计, unit, then the first project: execution line, 4 indicators, total line
    name = cells[(6, 1)]
    assert name.startswith(FIRST) and "项目编码：44010024T000001234" in name
    assert "实施单位：示例市农田建设管理中心" in name
    assert "A6:A11" in {str(r) for r in sheet.merged_cells.ranges}
    assert "实际完成情况：已建成" in cells[(6, 6)] and "实施期目标：" in cells[(6, 6)]
    assert cells[(6, 7)].startswith("年度资金总额：年初预算数 1,200.00")
    assert cells[(6, 8)] == "全年执行数 1,100.00；执行率 95.61%"
    assert (cells[(6, 9)], cells[(6, 10)]) == (10, 9.56)
    assert cells[(7, 7)].startswith("1、1-产出指标；11-数量指标；新建高标准农田面积")
    assert "指标方向：正向" in cells[(7, 7)] and "分值" not in cells[(7, 7)]
    assert (cells[(7, 8)], cells[(7, 9)], cells[(7, 10)]) == (ACTUAL, 20, 19)
    assert cells[(7, 11)] == DEVIATION
    assert cells[(8, 8)] == "合格率98%，优良率60.0%"
    assert cells[(11, 7)] == "总分（等级：优）" and cells[(11, 10)] == 91.5
    # the second project: an empty execution line and its indicator
    assert cells[(12, 1)] == "农业技术推广" and cells[(12, 7)] == "年度资金总额："


def test_xlsx_of_a_target_table_keeps_what_templates_add() -> None:
    data = export("xlsx", [with_weights()])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert tuple(c.value for c in sheet[3]) == COLUMNS  # no self-evaluation columns
    assert "项目编码：440100-001" in sheet["A6"].value
    assert "（分值：10.0；指标方向：正向）" in sheet["G6"].value


def test_html_has_the_self_evaluation_columns() -> None:
    page = export("html", [selfeval_document()]).decode("utf-8")
    for text in (*SELFEVAL_COLUMNS, ACTUAL, SCORE, DEVIATION, "年初预算数 1,200.00",
                 "总分（等级：优）", "91.50", "2024年度项目支出绩效自评表"):  # fmt: skip
        assert text in page, text
    assert 'rowspan="6"' in page and page.count('<tr class="line') == 5 + 1


@pytest.mark.slow
def test_pdf_prints_the_self_evaluation() -> None:
    import pdfplumber

    data = export("pdf", [selfeval_document()])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        flat = "".join("".join((page.extract_text() or "") for page in pdf.pages).split())
    for text in ("实际完成值", "偏差原因", ACTUAL, SCORE, "年初预", "95.61%", "总分（等级：优）"):
        assert text in flat, text
