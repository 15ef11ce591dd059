"""The web UI in a real headless Chromium (Playwright driving Debian's /usr/bin/chromium).

Each test walks a user's path through the live app over the seed and a later year of it, checks
what a person would see, fails on any JavaScript error, and saves a screenshot under
``test-artifacts/``. Fixtures: tests/browser.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from jixiao.store import Store

from .browser import Site, shoot
from .selfeval import ACTUAL, FIRST, SCORE

pytestmark = pytest.mark.browser


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
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_home_search_and_open_a_hit(page: Any, site: Site) -> None:
    page.goto(site.url + "/")
    departments = page.get_by_test_id("department")
    assert departments.count() >= 1
    assert "广州市科学技术局" in page.get_by_test_id("departments").inner_text()
    shoot(page, "home")

    box = page.get_by_test_id("search-box")
    box.fill("满意度")
    box.press("Enter")
    page.wait_for_url("**/search?*")
    hits = page.get_by_test_id("hit")
    hits.first.wait_for()
    assert hits.count() >= 5
    marks = page.locator("[data-testid=hit] mark")
    assert marks.first.inner_text() == "满意度"
    shoot(page, "search")

    link = hits.first.locator("a").first
    name = link.inner_text()
    link.click()
    page.wait_for_url("**/projects/*")
    assert page.get_by_test_id("project-name").inner_text() == name


def test_live_search_as_you_type(page: Any, site: Site) -> None:
    page.goto(site.url + "/search")
    page.get_by_test_id("search-box").press_sequentially("科普", delay=50)
    # htmx swaps the hit list in without a page load; a two-character term uses LIKE
    page.locator("[data-testid=hit] mark", has_text="科普").first.wait_for()
    assert "q=" in page.url
    assert "科普" in page.get_by_test_id("hit-count").inner_text()


def test_dashboard_draws_its_charts(page: Any, site: Site) -> None:
    page.goto(f"{site.url}/documents/{site.seed_id}")
    assert page.get_by_test_id("dashboard-title").inner_text() == "广州市科学技术局"
    charts = (
        "chart-money",
        "chart-classes",
        "chart-quantified",
        "chart-dimensions",
        "chart-findings",
    )
    for chart in charts:
        canvas = page.locator(f"[data-testid={chart}] canvas")
        canvas.first.wait_for()
        box = canvas.first.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100, chart
        drawn = page.evaluate(
            """id => {
                const chart = echarts.getInstanceByDom(document.getElementById(id));
                return chart ? chart.getOption().series.map(s => (s.data || []).length) : null;
            }""",
            chart,
        )
        assert drawn and all(n > 0 for n in drawn), f"{chart}: {drawn}"
    assert page.get_by_test_id("worst-project").count() >= 5
    assert page.get_by_test_id("score").inner_text().strip()
    shoot(page, "dashboard")


CHARTS = ("chart-money", "chart-classes", "chart-quantified", "chart-dimensions", "chart-findings")


def _chart_overflow(page: Any) -> list[str]:
    """Charts whose canvas is wider than their card, or whose card is wider than the page."""
    found: list[str] = page.evaluate(
        """ids => ids.filter(id => {
            const el = document.getElementById(id);
            const card = el.closest('.card').getBoundingClientRect();
            const canvas = el.querySelector('canvas').getBoundingClientRect();
            return canvas.width > card.width + 0.5 || canvas.right > card.right + 0.5
                || card.right > document.documentElement.clientWidth + 0.5;
        })""",
        list(CHARTS),
    )
    return found


def test_dashboard_charts_fit_their_cards_on_a_phone(page: Any, site: Site) -> None:
    """At 390 px the charts are drawn as wide as their card, and nothing scrolls sideways;
    turned back to a wide window and to a phone again, they follow their card."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site.url}/documents/{site.seed_id}")
    for chart in CHARTS:
        page.locator(f"[data-testid={chart}] canvas").first.wait_for()
    assert _chart_overflow(page) == []
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the dashboard is wider than a phone: {width}px"
    shoot(page, "dashboard-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.wait_for_timeout(400)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function(
        """ids => ids.every(id => {
            const el = document.getElementById(id);
            return el.querySelector('canvas').getBoundingClientRect().width
                <= el.closest('.card').getBoundingClientRect().width + 0.5;
        })""",
        arg=list(CHARTS),
    )
    assert _chart_overflow(page) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390


def _project_with_inline_finding(db: str) -> tuple[str, str]:
    """A project of the seed with a finding about one of its indicators (the store says which)."""
    with Store(db) as store:
        for project in store.projects_page(_seed_filter(store)).items:
            for finding in store.project(project.id).findings:
                if finding.indicator is not None and finding.severity == "error":
                    return project.id, finding.rule
    raise AssertionError("the seed has no error finding about an indicator")


def _seed_filter(store: Store) -> Any:
    from jixiao.store import ProjectFilter

    return ProjectFilter(department="广州市科学技术局", limit=500)


def test_project_page_shows_findings_inline(page: Any, site: Site) -> None:
    project_id, rule = _project_with_inline_finding(site.db)
    page.goto(f"{site.url}/projects/{project_id}")
    table = page.get_by_test_id("indicator-table")
    inline = table.locator(f"[data-testid=finding][data-rule='{rule}']")
    inline.first.wait_for()
    assert inline.first.is_visible()
    # the finding sits in the row of the indicator it is about
    row = inline.first.locator("xpath=ancestor::tr[1]")
    assert row.get_attribute("data-testid") == "indicator"
    assert page.get_by_test_id("typed-target").count() >= 1
    assert page.get_by_test_id("funds").inner_text().strip()
    shoot(page, "project")


def test_compare_two_years(page: Any, site: Site) -> None:
    page.goto(site.url + "/compare")
    page.get_by_test_id("compare-before").select_option(str(site.seed_id))
    page.get_by_test_id("compare-after").select_option(str(site.later_id))
    page.get_by_test_id("compare-form").locator("button[type=submit]").click()
    page.wait_for_url("**/compare?*")
    rows = page.get_by_test_id("compare-row")
    rows.first.wait_for()
    statuses = [rows.nth(k).get_attribute("data-status") for k in range(rows.count())]
    assert statuses.count("added") == 1 and statuses.count("removed") == 1
    assert "changed" in statuses
    assert "新设立的示范项目" in page.get_by_test_id("compare-table").inner_text()
    shoot(page, "compare")


def test_self_evaluation_project_shows_actuals_and_scores(page: Any, site: Site) -> None:
    page.goto(f"{site.url}/documents/{site.selfeval_id}")
    assert page.get_by_test_id("document-kind").inner_text() == "项目支出绩效自评表"
    page.get_by_role("link", name=FIRST).first.click()
    page.wait_for_url("**/projects/*")
    table = page.get_by_test_id("indicator-table")
    headers = table.locator("thead th").all_inner_texts()
    assert headers[-4:] == ["实际完成值", "分值", "得分", "偏差原因"]
    first = page.get_by_test_id("indicator").first
    actual = first.locator("td[data-field=actual]")
    assert actual.locator(".target-text").inner_text() == ACTUAL
    assert actual.get_by_test_id("typed-target").get_attribute("data-value") == "0.95"
    assert first.locator("td[data-field=score]").inner_text() == SCORE
    assert actual.is_visible() and first.locator("td[data-field=score]").is_visible()
    execution = page.get_by_test_id("execution")
    assert "95.61%" in execution.inner_text() and "1,100.00" in execution.inner_text()
    assert "91.50" in page.get_by_test_id("stated-score").inner_text()
    shoot(page, "project-selfeval")
