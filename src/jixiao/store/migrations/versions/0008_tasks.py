"""Monitoring and self-evaluation tasks: ``tasks`` (issued by finance to departments),
``task_reports`` (one per task and project: state, version, the form as JSON and its figures),
``task_report_indicators`` (each indicator's light and score, for the overview's register) and
``task_report_versions`` (every version, who, when and why). New tables only: nothing stored
before changes.

Revision ID: 0008
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.store.exact import ExactDecimal

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _parent(table: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id", ondelete="CASCADE")


def _version(value: str) -> None:
    op.execute(f"UPDATE meta SET value = '{value}' WHERE key = 'schema_version'")


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("month", sa.Integer),
        sa.Column("deadline", sa.String, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("departments", sa.Text, nullable=False),
        sa.Column("issued_at", sa.String, nullable=False),
        sa.Column("issued_by", sa.String, nullable=False),
        sa.Column("changes", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_tasks_kind_year", "tasks", ["kind", "year"])
    op.create_table(
        "task_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("task_id", sa.Integer, _parent("tasks"), nullable=False),
        sa.Column("project_uid", sa.String(36), nullable=False),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("department", sa.String, nullable=False),
        sa.Column("unit", sa.String, nullable=False),
        sa.Column("project_name", sa.Text, nullable=False),
        sa.Column("dept_org", sa.Integer),
        sa.Column("unit_org", sa.Integer),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.String),
        sa.Column("updated_by", sa.String),
        sa.Column("data", sa.Text),
        sa.Column("budget", ExactDecimal()),
        sa.Column("spent", ExactDecimal()),
        sa.Column("rate", ExactDecimal()),
        sa.Column("score", ExactDecimal()),
        sa.Column("grade", sa.String),
        sa.Column("light", sa.String),
        sa.Column("problems", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index(
        "ux_task_reports_project", "task_reports", ["task_id", "project_uid"], unique=True
    )
    op.create_index("ix_task_reports_state", "task_reports", ["task_id", "state"])
    op.create_index("ix_task_reports_order", "task_reports", ["task_id", "id"])
    op.create_index(
        "ix_task_reports_totals",
        "task_reports",
        ["task_id", "state", "grade", "light", "department", "budget", "spent", "unit_org",
         "dept_org"],
    )  # fmt: skip
    op.create_index("ix_task_reports_unit_org", "task_reports", ["unit_org", "task_id"])
    op.create_index("ix_task_reports_dept_org", "task_reports", ["dept_org", "task_id"])
    op.create_table(
        "task_report_indicators",
        sa.Column("report_id", sa.Integer, _parent("task_reports"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("task_id", sa.Integer, nullable=False),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("level1", sa.String, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("current", sa.Text),
        sa.Column("light", sa.String),
        sa.Column("possibility", sa.String),
        sa.Column("reasons", sa.Text),
        sa.Column("measures", sa.Text),
        sa.Column("score", ExactDecimal()),
    )
    op.create_index(
        "ix_task_report_indicators_light",
        "task_report_indicators",
        ["task_id", "light", "report_id", "position"],
    )
    op.create_table(
        "task_report_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, _parent("task_reports"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("created_by", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("state", sa.String, nullable=False),
        sa.Column("data", sa.Text),
    )
    op.create_index(
        "ux_task_report_versions", "task_report_versions", ["report_id", "version"], unique=True
    )
    _version("8")


def downgrade() -> None:
    for table in ("task_report_versions", "task_report_indicators", "task_reports", "tasks"):
        op.drop_table(table)
    _version("6")
