"""Rows of a body written a row per line with spaces between its cells, read again with the
line's spaces as the cuts (:mod:`jixiao.ingest.readers.webtext_spaces`)."""

from __future__ import annotations

from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext_spaces import (
    cells_lost,
    lines_of_cells,
    lines_split,
    run_into_name,
    shifted,
    space_cuts,
    words_apart,
)
from jixiao.ingest.text_align import Row, align
from jixiao.ingest.text_tokens import Token, tokens

from .tables import messages

_ROLES: list[str | None] = [None, "level1", "level2", "name", "value"]
_BODY = """产出指标 数量指标 新建公厕数量 6座
质量指标 公厕验收合格率 100%
时效指标 开工时间 2024年3月
补助资金兑付 6月底前100%兑付
效益指标 社会效益指标 群众如厕条件 明显改善
"""


def _cut(body: str) -> tuple[list[list[str]], tuple[int, dict[int, str]]]:
    toks = tokens(body)
    rows: list[Row] = align(toks, _ROLES, rows_by_line=True)
    got = space_cuts(rows, toks, _ROLES)
    return [[c for c in r.cells if c] for r in rows], got


def test_a_row_cut_beside_its_lines_space_is_read_again_at_the_space() -> None:
    # The aligner reads 补助资金兑付 6月底前 | 100%兑付 (a space is cheaper to join than the
    # split before 100%); every other row ends its cells at its spaces.
    rows, got = _cut(_BODY)
    assert got == (1, {})
    assert rows[3] == ["补助资金兑付", "6月底前100%兑付"]
    assert rows[0] == ["产出指标", "数量指标", "新建公厕数量", "6座"]  # (the others as they were)


def test_too_few_rows_ending_cells_at_their_spaces_say_nothing() -> None:
    body = "".join(_BODY.splitlines(keepends=True)[2:4])  # one other row only
    rows, got = _cut(body)
    assert got == (0, {})
    assert rows[1] == ["补助资金兑付 6月底前", "100%兑付"]


def test_a_row_the_spaces_contradict_that_does_not_fit_them_is_unclear() -> None:
    # 补助资金兑付 年内全部100%兑付: cut at the space, the target is words before a figure,
    # no longer a value; as aligned, the name ends in 年内全部: neither reading is sure.
    rows, got = _cut(_BODY.replace("6月底前100%兑付", "年内全部100%兑付"))
    assert got[0] == 0 and list(got[1]) == [3]
    assert rows[3] == ["补助资金兑付年内全部", "100%兑付"]  # (left as aligned, to be refused)


_PAGE = """信息公开
村道养护项目
发布时间:2023-05-01 09:00:00
项目支出绩效目标表
项目名称 村道养护
实施单位 某某镇人民政府
年度目标
完成全镇村道日常养护。
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 养护村道里程 35公里
质量指标 养护路段合格率 95%
时效指标 完工时间 2023年11月
养护资金拨付 9月底前100%拨付
效益指标 社会效益指标 村民出行条件 明显改善
"""


def test_a_page_reads_the_row_at_its_space_and_says_so() -> None:
    (doc,) = read_bytes(_PAGE.encode(), "t.txt")
    got = [(i.level2.name, i.name, i.annual.text) for _, _, i in doc.indicators()]
    assert ("时效指标", "养护资金拨付", "9月底前100%拨付") in got
    assert len(got) == 5
    assert messages(doc, "text.space_cuts")


def _row(line: int, cells: dict[int, str]) -> Row:
    r = Row([cells.get(j, "") for j in range(len(_ROLES))], line, 0.0, len(cells))
    r.parts = {j: [Token(c, line, "space")] for j, c in cells.items()}
    return r


def test_a_line_read_as_two_named_rows_is_unclear() -> None:
    # 质量指标 渠道防渗工程验收合格 率 100% on one line, read as two rows at its space (the
    # second a name 率 of its own); the text has a row per line, the cells are unclear.
    rows = [
        _row(1, {1: "产出指标", 2: "数量指标", 3: "新修水渠长度", 4: "12公里"}),
        _row(2, {2: "质量指标", 3: "渠道防渗工程", 4: "验收合格"}),
        _row(2, {3: "率", 4: "100%"}),
        _row(3, {3: "灌溉面积达标率", 4: "98%"}),
        _row(4, {2: "时效指标", 3: "完工时间", 4: "2024年10月"}),
        _row(5, {1: "效益指标", 2: "社会效益指标", 3: "受益农户", 4: "300户"}),
        _row(6, {3: "农田灌溉条件", 4: "明显改善"}),
        _row(7, {2: "满意度指标", 3: "受益群众满意度", 4: "≥90%"}),
        _row(8, {3: "村委会满意度", 4: "≥95%"}),
    ]
    got = lines_split(rows, _ROLES)
    assert set(got) == {1, 2}
    assert "分不清" in got[1]


def test_rows_sharing_lines_in_a_body_that_keeps_no_row_per_line_say_nothing() -> None:
    # Most rows share their lines (text run together): no habit of a row per line to go by.
    rows = [
        _row(1, {3: "新修水渠长度", 4: "12公里"}),
        _row(1, {3: "渠道防渗工程", 4: "验收合格"}),
        _row(1, {3: "率", 4: "100%"}),
        _row(2, {3: "灌溉面积达标率", 4: "98%"}),
    ]
    assert lines_split(rows, _ROLES) == {}


def test_a_class_row_before_its_named_row_on_the_same_line_is_no_split() -> None:
    rows = [
        _row(1, {1: "产出指标", 2: "数量指标"}),
        _row(1, {3: "新修水渠长度", 4: "12公里"}),
        _row(2, {3: "灌溉面积达标率", 4: "98%"}),
    ]
    assert lines_split(rows, _ROLES) == {}


_SPLIT_PAGE = """\
2021年度县级专项资金绩效目标自评表
专项资金名称 农村供水保障 负责人及电话 张三
县级主管部门 某某县水利局 实施单位 农村水利股
项目资金(万元) 全年预算数(A) 全年执行数(B) 执行率(B/A)
年度资金总额 80 80 100%
年度 总体 目标 年初设定目标 全年实际完成情况
保障农村居民饮水安全 农村饮水安全达标
绩 效 指 标 一级 指标 二级 指标 三级指标 年度指标 值 全年 完成值 未完成原因和 改进措施
产 出 指 标 数量 指标 新建供水管网长 度 20公里 20公里
水厂改造数量 3座 3座
质量 指标 农村供水水质检测制 度严格执行率 100% 100%
水质合格率 95% 96%
时效 指标 工程完工及时率 100% 100%
效 益 指 标 社会 效益 指标 受益人口 12000人 12000人
满意 度指 标 服务 对象 满意 度指 标 群众满意度 90% 95%
"""


def test_a_page_reads_a_line_read_as_two_rows_again_as_one() -> None:
    # 农村供水水质检测制 度严格执行率 100% 100%: the aligner starts a row at 执行率 (a funds
    # label) inside the line; every other indicator line is one row, filling both values:
    # the line is read again as one row, its name wrapped at the space (merged_lines).
    (doc,) = read_bytes(_SPLIT_PAGE.encode(), "t.txt")
    got = [(i.name, i.annual.text) for _, _, i in doc.indicators()]
    assert ("水质合格率", "95%") in got and len(got) == 7
    assert ("农村供水水质检测制度严格执行率", "100%") in got
    assert not [name for name, _ in got if name == "执行率"]


def test_a_page_leaves_a_line_read_as_two_rows_unread_when_its_values_are_words() -> None:
    # …its values words (良好 良好): where the name ends, the words alone could tell
    page = _SPLIT_PAGE.replace("度严格执行率 100% 100%", "度严格执行率 良好 良好")
    (doc,) = read_bytes(page.encode(), "t.txt")
    got = [(i.name, i.annual.text) for _, _, i in doc.indicators()]
    assert ("水质合格率", "95%") in got and len(got) == 6
    assert not [name for name, _ in got if "检测" in name or name == "执行率"]
    assert messages(doc, "text.row_unclear")


_SCORED: list[str | None] = [None, "level1", "level2", "name", "value", "actual", "score"]
_WORDY = """产出指标 数量指标 培训人数 500人 520人 10
质量指标 培训教材 编写质量 符合教学 大纲要求 全部符合 10
时效指标 完成时间 2023年12月 2023年11月 10
"""


def test_cells_of_words_with_more_spaces_than_cuts_are_unclear() -> None:
    # 培训教材 编写质量 符合教学 大纲要求 全部符合: three cells of words in five runs; which
    # spaces end cells only the words could tell (no habit of the table settles it).
    toks = tokens(_WORDY)
    rows = align(toks, _SCORED, rows_by_line=True)
    done, unclear = space_cuts(rows, toks, _SCORED)
    assert done == 0 and list(unclear) == [1]
    assert "分不清" in unclear[1]


def test_a_cell_of_words_with_a_space_beside_figures_is_no_doubt() -> None:
    # 培训教材 编写质量 | 95% | 98% | 10: one cell of words, the only place for its space.
    toks = tokens(_WORDY.replace("符合教学 大纲要求 全部符合", "95% 98%"))
    rows = align(toks, _SCORED, rows_by_line=True)
    assert space_cuts(rows, toks, _SCORED) == (0, {})
    assert [c for c in rows[1].cells if c] == ["质量指标", "培训教材编写质量", "95%", "98%", "10"]


def test_rows_whose_cells_of_words_the_spaces_leave_apart_in_text_on_one_line() -> None:
    # The whole table on one line: 培训教材 编写质量 | 符合教学 大纲要求 | 全部符合 is a guess.
    toks = tokens(" ".join(_WORDY.splitlines()))
    rows = align(toks, _SCORED)
    got = words_apart(rows)
    assert [rows[k].cells[3][:4] for k in got] == ["培训教材"]  # (that row only)
    assert "分不清" in next(iter(got.values()))


def test_cells_of_words_a_paragraph_apart_are_no_doubt() -> None:
    # A cell per paragraph: the text marks every cut, the spaces inside the cells are theirs.
    body = "\n\n".join(["质量指标", "培训教材 编写质量", "符合教学 大纲要求", "全部 符合", "10"])
    rows = align(tokens(body), _SCORED)
    assert [c for c in rows[0].cells if c][1:3] == ["培训教材编写质量", "符合教学大纲要求"]
    assert words_apart(rows) == {}


_ONE_LINE = (
    "产出指标 数量指标 培训人数 100人 120人 完成验收学校数量 10所 10所 质量指标 培训对象年龄 "
    "18—54周岁 存在18岁以下、54周岁以上 结业考核通过率 100% 98% 验收达标率 100% 100% 时效指标 "
    "培训完成及时率 100% 100% 成本指标 储备粮管理制 度严格执行率 100% 100% 补贴标准 3000元/人 "
    "2600元/人"
)


def test_a_row_stopping_before_a_column_the_others_fill_may_have_lost_it_to_the_next() -> None:
    # The whole table on one line, its empty cells lost: 培训对象年龄's 完成值 (存在18岁以下…) is
    # read as the head of the next name; 储备粮管理制 度严格执行率 is cut into two rows.
    roles: list[str | None] = ["level1", "level2", "name", "annual", "actual"]
    rows = align(tokens(_ONE_LINE), roles)
    names = [r.cells[2] for r in rows]
    assert names[2:4] == ["培训对象年龄", "存在18岁以下、54周岁以上结业考核通过率"]
    assert names[6:8] == ["储备粮管理制", "执行率"]
    got = cells_lost(rows, roles, [None] * len(rows))
    # the next row either way; the first too where no figure proves its value (度严格)
    assert sorted(got) == [3, 6, 7]
    # the same rows a line each: a new line marks where each begins
    lines = "\n".join(" ".join(c for c in r.cells if c) for r in rows[:6])
    again = align(tokens(lines), roles, rows_by_line=True)
    assert again[3].cells[2] == "存在18岁以下、54周岁以上结业考核通过率"
    assert cells_lost(again, roles, [None] * len(again)) == {}


def test_in_a_cell_per_paragraph_a_paragraph_marks_no_row_start() -> None:
    # 某某人数 | 18—54周岁 stops before the 完成值 the other rows fill, and the next row opens
    # with its name in a paragraph of its own: a paragraph is where a cell begins, not a row
    # (the lost 完成值 may be that paragraph, 结业考核通过率 its row's name)
    roles: list[str | None] = ["name", "annual", "actual"]
    texts = [("培训人数", "100人", "120人"), ("验收学校数", "10所", "10所")]
    texts += [("培训对象年龄", "18—54周岁", ""), ("存在超龄学员", "结业考核通过率", "98%")]
    texts += [("验收达标率", "100%", "100%")]
    rows, part = [], []
    for k, cells in enumerate(texts):
        toks = [Token(c, 2 * (3 * k + j), "para") for j, c in enumerate(cells) if c]
        parts = {j: [t] for j, t in enumerate(toks)}
        rows.append(Row(list(cells), toks[0].line, 0.0, len(toks), parts))
        part += toks
    assert list(cells_lost(rows, roles, [None] * len(rows), part)) == [3]  # (18—54: its own)
    assert cells_lost(rows, roles, [None] * len(rows)) == {}  # (a paragraph as a row's start)


def test_a_row_stopping_short_with_a_name_of_runs_apart_may_hold_its_target_in_it() -> None:
    # 按季发放助学金 发放时间达标率 100% among rows filling both 指标值 and 完成值: the name's
    # last run may be the target and 100% its 完成值; nothing says which, the row is unclear
    roles: list[str | None] = ["level1", "level2", "name", "annual", "actual"]
    body = (
        "产出指标 数量指标 孤儿助学人数 9人 9人 质量指标 完成学业率 100% 100% 时效指标"
        " 按季发放助学金 发放时间达标率 100% 成本指标 社会化发放率 ≥95% 100% 资金执行率 100% 82%"
    )
    rows = align(tokens(body), roles)
    assert [c for c in rows[2].cells if c] == ["时效指标", "按季发放助学金发放时间达标率", "100%"]
    assert sorted(cells_lost(rows, roles, [None] * len(rows))) == [2]
    # a name of one run stopping short: the column is left out, as before
    one = align(tokens(body.replace("按季发放助学金 ", "")), roles)
    assert cells_lost(one, roles, [None] * len(one)) == {}


def test_a_column_the_rows_often_leave_empty_loses_no_cell() -> None:
    roles: list[str | None] = ["level1", "level2", "name", "annual", "actual"]
    rows = align(
        tokens("产出指标 数量指标 培训人数 100人 甲乙 80% 丙丁 90% 戊己 70% 庚辛 60% 50%"), roles
    )
    assert cells_lost(rows, roles, [None] * len(rows)) == {}


_SHORT_ROWS = """某某托育项目绩效目标表
项目名称 某某托育项目
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 每千人托位数 4.5
质量指标 应补尽补率 100%
审核准确率 100%
补助发放准确率 100%
效益指标 社会效益 社区托育机构覆盖率 提高
婴幼儿健康管理率 95%
科学育儿知识普及率 90%
从业人员持证率 80%
"""


def test_short_rows_two_cells_a_line_as_often_as_three_are_a_row_a_line() -> None:
    # most lines hold a name and its value only (their classes merged above): still a row a
    # line, so 提高 ends its row and 婴幼儿健康管理率 opens the next, not one name across both
    (doc,) = read_bytes(_SHORT_ROWS.encode(), "page.txt")
    got = [(i.level2.name, i.name, i.annual.text) for _, _, i in doc.indicators()]
    assert got[4:6] == [
        ("社会效益", "社区托育机构覆盖率", "提高"),
        ("社会效益", "婴幼儿健康管理率", "95%"),
    ]
    assert len(got) == 8
    assert lines_of_cells({1: 4, 2: 3, 3: 2, 4: 2, 5: 3})
    assert not lines_of_cells({1: 1, 2: 1, 3: 2, 4: 1, 5: 1})  # (a cell a line)
    assert not lines_of_cells({1: 60})  # (a table on one line)


def test_a_qualitative_target_or_a_second_rate_inside_a_name_is_cells_run_together() -> None:
    # 负担率 有所减轻 对家庭负担…: the target and the cells after it read into the name
    roles: list[str | None] = ["level2", "name", "value"]
    text = "社会效益 家庭负担率 有所减轻 对家庭负担减轻情况 6分\n社会效益 群众幸福感 明显提升\n"
    toks = tokens(text)
    rows = [Row(["社会效益", "", "6分"], 1, 0.0, 5, {0: [toks[0]], 1: toks[1:4], 2: [toks[4]]})]
    rows.append(Row(["社会效益", "", ""], 2, 0.0, 3, {0: [toks[5]], 1: toks[6:8]}))
    assert list(run_into_name(rows, roles)) == [0]  # (明显提升 last: the name's rules judge it)
    # two names of rates a space apart, a target between them: two rows' names
    toks = tokens("社会效益 托育机构覆盖率 提高 健康管理率 95%\n")
    rows = [Row(["社会效益", "", "95%"], 1, 0.0, 5, {0: [toks[0]], 1: toks[1:4], 2: [toks[4]]})]
    assert list(run_into_name(rows, roles)) == [0]
    # a value as a word between the words of a note: a row's target and the next row's name
    note_roles: list[str | None] = ["level2", "name", "explanation", "value"]
    toks = tokens("数量指标 维修次数 反映维修情况 2280次 巡察次数 200次\n")
    row = Row(["数量指标", "维修次数", "", "200次"], 1, 0.0, 6)
    row.parts = {0: [toks[0]], 1: [toks[1]], 2: toks[2:5], 3: [toks[5]]}
    assert list(run_into_name([row], note_roles)) == [0]
    toks = tokens("社会效益 食品安全指标达标 率 95%\n")  # (a name wrapped inside its word)
    rows = [Row(["社会效益", "", "95%"], 1, 0.0, 4, {0: [toks[0]], 1: toks[1:3], 2: [toks[3]]})]
    assert run_into_name(rows, roles) == {}


def test_a_row_over_two_lines_marks_no_cut_at_its_line_break() -> None:
    # 打造国际网球 / 公开赛等系列赛事 影响可持续: the name wraps over the line, so whether the
    # name ends at the break or at the space after it, only the words could tell
    roles: list[str | None] = ["level2", "name", "value"]
    toks = tokens("可持续影响指标 打造国际网球\n公开赛等系列赛事 影响可持续\n")
    row = Row(["可持续影响指标", "打造国际网球", "公开赛等系列赛事影响可持续"], 1, 0.0, 4)
    row.parts = {0: [toks[0]], 1: [toks[1]], 2: toks[2:4]}
    rows = [row]
    assert 0 in space_cuts(rows, toks, roles)[1]
    # on one line, its spaces all between cells: a row as clear as any
    toks = tokens("可持续影响指标 打造国际网球 影响可持续\n")
    row = Row(["可持续影响指标", "打造国际网球", "影响可持续"], 1, 0.0, 3)
    row.parts = {0: [toks[0]], 1: [toks[1]], 2: [toks[2]]}
    assert space_cuts([row], toks, roles)[1] == {}


def test_a_row_whose_runs_between_spaces_are_fewer_than_its_cells_is_unclear() -> None:
    # 减税降费 企业所得税减按15%征收 under a 备注 column: read 减税降费企业所得税减按 | 15% | 征收,
    # a cell across the space and a run cut in three; the spaces give fewer cells than that
    roles: list[str | None] = ["level1", "level2", "name", "value", "remark"]
    body = _BODY.replace("补助资金兑付 6月底前100%兑付", "减税降费 企业所得税减按15%征收")
    toks = tokens(body)
    rows: list[Row] = align(toks, roles, rows_by_line=True)
    at = next(k for k, r in enumerate(rows) if "减税降费" in "".join(r.cells))
    assert rows[at].cells[2:] == ["减税降费企业所得税减按", "15%", "征收"]
    done, unclear = space_cuts(rows, toks, roles)
    assert done == 0 and "少于各列" in unclear[at]


def test_a_name_joined_across_a_space_before_an_empty_value_column_is_unclear() -> None:
    # 孤儿助学人数 应助尽助 9 under 指标值 | 完成值: the name joined across the space, 9 the
    # target and no 完成值; or 应助尽助 the target and 9 the 完成值: both read as well
    roles: list[str | None] = ["level2", "name", "value", "actual", "deviation"]
    toks = tokens("数量指标 孤儿助学人数 应助尽助 9\n")
    row = Row(["数量指标", "孤儿助学人数 应助尽助", "9", "", ""], 1, 0.0, 4)
    row.parts = {0: [toks[0]], 1: toks[1:3], 2: [toks[3]]}
    assert list(shifted([row], roles)) == [0]
    # the value column filled after it: no room to move a cell into
    toks = tokens("数量指标 孤儿助学人数 应助尽助 9 9\n")
    full = Row(["数量指标", "孤儿助学人数 应助尽助", "9", "9", ""], 1, 0.0, 5)
    full.parts = {0: [toks[0]], 1: toks[1:3], 2: [toks[3]], 3: [toks[4]]}
    assert shifted([full], roles) == {}
    # a name wrapped inside its words, both values filled: no value column left for a third
    toks = tokens("质量指标 县级储备粮管理制 度严格执行率 100% 100%\n")
    wrapped = Row(["质量指标", "县级储备粮管理制 度严格执行率", "100%", "100%", ""], 1, 0.0, 5)
    wrapped.parts = {0: [toks[0]], 1: toks[1:3], 2: [toks[3]], 3: [toks[4]]}
    assert shifted([wrapped], roles) == {}
    # a moved cell that fits its new column badly (a sentence as a 完成值): no other reading
    toks = tokens("数量指标 孤儿助学人数 保障全部孤儿按时领到助学金并完成学业 9\n")
    long = Row(["数量指标", "孤儿助学人数 保障…", "9", "", ""], 1, 0.0, 4)
    long.parts = {0: [toks[0]], 1: toks[1:3], 2: [toks[3]]}
    assert shifted([long], roles) == {}


def test_a_name_joined_across_a_space_before_its_groups_empty_target_is_unclear() -> None:
    # two groups side by side (中期, 年度): the first group's name took its target's words
    # across a space, its 指标值 empty, the second group's cells after it
    roles: list[str | None] = ["level2", "name", "value", "level2", "name", "annual"]
    toks = tokens("质量指标 围绕某某需求 解决旱情,保障粮食安全,服务农业生产 质量指标 某某 解\n")
    row = Row(["质量指标", "…", "", "质量指标", "某某", "解"], 1, 0.0, 6)
    row.parts = {0: [toks[0]], 1: toks[1:3], 3: [toks[3]], 4: [toks[4]], 5: [toks[5]]}
    assert list(shifted([row], roles)) == [0]


def test_a_figure_cut_off_a_names_run_between_spaces_is_unclear() -> None:
    # 配套变压器3台 3 9.3 9.3: 3台 the name's end or its target, 3 the target or the 完成值
    roles: list[str | None] = ["level2", "name", "value", "actual", "weight", "score"]
    body = "数量指标 配套变压器3台 3 9.3 9.3\n时效指标 完成时限 10 10 10.3 10.3\n"
    toks = tokens(body)
    rows = align(toks, roles, rows_by_line=True)
    assert rows[0].cells[1:3] == ["配套变压器", "3台"]
    assert list(space_cuts(rows, toks, roles)[1]) == [0]
    # the same cut in cells run together (no space in the row): every cut is the tokenizer's
    toks = tokens("数量指标配套变压器3台\n")
    glued = align(toks, roles, rows_by_line=True)
    assert space_cuts(glued, toks, roles)[1] == {}
    # the whole table on one line: the same
    toks = tokens(body.replace("\n", " "))
    rows = align(toks, roles)
    assert rows[0].cells[1:3] == ["配套变压器", "3台"]
    assert list(space_cuts(rows, toks, roles, by_line=False)[1]) == [0]


def test_a_doubtful_row_is_read_again_a_run_per_cell_when_every_run_fits() -> None:
    from jixiao.ingest.readers.webtext_spaces import by_runs

    roles: list[str | None] = ["level1", "level2", "name", "value", "actual"]
    # 减轻经济负担 有效减轻 有效减轻: aligned as a name ending in its target, the 完成值 empty
    toks = tokens("减轻经济负担 有效减轻 有效减轻\n")
    row = Row(["", "", "减轻经济负担 有效减轻", "有效减轻", ""], 1, 0.0, 3)
    row.parts = {2: toks[:2], 3: [toks[2]]}
    assert by_runs(row, toks, roles) == ["", "", "减轻经济负担", "有效减轻", "有效减轻"]
    # a class opening the line is read in its class column
    toks = tokens("经济效益 减轻经济负担 有效减轻 有效减轻\n")
    row = Row(["", "经济效益", "减轻经济负担 有效减轻", "有效减轻", ""], 1, 0.0, 4)
    row.parts = {1: [toks[0]], 2: toks[1:3], 3: [toks[3]]}
    assert by_runs(row, toks, roles) == ["", "经济效益", "减轻经济负担", "有效减轻", "有效减轻"]
    # more runs than columns left for them, or a run that fits its column badly: not so
    toks = tokens("减轻 经济负担 有效减轻 有效减轻 好\n")
    row = Row(["", "", "减轻经济负担", "有效减轻", "有效减轻 好"], 1, 0.0, 5)
    row.parts = {2: toks[:2], 3: [toks[2]], 4: toks[3:]}
    assert by_runs(row, toks, roles) is None
    toks = tokens("减轻经济负担 有效减轻 产出指标\n")
    row = Row(["", "", "减轻经济负担 有效减轻", "产出指标", ""], 1, 0.0, 3)
    row.parts = {2: toks[:2], 3: [toks[2]]}
    assert by_runs(row, toks, roles) is None


def test_rows_filling_every_value_column_are_a_habit_a_doubtful_row_may_follow() -> None:
    from jixiao.ingest.readers.webtext_spaces import values_filled

    roles: list[str | None] = ["level2", "name", "value", "actual"]
    full = [Row(["", f"名称{k}", "100%", "98%"], k, 0.0, 3) for k in range(3)]
    short = Row(["", "孤儿助学人数应助尽助", "9", ""], 4, 0.0, 2)
    assert values_filled([*full, short], roles, [None, None, None, "ambiguous"])
    rows = [*full, short, short]
    assert not values_filled(rows, roles, [None] * 5)  # (three of five)
    assert not values_filled([*full[:2], short], roles, [None, None, "ambiguous"])  # (two)


def test_a_line_read_as_two_unclear_rows_is_read_again_as_one_name_and_its_figures() -> None:
    from jixiao.ingest.readers.webtext_spaces import merged_lines

    roles: list[str | None] = ["level1", "level2", "name", "value", "actual"]
    body = (
        "产出指标 数量指标 库存数量真实率 100% 100%\n储备粮管理专户管理率 100% 100%\n"
        "应急保障率 100% 100%\n质量指标 县级储备粮管理制 度严格执行率 100% 100%\n"
    )
    toks = tokens(body)
    rows = align(toks, roles, rows_by_line=True)[:3]
    line = [t for t in toks if t.line == 4]
    rows.append(Row(["", "质量指标", "县级储备粮管理制", "度严格", ""], 4, 0.0, 3))
    rows[-1].parts = {1: line[:1], 2: line[1:2], 3: line[2:3]}
    rows.append(Row(["", "", "执行率", "100%", "100%"], 4, 0.0, 3))
    rows[-1].parts = {2: line[3:4], 3: line[4:5], 4: line[5:6]}
    unclear = {3: "two rows on one line", 4: "two rows on one line"}
    got, doubts = merged_lines(rows, toks, roles, unclear)
    assert got[3].cells == ["", "质量指标", "县级储备粮管理制度严格执行率", "100%", "100%"]
    assert len(got) == 4 and doubts == {}
    # values that are words, not figures: the runs could be cut elsewhere, left unclear
    words = [Row(list(r.cells), r.line, 0.0, r.tokens, dict(r.parts)) for r in rows]
    words[4].cells[3:] = ["良好", "良好"]
    body2 = body.replace("度严格执行率 100% 100%", "度严格执行率 良好 良好")
    toks2 = tokens(body2)
    line2 = [t for t in toks2 if t.line == 4]
    words[3].parts = {1: line2[:1], 2: line2[1:2], 3: line2[2:3]}
    words[4].parts = {2: line2[3:4], 3: line2[4:5], 4: line2[5:6]}
    got, doubts = merged_lines(words, toks2, roles, unclear)
    assert len(got) == 5 and doubts == unclear


def test_a_target_ending_in_its_actual_is_no_glued_figure_when_each_is_a_run_of_its_own() -> None:
    # 国家级公益林管护面积 万亩 28 10 8 10: 28 ends in 8 (its 完成值), yet between spaces
    # neither has a figure glued on
    from jixiao.ingest.readers.webtext_rows import implausible
    from jixiao.ingest.readers.webtext_spaces import values_whole

    roles: list[str | None] = ["name", "measure", "value", "weight", "actual", "score"]
    toks = tokens("国家级公益林管护面积 万亩 28 10 8 10\n")
    cells = [t.text for t in toks]
    row = Row(cells, 1, 0.0, 6, {j: [t] for j, t in enumerate(toks)})
    assert values_whole(row, roles)
    assert implausible(cells, roles) is not None  # (glued, for all the text says)
    assert implausible(cells, roles, whole=True) is None
    # a value glued to what follows it (28万亩10): not a whole run
    toks = tokens("国家级公益林管护面积 28万亩10\n")
    glued = Row(["国家级公益林管护面积", "", "28万亩", "10", "", ""], 1, 0.0, 3)
    glued.parts = {0: [toks[0]], 2: [toks[1]], 3: [toks[2]]}
    assert toks[2].gap != "space" and not values_whole(glued, roles)


def test_a_body_on_one_line_with_rows_worth_of_cells_is_no_row_a_line() -> None:
    # the whole form on one line (a page with a few lines of chrome): its short body, under 24
    # cells, holds four rows, not one row of a line read by its spaces
    text = (
        "某某局部门整体支出绩效目标申报表\n部门名称 某某局 一级指标 二级指标 三级指标 指标内容"
        " 指标值 备注 产出指标 数量指标 培育企业数量 全年培育企业数量 15家以上 新认定企业数量"
        " 新认定企业数量 6家以上 合作项目数量 全年开展合作项目数量 20项以上 活动举办次数"
        " 活动举办次数 1次\n"
    )
    (doc,) = read_bytes(text.encode(), "t.txt")
    ((_, project),) = doc.projects()
    assert [(i.name, i.annual.text) for i in project.indicators] == [
        ("培育企业数量", "15家以上"),
        ("新认定企业数量", "6家以上"),
        ("合作项目数量", "20项以上"),
        ("活动举办次数", "1次"),
    ]


def test_a_body_on_one_line_before_a_line_of_chrome_is_no_row_a_line() -> None:
    # the page's line after the table (本页信息仅供查阅) is no second row of a body written a
    # row per line: the body on its one line is still rows run together
    text = (
        "某某项目绩效目标表\n项目名称 某某工程 一级指标 二级指标 三级指标 指标值 指标说明"
        " 产出指标 数量指标 灭火装置 10套 控制设备 160个 报警主机 4台 施工材料 1批"
        " 质量指标 验收合格率 100% 时效指标 完工时间 2021年12月31日\n本页信息仅供查阅\n"
    )
    (doc,) = read_bytes(text.encode(), "t.txt")
    ((_, project),) = doc.projects()
    got = [(i.name, i.annual.text, i.explanation) for i in project.indicators]
    assert got[:2] == [("灭火装置", "10套", None), ("控制设备", "160个", None)]
    assert got[-1] == ("完工时间", "2021年12月31日", None)


def test_a_name_of_runs_of_words_before_a_bare_figure_on_one_line_is_unclear() -> None:
    # 补助资金按时到期 补助资金及时到位 100%: the last run may be the target's words
    roles: list[str | None] = ["level1", "level2", "name", "value"]
    body = "产出指标 质量指标 补助资金按时到期 补助资金及时到位 100% 资金使用合规性 合规"
    rows = align(tokens(body), roles)
    assert rows[0].cells[2] == "补助资金按时到期补助资金及时到位"
    assert 0 in run_into_name(rows, roles, by_line=False)
    assert run_into_name(rows, roles) == {}  # (a row a line: the line says where it ends)


def test_a_run_opening_many_names_closes_the_rows_before_them() -> None:
    from jixiao.ingest.readers.webtext_spaces import closing_runs

    # one line: each row's 指标值说明 (the same words every row) read as the next name's head
    roles: list[str | None] = ["level1", "level2", "name", "op", "value", "measure"]
    roles.append("explanation")
    body = (
        "产出指标 数量指标 在职职工人数 = 116 人 该值数据合理 退休职工人数 = 81 人 该值数据合理"
        " 遗属人数 = 13 人 该值数据合理 监测点数量 = 4 个 该值数据合理"
    )
    rows = align(tokens(body), roles)
    assert [r.cells[2] for r in rows][1] == "该值数据合理退休职工人数"
    assert closing_runs(rows, roles) == 3
    assert [(r.cells[2], r.cells[-1]) for r in rows] == [
        ("在职职工人数", "该值数据合理"),
        ("退休职工人数", "该值数据合理"),
        ("遗属人数", "该值数据合理"),
        ("监测点数量", "该值数据合理"),
    ]
    # a head two names share only: no habit of the table, left as aligned
    two = align(tokens(body.rsplit(" 监测点数量", 1)[0]), roles)
    assert closing_runs(two, roles) == 0


def test_a_one_line_body_leaving_the_columns_after_its_target_blank_reads_without_them() -> None:
    # 指标值 | 指标标准或依据 | 2021年实际实现值 | 预期2022年实现值, the last three blank in every
    # row: on one line their empty cells are lost, and the next rows' names are not put there
    text = (
        "某某主体班项目绩效目标表\n项目名称 主体班 一级指标 二级指标 三级指标 指标值 指标标准或依据"
        " 2021年实际实现值 预期2022年实现值 产出指标 数量指标 主体班培训人次 280人次"
        " 邀请校外名师授课人次 25人次 情景教学批次 6次 开设课程数量 220 质量指标 培训完成率 100%"
        " 课程数量达标率 100% 时效指标 及时完成率 100%\n"
    )
    (doc,) = read_bytes(text.encode(), "t.txt")
    ((_, project),) = doc.projects()
    assert [(i.name, i.annual.text) for i in project.indicators] == [
        ("主体班培训人次", "280人次"),
        ("邀请校外名师授课人次", "25人次"),
        ("情景教学批次", "6次"),
        ("开设课程数量", "220"),
        ("培训完成率", "100%"),
        ("课程数量达标率", "100%"),
        ("及时完成率", "100%"),
    ]


def test_a_row_joined_across_a_space_and_cut_between_words_is_unclear() -> None:
    # 拓展销售渠道 同比上年显著提高 显著提高, read 拓展销售渠道同比上年 | 显著提高 | 显著提高:
    # the name joined across the line's space, the target cut between words where it has none
    roles: list[str | None] = ["level2", "name", "value", "actual"]
    toks = [
        Token("经济效益指标", 1, "line"),
        Token("拓展销售渠道", 1, "space"),
        Token("同比上年", 1, "space"),
        Token("显著提高", 1, "glue"),
        Token("显著提高", 1, "space"),
    ]
    row = Row(["经济效益指标", "拓展销售渠道同比上年", "显著提高", "显著提高"], 1, 0.0, 4)
    row.parts = {0: toks[:1], 1: toks[1:3], 2: [toks[3]], 3: [toks[4]]}
    for by_line in (True, False):  # (a row a line without the habit, or a table on one line)
        assert list(space_cuts([row], toks, roles, by_line)[1]) == [0]
    # a figure cut off words (同比上年 | 100%): no guess between words
    figure = Row(["经济效益指标", "拓展销售渠道同比上年", "100%", "显著提高"], 1, 0.0, 4)
    figure.parts = {0: toks[:1], 1: toks[1:3], 2: [Token("100%", 1, "glue")], 3: [toks[4]]}
    assert space_cuts([figure], [*toks[:3], figure.parts[2][0], toks[4]], roles)[1] == {}


def test_a_target_ending_in_its_actual_a_paragraph_each_is_no_glued_figure() -> None:
    # a cell per paragraph: 28 | 8 (万亩) each a paragraph of its own, no 2 glued to the 8
    from jixiao.ingest.readers.webtext_rows import implausible
    from jixiao.ingest.readers.webtext_spaces import values_whole

    roles: list[str | None] = ["name", "measure", "value", "weight", "actual", "score"]
    cells = ["公益林管护面积", "万亩", "28", "10", "8", "10"]
    row = Row(cells, 1, 0.0, 6, {j: [Token(c, 2 * j + 1, "para")] for j, c in enumerate(cells)})
    assert values_whole(row, roles)
    assert implausible(cells, roles) is not None  # (glued text: the 2 may be a weight's)
    assert implausible(cells, roles, whole=True) is None
    glued = Row(cells, 1, 0.0, 6, {j: [Token(c, 1, "glue")] for j, c in enumerate(cells)})
    assert not values_whole(glued, roles)


def test_a_figure_cut_off_a_names_run_in_a_row_joined_across_a_space_is_unclear() -> None:
    # 举办某某成立95 周年展览 向社会展示某某成就: the aligner cuts 95 off the name's run and joins
    # the runs after it into one cell; with no habit of rows ending cells at their spaces the
    # row is not read again, and which words are the name and which the target, only the words
    # could tell
    roles: list[str | None] = ["level1", "name", "value", "standard"]
    toks = tokens("举办某某成立95 周年展览 向社会展示某某成就\n")
    row = Row(["", "举办某某成立", "95", "周年展览向社会展示某某成就"], 1, 0.0, 4)
    row.parts = {1: [toks[0]], 2: [toks[1]], 3: toks[2:4]}
    assert toks[1].gap == "cut"
    assert list(space_cuts([row], toks, roles)[1]) == [0]
    # the figure a run of its own (a space before it): a target as written
    toks = tokens("举办某某展览 95 周年展览向社会展示 某某成就\n")
    row = Row(["", "举办某某展览", "95", "周年展览向社会展示某某成就"], 1, 0.0, 4)
    row.parts = {1: [toks[0]], 2: [toks[1]], 3: toks[2:4]}
    assert space_cuts([row], toks, roles)[1] == {}
    # a figure with its unit cut off words (某某成立 | 95%): the target the text glued on
    toks = tokens("举办某某成立95% 周年展览 向社会展示某某成就\n")
    row = Row(["", "举办某某成立", "95%", "周年展览向社会展示某某成就"], 1, 0.0, 4)
    row.parts = {1: [toks[0]], 2: [toks[1]], 3: toks[2:4]}
    assert space_cuts([row], toks, roles)[1] == {}


def test_a_pipe_rows_name_ending_in_its_target_is_the_tables_own() -> None:
    # "|" cells, a row per line: 科技特派员创业能力提升 | 创业能力提升 | 达成预期指标, each value
    # its own cell between "|"s (the form repeats the name's end as its target), read; the same
    # cells glued are no proof of where the name ends
    from jixiao.ingest.readers.webtext_rows import implausible
    from jixiao.ingest.readers.webtext_spaces import values_whole

    roles: list[str | None] = ["level2", "name", "annual", "actual", "weight", "score"]
    cells = ["质量指标", "科技特派员创业能力提升", "创业能力提升", "达成预期指标", "20", "20"]
    toks = tokens(" | ".join(cells) + "\n产出指标 | 数量指标 | 某某 | 3次 | 3 | 10 | 10\n")[:6]
    row = Row(cells, 1, 0.0, 6, {j: [t] for j, t in enumerate(toks)})
    assert values_whole(row, roles, pipe=True) and not values_whole(row, roles)
    assert implausible(cells, roles) is not None
    assert implausible(cells, roles, whole=True) is None
    glued = Row(cells, 1, 0.0, 6, {j: [Token(c, 1, "glue")] for j, c in enumerate(cells)})
    assert not values_whole(glued, roles, pipe=True)


def test_a_one_line_tables_name_ending_in_its_target_is_read_when_each_is_one_run() -> None:
    # the whole table on one line, cells apart by spaces: 科技特派员创业能力提升 创业能力提升
    # 达成预期指标 (a form repeating the name's end as its target, with its actual), each one run
    # between spaces, as in a table written a row per line
    text = (
        "项目名称 某某创业行动经费 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分"
        " 产出指标 数量指标 开展结对交流活动 ≥3次 3 10 10 质量指标 科技特派员创业能力提升"
        " 创业能力提升 达成预期指标 20 20 时效指标 2022年底之前 2022年底之前 达成预期指标 10 10"
        " 成本指标 业务培训开展 ≥5万元 5 10 10\n"  # (the last row: the text may cut it)
    )
    (doc,) = read_bytes(text.encode(), "t.txt")
    ((_, project),) = doc.projects()
    assert [(i.name, i.annual.text, i.score) for i in project.indicators] == [
        ("开展结对交流活动", "≥3次", 10),
        ("科技特派员创业能力提升", "创业能力提升", 20),
        ("2022年底之前", "2022年底之前", 10),
    ]
