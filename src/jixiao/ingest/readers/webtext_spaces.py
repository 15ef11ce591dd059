"""Rows of a web-page text written a row per line with its cells split by spaces, whose cells
the aligner cut elsewhere than at the line's spaces, read again with the spaces as the cuts.

The aligner joins tokens across a space more readily than across a split the tokenizer made
inside text run together (12月底前 | 100% | 到位): spaces are inside cells in many shapes of text.
Where the body's other rows hold no cell across a space, the table shows that its spaces are
where its cells end, and a row holding one across a space (资金拨付到位情况 12月底前 | 100%到位)
is read again so (资金拨付到位情况 | 12月底前100%到位) when the line's runs between spaces are
as many as the row's cells, no cell then fits its column worse, and the row is plausible;
else the row is left unread (the text contradicts the reading, and nothing settles another).
A row whose cells of words side by side hold more runs between spaces than they are cells
(培训教材 编写质量 符合教学 大纲要求: a space inside a cell, others between) is unclear
in any body, a row per line or the whole table on one line, unless a new line, a paragraph
or ``|`` marks its cuts: where each ends only the words could tell. So is a line read as
two named rows where the body's named rows are each a line (``lines_split``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from ..table_vocabulary import vocabulary
from ..text_align import Row
from ..text_cells import L1, L2, NUMBER, PERCENT, PHRASE, ROW_VALUE_ROLES, TEXT, VALUE, fit, kind
from ..text_tokens import Token, join, mostly_glued, split_at
from .webtext_inside import TEXT_AFTER, WORDS_CUT, across_space, words_cut
from .webtext_rows import implausible

_PAIRED_SHARE = 0.8  # lines holding two cells or more among a body's lines: a row a line
_ROW_CELLS = 24  # cells on one line past which it is rows run together (as text_tokens counts)
_CLEAN_ROWS = 3  # rows holding no cell across a space: fewer show no habit of the table
_CLEAN_SHARE = 0.75  # …and this share of the body's rows on one line at least
_WORDS = frozenset((PHRASE, TEXT))  # what a cell of words looks like (no figure, no label)
_MARKED = frozenset(("line", "para", "pipe"))  # gaps the text itself puts between cells
_WRAPPED = frozenset(("para", "pipe"))  # the gaps that mark cuts inside a row over two lines
_APART = "的相邻文字格内外都有空格，格与格的分界在哪个空格处分不清"


def space_cuts(
    rows: Sequence[Row], part: Sequence[Token], roles: list[str | None], by_line: bool = True
) -> tuple[int, dict[int, str]]:
    """Read again, with its line's spaces as the cuts, each row of ``rows`` (aligned from the
    body ``part`` under ``roles``) that holds a cell across a space and a cut where the line
    has none, when the table's other rows say its spaces end cells (see the module). Changes
    the rows read again; returns how many, and the rows (index → why) the spaces contradict
    and that cannot be read again so, whose cells of words the spaces leave apart or that
    share a line (``lines_split``), or that join a cell across a space and cut another between
    words with no space (without the habit too): the text leaves their cells unclear. A body
    not written a row per line (``by_line``), the whole table on one line: only rows of words
    left apart, so joined and cut, or with a figure cut off the end of the name's run."""
    if not by_line:
        spaced = not mostly_glued(part)  # (cells run together: every cut is the tokenizer's)
        joined = {k: WORDS_CUT for k, r in enumerate(rows) if spaced and words_cut(r, roles)}
        cut_off = {k: _RUN_CUT for k, r in enumerate(rows) if spaced and _figure_off_name(r, roles)}
        return 0, cut_off | joined | words_apart(rows)
    on_line: dict[int, list[Token]] = {}
    for t in part:
        if not t.empty:
            on_line.setdefault(t.line, []).append(t)
    whole: list[tuple[int, list[Token]]] = []  # rows that are the whole of one line
    for k, r in enumerate(rows):
        toks = [t for j in sorted(r.parts) for t in r.parts[j] if not t.empty]
        if len(r.parts) < 2 or not toks or {t.line for t in toks} != {toks[0].line}:
            continue
        if len(toks) == len(on_line.get(toks[0].line, ())):
            whole.append((k, toks))
    spanning = [(k, toks) for k, toks in whole if across_space(rows[k])]
    # Cells of words side by side, spaces inside them and between them: unclear, habit or not.
    unclear = {k: _APART for k, _ in spanning if _words_apart(rows[k])} | lines_split(rows, roles)
    # A row over two lines: a cell wraps, so its line break marks no cut between its cells.
    for k, r in enumerate(rows):
        lines = {t.line for ts in r.parts.values() for t in ts if not t.empty}
        if len(lines) > 1 and _words_apart(r, _WRAPPED):
            unclear[k] = _APART
    # A run between spaces cut in two cells: where the table's cells all end at its spaces,
    # the run is one cell, and which column each cell after it is in, nothing says. In any
    # body with spaces, a figure cut off the end of a name's run (变压器 | 3台, from 变压器3台
    # 3 9.3) is the name's own words or its target written without a space: only the words
    # could tell. (A row a space runs through is read again below, not judged so.)
    held = dict(spanning)
    cut = [k for k, _ in whole if k not in held and _run_cut(rows[k])]
    clean = len(whole) - len(spanning) - len(cut)
    habit = clean >= _CLEAN_ROWS and clean >= _CLEAN_SHARE * len(whole)
    spaced = not mostly_glued(part)  # (cells run together: every cut is one the tokenizer made)
    for k, toks in whole:
        off = spaced and any(t.gap == "space" for t in toks) and _figure_off_name(rows[k], roles)
        if k not in held and ((habit and k in cut) or off):
            unclear.setdefault(k, _RUN_CUT)
    if not spanning or clean < _CLEAN_ROWS or clean < _CLEAN_SHARE * len(whole):
        for k, _ in spanning:  # (no habit: a row joined across a space and cut between words
            if spaced and words_cut(rows[k], roles):  # where the text has none: neither cut
                unclear.setdefault(k, WORDS_CUT)  # is the text's)
            elif spaced and _figure_off_name(rows[k], roles, bare=True):
                # (某某成立12 | 周年: a bare number cut off words, where the row joins a cell across
                # a space too, is the words' own as likely as a target; a figure with its unit,
                # 同比上年 | 100%, is the target the text glued on)
                unclear.setdefault(k, _RUN_CUT)
        return 0, unclear
    done = 0
    for k, toks in spanning:
        r, runs, cols = rows[k], split_at(toks, "space"), sorted(rows[k].parts)
        if len(runs) < len(cols) and k not in unclear:
            # a cell across a space, and a run cut in two (减税降费企业所得税减按 | 15% | 征收
            # from 减税降费 企业所得税减按15%征收): the spaces contradict the cuts both ways
            unclear[k] = "的格与格的分界不在行内空格处，按空格分格又少于各列（各格分不清）"
            continue
        if len(runs) != len(cols) or k in unclear:
            continue  # (a run more: a cell of its own with a space inside)
        cells = list(r.cells)
        for j, run in zip(cols, runs, strict=True):
            cells[j] = join(run)
        if cells == r.cells:
            continue
        worse = any(fit(roles[j], cells[j]) > fit(roles[j], r.cells[j]) for j in cols)
        if worse or implausible(cells, roles) is not None:
            unclear[k] = "的格与格的分界不在行内空格处，按空格分格又不合各列（各格分不清）"
            continue
        r.cells = cells
        r.parts = dict(zip(cols, runs, strict=True))
        done += 1
    return done, unclear


_RUN_CUT = "的一段不含空格的文字被分成两格，而表中各格都以空格分开（各格分不清）"


def _run_cut(r: Row) -> bool:
    """A cell of ``r`` after its first that starts inside a run between spaces (the tokenizer's
    cut or glue, no space before it)."""
    cols = sorted(j for j, ts in r.parts.items() if any(not t.empty for t in ts))
    return any(r.parts[j][0].gap in ("cut", "glue") for j in cols[1:])


def _figure_off_name(r: Row, roles: Sequence[str | None], bare: bool = False) -> bool:
    """The cell after ``r``'s name a figure cut off the name's run, no space between them
    (``bare``: a number with no unit, under a header with no 度量单位 column to give it one)."""
    if "name" not in roles or (bare and "measure" in roles):
        return False
    at = roles.index("name")
    cols = sorted(j for j, ts in r.parts.items() if j > at and any(not t.empty for t in ts))
    if at not in r.parts or not cols or roles[cols[0]] not in ROW_VALUE_ROLES:
        return False
    first = r.parts[cols[0]][0]
    kinds = (NUMBER,) if bare else (VALUE, PERCENT, NUMBER)
    return first.gap in ("cut", "glue") and kind(first.text) in kinds


def lines_of_cells(cells_on: dict[int, int]) -> bool:
    """A body written a row per line whose rows are short (name 95%, many under merged classes:
    two cells a line as often as three): nearly every line holds two cells or more, none a page
    of rows run together (a cell per line or per paragraph holds one a line)."""
    pairs = sum(1 for c in cells_on.values() if c >= 2)
    runs = sum(1 for c in cells_on.values() if c > _ROW_CELLS)
    return len(cells_on) >= _CLEAN_ROWS and pairs >= _PAIRED_SHARE * len(cells_on) and not runs


def lines_split(rows: Sequence[Row], roles: Sequence[str | None]) -> dict[int, str]:
    """The rows (index → why) of a body written a row per line that share one line with another
    row holding a 三级指标 name: the aligner started a row inside the line, at a space a cell
    could hold as well (县级储备粮管理制 | 度严格 and 执行率 | 100%, from 县级储备粮管理制
    度严格执行率 100%). Where most named rows are alone on their lines, the text says the line
    is one row; where its cells end, nothing does: both rows are unclear."""
    names = [j for j, role in enumerate(roles) if role == "name"]
    if not names:
        return {}
    after = range(names[0] + 1, len(roles))
    named: list[tuple[int, int, int]] = []  # (row, its first line, its last line)
    for k, r in enumerate(rows):
        toks = [t for j in sorted(r.parts) for t in r.parts[j] if not t.empty]
        # (a name with a cell after it: a name alone may be a label the aligner took for one)
        if toks and r.cells[names[0]] and any(r.cells[j] for j in after):
            named.append((k, toks[0].line, toks[-1].line))
    unclear: dict[int, str] = {}
    for (k0, _, last), (k1, first, _) in pairwise(named):
        if k1 == k0 + 1 and first == last:
            why = "与同一行的另一指标分在两行，而文本一行是一行指标（各格分不清）"
            unclear[k0] = unclear[k1] = why
    alone = len(named) - len(unclear)  # named rows alone on their lines: the table's habit
    if alone < _CLEAN_ROWS or alone < _CLEAN_SHARE * len(named):
        return {}
    return unclear


def _words_apart(r: Row, marked: frozenset[str] = _MARKED) -> bool:
    """Two or more cells of words side by side in ``r`` (no figure between them) whose tokens
    hold more runs between spaces than they are cells, one cut between them unmarked (not a
    new line, paragraph or ``|``): some space is inside a cell, and where one cell of words
    ends and the next begins, only the words' meaning could tell."""
    stretch: list[list[Token]] = []
    for j in [*sorted(r.parts), -1]:
        toks = [t for t in r.parts[j] if not t.empty] if j >= 0 else []
        if toks and kind(r.cells[j]) in _WORDS:
            stretch.append(toks)
            continue
        if len(stretch) >= 2 and any(toks[0].gap not in marked for toks in stretch[1:]):
            free = ("space", "line") if "line" not in marked else ("space",)  # (cuts unmarked)
            spaces = sum(t.gap in free for toks in stretch for t in toks[1:])
            spaces += sum(toks[0].gap in free for toks in stretch[1:])
            if spaces + 1 > len(stretch):
                return True
        stretch = []
    return False


def words_apart(rows: Sequence[Row]) -> dict[int, str]:
    """The rows (index → why) whose cells of words side by side the spaces leave apart."""
    return {k: _APART for k, r in enumerate(rows) if _words_apart(r)}


_RUN = re.compile(r"[\u4e00-\u9fff]{6,}")  # a run of words, no figure nor mark
_SHORT = "的末格空着、名称由空格隔开的几段连成（名称的最后一段可能是指标值），各格分不清"
_FIGURES = frozenset((NUMBER, PERCENT, VALUE))
_LOST = "的末格空着、下一行紧接着以名称开头（两行之间没有换行），空着的格可能读进了下一行的名称"


def cells_lost(
    rows: Sequence[Row],
    roles: Sequence[str | None],
    doubts: Sequence[str | None],
    part: Sequence[Token] = (),
) -> dict[int, str]:
    """The rows (index → why) on either side of an unmarked row end (a space, or a cut the
    tokenizer made: the whole table on one line) where the first row stops before a value
    column the body's other named rows fill and the next begins with its name: in text that
    lost its empty cells, the missing cell may open the next row's name (存在超龄学员 read into
    结业考核通过率's name; 县级储备粮管理制 | 度严格, then 执行率 | 100% | 100%, from
    县级储备粮管理制 度严格执行率 100% 100%). Where the one row ends and the next begins, nothing
    says: the next row is unclear, and so is the first when no figure proves its values its
    own. (The named rows not in ``doubts`` already say which columns the body fills.) In a
    body written a cell per paragraph (its tokens ``part``), a paragraph marks no row end."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    values = [j for j, role in enumerate(roles) if role in ROW_VALUE_ROLES and j > at]
    named = [k for k, r in enumerate(rows) if r.cells[at] and any(r.cells[j] for j in values)]
    named = [k for k in named if doubts[k] is None]
    cells = [t for t in part[1:] if not t.empty]
    paras = 2 * sum(t.gap == "para" for t in cells) > len(cells)
    marked = _MARKED - {"para"} if paras else _MARKED  # (a cell per paragraph: no row's end)
    unclear: dict[int, str] = {}
    for j in values:
        empty = [k for k in named if not rows[k].cells[j]]
        filled = len(named) - len(empty)
        if filled < _CLEAN_ROWS or filled < _CLEAN_SHARE * len(named):
            continue  # (a column the rows leave empty often: no sign of a cell lost)
        for k in empty:
            r = rows[k]
            if any(r.cells[j:]):
                continue  # (the row goes on after the empty column: the column is left out)
            spaced = [t for t in r.parts.get(at, [])[1:] if t.gap == "space"]
            if spaced and all(kind(c) in _FIGURES for c in r.cells[at + 1 : j] if c):
                # (按季发放助学金 发放时间达标率 100%: the name's last run may be the target,
                # the figure its 完成值; nothing says which)
                unclear[k] = _SHORT
            if k + 1 >= len(rows):
                continue
            after = rows[k + 1]
            first = min(after.parts, default=-1)
            if first != at or not after.parts[at] or after.parts[at][0].gap in marked:
                continue  # (a class or a new line opens the next row: its start is marked)
            unclear[k + 1] = _LOST
            if not any(ch.isdigit() for c in r.cells[at + 1 : j] for ch in c):
                unclear[k] = _LOST  # (values of words only: a piece of the next row's name too)
    return unclear


def run_into_name(
    rows: Sequence[Row], roles: Sequence[str | None], by_line: bool = True
) -> dict[int, str]:
    """The rows (index → why) whose name the aligner joined from words (tokens a space apart)
    that hold other cells: a qualitative target between the first and the last (负担率 有所减轻
    对家庭负担…: the row's target and the cells after it; one last may end a name, 群众幸福感
    明显提升, judged by the name's rules), or two names of rates (机构覆盖率 提高 健康管理率: two
    rows' names and a target between them). A target, a name, is a cell of its own. Not
    written a row per line (``by_line``), also a name of two runs of words or more before a
    bare figure (补助资金按时到期 补助资金及时到位 100%: the last run may be the target's words)."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    phrases = vocabulary().qualitative_phrases
    notes = [j for j, role in enumerate(roles) if role in ("explanation", "standard")]
    unclear: dict[int, str] = {}
    for k, r in enumerate(rows):
        words = [t.text for t in r.parts.get(at, []) if t.gap == "space" or t is r.parts[at][0]]
        if any(w in phrases for w in words[1:-1]):
            unclear[k] = "的三级指标名称里夹着一个定性的指标值（几格连成了名称）"
        elif sum(_RATE.fullmatch(w) is not None for w in words) >= 2:
            unclear[k] = "的三级指标名称里有两个比率的名称（两行的名称连在一起）"
        elif any(_value_inside(r.parts.get(j, [])) for j in notes):
            unclear[k] = "的说明一格中间夹着一个指标值（一行的值和下一行连在一起）"
        elif not by_line and len(words) >= 2 and all(_RUN.fullmatch(w) for w in words):
            after = next((c for c in r.cells[at + 1 :] if c), "")
            if kind(after) in (NUMBER, PERCENT):
                unclear[k] = "的三级指标名称由几段文字连成、其后只有一个数（最后一段可能是指标值）"
    return unclear


def _value_inside(toks: Sequence[Token]) -> bool:
    """A value standing as a word of its own between words of one joined cell (反映…情况 2280次
    大楼安检巡察次数…: a row's target and the next row's name run into a note)."""
    return any(t.gap == "space" and kind(t.text) in (VALUE, PERCENT) for t in toks[1:-1])


_RATE = re.compile(r"[\u4e00-\u9fff]{2,}率")  # 健康管理率: a rate's name


_GROUP_OPENS = frozenset(("level1", "level2", "name"))
_SHIFT_FIT = 1.0  # the worst fit of a cell moved one column on in a reading as likely
_MID_FIT = 2.5  # …of a cell that would fill a value column left empty amid the row's cells
_SHIFTED = "的名称跨空格连成一格、其后的列空着，按空格分格、各值右移一列也读得通（哪种读法分不清）"


def shifted(rows: Sequence[Row], roles: Sequence[str | None]) -> dict[int, str]:
    """The rows (index → why) of a body written a row per line, its empty cells lost, whose
    name the aligner joined across a space while a value column after it stays empty, when
    the other reading fits as well: the name's last run between spaces a cell of its own and
    the cells after it each one value column on (孤儿助学人数 应助尽助 | 9, or 孤儿助学人数 |
    应助尽助 | 9 under 指标值 and 完成值). Nothing in the text says which: both are unclear."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    # (two groups side by side, 中期 and 年度: the first group's columns end at the second's)
    stop = next((j for j in range(at + 1, len(roles)) if roles[j] in _GROUP_OPENS), len(roles))
    values = [j for j in range(at + 1, stop) if roles[j] in ROW_VALUE_ROLES]
    unclear: dict[int, str] = {}
    for k, r in enumerate(rows):
        toks = [t for t in r.parts.get(at, []) if not t.empty]
        cut = max((n for n, t in enumerate(toks) if n and t.gap == "space"), default=0)
        if not cut or not any(not r.cells[j] for j in values):
            continue
        after = [j for j in values if r.cells[j]]
        if any(r.cells[j] for j in range(at + 1, stop) if j not in values):
            continue  # (a note or a unit after the name: the row's cells are not values only)
        room = sorted([*after, *(j for j in values if not r.cells[j])])
        moved = [join(toks[cut:]), *(r.cells[j] for j in after)]
        if len(room) < len(moved) or room[: len(moved)] == after:
            continue
        places = room[: len(moved)]
        if fit("name", join(toks[:cut])) > _SHIFT_FIT:
            continue
        # (a value column left empty between cells the row fills, the other group's after it:
        # a row rarely leaves its target out, any text may be the cell that fills it)
        limit = _MID_FIT if any(r.cells[stop:]) and not after else _SHIFT_FIT
        if all(fit(roles[j], c) <= limit for j, c in zip(places, moved, strict=True)):
            unclear[k] = _SHIFTED
    return unclear


_RUNS_FIT = 1.5  # the worst fit of a cell in a doubtful row read again a run per cell
_CLASSES = frozenset(("level1", "level2"))


def by_runs(r: Row, part: Sequence[Token], roles: Sequence[str | None]) -> list[str] | None:
    """The cells of a doubtful row of a body written a row per line, its cells apart by spaces,
    read again a run between spaces per cell, the runs ending at the last value column (the
    cells before them lost as merged cells above), or ``None``. Kept only when the row is the
    whole of its line, every run fits its column well (a class a class, a name words, a value
    a value), the row then holds a name and a value and is plausible: 减轻参训人员经济负担 有效减轻
    有效减轻 (read 减轻参训人员经济负担有效减轻 | 有效减轻) or 参培学员满意度 95%及以上 88.32%及以上
    (read 参培学员满意度 | 95%及以上 88.32% | 及以上)."""
    values = [j for j, role in enumerate(roles) if role in ROW_VALUE_ROLES]
    if "name" not in roles or not values:
        return None
    toks = [t for j in sorted(r.parts) for t in r.parts[j] if not t.empty]
    if not toks or {t.line for t in toks} != {toks[0].line}:
        return None
    line = [t for t in part if t.line == toks[0].line and not t.empty]
    if len(line) != len(toks):
        return None
    runs = split_at(toks, "space")
    end = values[-1]
    start = end - len(runs) + 1
    at = roles.index("name")
    if start < 0 or start > at or any(roles[j] not in _CLASSES for j in range(start, at)):
        return None
    cells = [""] * len(roles)
    for j, run in zip(range(start, end + 1), runs, strict=True):
        cells[j] = join(run)
        role = roles[j]
        if role in _CLASSES:
            if kind(cells[j]) not in (L1, L2):
                return None
        elif fit(role, cells[j]) > _RUNS_FIT:
            return None
    if cells == r.cells or not cells[at] or kind(cells[at]) not in _WORDS:
        return None
    return cells if implausible(cells, list(roles)) is None else None


def values_filled(
    rows: Sequence[Row], roles: Sequence[str | None], doubts: Sequence[str | None]
) -> bool:
    """Whether the body's clear named rows fill every value column, as a habit (at least
    three, and this share of them): a row the text leaves ambiguous (:func:`shifted`) is then
    read the way that fills them all too."""
    values = [j for j, role in enumerate(roles) if role in ROW_VALUE_ROLES]
    if "name" not in roles or not values:
        return False
    at = roles.index("name")
    named = [r for r, d in zip(rows, doubts, strict=True) if d is None and r.cells[at]]
    named = [r for r in named if any(r.cells[j] for j in values)]
    full = sum(all(r.cells[j] for j in values) for r in named)
    return full >= _CLEAN_ROWS and full >= _CLEAN_SHARE * len(named)


_FIGURES = frozenset((VALUE, PERCENT, NUMBER))


def merged_lines(
    rows: list[Row], part: Sequence[Token], roles: Sequence[str | None], unclear: dict[int, str]
) -> tuple[list[Row], dict[int, str]]:
    """``rows`` with each line whose rows are all unclear read again as one row when its runs
    between spaces can be read one way: its class labels first, a figure per value column at
    its end (as the body's clear rows fill every value column), and words between them, the
    name wrapped at its spaces (县级储备粮管理制 度严格执行率 100% 100%, read as two rows on one
    line: 县级储备粮管理制 | 度严格 and 执行率 | 100% | 100%). The rows read again lose their
    doubts; ``unclear`` is returned for the new rows' indices."""
    if "name" not in roles:
        return rows, unclear
    at = roles.index("name")
    values = [j for j, role in enumerate(roles) if role in ROW_VALUE_ROLES]
    if not values or values[0] < at:
        return rows, unclear
    if not values_filled(rows, roles, [unclear.get(k) for k in range(len(rows))]):
        return rows, unclear
    by_line: dict[int, list[int]] = {}
    for k, r in enumerate(rows):
        lines = {t.line for ts in r.parts.values() for t in ts if not t.empty}
        if len(lines) == 1:
            by_line.setdefault(lines.pop(), []).append(k)
    out: list[Row] = []
    doubts: dict[int, str] = {}
    done: set[int] = set()
    for k, r in enumerate(rows):
        if k in done:
            continue
        line = next((n for n, ks in by_line.items() if k in ks), None)
        group = by_line.get(line, []) if line is not None else []
        made = None
        if group and group[0] == k and all(j in unclear for j in group):
            made = _line_cells([rows[j] for j in group], part, roles, at, values)
        if made is None:
            if k in unclear:
                doubts[len(out)] = unclear[k]
            out.append(r)
            continue
        out.append(Row(made[0], r.line, 0.0, sum(rows[g].tokens for g in group), made[1]))
        done.update(group)
    return out, doubts


def _line_cells(
    group: Sequence[Row],
    part: Sequence[Token],
    roles: Sequence[str | None],
    at: int,
    values: list[int],
) -> tuple[list[str], dict[int, list[Token]]] | None:
    """The cells of one line's rows read again (see :func:`merged_lines`) and their tokens."""
    toks = [t for r in group for j in sorted(r.parts) for t in r.parts[j] if not t.empty]
    line = [t for t in part if t.line == toks[0].line and not t.empty]
    if len(line) != len(toks):
        return None
    cells = [""] * len(roles)
    parts: dict[int, list[Token]] = {}
    lead = 0  # the class cells the aligner read at the line's start: kept as read
    for j in range(at):
        ts = [t for t in group[0].parts.get(j, []) if not t.empty]
        if not ts:
            continue
        if roles[j] not in _CLASSES or kind(group[0].cells[j]) not in (L1, L2):
            return None
        if line[lead : lead + len(ts)] != ts:
            return None
        cells[j], parts[j] = group[0].cells[j], ts
        lead += len(ts)
    runs = [run for run in split_at(line[lead:], "space") if run]
    named = runs[: len(runs) - len(values)]
    if len(named) < 2:
        return None
    for j, run in zip(values, runs[len(runs) - len(values) :], strict=True):
        cells[j], parts[j] = join(run), run
        if kind(cells[j]) not in _FIGURES:
            return None
    phrases = vocabulary().qualitative_phrases
    for run in named:
        text = join(run)
        if kind(text) not in _WORDS or text in phrases or text.endswith("指标"):
            return None
    parts[at] = [t for run in named for t in run]
    cells[at] = join(parts[at])
    if fit("name", cells[at]) > _SHIFT_FIT or implausible(cells, list(roles)) is not None:
        return None
    return cells, parts


def values_whole(r: Row, roles: Sequence[str | None], *, pipe: bool = False) -> bool:
    """Every filled value cell of ``r`` is one token standing between spaces (or a line's ends,
    or a paragraph of its own; ``pipe``: between "|"s): no figure can be glued to it."""
    cols = [j for j, role in enumerate(roles) if role in ROW_VALUE_ROLES and r.cells[j]]
    if not cols:
        return False
    apart = "pipe" if pipe else "space"
    for j in cols:
        toks = [t for t in r.parts.get(j, []) if not t.empty]
        if len(toks) != 1 or toks[0].gap not in (apart, "line", "start", "para"):
            return False
        after = [t for k, ts in r.parts.items() if k > j for t in ts if not t.empty]
        if after and after[0].line == toks[0].line and after[0].gap != apart:
            return False
    return True


_SAME_HEADS = 3  # names opening with the same run: the run closes the row before each


def closing_runs(rows: Sequence[Row], roles: Sequence[str | None]) -> int:
    """In a body not written a row per line, a run of words that opens the names of three rows
    or more (该指标值数据合理 保障退休职工人数(人)) while the rows before them leave their last
    text column empty (指标值说明, 备注): the cell closing each row before, which the aligner
    took for the head of the next name. Moved there; returns how many."""
    if "name" not in roles or not TEXT_AFTER & set(roles):
        return 0
    at = roles.index("name")
    last = max(j for j, role in enumerate(roles) if role in TEXT_AFTER)
    if last < at:
        return 0
    heads: dict[str, list[int]] = {}
    for k, r in enumerate(rows):
        toks = [t for t in r.parts.get(at, []) if not t.empty]
        if k and len(toks) >= 2 and toks[1].gap == "space" and kind(toks[0].text) in _WORDS:
            heads.setdefault(toks[0].text, []).append(k)
    moved = 0
    for head, ks in heads.items():
        if len(ks) < _SAME_HEADS or any(rows[k - 1].cells[last] for k in ks):
            continue
        if any(any(rows[k - 1].cells[j] for j in range(last + 1, len(roles))) for k in ks):
            continue
        for k in ks:
            r, before = rows[k], rows[k - 1]
            toks = r.parts[at]
            rest = [t for t in toks[1:] if not t.empty]
            r.parts[at], r.cells[at] = rest, join(rest)
            before.parts[last], before.cells[last] = [toks[0]], head
            moved += 1
    return moved
