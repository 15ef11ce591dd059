"""Doubtful rows of a web-page text read again (:mod:`jixiao.ingest.readers.webtext_mend`)."""

from __future__ import annotations

from jixiao.ingest.readers.webtext_mend import figure_back_to_name
from jixiao.ingest.text_align import align
from jixiao.ingest.text_tokens import join, tokens

_ROLES: list[str | None] = [None, "level1", "level2", "name", "value", "remark"]


def _row(line: str) -> list[str] | None:
    (row,) = align(tokens(line), _ROLES, rows_by_line=True)
    return figure_back_to_name(row, _ROLES)


def test_a_figure_glued_to_the_name_with_a_value_apart_after_it_is_the_names() -> None:
    cells = _row("质量指标 *贫困地区旅游基础设施建设质量达标率100% >=98%")
    assert cells is not None
    assert cells[2:5] == ["质量指标", "*贫困地区旅游基础设施建设质量达标率100%", ">=98%"]


def test_two_values_apart_from_the_name_stay_unread() -> None:
    assert _row("质量指标 建设质量达标率 100% >=98%") is None


def test_a_value_type_in_the_name_column_moves_the_classes_and_name_a_column_right() -> None:
    from jixiao.ingest.readers.webtext_mend import op_as_name
    from jixiao.ingest.text_align import Row

    roles: list[str | None] = [None, "level1", "level2", "name", "op", "value", "measure"]
    row = Row(["", "成本指标", "社会成本指标", "定量", "", "100", "%"], 17, 0.0, 5)
    assert op_as_name(row, roles) == ["", "", "成本指标", "社会成本指标", "定量", "100", "%"]
    # A name that is no value type, or a 类型 cell already filled, is left as it is.
    named = Row(["", "成本指标", "社会成本指标", "成本控制率", "", "100", "%"], 17, 0.0, 5)
    assert op_as_name(named, roles) is None
    typed = Row(["", "成本指标", "社会成本指标", "定量", "定量", "100", "%"], 17, 0.0, 5)
    assert op_as_name(typed, roles) is None


_PARAGRAPHS = """2025年农村危房改造补助资金绩效目标表

项目名称

农村危房改造补助资金

资金情况(万元)

地方资金




支持农村低收入群体等重点对象实施危房改造和危房抗震改造,保障其基本住房安全。




一级指标

二级指标

三级指标

指标值

产出指标

数量指标

农村低收入群体等重点对象危房改造户数

应改尽改

7度以上抗震设防地区
"""


def test_a_qualitative_target_taken_for_the_next_name_goes_back_to_the_row_above() -> None:
    from jixiao.ingest import read_bytes

    (doc,) = read_bytes(_PARAGRAPHS.encode(), "t.txt")
    (project,) = doc.units[0].projects
    found = [(i.name, i.annual.text if i.annual else "") for i in project.indicators]
    assert found == [("农村低收入群体等重点对象危房改造户数", "应改尽改")]
    # the sentence after 地方资金 (no amount) is the goal whose label the text lost
    assert (
        project.goal
        == "支持农村低收入群体等重点对象实施危房改造和危房抗震改造,保障其基本住房安全。"
    )
    assert any("上一行的指标值" in n.message for n in doc.notes)


def test_two_rows_read_as_one_split_at_the_lone_value_in_the_explanation() -> None:
    from jixiao.ingest.readers.webtext_mend import split_merged
    from jixiao.ingest.text_align import Row
    from jixiao.ingest.text_tokens import Token

    roles: list[str | None] = [None, "level1", "level2", "name", "explanation", "value"]
    first = Token("消化利用农作物秸秆数量建立秸秆综合利用点", 39, "line")
    five, ten = Token("5个", 40, "line"), Token("10家", 42, "line")
    name = Token("技术指导服务数量", 41, "line")
    said = Token("对生产种植企业技术指导服务数量", 41, "glue")
    # 5个 alone in the 指标解释 column, the next row's name, explanation and value after it
    merged = Row(["", "", "", first.text, "5个", join([name, said, ten])], 39, 0.0, 5)
    merged.parts = {3: [first], 4: [five], 5: [name, said, ten]}
    rows, doubts = split_merged(
        [merged], roles, ["两行连在一起"], keeps_empty=False, rows_by_line=False
    )
    assert [r.cells[3:] for r in rows] == [
        [first.text, "", "5个"],
        ["技术指导服务数量", "对生产种植企业技术指导服务数量", "10家"],
    ]
    # the first row's explanation ran into its name: it stays unread
    assert doubts[0] is not None and "指标解释" in doubts[0] and doubts[1] is None
    # a row not doubted is left as it is
    assert split_merged([merged], roles, [None], keeps_empty=False, rows_by_line=False)[0] == [
        merged
    ]


def test_a_half_with_its_explanation_in_the_twin_column_is_not_doubted() -> None:
    from jixiao.ingest.readers.webtext_mend import split_merged
    from jixiao.ingest.text_align import Row
    from jixiao.ingest.text_tokens import Token

    # 指标解释 | 指标说明及公式: two explanation columns, the second empty in every row
    roles: list[str | None] = [None, "level2", "name", "explanation", "explanation", "value"]
    name, said = Token("某某完成率", 5, "line"), Token("上级要求的某某完成率", 5, "glue")
    lone, other = Token("100%", 6, "line"), Token("某某达标率", 7, "line")
    said2, value2 = Token("某某工作达标率", 7, "glue"), Token("98%", 8, "line")
    merged = Row(["", "", name.text, said.text, "100%", join([other, said2, value2])], 5, 0.0, 5)
    merged.parts = {2: [name], 3: [said], 4: [lone], 5: [other, said2, value2]}
    rows, doubts = split_merged(
        [merged], roles, ["两行连在一起"], keeps_empty=False, rows_by_line=False
    )
    assert [r.cells[2:] for r in rows] == [
        ["某某完成率", "上级要求的某某完成率", "", "100%"],
        ["某某达标率", "某某工作达标率", "", "98%"],
    ]
    assert doubts == [None, None]


def test_lines_of_dashes_below_a_row_on_its_line_are_blank_template_rows() -> None:
    from jixiao.ingest.grid import GridNote
    from jixiao.ingest.readers.webtext_mend import blank_lines

    text = (
        "数量指标 某某场次 10场 10场 20 20\n按完成比例记分\n-\n- -\n……\n质量指标 某某合格率 100%\n"
    )
    notes: list[GridNote] = []
    kept = blank_lines(tokens(text), 5, notes)
    assert [t.text for t in kept][-5:] == ["按完成比例记分", "……", "质量指标", "某某合格率", "100%"]
    assert [(n.code, n.line) for n in notes] == [("text.blank_rows", 5)]
    assert "2 行" in notes[0].message
    # a cell per line: a dash is a cell of its own, kept
    one = tokens("某某场次\n10场\n-\n20\n")
    assert blank_lines(one, 1, notes) == one and len(notes) == 1


def test_figures_read_into_a_text_column_go_back_to_the_empty_columns_before_it() -> None:
    from jixiao.ingest.readers.webtext_mend import figures_in_place
    from jixiao.ingest.text_align import Row

    roles: list[str | None] = ["name", "op", "value", "measure", "weight", "remark"]
    row = Row(["某某完成时间", "=", "45,292", "", "", "45,292 6"], 3, 0.0, 5)
    assert figures_in_place(row, roles) == ["某某完成时间", "=", "45,292", "45,292", "6", ""]
    # Not exactly as many figures as the empty columns, words among them, or a 分值 too big
    # for one: position does not decide, nothing moves.
    for remark in ("6", "45,292 6 2", "45,292 共6", "6 45,292"):
        kept = Row(["某某完成时间", "=", "45,292", "", "", remark], 3, 0.0, 5)
        assert figures_in_place(kept, roles) is None, remark
    filled = Row(["某某完成时间", "=", "12", "个", "", "2023 6"], 3, 0.0, 5)
    assert figures_in_place(filled, roles) is None  # (one empty column, two figures)
