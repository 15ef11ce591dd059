"""The target workflow: each project's state (``workflow_items``), the transition log,
reviewers' dispositions of findings, comments and answers, notifications and adjustments
(at most one open per project: a partial unique index).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.store.lifecycle_schema import WORKFLOW_TABLES

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for name, items in WORKFLOW_TABLES().items():
        columns = [c for c in items if isinstance(c, sa.Column)]
        op.create_table(name, *columns)
        for index in (i for i in items if isinstance(i, sa.Index)):
            op.create_index(index.name, name, [str(e) for e in index.expressions],
                            unique=bool(index.unique))  # fmt: skip
    closed = sa.text("closed_at IS NULL")
    op.create_index("ux_adjustments_open", "adjustments", ["project_uid"], unique=True,
                    sqlite_where=closed, postgresql_where=closed)  # fmt: skip
    op.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")


def downgrade() -> None:
    for name in reversed(list(WORKFLOW_TABLES())):
        op.drop_table(name)
    op.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
