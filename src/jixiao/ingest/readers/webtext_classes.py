"""The class cells of aligned rows of web-page text: the rows refused because their class cannot
be told (a 二级指标 that is another level 1, rows below a row that lost its class, rows above a
body's first class), the rows of class labels only and the classes a refused row still gives,
and the class columns of templates whose level 1 is another framework's. A wrong row is worse
than a missing one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from ...framework import clean_label, load_framework
from ..text_align import Row
from ..text_cells import L1, L2, SCORE_ONLY, kind
from ..text_tokens import Token, join
from .webtext_rows import _CLASS_HEAD, _CLASS_INSIDE, _label_piece


def outer_classes(rows: Sequence[Row], roles: list[str | None]) -> None:
    """A template whose level-1 column holds another framework's classes (实施效果指标 over 产出
    指标 / 效益指标 / 满意度指标): once a row shows our level-1 class in the level-2 column under
    such a class, a later row whose level-1 cell is one of our level-1 classes with its level 2
    empty has lost its merged level 1, and the class is its level 2."""
    if "level1" not in roles or "level2" not in roles:
        return
    one, two = roles.index("level1"), roles.index("level2")
    outer = False
    for r in rows:
        c1, c2 = r.cells[one], r.cells[two]
        if c1 and c2 and kind(c2) == L1 and kind(c1) not in (L1, L2, SCORE_ONLY):
            outer = True
        elif outer and c1 and not c2 and kind(c1) == L1:
            r.cells[one], r.cells[two] = "", c1


def class_tail_in_name(rows: Sequence[Row], roles: list[str | None]) -> None:
    """A class label wrapped in its cell, printed with a space for the break (数量 指标), read
    as its head in the class column and its tail 指标 opening the name (数量 | 指标 某某到位率):
    when the head and the tail make a class the framework knows, at the level of the column,
    the tail is the class's, and the name starts after it."""
    if "name" not in roles:
        return
    fw = load_framework()
    at = roles.index("name")
    classes = [j for j, role in enumerate(roles[:at]) if role in ("level1", "level2")]
    for r in rows:
        toks = [t for t in r.parts.get(at, ()) if not t.empty]
        if len(toks) < 2 or toks[0].text != "指标" or toks[1].gap != "space":
            continue
        filled = [j for j in classes if r.cells[j]]
        if not filled or toks[0].gap != "space":
            continue
        j = filled[-1]
        head = "".join(r.cells[j].split())
        if head.endswith("指标"):
            continue
        find = fw.find1 if roles[j] == "level1" else fw.find2
        if find(None, head + "指标") is None:
            continue
        r.cells[j] = head + "指标"
        r.parts[j] = [*r.parts.get(j, []), toks[0]]
        r.parts[at] = toks[1:]
        r.cells[at] = join(toks[1:]) if len(toks) > 2 else toks[1].text


# A class label of any framework run on after a value (…到位率100%资金管理指标): a class lost.
_CLASS_AFTER_VALUE = re.compile(r"[\d%％][\u4e00-\u9fff]{2,4}指标")


def class_doubts(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose level 2 is one of the framework's level-1 classes (满意度) under a merged
    level 1 that is another of them (效益指标): the text cannot tell whether the class is a
    level 2 under that span or a level 1 of its own whose cell spans both columns."""
    if "level1" not in roles or "level2" not in roles:
        return {}
    fw = load_framework()
    one, two = roles.index("level1"), roles.index("level2")
    above = None
    out: dict[int, str] = {}
    for k, r in enumerate(rows):
        c1 = clean_label("".join(r.cells[one].split()))
        c2 = clean_label("".join(r.cells[two].split()))
        if c1:
            above = fw.find1(None, c1)
            continue
        if not c2 or above is None or fw.find2(None, c2) is not None:
            continue
        mine = fw.find1(None, c2)
        if mine is not None and mine.code != above.code:
            out[k] = f"的二级指标“{c2}”是一级指标类别，分不清它属于上面的“{above.name}”还是自成一类"
    return out


_NO_SEPARATOR = ("glue", "cut")  # (a token the text set against the last with nothing between)


def doubled_classes(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose level 2 is the class label a row of classes only just gave, written again on
    the same line with nothing between (数量指标数量指标福彩APP…: the OCR or the page doubled the
    label, or the name starts with it): where the name starts the text does not say."""
    if "level2" not in roles or "name" not in roles:
        return {}
    two, name = roles.index("level2"), roles.index("name")
    out: dict[int, str] = {}
    for k in range(1, len(rows)):
        above, r = rows[k - 1], rows[k]
        c2 = "".join(r.cells[two].split())
        if not c2 or not r.cells[name] or not class_row(above.cells, roles):
            continue
        if "".join(above.cells[two].split()) != c2:
            continue
        before, mine = above.parts.get(two), r.parts.get(two)
        if not before or not mine or before[-1].line != mine[0].line:
            continue
        if mine[0].gap in _NO_SEPARATOR:
            out[k] = f"的二级指标“{c2}”连写了两次，分不清指标名称是否以它开头"
    return out


def class_in_name(rows: Sequence[Row], roles: list[str | None], part: Sequence[Token]) -> None:
    """A level 2 written again right after a row of classes only (tokens ``part``), apart from
    it (a space, a line, a paragraph) but with the row's name cut from it where the text has no
    gap (数量指标 数量指标某某设备: the tokenizer's cut): the cell the text sets apart is the
    name, opening with the class's words, and the name is read so."""
    if "level2" not in roles or "name" not in roles:
        return
    two, name = roles.index("level2"), roles.index("name")
    at = {id(t): k for k, t in enumerate(t for t in part if not t.empty)}
    for above, r in pairwise(rows):
        c2, mine, names = r.cells[two], r.parts.get(two), r.parts.get(name)
        before = above.parts.get(two)
        if not c2 or not mine or not names or not before or above.cells[two] != c2:
            continue
        if not class_row(above.cells, roles) or len(mine) != 1 or names[0].gap != "cut":
            continue
        k = at.get(id(mine[0]), -9)  # (the class right after the row above's, the name next)
        adjacent = k == at.get(id(before[-1]), -9) + 1 and at.get(id(names[0])) == k + 1
        if adjacent and mine[0].gap not in _NO_SEPARATOR:
            r.cells[name] = c2 + r.cells[name]
            r.parts[name] = [*mine, *names]


def lost_classes(
    rows: Sequence[Row], roles: list[str | None], doubts: list[str | None]
) -> dict[int, str]:
    """Rows below a refused row that held a class it did not give back (质量 run into a
    value): until a row states its own class, which class they are under is not known."""
    classes = [j for j, r in enumerate(roles) if r in ("level1", "level2")]
    if not classes:
        return {}
    out: dict[int, str] = {}
    lost = False
    for k, r in enumerate(rows):
        if any(r.cells[j] for j in classes):
            lost = False
        elif lost and doubts[k] is None and any(r.cells):
            out[k] = "的指标类别在上面一行没有读出，分不清它属于哪一类"
        if doubts[k] is not None and leading_classes(r.cells, roles) is None:
            text = "".join("".join(r.cells).split())
            if (
                _CLASS_INSIDE.search(text)
                or _CLASS_HEAD.search(text.split("指标")[0])
                or _CLASS_AFTER_VALUE.search(text)
            ):
                lost = True
        elif doubts[k] is not None and _piece_after(r.cells, roles):
            lost = True  # 满意度 | 指标 | 服务对象满: its level 2 cut, not given back
    return out


def classless_top(
    rows: Sequence[Row],
    roles: list[str | None],
    doubts: list[str | None],
    emitted: Sequence[list[str]],
) -> list[int]:
    """Rows at the top of a body that state no class while a row below does (another table's
    rows run in above the indicators, 项目决策(10分) | 项目目标完整性): which class they are
    under is not known (when no rule of the whole table gives them one,
    :func:`.webtext_table.unlabelled_lead`). None under a class of the rows ``emitted`` before
    (a table going on after its header written again)."""
    classes = [j for j, r in enumerate(roles) if r in ("level1", "level2")]
    top = next((k for k, r in enumerate(rows) if any(r.cells[j] for j in classes)), None)
    fw = load_framework()
    above = any(fw.find1(None, clean_label("".join(c.split()))) for r in emitted for c in r)
    if above or not classes or top is None:
        return []
    name = roles.index("name") if "name" in roles else None
    heads = [j for j, r in enumerate(roles) if r in _HEAD_ROLES]  # (a unit's or project's row)
    return [
        k
        for k in range(top)
        if doubts[k] is None
        and name is not None
        and rows[k].cells[name]
        and not any(rows[k].cells[j] for j in heads)
    ]


_HEAD_ROLES = ("unit", "project", "total", "code", "department")


CLASSLESS = "的指标类别没有写出（在表格第一个类别之前），分不清它属于哪一类"


def _piece_after(cells: list[str], roles: list[str | None]) -> bool:
    """A refused row whose classes are followed by a piece of a class label (服务对象满 of
    服务对象满意度指标) in a cell after them."""
    last = max((j for j, r in enumerate(roles) if r in ("level1", "level2")), default=-1)
    pieces = ["".join(c.split()) for c in cells[last + 1 :] if c]
    return bool(pieces) and _label_piece(pieces[-1], inside=True) and len(pieces[-1]) >= 3


def class_row(cells: list[str], roles: list[str | None]) -> bool:
    """A row of class labels only (质量指标 on a line of its own above its rows)."""
    filled = [(r, c) for r, c in zip(roles, cells, strict=True) if c]
    return bool(filled) and all(
        r in ("level1", "level2") and kind("".join(c.split())) in (L1, L2) for r, c in filled
    )


def leading_classes(cells: list[str], roles: list[str | None]) -> list[str] | None:
    """The class cells of a row refused as a whole, as a row of classes only: its level-1 and
    level-2 cells where they are classes, else the class labels its first cell starts with
    (产出指标 数量指标 指标1:… run into one cell); ``None`` when it states none. A header with
    one class column (二级指标 only) keeps that column's class."""
    cols = [roles.index(r) for r in ("level1", "level2") if r in roles]
    out = [""] * len(roles)
    for j in cols:
        if cells[j] and kind("".join(cells[j].split())) in (L1, L2):
            out[j] = cells[j]
    if any(out):
        return out
    if len(cols) != 2:
        return None
    one, two = cols
    first = "".join(next((c for c in cells if c), "").split())
    head = _class_prefix(first, L1)
    second = _class_prefix(first[len(head) :], L2) if head else ""
    if head and second and len(first) > len(head) + len(second):
        out[one], out[two] = head, second
        return out
    return None


def _class_prefix(text: str, want: int) -> str:
    """The longest start of ``text`` that is a class label of kind ``want`` (or "")."""
    for n in range(min(12, len(text)), 1, -1):
        if kind(text[:n]) == want:
            return text[:n]
    return ""
