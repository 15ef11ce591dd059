"""Findings and scores for the pages and the API: the stored review where there is one, else
a review computed now with the app's ruleset (documents stored without ``findings``).

Scores are always computed here (:func:`jixiao.review.scoring.score_document`, the app's
ruleset's formula): they are cheap, and the formula is the server's to choose.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document, Funds, Project, Unit
from ..review import Finding
from ..review.report import DocumentReview
from ..review.scoring import Score, score_document
from ..services.documents import review_one
from ..store import DocumentAggregates, ProjectView
from .context import Context


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A document's review: ``stored`` when its findings came from the store."""

    review: DocumentReview
    stored: bool

    @property
    def findings(self) -> list[Finding]:
        return self.review.findings

    @property
    def department(self) -> Score:
        return self.review.department_score

    def ranking(self) -> list[Score]:
        """Project scores, worst first."""
        return self.review.ranking()


def review_document(ctx: Context, document_id: int) -> Reviewed:
    """The review of a stored document."""
    return review_aggregated(ctx, aggregates(ctx, document_id))


def aggregates(ctx: Context, document_id: int) -> DocumentAggregates:
    """A stored document's aggregates, kept until it changes (:meth:`Context.memo`)."""
    return ctx.memo(
        ("aggregates", document_id),
        lambda: ctx.store.aggregates(document_id),
        document=document_id,
    )


def review_aggregated(ctx: Context, agg: DocumentAggregates) -> Reviewed:
    """The review of the document ``agg`` sums up, kept until the document changes
    (:meth:`Context.memo`; the ruleset is the app's, fixed while it runs)."""
    return ctx.memo(
        ("review", agg.document_id), lambda: _review(ctx, agg), document=agg.document_id
    )


def _review(ctx: Context, agg: DocumentAggregates) -> Reviewed:
    """A reviewed document is scored from its stored findings and the outline in ``agg``
    (scores need no more than the projects' names, units and totals), so the document itself
    is not read; else it is read and reviewed now."""
    store = ctx.store
    if agg.reviewed:
        document = outline(agg)
        findings = store.findings(document_id=agg.document_id)
    else:
        document = store.load(agg.document_id)
        findings = review_one(document, ctx.ruleset)
    scores = score_document(document, findings, ctx.ruleset.scoring)
    return Reviewed(DocumentReview(document, findings, scores), agg.reviewed)


def outline(agg: DocumentAggregates) -> Document:
    """A document with the units and projects of ``agg`` (names and totals, in table order;
    no goals or indicators)."""
    units = {
        u.unit_id: Unit(u.unit, Funds(total=u.total, fiscal=u.fiscal), id=u.unit_id)
        for u in agg.money_by_unit
    }
    for p in sorted(agg.money_by_project, key=lambda p: p.order):
        owner = units.get(p.unit_id)
        if owner is not None:
            owner.projects.append(
                Project(p.name, Funds(total=p.total, fiscal=p.fiscal), "", id=p.project_id)
            )
    return Document(
        department=agg.department,
        year=agg.year,
        money_unit=agg.money_unit,
        funds=Funds(total=agg.total, fiscal=agg.fiscal),
        units=list(units.values()),
    )


@dataclass(frozen=True, slots=True)
class ProjectReview:
    findings: list[Finding]
    score: Score
    stored: bool


def reviewed_project(ctx: Context, project_id: str) -> tuple[ProjectView, ProjectReview]:
    """The project (as :meth:`Store.project` reads it) with its findings and score, kept until
    its document changes (shared: callers must not change them). The caller checks first
    that the reader may see it."""

    def read() -> tuple[ProjectView, ProjectReview]:
        view = ctx.store.project(project_id)
        return view, review_project(ctx, view)

    def document(found: tuple[ProjectView, ProjectReview]) -> int | None:
        # a short id (a prefix) is not kept: a project saved later may share the prefix
        view = found[0]
        return view.document_id if view.project.id == project_id else None

    return ctx.memo(("project", project_id), read, shelf="projects", document=document)


def review_project(ctx: Context, view: ProjectView) -> ProjectReview:
    """The findings and score of one project: those stored with it (``view.findings``), or
    its document's review computed now, narrowed to it."""
    if view.reviewed:
        findings = list(view.findings)
    else:
        # the whole document: some rules compare a project with the others
        whole = review_one(ctx.store.load(view.document_id), ctx.ruleset)
        name = (view.unit, view.project.name)
        findings = [f for f in whole if (f.unit, f.project) == name]
    # A project's score depends on its own findings only: score it as a one-project document.
    alone = Document(
        department=view.department,
        year=view.year,
        money_unit=view.money_unit,
        funds=Funds(),
        units=[Unit(view.unit, Funds(), [view.project])],
    )
    score = score_document(alone, findings, ctx.ruleset.scoring)[0]
    return ProjectReview(findings, score, view.reviewed)


def review_draft(ctx: Context, view: ProjectView, draft: Project) -> list[Finding]:
    """The findings of an adjustment's draft of the project, reviewed now in its document
    (the draft in place of the project as stored)."""
    doc = ctx.store.load(view.document_id)
    for unit in doc.units:
        unit.projects = [draft if p.id == draft.id else p for p in unit.projects]
    name = (view.unit, draft.name)
    return [f for f in review_one(doc, ctx.ruleset) if (f.unit, f.project) == name]
