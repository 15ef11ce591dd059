"""Builders for the measurability, consistency and hygiene rule tests: small documents written
in code, reviewed through :func:`jixiao.review.review`, and rulesets written to a TOML file."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from jixiao.ingest.text_layout import parse_text
from jixiao.model import Document, Funds, Indicator, Level, Project, Unit
from jixiao.review import Finding, Ruleset, load_ruleset, review
from jixiao.targets import type_target

from .helpers import seed_text

CLASSES = {
    "11": ("1-产出指标", "11-数量指标"),
    "12": ("1-产出指标", "12-质量指标"),
    "13": ("1-产出指标", "13-时效指标"),
    "21": ("2-效益指标", "21-经济效益"),
    "22": ("2-效益指标", "22-社会效益"),
    "31": ("3-满意度指标", "31-服务对象满意度"),
    "41": ("4-成本指标", "41-经济成本指标"),
}


def _level(label: str) -> Level:
    code, _, name = label.partition("-")
    return Level(code, name) if name else Level(None, label)


def ind(name: str, cycle: str, annual: str | None = None, cls: str = "11") -> Indicator:
    """An indicator (seq set by :func:`proj`); ``annual`` defaults to the ``cycle`` text."""
    l1, l2 = CLASSES[cls]
    return Indicator(
        0, _level(l1), _level(l2), name, type_target(cycle), type_target(annual or cycle)
    )


def proj(name: str, *inds: Indicator, goal: str = "开展示例工作，保障业务正常运行。") -> Project:
    """A project of 10.00 万元 with ``inds`` numbered 1, 2, …"""
    for k, indicator in enumerate(inds, start=1):
        indicator.seq = k
    return Project(name, Funds(Decimal("10.00"), Decimal("10.00")), goal, list(inds))


def doc(*projects: Project, unit: str = "示例单位") -> Document:
    """A document of one unit holding ``projects``."""
    total = Decimal("10.00") * len(projects)
    return Document(
        "示例局",
        2025,
        "万元",
        Funds(total, total),
        [Unit(unit, Funds(total, total), list(projects))],
    )


def units(*spec: tuple[str, list[Project]]) -> Document:
    """A document of several units: (unit name, projects)."""
    built = [Unit(n, Funds(Decimal("10.00") * len(p), None), p) for n, p in spec]
    return Document("示例局", 2025, "万元", Funds(None, None), built)


def found(subject: Document | Project, rule: str, ruleset: Ruleset | None = None) -> list[Finding]:
    """The findings of one rule for a document (or a project alone in a document)."""
    document = subject if isinstance(subject, Document) else doc(subject)
    return [f for f in review(document, ruleset or load_ruleset()) if f.rule == rule]


def ruleset(tmp_path: Path, toml: str) -> Ruleset:
    """A bureau's ruleset: ``toml`` written to a file and loaded over the defaults."""
    path = tmp_path / "bureau.toml"
    path.write_text(toml, encoding="utf-8")
    return load_ruleset(path)


@cache
def seed() -> Document:
    """The reference table (parsed once; tests must not change it)."""
    return parse_text(seed_text(), "seed.txt")


def seed_findings(group: str) -> list[Finding]:
    """The findings of one rule group (``measurability`` …) on the reference table."""
    return [f for f in review(seed()) if f.rule.startswith(group + ".")]


def where(findings: list[Finding]) -> set[tuple[str, str | None, int | None, str | None, str]]:
    """(rule, project, indicator, field, severity) of each finding."""
    return {(f.rule, f.project, f.indicator, f.field, f.severity) for f in findings}
