"""Accounts: sign-in with lockout, sessions with idle and absolute timeouts, passwords under
the policy, the second factor checked at sign-in, roles and scopes, the first 系统管理员;
every event written to the audit log in the transaction that makes it. Turning the second
factor on and API tokens are :mod:`.credentials`; what a principal may read, :mod:`.reading`.

``repo`` is the store (anything with ``accounts(write=…)`` yielding account rows, see
:class:`jixiao.store.accounts.AccountRows`). Secrets never leave this module in clear except
once, to the caller that asked for them (a new session cookie, a new API token); the store
keeps their sha256 (sessions, tokens) or argon2id hash (passwords).

TOTP is :mod:`pyotp` (RFC 6238, 30-second steps, 6 digits, one step of clock drift): small,
maintained, and what every authenticator app expects; hand-writing HMAC truncation buys
nothing.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Collection, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import AuthError, InputError, NotFoundError, PermissionDenied
from .actor import Actor
from .policy import Policy, check_roles, password_problems, tunable, with_overrides

HASHER = PasswordHasher()  # argon2id with argon2-cffi's RFC 9106 low-memory defaults
_DUMMY = HASHER.hash("jixiao: a password nobody has")  # same work for unknown user names
USERNAME = re.compile(r"^[\w.@-]{2,64}$")
SETTINGS_PREFIX = "security."
TOKEN_PREFIX = "jx_"

SYSTEM_ADMIN = "system_admin"


class AccountRepo(Protocol):
    def accounts(self, *, write: bool = False) -> AbstractContextManager[Any]: ...


def now_utc() -> datetime:
    return datetime.now(UTC)


def stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds")


def parse(text: str | None) -> datetime | None:
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def digest(secret: str) -> str:
    """How a session cookie or an API token is stored: its sha256 (never the secret)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def org_path(tree: Mapping[int, Any], org_id: int | None) -> str:
    """``财政/部门/单位`` of a node of the org tree (``tree``: nodes by id, each with ``name``
    and ``parent_id``; ``""``: none)."""
    parts: list[str] = []
    seen: set[int] = set()
    while org_id is not None and org_id in tree and org_id not in seen:
        seen.add(org_id)
        parts.append(tree[org_id].name)
        org_id = tree[org_id].parent_id
    return "/".join(reversed(parts))


# -- the policy in force -------------------------------------------------------------------------
def effective_policy(repo: AccountRepo, base: Policy) -> Policy:
    """``base`` with the run-time changes of the 安全管理员 (settings ``security.*``)."""
    with repo.accounts() as rows:
        overrides = rows.read_settings(SETTINGS_PREFIX)
    return with_overrides(base, overrides) if overrides else base


def change_policy(
    repo: AccountRepo, actor: Actor, base: Policy, changes: Mapping[str, Any]
) -> Policy:
    """Change tunable numbers of the policy (``{"password.min_length": 10}``), audited with
    the values before and after; returns the policy now in force."""
    current = effective_policy(repo, base)
    before = tunable(current)
    changed = {k: v for k, v in changes.items() if before.get(k) != v}
    updated = with_overrides(current, changed)  # refuses a bad value before anything is written
    if not changed:
        return updated
    at = stamp(now_utc())
    with repo.accounts(write=True) as rows:
        for key, value in changed.items():
            rows.write_setting(SETTINGS_PREFIX + key, value, at, actor.name)
        old = {k: before[k] for k in changed}
        rows.audit(actor, "安全策略变更", "安全策略", detail={"before": old, "after": changed})
    return updated


# -- who is signed in ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Principal:
    """The actor of a request and what it may do. ``restricted``: the password must be
    changed (set by an administrator, or expired) or a required second factor is not set
    up yet — until then only ``account.self``. ``expires_in``: days until the password
    expires, when within the warning period."""

    actor: Actor
    permissions: frozenset[str]
    display_name: str = ""
    must_change: bool = False
    needs_totp: bool = False
    expires_in: int | None = None
    session: str | None = None  # the session's sha256 (cookie sign-in)
    roots: frozenset[int] = frozenset()  # org tree nodes whose subtrees it may read

    @property
    def signed_in(self) -> bool:
        return self.actor.user_id is not None

    def can(self, permission: str) -> bool:
        return permission in self.permissions


def anonymous_principal(policy: Policy, address: str) -> Principal:
    from .actor import anonymous

    return Principal(anonymous(address), policy.anonymous)


def principal_for(
    policy: Policy, user: Any, address: str, at: datetime, *, session: str | None = None,
    second_factor: bool = False,
) -> Principal:  # fmt: skip
    roles = frozenset(user.roles)
    roots = frozenset(user.scopes) or (
        frozenset({user.org_id}) if user.org_id is not None else frozenset()
    )
    actor = Actor(user.username, roles, user.id, user.org_id, address, frozenset(roots))
    # every account may manage itself and read what a visitor reads, roles or not (an
    # account just made by the 系统管理员 has none until the 安全管理员 grants them)
    permissions = policy.permissions_of(roles) | {"account.self"} | policy.anonymous
    expired, expires_in = _password_age(policy, user, at)
    must_change = bool(user.must_change_password) or expired
    needs_totp = bool(roles & policy.totp.required_for) and not user.totp_secret
    if must_change or needs_totp:
        permissions = (permissions & {"account.self"}) | policy.anonymous
    return Principal(actor, permissions, user.display_name, must_change, needs_totp, expires_in,
                     session, roots)  # fmt: skip


def _password_age(policy: Policy, user: Any, at: datetime) -> tuple[bool, int | None]:
    days = policy.password.max_age_days
    changed = parse(user.password_changed_at)
    if not days or changed is None:
        return False, None
    left = (changed + timedelta(days=days) - at).total_seconds() / 86400
    if left <= 0:
        return True, 0
    return False, int(left) + 1 if left <= policy.password.warn_days else None


def record(
    repo: AccountRepo, actor: Actor, event: str, obj: str, result: str = "成功",
    detail: dict[str, Any] | None = None,
) -> None:  # fmt: skip
    """Audit an event that changes nothing (an export, an audit-log query) in its own
    transaction."""
    with repo.accounts(write=True) as rows:
        rows.audit(actor, event, obj, result, detail)


# -- signing in ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SignedIn:
    cookie: str  # the session secret, for the cookie only
    principal: Principal


def _locked(until: str | None, at: datetime) -> datetime | None:
    value = parse(until)
    return value if value is not None and value > at else None


def _count(failures: int, first: str | None, at: datetime, policy: Policy) -> tuple[int, str]:
    """The failure count after one more failure (older failures forgotten)."""
    start = parse(first)
    if start is None or at - start > timedelta(minutes=policy.lockout.window_minutes):
        return 1, stamp(at)
    return failures + 1, first or stamp(at)


def sign_in(
    repo: AccountRepo,
    policy: Policy,
    username: str,
    password: str,
    address: str,
    *,
    code: str = "",
    at: datetime | None = None,
) -> SignedIn:
    """A new session for ``username``; :class:`AuthError` (audited) for wrong credentials, a
    locked account or address, a disabled or expired account."""
    at = at or now_utc()
    username = username.strip()
    who = Actor(username or "（空）", frozenset(), None, None, address)
    lock = policy.lockout
    failure: tuple[str, str] | None = None  # (reason for the log, message for the user)
    with repo.accounts(write=True) as rows:
        state = rows.address_state(address)
        user = rows.user_by_name(username) if username else None
        if state is not None and (until := _locked(state[2], at)):
            message = _locked_message("来自该地址的登录失败次数过多，该地址已锁定", until)
            failure = ("来源地址已锁定", message)
        elif user is not None and (until := _locked(user.locked_until, at)):
            failure = ("账户已锁定", _locked_message("账户已锁定", until))
        else:
            ok = _verify(user.password_hash if user else _DUMMY, password) and user is not None
            if ok and user is not None and not user.active:
                failure = ("账户已停用", "账户已停用，请联系系统管理员")
            elif ok and user is not None and (expiry := parse(user.expires_at)) and expiry <= at:
                failure = ("账户已过期", "账户已过期，请联系系统管理员")
            elif ok and user is not None and user.totp_secret and not code.strip():
                failure = ("缺少动态口令", "请输入动态口令（身份验证器应用中的 6 位数字）")
            elif ok and user is not None and user.totp_secret and not _totp_ok(user, code):
                ok = False
                failure = ("动态口令错误", "动态口令错误")
            elif not ok:
                failure = ("密码错误" if user else "用户不存在", "用户名或密码错误")
            if not ok:
                _count_failure(rows, policy, who, user, state, address, at)
                assert failure is not None
                failure = (failure[0], f"{failure[1]}（连续 {lock.max_failures} 次错误将锁定 "
                                       f"{lock.lock_minutes} 分钟）")  # fmt: skip
            elif failure is None and user is not None:
                return _open_session(rows, policy, user, address, at)
        assert failure is not None
        rows.audit(who, "登录失败", f"账户 {username}", "失败", detail={"reason": failure[0]})
    raise AuthError(failure[1])


def _locked_message(what: str, until: datetime) -> str:
    local = until.astimezone().strftime("%H:%M")
    return f"{what}，请于 {local} 后再试"


def _verify(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _totp_ok(user: Any, code: str) -> bool:
    import pyotp

    return bool(pyotp.TOTP(user.totp_secret).verify(code.strip(), valid_window=1))


def _count_failure(
    rows: Any, policy: Policy, who: Actor, user: Any, state: Any, address: str, at: datetime
) -> None:
    lock = policy.lockout
    until = stamp(at + timedelta(minutes=lock.lock_minutes))
    if user is not None:
        failures, first = _count(user.failed_logins, user.first_failure_at, at, policy)
        locked = failures >= lock.max_failures
        rows.update_user(user.id, failed_logins=0 if locked else failures, first_failure_at=None
                         if locked else first, locked_until=until if locked else None)  # fmt: skip
        if locked:
            rows.audit(who, "账户锁定", f"账户 {user.username}", "成功",
                       detail={"failures": failures, "until": until})  # fmt: skip
    failures, first = _count(state[0] if state else 0, state[1] if state else None, at, policy)
    locked = failures >= lock.max_failures
    rows.set_address_state(address, 0 if locked else failures, first, until if locked else None)
    if locked:
        rows.audit(who, "地址锁定", f"地址 {address}", "成功",
                   detail={"failures": failures, "until": until})  # fmt: skip


def _open_session(rows: Any, policy: Policy, user: Any, address: str, at: datetime) -> SignedIn:
    secret = secrets.token_urlsafe(32)
    token_hash = digest(secret)
    rows.insert_session(token_hash=token_hash, user_id=user.id, created_at=stamp(at),
                        last_seen_at=stamp(at), address=address,
                        second_factor=bool(user.totp_secret))  # fmt: skip
    rows.update_user(user.id, failed_logins=0, first_failure_at=None, locked_until=None,
                     last_login_at=stamp(at))  # fmt: skip
    rows.clear_address(address)
    principal = principal_for(policy, user, address, at, session=token_hash)
    rows.audit(principal.actor, "登录", f"账户 {user.username}", "成功",
               detail={"second_factor": bool(user.totp_secret)})  # fmt: skip
    return SignedIn(secret, principal)


def session_principal(
    repo: AccountRepo, policy: Policy, secret: str, address: str, *, at: datetime | None = None
) -> Principal | None:
    """Who holds the session ``secret`` (``None``: no such session, or it timed out — a
    timed-out session is deleted and the timeout audited)."""
    at = at or now_utc()
    token_hash = digest(secret)
    with repo.accounts() as rows:
        both = rows.session_user(token_hash)
    if both is None:
        return None
    found, user = both
    created, seen = parse(found.created_at), parse(found.last_seen_at)
    assert created is not None and seen is not None
    reason = None
    if user is None or not user.active:
        reason = "账户已停用"
    elif at - seen > timedelta(minutes=policy.session.idle_minutes):
        reason = "空闲超时"
    elif at - created > timedelta(hours=policy.session.absolute_hours):
        reason = "超过会话最长时间"
    if reason is not None:
        with repo.accounts(write=True) as rows:
            if rows.delete_session(token_hash):
                name = user.username if user is not None else f"用户 {found.user_id}"
                who = Actor(name, frozenset(user.roles if user else ()), found.user_id,
                            None, address)  # fmt: skip
                rows.audit(who, "会话结束", f"账户 {name}", "成功", detail={"reason": reason})
        return None
    assert user is not None
    if (at - seen).total_seconds() >= policy.session.touch_seconds:
        with repo.accounts(write=True) as rows:
            rows.touch_session(token_hash, stamp(at))
    return principal_for(policy, user, address, at, session=token_hash,
                      second_factor=found.second_factor)  # fmt: skip


def sign_out(repo: AccountRepo, principal: Principal) -> None:
    """End the session (deleted on the server, not just forgotten by the browser)."""
    if principal.session is None:
        return
    with repo.accounts(write=True) as rows:
        rows.delete_session(principal.session)
        rows.audit(principal.actor, "退出", f"账户 {principal.actor.name}")


# -- passwords -----------------------------------------------------------------------------------
def _check_password(rows: Any, policy: Policy, user_id: int | None, username: str,
                    password: str) -> None:  # fmt: skip
    problems = password_problems(policy.password, password, username)
    if user_id is not None and policy.password.history:
        recent = rows.recent_passwords(user_id, policy.password.history)
        if any(_verify(h, password) for h in recent):
            problems.append(f"不得与最近 {policy.password.history} 次用过的密码相同")
    if problems:
        raise InputError("新密码不符合密码策略：" + "；".join(problems))


def change_password(
    repo: AccountRepo, policy: Policy, principal: Principal, old: str, new: str,
    *, at: datetime | None = None,
) -> None:  # fmt: skip
    """The signed-in user changes their own password (the old one is checked); every other
    session of the account ends."""
    at = at or now_utc()
    user_id = principal.actor.user_id
    if user_id is None:
        raise AuthError("请先登录")
    with repo.accounts(write=True) as rows:
        user = rows.user_by_id(user_id)
        if user is None:
            raise AuthError("账户不存在")
        if not _verify(user.password_hash, old):
            rows.audit(principal.actor, "修改密码", f"账户 {user.username}", "失败",
                       detail={"reason": "原密码错误"})  # fmt: skip
            failed = True
        else:
            failed = False
            _check_password(rows, policy, user.id, user.username, new)
            _set_password(rows, user.id, new, at, must_change=False)
            rows.delete_sessions_of(user.id, keep=principal.session)
            rows.audit(principal.actor, "修改密码", f"账户 {user.username}")
    if failed:
        raise InputError("原密码错误")


def _set_password(rows: Any, user_id: int, password: str, at: datetime, *,
                  must_change: bool) -> None:  # fmt: skip
    hashed = HASHER.hash(password)
    rows.update_user(user_id, password_hash=hashed, password_changed_at=stamp(at),
                     must_change_password=must_change)  # fmt: skip
    rows.add_password(user_id, hashed, stamp(at))


# -- accounts ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class NewUser:
    username: str
    display_name: str
    password: str
    roles: Collection[str]
    org: str | None = None  # org tree path (部门/单位); None: none (the administrator posts)
    scopes: Collection[str] = ()  # org tree paths assigned besides (a 财政审核's departments)
    must_change: bool = True  # an administrator-set password is changed at first login


def _require(principal_or_actor: Actor, permissions: Collection[str], needed: str) -> None:
    from .actor import CLI_ROLE

    if CLI_ROLE in principal_or_actor.roles or needed in permissions:
        return
    raise PermissionDenied(f"{principal_or_actor.name} 无权执行此操作（需要权限 {needed}）")


def create_user(
    repo: AccountRepo, policy: Policy, actor: Actor, permissions: Collection[str], new: NewUser,
    *, at: datetime | None = None,
) -> int:  # fmt: skip
    """A new account (``users.manage``; its roles need ``roles.manage`` too unless the
    command line makes it). Audited, without the password."""
    _require(actor, permissions, "users.manage")
    if new.roles:
        _require(actor, permissions, "roles.manage")
    at = at or now_utc()
    username = new.username.strip()
    if not USERNAME.match(username):
        raise InputError(f"用户名无效：{username!r}", expected="2–64 个字母、数字或 _ . @ -")
    check_roles(policy, new.roles)
    with repo.accounts(write=True) as rows:
        if rows.user_by_name(username) is not None:
            raise InputError(f"用户名 {username} 已存在")
        org_id = _org(rows, new.org) if new.org else None
        scopes = [_org(rows, s) for s in new.scopes]
        _check_password(rows, policy, None, username, new.password)
        hashed = HASHER.hash(new.password)
        user_id = rows.insert_user(
            username=username, display_name=new.display_name.strip() or username, org_id=org_id,
            password_hash=hashed, password_changed_at=stamp(at),
            must_change_password=new.must_change, active=True, created_at=stamp(at),
            created_by=actor.name,
        )  # fmt: skip
        rows.add_password(user_id, hashed, stamp(at))
        rows.set_roles(user_id, new.roles)
        rows.set_scopes(user_id, scopes)
        rows.audit(actor, "新建账户", f"账户 {username}", detail={
            "display_name": new.display_name, "roles": sorted(new.roles), "org": new.org,
            "scopes": sorted(new.scopes), "must_change_password": new.must_change})  # fmt: skip
    return int(user_id)


def _org(rows: Any, path: str) -> int:
    found = rows.find_org(path)
    if found is None:
        raise NotFoundError(
            f"组织机构中没有 {path}", expected="入库文档中的部门或单位，如 部门名/单位名"
        )
    return int(found)


def create_first_admin(
    repo: AccountRepo, policy: Policy, actor: Actor, username: str, display_name: str,
    password: str,
) -> int:  # fmt: skip
    """The first 系统管理员 (the command line only; there are no default accounts). Refused
    when an active one exists: later accounts are made by the 系统管理员."""
    with repo.accounts() as rows:
        if rows.count_users(SYSTEM_ADMIN):
            raise InputError(
                "已有系统管理员：其他账户请由系统管理员在网页“账户管理”中建立",
                expected="jixiao admin create 只用于建立第一个系统管理员",
            )
    new = NewUser(username, display_name, password, [SYSTEM_ADMIN], must_change=False)
    return create_user(repo, policy, actor, (), new)


DEMO_ACCOUNTS = (
    ("demo_sysadmin", "演示·系统管理员", "system_admin", None),
    ("demo_secadmin", "演示·安全管理员", "security_admin", None),
    ("demo_auditor", "演示·审计管理员", "audit_admin", None),
    ("demo_finance", "演示·财政审核", "finance_reviewer", "finance"),
    ("demo_department", "演示·主管部门审核", "department_reviewer", "department"),
    ("demo_unit", "演示·单位填报", "unit_filler", "unit"),
    ("demo_viewer", "演示·查看", "viewer", "department"),
)
"""The demo accounts (``jixiao demo``): one per role; where in the org tree each sits."""


def demo_password() -> str:
    """A random password that meets the default policy (letters of both cases, digits, other)."""
    return f"{secrets.token_urlsafe(12)}-Aa1"


def create_demo_users(
    repo: AccountRepo, policy: Policy, actor: Actor, department: str, unit: str
) -> list[tuple[str, str, str, str | None]]:
    """One demo account per role (``DEMO_ACCOUNTS``) under ``department`` and its ``unit``:
    (user name, role name, org path, password — ``None`` when the account already existed,
    its password shown only when it was made)."""
    with repo.accounts() as rows:
        root = rows.find_org(ROOT)
    root_name = ROOT if root is not None else None
    places = {"finance": root_name, "department": department, "unit": f"{department}/{unit}"}
    out: list[tuple[str, str, str, str | None]] = []
    for username, name, role, place in DEMO_ACCOUNTS:
        org = places[place] if place else None
        with repo.accounts() as rows:
            exists = rows.user_by_name(username) is not None
        password = None
        if not exists:
            password = demo_password()
            create_user(repo, policy, actor, (), NewUser(username, name, password, [role], org,
                                                         must_change=False))  # fmt: skip
        out.append((username, policy.roles[role].name, org or "—", password))
    return out


ROOT = "财政"
"""The org tree's root (revision 0006 and the store make it)."""


def set_roles(
    repo: AccountRepo, policy: Policy, actor: Actor, permissions: Collection[str], username: str,
    roles: Collection[str], scopes: Collection[str] = (), org: str | None = None,
) -> None:  # fmt: skip
    """Grant exactly ``roles`` (and ``scopes``, ``org``) to an account (``roles.manage``);
    audited with before and after."""
    _require(actor, permissions, "roles.manage")
    check_roles(policy, roles)
    with repo.accounts(write=True) as rows:
        user = rows.user_by_name(username)
        if user is None:
            raise NotFoundError(f"没有账户 {username}")
        if user.id == actor.user_id:
            raise PermissionDenied("不能修改自己的角色")
        tree = {o.id: o for o in rows.all_orgs()}
        before = {"roles": sorted(user.roles), "org": org_path(tree, user.org_id),
                  "scopes": sorted(org_path(tree, s) for s in user.scopes)}  # fmt: skip
        org_id = _org(rows, org) if org else user.org_id if org is None else None
        rows.set_roles(user.id, roles)
        rows.set_scopes(user.id, [_org(rows, s) for s in scopes])
        rows.update_user(user.id, org_id=org_id)
        after = {"roles": sorted(roles), "org": org_path(tree, org_id),
                 "scopes": sorted(scopes)}  # fmt: skip
        rows.audit(actor, "角色变更", f"账户 {username}", detail={"before": before, "after": after})


def set_active(
    repo: AccountRepo, actor: Actor, permissions: Collection[str], username: str, active: bool
) -> None:
    """Enable or disable an account (``users.manage``); disabling ends its sessions."""
    _require(actor, permissions, "users.manage")
    with repo.accounts(write=True) as rows:
        user = rows.user_by_name(username)
        if user is None:
            raise NotFoundError(f"没有账户 {username}")
        if user.id == actor.user_id:
            raise PermissionDenied("不能停用自己的账户")
        rows.update_user(user.id, active=active, locked_until=None, failed_logins=0)
        if not active:
            rows.delete_sessions_of(user.id)
        rows.audit(actor, "启用账户" if active else "停用账户", f"账户 {username}",
                   detail={"before": user.active, "after": active})  # fmt: skip


def reset_password(
    repo: AccountRepo, policy: Policy, actor: Actor, permissions: Collection[str], username: str,
    password: str, *, at: datetime | None = None,
) -> None:  # fmt: skip
    """An administrator sets a password (``users.manage``): changed at the next sign-in;
    the account is unlocked and its sessions end."""
    _require(actor, permissions, "users.manage")
    at = at or now_utc()
    with repo.accounts(write=True) as rows:
        user = rows.user_by_name(username)
        if user is None:
            raise NotFoundError(f"没有账户 {username}")
        _check_password(rows, policy, user.id, user.username, password)
        _set_password(rows, user.id, password, at, must_change=True)
        rows.update_user(user.id, locked_until=None, failed_logins=0)
        rows.delete_sessions_of(user.id)
        rows.audit(actor, "重置密码", f"账户 {username}")


def users(repo: AccountRepo) -> tuple[list[Any], dict[int, str]]:
    """Every account, and the org tree paths by node id (for listing)."""
    with repo.accounts() as rows:
        found = rows.list_users()
        tree = {o.id: o for o in rows.all_orgs()}
    return found, {i: org_path(tree, i) for i in tree}
