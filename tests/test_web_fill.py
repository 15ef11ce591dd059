"""单位填报 over the web app, on SQLite and PostgreSQL: a unit account uploads a table (a draft
of its unit, merged into its department's table, the reader's notes shown), makes a project,
edits it in the form (autosaved as versions, the live review beside each field, a finding
gone once fixed, field errors beside the field, a stale version refused), adds and deletes
indicators; another unit's project is not found; the target typed as it is typed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest

from jixiao.store import Store

from .auth_helpers import UNIT_A, World, csrf_of, make_world, signed_in
from .conftest import Backend
from .helpers import SEED
from .web_helpers import db_url

HX = {"HX-Request": "true"}


@pytest.fixture
def world(backend: Backend) -> Iterator[World]:
    with Store(backend.url, connect_args=backend.connect_args) as store:
        made = make_world(store, db_url(backend))
    yield made


class _Form(HTMLParser):
    """The fields of the edit form (name → value) and the notes beside each field."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name and a.get("type") != "file":
            self.fields.setdefault(name, a.get("value", ""))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def form_of(html: str) -> dict[str, str]:
    start = html.index('id="project-form"')
    parser = _Form()
    parser.feed(html[start : html.index("</form>", start)])
    return parser.fields


def slot(html: str, key: str) -> str:
    """The notes element of one field (``n-i-ID-annual`` …)."""
    ident = "n-" + key.replace(":", "-").replace(".", "-")
    start = html.index(f'id="{ident}"')
    return html[start : html.index("</div>\n", start)]


def upload(client: Any, year: str = "2031") -> str:
    token = csrf_of(client.get("/fill").text)
    files = {"file": ("seed.txt", SEED.read_bytes(), "text/plain")}
    response = client.post("/fill/upload", data={"csrf": token, "year": year}, files=files)
    assert response.status_code == 200, response.text[:500]
    return str(response.text)


def test_an_upload_becomes_a_draft_of_the_unit_with_the_readers_notes(world: World) -> None:
    with signed_in(world.db, "unit_a") as client:
        page = client.get("/fill")
        assert page.status_code == 200 and f"草稿局/{UNIT_A}" in page.text
        done = upload(client)
        assert "已并入本部门的表" in done  # the department's 2031 draft was there already
        assert done.count('data-testid="uploaded-project"') == 39
        assert 'data-testid="reader-note"' in done and "取名称中的" in done
        ids = re.findall(r"/projects/([0-9a-f-]{36})/edit", done)
        # the projects the draft held keep their ids; every one filed is the unit's to edit
        assert world.project_a in ids
        for project_id in ids[:3]:
            assert client.get(f"/projects/{project_id}/edit").status_code == 200
        again = upload(client)
        assert "已并入本部门的表" in again  # the same file again: nothing lost, ids kept
        assert set(re.findall(r"/projects/([0-9a-f-]{36})/edit", again)) == set(ids)
    with signed_in(world.db, "view_b") as client:  # the other unit sees none of it
        assert client.get(f"/projects/{ids[0]}").status_code == 404


def test_a_new_department_year_is_a_new_draft_invisible_to_visitors(world: World) -> None:
    with signed_in(world.db, "unit_a") as client:
        done = upload(client, year="2040")
        assert "已存为草稿" in done
        project_id = re.findall(r"/projects/([0-9a-f-]{36})/edit", done)[0]
    with signed_in(world.db, None) as client:
        assert client.get(f"/projects/{project_id}").status_code == 404


def test_upload_errors_are_shown_beside_the_field(world: World) -> None:
    with signed_in(world.db, "unit_a") as client:
        token = csrf_of(client.get("/fill").text)
        files = {"file": ("图片.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")}
        response = client.post("/fill/upload", data={"csrf": token}, files=files)
        assert response.status_code == 422
        error = re.search(r'data-testid="upload-error">([^<]+)<', response.text)
        assert error and "图片" in error.group(1)


def test_the_form_autosaves_and_the_live_review_follows(world: World) -> None:
    with signed_in(world.db, "unit_a") as client:
        page = client.get(f"/projects/{world.project_a}/edit").text
        fields = form_of(page)
        version = int(fields["version"])
        # a target the review finds vague: make it measurable
        keys = [k for k in fields if k.endswith((":cycle", ":annual"))]
        flagged = [k for k in keys if 'data-rule="measurability.vague"' in slot(page, k)]
        assert flagged, "the seed's first project has a vague target"
        key = flagged[0]
        rules = {"measurability.vague"}
        assert 'data-testid="fix"' in page  # the rule's fix beside the finding
        ind = key.split(":")[1]  # a text written in both targets is said once, on cycle
        sent = {**fields, f"i:{ind}:cycle": "≥95%", f"i:{ind}:annual": "≥95%"}
        answer = client.post(f"/projects/{world.project_a}/edit", data=sent, headers=HX)
        assert answer.status_code == 200
        assert f"已自动保存为第 {version + 1} 版" in answer.text
        assert f'id="version" value="{version + 1}"' in answer.text
        for which in ("cycle", "annual"):
            found = set(re.findall(r'data-rule="([^"]+)"', slot(answer.text, f"i:{ind}:{which}")))
            assert not rules & found
        again = client.get(f"/projects/{world.project_a}/edit").text
        assert form_of(again)[key] == "≥95%"
        # nothing changed: no new version
        same = client.post(f"/projects/{world.project_a}/edit", data=form_of(again), headers=HX)
        assert "没有新的修改" in same.text
        # the version the form read is stale: refused, nothing saved
        stale = {**form_of(again), "version": str(version), key: "≥96%"}
        refused = client.post(f"/projects/{world.project_a}/edit", data=stale, headers=HX)
        assert 'data-testid="save-conflict"' in refused.text
        assert form_of(client.get(f"/projects/{world.project_a}/edit").text)[key] == "≥95%"


def test_field_errors_are_shown_beside_the_field_and_nothing_is_saved(world: World) -> None:
    with signed_in(world.db, "unit_a") as client:
        fields = form_of(client.get(f"/projects/{world.project_a}/edit").text)
        weight = next(k for k in fields if k.endswith(":weight"))
        sent = {**fields, weight: "十分", "p:funds.total": "abc", "p:name": " "}
        answer = client.post(f"/projects/{world.project_a}/edit", data=sent, headers=HX)
        assert "有 3 处填写有误" in answer.text
        assert "分值应为数字" in slot(answer.text, weight)
        assert "总计应为数字" in slot(answer.text, "p:funds.total")
        assert "项目名称不能为空" in slot(answer.text, "p:name")
        plain = client.post(f"/projects/{world.project_a}/edit", data=sent)  # no JavaScript
        assert plain.status_code == 422 and 'value="十分"' in plain.text
        assert form_of(client.get(f"/projects/{world.project_a}/edit").text) == fields


def test_the_form_edits_every_field_and_indicators_are_added_and_deleted(world: World) -> None:
    with signed_in(world.db, "unit_a") as client:
        page = client.get(f"/projects/{world.project_a}/edit").text
        fields = form_of(page)
        first = next(k for k in fields if k.endswith(":level2")).split(":")[1]
        k = f"i:{first}:"
        sent = {**fields, "p:funds.total": "1,234.5", "p:period": "2031-2033年",
                k + "level2": "22", k + "weight": "10", k + "direction": "反向",
                k + "measure": "%", k + "explanation": "完成数÷计划数",
                k + "standard": "计划标准"}  # fmt: skip
        saved = client.post(f"/projects/{world.project_a}/edit", data=sent, follow_redirects=False)
        assert saved.status_code == 303 and "saved=" in saved.headers["location"]
        project = client.get(f"/api/v1/projects/{world.project_a}").json()
        assert project["funds"]["total"] == "1234.5"
        assert project["details"]["period"] == "2031-2033年"
        ind = next(i for i in project["indicators"] if i["id"] == first)
        assert (ind["level1"]["name"], ind["level2"]["name"]) == ("效益指标", "社会效益")
        assert (ind["weight"], ind["direction"], ind["measure"]) == ("10", "反向", "%")
        count = len(project["indicators"])
        page = client.get(f"/projects/{world.project_a}/edit").text
        added = client.post(f"/projects/{world.project_a}/indicators", follow_redirects=False,
                            data={"csrf": csrf_of(page), "level2": "31",
                                  "version": form_of(page)["version"]})  # fmt: skip
        assert added.status_code == 303 and "#indicator-" in added.headers["location"]
        new_id = added.headers["location"].rsplit("#indicator-", 1)[1]
        page = client.get(f"/projects/{world.project_a}/edit").text
        assert f'id="indicator-{new_id}"' in page and "满意度指标 / 服务对象满意度" in page
        gone = client.post(f"/projects/{world.project_a}/indicators/{first}/delete",
                           data={"csrf": csrf_of(page), "version": form_of(page)["version"]},
                           follow_redirects=False)  # fmt: skip
        assert gone.status_code == 303
        after = client.get(f"/api/v1/projects/{world.project_a}").json()["indicators"]
        assert len(after) == count and first not in {i["id"] for i in after}
        assert [i["seq"] for i in after] == list(range(1, count + 1))


def test_a_new_project_opens_in_the_form(world: World) -> None:
    with signed_in(world.db, "unit_a") as client:
        token = csrf_of(client.get("/fill").text)
        empty = client.post("/fill/projects", data={"csrf": token, "name": "", "year": "20x"})
        assert empty.status_code == 422 and "请填写项目名称" in empty.text
        assert "年度应为四位数字" in empty.text
        new = {"csrf": token, "name": "社区养老服务补助", "year": "2031"}
        made = client.post("/fill/projects", data=new, follow_redirects=False)
        assert made.status_code == 303
        page = client.get(made.headers["location"]).text
        assert "填写：社区养老服务补助" in page
        # an empty project: the review says what is missing, beside the indicators
        assert 'data-testid="live-finding"' in slot(page, "p:indicators")
        assert "社区养老服务补助" in client.get("/fill").text


def test_another_units_project_cannot_be_edited(world: World) -> None:
    with signed_in(world.db, "unit_a") as client:
        assert client.get(f"/projects/{world.project_b}/edit").status_code == 404
        token = csrf_of(client.get("/fill").text)
        sent = {"csrf": token, "version": "1", "p:name": "改名"}
        assert client.post(f"/projects/{world.project_b}/edit", data=sent).status_code == 404
        assert client.get(f"/projects/{world.published_project}/edit").status_code == 404


def test_the_target_is_typed_as_it_is_typed(world: World) -> None:
    with signed_in(world.db, "unit_a") as client:
        typed = client.get("/fill/target", params={"i:x:annual": "≥95%"}, headers=HX).text
        assert 'data-op="≥"' in typed and 'data-value="95"' in typed and 'data-unit="%"' in typed
        vague = client.get("/fill/target", params={"i:x:annual": "进一步提高"}, headers=HX).text
        assert "定性" in vague
