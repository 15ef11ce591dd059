"""A review's result and its reports: JSON, Excel and HTML (the text report is the CLI's).

:func:`run_review` reviews documents and scores them; :class:`ReviewResult` holds findings
and scores per document with the summaries every report shows (ranking, counts by rule).
Report formats are registered renderers ``(result) -> bytes``; XlsxWriter and Jinja2 are
imported only when their format is asked for.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..model import Document
from .base import DIMENSIONS, RULES, SEVERITY_LABELS, Finding
from .engine import review_documents
from .ruleset import Ruleset, load_ruleset
from .scoring import Score, score_document

FIELD_LABELS = {
    "funds": "金额", "funds.total": "金额", "goal": "绩效目标", "name": "指标名称",
    "project": "项目", "project.name": "项目名称", "cycle": "实施周期指标值",
    "annual": "年度指标值", "level1": "一级指标", "level2": "二级指标", "indicators": "指标",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DocumentReview:
    document: Document
    findings: list[Finding]
    scores: list[Score]  # projects in table order, then the department

    @property
    def department_score(self) -> Score:
        return self.scores[-1]

    def ranking(self) -> list[Score]:
        """Project scores, worst first (ties: more errors first, then table order)."""
        projects = self.scores[:-1]
        return sorted(projects, key=lambda s: (s.score, -s.findings.get("error", 0)))

    def by_project(self) -> list[tuple[str | None, str | None, list[Finding]]]:
        """Findings grouped by (unit, project) in table order; document-level ones first."""
        order: dict[tuple[str | None, str | None], int] = {
            (u.name, p.name): i for i, (u, p) in enumerate(self.document.projects())
        }
        groups: dict[tuple[str | None, str | None], list[Finding]] = {}
        for f in self.findings:
            groups.setdefault((f.unit, f.project), []).append(f)
        keys = sorted(groups, key=lambda k: (k[1] is not None, order.get(k, -1)))
        return [
            (unit, project, sorted(groups[(unit, project)], key=_finding_order))
            for unit, project in keys
        ]


def _finding_order(f: Finding) -> tuple[int, int, str]:
    return (f.indicator or 0, ("error", "warning", "info").index(f.severity), f.rule)


@dataclass(frozen=True, slots=True)
class ReviewResult:
    reviews: list[DocumentReview]
    ruleset: Ruleset

    def counts_by_rule(self) -> list[tuple[str, int]]:
        counts = Counter(f.rule for r in self.reviews for f in r.findings)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def summary(self) -> dict[str, Any]:
        findings = [f for r in self.reviews for f in r.findings]
        return {
            "ruleset": self.ruleset.name,
            "documents": len(self.reviews),
            "projects": sum(len(r.scores) - 1 for r in self.reviews),
            "indicators": sum(r.document.counts()["indicators"] for r in self.reviews),
            "findings": len(findings),
            "by_severity": {
                s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_LABELS
            },
            "by_dimension": {d: sum(1 for f in findings if f.dimension == d) for d in DIMENSIONS},
            "by_rule": dict(self.counts_by_rule()),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": [
                {"department": r.document.department, "year": r.document.year, **f.to_dict()}
                for r in self.reviews
                for f in r.findings
            ],
            "scores": [s.to_dict() for r in self.reviews for s in r.scores],
            "summary": self.summary(),
        }

    def worst(self) -> str | None:
        """The worst severity found ('error' before 'warning' before 'info'), or None."""
        found = {f.severity for r in self.reviews for f in r.findings}
        return next((s for s in ("error", "warning", "info") if s in found), None)


def run_review(docs: Sequence[Document], ruleset: Ruleset | None = None) -> ReviewResult:
    """Review and score ``docs`` (corpus rules see them all at once)."""
    rs = ruleset or load_ruleset()
    findings = review_documents(docs, rs)
    reviews = [
        DocumentReview(doc, found, score_document(doc, found, rs.scoring))
        for doc, found in zip(docs, findings, strict=True)
    ]
    return ReviewResult(reviews, rs)


# -- renderers -------------------------------------------------------------------------------
Renderer = Callable[[ReviewResult], bytes]
RENDERERS: dict[str, Renderer] = {}


def renderer(key: str) -> Callable[[Renderer], Renderer]:
    def register(fn: Renderer) -> Renderer:
        RENDERERS[key] = fn
        return fn

    return register


def render(result: ReviewResult, fmt: str) -> bytes:
    try:
        return RENDERERS[fmt](result)
    except KeyError:
        raise InputError(f"未知的审核报告格式“{fmt}”", expected="、".join(RENDERERS)) from None


@renderer("json")
def render_json(result: ReviewResult) -> bytes:
    return (json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def rule_title(rule_id: str) -> str:
    info = RULES.get(rule_id)
    return info.title if info else rule_id


@renderer("xlsx")
def render_xlsx(result: ReviewResult) -> bytes:
    """问题清单 (one row per finding, grouped by project, outline levels to fold them),
    项目评分 and 规则统计 sheets."""
    import io

    import xlsxwriter  # lazily: only this report needs it

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    group = book.add_format({"bold": True, "bg_color": "#F2F2F2", "valign": "top"})
    sev = {
        "error": book.add_format({"font_color": "#C00000", "bold": True, "valign": "top"}),
        "warning": book.add_format({"font_color": "#9C5700", "valign": "top"}),
        "info": book.add_format({"font_color": "#595959", "valign": "top"}),
    }
    sheet = book.add_worksheet("问题清单")
    columns = [("部门", 16), ("年度", 6), ("单位", 18), ("项目", 24), ("指标序号", 6),
               ("字段", 10), ("严重程度", 8), ("维度", 7), ("规则", 14), ("问题说明", 60),
               ("原文", 40), ("规则编号", 26)]  # fmt: skip
    for col, (title, width) in enumerate(columns):
        sheet.write(0, col, title, head)
        sheet.set_column(col, col, width)
    row = 1
    for review in result.reviews:
        doc = review.document
        for unit, project, findings in review.by_project():
            label = project or "（整个文件）"
            sheet.write_row(row, 0, [doc.department, doc.year or "", unit or "", label], group)
            sheet.write(row, 9, f"{len(findings)} 个问题", group)
            row += 1
            for f in findings:
                sheet.set_row(row, None, None, {"level": 1})
                field = FIELD_LABELS.get(f.field or "", f.field or "")
                cells = [doc.department, doc.year or "", f.unit or "", f.project or ""]
                sheet.write_row(row, 0, [*cells, f.indicator or "", field], wrap)
                sheet.write(row, 6, SEVERITY_LABELS[f.severity], sev[f.severity])
                sheet.write_row(row, 7, [f.dimension, rule_title(f.rule), f.message,
                                         f.evidence or "", f.rule], wrap)  # fmt: skip
                row += 1
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(row - 1, 1), len(columns) - 1)
    scores = book.add_worksheet("项目评分")
    score_cols = ["部门", "年度", "单位", "项目", "金额", "得分", "建议等级", *DIMENSIONS,
                  *SEVERITY_LABELS.values()]  # fmt: skip
    scores.write_row(0, 0, score_cols, head)
    scores.set_column(0, 3, 20)
    r = 1
    for review in result.reviews:
        for s in [review.department_score, *review.ranking()]:
            scores.write_row(r, 0, [s.department, s.year or "", s.unit or "（部门）",
                                    s.project or "（部门整体）",
                                    "" if s.total is None else float(s.total), s.score, s.grade,
                                    *(s.dimensions[d] for d in DIMENSIONS),
                                    s.findings["error"], s.findings["warning"],
                                    s.findings["info"]])  # fmt: skip
            r += 1
    scores.freeze_panes(1, 0)
    rules = book.add_worksheet("规则统计")
    rules.write_row(0, 0, ["规则编号", "规则", "维度", "问题数"], head)
    rules.set_column(0, 1, 26)
    for k, (rule_id, count) in enumerate(result.counts_by_rule(), start=1):
        info = RULES.get(rule_id)
        dimension = info.dimension if info else ""
        rules.write_row(k, 0, [rule_id, rule_title(rule_id), dimension, count])
    book.close()
    return buf.getvalue()


@renderer("html")
def render_html(result: ReviewResult) -> bytes:
    """A self-contained page (no external assets) a reviewer can send to a department."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("jixiao.review", "templates"),
        autoescape=select_autoescape(["html"]),
    )
    documents = {id(r.document): k for k, r in enumerate(result.reviews)}

    def anchor(doc: Document, unit: str | None, project: str | None) -> str:
        """A stable id for a project's section: document number, unit and project names."""
        key = f"{documents[id(doc)]}-{unit or ''}-{project or ''}"
        return "p-" + "".join(ch if ch.isalnum() else "_" for ch in key)

    page = env.get_template("report.html").render(
        result=result,
        anchor=anchor,
        summary=result.summary(),
        severity_labels=SEVERITY_LABELS,
        field_labels=FIELD_LABELS,
        dimensions=DIMENSIONS,
        rule_title=rule_title,
    )
    return page.encode("utf-8")
