"""Rulesets: which rules run, how severe each is, their parameters, and the scoring formula.

A ruleset is a TOML file. Everything it leaves out comes from the bundled default
(``jixiao/data/ruleset.toml``) and, below that, from the defaults each rule declares. A
finance bureau keeps its own file with just what it changes::

    name = "某市财政局 2026"

    [rules."completeness.cost"]
    enabled = false                # 成本指标 not required yet

    [rules."measurability.vague"]
    severity = "error"
    words = ["进一步提高", "有所促进"]   # replaces the default list

    [scoring.penalty]
    error = 20

``jixiao rules --toml`` prints the complete effective ruleset to start from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..overrides import layered
from .base import DIMENSIONS, RULES, SEVERITIES, Severity


@dataclass(frozen=True, slots=True)
class RuleConfig:
    enabled: bool
    severity: Severity
    params: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Scoring:
    """The scoring formula (see docs/rules.md, "Scores")."""

    penalty: Mapping[str, float]  # points a finding of each severity takes off its dimension
    rule_cap: float  # at most this many points per rule, per project and dimension
    weights: Mapping[str, float]  # dimension → weight in the project score
    grades: tuple[tuple[str, float], ...]  # (grade, lowest score), best first
    department: str  # "funds" (weighted by project totals) or "mean"
    caps: Mapping[str, str] = field(default_factory=dict)  # severity → best grade allowed
    conclusions: Mapping[str, str] = field(default_factory=dict)  # grade → 审核结论

    def conclusion(self, grade: str) -> str:
        """The review opinion's conclusion for a grade (通过, 修改后通过, 退回修改, 不予安排)."""
        return self.conclusions.get(grade, grade)


@dataclass(frozen=True, slots=True)
class Ruleset:
    name: str
    rules: Mapping[str, RuleConfig]
    scoring: Scoring
    source: str = "default"

    def enabled(self) -> list[str]:
        return [rid for rid, cfg in self.rules.items() if cfg.enabled]


def load_ruleset(path: str | Path | None = None) -> Ruleset:
    """The bundled ruleset, or ``path`` layered over it."""
    from . import rules as _rules  # noqa: F401  (registers every rule)

    return layered("ruleset.toml", path, "规则集文件", _build)


def _build(data: Mapping[str, Any], origin: str) -> Ruleset:
    def fail(message: str) -> ConfigError:
        return ConfigError(message, source=origin)

    known = set(data) - {"name", "rules", "scoring"}
    if known:
        raise fail(f"规则集中有未知的项：{', '.join(sorted(known))}")
    configured = data.get("rules", {})
    unknown = set(configured) - set(RULES)
    if unknown:
        raise fail(f"规则集中有未知的规则：{', '.join(sorted(unknown))}（可用 jixiao rules 查看）")
    rules: dict[str, RuleConfig] = {}
    for rid, info in RULES.items():
        cfg = dict(configured.get(rid, {}))
        enabled = cfg.pop("enabled", True)
        severity = cfg.pop("severity", info.severity)
        if not isinstance(enabled, bool):
            raise fail(f"规则 {rid} 的 enabled 应为 true 或 false")
        if severity not in SEVERITIES:
            raise fail(f"规则 {rid} 的 severity 应为 {'、'.join(SEVERITIES)} 之一")
        extra = set(cfg) - set(info.defaults)
        if extra:
            allowed = "、".join(info.defaults) or "（无参数）"
            raise fail(f"规则 {rid} 没有参数 {', '.join(sorted(extra))}；可用参数：{allowed}")
        params = dict(info.defaults)
        for key, value in cfg.items():
            default = info.defaults[key]
            if not isinstance(value, type(default)) and not (
                isinstance(default, float) and isinstance(value, int)
            ):
                raise fail(f"规则 {rid} 的参数 {key} 应为 {type(default).__name__}")
            params[key] = value
        rules[rid] = RuleConfig(enabled, severity, params)
    return Ruleset(
        str(data.get("name", "默认规则集")), rules, _scoring(data.get("scoring", {}), fail), origin
    )


def _scoring(raw: Mapping[str, Any], fail: Any) -> Scoring:
    try:
        penalty: dict[str, float] = {s: float(raw["penalty"][s]) for s in SEVERITIES}
        weights = {d: float(raw["weights"][d]) for d in DIMENSIONS}
        ordered = sorted(raw["grades"], key=lambda g: -g["min"])
        grades = tuple((str(g["grade"]), float(g["min"])) for g in ordered)
        conclusions = {str(g["grade"]): str(g["conclusion"]) for g in ordered if "conclusion" in g}
        rule_cap = float(raw["rule_cap"])
        department = str(raw["department"])
        caps = {str(k): str(v) for k, v in raw.get("caps", {}).items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise fail(f"规则集的 [scoring] 不完整或有误：{exc}") from exc
    if department not in ("funds", "mean"):
        raise fail("scoring.department 应为 funds 或 mean")
    if sum(weights.values()) <= 0:
        raise fail("scoring.weights 之和应大于 0")
    names = [g for g, _ in grades]
    for severity, grade in caps.items():
        if severity not in SEVERITIES:
            raise fail(f"scoring.caps 中的“{severity}”不是严重程度（{'、'.join(SEVERITIES)}）")
        if grade not in names:
            raise fail(f"scoring.caps.{severity} 的等级“{grade}”不在 scoring.grades 中")
    return Scoring(penalty, rule_cap, weights, grades, department, caps, conclusions)


def to_toml(ruleset: Ruleset) -> str:
    """The complete effective ruleset as TOML (what ``jixiao rules --toml`` prints)."""
    lines = [f'name = "{ruleset.name}"', ""]
    s = ruleset.scoring
    lines += ["[scoring]", f"rule_cap = {s.rule_cap:g}", f'department = "{s.department}"', ""]
    lines += ["[scoring.penalty]", *(f"{k} = {v:g}" for k, v in s.penalty.items()), ""]
    lines += ["[scoring.weights]", *(f'"{k}" = {v:g}' for k, v in s.weights.items()), ""]
    for grade, low in s.grades:
        lines += ["[[scoring.grades]]", f'grade = "{grade}"', f"min = {low:g}"]
        if grade in s.conclusions:
            lines.append(f'conclusion = "{s.conclusions[grade]}"')
        lines.append("")
    lines += ["[scoring.caps]", *(f'{k} = "{v}"' for k, v in s.caps.items()), ""]
    for rid, cfg in ruleset.rules.items():
        info = RULES[rid]
        lines += [f"# {info.title}（{info.dimension}）", f'[rules."{rid}"]']
        lines += [f"enabled = {'true' if cfg.enabled else 'false'}", f'severity = "{cfg.severity}"']
        lines += [f"{k} = {_toml_value(v)}" for k, v in cfg.params.items()]
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f'"{k}" = {_toml_value(v)}' for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")
