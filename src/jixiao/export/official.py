"""The table in its official layout (项目支出绩效目标表 as departments publish it).

Columns 项目名称（资金使用单位） / 总计 / 财政拨款 / 财政专户拨款 / 其他资金 / 绩效目标 /
绩效指标; a 合计 row, then each unit's row followed by its projects' rows; a project's
indicators are one cell of numbered text:
``1、1-产出指标；11-数量指标；名称；实施周期指标值:…；年度指标值:…。``

:func:`official_rows` is the layout as data, shared by every rendering: ``text`` (the layout as
text, what a PDF of it reads as; it parses back through the text reader) and ``xlsx`` (one
sheet per document, title and header merged across the columns, amounts as numbers).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..model import Document, Funds, Indicator, Level
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
TITLE = "项目支出绩效目标表"


@dataclass(frozen=True, slots=True)
class Row:
    kind: str  # "total", "unit" or "project"
    name: str
    funds: Funds
    goal: str = ""
    indicators: str = ""


def _label(level: Level) -> str:
    return f"{level.code}-{level.name}" if level.code else level.name


def indicator_text(ind: Indicator) -> str:
    """One indicator as the official layout writes it."""
    return (
        f"{ind.seq}、{_label(ind.level1)}；{_label(ind.level2)}；{ind.name}；"
        f"实施周期指标值:{ind.cycle.text}；年度指标值:{ind.annual.text}。"
    )


def official_rows(doc: Document) -> list[Row]:
    """The rows of the official layout, in order: 合计, then each unit and its projects."""
    rows = [Row("total", "合计", doc.funds)]
    for unit in doc.units:
        rows.append(Row("unit", unit.name, unit.funds))
        for p in unit.projects:
            text = "".join(indicator_text(i) for i in p.indicators)
            rows.append(Row("project", p.name, p.funds, p.goal, text))
    return rows


def _funds(funds: Funds) -> list[Decimal | None]:
    return [funds.total, funds.fiscal, funds.special, funds.other]


def header_line(doc: Document) -> str:
    return f"部门名称：{doc.department}    单位：{doc.money_unit}"


def title(doc: Document) -> str:
    if doc.title:
        return doc.title
    return f"{doc.year}年{TITLE}" if doc.year else TITLE


@register("text", ".txt", "text/plain", "官方版式的文本（与从 PDF 提取的文本同一版式，可重新解析）")
def export_text(docs: Iterable[Document]) -> Iterator[bytes]:
    """The official layout as text: project rows indented under their unit; one line per row,
    goal and indicators on lines of their own. Parses back through ``jixiao parse``."""
    for k, doc in enumerate(docs):
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


@register(
    "xlsx",
    ".xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "官方版式的 Excel：每个文件一个工作表，标题和表头合并单元格，金额为数字",
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
    used: set[str] = set()
    for doc in docs:
        sheet = book.add_worksheet(_sheet_name(doc, used))
        widths = (30, 12, 12, 12, 12, 40, 80)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        sheet.merge_range(0, 0, 0, len(COLUMNS) - 1, title(doc), fmt_title)
        sheet.merge_range(1, 0, 1, len(COLUMNS) - 1, header_line(doc), fmt_line)
        sheet.write_row(2, 0, COLUMNS, fmt_head)
        sheet.repeat_rows(2)  # the header on every printed page
        sheet.freeze_panes(3, 1)
        for r, row in enumerate(official_rows(doc), start=3):
            sheet.write_string(r, 0, row.name, fmt_name[row.kind])
            for c, value in enumerate(_funds(row.funds), start=1):
                if value is None:
                    sheet.write_blank(r, c, None, fmt_money)
                else:
                    sheet.write_number(r, c, float(value), fmt_money)
            sheet.write_string(r, 5, row.goal, fmt_text)
            sheet.write_string(r, 6, row.indicators, fmt_text)
    book.close()
    yield buf.getvalue()


def _sheet_name(doc: Document, used: set[str]) -> str:
    """An Excel sheet name (≤ 31 characters, no []:*?/\\), unique in the workbook."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in f"{doc.department}{doc.year or ''}")
    name, k = base[:31], 1
    while name in used:
        k += 1
        name = f"{base[: 31 - len(str(k)) - 1]}_{k}"
    used.add(name)
    return name


def _official_html(docs: Iterable[Document]) -> str:
    """The official layout as one HTML page (the PDF is this page, printed)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("jixiao.export", "templates"), autoescape=select_autoescape(["html"])
    )
    pages = [
        {
            "title": title(doc),
            "header": header_line(doc),
            "rows": [
                {
                    "kind": row.kind,
                    "name": row.name,
                    "amounts": [amount(v) for v in _funds(row.funds)],
                    "goal": row.goal,
                    "indicators": row.indicators,
                }
                for row in official_rows(doc)
            ],
        }
        for doc in docs
    ]
    return env.get_template("official.html").render(
        documents=pages, columns=COLUMNS, title=pages[0]["title"] if pages else TITLE
    )


@register("html", ".html", "text/html", "官方版式的网页（自包含，可直接打印）")
def export_html(docs: Iterable[Document]) -> Iterator[bytes]:
    yield _official_html(docs).encode("utf-8")


@register("pdf", ".pdf", "application/pdf", "官方版式的 PDF：内嵌中文字体，每页有表头、页眉和页码")
def export_pdf(docs: Iterable[Document]) -> Iterator[bytes]:
    """The official layout as PDF (WeasyPrint; the CJK fonts come from the system's
    fonts-noto-cjk, installed by ``make install``). Rows are not split across pages where
    avoidable, and the column header repeats on every page."""
    from weasyprint import HTML  # lazily: only this format needs it

    yield HTML(string=_official_html(docs)).write_pdf()
