"""The form's fields before an indicator header, read from web-page text: label | value rows
(项目名称 | X, 主管部门 | Y), a self-evaluation's funds table (its column labels, then 年度资金
总额 | 880 | 880 …, each amount put in its column by the same alignment as a body), goals under
sub-headers (年度总体目标 | 预期目标 | 实际完成情况 over their texts), and one-cell lines (title,
year, 单位：万元). Kept apart from :mod:`.webtext`, which finds the headers and reads the bodies
and footers around these blocks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ...chars import DIGIT, YEAR
from ...model import FUND_FIELDS
from ..grid import GridNote
from ..table_funds import NUMBER
from ..table_pairs import LABEL_VALUE
from ..table_title import form_title, kind_of
from ..table_vocabulary import (
    GOAL_ROLES,
    NAME_ROLES,
    block_role,
    funds_row,
    is_tree_column,
    vocabulary,
)
from ..text_tokens import Token, cells_of, join, own_line
from .webtext_breakdown import breakdown
from .webtext_fundrows import read_apart
from .webtext_funds import funds_header, funds_table, prose_after, split_header
from .webtext_goals import goal_rows, restated_goal
from .webtext_labels import (
    any_label,
    block_label,
    is_title,
    label_at,
    pair_label,
    score_label,
    stray_names,
)
from .webtext_shares import share_rows

# A form field's label the vocabulary does not know, written with its colon (是否为专项资金:).
_FIELD_LABEL = re.compile(r"[\u4e00-\u9fff()（）]{2,10}[:：]")
_YEAR = re.compile(r"^[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[）)]?$")
_OPENING_BRACKET = re.compile("[(（]")
_ONE_OR_TWO_HAN = re.compile(r"[\u4e00-\u9fff]{1,2}")  # a label's first characters, cut off


def read_block(
    toks: Sequence[Token], lo: int, hi: int, pipe: bool, notes: list[GridNote]
) -> tuple[list[list[str]], list[int]]:
    """The rows of the form's fields in tokens ``lo`` to ``hi`` (``pipe``: the text's cells are
    between ``|``) and the line each starts on; notes on them are added to ``notes``."""
    rows: list[list[str]] = []
    lines: list[int] = []

    bare: list[int] = []  # rows just made of a label alone, each right after the last

    def emit(row: list[str], line: int) -> None:
        rows.append(row)
        lines.append(line)
        bare.clear()

    titles = [k for k in range(lo, hi) if is_title(toks[k].text)]
    filled = [not t.empty for t in toks]
    title = form_title(titles, hi, filled.__getitem__, lambda k: block_label(toks[k].text))
    title = lo if title is None else title
    for t in toks[lo:title]:  # page text before the form's title: not its fields
        if not t.empty:
            emit([t.text], t.line)
    i = title
    row: list[str] | None = None
    line = 0
    values: list[Token] = []
    unfunded: list[str] = []  # funds row labels read with no amounts (see funds_table's lead)
    past = 0  # the token after the last value taken

    def flush() -> None:
        nonlocal row, values
        waiting = list(bare)
        if row is not None and not values and funds_row(row[0]) is not None:
            unfunded.append(row[0])
        if row is not None:
            values = restated_goal(row[0], values)
            lost: list[Token] = []
            after: list[list[str]] = []  # a cost breakdown run into the value (its rows)
            if values:
                if funds_row(row[0]) is not None:
                    amounts, lost = prose_after([t for t in values if not t.empty])
                    row.extend(t.text for t in amounts)
                elif given := _in_order((rows, lines), waiting, (row, line), values, toks, past):
                    labels = "”“".join([*(rows[k][0] for k in waiting), row[0]])
                    row.append(given.pop())
                    for k, value in zip(waiting, given, strict=True):
                        rows[k].append(value)
                    notes.append(GridNote("info", "text.values_in_order", IN_ORDER % labels, line))
                else:
                    row.extend(cells_of([t for t in values if not t.empty]))
                    if (costs := breakdown(row, line)) is not None:
                        row, after = costs.field, costs.rows
                        notes.append(costs.note)
            emit(row, line)
            if not values:
                bare[:] = [*waiting, len(rows) - 1]
            for row_ in after:
                emit(row_, line)
            for t in lost:  # a sentence after the amounts: its label lost (see prose_after)
                emit(["", t.text], t.line)
        elif values:
            for t in values:
                if not t.empty:
                    emit([t.text], t.line)
        row, values = None, []

    shared = share_rows(toks, title, hi, notes)
    while i < hi:
        t = toks[i]
        if t.empty:
            i += 1
            continue
        if i in shared:  # 合计 | 968.19 | 100%, 基本支出 | 724.23 | 74.8% …
            flush()
            made_, i = shared[i]
            for row_ in made_:
                emit(row_, t.line)
            continue
        run = funds_header(toks, i, hi)
        if run:
            lead = row[0] if row and not values and funds_row(row[0]) else None
            row = None if lead else row  # (a row label before the header: values after it)
            flush()
            apart = None if lead or pipe else read_apart(toks, i, run, hi, rows)
            if apart is not None:  # row labels before the header, their figures after it
                made_apart, dropped, found, i = apart
                line_of = lines[dropped[0]]
                for k in reversed(dropped):
                    del rows[k], lines[k]
                for row_ in made_apart:
                    emit(row_, line_of)
                notes.extend(found)
                unfunded.clear()
                bare.clear()  # (rows were taken out: no label run stands before)
                continue
            lead = lead or (unfunded[0] if len(unfunded) == 1 else None)  # (the one, further up)
            made, i = funds_table(toks, i, run, hi, pipe, lead)
            for row_, line_ in made:
                emit(row_, line_)
            continue
        split = split_header(toks, i, hi, row[0], pipe) if row and not values else None
        if split is not None:  # 年度资金总额 全年预算数(A) 300 全年执行数(B) …
            row, i = None, split[1]
            for row_, line_ in split[0]:
                emit(row_, line_)
            continue
        goals = goal_rows(toks, i, hi, notes)
        if goals is not None:
            flush()
            for row_, line_ in goals[1]:
                emit(row_, line_)
            i = goals[0]
            continue
        k = label_at(toks, i, block_label) or label_at(toks, i, pair_label)
        k = k or label_at(toks, i, score_label) or _modified_label(toks, i, hi, pipe)
        if k:
            flush()
            row, line = [join(list(toks[i : i + k]))], t.line
            i += k
            continue
        if row is None and (kind_of(t.text) or _YEAR.match("".join(t.text.split()))):
            flush()
            emit([t.text], t.line)
            i += 1
            continue
        if (
            row is not None
            and values
            and _FIELD_LABEL.fullmatch(t.text)
            and _field_starts(toks, i, hi, pipe, values[-1])
        ):
            flush()  # 是否为专项资金: / 金额单位: — a field's label ends the value before it
            row, line = [t.text], t.line
            i += 1
            continue
        if row is not None and values and pipe and _plain_field(toks, i, values[-1]):
            flush()  # (a cover's 预算编码:601002 line over the form's "|" rows: a field)
            emit([t.text], t.line)
            i += 1
            continue
        if row is None and _FIELD_LABEL.fullmatch(t.text) and _value_beside(toks, i, hi):
            flush()  # 绩效编制单位: | 某镇人民政府 — a field's label in its own cell
            row, line = [t.text], t.line
            i += 1
            continue
        if row is not None and values and not pipe and _amount_field(toks, i, hi, row[0]):
            flush()  # 项目名称 X 中期市财政预算(万元) 284500.00: a label stating its money unit
            row, line = [t.text], t.line  # ends the value before it (no name states 万元)
            i += 1
            continue
        new_line = values and t.gap in ("line", "para") and values[-1].line != t.line
        goal = row is not None and block_role(row[0]) in GOAL_ROLES
        field = _row_label(toks, i, hi, values) if row is not None and new_line and pipe else 0
        label = join(list(toks[i : i + field])) if field else ""
        colon = _FIELD_LABEL.fullmatch("".join(label.split())) is not None
        if field and (not goal or i + field == hi or _closes(values[-1]) or colon):
            flush()  # "|" rows not closed by a "|": a field's label | value row on a new line
            row, line = [label], t.line  # (a goal's: after its 。, or a label with its colon)
            i += field
            continue
        ends = new_line and not pipe and not goal  # (a goal ends at the next label)
        if row is not None and ends and _starred(toks, i, hi):
            flush()  # *部门(单位)职责 负责…: a required field's label opens a line, its value
            row, line = [t.text], t.line  # beside it
            i += 1
            continue
        if row is not None and ends and _amount_ends(row[0], values):
            flush()  # an amount's value ends with its line (项目预算金额 (万元) 5652 / 绩效目标 …)
        elif row is not None and ends and (own_line(toks, i) or _money_label(toks, i)):
            flush()  # a label's value ends with its line (or at a label stating 万元 after it)
        elif goal and new_line and label_at(toks, i, _caption):
            flush()  # …or at the grid's caption (专项 / 年度 / 绩效 / 指标, wrapped)
        elif goal and new_line and _section_heading(toks, i, hi):
            flush()  # …or at the next section's heading ((二)中长期绩效指标) on a line of its own
        elif goal and values and t.gap == "cut" and _closes(values[-1]) and is_tree_column(t.text):
            flush()  # …or, run together, at the grid's label (…机关。绩效指标) after a sentence
        values.append(t)
        i += 1
        past = i
    flush()
    notes.extend(stray_names(rows, lines, 0))
    return rows, lines


IN_ORDER = "栏名“%s”连写在前、其后各格依次是它们的值（文字次序打乱），按次序配对读取"


def _in_order(
    made: tuple[Sequence[Sequence[str]], Sequence[int]],
    waiting: Sequence[int],
    last: tuple[Sequence[str], int],
    values: Sequence[Token],
    toks: Sequence[Token],
    after: int,
) -> list[str] | None:
    """The values of labels written in a run before them (部门名称 填报人 某某局 张三: the
    page's text out of order), one per label in order: ``waiting`` rows held a label alone,
    each just before the next, ``last`` the last label's row and line, ``values`` its tokens
    (``made``: the rows so far and their lines; ``after``: the token after them). Only where the
    labels and values share one line, each value is a cell of its own and no label, the
    values are exactly as many as the labels and a label follows them on the line; a name's
    value holds no figure, an amount's is one. ``None`` otherwise (the values stay the last
    label's)."""
    (rows, lines), (row, line) = made, last
    cells = [t for t in values if not t.empty]
    labels = [rows[k][0] for k in waiting] + [row[0]]
    if not waiting or len(cells) != len(labels):
        return None
    if any(len(rows[k]) != 1 or lines[k] != line for k in waiting):
        return None
    if any(t.line != line for t in cells):
        return None
    if any(t.gap not in ("space", "pipe") for t in cells):
        return None
    nxt = next((k for k in range(after, len(toks)) if not toks[k].empty), None)
    if nxt is None or toks[nxt].line != line or not label_at(toks, nxt, any_label):
        return None
    for label, t in zip(labels, cells, strict=True):
        role = funds_row(label) or block_role(label)
        figure = NUMBER.match("".join(t.text.split())) is not None
        if any_label(t.text) or (role in NAME_ROLES and DIGIT.search(t.text)):
            return None
        if role in FUND_FIELDS and not figure:
            return None  # (an amount's label over a name: the name is not its value)
    return [t.text for t in cells]


def _money_label(toks: Sequence[Token], i: int) -> bool:
    """Whether the line at token ``i`` opens with a label stating a money unit (投入目标
    (万元), 资金情况(万元)): the form's funds part, which no name or short field runs on into,
    whether or not the vocabulary knows the label's words."""
    text = toks[i].text
    if i + 1 < len(toks) and toks[i + 1].line == toks[i].line and not _OPENING_BRACKET.search(text):
        text += toks[i + 1].text
    unit = vocabulary().money_in_label.pattern
    return re.fullmatch(rf"[\u4e00-\u9fff]{{2,12}}\s*{unit}", "".join(text.split())) is not None


def _amount_field(toks: Sequence[Token], i: int, hi: int, label: str) -> bool:
    """Token ``i``, a space after a value, is a label stating its money unit (中期市财政预算
    (万元)), or words after a name's value (``label`` a name's field: 项目支出名称 某某专项
    部门预算 70.00), an amount beside it on its line: a field of its own, whether or not the
    vocabulary knows its words (no name states 万元 or goes on to an amount)."""
    t = toks[i]
    text = "".join(t.text.split())
    money = _MONEY_FIELD.fullmatch(text) and vocabulary().money_in_label.search(text)
    words = block_role(label) in NAME_ROLES and _FIELD_WORDS.fullmatch(text)
    if t.gap != "space" or not (money or words):
        return False
    nxt = next((k for k in range(i + 1, hi) if not toks[k].empty), None)
    if nxt is None or toks[nxt].line != t.line or toks[nxt].gap != "space":
        return False
    amount = "".join(toks[nxt].text.split())
    if not money and YEAR.fullmatch(amount):
        return False  # (某某工程 二期 2023: a year may close a name)
    return NUMBER.match(amount) is not None


_FIELD_WORDS = re.compile(r"[\u4e00-\u9fff]{2,8}")
_MONEY_FIELD = re.compile(r"[\u4e00-\u9fff]{2,16}[（(][^()（）]{1,8}[)）]")


def _amount_ends(label: str, values: Sequence[Token]) -> bool:
    """The value of a funds row (its label a funds row's, or stating its money unit) is one
    amount so far: no line goes on an amount."""
    cells = [t for t in values if not t.empty]
    if len(cells) != 1 or not NUMBER.fullmatch("".join(cells[0].text.split())):
        return False
    return funds_row(label) is not None or vocabulary().money_in_label.search(label) is not None


def _modified_label(toks: Sequence[Token], i: int, hi: int, pipe: bool) -> int:
    """In text without ``|``, how many tokens from ``i`` (a line's first) are a known label
    with a word of one or two characters glued before it (具体 | 实施单位: the tokenizer cut
    the label's own modifier off), a value beside it on the line; 0: none."""
    t = toks[i]
    if pipe or t.gap not in ("line", "para", "start") or i + 1 >= hi:
        return 0
    if not _ONE_OR_TWO_HAN.fullmatch(t.text) or toks[i + 1].gap != "cut":
        return 0
    k = label_at(toks, i + 1, block_label)
    return k + 1 if k and _value_beside(toks, i + k, hi) else 0


def _starred(toks: Sequence[Token], i: int, hi: int) -> bool:
    """Token ``i`` opens its line with a required field's label (``*`` before it, as forms
    mark one: *部门(单位)职责), a value beside it."""
    text = "".join(toks[i].text.split())
    if len(text) < 3 or text[0] not in "*＊" or not _BARE_LABEL.fullmatch(text):
        return False
    return _value_beside(toks, i, hi)


def _plain_field(toks: Sequence[Token], i: int, last: Token) -> bool:
    """Whether token ``i`` is a label:value field (预算编码:601002) opening a line of "|" text
    that holds no "|" (a report cover's lines over the form's rows): no value goes on there."""
    t = toks[i]
    if t.gap not in ("line", "para") or last.line == t.line or not LABEL_VALUE.match(t.text):
        return False
    on_line = [x for x in toks[i : i + _ROW_TOKENS] if x.line == t.line]
    return all(x.gap != "pipe" for x in on_line)


_ROW_TOKENS = 40  # (tokens looked at on one line)


def _field_starts(toks: Sequence[Token], i: int, hi: int, pipe: bool, last: Token) -> bool:
    """Whether the field label at ``i`` starts a field of its own after a value: anywhere in
    text without ``|``; in ``|`` text (where a value goes on over lines) only at the start of
    a line with its value in the cell beside it (| 绩效编制单位: | 某某中心 |)."""
    if not pipe:
        return True
    return last.line != toks[i].line and _value_beside(toks, i, hi)


# A field's label the vocabulary does not know, as a form writes it (承办科室, *单位(机构)职责): a
# few words and their bracket, no figure, no sentence.
_BARE_LABEL = re.compile(
    r"[*＊]?[\u4e00-\u9fff]{2,10}(?:[(（][\u4e00-\u9fff\d]{1,6}[)）][\u4e00-\u9fff]{0,4})?"
    r"(?:\d{1,3}分)?"  # (its points: 项目资金 10分)
)
_WRAP_LINES = 4  # (a label wrapped over at most so many lines)


def _row_label(toks: Sequence[Token], i: int, hi: int, values: Sequence[Token]) -> int:
    """In "|" text whose rows do not end in a "|" (a value then goes on over lines, or the next
    row starts), how many tokens from ``i`` (a line's first) are the label of a row of its own:
    one cell (its pieces wrapped over lines up to the first "|") ended by a "|" on its last
    line, and a label: one stating its money unit (投入 / 资金 / (万元) |) or its colon
    (某某情况: |); or, a cell beside it, a field's label (承办科室 | 某某股) beside a value
    that is no label (a name's wrapped end, 某某 / 工程 | 项目编码, stays the name's; after a
    sentence's 。 beside anything). After an amount (which no line goes on), any cell; the
    cell leading the indicator header's row on its line (at ``hi``) ends any value. 0: none."""
    k = i
    while k + 1 < hi and toks[k + 1].gap in ("line", "glue", "cut") and k + 1 - i < _WRAP_LINES:
        if toks[k + 1].gap == "line" and label_at(toks, k + 1, block_label):
            break  # (a known label opens the next line: its own row's)
        k += 1
    if k + 1 >= len(toks) or toks[k + 1].gap != "pipe":
        return 0
    beside = toks[k + 1].line == toks[k].line  # (else its line closed by a "|")
    if beside and k + 1 == hi:
        return k + 1 - i  # the cell leading the indicator header's row (绩效指标 | 一级指标 …)
    text = "".join(join(list(toks[i : k + 1])).split())
    unit = vocabulary().money_in_label.pattern
    cell = [t for t in values if not t.empty]
    if re.fullmatch(rf"[\u4e00-\u9fff]{{2,12}}{unit}", text) or (
        cell and cell[-1].gap == "pipe" and NUMBER.match("".join(cell[-1].text.split()))
    ):
        return k + 1 - i
    if _FIELD_LABEL.fullmatch(text):
        return k + 1 - i  # (a label with its colon: 某某情况: | , its cell empty or not)
    if not beside or not _BARE_LABEL.fullmatch(text) or toks[k + 1].empty:
        return 0
    closed = bool(cell) and _closes(cell[-1])  # (a sentence ended: no name's wrapped end)
    return k + 1 - i if closed or not label_at(toks, k + 1, any_label) else 0


def _closes(t: Token) -> bool:
    return t.text.rstrip().endswith(("。", "！", "？"))


@lru_cache(maxsize=4096)
def _caption(text: str) -> bool:
    return vocabulary().caption.fullmatch("".join(text.split())) is not None


_HEADING_TOKENS = 6  # (a heading is short: at most so many tokens on its line)


def _section_heading(toks: Sequence[Token], i: int, hi: int) -> bool:
    """The line token ``i`` opens is a numbered section's heading for the indicators
    ((二)中长期绩效指标: ``section_heading``), whole."""
    line: list[Token] = []
    for t in toks[i : min(hi, i + _HEADING_TOKENS + 1)]:
        if line and t.line != toks[i].line:
            break
        line.append(t)
    if len(line) > _HEADING_TOKENS:
        return False
    return vocabulary().section_heading.fullmatch("".join(join(line).split())) is not None


def _value_beside(toks: Sequence[Token], i: int, hi: int) -> bool:
    """The token after ``i`` is a value on the same line, in a cell of its own (not a label)."""
    nxt = next((k for k in range(i + 1, hi) if not toks[k].empty), None)
    if nxt is None or toks[nxt].line != toks[i].line or toks[nxt].gap not in ("pipe", "space"):
        return False
    return not label_at(toks, nxt, any_label) and not _FIELD_LABEL.fullmatch(toks[nxt].text)
