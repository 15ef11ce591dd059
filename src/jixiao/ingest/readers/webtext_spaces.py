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

from collections.abc import Sequence
from itertools import pairwise

from ..text_align import PHRASE, TEXT, Row, fit, kind
from ..text_tokens import Token, join, split_at
from .webtext_rows import implausible

_CLEAN_ROWS = 3  # rows holding no cell across a space: fewer show no habit of the table
_CLEAN_SHARE = 0.75  # …and this share of the body's rows on one line at least
_WORDS = frozenset((PHRASE, TEXT))  # what a cell of words looks like (no figure, no label)
_MARKED = frozenset(("line", "para", "pipe"))  # gaps the text itself puts between cells
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


def _words_apart(r: Row) -> bool:
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
        if len(stretch) >= 2 and any(toks[0].gap not in _MARKED for toks in stretch[1:]):
            spaces = sum(t.gap == "space" for toks in stretch for t in toks[1:])
            spaces += sum(toks[0].gap == "space" for toks in stretch[1:])
            if spaces + 1 > len(stretch):
                return True
        stretch = []
    return False


def words_apart(rows: Sequence[Row]) -> dict[int, str]:
    """The rows (index → why) whose cells of words side by side the spaces leave apart."""
    return {k: _APART for k, r in enumerate(rows) if _words_apart(r)}
