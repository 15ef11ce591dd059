"""单位填报 in a real headless Chromium under the app's CSP (any blocked script fails the test):
a unit account uploads a table, opens a project's form, makes a vague target measurable and
sees the live finding disappear as the form saves itself; the same form at phone width (390 px).
Screenshots: ``test-artifacts/fill-*.png``."""

from __future__ import annotations

from typing import Any

import pytest

from .auth_helpers import PASSWORD, World
from .browser import shoot
from .helpers import SEED
from .test_web_browser_auth import _sign_in, page, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def test_upload_edit_and_the_live_finding_disappears(
    page: Any,  # noqa: F811
    site: tuple[str, World],  # noqa: F811
) -> None:
    url, world = site
    _sign_in(page, url, "unit_a", PASSWORD)
    page.get_by_test_id("nav-fill").click()
    page.get_by_test_id("upload-file").set_input_files(str(SEED))
    page.locator("#upload-year").fill("2031")
    page.get_by_test_id("upload-submit").click()
    page.get_by_test_id("upload-result").wait_for()
    assert page.get_by_test_id("reader-note").count() > 0
    shoot(page, "fill-1-uploaded")
    page.locator(f'a[href$="/projects/{world.project_a}/edit"]').first.click()
    page.get_by_test_id("project-form").wait_for()
    vague = page.locator('[data-testid="live-finding"][data-rule="measurability.vague"]').first
    notes = vague.locator("xpath=ancestor::div[contains(@class,'field-notes')]")
    key = notes.get_attribute("data-key")
    assert key and key.endswith((":cycle", ":annual"))
    shoot(page, "fill-2-form")
    ind = key.split(":")[1]
    for which in ("cycle", "annual"):  # a text written in both is said once, on cycle
        page.get_by_test_id(f"i:{ind}:{which}").fill("≥95%")
    typed = page.locator(f"#t-{ind}-annual [data-testid=typed-target]")
    typed.wait_for()
    assert typed.get_attribute("data-op") == "≥" and typed.get_attribute("data-unit") == "%"
    page.get_by_test_id("save-ok").wait_for()
    vague = f'#indicator-{ind} [data-rule="measurability.vague"]'
    page.wait_for_function(f"() => !document.querySelector('{vague}')")
    shoot(page, "fill-3-fixed")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.get_by_test_id("project-form").wait_for()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 400, f"the form is wider than a phone: {width}px"
    shoot(page, "fill-4-phone")
