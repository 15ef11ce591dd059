"""Goals above a form's indicator grid in web text (``jixiao.ingest.readers.webtext_goals``):
the sub-headers' texts as the cells of the grid's goal rows. Made-up forms."""

from __future__ import annotations

from jixiao.ingest.grid import GridNote
from jixiao.ingest.readers.webtext_goals import goal_rows
from jixiao.ingest.text_tokens import tokens


def cells(text: str, notes: list[GridNote] | None = None) -> list[list[str]]:
    toks = tokens(text)
    made = goal_rows(toks, 0, len(toks), [] if notes is None else notes)
    assert made is not None
    return [row for row, _ in made[1]]


def test_a_goal_and_its_result_run_together_split_where_the_first_sentence_ends() -> None:
    # the two cells' sentences on one line, nothing between them: the goal is the first
    # sentence, the result the second
    text = "总体目标完成情况总体目标全年实际完成情况\n"
    text += "按计划完成某某工程建设。建设某某道路3公里,保证畅通。\n"
    notes: list[GridNote] = []
    assert cells(text, notes)[-1] == [
        "总体目标完成情况",
        "按计划完成某某工程建设。",
        "建设某某道路3公里,保证畅通。",
    ]
    # a cut by meaning, not by a cell: said, with the line, for a reviewer to check
    assert [(n.code, n.line) for n in notes] == [("goal.sentences", 2)]
    assert "按句号分开" in notes[0].message


def test_a_text_that_is_not_two_whole_sentences_is_not_cut() -> None:
    # no sentence mark between them (保持某某机制稳定某某规模达标), three sentences, or a text
    # under two goals (长期目标 | 年度目标): which part is whose cannot be told
    for head, text in (
        ("总体目标完成情况总体目标全年实际完成情况", "保持某某机制稳定某某规模达标"),
        ("总体目标完成情况总体目标全年实际完成情况", "完成某某。建设某某。保证某某。"),
        ("项目绩效目标长期目标年度目标", "改善某某设施。完成某某改造。"),
    ):
        notes: list[GridNote] = []
        row = cells(f"{head}\n{text}\n", notes)[-1]
        assert row[-2:] == [text, ""] and notes == []


def test_one_text_run_into_the_labels_under_a_goal_and_its_result_is_not_read() -> None:
    # the cells ran together (the text glued to the label before it): the goal and its
    # result may have run together too, nothing marks where; neither is read, with a warning
    text = "年度总体目标年初设定目标全年实际完成情况保持某某机制稳定某某规模达标绩效指标\n"
    notes: list[GridNote] = []
    assert cells(text, notes)[-1][-2:] == ["", ""]
    assert [(n.level, n.code, n.line) for n in notes] == [("warning", "goal.run_together", 1)]
    # the same text on a line of its own under the labels is the goal (the test above)


def test_numbered_lines_counted_twice_are_the_goal_then_the_result() -> None:
    # 预期目标 | 实际完成情况, each over two numbered lines written one after the other
    text = "年度总体目标完成情况 预期目标 实际完成情况\n"
    text += "目标1:完成某某考核第一名。\n目标2:获某某先进单位。\n"
    text += "1.完成某某考核第一名。\n2.获某某先进单位。\n"
    assert cells(text)[-1] == [
        "年度总体目标完成情况",
        "目标1:完成某某考核第一名。 目标2:获某某先进单位。",
        "1.完成某某考核第一名。 2.获某某先进单位。",
    ]
    # the count not starting again (1 2 3 4): nothing says where the goal ends
    text = "年度总体目标完成情况 预期目标 实际完成情况\n1.甲。\n2.乙。\n3.丙。\n4.丁。\n"
    assert cells(text)[-1][1] == "1.甲。"
