"""The REST API, ``/api/v1``: documents, units, projects, indicators, search, review,
aggregates, comparison and exports, over the app's store.

Every route reads with one store call per block of its answer (no per-row queries); every
query lives in the store. Parameters are validated here (bounds, patterns, choices), so bad
ones are a 422 in the error envelope (:mod:`.errors`), never a 500. Every route declares
its permission (:func:`.auth.allow`) and reads only what the caller may (:mod:`.auth`):
visitors the published documents, accounts also their org scope; an API client signs in
with ``Authorization: Bearer <访问令牌>`` (tokens: the page “我的账户”).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response, StreamingResponse

from .. import __version__
from ..compare import compare
from ..errors import LimitError, NotFoundError
from ..export import FORMATS
from ..export import get as get_format
from ..interchange import dec
from ..services import accounts
from ..services.documents import iter_documents
from ..services.exports import exporter_for
from ..settings import MAX_PAGE_SIZE
from ..store import IndicatorFilter, ProjectFilter, UnitFilter
from . import convert, searching
from . import schemas as s
from .auth import ANYONE, Who, allow, check_document, check_project, readable, visibility
from .context import Context, Ctx
from .errors import ERROR_RESPONSES, ErrorEnvelope
from .guard import rate_limited
from .reviews import aggregates as document_aggregates
from .reviews import review_aggregated, reviewed_project

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)
EXPENSIVE: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorEnvelope, "description": "导出的文档数超过服务器设置的上限"},
    429: {"model": ErrorEnvelope, "description": "请求过于频繁（每个客户端每分钟的次数有上限）"},
}
"""Responses of the expensive routes (exports, search), which are rate limited."""
Limited = Depends(rate_limited)
Readers = allow("public.read")
"""Every reading route: visitors with ``public.read`` see published documents, accounts
what their scope adds (see :mod:`.auth`)."""
Anyone = allow(ANYONE)

MAX_ID = 2**31 - 1
MAX_OFFSET = 10**9
NO_NUL = r"^[^\x00]*$"
AMOUNT = r"^-?[0-9]{1,15}(\.[0-9]{1,6})?$"

Id = Annotated[int, Path(ge=1, le=MAX_ID, description="编号")]
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
Uid = Annotated[
    str, Path(min_length=36, max_length=36, pattern=UUID_PATTERN, description="稳定编号（UUID）")
]
Limit = Annotated[
    int | None, Query(ge=1, le=MAX_PAGE_SIZE, description="每页条数（默认见服务器设置）")
]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="跳过的条数")]
Text = Annotated[str | None, Query(max_length=200, pattern=NO_NUL)]
Department = Annotated[
    str | None, Query(max_length=200, pattern=NO_NUL, description="部门名称（包含即可）")
]
UnitQ = Annotated[
    str | None, Query(max_length=200, pattern=NO_NUL, description="单位名称（包含即可）")
]
NameQ = Annotated[
    str | None, Query(max_length=200, pattern=NO_NUL, description="项目名称（包含即可）")
]
Level1Q = Annotated[
    str | None,
    Query(max_length=100, pattern=NO_NUL, description="一级指标：代码、名称（包含即可）或标签"),
]
Level2Q = Annotated[
    str | None,
    Query(max_length=100, pattern=NO_NUL, description="二级指标：代码、名称（包含即可）或标签"),
]
Year = Annotated[int | None, Query(ge=1900, le=2200, description="预算年度")]
DocumentId = Annotated[int | None, Query(ge=1, le=MAX_ID, description="文档编号")]
Amount = Annotated[
    str | None, Query(pattern=AMOUNT, description="金额（文档的金额单位），如 1000 或 12.5")
]
SeverityQ = Annotated[
    Literal["error", "warning", "info"] | None,
    Query(description="至少有一条该严重程度（或更严重）的审核意见"),
]
Q = Annotated[
    str | None,
    Query(max_length=200, pattern=NO_NUL, description="全文检索：空格分隔的词，须全部出现"),
]
FormatQ = Annotated[
    str,
    Query(
        pattern="^(" + "|".join(re.escape(k) for k in FORMATS) + ")$",
        description="导出格式：" + "；".join(f"{f.key}：{f.description}" for f in FORMATS.values()),
        json_schema_extra={"enum": list(FORMATS)},
    ),
]


def _limit(ctx: Context, limit: int | None) -> int:
    return min(limit or ctx.settings.page_size, ctx.settings.max_page_size)


def _amount(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


# -- service ---------------------------------------------------------------------------------
@router.get(
    "/health", tags=["服务"], response_model=s.Health, summary="服务状态", dependencies=[Anyone]
)
def health(ctx: Ctx) -> s.Health:
    return s.Health(status="ok", version=__version__, database=ctx.store.dialect)


@router.get(
    "/formats",
    tags=["导出"],
    response_model=list[s.FormatOut],
    summary="导出格式",
    dependencies=[Anyone],
)
def formats() -> list[s.FormatOut]:
    return [
        s.FormatOut(key=f.key, suffix=f.suffix, media_type=f.media_type, description=f.description)
        for f in FORMATS.values()
    ]


# -- documents -------------------------------------------------------------------------------
@router.get(
    "/departments",
    tags=["文档"],
    response_model=list[s.DepartmentOut],
    summary="部门及其各年度文档",
    dependencies=[Readers],
)
def departments(ctx: Ctx, me: Who) -> list[s.DepartmentOut]:
    mine = readable(ctx, me)
    return convert.departments([d for d in ctx.store.documents() if mine.document(d.id)])


@router.get(
    "/documents",
    tags=["文档"],
    response_model=s.DocumentPage,
    summary="文档（部门年度）列表",
    dependencies=[Readers],
)
def documents(
    ctx: Ctx,
    me: Who,
    department: Department = None,
    year: Year = None,
    limit: Limit = None,
    offset: Offset = 0,
) -> s.DocumentPage:
    page = ctx.store.documents_page(
        department, year, _limit(ctx, limit), offset, visibility(ctx, me)
    )
    return convert.page(s.DocumentPage, page, convert.document)


@router.get(
    "/documents/{document_id}",
    tags=["文档"],
    response_model=s.AggregatesOut,
    summary="一个文档的汇总",
    dependencies=[Readers],
)
def document(ctx: Ctx, me: Who, document_id: Id) -> s.AggregatesOut:
    return aggregates(ctx, me, document_id)


@router.get(
    "/documents/{document_id}/aggregates",
    tags=["汇总与审核"],
    response_model=s.AggregatesOut,
    summary="汇总：按单位和项目的金额、按类别的指标、量化比例、按规则的审核意见",
    dependencies=[Readers],
)
def aggregates(ctx: Ctx, me: Who, document_id: Id) -> s.AggregatesOut:
    check_document(ctx, me, document_id)
    agg = document_aggregates(ctx, document_id)
    live = None if agg.reviewed else review_aggregated(ctx, agg).findings
    return convert.aggregates(agg, live)


@router.get(
    "/documents/{document_id}/review",
    tags=["汇总与审核"],
    response_model=s.ReviewOut,
    summary="审核：部门得分和等级、项目得分（最差在前）、全部审核意见",
    dependencies=[Readers],
)
def document_review(ctx: Ctx, me: Who, document_id: Id) -> s.ReviewOut:
    check_document(ctx, me, document_id)
    agg = document_aggregates(ctx, document_id)
    reviewed = review_aggregated(ctx, agg)
    return s.ReviewOut(
        document_id=document_id,
        stored=reviewed.stored,
        ruleset=ctx.ruleset.name,
        department=convert.score(reviewed.department),
        projects=[convert.project_score(sc) for sc in reviewed.ranking()],
        findings=convert.findings(reviewed.findings),
    )


# -- units, projects, indicators -------------------------------------------------------------
@router.get(
    "/units",
    tags=["单位、项目与指标"],
    response_model=s.UnitPage,
    summary="单位列表",
    dependencies=[Readers],
)
def units(
    ctx: Ctx,
    me: Who,
    department: Department = None,
    year: Year = None,
    document_id: DocumentId = None,
    limit: Limit = None,
    offset: Offset = 0,
) -> s.UnitPage:
    page = ctx.store.units(
        UnitFilter(
            department,
            year,
            document_id,
            limit=_limit(ctx, limit),
            offset=offset,
            visible=visibility(ctx, me),
        )
    )
    return convert.page(s.UnitPage, page, convert.unit)


@router.get(
    "/projects",
    tags=["单位、项目与指标"],
    response_model=s.ProjectPage,
    summary="项目列表（可筛选）",
    dependencies=[Readers],
)
def projects(
    ctx: Ctx,
    me: Who,
    department: Department = None,
    year: Year = None,
    document_id: DocumentId = None,
    unit: UnitQ = None,
    name: NameQ = None,
    level: Annotated[
        str | None,
        Query(max_length=100, pattern=NO_NUL,
              description="含该类指标的项目：一级或二级指标的代码、名称或标签，如 12、质量指标"),
    ] = None,
    min_total: Amount = None,
    max_total: Amount = None,
    severity: SeverityQ = None,
    q: Q = None,
    limit: Limit = None,
    offset: Offset = 0,
) -> s.ProjectPage:  # fmt: skip
    page = ctx.store.projects_page(
        ProjectFilter(
            department=department,
            year=year,
            unit=unit,
            name=name,
            level=level,
            min_total=_amount(min_total),
            max_total=_amount(max_total),
            limit=_limit(ctx, limit),
            offset=offset,
            document_id=document_id,
            severity=severity,
            q=q,
            visible=visibility(ctx, me),
        )
    )
    return convert.page(s.ProjectPage, page, convert.project)


@router.get(
    "/projects/{project_id}",
    tags=["单位、项目与指标"],
    response_model=s.ProjectDetail,
    summary="一个项目：资金、绩效目标、指标（含类型化的指标值）、审核意见和得分",
    dependencies=[Readers],
)
def project(ctx: Ctx, me: Who, project_id: Uid) -> s.ProjectDetail:
    check_project(ctx, me, project_id)
    view, found = reviewed_project(ctx, project_id)
    p = view.project
    return s.ProjectDetail(
        id=view.id,
        document_id=view.document_id,
        department=view.department,
        year=view.year,
        kind=view.kind,
        money_unit=view.money_unit,
        unit=view.unit,
        name=p.name,
        funds=s.FundsOut(
            total=dec(p.funds.total),
            fiscal=dec(p.funds.fiscal),
            special=dec(p.funds.special),
            other=dec(p.funds.other),
        ),
        goal=p.goal,
        details=convert.project_details(p),
        indicators=[convert.indicator(i) for i in p.indicators],
        reviewed=found.stored,
        findings=[convert.finding(f) for f in found.findings],
        score=convert.score(found.score),
    )


@router.get(
    "/indicators",
    tags=["单位、项目与指标"],
    response_model=s.IndicatorPage,
    summary="指标列表（可筛选）",
    dependencies=[Readers],
)
def indicators(
    ctx: Ctx,
    me: Who,
    department: Department = None,
    year: Year = None,
    document_id: DocumentId = None,
    project_id: Annotated[
        str | None, Query(pattern=UUID_PATTERN, description="项目的稳定编号（UUID）")
    ] = None,
    unit: UnitQ = None,
    level1: Level1Q = None,
    level2: Level2Q = None,
    quantitative: Annotated[
        bool | None, Query(description="true：指标值含可计量的数；false：只有定性的指标值")
    ] = None,
    severity: SeverityQ = None,
    q: Q = None,
    limit: Limit = None,
    offset: Offset = 0,
) -> s.IndicatorPage:  # fmt: skip
    page = ctx.store.indicators(
        IndicatorFilter(
            document_id=document_id,
            project_id=project_id,
            department=department,
            year=year,
            unit=unit,
            level1=level1,
            level2=level2,
            quantitative=quantitative,
            severity=severity,
            q=q,
            limit=_limit(ctx, limit),
            offset=offset,
            visible=visibility(ctx, me),
        )
    )
    return convert.page(s.IndicatorPage, page, convert.indicator_row)


# -- search ----------------------------------------------------------------------------------
KindQ = Literal["project", "goal", "indicator", "target"]


@router.get(
    "/search",
    tags=["检索"],
    response_model=s.SearchOut,
    responses=EXPENSIVE,
    dependencies=[Readers, Limited],
    summary="全文检索：项目名称、绩效目标、指标名称和指标值（中文可用）",
)
def search(
    ctx: Ctx,
    me: Who,
    q: Annotated[
        str,
        Query(max_length=200, pattern=NO_NUL, description="空格分隔的词，须全部出现（不分大小写）"),
    ],
    department: Department = None,
    year: Year = None,
    kind: Annotated[
        list[KindQ] | None, Query(description="只检索这些：project、goal、indicator、target")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> s.SearchOut:  # fmt: skip
    page = searching.search(ctx, me, q, department=department, year=year, kinds=kind or None,
                            limit=limit, offset=offset)  # fmt: skip
    return convert.search(q, page)


# -- compare ---------------------------------------------------------------------------------
@router.get(
    "/compare",
    tags=["对比"],
    response_model=s.CompareOut,
    summary="对比两个文档：同一部门两个年度，或两个部门（项目按名称匹配）",
    dependencies=[Readers],
)
def compare_documents(
    ctx: Ctx,
    me: Who,
    before: Annotated[int, Query(ge=1, le=MAX_ID, description="前一个文档的编号")],
    after: Annotated[int, Query(ge=1, le=MAX_ID, description="后一个文档的编号")],
) -> s.CompareOut:
    check_document(ctx, me, before)
    check_document(ctx, me, after)
    result = compare(ctx.store.load(before), ctx.store.load(after))
    return convert.comparison(result, before, after)


# -- exports ---------------------------------------------------------------------------------
def _export_schema(media_type: str) -> dict[str, Any]:
    if media_type.endswith("json"):
        return {"type": "array", "items": {"type": "object"}}  # interchange documents
    if media_type.startswith("text/"):
        return {"type": "string"}
    return {"type": "string", "format": "binary"}


EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "导出的文件（附件）",
        "content": {
            media: {"schema": _export_schema(media)}
            for media in dict.fromkeys(f.media_type for f in FORMATS.values())
        },
    }
}


def _attachment(name: str, suffix: str) -> str:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "jixiao"
    return (
        f'attachment; filename="{ascii_name}{suffix}"; '
        f"filename*=UTF-8''{quote(name + suffix, safe='')}"
    )


def _whole(fmt: str) -> bool:
    """Whether ``fmt`` is built whole in memory before it is sent (binary files, HTML, and
    every format that may refuse a later document)."""
    exporter = get_format(fmt)
    return not exporter.stream or exporter.binary or exporter.media_type == "text/html"


def _export(fmt: str, chunks: Iterator[bytes], name: str) -> Response:
    exporter = get_format(fmt)
    headers = {"Content-Disposition": _attachment(name, exporter.suffix)}
    first = next(chunks, b"")  # errors before the first byte still get the error envelope
    media = exporter.media_type
    if _whole(fmt):  # may refuse a later document: made whole before answering
        return Response(first + b"".join(chunks), media_type=media, headers=headers)

    def rest() -> Iterator[bytes]:
        yield first
        yield from chunks

    return StreamingResponse(rest(), media_type=media, headers=headers)


@router.get(
    "/documents/{document_id}/export",
    tags=["导出"],
    response_class=Response,
    responses={**EXPORT_RESPONSES, **EXPENSIVE},
    dependencies=[Readers, Limited],
    summary="导出一个文档",
)
def export_document(
    ctx: Ctx,
    me: Who,
    document_id: Id,
    format: FormatQ = "json",
    annex: Annotated[
        bool, Query(description="pdf / html：表后附审核意见（附件：审核意见）")
    ] = False,
) -> Response:
    check_document(ctx, me, document_id)
    doc = ctx.store.load(document_id)
    name = f"{doc.department}-{doc.year}" if doc.year else doc.department
    accounts.record(ctx.store, me.actor, "导出", f"文档 {document_id}", detail={"format": format})
    return _export(format, exporter_for(format, annex=annex)([doc]), name)


@router.get(
    "/export",
    tags=["导出"],
    response_class=Response,
    responses={**EXPORT_RESPONSES, **EXPENSIVE},
    dependencies=[Readers, Limited],
    summary="导出多个文档（按部门、年度筛选；不筛选则全部）。"
    "xlsx、pdf、html 在服务器上整份生成，文档数有上限（超过时 413，请按部门或年度缩小范围）；"
    "json、csv、text、datapackage 边读边发。",
)
def export_documents(
    ctx: Ctx,
    me: Who,
    format: FormatQ = "json",
    department: Annotated[
        str | None, Query(max_length=200, pattern=NO_NUL, description="部门名称（完全一致）")
    ] = None,
    year: Year = None,
) -> Response:
    exporter = get_format(format)
    mine = readable(ctx, me)
    ids = [
        d.id
        for d in ctx.store.documents()
        if mine.document(d.id)
        and (department is None or d.department == department)
        and (year is None or d.year == year)
    ]
    if _whole(format):
        count = len(ids)
        cap = ctx.settings.export_documents
        if count > cap:
            raise LimitError(
                f"{format} 导出要在服务器上整份生成，符合条件的文档有 {count:,} 个，超过上限 "
                f"{cap:,} 个：请加 department 或 year 缩小范围，或改用 json / csv 导出",
                key="export_documents",
                limit=cap,
                value=count,
            )
    docs = iter_documents(ctx.store, ids)
    first = next(docs, None)
    if first is None:
        raise NotFoundError(
            "没有符合条件的文档可导出", expected="已入库的部门名称（完全一致）和年度"
        )

    def all_docs() -> Iterator[Any]:
        yield first
        yield from docs

    name = "-".join(str(p) for p in ("jixiao", department, year) if p)
    accounts.record(ctx.store, me.actor, "导出", f"文档 {'、'.join(map(str, ids[:20]))}",
                    detail={"format": format, "documents": len(ids)})  # fmt: skip
    return _export(format, exporter.export(all_docs()), name)
