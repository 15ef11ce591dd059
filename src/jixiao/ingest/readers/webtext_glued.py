"""The rows of a body whose cells run together (no space, line or ``|`` between them: cut at
labels and values only), put right where the text proves it (a 指标方向 word run on after a
name, a date after a time word ending a name: 项目完成时限2025年12月) and left out, or in part
unread, where it cannot: a bare number that may hold the next column's figure, a last row
reaching into a line of the page after the table, rows of no known project, a name holding a
target and its 完成值 written twice or ending in a value, two values in one cell, a numbered
name cut in two, a table's note run into its rows, a name opening with the row above's values
or holding a time indicator's date, a figure in a column of words, a value ending in the next
column's template text or run into a year or words, a short word after a name nothing bears
out, a 二级指标 giving no level 1 (the cells put right or in part left unread:
:mod:`.webtext_gluedcells`). A wrong row is worse than a missing one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...chars import DIGIT
from ...framework import load_framework
from ...targets import quantity_at
from ..grid import GridNote
from ..table_classes import classes
from ..table_vocabulary import footer_role, layout_file, role_of, vocabulary
from ..text_align import Row
from ..text_cells import COMPARATOR, NUMBER, PERCENT, PHRASE, ROW_VALUE_ROLES, VALUE, kind
from ..text_tokens import Token
from .webtext_gluedcells import (
    _A_DATE,
    _FIGURE_START,
    _REMARKS,
    _TARGET_ROLES,
    date_behind,
    direction_behind,
    figure_behind,
    figures_in_words,
    figures_short,
    line_after,
    name_in_remark,
    scale_behind,
    value_run_on,
)


def glued_rows(
    rows: Sequence[Row], roles: list[str | None], part: Sequence[Token], glued: bool
) -> tuple[dict[int, str], list[GridNote]]:
    """The rows of a body ``part`` whose cells run together (``glued``) put right where the
    text proves it (:func:`direction_behind`) and left out or in part unread where it cannot
    (:func:`figure_behind`, :func:`line_after`): row → why, and the notes."""
    if not glued:
        return {}, []
    direction_behind(rows, roles)
    scale_behind(rows, roles)
    date_behind(rows, roles)
    short = figures_short(rows, roles)
    doubts, notes = figure_behind(rows, roles)
    after, more = line_after(rows, roles, part)
    lost = project_lost(rows, roles) | doubled_in_name(rows, roles) | two_values(rows, roles)
    lost |= value_in_name(rows, roles) | number_lost(rows, roles) | note_rows(rows, roles)
    ahead = values_ahead(rows, roles)
    lost |= ahead | template_tail(rows, roles) | target_in_name(rows, roles)
    notes = notes + name_in_remark(rows, roles, ahead)
    lost |= figure_on_date(rows, roles) | short_phrase(rows, roles) | level1_lost(rows, roles)
    lost |= date_in_name(rows, roles) | two_rates(rows, roles) | actual_lost(rows, roles)
    lost |= label_in_cell(rows, roles) | sentence_value(rows, roles) | name_cut_open(rows, roles)
    worded, apart = figures_in_words(rows, roles)
    run_on, cleared = value_run_on(rows, roles)
    return lost | worded | run_on | doubts | short | after, notes + more + apart + cleared


def values_ahead(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose name opens with a value and a figure right after it (3亩3亩★补助…, 1.2万亩1010
    病虫害…): the row above's target, 完成值 or points run into the name (a name may open with a
    value, 3岁以下婴幼儿…, but not with two): row → why."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        name = "".join(r.cells[at].split())
        n = quantity_at(name)
        if n and _FIGURE_START.match(name, n):
            out[k] = "的三级指标名称以几个数值开头（上一行的数值连进了名称）"
    return out


def template_tail(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose figure cell ends in what a column of words after it, empty in this row, holds
    whole in another row (180计划标准 beside 绩效标准 | 计划标准): the template's next cell run
    into the value, which the text does not cut: row → why."""
    figures = [j for j, r in enumerate(roles) if r in ROW_VALUE_ROLES]
    words = [j for j, r in enumerate(roles) if r in _REMARKS]
    said = {j: {"".join(r.cells[j].split()) for r in rows} - {""} for j in words}
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        for j in figures:
            text = "".join(r.cells[j].split())
            for i in (i for i in words if i > j and not r.cells[i].strip()):
                if any(len(text) > len(w) and text.endswith(w) for w in said[i]):
                    out[k] = "的指标值连着后面一列的文字（各格连在一起）"
    return out


def target_in_name(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose name ends in the value its target cell holds (配套资金每人每年75元 | 75元):
    the target run into the name and its 完成值 read as the target, each cell one column
    early; or, under a 计量单位 column empty in the row, in a % (树木成活率% | ≥85: the unit
    run into the name): row → why."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    targets = [j for j, r in enumerate(roles) if r in _TARGET_ROLES]
    measure = roles.index("measure") if "measure" in roles else None
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        name = "".join(r.cells[at].split())
        if measure is not None and not r.cells[measure].strip() and name.endswith(PERCENT_TEXT):
            out[k] = "的三级指标名称以计量单位结尾（单位连进了名称）"
        for j in targets:
            value = "".join(r.cells[j].split())
            if value and len(name) > len(value) and name.endswith(value) and quantity_at(value):
                out[k] = "的三级指标名称以指标值结尾（指标值连进了名称，各格错前一列）"
    return out


# A figure, a short unit, then another figure (1条2km, 300米300元/米): two values run together;
# not a date's or a deadline's (12月底前100%到位).
_TWO_VALUES = re.compile(r"[<>≥≤=≧≦＞＜]?\d+(?:\.\d+)?([\u4e00-\u9fffA-Za-z]{1,3})\d")


def two_values(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose target or 完成值 opens with two values run together (1条2km: 1条 | 2km, or a
    value and the next cell's figure): where one ends, the text does not say: row → why."""
    cols = [j for j, r in enumerate(roles) if r in (*_TARGET_ROLES, "actual")]
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        for j in cols:
            m = _TWO_VALUES.match("".join(r.cells[j].split()))
            if m and m.group(1)[0] not in "年月日时点":
                out[k] = "的指标值里连着两个数值（各格连在一起，分不出在哪里断开）"
    return out


def _doubled(text: str, shortest: int = 4, longest: int = 16) -> bool:
    """Whether ``text`` holds a piece of ``shortest`` to ``longest`` characters written twice in
    a row (有效巩固有效巩固): linear in the text for each length."""
    for n in range(shortest, min(longest, len(text) // 2) + 1):
        run = 0
        for i in range(len(text) - n):
            run = run + 1 if text[i] == text[i + n] else 0
            if run >= n:
                return True
    return False


def doubled_in_name(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose name, alone or with the target after it, holds a piece written twice in a row
    (减轻参训人员经济负担有效减轻有效 | 减轻): a target and its 完成值 run into the name, cut
    where the text does not say: row → why."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    after = roles[at + 1] if at + 1 < len(roles) else None
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        name = "".join(r.cells[at].split())
        tail = "".join(r.cells[at + 1].split()) if after in _TARGET_ROLES else ""
        if name and (_doubled(name) or _doubled(name[-16:] + tail)):
            out[k] = "的三级指标名称里有一段连写了两遍（指标值和完成值连进了名称）"
    return out


PERCENT_TEXT = ("%", "％", "‰")
# A name ending in a value led by its comparator (发放宣传资料不少于12种, 覆盖率≥95%).
_VALUE_END = re.compile(
    r"(?:不少于|不低于|不高于|不超过|大于|小于|多于|少于|达到|[≥≤><＞＜=＝≧≦])\d+(?:\.\d+)?\D{0,3}$"
)


def value_in_name(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose name ends in a value led by its comparator (发放宣传资料不少于12种 | 14种):
    the target run into the name, and the value read as the target another cell's: row → why
    (a row with no value left is not read anyway, as one without values)."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    values = [j for j, r in enumerate(roles) if r in ROW_VALUE_ROLES]
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        name = "".join(r.cells[at].split())
        m = _VALUE_END.search(name[-16:])
        if m and len(name) > len(m.group(0)) and any(r.cells[j].strip() for j in values):
            out[k] = "的三级指标名称以一个带比较的指标值结尾（指标值连进了名称）"
        elif _VALUE_INSIDE.search(name) and any(r.cells[j].strip() for j in values):
            out[k] = "的三级指标名称中间有一个带比较符号的数值（指标值连进了名称）"
    return out


# A comparator's symbol and a figure inside a name (绿化美化公路米=3500购买发放李子苗株).
_VALUE_INSIDE = re.compile(r"(?<=[\u4e00-\u9fff])[≥≤><＞＜=＝≧≦]\d")


def sentence_value(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose target ends a sentence (5万元。) under a name holding a figure (补贴数量对学校
    2400平米体育场馆补贴): the sentence, its figures and all, is the target, opened in the
    name; where the name ends, the text does not tell: row → why."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    targets = [j for j, r in enumerate(roles) if r in _TARGET_ROLES]
    why = "的指标值是一句话的结尾，名称里有数（这句话从名称里开始，分不出名称在哪里结束）"
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        if not DIGIT.search(r.cells[at]):
            continue
        if any("".join(r.cells[j].split()).endswith("。") for j in targets):
            out[k] = why
    return out


def project_lost(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Every row, under a header with a 项目名称 column that no row fills: the projects' names
    and figures were run into other cells, and which project a row is of, the text does not
    tell (a title is no answer where the header lists projects); and under a header with a
    column of projects or units (单位(专项)名称), the rows from one whose name holds an amount
    run on into words (某某学校30.00505006学生伙食费: the unit, its amount and the project in
    one cell) to the next name: which project those rows are of, the text does not tell
    either: row → why."""
    out: dict[int, str] = {}
    for at, role in enumerate(roles):
        if role in ("project", "unit"):
            out |= _amount_in_name(rows, at)
    if "project" not in roles:
        return out
    at = roles.index("project")
    if any(r.cells[at].strip() for r in rows):
        return out
    why = "所在的指标表有项目名称一列，各行却都没有读出项目名称（分不清各行属于哪个项目）"
    return {k: why for k, r in enumerate(rows) if any(r.cells)}


_AMOUNT_IN_NAME = re.compile(r"\d\.\d+(?=\S)")


def _amount_in_name(rows: Sequence[Row], at: int) -> dict[int, str]:
    """The rows under a name in column ``at`` holding an amount with more after it, up to the
    next name (see :func:`project_lost`)."""
    why = "所在项目的名称一格连进了金额和其后的文字（分不清名称在哪里结束）"
    out: dict[int, str] = {}
    lost = False
    for k, r in enumerate(rows):
        name = "".join(r.cells[at].split())
        if name:
            lost = _AMOUNT_IN_NAME.search(name) is not None
        if lost and any(r.cells):
            out[k] = why
    return out


_NUMBERED = re.compile(r"指标\s*\d+\s*[.．:：、]")


def number_lost(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Where most names open with their number (指标12:), a row without classes whose name
    does not, and the row above it: a value inside a name (孕产妇7天访视数) cut it in two, or
    cells ran on from the row above; which, the text does not tell: row → why."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    classes = [j for j, r in enumerate(roles) if r in ("level1", "level2")]
    names = ["".join(r.cells[at].split()) for r in rows]
    numbered = [bool(_NUMBERED.match(n)) for n in names]
    if sum(numbered) < 3 or 2 * sum(numbered) <= sum(1 for n in names if n):
        return {}
    why = "的三级指标名称没有编号，上下两行可能是一个名称被其中的数值切成两半"
    out: dict[int, str] = {}
    for k in range(1, len(rows)):
        if names[k] and not numbered[k] and not any(rows[k].cells[j] for j in classes):
            out[k - 1] = out[k] = why
    return out


_LEAD = re.compile(r"(.{1,8}?)[:：]")  # a label before a colon at a name's start


def note_rows(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """The rows from one whose name opens with a note's label (注:, 说明注:1.) on: the table's
    note under its rows run into them, not an indicator: row → why."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    for k, r in enumerate(rows):
        m = _LEAD.match("".join(r.cells[at].split()))
        lead = m.group(1) if m else ""
        if any(footer_role(lead[i:]) is not None for i in range(len(lead))):
            why = "是表下的说明（以“注:”等开头），不是指标"
            return {j: why for j in range(k, len(rows)) if any(rows[j].cells)}
    return {}


# A figure run into a date's year (10 | 2022年 as 102022年): digits before a year and its 年.
_ON_DATE = re.compile(r"\d+(?:19|20)\d\d年")


def figure_on_date(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose target or 完成值 is a figure run into a date (102022年: a 得分 10, then 2022年
    opening the next cell): row → why."""
    cols = [j for j, r in enumerate(roles) if r in (*_TARGET_ROLES, "actual")]
    return {
        k: "的指标值是一个数连着一个年份（各格连在一起）"
        for k, r in enumerate(rows)
        if any(_ON_DATE.match("".join(r.cells[j].split())) for j in cols)
    }


_YES_NO = ("是", "否")


def short_phrase(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose target is a word of two characters or fewer (良好, 持续) with no 完成值 after
    it: the name's last characters may be the word's first (效果良好, 可持续), and nothing in the
    row bears the cut out (a 完成值 written the same would). A 是 or 否 after a name asking
    是否, or a word opening the name (提升博物馆绿化水平 | 提升: the value echoes the name's
    verb), is cut where the name says: row → why."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    targets = [j for j, r in enumerate(roles) if r in _TARGET_ROLES]
    actual = roles.index("actual") if "actual" in roles else None
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        if actual is not None and r.cells[actual].strip():
            continue
        name = "".join(r.cells[at].split())
        for j in targets:
            word = "".join(r.cells[j].split())
            if not word or len(word) > 2 or any(c.isdigit() for c in word):
                continue
            if (word in _YES_NO and "是否" in name) or name.startswith(word):
                continue  # (the name asks 是否, or opens with the word: 提升博物馆… | 提升)
            out[k] = "的指标值只是两个字以内的词（名称末尾的字可能是它的开头，分不出在哪里断开）"
    return out


def level1_lost(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Under a header without a 一级指标 column (its label run into the text before it), rows
    whose 二级指标 (written or carried down) gives no level 1 (满意度指标 in that column): the
    row's level 1 is not in the text: row → why."""
    if "level1" in roles or "level2" not in roles or "name" not in roles:
        return {}
    at, name = roles.index("level2"), roles.index("name")
    fw = load_framework()
    out: dict[int, str] = {}
    written = ""
    for k, r in enumerate(rows):
        written = "".join(r.cells[at].split()) or written
        if not written or not r.cells[name].strip():
            continue
        level1, _ = classes(fw, "", written, r.line, _quiet, _quiet)
        if not level1.name:
            out[k] = "的二级指标读不出所属的一级指标（表头没有一级指标列）"
    return out


def _quiet(*_: object) -> None:
    pass


def date_in_name(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose name holds a date right after a time word, with more after it (项目实施时间
    2021年1月-12月资金拨付 | 12月): that date is a time indicator's target, run into the name
    with the next row's name, and the row's cells are not where they seem: row → why."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    ends = tuple(layout_file()["glued_rows"]["date_names"])
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        name = "".join(r.cells[at].split())
        for m in _A_DATE.finditer(name):
            if name[: m.start()].endswith(ends) and m.start():
                out[k] = "的三级指标名称里有一个时间指标的日期（指标值和下一行连进了名称）"
    return out


# A rate's name ending inside a name that ends in another rate (覆盖率提高婴幼儿健康管理率), not
# two rates joined by a word or mark (到位率及使用率).
_TWO_RATES = re.compile(r"率(?![及和与或、,，/（(]).{2,}率[)）]?$")


def two_rates(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose name holds a rate's name and ends in another (社区照护机构覆盖率提高婴幼儿
    健康管理率 | 95%): the first rate's value (提高) and the next row's name run into it, where
    each ends the text does not say: row → why."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    why = "的三级指标名称里有两个比率的名称（上一个指标的值和名称连在一起）"
    return {k: why for k, r in enumerate(rows) if _TWO_RATES.search("".join(r.cells[at].split()))}


_FIGURE_KINDS = frozenset((NUMBER, PERCENT, VALUE))
_TAIL_ROWS = 3  # rows filled besides: fewer show no habit of the column
_TAIL_CHARS = 4  # a value's own last words (征收, 以上, 到位); a longer text is a cell's own


def tail_apart(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """The rows (index → why) whose few words run on after a figure (减按15% | 征收, from
    企业所得税减按15%征收) stand alone in a column after the names that every other row leaves
    empty: the rest of the value, cut off at its figure, so the name before it may hold the
    value's first words too. Which words are whose only the meaning could tell."""
    filled = [r for r in rows if any(r.cells)]
    out: dict[int, str] = {}
    if len(filled) <= _TAIL_ROWS:
        return out
    names = [j for j, role in enumerate(roles) if role == "name"]
    for k, r in enumerate(rows):
        for j, cell in enumerate(r.cells):
            toks = [t for t in r.parts.get(j, []) if not t.empty]
            if not cell or not toks or toks[0].gap != "glue" or not names or j <= names[0]:
                continue
            short = kind(cell) == PHRASE and len("".join(cell.split())) <= _TAIL_CHARS
            if not short or any(o.cells[j] for o in rows if o is not r):
                continue
            before = next((c for c in reversed(r.cells[:j]) if c), "")
            if kind(before) in _FIGURE_KINDS:
                out[k] = (
                    "末尾的文字接在数值后面、单独落在其他各行都空着的一列（数值被截开，各格分不清）"
                )
    return out


def actual_lost(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Under a header with a target column and a 完成值 column, rows whose target is filled and
    whose 完成值 is not (孤儿助学人数应助尽助 | 9 | ): the one figure may be the 完成值, the target
    a word run into the name (应助尽助) the text cannot tell from it: row → why. Not where the
    name ends as a measure's does (覆盖率 | 100%: no word stands after it) or the figure opens
    with a comparator (≥1290.3平方米: a target's)."""
    targets = [j for j, r in enumerate(roles) if r in _TARGET_ROLES]
    if not targets or "actual" not in roles or "name" not in roles:
        return {}
    at, name = roles.index("actual"), roles.index("name")
    why = "有指标值、没有完成值（唯一的数可能是完成值，指标值的文字连进了名称）"
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        written = "".join(r.cells[name].split())
        if not written or r.cells[at].strip() or written.endswith(vocabulary().name_endings):
            continue
        figure = next(("".join(r.cells[j].split()) for j in targets if r.cells[j].strip()), "")
        if figure and not COMPARATOR.match(figure):
            out[k] = why
    return out


def label_in_cell(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows with a cell that is one of the header's column labels, or a name ending in one
    (未达指标值 | 酌情扣分 from 未达指标值酌情扣分 under a 指标值 column): the text was cut at the
    label's words inside a cell, and which words are whose cell, the text does not tell: row →
    why."""
    columns = {r for r in roles if r is not None and r not in ("level1", "level2")}
    words = [w for w in vocabulary().lexicon if role_of(w) in columns]
    if not words:
        return {}
    why = "有一格以表头的栏名结尾（栏名的字出现在单元格文字中，文字在此被切开）"
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        for j, cell in enumerate(r.cells):
            text = "".join(cell.split())
            if roles[j] in ("level1", "level2") or not text:
                continue
            if text in words or (roles[j] == "name" and text.endswith(tuple(words))):
                out[k] = why
    return out


# A unit in brackets, then a figure (总面积(亩)80000其中:…): a name's end and its target.
_UNIT_FIGURE = re.compile(r"[(（][^()（）\d]{1,4}[)）]\d")


def name_cut_open(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose name holds a bracketed unit with a figure after it (总面积(亩)80000其中:实施…:
    a name, its target and the next rows run together), or ends in a word that needs more after
    it (暂定量按 | 15次…, ``open_endings``): a cell's text cut where no cell ends: row → why."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    ends = vocabulary().open_endings
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        name = "".join(r.cells[at].split())
        if _UNIT_FIGURE.search(name):
            out[k] = "的三级指标名称里有带括号的单位和其后的数值（指标值和下一行连进了名称）"
        elif name.endswith(ends) and len(name) > 2:
            out[k] = "的三级指标名称以须接下文的字结尾（一格的文字在中间被切开）"
    return out
