"""A page's last line after a table whose cells are split by spaces: chrome, not the value of
the table's last row (:mod:`jixiao.ingest.readers.webtext_tail`), and that row, cut short by
the page, left unread."""

from __future__ import annotations

from jixiao.ingest import read_bytes
from jixiao.ingest.readers.webtext_rows import cut_short
from jixiao.ingest.readers.webtext_tail import lone_tail
from jixiao.ingest.text_align import Row, align
from jixiao.ingest.text_tokens import tokens
from jixiao.model import Document

from .tables import messages

_ROWS = """某某项目绩效目标表
项目名称 某某项目
一级指标 二级指标 三级指标 指标解释 指标值
产出指标 数量指标 培训人数 全年培训的人数 120人
质量指标 培训合格率 考核合格的比例 95%
时效指标 完成时间 全年任务完成的时间 2024年底
"""
_CUT = "效益指标 社会效益 群众知晓度\n(以下内容略)\n"
_ROLES: list[str | None] = ["level1", "level2", "name", "explanation", "value"]


def _read(text: str) -> Document:
    (doc,) = read_bytes(text.encode(), "page.txt")
    return doc


def _rows(doc: Document) -> list[tuple[str, str, str, str]]:
    return [(i.level1.name, i.level2.name, i.name, i.annual.text) for _, _, i in doc.indicators()]


_READ = [
    ("产出指标", "数量指标", "培训人数", "120人"),
    ("产出指标", "质量指标", "培训合格率", "95%"),
    ("产出指标", "时效指标", "完成时间", "2024年底"),
]


def test_a_note_after_a_row_cut_short_is_not_its_value() -> None:
    # 群众知晓度 stops before its 指标解释 and 指标值; (以下内容略) on the line after is the page's
    doc = _read(_ROWS + _CUT)
    assert _rows(doc) == _READ
    assert messages(doc, "text.after_table")
    # ((以下内容略) is page furniture, a cut note: the row stands alone, with no value)
    (cut,) = [m for m in messages(doc, "text.row_no_values") if "群众知晓度" in m]
    assert "没有指标值" in cut


def test_the_same_with_the_whole_table_on_one_line() -> None:
    head, _, body = (_ROWS + _CUT).partition("一级指标")
    text = head + " ".join(("一级指标" + body).split("\n")[:-2]) + "\n(以下内容略)\n"
    assert _rows(_read(text)) == _READ


def test_a_last_line_that_only_continues_the_last_cell_stays_in_it() -> None:
    # 满意度 ≥90% / 以上: the last line ends the value cell begun on the row's line
    text = _ROWS + "满意度指标 服务对象满意度 群众满意度 群众对培训的满意程度 ≥90%\n以上\n"
    toks = tokens(text.partition("指标值\n")[2])
    rows = align(toks, _ROLES, rows_by_line=True, cut=True)
    assert lone_tail(lambda: rows, toks, _ROLES) == len(toks)


def test_a_cell_per_line_writes_every_cell_alone_on_its_line() -> None:
    toks = tokens("培训人数\n全年培训的人数\n120人\n群众知晓度\n明显提高\n")
    rows = align(toks, _ROLES[2:], cut=True)
    assert lone_tail(lambda: rows, toks, _ROLES[2:]) == len(toks)


def test_a_last_row_leaving_out_a_column_every_other_row_fills_may_be_cut() -> None:
    toks = tokens("培训人数 全年培训的人数 120人\n合格率 考核合格的比例 95%\n知晓度 明显提高\n")
    rows = [Row(["培训人数", "全年培训的人数", "120人"], 1, 0.0, 3)]
    rows.append(Row(["合格率", "考核合格的比例", "95%"], 2, 0.0, 3))
    rows.append(Row(["知晓度", "", "明显提高"], 3, 0.0, 2, {0: [toks[-2]], 2: [toks[-1]]}))
    assert cut_short(rows, toks)
    rows[-1] = Row(["知晓度", "群众知晓的程度", "明显提高"], 3, 0.0, 2, {2: [toks[-1]]})
    assert not cut_short(rows, toks)


def test_a_table_a_line_ends_where_a_line_opens_another_table_with_its_seq_column() -> None:
    # every table on a line of its own: the line after the indicators, opening with 序号 and
    # wider than their header, is another table (a list of schools), no rows of theirs
    head, _, body = _ROWS.partition("一级指标")
    table = " ".join(("一级指标" + body + "效益指标 社会效益 群众知晓度").split("\n"))
    schools = (
        "序号 学校性质 培训机构 补助标准(元/人) 培训人数 合格人数 补助资金 备注 "
        "1 民办 某某职业培训学校 2600 842 842 218.92 2 民办 某某护工培训学校 2600 900 900 234 "
        "3 民办 某某技能培训学校 2600 941 941 244.66"
    )
    doc = _read(head + table + "\n" + schools + "\n")
    assert _rows(doc) == _READ
    assert messages(doc, "text.after_table")


def test_a_last_row_without_the_class_every_other_row_states_is_the_pages() -> None:
    from jixiao.ingest.readers.webtext_tail import classless_tail
    from jixiao.ingest.text_align import Row

    roles: list[str | None] = ["level1", "level2", "name", "value"]
    body = [
        Row(["产出指标", "成本指标", "成本控制", "按测算控制"], 1, 0.0, 4),
        Row(["", "时效指标", "完成时限", "年底前"], 2, 0.0, 3),
        Row(["", "数量指标", "补贴数量", "5万元"], 3, 0.0, 3),
        Row(["效益指标", "社会效益指标", "发展全民健身", "有效提高"], 4, 0.0, 4),
    ]
    tail = Row(["", "", "学校办公室", "2019年2月"], 5, 0.0, 2)
    assert classless_tail([*body, tail], roles)
    # a level 2 merged over rows (a row without one before the last): no habit
    merged = [*body[:2], Row(["", "", "补贴数量", "5万元"], 3, 0.0, 2), body[3]]
    assert not classless_tail([*merged, tail], roles)


def test_the_rows_are_read_only_when_the_last_line_may_be_a_lone_tail() -> None:
    # (aligning the body is the reader's dearest step: a cell per line never needs it here)
    def unread() -> list[Row]:
        raise AssertionError("the rows were read")

    toks = tokens("培训人数\n全年培训的人数\n120人\n群众知晓度\n明显提高\n")
    assert lone_tail(unread, toks, _ROLES[2:]) == len(toks)
