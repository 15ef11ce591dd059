"""The acceptance journey of the target workflow in a real headless Chromium, under the app's
CSP (any blocked script or JavaScript error fails the test), with three users and a visitor:

1. the unit (单位填报) uploads a one-project table, edits the indicator whose target is vague
   and sees the live finding disappear as the form saves itself, and sends it (送审);
2. the department reviewer (主管部门审核) finds it in the 待办, comments on one indicator and
   returns it (退回, with its reason);
3. the unit sees what to change, answers the comment, fixes the indicator and sends it again;
4. the reviewer sees what changed since the last round and passes it (审核通过);
5. finance (财政审核) passes it, gives 终审 and 批复, and publishes it (公开);
6. a visitor without an account then reads it;
7. the unit starts an adjustment (调整) of the approved project.

The new pages at phone width (390 px) do not overflow. Screenshots of each step:
``test-artifacts/journey-*.png``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jixiao.export import get as get_format
from jixiao.ingest.files import read_path

from .auth_helpers import PASSWORD, World
from .browser import shoot
from .helpers import SEED
from .test_web_browser_auth import _sign_in, site  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

PROJECT = "基础研究计划"
"""A project of the seed with one vague target (measurability.vague)."""


def one_project_table(folder: Path) -> Path:
    """The seed's :data:`PROJECT` alone, as the official layout's text (what a unit uploads)."""
    seed = read_path(SEED)[0]
    doc = copy.deepcopy(seed)
    unit = next(u for u in doc.units if any(p.name == PROJECT for p in u.projects))
    unit.projects = [p for p in unit.projects if p.name == PROJECT]
    unit.funds = copy.deepcopy(unit.projects[0].funds)
    doc.funds = copy.deepcopy(unit.funds)
    doc.units = [unit]
    doc.source = None
    path = folder / "项目支出绩效目标表.txt"
    path.write_bytes(b"".join(get_format("text").export([doc])))
    return path


class People:
    """One browser context per user, each collecting its page's JavaScript and CSP errors."""

    def __init__(self, browser: Any, url: str) -> None:
        self.browser, self.url = browser, url
        self.contexts: list[Any] = []
        self.errors: list[str] = []

    def open(self, username: str | None) -> Any:
        context = self.browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: self.errors.append(f"{username}: {exc}"))
        page.on(
            "console",
            lambda msg: (
                self.errors.append(f"{username}: {msg.text}") if msg.type == "error" else None
            ),
        )
        page.set_default_timeout(20_000)
        if username is not None:
            _sign_in(page, self.url, username, PASSWORD)
            assert page.get_by_test_id("account-link").count() == 1, username
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def people(browser: Any, site: tuple[str, World]) -> Iterator[People]:  # noqa: F811
    found = People(browser, site[0])
    try:
        yield found
    finally:
        found.close()
    assert not found.errors, f"JavaScript or CSP errors on the pages: {found.errors}"


def state_of(page: Any) -> str:
    return str(page.get_by_test_id("wf-state").get_attribute("data-state"))


def act(page: Any, action: str, reason: str = "") -> None:
    """Press one of the workflow panel's action buttons and wait for the page to come back."""
    if reason:
        page.get_by_test_id(f"reason-{action}").fill(reason)
    page.get_by_test_id(f"do-{action}").click()
    page.get_by_test_id("flash-ok").wait_for()


WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 392
    || (e.scrollWidth > e.clientWidth + 2 && getComputedStyle(e).overflowX === 'visible'))
  .slice(0, 8).map(e => `${e.tagName}.${e.className} ${e.getAttribute('data-testid') || ''}`)"""


def no_overflow(page: Any, path: str) -> None:
    page.goto(path)
    page.wait_for_load_state()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    wide = page.evaluate(WIDE)  # what sticks out, to say where
    assert width <= 400, f"{path} is wider than a phone: {width}px: {wide}"


def test_three_users_fill_review_return_pass_publish_and_adjust(
    people: People,
    site: tuple[str, World],  # noqa: F811
    tmp_path: Path,
) -> None:
    url, _world = site
    table = one_project_table(tmp_path)

    # 1. the unit uploads, fixes the vague target live, and sends the project
    unit = people.open("unit_a")
    unit.get_by_test_id("nav-fill").click()
    unit.get_by_test_id("upload-file").set_input_files(str(table))
    unit.locator("#upload-year").fill("2033")
    unit.get_by_test_id("upload-submit").click()
    unit.get_by_test_id("upload-result").wait_for()
    assert unit.get_by_test_id("uploaded-project").count() == 1
    shoot(unit, "journey-1-uploaded")
    unit.get_by_test_id("uploaded-project").click()
    unit.get_by_test_id("project-form").wait_for()
    project = unit.url.split("/projects/")[1].split("/")[0]
    vague = unit.locator('[data-testid="live-finding"][data-rule="measurability.vague"]').first
    notes = vague.locator("xpath=ancestor::div[contains(@class,'field-notes')]")
    key = notes.get_attribute("data-key")
    assert key and key.endswith((":cycle", ":annual"))
    ind = key.split(":")[1]
    for which in ("cycle", "annual"):
        unit.get_by_test_id(f"i:{ind}:{which}").fill("≥4家")
    unit.get_by_test_id("save-ok").wait_for()
    gone = f'#indicator-{ind} [data-rule="measurability.vague"]'
    unit.wait_for_function(f"() => !document.querySelector('{gone}')")
    shoot(unit, "journey-2-fixed-live")
    unit.goto(f"{url}/projects/{project}")
    assert state_of(unit) == "draft"
    act(unit, "submit")
    assert state_of(unit) == "submitted"
    assert unit.get_by_test_id("do-withdraw").count() == 1  # 取消送审 until the department acts
    shoot(unit, "journey-3-submitted")

    # 2. the department reviewer: 待办, a comment on one indicator, 退回 with its reason
    dep = people.open("dep")
    assert dep.get_by_test_id("header-unread").count() == 1  # told of the submission
    dep.get_by_test_id("nav-inbox").click()
    assert dep.get_by_test_id("count-todo").inner_text() == "1"
    dep.locator(f'[data-testid="inbox-entry"][data-project="{project}"] a').click()
    dep.get_by_test_id("workflow").wait_for()
    assert dep.get_by_test_id("disposable").count() > 0  # the rule findings, to dispose of
    dep.get_by_test_id("remark-target").select_option(index=1)
    commented = dep.get_by_test_id("remark-target").input_value()
    dep.get_by_test_id("remark-text").fill("请在指标解释中写明指标值的测算依据")
    dep.get_by_test_id("remark-submit").click()
    dep.get_by_test_id("flash-ok").wait_for()
    assert dep.get_by_test_id("comment").count() == 1
    act(dep, "return", "请按审核意见补充后再送审")
    assert state_of(dep) == "returned"
    shoot(dep, "journey-4-returned")

    # 3. the unit: what to change, an answer, the fix, sent again
    unit.goto(f"{url}/projects/{project}")
    assert state_of(unit) == "returned"
    unit.get_by_test_id("to-change").wait_for()
    assert unit.get_by_test_id("edit-to-fix").count() == 1
    assert "测算依据" in unit.get_by_test_id("comment-text").inner_text()
    unit.get_by_test_id("answer-text").fill("已在指标解释中补充测算依据")
    unit.get_by_test_id("answer-submit").click()
    unit.get_by_test_id("flash-ok").wait_for()
    assert unit.get_by_test_id("answer").count() == 1
    assert unit.get_by_test_id("to-change").count() == 0  # nothing left unanswered
    unit.get_by_test_id("edit-link").click()
    unit.get_by_test_id("project-form").wait_for()
    unit.get_by_test_id(f"i:{commented}:explanation").fill("按年度计划数测算")
    unit.get_by_test_id("save-ok").wait_for()
    shoot(unit, "journey-5-answered-and-fixed")
    unit.goto(f"{url}/projects/{project}")
    act(unit, "submit")
    assert state_of(unit) == "submitted"

    # 4. the reviewer sees what changed since the last round and passes it
    dep.goto(f"{url}/projects/{project}")
    changes = dep.get_by_test_id("changes")
    changes.wait_for()
    assert "按年度计划数测算" in changes.inner_text()
    assert "已在指标解释中补充测算依据" in dep.get_by_test_id("answer").inner_text()
    shoot(dep, "journey-6-changes")
    act(dep, "approve")
    assert state_of(dep) == "department_approved"

    # 5. finance: 审核通过, 终审, 批复, 公开
    fin = people.open("fin")
    fin.get_by_test_id("nav-inbox").click()
    fin.locator(f'[data-testid="inbox-entry"][data-project="{project}"] a').click()
    for action, reached in (("approve", "finance_approved"), ("final", "final_approved"),
                            ("reply", "approved"), ("publish", "published")):  # fmt: skip
        act(fin, action)
        assert state_of(fin) == reached, action
    steps = fin.get_by_test_id("step")
    assert steps.count() == 8 and steps.first.get_attribute("data-action") == "publish"
    shoot(fin, "journey-7-published")

    # 6. a visitor without an account reads it (the document is published)
    visitor = people.open(None)
    visitor.goto(f"{url}/projects/{project}")
    assert visitor.get_by_test_id("project-name").inner_text() == PROJECT
    assert visitor.get_by_test_id("workflow").count() == 0
    assert visitor.get_by_test_id("export-xlsx").count() == 1
    shoot(visitor, "journey-8-public")

    # 7. the unit starts an adjustment; the approved version stays as it is
    unit.goto(f"{url}/projects/{project}")
    unit.get_by_test_id("adjust").locator("summary").click()
    unit.get_by_test_id("adjust-kind").select_option("项目内容变更")
    unit.get_by_test_id("adjust-reason").fill("增加一项满意度指标")
    unit.get_by_test_id("adjust-submit").click()
    unit.get_by_test_id("adjusting").wait_for()
    assert state_of(unit) == "draft" and unit.get_by_test_id("old-version").count() == 1
    assert unit.get_by_test_id("edit-link").inner_text() == "修改调整稿"
    shoot(unit, "journey-9-adjustment")

    # the new pages at phone width
    unit.set_viewport_size({"width": 390, "height": 844})
    for path in (f"/projects/{project}", "/inbox", f"/projects/{project}/edit"):
        no_overflow(unit, url + path)
    shoot(unit, "journey-10-phone-edit")
    dep.set_viewport_size({"width": 390, "height": 844})
    no_overflow(dep, f"{url}/projects/{project}")
    shoot(dep, "journey-11-phone-review")
    fin.set_viewport_size({"width": 390, "height": 844})
    for path in ("/overview", "/inbox?tab=done"):
        no_overflow(fin, url + path)
    shoot(fin, "journey-12-phone-overview")
