"""What the project page shows an account working on the project (the workflow desk): its
place in the workflow (state, version, the actions open to the account, the timeline), the
rule findings with this round's dispositions, the comments with their answers, and what
changed since the last round; and what the edit form edits (the project, or its open
adjustment's draft), or why it may not.

Read-only: one call per page, each part read through the service that owns it
(:mod:`.workflow`, :mod:`.reviewing`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..interchange import project_from_dict
from ..model import Project
from ..review import Finding
from ..workflow import Workflow, load_workflow
from . import reviewing
from .acting import Acting, WorkflowRepo, located, project_place
from .workflow import ProjectWorkflow, full_id, gate, workflow_at


@dataclass(frozen=True, slots=True)
class Desk:
    """The project page's workflow panel for one account."""

    workflow: ProjectWorkflow
    findings: list[reviewing.FindingView]
    comments: list[reviewing.Comment]
    changes: reviewing.Changes
    dispositions: list[str]
    adjustment_reasons: list[str]

    @property
    def to_change(self) -> list[reviewing.FindingView]:
        """What the submitter must or should change: the findings disposed otherwise than 通过."""
        return [f for f in self.findings if f.disposition and f.disposition != "通过"]

    @property
    def open_comments(self) -> int:
        """Comments of the current round without an answer."""
        return sum(1 for c in self.comments if c.round == self.workflow.round and not c.answers)


def project_desk(
    repo: WorkflowRepo,
    who: Acting,
    project_id: str,
    flow: Workflow | None = None,
    stored: Sequence[Finding] | None = None,
) -> Desk:
    """The workflow panel of the project for ``who`` (:class:`NotFoundError` outside their
    scope); ``stored``: the project's stored findings, if the caller has read them."""
    rules = flow or load_workflow()
    # The project's place (and so the scope check) and its workflow rows are read once, on
    # one connection, for every part of the panel: the page is the busiest one a reviewer has.
    with repo.workflow_rows() as rows:
        place = project_place(rows, who, full_id(repo, project_id))
        item = rows.item(place.project_uid)
        state = workflow_at(rows, who, place, item, rules)
        given = rows.dispositions(place.project_uid, 0 if item is None else int(item.round))
        comments = reviewing.comments_of(rows.comments(place.project_uid))
    return Desk(
        state,
        reviewing.findings_at(repo, place.project_uid, given, stored),
        comments,
        reviewing.changes_at(repo, place, item),
        list(rules.dispositions),
        list(rules.adjustment.reasons),
    )


@dataclass(frozen=True, slots=True)
class Editing:
    """What the edit form edits: the open adjustment's draft (``draft``, ``version`` its
    version, ``adjustment`` its id) or, when ``draft`` is None, the project as stored."""

    draft: Project | None
    version: int | None
    adjustment: int | None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class _Reading:
    """Workflow rows on a read connection, as :func:`gate` reads them from a transaction."""

    rows: Any

    def workflow(self) -> Any:
        return self.rows


def editing(
    repo: WorkflowRepo, who: Acting, project_id: str, flow: Workflow | None = None
) -> Editing:
    """What ``who`` edits of the project now, or :class:`WrongStateError` saying plainly why
    the project may not be changed (sent for review, approved)."""
    if len(project_id) == 36:  # a full id: read without the write lock (the save checks again)
        with repo.workflow_rows() as rows:
            project_place(rows, who, project_id)
            found: dict[str, Any] | None = gate(_Reading(rows), project_id, flow or load_workflow())
    else:
        with repo.transaction("查询") as tx:
            full = located(tx, project_id)
            project_place(tx.workflow(), who, full)
            found = gate(tx, full, flow or load_workflow())
    if found is None:
        return Editing(None, None, None)
    draft = project_from_dict(json.loads(found["content"]))
    return Editing(
        draft, int(found["version"]), int(found["id"]), f"{found['reason_kind']}：{found['reason']}"
    )


@dataclass(frozen=True, slots=True)
class OldVersion:
    """The project as it was in version ``version`` of its document (``current``: the
    document's version now)."""

    project: Project
    project_id: str
    document_id: int
    department: str
    unit: str
    version: int
    current: int


def project_version(repo: WorkflowRepo, who: Acting, project_id: str, version: int) -> OldVersion:
    """The project as stored in ``version`` of its document (every earlier version stays
    readable: an adjustment's or an edit's "before"); :class:`NotFoundError` if the project
    is not in that version or not in ``who``'s scope."""
    from ..errors import NotFoundError

    with repo.workflow_rows() as rows:
        place = project_place(rows, who, project_id)
    if version > place.document_version:
        raise NotFoundError(
            f"文档没有第 {version} 版（当前第 {place.document_version} 版）",
            expected=f"1 至 {place.document_version}",
        )
    found = repo.load_version(place.document_id, version).project(place.project_uid)
    if found is None:
        raise NotFoundError(f"第 {version} 版中没有这个项目", expected="项目加入文档之后的版本")
    unit, project = found
    return OldVersion(
        project,
        place.project_uid,
        place.document_id,
        place.department,
        unit.name,
        version,
        place.document_version,
    )
