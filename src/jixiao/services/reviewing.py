"""Reviewing a project in the workflow: the reviewer's disposition of each review finding
(强制调整 / 建议调整 / 通过, with a comment), comments on the project, any of its fields or
indicators, the submitter's answers, and what changed since the last round.

Dispositions and comments belong to the round (the number of times the project was sent),
so the next round starts clean and the earlier ones stay readable. Each write is one
transaction with its audit record; who may: a reviewer (``documents.review``) in scope for
dispositions and comments, the submitter (``workflow.submit``) in scope for answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, NotFoundError, PermissionDenied, WrongStateError
from ..interchange import project_to_dict
from ..model import Project
from ..review import Finding
from ..workflow import Workflow, load_workflow
from .accounts import now_utc, stamp
from .acting import (
    SUBMIT,
    Acting,
    WorkflowRepo,
    acting_on,
    located,
    project_place,
    recipients,
)
from .documents import EDITABLE_FUNDS, EDITABLE_PROJECT

REVIEW = "documents.review"


def finding_key(f: Finding) -> str:
    """A finding's key within a project: its rule, indicator (stable id) and field."""
    return f"{f.rule}|{f.indicator_id or ''}|{f.field or ''}"


@dataclass(frozen=True, slots=True)
class FindingView:
    """A finding of the project with the reviewer's disposition in the current round."""

    key: str
    rule: str
    severity: str
    message: str
    indicator_id: str | None
    field: str | None
    disposition: str | None
    comment: str
    by: str | None


@dataclass(frozen=True, slots=True)
class Disposition:
    finding_key: str
    disposition: str
    comment: str = ""


@dataclass(frozen=True, slots=True)
class Comment:
    id: int
    round: int
    target: str
    field: str | None
    text: str
    at: str
    by: str
    answers: list[Comment]


def _round(rows: Any, project_id: str) -> int:
    item = rows.item(project_id)
    return 0 if item is None else int(item.round)


def findings(
    repo: WorkflowRepo, who: Acting, project_id: str, flow: Workflow | None = None
) -> list[FindingView]:
    """The project's stored review findings with this round's dispositions."""
    with repo.workflow_rows() as rows:
        place = project_place(rows, who, project_id)
        given = rows.dispositions(place.project_uid, _round(rows, place.project_uid))
    return findings_at(repo, place.project_uid, given)


def findings_at(
    repo: WorkflowRepo,
    project_uid: str,
    dispositions: list[Any],
    stored: Sequence[Finding] | None = None,
) -> list[FindingView]:
    """The project's findings with ``dispositions`` (this round's, read by the caller);
    ``stored``: its stored findings, if the caller has them already."""
    given = {d["finding_key"]: d for d in dispositions}
    out = []
    for f in repo.findings(project_id=project_uid) if stored is None else stored:
        key = finding_key(f)
        d = given.get(key)
        out.append(
            FindingView(
                key,
                f.rule,
                str(f.severity),
                f.message,
                f.indicator_id,
                f.field,
                None if d is None else d["disposition"],
                "" if d is None else d["comment"],
                None if d is None else d["by"],
            )
        )
    return out


def dispose(
    repo: WorkflowRepo,
    who: Acting,
    project_id: str,
    given: list[Disposition],
    flow: Workflow | None = None,
) -> int:
    """Record the reviewer's dispositions of findings of the project (this round; a second
    one of the same finding replaces the first). Only while the project awaits review."""
    rules = flow or load_workflow()
    if not who.can(REVIEW):
        raise PermissionDenied(f"{who.actor.name} 无权处理审核意见（需要权限：{REVIEW}）")
    if not given:
        raise InputError("没有要处理的审核意见", expected="至少一条：finding_key、disposition")
    keys = {finding_key(f) for f in repo.findings(project_id=_full(repo, project_id))}
    for d in given:
        if d.disposition not in rules.dispositions:
            raise InputError(
                f"未知的处理意见：{d.disposition}", expected="、".join(rules.dispositions)
            )
        if d.finding_key not in keys:
            raise NotFoundError(
                f"项目没有这条审核意见：{d.finding_key[:120]}", expected="GET …/findings 中的 key"
            )
        if d.disposition != "通过" and not d.comment.strip():
            raise InputError(f"“{d.disposition}”须写明要改什么", expected="comment：修改要求")
    with acting_on(repo, who, project_id, "处理审核意见") as (tx, rows, full, place):
        _reviewing(rules, rows, place.project_uid)
        round_ = _round(rows, full)
        at = stamp(now_utc())
        for d in given:
            rule, indicator, _field = d.finding_key.split("|", 2)
            rows.set_disposition(
                project_uid=full,
                round=round_,
                finding_key=d.finding_key,
                rule=rule,
                indicator_uid=indicator or None,
                disposition=d.disposition,
                comment=d.comment.strip(),
                at=at,
                by=who.actor.name,
            )
        tx.audit(
            who.actor,
            "处理审核意见",
            f"项目 {full}（{place.project_name}）",
            detail={
                "round": round_,
                "dispositions": [[d.finding_key, d.disposition, d.comment] for d in given],
            },
        )
    return len(given)


def _full(repo: WorkflowRepo, project_id: str) -> str:
    with repo.transaction("查询") as tx:
        return located(tx, project_id)


def _reviewing(rules: Workflow, rows: Any, project_id: str) -> None:
    item = rows.item(project_id)
    state = rules.initial if item is None else item.state
    if item is not None and item.adjustment_id is not None:
        state = rows.adjustment(item.adjustment_id)["state"]
    if state not in rules.reviewing():
        raise WrongStateError(
            f"项目处于“{rules.state_name(state)}”状态，不在审核中",
            expected="已送审、尚未批复的项目",
        )


def _target(project: Project, target: str, field: str | None) -> None:
    """Check that a comment's target exists: ``project``, a project field, or an indicator
    of the project (by its stable id), with an optional field of it."""
    if target == "project":
        if field and field not in EDITABLE_PROJECT + EDITABLE_FUNDS:
            raise InputError(
                f"项目没有字段 {field}", expected="、".join(EDITABLE_PROJECT + EDITABLE_FUNDS)
            )
        return
    if not any(i.id == target for i in project.indicators):
        raise NotFoundError(
            f"项目中没有编号为 {target[:40]} 的指标", expected="project 或项目中指标的编号"
        )


def comment(
    repo: WorkflowRepo,
    who: Acting,
    project_id: str,
    target: str,
    text: str,
    *,
    field: str | None = None,
    flow: Workflow | None = None,
) -> int:
    """A reviewer's comment on the project (``target`` ``project``, optionally a ``field``)
    or on one of its indicators (its id); the submitter's unit is notified."""
    rules = flow or load_workflow()
    if not who.can(REVIEW):
        raise PermissionDenied(f"{who.actor.name} 无权提出审核意见（需要权限：{REVIEW}）")
    if not text.strip():
        raise InputError("意见不能为空", expected="text：意见内容")
    with acting_on(repo, who, project_id, "审核意见") as (tx, rows, full, place):
        _reviewing(rules, rows, full)
        found = tx.load(place.document_id).project(full)
        assert found is not None
        _target(found[1], target, field)
        at = stamp(now_utc())
        new = rows.add_comment(
            project_uid=full,
            round=_round(rows, full),
            parent_id=None,
            target=target,
            field=field,
            text=text.strip(),
            at=at,
            by=who.actor.name,
            by_id=who.actor.user_id,
        )
        _tell(
            rows,
            who,
            place,
            "comment",
            f"“{place.project_name}”有新的审核意见：{text.strip()[:200]}",
            SUBMIT,
        )
        tx.audit(
            who.actor,
            "审核意见",
            f"项目 {full}（{place.project_name}）",
            detail={"comment": new, "target": target, "field": field, "text": text.strip()},
        )
    return int(new)


def answer(repo: WorkflowRepo, who: Acting, comment_id: int, text: str) -> int:
    """The submitter's answer to a reviewer's comment; the reviewers are notified."""
    if not who.can(SUBMIT):
        raise PermissionDenied(f"{who.actor.name} 无权答复审核意见（需要权限：{SUBMIT}）")
    if not text.strip():
        raise InputError("答复不能为空", expected="text：答复内容")
    with repo.transaction("答复审核意见") as tx:
        rows = tx.workflow()
        parent = rows.comment(comment_id)
        if parent is None or parent["parent_id"] is not None:
            raise NotFoundError(f"没有编号为 {comment_id} 的审核意见")
        place = project_place(rows, who, parent["project_uid"])
        at = stamp(now_utc())
        new = rows.add_comment(
            project_uid=parent["project_uid"],
            round=parent["round"],
            parent_id=comment_id,
            target=parent["target"],
            field=parent["field"],
            text=text.strip(),
            at=at,
            by=who.actor.name,
            by_id=who.actor.user_id,
        )
        if parent["by_id"] is not None:
            rows.notify(
                [
                    {
                        "user_id": parent["by_id"],
                        "at": at,
                        "kind": "answer",
                        "project_uid": parent["project_uid"],
                        "text": f"“{place.project_name}”的审核意见有答复：{text.strip()[:200]}",
                    }
                ]
            )
        tx.audit(
            who.actor,
            "答复审核意见",
            f"项目 {place.project_uid}（{place.project_name}）",
            detail={"comment": comment_id, "answer": new, "text": text.strip()},
        )
    return int(new)


def _tell(rows: Any, who: Acting, place: Any, kind: str, text: str, permission: str) -> None:
    from .policy import load_policy

    at = stamp(now_utc())
    rows.notify(
        [
            {
                "user_id": r.user_id,
                "at": at,
                "kind": kind,
                "project_uid": place.project_uid,
                "text": text,
            }
            for r in recipients(rows, load_policy(), permission, place)
            if r.user_id != who.actor.user_id
        ]
    )


def comments(repo: WorkflowRepo, who: Acting, project_id: str) -> list[Comment]:
    """Every comment on the project with its answers, oldest first."""
    with repo.workflow_rows() as rows:
        place = project_place(rows, who, project_id)
        found = rows.comments(place.project_uid)
    return comments_of(found)


def comments_of(found: list[Any]) -> list[Comment]:
    """The comment rows ``found`` (oldest first) as comments with their answers."""
    answers: dict[int, list[Comment]] = {}
    for c in found:
        if c["parent_id"] is not None:
            answers.setdefault(c["parent_id"], []).append(
                Comment(
                    c["id"], c["round"], c["target"], c["field"], c["text"], c["at"], c["by"], []
                )
            )
    return [
        Comment(
            c["id"],
            c["round"],
            c["target"],
            c["field"],
            c["text"],
            c["at"],
            c["by"],
            answers.get(c["id"], []),
        )
        for c in found
        if c["parent_id"] is None
    ]


# -- what changed since the last round ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class IndicatorChange:
    id: str
    name: str
    status: str  # added, removed, changed
    fields: list[FieldChange]


@dataclass(frozen=True, slots=True)
class Changes:
    """The project as sent in the previous round (``before_version``) against now."""

    project_id: str
    before_version: int | None
    after_version: int
    project: list[FieldChange]
    indicators: list[IndicatorChange]

    @property
    def empty(self) -> bool:
        return not self.project and not self.indicators


def _diff(a: dict[str, Any], b: dict[str, Any], skip: set[str]) -> list[FieldChange]:
    return [
        FieldChange(k, a.get(k), b.get(k))
        for k in sorted(set(a) | set(b))
        if k not in skip and a.get(k) != b.get(k)
    ]


def changes(repo: WorkflowRepo, who: Acting, project_id: str) -> Changes:
    """What changed in the project between the version sent in the previous round and now,
    field by field, indicators matched by their stable ids (a renamed indicator is a change,
    not a removal and an addition)."""
    with repo.workflow_rows() as rows:
        place = project_place(rows, who, project_id)
        item = rows.item(place.project_uid)
    return changes_at(repo, place, item)


def changes_at(repo: WorkflowRepo, place: Any, item: Any) -> Changes:
    """:func:`changes` of a project whose place and workflow item the caller has read."""
    project_id = place.project_uid
    before_version = None if item is None else item.previous_version
    if before_version is None:  # never sent twice: nothing to compare (and nothing loaded)
        return Changes(place.project_uid, None, place.document_version, [], [])
    now = repo.load_version(place.document_id).project(place.project_uid)
    if now is None:
        raise NotFoundError(f"没有编号为 {project_id} 的项目")
    then = repo.load_version(place.document_id, before_version).project(place.project_uid)
    after = project_to_dict(now[1])
    if then is None:
        return Changes(
            place.project_uid,
            before_version,
            place.document_version,
            _diff({}, after, {"indicators"}),
            [],
        )
    before = project_to_dict(then[1])
    old = {i["id"]: i for i in before.get("indicators", [])}
    new = {i["id"]: i for i in after.get("indicators", [])}
    out: list[IndicatorChange] = []
    for key, ind in new.items():
        if key not in old:
            out.append(IndicatorChange(key, ind.get("name", ""), "added", []))
        else:
            fields = _diff(old[key], ind, {"id", "seq"})
            if fields:
                out.append(IndicatorChange(key, ind.get("name", ""), "changed", fields))
    out += [
        IndicatorChange(k, i.get("name", ""), "removed", []) for k, i in old.items() if k not in new
    ]
    return Changes(
        place.project_uid,
        before_version,
        place.document_version,
        _diff(before, after, {"indicators", "id"}),
        out,
    )
