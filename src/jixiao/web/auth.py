"""Who is asking, and may they: the edge of :mod:`jixiao.services.accounts`.

* **Who.** A request carries a session cookie (:data:`SESSION_COOKIE`, set by the sign-in
  page) or an API token (``Authorization: Bearer jx_…``); neither: an anonymous visitor.
  :func:`who` resolves it once per request (a bad token is 401; a timed-out session is
  simply anonymous again).
* **Deny by default.** Every route declares one permission with :func:`allow` (a key of
  ``[permissions]`` in ``data/security.toml``, or :data:`ANYONE` for health, sign-in and
  static assets); :func:`check_declared` refuses to build an app with a route that declares
  none. Missing permission: 401 for a visitor, 403 for a signed-in account.
* **Object scope.** What a principal may read (:func:`readable`: published documents, plus
  the documents and units of its org subtree) filters every listing and guards every
  single object; another unit's project is "not found", never its data.
* **CSRF.** Every form posts a ``csrf`` field: bound to the session (the sha256 of the
  session's hash and a constant) when signed in, else a random value also held in the
  HttpOnly :data:`CSRF_COOKIE` (double submit); a cross-origin ``Origin`` is refused too.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Iterator
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute
from starlette.responses import Response

from ..errors import AuthError, NotFoundError, PermissionDenied
from ..services import accounts, credentials, reading
from ..services.accounts import Principal
from ..services.reading import Readable
from ..store import Visibility
from .context import Context, context

SESSION_COOKIE = "jixiao_session"
CSRF_COOKIE = "jixiao_csrf"
ANYONE = "anyone"
"""The declared permission of routes open to every request (health, sign-in, assets)."""


def client_address(request: Request) -> str:
    return request.client.host if request.client else "未知"


def who(request: Request, ctx: Annotated[Context, Depends(context)]) -> Principal:
    """The principal of this request (resolved once; kept on ``request.state``)."""
    found: Principal | None = getattr(request.state, "principal", None)
    if found is not None:
        return found
    policy = ctx.policy()
    address = client_address(request)
    header = request.headers.get("authorization", "")
    principal: Principal | None = None
    if header:
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthError("Authorization 头应为 Bearer 加访问令牌")
        principal = credentials.token_principal(ctx.store, policy, secret.strip(), address)
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            principal = accounts.session_principal(ctx.store, policy, cookie, address)
            if principal is None:
                request.state.drop_session = True  # the page's response clears the cookie
    if principal is None:
        principal = accounts.anonymous_principal(policy, address)
    request.state.principal = principal
    return principal


Who = Annotated[Principal, Depends(who)]
"""A route parameter ``me: Who`` receives the request's :class:`Principal`."""


def allow(permission: str) -> Any:
    """The dependency a route declares: the request's principal must hold ``permission``."""

    async def check(request: Request, me: Who) -> Principal:  # no I/O: no thread needed
        if permission == ANYONE or me.can(permission):
            return me
        if not me.signed_in:
            raise AuthError("请先登录")
        if me.must_change:
            raise PermissionDenied("请先修改密码（密码由管理员设置或已过期）：进入“我的账户”修改")
        if me.needs_totp:
            raise PermissionDenied("你的岗位须使用动态口令：请先在“我的账户”中启用")
        raise PermissionDenied(f"{me.actor.name} 无权访问（需要权限：{permission}）")

    check.permission = permission  # type: ignore[attr-defined]
    return Depends(check)


def _declared(route: APIRoute) -> list[str]:
    out: list[str] = []

    def walk(dependant: Any) -> None:
        for dep in dependant.dependencies:
            found = getattr(dep.call, "permission", None)
            if found is not None:
                out.append(found)
            walk(dep)

    walk(route.dependant)
    return out


def api_routes(found: Iterable[Any]) -> Iterator[APIRoute]:
    """The routes in ``found`` and in the routers they include."""
    for route in found:
        if isinstance(route, APIRoute):
            yield route
        included = getattr(route, "original_router", None)  # FastAPI ≥ 0.16x wraps routers
        if included is not None:
            yield from api_routes(included.routes)


def routes(app: FastAPI) -> Iterator[tuple[str, str, str | None]]:
    """(method, path, declared permission) of every route of ``app`` (the app's own routes
    and those of the routers it includes, without a prefix of their own)."""
    for route in api_routes(app.routes):
        declared = _declared(route)
        for method in sorted(route.methods or ()):
            yield method, route.path, declared[0] if len(declared) == 1 else None


def check_declared(app: FastAPI) -> None:
    """Deny by default: every route must declare exactly one permission."""
    missing = [f"{m} {p}" for m, p, perm in routes(app) if perm is None]
    if missing:
        raise RuntimeError(f"routes without one declared permission: {', '.join(missing)}")


# -- object scope ----------------------------------------------------------------------------------
def readable(ctx: Context, me: Principal) -> Readable:
    """What ``me`` may read (kept per scope until the documents change)."""
    key = ("readable", me.can("public.read"), me.can("documents.read"), me.roots,
           "命令行" in me.actor.roles)  # fmt: skip
    return ctx.memo(key, lambda: reading.readable(ctx.store, me))


def visibility(ctx: Context, me: Principal) -> Visibility | None:
    """The store's filter for what ``me`` may read (``None``: everything)."""
    found = readable(ctx, me)
    if found.documents is None and not found.hidden:
        return None
    return Visibility(found.documents, found.units, found.hidden)


def check_document(ctx: Context, me: Principal, document_id: int) -> None:
    if not readable(ctx, me).document(document_id):
        raise NotFoundError(f"没有编号为 {document_id} 的文档", expected="jixiao list 中的编号")


def check_project(ctx: Context, me: Principal, project_id: str) -> None:
    if not reading.may_read_project(ctx.store, me, project_id):
        raise NotFoundError(
            f"没有编号为 {project_id} 的项目", expected="jixiao list projects 中的项目编号"
        )


# -- CSRF ------------------------------------------------------------------------------------------
def csrf_token(request: Request) -> str:
    """The token this request's forms carry (see the module docstring)."""
    me: Principal | None = getattr(request.state, "principal", None)
    if me is not None and me.session is not None:
        return hashlib.sha256(f"csrf:{me.session}".encode()).hexdigest()
    token = getattr(request.state, "csrf_cookie", None) or request.cookies.get(CSRF_COOKIE)
    if not token or len(token) > 100:
        token = secrets.token_urlsafe(24)
        request.state.csrf_cookie = token  # set on the response (see set_csrf_cookie)
    return str(token)


def set_csrf_cookie(request: Request, response: Response) -> None:
    token = getattr(request.state, "csrf_cookie", None)
    if token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/")  # fmt: skip


async def csrf_checked(request: Request, me: Who) -> None:
    """Route dependency of every form post: the ``csrf`` field must match."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        expected = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin.rstrip("/") != expected:
            raise PermissionDenied("请求来自其他网站（Origin 不符），已拒绝")
    form = await request.form()
    sent = form.get("csrf")
    if me.session is not None:
        wanted = hashlib.sha256(f"csrf:{me.session}".encode()).hexdigest()
    else:
        wanted = request.cookies.get(CSRF_COOKIE) or ""
    if not isinstance(sent, str) or not wanted or not secrets.compare_digest(sent, wanted):
        raise PermissionDenied("表单已过期或来源不明（CSRF 校验失败）：请刷新页面后重试")


CsrfChecked = Depends(csrf_checked)
