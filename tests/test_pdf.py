"""PDF input: the official layout, row-per-indicator tables ruled or not, the numbered text
layout, and text whose fonts have no Unicode map.

The PDFs in ``tests/data/tables/`` are made by ``make_pdfs.py`` there (WeasyPrint + Noto CJK,
pikepdf for the garbled fonts). Most hold the same table as a fixture of another format, so
each test expects that fixture's document (``tests/test_readers.py``); only the notes differ
(a PDF row's line is its page; in unruled tables merged cells are carried down rather than
copied).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from jixiao.errors import ParseError
from jixiao.export import get
from jixiao.ingest import read_bytes
from jixiao.ingest.files import read_path
from jixiao.ingest.official import parse_official, to_text
from jixiao.ingest.pdf import read_pdf, sniff
from jixiao.ingest.pdf.words import join_wrapped
from jixiao.interchange import to_dict

from .helpers import DATA, SEED, strip_ids
from .tables import messages, outline
from .test_readers import CELLS, CSV, HTML, PIPE

TABLES = DATA / "tables"

[SEED_DOCUMENT] = read_path(SEED)


def _content(data: dict) -> dict:  # type: ignore[type-arg]
    return strip_ids({k: v for k, v in data.items() if k not in ("source", "notes")})


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


# -- row-per-indicator tables ------------------------------------------------------------------
FORM: dict[str, Any] = {
    "department": "某某县教育局",
    "year": 2025,
    "title": "2025年度项目支出绩效目标表",
    "money_unit": "元",
    "funds": ("1000000.00", None, None, None),
    "units": [
        (
            "某某县第一小学",
            ("1000000.00", None, None, None),
            [
                (
                    "学生资助补助经费",
                    ("1000000.00", None, None, None),
                    "资助家庭经济困难学生21933人，保障其顺利完成学业，学生满意度达到95%以上。",
                    [
                        (
                            1,
                            "1-产出指标",
                            "11-数量指标",
                            "资助学生人数",
                            (">=21933人", "quantitative", "≥", "21933", "人"),
                            (">=21933人", "quantitative", "≥", "21933", "人"),
                        ),
                        (
                            2,
                            "1-产出指标",
                            "11-数量指标",
                            "资助覆盖率",
                            ("=99%", "quantitative", "=", "99", "%"),
                            ("=99%", "quantitative", "=", "99", "%"),
                        ),
                        (
                            3,
                            "4-成本指标",
                            "成本指标",
                            "生均资助标准",
                            ("≤500元/人", "quantitative", "≤", "500", "元/人"),
                            ("≤500元/人", "quantitative", "≤", "500", "元/人"),
                        ),
                        (
                            4,
                            "2-效益指标",
                            "22-社会效益",
                            "家庭经济负担",
                            ("有效减轻", "qualitative", None, None, None),
                            ("有效减轻", "qualitative", None, None, None),
                        ),
                        (
                            5,
                            "3-满意度指标",
                            "31-服务对象满意度",
                            "学生满意度",
                            ("≥95%", "quantitative", "≥", "95", "%"),
                            ("≥95%", "quantitative", "≥", "95", "%"),
                        ),
                    ],
                )
            ],
        )
    ],
    "notes": [
        ("info", "label.synonym", 1),
        ("info", "target.glued", 1),
        ("info", "label.legacy", 1),
        ("info", "label.synonym", 1),
        ("info", "label.level1_from_level2", 1),
        ("info", "label.synonym", 1),
        ("info", "targets.one_column", None),
        ("info", "total.computed", None),
        ("info", "year.inferred", None),
    ],
}

DEPARTMENT = dict(
    PIPE,
    notes=[
        ("info", "name.code_prefix", 1),
        ("info", "label.synonym", 1),
        ("info", "label.synonym", 1),
        ("info", "row.header_repeated", 2),
        ("info", "label.level1_from_level2", 2),
        ("info", "label.synonym", 2),
        ("info", "label.synonym", 2),
        ("info", "target.glued", 2),
        ("info", "cell.carried", None),
        ("info", "targets.one_column", None),
        ("info", "total.computed", None),
        ("info", "year.inferred", None),
    ],
)

DEPARTMENT_PLAIN = dict(  # the merged cells broken by the page are joined: none is carried
    DEPARTMENT,
    notes=[n for n in DEPARTMENT["notes"] if n[1] not in ("row.header_repeated", "cell.carried")],
)

UNRULED = dict(
    CSV,
    notes=[
        ("info", "money.converted", 1),
        ("info", "name.code_prefix", 1),
        ("info", "money.converted", 1),
        ("info", "money.converted", 1),
        ("warning", "project.no_goal", 1),
        ("info", "label.legacy", 1),
        ("info", "row.no_indicator", 1),
        ("info", "name.code_prefix", 1),
        ("info", "money.converted", 1),
        ("warning", "project.no_goal", 1),
        ("info", "cell.carried", None),
        ("info", "targets.one_column", None),
        ("info", "year.unknown", None),
    ],
)

UNRULED_PAGES = dict(
    CSV,
    notes=[
        ("info", "money.converted", 1),
        ("info", "name.code_prefix", 1),
        ("info", "money.converted", 1),
        ("info", "money.converted", 1),
        ("warning", "project.no_goal", 1),
        ("info", "label.legacy", 2),
        ("info", "row.no_indicator", 2),
        ("info", "name.code_prefix", 2),
        ("info", "money.converted", 2),
        ("warning", "project.no_goal", 2),
        ("info", "cell.carried", None),
        ("info", "targets.one_column", None),
        ("info", "year.unknown", None),
    ],
)

UNRULED_FORM = dict(
    HTML,
    notes=[
        ("info", "header.two_rows", 1),
        ("info", "label.synonym", 1),
        ("info", "label.synonym", 1),
        ("info", "cell.carried", None),
        ("info", "cell.carried", None),
        ("info", "total.computed", None),
        ("info", "year.inferred", None),
    ],
)

CUT_SHORT = dict(  # the row cut before its value is noted and not read
    CELLS,
    notes=[
        ("info", "rows.no_unit", 1),
        ("warning", "table.cut_short", 1),
        ("warning", "indicator.no_target", 1),
        ("warning", "indicator.no_target", 1),
        ("warning", "table.cut_short", None),
        ("info", "targets.one_column", None),
        ("warning", "money_unit.missing", None),
        ("info", "total.computed", None),
        ("info", "year.unknown", None),
    ],
)

GARBLED = dict(FORM, notes=[("info", "pdf.text_reread", None), *FORM["notes"]])


def read(name: str) -> Any:
    (doc,) = read_bytes((TABLES / name).read_bytes(), name)
    assert doc.source is not None and doc.source.layout == "pdf"
    return doc


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("form.pdf", FORM),
        ("department.pdf", DEPARTMENT),
        ("department_plain.pdf", DEPARTMENT_PLAIN),
        ("unruled.pdf", UNRULED),
        ("unruled_pages.pdf", UNRULED_PAGES),
        ("unruled_form.pdf", UNRULED_FORM),
        ("cut_short.pdf", CUT_SHORT),
        ("garbled.pdf", GARBLED),
    ],
)
def test_pdf_table_gives_the_whole_document(name: str, expected: Any) -> None:
    assert outline(read(name)) == expected


def test_ruled_form_notes_synonyms_glued_values_and_merged_classes() -> None:
    doc = read("form.pdf")
    assert messages(doc, "label.synonym") == [
        "指标类别“项目完成指标”按“产出指标”读取",
        "指标类别“效果指标”按“效益指标”读取",
        "指标类别“社会公众或服务对象满意度指标”按“服务对象满意度”读取",
    ]
    assert messages(doc, "target.glued") == ["指标值“%=99百分比”按“=99%”读取"]
    assert messages(doc, "cell.carried") == []  # merged classes are copied, as in HTML


def test_a_table_over_two_pages_keeps_its_merged_cells_and_names_the_pages() -> None:
    doc = read("department.pdf")
    pages = {n.code: n.line for n in doc.notes if n.line is not None}
    assert pages["row.header_repeated"] == 2 and pages["target.glued"] == 2
    assert [p.name for p in doc.units[0].projects] == ["道路维护经费", "环境整治经费"]
    assert [len(p.indicators) for p in doc.units[0].projects] == [4, 2]


def test_unruled_table_converts_yuan_to_the_stated_wan_yuan() -> None:
    doc = read("unruled.pdf")
    assert messages(doc, "money.converted") == [
        "金额 150000（元）换算为 15 万元",
        "金额 100000（元）换算为 10 万元",
        "金额 100000（元）换算为 10 万元",
        "金额 50000（元）换算为 5 万元",
    ]


def test_a_table_that_ends_mid_row_is_noted_as_cut_short() -> None:
    assert messages(read("cut_short.pdf"), "table.cut_short") == [
        "最后一行只有 3 格，表格可能被截断",
        "表格在指标“群众参与率”处中断，这一行不完整，未读取",
    ]


def test_cells_wrapped_over_lines_are_joined() -> None:
    assert join_wrapped(["101001-某某", "县第一小学"]) == "101001-某某县第一小学"
    assert join_wrapped(["1,200,000.0", "0"]) == "1,200,000.00"
    assert join_wrapped(["Noto Sans", "CJK", " "]) == "Noto Sans CJK"


# -- fonts without a Unicode map -------------------------------------------------------------
def test_the_garbled_fixture_is_garbled_for_pdfplumber_and_readable_by_pdfium() -> None:
    """What the two libraries give on the fixtures (see make_pdfs.py for how they were made)."""
    import pdfplumber
    import pypdfium2 as pdfium

    data = (TABLES / "garbled.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert pdf.pages[0].extract_text().startswith("(cid:50)(cid:48)(cid:50)(cid:53)")
    document = pdfium.PdfDocument(data)
    try:
        text = document[0].get_textpage().get_text_range()
    finally:
        document.close()
    assert text.startswith("2025年度项目支出绩效目标表")
    unreadable = (TABLES / "unreadable.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(unreadable)) as pdf:
        assert "(cid:" not in pdf.pages[0].extract_text()
        assert pdf.pages[1].extract_text().startswith("(cid:")


def test_garbled_page_is_reread_with_a_note() -> None:
    doc = read("garbled.pdf")
    assert messages(doc, "pdf.text_reread") == [
        "第 1 页的字体缺少 Unicode 映射，文字改由 pypdfium2 读取"
    ]


def test_a_page_neither_library_can_read_fails_naming_the_page() -> None:
    with pytest.raises(ParseError) as err:
        read_bytes((TABLES / "unreadable.pdf").read_bytes(), "unreadable.pdf")
    assert err.value.source == "unreadable.pdf"
    assert str(err.value).startswith("文件 unreadable.pdf：第 2 页的文字无法提取")
    assert err.value.expected == "文字可复制的 PDF，或先用 OCR 转成文本"


# -- what is not a table -----------------------------------------------------------------------
def test_a_pdf_without_any_table_fails_clearly() -> None:
    from weasyprint import HTML as Page

    body = '<p style="font-family: Noto Sans CJK SC">关于做好2025年预算工作的通知</p>'
    data = Page(string=f"<html><body>{body}</body></html>").write_pdf()
    with pytest.raises(ParseError) as err:
        read_pdf(data, "notice.pdf", None)
    assert err.value.source == "notice.pdf"
    assert "没有含“三级指标”列的表格" in err.value.message


def test_a_truncated_pdf_fails_clearly() -> None:
    data = (TABLES / "department.pdf").read_bytes()
    with pytest.raises(ParseError, match="无法打开 PDF") as err:
        read_pdf(data[: len(data) // 2], "cut.pdf", None)
    assert err.value.source == "cut.pdf"
