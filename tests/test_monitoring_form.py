"""The monitoring form: lights and what must be filled in before it is submitted, and the Excel
round trip units use offline (the real templates' columns, ids hidden, refusals named by row)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jixiao.errors import ParseError
from jixiao.ingest import read_bytes
from jixiao.model import Project
from jixiao.monitoring import load_monitoring_rules
from jixiao.monitoring.form import Entry, blank, check_form
from jixiao.monitoring.workbook import SHEET, read_form, write_form
from jixiao.selfeval import load_selfeval_rules
from jixiao.targets import type_target

from .helpers import SEED

D = Decimal
RULES = load_monitoring_rules()
SCORING = load_selfeval_rules()
[DOC] = read_bytes(SEED.read_bytes(), SEED.name)
PROJECT: Project = next(p for _, p in DOC.projects() if p.name == "车辆租用经费")


def filled() -> tuple[Project, object]:
    form = blank(PROJECT, 2025, 6)
    form.budget.spent = D("12.5")
    for ind in PROJECT.indicators:
        form.entries[ind.id] = Entry(ind.id, type_target(ind.annual.text), possibility="确定能")
    return PROJECT, form


def test_a_form_as_its_targets_is_complete() -> None:
    project, form = filled()
    check = check_form(form, project, RULES, SCORING)  # type: ignore[arg-type]
    assert set(check.lights) == {i.id for i in project.indicators}
    assert check.budget is not None and check.budget.key is not None
    assert [p.message for p in check.problems] == []


def test_red_or_doubtful_needs_reasons_and_measures() -> None:
    project, form = filled()
    first = project.indicators[0]
    entry = form.entries[first.id]  # type: ignore[attr-defined]
    assert first.annual.kind == "quantitative"
    entry.current = type_target("0" + (first.annual.unit or ""))
    check = check_form(form, project, RULES, SCORING)  # type: ignore[arg-type]
    assert check.lights[first.id].key == "red" and check.project == "red"
    fields = {(p.indicator, p.field) for p in check.problems}
    assert (first.id, "reasons") in fields and (first.id, "measures") in fields
    assert (None, "deviation") in fields
    entry.reasons, entry.measures = ["施工进度滞后"], "下半年加快进度"
    form.deviation = "上半年未启动"  # type: ignore[attr-defined]
    assert check_form(form, project, RULES, SCORING).problems == []  # type: ignore[arg-type]
    entry.current = type_target(first.annual.text)
    entry.possibility, entry.reasons, entry.measures = "有可能", [], None
    fields = {(p.indicator, p.field) for p in check_form(form, project, RULES, SCORING).problems}  # type: ignore[arg-type]
    assert (first.id, "reasons") in fields


def test_values_outside_the_lists_and_strangers_are_problems() -> None:
    project, form = filled()
    entry = form.entries[project.indicators[0].id]  # type: ignore[attr-defined]
    entry.possibility, entry.reasons = "大概", ["天气"]
    form.entries["nope"] = Entry("nope")  # type: ignore[attr-defined]
    messages = " ".join(p.message for p in check_form(form, project, RULES, SCORING).problems)  # type: ignore[arg-type]
    assert "“大概”不在可选项中" in messages and "“天气”不在代码表中" in messages
    assert "nope 不是本项目的指标" in messages


def test_excel_round_trip() -> None:
    project, form = filled()
    first, second = project.indicators[0], project.indicators[1]
    data = write_form(project, form, RULES)  # type: ignore[arg-type]
    book = load_workbook(io.BytesIO(data))
    sheet = book[SHEET]
    header = next(r for r in range(1, 10) if sheet.cell(r, 3).value == "三级指标")
    headings = [sheet.cell(header, c).value for c in range(1, 13)]
    assert headings == ["一级指标", "二级指标", "三级指标", "年度指标值", "当前完成值",
                        "全年预计完成情况", "完成可能性", "偏差原因", "其他原因说明", "纠偏措施",
                        "备注", "指标编号"]  # fmt: skip
    assert sheet.column_dimensions["L"].hidden and sheet.protection.sheet
    # the unit fills it offline: a red current value with its reasons
    row = header + 1
    assert sheet.cell(row, 12).value == first.id
    sheet.cell(row, 5).value = "0" + (first.annual.unit or "")
    sheet.cell(row, 7).value = "有可能"
    sheet.cell(row, 8).value = "施工进度滞后、其他"
    sheet.cell(row, 9).value = "供应商延期"
    sheet.cell(row, 10).value = "已督促供应商"
    sheet.cell(row + 1, 11).value = "无"
    analysis = next(
        r for r in range(row, sheet.max_row + 1) if sheet.cell(r, 1).value == "偏差分析"
    )
    sheet.cell(analysis, 2).value = "上半年采购延期"
    buf = io.BytesIO()
    book.save(buf)
    back = read_form(buf.getvalue(), "监控表.xlsx", project, 2025, 6, RULES)
    entry = back.entries[first.id]
    assert entry.current is not None and entry.current.value == 0
    assert (entry.possibility, entry.reasons, entry.other_reason, entry.measures) == (
        "有可能", ["施工进度滞后", "其他"], "供应商延期", "已督促供应商")  # fmt: skip
    assert back.entries[second.id].note == "无" and back.deviation == "上半年采购延期"
    assert back.budget.spent == D("12.5") and back.budget.adjusted == project.funds.total
    assert set(back.entries) == {i.id for i in project.indicators}
    assert check_form(back, project, RULES, SCORING).lights[first.id].key == "red"


def _edited(edit: object) -> bytes:
    project, form = filled()
    book = load_workbook(io.BytesIO(write_form(project, form, RULES)))  # type: ignore[arg-type]
    edit(book[SHEET])  # type: ignore[operator]
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda s: setattr(s.cell(6, 12), "value", "someone-else"),
            "第 6 行：指标编号“someone-else”不是本项目的指标",
        ),
        (
            lambda s: setattr(s.cell(6, 7), "value", "大概"),
            "第 6 行：完成可能性“大概”应为 确定能、有可能、不可能",
        ),
        (lambda s: setattr(s.cell(6, 8), "value", "天气"), "偏差原因“天气”不在代码表中"),
        (lambda s: setattr(s.cell(3, 6), "value", "一百"), "“累计支出”：“一百”不是金额"),
        (lambda s: setattr(s.cell(5, 5), "value", "x"), "找不到指标表头"),
    ],
)
def test_a_bad_workbook_is_refused_whole(edit: object, message: str) -> None:
    with pytest.raises(ParseError) as err:
        read_form(_edited(edit), "监控表.xlsx", PROJECT, 2025, 6, RULES)
    assert message in err.value.describe() and "监控表.xlsx" in err.value.describe()


def test_a_regions_own_template_without_ids() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["项目名称", PROJECT.name])
    sheet.append(["年初预算数", 30, "1-6月执行数", 10])
    sheet.append(["一级指标", "指标名称", "指标值", "半年度指标执行情况", "完成目标可能性", "备注"])
    ind = PROJECT.indicators[0]
    sheet.append([ind.level1.name, ind.name, ind.annual.text, ind.annual.text, "确定能", ""])
    sheet.append([ind.level1.name, "没有这个指标", "1", "1", "确定能", ""])
    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(ParseError, match="“没有这个指标”在本项目中找不到"):
        read_form(buf.getvalue(), "自制.xlsx", PROJECT, 2025, 6, RULES)
    sheet.delete_rows(5)
    buf = io.BytesIO()
    book.save(buf)
    form = read_form(buf.getvalue(), "自制.xlsx", PROJECT, 2025, 6, RULES)
    assert list(form.entries) == [ind.id] and form.budget.spent == 10
