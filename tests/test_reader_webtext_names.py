"""An indicator's name run together with its 指标解释 in web-page text
(:mod:`jixiao.ingest.readers.webtext_names`)."""

from __future__ import annotations

import pytest

from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext_names import explained, name_and_explanation
from jixiao.ingest.text_tokens import Token


@pytest.mark.parametrize(
    ("text", "name", "explanation"),
    [
        # the explanation ends as the name ends (a short ending where the name names a measure)
        ("资助覆盖率对符合条件的学生资助的覆盖率", "资助覆盖率", "对符合条件的学生资助的覆盖率"),
        ("培训人数参加培训的农户人数", "培训人数", "参加培训的农户人数"),
        (
            "某某任务完成率上级要求完成某某工作任务完成率",
            "某某任务完成率",
            "上级要求完成某某工作任务完成率",
        ),
        # the explanation repeats the name
        ("运维成本项目运维成本,明细见附表", "运维成本", "项目运维成本,明细见附表"),
        # the one place a name can end, with a phrase after it
        ("整改完成率各项问题按时限整改到位", "整改完成率", "各项问题按时限整改到位"),
        ("某某秸秆利用数量建立某某综合利用点", "某某秸秆利用数量", "建立某某综合利用点"),
        # the one opening of an explanation, after a name ending in its unit
        (
            "开展巡查工程(处)反映某某河道巡查开展情况",
            "开展巡查工程(处)",
            "反映某某河道巡查开展情况",
        ),
        # …the one ending and the opening agreeing, the name's unit after its ending
        (
            "截至某年底,某某开展率(%)反映某某开展情况",
            "截至某年底,某某开展率(%)",
            "反映某某开展情况",
        ),
    ],
)
def test_a_name_and_its_explanation_come_apart_where_they_say(
    text: str, name: str, explanation: str
) -> None:
    assert name_and_explanation(text) == (name, explanation)


@pytest.mark.parametrize(
    "text",
    [
        "培训人数及受训人数",  # the rest opens as a name's second half
        "覆盖率提升情况",  # one ending, but only a word after it
        "人数实际到岗人数",  # a name of two characters
        "某某项目资金某某项目资金使用情况",  # the repeated head ends as no name does
        "到位率和使用率以及覆盖率",  # several endings, no shared one
        "某某补助标准",  # a name alone
        "某某设施是否合格当年完工设施是否验收合格",  # only 合格 shared, and no name ends so
        "某某工程完成率(%)及时率",  # the one ending, then too few words for an explanation
        "社会效益明显项目实施后受益群众覆盖率逐步得到提高",  # the one ending after no name
    ],
)
def test_a_run_that_says_nothing_of_where_the_name_ends_stays_whole(text: str) -> None:
    assert name_and_explanation(text) is None


def test_only_a_rows_first_words_are_cut_and_not_those_the_text_ends_in() -> None:
    roles: list[str | None] = ["level1", "level2", "name", "explanation", "value"]
    part = [
        Token("产出指标", 1, "line"),
        Token("数量指标", 1, "cut"),
        Token("培训人数参加培训的农户人数", 1, "cut"),
        Token("300人", 1, "cut"),
        Token("整改完成率各项问题按时限整改到位", 2, "line"),
    ]
    got = [(t.text, t.gap) for t in explained(part, roles, True, True)]
    assert got[2:5] == [("培训人数", "cut"), ("参加培训的农户人数", "cut"), ("300人", "cut")]
    assert got[5] == ("整改完成率各项问题按时限整改到位", "line")  # (it may be cut short)
    assert [t.text for t in explained(part, roles, True, False)][-2:] == [
        "整改完成率",
        "各项问题按时限整改到位",
    ]
    # not in text whose cells come apart, nor without a 指标解释 column beside the names
    assert explained(part, roles, False, False) == part
    assert (
        explained(part, ["level1", "level2", "name", "value", "explanation"], True, False) == part
    )


_TABLE = """某某项目绩效目标表(2023年)
项目名称某某项目
一级指标二级指标三级指标指标内容指标值绩效标准
产出指标数量指标培训人数参加培训的农户人数300人计划标准
质量指标资助覆盖率对符合条件的学生资助的覆盖率100%计划标准
时效指标整改完成率各项问题按时限整改到位100%计划标准
成本指标运维成本项目运维成本,明细见附表≤20万元计划标准
巡查成本某某河道巡查成本5万元计划标准
效益指标社会效益指标某某群众受益率某某群众
"""


def test_glued_rows_are_read_with_their_names_and_explanations_apart() -> None:
    (doc,) = read_bytes(_TABLE.encode(), "某某.txt")
    ((_, project),) = list(doc.projects())
    got = [(i.name, i.explanation, i.annual.text, i.standard) for i in project.indicators]
    assert got == [
        ("培训人数", "参加培训的农户人数", "300人", "计划标准"),
        ("资助覆盖率", "对符合条件的学生资助的覆盖率", "100%", "计划标准"),
        ("整改完成率", "各项问题按时限整改到位", "100%", "计划标准"),
        ("运维成本", "项目运维成本,明细见附表", "≤20万元", "计划标准"),
        # (the row's whole line in one piece, no label in it: cut at its value first)
        ("巡查成本", "某某河道巡查成本", "5万元", "计划标准"),
    ]


def test_names_beside_a_standard_column_come_apart_and_a_row_starts_after_a_figure() -> None:
    # 三级指标 | 绩效标准 | 指标值: rows that end in their target, run on one line, so each
    # row's first words follow the figure that ends the row before
    roles: list[str | None] = ["level2", "name", "standard", "annual"]
    part = [
        Token("数量指标", 1, "line"),
        Token("某某巡查次数反映巡查情况", 1, "cut"),
        Token("120次", 1, "cut"),
        Token("某某培训人数反映培训情况", 1, "glue"),
        Token("50人", 1, "cut"),
        Token("质量指标", 1, "cut"),
    ]
    got = [t.text for t in explained(part, roles, True, False)]
    assert got == [
        "数量指标", "某某巡查次数", "反映巡查情况", "120次", "某某培训人数", "反映培训情况",
        "50人", "质量指标",
    ]  # fmt: skip
    # a figure starts no row where the rows go on after their target (分值 | 得分 …)
    wider = [*roles, "weight"]
    assert [t.text for t in explained(part, wider, True, False)][4] == "某某培训人数反映培训情况"


def test_a_name_ending_in_compliance_comes_apart_from_its_explanation() -> None:
    # (合规性 ends a name as 率 does: 某某资金使用合规性 | 反映…)
    got = name_and_explanation("某某资金使用合规性反映某某资金使用合规情况")
    assert got == ("某某资金使用合规性", "反映某某资金使用合规情况")
