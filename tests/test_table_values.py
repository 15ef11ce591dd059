"""Cells read as values (jixiao.ingest.table_values), on made-up cells."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.table_values import amount
from jixiao.model import Document, Funds


def test_an_amount_run_into_the_next_items_number_is_not_read() -> None:
    # 财政拨款小计6.301、一般公共预算…: 6.30 and the item number 1、 (or 6.3 and 01、): unread
    doc = Document(department="", year=None, money_unit="万元", funds=Funds())
    notes: list[str] = []

    def note(level: str, code: str, message: str, line: int | None = None) -> None:
        notes.append(message)

    assert amount("6.301、", None, 1, doc, note) is None
    assert "序号" in notes[-1]
    assert amount("6.30", None, 1, doc, note) == Decimal("6.30")
    assert amount("47.6895.00%", None, 1, doc, note) is None  # (47.68 and 95.00%, or …)
    assert "几个数连在一起" in notes[-1]
    assert amount("6.30万", None, 1, doc, note) == Decimal("6.30")
    # 合计 | 100%: the share column's figure in the amount's cell is no amount
    assert amount("100%", None, 1, doc, note) is None
    assert "百分比" in notes[-1]


def test_a_code_before_the_comparator_in_its_cell_is_not_part_of_it() -> None:
    # yn-baoshan-nyj-xinnengyuan-selfeval-2023: 指标性质 cells 004 >= / 005 <=, a system's
    # code before the comparator; a value ending in 亿 takes the 度量单位 after it
    from jixiao.ingest.table_values import value_text

    notes: list[tuple[str, ...]] = []

    def note(*args: object) -> None:
        notes.append(tuple(str(a) for a in args))

    assert value_text("20", "004 >=", "次", 1, note) == "≥20次"
    assert value_text("33", "005 <=", "万元", 1, note) == "≤33万元"
    assert value_text("1亿", "004 >=", "元", 1, note) == "≥1亿元"
    assert value_text("5万", "", "万元", 1, note) == "5万元"  # (not 5万万元)
    assert notes == []
    # a code before what is no comparator: still not one, and said so
    assert value_text("20", "004 某某", "次", 1, note) == "20次"
    assert notes and notes[0][1] == "target.op_unknown"
