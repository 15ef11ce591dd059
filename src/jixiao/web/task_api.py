"""The task API, ``/api/v1/tasks``: monitoring and self-evaluation tasks, their reports (the
form as JSON, saved as versions), 送审 / 退回 / 审核, the monitoring workbook, the 自评表 and the
finance overview. Each route reads its input, calls one service function
(:mod:`jixiao.services.tasks`, :mod:`jixiao.services.task_overview`) and formats the answer.

Writes signed in by cookie (the browser) also need the page's CSRF token (header
``X-CSRF-Token`` or the form field ``csrf``); an API token needs none (no cookie to forge).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..errors import PermissionDenied
from ..services import task_overview, tasks
from ..services.task_overview import MEDIA
from ..tasks import load_task_rules
from .api import MAX_ID, NO_NUL, _attachment
from .auth import Who, allow
from .context import Ctx
from .errors import ERROR_RESPONSES, ErrorEnvelope
from .guard import rate_limited
from .posted import read_upload

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES, tags=["任务"])
Readers = allow("documents.read")
Writers = allow("documents.write")
Reviewers = allow("documents.review")
Issuers = allow("tasks.issue")
WRITES: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorEnvelope, "description": "报告已被他人修改（版本不符），未保存"},
}
XLSX = MEDIA["xlsx"]
TaskId = Annotated[int, Path(ge=1, le=MAX_ID, description="任务编号")]
ReportId = Annotated[int, Path(ge=1, le=MAX_ID, description="报告编号")]


async def api_csrf(request: Request, me: Who) -> None:
    """Cookie-signed writes carry the page's CSRF token (see the module docstring)."""
    if me.session is None:
        return
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
        ("multipart/form-data", "application/x-www-form-urlencoded")
    ):
        field = (await request.form()).get("csrf")
        sent = field if isinstance(field, str) else None
    wanted = hashlib.sha256(f"csrf:{me.session}".encode()).hexdigest()
    if not sent or not secrets.compare_digest(sent, wanted):
        raise PermissionDenied("缺少或错误的 CSRF 令牌（X-CSRF-Token）：请刷新页面后重试")


Csrf = Depends(api_csrf)


# -- schemas ---------------------------------------------------------------------------------------
class TaskOut(BaseModel):
    id: int
    kind: str = Field(description="monitoring（运行监控）或 selfeval（绩效自评）")
    kind_name: str
    title: str
    year: int
    month: int | None = Field(description="运行监控：截至的月份（1-6月 为 6）")
    period: str | None
    deadline: str = Field(description="截止日期（ISO）")
    days_left: int = Field(description="截止天数：负数为已逾期")
    note: str | None
    departments: list[str]
    issued_at: str
    issued_by: str
    counts: dict[str, int] = Field(description="本人范围内各状态的报告数")
    open: int = Field(description="尚待填报（可修改状态）的报告数")
    overdue: int = Field(description="逾期未报的报告数")


class TaskList(BaseModel):
    items: list[TaskOut]


class NewTaskIn(BaseModel):
    kind: Literal["monitoring", "selfeval"]
    year: int = Field(ge=1900, le=2200)
    deadline: date
    period: str | None = Field(None, max_length=20, description="运行监控的期间，如 1-6月")
    departments: list[Annotated[str, Field(max_length=200)]] = Field(
        default_factory=list,
        max_length=5000,
        description="下达到的部门（空：该年度有表的全部部门）",
    )
    title: str | None = Field(None, max_length=200)
    note: str | None = Field(None, max_length=4000)


class IssuedOut(BaseModel):
    task_id: int
    reports: int
    title: str


class ReportRowOut(BaseModel):
    id: int
    task_id: int
    project_id: str
    department: str
    unit: str
    project: str
    state: str
    state_name: str
    version: int
    updated_at: str | None
    updated_by: str | None
    budget: str | None = Field(description="全年预算数（调整后预算），十进制字符串")
    spent: str | None = Field(description="执行数（累计支出）")
    rate: str | None = Field(description="执行率（%）")
    score: str | None
    grade: str | None
    light: str | None
    problems: int


class TaskDetail(BaseModel):
    task: TaskOut
    reports: list[ReportRowOut]
    total: int


class IndicatorOut(BaseModel):
    id: str
    seq: int
    level1: str
    name: str
    target: str
    current: str | None
    light: str | None
    possibility: str | None
    reasons: str | None
    measures: str | None
    score: str | None


class ActionOut(BaseModel):
    key: str
    name: str
    reason_required: bool


class VersionOut(BaseModel):
    version: int
    created_at: str
    created_by: str
    action: str
    reason: str
    state: str


class ReportOut(BaseModel):
    report: ReportRowOut
    kind: str
    data: dict[str, Any] = Field(description="报告的填报内容（格式见 docs/monitoring.md）")
    light: str | None
    score: str | None
    grade: str | None
    rate: str | None
    indicators: list[IndicatorOut]
    problems: list[str] = Field(description="送审前须完善之处")
    editable: bool
    actions: list[ActionOut]
    versions: list[VersionOut]
    days_left: int


class SaveIn(BaseModel):
    version: int = Field(ge=0, le=MAX_ID, description="读取时的版本号（乐观锁）")
    reason: str | None = Field(None, max_length=4000)
    data: dict[str, Any]


class ActionIn(BaseModel):
    action: str = Field(max_length=40, pattern=NO_NUL)
    reason: str | None = Field(None, max_length=4000)
    version: int = Field(ge=0, le=MAX_ID)


class SavedOut(BaseModel):
    report_id: int
    version: int
    state: str
    light: str | None
    score: str | None
    grade: str | None
    problems: list[str]


class CountOut(BaseModel):
    key: str
    name: str
    count: int


class OverviewRowOut(BaseModel):
    report_id: int
    state: str
    state_name: str
    department: str
    unit: str
    project: str
    budget: str | None
    spent: str | None
    rate: str | None
    score: str | None
    grade: str | None
    light: str | None
    light_name: str
    days_left: int | None = Field(description="截止天数（已报送的为空）")
    problems: int


class DeviationOut(BaseModel):
    report_id: int
    department: str
    unit: str
    project: str
    seq: int
    name: str
    target: str
    current: str | None
    light: str
    possibility: str | None
    reasons: str | None
    measures: str | None


class OverviewOut(BaseModel):
    task: TaskOut
    reports: int
    departments: int
    budget: str
    spent: str
    rate: str | None
    states: list[CountOut]
    grades: list[CountOut]
    lights: list[CountOut] = Field(description="项目按预警灯")
    indicator_lights: list[CountOut] = Field(description="指标按预警灯")
    indicators: int
    overdue: int
    rows: list[OverviewRowOut]
    total_rows: int
    deviations: list[DeviationOut]
    deviation_total: int


# -- conversions -----------------------------------------------------------------------------------
def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def task_out(item: tasks.TaskItem) -> TaskOut:
    t = item.task
    return TaskOut(
        id=t.id, kind=t.kind, kind_name=item.kind_name, title=t.title, year=t.year, month=t.month,
        period=f"1-{t.month}月" if t.month else None, deadline=t.deadline,
        days_left=item.days_left, note=t.note, departments=t.departments, issued_at=t.issued_at,
        issued_by=t.issued_by, counts=dict(item.counts), open=item.open, overdue=item.overdue,
    )  # fmt: skip


def row_out(r: Any) -> ReportRowOut:
    return ReportRowOut(
        id=r.id, task_id=r.task_id, project_id=r.project_uid, department=r.department,
        unit=r.unit, project=r.project_name, state=r.state,
        state_name=load_task_rules().state_name(r.state), version=r.version,
        updated_at=r.updated_at, updated_by=r.updated_by, budget=_s(r.budget), spent=_s(r.spent),
        rate=_s(r.rate), score=_s(r.score), grade=r.grade, light=r.light, problems=r.problems,
    )  # fmt: skip


def _item(ctx: Ctx, me: Who, task_id: int) -> tasks.TaskItem:
    return tasks.task_item(ctx.store, me.actor, task_id, date.today())


def report_out(view: tasks.ReportView) -> ReportOut:
    from ..monitoring.form import MonitoringForm
    from ..tasks import monitoring_to_dict, selfeval_to_dict

    form = view.form
    data = monitoring_to_dict(form) if isinstance(form, MonitoringForm) else selfeval_to_dict(form)
    f = view.figures
    return ReportOut(
        report=row_out(view.row), kind=view.task.kind, data=data, light=f.light,
        score=_s(f.score), grade=f.grade, rate=_s(f.rate),
        indicators=[IndicatorOut(id=i.uid, seq=i.seq, level1=i.level1, name=i.name,
                                 target=i.target, current=i.current, light=i.light,
                                 possibility=i.possibility, reasons=i.reasons,
                                 measures=i.measures, score=_s(i.score)) for i in f.indicators],
        problems=f.problems, editable=view.editable,
        actions=[ActionOut(key=a.key, name=a.name, reason_required=a.reason) for a in view.actions],
        versions=[VersionOut(version=v.version, created_at=v.created_at, created_by=v.created_by,
                             action=v.action, reason=v.reason, state=v.state)
                  for v in view.versions],
        days_left=view.days_left,
    )  # fmt: skip


def saved_out(done: tasks.SavedReport) -> SavedOut:
    f = done.figures
    return SavedOut(
        report_id=done.report_id,
        version=done.version,
        state=done.state,
        light=f.light,
        score=_s(f.score),
        grade=f.grade,
        problems=f.problems,
    )


def _report_of(task_id: int, view: tasks.ReportView) -> tasks.ReportView:
    if view.task.id != task_id:
        from ..errors import NotFoundError

        raise NotFoundError(f"任务 {task_id} 中没有编号为 {view.row.id} 的报告")
    return view


def _open(ctx: Ctx, me: Who, task_id: int, report_id: int) -> tasks.ReportView:
    view = tasks.open_report(ctx.store, me.actor, report_id, permissions=me.permissions)
    return _report_of(task_id, view)


# -- routes ----------------------------------------------------------------------------------------
@router.get("/tasks", response_model=TaskList, summary="我的任务（含逾期）",
            dependencies=[Readers])  # fmt: skip
def list_tasks(ctx: Ctx, me: Who) -> TaskList:
    return TaskList(items=[task_out(i) for i in tasks.my_tasks(ctx.store, me.actor, date.today())])


@router.post("/tasks", response_model=IssuedOut, status_code=201, summary="下达任务",
             dependencies=[Issuers, Csrf])  # fmt: skip
def issue(ctx: Ctx, me: Who, body: NewTaskIn) -> IssuedOut:
    new = tasks.NewTask(body.kind, body.year, body.deadline, body.period, body.departments,
                        body.title, body.note)  # fmt: skip
    done = tasks.issue_task(ctx.store, me.actor, new)
    return IssuedOut(task_id=done.task_id, reports=done.reports, title=done.title)


@router.get("/tasks/{task_id}", response_model=TaskDetail, summary="任务及其报告",
            dependencies=[Readers])  # fmt: skip
def task_detail(
    ctx: Ctx, me: Who, task_id: TaskId,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> TaskDetail:  # fmt: skip
    item = _item(ctx, me, task_id)
    _, found, total = tasks.task_reports(ctx.store, me.actor, task_id, limit=limit, offset=offset)
    return TaskDetail(task=task_out(item), reports=[row_out(r) for r in found], total=total)


@router.get("/tasks/{task_id}/overview", response_model=OverviewOut, summary="汇总表",
            dependencies=[Reviewers])  # fmt: skip
def overview(
    ctx: Ctx, me: Who, task_id: TaskId,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    register: Annotated[int, Query(ge=0, le=1000, description="偏差登记的条数")] = 100,
) -> OverviewOut:  # fmt: skip
    seen = task_overview.overview(ctx.store, me.actor, task_id, date.today(), limit=limit,
                                  offset=offset, register=register, memo=ctx.memo)  # fmt: skip
    item = _item(ctx, me, task_id)
    return OverviewOut(
        task=task_out(item), reports=seen.reports, departments=seen.departments,
        budget=str(seen.budget), spent=str(seen.spent), rate=_s(seen.rate),
        states=[CountOut(key=k, name=n, count=c) for k, n, c in seen.states],
        grades=[CountOut(key=g, name=g, count=c) for g, c in seen.grades],
        lights=[CountOut(key=k, name=n, count=c) for k, n, c in seen.lights],
        indicator_lights=[CountOut(key=k, name=n, count=c) for k, n, c in seen.indicator_lights],
        indicators=seen.indicators, overdue=seen.overdue,
        rows=[OverviewRowOut(report_id=r.report_id, state=r.state, state_name=r.state_name,
                             department=r.department, unit=r.unit, project=r.project,
                             budget=_s(r.budget), spent=_s(r.spent), rate=_s(r.rate),
                             score=_s(r.score), grade=r.grade, light=r.light,
                             light_name=r.light_name, days_left=r.days_left,
                             problems=r.problems) for r in seen.rows],
        total_rows=seen.reports,
        deviations=[DeviationOut(report_id=d.report_id, department=d.department, unit=d.unit,
                                 project=d.project, seq=d.seq, name=d.name, target=d.target,
                                 current=d.current, light=d.light, possibility=d.possibility,
                                 reasons=d.reasons, measures=d.measures) for d in seen.deviations],
        deviation_total=seen.deviation_total,
    )  # fmt: skip


FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "文件（附件）", "content": {m: {} for m in dict.fromkeys(MEDIA.values())}},
    429: {"model": ErrorEnvelope, "description": "请求过于频繁"},
}


@router.get("/tasks/{task_id}/overview/export", response_class=Response,
            responses=FILE_RESPONSES, summary="导出汇总表（xlsx）",
            dependencies=[Reviewers, Depends(rate_limited)])  # fmt: skip
def overview_export(ctx: Ctx, me: Who, task_id: TaskId) -> Response:
    name, data = task_overview.export_overview(ctx.store, me.actor, task_id, date.today())
    return Response(
        data,
        media_type=XLSX,
        headers={"Content-Disposition": _attachment(name.removesuffix(".xlsx"), ".xlsx")},
    )


@router.get("/tasks/{task_id}/reports/{report_id}", response_model=ReportOut,
            summary="一份报告（填报内容、预警或得分、可做的操作、版本）",
            dependencies=[Readers])  # fmt: skip
def report(ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId) -> ReportOut:
    return report_out(_open(ctx, me, task_id, report_id))


@router.post(
    "/tasks/{task_id}/reports/{report_id}",
    response_model=SavedOut,
    responses=WRITES,
    summary="保存报告（新版本）",
    dependencies=[Writers, Csrf],
)
def save(ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId, body: SaveIn) -> SavedOut:
    _open(ctx, me, task_id, report_id)
    done = tasks.save_report(ctx.store, me.actor, report_id, body.data, read_version=body.version,
                             reason=(body.reason or "").strip() or "保存")  # fmt: skip
    return saved_out(done)


@router.post("/tasks/{task_id}/reports/{report_id}/actions", response_model=SavedOut,
             responses=WRITES, summary="送审、退回（须填理由）或审核",
             description="操作及其所需权限、角色见 data/tasks.toml；路由只要求能读报告。",
             dependencies=[Readers, Csrf])  # fmt: skip
def take_action(
    ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId, body: ActionIn
) -> SavedOut:
    _open(ctx, me, task_id, report_id)
    done = tasks.act(ctx.store, me.actor, report_id, body.action, reason=body.reason,
                     read_version=body.version, permissions=me.permissions)  # fmt: skip
    return saved_out(done)


@router.get("/tasks/{task_id}/reports/{report_id}/workbook", response_class=Response,
            responses=FILE_RESPONSES, summary="下载运行监控表（xlsx，离线填报）",
            dependencies=[Readers])  # fmt: skip
def workbook(ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId) -> Response:
    _open(ctx, me, task_id, report_id)
    name, data = tasks.workbook(ctx.store, me.actor, report_id)
    return Response(
        data,
        media_type=XLSX,
        headers={"Content-Disposition": _attachment(name.removesuffix(".xlsx"), ".xlsx")},
    )


WORKBOOK = "监控表.xlsx"
"""The name of an uploaded monitoring workbook the browser sent without one."""
FILLED = "运行监控表 .xlsx"


@router.post("/tasks/{task_id}/reports/{report_id}/workbook", response_model=SavedOut,
             responses=WRITES, summary="上传填好的运行监控表（xlsx）",
             dependencies=[Writers, Csrf])  # fmt: skip
def upload(
    ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId,
    file: Annotated[UploadFile, File(description="填好的运行监控表")],
    version: Annotated[int, Form(ge=0, le=MAX_ID)],
) -> SavedOut:  # fmt: skip
    _open(ctx, me, task_id, report_id)
    name, data = read_upload(file, ctx.settings.limits, default=WORKBOOK, expected=FILLED)
    done = tasks.upload_workbook(ctx.store, me.actor, report_id, data, name, read_version=version)
    return saved_out(done)


@router.get("/tasks/{task_id}/reports/{report_id}/export", response_class=Response,
            responses=FILE_RESPONSES, summary="导出自评表（官方格式）",
            dependencies=[Readers, Depends(rate_limited)])  # fmt: skip
def export(
    ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId,
    format: Annotated[Literal["xlsx", "pdf", "docx", "html"], Query(description="格式")] = "xlsx",
) -> Response:  # fmt: skip
    _open(ctx, me, task_id, report_id)
    name, data = task_overview.export_selfeval(ctx.store, me.actor, report_id, format)
    stem = name.rsplit(".", 1)[0]
    return Response(data, media_type=MEDIA[format],
                    headers={"Content-Disposition": _attachment(stem, f".{format}")})  # fmt: skip
