"""Labels in web-page text: a label spread over tokens (绩 效 指 标, 年初 / 预算数), runs of
labels, and the indicator header (一级指标 二级指标 三级指标 指标值 …, possibly two header rows
read as one run, or a header written on two lines with each label's lower half under it)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ...chars import BRACKETED, DIGIT
from ..grid import GridNote
from ..table_funds import PAIR_FUNDS, is_funds_used
from ..table_goalcell import words as goal_cell_words
from ..table_offset import one_level_down
from ..table_title import kind_of
from ..table_vocabulary import (
    block_role,
    footer_role,
    funds_column,
    funds_row,
    header_roles,
    is_tree_column,
    is_tree_header,
    role_of,
)
from ..text_cells import L1, L2, fit, kind
from ..text_tokens import Token, is_title_end, join, join_more

_MAX_LABEL_JOIN = 5  # tokens a label may be spread over (绩 效 指 标)
_LABEL_CHARS = 40  # characters no label passes (偏差原因分析及改进措施 is 11, a gloss with it more)


@lru_cache(maxsize=16384)
def header_label(text: str) -> bool:
    return role_of(text) is not None or is_tree_column(text)


def label_at(toks: Sequence[Token], i: int, test: object) -> int:
    """How many tokens from ``i`` form one label that ``test`` accepts (the longest; 0: none).
    Tokens split by ``|`` are never joined; across blank lines only short pieces of a wrapped
    label (年初 / 预算数). Two labels side by side stay two labels."""
    assert callable(test)
    if BRACKETED.fullmatch(toks[i].text):
        return 0  # (2022年度), (万元): never the start of a label
    first = toks[i].text
    if test(first) and first.endswith((")", "）")) and i + 1 < len(toks):
        nxt = toks[i + 1]  # 部门(单位) 名称: the rest of the label, no label of its own
        whole = nxt.empty or nxt.gap == "pipe" or test(nxt.text) or not test(first + nxt.text)
        return 1 if whole else 2  # 执行率(B/A) | 得分: a label that ends with its bracket
    best = 0
    text = ""
    short = True  # every piece so far is short (a label wrapped across blank lines)
    for k in range(1, min(_MAX_LABEL_JOIN, len(toks) - i) + 1):
        last = toks[i + k - 1]
        if last.empty or (k > 1 and last.gap == "pipe"):
            break
        short = short and len(last.text) <= 4
        gloss = last.text.startswith(("(", "（"))  # (得分 / (20分*执行率): its gloss below it)
        if k > 1 and last.gap == "para" and not short and not gloss:
            break
        mark = best and k > 1 and _UNCLOSED.search(toks[i + k - 2].text) is not None
        if mark and _opens(last.text, test) and not _inside_brackets(toks, i + k - 1):
            break  # (年初目标值 (A 实际完成值: a label, its unclosed mark, the next label)
        text = join_more(text, last) if k > 1 else last.text
        if len(text) > _LABEL_CHARS:
            break  # (a goal's sentence: no label, however many pieces it takes)
        if test(text):
            best = k
    return best


def _opens(text: str, test: Callable[[str], object]) -> bool:
    """``text`` a label of its own or a class (which opens the body)."""
    return bool(test(text)) or kind(text) in (L1, L2)


# A mark whose bracket the page lost, alone or closing its label's token: (A, 年初目标值(A
_UNCLOSED = re.compile(r"[（(][^（(）)]*$")


def _inside_brackets(toks: Sequence[Token], j: int) -> bool:
    """Token ``j`` (or the one after it) closes a bracket: it stands inside the gloss of the
    label before (得分 (20分* 执行率 ), 指标名称( 三级指标 )), not after it."""
    return any(")" in t.text or "）" in t.text for t in toks[j : j + 2])


@dataclass(slots=True)
class Header:
    start: int  # first token
    end: int  # after the last token
    labels: list[str]
    line: int
    subdivided: bool = False  # two header lines, the second's labels under two of the first's
    level_off: bool = False  # 一级 | 二级 over level-2 classes and names: read one level down


def _reordered(labels: list[str]) -> list[str]:
    """Two header rows read as one run (年度指标值 | 实际完成值 | 分值 … then 一级指标 | 二级指标 |
    三级指标 | 指标性质 | 指标值 | 度量单位): the columns in table order. The first row's first
    target label stands over the second row's labels after the class and name labels."""
    roles = [role_of(x) for x in labels]
    first_class = next((k for k, r in enumerate(roles) if r in ("level1", "level2", "name")), 0)
    before = [k for k in range(first_class) if roles[k] is not None]
    if not before:
        return labels
    name_at = next((k for k, r in enumerate(roles) if r == "name"), None)
    if name_at is None:
        return labels
    top = labels[:first_class]
    bottom = labels[first_class:]
    classes = labels[first_class : name_at + 1]
    under = bottom[len(classes) :]
    group = next((k for k, r in enumerate(roles[:first_class]) if r in ("value", "annual")), None)
    if group is None or not under:
        return labels
    return [*top[:group], *classes, *under, *top[group + 1 :]]


_STACKED_TOKENS = 80  # the cells and blanks of a header line written over a second one


def _stacked(toks: Sequence[Token], start: int) -> tuple[list[str], int] | None:
    """A header written on two lines, each label's lower half under it (年度 | 实际 over
    指标值 | 完成值): the labels of the line at ``start`` with the halves below joined in
    order, and the token after the second line; ``None`` when the lines do not pair up."""
    line = toks[start].line
    end = start
    while end < len(toks) and toks[end].line == line:  # (tokens are in line order)
        end += 1
        if end - start > _STACKED_TOKENS:
            return None  # (no header line is so long: no scan of a long line per candidate)
    upper = toks[start:end]
    lower: list[Token] = []
    while end < len(toks) and toks[end].line == (lower[0].line if lower else toks[end].line):
        lower.append(toks[end])
        end += 1
        if len(lower) > len(upper):
            return None
    if not lower:
        return None
    labels: list[str] = []
    p = 0
    for t in upper:
        if t.empty:
            continue
        if p < len(lower):
            both = t.text + lower[p].text
            if role_of(both) is not None:
                labels.append(both)
                p += 1
                continue
        if not header_label(t.text):
            return None
        labels.append(t.text)
    return (labels, end) if p == len(lower) else None


_TAIL_CELLS = 3  # the upper row's cells that are no label of their own (县级 | 市级)
_LOWER_ROLES = frozenset({"level1", "level2", "name", "seq", "project", "unit"})


def _under_tail(toks: Sequence[Token], labels: list[str], i: int) -> tuple[list[str], int] | None:
    """A two-row header whose first row ends in cells that are no label alone (指标 | 县级 | 市级,
    then a row break, then 分值 | 评分 | 评分 under them): the labels with the second row's
    joined to the last cells of the first (指标 + 分值 = 指标分值; 县级 + 评分 reads as 评分),
    and the token after the second row; ``None`` when the run at ``i`` is no such tail."""
    tail: list[str] = []
    n = len(toks)
    while i < n and not toks[i].empty and not header_label(toks[i].text):
        t = toks[i].text
        if len(tail) == _TAIL_CELLS or len(t) > 6 or DIGIT.search(t):
            return None
        tail.append(t)
        i += 1
    if not tail or i == n:
        return None
    while i < n and toks[i].empty:
        i += 1
    lower: list[str] = []
    while i < n and not toks[i].empty and role_of(toks[i].text) is not None:
        if role_of(toks[i].text) in _LOWER_ROLES:
            return None
        lower.append(toks[i].text)
        i += 1
    upper = [*labels, *tail]
    if not len(tail) <= len(lower) <= len(upper):
        return None
    j = next((k for k in range(i, n) if not toks[k].empty), n)
    if j + 1 < n and not header_label(toks[j].text) and header_label(toks[j + 1].text):
        return None  # (半年(程) | 指标值 | 全年(程) | 指标值: a header of such pairs, one row)
    joined = upper[: len(upper) - len(lower)]
    for u, v in zip(upper[len(joined) :], lower, strict=True):
        both = u + v
        seen = role_of(v) in {role_of(x) for x in joined}  # (市级 | 评分 after 县级 | 评分: a
        joined.append(both if role_of(both) is not None or seen else v)  # column no role reads)
    if header_roles([x for x in joined if role_of(x)]) is None:
        return None
    return joined, i


def _labels_by_line(toks: Sequence[Token], lo: int, hi: int) -> list[list[str]]:
    """The header labels of tokens ``lo``..``hi``, a list per line."""
    lines: list[list[str]] = []
    last = -1
    for j, k in labels_at(toks, lo, hi, header_label):
        if toks[j].line != last:
            lines.append([])
            last = toks[j].line
        lines[-1].append(join(list(toks[j : j + k])))
    return lines


def _line_labels(toks: Sequence[Token], lo: int, hi: int) -> list[list[str]]:
    """The header labels of tokens ``lo``..``hi``, a list per row: per line, or for a header
    written a label per line (a cell per line or paragraph) cut where its second row starts,
    at its first 符号 / 指标性质 label after the names' and a target label (三级指标 | 年度指标值
    | … | 指标性质 | 指标值 | 度量单位: the target's parts under it), or before its last labels
    when they are targets of their own (:func:`_targets`) and the row above has one target
    label after the names (三级指标 | 指标值 | 指标标准 | 上年实现值 | 本年预期值: the two
    under 指标值, the first row's last label after them)."""
    lines = _labels_by_line(toks, lo, hi)
    if len(lines) < 3 or any(len(x) != 1 for x in lines):
        return lines
    labels = [x[0] for x in lines]
    roles = [role_of(x) for x in labels]
    k = next((k for k, r in enumerate(roles) if r == "op"), None)
    if k is None:
        k = _targets_below(roles)
    target = next((j for j, r in enumerate(roles[:k]) if r in ("value", "annual")), None)
    name = next((j for j, r in enumerate(roles) if r == "name"), None)
    if k is None or target is None or name is None or name > target:
        return lines  # (the classes under the top row's targets: see _reordered)
    return [labels[:k], labels[k:]]


def _targets_below(roles: list[str | None]) -> int | None:
    """Where a header's last labels, targets of their own, start (the shortest such run of
    two or more) when the labels before them hold one target label: ``None`` if they do not."""
    for k in range(len(roles) - 2, 0, -1):
        if not _targets(roles[k:]):
            continue
        top = [r for r in roles[:k] if r in _TARGETS]
        return k if len(top) == 1 and top[0] != "cycle" else None
    return None


def _subdivided(toks: Sequence[Token], lo: int, hi: int) -> list[str] | None:
    """A header on two lines whose second holds the sub-labels of two of the first's columns
    (Hebei's 预期指标值 over 符号 | (the value) | 单位(文字描述), and 自评得分 over 单项指标得分 |
    权重占比(%) | 单项指标折算得分): the columns in table order, the value's own column kept
    between its 符号 and 单位 (a sub-label the template leaves blank). ``None`` for any
    other header."""
    lines = _line_labels(toks, lo, hi)
    if len(lines) != 2:
        return None
    top, subs = lines
    roles = [role_of(x) for x in subs]
    if len(subs) < 3 or roles[:2] not in (["op", "unit"], ["op", "measure"]):
        return None
    value = next((k for k, x in enumerate(top) if role_of(x) in ("value", "annual")), None)
    if value is None or role_of(top[-1]) != "score" or value == len(top) - 1:
        return None
    return [*top[:value], subs[0], top[value], subs[1], *top[value + 1 : -1], *subs[2:]]


def _value_parts(toks: Sequence[Token], lo: int, hi: int) -> list[str] | None:
    """A header on two lines whose second holds only the three parts of the first's one target
    column, each labelled (年度指标值 over 指标性质 | 指标值 | 度量单位), or targets of their own
    (see :func:`_targets`): the columns in table order, the parts in the target's place. The
    two lines run into one (a whole table on one line) read alike when the three parts end it,
    after the first line's labels in table order (the names before the target: else
    :func:`_reordered` puts the classes and names in place).
    ``None`` for any other header."""
    lines = _line_labels(toks, lo, hi)
    apart = len(lines) == 2  # (targets of their own only under a second line of labels)
    if len(lines) == 1 and "name" in (roles := [role_of(x) for x in lines[0][:-3]]):
        names = roles.index("name")
        if any(r in ("value", "annual") for r in roles[names:]):
            lines = [lines[0][:-3], lines[0][-3:]]
    if len(lines) != 2:
        return None
    top, subs = lines
    roles = [role_of(x) for x in subs]
    parts = roles in (["op", "value", "unit"], ["op", "value", "measure"])
    if not parts and not (apart and _targets(roles)):
        return None
    at = [k for k, x in enumerate(top) if role_of(x) in ("value", "annual", "op", "unit")]
    if len(at) != 1 or role_of(top[at[0]]) not in ("value", "annual"):
        return None
    return [*top[: at[0]], *subs, *top[at[0] + 1 :]]


_TARGETS = frozenset({"value", "annual", "cycle"})
_NOT_UNDER_TARGET = frozenset({"level1", "level2", "name", "weight", "score", None})


def _targets(roles: list[str | None]) -> bool:
    """Sub-labels that split one target column into targets of their own (指标值 over 上年实际
    实现值 | 本年预期实现值): two or more, a target among them, nothing a target column cannot
    hold (a class, a name, points)."""
    return len(roles) >= 2 and bool(_TARGETS & set(roles)) and not _NOT_UNDER_TARGET & set(roles)


def find_header(toks: Sequence[Token], lo: int = 0) -> Header | None:
    """The first run of header labels at or after token ``lo`` that makes an indicator header."""
    i = lo
    n = len(toks)
    while i < n:
        k = label_at(toks, i, header_label)
        if not k:
            i += 1
            continue
        start = i
        labels: list[str] = []
        while i < n:
            if toks[i].empty:
                i += 1
                continue
            k = label_at(toks, i, header_label)
            if not k:
                break
            labels.append(join(list(toks[i : i + k])))
            i += k
        below = _under_tail(toks, labels, i)
        if below is not None:
            return Header(start, below[1], below[0], toks[start].line)
        if i < n and toks[i].line == toks[start].line:  # stopped inside its line: two lines?
            stacked = _stacked(toks, start)
            if stacked is not None and header_roles([x for x in stacked[0] if role_of(x)]):
                return Header(start, stacked[1], _reordered(stacked[0]), toks[start].line)
        cols = [x for x in labels if header_label(x)]  # (a tree's label: 绩效指标 | 指标 …)
        down = None if header_roles(cols) is not None else one_level_down(labels)
        if down is not None and _level2_next(toks, i):
            return Header(start, i, _reordered(down), toks[start].line, level_off=True)
        if header_roles(cols) is not None or is_tree_header(labels):
            parts = _value_parts(toks, start, i)
            if parts is not None:
                return Header(start, i, parts, toks[start].line)
            split = _subdivided(toks, start, i)
            if split is not None:
                return Header(start, i, split, toks[start].line, subdivided=True)
            return Header(start, i, _reordered(labels), toks[start].line)
        i = max(i, start + 1)
    return None


def with_code(toks: Sequence[Token], header: Header) -> Header:
    """``header`` with the unit-code column label before it on its line (单位代码 | 单位(专项)名称
    | 资金总额 …): a column no role reads, whose codes open the unit and project rows."""
    k = header.start - 1
    if k < 0 or toks[k].empty or toks[k].line != toks[header.start].line:
        return header
    text = "".join(toks[k].text.split())
    if not header.labels or role_of(header.labels[0]) not in ("unit", "project"):
        return header
    if not goal_cell_words().code_column.fullmatch(text):
        return header
    return replace(header, start=k, labels=[text, *header.labels])


def _level2_next(toks: Sequence[Token], i: int) -> bool:
    """Whether the first cell after a header at token ``i`` is a level-2 class (数量指标) and
    no level 1: the header's 一级 column holds level 2 (see :mod:`..table_offset`)."""
    t = next((t for t in toks[i:] if not t.empty), None)
    return t is not None and kind(t.text) == L2


def labels_at(toks: Sequence[Token], lo: int, hi: int, test: object) -> list[tuple[int, int]]:
    """The consecutive labels ``test`` accepts from token ``lo``: (first token, length) each."""
    found: list[tuple[int, int]] = []
    j = lo
    while j < hi:
        if toks[j].empty:
            j += 1
            continue
        k = label_at(toks, j, test)
        if not k:
            break
        found.append((j, k))
        j += k
    return found


@lru_cache(maxsize=16384)  # (label_at tests each token in up to five joins)
def block_label(text: str) -> bool:
    t = "".join(text.split())
    if len(t) > 20:
        return False
    if block_role(t) is not None or funds_row(t) is not None or is_funds_used(t):
        return True
    halves = t.split("/")  # 项目实施单位/项目负责人: two fields over values joined alike
    return len(halves) == 2 and all(block_role(h) is not None for h in halves)


@lru_cache(maxsize=16384)  # (label_at tests each token in up to five joins)
def any_label(text: str) -> bool:
    t = "".join(text.split())
    return (
        block_label(t)
        or funds_column(t) is not None
        or footer_role(t) is not None
        or (role_of(t) is not None and fit("name", t) > 0)
    )


_SCATTER = 20  # tokens around a header without values where its value labels may stand
_SCATTER_ROWS = 5  # numbered rows (指标6:…) after it that make such a header worth reading
_NUMBERED_ROW = re.compile(r"指标\d+[:：]")
_VALUE_ROLES = ("value", "annual", "actual", "weight", "score")


def scattered_header(toks: Sequence[Token], header: Header) -> Header | None:
    """The header of a sheet flattened out of reading order, whose header has no value
    columns while its value labels stand scattered around it (年度 实际 指标值 完成值 … 二级指标
    三级指标 … 分值 得分) and numbered rows (指标6:…) follow: the class and name labels, then
    指标值, 完成值, 分值, 得分 in the usual order (their order in the text is not the table's).
    ``None`` when the header has values, or no such labels are near."""
    roles = [role_of(x) for x in header.labels]
    if set(_VALUE_ROLES) & set(roles) or "name" not in roles:
        return None
    numbered = sum(1 for t in toks[header.end :] if _NUMBERED_ROW.match(t.text))
    if numbered < _SCATTER_ROWS:
        return None
    lo, hi = max(0, header.start - _SCATTER), min(len(toks), header.end + _SCATTER)
    found: dict[str, str] = {}
    last = header.end
    for i in range(lo, hi):
        text = "".join(toks[i].text.split())
        role = role_of(text) if len(text) <= 6 else None
        if role == "value" and i > lo and role_of(toks[i - 1].text + text) is not None:
            continue  # the lower half of 年度 / 指标值: 年度 already stands for the column
        if role in _VALUE_ROLES and role not in found:
            found[role] = text
            last = max(last, i + 1)
    if "annual" in found:
        found.pop("value", None)
    values = [found[r] for r in _VALUE_ROLES if r in found]
    if len(values) < 2:
        return None
    labels = [x for x in header.labels if role_of(x) in ("level1", "level2", "name")]
    reason = _reason_label(toks, lo, hi)
    if reason is not None:  # (the 偏差原因 column, last in the row, its label broken or not)
        values.append(reason[0])
        last = max(last, reason[1])
    return Header(header.start, last, [*labels, *values], header.line)


def _reason_label(toks: Sequence[Token], lo: int, hi: int) -> tuple[str, int] | None:
    """A 偏差原因 label among ``toks[lo:hi]``, possibly broken in pieces (改进 措 施): its text and
    the token after it."""
    for i in range(lo, hi):
        for n in (3, 2, 1):
            text = "".join("".join(t.text.split()) for t in toks[i : min(i + n, hi)])
            if role_of(text) == "deviation":
                return text, i + n
    return None


@lru_cache(maxsize=16384)  # (label_at tests each token in up to five joins)
def pair_label(text: str) -> bool:
    """A funds column's label written beside its amount (转移支付预算数(A) 5.8万 预算执行率(B/A)
    100%), not over a funds table."""
    return funds_column(text) in PAIR_FUNDS


@lru_cache(maxsize=16384)  # (label_at tests each token in up to five joins)
def is_title(text: str) -> bool:
    """A table's title (项目支出绩效自评表, …自评表(2023年度)): short, of a known kind."""
    t = "".join(text.split())
    return len(t) <= 60 and is_title_end(t) and kind_of(t) is not None


@lru_cache(maxsize=16384)  # (label_at tests each token in up to five joins)
def score_label(text: str) -> bool:
    """The form's total score labelled among its fields (自评总分(分) | 97.93, the Chongqing
    部门整体 form's head), not in a footer."""
    return footer_role(_POINTS.sub("", "".join(text.split()))) == "score"


_POINTS = re.compile(r"[(（]分[)）]$")


_NAME_FIELDS = ("unit", "department", "project")
_POINTS_LABEL = re.compile(r"评分|得分")


def stray_names(rows: list[list[str]], lines: Sequence[int], lo: int) -> list[GridNote]:
    """A form's fields from row ``lo`` on whose text came out of order (OCR: 实施单位 自评得分 98
    财政审定评分 某某中学): on one line, a name field left without a value (实施单位) and,
    after it, a field of points (评分 / 得分) holding words with no figure: those words are the
    name's. Moved, where that name field is the only one on the line without a value; the notes
    saying so."""
    moved: list[GridNote] = []
    for k in range(lo, len(rows)):
        if len(rows[k]) != 1 or block_role(rows[k][0]) not in _NAME_FIELDS:
            continue
        same = [j for j in range(lo, len(rows)) if lines[j] == lines[k]]
        bare = [j for j in same if len(rows[j]) == 1 and block_role(rows[j][0]) in _NAME_FIELDS]
        points = [
            j
            for j in same
            if j > k
            and len(rows[j]) == 2
            and _POINTS_LABEL.search(rows[j][0])
            and block_role(rows[j][0]) not in _NAME_FIELDS
            and rows[j][1].strip()
            and not DIGIT.search(rows[j][1])
        ]
        if bare == [k] and len(points) == 1:
            j = points[0]
            why = f"“{rows[j][0]}”后的文字不是分数，是前面空着的“{rows[k][0]}”的值（文字次序打乱）"
            moved.append(GridNote("info", "text.stray_name", why, lines[k]))
            rows[k], rows[j] = [rows[k][0], rows[j][1]], [rows[j][0]]
    return moved


def name_given(rows: list[list[str]], lo: int, name: str) -> str | None:
    """Give ``name`` (a unit's name found out of place, see
    :func:`.webtext_apart.name_in_header`) to the one name field among the form's fields from
    row ``lo`` left without a value (实施单位); its label, or ``None`` (none or several such
    fields, or the name already a field's value) and nothing done."""
    bare = [k for k in range(lo, len(rows)) if len(rows[k]) == 1 and _name_field(rows[k][0])]
    if len(bare) != 1 or any(name in r[1:] for r in rows[lo:]):
        return None
    rows[bare[0]] = [rows[bare[0]][0], name]
    return rows[bare[0]][0]


def _name_field(text: str) -> bool:
    return block_role(text) in _NAME_FIELDS
