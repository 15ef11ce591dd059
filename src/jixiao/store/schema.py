"""The tables of the store.

Plain tables with readable names (``documents``, ``units``, ``projects``, ``indicators``,
``meta``), so ``datasette jixiao.db`` or ``psql`` show them as they are. Children carry their
``position`` (order in the table as written) and a ``FOREIGN KEY … ON DELETE CASCADE``;
``projects`` and ``indicators`` also carry ``document_id`` so a document is read back, counted
or deleted without joins.

Money and target values are pairs of columns, a number (:class:`~.exact.ExactDecimal`) and
its text as written: see :mod:`.exact`.

Optional fields
---------------
What real templates add (revision 0005) are columns named after the model's fields
(:data:`~jixiao.model.PROJECT_EXTRAS`, :data:`~jixiao.model.INDICATOR_EXTRAS`): a number is a
pair as above (``weight``, ``weight_text``), a text one column, and the self-evaluation's
``actual`` the columns of a target whose ``actual_text`` is NULL when there is none. A
project's budget execution is the pairs ``execution_initial`` … ``execution_score``, with
``has_execution`` telling an execution whose cells are all empty from none; ``documents.kind``
is ``target``, ``selfeval`` or ``dept-whole``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

from ..model import EXECUTION_FIELDS, FUND_FIELDS, INDICATOR_EXTRAS, PROJECT_EXTRAS, Extra
from .exact import ExactDecimal

SCHEMA_VERSION = 9
"""The version of the tables below, kept in ``meta.schema_version`` by every migration (so an
older jixiao, which reads only that, refuses a database it cannot keep in step); it equals
the number of the head revision in :mod:`jixiao.store.migrations`."""

metadata = MetaData()


def _money(name: str) -> list[Column[Any]]:
    return [Column(name, ExactDecimal()), Column(f"{name}_text", String)]


def _funds() -> list[Column[Any]]:
    return [c for name in FUND_FIELDS for c in _money(name)]


def _target(prefix: str, *, optional: bool = False) -> list[Column[Any]]:
    """A typed target's columns; ``optional``: NULL ``{prefix}_text`` means no target."""
    return [
        Column(f"{prefix}_text", Text, nullable=optional),
        Column(f"{prefix}_kind", String, nullable=optional),
        Column(f"{prefix}_op", String),
        *_money(f"{prefix}_value"),
        *_money(f"{prefix}_upper"),
        Column(f"{prefix}_unit", String),
        Column(f"{prefix}_parts", Text),  # JSON list of target_to_dict(part, part=True); NULL: none
        Column(f"{prefix}_label", String),
    ]


def _extras(extras: tuple[Extra, ...]) -> list[Column[Any]]:
    """The columns of optional model fields (revision 0005): a number pair, a text, or an
    optional target's columns, named after the field."""
    out: list[Column[Any]] = []
    for extra in extras:
        if extra.kind == "number":
            out.extend(_money(extra.name))
        elif extra.kind == "target":
            out.extend(_target(extra.name, optional=True))
        else:
            out.append(Column(extra.name, Text))
    return out


def _execution() -> list[Column[Any]]:
    """A project's budget execution: ``has_execution`` tells an empty one from none."""
    return [
        Column("has_execution", Boolean, nullable=False, server_default=false()),
        *(c for name in EXECUTION_FIELDS for c in _money(f"execution_{name}")),
    ]


def _parent(table: str) -> ForeignKey:
    return ForeignKey(f"{table}.id", ondelete="CASCADE")


meta = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", String, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("department", String, nullable=False),
    Column("year", Integer),
    Column("title", Text),
    Column("money_unit", String, nullable=False),
    Column("source_name", String),  # NULL: the document had no source
    Column("source_sha256", String, nullable=False, unique=True),
    Column("source_layout", String),
    *_funds(),
    Column("notes", Text, nullable=False),  # JSON list of interchange.note_to_dict
    Column("ingested_at", String, nullable=False),  # ISO 8601, UTC
    # revision 0005: target, selfeval or dept-whole (model.DOCUMENT_KINDS)
    Column("kind", String, nullable=False, server_default="target"),
    # revision 0006: versions, state, owner, soft delete
    Column("version", Integer, nullable=False, server_default="1"),  # optimistic locking
    Column("status", String, nullable=False, server_default="draft"),  # draft, published
    Column("org_id", Integer),  # orgs.id of the department (no FK: added by ALTER on SQLite)
    Column("updated_at", String),  # ISO 8601, UTC: the current version's time
    Column("updated_by", String),
    Column("deleted_at", String),  # NULL: live; else deleted (kept, hidden, audited)
    Column("deleted_by", String),
    Index("ix_documents_department_year", "department", "year"),
    Index("ix_documents_org", "org_id"),  # revision 0009: an account's scope → its documents
)

units = Table(
    "units",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, _parent("documents"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", String, nullable=False),
    *_funds(),
    Column("uid", String(36)),  # revision 0006: the unit's stable id (UUID)
    Column("org_id", Integer),  # revision 0006: orgs.id of the unit (no FK, as documents.org_id)
    Index("ix_units_document", "document_id", "position"),
    Index("ix_units_uid", "uid", unique=True),
    Index("ix_units_org", "org_id"),  # revision 0009: an account's scope → its units
)

projects = Table(
    "projects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, _parent("documents"), nullable=False),
    Column("unit_id", Integer, _parent("units"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", String, nullable=False),
    *_funds(),
    Column("goal", Text, nullable=False),
    *_extras(PROJECT_EXTRAS),  # revision 0005
    *_execution(),
    Column("uid", String(36)),  # revision 0006: the project's stable id (UUID)
    Index("ix_projects_uid", "uid", unique=True),
    Index("ix_projects_unit", "unit_id", "position"),
    Index("ix_projects_document", "document_id"),
    Index("ix_projects_name", "name"),
)

indicators = Table(
    "indicators",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, _parent("documents"), nullable=False),
    Column("project_id", Integer, _parent("projects"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("level1_code", String),
    Column("level1_name", String, nullable=False),
    Column("level2_code", String),
    Column("level2_name", String, nullable=False),
    Column("name", Text, nullable=False),
    *_target("cycle"),
    *_target("annual"),
    *_extras(INDICATOR_EXTRAS),  # revision 0005
    Column("uid", String(36)),  # revision 0006: the indicator's stable id (UUID)
    Index("ix_indicators_uid", "uid", unique=True),
    Index("ix_indicators_project", "project_id", "position"),
    Index("ix_indicators_document", "document_id"),
)

# -- revision 0002: stored review findings ---------------------------------------------------
findings = Table(
    "findings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, _parent("documents"), nullable=False),
    Column("project_id", Integer, _parent("projects")),  # NULL: about no single project
    Column("indicator_id", Integer, _parent("indicators")),  # NULL: about no single indicator
    Column("rule", String, nullable=False),
    Column("severity", String, nullable=False),  # error, warning, info
    Column("dimension", String, nullable=False),
    Column("unit_name", String),  # the finding's own unit, project and indicator seq, as written
    Column("project_name", String),
    Column("indicator_seq", Integer),
    Column("field", String),
    Column("message", Text, nullable=False),
    Column("evidence", Text),
    Column("project_uid", String(36)),  # revision 0006: the ids the finding names
    Column("indicator_uid", String(36)),
    Index("ix_findings_project", "project_id", "severity"),
    Index("ix_findings_document_rule", "document_id", "rule"),
    Index("ix_findings_severity", "severity", "document_id"),
    Index("ix_findings_indicator", "indicator_id"),
)
"""One row per :class:`~jixiao.review.Finding`, in review order (``id``)."""

reviews = Table(
    "reviews",
    metadata,
    Column("document_id", Integer, _parent("documents"), primary_key=True),
    Column("ruleset", String),  # the ruleset's name, where known
    Column("reviewed_at", String, nullable=False),  # ISO 8601, UTC
    Column("findings", Integer, nullable=False),
)
"""Which documents were reviewed (a document without a row here was stored unreviewed)."""

# -- revision 0004 ----------------------------------------------------------------------------
document_counts = Table(
    "document_counts",
    metadata,
    Column("document_id", Integer, _parent("documents"), primary_key=True),
    Column("units", Integer, nullable=False),
    Column("projects", Integer, nullable=False),
    Column("indicators", Integer, nullable=False),
)
"""The sizes of each document, written with it (listings of every document read these)."""

# -- revision 0006: versions, the org tree, accounts, sessions, tokens, settings, audit ------
document_versions = Table(
    "document_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, _parent("documents"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", String, nullable=False),  # ISO 8601, UTC
    Column("created_by", String, nullable=False),  # who made this version
    Column("reason", Text, nullable=False),  # why
    Column("source_name", String),
    Column("sha256", String, nullable=False),
    # The version as interchange JSON once a later one replaced it; NULL for the current
    # version, whose content is the rows of units, projects and indicators.
    Column("content", Text),
    Index("ux_document_versions", "document_id", "version", unique=True),
)
"""Every version of every document: who made it, when and why; earlier ones readable."""

# -- revision 0009: versions kept per project ----------------------------------------------
project_versions = Table(
    "project_versions",
    metadata,
    Column("document_id", Integer, _parent("documents"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("project_uid", String, nullable=False),
    # the project as interchange JSON as it was at ``version`` (an edit of it made the next)
    Column("content", Text, nullable=False),
    Index("ux_project_versions", "document_id", "version", "project_uid", unique=True),
)
"""A version superseded by an edit of one project (or by a change of state) keeps no whole
copy (``document_versions.content`` stays NULL): it is the next version with the projects
kept here for it put back (see :func:`jixiao.store.versions.version_content`)."""

orgs = Table(
    "orgs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("kind", String, nullable=False),  # finance (财政), department (主管部门), unit (单位)
    Column("parent_id", Integer, ForeignKey("orgs.id")),
    Index("ux_orgs_parent_name", "parent_id", "name", unique=True),
)
"""The org tree 单位 → 主管部门 → 财政 that scopes what an account sees."""

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String, nullable=False, unique=True),
    Column("display_name", String, nullable=False),
    Column("org_id", Integer, ForeignKey("orgs.id")),
    Column("password_hash", String, nullable=False),  # argon2id (PHC string)
    Column("password_changed_at", String, nullable=False),
    Column("must_change_password", Boolean, nullable=False, server_default=false()),
    Column("active", Boolean, nullable=False),
    Column("failed_logins", Integer, nullable=False, server_default="0"),
    Column("first_failure_at", String),
    Column("locked_until", String),
    Column("totp_secret", String),  # base32; NULL: no second factor
    Column("created_at", String, nullable=False),
    Column("created_by", String, nullable=False),
    Column("last_login_at", String),
    Column("expires_at", String),  # the account's own expiry; NULL: none
)

user_roles = Table(
    "user_roles",
    metadata,
    Column("user_id", Integer, _parent("users"), primary_key=True),
    Column("role", String, primary_key=True),
)

user_scopes = Table(
    "user_scopes",
    metadata,
    Column("user_id", Integer, _parent("users"), primary_key=True),
    Column("org_id", Integer, _parent("orgs"), primary_key=True),
)
"""Departments assigned to a 财政审核 account (none: every department)."""

password_history = Table(
    "password_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, _parent("users"), nullable=False),
    Column("password_hash", String, nullable=False),
    Column("changed_at", String, nullable=False),
    Index("ix_password_history_user", "user_id", "id"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String, primary_key=True),  # sha256 of the cookie; never the cookie
    Column("user_id", Integer, _parent("users"), nullable=False),
    Column("created_at", String, nullable=False),
    Column("last_seen_at", String, nullable=False),
    Column("address", String),
    Column("second_factor", Boolean, nullable=False, server_default=false()),
    Index("ix_sessions_user", "user_id"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, _parent("users"), nullable=False),
    Column("name", String, nullable=False),
    Column("token_hash", String, nullable=False, unique=True),  # sha256; never the token
    Column("prefix", String, nullable=False),  # the first characters, to recognise it
    Column("created_at", String, nullable=False),
    Column("expires_at", String, nullable=False),
    Column("revoked_at", String),
    Column("last_used_at", String),
)

address_failures = Table(
    "address_failures",
    metadata,
    Column("address", String, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("first_failure_at", String, nullable=False),
    Column("locked_until", String),
)
"""Failed logins per source address (the lockout counts them apart from the account's)."""

settings = Table(
    "settings",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),  # JSON
    Column("updated_at", String, nullable=False),
    Column("updated_by", String, nullable=False),
)
"""Settings changed at run time (password policy, sessions): over data/security.toml."""

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String, nullable=False),  # ISO 8601, UTC, microseconds
    Column("actor", String, nullable=False),  # user name; 匿名; 命令行:<OS user>
    Column("role", String, nullable=False),
    Column("address", String, nullable=False),
    Column("event", String, nullable=False),
    Column("object", String, nullable=False),
    Column("result", String, nullable=False),  # 成功, 失败
    Column("detail", Text, nullable=False),  # JSON: before / after, reasons
    Column("prev_hash", String, nullable=False),
    Column("hash", String, nullable=False),
    Index("ix_audit_log_at", "at"),
    Index("ix_audit_log_actor", "actor", "id"),
    Index("ix_audit_log_event", "event", "id"),
)
"""Append-only, hash-chained (see :mod:`jixiao.store.audit`)."""


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
    Column("task_id", Integer, _parent("tasks"), nullable=False),
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
    Column("report_id", Integer, _parent("task_reports"), primary_key=True),
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
    Column("report_id", Integer, _parent("task_reports"), nullable=False),
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

# The search index (revision 0003), ``search_text``, is not in ``metadata``: on SQLite it is an
# FTS5 virtual table. See :mod:`jixiao.store.search`.
