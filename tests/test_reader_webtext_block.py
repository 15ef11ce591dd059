"""The form's fields before an indicator header (``jixiao.ingest.readers.webtext_block``)."""

from __future__ import annotations

from jixiao.ingest import read_bytes
from jixiao.ingest.grid import GridNote
from jixiao.ingest.readers.webtext_block import read_block
from jixiao.ingest.text_tokens import is_pipe_text, tokens


def _read(text: str) -> tuple[list[list[str]], list[int]]:
    toks = tokens(text)
    notes: list[GridNote] = []
    return read_block(toks, 0, len(toks), is_pipe_text(text.split("\n")), notes)


def test_page_text_title_and_year_are_one_cell_rows_before_the_fields() -> None:
    rows, lines = _read(
        "某某网站首页\n某某项目支出绩效自评表\n（2023年度）\n"
        "| 项目名称 | 某某项目 |\n| 主管部门 | 某某局 |\n"
    )
    assert rows == [
        ["某某网站首页"],
        ["某某项目支出绩效自评表"],
        ["（2023年度）"],
        ["项目名称", "某某项目"],
        ["主管部门", "某某局"],
    ]
    assert lines == [1, 2, 3, 4, 5]


def test_a_labels_value_ends_with_its_line() -> None:
    rows, lines = _read("项目名称\n某某项目\n主管部门\n某某局\n某某中心\n")
    assert rows == [["项目名称", "某某项目"], ["主管部门", "某某局"], ["某某中心"]]
    assert lines == [1, 3, 5]


def test_an_unknown_field_label_with_its_colon_starts_a_row() -> None:
    rows, _ = _read("某某项目支出绩效自评表\n项目名称 某某项目\n是否为政府采购: 是\n")
    assert rows == [["某某项目支出绩效自评表"], ["项目名称", "某某项目"], ["是否为政府采购:", "是"]]


def test_a_field_label_starting_a_line_of_pipe_text_starts_its_row() -> None:
    # in | text a value may go on over lines; a field's label with its colon at the start of a
    # line, its value in the cell beside it, is a field of its own (and its line is its own)
    rows, lines = _read(
        "某某项目支出绩效自评表\n| 项目名称 | 某某项目 |\n| 绩效编制单位: | 某某中心 |\n"
        "| 主管部门 | 某某局 |\n"
    )
    assert rows[1:] == [
        ["项目名称", "某某项目"],
        ["绩效编制单位:", "某某中心"],
        ["主管部门", "某某局"],
    ]
    assert lines[1:] == [2, 3, 4]
    # a label and its value in one cell stays the value it was
    rows, _ = _read("某某项目支出绩效自评表\n| 项目名称 | 某某项目 |\n| 预算单位: 某某局 |\n")
    assert rows[1] == ["项目名称", "某某项目", "预算单位: 某某局"]


def _read_noted(text: str) -> tuple[list[list[str]], list[GridNote]]:
    toks = tokens(text)
    notes: list[GridNote] = []
    rows, _ = read_block(toks, 0, len(toks), is_pipe_text(text.split("\n")), notes)
    return rows, notes


def test_labels_run_before_their_values_are_paired_in_order() -> None:
    # a page's text out of order: two labels, then one value each, then the next label
    rows, notes = _read_noted(
        "某某部门整体绩效目标表\n单位名称 负责人 某某县民政局 李四 合计 12.5\n"
    )
    assert rows[1:3] == [["单位名称", "某某县民政局"], ["负责人", "李四"]]
    assert [n.code for n in notes] == ["text.values_in_order"]
    assert "单位名称" in notes[0].message


def test_labels_run_before_values_not_of_their_kind_stay_as_read() -> None:
    # more values than labels, no label after them, a name that is a figure, or an amount's
    # label over a name: nothing is paired
    for line in (
        "单位名称 负责人 某某县 民政局 李四 合计 12.5",
        "单位名称 负责人 某某县民政局 李四",
        "单位名称 负责人 8号 李四 合计 12.5",
        "资金总额 负责人 某某中心 李四 合计 12.5",
    ):
        rows, notes = _read_noted("某某部门整体绩效目标表\n" + line + "\n")
        assert len(rows[1]) == 1 and not notes, line


def test_a_name_ends_with_its_line_before_a_label_stating_a_money_unit() -> None:
    # A row per line, cells split by spaces: the funds part's label (not in the vocabulary)
    # opens the next line with (万元), so the unit's name does not run on into it.
    rows, _ = _read(
        "项目名称 某某项目\n实施单位 (1001)某某中心\n"
        "资金投入 (万元) 来源 年初金额(万元)\n资金总额 5\n"
    )
    assert rows[1] == ["实施单位", "(1001)某某中心"]
    assert ["资金总额", "5"] in rows
    # A next line without a money unit still goes on as the value (a name wrapped over lines).
    wrapped, _ = _read("项目名称 某某项目\n实施单位 某某中心\n第二 分部\n资金总额 5\n")
    assert wrapped[1] == ["实施单位", "某某中心第二分部"]


def test_a_fiscal_label_with_its_count_word_stays_whole() -> None:
    rows, _ = _read("项目名称 某某项目\n资金总额 5\n其中: 财政拨款数 4\n其他资金 1\n")
    assert rows[2] == ["其中: 财政拨款数", "4"]


def test_a_goal_ends_at_the_next_sections_heading_or_the_grids_caption() -> None:
    # a page giving a project's sections one after another, a paragraph each: the goal's text
    # stops at (二)…绩效指标 on a line of its own; the section's prose and the grid's caption
    # (…目标表) are page text, not the goal's
    text = "\n\n".join(
        [
            "某某服务项目项目绩效目标", "(一)中长期绩效目标", "到期末建成某某服务体系。",
            "(二)中长期绩效指标", "下表列出各项指标。", "项目具体目标表",
        ]
    )  # fmt: skip
    rows, _ = _read(text)
    goal = next(r for r in rows if r[0].endswith("中长期绩效目标"))
    assert goal[1:] == ["到期末建成某某服务体系。"]
    assert ["项目具体目标表"] in rows
    # a numbered line that is no section heading for the indicators stays in the goal
    rows, _ = _read("\n".join(["(一)中长期绩效目标", "1.建成某某体系;", "(二)完成某某改造。"]))
    goal = next(r for r in rows if r[0].endswith("中长期绩效目标"))
    assert "".join(goal[1:]).endswith("(二)完成某某改造。")


def test_pipe_rows_not_closed_by_a_pipe_start_a_field_on_a_new_line() -> None:
    # "|" rows that do not end in a "|": a value may go on over lines, but a line opening with
    # a field's label (one the vocabulary does not know) beside a value is a row of its own
    rows, lines = _read("项目名称 | 某某项目\n承办科室 | 某某股\n主管部门 | 某某局\n")
    assert rows == [["项目名称", "某某项目"], ["承办科室", "某某股"], ["主管部门", "某某局"]]
    assert lines == [1, 2, 3]
    # …and so is a label stating its money unit, wrapped over lines
    rows, _ = _read(
        "项目名称 | 某某项目\n部门 | 某某中心\n投入\n资金\n(万元) |  | 全年预算数 | 全年执行数\n"
        "年度资金总额 | 5 | 4\n"
    )
    assert rows[1] == ["部门", "某某中心"]
    # a name's wrapped end beside a label stays the name's
    rows, _ = _read("项目名称 | 某某县某某\n工程 | 实施单位 | 某某局\n主管部门 | 某某局\n")
    assert rows[0] == ["项目名称", "某某县某某工程"]
    # a value's cell that goes on (no "|" beside its next line) stays one cell
    rows, _ = _read("项目名称 | 某某县某某\n道路工程\n主管部门 | 某某局\n")
    assert rows[0] == ["项目名称", "某某县某某道路工程"]


def test_pipe_rows_not_closed_by_a_pipe_end_an_amount_at_its_line() -> None:
    # an amount goes on over no line: the next line's first cell is a row's, whatever it says
    rows, _ = _read("项目名称 | 某某项目\n项目金额(万元) | 12\n某 某 事 项 | 说明文字\n")
    assert rows[1] == ["项目金额(万元)", "12"]
    assert rows[2] == ["某 某 事 项", "说明文字"]


def test_pipe_rows_not_closed_by_a_pipe_end_a_goal_at_its_sentence() -> None:
    # a goal goes on over lines; after its sentence's end, a line opening with a label (its
    # points after it) beside a cell is the next row, whatever that cell says
    rows, _ = _read(
        "项目名称 | 某某项目\n年度目标 | 做好某某工作,保障顺利开展。\n"
        "某某资金 10分 | 项目总预算 | 100\n"
    )
    assert rows[1] == ["年度目标", "做好某某工作,保障顺利开展。"]
    assert rows[2][0] == "某某资金 10分"
    # a goal wrapped over lines without a sentence's end goes on
    rows, _ = _read("项目名称 | 某某项目\n年度目标 | 目标1:某某\n某某工作 | 目标1:某某\n")
    assert rows[1][:2] == ["年度目标", "目标1:某某某某工作"]
    # …or at a label with its colon, its cell empty (the line closed by its "|")
    rows, _ = _read(
        "项目名称 | 某某项目\n总体目标 | 目标1:某某; 目标2:某某\n已完成情况: | \n"
        "主管部门 | 某某局\n"
    )
    assert rows[1] == ["总体目标", "目标1:某某; 目标2:某某"]
    assert rows[2] == ["已完成情况:"]


def test_a_label_stating_its_money_unit_ends_the_value_before_it() -> None:
    # 中期市财政预算(万元), a label the vocabulary does not know, a space after the name and an
    # amount after it: no name states 万元, so the name ends there
    rows, _ = _read("项目名称 某某道路改造工程一期 中期市级预算(万元) 2845.00\n")
    assert rows == [["项目名称", "某某道路改造工程一期"], ["中期市级预算(万元)", "2845.00"]]
    # …with words after it, not an amount: the name's own words (a bracket in a name)
    rows, _ = _read("项目名称 某某工程 一期(万元) 改造\n")
    assert len(rows) == 1


def test_a_starred_label_opening_a_line_is_a_required_field_of_its_own() -> None:
    rows, _ = _read("部门(单位)名称 某某中心\n*部门(单位)职责 负责某某工作\n")
    assert rows[0] == ["部门(单位)名称", "某某中心"]
    assert [rows[1][0].lstrip("*"), rows[1][1]] == ["部门(单位)职责", "负责某某工作"]  # (the star
    # a mark of the label's: kept on it or dropped, never on the value before)
    # a line opening with a word that has no star: the value going on over the line
    rows, _ = _read("部门(单位)名称 某某中心\n某某分中心 联合办公\n")
    assert len(rows) == 1


def test_an_amounts_value_ends_with_its_line() -> None:
    # 项目预算金额 (万元) 5652, then a label the vocabulary cannot read (绩??效??目??标)
    rows, _ = _read("项目名称 某某费用\n项目预算金额 (万元) 5652\n绩?? 效?? 目标 某某目标\n")
    assert rows[1] == ["项目预算金额(万元)", "5652"]
    assert rows[2][0] != "项目预算金额(万元)"


def test_a_label_with_its_modifier_cut_off_opens_a_field_of_its_own() -> None:
    # 具体实施单位: the tokenizer cut 具体 off 实施单位; it is no end of the name above
    rows, _ = _read("项目(专项)名称 某某项目\n具体实施单位 区林业局 项目属性 延续\n")
    assert rows[0] == ["项目(专项)名称", "某某项目"]
    assert rows[1:] == [["具体实施单位", "区林业局"], ["项目属性", "延续"]]


def test_words_and_an_amount_after_a_names_value_are_a_field_of_their_own() -> None:
    # 科室预算 70.00, a label the vocabulary does not know: no name goes on to an amount
    rows, _ = _read("项目支出名称 某某执法专项 科室预算 70.00\n")
    assert rows == [["项目支出名称", "某某执法专项"], ["科室预算", "70.00"]]
    # …a year after words may close the name; after another field's value, words stay its
    assert len(_read("项目名称 某某工程 二期 2023\n")[0]) == 1
    assert len(_read("项目属性 某某 科室预算 70.00\n")[0]) == 1


def test_a_one_line_forms_recipient_field_ends_the_project_name() -> None:
    # the whole form on one line, a space between its cells: 下达地方或单位 is a field label of
    # its own, so the 专项名称 stops before it (it was read as part of the name)
    text = (
        "某某工程中央预算内投资计划绩效目标表\n"
        "专项名称 某某县某某河治理工程 下达地方或单位 某某县发展改革委 本次下达中央预算内投资(万元)"
        " 853 总体目标 完成某某河治理。 一级指标 二级指标 三级指标 指标值 产出指标 数量指标"
        " 治理河道长度 ≥5公里 效益指标 社会效益指标 群众满意度 ≥90%\n"
    )
    (doc,) = read_bytes(text.encode(), "t.txt")
    ((_, project),) = doc.projects()
    assert project.name == "某某县某某河治理工程"
    assert project.funds.total == 853
    assert [i.name for i in project.indicators] == ["治理河道长度", "群众满意度"]


def test_the_indicator_grids_own_caption_does_not_end_the_form_above_it() -> None:
    # 项目支出绩效指标表 right over the header captions the grid; the fields under the form's
    # title above it are still the form's (not page text), and the form is a self-evaluation
    text = (
        "某某网站首页 |\n项目支出绩效自评表 | |||\n项目名称 | 某某项目 | ||\n"
        "主管部门 | 某某局 | 实施单位 | 某某中心 |\n项目支出绩效指标表 | |||\n"
    )
    rows, _ = _read(text)
    assert ["项目名称", "某某项目"] in rows
    assert ["主管部门", "某某局"] in rows
    doc = read_bytes(
        (
            text + "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "产出指标 | 数量指标 | 检查次数 | ≥20次 | 25次 | 50 | 50 |\n"
            "效益指标 | 社会效益 | 群众满意度 | ≥90% | 95% | 50 | 50 | |\n"
        ).encode(),
        "t.txt",
    )[0]
    assert doc.kind == "selfeval"
    [(_, project)] = list(doc.projects())
    assert project.name == "某某项目"
    assert [i.name for i in project.indicators] == ["检查次数", "群众满意度"]


def test_a_note_wholly_in_brackets_is_one_cell_and_an_empty_code_field_ends_the_value() -> None:
    # gd-dongguan-qishi: (适用绩效目标及…申报) holds 绩效目标, no label there; 预算代码 (its
    # cell empty) is a field of its own, not the end of the 主管部门's value
    rows, _ = _read(
        "某某财政项目支出基础信息情况表\n(适用绩效目标及部门一般性项目预算申报)\n"
        "填报单位:某某局\n项目名称 某某经费\n主管部门 镇人民政府 预算代码  \n"
    )
    assert ["(适用绩效目标及部门一般性项目预算申报)"] in rows
    assert ["主管部门", "镇人民政府"] in rows
    assert ["预算代码"] in rows


def test_a_covers_field_lines_over_pipe_rows_are_fields_of_their_own() -> None:
    # hn-yueyang-yueyanglou-whg: 部门(单位)名称: 某某馆 / 预算编码:601002 / 评价方式:… lines with
    # no "|", over the form's "|" rows: no value goes on over them
    rows, _ = _read(
        "绩效评价自评报告\n部门(单位)名称: 某某文化馆\n预算编码:601002\n"
        "评价方式:部门(单位)绩效自评\n"
        "一、基本概况 |\n联系人 |\n张某 |\n联络电话 |\n0730 |\n"
    )
    assert ["部门(单位)名称", "某某文化馆"] in rows
    assert ["预算编码:601002"] in rows


def test_an_evaluation_reports_cover_labels_end_the_values_before_them() -> None:
    # a 绩效评价报告's cover: 评价类型 / 评价方式 / 评价机构 (fields Jixiao does not keep) close
    # the department's value before them, written a space apart or run together
    for text in (
        "某某县财政支出政策绩效评价报告\n项目名称 某某文化活动专项资金\n项目单位 某某县文化局\n"
        "主管部门 某某县财政局\n评价类型 事前评价□ 事后评价R\n评价方式:部门(单位)绩效自评R\n"
        "评价机构:中介机构R 财政评价组□\n",
        "1、财政支出项目绩效评价自评报告评价类型:项目实施过程评价项目名称\n某某文化活动专项资金\n"
        "主管部门\n某某县财政局评价方式:部门(单位)绩效自评评价机构:部门(单位)评价组\n",
    ):
        (doc,) = read_bytes(text.encode(), "t.txt")
        ((_, project),) = doc.projects()
        assert project.name == "某某文化活动专项资金"
        assert doc.department == "某某县财政局"
