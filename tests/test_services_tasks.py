"""Monitoring and self-evaluation tasks through the services, on SQLite and PostgreSQL:
issuing to departments, each unit's inbox, the monitoring form saved as versions (lights,
required reasons, optimistic locking, bad values refused whole), 送审 / 退回 / 审核 by the
data file's rules, the self-evaluation scored (a manual score outside its band refused), the
finance overview computed in SQL, and the exports."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from jixiao.errors import ConflictError, InputError, NotFoundError, PermissionDenied
from jixiao.services import task_overview, tasks
from jixiao.services.actor import cli_actor
from jixiao.services.audit import AuditFilter
from jixiao.store import Store

from .tasks import (
    DEPARTMENT,
    OTHER_DEPARTMENT,
    TRAINING,
    YEAR,
    People,
    make_people,
    permissions,
)

TODAY = date(2030, 7, 10)
DEADLINE = date(2030, 7, 20)


@pytest.fixture
def people(store: Store) -> People:
    return make_people(store)


def _issue(store: Store, people: People, kind: str = "monitoring") -> int:
    new = tasks.NewTask(kind, YEAR, DEADLINE, "1-6月" if kind == "monitoring" else None,
                        [DEPARTMENT])  # fmt: skip
    return tasks.issue_task(store, people.fin, new).task_id


def _report(store: Store, actor: Any, task_id: int, project: str = TRAINING) -> tasks.ReportView:
    _, rows, _ = tasks.task_reports(store, actor, task_id)
    row = next(r for r in rows if r.project_name == project)
    return tasks.open_report(store, actor, row.id, permissions=permissions(actor), today=TODAY)


def _ids(view: tasks.ReportView) -> dict[str, str]:
    return {ind.name: ind.id for ind in view.project.indicators}


def monitoring_data(view: tasks.ReportView, *, reasons: bool = True) -> dict[str, Any]:
    ids = _ids(view)
    late = {"current": "6天", "possibility": "有可能"}
    if reasons:
        late |= {"reasons": ["采购程序影响"], "other_reason": "招标延期", "measures": "加快审批"}
    return {
        "budget": {"initial": "200", "adjusted": "200", "spent": "100"},
        "entries": {
            ids["培训人数"]: {"current": "30人", "possibility": "确定能"},
            ids["培训合格率"]: {"current": "96%", "possibility": "确定能"},
            ids["办结时限"]: late,
            ids["就业能力"]: {"current": "部分完成", "possibility": "确定能"},
            ids["学员满意度"]: {"current": "92%", "possibility": "确定能"},
        },
        "deviation": "办结时限超期，正在整改。" if reasons else None,
    }


def test_issue_covers_the_published_projects_of_the_departments(
    store: Store, people: People
) -> None:
    issued = tasks.issue_task(store, people.fin, tasks.NewTask(
        "monitoring", YEAR, DEADLINE, "1—6月", [DEPARTMENT]))  # fmt: skip
    assert issued.reports == 3 and issued.title == f"{YEAR}年1-6月运行监控"
    every = tasks.issue_task(store, people.fin, tasks.NewTask("selfeval", YEAR, DEADLINE))
    assert every.reports == 5 and every.title == f"{YEAR}年度绩效自评"  # both departments
    with pytest.raises(InputError, match="没有 2031 年已终审"):
        tasks.issue_task(store, people.fin, tasks.NewTask("selfeval", 2031, DEADLINE))
    with pytest.raises(InputError, match="无此局没有 2030 年已终审"):
        tasks.issue_task(store, people.fin, tasks.NewTask(
            "selfeval", YEAR, DEADLINE, departments=[DEPARTMENT, "无此局"]))  # fmt: skip
    with pytest.raises(InputError, match="监控期间“上半年”无法识别"):
        tasks.issue_task(store, people.fin, tasks.NewTask("monitoring", YEAR, DEADLINE, "上半年"))
    records, _ = store.audit_query(AuditFilter(event="下达任务"))
    assert len(records) == 2 and records[0].detail["reports"] in (3, 5)


def test_each_account_sees_its_scope(store: Store, people: People) -> None:
    task_id = _issue(store, people)
    seen = {name: tasks.my_tasks(store, getattr(people, name), TODAY)
            for name in ("fin", "dep", "unit_a", "unit_b", "viewer")}  # fmt: skip
    assert {name: sum(i.counts.values()) for name, i0 in seen.items() for i in i0} == {
        "fin": 3, "dep": 3, "unit_a": 2, "unit_b": 1, "viewer": 2}  # fmt: skip
    assert seen["unit_a"][0].open == 2 and seen["unit_a"][0].days_left == 10
    late = tasks.my_tasks(store, people.unit_a, DEADLINE + timedelta(days=3))[0]
    assert late.days_left == -3 and late.overdue == 2  # overdue in the unit's inbox
    mine = _report(store, people.unit_a, task_id)
    with pytest.raises(NotFoundError):
        tasks.open_report(store, people.unit_b, mine.row.id)
    _, rows, total = tasks.task_reports(store, people.unit_b, task_id)
    assert total == 1 and rows[0].unit == "乙中心"


def test_monitoring_form_lights_reasons_versions(store: Store, people: People) -> None:
    task_id = _issue(store, people)
    view = _report(store, people.unit_a, task_id)
    assert view.editable and [a.key for a in view.actions] == ["submit"]
    ids = _ids(view)
    draft = monitoring_data(view, reasons=False)
    saved = tasks.save_report(store, people.unit_a, view.row.id, draft, read_version=1)
    assert saved.version == 2 and saved.figures.light == "red"
    lights = {f.name: f.light for f in saved.figures.indicators}
    assert lights == {"培训人数": "yellow", "培训合格率": "green", "办结时限": "red",
                      "就业能力": "yellow", "学员满意度": "green"}  # fmt: skip
    assert saved.figures.rate == Decimal("50.00")
    problems = " ".join(saved.figures.problems)
    assert "办结时限" in problems and "须填写偏差原因" in problems and "纠偏措施" in problems
    assert "偏差分析" in problems
    with pytest.raises(InputError, match="须完善，不能送审"):  # the draft is kept, not sent
        tasks.act(store, people.unit_a, view.row.id, "submit", reason=None, read_version=2,
                  permissions=permissions(people.unit_a))  # fmt: skip
    bad = monitoring_data(view)
    bad["entries"][ids["培训人数"]]["possibility"] = "大概"
    bad["entries"][ids["办结时限"]]["reasons"] = ["天气"]
    with pytest.raises(InputError) as refused:
        tasks.save_report(store, people.unit_a, view.row.id, bad, read_version=2)
    assert "“大概”应为确定能、有可能、不可能" in refused.value.message
    assert "“天气”不在代码表中" in refused.value.message
    with pytest.raises(ConflictError, match="第 2 版"):  # stale: nothing written
        tasks.save_report(store, people.unit_a, view.row.id, monitoring_data(view), read_version=1)
    done = tasks.save_report(store, people.unit_a, view.row.id, monitoring_data(view),
                             read_version=2, reason="补充原因")  # fmt: skip
    assert done.version == 3 and not done.figures.problems
    again = tasks.open_report(store, people.unit_a, view.row.id)
    entry = again.form.entries[ids["办结时限"]]  # type: ignore[union-attr]
    assert entry.reasons == ["采购程序影响"] and entry.other_reason == "招标延期"
    assert [v.reason for v in again.versions] == ["任务下达", "保存", "补充原因"]
    assert [v.created_by for v in again.versions][1:] == ["unit_a", "unit_a"]


def test_the_flow_submit_return_approve(store: Store, people: People) -> None:
    task_id = _issue(store, people)
    view = _report(store, people.unit_a, task_id)
    rid = view.row.id
    tasks.save_report(store, people.unit_a, rid, monitoring_data(view), read_version=1)

    def act(who: Any, action: str, version: int, reason: str | None = None) -> tasks.SavedReport:
        return tasks.act(store, who, rid, action, reason=reason, read_version=version,
                         permissions=permissions(who))  # fmt: skip

    with pytest.raises(PermissionDenied):
        act(people.viewer, "submit", 2)
    assert act(people.unit_a, "submit", 2).state == "submitted"
    with pytest.raises(InputError, match="不能修改"):
        tasks.save_report(store, people.unit_a, rid, monitoring_data(view), read_version=3)
    with pytest.raises(PermissionDenied, match="无权部门审核通过"):
        act(people.unit_a, "department_approve", 3)
    with pytest.raises(PermissionDenied):  # finance approves after the department only
        act(people.fin, "department_approve", 3)
    with pytest.raises(InputError, match="退回须填写理由"):
        act(people.dep, "return", 3, "  ")
    assert act(people.dep, "return", 3, "请补充纠偏措施的时间安排").state == "returned"
    assert act(people.unit_a, "submit", 4).state == "submitted"
    assert act(people.dep, "department_approve", 5).state == "department_approved"
    with pytest.raises(InputError, match="不能部门审核通过"):
        act(people.dep, "department_approve", 6)
    assert act(people.fin, "finance_approve", 6).state == "approved"
    final = tasks.open_report(store, people.fin, rid, permissions=permissions(people.fin))
    assert final.state_name == "已审核" and not final.editable
    assert [(v.action, v.state) for v in final.versions][2:] == [
        ("送审", "submitted"), ("退回", "returned"), ("送审", "submitted"),
        ("部门审核通过", "department_approved"), ("财政审核通过", "approved")]  # fmt: skip
    assert final.versions[3].reason == "请补充纠偏措施的时间安排"
    records, _ = store.audit_query(AuditFilter(event="退回"))
    assert records and records[0].detail["reason"] == "请补充纠偏措施的时间安排"


def test_overview_counts_register_and_export(store: Store, people: People) -> None:
    from openpyxl import load_workbook

    task_id = _issue(store, people)
    view = _report(store, people.unit_a, task_id)
    tasks.save_report(store, people.unit_a, view.row.id, monitoring_data(view), read_version=1)
    tasks.act(store, people.unit_a, view.row.id, "submit", reason=None, read_version=2,
              permissions=permissions(people.unit_a))  # fmt: skip
    late = DEADLINE + timedelta(days=2)
    seen = task_overview.overview(store, people.fin, task_id, late)
    assert seen.reports == 3 and seen.departments == 1 and seen.overdue == 2
    assert dict((k, n) for k, _, n in seen.lights) == {"red": 1, "yellow": 0, "blue": 0, "green": 0}
    assert dict((k, n) for k, _, n in seen.indicator_lights)["yellow"] == 2
    assert seen.indicators == 5 and seen.budget == Decimal(200) and seen.spent == Decimal(100)
    assert dict((k, n) for k, _, n in seen.states)["submitted"] == 1
    first = next(r for r in seen.rows if r.report_id == view.row.id)
    assert first.light_name == "红灯" and first.rate == Decimal("50") and first.days_left is None
    others = [r for r in seen.rows if r.report_id != view.row.id]
    assert all(r.overdue and r.days_left == -2 for r in others)
    assert [d.name for d in seen.deviations] == ["办结时限", "培训人数", "就业能力"]
    assert seen.deviations[0].reasons == "采购程序影响：招标延期"
    assert seen.deviations[0].measures == "加快审批"
    unit_view = task_overview.overview(store, people.unit_b, task_id, late)
    assert unit_view.reports == 1 and not unit_view.deviations  # scope
    name, data = task_overview.export_overview(store, people.fin, task_id, late)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["汇总表", "统计", "偏差登记"] and name.endswith(".xlsx")
    table = [tuple(r) for r in book["汇总表"].iter_rows(min_row=2, values_only=True)]
    assert table[0][:4] == ("状态", "部门", "单位", "项目") and len(table) == 4
    red = next(r for r in table if r[3] == TRAINING)
    assert red[0] == "待主管部门审核" and red[9] == "红灯" and red[6] == 50
    register = list(book["偏差登记"].iter_rows(min_row=2, values_only=True))
    assert len(register) == 3 and register[0][4] == "办结时限" and register[0][7] == "红灯"


def selfeval_data(view: tasks.ReportView, employment_score: str = "20") -> dict[str, Any]:
    ids = _ids(view)
    return {
        "initial": "200", "full_year": "200", "executed": "190",
        "entries": {
            ids["培训人数"]: {"actual": "120人"},
            ids["培训合格率"]: {"actual": "90%", "deviation": "部分学员补考"},
            ids["办结时限"]: {"actual": "6天", "deviation": "审批环节多"},
            ids["就业能力"]: {"actual": "基本完成", "score": employment_score,
                          "deviation": "部分学员尚未就业"},
            ids["学员满意度"]: {"actual": "95%"},
        },
        "goal_result": "完成年度培训任务。", "conclusion": "项目总体完成较好。",
        "problems": "合格率未达标。", "improvements": "加强过程考核。",
    }  # fmt: skip


def test_selfeval_scores_bands_and_the_official_sheet(store: Store, people: People) -> None:
    from openpyxl import load_workbook

    task_id = _issue(store, people, "selfeval")
    view = _report(store, people.unit_a, task_id)
    with pytest.raises(InputError, match="不在“部分达成”档内") as refused:
        tasks.save_report(store, people.unit_a, view.row.id, selfeval_data(view, "25"),
                          read_version=1)  # fmt: skip
    assert "18 到 24 分" in refused.value.message  # the band, with the reason
    saved = tasks.save_report(store, people.unit_a, view.row.id, selfeval_data(view),
                              read_version=1)  # fmt: skip
    scores = {f.name: f.score for f in saved.figures.indicators}
    assert scores == {"培训人数": Decimal("30.00"), "培训合格率": Decimal("9.47"),
                      "办结时限": Decimal("8.00"), "就业能力": Decimal("20.00"),
                      "学员满意度": Decimal("10.00")}  # fmt: skip
    assert saved.figures.rate == Decimal("95.00")
    assert saved.figures.score == Decimal("86.97") and saved.figures.grade == "良"
    assert not saved.figures.problems
    rid = view.row.id
    steps = ((people.unit_a, "submit", 2), (people.dep, "department_approve", 3),
             (people.fin, "finance_approve", 4))  # fmt: skip
    for who, action, version in steps:
        tasks.act(store, who, rid, action, reason=None, read_version=version,
                  permissions=permissions(who))  # fmt: skip
    seen = task_overview.overview(store, people.fin, task_id, TODAY)
    assert dict(seen.grades) == {"优": 0, "良": 1, "中": 0, "差": 0}
    row = next(r for r in seen.rows if r.report_id == rid)
    assert row.score == Decimal("86.97") and row.grade == "良" and row.state_name == "已审核"
    assert {d.name for d in seen.deviations} == {"培训合格率", "办结时限", "就业能力"}
    name, data = task_overview.export_selfeval(store, people.fin, rid, "xlsx")
    assert name == f"自评表-{TRAINING}-{YEAR}.xlsx"
    cells = [c for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)
             for c in r if c is not None]  # fmt: skip
    assert "86.97" in cells and "良" in cells and "95%" in cells and "9.47" in cells
    assert task_overview.export_selfeval(store, people.fin, rid, "docx")[1][:2] == b"PK"
    html = task_overview.export_selfeval(store, people.fin, rid, "html")[1].decode()
    assert "项目支出绩效自评表（2030年度）" in html and "加强过程考核。" in html
    with pytest.raises(InputError, match="未知的自评表格式"):
        task_overview.export_selfeval(store, people.fin, rid, "odt")


def test_monitoring_workbook_round_trip(store: Store, people: People) -> None:
    from openpyxl import load_workbook

    task_id = _issue(store, people)
    view = _report(store, people.unit_a, task_id)
    name, data = tasks.workbook(store, people.unit_a, view.row.id)
    assert name == f"运行监控表-{TRAINING}-{YEAR}-1-6月.xlsx"
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "一级指标")
    cols = {sheet.cell(header, c).value: c for c in range(1, 13)}
    filled = {
        "培训人数": ("30人", "确定能", "", ""), "培训合格率": ("96%", "确定能", "", ""),
        "办结时限": ("6天", "有可能", "采购程序影响", "加快审批"),
        "就业能力": ("部分完成", "确定能", "", ""), "学员满意度": ("92%", "确定能", "", ""),
    }  # fmt: skip
    for r in range(header + 1, header + 6):
        current, possibility, reasons, measures = filled[sheet.cell(r, cols["三级指标"]).value]
        sheet.cell(r, cols["当前完成值"]).value = current
        sheet.cell(r, cols["完成可能性"]).value = possibility
        sheet.cell(r, cols["偏差原因"]).value = reasons or None
        sheet.cell(r, cols["纠偏措施"]).value = measures or None
    sheet.cell(3, 6).value = 100  # 累计支出
    for r in range(header + 6, sheet.max_row + 1):
        if sheet.cell(r, 1).value == "偏差分析":
            sheet.cell(r, 2).value = "办结时限超期。"
    out = io.BytesIO()
    book.save(out)
    saved = tasks.upload_workbook(store, people.unit_a, view.row.id, out.getvalue(), "监控表.xlsx",
                                  read_version=1)  # fmt: skip
    assert saved.version == 2 and saved.figures.light == "red" and not saved.figures.problems
    back = tasks.open_report(store, people.unit_a, view.row.id)
    assert back.versions[-1].action == "导入" and back.versions[-1].reason == "导入 监控表.xlsx"
    _, again = tasks.workbook(store, people.unit_a, view.row.id)  # what was entered comes back
    sheet2 = load_workbook(io.BytesIO(again)).active
    values = [sheet2.cell(r, cols["当前完成值"]).value for r in range(header + 1, header + 6)]
    assert values == ["30人", "96%", "6天", "部分完成", "92%"]
    sheet.cell(header + 1, cols["完成可能性"]).value = "大概"
    broken = io.BytesIO()
    book.save(broken)
    with pytest.raises(InputError, match="第 6 行：完成可能性“大概”"):
        tasks.upload_workbook(store, people.unit_a, view.row.id, broken.getvalue(), "x.xlsx",
                              read_version=2)  # fmt: skip
    assert (
        tasks.open_report(store, people.unit_a, view.row.id).row.version == 2
    )  # nothing half-read


def test_the_command_line_may_do_anything(store: Store, people: People) -> None:
    task_id = tasks.issue_task(store, cli_actor(), tasks.NewTask(
        "monitoring", YEAR, DEADLINE, "7月", [OTHER_DEPARTMENT])).task_id  # fmt: skip
    listed = tasks.my_tasks(store, cli_actor(), TODAY)
    assert listed[0].task.id == task_id and listed[0].task.month == 7
    assert tasks.my_tasks(store, people.unit_a, TODAY) == []  # not its department's


def test_the_overview_kept_until_a_report_changes(store: Store, people: People) -> None:
    kept: dict[Any, Any] = {}
    computed: list[Any] = []

    def memo(key: Any, compute: Any) -> Any:
        if key not in kept:
            computed.append(key)
            kept[key] = compute()
        return kept[key]

    task_id = _issue(store, people)
    first = task_overview.overview(store, people.fin, task_id, TODAY, memo=memo)
    again = task_overview.overview(store, people.fin, task_id, TODAY, memo=memo)
    assert len(computed) == 1 and first.reports == again.reports == 3
    assert dict((k, n) for k, _, n in again.lights)["red"] == 0
    view = _report(store, people.unit_a, task_id)
    tasks.save_report(store, people.unit_a, view.row.id, monitoring_data(view), read_version=1)
    after = task_overview.overview(store, people.fin, task_id, TODAY, memo=memo)
    assert len(computed) == 2 and dict((k, n) for k, _, n in after.lights)["red"] == 1
    task_overview.overview(store, people.dep, task_id, TODAY, memo=memo)  # another scope
    assert len(computed) == 3
