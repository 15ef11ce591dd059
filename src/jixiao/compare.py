"""Two tables side by side: what changed between two years of a department, or two departments.

:func:`compare` takes two :class:`~jixiao.model.Document` objects and returns a
:class:`Comparison`: the money and counts of each side, and every project matched by name —
the same project in both (``same`` or ``changed``, with what changed in its funds, goal and
indicators), or only in one (``added`` / ``removed``).

Matching is by name, made comparable first (:func:`name_key`: NFKC width folding, no spaces or
punctuation, a year such as ``2024年`` dropped, so ``2023年科技计划项目`` meets
``2024年科技计划项目``); a name held by several projects is told apart by its unit. Projects
still unmatched are paired when their keys are nearly the same (:data:`SIMILAR`), and marked
``matched="similar"`` so a reader sees it was a guess. Indicators are matched within a project
the same way. Amounts in different money units (元 against 万元) are compared in the first
document's unit.

Pure: no I/O. The web app and the CLI format the result.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any, Literal, TypeVar

from .model import FUND_FIELDS, Document, Funds, Indicator, Project, is_quantified, money_factor

Status = Literal["same", "changed", "added", "removed"]
SIMILAR = 0.8
"""How alike two otherwise unmatched names must be (difflib ratio of their keys) to pair them."""

_YEAR = re.compile(r"(?:19|20)\d{2}\s*(?:年度|年)?")
_NOISE = re.compile(r"[\s\W_]+")

T = TypeVar("T")


def name_key(name: str) -> str:
    """``name`` made comparable across tables and years (see the module docstring)."""
    folded = unicodedata.normalize("NFKC", name)
    return _NOISE.sub("", _YEAR.sub("", folded)).lower()


@dataclass(frozen=True, slots=True)
class Side:
    """One document's headline figures."""

    department: str
    year: int | None
    money_unit: str
    funds: Funds
    units: int
    projects: int
    indicators: int
    quantitative: int

    @property
    def quantified_share(self) -> float:
        return self.quantitative / self.indicators if self.indicators else 0.0


@dataclass(frozen=True, slots=True)
class Delta:
    """A fund column before and after (in the first document's unit), ``None`` where empty."""

    field: str
    before: Decimal | None
    after: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True, slots=True)
class IndicatorMatch:
    status: Status
    before: Indicator | None
    after: Indicator | None
    changes: tuple[str, ...] = ()  # of "level", "cycle", "annual"
    matched: Literal["name", "similar"] | None = None

    @property
    def name(self) -> str:
        return (self.after or self.before).name  # type: ignore[union-attr]


@dataclass(frozen=True, slots=True)
class ProjectMatch:
    status: Status
    before_unit: str | None
    before: Project | None
    after_unit: str | None
    after: Project | None
    funds: tuple[Delta, ...] = ()
    goal_changed: bool = False
    indicators: tuple[IndicatorMatch, ...] = ()
    matched: Literal["name", "similar"] | None = None

    @property
    def name(self) -> str:
        return (self.after or self.before).name  # type: ignore[union-attr]

    @property
    def renamed(self) -> bool:
        """Matched although the names differ (a year, spacing or width, or a similar name)."""
        return (
            self.before is not None
            and self.after is not None
            and (self.before.name != self.after.name)
        )

    @property
    def total(self) -> Delta:
        return next(d for d in self.funds if d.field == "total")


@dataclass(frozen=True, slots=True)
class Comparison:
    before: Side
    after: Side
    funds: tuple[Delta, ...]
    projects: tuple[ProjectMatch, ...]
    notes: tuple[str, ...] = field(default=())

    def count(self, status: Status) -> int:
        return sum(1 for p in self.projects if p.status == status)


def _side(doc: Document) -> Side:
    indicators = [i for _, _, i in doc.indicators()]
    quantitative = sum(1 for i in indicators if is_quantified(i))
    return Side(
        department=doc.department,
        year=doc.year,
        money_unit=doc.money_unit,
        funds=doc.funds,
        units=len(doc.units),
        projects=sum(1 for _ in doc.projects()),
        indicators=len(indicators),
        quantitative=quantitative,
    )


def _deltas(before: Funds | None, after: Funds | None, scale: Decimal) -> tuple[Delta, ...]:
    def value(funds: Funds | None, name: str, factor: Decimal) -> Decimal | None:
        v = getattr(funds, name) if funds is not None else None
        return None if v is None else (v * factor).normalize() if factor != 1 else v

    return tuple(
        Delta(name, value(before, name, Decimal(1)), value(after, name, scale))
        for name in FUND_FIELDS
    )


def _pair(
    before: Sequence[T],
    after: Sequence[T],
    key: Callable[[T], str],
    group: Callable[[T], str],
) -> list[tuple[T | None, T | None, Literal["name", "similar"] | None]]:
    """Items of both sides paired: equal keys first (told apart by ``group`` when a key repeats,
    then by order), then nearly equal keys; the rest alone. Order: ``after``'s, then removed."""
    pairs: dict[int, tuple[int, Literal["name", "similar"]]] = {}  # after index → before index
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(before):
        by_key[key(item)].append(i)
    taken: set[int] = set()
    # Exact keys, preferring the same group (unit) where a key repeats.
    for strict in (True, False):
        for j, item in enumerate(after):
            if j in pairs:
                continue
            for i in by_key.get(key(item), ()):
                if i not in taken and (not strict or group(before[i]) == group(item)):
                    pairs[j] = (i, "name")
                    taken.add(i)
                    break
    # Nearly equal keys, best first.
    rest_before = [i for i in range(len(before)) if i not in taken]
    rest_after = [j for j in range(len(after)) if j not in pairs]
    scored = []
    for j in rest_after:
        for i in rest_before:
            a, b = key(after[j]), key(before[i])
            if not a or not b:
                continue
            ratio = SequenceMatcher(None, b, a, autojunk=False).ratio()
            if ratio >= SIMILAR:
                scored.append((-ratio, j, i))
    for _, j, i in sorted(scored):
        if j not in pairs and i not in taken:
            pairs[j] = (i, "similar")
            taken.add(i)
    out: list[tuple[T | None, T | None, Literal["name", "similar"] | None]] = []
    for j, item in enumerate(after):
        if j in pairs:
            i, how = pairs[j]
            out.append((before[i], item, how))
        else:
            out.append((None, item, None))
    out.extend((before[i], None, None) for i in range(len(before)) if i not in taken)
    return out


def _indicator_changes(a: Indicator, b: Indicator) -> tuple[str, ...]:
    changes = []
    if (a.level1.name, a.level2.name) != (b.level1.name, b.level2.name):
        changes.append("level")
    if a.cycle.text.strip() != b.cycle.text.strip():
        changes.append("cycle")
    if a.annual.text.strip() != b.annual.text.strip():
        changes.append("annual")
    return tuple(changes)


def _indicators(a: Project | None, b: Project | None) -> tuple[IndicatorMatch, ...]:
    pairs = _pair(
        a.indicators if a else [],
        b.indicators if b else [],
        key=lambda i: name_key(i.name),
        group=lambda i: i.level2.name,
    )
    out = []
    for before, after, how in pairs:
        if before is None:
            out.append(IndicatorMatch("added", None, after))
        elif after is None:
            out.append(IndicatorMatch("removed", before, None))
        else:
            changes = _indicator_changes(before, after)
            out.append(
                IndicatorMatch("changed" if changes else "same", before, after, changes, how)
            )
    return tuple(out)


def _project(
    before: tuple[str, Project] | None,
    after: tuple[str, Project] | None,
    how: Literal["name", "similar"] | None,
    scale: Decimal,
) -> ProjectMatch:
    a = before[1] if before else None
    b = after[1] if after else None
    funds = _deltas(a.funds if a else None, b.funds if b else None, scale)
    indicators = _indicators(a, b)
    if a is None or b is None:
        status: Status = "added" if a is None else "removed"
        goal_changed = False
    else:
        goal_changed = _NOISE.sub("", a.goal) != _NOISE.sub("", b.goal)
        moved = before is not None and after is not None and before[0] != after[0]
        differs = (
            goal_changed
            or moved
            or any(d.changed for d in funds)
            or any(i.status != "same" for i in indicators)
        )
        status = "changed" if differs else "same"
    return ProjectMatch(
        status=status,
        before_unit=before[0] if before else None,
        before=a,
        after_unit=after[0] if after else None,
        after=b,
        funds=funds,
        goal_changed=goal_changed,
        indicators=indicators,
        matched=how,
    )


def _scale(before: Document, after: Document) -> tuple[Decimal, tuple[str, ...]]:
    """The factor taking ``after``'s amounts into ``before``'s money unit."""
    if before.money_unit == after.money_unit:
        return Decimal(1), ()
    fa, fb = money_factor(after.money_unit), money_factor(before.money_unit)
    if fa is None or fb is None:
        return Decimal(1), (
            f"两份表的金额单位不同（{before.money_unit} / {after.money_unit}）且无法换算，"
            "金额按原数比较",
        )
    return fa / fb, (f"后一份表的金额由{after.money_unit}换算为{before.money_unit}后比较",)


def _named_projects(doc: Document) -> list[tuple[str, Project]]:
    return [(unit.name, project) for unit, project in doc.projects()]


def compare(before: Document, after: Document) -> Comparison:
    """What changed from ``before`` to ``after`` (see the module docstring)."""
    scale, notes = _scale(before, after)
    pairs = _pair(
        _named_projects(before),
        _named_projects(after),
        key=lambda up: name_key(up[1].name),
        group=lambda up: up[0],
    )
    projects = tuple(_project(a, b, how, scale) for a, b, how in pairs)
    return Comparison(
        before=_side(before),
        after=_side(after),
        funds=_deltas(before.funds, after.funds, scale),
        projects=projects,
        notes=notes,
    )


def changed_only(matches: Iterable[ProjectMatch]) -> list[ProjectMatch]:
    """The matches that are not ``same`` (what a reader of a comparison looks at first)."""
    return [m for m in matches if m.status != "same"]


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _delta_dict(d: Delta) -> dict[str, Any]:
    return {
        "field": d.field,
        "before": _money(d.before),
        "after": _money(d.after),
        "change": _money(d.change),
    }


def _side_dict(s: Side) -> dict[str, Any]:
    return {
        "department": s.department,
        "year": s.year,
        "money_unit": s.money_unit,
        "funds": {name: _money(getattr(s.funds, name)) for name in FUND_FIELDS},
        "units": s.units,
        "projects": s.projects,
        "indicators": s.indicators,
        "quantitative": s.quantitative,
        "quantified_share": round(s.quantified_share, 4),
    }


def _indicator_dict(m: IndicatorMatch) -> dict[str, Any]:
    def one(i: Indicator | None) -> dict[str, Any] | None:
        if i is None:
            return None
        return {
            "seq": i.seq,
            "level1": i.level1.label(),
            "level2": i.level2.label(),
            "name": i.name,
            "cycle": i.cycle.text,
            "annual": i.annual.text,
        }

    return {
        "status": m.status,
        "name": m.name,
        "matched": m.matched,
        "changes": list(m.changes),
        "before": one(m.before),
        "after": one(m.after),
    }


def to_dict(c: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data (amounts as decimal strings, as in docs/format.md)."""
    return {
        "before": _side_dict(c.before),
        "after": _side_dict(c.after),
        "funds": [_delta_dict(d) for d in c.funds],
        "summary": {s: c.count(s) for s in ("same", "changed", "added", "removed")},
        "notes": list(c.notes),
        "projects": [
            {
                "status": p.status,
                "name": p.name,
                "matched": p.matched,
                "renamed": p.renamed,
                "before_unit": p.before_unit,
                "after_unit": p.after_unit,
                "before_name": p.before.name if p.before else None,
                "after_name": p.after.name if p.after else None,
                "funds": [_delta_dict(d) for d in p.funds],
                "goal_changed": p.goal_changed,
                "before_goal": p.before.goal if p.before else None,
                "after_goal": p.after.goal if p.after else None,
                "indicators": [_indicator_dict(i) for i in p.indicators],
            }
            for p in c.projects
        ],
    }
