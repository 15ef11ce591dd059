"""One indicator row of a table → an :class:`~jixiao.model.Indicator`: its classes, targets,
actual, 分值 / 得分 and text columns (解释, 标准, 方向, 偏差原因); a template row left unfilled
(指标2: with nothing after it) is no indicator."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..chars import DIGIT
from ..framework import Framework
from ..model import Indicator
from .table_classes import classes
from .table_values import NoteFn, actual, decimal_cell, is_op, targets
from .table_vocabulary import INDICATOR_TEXT_ROLES, vocabulary

_SENTENCE = re.compile(r"[\u4e00-\u9fff]{4}")  # words, not a number nor a mark
_ZERO = re.compile(r"[0.]+[%％]?")  # a template row: its name 0 and its values nought
_DIRECTION = re.compile("正向|反向")


def is_placeholder(cell: Callable[[str], str], name: str) -> bool:
    """A template row left unfilled (指标2:, ……, or several such in one cell: 1. 2. …): its
    name a placeholder and no value of its own."""
    bare = "".join(name.split()).rstrip("/／")
    filled = [cell(x).strip("/／-—－ ") for x in ("value", "cycle", "annual", "actual", "score")]
    blank = vocabulary().placeholder_name
    pieces = name.split()
    unfilled = bool(blank.fullmatch(bare)) or (
        len(pieces) > 1 and all(blank.fullmatch(p.rstrip("/／")) for p in pieces)
    )
    return unfilled and not any(v and v != bare and not _ZERO.fullmatch(v) for v in filled)


def make_indicator(
    seq: int,
    written: tuple[str, str],
    cell: Callable[[str], str],
    name: str,
    line: int,
    fw: Framework,
    notes: tuple[NoteFn, NoteFn],
) -> Indicator:
    """The indicator numbered ``seq`` of a row: ``written`` its level 1 and level 2 as written
    (carried down), ``cell`` its cells by role; ``notes``: the note callback and the one that
    notes a message once per document."""
    note, note_once = notes
    level1, level2 = classes(fw, written[0], written[1], line, note, note_once)
    cycle, annual = targets(cell, name, line, note)
    indicator = Indicator(seq, level1, level2, name, cycle, annual)
    indicator.score = decimal_cell(cell("score"), "得分", line, note)
    indicator.actual = actual(cell, line, note)
    for role in INDICATOR_TEXT_ROLES:
        text = cell(role)
        # (a 偏差原因 written as a dash says "none" as written; the template's …… is no text)
        kept = text.strip("…. ") if role == "deviation" else text.strip("-－—…/／. ")
        setattr(indicator, role, text if kept else None)
    weight = cell("weight")
    if indicator.explanation is None and _SENTENCE.search(weight) and not DIGIT.search(weight):
        indicator.explanation = weight.strip()  # the column a template calls 指标分值 explains
        note("info", "weight.explanation", f"分值列的文字“{weight.strip()}”记为指标解释", line)
    else:
        indicator.weight = decimal_cell(weight, "分值", line, note)
    if indicator.direction and is_op(indicator.direction):
        indicator.direction = None  # a comparator, read into the target
    if indicator.direction in vocabulary().qualitative_ops:
        indicator.direction = None  # 定性 in the column of 正向 / 反向: the kind, no direction
    if indicator.direction:  # 正向指标 → 正向: the category, however a template words it
        found = _DIRECTION.search(indicator.direction)
        indicator.direction = found.group() if found else indicator.direction
    return indicator
