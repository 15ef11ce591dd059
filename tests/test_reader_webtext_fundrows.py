"""A funds table whose row labels came before its header and its rows' figures after it, empty
cells lost (:mod:`jixiao.ingest.readers.webtext_fundrows`)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.readers.webtext_fundrows import labels_before, proven_cells, rows_apart

ROLES: list[str | None] = ["initial", "full_year", "executed", "weight", "rate", "score"]


def test_the_rate_proves_the_amount_spent_and_leaves_a_lone_budget_unread() -> None:
    # 96 / 120 = 80%: 96 is spent, 120 a budget, but 年初 or 全年 the row does not say
    assert proven_cells(["120", "96", "10", "80%", "8"], ROLES) == ["", "", "96", "10", "80%", "8"]
    # both budgets there: each in its column by their order
    both = ["100", "120", "96", "10", "80%", "8"]
    assert proven_cells(both, ROLES) == both
    # dashes hold the 分值 and 得分 alike
    assert proven_cells(["120", "96", "—", "80%", "—"], ROLES) == ["", "", "96", "—", "80%", "—"]


def test_a_row_its_figures_do_not_prove_is_not_read() -> None:
    assert proven_cells(["120", "50", "10", "80%", "8"], ROLES) is None  # no share is the rate
    assert proven_cells(["100", "50", "50", "50%", "5"], ROLES) is None  # two shares are
    assert proven_cells(["120", "96", "10", "80%"], ROLES) is None  # a 分值 with no 得分
    assert proven_cells(["120", "96", "8", "80%", "10"], ROLES) is None  # 得分 above 分值
    assert proven_cells(["120", "96", "80%", "8"], ROLES) is None  # 8: 分值 or 得分?
    assert proven_cells(["120", "96", "10", "8"], ROLES) is None  # no rate


def test_the_figures_of_rows_written_one_after_another_are_cut_where_one_cut_fits() -> None:
    values = ["120", "96", "10", "80%", "8", "120", "96", "—", "80%", "—"]
    read = rows_apart(ROLES, ["年度资金总额", "其中:财政拨款"], values)
    assert read is not None
    assert [cells for cells, _ in read] == [
        ["", "", "96", "10", "80%", "8"],
        ["", "", "96", "—", "80%", "—"],
    ]
    # two cuts that both fit (8: the first row's 得分, or the next one's 年初预算数): not read
    loose = ["120", "96", "80%", "8", "120", "96", "80%"]
    roles: list[str | None] = ["initial", "full_year", "executed", "rate", "score"]
    assert rows_apart(roles, ["a", "b"], loose) is None
    assert rows_apart(roles, ["a", "b"], [*loose[:3], *loose[4:]]) is not None


def test_row_labels_alone_before_a_header() -> None:
    rows = [["项目名称", "某某"], ["项目资金"], ["年初预算数(万元)"], ["年度资金总额"],
            ["其中:财政拨款"], ["实施单位"]]  # fmt: skip
    assert labels_before(rows) == ([2], [3, 4])
    assert labels_before(rows[:4]) is None  # one row label: the header's lead, read as before


def test_a_form_whose_funds_rows_lost_their_places() -> None:
    from jixiao.ingest import read_bytes
    from jixiao.ingest.readers.webtext import grids

    text = (
        "某县项目支出绩效自评表 (2021年度) 项目名称 乡村道路养护补助 主管部门 某县交通运输局 "
        "项目资金 年初预算数 (万元) 年度资金总额 其中:当年财政拨款 实施单位 全年预算数 全年执行数 "
        "分值 执行率 得分 120 96 10 80% 8 120 96 — 80% — 其他资金 — — 一级指标 二级指标 三级指标 "
        "年度指标值 实际完成值 分值 得分 产出指标 数量指标 养护里程 50公里 50公里 50 50 效益指标 "
        "社会效益 通行条件改善 改善 改善 30 30 满意度指标 服务对象满意度 群众满意度 90% 92% 10 10\n"
    ).encode()
    (grid,) = grids(text, "funds.txt")
    assert [
        "",
        "年初预算数(万元)",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ] in grid.rows
    assert ["年度资金总额", "", "", "96", "10", "80%", "8"] in grid.rows
    assert ["年度资金总额"] not in grid.rows
    assert any(n.code == "text.funds_budget_unplaced" and "120" in n.message for n in grid.notes)
    (doc,) = read_bytes(text, "funds.txt")
    ((_, project),) = doc.projects()
    assert project.execution is not None
    ex = project.execution
    assert (ex.executed, ex.rate, ex.weight, ex.score) == (Decimal(96), 80, 10, 8)
    assert ex.full_year is None and ex.initial is None and project.funds.total is None
