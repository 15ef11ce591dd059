"""The workflow pages on both databases, through the in-process client: the project page's
workflow panel (state, version, the caller's actions as forms; a stale version is a 409 that
offers to reload, a wrong state and a missing reason are said plainly), reviewing (a
disposition per finding, a comment on an indicator, what changed since the last round), the
submitter's view (what to change, answers), the edit page refusing a sent project and
editing an adjustment's draft, the inbox (tabs, counts, notifications, batch review), the
header count, finance's overview, the adjustment form and reminder, an old version, the
downloads; every form refuses a post without its CSRF token."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from jixiao.store import Store

from .auth_helpers import csrf_of, signed_in
from .conftest import Backend
from .test_web_fill import HX, form_of
from .test_web_workflow import PATHS, _move
from .web_helpers import TestClient, db_url
from .workflow_helpers import Flow, make_flow


@pytest.fixture
def flow(backend: Backend) -> Iterator[tuple[Flow, str]]:
    with Store(backend.url, connect_args=backend.connect_args) as store:
        yield make_flow(store, backend.url, dict(backend.connect_args or {})), db_url(backend)


def _page(client: TestClient, project: str) -> str:
    response = client.get(f"/projects/{project}")
    assert response.status_code == 200, response.text[:300]
    return response.text


def _version(html: str) -> str:
    found = re.search(r'data-testid="wf-version">(\d+)<', html)
    assert found, "the page shows no workflow version"
    return found.group(1)


def _state(html: str) -> str:
    found = re.search(r'data-testid="wf-state" data-state="(\w+)"', html)
    assert found, "the page shows no workflow state"
    return found.group(1)


def _act(client: TestClient, project: str, action: str, comment: str = "", **extra: str) -> object:
    html = _page(client, project)
    data = {"csrf": csrf_of(html), "action": action, "version": _version(html),
            "comment": comment, **extra}  # fmt: skip
    return client.post(f"/projects/{project}/act", data=data, follow_redirects=False)


def test_the_whole_round_on_the_pages(flow: tuple[Flow, str]) -> None:
    world, db = flow
    p = world.project_a
    with signed_in(db, "unit_a") as unit, signed_in(db, "dep") as dep, signed_in(db, "fin") as fin:
        html = _page(unit, p)
        assert _state(html) == "draft" and 'data-testid="do-submit"' in html
        assert 'data-testid="do-approve"' not in html and 'data-testid="edit-link"' in html
        # a stale version: 409, nothing moved, the page offers to reload
        stale = unit.post(f"/projects/{p}/act", data={"csrf": csrf_of(html), "action": "submit",
                                                      "version": "999"})  # fmt: skip
        assert stale.status_code == 409 and 'data-testid="reload"' in stale.text
        assert _state(stale.text) == "draft"
        sent = _act(unit, p, "submit")
        assert sent.status_code == 303  # type: ignore[attr-defined]
        html = _page(unit, p)
        assert _state(html) == "submitted" and "已办理" not in html  # no note without ?done
        assert 'data-testid="do-withdraw"' in html
        # the unit cannot edit a sent project: said plainly, no form
        locked = unit.get(f"/projects/{p}/edit")
        assert locked.status_code == 409 and "不能修改" in locked.text
        assert 'id="project-form"' not in locked.text
        # a wrong state said plainly (the unit's page was read before it was sent)
        again = unit.post(f"/projects/{p}/act", data={"csrf": csrf_of(html), "action": "submit",
                                                      "version": _version(html)})  # fmt: skip
        assert again.status_code == 409 and "已送审" in again.text
        # the reviewer: header count, the inbox, dispositions, a comment on one indicator
        home = dep.get("/").text
        assert 'data-testid="header-unread"' in home
        box = dep.get("/inbox").text
        assert 'data-testid="count-todo">1<' in box and p in box
        html = _page(dep, p)
        assert 'data-testid="do-approve"' in html and 'data-testid="reason-return"' in html
        key = re.search(r'name="finding_key" value="([^"]+)"', html)
        assert key, "no finding to dispose of"
        finding_key = key.group(1).replace("&#34;", '"').replace("&amp;", "&")
        data = {"csrf": csrf_of(html), "finding_key": finding_key, "disposition": "强制调整",
                "comment": "请把指标值写成可计量的数"}  # fmt: skip
        assert dep.post(f"/projects/{p}/dispose", data=data).status_code == 200
        bad = dep.post(f"/projects/{p}/dispose", data={**data, "comment": ""})
        assert bad.status_code == 400 and "须写明要改什么" in bad.text
        indicator = re.search(r'<option value="([0-9a-f-]{36})">指标：([^<]+)<', html)
        assert indicator
        made = dep.post(f"/projects/{p}/remarks", data={"csrf": csrf_of(html),
                        "target": indicator.group(1), "text": "该指标没有量化"})  # fmt: skip
        assert made.status_code == 200 and "该指标没有量化" in made.text
        assert f"指标“{indicator.group(2)}”" in made.text
        # 退回 without a reason: said plainly, nothing moved
        refused = _act(dep, p, "return", "  ")
        assert refused.status_code == 400 and "理由" in refused.text  # type: ignore[attr-defined]
        assert _act(dep, p, "return", "请按意见修改").status_code == 303  # type: ignore[attr-defined]
        # the submitter: what to change, the comment, an answer, the edit link
        html = _page(unit, p)
        assert _state(html) == "returned"
        assert 'data-disposition="强制调整"' in html and "请把指标值写成可计量的数" in html
        assert "该指标没有量化" in html and 'data-testid="edit-to-fix"' in html
        comment_id = re.search(rf"/projects/{p}/comments/(\d+)/answer", html)
        assert comment_id
        answered = unit.post(f"/projects/{p}/comments/{comment_id.group(1)}/answer",
                             data={"csrf": csrf_of(html), "text": "已改为“≥95%”"})  # fmt: skip
        assert answered.status_code == 200 and "已改为“≥95%”" in answered.text
        assert 'data-testid="answer"' in answered.text
        # fix in the edit form, send again; the reviewer sees what changed
        page = unit.get(f"/projects/{p}/edit").text
        fields = {**form_of(page), "p:goal": "修改后的年度绩效目标"}
        assert unit.post(f"/projects/{p}/edit", data=fields, headers=HX).status_code == 200
        assert _act(unit, p, "submit").status_code == 303  # type: ignore[attr-defined]
        html = _page(dep, p)
        assert 'data-testid="changes"' in html and "修改后的年度绩效目标" in html
        assert "已改为“≥95%”" in html  # the answer, beside the comment
        assert _act(dep, p, "approve").status_code == 303  # type: ignore[attr-defined]
        for action in ("approve", "final", "reply", "publish"):
            html = _page(fin, p)
            assert f'data-testid="do-{action}"' in html, action
            assert _act(fin, p, action).status_code == 303  # type: ignore[attr-defined]
        html = _page(fin, p)
        assert _state(html) == "published" and 'data-testid="remind-form"' in html
        steps = re.findall(r'data-testid="step" data-action="(\w+)"', html)
        assert steps[0] == "publish" and steps.count("submit") == 2 and "return" in steps
        reminded = fin.post(f"/projects/{p}/remind", data={"csrf": csrf_of(html),
                                                           "text": "请调整"})  # fmt: skip
        assert reminded.status_code == 200 and "已发送调整提醒" in reminded.text
        # the unit starts an adjustment; the edit page edits its draft; the old version stays
        html = _page(unit, p)
        assert 'data-testid="adjust-form"' in html and 'data-testid="header-unread"' in html
        opened = unit.post(f"/projects/{p}/adjust", data={"csrf": csrf_of(html),
                           "reason_kind": "预算追加追减", "reason": "追加 10 万元"})  # fmt: skip
        assert opened.status_code == 200 and 'data-testid="adjusting"' in opened.text
        old = re.search(rf"/projects/{p}/versions/(\d+)", opened.text)
        assert old
        seen = unit.get(old.group(0))
        assert seen.status_code == 200 and "修改后的年度绩效目标" in seen.text
        page = unit.get(f"/projects/{p}/edit")
        assert page.status_code == 200 and 'data-testid="editing-adjustment"' in page.text
        fields = {**form_of(page.text), "p:goal": "调整后的目标"}
        saved = unit.post(f"/projects/{p}/edit", data=fields, headers=HX)
        assert saved.status_code == 200 and 'data-testid="save-ok"' in saved.text
        assert "修改后的年度绩效目标" in _page(unit, p)  # the current version is unchanged
        twice = unit.post(f"/projects/{p}/adjust", data={"csrf": csrf_of(html),
                          "reason_kind": "自行申请", "reason": "再来一次"})  # fmt: skip
        assert twice.status_code == 409 and "进行中的调整" in twice.text
        # 撤销调整: a reason is needed; then the approved version is all there is
        html = _page(unit, p)
        assert 'data-testid="adjust-cancel-form"' in html
        bare = unit.post(f"/projects/{p}/adjust/cancel", data={"csrf": csrf_of(html)})
        assert bare.status_code == 400 and "理由" in bare.text
        cancelled = unit.post(f"/projects/{p}/adjust/cancel",
                              data={"csrf": csrf_of(html), "reason": "不再需要"})  # fmt: skip
        assert cancelled.status_code == 200 and "已撤销调整" in cancelled.text
        assert (
            'data-testid="adjusting"' not in cancelled.text
            and _state(cancelled.text) == "published"
        )
        # the downloads: the whole document's, to those who may read it whole
        assert 'data-testid="opinion-docx"' not in html  # the unit reads its unit only
        html = _page(fin, p)
        for fmt in ("docx", "pdf", "xlsx", "html"):
            link = re.search(rf'href="([^"]+)" data-testid="opinion-{fmt}"', html)
            assert link and fin.get(link.group(1).replace("&amp;", "&")).is_success, fmt
        for fmt in ("xlsx", "pdf"):
            link = re.search(rf'href="([^"]+)" data-testid="export-{fmt}"', html)
            assert link and fin.get(link.group(1).replace("&amp;", "&")).is_success, fmt


def test_inbox_notifications_batch_and_overview(flow: tuple[Flow, str]) -> None:
    world, db = flow
    with world.open() as store:
        for project in (world.project_a, world.project_a2):
            _move(store, project, ["submit"])
        _move(store, world.project_b, PATHS["returned"])
    with signed_in(db, "dep") as dep, signed_in(db, "unit_a") as unit:
        box = dep.get("/inbox").text
        assert 'data-testid="count-todo">2<' in box and 'data-testid="batch-form"' in box
        assert unit.get("/inbox").status_code == 200
        assert 'data-testid="batch-form"' not in unit.get("/inbox").text  # no workflow.batch
        token = csrf_of(box)
        mine = {"csrf": csrf_of(unit.get("/inbox").text), "action": "approve",
                "projects": [world.project_a]}  # fmt: skip
        assert unit.post("/inbox/batch", data=mine).status_code == 403
        picked = [world.project_a, world.project_a2, world.project_b]
        done = dep.post("/inbox/batch", data={"csrf": token, "action": "approve",
                                              "projects": picked})  # fmt: skip
        assert done.status_code == 200
        assert 'data-testid="batch-moved">2<' in done.text
        assert (
            done.text.count('data-ok="false"') == 1 and 'data-testid="count-todo">0<' in done.text
        )
        none = dep.post("/inbox/batch", data={"csrf": token, "action": "approve"})
        assert none.status_code == 400 and "没有选择项目" in none.text
        assert 'data-testid="count-returned">1<' in dep.get("/inbox?tab=returned").text
        assert world.project_a in dep.get("/inbox?tab=done").text
        # notifications: one read, then all
        box = dep.get("/inbox").text
        assert 'data-testid="unread-count"' in box, box[-3000:]
        unread = int(re.search(r'data-testid="unread-count">(\d+)<', box).group(1))  # type: ignore[union-attr]
        ids = re.findall(r'name="id" value="(\d+)"', box)
        assert unread == len(ids) and unread >= 1
        dep.post("/notifications/read", data={"csrf": csrf_of(box), "id": ids[0]})
        box = dep.get("/inbox").text
        assert f'data-testid="unread-count">{unread - 1}<' in box
        dep.post("/notifications/read", data={"csrf": csrf_of(box)})
        box = dep.get("/inbox").text
        assert 'data-testid="unread-count">0<' in box and 'data-testid="header-unread"' not in box
        assert dep.get("/overview").status_code == 403
    with signed_in(db, "fin") as fin:
        page = fin.get("/overview?deadline=2000-01-01")
        assert page.status_code == 200 and 'data-testid="overdue-note"' in page.text
        row = re.search(r'data-department="草稿局">(.*?)</tr>', page.text, re.S)
        assert row and 'data-category="submitted">2<' in row.group(1)
        assert 'data-category="returned">1<' in row.group(1)
        assert fin.get("/overview?deadline=bad").status_code == 422
        assert 'data-testid="nav-overview"' in fin.get("/").text
    with signed_in(db, None) as visitor:
        assert visitor.get("/inbox").status_code == 401
        assert 'data-testid="workflow"' not in visitor.get(f"/projects/{world.project_a}").text


def test_other_scopes_see_no_panel_and_forms_need_csrf(flow: tuple[Flow, str]) -> None:
    world, db = flow
    p = world.project_a
    with signed_in(db, "dep_other") as other:
        assert other.get(f"/projects/{p}").status_code == 404
    with signed_in(db, "unit_a") as unit:
        html = _page(unit, p)
        version = _version(html)
        posts = {
            f"/projects/{p}/act": {"action": "submit", "version": version},
            f"/projects/{p}/adjust": {"reason_kind": "自行申请", "reason": "x"},
            f"/projects/{p}/adjust/cancel": {"reason": "x"},
            f"/projects/{p}/comments/1/answer": {"text": "x"},
            "/notifications/read": {},
        }
        for url, data in posts.items():
            assert unit.post(url, data=data).status_code == 403, url
        assert _state(_page(unit, p)) == "draft"  # nothing moved
        # a viewer reads the panel without any action
    with signed_in(db, "view_a") as viewer:
        html = _page(viewer, p)
        assert 'data-testid="no-actions"' in html and 'data-testid="edit-link"' not in html
        assert viewer.get(f"/projects/{p}/versions/1").status_code == 200
        assert viewer.get(f"/projects/{p}/versions/9999").status_code == 404
    with signed_in(db, "dep") as dep:
        html = _page(dep, p)
        forms = {
            f"/projects/{p}/dispose": {"finding_key": "x", "disposition": "通过"},
            f"/projects/{p}/remarks": {"text": "x"},
            "/inbox/batch": {"action": "approve", "projects": p},
        }
        for url, data in forms.items():
            assert dep.post(url, data=data).status_code == 403, url
        # a comment while the project is not under review: said plainly
        refused = dep.post(f"/projects/{p}/remarks", data={"csrf": csrf_of(html), "text": "x"})
        assert refused.status_code == 409 and "不在审核中" in refused.text
