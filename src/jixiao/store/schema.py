"""The tables of the store.

Plain tables with readable names (``documents``, ``units``, ``projects``, ``indicators``,
``meta``), so ``datasette jixiao.db`` or ``psql`` show them as they are. Children carry their
``position`` (order in the table as written) and a ``FOREIGN KEY … ON DELETE CASCADE``;
``projects`` and ``indicators`` also carry ``document_id`` so a document is read back, counted
or deleted without joins. The lifecycle's tables (workflow, tasks) are in
:mod:`.lifecycle_schema`, the column shapes all share in :mod:`.columns`; importing this module
registers every table on :data:`metadata`.

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

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    false,
)

from ..model import INDICATOR_EXTRAS, PROJECT_EXTRAS
from . import lifecycle_schema  # noqa: F401  (registers the lifecycle tables on metadata)
from .columns import execution, extras, funds, parent, target
from .columns import metadata as metadata  # every table's, once this module is imported

SCHEMA_VERSION = 9
"""The version of the tables below, kept in ``meta.schema_version`` by every migration (so an
older jixiao, which reads only that, refuses a database it cannot keep in step); it equals
the number of the head revision in :mod:`jixiao.store.migrations`."""

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
    *funds(),
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
    Column("document_id", Integer, parent("documents"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", String, nullable=False),
    *funds(),
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
    Column("document_id", Integer, parent("documents"), nullable=False),
    Column("unit_id", Integer, parent("units"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", String, nullable=False),
    *funds(),
    Column("goal", Text, nullable=False),
    *extras(PROJECT_EXTRAS),  # revision 0005
    *execution(),
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
    Column("document_id", Integer, parent("documents"), nullable=False),
    Column("project_id", Integer, parent("projects"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("level1_code", String),
    Column("level1_name", String, nullable=False),
    Column("level2_code", String),
    Column("level2_name", String, nullable=False),
    Column("name", Text, nullable=False),
    *target("cycle"),
    *target("annual"),
    *extras(INDICATOR_EXTRAS),  # revision 0005
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
    Column("document_id", Integer, parent("documents"), nullable=False),
    Column("project_id", Integer, parent("projects")),  # NULL: about no single project
    Column("indicator_id", Integer, parent("indicators")),  # NULL: about no single indicator
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
    Column("document_id", Integer, parent("documents"), primary_key=True),
    Column("ruleset", String),  # the ruleset's name, where known
    Column("reviewed_at", String, nullable=False),  # ISO 8601, UTC
    Column("findings", Integer, nullable=False),
)
"""Which documents were reviewed (a document without a row here was stored unreviewed)."""

# -- revision 0004 ----------------------------------------------------------------------------
document_counts = Table(
    "document_counts",
    metadata,
    Column("document_id", Integer, parent("documents"), primary_key=True),
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
    Column("document_id", Integer, parent("documents"), nullable=False),
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
    Column("document_id", Integer, parent("documents"), nullable=False),
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
    Column("user_id", Integer, parent("users"), primary_key=True),
    Column("role", String, primary_key=True),
)

user_scopes = Table(
    "user_scopes",
    metadata,
    Column("user_id", Integer, parent("users"), primary_key=True),
    Column("org_id", Integer, parent("orgs"), primary_key=True),
)
"""Departments assigned to a 财政审核 account (none: every department)."""

password_history = Table(
    "password_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, parent("users"), nullable=False),
    Column("password_hash", String, nullable=False),
    Column("changed_at", String, nullable=False),
    Index("ix_password_history_user", "user_id", "id"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String, primary_key=True),  # sha256 of the cookie; never the cookie
    Column("user_id", Integer, parent("users"), nullable=False),
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
    Column("user_id", Integer, parent("users"), nullable=False),
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


# The search index (revision 0003), ``search_text``, is not in ``metadata``: on SQLite it is an
# FTS5 virtual table. See :mod:`jixiao.store.search`.
