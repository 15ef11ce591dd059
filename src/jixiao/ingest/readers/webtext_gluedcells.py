"""The cells of a body whose cells run together (see :mod:`.webtext_glued`) put right where the
text proves it (a 指标方向 word run on after a name, a date after a time word ending a name:
项目完成时限2025年12月) and in part left unread, with a note, where it cannot: a bare number
that may hold the next column's figure, a last row reaching into a line of the page after the
table, a value run into figures or words, a remark or a column of words holding figures. A
wrong row is worse than a missing one."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from ...chars import HAN
from ...targets import quantity_at
from ..grid import GridNote
from ..table_vocabulary import layout_file, vocabulary
from ..text_align import Row
from ..text_cells import ROW_VALUE_ROLES, UNLABELLED
from ..text_glue import weight_score
from ..text_tokens import Token

_BARE_DIGITS = re.compile(r"[<>≥≤=≧≦]?(\d+(?:\.\d+)?)")
_ROLE_NAMES = {"weight": "分值", "score": "得分"}


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


_TARGET_ROLES = ("value", "annual", "cycle")


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
    does not end so; the column's cells are read by what they say, see table_direction); so
    too a 指标值类型 word (到位率定量) where that column is the 指标值类型 one."""
    if "name" not in roles:
        return
    at = roles.index("name")
    if at + 1 >= len(roles) or roles[at + 1] not in ("op", "direction"):
        return
    word = vocabulary().direction_word
    types = tuple(layout_file()["scored_rows"]["types"]) if roles[at + 1] == "op" else ()
    for r in rows:
        name = r.cells[at].rstrip()
        if r.cells[at + 1].strip():
            continue
        for n in range(len(name) - 2, max(len(name) - 5, 1), -1):
            if word.fullmatch(name[n:]) or name[n:] in types:
                r.cells[at], r.cells[at + 1] = name[:n], name[n:]
                break


def scale_behind(rows: Sequence[Row], roles: list[str | None]) -> None:
    """A name with a qualitative 指标性质 word and a scale of verdicts run on (…某某状况定性高中低)
    where that column and the target's after it are empty, or the target's holds the row's
    one bare figure: the word is the 指标性质 cell, the scale (two verdicts or more, none
    twice: no name ends so, nor a target and its equal 完成值) the target, and the figure
    goes to the 分值 column after them when that is empty."""
    if "name" not in roles or "op" not in roles:
        return
    at, op = roles.index("name"), roles.index("op")
    value = op + 1
    if op != at + 1 or value >= len(roles) or roles[value] not in ("value", "annual"):
        return
    weight = roles.index("weight") if "weight" in roles[value:] else None
    voc = vocabulary()
    for r in rows:
        m = _scale_after(r.cells[at], voc.qualitative_ops, voc.verdicts)
        if m is None or r.cells[op].strip():
            continue
        figure = "".join(r.cells[value].split())
        if figure and (not figure.isdigit() or weight is None or r.cells[weight].strip()):
            continue
        if figure and weight is not None:
            r.cells[weight] = figure
        r.cells[at], r.cells[op], r.cells[value] = m


def _scale_after(
    name: str, words: Collection[str], verdicts: Collection[str]
) -> tuple[str, str, str] | None:
    """``name`` cut into the name, a qualitative 指标性质 word and a scale of verdicts ending it
    (高中低), or None."""
    name = name.rstrip()
    k = len(name)
    while k > 0 and name[k - 1] in verdicts:
        k -= 1
    scale = name[k:]
    if len(scale) < 2 or len(set(scale)) < len(scale):
        return None
    word = next((w for w in words if name[:k].endswith(w)), None)
    if word is None or k - len(word) < _NAME_BEFORE:
        return None
    return name[: k - len(word)], word, scale


_NAME_BEFORE = 2


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


_LONGEST_VALUE = 16  # (characters: a value written twice at a name's end is short)


def _said_twice(name: str) -> int:
    """The length of the one piece ``name`` ends with written twice, with words before it
    (减轻经济负担有效有效: 2), or 0: none, or more than one length would do (良好良好良好良好)."""
    ends = [
        n
        for n in range(2, min(_LONGEST_VALUE, len(name) // 2) + 1)
        if name[-2 * n : -n] == name[-n:]
    ]
    if len(ends) != 1:
        return 0
    n = ends[0]
    piece, head = name[-n:], name[: -2 * n]
    if not HAN.search(piece) or len(HAN.findall(head)) < 3:
        return 0  # (1010: a 分值 and its 得分; a name of a word or two is no name)
    return n


def value_twice(rows: Sequence[Row], roles: list[str | None]) -> list[GridNote]:
    """A name ending in a piece written twice (某某及时性及时及时, 专款专用专款专用专款专用) in
    a row whose target and 完成值 are empty or hold only the bare figures after them (20 | 20):
    the target and its equal 完成值 run into the name, the one cut that makes them equal. Split
    so where those figures then fill the figure columns after the 完成值 one for one; where the
    header has no figure column after it, a figure there is no target's (the piece is) and is
    left unread, with a note. A figure short or over: left as it is, for the checks after."""
    figures = [j for j, r in enumerate(roles) if r in ROW_VALUE_ROLES]
    if "name" not in roles or len(figures) < 2:
        return []
    at, target, actual = roles.index("name"), figures[0], figures[1]
    if roles[target] not in _TARGET_ROLES or roles[actual] != "actual":
        return []
    # (the columns after the 完成值 a figure may go to: a header's unnamed one as well)
    dest = [j for j in range(actual + 1, len(roles)) if roles[j] in (*ROW_VALUE_ROLES, UNLABELLED)]
    after = [j for j in dest if any(r.cells[j].strip() for r in rows)]
    done = dropped = 0
    for r in rows:
        name = "".join(r.cells[at].split())
        n = _said_twice(name)
        filled = [j for j in figures if r.cells[j].strip()]
        bare = all(_BARE.fullmatch("".join(r.cells[j].split())) for j in filled)
        fits = len(filled) == len(after) and after == dest[: len(filled)]
        unnamed = not dest and len(filled) == 1  # (no column after the 完成值)
        if not n or not bare or filled != figures[: len(filled)] or not (fits or unnamed):
            continue
        moved = [(r.cells[j], r.parts.pop(j, [])) for j in filled]
        for j in filled:
            r.cells[j] = ""
        for j, (cell, toks) in zip(dest, moved, strict=False):
            r.cells[j], r.parts[j] = cell, toks
        r.cells[at], r.cells[target], r.cells[actual] = name[: -2 * n], name[-n:], name[-n:]
        done += 1
        dropped += unnamed
    notes = []
    if done:
        why = f"{done} 行的三级指标名称末尾连写了两遍同一个值，是相同的指标值和完成值，按此分开读取"
        notes.append(GridNote("info", "text.value_twice", why, rows[0].line))
    if dropped:
        why = f"{dropped} 行完成值之后多一个表头没有列名的数（分值还是得分不明），未读取"
        notes.append(GridNote("info", "text.unlabelled_column", why, rows[0].line))
    return notes


_TARGET_FIGURE = re.compile(r"[<>≥≤=≧≦＞＜＝═﹦]?(\d+(?:\.\d+)?)")


def figure_twice(rows: Sequence[Row], roles: list[str | None]) -> list[GridNote]:
    """A 完成值 that is a run of digits opening with its target's figure (≧735人次 | 7351010)
    in a row whose 分值 and 得分 are empty: the actual equal to the target (the one cut that
    makes them equal), then a 分值 and 得分 the rest splits into one way only (10 | 10). Split
    so, with a note; any other run is left to the checks after."""
    cols = [roles.index(r) if r in roles else -1 for r in ("actual", "weight", "score")]
    target = next((j for j, r in enumerate(roles) if r in _TARGET_ROLES), -1)
    actual, weight, score = cols
    if min(target, *cols) < 0 or not target < actual < weight < score:
        return []
    done = 0
    for r in rows:
        if r.cells[weight].strip() or r.cells[score].strip():
            continue
        figure = _TARGET_FIGURE.match("".join(r.cells[target].split()))
        run = "".join(r.cells[actual].split())
        if figure is None or not run.isdigit() or not run.startswith(figure[1]):
            continue
        pair = weight_score(run[len(figure[1]) :])
        if pair is not None:
            r.cells[actual], (r.cells[weight], r.cells[score]) = figure[1], pair
            done += 1
    why = f"{done} 行的完成值与指标值的数相同，其后连着的数只有一种分法（分值、得分），按此读取"
    return [GridNote("info", "text.figure_twice", why, rows[0].line)] if done else []


# Digits ending a value after words (底前10月55: the 分值 and 得分 run on), and a run of four
# digits or more in one (200200余人: 200 | 200余人), not a year's (2021年).
_FIGURES_AFTER_WORDS = re.compile(r"(?<=[\u4e00-\u9fff])\d+$")
_LONG_DIGITS = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d年)\d{4,}(?![.,]\d)")


def figures_short(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows that leave a figure column empty after their last figure, one the other rows fill,
    while a target or 完成值 ends in digits after words, or a target holds a long run of digits
    with a bare number after it (200200余人 | 10 | 10: :func:`figure_behind` would take the last
    for a 分值 and 得分 run together, but the target's digits may hold two figures as well): the
    row's figures were cut a cell short, and which cell holds two, nothing in the text tells:
    row → why. Run before :func:`figure_behind`, on the cells as cut."""
    figures = [j for j, r in enumerate(roles) if r in ROW_VALUE_ROLES]
    used = {j for j in figures if any(r.cells[j].strip() for r in rows)}
    why = "的数值比其他各行少一格，指标值或完成值里可能连着两个数（分不出在哪里断开）"
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        texts = {j: "".join(r.cells[j].split()) for j in figures if r.cells[j].strip()}
        filled = list(texts)
        if not filled or all(j not in used or j in texts for j in figures if j > filled[-1]):
            continue
        for n, j in enumerate(filled):
            after = texts[filled[n + 1]] if n + 1 < len(filled) else ""
            ran_on = roles[j] in _TARGET_ROLES and _LONG_DIGITS.search(texts[j]) is not None
            if roles[j] in (*_TARGET_ROLES, "actual") and (
                _FIGURES_AFTER_WORDS.search(texts[j]) or (ran_on and _BARE.fullmatch(after))
            ):
                out[k] = why
    return out


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
            if not fused and not (0 < n < len(value) and HAN.match(value, n)):
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
