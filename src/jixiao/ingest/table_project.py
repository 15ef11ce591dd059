"""The document a table is read into, and the units and projects its rows and forms make.

:class:`Projects` holds the document being built and what is carried from row to row, and
makes what the rows name: a unit or project a row starts, a one-project form's fields and
funds, the department's own project (a 部门整体 form), names with their codes cut off, amounts,
an indicator, a project's printed 总分. The interpreter in :mod:`.table` reads the grids
(header, rows, footer) and builds on it; apart so that reading rows and making what they
name each stay a readable size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from ..framework import Framework
from ..model import BUDGET_FIELDS, FUND_FIELDS, Document, Funds, NoteLevel, Project, Unit
from .grid import Grid
from .table_block import Block
from .table_document import department_in_title, project_in_title
from .table_footer import later_score_row, score_row, unscored_points
from .table_funds import parts_total
from .table_header import Columns
from .table_indicator import is_placeholder, make_indicator
from .table_values import amount, decimal_cell, execution, split_code

_FUND_ROLES = FUND_FIELDS
INTERLEAVED = (
    "目标的文字里同一编号的条目出现了两次，是目标与实际完成情况两栏逐行交错连在一起，分不清，未读取"
)


def items_twice(text: str) -> bool:
    """Whether a goal's text opens one numbered item twice (1.某某某某某某… 1.某某某某某某…):
    the goal's column and its result's run together line by line, each wrapped at its own
    width; nothing tells their words apart."""
    heads = [m.group() for m in _ITEM_HEAD.finditer("".join(text.split()))]
    return len(heads) != len(set(heads))


# A numbered item's number and its first words (not a figure's digits: 2.5, 12).
_ITEM_HEAD = re.compile(r"(?<![\d.．])\d{1,2}[.、．)）:：][^\d.、．)）:：,，。]{6}")


@dataclass(slots=True)
class State:
    """What the rows so far leave for the next: the cells carried down, the current unit and
    project."""

    carried: dict[str, str] = field(default_factory=dict)
    unit: Unit | None = None
    project: Project | None = None


class Projects:
    """The document being read, the unit and project the rows go to, and the notes on them."""

    def __init__(self, source: str, fw: Framework) -> None:
        self.source = source
        self.fw = fw
        self.doc = Document(department="", year=None, money_unit="", funds=Funds())
        self.state = State()
        self.noted: set[tuple[str, str]] = set()
        self.kinds: set[str] = set()  # the kinds titles and forms state
        self.pending: Block | None = None  # a block without a project, for the next indicators
        self.whole = False  # indicators belong to the department as a whole (部门整体)
        self.unnamed = False  # a form whose 项目名称 is empty
        # the printed header has no 实际完成值 / 得分 column: its 总分 row alone is no 自评
        self.unscored_header = False
        self.headed: Block | None = None  # a block whose heading names a project, not yet made

    # -- notes -----------------------------------------------------------------------------
    def note(self, level: NoteLevel, code: str, message: str, line: int | None = None) -> None:
        st = self.state
        where: dict[str, object] = {}
        if st.unit is not None:
            where["unit"] = st.unit.name
        if st.project is not None:
            where["project"] = st.project.name
        self.doc.note(level, code, message, line=line, **where)

    def note_once(self, level: NoteLevel, code: str, message: str, line: int | None) -> None:
        """A note made once per document for the same message, at its first line (a synonym
        is read on every row that uses it)."""
        if (code, message) not in self.noted:
            self.noted.add((code, message))
            self.note(level, code, message, line)

    # -- one-project forms ----------------------------------------------------------------
    def form_project(self, found: Block, name: str | None = None, line: int | None = None) -> None:
        """The project a one-project form's block names (or ``name``, a 部门整体 form's), with
        its funds, goals and execution."""
        fields = found.fields
        if name is None:
            name, line = fields["project"]
        code, written = split_code(name)
        goal = fields.get("goal", ("", 0))[0]
        self.set_project(written if code else name, Funds(), goal, line)
        project = self.state.project
        assert project is not None
        if code:
            project.code = code
            self.note(
                "info", "name.code_prefix", f"项目名称“{name}”前的编码“{code}”记为项目编码", line
            )
        for role in ("code", "period", "period_goal", "goal_result"):
            if (
                role in fields
                and getattr(project, role) is None
                and not items_twice(fields[role][0])
            ):
                setattr(project, role, fields[role][0])
        for role in ("department", "unit"):
            if role in fields:
                setattr(project, role, self.name(fields[role][0], fields[role][1], quiet=True))
        if "score" in fields:  # 自评总分 | 97.93 over the form
            project.score = decimal_cell(fields["score"][0], "总分", fields["score"][1], self.note)
            self.kinds.add("selfeval")
        funds = project.funds  # read after: notes on amounts name the project
        for role in _FUND_ROLES:
            if role in fields:
                stated = fields.get(role + ".money", ("", 0))[0] or None
                setattr(funds, role, self.amount(fields[role][0], stated, fields[role][1]))
        self.total_from_parts(found, funds, line)
        if found.execution:
            project.execution = execution(found.execution, self.amount, self.note)
            if found.execution.keys() - BUDGET_FIELDS:  # (a budget alone: no 自评)
                self.kinds.add("selfeval")
        if name is None:  # a new form: nothing carried from the last
            for level in ("level1", "level2"):
                self.state.carried.pop(level, None)

    def settle_heading(self, cols: Columns | None) -> None:
        """The project the heading over a table names (某某项目项目绩效目标, no 项目名称 field),
        with the fields of the form under it, once the table's header (``cols``; ``None``: no
        table followed) has no column of projects or units: those name the rows' own."""
        found, self.headed = self.headed, None
        if found is None or found.heading is None:
            return
        name, line = found.heading
        if cols is not None and {"project", "unit"} & set(cols.roles):
            self.note(
                "info", "heading.not_project", f"表中有项目列，标题“{name}”不作项目名称", line
            )
            return
        self.pending = None
        self.form_project(found, name, line)
        self.note("info", "project.from_heading", f"项目名称“{name}”取自项目标题行", line)
        for level in ("level1", "level2"):
            self.state.carried.pop(level, None)

    def total_from_parts(self, found: Block, funds: Funds, line: int | None) -> None:
        """A form whose 资金总额 label has no amount of its own (its cell lost, or a column
        header over the parts) but states its sources (其中：财政拨款 500): the total is their
        sum. Not where the total's cell holds anything, nor where no part is stated."""
        total = parts_total(found, funds)
        if total is None:
            return
        funds.total = total
        self.note(
            "info", "total.from_parts",
            f"资金总额没有金额，按所列资金来源相加为 {funds.total}", line,
        )  # fmt: skip

    # -- units and projects -----------------------------------------------------------------
    def set_unit(self, name: str, funds: Funds, line: int | None) -> None:
        unit = next((u for u in self.doc.units if u.name == name), None)
        if unit is None:
            unit = Unit(name, funds)
            self.doc.units.append(unit)
        self.state.unit = unit
        self.state.project = None

    def set_project(self, name: str, funds: Funds, goal: str, line: int | None) -> None:
        if self.state.unit is None:
            dept = self.doc.department
            self.set_unit(dept, Funds(), line)
            self.note(
                "info",
                "rows.no_unit",
                f"表中没有资金使用单位，项目归入以部门命名的单位“{dept}”",
                line,
            )
        assert self.state.unit is not None
        if items_twice(goal):
            self.note("warning", "goal.interleaved", INTERLEAVED, line)
            goal = ""
        project = Project(name, funds, goal.strip())
        self.state.unit.projects.append(project)
        self.state.project = project
        if not goal.strip():
            self.note("warning", "project.no_goal", "项目没有绩效目标", line)

    def name(self, written: str, line: int | None, *, quiet: bool = False) -> str:
        code, name = split_code(written)
        if code and not quiet:
            self.doc.note(
                "info", "name.code_prefix", f"名称“{written}”前的编码“{code}”已去掉", line=line
            )
        once = _twice(name)
        if once is not None:  # two cells' one name run together (某局 某局): no name is so
            if not quiet:
                self.doc.note("info", "name.twice", f"名称“{name}”是同一名称写了两遍", line=line)
            return once
        return name

    # -- money --------------------------------------------------------------------------------
    def amount(self, text: str, stated: str | None, line: int | None) -> Decimal | None:
        return amount(text, stated, line, self.doc, self.note)

    def funds_of(self, cell: Any, cols: Columns, line: int) -> Funds:
        funds = Funds()
        for role in _FUND_ROLES:
            if role in cols.roles:
                setattr(funds, role, self.amount(cell(role), cols.money.get(role), line))
        return funds

    # -- indicators ---------------------------------------------------------------------------
    def indicator(self, values: dict[str, str], cell: Any, name: str, line: int) -> None:
        if is_placeholder(cell, name):
            self.note("info", "row.placeholder", f"未填写的模板行“{name}”已跳过", line)
            return
        if self.state.project is None:
            self.department_project(line)
        project = self.state.project
        assert project is not None
        written = (values.get("level1", ""), values.get("level2", ""))
        notes = (self.note, self.note_once)
        seq = len(project.indicators) + 1
        project.indicators.append(make_indicator(seq, written, cell, name, line, self.fw, notes))

    def department_project(self, line: int | None) -> None:
        """Indicators with no project above them: the department's own (a 部门整体 table),
        with the fields of the form above them."""
        department = department_in_title(self.doc.title)
        if not self.doc.department and department:
            self.doc.department = department
            self.note("info", "department.from_title", f"部门名称“{department}”取自标题", line)
        named = project_in_title(self.doc.title)
        name = self.doc.department or named or PurePath(self.source).stem
        if name == named:
            self.note("info", "project.from_title", f"项目名称“{name}”取自标题", line)
        # (a title naming a project, 某某项目绩效评价指标表: its indicators, not the department's)
        self.whole = not self.unnamed and name != named
        if self.pending is not None:
            self.form_project(self.pending, name, line)
            self.pending = None
        else:
            self.set_project(name, Funds(), "", line)
        if "dept-whole" not in self.kinds:
            self.note(
                "warning", "rows.no_project", "指标前没有项目名称，按部门名称记为一个项目", line
            )

    def later_score(self, grid: Grid, lo: int, hi: int) -> None:
        """A 总分 row among the footer rows below the one that ended the indicators: the
        project's printed score, if not yet read."""
        project = self.state.project
        if project is None or project.score is not None:
            return
        k = later_score_row(grid, lo, hi)
        if k is not None:
            self.project_score(grid.rows[k], lambda _role: "", grid.lines[k])

    def project_score(self, row: list[str], cell: Any, line: int) -> None:
        """A 总分 row: the project's printed total score and grade."""
        project = self.state.project
        assert project is not None
        points = cell("weight") or unscored_points(project)
        project.score, grade = score_row(row, cell("score"), line, self.note, points)
        if grade is not None:
            project.grade = grade
        if project.score is not None or grade is not None or not self.unscored_header:
            self.kinds.add("selfeval")  # (a form's 分值 added up, in no 得分 column: no 自评)


def _twice(name: str) -> str | None:
    """The name ``name`` writes twice in a row (某某局某某局, 某某局 某某局), or ``None``."""
    text = "".join(name.split())
    half = len(text) // 2
    if half >= 4 and len(text) % 2 == 0 and text[:half] == text[half:]:
        return text[:half]
    return None
