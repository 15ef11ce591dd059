"""How a text's paragraphs and words make cells (:mod:`jixiao.ingest.text_paragraphs`), as
:func:`jixiao.ingest.text_tokens.tokens` uses it."""

from __future__ import annotations

from jixiao.ingest.text_paragraphs import clauses, stops_joined
from jixiao.ingest.text_tokens import tokens

_FILL = ["x"] * 20  # (enough paragraphs for a text of a cell per paragraph)


def _cells(paragraphs: list[str]) -> list[str]:
    return [t.text for t in tokens("\n\n".join([*paragraphs, *_FILL]) + "\n")]


def test_a_labels_value_ending_in_a_label_word_before_another_label_stays_whole() -> None:
    # a cell per paragraph: 项目名称 / 某某公益项目资金 / 项目类型 — 项目资金 is the name's end
    # (a label there would have no value), not a field's label run on after it
    name = "某某社区开展公益项目资金"
    assert _cells(["项目名称", name, "项目类型", "其他"])[:3] == ["项目名称", name, "项目类型"]
    # a value after it: the label's own (某某公益 | 项目资金 | 100)
    found = _cells(["项目名称", name, "100", "其他"])
    assert found[:4] == ["项目名称", "某某社区开展公益", "项目资金", "100"]


def test_a_sentences_stop_spaced_off_after_it_is_no_cell() -> None:
    # …获得感 。: the stop is the sentence's, between spaces or alone in its paragraph
    assert stops_joined(["目标", "提升获得感", "。"]) == ["目标", "提升获得感。"]
    assert stops_joined(["。", "x"]) == ["。", "x"]  # (nothing before it)
    assert [t.text for t in tokens("总体目标 提升获得感 。\n")] == ["总体目标", "提升获得感。"]
    assert _cells(["当年度目标", "提升获得感 。"])[:2] == ["当年度目标", "提升获得感。"]


def test_a_label_broken_after_its_joining_word_is_one_label() -> None:
    # 主管部门(单位)名称及 / 部门预算编码 over two paragraphs: one label, its value after it
    found = _cells(["项目名称", "某某项目", "主管部门(单位)名称及", "部门预算编码", "某某局"])
    assert found[2:4] == ["主管部门(单位)名称及部门预算编码", "某某局"]
    # two labels of their own, no joining word between them: as they are
    found = _cells(["项目名称", "某某项目", "主管部门", "部门预算编码", "某某局"])
    assert found[2:5] == ["主管部门", "部门预算编码", "某某局"]


def test_a_word_of_clauses_between_spaces_is_one_cell() -> None:
    # 质量指标 返本分红比例 第一年按总投资额返本20%,分红按8%分红: the target is one cell
    line = "质量指标 返本分红比例 第一年返本20%,分红按8%分红\n"
    assert [t.text for t in tokens(line)] == [
        "质量指标",
        "返本分红比例",
        "第一年返本20%,分红按8%分红",
    ]
    assert clauses("第一年返本20%,分红按8%分红")
    # a thousands comma, or a label inside: not so
    assert not clauses("补助1,000元") and not clauses("完成,满意度指标")


def test_an_explanation_between_spaces_is_one_cell() -> None:
    # 反映该项目完成时间: a label (项目完成时间) inside an explanation's words, no figure in it
    assert clauses("反映该项目完成时间")
    assert not clauses("反映人数100人")  # (a figure in it: cut as before)
