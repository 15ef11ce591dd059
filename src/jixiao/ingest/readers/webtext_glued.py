"""The rows of a body whose cells run together (no space, line or ``|`` between them: cut at
labels and values only), put right where the text proves it (a 指标方向 word run on after a
name) and left out, or in part unread, where it cannot: a bare number that may hold the next
column's figure, a last row reaching into a line of the page after the table, rows of no known
project, a name holding a target and its 完成值 written twice or ending in a value, two values
in one cell, a numbered name cut in two, a table's note run into its rows. A wrong row is worse
than a missing one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..grid import GridNote
from ..table_vocabulary import footer_role, vocabulary
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
    doubts, notes = figure_behind(rows, roles)
    after, more = line_after(rows, roles, part)
    lost = project_lost(rows, roles) | doubled_in_name(rows, roles) | two_values(rows, roles)
    lost |= value_in_name(rows, roles) | number_lost(rows, roles) | note_rows(rows, roles)
    return lost | doubts | after, notes + more


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
        if not any(j in used and not r.cells[j].strip() for j in figures if j > last):
            continue
        what = _ROLE_NAMES.get(roles[last] or "")
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
