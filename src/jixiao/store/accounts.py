"""Rows of accounts: the org tree, users with their roles and scopes, password history,
sessions, API tokens, failed logins per address, run-time settings; and the visibility
queries that turn an account's org scope into the documents and units it may read.

Plain functions on a :class:`~sqlalchemy.Connection` (inside the caller's transaction);
the orchestration — hashing, lockout, audit records — is :mod:`jixiao.services.accounts`.
Sessions and tokens are stored as the sha256 of the secret, never the secret.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    bindparam,
    delete,
    insert,
    null,
    select,
    union_all,
    update,
)

from ..services.accounts import org_path
from ..services.actor import Actor
from ..services.audit import AuditFilter, AuditRecord
from . import audit
from .queries import live
from .schema import (
    address_failures,
    api_tokens,
    documents,
    orgs,
    password_history,
    projects,
    sessions,
    settings,
    units,
    user_roles,
    user_scopes,
    users,
)

ORG_KINDS = {"finance": "财政", "department": "主管部门", "unit": "单位"}


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    username: str
    display_name: str
    org_id: int | None
    password_hash: str
    password_changed_at: str
    must_change_password: bool
    active: bool
    failed_logins: int
    first_failure_at: str | None
    locked_until: str | None
    totp_secret: str | None
    created_at: str
    created_by: str
    last_login_at: str | None
    expires_at: str | None
    roles: frozenset[str] = frozenset()
    scopes: frozenset[int] = frozenset()


_USER_COLUMNS = [users.c[f] for f in UserRow.__slots__ if f not in ("roles", "scopes")]


# -- the org tree --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OrgRow:
    id: int
    name: str
    kind: str
    parent_id: int | None


# -- sessions and tokens ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SessionRow:
    token_hash: str
    user_id: int
    created_at: str
    last_seen_at: str
    address: str | None
    second_factor: bool


# -- API tokens ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TokenRow:
    id: int
    user_id: int
    name: str
    prefix: str
    created_at: str
    expires_at: str
    revoked_at: str | None
    last_used_at: str | None


_TOKEN_COLUMNS = [api_tokens.c[f] for f in TokenRow.__slots__]


def _subtree() -> Select[Any]:
    o = orgs.c
    tree = select(o.id).where(o.id.in_(bindparam("roots", expanding=True)))
    cte = tree.cte("tree", recursive=True)
    cte = cte.union(select(o.id).join(cte, o.parent_id == cte.c.id))
    return select(cte.c.id)


_SUBTREE = _subtree()
"""The org nodes under some (``roots``), built once: every scoped request asks it."""
_ROLES_AND_SCOPES = union_all(
    select(user_roles.c.role, null().label("org_id")).where(
        user_roles.c.user_id == bindparam("user")
    ),
    select(null(), user_scopes.c.org_id).where(user_scopes.c.user_id == bindparam("user")),
)
_SESSION_USER = (
    select(
        *(c.label(f"session_{c.name}") for c in (
            sessions.c.token_hash, sessions.c.user_id, sessions.c.created_at,
            sessions.c.last_seen_at, sessions.c.address, sessions.c.second_factor)),
        *_USER_COLUMNS,
    )
    .join_from(sessions, users, users.c.id == sessions.c.user_id, isouter=True)
    .where(sessions.c.token_hash == bindparam("token"))
)  # fmt: skip
"""A session and its account (every signed-in request reads them), built once."""
_DOCUMENTS_IN = select(documents.c.id).where(
    live(), documents.c.org_id.in_(bindparam("orgs", expanding=True))
)
_UNITS_IN = (
    select(units.c.id, units.c.document_id)
    .join(documents, documents.c.id == units.c.document_id)
    .where(live(), units.c.org_id.in_(bindparam("orgs", expanding=True)))
)
_PROJECT_PLACE = select(projects.c.document_id, projects.c.unit_id).where(
    projects.c.uid == bindparam("uid")
)
"""What a scope reaches (every scoped request asks), built once."""


class AccountRows:
    """The account rows of one connection (a transaction's, or a read connection)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def audit(
        self,
        actor: Actor,
        event: str,
        obj: str,
        result: str = "成功",
        detail: dict[str, Any] | None = None,
    ) -> int:
        """Append an audit record in this transaction (see :mod:`.audit`)."""
        return audit.append(self.conn, actor, event, obj, result, detail)

    def _user(self, row: Any) -> UserRow:
        # roles and scopes in one statement: every signed-in request reads its account
        pairs = self.conn.execute(_ROLES_AND_SCOPES, {"user": int(row.id)}).all()
        roles = frozenset(r[0] for r in pairs if r[0] is not None)
        scopes = frozenset(int(r[1]) for r in pairs if r[1] is not None)
        values = {c.name: getattr(row, c.name) for c in _USER_COLUMNS}
        values["must_change_password"] = bool(values["must_change_password"])
        values["active"] = bool(values["active"])
        return UserRow(**values, roles=roles, scopes=scopes)

    def user_by_name(self, username: str) -> UserRow | None:
        row = self.conn.execute(select(*_USER_COLUMNS).where(users.c.username == username)).first()
        return None if row is None else self._user(row)

    def user_by_id(self, user_id: int) -> UserRow | None:
        row = self.conn.execute(select(*_USER_COLUMNS).where(users.c.id == user_id)).first()
        return None if row is None else self._user(row)

    def list_users(self) -> list[UserRow]:
        rows = self.conn.execute(select(*_USER_COLUMNS).order_by(users.c.username)).all()
        return [self._user(r) for r in rows]

    def count_users(self, role: str | None = None) -> int:
        query = select(users.c.id)
        if role is not None:
            query = query.join(user_roles, user_roles.c.user_id == users.c.id).where(
                user_roles.c.role == role, users.c.active.is_(True)
            )
        return len(self.conn.scalars(query).all())

    def insert_user(self, **values: Any) -> int:
        return int(
            self.conn.execute(insert(users).values(**values).returning(users.c.id)).scalar_one()
        )

    def update_user(self, user_id: int, **values: Any) -> None:
        self.conn.execute(update(users).where(users.c.id == user_id).values(**values))

    def set_roles(self, user_id: int, roles: Iterable[str]) -> None:
        self.conn.execute(delete(user_roles).where(user_roles.c.user_id == user_id))
        rows = [{"user_id": user_id, "role": r} for r in sorted(set(roles))]
        if rows:
            self.conn.execute(insert(user_roles), rows)

    def set_scopes(self, user_id: int, org_ids: Iterable[int]) -> None:
        self.conn.execute(delete(user_scopes).where(user_scopes.c.user_id == user_id))
        rows = [{"user_id": user_id, "org_id": o} for o in sorted(set(org_ids))]
        if rows:
            self.conn.execute(insert(user_scopes), rows)

    def add_password(self, user_id: int, password_hash: str, at: str) -> None:
        self.conn.execute(
            insert(password_history).values(
                user_id=user_id, password_hash=password_hash, changed_at=at
            )
        )

    def recent_passwords(self, user_id: int, count: int) -> list[str]:
        h = password_history.c
        query = (
            select(h.password_hash).where(h.user_id == user_id).order_by(h.id.desc()).limit(count)
        )
        return list(self.conn.scalars(query))

    def all_orgs(self) -> list[OrgRow]:
        o = orgs.c
        return [
            OrgRow(*r)
            for r in self.conn.execute(select(o.id, o.name, o.kind, o.parent_id).order_by(o.id))
        ]

    def find_org(self, path: str) -> int | None:
        """The node named by ``path`` (``部门/单位``, ``财政/部门``, or a unique name)."""
        tree = {o.id: o for o in self.all_orgs()}
        wanted = [p for p in path.strip().strip("/").split("/") if p]
        if not wanted:
            return None
        paths = {o.id: org_path(tree, o.id).split("/") for o in tree.values()}
        matches = [i for i, parts in paths.items() if parts[-len(wanted) :] == wanted]
        if not matches:
            return None
        top = min(len(paths[i]) for i in matches)  # a department before its same-named unit
        highest = [i for i in matches if len(paths[i]) == top]
        return highest[0] if len(highest) == 1 else None

    def ensure_org(self, name: str, kind: str, parent_id: int | None) -> int:
        o = orgs.c
        where = o.parent_id.is_(None) if parent_id is None else o.parent_id == parent_id
        found = self.conn.scalar(select(o.id).where(where, o.name == name))
        if found is not None:
            return int(found)
        return int(
            self.conn.execute(
                insert(orgs).values(name=name, kind=kind, parent_id=parent_id).returning(o.id)
            ).scalar_one()
        )

    def subtree(self, roots: Iterable[int]) -> frozenset[int]:
        """``roots`` and every node under them (one recursive query: the tree of a province
        has tens of thousands of nodes, too many to walk in Python per request)."""
        wanted = sorted(set(roots))
        if not wanted:
            return frozenset()
        return frozenset(int(x) for x in self.conn.scalars(_SUBTREE, {"roots": wanted}))

    def top_orgs(self) -> frozenset[int]:
        """The nodes at the top of the tree (the finance bureau)."""
        return frozenset(int(x) for x in self.conn.scalars(select(orgs.c.id).where(
            orgs.c.parent_id.is_(None))))  # fmt: skip

    def live_documents(self) -> frozenset[int]:
        """Every document not deleted."""
        return frozenset(int(x) for x in self.conn.scalars(select(documents.c.id).where(live())))

    def published_documents(self) -> frozenset[int]:
        d = documents.c
        return frozenset(
            int(x) for x in self.conn.scalars(select(d.id).where(live(), d.status == "published"))
        )

    def documents_in(self, org_ids: Iterable[int]) -> frozenset[int]:
        wanted = sorted(set(org_ids))
        if not wanted:
            return frozenset()
        return frozenset(int(x) for x in self.conn.scalars(_DOCUMENTS_IN, {"orgs": wanted}))

    def units_in(
        self, org_ids: Iterable[int], besides: frozenset[int] = frozenset()
    ) -> frozenset[int]:
        """The units placed at ``org_ids`` in live documents other than ``besides`` (those
        read whole already: naming their units too would only lengthen every filter)."""
        wanted = sorted(set(org_ids))
        if not wanted:
            return frozenset()
        found = self.conn.execute(_UNITS_IN, {"orgs": wanted})
        return frozenset(int(u) for u, d in found if d not in besides)

    def project_place(self, project_uid: str) -> tuple[int, int] | None:
        """(document id, unit row id) of a project by its stable id."""
        row = self.conn.execute(_PROJECT_PLACE, {"uid": project_uid}).first()
        return None if row is None else (int(row[0]), int(row[1]))

    def project_reach(self, project_uid: str) -> tuple[bool, str, int | None, int | None] | None:
        """Whether the project's document is live, its status, and the org nodes of its
        document and unit, in one statement (what deciding whether one may read it needs)."""
        d, u, p = documents.c, units.c, projects.c
        row = self.conn.execute(
            select(d.deleted_at.is_(None), d.status, d.org_id, u.org_id)
            .select_from(projects)
            .join(documents, d.id == p.document_id)
            .join(units, u.id == p.unit_id)
            .where(p.uid == project_uid)
        ).first()
        return None if row is None else (bool(row[0]), str(row[1]), row[2], row[3])

    def insert_session(self, **values: Any) -> None:
        self.conn.execute(insert(sessions).values(**values))

    def session_user(self, token_hash: str) -> tuple[SessionRow, UserRow | None] | None:
        """The session ``token_hash`` and its account, read together (every signed-in
        request does)."""
        row = self.conn.execute(_SESSION_USER, {"token": token_hash}).first()
        if row is None:
            return None
        found = SessionRow(row[0], row[1], row[2], row[3], row[4], bool(row[5]))
        return found, None if row.id is None else self._user(row)

    def session(self, token_hash: str) -> SessionRow | None:
        s = sessions.c
        row = self.conn.execute(
            select(s.token_hash, s.user_id, s.created_at, s.last_seen_at, s.address,
                   s.second_factor).where(s.token_hash == token_hash)
        ).first()  # fmt: skip
        return None if row is None else SessionRow(*row[:5], bool(row[5]))

    def touch_session(self, token_hash: str, at: str) -> None:
        self.conn.execute(
            update(sessions).where(sessions.c.token_hash == token_hash).values(last_seen_at=at)
        )

    def delete_session(self, token_hash: str) -> int:
        return self.conn.execute(
            delete(sessions).where(sessions.c.token_hash == token_hash)
        ).rowcount

    def delete_sessions_of(self, user_id: int, keep: str | None = None) -> int:
        query = delete(sessions).where(sessions.c.user_id == user_id)
        if keep is not None:
            query = query.where(sessions.c.token_hash != keep)
        return self.conn.execute(query).rowcount

    def insert_token(self, **values: Any) -> int:
        return int(
            self.conn.execute(
                insert(api_tokens).values(**values).returning(api_tokens.c.id)
            ).scalar_one()
        )

    def token_by_hash(self, token_hash: str) -> TokenRow | None:
        row = self.conn.execute(
            select(*_TOKEN_COLUMNS).where(api_tokens.c.token_hash == token_hash)
        ).first()
        return None if row is None else TokenRow(*row)

    def tokens_of(self, user_id: int) -> list[TokenRow]:
        t = api_tokens.c
        rows = self.conn.execute(
            select(*_TOKEN_COLUMNS).where(t.user_id == user_id).order_by(t.id.desc())
        )
        return [TokenRow(*r) for r in rows]

    def update_token(self, token_id: int, **values: Any) -> None:
        self.conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(**values))

    def address_state(self, address: str) -> tuple[int, str, str | None] | None:
        a = address_failures.c
        row = self.conn.execute(
            select(a.failures, a.first_failure_at, a.locked_until).where(a.address == address)
        ).first()
        return None if row is None else (int(row[0]), str(row[1]), row[2])

    def set_address_state(
        self, address: str, failures: int, first: str, locked_until: str | None
    ) -> None:
        a = address_failures.c
        values = {"failures": failures, "first_failure_at": first, "locked_until": locked_until}
        if self.conn.execute(
            update(address_failures).where(a.address == address).values(**values)
        ).rowcount:
            return
        self.conn.execute(insert(address_failures).values(address=address, **values))

    def clear_address(self, address: str) -> None:
        self.conn.execute(delete(address_failures).where(address_failures.c.address == address))

    def read_settings(self, prefix: str) -> dict[str, Any]:
        s = settings.c
        rows = self.conn.execute(select(s.key, s.value).where(s.key.startswith(prefix)))
        return {str(k)[len(prefix) :]: json.loads(v) for k, v in rows}

    def write_setting(self, key: str, value: Any, at: str, by: str) -> None:
        s = settings.c
        values = {
            "value": json.dumps(value, ensure_ascii=False),
            "updated_at": at,
            "updated_by": by,
        }
        if self.conn.execute(update(settings).where(s.key == key).values(**values)).rowcount:
            return
        self.conn.execute(insert(settings).values(key=key, **values))

    # -- the audit log (read by the 审计管理员) -------------------------------------------------
    def audit_page(self, where: AuditFilter) -> tuple[list[AuditRecord], int]:
        return audit.query(self.conn, where)

    def audit_all(self, where: AuditFilter) -> list[AuditRecord]:
        return list(audit.iterate(self.conn, where))

    def audit_events(self) -> list[str]:
        return audit.events(self.conn)
