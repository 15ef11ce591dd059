"""A self-evaluation's funds table in web-page text (全年预算数 | 全年执行数 | 分值 | 执行率 |
得分 over 年度资金总额 | 880 | 880 | 10 | 100% | 10, 其中：财政拨款 …): its header run, and each
row's amounts put in their columns, also when the text lost the empty cells or ran the figures
together (40004000100%: the one split whose 执行率 is 执行数 / 预算数)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from ...model import FUND_FIELDS
from ..figures import percent
from ..table_funds import NUMBER as AMOUNT
from ..table_funds import is_funds_header
from ..table_vocabulary import block_role, funds_column, funds_row
from ..text_cells import NUMBER, PERCENT, PHRASE, TEXT, kind
from ..text_funds import assign_funds, rate_agrees, rate_unfused, unfused
from ..text_glue import TWO_PLACES, score_then_name, weight_score
from ..text_tokens import Token, join
from .webtext_labels import any_label, label_at, labels_at


def _line_cells(toks: Sequence[Token], i: int, hi: int) -> tuple[list[str], int]:
    """The filled cells of the text line token ``i`` is on, from ``i`` (parts split at a label
    inside a cell joined again), and the token after the line."""
    cells: list[list[Token]] = []
    j = i
    while j < hi and toks[j].line == toks[i].line:
        t = toks[j]
        if not t.empty:
            if cells and t.gap in ("glue", "cut"):
                cells[-1].append(t)
            else:
                cells.append([t])
        j += 1
    return [join(c) for c in cells], j


def _figure(cell: str) -> Decimal | None:
    text = "".join(cell.split()).replace(",", "")
    if not AMOUNT.match(text) or text.endswith(("%", "％")):
        return None
    return Decimal(text.rstrip("万元"))


def _first_on_line(toks: Sequence[Token], i: int) -> bool:
    k = i - 1
    while k >= 0 and toks[k].line == toks[i].line:
        if not toks[k].empty:
            return False
        k -= 1
    return True


_SUB_LINES = 2  # lines of sub-labels (中央 | 省级 | 市级 | 本级) between the labels and amounts


def column_funds(toks: Sequence[Token], i: int, hi: int) -> tuple[list[str], int] | None:
    """A form's funds as columns (a line 专项资金情况 | 本年度预计投入(万元) | 财政资金(万元) |
    其他, maybe a line of sub-labels 中央 | 省级 | 市级资金 | 本级, then a line of amounts 7 | 0 |
    7 | 0 | 0 | 0, the cells merged over the lines lost): the total's label | amount, and the token
    after the amounts. The total is the first label's and the first amount, read only where
    that amount is the sum of the others (which column a sub-label splits the text does not
    say). ``None`` when the text is not so."""
    if toks[i].empty or not _first_on_line(toks, i):
        return None
    cells, j = _line_cells(toks, i, hi)
    if cells and block_role(cells[0]) is None and _figure(cells[0]) is None:
        cells = cells[1:]  # the group's caption (专项资金情况)
    roles = [block_role(c) for c in cells]
    if len(cells) < 2 or roles[0] != "total" or any(r not in FUND_FIELDS for r in roles):
        return None
    for _ in range(_SUB_LINES + 1):
        if j >= hi:
            return None
        line, j = _line_cells(toks, j, hi)
        figures = [_figure(c) for c in line]
        if line and all(f is not None for f in figures):
            total, parts = figures[0], figures[1:]
            if len(parts) < len(cells) - 1 or total != sum(p for p in parts if p is not None):
                return None
            return [cells[0], line[0]], j
        if any(
            f is not None or block_role(c) is not None for c, f in zip(line, figures, strict=True)
        ):
            return None  # (sub-labels are words and no field's label)
    return None


def funds_header(toks: Sequence[Token], i: int, hi: int) -> int:
    """How many tokens from ``i`` are a funds table's header (0: none), the blank ones
    after its last label included; a form's funds as columns (:func:`column_funds`): all
    its lines."""
    columns = column_funds(toks, i, hi)
    if columns is not None:
        return columns[1] - i
    found = _funds_labels(toks, i, hi)
    labels = [join(list(toks[j : j + k])) for j, k in found]
    if len(labels) < 2 or not is_funds_header(labels):
        return 0
    end = found[-1][0] + found[-1][1]
    while end < hi and toks[end].empty:
        end += 1
    return end - i


def _is_funds_column(text: str) -> bool:
    return funds_column(text) is not None


def _funds_labels(toks: Sequence[Token], lo: int, hi: int) -> list[tuple[int, int]]:
    """The funds header's labels from token ``lo`` (see :func:`.webtext_labels.labels_at`),
    two labels the text sets apart staying two (执行率 得分 is no 执行率得分, which the
    Chongqing form writes as one label)."""
    found = labels_at(toks, lo, hi, _is_funds_column)
    out: list[tuple[int, int]] = []
    for j, k in found:
        apart = k > 1 and toks[j + 1].gap in ("space", "line", "para", "pipe")
        if apart and _is_funds_column(toks[j].text):
            rest = labels_at(toks, j + 1, j + k, _is_funds_column)
            if sum(n for _, n in rest) == k - 1:
                out.extend([(j, 1), *rest])
                continue
        out.append((j, k))
    return out


def _with_empty_cells(
    toks: Sequence[Token], spans: list[tuple[int, int]], labels: list[str]
) -> list[str]:
    """The labels of a "|" funds header with its empty cells between them kept as empty
    labels (预算执行数 | | | 预算执行率: a label spanning three columns, its rows' cells under
    it one a column), as its rows keep theirs: the cells stay under their columns."""
    out: list[str] = []
    for n, ((j, _), label) in enumerate(zip(spans, labels, strict=True)):
        if n:
            gap = range(spans[n - 1][0] + spans[n - 1][1], j)
            out.extend("" for g in gap if toks[g].empty)
        out.append(label)
    return out


def fused_cells(filled: list[str], roles: list[str | None]) -> list[str] | None:
    """The cells of a row whose first value is figures run together: 预算数 · 执行数 · 执行率
    (the words after it a row label the vocabulary does not know, 其中:中央、省…), or 预算数 ·
    执行数 · 分值 · 执行率 under a header that puts the 分值 there, the figures after it (得分)
    in the columns after the 执行率 (words after them dropped); the budget is the 年初预算数
    where the header has no 全年预算数. ``None`` when it is not so."""
    glued = _WORDS_AFTER.fullmatch("".join(filled[0].split())) if filled else None
    if glued is not None:  # (12727.999622%其中:中央财政资金: the next row's label run on)
        filled = [glued[1], glued[2], *filled[1:]]
    budget_apart = len(filled) > 1 and AMOUNT.match(filled[-2]) and "%" not in filled[-2]
    if budget_apart:  # (50万元 | 47.6895.00%: the 执行数 and 执行率 run together)
        tail = rate_unfused(filled[-1], filled[-2])
        cells = assign_funds([*filled[:-1], *tail], roles) if tail else None
        if cells is not None and rate_agrees(cells, roles):
            return cells
    alone = len(filled) == 1 or (len(filled) > 1 and kind(filled[1]) in (PHRASE, TEXT))
    if alone and (same := thrice(filled[0], roles, "".join(filled[1:2]))) is not None:
        return same
    if alone and written_thrice("".join(filled[0].split()), roles):
        return None  # (an amount three times, then figures no cut proves: none read)
    budget = "full_year" if "full_year" in roles else "initial"
    if not filled or not {budget, "executed", "rate"} <= set(roles):
        return None
    weight_first = roles[: roles.index("rate")][-1:] == ["weight"]  # (执行数 | 分值 | 执行率)
    if alone and budget == "full_year" and not weight_first:
        both = roles[: roles.index("rate")] == ["initial", "full_year", "executed"]
        split = (both and unfused(filled[0], initial=True)) or unfused(filled[0])
        if not split and len(filled) == 1:
            return rate_points(filled[0], roles)
        return assign_funds(split, roles) if split else None
    rate = roles.index("rate")
    rest = filled[1:]
    while rest and kind(rest[-1]) not in (NUMBER, PERCENT):
        rest.pop()  # (words after the figures: the 得分计算方法's text, not an amount)
    initial = roles[:rate] == ["initial", budget, "executed", "weight"]
    weighted = initial or roles[:rate] == [budget, "executed", "weight"]
    if not weighted and roles[:rate] != [budget, "executed"]:
        return None
    if len(rest) > len(roles) - rate - 1 or any(kind(x) not in (NUMBER, PERCENT) for x in rest):
        return None
    split = unfused(filled[0], weighted=weighted)
    if initial:  # (the 年初预算数 written or left blank: the one reading whose rate agrees)
        full = unfused(filled[0], weighted=True, initial=True)
        split = None if (split is None) == (full is None) else full or ["", *(split or [])]
    if split is None:
        return None
    return [*split, *rest, *[""] * (len(roles) - rate - 1 - len(rest))]


def thrice(text: str, roles: list[str | None], after: str = "") -> list[str] | None:
    """A row whose 年初预算数, 全年预算数 and 全年执行数 are one amount written three times, run
    together (5005005001010: 500 | 500 | 500, then 分值 10 | 得分 10, the one cut keeping 0 <
    分值 ≤ 100 and 得分 ≤ 分值; dashes after them: empty cells; 50050050010100%: the 执行率,
    then 100%, the 执行数 being the budget, after or before the 分值), the amounts put in
    their columns. ``after``: the next cell, whose bare figure opening it before the next row's
    label (10某某某某: the 得分) fills a 得分 left empty. ``None`` when the text is not so or
    reads more than one way."""
    t = "".join(text.split())
    n = written_thrice(t, roles)
    if not n:
        return None
    cells = [t[:n]] * 3 + [""] * (len(roles) - 3)
    tail = t[3 * n :]
    if _DASHES.fullmatch(tail):
        return cells
    twin = _RATE_TWIN.fullmatch(tail) if "rate" in roles else None
    if twin is not None:  # (the 执行率 among the figures: those before it, then those after it)
        rate = roles.index("rate")
        cells[rate] = f"{twin[2]}%"
        lead = twin[3] or score_then_name("".join(after.split()))
        before, behind = _points(twin[1], roles[3:rate]), _points(lead, roles[rate + 1 :])
        points = {**before, **behind} if before is not None and behind is not None else None
    elif "%" not in tail and {"weight", "score"} <= set(roles):
        pair = weight_score(tail)
        points = dict(zip(("weight", "score"), pair, strict=True)) if pair else None
    else:
        return None
    if points is None or not 0 < float(points.get("weight", 1)) <= 100:
        return None
    if float(points.get("score", 0)) > float(points.get("weight", 100)):
        return None  # (a 得分 above its 分值)
    for role, figure in points.items():
        cells[roles.index(role)] = figure
    return cells


def written_thrice(t: str, roles: Sequence[str | None]) -> int:
    """The length of the one amount the run ``t`` opens with written three times (with its
    decimals) under 年初预算数 | 全年预算数 | 全年执行数: there the cuts are; 0 when none or
    more than one length would do."""
    if list(roles[:3]) != ["initial", "full_year", "executed"] or not _RUN.match(t):
        return 0
    sizes = [
        n
        for n in range(1, len(t) // 3 + 1)
        if t[:n] == t[n : 2 * n] == t[2 * n : 3 * n] and TWO_PLACES.fullmatch(t[:n])
    ]
    return sizes[0] if len(sizes) == 1 and float(t[: sizes[0]]) else 0


def _points(digits: str, roles: Sequence[str | None]) -> dict[str, str] | None:
    """The 分值 and 得分 ``digits`` hold under ``roles`` (10 | 得分; 1010 | 分值, 得分: the one
    cut :func:`weight_score` finds): none written, or ``None`` when they do not fit."""
    if not digits:
        return {}
    if list(roles) == ["weight", "score"]:
        pair = weight_score(digits)
        return dict(zip(("weight", "score"), pair, strict=True)) if pair else None
    if len(roles) == 1 and roles[0] in ("weight", "score") and TWO_PLACES.fullmatch(digits):
        return {str(roles[0]): digits}
    return None


# After three equal amounts the 执行率 can only be 100%: the 分值 before it, the 得分 after it.
_RATE_TWIN = re.compile(r"(\d*?)(100(?:\.0{1,2})?)[%％](\d*)")
_DASHES = re.compile(r"[-—－–]*")


def rate_points(text: str, roles: list[str | None]) -> list[str] | None:
    """A row whose figures run together under a header ending 执行率 | 分值 | 得分 (执行率权重,
    执行率得分: the 得分 is the 执行率 times the 分值), read at its end where one cut only makes
    得分 = 执行率 × 分值 / 100 (…79.27107.93 = 79.27% | 10 | 7.93); the amounts before it are
    not read (nothing tells them apart there). ``None`` when it is not so."""
    at = len(roles) - 3
    if at < 0 or roles[at:] != ["rate", "weight", "score"]:
        return None
    t = "".join(text.split())
    if not _RUN.fullmatch(t):
        return None
    found = []
    for i in range(max(0, len(t) - _TAIL), len(t) - 2):
        for j in range(i + 1, len(t) - 1):
            for k in range(j + 1, len(t)):
                r, w, s = t[i:j], t[j:k], t[k:]
                if not all(TWO_PLACES.fullmatch(x) for x in (r, w, s)) or t[i - 1 : i] == ".":
                    continue  # (a cut inside a figure: 9.27 of 79.27)
                product = abs(float(r) * float(w) / 100 - float(s)) < _CENT
                if 0 < float(w) <= 100 and 0 < float(r) <= _MAX_RATE and product:
                    found.append([r, w, s])
    if len(found) != 1:
        return None
    return [""] * at + found[0]


_RUN = re.compile(r"[\d.]{6,40}")
_WORDS_AFTER = re.compile(r"([\d.]{6,40}[%％])([^\d.%％].*)")
_CENT = 0.006  # (the 得分 rounded to two places)
_TAIL = 16  # (characters: rate, 分值 and 得分 are short)


_DIGITS = re.compile(r"[\d.]+[%％]?")
_LEADING_ZEROS = re.compile(r"0\d")


def figures_fused(text: str) -> bool:
    """Whether ``text`` is digits run together that no split told apart (5.281.961.96…: two
    decimal points; 0001000: a figure opening with 0 then a digit; 55555510100%: a rate of a
    million percent): put under any column it would be a wrong cell, the others beside it each
    one column off. (.32, a figure whose first digits the page lost, is no run.)"""
    t = "".join(text.split())
    if not _DIGITS.fullmatch(t):
        return False
    bare = t.rstrip("%％")
    if bare.count(".") >= 2 or _LEADING_ZEROS.match(bare):
        return True
    return bare != t and bare.replace(".", "", 1).isdigit() and float(bare) > _MAX_RATE


def rate_checked(cells: list[str], roles: list[str | None]) -> list[str]:
    """``cells`` without a 执行率 that is figures run together no split could tell apart
    (1010100%: not a rate of a million percent, a wrong cell is worse than an empty one)."""
    if "rate" in roles:
        at = roles.index("rate")
        figure = "".join(cells[at].split()).rstrip("%％")
        if figure.replace(".", "", 1).isdigit() and float(figure) > _MAX_RATE:
            cells[at] = ""
    return cells


_MAX_RATE = 1000  # (%; a rate above it is figures run together)


def weight_checked(cells: list[str], roles: list[str | None]) -> list[str]:
    """``cells`` without a 分值 over the form's 100 points, or one that is the 执行率's figure
    beside it (100 | 100%: the rate printed twice, or a column the text lost; what the 分值 is
    cannot be told, and a wrong cell is worse than an empty one)."""
    if "weight" not in roles:
        return cells
    at = roles.index("weight")
    weight = _figure(cells[at])
    rate = _figure(cells[at + 1].rstrip("%％")) if roles[at + 1 : at + 2] == ["rate"] else None
    twin = rate is not None and "%" in cells[at + 1] and weight == rate
    if weight is not None and (weight > _FULL_POINTS or twin):
        cells[at] = ""
    return cells


_FULL_POINTS = 100  # (a form's points in all: no row weighs more)


def amount_in_header(toks: Sequence[Token], i: int, hi: int) -> tuple[int, int, int, str] | None:
    """A funds header whose first column's label has an amount right after it, the other
    labels after that (全年预算数(A) 300 全年执行数(B) 执行率(B/A)): an OCR read the first row's
    amount under its label before the labels beside it. (the amount's token, where the other
    labels start, how many tokens they run, the first label), or ``None`` when the text is not
    so."""
    n = label_at(toks, i, _is_funds_column) if not toks[i].empty else 0
    if not n:
        return None
    j = next((k for k in range(i + n, hi) if not toks[k].empty), None)
    if j is None or _figure(toks[j].text) is None:
        return None
    k = next((k for k in range(j + 1, hi) if not toks[k].empty), None)
    run = funds_header(toks, k, hi) if k is not None else 0
    if k is None or not run or column_funds(toks, k, hi) is not None:
        return None
    first = join(list(toks[i : i + n]))
    labels = [first, *(join(list(toks[a : a + m])) for a, m in _funds_labels(toks, k, k + run))]
    return (j, k, run, first) if is_funds_header(labels) else None


def split_header(
    toks: Sequence[Token], i: int, hi: int, lead: str, pipe: bool
) -> tuple[list[tuple[list[str], int]], int] | None:
    """The funds table from token ``i`` when its header holds the ``lead`` row's amount
    (:func:`amount_in_header`; ``lead``: the row label just before it, 年度资金总额), as
    :func:`funds_table` gives it; ``None`` when the text is not so."""
    split = amount_in_header(toks, i, hi) if funds_row(lead) else None
    if split is None:
        return None
    at, k, run, first = split
    return funds_table(toks, k, run, hi, pipe, lead, (first, toks[at].text))


def rate_apart(labels: list[str]) -> list[str]:
    """``labels`` with a 得分 label run together after the 执行率 label right after a 分值 one
    (分值 | 执行率得分, cells run together): two columns, 执行率 | 得分 (a table whose 得分 is
    the 执行率's writes its 分值 as 执行率权重, not 分值 alone)."""
    out: list[str] = []
    for label in labels:
        text = "".join(label.split())
        cut = next(
            (
                k
                for k in range(2, len(text) - 1)
                if funds_column(text[:k]) == "rate" and funds_column(text[k:]) == "score"
            ),
            None,
        )
        if cut is not None and out and "".join(out[-1].split()) in _WEIGHT_LABELS:
            out.extend([text[:cut], text[cut:]])
        else:
            out.append(label)
    return out


_WEIGHT_LABELS = ("分值", "权重")


def funds_table(
    toks: Sequence[Token],
    i: int,
    run: int,
    hi: int,
    pipe: bool,
    lead: str | None = None,
    head: tuple[str, str] | None = None,
) -> tuple[list[tuple[list[str], int]], int]:
    """The rows (with their lines) of a funds table whose header is at ``i`` (``run`` tokens),
    and the token after it; ``pipe``: "|" text, which keeps empty cells. ``lead``: a row label
    just before the header with no value of its own (年度资金总额 年初预算数 … 执行率 64.8…: the
    empty cell over the row labels lost, the first row's label came first), the label of the
    values right after the header when no label stands there. ``head``: the first column's
    label and the ``lead`` row's amount under it, read before this header
    (:func:`amount_in_header`); the lead row is then that amount alone."""
    columns = column_funds(toks, i, hi)
    if columns is not None and head is None:
        return [(columns[0], toks[i].line)], columns[1]
    spans = _funds_labels(toks, i, i + run)
    labels = [join(list(toks[j : j + k])) for j, k in spans]
    if pipe and head is None:
        labels = _with_empty_cells(toks, spans, labels)
    labels = rate_apart([head[0], *labels] if head is not None else labels)
    roles = [funds_column(x) for x in labels]
    out: list[tuple[list[str], int]] = [(["", *labels], toks[i].line)]
    if head is not None:
        out.append(([str(lead), head[1], *[""] * (len(labels) - 1)], toks[i].line))
    j = i + run
    while j < hi:
        if toks[j].empty:
            j += 1
            continue
        k = label_at(toks, j, lambda x: funds_row(x) is not None)
        if not k and (lead is None or len(out) > 1 or label_at(toks, j, any_label)):
            break
        label = join(list(toks[j : j + k])) if k else str(lead)
        j += k
        vals: list[Token] = []
        while j < hi and not label_at(toks, j, any_label):
            if pipe and toks[j].row == 2 and vals:
                break  # the next row of "|" text (a label alone on its line: its values')
            if not toks[j].empty or pipe:
                vals.append(toks[j])
            j += 1
        cells = [""] * len(roles)
        fused = fused_cells([t.text for t in vals if t.text], roles)
        if fused is not None:
            cells = fused
        elif vals and pipe:
            cells = ([t.text for t in vals] + cells)[: len(roles)]  # "|" keeps empty cells
            texts = [t.text for t in vals]
            while texts and not texts[-1]:
                texts.pop()  # (a line padded with empty cells to the table's width)
            if len(texts) < len(roles) and all(texts) and not rate_agrees(cells, roles):
                # …unless the page dropped them: an order-keeping choice of columns whose
                # 执行率 is 执行数 / 预算数 is the row
                chosen = assign_funds(texts, roles)
                cells = (
                    chosen if rate_agrees(chosen, roles) or _whole_rate(chosen, roles) else cells
                )
        elif vals and not figures_fused(vals[0].text):
            # (digits run together first: every cell after it one column off, none put;
            # after the amounts (10083.5%: a 分值 and a rate): that cell alone left empty)
            cells = assign_funds([t.text for t in vals], roles)
            cells = ["" if figures_fused(c) else c for c in cells]
        out.append(([label, *weight_checked(rate_checked(cells, roles), roles)], toks[j - 1].line))
    return out, j


def _whole_rate(cells: list[str], roles: list[str | None]) -> bool:
    """A funds row of "|" text that lost one of its two amounts' cells, its 执行率 100%
    (部门整体支出总额 | 864.2 | 100% | 20 under 预算数 | 执行数 | 执行率 | 得分): the amount is the
    budget whichever column it stood in (the amount spent is all of it), put under 预算数; the
    other amount stays empty."""
    got = dict(zip(roles, cells, strict=True))
    rate = percent("".join(got.get("rate", "").split()))
    amounts = [got.get(r, "") for r in ("full_year", "executed")]
    return rate == 100 and bool(amounts[0]) and not amounts[1]


_SENTENCE_CHARS = 10  # Chinese characters of a sentence, not an amount nor a short note


def prose_after(values: Sequence[Token]) -> tuple[list[Token], list[Token]]:
    """A funds row's values, and the sentences after them (支持…危房改造，保障其基本住房安全。):
    amounts never end a sentence, so such a cell is no value of the row but a cell whose own
    label the text lost (the form's goal, when it stands right above the indicators)."""
    k = len(values)
    while k and _sentence(values[k - 1].text):
        k -= 1
    return list(values[:k]), list(values[k:])


def _sentence(text: str) -> bool:
    t = "".join(text.split())
    chinese = sum("\u4e00" <= c <= "\u9fff" for c in t)
    return t.endswith(("。", ".")) and chinese >= _SENTENCE_CHARS
