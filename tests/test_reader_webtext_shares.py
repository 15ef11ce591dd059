"""A form's funds printed with their shares (``jixiao.ingest.readers.webtext_shares``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.errors import ParseError
from jixiao.ingest import read_bytes
from jixiao.ingest.grid import GridNote
from jixiao.ingest.readers.webtext_shares import share_rows
from jixiao.ingest.text_tokens import tokens

from .tables import messages


def _rows(text: str) -> tuple[list[list[str]], list[GridNote]]:
    toks = tokens(text)
    notes: list[GridNote] = []
    found = share_rows(toks, 0, len(toks), notes)
    assert len(found) <= 1
    return next(iter(found.values()), ([], 0))[0], notes


def test_a_total_at_100_percent_and_its_parts_are_rows() -> None:
    rows, notes = _rows("单位:万元 合计 50.5 100% 人员经费 30.3 60% 公用经费 20.2 40% 说明")
    assert rows == [
        ["合计", "50.5", "100%"],
        ["人员经费", "30.3", "60%"],
        ["公用经费", "20.2", "40%"],
    ]
    assert notes == []


def test_a_split_total_is_joined_where_its_parts_add_up_to_it() -> None:
    # 12.345 6 is 12.3456: the parts (one written in 元, as its share shows) add up to it
    rows, notes = _rows(
        "合计 12.345 6 100% 人员经费 23456 19% 公用经费 10.0000 81% 合计 12.345 6 100%"
    )
    assert rows[0] == rows[-1] == ["合计", "12.3456", "100%"]
    assert [n.code for n in notes] == ["text.amount_joined"]


def test_a_split_total_the_parts_do_not_prove_is_read_without_its_amount() -> None:
    for text in (
        "合计 12.345 6 100% 人员经费 2.34 19% 公用经费 10 81%",  # parts add up to 12.34
        "合计 12.345 6 100% 人员经费 2.3456 20% 公用经费 10 81%",  # shares not 100%
        "合计 12.345 6 100% 人员经费 12.3456 100%",  # one part proves nothing
    ):
        rows, notes = _rows(text)
        assert rows[0] == ["合计"], text
        assert [n.code for n in notes] == ["text.amount_split"], text
    # a part split so is not read either (nothing adds up to it)
    rows, notes = _rows("合计 12.3456 100% 人员经费 2.345 6 19% 公用经费 10 81%")
    assert rows == [["合计", "12.3456", "100%"], ["人员经费"], ["公用经费", "10", "81%"]]
    assert [n.code for n in notes] == ["text.amount_split"]


def test_rows_with_shares_but_no_total_or_a_total_alone_are_left_alone() -> None:
    for text in ("人员经费 30.3 60% 公用经费 20.2 40%", "合计 30.3 100% 30.3"):
        rows, notes = _rows(text)
        assert rows == [] and notes == [], text


def test_a_department_whole_form_holding_only_its_funds_is_read_without_indicators() -> None:
    # the page's text out of order: the name after the 填报人 label, header words among the
    # amounts (占比, a column's label, takes the words after it: not the 金额's value)
    text = (
        "某某区部门整体支出绩效目标申报表 部门名称 填报人 某某区档案馆 王五 联系电话 1234567 "
        "单位:万元 当年 金额 近两年金额 占比 2023 年 80.123 4 其他资金 "
        "合计 80.123 4 100% 基本支出 501234 62.6% "
        "项目支出 30 37.4% 部门职能概述 负责全区档案工作。\n"
    )
    (doc,) = read_bytes(text.encode(), "某某.txt")
    (_, project), *_ = doc.projects()
    assert doc.kind == "dept-whole" and doc.department == "某某区档案馆"
    assert project.name == "某某区档案馆" and project.indicators == []
    assert project.funds.total == Decimal("80.1234")
    assert messages(doc, "table.no_indicators") and messages(doc, "text.amount_joined")


def test_a_text_without_any_table_is_still_refused_as_before() -> None:
    with pytest.raises(ParseError, match="但其下没有指标表"):
        read_bytes("某某区部门整体支出绩效目标申报表\n附件一份。\n".encode(), "某某.txt")
