"""Identity, versions, accounts and audit: stable ids (``uid``) of units, projects and
indicators (and the ids findings name); a document's version number, state (draft,
published), owner in the org tree and soft delete, with ``document_versions``; the org tree,
accounts, roles, scopes, password history, sessions, API tokens, failed logins per address,
settings and the hash-chained audit log.

Rows already stored get ids derived from their document's sha256 and positions, exactly as
reading the same file again would give (:func:`jixiao.model.assign_ids`); their documents
are published (they were public before accounts existed) at version 1, and the org tree gets
one node per department and unit found. On PostgreSQL a trigger refuses UPDATE and DELETE
of audit rows.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.model import stable_id

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ROOT = "财政"


def _parent(table: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id", ondelete="CASCADE")


def _columns() -> dict[str, list[sa.Column[object]]]:
    return {
        "documents": [
            sa.Column("version", sa.Integer, nullable=False, server_default="1"),
            sa.Column("status", sa.String, nullable=False, server_default="draft"),
            sa.Column("org_id", sa.Integer),
            sa.Column("updated_at", sa.String),
            sa.Column("updated_by", sa.String),
            sa.Column("deleted_at", sa.String),
            sa.Column("deleted_by", sa.String),
        ],
        "units": [sa.Column("uid", sa.String(36)), sa.Column("org_id", sa.Integer)],
        "projects": [sa.Column("uid", sa.String(36))],
        "indicators": [sa.Column("uid", sa.String(36))],
        "findings": [
            sa.Column("project_uid", sa.String(36)),
            sa.Column("indicator_uid", sa.String(36)),
        ],
    }


def _tables() -> None:
    op.create_table(
        "document_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, _parent("documents"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("created_by", sa.String, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("source_name", sa.String),
        sa.Column("sha256", sa.String, nullable=False),
        sa.Column("content", sa.Text),
    )
    op.create_index(
        "ux_document_versions", "document_versions", ["document_id", "version"], unique=True
    )
    op.create_table(
        "orgs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("orgs.id")),
    )
    op.create_index("ux_orgs_parent_name", "orgs", ["parent_id", "name"], unique=True)
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String, nullable=False, unique=True),
        sa.Column("display_name", sa.String, nullable=False),
        sa.Column("org_id", sa.Integer, sa.ForeignKey("orgs.id")),
        sa.Column("password_hash", sa.String, nullable=False),
        sa.Column("password_changed_at", sa.String, nullable=False),
        sa.Column("must_change_password", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
        sa.Column("first_failure_at", sa.String),
        sa.Column("locked_until", sa.String),
        sa.Column("totp_secret", sa.String),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("created_by", sa.String, nullable=False),
        sa.Column("last_login_at", sa.String),
        sa.Column("expires_at", sa.String),
    )
    op.create_table(
        "user_roles",
        sa.Column("user_id", sa.Integer, _parent("users"), primary_key=True),
        sa.Column("role", sa.String, primary_key=True),
    )
    op.create_table(
        "user_scopes",
        sa.Column("user_id", sa.Integer, _parent("users"), primary_key=True),
        sa.Column("org_id", sa.Integer, _parent("orgs"), primary_key=True),
    )
    op.create_table(
        "password_history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, _parent("users"), nullable=False),
        sa.Column("password_hash", sa.String, nullable=False),
        sa.Column("changed_at", sa.String, nullable=False),
    )
    op.create_index("ix_password_history_user", "password_history", ["user_id", "id"])
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String, primary_key=True),
        sa.Column("user_id", sa.Integer, _parent("users"), nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("last_seen_at", sa.String, nullable=False),
        sa.Column("address", sa.String),
        sa.Column("second_factor", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_sessions_user", "sessions", ["user_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, _parent("users"), nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("token_hash", sa.String, nullable=False, unique=True),
        sa.Column("prefix", sa.String, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("expires_at", sa.String, nullable=False),
        sa.Column("revoked_at", sa.String),
        sa.Column("last_used_at", sa.String),
    )
    op.create_table(
        "address_failures",
        sa.Column("address", sa.String, primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("first_failure_at", sa.String, nullable=False),
        sa.Column("locked_until", sa.String),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.Column("updated_by", sa.String, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.String, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("address", sa.String, nullable=False),
        sa.Column("event", sa.String, nullable=False),
        sa.Column("object", sa.String, nullable=False),
        sa.Column("result", sa.String, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String, nullable=False),
        sa.Column("hash", sa.String, nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_actor", "audit_log", ["actor", "id"])
    op.create_index("ix_audit_log_event", "audit_log", ["event", "id"])


PG_TRIGGER = """
CREATE FUNCTION jixiao_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION jixiao_audit_append_only();
"""


def _backfill(conn: sa.Connection) -> None:
    """Ids from each document's sha256 and positions; versions, states and the org tree."""
    docs = conn.execute(
        sa.text("SELECT id, source_sha256, department, ingested_at, source_name FROM documents")
    ).all()
    sha = {d[0]: d[1] for d in docs}
    unit_pos: dict[int, tuple[int, int]] = {}
    rows = []
    for uid, doc_id, pos in conn.execute(sa.text("SELECT id, document_id, position FROM units")):
        unit_pos[uid] = (doc_id, pos)
        rows.append({"i": uid, "u": stable_id(sha[doc_id], "u", pos)})
    if rows:
        conn.execute(sa.text("UPDATE units SET uid = :u WHERE id = :i"), rows)
    project_pos: dict[int, tuple[int, int, int]] = {}
    rows = []
    for pid, unit_id, pos in conn.execute(sa.text("SELECT id, unit_id, position FROM projects")):
        doc_id, u_pos = unit_pos[unit_id]
        project_pos[pid] = (doc_id, u_pos, pos)
        rows.append({"i": pid, "u": stable_id(sha[doc_id], "p", u_pos, pos)})
    if rows:
        conn.execute(sa.text("UPDATE projects SET uid = :u WHERE id = :i"), rows)
    rows = []
    for iid, pid, pos in conn.execute(sa.text("SELECT id, project_id, position FROM indicators")):
        doc_id, u_pos, p_pos = project_pos[pid]
        rows.append({"i": iid, "u": stable_id(sha[doc_id], "i", u_pos, p_pos, pos)})
        if len(rows) >= 50_000:
            conn.execute(sa.text("UPDATE indicators SET uid = :u WHERE id = :i"), rows)
            rows = []
    if rows:
        conn.execute(sa.text("UPDATE indicators SET uid = :u WHERE id = :i"), rows)
    conn.execute(
        sa.text(
            "UPDATE findings SET project_uid ="
            " (SELECT uid FROM projects p WHERE p.id = findings.project_id),"
            " indicator_uid = (SELECT uid FROM indicators i WHERE i.id = findings.indicator_id)"
        )
    )
    if not docs:
        return
    conn.execute(
        sa.text(
            "UPDATE documents SET status = 'published', updated_at = ingested_at,"
            " updated_by = '迁移'"
        )
    )
    conn.execute(
        sa.text(
            "INSERT INTO document_versions (document_id, version, created_at, created_by, reason,"
            " source_name, sha256) SELECT id, 1, ingested_at, '迁移', '升级前已入库', source_name,"
            " source_sha256 FROM documents"
        )
    )
    orgs = sa.table(
        "orgs", sa.column("id"), sa.column("name"), sa.column("kind"), sa.column("parent_id")
    )
    root = conn.execute(
        sa.insert(orgs).values(name=ROOT, kind="finance", parent_id=None).returning(orgs.c.id)
    ).scalar_one()
    departments: dict[str, int] = {}
    for doc_id, _, department, _, _ in docs:
        if department not in departments:
            departments[department] = conn.execute(
                sa.insert(orgs)
                .values(name=department, kind="department", parent_id=root)
                .returning(orgs.c.id)
            ).scalar_one()
        conn.execute(
            sa.text("UPDATE documents SET org_id = :o WHERE id = :i"),
            {"o": departments[department], "i": doc_id},
        )
    seen: dict[tuple[int, str], int] = {}
    for unit_id, name, department in conn.execute(
        sa.text(
            "SELECT u.id, u.name, d.department FROM units u"
            " JOIN documents d ON d.id = u.document_id"
        )
    ).all():
        parent = departments[department]
        if (parent, name) not in seen:
            seen[parent, name] = conn.execute(
                sa.insert(orgs)
                .values(name=name, kind="unit", parent_id=parent)
                .returning(orgs.c.id)
            ).scalar_one()
        conn.execute(
            sa.text("UPDATE units SET org_id = :o WHERE id = :i"),
            {"o": seen[parent, name], "i": unit_id},
        )


def upgrade() -> None:
    _tables()
    for table, added in _columns().items():
        for column in added:
            op.add_column(table, column)
    conn = op.get_bind()
    _backfill(conn)
    op.create_index("ix_units_uid", "units", ["uid"], unique=True)
    op.create_index("ix_projects_uid", "projects", ["uid"], unique=True)
    op.create_index("ix_indicators_uid", "indicators", ["uid"], unique=True)
    if conn.dialect.name == "postgresql":
        op.execute(PG_TRIGGER)
    op.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS jixiao_audit_append_only()")
    for name in ("ix_units_uid", "ix_projects_uid", "ix_indicators_uid"):
        op.drop_index(name)
    for table, added in _columns().items():
        for column in reversed(added):
            op.drop_column(table, column.name)
    for table in (
        "audit_log", "settings", "address_failures", "api_tokens", "sessions",
        "password_history", "user_scopes", "user_roles", "users", "orgs", "document_versions",
    ):  # fmt: skip
        op.drop_table(table)
    op.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
