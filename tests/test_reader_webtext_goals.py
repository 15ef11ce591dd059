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


def test_the_cell_leading_the_header_row_of_pipe_rows_is_no_goal_text() -> None:
    # "|" rows not closed by a "|": the header's row opens with a cell of its own (a caption
    # spanning the grid's rows) right after the last goal text, which it does not join
    text = "项目绩效目标 | 长期目标 | 年度目标\n改善某某设施 | 完成某某改造\n某某指标 | 一级指标\n"
    toks = tokens(text)
    hi = next(k for k, t in enumerate(toks) if t.text == "一级指标")
    made = goal_rows(toks, 0, hi, [])
    assert made is not None
    assert [row for row, _ in made[1]][-1] == ["项目绩效目标", "改善某某设施", "完成某某改造"]
    assert made[0] == hi - 1


def test_a_goal_cells_words_in_pipe_rows_are_one_text() -> None:
    # "|" text: the goal's words on a line without "|" are one cell (under a group label:
    # 总体目标 over 年度目标), not one cell a word
    toks = tokens("项目名称 | 某某项目\n总体目标 | 年度目标\n某某项目(约50万) 某某村新建某某场\n")
    at = next(k for k, t in enumerate(toks) if t.text == "总体目标")
    made = goal_rows(toks, at, len(toks), [])
    assert made is not None
    assert made[1][-1][0] == ["总体目标", "某某项目(约50万)某某村新建某某场"]


def test_goal_cells_over_lines_in_pipe_rows_are_told_apart_by_their_pipe() -> None:
    # "|" rows not closed by a "|": each cell's lines go on until the "|" between the goal
    # and its result
    text = (
        "项目名称 | 某某项目\n年度目标完成情况 | 预期目标 | 实际完成情况\n"
        "目标1:某某\n目标2:某某 | 目标1:某某完成\n目标2:某某完成\n"
    )
    toks = tokens(text)
    at = next(k for k, t in enumerate(toks) if t.text == "年度目标完成情况")
    made = goal_rows(toks, at, len(toks), [])
    assert made is not None
    assert made[1][-1][0] == [
        "年度目标完成情况",
        "目标1:某某目标2:某某",
        "目标1:某某完成目标2:某某完成",
    ]
    # …but a goal restated as its result a row per line (目标1 | 目标1 / 目标2 | 目标2) reads
    # each column's lines, the figure on the labels' line (the row's points) no goal's text
    text = (
        "项目名称 | 某某项目\n年度目标完成情况 | 预期目标 | 实际完成情况 | 20\n"
        "目标1:某某。 | 目标1:某某。 | \n目标2:某某。 | 目标2:某某。\n"
    )
    toks = tokens(text)
    at = next(k for k, t in enumerate(toks) if t.text == "年度目标完成情况")
    made = goal_rows(toks, at, len(toks), [])
    assert made is not None
    assert made[1][-1][0] == ["年度目标完成情况", *["目标1:某某。 目标2:某某。"] * 2]


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


def test_a_goal_going_on_after_a_stray_space_and_the_completion_word_after_it() -> None:
    # a preview's text: the goal's sentence cut by a space after its comma, and 已完成 (the
    # 实际完成情况 beside it) run on after the sentence's end
    text = "年度总体目标预期目标实际完成情况更新某某设备, 并添置某某演出设备。已完成\n"
    assert cells(text)[-1] == [
        "年度总体目标",
        "更新某某设备, 并添置某某演出设备。",
        "已完成",
    ]


def test_a_previews_page_number_inside_a_goals_sentence_leaves_the_goal_unread() -> None:
    # …送优秀青年演 | 3、 | 员到…: the page broke the sentence; the goal and its result cannot be
    # told apart, so neither is read (a page number after a whole sentence changes nothing)
    from jixiao.ingest.text_tokens import Token

    toks = [Token(x, 1, "cut") for x in ("年度总体目标", "预期目标", "实际完成情况")]
    toks.append(Token("请某某专家驻团培训,送优秀青年演", 1, "cut"))
    toks.append(Token("员到某某院团培训。", 2, "line", paged=True))
    notes: list[GridNote] = []
    made = goal_rows(toks, 0, len(toks), notes)
    assert made is not None and made[1][-1][0] == ["年度总体目标", "", ""]
    assert [n.code for n in notes] == ["goal.paged"]
    toks[3] = Token("请某某专家驻团培训。", 1, "cut")  # (a whole sentence before the page)
    made = goal_rows(toks, 0, len(toks), [])
    assert made is not None and made[1][-1][0][1] == "请某某专家驻团培训。"


def test_a_goal_and_its_result_interleaved_line_by_line_are_not_read() -> None:
    # two columns wrapped at different widths, read across: the goal's first line, then the
    # result's first line opening with the same words yet longer, then the goal's next…
    text = "预期目标 实际完成情况 1.某某某某某某某某某某推进 1.某某某某某某某某某某推进某某某某"
    text += " 某某某某某某完成。 某某某某完成。\n"
    notes: list[GridNote] = []
    assert cells(text, notes)[-1] == ["", "", ""]
    assert [n.code for n in notes] == ["goal.interleaved"]


def test_two_alike_goals_a_pipe_apart_on_one_line_are_two_cells() -> None:
    # a period's goal and the year's side by side, "|" between them on one line: alike at
    # the start, as the period's and the year's often are, but cells, not wrapped lines
    text = "总体目标 | 实施周期总目标(2022年--2024年) | 年度目标 |\n"
    text += "某某馆是某某期间某某投资兴建的某某场馆,每年维护某某 | "
    text += "某某馆是某某期间某某投资兴建的某某场馆,2022年维护某某 |\n"
    notes: list[GridNote] = []
    row = cells(text, notes)[-1]
    assert row[1].endswith("每年维护某某") and row[2].endswith("2022年维护某某")
    assert "goal.interleaved" not in [n.code for n in notes]


def test_paragraphs_whose_topics_run_twice_are_the_periods_goal_then_the_years() -> None:
    # a cell per paragraph: 中期目标 and 年度目标 over four paragraphs, two a cell, each opening
    # with its topic (hb-wuhan-qingshan-tjj-pucha-target-2020)
    text = "总体目标\n\n中期目标\n\n年度目标\n\n"
    text += "某某普查:摸清某某情况。\n\n某某调查:查清某某变化。\n\n"
    text += "某某普查:完成资料整理。\n\n某某调查:完成入户登记。\n"
    assert cells(text)[-1] == [
        "总体目标",
        "某某普查:摸清某某情况。 某某调查:查清某某变化。",
        "某某普查:完成资料整理。 某某调查:完成入户登记。",
    ]
    # a topic twice in one run: where the year's cell starts is not told by the topics
    text = "总体目标\n\n中期目标\n\n年度目标\n\n"
    text += "某某:甲。\n\n某某:乙。\n\n某某:丙。\n\n某某:丁。\n"
    assert cells(text)[-1][1] == "某某:甲。"
