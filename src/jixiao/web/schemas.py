"""The API's response models: the JSON every ``/api/v1`` route returns, typed for OpenAPI.

Decimals (money, target values) are strings written as in the source, like the interchange
JSON (``docs/format.md``): ``"12537.00"``, ``"16.4"``; ``null`` for an empty column. Money is in
the document's ``money_unit``. Shares are fractions in [0, 1].
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..model import DOCUMENT_KINDS, DocumentKind

T = TypeVar("T")

Decimal_ = str
"""A decimal number as a string (see the module docstring)."""

Severity = Literal["error", "warning", "info"]
TargetKind = Literal["quantitative", "qualitative", "composite"]
KIND_DESCRIPTION = "表的类型：" + "；".join(f"{k} {name}" for k, name in DOCUMENT_KINDS.items())


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class PageOut(Model, Generic[T]):
    """One page of a listing: ``items``, how many match in all (``total``), and the window."""

    items: list[T]
    total: int = Field(ge=0, description="符合条件的总条数")
    limit: int = Field(ge=0)
    offset: int = Field(ge=0)


class Health(Model):
    status: Literal["ok"]
    version: str
    database: str = Field(description="sqlite 或 postgresql")


class FundsOut(Model):
    """总计, 财政拨款, 财政专户拨款, 其他资金 (``null``: empty column)."""

    total: Decimal_ | None
    fiscal: Decimal_ | None
    special: Decimal_ | None
    other: Decimal_ | None


class LevelOut(Model):
    code: str | None
    name: str


class TargetPartOut(Model):
    label: str | None
    text: str
    kind: TargetKind
    op: str | None
    value: Decimal_ | None
    upper: Decimal_ | None
    unit: str | None


class TargetOut(Model):
    """A target as published (``text``) and typed: ``op`` (≥ ≤ > < = ≈ range), ``value``,
    ``upper`` (ranges), ``unit``; ``parts`` for composite targets."""

    text: str
    kind: TargetKind
    op: str | None
    value: Decimal_ | None
    upper: Decimal_ | None
    unit: str | None
    parts: list[TargetPartOut] = Field(default_factory=list)


class IndicatorExtrasOut(Model):
    """What real templates add to an indicator (``null`` where the table has none): weight,
    direction, the unit column, explanation, standard, and a self-evaluation's actual (typed
    like a target), score and deviation."""

    weight: Decimal_ | None = Field(description="分值 / 权重")
    direction: str | None = Field(description="指标方向（正向 / 反向），照录")
    measure: str | None = Field(description="度量单位列，照录")
    explanation: str | None = Field(description="指标解释 / 指标值内容")
    standard: str | None = Field(description="绩效标准 / 评（扣）分标准")
    actual: TargetOut | None = Field(description="实际完成值（自评表），类型化同指标值")
    score: Decimal_ | None = Field(description="得分（自评表）")
    deviation: str | None = Field(description="偏差原因分析及改进措施（自评表）")


class ExecutionOut(Model):
    """A self-evaluated project's budget execution (年度资金总额), in the document's money unit."""

    initial: Decimal_ | None = Field(description="年初预算数")
    full_year: Decimal_ | None = Field(description="全年预算数（调整后预算数）")
    executed: Decimal_ | None = Field(description="全年执行数")
    rate: Decimal_ | None = Field(description="执行率（百分数：95.61 即 95.61%）")
    weight: Decimal_ | None = Field(description="分值")
    score: Decimal_ | None = Field(description="得分")


class ProjectDetailsOut(Model):
    """What a table states about a project beyond its name, funds and goal (``null`` where it
    states nothing); the printed ``score`` and ``grade`` are the table's own, not the review's."""

    code: str | None = Field(description="项目编码")
    department: str | None = Field(description="主管部门（表中所写）")
    unit: str | None = Field(description="实施单位（表中所写）")
    period: str | None = Field(description="实施期，照录")
    period_goal: str | None = Field(description="实施期目标 / 中长期目标")
    goal_result: str | None = Field(description="年度目标的实际完成情况（自评表）")
    execution: ExecutionOut | None = Field(description="预算执行（自评表）")
    score: Decimal_ | None = Field(description="表中的总分（自评表）")
    grade: str | None = Field(description="表中的等级（自评表）")


class DocumentOut(Model):
    """One stored document: a department's table for a year."""

    id: int
    department: str
    year: int | None
    kind: DocumentKind = Field(description=KIND_DESCRIPTION)
    money_unit: str
    total: Decimal_ | None
    units: int
    projects: int
    indicators: int
    source_name: str | None
    ingested_at: str = Field(description="入库时间（ISO 8601，UTC）")


class UnitOut(Model):
    """A 资金使用单位 of a document, with its money and counts."""

    id: str = Field(description="单位的稳定编号（UUID）")
    document_id: int
    department: str
    year: int | None
    name: str
    money_unit: str
    total: Decimal_ | None
    fiscal: Decimal_ | None
    projects: int
    indicators: int


class ProjectOut(Model):
    id: str = Field(description="项目的稳定编号（UUID）")
    department: str
    year: int | None
    unit: str
    name: str
    money_unit: str
    total: Decimal_ | None
    fiscal: Decimal_ | None
    indicators: int


class IndicatorOut(IndicatorExtrasOut):
    """An indicator in a project: its classes, name, both targets and what templates add."""

    id: str | None = Field(description="指标的稳定编号（UUID）")
    seq: int
    level1: LevelOut
    level2: LevelOut
    name: str
    cycle: TargetOut = Field(description="实施周期指标值")
    annual: TargetOut = Field(description="年度指标值")


class IndicatorRowOut(IndicatorExtrasOut):
    """An indicator in a listing, with where it belongs; classes as labels (``11-数量指标``)."""

    id: str = Field(description="指标的稳定编号（UUID）")
    document_id: int
    project_id: str = Field(description="项目的稳定编号（UUID）")
    department: str
    year: int | None
    unit: str
    project: str
    seq: int
    level1: str
    level2: str
    name: str
    cycle: TargetOut = Field(description="实施周期指标值")
    annual: TargetOut = Field(description="年度指标值")
    quantitative: bool = Field(description="实施周期或年度指标值含可计量的数（定量或复合）")


class FindingOut(Model):
    """One review finding: what is wrong, where (unit, project, indicator seq, field), why."""

    rule: str
    title: str = Field(description="规则的中文标题")
    severity: Severity
    dimension: str
    unit: str | None
    project: str | None
    project_id: str | None = Field(description="项目的稳定编号；null：关于整个文档")
    indicator: int | None = Field(description="指标序号（项目内）；null：关于整个项目或文档")
    indicator_id: str | None = Field(
        default=None, description="指标的稳定编号；null：关于整个项目或文档"
    )
    field: str | None
    message: str
    evidence: str | None


class ScoreOut(Model):
    score: float
    grade: str
    dimensions: dict[str, float]
    findings: dict[str, int] = Field(description="各严重程度的问题数")


class ProjectScoreOut(ScoreOut):
    project_id: str | None = Field(description="项目的稳定编号（UUID）")
    unit: str | None
    project: str | None
    total: Decimal_ | None


class ProjectDetail(Model):
    """One project as published, with its typed targets (and, in a self-evaluation, its
    execution and actuals), findings and score."""

    id: str = Field(description="项目的稳定编号（UUID）")
    document_id: int
    department: str
    year: int | None
    kind: DocumentKind = Field(description=KIND_DESCRIPTION)
    money_unit: str
    unit: str
    name: str
    funds: FundsOut
    goal: str
    details: ProjectDetailsOut
    indicators: list[IndicatorOut]
    reviewed: bool
    findings: list[FindingOut]
    score: ScoreOut | None


class UnitMoney(Model):
    unit_id: str = Field(description="单位的稳定编号（UUID）")
    name: str
    total: Decimal_ | None
    fiscal: Decimal_ | None
    projects: int


class ProjectMoney(Model):
    project_id: str = Field(description="项目的稳定编号（UUID）")
    unit: str
    name: str
    total: Decimal_ | None
    fiscal: Decimal_ | None


class ClassCount(Model):
    level1: str
    level2: str
    indicators: int
    quantitative: int


class RuleCount(Model):
    rule: str
    title: str
    severity: Severity
    findings: int


class AggregatesOut(Model):
    """A document in figures: money by unit and project, indicators by class, quantified share,
    findings by rule and severity."""

    document_id: int
    department: str
    year: int | None
    kind: DocumentKind = Field(description=KIND_DESCRIPTION)
    money_unit: str
    total: Decimal_ | None
    fiscal: Decimal_ | None
    money_by_unit: list[UnitMoney]
    money_by_project: list[ProjectMoney]
    indicators_by_class: list[ClassCount]
    indicators: int
    quantitative: int
    quantified_share: float = Field(ge=0, le=1)
    reviewed: bool = Field(description="审核意见是否随文档入库；否则按服务器的规则集现场审核")
    findings_by_rule: list[RuleCount]
    findings_by_severity: dict[str, int]


class ReviewOut(Model):
    """The review of a document: department score and grade, projects worst first, findings.
    ``stored``: the findings were stored with the document; else computed now with the
    server's ruleset."""

    document_id: int
    stored: bool
    ruleset: str
    department: ScoreOut
    projects: list[ProjectScoreOut]
    findings: list[FindingOut]


class FindingPage(PageOut[FindingOut]):
    pass


class DocumentPage(PageOut[DocumentOut]):
    pass


class UnitPage(PageOut[UnitOut]):
    pass


class ProjectPage(PageOut[ProjectOut]):
    pass


class IndicatorPage(PageOut[IndicatorRowOut]):
    pass


class DepartmentOut(Model):
    """A department with its stored documents (one per year), latest year first."""

    department: str
    documents: list[DocumentOut]


class Fragment(Model):
    text: str
    match: bool


class SearchHitOut(Model):
    kind: str = Field(description="project、goal、indicator 或 target")
    document_id: int
    project_id: str = Field(description="项目的稳定编号（UUID）")
    indicator_id: str | None = Field(description="指标的稳定编号（UUID）；null：不是指标")
    department: str
    year: int | None
    unit: str
    project: str
    field: str = Field(description="name、goal、cycle 或 annual")
    text: str
    fragments: list[Fragment] = Field(description="命中处标出的文本片段")


class SearchOut(Model):
    query: str
    total: int = Field(description="命中总数（超过上限时为上限，见 total_capped）")
    total_capped: bool
    limit: int
    offset: int
    hits: list[SearchHitOut]


class SideOut(Model):
    document_id: int
    department: str
    year: int | None
    money_unit: str
    funds: FundsOut
    units: int
    projects: int
    indicators: int
    quantitative: int
    quantified_share: float


class DeltaOut(Model):
    field: str
    before: Decimal_ | None
    after: Decimal_ | None
    change: Decimal_ | None


class IndicatorChangeOut(Model):
    status: Literal["same", "changed", "added", "removed"]
    name: str
    changes: list[str]
    before: IndicatorOut | None
    after: IndicatorOut | None
    matched: Literal["name", "similar"] | None


class ProjectChangeOut(Model):
    """A project of either side: matched (``same`` / ``changed``), ``added`` or ``removed``;
    ``matched`` says how (``similar``: nearly the same name, a guess)."""

    status: Literal["same", "changed", "added", "removed"]
    name: str
    matched: Literal["name", "similar"] | None
    renamed: bool
    before_unit: str | None
    after_unit: str | None
    before_name: str | None
    after_name: str | None
    funds: list[DeltaOut]
    goal_changed: bool
    before_goal: str | None
    after_goal: str | None
    indicators: list[IndicatorChangeOut]


class CompareOut(Model):
    """Two documents side by side; ``after``'s amounts in ``before``'s money unit."""

    before: SideOut
    after: SideOut
    funds: list[DeltaOut]
    summary: dict[str, int] = Field(description="same、changed、added、removed 各多少个项目")
    projects: list[ProjectChangeOut]
    notes: list[str]


class FormatOut(Model):
    key: str
    suffix: str
    media_type: str
    description: str
