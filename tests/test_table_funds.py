"""A one-project form's funds (:mod:`jixiao.ingest.table_funds`)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.grid import Grid
from jixiao.ingest.table_block import Block, read_block
from jixiao.ingest.table_funds import is_funds_header, parts_total, value_after
from jixiao.model import Funds


def test_a_funds_header_is_two_column_labels_none_followed_by_its_amount() -> None:
    assert is_funds_header(["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    assert not is_funds_header(["预算数:", "2.38", "执行数:", "2.38"])  # label | amount pairs


def test_a_value_after_its_label_is_neither_another_label_nor_the_money_unit() -> None:
    assert value_after(["主管部门", "主管部门", "某局"], 0) == "某局"
    assert value_after(["主管部门(盖章):", "单位:万元"], 0) is None
    assert value_after(["项目名称", "主管部门", "某局"], 0) is None


def test_a_total_without_its_amount_is_the_sum_of_its_parts_and_nothing_else() -> None:
    block = Block(labels={"total"})
    funds = Funds(fiscal=Decimal("6.30"), other=Decimal("0.70"))
    assert parts_total(block, funds) == Decimal("7.00")
    block.fields["total.none"] = ("—", 3)  # the total's cell holds a dash: not summed
    assert parts_total(block, funds) is None
    assert parts_total(Block(), funds) is None  # no 资金总额 label
    # sources of 0 alone (another column's 0 beside a source's label): no total was written
    assert parts_total(Block(labels={"total"}), Funds(fiscal=Decimal(0))) is None
    assert parts_total(Block(labels={"total"}), Funds(fiscal=Decimal(0), other=Decimal(5))) == 5


def test_amounts_under_the_funds_header_without_row_labels_are_no_row_and_stop_the_sum() -> None:
    # sh-putuo-tiyu-selfeval-2022: a PDF's text in drawing order; the total's amounts come
    # right under the funds header, their label 年度资金总额 later, the sources' rows 0 0 —
    # between: the total is not the sum of those sources, and 实施单位's 9,034 is no unit.
    rows = [
        ["项目名称", "援滇对口支援及结对帮扶经费"],
        ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["20000.00"],
        ["20000.00"],
        ["其中:当年财政拨款", "0", "0", "—"],
        ["其他资金", "0", "0", "—"],
        ["年度资金总额"],
        ["实施单位", "9,034"],
    ]
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert block.unplaced
    assert "unit" not in block.fields
    assert parts_total(block, Funds(fiscal=Decimal(0), other=Decimal(0))) is None
    rows[2:4] = [["年度资金总额", "20000.00", "20000.00", "9034", "10", "45.17%", "4.52"]]
    assert not read_block(Grid.of("", rows), 0, len(rows)).unplaced


def test_points_stated_only_on_a_row_below_the_total_are_the_forms_execution() -> None:
    # cq-liangping (text): 执行率 | 执行率权重 | 执行率得分 merged over 年度总金额 and 其中财政拨款,
    # written after the second row; the total states none of them.
    from jixiao.ingest.table_funds import funds_table

    head = ["", "年初预算数", "全年执行数", "执行率", "执行率权重", "执行率得分"]
    total = ["年度总金额", "100", "", "", "", ""]
    fiscal = ["其中财政拨款", "", "", "79.27", "10", "7.93"]
    block = Block()
    grid = Grid.of("", [head, total, fiscal, ["绩效指标"]], [1, 2, 3, 4])
    assert funds_table(grid, 0, 4, block) == 3
    got = {name: value for name, (value, _) in block.execution.items()}
    assert (got["rate"], got["weight"], got["score"]) == ("79.27", "10", "7.93")
    # …not when the total states its own points
    block = Block()
    grid = Grid.of("", [head, ["年度总金额", "100", "", "80", "10", "8"], fiscal], [1, 2, 3])
    funds_table(grid, 0, 3, block)
    assert block.execution["score"][0] == "8"


def test_a_rate_run_into_the_last_pair_of_its_line_is_read_under_the_rate_label() -> None:
    # he-chengan-mzj-gaoling-selfeval-2020: a space-separated line of pairs, each pair a row of
    # its own (same line number), the 100.00 under 预算执行进度(%) glued to 执行数's amount.
    rows = [
        ["预算安排情况(调整后)"],
        ["资金到位情况"],
        ["资金执行情况", "预算执行进度(%)"],
        ["预算数", "6.84"],
        ["到位数", "6.84"],
        ["执行数", "6.84 100.00"],
    ]
    lines = [8, 8, 8, 9, 9, 9]
    block = read_block(Grid.of("", rows, lines), 0, len(rows))
    assert block.execution["executed"][0] == "6.84"
    assert block.execution["rate"][0] == "100.00"
    rows[5] = ["执行数", "6.84 80.00"]  # not 执行数 / 预算数: no rate, the cell as it was
    block = read_block(Grid.of("", rows, lines), 0, len(rows))
    assert "rate" not in block.execution
    assert block.execution["executed"][0] == "6.84 80.00"
    rows[2] = ["资金执行情况", "备注"]  # no rate label over the line
    rows[5] = ["执行数", "6.84 100.00"]
    assert "rate" not in read_block(Grid.of("", rows, lines), 0, len(rows)).execution


def test_the_amount_spent_is_the_total_its_label_names_before_its_parts() -> None:
    # sc-chacewang-puhui-jinrong-selfeval: text run together, 资金使用情况 | (万元)合计:109.8万元
    # 中央财政84.5万元…: the 合计 by its label and unit, the parts after it not read
    rows = [
        ["年度金额", "208万元"],
        ["资金使用情况", "(万元)合计:109.8万元中央财政84.5万元省级财政25.3万元"],
    ]
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert block.execution["executed"][0] == "109.8万元"
    assert block.execution["full_year"][0] == "208万元"  # the budget it is spent of
    rows[1] = ["资金使用情况", "中央财政84.5万元省级财政25.3万元"]  # no total named: none
    assert "executed" not in read_block(Grid.of("", rows), 0, len(rows)).execution


def test_sources_as_columns_give_the_total_and_execution_from_their_one_row() -> None:
    # 项目资金 spanning two rows: its sources as columns, then 合计 | 执行数 | 执行率
    rows = [
        ["项目名称", "某某项目", "自评总分: 95", "", "", "", "", "", ""],
        ["项目资金", "来源", "中央", "省", "本级", "其他", "合计(万元)", "执行数(万元)", "执行率"],
        ["项目资金", "", "", "", "309", "", "309", "300", "97 %"],
    ]
    found = read_block(Grid.of("S", rows, range(1, 4)), 0, 3)
    assert found.fields["total"][0] == "309"
    assert {r: v for r, (v, _) in found.execution.items()} == {
        "full_year": "309",
        "executed": "300",
        "rate": "97 %",
    }
    assert found.fields["score"][0] == "95"  # 自评总分: 95, the label and its score in one cell


def test_a_funds_row_whose_cells_were_put_out_of_place_is_not_read() -> None:
    # text put back into a grid: % apart from its figure, or an amount in the rate's column
    for row in (["合计", "309309309100", "%"], ["合计", "309", "309"]):
        rows = [["项目名称", "某某项目"], ["", "执行数(万元)", "执行率"], row]
        found = read_block(Grid.of("S", rows, range(1, 4)), 0, 3)
        assert found.execution == {}


def test_a_funds_table_of_the_budget_and_the_amount_put_in_gives_both() -> None:
    # a Hunan 部门整体 form: 年初预算资金总额: | 实际投入资金额 | 产生差异的原因 over the total row
    rows = [
        ["单位名称", "某某局"],
        ["资金情况(万元)", "", "年初预算资金总额:", "实际投入资金额", "产生差异的原因"],
        ["资金情况(万元)", "合计", "236", "230", ""],
        ["资金情况(万元)", "其中:财政拨款", "236", "230", ""],
    ]
    found = read_block(Grid.of("S", rows, range(1, 5)), 0, 4)
    assert {r: v for r, (v, _) in found.execution.items()} == {
        "initial": "236",
        "executed": "230",
    }


def test_last_years_column_beside_this_years_is_not_read_and_a_row_must_state_both() -> None:
    # hn-yueyang-xiangyin-jyj-youeryuan-target-2022: 上年度安排资金 | 本年度申请资金, the
    # total this year's
    from jixiao.ingest.table_funds import funds_table

    head = ["项 目", "上年度安排资金", "本年度申请资金"]
    block = Block()
    grid = Grid.of("", [head, ["合 计", "213.4", "259"], ["县级资金", "213.4", "259"]], [1, 2, 3])
    funds_table(grid, 0, 3, block)
    assert block.fields["total"][0] == "259" and "previous" not in block.execution
    # last year's cell empty (text that lost its empty cells may have moved last year's
    # amount under this year's column), or words under a year's column: nothing read
    for row in (["合 计", "", "259"], ["合 计", "测算依据", "259"]):
        block = Block()
        funds_table(Grid.of("", [head, row], [1, 2]), 0, 2, block)
        assert "total" not in block.fields


def test_figures_fewer_than_the_columns_of_two_years_are_put_under_none() -> None:
    from jixiao.ingest.text_funds import assign_funds

    roles = ["previous", "full_year"]
    assert assign_funds(["21.62"], roles) == ["", ""]
    assert assign_funds(["213.4", "259"], roles) == ["213.4", "259"]


def test_rows_no_field_is_kept_for_are_passed_over_up_to_the_total() -> None:
    # a 部门整体 form's funds: columns named with their circled references and formulas
    # (小计③=①+② is the year's budget), a breakdown (① 项目支出 …) between 财政资金小计 and 合计
    rows = [
        ["部门(单位)名称", "某某局"],
        [
            "资金结构",
            "年初部门预算安排金额①",
            "年中调整金额②",
            "小计③=①+②",
            "年度拨付金额",
            "支出实现率(%)⑤=④/③",
        ],
        ["财政资金小计", "130.54", "58.07", "188.61", "188.45", "99.92"],
        ["① 项目支出", "30", "0", "30", "30", "100"],
        ["2.单位其它收入", "0", "0", "0", "0", "0"],
        ["合计", "130.54", "58.07", "188.61", "188.45", "99.92"],
        ["年度总体目标", "某某目标"],
    ]
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert {k: v for k, (v, _) in block.execution.items()} == {
        "initial": "130.54",
        "full_year": "188.61",
        "executed": "188.45",
        "rate": "99.92",
    }
    assert block.fields["fiscal"][0] == "188.61"


def test_a_funds_row_with_a_percentage_under_its_points_is_out_of_place() -> None:
    # ah-huoshan-jyj (text that lost its empty cells): four amounts for three amount columns,
    # so 100% lands under 得分 and 10 under 执行率 — none of the row's figures is read
    rows = [
        ["项目名称", "特殊教育补助资金"],
        ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "28.1", "28.1", "28.1", "28.1", "10", "100%"],
    ]
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert block.execution == {}
    rows[2] = ["年度资金总额", "28.1", "28.1", "28.1", "10", "100%", "10"]
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert block.execution["rate"][0] == "100%"


def test_the_years_amounts_beside_the_projects_are_the_years() -> None:
    # the Hubei (武汉 青山) form: 资金总额 | 30000 | 当年资金总额: | 10000, and the fiscal parts
    # alike: the year's amounts, not the whole project's
    rows = [
        ["项目名称", "某某工程"],
        ["项目资金", "资金总额", "30000", "当年资金总额:", "10000"],
        ["项目资金", "其中:财政拨款", "30000", "其中:当年财政拨款", "10000"],
    ]
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert (block.fields["total"][0], block.fields["fiscal"][0]) == ("10000", "10000")
    rows[1][3:] = ["年度资金总额及构成", "见下表"]  # the year's label over words: no amount
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert block.fields["total"][0] == "30000"


def test_a_funds_row_with_a_percentage_under_an_amounts_column_is_out_of_place() -> None:
    # hb-xianning-tanghu's text: 864.2 merged over 预算数 and 执行数 came out once, so 100% and
    # 20 moved left under 执行数 and 执行率
    rows = [
        ["单位名称", "某某镇政府"],
        ["预算执行情况(万元)(20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分(20分*执行率)"],
        ["部门整体支出总额", "864.2", "100%", "20", ""],
    ]
    block = read_block(Grid.of("", rows), 0, len(rows))
    assert "rate" not in block.execution and "executed" not in block.execution
