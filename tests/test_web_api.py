"""The REST API (/api/v1) on SQLite and PostgreSQL: every endpoint, its filters and pages, the
error envelope for bad parameters (a clear 4xx, never a 500), and the exports."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao.export import FORMATS
from jixiao.store import Store

from .conftest import Backend, _pg_schema
from .web_helpers import SCRIPT_NAME, TRICKY_DEPARTMENT, Ids, TestClient, client_for, db_url, fill

SEED_DEPARTMENT = "广州市科学技术局"


@dataclass(frozen=True, slots=True)
class Api:
    client: TestClient
    ids: Ids
    backend: str

    def get(self, url: str, status: int = 200, **params: Any) -> Any:
        response = self.client.get(url, params=params or None)
        assert response.status_code == status, response.text
        return response.json()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """The app over the three test documents, once per backend for the whole module."""
    if request.param == "sqlite":
        backends: Iterator[Backend] = iter(
            [Backend("sqlite", str(tmp_path_factory.mktemp("web") / "web.db"))]
        )
    else:
        backends = _pg_schema(request.getfixturevalue("pg_server"))
    backend = next(backends)
    try:
        with Store(backend.url, connect_args=backend.connect_args) as store:
            ids = fill(store)
        with client_for(db_url(backend)) as client:
            yield Api(client, ids, backend.name)
    finally:
        for _ in backends:  # runs the schema's clean-up
            pass


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """``response`` is the JSON error envelope with ``status`` (and ``code``)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message", "details"}
    assert error["status"] == status and error["message"]
    if code is not None:
        assert error["code"] == code
    return dict(error)


# -- service -----------------------------------------------------------------------------------
def test_health(api: Api) -> None:
    body = api.get("/api/v1/health")
    assert body["status"] == "ok" and body["database"] == api.backend


def test_formats_list_the_export_registry(api: Api) -> None:
    body = api.get("/api/v1/formats")
    assert [f["key"] for f in body] == list(FORMATS)
    assert all(f["media_type"] and f["suffix"].startswith(".") for f in body)


# -- documents ---------------------------------------------------------------------------------
def test_departments_group_documents_latest_year_first(api: Api) -> None:
    body = api.get("/api/v1/departments")
    by_name = {d["department"]: d["documents"] for d in body}
    assert set(by_name) == {SEED_DEPARTMENT, TRICKY_DEPARTMENT}
    seed_years = [d["year"] for d in by_name[SEED_DEPARTMENT]]
    assert seed_years == [api.ids.later_year, None]  # the later year first, the seed (no year) last


def test_documents_list_and_filters(api: Api) -> None:
    body = api.get("/api/v1/documents")
    assert body["total"] == 3 and len(body["items"]) == 3
    seed = next(d for d in body["items"] if d["id"] == api.ids.seed)
    assert seed["department"] == SEED_DEPARTMENT and seed["money_unit"] == "万元"
    assert seed["total"] == "235659.44"  # a decimal string, as in the interchange format
    assert (seed["units"], seed["projects"], seed["indicators"]) == (3, 39, 212)
    assert api.get("/api/v1/documents", department="转义")["total"] == 1
    assert api.get("/api/v1/documents", year=api.ids.later_year)["items"][0]["id"] == api.ids.later
    assert api.get("/api/v1/documents", department="没有这个部门")["total"] == 0


def test_documents_pagination(api: Api) -> None:
    first = api.get("/api/v1/documents", limit=2, offset=0)
    second = api.get("/api/v1/documents", limit=2, offset=2)
    assert (first["total"], first["limit"], first["offset"]) == (3, 2, 0)
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    ids = [d["id"] for d in first["items"] + second["items"]]
    assert sorted(ids) == sorted([api.ids.seed, api.ids.later, api.ids.tricky])
    assert api.get("/api/v1/documents", offset=10)["items"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "501"},
        {"limit": "ten"},
        {"offset": "-1"},
        {"year": "1800"},
        {"year": "二〇二四"},
        {"department": "a\x00b"},
        {"department": "长" * 201},
    ],
)
def test_documents_bad_parameters_are_422(api: Api, params: dict[str, str]) -> None:
    error = assert_error(api.client.get("/api/v1/documents", params=params), 422)
    assert error["code"] == "invalid_parameters"
    [detail] = error["details"]
    assert detail["loc"] == ["query", next(iter(params))]
    assert detail["message"]


def test_document_aggregates_of_a_reviewed_document(api: Api) -> None:
    body = api.get(f"/api/v1/documents/{api.ids.seed}/aggregates")
    assert body["reviewed"] is True and body["department"] == SEED_DEPARTMENT
    assert body["total"] == "235659.44" and body["money_unit"] == "万元"
    assert len(body["money_by_unit"]) == 3
    assert sum(u["projects"] for u in body["money_by_unit"]) == 39
    assert len(body["money_by_project"]) == 39
    totals = [Decimal(p["total"]) for p in body["money_by_project"] if p["total"]]
    assert totals == sorted(totals, reverse=True)  # largest first
    assert sum(c["indicators"] for c in body["indicators_by_class"]) == body["indicators"] == 212
    assert body["quantified_share"] == pytest.approx(body["quantitative"] / 212)
    counts = [r["findings"] for r in body["findings_by_rule"]]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    assert all(r["title"] for r in body["findings_by_rule"])
    assert sum(body["findings_by_severity"].values()) == sum(counts)
    assert api.get(f"/api/v1/documents/{api.ids.seed}") == body


def test_aggregates_of_an_unreviewed_document_are_reviewed_now(api: Api) -> None:
    body = api.get(f"/api/v1/documents/{api.ids.later}/aggregates")
    assert body["reviewed"] is False
    assert body["findings_by_rule"] and sum(body["findings_by_severity"].values()) > 0


def test_document_not_found_and_bad_ids(api: Api) -> None:
    error = assert_error(api.client.get("/api/v1/documents/99999/aggregates"), 404, "not_found")
    assert "99999" in error["message"]
    assert_error(api.client.get("/api/v1/documents/0/aggregates"), 422)
    assert_error(api.client.get("/api/v1/documents/abc/aggregates"), 422)
    assert_error(api.client.get("/api/v1/documents/99999999999/aggregates"), 422)


def test_document_review(api: Api) -> None:
    body = api.get(f"/api/v1/documents/{api.ids.seed}/review")
    assert body["stored"] is True and body["document_id"] == api.ids.seed
    assert body["department"]["grade"] in {"优", "良", "中", "差"}
    assert set(body["department"]["dimensions"]) == {"完整性", "相关性", "适当性", "可行性"}
    scores = [p["score"] for p in body["projects"]]
    assert len(scores) == 39 and scores == sorted(scores)  # worst first
    assert all(p["project_id"] for p in body["projects"])
    assert body["findings"] and all(f["title"] and f["message"] for f in body["findings"])
    assert any(f["project_id"] for f in body["findings"])
    later = api.get(f"/api/v1/documents/{api.ids.later}/review")
    assert later["stored"] is False and later["findings"]
    assert_error(api.client.get("/api/v1/documents/99999/review"), 404)


# -- units, projects, indicators -----------------------------------------------------------------
def test_units(api: Api) -> None:
    body = api.get("/api/v1/units", document_id=api.ids.seed)
    assert body["total"] == 3
    assert [u["projects"] for u in body["items"]] and body["items"][0][
        "department"
    ] == SEED_DEPARTMENT
    assert sum(u["indicators"] for u in body["items"]) == 212
    assert api.get("/api/v1/units")["total"] == 9
    assert api.get("/api/v1/units", year=2030)["total"] == 3
    assert len(api.get("/api/v1/units", limit=2)["items"]) == 2
    assert_error(api.client.get("/api/v1/units", params={"document_id": "0"}), 422)


def test_projects_filters(api: Api) -> None:
    every = api.get("/api/v1/projects", limit=500)
    assert every["total"] == 39 * 3
    seed = api.get("/api/v1/projects", document_id=api.ids.seed, limit=500)
    assert seed["total"] == 39
    assert api.get("/api/v1/projects", department="转义")["total"] == 39
    assert api.get("/api/v1/projects", year=api.ids.later_year)["total"] == 39
    named = api.get("/api/v1/projects", name="科普", document_id=api.ids.seed)
    assert named["total"] >= 1 and all("科普" in p["name"] for p in named["items"])
    big = api.get("/api/v1/projects", document_id=api.ids.seed, min_total="10000")
    assert big["total"] >= 1 and all(Decimal(p["total"]) >= 10000 for p in big["items"])
    small = api.get("/api/v1/projects", document_id=api.ids.seed, max_total="100.5")
    assert all(Decimal(p["total"]) <= Decimal("100.5") for p in small["items"])
    assert big["total"] + small["total"] <= 39
    level = api.get("/api/v1/projects", document_id=api.ids.seed, level="满意度")
    assert 0 < level["total"] < 39
    unit = api.get("/api/v1/projects", document_id=api.ids.seed, unit="评审中心")
    assert unit["total"] >= 1 and all("评审中心" in p["unit"] for p in unit["items"])


def test_projects_by_severity_and_text(api: Api) -> None:
    errors = api.get("/api/v1/projects", document_id=api.ids.seed, severity="error")
    warnings_ = api.get("/api/v1/projects", document_id=api.ids.seed, severity="warning")
    assert 0 < errors["total"] <= warnings_["total"] <= 39  # warning or worse includes errors
    # the later year was stored without review: no stored findings to filter by
    assert api.get("/api/v1/projects", document_id=api.ids.later, severity="info")["total"] == 0
    text = api.get("/api/v1/projects", q="培训", document_id=api.ids.seed)
    assert text["total"] >= 1


def test_projects_pagination(api: Api) -> None:
    first = api.get("/api/v1/projects", document_id=api.ids.seed, limit=10)
    last = api.get("/api/v1/projects", document_id=api.ids.seed, limit=10, offset=30)
    assert len(first["items"]) == 10 and len(last["items"]) == 9
    assert {p["id"] for p in first["items"]}.isdisjoint(p["id"] for p in last["items"])


@pytest.mark.parametrize(
    "params",
    [
        {"min_total": "abc"},
        {"max_total": "1e5"},
        {"min_total": "NaN"},
        {"severity": "fatal"},
        {"limit": "100000"},
        {"q": "\x00"},
        {"document_id": "-3"},
    ],
)
def test_projects_bad_parameters_are_422(api: Api, params: dict[str, str]) -> None:
    assert_error(api.client.get("/api/v1/projects", params=params), 422, "invalid_parameters")


def test_project_detail(api: Api) -> None:
    [row] = api.get("/api/v1/projects", document_id=api.ids.seed, limit=1)["items"]
    body = api.get(f"/api/v1/projects/{row['id']}")
    assert body["id"] == row["id"] and body["document_id"] == api.ids.seed
    assert body["name"] == row["name"] and body["unit"] == row["unit"]
    assert body["funds"]["total"] == row["total"] and body["goal"]
    assert len(body["indicators"]) == row["indicators"]
    first = body["indicators"][0]
    assert first["seq"] == 1 and first["level1"]["name"] and first["cycle"]["text"]
    typed = [
        t
        for i in body["indicators"]
        for t in (i["cycle"], i["annual"])
        if t["kind"] == "quantitative"
    ]
    assert typed and all(isinstance(t["value"], str) and t["op"] for t in typed)
    assert body["reviewed"] is True and body["score"]["grade"]
    assert all(f["project_id"] == row["id"] for f in body["findings"])


def test_project_of_an_unreviewed_document_has_findings_computed_now(api: Api) -> None:
    items = api.get("/api/v1/projects", document_id=api.ids.later, limit=500)["items"]
    details = [api.get(f"/api/v1/projects/{p['id']}") for p in items[:8]]
    assert all(d["reviewed"] is False for d in details)
    assert any(d["findings"] for d in details)


def test_project_not_found(api: Api) -> None:
    missing = "00000000-0000-4000-8000-000000099999"
    error = assert_error(api.client.get(f"/api/v1/projects/{missing}"), 404, "not_found")
    assert missing in error["message"]
    for malformed in ("99999", "-1", missing + "0"):
        assert_error(api.client.get(f"/api/v1/projects/{malformed}"), 422)


def test_indicators_filters(api: Api) -> None:
    seed = api.get("/api/v1/indicators", document_id=api.ids.seed, limit=500)
    assert seed["total"] == 212 and len(seed["items"]) == 212
    row = seed["items"][0]
    assert row["department"] == SEED_DEPARTMENT and row["project"] and row["level1"]
    yes = api.get("/api/v1/indicators", document_id=api.ids.seed, quantitative="true")
    no = api.get("/api/v1/indicators", document_id=api.ids.seed, quantitative="false")
    assert yes["total"] + no["total"] == 212 and yes["total"] > 0 and no["total"] > 0
    assert all(i["quantitative"] for i in yes["items"])
    output = api.get("/api/v1/indicators", document_id=api.ids.seed, level1="产出")
    outcome = api.get("/api/v1/indicators", document_id=api.ids.seed, level1="效益")
    assert 0 < output["total"] < 212 and 0 < outcome["total"] < 212
    quantity = api.get("/api/v1/indicators", document_id=api.ids.seed, level2="11")
    assert quantity["total"] > 0 and all(i["level2"].startswith("11") for i in quantity["items"])
    project = api.get("/api/v1/indicators", project_id=row["project_id"])
    assert {i["project_id"] for i in project["items"]} == {row["project_id"]}
    severe = api.get("/api/v1/indicators", document_id=api.ids.seed, severity="error")
    assert 0 < severe["total"] < 212
    text = api.get("/api/v1/indicators", document_id=api.ids.seed, q="满意度")
    assert text["total"] > 0
    unit = api.get("/api/v1/indicators", document_id=api.ids.seed, unit="评审中心")
    assert 0 < unit["total"] < 212
    assert api.get("/api/v1/indicators", year=2030, limit=1)["total"] == 212


@pytest.mark.parametrize(
    "params",
    [{"quantitative": "maybe"}, {"project_id": "0"}, {"severity": "bad"}, {"level1": "x" * 101}],
)
def test_indicators_bad_parameters_are_422(api: Api, params: dict[str, str]) -> None:
    assert_error(api.client.get("/api/v1/indicators", params=params), 422)


# -- search ------------------------------------------------------------------------------------
def test_search_hits_with_fragments(api: Api) -> None:
    body = api.get("/api/v1/search", q="满意度", limit=50)
    assert body["query"] == "满意度" and body["total"] >= 10 and not body["total_capped"]
    hit = body["hits"][0]
    assert {"kind", "document_id", "project_id", "field", "text", "fragments"} <= set(hit)
    for h in body["hits"]:
        marked = "".join(f["text"] for f in h["fragments"] if f["match"])
        assert "满意度" in marked
    kinds = {h["kind"] for h in body["hits"]}
    assert kinds <= {"project", "goal", "indicator", "target"}


def test_search_filters_and_pages(api: Api) -> None:
    everything = api.get("/api/v1/search", q="满意度", limit=500)["total"]
    seed_only = api.get("/api/v1/search", q="满意度", year=2030)
    assert 0 < seed_only["total"] < everything
    assert {h["department"] for h in seed_only["hits"]} == {TRICKY_DEPARTMENT}
    names = api.get("/api/v1/search", q="满意度", kind="indicator")
    assert names["hits"] and {h["kind"] for h in names["hits"]} == {"indicator"}
    two = api.get("/api/v1/search", q="满意度", limit=2, offset=2)
    assert len(two["hits"]) == 2 and two["offset"] == 2
    assert api.get("/api/v1/search", q="没有这样的词语组合xyz")["total"] == 0
    assert api.get("/api/v1/search", q="   ")["total"] == 0


def test_search_finds_the_html_project_as_text(api: Api) -> None:
    body = api.get("/api/v1/search", q="<script>")
    assert any(h["project"] == SCRIPT_NAME for h in body["hits"])


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "a", "kind": "everything"}, {"q": "a", "limit": "0"}, {"q": "a\x00"},
     {"q": "x" * 201}, {"q": "a", "year": "3000"}],
)  # fmt: skip
def test_search_bad_parameters_are_422(api: Api, params: dict[str, str]) -> None:
    assert_error(api.client.get("/api/v1/search", params=params), 422)


# -- compare -----------------------------------------------------------------------------------
def test_compare_two_years(api: Api) -> None:
    body = api.get("/api/v1/compare", before=api.ids.seed, after=api.ids.later)
    assert body["before"]["document_id"] == api.ids.seed
    assert body["after"]["year"] == api.ids.later_year
    summary = body["summary"]
    assert summary["added"] == 1 and summary["removed"] == 1 and summary["changed"] >= 2
    assert sum(summary.values()) == len(body["projects"])
    added = next(p for p in body["projects"] if p["status"] == "added")
    assert added["name"] == "新设立的示范项目" and added["before_name"] is None
    changed = [p for p in body["projects"] if p["status"] == "changed"]
    total_change = [d for p in changed for d in p["funds"] if d["field"] == "total" and d["change"]]
    assert any(Decimal(d["change"]) == 50 for d in total_change)
    raised = [i for p in changed for i in p["indicators"] if i["status"] == "changed"]
    assert any(i["after"]["annual"]["text"] == "≥1000个" for i in raised)


def test_compare_two_departments_and_errors(api: Api) -> None:
    body = api.get("/api/v1/compare", before=api.ids.seed, after=api.ids.tricky)
    assert body["after"]["department"] == TRICKY_DEPARTMENT
    assert body["summary"]["same"] == 38
    assert_error(api.client.get("/api/v1/compare", params={"before": api.ids.seed}), 422)
    assert_error(
        api.client.get("/api/v1/compare", params={"before": 99999, "after": api.ids.seed}), 404
    )


# -- exports -----------------------------------------------------------------------------------
def _check_export(fmt: str, response: Any) -> None:
    exporter = FORMATS[fmt]
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == exporter.media_type
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and exporter.suffix in disposition
    content = response.content
    checks = {
        "json": lambda: json.loads(content)[0]["department"],
        "csv": lambda: len(list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))),
        "xlsx": lambda: zipfile.ZipFile(io.BytesIO(content)).namelist(),
        "datapackage": lambda: (
            "datapackage.json" in zipfile.ZipFile(io.BytesIO(content)).namelist()
        ),
        "pdf": lambda: content.startswith(b"%PDF"),
        "html": lambda: "<table" in content.decode("utf-8"),
        "text": lambda: SEED_DEPARTMENT in content.decode("utf-8"),
    }
    assert checks.get(fmt, lambda: content)()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_one_document(api: Api, fmt: str) -> None:
    response = api.client.get(f"/api/v1/documents/{api.ids.seed}/export", params={"format": fmt})
    _check_export(fmt, response)
    assert "filename*=UTF-8''" in response.headers["content-disposition"]


def test_export_csv_rows_and_all_documents(api: Api) -> None:
    one = api.client.get(f"/api/v1/documents/{api.ids.seed}/export", params={"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(one.content.decode("utf-8-sig"))))
    assert len(rows) == 212
    everything = api.client.get("/api/v1/export", params={"format": "json"})
    assert len(everything.json()) == 3
    department = api.client.get(
        "/api/v1/export", params={"format": "json", "department": TRICKY_DEPARTMENT}
    )
    assert [d["department"] for d in department.json()] == [TRICKY_DEPARTMENT]
    later = api.client.get("/api/v1/export", params={"year": api.ids.later_year}).json()
    assert [d["year"] for d in later] == [api.ids.later_year]


def test_export_with_the_review_as_an_annex(api: Api) -> None:
    url = f"/api/v1/documents/{api.ids.seed}/export"
    page = api.client.get(url, params={"format": "html", "annex": "true"}).text
    assert "附件：审核意见（" in page and "缺少成本指标" in page
    assert "附件" not in api.client.get(url, params={"format": "html"}).text
    error = assert_error(api.client.get(url, params={"format": "csv", "annex": "true"}), 400)
    assert "不能附审核意见" in error["message"]


def test_export_errors(api: Api) -> None:
    assert_error(api.client.get("/api/v1/export", params={"format": "docx"}), 422)
    assert_error(api.client.get("/api/v1/export", params={"department": "没有这个部门"}), 404)
    assert_error(api.client.get("/api/v1/documents/99999/export"), 404)


# -- the envelope everywhere ---------------------------------------------------------------------
def test_unknown_route_and_method(api: Api) -> None:
    error = assert_error(api.client.get("/api/v1/nothing-here"), 404, "not_found")
    assert "/api/v1/nothing-here" in error["message"]
    response = api.client.post("/api/v1/documents")
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response.headers["allow"]
    assert_error(api.client.delete(f"/api/v1/projects/{api.ids.seed}"), 405)


def test_openapi_spec_is_served_and_precise(api: Api) -> None:
    spec = api.get("/openapi.json")
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    for path in (
        "/api/v1/documents",
        "/api/v1/projects/{project_id}",
        "/api/v1/indicators",
        "/api/v1/search",
        "/api/v1/compare",
        "/api/v1/documents/{document_id}/export",
    ):
        assert path in paths, path  # fmt: skip
    schemas = spec["components"]["schemas"]
    assert schemas["FundsOut"]["properties"]["total"]["anyOf"][0]["type"] == "string"
    assert "ErrorEnvelope" in schemas
    assert "422" in paths["/api/v1/documents"]["get"]["responses"]


def test_docs_page_is_served_from_the_app(api: Api) -> None:
    response = api.client.get("/docs")
    assert response.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in response.text
    assert "cdn" not in response.text and "https://" not in response.text
    assert api.client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_page_size_follows_the_settings(tmp_path: Path) -> None:
    db = str(tmp_path / "small.db")
    with Store(db) as store:
        fill(store)
    with client_for(db, page_size=5, max_page_size=20) as client:
        assert len(client.get("/api/v1/projects").json()["items"]) == 5
        assert client.get("/api/v1/projects", params={"limit": 100}).json()["limit"] == 20


def test_a_database_failure_is_a_503_in_the_envelope(tmp_path: Path) -> None:
    import sqlite3

    db = str(tmp_path / "broken.db")
    with Store(db) as store:
        fill(store)
    with client_for(db) as client:
        project_id = client.get("/api/v1/projects", params={"limit": 1}).json()["items"][0]["id"]
        con = sqlite3.connect(db)
        try:
            con.execute("ALTER TABLE indicators RENAME TO indicators_gone")
            con.commit()
        finally:
            con.close()
        error = assert_error(client.get("/api/v1/indicators"), 503, "store")
        assert "indicators" in error["message"]
        html = client.get(f"/projects/{project_id}")
        assert html.status_code == 503 and "服务暂时出了问题" in html.text


def test_scores_from_the_outline_equal_scores_from_the_document(tmp_path: Path) -> None:
    """A reviewed document is scored without reading it: from its aggregates' outline."""
    from jixiao.review.scoring import score_document
    from jixiao.settings import Settings
    from jixiao.web.context import Context
    from jixiao.web.reviews import review_aggregated

    db = str(tmp_path / "scores.db")
    with Store(db) as store:
        ids = fill(store)
    ctx = Context.open(Settings(db=db))
    try:
        reviewed = review_aggregated(ctx, ctx.store.aggregates(ids.seed))
        doc = ctx.store.load(ids.seed)
        expected = score_document(
            doc, ctx.store.findings(document_id=ids.seed), ctx.ruleset.scoring
        )
        assert reviewed.stored and reviewed.review.scores == expected
    finally:
        ctx.close()


def test_kept_aggregates_and_reviews_follow_any_writer(backend: Backend, tmp_path: Path) -> None:
    """The app keeps a department's aggregates and review between requests; a write by another
    process (here another Store: a re-review with a bureau's ruleset) is seen at once."""
    from jixiao.review import load_ruleset
    from jixiao.services.actor import cli_actor
    from jixiao.services.documents import rereview

    with Store(backend.url, connect_args=backend.connect_args) as store:
        ids = fill(store)
    with client_for(db_url(backend)) as client:

        def rules() -> set[str]:
            body = client.get(f"/api/v1/documents/{ids.seed}/aggregates").json()
            return {r["rule"] for r in body["findings_by_rule"]}

        def review_rules() -> set[str]:
            body = client.get(f"/api/v1/documents/{ids.seed}/review").json()
            return {f["rule"] for f in body["findings"]}

        before = rules()
        assert "completeness.cost" in before and rules() == before == review_rules()
        bureau = tmp_path / "bureau.toml"
        bureau.write_text('[rules."completeness.cost"]\nenabled = false\n', encoding="utf-8")
        with Store(backend.url, connect_args=backend.connect_args) as other:
            rereview(other, cli_actor(), load_ruleset(bureau))
        assert rules() == review_rules() == before - {"completeness.cost"}
        assert client.get(f"/documents/{ids.seed}").status_code == 200
