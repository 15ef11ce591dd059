"""Writes ``tree.xlsx``: a workbook with an indentation tree, as budget systems export it.

Run from the repository root: ``.venv/bin/python tests/data/tables/make_tree.py``. The first
project's levels are cell indents (``Alignment(indent=n)``), the second project's leading spaces;
the second project is in 万元 while the workbook is in 元. A second sheet holds no table.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment

HERE = Path(__file__).parent


def build() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "绩效目标"
    ws.append(["2025年某区民政局项目支出绩效目标表"])
    ws.merge_cells("A1:C1")
    ws.append(["项目名称", "社区养老服务补助"])
    ws.append(["主管部门", "某区民政局"])
    ws.append(["资金总额（元）", 1200000])
    ws.append(["年度绩效目标", "为辖区500名老人提供居家养老服务。"])
    ws.append(["绩效指标", "年度指标值", "实施周期指标值"])
    tree = [
        (0, "产出指标", None, None),
        (1, "数量指标", None, None),
        (2, "服务老人人数", "≥500人", "≥1500人"),
        (1, "质量指标", None, None),
        (2, "服务达标率", "%=95百分比", "%=95百分比"),
        (0, "效益指标", None, None),
        (1, "社会效益指标", None, None),
        (2, "老年人生活质量", "有所提高", "明显提高"),
        (0, "满意度指标", None, None),
        (1, "服务对象满意度指标", None, None),
        (2, "服务对象满意度", "≥90%", "≥90%"),
    ]
    for indent, label, annual, cycle in tree:
        ws.append([label, annual, cycle])
        ws.cell(ws.max_row, 1).alignment = Alignment(indent=indent)
    ws.append(["项目名称", "老年人能力评估"])
    ws.append(["资金总额（万元）", 35])
    ws.append(["年度绩效目标", "完成全区老年人能力评估。"])
    ws.append(["绩效指标", "年度指标值", "实施周期指标值"])
    ws.append(["产出指标"])
    ws.append(["  数量指标"])
    ws.append(["    评估人数", "≥3000人", ">=9000人"])
    ws.append([None, "（以下空白）"])
    wb.create_sheet("填报说明").append(["本表由预算管理一体化系统导出。"])
    return wb


if __name__ == "__main__":
    build().save(HERE / "tree.xlsx")
