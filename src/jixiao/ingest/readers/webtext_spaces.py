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
from ..text_align import NUMBER, PERCENT, PHRASE, ROW_VALUE_ROLES, TEXT, VALUE, Row, fit, kind
from ..text_tokens import Token, join, split_at
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
    share a line (``lines_split``): the text leaves their cells unclear. A body not written a
    row per line (``by_line``), the whole table on one line: only rows of words left apart."""
    if not by_line:
        return 0, words_apart(rows)
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
    spanning = [(k, toks) for k, toks in whole if _across_space(rows[k])]
    # Cells of words side by side, spaces inside them and between them: unclear, habit or not.
    unclear = {k: _APART for k, _ in spanning if _words_apart(rows[k])} | lines_split(rows, roles)
    # A row over two lines: a cell wraps, so its line break marks no cut between its cells.
    for k, r in enumerate(rows):
        lines = {t.line for ts in r.parts.values() for t in ts if not t.empty}
        if len(lines) > 1 and _words_apart(r, _WRAPPED):
            unclear[k] = _APART
    clean = len(whole) - len(spanning)
    if not spanning or clean < _CLEAN_ROWS or clean < _CLEAN_SHARE * len(whole):
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


def lines_of_cells(cells_on: dict[int, int]) -> bool:
    """A body written a row per line whose rows are short (name 95%, many under merged classes:
    two cells a line as often as three): nearly every line holds two cells or more, none a page
    of rows run together (a cell per line or per paragraph holds one a line)."""
    pairs = sum(1 for c in cells_on.values() if c >= 2)
    runs = sum(1 for c in cells_on.values() if c > _ROW_CELLS)
    return len(cells_on) >= _CLEAN_ROWS and pairs >= _PAIRED_SHARE * len(cells_on) and not runs


def _across_space(r: Row) -> bool:
    """A cell of ``r`` joined across a space of the text."""
    return any(t.gap == "space" for ts in r.parts.values() for t in ts[1:])


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
    rows: Sequence[Row], roles: Sequence[str | None], doubts: Sequence[str | None]
) -> dict[int, str]:
    """The rows (index → why) on either side of an unmarked row end (a space, or a cut the
    tokenizer made: the whole table on one line) where the first row stops before a value
    column the body's other named rows fill and the next begins with its name: in text that
    lost its empty cells, the missing cell may open the next row's name (存在超龄学员 read into
    结业考核通过率's name; 县级储备粮管理制 | 度严格, then 执行率 | 100% | 100%, from
    县级储备粮管理制 度严格执行率 100% 100%). Where the one row ends and the next begins, nothing
    says: the next row is unclear, and so is the first when no figure proves its values its
    own. (The named rows not in ``doubts`` already say which columns the body fills.)"""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    values = [j for j, role in enumerate(roles) if role in ROW_VALUE_ROLES and j > at]
    named = [k for k, r in enumerate(rows) if r.cells[at] and any(r.cells[j] for j in values)]
    named = [k for k in named if doubts[k] is None]
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
            if first != at or not after.parts[at] or after.parts[at][0].gap in _MARKED:
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


_TEXT_AFTER = frozenset(("explanation", "standard", "remark", "deviation"))
_SAME_HEADS = 3  # names opening with the same run: the run closes the row before each


def closing_runs(rows: Sequence[Row], roles: Sequence[str | None]) -> int:
    """In a body not written a row per line, a run of words that opens the names of three rows
    or more (该指标值数据合理 保障退休职工人数(人)) while the rows before them leave their last
    text column empty (指标值说明, 备注): the cell closing each row before, which the aligner
    took for the head of the next name. Moved there; returns how many."""
    if "name" not in roles or not _TEXT_AFTER & set(roles):
        return 0
    at = roles.index("name")
    last = max(j for j, role in enumerate(roles) if role in _TEXT_AFTER)
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
