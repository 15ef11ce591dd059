"""Reader for the numbered text layout: a 项目支出绩效目标表 as text extracted from its PDF.

The layout, after a page header (title, ``部门名称：…  单位：万元``, the column header), is a
sequence of *rows*: ``name amount amount …`` for the document total (合计), for each unit
(资金使用单位) and for each project; a project row is followed by its goal (绩效目标) and its
indicators written as ``1、1-产出指标；11-数量指标；名称；实施周期指标值:…；年度指标值:…。``.

PDF extraction wraps lines anywhere (inside words, numbers and labels) and inserts blank lines
at page breaks, so line breaks carry no meaning: the reader joins all lines into one *stream*
and parses that. Parsing is therefore invariant under extra line breaks. What survives the
join, and is used, is horizontal whitespace: project rows are usually indented under their
unit. The reader works in three steps:

1. the page header gives the department, money unit, title and fund columns;
2. indicators are found by their unmistakable start (``N、code-一级；code-二级；``); the text
   between one project's last indicator and the next project's first is a *gap* holding the
   last annual value, then zero or more unit rows and a project row, then the goal;
3. rows are found in gaps by their amounts (``12,537.00 12,537.00``); names are split from
   the preceding annual value at the last sentence end or indentation.

Everything inferred (amount columns assigned by position, a label typo read, rows classed by
indentation) is kept as a note on the document. No fact about any one table lives here.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from itertools import accumulate
from typing import Any

from ..chars import SPACES
from ..errors import ParseError
from ..framework import Framework, load_framework
from ..model import FUND_FIELDS, Document, Funds, Indicator, Level, Project, Target, Unit
from ..preload import preloaded
from ..targets import type_target, unit_in_name
from .table_document import settle_funds
from .year import infer_year

LAYOUT = "text"

_AMOUNT = r"(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}"
# A group of 1-4 amounts; not glued to other digits, not followed by a measure word (a number
# inside a goal such as "12.50万元" is no row). Amounts may run straight into an indicator start
# or a goal that opens with an enumerator ("147.001.通过…" is 147.00 and "1.通过…").
_GROUP = re.compile(
    rf"(?=\d)(?<![\d.,，])({_AMOUNT}(?:[ \t\u3000]+{_AMOUNT}){{0,3}})"
    r"(?:(?=\d{1,3}\s*[、.．]\s*[^\d\s.．、])|(?![\d.,%％‰万亿千百元个项人次件台套份篇家场条册年月日天]))"
)
# A match of ``[；;]?\s*label`` starts only where a run of whitespace starts (or at the ；):
# the leftmost match is the same, and a long run is scanned once, not from each of its
# positions (quadratic: 20 KB of spaces took seconds).
_RUN_START = r"(?:(?<!\s)|(?=[；;]))"
_WS_RUN = re.compile(r"(?:[ \t]{2,}|[\u3000\t])[ \t\u3000]*")
_SENTENCE_END = "。"
_INDICATOR = re.compile(
    r"(?P<seq>\d{1,3})\s*、\s*"
    r"(?:(?P<c1>\d{1,2})\s*-\s*)?(?P<n1>[^；;、。，\d\s][^；;。，]{0,24}?)\s*[；;]\s*"
    r"(?:(?P<c2>\d{2,3})\s*-\s*)?(?P<n2>[^；;。，\d\s][^；;。，]{0,29}?)\s*[；;]"
)


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    department: re.Pattern[str]
    money_unit: re.Pattern[str]
    header: re.Pattern[str]
    columns: tuple[tuple[re.Pattern[str], str], ...]
    header_end: re.Pattern[str]
    total_row: re.Pattern[str]
    cycle: re.Pattern[str]
    annual: re.Pattern[str]
    cycle_canonical: str
    annual_canonical: str
    page_noise: re.Pattern[str]


@preloaded
@cache
def vocabulary() -> _Vocabulary:
    raw = resources.files("jixiao").joinpath("data/text_layout.toml").read_text("utf-8")
    v: dict[str, Any] = tomllib.loads(raw)
    labels = v["labels"]
    dept = "|".join(v["department_labels"])
    units = "|".join(v["money_units"])
    unit_labels = "|".join(v["money_unit_labels"])
    return _Vocabulary(
        department=re.compile(
            rf"(?:{dept})\s*[:：]\s*(?P<name>.+?)\s*(?=(?:{unit_labels})\s*[:：]|{v['first_column']}|$)"
        ),
        money_unit=re.compile(rf"(?:{unit_labels})\s*[:：]\s*(?P<unit>{units})"),
        header=re.compile(v["first_column"]),
        columns=tuple((re.compile(c["label"]), c["field"]) for c in v["fund_columns"]),
        header_end=re.compile(rf"{labels['indicator_column']}|{labels['goal_column']}"),
        total_row=re.compile(rf"^(?:{'|'.join(labels['total_rows'])})$"),
        cycle=re.compile(rf"{_RUN_START}[；;]?\s*(?P<label>{labels['cycle']})\s*[:：]"),
        annual=re.compile(rf"{_RUN_START}[；;]?\s*(?P<label>{labels['annual']})\s*[:：]"),
        cycle_canonical=labels["cycle"].split("|")[0],
        annual_canonical=labels["annual"].split("|")[0],
        page_noise=re.compile("|".join(f"(?:{p})" for p in v["page_noise"]), re.MULTILINE),
    )


@dataclass(slots=True)
class _Stream:
    """All lines joined; maps stream offsets back to 1-based line numbers."""

    text: str
    starts: list[int]

    @classmethod
    def join(cls, text: str, noise: re.Pattern[str]) -> _Stream:
        text = noise.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        lines = text.split("\n")
        starts = [0, *accumulate(map(len, lines))]
        starts.pop()
        return cls("".join(lines).replace("\f", " "), starts)

    def line(self, pos: int) -> int:
        return max(1, bisect_right(self.starts, pos))


@dataclass(slots=True)
class _Row:
    name: str
    amounts: list[Decimal]
    start: int  # stream offset of the name
    end: int  # stream offset after the amounts
    indent: int = 0
    ind_end: int = 0  # stream offset where the last indicator's annual value ends
    rest: str = ""  # text after the amounts (a goal on the same line)
    kind: str = "project"  # total | unit | project
    goal: str = ""
    indicators: list[re.Match[str]] = field(default_factory=list)


def parse_text(
    text: str,
    source: str = "<text>",
    *,
    year: int | None = None,
    framework: Framework | None = None,
) -> Document:
    """Parse the numbered text layout into a :class:`Document` (no I/O).

    Raises :class:`ParseError` naming ``source``, the line and what was expected when the text
    is not such a table.
    """
    return _Parser(text, source, year, framework or load_framework()).parse()


class _Parser:
    def __init__(self, text: str, source: str, year: int | None, fw: Framework) -> None:
        self.voc = vocabulary()
        self.s = _Stream.join(text, self.voc.page_noise)
        self.source = source
        self.year = year
        self.fw = fw
        self.doc = Document(department="", year=None, money_unit="", funds=Funds())

    # -- errors and notes ----------------------------------------------------------------
    def fail(self, message: str, pos: int | None, expected: str) -> ParseError:
        line = None if pos is None else self.s.line(pos)
        return ParseError(message, source=self.source, line=line, expected=expected)

    def note(self, level: str, code: str, message: str, pos: int | None = None, **kw: Any) -> None:
        line = None if pos is None else self.s.line(pos)
        self.doc.note(level, code, message, line=line, **kw)  # type: ignore[arg-type]

    # -- the whole document ----------------------------------------------------------------
    def parse(self) -> Document:
        st = self.s.text
        if not st.strip():
            raise self.fail("文件是空的", None, "项目支出绩效目标表的文本")
        columns, body_start = self.header()
        indicators = self.indicator_starts(body_start)
        if not indicators:
            raise self.fail(
                "表头之后没有找到任何绩效指标",
                body_start,
                "形如“1、1-产出指标；11-数量指标；指标名称；实施周期指标值:…；年度指标值:…。”的指标",
            )
        rows = self.rows(body_start, indicators)
        self.classify(rows)
        self.build(rows, columns)
        return self.doc

    def header(self) -> tuple[list[str], int]:
        st, voc = self.s.text, self.voc
        head = voc.header.search(st)
        if head is None:
            raise self.fail(
                "找不到表头",
                0,
                "列标题“项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 "
                "绩效目标 绩效指标”",
            )
        preamble = st[: head.start()]
        dept = voc.department.search(preamble)
        if dept is None:
            raise self.fail("找不到部门名称", 0, "表头前的“部门名称：某某局”")
        self.doc.department = dept.group("name").strip()
        title = preamble[: dept.start()].strip()
        self.doc.title = title or None
        unit = voc.money_unit.search(preamble, dept.end() - 1)
        if unit is None:
            self.doc.money_unit = "万元"
            self.note("warning", "money_unit.missing", "表头未写明金额单位，按“万元”记", 0)
        else:
            self.doc.money_unit = unit.group("unit")
        self.doc.year = infer_year(self.doc, self.year, self.source)
        # The column header runs to the last text column (绩效指标 / 绩效目标).
        end = head.end()
        for label in voc.header_end.finditer(st, head.end(), head.end() + 80):
            end = label.end()
        header_text = st[head.end() : end]
        columns: list[tuple[int, str]] = []
        for pattern, name in voc.columns:
            column = pattern.search(header_text)
            if column is not None:
                columns.append((column.start(), name))
        fields = [name for _, name in sorted(columns)] or list(FUND_FIELDS)
        return fields, end

    # -- indicators and rows ---------------------------------------------------------------
    def indicator_starts(self, start: int) -> list[re.Match[str]]:
        found = []
        for m in _INDICATOR.finditer(self.s.text, start):
            if (m.group("c1") and m.group("c2")) or self.fw.find1(None, m.group("n1")):
                found.append(m)
        return found

    def rows(self, body_start: int, inds: list[re.Match[str]]) -> list[_Row]:
        """Rows found in the gaps between projects, with their indicators attached."""
        st = self.s.text
        # Group indicators into runs (one project each): a run restarts where seq does not grow.
        runs: list[list[re.Match[str]]] = []
        for m in inds:
            if runs and int(m.group("seq")) > int(runs[-1][-1].group("seq")):
                runs[-1].append(m)
            else:
                runs.append([m])
        rows: list[_Row] = []
        gap_start = body_start
        previous: _Row | None = None  # the project whose last annual value opens the gap
        for run in [*runs, []]:
            gap_end = run[0].start() if run else len(st)
            gap_rows = self.gap_rows(gap_start, gap_end, previous is not None)
            if previous is not None:
                previous.ind_end = gap_rows[0].start if gap_rows else gap_end
            if not run:
                rows.extend(gap_rows)
                break
            if not gap_rows:
                raise self.fail(
                    "指标前没有找到项目行",
                    run[0].start(),
                    "项目名称后跟金额，如“某某经费 12.00 12.00”",
                )
            previous = gap_rows[-1]
            previous.indicators = run
            annual = self.voc.annual.search(st, run[-1].end())
            gap_start = annual.end() if annual is not None else run[-1].end()
            rows.extend(gap_rows)
        return rows

    def gap_rows(self, start: int, end: int, after_annual: bool) -> list[_Row]:
        """Rows in one gap; the first may follow the previous project's last annual value."""
        st = self.s.text
        rows: list[_Row] = []
        prev = start
        for m in _GROUP.finditer(st, start, end):
            between = st[prev : m.start()]
            if rows:
                goal, name = _split_tail(between, name_by_default=True)
                if goal.strip():  # a project without indicators, then the next row
                    rows[-1].goal = goal.strip()
            elif after_annual:
                _, name = _split_tail(between, name_by_default=False)
                if not name.strip():
                    continue  # a number inside the last annual value, not a row
            else:
                name = between
            stripped = name.lstrip(" \t\u3000")
            amounts = [Decimal(a.replace(",", "")) for a in m.group(1).split()]
            row = _Row(stripped.strip(), amounts, m.start() - len(stripped), m.end())
            row.indent = len(name) - len(stripped)
            rows.append(row)
            prev = m.end()
        if rows:
            rows[-1].rest = st[prev:end]
        return rows

    def classify(self, rows: list[_Row]) -> None:
        """Mark each row as the document total, a unit or a project."""
        for row in rows:
            if self.voc.total_row.match(SPACES.sub("", row.name)):
                row.kind = "total"
        body = [r for r in rows if r.kind != "total"]
        indents = {min(r.indent, 2) for r in body}
        if len(indents) > 1:
            for r in body:
                r.kind = "unit" if r.indent < 2 else "project"
            self.note("info", "rows.by_indent", "单位行与项目行按缩进区分（单位行不缩进）")
            for r in body:
                if r.kind == "unit" and r.indicators:
                    r.kind = "project"
                    self.note(
                        "warning",
                        "rows.indent_conflict",
                        f"“{r.name}”未缩进但带有绩效指标，按项目读取",
                        r.start,
                    )
            return
        for r, nxt in zip(body, [*body[1:], None] if body else [], strict=True):
            is_unit = not r.indicators and not r.rest.strip() and not r.goal
            r.kind = "unit" if is_unit and nxt is not None else "project"

    # -- building the document --------------------------------------------------------------
    def funds(self, row: _Row, columns: list[str]) -> Funds:
        funds = Funds()
        names = columns if columns[0] == "total" else ["total", *columns]
        for name, value in zip(names, row.amounts, strict=False):
            setattr(funds, name, value)
        if len(row.amounts) > len(names):
            self.note(
                "warning",
                "amounts.extra",
                f"“{row.name}”有 {len(row.amounts)} 个金额，多于表头的 {len(names)} 列",
                row.start,
            )
        return funds

    def build(self, rows: list[_Row], columns: list[str]) -> None:
        doc = self.doc
        counts = {len(r.amounts) for r in rows}
        names = columns if columns[0] == "total" else ["total", *columns]
        if any(c < len(names) for c in counts):
            labels = {
                "total": "总计",
                "fiscal": "财政拨款",
                "special": "财政专户拨款",
                "other": "其他资金",
            }
            used = "、".join(labels[n] for n in names[: max(counts)])
            self.note(
                "info",
                "amounts.by_position",
                f"金额按出现顺序对应表头各列（{used}）；文本中空列无法定位，记为空",
            )
        unit: Unit | None = None
        total: Funds | None = None
        for row in rows:
            if row.kind == "total":
                total = self.funds(row, columns)
                continue
            if row.kind == "unit":
                unit = Unit(row.name, self.funds(row, columns))
                doc.units.append(unit)
                continue
            if unit is None:
                unit = Unit(doc.department, Funds())
                doc.units.append(unit)
                self.note(
                    "warning",
                    "rows.no_unit",
                    "项目行前没有单位行，项目归入以部门命名的单位",
                    row.start,
                )
            unit.projects.append(self.project(row, columns, unit.name))
        settle_funds(doc, total)

    def project(self, row: _Row, columns: list[str], unit_name: str) -> Project:
        st = self.s.text
        inds = row.indicators
        goal_text = row.goal or (st[row.end : inds[0].start()] if inds else row.rest)
        project = Project(row.name, self.funds(row, columns), goal_text.strip())
        if not row.name:
            self.note("warning", "project.no_name", "项目行没有名称", row.start, unit=unit_name)
        if not project.goal:
            self.note(
                "warning",
                "project.no_goal",
                "项目没有绩效目标",
                row.start,
                unit=unit_name,
                project=row.name,
            )
        where = {"unit": unit_name, "project": row.name}
        for k, m in enumerate(inds):
            end = inds[k + 1].start() if k + 1 < len(inds) else row.ind_end
            project.indicators.append(self.indicator(m, end, k + 1, where))
        return project

    def indicator(
        self, m: re.Match[str], end: int, expected_seq: int, where: dict[str, str]
    ) -> Indicator:
        st, voc = self.s.text, self.voc
        seq = int(m.group("seq"))
        if seq != expected_seq:
            self.note(
                "warning",
                "indicator.seq",
                f"指标序号 {seq} 应为 {expected_seq}",
                m.start(),
                **where,
            )
        limit = end
        cycle = _label(st, m.end(), limit, voc.cycle_canonical, voc.cycle)
        annual = _label(
            st, cycle.end() if cycle else m.end(), limit, voc.annual_canonical, voc.annual
        )
        name_end = cycle.start() if cycle else (annual.start() if annual else limit)
        name = st[m.end() : name_end].strip()
        cycle_text = st[cycle.end() : annual.start() if annual else limit] if cycle else ""
        annual_text = st[annual.end() : limit].strip() if annual else ""
        if annual_text.endswith(_SENTENCE_END):  # the terminator of the indicator
            annual_text = annual_text[:-1]
        for label, found, canonical in (
            ("实施周期指标值", cycle, voc.cycle_canonical),
            ("年度指标值", annual, voc.annual_canonical),
        ):
            if found is None:
                self.note(
                    "warning",
                    "indicator.no_target",
                    f"指标“{name}”缺少“{label}”",
                    m.start(),
                    **where,
                )
            else:
                written = found.group("label")
                if written != canonical:
                    self.note(
                        "info",
                        "label.variant",
                        f"标签“{written}”按“{canonical}”读取",
                        found.start(),
                        **where,
                    )
        level1 = Level(m.group("c1"), m.group("n1").strip())
        level2 = Level(m.group("c2"), m.group("n2").strip())
        for problem in self.fw.check(level1.code, level1.name, level2.code, level2.name):
            self.note("warning", "indicator.class", problem, m.start(), **where)
        indicator = Indicator(seq, level1, level2, name, _target(cycle_text), _target(annual_text))
        self.unit_from_name(indicator, m.start(), where)
        return indicator

    def unit_from_name(self, ind: Indicator, pos: int, where: dict[str, str]) -> None:
        """Bare numbers whose unit the indicator's name states (``年产值（亿元）`` → 101 亿元)."""
        bare = [t for t in (ind.cycle, ind.annual) if t.kind == "quantitative" and not t.unit]
        if not bare:
            return
        unit = unit_in_name(ind.name)
        if unit is None:
            return
        for target in bare:
            target.unit = unit
        self.note(
            "info",
            "target.unit_from_name",
            f"指标“{ind.name}”的指标值没有单位，取名称中的“{unit}”",
            pos,
            **where,
        )


def _label(
    st: str, start: int, end: int, canonical: str, pattern: re.Pattern[str]
) -> re.Match[str] | None:
    """The first target label in ``st[start:end]``; the canonical spelling is found by a plain
    string search first (fast), the regular expression runs from a little before it."""
    at = st.find(canonical, start, end)
    if at >= 0:
        found = pattern.search(st, max(start, at - 4), end)
        if found is not None and found.start("label") <= at:
            return found
    return pattern.search(st, start, end)


def _target(text: str) -> Target:
    return type_target(text.strip())


def _split_tail(text: str, *, name_by_default: bool) -> tuple[str, str]:
    """Split ``…annual value。  Next name`` into what precedes the name, and the name.

    The name starts after the last indentation run following the last sentence end; else right
    after that sentence end; else after the last indentation run; else the whole text is the
    name (``name_by_default``) or nothing is.
    """
    cut = text.rfind(_SENTENCE_END)
    tail = text[cut + 1 :] if cut >= 0 else text
    runs = list(_WS_RUN.finditer(tail))
    if runs:
        at = (cut + 1 if cut >= 0 else 0) + runs[-1].start()
        return text[:at], text[at:]
    if cut >= 0:
        return text[: cut + 1], text[cut + 1 :]
    return ("", text) if name_by_default else (text, "")
