"""The three administrator posts' pages, kept apart as the posts are:

* 账户管理 (``users.manage``, 系统管理员): accounts — create, disable, enable, reset a password;
* 角色授权 (``roles.manage``, 安全管理员): an account's roles, org node and assigned scopes;
* 安全策略 (``policy.manage``, 安全管理员): the password, lockout, session and token numbers;
* 审计日志 (``audit.read``, 审计管理员): the audit log, filtered, and its xlsx export.

None of them can change business data (the roles of ``data/security.toml`` say so, and the
policy loader refuses an admin role with a business permission). Every change and every
audit-log query or export is itself audited.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from ..errors import JixiaoError
from ..services import accounts, audit
from ..services.audit import AuditFilter
from ..services.policy import tunable
from .auth import CsrfChecked, Who, allow
from .context import Ctx
from .pages import render
from .posted import Posted

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Users = allow("users.manage")
Roles = allow("roles.manage")
PolicyPerm = allow("policy.manage")
Audit = allow("audit.read")

Name = Annotated[str, Path(min_length=2, max_length=64, pattern=r"^[\w.@-]+$")]
AUDIT_PAGE = 50
DATE = r"^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?)?$"


def _users_page(request: Request, ctx: Ctx, status: int = 200, **extra: Any) -> Response:
    found, orgs = accounts.users(ctx.store)
    context: dict[str, Any] = {"nav": "admin", "users": found, "orgs": orgs,
                               "policy": ctx.policy(), "error": None, "ok": None}  # fmt: skip
    context.update(extra)
    return render(request, "admin_users.html", status, **context)


def _done(request: Request, ctx: Ctx, page: str, call: Any, ok: str) -> Response:
    try:
        call()
    except JixiaoError as exc:
        maker = _users_page if page == "users" else _roles_page
        return maker(request, ctx, 400, error=exc.message)
    return RedirectResponse(f"/admin/{page}?ok={quote(ok)}", status_code=303)


@router.get("/admin/users", name="admin_page", dependencies=[Users])
def admin_page(
    request: Request, ctx: Ctx, ok: Annotated[str, Query(max_length=200)] = ""
) -> Response:
    return _users_page(request, ctx, ok=ok or None)


@router.post("/admin/users", name="create_user", dependencies=[Users, CsrfChecked])
def create_user(
    request: Request,
    ctx: Ctx,
    me: Who,
    username: Annotated[str, Form(max_length=64)],
    display_name: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=256)],
    org: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    new = accounts.NewUser(username, display_name, password, (), org or None)
    policy = ctx.policy()
    return _done(request, ctx, "users",
                 lambda: accounts.create_user(ctx.store, policy, me.actor, me.permissions, new),
                 f"已建立账户 {username}（首次登录须修改密码；角色由安全管理员授予）")  # fmt: skip


@router.post("/admin/users/{username}/active", name="set_active", dependencies=[Users, CsrfChecked])
def set_active(
    request: Request, ctx: Ctx, me: Who, username: Name, active: Annotated[bool, Form()]
) -> Response:
    return _done(request, ctx, "users",
                 lambda: accounts.set_active(ctx.store, me.actor, me.permissions, username, active),
                 f"已{'启用' if active else '停用'}账户 {username}")  # fmt: skip


@router.post(
    "/admin/users/{username}/password", name="reset_password", dependencies=[Users, CsrfChecked]
)
def reset_password(
    request: Request, ctx: Ctx, me: Who, username: Name,
    password: Annotated[str, Form(max_length=256)],
) -> Response:  # fmt: skip
    return _done(request, ctx, "users",
                 lambda: accounts.reset_password(ctx.store, ctx.policy(), me.actor,
                                                 me.permissions, username, password),
                 f"已重置 {username} 的密码（下次登录须修改）")  # fmt: skip


# -- roles (安全管理员) ----------------------------------------------------------------------------
def _roles_page(request: Request, ctx: Ctx, status: int = 200, **extra: Any) -> Response:
    found, orgs = accounts.users(ctx.store)
    scope_text = {u.id: ", ".join(orgs.get(s, "") for s in sorted(u.scopes)) for u in found}
    context: dict[str, Any] = {"nav": "roles", "users": found, "orgs": orgs,
                               "scope_text": scope_text, "policy": ctx.policy(), "error": None,
                               "ok": None}  # fmt: skip
    context.update(extra)
    return render(request, "admin_roles.html", status, **context)


@router.get("/admin/roles", name="roles_page", dependencies=[Roles])
def roles_page(
    request: Request, ctx: Ctx, ok: Annotated[str, Query(max_length=200)] = ""
) -> Response:
    return _roles_page(request, ctx, ok=ok or None)


@router.post("/admin/roles/{username}", name="grant_roles", dependencies=[Roles, CsrfChecked])
def grant_roles(
    request: Request,
    ctx: Ctx,
    me: Who,
    username: Name,
    role: Annotated[list[str], Form(max_length=20)],
    org: Annotated[str, Form(max_length=500)] = "",
    scopes: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    chosen = [r for r in role if r]
    assigned = [s.strip() for s in scopes.replace("，", ",").split(",") if s.strip()]
    return _done(request, ctx, "roles",
                 lambda: accounts.set_roles(ctx.store, ctx.policy(), me.actor, me.permissions,
                                            username, chosen, assigned, org or ""),
                 f"已更新 {username} 的角色和数据范围")  # fmt: skip


# -- the policy (安全管理员) -----------------------------------------------------------------------
@router.get("/admin/policy", name="policy_page", dependencies=[PolicyPerm])
def policy_page(
    request: Request, ctx: Ctx, ok: Annotated[str, Query(max_length=200)] = ""
) -> Response:
    return render(request, "admin_policy.html", nav="policy", values=tunable(ctx.policy()),
                  error=None, ok=ok or None)  # fmt: skip


@router.post("/admin/policy", name="change_policy", dependencies=[PolicyPerm, CsrfChecked])
def change_policy(request: Request, ctx: Ctx, me: Who, form: Posted) -> Response:
    current = tunable(ctx.policy())
    changes: dict[str, Any] = {}
    error = None
    for key, old in current.items():
        sent = form.get(key)
        if not isinstance(sent, str):
            if isinstance(old, bool):
                changes[key] = False
            continue
        try:
            changes[key] = (sent == "on") if isinstance(old, bool) else int(sent.strip())
        except ValueError:
            error = f"{key} 应为整数：{sent[:20]!r}"
    if error is None:
        try:
            accounts.change_policy(ctx.store, me.actor, ctx.base_policy, changes)
        except JixiaoError as exc:
            error = exc.describe()
    if error is not None:
        return render(request, "admin_policy.html", 400, nav="policy", values=current,
                      error=error, ok=None)  # fmt: skip
    ctx.forget_policy()
    return RedirectResponse("/admin/policy?ok=" + quote("安全策略已更新"), status_code=303)


# -- the audit log (审计管理员) ------------------------------------------------------------------
def _filter(actor: str, event: str, obj: str, since: str, until: str, **paging: int) -> AuditFilter:
    return AuditFilter(actor=actor.strip() or None, event=event.strip() or None,
                       object=obj.strip() or None, since=since.strip() or None,
                       until=until.strip() or None, **paging)  # fmt: skip


AuditText = Annotated[str, Query(max_length=200)]
AuditDate = Annotated[str, Query(max_length=19, pattern=DATE)]


@router.get("/audit", name="audit_page", dependencies=[Audit])
def audit_page(
    request: Request,
    ctx: Ctx,
    me: Who,
    actor: AuditText = "",
    event: AuditText = "",
    object: AuditText = "",
    since: AuditDate = "",
    until: AuditDate = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    where = _filter(actor, event, object, since, until, limit=AUDIT_PAGE,
                    offset=(page - 1) * AUDIT_PAGE)  # fmt: skip
    records, total = audit.query(ctx.store, me.actor, where)
    events = audit.events(ctx.store)
    params = {"actor": actor, "event": event, "object": object, "since": since, "until": until}
    query = "&".join(f"{k}={quote(v)}" for k, v in params.items() if v)
    return render(request, "audit.html", nav="audit", records=records, total=total,
                  events=events, page=page, pages=max(1, -(-total // AUDIT_PAGE)),
                  f=params, query=query)  # fmt: skip


AUDIT_COLUMNS = ("编号", "时间（UTC）", "用户", "角色", "来源地址", "事件", "对象", "结果", "详情",
                 "哈希")  # fmt: skip


@router.get("/audit/export.xlsx", name="audit_export", dependencies=[Audit])
def audit_export(
    ctx: Ctx,
    me: Who,
    actor: AuditText = "",
    event: AuditText = "",
    object: AuditText = "",
    since: AuditDate = "",
    until: AuditDate = "",
) -> Response:
    import json

    import xlsxwriter

    records = audit.export(ctx.store, me.actor, _filter(actor, event, object, since, until),
                           "xlsx")  # fmt: skip
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False})  # fmt: skip
    sheet = book.add_worksheet("审计日志")
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, AUDIT_COLUMNS, bold)
    for n, r in enumerate(records, start=1):
        detail = json.dumps(r.detail, ensure_ascii=False, sort_keys=True)
        sheet.write_row(n, 0, (r.id, r.at, r.actor, r.role, r.address, r.event, r.object,
                               r.result, detail, r.hash))  # fmt: skip
    sheet.freeze_panes(1, 0)
    sheet.set_column(1, 1, 26)
    sheet.set_column(5, 6, 18)
    sheet.set_column(8, 8, 60)
    book.close()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    name = f"jixiao-audit-{stamp}.xlsx"
    return Response(
        out.getvalue(),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
