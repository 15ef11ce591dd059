"""The workflow on the project page (forms posting back to it): transitions (送审, 审核通过,
退回 with its required reason, 取消, 终审, 批复, 公开), the reviewer's disposition of each
rule finding and comments on any field or indicator, the submitter's answers, starting an
adjustment, finance's adjustment reminder, and a project as it was in an earlier version.

Each route reads its form, calls one service function and goes back to the project page
(303, with a short "done" note); a stale version, a wrong state or a missing reason comes
back as the project page with the reason said plainly (409 / 400) and nothing changed. The
permission each route declares is the least its forms need; the services check the step's
own permission and the caller's scope (another department's project is "not found").
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from ..errors import ConflictError, InputError, WrongStateError
from ..services import desk as desk_service
from ..services import inbox as inbox_service
from ..services import reviewing
from ..services import workflow as wf
from ..services.accounts import Principal
from .api import MAX_ID, UUID_PATTERN
from .auth import CsrfChecked, Who, allow
from .context import Ctx
from .pages import project_response, render
from .rendering import path_for

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PageUid = Annotated[str, Path(min_length=36, max_length=36, pattern=UUID_PATTERN)]
PageId = Annotated[int, Path(ge=1, le=MAX_ID)]
Text = Annotated[str, Form(max_length=2000)]
NOTES = {
    "moved": "已办理",
    "disposed": "已保存处理意见",
    "commented": "已提出意见，填报单位会收到通知",
    "answered": "已答复，审核人会收到通知",
    "adjusting": "已发起调整：请在调整稿中修改后送审",
    "reminded": "已发送调整提醒",
    "cancelled": "已撤销调整：现行版本不变",
}
"""The note the project page shows after a form worked (``?done=KEY``)."""


def acting(me: Principal) -> wf.Acting:
    return wf.Acting(me.actor, me.permissions)


def _back(request: Request, project_id: str, done: str) -> Response:
    url = path_for(request, "project_page", project_id=project_id)
    return RedirectResponse(f"{url}?done={done}#workflow", 303)


def _refused(request: Request, ctx: Ctx, me: Who, project_id: str, exc: Exception) -> Response:
    """The project page again with why nothing was done (409: stale or wrong state)."""
    if isinstance(exc, ConflictError):
        return project_response(request, ctx, me, project_id, 409, conflict=exc.message)
    status = 409 if isinstance(exc, WrongStateError) else 400
    assert isinstance(exc, InputError | WrongStateError)
    return project_response(request, ctx, me, project_id, status, message=exc.describe())


@router.post("/projects/{project_id}/act", name="workflow_act",
             dependencies=[allow("documents.read"), CsrfChecked])  # fmt: skip
def act(
    request: Request,
    ctx: Ctx,
    me: Who,
    project_id: PageUid,
    action: Annotated[str, Form(min_length=1, max_length=40, pattern=r"^[a-z_]+$")],
    version: Annotated[int, Form(ge=1, le=2**31 - 1)],
    comment: Text = "",
) -> Response:
    try:
        wf.transition(ctx.store, acting(me), project_id, action, comment=comment,
                      read_version=version, flow=ctx.flow, policy=ctx.policy(),
                      ruleset=ctx.ruleset)  # fmt: skip
    except (ConflictError, WrongStateError, InputError) as exc:
        return _refused(request, ctx, me, project_id, exc)
    return _back(request, project_id, "moved")


@router.post("/projects/{project_id}/dispose", name="dispose",
             dependencies=[allow("documents.review"), CsrfChecked])  # fmt: skip
def dispose(
    request: Request,
    ctx: Ctx,
    me: Who,
    project_id: PageUid,
    finding_key: Annotated[str, Form(min_length=1, max_length=400)],
    disposition: Annotated[str, Form(min_length=1, max_length=20)],
    comment: Text = "",
) -> Response:
    given = [reviewing.Disposition(finding_key, disposition, comment)]
    try:
        reviewing.dispose(ctx.store, acting(me), project_id, given, ctx.flow)
    except (WrongStateError, InputError) as exc:
        return _refused(request, ctx, me, project_id, exc)
    return _back(request, project_id, "disposed")


@router.post("/projects/{project_id}/remarks", name="remark_add",
             dependencies=[allow("documents.review"), CsrfChecked])  # fmt: skip
def remark_add(
    request: Request,
    ctx: Ctx,
    me: Who,
    project_id: PageUid,
    text: Annotated[str, Form(min_length=1, max_length=2000)],
    target: Annotated[str, Form(min_length=1, max_length=40)] = "project",
    field: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    try:
        reviewing.comment(ctx.store, acting(me), project_id, target, text,
                          field=field or None, flow=ctx.flow)  # fmt: skip
    except (WrongStateError, InputError) as exc:
        return _refused(request, ctx, me, project_id, exc)
    return _back(request, project_id, "commented")


@router.post("/projects/{project_id}/comments/{comment_id}/answer", name="answer_add",
             dependencies=[allow("workflow.submit"), CsrfChecked])  # fmt: skip
def answer_add(
    request: Request,
    ctx: Ctx,
    me: Who,
    project_id: PageUid,
    comment_id: PageId,
    text: Annotated[str, Form(min_length=1, max_length=2000)],
) -> Response:
    try:
        reviewing.answer(ctx.store, acting(me), comment_id, text)
    except InputError as exc:
        return _refused(request, ctx, me, project_id, exc)
    return _back(request, project_id, "answered")


@router.post("/projects/{project_id}/adjust", name="adjust_start",
             dependencies=[allow("workflow.submit"), CsrfChecked])  # fmt: skip
def adjust_start(
    request: Request,
    ctx: Ctx,
    me: Who,
    project_id: PageUid,
    reason_kind: Annotated[str, Form(min_length=1, max_length=40)],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    try:
        wf.start_adjustment(ctx.store, acting(me), project_id, reason_kind, reason,
                            flow=ctx.flow)  # fmt: skip
    except (WrongStateError, InputError) as exc:
        return _refused(request, ctx, me, project_id, exc)
    return _back(request, project_id, "adjusting")


@router.post("/projects/{project_id}/adjust/cancel", name="adjust_cancel",
             dependencies=[allow("workflow.submit"), CsrfChecked])  # fmt: skip
def adjust_cancel(
    request: Request,
    ctx: Ctx,
    me: Who,
    project_id: PageUid,
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    try:
        wf.cancel_adjustment(ctx.store, acting(me), project_id, reason, flow=ctx.flow)
    except (WrongStateError, InputError) as exc:
        return _refused(request, ctx, me, project_id, exc)
    return _back(request, project_id, "cancelled")


@router.post("/projects/{project_id}/remind", name="remind_send",
             dependencies=[allow("workflow.overview"), CsrfChecked])  # fmt: skip
def remind_send(
    request: Request,
    ctx: Ctx,
    me: Who,
    project_id: PageUid,
    text: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    try:
        inbox_service.remind(ctx.store, acting(me), [project_id], text, policy=ctx.policy())
    except InputError as exc:
        return _refused(request, ctx, me, project_id, exc)
    return _back(request, project_id, "reminded")


@router.get("/projects/{project_id}/versions/{version}", name="project_version",
            dependencies=[allow("documents.read")])  # fmt: skip
def project_version(
    request: Request, ctx: Ctx, me: Who, project_id: PageUid, version: PageId
) -> Response:
    found = desk_service.project_version(ctx.store, acting(me), project_id, version)
    return render(request, "project_version.html", nav="", old=found)
