"""Label | value pairs that are not one cell each (:mod:`jixiao.ingest.table_pairs`)."""

from __future__ import annotations

from jixiao.ingest.table_pairs import broken_pairs, cell_pairs, cover_fields

# An evaluation report's cover, then its form's title and the form's own 项目名称 field.
_COVER = [
    ["某某县某某局2016年度项目支出绩效评价报告"],
    ["项目名称"],
    ["某某资料征集"],
    ["项目单位:"],
    ["某某县某某局"],
    ["主管部门:"],
    ["评价时间:"],
    ["评价单位:某某县某某局"],
]


def test_a_report_cover_naming_the_forms_project_gives_its_unit() -> None:
    found = cover_fields(_COVER, 0, len(_COVER), "某某资料 征集")
    assert found == {"unit": ("某某县某某局", 3)}  # (主管部门 left empty: the next label, no name)


def test_a_cover_naming_another_project_or_none_gives_nothing() -> None:
    assert cover_fields(_COVER, 0, len(_COVER), "某某档案编研") == {}
    assert cover_fields(_COVER[3:], 0, 5, "某某资料征集") == {}
    # label:value in one cell, or label | value: the same
    paired = [["项目名称: 某某资料征集"], ["项目单位", "某某县某某中心"]]
    assert cover_fields(paired, 0, 2, "某某资料征集") == {"unit": ("某某县某某中心", 1)}


def test_pairs_in_a_cell_and_broken_over_two_lines() -> None:
    assert cell_pairs("项目单位: 某某县某某局") == [("项目单位", "某某县某某局")]
    # (主管部门: over 评价时间:, a field of its own: no value broken onto the next line)
    assert broken_pairs(_COVER, 0, len(_COVER)) == {1: "project", 3: "unit"}
    assert broken_pairs([["主管部门:"], ["某某县财政局"]], 0, 2) == {0: "department"}


def test_a_field_of_its_own_below_an_empty_label_is_not_its_value() -> None:
    # hi-haikou-daj: 主管部门: (empty) over the form's 项目名称:档案征集编研
    rows = [["项目单位: 某某局"], ["主管部门:"], ["项目名称:档案征集编研"]]
    assert broken_pairs(rows, 0, 3) == {}
    assert broken_pairs([["主管部门:"], ["某某局"]], 0, 2) == {0: "department"}


def test_a_name_fields_label_and_value_apart_by_spaces_are_a_pair() -> None:
    # hn-yueyang-nanhu: a report cover's lines 项目名称    优 抚 / 项目单位     某某局, no colon
    assert cell_pairs("项目名称 森林防火专项") == [("项目名称", "森林防火专项")]
    assert cell_pairs("项目单位 某某局") == [("项目单位", "某某局")]
    assert cell_pairs("评价方式 部门绩效自评") == []  # (no name field's label)
