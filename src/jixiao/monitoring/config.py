"""Monitoring rules as data: the lights, derived values and per-kind conditions in Jixiao's
expression language (:mod:`jixiao.expr`), when reasons are required, and the form's coded
lists. Bundled in ``jixiao/data/monitoring.toml``; a region's file is layered over it and the
whole is checked on load (every condition parses and uses only known names)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..expr import Expr, ExprError, parse
from ..overrides import layered

KINDS = ("forward", "range", "reverse", "zero", "qualitative", "budget")
"""The rule lists: the indicator kinds of :mod:`jixiao.selfeval.scoring`, and the budget."""

GIVEN = {"month", "elapsed", "target", "current", "ratio", "percent", "status", "rate"}
"""The values Jixiao gives every condition (docs/monitoring.md)."""

_KNOWN = {
    "name", "version", "region", "year", "lights", "derived", "rules", "required", "form",
    "workbook",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class LightInfo:
    key: str
    name: str  # 红灯
    meaning: str


@dataclass(frozen=True, slots=True)
class MonitoringRules:
    name: str
    version: str
    region: str
    year: int | None
    lights: tuple[LightInfo, ...]  # worst first
    derived: tuple[tuple[str, Expr], ...]
    rules: Mapping[str, tuple[tuple[Expr, str], ...]]  # kind → (condition, light key)
    required: Expr
    possibilities: tuple[str, ...]
    reasons: tuple[str, ...]
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # field → headings
    budget_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    analysis_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = "default"

    def light(self, key: str) -> LightInfo:
        return next(info for info in self.lights if info.key == key)

    def rank(self, key: str) -> int:
        """0 for the worst light."""
        return [info.key for info in self.lights].index(key)

    def worst(self, keys: list[str]) -> str | None:
        return min(keys, key=self.rank) if keys else None


def build(data: Mapping[str, Any], origin: str) -> MonitoringRules:
    def fail(message: str) -> ConfigError:
        return ConfigError(message, source=origin, expected="见 docs/monitoring.md")

    unknown = set(data) - _KNOWN
    if unknown:
        raise fail(f"运行监控规则中有未知的项：{'、'.join(sorted(unknown))}")
    try:
        lights = tuple(
            LightInfo(str(x["key"]), str(x["name"]), str(x.get("meaning", "")))
            for x in data["lights"]
        )
        keys = {info.key for info in lights}
        names = set(GIVEN)
        derived: list[tuple[str, Expr]] = []
        for name, text in data.get("derived", {}).items():
            expr = parse(str(text))
            expr.check(names)
            derived.append((str(name), expr))
            names.add(str(name))
        rules: dict[str, tuple[tuple[Expr, str], ...]] = {}
        for kind in KINDS:
            listed = data["rules"][kind]
            pairs = []
            for entry in listed:
                expr = parse(str(entry["when"]))
                expr.check(names)
                if entry["light"] not in keys:
                    raise fail(f"rules.{kind} 中的灯“{entry['light']}”不在 lights 中")
                pairs.append((expr, str(entry["light"])))
            if not pairs or pairs[-1][0].text.strip() != "true":
                raise fail(f'rules.{kind} 的最后一条应为 when = "true"（其余情况）')
            rules[kind] = tuple(pairs)
        required = parse(str(data["required"]["reasons"]))
        required.check({"light", "possibility"})
        form = data["form"]
        possibilities = tuple(str(p) for p in form["possibilities"])
        reasons = tuple(str(r) for r in form["reasons"])
        book = data.get("workbook", {})
        columns, budget, analysis = (
            {str(k): tuple(str(w) for w in v) for k, v in book.get(part, {}).items()}
            for part in ("columns", "budget", "analysis")
        )
    except ExprError as exc:
        raise fail(str(exc)) from exc
    except (KeyError, TypeError) as exc:
        raise fail(f"运行监控规则不完整或有误：缺少或错误的项 {exc}") from exc
    missing = {"name", "current", "id"} - set(columns)
    if missing:
        raise fail(f"workbook.columns 缺少 {'、'.join(sorted(missing))}")
    if len(keys) != len(lights) or not lights:
        raise fail("lights 应至少有一种灯，key 不重复")
    unknown_kinds = set(data["rules"]) - set(KINDS)
    if unknown_kinds:
        raise fail(f"rules 中有未知的类型：{'、'.join(sorted(unknown_kinds))}")
    year = data.get("year")
    return MonitoringRules(
        name=str(data.get("name", "运行监控规则")),
        version=str(data.get("version", "")),
        region=str(data.get("region", "")),
        year=int(year) if isinstance(year, int) else None,
        lights=lights,
        derived=tuple(derived),
        rules=rules,
        required=required,
        possibilities=possibilities,
        reasons=reasons,
        columns=columns,
        budget_labels=budget,
        analysis_labels=analysis,
        source=origin,
    )


def load_monitoring_rules(path: str | Path | None = None) -> MonitoringRules:
    """The bundled rules, or a region's file at ``path`` layered over them (the bundled ones
    are built once)."""
    if path is None:
        return _bundled()
    return layered("monitoring.toml", path, "运行监控规则文件", build)


@cache
def _bundled() -> MonitoringRules:
    return layered("monitoring.toml", None, "运行监控规则文件", build)
