"""Completeness rules: the elements a target table must have (完整性), and enough of them for
the money (适当性).

Class presence (产出, 效益, 满意度, 成本) is resolved through the framework, so a table that
writes 项目完成指标 or 效果指标 has its 产出 and 效益 all the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ...errors import ConfigError
from ...numerals import scale
from ...targets import normalize
from ..base import Hit, Params, ProjectScope, per_params, rule
from .framework import class_code, level1_present, project_codes

_GUIDE = "财预〔2021〕101号"
_OUTPUT, _OUTCOME, _SATISFACTION, _COST = "产出指标", "效益指标", "满意度指标", "成本指标"


def _present(scope: ProjectScope, class_name: str) -> bool | None:
    """Whether some indicator of the project stands in the class (None: the framework has no
    such class, so the rule does not apply)."""
    code = class_code(scope.framework, class_name)
    if code is None:
        return None
    return code in project_codes(scope)


# --------------------------------------------------------------------------------------------
# 产出 / 效益


@rule(
    "completeness.output",
    title="缺少产出指标",
    dimension="完整性",
    severity="error",
)
def has_output(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """The project has at least one 产出指标 (a project without indicators is reported here)."""
    project = scope.project
    if not project.indicators:
        yield Hit(
            "项目未填写任何绩效指标。绩效目标应通过产出、效益等绩效指标细化、量化"
            f"（{_GUIDE}），至少设置产出指标（数量、质量、时效）和效益指标，每项写明可衡量的指标值。",
            field="indicators",
        )
        return
    if _present(scope, _OUTPUT) is False:
        yield Hit(
            "项目未设产出指标。产出指标反映预期提供的公共产品和服务（数量、质量、时效），"
            f"是绩效目标的必备内容（{_GUIDE}）；应写明做什么、做多少、做到什么标准、何时完成，"
            "如“举办培训班≥10期”“验收合格率100%”“12月底前完成”。",
            field="level1",
            evidence=level1_present(scope),
        )


@rule(
    "completeness.outcome",
    title="缺少效益指标",
    dimension="完整性",
    severity="error",
)
def has_outcome(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """The project has at least one 效益指标."""
    project = scope.project
    if not project.indicators:
        yield Hit(
            "项目未填写任何绩效指标，也就没有效益指标。效益指标反映产出带来的效果"
            f"（经济效益、社会效益、生态效益、可持续影响），是绩效目标的必备内容（{_GUIDE}）。",
            field="indicators",
        )
        return
    if _present(scope, _OUTCOME) is False:
        yield Hit(
            "项目未设效益指标。效益指标反映产出带来的效果（经济效益、社会效益、生态效益、"
            f"可持续影响），是绩效目标的必备内容（{_GUIDE}）；应写项目实施后可衡量的变化，"
            "如“受益群众≥5000人次”“企业获得融资≥10亿元”，不能用工作完成情况或满意度代替。",
            field="level1",
            evidence=level1_present(scope),
        )


# --------------------------------------------------------------------------------------------
# 满意度

_SERVES_PEOPLE = [
    "服务对象", "窗口", "办事", "群众", "市民", "居民", "村民", "公众", "用户", "来访",
    "培训", "学员", "参训", "受训", "受益", "受助", "救助", "补助对象", "惠民", "便民",
    "利民", "患者", "就诊", "学生", "游客", "观众", "读者", "参会", "与会", "参赛",
    "企业服务", "服务企业", "惠企", "助企", "人才服务", "服务人才", "纳税人", "申请人",
    "老年人", "儿童", "残疾人",
]  # fmt: skip
"""Words that show a project has service recipients or beneficiaries. Bare 服务 and 企业 are
left out on purpose: nearly every goal says 服务 (服务产业, 管理服务能力), and 企业 is as
often the subject of economic goals as a recipient; 参加 mostly means the department's own
staff attending (参加会议, 组织参加展会)."""

_IGNORE = ["留学生", "市民政", "公众号", "窗口期", "办事处"]
"""Words that hold a cue without meaning it (留学生 is no 学生 served, 市民政局 no 市民)."""

_MODES = ("serves_people", "always", "never")
_CONTEXT = 12


@dataclass(slots=True)
class _Cues:
    pattern: re.Pattern[str]  # words to ignore first, then the cues, each longest first
    ignore: frozenset[str]
    found: dict[str, tuple[str, str] | None] = field(default_factory=dict)  # text → cue

    def find(self, text: str) -> tuple[str, str] | None:
        """(cue, the text around it) for the first cue in ``text`` outside the ignored words."""
        if text in self.found:
            return self.found[text]
        if len(self.found) >= 262144:
            self.found.clear()
        out = None
        for m in self.pattern.finditer(text):
            if m.group() not in self.ignore:
                start, end = max(0, m.start() - _CONTEXT), m.end() + _CONTEXT
                head, tail = ("…" if start else ""), ("…" if end < len(text) else "")
                out = m.group(), head + text[start:end] + tail
                break
        self.found[text] = out
        return out


@lru_cache(maxsize=64)
def _cues(cues: tuple[str, ...], ignore: tuple[str, ...]) -> _Cues | None:
    words = sorted({c for c in cues if c}, key=len, reverse=True)
    if not words:
        return None
    skip = sorted({w for w in ignore if w}, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in [*skip, *words])
    return _Cues(re.compile(alternation), frozenset(skip))


def _cues_for(params: Params) -> _Cues | None:
    """The compiled cues of this rule's parameters (compiled once per ruleset)."""
    return per_params(
        "completeness.satisfaction",
        params,
        lambda p: _cues(tuple(map(str, p["cues"])), tuple(map(str, p["ignore"]))),
    )


def _has_satisfaction(scope: ProjectScope) -> bool:
    if _present(scope, _SATISFACTION) is not False:  # None: a framework without 满意度
        return True
    # a 满意度 listed under another class is framework.fit's finding, not a missing one
    return any("满意" in ind.name for ind in scope.project.indicators)


@rule(
    "completeness.satisfaction",
    title="缺少满意度指标",
    dimension="完整性",
    severity="warning",
    mode="serves_people",
    cues=_SERVES_PEOPLE,
    ignore=_IGNORE,
)
def has_satisfaction(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """A project with service recipients has a 满意度指标. ``mode``: ``serves_people`` (the
    project name, goal or an indicator name holds one of ``cues``, not inside one of
    ``ignore``), ``always`` or ``never``."""
    mode = params["mode"]
    if mode not in _MODES:
        raise ConfigError(f"规则 completeness.satisfaction 的 mode 应为 {'、'.join(_MODES)} 之一")
    project = scope.project
    if mode == "never" or not project.indicators or _has_satisfaction(scope):
        return
    advice = (
        "满意度指标反映服务对象或项目受益人对产出及其效果的认可程度，"
        "宜设“服务对象满意度≥90%”一类指标，并写明调查对象和方式"
        f"（{_GUIDE}）。"
    )
    if mode == "always":
        yield Hit(f"项目未设满意度指标（本规则集要求每个项目都设）。{advice}", field="level1")
        return
    cues = _cues_for(params)
    if cues is None:
        return
    texts = [("项目名称", project.name), ("绩效目标", project.goal)]
    texts += [(f"第 {ind.seq} 项指标", ind.name) for ind in project.indicators]
    for place, text in texts:
        found = cues.find(text)
        if found is not None:
            cue, snippet = found
            yield Hit(
                f"项目有服务对象或受益人（{place}提到“{cue}”），但未设满意度指标。{advice}",
                field="level1",
                evidence=snippet,
            )
            return


# --------------------------------------------------------------------------------------------
# 成本

_WAN = 4  # 万元 = 10**4 元


def total_wan(scope: ProjectScope) -> Decimal | None:
    """The project total in 万元, converted exactly from the document's money unit (None: no
    total, or a unit that is not money)."""
    total = scope.project.funds.total
    if total is None:
        return None
    return _to_wan(total, scope.doc.money_unit)


@lru_cache(maxsize=65536)
def _to_wan(total: Decimal, money_unit: str) -> Decimal | None:
    yuan, unit = normalize(total, money_unit or None)
    if unit != "元":
        return None
    return scale(yuan, -_WAN)


def _decimal(value: object, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ConfigError(f"{what} 应为数字")
    try:
        out = Decimal(str(value))
    except InvalidOperation as exc:
        raise ConfigError(f"{what} 应为数字") from exc
    if not out.is_finite():
        raise ConfigError(f"{what} 应为数字")
    return out


@lru_cache(maxsize=64)
def _min_total(value: float) -> Decimal:
    return _decimal(value, "规则 completeness.cost 的 min_total")


def _wan(value: Decimal) -> str:
    return f"{value.normalize():,f}"


@rule(
    "completeness.cost",
    title="缺少成本指标",
    dimension="完整性",
    severity="warning",
    required=True,
    min_total=0.0,
)
def has_cost(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """A project has a 成本指标 (``required``), when its total is at least ``min_total`` 万元
    (converted from the document's unit; with ``min_total`` > 0 a project without total is
    not judged). The legacy 产出指标 › 成本指标 counts."""
    if not params["required"] or not scope.project.indicators:
        return
    floor = _min_total(params["min_total"])
    if floor > 0:
        wan = total_wan(scope)
        if wan is None or wan < floor:
            return
    if _present(scope, _COST) is False:
        yield Hit(
            f"项目未设成本指标。{_GUIDE}把绩效目标界定为预期的产出和效果“以及相应的成本控制要求”，"
            "应设成本指标（经济成本、社会成本、生态环境成本），写明可衡量的成本控制目标，"
            "如“单位培训成本≤500元/人天”“项目总成本≤预算批复数”。",
            field="level1",
            evidence=level1_present(scope),
        )


# --------------------------------------------------------------------------------------------
# 指标数量与资金规模

_BANDS = [[0, 3], [100, 4], [1000, 6], [10000, 8]]


def _compile_bands(raw: object) -> tuple[tuple[Decimal, int], ...]:
    """Bands sorted by amount: (lowest total in 万元, fewest indicators)."""
    what = "规则 completeness.count_for_money 的 bands"
    if not isinstance(raw, list | tuple):
        raise ConfigError(f"{what} 应为 [金额（万元）, 指标数] 的列表")
    out = []
    for band in raw:
        if (
            not isinstance(band, list | tuple)
            or len(band) != 2
            or not isinstance(band[1], int)
            or isinstance(band[1], bool)
        ):
            raise ConfigError(f"{what} 的每一项应为 [金额（万元）, 指标数]")
        out.append((_decimal(band[0], what), band[1]))
    return tuple(sorted(out))


@rule(
    "completeness.count_for_money",
    title="指标数量与资金规模不匹配",
    dimension="适当性",
    severity="warning",
    bands=_BANDS,
)
def count_for_money(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """Enough indicators for the money: with ``bands`` = [[lowest total in 万元, fewest
    indicators], …], a project needs the count of the highest band its total reaches.
    Projects without indicators are ``completeness.output``'s; without total, not judged."""
    project = scope.project
    if not project.indicators:
        return
    wan = total_wan(scope)
    if wan is None:
        return
    need, floor = 0, Decimal(0)
    bands = per_params("completeness.count_for_money", params, lambda p: _compile_bands(p["bands"]))
    for low, count in bands:
        if wan >= low:
            need, floor = count, low
    have = len(project.indicators)
    if have >= need:
        return
    amount = f"{project.funds.total:,} {scope.doc.money_unit}"
    if scope.doc.money_unit != "万元":
        amount += f"（{_wan(wan)} 万元）"
    band = f"{_wan(floor)} 万元及以上的项目" if floor > 0 else "每个项目"
    yield Hit(
        f"项目资金 {amount}，只设了 {have} 个绩效指标；{band}至少应设 {need} 个。"
        "资金规模越大，绩效目标越应全面细化，产出（数量、质量、时效）、效益各方面都要有可衡量的指标，"
        "使绩效目标与资金量相匹配（财预〔2015〕88号“适当性”审核）。",
        field="indicators",
        evidence=f"{amount}；{have} 个指标",
    )


# --------------------------------------------------------------------------------------------
# 指标名称与指标值

_FIELDS = ["cycle", "annual"]
_FIELD_NAMES = {"name": "三级指标名称", "cycle": "实施周期指标值", "annual": "年度指标值"}


@rule(
    "completeness.targets",
    title="指标值未填写",
    dimension="完整性",
    severity="error",
    fields=_FIELDS,
)
def targets_filled(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """Every indicator has a 实施周期指标值 and a 年度指标值 (``fields``; add ``"name"`` to check
    the 三级指标 name too, which ``hygiene.empty`` does by default). Only empty texts: a
    placeholder such as ``/`` or 待定 is ``hygiene.placeholder``'s. One finding per field."""
    check_name, check_cycle, check_annual = per_params(
        "completeness.targets", params, lambda p: _compile_fields(p["fields"])
    )
    for ind in scope.project.indicators:
        name, cycle, annual = ind.name, ind.cycle.text, ind.annual.text
        if (
            (name.strip() or not check_name)
            and (cycle.strip() or not check_cycle)
            and (annual.strip() or not check_annual)
        ):
            continue  # the common case at a glance
        for key, text, wanted in (
            ("name", name, check_name),
            ("cycle", cycle, check_cycle),
            ("annual", annual, check_annual),
        ):
            if not wanted or text.strip():
                continue
            what = f"第 {ind.seq} 项指标" + (f"“{name}”" if key != "name" else "")
            yield Hit(
                f"{what}未填写{_FIELD_NAMES[key]}。每个三级指标都应有明确的名称，"
                "并同时填写实施周期指标值和年度指标值，写明可衡量的目标，"
                f"如“≥30场”“100%”“12月底前完成”（{_GUIDE}）。",
                field=key,
                indicator=ind.seq,
            )


def _compile_fields(fields: object) -> tuple[bool, bool, bool]:
    """(check name, check cycle, check annual) from the ``fields`` parameter."""
    if not isinstance(fields, list | tuple):
        raise ConfigError("规则 completeness.targets 的 fields 应为字符串列表")
    unknown = set(map(str, fields)) - set(_FIELD_NAMES)
    if unknown:
        raise ConfigError(
            "规则 completeness.targets 的 fields 只能取 name、cycle、annual，"
            f"不能是 {', '.join(sorted(unknown))}"
        )
    return ("name" in fields, "cycle" in fields, "annual" in fields)


# --------------------------------------------------------------------------------------------
# 绩效目标

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def _length(text: str) -> int:
    """Characters without whitespace."""
    return len(_SPACE.sub("", text))


@rule(
    "completeness.goal",
    title="绩效目标缺失或过于简略",
    dimension="完整性",
    severity="error",
    min_chars=10,
)
def goal_written(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """The project has goal text of at least ``min_chars`` characters (spaces not counted)."""
    goal = scope.project.goal
    length = _length(goal)
    if length >= int(params["min_chars"]) and length > 0:
        return
    what = "未填写绩效目标" if length == 0 else f"绩效目标过于简略（{length} 字）"
    yield Hit(
        f"项目{what}。绩效目标应概括项目在一定期限内预期达到的产出和效果以及相应的成本控制要求"
        f"（{_GUIDE}），与绩效指标相互衔接，如“2025年举办科普活动≥50场、覆盖群众≥10万人次，"
        "活动成本控制在预算内，公众满意度≥90%”。",
        field="goal",
        evidence=goal.strip() or None,
    )
