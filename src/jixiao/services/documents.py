"""Documents: save (reviewed, audited), new versions with ids carried over, edits of a
project under optimistic locking, soft delete, publication, re-review, versions compared.

Review runs here and only here (:func:`review_one`, :func:`rereview`): the loader, the
command line and the web app call these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..compare import Comparison, compare
from ..errors import InputError, NotFoundError, PermissionDenied
from ..interchange import project_to_dict
from ..model import Document, Project
from ..review import Finding, Ruleset, load_ruleset, review
from ..targets import type_target
from .actor import Actor

STATUSES = ("draft", "published")
"""A document's states; the workflow of the next issue adds to them (a status column)."""


# -- review: the one place it runs --------------------------------------------------------------
def review_one(doc: Document, ruleset: Ruleset | None = None) -> list[Finding]:
    """The findings of one document (corpus rules see just it)."""
    return review(doc, ruleset or load_ruleset())


def rereview(
    repo: Any,
    actor: Actor,
    ruleset: Ruleset | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Review every stored document again and replace its findings, one transaction per
    document (read and reviewed inside it, so one replaced meanwhile is never half-done)."""
    rules = ruleset or load_ruleset()
    ids = repo.iter_ids()
    done = 0
    for document_id in ids:
        with repo.transaction() as tx:
            try:
                doc = tx.load(document_id)
            except NotFoundError:
                continue
            found = review(doc, rules)
            tx.save_findings(document_id, found, rules.name)
            tx.audit(
                actor,
                "重新审核",
                f"文档 {document_id}",
                detail={"findings": len(found), "ruleset": rules.name},
            )
        done += 1
        if progress is not None:
            progress(done, len(ids))
    return done


# -- saving ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Saved:
    status: str  # stored, skipped, replaced, restored
    document_id: int
    reason: str
    findings: int | None


def carry_ids(old: Document, new: Document) -> None:
    """Give the projects and indicators of ``new`` (a new version of ``old`` read from a
    file) the ids of those they match in ``old`` (matched as ``jixiao compare`` matches
    them), so links and findings keep pointing at the same project across versions."""
    result = compare(old, new)
    for match in result.projects:
        if match.before is None or match.after is None:
            continue
        match.after.id = match.before.id
        _carry_indicators(match.before, match.after)
    units = {u.name: u.id for u in old.units}
    for unit in new.units:
        unit.id = units.get(unit.name, unit.id)


def _carry_indicators(before: Project, after: Project) -> None:
    by_name: dict[tuple[str, str], str] = {}
    for ind in before.indicators:
        by_name.setdefault((ind.level2.name, ind.name), ind.id)
    used: set[str] = set()
    for ind in after.indicators:
        found = by_name.get((ind.level2.name, ind.name))
        if found and found not in used:
            ind.id = found
            used.add(found)


def save(
    repo: Any,
    doc: Document,
    actor: Actor,
    *,
    replace_existing: bool = False,
    ruleset: Ruleset | None = None,
    reviewed: bool = True,
    publish: bool = False,
    reason: str = "导入",
) -> Saved:
    """Review ``doc`` (unless ``reviewed`` is false), store it (a new document, or with
    ``replace_existing`` the next version of the department's document of that year and kind,
    ids carried over) and audit the import, all in one transaction."""
    from ..store.rows import document_sha256
    from ..store.store import save_in

    rules = ruleset or load_ruleset() if reviewed else None
    findings = review(doc, rules) if rules is not None else None
    with repo.transaction() as tx:
        if replace_existing:
            live = [s for s in tx.matching(document_sha256(doc), doc) if not s.deleted]
            if live and live[0].sha256 != document_sha256(doc):
                carry_ids(tx.load(live[0].id), doc)
                if findings is not None:
                    findings = review(doc, rules)  # the ids changed: name them again
        result = save_in(
            tx, doc, replace=replace_existing, findings=findings,
            ruleset=None if rules is None else rules.name, actor=actor,
            status="published" if publish else "draft", reason=reason,
        )  # fmt: skip
        if result.status != "skipped":
            tx.audit(
                actor,
                {"stored": "导入", "replaced": "导入新版本", "restored": "恢复"}[result.status],
                f"文档 {result.document_id}",
                detail={
                    "department": doc.department, "year": doc.year, "kind": doc.kind,
                    "source": None if doc.source is None else doc.source.name,
                    "result": result.reason, "published": publish,
                },
            )  # fmt: skip
        if publish and result.status in ("skipped", "replaced", "restored"):
            state = tx.state(result.document_id)
            if state.status != "published":
                tx.set_status(result.document_id, "published", read_version=state.version,
                              actor=actor)  # fmt: skip
                tx.audit(actor, "发布", f"文档 {result.document_id}",
                         detail={"before": state.status, "after": "published"})  # fmt: skip
    counted = None if findings is None or result.status == "skipped" else len(findings)
    return Saved(result.status, result.document_id, result.reason, counted)


# -- changes to a stored document -------------------------------------------------------------
EDITABLE_PROJECT = ("name", "goal", "period_goal", "goal_result")
EDITABLE_INDICATOR_TEXT = ("name", "deviation", "explanation", "standard")
EDITABLE_INDICATOR_TARGETS = ("cycle", "annual", "actual")


@dataclass(frozen=True, slots=True)
class ProjectEdit:
    """A change to one project: new values of its texts, and of some of its indicators'
    (``indicators``: indicator id → field → text; targets are typed by the value grammar)."""

    project: dict[str, str]
    indicators: dict[str, dict[str, str]]
    reason: str


@dataclass(frozen=True, slots=True)
class Edited:
    document_id: int
    version: int
    project_id: str


def edit_project(
    repo: Any,
    actor: Actor,
    project_id: str,
    change: ProjectEdit,
    *,
    read_version: int,
    ruleset: Ruleset | None = None,
    allowed: Callable[[int, str], bool] | None = None,
) -> Edited:
    """Apply ``change`` to the project as a new version of its document, if ``read_version``
    is still the document's version (else :class:`~jixiao.errors.ConflictError`, nothing
    written); re-reviewed and audited (before / after) in the same transaction.
    ``allowed(document_id, unit_id)`` checks the actor's scope."""
    from ..store.rows import document_sha256

    if not change.reason.strip():
        raise InputError("修改须说明原因", expected="reason：为什么修改")
    view = repo.project(project_id)
    with repo.transaction() as tx:
        doc = tx.load(view.document_id)
        found = doc.project(view.id)
        if found is None:
            raise NotFoundError(f"没有编号为 {project_id} 的项目")
        unit, project = found
        if allowed is not None and not allowed(view.document_id, unit.id):
            raise NotFoundError(f"没有编号为 {project_id} 的项目")
        before = project_to_dict(project)
        _apply(project, change)
        if doc.source is not None:
            doc.source = replace(doc.source, sha256=_edited_sha(doc))
        sha = document_sha256(doc) if doc.source is None else doc.source.sha256
        version = tx.replace(view.document_id, doc, sha, read_version=read_version, actor=actor,
                             reason=change.reason)  # fmt: skip
        rules = ruleset or load_ruleset()
        tx.save_findings(view.document_id, review(doc, rules), rules.name)
        tx.audit(actor, "修改项目", f"项目 {project.id}（{project.name}）", detail={
            "document": view.document_id, "version": version, "reason": change.reason,
            "before": _changed(before, project_to_dict(project)),
            "after": _changed(project_to_dict(project), before),
        })  # fmt: skip
    return Edited(view.document_id, version, project.id)


def _edited_sha(doc: Document) -> str:
    """An edited document's content hash (its source file's no longer describes it)."""
    import hashlib
    import json

    from ..interchange import to_dict

    data = to_dict(doc)
    data["source"] = None
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _changed(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in a.items() if b.get(k) != v}


def _apply(project: Project, change: ProjectEdit) -> None:
    for name, value in change.project.items():
        if name not in EDITABLE_PROJECT:
            raise InputError(f"不能修改项目的 {name}", expected="、".join(EDITABLE_PROJECT))
        if name == "name" and not value.strip():
            raise InputError("项目名称不能为空")
        setattr(project, name, value)
    by_id = {i.id: i for i in project.indicators}
    for ind_id, fields in change.indicators.items():
        ind = by_id.get(ind_id)
        if ind is None:
            raise NotFoundError(f"项目中没有编号为 {ind_id} 的指标")
        for name, value in fields.items():
            if name in EDITABLE_INDICATOR_TARGETS:
                setattr(ind, name, type_target(value) if value.strip() or name != "actual"
                        else None)  # fmt: skip
            elif name in EDITABLE_INDICATOR_TEXT:
                setattr(ind, name, value)
            else:
                allowed = EDITABLE_INDICATOR_TEXT + EDITABLE_INDICATOR_TARGETS
                raise InputError(f"不能修改指标的 {name}", expected="、".join(allowed))


def delete(repo: Any, actor: Actor, document_id: int, *, read_version: int | None = None) -> None:
    """Delete a document softly (hidden everywhere, kept with every version), audited."""
    with repo.transaction("删除") as tx:
        state = tx.state(document_id)
        if state.deleted:
            raise NotFoundError(f"编号为 {document_id} 的文档已删除")
        tx.soft_delete(document_id, read_version=read_version or state.version, actor=actor)
        tx.audit(actor, "删除文档", f"文档 {document_id}", detail={
            "before": {"department": state.department, "year": state.year, "kind": state.kind,
                       "version": state.version, "status": state.status},
            "after": {"deleted": True},
        })  # fmt: skip


def set_status(
    repo: Any, actor: Actor, document_id: int, status: str, *, read_version: int | None = None
) -> None:
    """Publish (``published``) or withdraw (``draft``) a document, audited."""
    if status not in STATUSES:
        raise InputError(f"未知的状态：{status}", expected="、".join(STATUSES))
    with repo.transaction() as tx:
        state = tx.state(document_id)
        if state.deleted:
            raise NotFoundError(f"编号为 {document_id} 的文档已删除")
        if state.status == status:
            return
        tx.set_status(document_id, status, read_version=read_version or state.version,
                      actor=actor)  # fmt: skip
        tx.audit(actor, "发布" if status == "published" else "撤回发布", f"文档 {document_id}",
                 detail={"before": state.status, "after": status})  # fmt: skip


def compare_versions(repo: Any, document_id: int, before: int, after: int | None) -> Comparison:
    """Two versions of one document side by side (``after`` ``None``: the current one)."""
    return compare(repo.load_version(document_id, before), repo.load_version(document_id, after))


def check_publisher(actor: Actor, can_publish: bool) -> None:
    if not can_publish:
        raise PermissionDenied(f"{actor.name} 无权发布文档")


def iter_documents(repo: Any, ids: Sequence[int]) -> Iterator[Document]:
    for document_id in ids:
        try:
            yield repo.load_version(document_id)
        except NotFoundError:
            continue
