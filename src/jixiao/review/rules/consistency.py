"""Consistency rules: an indicator's 年度 value against its 实施周期 value, and the same indicator
classed differently across the projects of one department."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache

from ...model import Document, Indicator, Level, Project, Target, Unit
from ..base import Hit, Params, ProjectScope, per_params, rule
from .measurability import base_value, quantities, quote, squash

# --- consistency.annual_vs_cycle ------------------------------------------------------------

_UP = frozenset(("≥", ">"))
_DOWN = frozenset(("≤", "<"))
_AT_LEAST = frozenset(("≥", ">", "=", "≈"))
_OP_WORDS = {"≥": "不低于", ">": "高于", "≤": "不高于", "<": "低于"}


def _pairs(cycle: Target, annual: Target) -> list[tuple[Target, Target]]:
    """Matching quantities of the two targets: the quantities themselves when each target is
    one, else the parts whose labels are the same (and unique on each side)."""
    if cycle.kind == "quantitative" and annual.kind == "quantitative":
        return [(cycle, annual)]
    by_label: list[dict[str, Target]] = []
    for target in (cycle, annual):
        seen: dict[str, Target] = {}
        twice: set[str] = set()
        for q in quantities(target):
            key = squash(q.label or "")
            if key in seen:
                twice.add(key)
            seen[key] = q
        by_label.append({k: v for k, v in seen.items() if k and k not in twice})
    c, a = by_label
    return [(c[k], a[k]) for k in c if k in a]


def _show(q: Target) -> str:
    op = "" if q.op in ("=", None) else q.op
    upper = f"-{q.upper}" if q.op == "range" and q.upper is not None else ""
    return f"“{op if op != 'range' else ''}{q.value}{upper}{q.unit or ''}”"


def _problems(c: Target, a: Target, non_cumulative: frozenset[str]) -> list[str]:
    if c.value is None or a.value is None:
        return []
    out: list[str] = []
    (cv, cu), (av, au) = base_value(c), base_value(a)
    if c.unit and a.unit and cu != au:
        out.append(f"单位不一致（实施周期为“{c.unit}”，年度为“{a.unit}”）")
    if (c.op in _UP and a.op in _DOWN) or (c.op in _DOWN and a.op in _UP):
        cw, aw = _OP_WORDS[c.op or ""], _OP_WORDS[a.op or ""]
        out.append(f"方向相反（实施周期为“{cw}”，年度为“{aw}”）")
    cumulative = cu == au and (cu is None or ("/" not in cu and cu not in non_cumulative))
    if cumulative and c.op in _AT_LEAST and a.op in _AT_LEAST and av > cv:
        what = f"{quote(c.label, 20)}的" if c.label else ""
        out.append(f"{what}年度值{_show(a)}大于整个实施周期的{_show(c)}")
    return out


@rule(
    "consistency.annual_vs_cycle",
    title="年度与实施周期指标值不一致",
    dimension="完整性",
    severity="warning",
    non_cumulative=["%", "‰", "百分点", "个百分点", "倍", "分"],
)
def annual_vs_cycle(scope: ProjectScope, params: Params) -> Iterator[Hit]:
    """The 年度 and 实施周期 values of an indicator (or their parts with the same label) differ
    in unit (after scaling 万/亿 out of it) or in direction (≥ against ≤), or the 年度 value of a
    ≥/= target exceeds the whole period's (compared exactly; not for ratios and scores, the
    units in ``non_cumulative``, nor for units per something such as 万元/人)."""
    non_cumulative = per_params(
        "non_cumulative", params, lambda p: frozenset(str(u) for u in p["non_cumulative"])
    )
    for ind in scope.project.indicators:
        cycle, annual = ind.cycle, ind.annual
        if cycle.text == annual.text or "qualitative" in (cycle.kind, annual.kind):
            continue
        problems: list[str] = []
        for c, a in _pairs(cycle, annual):
            problems.extend(_problems(c, a, non_cumulative))
        if problems:
            yield Hit(
                f"年度指标值与实施周期指标值不一致：{'；'.join(problems)}。年度目标应与实施周期"
                "目标口径一致（同一单位、同一方向），累计数量不超过整个周期，"
                "如“实施周期≥300次，年度≥100次”。",
                field="annual",
                indicator=ind.seq,
                evidence=f"实施周期：{cycle.text}；年度：{annual.text}",
            )


# --- consistency.class_drift ----------------------------------------------------------------

_BRACKETS = re.compile(r"[（(【\[][^（）()【】\[\]]*[)）】\]]")


@lru_cache(maxsize=1 << 18)
def _name_key(name: str) -> str:
    """An indicator name without bracketed remarks, punctuation and spaces."""
    return squash(_BRACKETS.sub("", name))


@lru_cache(maxsize=4096)
def _class_key(level1: str, level2: str) -> tuple[str, str]:
    def key(name: str) -> str:
        name = squash(name)
        return name[:-2] if name.endswith("指标") and len(name) > 2 else name

    return key(level1), key(level2)


def _label(l1: Level, l2: Level) -> str:
    return f"{l1.label()}/{l2.label()}"


@rule(
    "consistency.class_drift",
    title="同一指标归类不一致",
    dimension="完整性",
    severity="warning",
    scope="document",
    min_length=4,
)
def class_drift(doc: Document, params: Params) -> Iterator[Hit]:
    """The same indicator (names compared without bracketed remarks, punctuation and spaces;
    at least ``min_length`` characters) classed under different level-1/level-2 classes in one
    document. Each indicator outside the majority class is reported; on a tie, all are."""
    min_length = int(params["min_length"])
    groups: dict[str, list[tuple[Unit, Project, Indicator, tuple[str, str]]]] = defaultdict(list)
    for unit, project, ind in doc.indicators():
        key = _name_key(ind.name)
        if len(key) >= min_length:
            groups[key].append((unit, project, ind, _class_key(ind.level1.name, ind.level2.name)))
    for members in groups.values():
        if len(members) < 2:
            continue
        counts = Counter(cls for *_, cls in members)
        if len(counts) < 2:
            continue
        labels: dict[tuple[str, str], str] = {}
        for _, _, ind, cls in members:
            labels.setdefault(cls, _label(ind.level1, ind.level2))
        ranked = counts.most_common()
        tie = ranked[0][1] == ranked[1][1]
        usual = ranked[0][0]
        listed = "、".join(f"“{labels[cls]}”（{n}处）" for cls, n in ranked)
        for unit, project, ind, cls in members:
            if tie:
                message = (
                    f"同一指标{quote(ind.name)}在本部门分别归入{listed}：同一指标应归入同一类，"
                    "请按指标性质统一归类。"
                )
            elif cls != usual:
                message = (
                    f"同一指标{quote(ind.name)}在本部门多数归入“{labels[usual]}”"
                    f"（{counts[usual]}处），此处归入“{labels[cls]}”：同一指标应归入同一类，"
                    f"请统一（如都归入“{labels[usual]}”）。"
                )
            else:
                continue
            yield Hit(
                message,
                field="level2",
                indicator=ind.seq,
                evidence=f"{ind.name}：{labels[cls]}",
                unit=unit.name,
                project=project.name,
            )
