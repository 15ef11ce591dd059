"""Tasks in a real headless Chromium under the app's CSP (any blocked script fails the test):
finance issues a monitoring task; a unit fills its report — the light of an indicator turns
red as the value is typed, the reason and measure are given — and sends it; finance sees the
red light in the overview (with its charts); then a self-evaluation is issued, filled with a
score picked within its band, scored live, sent, approved by the department and finance, and
its 自评表 exported. Screenshots: ``test-artifacts/tasks-*.png``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from jixiao.store import Store

from .browser import serving, shoot
from .tasks import DEPARTMENT, PASSWORD, TRAINING, YEAR, make_people
from .test_web_browser_auth import _sign_in, page  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("tasks-site") / "site.db")
    with Store(db) as store:
        make_people(store)
    with serving(db) as url:
        yield url


def _as(pg: Any, url: str, username: str) -> None:
    pg.context.clear_cookies()
    _sign_in(pg, url, username, PASSWORD)
    pg.get_by_test_id("nav-tasks").click()
    pg.get_by_test_id("task-list").wait_for()


def _issue(pg: Any, url: str, kind: str) -> None:
    _as(pg, url, "fin")
    pg.get_by_test_id("task-new").click()
    pg.get_by_test_id("issue-kind").select_option(kind)
    pg.get_by_test_id("issue-year").fill(str(YEAR))
    pg.get_by_test_id("issue-deadline").fill(f"{YEAR}-07-20")
    pg.get_by_test_id("issue-departments").fill(DEPARTMENT)
    pg.get_by_test_id("issue-submit").click()
    pg.get_by_test_id("issued").wait_for()


def _open_report(pg: Any, title: str) -> None:
    pg.get_by_test_id("task-link").filter(has_text=title).click()
    pg.get_by_test_id("report-link").filter(has_text=TRAINING).click()
    pg.get_by_test_id("report-form").wait_for()


def _row(pg: Any, name: str) -> Any:
    return pg.locator(f'tr[data-testid="indicator"][data-name="{name}"]')


def _act(pg: Any, action: str) -> None:
    pg.get_by_test_id(f"action-{action}").click()
    pg.get_by_test_id("done").wait_for()


def test_monitoring_then_selfevaluation_end_to_end(page: Any, site: str) -> None:  # noqa: F811
    url = site
    _issue(page, url, "monitoring")
    shoot(page, "tasks-1-issued")

    _as(page, url, "unit_a")
    assert "待填报 2" in page.get_by_test_id("task-list").inner_text()
    _open_report(page, "运行监控")
    page.get_by_test_id("b:spent").fill("100")
    values = {"培训人数": "30人", "培训合格率": "96%", "办结时限": "6天", "就业能力": "部分完成",
              "学员满意度": "92%"}  # fmt: skip
    for name, current in values.items():
        _row(page, name).get_by_test_id("possibility").select_option("确定能")
        _row(page, name).get_by_test_id("current").fill(current)
    late = _row(page, "办结时限").locator("[data-light]")
    page.wait_for_function(
        "() => document.querySelector('tr[data-name=\"办结时限\"] [data-light]')"
        ".dataset.light === 'red'"
    )
    assert late.inner_text() == "红灯"
    assert _row(page, "培训人数").locator("[data-light]").get_attribute("data-light") == "yellow"
    assert "须填写偏差原因" in page.get_by_test_id("problems").inner_text()
    shoot(page, "tasks-2-red-light")
    _row(page, "办结时限").get_by_test_id("reasons").select_option(["采购程序影响"])
    _row(page, "办结时限").get_by_test_id("other_reason").fill("招标延期")
    _row(page, "办结时限").get_by_test_id("measures").fill("加快审批，8月底前办结")
    page.get_by_test_id("a:deviation").fill("办结时限超期，已制定整改计划。")
    page.get_by_test_id("complete").wait_for()
    page.get_by_test_id("save").click()
    page.get_by_test_id("saved").wait_for()
    _act(page, "submit")
    assert page.get_by_test_id("report-state").inner_text() == "待主管部门审核"
    shoot(page, "tasks-3-submitted")

    _as(page, url, "fin")
    page.get_by_test_id("overview-link").first.click()
    page.get_by_test_id("overview-table").wait_for()
    lights = page.get_by_test_id("row-light")
    assert lights.count() == 1 and lights.first.inner_text() == "红灯"
    assert page.get_by_test_id("deviation").count() == 3
    assert "采购程序影响：招标延期" in page.get_by_test_id("deviations").inner_text()
    page.locator('#chart-main[data-rendered="true"]').wait_for()
    shoot(page, "tasks-4-overview")

    _issue(page, url, "selfeval")
    _as(page, url, "unit_a")
    _open_report(page, "绩效自评")
    page.get_by_test_id("b:full_year").fill("200")
    page.get_by_test_id("b:executed").fill("190")
    actuals = {"培训人数": "120人", "培训合格率": "90%", "办结时限": "6天", "就业能力": "基本完成",
               "学员满意度": "95%"}  # fmt: skip
    for name, actual in actuals.items():
        _row(page, name).get_by_test_id("actual").fill(actual)
        if name in ("培训合格率", "办结时限", "就业能力"):
            _row(page, name).get_by_test_id("deviation").fill("已分析原因并整改")
    band = _row(page, "就业能力").locator("small")
    page.wait_for_function(
        "() => document.querySelector('tr[data-name=\"就业能力\"] small').textContent"
        ".includes('部分达成')"
    )
    assert "18 到 24 分" in band.inner_text()
    _row(page, "就业能力").get_by_test_id("manual-score").fill("20")
    said = {"goal_result": "完成年度培训任务。", "conclusion": "总体较好。",
            "problems": "合格率未达标。", "improvements": "加强过程考核。"}  # fmt: skip
    for key, text in said.items():
        page.get_by_test_id(f"c:{key}").fill(text)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=live-total]').textContent.trim() === '86.97'"
    )
    assert page.get_by_test_id("live-grade").inner_text().strip() == "良"
    shoot(page, "tasks-5-selfeval-scored")
    page.get_by_test_id("save").click()
    page.get_by_test_id("saved").wait_for()
    _act(page, "submit")

    for who, action in (("dep", "department_approve"), ("fin", "finance_approve")):
        _as(page, url, who)
        _open_report(page, "绩效自评")
        _act(page, action)
    assert page.get_by_test_id("report-state").inner_text() == "已审核"
    with page.expect_download() as got:
        page.get_by_test_id("export-xlsx").click()
    download = got.value
    assert download.suggested_filename == f"自评表-{TRAINING}-{YEAR}.xlsx"
    assert download.path() is not None
    shoot(page, "tasks-6-approved")

    # the department's dashboard charts the latest lights and grades, within their cards at 390 px
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url + "/")
    page.get_by_test_id("department").filter(has_text=DEPARTMENT).locator("a").first.click()
    page.get_by_test_id("dashboard-tasks").wait_for()
    for chart in ("chart-lights", "chart-grades"):
        page.locator(f'[data-testid={chart}][data-rendered="true"] canvas').first.wait_for()
    assert "红灯 1" in (page.get_by_test_id("tasks-lights-counts").text_content() or "")
    page.wait_for_function(
        """() => ['chart-lights', 'chart-grades'].every(id => {
            const el = document.getElementById(id);
            const canvas = el.querySelector('canvas').getBoundingClientRect();
            const card = el.closest('.card').getBoundingClientRect();
            return canvas.width > 0 && canvas.width <= card.width + 0.5
                && card.right <= document.documentElement.clientWidth + 0.5;
        })"""
    )
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    shoot(page, "tasks-7-dashboard-phone")
