"""Tasks over the web app (in-process client), on SQLite and PostgreSQL: finance issues a task
in the page; a unit opens its report, sees the lights as it types (the preview), saves it as a
version, sends it on; the reviewers return and approve it; the overview page and its xlsx; the
workbook downloaded and uploaded through the page; the API's routes with a token and with the
page's cookie (CSRF), 409 on a stale version; the audit of published 自评表 in a page."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from jixiao.services import accounts, credentials
from jixiao.services.policy import load_policy
from jixiao.store import Store

from .auth_helpers import csrf_of, signed_in
from .conftest import Backend
from .tasks import DEPARTMENT, OTHER_DEPARTMENT, PASSWORD, TRAINING, YEAR, make_people
from .web_helpers import TestClient, client_for, db_url

REALWORLD = Path(__file__).parent / "data" / "realworld"


@pytest.fixture
def db(backend: Backend) -> str:
    with Store(backend.url, connect_args=backend.connect_args) as store:
        make_people(store)
    return db_url(backend)


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _issue(db: str, kind: str = "monitoring") -> int:
    with signed_in(db, "fin") as fin:
        page = fin.get("/tasks/new")
        assert page.status_code == 200 and "下达任务" in page.text
        made = fin.post(
            "/tasks",
            data={
                "csrf": csrf_of(page.text),
                "kind": kind,
                "year": str(YEAR),
                "period": "1-6月",
                "deadline": "2030-07-20",
                "departments": DEPARTMENT,
            },
            follow_redirects=False,
        )
        assert made.status_code == 303, made.text[:300]
        found = re.search(r"/tasks/(\d+)\?issued=1", made.headers["location"])
        assert found
        return int(found.group(1))


def _report_url(client: TestClient, task_id: int, project: str = TRAINING) -> str:
    page = client.get(f"/tasks/{task_id}").text
    found = re.search(rf'href="(/tasks/{task_id}/reports/\d+)"[^>]*>{project}<', page)
    assert found, page[:2000]
    return found.group(1)


def _fields(html: str) -> dict[str, str]:
    """Indicator field names of the page by indicator name and column."""
    out: dict[str, str] = {}
    for row in re.findall(
        r'<tr data-testid="indicator" data-name="([^"]+)">(.*?)</tr>', html, re.S
    ):
        for name in re.findall(r'name="(e:[^"]+)"', row[1]):
            out[f"{row[0]}/{name.rsplit(':', 1)[1]}"] = name
    return out


def _monitoring_form(html: str, *, reasons: bool = True) -> dict[str, Any]:
    f = _fields(html)
    data: dict[str, Any] = {
        "csrf": csrf_of(html),
        "b:initial": "200",
        "b:adjusted": "200",
        "b:spent": "100",
        "a:deviation": "办结时限超期。" if reasons else "",
    }
    values = {"培训人数": "30人", "培训合格率": "96%", "办结时限": "6天", "就业能力": "部分完成",
              "学员满意度": "92%"}  # fmt: skip
    for name, current in values.items():
        data[f[f"{name}/current"]] = current
        data[f[f"{name}/possibility"]] = "确定能"
    if reasons:
        data[f["办结时限/reasons"]] = ["采购程序影响", "其他"]
        data[f["办结时限/other_reason"]] = "招标延期"
        data[f["办结时限/measures"]] = "加快审批"
    version = re.search(r'name="version" value="(\d+)" data-testid="version"', html)
    assert version
    data["version"] = version.group(1)
    return data


def test_issue_fill_preview_save_and_flow_in_the_pages(db: str) -> None:
    task_id = _issue(db)
    with signed_in(db, "unit_a") as unit:
        listed = unit.get("/tasks")
        assert listed.status_code == 200 and "待填报 2" in text_of(listed.text)
        assert 'data-testid="task-new"' not in listed.text  # a unit issues nothing
        url = _report_url(unit, task_id)
        page = unit.get(url)
        assert page.status_code == 200 and "运行监控" in page.text
        form = _monitoring_form(page.text, reasons=False)
        live = unit.post(f"{url}/preview", data=form)
        assert live.status_code == 200
        assert 'data-light="red"' in live.text and "须填写偏差原因" in live.text
        assert live.text.count('hx-swap-oob="true"') == 5  # each indicator's light
        saved = unit.post(url, data=form, follow_redirects=False)
        assert saved.status_code == 303 and saved.headers["location"].endswith("?saved=2")
        again = unit.get(url).text
        sent = unit.post(f"{url}/actions", data={"csrf": csrf_of(again), "action": "submit",
                                                 "version": "2"})  # fmt: skip
        assert sent.status_code == 422 and "不能送审" in text_of(sent.text)
        full = _monitoring_form(again)
        done = unit.post(url, data=full, follow_redirects=False)
        assert done.headers["location"].endswith("?saved=3")
        stale = unit.post(url, data=full)  # version 2 again: refused, nothing saved
        assert stale.status_code == 409 and "已被他人修改" in text_of(stale.text)
        bad = dict(full, version="3", **{_fields(again)["培训人数/possibility"]: "大概"})
        refused = unit.post(url, data=bad)
        assert refused.status_code == 422 and "“大概”应为确定能、有可能、不可能" in text_of(
            refused.text
        )
        page = unit.get(url).text
        assert "已填写完整，可以送审" in page and "采购程序影响" in page
        submitted = unit.post(
            f"{url}/actions",
            data={"csrf": csrf_of(page), "action": "submit", "version": "3"},
            follow_redirects=False,
        )
        assert submitted.status_code == 303
        page = unit.get(url).text
        assert "待主管部门审核" in page and 'data-testid="save"' not in page  # no longer editable
    with signed_in(db, "unit_b") as other:
        assert other.get(url).status_code == 404  # another unit's report
    with signed_in(db, "dep") as dep:
        page = dep.get(url).text
        assert 'data-testid="action-department_approve"' in page
        no_reason = dep.post(f"{url}/actions", data={"csrf": csrf_of(page), "action": "return",
                                                     "version": "4", "reason": ""})  # fmt: skip
        assert no_reason.status_code == 422 and "退回须填写理由" in text_of(no_reason.text)
        dep.post(f"{url}/actions", data={"csrf": csrf_of(page), "action": "department_approve",
                                          "version": "4"})  # fmt: skip
    with signed_in(db, "fin") as fin:
        page = fin.get(url).text
        assert "待财政审核" in page
        fin.post(f"{url}/actions", data={"csrf": csrf_of(page), "action": "finance_approve",
                                          "version": "5"})  # fmt: skip
        assert "已审核" in fin.get(url).text
        overview = fin.get(f"/tasks/{task_id}/overview")
        assert overview.status_code == 200
        shown = text_of(overview.text)
        assert "红灯" in shown and "办结时限" in shown and "采购程序影响、其他：招标延期" in shown
        assert overview.text.count('data-testid="overview-row"') == 3
        assert overview.text.count('data-testid="deviation"') == 3
        xlsx = fin.get(f"/tasks/{task_id}/overview.xlsx")
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    with signed_in(db, "unit_a") as unit:
        assert unit.get(f"/tasks/{task_id}/overview").status_code == 403  # finance's page


def test_workbook_round_trip_through_the_page(db: str) -> None:
    from openpyxl import load_workbook

    task_id = _issue(db)
    with signed_in(db, "unit_a") as unit:
        url = _report_url(unit, task_id)
        got = unit.get(f"{url}/workbook.xlsx")
        assert got.status_code == 200 and "attachment" in got.headers["content-disposition"]
        book = load_workbook(io.BytesIO(got.content))
        sheet = book.active
        header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "一级指标")
        cols = {sheet.cell(header, c).value: c for c in range(1, 13)}
        for r in range(header + 1, header + 6):
            sheet.cell(r, cols["当前完成值"]).value = "100%" if "率" in sheet.cell(
                r, cols["三级指标"]).value else "达成"  # fmt: skip
            sheet.cell(r, cols["完成可能性"]).value = "确定能"
        out = io.BytesIO()
        book.save(out)
        page = unit.get(url).text
        version = re.search(r'name="version" value="(\d+)"', page)
        assert version
        sent = unit.post(
            f"{url}/workbook",
            data={"csrf": csrf_of(page), "version": version.group(1)},
            files={"file": ("监控表.xlsx", out.getvalue())},
            follow_redirects=False,
        )
        assert sent.status_code == 303, sent.text[:500]
        page = unit.get(url).text
        assert "导入 监控表.xlsx" in page and 'value="达成"' in page
        broken = unit.post(f"{url}/workbook", data={"csrf": csrf_of(page), "version": "2"},
                           files={"file": ("x.xlsx", b"not a workbook")})  # fmt: skip
        assert broken.status_code == 422 and "无法打开 Excel 文件" in text_of(broken.text)


def test_the_api(db: str, backend: Backend) -> None:
    with Store(backend.url, connect_args=backend.connect_args) as store:
        policy = load_policy()
        tokens = {}
        for name in ("fin", "unit_a", "dep"):
            signed = accounts.sign_in(store, policy, name, PASSWORD, "test")
            tokens[name] = {"Authorization": "Bearer " + credentials.create_token(
                store, policy, signed.principal, "t").secret}  # fmt: skip
    with client_for(db) as api:
        body = {"kind": "selfeval", "year": YEAR, "deadline": "2030-12-31",
                "departments": [DEPARTMENT]}  # fmt: skip
        assert api.post("/api/v1/tasks", json=body, headers=tokens["unit_a"]).status_code == 403
        made = api.post("/api/v1/tasks", json=body, headers=tokens["fin"])
        assert made.status_code == 201 and made.json()["reports"] == 3
        task_id = made.json()["task_id"]
        listed = api.get("/api/v1/tasks", headers=tokens["unit_a"]).json()["items"]
        assert listed[0]["id"] == task_id and listed[0]["open"] == 2
        detail = api.get(f"/api/v1/tasks/{task_id}", headers=tokens["unit_a"]).json()
        assert detail["total"] == 2
        rid = next(r["id"] for r in detail["reports"] if r["project"] == TRAINING)
        url = f"/api/v1/tasks/{task_id}/reports/{rid}"
        report = api.get(url, headers=tokens["unit_a"]).json()
        assert report["kind"] == "selfeval" and report["editable"] and report["problems"]
        ids = {i["name"]: i["id"] for i in report["indicators"]}
        data = {"initial": "200", "full_year": "200", "executed": "190", "entries": {
            ids["培训人数"]: {"actual": "120人"}, ids["培训合格率"]: {"actual": "95%"},
            ids["办结时限"]: {"actual": "5天"},
            ids["就业能力"]: {"actual": "已完成", "score": "30"},
            ids["学员满意度"]: {"actual": "95%"}},
            "conclusion": "好", "problems": "无", "improvements": "继续"}  # fmt: skip
        out_of_band = {**data, "entries": {**data["entries"], ids["就业能力"]: {
            "actual": "已完成", "score": "20"}}}  # fmt: skip
        refused = api.post(url, json={"version": 1, "data": out_of_band}, headers=tokens["unit_a"])
        assert refused.status_code == 400 and "不在“达成”档内" in refused.json()["error"]["message"]
        saved = api.post(url, json={"version": 1, "data": data}, headers=tokens["unit_a"]).json()
        assert saved["score"] == "99.50" and saved["grade"] == "优" and saved["problems"] == []
        stale = api.post(url, json={"version": 1, "data": data}, headers=tokens["unit_a"])
        assert stale.status_code == 409 and stale.json()["error"]["code"] == "conflict"
        act = api.post(f"{url}/actions", json={"action": "submit", "version": 2},
                       headers=tokens["unit_a"])  # fmt: skip
        assert act.status_code == 200 and act.json()["state"] == "submitted"
        wrong = api.post(f"{url}/actions", json={"action": "finance_approve", "version": 3},
                         headers=tokens["fin"])  # fmt: skip
        assert wrong.status_code == 400 and "不能财政审核通过" in wrong.json()["error"]["message"]
        seen = api.get(f"/api/v1/tasks/{task_id}/overview", headers=tokens["dep"]).json()
        assert seen["reports"] == 3 and {g["key"]: g["count"] for g in seen["grades"]}["优"] == 1
        assert (
            api.get(f"/api/v1/tasks/{task_id}/overview", headers=tokens["unit_a"]).status_code
            == 403
        )
        sheet = api.get(f"{url}/export", params={"format": "docx"}, headers=tokens["dep"])
        assert sheet.status_code == 200 and sheet.content[:2] == b"PK"
        assert "filename*=UTF-8''" in sheet.headers["content-disposition"]
        assert (
            api.get(f"/api/v1/tasks/{task_id}/reports/999999", headers=tokens["fin"]).status_code
            == 404
        )
        garbage = api.post(
            url, json={"version": 3, "data": {"entries": 5}}, headers=tokens["unit_a"]
        )
        assert garbage.status_code == 400  # never a 500
    with signed_in(db, "unit_a") as unit:  # the browser's cookie: writes need the CSRF token
        page = unit.get("/tasks").text
        no_token = unit.post(f"{url}/actions", json={"action": "submit", "version": 3})
        assert no_token.status_code == 403 and "CSRF" in no_token.json()["error"]["message"]
        token = csrf_of(page)
        with_token = unit.post(f"{url}/actions", json={"action": "submit", "version": 3},
                               headers={"X-CSRF-Token": token})  # fmt: skip
        assert with_token.status_code == 400  # past the guard: already submitted


def test_audit_published_selfevaluations_in_a_page(db: str) -> None:
    with signed_in(db, "viewer") as viewer:
        page = viewer.get("/selfeval-audit")
        assert page.status_code == 200
        files = [("files", (p.name, p.read_bytes())) for p in (
            REALWORLD / "ah-suixi-mzj-linshijiuzhu-selfeval-2019.html",
            REALWORLD / "ah-tianchang-slj-selfeval-2022.html")]  # fmt: skip
        done = viewer.post("/selfeval-audit", data={"csrf": csrf_of(page.text)}, files=files)
        assert done.status_code == 200
        shown = text_of(done.text)
        assert done.text.count('data-kind="missed_full"') == 1
        assert "未达到目标却得满分" in shown and "(1 − 530 ÷ 5300) × 10 = 9" in shown
        assert 'data-testid="no-departure"' in done.text  # the other table agrees


def test_workbook_round_trip_through_the_api(db: str, backend: Backend) -> None:
    from openpyxl import load_workbook

    with Store(backend.url, connect_args=backend.connect_args) as store:
        policy = load_policy()
        bearer = {}
        for name in ("fin", "unit_a"):
            signed = accounts.sign_in(store, policy, name, PASSWORD, "test")
            secret = credentials.create_token(store, policy, signed.principal, "t").secret
            bearer[name] = {"Authorization": f"Bearer {secret}"}
    with client_for(db) as api:
        body = {"kind": "monitoring", "year": YEAR, "deadline": "2030-07-20", "period": "1-7月",
                "departments": [DEPARTMENT]}  # fmt: skip
        task_id = api.post("/api/v1/tasks", json=body, headers=bearer["fin"]).json()["task_id"]
        detail = api.get(f"/api/v1/tasks/{task_id}", headers=bearer["unit_a"]).json()
        assert detail["task"]["period"] == "1-7月" and detail["task"]["open"] == 2
        rid = next(r["id"] for r in detail["reports"] if r["project"] == TRAINING)
        url = f"/api/v1/tasks/{task_id}/reports/{rid}"
        got = api.get(f"{url}/workbook", headers=bearer["unit_a"])
        assert got.status_code == 200 and got.content[:2] == b"PK"
        book = load_workbook(io.BytesIO(got.content))
        sheet = book.active
        header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "一级指标")
        cols = {sheet.cell(header, c).value: c for c in range(1, 13)}
        for r in range(header + 1, header + 6):
            sheet.cell(r, cols["当前完成值"]).value = "0人" if r == header + 1 else "达成"
            sheet.cell(r, cols["完成可能性"]).value = "确定能"
        out = io.BytesIO()
        book.save(out)
        sent = api.post(f"{url}/workbook", data={"version": "1"}, headers=bearer["unit_a"],
                        files={"file": ("监控表.xlsx", out.getvalue())})  # fmt: skip
        assert sent.status_code == 200, sent.text
        saved = sent.json()
        assert saved["version"] == 2 and saved["light"] == "red"  # 0 of 100 people by July
        assert any("培训人数" in p and "偏差原因" in p for p in saved["problems"])
        report = api.get(url, headers=bearer["unit_a"]).json()
        first = next(i for i in report["indicators"] if i["name"] == "培训人数")
        assert first["current"] == "0人" and first["light"] == "red"
        assert report["versions"][-1]["action"] == "导入"


def _approve(db: str, name: str) -> str:
    """Take the project ``name`` of the department's table through to 已批复; its id."""
    from jixiao.services import workflow as wf
    from jixiao.services.actor import cli_actor

    with Store(db) as store:
        doc = next(r.id for r in store.documents() if r.department == DEPARTMENT)
        uid = next(p.id for _u, p in store.load(doc).projects() if p.name == name)
        cli = wf.acting(cli_actor())
        for action in ("submit", "approve", "approve", "final", "reply"):
            wf.transition(store, cli, uid, action, read_version=None)
    return uid


def test_a_deviation_starts_an_adjustment_from_the_report(db: str) -> None:
    """A red indicator of an approved project offers 发起调整 in its row, the form
    preselecting 项目内容变更 with the deviation as the reason; it opens the project's
    adjustment and the report says so; a draft project is refused plainly."""
    task_id = _issue(db)
    with signed_in(db, "unit_a") as unit:
        url = _report_url(unit, task_id)
        page = unit.get(url).text
        assert (
            unit.post(url, data=_monitoring_form(page), follow_redirects=False).status_code == 303
        )
        page = unit.get(url).text
        # a draft project: no form, the reason said
        assert 'data-testid="adjust-refused"' in page and "不能发起调整" in text_of(page)
        assert 'data-testid="row-adjust"' not in page and 'data-testid="adjust-form"' not in page
        token = csrf_of(page)
        refused = unit.post(f"{url}/adjust", data={"csrf": token, "reason_kind": "项目内容变更",
                                                   "reason": "办结时限偏差"})  # fmt: skip
        assert refused.status_code == 409
        assert "未发起调整：项目处于“草稿”状态，不能发起调整" in text_of(refused.text)
    uid = _approve(db, TRAINING)
    with signed_in(db, "unit_a") as unit:
        page = unit.get(url).text
        rows = re.findall(r'<tr data-testid="indicator" data-name="([^"]+)">(.*?)</tr>', page,
                          re.S)  # fmt: skip
        offered = {name for name, row in rows if 'data-testid="row-adjust"' in row}
        red = {name for name, row in rows if re.search(r'data-light="(red|yellow)"', row)}
        assert offered == red and "办结时限" in offered and "培训合格率" not in offered
        forms = re.findall(r'data-testid="adjust-[0-9a-f-]{36}".*?</details>', page, re.S)
        assert len(forms) == len(red)
        form = re.search(r"按“办结时限”的偏差.*?</details>", page, re.S)
        assert form, page[-3000:]
        shown = unescape(form.group(0))
        assert '<option value="项目内容变更" selected>' in shown
        assert "办结时限红灯：年度指标值 ≤5天，当前完成值 6天" in shown
        assert "偏差原因：采购程序影响、其他：招标延期" in shown and "纠偏措施：加快审批" in shown
        assert 'data-testid="adjust-report"' in page  # and the report as a whole
        reason = re.search(r'name="reason"[^>]*>([^<]*)</textarea>', form.group(0))
        assert reason
        empty = unit.post(f"{url}/adjust", data={"csrf": csrf_of(page),
                          "reason_kind": "项目内容变更", "reason": " "})  # fmt: skip
        assert empty.status_code == 400 and "发起调整须说明理由" in text_of(empty.text)
        done = unit.post(f"{url}/adjust", data={"csrf": csrf_of(page), "reason_kind":
                         "项目内容变更", "reason": unescape(reason.group(1))},
                         follow_redirects=False)  # fmt: skip
        assert done.status_code == 303 and done.headers["location"].endswith("?adjusted=1#adjust")
        after = unit.get(done.headers["location"]).text
        assert 'data-testid="adjusted"' in after and 'data-testid="adjust-open"' in after
        assert "项目内容变更：办结时限红灯" in text_of(after)
        assert 'data-testid="adjust-form"' not in after  # one open adjustment per project
        project = unit.get(f"/projects/{uid}").text
        assert 'data-testid="adjusting"' in project and "办结时限红灯" in project
        twice = unit.post(f"{url}/adjust", data={"csrf": csrf_of(after),
                          "reason_kind": "项目内容变更", "reason": "再来一次"})  # fmt: skip
        assert twice.status_code == 409 and "进行中的调整" in text_of(twice.text)
    with signed_in(db, "dep") as dep:  # reviewers read the report; they do not adjust
        page = dep.get(url).text
        assert 'data-testid="adjust"' not in page
        token = csrf_of(page)
        assert dep.post(f"{url}/adjust", data={"csrf": token}).status_code == 403


def test_the_department_dashboard_charts_the_latest_lights_and_grades(db: str) -> None:
    """Once tasks have reports for its projects, the department's dashboard charts the latest
    monitoring task's projects by light and the self-evaluation's by grade, over the reports
    the account reads (a unit: its own); a department without reports shows neither."""
    with Store(db) as store:
        docs = {r.department: r.id for r in store.documents()}
    dashboard = f"/documents/{docs[DEPARTMENT]}"
    with signed_in(db, "dep") as dep:
        assert 'data-testid="dashboard-tasks"' not in dep.get(dashboard).text
    task_id = _issue(db)
    _issue(db, "selfeval")
    with signed_in(db, "unit_a") as unit:
        url = _report_url(unit, task_id)
        form = _monitoring_form(unit.get(url).text)
        assert unit.post(url, data=form, follow_redirects=False).status_code == 303
        mine = unit.get(dashboard).text
        assert re.search(r'data-testid="tasks-lights".*?：2 个项目，1 个尚未填报', mine, re.S)
    with signed_in(db, "dep") as dep:
        page = dep.get(dashboard)
        assert page.status_code == 200
        html = page.text
        assert 'data-testid="chart-lights"' in html and 'data-testid="chart-grades"' in html
        lights = re.search(r'data-testid="tasks-lights-counts">(.*?)</p>', html, re.S)
        assert lights and text_of(lights.group(1)) == "红灯 1 ； 黄灯 0 ； 蓝灯 0 ； 绿灯 0"
        assert re.search(r'data-testid="tasks-lights".*?：3 个项目，2 个尚未填报', html, re.S)
        assert re.search(r'data-testid="tasks-grades".*?：3 个项目，3 个尚未评出等级', html, re.S)
        blob = re.search(r'id="dashboard-data">(.*?)</script>', html, re.S)
        assert blob
        data = json.loads(blob.group(1))
        assert data["tasks"]["lights"][0] == ["red", "红灯", 1]
        assert [g[2] for g in data["tasks"]["grades"]] == [0, 0, 0, 0]
        other = dep.get(f"/documents/{docs[OTHER_DEPARTMENT]}")
        assert other.status_code in (200, 404) and 'data-testid="dashboard-tasks"' not in other.text
