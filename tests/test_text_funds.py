"""Funds rows in page text (``jixiao.ingest.text_funds``): figures put under the funds columns
when the text lost its empty cells, the 执行率 checked against 执行数 / 预算数. (Figures run
together, ``unfused``, are tested with the text reader: tests/test_reader_webtext.py.)"""

from __future__ import annotations

from jixiao.ingest.text_funds import assign_funds, rate_agrees

ROLES = ("initial", "full_year", "executed", "weight", "rate", "score")


def test_a_rate_agrees_as_a_percent_or_a_ratio_and_only_with_all_three_figures() -> None:
    roles = ("full_year", "executed", "rate")
    assert rate_agrees(["200", "150", "75%"], roles)
    assert rate_agrees(["200万元", "150万元", "0.75"], roles)
    assert not rate_agrees(["200", "150", "90%"], roles)
    assert not rate_agrees(["200", "", "75%"], roles)  # a figure missing: nothing to agree
    assert not rate_agrees(["0", "150", "75%"], roles)  # no budget: no share


def test_figures_that_lost_their_empty_cells_go_where_the_rate_agrees() -> None:
    # 年初预算数 left empty: the four figures are 全年预算数, 执行数, 分值, 执行率 (100 × 80 / 100
    # = 80%), then no 得分 — not 年初 | 全年 | 执行 | 分值, whose rate would be missing
    assert assign_funds(["100", "80", "10", "80%"], ROLES) == ["", "100", "80", "10", "80%", ""]
    # as many figures as columns: kept in order
    assert assign_funds(["1", "2", "3", "4", "5", "6"], ROLES) == ["1", "2", "3", "4", "5", "6"]


def test_a_score_above_its_weight_is_not_chosen() -> None:
    roles = ("weight", "score", "rate")
    assert assign_funds(["10", "8"], roles) == ["10", "8", ""]  # 分值 10, 得分 8
    # 8 then 10: not 分值 8 and 得分 10 (a score above its weight); the 10 is the rate
    assert assign_funds(["8", "10"], roles) == ["8", "", "10"]


def test_an_amount_and_a_rate_run_together_split_where_the_rate_agrees() -> None:
    from jixiao.ingest.text_funds import rate_unfused

    # 执行数 and 执行率 glued after the 预算数 written apart: 80.5 / 100 = 80.50%
    assert rate_unfused("80.580.50%", "100万元") == ["80.5", "80.50%"]
    assert rate_unfused("80080%", "1000") == ["800", "80%"]
    assert rate_unfused("80.590.00%", "100") is None  # no split agrees with the budget
    assert rate_unfused("80.580.50%", "") is None  # no budget: nothing to check
    assert rate_unfused("80.5", "100") is None  # no rate


def test_a_weight_of_more_than_two_decimals_is_no_cut() -> None:
    from jixiao.ingest.text_funds import unfused

    # 2456.182456.182456.1810100%: 2456.18 | 2456.1824 | 56.1810 | 100% would be a 分值 of
    # four decimals (the amount is written three times: 2456.18 | 2456.18 | 2456.18 | 10)
    assert unfused("2456.182456.182456.1810100%", weighted=True) is None
    assert unfused("202010100.00%", weighted=True) == ["20", "20", "10", "100.00%"]


def test_more_amounts_than_amount_columns_are_read_only_when_all_are_one_figure() -> None:
    # 28.1 four times under 年初 | 全年 | 执行数: whichever is the extra one, each column reads
    # 28.1; 分值 | 执行率 | 得分 keep their places from the row's end
    values = ["28.1", "28.1", "28.1", "28.1", "10", "100%", "10"]
    assert assign_funds(values, ROLES) == ["28.1", "28.1", "28.1", "10", "100%", "10"]
    # amounts that differ: which one is extra nothing says (the first columns, as before)
    values = ["30", "28.1", "28.1", "28.1", "10", "100%", "10"]
    assert assign_funds(values, ROLES) == values[:6]
    # a rate that is no 执行数 / 预算数 under the one figure: not read so either
    values = ["28.1", "28.1", "28.1", "28.1", "10", "80%", "10"]
    assert assign_funds(values, ROLES) == values[:6]
