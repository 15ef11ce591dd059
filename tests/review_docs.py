"""Small hand-made documents for review tests (builders, no fixtures)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import Document, Funds, Indicator, Level, Project, Unit
from jixiao.targets import type_target

LEVELS = {
    "11": ("1", "产出指标", "数量指标"),
    "12": ("1", "产出指标", "质量指标"),
    "13": ("1", "产出指标", "时效指标"),
    "21": ("2", "效益指标", "经济效益"),
    "22": ("2", "效益指标", "社会效益"),
    "31": ("3", "满意度指标", "服务对象满意度"),
    "41": ("4", "成本指标", "经济成本指标"),
}


def indicator(seq: int, code: str, name: str, cycle: str, annual: str | None = None) -> Indicator:
    c1, n1, n2 = LEVELS[code]
    return Indicator(
        seq, Level(c1, n1), Level(code, n2), name, type_target(cycle),
        type_target(cycle if annual is None else annual),
    )  # fmt: skip


def project(
    name: str, total: str, goal: str, *specs: tuple[str, str, str] | tuple[str, str, str, str]
) -> Project:
    """A project with indicators given as (code, name, cycle[, annual])."""
    inds = [indicator(k, *spec) for k, spec in enumerate(specs, start=1)]
    return Project(name, Funds(Decimal(total), Decimal(total)), goal, inds)


def document(
    *units: tuple[str, list[Project]], department: str = "示例局", year: int = 2025
) -> Document:
    built = []
    for name, projects in units:
        total = sum((p.funds.total or Decimal(0) for p in projects), Decimal(0))
        built.append(Unit(name, Funds(total, total), projects))
    grand = sum((u.funds.total or Decimal(0) for u in built), Decimal(0))
    return Document(department, year, "万元", Funds(grand, grand), built)


GOOD = project(
    "社区科普活动", "50.00", "面向社区居民开展科普讲座和展览，提高居民科学素质。",
    ("11", "举办科普讲座场次", "≥20场"),
    ("12", "讲座内容审核合格率", "100%"),
    ("13", "活动按期完成率", "≥95%"),
    ("22", "参与居民人次", "≥2000人次"),
    ("31", "参与居民满意度", "≥90%"),
    ("41", "单场活动成本", "≤2.5万元"),
)  # fmt: skip
