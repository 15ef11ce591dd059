"""Decisions a web-page text's indicator table takes over all its rows at once, where one row
alone cannot tell: two figures that are the 分值 and 得分 when the table's weights then add up
to 100; rows at the top that lost their classes; names written apart from their values; a
glued percentage above 100; a numbered name standing with its values empty. Each leaves a row
out, or reads it, only where the whole table says so: a wrong row is worse than a missing one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from ...framework import load_framework
from ..grid import GridNote
from ..table_garbled import TWO_DOUBT, beyond_share, opens_with_two, two_for_ge
from ..table_vocabulary import funds_column, funds_row, vocabulary
from ..text_align import Row
from ..text_cells import NUMBER, PERCENT, PHRASE, TEXT, VALUE, kind
from .webtext_rows import _CLASS_INSIDE, TWO_FIGURES

_PAIR_DOUBTS = (
    "的两个数分不清是指标值和完成值还是分值和得分",
    "的完成值是个单独的数，和指标值对不上（可能是分值错了列）",
)


def _figure(text: str) -> float | None:
    t = "".join(text.split())
    return float(t) if kind(t) == NUMBER else None


def _as_weight_score(r: Row, roles: list[str | None]) -> list[str] | None:
    """A row whose last two figures may be its 分值 and 得分 read so (or ``None``): the two
    figures from 指标值 / 完成值 (资金执行在预算范围内 10 10), or from 完成值 / 分值 after a
    指标值 glued to the name with no separator (工程质量合格 10 10: the name ran into a phrase
    the text cut off as a target). The score is never above the weight."""
    col = {role: j for j, role in enumerate(roles) if role}
    if not {"name", "actual", "weight", "score"} <= col.keys():
        return None
    target = col.get("annual", col.get("value"))
    if target is None:
        return None
    cells = list(r.cells)
    name, annual, actual = cells[col["name"]], cells[target], cells[col["actual"]]
    weight, score = cells[col["weight"]], cells[col["score"]]
    if score or not name:
        return None
    if _figure(annual) is not None and _figure(actual) is not None and not weight:
        pair = (annual, actual)
    else:
        parts = r.parts.get(target, [])
        glued = bool(parts) and parts[0].gap in ("glue", "cut") and parts[0].line == r.line
        if not glued or _figure(actual) is None or _figure(weight) is None:
            return None
        cells[col["name"]] = name + annual
        pair = (actual, weight)
    low, high = _figure(pair[1]), _figure(pair[0])
    if low is None or high is None or low > high or high > 100:
        return None
    cells[target] = cells[col["actual"]] = ""
    cells[col["weight"]], cells[col["score"]] = pair
    return cells


def weights_shift(
    rows: Sequence[Row],
    roles: list[str | None],
    doubts: list[str | None],
    funds_weight: float | None,
) -> dict[int, list[str]]:
    """The rows whose two figures are their 分值 and 得分 (row → its cells read so), decided by
    the whole table: a self-evaluation's weights, the budget's 分值 among them, add up to 100.
    Only when every doubtful pair read as 分值 / 得分 makes that sum, and read as 指标值 /
    完成值 does not, are they moved; else none is (a wrong row is worse than a missing one)."""
    if "weight" not in roles or funds_weight is None:
        return {}
    w = roles.index("weight")
    moved: dict[int, list[str]] = {}
    total = funds_weight
    for k, (r, doubt) in enumerate(zip(rows, doubts, strict=True)):
        if doubt in _PAIR_DOUBTS:
            cells = _as_weight_score(r, roles)
            if cells is None:
                return {}
            moved[k] = cells
            total += _figure(cells[w]) or 0.0
        elif doubt is None and r.cells[w]:
            figure = _figure(r.cells[w])
            if figure is None:
                return {}
            total += figure
    return moved if moved and abs(total - 100) < 1e-6 else {}


def group_heads(
    rows: Sequence[Row], roles: list[str | None], doubts: list[str | None]
) -> dict[int, list[str]]:
    """Rows heading a group of indented sub-rows (★某某作物种植面积 10 10 over
    某某树种植面积 6亩 6亩, written further in), row → its cells read as 分值 and 得分: the head
    prints only the group's two figures, its sub-rows the targets and actuals. Only where the
    two figures stand in the 分值 and 指标值 columns (the score not above the weight) and every
    row of the run below is further in than the head, with a target and an actual and neither
    分值 nor 得分 of its own."""
    col = {role: j for j, role in enumerate(roles) if role}
    target = col.get("annual", col.get("value"))
    if target is None or not {"name", "actual", "weight", "score"} <= col.keys():
        return {}
    w, a, s = col["weight"], col["actual"], col["score"]
    moved: dict[int, list[str]] = {}
    for k, (r, doubt) in enumerate(zip(rows, doubts, strict=True)):
        high, low = _figure(r.cells[w]), _figure(r.cells[target])
        if doubt != TWO_FIGURES or high is None or low is None or not low <= high <= 100:
            continue
        head = _indent(r)
        subs: list[Row] = []
        for x in rows[k + 1 :]:
            if _indent(x) <= head:
                break
            subs.append(x)
        if subs and all(
            x.cells[target] and x.cells[a] and not (x.cells[w] or x.cells[s]) for x in subs
        ):
            cells = list(r.cells)
            cells[s], cells[target] = cells[target], ""
            moved[k] = cells
    return moved


def _indent(r: Row) -> int:
    """How far in its line is written (the indent of its first token)."""
    return max((t.indent for ts in r.parts.values() for t in ts), default=0)


_BARE_PERCENT = re.compile(r"(\d+(?:\.\d+)?)[%％]")


def glued_figures(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose target is a bare percentage above 100 glued to the name before it (市民满意度
    调查290%): the name may end in a digit, or a ≥ was misread as a digit; which, the text
    cannot tell. Likewise a target glued after a name ending in a Chinese numeral (资金使用效率
    二100百分比: 二 is an OCR's =, or the name's)."""
    out: dict[int, str] = {}
    for col, role in enumerate(roles):
        if role not in ("value", "annual"):
            continue
        for k, r in enumerate(rows):
            parts = r.parts.get(col, [])
            m = _BARE_PERCENT.fullmatch("".join(r.cells[col].split()))
            if m and float(m.group(1)) > 100 and parts and parts[0].gap in ("glue", "cut"):
                out[k] = "的指标值是连在名称后的百分之百以上的数（名称末尾的数字还是走样的≥不明）"
            name = "".join(r.cells[roles.index("name")].split()) if "name" in roles else ""
            glued = bool(parts) and parts[0].gap in ("glue", "cut")
            if glued and name[-1:] in _NUMERALS and r.cells[col].lstrip()[:1].isdigit():
                out[k] = "的指标值连在一个汉字数字之后（名称的一部分还是走样的＝不明：二100）"
        out.update(_two_for_ge(rows, roles, col))
    return out


def _two_for_ge(rows: Sequence[Row], roles: list[str | None], col: int) -> dict[int, str]:
    """Where a rate that cannot pass 100% shows a ≥ printed as 2 (合格率 292%), the rows of the
    column whose targets open with a 2 (see :mod:`..table_garbled`); and that row itself."""
    if "name" not in roles:
        return {}
    at = roles.index("name")
    shown = [k for k, r in enumerate(rows) if beyond_share(r.cells[at], r.cells[col])]
    if not any(two_for_ge(rows[k].cells[col]) for k in shown):
        return {}
    doubt = "的指标值" + TWO_DOUBT
    return {k: doubt for k, r in enumerate(rows) if opens_with_two(r.cells[col])}


_NUMERALS = "一二三四五六七八九十"


def _figures(cell: str) -> int:
    return sum(kind(w) in (NUMBER, PERCENT, VALUE) for w in cell.split())


def values_apart(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
    """Rows whose values the text wrote apart from them: before a row of figures without a name
    (two names first, then both runs of values), the named rows above it that lack some of
    their values, and the one just above it, cannot be paired with their figures for sure."""
    if "name" not in roles:
        return {}
    name = roles.index("name")
    values = [j for j, r in enumerate(roles) if r in ("value", "annual", "cycle", "actual",
                                                      "weight", "score")]  # fmt: skip
    out: dict[int, str] = {}
    why = "之后有一行没有名称的数值（名称和数值分开写），各行的数值对应不明"

    def named(j: int) -> bool:
        cell = rows[j].cells[name]
        return bool(cell) and _figures(cell) < len(cell.split())  # (14例 2: figures, no name)

    def complete(j: int) -> bool:
        return all(rows[j].cells[v] for v in values)

    for k, r in enumerate(rows):
        classes = any(r.cells[j] for j, role in enumerate(roles) if role in ("level1", "level2"))
        if k == 0 or named(k) or classes or sum(_figures(c) for c in r.cells) < 2:
            continue  # (a row that opens a class is a new group, not values written apart)
        j = k - 1
        if not named(j):
            continue
        out[j] = why
        while j > 0 and not complete(j) and named(j - 1) and not complete(j - 1):
            j -= 1
            out[j] = why
    return out


def unlabelled_lead(
    rows: Sequence[Row], roles: list[str | None], doubts: list[str | None]
) -> tuple[list[int], str, str] | None:
    """The rows at the top of a table that state no class (a flattened sheet that lost the
    merged 一级 / 二级 cells of its first group) when the first class the table states is a
    level 2 that is not the first of its level 1 in the framework (质量指标): they are the level
    2 before it (数量指标). The rows, their level 1 and level 2; ``None`` when not so."""
    if "level2" not in roles:
        return None
    one, two = roles.index("level1") if "level1" in roles else None, roles.index("level2")
    lead: list[int] = []
    for k, r in enumerate(rows):
        c1, c2 = r.cells[one] if one is not None else "", r.cells[two]
        if not c1 and not c2:
            if doubts[k] is None and any(r.cells):
                lead.append(k)
            continue
        fw = load_framework()
        second = fw.find2(None, c2 or c1) if not (c1 and c2) else None
        if not lead or second is None or second.parent is None:
            return None
        siblings = [c for c in fw.level2.values() if c.parent == second.parent]
        at = siblings.index(second) if second in siblings else 0
        if at == 0:
            return None
        return lead, fw.level1[second.parent].name, siblings[at - 1].name
    return None


_NUMBERED_WHOLE = re.compile(r"指标\d+\s*[.．:：、]\s*[\u4e00-\u9fff“”\"].{3,}")


def numbered_blank(cells: list[str], roles: list[str | None]) -> bool:
    """A row holding only its classes and a whole numbered name (指标4.不合格产品处置率): an
    indicator whose value cells are empty, not a piece of one (a bare 指标2: is the template's
    unfilled row)."""
    texts = {r: "".join(c.split()) for r, c in zip(roles, cells, strict=True) if c}
    name = texts.pop("name", "")
    if not _NUMBERED_WHOLE.fullmatch(name) or _CLASS_INSIDE.search(name):
        return False
    return all(r in ("level1", "level2") for r in texts)


_AMOUNT = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def total_row(cells: list[str], roles: list[str | None]) -> list[str] | None:
    """A multi-project table's row for its department or unit (820-某镇部门 | 8,827,620.53: a
    name over the 单位名称 and 项目名称 columns and its 预算数, the rows below being its units and
    projects), laid out as the grid reader reads it; ``None`` when the row is not one."""
    if not roles or "unit" not in roles or "total" not in roles:
        return None
    filled = [c for c in cells if c]
    at = roles.index("unit")
    if at and len(filled) == 3 and _CODE.fullmatch(filled[0].strip()):
        # (a unit's code in a column of its own before it, 505006 | 某某学校 | 30.00, the
        # table's units and projects in one column: 单位(专项)名称)
        if any(r is not None for r in roles[:at]) or "project" in roles:
            return None
        filled = filled[1:]
    elif at or "project" not in roles:
        return None
    if len(filled) != 2 or not _AMOUNT.fullmatch("".join(filled[1].split())):
        return None
    name = "".join(filled[0].split())
    if kind(name) not in (TEXT, PHRASE) or name in vocabulary().qualitative_phrases:
        return None  # (a short name is one too: 基层组织经费 | 660,000.00)
    if cells[0] not in ("", filled[0]):
        return None
    out = [""] * len(roles)
    out[at] = filled[0]
    if "project" in roles:
        out[roles.index("project")] = filled[0]
    out[roles.index("total")] = filled[1]
    return out


_CODE = re.compile(r"\d{3,}")


def funds_weight(emitted: Sequence[list[str]]) -> float | None:
    """The 分值 of the 年度资金总额 row of the funds table among the grid rows ``emitted`` so
    far (``None``: none)."""
    weight: int | None = None
    for row in emitted:
        if len(row) > 2 and not row[0] and all(funds_column(x) for x in row[1:]):
            roles = [funds_column(x) for x in row[1:]]
            weight = roles.index("weight") + 1 if "weight" in roles else None
        elif weight is not None and funds_row(row[0]) == "total" and len(row) > weight:
            text = "".join(row[weight].split())
            return float(text) if kind(text) == NUMBER else None
    return None


def settle(
    rows: Sequence[Row],
    roles: list[str | None],
    doubts: list[str | None],
    emitted: Sequence[list[str]],
    line: int,
) -> list[GridNote]:
    """Apply the whole table's decisions to ``rows`` and their ``doubts`` in place: the two
    figures read as 分值 / 得分 (:func:`weights_shift`), the classes of the rows at the top
    (:func:`unlabelled_lead`); the notes saying so."""
    for k, cells in group_heads(rows, roles, doubts).items():
        rows[k].cells, doubts[k] = cells, None
    for k, cells in weights_shift(rows, roles, doubts, funds_weight(emitted)).items():
        rows[k].cells, doubts[k] = cells, None
    verdict_reasons(rows, roles)
    lead = unlabelled_lead(rows, roles, doubts)
    if lead is None:
        return []
    first, level1, level2 = lead
    for k in first:
        if "level1" in roles:
            rows[k].cells[roles.index("level1")] = level1
        rows[k].cells[roles.index("level2")] = level2
    return [
        GridNote(
            "info",
            "text.lead_classes",
            f"表格开头 {len(first)} 行没有写指标类别，其后写出的第一个类别是"
            f"{level2}之后的一类，按{level1}／{level2}读取",
            line,
        )
    ]


def verdict_reasons(rows: Sequence[Row], roles: list[str | None]) -> None:
    """A 完成值 that is a verdict run on with the reason the next column is for, that column
    empty (无没有轮换、动用库存 | → 无 | 没有轮换、动用库存): cut in place. Only where the reason
    opens as reasons do (没有, 未), which no verdict is written before in one phrase."""
    if "actual" not in roles or roles.index("actual") + 1 >= len(roles):
        return
    a = roles.index("actual")
    if roles[a + 1] != "deviation":
        return
    voc = vocabulary()
    for r in rows:
        text = "".join(r.cells[a].split())
        rest = text[1:]
        if r.cells[a + 1] or text[:1] not in voc.verdicts or len(rest) < _REASON_CHARS:
            continue
        if rest.startswith(voc.reason_openings) and kind(rest) in (PHRASE, TEXT):
            r.cells[a], r.cells[a + 1] = text[:1], rest


_REASON_CHARS = 4


def weight_glued(rows: Sequence[Row], roles: list[str | None], glued: bool) -> dict[int, str]:
    """In text whose cells run together (``glued``) under a header that puts 分值 right before
    the target (分值 | 年度指标值), a row whose 分值 was not split off: its figure is still glued
    to the front of the target (8550万粒 = 8 | 550万粒), which the text cannot tell. Not a row
    with no 得分 whose target is written again as its 完成值 (其中桃树种植面积1.5亩1.5亩, a
    sub-row of the row above): a 分值 glued on would make the two differ, and a row without
    得分 has no 分值 either."""
    if not glued:
        return {}
    pairs = pairwise(roles)
    at = next((j for j, (a, b) in enumerate(pairs) if a == "weight" and b in _TARGETS), None)
    if at is None:
        return {}
    actual = roles.index("actual") if "actual" in roles else None
    score = roles.index("score") if "score" in roles else None

    def pointless(r: Row) -> bool:
        if actual is None or score is None or r.cells[score].strip():
            return False
        return "".join(r.cells[at + 1].split()) == "".join(r.cells[actual].split())

    return {
        k: "的分值没有和指标值分开（文字连在一起，分值在指标值之前）"
        for k, r in enumerate(rows)
        if r.cells[at + 1] and not r.cells[at] and not pointless(r)
    }


_TARGETS = ("value", "annual")


def _doubled(text: str) -> bool:
    """``text`` is one value written twice (显著提升显著提升), not starting with a digit (which
    would make the figure before it longer)."""
    half = len(text) // 2
    return half > 0 and text[:half] * 2 == text and not text[0].isdigit()


def _run_cut(run: str) -> tuple[str, str] | None:
    """The value of a run 得分 · value · value · 得分 (20100%100%20, 8是是8: the same figure
    at both ends, at most 100, and one value written twice between them), when exactly one cut
    makes it so: the 得分 and the value; else ``None``."""
    found = []
    for k in range(1, min(len(run) // 2, 6)):
        score, middle = run[:k], run[k : len(run) - k]
        if kind(score) != NUMBER or not 0 < float(score) <= 100 or not run.endswith(score):
            continue
        if _twice(middle):
            found.append((score, middle[: len(middle) // 2]))
    return found[0] if len(found) == 1 else None


def _twice(text: str) -> bool:
    """``text`` is one value written twice (100%100%), not a figure with a leading zero."""
    half = len(text) // 2
    return half > 0 and text[:half] * 2 == text and not (text[0] == "0" and text[1:2].isdigit())


_FUSED_NAME = 120  # (characters: a longer name is not searched for a run fused into it)


def _fused_columns(roles: list[str | None]) -> tuple[int, int, int, int] | None:
    """The columns of a header that puts 分值 | 指标值 | 完成值 | 得分 side by side in that order
    (the 分值 right before the target): where a run-together row's 分值 can fuse with its
    target; ``None`` for any other header."""
    wanted = [("weight",), _TARGETS, ("actual",), ("score",)]
    for at in range(len(roles) - 3):
        if all(roles[at + n] in wanted[n] for n in range(4)):
            return at, at + 1, at + 2, at + 3
    return None


def fused_weights(rows: Sequence[Row], roles: list[str | None], glued: bool) -> int:
    """In text whose cells run together (``glued``) under 分值 | 指标值 | 完成值 | 得分, the rows
    whose 分值 did not come apart from the target, read where the row itself settles the cut:
    the 完成值 repeats the target and the row has full marks, so the run is 得分 · 完成值 ·
    完成值 · 得分 (20100% | 100% | 20 is 20 | 100% | 100% | 20; a name run on with its values,
    群众生产生活条件改善状况10显著提升显著提升 | 10, is the name | 10 | 显著提升 | 显著提升 |
    10). Any other cut (the 分值 and the 得分 differ, the 完成值 is not the target's tail) is left
    to the checks that refuse the row. Rewrites the rows in place; returns how many."""
    cols = _fused_columns(roles) if glued else None
    if cols is None or "name" not in roles:
        return 0
    w, t, a, s = cols
    name = roles.index("name")
    done = 0
    for r in rows:
        cells = ["".join(c.split()) for c in r.cells]
        run = cells[t] + cells[a] + cells[s]
        if cells[w] or not run or cells[name][:1].isdigit():
            continue  # (a name opening with a figure may hold a piece of the run: 1病害减少…)
        cut_run = _run_cut(run)
        if cut_run is not None:
            score, target = cut_run
        elif (
            kind(run) == NUMBER
            and 0 < float(run) <= 100
            and not cells[a]
            and not cells[s]
            and len(cells[name]) <= _FUSED_NAME
        ):
            # name | 10: the whole run is in the name, its last figure fell into the target
            score, text = run, cells[name]
            cut = [
                k
                for k in range(2, len(text) - len(score))
                if text.startswith(score, k)
                and not text[k - 1].isdigit()
                and _doubled(text[k + len(score) :])
            ]
            if len(cut) != 1:
                continue
            rest = text[cut[0] + len(score) :]
            target = rest[: len(rest) // 2]
            r.cells[name] = text[: cut[0]]
        else:
            continue
        r.cells[w], r.cells[t], r.cells[a], r.cells[s] = score, target, target, score
        done += 1
    return done
