"""A self-evaluation form flattened in a PDF's drawing order, not its reading order (the text a
document-sharing mirror extracts): a field's value before its label (X 项目名称 主管部门 Y), the
年度资金总额 row's amounts scattered through the form's head, and below the indicator header
(its labels broken by the first row's cells) every row's values in table order, then the 总分
row's, then the classes and names.

Nothing here is read by position alone; each piece is proven or the form is left to the other
readers:

* a field's value stands after its label, or, when a label follows at once, in the text right
  before it (since the previous label);
* the 年度资金总额 row's amounts: 年初预算数 and 全年预算数 first after the funds header (as
  the columns go), the one rate, the 执行数 whose share of the budget is that rate, and the one
  分值 / 得分 pair whose 得分 is the 分值 times the rate;
* the indicator rows: N runs of the header's value columns (each 得分 a number within its
  分值), N level-2 classes whose level 1s are the level-1 labels in order, N names (a piece of
  one character is the end of the name before it, wrapped), and the 分值 with the funds' 分值
  adding up to the 总分 row's 分值, the 得分 with the funds' 得分 to its 得分.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from itertools import pairwise

from ...chars import HAN
from ...framework import Framework, load_framework
from ...preload import preloaded
from ..figures import figure, is_share, percent
from ..grid import GridNote
from ..table_vocabulary import (
    GOAL_ROLES,
    NAME_ROLES,
    block_role,
    footer_role,
    funds_column,
    funds_row,
    layout_file,
    role_of,
    vocabulary,
)
from ..text_cells import NUMBER, PERCENT, ROW_VALUE_ROLES, VALUE, kind
from ..text_tokens import Token, join
from .webtext_labels import block_label, header_label, is_title, label_at

_DASH = frozenset("—-–－/")
_RATE_SLIP = Decimal("0.01")  # (%: a rate printed to two places, its last digit one off)
_CENT = Decimal("0.01")  # (a 得分 rounded to two places)
_MAX_POINTS = 100
_MAX_STRAYS = 24  # (amounts of a form's head: the search for the total row's is quadratic)

Drawn = tuple[list[list[str]], list[int], list[GridNote]]
"""Rows read, the line each starts on, notes."""


@preloaded
@cache
def _page_number() -> re.Pattern[str]:
    return re.compile(layout_file()["drawn"]["page_number"])


@dataclass(slots=True)
class _Piece:
    what: str  # field, row (funds row), column (funds), figure, text
    text: str
    role: str | None
    line: int


def _is_figure(text: str) -> bool:
    t = "".join(text.split())
    return figure(t) is not None or percent(t) is not None or (bool(t) and set(t) <= _DASH)


@lru_cache(maxsize=16384)
def _is_funds_column(text: str) -> bool:
    return funds_column(text) is not None


def _pieces(toks: Sequence[Token], lo: int, hi: int) -> list[_Piece]:
    out: list[_Piece] = []
    i = lo
    while i < hi:
        t = toks[i]
        if t.empty:
            i += 1
            continue
        k = label_at(toks, i, block_label)
        c = 1 if _is_funds_column(t.text) else label_at(toks, i, _is_funds_column)
        if k and k >= c:
            text = join(list(toks[i : i + k]))
            role = block_role("".join(text.split()))
            row = funds_row("".join(text.split()))
            out.append(_Piece("row" if row else "field", text, row or role, t.line))
            i += k
            continue
        if c:
            text = join(list(toks[i : i + c]))
            out.append(_Piece("column", text, funds_column("".join(text.split())), t.line))
            i += c
            continue
        out.append(_Piece("figure" if _is_figure(t.text) else "text", t.text, None, t.line))
        i += 1
    return out


def _fields(pieces: list[_Piece]) -> dict[str, str] | None:
    """The form's fields: a value after its label, or (a label right after it) before it."""
    claimed: set[int] = set()
    found: dict[str, str] = {}
    bare: list[int] = []
    for k, p in enumerate(pieces):
        if p.what != "field" or p.role not in (*NAME_ROLES, *GOAL_ROLES):
            continue
        after = _texts(pieces, k + 1, 1)
        if after:
            claimed.update(after)
            found.setdefault(str(p.role), _text_of(pieces, after))
        elif p.role in NAME_ROLES:
            bare.append(k)
    for k in bare:
        before = _texts(pieces, k - 1, -1)
        if not before or claimed & set(before) or not _takes_no_text(pieces, before[-1] - 1):
            continue
        claimed.update(before)
        found.setdefault(str(pieces[k].role), _text_of(pieces, sorted(before)))
    left = [p for j, p in enumerate(pieces) if p.what == "text" and j not in claimed]
    return None if left else found


def _takes_no_text(pieces: list[_Piece], k: int) -> bool:
    """The piece before a value written ahead of its label takes no text of its own (the
    form's start, an amount, a funds label or the funds' caption with its money unit)."""
    if k < 0 or pieces[k].what in ("figure", "row", "column"):
        return True
    return (
        pieces[k].role == "field" and vocabulary().money_in_label.search(pieces[k].text) is not None
    )


def _texts(pieces: list[_Piece], k: int, step: int) -> list[int]:
    out: list[int] = []
    while 0 <= k < len(pieces) and pieces[k].what == "text":
        out.append(k)
        k += step
    return out


def _text_of(pieces: list[_Piece], at: list[int]) -> str:
    return join([Token(pieces[j].text, pieces[j].line, "space") for j in at])


def _funds(pieces: list[_Piece]) -> tuple[list[str], list[list[str]], dict[str, Decimal]] | None:
    """The funds header, its rows (the 年度资金总额 row's amounts found among the strays) and
    that row's figures by column; ``None`` unless the amounts were scattered and proven."""
    cols = [k for k, p in enumerate(pieces) if p.what == "column"]
    if not cols or cols != list(range(cols[0], cols[-1] + 1)):
        return None
    columns = [str(pieces[k].role) for k in cols]
    if not {"full_year", "executed", "rate", "weight", "score"} <= set(columns):
        return None
    if any(p.what in ("row", "figure") for p in pieces[: cols[0]]):
        return None  # (a row or amounts before the funds header: not this shape)
    rows: list[list[str]] = []
    total: int | None = None
    strays: list[int] = []
    k = cols[-1] + 1
    while k < len(pieces):
        p = pieces[k]
        if p.what == "row":
            run = []
            while k + 1 < len(pieces) and pieces[k + 1].what == "figure":
                k += 1
                run.append(pieces[k].text)
            if p.role == "total":
                if run or total is not None:
                    return None  # (the total row's amounts after it: the usual order)
                total = len(rows)
            rows.append([p.text, *run])
        elif p.what == "figure":
            strays.append(k)
        k += 1
    if total is None or not strays or len(strays) > _MAX_STRAYS:
        return None
    found = _total_row([pieces[j].text for j in strays], columns)  # (by stray, not piece)
    if found is None:
        return None
    figures, texts, used = found
    rows[total].extend(texts[c] for c in columns)
    rows.insert(0, rows.pop(total))  # (the total row first, as the table prints it)
    left = [strays[j] for j in range(len(strays)) if j not in used]
    if _one_row_left(pieces, left, rows, columns, figures):
        next(r for r in rows if not r[1:]).extend(pieces[j].text for j in left)
        left = []
    figures["left"] = Decimal(len(left))  # (not a column: the amounts no row is proven for)
    rows = [r for r in rows if r[1:]]
    return ["", *(pieces[k].text for k in cols)], rows, figures


def _one_row_left(
    pieces: list[_Piece],
    left: list[int],
    rows: list[list[str]],
    columns: list[str],
    total: dict[str, Decimal],
) -> bool:
    """The amounts left after the total row's are one run, drawn together, of the one funds
    row left bare (其中:当年财政拨款), read left to right as any row's, each no more than the
    total row's in its column."""
    bare = [r for r in rows if not r[1:]]
    if len(bare) != 1 or not left or len(left) > len(columns):
        return False
    if left != list(range(left[0], left[0] + len(left))):
        return False
    for j, c in zip(left, columns, strict=False):
        amount = figure(pieces[j].text)
        if c in ("initial", "full_year", "executed") and (amount is None or amount > total[c]):
            return False
    return True


def _total_row(
    strays: list[str], columns: list[str]
) -> tuple[dict[str, Decimal], dict[str, str], set[int]] | None:
    rates = [j for j, s in enumerate(strays) if percent(s) is not None]
    if len(rates) != 1:
        return None
    rate = percent(strays[rates[0]])
    assert rate is not None
    lead = columns[: columns.index("full_year") + 1]  # (年初预算数, 全年预算数: drawn first)
    if not set(lead) <= {"initial", "full_year"} or len(strays) < len(lead):
        return None
    amounts = [figure(s) for s in strays[: len(lead)]]
    if any(a is None for a in amounts):
        return None
    at = dict(zip(lead, range(len(lead)), strict=True))
    budget = amounts[-1]
    assert budget is not None
    if budget <= 0:
        return None
    rest = [j for j in range(len(lead), len(strays)) if j != rates[0]]
    executed = {
        j
        for j in rest
        if (e := figure(strays[j])) is not None and is_share(e, budget, rate, _RATE_SLIP)
    }
    if len({figure(strays[j]) for j in executed}) != 1:
        return None
    at["executed"] = min(executed)
    pairs = set()
    for w in rest:
        for s in rest:
            weight, score = figure(strays[w]), figure(strays[s])
            if w == s or w == at["executed"] or s == at["executed"]:
                continue
            if weight is None or score is None or not 0 < weight <= _MAX_POINTS:
                continue
            if score <= weight and abs(weight * rate / 100 - score) <= _CENT:
                pairs.add((w, s))
    if len({(figure(strays[w]), figure(strays[s])) for w, s in pairs}) != 1:
        return None
    at["weight"], at["score"] = min(pairs)
    at["rate"] = rates[0]
    if set(columns) - set(at):
        return None
    texts = {c: strays[at[c]] for c in columns}
    figures = {c: figure(texts[c]) or rate for c in columns}
    return figures, texts, set(at.values())


def drawn_block(toks: Sequence[Token], lo: int, hi: int) -> Drawn | None:
    """A form's head (after its last title in ``toks[lo:hi]``, the page text before it as
    one-cell rows) in drawing order, read as rows; ``None`` when its 年度资金总额 amounts are
    not scattered or do not prove out."""
    title = max((k for k in range(lo, hi) if is_title(toks[k].text)), default=None)
    made = _head(toks, title, hi) if title is not None else None
    if made is None or title is None:
        return None
    return _joined(_page_text(toks, lo, title), made[0])


def _joined(a: Drawn, b: Drawn) -> Drawn:
    return [*a[0], *b[0]], [*a[1], *b[1]], [*a[2], *b[2]]


def _page_text(toks: Sequence[Token], lo: int, hi: int) -> Drawn:
    filled = [t for t in toks[lo:hi] if not t.empty]
    return [[t.text] for t in filled], [t.line for t in filled], []


def _head(toks: Sequence[Token], lo: int, hi: int) -> tuple[Drawn, dict[str, Decimal]] | None:
    if not is_title(toks[lo].text):
        return None
    rows: list[list[str]] = [[toks[lo].text]]
    lines = [toks[lo].line]
    start = _year(toks, lo + 1, hi)
    if start > lo + 1:
        rows.append([join(list(toks[lo + 1 : start]))])
        lines.append(toks[lo + 1].line)
    pieces = _pieces(toks, start, hi)
    funds = _funds(pieces)
    if funds is None:
        return None
    fields = _fields(pieces)
    if fields is None or "project" not in fields:
        return None
    line = pieces[0].line if pieces else lines[0]
    for p in pieces:
        if p.what == "field" and p.role in fields:
            rows.append([p.text, fields.pop(str(p.role))])
            lines.append(p.line)
    header, funds_rows, figures = funds
    money = vocabulary().money_in_label
    header[0] = next((p.text for p in pieces if p.what == "field" and money.search(p.text)), "")
    rows.append(header)
    rows.extend(funds_rows)
    lines.extend([line] * (len(funds_rows) + 1))
    note = GridNote(
        "info",
        "text.drawing_order",
        "表格文字按 PDF 绘制次序排列（字段值写在标签前、年度资金总额各数散在表头中），"
        "按执行率＝执行数÷预算数、得分＝分值×执行率找回各数，恢复次序读取",
        line,
    )
    notes = [note]
    if figures["left"]:
        notes.append(
            GridNote(
                "info",
                "text.drawing_order_left",
                f"资金表中另有 {figures['left']} 个数写在行名之外，属于哪一行无法确定，未读取",
                line,
            )
        )
    return (rows, lines, notes), figures


_YEAR = re.compile(r"[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[）)]?")


def _year(toks: Sequence[Token], lo: int, hi: int) -> int:
    """The token after the form's year ((2022 年度), in one or two pieces) at ``lo``, or
    ``lo``."""
    filled = [k for k in range(lo, hi) if not toks[k].empty][:2]
    for n in (2, 1):
        text = "".join("".join(toks[k].text.split()) for k in filled[:n])
        if len(filled) >= n and _YEAR.fullmatch(text):
            return filled[n - 1] + 1
    return lo


def drawn_forms(toks: Sequence[Token], lo: int, hi: int) -> tuple[Drawn, int] | None:
    """Whole forms between titles in ``toks[lo:hi]`` in drawing order (each its head as
    :func:`drawn_block` reads it, its indicator rows proven as the module says), with the page
    text before them as one-cell rows, and the token after the rows read (the last title's, or
    ``hi`` when the last form read whole too); ``None`` when none reads."""
    titles = [k for k in range(lo, hi) if not toks[k].empty and is_title(toks[k].text)]
    if not titles:
        return None
    out = _page_text(toks, lo, titles[0])
    read = False
    for a, b in pairwise(titles):
        made = _form(toks, a, b)
        read = read or made is not None
        out = _joined(out, made or _page_text(toks, a, b))
    last = _form(toks, titles[-1], hi)  # (the last form whole: nothing after it to read)
    if last is not None:
        return _joined(out, last), hi
    return (out, titles[-1]) if read else None


def _form(toks: Sequence[Token], lo: int, hi: int) -> Drawn | None:
    top = next(
        (
            k
            for k in range(lo, hi)
            if label_at(toks, k, header_label)
            and role_of(join(list(toks[k : k + label_at(toks, k, header_label)]))) == "level1"
        ),
        None,
    )
    if top is None:
        return None
    head = _head(toks, lo, top)
    if head is None:
        return None
    (rows, lines, notes), funds = head
    table = _indicators(toks, top, hi, funds)
    if table is None:  # (the head reads; the indicator table is left as the text has it)
        notes.append(GridNote("warning", "text.drawing_order_unproven", _UNPROVEN, toks[top].line))
        return _joined((rows, lines, notes), _page_text(toks, top, hi))
    rows.extend(table)
    lines.extend([toks[top].line] * len(table))
    notes.append(
        GridNote(
            "info",
            "text.drawing_order_rows",
            f"指标表各行的数值先于类别和名称写出（PDF 绘制次序）：{len(table) - 2} 组数值、"
            f"{len(table) - 2} 个二级指标、{len(table) - 2} 个名称，分值、得分连同预算执行"
            "各自加起来正好是总分行的数，按次序配对读取",
            toks[top].line,
        )
    )
    return rows, lines, notes


_UNPROVEN = (
    "指标表按 PDF 绘制次序排列（数值先于类别和名称），但数值组数、二级指标数和名称数不等，"
    "或分值、得分连同预算执行加起来不是总分行的数，无法确定各数属于哪个指标，整张指标表未读取"
)


def _indicators(
    toks: Sequence[Token], lo: int, hi: int, funds: dict[str, Decimal]
) -> list[list[str]] | None:
    """The indicator header, rows and 总分 row of ``toks[lo:hi]`` (see the module), or
    ``None``."""
    fw = load_framework()
    labels: list[tuple[str, str]] = []  # (role, text) of the header's labels
    level1: list[str] = []
    level2: list[str] = []
    others: list[str] = []  # the values and the names' pieces, in order
    first: int | None = None  # the first value among them
    footer: int | None = None
    i = lo
    while i < hi:
        t = toks[i]
        text = "".join(t.text.split())
        if t.empty:
            i += 1
            continue
        if footer_role(text) == "score":
            footer = i + 1
            break
        k = label_at(toks, i, header_label)
        if k:
            label = join(list(toks[i : i + k]))
            role = role_of("".join(label.split()))
            if role is not None:
                if first is not None:
                    return None  # (a column label after the values)
                labels.append((role, label))  # (a role None: the 绩效指标 caption)
            i += k
            continue
        c2, c1 = fw.find2(None, text), fw.find1(None, text)
        if c2 is not None and c2.parent is not None:
            level2.append(text)
        elif c1 is not None:
            level1.append(text)
        else:
            if first is None and kind(text) in (NUMBER, PERCENT, VALUE):
                first = len(others)
            others.append(t.text)
        i += 1
    if footer is None or first is None or not _after_footer(toks, footer, hi):
        return None
    values = [(r, x) for r, x in labels if r in ROW_VALUE_ROLES]
    roles = [r for r, _ in values]
    if [r for r, _ in labels][:3] != ["level1", "level2", "name"] or not {
        "weight",
        "score",
    } <= set(roles):
        return None
    width = len(values)
    w, s = roles.index("weight"), roles.index("score")
    rows: list[list[str]] = []
    k = first
    while k + width <= len(others) and _points(others[k + w], others[k + s]):
        rows.append(others[k : k + width])
        k += width
    if k + 2 > len(others):
        return None
    total_w, total_s = figure(others[k]), figure(others[k + 1])
    names = _wrapped(["".join(x.split()) for x in [*others[:first], *others[k + 2 :]]])
    if any(kind(x) in (NUMBER, PERCENT, VALUE) for x in names):
        return None  # (a figure among the names: not one run of values)
    n = len(rows)
    if not n or not (n == len(level2) == len(names)) or not _parents_agree(fw, level1, level2):
        return None
    funds_w, funds_s = funds.get("weight"), funds.get("score")
    if total_w is None or total_s is None or funds_w is None or funds_s is None:
        return None
    weights = sum((Decimal(figure(r[w]) or 0) for r in rows), funds_w)
    scores = sum((Decimal(figure(r[s]) or 0) for r in rows), funds_s)
    if weights != total_w or scores != total_s:
        return None
    out = [["一级指标", "二级指标", "三级指标", *(x for _, x in values)]]
    for row, l2, name in zip(rows, level2, names, strict=True):
        c2 = fw.find2(None, l2)
        assert c2 is not None and c2.parent is not None
        out.append([fw.level1[c2.parent].name, l2, name, *row])
    out.append(["总分", "", "", *([""] * (width - 2)), others[k], others[k + 1]])
    return out


def _points(weight: str, score: str) -> bool:
    """A row's 分值 and 得分: numbers, the 得分 within the 分值."""
    a, b = figure(weight), figure(score)
    return a is not None and b is not None and 0 <= b <= a <= _MAX_POINTS


def _wrapped(pieces: list[str]) -> list[str]:
    """Names from their pieces: a piece of one character ends the name before it (a wrap)."""
    out: list[str] = []
    for p in pieces:
        if len(p) == 1 and HAN.match(p) and out:
            out[-1] += p
        else:
            out.append(p)
    return out


def _parents_agree(fw: Framework, level1: list[str], level2: list[str]) -> bool:
    """The level-1 labels are the level 1s of the level-2 classes, each written once, in order
    (merged cells)."""
    parents: list[str] = []
    for x in level2:
        c2 = fw.find2(None, x)
        if c2 is None or c2.parent is None:
            return False
        if not parents or parents[-1] != c2.parent:
            parents.append(c2.parent)
    written = [fw.find1(None, x) for x in level1]
    return [c.code if c else None for c in written] == parents


def _after_footer(toks: Sequence[Token], lo: int, hi: int) -> bool:
    """After the 总分 label only a page number and the 偏差原因 column's label (drawn last)."""
    i = lo
    while i < hi:
        t = toks[i]
        if t.empty or _page_number().fullmatch("".join(t.text.split())):
            i += 1
            continue
        k = label_at(toks, i, header_label)
        if not k or role_of("".join(join(list(toks[i : i + k])).split())) != "deviation":
            return False
        i += k
    return True
