"""The rows of a body whose cells run together (no space, line or ``|`` between them: cut at
labels and values only), put right where the text proves it (a 指标方向 word run on after a
name, a date after a time word ending a name: 项目完成时限2025年12月) and left out, or in part
unread, where it cannot: a bare number that may hold the next column's figure, a last row
reaching into a line of the page after the table, rows of no known project, a name holding a
target and its 完成值 written twice or ending in a value, two values in one cell, a numbered
name cut in two, a table's note run into its rows, a name opening with the row above's values
or holding a time indicator's date, a figure in a column of words, a value ending in the next
column's template text or run into a year or words, a short word after a name nothing bears
out, a 二级指标 giving no level 1. A wrong row is worse than a missing one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...framework import load_framework
from ...targets import quantity_at
from ..grid import GridNote
from ..table_classes import classes
from ..table_vocabulary import footer_role, layout_file, vocabulary
from ..text_align import NUMBER, PERCENT, PHRASE, ROW_VALUE_ROLES, VALUE, Row, kind
from ..text_tokens import Token

_BARE_DIGITS = re.compile(r"[<>≥≤=≧≦]?(\d+(?:\.\d+)?)")
_ROLE_NAMES = {"weight": "分值", "score": "得分"}


def glued_rows(
    rows: Sequence[Row], roles: list[str | None], part: Sequence[Token], glued: bool
) -> tuple[dict[int, str], list[GridNote]]:
    """The rows of a body ``part`` whose cells run together (``glued``) put right where the
    text proves it (:func:`direction_behind`) and left out or in part unread where it cannot
    (:func:`figure_behind`, :func:`line_after`): row → why, and the notes."""
    if not glued:
        return {}, []
    direction_behind(rows, roles)
    date_behind(rows, roles)
    doubts, notes = figure_behind(rows, roles)
    after, more = line_after(rows, roles, part)
    lost = project_lost(rows, roles) | doubled_in_name(rows, roles) | two_values(rows, roles)
    lost |= value_in_name(rows, roles) | number_lost(rows, roles) | note_rows(rows, roles)
    ahead = values_ahead(rows, roles)
    lost |= ahead | template_tail(rows, roles) | target_in_name(rows, roles)
    notes = notes + name_in_remark(rows, roles, ahead)
    lost |= figure_on_date(rows, roles) | short_phrase(rows, roles) | level1_lost(rows, roles)
    lost |= date_in_name(rows, roles) | two_rates(rows, roles)
    worded, apart = figures_in_words(rows, roles)
    run_on, cleared = value_run_on(rows, roles)
    return lost | worded | run_on | doubts | after, notes + more + apart + cleared


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


_FIGURE_START = re.compile(r"[<>≥≤=≧≦＞＜]?\d")


def name_in_remark(
    rows: Sequence[Row], roles: list[str | None], ahead: dict[int, str]
) -> list[GridNote]:
    """The words ending the row above a row whose name opens with values (:func:`values_ahead`)
    when they stand in a column of words (其中露天蔬菜 | 20亩 | 20亩 | 其中大棚蔬菜, then 3亩3亩★…):
    they are the name those values belong to, not this row's remark: left unread, with a
    note."""
    notes: list[GridNote] = []
    for k in ahead:
        if k == 0:
            continue
        r = rows[k - 1]
        filled = [j for j, c in enumerate(r.cells) if c.strip()]
        if filled and roles[filled[-1]] in _REMARKS and len(filled) > 1:
            words = r.cells[filled[-1]].strip()
            why = f"“{words[:24]}”是下一行的名称（其数值连进了下一行），不是这一行的说明，未读取"
            notes.append(GridNote("info", "text.name_in_remark", why, r.line))
            r.cells[filled[-1]] = ""
    return notes


def figures_in_words(
    rows: Sequence[Row], roles: list[str | None]
) -> tuple[dict[int, str], list[GridNote]]:
    """Rows whose column of words (偏差原因, 备注 …) holds a figure: the row's figures ran past
    their columns. A bare number (109) where a figure column before it, which other rows fill,
    is empty here holds those columns' figures run together: it is left unread, with a note;
    a bare number with no such column (20) or one opening words (1010家: the next row's name's
    start as well, so that row is left out too), the row is left out (row → why)."""
    figures = [j for j, r in enumerate(roles) if r in ROW_VALUE_ROLES]
    used = {j for j in figures if any(r.cells[j].strip() for r in rows)}
    words = [j for j, r in enumerate(roles) if r in _REMARKS and figures and j > figures[0]]
    why = "的说明一格是数或以数开头（各格连在一起，数值错了列）"
    out: dict[int, str] = {}
    notes: list[GridNote] = []
    for k, r in enumerate(rows):
        for j in words:
            text = "".join(r.cells[j].split())
            if not _FIGURE_START.match(text) or _ENUMERATOR.match(text):
                continue  # (1.因疫情影响…: a numbered reason, not a figure)
            lost = [i for i in figures if i < j and i in used and not r.cells[i].strip()]
            if _BARE.fullmatch(text) and lost:
                names = "、".join(
                    dict.fromkeys(_ROLE_NAMES.get(roles[i] or "", "数值") for i in lost)
                )
                notes.append(
                    GridNote(
                        "info",
                        "text.figures_glued",
                        f"说明一格里的“{text}”是{names}连在一起（分不出在哪里断开），未读取",
                        r.line,
                    )
                )
                r.cells[j] = ""
            elif _BARE.fullmatch(text) or lost:
                out[k] = why
                if k + 1 < len(rows) and not _BARE.fullmatch(text):
                    out[k + 1] = "的三级指标名称可能缺了开头（上一行的说明一格连着它）"
    return out, notes


_BARE = re.compile(r"\d+(?:\.\d+)?")
_ENUMERATOR = re.compile(r"\d{1,2}\s*[、.．)）:：](?!\d)")


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
        if measure is not None and not r.cells[measure].strip() and name.endswith(_PERCENT):
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


_TARGET_ROLES = ("value", "annual", "cycle")
_PERCENT = ("%", "％", "‰")
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
    return out


def project_lost(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Every row, under a header with a 项目名称 column that no row fills: the projects' names
    and figures were run into other cells, and which project a row is of, the text does not
    tell (a title is no answer where the header lists projects): row → why."""
    if "project" not in roles:
        return {}
    at = roles.index("project")
    if any(r.cells[at].strip() for r in rows):
        return {}
    why = "所在的指标表有项目名称一列，各行却都没有读出项目名称（分不清各行属于哪个项目）"
    return {k: why for k, r in enumerate(rows) if any(r.cells)}


def line_after(
    rows: Sequence[Row], roles: list[str | None], part: Sequence[Token]
) -> tuple[dict[int, str], list[GridNote]]:
    """The last row of a body whose rows run on along a line (two rows or more on one), when
    the body's last line holds only cells of that row: that line, after the table's text, may
    be the page's (an excerpt's end mark, a signature) as well as the row's. Where it went
    into the row's remarks only (备注, 偏差原因), they are left unread, with a note; else the
    row is left out (row → why)."""
    filled = [t for t in part if not t.empty]
    at = max((k for k, r in enumerate(rows) if any(r.cells)), default=None)
    if not filled or at is None:
        return {}, []
    last = filled[-1].line
    row = rows[at]
    mine = {id(t) for ts in row.parts.values() for t in ts}
    if not all(id(t) in mine for t in filled if t.line == last):
        return {}, []
    lines: dict[int, int] = {}
    for r in rows[:at]:
        on = {t.line for ts in r.parts.values() for t in ts if not t.empty}
        if len(on) == 1 and last not in on:
            lines[min(on)] = lines.get(min(on), 0) + 1
    if max(lines.values(), default=0) < 2:
        return {}, []
    after = [j for j, ts in row.parts.items() if any(t.line == last and not t.empty for t in ts)]
    if after and all(roles[j] in _REMARKS for j in after) and len(after) < len(row.parts):
        for j in after:
            row.cells[j] = ""
        why = "指标表最后一行的说明一格在表格文字之后另起的一行（可能是网页上的文字），未读取"
        return {}, [GridNote("info", "text.line_after", why, row.line)]
    return {at: "的末几格在表格文字之后另起的一行（是网页上的文字还是这一行的续行不明）"}, []


_REMARKS = ("remark", "deviation", "explanation", "standard")


def direction_behind(rows: Sequence[Row], roles: list[str | None]) -> None:
    """A name with a 指标方向 word run on (出差人数正向) where the column right after the names is
    the 指标性质 / 指标方向 one and empty in that row: the word is that column's cell (a name
    does not end so; the column's cells are read by what they say, see table_direction)."""
    if "name" not in roles:
        return
    at = roles.index("name")
    if at + 1 >= len(roles) or roles[at + 1] not in ("op", "direction"):
        return
    word = vocabulary().direction_word
    for r in rows:
        name = r.cells[at].rstrip()
        if r.cells[at + 1].strip():
            continue
        for n in range(len(name) - 2, max(len(name) - 5, 1), -1):
            if word.fullmatch(name[n:]):
                r.cells[at], r.cells[at + 1] = name[:n], name[n:]
                break


def figure_behind(
    rows: Sequence[Row], roles: list[str | None]
) -> tuple[dict[int, str], list[GridNote]]:
    """In text whose cells run together, rows whose last figure is a bare number of
    two digits or more while a figure column after it, which other rows fill, is empty here:
    that column's figure may be glued on (召开会议215 = 2 | 15, 分值 2 and 得分 1 as 21), and
    where the number ends, nothing in the text tells. A target or 完成值 so: the row is left
    out (row → why); a 分值 or 得分: it and the figures after it are left unread, with a note."""
    figures = [j for j, r in enumerate(roles) if r in ROW_VALUE_ROLES]
    used = {j for j in figures if any(r.cells[j].strip() for r in rows)}
    doubts: dict[int, str] = {}
    notes: list[GridNote] = []
    for k, r in enumerate(rows):
        filled = [j for j in figures if r.cells[j].strip()]
        if not filled:
            continue
        last = filled[-1]
        bare = _BARE_DIGITS.fullmatch("".join(r.cells[last].split()))
        if bare is None or sum(c.isdigit() for c in bare.group(1)) < 2:
            continue
        later = [j for j in figures if j > last]
        # (columns no row fills: a long bare number may hold all their figures, 1568.0)
        unused = bool(later) and not used & set(later) and sum(c.isdigit() for c in bare[0]) > 3
        if not unused and not any(j in used and not r.cells[j].strip() for j in later):
            continue
        what = _ROLE_NAMES.get(roles[last] or "")
        if unused and roles[last] == "actual":
            what = "完成值"  # (132.91010 under 完成值 | 分值 | 得分 no row fills: not the target)
        if what is None:
            doubts[k] = (
                "的末尾是一个数，其后应有数的一列却空着（两个数可能连在一起，分不出在哪里断开）"
            )
            continue
        why = (
            f"{what}“{r.cells[last].strip()}”之后应有数的一列空着（两个数可能连在一起，"
            f"分不出在哪里断开），{what}及其后的数未读取"
        )
        notes.append(GridNote("info", "text.figures_glued", why, r.line))
        for j in figures:
            if j >= last:
                r.cells[j] = ""
    return doubts, notes


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


_DATE_ONE = (
    r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?(?:底|末)?"
    r"|\d{4}[./]\d{1,2}(?:[./]\d{1,2})?"
)
_DATES = re.compile(rf"(?:{_DATE_ONE})(?:\s*(?:-{{1,2}}|—{{1,2}}|~|～|至)\s*(?:{_DATE_ONE}))?")
_A_DATE = re.compile(_DATE_ONE)


def date_behind(rows: Sequence[Row], roles: list[str | None]) -> None:
    """A row without values whose name ends in a date or a span of dates run on after a time
    word (项目完成时限2025年12月, 保障期限2020年1月--2020年11月; the words in table_layout.toml):
    the date is the target (a name holding another date, 开工时限2021年7月竣工时限…, is two
    rows run together and stays as it is)."""
    if "name" not in roles:
        return
    at = roles.index("name")
    target = next((j for j, r in enumerate(roles) if r in _TARGET_ROLES), None)
    values = [j for j, r in enumerate(roles) if r in ROW_VALUE_ROLES]
    if target is None:
        return
    ends = tuple(layout_file()["glued_rows"]["date_names"])
    for r in rows:
        if any(r.cells[j].strip() for j in values):
            continue
        text = "".join(r.cells[at].split())
        for p, c in enumerate(text):
            if not c.isdigit():
                continue
            name = text[:p]
            if _DATES.fullmatch(text, p) and name.endswith(ends) and not _A_DATE.search(name):
                r.cells[at], r.cells[target] = name, text[p:]
            break


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


# Two decimal points in one run of figures (7289010.009.00: a target, a 分值 and a 得分), not
# a date's (2021.1.1).
_TWO_POINTS = re.compile(r"(?<![\d.])(\d+)\.\d+\.\d")
_MAGNITUDES = "十百千万亿"


def value_run_on(
    rows: Sequence[Row], roles: list[str | None]
) -> tuple[dict[int, str], list[GridNote]]:
    """Rows whose target or 完成值 holds figures run together (two decimal points in one run)
    or a value with words run on after its unit (90%时, 1%扣, 10天扣: the next cell's start; a
    word after a magnitude, 550万粒, is the unit's). A target so: the row is left out (row →
    why); a 完成值 (100%12.512.5定量…: the 分值, 得分 and a rule run on) is read up to its %,
    or else left unread, the rest not read, with a note (the target is where the text puts
    it)."""
    cols = [j for j, r in enumerate(roles) if r in (*_TARGET_ROLES, "actual")]
    out: dict[int, str] = {}
    notes: list[GridNote] = []
    for k, r in enumerate(rows):
        for j in cols:
            value = "".join(r.cells[j].split())
            two = _TWO_POINTS.search(value)
            fused = two is not None and not (len(two[1]) == 4 and two[1][:2] in ("19", "20"))
            n = quantity_at(value)
            if not fused and not (0 < n < len(value) and _CJK.match(value, n)):
                continue
            if not fused and value[n - 1] in _MAGNITUDES:
                continue
            if roles[j] != "actual":
                out[k] = "的指标值里几个数或后面的文字连在一起（各格连在一起）"
                continue
            # (a percentage ends where its % does: the 完成值 is that, the rest is left unread)
            kept = value[:n] if n and value[n - 1] in "%％" else ""
            rest = value[len(kept) :]
            why = f"完成值后面连着的“{rest[:24]}”（后面几格的数或文字连在一起）未读取"
            notes.append(GridNote("info", "text.figures_glued", why, r.line))
            r.cells[j] = kept
    return out, notes


_CJK = re.compile("[\u4e00-\u9fff]")


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
