"""Credentials besides the password: the second factor (TOTP) and API bearer tokens.

TOTP is :mod:`pyotp` (RFC 6238, 30-second steps, 6 digits, one step of clock drift): small,
maintained, and what every authenticator app expects; hand-writing HMAC truncation buys
nothing. A token's secret is shown once, to whoever made it; the store keeps its sha256.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..errors import AuthError, InputError, NotFoundError
from .accounts import (
    TOKEN_PREFIX,
    AccountRepo,
    Principal,
    digest,
    now_utc,
    parse,
    principal_for,
    stamp,
)
from .policy import Policy


def new_totp_secret() -> str:
    import pyotp

    return str(pyotp.random_base32())


def totp_uri(policy: Policy, username: str, secret: str) -> str:
    import pyotp

    return str(pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=policy.totp.issuer))


def enable_totp(repo: AccountRepo, principal: Principal, secret: str, code: str) -> None:
    """Turn the second factor on for the signed-in user once a code from ``secret`` checks."""
    import pyotp

    if principal.actor.user_id is None:
        raise AuthError("请先登录")
    if not pyotp.TOTP(secret).verify(code.strip(), valid_window=1):
        raise InputError("动态口令不正确：请核对身份验证器应用中的 6 位数字和手机时间")
    with repo.accounts(write=True) as rows:
        rows.update_user(principal.actor.user_id, totp_secret=secret)
        rows.audit(principal.actor, "启用动态口令", f"账户 {principal.actor.name}")


# -- API tokens ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class NewToken:
    id: int
    secret: str  # shown once
    expires_at: str


def create_token(
    repo: AccountRepo, policy: Policy, principal: Principal, name: str, days: int | None = None,
    *, at: datetime | None = None,
) -> NewToken:  # fmt: skip
    """A bearer token for the API in the user's name (stored hashed; shown once)."""
    if principal.actor.user_id is None:
        raise AuthError("请先登录")
    at = at or now_utc()
    days = days or policy.tokens.default_days
    if not 1 <= days <= policy.tokens.max_days:
        raise InputError(f"有效天数无效：{days}", expected=f"1–{policy.tokens.max_days}")
    label = name.strip()[:100] or "未命名"
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires = stamp(at + timedelta(days=days))
    with repo.accounts(write=True) as rows:
        token_id = rows.insert_token(user_id=principal.actor.user_id, name=label,
                                     token_hash=digest(secret), prefix=secret[:10],
                                     created_at=stamp(at), expires_at=expires)  # fmt: skip
        rows.audit(principal.actor, "新建访问令牌", f"令牌 {token_id}",
                   detail={"name": label, "expires_at": expires})  # fmt: skip
    return NewToken(token_id, secret, expires)


def tokens(repo: AccountRepo, principal: Principal) -> list[Any]:
    if principal.actor.user_id is None:
        return []
    with repo.accounts() as rows:
        return list(rows.tokens_of(principal.actor.user_id))


def revoke_token(repo: AccountRepo, principal: Principal, token_id: int) -> None:
    """Revoke one of the user's own tokens."""
    with repo.accounts(write=True) as rows:
        mine = {t.id: t for t in rows.tokens_of(principal.actor.user_id or -1)}
        if token_id not in mine:
            raise NotFoundError(f"没有编号为 {token_id} 的访问令牌")
        rows.update_token(token_id, revoked_at=stamp(now_utc()))
        rows.audit(principal.actor, "撤销访问令牌", f"令牌 {token_id}")


def token_principal(
    repo: AccountRepo, policy: Policy, secret: str, address: str, *, at: datetime | None = None
) -> Principal:
    """Who holds the API token ``secret``; :class:`AuthError` if it is unknown, revoked or
    expired, or its account is disabled."""
    at = at or now_utc()
    with repo.accounts() as rows:
        token = rows.token_by_hash(digest(secret)) if secret.startswith(TOKEN_PREFIX) else None
        user = rows.user_by_id(token.user_id) if token is not None else None
    expires = parse(token.expires_at) if token is not None else None
    if token is None or user is None or token.revoked_at or expires is None or expires <= at:
        raise AuthError("访问令牌无效、已撤销或已过期")
    if not user.active:
        raise AuthError("访问令牌所属的账户已停用")
    seen = parse(token.last_used_at)
    if seen is None or (at - seen).total_seconds() >= policy.session.touch_seconds:
        with repo.accounts(write=True) as rows:
            rows.update_token(token.id, last_used_at=stamp(at))
    principal = principal_for(policy, user, address, at)
    # a token is not a password sign-in: the password's state does not restrict it
    granted = policy.permissions_of(user.roles) | {"account.self"} | policy.anonymous
    return Principal(principal.actor, granted, user.display_name,
                     roots=principal.roots)  # fmt: skip
