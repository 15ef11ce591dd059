"""Self-evaluations in the web app and the API (in-process client): the kind of each document,
a project's execution, printed 总分 and 等级, its goals, and the columns 实际完成值 / 分值 / 得分 /
偏差原因 beside the targets, shown only where a table has them; every new field in the API."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from jixiao.ingest.files import read_path
from jixiao.interchange import to_dict
from jixiao.store import Store

from .helpers import SEED
from .selfeval import ACTUAL, DEPARTMENT, DEVIATION, FIRST, SCORE, selfeval_document
from .web_helpers import TestClient, client_for


class Site:
    def __init__(self, client: TestClient, seed: int, selfeval: int, db: str) -> None:
        self.client, self.seed, self.selfeval, self.db = client, seed, selfeval, db

    def project_id(self, name: str) -> int:
        with Store(self.db) as store:
            [found] = store.find_projects(name, department=DEPARTMENT)
        return found

    def get(self, url: str, status: int = 200) -> Any:
        response = self.client.get(url)
        assert response.status_code == status, response.text[:500]
        return response


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    db = str(tmp_path_factory.mktemp("selfeval") / "web.db")
    with Store(db) as store:
        seed = store.save(read_path(SEED)[0], status="published").document_id
        evaluation = store.save(selfeval_document(), status="published").document_id
    with client_for(db) as client:
        yield Site(client, seed, evaluation, db)


def text_of(html: str) -> str:
    """The page's text, tags and whitespace removed."""
    return re.sub(r"\s+", "", unescape(re.sub(r"<[^>]+>", " ", html)))


def cells(html: str, field: str) -> list[str]:
    """The text of every indicator-table cell of ``data-field=field``."""
    found = re.findall(rf'<td[^>]*data-field="{field}"[^>]*>(.*?)</td>', html, flags=re.S)
    return [text_of(c) for c in found]


# -- pages ---------------------------------------------------------------------------------------
def test_self_evaluation_project_page(site: Site) -> None:
    html = site.get(f"/projects/{site.project_id(FIRST)}").text
    headers = re.findall(r'<th data-column="(\w+)">([^<]+)</th>', html)
    assert headers == [("actual", "实际完成值"), ("weight", "分值"), ("score", "得分"),
                       ("deviation", "偏差原因")]  # fmt: skip
    actuals = cells(html, "actual")
    assert actuals[0].startswith(ACTUAL) and "0.95" in actuals[0]  # typed, like a target
    assert actuals[1].startswith("合格率98%，优良率60.0%") and "复合" in actuals[1]
    assert actuals[3] == "—"
    assert cells(html, "weight") == ["20.0", "20", "10", "0.5"]
    assert cells(html, "score") == [SCORE, "19.60", "10", "—"]
    assert cells(html, "deviation")[0] == DEVIATION
    page = text_of(html)
    assert "项目支出绩效自评表" in page
    for label, value in (("年初预算数", "1,200.00"), ("全年预算数", "1,150.50"),
                         ("全年执行数", "1,100.00"), ("执行率", "95.61%"), ("分值", "10"),
                         ("得分", "9.56")):  # fmt: skip
        assert f"{label}{value}" in page, label
    assert "表中自评：总分91.50，等级优" in page
    assert "年度目标新建高标准农田1万亩。" in page
    assert "实施期目标三年建成高标准农田3万亩。" in page
    assert "实际完成情况已建成高标准农田0.95万亩" in page
    assert "项目编码44010024T000001234" in page and "实施单位示例市农田建设管理中心" in page
    assert "指标方向正向" in page and "绩效标准完成得满分，未完成按比例扣分" in page


def test_columns_appear_only_with_their_data(site: Site) -> None:
    html = site.get(f"/projects/{site.project_id('农业技术推广')}").text
    assert 'data-column="' not in html  # its indicator has no actual, weight, score
    assert 'data-testid="execution"' in html  # the execution row is there, empty
    assert "年初预算数—" in text_of(html) and 'data-testid="stated-score"' not in html
    with Store(site.db) as store:
        target = store.projects_page().items[0].id
    html = site.get(f"/projects/{target}").text
    assert 'data-column="' not in html and 'data-testid="execution"' not in html
    assert "项目支出绩效目标表" in text_of(html) and "实施期目标" not in html
    assert "<h2>绩效目标</h2>" in html


def test_kind_on_home_and_dashboard(site: Site) -> None:
    home = site.get("/").text
    kinds = re.findall(r'data-testid="document-kind" data-kind="([\w-]+)">([^<]+)<', home)
    assert sorted(kinds) == [("selfeval", "项目支出绩效自评表"), ("target", "项目支出绩效目标表")]
    dashboard = site.get(f"/documents/{site.selfeval}").text
    assert "2024年度·项目支出绩效自评表" in text_of(dashboard)
    compare = site.get("/compare").text
    assert f"{DEPARTMENT} 2024年度 项目支出绩效自评表（编号 {site.selfeval}）" in compare


# -- API -----------------------------------------------------------------------------------------
def test_api_project_has_every_new_field(site: Site) -> None:
    data = site.get(f"/api/v1/projects/{site.project_id(FIRST)}").json()
    doc = to_dict(selfeval_document())
    project = doc["units"][0]["projects"][0]
    assert data["kind"] == "selfeval"
    assert data["details"] == {
        k: project[k] for k in ("code", "department", "unit", "period", "period_goal",
                                "goal_result", "execution", "score", "grade")
    }  # fmt: skip
    assert data["details"]["execution"]["rate"] == "95.61"  # decimals as written, as strings
    assert data["indicators"] == project["indicators"]  # the interchange's indicators, whole


def test_api_lists_have_the_kind_and_the_indicator_fields(site: Site) -> None:
    documents = site.get("/api/v1/documents").json()["items"]
    assert {d["id"]: d["kind"] for d in documents} == {
        site.seed: "target",
        site.selfeval: "selfeval",
    }
    agg = site.get(f"/api/v1/documents/{site.selfeval}").json()
    assert agg["kind"] == "selfeval"
    rows = site.get(f"/api/v1/indicators?document_id={site.selfeval}").json()["items"]
    first = rows[0]
    assert (first["weight"], first["score"], first["measure"]) == ("20.0", SCORE, "万亩")
    assert first["actual"]["text"] == ACTUAL and first["actual"]["value"] == "0.95"
    assert rows[1]["actual"]["kind"] == "composite" and rows[3]["actual"] is None
    seed_rows = site.get(f"/api/v1/indicators?document_id={site.seed}&limit=3").json()["items"]
    assert all(r["actual"] is None and r["weight"] is None for r in seed_rows)


def test_api_exports_keep_or_refuse(site: Site) -> None:
    url = f"/api/v1/documents/{site.selfeval}/export"
    [exported] = json.loads(site.get(url + "?format=json").content)
    assert exported == to_dict(selfeval_document())
    assert ACTUAL in site.get(url + "?format=csv").content.decode("utf-8-sig")
    refused = site.get(url + "?format=text", status=400).json()["error"]
    assert "实际完成值" in refused["message"]
    assert any("xlsx" in d["message"] for d in refused["details"])
    # all documents: the target table comes first, the refusal is still a clean 400
    refused = site.get("/api/v1/export?format=text", status=400).json()["error"]
    assert "项目支出绩效自评表" in refused["message"]
    assert site.get(url + "?format=xlsx").content.startswith(b"PK")


def test_a_store_of_one_self_evaluation_renders_every_page(tmp_path: Path) -> None:
    """A database with only a self-evaluation: every page renders."""
    db = str(tmp_path / "only.db")
    with Store(db) as store:
        document_id = store.save(
            selfeval_document(year=None, sha=None), status="published"
        ).document_id
    with client_for(db) as client:
        for url in ("/", f"/documents/{document_id}", "/compare", "/search?q=农田"):
            response = client.get(url)
            assert response.status_code == 200, url
        assert "年度未注明" in client.get(f"/documents/{document_id}").text
