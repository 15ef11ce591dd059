"""Signing in, in a real headless Chromium (under the app's Content-Security-Policy: any
blocked script or style shows as a console error and fails the test): a unit account sees
only its unit; five wrong passwords lock the account; the 审计管理员 sees those events."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from jixiao.store import Store

from .auth_helpers import PASSWORD, UNIT_A, UNIT_B, World, make_world
from .browser import serving, shoot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, World]]:
    db = str(tmp_path_factory.mktemp("auth-site") / "site.db")
    with Store(db) as store:
        world = make_world(store, db)
    with serving(db) as url:
        yield url, world


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()
    # a failed sign-in (401) and another unit's project (404) are answers the tests expect:
    # the browser logs them as failed resources, nothing more
    expected = ("status of 401", "status of 404")
    real = [e for e in errors if not any(x in e for x in expected)]
    assert not real, f"JavaScript or CSP errors on the page: {real}"


def _sign_in(page: Any, url: str, username: str, password: str) -> None:
    page.goto(f"{url}/login")
    page.get_by_test_id("username").fill(username)
    page.get_by_test_id("password").fill(password)
    page.get_by_test_id("login-submit").click()
    page.wait_for_load_state()


def test_a_unit_account_sees_only_its_unit(page: Any, site: tuple[str, World]) -> None:
    url, world = site
    _sign_in(page, url, "unit_a", PASSWORD)
    assert page.get_by_test_id("account-link").inner_text().strip() == "测试 unit_a"
    own = page.get_by_test_id("own-project")
    own.first.wait_for()
    units = {own.nth(i).locator("td").nth(2).inner_text() for i in range(own.count())}
    assert units == {UNIT_A}
    shoot(page, "unit-home")
    own.first.locator("a").click()
    page.wait_for_load_state()
    assert UNIT_A in page.content()
    page.goto(f"{url}/projects/{world.project_b}")
    assert page.get_by_test_id("error").is_visible() and UNIT_B not in page.content()
    page.get_by_test_id("logout").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("login-link").is_visible()


def test_five_wrong_passwords_lock_and_the_auditor_sees_it(
    page: Any, site: tuple[str, World]
) -> None:
    url, _ = site
    for _ in range(5):
        _sign_in(page, url, "view_b", "Wrong#Password1")
        assert "用户名或密码错误" in page.get_by_test_id("login-error").inner_text()
    _sign_in(page, url, "view_b", PASSWORD)
    assert "锁定" in page.get_by_test_id("login-error").inner_text()
    shoot(page, "locked")
    page.context.clear_cookies()  # the address is locked too: the auditor signs in elsewhere
    page.context.set_extra_http_headers({})
    # unlock the test machine's address, as 30 minutes would
    with Store(site[1].db) as store, store.accounts(write=True) as rows:
        rows.clear_address("127.0.0.1")
    _sign_in(page, url, "aud", PASSWORD)
    page.get_by_test_id("nav-audit").click()
    page.get_by_test_id("filter-actor").fill("view_b")
    page.get_by_test_id("audit-search").click()
    page.wait_for_load_state()
    events = page.get_by_test_id("audit-row").evaluate_all("rows => rows.map(r => r.dataset.event)")
    assert events.count("登录失败") >= 6 and "账户锁定" in events
    shoot(page, "audit")


def test_the_api_docs_run_under_the_csp(page: Any, site: tuple[str, World]) -> None:
    url, _ = site
    page.goto(f"{url}/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.locator(".swagger-ui .opblock").count() >= 10
