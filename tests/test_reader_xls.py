"""Legacy .xls workbooks (a real BIFF file with a merged project column)."""

from __future__ import annotations

import io

import pytest

from jixiao.errors import ParseError
from jixiao.ingest import read_bytes

from .helpers import DATA


def test_legacy_xls_with_merged_cells() -> None:
    data = (DATA / "tables/legacy.xls").read_bytes()
    [doc] = read_bytes(data, "任意名字.bin")  # detected by content
    assert doc.source is not None and doc.source.layout == "xls"
    assert (doc.department, doc.year, doc.money_unit) == ("示例县教育局", 2025, "万元")
    [(_, project)] = list(doc.projects())
    assert project.name == "义务教育营养改善"  # merged over five rows
    rows = [(i.level1.label(), i.level2.label(), i.name, i.annual.text) for i in project.indicators]
    assert rows == [
        ("1-产出指标", "11-数量指标", "受益学生人数", "≥12000人"),
        ("1-产出指标", "11-数量指标", "供餐天数", "≥200天"),
        ("1-产出指标", "12-质量指标", "食品安全事故", "0起"),
        ("2-效益指标", "22-社会效益", "学生营养状况改善率", "≥5%"),
        ("3-满意度指标", "31-服务对象满意度", "家长满意度", "≥90%"),
    ]
    codes = {n.code for n in doc.notes}
    assert {"cell.carried", "label.synonym", "targets.one_column"} <= codes


def test_legacy_xls_marks_a_merged_range_below_its_first_row() -> None:
    from jixiao.ingest.readers import xls

    [grid] = xls.grids((DATA / "tables/legacy.xls").read_bytes(), "legacy.xls")
    top = next(r for r, row in enumerate(grid.rows) if row[0] == "义务教育营养改善")
    assert not grid.continues(top, 0)
    assert all(grid.continues(r, 0) and grid.rows[r][0] == grid.rows[top][0]
               for r in range(top + 1, top + 5))  # fmt: skip
    assert not any(grid.continues(top + 1, j) for j in range(1, len(grid.rows[top + 1])))


def test_broken_xls() -> None:
    data = (DATA / "tables/legacy.xls").read_bytes()[:600]
    with pytest.raises(ParseError, match="无法打开 Excel") as info:
        read_bytes(data, "broken.xls")
    assert info.value.source == "broken.xls"


def test_legacy_xls_cells_read_as_the_sheet_shows_them() -> None:
    # a finance system's .xls: a rate stored as 0.95 formatted 0%, an amount #,##0.00, a count
    # with its unit in the format; calamine gives the bare numbers, the formats come from the
    # workbook's own records
    import xlwt  # type: ignore[import-untyped]

    from jixiao.ingest.readers import xls

    book = xlwt.Workbook()
    sheet = book.add_sheet("绩效目标")
    for col, label in enumerate(["三级指标", "指标值", "预算"]):
        sheet.write(0, col, label)
    sheet.write(1, 0, "合格率")
    sheet.write(1, 1, 0.95, xlwt.easyxf(num_format_str="0%"))
    sheet.write(1, 2, 12537, xlwt.easyxf(num_format_str="#,##0.00"))
    sheet.write(2, 0, "受益人数")
    sheet.write(2, 1, 1200, xlwt.easyxf(num_format_str='0"人"'))
    sheet.write(2, 2, 0.5)  # General
    out = io.BytesIO()
    book.save(out)
    [grid] = xls.grids(out.getvalue(), "formats.xls")
    assert grid.rows[1:] == [["合格率", "95%", "12537.00"], ["受益人数", "1200人", "0.5"]]
