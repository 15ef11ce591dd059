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

import json
from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
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
from ..interchange import canonical_sha256, project_from_dict, project_to_dict, to_dict
from ..review import Finding, Ruleset, load_ruleset, review
from ..workflow import BATCH_PERMISSION, Transition, Workflow, allowed_actions, apply, load_workflow
from .accounts import AccountRepo, now_utc, stamp
from .actor import CLI_ROLE, Actor
from .policy import Policy, load_policy
from .repository import Repository, Transaction

SUBMIT = "workflow.submit"
REVIEW_COMMENT = "documents.review"
OVERVIEW = "workflow.overview"


class WorkflowRepo(Repository, AccountRepo, Protocol):
    """A store as the workflow needs it: documents, accounts and the workflow rows."""

    def workflow_rows(self) -> AbstractContextManager[Any]: ...

    def findings(
        self, document_id: int | None = None, project_id: str | None = None
    ) -> list[Finding]: ...


@dataclass(frozen=True, slots=True)
class Acting:
    """Who acts and what they may do (the permissions of their roles)."""

    actor: Actor
    permissions: frozenset[str]

    @property
    def trusted(self) -> bool:
        return CLI_ROLE in self.actor.roles

    def can(self, permission: str) -> bool:
        return self.trusted or permission in self.permissions


def acting(actor: Actor, policy: Policy | None = None, flow: Workflow | None = None) -> Acting:
    """``actor`` with the permissions of its roles (the command line: every one)."""
    rules = policy or load_policy()
    if CLI_ROLE in actor.roles:
        every = set(rules.permissions) | (flow or load_workflow()).permissions()
        return Acting(actor, frozenset(every))
    return Acting(actor, rules.permissions_of(actor.roles))


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
class AdjustmentView:
    id: int
    reason_kind: str
    reason: str
    state: str
    state_name: str
    version: int
    base_version: int
    effective_version: int | None
    opened_at: str
    opened_by: str
    closed_at: str | None
    result: str | None


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


# -- scope --------------------------------------------------------------------------------------
def scope_orgs(rows: Any, who: Acting) -> frozenset[int] | None:
    """The org nodes ``who`` acts in (``None``: all, the command line or the root's subtree)."""
    if who.trusted:
        return None
    actor = who.actor
    roots = actor.scopes or (frozenset({actor.org_id}) if actor.org_id is not None else None)
    if not roots:
        return frozenset()
    orgs: frozenset[int] = rows.subtree(roots)
    return None if orgs >= rows.all_org_ids() else orgs


def in_scope(orgs: frozenset[int] | None, place: Any) -> bool:
    return orgs is None or place.department_org in orgs or place.unit_org in orgs


def _place(rows: Any, who: Acting, project_id: str) -> Any:
    """The project's place, if ``who`` may act on it; else "not found"."""
    place = rows.place(project_id) if len(project_id) == 36 else None
    if place is None or not in_scope(scope_orgs(rows, who), place):
        raise NotFoundError(
            f"没有编号为 {project_id} 的项目", expected="jixiao list projects 中的项目编号"
        )
    return place


def _located(tx: Transaction, project_id: str) -> str:
    """The full stable id of ``project_id`` (or a unique prefix)."""
    return tx.locate_project(project_id)[1]


# -- the edit gate --------------------------------------------------------------------------------
def gate(tx: Transaction, project_id: str, flow: Workflow | None = None) -> dict[str, Any] | None:
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


def edit_adjustment(
    tx: Transaction,
    actor: Actor,
    adjustment: dict[str, Any],
    apply_change: Any,
    reason: str,
    read_version: int,
) -> int:
    """Change the open adjustment's draft (``apply_change(project)`` edits it in place) if
    ``read_version`` is still its version; returns the new version. Audited."""
    if adjustment["version"] != read_version:
        raise ConflictError(
            f"调整稿已被他人修改（当前第 {adjustment['version']} 版，"
            f"你读取的是第 {read_version} 版）",
            expected="重新读取后再改",
        )
    project = project_from_dict(json.loads(adjustment["content"]))
    before = project_to_dict(project)
    apply_change(project)
    after = project_to_dict(project)
    if before == after:
        raise InputError("没有要修改的内容", expected="与当前版本不同的新值")
    version = int(adjustment["version"]) + 1
    if not tx.workflow().update_adjustment(
        adjustment["id"],
        read_version,
        version=version,
        content=json.dumps(after, ensure_ascii=False, sort_keys=True),
    ):
        raise ConflictError("调整稿已被他人修改", expected="重新读取后再改")
    tx.audit(
        actor,
        "修改调整稿",
        f"项目 {project.id}（{project.name}）",
        detail={
            "adjustment": adjustment["id"],
            "version": version,
            "reason": reason,
            "before": {k: v for k, v in before.items() if after.get(k) != v},
            "after": {k: v for k, v in after.items() if before.get(k) != v},
        },
    )
    return version


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
    with repo.transaction("流转") as tx:
        full = _located(tx, project_id)
        rows = tx.workflow()
        place = _place(rows, who, full)
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
            _stale(tx, full, place, adjustment, read_version, current)
        moved = _move(tx, who, rules, chosen, place, item, adjustment, comment, ruleset)
        _notify(tx, rules, policy or load_policy(), who, place, chosen, moved, item, comment)
    return moved


def _stale(
    tx: Transaction, project_id: str, place: Any, adjustment: Any, read: int, current: int
) -> None:
    """A stale read is a conflict if the project changed since ``read`` (another project of
    the same document changing meanwhile is no reason to refuse)."""
    if adjustment is not None or read > current or read < 1:
        raise ConflictError(
            f"项目已被他人修改（当前第 {current} 版，你读取的是第 {read} 版）",
            expected="重新读取后再操作",
        )
    try:
        then = tx.load_version(place.document_id, read).project(project_id)
    except NotFoundError:
        then = None
    now = tx.load(place.document_id).project(project_id)
    if then is None or now is None or project_to_dict(then[1]) != project_to_dict(now[1]):
        raise ConflictError(
            f"项目已被他人修改（当前第 {current} 版，你读取的是第 {read} 版）",
            expected="重新读取后再操作",
        )


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
            effective = _make_effective(tx, who.actor, place, adjustment, ruleset)
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


def _make_effective(
    tx: Transaction, actor: Actor, place: Any, adjustment: dict[str, Any], ruleset: Ruleset | None
) -> int:
    """The adjustment's content becomes the project's: a new version of the document (the
    one before stays readable), reviewed again."""
    state = tx.check_version(place.document_id, place.document_version)
    doc = tx.load(place.document_id)
    new = project_from_dict(json.loads(adjustment["content"]))
    for unit in doc.units:
        for n, project in enumerate(unit.projects):
            if project.id == place.project_uid:
                unit.projects[n] = new
    sha = canonical_sha256({**to_dict(doc), "source": None, "adjustment": adjustment["id"]})
    if doc.source is not None:
        from dataclasses import replace

        doc.source = replace(doc.source, sha256=sha)
    version = tx.replace(
        place.document_id,
        doc,
        sha,
        read_version=state.version,
        actor=actor,
        reason=f"调整生效（{adjustment['reason_kind']}）：{adjustment['reason']}",
    )
    rules = ruleset or load_ruleset()
    tx.save_findings(place.document_id, review(doc, rules), rules.name)
    return version


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
def recipients(rows: Any, policy: Policy, permission: str, place: Any) -> list[Any]:
    """Active accounts holding ``permission`` whose scope holds the project."""
    roles = [k for k, r in policy.roles.items() if permission in r.permissions]
    out = []
    for r in rows.recipients(roles):
        roots = r.scopes or (frozenset({r.org_id}) if r.org_id is not None else frozenset())
        if roots and in_scope(rows.subtree(roots), place):
            out.append(r)
    return out


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
def _adjustment_view(rules: Workflow, a: dict[str, Any]) -> AdjustmentView:
    return AdjustmentView(
        a["id"],
        a["reason_kind"],
        a["reason"],
        a["state"],
        rules.state_name(a["state"]),
        a["version"],
        a["base_version"],
        a["effective_version"],
        a["opened_at"],
        a["opened_by"],
        a["closed_at"],
        a["result"],
    )


def project_workflow(
    repo: WorkflowRepo, who: Acting, project_id: str, flow: Workflow | None = None
) -> ProjectWorkflow:
    """The project's state, the actions open to ``who`` now, its timeline and adjustments."""
    rules = flow or load_workflow()
    with repo.workflow_rows() as rows:
        place = _place(rows, who, _full_id(repo, project_id))
        item = rows.item(place.project_uid)
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


def _full_id(repo: WorkflowRepo, project_id: str) -> str:
    if len(project_id) == 36:
        return project_id
    with repo.transaction("查询") as tx:  # a prefix: resolved as edits resolve it
        return _located(tx, project_id)


# -- adjustments -----------------------------------------------------------------------------------
def start_adjustment(
    repo: WorkflowRepo,
    who: Acting,
    project_id: str,
    reason_kind: str,
    reason: str,
    *,
    flow: Workflow | None = None,
) -> AdjustmentView:
    """Open an adjustment of an approved project: its draft starts as the current content
    and goes through the same approval; at most one open per project."""
    rules = flow or load_workflow()
    if reason_kind not in rules.adjustment.reasons:
        raise InputError(
            f"未知的调整原因：{reason_kind}", expected="、".join(rules.adjustment.reasons)
        )
    if not reason.strip():
        raise InputError("发起调整须说明理由", expected="reason：调整的内容和理由")
    if not who.can(SUBMIT):
        raise PermissionDenied(f"{who.actor.name} 无权发起调整（需要权限：{SUBMIT}）")
    with repo.transaction("发起调整") as tx:
        full = _located(tx, project_id)
        rows = tx.workflow()
        place = _place(rows, who, full)
        tx.state(place.document_id, lock=True)
        item = rows.item(full, lock=True)
        state = rules.initial if item is None else item.state
        if item is not None and item.adjustment_id is not None:
            raise WrongStateError(
                "该项目已有进行中的调整，每个项目同时只能有一个",
                expected="完成或撤销当前的调整后再发起",
            )
        if state not in rules.adjustment.open_from:
            raise WrongStateError(
                f"项目处于“{rules.state_name(state)}”状态，不能发起调整",
                expected="已批复或已公开的项目",
            )
        found = tx.load(place.document_id).project(full)
        assert found is not None
        content = json.dumps(project_to_dict(found[1]), ensure_ascii=False, sort_keys=True)
        at = stamp(now_utc())
        adjustment_id = rows.insert_adjustment(
            project_uid=full,
            reason_kind=reason_kind,
            reason=reason.strip(),
            state=rules.initial,
            content=content,
            version=1,
            base_version=place.document_version,
            opened_at=at,
            opened_by=who.actor.name,
        )
        assert item is not None
        rows.put_item(
            full, True, adjustment_id=adjustment_id, updated_at=at, updated_by=who.actor.name
        )
        rows.log(
            project_uid=full,
            adjustment_id=adjustment_id,
            at=at,
            actor=who.actor.name,
            actor_id=who.actor.user_id,
            action="adjust",
            from_state=state,
            to_state=rules.initial,
            comment=f"{reason_kind}：{reason.strip()}",
            document_version=place.document_version,
            round=item.round,
        )
        tx.audit(
            who.actor,
            "发起调整",
            f"项目 {full}（{place.project_name}）",
            detail={
                "adjustment": adjustment_id,
                "reason_kind": reason_kind,
                "reason": reason.strip(),
                "document": place.document_id,
                "version": place.document_version,
            },
        )
        opened = rows.adjustment(adjustment_id)
    return _adjustment_view(rules, opened)


def adjustment_project(repo: WorkflowRepo, who: Acting, project_id: str) -> Any:
    """The open adjustment's draft of the project (a :class:`~jixiao.model.Project`) and its
    version, or ``None``."""
    with repo.workflow_rows() as rows:
        place = _place(rows, who, project_id)
        found = rows.open_adjustment(place.project_uid)
    if found is None:
        return None
    return project_from_dict(json.loads(found["content"])), int(found["version"])
