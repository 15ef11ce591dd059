"""The pieces every review rule shares: findings, hits, the rule registry, project scopes.

A rule is a small function registered with :func:`rule`. It receives what it looks at and its
parameters (from the ruleset TOML, defaults declared at registration) and yields :class:`Hit`
objects; the engine turns each hit into a :class:`Finding`, filling in the rule id, the
severity the ruleset gives it, the review dimension, and the unit and project names.

Three scopes:

* ``project`` — ``fn(scope: ProjectScope, params) -> Iterable[Hit]``: one project at a time
  (most rules);
* ``document`` — ``fn(doc: Document, params) -> Iterable[Hit]``: one document; hits name their
  unit/project themselves (e.g. money of units, classes used inconsistently across projects);
* ``corpus`` — ``fn(docs: Sequence[Document], params) -> Iterable[tuple[int, Hit]]``: all
  documents under review at once (near-duplicate projects, double counting); the int is the
  index of the document the hit belongs to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast

from ..framework import Framework
from ..model import Document, Project, Unit

Severity = Literal["error", "warning", "info"]
Scope = Literal["project", "document", "corpus"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_LABELS: dict[Severity, str] = {"error": "严重", "warning": "警告", "info": "提示"}
"""The one Chinese name of each severity: the CLI, the review reports and the web app."""

DIMENSIONS: tuple[str, ...] = ("完整性", "相关性", "适当性", "可行性")
"""The four review dimensions finance bureaus use (财预〔2015〕88号): elements complete and
explicit; targets relevant to duties and project content; matched to the money; feasible."""

Params = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a reviewer would send back, with where it is and the text it is about."""

    rule: str
    severity: Severity
    dimension: str
    unit: str | None
    project: str | None
    indicator: int | None  # the indicator's seq; None for a project- or document-level finding
    field: str | None  # e.g. "funds.total", "goal", "name", "level2", "cycle", "annual"
    message: str  # plain Chinese: what is wrong and what a good target looks like
    evidence: str | None = None  # the text (or numbers) the finding is about
    project_id: str | None = None  # the project's id (model ids), where it is about one
    indicator_id: str | None = None  # the indicator's id, where it is about one

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "dimension": self.dimension,
            "unit": self.unit,
            "project": self.project,
            "indicator": self.indicator,
            "field": self.field,
            "message": self.message,
            "evidence": self.evidence,
            "project_id": self.project_id,
            "indicator_id": self.indicator_id,
        }


@dataclass(slots=True)
class Hit:
    """What a rule found; the engine makes it a :class:`Finding`."""

    message: str
    field: str | None = None
    indicator: int | None = None
    evidence: str | None = None
    unit: str | None = None  # filled in by the engine for project-scope rules
    project: str | None = None  # likewise
    severity: Severity | None = None  # None: the severity the ruleset gives the rule


@dataclass(frozen=True, slots=True)
class ProjectScope:
    """One project under review, with what rules need around it."""

    doc: Document
    unit: Unit
    project: Project
    framework: Framework


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    title: str  # short Chinese title for reports
    dimension: str
    severity: Severity  # default severity
    scope: Scope
    fn: Callable[..., Iterable[Any]]
    defaults: Mapping[str, Any] = field(default_factory=dict)


RULES: dict[str, RuleInfo] = {}


def rule(
    id: str,
    *,
    title: str,
    dimension: str,
    severity: Severity,
    scope: Scope = "project",
    **defaults: Any,
) -> Callable[[Callable[..., Iterable[Any]]], Callable[..., Iterable[Any]]]:
    """Register a rule. Keyword arguments beyond the fixed ones are its default parameters,
    which a ruleset may override (and only those: unknown parameters are refused)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"rule {id}: unknown dimension {dimension!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"rule {id}: unknown severity {severity!r}")

    def register(fn: Callable[..., Iterable[Any]]) -> Callable[..., Iterable[Any]]:
        if id in RULES:
            raise ValueError(f"rule {id} registered twice")
        RULES[id] = RuleInfo(id, title, dimension, severity, scope, fn, dict(defaults))
        return fn

    return register


def run_project_rule(info: RuleInfo, scope: ProjectScope, params: Params) -> list[Hit]:
    """Run one project-scope rule (a helper for rule tests)."""
    return list(info.fn(scope, params))


CorpusRule = Callable[[Sequence[Document], Params], Iterable[tuple[int, Hit]]]

_T = TypeVar("_T")
# What rules compile from their parameters (regexes, bands), per rule and parameter object.
_MEMO: dict[tuple[str, int], tuple[Params, Any]] = {}


def per_params(key: str, params: Params, build: Callable[[Params], _T]) -> _T:
    """What ``build`` makes of a rule's parameters, built once per parameter object.

    A ruleset's parameter mappings live as long as the ruleset, so the identity of ``params``
    is a cheap key (the mapping is kept with the value, so an id is never reused for another).
    """
    slot = (key, id(params))
    memo = _MEMO.get(slot)
    if memo is not None and memo[0] is params:
        return cast(_T, memo[1])
    if len(_MEMO) > 4096:
        _MEMO.clear()
    value = build(params)
    _MEMO[slot] = (params, value)
    return value
