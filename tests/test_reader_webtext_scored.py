"""Rows run together a row a line, each ending in its 指标值类型, under 三级指标 | 指标值 |
指标值内容 | 评(扣)分标准 (:mod:`jixiao.ingest.readers.webtext_scored`)."""

from __future__ import annotations

import pytest

from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext_scored import split_row


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        # the rule opens with a fixed wording; the target ends before 反映
        (
            "某某补贴标准20元/人反映某某补贴发放标准按标准执行得5分,每少1元扣1分",
            ["某某补贴标准", "20元/人", "反映某某补贴发放标准", "按标准执行得5分,每少1元扣1分"],
        ),
        # the rule's condition repeats the target's figure; the target a percentage with 以上
        (
            "某某验收合格率95%以上验收合格项目数/项目总数95%得8分,每降低1%扣1分",
            ["某某验收合格率", "95%以上", "验收合格项目数/项目总数", "95%得8分,每降低1%扣1分"],
        ),
        # …the figure misprinted (9%5): its digits are the target's
        (
            "某某验收合格率95%以上验收合格项目数/项目总数9%5得8分",
            ["某某验收合格率", "95%以上", "验收合格项目数/项目总数", "9%5得8分"],
        ),
        # a comparator word opens the target
        (
            "某某入园率大于85%某某适龄儿童入园情况85%得6分,每减少1%扣1分",
            ["某某入园率", "大于85%", "某某适龄儿童入园情况", "85%得6分,每减少1%扣1分"],
        ),
        # a graded rule (every later condition a grade alone); a qualitative target
        (
            "某某环境满意度有所改善某某群众对环境的评价较好得10分,一般得5分,差得0分",
            ["某某环境满意度", "有所改善", "某某群众对环境的评价", "较好得10分,一般得5分,差得0分"],
        ),
        # the explanation writes the name again: the name need not end as names of measures do
        (
            "某某道路通行状况有所提升某某道路通行状况良好得6分,一般得3分",
            ["某某道路通行状况", "有所提升", "某某道路通行状况", "良好得6分,一般得3分"],
        ),
    ],
)
def test_a_row_is_cut_where_its_words_say(text: str, cells: list[str]) -> None:
    assert split_row(text) == cells


@pytest.mark.parametrize(
    "text",
    [
        # no sign where the rule opens
        "某某补助人数200反映某某补助人数发放到位得10分,每减少1%扣1分",
        "某某完成率90%以上某某完成情况完成率90%得10分",  # a rate named before the figure
        "某某达标率95%某某达标情况达到95%得10分",  # 达到 before the figure
        "某某覆盖率90%以上某某覆盖情况80%得10分,每减少1%扣1分",  # not the target's figure
        "某某工作按时完成率100%反映按时完成情况按期完成得5分",  # several openings
        "某某补助标准90%以上反映补助情况按标准90%得10分",  # an opening and a figure disagree
        "某某达标率有所提高某某2023年达标情况较好得5分,一般得2分",  # a phrase beside a figure
        "某某补助标准20元/人某某补助发放标准按标准执行",  # a rule giving no points
        "某某补助标准20元/人反映某某补助标准严格按标准执行得5分",  # a word before the opening
        "某某环境满意度有所改善某某群众评价比较好得10分,一般得5分",  # …before the grade
        # an explanation's opening past the target's end: the target may run up to it
        "某某服务满意度有所提升服务水平反映群众评价良好得10分,一般得5分",
        # the name ends at 17, but not its target: no later figure is taken for it
        "某某补助标准17元/人某某补助覆盖率95%某某情况95%得10分",
    ],
)
def test_a_row_whose_words_leave_a_choice_is_not_cut(text: str) -> None:
    assert isinstance(split_row(text), str)


_TABLE = """2023年项目支出绩效目标表
部门:901_某某县某某局金额单位:万元
单位代码单位(专项)名称资金总额实施期绩效目标绩效指标
一级指标二级指标三级指标指标值指标值内容评(扣分标准) 度量单位指标值类型备注
901001某某县某某中心12.50
  901001  某某设备购置12.50
产出指标数量指标某某设备数量8台反映购置设备台数按计划购置得10分,每少1台扣2分-定量
质量指标某某验收合格率95%以上验收合格设备数/设备总数95%得10分,每降低1%扣1分-定量
时效指标某某完成时间2023年11月30日反映完成时间某某某得10分-定量
生态效益指标

-定性
效益指标社会效益指标某某服务覆盖率有所提升某某服务覆盖率良好得10分,一般得5分-定性
"""


def test_a_project_list_run_together_reads_its_rows_and_leaves_the_unclear_one_out() -> None:
    (doc,) = read_bytes(_TABLE.encode(), "某某.txt")
    ((unit, project),) = list(doc.projects())
    assert (unit.name, project.name, project.funds.total) == (
        "某某县某某中心",
        "某某设备购置",
        12.5,
    )
    got = [
        (i.level1.name, i.level2.name, i.name, i.annual.text, i.explanation, i.standard)
        for i in project.indicators
    ]
    assert got == [
        (
            "产出指标", "数量指标", "某某设备数量", "8台", "反映购置设备台数",
            "按计划购置得10分,每少1台扣2分",
        ),
        (
            "产出指标", "质量指标", "某某验收合格率", "95%以上", "验收合格设备数/设备总数",
            "95%得10分,每降低1%扣1分",
        ),
        # (某某完成时间: where its rule opens nothing says; left out with a note)
        (
            "效益指标", "社会效益", "某某服务覆盖率", "有所提升", "某某服务覆盖率",
            "良好得10分,一般得5分",
        ),
    ]  # fmt: skip
    assert any("某某完成时间" in n.message for n in doc.notes)
