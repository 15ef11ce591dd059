"""A web-page text's header with a target column per area
(:mod:`jixiao.ingest.readers.webtext_areas`)."""

from __future__ import annotations

from jixiao.ingest import read_bytes

_TEXT = """2022年省级第七批水利专项资金绩效目标表 |
项目名称 |
省级第七批水利专项资金 |
总体目标 |
开展7个小型水利工程建设 |
一级指标 |
二级指标 |
三级指标 |
指 标 解 释 |
西坪镇尧山村 |
桃舟乡吾培村 |
芦田镇三洋村 |
|
产出 指标 |
数量指标 |
开展小型水利工程建设(个) |
反映小型水利工程建设项目开展情况 |
{a} |
1 |
1 |
|
时效指标 |
"""


def _indicators(a: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    (doc,) = read_bytes(_TEXT.format(a=a).encode(), "t.txt")
    (project,) = doc.units[0].projects
    found = [(i.name, i.annual.text if i.annual else "", i.explanation) for i in project.indicators]
    return found, [n.code for n in doc.notes]


def test_the_area_columns_after_the_labels_give_the_target_when_the_areas_agree() -> None:
    found, _ = _indicators("1")
    assert found == [("开展小型水利工程建设(个)", "1", "反映小型水利工程建设项目开展情况")]


def test_areas_with_different_targets_give_none() -> None:
    found, codes = _indicators("2")
    assert found == [] and "target.areas_differ" in codes
