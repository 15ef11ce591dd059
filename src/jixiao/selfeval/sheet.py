"""The 项目支出绩效自评表 in the official layout (财预〔2020〕10号 附件): as Excel, PDF and Word.

One layout (:func:`rows`: rows of cells with their column spans) feeds every format, so they
show the same table: the project and its units, the budget execution with its score, the goals
set and achieved, each indicator with its target, actual, weight, score and deviation analysis,
the total and the grade, and the conclusions.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..errors import InputError
from ..model import Project
from .evaluate import Evaluation
from .form import SelfEvaluationForm
from .scoring import ExecutionScore, num, points, target_of

WIDTH = 10  # columns of the table


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    span: int = 1
    head: bool = False


Row = list[Cell]


def _d(value: Decimal | None) -> str:
    return "" if value is None else num(value)


def rows(
    project: Project,
    form: SelfEvaluationForm,
    evaluation: Evaluation,
    *,
    department: str = "",
    unit: str = "",
    money_unit: str = "万元",
) -> tuple[str, list[Row]]:
    """(title, rows) of the table; every row spans :data:`WIDTH` columns."""
    year = f"（{form.year}年度）" if form.year else ""
    title = f"项目支出绩效自评表{year}"
    ex = evaluation.execution
    rate = points(ex.rate) + "%" if isinstance(ex, ExecutionScore) else ""
    weight = num(ex.weight) if isinstance(ex, ExecutionScore) else ""
    score = points(ex.score) if isinstance(ex, ExecutionScore) else ""
    out: list[Row] = [
        [Cell("项目名称", 2, True), Cell(project.name, 8)],
        [Cell("主管部门", 2, True), Cell(department or project.department or "", 3),
         Cell("实施单位", 2, True), Cell(unit or project.unit or "", 3)],
        [Cell(f"项目资金（{money_unit}）", 2, True), Cell("年初预算数", 2, True),
         Cell("全年预算数", 1, True), Cell("全年执行数", 1, True), Cell("分值", 1, True),
         Cell("执行率", 1, True), Cell("得分", 2, True)],
        [Cell("年度资金总额", 2, True), Cell(_d(form.initial), 2), Cell(_d(form.full_year)),
         Cell(_d(form.executed)), Cell(weight), Cell(rate), Cell(score, 2)],
        [Cell("年度总体目标", 2, True), Cell("预期目标", 4, True), Cell("实际完成情况", 4, True)],
        [Cell("", 2), Cell(project.goal, 4), Cell(form.goal_result or "", 4)],
        [Cell("一级指标", 1, True), Cell("二级指标", 1, True), Cell("三级指标", 2, True),
         Cell("年度指标值", 1, True), Cell("实际完成值", 1, True), Cell("分值", 1, True),
         Cell("得分", 1, True), Cell("偏差原因分析及改进措施", 2, True)],
    ]  # fmt: skip
    for scored in evaluation.indicators:
        ind = scored.indicator
        out.append([
            Cell(ind.level1.name), Cell(ind.level2.name), Cell(ind.name, 2),
            Cell(target_of(ind).text), Cell(ind.actual.text if ind.actual else ""),
            Cell(_d(ind.weight)), Cell("" if scored.score is None else points(scored.score)),
            Cell(ind.deviation or "", 2),
        ])  # fmt: skip
    total = "" if evaluation.total is None else points(evaluation.total)
    out += [
        [Cell("总分", 6, True), Cell("100"), Cell(total), Cell("等级", 1, True),
         Cell(evaluation.grade or "")],
        [Cell("评价结论", 2, True), Cell(form.conclusion or "", 8)],
        [Cell("存在问题", 2, True), Cell(form.problems or "", 8)],
        [Cell("改进措施", 2, True), Cell(form.improvements or "", 8)],
    ]  # fmt: skip
    return title, out


def render_xlsx(title: str, table: list[Row]) -> bytes:
    import xlsxwriter  # lazily: only this format needs it

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False})
    big = book.add_format({"bold": True, "font_size": 14, "align": "center"})
    head = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter",
                            "text_wrap": True, "bg_color": "#F2F2F2"})  # fmt: skip
    body = book.add_format({"border": 1, "valign": "top", "text_wrap": True})
    sheet = book.add_worksheet("自评表")
    sheet.set_column(0, WIDTH - 1, 11)
    sheet.merge_range(0, 0, 0, WIDTH - 1, title, big)
    for r, row in enumerate(table, start=1):
        c = 0
        for cell in row:
            fmt = head if cell.head else body
            if cell.span > 1:
                sheet.merge_range(r, c, r, c + cell.span - 1, cell.text, fmt)
            else:
                sheet.write_string(r, c, cell.text, fmt)
            c += cell.span
    sheet.fit_to_pages(1, 0)
    sheet.set_landscape()
    book.close()
    return buf.getvalue()


def render_html(title: str, table: list[Row]) -> bytes:
    from markupsafe import escape

    body = "".join(
        "<tr>" + "".join(
            f'<{"th" if c.head else "td"} colspan="{c.span}">{escape(c.text)}'
            f'</{"th" if c.head else "td"}>' for c in row) + "</tr>\n"
        for row in table
    )  # fmt: skip
    page = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{escape(title)}</title><style>
@page {{ size: A4 landscape; margin: 1.5cm; }}
body {{ font-family: "Noto Serif CJK SC", "FangSong", serif; font-size: 10.5pt; }}
h1 {{ text-align: center; font-size: 15pt; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
th, td {{ border: 1px solid #000; padding: 3px 4px; vertical-align: top; word-wrap: break-word; }}
th {{ background: #f2f2f2; }}
tr {{ page-break-inside: avoid; }}
</style></head><body><h1>{escape(title)}</h1><table>
{body}</table></body></html>"""
    return page.encode("utf-8")


def render_pdf(title: str, table: list[Row]) -> bytes:
    from weasyprint import HTML  # lazily: only this format needs it

    return bytes(HTML(string=render_html(title, table).decode("utf-8")).write_pdf())


def render_docx(title: str, table: list[Row]) -> bytes:
    from docx import Document as Word  # lazily: only this format needs it
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    word = Word()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    heading = word.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(title).bold = True
    grid = word.add_table(rows=len(table), cols=WIDTH)
    grid.style = "Table Grid"
    for r, row in enumerate(table):
        c = 0
        for cell in row:
            target = grid.cell(r, c)
            if cell.span > 1:
                target = target.merge(grid.cell(r, c + cell.span - 1))
            target.text = cell.text
            if cell.head:
                for para in target.paragraphs:
                    for run in para.runs:
                        run.bold = True
            c += cell.span
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()


RENDERERS: dict[str, Callable[[str, list[Row]], bytes]] = {
    "xlsx": render_xlsx,
    "pdf": render_pdf,
    "docx": render_docx,
    "html": render_html,
}


def render(title: str, table: list[Row], fmt: str) -> bytes:
    if fmt not in RENDERERS:
        raise InputError(f"未知的自评表格式“{fmt}”", expected="、".join(RENDERERS))
    return RENDERERS[fmt](title, table)
