"""Money reconciliation: document = Σ units, unit = Σ projects, total = Σ fund sources.

Mismatches become warnings on the document; nothing is ever corrected silently.
"""

from __future__ import annotations

from decimal import Decimal

from .model import FUND_FIELDS, Document, Funds, Note

FUND_LABELS = {
    "total": "总计",
    "fiscal": "财政拨款",
    "special": "财政专户拨款",
    "other": "其他资金",
}


def money(value: Decimal, unit: str) -> str:
    """``Decimal('235659.44')`` → ``235,659.44 万元``."""
    return f"{value:,} {unit}"


def _compare(
    whole: Funds, parts: list[Funds], what: str, children: str, unit: str
) -> list[tuple[str, str]]:
    """(column, message) for every fund column where ``whole`` differs from Σ ``parts``."""
    if not parts:
        return []
    out = []
    sums = Funds.sum(parts)
    for name in FUND_FIELDS:
        stated, total = getattr(whole, name), getattr(sums, name)
        if stated is None and total is None:
            continue
        a, b = stated or Decimal(0), total or Decimal(0)
        if a != b:
            out.append(
                (
                    name,
                    f"{what}的{FUND_LABELS[name]} {money(a, unit)} 与{children}合计 "
                    f"{money(b, unit)} 不符，相差 {money(a - b, unit)}",
                )
            )
    return out


def _sources(funds: Funds, what: str, unit: str) -> str | None:
    sources = funds.sources()
    if funds.total is None or not sources:
        return None
    total = sum(sources, Decimal(0))
    if total == funds.total:
        return None
    return (
        f"{what}的总计 {money(funds.total, unit)} 与资金来源"
        f"（财政拨款、财政专户拨款、其他资金）之和 {money(total, unit)} 不符"
    )


def reconcile(doc: Document) -> list[Note]:
    """Warnings for every sum that does not add up; an empty list when all reconcile."""
    unit = doc.money_unit
    notes: list[Note] = []
    for _, message in _compare(doc.funds, [u.funds for u in doc.units], "文件合计", "各单位", unit):
        notes.append(Note("warning", "money.units", message))
    problem = _sources(doc.funds, "文件合计", unit)
    if problem:
        notes.append(Note("warning", "money.sources", problem))
    for u in doc.units:
        for _, message in _compare(
            u.funds, [p.funds for p in u.projects], f"单位“{u.name}”", "其项目", unit
        ):
            notes.append(Note("warning", "money.projects", message, unit=u.name))
        problem = _sources(u.funds, f"单位“{u.name}”", unit)
        if problem:
            notes.append(Note("warning", "money.sources", problem, unit=u.name))
        for p in u.projects:
            problem = _sources(p.funds, f"项目“{p.name}”", unit)
            if problem:
                notes.append(Note("warning", "money.sources", problem, unit=u.name, project=p.name))
    return notes
