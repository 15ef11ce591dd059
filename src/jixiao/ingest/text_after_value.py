"""Text run together: the words right after a value that are a column's cell, not the next
row's name (the kind of standard a 绩效标准 cell names, a 指标值说明 written the same in every
row). Out of :mod:`.text_glue`, which cuts with these after splitting a piece at its values."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..targets import quantity_at
from .table_vocabulary import vocabulary

if TYPE_CHECKING:
    from .text_glue import Gap

_CJK = "\u4e00-\u9fff"


def _after_value(parts: list[tuple[str, Gap]], k: int) -> bool:
    """Whether part ``k`` is words right after a whole value (=116人 | 该…, 100% | 历史标准…)."""
    before = parts[k - 1][0] if k else ""
    return (
        bool(before) and quantity_at(before) == len(before) and _WORD.match(parts[k][0]) is not None
    )


_WORD = re.compile(f"[{_CJK}]")


def kind_after_values(parts: list[tuple[str, Gap]]) -> list[tuple[str, Gap]]:
    """Words after a value opening with the kind of standard a 绩效标准 cell names, more words
    after it (100% | 历史标准对象合规率…): that column's cell, then the next row's name."""
    out: list[tuple[str, Gap]] = []
    for k, (text, gap) in enumerate(parts):
        m = vocabulary().standard_kind.match(text) if _after_value(parts, k) else None
        if m is not None and m.end() < len(text):
            out.extend([(m.group(), gap), (text[m.end() :], "cut")])
        else:
            out.append((text, gap))
    return out


_SAME_PARTS = 3  # parts after values opening alike: fewer show no column's habit
_SAME_CHARS = 4  # (the words they share: a cell's, not a word or two of names)


def _shared_start(texts: list[str]) -> str:
    """The longest text every one of ``texts`` starts with (the first and last in order share
    no less than all do)."""
    first, last = min(texts), max(texts)
    n = len(first)
    for i, (a, b) in enumerate(zip(first, last, strict=False)):
        if a != b:
            n = i
            break
    return first[:n]


def same_after_values(parts: list[tuple[str, Gap]]) -> list[tuple[str, Gap]]:
    """The words after each value opening with the same text (=116人 | 该指标值数据合理保障…, …,
    =4个 | 该指标值数据合理): where the last of them, ending the piece, is that text alone, it is
    a column's cell written the same in every row (a 指标值说明), the rest the next row's name;
    cut so. (Names opening alike, 群众满意度 | 群众满意度提升率, each have a value after them.)"""
    after = [k for k in range(1, len(parts)) if _after_value(parts, k)]
    if len(after) < _SAME_PARTS:
        return parts
    same = _shared_start([parts[k][0] for k in after])
    if len(same) < _SAME_CHARS or after[-1] != len(parts) - 1 or parts[-1][0] != same:
        return parts  # (the shared words alone end the piece: a row's last cell, no name)
    out: list[tuple[str, Gap]] = []
    for k, (text, gap) in enumerate(parts):
        if k in after and len(text) > len(same):
            out.extend([(same, gap), (text[len(same) :], "cut")])
        else:
            out.append((text, gap))
    return out
