"""Stored review findings (``findings``) and which documents were reviewed (``reviews``).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _parent(table: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id", ondelete="CASCADE")


def _version(value: str) -> None:
    op.execute(f"UPDATE meta SET value = '{value}' WHERE key = 'schema_version'")


def upgrade() -> None:
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, _parent("documents"), nullable=False),
        sa.Column("project_id", sa.Integer, _parent("projects")),
        sa.Column("indicator_id", sa.Integer, _parent("indicators")),
        sa.Column("rule", sa.String, nullable=False),
        sa.Column("severity", sa.String, nullable=False),
        sa.Column("dimension", sa.String, nullable=False),
        sa.Column("unit_name", sa.String),
        sa.Column("project_name", sa.String),
        sa.Column("indicator_seq", sa.Integer),
        sa.Column("field", sa.String),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text),
    )
    op.create_index("ix_findings_project", "findings", ["project_id", "severity"])
    op.create_index("ix_findings_document_rule", "findings", ["document_id", "rule"])
    op.create_index("ix_findings_severity", "findings", ["severity", "document_id"])
    op.create_index("ix_findings_indicator", "findings", ["indicator_id"])
    op.create_table(
        "reviews",
        sa.Column("document_id", sa.Integer, _parent("documents"), primary_key=True),
        sa.Column("ruleset", sa.String),
        sa.Column("reviewed_at", sa.String, nullable=False),
        sa.Column("findings", sa.Integer, nullable=False),
    )
    _version("2")


def downgrade() -> None:
    op.drop_table("reviews")
    op.drop_table("findings")
    _version("1")
