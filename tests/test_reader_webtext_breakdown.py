"""A cost breakdown run together into a form's field (``jixiao.ingest.readers.webtext_breakdown``),
read through the form's block (``webtext_block.read_block``)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest import read_bytes
from jixiao.ingest.grid import GridNote
from jixiao.ingest.readers.webtext_block import read_block
from jixiao.ingest.readers.webtext_breakdown import breakdown
from jixiao.ingest.text_tokens import tokens

from .tables import messages

_HEAD = "项目支出成本构成金额计算依据2022年实际执行数2023年实际执行数"
_FORM = "主管部门某某局实施单位某某中心项目名称某某培训项目项目类别本级支出项目项目立项依据"


def _read(text: str) -> tuple[list[list[str]], list[GridNote]]:
    toks = tokens(text)
    notes: list[GridNote] = []
    rows, _ = read_block(toks, 0, len(toks), False, notes)
    return rows, notes


def test_a_total_run_together_is_cut_where_it_equals_the_costs_added() -> None:
    value = f"某某局职能文件{_HEAD}培训费40按人数计算3538.5印刷费12.5按合同1212合计52.547.550.5"
    found = breakdown(["项目立项依据", value], 3)
    assert found is not None
    assert found.field == ["项目立项依据", "某某局职能文件"]
    assert found.rows == [
        ["项目支出成本构成", "金额", "计算依据", "2022年实际执行数", "2023年实际执行数"],
        ["培训费", "40", "按人数计算", "3538.5"],
        ["印刷费", "12.5", "按合同", "1212"],
        ["合计", "52.5", "", "47.550.5"],
    ]
    assert found.note.code == "text.total_by_sum" and found.note.level == "info"
    assert "40+12.5=52.5" in found.note.message and found.note.line == 3


def test_the_form_reads_the_cut_total_as_its_total_row() -> None:
    rows, notes = _read(
        f"{_FORM}某某局职能文件{_HEAD}培训费40按人数计算3538.5印刷费12.5按合同1212"
        "合计52.547.550.5绩效目标完成全年培训任务。"
    )
    assert ["项目立项依据", "某某局职能文件"] in rows
    assert ["合计", "52.5", "", "47.550.5"] in rows
    assert ["绩效目标", "完成全年培训任务。"] in rows
    assert [n.code for n in notes] == ["text.total_by_sum"]


def test_no_total_where_no_opening_figure_of_the_run_is_the_sum() -> None:
    value = f"{_HEAD}培训费40按人数计算3538.5印刷费12.5按合同1212合计53.547.550.5"
    assert breakdown(["立项依据", value], 1) is None
    rows, notes = _read(f"{_FORM}{value}绩效目标完成全年培训任务。")
    assert ["项目立项依据", value] in rows  # left as it was
    assert notes == []


def test_no_total_where_two_opening_figures_are_the_sum() -> None:
    # 52.0 | 0 | 30.5 or 52.00 | 30.5: where the next column starts the text does not say
    value = f"{_HEAD}培训费40按人数计算4030.5印刷费12按合同1212合计52.0030.5"
    assert breakdown(["立项依据", value], 1) is None
    # the rest of the run settles it where one cut alone leaves figures (52.50 | 52.50 | 62.5)
    value = f"{_HEAD}培训费40按人数计算4050.5印刷费12.5按合同1212合计52.5052.5062.5"
    found = breakdown(["立项依据", value], 1)
    assert found is not None and found.rows[-1] == ["合计", "52.50", "", "52.5062.5"]


def test_no_total_where_the_rest_of_the_run_is_no_figures_of_the_later_columns() -> None:
    # 52.5 is the sum, but 0.5.5 is no two figures
    value = f"{_HEAD}培训费40按人数计算3538.5印刷费12.5按合同1212合计52.50.5.5"
    assert breakdown(["立项依据", value], 1) is None


def test_a_cost_row_whose_amount_is_not_clean_is_no_breakdown() -> None:
    # the basis lost: the amount runs into the later figures
    value = f"{_HEAD}培训费403538.5印刷费12.5按合同1212合计52.547.550.5"
    assert breakdown(["立项依据", value], 1) is None
    # one cost alone proves nothing by its sum
    assert breakdown(["立项依据", f"{_HEAD}培训费40按人数计算3538合计403538"], 1) is None


def test_a_clean_total_after_its_label_is_read_as_before() -> None:
    # 合计 | 52.5 in cells of their own: no breakdown header run into a value, nothing changes
    rows, notes = _read("项目名称 | 某某培训项目\n合计 | 52.5\n")
    assert rows == [["项目名称", "某某培训项目"], ["合计", "52.5"]]
    assert notes == []
    # a value without the breakdown's header is not a breakdown
    assert breakdown(["立项依据", "培训费40按人数计算3538.5合计4035"], 1) is None


def test_a_total_whose_later_cells_are_empty_is_the_whole_run_when_it_is_the_sum() -> None:
    value = f"{_HEAD}培训费40按人数计算3538.5印刷费12.5按合同1212合计52.5"
    found = breakdown(["立项依据", value], 1)
    assert found is not None and found.rows[-1] == ["合计", "52.5"]


def test_a_breakdown_with_spaces_between_its_cells_is_not_run_together() -> None:
    # the text keeps its cells apart there: the reader's other ways read it, not this one
    value = f"{_HEAD}培训费 40 按人数计算 35 38.5 印刷费 12.5 按合同 12 12 合计 52.5 47.5 50.5"
    assert breakdown(["立项依据", value], 1) is None


def test_a_one_line_form_reads_the_cut_total_as_its_projects_total() -> None:
    text = (
        f"某某县2023年项目支出绩效目标表\n{_FORM}某某局职能文件{_HEAD}培训费40按人数计算3538.5"
        "印刷费12.5按合同1212合计52.547.550.5绩效目标完成全年培训任务。一级指标二级指标三级指标"
        "指标值产出指标数量指标培训人次200人次质量指标培训合格率95%\n"
    )
    (doc,) = read_bytes(text.encode(), "breakdown.txt")
    ((project,),) = [u.projects for u in doc.units]
    assert project.funds.total == Decimal("52.5")
    (note,) = messages(doc, "text.total_by_sum")
    assert "只有开头的 52.5 等于各项金额之和" in note
    # the same form whose 合计 opens with no figure equal to the sum has no total
    (doc,) = read_bytes(text.replace("合计52.5", "合计53.5").encode(), "breakdown.txt")
    ((project,),) = [u.projects for u in doc.units]
    assert project.funds.total is None and not messages(doc, "text.total_by_sum")
