"""A web-page text's indicator header with a target column per area (a town, a village each),
as some regions' templates set them: 一级指标 | 二级指标 | 三级指标 | 指标解释 | 某镇甲村 |
某乡乙村 … The area names are no labels, so the header's run of labels stops before them;
they are taken into it here, and their columns read as targets (the interpreter reads a row's
target from them when the areas agree: :func:`..table_values.area_value`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..table_vocabulary import role_of, vocabulary
from ..text_cells import COMPARATOR, L1, L2, NUMBER, PERCENT, VALUE, kind
from ..text_tokens import Token
from .webtext_labels import Header, any_label

_TARGETS = frozenset({"value", "annual", "cycle", "actual", "weight", "score"})
_AREA = re.compile(r"[\u4e00-\u9fff]{2,15}")  # a place's name: Chinese characters only
_AREAS = re.compile(r"[\u4e00-\u9fff]{2,120}")  # (places' names run together)
_MIN_AREAS = 2  # one unlabelled cell alone could be anything
_NO_GAP = ("glue", "cut")
AREA_TAIL = "文字末尾连在最后一行各区域指标值之后的文字（下一行被截断的开头）未读取"


def with_areas(toks: Sequence[Token], header: Header) -> Header:
    """``header`` with the area names after it as its last columns, when it has names and no
    target column and the cells up to the first class label of its body are all area names
    (a cell each, or towns' names run together in one); else ``header`` as it is."""
    roles = {role_of(x) for x in header.labels}
    if "name" not in roles or roles & _TARGETS:
        return header
    areas: list[str] = []
    for i in range(header.end, len(toks)):
        t = toks[i]
        if t.empty:
            continue
        text = "".join(t.text.split())
        if kind(text) in (L1, L2):
            if len(areas) < _MIN_AREAS:
                return header
            return replace(header, end=i, labels=[*header.labels, *areas])
        if not areas and _over_areas(text):
            continue  # (区域目标值: the caption over the area columns, no column of its own)
        if any_label(text) or not _AREAS.fullmatch(text):
            return header
        if t.gap in ("glue", "cut"):
            towns = _towns(text)
            if towns is None:
                return header
            areas.extend(towns)
            continue
        if not _AREA.fullmatch(text):
            return header
        areas.append(text)
    return header


def _over_areas(text: str) -> bool:
    """The caption printed over the area columns: an area label and a target's (区域目标值)."""
    return any(
        text.startswith(w) and role_of(text[len(w) :]) in _TARGETS for w in vocabulary().area_labels
    )


def _towns(text: str) -> list[str] | None:
    """Towns' names run together in one cell (甲街道办乙镇), cut after each town's ending; ``None``
    unless every piece is a town's name (two characters or more before its ending) and no
    village's name stands among them (甲镇乙村 may be one area)."""
    voc = vocabulary()
    if any(v in text for v in voc.village_endings):
        return None
    places = (*voc.place_endings, *voc.county_endings)  # (towns, or counties: 新罗区永定区)
    endings = "|".join(re.escape(e) for e in sorted(places, key=len, reverse=True))
    town = re.compile(rf"[\u4e00-\u9fff]{{2,12}}?(?:{endings})")
    out: list[str] = []
    pos = 0
    while pos < len(text):
        m = town.match(text, pos)
        if m is None:
            return None
        out.append(m.group())
        pos = m.end()
    return out if len(out) >= _MIN_AREAS else None


def area_roles(labels: Sequence[str], roles: list[str | None]) -> list[str | None]:
    """``roles`` with the area columns of a header made by :func:`with_areas` (the columns
    after its last labelled one, named by no label) as target columns."""
    if "name" not in roles or _TARGETS & set(roles):
        return roles
    last = max(j for j, r in enumerate(roles) if r is not None)
    tail = range(last + 1, len(labels))
    if len(tail) < _MIN_AREAS or not all(_AREA.fullmatch(labels[j]) for j in tail):
        return roles
    return [*roles[: last + 1], *(["value"] * len(tail))]


_FIGURES = frozenset({NUMBER, PERCENT, VALUE})


def _area_count(roles: Sequence[str | None]) -> int:
    """How many area columns follow a 指标方向 column (0: none, or fewer than two)."""
    if "direction" not in roles:
        return 0
    d = roles.index("direction")
    n = 0
    while d + 1 + n < len(roles) and roles[d + 1 + n] == "value":
        n += 1
    return n if n >= _MIN_AREAS else 0


def _direction(text: str) -> tuple[int, int] | None:
    """Where the 指标方向 in ``text`` stands: a comparator opening it (≤100%), or a pair of
    verdicts (是/否) after the row's words."""
    m = COMPARATOR.match(text)
    if m is not None:
        return 0, m.end()
    verdicts = "".join(sorted(vocabulary().verdicts))
    found = list(re.finditer(rf"[{verdicts}][/／][{verdicts}]", text))
    return (found[-1].start(), found[-1].end()) if found else None


def _value(text: str) -> bool:
    return kind(text) in _FIGURES or text in vocabulary().verdicts


def area_tokens(
    part: Sequence[Token], roles: Sequence[str | None], at_end: bool = False
) -> list[Token]:
    """The tokens of a body under 指标方向 and a target column per area, in text whose cells run
    together, with the 指标方向 cut off the areas' shared value glued to it: ≤100% | 100% →
    ≤ | 100% | 100%, ≥11 → ≥ | 1 | 1, …是否合格是/否是是 → …是否合格 | 是/否 | 是 | 是. Only
    where every area then holds the same value and no other value follows (areas that differ,
    or a figure that may be one, stay as written)."""
    n = _area_count(roles)
    if not n:
        return _words_after(part, roles, at_end)
    filled = [t for t in part if not t.empty]
    out: list[Token] = []
    for t in part:
        text = "".join(t.text.split())
        at = _direction(text) if not t.empty and t.gap in ("glue", "cut") else None
        if at is None:
            out.append(t)
            continue
        k = filled.index(t)
        words, way, rest = text[: at[0]], text[at[0] : at[1]], text[at[1] :]
        after = ["".join(x.text.split()) for x in filled[k + 1 : k + n + 1]]
        size = len(rest) // n
        if rest and len(rest) % n == 0 and rest == rest[:size] * n and _value(rest[:size]):
            values = [rest[:size]] * n  # (all the areas' values glued: ≥11)
            spent = 0
        elif not words and _value(rest) and after[: n - 1] == [rest] * (n - 1):
            values = [rest]  # (the first area's value glued, the others apart: ≤100% | 100%)
            spent = n - 1
        else:
            out.append(t)
            continue
        nxt = after[spent] if spent < len(after) else ""
        if nxt and _value(nxt):
            out.append(t)  # (one more value after them: the areas are not where they seem)
            continue
        pieces = [(words, t.gap)] if words else []
        pieces += [(way, "cut" if words else t.gap)] + [(v, "cut") for v in values]
        out.extend(
            replace(t, text=p, gap=g) if j == 0 else Token(p, t.line, g)
            for j, (p, g) in enumerate(pieces)
        )
    return out


def _words_after(part: Sequence[Token], roles: Sequence[str | None], at_end: bool) -> list[Token]:
    """The tokens of a body ending in a target column per area, in text whose cells run
    together, with the words glued after the last area's value set apart (>=95% … >=95% |
    项目完成率: the next row's name, not the value's words) where every area holds that same
    value; the text's last words so (``at_end``), the start of a row the text cut off, are
    left out. Figures run together as many as the areas, which differ, are a figure each."""
    n = 0
    while n < len(roles) and roles[len(roles) - 1 - n] == "value":
        n += 1
    if n < _MIN_AREAS:
        return list(part)
    filled = [t for t in part if not t.empty]
    out: list[Token] = []
    for t in part:
        text = "".join(t.text.split())
        if len(text) == n and text.isdigit() and len(set(text)) > 1 and t.gap in _NO_GAP:
            # (2312222 under seven areas: a figure each, which differ: the row has no one
            # target; where they are the same, 1111111 may as well be 11 | 1 … : left whole)
            out.extend([replace(t, text=text[0]), *(Token(c, t.line, "cut") for c in text[1:])])
            continue
        k = filled.index(t) if not t.empty and t.gap == "glue" else 0
        before = ["".join(x.text.split()) for x in filled[max(k - n, 0) : k]]
        words = kind(t.text) not in _FIGURES
        if k >= n and words and len(set(before)) == 1 and _value(before[0]):
            if at_end and t is filled[-1]:
                break  # (项目完成率反映 at the text's end: a row cut off)
            out.append(replace(t, gap="cut"))
        else:
            out.append(t)
    return out
