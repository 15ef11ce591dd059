"""The schema as it was before migrations: documents, units, projects, indicators, meta.

A database made by that code (``meta.schema_version = 1``, no ``alembic_version``) is stamped
with this revision when it is first opened, then upgraded.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from jixiao.store.exact import ExactDecimal

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

FUNDS = ("total", "fiscal", "special", "other")
TARGET = ("text", "kind", "op", "value", "upper", "unit", "parts", "label")


def _money(name: str) -> list[sa.Column[Any]]:
    return [sa.Column(name, ExactDecimal()), sa.Column(f"{name}_text", sa.String)]


def _funds() -> list[sa.Column[Any]]:
    return [c for name in FUNDS for c in _money(name)]


def _target(prefix: str) -> list[sa.Column[Any]]:
    return [
        sa.Column(f"{prefix}_text", sa.Text, nullable=False),
        sa.Column(f"{prefix}_kind", sa.String, nullable=False),
        sa.Column(f"{prefix}_op", sa.String),
        *_money(f"{prefix}_value"),
        *_money(f"{prefix}_upper"),
        sa.Column(f"{prefix}_unit", sa.String),
        sa.Column(f"{prefix}_parts", sa.Text),
        sa.Column(f"{prefix}_label", sa.String),
    ]


def _parent(table: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id", ondelete="CASCADE")


def upgrade() -> None:
    meta = op.create_table(
        "meta",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.String, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("department", sa.String, nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("title", sa.Text),
        sa.Column("money_unit", sa.String, nullable=False),
        sa.Column("source_name", sa.String),
        sa.Column("source_sha256", sa.String, nullable=False, unique=True),
        sa.Column("source_layout", sa.String),
        *_funds(),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.String, nullable=False),
    )
    op.create_index("ix_documents_department_year", "documents", ["department", "year"])
    op.create_table(
        "units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, _parent("documents"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String, nullable=False),
        *_funds(),
    )
    op.create_index("ix_units_document", "units", ["document_id", "position"])
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, _parent("documents"), nullable=False),
        sa.Column("unit_id", sa.Integer, _parent("units"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String, nullable=False),
        *_funds(),
        sa.Column("goal", sa.Text, nullable=False),
    )
    op.create_index("ix_projects_unit", "projects", ["unit_id", "position"])
    op.create_index("ix_projects_document", "projects", ["document_id"])
    op.create_index("ix_projects_name", "projects", ["name"])
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, _parent("documents"), nullable=False),
        sa.Column("project_id", sa.Integer, _parent("projects"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("level1_code", sa.String),
        sa.Column("level1_name", sa.String, nullable=False),
        sa.Column("level2_code", sa.String),
        sa.Column("level2_name", sa.String, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        *_target("cycle"),
        *_target("annual"),
    )
    op.create_index("ix_indicators_project", "indicators", ["project_id", "position"])
    op.create_index("ix_indicators_document", "indicators", ["document_id"])
    op.bulk_insert(meta, [{"key": "schema_version", "value": "1"}])


def downgrade() -> None:
    for table in ("indicators", "projects", "units", "documents", "meta"):
        op.drop_table(table)
