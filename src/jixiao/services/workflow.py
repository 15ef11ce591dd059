"""The target workflow of projects: transitions (one, or many at once), what a project's
page shows (state, the actions open to the actor, the timeline), the edit gate, adjustments
(调整) and who is told (notifications).

The rules are :mod:`jixiao.workflow` (the table of ``data/workflow.toml``); this module adds
who the actor is and where: every action is checked for the permission the table names AND
for scope (a 主管部门 reviewer acts on their department's projects, a unit on its own unit's;
anything outside is "not found"). Each change is one transaction holding the state, the log
row, the notifications and the audit record.

The workflow item is the project (its stable id); a project with no row is in the table's
initial state (草稿). The document version is kept at each 送审 (``submitted_version``; the
one before is ``previous_version``, for "what changed since the last round") and at 终审
(``approved_version``).

Visibility: a document is visible to visitors when its status is ``published``. Projects
reaching 公开 publish their document once every project of it is 公开 (the 公开 of the last
one does it); see docs/workflow.md.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import (
    ConflictError,
    InputError,
    JixiaoError,
    NotFoundError,
    PermissionDenied,
    WrongStateError,
)
from ..interchange import project_to_dict
from ..review import Ruleset
from ..workflow import BATCH_PERMISSION, Transition, Workflow, allowed_actions, apply, load_workflow
from .accounts import now_utc, stamp
from .acting import (
    OVERVIEW,
    SUBMIT,
    Acting,
    WorkflowRepo,
    acting,
    acting_on,
    in_scope,
    located,
    project_place,
    recipients,
    scope_orgs,
)
from .actor import Actor
from .adjustments import (
    AdjustmentView,
    _adjustment_view,
    adjustment_project,
    cancel_adjustment,
    edit_adjustment,
    make_effective,
    start_adjustment,
)
from .policy import Policy, load_policy
from .repository import Transaction

__all__ = [
    "OVERVIEW",
    "SUBMIT",
    "Acting",
    "AdjustmentView",
    "WorkflowRepo",
    "acting",
    "adjustment_project",
    "batch",
    "cancel_adjustment",
    "check_editable",
    "edit_adjustment",
    "gate",
    "in_scope",
    "project_workflow",
    "recipients",
    "scope_orgs",
    "start_adjustment",
    "transition",
]


# -- what a page shows ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ActionView:
    key: str
    name: str
    to_state: str
    to_name: str
    reason_required: bool
    batch: bool


@dataclass(frozen=True, slots=True)
class Step:
    """One line of the timeline."""

    at: str
    actor: str
    action: str
    action_name: str
    from_state: str
    from_name: str
    to_state: str
    to_name: str
    comment: str
    document_version: int | None
    round: int
    adjustment_id: int | None


@dataclass(frozen=True, slots=True)
class ProjectWorkflow:
    """A project's place in the workflow, as its page needs it. ``state`` is the state of
    what is under way: the open adjustment's if there is one (``adjusting``), else the
    project's. ``version`` is what a transition or an edit must send back (the document's
    version, or the open adjustment's)."""

    project_id: str
    project_name: str
    department: str
    unit: str
    document_id: int
    state: str
    state_name: str
    editable: bool
    version: int
    round: int
    project_state: str
    project_state_name: str
    submitted_version: int | None
    approved_version: int | None
    adjusting: AdjustmentView | None
    actions: list[ActionView]
    can_adjust: bool
    timeline: list[Step]
    adjustments: list[AdjustmentView] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Moved:
    """What a transition did."""

    project_id: str
    project_name: str
    action: str
    action_name: str
    from_state: str
    to_state: str
    to_name: str
    round: int
    version: int
    adjustment_id: int | None = None
    effective_version: int | None = None


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One project of a batch: done (``moved``) or why not (``error``: a JixiaoError's code
    and message)."""

    project_id: str
    moved: Moved | None
    code: str | None = None
    error: str | None = None


# -- the edit gate --------------------------------------------------------------------------------
class WithRows(Protocol):
    """A transaction, or a read of the workflow rows alone (:func:`gate` only reads)."""

    def workflow(self) -> Any: ...


def gate(tx: WithRows, project_id: str, flow: Workflow | None = None) -> dict[str, Any] | None:
    """Whether the project may be changed now: ``None`` when its content may be edited (an
    editable state), the open adjustment (a dict) when that adjustment's draft is what is
    edited; :class:`WrongStateError` naming the state otherwise."""
    rules = flow or load_workflow()
    rows = tx.workflow()
    item = rows.item(project_id)
    state = rules.initial if item is None else item.state
    if item is not None and item.adjustment_id is not None:
        adjustment: dict[str, Any] | None = rows.adjustment(item.adjustment_id)
        if adjustment is not None and rules.editable(adjustment["state"]):
            return adjustment
        if adjustment is not None:
            raise WrongStateError(
                f"项目的调整处于“{rules.state_name(adjustment['state'])}”状态，不能修改",
                expected="等待审核结果，或由审核人退回后再改",
            )
    if rules.editable(state):
        return None
    raise WrongStateError(
        f"项目处于“{rules.state_name(state)}”状态，不能修改"
        + ("（已批复的版本只读，请发起调整）" if state in rules.adjustment.open_from else ""),
        expected="草稿或已退回的项目；已批复的项目经“发起调整”修改",
    )


def check_editable(
    tx: Transaction, project_ids: Collection[str], flow: Workflow | None = None
) -> None:
    """Refuse (:class:`WrongStateError`) if any of the projects may not be changed in place
    (an upload replacing it): not editable, or changed through an open adjustment."""
    for project_id in project_ids:
        if gate(tx, project_id, flow) is not None:
            raise WrongStateError("项目有进行中的调整：请在调整稿中修改，不能以上传覆盖")


# -- transitions ------------------------------------------------------------------------------
def transition(
    repo: WorkflowRepo,
    who: Acting,
    project_id: str,
    action: str,
    *,
    comment: str = "",
    read_version: int | None,
    flow: Workflow | None = None,
    policy: Policy | None = None,
    ruleset: Ruleset | None = None,
    batch: bool = False,
) -> Moved:
    """Make ``action`` on the project (or its open adjustment) if the table allows it from
    its state, to ``who``, in ``who``'s scope, and ``read_version`` (the version the actor
    read; ``None`` only in a batch) is still current: else :class:`WrongStateError`,
    :class:`PermissionDenied`, :class:`NotFoundError` or :class:`ConflictError`, nothing
    written. Logged, notified and audited in one transaction."""
    rules = flow or load_workflow()
    with acting_on(repo, who, project_id, "流转") as (tx, rows, full, place):
        tx.state(place.document_id, lock=True)  # writers of this document wait their turn
        place = rows.place(full)
        item = rows.item(full, lock=True)
        adjustment = (
            None
            if item is None or item.adjustment_id is None
            else rows.adjustment(item.adjustment_id)
        )
        state = (
            adjustment["state"] if adjustment else (rules.initial if item is None else item.state)
        )
        chosen = apply(
            rules,
            state,
            action,
            who.permissions if not who.trusted else rules.permissions() | {BATCH_PERMISSION},
            comment=comment,
            batch=batch,
        )
        current = int(adjustment["version"]) if adjustment else place.document_version
        if read_version is not None and read_version != current:
            if adjustment is not None:  # an adjustment's draft is versioned whole
                raise _stale(read_version, current)
            check_unchanged(tx, place.document_id, full, read_version, current)
        moved = _move(tx, who, rules, chosen, place, item, adjustment, comment, ruleset)
        _notify(tx, rules, policy or load_policy(), who, place, chosen, moved, item, comment)
    return moved


def _stale(read: int, current: int) -> ConflictError:
    return ConflictError(
        f"项目已被他人修改（当前为第 {current} 版，您读取的是第 {read} 版）；未保存任何内容",
        expected="重新读取最新版本后再操作",
    )


def check_unchanged(
    tx: Transaction, document_id: int, project_id: str, read: int, current: int
) -> None:
    """:class:`ConflictError` unless the project is as it was at version ``read`` of its
    document (now at ``current``): another project of the same document changing meanwhile
    is no reason to refuse an action on, or an edit of, this one. Told from the versions
    kept per project; a version kept whole in between (a new file, a correction) is compared
    by content."""
    if read > current or read < 1:
        raise _stale(read, current)
    changed = tx.project_changed(document_id, project_id, read)
    if changed is False:
        return
    if changed:
        raise _stale(read, current)
    try:
        then = tx.load_version(document_id, read).project(project_id)
    except NotFoundError:
        then = None
    now = tx.load(document_id).project(project_id)
    if then is None or now is None or project_to_dict(then[1]) != project_to_dict(now[1]):
        raise _stale(read, current)


def _move(
    tx: Transaction,
    who: Acting,
    rules: Workflow,
    chosen: Transition,
    place: Any,
    item: Any,
    adjustment: dict[str, Any] | None,
    comment: str,
    ruleset: Ruleset | None,
) -> Moved:
    rows = tx.workflow()
    at = stamp(now_utc())
    version = place.document_version
    round_ = 0 if item is None else int(item.round)
    values: dict[str, Any] = {"updated_at": at, "updated_by": who.actor.name}
    effective = None
    if adjustment is not None:
        target_values: dict[str, Any] = {"state": chosen.target}
        if chosen.target == rules.adjustment.effective_on:
            effective = make_effective(tx, who.actor, place, adjustment, ruleset)
            target_values.update(closed_at=at, result="已生效", effective_version=effective)
            values.update(adjustment_id=None, approved_version=effective)
            version = effective
        rows.update_adjustment(adjustment["id"], None, **target_values)
    else:
        values["state"] = chosen.target
        if chosen.target == rules.adjustment.effective_on:
            values["approved_version"] = version
    if chosen.action == "submit":
        round_ += 1
        values.update(
            round=round_,
            submitter=who.actor.name,
            submitter_id=who.actor.user_id,
            submitted_version=version,
            previous_version=None if item is None else item.submitted_version,
        )
    values["round"] = round_
    if item is None:
        values.setdefault("state", rules.initial)
    rows.put_item(place.project_uid, item is not None, **values)
    rows.log(
        project_uid=place.project_uid,
        adjustment_id=None if adjustment is None else adjustment["id"],
        at=at,
        actor=who.actor.name,
        actor_id=who.actor.user_id,
        action=chosen.action,
        from_state=chosen.source,
        to_state=chosen.target,
        comment=comment.strip(),
        document_version=version,
        round=round_,
    )
    name = rules.action_name(chosen.action)
    tx.audit(
        who.actor,
        name,
        f"项目 {place.project_uid}（{place.project_name}）",
        detail={
            "before": rules.state_name(chosen.source),
            "after": rules.state_name(chosen.target),
            "comment": comment.strip(),
            "document": place.document_id,
            "version": version,
            "round": round_,
            "adjustment": None if adjustment is None else adjustment["id"],
        },
    )
    if adjustment is None and rules.states[chosen.target].final:
        _publish_document(tx, who.actor, rules, place)
    return Moved(
        place.project_uid,
        place.project_name,
        chosen.action,
        name,
        chosen.source,
        chosen.target,
        rules.state_name(chosen.target),
        round_,
        version,
        None if adjustment is None else adjustment["id"],
        effective,
    )


def _publish_document(tx: Transaction, actor: Actor, rules: Workflow, place: Any) -> None:
    """Publish the document once every project of it reached a final state (公开)."""
    rows = tx.workflow()
    uids = rows.document_projects(place.document_id)
    states = rows.states_of(uids)
    if any(not rules.states[states.get(u, rules.initial)].final for u in uids):
        return
    current = tx.state(place.document_id)
    if current.status != "published":
        tx.set_status(place.document_id, "published", read_version=current.version, actor=actor)
        tx.audit(
            actor,
            "发布",
            f"文档 {place.document_id}",
            detail={"before": current.status, "after": "published", "by": "全部项目已公开"},
        )


def batch(
    repo: WorkflowRepo,
    who: Acting,
    project_ids: Sequence[str],
    action: str,
    *,
    comment: str = "",
    flow: Workflow | None = None,
    policy: Policy | None = None,
) -> list[BatchResult]:
    """批量审核: ``action`` on each project, each in its own transaction (one refused does
    not stop the others); needs ``workflow.batch`` and the action's own permission."""
    if not who.can(BATCH_PERMISSION):
        raise PermissionDenied(f"{who.actor.name} 无批量审核权限（{BATCH_PERMISSION}）")
    if not project_ids:
        raise InputError("没有选择项目", expected="至少一个项目编号")
    out: list[BatchResult] = []
    for project_id in dict.fromkeys(project_ids):
        try:
            moved = transition(
                repo,
                who,
                project_id,
                action,
                comment=comment,
                read_version=None,
                flow=flow,
                policy=policy,
                batch=True,
            )
        except JixiaoError as exc:
            out.append(BatchResult(project_id, None, exc.code, exc.describe()))
        else:
            out.append(BatchResult(project_id, moved))
    return out


# -- notifications ---------------------------------------------------------------------------------
def _notify(
    tx: Transaction,
    rules: Workflow,
    policy: Policy,
    who: Acting,
    place: Any,
    chosen: Transition,
    moved: Moved,
    item: Any,
    comment: str,
) -> None:
    rows = tx.workflow()
    waiting = rules.states[chosen.target].waiting
    users: dict[int, str] = {}
    if waiting:
        kind = "returned" if chosen.submitter else "todo"
        for r in recipients(rows, policy, waiting, place):
            users[r.user_id] = kind
    submitter = None if item is None else item.submitter_id
    if submitter is not None and submitter not in users and chosen.permission != SUBMIT:
        users[submitter] = "progress"
    users.pop(who.actor.user_id or -1, None)
    what = "调整" if moved.adjustment_id else "项目"
    text = (
        f"{what}“{place.project_name}”（{place.department}/{place.unit_name}）："
        f"{who.actor.name} {moved.action_name}，现为“{moved.to_name}”"
    )
    if comment.strip():
        text += f"。意见：{comment.strip()[:200]}"
    at = stamp(now_utc())
    rows.notify(
        [
            {"user_id": u, "at": at, "kind": k, "project_uid": place.project_uid, "text": text}
            for u, k in users.items()
        ]
    )


# -- the project's page ----------------------------------------------------------------------------
def project_workflow(
    repo: WorkflowRepo, who: Acting, project_id: str, flow: Workflow | None = None
) -> ProjectWorkflow:
    """The project's state, the actions open to ``who`` now, its timeline and adjustments."""
    rules = flow or load_workflow()
    with repo.workflow_rows() as rows:
        place = project_place(rows, who, full_id(repo, project_id))
        return workflow_at(rows, who, place, rows.item(place.project_uid), rules)


def workflow_at(rows: Any, who: Acting, place: Any, item: Any, rules: Workflow) -> ProjectWorkflow:
    """:func:`project_workflow` of a project whose place (and workflow item) the caller has
    already read on ``rows`` (the project page reads them once for every part of its panel)."""
    history = rows.adjustments(place.project_uid)
    log = rows.timeline(place.project_uid)
    project_state = rules.initial if item is None else item.state
    open_ = next((a for a in history if a["closed_at"] is None), None)
    state = open_["state"] if open_ else project_state
    perms = who.permissions if not who.trusted else rules.permissions() | {BATCH_PERMISSION}
    actions = [
        ActionView(
            t.action,
            rules.action_name(t.action),
            t.target,
            rules.state_name(t.target),
            t.reason,
            t.batch and BATCH_PERMISSION in perms,
        )
        for t in allowed_actions(rules, state, perms)
    ]
    steps = [
        Step(
            s["at"],
            s["actor"],
            s["action"],
            rules.action_name(s["action"]),
            s["from_state"],
            rules.state_name(s["from_state"]),
            s["to_state"],
            rules.state_name(s["to_state"]),
            s["comment"],
            s["document_version"],
            s["round"],
            s["adjustment_id"],
        )
        for s in log
    ]
    return ProjectWorkflow(
        project_id=place.project_uid,
        project_name=place.project_name,
        department=place.department,
        unit=place.unit_name,
        document_id=place.document_id,
        state=state,
        state_name=rules.state_name(state),
        editable=rules.editable(state),
        version=int(open_["version"]) if open_ else place.document_version,
        round=0 if item is None else item.round,
        project_state=project_state,
        project_state_name=rules.state_name(project_state),
        submitted_version=None if item is None else item.submitted_version,
        approved_version=None if item is None else item.approved_version,
        adjusting=None if open_ is None else _adjustment_view(rules, open_),
        actions=actions,
        can_adjust=open_ is None
        and project_state in rules.adjustment.open_from
        and who.can(SUBMIT),
        timeline=steps,
        adjustments=[_adjustment_view(rules, a) for a in history],
    )


def full_id(repo: WorkflowRepo, project_id: str) -> str:
    """The project's full stable id (``project_id`` itself, or a unique prefix of it)."""
    if len(project_id) == 36:
        return project_id
    with repo.transaction("查询") as tx:  # a prefix: resolved as edits resolve it
        return located(tx, project_id)
