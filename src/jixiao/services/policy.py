"""The security policy as data: roles → permissions, password rules, lockout, sessions,
tokens and the second factor, from ``data/security.toml`` (a region's file layered over it,
and run-time changes by the 安全管理员 over both: :func:`with_overrides`).

Nothing here does I/O besides reading the TOML files; the checks take values and return
reasons (:func:`password_problems`) or raise (:func:`check_roles`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError

BUSINESS = frozenset({
    "documents.write", "documents.review", "documents.publish", "workflow.submit",
    "workflow.department", "workflow.finance", "workflow.final", "workflow.batch", "tasks.issue",
})  # fmt: skip
"""Permissions that change business data: no administrator post may hold one."""


@dataclass(frozen=True, slots=True)
class Role:
    key: str
    name: str
    permissions: frozenset[str]
    admin: bool = False


@dataclass(frozen=True, slots=True)
class PasswordRules:
    min_length: int = 8
    min_classes: int = 3
    history: int = 5
    max_age_days: int = 90
    warn_days: int = 14
    not_username: bool = True


@dataclass(frozen=True, slots=True)
class Lockout:
    max_failures: int = 5
    lock_minutes: int = 30
    window_minutes: int = 30


@dataclass(frozen=True, slots=True)
class Sessions:
    idle_minutes: int = 30
    absolute_hours: int = 8
    touch_seconds: int = 60


@dataclass(frozen=True, slots=True)
class Tokens:
    max_days: int = 90
    default_days: int = 30


@dataclass(frozen=True, slots=True)
class Totp:
    issuer: str = "Jixiao 绩效"
    required_for: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Policy:
    roles: dict[str, Role]
    permissions: dict[str, str]  # key → Chinese description
    anonymous: frozenset[str]
    password: PasswordRules
    lockout: Lockout
    session: Sessions
    tokens: Tokens
    totp: Totp
    origin: str = "default"

    def role(self, key: str) -> Role:
        found = self.roles.get(key)
        if found is None:
            raise InputError(f"未知的角色：{key}", expected="、".join(self.role_labels()))
        return found

    def role_labels(self) -> list[str]:
        return [f"{r.key}（{r.name}）" for r in self.roles.values()]

    def role_by_name(self, text: str) -> Role:
        """A role by its key or its Chinese name."""
        for r in self.roles.values():
            if text in (r.key, r.name):
                return r
        raise InputError(f"未知的角色：{text}", expected="、".join(self.role_labels()))

    def permissions_of(self, roles: Collection[str]) -> frozenset[str]:
        out: set[str] = set()
        for key in roles:
            role = self.roles.get(key)
            if role is not None:
                out |= role.permissions
        return frozenset(out)

    def names(self, roles: Collection[str]) -> str:
        return "、".join(self.roles[r].name if r in self.roles else r for r in sorted(roles))


TUNABLE = ("password", "lockout", "session", "tokens")
"""Sections whose numbers the 安全管理员 may change at run time (settings ``security.*``)."""


def _bundled() -> dict[str, Any]:
    text = resources.files("jixiao").joinpath("data/security.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def _default() -> Policy:
    return _build(_bundled(), "default")


def load_policy(path: str | Path | None = None) -> Policy:
    """The bundled policy, or ``path`` layered over it (sections merged key by key)."""
    if path is None:
        return _default()
    p = Path(path)
    try:
        user = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"无法读取安全策略文件：{exc.strerror}", source=str(p)) from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"安全策略文件不是有效的 TOML：{exc}", source=str(p)) from exc
    data = _bundled()
    for key, value in user.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return _build(data, str(p))


def _section(cls: type[Any], values: Mapping[str, Any], where: str, origin: str) -> Any:
    known = {f.name: f for f in fields(cls)}
    unknown = set(values) - set(known)
    if unknown:
        raise ConfigError(f"[{where}] 中有未知的项：{'、'.join(sorted(unknown))}", source=origin)
    out: dict[str, Any] = {}
    for key, value in values.items():
        default = getattr(cls(), key)
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"[{where}] {key} 应为 true 或 false", source=origin)
        elif isinstance(default, int):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError(f"[{where}] {key} 应为非负整数：{value!r}", source=origin)
        elif isinstance(default, frozenset):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"[{where}] {key} 应为文字的列表", source=origin)
            value = frozenset(value)
        elif not isinstance(value, str):
            raise ConfigError(f"[{where}] {key} 应为文字", source=origin)
        out[key] = value
    return cls(**out)


def _build(data: Mapping[str, Any], origin: str) -> Policy:
    def fail(message: str) -> ConfigError:
        return ConfigError(message, source=origin)

    extra = set(data) - {"version", "permissions", "anonymous", "roles", "totp", *TUNABLE}
    if extra:
        raise fail(f"安全策略中有未知的项：{'、'.join(sorted(extra))}")
    permissions = {str(k): str(v) for k, v in data.get("permissions", {}).items()}
    roles: dict[str, Role] = {}
    for key, spec in data.get("roles", {}).items():
        granted = frozenset(spec.get("permissions", []))
        unknown = granted - set(permissions)
        if unknown:
            raise fail(f"角色 {key} 有未定义的权限：{'、'.join(sorted(unknown))}")
        admin = bool(spec.get("admin", False))
        if admin and granted & BUSINESS:
            business = "、".join(sorted(granted & BUSINESS))
            raise fail(f"管理员岗位 {key} 不得有修改业务数据的权限：{business}")
        roles[key] = Role(key, str(spec.get("name", key)), granted, admin)
    anonymous = frozenset(data.get("anonymous", {}).get("permissions", []))
    if anonymous - set(permissions):
        raise fail(f"匿名访问有未定义的权限：{'、'.join(sorted(anonymous - set(permissions)))}")
    totp = _section(Totp, data.get("totp", {}), "totp", origin)
    if totp.required_for - set(roles):
        raise fail(f"[totp] required_for 有未知的角色：{'、'.join(sorted(totp.required_for))}")
    policy = Policy(
        roles=roles,
        permissions=permissions,
        anonymous=anonymous,
        password=_section(PasswordRules, data.get("password", {}), "password", origin),
        lockout=_section(Lockout, data.get("lockout", {}), "lockout", origin),
        session=_section(Sessions, data.get("session", {}), "session", origin),
        tokens=_section(Tokens, data.get("tokens", {}), "tokens", origin),
        totp=totp,
        origin=origin,
    )
    _sane(policy, fail)
    return policy


def _sane(policy: Policy, fail: Any) -> None:
    if policy.password.min_length < 8 or not 1 <= policy.password.min_classes <= 4:
        raise fail("密码最短长度至少为 8，字符类别数应为 1–4")
    if policy.lockout.max_failures < 1 or policy.lockout.lock_minutes < 1:
        raise fail("锁定前允许的失败次数和锁定时长应为正整数")
    if policy.session.idle_minutes < 1 or policy.session.absolute_hours < 1:
        raise fail("会话空闲超时和最长时长应为正整数")
    if not 1 <= policy.tokens.default_days <= policy.tokens.max_days:
        raise fail("访问令牌的默认有效天数应在 1 和最长天数之间")


def with_overrides(policy: Policy, overrides: Mapping[str, Any]) -> Policy:
    """``policy`` with run-time settings (``{"password.min_length": 10, …}``) applied; a bad
    value is a :class:`ConfigError` naming it."""
    sections: dict[str, dict[str, Any]] = {}
    for key, value in overrides.items():
        section, _, name = key.partition(".")
        if section not in TUNABLE or not name:
            raise ConfigError(f"未知的安全设置：{key}")
        sections.setdefault(section, {})[name] = value
    changed: dict[str, Any] = {}
    for section, values in sections.items():
        current = getattr(policy, section)
        merged = {f.name: getattr(current, f.name) for f in fields(current)} | values
        changed[section] = _section(type(current), merged, section, "系统设置")
    out = replace(policy, **changed)
    _sane(out, lambda message: ConfigError(message, source="系统设置"))
    return out


def tunable(policy: Policy) -> dict[str, Any]:
    """The run-time tunable numbers of ``policy``, flat (``password.min_length`` …)."""
    out: dict[str, Any] = {}
    for section in TUNABLE:
        current = getattr(policy, section)
        for f in fields(current):
            out[f"{section}.{f.name}"] = getattr(current, f.name)
    return out


# -- checks --------------------------------------------------------------------------------------
def _classes(password: str) -> int:
    kinds = [
        any(c.isupper() for c in password),
        any(c.islower() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    ]
    return sum(kinds)


def password_problems(rules: PasswordRules, password: str, username: str) -> list[str]:
    """What is wrong with ``password`` for ``username`` under ``rules`` (empty: acceptable).
    The history rule needs the stored hashes: see :mod:`jixiao.services.accounts`."""
    out = []
    if len(password) < rules.min_length:
        out.append(f"至少 {rules.min_length} 个字符")
    if _classes(password) < rules.min_classes:
        out.append(f"至少含大写字母、小写字母、数字、其他字符中的 {rules.min_classes} 类")
    if rules.not_username and username and username.lower() in password.lower():
        out.append("不得包含用户名")
    if len(password) > 256:
        out.append("不超过 256 个字符")
    return out


def check_roles(policy: Policy, roles: Collection[str]) -> None:
    """Refuse a set of roles that breaks the separation of the three administrator posts."""
    for key in roles:
        policy.role(key)
    admins = [k for k in roles if policy.roles[k].admin]
    if len(admins) > 1 or (admins and len(roles) > 1):
        raise InputError(
            f"三员分立：{policy.names(roles)} 不能由同一账户兼任",
            expected="一个管理员岗位（系统管理员、安全管理员、审计管理员之一），且不兼任业务角色",
        )
