"""What real templates add: the document's kind, a project's code, period, goals, budget
execution, printed score and grade, and an indicator's weight, direction, unit column,
explanation, standard and self-evaluation (actual, score, deviation). Every column is
nullable (or has a default), so the rows already stored stay as they were: a target table
without any of these.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from jixiao.store.exact import ExactDecimal

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

EXECUTION = ("initial", "full_year", "executed", "rate", "weight", "score")


def _money(name: str) -> list[sa.Column[Any]]:
    return [sa.Column(name, ExactDecimal()), sa.Column(f"{name}_text", sa.String)]


def _target(prefix: str) -> list[sa.Column[Any]]:
    return [
        sa.Column(f"{prefix}_text", sa.Text),  # NULL: no target
        sa.Column(f"{prefix}_kind", sa.String),
        sa.Column(f"{prefix}_op", sa.String),
        *_money(f"{prefix}_value"),
        *_money(f"{prefix}_upper"),
        sa.Column(f"{prefix}_unit", sa.String),
        sa.Column(f"{prefix}_parts", sa.Text),
        sa.Column(f"{prefix}_label", sa.String),
    ]


def _text(name: str) -> sa.Column[Any]:
    return sa.Column(name, sa.Text)


def columns() -> dict[str, list[sa.Column[Any]]]:
    """The columns this revision adds, per table, in order (new objects each time: a column
    belongs to the one table it is added to)."""
    return {
        "documents": [sa.Column("kind", sa.String, nullable=False, server_default="target")],
        "projects": [
            _text("code"),
            _text("department"),
            _text("unit"),
            _text("period"),
            _text("period_goal"),
            _text("goal_result"),
            *_money("score"),
            _text("grade"),
            sa.Column("has_execution", sa.Boolean, nullable=False, server_default=sa.false()),
            *(c for name in EXECUTION for c in _money(f"execution_{name}")),
        ],
        "indicators": [
            *_money("weight"),
            _text("direction"),
            _text("measure"),
            _text("explanation"),
            _text("standard"),
            *_target("actual"),
            *_money("score"),
            _text("deviation"),
        ],
    }


def _version(value: str) -> None:
    op.execute(f"UPDATE meta SET value = '{value}' WHERE key = 'schema_version'")


def upgrade() -> None:
    # ALTER TABLE … ADD COLUMN on both databases: no table is copied, so this is quick on a
    # big store (SQLite only rewrites its schema text; PostgreSQL stores the defaults in the
    # catalogue).
    for table, added in columns().items():
        for column in added:
            op.add_column(table, column)
    _version("5")


def downgrade() -> None:
    for table, added in columns().items():
        # SQLite drops columns one ALTER at a time (3.35+); batch mode would copy the table.
        for column in reversed(added):
            op.drop_column(table, column.name)
    _version("4")
