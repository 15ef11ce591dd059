"""The pages, rendered in-process over the test documents: each contains what it must, escapes
what it shows, works as plain HTML (forms and links), and errors get a page in Chinese."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from jixiao.store import Store

from .web_helpers import (
    SCRIPT_GOAL,
    SCRIPT_INDICATOR,
    SCRIPT_NAME,
    TRICKY_DEPARTMENT,
    Ids,
    TestClient,
    client_for,
    fill,
)

SEED_DEPARTMENT = "广州市科学技术局"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Ids]]:
    db = str(tmp_path_factory.mktemp("pages") / "pages.db")
    with Store(db) as store:
        ids = fill(store)
    with client_for(db) as client:
        yield client, ids


@pytest.fixture
def client(site: tuple[TestClient, Ids]) -> TestClient:
    return site[0]


@pytest.fixture
def ids(site: tuple[TestClient, Ids]) -> Ids:
    return site[1]


def page(client: TestClient, url: str, status: int = 200, **headers: str) -> str:
    response = client.get(url, headers=headers or None)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return response.text


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside elements with an id."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def with_attr(self, name: str, value: str | None = None) -> list[dict[str, str]]:
        return [a for _, a in self.tags if name in a and (value is None or a[name] == value)]


def data_testids(html: str) -> set[str]:
    return {a["data-testid"] for a in Elements(html).with_attr("data-testid")}


def no_external_assets(html: str) -> None:
    """Every script, stylesheet and image comes from the app itself."""
    for tag, attrs in Elements(html).tags:
        for name in ("src", "href"):
            url = attrs.get(name, "")
            if tag in {"script", "link", "img"} and url:
                assert url.startswith("/"), f"<{tag} {name}={url}> is not served by the app"


# -- home ------------------------------------------------------------------------------------
def test_home_lists_departments_and_years(client: TestClient, ids: Ids) -> None:
    html = page(client, "/")
    assert {"search-box", "departments", "department", "department-year"} <= data_testids(html)
    assert SEED_DEPARTMENT in html and TRICKY_DEPARTMENT in html
    assert "235,659.44" in html and "万元" in html
    for document_id in (ids.seed, ids.later, ids.tricky):
        assert f'href="/documents/{document_id}"' in html
    assert 'action="/search"' in html  # the search box works without JavaScript
    no_external_assets(html)


def test_a_year_reads_the_same_everywhere(client: TestClient, ids: Ids) -> None:
    """One wording (model.year_label): 2031年度, or 年度未注明 for a table naming no year."""
    pages = {
        "/": page(client, "/"),
        "dashboard": page(client, f"/documents/{ids.seed}"),
        "compare": page(client, f"/compare?before={ids.seed}&after={ids.later}"),
    }
    for where, html in pages.items():
        assert "年度未注明" in html, where
        assert "年度未知" not in html and "未注明 年度" not in html, where
    assert f"{ids.later_year}年度" in pages["/"] and f"{ids.later_year}年度" in pages["compare"]
    assert "<title>广州市科学技术局 年度未注明 · " in pages["dashboard"]


def test_home_of_an_empty_database_says_what_to_do(tmp_path: Path) -> None:
    with client_for(str(tmp_path / "empty.db")) as client:
        html = page(client, "/")
    assert 'data-testid="empty"' in html and "jixiao ingest" in html


# -- dashboard -------------------------------------------------------------------------------
def _chart_data(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="dashboard-data">(.*?)</script>', html)
    assert found, "no chart data in the page"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_dashboard(client: TestClient, ids: Ids) -> None:
    html = page(client, f"/documents/{ids.seed}")
    wanted = {"dashboard-title", "total", "quantified-share", "score", "chart-money",
              "chart-classes", "chart-quantified", "chart-findings", "findings-by-rule",
              "worst-projects", "worst-project"}  # fmt: skip
    assert wanted <= data_testids(html)
    assert "235,659.44" in html and "审核意见随文档入库" in html
    # 定量指标 counted as the command line counts them (model.is_quantified), named alike
    assert 'data-testid="quantified-count">161/212 个指标' in html and "定量指标占比" in html
    assert "量化指标" not in html and "75.9%" in html
    data = _chart_data(html)
    assert data["moneyUnit"] == "万元" and len(data["money"]) == 3
    assert sum(len(u["children"]) for u in data["money"]) == 39
    assert all(p["url"].startswith("/projects/") for u in data["money"] for p in u["children"])
    assert sum(c["value"] for group in data["classes"] for c in group["children"]) == 212
    assert sum(data["quantified"].values()) == 212
    assert data["rules"] and data["rules"][0]["count"] >= data["rules"][-1]["count"]
    assert set(data["dimensions"]) == {"完整性", "相关性", "适当性", "可行性"}
    scores = [
        float(m)
        for m in re.findall(r'data-testid="worst-project".*?<td class="num">[^<]*</td>\s*'
                            r'<td class="num">([0-9.]+)</td>', html, re.S)
    ]  # fmt: skip
    assert len(scores) == 10 and scores == sorted(scores)
    assert "/static/vendor/echarts/echarts.min.js" in html
    no_external_assets(html)


def _project_rows(html: str) -> list[tuple[str, float, int, str]]:
    """(total, score, errors, project link) of each row of the dashboard's list of projects."""
    section = html[html.index('id="all-projects"') :]
    rows = re.findall(
        r'<tr data-testid="project-row" data-total="([^"]*)" data-score="([^"]+)">\s*'
        r'<td><a href="(/projects/[^"]+)".*?data-errors="(\d+)"', section, re.S
    )  # fmt: skip
    return [(total, float(score), int(errors), link) for total, score, link, errors in rows]


def test_dashboard_lists_every_project_sortable_and_by_unit(client: TestClient, ids: Ids) -> None:
    url = f"/documents/{ids.seed}"
    by_money = _project_rows(page(client, url))
    assert len(by_money) == 39  # every project, each a link
    totals = [Decimal(t) for t, *_ in by_money if t]
    assert totals == sorted(totals, reverse=True)
    by_score = _project_rows(page(client, f"{url}?sort=score"))
    assert [s for _, s, _, _ in by_score] == sorted(s for _, s, _, _ in by_score)
    by_findings = _project_rows(page(client, f"{url}?sort=findings"))
    assert [e for *_, e, _ in by_findings] == sorted((e for *_, e, _ in by_findings), reverse=True)
    assert {r[3] for r in by_money} == {r[3] for r in by_score} == {r[3] for r in by_findings}
    html = page(client, f"{url}?sort=score")
    assert '<strong aria-current="true" data-testid="sorted-by">得分</strong>' in html
    # a unit's row links to its projects (the list for that unit)
    units = re.findall(r'<a href="([^"]+)" data-testid="unit-link">([^<]+)</a>', html)
    assert len(units) == 3
    link, name = units[1]
    assert "sort=score" in link and "unit=" in link
    mine = page(client, unescape(link).split("#")[0])
    assert f"{name}的项目" in mine and 'data-testid="all-units"' in mine
    rows = _project_rows(mine)
    assert 0 < len(rows) < 39 and len(rows) == int(
        re.findall(rf"{re.escape(name)}</a></td>.*?<td class=\"num\">(\d+)</td></tr>", mine, re.S)[
            0
        ]
    )
    page(client, f"{url}?sort=nonsense", 422)


def test_dashboard_offers_the_official_layout_with_the_review_annexed(
    client: TestClient, ids: Ids
) -> None:
    html = page(client, f"/documents/{ids.seed}")
    links = dict(re.findall(r'<a href="([^"]+)" data-testid="(export-[a-z]+)"', html))
    by_id = {v: unescape(k) for k, v in links.items()}
    assert set(by_id) == {"export-pdf", "export-annex", "export-xlsx"}
    assert by_id["export-annex"] == f"/api/v1/documents/{ids.seed}/export?format=pdf&annex=true"
    html_annex = client.get(by_id["export-annex"].replace("format=pdf", "format=html"))
    assert html_annex.status_code == 200 and "附件：审核意见（" in html_annex.text


def test_dashboard_of_an_unreviewed_document_reviews_it_now(client: TestClient, ids: Ids) -> None:
    html = page(client, f"/documents/{ids.later}")
    assert "现场审核" in html
    assert _chart_data(html)["rules"]


def test_dashboard_not_found_and_bad_id(client: TestClient) -> None:
    html = page(client, "/documents/99999", 404)
    assert 'data-testid="error"' in html and "没有编号为 99999 的文档" in html
    assert "jixiao" not in html.replace("jixiao-", "") and "首页" in html  # pages, not commands
    html = page(client, "/documents/zero", 422)
    assert "请求有误" in html


# -- project ---------------------------------------------------------------------------------
def _rows(html: str) -> dict[int, str]:
    """The HTML of each indicator row, by seq."""
    rows = re.findall(r'(<tr id="indicator-[^"]+" data-seq="(\d+)".*?</tr>)', html, re.S)
    return {int(seq): row for row, seq in rows}


def _project_with_indicator_finding(client: TestClient, ids: Ids) -> tuple[int, dict[str, Any]]:
    review = client.get(f"/api/v1/documents/{ids.seed}/review").json()
    for f in review["findings"]:
        if f["indicator"] is not None and f["field"] in ("cycle", "annual", "name"):
            return f["project_id"], f
    raise AssertionError("the seed has no finding about an indicator's target")


def test_project_page(client: TestClient, ids: Ids) -> None:
    project_id, finding = _project_with_indicator_finding(client, ids)
    detail = client.get(f"/api/v1/projects/{project_id}").json()
    html = page(client, f"/projects/{project_id}")
    assert {"project-name", "funds", "goal", "indicator-table", "indicator", "findings",
            "project-score", "typed-target", "finding"} <= data_testids(html)  # fmt: skip
    assert unescape(html).count(detail["name"]) >= 2
    rows = _rows(html)
    assert sorted(rows) == [i["seq"] for i in detail["indicators"]]
    for indicator in detail["indicators"]:
        assert unescape(indicator["name"]) in unescape(rows[indicator["seq"]])
    # the finding sits in its indicator's row, in the cell of the field it is about
    row = rows[finding["indicator"]]
    if finding["field"] in ("cycle", "annual"):
        cell = re.search(rf'data-field="{finding["field"]}".*?</td>', row, re.S)
        assert cell and f'data-rule="{finding["rule"]}"' in cell.group(0)
    else:
        assert f'data-rule="{finding["rule"]}"' in row
    # typed targets are marked with their comparator, number and unit
    typed = Elements(html).with_attr("data-testid", "typed-target")
    quantitative = [t for t in typed if t.get("data-value")]
    assert quantitative and all(t["data-op"] for t in quantitative)
    assert f'href="/documents/{ids.seed}"' in html
    no_external_assets(html)


def test_rules_are_named_in_chinese_with_the_id_in_a_tooltip(client: TestClient, ids: Ids) -> None:
    from jixiao.review.report import rule_title

    project_id, finding = _project_with_indicator_finding(client, ids)
    for html in (page(client, f"/projects/{project_id}"), page(client, f"/documents/{ids.seed}")):
        names = re.findall(r'<span title="规则编号：([\w.]+)（[^"]*" data-testid="rule-name">'
                           r"([^<]+)</span>", html)  # fmt: skip
        assert names
        for ident, name in names:
            assert name == rule_title(ident) and "." not in name
        visible = re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S))
        assert finding["rule"] not in visible  # the id only in attributes


def test_project_page_of_an_unreviewed_document(client: TestClient, ids: Ids) -> None:
    projects = client.get("/api/v1/projects", params={"document_id": ids.later, "limit": 3}).json()[
        "items"
    ]
    html = page(client, f"/projects/{projects[0]['id']}")
    assert "现场审核" in html


def test_project_not_found_is_a_page(client: TestClient) -> None:
    missing = "00000000-0000-4000-8000-000000424242"
    html = page(client, f"/projects/{missing}", 404)
    assert f"没有编号为 {missing} 的项目" in html and "回到首页" in html
    assert "jixiao list" not in html and "从首页、看板或搜索结果中的链接进入" in html
    body = client.get(f"/api/v1/projects/{missing}").json()["error"]
    assert "jixiao" not in str(body) and "/api/v1/projects" in str(body["details"])
    assert "project_id" in page(client, "/projects/424242", 422)  # not an id at all


# -- escaping --------------------------------------------------------------------------------
def _tricky_project(client: TestClient, ids: Ids) -> str:
    items = client.get("/api/v1/projects", params={"document_id": ids.tricky, "limit": 1}).json()[
        "items"
    ]
    assert items[0]["name"] == SCRIPT_NAME
    return str(items[0]["id"])


def test_html_in_the_data_is_escaped_everywhere(client: TestClient, ids: Ids) -> None:
    project_id = _tricky_project(client, ids)
    for url in (f"/projects/{project_id}", f"/documents/{ids.tricky}",
                "/search?q=%3Cscript%3E", "/search?q=onerror",
                f"/compare?before={ids.seed}&after={ids.tricky}&all=true"):  # fmt: skip
        html = page(client, url)
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "<b>加粗" not in html, url
    project = page(client, f"/projects/{project_id}")
    assert "&lt;script&gt;alert(" in project and "&lt;b&gt;加粗&lt;/b&gt;" in project
    assert unescape(project).count(SCRIPT_NAME) >= 2
    assert SCRIPT_GOAL in unescape(project) and SCRIPT_INDICATOR in unescape(project)
    # in the chart data the name is JSON, with < escaped so it cannot close the script
    data = _chart_data(page(client, f"/documents/{ids.tricky}"))
    names = [p["name"] for u in data["money"] for p in u["children"]]
    assert SCRIPT_NAME in names


def test_search_term_is_escaped(client: TestClient) -> None:
    html = page(client, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


# -- search ----------------------------------------------------------------------------------
def test_search_page(client: TestClient) -> None:
    html = page(client, "/search?q=满意度")
    assert {"search-box", "hit-list", "hit", "hit-count", "pager"} <= data_testids(html)
    assert "<mark>满意度</mark>" in html
    assert 'hx-get="/search"' in html  # live search, with the GET form as the fallback
    assert 'action="/search"' in html and 'value="满意度"' in html
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert html.count('data-testid="hit"') == 20
    no_external_assets(html)


def test_search_htmx_request_gets_the_hit_list_only(client: TestClient) -> None:
    response = client.get("/search", params={"q": "满意度"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.headers["vary"] == "HX-Request"
    assert "<html" not in response.text and 'data-testid="hit-list"' in response.text
    assert "<mark>满意度</mark>" in response.text


def test_search_pages_and_filters(client: TestClient) -> None:
    first = page(client, "/search?q=满意度")
    second = page(client, "/search?q=满意度&page=2")
    assert 'rel="next"' in first and 'rel="prev"' in second
    assert "第 2 /" in second
    hits = re.findall(r'<li class="hit".*?</li>', second, re.S)
    assert hits and set(hits).isdisjoint(re.findall(r'<li class="hit".*?</li>', first, re.S))
    only = page(client, f"/search?q=满意度&department={TRICKY_DEPARTMENT}&kind=indicator")
    departments = re.findall(r'<div class="where">.*?</span>\s*(\S+)', only, re.S)
    assert departments and set(departments) == {TRICKY_DEPARTMENT}
    assert 'data-kind="indicator"' in only and 'data-kind="target"' not in only
    assert 'value="indicator" checked' in only  # the form keeps the filters


def test_search_without_query_and_without_hits(client: TestClient) -> None:
    assert "输入关键词开始搜索" in page(client, "/search")
    assert "没有找到" in page(client, "/search?q=不存在的词语组合xyz")


def test_search_bad_parameters_get_an_error_page(client: TestClient) -> None:
    assert "请求有误" in page(client, "/search?q=a&page=0", 422)
    assert "请求有误" in page(client, "/search?q=a&kind=nothing", 422)


# -- compare ---------------------------------------------------------------------------------
def test_compare_page_without_choice_offers_the_documents(client: TestClient, ids: Ids) -> None:
    html = page(client, "/compare")
    assert {"compare-form", "compare-before", "compare-after"} <= data_testids(html)
    for document_id in (ids.seed, ids.later, ids.tricky):
        assert f'<option value="{document_id}"' in html
    assert 'data-testid="compare-table"' not in html


def test_compare_two_years(client: TestClient, ids: Ids) -> None:
    html = page(client, f"/compare?before={ids.seed}&after={ids.later}")
    assert {"compare-summary", "compare-table", "compare-row"} <= data_testids(html)
    statuses = re.findall(r'data-testid="compare-row" data-status="(\w+)"', html)
    assert statuses.count("added") == 1 and statuses.count("removed") == 1
    assert "changed" in statuses and "same" not in statuses
    assert "新设立的示范项目" in html and "≥1000个" in html
    every = page(client, f"/compare?before={ids.seed}&after={ids.later}&all=true")
    assert "same" in re.findall(r'data-status="(\w+)"', every)


def test_compare_a_document_with_itself_says_so_and_offers_others(
    client: TestClient, ids: Ids
) -> None:
    html = page(client, f"/compare?before={ids.seed}&after={ids.seed}")
    assert 'data-testid="compare-same"' in html and "前后选的是同一份文档" in html
    assert 'data-testid="compare-table"' not in html  # no empty comparison
    # the same department's other year, in time order (the seed has no year: it goes first)
    partners = re.findall(
        r'data-testid="partner" href="/compare\?before=(\d+)&amp;after=(\d+)"', html
    )
    assert partners == [(str(ids.seed), str(ids.later))]
    # from a dashboard's "compare with other years" (one side chosen): the same offers
    html = page(client, f"/compare?after={ids.later}")
    assert 'data-testid="compare-same"' not in html
    assert re.findall(r'data-testid="partner" href="/compare\?before=(\d+)&amp;after=(\d+)"',
                      html) == [(str(ids.seed), str(ids.later))]  # fmt: skip
    html = page(client, f"/compare?before={ids.tricky}&after={ids.tricky}")
    assert 'data-testid="no-partner"' in html


def test_compare_partners_are_other_years_and_other_departments_of_the_year() -> None:
    from dataclasses import replace

    from jixiao.store import DocumentRow
    from jixiao.web.pages import partners

    row = DocumentRow(0, "甲局", None, "万元", None, 1, 1, 1, None, "2025-01-01T00:00:00+00:00")
    docs = [
        replace(row, id=1, year=2024), replace(row, id=2, year=2025),
        replace(row, id=3, year=2022), replace(row, id=4, department="乙局", year=2025),
        replace(row, id=5, department="丙局", year=2023),
        replace(row, id=6, year=2025, kind="selfeval"),
    ]  # fmt: skip
    found = partners(docs, 2)
    assert [(a.id, b.id) for a, b in found.other_years] == [(1, 2), (3, 2)]  # nearest first
    assert [(a.id, b.id) for a, b in found.same_year] == [(2, 4)]  # same kind and year


def test_compare_unknown_document(client: TestClient, ids: Ids) -> None:
    assert "没有编号为 99999 的文档" in page(client, f"/compare?before=99999&after={ids.seed}", 404)


# -- errors and assets -----------------------------------------------------------------------
def test_unknown_page_is_a_chinese_404_page(client: TestClient) -> None:
    html = page(client, "/no/such/page", 404)
    assert "没有找到" in html and "/no/such/page" in html


def test_static_assets_are_served(client: TestClient) -> None:
    for path, kind in [
        ("/static/app.css", "text/css"),
        ("/static/js/dashboard.js", "javascript"),
        ("/static/vendor/echarts/echarts.min.js", "javascript"),
        ("/static/vendor/htmx/htmx.min.js", "javascript"),
        ("/static/vendor/swagger-ui/swagger-ui.css", "text/css"),
        ("/static/favicon.svg", "image/svg+xml"),
    ]:
        response = client.get(path)
        assert response.status_code == 200 and kind in response.headers["content-type"], path
    assert client.get("/static/nothing.js").status_code == 404


def test_plain_forms_with_empty_fields_work(client: TestClient, ids: Ids) -> None:
    """Without JavaScript a form sends its empty fields too (``year=``)."""
    html = page(client, "/search?q=满意度&department=&year=")
    assert "<mark>满意度</mark>" in html
    assert 'data-testid="compare-form"' in page(client, "/compare?before=&after=")
    html = page(client, f"/compare?before={ids.seed}&after={ids.later}")
    assert 'data-testid="compare-table"' in html
    assert "请求有误" in page(client, "/search?q=a&year=1800", 422)
