"""The review engine: run the enabled rules of a ruleset over documents, collect findings."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..framework import Framework, load_framework
from ..model import Document
from .base import RULES, Finding, Hit, ProjectScope
from .ruleset import Ruleset, load_ruleset


def _finding(rule_id: str, ruleset: Ruleset, hit: Hit) -> Finding:
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
    for doc in docs:
        found: list[Finding] = []
        for rid in plan.document:
            fn, params = RULES[rid].fn, rs.rules[rid].params
            found.extend(_finding(rid, rs, hit) for hit in fn(doc, params))
        for unit, project in doc.projects():
            scope = ProjectScope(doc, unit, project, fw)
            for rid in plan.project:
                fn, params = RULES[rid].fn, rs.rules[rid].params
                for hit in fn(scope, params):
                    hit.unit, hit.project = unit.name, project.name
                    found.append(_finding(rid, rs, hit))
        out.append(found)
    middle = time.perf_counter()
    for rid in plan.corpus:
        fn, params = RULES[rid].fn, rs.rules[rid].params
        for index, hit in fn(docs, params):
            out[index].append(_finding(rid, rs, hit))
    if timings is not None:
        timings["per_document"] = timings.get("per_document", 0.0) + middle - started
        timings["corpus"] = timings.get("corpus", 0.0) + time.perf_counter() - middle
    return out
