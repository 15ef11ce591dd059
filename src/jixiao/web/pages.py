"""The pages: home, department dashboard, project, search and compare (server-rendered, Chinese).

Each page reads its blocks with one store call each and renders a Jinja2 template
(``templates/``). Every page works without JavaScript except the charts, which read their data
from a JSON blob in the page (``static/js/dashboard.js``, ECharts from ``static/vendor``). The
search page answers htmx requests (``HX-Request``) with just its hit list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from math import ceil
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from ..compare import changed_only, compare
from ..errors import NotFoundError
from ..model import INDICATOR_EXTRAS, PROJECT_EXTRAS, Extra, Indicator, Project
from ..review import Finding
from ..review.report import rule_title
from ..review.scoring import Score
from ..services import task_overview
from ..services.accounts import Principal
from ..services.desk import Desk, project_desk
from ..services.workflow import Acting
from ..store import (
    DocumentAggregates,
    DocumentRow,
    ProjectFilter,
    ProjectRow,
    ProjectView,
    Visibility,
)
from . import convert, searching
from .api import MAX_ID, NO_NUL, UUID_PATTERN
from .auth import Who, allow, check_document, check_project, readable
from .context import Context, Ctx
from .errors import ErrorBody
from .guard import rate_limited
from .rendering import amount, path_for
from .reviews import Reviewed, aggregates, review_aggregated, reviewed_project

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Readers = allow("public.read")

SEARCH_PAGE_SIZE = 20
WORST = 10
"""Projects listed on the dashboard's "worst first" table."""

PageId = Annotated[int, Path(ge=1, le=MAX_ID)]
PageUid = Annotated[str, Path(min_length=36, max_length=36, pattern=UUID_PATTERN)]

# A plain HTML form sends an empty field as ``name=``: optional numbers accept "" as absent.
BLANK_OR_YEAR = r"^\s*((19|2[0-1])[0-9]{2}|2200)?\s*$"
BLANK_OR_ID = r"^\s*([1-9][0-9]{0,8})?\s*$"


def _optional_int(value: str | None) -> int | None:
    return int(value) if value is not None and value.strip() else None


def _templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    return _templates(request).TemplateResponse(request, name, context, status_code=status_code)


def error_page(templates: Jinja2Templates) -> Callable[[Request, ErrorBody], Response]:
    """The friendly error page (used by :mod:`.errors` for every non-API error)."""

    def page(request: Request, body: ErrorBody) -> Response:
        return templates.TemplateResponse(
            request, "error.html", {"error": body, "nav": ""}, status_code=body.status
        )

    return page


# -- home ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Department:
    name: str
    documents: list[DocumentRow]

    @property
    def projects(self) -> int:
        return sum(d.projects for d in self.documents)

    @property
    def indicators(self) -> int:
        return sum(d.indicators for d in self.documents)


def _departments(rows: Iterable[DocumentRow]) -> list[Department]:
    groups: dict[str, list[DocumentRow]] = {}
    for row in rows:
        groups.setdefault(row.department, []).append(row)
    return [
        Department(name, sorted(docs, key=lambda r: (r.year is None, -(r.year or 0), r.id)))
        for name, docs in groups.items()
    ]


@router.get("/", name="home", dependencies=[Readers])
def home(request: Request, ctx: Ctx, me: Who) -> Response:
    mine = readable(ctx, me)
    rows = [r for r in ctx.store.documents() if mine.document(r.id)]
    own: list[ProjectRow] = []
    if mine.units:  # an account's own unit of documents it may not read whole (drafts)
        own = ctx.store.projects_page(
            ProjectFilter(limit=200, visible=Visibility(frozenset(), mine.units))
        ).items
    departments = _departments(rows)
    totals = {
        "departments": len(departments),
        "documents": len(rows),
        "projects": sum(r.projects for r in rows),
        "indicators": sum(r.indicators for r in rows),
    }
    return render(request, "home.html", nav="home", departments=departments, totals=totals, own=own)


# -- dashboard -------------------------------------------------------------------------------
def _number(value: Decimal | None) -> float:
    """An amount for a chart (charts draw floats; the labels show the exact text)."""
    return float(value) if value is not None and value.is_finite() else 0.0


def _chart_data(
    request: Request, agg: DocumentAggregates, reviewed: Reviewed, rules: list[Any]
) -> dict[str, Any]:
    by_unit: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in agg.money_by_project:
        by_unit[p.unit].append(
            {
                "name": p.name,
                "value": _number(p.total),
                "label": amount(p.total),
                "url": path_for(request, "project_page", project_id=p.project_id),
            }
        )
    money = [
        {
            "name": u.unit,
            "value": _number(u.total),
            "label": amount(u.total),
            "children": by_unit.get(u.unit, []),
        }
        for u in agg.money_by_unit
    ]
    classes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in agg.indicators_by_class:
        classes[c.level1].append(
            {"name": c.level2, "value": c.indicators, "quantitative": c.quantitative}
        )
    return {
        "moneyUnit": agg.money_unit,
        "money": money,
        "classes": [{"name": k, "children": v} for k, v in classes.items()],
        "quantified": {
            "quantitative": agg.quantitative,
            "qualitative": agg.indicators - agg.quantitative,
        },
        "rules": [
            {"rule": r.rule, "title": r.title, "severity": r.severity, "count": r.findings}
            for r in rules
        ],
        "dimensions": reviewed.department.dimensions,
    }


PROJECT_SORTS = {"money": "资金", "score": "得分", "findings": "问题", "table": "表中顺序"}
"""How the dashboard's list of every project can be ordered (``?sort=``), with its label."""
ProjectSort = Literal["money", "score", "findings", "table"]


def project_list(reviewed: Reviewed, sort: str, unit: str | None = None) -> list[Score]:
    """Every project's score (of ``unit``, a unit's name, if given) in the order ``sort``
    names: money (largest first, none last), score (lowest first), findings (most severe
    first), table (as the table lists them)."""
    scores = [s for s in reviewed.review.scores[:-1] if unit is None or s.unit == unit]

    def counts(s: Score) -> tuple[int, ...]:
        return tuple(-s.findings.get(k, 0) for k in ("error", "warning", "info"))

    if sort == "money":
        scores.sort(key=lambda s: (s.total is None, -(s.total or 0)))
    elif sort == "score":
        scores.sort(key=lambda s: (s.score, *counts(s)))
    elif sort == "findings":
        scores.sort(key=lambda s: (*counts(s), s.score))
    return scores


@router.get("/documents/{document_id}", name="dashboard", dependencies=[Readers])
def dashboard(
    request: Request,
    ctx: Ctx,
    me: Who,
    document_id: PageId,
    sort: Annotated[ProjectSort, Query()] = "money",
    unit: Annotated[str | None, Query(max_length=36, pattern=UUID_PATTERN)] = None,
) -> Response:
    check_document(ctx, me, document_id)
    agg = aggregates(ctx, document_id)
    reviewed = review_aggregated(ctx, agg)
    rules = convert.aggregates(agg, None if agg.reviewed else reviewed.findings).findings_by_rule
    worst = [(score, score.project_id) for score in reviewed.ranking()[:WORST]]
    severities = convert.severity_counts(reviewed.findings)
    chosen = next((u for u in agg.money_by_unit if u.unit_id == unit), None)
    results = task_overview.department_results(ctx.store, me.actor, document_id)
    chart = _chart_data(request, agg, reviewed, rules)
    chart["tasks"] = {
        "lights": None
        if results.monitoring is None
        else [list(c) for c in results.monitoring.counts],
        "grades": None if results.selfeval is None else [list(c) for c in results.selfeval.counts],
    }
    return render(
        request,
        "dashboard.html",
        nav="",
        agg=agg,
        department=reviewed.department,
        stored=reviewed.stored,
        ruleset=ctx.ruleset.name,
        worst=worst,
        rules=rules,
        severities=severities,
        units=agg.money_by_unit,
        projects=project_list(reviewed, sort, chosen.unit if chosen else None),
        sort=sort,
        sorts=PROJECT_SORTS,
        chosen_unit=chosen,
        results=results,
        chart=chart,
    )


# -- project ---------------------------------------------------------------------------------
PROJECT_FIELDS = ("project", "project.name", "funds", "goal")

EXTRA_COLUMNS = ("actual", "weight", "score", "deviation")
"""Indicator fields shown as columns beside the targets (实际完成值, 分值, 得分, 偏差原因), each
only when some indicator of the project fills it."""
EXTRA_NOTES = ("direction", "measure", "explanation", "standard")
"""Indicator fields shown under the indicator's name, where filled."""
_EXTRAS = {extra.name: extra for extra in INDICATOR_EXTRAS}


def _filled(value: object) -> bool:
    return value is not None and value != ""


def extra_columns(indicators: Sequence[Indicator]) -> list[Extra]:
    """The :data:`EXTRA_COLUMNS` some of ``indicators`` fill, in that order."""
    return [
        _EXTRAS[name]
        for name in EXTRA_COLUMNS
        if any(_filled(getattr(i, name)) for i in indicators)
    ]


def extra_notes(ind: Indicator) -> list[tuple[str, str]]:
    """(label, text) of the :data:`EXTRA_NOTES` the indicator fills."""
    return [
        (_EXTRAS[name].label, str(value))
        for name in EXTRA_NOTES
        if _filled(value := getattr(ind, name))
    ]


def project_details(project: Project) -> list[tuple[str, str]]:
    """(label, text) of what the table states about the project beside its name: code,
    主管部门, 实施单位, 实施期."""
    return [
        (extra.label, str(value))
        for extra in PROJECT_EXTRAS
        if extra.name in ("code", "department", "unit", "period")
        and _filled(value := getattr(project, extra.name))
    ]


@dataclass(slots=True)
class IndicatorLine:
    indicator: Indicator
    id: str | None = None  # the indicator's id (the page's anchors: #indicator-ID)
    findings: dict[str, list[Finding]] = field(default_factory=dict)  # field → findings

    def at(self, name: str) -> list[Finding]:
        return self.findings.get(name, [])

    @property
    def other(self) -> list[Finding]:
        """Findings about the indicator as a whole (no field, or a field not shown)."""
        shown = {"level1", "level2", "name", "cycle", "annual"}
        return [f for k, fs in self.findings.items() if k not in shown for f in fs]

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.findings.values())


def _place_findings(
    indicators: Sequence[Indicator], ids: Sequence[str], findings: Sequence[Finding]
) -> tuple[list[IndicatorLine], dict[str, list[Finding]]]:
    """Findings beside what they are about: per indicator and field, or per project field."""
    known: list[str | None] = [*ids] if len(ids) == len(indicators) else [None] * len(indicators)
    lines = [IndicatorLine(i, n) for i, n in zip(indicators, known, strict=True)]
    by_seq: dict[int, IndicatorLine] = {}
    for line in lines:
        by_seq.setdefault(line.indicator.seq, line)
    project: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        found = by_seq.get(f.indicator) if f.indicator is not None else None
        if found is not None:
            found.findings.setdefault(f.field or "", []).append(f)
            continue
        where = f.field or "project"
        key = "funds" if where.startswith("funds") else where
        project[key if key in PROJECT_FIELDS else "indicators"].append(f)
    return lines, dict(project)


@router.get("/projects/{project_id}", name="project_page", dependencies=[Readers])
def project_page(
    request: Request,
    ctx: Ctx,
    me: Who,
    project_id: PageUid,
    done: Annotated[str, Query(max_length=20, pattern=r"^[a-z]*$")] = "",
) -> Response:
    return project_response(request, ctx, me, project_id, done=done)


def _desk(ctx: Context, me: Principal, view: ProjectView) -> Desk | None:
    """The workflow panel, for an account that may read the project's drafts and reaches it."""
    if not me.signed_in or not me.can("documents.read"):
        return None
    try:
        return project_desk(ctx.store, Acting(me.actor, me.permissions), view.id, ctx.flow,
                            view.findings)  # fmt: skip
    except NotFoundError:  # a published project outside the account's scope: read-only
        return None


def project_response(
    request: Request,
    ctx: Ctx,
    me: Principal,
    project_id: str,
    status: int = 200,
    *,
    done: str = "",
    message: str | None = None,
    conflict: str | None = None,
) -> Response:
    """The project page; ``message`` / ``conflict``: why a form of it did nothing."""
    from .workflow_pages import NOTES

    check_project(ctx, me, project_id)
    view, found = reviewed_project(ctx, project_id)
    lines, project_findings = _place_findings(
        view.project.indicators, view.indicator_ids, found.findings
    )
    return render(
        request,
        "project.html",
        status,
        nav="",
        view=view,
        p=view.project,
        lines=lines,
        columns=extra_columns(view.project.indicators),
        notes=extra_notes,
        details=project_details(view.project),
        pf=project_findings,
        findings=found.findings,
        score=found.score,
        stored=found.stored,
        severities=convert.severity_counts(found.findings),
        desk=_desk(ctx, me, view),
        whole=readable(ctx, me).document(view.document_id),  # the downloads are whole documents
        done=NOTES.get(done),
        message=message,
        conflict=conflict,
        rule_title=rule_title,
        indicator_names=dict(
            zip(view.indicator_ids, (i.name for i in view.project.indicators), strict=False)
        ),
    )


# -- search ----------------------------------------------------------------------------------
KIND_CHOICES = {
    "project": "项目名称",
    "goal": "绩效目标",
    "indicator": "指标名称",
    "target": "指标值",
}


@router.get("/search", name="search_page", dependencies=[Readers])
def search_page(
    request: Request,
    ctx: Ctx,
    me: Who,
    q: Annotated[str, Query(max_length=200, pattern=NO_NUL)] = "",
    department: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
    year_: Annotated[str | None, Query(alias="year", pattern=BLANK_OR_YEAR)] = None,
    kind: Annotated[list[Literal["project", "goal", "indicator", "target"]] | None, Query()] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    query = q.strip()
    department = department or None
    year = _optional_int(year_)
    results = None
    if query:
        rate_limited(request)
        results = searching.search(
            ctx,
            me,
            query,
            department=department,
            year=year,
            kinds=kind or None,
            limit=SEARCH_PAGE_SIZE,
            offset=(page - 1) * SEARCH_PAGE_SIZE,
        )
    pages = ceil(results.total / SEARCH_PAGE_SIZE) if results else 0
    params: list[tuple[str, str]] = [("q", query)]
    if department:
        params.append(("department", department))
    if year is not None:
        params.append(("year", str(year)))
    params.extend(("kind", k) for k in kind or ())
    base = path_for(request, "search_page")

    def page_url(number: int) -> str:
        return f"{base}?{urlencode([*params, ('page', str(number))])}"

    context: dict[str, Any] = {
        "nav": "search",
        "q": query,
        "department": department or "",
        "year": year,
        "kinds": kind or [],
        "kind_choices": KIND_CHOICES,
        "results": results,
        "page": page,
        "pages": pages,
        "page_size": SEARCH_PAGE_SIZE,
        "page_url": page_url,
    }
    partial = request.headers.get("HX-Request") == "true"
    response = render(request, "_hits.html" if partial else "search.html", **context)
    response.headers["Vary"] = "HX-Request"
    return response


# -- compare ---------------------------------------------------------------------------------
@router.get("/compare", name="compare_page", dependencies=[Readers])
def compare_page(
    request: Request,
    ctx: Ctx,
    me: Who,
    before_: Annotated[str | None, Query(alias="before", pattern=BLANK_OR_ID)] = None,
    after_: Annotated[str | None, Query(alias="after", pattern=BLANK_OR_ID)] = None,
    all: Annotated[bool, Query()] = False,
) -> Response:
    mine = readable(ctx, me)
    documents = [d for d in ctx.store.documents() if mine.document(d.id)]
    result = None
    before, after = _optional_int(before_), _optional_int(after_)
    same = before is not None and before == after
    focus = after if after is not None else before
    if focus is not None:
        check_document(ctx, me, focus)
    if before is not None and after is not None and not same:
        check_document(ctx, me, before)
        check_document(ctx, me, after)
        a, b = ctx.store.load(before), ctx.store.load(after)
        result = compare(a, b)
    shown = []
    if result is not None:
        shown = list(result.projects) if all else changed_only(result.projects)
    return render(
        request,
        "compare.html",
        nav="compare",
        documents=documents,
        suggestions=_suggestions(documents),
        same=same,
        focus=next((d for d in documents if d.id == focus), None),
        partners=partners(documents, focus) if result is None and focus is not None else None,
        before=before,
        after=after,
        show_all=all,
        result=result,
        shown=shown,
        rule_title=rule_title,
    )


@dataclass(frozen=True, slots=True)
class Partners:
    """What a document is sensibly compared with: the same department's tables of the same
    kind in other years (nearest first), and other departments' of the same kind and year."""

    other_years: list[tuple[DocumentRow, DocumentRow]]  # (before, after) pairs, in time order
    same_year: list[tuple[DocumentRow, DocumentRow]]  # (this, another department's)


def partners(documents: Sequence[DocumentRow], document_id: int) -> Partners:
    me = next((d for d in documents if d.id == document_id), None)
    if me is None:
        return Partners([], [])
    kin = [d for d in documents if d.id != me.id and d.kind == me.kind]
    years = sorted(
        (d for d in kin if d.department == me.department),
        key=lambda d: (d.year is None, abs((d.year or 0) - (me.year or 0)), d.id),
    )
    other_years = [(d, me) if (d.year or 0) <= (me.year or 0) else (me, d) for d in years]
    same_year = [
        (me, d) for d in kin if d.department != me.department and me.year is not None
        and d.year == me.year
    ]  # fmt: skip
    return Partners(other_years[:8], same_year[:8])


def _suggestions(documents: Sequence[DocumentRow]) -> list[tuple[DocumentRow, DocumentRow]]:
    """Consecutive stored years of one department's tables of one kind: the comparisons a
    reader wants first."""
    by_department: dict[tuple[str, str], list[DocumentRow]] = defaultdict(list)
    for d in documents:
        if d.year is not None:
            by_department[d.department, d.kind].append(d)
    out: list[tuple[DocumentRow, DocumentRow]] = []
    for docs in by_department.values():
        docs.sort(key=lambda d: (d.year or 0, d.id))
        out.extend(pairwise(docs))
    return out[-8:]
