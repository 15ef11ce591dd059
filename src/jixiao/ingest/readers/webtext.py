"""Plain text saved from a web page → the grid of the table it holds.

Whatever shape the page's text took (cells between ``|``, one cell per line or paragraph, rows
with cells split by spaces, a whole table on one line, cells run together), the text becomes
tokens (:mod:`..text_tokens`), and the grid is rebuilt from them with the vocabulary:

* an *indicator header* is a run of column labels (一级指标 二级指标 三级指标 指标值 …, possibly
  two header rows read in one run); the tokens after it, up to a footer label (总分, 评价结论 …)
  or the next form, are its *body*, aligned to its columns by :func:`..text_align.align`;
* before a header, a *block*: label | value rows (项目名称 | X, 主管部门 | Y), a self-evaluation's
  funds table (its column labels, then 年度资金总额 | 880 | 880 …, each amount put in its column
  by the same alignment), goals under sub-headers (年度总体目标 | 预期目标 | 实际完成情况 over
  their texts), and one-cell lines (title, year, 单位：万元);
* after a body, footer rows (总分 | 100 | 96 | 优).

Rows of a body that fit their columns badly (a cell that cannot be told from its neighbour) are
left out with a note: a wrong row is worse than a missing one. Page boilerplate before and after
the table becomes one-cell rows, which the interpreter skips. The numbered text layout
(``1、1-产出指标；…``) is left to the ``text`` reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...framework import clean_label, load_framework
from ..grid import Grid, GridNote
from ..table_block import is_funds_header, kind_of
from ..table_tree import TreeLine, TreeRow, tree_grid
from ..table_vocabulary import (
    block_role,
    footer_role,
    funds_column,
    funds_row,
    has_header,
    header_roles,
    is_boilerplate,
    is_tree_column,
    is_tree_header,
    role_of,
    vocabulary,
)
from ..text_align import (
    L1,
    L2,
    NUMBER,
    PERCENT,
    SCORE_ONLY,
    VALUE,
    Row,
    align,
    assign_funds,
    fit,
    kind,
    row_cost,
)
from ..text_clean import normalize
from ..text_tokens import Token, is_pipe_text, join, tokens
from .text import peek, read_text

_NUMBERED = re.compile(r"\d{1,3}\s*、\s*\d{1,2}\s*-\s*[^\d\s]")
_NUMBERED_LABEL = re.compile(r"实施周期指标值|年度指标值")
_MAX_LABEL_JOIN = 5  # tokens a label may be spread over (绩 效 指 标)
_BAD_ROW = 3.0  # a body row fitting worse than this per cell is not read
_GOAL_ROLES = ("goal", "period_goal", "goal_result")
_ROW_VALUES = frozenset({"value", "annual", "cycle", "actual", "weight", "score"})
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")
_YEAR = re.compile(r"^[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[）)]?$")


def _numbered(text: str) -> bool:
    m = _NUMBERED.search(text)
    return m is not None and _NUMBERED_LABEL.search(text, m.end()) is not None


def is_numbered(data: bytes) -> bool:
    """The numbered text layout (1、1-产出指标；11-数量指标；… 实施周期指标值:…), read by the
    ``text`` reader."""
    return _numbered(peek(data))


def sniff(data: bytes) -> bool:
    """Text holding an indicator header (every other text is read as web text as well, the
    last reader: its error says what the text lacks)."""
    text = peek(data)
    if _numbered(text):
        return False
    text, _ = normalize(text)
    return find_header(tokens(text)) is not None


# -- labels ----------------------------------------------------------------------------------------
def _header_label(text: str) -> bool:
    return role_of(text) is not None or is_tree_column(text)


def _label_at(toks: Sequence[Token], i: int, test: object) -> int:
    """How many tokens from ``i`` form one label that ``test`` accepts (the longest; 0: none).
    Tokens split by ``|`` are never joined; across blank lines only short pieces of a wrapped
    label (年初 / 预算数). Two labels side by side stay two labels."""
    assert callable(test)
    if _BRACKETED.fullmatch(toks[i].text):
        return 0  # (2022年度), (万元): never the start of a label
    first = toks[i].text
    if test(first) and first.endswith((")", "）")) and i + 1 < len(toks):
        return 1  # 执行率(B/A) | 得分: a label that ends with its bracket is whole
    best = 0
    for k in range(1, min(_MAX_LABEL_JOIN, len(toks) - i) + 1):
        part = toks[i : i + k]
        if part[-1].empty or (k > 1 and part[-1].gap == "pipe"):
            break
        if k > 1 and part[-1].gap == "para" and not all(len(t.text) <= 4 for t in part):
            break
        if test(join(list(part))):
            best = k
    return best


@dataclass(slots=True)
class Header:
    start: int  # first token
    end: int  # after the last token
    labels: list[str]
    line: int


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


def _stacked(toks: Sequence[Token], start: int) -> tuple[list[str], int] | None:
    """A header written on two lines, each label's lower half under it (年度 | 实际 over
    指标值 | 完成值): the labels of the line at ``start`` with the halves below joined in
    order, and the token after the second line; ``None`` when the lines do not pair up."""
    line = toks[start].line
    upper = [t for t in toks[start:] if t.line == line]
    end = start + len(upper)
    lower: list[Token] = []
    while end < len(toks) and toks[end].line == (lower[0].line if lower else toks[end].line):
        if toks[end].line == line:
            break
        lower.append(toks[end])
        end += 1
    if not lower or len(lower) > len(upper):
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
        if not _header_label(t.text):
            return None
        labels.append(t.text)
    return (labels, end) if p == len(lower) else None


def find_header(toks: Sequence[Token], lo: int = 0) -> Header | None:
    """The first run of header labels at or after token ``lo`` that makes an indicator header."""
    i = lo
    n = len(toks)
    while i < n:
        k = _label_at(toks, i, _header_label)
        if not k:
            i += 1
            continue
        start = i
        labels: list[str] = []
        while i < n:
            if toks[i].empty:
                i += 1
                continue
            k = _label_at(toks, i, _header_label)
            if not k:
                break
            labels.append(join(list(toks[i : i + k])))
            i += k
        if i < n and toks[i].line == toks[start].line:  # stopped inside its line: two lines?
            stacked = _stacked(toks, start)
            if stacked is not None and header_roles([x for x in stacked[0] if role_of(x)]):
                return Header(start, stacked[1], _reordered(stacked[0]), toks[start].line)
        cols = [x for x in labels if role_of(x) is not None]
        if header_roles(cols) is not None or is_tree_header(labels):
            return Header(start, i, _reordered(labels), toks[start].line)
        i = max(i, start + 1)
    return None


# -- the grid ------------------------------------------------------------------------------
class _Builder:
    def __init__(self, toks: list[Token], pipe: bool) -> None:
        self.toks = toks
        self.pipe = pipe
        self.rows: list[list[str]] = []
        self.lines: list[int] = []
        self.notes: list[GridNote] = []
        by_line: dict[int, int] = {}
        for t in toks:
            if not t.empty:
                by_line[t.line] = by_line.get(t.line, 0) + 1
        self.cells_on = by_line  # filled cells on each line
        multi = sum(1 for c in by_line.values() if c >= 3)
        # A row per line: most lines of the text hold several cells.
        self.rows_by_line = bool(by_line) and multi >= 0.5 * len(by_line)

    def emit(self, row: list[str], line: int) -> None:
        self.rows.append(row)
        self.lines.append(line)

    def build(self) -> None:
        toks = self.toks
        pos = 0
        found = False
        while True:
            header = find_header(toks, pos)
            if header is None:
                if not found:
                    self.block(pos, len(toks))
                    return
                after = len({t.line for t in toks[pos:] if not t.empty})
                if after:
                    self.notes.append(
                        GridNote(
                            "info",
                            "text.after_table",
                            f"表格之后的 {after} 行文字（网页内容）未读取",
                        )
                    )
                return
            found = True
            self.block(pos, header.start)
            end = self.body_end(header.end, len(header.labels))
            if is_tree_header(header.labels):
                self.outline(header, end)
            else:
                self.emit(header.labels, header.line)
                self.body(header, end)
            pos = self.footer(end)

    # -- block ---------------------------------------------------------------------------------
    def block(self, lo: int, hi: int) -> None:
        toks = self.toks
        title = max((k for k in range(lo, hi) if _is_title(toks[k].text)), default=lo)
        for t in toks[lo:title]:  # page text before the form's title: not its fields
            if not t.empty:
                self.emit([t.text], t.line)
        i = title
        row: list[str] | None = None
        line = 0
        values: list[Token] = []

        def flush() -> None:
            nonlocal row, values
            if row is not None:
                if values:
                    if funds_row(row[0]) is not None:
                        row.extend(t.text for t in values if not t.empty)
                    else:
                        row.extend(_cells_of([t for t in values if not t.empty]))
                self.emit(row, line)
            elif values:
                for t in values:
                    if not t.empty:
                        self.emit([t.text], t.line)
            row, values = None, []

        while i < hi:
            t = toks[i]
            if t.empty:
                i += 1
                continue
            run = self.funds_header(i, hi)
            if run:
                flush()
                i = self.funds_table(i, run, hi)
                continue
            goals = self.goal_header(i, hi)
            if goals is not None:
                flush()
                for row_, line_ in goals[1]:
                    self.emit(row_, line_)
                i = goals[0]
                continue
            k = _label_at(toks, i, _block_label)
            if k:
                flush()
                row, line = [join(list(toks[i : i + k]))], t.line
                i += k
                continue
            if row is None and (kind_of(t.text) or _YEAR.match("".join(t.text.split()))):
                flush()
                self.emit([t.text], t.line)
                i += 1
                continue
            new_line = values and t.gap in ("line", "para") and values[-1].line != t.line
            goal = row is not None and block_role(row[0]) in _GOAL_ROLES
            ends = new_line and not self.pipe and not goal  # (a goal ends at the next label)
            if row is not None and ends and _is_own_line(toks, i):
                flush()  # a label's value ends with its line
            values.append(t)
            i += 1
        flush()

    def funds_header(self, i: int, hi: int) -> int:
        """How many tokens from ``i`` are a funds table's header (0: none)."""
        toks = self.toks
        labels: list[str] = []
        j = i
        while j < hi:
            if toks[j].empty:
                j += 1
                continue
            k = _label_at(toks, j, lambda x: funds_column(x) is not None)
            if not k:
                break
            labels.append(join(list(toks[j : j + k])))
            j += k
        return j - i if len(labels) >= 2 and is_funds_header(labels) else 0

    def funds_table(self, i: int, run: int, hi: int) -> int:
        """Emit a funds table (its header at ``i``); the token after it."""
        toks = self.toks
        labels = [
            join(list(toks[j : j + k]))
            for j, k in _labels(toks, i, i + run, lambda x: funds_column(x) is not None)
        ]
        roles = [funds_column(x) for x in labels]
        self.emit(["", *labels], toks[i].line)
        j = i + run
        while j < hi:
            if toks[j].empty:
                j += 1
                continue
            k = _label_at(toks, j, lambda x: funds_row(x) is not None)
            if not k:
                break
            label = join(list(toks[j : j + k]))
            j += k
            vals: list[Token] = []
            while j < hi and not _label_at(toks, j, _any_label):
                if self.pipe and toks[j].row == 2:
                    break  # the next row of "|" text
                if not toks[j].empty or self.pipe:
                    vals.append(toks[j])
                j += 1
            cells = [""] * len(roles)
            if vals and self.pipe:
                cells = ([t.text for t in vals] + cells)[: len(roles)]  # "|" keeps empty cells
            elif vals:
                cells = assign_funds([t.text for t in vals], roles)
            self.emit([label, *cells], toks[j - 1].line)
        return j

    def goal_header(self, i: int, hi: int) -> tuple[int, list[tuple[list[str], int]]] | None:
        """A run of goal sub-headers (预期目标 | 实际完成情况) and their texts from token ``i``:
        the token after them and the two rows they make (``None``: not such a run)."""
        toks = self.toks
        labels = [(j, k) for j, k in _labels(toks, i, hi, lambda x: block_role(x) in _GOAL_ROLES)]
        if len(labels) < 2:
            return None
        names = [join(list(toks[j : j + k])) for j, k in labels]
        if len({block_role(x) for x in names} | {x for x in names}) < 2:
            return None
        j = labels[-1][0] + labels[-1][1]
        texts: list[Token] = []
        while j < hi and not _label_at(toks, j, _any_label):
            if not toks[j].empty:
                texts.append(toks[j])
            j += 1
        if not texts:
            return None
        first_role = block_role(names[0])
        if first_role == "goal" and (len(names) > 2 or len(texts) < len(names)):
            group, subs = names[0], names[1:]  # 总体目标 | 年度目标: the first labels the group
        else:
            group, subs = "", names
        cells = _spread(texts, len(subs))
        return j, [([group, *subs], toks[i].line), ([group, *cells], texts[0].line)]

    # -- body ----------------------------------------------------------------------------------
    def body_end(self, lo: int, columns: int = 0) -> int:
        """Where a body starting at token ``lo`` ends: a footer label, a new form or header, or
        (``|`` text with a row per line) a line with more cells than the header has ``columns``:
        another table."""
        toks = self.toks
        for i in range(lo, len(toks)):
            t = toks[i]
            if t.empty:
                continue
            wide = columns and self.pipe and self.rows_by_line and t.row == 2
            if wide and self.cells_on.get(t.line, 0) >= columns + 2:
                return i
            text = "".join(t.text.split())
            if footer_role(text) is not None and (t.gap != "glue" or len(text) > 2):
                return i
            if block_role(text) == "project" or kind_of(text):
                return i
            if is_boilerplate(t.text) and t.gap in ("line", "para", "start"):
                return i
            if _label_at(toks, i, _header_label) and find_header(toks[i : i + 40]) is not None:
                head = find_header(toks, i)
                if head is not None and head.start == i:
                    return i
        return len(toks)

    def body(self, header: Header, end: int) -> None:
        roles = [role_of(x) for x in header.labels]
        part = self.toks[header.end : end]
        if not part:
            return
        if not _ROW_VALUES & set(roles):
            self.notes.append(
                GridNote(
                    "warning",
                    "text.header_no_values",
                    "表头没有指标值、完成值或分值列，其下各行无法读取",
                    header.line,
                )
            )
            return
        rows = align(part, roles, keeps_empty=self.pipe, rows_by_line=self.rows_by_line)
        _outer_classes(rows, roles)
        doubts = [_implausible(r.cells, roles) if any(r.cells) else None for r in rows]
        for k, why in _class_doubts(rows, roles).items():
            doubts[k] = doubts[k] or why
        filled = [r for r in rows if any(r.cells) and not _template_row(r.cells, roles)]
        unclear = sum(
            d is not None and not _template_row(r.cells, roles)
            for r, d in zip(rows, doubts, strict=True)
        )
        if filled and unclear * 2 > len(filled):
            self.notes.append(
                GridNote(
                    "warning",
                    "text.body_unclear",
                    f"指标表的 {len(filled)} 行中过半无法分清各格（文字连在一起、次序打乱或缺格），"
                    "整张指标表未读取",
                    header.line,
                )
            )
            return
        refused = 0
        values = [j for j, r in enumerate(roles) if r in _ROW_VALUES]
        for r, doubt in zip(rows, doubts, strict=True):
            filled_cells = sum(1 for c in r.cells if c)
            if doubt is not None:
                self.notes.append(
                    GridNote(
                        "warning",
                        "text.row_unclear",
                        f"这一行{doubt}，未读取：" + " | ".join(c for c in r.cells if c)[:80],
                        r.line,
                    )
                )
                continue
            if values and not any(r.cells[j] for j in values):
                if filled_cells:
                    self.notes.append(
                        GridNote(
                            "info",
                            "text.row_no_values",
                            "只有名称、没有指标值的行未读取："
                            + " | ".join(c for c in r.cells if c)[:80],
                            r.line,
                        )
                    )
                continue
            cost = row_cost(r.cells, roles, self.pipe)
            if filled_cells and cost / filled_cells > _BAD_ROW:
                refused += 1
                self.notes.append(
                    GridNote(
                        "warning",
                        "text.row_unclear",
                        "这一行的各格分不清（文字连在一起或缺格），未读取："
                        + " | ".join(c for c in r.cells if c)[:80],
                        r.line,
                    )
                )
                continue
            self.emit(r.cells, r.line)
        if rows and not refused:
            return

    def outline(self, header: Header, end: int) -> None:
        """An indentation tree under a header such as 项目 | 指标值 | 绩效金额, its labels set
        in by leading spaces and its values after them (on their lines or the next ones)."""
        roles = [role_of(x) for x in header.labels[1:]]
        items: list[TreeLine | TreeRow] = []
        label: Token | None = None
        values: list[Token] = []

        def close() -> None:
            if label is not None:
                cells = assign_funds([v.text for v in values], roles) if values else []
                items.append(TreeLine(label.line, label.indent, label.text, tuple(cells)))

        root: int | None = None
        for t in self.toks[header.end : end]:
            if t.empty:
                continue
            if kind(t.text) in (NUMBER, PERCENT, VALUE) and label is not None:
                values.append(t)
                continue
            if root is not None and t.indent < root and t.gap in ("line", "para"):
                break  # set out less than the tree's root: the page after the table
            if root is None:
                root = t.indent
            if label is not None and t.line == label.line and not values:
                label = Token(join([label, t]), label.line, label.gap, label.row, label.indent)
                continue
            close()
            label, values = t, []
        close()
        grid = tree_grid("", [], (header.line, header.labels[1:]), items, "", load_framework())
        for row, line in zip(grid.rows, grid.lines, strict=True):
            self.emit(row, line)
        self.notes.extend(grid.notes)

    # -- footer --------------------------------------------------------------------------------
    def footer(self, lo: int) -> int:
        """Footer rows from token ``lo`` (总分 | 100 | 96 | 优, 评价结论 | …); the token after."""
        toks = self.toks
        i = lo
        while i < len(toks):
            t = toks[i]
            if t.empty:
                i += 1
                continue
            text = "".join(t.text.split())
            if footer_role(text) is None:
                return i
            row = [t.text]
            i += 1
            vals: list[Token] = []
            while i < len(toks) and not _label_at(toks, i, _any_label):
                if not toks[i].empty:
                    vals.append(toks[i])
                i += 1
            if footer_role(text) == "score":
                row.extend(v.text for v in vals)
            elif vals:
                row.append(join(vals))
            self.emit(row, t.line)
        return i


def _labels(toks: Sequence[Token], lo: int, hi: int, test: object) -> list[tuple[int, int]]:
    """The consecutive labels ``test`` accepts from token ``lo``: (first token, length) each."""
    found: list[tuple[int, int]] = []
    j = lo
    while j < hi:
        if toks[j].empty:
            j += 1
            continue
        k = _label_at(toks, j, test)
        if not k:
            break
        found.append((j, k))
        j += k
    return found


def _block_label(text: str) -> bool:
    t = "".join(text.split())
    if len(t) > 20:
        return False
    return block_role(t) is not None or funds_row(t) is not None


def _any_label(text: str) -> bool:
    t = "".join(text.split())
    return (
        _block_label(t)
        or funds_column(t) is not None
        or footer_role(t) is not None
        or (role_of(t) is not None and fit("name", t) > 0)
    )


def _is_title(text: str) -> bool:
    t = "".join(text.split())
    return len(t) <= 60 and t.endswith(("表", "表)", "表）")) and kind_of(t) is not None


def _is_own_line(toks: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` starts a line that holds nothing else but one cell."""
    line = toks[i].line
    return all(t.line != line for t in toks[i + 1 : i + 2])


_CLASS_INSIDE = re.compile(
    "产出指标|效益指标|满意度指标|成本指标|数量指标|质量指标|时效指标|效益指标|影响指标"
)
_FRAGMENT = re.compile(r"^[\d\W]*(?:指标)?[\d\W]*$")


def _implausible(cells: list[str], roles: list[str | None]) -> str | None:
    """Why an aligned row cannot be an indicator row as read (a name that is a fragment or holds
    class labels run into it, a target that is a label), or ``None``: each a sign that cells were
    not told apart right, and a wrong row is worse than a missing one."""
    for role, cell in zip(roles, cells, strict=True):
        text = "".join(cell.split())
        if not text:
            continue
        if role == "name":
            words = re.findall("[\u4e00-\u9fff]", text)
            if _FRAGMENT.fullmatch(text) or len(words) < 3:
                return "的三级指标名称只是残片"
            if text in vocabulary().qualitative_phrases or text in ("已完成", "完成", "未完成"):
                return "的三级指标名称是一个指标值"
            numbers = [w for w in cell.split() if kind(w) in (NUMBER, PERCENT, VALUE)]
            if len(numbers) >= 2:
                return "的三级指标名称里混有几个数值"
            if _CLASS_INSIDE.search(text) and kind(text) not in (L1, L2):
                return "的三级指标名称里混有指标类别"
        elif role in ("value", "annual", "cycle", "actual"):
            label = _header_label(text) and text not in vocabulary().qualitative_phrases
            if kind(text) in (L1, L2) or _CLASS_INSIDE.search(text) or label:
                return "的指标值是一个标签"
            half = len(text) // 2
            doubled = len(text) % 2 == 0 and text[:half] == text[half:]
            if text.isdigit() and len(text) >= 4 and doubled:
                return "的指标值像两个数连在一起（如分值和得分）"
            if re.fullmatch(r"\d+[:：]", text):
                return "的指标值只是编号"
        elif role in ("level1", "level2") and not _is_class_cell(text):
            return "的指标类别不是类别名称"
    return None


def _outer_classes(rows: Sequence[Row], roles: list[str | None]) -> None:
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


def _class_doubts(rows: Sequence[Row], roles: list[str | None]) -> dict[int, str]:
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


def _template_row(cells: list[str], roles: list[str | None]) -> bool:
    """A template's unfilled row (its name 0, -, 指标2:): no sign of cells misread."""
    name = next((c for r, c in zip(roles, cells, strict=True) if r == "name"), "")
    bare = "".join(name.split())
    return (
        not bare
        or bool(re.fullmatch(r"[\d\W_]*", bare))
        or bool(vocabulary().placeholder_name.fullmatch(bare))
    )


def _is_class_cell(text: str) -> bool:
    """A class cell: a known class, (50分), or a class of another framework (…指标)."""
    return kind(text) in (L1, L2, SCORE_ONLY) or text.endswith(("指标", "分)", "分）"))


def _cells_of(values: list[Token]) -> list[str]:
    """A label's value tokens as cells: ``|`` separates cells, anything else is one cell."""
    cells: list[list[Token]] = []
    for t in values:
        if not cells or t.gap == "pipe":
            cells.append([t])
        else:
            cells[-1].append(t)
    return [join(c) for c in cells]


def _spread(texts: list[Token], n: int) -> list[str]:
    """``texts`` as ``n`` cells: one each when they are ``n``, else split by lines (the last
    cell takes what is left)."""
    if len(texts) <= n:
        return [t.text for t in texts] + [""] * (n - len(texts))
    if n == 1:
        return [join(texts)]
    out = [t.text for t in texts[: n - 1]]
    out.append(join(texts[n - 1 :]))
    return out


def grids(data: bytes, name: str, encoding: str | None = None) -> list[Grid]:
    text, notes = read_text(data, name, encoding)
    text, more = normalize(text)
    lines = text.split("\n")
    builder = _Builder(tokens(text), is_pipe_text(lines))
    builder.build()
    grid = Grid.of("", builder.rows, builder.lines)
    grid.notes.extend(notes)
    grid.notes.extend(more)
    grid.notes.extend(builder.notes)
    return [grid]


__all__ = ["grids", "has_header", "sniff", "vocabulary"]
