"""The table interpreter: :class:`~jixiao.ingest.grid.Grid` objects → one :class:`Document`.

Every tabular reader (Excel, CSV, HTML, web-page text) produces grids; this module reads them
the same way, with all vocabulary in ``data/table_layout.toml``:

1. the *header row* is the first row holding a 三级指标 column (a second row under it, such as
   长期 / 年度 under 指标值, is joined to it); the cells above it give the title, department,
   money unit and, in one-project forms, the *project block* (项目名称 | X, 主管部门 | Y,
   资金总额 | 100, 年度目标 | …);
2. each later row is a department, unit or project row, or an indicator; cells left empty
   (omitted under a merged cell) are carried down from the row above, and a new value at a
   higher level (a new project) clears what was carried below it;
3. class labels are resolved against the indicator framework (synonyms, ``(必填)``, ``★``);
   comparator and unit columns are joined to the value (``≥ | 95 | %`` → ``≥95%``).

A grid may hold several sections (a header repeated on every page, one-project forms one
after another): see :mod:`.table_header`. The vocabulary is :mod:`.table_vocabulary`, cell
values :mod:`.table_values`, an indicator row :mod:`.table_indicator`, class labels
:mod:`.table_classes`, what titles say and a table cut short :mod:`.table_document`, the rows
under the indicators (总分, 审核意见) and the form after them :mod:`.table_footer`, the units and
projects the rows make :mod:`.table_project`; the names other modules use are importable from
here too.
Every inference is a note on the document; a grid without a header row is a
:class:`~jixiao.errors.ParseError` naming what is missing. No fact about any one table lives
here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..chars import SPACES
from ..errors import ParseError
from ..framework import Framework, load_framework
from ..model import FUND_FIELDS, Document, Funds
from .grid import Grid
from .table_block import is_whole_form, read_block, starts_form
from .table_classes import level1_below_top
from .table_diagnose import diagnose
from .table_direction import directed
from .table_document import drop_cut_row, project_heading, settle_department, settle_funds
from .table_footer import next_form
from .table_garbled import drop_garbled
from .table_goalcell import expanded
from .table_header import Columns, class_columns, read_header, sections, shifted, unit_line
from .table_headless import MESSAGE as HEADLESS
from .table_headless import with_header
from .table_offset import MESSAGE as LEVEL_OFF
from .table_offset import relabelled
from .table_project import Projects, State
from .table_title import kind_of
from .table_unlabelled import unlabelled_target
from .table_values import area_value, is_op
from .table_vocabulary import (
    BLOCK_ROLES,
    VALUE_ROLES,
    Vocabulary,
    block_role,
    footer_role,
    has_header,
    header_roles,
    is_boilerplate,
    is_tree_column,
    is_tree_header,
    role_of,
    vocabulary,
)
from .text_clean import normalize_grids
from .year import infer_year

__all__ = [
    "BLOCK_ROLES",
    "VALUE_ROLES",
    "Vocabulary",
    "has_header",
    "header_roles",
    "interpret",
    "is_boilerplate",
    "is_tree_column",
    "is_tree_header",
    "role_of",
    "vocabulary",
]

_LEVELS = ("department", "unit", "project", "level1", "level2")
_SECOND = {"name": "name2", "level2": "level2_2"}  # blocks side by side: the right one's columns
_FUND_ROLES = FUND_FIELDS
_header_roles = header_roles  # the name the PDF reader and older code use


def _at(row: list[str], j: int) -> str:
    return row[j] if j < len(row) else ""


def interpret(
    grids: Sequence[Grid],
    source: str,
    *,
    year: int | None = None,
    framework: Framework | None = None,
) -> Document:
    """One document from the grids of one file (sheets, pages or tables, in order)."""
    return _Interpreter(source, year, framework or load_framework()).run(grids)


FORM_ABOVE = (
    "指标表前的另一张表格是表单的项目信息（项目名称、资金、目标等），作为这张指标表的项目读取"
)


def _names_form(grid: Grid, lo: int = 0, hi: int | None = None) -> bool:
    """Rows ``lo:hi`` of ``grid`` are a form's fields: they name a project, or they are a 部门整体
    form's (its department and funds)."""
    found = read_block(grid, lo, len(grid.rows) if hi is None else hi)
    return "project" in found.fields or is_whole_form(found)


MERGED_NAME = "三级指标“%s”的合并格跨多行，其下各行是它的内容，不是新的指标"


def _field_under_grid(
    row: Sequence[str], filled: Sequence[int], distinct: Sequence[str], roles: dict[str, int]
) -> bool:
    """A form's field under its indicator grid (专项实施保障措施 | a text spanning every other
    column): its value in the names' and the targets' cells alike, no indicator (a class
    spanning them is checked by the caller)."""
    if len(distinct) != 2 or row[filled[0]] != distinct[0]:
        return False
    label = "".join(distinct[0].split())
    if block_role(label) is not None or footer_role(label) is not None:
        return False  # (项目名称 | 某某: the next form; 评价结论 | …: the footer, read as such)
    spans = {j for j in filled[1:] if row[j] == distinct[1]}
    covered = {roles[x] for x in ("name", "value", "annual") if x in roles}
    whole = len(spans) == len(filled) - 1
    return whole and "name" in roles and len(covered) >= 2 and covered <= spans


class _Interpreter(Projects):
    def __init__(self, source: str, year: int | None, fw: Framework) -> None:
        super().__init__(source, fw)
        self.voc = vocabulary()
        self.year = year
        self.total: Funds | None = None
        self.carried_count: dict[str, int] = {}
        self.one_column = False
        self.stated_year: int | None = None
        self.column_kinds: set[str] = set()  # a kind the columns imply (实际完成值, 得分)
        self.grouped: set[int] = set()  # indicators whose 分值 / 得分 is a merged group's
        # indicators that state no target by design (指标性质 定性, or no target column)
        self.qualitative: set[int] = set()
        self.open_scored = False  # the last row read has 实际完成值 / 得分 columns, no footer after
        self.above: Grid | None = None  # a table of a form's fields only, for the next indicators

    def where(self, grid: Grid) -> str:
        return f"“{grid.name}”" if grid.name else ""

    # -- the whole file --------------------------------------------------------------------
    def run(self, grids: Sequence[Grid]) -> Document:
        self.state = State()
        grids = normalize_grids(grids)
        found = False
        for grid in grids:
            for n in grid.notes:
                self.doc.note(n.level, n.code, n.message, line=n.line)
            if self.grid_(grid):
                found = True
        if found and self.pending is not None and not any(True for _ in self.doc.projects()):
            self.department_project(None)  # a 部门整体 form whose indicator rows were all refused
            self.doc.note("warning", "table.no_indicators", "表中没有读出指标，只读出了项目信息")
        if not found:
            for grid in grids:  # a form cut before its indicators: its project, if it names one
                found_block = read_block(grid, 0, len(grid.rows))
                if "project" in found_block.fields:
                    self.block(grid, 0, len(grid.rows))
                elif is_whole_form(found_block) and not any(True for _ in self.doc.projects()):
                    self.block(grid, 0, len(grid.rows))  # a 部门整体 form: the department's own
                    self.department_project(None)
            if not any(True for _ in self.doc.projects()):
                message, line = diagnose(grids)
                raise ParseError(
                    message,
                    source=self.source,
                    line=line,
                    expected=f"含“{self.voc.required_label}”列和指标值列的表头行",
                )
            self.doc.note("warning", "table.no_indicators", "表中没有指标表，只读出了项目信息")
        self.settle_heading(None)  # a heading with no table after it: its project, cut off
        drop_cut_row(
            self.doc, self.grouped, open_scored=self.open_scored, qualitative=self.qualitative
        )
        drop_garbled(self.doc)
        self.finish()
        return self.doc

    def grid_(self, grid: Grid) -> bool:
        """Read one grid; ``False`` when it has no header row (it is then skipped)."""
        found = sections(grid.rows)
        headed = None if found else with_header(grid)
        made = headed is not None or any(n.code == "header.from_rows" for n in grid.notes)
        if headed is not None:  # a page starting mid-table: the header its rows fix
            grid, start = headed
            self.doc.note("info", "header.from_rows", HEADLESS, line=grid.lines[start])
            found = sections(grid.rows)
        listed = None if found else expanded(grid, self.source)
        if listed is not None:  # a project list, its indicators written in the goal cells
            grid = listed
            for n in grid.notes:  # (the source grid's own notes were made in run)
                self.doc.note(n.level, n.code, n.message, line=n.line)
            found = sections(grid.rows)
        offset = None if found else relabelled(grid, self.fw)
        if offset is not None:  # 一级 | 二级 over level-2 classes and names: one level down
            grid, start = offset
            self.doc.note("info", "header.level_off", LEVEL_OFF, line=grid.lines[start])
            found = sections(grid.rows)
        after = not found and self.state.project is not None
        if after and "project" in read_block(grid, 0, len(grid.rows)).fields:
            # the next of a page's forms, cut before its indicators: its project alone
            self.doc.note("info", "form.cut", "这张表在指标之前中断，只读出项目信息")
            self.block(grid, 0, len(grid.rows))
            return True
        if not found:
            self.above = grid if _names_form(grid) else None
            if any(any(c for c in r) for r in grid.rows):
                self.doc.note(
                    "info",
                    "grid.skipped",
                    f"表格{self.where(grid)}没有指标表头行，未读取",
                    line=grid.lines[0],
                )
            return False
        above, self.above = self.above, None
        if above is not None and not _names_form(grid, found[0].block, found[0].header):
            # a form's fields in a table of their own, its indicators in the next: that
            # table's project (项目名称 …, or a 部门整体 form's department and funds)
            self.note("info", "grid.form_above", FORM_ABOVE, grid.lines[0])
            self.block(above, 0, len(above.rows))
        # Each header starts a section; the rows above it are its block (title, project).
        for section in found:
            if section.repeated:
                self.doc.note(
                    "info",
                    "row.header_repeated",
                    "重复的表头行已跳过",
                    line=grid.lines[section.header],
                )
            self.block(grid, section.block, section.header)
            cols = self.header(grid, section.header)
            self.unscored_header = not made and not {"actual", "score"} & set(cols.roles)
            self.settle_heading(cols)
            cols, moved = shifted(grid.rows, cols, section.end, self.fw)
            if moved:
                self.note(
                    "info", "header.shifted", "表头行比下面的行少一列（指标类别列），各列右移一列",
                    grid.lines[cols.body - 1],
                )  # fmt: skip
            cols, turned = directed(grid.rows, cols, section.end)
            if turned:
                self.note("info", "header.direction", turned, grid.lines[cols.body - 1])
            cols, guessed = unlabelled_target(grid.rows, cols, section.end)
            if guessed:
                self.one_column = True
                self.note("warning", "header.value_guessed", guessed, grid.lines[cols.body - 1])
            cols, classed = class_columns(grid.rows, cols, section.end, self.fw)
            if classed:
                self.note(
                    "info",
                    "header.class_columns",
                    "指标名称前的评价列下是指标类别，按一级、二级指标读取",
                    grid.lines[cols.body - 1],
                )
            self.body(grid, cols, cols.body, section.end)
        return True

    # -- above the header --------------------------------------------------------------------
    def block(self, grid: Grid, lo: int, hi: int) -> None:
        """Title, year, department, money unit and one-project form fields in rows ``lo:hi``."""
        found = read_block(grid, lo, hi)
        if found.money_unit and not self.doc.money_unit:
            self.doc.money_unit = found.money_unit
            if found.money_overruled:
                self.note(
                    "warning",
                    "money_unit.conflict",
                    f"表中写“单位：{found.money_overruled}”，资金栏标明“{found.money_unit}”，"
                    f"金额按“{found.money_unit}”读取",
                    None,
                )
        if found.title and self.doc.title is None:
            self.doc.title = found.title
        if found.year is not None and self.stated_year is None:
            self.stated_year = found.year
        self.kinds |= found.kinds
        if found.department is not None and not self.doc.department:
            self.doc.department = self.name(*found.department)
        fields = found.fields
        if not fields and found.heading is None:
            return
        if "department" in fields and not self.doc.department:
            self.doc.department = self.name(fields["department"][0], fields["department"][1])
        if "unit" in fields:
            self.set_unit(self.name(fields["unit"][0], fields["unit"][1]), Funds(), None)
        if "project" in fields:
            self.form_project(found)
        elif found.heading is not None:
            self.headed = found  # (its project made once the header below shows no project column)
        else:
            self.pending = found  # a 部门整体 form: its fields go to the department's project
            self.unnamed = "project" in found.labels  # (a 项目名称 left empty: not 部门整体)

    # -- the header ---------------------------------------------------------------------------
    def header(self, grid: Grid, k: int) -> Columns:
        cols = read_header(grid.rows, k)
        if cols.two_rows:
            self.doc.note(
                "info", "header.two_rows", "表头占两行，第二行的列名并入第一行", line=grid.lines[k]
            )
        if cols.money and not self.doc.money_unit:
            self.doc.money_unit = next(iter(cols.money.values()))
        self.one_column = self.one_column or cols.one_column
        if {"actual", "score"} & set(cols.roles):
            self.column_kinds.add("selfeval")
        return cols

    # -- the rows -----------------------------------------------------------------------------
    def body(self, grid: Grid, cols: Columns, lo: int, hi: int) -> None:
        r = cols.roles
        width = max(r.values()) + 1
        header = grid.rows[lo - 1]
        first_only = self.voc.first_row_only
        for k in range(lo, hi):
            row = grid.rows[k]
            line = grid.lines[k]
            if not any(row):
                continue
            if row == header or all(role_of(c) is not None for c in row if c):
                if any(row):
                    self.note("info", "row.skipped", "表头样式的行已跳过", line)
                continue
            filled = [j for j, c in enumerate(row) if c]
            distinct = list(dict.fromkeys(row[j] for j in filled))
            if len(distinct) == 1 and project_heading(distinct[0]) is not None:
                self.note("info", "row.new_project", f"“{distinct[0]}”起是下一个项目", line)
                self.block(grid, k, hi)  # the next project's heading, texts, table
                return
            read = self.state.project is not None and bool(self.state.project.indicators)
            if len(distinct) == 1 and read and kind_of(distinct[0]) is not None:
                # (a form's title under indicators: the next form, its fields before its header)
                self.note("info", "row.new_form", f"“{distinct[0]}”起是下一张表", line)
                self.block(grid, k, hi)
                return
            if unit_line(distinct):  # 207101某某局 | 单位:万元 over the next form's fields
                self.note("info", "row.skipped", f"单位行“{' '.join(distinct)}”已跳过", line)
                continue
            if (
                width > 1
                and len(distinct) == 1
                and (len(filled) > 1 or filled[0] not in r.values())
            ):
                self.note("info", "row.skipped", f"单格行“{distinct[0]}”已跳过", line)
                continue
            spanned = distinct[-1]  # (a class spanning the columns is no field: looked up last)
            if (
                _field_under_grid(row, filled, distinct, r)
                and not self.fw.find1(None, spanned)
                and not self.fw.find2(None, spanned)
            ):
                self.note(
                    "info", "row.skipped", f"栏名与跨满其余各格的值“{distinct[0]}”已跳过", line
                )
                continue

            area = area_value(row, cols.areas, line, self.note) if cols.areas else ""
            held: set[str] = set()  # roles whose cell continues a merge from above

            def cell(
                role: str, row: list[str] = row, area: str = area, k: int = k, held: set[str] = held
            ) -> str:
                if role == "value" and cols.areas:
                    return area
                if role == "op" and "op" not in r and is_op(cell("direction")):
                    return cell("direction")  # 指标方向 holding ≤ / ≥: the comparator
                j = r.get(role)
                found = row[j] if j is not None and j < len(row) else ""
                if not found and role in _SECOND:  # side by side: the annual block's
                    j = r.get(_SECOND[role])
                    found = row[j] if j is not None and j < len(row) else ""
                if found and j is not None and role in first_only and grid.continues(k, j):
                    held.add(role)
                    return ""  # a 分值 merged over a group of rows: the group's, on its first
                return found

            if len(row) < width and k == hi - 1:
                self.note(
                    "warning",
                    "table.cut_short",
                    f"最后一行只有 {len(row)} 格，表格可能被截断",
                    line,
                )
            first = next((c for j, c in enumerate(row) if c and c != _at(header, j)), "")
            money_cols = any(f in r for f in _FUND_ROLES)
            total_row = self.voc.total_row.fullmatch(SPACES.sub("", first))
            if money_cols and total_row and not cell("name"):
                self.total = self.funds_of(cell, cols, line)
                continue
            classed = any(self.fw.find1(None, c) or self.fw.find2(None, c) for c in row if c)
            named = cell("name") and cell("name") != first
            footer = footer_role(first) if not named or not classed else None
            self.open_scored = self.open_scored and footer is None
            if footer is None and not classed and starts_form(first, row):
                self.note("info", "row.new_form", f"“{first}”起是下一张表的项目信息", line)
                self.block(grid, k, hi)  # the next form, cut before its own header
                return
            if footer == "end" and self.state.project is not None:
                at = next((j for j, c in enumerate(row) if footer_role(c) == "score"), None)
                if at is not None:  # 其他需要说明事项 | 无 | 总分 | 100 | 96 | 优 on one row
                    self.project_score(row[at:], cell, line)
            if footer == "score" and self.state.project is not None:
                self.project_score(row, cell, line)
                continue
            if footer is not None:
                self.note("info", "row.footer", f"表尾“{first}”以下各行不是指标，未读取", line)
                self.later_score(grid, k + 1, hi)
                after = next_form(grid, k + 1, hi)
                if after is not None:  # the footer, then the next form (its title, 项目名称 …)
                    self.note("info", "row.new_form", "表尾之后是下一张表", grid.lines[after])
                    self.block(grid, after, hi)
                    return
                break
            if self.department_row(cell, r, line):
                continue
            values = self.carry(cell, line)
            if values.get("department") and not self.doc.department:
                self.doc.department = self.name(values["department"], line)
            shared = "unit" in r and "project" not in r  # 单位(专项)名称: a unit or a project
            unit_name = self.name(cell("unit"), line, quiet=True) if cell("unit") else ""
            current = self.state.project.name if self.state.project is not None else None
            if shared and unit_name and unit_name == current:
                pass  # more rows of the project (its merged cell)
            elif shared and unit_name and cell("name") and self.state.unit is not None:
                if self.state.project is None or self.state.project.name != unit_name:
                    self.set_project(  # a named row with indicators: a project of the unit
                        self.name(cell("unit"), line),
                        self.funds_of(cell, cols, line),
                        cell("goal"),
                        line,
                    )
            elif (
                "unit" in r
                and cell("unit")
                and (self.state.unit is None or self.state.unit.name != unit_name)
            ):
                is_unit_row = not cell("project") and not cell("name")
                self.set_unit(
                    self.name(cell("unit"), line),
                    self.funds_of(cell, cols, line) if is_unit_row else Funds(),
                    line,
                )
            project = values.get("project", "")
            if "project" in r and cell("project"):
                pname = self.name(cell("project"), line, quiet=True)
                if self.state.project is None or self.state.project.name != pname:
                    self.set_project(
                        self.name(cell("project"), line),
                        self.funds_of(cell, cols, line),
                        cell("goal"),
                        line,
                    )
            elif "project" in r and project and self.state.project is None:
                self.set_project(self.name(project, line), Funds(), "", line)
            name = cell("name")
            if not name:
                if any(cell(x) for x in ("value", "cycle", "annual")):
                    self.note(
                        "warning", "indicator.no_name", "指标行没有三级指标名称，已跳过", line
                    )
                elif values.get("level1") or values.get("level2"):
                    self.note(
                        "info", "row.no_indicator", "只有指标类别、没有三级指标的行已跳过", line
                    )
                continue
            if self.merged_name(grid, k, r, name, line):
                continue
            self.indicator(values, cell, name, line)
            self.open_scored = bool({"actual", "score"} & set(r))
            if held and self.state.project is not None and self.state.project.indicators:
                self.grouped.add(id(self.state.project.indicators[-1]))
            # no target by design: no column of figures (评价标准 优 / 良 …), or 指标性质 定性
            targetless = not {"value", "cycle", "annual", "actual", "score"} & set(r)
            targetless = targetless or cell("op").strip() in self.voc.qualitative_ops
            if targetless and self.state.project is not None and self.state.project.indicators:
                self.qualitative.add(id(self.state.project.indicators[-1]))

    def merged_name(self, grid: Grid, k: int, r: dict[str, int], name: str, line: int) -> bool:
        """Whether row ``k``'s name cell continues the merged cell of the indicator above it
        (预算资金安排 spanning the 22 lines of its funds' record): the same indicator's lines,
        no new one (noted once)."""
        project = self.state.project
        if "name" not in r or project is None or not project.indicators:
            return False
        if not grid.continues(k, r["name"]) or project.indicators[-1].name != name:
            return False
        if not grid.continues(k - 1, r["name"]):
            self.note("info", "row.merged_name", MERGED_NAME % name, line)
        return True

    def department_row(self, cell: Any, r: dict[str, int], line: int) -> bool:
        """The table's department row above its first unit: one cell over the 单位名称 and
        项目名称 columns (820-某某镇部门 | 8,827,620.53), no indicator on it."""
        written = cell("unit")
        if not written or "project" not in r or cell("project") != written or cell("name"):
            return False
        if self.doc.department or self.state.unit is not None or self.doc.units:
            return False
        self.doc.department = self.name(written, line)
        self.note("info", "row.department", f"“{written}”跨单位名称和项目名称两列，记为部门", line)
        return True

    def carry(self, cell: Any, line: int) -> dict[str, str]:
        """The department, unit, project and class of a row, empty cells carried down."""
        st = self.state
        values: dict[str, str] = {}
        reset = False
        for level in _LEVELS:
            written = cell(level)
            if written:
                if st.carried.get(level) != written and not (
                    level == "level1" and level1_below_top(self.fw, st.carried, written)
                ):
                    reset = True
                st.carried[level] = written
                values[level] = written
            elif reset:
                st.carried.pop(level, None)
            elif level in st.carried:
                values[level] = st.carried[level]
                if level in ("level1", "level2") and cell("name"):
                    self.carried_count[level] = self.carried_count.get(level, 0) + 1
        return values

    # -- the end -----------------------------------------------------------------------------
    def finish(self) -> None:
        doc = self.doc
        for level, count in self.carried_count.items():
            label = "一级指标" if level == "level1" else "二级指标"
            doc.note("info", "cell.carried", f"{count} 行的{label}为空，沿用上一行")
        if self.one_column:
            doc.note(
                "info",
                "targets.one_column",
                "表中只有一列指标值，同时作为实施周期指标值和年度指标值",
            )
        if not doc.money_unit:
            doc.money_unit = self.voc.money_default
            doc.note(
                "warning",
                "money_unit.missing",
                f"表中未写明金额单位，按“{self.voc.money_default}”记",
            )
        settle_department(doc)
        settle_funds(doc, self.total)
        doc.year = infer_year(doc, self.year, self.source, stated=self.stated_year)
        if "target" in self.kinds and not self.kinds - {"target"}:
            pass  # a title naming a target table wins over what the columns imply
        else:
            self.kinds |= self.column_kinds
            if self.whole and not self.kinds:
                self.kinds.add("dept-whole")  # indicators of the department as a whole
        doc.kind = next((k for k in ("selfeval", "dept-whole") if k in self.kinds), "target")
        if doc.kind != "selfeval":
            for _, project in doc.projects():
                if project.execution is not None and project.execution.budget_only():
                    project.execution = None  # (预算数 | 20.00 of a target form: its total)
