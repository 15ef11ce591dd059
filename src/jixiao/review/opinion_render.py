"""The 审核意见书 as Word (.docx: what bureaus edit and stamp), HTML, PDF and xlsx. One layout
(:func:`blocks`) feeds every format, so they say the same thing in the same order."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import InputError
from .base import SEVERITY_LABELS
from .opinion import Opinion, Place, Problem, summary_line

NUMERALS = "一二三四五六七八九十"

Block = tuple[str, Any]  # (kind, content): title, line, para, heading, item, detail, table, sign


def _cn(n: int) -> str:
    """1 → 一, 12 → 十二 (headings rarely go past twenty)."""
    if n <= 10:
        return NUMERALS[n - 1]
    return (
        ("" if n < 20 else NUMERALS[n // 10 - 1]) + "十" + (NUMERALS[n % 10 - 1] if n % 10 else "")
    )


def _date(opinion: Opinion) -> str:
    d = opinion.issue.on
    return f"{d.year}年{d.month}月{d.day}日"


def _where(place: Place, *, evidence: int) -> str:
    """Project (indicator: the text at issue, when it is at most ``evidence`` characters)."""
    out = place.project or "整个文件"
    shown = place.evidence if place.evidence and len(place.evidence) <= evidence else None
    inner = [x for x in (place.indicator, shown) if x]
    return out + (f"（{'：'.join(inner)}）" if inner else "")


def _problem(k: int, problem: Problem) -> list[Block]:
    """One paragraph per problem. A severe one lists each finding's own words; a warning or a
    hint says the problem once (its most common wording as the example) and lists where."""
    severity = SEVERITY_LABELS[problem.severity]
    projects = problem.projects
    scope = (
        f"{len(projects)} 个项目"
        if len(projects) > 1
        else (projects[0] if projects else "整个文件")
    )
    out: list[Block] = [("item", f"（{_cn(k)}）{problem.title}（{severity}，{scope}）")]
    brief = problem.severity != "error"
    own = [p for p in problem.places if p.detail is not None]
    # findings in their own words: every severe one; a hint's when there are few; a warning's
    # when it is the only one (more: one example, then where)
    keep = not brief or len(own) <= (3 if problem.severity == "info" else 1)
    fixes_only = problem.text.startswith("修改要求")
    example = own[0].detail if own and not keep and (fixes_only or not problem.text) else None
    if example:
        out.append(("para", f"如：{example}{problem.text}"))
    elif problem.text:
        out.append(("para", problem.text))
    listed = [p for p in problem.places if p.detail is None or not keep]
    if listed:
        limit = 24 if problem.severity == "error" else 8
        where = "；".join(dict.fromkeys(_where(p, evidence=limit) for p in listed))
        out.append(("detail", f"涉及：{where}。"))
    if keep:
        for place in own:
            out.append(("detail", f"{_where(place, evidence=0)}：{place.detail}"))
    return out


def blocks(opinion: Opinion) -> list[Block]:
    """The opinion's layout, format-independent."""
    issue, score = opinion.issue, opinion.score
    cap = f"；{score.capped}" if score.capped else ""
    out: list[Block] = [
        ("title", opinion.title),
        ("line", f"{opinion.addressee}："),
        (
            "para",
            f"{issue.issuer}于{_date(opinion)}对你单位报送的{opinion.document.department}"
            f"{opinion.document.year or ''}{'年度' if opinion.document.year else ''}"
            f"项目支出绩效目标（第 {issue.round} 轮）进行了审核。审核结论：{opinion.conclusion}"
            f"（得分 {score.score:g}，等级{score.grade}{cap}）。",
        ),
        ("heading", "一、总体情况"),
        ("para", summary_line(opinion)),
    ]
    section = 2
    fix = [p for p in opinion.problems if p.severity != "info"]
    notes = [p for p in opinion.problems if p.severity == "info"]
    if fix:
        out.append(("heading", f"{_cn(section)}、存在的问题和修改要求"))
        for k, problem in enumerate(fix, start=1):
            out.extend(_problem(k, problem))
        section += 1
    if notes:
        out.append(("heading", f"{_cn(section)}、其他提示（供参考，不作为退回理由）"))
        for k, problem in enumerate(notes, start=1):
            out.extend(_problem(k, problem))
        section += 1
    if opinion.remarks:
        out.append(("heading", f"{_cn(section)}、审核人意见"))
        for remark in opinion.remarks:
            where = "、".join(x for x in (remark.project, remark.indicator) if x) or "总体"
            how = f"【{remark.disposition}】" if remark.disposition else ""
            out.append(("detail", f"{where}：{how}{remark.comment}"))
        section += 1
    out.append(("heading", f"{_cn(section)}、各项目审核结论"))
    best = opinion.conclusions.get(opinion.grades[0], "") if opinion.grades else ""
    rows = [["序号", "项目", "得分", "等级", "结论"]]
    passed = 0
    for s in opinion.projects:  # worst first
        conclusion = opinion.conclusions.get(s.grade, s.grade)
        if best and conclusion == best:
            passed += 1
            continue
        rows.append([str(len(rows)), s.project or "", f"{s.score:g}", s.grade, conclusion])
    if len(rows) > 1:
        out.append(("table", rows))
    if passed:
        out.append(("para", f"其余 {passed} 个项目：{best}。"))
    out.append(("sign", [issue.issuer, f"审核人：{issue.reviewer}", _date(opinion)]))
    return out


def plain_text(opinions: Sequence[Opinion]) -> str:
    """The opinions as plain text (what the length of an opinion is measured on)."""
    lines: list[str] = []
    for opinion in opinions:
        for kind, content in blocks(opinion):
            if kind == "table":
                lines.extend("  ".join(row) for row in content)
            elif kind == "sign":
                lines.extend(content)
            else:
                lines.append(content)
        lines.append("")
    return "\n".join(lines)


# -- formats ---------------------------------------------------------------------------------
def render_docx(opinions: Sequence[Opinion]) -> bytes:
    """Word: 仿宋 body, 黑体 headings, a table of the projects; one opinion per section."""
    from docx import Document as Word  # lazily: only this format needs it
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    word = Word()
    style = word.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")

    def run(paragraph: Any, text: str, *, bold: bool = False, size: int | None = None,
            font: str | None = None) -> None:  # fmt: skip
        r = paragraph.add_run(text)
        r.bold = bold
        if size:
            r.font.size = Pt(size)
        if font:
            r.font.name = font
            r._element.rPr.rFonts.set(qn("w:eastAsia"), font)

    for n, opinion in enumerate(opinions):
        if n:
            word.add_section(WD_SECTION.NEW_PAGE)
        for kind, content in blocks(opinion):
            if kind == "title":
                p = word.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run(p, content, bold=True, size=16, font="黑体")
            elif kind == "heading":
                run(word.add_paragraph(), content, bold=True, font="黑体")
            elif kind == "item":
                run(word.add_paragraph(), content, bold=True)
            elif kind in ("para", "detail"):
                p = word.add_paragraph()
                p.paragraph_format.first_line_indent = Pt(24)
                run(p, content, size=11 if kind == "detail" else None)
            elif kind == "line":
                run(word.add_paragraph(), content)
            elif kind == "table":
                table = word.add_table(rows=len(content), cols=len(content[0]))
                table.style = "Table Grid"
                for r, row in enumerate(content):
                    for c, text in enumerate(row):
                        cell = table.cell(r, c)
                        cell.text = text
                        if r == 0:
                            for para in cell.paragraphs:
                                for rr in para.runs:
                                    rr.bold = True
            elif kind == "sign":
                for text in content:
                    p = word.add_paragraph()
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    run(p, text)
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()


def render_html(opinions: Sequence[Opinion]) -> bytes:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("jixiao.review", "templates"), autoescape=select_autoescape(["html"])
    )
    page = env.get_template("opinion.html").render(docs=[blocks(o) for o in opinions])
    return page.encode("utf-8")


def render_pdf(opinions: Sequence[Opinion]) -> bytes:
    from weasyprint import HTML  # lazily: only this format needs it

    return bytes(HTML(string=render_html(opinions).decode("utf-8")).write_pdf())


def render_xlsx(opinions: Sequence[Opinion]) -> bytes:
    """One row per problem and place: what a bureau tracks the fixes in."""
    import xlsxwriter  # lazily: only this format needs it

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet("审核意见")
    columns = [("部门", 16), ("问题", 22), ("严重程度", 8), ("修改要求", 60), ("项目", 28),
               ("指标", 24), ("具体情况", 40), ("修改情况", 20)]  # fmt: skip
    for col, (name, width) in enumerate(columns):
        sheet.write(0, col, name, head)
        sheet.set_column(col, col, width)
    row = 1
    for opinion in opinions:
        for problem in opinion.problems:
            for place in problem.places:
                sheet.write_row(row, 0, [opinion.document.department, problem.title,
                                         SEVERITY_LABELS[problem.severity],
                                         place.detail or problem.text, place.project or "",
                                         place.indicator or "", place.evidence or "", ""],
                                wrap)  # fmt: skip
                row += 1
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(row - 1, 1), len(columns) - 1)
    book.close()
    return buf.getvalue()


RENDERERS: dict[str, Callable[[Sequence[Opinion]], bytes]] = {
    "docx": render_docx,
    "pdf": render_pdf,
    "html": render_html,
    "xlsx": render_xlsx,
}


def render(opinions: Sequence[Opinion], fmt: str) -> bytes:
    if fmt not in RENDERERS:
        raise InputError(f"未知的审核意见格式“{fmt}”", expected="、".join(RENDERERS))
    return RENDERERS[fmt](opinions)
