"""Indicator rows of web-page text read from their own evidence: a whole row run together
(name · 分值 · the value written twice · 得分) that can be split one way only, and rows whose
cells vouch for each other (the value written again as the actual, a 得分 within its 分值), the
only rows read from a table most of whose rows cannot be told apart. Kept apart from the
plausibility checks of :mod:`.webtext_rows`, which use :func:`vouched_name`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...chars import DIGIT, HAN
from ..grid import GridNote
from ..table_vocabulary import vocabulary
from ..text_align import Row
from .webtext_shortfall import shortfall_checked, shortfall_split

_RUN_TAIL = re.compile(r"(?:指标\d+[:：])+$")  # the next template row's 指标2: run on after it
_RUN_SCORE = re.compile(r"[0-9IlOo]{1,3}(?:\.\d{1,2})?$")
_RUN_WEIGHT = re.compile(
    r"(?<=[\u4e00-\u9fff）)、，,.])(?<!指标)(?<!目标)(?:100|[1-9]?\d)(?:\.\d{1,2})?$"
)
_RUN_ROLES = ("name", "weight", "value", "actual", "score")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_FIGURE_START = re.compile(r"[0-9≥≤><=≧≦]")  # a value that starts as a figure or comparator


def _run_roles(roles: list[str | None]) -> list[int] | None:
    """The columns name · 分值 · 指标值 · 完成值 · 得分 (指标值: 年度指标值 as well), or ``None``
    when the header lacks one of them."""
    value = "value" if "value" in roles else "annual"
    want = ("name", "weight", value, "actual", "score")
    return [roles.index(r) for r in want] if all(r in roles for r in want) else None


def self_checked(cells: list[str], roles: list[str | None]) -> bool:
    """A row whose cells vouch for each other: a name, a value written again as the actual and
    a 得分 no more than its 分值 (8 | 550万粒 | 550万粒 | 8). The value is not a bare figure
    (1 | 1 | 10 | 10 may be a 分值 and 得分 pair as well)."""
    at = _run_roles(roles)
    if at is None:
        return False
    if shortfall_checked(cells, roles):
        return True  # (a verdict target, its actual in words, a lower 得分 and the reason)
    name, weight, value, actual, score = ("".join(cells[j].split()) for j in at)
    figures = _FIGURE.fullmatch(weight) and _FIGURE.fullmatch(score)
    if not (name and value and value == actual and figures) or _FIGURE.fullmatch(value):
        return False
    return float(score) <= float(weight)


def _run_reading(text: str) -> list[tuple[str, str, str, str]]:
    """Every reading of a whole row run together as name · 分值 · value · the same value again ·
    得分 (公用经费标准5符合相关文件要求符合相关文件要求5): (name, 分值, value, 得分)."""
    score = _RUN_SCORE.search(text)
    if score is None or score.start() == 0:
        return []
    digits = vocabulary().ocr_digits
    points = "".join(digits.get(c, c) for c in score.group())
    if not _FIGURE.fullmatch(points):
        return []
    rest = text[: score.start()]
    out: list[tuple[str, str, str, str]] = []
    for n in range(1, len(rest) // 2 + 1):
        value = rest[-n:]
        if rest[-2 * n : -n] != value or "指标" in value:
            continue
        if DIGIT.search(value) and not _FIGURE_START.match(value):
            continue  # a figure in words (工5%: an OCR's ≥): no value the text settles
        weight = _RUN_WEIGHT.search(rest[: -2 * n])
        if weight is None:
            continue
        name = rest[: weight.start()]
        if len(HAN.findall(name)) < 3 or float(points) > float(weight.group()):
            continue  # (a 得分 above its 分值 is no reading)
        out.append((name, weight.group(), value, score.group()))
    return out


def whole_runs(rows: Sequence[Row], roles: list[str | None], glued: bool) -> list[GridNote]:
    """In text whose cells run together (``glued``) under 分值 | 指标值 | 完成值 | 得分, rows whose
    cells from the name on did not come apart but hold one reading only: a name, a 分值, a value
    written twice (the target and the actual equal) and a 得分 no more than the 分值, the text's
    own cuts falling between these cells. The rows are split so; the note saying how many."""
    at = _run_roles(roles)
    if not glued or at is None or at != sorted(at) or at[-1] - at[0] != len(at) - 1:
        return []
    done = short = 0
    for r in rows:
        if shortfall_split(r, roles):
            short += 1
            continue
        if any(c for j, c in enumerate(r.cells) if j > at[-1]):
            continue  # (a 偏差原因 after the 得分: not this reading)
        cells = ["".join(r.cells[j].split()) for j in at]
        if not cells[0]:
            continue
        filled = [c for c in cells if c]
        joined = "".join(filled)
        tail = _RUN_TAIL.search(joined)
        text = joined[: tail.start()] if tail else joined
        readings = _run_reading(text)
        if len(readings) != 1:
            continue
        name, weight, value, score = readings[0]
        ends = {len(name), len(name) + len(weight)}
        ends |= {len(name) + len(weight) + len(value) * k for k in (1, 2)} | {len(text)}
        cuts = [sum(len(c) for c in filled[: k + 1]) for k in range(len(filled) - 1)]
        if any(c not in ends for c in cuts):
            continue
        for j, cell in zip(at, (name, weight, value, value, score), strict=True):
            r.cells[j] = cell
        done += 1
    why = f"{done} 行的各格连在一起，指标值写了两遍、得分不超过分值，只有一种分法，按此读取"
    notes = [GridNote("info", "text.row_run", why, rows[0].line)] if done else []
    if short:
        why = (
            f"{short} 行的各格连在一起，指标值是一字的判断（是、高…）、完成值另写、得分低于分值并"
            "写有原因，只有一种分法，按此读取"
        )
        notes.append(GridNote("info", "text.row_shortfall", why, rows[0].line))
    return notes


def vouched_only(rows: Sequence[Row], roles: list[str | None], doubts: list[str | None]) -> int:
    """In a table most of whose rows are unclear, every row but those whose cells vouch for each
    other (:func:`self_checked`) is doubted too; how many rows are left to read."""
    kept = 0
    for k, r in enumerate(rows):
        if doubts[k] is None and self_checked(r.cells, roles):
            kept += 1
        else:  # (a doubted row's classes are still kept, for the rows under them)
            doubts[k] = doubts[k] or "所在的指标表过半分不清各格，它的各格也没有互相印证"
    return kept


def vouched_name(cells: list[str], roles: list[str | None], name: str) -> bool:
    """A name that reads like a value (效果显著) in a row whose other cells vouch for each other
    and hold another value (15 | 改善学校的办学条件 twice | 13): all the values are there, so
    the name is the name."""
    at = _run_roles(roles)
    return at is not None and self_checked(cells, roles) and cells[at[2]].strip() != name
