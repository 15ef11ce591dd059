"""Versions kept per project: ``project_versions`` holds the project an edit replaced, so an
edit of one project no longer copies the whole document into ``document_versions``. A new
table only: every version stored before stays as it was (whole JSON copies) and readable.
Indexes on the org node of documents and units, so an account's inbox is read from its
scope.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "project_versions",
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("project_uid", sa.String, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
    )
    op.create_index(
        "ux_project_versions",
        "project_versions",
        ["document_id", "version", "project_uid"],
        unique=True,
    )
    op.create_index("ix_documents_org", "documents", ["org_id"])
    op.create_index("ix_units_org", "units", ["org_id"])
    op.execute("UPDATE meta SET value = '9' WHERE key = 'schema_version'")


def downgrade() -> None:
    op.drop_index("ix_units_org", "units")
    op.drop_index("ix_documents_org", "documents")
    op.drop_table("project_versions")
    op.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
