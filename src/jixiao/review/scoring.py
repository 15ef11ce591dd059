"""Scores from findings: per project and per department, per review dimension, with a grade.

The formula (documented in docs/rules.md, tunable in the ruleset's ``[scoring]``):

* every dimension of a project starts at 100; each finding takes ``penalty[severity]`` points
  off its dimension, but one rule takes at most ``rule_cap`` points off one dimension of one
  project (a rule that fires on every indicator does not sink a project on its own);
* the project score is the weighted mean of its dimension scores (``weights``);
* the department score is the mean of its projects' dimension scores, weighted by project
  total (``department = "funds"``) or equally (``"mean"``), less the penalties of the
  document-level findings (those about no single project), then weighted across dimensions;
* the grade is the first of ``grades`` whose ``min`` the score reaches (优 ≥ 90, 良 ≥ 80,
  中 ≥ 60, 差 below, by default), but no better than ``caps`` allows for the worst severity
  found (a severe finding: 中 at best); a capped score is lowered to just under the next
  grade's minimum, so score and grade agree, and the cap is recorded with its reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..model import Document
from .base import DIMENSIONS, SEVERITIES, SEVERITY_LABELS, Finding
from .ruleset import Scoring


@dataclass(frozen=True, slots=True)
class Score:
    level: str  # "project" or "department"
    department: str
    year: int | None
    unit: str | None
    project: str | None
    total: Decimal | None
    score: float
    grade: str
    dimensions: dict[str, float]
    findings: dict[str, int] = field(default_factory=dict)  # severity → count
    project_id: str | None = None  # the project's id (model ids); None for a department
    capped: str | None = None  # why the grade is lower than the points give

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "department": self.department,
            "year": self.year,
            "unit": self.unit,
            "project": self.project,
            "total": None if self.total is None else str(self.total),
            "score": self.score,
            "grade": self.grade,
            "dimensions": self.dimensions,
            "findings": self.findings,
            "project_id": self.project_id,
            "capped": self.capped,
        }


def _deductions(findings: Iterable[Finding], scoring: Scoring) -> dict[str, float]:
    per_rule: dict[tuple[str, str], float] = defaultdict(float)
    for f in findings:
        per_rule[(f.dimension, f.rule)] += scoring.penalty[f.severity]
    out: dict[str, float] = dict.fromkeys(DIMENSIONS, 0.0)
    for (dimension, _), points in per_rule.items():
        out[dimension] += min(points, scoring.rule_cap)
    return out


def _combine(dims: dict[str, float], scoring: Scoring) -> float:
    weight = sum(scoring.weights.values())
    return round(sum(dims[d] * scoring.weights[d] for d in DIMENSIONS) / weight, 1)


def grade(score: float, scoring: Scoring) -> str:
    for name, low in scoring.grades:
        if score >= low:
            return name
    return scoring.grades[-1][0]


def graded(score: float, counts: dict[str, int], scoring: Scoring) -> tuple[float, str, str | None]:
    """(score, grade, why capped): the grade the score reaches, no better than the cap of the
    worst severity found; a capped score is lowered to just under the next grade's minimum."""
    names = [g for g, _ in scoring.grades]
    found = grade(score, scoring)
    for severity in SEVERITIES:  # worst first
        cap = scoring.caps.get(severity)
        if not counts.get(severity) or cap is None or names.index(found) >= names.index(cap):
            continue
        above = scoring.grades[names.index(cap) - 1][1]
        label = SEVERITY_LABELS[severity]
        why = f"有{label}问题 {counts[severity]} 处，等级不高于“{cap}”（须修改后再审）"
        return min(score, round(above - 0.1, 1)), cap, why
    return score, found, None


def _counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] += 1
    return counts


def score_document(doc: Document, findings: Sequence[Finding], scoring: Scoring) -> list[Score]:
    """One score per project (table order), then the department's."""
    # A finding belongs to the project it names by id; one without an id (made before ids)
    # by unit and project name.
    by_id: dict[str, list[Finding]] = defaultdict(list)
    by_name: dict[tuple[str | None, str | None], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.project_id is not None:
            by_id[f.project_id].append(f)
        else:
            by_name[(f.unit, f.project)].append(f)
    scores: list[Score] = []
    weights: list[float] = []
    for unit, project in doc.projects():
        own = by_id.get(project.id, []) if project.id else []
        own = own + by_name.pop((unit.name, project.name), [])
        cut = _deductions(own, scoring)
        dims = {d: round(max(0.0, 100.0 - cut[d]), 1) for d in DIMENSIONS}
        counts = _counts(own)
        value, grade_, why = graded(_combine(dims, scoring), counts, scoring)
        scores.append(
            Score("project", doc.department, doc.year, unit.name, project.name,
                  project.funds.total, value, grade_, dims, counts, project.id or None, why)
        )  # fmt: skip
        total = project.funds.total
        weights.append(float(total) if scoring.department == "funds" and total else 1.0)
    if scores and sum(weights) <= 0:
        weights = [1.0] * len(scores)
    document_level = [f for f in findings if f.project is None]
    cut = _deductions(document_level, scoring)
    dims = {}
    for d in DIMENSIONS:
        base = (
            sum(s.dimensions[d] * w for s, w in zip(scores, weights, strict=True)) / sum(weights)
            if scores
            else 100.0
        )
        dims[d] = round(max(0.0, base - cut[d]), 1)
    counts = _counts(findings)
    value, grade_, why = graded(_combine(dims, scoring), counts, scoring)
    scores.append(
        Score("department", doc.department, doc.year, None, None, doc.funds.total, value,
              grade_, dims, counts, None, why)
    )  # fmt: skip
    return scores
