"""Documents: save (reviewed, audited), new versions with ids carried over, edits of a
project under optimistic locking, soft delete, publication, re-review, versions compared.

Review runs here and only here (:func:`review_one`, :func:`rereview`): the loader, the
command line and the web app call these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..compare import Comparison, compare
from ..errors import DuplicateError, InputError, JixiaoError, NotFoundError, PermissionDenied
from ..framework import load_framework
from ..interchange import document_sha256, edited_sha256, project_to_dict
from ..model import (
    FUND_FIELDS,
    FUND_LABELS,
    Document,
    Indicator,
    Level,
    Project,
    Target,
    assign_ids,
    new_id,
    year_label,
)
from ..review import Finding, Ruleset, load_ruleset, review
from ..review.engine import review_project
from ..targets import type_target
from ..workflow import Workflow
from .actor import Actor
from .repository import DocumentState, Repository, SaveResult, Transaction

STATUSES = ("draft", "published")
"""A document's states; the workflow of the next issue adds to them (a status column)."""


# -- review: the one place it runs --------------------------------------------------------------
def review_one(doc: Document, ruleset: Ruleset | None = None) -> list[Finding]:
    """The findings of one document (corpus rules see just it)."""
    return review(doc, ruleset or load_ruleset())


def rereview(
    repo: Repository,
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
    repo: Repository,
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
    rules = ruleset or load_ruleset() if reviewed else None
    findings = review(doc, rules) if rules is not None else None
    with repo.transaction() as tx:
        tx.claim_identity(doc, document_sha256(doc))
        if replace_existing:
            live = [s for s in tx.matching(document_sha256(doc), doc) if not s.deleted]
            if live and live[0].sha256 != document_sha256(doc):
                carry_ids(tx.load(live[0].id), doc)
                if findings is not None:
                    findings = review(doc, rules)  # the ids changed: name them again
        result = store_document(
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


def store_document(
    tx: Transaction,
    doc: Document,
    *,
    replace: bool,
    findings: Sequence[Finding] | None,
    ruleset: str | None,
    actor: Actor,
    status: str,
    reason: str,
) -> SaveResult:
    """Store ``doc`` within ``tx``: skipped when its sha256 (source bytes, else canonical
    JSON) is already stored (the stored findings are then kept; a deleted document of that
    content is shown again); a different version of the same department, year and kind (a
    department's target table and its self-evaluation of a year are two documents) raises
    :class:`DuplicateError` unless ``replace``, which makes ``doc`` that document's next
    version. ``findings`` (from the review, ``ruleset`` its name) are saved and mapped to
    project and indicator rows by their ids; ``None`` stores the document as not reviewed.
    No audit record: :func:`save` writes it."""
    sha256 = document_sha256(doc)
    assign_ids(doc, sha256)  # a document made by hand gets ids as a reader would give
    tx.claim_identity(doc, sha256)
    found = tx.matching(sha256, doc)
    same = [s for s in found if s.sha256 == sha256]
    if same:
        if same[0].deleted:
            tx.undelete(same[0].id, actor=actor)
            return SaveResult("restored", same[0].id, f"恢复了已删除的文档（编号 {same[0].id}）")
        return SaveResult("skipped", same[0].id, _same_content(same[0], doc))
    live = [s for s in found if not s.deleted]
    if live and not replace:
        source = live[0].source_name
        raise DuplicateError(
            f"{doc.department} {year_label(doc.year)}已有另一版本入库"
            f"（编号 {'、'.join(str(s.id) for s in live)}{'，来源 ' + source if source else ''}）；"
            "要以新版本替换它，请加 --replace"
        )
    if live:
        target = live[0]
        version = tx.replace(
            target.id, doc, sha256, read_version=target.version, actor=actor, reason=reason
        )
        tx.save_findings(target.id, findings, ruleset)
        return SaveResult("replaced", target.id, f"保存为编号 {target.id} 的第 {version} 版")
    document_id = tx.insert(doc, sha256, actor=actor, reason=reason, status=status)
    if findings is not None:
        tx.save_findings(document_id, findings, ruleset)
    return SaveResult("stored", document_id)


def _same_content(stored: DocumentState, doc: Document) -> str:
    """Why a file is skipped; when it was read now as another department or year than the
    stored one (``--year`` given again, say), which is kept and how to correct it."""
    said = f"内容相同的文档已入库（编号 {stored.id}）"
    differs = []
    if stored.department != doc.department:
        differs.append(f"部门“{stored.department}”而非“{doc.department}”")
    if stored.year != doc.year:
        differs.append(f"年度“{year_label(stored.year)}”而非“{year_label(doc.year)}”")
    if not differs:
        return said
    options = (
        ["--department " + doc.department] if stored.department != doc.department else []
    ) + ([f"--year {doc.year}"] if stored.year != doc.year and doc.year is not None else [])
    fix = (
        f"；要更正，请用 jixiao correct {stored.id} {' '.join(options)} --reason 原因"
        if options
        else ""
    )
    return f"{said}，库中为{'，'.join(differs)}，未改动{fix}"


# -- changes to a stored document -------------------------------------------------------------
EDITABLE_PROJECT = ("name", "goal", "period_goal", "goal_result", "code", "period")
EDITABLE_FUNDS = tuple(f"funds.{name}" for name in FUND_FIELDS)
"""The project's money (``funds.total`` …), as decimal text in the document's unit; ""
empties the column."""
EDITABLE_INDICATOR_TEXT = ("name", "deviation", "explanation", "standard", "direction", "measure")
EDITABLE_INDICATOR_TARGETS = ("cycle", "annual", "actual")
EDITABLE_INDICATOR_NUMBERS = ("weight",)
EDITABLE_INDICATOR_CLASS = "level2"
"""An indicator's class, as the code of a 二级指标 of the framework (its 一级 follows)."""
DIRECTIONS = ("正向", "反向")


@dataclass(frozen=True, slots=True)
class ProjectEdit:
    """A change to one project: new values of its texts, and of some of its indicators'
    (``indicators``: indicator id → field → text; targets are typed by the value grammar;
    ``level2`` is a framework code, the 一级 follows it), indicators ``added`` (each a
    field → text mapping like those of ``indicators``, ``level2`` required) and ``removed``
    (ids). Indicators are numbered again in order afterwards."""

    project: dict[str, str]
    indicators: dict[str, dict[str, str]]
    reason: str
    added: list[dict[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Edited:
    document_id: int
    version: int
    project_id: str


def parse_amount(label: str, text: str) -> Decimal | None:
    """A number typed in a form (an amount, a weight): ``None`` for blank, thousands commas
    allowed; :class:`InputError` naming ``label`` otherwise."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or abs(value) >= Decimal("1e15"):
        raise InputError(
            f"{label}应为数字，填写的是“{text.strip()[:40]}”", expected="如 120 或 35.5"
        )
    return value


def framework_level(code: str) -> tuple[Level, Level]:
    """The (一级, 二级) classes of the framework's 二级 ``code``; :class:`InputError` if the
    framework has no such 二级."""
    fw = load_framework()
    found = fw.level2.get(code.strip())
    if found is None or found.parent is None:
        known = "、".join(f"{c.code} {c.name}" for c in fw.level2.values())
        raise InputError(f"指标框架中没有代码为“{code.strip()[:20]}”的二级指标", expected=known)
    parent = fw.level1[found.parent]
    return Level(parent.code, parent.name), Level(found.code, found.name)


def edit_project(
    repo: Repository,
    actor: Actor,
    project_id: str,
    change: ProjectEdit,
    *,
    read_version: int,
    ruleset: Ruleset | None = None,
    allowed: Callable[[int, str], bool] | None = None,
    flow: Workflow | None = None,
) -> Edited:
    """Apply ``change`` to the project as a new version of its document, if the project is
    still as it was at ``read_version`` of the document (else
    :class:`~jixiao.errors.ConflictError`, nothing written: another project of the document
    changed meanwhile is no conflict, as for the workflow's actions); re-reviewed and
    audited (before / after) in the same transaction. Only in an
    editable workflow state (草稿, 已退回); a project with an open adjustment in such a state
    has the adjustment's draft changed instead (``read_version``: the adjustment's version);
    otherwise :class:`~jixiao.errors.WrongStateError` naming the state.
    ``allowed(document_id, unit_id)`` checks the actor's scope."""
    if not change.reason.strip():
        raise InputError("修改须说明原因", expected="reason：为什么修改")
    from .workflow import check_unchanged, edit_adjustment, gate

    rules = ruleset or load_ruleset()
    # the work (change, review) done before taking the write lock, on the current version
    # if the project is as it was at the version read; the transaction checks that version
    # is still current and writes the project's rows only
    ready = _prepare(repo, project_id, change, read_version, rules, allowed)
    with repo.transaction() as tx:
        document_id, full_id = tx.locate_project(project_id)
        doc: Document | None = None
        if ready is None or (ready.document_id, ready.project.id) != (document_id, full_id):
            tx.state(document_id, lock=True)  # other writers of it wait (the load is whole)
            if allowed is not None:  # the scope is the project's unit: read it first
                doc = _holding(tx, document_id, full_id, project_id, allowed)
            ready = None
        # the workflow decides: editable, or its open adjustment's draft, or read-only
        adjusting = gate(tx, full_id, flow)  # ``flow``: the region's table, if any
        if adjusting is not None:
            version = edit_adjustment(tx, actor, adjusting, lambda p: _apply(p, change),
                                      change.reason, read_version)  # fmt: skip
            return Edited(document_id, version, full_id)
        state = tx.state(document_id, lock=True)
        if state.version != read_version:  # other edits came first: of this project, stale
            check_unchanged(tx, document_id, full_id, read_version, state.version)
        if ready is not None and ready.version != state.version:
            ready = None  # worked out on a version since gone: the document-wide rules must
            # see what the others changed, so it is done again, here, on the current one
        if ready is None:
            if doc is None:
                doc = _holding(tx, document_id, full_id, project_id, allowed)
            ready = _edited(document_id, state.version, doc, full_id, change, rules)
        sha = edited_sha256(state.sha256, ready.after)  # of the version the edit is made on
        version = tx.replace_project(document_id, ready.before, ready.project, sha,
                                     read_version=state.version, actor=actor,
                                     reason=change.reason)  # fmt: skip
        tx.save_project_findings(document_id, full_id, ready.rules, ready.findings, rules.name)
        project = ready.project
        tx.audit(actor, "修改项目", f"项目 {project.id}（{project.name}）", detail={
            "document": document_id, "version": version, "reason": change.reason,
            "before": _changed(ready.before, ready.after),
            "after": _changed(ready.after, ready.before),
        })  # fmt: skip
    return Edited(document_id, version, project.id)


def _holding(
    tx: Transaction, document_id: int, full_id: str, project_id: str,
    allowed: Callable[[int, str], bool] | None,
) -> Document:  # fmt: skip
    """The document holding the project, read in the transaction, if ``allowed``."""
    doc: Document = tx.load(document_id)
    found = doc.project(full_id)
    if found is None or (allowed is not None and not allowed(document_id, found[0].id)):
        raise NotFoundError(f"没有编号为 {project_id} 的项目")
    return doc


@dataclass(frozen=True, slots=True)
class _Ready:
    """An edit worked out on the version it was asked of: the project before and after
    (interchange JSON, and the model after), and the findings to store (the project's and
    those of the document-wide ``rules``)."""

    document_id: int
    version: int  # of the document it was worked out on
    before: dict[str, Any]
    after: dict[str, Any]
    project: Project
    findings: list[Finding]
    rules: list[str]


def _edited(
    document_id: int, version: int, doc: Document, full_id: str, change: ProjectEdit,
    rules: Ruleset,
) -> _Ready:  # fmt: skip
    found = doc.project(full_id)
    assert found is not None  # the caller found it
    project = found[1]
    before = project_to_dict(project)
    _apply(project, change)
    after = project_to_dict(project)
    if before == after:
        raise InputError("没有要修改的内容", expected="与当前版本不同的新值")
    findings, whole = review_project(doc, full_id, rules)
    return _Ready(document_id, version, before, after, project, findings, whole)


def _prepare(
    repo: Repository,
    project_id: str,
    change: ProjectEdit,
    read_version: int,
    rules: Ruleset,
    allowed: Callable[[int, str], bool] | None,
) -> _Ready | None:
    """The edit worked out outside the write lock, on the current version if the project
    is still as it was at ``read_version`` (other projects may have changed); ``None``
    otherwise or on any error (the transaction then does it all again, in its order, and
    raises what it should: not found, read-only, stale …)."""
    held = repo.holding(project_id, read_version)  # the project changed: nothing loaded
    if held is None:
        return None
    document_id, version, doc = held
    for unit, project in doc.projects():
        if project.id == project_id or project.id.startswith(project_id):
            if allowed is not None and not allowed(document_id, unit.id):
                return None
            try:
                return _edited(document_id, version, doc, project.id, change, rules)
            except JixiaoError:
                return None
    return None


def _changed(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in a.items() if b.get(k) != v}


def _apply(project: Project, change: ProjectEdit) -> None:
    for name, value in change.project.items():
        if name in EDITABLE_FUNDS:
            key = name.removeprefix("funds.")
            setattr(project.funds, key, parse_amount(FUND_LABELS[key], value))
            continue
        if name not in EDITABLE_PROJECT:
            allowed = EDITABLE_PROJECT + EDITABLE_FUNDS
            raise InputError(f"不能修改项目的 {name}", expected="、".join(allowed))
        if name == "name" and not value.strip():
            raise InputError("项目名称不能为空")
        setattr(project, name, value if value.strip() or name in ("name", "goal") else None)
    by_id = {i.id: i for i in project.indicators}
    for ind_id in change.removed:
        if ind_id not in by_id:
            raise NotFoundError(f"项目中没有编号为 {ind_id} 的指标")
    for ind_id, fields in change.indicators.items():
        ind = by_id.get(ind_id)
        if ind is None:
            raise NotFoundError(f"项目中没有编号为 {ind_id} 的指标")
        _set_fields(ind, fields)
    removed = set(change.removed)
    project.indicators = [i for i in project.indicators if i.id not in removed]
    for fields in change.added:
        code = fields.get(EDITABLE_INDICATOR_CLASS, "")
        level1, level2 = framework_level(code)
        ind = Indicator(0, level1, level2, "", Target(""), Target(""), id=new_id())
        _set_fields(ind, {k: v for k, v in fields.items() if k != EDITABLE_INDICATOR_CLASS})
        project.indicators.append(ind)
    if change.added or change.removed:
        for seq, ind in enumerate(project.indicators, start=1):
            ind.seq = seq


def _set_fields(ind: Indicator, fields: dict[str, str]) -> None:
    for name, value in fields.items():
        if name in EDITABLE_INDICATOR_TARGETS:
            setattr(ind, name, type_target(value) if value.strip() or name != "actual"
                    else None)  # fmt: skip
        elif name in EDITABLE_INDICATOR_TEXT:
            if name == "direction" and value.strip() and value.strip() not in DIRECTIONS:
                raise InputError(f"指标方向应为{'或'.join(DIRECTIONS)}，填写的是“{value[:20]}”")
            setattr(ind, name, value if value.strip() or name == "name" else None)
        elif name in EDITABLE_INDICATOR_NUMBERS:
            setattr(ind, name, parse_amount("分值", value))
        elif name == EDITABLE_INDICATOR_CLASS:
            ind.level1, ind.level2 = framework_level(value)
        else:
            allowed = (EDITABLE_INDICATOR_TEXT + EDITABLE_INDICATOR_TARGETS
                       + EDITABLE_INDICATOR_NUMBERS + (EDITABLE_INDICATOR_CLASS,))  # fmt: skip
            raise InputError(f"不能修改指标的 {name}", expected="、".join(allowed))


def delete(
    repo: Repository, actor: Actor, document_id: int, *, read_version: int | None = None
) -> None:
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
    repo: Repository,
    actor: Actor,
    document_id: int,
    status: str,
    *,
    read_version: int | None = None,
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


def compare_versions(
    repo: Repository, document_id: int, before: int, after: int | None
) -> Comparison:
    """Two versions of one document side by side (``after`` ``None``: the current one)."""
    return compare(repo.load_version(document_id, before), repo.load_version(document_id, after))


def check_publisher(actor: Actor, can_publish: bool) -> None:
    if not can_publish:
        raise PermissionDenied(f"{actor.name} 无权发布文档")


def iter_documents(repo: Repository, ids: Sequence[int]) -> Iterator[Document]:
    for document_id in ids:
        try:
            yield repo.load_version(document_id)
        except NotFoundError:
            continue
