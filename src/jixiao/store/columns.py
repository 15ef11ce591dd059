"""The column shapes the store's tables share, and the one :data:`metadata` they are defined on
(:mod:`.schema` and :mod:`.lifecycle_schema`): money as a number and its text as written, a typed
target, the optional model fields, a budget execution, a child's key to its parent."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, ForeignKey, MetaData, String, Text, false

from ..model import EXECUTION_FIELDS, FUND_FIELDS, Extra
from .exact import ExactDecimal

metadata = MetaData()


def money(name: str) -> list[Column[Any]]:
    """A number (exact) and its text as written."""
    return [Column(name, ExactDecimal()), Column(f"{name}_text", String)]


def funds() -> list[Column[Any]]:
    """The money pairs of a document's or a project's funds."""
    return [c for name in FUND_FIELDS for c in money(name)]


def target(prefix: str, *, optional: bool = False) -> list[Column[Any]]:
    """A typed target's columns; ``optional``: NULL ``{prefix}_text`` means no target."""
    return [
        Column(f"{prefix}_text", Text, nullable=optional),
        Column(f"{prefix}_kind", String, nullable=optional),
        Column(f"{prefix}_op", String),
        *money(f"{prefix}_value"),
        *money(f"{prefix}_upper"),
        Column(f"{prefix}_unit", String),
        Column(f"{prefix}_parts", Text),  # JSON list of target_to_dict(part, part=True); NULL: none
        Column(f"{prefix}_label", String),
    ]


def extras(fields: tuple[Extra, ...]) -> list[Column[Any]]:
    """The columns of optional model fields (revision 0005): a number pair, a text, or an
    optional target's columns, named after the field."""
    out: list[Column[Any]] = []
    for extra in fields:
        if extra.kind == "number":
            out.extend(money(extra.name))
        elif extra.kind == "target":
            out.extend(target(extra.name, optional=True))
        else:
            out.append(Column(extra.name, Text))
    return out


def execution() -> list[Column[Any]]:
    """A project's budget execution: ``has_execution`` tells an empty one from none."""
    return [
        Column("has_execution", Boolean, nullable=False, server_default=false()),
        *(c for name in EXECUTION_FIELDS for c in money(f"execution_{name}")),
    ]


def parent(table: str) -> ForeignKey:
    """A child's key to its parent row, deleted with it."""
    return ForeignKey(f"{table}.id", ondelete="CASCADE")
