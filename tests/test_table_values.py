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
