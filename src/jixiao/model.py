"""The typed model of a 项目支出绩效目标表 (project expenditure performance-target table), a
部门整体支出绩效目标表 and a 项目支出绩效自评表 (self-evaluation).

Document (``kind``) → units (资金使用单位) → projects → funds, goals (绩效目标) and indicators; each
indicator has a level-1 and level-2 class (code + name), a name (三级指标) and two typed targets:
``cycle`` (实施周期指标值) and ``annual`` (年度指标值), plus what real templates add: weight
(分值 / 权重), direction, the separate unit column, explanation and standard; and, in a
self-evaluation, the ``actual`` (实际完成值, typed exactly like a target), ``score`` (得分) and
``deviation`` (偏差原因). A self-evaluated project carries its budget ``execution``. Money is
:class:`~decimal.Decimal` in the document's own unit (``money_unit``, e.g. 万元); nothing here is
a float.

Pure data: no I/O, no parsing. Conversions to and from the interchange JSON live in
:mod:`jixiao.interchange`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

TargetKind = Literal["quantitative", "qualitative", "composite"]
Op = Literal["≥", "≤", ">", "<", "=", "≈", "range"]
NoteLevel = Literal["warning", "info"]
DocumentKind = Literal["target", "selfeval", "dept-whole"]

DOCUMENT_KINDS: dict[str, str] = {
    "target": "项目支出绩效目标表",
    "selfeval": "项目支出绩效自评表",
    "dept-whole": "部门整体支出绩效目标表",
}
"""Document kinds and what each is called."""

EXECUTION_FIELDS: tuple[str, ...] = ("initial", "full_year", "executed", "rate", "weight", "score")
BUDGET_FIELDS: frozenset[str] = frozenset(("initial", "full_year"))
"""The :data:`EXECUTION_FIELDS` that state a budget only: a form giving no other says nothing of
the year's execution (a target form's 预算数, no self-evaluation)."""
"""Budget execution of a self-evaluated project in table order: 年初预算数,
全年预算数 (调整后预算数), 全年执行数, 执行率 (percent), 分值, 得分."""

EXECUTION_LABELS: dict[str, str] = {
    "initial": "年初预算数",
    "full_year": "全年预算数",
    "executed": "全年执行数",
    "rate": "执行率",
    "weight": "分值",
    "score": "得分",
}
"""What each :data:`EXECUTION_FIELDS` field is called in the tables (``rate`` is a percent)."""

FUND_FIELDS: tuple[str, ...] = ("total", "fiscal", "special", "other")
"""Fund columns in table order: 总计, 财政拨款, 财政专户拨款, 其他资金."""

SOURCE_FIELDS: tuple[str, ...] = FUND_FIELDS[1:]
"""The fund columns a total is made of (其中：财政拨款 …)."""

FUND_LABELS: dict[str, str] = {
    "total": "总计",
    "fiscal": "财政拨款",
    "special": "财政专户拨款",
    "other": "其他资金",
}

ExtraKind = Literal["number", "text", "target"]


@dataclass(frozen=True, slots=True)
class Extra:
    """An optional field that real templates add to a project or an indicator, as every view
    of it (store columns, CSV, data package, pages) treats it: a ``number`` (``Decimal``), a
    ``text`` or a ``target`` (typed exactly like a target); ``label`` is what the tables call
    it. ``None`` in the model means the template has no such column or leaves it empty."""

    name: str
    kind: ExtraKind
    label: str


INDICATOR_EXTRAS: tuple[Extra, ...] = (
    Extra("weight", "number", "分值"),
    Extra("direction", "text", "指标方向"),
    Extra("measure", "text", "度量单位"),
    Extra("explanation", "text", "指标解释"),
    Extra("standard", "text", "绩效标准"),
    Extra("actual", "target", "实际完成值"),
    Extra("score", "number", "得分"),
    Extra("deviation", "text", "偏差原因"),
)
"""The optional fields of an :class:`Indicator`, in the order every table view lists them."""

PROJECT_EXTRAS: tuple[Extra, ...] = (
    Extra("code", "text", "项目编码"),
    Extra("department", "text", "主管部门"),
    Extra("unit", "text", "实施单位"),
    Extra("period", "text", "实施期"),
    Extra("period_goal", "text", "实施期目标"),
    Extra("goal_result", "text", "实际完成情况"),
    Extra("score", "number", "总分"),
    Extra("grade", "text", "等级"),
)
"""The optional fields of a :class:`Project` (its ``execution`` apart: :data:`EXECUTION_FIELDS`),
in the order every table view lists them."""

SELFEVAL_FIELDS: tuple[str, ...] = ("actual", "score", "deviation")
"""The indicator fields only a self-evaluation fills (实际完成值, 得分, 偏差原因)."""


_CENT = Decimal("0.01")

MONEY_FACTORS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "百万元": Decimal(1000000),
    "亿元": Decimal(100000000),
}
"""Money units in 元, for comparing tables published in different units."""


def money_factor(unit: str) -> Decimal | None:
    """How many 元 one ``unit`` is; ``None`` for a unit not in :data:`MONEY_FACTORS`."""
    return MONEY_FACTORS.get(unit.strip())


def amount_text(value: Decimal | None) -> str:
    """An amount as the tables print it: ``Decimal('12537')`` → ``12,537.00`` (two decimals at
    least, more when the value has them); ``""`` for an empty column."""
    if value is None:
        return ""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        value = value.quantize(_CENT)
    return f"{value:,}"


@dataclass(slots=True)
class Funds:
    """The money of a document, unit or project; ``None`` for an empty column."""

    total: Decimal | None = None
    fiscal: Decimal | None = None  # 财政拨款
    special: Decimal | None = None  # 财政专户拨款
    other: Decimal | None = None  # 其他资金

    def sources(self) -> list[Decimal]:
        """The non-empty fund-source columns (everything but ``total``)."""
        return [v for v in (getattr(self, f) for f in SOURCE_FIELDS) if v is not None]

    def is_empty(self) -> bool:
        return self.total is None and not self.sources()

    @classmethod
    def sum(cls, items: Iterable[Funds]) -> Funds:
        """Column by column sums; a column stays ``None`` where every item leaves it empty."""
        total = cls()
        for funds in items:
            for name in FUND_FIELDS:
                value = getattr(funds, name)
                if value is not None:
                    current = getattr(total, name)
                    setattr(total, name, value if current is None else current + value)
        return total


@dataclass(slots=True)
class Level:
    """An indicator class as written (code may be absent) — e.g. ``Level("11", "数量指标")``."""

    code: str | None
    name: str

    def label(self) -> str:
        return f"{self.code}-{self.name}" if self.code else self.name


@dataclass(slots=True)
class Target:
    """A target value: the source text and what could be typed out of it.

    ``kind`` is ``quantitative`` (one measurable number: ``op``, ``value``, ``upper`` for
    ranges, ``unit``), ``qualitative`` (no measurable number) or ``composite`` (several;
    ``parts`` holds one typed target each, with its own ``label``). ``text`` is never lost.
    """

    text: str
    kind: TargetKind = "qualitative"
    op: Op | None = None
    value: Decimal | None = None
    upper: Decimal | None = None
    unit: str | None = None
    label: str | None = None
    parts: list[Target] = field(default_factory=list)


@dataclass(slots=True)
class Indicator:
    """One 三级指标 row. The optional fields are what a template's extra columns state, ``None``
    where it has no such column or leaves the cell empty."""

    seq: int
    level1: Level
    level2: Level
    name: str
    cycle: Target
    annual: Target
    weight: Decimal | None = None  # 分值 / 权重
    direction: str | None = None  # 正向 / 反向, as written
    measure: str | None = None  # the separate unit column (度量单位), as written
    explanation: str | None = None  # 指标解释 / 指标值内容
    standard: str | None = None  # 绩效标准 / 取值依据 / 评(扣)分标准
    actual: Target | None = None  # 实际完成值 (self-evaluations)
    score: Decimal | None = None  # 得分 (self-evaluations)
    deviation: str | None = None  # 偏差原因分析及改进措施 (self-evaluations)
    id: str = ""  # stable identity (a UUID); "" until assign_ids gives one


@dataclass(slots=True)
class Execution:
    """A self-evaluated project's budget execution (the 年度资金总额 row); ``rate`` in percent
    (``Decimal("83.5")`` for 83.5%)."""

    initial: Decimal | None = None  # 年初预算数
    full_year: Decimal | None = None  # 全年预算数 / 调整后预算数
    executed: Decimal | None = None  # 全年执行数 / 预算执行数
    rate: Decimal | None = None  # 执行率, percent
    weight: Decimal | None = None  # 分值 / 权重
    score: Decimal | None = None  # 得分

    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in EXECUTION_FIELDS)

    def budget_only(self) -> bool:
        """Only a budget (年初 / 全年预算数): nothing of the year's execution."""
        return all(getattr(self, n) is None for n in EXECUTION_FIELDS if n not in BUDGET_FIELDS)


@dataclass(slots=True)
class Project:
    """A project. ``goal`` is the 年度目标 (or the one 总体目标 a form states); ``period_goal`` the
    实施期 / 中期 / 长期 goal; ``goal_result`` the 实际完成情况 a self-evaluation reports.
    ``department`` and ``unit`` are the 主管部门 and 实施单位 as a one-project form states them;
    ``score`` and ``grade`` the 总分 and 等级 a self-evaluation prints."""

    name: str
    funds: Funds
    goal: str
    indicators: list[Indicator] = field(default_factory=list)
    code: str | None = None  # 项目编码
    period: str | None = None  # 实施期 / 项目期限, as written
    department: str | None = None
    unit: str | None = None
    period_goal: str | None = None
    goal_result: str | None = None
    execution: Execution | None = None
    score: Decimal | None = None
    grade: str | None = None
    id: str = ""  # stable identity (a UUID); "" until assign_ids gives one


@dataclass(slots=True)
class Unit:
    name: str
    funds: Funds
    projects: list[Project] = field(default_factory=list)
    id: str = ""  # stable identity (a UUID); "" until assign_ids gives one


@dataclass(slots=True)
class Note:
    """Something the reader inferred, doubted or could not reconcile, kept on the document."""

    level: NoteLevel
    code: str
    message: str
    line: int | None = None
    unit: str | None = None
    project: str | None = None


@dataclass(slots=True)
class Source:
    """Where a document came from: file name, sha256 of its bytes, and the layout read."""

    name: str
    sha256: str
    layout: str


@dataclass(slots=True)
class Document:
    department: str
    year: int | None
    money_unit: str
    funds: Funds
    units: list[Unit] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    title: str | None = None
    source: Source | None = None
    kind: DocumentKind = "target"

    def projects(self) -> Iterator[tuple[Unit, Project]]:
        for unit in self.units:
            for project in unit.projects:
                yield unit, project

    def indicators(self) -> Iterator[tuple[Unit, Project, Indicator]]:
        for unit, project in self.projects():
            for indicator in project.indicators:
                yield unit, project, indicator

    def project(self, project_id: str) -> tuple[Unit, Project] | None:
        """The project with that id, with its unit; ``None`` if there is none."""
        for unit, project in self.projects():
            if project.id == project_id:
                return unit, project
        return None

    def counts(self) -> dict[str, int]:
        return {
            "units": len(self.units),
            "projects": sum(1 for _ in self.projects()),
            "indicators": sum(1 for _ in self.indicators()),
        }

    def note(self, level: NoteLevel, code: str, message: str, **where: object) -> None:
        self.notes.append(Note(level, code, message, **where))  # type: ignore[arg-type]


# -- identity -------------------------------------------------------------------------------
ID_NAMESPACE = uuid.UUID("6f1c3c1e-8d0b-5b8e-9a57-1c6f4f3a2b10")
"""The namespace of the ids :func:`assign_ids` derives (UUID version 5)."""


def new_id() -> str:
    """A fresh random id (UUID version 4), for an object made by hand (an edit, a form)."""
    return str(uuid.uuid4())


def stable_id(seed: str, *path: object) -> str:
    """The id derived from ``seed`` (a document's sha256) and a position: the same file read
    twice gives the same ids."""
    return str(uuid.uuid5(ID_NAMESPACE, "/".join([seed, *map(str, path)])))


def assign_ids(doc: Document, seed: str) -> Document:
    """Give every unit, project and indicator of ``doc`` that has none an id derived from
    ``seed`` and its position (units ``u/U``, projects ``p/U/P``, indicators ``i/U/P/I``);
    ids already there are kept. Returns ``doc``."""
    for u_pos, unit in enumerate(doc.units):
        unit.id = unit.id or stable_id(seed, "u", u_pos)
        for p_pos, project in enumerate(unit.projects):
            project.id = project.id or stable_id(seed, "p", u_pos, p_pos)
            for i_pos, ind in enumerate(project.indicators):
                ind.id = ind.id or stable_id(seed, "i", u_pos, p_pos, i_pos)
    return doc


def year_label(year: int | None) -> str:
    """A budget year as people read it: ``2025年度``; ``年度未注明`` when the table names none
    (never "年度未知 年度"). The one wording of a year on pages, reports and the command line."""
    return "年度未注明" if year is None else f"{year}年度"


QUANTIFIED_LABEL = "定量指标"
"""The one name of :func:`is_quantified` indicators, on pages, reports and the command line."""


def is_quantified(indicator: Indicator) -> bool:
    """A 定量指标: its 实施周期 or its 年度 指标值 holds a measurable number (typed
    ``quantitative``, or ``composite``: several). The one definition, counted over indicators
    (not over target texts) wherever a share of them is shown; the store's SQL mirrors it
    (``store.pages.quantitative_condition``)."""
    return indicator.cycle.kind != "qualitative" or indicator.annual.kind != "qualitative"


def quantified_text(quantified: int, indicators: int) -> str:
    """``161/212（75.9%）``: how many indicators are 定量指标, of how many — the same words and
    precision in every place that shows the share (``—`` without indicators)."""
    if not indicators:
        return "—"
    return f"{quantified}/{indicators}（{quantified / indicators:.1%}）"
