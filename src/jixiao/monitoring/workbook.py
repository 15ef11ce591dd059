"""The monitoring form as an Excel workbook units fill offline, and reading it back.

:func:`write_form` lays the form out as the real templates do (一级, 二级, 三级,
年度指标值, 当前完成值, 全年预计完成情况, 完成可能性, 偏差原因, 其他原因说明,
纠偏措施, 备注), with drop-down lists for the coded columns, the cells a unit must
not change locked, and each indicator's id in a hidden 指标编号 column.
:func:`read_form` reads a filled workbook (this one, or a region's own template
whose headings the rules file lists) back into a :class:`~.form.MonitoringForm`,
or refuses it whole with every problem named by row: nothing is half-read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import ParseError
from ..model import Project
from ..selfeval.scoring import target_of
from ..targets import type_target
from .config import MonitoringRules
from .form import Budget, Entry, MonitoringForm

SHEET = "运行监控表"
ORDER = ("level1", "level2", "name", "annual", "current", "expected", "possibility", "reasons",
         "other_reason", "measures", "note", "id")  # fmt: skip
EDITABLE = {"current", "expected", "possibility", "reasons", "other_reason", "measures", "note"}
_SPLIT = re.compile(r"\s*[、，,；;/\n]\s*")


def _heading(rules: MonitoringRules, key: str) -> str:
    return rules.columns[key][0]


def write_form(
    project: Project, form: MonitoringForm, rules: MonitoringRules, *, department: str = ""
) -> bytes:
    """The form as a workbook to fill offline (the values already entered filled in)."""
    import xlsxwriter  # lazily: only this export needs it

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False})
    title = book.add_format({"bold": True, "font_size": 14, "align": "center"})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                            "align": "center", "valign": "vcenter", "locked": True})  # fmt: skip
    fixed = book.add_format({"border": 1, "text_wrap": True, "valign": "top", "locked": True,
                             "bg_color": "#F2F2F2"})  # fmt: skip
    entry = book.add_format({"border": 1, "text_wrap": True, "valign": "top", "locked": False})
    money = book.add_format({"border": 1, "num_format": "#,##0.00", "locked": False})
    sheet = book.add_worksheet(SHEET)
    columns = [c for c in ORDER if c in rules.columns]
    width = {"level1": 10, "level2": 10, "name": 26, "annual": 14, "current": 14, "expected": 16,
             "possibility": 10, "reasons": 16, "other_reason": 20, "measures": 24, "note": 12,
             "id": 10}  # fmt: skip
    for col, key in enumerate(columns):
        sheet.set_column(col, col, width[key], None, {"hidden": key == "id"})
    last = len(columns) - 1
    year = f"{form.year}年" if form.year else ""
    sheet.merge_range(0, 0, 0, last, f"项目支出绩效运行监控表（{year}1-{form.month}月）", title)
    sheet.write(1, 0, "项目名称", head)
    sheet.merge_range(1, 1, 1, 4, project.name, fixed)
    sheet.write(1, 5, "主管部门", head)
    sheet.merge_range(1, 6, 1, last, department or project.department or "", fixed)
    labels = [("initial", form.budget.initial), ("adjusted", form.budget.adjusted),
              ("spent", form.budget.spent)]  # fmt: skip
    for k, (key, value) in enumerate(labels):
        sheet.write(2, 2 * k, rules.budget_labels[key][0], head)
        sheet.write(2, 2 * k + 1, "" if value is None else float(value), money)
    sheet.write(2, 6, "执行率（%）", head)
    sheet.write(2, 7, "自动计算", fixed)
    sheet.write(2, 8, "结余", head)
    sheet.write(2, 9, "自动计算", fixed)
    header = 4
    for col, key in enumerate(columns):
        sheet.write(header, col, _heading(rules, key), head)
    row = header + 1
    for ind in project.indicators:
        e = form.entries.get(ind.id) or Entry(ind.id)
        values: Mapping[str, str] = {
            "level1": ind.level1.name, "level2": ind.level2.name, "name": ind.name,
            "annual": target_of(ind).text, "current": e.current.text if e.current else "",
            "expected": e.expected or "", "possibility": e.possibility or "",
            "reasons": "、".join(e.reasons), "other_reason": e.other_reason or "",
            "measures": e.measures or "", "note": e.note or "", "id": ind.id,
        }  # fmt: skip
        for col, key in enumerate(columns):
            sheet.write_string(row, col, values[key], entry if key in EDITABLE else fixed)
        row += 1
    first, end = header + 1, row - 1
    if end >= first:
        pc, rc = columns.index("possibility"), columns.index("reasons")
        sheet.data_validation(first, pc, end, pc, {
            "validate": "list", "source": list(rules.possibilities),
            "error_message": f"请选择：{'、'.join(rules.possibilities)}"})  # fmt: skip
        listed = "可填多个，用“、”分隔：" + "、".join(rules.reasons)
        hint = {"validate": "any", "input_title": "偏差原因", "input_message": listed[:250]}
        sheet.data_validation(first, rc, end, rc, hint)
    row += 1
    analysis = (("deviation", form.deviation), ("problems", form.problems),
                ("measures", form.measures))  # fmt: skip
    for part, said in analysis:
        sheet.write(row, 0, rules.analysis_labels[part][0], head)
        sheet.merge_range(row, 1, row, last, said or "", entry)
        sheet.set_row(row, 45)
        row += 1
    sheet.protect("", {"format_columns": True, "format_rows": True})
    sheet.freeze_panes(header + 1, 3)
    book.close()
    return buf.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _amount(value: Any, where: str, errors: list[str]) -> Decimal | None:
    text = _text(value).replace(",", "")
    if not text or text in ("自动计算", "-", "—"):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        errors.append(f"{where}：“{text}”不是金额（应为数字，如 120.5）")
        return None


def _find(labels: Mapping[str, tuple[str, ...]], cell: str) -> str | None:
    plain = re.sub(r"[（(][^）)]*[）)]|\s", "", cell)
    for key, words in labels.items():
        if plain in words or cell in words:
            return key
    return None


def read_form(
    data: bytes, name: str, project: Project, year: int | None, month: int, rules: MonitoringRules
) -> MonitoringForm:
    """The filled workbook ``data`` (file ``name``) as the form of ``project``; a
    :class:`~jixiao.errors.ParseError` naming every problem otherwise."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # lazily

    try:
        book = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception as exc:  # zipfile and openpyxl raise many kinds for a broken file
        raise ParseError(
            f"无法打开 Excel 文件：{exc}", source=name, expected="监控表 .xlsx"
        ) from exc
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    errors: list[str] = []
    form = MonitoringForm(project.id, year, month, Budget())
    header, cols = _header(rows, rules)
    if header is None:
        raise ParseError(
            f"工作表“{sheet.title}”中找不到指标表头",
            source=name,
            expected=f"含“{_heading(rules, 'name')}”和“{_heading(rules, 'current')}”列的表头行",
        )
    for r, row in enumerate(rows[:header]):
        for j, cell in enumerate(row):
            key = _find(rules.budget_labels, _text(cell))
            if key is not None and j + 1 < len(row):
                value = _amount(row[j + 1], f"第 {r + 1} 行“{_text(cell)}”", errors)
                setattr(form.budget, key, value)
    by_id = {ind.id: ind for ind in project.indicators}
    by_name: dict[tuple[str, str], list[str]] = {}
    for ind in project.indicators:
        by_name.setdefault((ind.level1.name, ind.name), []).append(ind.id)
    for r in range(header + 1, len(rows)):
        row = rows[r]
        cell = {key: _text(row[j]) if j < len(row) else "" for key, j in cols.items()}
        first = _text(row[0]) if row else ""
        analysis = _find(rules.analysis_labels, first)
        if analysis is not None:
            rest = next((_text(v) for v in row[1:] if _text(v)), "")
            setattr(form, analysis, rest or None)
            continue
        if not cell.get("name") and not cell.get("id"):
            continue
        where = f"第 {r + 1} 行"
        ident = cell.get("id", "")
        if ident:
            if ident not in by_id:
                errors.append(f"{where}：指标编号“{ident}”不是本项目的指标")
                continue
        else:  # a region's own template without ids: the class and the name must be unique
            found = by_name.get((cell.get("level1", ""), cell.get("name", "")), [])
            if "level1" not in cols:
                found = [i for (_, n), ids in by_name.items() if n == cell.get("name") for i in ids]
            if len(found) != 1:
                errors.append(f"{where}：指标“{cell.get('name')}”在本项目中"
                              f"{'找不到' if not found else '不止一个'}（请使用导出的监控表，"
                              "它带有指标编号）")  # fmt: skip
                continue
            ident = found[0]
        if ident in form.entries:
            errors.append(f"{where}：指标“{by_id[ident].name}”重复填写")
            continue
        reasons = [x for x in _SPLIT.split(cell.get("reasons", "")) if x]
        form.entries[ident] = Entry(
            ident,
            current=type_target(cell["current"]) if cell.get("current") else None,
            expected=cell.get("expected") or None,
            possibility=cell.get("possibility") or None,
            reasons=reasons,
            other_reason=cell.get("other_reason") or None,
            measures=cell.get("measures") or None,
            note=cell.get("note") or None,
        )
        unknown = [x for x in reasons if x not in rules.reasons]
        if unknown:
            errors.append(f"{where}：偏差原因“{'、'.join(unknown)}”不在代码表中"
                          f"（{'、'.join(rules.reasons)}）")  # fmt: skip
        possibility = cell.get("possibility")
        if possibility and possibility not in rules.possibilities:
            errors.append(
                f"{where}：完成可能性“{possibility}”应为 {'、'.join(rules.possibilities)}"
            )
    if errors:
        raise ParseError(
            f"监控表有 {len(errors)} 处问题，未导入：" + "；".join(errors[:20])
            + ("……" if len(errors) > 20 else ""),
            source=name,
        )  # fmt: skip
    return form


def _header(rows: list[list[Any]], rules: MonitoringRules) -> tuple[int | None, dict[str, int]]:
    for r, row in enumerate(rows):
        cols: dict[str, int] = {}
        for j, cell in enumerate(row):
            key = _find(rules.columns, _text(cell))
            if key is not None and key not in cols:
                cols[key] = j
        if "name" in cols and "current" in cols:
            return r, cols
    return None, {}
