"""Paged listings with filters (jixiao.store.pages) and aggregates (jixiao.store.aggregates),
on SQLite and PostgreSQL: totals and pages against the model, every filter, every edge."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from jixiao.errors import InputError, NotFoundError
from jixiao.ingest.text_layout import parse_text
from jixiao.model import Document, Target
from jixiao.review import Finding, review
from jixiao.store import IndicatorFilter, ProjectFilter, Store, UnitFilter
from jixiao.store.schema import document_counts

from .helpers import seed_text
from .test_store import make_document


def seed(department: str | None = None, year: int | None = None) -> Document:
    doc = parse_text(seed_text(), "seed.txt")
    if department is not None:
        doc = replace(doc, department=department, source=None)
    return replace(doc, year=year)


def typed(t: Target) -> bool:
    return t.kind in ("quantitative", "composite")


@pytest.fixture
def two(store: Store) -> tuple[Store, int, int]:
    """The seed reviewed (乙局 2024) and the hand-made document unreviewed (甲局 2025)."""
    doc = seed("乙局", 2024)
    a = store.save(doc, findings=review(doc)).document_id
    b = store.save(make_document("甲局", 2025, "2" * 64)).document_id
    return store, a, b


# -- validation ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "bad", [{"limit": 0}, {"limit": 501}, {"limit": -5}, {"offset": -1}, {"limit": 2.5}]
)
def test_bad_page_values_are_input_errors(store: Store, bad: dict[str, Any]) -> None:
    for call in (
        lambda: store.documents_page(**bad),
        lambda: store.units(UnitFilter(**bad)),
        lambda: store.projects_page(ProjectFilter(**bad)),
        lambda: store.indicators(IndicatorFilter(**bad)),
    ):
        with pytest.raises(InputError) as err:
            call()
        assert err.value.exit_code == 2 and (
            "每页" in err.value.message or "起始" in err.value.message
        )


def test_unknown_severity_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="严重程度"):
        store.projects_page(ProjectFilter(severity="fatal"))
    with pytest.raises(InputError, match="严重程度"):
        store.indicators(IndicatorFilter(severity="bad"))


# -- documents and units ------------------------------------------------------------------------
def test_documents_page(two: tuple[Store, int, int]) -> None:
    store, a, b = two
    page = store.documents_page()
    assert (page.total, page.limit, page.offset) == (2, 50, 0)
    assert [d.id for d in page.items] == [a, b] == [d.id for d in store.documents()]  # 乙 < 甲
    assert [d.id for d in store.documents_page(department="乙").items] == [a]
    assert store.documents_page(year=2025).items == store.documents()[1:]
    second = store.documents_page(limit=1, offset=1)
    assert (second.total, [d.id for d in second.items]) == (2, [b])
    beyond = store.documents_page(offset=5)
    assert (beyond.total, beyond.items) == (2, [])
    assert store.documents_page(department="%").total == 0
    sizes = [(d.units, d.projects, d.indicators) for d in store.documents()]
    assert sizes == [(3, 39, 212), (3, 5, 6)]
    with store.engine.begin() as conn:  # a document without its counts row (an SQL edit)
        conn.execute(document_counts.delete())
    assert [(d.units, d.projects, d.indicators) for d in store.documents_page().items] == sizes
    assert [(y.projects, y.indicators) for y in store.department_years()] == [
        (39, 212),
        (5, 6),
    ]


def test_units_page(two: tuple[Store, int, int]) -> None:
    store, a, b = two
    everything = store.units()
    assert everything.total == 6
    doc = seed("乙局", 2024)
    rows = store.units(UnitFilter(document_id=a)).items
    assert [(u.name, u.total, u.projects, u.indicators) for u in rows] == [
        (u.name, u.funds.total, len(u.projects), sum(len(p.indicators) for p in u.projects))
        for u in doc.units
    ]
    assert all((u.department, u.year, u.money_unit) == ("乙局", 2024, "万元") for u in rows)
    assert [u.document_id for u in store.units(UnitFilter(department="甲")).items] == [b] * 3
    assert store.units(UnitFilter(year=2025, limit=2, offset=2)).items[0].name == "空单位"
    assert store.units(UnitFilter(year=1999)).total == 0


# -- projects -----------------------------------------------------------------------------------
def test_projects_page_filters(two: tuple[Store, int, int]) -> None:
    store, a, b = two
    page = store.projects_page()
    assert page.total == 39 + 5 and len(page.items) == 44 and page.limit == 50
    assert page.items == store.projects(ProjectFilter(limit=50))
    assert store.projects_page(ProjectFilter(document_id=b)).total == 5
    by_name = store.projects_page(ProjectFilter(q="研究计划", department="甲"))
    assert [(p.department, p.name) for p in by_name.items] == [("甲局", "基础研究计划")]
    in_goal = store.projects_page(ProjectFilter(q="评审工作 用车", document_id=b))  # in the goal
    assert [p.name for p in in_goal.items] == ["车辆租用经费"]
    assert store.projects_page(ProjectFilter(q="车辆租用 评审工作用车")).total == 0  # split
    assert store.projects_page(ProjectFilter(q="   ")).total == 44  # no terms: no condition
    doc = seed("乙局", 2024)
    expected = {(u.name, p.name) for u, p in doc.projects() if "企业" in p.name or "企业" in p.goal}
    got = store.projects_page(ProjectFilter(q="企业", document_id=a, limit=500))
    assert {(p.unit, p.name) for p in got.items} == expected and got.total == len(expected)
    pages = [store.projects_page(ProjectFilter(limit=20, offset=o)) for o in (0, 20, 40)]
    assert [len(p.items) for p in pages] == [20, 20, 4]
    assert [row for p in pages for row in p.items] == page.items


def test_projects_by_severity(two: tuple[Store, int, int]) -> None:
    store, a, _ = two
    found = store.findings(a)
    doc = seed("乙局", 2024)
    for severity, worse in (("error", {"error"}), ("warning", {"error", "warning"}),
                            ("info", {"error", "warning", "info"})):  # fmt: skip
        names = {(f.unit, f.project) for f in found if f.severity in worse and f.project}
        expected = [(u.name, p.name) for u, p in doc.projects() if (u.name, p.name) in names]
        page = store.projects_page(ProjectFilter(severity=severity, limit=500))
        assert [(p.unit, p.name) for p in page.items] == expected, severity
        assert page.total == len(expected)
    assert store.projects_page(ProjectFilter(severity="info", department="甲")).total == 0


# -- indicators -----------------------------------------------------------------------------------
def test_indicators_page_against_the_model(two: tuple[Store, int, int]) -> None:
    store, a, _ = two
    doc = seed("乙局", 2024)
    model = [(u, p, i) for u, p, i in doc.indicators()]
    page = store.indicators(IndicatorFilter(document_id=a, limit=500))
    assert page.total == 212 == len(page.items)
    for row, (u, p, i) in zip(page.items, model, strict=True):
        assert (row.unit, row.project, row.seq, row.name) == (u.name, p.name, i.seq, i.name)
        assert (row.level1, row.level2) == (i.level1.label(), i.level2.label())
        assert (row.cycle, row.annual) == (i.cycle, i.annual)
        assert row.quantitative == (typed(i.cycle) or typed(i.annual))
        assert (row.department, row.year, row.document_id) == ("乙局", 2024, a)
    quantitative = store.indicators(IndicatorFilter(document_id=a, quantitative=True)).total
    assert quantitative == sum(1 for *_, i in model if typed(i.cycle) or typed(i.annual))
    qualitative = store.indicators(IndicatorFilter(document_id=a, quantitative=False)).total
    assert quantitative + qualitative == 212
    assert store.indicators().total == 212 + 6


def test_indicator_filters(two: tuple[Store, int, int]) -> None:
    store, a, _ = two
    doc = seed("乙局", 2024)
    model = list(doc.indicators())

    def total(**kw: Any) -> int:
        return store.indicators(IndicatorFilter(document_id=a, **kw)).total

    level1 = Counter(i.level1.label() for *_, i in model)
    level2 = Counter(i.level2.label() for *_, i in model)
    for label, n in level1.items():
        code = label.split("-")[0]
        assert total(level1=label) == n and total(level1=code) == n
    for label, n in level2.items():
        assert total(level2=label) == n
    assert total(level1="产出") == sum(n for k, n in level1.items() if "产出" in k)
    assert total(level1="1", level2="11") == level2["11-数量指标"]
    assert total(unit="评审中心") == sum(1 for u, *_ in model if "评审中心" in u.name)
    first = store.projects_page(ProjectFilter(document_id=a, limit=1)).items[0]
    assert [r.project_id for r in store.indicators(IndicatorFilter(project_id=first.id)).items] == (
        [first.id] * first.indicators
    )
    with_name = total(q="满意度")
    expected = sum(
        1 for *_, i in model if any("满意度" in t for t in (i.name, i.cycle.text, i.annual.text))
    )
    assert with_name == expected
    assert store.indicators(IndicatorFilter(department="甲", year=2025)).total == 6
    assert store.indicators(IndicatorFilter(department="甲", year=2024)).total == 0
    found = store.findings(a)
    for severity in ("error", "warning"):
        worse = {"error"} if severity == "error" else {"error", "warning"}
        keys = {(f.unit, f.project, f.indicator) for f in found if f.severity in worse}
        expected = sum(1 for u, p, i in model if (u.name, p.name, i.seq) in keys)
        assert total(severity=severity) == expected, severity
    paged = [store.indicators(IndicatorFilter(document_id=a, limit=100, offset=o)) for o in
             (0, 100, 200, 300)]  # fmt: skip
    assert [len(p.items) for p in paged] == [100, 100, 12, 0]


# -- aggregates -----------------------------------------------------------------------------------
def test_aggregates_equal_the_sums_of_the_model(two: tuple[Store, int, int]) -> None:
    store, a, _ = two
    doc = seed("乙局", 2024)
    agg = store.aggregates(a)
    assert (agg.department, agg.year, agg.money_unit, agg.total) == (
        "乙局", 2024, "万元", doc.funds.total,
    )  # fmt: skip
    assert [(m.unit, m.total, m.fiscal, m.projects) for m in agg.money_by_unit] == [
        (u.name, u.funds.total, u.funds.fiscal, len(u.projects)) for u in doc.units
    ]
    expected_projects = sorted(
        ((u.name, p.name, p.funds.total) for u, p in doc.projects()),
        key=lambda t: -(t[2] or Decimal("-Infinity")),
    )
    assert [(m.unit, m.name, m.total) for m in agg.money_by_project] == expected_projects
    totals = [m.total for m in agg.money_by_project]
    assert totals == sorted(totals, key=lambda t: -(t or 0))
    classes = Counter((i.level1.label(), i.level2.label()) for *_, i in doc.indicators())
    typed_ = Counter(
        (i.level1.label(), i.level2.label())
        for *_, i in doc.indicators()
        if typed(i.cycle) or typed(i.annual)
    )
    assert {
        (c.level1, c.level2): (c.indicators, c.quantitative) for c in agg.indicators_by_class
    } == {k: (n, typed_[k]) for k, n in classes.items()}
    assert agg.indicators == 212 and agg.quantitative == sum(typed_.values())
    assert agg.quantified_share == pytest.approx(agg.quantitative / 212)
    found = review(doc)
    assert agg.reviewed
    assert {(r.rule, r.severity): r.findings for r in agg.findings_by_rule} == Counter(
        (f.rule, f.severity) for f in found
    )
    counts = [r.findings for r in agg.findings_by_rule]
    assert counts == sorted(counts, reverse=True)
    assert agg.findings_by_severity == {
        s: sum(1 for f in found if f.severity == s) for s in ("error", "warning", "info")
    }


def test_aggregates_of_an_unreviewed_document_and_of_none(two: tuple[Store, int, int]) -> None:
    store, _, b = two
    agg = store.aggregates(b)
    assert not agg.reviewed and agg.findings_by_rule == []
    assert agg.findings_by_severity == {"error": 0, "warning": 0, "info": 0}
    assert [(m.name, m.total) for m in agg.money_by_project][:2] == [
        ("企业创新计划", Decimal("1640000000")),
        ("基础研究计划", Decimal("12537.00")),
    ]
    assert agg.money_by_project[-1].total is None  # no total: last
    assert agg.indicators == 6 and agg.quantitative == 5
    with pytest.raises(NotFoundError):
        store.aggregates(999_999)


def test_department_years(two: tuple[Store, int, int]) -> None:
    store, a, b = two
    doc = seed("乙局", 2024)
    assert store.department_years() == [
        ("乙局", 2024, a, doc.funds.total, 39, 212, len(review(doc))),
        ("甲局", 2025, b, Decimal("1640012537.50"), 5, 6, None),
    ]
    note = Finding("r", "info", "完整性", None, None, None, None, "x")
    store.save(make_document("丙局", 2025, "3" * 64), findings=[note])
    assert store.department_years()[0][:3] == ("丙局", 2025, store.documents()[0].id)
    assert store.department_years()[0].findings == 1
