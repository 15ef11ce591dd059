"""The tabular readers end to end: bytes → reader chosen by content → interpreted document.

Every table here is small and written for the test (``tests/data/tables/``; the workbook is
built with openpyxl below, merged cells included). Each test pins the whole document: units,
projects, funds, indicators, target texts and the notes that record every inference.
"""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from jixiao.errors import ParseError
from jixiao.ingest import READERS, read_bytes, sniff
from jixiao.ingest.readers.html import grids as html_grids

from .helpers import DATA, SEED
from .tables import messages, outline

TABLES = DATA / "tables"


def workbook() -> bytes:
    """A department table with merged unit, project, money and level-1 cells, a 合计 row, a
    unit row, annual and cycle columns in that order, and a second sheet without a table."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "绩效目标"
    ws.append(["2025年某区卫生健康局项目支出绩效目标表"])
    ws.merge_cells("A1:J1")
    ws.append(["部门名称：某区卫生健康局", None, None, None, None, None, None, None, "单位：元"])
    ws.merge_cells("A2:E2")
    ws.append(
        [
            "资金使用单位",
            "项目名称",
            "资金总额",
            "财政拨款",
            "绩效目标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实施周期指标值",
        ]
    )
    ws.append(["合计", None, 350000, 350000])
    ws.append(["某区疾控中心", None, 200000, 200000])
    ws.append(
        [
            "某区疾控中心",
            "疫苗接种经费",
            200000,
            200000,
            "完成免疫规划接种。",
            "产出指标",
            "数量指标",
            "接种人次",
            "≥5000人次",
            "≥15000人次",
        ]
    )
    ws.append([None, None, None, None, None, None, "质量指标", "接种率", "≥95%", "≥95%"])
    ws.merge_cells("A5:A7")
    for col in "BCDEF":
        ws.merge_cells(f"{col}6:{col}7")
    ws.append(
        [
            "某区妇幼保健院",
            "孕检补助",
            150000,
            150000,
            "为孕妇提供免费孕检。",
            "满意度指标",
            "服务对象满意度",
            "孕妇满意度",
            "≥90%",
            "≥90%",
        ]
    )
    wb.create_sheet("说明").append(["本表由某区卫生健康局编制。"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


XLSX: dict[str, Any] = {
    "department": "某区卫生健康局",
    "year": 2025,
    "title": "2025年某区卫生健康局项目支出绩效目标表",
    "money_unit": "元",
    "funds": ("350000", "350000", None, None),
    "units": [
        (
            "某区疾控中心",
            ("200000", "200000", None, None),
            [
                (
                    "疫苗接种经费",
                    ("200000", "200000", None, None),
                    "完成免疫规划接种。",
                    [
                        (
                            1,
                            "1-产出指标",
                            "11-数量指标",
                            "接种人次",
                            ("≥15000人次", "quantitative", "≥", "15000", "人次"),
                            ("≥5000人次", "quantitative", "≥", "5000", "人次"),
                        ),
                        (
                            2,
                            "1-产出指标",
                            "12-质量指标",
                            "接种率",
                            ("≥95%", "quantitative", "≥", "95", "%"),
                            ("≥95%", "quantitative", "≥", "95", "%"),
                        ),
                    ],
                )
            ],
        ),
        (
            "某区妇幼保健院",
            ("150000", "150000", None, None),
            [
                (
                    "孕检补助",
                    ("150000", "150000", None, None),
                    "为孕妇提供免费孕检。",
                    [
                        (
                            1,
                            "3-满意度指标",
                            "31-服务对象满意度",
                            "孕妇满意度",
                            ("≥90%", "quantitative", "≥", "90", "%"),
                            ("≥90%", "quantitative", "≥", "90", "%"),
                        )
                    ],
                )
            ],
        ),
    ],
    "notes": [("info", "grid.skipped", 1), ("info", "year.inferred", None)],
}

CSV: dict[str, Any] = {
    "department": "某某县教育局",
    "year": None,
    "title": None,
    "money_unit": "万元",
    "funds": ("15", None, None, None),
    "units": [
        (
            "某某县第一小学",
            ("10", None, None, None),
            [
                (
                    "学生资助",
                    ("10", None, None, None),
                    "",
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
                            "4-成本指标",
                            "成本指标",
                            "生均资助标准",
                            ("≤500元/人", "quantitative", "≤", "500", "元/人"),
                            ("≤500元/人", "quantitative", "≤", "500", "元/人"),
                        ),
                        (
                            3,
                            "3-满意度指标",
                            "31-服务对象满意度",
                            "学生满意度",
                            ("95%", "quantitative", "=", "95", "%"),
                            ("95%", "quantitative", "=", "95", "%"),
                        ),
                    ],
                )
            ],
        ),
        (
            "某某县第二小学",
            ("5", None, None, None),
            [
                (
                    "校舍维修",
                    ("5", None, None, None),
                    "",
                    [
                        (
                            1,
                            "1-产出指标",
                            "12-质量指标",
                            "验收合格率",
                            ("100%", "quantitative", "=", "100", "%"),
                            ("100%", "quantitative", "=", "100", "%"),
                        )
                    ],
                )
            ],
        ),
    ],
    "notes": [
        ("info", "encoding.gb18030", None),
        ("info", "money.converted", 4),
        ("info", "name.code_prefix", 5),
        ("info", "money.converted", 5),
        ("info", "money.converted", 6),
        ("warning", "project.no_goal", 6),
        ("info", "label.legacy", 7),
        ("info", "row.no_indicator", 8),
        ("info", "name.code_prefix", 10),
        ("info", "money.converted", 10),
        ("warning", "project.no_goal", 10),
        ("info", "cell.carried", None),
        ("info", "targets.one_column", None),
        ("info", "year.unknown", None),
    ],
}

PIPE: dict[str, Any] = {
    "department": "井研县马踏镇",
    "year": 2025,
    "title": "2025年井研县马踏镇项目支出绩效目标表",
    "money_unit": "万元",
    "funds": ("15.50", None, None, None),
    "units": [
        (
            "井研县马踏镇人民政府",
            ("15.50", None, None, None),
            [
                (
                    "道路维护经费",
                    ("12.50", None, None, None),
                    "维护村道20公里。",
                    [
                        (
                            1,
                            "1-产出指标",
                            "11-数量指标",
                            "维护道路长度",
                            ("≥20公里", "quantitative", "≥", "20", "公里"),
                            ("≥20公里", "quantitative", "≥", "20", "公里"),
                        ),
                        (
                            2,
                            "1-产出指标",
                            "12-质量指标",
                            "验收合格率",
                            ("≥95%", "quantitative", "≥", "95", "%"),
                            ("≥95%", "quantitative", "≥", "95", "%"),
                        ),
                        (
                            3,
                            "2-效益指标",
                            "22-社会效益",
                            "群众出行便利程度",
                            ("明显改善", "qualitative", None, None, None),
                            ("明显改善", "qualitative", None, None, None),
                        ),
                        (
                            4,
                            "3-满意度指标",
                            "31-服务对象满意度",
                            "群众满意度",
                            (">=90%", "quantitative", "≥", "90", "%"),
                            (">=90%", "quantitative", "≥", "90", "%"),
                        ),
                    ],
                ),
                (
                    "环境整治经费",
                    ("3.00", None, None, None),
                    "整治村容村貌。",
                    [
                        (
                            1,
                            "1-产出指标",
                            "13-时效指标",
                            "完成时间",
                            ("=300天", "quantitative", "=", "300", "天"),
                            ("=300天", "quantitative", "=", "300", "天"),
                        ),
                        (
                            2,
                            "1-产出指标",
                            "11-数量指标",
                            "整治完成率",
                            ("=99%", "quantitative", "=", "99", "%"),
                            ("=99%", "quantitative", "=", "99", "%"),
                        ),
                    ],
                ),
            ],
        )
    ],
    "notes": [
        ("info", "text.after_table", None),
        ("info", "name.code_prefix", 7),
        ("info", "label.synonym", 7),
        ("info", "label.synonym", 9),
        ("info", "label.level1_from_level2", 10),
        ("info", "label.synonym", 10),
        ("info", "label.synonym", 12),
        ("info", "target.glued", 12),
        ("info", "cell.carried", None),
        ("info", "targets.one_column", None),
        ("info", "total.computed", None),
        ("info", "year.inferred", None),
    ],
}

CELLS: dict[str, Any] = {  # the last row, cut before its value, is not read
    "department": "某县文化广电旅游局",
    "year": None,
    "title": None,
    "money_unit": "万元",
    "funds": (None, None, None, None),
    "units": [
        (
            "某县文化广电旅游局",
            (None, None, None, None),
            [
                (
                    "乡村文化活动补助",
                    (None, None, None, None),
                    "全年开展文化活动50场。",
                    [
                        (
                            1,
                            "1-产出指标",
                            "11-数量指标",
                            "文化活动场次",
                            ("50场", "quantitative", "=", "50", "场"),
                            ("50场", "quantitative", "=", "50", "场"),
                        ),
                    ],
                )
            ],
        )
    ],
    "notes": [
        ("info", "text.row_no_values", 17),
        ("info", "rows.no_unit", 3),
        ("info", "row.no_indicator", 17),  # (its classes passed on to the rows below)
        ("info", "targets.one_column", None),
        ("warning", "money_unit.missing", None),
        ("info", "total.computed", None),
        ("info", "year.unknown", None),
    ],
}


def _culture(indicators: list[tuple[Any, ...]], funds: str | None) -> list[Any]:
    money = (funds, None, None, None)
    return [
        (
            "某县文化广电旅游局",
            money,
            [("乡村文化活动补助", money, "全年开展文化活动50场。", indicators)],
        )
    ]


_FIFTY = ("50场", "quantitative", "=", "50", "场")
_SITES = (1, "1-产出指标", "11-数量指标", "文化活动场次", _FIFTY, _FIFTY)
_RATE = ("≥80%", "quantitative", "≥", "80", "%")

CELLS_BLANK: dict[str, Any] = {
    "department": "某县文化广电旅游局",
    "year": None,
    "title": None,
    "money_unit": "万元",
    "funds": ("30", None, None, None),
    "units": _culture(
        [
            _SITES,
            (2, "1-产出指标", "12-质量指标", "群众参与率", _RATE, _RATE),
            (
                3,
                "1-产出指标",
                "12-质量指标",
                "活动覆盖村数",
                ("≥20个", "quantitative", "≥", "20", "个"),
                ("≥20个", "quantitative", "≥", "20", "个"),
            ),
            (
                4,
                "2-效益指标",
                "22-社会效益",
                "群众文化生活",
                ("明显改善", "qualitative", None, None, None),
                ("明显改善", "qualitative", None, None, None),
            ),
        ],
        "30",
    ),
    "notes": [
        ("info", "text.after_table", None),
        ("info", "rows.no_unit", 4),
        ("info", "cell.carried", None),
        ("info", "cell.carried", None),
        ("info", "targets.one_column", None),
        ("info", "total.computed", None),
        ("info", "year.unknown", None),
    ],
}

CELLS_SPACED: dict[str, Any] = {
    "department": "某县文化广电旅游局",
    "year": None,
    "title": None,
    "money_unit": "万元",
    "funds": (None, None, None, None),
    "units": _culture([_SITES, (2, "1-产出指标", "12-质量指标", "群众参与率", _RATE, _RATE)], None),
    "notes": [
        ("info", "rows.no_unit", 1),
        ("info", "targets.one_column", None),
        ("warning", "money_unit.missing", None),
        ("info", "total.computed", None),
        ("info", "year.unknown", None),
    ],
}

HTML: dict[str, Any] = {
    "department": "某市民政局",
    "year": 2024,
    "title": "2024年度项目支出绩效目标申报表",
    "money_unit": "元",
    "funds": ("1200000.00", None, None, None),
    "units": [
        (
            "某市养老服务中心",
            ("1200000.00", None, None, None),
            [
                (
                    "社区养老服务补助",
                    ("1200000.00", None, None, None),
                    "为全市3000名老人提供居家养老服务。",
                    [
                        (
                            1,
                            "1-产出指标",
                            "11-数量指标",
                            "服务老人数",
                            ("≥9000人", "quantitative", "≥", "9000", "人"),
                            ("≥3000人", "quantitative", "≥", "3000", "人"),
                        ),
                        (
                            2,
                            "1-产出指标",
                            "11-数量指标",
                            "服务次数",
                            ("≥30000次", "quantitative", "≥", "30000", "次"),
                            ("≥10000次", "quantitative", "≥", "10000", "次"),
                        ),
                        (
                            3,
                            "1-产出指标",
                            "13-时效指标",
                            "服务完成时间",
                            ("2026年12月底前", "qualitative", None, None, None),
                            ("2024年12月底前", "qualitative", None, None, None),
                        ),
                        (
                            4,
                            "2-效益指标",
                            "22-社会效益",
                            "老人生活质量",
                            ("逐步提高", "qualitative", None, None, None),
                            ("有所提高", "qualitative", None, None, None),
                        ),
                    ],
                )
            ],
        )
    ],
    "notes": [
        ("info", "header.two_rows", 9),
        ("info", "label.synonym", 14),
        ("info", "label.synonym", 14),
        ("info", "total.computed", None),
        ("info", "year.inferred", None),
    ],
}


def read(name: str) -> Any:
    data = workbook() if name == "health.xlsx" else (TABLES / name).read_bytes()
    (doc,) = read_bytes(data, name)
    return doc


@pytest.mark.parametrize(
    ("name", "layout", "expected"),
    [
        ("health.xlsx", "xlsx", XLSX),
        ("gb18030.csv", "csv", CSV),
        ("pipe.txt", "webtext", PIPE),
        ("cells.txt", "webtext", CELLS),
        ("cells_blank.txt", "webtext", CELLS_BLANK),
        ("cells_spaced.txt", "webtext", CELLS_SPACED),
        ("form.html", "html", HTML),
    ],
)
def test_reader_gives_the_whole_document(name: str, layout: str, expected: Any) -> None:
    doc = read(name)
    assert doc.source is not None and doc.source.layout == layout
    assert outline(doc) == expected


def test_detection_is_by_content_not_extension() -> None:
    assert sniff(workbook()).key == "xlsx"
    assert sniff((TABLES / "form.html").read_bytes()).key == "html"
    assert sniff((TABLES / "gb18030.csv").read_bytes()).key == "csv"
    assert sniff((TABLES / "pipe.txt").read_bytes()).key == "webtext"
    assert sniff((TABLES / "cells.txt").read_bytes()).key == "webtext"
    (doc,) = read_bytes((TABLES / "pipe.txt").read_bytes(), "download.html")
    assert doc.source is not None and doc.source.layout == "webtext"


def test_text_reader_takes_the_seed_and_web_text_takes_the_rest() -> None:
    assert list(READERS)[-1] == "webtext"  # the last reader: its errors say what a text lacks
    (doc,) = read_bytes(SEED.read_bytes(), str(SEED))
    assert doc.source is not None and doc.source.layout == "text"
    assert doc.counts() == {"units": 3, "projects": 39, "indicators": 212}


def test_csv_in_utf8_with_bom_and_tabs() -> None:
    text = (TABLES / "gb18030.csv").read_bytes().decode("gb18030").replace(",", "\t")
    (doc,) = read_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "table.tsv")
    assert doc.source is not None and doc.source.layout == "csv"
    expected = dict(CSV, notes=[n for n in CSV["notes"] if n[1] != "encoding.gb18030"])
    assert outline(doc) == expected


def test_notes_say_what_was_inferred() -> None:
    doc = read("pipe.txt")
    assert messages(doc, "target.glued") == ["指标值“%=99百分比”按“=99%”读取"]
    assert messages(doc, "label.level1_from_level2") == [
        "二级指标“社会公众或服务对象满意度指标”属于“满意度指标”，"
        "一级指标“效果指标”按“满意度指标”读取"
    ]
    assert messages(doc, "cell.carried") == ["3 行的一级指标为空，沿用上一行"]
    doc = read("gb18030.csv")
    assert messages(doc, "money.converted")[0] == "金额 150000（元）换算为 15 万元"
    assert (
        messages(doc, "name.code_prefix")[0] == "名称“101001-某某县第一小学”前的编码“101001”已去掉"
    )
    assert messages(read("cells.txt"), "text.row_no_values") == [
        "只有名称、没有指标值的行未读取：产出指标 | 质量指标 | 群众参与率"
    ]


def test_html_outside_tables_is_ignored_and_breaks_in_cells_are_joined() -> None:
    doc = read("form.html")
    project = doc.units[0].projects[0]
    assert project.goal == "为全市3000名老人提供居家养老服务。"
    assert "说明文字" not in repr(doc)


def test_a_csv_without_header_row_fails_clearly() -> None:
    data = "名称,金额\n某某项目,12.00\n".encode()
    with pytest.raises(ParseError) as err:
        read_bytes(data, "plain.csv", layout="csv")
    assert err.value.source == "plain.csv"
    assert err.value.line == 1
    assert "三级指标" in str(err.value)


def test_a_broken_workbook_fails_clearly() -> None:
    data = workbook()[:2000]
    with pytest.raises(ParseError) as err:
        read_bytes(data, "broken.xlsx", layout="xlsx")
    assert err.value.source == "broken.xlsx"


def test_one_cell_per_line_reads_blank_lines_as_the_cells_fit() -> None:
    doc = read("cells_blank.txt")  # blank lines that stand for empty cells
    names = [i.name for _, _, i in doc.indicators()]
    assert names == ["文化活动场次", "群众参与率", "活动覆盖村数", "群众文化生活"]
    assert messages(doc, "cell.carried") == [
        "2 行的一级指标为空，沿用上一行",
        "1 行的二级指标为空，沿用上一行",
    ]
    assert doc.units[0].name == "某县文化广电旅游局"  # 单位：万元 is the money unit, not a unit
    doc = read("cells_spaced.txt")  # blank lines between cells that are no cells


def test_html_paragraphs_heading_a_projects_targets_are_kept_over_and_under_the_tables() -> None:
    # a page giving projects one after another: a heading paragraph over each table names its
    # project; one after the last table is a next project cut off before its table. Other text
    # outside the tables (and the page's <title>) stays out.
    page = (
        "<html><head><title>社区老年助餐服务项目项目绩效目标</title></head><body>"
        "<h2>2024年某县重点民生政策和项目绩效目标情况</h2>"
        "<p><strong>社区老年助餐服务项目项目绩效目标</strong></p>"
        "<p>(一)中长期绩效目标</p><p>到规划期末建成覆盖城乡的老年助餐服务网络。</p>"
        "<table><tr><td>一级指标</td><td>二级指标</td><td>指标名称</td><td>指标值</td></tr>"
        "<tr><td>产出指标</td><td>数量指标</td><td>助餐点数量</td><td>30个</td></tr></table>"
        "<p>城乡居民医保参保补助项目项目绩效目标</p><p>(一)中长期绩效目标</p>"
        "</body></html>"
    )
    (doc,) = read_bytes(page.encode(), "page.html")
    assert doc.kind == "target"
    projects = [(p.name, len(p.indicators)) for _, p in doc.projects()]
    assert projects == [("社区老年助餐服务项目", 1), ("城乡居民医保参保补助项目", 0)]
    assert doc.title == "2024年某县重点民生政策和项目绩效目标情况"
    assert "到规划期末" not in repr(doc)


def test_html_a_page_laid_out_in_a_table_reads_as_the_page_without_it() -> None:
    # an old site's page: its links, headings and the tables all sit in the cells of an outer
    # table; that table is the page's layout, its cells the page's text
    body = (
        "<h2>2024年某县重点民生政策和项目绩效目标情况</h2>"
        "<p>社区老年助餐服务项目项目绩效目标</p>"
        "<table><tr><td>一级指标</td><td>二级指标</td><td>指标名称</td><td>指标值</td></tr>"
        "<tr><td>产出指标</td><td>数量指标</td><td>助餐点数量</td><td>30个</td></tr></table>"
        "<p>城乡居民医保参保补助项目项目绩效目标</p>"
    )
    bare = f"<html><body>{body}</body></html>"
    laid_out = (
        '<html><body><TABLE width="100%">\n<tr><td>首页 | 政务公开 | 预决算</td></tr>\n'
        f'<tr>\n<td class="main"\n  valign="top">{body}</td></tr>\n'
        "<tr><td>版权所有 某县人民政府</td></tr></TABLE></body></html>"
    )
    (want,) = read_bytes(bare.encode(), "page.html")
    (got,) = read_bytes(laid_out.encode(), "page.html")
    assert [(p.name, len(p.indicators)) for _, p in got.projects()] == [
        ("社区老年助餐服务项目", 1),
        ("城乡居民医保参保补助项目", 0),
    ]
    assert _lines_apart(got) == _lines_apart(want)  # (its notes are on other lines)
    assert "版权所有" not in repr(got)


def _lines_apart(doc: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A document's outline without its notes, and its notes without their lines."""
    whole = outline(doc)
    notes = [(level, code) for level, code, _ in whole.pop("notes")]
    return whole, notes


def test_html_a_page_in_gbk_without_a_charset_is_read() -> None:
    # a saved page whose charset was in the server's header only: its markup is no text, the
    # rest is Chinese text in GBK beyond doubt
    page = (
        "<html><body><h2>某县民政局项目支出绩效目标表</h2><table>"
        "<tr><td>项目名称</td><td>社区老年助餐服务</td></tr>"
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
        "<tr><td>产出指标</td><td>数量指标</td><td>助餐点数量</td><td>30个</td></tr>"
        "</table></body></html>"
    )
    (doc,) = read_bytes(page.encode("gb18030"), "page.html")
    assert [i.name for _, _, i in doc.indicators()] == ["助餐点数量"]
    assert "encoding.gb18030" in {n.code for n in doc.notes}


def test_html_a_form_holding_its_indicator_table_in_a_cell_stays_a_form() -> None:
    # the outer table's own cells are labels (项目名称, 主管部门): a form, not a layout
    page = (
        "<table><tr><td>项目名称</td><td>社区老年助餐服务</td></tr>"
        "<tr><td>主管部门</td><td>某县民政局</td></tr>"
        "<tr><td>绩效指标</td><td><table>"
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
        "<tr><td>产出指标</td><td>数量指标</td><td>助餐点数量</td><td>30个</td></tr>"
        "</table></td></tr></table>"
    )
    (doc,) = read_bytes(page.encode(), "form.html")
    [(_unit, project)] = doc.projects()
    assert project.name == "社区老年助餐服务"
    assert [(i.name, i.annual.text) for i in project.indicators] == [("助餐点数量", "30个")]


def test_csv_saved_from_a_sheet_is_read_as_csv_though_its_header_spans_rows() -> None:
    # a sheet exported to CSV: every row as wide as the sheet, a title, and a header whose
    # 年度指标值 spans three columns (its text on the first only) over a second header row
    text = (
        "某县民政局项目支出绩效目标表,,,,,\n"
        "项目名称,社区老年助餐服务,,,,\n"
        "一级指标,二级指标,三级指标,年度指标值,,\n"
        ",,,指标性质,指标值,度量单位\n"
        "产出指标,数量指标,助餐点数量,≥,30,个\n"
        ",质量指标,食品安全事故,=,0,起\n"
    )
    for encoding in ("utf-8-sig", "gb18030"):
        (doc,) = read_bytes(text.encode(encoding), "table.csv")
        assert doc.source is not None and doc.source.layout == "csv"
        [(_, project)] = doc.projects()
        assert project.name == "社区老年助餐服务"
        assert [(i.name, i.annual.text) for i in project.indicators] == [
            ("助餐点数量", "≥30个"),
            ("食品安全事故", "=0起"),
        ]
    prose = "某县某局\n项目名称,某某,其他说明\n正文一段,内容\n"
    assert sniff(prose.encode()).key != "csv"  # (rows of differing widths: no sheet)


def test_csv_of_a_sheet_keeps_the_labels_its_lost_merges_left_on_one_cell() -> None:
    # A self-evaluation sheet saved as CSV: 绩效指标 / 年度指标值 over 一级 … 度量单位, and
    # 实际完成值 | 分值 | 得分 spanning both header rows (text on the upper row only); 预期指标值
    # over 符号 | ∅ | 单位 (its middle column labelled by the merge alone); wrapped labels in
    # quoted cells (a line break inside a record is no new line); a rate under 预算执行进度(%)
    # after a merged amount's empty cell.
    text = (
        "某县项目支出绩效自评表,,,,,,,,\n"
        "项目名称,某某补助,,,,,,,\n"
        '"预算执行\n情况",预算安排情况,,,资金执行情况,,,预算执行进度(%),\n'
        ",预算数,6.84,,执行数,6.84,,100.00,\n"
        '"绩\n效\n指\n标",,,年度指标值,,,实际完成值,分值,得分\n'
        '"一级\n指标",二级指标,三级指标,指标性质,指标值,度量单位,,,\n'
        "产出指标,数量指标,补助人数,≥,30,人,32人,20,20\n"
        ",质量指标,发放准确率,=,100,%,100%,20,18\n"
    )
    (doc,) = read_bytes(text.encode("utf-8-sig"), "sheet.csv")
    assert doc.source is not None and doc.source.layout == "csv"
    [(_, project)] = doc.projects()
    assert [
        (i.name, i.annual.text, i.actual.text if i.actual else None, str(i.weight), str(i.score))
        for i in project.indicators
    ] == [
        ("补助人数", "≥30人", "32人", "20", "20"),
        ("发放准确率", "=100%", "100%", "20", "18"),
    ]
    assert project.execution is not None and str(project.execution.rate) == "100.00"
    grouped = (
        "某县项目支出绩效自评表,,,,,,\n"
        "项目名称,某某补助,,,,,\n"
        "一级指标,二级指标,三级指标,预期指标值,,,实际完成值\n"
        ",,,符号,,单位,\n"
        "产出指标,数量指标,补助人数,>=,30,人,32人\n"
    )
    (doc,) = read_bytes(grouped.encode("utf-8-sig"), "grouped.csv")
    [(_, project)] = doc.projects()
    assert [(i.name, i.annual.text) for i in project.indicators] == [("补助人数", "≥30人")]


def test_html_a_forms_own_lines_over_its_table_are_read_with_it() -> None:
    # a department's name over the form's title, its year and its money unit, written as
    # paragraphs over the table: the department, the kind, the year and the unit are the form's;
    # a line of page furniture that ends as a name does (转载请注明出处) is no department
    table = (
        "<table><tr><td>207101某县人民法院</td><td>单位:万元</td><td></td><td></td></tr>"
        "<tr><td>项目名称</td><td>某某维修</td><td></td><td></td></tr>"
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
        "<tr><td>产出指标</td><td>数量指标</td><td>维修面积</td><td>≥400平方米</td></tr>"
        "<tr><td>207101某县人民法院</td><td>单位:万元</td><td></td><td></td></tr>"
        "<tr><td>项目名称</td><td>某某办案</td><td></td><td></td></tr>"
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
        "<tr><td>产出指标</td><td>数量指标</td><td>案件数量</td><td>≥900件</td></tr></table>"
    )
    page = (
        "<html><body><p>首页 &gt; 预决算公开</p><h3>天津市某县人民法院</h3>"
        f"<p>项目支出绩效目标表</p><p>(2023年)</p><p>单位:元</p>{table}</body></html>"
    )
    (doc,) = read_bytes(page.encode(), "page.html")
    assert (doc.kind, doc.year, doc.department, doc.money_unit) == (
        "target",
        2023,
        "天津市某县人民法院",
        "元",
    )
    assert [(p.name, [i.name for i in p.indicators]) for _, p in doc.projects()] == [
        ("某某维修", ["维修面积"]),
        ("某某办案", ["案件数量"]),
    ]  # (207101某县人民法院 | 单位:万元 over the second form: no indicator)
    furniture = page.replace("<h3>天津市某县人民法院</h3>", "<p>转载请注明出处</p>")
    (doc,) = read_bytes(furniture.encode(), "page.html")
    assert doc.department != "转载请注明出处"


def test_html_a_table_of_the_forms_lines_over_it_is_read_as_its_lines() -> None:
    # hn-changde-lixian-sthj-kaohe-target-2021: 填报单位(公章):… | 金额:… laid out in a
    # borderless table of its own over the form: the form's lines, no table of their own
    form = (
        "<table><tr><td>项目名称</td><td>某某考核经费</td><td></td><td></td></tr>"
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
        "<tr><td>产出指标</td><td>数量指标</td><td>考核次数</td><td>≥2次</td></tr></table>"
    )
    lines = "<table><tr><td>填报单位(公章):某某县某某局</td><td>金额:100 万元</td></tr></table>"
    page = f"<html><body><p>预算项目绩效目标申报表</p><p>(2021年度)</p>{lines}{form}</body></html>"
    (doc,) = read_bytes(page.encode(), "page.html")
    assert doc.department == "某某县某某局"
    ((_, project),) = doc.projects()
    assert [i.name for i in project.indicators] == ["考核次数"]
    assert project.funds.total == 100  # (金额:100 万元: a total's line, no title)
    # a table of such cells with no table after it stays a table (nothing it would head)
    (alone,) = html_grids(lines.encode(), "page.html")
    assert alone.rows == [["填报单位(公章):某某县某某局", "金额:100 万元"]]


def test_html_areas_named_under_a_label_spanning_them_are_no_indicator() -> None:
    # 区域目标值 over a row naming the areas (a target per county): that row is the header's
    header = (
        "<tr><td>项目名称</td><td colspan='5'>某某经费补助</td></tr>"
        "<tr><td rowspan='2'>一级指标</td><td rowspan='2'>二级指标</td>"
        "<td rowspan='2'>三级指标</td><td colspan='3'>区域目标值</td></tr>"
        "<tr><td>甲区</td><td>乙县</td><td>丙市</td></tr>"
    )
    rows = "<tr><td>产出指标</td><td>质量指标</td><td>资金使用合规性</td>" + (
        "<td>&gt;=95%</td>" * 3 + "</tr>"
    )
    (doc,) = read_bytes(f"<table>{header}{rows}</table>".encode(), "areas.html")
    [(_, project)] = doc.projects()
    assert [(i.name, i.annual.text) for i in project.indicators] == [("资金使用合规性", ">=95%")]
