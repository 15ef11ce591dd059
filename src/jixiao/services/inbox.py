"""What waits for whom: each account's inbox (待办 / 已办 / 被退回, with counts for the
header), in-app notifications (read / unread), finance's overview of every department's
progress (with what is overdue against the deadline setting) and adjustment reminders.

Lists are computed in the store with the actor's scope as one filter (org nodes), never a
list of every project id; every list is a page with its total.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import InputError, PermissionDenied
from ..workflow import CATEGORIES, Workflow, load_workflow
from .accounts import now_utc, stamp
from .acting import (
    OVERVIEW,
    SUBMIT,
    Acting,
    WorkflowRepo,
    located,
    project_place,
    recipients,
    scope_orgs,
)
from .policy import Policy, load_policy

DEADLINE_SETTING = "workflow.deadline"
"""The setting holding the date by which projects should be sent (ISO, e.g. 2026-11-30)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A project in a list, with its state's Chinese name."""

    project_id: str
    project_name: str
    unit: str
    department: str
    year: int | None
    document_id: int
    state: str
    state_name: str
    round: int
    updated_at: str
    updated_by: str


@dataclass(frozen=True, slots=True)
class Inbox:
    todo: list[Entry]
    done: list[Entry]
    returned: list[Entry]
    counts: dict[str, int]  # todo, done, returned, unread


def _entries(rules: Workflow, found: list[Any]) -> list[Entry]:
    return [
        Entry(
            r.project_uid,
            r.project_name,
            r.unit,
            r.department,
            r.year,
            r.document_id,
            r.state,
            rules.state_name(r.state),
            r.round,
            r.updated_at,
            r.updated_by,
        )
        for r in found
    ]


def inbox(
    repo: WorkflowRepo, who: Acting, *, limit: int = 50, flow: Workflow | None = None
) -> Inbox:
    """``who``'s 待办 (projects in their scope waiting on a permission they hold), 已办
    (projects they moved, latest first) and 被退回 (projects in their scope sent back to
    the submitter), each a page of ``limit``, and the counts."""
    rules = flow or load_workflow()
    returned_states = {t.target for t in rules.transitions if t.submitter}
    todo_states = {
        k
        for k, s in rules.states.items()
        if s.waiting and who.can(s.waiting) and k not in returned_states
    }
    with repo.workflow_rows() as rows:
        orgs = scope_orgs(rows, who)
        todo, todo_n = rows.waiting(todo_states, orgs, limit)
        back, back_n = rows.waiting(returned_states, orgs, limit)
        if who.actor.user_id is not None:
            done, done_n = rows.done_by(who.actor.user_id, limit)
            unread = rows.unread(who.actor.user_id)
        else:
            done, done_n, unread = [], 0, 0
    return Inbox(
        _entries(rules, todo),
        _entries(rules, done),
        _entries(rules, back),
        {"todo": todo_n, "done": done_n, "returned": back_n, "unread": unread},
    )


def counts(repo: WorkflowRepo, who: Acting, flow: Workflow | None = None) -> dict[str, int]:
    """The header's counts (待办, 已办, 被退回, unread notifications)."""
    return inbox(repo, who, limit=1, flow=flow).counts


# -- notifications ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Notice:
    id: int
    at: str
    kind: str
    project_id: str | None
    text: str
    read: bool


def notifications(
    repo: WorkflowRepo, who: Acting, *, unread: bool = False, limit: int = 50, offset: int = 0
) -> tuple[list[Notice], int]:
    """``who``'s notifications, newest first, and how many are unread."""
    if who.actor.user_id is None:
        return [], 0
    with repo.workflow_rows() as rows:
        found = rows.notifications(who.actor.user_id, unread=unread, limit=limit, offset=offset)
        count = rows.unread(who.actor.user_id)
    return [
        Notice(n["id"], n["at"], n["kind"], n["project_uid"], n["text"], n["read_at"] is not None)
        for n in found
    ], count


def mark_read(repo: WorkflowRepo, who: Acting, ids: Collection[int] | None) -> int:
    """Mark ``who``'s notifications ``ids`` (``None``: all) read; how many changed."""
    if who.actor.user_id is None:
        raise PermissionDenied("请先登录")
    with repo.transaction("通知已读") as tx:
        return int(tx.workflow().mark_read(who.actor.user_id, ids, stamp(now_utc())))


# -- finance's overview ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DepartmentProgress:
    department: str
    counts: dict[str, int]  # CATEGORIES → projects
    states: dict[str, int]  # state key → projects
    total: int
    overdue: int


@dataclass(frozen=True, slots=True)
class Overview:
    departments: list[DepartmentProgress]
    totals: dict[str, int]
    deadline: str | None
    overdue: bool
    category_names: dict[str, str] = field(default_factory=dict)
    state_names: dict[str, str] = field(default_factory=dict)


CATEGORY_NAMES = {
    "drafted": "未送审",
    "submitted": "审核中",
    "returned": "被退回",
    "approved": "已批复",
    "published": "已公开",
}


def overview(
    repo: WorkflowRepo,
    who: Acting,
    *,
    deadline: str | None = None,
    today: date | None = None,
    flow: Workflow | None = None,
) -> Overview:
    """Every department's projects per state and per column (未送审, 审核中, 被退回, 已批复,
    已公开); past ``deadline`` (else the ``workflow.deadline`` setting) the projects not yet
    sent (未送审 and 被退回) are overdue."""
    rules = flow or load_workflow()
    if not who.can(OVERVIEW):
        raise PermissionDenied(f"{who.actor.name} 无权查看各部门进度（需要权限：{OVERVIEW}）")
    if deadline is None:
        with repo.accounts() as rows:
            deadline = rows.read_settings(DEADLINE_SETTING).get("") or None
    due = None
    if deadline:
        try:
            due = date.fromisoformat(str(deadline))
        except ValueError:
            raise InputError(
                f"截止日期应为 年-月-日：{deadline}", expected="如 2026-11-30"
            ) from None
    late = due is not None and (today or now_utc().date()) > due
    with repo.workflow_rows() as rows:
        found = rows.overview(rules.initial)
    by_dept: dict[str, dict[str, int]] = {}
    for department, state, n in found:
        by_dept.setdefault(department, {})
        by_dept[department][state] = by_dept[department].get(state, 0) + n
    out = []
    totals = dict.fromkeys(CATEGORIES, 0)
    for department, states in sorted(by_dept.items()):
        columns = dict.fromkeys(CATEGORIES, 0)
        for state, n in states.items():
            category = rules.states[state].category if state in rules.states else "drafted"
            columns[category] += n
            totals[category] += n
        overdue = columns["drafted"] + columns["returned"] if late else 0
        out.append(DepartmentProgress(department, columns, states, sum(states.values()), overdue))
    return Overview(
        out,
        totals,
        str(due) if due else None,
        late,
        CATEGORY_NAMES,
        {k: s.name for k, s in rules.states.items()},
    )


# -- reminders -----------------------------------------------------------------------------------
def remind(
    repo: WorkflowRepo,
    who: Acting,
    project_ids: list[str],
    text: str,
    *,
    policy: Policy | None = None,
) -> int:
    """Finance reminds the units of ``project_ids`` (an adjustment to make, a deadline): a
    notification to each unit's fillers; how many were sent. Audited."""
    if not who.can(OVERVIEW):
        raise PermissionDenied(f"{who.actor.name} 无权发送提醒（需要权限：{OVERVIEW}）")
    if not text.strip():
        raise InputError("提醒内容不能为空", expected="text：提醒的内容")
    if not project_ids:
        raise InputError("没有选择项目", expected="至少一个项目编号")
    rules = policy or load_policy()
    sent = 0
    with repo.transaction("调整提醒") as tx:
        rows = tx.workflow()
        at = stamp(now_utc())
        for project_id in dict.fromkeys(project_ids):
            place = project_place(rows, who, located(tx, project_id))
            notes = [
                {
                    "user_id": r.user_id,
                    "at": at,
                    "kind": "reminder",
                    "project_uid": place.project_uid,
                    "text": f"提醒：“{place.project_name}”——{text.strip()[:300]}",
                }
                for r in recipients(rows, rules, SUBMIT, place)
            ]
            rows.notify(notes)
            sent += len(notes)
            tx.audit(
                who.actor,
                "调整提醒",
                f"项目 {place.project_uid}（{place.project_name}）",
                detail={"text": text.strip(), "recipients": len(notes)},
            )
    return sent


def unread_count(repo: WorkflowRepo, who: Acting) -> int:
    """How many of ``who``'s notifications are unread: the header's figure (one query)."""
    if who.actor.user_id is None:
        return 0
    with repo.workflow_rows() as rows:
        return int(rows.unread(who.actor.user_id))


@dataclass(frozen=True, slots=True)
class InboxPage:
    """The inbox page: the lists and counts, and the latest notifications."""

    box: Inbox
    notices: list[Notice]
    unread: int


def inbox_page(
    repo: WorkflowRepo, who: Acting, *, limit: int = 100, flow: Workflow | None = None
) -> InboxPage:
    """``who``'s 待办 / 已办 / 被退回 (:func:`inbox`) and their latest 50 notifications."""
    box = inbox(repo, who, limit=limit, flow=flow)
    notices, unread = notifications(repo, who, limit=50)
    return InboxPage(box, notices, unread)
