"""The tables of the lifecycle (revisions 0007 and 0008): the target workflow
(:mod:`jixiao.workflow`, :mod:`jixiao.services.workflow`) and the monitoring and self-evaluation
tasks (:mod:`jixiao.tasks`). Defined on the store's one :data:`~.columns.metadata` and
re-exported by :mod:`.schema`, so a backup and a listing of the tables see them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Index, Integer, String, Table, Text

from .columns import metadata, parent
from .exact import ExactDecimal


# -- revision 0007: the target workflow (jixiao.workflow, services.workflow) ------------------
def _workflow_tables() -> dict[str, list[Any]]:
    """The columns and indexes of the workflow tables, shared with migration 0007."""
    return {
        "workflow_items": [
            Column("project_uid", String(36), primary_key=True),  # the project's stable id
            Column("state", String, nullable=False),  # a state key of data/workflow.toml
            Column("round", Integer, nullable=False, server_default="0"),  # times sent
            Column("submitted_version", Integer),  # document version when last sent
            Column("previous_version", Integer),  # … when sent the round before
            Column("approved_version", Integer),  # document version when approved (终审)
            Column("submitter", String),  # who sent it last (user name)
            Column("submitter_id", Integer),
            Column("adjustment_id", Integer),  # the open adjustment, if any
            Column("updated_at", String, nullable=False),
            Column("updated_by", String, nullable=False),
            Index("ix_workflow_items_state", "state"),
        ],
        "workflow_log": [
            Column("id", Integer, primary_key=True),
            Column("project_uid", String(36), nullable=False),
            Column("adjustment_id", Integer),  # NULL: the project's own approval
            Column("at", String, nullable=False),
            Column("actor", String, nullable=False),
            Column("actor_id", Integer),
            Column("action", String, nullable=False),
            Column("from_state", String, nullable=False),
            Column("to_state", String, nullable=False),
            Column("comment", Text, nullable=False),
            Column("document_version", Integer),
            Column("round", Integer, nullable=False),
            Index("ix_workflow_log_project", "project_uid", "id"),
            Index("ix_workflow_log_actor", "actor_id", "id"),
        ],
        "dispositions": [
            Column("id", Integer, primary_key=True),
            Column("project_uid", String(36), nullable=False),
            Column("round", Integer, nullable=False),
            Column("finding_key", String, nullable=False),  # rule|indicator uid|field
            Column("rule", String, nullable=False),
            Column("indicator_uid", String(36)),
            Column("disposition", String, nullable=False),  # 强制调整, 建议调整, 通过
            Column("comment", Text, nullable=False),
            Column("at", String, nullable=False),
            Column("by", String, nullable=False),
            Index("ux_dispositions", "project_uid", "round", "finding_key", unique=True),
        ],
        "workflow_comments": [
            Column("id", Integer, primary_key=True),
            Column("project_uid", String(36), nullable=False),
            Column("round", Integer, nullable=False),
            Column("parent_id", Integer),  # an answer: the comment it answers
            Column("target", String, nullable=False),  # "project", a field, or an indicator uid
            Column("field", String),  # the indicator's field, if any
            Column("text", Text, nullable=False),
            Column("at", String, nullable=False),
            Column("by", String, nullable=False),
            Column("by_id", Integer),
            Index("ix_workflow_comments_project", "project_uid", "id"),
        ],
        "notifications": [
            Column("id", Integer, primary_key=True),
            Column("user_id", Integer, nullable=False),
            Column("at", String, nullable=False),
            Column("kind", String, nullable=False),  # submitted, returned, approved, reminder …
            Column("project_uid", String(36)),
            Column("text", Text, nullable=False),
            Column("read_at", String),  # NULL: unread
            Index("ix_notifications_user", "user_id", "read_at", "id"),
        ],
        "adjustments": [
            Column("id", Integer, primary_key=True),
            Column("project_uid", String(36), nullable=False),
            Column("reason_kind", String, nullable=False),  # 自行申请, 项目内容变更, 预算追加追减
            Column("reason", Text, nullable=False),
            Column("state", String, nullable=False),
            Column("content", Text, nullable=False),  # JSON: interchange project_to_dict
            Column("version", Integer, nullable=False, server_default="1"),
            Column("base_version", Integer, nullable=False),  # document version it started at
            Column("effective_version", Integer),  # document version it became
            Column("opened_at", String, nullable=False),
            Column("opened_by", String, nullable=False),
            Column("closed_at", String),  # NULL: open (at most one per project)
            Column("result", String),  # 已生效, 已撤销
            Index("ix_adjustments_project", "project_uid", "id"),
        ],
    }


def _open_adjustment_index(table: Table) -> Index:
    return Index("ux_adjustments_open", table.c.project_uid, unique=True,
                 sqlite_where=table.c.closed_at.is_(None),
                 postgresql_where=table.c.closed_at.is_(None))  # fmt: skip


WORKFLOW_TABLES = _workflow_tables
workflow_items = Table("workflow_items", metadata, *_workflow_tables()["workflow_items"])
"""A project's place in the workflow (no row: the initial state, 草稿)."""
workflow_log = Table("workflow_log", metadata, *_workflow_tables()["workflow_log"])
"""Every transition: who, when, from → to, the action, the comment, the document version."""
dispositions = Table("dispositions", metadata, *_workflow_tables()["dispositions"])
"""A reviewer's disposition of one finding in one round."""
workflow_comments = Table("workflow_comments", metadata, *_workflow_tables()["workflow_comments"])
"""Reviewers' comments on a project, a field or an indicator, and the submitter's answers."""
notifications = Table("notifications", metadata, *_workflow_tables()["notifications"])
adjustments = Table("adjustments", metadata, *_workflow_tables()["adjustments"])
"""调整 of approved projects: their own draft content through the same approval."""
_open_adjustment_index(adjustments)
# -- revision 0008: monitoring and self-evaluation tasks ---------------------------------------
tasks = Table(
    "tasks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String, nullable=False),  # monitoring, selfeval (jixiao.tasks.KINDS)
    Column("title", Text, nullable=False),
    Column("year", Integer, nullable=False),
    Column("month", Integer),  # monitoring: the period's last month (1-6月 → 6)
    Column("deadline", String, nullable=False),  # ISO date
    Column("note", Text),
    Column("departments", Text, nullable=False),  # JSON list of the department names
    Column("issued_at", String, nullable=False),
    Column("issued_by", String, nullable=False),
    # bumped by every change of one of its reports: what the overview's figures were read at
    Column("changes", Integer, nullable=False, server_default="0"),
    Index("ix_tasks_kind_year", "kind", "year"),
)
"""A task finance issues to departments: monitoring for a period, or a year's self-evaluation."""

task_reports = Table(
    "task_reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("task_id", Integer, parent("tasks"), nullable=False),
    Column("project_uid", String(36), nullable=False),
    Column("document_id", Integer, nullable=False),  # the document holding the project
    Column("department", String, nullable=False),
    Column("unit", String, nullable=False),
    Column("project_name", Text, nullable=False),
    Column("dept_org", Integer),  # orgs.id of the department and the unit (scope)
    Column("unit_org", Integer),
    Column("state", String, nullable=False),  # data/tasks.toml [[states]]
    Column("version", Integer, nullable=False),  # optimistic locking
    Column("updated_at", String),
    Column("updated_by", String),
    Column("data", Text),  # the form as JSON (jixiao.tasks.*_to_dict); NULL: not filled yet
    Column("budget", ExactDecimal()),  # 全年预算数 (调整后预算)
    Column("spent", ExactDecimal()),  # 执行数 (累计支出)
    Column("rate", ExactDecimal()),  # 执行率, percent
    Column("score", ExactDecimal()),  # self-evaluation total
    Column("grade", String),
    Column("light", String),  # monitoring: the project's light
    Column("problems", Integer, nullable=False, server_default="0"),
    Index("ux_task_reports_project", "task_id", "project_uid", unique=True),
    Index("ix_task_reports_state", "task_id", "state"),
    Index("ix_task_reports_order", "task_id", "id"),  # pages in issue order (department, unit)
    # every aggregate of the overview read from this index alone (the rows hold the form)
    Index(
        "ix_task_reports_totals",
        "task_id",
        "state",
        "grade",
        "light",
        "department",
        "budget",
        "spent",
        "unit_org",
        "dept_org",
    ),
    Index("ix_task_reports_unit_org", "unit_org", "task_id"),
    Index("ix_task_reports_dept_org", "dept_org", "task_id"),
)
"""One unit's report for one project in one task: its state, version, form and figures."""

task_report_indicators = Table(
    "task_report_indicators",
    metadata,
    Column("report_id", Integer, parent("task_reports"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("task_id", Integer, nullable=False),  # the register is read per task
    Column("uid", String(36), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("level1", String, nullable=False),
    Column("name", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("current", Text),  # 当前完成值 / 实际完成值
    Column("light", String),
    Column("possibility", String),
    Column("reasons", Text),
    Column("measures", Text),
    Column("score", ExactDecimal()),
    # the register, a page at a time in report order, without sorting
    Index("ix_task_report_indicators_light", "task_id", "light", "report_id", "position"),
)
"""Each indicator of a report as last saved: its light (the deviation register) and score."""

task_report_versions = Table(
    "task_report_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", Integer, parent("task_reports"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", String, nullable=False),
    Column("created_by", String, nullable=False),
    Column("action", String, nullable=False),  # 保存, 导入, 送审, 退回 …
    Column("reason", Text, nullable=False),
    Column("state", String, nullable=False),
    Column("data", Text),
    Index("ux_task_report_versions", "report_id", "version", unique=True),
)
"""Every version of every report: who, when, what and why; earlier ones readable."""
