"""Sign-in and permissions over the web app, on SQLite and PostgreSQL: every route × every
role (and anonymous) answers allowed / 401 / 403 as its declared permission says; object
scope (another unit's project is not found); CSRF; lockout; timeouts; tokens; headers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import text

from jixiao.services import accounts, credentials
from jixiao.services.policy import load_policy
from jixiao.settings import Settings
from jixiao.store import Store
from jixiao.web import create_app
from jixiao.web.auth import ANYONE, routes

from .auth_helpers import (
    ACCOUNTS,
    PASSWORD,
    UNIT_A,
    UNIT_B,
    World,
    csrf_of,
    make_world,
    sign_in,
    signed_in,
)
from .conftest import Backend
from .web_helpers import client_for, db_url

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def world(backend: Backend) -> Iterator[World]:
    with Store(backend.url, connect_args=backend.connect_args) as store:
        made = make_world(store, db_url(backend))
    yield made


def _url(path: str, w: World) -> str:
    values = {
        "document_id": str(w.ids.seed),
        "project_id": w.published_project,
        "token_id": "1",
        "comment_id": "1",
        "version": "1",
        "username": "nobody_here",
        "indicator_id": "00000000-0000-4000-8000-000000000000",
        "task_id": "1",
        "report_id": "1",
    }
    url = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)
    query = {
        "/api/v1/search": "?q=满意度",
        "/api/v1/compare": f"?before={w.ids.seed}&after={w.ids.later}",
    }
    return url + query.get(path, "")


# -- the matrix ----------------------------------------------------------------------------------
def test_every_route_declares_one_permission_known_to_the_policy(tmp_path: Path) -> None:
    app = create_app(Settings(db=str(tmp_path / "x.db")))
    policy = load_policy()
    declared = list(routes(app))
    assert len(declared) >= 39
    for method, path, permission in declared:
        assert permission == ANYONE or permission in policy.permissions, (method, path)


def test_every_route_and_its_permission_is_documented(tmp_path: Path) -> None:
    doc = (ROOT / "docs/security.md").read_text(encoding="utf-8")
    app = create_app(Settings(db=str(tmp_path / "x.db")))
    for method, path, permission in routes(app):
        assert f"| `{method} {path}` | `{permission}` |" in doc, (method, path)


def test_route_by_role_matrix(world: World) -> None:
    """Every route × every role and a visitor: allowed routes never answer 401/403 (nor 5xx);
    the others answer 401 to a visitor, 403 to an account (one database for every role)."""
    policy = load_policy()
    for who in [None, *ACCOUNTS]:
        granted = policy.anonymous if who is None else policy.roles[ACCOUNTS[who][0]].permissions
        with signed_in(world.db, who) as client:
            found = sorted(routes(client.app), key=lambda r: r[1] == "/logout")  # sign out last
            for method, path, permission in found:
                url = _url(path, world)
                if method == "GET":
                    response = client.get(url)
                else:
                    page = client.get("/account" if who else "/login").text
                    token = csrf_of(page) if "csrf" in page else ""
                    response = client.post(url, data={"csrf": token}, follow_redirects=False)
                allowed = permission == ANYONE or permission in granted
                where = f"{who or '匿名'} {method} {path}: {response.status_code}"
                if allowed:
                    assert response.status_code not in (401, 403), f"{where} {response.text[:200]}"
                    assert response.status_code < 500, where
                else:
                    assert response.status_code == (403 if who else 401), where


# -- object scope --------------------------------------------------------------------------------
def test_a_unit_account_reads_its_unit_and_nothing_else_of_a_draft(world: World) -> None:
    with signed_in(world.db, "unit_a") as client:
        mine = client.get(f"/api/v1/projects/{world.project_a}")
        assert mine.status_code == 200 and mine.json()["unit"] == UNIT_A
        other = client.get(f"/api/v1/projects/{world.project_b}")
        assert other.status_code == 404 and UNIT_B not in other.text
        assert client.get(f"/projects/{world.project_b}").status_code == 404
        listed = client.get("/api/v1/projects", params={"document_id": world.draft}).json()
        assert listed["total"] > 0 and {p["unit"] for p in listed["items"]} == {UNIT_A}
        indicators = client.get("/api/v1/indicators", params={"document_id": world.draft}).json()
        assert indicators["total"] > 0 and {i["unit"] for i in indicators["items"]} == {UNIT_A}
        for url in (f"/api/v1/documents/{world.draft}/aggregates",
                    f"/api/v1/documents/{world.draft}/export?format=csv",
                    f"/documents/{world.draft}"):  # fmt: skip
            assert client.get(url).status_code == 404, url
        home = client.get("/").text
        assert 'data-testid="own-projects"' in home and "（乙）" not in home
        # published documents stay readable to everyone
        assert client.get(f"/api/v1/projects/{world.published_project}").status_code == 200


def test_scope_follows_the_org_tree(world: World) -> None:
    with signed_in(world.db, "dep") as client:  # the department: the whole draft
        assert client.get(f"/api/v1/documents/{world.draft}/aggregates").status_code == 200
        assert client.get(f"/api/v1/projects/{world.project_b}").status_code == 200
    with signed_in(world.db, "fin") as client:  # finance (the root): everything
        assert client.get(f"/documents/{world.draft}").status_code == 200
    with signed_in(world.db, "view_b") as client:  # a viewer of 乙: 乙 only
        assert client.get(f"/api/v1/projects/{world.project_b}").status_code == 200
        assert client.get(f"/api/v1/projects/{world.project_a}").status_code == 404
    with signed_in(world.db, "aud") as client:  # an admin post: published data only
        assert client.get(f"/api/v1/projects/{world.project_a}").status_code == 404


def test_visitors_see_published_documents_only(world: World) -> None:
    with client_for(world.db) as client:
        listed = client.get("/api/v1/documents").json()
        assert world.draft not in {d["id"] for d in listed["items"]}
        assert world.ids.seed in {d["id"] for d in listed["items"]}
        assert client.get(f"/api/v1/projects/{world.project_a}").status_code == 404
        assert client.get(f"/api/v1/documents/{world.draft}").status_code == 404
        hits = client.get("/api/v1/search", params={"q": "（乙）"}).json()
        assert hits["total"] == 0
        assert "草稿局" not in client.get("/").text


# -- tokens --------------------------------------------------------------------------------------
def test_api_tokens_are_hashed_revocable_and_expire(world: World, backend: Backend) -> None:
    with signed_in(world.db, "unit_a") as client:
        page = client.get("/account").text
        made = client.post("/account/tokens", data={"csrf": csrf_of(page), "name": "脚本",
                                                    "days": "7"})  # fmt: skip
        secret = re.search(r'data-testid="new-token">([^<]+)<', made.text)
        assert secret
        token = secret.group(1)
    with client_for(world.db) as api:
        bearer = {"Authorization": f"Bearer {token}"}
        assert api.get(f"/api/v1/projects/{world.project_a}", headers=bearer).status_code == 200
        assert api.get(f"/api/v1/projects/{world.project_b}", headers=bearer).status_code == 404
        bad = api.get("/api/v1/documents", headers={"Authorization": "Bearer jx_nope"})
        assert bad.status_code == 401 and bad.json()["error"]["code"] == "unauthorized"
        assert "no-store" in api.get("/api/v1/documents", headers=bearer).headers["cache-control"]
    with Store(backend.url, connect_args=backend.connect_args) as store:
        with store.accounts() as rows:
            stored = rows.conn.execute(text("SELECT token_hash, prefix FROM api_tokens")).all()
        assert stored and all(token not in row[0] for row in stored)  # only a hash is kept
        policy = load_policy()
        later = datetime.now(UTC) + timedelta(days=8)
        with pytest.raises(Exception, match="过期"):
            credentials.token_principal(store, policy, token, "x", at=later)
    with signed_in(world.db, "unit_a") as client:
        page = client.get("/account").text
        token_id = re.search(r"/account/tokens/(\d+)/revoke", page)
        assert token_id
        client.post(f"/account/tokens/{token_id.group(1)}/revoke", data={"csrf": csrf_of(page)})
    with client_for(world.db) as api:
        assert api.get("/api/v1/documents", headers=bearer).status_code == 401


# -- CSRF ----------------------------------------------------------------------------------------
def test_every_form_needs_its_csrf_token(world: World) -> None:
    with signed_in(world.db, "unit_a") as client:
        change = {"old": PASSWORD, "new": "Another#2024y", "confirm": "Another#2024y"}
        assert client.post("/account/password", data=change).status_code == 403
        assert (
            client.post("/account/password", data={**change, "csrf": "x" * 64}).status_code == 403
        )
        token = csrf_of(client.get("/account").text)
        foreign = client.post("/account/password", data={**change, "csrf": token},
                              headers={"Origin": "https://evil.example"})  # fmt: skip
        assert foreign.status_code == 403
        assert client.post("/logout", data={}).status_code == 403
        assert client.get("/account").status_code == 200  # still signed in
    with client_for(world.db) as client:  # the login form: double-submit cookie
        client.get("/login")
        refused = client.post("/login", data={"username": "unit_a", "password": PASSWORD,
                                              "csrf": "forged"})  # fmt: skip
        assert refused.status_code == 403


def test_every_form_in_every_page_carries_a_csrf_field(world: World) -> None:
    class Forms(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.forms: list[tuple[str, bool]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag == "form":
                self.forms.append((str(a.get("method", "get")).lower(), False))
            elif tag == "input" and a.get("name") == "csrf" and self.forms:
                self.forms[-1] = (self.forms[-1][0], True)

    for who, pages in (("sys", ["/admin/users", "/account"]), ("sec", ["/admin/roles",
                        "/admin/policy"]), ("aud", ["/audit"]), (None, ["/login"])):  # fmt: skip
        with signed_in(world.db, who) as client:
            for url in pages:
                parser = Forms()
                parser.feed(client.get(url).text)
                posts = [f for f in parser.forms if f[0] == "post"]
                assert posts and all(has for _, has in posts), (who, url)


# -- lockout and timeouts ------------------------------------------------------------------------
def test_five_failures_lock_the_account_for_thirty_minutes(world: World, backend: Backend) -> None:
    with client_for(world.db) as client:
        for _ in range(5):
            assert sign_in(client, "unit_a", "wrong-Password1").status_code == 401
        locked = sign_in(client, "unit_a")
        assert locked.status_code == 401 and "锁定" in locked.text
    with Store(backend.url, connect_args=backend.connect_args) as store:
        policy = load_policy()
        with pytest.raises(Exception, match="账户已锁定"):  # from any address
            accounts.sign_in(store, policy, "unit_a", PASSWORD, "10.0.0.9")
        later = datetime.now(UTC) + timedelta(minutes=31)
        assert accounts.sign_in(store, policy, "unit_a", PASSWORD, "10.0.0.9", at=later)
        with store.accounts() as rows:
            events = [r.event for r in rows.audit_all(_everything())]
    assert events.count("登录失败") >= 6 and "账户锁定" in events and "地址锁定" in events


def test_failures_from_one_address_lock_that_address(backend: Backend) -> None:
    with Store(backend.url, connect_args=backend.connect_args) as store:
        make_world(store, db_url(backend))
        policy = load_policy()
        for n in range(5):  # five different names, one address
            with pytest.raises(Exception, match="用户名或密码错误"):
                accounts.sign_in(store, policy, f"guess{n}", "nope", "10.1.1.1")
        with pytest.raises(Exception, match="来自该地址"):
            accounts.sign_in(store, policy, "dep", PASSWORD, "10.1.1.1")
        assert accounts.sign_in(store, policy, "dep", PASSWORD, "10.2.2.2")


def test_sessions_end_when_idle_and_at_their_absolute_lifetime(backend: Backend) -> None:
    with Store(backend.url, connect_args=backend.connect_args) as store:
        make_world(store, db_url(backend))
        policy = load_policy()
        start = datetime.now(UTC)
        signed = accounts.sign_in(store, policy, "dep", PASSWORD, "a", at=start)
        at = start + timedelta(minutes=29)
        assert accounts.session_principal(store, policy, signed.cookie, "a", at=at)
        idle = at + timedelta(minutes=31)
        assert accounts.session_principal(store, policy, signed.cookie, "a", at=idle) is None
        # kept busy, a session still ends after its absolute lifetime (8 hours)
        signed = accounts.sign_in(store, policy, "dep", PASSWORD, "a", at=start)
        at = start
        while at < start + timedelta(hours=8):
            assert accounts.session_principal(store, policy, signed.cookie, "a", at=at)
            at += timedelta(minutes=20)
        assert accounts.session_principal(store, policy, signed.cookie, "a", at=at) is None
        with store.accounts() as rows:
            reasons = [r.detail.get("reason") for r in rows.audit_all(_everything())
                       if r.event == "会话结束"]  # fmt: skip
    assert reasons == ["空闲超时", "超过会话最长时间"]


def test_an_idle_web_session_is_signed_out_on_the_server(world: World, backend: Backend) -> None:
    with signed_in(world.db, "unit_a") as client:
        assert client.get("/account").status_code == 200
        old = (datetime.now(UTC) - timedelta(minutes=31)).isoformat(timespec="seconds")
        with (
            Store(backend.url, connect_args=backend.connect_args) as store,
            store.accounts(write=True) as rows,
        ):
            rows.conn.execute(text("UPDATE sessions SET last_seen_at = :t"), {"t": old})
        response = client.get("/account")
        assert response.status_code == 401 and "需要登录" in response.text
        assert "jixiao_session=" in response.headers.get("set-cookie", "")  # cleared


def test_sign_out_deletes_the_session(world: World, backend: Backend) -> None:
    with signed_in(world.db, "unit_a") as client:
        cookie = client.cookies.get("jixiao_session")
        token = csrf_of(client.get("/account").text)
        assert (
            client.post("/logout", data={"csrf": token}, follow_redirects=False).status_code == 303
        )
        client.cookies.set("jixiao_session", cookie or "")
        assert client.get("/account").status_code == 401
    with Store(backend.url, connect_args=backend.connect_args) as store, store.accounts() as rows:
        assert rows.conn.execute(text("SELECT count(*) FROM sessions")).scalar() == 0


def test_the_session_cookie_is_httponly_and_samesite(world: World) -> None:
    with client_for(world.db) as client:
        response = sign_in(client, "unit_a")
        cookie = response.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
        assert "secure" not in cookie.lower()  # plain HTTP here; Secure over HTTPS


# -- passwords -----------------------------------------------------------------------------------
def test_an_admin_set_password_is_changed_at_first_sign_in(world: World) -> None:
    with signed_in(world.db, "sys") as admin:
        page = admin.get("/admin/users").text
        made = admin.post("/admin/users", data={"csrf": csrf_of(page), "username": "newbie",
                          "display_name": "新人", "password": "Initial#2024",
                          "org": ""}, follow_redirects=False)  # fmt: skip
        assert made.status_code == 303
    with client_for(world.db) as client:
        first = sign_in(client, "newbie", "Initial#2024")
        assert first.status_code == 303 and first.headers["location"] == "/account"
        assert client.get("/api/v1/documents").status_code == 200  # public data only
        notice = client.get("/").text
        assert 'data-testid="account-notice"' in notice
        token = csrf_of(client.get("/account").text)
        weak = client.post("/account/password", data={"csrf": token, "old": "Initial#2024",
                           "new": "short", "confirm": "short"})  # fmt: skip
        assert weak.status_code == 400, weak.text[-1500:]
        assert "至少 8 个字符" in weak.text
        named = client.post("/account/password", data={"csrf": token, "old": "Initial#2024",
                            "new": "xNewbie#2024", "confirm": "xNewbie#2024"})  # fmt: skip
        assert named.status_code == 400 and "不得包含用户名" in named.text
        same = client.post("/account/password", data={"csrf": token, "old": "Initial#2024",
                           "new": "Initial#2024", "confirm": "Initial#2024"})  # fmt: skip
        assert same.status_code == 400 and "最近 5 次" in same.text
        ok = client.post("/account/password", data={"csrf": token, "old": "Initial#2024",
                         "new": "Changed#2024", "confirm": "Changed#2024"},
                         follow_redirects=False)  # fmt: skip
        assert ok.status_code == 303
        assert 'data-testid="account-notice"' not in client.get("/").text


def test_admin_posts_are_kept_apart(world: World) -> None:
    with signed_in(world.db, "sec") as client:
        page = client.get("/admin/roles").text
        both = client.post("/admin/roles/fin", data={"csrf": csrf_of(page),
                           "role": ["audit_admin", "finance_reviewer"]})  # fmt: skip
        assert both.status_code == 400 and "三员分立" in both.text
        ok = client.post("/admin/roles/fin", data={"csrf": csrf_of(page), "role": ["viewer"],
                         "org": "财政"}, follow_redirects=False)  # fmt: skip
        assert ok.status_code == 303
    with signed_in(world.db, "sys") as client:  # the 系统管理员 cannot grant roles
        assert client.get("/admin/roles").status_code == 403


def test_the_policy_refuses_an_admin_post_with_business_permissions(tmp_path: Path) -> None:
    from jixiao.errors import ConfigError

    bad = tmp_path / "bad.toml"
    role = '[roles.audit_admin]\nname = "审计管理员"\nadmin = true\n'
    bad.write_text(role + 'permissions = ["audit.read", "documents.write"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="不得有修改业务数据的权限"):
        load_policy(bad)


def test_a_second_factor_is_asked_once_enabled(world: World) -> None:
    import pyotp

    with signed_in(world.db, "aud") as client:
        page = client.get("/account/totp").text
        secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page)
        assert secret
        code = pyotp.TOTP(secret.group(1)).now()
        done = client.post("/account/totp", data={"csrf": csrf_of(page),
                           "secret": secret.group(1), "code": code})  # fmt: skip
        assert done.status_code == 200 and "动态口令已启用" in done.text
    with client_for(world.db) as client:
        missing = sign_in(client, "aud")
        assert missing.status_code == 401 and "请输入动态口令" in missing.text
        ok = sign_in(client, "aud", code=pyotp.TOTP(secret.group(1)).now())
        assert ok.status_code == 303


# -- audit ---------------------------------------------------------------------------------------
def _everything() -> object:
    from jixiao.store.audit import AuditFilter

    return AuditFilter(limit=10_000)


def test_the_audit_admin_reads_filters_and_exports_the_log(world: World) -> None:
    from openpyxl import load_workbook

    with client_for(world.db) as client:
        sign_in(client, "dep", "wrong-Password1")
    with signed_in(world.db, "aud") as client:
        page = client.get("/audit", params={"event": "登录失败"}).text
        rows = re.findall(r'data-testid="audit-row" data-event="([^"]+)"', page)
        assert rows and set(rows) == {"登录失败"}
        assert "dep" in page
        exported = client.get("/audit/export.xlsx", params={"actor": "dep"})
        assert exported.status_code == 200
        sheet = load_workbook(BytesIO(exported.content)).active
        assert sheet is not None
        values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
        assert values and all("dep" in str(v[2]) for v in values)
        again = client.get("/audit", params={"event": "导出审计日志"}).text
        assert 'data-event="导出审计日志"' in again  # the export is audited
        assert 'data-event="查询审计日志"' in client.get("/audit").text
    with signed_in(world.db, "dep") as client:
        assert client.get("/audit").status_code == 403


# -- headers and limits --------------------------------------------------------------------------
def test_every_response_has_the_security_headers(world: World) -> None:
    with client_for(world.db) as client:
        for url in ("/", "/login", "/docs", "/api/v1/documents", "/openapi.json",
                    "/static/app.css", "/no/such/page", "/api/v1/projects/x"):  # fmt: skip
            headers = client.get(url).headers
            csp = headers["content-security-policy"]
            assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp, url
            assert headers["x-content-type-options"] == "nosniff", url
            assert headers["referrer-policy"] == "same-origin", url
            assert headers["x-frame-options"] == "DENY", url


def test_no_page_has_an_inline_script(world: World) -> None:
    class Scripts(HTMLParser):
        inline = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag == "script" and not a.get("src") and a.get("type") != "application/json":
                self.inline += 1
            if any(k.startswith("on") for k in a):
                self.inline += 1

    with signed_in(world.db, "fin") as client:
        for url in ("/", f"/documents/{world.ids.seed}", f"/projects/{world.published_project}",
                    "/search?q=满意度", "/compare", "/docs", "/account", "/login"):  # fmt: skip
            parser = Scripts()
            parser.feed(client.get(url).text)
            assert parser.inline == 0, url


def test_a_request_body_over_the_limit_is_refused(world: World) -> None:
    with client_for(world.db, max_body_kb=16) as client:
        big = client.post("/login", data={"username": "x" * 20_000})
        assert big.status_code == 413 and big.json()["error"]["code"] == "too_large"
