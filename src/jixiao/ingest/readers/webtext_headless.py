"""Web-page text that starts mid-table, below the indicator header: its rows, when each is
classes, a name, a target with its comparator and one bare number, closed by a 合计 row (the
header they fix is :func:`..table_headless.points_header`'s)."""

from __future__ import annotations

from collections.abc import Sequence

from ...targets import type_target
from ..table_headless import points_header, points_row
from ..table_values import is_op
from ..table_vocabulary import footer_role
from ..text_cells import L1, L2, NUMBER, kind
from ..text_tokens import Token


def headless_rows(
    toks: Sequence[Token], lo: int
) -> tuple[int, int, list[str], list[tuple[list[str], int]]] | None:
    """From token ``lo``: the first indicator row's token, the token after the 合计 row, the
    header the rows fix and the rows (cells, line), the 合计 row's figure set under the 分值 it
    totals; ``None`` where they fix no header."""
    start = next((k for k in range(lo, len(toks)) if kind(toks[k].text) in (L1, L2)), None)
    if start is None:
        return None
    rows: list[tuple[list[str], int]] = []
    cells: list[Token] = []
    end = None
    for k in range(start, len(toks)):
        t = toks[k]
        if t.empty:
            continue
        if footer_role("".join(t.text.split())) is not None:
            end = k
            break
        cells.append(t)
        after_op = len(cells) > 1 and is_op(cells[-2].text)  # (= | 100 | %: the target's number)
        if kind(t.text) == NUMBER and not after_op and not _row_goes_on(toks, k):  # a row's last
            # cell: its figure
            row = _row([c.text for c in cells])
            if row is None:
                return None
            rows.append((row, cells[0].line))
            cells = []
    if end is None or cells or not rows:
        return None
    figures = []
    after = end + 1
    for t in toks[end + 1 :]:
        if not t.empty and kind(t.text) != NUMBER:
            break
        if not t.empty:
            figures.append(t.text)
        after += 1
    levels = [n for n in (0, 1) if any(r[n] for r, _ in rows)]
    if len(levels) == 2 and any(r[0] and not r[1] for r, _ in rows):
        return None  # a new 一级指标 without its 二级指标: what carries down is unclear
    body = [[r[n] for n in levels] + r[2:] for r, _ in rows]
    header = points_header(body, [toks[end].text, *figures])
    if header is None:
        return None
    total = points_row(toks[end].text, figures[0], header)  # (points_header: its one figure)
    out = [(b, line) for b, (_, line) in zip(body, rows, strict=True)]
    return start, after, header, [*out, (total, toks[end].line)]


def _row(texts: list[str]) -> list[str] | None:
    """``[一级, 二级, name, target, figure]`` from a row's cells (a class it leaves out as
    ``""``), or ``None`` where they are not in that order."""
    if len(texts) < 3:
        return None
    texts = _target_parts(texts)
    *head, name, target, figure = texts
    if len(head) > 2:
        return None
    kinds = [kind(h) for h in head]
    if kinds not in ([], [L1], [L2], [L1, L2]):
        return None
    l1 = head[0] if kinds[:1] == [L1] else ""
    l2 = head[-1] if kinds[-1:] == [L2] else ""
    return [l1, l2, name, target, figure]


def _row_goes_on(toks: Sequence[Token], k: int) -> bool:
    """``|`` text: a filled cell follows token ``k`` on its line (the row's cells are its
    line's, the figure the last of them; a number before is the target's)."""
    t = toks[k]
    nxt = next((u for u in toks[k + 1 :] if not u.empty), None)
    return t.gap == "pipe" and nxt is not None and nxt.line == t.line and nxt.gap == "pipe"


_UNIT_CHARS = 4  # (a unit of measure is short: %, 次, 万元)


def _target_parts(texts: list[str]) -> list[str]:
    """A row's target as one cell where its cells (``|`` text keeps each) give it in parts
    before the figure: comparator | number | unit (= | 100 | %), as the target's text (=100%)."""
    if len(texts) < 5:
        return texts
    op, value, unit = texts[-4:-1]
    if not is_op(op) or kind(value) != NUMBER or kind(unit) == NUMBER or len(unit) > _UNIT_CHARS:
        return texts
    target = "".join(op.split()) + value + unit
    return texts if type_target(target).kind != "quantitative" else [*texts[:-4], target, texts[-1]]
