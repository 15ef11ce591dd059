"""The units and projects a table's rows make (:mod:`jixiao.ingest.table_project`)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.framework import load_framework
from jixiao.ingest.table_project import Projects
from jixiao.model import Funds


def _projects() -> Projects:
    return Projects("某某表.csv", load_framework())


def test_a_project_without_a_unit_goes_to_a_unit_named_for_the_department() -> None:
    p = _projects()
    p.doc.department = "某某局"
    p.set_project("某某项目", Funds(), "", 4)
    assert [u.name for u in p.doc.units] == ["某某局"]
    assert [pr.name for pr in p.doc.units[0].projects] == ["某某项目"]
    codes = [(n.code, n.line, n.unit, n.project) for n in p.doc.notes]
    # the unit's note names the unit; the missing goal is the new project's
    assert ("rows.no_unit", 4, "某某局", None) in codes
    assert ("project.no_goal", 4, "某某局", "某某项目") in codes


def test_a_unit_met_again_is_the_same_unit_and_starts_no_project() -> None:
    p = _projects()
    p.set_unit("某某单位", Funds(total=Decimal("5")), 2)
    p.set_project("某某项目", Funds(), "完成某某任务", 3)
    p.set_unit("某某单位", Funds(), 9)
    assert len(p.doc.units) == 1 and p.doc.units[0].funds.total == Decimal("5")
    assert p.state.unit is p.doc.units[0] and p.state.project is None


def test_a_name_loses_its_code_with_a_note_unless_quiet() -> None:
    p = _projects()
    assert p.name("820001-某某镇政府", 5) == "某某镇政府"
    assert [n.code for n in p.doc.notes] == ["name.code_prefix"]
    assert p.name("820001-某某镇政府", 6, quiet=True) == "某某镇政府"
    assert len(p.doc.notes) == 1


def test_the_same_note_is_made_once_at_its_first_line() -> None:
    p = _projects()
    p.note_once("info", "label.synonym", "某某读作某某", 3)
    p.note_once("info", "label.synonym", "某某读作某某", 8)
    assert [(n.code, n.line) for n in p.doc.notes] == [("label.synonym", 3)]


def test_indicators_with_no_project_above_them_are_the_departments_own() -> None:
    p = _projects()
    p.doc.department = "某某局"
    p.department_project(7)
    (unit,) = p.doc.units
    assert [pr.name for pr in unit.projects] == ["某某局"]
    assert "rows.no_project" in [n.code for n in p.doc.notes]
    assert p.whole  # no form with an empty 项目名称 above: the department as a whole


def test_a_goal_opening_one_numbered_item_twice_is_not_read() -> None:
    # 1.某某… 2.某某… then 2.某某… again: the goal's column and its result's run together
    from jixiao.ingest.table_project import items_twice

    interleaved = "1.某某某某某某推进某某。2.某某某某某某完成 2.某某某某某某完成某某。"
    assert items_twice(interleaved)
    assert not items_twice("1.某某某某某某推进。2.某某某某某某完成。3.某某达到2.5万元以上")
    p = _projects()
    p.set_project("某某项目", Funds(), interleaved, 4)
    assert p.doc.units[0].projects[0].goal == ""
    assert "goal.interleaved" in [n.code for n in p.doc.notes]
