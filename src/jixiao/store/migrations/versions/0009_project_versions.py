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

from jixiao.errors import StoreError

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
    # The versions an edit superseded live only here: dropping them would leave those
    # versions unreadable without a word, so a store that has any is not taken back.
    kept = op.get_bind().execute(sa.text("SELECT count(*) FROM project_versions")).scalar_one()
    if kept:
        raise StoreError(
            f"数据库中有 {kept} 个按项目保存的历史版本（修改项目时保留的旧版本），"
            "降级到 0008 会使这些版本无法读取，未降级",
            expected="只对没有按项目保存历史版本的数据库降级；要回到旧版本的程序，请用其备份恢复",
        )
    op.drop_index("ix_units_org", "units")
    op.drop_index("ix_documents_org", "documents")
    op.drop_table("project_versions")
    op.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
