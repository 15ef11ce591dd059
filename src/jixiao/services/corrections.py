"""Corrections of what a reader got wrong about a whole stored document — its budget year,
its department's name, its money unit — made as the document's next version (the one before
stays readable), re-reviewed and audited in one transaction.

Reading the file again cannot do this: its content is already stored, so a second ingest is
skipped as the same document whatever ``--year`` says. The corrected version keeps the
file's fingerprint, so ingesting the file once more still finds it stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import DuplicateError, InputError, NotFoundError
from ..model import MONEY_FACTORS, Document, year_label
from ..review import Ruleset, load_ruleset, review
from .actor import Actor
from .repository import DocumentState, Repository

CORRECTABLE = {"year": "年度", "department": "部门名称", "money_unit": "金额单位"}
"""What a correction may change, with each field's name for people."""


@dataclass(frozen=True, slots=True)
class Correction:
    """New values for a document (``None``: unchanged) and why they are right."""

    reason: str
    year: int | None = None
    department: str | None = None
    money_unit: str | None = None

    def values(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in CORRECTABLE if getattr(self, k) is not None}


@dataclass(frozen=True, slots=True)
class Plan:
    """What a correction would change: the document as it stands (its state, to detect a
    change made meanwhile) and each field's value before and after."""

    state: DocumentState
    changes: dict[str, tuple[Any, Any]]

    def describe(self) -> list[str]:
        """One line per change, for people: ``年度：年度未注明 → 2024年度``."""
        return [
            f"{CORRECTABLE[k]}：{_shown(k, a)} → {_shown(k, b)}"
            for k, (a, b) in self.changes.items()
        ]


@dataclass(frozen=True, slots=True)
class Corrected:
    document_id: int
    version: int
    changes: dict[str, tuple[Any, Any]]


def _shown(name: str, value: Any) -> str:
    return year_label(value) if name == "year" else str(value)


def _check(change: Correction) -> dict[str, Any]:
    values = change.values()
    if not values:
        raise InputError("没有要更正的内容", expected="新的年度、部门名称或金额单位")
    if not change.reason.strip():
        raise InputError("更正须说明原因", expected="为什么原来的值不对")
    if "department" in values:
        values["department"] = values["department"].strip()
        if not values["department"]:
            raise InputError("部门名称不能为空")
    if "money_unit" in values:
        values["money_unit"] = values["money_unit"].strip()
        if values["money_unit"] not in MONEY_FACTORS:
            raise InputError(
                f"不认识的金额单位：{values['money_unit']}", expected="、".join(MONEY_FACTORS)
            )
    return values


def _diff(doc: Document, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {k: (getattr(doc, k), v) for k, v in values.items() if getattr(doc, k) != v}


def current(repo: Repository, document_id: int) -> DocumentState:
    """The live document ``document_id`` as it stands (to name it before deleting it);
    :class:`NotFoundError` if there is none or it is deleted."""
    with repo.transaction("读取") as tx:
        state = tx.state(document_id)
    if state.deleted:
        raise NotFoundError(f"编号为 {document_id} 的文档已删除")
    return state


def plan(repo: Repository, document_id: int, change: Correction) -> Plan:
    """What ``change`` would do to the live document ``document_id`` (nothing is written):
    for a confirmation before :func:`correct`. :class:`InputError` if it changes nothing."""
    values = _check(change)
    with repo.transaction("读取") as tx:
        state = tx.state(document_id)
        if state.deleted:
            raise NotFoundError(f"编号为 {document_id} 的文档已删除")
        changes = _diff(tx.load(document_id), values)
    if not changes:
        raise InputError(f"编号为 {document_id} 的文档已是这些值，没有要更正的内容")
    return Plan(state, changes)


def correct(
    repo: Repository,
    actor: Actor,
    document_id: int,
    change: Correction,
    *,
    read_version: int | None = None,
    ruleset: Ruleset | None = None,
) -> Corrected:
    """Store the document with ``change`` applied as its next version — if ``read_version``
    (when given) is still its version, else :class:`~jixiao.errors.ConflictError` — reviewed
    again and audited (before / after, reason), all in one transaction. Refused with
    :class:`DuplicateError` when another live document already has the department, year and
    kind the correction would give it."""
    values = _check(change)
    with repo.transaction("更正") as tx:
        state = tx.state(document_id)
        if state.deleted:
            raise NotFoundError(f"编号为 {document_id} 的文档已删除")
        tx.check_version(document_id, read_version or state.version)
        doc = tx.load(document_id)
        changes = _diff(doc, values)
        if not changes:
            raise InputError(f"编号为 {document_id} 的文档已是这些值，没有要更正的内容")
        for name, (_, after) in changes.items():
            setattr(doc, name, after)
        tx.claim_identity(doc, state.sha256)
        others = [
            s for s in tx.matching(state.sha256, doc) if s.id != document_id and not s.deleted
        ]
        if others:
            raise DuplicateError(
                f"{doc.department} {year_label(doc.year)}已有另一文档（编号 "
                f"{'、'.join(str(s.id) for s in others)}）；更正后两者将无法区分",
                expected="先删除或更正那一份（jixiao delete / jixiao correct）",
            )
        reason = f"更正：{change.reason.strip()}"
        version = tx.replace(document_id, doc, state.sha256, read_version=state.version,
                             actor=actor, reason=reason)  # fmt: skip
        rules = ruleset or load_ruleset()
        tx.save_findings(document_id, review(doc, rules), rules.name)
        tx.audit(actor, "更正文档", f"文档 {document_id}", detail={
            "version": version, "reason": change.reason.strip(),
            "before": {k: a for k, (a, _) in changes.items()},
            "after": {k: b for k, (_, b) in changes.items()},
        })  # fmt: skip
    return Corrected(document_id, version, changes)
