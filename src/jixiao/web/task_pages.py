"""Monitoring and self-evaluation tasks in the browser.

* ``/tasks`` — the account's tasks (a unit's inbox: what is still to be filled in, overdue
  ones marked), and for finance the form to issue one (``/tasks/new``).
* ``/tasks/{id}`` — a task's reports in the account's scope; ``/tasks/{id}/overview`` the
  finance overview (汇总表: counts, charts, the table, the deviation register; xlsx).
* ``/tasks/{id}/reports/{rid}`` — one report: the monitoring form with its lights shown live,
  or the self-evaluation with its scores and bands live (htmx posts the form to ``…/preview``
  as it is typed; nothing is saved until 保存), the workbook to fill offline and its upload,
  送审 / 退回 / 审核, the versions, the 自评表 export; on a monitoring report of an approved
  project, 发起调整 from each red / yellow indicator (or the report), its reason prefilled from
  the deviation (``…/adjust``: the project's adjustment, as on the project page).
* ``/selfeval-audit`` — upload published 自评表 and see where they depart from the rules.

Each route reads the form, calls one service function and renders the answer.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from ..errors import ConflictError, InputError, JixiaoError, NotFoundError, WrongStateError
from ..monitoring.form import MonitoringForm
from ..selfeval.evaluate import Evaluation
from ..services import task_overview, tasks
from ..services import workflow as wf
from ..services.task_overview import MEDIA, REGISTER
from ..tasks import load_task_rules
from .api import MAX_ID, _attachment
from .auth import CsrfChecked, Who, allow
from .context import Ctx
from .guard import rate_limited
from .pages import render
from .posted import Posted, read_upload
from .rendering import path_for
from .task_api import FILLED, WORKBOOK

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Readers = allow("documents.read")
Writers = allow("documents.write")
Reviewers = allow("documents.review")
Issuers = allow("tasks.issue")
TaskId = Annotated[int, Path(ge=1, le=MAX_ID)]
ReportId = Annotated[int, Path(ge=1, le=MAX_ID)]
PAGE = 100
MONITORING_FIELDS = ("current", "expected", "possibility", "other_reason", "measures", "note")
SELFEVAL_FIELDS = ("actual", "score", "deviation")


# -- the form as the services' JSON ---------------------------------------------------------------
def form_data(kind: str, form: FormData | Mapping[str, Any], ids: list[str]) -> dict[str, Any]:
    """The report's JSON (:mod:`jixiao.tasks`) from the page's fields: ``b:…`` the budget,
    ``e:ID:…`` each indicator, ``a:…`` / ``c:…`` the analysis and conclusions."""

    def one(key: str) -> str | None:
        value = form.get(key)
        return value if isinstance(value, str) else None

    entries: dict[str, dict[str, Any]] = {}
    names = MONITORING_FIELDS if kind == "monitoring" else SELFEVAL_FIELDS
    for ident in ids:
        entry: dict[str, Any] = {n: one(f"e:{ident}:{n}") for n in names}
        if kind == "monitoring":
            many = form.getlist(f"e:{ident}:reasons") if isinstance(form, FormData) else []
            entry["reasons"] = [r for r in many if isinstance(r, str) and r]
        entries[ident] = entry
    if kind == "monitoring":
        return {
            "budget": {n: one(f"b:{n}") for n in ("initial", "adjusted", "spent")},
            "entries": entries,
            **{n: one(f"a:{n}") for n in ("deviation", "problems", "measures")},
        }
    return {
        **{n: one(f"b:{n}") for n in ("initial", "full_year", "executed")},
        "entries": entries,
        **{n: one(f"c:{n}") for n in ("goal_result", "conclusion", "problems", "improvements")},
    }


# -- tasks -----------------------------------------------------------------------------------------
@router.get("/tasks", name="tasks_page", dependencies=[Readers])
def tasks_page(request: Request, ctx: Ctx, me: Who) -> Response:
    items = tasks.my_tasks(ctx.store, me.actor, date.today())
    return render(request, "tasks.html", nav="tasks", items=items, rules=load_task_rules())


@router.get("/tasks/new", name="task_new", dependencies=[Issuers])
def task_new(request: Request) -> Response:
    return _new_form(request, {}, None)


def _new_form(request: Request, values: Mapping[str, str], error: str | None) -> Response:
    return render(request, "task_new.html", 422 if error else 200, nav="tasks", values=values,
                  error=error, this_year=date.today().year, rules=load_task_rules())  # fmt: skip


@router.post("/tasks", name="task_issue", dependencies=[Issuers, CsrfChecked])
def task_issue(
    request: Request,
    ctx: Ctx,
    me: Who,
    kind: Annotated[str, Form(max_length=20)] = "",
    year: Annotated[str, Form(max_length=8)] = "",
    period: Annotated[str, Form(max_length=20)] = "",
    deadline: Annotated[str, Form(max_length=20)] = "",
    departments: Annotated[str, Form(max_length=20000)] = "",
    title: Annotated[str, Form(max_length=200)] = "",
    note: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    values = {"kind": kind, "year": year, "period": period, "deadline": deadline,
              "departments": departments, "title": title, "note": note}  # fmt: skip
    try:
        if not year.strip().isdigit():
            raise InputError(f"年度应为四位数字，填写的是“{year[:8]}”", expected="如 2025")
        try:
            due = date.fromisoformat(deadline.strip())
        except ValueError:
            raise InputError(f"截止日期“{deadline[:20]}”不对", expected="如 2025-07-20") from None
        names = [d for d in departments.replace("、", "\n").replace(",", "\n").splitlines()]
        new = tasks.NewTask(kind, int(year), due, period or None, names, title or None,
                            note or None)  # fmt: skip
        done = tasks.issue_task(ctx.store, me.actor, new)
    except InputError as exc:
        return _new_form(request, values, exc.describe())
    return RedirectResponse(path_for(request, "task_page", task_id=done.task_id) + "?issued=1", 303)


@router.get("/tasks/{task_id}", name="task_page", dependencies=[Readers])
def task_page(
    request: Request, ctx: Ctx, me: Who, task_id: TaskId,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> Response:  # fmt: skip
    task, found, total = tasks.task_reports(ctx.store, me.actor, task_id, limit=PAGE,
                                            offset=offset)  # fmt: skip
    rules = load_task_rules()
    left = (date.fromisoformat(task.deadline) - date.today()).days
    return render(request, "task.html", nav="tasks", task=task, reports=found, total=total,
                  offset=offset, page=PAGE, rules=rules, days_left=left,
                  kind_name=rules.kinds.get(task.kind, task.kind),
                  issued=request.query_params.get("issued"))  # fmt: skip


@router.get("/tasks/{task_id}/overview", name="task_overview", dependencies=[Reviewers])
def overview_page(
    request: Request, ctx: Ctx, me: Who, task_id: TaskId,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> Response:  # fmt: skip
    seen = task_overview.overview(ctx.store, me.actor, task_id, date.today(), limit=PAGE,
                                  offset=offset, memo=ctx.memo)  # fmt: skip
    chart = {
        "grades": [[g, n] for g, n in seen.grades],
        "lights": [[k, name, n] for k, name, n in seen.lights],
        "indicatorLights": [[k, name, n] for k, name, n in seen.indicator_lights],
        "states": [[name, n] for _, name, n in seen.states],
        "kind": seen.task.kind,
    }
    return render(request, "task_overview.html", nav="tasks", o=seen, offset=offset, page=PAGE,
                  chart=chart)  # fmt: skip


@router.get("/tasks/{task_id}/overview.xlsx", name="task_overview_xlsx",
            dependencies=[Reviewers, Depends(rate_limited)])  # fmt: skip
def overview_xlsx(ctx: Ctx, me: Who, task_id: TaskId) -> Response:
    name, data = task_overview.export_overview(ctx.store, me.actor, task_id, date.today())
    return Response(data, media_type=MEDIA["xlsx"],
                    headers={"Content-Disposition": _attachment(name[:-5], ".xlsx")})  # fmt: skip


# -- one report ------------------------------------------------------------------------------------
def _view(ctx: Ctx, me: Who, task_id: int, report_id: int) -> tasks.ReportView:
    view = tasks.open_report(ctx.store, me.actor, report_id, permissions=me.permissions)
    if view.task.id != task_id:
        from ..errors import NotFoundError

        raise NotFoundError(f"任务 {task_id} 中没有编号为 {report_id} 的报告")
    return view


def _bands(view: tasks.ReportView) -> dict[str, str]:
    """Each self-evaluation indicator's score hint: the rule's score or the band to pick in."""
    from ..selfeval.scoring import Score, points

    out: dict[str, str] = {}
    if isinstance(view.checked, Evaluation):
        for s in view.checked.indicators:
            r = s.result
            if isinstance(r, Score):
                out[s.indicator.id] = (
                    f"按规则 {points(r.low)} 分"
                    if r.exact is not None
                    else f"“{r.band}”档：{points(r.low)} 到 {points(r.high)} 分"
                )
            else:
                out[s.indicator.id] = f"不能计分：{r.reason}"
    return out


ADJUST_KIND = "项目内容变更"
"""The 调整原因 a deviation's 发起调整 form preselects (one of the workflow's reasons)."""


@dataclass(frozen=True, slots=True)
class AdjustOffer:
    """发起调整 on a monitoring report: whether the project may be adjusted now (the
    workflow service's own check), the open adjustment, the reasons and, per red / yellow
    indicator, the reason text prefilled from its deviation."""

    can_adjust: bool
    adjusting: Any
    project_state_name: str
    reasons: tuple[str, ...]
    kind: str
    rows: dict[str, str]  # indicator uid → prefilled reason
    whole: str  # the report's prefilled reason (every deviation)


def _deviation_text(f: Any, light_name: str) -> str:
    text = (
        f"{f.name}{light_name}：年度指标值 {f.target}，当前完成值 {f.current or '未填'}；"
        f"偏差原因：{f.reasons or '未填'}"
    )
    return text + (f"；纠偏措施：{f.measures}" if f.measures else "")


def _adjust_offer(ctx: Ctx, me: Who, view: tasks.ReportView) -> AdjustOffer | None:
    """What the report page offers to start an adjustment (``None``: nothing, e.g. a
    self-evaluation or an account that does not submit)."""
    if not isinstance(view.form, MonitoringForm) or not me.can("workflow.submit"):
        return None
    try:
        seen = wf.project_workflow(ctx.store, wf.Acting(me.actor, me.permissions),
                                   view.project.id, flow=ctx.flow)  # fmt: skip
    except NotFoundError:
        return None
    mrules = tasks.Rules().monitoring
    rows = {
        f.uid: _deviation_text(f, mrules.light(f.light).name)
        for f in view.figures.indicators
        if f.light in REGISTER
    }
    head = f"{view.task.title}（{view.project.name}）运行监控偏差"
    whole = head + ("：" + "\n".join(rows.values()) if rows else "")
    if view.form.deviation:
        whole += f"\n偏差分析：{view.form.deviation}"
    return AdjustOffer(seen.can_adjust, seen.adjusting, seen.project_state_name,
                       ctx.flow.adjustment.reasons, ADJUST_KIND, rows, whole)  # fmt: skip


def _report(
    request: Request,
    ctx: Ctx,
    me: Who,
    view: tasks.ReportView,
    status: int = 200,
    **extra: Any,
) -> Response:
    rules = tasks.Rules()
    context: dict[str, Any] = {
        "nav": "tasks", "v": view, "monitoring": isinstance(view.form, MonitoringForm),
        "mrules": rules.monitoring, "bands": _bands(view), "figure_of":
        {f.uid: f for f in view.figures.indicators}, "message": None, "saved": None,
        "state_name": rules.flow.state_name, "offer": _adjust_offer(ctx, me, view),
        "adjusted": request.query_params.get("adjusted"),
    }  # fmt: skip
    context.update(extra)
    return render(request, "task_report.html", status, **context)


@router.get("/tasks/{task_id}/reports/{report_id}", name="task_report", dependencies=[Readers])
def report_page(
    request: Request, ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId
) -> Response:
    view = _view(ctx, me, task_id, report_id)
    return _report(request, ctx, me, view, saved=request.query_params.get("saved"),
                   message=request.query_params.get("done"))  # fmt: skip


def _ids(view: tasks.ReportView) -> list[str]:
    return [ind.id for ind in view.project.indicators]


@router.post("/tasks/{task_id}/reports/{report_id}", name="task_report_save",
             dependencies=[Writers, CsrfChecked])  # fmt: skip
async def report_save(
    request: Request, ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId, form: Posted
) -> Response:
    view = _view(ctx, me, task_id, report_id)
    data = form_data(view.task.kind, form, _ids(view))
    version = str(form.get("version", ""))
    try:
        done = tasks.save_report(
            ctx.store,
            me.actor,
            report_id,
            data,
            read_version=int(version) if version.isdigit() else -1,
        )
    except (InputError, ConflictError) as exc:
        form_, checked, figures = _safe_preview(ctx, me, report_id, data, view)
        view.form, view.checked, view.figures = form_, checked, figures
        return _report(request, ctx, me, view, 409 if isinstance(exc, ConflictError) else 422,
                       error=exc.describe(with_source=False), version=version)  # fmt: skip
    url = path_for(request, "task_report", task_id=task_id, report_id=report_id)
    return RedirectResponse(f"{url}?saved={done.version}", 303)


def _safe_preview(ctx: Ctx, me: Who, report_id: int, data: dict[str, Any],
                  view: tasks.ReportView) -> tuple[Any, Any, Any]:  # fmt: skip
    """The form as typed (kept on the page when it is refused), else as stored."""
    try:
        return tasks.preview(ctx.store, me.actor, report_id, data)
    except InputError:
        return view.form, view.checked, view.figures


@router.post("/tasks/{task_id}/reports/{report_id}/preview", name="task_report_preview",
             dependencies=[Readers, CsrfChecked])  # fmt: skip
def report_preview(
    request: Request, ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId, form: Posted
) -> Response:
    view = _view(ctx, me, task_id, report_id)
    data = form_data(view.task.kind, form, _ids(view))
    error = None
    try:
        view.form, view.checked, view.figures = tasks.preview(ctx.store, me.actor, report_id, data)
    except InputError as exc:
        error = exc.describe(with_source=False)
    rules = tasks.Rules()
    return render(request, "_task_live.html", v=view, mrules=rules.monitoring,
                  monitoring=isinstance(view.form, MonitoringForm), bands=_bands(view),
                  figure_of={f.uid: f for f in view.figures.indicators}, error=error)  # fmt: skip


@router.post("/tasks/{task_id}/reports/{report_id}/actions", name="task_report_act",
             dependencies=[Readers, CsrfChecked])  # fmt: skip
def report_act(
    request: Request, ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId,
    action: Annotated[str, Form(max_length=40)],
    version: Annotated[int, Form(ge=0, le=MAX_ID)],
    reason: Annotated[str, Form(max_length=4000)] = "",
) -> Response:  # fmt: skip
    view = _view(ctx, me, task_id, report_id)
    try:
        done = tasks.act(ctx.store, me.actor, report_id, action, reason=reason,
                         read_version=version, permissions=me.permissions)  # fmt: skip
    except (InputError, ConflictError) as exc:
        return _report(request, ctx, me, view, 422, error=exc.describe(with_source=False))
    url = path_for(request, "task_report", task_id=task_id, report_id=report_id)
    name = load_task_rules().state_name(done.state)
    return RedirectResponse(f"{url}?done={name}", 303)


@router.post("/tasks/{task_id}/reports/{report_id}/adjust", name="task_report_adjust",
             dependencies=[allow("workflow.submit"), CsrfChecked])  # fmt: skip
def report_adjust(
    request: Request, ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId,
    reason_kind: Annotated[str, Form(max_length=40)] = "",
    reason: Annotated[str, Form(max_length=4000)] = "",
) -> Response:  # fmt: skip
    """发起调整 from a deviation: the project's adjustment starts as on its own page; the
    report page says what happened (or why not: 409 wrong state, 400 bad input)."""
    view = _view(ctx, me, task_id, report_id)
    try:
        wf.start_adjustment(ctx.store, wf.Acting(me.actor, me.permissions), view.project.id,
                            reason_kind, reason, flow=ctx.flow)  # fmt: skip
    except (InputError, WrongStateError) as exc:
        status = 409 if isinstance(exc, WrongStateError) else 400
        return _report(request, ctx, me, view, status,
                       adjust_error=exc.describe(with_source=False))  # fmt: skip
    url = path_for(request, "task_report", task_id=task_id, report_id=report_id)
    return RedirectResponse(f"{url}?adjusted=1#adjust", 303)


@router.get("/tasks/{task_id}/reports/{report_id}/workbook.xlsx", name="task_report_workbook",
            dependencies=[Readers])  # fmt: skip
def report_workbook(ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId) -> Response:
    _view(ctx, me, task_id, report_id)
    name, data = tasks.workbook(ctx.store, me.actor, report_id)
    return Response(data, media_type=MEDIA["xlsx"],
                    headers={"Content-Disposition": _attachment(name[:-5], ".xlsx")})  # fmt: skip


@router.post("/tasks/{task_id}/reports/{report_id}/workbook", name="task_report_upload",
             dependencies=[Writers, CsrfChecked])  # fmt: skip
def report_upload(
    request: Request, ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId,
    file: Annotated[UploadFile, File()],
    version: Annotated[int, Form(ge=0, le=MAX_ID)],
) -> Response:  # fmt: skip
    view = _view(ctx, me, task_id, report_id)
    try:
        name, data = read_upload(file, ctx.settings.limits, default=WORKBOOK, expected=FILLED)
        done = tasks.upload_workbook(ctx.store, me.actor, report_id, data, name,
                                     read_version=version)  # fmt: skip
    except (InputError, ConflictError) as exc:
        return _report(request, ctx, me, view, 422, upload_error=exc.describe(with_source=False))
    url = path_for(request, "task_report", task_id=task_id, report_id=report_id)
    return RedirectResponse(f"{url}?saved={done.version}", 303)


@router.get("/tasks/{task_id}/reports/{report_id}/export", name="task_report_export",
            dependencies=[Readers, Depends(rate_limited)])  # fmt: skip
def report_export(
    ctx: Ctx, me: Who, task_id: TaskId, report_id: ReportId,
    format: Annotated[str, Query(pattern="^(xlsx|pdf|docx|html)$")] = "xlsx",
) -> Response:  # fmt: skip
    _view(ctx, me, task_id, report_id)
    name, data = task_overview.export_selfeval(ctx.store, me.actor, report_id, format)
    return Response(data, media_type=MEDIA[format],
                    headers={"Content-Disposition": _attachment(name.rsplit(".", 1)[0],
                                                                f".{format}")})  # fmt: skip


# -- the audit of published self-evaluations ------------------------------------------------------
@router.get("/selfeval-audit", name="selfeval_audit_page", dependencies=[Readers])
def selfeval_audit_page(request: Request) -> Response:
    return render(request, "selfeval_audit.html", nav="tasks", results=None, error=None,
                  show_all=False)  # fmt: skip


@router.post("/selfeval-audit", name="selfeval_audit_run",
             dependencies=[Readers, CsrfChecked, Depends(rate_limited)])  # fmt: skip
def selfeval_audit_run(
    request: Request,
    ctx: Ctx,
    files: Annotated[list[UploadFile], File()],
    show_all: Annotated[str, Form(max_length=4)] = "",
) -> Response:
    from ..selfeval import load_selfeval_rules
    from ..services.selfeval import audit_files

    results: list[Any] = []
    error = None
    try:
        if len(files) > 20:
            raise InputError(f"一次最多审查 20 个文件，选择了 {len(files)} 个")
        with tempfile.TemporaryDirectory(prefix="jixiao-audit-") as folder:
            paths = []
            for k, upload in enumerate(files):
                name, data = read_upload(upload, ctx.settings.limits, default="自评表.xlsx",
                                         expected="自评表文件")  # fmt: skip
                path = FilePath(folder) / str(k) / name
                path.parent.mkdir()
                path.write_bytes(data)
                paths.append(path)
            results = audit_files(paths, load_selfeval_rules(), limits=ctx.settings.limits)
            for done in results:
                done.path = FilePath(done.path).name
    except JixiaoError as exc:
        error = exc.describe(with_source=False)
    return render(request, "selfeval_audit.html", 422 if error else 200, nav="tasks",
                  results=results, error=error, show_all=bool(show_all))  # fmt: skip
