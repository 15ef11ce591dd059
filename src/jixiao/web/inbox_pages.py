"""What waits for the signed-in account: ``/inbox`` (待办 / 已办 / 被退回 with their counts,
and the notifications, which can be marked read), 批量审核 from the 待办 list (选中多个项目批量
审核通过, for holders of ``workflow.batch``), and finance's ``/overview`` of every
department's progress (未送审 / 审核中 / 被退回 / 已批复 / 已公开, overdue past the deadline).

Each route calls one service function (:mod:`jixiao.services.inbox`,
:func:`jixiao.services.workflow.batch`) and renders its result.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from ..errors import InputError
from ..services import inbox as inbox_service
from ..services import workflow as wf
from ..workflow import Workflow
from .auth import CsrfChecked, Who, allow
from .context import Ctx
from .pages import render
from .rendering import path_for
from .workflow_pages import acting

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Self = allow("account.self")
TABS = {"todo": "待办", "returned": "被退回", "done": "已办"}
PAGE = 100
"""Projects listed per tab (the counts say how many there are in all)."""


def batch_actions(rules: Workflow) -> list[tuple[str, str]]:
    """(action, name) of the actions the table allows in a batch, in table order."""
    keys = dict.fromkeys(t.action for t in rules.transitions if t.batch)
    return [(k, rules.action_name(k)) for k in keys]


@router.get("/inbox", name="inbox_page", dependencies=[Self])
def inbox_page(
    request: Request,
    ctx: Ctx,
    me: Who,
    tab: Annotated[Literal["todo", "returned", "done"], Query()] = "todo",
) -> Response:
    found = inbox_service.inbox_page(ctx.store, acting(me), limit=PAGE, flow=ctx.flow)
    return render(request, "inbox.html", nav="inbox", box=found.box, tab=tab, tabs=TABS,
                  entries=getattr(found.box, tab), notices=found.notices, unread=found.unread,
                  batch=batch_actions(ctx.flow) if me.can("workflow.batch") else [],
                  results=None)  # fmt: skip


@router.post("/notifications/read", name="notices_read", dependencies=[Self, CsrfChecked])
def notices_read(
    request: Request,
    ctx: Ctx,
    me: Who,
    id: Annotated[str, Form(max_length=12, pattern=r"^[0-9]*$")] = "",
) -> Response:
    inbox_service.mark_read(ctx.store, acting(me), [int(id)] if id else None)
    return RedirectResponse(path_for(request, "inbox_page") + "#notices", 303)


@router.post("/inbox/batch", name="batch_review",
             dependencies=[allow("workflow.batch"), CsrfChecked])  # fmt: skip
def batch_review(
    request: Request,
    ctx: Ctx,
    me: Who,
    action: Annotated[str, Form(min_length=1, max_length=40, pattern=r"^[a-z_]+$")],
    projects: Annotated[list[str] | None, Form(max_length=500)] = None,
    comment: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    chosen = [p for p in projects or [] if len(p) == 36]
    error: str | None = None
    try:
        done = wf.batch(ctx.store, acting(me), chosen, action, comment=comment,
                        flow=ctx.flow, policy=ctx.policy())  # fmt: skip
    except InputError as exc:
        done, error = [], exc.describe()
    # the page after the batch: what moved is out of the 待办 now
    found = inbox_service.inbox_page(ctx.store, acting(me), limit=PAGE, flow=ctx.flow)
    return render(request, "inbox.html", 400 if error else 200, nav="inbox", box=found.box,
                  tab="todo", tabs=TABS, entries=found.box.todo, notices=found.notices,
                  unread=found.unread,
                  batch=batch_actions(ctx.flow), results=done, batch_error=error,
                  action_name=ctx.flow.action_name(action))  # fmt: skip


@router.get("/overview", name="overview_page", dependencies=[allow("workflow.overview")])
def overview_page(
    request: Request,
    ctx: Ctx,
    me: Who,
    deadline: Annotated[str, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = "",
) -> Response:
    found = inbox_service.overview(ctx.store, acting(me), deadline=deadline or None, flow=ctx.flow)
    return render(request, "overview.html", nav="overview", view=found, asked=deadline)
