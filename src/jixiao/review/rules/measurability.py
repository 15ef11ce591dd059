"""Measurability rules (量化易评, 财预〔2021〕101号): targets a reviewer cannot check.

Vague wording (进一步提高, 效果明显), a target that only restates its indicator's name or only
names a measure, a number without a unit, too few quantitative targets in a project, and
aspirations no one can verify (打造…策源地, 国际一流).

Every per-target rule looks at the 实施周期 and 年度 values of an indicator and reports one
finding per indicator and field; when both values are the same text, one finding (field
``cycle``) covers both. Per-text analysis is cached (texts repeat a lot across documents), and
what a rule compiles from its parameters is built once per ruleset
(:func:`~jixiao.review.base.per_params`).

The helpers at the top (:func:`project_targets`, :func:`squash`, …) are shared with the
consistency and hygiene rules.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from difflib import SequenceMatcher
from functools import cache, lru_cache
from importlib import resources
from typing import Any, cast

from ...model import Indicator, Target, is_quantified
from ...numerals import scale
from ...targets import normalize, unit_in_name
from ..base import SEVERITIES, Hit, Params, ProjectScope, Severity, per_params, rule

_CACHE = 1 << 18  # distinct texts kept per analysis (a province holds ~10⁵ distinct targets)

# --- shared helpers -------------------------------------------------------------------------

TargetField = tuple[str, str, Target]
"""(field, the field's name in a message, target)."""


def _target_fields(ind: Indicator) -> tuple[TargetField, ...]:
    """The non-empty targets of an indicator; one entry (field ``cycle``) when both are the
    same text, so that a defect written in both columns is reported once."""
    cycle, annual = ind.cycle, ind.annual
    c, a = cycle.text.strip(), annual.text.strip()
    if c == a:
        return (("cycle", "实施周期及年度指标值", cycle),) if c else ()
    out: list[TargetField] = []
    if c:
        out.append(("cycle", "实施周期指标值", cycle))
    if a:
        out.append(("annual", "年度指标值", annual))
    return tuple(out)


_LAST: list[tuple[ProjectScope, list[tuple[Indicator, tuple[TargetField, ...]]]]] = []


def project_targets(scope: ProjectScope) -> list[tuple[Indicator, tuple[TargetField, ...]]]:
    """Each indicator of the project with its targets (:func:`_target_fields`).

    The engine runs every project rule on one scope before the next, so the list is kept for
    the last scope seen (by identity; the scope is held, so its id cannot be reused)."""
    if _LAST and _LAST[0][0] is scope:
        return _LAST[0][1]
    out = [(ind, _target_fields(ind)) for ind in scope.project.indicators]
    _LAST[:] = [(scope, out)]
    return out


def alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


_NOISE = re.compile(r"[\s\W_]+")


@lru_cache(maxsize=_CACHE)
def squash(text: str) -> str:
    """Text without whitespace and punctuation (CJK punctuation, brackets and symbols too)."""
    return _NOISE.sub("", text)


def quote(text: str, limit: int = 40) -> str:
    """``text`` in Chinese quotes, shortened to ``limit`` characters."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def severity_param(params: Params, key: str) -> Severity | None:
    """A severity named by a parameter; ``""`` (or anything else) means the rule's own."""
    value = params.get(key)
    return cast(Severity, value) if value in SEVERITIES else None


def quantities(target: Target) -> list[Target]:
    """The quantitative parts of a target (the target itself when it is one quantity)."""
    if target.kind == "quantitative":
        return [target]
    if target.kind == "composite":
        return [p for p in target.parts if p.kind == "quantitative"]
    return []


@lru_cache(maxsize=65536)
def _name_unit(name: str) -> str | None:
    return unit_in_name(name)


@lru_cache(maxsize=4096)
def unit_scale(unit: str) -> tuple[int, str | None]:
    """(power of ten, base unit) of a unit, by :func:`jixiao.targets.normalize`: 亿元 → (8, 元),
    亿 → (8, None) (only a magnitude), 个 → (0, 个)."""
    factor, base = normalize(Decimal(1), unit)
    return factor.adjusted(), base


def base_value(q: Target) -> tuple[Decimal, str | None]:
    """A quantity's value and unit with the magnitude scaled out, exactly: 16.4亿元 → 1640000000
    元 (:func:`jixiao.targets.normalize`, cached per unit)."""
    assert q.value is not None
    if not q.unit:
        return q.value, None
    power, base = unit_scale(q.unit)
    return (scale(q.value, power) if power else q.value), base


@cache
def target_vocabulary() -> dict[str, Any]:
    """The target typer's vocabulary (``jixiao/data/targets.toml``): units, comparators."""
    raw = resources.files("jixiao").joinpath("data/targets.toml").read_text("utf-8")
    return tomllib.loads(raw)


@lru_cache(maxsize=_CACHE)
def similar(a: str, b: str, threshold: float) -> bool:
    """Whether two texts are nearly the same (difflib ratio, punctuation ignored)."""
    a, b = squash(a), squash(b)
    if 2 * min(len(a), len(b)) < threshold * (len(a) + len(b)):
        return False  # no ratio can reach the threshold
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= threshold


_GOOD = "如“≥95%”“≥10项”，或可验证的结果，如“验收合格”"

# --- measurability.vague --------------------------------------------------------------------

VAGUE_WORDS = [
    "进一步提高", "进一步提升", "进一步完善", "进一步加强", "进一步增强", "进一步改善",
    "进一步优化", "进一步扩大", "进一步推进", "进一步规范", "进一步促进", "进一步发挥",
    "进一步", "有所提高", "有所提升", "有所促进", "有所改善", "有所增强", "有所增加", "有所",
    "效果明显", "成效明显", "效果显著", "成效显著", "作用明显", "作用显著", "明显提高",
    "明显提升", "明显改善", "明显增强", "显著提高", "显著提升", "显著改善", "显著增强",
    "有效促进", "有效提升", "有效提高", "有效改善", "有效推动", "有效支撑", "有力支撑",
    "不断提升", "不断提高", "不断完善", "不断增强", "不断优化", "持续提升", "持续改善",
    "稳步提升", "稳步提高", "逐步提高", "逐步完善", "大幅提升", "大幅提高", "效果良好",
    "成效良好", "较好", "较大提升", "较大提高", "较大改善", "较高", "较强", "一定程度",
]  # fmt: skip
VAGUE_VERBS = ["提高", "提升", "增强", "加强", "改善", "促进", "优化", "降低", "减少"]


def _vague_analyser(params: Params) -> Callable[[str, str], tuple[str, bool] | None]:
    words = [str(w) for w in params["words"]]
    verbs = frozenset(str(w) for w in params["verbs"])
    pattern = re.compile(alt(words + list(verbs))) if any(words) or any(verbs) else None
    bare_max = int(params["bare_max"])

    @lru_cache(maxsize=_CACHE)
    def analyse(label: str, text: str) -> tuple[str, bool] | None:
        """(message, whether the target is nothing but vague words), or None."""
        if pattern is None:
            return None
        found = pattern.findall(text)
        if not found:
            return None
        unique = tuple(dict.fromkeys(found))
        listed = "、".join(f"“{w}”" for w in unique[:3])
        if len(squash(pattern.sub("", text))) <= bare_max:
            return f"{label}{quote(text)}无法衡量：请写明可量化的目标值，{_GOOD}。", True
        if verbs.issuperset(unique):
            return (
                f"{label}只写了{listed}的方向，没有要达到的程度，无法衡量是否达成："
                f"请写明目标值，{_GOOD}。",
                False,
            )
        return (
            f"{label}用了{listed}等模糊表述，无法衡量是否达成：请写明要达到的数值，{_GOOD}。",
            False,
        )

    return analyse


@rule(
    "measurability.vague",
    title="指标值表述模糊",
    dimension="完整性",
    severity="warning",
    words=VAGUE_WORDS,
    verbs=VAGUE_VERBS,
    bare_max=2,
    bare_severity="error",
)
def vague(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """A qualitative target written with vague words (``words``: 进一步提高, 效果明显, 较好 …)
    or only a direction (``verbs``: 提高, 提升 …). When the target is nothing but such words
    (at most ``bare_max`` other characters), the finding has ``bare_severity``."""
    analyse = per_params("vague", params, _vague_analyser)
    bare_severity = severity_param(params, "bare_severity")
    for ind, fields in project_targets(scope):
        for field, label, target in fields:
            if target.kind != "qualitative":
                continue
            found = analyse(label, target.text)
            if found is None:
                continue
            message, bare = found
            yield Hit(
                message,
                field=field,
                indicator=ind.seq,
                evidence=target.text,
                severity=bare_severity if bare else None,
            )


# --- measurability.restates_name ------------------------------------------------------------

FILLERS = [
    "提高", "提升", "增强", "加强", "改善", "优化", "完成", "实现", "达到", "保障", "确保",
    "保证", "做好", "推动", "促进", "满足", "持续", "不断", "进一步", "有效", "全面", "按时",
    "按期", "及时", "良好", "较好", "正常", "得到", "的",
]  # fmt: skip


def _restate_analyser(params: Params) -> Callable[[str, str], str | None]:
    fillers = [str(w) for w in params["fillers"]]
    filler = re.compile(f"(?:{alt(fillers)})*") if any(fillers) else re.compile("")
    similarity = float(params["similarity"])
    min_cover = float(params["min_cover"])

    @lru_cache(maxsize=_CACHE)
    def analyse(name: str, text: str) -> str | None:
        n, t = squash(name), squash(text)
        if len(t) < 2 or len(n) < 2:
            return None
        if t == n:
            return "same"
        if t in n:
            return "part" if len(t) >= max(4, min_cover * len(n)) else None
        if n in t:
            return "filler" if filler.fullmatch(t.replace(n, "", 1)) else None
        return "similar" if similar(n, t, similarity) else None

    return analyse


@rule(
    "measurability.restates_name",
    title="指标值重复指标名称",
    dimension="完整性",
    severity="warning",
    fillers=FILLERS,
    similarity=0.9,
    min_cover=0.6,
)
def restates_name(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """A qualitative target that only restates the indicator's name (punctuation ignored): the
    same text, a piece of the name covering at least ``min_cover`` of it, the name plus only
    ``fillers`` (提高, 完成 …), or nearly the same text (``similarity``, 0-1)."""
    analyse = per_params("restates", params, _restate_analyser)
    for ind, fields in project_targets(scope):
        for field, label, target in fields:
            if target.kind != "qualitative" or analyse(ind.name, target.text) is None:
                continue
            yield Hit(
                f"{label}{quote(target.text)}只是重复了指标名称{quote(ind.name)}，没有给出"
                f"目标：请写明要达到的水平，{_GOOD}。",
                field=field,
                indicator=ind.seq,
                evidence=target.text,
            )


# --- measurability.no_value -----------------------------------------------------------------

METRIC_SUFFIXES = [
    "率", "满意度", "知晓度", "认可度", "完成度", "覆盖度", "程度", "数", "数量", "比例",
    "比重", "占比", "金额", "总额",
]  # fmt: skip


def _comparators() -> re.Pattern[str]:
    """Comparator words of two or more characters (不超过, 不低于, 控制在 …)."""
    words = [w for ws in target_vocabulary()["comparators"].values() for w in ws]
    return re.compile(alt(w for w in words if isinstance(w, str) and len(w) > 1))


def _no_value_analyser(params: Params) -> Callable[[str, str], bool]:
    suffixes = tuple(str(s) for s in params["suffixes"] if s)
    compared = _comparators()

    @lru_cache(maxsize=_CACHE)
    def analyse(name: str, text: str) -> bool:
        t, n = squash(text), squash(name)
        if not suffixes or not t.endswith(suffixes) or compared.search(text):
            return False  # 不超出预算数: a comparison with a named reference is a target
        restated = t in n or (n in t and len(t) - len(n) <= 4) or similar(n, t, 0.9)
        return not restated

    return analyse


@rule(
    "measurability.no_value",
    title="指标值只写了度量名称",
    dimension="完整性",
    severity="warning",
    suffixes=METRIC_SUFFIXES,
)
def no_value(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """A qualitative target that names a measure (ends in one of ``suffixes``: 率, 满意度, 数 …)
    but gives no value, as in ``专项设备维护保养验收合格率``. Not when it compares with a named
    reference (``不超出预算数``); targets that restate the indicator's name are left to
    ``measurability.restates_name``."""
    analyse = per_params("no_value", params, _no_value_analyser)
    for ind, fields in project_targets(scope):
        for field, label, target in fields:
            if target.kind == "qualitative" and analyse(ind.name, target.text):
                yield Hit(
                    f"{label}{quote(target.text)}只写了衡量什么，没有写目标值：请写明数值，"
                    "如“≥95%”“0起”“≥10项”。",
                    field=field,
                    indicator=ind.seq,
                    evidence=target.text,
                )


# --- measurability.unitless -----------------------------------------------------------------


@rule(
    "measurability.unitless",
    title="指标值缺少计量单位",
    dimension="完整性",
    severity="warning",
    count_suffixes=["数", "数量"],
    count_severity="info",
)
def unitless(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """A quantitative value (not 0) written without a unit, or with only a magnitude
    (``≥400亿``). Not when the indicator's name states the unit (``年产值（亿元）``: the reader
    takes it from there). When a value has no unit at all and its label or the indicator's
    name ends in one of ``count_suffixes`` (…数量), the name says what is counted, and the
    finding has ``count_severity``."""
    counts = per_params("unitless", params, lambda p: tuple(str(s) for s in p["count_suffixes"]))
    counts = tuple(s for s in counts if s)
    count_severity = severity_param(params, "count_severity")
    for ind, fields in project_targets(scope):
        for field, label, target in fields:
            kind = target.kind
            if kind == "qualitative" or (
                kind == "quantitative" and target.unit is not None and unit_scale(target.unit)[1]
            ):
                continue  # the usual case, decided without building lists
            bad: list[tuple[Target, bool]] = []  # (quantity, only a magnitude)
            for q in quantities(target):
                if q.value is None or not q.value:
                    continue
                if q.unit is None:
                    bad.append((q, False))
                elif unit_scale(q.unit)[1] is None:
                    bad.append((q, True))
            if not bad or _name_unit(ind.name) is not None:
                continue
            listed = "、".join(quote(q.text, 30) for q, _ in bad[:3])
            magnitude = [q.unit for q, only in bad if only]
            what = f"只有数量级“{magnitude[0]}”" if magnitude and len(bad) == 1 else "没有计量单位"
            counted = all(
                not only and squash(q.label or ind.name).endswith(counts) for q, only in bad
            )
            yield Hit(
                f"{label}中的{listed}{what}：请写明计量单位，如“≥30篇”“≥400亿元”“≥95%”。",
                field=field,
                indicator=ind.seq,
                evidence=target.text,
                severity=count_severity if counts and counted else None,
            )


# --- measurability.quantified_share ---------------------------------------------------------


@rule(
    "measurability.quantified_share",
    title="定量指标占比偏低",
    dimension="完整性",
    severity="warning",
    min_share=0.5,
    min_indicators=2,
)
def quantified_share(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """A project (with at least ``min_indicators`` indicators) whose share of 定量指标
    (:func:`~jixiao.model.is_quantified`: the one definition the pages and the command line
    count) is below ``min_share``."""
    inds = scope.project.indicators
    if len(inds) < int(params["min_indicators"]):
        return
    qualitative = [ind.seq for ind in inds if not is_quantified(ind)]
    share = (len(inds) - len(qualitative)) / len(inds)
    if share >= float(params["min_share"]):
        return
    seqs = "、".join(str(s) for s in qualitative)
    yield Hit(
        f"定量指标只占 {len(inds) - len(qualitative)}/{len(inds)}（{share:.0%}），低于"
        f"{float(params['min_share']):.0%}：绩效指标应以定量为主、量化易评，请把定性指标改为"
        "可量化的指标，如“参与人次≥2000人次”“满意度≥90%”。",
        field="indicators",
        evidence=f"定性指标：第{seqs}项",
    )


# --- measurability.unverifiable -------------------------------------------------------------

ASPIRATIONS = [
    "打造…策源地", "打造…高地", "打造…标杆", "打造…样板", "打造…品牌", "建成…策源地",
    "建设…高地", "全球影响力", "具有国际影响力", "具有世界影响力", "国际一流", "世界一流",
    "国内一流", "全国一流", "国际领先", "世界领先", "国内领先", "全国领先", "领先水平",
    "一流水平", "国际先进水平", "国内先进水平",
]  # fmt: skip
_GAP = r"[^，,。；;\n]{0,30}?"  # what "…" stands for: up to 30 characters within a clause


def _aspiration_analyser(params: Params) -> Callable[[str], str | None]:
    words = sorted((str(w) for w in params["words"] if w), key=len, reverse=True)
    body = "|".join(_GAP.join(re.escape(p) for p in w.split("…")) for w in words)
    pattern = re.compile(body) if body else None

    @lru_cache(maxsize=_CACHE)
    def analyse(text: str) -> str | None:
        m = pattern.search(text) if pattern is not None else None
        return m.group() if m else None

    return analyse


@rule(
    "measurability.unverifiable",
    title="指标值为无法核实的愿景",
    dimension="可行性",
    severity="warning",
    words=ASPIRATIONS,
)
def unverifiable(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """A qualitative target that is an aspiration no one can verify (``words``: 打造…策源地,
    国际一流, 世界领先 …; ``…`` stands for up to 30 characters within a clause)."""
    analyse = per_params("unverifiable", params, _aspiration_analyser)
    for ind, fields in project_targets(scope):
        for field, label, target in fields:
            if target.kind != "qualitative":
                continue
            found = analyse(target.text)
            if found is not None:
                yield Hit(
                    f"{label}中的{quote(found)}是无法核实的愿景，不是可考核的目标：请改为"
                    "可验证的产出或效果，如“发表高水平论文≥150篇”“引进领军人才≥10人”。",
                    field=field,
                    indicator=ind.seq,
                    evidence=target.text,
                )
