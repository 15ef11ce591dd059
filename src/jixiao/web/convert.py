"""Store rows and library objects → the API's response models (:mod:`.schemas`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel

from ..compare import Comparison, Delta, IndicatorMatch, ProjectMatch, Side
from ..interchange import dec, execution_to_dict, extra_to_dict, indicator_to_dict, target_to_dict
from ..model import INDICATOR_EXTRAS, PROJECT_EXTRAS, Extra, Indicator, Level, Project, Target
from ..review import Finding
from ..review.base import SEVERITIES
from ..review.report import rule_title
from ..review.scoring import Score
from ..store import (
    DocumentAggregates,
    DocumentRow,
    IndicatorRow,
    Page,
    ProjectRow,
    SearchHit,
    SearchPage,
    UnitRow,
)
from . import schemas as s

P = TypeVar("P", bound=BaseModel)
R = TypeVar("R")


def page(model: type[P], found: Page[R], item: Callable[[R], Any]) -> P:
    """One page of store rows as the API's page ``model`` (items converted by ``item``)."""
    return model(
        items=[item(r) for r in found.items],
        total=found.total,
        limit=found.limit,
        offset=found.offset,
    )


def target(t: Target) -> s.TargetOut:
    return s.TargetOut.model_validate(target_to_dict(t))


def level(value: Level) -> s.LevelOut:
    return s.LevelOut(code=value.code, name=value.name)


def indicator(ind: Indicator) -> s.IndicatorOut:
    """An indicator as the API shows it: its interchange JSON (the same field names)."""
    return s.IndicatorOut.model_validate(indicator_to_dict(ind))


def _extras(obj: object, extras: Iterable[Extra]) -> dict[str, Any]:
    return {e.name: extra_to_dict(e, getattr(obj, e.name)) for e in extras}


def project_details(p: Project) -> s.ProjectDetailsOut:
    return s.ProjectDetailsOut.model_validate(
        {**_extras(p, PROJECT_EXTRAS), "execution": execution_to_dict(p.execution)}
    )


def document(row: DocumentRow) -> s.DocumentOut:
    return s.DocumentOut(
        id=row.id,
        department=row.department,
        year=row.year,
        kind=row.kind,
        money_unit=row.money_unit,
        total=dec(row.total),
        units=row.units,
        projects=row.projects,
        indicators=row.indicators,
        source_name=row.source_name,
        ingested_at=row.ingested_at,
    )


def departments(rows: Iterable[DocumentRow]) -> list[s.DepartmentOut]:
    """Documents grouped by department (listing order), latest year first within each."""
    groups: dict[str, list[DocumentRow]] = {}
    for row in rows:
        groups.setdefault(row.department, []).append(row)
    return [
        s.DepartmentOut(
            department=name,
            documents=[
                document(r)
                for r in sorted(docs, key=lambda r: (r.year is None, -(r.year or 0), r.id))
            ],
        )
        for name, docs in groups.items()
    ]


def unit(row: UnitRow) -> s.UnitOut:
    return s.UnitOut(
        id=row.id,
        document_id=row.document_id,
        department=row.department,
        year=row.year,
        name=row.name,
        money_unit=row.money_unit,
        total=dec(row.total),
        fiscal=dec(row.fiscal),
        projects=row.projects,
        indicators=row.indicators,
    )


def project(row: ProjectRow) -> s.ProjectOut:
    return s.ProjectOut(
        id=row.id,
        department=row.department,
        year=row.year,
        unit=row.unit,
        name=row.name,
        money_unit=row.money_unit,
        total=dec(row.total),
        fiscal=dec(row.fiscal),
        indicators=row.indicators,
    )


def indicator_row(row: IndicatorRow) -> s.IndicatorRowOut:
    return s.IndicatorRowOut(
        id=row.id,
        document_id=row.document_id,
        project_id=row.project_id,
        department=row.department,
        year=row.year,
        unit=row.unit,
        project=row.project,
        seq=row.seq,
        level1=row.level1,
        level2=row.level2,
        name=row.name,
        cycle=target(row.cycle),
        annual=target(row.annual),
        quantitative=row.quantitative,
        **_extras(row, INDICATOR_EXTRAS),
    )


def finding(f: Finding) -> s.FindingOut:
    return s.FindingOut(
        rule=f.rule,
        title=rule_title(f.rule),
        severity=f.severity,
        dimension=f.dimension,
        unit=f.unit,
        project=f.project,
        project_id=f.project_id,
        indicator=f.indicator,
        indicator_id=f.indicator_id,
        field=f.field,
        message=f.message,
        evidence=f.evidence,
    )


def findings(found: Iterable[Finding]) -> list[s.FindingOut]:
    """Findings with the ids of what they are about."""
    return [finding(f) for f in found]


def score(value: Score) -> s.ScoreOut:
    return s.ScoreOut(
        score=value.score,
        grade=value.grade,
        dimensions=dict(value.dimensions),
        findings=dict(value.findings),
    )


def project_score(value: Score) -> s.ProjectScoreOut:
    return s.ProjectScoreOut(
        score=value.score,
        grade=value.grade,
        dimensions=dict(value.dimensions),
        findings=dict(value.findings),
        project_id=value.project_id,
        unit=value.unit,
        project=value.project,
        total=dec(value.total),
    )


def rule_counts(found: Iterable[Finding]) -> list[s.RuleCount]:
    """Findings counted by rule and severity, most frequent first."""
    counts = Counter((f.rule, f.severity) for f in found)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1]))
    return [
        s.RuleCount(rule=rule, title=rule_title(rule), severity=severity, findings=n)
        for (rule, severity), n in ordered
    ]


def severity_counts(found: Iterable[Finding]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    for f in found:
        counts[f.severity] += 1
    return counts


def aggregates(agg: DocumentAggregates, live: Sequence[Finding] | None) -> s.AggregatesOut:
    """The aggregates of a document; ``live``: findings computed now (when not reviewed)."""
    if live is None:
        by_rule = [
            s.RuleCount(rule=r.rule, title=rule_title(r.rule), severity=r.severity,  # type: ignore[arg-type]
                        findings=r.findings)
            for r in agg.findings_by_rule
        ]  # fmt: skip
        by_severity: dict[str, int] = {k: agg.findings_by_severity.get(k, 0) for k in SEVERITIES}
    else:
        by_rule, by_severity = rule_counts(live), severity_counts(live)
    return s.AggregatesOut(
        document_id=agg.document_id,
        department=agg.department,
        year=agg.year,
        kind=agg.kind,
        money_unit=agg.money_unit,
        total=dec(agg.total),
        fiscal=dec(agg.fiscal),
        money_by_unit=[
            s.UnitMoney(
                unit_id=u.unit_id,
                name=u.unit,
                total=dec(u.total),
                fiscal=dec(u.fiscal),
                projects=u.projects,
            )
            for u in agg.money_by_unit
        ],
        money_by_project=[
            s.ProjectMoney(
                project_id=p.project_id,
                unit=p.unit,
                name=p.name,
                total=dec(p.total),
                fiscal=dec(p.fiscal),
            )
            for p in agg.money_by_project
        ],
        indicators_by_class=[
            s.ClassCount(
                level1=c.level1,
                level2=c.level2,
                indicators=c.indicators,
                quantitative=c.quantitative,
            )
            for c in agg.indicators_by_class
        ],
        indicators=agg.indicators,
        quantitative=agg.quantitative,
        quantified_share=agg.quantified_share,
        reviewed=agg.reviewed,
        findings_by_rule=by_rule,
        findings_by_severity=by_severity,
    )


def search_hit(hit: SearchHit) -> s.SearchHitOut:
    return s.SearchHitOut(
        kind=hit.kind,
        document_id=hit.document_id,
        project_id=hit.project_id,
        indicator_id=hit.indicator_id,
        department=hit.department,
        year=hit.year,
        unit=hit.unit,
        project=hit.project,
        field=hit.field,
        text=hit.text,
        fragments=[s.Fragment(text=text, match=match) for text, match in hit.fragments],
    )


def search(query: str, page: SearchPage) -> s.SearchOut:
    return s.SearchOut(
        query=query,
        total=page.total,
        total_capped=page.total_capped,
        limit=page.limit,
        offset=page.offset,
        hits=[search_hit(h) for h in page.hits],
    )


# -- compare ---------------------------------------------------------------------------------------
def _delta(d: Delta) -> s.DeltaOut:
    return s.DeltaOut(field=d.field, before=dec(d.before), after=dec(d.after), change=dec(d.change))


def _side(side: Side, document_id: int) -> s.SideOut:
    funds = side.funds
    return s.SideOut(
        document_id=document_id,
        department=side.department,
        year=side.year,
        money_unit=side.money_unit,
        funds=s.FundsOut(
            total=dec(funds.total),
            fiscal=dec(funds.fiscal),
            special=dec(funds.special),
            other=dec(funds.other),
        ),
        units=side.units,
        projects=side.projects,
        indicators=side.indicators,
        quantitative=side.quantitative,
        quantified_share=side.quantified_share,
    )


def _indicator_change(m: IndicatorMatch) -> s.IndicatorChangeOut:
    return s.IndicatorChangeOut(
        status=m.status,
        name=m.name,
        changes=list(m.changes),
        before=indicator(m.before) if m.before else None,
        after=indicator(m.after) if m.after else None,
        matched=m.matched,
    )


def _project_change(m: ProjectMatch) -> s.ProjectChangeOut:
    return s.ProjectChangeOut(
        status=m.status,
        name=m.name,
        matched=m.matched,
        renamed=m.renamed,
        before_unit=m.before_unit,
        after_unit=m.after_unit,
        before_name=m.before.name if m.before else None,
        after_name=m.after.name if m.after else None,
        funds=[_delta(d) for d in m.funds],
        goal_changed=m.goal_changed,
        before_goal=m.before.goal if m.before else None,
        after_goal=m.after.goal if m.after else None,
        indicators=[_indicator_change(i) for i in m.indicators],
    )


def comparison(c: Comparison, before_id: int, after_id: int) -> s.CompareOut:
    return s.CompareOut(
        before=_side(c.before, before_id),
        after=_side(c.after, after_id),
        funds=[_delta(d) for d in c.funds],
        summary={k: c.count(k) for k in ("same", "changed", "added", "removed")},
        projects=[_project_change(m) for m in c.projects],
        notes=list(c.notes),
    )


def decimal_or_none(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)
