"""``document_counts``: how many units, projects and indicators each document has, kept by
the store on save, so listings of every document need not count a million rows.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_counts",
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("units", sa.Integer, nullable=False),
        sa.Column("projects", sa.Integer, nullable=False),
        sa.Column("indicators", sa.Integer, nullable=False),
    )
    op.execute(
        "INSERT INTO document_counts (document_id, units, projects, indicators)"
        " SELECT d.id,"
        " (SELECT count(*) FROM units u WHERE u.document_id = d.id),"
        " (SELECT count(*) FROM projects p WHERE p.document_id = d.id),"
        " (SELECT count(*) FROM indicators i WHERE i.document_id = d.id)"
        " FROM documents d"
    )
    op.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")


def downgrade() -> None:
    op.drop_table("document_counts")
    op.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
