"""Self-evaluation scoring rules as data: weights, grade bands, which rule scores which kind of
indicator, qualitative bands and the words for each achievement, the audit's tolerance.

The bundled file is ``jixiao/data/selfeval.toml``; a region's file names only what it changes
and is layered over it (:mod:`jixiao.overrides`). Everything is checked on load, so a wrong
file is refused with the reason before anything is scored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..overrides import layered

EXECUTION = "预算执行率"
"""The weights key of the budget-execution score."""

KINDS = ("forward", "reverse", "zero", "range", "qualitative")
"""The kinds of indicator a scoring rule is chosen for (``[choose]``)."""

_KNOWN = {
    "name", "version", "region", "year", "weights", "grades", "grade_aliases", "choose",
    "execution", "bands", "achievement", "tolerance", "direction",
}  # fmt: skip
_QUIET = re.compile(r"[\s。．.，,；;！!、]+")


def plain(text: str) -> str:
    """``text`` as achievement words and grades are matched: no spaces or closing punctuation."""
    return _QUIET.sub("", text)


@dataclass(frozen=True, slots=True)
class SelfEvalRules:
    """The effective rules (bundled defaults with a region's file over them)."""

    name: str
    version: str
    region: str
    year: int | None
    weights: Mapping[str, Decimal]  # 预算执行率 and level-1 class names → points
    shares: Mapping[str, str]  # a class scored inside another's weight (成本 → 产出)
    grades: tuple[tuple[str, Decimal], ...]  # (grade, lowest total), best first
    grade_aliases: Mapping[str, str]  # written grade (plain) → grade
    choose: Mapping[str, str]  # indicator kind → scoring rule key
    explain_below: Decimal  # execution rate (%) below which a reason is required
    bands: Mapping[str, tuple[Decimal, Decimal]]  # achievement → (low, high) share of weight
    achievement: Mapping[str, str]  # word (plain) → achievement
    extra_tolerance: Decimal
    reverse_words: tuple[str, ...] = ()  # an undirected target is reverse when named so
    source: str = "default"

    @property
    def execution_weight(self) -> Decimal:
        return self.weights[EXECUTION]

    def grade(self, total: Decimal) -> str:
        """The grade of a total score."""
        for grade, low in self.grades:
            if total >= low:
                return grade
        return self.grades[-1][0]

    def read_grade(self, written: str) -> str | None:
        """The grade a table's text names (``优秀`` → ``优``), ``None`` when it names none."""
        return self.grade_aliases.get(plain(written))

    def is_reverse(self, name: str) -> bool:
        """Whether an indicator named ``name`` is lower-is-better by the vocabulary."""
        return any(word in name for word in self.reverse_words)

    def achieved(self, actual: str, target: str | None = None) -> str | None:
        """The achievement an actual value's words state, ``None`` when they state none. An
        actual that repeats its target word for word is achieved."""
        words = plain(actual)
        if not words:
            return None
        if target is not None and words == plain(target):
            return next(iter(self.bands))
        return self.achievement.get(words)


def _decimal(value: Any, where: str, fail: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise fail(f"{where} 应为数字，文件中是 {value!r}")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise fail(f"{where} 应为数字，文件中是 {value!r}") from None


def build(data: Mapping[str, Any], origin: str) -> SelfEvalRules:
    """Check and build the rules from parsed TOML (``origin`` names the file in errors)."""
    from .scoring import SCORING_RULES  # the registry the [choose] keys must name

    def fail(message: str) -> ConfigError:
        return ConfigError(message, source=origin, expected="见 docs/selfeval.md")

    unknown = set(data) - _KNOWN
    if unknown:
        raise fail(f"自评计分规则中有未知的项：{'、'.join(sorted(unknown))}")
    try:
        raw_weights = dict(data["weights"])
        shares = {str(k): str(v) for k, v in raw_weights.pop("shares", {}).items()}
        weights = {str(k): _decimal(v, f"weights.{k}", fail) for k, v in raw_weights.items()}
        grades = tuple(
            (str(g["grade"]), _decimal(g["min"], f"grades.{g['grade']}.min", fail))
            for g in data["grades"]
        )
        choose = {str(k): str(v) for k, v in data["choose"].items()}
        explain = _decimal(data["execution"]["explain_below"], "execution.explain_below", fail)
        bands = {
            str(k): (_decimal(v[0], f"bands.{k}", fail), _decimal(v[1], f"bands.{k}", fail))
            for k, v in data["bands"].items()
        }
        words = {str(k): [str(w) for w in v] for k, v in data["achievement"].items()}
        aliases = {str(k): [str(w) for w in v] for k, v in data.get("grade_aliases", {}).items()}
        extra = _decimal(data.get("tolerance", {}).get("extra", 0), "tolerance.extra", fail)
        reverse_words = tuple(str(w) for w in data.get("direction", {}).get("reverse_words", ()))
    except (KeyError, TypeError, IndexError) as exc:
        raise fail(f"自评计分规则不完整或有误：缺少或错误的项 {exc}") from exc
    if EXECUTION not in weights:
        raise fail(f"weights 中缺少“{EXECUTION}”")
    if sum(weights.values()) != 100:
        listed = "、".join(f"{k} {v}" for k, v in weights.items())
        raise fail(f"weights 之和应为 100，文件中为 {sum(weights.values())}（{listed}）")
    for cls, host in shares.items():
        if host not in weights:
            raise fail(f"weights.shares 中“{cls}”计入的“{host}”不在 weights 中")
    if not grades:
        raise fail("grades 至少要有一个等级")
    lows = [low for _, low in grades]
    if lows != sorted(lows, reverse=True) or lows[-1] != 0:
        raise fail("grades 应从高到低排列，最后一个等级的 min 为 0")
    if set(choose) != set(KINDS):
        raise fail(f"choose 应为 {'、'.join(KINDS)} 各选一个计分规则")
    for kind, key in choose.items():
        if key not in SCORING_RULES or kind not in SCORING_RULES[key].kinds:
            fits = [k for k, r in SCORING_RULES.items() if kind in r.kinds]
            raise fail(f"choose.{kind} = “{key}”不可用，可选：{'、'.join(fits)}")
    highs = [high for _, high in bands.values()]
    if highs != sorted(highs, reverse=True):
        raise fail("bands 应从高到低排列（第一档为达成）")
    for band, (low, high) in bands.items():
        if not 0 <= low <= high <= 1:
            raise fail(f"bands.{band} 应为 0 到 1 之间的 [下限, 上限]，文件中为 [{low}, {high}]")
    if not bands:
        raise fail("bands 至少要有一档")
    achievement: dict[str, str] = {}
    for band, listed_words in words.items():
        if band not in bands:
            raise fail(f"achievement 中的“{band}”不是 bands 中的一档")
        for word in listed_words:
            if plain(word) in achievement and achievement[plain(word)] != band:
                raise fail(f"“{word}”同时列在 {achievement[plain(word)]} 和 {band} 中")
            achievement[plain(word)] = band
    grade_names = {g for g, _ in grades}
    grade_aliases = {g: g for g in grade_names}
    for grade, written in aliases.items():
        if grade not in grade_names:
            raise fail(f"grade_aliases 中的“{grade}”不是 grades 中的等级")
        grade_aliases.update({plain(w): grade for w in written})
    year = data.get("year")
    return SelfEvalRules(
        name=str(data.get("name", "自评计分规则")),
        version=str(data.get("version", "")),
        region=str(data.get("region", "")),
        year=int(year) if isinstance(year, int) else None,
        weights=weights,
        shares=shares,
        grades=grades,
        grade_aliases=grade_aliases,
        choose=choose,
        explain_below=explain,
        bands=bands,
        achievement=achievement,
        extra_tolerance=extra,
        reverse_words=reverse_words,
        source=origin,
    )


def load_selfeval_rules(path: str | Path | None = None) -> SelfEvalRules:
    """The bundled rules, or a region's file at ``path`` layered over them (the bundled ones
    are built once)."""
    if path is None:
        return _bundled()
    return layered("selfeval.toml", path, "自评计分规则文件", build)


@cache
def _bundled() -> SelfEvalRules:
    return layered("selfeval.toml", None, "自评计分规则文件", build)


def _str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_toml(rules: SelfEvalRules) -> str:
    """The complete effective rules as TOML (what ``jixiao selfeval-rules --toml`` prints)."""
    lines = [f"name = {_str(rules.name)}", f"version = {_str(rules.version)}"]
    lines.append(f"region = {_str(rules.region)}")
    if rules.year is not None:
        lines.append(f"year = {rules.year}")
    lines += ["", "[weights]", *(f"{_str(k)} = {v}" for k, v in rules.weights.items())]
    lines += ["", "[weights.shares]", *(f"{_str(k)} = {_str(v)}" for k, v in rules.shares.items())]
    for grade, low in rules.grades:
        lines += ["", "[[grades]]", f"grade = {_str(grade)}", f"min = {low}"]
    aliases: dict[str, list[str]] = {}
    for written, grade in rules.grade_aliases.items():
        aliases.setdefault(grade, []).append(written)
    lines += ["", "[grade_aliases]"]
    lines += [f"{_str(g)} = [{', '.join(_str(w) for w in ws)}]" for g, ws in aliases.items()]
    lines += ["", "[choose]", *(f"{k} = {_str(v)}" for k, v in rules.choose.items())]
    lines += ["", "[direction]"]
    lines.append(f"reverse_words = [{', '.join(_str(w) for w in rules.reverse_words)}]")
    lines += ["", "[execution]", f"explain_below = {rules.explain_below}"]
    lines += ["", "[bands]", *(f"{_str(k)} = [{lo}, {hi}]" for k, (lo, hi) in rules.bands.items())]
    words: dict[str, list[str]] = {band: [] for band in rules.bands}
    for word, band in rules.achievement.items():
        words[band].append(word)
    lines += ["", "[achievement]"]
    lines += [f"{_str(b)} = [{', '.join(_str(w) for w in ws)}]" for b, ws in words.items()]
    lines += ["", "[tolerance]", f"extra = {rules.extra_tolerance}", ""]
    return "\n".join(lines)
