"""Helpers for the table reader tests: a document as plain nested data to compare exactly."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.model import Document, Funds, Target


def money(funds: Funds) -> tuple[str | None, ...]:
    return tuple(
        None if v is None else str(v)
        for v in (funds.total, funds.fiscal, funds.special, funds.other)
    )


def target(t: Target) -> tuple[Any, ...]:
    value = None if t.value is None else str(t.value)
    return (t.text, t.kind, t.op, value, t.unit)


def outline(doc: Document) -> dict[str, Any]:
    """Everything a reader decides, as plain data (notes as level, code, line)."""
    return {
        "department": doc.department,
        "year": doc.year,
        "title": doc.title,
        "money_unit": doc.money_unit,
        "funds": money(doc.funds),
        "units": [
            (
                u.name,
                money(u.funds),
                [
                    (
                        p.name,
                        money(p.funds),
                        p.goal,
                        [
                            (
                                i.seq,
                                i.level1.label(),
                                i.level2.label(),
                                i.name,
                                target(i.cycle),
                                target(i.annual),
                            )
                            for i in p.indicators
                        ],
                    )
                    for p in u.projects
                ],
            )
            for u in doc.units
        ],
        "notes": [(n.level, n.code, n.line) for n in doc.notes],
    }


def messages(doc: Document, code: str) -> list[str]:
    return [n.message for n in doc.notes if n.code == code]


__all__ = ["Decimal", "messages", "money", "outline", "target"]
