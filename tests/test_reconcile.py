"""Money reconciliation."""

from __future__ import annotations

from decimal import Decimal as D

from jixiao.model import Document, Funds, Project, Unit
from jixiao.reconcile import money, reconcile


def _doc(doc_total: str, unit_total: str, projects: list[Funds]) -> Document:
    return Document(
        "某局", None, "万元", Funds(D(doc_total), D(doc_total)),
        units=[Unit("某局", Funds(D(unit_total), D(unit_total)),
                    [Project(f"p{k}", f, "g") for k, f in enumerate(projects)])],
    )  # fmt: skip


def test_all_sums_reconcile() -> None:
    assert reconcile(_doc("3.00", "3.00", [Funds(D("1"), D("1")), Funds(D("2.00"), D("2"))])) == []


def test_each_mismatch_is_a_warning() -> None:
    notes = reconcile(_doc("4.00", "3.00", [Funds(D("1"), D("1")), Funds(D("2"), D("1.5"))]))
    codes = sorted(n.code for n in notes)
    assert codes == ["money.projects", "money.sources", "money.units", "money.units"]
    assert all(n.level == "warning" for n in notes)
    source = next(n for n in notes if n.code == "money.sources")
    assert source.project == "p1" and "2 万元" in source.message


def test_empty_columns_are_not_zero_mismatches() -> None:
    doc = _doc("1", "1", [Funds(D("1"), D("1"), None, None)])
    assert reconcile(doc) == []


def test_money_format() -> None:
    assert money(D("235659.44"), "万元") == "235,659.44 万元"
