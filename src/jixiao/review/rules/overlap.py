"""Rules across projects: near-duplicate projects and the same deliverable promised twice.

Both scale to a province: projects are compared only within a *block* (one department and
year, or across departments when ``across_departments`` is on, then blocked by the shared
features themselves), and candidates come from an inverted index of features, never from all
pairs. A feature that stands in more than ``max_postings`` projects of a block (a generic
indicator such as 服务对象满意度) is ignored as a stop word, so the work stays linear.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ...model import Document, Project, Target, Unit
from ..base import Hit, Params, rule

_NOISE = re.compile(
    r"[\s\d０-９,，.。、;；:：!！?？“”\"'‘’（）()《》〈〉<>\[\]【】%％≥≤><=＝~～—\-]+"
)
_SENTENCES = re.compile(r"[。；;！!？?\n]|(?<!\d)[，,]")


@lru_cache(maxsize=262144)
def _norm(text: str) -> str:
    """Text without digits, spaces and punctuation: years and amounts do not make projects
    differ (两年的同一运维项目 are still the same project)."""
    return _NOISE.sub("", text)


@lru_cache(maxsize=65536)
def _goal_features(goal: str) -> tuple[str, ...]:
    parts = (_norm(p) for p in _SENTENCES.split(goal))
    return tuple(p for p in parts if len(p) >= 6)


def _features(project: Project) -> frozenset[str]:
    features = {"g:" + s for s in _goal_features(project.goal)}
    for ind in project.indicators:
        name = _norm(ind.name)
        features.add("n:" + name)
        features.add("t:" + name + "|" + _norm(ind.annual.text or ind.cycle.text))
    return frozenset(features)


@dataclass(slots=True)
class _Entry:
    doc: int
    unit: Unit
    project: Project
    features: frozenset[str]


def _blocks(docs: Sequence[Document], across: bool) -> dict[object, list[_Entry]]:
    blocks: dict[object, list[_Entry]] = defaultdict(list)
    for k, doc in enumerate(docs):
        key: object = "all" if across else (doc.department, doc.year)
        for unit, project in doc.projects():
            if project.indicators or len(project.goal) >= 10:
                blocks[key].append(_Entry(k, unit, project, _features(project)))
    return blocks


@rule(
    "overlap.near_duplicate",
    title="项目疑似重复",
    dimension="相关性",
    severity="warning",
    scope="corpus",
    threshold=0.75,
    across_departments=False,
    max_postings=50,
)
def near_duplicate(docs: Sequence[Document], params: Params) -> Iterator[tuple[int, Hit]]:
    """Projects whose goal and indicators are nearly the same (Jaccard similarity of their
    goal sentences, indicator names and name+target pairs, digits and punctuation ignored)."""
    threshold = float(params["threshold"])
    cap = int(params["max_postings"])
    for entries in _blocks(docs, bool(params["across_departments"])).values():
        index: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(entries):
            for feature in entry.features:
                index[feature].append(i)
        for i, entry in enumerate(entries):
            candidates = {
                j
                for feature in entry.features
                if len(index[feature]) <= cap
                for j in index[feature]
                if j < i
            }
            for j in sorted(candidates):
                other = entries[j]
                small, large = sorted((len(entry.features), len(other.features)))
                if small < threshold * large:  # Jaccard cannot reach the threshold
                    continue
                common = len(entry.features & other.features)
                similarity = common / (small + large - common)
                if similarity < threshold:
                    continue
                place = f"“{other.project.name}”" + (
                    "" if other.unit.name == entry.unit.name else f"（{other.unit.name}）"
                )
                if other.doc != entry.doc:
                    place += f"（{docs[other.doc].department} {docs[other.doc].year or ''}）"
                yield (
                    entry.doc,
                    Hit(
                        f"与项目{place}的绩效目标和指标高度相似（相似度 {similarity:.0%}），"
                        "疑似重复申报或照抄；请说明两个项目的区别并各自设置针对性的指标，或合并为一个项目。",
                        field="project",
                        evidence=other.project.name,
                        unit=entry.unit.name,
                        project=entry.project.name,
                    ),
                )


_COUNT_UNITS = re.compile(
    r"^(?:万|亿|千|百)?(?:个|项|篇|册|份|部|场|次|人次|家|人|名|件|台|套|条|期|批|本|门|所|处|座|户|起)$"
)


def _deliverable(target: Target) -> tuple[str, str] | None:
    """(value, unit) of a count target, e.g. ('1', '册'); None for rates and prose."""
    if target.kind != "quantitative" or target.value is None or not target.unit:
        return None
    if target.op not in ("=", "≥", ">") or not _COUNT_UNITS.match(target.unit):
        return None
    return f"{target.op}{target.value.normalize():f}", target.unit


@rule(
    "overlap.double_counting",
    title="产出重复计列",
    dimension="适当性",
    severity="warning",
    scope="corpus",
    min_name_chars=6,
)
def double_counting(docs: Sequence[Document], params: Params) -> Iterator[tuple[int, Hit]]:
    """The same deliverable (same indicator name, same counted target) in several projects of
    one department: the output is probably counted twice."""
    min_chars = int(params["min_name_chars"])
    for k, doc in enumerate(docs):
        seen: dict[tuple[str, str, str], list[tuple[Unit, Project, int, str]]]
        seen = defaultdict(list)
        for unit, project, ind in doc.indicators():
            name = _norm(ind.name)
            if len(name) < min_chars:
                continue
            target = ind.annual if ind.annual.text else ind.cycle
            deliverable = _deliverable(target)
            if deliverable is None:
                continue
            seen[(name, *deliverable)].append(
                (unit, project, ind.seq, f"{ind.name}：{target.text}")
            )
        for (_, value, unit_word), places in seen.items():
            projects = {(u.name, p.name) for u, p, _, _ in places}
            if len(projects) < 2:
                continue
            names = "、".join(f"“{p}”" for _, p in sorted(projects))
            for unit, project, seq, text in places:
                yield (
                    k,
                    Hit(
                        f"同一产出（{value}{unit_word}）同时列在项目 {names} 中，可能重复计算；"
                        "请说明各项目的分工和各自的产出，或只在一个项目中计列。",
                        field="name",
                        indicator=seq,
                        evidence=text,
                        unit=unit.name,
                        project=project.name,
                    ),
                )
