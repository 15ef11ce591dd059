"""What a cell of a table's body in web text looks like (:func:`kind`: a class label, a figure, a
target, words …) and how well it fits a column of a role (:func:`fit`): the costs
:func:`jixiao.ingest.text_align.align` adds up to read a body's tokens into rows."""

from __future__ import annotations

import re
from functools import lru_cache

from ..chars import DIGIT
from ..framework import clean_label, load_framework
from ..targets import type_target
from .table_vocabulary import NAME_ROLES, footer_role, is_tree_column, role_of, vocabulary

NUMBER_TEXT = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
PERCENT_TEXT = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*[%％]$")
_VALUE = re.compile(
    r"^(?:[≥≤><=＞＜≧≦≈±]|>=|<=|大于|小于|不低于|不高于|不少于|不超过|达到)?\s*[0-9０-９]"
)
_CJK_UNIT = re.compile(r"[\u4e00-\u9fff]{1,4}")


@lru_cache(maxsize=4096)
def unit_of(figure: str, word: str) -> bool:
    """``word`` (公里, 人次) is a unit the figure before it takes: a figure's unit written apart."""
    if not _CJK_UNIT.fullmatch(word):
        return False
    target = type_target(figure.strip() + word)
    return target.kind == "quantitative" and target.unit == word


_PLACEHOLDER = re.compile(r"^[…\.。、·\-—/／\\]+$")
_SCORE_LABEL = re.compile(r"^[（(]\s*\d+(?:[-～~]\d+)?\s*分?\s*[)）]\s*分?$")
_POINTS_MARK = re.compile(r"[（(]\s*\d+\s*分\s*[)）]")

# What a cell looks like.
EMPTY, L1, L2, HEADER, NUMBER, PERCENT, VALUE, PHRASE, TEXT, DASH, SCORE_ONLY, FOOTER = range(12)


@lru_cache(maxsize=8192)
def kind(text: str) -> int:
    """What ``text`` looks like, as one of the kinds above."""
    t = "".join(text.split())
    if not t:
        return EMPTY
    if _PLACEHOLDER.fullmatch(t):
        return DASH
    if _SCORE_LABEL.fullmatch(t):
        return SCORE_ONLY  # (50分): a level-1 cell whose name was lost
    fw = load_framework()
    label = clean_label(t)
    voc = vocabulary()
    bare = _without_points(label)  # (产出指标50分, 决策10: the class without its points)
    if fw.find1(None, label) is not None or fw.find1(None, bare):
        return L1
    if fw.find2(None, label) is not None or label in voc.other_level2:
        return L2
    if bare in voc.evaluation_level1:
        return L1  # (决策(10): an evaluation score sheet's class, kept as written)
    if bare in voc.evaluation_level2:
        return L2
    if NUMBER_TEXT.fullmatch(t):
        return NUMBER
    if PERCENT_TEXT.fullmatch(t):
        return PERCENT
    if t in vocabulary().qualitative_phrases:
        return PHRASE  # 长期: a target, though a column may be called so
    if len(t) <= 8 and footer_role(t) is not None:
        return FOOTER
    if len(t) <= 12 and role_of(t) is not None:
        return HEADER
    if _VALUE.match(t) and len(t) <= 24:
        typed = type_target(t)
        if typed.kind == "quantitative":
            return VALUE
    if len(t) <= 8:
        return PHRASE
    return TEXT


def _without_points(label: str) -> str:
    """``产出指标50分`` → ``产出指标``; ``产出指标分`` (``产出指标(40-50)分`` whose range
    clean_label took out) → ``产出指标``. Not ``re.sub(r"\\d+分$")``: on a long run of digits
    that tries every start position to the end (17,000 digits took 1 s a call: make fuzz)."""
    if not label.endswith("分"):
        return label
    head = label[:-1]
    cut = len(head)
    while cut and head[cut - 1].isdigit():
        cut -= 1
    return head[:cut]


def _is_class_like(text: str) -> bool:
    t = clean_label("".join(text.split()))
    return t.endswith("指标") and 2 < len(t) <= 12


@lru_cache(maxsize=16384)
def class_across_space(before: str, after: str) -> bool:
    """Either of two tokens a space apart is a class label of another framework (过程管理指标
    | 计划管理指标 in a row per line with spaces between its cells): a cell of its own, not a
    piece of a name joined across the space."""
    return is_other_class(before) or is_other_class(after) or _long_class(before)


def _long_class(text: str) -> bool:
    """A class label with its gloss, too long for a phrase (预算(或投资规模)控制指标)."""
    t = "".join(text.split())
    return kind(t) == TEXT and _is_class_like(t) and not any(c.isdigit() for c in t)


@lru_cache(maxsize=16384)
def is_other_class(text: str) -> bool:
    """A short label such as 过程管理指标 / 计划管理指标: a class of another framework, neither a
    name nor a target (达成预期指标, a target phrase, excepted)."""
    t = "".join(text.split())
    return (
        kind(t) == PHRASE
        and _is_class_like(t)
        and len(t) <= 8
        and t not in vocabulary().qualitative_phrases
    )


def _is_op(text: str) -> bool:
    voc = vocabulary()
    t = "".join(text.split()).strip("-－—_")
    return t in voc.ops or t in voc.qualitative_ops


def _is_unit(text: str) -> bool:
    t = "".join(text.split())
    if t in vocabulary().qualitative_phrases:
        return False  # 有效, 良好: a qualitative target, not a unit
    return 0 < len(t) <= 6 and not DIGIT.search(t) and kind(t) in (PHRASE, DASH)


# -- fit of a cell to a column -------------------------------------------------------------------
_CODED = re.compile(r"^[\[【(（]?[0-9A-Za-z]{3,}[\]】)）]?\s*[-－—_ ]?\s*[\u4e00-\u9fff]")
BRACKETED = re.compile(r"[(（][^()（）]*[)）]分?")  # (必填), (40-50)分: marks a class bears
NUMBERED_NAME = re.compile(r"^指标\d+\s*[.．:：、](?!\d)")
DATE_VALUE = re.compile(r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|底|末|内)?")
ROW_VALUE_ROLES = frozenset({"value", "annual", "cycle", "actual", "weight", "score"})
"""The columns of a row's values (targets, 完成值, 分值, 得分), after its classes and name."""
# A 指标方向 cell holding a comparator (≤) or the pair of answers (是/否) instead of 正向 / 反向.
COMPARATOR = re.compile(r"[≥≤＞＜>=<≧≦]+")
"""A run of comparator marks as pages print them (≥, ＞, >=, ≧ …)."""
_DIRECTION_MARK = re.compile(rf"{COMPARATOR.pattern}|[\u4e00-\u9fff][/／][\u4e00-\u9fff]")
_AMOUNT = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d{4,}\.\d{2}$")
_MONEY_AMOUNT = re.compile(r"[\d,.]+\s*(?:万元|万|元|亿元|千元)")  # an amount with its money unit


def direction_mark(text: str) -> bool:
    """A comparator (≤) or a pair of answers (是/否): what a 指标方向 cell may hold."""
    return _DIRECTION_MARK.fullmatch("".join(text.split())) is not None


# What a cell of each kind costs in some columns (built once, not at every fit).
_NAMED_BY = {EMPTY: 0.3, DASH: 1.0}
_AS_NAME = {VALUE: 4.0, NUMBER: 5.0, PERCENT: 5.0, DASH: 1.5, L1: 7.0, L2: 7.0}
_AS_POINTS = {PERCENT: 2.0, EMPTY: 0.6, DASH: 0.5}
_AS_AMOUNT = {NUMBER: 0.0, EMPTY: 0.5, DASH: 0.3}
_AS_RATE = {PERCENT: 0.0, NUMBER: 1.5, EMPTY: 0.5, DASH: 0.3}
_AS_TEXT = {EMPTY: 0.3, NUMBER: 1.5, PERCENT: 2.0, VALUE: 2.0, DASH: 0.3}


@lru_cache(maxsize=16384)
def fit(role: str | None, text: str) -> float:
    """The cost of reading ``text`` as a cell of a column of ``role`` (``None``: a label column
    without a role, such as 绩效指标 spanning the grid)."""
    k = kind(text)
    t = "".join(text.split())
    if role in NAME_ROLES:
        if k in (TEXT, PHRASE):
            return 0.0 if _CODED.match(t) else 0.3
        return _NAMED_BY.get(k, 6.0)
    if k in (NUMBER, VALUE) and _AMOUNT.match(t):  # 8,827,620.53: money, not a target or a score
        if role in ("total", "fiscal", "special", "other"):
            return 0.0  # (thousands separators make it a VALUE to kind(), still an amount)
        if k == NUMBER and role in ("value", "annual", "cycle", "actual", "weight", "score"):
            return 3.0
    if role is None:  # (绩效指标 again: the page's next rows under the caption printed anew)
        return 0.0 if k in (EMPTY, HEADER) or is_tree_column(t) else 7.0
    if role == UNLABELLED:  # a trailing column without a header: bare figures (分值? 得分?)
        return {EMPTY: 0.3, DASH: 0.3}.get(k, 0.0 if k == NUMBER and len(t) <= 4 else 9.0)
    if role == "level1":
        return {L1: 0.0, SCORE_ONLY: 0.2, EMPTY: 0.3, L2: 5.0}.get(
            k, 2.5 if _is_class_like(text) else 9.0
        )
    if role == "level2":
        if k == L1 and load_framework().find2(None, clean_label(text)) is not None:
            return 0.3  # 成本指标 under 产出指标 in older templates
        return {L2: 0.0, EMPTY: 0.3, L1: 3.0}.get(k, 2.5 if _is_class_like(text) else 9.0)
    if role == "name":
        if is_other_class(t):
            return 3.0
        if t in vocabulary().qualitative_ops:
            return 6.0  # 定性: a 指标性质, never a name or a piece of one
        if k in (TEXT, PHRASE):
            return 2.0 if _CODED.match(t) else (0.0 if len(text) > 2 else 1.0)
        return _AS_NAME.get(k, 8.0)
    if role in ("value", "annual", "cycle", "actual") and is_other_class(t):
        return 6.0
    if role in ("value", "annual", "cycle", "actual") and t in vocabulary().qualitative_ops:
        return 6.0  # 定性: the 指标性质 saying the row has no figure, never its target
    if role in ROW_VALUE_ROLES and (NUMBERED_NAME.match(t) or _template_row(t)):
        return 6.0  # 指标2: starts the next row's name, never a value
    if role in ("standard", *ROW_VALUE_ROLES) and vocabulary().standard_kind.fullmatch(t):
        return 0.0 if role == "standard" else 4.0  # 计划标准: a 绩效标准 cell, never a target
    if role in ("value", "annual", "cycle"):
        return {
            VALUE: 0.0,
            PERCENT: 0.0,
            NUMBER: 0.3,
            PHRASE: 0.8,
            TEXT: 1.2 if len(text) <= 30 else 2.5,
            EMPTY: 2.0,
            DASH: 1.0,
        }.get(k, 9.0)
    if role == "actual":
        return {
            VALUE: 0.0,
            PERCENT: 0.0,
            NUMBER: 0.3,
            PHRASE: 0.8,
            TEXT: 1.5 if len(text) <= 30 else 2.5,
            EMPTY: 0.8,
            DASH: 0.5,
        }.get(k, 9.0)
    if role in ("weight", "score"):
        if k == NUMBER:
            return 0.0 if float("".join(text.split())) <= 100 else 4.0
        if k == PERCENT and role == "weight" and float(t.rstrip("%％")) <= 100:
            return 0.5  # (权重 20%: a weight written as a share)
        return _AS_POINTS.get(k, 9.0)
    if role == "op":
        if _is_op(text):
            return 0.0
        if vocabulary().direction_word.fullmatch(t):
            return 0.3  # 指标性质 over 正向 / 反向 in some templates (see table_direction)
        return 1.0 if k == EMPTY else 8.0
    if role == "measure":
        if k == EMPTY:
            return 1.0
        return 0.3 if _is_unit(text) or _PERCENT_UNIT.fullmatch("".join(text.split())) else 6.0
    if role == "direction":
        t = "".join(text.split())
        if "正向" in t or "反向" in t or _DIRECTION_MARK.fullmatch(t):
            return 0.0
        if _is_op(text) and t not in vocabulary().qualitative_ops:
            return 0.3  # 指标方向 over 大于等于 / 等于 in some templates (see table_direction)
        return 0.5 if k == EMPTY else 5.0
    if role in ("total", "fiscal", "special", "other", "initial", "full_year", "executed"):
        if k == VALUE and _MONEY_AMOUNT.fullmatch("".join(text.split())):
            return 0.2
        return _AS_AMOUNT.get(k, 6.0)
    if role == "rate":
        return _AS_RATE.get(k, 6.0)
    if role == "seq":
        return 0.0 if k == NUMBER and len(text) <= 3 else (0.5 if k == EMPTY else 6.0)
    # Text columns: deviation, explanation, standard, remark, goal, department, unit, project …
    if k in (L1, L2, HEADER, FOOTER, SCORE_ONLY):
        return 7.0
    if role == "deviation" and _POINTS_MARK.search(t):
        return 7.0  # 效益指标(30分): a class's label and points, never a reason
    if _template_name(t):
        return 4.0  # 指标2: a template's unfilled row, not a remark
    if k == TEXT and role in ("deviation", "standard") and vocabulary().scoring_rule.search(t):
        return 2.0 if role == "deviation" else 0.3  # 记满分: how to score, not why it fell short
    return _AS_TEXT.get(k, 1.0)


def _template_name(t: str) -> bool:
    """指标 / 指标2…: the name of a template's unfilled row."""
    return t.startswith("指标") and bool(
        vocabulary().placeholder_name.fullmatch(t.rstrip("…．.。·"))
    )


def _template_row(t: str) -> bool:
    """指标2: numbered, surely a template's row (a bare 指标 may be a header's word split off)."""
    return _template_name(t) and any(c.isdigit() for c in t)


_PERCENT_UNIT = re.compile(r"[%％](?:[(（][^)）\d]*[)）])?")  # %, %(百分比): a unit cell


UNLABELLED = "unlabelled"
"""The role of a column the rows have and the header does not name (a figure after the last
value column); :func:`fit` takes only bare small numbers there."""
