"""The workflow API on both databases: every transition of the table × every role and a
visitor (allowed: 200; another role: 403; outside the caller's scope: 404; a visitor: 401),
stale versions and wrong states (409), a return without a reason (400), reviewing over the
API (findings, dispositions, comments, answers, changes), adjustments, inbox, notifications,
finance's overview and reminders, the 审核意见书 download, and the edit form saying plainly
that a sent project is read-only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from jixiao.services import workflow as wf
from jixiao.services.actor import cli_actor
from jixiao.store import Store

from .auth_helpers import signed_in
from .conftest import Backend
from .test_web_fill import HX, form_of
from .test_workflow import EXPECTED
from .web_helpers import TestClient, db_url
from .workflow_helpers import Flow, make_flow

# How a project reaches each state (the command line, trusted, moves it).
PATHS = {
    "draft": [],
    "submitted": ["submit"],
    "returned": ["submit", "return"],
    "department_approved": ["submit", "approve"],
    "finance_approved": ["submit", "approve", "approve"],
    "final_approved": ["submit", "approve", "approve", "final"],
    "approved": ["submit", "approve", "approve", "final", "reply"],
}
ROLES = ["fin", "dep", "dep_other", "unit_a", "unit_b", "view_a", "sys", None]
HOLDS = {  # who holds each step's permission (in scope of 甲单位's projects)
    "workflow.submit": "unit_a",
    "workflow.department": "dep",
    "workflow.finance": "fin",
    "workflow.final": "fin",
    "documents.publish": "fin",
}


@pytest.fixture
def flow(backend: Backend) -> Iterator[tuple[Flow, str]]:
    with Store(backend.url, connect_args=backend.connect_args) as store:
        yield make_flow(store, backend.url, dict(backend.connect_args or {})), db_url(backend)


def _unit_a_projects(store: Store, flow: Flow) -> list[str]:
    doc = store.load(flow.document)
    return [p.id for u in doc.units if u.name == "甲单位" for p in u.projects]


def _move(store: Store, project: str, actions: list[str]) -> None:
    cli = wf.acting(cli_actor())
    for action in actions:
        wf.transition(store, cli, project, action, comment="理由", read_version=None)


def _expected(role: str | None, permission: str) -> int:
    if role is None:
        return 401
    if role == "sys":
        return 403  # no documents.read: refused by the route
    if role in ("unit_b", "dep_other"):
        return 404  # outside their scope: not found, never its data
    return 200 if HOLDS[permission] == role else 403


def _post(client: TestClient, project: str, action: str, version: int, comment: str = "") -> Any:
    return client.post(f"/api/v1/projects/{project}/workflow",
                       json={"action": action, "comment": comment, "version": version})  # fmt: skip


def test_every_transition_by_every_role(flow: tuple[Flow, str]) -> None:
    world, db = flow
    with world.open() as store:
        projects = _unit_a_projects(store, world)
        rows = sorted(EXPECTED.items())
        assert len(projects) >= len(rows)
        plan = []
        for (source, action, permission), target in rows:
            project = projects.pop()
            _move(store, project, PATHS[source])
            plan.append((project, source, action, permission, target))
    clients = {}
    try:
        for role in ROLES:
            clients[role] = signed_in(db, role)
        opened = {role: c.__enter__() for role, c in clients.items()}
        # the refused ones first (nothing moves), then the one allowed
        for project, source, action, permission, target in plan:
            with world.open() as store:
                version = store.document_state(world.document).version
            order = sorted(ROLES, key=lambda r: _expected(r, permission) == 200)
            for role in order:
                answer = _post(opened[role], project, action, version, "请修改")
                where = f"{role} {action} from {source}: {answer.status_code} {answer.text[:200]}"
                assert answer.status_code == _expected(role, permission), where
                if answer.status_code == 200:
                    assert answer.json()["to_state"] == target, where
                elif answer.status_code != 401:
                    assert answer.json()["error"]["code"] in ("forbidden", "not_found"), where
    finally:
        for c in clients.values():
            c.__exit__(None, None, None)


def test_conflicts_wrong_states_and_reasons(flow: tuple[Flow, str]) -> None:
    world, db = flow
    with signed_in(db, "unit_a") as client:
        url = f"/api/v1/projects/{world.project_a}/workflow"
        page = client.get(url).json()
        assert page["state_name"] == "草稿" and [a["key"] for a in page["actions"]] == ["submit"]
        stale = _post(client, world.project_a, "submit", page["version"] + 5)
        assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
        assert _post(client, world.project_a, "submit", page["version"]).status_code == 200
        again = _post(client, world.project_a, "submit", page["version"])
        assert again.status_code == 409 and again.json()["error"]["code"] == "wrong_state"
        assert "已送审" in again.json()["error"]["message"]
        bad = client.post(url, json={"action": "submit"})  # no version: a 422, never a 500
        assert bad.status_code == 422
    with signed_in(db, "dep") as client:
        version = client.get(f"/api/v1/projects/{world.project_a}/workflow").json()["version"]
        answer = _post(client, world.project_a, "return", version, "  ")
        assert answer.status_code == 400 and "理由" in answer.json()["error"]["message"]
    with signed_in(db, None) as client:
        assert client.get(f"/api/v1/projects/{world.project_a}/workflow").status_code == 401
    with signed_in(db, "dep_other") as client:
        assert client.get(f"/api/v1/projects/{world.project_a}/workflow").status_code == 404


def test_reviewing_over_the_api(flow: tuple[Flow, str]) -> None:
    world, db = flow
    p = world.project_a
    with signed_in(db, "unit_a") as unit, signed_in(db, "dep") as dep:
        version = unit.get(f"/api/v1/projects/{p}/workflow").json()["version"]
        assert _post(unit, p, "submit", version).status_code == 200
        assert dep.get("/api/v1/inbox").json()["counts"]["todo"] == 1
        found = dep.get(f"/api/v1/projects/{p}/findings").json()
        assert found and found[0]["disposition"] is None
        items = [{"finding_key": found[0]["key"], "disposition": "强制调整", "comment": "改"}]
        saved = dep.post(f"/api/v1/projects/{p}/dispositions", json={"items": items})
        assert saved.status_code == 200 and saved.json() == {"saved": 1}
        bad = dep.post(f"/api/v1/projects/{p}/dispositions",
                       json={"items": [{**items[0], "disposition": "随便"}]})  # fmt: skip
        assert bad.status_code == 400
        made = dep.post(f"/api/v1/projects/{p}/comments", json={"text": "资金说明不清",
                                                                "field": "goal"})  # fmt: skip
        assert made.status_code == 200
        assert unit.post(f"/api/v1/projects/{p}/comments", json={"text": "x"}).status_code == 403
        version = dep.get(f"/api/v1/projects/{p}/workflow").json()["version"]
        assert _post(dep, p, "return", version, "请修改资金说明").status_code == 200
        inbox = unit.get("/api/v1/inbox").json()
        assert inbox["counts"]["returned"] == 1 and inbox["returned"][0]["project_id"] == p
        notes = unit.get("/api/v1/notifications?unread=true").json()
        assert notes["unread"] >= 2 and any("退回" in n["text"] for n in notes["items"])
        answered = unit.post(f"/api/v1/comments/{made.json()['id']}/answers",
                             json={"text": "已补充"})  # fmt: skip
        assert answered.status_code == 200
        thread = dep.get(f"/api/v1/projects/{p}/comments").json()
        assert thread[0]["answers"][0]["text"] == "已补充"
        assert unit.post("/api/v1/notifications/read", json={}).json()["marked"] >= 2
        assert unit.get("/api/v1/inbox").json()["counts"]["unread"] == 0
        # the unit fixes in the form and sends again; the reviewer sees what changed
        page = unit.get(f"/projects/{p}/edit").text
        fields = {**form_of(page), "p:goal": "补充了资金说明的目标"}
        assert unit.post(f"/projects/{p}/edit", data=fields, headers=HX).status_code == 200
        version = unit.get(f"/api/v1/projects/{p}/workflow").json()["version"]
        assert _post(unit, p, "submit", version).status_code == 200
        changes = dep.get(f"/api/v1/projects/{p}/changes").json()
        assert not changes["empty"] and changes["project"][0]["field"] == "goal"
        # once sent, the edit page says plainly that it is read-only (not a 500), and a
        # save from a form read before is refused the same way
        locked = unit.get(f"/projects/{p}/edit")
        assert locked.status_code == 409 and "不能修改" in locked.text
        fields = {**fields, "p:goal": "送审后又改"}
        refused = unit.post(f"/projects/{p}/edit", data=fields, headers=HX)
        assert refused.status_code in (200, 422) and "不能修改" in refused.text


def test_adjustment_overview_reminders_and_opinion(flow: tuple[Flow, str]) -> None:
    world, db = flow
    p = world.project_a
    with world.open() as store:
        _move(store, p, PATHS["approved"])
    with signed_in(db, "unit_a") as unit, signed_in(db, "fin") as fin:
        body = {"reason_kind": "预算追加追减", "reason": "追加 10 万元"}
        opened = unit.post(f"/api/v1/projects/{p}/adjustment", json=body)
        assert opened.status_code == 200 and opened.json()["state"] == "draft"
        assert unit.post(f"/api/v1/projects/{p}/adjustment", json=body).status_code == 409
        page = unit.get(f"/api/v1/projects/{p}/workflow").json()
        assert page["adjusting"]["reason_kind"] == "预算追加追减" and page["state"] == "draft"
        assert fin.post(f"/api/v1/projects/{p}/adjustment", json=body).status_code == 403
        cancel = f"/api/v1/projects/{p}/adjustment/cancel"
        assert fin.post(cancel, json={"reason": "x"}).status_code == 403
        assert unit.post(cancel, json={"reason": "不改了"}).json()["result"] == "已撤销"
        assert unit.post(cancel, json={"reason": "再撤"}).status_code == 409
        assert unit.post(f"/api/v1/projects/{p}/adjustment", json=body).status_code == 200
        view = fin.get("/api/v1/workflow/overview?deadline=2000-01-01").json()
        assert view["overdue"] and any(d["counts"]["approved"] >= 1 for d in view["departments"])
        assert unit.get("/api/v1/workflow/overview").status_code == 403
        sent = fin.post("/api/v1/workflow/reminders", json={"projects": [p], "text": "请调整"})
        assert sent.status_code == 200 and sent.json()["sent"] == 1
        assert unit.get("/api/v1/inbox").json()["counts"]["unread"] >= 1
        doc = fin.get(f"/api/v1/documents/{world.document}/opinion?format=docx")
        assert doc.status_code == 200 and doc.content[:2] == b"PK"
        assert "wordprocessingml" in doc.headers["content-type"]
    with signed_in(db, None) as visitor:  # the opinion carries reviewers' remarks: accounts only
        assert visitor.get(f"/api/v1/documents/{world.document}/opinion").status_code == 401
    with signed_in(db, "dep_other") as other:  # another department's draft: not found
        assert other.get(f"/api/v1/documents/{world.document}/opinion").status_code == 404


def test_batch_over_the_api(flow: tuple[Flow, str]) -> None:
    world, db = flow
    with world.open() as store:
        for project in (world.project_a, world.project_a2):
            _move(store, project, ["submit"])
    with signed_in(db, "dep") as dep, signed_in(db, "unit_a") as unit:
        body = {"action": "approve", "projects": [world.project_a, world.project_a2,
                                                   world.project_b]}  # fmt: skip
        assert unit.post("/api/v1/workflow/batch", json=body).status_code == 403
        done = dep.post("/api/v1/workflow/batch", json=body).json()
        assert done["moved"] == 2 and done["results"][2]["code"] == "wrong_state"
