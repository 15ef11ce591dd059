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

Every inference is a note on the document; a grid without a header row is a
:class:`~jixiao.errors.ParseError` naming what is missing. No fact about any one table lives here.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

from ..errors import ParseError
from ..framework import Framework, clean_label, load_framework
from ..model import FUND_FIELDS, Document, Funds, Indicator, Level, NoteLevel, Project, Unit
from ..targets import type_target, unit_in_name
from .grid import Grid
from .year import infer_year

_LEVELS = ("department", "unit", "project", "level1", "level2")
_FUND_ROLES = FUND_FIELDS
_GLUED = re.compile(
    r"^(?P<unit>[^\d\s=<>≥≤＞＜]{1,6}?)\s*(?P<op>>=|<=|[=≥≤><])\s*(?P<num>\d+(?:\.\d+)?)(?P<tail>\S*)$"
)
_AMOUNT = re.compile(r"^(?P<num>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>\S*)$")


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    columns: tuple[tuple[re.Pattern[str], str], ...]
    required_role: str
    required_label: str
    money_default: str
    money_units: dict[str, int]
    money_in_label: re.Pattern[str]
    money_in_cell: re.Pattern[str]
    total_row: re.Pattern[str]
    code_prefix: re.Pattern[str]
    qualitative_ops: frozenset[str]
    ops: dict[str, str]
    units: dict[str, str]
    boilerplate: tuple[re.Pattern[str], ...]
    department_line: re.Pattern[str]
    title: re.Pattern[str]


@cache
def vocabulary() -> _Vocabulary:
    raw = resources.files("jixiao").joinpath("data/table_layout.toml").read_text("utf-8")
    v: dict[str, Any] = tomllib.loads(raw)
    money = "|".join(sorted(v["money_units"], key=len, reverse=True))
    labels = "|".join(v["money_unit_labels"])
    return _Vocabulary(
        columns=tuple((re.compile(c["pattern"]), c["role"]) for c in v["columns"]),
        required_role=v["required_role"],
        required_label=v["required_label"],
        money_default=v["money_default"],
        money_units={k: int(x) for k, x in v["money_units"].items()},
        money_in_label=re.compile(rf"[（(]\s*(?:单位\s*[:：]\s*)?({money})\s*[）)]"),
        money_in_cell=re.compile(rf"(?:{labels})\s*[:：]\s*({money})"),
        total_row=re.compile("|".join(v["total_rows"])),
        code_prefix=re.compile(v["code_prefix"]),
        qualitative_ops=frozenset(v["qualitative_ops"]),
        ops=dict(v["ops"]),
        units=dict(v["units"]),
        boilerplate=tuple(re.compile(p) for p in v["text"]["boilerplate"]),
        department_line=re.compile(
            rf"^(?:{'|'.join(v['department_labels'])})\s*[:：]\s*(.+?)"
            rf"(?:\s+(?:{labels})\s*[:：].*)?$"
        ),
        title=re.compile(v["title"]),
    )


def role_of(cell: str) -> str | None:
    """The column role a header or block label names (``None``: not a known label)."""
    label = clean_label(cell).rstrip(":：")
    if not label:
        return None
    for pattern, role in vocabulary().columns:
        if pattern.fullmatch(label):
            return role
    return None


def is_boilerplate(line: str) -> bool:
    return any(p.fullmatch(line.strip()) for p in vocabulary().boilerplate)


def has_header(rows: Iterable[Sequence[str]]) -> bool:
    """Whether some row looks like an indicator header (for the readers' sniffers)."""
    return any(_header_roles(row) is not None for row in rows)


def _header_roles(row: Sequence[str]) -> dict[int, str] | None:
    roles = {k: r for k, cell in enumerate(row) if (r := role_of(cell)) is not None}
    voc = vocabulary()
    values = {"value", "cycle", "annual"}
    if voc.required_role in roles.values() and (
        values & set(roles.values()) or {"level1", "level2"} & set(roles.values())
    ):
        return roles
    return None


@dataclass(slots=True)
class _Columns:
    roles: dict[str, int]  # role → column (first one)
    money: dict[str, str]  # fund role → money unit stated in its label


@dataclass(slots=True)
class _State:
    carried: dict[str, str] = field(default_factory=dict)
    unit: Unit | None = None
    project: Project | None = None


def interpret(
    grids: Sequence[Grid],
    source: str,
    *,
    year: int | None = None,
    framework: Framework | None = None,
) -> Document:
    """One document from the grids of one file (sheets, pages or tables, in order)."""
    return _Interpreter(source, year, framework or load_framework()).run(grids)


class _Interpreter:
    def __init__(self, source: str, year: int | None, fw: Framework) -> None:
        self.voc = vocabulary()
        self.source = source
        self.year = year
        self.fw = fw
        self.doc = Document(department="", year=None, money_unit="", funds=Funds())
        self.total: Funds | None = None
        self.grid: Grid | None = None
        self.carried_count: dict[str, int] = {}
        self.one_column = False
        self.state = _State()
        self.noted: set[tuple[str, str]] = set()

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

    def where(self, grid: Grid) -> str:
        return f"“{grid.name}”" if grid.name else ""

    # -- the whole file --------------------------------------------------------------------
    def run(self, grids: Sequence[Grid]) -> Document:
        self.state = _State()
        found = False
        for grid in grids:
            for n in grid.notes:
                self.doc.note(n.level, n.code, n.message, line=n.line)
            if self.grid_(grid):
                found = True
        if not found:
            first = next((g for g in grids if g.rows), None)
            raise ParseError(
                "找不到指标表头行：没有一行含有“三级指标”列",
                source=self.source,
                line=first.lines[0] if first else None,
                expected=f"含“{self.voc.required_label}”列和指标值列的表头行",
            )
        self.finish()
        return self.doc

    def grid_(self, grid: Grid) -> bool:
        """Read one grid; ``False`` when it has no header row (it is then skipped)."""
        rows = grid.rows
        starts: list[int] = []
        for k, row in enumerate(rows):
            if _header_roles(row) is not None and not (starts and starts[-1] == k - 1):
                starts.append(k)  # (a header's second row is part of it)
        if not starts:
            if any(any(c for c in r) for r in rows):
                self.doc.note(
                    "info",
                    "grid.skipped",
                    f"表格{self.where(grid)}没有指标表头行，未读取",
                    line=grid.lines[0],
                )
            return False
        # Each header starts a section; the rows before it are its block (title, project).
        prev_end = 0
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(rows)
            if (
                n > 0
                and rows[start] == rows[starts[n - 1]]
                and not self.block_has_project(rows[prev_end:start])
            ):
                self.doc.note(
                    "info", "row.header_repeated", "重复的表头行已跳过", line=grid.lines[start]
                )
            self.block(grid, prev_end, start)
            cols, body = self.header(grid, start)
            self.body(grid, cols, body, end)
            prev_end = end
        return True

    # -- above the header --------------------------------------------------------------------
    def block_has_project(self, rows: list[list[str]]) -> bool:
        return any(role_of(c) == "project" for r in rows for c in r)

    def block(self, grid: Grid, lo: int, hi: int) -> None:
        """Title, department, money unit and one-project form fields in rows ``lo:hi``."""
        fields: dict[str, tuple[str, int]] = {}
        for k in range(lo, hi):
            row = grid.rows[k]
            line = grid.lines[k]
            distinct = [c for c in dict.fromkeys(row) if c]
            for cell in distinct:
                m = self.voc.money_in_cell.search(cell) or self.voc.money_in_label.search(cell)
                if m and not self.doc.money_unit:
                    self.doc.money_unit = m.group(1)
                dept = self.voc.department_line.match(cell)
                if dept:
                    fields.setdefault("department", (dept.group(1).strip(), line))
            if len(distinct) == 1 and role_of(distinct[0]) is None:
                if self.doc.title is None and self.voc.title.search(distinct[0]):
                    self.doc.title = distinct[0]
                continue
            for j, cell in enumerate(row):
                role = role_of(cell)
                if role is None or role in fields:
                    continue
                value = next(
                    (c for c in row[j + 1 :] if c and c != cell and role_of(c) is None), None
                )
                if value is not None:
                    fields[role] = (value, line)
                    m = self.voc.money_in_label.search(cell)
                    if m and role in _FUND_ROLES:
                        fields[role + ".money"] = (m.group(1), line)
        if not fields:
            return
        if "department" in fields and not self.doc.department:
            self.doc.department = self.name(fields["department"][0], fields["department"][1])
        if "unit" in fields:
            self.set_unit(self.name(fields["unit"][0], fields["unit"][1]), Funds(), None)
        if "project" in fields:
            name, line = fields["project"]
            funds = Funds()
            for role in _FUND_ROLES:
                if role in fields:
                    stated = fields.get(role + ".money", ("", 0))[0] or None
                    setattr(funds, role, self.amount(fields[role][0], stated, fields[role][1]))
            goal = fields.get("goal", ("", 0))[0]
            self.set_project(self.name(name, line), funds, goal, line)

    # -- the header ---------------------------------------------------------------------------
    def header(self, grid: Grid, k: int) -> tuple[_Columns, int]:
        row = grid.rows[k]
        labels = list(row)
        body = k + 1
        if body < len(grid.rows):
            below = grid.rows[body]
            sub = {
                j: c
                for j, c in enumerate(below)
                if c and (j >= len(row) or c != row[j]) and role_of(c) in ("cycle", "annual")
            }
            if sub:
                for j, c in sub.items():
                    while len(labels) <= j:
                        labels.append("")
                    top = clean_label(labels[j])
                    labels[j] = top + c if top and role_of(top + c) else c
                body += 1
                self.doc.note(
                    "info",
                    "header.two_rows",
                    "表头占两行，第二行的列名并入第一行",
                    line=grid.lines[k],
                )
        roles: dict[str, int] = {}
        money: dict[str, str] = {}
        name_col = None
        for j, cell in enumerate(labels):
            role = role_of(cell)
            if role == "name" and name_col is None:
                name_col = j
        for j, cell in enumerate(labels):
            role = role_of(cell)
            if role is None:
                continue
            if (
                role == "unit"
                and clean_label(cell) == "单位"
                and name_col is not None
                and j > name_col
            ):
                role = "measure"
            if role in roles:
                continue
            roles[role] = j
            m = self.voc.money_in_label.search(cell)
            if m and role in _FUND_ROLES:
                money[role] = m.group(1)
                if not self.doc.money_unit:
                    self.doc.money_unit = m.group(1)
        if "value" in roles and "cycle" not in roles and "annual" not in roles:
            self.one_column = True
        elif ("cycle" in roles) != ("annual" in roles):
            self.one_column = True
            only = "cycle" if "cycle" in roles else "annual"
            roles.setdefault("value", roles.pop(only))
        return _Columns(roles, money), body

    # -- the rows -----------------------------------------------------------------------------
    def body(self, grid: Grid, cols: _Columns, lo: int, hi: int) -> None:
        r = cols.roles
        width = max(r.values()) + 1
        header = grid.rows[lo - 1]
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
            if (
                width > 1
                and len(distinct) == 1
                and (len(filled) > 1 or filled[0] not in r.values())
            ):
                self.note("info", "row.skipped", f"单格行“{distinct[0]}”已跳过", line)
                continue

            def cell(role: str, row: list[str] = row) -> str:
                j = r.get(role)
                return row[j] if j is not None and j < len(row) else ""

            if len(row) < width and k == hi - 1:
                self.note(
                    "warning",
                    "table.cut_short",
                    f"最后一行只有 {len(row)} 格，表格可能被截断",
                    line,
                )
            first = next((c for c in row if c), "")
            if self.voc.total_row.fullmatch(re.sub(r"\s+", "", first)) and not cell("name"):
                self.total = self.funds_of(cell, cols, line)
                continue
            values = self.carry(cell, line)
            if values.get("department") and not self.doc.department:
                self.doc.department = self.name(values["department"], line)
            if (
                "unit" in r
                and cell("unit")
                and (
                    self.state.unit is None
                    or self.state.unit.name != self.name(cell("unit"), line, quiet=True)
                )
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
            self.indicator(values, cell, name, line)

    def carry(self, cell: Any, line: int) -> dict[str, str]:
        """The department, unit, project and class of a row, empty cells carried down."""
        st = self.state
        values: dict[str, str] = {}
        reset = False
        for level in _LEVELS:
            written = cell(level)
            if written:
                if st.carried.get(level) != written:
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
        project = Project(name, funds, goal.strip())
        self.state.unit.projects.append(project)
        self.state.project = project
        if not goal.strip():
            self.note("warning", "project.no_goal", "项目没有绩效目标", line)

    def name(self, written: str, line: int | None, *, quiet: bool = False) -> str:
        m = self.voc.code_prefix.match(written)
        if m is None or not re.search(r"[\u4e00-\u9fff]", m.group("name")):
            return written
        if not quiet:
            self.doc.note(
                "info",
                "name.code_prefix",
                f"名称“{written}”前的编码“{m.group('code')}”已去掉",
                line=line,
            )
        return m.group("name").strip()

    # -- money --------------------------------------------------------------------------------
    def amount(self, text: str, stated: str | None, line: int | None) -> Decimal | None:
        text = text.strip()
        if not text or text in ("-", "—", "/"):
            return None
        m = _AMOUNT.match(text)
        if m is None:
            self.note("warning", "amount.unreadable", f"金额“{text}”无法读取", line)
            return None
        unit = m.group("unit") or stated or self.doc.money_unit or None
        try:
            value = Decimal(m.group("num").replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern only admits numbers
            return None
        if unit is not None and unit not in self.voc.money_units:
            self.note("warning", "amount.unreadable", f"金额“{text}”的单位不认识", line)
            return value
        if not self.doc.money_unit:
            self.doc.money_unit = unit or self.voc.money_default
            if unit is None:
                self.doc.note(
                    "warning",
                    "money_unit.missing",
                    f"表中未写明金额单位，按“{self.voc.money_default}”记",
                )
        if unit is not None and unit != self.doc.money_unit:
            factor = Decimal(self.voc.money_units[unit]) / Decimal(
                self.voc.money_units[self.doc.money_unit]
            )
            converted = (value * factor).normalize()
            if converted == converted.to_integral_value():
                converted = converted.quantize(Decimal(1))
            self.note(
                "info",
                "money.converted",
                f"金额 {text}（{unit}）换算为 {converted} {self.doc.money_unit}",
                line,
            )
            return converted
        return value

    def funds_of(self, cell: Any, cols: _Columns, line: int) -> Funds:
        funds = Funds()
        for role in _FUND_ROLES:
            if role in cols.roles:
                setattr(funds, role, self.amount(cell(role), cols.money.get(role), line))
        return funds

    # -- indicators ---------------------------------------------------------------------------
    def indicator(self, values: dict[str, str], cell: Any, name: str, line: int) -> None:
        if self.state.project is None:
            self.set_project(self.doc.department or self.source, Funds(), "", line)
            self.note(
                "warning", "rows.no_project", "指标前没有项目名称，按部门名称记为一个项目", line
            )
        project = self.state.project
        assert project is not None
        level1, level2 = self.classes(values.get("level1", ""), values.get("level2", ""), line)
        measure = cell("measure")
        op = cell("op")
        if cell("value") or not (cell("cycle") or cell("annual")):
            written = self.value_text(cell("value"), op, measure, line)
            cycle_text = annual_text = written
        else:
            cycle_text = self.value_text(cell("cycle"), op, measure, line)
            annual_text = self.value_text(cell("annual"), op, measure, line)
        indicator = Indicator(
            len(project.indicators) + 1,
            level1,
            level2,
            name,
            type_target(cycle_text),
            type_target(annual_text),
        )
        for label, text in (("实施周期指标值", cycle_text), ("年度指标值", annual_text)):
            if not text:
                self.note("warning", "indicator.no_target", f"指标“{name}”缺少“{label}”", line)
        bare = [
            t
            for t in (indicator.cycle, indicator.annual)
            if t.kind == "quantitative" and not t.unit
        ]
        unit = unit_in_name(name) if bare else None
        if unit is not None:
            for target in bare:
                target.unit = unit
            self.note(
                "info",
                "target.unit_from_name",
                f"指标“{name}”的指标值没有单位，取名称中的“{unit}”",
                line,
            )
        project.indicators.append(indicator)

    def value_text(self, value: str, op: str, measure: str, line: int) -> str:
        """The target text from the value cell and the comparator and unit cells."""
        value = value.strip()
        if not value:
            return ""
        voc = self.voc
        g = _GLUED.match(value)
        if g and voc.units.get(g.group("unit"), g.group("unit")) in ("%", *voc.units.values()):
            unit = voc.units.get(g.group("unit"), g.group("unit"))
            tail = g.group("tail")
            if voc.units.get(tail, tail) == unit:
                tail = ""
            rewritten = f"{g.group('op')}{g.group('num')}{unit}{tail}"
            self.note("info", "target.glued", f"指标值“{value}”按“{rewritten}”读取", line)
            value = rewritten
        op_clean = op.strip()
        symbol = ""
        if op_clean and op_clean not in voc.qualitative_ops:
            symbol = voc.ops.get(op_clean, "")
            if not symbol and op_clean not in voc.ops:
                self.note(
                    "warning", "target.op_unknown", f"指标值类型“{op_clean}”不认识，未使用", line
                )
        if symbol and not re.match(r"^\s*[=<>≥≤＞＜≈]", value):
            value = symbol + value
        m = measure.strip()
        if m:
            written_unit = voc.units.get(m, m)
            if written_unit != m:
                self.note(
                    "info", "target.unit_variant", f"度量单位“{m}”按“{written_unit}”读取", line
                )
            if re.search(r"\d\s*$", value):
                value = value + written_unit
        return value

    def classes(self, written1: str, written2: str, line: int) -> tuple[Level, Level]:
        fw = self.fw
        c2 = fw.find2(None, written2) if written2 else None
        c1 = fw.find1(None, written1) if written1 else None
        if c2 is not None and c2.code in fw.level1 and c2.code not in fw.level2:
            # A legacy level 2 (成本指标 under 产出指标): mapped to its own level 1.
            mapped = fw.level1[c2.code]
            self.note_once(
                "info",
                "label.legacy",
                f"二级指标“{written2}”（旧模板，列在“{written1}”下）按一级指标“{mapped.name}”读取",
                line,
            )
            return Level(mapped.code, mapped.name), Level(None, written2)
        if c2 is not None and c2.parent is not None:
            parent = fw.level1[c2.parent]
            if c1 is None or c1.code != parent.code:
                self.note_once(
                    "info",
                    "label.level1_from_level2",
                    f"二级指标“{written2}”属于“{parent.name}”，一级指标"
                    + (f"“{written1}”" if written1 else "（空）")
                    + f"按“{parent.name}”读取",
                    line,
                )
                c1 = parent
        level1 = Level(c1.code, c1.name) if c1 is not None else Level(None, written1)
        level2 = Level(c2.code, c2.name) if c2 is not None else Level(None, written2)
        for written, found in ((written1, c1), (written2, c2)):
            if found is None or not written or written == found.name:
                continue
            if found is c1 and fw.find1(None, written) is not c1:
                continue  # overridden from the level 2: noted above
            self.note_once(
                "info", "label.synonym", f"指标类别“{written}”按“{found.name}”读取", line
            )
        if c1 is None or c2 is None:
            for problem in fw.check(None, written1, None, written2):
                self.note("warning", "indicator.class", problem, line)
        return level1, level2

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
        if not doc.department:
            doc.department = doc.units[0].name if len(doc.units) == 1 else ""
            doc.note("warning", "department.missing", "表中未写明部门名称")
        for u in doc.units:
            if u.funds.is_empty():
                u.funds = Funds.sum(p.funds for p in u.projects)
        if self.total is None:
            self.total = Funds.sum(u.funds for u in doc.units)
            doc.note("info", "total.computed", "表中没有合计行，文件合计按各单位金额相加")
        doc.funds = self.total
        doc.year = infer_year(doc, self.year, self.source)
