"""The review engine: run the enabled rules of a ruleset over documents, collect findings."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..framework import Framework, load_framework
from ..model import Document, Project, Unit
from .base import RULES, Finding, Hit, ProjectScope
from .ruleset import Ruleset, load_ruleset


class _Ids:
    """The ids of a document's projects and indicators, for findings that name them by unit
    and project name and indicator seq (document and corpus rules): the first of same-named
    ones, as nothing finer is known there."""

    def __init__(self, doc: Document) -> None:
        self.projects: dict[tuple[str, str], Project] = {}
        for unit, project in doc.projects():
            self.projects.setdefault((unit.name, project.name), project)

    def of(self, hit: Hit, project: Project | None = None) -> tuple[str | None, str | None]:
        if project is None and hit.unit is not None and hit.project is not None:
            project = self.projects.get((hit.unit, hit.project))
        if project is None:
            return None, None
        return project.id or None, _indicator_id(project, hit.indicator)


def _indicator_id(project: Project, seq: int | None) -> str | None:
    if seq is None:
        return None
    for ind in project.indicators:
        if ind.seq == seq:
            return ind.id or None
    return None


def _finding(
    rule_id: str, ruleset: Ruleset, hit: Hit, ids: tuple[str | None, str | None] = (None, None)
) -> Finding:
    info = RULES[rule_id]
    return Finding(
        rule=rule_id,
        severity=hit.severity or ruleset.rules[rule_id].severity,
        dimension=info.dimension,
        unit=hit.unit,
        project=hit.project,
        indicator=hit.indicator,
        field=hit.field,
        message=hit.message,
        evidence=hit.evidence,
        project_id=ids[0],
        indicator_id=ids[1],
    )


@dataclass(frozen=True, slots=True)
class _Plan:
    project: list[str]
    document: list[str]
    corpus: list[str]


def _plan(ruleset: Ruleset) -> _Plan:
    enabled = ruleset.enabled()
    return _Plan(
        [r for r in enabled if RULES[r].scope == "project"],
        [r for r in enabled if RULES[r].scope == "document"],
        [r for r in enabled if RULES[r].scope == "corpus"],
    )


def review(
    doc: Document, ruleset: Ruleset | None = None, framework: Framework | None = None
) -> list[Finding]:
    """Every finding for one document (corpus rules see just this document)."""
    return review_documents([doc], ruleset, framework)[0]


def review_documents(
    docs: Sequence[Document],
    ruleset: Ruleset | None = None,
    framework: Framework | None = None,
    timings: dict[str, float] | None = None,
) -> list[list[Finding]]:
    """Findings per document, in document order; corpus rules see all ``docs`` at once.

    ``timings``, if given, receives the seconds spent in ``document`` + ``project`` rules
    (key ``per_document``) and in ``corpus`` rules (key ``corpus``).
    """
    started = time.perf_counter()
    rs = ruleset or load_ruleset()
    fw = framework or load_framework()
    plan = _plan(rs)
    out: list[list[Finding]] = []
    ids = [_Ids(doc) for doc in docs]
    for doc, known in zip(docs, ids, strict=True):
        found = _document_findings(doc, plan, rs, known)
        for unit, project in doc.projects():
            found.extend(_project_findings(doc, unit, project, plan, rs, fw, known))
        out.append(found)
    middle = time.perf_counter()
    for rid in plan.corpus:
        fn, params = RULES[rid].fn, rs.rules[rid].params
        for index, hit in fn(docs, params):
            out[index].append(_finding(rid, rs, hit, ids[index].of(hit)))
    if timings is not None:
        timings["per_document"] = timings.get("per_document", 0.0) + middle - started
        timings["corpus"] = timings.get("corpus", 0.0) + time.perf_counter() - middle
    return out


def _document_findings(doc: Document, plan: _Plan, rs: Ruleset, known: _Ids) -> list[Finding]:
    """The findings of the document rules of ``plan`` on ``doc``."""
    found: list[Finding] = []
    for rid in plan.document:
        fn, params = RULES[rid].fn, rs.rules[rid].params
        found.extend(_finding(rid, rs, hit, known.of(hit)) for hit in fn(doc, params))
    return found


def _project_findings(
    doc: Document,
    unit: Unit,
    project: Project,
    plan: _Plan,
    rs: Ruleset,
    fw: Framework,
    known: _Ids,
) -> list[Finding]:
    """The findings of the project rules of ``plan`` on one project of ``doc``."""
    scope = ProjectScope(doc, unit, project, fw)
    found: list[Finding] = []
    for rid in plan.project:
        fn, params = RULES[rid].fn, rs.rules[rid].params
        for hit in fn(scope, params):
            hit.unit, hit.project = unit.name, project.name
            found.append(_finding(rid, rs, hit, known.of(hit, project)))
    return found


def review_project(
    doc: Document,
    project_id: str,
    ruleset: Ruleset | None = None,
    framework: Framework | None = None,
) -> tuple[list[Finding], list[str]]:
    """After an edit of one project: its findings and those of every rule that looks at the
    whole document (document and corpus rules, cheap, and able to name any project), with
    the ids of those rules. Together with the other projects' stored findings they are what
    :func:`review` gives, since a project rule sees only its own project."""
    rs = ruleset or load_ruleset()
    fw = framework or load_framework()
    plan = _plan(rs)
    known = _Ids(doc)
    found = _document_findings(doc, plan, rs, known)
    for unit, project in doc.projects():
        if project.id == project_id:
            found.extend(_project_findings(doc, unit, project, plan, rs, fw, known))
    for rid in plan.corpus:
        fn, params = RULES[rid].fn, rs.rules[rid].params
        found.extend(_finding(rid, rs, hit, known.of(hit)) for _, hit in fn([doc], params))
    return found, plan.document + plan.corpus
