"""The typed model of a 项目支出绩效目标表 (project expenditure performance-target table).

Document → units (资金使用单位) → projects → funds, goal (绩效目标) and indicators; each indicator
has a level-1 and level-2 class (code + name), a name (三级指标) and two typed targets: ``cycle``
(实施周期指标值) and ``annual`` (年度指标值). Money is :class:`~decimal.Decimal` in the
document's own unit (``money_unit``, e.g. 万元); nothing here is a float.

Pure data: no I/O, no parsing. Conversions to and from the interchange JSON live in
:mod:`jixiao.interchange`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

TargetKind = Literal["quantitative", "qualitative", "composite"]
Op = Literal["≥", "≤", ">", "<", "=", "≈", "range"]
NoteLevel = Literal["warning", "info"]

FUND_FIELDS: tuple[str, ...] = ("total", "fiscal", "special", "other")
"""Fund columns in table order: 总计, 财政拨款, 财政专户拨款, 其他资金."""


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
        return [v for v in (self.fiscal, self.special, self.other) if v is not None]

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
    seq: int
    level1: Level
    level2: Level
    name: str
    cycle: Target
    annual: Target


@dataclass(slots=True)
class Project:
    name: str
    funds: Funds
    goal: str
    indicators: list[Indicator] = field(default_factory=list)


@dataclass(slots=True)
class Unit:
    name: str
    funds: Funds
    projects: list[Project] = field(default_factory=list)


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

    def projects(self) -> Iterator[tuple[Unit, Project]]:
        for unit in self.units:
            for project in unit.projects:
                yield unit, project

    def indicators(self) -> Iterator[tuple[Unit, Project, Indicator]]:
        for unit, project in self.projects():
            for indicator in project.indicators:
                yield unit, project, indicator

    def counts(self) -> dict[str, int]:
        return {
            "units": len(self.units),
            "projects": sum(1 for _ in self.projects()),
            "indicators": sum(1 for _ in self.indicators()),
        }

    def note(self, level: NoteLevel, code: str, message: str, **where: object) -> None:
        self.notes.append(Note(level, code, message, **where))  # type: ignore[arg-type]
