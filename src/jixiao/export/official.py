"""The table in its official layout (项目支出绩效目标表 as departments publish it).

Columns 项目名称（资金使用单位） / 总计 / 财政拨款 / 财政专户拨款 / 其他资金 / 绩效目标 /
绩效指标; a 合计 row, then each unit's row followed by its projects' rows; a project's
indicators are one cell of numbered text:
``1、1-产出指标；11-数量指标；名称；实施周期指标值:…；年度指标值:…。``

A self-evaluation (``kind`` ``selfeval``) adds the columns 实际完成值 / 分值 / 得分 / 偏差原因:
each of its projects takes one line per indicator, after a line for its budget execution
(年度资金总额: 年初预算数, 全年预算数 | 全年执行数, 执行率 | 分值 | 得分) and before one for the
printed 总分 and 等级. What the columns do not hold is written into the cells beside: a
project's code, 主管部门, 实施单位 and 实施期 under its name, its 实施期目标 and 实际完成情况
under its goal, an indicator's 分值, direction, unit column, explanation and standard after
its text. Nothing of a document is left out.

:func:`official_rows` is the layout as data, shared by every rendering: ``xlsx`` (one sheet per
document, title and header merged across the columns, amounts as numbers), ``html`` and ``pdf``
(the page, printed), and ``text`` (the layout as text, what a PDF of it reads as; it parses back
through the text reader, so it refuses a document holding more than a 项目支出绩效目标表's
columns, naming the formats that keep it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from math import ceil
from typing import Any

from ..errors import InputError
from ..model import (
    DOCUMENT_KINDS,
    EXECUTION_LABELS,
    INDICATOR_EXTRAS,
    PROJECT_EXTRAS,
    SELFEVAL_FIELDS,
    Document,
    Execution,
    Extra,
    Funds,
    Indicator,
    Level,
    Project,
    Target,
    year_label,
)
from ..model import amount_text as amount
from . import register

COLUMNS = (
    "项目名称（资金使用单位）",
    "总计",
    "财政拨款",
    "财政专户拨款",
    "其他资金",
    "绩效目标",
    "绩效指标",
)
TITLE = DOCUMENT_KINDS["target"]

_LABELS = {extra.name: extra.label for extra in INDICATOR_EXTRAS}
SELFEVAL_COLUMNS = tuple(_LABELS[name] for name in ("actual", "weight", "score", "deviation"))
"""The columns a self-evaluation adds: 实际完成值, 分值, 得分, 偏差原因."""
_IN_COLUMNS = {"actual", "weight", "score", "deviation"}
_NAME_DETAILS = ("code", "department", "unit", "period")  # written under the project's name
_GOAL_DETAILS = ("period_goal", "goal_result")  # written under its goal


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a project's 绩效指标 column: in a target table, all its indicators in one cell
    of numbered text; in a self-evaluation, one indicator (or the budget execution, or the
    total) with its cells in the self-evaluation columns."""

    indicator: str
    actual: str = ""
    weight: Decimal | None = None
    score: Decimal | None = None
    deviation: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    kind: str  # "total", "unit" or "project"
    name: str
    funds: Funds
    goal: str = ""
    lines: tuple[Line, ...] = ()

    @property
    def indicators(self) -> str:
        return "".join(line.indicator for line in self.lines)


def _label(level: Level) -> str:
    return f"{level.code}-{level.name}" if level.code else level.name


def _value(value: object) -> str:
    return value.text if isinstance(value, Target) else str(value)


def details(obj: object, extras: Iterable[Extra], skip: Iterable[str] = ()) -> list[str]:
    """``label：value`` of each of ``extras`` that ``obj`` fills (an empty text is no value)."""
    left_out = set(skip)
    return [
        f"{extra.label}：{_value(value)}"
        for extra in extras
        if extra.name not in left_out
        and (value := getattr(obj, extra.name)) is not None
        and value != ""
    ]


def indicator_text(ind: Indicator, *, columns: Iterable[str] = ()) -> str:
    """One indicator as the official layout writes it; what a template adds follows in
    brackets, but for the fields given their own ``columns``."""
    text = (
        f"{ind.seq}、{_label(ind.level1)}；{_label(ind.level2)}；{ind.name}；"
        f"实施周期指标值:{ind.cycle.text}；年度指标值:{ind.annual.text}。"
    )
    more = details(ind, INDICATOR_EXTRAS, columns)
    return f"{text}（{'；'.join(more)}）" if more else text


def execution_line(e: Execution) -> Line:
    """A project's budget execution as a line of a self-evaluation (年度资金总额)."""
    budget = [
        f"{EXECUTION_LABELS[name]} {amount(getattr(e, name))}"
        for name in ("initial", "full_year")
        if getattr(e, name) is not None
    ]
    done = (
        [f"{EXECUTION_LABELS['executed']} {amount(e.executed)}"] if e.executed is not None else []
    )
    if e.rate is not None:
        done.append(f"{EXECUTION_LABELS['rate']} {e.rate}%")
    return Line(f"年度资金总额：{'；'.join(budget)}", "；".join(done), e.weight, e.score)


def _name(p: Project) -> str:
    return "\n".join([p.name, *_only(p, _NAME_DETAILS)])


def _only(p: Project, names: tuple[str, ...]) -> list[str]:
    return details(p, (e for e in PROJECT_EXTRAS if e.name in names))


def _goal(p: Project) -> str:
    more = _only(p, _GOAL_DETAILS)
    if not more:
        return p.goal
    return "\n".join([f"年度目标：{p.goal}" if p.goal else "年度目标：", *more])


def _lines(p: Project, selfeval: bool, per_indicator: bool = False) -> tuple[Line, ...]:
    if not selfeval:
        if per_indicator:  # a page may break between two of them (PDF, HTML)
            return tuple(Line(indicator_text(i)) for i in p.indicators)
        text = "".join(indicator_text(i) for i in p.indicators)
        return (Line(text),)
    lines = [execution_line(p.execution)] if p.execution is not None else []
    for ind in p.indicators:
        lines.append(
            Line(
                indicator_text(ind, columns=_IN_COLUMNS),
                "" if ind.actual is None else ind.actual.text,
                ind.weight,
                ind.score,
                ind.deviation or "",
            )
        )
    if p.score is not None or p.grade is not None:
        grade = _only(p, ("grade",))
        lines.append(Line(f"总分（{grade[0]}）" if grade else "总分", score=p.score))
    return tuple(lines)


def is_selfeval(doc: Document) -> bool:
    """Whether ``doc`` takes the self-evaluation columns: a self-evaluation, or any table
    holding what only they show (a budget execution, a printed 总分 or 等级, an indicator's
    实际完成值, 得分 or 偏差原因)."""
    if doc.kind == "selfeval":
        return True
    for _, p in doc.projects():
        if p.execution is not None or p.score is not None or p.grade is not None:
            return True
        if any(getattr(i, name) is not None for i in p.indicators for name in SELFEVAL_FIELDS):
            return True
    return False


def columns(doc: Document) -> tuple[str, ...]:
    """The layout's columns for ``doc``: :data:`SELFEVAL_COLUMNS` added where
    :func:`is_selfeval`."""
    return COLUMNS + SELFEVAL_COLUMNS if is_selfeval(doc) else COLUMNS


def official_rows(doc: Document, *, per_indicator: bool = False) -> list[Row]:
    """The rows of the official layout, in order: 合计, then each unit and its projects;
    ``per_indicator``: a target table's indicators one line each (the text of the cell is the
    same, in lines a printed page may break between) rather than one cell of numbered text."""
    selfeval = is_selfeval(doc)
    rows = [Row("total", "合计", doc.funds)]
    for unit in doc.units:
        rows.append(Row("unit", unit.name, unit.funds))
        for p in unit.projects:
            lines = _lines(p, selfeval, per_indicator)
            rows.append(Row("project", _name(p), p.funds, _goal(p), lines))
    return rows


def beyond_text_layout(doc: Document) -> list[str]:
    """What of ``doc`` the text layout cannot hold: its kind, then the labels of the fields a
    template adds, a self-evaluation's first (实际完成值, 得分, 偏差原因, 预算执行, 总分, 等级);
    empty for a plain 项目支出绩效目标表."""
    first: dict[str, None] = {}
    then: dict[str, None] = {}
    if doc.kind != "target":
        first[DOCUMENT_KINDS[doc.kind]] = None
    evaluated = {*SELFEVAL_FIELDS}
    for _, p in doc.projects():
        for ind in p.indicators:
            for extra in INDICATOR_EXTRAS:
                if getattr(ind, extra.name) is not None:
                    (first if extra.name in evaluated else then)[extra.label] = None
        if p.execution is not None:
            first["预算执行"] = None
        for extra in PROJECT_EXTRAS:
            if getattr(p, extra.name) is not None:
                (first if extra.name in ("score", "grade") else then)[extra.label] = None
    return [*first, *then]


def _funds(funds: Funds) -> list[Decimal | None]:
    return [funds.total, funds.fiscal, funds.special, funds.other]


def header_line(doc: Document) -> str:
    return f"部门名称：{doc.department}    单位：{doc.money_unit}"


def title(doc: Document) -> str:
    if doc.title:
        return doc.title
    name = DOCUMENT_KINDS[doc.kind]
    return f"{doc.year}年{name}" if doc.year else name


def printed_title(doc: Document) -> str:
    """The title of a printed page (PDF, HTML): the table's own, with its year in front
    where the title does not say it (``2025年度项目支出绩效目标表（含转移支付项目）``)."""
    text = title(doc)
    if doc.year is None or str(doc.year) in text:
        return text
    return f"{year_label(doc.year)}{text}"


def check_text_layout(doc: Document) -> None:
    """Refuse a document the text layout would cut short (see :func:`beyond_text_layout`)."""
    beyond = beyond_text_layout(doc)
    if beyond:
        shown = "、".join(beyond[:6]) + ("等" if len(beyond) > 6 else "")
        raise InputError(
            f"{doc.department} {year_label(doc.year)}的表含有文本版式容纳不下的内容："
            f"{shown}；导出为 text 会丢失它们",
            expected="导出格式 xlsx、html 或 pdf（官方版式，含这些内容），"
            "或 json、csv、datapackage",
        )


@register(
    "text",
    ".txt",
    "text/plain",
    "官方版式的文本（与从 PDF 提取的文本同一版式，可重新解析；只容纳项目支出绩效目标表的各列）",
)
def export_text(docs: Iterable[Document]) -> Iterator[bytes]:
    """The official layout as text: project rows indented under their unit; one line per row,
    goal and indicators on lines of their own. Parses back through ``jixiao parse``, so a
    document with more than that layout holds is refused (:func:`check_text_layout`)."""
    for k, doc in enumerate(docs):
        check_text_layout(doc)
        lines = ["" if k == 0 else "\f", title(doc), header_line(doc), " ".join(COLUMNS)]
        for row in official_rows(doc):
            amounts = " ".join(a for a in map(amount, _funds(row.funds)) if a)
            indent = "    " if row.kind == "project" else ""
            lines.append(f"{indent}{row.name} {amounts}".rstrip())
            if row.goal:
                lines.append(row.goal)
            if row.indicators:
                lines.append(row.indicators)
        yield ("\n".join(lines) + "\n").encode("utf-8")


_WIDTHS = (30, 12, 12, 12, 12, 40, 80)
_SELFEVAL_WIDTHS = (24, 8, 8, 30)
_NAME_GOAL = range(6)  # name, the four amounts and the goal: one cell per project


@register(
    "xlsx",
    ".xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "官方版式的 Excel：每个文件一个工作表，标题和表头合并单元格，金额为数字；"
    "自评表另有实际完成值、分值、得分、偏差原因列",
)
def export_xlsx(docs: Iterable[Document]) -> Iterator[bytes]:
    import io

    import xlsxwriter  # lazily: only this format needs it

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False})
    fmt_title = book.add_format({"bold": True, "font_size": 16, "align": "center"})
    fmt_line = book.add_format({"align": "left"})
    fmt_head = book.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True,
         "bg_color": "#DDEBF7"}
    )  # fmt: skip
    base = {"border": 1, "valign": "top", "text_wrap": True}
    fmt_text = book.add_format(base)
    fmt_name = {
        "total": book.add_format({**base, "bold": True}),
        "unit": book.add_format({**base, "bold": True}),
        "project": book.add_format({**base, "indent": 1}),
    }
    fmt_money = book.add_format({**base, "num_format": "#,##0.00"})
    fmt_score = book.add_format({**base, "num_format": "General"})
    used: set[str] = set()
    for doc in docs:
        sheet = book.add_worksheet(_sheet_name(doc, used))
        header = columns(doc)
        for col, width in enumerate(_WIDTHS + _SELFEVAL_WIDTHS):
            if col < len(header):
                sheet.set_column(col, col, width)
        sheet.merge_range(0, 0, 0, len(header) - 1, title(doc), fmt_title)
        sheet.merge_range(1, 0, 1, len(header) - 1, header_line(doc), fmt_line)
        sheet.write_row(2, 0, header, fmt_head)
        sheet.repeat_rows(2)  # the header on every printed page
        sheet.freeze_panes(3, 1)
        r = 3
        for row in official_rows(doc):
            height = max(len(row.lines), 1)
            cells: list[tuple[str | Decimal | None, Any]] = [
                (row.name, fmt_name[row.kind]),
                *((v, fmt_money) for v in _funds(row.funds)),
                (row.goal, fmt_text),
            ]
            for c, (value, fmt) in zip(_NAME_GOAL, cells, strict=True):
                if height > 1:
                    sheet.merge_range(r, c, r + height - 1, c, "", fmt)
                _write(sheet, r, c, value, fmt)
            for k, line in enumerate(row.lines or (Line(""),)):
                sheet.write_string(r + k, 6, line.indicator, fmt_text)
                if len(header) > len(COLUMNS):
                    sheet.write_string(r + k, 7, line.actual, fmt_text)
                    _write(sheet, r + k, 8, line.weight, fmt_score)
                    _write(sheet, r + k, 9, line.score, fmt_score)
                    sheet.write_string(r + k, 10, line.deviation, fmt_text)
            r += height
    book.close()
    yield buf.getvalue()


def _write(sheet: Any, r: int, c: int, value: str | Decimal | None, fmt: Any) -> None:
    """A cell: text as text, a number as a number (its format shows it), none as a blank."""
    if value is None:
        sheet.write_blank(r, c, None, fmt)
    elif isinstance(value, Decimal):
        sheet.write_number(r, c, float(value), fmt)
    else:
        sheet.write_string(r, c, value, fmt)


def _sheet_name(doc: Document, used: set[str]) -> str:
    """An Excel sheet name (≤ 31 characters, no []:*?/\\), unique in the workbook."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in f"{doc.department}{doc.year or ''}")
    name, k = base[:31], 1
    while name in used:
        k += 1
        name = f"{base[: 31 - len(str(k)) - 1]}_{k}"
    used.add(name)
    return name


KEEP_TOGETHER = 5
"""A project of at most this many lines is kept on one page (moved whole to the next page
when it does not fit the rest of one); a longer one fills the page and goes on overleaf."""

_PER_LINE = {"name": 9, "goal": 18, "indicator": 36}
"""Characters a printed line of each column holds at least (A4 landscape, 8.5 pt; Latin
letters and digits count half): to estimate which rows a project's name and goal reach down to."""


def _printed_lines(text: str, column: str) -> int:
    per_line = _PER_LINE[column]
    return sum(
        max(1, ceil(sum(1 if ord(ch) > 0x2E7F else 0.5 for ch in part) / per_line))
        for part in text.split("\n")
    )


def _holds(row: Row) -> list[bool]:
    """For each line of a project: whether a page must not break after it, because the
    project's name or goal (cells spanning its lines) reach further down — a page break
    through those cells would split their text, which a reader cannot join back. The first
    line always holds (a project's name never alone at a page's foot)."""
    reach = max(_printed_lines(row.name, "name"), _printed_lines(row.goal, "goal"))
    out, done = [], 0
    for k, line in enumerate(row.lines):
        done += _printed_lines(line.indicator, "indicator")
        out.append(k == 0 or done < reach)
    if out:
        out[-1] = False
    return out


@dataclass(frozen=True, slots=True)
class AnnexItem:
    """One review finding in the annex of a printed table: where (unit · project · indicator),
    its severity and rule in Chinese, and what to fix."""

    where: str
    severity: str
    rule: str
    message: str


Annex = Callable[[Document], Sequence[AnnexItem]]
"""The findings to print after a document (``--annex``): given by the caller, who reviews."""


def _official_html(docs: Iterable[Document], annex: Annex | None = None) -> str:
    """The official layout as one HTML page (the PDF is this page, printed); with ``annex``,
    each document followed by its review findings (附件：审核意见)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("jixiao.export", "templates"), autoescape=select_autoescape(["html"])
    )
    pages = [
        {
            "title": printed_title(doc),
            "header": header_line(doc),
            "columns": columns(doc),
            "selfeval": is_selfeval(doc),
            "annex": None if annex is None else list(annex(doc)),
            "rows": [
                {
                    "kind": row.kind,
                    "name": row.name,
                    "amounts": [amount(v) for v in _funds(row.funds)],
                    "goal": row.goal,
                    "keep": len(row.lines) <= KEEP_TOGETHER,
                    "lines": [
                        {
                            "hold": hold,
                            "indicator": line.indicator,
                            "actual": line.actual,
                            "weight": "" if line.weight is None else str(line.weight),
                            "score": "" if line.score is None else str(line.score),
                            "deviation": line.deviation,
                        }
                        for line, hold in zip(
                            row.lines or (Line(""),), _holds(row) or [False], strict=True
                        )
                    ],
                }
                for row in official_rows(doc, per_indicator=True)
            ],
        }
        for doc in docs
    ]
    return env.get_template("official.html").render(
        documents=pages, title=pages[0]["title"] if pages else TITLE
    )


@register(
    "html",
    ".html",
    "text/html",
    "官方版式的网页（自包含，可直接打印；自评表另有实际完成值、分值、得分列）",
)
def export_html(docs: Iterable[Document], annex: Annex | None = None) -> Iterator[bytes]:
    yield _official_html(docs, annex).encode("utf-8")


@register(
    "pdf",
    ".pdf",
    "application/pdf",
    "官方版式的 PDF：内嵌中文字体，每页有表头、页眉和页码；自评表另有实际完成值、分值、得分列",
)
def export_pdf(docs: Iterable[Document], annex: Annex | None = None) -> Iterator[bytes]:
    """The official layout as PDF (WeasyPrint; the CJK fonts come from the system's
    fonts-noto-cjk, installed by ``make install``). Pages are filled: a project's indicators
    are rows a page may break between, a project of up to :data:`KEEP_TOGETHER` lines is kept
    on one page, and the column header repeats on every page; ``annex`` as for HTML."""
    from weasyprint import HTML  # lazily: only this format needs it

    yield HTML(string=_official_html(docs, annex)).write_pdf()
