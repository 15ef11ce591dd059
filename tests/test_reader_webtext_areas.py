"""A web-page text's header with a target column per area
(:mod:`jixiao.ingest.readers.webtext_areas`)."""

from __future__ import annotations

from jixiao.ingest import read_bytes
from jixiao.ingest.text_tokens import Token

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


def test_towns_names_run_together_are_cut_after_each_towns_ending() -> None:
    from jixiao.ingest.readers.webtext_areas import _towns

    assert _towns("甲乙街道办丙丁镇") == ["甲乙街道办", "丙丁镇"]
    assert _towns("甲乙镇丙丁乡戊己街道") == ["甲乙镇", "丙丁乡", "戊己街道"]
    assert _towns("甲乙镇丙丁村") is None  # (a village of a town: maybe one area)
    assert _towns("甲乙街道办") is None  # (one town alone)
    assert _towns("甲乙镇丙丁") is None  # (a piece that is no town)


def test_the_direction_glued_to_the_areas_shared_value_is_cut_off() -> None:
    from jixiao.ingest.readers.webtext_areas import area_tokens
    from jixiao.ingest.text_tokens import Token

    roles: list[str | None] = ["level2", "name", "explanation", "direction", "value", "value"]

    def cut(*texts: str) -> list[str]:
        part = [Token("数量指标", 1, "line"), *(Token(x, 1, "cut") for x in texts)]
        return [t.text for t in area_tokens(part, roles)][1:]

    assert cut("某某工程(个)", "≥11") == ["某某工程(个)", "≥", "1", "1"]
    assert cut("某某达标率", "≤100%", "100%") == ["某某达标率", "≤", "100%", "100%"]
    assert cut("某某是否合格是/否否否") == ["某某是否合格", "是/否", "否", "否"]
    # areas that differ, or one value more than the areas, stay as written
    assert cut("某某工程(个)", "≥12") == ["某某工程(个)", "≥12"]
    assert cut("某某达标率", "≤100%", "90%") == ["某某达标率", "≤100%", "90%"]
    assert cut("某某工程(个)", "≥11", "3") == ["某某工程(个)", "≥11", "3"]
    # without a 指标方向 before two area columns, nothing is cut
    part = [Token("≥11", 1, "cut")]
    assert area_tokens(part, ["name", "explanation", "value", "value"]) == part


_GLUED = (
    "某某专项资金绩效目标表项目名称某某专项资金总体目标开展2个某某工程一级指标二级指标三级指标"
    "指标解释指标方向甲乙街道办丙丁镇产出指标数量指标开展某某工程(个)反映某某工程开展情况≥11"
    "质量指标某某工程是否存在质量问题当年完工工程是否发现质量问题是/否否否时效指标某某工程完成率(%)"
    "反映某某工程完成情况≥100%100%效益指标"
)


def test_areas_run_together_in_text_whose_cells_do_give_the_targets() -> None:
    (doc,) = read_bytes(_GLUED.encode(), "t.txt")
    (project,) = doc.units[0].projects
    found = [(i.name, i.annual.text if i.annual else "", i.explanation) for i in project.indicators]
    assert found == [
        ("开展某某工程(个)", "≥1", "反映某某工程开展情况"),
        ("某某工程是否存在质量问题", "否", "当年完工工程是否发现质量问题"),
        ("某某工程完成率(%)", "≥100%", "反映某某工程完成情况"),
    ]


def test_counties_and_the_caption_over_the_area_columns() -> None:
    # Fujian's regional template: 区域目标值 printed over one column per county (甲乙区 丙丁县):
    # the caption is no column, the counties' columns give the target where they agree
    from jixiao.ingest.readers.webtext_areas import _towns

    assert _towns("甲乙区丙丁县戊己市") == ["甲乙区", "丙丁县", "戊己市"]
    text = _TEXT.replace("指 标 解 释 |\n", "指 标 解 释 |\n区域目标值 |\n")
    for town, county in (("西坪镇尧山村", "甲乙区"), ("桃舟乡吾培村", "丙丁县")):
        text = text.replace(town, county)
    text = text.replace("芦田镇三洋村", "戊己市")
    (doc,) = read_bytes(text.format(a="1").encode(), "t.txt")
    (project,) = doc.units[0].projects
    assert [(i.name, i.annual.text) for i in project.indicators] == [
        ("开展小型水利工程建设(个)", "1")
    ]


def test_areas_figures_run_together_and_the_words_after_the_last_areas_value() -> None:
    # cells run together under three area columns: 213 is a figure each (they differ: the row
    # has no one target), the next row's words glued after the last area's value are its own,
    # and at the text's end they are the start of a row cut off
    from jixiao.ingest.readers.webtext_areas import area_tokens

    roles: list[str | None] = [None, "level1", "level2", "name", "value", "value", "value"]
    texts = ["某某数量", "213", "质量指标", "某某合格率", "≥95%", "≥95%", "≥95%", "某某完成率"]
    part = [Token(x, 1, "glue" if x == "某某完成率" else "cut") for x in texts]
    got = area_tokens(part, roles)
    assert [t.text for t in got] == ["某某数量", "2", "1", "3", *texts[2:]]
    assert got[-1].gap == "cut"
    assert [t.text for t in area_tokens(part, roles, at_end=True)][-1] == "≥95%"
    same = [Token("某某数量", 1, "cut"), Token("111", 1, "cut")]
    assert [t.text for t in area_tokens(same, roles)] == ["某某数量", "111"]  # (11 | 1?)
