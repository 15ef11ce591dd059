"""调整: an approved project changed through its own draft, which goes through the same
approval as the project did (:mod:`.workflow`); at most one open per project. On the table's
``effective_on`` state (终审) its content becomes the project's current version (a new
version of the document; the one before stays readable) and it is closed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import ConflictError, InputError, PermissionDenied, WrongStateError
from ..interchange import canonical_sha256, project_from_dict, project_to_dict, to_dict
from ..review import Ruleset, load_ruleset, review
from ..workflow import Workflow, load_workflow
from .accounts import now_utc, stamp
from .acting import SUBMIT, Acting, WorkflowRepo, acting_on, project_place
from .actor import Actor
from .repository import Transaction


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
            f"调整稿已被他人修改（当前为第 {adjustment['version']} 版，"
            f"您读取的是第 {read_version} 版）；未保存任何内容",
            expected="重新读取最新版本后再修改",
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


def make_effective(
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
    with acting_on(repo, who, project_id, "发起调整") as (tx, rows, full, place):
        tx.state(place.document_id, lock=True)
        item = rows.item(full, lock=True)
        state = rules.initial if item is None else item.state
        if item is not None and item.adjustment_id is not None:
            raise WrongStateError(
                "该项目已有进行中的调整，每个项目同时只能有一个",
                expected="当前的调整终审生效或撤销后再发起",
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
        rows.put_item(
            full,
            item is not None,
            **({} if item is not None else {"state": state, "round": 0}),
            adjustment_id=adjustment_id,
            updated_at=at,
            updated_by=who.actor.name,
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
            round=0 if item is None else item.round,
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
        place = project_place(rows, who, project_id)
        found = rows.open_adjustment(place.project_uid)
    if found is None:
        return None
    return project_from_dict(json.loads(found["content"])), int(found["version"])


def cancel_adjustment(
    repo: WorkflowRepo, who: Acting, project_id: str, reason: str, *, flow: Workflow | None = None
) -> AdjustmentView:
    """撤销调整: the unit closes its open adjustment while the draft is still its own (an
    editable state: not sent, or returned); the approved version stays current."""
    rules = flow or load_workflow()
    if not who.can(SUBMIT):
        raise PermissionDenied(f"{who.actor.name} 无权撤销调整（需要权限：{SUBMIT}）")
    if not reason.strip():
        raise InputError("撤销调整须说明理由", expected="reason：为什么撤销")
    with acting_on(repo, who, project_id, "撤销调整") as (tx, rows, full, place):
        tx.state(place.document_id, lock=True)
        item = rows.item(full, lock=True)
        open_ = (
            None
            if item is None or item.adjustment_id is None
            else rows.adjustment(item.adjustment_id)
        )
        if open_ is None:
            raise WrongStateError("该项目没有进行中的调整", expected="先发起调整")
        if not rules.editable(open_["state"]):
            raise WrongStateError(
                f"调整处于“{rules.state_name(open_['state'])}”状态，不能撤销",
                expected="草稿或已退回的调整（已送审的先取消送审）",
            )
        at = stamp(now_utc())
        rows.update_adjustment(open_["id"], None, closed_at=at, result="已撤销")
        rows.put_item(full, True, adjustment_id=None, updated_at=at, updated_by=who.actor.name)
        rows.log(
            project_uid=full,
            adjustment_id=open_["id"],
            at=at,
            actor=who.actor.name,
            actor_id=who.actor.user_id,
            action="adjust_cancel",
            from_state=open_["state"],
            to_state=item.state,
            comment=reason.strip(),
            document_version=place.document_version,
            round=item.round,
        )
        tx.audit(
            who.actor,
            "撤销调整",
            f"项目 {full}（{place.project_name}）",
            detail={"adjustment": open_["id"], "reason": reason.strip()},
        )
        closed = rows.adjustment(open_["id"])
    return _adjustment_view(rules, closed)
