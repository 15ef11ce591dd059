"""The indentation tree: one indicator column whose indentation gives the hierarchy.

Budget systems export a project's targets as an outline under a header such as
``绩效指标 | 指标值``::

    产出指标
      数量指标
        服务老人人数      ≥500人
    效益指标
      …

A reader (plain text: :mod:`.readers.tree`; Excel: :mod:`.readers.xlsx`) turns each line into a
:class:`TreeLine` (its indentation width, label and the values after it) and each line outside
the outline (the next project's 项目名称 | X) into a :class:`TreeRow`; :func:`tree_grid` turns
them into ordinary grid rows (一级指标 | 二级指标 | 三级指标 | values…) for the one table
interpreter, so synonyms, glued values and money units are read as in every other grid.

Levels come from indentation, measured against the other lines (any width, spaces, full-width
spaces or tabs), and from the label itself where indentation cannot tell (a flat outline, or a
level 2 at its level 1's depth): a known level-1 or level-2 label per the indicator framework
is that class. Lines above the level 1 are the project (and above it the unit and department).
An indicator with no class above it is a :class:`~jixiao.errors.ParseError` naming its line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..errors import ParseError
from ..framework import Framework, load_framework
from ..model import NoteLevel
from .grid import Grid, GridNote, clean_cell
from .table_vocabulary import is_tree_header

_HEADINGS = ("project", "unit", "department")  # above the level 1, nearest first
_HEAD_LABELS = {"department": "主管部门", "unit": "资金使用单位", "project": "项目名称"}
_ROLE_NAMES = {
    "department": "部门",
    "unit": "单位",
    "project": "项目",
    "level1": "一级指标",
    "level2": "二级指标",
}
_FROM_BOTTOM = ("level2", "level1", "project", "unit", "department")


@dataclass(frozen=True, slots=True)
class TreeLine:
    """One line of the outline: its indentation width (any unit: only compared), label and
    the values in the columns after it."""

    line: int
    indent: int
    label: str
    values: tuple[str, ...] = ()

    @property
    def has_values(self) -> bool:
        return any(self.values)


@dataclass(frozen=True, slots=True)
class TreeRow:
    """A row outside the outline, kept as it is: a project block (项目名称 | X) or a header."""

    line: int
    cells: tuple[str, ...]


def indent_width(text: str) -> int:
    """The width of ``text``'s leading whitespace: a space 1, a full-width space 2, a tab to
    the next multiple of 4."""
    width = 0
    for ch in text:
        if ch in " \xa0":
            width += 1
        elif ch == "\u3000":
            width += 2
        elif ch == "\t":
            width = (width // 4 + 1) * 4
        else:
            break
    return width


@dataclass(slots=True)
class _Row:
    line: int
    cells: dict[str, str]
    values: tuple[str, ...] = ()
    klass: TreeLine | None = None  # a class line's own row, dropped if it has indicators


@dataclass(slots=True)
class _Context:
    levels: dict[str, TreeLine] = field(default_factory=dict)
    filled: set[int] = field(default_factory=set)  # lines of classes that have indicators


def tree_grid(
    name: str,
    above: Sequence[tuple[int, Sequence[str]]],
    header: tuple[int, Sequence[str]],
    items: Sequence[TreeLine | TreeRow],
    source: str,
    fw: Framework,
) -> Grid:
    """The grid of an outline: the rows ``above`` its header as they are, the header (its
    tree column and ``header[1]``, the labels of the value columns) as 一级指标 | 二级指标 |
    三级指标 | labels…, and one row per indicator."""
    return _Tree(source, fw).grid(name, above, header, items)


class _Tree:
    def __init__(self, source: str, fw: Framework) -> None:
        self.source = source
        self.fw = fw
        self.notes: list[GridNote] = []
        self.heads: set[str] = set()
        self.flat = False
        self.mixed = False

    def note(self, level: NoteLevel, code: str, message: str, line: int | None) -> None:
        self.notes.append(GridNote(level, code, message, line))

    def grid(
        self,
        name: str,
        above: Sequence[tuple[int, Sequence[str]]],
        header: tuple[int, Sequence[str]],
        items: Sequence[TreeLine | TreeRow],
    ) -> Grid:
        parts: list[list[TreeLine] | TreeRow] = []
        for item in items:
            if isinstance(item, TreeRow):
                if not is_tree_header(item.cells):  # a repeated header: written again below
                    parts.append(item)
            elif parts and isinstance(parts[-1], list):
                parts[-1].append(item)
            else:
                parts.append([item])
        sections = [p for p in parts if isinstance(p, list)]
        lines = [ln for s in sections for ln in s]
        if len({ln.indent for ln in lines}) > 1:
            self.note(
                "info",
                "tree.indent",
                "指标按缩进分层：一级指标、二级指标、三级指标各缩进一层",
                header[0],
            )
        elif lines:
            self.note("info", "tree.labels", "指标树没有缩进，层级按指标类别名称读取", header[0])
        if not sections:
            self.note("warning", "table.cut_short", "表头之后没有指标，表格可能被截断", header[0])
        read = {id(s): self.section(s, s is sections[-1]) for s in sections}
        heads = [h for h in reversed(_HEADINGS) if h in self.heads]
        labels = [_HEAD_LABELS[h] for h in heads] + ["一级指标", "二级指标", "三级指标"]
        head_row = [*labels, *header[1]]
        rows: list[list[str]] = [list(r) for _, r in above]
        numbers = [n for n, _ in above]
        wrote_header = False
        for part in parts:
            if isinstance(part, TreeRow):
                rows.append(list(part.cells))
                numbers.append(part.line)
                wrote_header = False
                continue
            if not wrote_header:
                rows.append(head_row)
                numbers.append(header[0])
                wrote_header = True
            for row in read[id(part)]:
                cells = [row.cells.get(h, "") for h in (*heads, "level1", "level2", "name")]
                values = list(row.values) + [""] * (len(header[1]) - len(row.values))
                rows.append(cells + values)
                numbers.append(row.line)
        if not wrote_header:
            rows.append(head_row)
            numbers.append(header[0])
        grid = Grid.of(name, rows, numbers)
        grid.notes.extend(self.notes)
        return grid

    # -- one outline -------------------------------------------------------------------------
    def section(self, lines: list[TreeLine], last: bool) -> list[_Row]:
        kinds = [
            self.kind(ln, lines[i + 1] if i + 1 < len(lines) else None)
            for i, ln in enumerate(lines)
        ]
        # Indentation separates a class level from the indicators when every line of that class
        # is shallower than most indicators (else, as in a flat outline, the label decides).
        typical = Counter(ln.indent for ln, k in zip(lines, kinds, strict=True) if k == "value")
        common = typical.most_common(1)[0][0] if typical else None
        self.flat = len({ln.indent for ln in lines}) == 1
        deep = {
            level: bool(widths) and common is not None and max(widths) < common
            for level, widths in (
                ("level1", [ln.indent for ln in lines if self.known(ln.label) == {1}]),
                ("level2", [ln.indent for ln in lines if self.known(ln.label) == {2}]),
            )
        }
        ctx = _Context()
        rows: list[_Row] = []
        for i, ln in enumerate(lines):
            kind = kinds[i]
            if kind == "class":
                self.set_class(ctx, rows, ln, self.class_level(ctx, ln))
                continue
            if kind == "plain":
                role = self.plain_role(ctx, lines, kinds, i, deep)
                if role != "name":
                    if role in ("level1", "level2"):
                        self.set_class(ctx, rows, ln, role)
                    else:
                        self.set_heading(ctx, rows, ln, role)
                    continue
            rows.append(self.indicator(ctx, ln, deep))
        rows = [r for r in rows if r.klass is None or r.klass.line not in ctx.filled]
        end = lines[-1]
        if last and (kinds[-1] == "class" or not end.has_values):
            what = "没有指标值" if kinds[-1] != "class" else "之下没有指标"
            self.note(
                "warning",
                "table.cut_short",
                f"最后一行“{end.label}”{what}，表格可能被截断",
                end.line,
            )
        return rows

    def known(self, label: str) -> set[int]:
        """The levels the framework knows ``label`` at (empty: not a class label)."""
        levels = set()
        if self.fw.find1(None, label) is not None:
            levels.add(1)
        if self.fw.find2(None, label) is not None:
            levels.add(2)
        return levels

    def kind(self, ln: TreeLine, nxt: TreeLine | None) -> str:
        """``class`` (a known class label, unless it has values and nothing under it: an
        indicator named 满意度), ``value`` (a line with values) or ``plain``."""
        deeper = nxt is not None and nxt.indent > ln.indent
        if self.known(ln.label) and (deeper or not ln.has_values):
            return "class"
        if deeper and ln.has_values and not self.known(nxt.label if nxt else ""):
            return "plain"  # lines under it: a heading with its amount (a project), no indicator
        if deeper and ln.has_values and nxt is not None and 1 in self.known(nxt.label):
            return "plain"
        return "value" if ln.has_values else "plain"

    def class_level(self, ctx: _Context, ln: TreeLine) -> str:
        """The level of a known class label: by indentation where it tells (deeper than the
        level 1 above: a level 2), else by the label (a level 2 at its level 1's depth)."""
        levels = self.known(ln.label)
        top = ctx.levels.get("level1")
        if top is not None and ln.indent > top.indent:
            if levels == {1}:
                self.note(
                    "info",
                    "tree.by_indent",
                    f"“{ln.label}”是一级指标的名称，但缩进在“{top.label}”之下，按缩进读作二级指标",
                    ln.line,
                )
            return "level2"
        if levels == {2} and top is not None and not self.flat and not self.mixed:
            self.mixed = True  # noted once: the rest of the outline is read the same way
            self.note(
                "info",
                "tree.by_label",
                f"“{ln.label}”与一级指标缩进相同，按类别名称读作二级指标",
                ln.line,
            )
        return "level2" if levels == {2} else "level1"

    def plain_role(
        self, ctx: _Context, lines: list[TreeLine], kinds: list[str], i: int, deep: dict[str, bool]
    ) -> str:
        """What a line with neither values nor a known class label is: an indicator whose
        target is missing (``name``), an unknown class, or a project/unit above the classes."""
        ln = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        children = nxt is not None and nxt.indent > ln.indent
        l1, l2 = ctx.levels.get("level1"), ctx.levels.get("level2")
        j = i + 1
        while j < len(lines) and kinds[j] == "plain":
            j += 1
        chain = j - i - 1  # plain lines between this one and the next class or indicator
        opens = j < len(lines) and kinds[j] == "class" and 1 in self.known(lines[j].label)
        if children and l2 is not None and ln.indent > l2.indent and not opens:
            raise ParseError(
                f"“{ln.label}”在二级指标“{l2.label}”之下又分出一层，无法判断它是指标还是类别",
                source=self.source,
                line=ln.line,
                expected="一级指标、二级指标之下是三级指标和指标值",
            )
        if children and l1 is not None and ln.indent > l1.indent and not opens:
            return "level2"
        inside = any(
            c is not None and (ln.indent > c.indent or not deep[level])
            for level, c in (("level1", l1), ("level2", l2))
        )
        if not children and not opens and inside:
            return "name"
        over_values = j < len(lines) and kinds[j] == "value"
        roles: tuple[str, ...] = _FROM_BOTTOM if over_values else _HEADINGS
        if chain >= len(roles):
            raise ParseError(
                f"“{ln.label}”之下有 {chain + 1} 层没有指标值的行，无法判断各是哪一级",
                source=self.source,
                line=ln.line,
                expected="项目（或单位、项目）之下是一级指标、二级指标、三级指标",
            )
        return roles[chain]

    def set_class(self, ctx: _Context, rows: list[_Row], ln: TreeLine, level: str) -> None:
        if level == "level1":
            ctx.levels.pop("level2", None)
        ctx.levels[level] = ln
        cells = {k: v.label for k, v in ctx.levels.items()}
        rows.append(_Row(ln.line, cells, klass=ln))

    def set_heading(self, ctx: _Context, rows: list[_Row], ln: TreeLine, role: str) -> None:
        below = _FROM_BOTTOM[: _FROM_BOTTOM.index(role)]
        for level in below:
            ctx.levels.pop(level, None)
        ctx.levels[role] = ln
        self.heads.add(role)
        rows.append(_Row(ln.line, {k: v.label for k, v in ctx.levels.items()}, ln.values))
        self.note(
            "info",
            "tree.heading",
            f"“{ln.label}”在一级指标之上，读作{_ROLE_NAMES[role]}",
            ln.line,
        )

    def indicator(self, ctx: _Context, ln: TreeLine, deep: dict[str, bool]) -> _Row:
        levels = dict(ctx.levels)
        for level, out in (("level2", ("level2",)), ("level1", ("level1", "level2"))):
            c = levels.get(level)
            if c is not None and deep[level] and ln.indent <= c.indent:
                for gone in out:  # dedented out of the class
                    levels.pop(gone, None)
        if "level1" not in levels and "level2" not in levels:
            raise ParseError(
                f"指标“{ln.label}”之上没有指标类别（一级指标或二级指标），无法判断它属于哪一类",
                source=self.source,
                line=ln.line,
                expected="缩进的指标树：一级指标、二级指标之下是三级指标和指标值",
            )
        for level in ("level1", "level2"):
            if level in levels:
                ctx.filled.add(levels[level].line)
        cells = {k: v.label for k, v in levels.items()}
        cells["name"] = ln.label
        return _Row(ln.line, cells, ln.values)


def _outline_header(rows: Sequence[Sequence[str]], fw: Framework) -> tuple[int, int] | None:
    """Row and column of a tree header: the first filled cell of a row is the tree column,
    target columns follow, and rows below hold a level-1 class alone in that column."""
    for k, row in enumerate(rows):
        cells = [clean_cell(c) for c in row]
        j = next((j for j, c in enumerate(cells) if c), None)
        if j is None or not is_tree_header(cells[j:]):
            continue
        for below in rows[k + 1 :]:
            label = clean_cell(below[j]) if j < len(below) else ""
            if fw.find1(None, label) is not None and not any(clean_cell(c) for c in below[j + 1 :]):
                return k, j
    return None


def outline_grid(
    name: str,
    rows: Sequence[Sequence[str]],
    indent: Callable[[int, int, str], int],
    source: str,
    is_block: Callable[[list[str]], bool],
) -> Grid | None:
    """The grid of a sheet or table (cells as written, leading spaces kept) that holds an
    indentation tree under a header such as 绩效指标 | 指标值, or ``None`` when it holds none.
    ``indent(row, column, raw)`` measures a tree cell's indentation (the reader knows how its
    format states it: Excel's indent, an HTML padding, leading spaces); ``is_block`` tells the
    rows of a project block (项目名称 | X) among the tree's."""
    fw = load_framework()
    found = _outline_header(rows, fw)
    if found is None:
        return None
    k, j = found
    header = [clean_cell(c) for c in rows[k][j + 1 :]]
    while header and not header[-1]:
        header.pop()
    items: list[TreeLine | TreeRow] = []
    skipped: list[int] = []
    for r in range(k + 1, len(rows)):
        cells = [clean_cell(c) for c in rows[r]]
        if not any(cells):
            continue
        raw = rows[r][j] if j < len(rows[r]) else ""
        label = clean_cell(raw)
        values = tuple(cells[j + 1 : j + 1 + len(header)])
        if is_tree_header(cells[j:]) or is_block(cells):
            items.append(TreeRow(r + 1, tuple(cells)))
        elif not label:
            skipped.append(r + 1)
        else:
            items.append(TreeLine(r + 1, indent(r, j, raw), label, values))
    above = [(r + 1, [clean_cell(c) for c in rows[r]]) for r in range(k)]
    grid = tree_grid(name, above, (k + 1, header), items, source, fw)
    for line in skipped:
        grid.note("info", "row.skipped", "指标列为空的行已跳过", line)
    return grid
