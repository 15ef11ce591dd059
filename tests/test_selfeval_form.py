"""A self-evaluation filled in Jixiao: the form put on a copy of its project, scored, its own
problems, and the 自评表 in the official layout as Excel, PDF and Word."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jixiao.errors import InputError
from jixiao.ingest import read_bytes
from jixiao.selfeval import load_selfeval_rules
from jixiao.selfeval.form import Actual, apply, blank, check
from jixiao.selfeval.sheet import WIDTH, render, rows
from jixiao.targets import type_target

from .helpers import SEED

D = Decimal
RULES = load_selfeval_rules()
[DOC] = read_bytes(SEED.read_bytes(), SEED.name)
PROJECT = next(p for _, p in DOC.projects() if p.name == "车辆租用经费")


def filled() -> object:
    form = blank(PROJECT, 2025)
    form.executed = (PROJECT.funds.total or D(0)) * D("0.95")
    share = D(90) / len(PROJECT.indicators)
    for ind in PROJECT.indicators:
        ind_weight = share
        form.entries[ind.id] = Actual(ind.id, type_target(ind.annual.text), None, None)
        ind.weight = ind_weight  # the table gives no weights: the unit sets them
    form.conclusion, form.problems, form.improvements = "完成年度目标", "无", "继续保持"
    return form


def test_apply_never_changes_the_project() -> None:
    form = filled()
    copy = apply(form, PROJECT)  # type: ignore[arg-type]
    assert copy is not PROJECT and copy.indicators[0] is not PROJECT.indicators[0]
    assert PROJECT.indicators[0].actual is None and copy.indicators[0].actual is not None
    assert copy.execution is not None and copy.execution.rate == D(95)


def test_check_scores_and_names_what_is_missing() -> None:
    form = filled()
    result = check(form, PROJECT, RULES)  # type: ignore[arg-type]
    qualitative = [s for s in result.indicators if s.score is None]
    assert result.total is None or not qualitative
    messages = " ".join(p.message for p in result.problems)
    for s in qualitative:  # the reviewer must pick within the band
        assert any(p.field == "score" for p in result.problems)
        form.entries[s.indicator.id].score = s.indicator.weight  # type: ignore[attr-defined]
    result = check(form, PROJECT, RULES)  # type: ignore[arg-type]
    assert result.total is not None and result.grade is not None, messages
    form.conclusion = ""  # type: ignore[attr-defined]
    assert any(p.field == "conclusion" for p in check(form, PROJECT, RULES).problems)  # type: ignore[arg-type]
    other = blank(PROJECT, 2025)
    other.project = "someone-else"
    with pytest.raises(InputError, match="不是这个项目的"):
        check(other, PROJECT, RULES)


def test_official_layout_in_every_format() -> None:
    form = filled()
    result = check(form, PROJECT, RULES)  # type: ignore[arg-type]
    title, table = rows(PROJECT, form, result, department=DOC.department)  # type: ignore[arg-type]
    assert title == "项目支出绩效自评表（2025年度）"
    assert all(sum(c.span for c in row) == WIDTH for row in table)
    texts = [c.text for row in table for c in row]
    assert "偏差原因分析及改进措施" in texts and "完成年度目标" in texts and "95%" in texts
    book = load_workbook(io.BytesIO(render(title, table, "xlsx")))
    sheet = book["自评表"]
    assert sheet.cell(1, 1).value == title and sheet.cell(2, 3).value == PROJECT.name
    assert render(title, table, "pdf").startswith(b"%PDF")
    from docx import Document as Word

    word = Word(io.BytesIO(render(title, table, "docx")))
    assert word.paragraphs[0].text == title and word.tables[0].cell(0, 2).text == PROJECT.name
    with pytest.raises(InputError, match="未知的自评表格式"):
        render(title, table, "odt")
