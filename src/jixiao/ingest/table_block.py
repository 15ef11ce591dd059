"""The block of a one-project form: the fields above its indicator header.

A form states its project as label | value pairs (项目名称 | X, 主管部门 | Y, 实施单位 | Z,
年度资金总额 | 100), possibly several pairs on a row; a self-evaluation adds a *funds table*
(read by :mod:`.table_funds`) and goals under sub-headers (年度总体目标 | 预期目标 |
实际完成情况, the texts on the row below). One-cell lines give the title, the year (``(2022年度)``),
部门名称：… and 单位：万元. Vocabulary: ``data/table_layout.toml`` (``block``, ``funds_columns``,
``funds_rows`` and the column roles).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..chars import BRACKETED, DIGIT, HAN, HAN_PAIR
from ..framework import clean_label
from ..model import FUND_FIELDS, DocumentKind
from .grid import Grid
from .table_document import project_heading
from .table_funds import (
    NUMBER,
    amount_proven,
    funds_pairs,
    funds_table,
    funds_used,
    is_block_label,
    is_funds_header,
    rate_after_pair,
    value_after,
)
from .table_pairs import LABEL_VALUE, broken_pairs, cell_pairs, cover_fields
from .table_title import YEAR_LINE, form_title, is_form_title, is_title, kinds_of, over_title
from .table_values import split_labelled_code
from .table_vocabulary import (
    GOAL_ROLES,
    NAME_ROLES,
    block_role,
    footer_role,
    funds_row,
    role_of,
    sourced_total,
    vocabulary,
)

# The title's year run into the line after it ((2021年度)填报单位(盖章):某镇人民政府).
_YEAR_HEAD = re.compile(r"^\s*[（(]\s*(?:19|20)\d{2}\s*年度?\s*[）)]\s*(?=\S)")
_SCORE_FIGURES = re.compile(r"[\d.]+")  # a score cell's digits and points, nothing else


@dataclass(slots=True)
class Block:
    """What the rows above a header state: role → (value, line) (a fund role's stated money
    unit under ``role + ".money"``), the execution columns of the funds table's total row, and
    the first money unit, title, year and kind met."""

    fields: dict[str, tuple[str, int]] = field(default_factory=dict)
    execution: dict[str, tuple[str, int]] = field(default_factory=dict)
    money_unit: str | None = None
    title: str | None = None
    year: int | None = None
    kinds: set[DocumentKind] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)  # the roles of every label met, filled or not
    department: tuple[str, int] | None = None  # a line 部门名称：… / 填报单位：… over the form
    spent: bool = False  # the 执行数 is the amount spent beside 资金使用情况, of the form's budget
    unplaced: bool = False  # amounts under the funds header with no row label: rows unknown
    funds_money: str | None = None  # the unit a field's label states (资金情况(万元))
    money_overruled: str | None = None  # a 单位：… line's unit that the funds' label overrules
    heading: tuple[str, int] | None = None  # the project the last heading over the table names


_OF_THE_YEAR = re.compile("当年|本年|年度")


def _of_the_year(label: str) -> bool:
    """A funds label naming the year's amount (当年资金总额, 其中:当年财政拨款), not the whole
    project's (资金总额), where a form states both."""
    return _OF_THE_YEAR.search(label) is not None


def _wrapped_title(rows: Sequence[Sequence[str]], lo: int, k: int, text: str) -> str:
    """The title ``text`` (row ``k``) with the line over it where the title wrapped there
    (岳阳楼区2021年度部门(单位)整体支出 / 绩效评价自评报告): a one-cell line that is no title
    itself and joined to it names more of the table's kinds."""
    above = [c for c in dict.fromkeys(rows[k - 1]) if c] if k > lo else []
    if len(above) != 1 or len(above[0]) > _TITLE_HEAD or kinds_of(above[0]):
        return text
    joined = above[0] + text
    return joined if kinds_of(joined) > kinds_of(text) else text


_TITLE_HEAD = 40  # a title's wrapped first line is short


def _field_row(row: Sequence[str]) -> bool:
    """A row holding a form's field label (项目名称, 主管部门, 年度资金总额 …)."""
    return any(c and block_role(c) is not None for c in row)


def _goal_header(row: Sequence[str], below: Sequence[str] | None) -> dict[int, str] | None:
    """Columns of goal sub-headers (预期目标 | 实际完成情况, 中期目标 | 年度目标) whose texts are on
    the row below; ``None`` when ``row`` is not such a header."""
    cols: dict[int, str] = {}
    for j, c in enumerate(row):
        role = block_role(c) if c else None
        if role in GOAL_ROLES:
            cols[j] = role
    distinct = {row[j] for j in cols}
    if below is None or len(distinct) < 2:
        return None
    if not any(j < len(below) and below[j] and block_role(below[j]) is None for j in cols):
        return None
    # The last column of each label is the sub-header; the first may label the group.
    first: dict[str, int] = {}
    for j in cols:
        first.setdefault(row[j], j)
    labels = list(first)
    if len(labels) >= 2 and block_role(labels[0]) == "goal" and len(labels) > 2:
        labels = labels[1:]  # 总体目标 | 中期目标 | 年度目标: the first labels the group
    return {j: cols[j] for j in cols if row[j] in labels}


def read_block(grid: Grid, lo: int, hi: int) -> Block:
    """The block in rows ``lo:hi`` of ``grid``: label | value pairs, a funds table, goals under
    sub-headers, a title line, a year line, 部门名称：…, 单位：万元."""
    rows, lines = grid.rows, grid.lines
    voc = vocabulary()
    block = Block()
    fields = block.fields
    over: set[str] = set()  # roles filled from a line over the form (部门：…), not from a pair
    heads: set[str] = set()  # department labels with their colon, the name in the next cell
    given: defaultdict[str, str] = defaultdict(str)  # the label each field's value was read by
    # The form starts at its title (…绩效目标表): one-cell lines above it are the page's (a
    # notice's title that says 绩效目标), not its fields.
    broken = broken_pairs(rows, lo, hi)
    titles = [k for k in range(lo, hi) if is_form_title(rows[k]) and k - 1 not in broken]
    form = form_title(titles, hi, lambda k: any(rows[k]), lambda k: _field_row(rows[k]))
    form = lo if form is None else form
    k = lo
    while k < hi:
        row = rows[k]
        line = lines[k]
        distinct = [c for c in dict.fromkeys(row) if c]
        if k in broken and k >= form:
            block.labels.add(broken[k])
            broken_value = next(c for c in rows[k + 1] if c)
            fields.setdefault(broken[k], (broken_value, lines[k + 1]))
            k += 2
            continue
        lone = len(distinct) == 1 and block.department is None and block.title is None
        if lone and over_title(distinct[0], rows, k):
            block.department = ("".join(distinct[0].split()), line)  # 某某法院 / …目标表
        if k < form and len(distinct) <= 1:
            k += 1
            continue
        for n, cell in enumerate(distinct):
            m = voc.money_in_cell.search(cell) or voc.money_in_label.search(cell)
            if m and not block.money_unit:
                block.money_unit = m.group(1)
            labelled = voc.money_in_label.search(cell) if block_role(cell) else None
            if labelled and block.funds_money is None:
                block.funds_money = labelled.group(1)  # 资金情况(万元): the amounts' own
            dept = voc.department_line.match(_YEAR_HEAD.sub("", cell, count=1))
            if dept is None and n + 1 < len(distinct):
                dept = _department_pair(cell, distinct[n + 1])
                if dept:
                    heads.add(cell)
            stated = dept.group(1) if dept else ""
            if dept and block.department is None and _is_name(stated):
                block.department = (dept.group(1).strip(), line)
        if _list_header(distinct):
            k += 1  # 序号 | 项目名称 | 备注 over a list (a 目录 of tables): no label | value pair
            continue
        if is_funds_header(row):
            k = funds_table(grid, k, hi, block)
            continue
        goals = _goal_header(row, rows[k + 1] if k + 1 < hi else None)
        if goals is not None:
            below = rows[k + 1]
            last = k + 1
            for j, goal_role in goals.items():
                text = below[j] if j < len(below) else ""
                if text and block_role(text) is None and _is_goal_text(text):
                    text, end = _numbered_below(rows, k + 1, hi, j)
                    fields[goal_role] = (text, lines[k + 1])  # (over a label's pair: more precise)
                    last = max(last, end)
            k = last + 1
            continue
        if len(distinct) == 1 and _is_total_score(distinct[0]) and "score" not in fields:
            found = _score_after_pairs(rows, k, hi)
            if found is not None:
                fields["score"] = (found, lines[k])
        text_line = len(distinct) == 1 and (
            block_role(distinct[0]) is None or is_title(distinct[0])
        )
        if text_line and not _name_field(distinct[0]):  # (项目名称:某某 in one cell: a field)
            text = distinct[0]
            if k == hi - 1 and k > form and "goal" not in fields and _unlabelled_goal(row, text):
                fields["goal"] = (text, line)  # the goal's label cell lost, over the indicators
                k += 1
                continue
            if (heading := project_heading(text)) is not None:
                block.heading = (heading, line)  # (某某项目项目绩效目标: the nearest one's)
            year = YEAR_LINE.match("".join(text.split()))
            if year and block.year is None:
                block.year = int(year.group(1))
            elif block.title is None and (voc.title.search(text) or kinds_of(text)):
                block.title = _wrapped_title(rows, lo, k, text)
                block.kinds |= kinds_of(block.title)
            k += 1
            continue
        if k + 1 >= hi or lines[k + 1] != line:  # (the last row of its text line)
            rate_after_pair(row, line, block, _last_on_line_before(rows, lines, lo, k))
        if k == hi - 1 and "goal" not in fields and _goal_after_funds_label(distinct):
            fields["goal"] = (distinct[1], line)  # 地方资金 | 支持…安全。: the amount's cell
            k += 1  # empty, the goal's label lost, its sentence over the indicators
            continue
        funds_pairs(row, line, block, rows[k - 1] if k > lo else None)
        funds_used(row, line, block)
        for j, cell in enumerate(row):
            role = block_role(cell) if cell else None
            pairs = cell_pairs(cell) if cell and role is None else []
            if pairs and voc.money_in_cell.search(cell):
                pairs = []  # 单位：万元 states the money unit, not a unit
            known = [(r, lab, v) for lab, v in pairs if (r := block_role(lab)) and v.strip()]
            for inner, label, said in known:  # 年度资金总额:203 in one cell, or several pairs
                block.labels.add(inner)
                if inner not in fields and block_role(said) is None:
                    fields[inner] = (said.strip(), line)
                    if voc.department_line.match(cell):
                        over.add(
                            inner
                        )  # 部门：… over the form: a 主管部门 | … pair is the project's
                    m = voc.money_in_label.search(label)
                    if m and inner in FUND_FIELDS:
                        fields[inner + ".money"] = (m.group(1), line)
            if known:
                continue
            scored = _SCORE_IN_CELL.fullmatch("".join(cell.split())) if cell and not role else None
            if scored and _is_total_score(scored["label"]) and "score" not in fields:
                fields["score"] = (scored["score"], line)  # 自评总分: 95 in one cell
            if role is None and _is_total_score(cell) and "score" not in fields:
                value = value_after(row, j)  # 自评总分(分) | 97.93 over a form
                if value is None and k + 1 < hi and j < len(rows[k + 1]):
                    value = rows[k + 1][j]  # the label over its cell (自评得分 / 100)
                value = "".join(value.split()).removesuffix("分") if value else None
                if value and NUMBER.match(value):
                    fields["score"] = (value, line)  # (项目总得分 | 99分)
            if role is None and cell and (j == 0 or row[j - 1] != cell):
                _compound_names(cell, value_after(row, j), line, fields)
            if role is not None:
                block.labels.add(role)
            if role is not None and sourced_total(cell):
                block.labels.add("total")  # (中央补助年度金额: the year's total, of one source)
            # (资金总额 | 30000 | 当年资金总额: | 10000: the project's money, then the year's)
            yearly = (
                role in FUND_FIELDS
                and role in fields
                and _of_the_year(cell)
                and not _of_the_year(given[role])
                and not grid.continues(k, j)
            )
            if (
                role is None
                or (role in fields and role not in over and not yearly)
                or (j > 0 and row[j - 1] == cell)
            ):
                continue
            value = value_after(row, j)
            if value is None and role in GOAL_ROLES and k + 1 < hi:
                value = _goal_below(rows[k + 1], j)
            if role == "total" and (value is None or not DIGIT.search(value)):
                # (资金总额 over 按收入性质分 | 按支出性质分, their parts below: a column's label)
                value = _amount_below(rows, k, hi, j) or amount_proven(rows, k, hi, j) or value
            if value is not None and role in GOAL_ROLES and not _is_goal_text(value):
                value = None
            if value is not None and role in ("department", "unit") and NUMBER.match(value):
                # 实施单位 | 9,034: an amount drawn after the label, no name; the name may be
                # the one drawn after the money label just above (项目资金(元) | 某某中心)
                value = _name_drawn_above(rows, k, lo)
            if value is not None and role in NAME_ROLES:
                value = _before_checkbox(value)
            if value is not None and role in ("department", "unit"):
                coded, name = split_labelled_code(cell, value)  # (主管部门及其编码 | 某局 308001)
                value = name if coded else value
            if value is not None and role in FUND_FIELDS:
                value = _GLOSS_HEAD.sub("", value, count=1)  # (提前下达):208万元: the label's
            if value is not None and role in FUND_FIELDS and not DIGIT.search(value):
                if _NO_AMOUNT.fullmatch(value):
                    fields.setdefault(role + ".none", (value, line))  # stated as none: —
                value = None  # 年度预算 | 安排 (a label broken in two): no amount
            if value is not None and yearly and not NUMBER.match("".join(value.split())):
                value = None  # (the year's label over words: the project's amount stands)
            if value is not None:
                fields[role] = (value, line)
                given[role] = cell
                over.discard(role)
                if cell in heads:
                    over.add(role)  # 预算单位： | 某某镇人民政府 over the form: a later pair wins
                m = voc.money_in_label.search(cell)
                if m and role in FUND_FIELDS:
                    fields[role + ".money"] = (m.group(1), line)
                if role in GOAL_ROLES and value == value_after(row, j):
                    k = _numbered_goal(rows, k, hi, fields, (role, cell), row.index(value) + 1)
        k += 1
    if form > lo and "project" in fields:  # (a report's cover over the form: its unit)
        for role, (value, at) in cover_fields(rows, lo, form, fields["project"][0]).items():
            fields.setdefault(role, (value, lines[at]))
    if block.spent and "total" in fields:
        block.execution.setdefault("full_year", fields["total"])  # the budget it is spent of
    if block.funds_money is not None and block.money_unit != block.funds_money:
        block.money_overruled = block.money_unit  # (单位：元 under the title, 资金情况(万元))
        block.money_unit = block.funds_money
    return block


def _last_on_line_before(
    rows: Sequence[Sequence[str]], lines: Sequence[int], lo: int, k: int
) -> str | None:
    """The last filled cell of the text line before row ``k``'s (rows a text reader split
    from one line share its number); ``None`` where no earlier line is in ``lo:k``."""
    j = k
    while j > lo and lines[j - 1] == lines[k]:
        j -= 1
    if j == lo:
        return None
    return next((c for c in reversed(rows[j - 1]) if c), None)


# The gloss of a label run together before its value ((提前下达):208万元 after 年度金额).
_GLOSS_HEAD = re.compile(r"^\s*[（(][^()（）\d]{1,10}[）)]\s*[:：]\s*(?=\d)")
_YEAR_TAIL = re.compile(r"[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[）)]?\s*$")
_GOAL_WORDS = 3  # characters a goal has at least, a year after it aside (自评(2021年度): none)


_GOAL_ITEM = re.compile(r"\s*(?:目标\s*)?[（(]?(\d{1,2})\s*[.、．)）:：]")


def _numbered_goal(
    rows: Sequence[Sequence[str]],
    k: int,
    hi: int,
    fields: dict[str, tuple[str, int]],
    label: tuple[str, str],
    after: int,
) -> int:
    """A goal numbered 1. 2. … over cells or rows (本年度绩效目标 | 1.… on one row, 2.… in the
    next cell or alone on the next row, beside the label's merged cell): the next items join
    it; the last row taken. ``label``: the goal's role and its label cell."""
    role, written = label
    text, line = fields[role]
    first = _GOAL_ITEM.match(text)
    if first is None or first.group(1) != "1":
        return k
    want = 2
    for cell in rows[k][after:]:
        item = _GOAL_ITEM.match(cell) if cell else None
        if item is None or int(item.group(1)) != want:
            break
        text += cell
        want += 1
    while k + 1 < hi:
        cells = [c for c in dict.fromkeys(rows[k + 1]) if c and c != written]
        item = _GOAL_ITEM.match(cells[0]) if len(cells) == 1 else None
        if item is None or int(item.group(1)) != want or is_block_label(cells[0]):
            break
        text += cells[0]
        want += 1
        k += 1
    fields[role] = (text, line)
    return k


def _numbered_below(rows: Sequence[Sequence[str]], k: int, hi: int, j: int) -> tuple[str, int]:
    """The goal in column ``j`` from row ``k``, with the items numbered after it on the rows
    below in the same column (目标1:… then 目标2:…, 目标3:…); the text and its last row."""
    text = rows[k][j]
    first = _GOAL_ITEM.match(text)
    if first is None or first.group(1) != "1":
        return text, k
    want = 2
    while k + 1 < hi and j < len(rows[k + 1]):
        cell = rows[k + 1][j]
        item = _GOAL_ITEM.match(cell) if cell else None
        if item is None or int(item.group(1)) != want or is_block_label(cell):
            break
        text += cell
        want += 1
        k += 1
    return text, k


def _name_drawn_above(rows: Sequence[Sequence[str]], k: int, lo: int) -> str | None:
    """The name in the money field's pair on row ``k - 1`` (项目资金(元) | 某某中心: a label of
    money, a value with no figure), when rows ``k - 1`` and ``k`` are each a label and a value."""
    if k <= lo:
        return None
    above = [c for c in dict.fromkeys(rows[k - 1]) if c]
    here = [c for c in dict.fromkeys(rows[k]) if c]
    money = block_role(above[0]) in FUND_FIELDS or vocabulary().money_in_label.search(above[0])
    if len(above) != 2 or len(here) != 2 or not money:
        return None
    name = above[1]
    if DIGIT.search(name) or block_role(name) is not None or not _is_name(name):
        return None
    return name


def _before_checkbox(value: str) -> str | None:
    """A name's value up to a check box (某某中心 □ 3、一次性项目 □: the options of another
    field run into it); ``None`` when nothing is before it."""
    boxes = vocabulary().checkboxes
    cut = next((i for i, ch in enumerate(value) if ch in boxes), len(value))
    return value[:cut].strip() or None


_NO_AMOUNT = re.compile(r"[-—–/／无\s]+")


def _compound_names(
    label: str, value: str | None, line: int, fields: dict[str, tuple[str, int]]
) -> None:
    """Two labels joined by a slash over two values joined alike (项目实施单位/项目负责人 |
    某某中心/张三): the name each names (a unit, department or project) that no pair gave."""
    labels, values = label.split("/"), (value or "").split("/")
    if len(labels) != 2 or len(values) != 2 or not all(v.strip() for v in values):
        return
    roles = [block_role(part) for part in labels]
    if None in roles:
        return
    for role, written in zip(roles, values, strict=True):
        if role in NAME_ROLES and role not in fields:
            fields[role] = (written.strip(), line)


_SCORE_IN_CELL = re.compile(r"(?P<label>[^:：\d]{2,12})[:：](?P<score>\d{1,3}(?:\.\d+)?)分?")


def _is_total_score(label: str) -> bool:
    """A label of the form's printed total score (自评总分(分), 综合得分): a footer's 总分
    label that speaks of points (not 合计, which a funds table uses too)."""
    return "分" in label and footer_role(label) == "score"


_SCORE_ROW_PAIRS = 4  # label | value pairs a row may hold between the label and its score


def _score_after_pairs(rows: Sequence[Sequence[str]], k: int, hi: int) -> str | None:
    """The total score whose label ends its row alone (自评得分, the row's last cell) and whose
    figure ends the next row, read cell by cell: the label's own line, then that row's label
    | value pairs (省级财政部门 | 四川省财政厅 …), then the figure alone (100). ``None`` when
    anything else stands between (a section's title, a label without its value) or the figure
    is no score (above 100)."""
    for n in range(k + 1, min(hi, k + 2 + _SCORE_ROW_PAIRS)):
        cells = [c for c in dict.fromkeys(rows[n]) if c]
        if len(cells) == 1:
            value = "".join(cells[0].split()).removesuffix("分")
            if n == k + 1 or not NUMBER.fullmatch(value) or not _SCORE_FIGURES.fullmatch(value):
                return None
            return value if Decimal(value) <= _MAX_SCORE else None
        pair = len(cells) == 2 and is_block_label(cells[0]) and not is_block_label(cells[1])
        if not pair or NUMBER.match(cells[1]):
            return None
    return None


_MAX_SCORE = 100


def _department_pair(label: str, value: str) -> re.Match[str] | None:
    """A department label with its colon alone in a cell and the name in the next
    (绩效编制单位： | 某某镇人民政府), read as one line 绩效编制单位：某某镇人民政府."""
    voc = vocabulary()
    if not label.rstrip().endswith((":", "：")) or block_role(value) is not None:
        return None
    if voc.money_in_cell.search(value) or voc.department_line.match(value):
        return None
    label = _YEAR_HEAD.sub("", label, count=1)  # ((2023年度)预算单位：, the year above it)
    return voc.department_line.match(label.strip() + value.strip())


def _list_header(cells: Sequence[str]) -> bool:
    """The column header of a list (序号 | 项目名称 | 备注 over rows naming projects or tables,
    a page's 目录 above its forms): opened by 序号, every cell a column's label, so none of its
    labels is followed by a value (备注 is no project's name)."""
    return (
        len(cells) >= 2
        and role_of(cells[0]) == "seq"
        and all(role_of(c) is not None for c in cells)
    )


def _name_field(cell: str) -> bool:
    """A one-cell line that is a name field's or the total's label and value (项目名称:某某,
    金额:100万元: a page's line over its table), not a title."""
    return any(block_role(label) in _LINE_FIELDS for label, _ in cell_pairs(cell))


_LINE_FIELDS = frozenset((*NAME_ROLES, "total"))


def _is_name(text: str) -> bool:
    """A department's name, not a stamp placeholder ((盖章), （公章）) nor another label's
    pair (单位负责人:…)."""
    t = "".join(text.split())
    return (
        bool(t)
        and "盖章" not in t
        and "公章" not in t
        and not LABEL_VALUE.match(t)
        and not BRACKETED.fullmatch(t)
    )


def _is_goal_text(text: str) -> bool:
    """Whether a goal label's value reads as a goal (words, not a number or a year, nor a
    title's last word before its year: …绩效目标 | 自评(2021年度))."""
    words = len(HAN.findall(_YEAR_TAIL.sub("", text)))
    return bool(HAN_PAIR.search(text)) and words >= _GOAL_WORDS


def _amount_below(rows: Sequence[Sequence[str]], k: int, hi: int, j: int) -> str | None:
    """A total's label heading a column of the funds (本年度预计投入(万元) merged over two
    header rows, 财政资金 | 其他 beside it): the amount under it, on the first row below where
    its cell is no longer the label's, when every other cell of that row is an amount too."""
    label = rows[k][j]
    for n in range(k + 1, min(hi, k + 4)):
        below = rows[n]
        if j >= len(below) or below[j] == label:
            continue
        cells = [c for c in below[j:] if c]
        numbers = all(NUMBER.match("".join(c.split())) for c in cells)
        return below[j] if cells and below[j] and numbers and len(cells) > 1 else None
    return None


def _unlabelled_goal(row: Sequence[str], text: str) -> bool:
    """A sentence right of an empty first cell (the label lost), on the row just above the
    indicator header: the form's goal (支持…危房改造，保障其基本住房安全。)."""
    return not row[0] and _goal_sentence(text)


def _goal_after_funds_label(cells: Sequence[str]) -> bool:
    """A funds row's label followed by a goal sentence and nothing else (see read_block)."""
    if len(cells) != 2 or not _goal_sentence(cells[1]):
        return False
    return funds_row(cells[0]) is not None or block_role(cells[0]) in FUND_FIELDS


def _goal_sentence(text: str) -> bool:
    """A sentence of ten characters or more (ending with its full stop) that is no label."""
    return (
        text.rstrip().endswith(("。", "."))
        and len(HAN.findall(text)) >= 10
        and role_of(text) is None
    )


def _goal_below(below: Sequence[str], j: int) -> str | None:
    """A goal label alone on its row (总体目标 | 年度目标 over the text): the text below it."""
    text = below[j] if j < len(below) else ""
    long_enough = len(HAN.findall(text)) >= 6
    return text if long_enough and block_role(text) is None and role_of(text) is None else None


def clean(cell: str) -> str:
    return clean_label(cell).rstrip(":：")


def starts_form(first: str, row: Sequence[str]) -> bool:
    """A row under indicators that is a form's field (项目名称 | X, 项目类型 | Y): the start of
    the next form."""
    role = block_role(first)
    return role in ("project", "field", "period", "code") and any(
        c and c != first and block_role(c) is None for c in row
    )


def is_whole_form(found: Block) -> bool:
    """A 部门整体 form's block (its title says so) naming its department and stating funds, or
    naming it in a field of its own (部门名称 | 某某局: a form cut before its funds)."""
    named = found.department is not None or "department" in found.fields
    funds = any(role in found.fields for role in FUND_FIELDS)
    return "dept-whole" in found.kinds and named and (funds or "department" in found.fields)
