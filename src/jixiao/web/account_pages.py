"""Signing in and one's own account: 登录, 退出, 我的账户 (修改密码, 动态口令, 访问令牌).

Every form posts its CSRF token (:func:`.auth.csrf_checked`). The session cookie is
HttpOnly, SameSite=Lax and Secure when the app is reached over HTTPS; it holds a random
secret whose sha256 is the server-side session (deleted at sign-out).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from ..errors import AuthError, InputError, JixiaoError
from ..services import accounts, credentials
from ..services.accounts import Principal
from .auth import (
    ANYONE,
    SESSION_COOKIE,
    CsrfChecked,
    Who,
    allow,
    client_address,
    set_csrf_cookie,
)
from .context import Ctx
from .pages import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Self = allow("account.self")

Text = Annotated[str, Form(max_length=256)]
Code = Annotated[str, Form(max_length=12)]


def _next(target: str | None) -> str:
    """A safe place to go after signing in: a path on this site, else the home page."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _login_form(
    request: Request, status: int = 200, error: str | None = None, username: str = "",
    next_: str = "/",
) -> Response:  # fmt: skip
    response = render(request, "login.html", status, nav="login", error=error,
                      username=username, next=next_)  # fmt: skip
    set_csrf_cookie(request, response)
    return response


@router.get("/login", name="login_page", dependencies=[allow(ANYONE)])
def login_page(
    request: Request, me: Who, next: Annotated[str, Query(max_length=500)] = "/"
) -> Response:
    if me.signed_in:
        return RedirectResponse(_next(next), status_code=303)
    return _login_form(request, next_=_next(next))


@router.post("/login", name="login", dependencies=[allow(ANYONE), CsrfChecked])
def login(
    request: Request,
    ctx: Ctx,
    username: Annotated[str, Form(max_length=64)],
    password: Text,
    code: Code = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    try:
        signed = accounts.sign_in(
            ctx.store, ctx.policy(), username, password, client_address(request), code=code
        )
    except AuthError as exc:
        return _login_form(request, 401, exc.message, username, _next(next))
    who = signed.principal
    target = "/account" if who.must_change or who.needs_totp else _next(next)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, signed.cookie, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/")  # fmt: skip
    return response


@router.post("/logout", name="logout", dependencies=[Self, CsrfChecked])
def logout(ctx: Ctx, me: Who) -> Response:
    accounts.sign_out(ctx.store, me)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# -- my account ------------------------------------------------------------------------------------
def _account(
    request: Request, ctx: Ctx, me: Principal, status: int = 200, **extra: Any
) -> Response:
    policy = ctx.policy()
    found, orgs = accounts.users(ctx.store)
    mine = next((u for u in found if u.id == me.actor.user_id), None)
    context: dict[str, Any] = {
        "nav": "account",
        "user": mine,
        "org": orgs.get(mine.org_id, "") if mine and mine.org_id else "",
        "roles": policy.names(me.actor.roles),
        "rules": policy.password,
        "tokens": credentials.tokens(ctx.store, me),
        "token_days": policy.tokens,
        "error": None,
        "ok": None,
        "new_token": None,
        "totp": None,
    }
    context.update(extra)
    return render(request, "account.html", status, **context)


@router.get("/account", name="account_page", dependencies=[Self])
def account_page(request: Request, ctx: Ctx, me: Who) -> Response:
    return _account(request, ctx, me)


@router.post("/account/password", name="change_password", dependencies=[Self, CsrfChecked])
def change_password(
    request: Request, ctx: Ctx, me: Who, old: Text, new: Text, confirm: Text
) -> Response:
    if new != confirm:
        return _account(request, ctx, me, 400, error="两次输入的新密码不一致")
    try:
        accounts.change_password(ctx.store, ctx.policy(), me, old, new)
    except InputError as exc:
        return _account(request, ctx, me, 400, error=exc.message)
    request.state.principal = None  # read again: no longer restricted
    return RedirectResponse("/account?changed=1", status_code=303)


@router.get("/account/totp", name="totp_page", dependencies=[Self])
def totp_page(request: Request, ctx: Ctx, me: Who) -> Response:
    secret = credentials.new_totp_secret()
    uri = credentials.totp_uri(ctx.policy(), me.actor.name, secret)
    return _account(request, ctx, me, totp={"secret": secret, "uri": uri})


@router.post("/account/totp", name="enable_totp", dependencies=[Self, CsrfChecked])
def enable_totp(
    request: Request,
    ctx: Ctx,
    me: Who,
    secret: Annotated[str, Form(min_length=16, max_length=64, pattern=r"^[A-Z2-7]+=*$")],
    code: Code,
) -> Response:
    try:
        credentials.enable_totp(ctx.store, me, secret, code)
    except InputError as exc:
        uri = credentials.totp_uri(ctx.policy(), me.actor.name, secret)
        return _account(request, ctx, me, 400, error=exc.message,
                        totp={"secret": secret, "uri": uri})  # fmt: skip
    return _account(request, ctx, me, ok="动态口令已启用：以后登录时须输入它")


@router.post("/account/tokens", name="create_token", dependencies=[Self, CsrfChecked])
def create_token(
    request: Request,
    ctx: Ctx,
    me: Who,
    name: Annotated[str, Form(max_length=100)],
    days: Annotated[int, Form(ge=1, le=3650)],
) -> Response:
    try:
        made = credentials.create_token(ctx.store, ctx.policy(), me, name, days)
    except JixiaoError as exc:
        return _account(request, ctx, me, 400, error=exc.message)
    return _account(request, ctx, me, new_token=made)


@router.post(
    "/account/tokens/{token_id}/revoke", name="revoke_token", dependencies=[Self, CsrfChecked]
)
def revoke_token(
    request: Request, ctx: Ctx, me: Who, token_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> Response:
    credentials.revoke_token(ctx.store, me, token_id)
    return _account(request, ctx, me, ok=f"访问令牌 {token_id} 已撤销")
