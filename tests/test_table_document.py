"""What a table's titles and headings say of its document (:mod:`jixiao.ingest.table_document`)."""

from __future__ import annotations

from jixiao.ingest.table_document import project_heading, project_in_title


def test_a_heading_over_a_projects_targets_names_the_project() -> None:
    # a page giving projects one after another: <name>项目绩效目标 over each one's table (a name
    # that itself ends in 项目 keeps it: the heading reads 项目项目绩效目标)
    assert project_heading("社区老年助餐服务项目项目绩效目标") == "社区老年助餐服务项目"
    assert project_heading("城区路灯节能改造项目绩效目标表") == "城区路灯节能改造"
    assert project_heading(" 乡村公路养护补助项目绩效目标 ") == "乡村公路养护补助"
    assert project_heading("二、城区路灯节能改造项目绩效目标:") == "城区路灯节能改造"  # numbered
    assert project_heading("(三)乡村公路养护补助项目绩效目标") == "乡村公路养护补助"
    assert project_heading("1.5万亩农田灌溉改造项目绩效目标") == "1.5万亩农田灌溉改造"  # a figure


def test_a_heading_that_names_no_single_project_is_none() -> None:
    assert project_heading("2024年某县重点民生政策和项目绩效目标情况") is None  # not a heading
    assert project_heading("某县重点民生政策和项目绩效目标") is None  # a class of projects
    assert project_heading("2024年某某县住建局项目支出绩效目标表") is None  # a document's title
    assert project_heading("某镇2024年部门预算项目绩效目标") is None  # (its year inside)
    assert project_heading("某某县住房和城乡建设局项目绩效目标") is None  # a department's
    assert project_heading("附件:项目绩效目标表") is None
    assert project_heading("附件12项目绩效目标表") is None
    assert project_heading("省级部门预算项目支出绩效目标表") is None  # a budget's form
    assert project_heading("项目名称 | 社区老年助餐服务项目 | 项目绩效目标") is None  # cells
    assert project_heading("部门整体支出项目绩效目标申报表") is None
    assert project_heading("年度项目绩效目标") is None  # a goal's label
    assert project_heading("(一)中长期绩效目标") is None


def test_a_title_about_a_class_of_projects_names_none() -> None:
    assert project_in_title("2021年度某某路面修缮项目自评结果") == "某某路面修缮"
    # 重大政策和项目: what is left once the title's words are cut ends in a conjunction
    assert project_in_title("2024年某县重点民生政策和项目绩效目标情况") is None
    assert project_in_title("2024年某区重点项目绩效目标") is None  # 重点项目: many
