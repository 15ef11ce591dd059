"""Values written before their names, in text out of reading order (a PDF or spreadsheet
extracted cell by cell): a named row with its run of values, then the runs of the next rows
with no name, then those rows' names with no values (指标1:资金是否全部及时纳入 100% 100% 10 10
| 75元 75元 10 10 | 95% 95% 30 27 | … 成本指标 指标1:配套资金每人每年 … 社会效益 指标1:…). The
runs are put back after their names, in order, where nothing else could be meant: every name
after the runs opens with its 指标N: number, there are exactly as many runs as names (the two
figures of the 总分 row below may close the runs), and each run's 分值 and 得分 are plain
numbers, the 得分 not above the 分值. The aligner then reads the tokens as it reads any text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...chars import DIGIT
from ..table_vocabulary import footer_role, vocabulary
from ..text_cells import L1, L2, NUMBER, PERCENT, PHRASE, ROW_VALUE_ROLES, TEXT, VALUE, kind
from ..text_tokens import Token
from .webtext_labels import header_label, label_at
from .webtext_rows import is_class_cell

_FIGURES = frozenset({NUMBER, PERCENT, VALUE})
_NUMBERED = re.compile(r"^指标\d+\s*[.．:：、](?!\d)")
_POINTS_PIECE = re.compile(
    r"^[(（]?\s*\d+\s*分?\s*[)）]?$|^分?[)）]$"
)  # (10分 / 分) of 效益指标(30分)
_TOTAL_PAIR = 2  # the 总分 row's 分值 and 得分
_NAME_BEFORE = 2  # characters at least before a unit name's ending (某某中心, not 中心)
_PIECE = 2  # characters of a label's piece left by a break (实际 of 实际完成值)


def _name_end(part: Sequence[Token], i: int) -> int:
    """The token after the name starting at ``i``: the pieces of words after its first one
    (纳 | 入), up to a figure, a label, a piece of a label (效益指) or its points, the next name."""
    k = i + 1
    while k < len(part):
        text = "".join(part[k].text.split())
        label = is_class_cell(text) or text.endswith("指") or _POINTS_PIECE.match(text)
        if label or _NUMBERED.match(text) or kind(text) not in (PHRASE, TEXT):
            break  # (a figure is no TEXT either)
        k += 1
    return k


def names_after_runs(
    part: Sequence[Token], roles: list[str | None], after: Sequence[Token]
) -> list[Token] | None:
    """``part`` with the runs written before their names moved after them (see the module),
    or ``None`` when it holds no such stretch. ``after``: the tokens after the body; when a
    总分 label opens them, two figures closing the runs are its own (left out)."""
    moved = _runs_moved(part, roles, after)
    return moved[0] if moved is not None else None


def _runs_moved(
    part: Sequence[Token], roles: list[str | None], after: Sequence[Token]
) -> tuple[list[Token], list[Token]] | None:
    """:func:`names_after_runs`, and the two figures closing the runs that are the 总分's."""
    first = next((t for t in after if not t.empty), None)
    total_after = first is not None and footer_role("".join(first.text.split())) == "score"
    m = sum(r in ROW_VALUE_ROLES for r in roles)
    if m < 3 or "weight" not in roles or "score" not in roles:
        return None
    order: list[str | None] = [r for r in roles if r in ROW_VALUE_ROLES]
    figures = [kind("".join(t.text.split())) in _FIGURES for t in part]
    start = 0
    while start < len(part):
        if not figures[start]:
            start += 1
            continue
        end = start
        while end < len(part) and figures[end]:
            end += 1
        if end - start >= 2 * m:
            return _moved(part, start, end, m, order, total_after)
        start = end
    return None


def _moved(
    part: Sequence[Token], start: int, end: int, m: int, order: list[str | None], total: bool
) -> tuple[list[Token], list[Token]] | None:
    names = [k for k in range(end, len(part)) if _NUMBERED.match(part[k].text.strip())]
    if any(kind("".join(t.text.split())) in _FIGURES for t in part[end:]):
        return None  # (figures after the names: rows of their own)
    before = next((k for k in range(start - 1, -1, -1) if _NUMBERED.match(part[k].text)), None)
    if before is None or _name_end(part, before) != start or not names:
        return None  # (the first run is the row's named right before it)
    rest = end - start - m * (len(names) + 1)
    if rest != 0 and not (rest == _TOTAL_PAIR and total):
        return None
    runs = [list(part[start + m * n : start + m * (n + 1)]) for n in range(len(names) + 1)]
    w, s = order.index("weight"), order.index("score")
    for run in runs:
        weight, score = run[w].text.strip(), run[s].text.strip()
        if kind(weight) != NUMBER or kind(score) != NUMBER or float(score) > float(weight):
            return None
    out = [*part[: start + m]]
    k = end
    for n, at in enumerate(names):
        stop = _name_end(part, at)
        out.extend(part[k:stop])
        out.extend(runs[n + 1])
        k = stop
    out.extend(part[k:])
    return _wrapped_around(out), list(part[end - rest : end] if rest else [])


def _wrapped_around(toks: list[Token]) -> list[Token]:
    """``toks`` with a class cell wrapped over two lines around a name put back together: a
    piece before the name whose end is after it (服务对象满 | 指标1:是否满意 | … | 意度指标 is
    服务对象满意度指标, each piece nothing alone)."""
    out = list(toks)
    for i in range(1, len(out)):
        head = "".join(out[i - 1].text.split())
        if not _NUMBERED.match(out[i].text.strip()) or kind(head) not in (PHRASE, TEXT):
            continue
        for j in range(i + 1, len(out)):
            tail = "".join(out[j].text.split())
            if _NUMBERED.match(tail):
                break
            if kind(tail) in (PHRASE, TEXT) and kind(head + tail) in (L1, L2):
                out.insert(i, out.pop(j))
                break
    return out


def first_row_in_header(
    area: Sequence[Token], part: Sequence[Token], roles: list[str | None]
) -> list[Token] | None:
    """``part`` with the first row put back before it when that row was extracted among the
    header's labels (``area``: a header wrapped over lines, the row's cells on its first
    lines): its classes, its one 指标N: name and figures among the labels, the rest of its run
    opening the body after the header's last labels (数量指标 指标1:参保人数 … 产出 指标
    (50分 ) … 8755 分值 得分 | 偏差原因分析及改进 措 施 8676 15 13). Only when the figures make
    exactly one run whose 得分 is within its 分值; ``None`` otherwise."""
    order = [r for r in roles if r in ROW_VALUE_ROLES]
    if "weight" not in order or "score" not in order:
        return None
    names = [t for t in area if _NUMBERED.match(t.text.strip())]
    figures = [t for t in area if kind("".join(t.text.split())) in _FIGURES]
    classes: list[list[Token]] = []
    k = 0
    while k < len(area):
        n = label_at(area, k, _class_text)
        if n:
            classes.append(list(area[k : k + n]))
        k += n or 1
    if len(names) != 1 or not figures or not classes:
        return None
    k = 0
    while k < len(part) and (n := label_at(part, k, header_label)):
        k += n
    start = k
    while k < len(part) and kind("".join(part[k].text.split())) in _FIGURES:
        k += 1
    run = [*figures, *part[start:k]]
    if len(run) != len(order):
        return None
    weight, score = (run[order.index(r)].text.strip() for r in ("weight", "score"))
    if kind(weight) != NUMBER or kind(score) != NUMBER or float(score) > float(weight):
        return None
    classes.sort(key=lambda c: kind("".join(t.text for t in c)) != L1)  # (level 1 first)
    return [*(t for c in classes for t in c), names[0], *run, *part[k:]]


def name_in_header(area: Sequence[Token]) -> str | None:
    """The one cell of words among a scattered header's tokens ``area`` that is none of its
    labels, classes, caption pieces nor a numbered name, when it ends as a unit's name does
    (``org_endings``: 某某服务中心): a form field's value extracted among the labels. ``None``
    when there is none, or other words are left over (pieces of a broken label aside: 实际)."""
    left: list[str] = []
    k = 0
    while k < len(area):
        n = label_at(area, k, _header_text) if not area[k].empty else 1
        text = "".join(area[k].text.split())
        if not n and kind(text) in (PHRASE, TEXT) and not _NUMBERED.match(text):
            left.append(text)
        k += n or 1
    words = [x for x in left if len(x) > _PIECE]
    if len(words) != 1 or DIGIT.search(words[0]):
        return None
    ending = next((e for e in vocabulary().org_endings if words[0].endswith(e)), None)
    return words[0] if ending and len(words[0]) >= len(ending) + _NAME_BEFORE else None


def _header_text(text: str) -> bool:
    t = "".join(text.split())
    return header_label(t) or _class_text(t) or vocabulary().caption.fullmatch(t) is not None


def _class_text(text: str) -> bool:
    return kind("".join(text.split())) in (L1, L2)


def reordered(
    toks: Sequence[Token], start: int, body: int, end: int, roles: list[str | None]
) -> tuple[list[Token], list[str]]:
    """The body ``toks[body:end]`` under a header scattered over ``toks[start:body]``, in
    reading order again: its first row taken back from among the header's labels
    (:func:`first_row_in_header`), runs written before their names moved after them
    (:func:`names_after_runs`); and the 总分 row's 分值 and 得分 when they closed the runs
    (both plain numbers, the 得分 not above the 分值), else ``[]``."""
    part = list(toks[body:end])
    part = first_row_in_header(toks[start:body], part, roles) or part
    moved = _runs_moved(part, roles, toks[end:])
    if moved is None:
        return part, []
    total = [t.text.strip() for t in moved[1]]
    if len(total) != _TOTAL_PAIR or any(kind(x) != NUMBER for x in total):
        return moved[0], []
    return moved[0], total if float(total[1]) <= float(total[0]) else []
