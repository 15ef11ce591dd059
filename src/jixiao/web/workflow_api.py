"""The workflow API, ``/api/v1``: a project's state, the actions open to the caller and its
timeline; transitions (one, or a batch); dispositions of findings, comments and answers;
what changed since the last round; adjustments and reminders; the caller's inbox and
notifications; finance's overview; the 审核意见书 of a document.

Each route reads its input, calls one service function and returns what it gives (plain
JSON); errors are the API's one envelope (a stale version or a wrong state: 409). Each
route declares its permission; the services check the permission of the step itself (the
workflow table names it) and the caller's scope (another department's project is 404).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..services import inbox as inbox_service
from ..services import reviewing
from ..services import workflow as wf
from ..services.accounts import Principal
from ..services.opinions import MEDIA, opinion_file
from .api import UUID_PATTERN, Id, Uid
from .auth import Who, allow
from .context import Ctx
from .errors import ERROR_RESPONSES, HTTP_CODES, ErrorEnvelope

RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    409: {"model": ErrorEnvelope, "description": HTTP_CODES[409][1] + "；或当前状态不允许"},
}
router = APIRouter(prefix="/api/v1", responses=RESPONSES, tags=["审核流程"])

Reader = allow("documents.read")
Text = Annotated[str, Field(max_length=2000, pattern=r"^[^\x00]*$")]
ProjectUid = Annotated[str, Field(min_length=36, max_length=36, pattern=UUID_PATTERN)]


def _who(me: Principal) -> wf.Acting:
    return wf.Acting(me.actor, me.permissions)


class TransitionIn(BaseModel):
    action: Annotated[
        str,
        Field(
            min_length=1,
            max_length=40,
            pattern=r"^[a-z_]+$",
            description="操作：submit 送审、approve 审核通过、return 退回 …",
        ),
    ]
    comment: Text = ""
    version: Annotated[int, Field(ge=1, le=2**31 - 1, description="读取时的版本（防止覆盖）")]


class BatchIn(BaseModel):
    action: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z_]+$")]
    comment: Text = ""
    projects: Annotated[list[ProjectUid], Field(min_length=1, max_length=500)]


class DispositionIn(BaseModel):
    finding_key: Annotated[str, Field(min_length=1, max_length=400)]
    disposition: Annotated[str, Field(min_length=1, max_length=20)]
    comment: Text = ""


class DispositionsIn(BaseModel):
    items: Annotated[list[DispositionIn], Field(min_length=1, max_length=500)]


class CommentIn(BaseModel):
    target: Annotated[
        str, Field(min_length=1, max_length=40, description="project，或项目中指标的编号")
    ] = "project"
    field: Annotated[str | None, Field(max_length=40)] = None
    text: Annotated[str, Field(min_length=1, max_length=2000, pattern=r"^[^\x00]*$")]


class AnswerIn(BaseModel):
    text: Annotated[str, Field(min_length=1, max_length=2000, pattern=r"^[^\x00]*$")]


class AdjustmentIn(BaseModel):
    reason_kind: Annotated[
        str,
        Field(min_length=1, max_length=40, description="自行申请、项目内容变更 或 预算追加追减"),
    ]
    reason: Annotated[str, Field(min_length=1, max_length=2000, pattern=r"^[^\x00]*$")]


class ReminderIn(BaseModel):
    projects: Annotated[list[ProjectUid], Field(min_length=1, max_length=500)]
    text: Annotated[str, Field(min_length=1, max_length=500, pattern=r"^[^\x00]*$")]


class ReadIn(BaseModel):
    ids: Annotated[
        list[Annotated[int, Field(ge=1, le=2**31 - 1)]] | None,
        Field(max_length=1000, description="要标记为已读的通知；不给：全部"),
    ] = None


# -- a project -------------------------------------------------------------------------------
@router.get(
    "/projects/{project_id}/workflow",
    summary="项目的流程状态、可做的操作和流转记录",
    dependencies=[Reader],
)
def project_workflow(ctx: Ctx, me: Who, project_id: Uid) -> dict[str, Any]:
    return asdict(wf.project_workflow(ctx.store, _who(me), project_id, ctx.flow))


@router.post(
    "/projects/{project_id}/workflow",
    summary="流转：送审、审核通过、退回、取消、终审、批复、公开",
    dependencies=[Reader],
)
def transition(ctx: Ctx, me: Who, project_id: Uid, body: TransitionIn) -> dict[str, Any]:
    moved = wf.transition(
        ctx.store,
        _who(me),
        project_id,
        body.action,
        comment=body.comment,
        read_version=body.version,
        flow=ctx.flow,
        policy=ctx.policy(),
        ruleset=ctx.ruleset,
    )
    return asdict(moved)


@router.post("/workflow/batch", summary="批量审核", dependencies=[allow("workflow.batch")])
def batch(ctx: Ctx, me: Who, body: BatchIn) -> dict[str, Any]:
    done = wf.batch(
        ctx.store,
        _who(me),
        body.projects,
        body.action,
        comment=body.comment,
        flow=ctx.flow,
        policy=ctx.policy(),
    )
    return {
        "results": [asdict(r) for r in done],
        "moved": sum(1 for r in done if r.moved is not None),
    }


@router.get(
    "/projects/{project_id}/findings",
    summary="审核意见（规则发现）及本轮的处理",
    dependencies=[Reader],
)
def findings(ctx: Ctx, me: Who, project_id: Uid) -> list[dict[str, Any]]:
    return [asdict(f) for f in reviewing.findings(ctx.store, _who(me), project_id)]


@router.post(
    "/projects/{project_id}/dispositions",
    summary="处理审核意见：强制调整、建议调整、通过",
    dependencies=[allow("documents.review")],
)
def dispositions(ctx: Ctx, me: Who, project_id: Uid, body: DispositionsIn) -> dict[str, Any]:
    given = [reviewing.Disposition(d.finding_key, d.disposition, d.comment) for d in body.items]
    return {"saved": reviewing.dispose(ctx.store, _who(me), project_id, given, ctx.flow)}


@router.get(
    "/projects/{project_id}/comments", summary="审核人的意见和填报单位的答复", dependencies=[Reader]
)
def comments(ctx: Ctx, me: Who, project_id: Uid) -> list[dict[str, Any]]:
    return [asdict(c) for c in reviewing.comments(ctx.store, _who(me), project_id)]


@router.post(
    "/projects/{project_id}/comments",
    summary="对项目、字段或指标提出意见",
    dependencies=[allow("documents.review")],
)
def add_comment(ctx: Ctx, me: Who, project_id: Uid, body: CommentIn) -> dict[str, Any]:
    new = reviewing.comment(
        ctx.store, _who(me), project_id, body.target, body.text, field=body.field, flow=ctx.flow
    )
    return {"id": new}


@router.post(
    "/comments/{comment_id}/answers",
    summary="答复审核人的意见",
    dependencies=[allow("workflow.submit")],
)
def answer(ctx: Ctx, me: Who, comment_id: Id, body: AnswerIn) -> dict[str, Any]:
    return {"id": reviewing.answer(ctx.store, _who(me), comment_id, body.text)}


@router.get("/projects/{project_id}/changes", summary="上一轮送审以来的修改", dependencies=[Reader])
def changes(ctx: Ctx, me: Who, project_id: Uid) -> dict[str, Any]:
    found = reviewing.changes(ctx.store, _who(me), project_id)
    return {**asdict(found), "empty": found.empty}


@router.post(
    "/projects/{project_id}/adjustment",
    summary="发起调整（已批复的项目）",
    dependencies=[allow("workflow.submit")],
)
def adjustment(ctx: Ctx, me: Who, project_id: Uid, body: AdjustmentIn) -> dict[str, Any]:
    return asdict(
        wf.start_adjustment(
            ctx.store, _who(me), project_id, body.reason_kind, body.reason, flow=ctx.flow
        )
    )


class CancelIn(BaseModel):
    reason: Annotated[str, Field(min_length=1, max_length=2000, pattern=r"^[^\x00]*$")]


@router.post(
    "/projects/{project_id}/adjustment/cancel",
    summary="撤销调整（尚未送审或已退回的调整）",
    dependencies=[allow("workflow.submit")],
)
def cancel_adjustment(ctx: Ctx, me: Who, project_id: Uid, body: CancelIn) -> dict[str, Any]:
    return asdict(wf.cancel_adjustment(ctx.store, _who(me), project_id, body.reason, flow=ctx.flow))


# -- the caller ------------------------------------------------------------------------------
@router.get("/inbox", summary="我的待办、已办、被退回及数量", dependencies=[allow("account.self")])
def inbox(ctx: Ctx, me: Who, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    return asdict(inbox_service.inbox(ctx.store, _who(me), limit=limit, flow=ctx.flow))


@router.get("/notifications", summary="我的通知", dependencies=[allow("account.self")])
def notifications(
    ctx: Ctx,
    me: Who,
    unread: Annotated[bool, Query(description="只看未读")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> dict[str, Any]:
    found, count = inbox_service.notifications(
        ctx.store, _who(me), unread=unread, limit=limit, offset=offset
    )
    return {"items": [asdict(n) for n in found], "unread": count}


@router.post("/notifications/read", summary="标记通知为已读", dependencies=[allow("account.self")])
def mark_read(ctx: Ctx, me: Who, body: ReadIn) -> dict[str, Any]:
    return {"marked": inbox_service.mark_read(ctx.store, _who(me), body.ids)}


# -- finance ---------------------------------------------------------------------------------
@router.get(
    "/workflow/overview", summary="各部门填报审核进度", dependencies=[allow("workflow.overview")]
)
def overview(
    ctx: Ctx,
    me: Who,
    deadline: Annotated[
        str | None,
        Query(
            pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            json_schema_extra={"format": "date"},
            description="截止日期，年-月-日（默认：系统设置 workflow.deadline）",
        ),
    ] = None,
) -> dict[str, Any]:
    found = inbox_service.overview(
        ctx.store,
        _who(me),
        deadline=deadline,
        flow=ctx.flow,
    )
    return asdict(found)


@router.post("/workflow/reminders", summary="调整提醒", dependencies=[allow("workflow.overview")])
def reminders(ctx: Ctx, me: Who, body: ReminderIn) -> dict[str, Any]:
    sent = inbox_service.remind(ctx.store, _who(me), body.projects, body.text, policy=ctx.policy())
    return {"sent": sent}


@router.get(
    "/documents/{document_id}/opinion",
    summary="审核意见书（Word、PDF、HTML、Excel）",
    dependencies=[Reader],
    response_class=Response,
    responses={
        200: {
            "description": "审核意见书文件",
            "content": {
                m.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                for m in MEDIA.values()
            },
        }
    },
)
def opinion(
    ctx: Ctx,
    me: Who,
    document_id: Id,
    format: Annotated[Literal["docx", "pdf", "html", "xlsx"], Query(description="格式")] = "docx",
    issuer: Annotated[
        str, Query(max_length=100, pattern=r"^[^\x00]*$", description="发文机关")
    ] = "财政部门",
) -> Response:
    from .auth import check_document

    check_document(ctx, me, document_id)
    body, name = opinion_file(
        ctx.store,
        _who(me),
        document_id,
        format,
        issuer,
        me.display_name or me.actor.name,
        ctx.ruleset,
    )
    from urllib.parse import quote

    return Response(
        body,
        media_type=MEDIA[format],
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )
