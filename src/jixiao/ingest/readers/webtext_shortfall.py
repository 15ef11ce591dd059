"""A self-evaluation row of text run together whose indicator fell short: name · 分值 · a one-
character verdict as the target · the actual in words · a 得分 below the 分值 · the reason
(某某体系建设8是基本达到7加强某某指导). The target and actual differ, so the row does not vouch
for itself by a value written twice; it does by its shape: two figures only, the 得分 lower than
the 分值 and a reason for it, a verdict (是, 高) before words that open with none, every cut
where only one cut can be."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate

from ...chars import HAN
from ..table_vocabulary import vocabulary
from ..text_align import Row

_CJK = "\u4e00-\u9fff"
_POINTS = r"(?:100|[1-9]?\d)(?:\.\d{1,2})?"
_SHORTFALL = re.compile(
    rf"(?P<name>[^\d]*[{_CJK}）)])(?P<weight>{_POINTS})(?P<value>[{_CJK}])"
    rf"(?P<actual>[{_CJK}]{{2,8}})(?P<score>{_POINTS})(?P<reason>[{_CJK}][^\d]*)"
)
_MIN_NAME = 3  # Chinese characters of a name (not a fragment)
_MIN_REASON = 4
_ROLES = ("name", "weight", "value", "actual", "score", "deviation")


def shortfall_columns(roles: Sequence[str | None]) -> list[int] | None:
    """The columns name · 分值 · 指标值 · 完成值 · 得分 · 偏差原因, side by side and in this order
    (指标值: 年度指标值 as well); ``None`` when the header has them otherwise."""
    value = "value" if "value" in roles else "annual"
    want = [value if r == "value" else r for r in _ROLES]
    if not all(r in roles for r in want):
        return None
    at = [roles.index(r) for r in want]
    return at if at == list(range(at[0], at[0] + len(at))) else None


def shortfall_reading(text: str) -> tuple[str, str, str, str, str, str] | None:
    """The one reading of ``text`` as such a row: (name, 分值, target, actual, 得分, reason), or
    ``None`` when it has another shape or could be cut otherwise."""
    m = _SHORTFALL.fullmatch(text)
    if m is None:
        return None
    verdicts = vocabulary().verdicts
    if m["value"] not in verdicts or m["actual"][0] in verdicts:
        return None  # (是否…: the target's end is not fixed)
    if float(m["score"]) >= float(m["weight"]):
        return None  # no shortfall: no reason to read
    if len(HAN.findall(m["name"])) < _MIN_NAME:
        return None
    if len(HAN.findall(m["reason"])) < _MIN_REASON:
        return None
    return m["name"], m["weight"], m["value"], m["actual"], m["score"], m["reason"]


def shortfall_checked(cells: Sequence[str], roles: Sequence[str | None]) -> bool:
    """A row already split so (its cells read back as one such run): its cells vouch for each
    other."""
    at = shortfall_columns(roles)
    if at is None:
        return False
    parts = ["".join(cells[j].split()) for j in at]
    return all(parts) and shortfall_reading("".join(parts)) == tuple(parts)


def shortfall_split(r: Row, roles: list[str | None]) -> bool:
    """A row whose cells from the name on did not come apart and read one way only as a row
    that fell short (:func:`shortfall_reading`): split so, in place."""
    at = shortfall_columns(roles)
    if at is None:
        return False
    filled = ["".join(r.cells[j].split()) for j in at if r.cells[j].strip()]
    reading = shortfall_reading("".join(filled))
    if reading is None:
        return False
    ends = set(accumulate(len(c) for c in reading))
    if any(c not in ends for c in accumulate(len(c) for c in filled)):
        return False  # (the text's own cuts fall inside a cell of this reading)
    for j, cell in zip(at, reading, strict=True):
        r.cells[j] = cell
    return True
