"""Whether an aligned row of web-page text can be an indicator row as read: the plausibility
checks that leave a row out rather than read it wrong (a name that is a fragment, holds class
labels or is written twice, a target that is a label or has the next cell's words run on, values
that may be the 分值 and 得分; the class cells: :mod:`.webtext_classes`), and the rows a body's
shape leaves in doubt (a name over a page number, repeated, glued to its explanation or led
by a figure; a row no project owns)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from itertools import pairwise

from ...chars import BARE_NUMBER, DIGIT, HAN
from ...framework import load_framework
from ...model import FUND_FIELDS
from ...preload import preloaded
from ...targets import quantity_at
from ..table_vocabulary import role_of, vocabulary
from ..text_align import Row
from ..text_cells import (
    HEADER,
    L1,
    L2,
    NUMBER,
    PERCENT,
    PHRASE,
    ROW_VALUE_ROLES,
    SCORE_ONLY,
    TEXT,
    VALUE,
    direction_mark,
    is_other_class,
    kind,
)
from ..text_tokens import Token, join
from .webtext_labels import header_label
from .webtext_runs import vouched_name

_CLASS_INSIDE = re.compile(
    "产出指标|效益指标|满意度指标|成本指标|数量指标|质量指标|时效指标|效益指标|影响指标"
)
_LABELS = frozenset({L1, L2, HEADER})
_FRAGMENT = re.compile(r"^[\d\W]*(?:指标)?[\d\W]*$")
_LIST_OPEN = ("、", "，", ",", "及", "和", "与")  # a name ending so goes on in the next cell
# A value with words run on after it (100%库存数量真实率: the next row's name glued to it).
_VALUE_THEN_WORDS = re.compile(r"^[<>≥≤=≧≦]?\d+(?:\.\d+)?[%％]([\u4e00-\u9fff].*)$")
_DATE = re.compile(
    r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|底|末)?|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}"
)
_BY = re.compile(r"\d{1,2}月(?:\d{1,2}日)?(?:底|末)?(?:前|以前|内)")  # 12月底前: a deadline
_CLASS_HEAD = re.compile(r"[\d%％]([\u4e00-\u9fff]{2,4})$")  # 100%质量: a class cut off
NUMBERED_NAME = re.compile(r"指标\d+\s*[.．:：、]")
_NUMBER_ONLY = re.compile(r"\d+[:：]")  # 2: a row's number, no value
_INDICATOR_NUMBER = re.compile(r"指标\d+[:：]?")  # 指标2: a template's numbered name
_NO_WORDS = re.compile(r"[\d\W_]*")  # figures and marks only
# The next indicator's number inside a name (…覆盖率指标2:…): two rows run together.
_INNER_NUMBER = re.compile(r"(?<=[\d%％\u4e00-\u9fff])指标\d+[.．:：、]?(?=[\u4e00-\u9fff])")
_POINTS_GIVEN = re.compile(r"得\d+(?:\.\d+)?分")  # (…的得2分: a scoring rule's words)
# A scoring rule cut at its points (…纳入乡镇账户管理,得 | 2分): the rule's words, no name.
_POINTS_CUT = re.compile(r"[,，;；](?:得|扣|加|不得)$")
# A class's label with its points (项目产出(30分)), even misspelt (an OCR's 顼目产出): a label,
# never a target.
_CLASS_POINTS = re.compile(r"[\u4e00-\u9fff]{2,10}[(（]\d+(?:\.\d+)?分[)）]")
# A last clause ending in a percentage (…,已使用约40%): a statement of what was done, no name.
_CLAUSE_PERCENT = re.compile(r"[,，;；][^,，;；]{0,12}\d+(?:\.\d+)?\s*[%％]$")
_PERCENTS = re.compile(r"\d[%％]")
_FIGURES_RUN = re.compile(r"\d{6,}|[%％]\d")  # 901010010, 完成率%90: figures run together
_CLASS_AHEAD = re.compile(r"[\u4e00-\u9fff]{2}指标(?=[\u4e00-\u9fff]{2})")
# A name that starts with the tail of a class label cut in two (经济效益 | 指标利息费用保障率).
_LABEL_TAIL = re.compile(r"^指标[\u4e00-\u9fff]")
_COMPARATOR = re.compile(r"[<>≥≤≧≦=＝＞＜]=?")  # a word of its own: the 指标性质 cell
_RATE_NAME = re.compile(r"[\u4e00-\u9fff]+率")  # 贴保障率: a rate's name, never its value
# A name with a unit pair glued on (演出设备成本件/件: a 计量单位 cell, or the target's start)
_UNIT_PAIR_END = re.compile(r"[\u4e00-\u9fff]{2}[\u4e00-\u9fff][/／][\u4e00-\u9fff]$")
_UNIT_ONLY = re.compile(r"[%％](?:[(（][^)）\d]*[)）])?")  # %(百分比) without its number


@preloaded
@cache
def _class_names() -> tuple[str, ...]:
    """The framework's class names, with their 指标 (产出指标, 可持续影响指标)."""
    fw = load_framework()
    names = [c.name for c in (*fw.level1.values(), *fw.level2.values())]
    return tuple(dict.fromkeys(n if n.endswith("指标") else n + "指标" for n in names))


def _label_piece(text: str, *, inside: bool = False) -> bool:
    """``text`` is a piece of a class label cut off: 度指 (满意度指标 cut in two), and with
    ``inside`` any piece of one (效益, 可持 run on after a value)."""
    if text in vocabulary().qualitative_phrases or len(text) < 2:
        return False
    if text.endswith("指"):
        return True
    return inside and any(text in w and text != w for w in _class_names())


_FIGURE_LED = re.compile(r"[≥≤><=＞＜]?\d+(?:\.\d+)?[^\d.\s]")  # 120平米, 490元/平米 (a unit after)


def _ends_in_its_kind(name: str, cells: list[str], roles: list[str | None]) -> bool:
    """A name ending in the word its own 指标性质 cell holds (提升工作效率定性 | 定性): the
    cell may be written twice, or the name end so; the text does not say."""
    kinds = {
        "".join(c.split())
        for r, c in zip(roles, cells, strict=True)
        if r in ("op", "direction") and "".join(c.split()) in vocabulary().qualitative_ops
    }
    return any(name.endswith(w) and name != w for w in kinds)


def _phrase_inside(name: str) -> bool:
    """A qualitative target of four characters or more (明显增加) inside a name, words longer than a
    label on both sides (某某的关爱明显增加某某防治意识): a row's target between two
    names as well as a piece of one name."""
    for phrase in vocabulary().qualitative_phrases:
        at = name.find(phrase) if len(phrase) >= 4 else -1
        while at >= 0:
            before, after = name[:at], name[at + len(phrase) :]
            if len(HAN.findall(before)) >= 5 and len(HAN.findall(after)) >= 5:
                return True
            at = name.find(phrase, at + 1)
    return False


def implausible(
    cells: list[str],
    roles: list[str | None],
    *,
    explicit: bool = False,
    spaced: bool = True,
    whole: bool = False,
) -> str | None:
    """Why an aligned row cannot be an indicator row as read (a name that is a fragment or holds
    class labels run into it, a target that is a label), or ``None``: each a sign that cells were
    not told apart right, and a wrong row is worse than a missing one. ``spaced``: spaces may
    part the row's cells (its first line holds several). ``whole``: each value cell is a whole
    run between spaces (no figure glued to it: 28 | 8 is no 2 glued to a target of 8)."""
    for role, cell in zip(roles, cells, strict=True):
        text = "".join(cell.split())
        if not text:
            continue
        if role == "name":
            words = HAN.findall(text)
            if _FRAGMENT.fullmatch(text) or len(words) < 3 or text.endswith(_LIST_OPEN):
                return "的三级指标名称只是残片"  # (社会、经济、: a list cut before its end)
            if _UNIT_ONLY.fullmatch(text):
                return "的三级指标名称只是一个单位（%(百分比)：指标值的一部分）"
            voc = vocabulary()
            phrase = text in voc.qualitative_phrases or text in voc.completion_words
            if phrase and not vouched_name(cells, roles, text):
                return "的三级指标名称是一个指标值"
            numbers = [w for w in cell.split() if kind(w) in (NUMBER, PERCENT, VALUE)]
            if len(numbers) >= 2:
                return "的三级指标名称里混有几个数值"
            if any(kind(w) == NUMBER for w in cell.split()[1:-1]):
                return "的三级指标名称中间夹着一个单独的数（分值，几格连在一起）"
            if _CLASS_INSIDE.search(text) and kind(text) not in (L1, L2):
                return "的三级指标名称里混有指标类别"
            if _CLASS_AHEAD.match(text) and kind(text) not in (L1, L2):
                return "的三级指标名称以一个类别标签开头（进度指标…）"
            if _LABEL_TAIL.match(text) or cell.split()[0] == "指标" != text:
                return "的三级指标名称以被截断的类别开头"  # (指标 5000吨…: 数量 / 指标)
            half = len(text) // 2
            if len(text) >= 8 and text[:half] == text[half:]:
                return "的三级指标名称重复了两遍（名称和解释连在一起）"
            if _DATE.fullmatch(text):
                return "的三级指标名称是一个指标值"
            if len(NUMBERED_NAME.findall(text)) >= 2:
                return "的三级指标名称里有两个指标编号（两行连在一起）"
            inner = _INNER_NUMBER.search(text)
            if inner is not None and inner.start() > 0:
                return "的三级指标名称中间有下一个指标的编号（两行连在一起）"
            if len(_PERCENTS.findall(text)) >= 2 or _FIGURES_RUN.search(text):
                return "的三级指标名称里混有几个数（各格连在一起）"
            if (
                voc.scoring_rule.search(text)
                or _POINTS_GIVEN.search(text)
                or _POINTS_CUT.search(text)
            ):
                return "的三级指标名称是评分办法（评分标准一列的文字）"
            if text.startswith("其中") and role_of(text) in FUND_FIELDS:
                return "的三级指标名称是资金表的行名（其中:中央补助…）"
            if text.startswith(voc.note_labels):
                return "的三级指标名称是一段说明（评价要点:…）"
            if _CLAUSE_PERCENT.search(text):
                return "的三级指标名称是一句以百分数结尾的说明（按进度执行,已使用约40%：完成情况）"
            parts = cell.split()
            last = parts[-1] if len(parts) >= 2 else ""
            if last and (
                kind(last) in (VALUE, PERCENT) or _DATE.match(last) or _BY.fullmatch(last)
            ):
                return "的三级指标名称后面连着一个指标值"
            if any(_COMPARATOR.fullmatch(p) for p in parts):
                return "的三级指标名称里混有比较符号（指标性质一列）"
            if _UNIT_PAIR_END.search(cell.strip()):
                return "的三级指标名称连着一个单位（件/件），分不清名称在哪里结束"
            if _ends_in_its_kind(text, cells, roles):
                return "的三级指标名称以这一行的指标性质（定性…）结尾，分不清是否多写的一格"
            if _phrase_inside(text):
                return "的三级指标名称中间夹着一个定性的指标值（明显增加…），可能是两行连在一起"
        elif role in ("value", "annual", "cycle", "actual"):
            label = header_label(text) and text not in vocabulary().qualitative_phrases
            label = label or _labels_run(text)
            if kind(text) in (L1, L2) or _CLASS_INSIDE.search(text) or label:
                return "的指标值是一个标签"
            if _CLASS_POINTS.fullmatch(text):
                return "的指标值是一个类别标签和它的分值（如 项目产出(30分)）"
            half = len(text) // 2
            doubled = len(text) % 2 == 0 and text[:half] == text[half:]
            if text.isdigit() and len(text) >= 4 and doubled:
                return "的指标值像两个数连在一起（如分值和得分）"
            if doubled and len(text) <= 4 and not text.isdigit():
                return "的指标值像两个值连在一起（指标值和完成值：高高）"
            if _NUMBER_ONLY.fullmatch(text) or _INDICATOR_NUMBER.fullmatch(text):
                return "的指标值只是编号"
            if _COMPARATOR.fullmatch(text):
                return "的指标值只是一个比较符号（数在后面一格：各格错了位）"
            if _UNIT_ONLY.fullmatch(text):
                return "的指标值只有单位"
            worded = kind(text) in (PHRASE, TEXT)
            if role != "actual" and worded and vocabulary().scoring_rule.search(text):
                return "的指标值是评分办法（酌情扣分：评分标准一列的文字）"
            if NUMBERED_NAME.match(text) and len(text) > 4:
                return "的指标值是另一个指标的名称"
            if len(cell.split()) > 1 and NUMBERED_NAME.search(cell.split()[-1]):
                return "的指标值连着下一行的编号（指标2:）"
            if sum(kind(w) in (VALUE, PERCENT, NUMBER) for w in cell.split()) >= 2:
                return "的指标值里有两个数值"  # (10 ≥360天: a 分值 and a target too)
            led = [w for w in cell.split() if _FIGURE_LED.match(w)]
            if len(led) >= 2 and len(led) == len(cell.split()) and not _DATE.match(text):
                return "的指标值里有两个数值"
            run_on = _VALUE_THEN_WORDS.match(text)
            tail = run_on.group(1) if run_on else ""
            if tail and (len(HAN.findall(tail)) >= 4 or _label_piece(tail, inside=True)):
                return "的指标值后面连着别的文字"
            if _label_piece(text):
                return "的指标值是标签的残片"
            if spaced and _RATE_NAME.fullmatch(text):
                # (only where spaces part cells: a space inside a name cuts it there; a cell of
                # its own that prints a rate's name as the target, 发放时间达标率, is as printed)
                return "的指标值是一个比率的名称，没有数（名称的后半截：利息补 | 贴保障率）"
            tail = _CLASS_HEAD.search(text)
            if tail and any(w.startswith(tail.group(1)) for w in _class_names()):
                return "的指标值后面连着指标类别的开头"

        elif role in ("level1", "level2") and not is_class_cell(text):
            return "的指标类别不是类别名称"
        elif role in ("level1", "level2") and role_of(text) in ("name", "level1", "level2"):
            return "的指标类别是表头的列名（三级指标：一段说明被拆开了）"
        elif role in ("deviation", "explanation", "standard") and (
            kind(text) in _LABELS or header_label(text) or is_other_class(text)
        ):  # (成效指标 as a note: another framework's class, the next row's first cell)
            return "的说明一格是一个标签（下一部分的表头或类别）"
    if _class_points_alone(cells, roles):
        return "的类别分值一格有数，类别却空着（一级指标 | 分值 | 二级指标 | 分值 …：各格错了位）"
    if _score_over_points(cells, roles):
        return "的得分大于分值（一格连着下一行的序号，或各格错了位）"
    if _figure_as_reason(cells, roles):
        return "的偏差原因一格只是一个数（表头没有的分值或得分，各格错了位）"
    if _qualitative_astray(cells, roles):
        return "的名称或指标值里混有指标性质（定性：本应在指标性质一列）"
    if _value_as_explanation(cells, roles):
        return "的指标解释一格只是一个数值，其后却是文字（两行连在一起，各格错了位）"
    if _class_after_name(cells, roles):
        return "的三级指标名称之后的类别一格是一级指标类别（下一行的开头，各格错了位）"
    # ``explicit``: the row's empty value cells are in the text ("|" lines): nothing shifted
    return _value_in_name(cells, roles, explicit or whole, whole) or (
        None if explicit else _shifted(cells, roles)
    )


_NOTE_ROLES = ("explanation", "standard")


def _score_over_points(cells: list[str], roles: list[str | None]) -> bool:
    """A 得分 above its row's 分值, both bare numbers (6 | 63: the score run into the next
    row's 序号 3 across a line break)."""
    got = {r: "".join(c.split()) for r, c in zip(roles, cells, strict=True) if r}
    weight, score = got.get("weight", ""), got.get("score", "")
    if not (BARE_NUMBER.fullmatch(weight) and BARE_NUMBER.fullmatch(score)):
        return False
    return Decimal(score) > Decimal(weight)


def _figure_as_reason(cells: list[str], roles: list[str | None]) -> bool:
    """A bare number as the 未完成原因 of a row under a header naming no 分值 or 得分 column
    (32.1公里 | 20 | 20: the row's 分值 and 得分, its cells read one column off)."""
    if "weight" in roles or "score" in roles:
        return False
    return any(
        r == "deviation" and kind("".join(c.split())) == NUMBER
        for r, c in zip(roles, cells, strict=True)
    )


def _labels_run(text: str) -> bool:
    """``text`` is two header labels run together (三级指标分值): a header's or a note's pieces,
    never a value."""
    if len(text) > 16 or DIGIT.search(text):
        return False
    return any(header_label(text[:k]) and header_label(text[k:]) for k in range(2, len(text) - 1))


def _qualitative_astray(cells: list[str], roles: list[str | None]) -> bool:
    """A 指标性质 word saying the row has no figure (定性) inside a target with figures (20定性
    保障收入), or opening the name with the row's 指标性质 cell empty (定性保障权益): cells of
    a row with empty cells lost, run into their neighbours."""
    words = vocabulary().qualitative_ops
    got = {r: "".join(c.split()) for r, c in zip(roles, cells, strict=True) if r}
    for role in ("value", "annual", "cycle", "actual"):
        text = got.get(role, "")
        if DIGIT.search(text) and any(w in text for w in words):
            return True
    name = got.get("name", "")
    opens = any(name.startswith(w) and len(name) > len(w) for w in words)
    return opens and "op" in got and not got["op"]


def _value_as_explanation(cells: list[str], roles: list[str | None]) -> bool:
    """An explanation cell holding only a value (5个) with words after it, in a later
    explanation column or as the target (技术指导服务数量对… | 10家, 100% | 培育推广成功率…): a
    row's target, then the next row's name, read into the wrong columns. (An explanation that
    is a value before a value, 100%(历史标准) | 100%, is a template's 绩效标准 column.)"""
    texts = ["".join(c.split()) for c in cells]
    for j, (role, text) in enumerate(zip(roles, texts, strict=True)):
        if role not in _NOTE_ROLES or kind(text) not in (VALUE, PERCENT):
            continue
        for r, t in zip(roles[j + 1 :], texts[j + 1 :], strict=True):
            if t and (r in _NOTE_ROLES or r in ("value", "annual")) and kind(t) == TEXT:
                return True
    return False


def _class_after_name(cells: list[str], roles: list[str | None]) -> bool:
    """A level-1 class (产出指标) in a class column right of a filled name: the classes come
    before their names, so it opens the next row, read into this one (a second, side-by-side
    level-2 column holds level-2 classes, never a level 1)."""
    named = False
    for role, cell in zip(roles, cells, strict=True):
        text = "".join(cell.split())
        if named and role in ("level1", "level2") and text and kind(text) == L1:
            return True
        named = named or (role == "name" and bool(text))
    return False


def _class_points_alone(cells: list[str], roles: list[str | None]) -> bool:
    """A class's own points (the 分值 right after 一级指标 or 二级指标) filled on a row whose class
    cell is empty: points merged down with their class never stand without it."""
    return any(
        role == "weight" and roles[j - 1] in ("level1", "level2") and cells[j] and not cells[j - 1]
        for j, role in enumerate(roles)
        if j
    )


def _value_in_name(
    cells: list[str], roles: list[str | None], explicit: bool = False, whole: bool = False
) -> str | None:
    """A name that ends with the row's own target (施工完成时间为2022年12月30日 | 完成时间为2022
    年12月30日), or is it: the cells were cut in the wrong place; not where the two are ``whole``
    runs between spaces of one piece each (a form repeating the name's end as its target). A
    target ending in its actual after a digit (28 | 8: 2 a weight glued on?) is one only where
    the text glues cells, not in ``explicit`` cells ("|" text keeping its empty cells: each
    value is its own cell)."""
    got = {r: "".join(c.split()) for r, c in zip(roles, cells, strict=True) if r and c}
    runs = {r: len(c.split()) for r, c in zip(roles, cells, strict=True) if r and c}
    name = got.get("name", "")
    done = got.get("actual", "")
    for role in ("value", "annual", "cycle"):
        value = got.get(role, "")
        head = value[: len(value) - len(done)] if done and value.endswith(done) else ""
        if head and head.isdigit() and not explicit:
            return "的指标值前面粘着一个数（分值还是指标值的一部分不明）"
        # (one run each between spaces: a form that repeats the name, or its end, as its
        # target, 科技特派员创业能力提升 创业能力提升, not a name that took the target's piece)
        apart = whole and runs.get("name") == runs.get(role) == 1 and "actual" in got
        if len(value) >= 4 and value == name and not apart:
            return "的指标值就是三级指标名称（各格错了位）"
        if len(value) >= 4 and name.endswith(value) and name != value and not apart:
            return "的三级指标名称和指标值分不清（名称以指标值结尾）"
    return None


# (a doubt webtext_table.group_heads mends where indented sub-rows show what the figures are)
TWO_FIGURES = "的两个数分不清是指标值和分值还是分值和得分"


def _shifted(cells: list[str], roles: list[str | None]) -> str | None:
    """Why the values of a row may belong further right (a self-evaluation row whose text lost
    its empty cells: 资金执行在预算范围内 10 10 is 分值 and 得分, not 指标值 and 完成值): its 得分
    empty and its 完成值 a bare number beside a target that is words, a percentage, or a bare
    number as well (its 分值 empty, or a bare number too: three bare numbers for four columns)."""
    got = {r: "".join(c.split()) for r, c in zip(roles, cells, strict=True) if r}
    if "score" not in got or got["score"]:
        return None
    target = got.get("annual") or got.get("value") or ""
    if kind(target) == NUMBER and not got.get("actual") and kind(got.get("weight", "")) == NUMBER:
        return TWO_FIGURES
    if kind(got.get("actual", "")) != NUMBER:
        return None
    if kind(target) == NUMBER and not got.get("weight"):
        return "的两个数分不清是指标值和完成值还是分值和得分"
    if kind(target) == NUMBER and kind(got.get("weight", "")) == NUMBER:
        return "的三个数分不清是指标值、完成值、分值和得分中的哪三个（空格没有写出）"
    if kind(target) == PERCENT or (target and not DIGIT.search(target)):
        return "的完成值是个单独的数，和指标值对不上（可能是分值错了列）"
    return None


def paged_names(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose name runs on over a preview's page number (取得2018-2022 | 2、 | 监测资料): the
    number may be the page's or the text's own (an item 2、), and the page may have lost words,
    so the name is not known whole."""
    if "name" not in roles:
        return {}
    name = roles.index("name")
    return {
        k: "的三级指标名称跨过了文档预览的页码（2、），名称是否完整不明"
        for k, r in enumerate(rows)
        if any(t.paged and not _list_on(p) for p, t in pairwise(r.parts.get(name, [])))
    }


def _list_on(before: Token) -> bool:
    """The name's piece before the page number ends in an enumeration mark (音响、 | 2、 | 灯光、
    …): the list goes on over the page, and no item's own number follows a 、."""
    return before.text.rstrip().endswith("、")


def repeated_names(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows without classes of their own whose name is the name of the row above (one row
    whose name the text repeats in another column, 名称 | 11个 | 名称 | 0, read as two; both
    are doubtful) or another cell of it (its target, repeated as the next row's name)."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    classes = [j for j, r in enumerate(roles) if r in ("level1", "level2")]
    out: dict[int, str] = {}
    for k in range(1, len(rows)):
        name = "".join(rows[k].cells[at].split())
        if not name or any(rows[k].cells[j] for j in classes):
            continue
        above = ["".join(c.split()) for c in rows[k - 1].cells]
        if name == above[at]:
            out[k - 1] = out[k] = "的三级指标名称在下一行又出现一次，分不清各格属于哪一行"
        elif len(name) >= 4 and name in above:
            out[k] = "的三级指标名称是上一行的一格，分不清各格属于哪一行"
    return out


_PLACEHOLDERS = re.compile(r"(?:指标\d+[:：])+")  # 指标1:指标2: two unfilled rows run together


def template_row(cells: list[str], roles: list[str | None]) -> bool:
    """A template's unfilled row (its name 0, -, 指标2:): no sign of cells misread."""
    name = next((c for r, c in zip(roles, cells, strict=True) if r == "name"), "")
    bare = "".join(name.split())
    return (
        not bare
        or bool(_NO_WORDS.fullmatch(bare))
        or bool(vocabulary().placeholder_name.fullmatch(bare))
        or bool(_PLACEHOLDERS.fullmatch(bare))
    )


def cut_label(part: Sequence[Token]) -> bool:
    """Whether the last token of ``part``, the end of the text, is the start of a class label
    cut off by the excerpt on a line of its own (可 of 可持续影响指标): no cell of the row above."""
    filled = [t for t in part if not t.empty]
    if len(filled) < 2 or filled[-1].line == filled[-2].line:
        return False
    text = "".join(filled[-1].text.split())
    return any(w.startswith(text) and w != text for w in _class_names())


def cut_short(
    rows: Sequence[Row], part: Sequence[Token], closed: bool = False, noted: bool = False
) -> bool:
    """Whether the last of ``rows``, in a text ``part`` that ends in it (in its last filled
    token: not in a placeholder line …… after it), may be cut short: it ends with a bare
    number (1 of a cut 100%, a 权重 whose 指标方向 is missing; not where a ``|`` ``closed``
    its last cell, or empty cells follow it on its line) or leaves empty, from its first cell
    on, a column every other row fills (减 of 减少, its 指标值内容 missing; a name, then a text
    the aligner put in the value column, its 指标解释 and value cut off); or, ``noted`` (a
    note after it says the text stops short there: (以下内容略)), leaves any such column empty
    (the note says rows were left out, not that a figure was cut, so a bare number at its end
    is let be)."""
    cells = rows[-1].cells
    filled = [j for j, c in enumerate(cells) if c]
    at = next((k for k in range(len(part) - 1, -1, -1) if not part[k].empty), None)
    if at is None or not filled:
        return False
    if not any(part[at] is t for ts in rows[-1].parts.values() for t in ts):
        return False
    # (empty cells after it on its line: a "|" closed its last figure, 9.00 | |||)
    closed = closed or any(t.line == part[at].line for t in part[at + 1 :])
    if not closed and not noted and kind("".join(cells[filled[-1]].split())) == NUMBER:
        return True
    others = [r.cells for r in rows[:-1] if any(r.cells)]
    after = range(len(cells)) if noted else range(filled[0], len(cells))
    return len(others) >= 2 and any(not cells[j] and all(o[j] for o in others) for j in after)


def is_class_cell(text: str) -> bool:
    """A class cell: a known class, (50分), or a class of another framework (…指标)."""
    return kind(text) in (L1, L2, SCORE_ONLY) or text.endswith(("指标", "分)", "分）"))


def split_name(row: Row, roles: list[str | None]) -> list[str] | None:
    """The cells of a doubtful row read again with its name's last piece as the first value
    and every value one column further right, or ``None``. A text that lost its empty cells
    can join a name to its target (施工 完成时间为2022年12月30日 | 完成时间为… | 6 | 5, or
    合规性 严格执行相关制度规定 | 达成预期指标 | 8 | 8) and leave the last value column (得分)
    empty; the reading is kept only when the name was joined from several pieces of text, the
    得分 was empty and every value column is then filled and the row is plausible."""
    if "name" not in roles or "score" not in roles:
        return None
    at = roles.index("name")
    pieces = row.parts.get(at, [])
    values = [j for j in range(at + 1, len(roles)) if roles[j] in ROW_VALUE_ROLES]
    if len(pieces) < 2 or not values or row.cells[values[-1]]:
        return None
    if not all(row.cells[j] for j in values[:-1]):
        return None
    cells = list(row.cells)
    cells[at] = join(pieces[:-1])
    cells[values[0]] = pieces[-1].text
    for j, k in zip(values[1:], values[:-1], strict=True):
        cells[j] = row.cells[k]
    got = {r: "".join(c.split()) for r, c in zip(roles, cells, strict=True) if r}
    if kind(got.get("weight", "")) != NUMBER or kind(got.get("score", "")) != NUMBER:
        return None
    if float(got["score"]) > float(got["weight"]):
        return None
    return cells if implausible(cells, roles) is None else None


def empties_explicit(row: Row, roles: list[str | None], line_tokens: Sequence[Token] = ()) -> bool:
    """Whether every empty value cell of ``row`` is an empty cell of the text (a "|" line or
    "| |"), not a cell the text left out. ``line_tokens``: the tokens of the row's line; more
    empty cells after its last filled one than columns are left is a page that pads every line
    to one width (a | 3 | 9.3 | 9.3 | ||||||||| whose inner empty cells vanished): its empty
    cells at the end say nothing of where its cells stand."""
    values = [j for j, r in enumerate(roles) if r in ROW_VALUE_ROLES]
    if not all(row.cells[j] or j in row.parts for j in values):
        return False
    filled = [k for k, t in enumerate(line_tokens) if not t.empty]
    trailing = len(line_tokens) - 1 - filled[-1] if filled else 0
    last = max((j for j, c in enumerate(row.cells) if c), default=len(roles) - 1)
    return trailing <= len(roles) - 1 - last


def explanation_glued(rows: Sequence[Row], roles: list[str | None], glued: bool) -> dict[int, str]:
    """In text whose cells run together (``glued``) under 三级指标 | 指标解释 side by side, the
    rows whose explanation did not come apart from the name (补助人数实际发放解困工资人数: where
    the name ends, the text cannot tell; a 指标解释 holding only the 指标方向's ≤ is none):
    row → why."""
    at = next(
        (j for j in range(len(roles) - 1) if roles[j] == "name" and roles[j + 1] == "explanation"),
        None,
    )
    if not glued or at is None:
        return {}
    return {
        k: "的三级指标名称和指标解释连在一起（分不出名称在哪里结束）"
        for k, r in enumerate(rows)
        if r.cells[at] and (not r.cells[at + 1] or direction_mark(r.cells[at + 1]))
    }


_FIGURE_AHEAD = re.compile(r"(?:100|[1-9]?\d)(?:\.\d)?(?=[\u4e00-\u9fff])")


def figure_ahead(rows: Sequence[Row], roles: list[str | None], glued: bool) -> dict[int, str]:
    """In text whose cells run together (``glued``), rows whose name starts with a bare figure
    (2可行性): the 得分 that ends the row above, or a figure of the name (7岁以下…), the text
    cannot tell which: row → why."""
    if not glued or "name" not in roles:
        return {}
    at = roles.index("name")
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        name = "".join(r.cells[at].split())
        if _FIGURE_AHEAD.match(name) and not quantity_at(name):
            out[k] = "的三级指标名称以一个数开头（可能是上一行的得分连在名称前）"
    return out


def unowned_rows(rows: Sequence[Row], roles: list[str | None], naming: set[int]) -> dict[int, str]:
    """In a table of many projects (a 项目名称 or 单位(专项)名称 column), the rows no project
    is proved to own: an indicator row (one with values and a class) before any row names a
    project in that column, and a row whose project cell holds a value word (定性, ≥, 正向, a
    figure or a class: its cells shifted a column, and those below it with them, until a
    project is named again). The rows in ``naming`` name a project however aligned (a name
    and its amount only)."""
    owner = "project" if "project" in roles else "unit"  # (单位(专项)名称: units and projects)
    if owner not in roles:
        return {}
    j = roles.index(owner)
    values = [k for k, r in enumerate(roles) if r in ROW_VALUE_ROLES]
    classes = [k for k, r in enumerate(roles) if r in ("level1", "level2")]
    out: dict[int, str] = {}
    named = classed = False  # (rows before any class are no indicators: let be)
    for k, r in enumerate(rows):
        classed = classed or any(r.cells[c] for c in classes)
        cell = "".join(r.cells[j].split())
        if cell and _value_word(cell):
            named = False
            out[k] = f"的项目名称格是“{cell}”（各格错了位），不知属于哪个项目"
        elif cell or k in naming:
            named = True
        elif not named and classed and any(r.cells[v] for v in values):
            out[k] = "之上没有一行写出项目名称，不知属于哪个项目"
    return out


def _value_word(cell: str) -> bool:
    voc = vocabulary()
    if cell in voc.qualitative_ops or cell in voc.ops or voc.direction_word.fullmatch(cell):
        return True
    return kind(cell) in (NUMBER, PERCENT, VALUE, L1, L2, HEADER)
