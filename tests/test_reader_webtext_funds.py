"""The funds rows of a web-page text (:mod:`jixiao.ingest.readers.webtext_funds`)."""

from __future__ import annotations

from jixiao.ingest.readers.webtext_funds import prose_after
from jixiao.ingest.text_tokens import Token


def test_a_sentence_after_a_funds_rows_amounts_is_no_value_of_it() -> None:
    goal = "支持农村低收入群体等重点对象实施危房改造和危房抗震改造,保障其基本住房安全。"
    values = [Token("35", 3, "pipe"), Token(goal, 5, "para")]
    amounts, lost = prose_after(values)
    assert [t.text for t in amounts] == ["35"] and [t.text for t in lost] == [goal]
    # a short note or an amount with words is a value all the same
    kept = [Token("参见附件1具体金额", 3, "para"), Token("其中中央补助20万元", 4, "para")]
    assert prose_after(kept) == (kept, [])


def test_an_amount_read_under_the_first_funds_label_before_the_others() -> None:
    # OCR text run together: 年度资金总额 全年预算数(A) 100 全年执行数(B) 执行率(B/A) — the total
    # row's amount sits between the first label and the others; the rows below are the
    # sources, one carrying the whole budget with what it spent
    from decimal import Decimal

    from jixiao.ingest import read_bytes
    from jixiao.ingest.readers.webtext import grids

    text = (
        "某某工程绩效目标自评表(2022年度)\n项目名称某某工程主管部门某某局资金情况(万元)"
        "年度资金总额全年预算数(A)100全年执行数(B)执行率(B/A)其中中央补助自治区补助100万元\n"
        "90万元\n90%市县资金年度总体目标完成某某工作\n"
    ).encode()
    (grid,) = grids(text, "funds.txt")
    assert ["", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)"] in grid.rows
    assert ["年度资金总额", "100", "", ""] in grid.rows
    assert ["自治区补助", "100万元", "90万元", "90%"] in grid.rows
    (doc,) = read_bytes(text, "funds.txt")
    ((_, project),) = doc.projects()
    assert project.execution is not None
    assert (project.execution.full_year, project.execution.executed) == (100, Decimal("90"))
    assert project.execution.rate == 90


def test_figures_run_together_with_the_next_rows_label_after_their_rate_are_split() -> None:
    # 12727.999622%其中:中央财政资金: 127 | 27.9996 | 22% (the one cut whose rate is 执行数 /
    # 预算数), the label after it the next row's, not a figure of this one
    from jixiao.ingest.readers.webtext_funds import fused_cells

    roles: list[str | None] = ["full_year", "executed", "rate"]
    assert fused_cells(["12727.999622%其中:中央财政资金"], roles) == ["127", "27.9996", "22%"]
    assert fused_cells(["17601760100%"], roles) == ["1760", "1760", "100%"]


def test_an_amount_written_three_times_run_together_is_the_three_budget_columns() -> None:
    # 8808808801010 under 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分: 880 three
    # times, then 10 | 10 (the one cut with 0 < 分值 ≤ 100 and 得分 ≤ 分值); 880880880--: dashes
    from jixiao.ingest.readers.webtext_funds import thrice

    roles: list[str | None] = ["initial", "full_year", "executed", "weight", "rate", "score"]
    assert thrice("8808808801010", roles) == ["880", "880", "880", "10", "", "10"]
    assert thrice("880880880--", roles) == ["880", "880", "880", "", "", ""]
    assert thrice("880880881", roles) is None  # (no amount written three times)
    assert thrice("8808808801011", roles) is None  # (10 | 11: a 得分 above its 分值)


def test_a_rate_and_a_score_label_run_together_after_a_weight_are_two_columns() -> None:
    # 分值执行率得分 run together: 分值 | 执行率 | 得分; 执行率权重 | 执行率得分 stays one score
    from jixiao.ingest.readers.webtext_funds import rate_apart

    assert rate_apart(["全年执行数", "分值", "执行率得分"]) == [
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]
    assert rate_apart(["执行率权重", "执行率得分"]) == ["执行率权重", "执行率得分"]


def test_a_run_under_a_blank_initial_budget_is_read_where_only_one_reading_agrees() -> None:
    # 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, the 年初预算数 left blank:
    # 65.6665.071099% = 65.66 | 65.07 | 10 | 99% (65.07 / 65.66), then 得分 9
    from jixiao.ingest.readers.webtext_funds import fused_cells

    roles: list[str | None] = ["initial", "full_year", "executed", "weight", "rate", "score"]
    assert fused_cells(["65.6665.071099%", "9"], roles) == ["", "65.66", "65.07", "10", "99%", "9"]


def test_the_executed_amount_and_rate_run_together_after_the_budget_apart() -> None:
    from jixiao.ingest.readers.webtext_funds import fused_cells

    roles: list[str | None] = ["full_year", "executed", "rate"]
    assert fused_cells(["100万元", "80.580.50%"], roles) == ["100万元", "80.5", "80.50%"]
    assert fused_cells(["100万元", "80.590.00%"], roles) is None  # the rate agrees nowhere


def test_a_funds_rows_figures_run_together_under_a_weight_before_the_rate() -> None:
    # 年初 | 全年 | 执行 | 分值 | 执行率 | 得分, 40404010100% alone: 40 | 40 | 40 | 10 | 100%
    from jixiao.ingest.readers.webtext_funds import fused_cells

    roles: list[str | None] = ["initial", "full_year", "executed", "weight", "rate", "score"]
    assert fused_cells(["40404010100%"], roles) == ["40", "40", "40", "10", "100%", ""]


def test_digits_run_together_that_no_split_tells_apart_are_no_cell() -> None:
    # (a funds row opening with one is not put in columns, each cell would be one off; one
    # after the amounts, 10083.5%: a 分值 and a rate, is left empty)
    from jixiao.ingest.readers.webtext_funds import figures_fused

    assert figures_fused("5.281.961.96") and figures_fused("0001000")
    assert figures_fused("10083.5%") and figures_fused("55555510100%")
    assert not figures_fused(".32") and not figures_fused("125.25") and not figures_fused("100%")
    assert not figures_fused("150万") and not figures_fused("2279.048")


def test_a_funds_header_ending_with_its_reasons_column_stays_one_row() -> None:
    # a Hunan 部门整体 form as pipe rows: the empty cell after 资金情况(万元), then
    # 年初预算资金总额: | 实际投入资金额 | 产生差异的原因; 合计's amounts: budget, amount spent
    from decimal import Decimal

    from jixiao.ingest import read_bytes
    from jixiao.ingest.readers.webtext import grids

    text = (
        "2020年某某局部门整体支出绩效自评表\n"
        "单位名称 | 某某局 | 单位负责人及电话 | 张某 |\n"
        "主管部门 | 某某局 | 实施单位 | 某某局 |\n"
        "资金情况(万元) | | 年初预算资金总额: | 实际投入资金额 | 产生差异的原因 |\n"
        "合计 | 236 | 230 | |\n"
        "其中:财政拨款 | 236 | 230 | |\n"
        "总体目标 | 年度目标 | 年度总体目标完成情况 |\n"
        "认真完成年度各项工作任务,做好日常运转 | 已完成年度各项工作任务和日常运转 |\n"
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 全年实际完成值 |"
        " 产生差异的原因及改进措施 |\n"
        "产出指标 | 数量指标 | 管理面积 | =230亩 | =230亩 | |\n"
        "质量指标 | 保护合格率 | =100% | =100% | |\n"
    ).encode()
    (grid,) = grids(text, "funds.txt")
    assert ["", "年初预算资金总额:", "实际投入资金额", "产生差异的原因"] in grid.rows
    (doc,) = read_bytes(text, "funds.txt")
    ((_, project),) = doc.projects()
    assert project.execution is not None
    assert (project.execution.initial, project.execution.executed) == (236, Decimal("230"))
    assert len(project.indicators) == 2


def test_an_amount_written_three_times_then_the_weight_rate_and_score_run_together() -> None:
    # 年初 | 全年 | 执行 | 分值 | 执行率 | 得分: 2456.182456.182456.1810100% then 10某某某某某某…
    # (the 得分, then the next row's label): the amount three times is the cut, then 10 | 100%,
    # then the 得分 opening the next cell; a 4-decimal reading (2456.1824 | 56.1810) is none
    from jixiao.ingest.readers.webtext_funds import fused_cells, thrice

    roles: list[str | None] = ["initial", "full_year", "executed", "weight", "rate", "score"]
    want = ["2456.18", "2456.18", "2456.18", "10", "100%", "10"]
    after = "10某某某某某某:2456.18某某某某某某:2456.18"
    assert fused_cells(["2456.182456.182456.1810100%", after], roles) == want
    assert thrice("2456.182456.182456.1810100%", roles) == [*want[:5], ""]
    # a 得分 above its 分值, a 分值 over 100, a rate that is not the amounts' 100%: nothing
    assert thrice("2456.182456.182456.1810100%", roles, "12某某某某") is None
    assert fused_cells(["2456.182456.182456.18101100%", "某某某某"], roles) is None
    assert fused_cells(["2456.182456.182456.181099%", "某某某某"], roles) is None
    # the 执行率 before the 分值: 100% then 10 | 10; no 分值 column: the 执行率 alone
    other: list[str | None] = ["initial", "full_year", "executed", "rate", "weight", "score"]
    assert thrice("880880880100%1010", other) == ["880", "880", "880", "100%", "10", "10"]
    assert thrice("880880880100.00%", other[:4]) == ["880", "880", "880", "100.00%"]


def test_a_weight_over_a_hundred_or_the_rates_twin_is_no_weight() -> None:
    # 某某 | 880 | 880 | 880 | 100 | 100% (the header lost the 得分 column: 100 100% 10 under
    # 分值 | 执行率): what the 100 is cannot be told; a 分值 of 10 beside 100% stays
    from jixiao.ingest.readers.webtext_funds import weight_checked

    roles: list[str | None] = ["full_year", "executed", "weight", "rate"]
    assert weight_checked(["880", "880", "100", "100%"], roles) == ["880", "880", "", "100%"]
    assert weight_checked(["880", "880", "10", "100%"], roles) == ["880", "880", "10", "100%"]
    assert weight_checked(["880", "800", "120", "90.91%"], roles)[2] == ""  # (over 100)
    assert weight_checked(["880", "880", "100", "98%"], roles)[2] == "100"


def test_a_pipe_headers_empty_cells_keep_its_rows_cells_under_their_columns() -> None:
    # sc-nanchong-lyj-tuigeng-selfeval-2023-ocr: 预算执行数 then two empty header cells (an
    # OCR's columns), its rows' cells empty there too; the empty 得分 stays empty
    from decimal import Decimal

    from jixiao.ingest import read_bytes

    text = (
        "某某项目支出绩效自评表(2023年度) | |\n"
        "项目名称 | 某某工作经费 |\n"
        "预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | | | "
        "预算执行率 | 权重 | 得分 | 原因 |\n"
        "| 总额 | 5.00 | 5.00 | 5.00 | | | 100.00% | 10 | | |\n"
        "| 其中:财政资金 | 5.00 | 5.00 | 5.00 | | | 100.00% | / | / | |\n"
        "年度总体目标 | 完成某某工作 |\n"
    ).encode()
    (doc,) = read_bytes(text, "funds.txt")
    ((_, project),) = doc.projects()
    found = project.execution
    assert found is not None
    assert (found.full_year, found.executed, found.rate) == (5, 5, Decimal("100.00"))
    assert (found.weight, found.score) == (10, None)


def test_a_pipe_row_that_lost_an_amount_with_a_whole_rate_is_the_budget() -> None:
    # "|" text padded to the table's width: 864.2 | 100% | 20 under 预算数 | 执行数 | 执行率 |
    # 得分 (执行数's cell lost): the rate is 100%, so the amount is the budget whichever column
    # it stood in; the amount spent stays unread. A rate other than 100% says nothing of it.
    from decimal import Decimal

    from jixiao.ingest import read_bytes

    def execution(rate: str) -> tuple[Decimal | None, ...]:
        text = (
            "某某镇部门整体支出绩效自评表\n单位名称 | 某某镇人民政府 | ||||\n"
            "预算执行情况(万元) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 | ||\n"
            f"部门整体支出总额 | 864.2 | {rate} | 20 | |||\n"
            "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |\n"
            "产出指标 | 数量指标 | 办结信访案件 | 168起 | 168起 | 10 | |\n"
        )
        (doc,) = read_bytes(text.encode(), "t.txt")
        ((_, project),) = doc.projects()
        ex = project.execution
        return (None,) * 4 if ex is None else (ex.full_year, ex.executed, ex.rate, ex.score)

    assert execution("100%") == (Decimal("864.2"), None, 100, 20)
    assert execution("95%")[:3] == (None, None, None)
