"""Framework rules: indicator classes valid, and each indicator classed where its nature says.

``framework.class`` checks the written level-1/level-2 codes and names against the indicator
framework (``scope.framework``, data in ``data/framework.toml``). ``framework.fit`` reads the
indicator *name* for general word cues (a 满意度 outside 满意度指标, a 合格率 under 数量指标, a
成本控制 under 效益指标 …); the cue table is a rule parameter, so a bureau can tune it.

:func:`class_codes` (every framework code an indicator stands in, resolved through codes,
names and aliases), :func:`project_codes` and :func:`class_code` are shared with the
completeness rules; all of it is cached per framework, so a million indicators cost a dict
lookup each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...errors import ConfigError
from ...framework import Class, Framework
from ...model import Indicator, Level
from ..base import Hit, Params, ProjectScope, Severity, rule

_FRAMEWORK_DOC = "财预〔2021〕101号"

# --------------------------------------------------------------------------------------------
# Resolving an indicator's classes (cached per framework and written label pair)

_LabelKey = tuple[str | None, str, str | None, str]
_CACHE_LIMIT = 65536
_UNSEEN: Any = object()


@dataclass(slots=True)
class _Memo:
    """What is worked out once per framework: class codes per written label pair, class codes
    per class name, ``framework.class`` problems per label pair, the framework in one line."""

    codes: dict[_LabelKey, frozenset[str]] = field(default_factory=dict)
    names: dict[str, str | None] = field(default_factory=dict)
    problems: dict[_LabelKey, tuple[str, str, Severity | None] | None] = field(default_factory=dict)
    outline: str | None = None
    level1: dict[frozenset[str], str | None] = field(default_factory=dict)


_memos: dict[int, tuple[Framework, _Memo]] = {}


def _memo(fw: Framework) -> _Memo:
    entry = _memos.get(id(fw))
    if entry is None or entry[0] is not fw:
        if len(_memos) >= 16:  # frameworks are few; never let stale ones pile up
            _memos.clear()
        entry = (fw, _Memo())
        _memos[id(fw)] = entry  # holds fw, so its id cannot be reused while cached
    return entry[1]


def _resolve(fw: Framework, key: _LabelKey) -> frozenset[str]:
    code1, name1, code2, name2 = key
    c1 = fw.find1(code1, name1) if (code1 or name1) else None
    c2 = fw.find2(code2, name2) if (code2 or name2) else None
    codes: set[str] = set()
    if c1 is not None:
        codes.add(c1.code)
    if c2 is not None:
        codes.add(c2.code)  # a legacy level 2 (成本指标 under 产出指标) has its level-1 code
        if c2.parent is not None:
            codes.add(c2.parent)
    return frozenset(codes)


def _key(indicator: Indicator) -> _LabelKey:
    l1, l2 = indicator.level1, indicator.level2
    return (l1.code, l1.name, l2.code, l2.name)


def class_codes(fw: Framework, indicator: Indicator) -> frozenset[str]:
    """Every framework code the indicator stands in: its level-1 and level-2 classes and the
    level 2's parent, each resolved by code, name or alias (empty: nothing resolves)."""
    key = _key(indicator)
    memo = _memo(fw).codes
    codes = memo.get(key)
    if codes is None:
        if len(memo) >= _CACHE_LIMIT:
            memo.clear()
        codes = memo[key] = _resolve(fw, key)
    return codes


def class_code(fw: Framework, name: str) -> str | None:
    """The code of a class named ``name`` (level 1 first, then level 2; aliases count)."""
    names = _memo(fw).names
    if name not in names:
        found = fw.find1(None, name) or fw.find2(None, name)
        names[name] = found.code if found is not None else None
    return names[name]


_last: list[tuple[ProjectScope, frozenset[str]]] = []


def project_codes(scope: ProjectScope) -> frozenset[str]:
    """Every class code any indicator of the project stands in. Remembered for the last scope
    only: the engine runs every project rule on one scope before making the next."""
    if _last and _last[0][0] is scope:
        return _last[0][1]
    fw = scope.framework
    memo = _memo(fw).codes
    codes: set[str] = set()
    for ind in scope.project.indicators:
        l1, l2 = ind.level1, ind.level2
        key = (l1.code, l1.name, l2.code, l2.name)
        found = memo.get(key)
        if found is None:
            found = class_codes(fw, ind)
        codes |= found
    out = frozenset(codes)
    _last[:] = [(scope, out)]
    return out


def level1_present(scope: ProjectScope) -> str | None:
    """The level-1 classes the project has, in framework order: ``已设：产出指标、效益指标``."""
    codes = project_codes(scope)
    memo = _memo(scope.framework).level1
    if codes not in memo:
        names = [c.name for code, c in scope.framework.level1.items() if code in codes]
        memo[codes] = "已设：" + "、".join(names) if names else None
    return memo[codes]


def where(indicator: Indicator) -> str:
    """The written classes of an indicator, e.g. ``1-产出指标 / 11-数量指标``."""
    return f"{indicator.level1.label()} / {indicator.level2.label()}"


# --------------------------------------------------------------------------------------------
# framework.class


def _blank(level: Level) -> bool:
    return not (level.code or level.name.strip())


def _outline(fw: Framework) -> str:
    """The framework in one line: 产出指标（数量指标、质量指标、时效指标）、效益指标（…）…"""
    memo = _memo(fw)
    if memo.outline is None:
        parts = []
        for c1 in fw.level1.values():
            subs = "、".join(c2.name for c2 in fw.level2.values() if c2.parent == c1.code)
            parts.append(f"{c1.name}（{subs}）" if subs else c1.name)
        memo.outline = "、".join(parts)
    return memo.outline


def _unknown_code(level: str, code: str, known: Class) -> str:
    return f"{level}指标代码 {code} 不在指标框架中（“{known.name}”的代码为 {known.code}）"


def _problems(fw: Framework, l1: Level, l2: Level) -> tuple[str, str, Severity | None] | None:
    """(the problems in one sentence, the field to blame, a severity of its own), or None for
    a valid pair. Blank classes are left to ``hygiene.empty``. A code that is unknown while
    the name resolves is a problem too; where the judgement rests on a level-2 code the
    framework marks as not seen in published tables (its numbering unconfirmed), the finding
    is a warning, not an error."""
    if _blank(l1) and _blank(l2):
        return None  # hygiene.empty's finding
    # a blank name is hygiene.empty's finding, not a class “” unknown to the framework
    problems = [p for p in fw.check(l1.code, l1.name, l2.code, l2.name) if "“”" not in p]
    by_name1 = fw.find1(None, l1.name) if l1.name else None
    if l1.code and l1.code not in fw.level1 and by_name1 is not None:
        problems.insert(0, _unknown_code("一级", l1.code, by_name1))
    soft = False
    by_name2 = fw.find2(None, l2.name) if l2.name else None
    legacy = by_name2 is not None and by_name2.code in fw.level1
    if l2.code and by_name2 is not None and not legacy:
        by_code2 = fw.level2.get(l2.code)
        if by_code2 is None:
            problems.append(_unknown_code("二级", l2.code, by_name2))
            soft = not by_name2.seen
        elif by_code2.code != by_name2.code:
            soft = not (by_code2.seen and by_name2.seen)
    if not problems:
        return None
    level1 = any(p.startswith("一级") for p in problems)
    text = "；".join(problems)
    if soft:
        text += "（框架中这一代码的编号尚未见于公开的表格，请按本地区所用的指标框架核对）"
    return text, "level1" if level1 else "level2", "warning" if soft else None


@rule(
    "framework.class",
    title="指标分类不规范",
    dimension="完整性",
    severity="error",
)
def class_valid(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """Level-1 and level-2 classes exist in the framework and agree with each other (codes
    with names, level 2 under its level 1); one finding per indicator with problems. A blank
    class is ``hygiene.empty``'s finding."""
    fw = scope.framework
    memo = _memo(fw).problems
    for ind in scope.project.indicators:
        l1, l2 = ind.level1, ind.level2
        key = (l1.code, l1.name, l2.code, l2.name)
        found = memo.get(key, _UNSEEN)
        if found is _UNSEEN:
            if len(memo) >= _CACHE_LIMIT:
                memo.clear()
            found = memo[key] = _problems(fw, l1, l2)
        if found is None:
            continue
        problems, blame, severity = found
        yield Hit(
            f"第 {ind.seq} 项指标“{ind.name}”的分类有误：{problems}。"
            f"一级、二级指标应按共性指标框架（{_FRAMEWORK_DOC}）填写，代码与名称一致、"
            f"二级指标归入所属的一级指标：{_outline(fw)}。",
            field=blame,
            indicator=ind.seq,
            evidence=where(ind),
            severity=severity,
        )


# --------------------------------------------------------------------------------------------
# framework.fit

# fmt: off
_FIT_CUES: list[dict[str, Any]] = [
    {
        "words": ["满意度", "满意率"],
        "unless": ["调查", "测评", "调研"],
        "under": [],
        "expect": ["满意度指标"],
        "why": "满意度反映服务对象或受益人对产出及其效果的认可程度，应列入满意度指标"
               "（服务对象满意度）；效益指标应写项目带来的实际效果，如“企业获得融资≥10亿元”，"
               "不能用满意度代替",
    },
    {
        "words": ["成本", "超支", "费用控制", "经费控制", "支出控制"],
        "unless": ["降低", "减少", "减轻", "节约", "节省", "报告", "分析", "核算", "测算", "调查"],
        "under": ["效益指标", "产出指标", "满意度指标"],
        "expect": ["成本指标"],
        "why": "成本控制反映项目自身的投入，应列入成本指标（经济成本指标），"
               "写明可衡量的成本目标，如“单位培训成本≤500元/人天”“项目总成本≤预算批复数”",
    },
    {
        "endings": ["及时率", "及时性", "按时完成率", "按时率", "准时率", "及时完成率"],
        "under": ["数量指标", "质量指标"],
        "expect": ["时效指标"],
        "why": "及时、按时反映产出的及时程度，应列入时效指标，"
               "如“12月底前完成验收”“申请办结及时率≥98%”",
    },
    {
        "words": ["事故", "故障", "投诉", "差错"],
        "unless": ["处理", "办理", "受理", "调解", "排查", "调查", "演练", "培训", "检查",
                   "整改", "维修", "修复"],
        "under": ["数量指标"],
        "expect": ["质量指标"],
        "why": "事故、故障、投诉、差错的次数反映产出的质量和安全（反向指标），不是产出的数量，"
               "宜列入质量指标，如“安全事故发生数=0起”；数量指标应写提供的产品和服务数量",
    },
    {
        "endings": ["合格率", "达标率", "通过率", "优良率", "优秀率", "准确率", "正确率",
                    "差错率", "故障率", "完好率", "合规率", "规范率", "出错率", "验收率"],
        "under": ["数量指标"],
        "expect": ["质量指标"],
        "why": "合格率、达标率一类比率反映产出达到的标准，属于质量指标；"
               "数量指标应写产出的数量，如“购置设备5台”“培训300人次”",
    },
    {
        "endings": ["率"],
        "unless": ["功率", "频率", "效率"],
        "under": ["数量指标"],
        "expect": ["质量指标", "时效指标"],
        "severity": "info",
        "why": "比率不是产出的数量，数量指标应写实际提供的产品和服务数量，"
               "如“完成统计调查任务12项”而不是“完成率100%”；"
               "反映标准或及时程度的比率宜列入质量或时效指标",
    },
]
# fmt: on
"""The default cue table of ``framework.fit``, first match wins. ``words`` (the name contains
one) or ``endings`` (the name ends with one, a trailing bracket such as （%） ignored);
``unless``: words that cancel the cue; ``under``: the classes (level 1 or 2, by name) where the
cue is a misfit, empty for anywhere; ``expect``: where it belongs (no finding when the
indicator stands in one of them); ``why``: the message; ``severity``: optional, overrides the
rule's severity (the generic 率 cue is ``info``)."""

_CUE_KEYS = frozenset(("words", "endings", "unless", "under", "expect", "why", "severity"))
_TRAILER = re.compile(r"(?:[（(][^（）()]*[）)]|[\s。.，,；;：:%％])+$")


@dataclass(frozen=True, slots=True)
class _Cue:
    words: tuple[str, ...]
    endings: tuple[str, ...]
    unless: tuple[str, ...]
    under: frozenset[str]
    expect: frozenset[str]
    why: str
    severity: Severity | None


@dataclass(slots=True)
class _Fit:
    cues: tuple[_Cue, ...]
    memo: dict[tuple[str, str | None, str, str | None, str], int]  # name, classes → cue or -1


_fits: dict[tuple[int, int], tuple[object, Framework, _Fit]] = {}


def _strings(value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"规则 framework.fit 的 cues 中 {what} 应为字符串列表")
    return tuple(value)


def _codes(fw: Framework, names: Sequence[str], what: str) -> frozenset[str]:
    codes = set()
    for name in names:
        code = class_code(fw, name)
        if code is None:
            raise ConfigError(f"规则 framework.fit 的 cues 中 {what} 的“{name}”不在指标框架中")
        codes.add(code)
    return frozenset(codes)


def _compile(cues: object, fw: Framework) -> _Fit:
    if not isinstance(cues, list):
        raise ConfigError("规则 framework.fit 的参数 cues 应为表的列表")
    out = []
    for raw in cues:
        if not isinstance(raw, Mapping):
            raise ConfigError("规则 framework.fit 的 cues 中每一项应为表（words、expect、why …）")
        extra = set(raw) - _CUE_KEYS
        if extra:
            raise ConfigError(
                f"规则 framework.fit 的 cues 中有未知的键：{', '.join(sorted(extra))}；"
                f"可用：{'、'.join(sorted(_CUE_KEYS))}"
            )
        words = _strings(raw.get("words", []), "words")
        endings = _strings(raw.get("endings", []), "endings")
        expect = _strings(raw.get("expect", []), "expect")
        why = raw.get("why")
        severity = raw.get("severity")
        if not (words or endings) or not expect or not isinstance(why, str) or not why:
            raise ConfigError(
                "规则 framework.fit 的 cues 中每一项都要有 words 或 endings、expect 和 why"
            )
        if severity not in (None, "error", "warning", "info"):
            raise ConfigError(
                "规则 framework.fit 的 cues 中 severity 应为 error、warning、info 之一"
            )
        out.append(
            _Cue(
                words,
                endings,
                _strings(raw.get("unless", []), "unless"),
                _codes(fw, _strings(raw.get("under", []), "under"), "under"),
                _codes(fw, expect, "expect"),
                why,
                severity,
            )
        )
    return _Fit(tuple(out), {})


def _fit(cues: object, fw: Framework) -> _Fit:
    """The compiled cue table for this parameter object and framework (compiled once)."""
    key = (id(cues), id(fw))
    entry = _fits.get(key)
    if entry is None or entry[0] is not cues or entry[1] is not fw:
        if len(_fits) >= 16:
            _fits.clear()
        entry = (cues, fw, _compile(cues, fw))
        _fits[key] = entry  # holds both objects, so their ids cannot be reused while cached
    return entry[2]


def _match(fit: _Fit, name: str, codes: frozenset[str]) -> int:
    stem = _TRAILER.sub("", name)
    for k, cue in enumerate(fit.cues):
        if cue.under and not (cue.under & codes):
            continue
        if cue.expect & codes:
            continue
        if not (any(w in name for w in cue.words) or (cue.endings and stem.endswith(cue.endings))):
            continue
        if any(w in name for w in cue.unless):
            continue
        return k
    return -1


@rule(
    "framework.fit",
    title="指标归类与性质不符",
    dimension="相关性",
    severity="warning",
    cues=_FIT_CUES,
)
def class_fit(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """An indicator whose name says it belongs to another class than the one it is listed
    under (first matching cue of ``cues``); indicators whose classes do not resolve are left
    to ``framework.class``."""
    fw = scope.framework
    fit = _fit(params["cues"], fw)
    memo = fit.memo
    for ind in scope.project.indicators:
        l1, l2 = ind.level1, ind.level2
        key = (ind.name, l1.code, l1.name, l2.code, l2.name)
        k = memo.get(key)
        if k is None:
            if len(memo) >= _CACHE_LIMIT:
                memo.clear()
            codes = class_codes(fw, ind)
            k = memo[key] = _match(fit, ind.name, codes) if codes else -1
        if k < 0:
            continue
        cue = fit.cues[k]
        yield Hit(
            f"第 {ind.seq} 项指标“{ind.name}”列在“{where(ind)}”下：{cue.why}"
            f"（{_FRAMEWORK_DOC}对各类指标的界定）。",
            field="level2",
            indicator=ind.seq,
            evidence=f"{where(ind)}：{ind.name}",
            severity=cue.severity,
        )
