"""The self-evaluation audit as a record: JSON (machine-readable, what the golden tests pin)
and an Excel workbook (偏离清单, 指标得分, 项目汇总) a reviewer files with the table."""

from __future__ import annotations

import io
import json
from typing import Any

from ..model import Indicator
from .audit import DocumentAudit, IndicatorCheck, ProjectAudit
from .scoring import SCORING_RULES, Unscored, num, points


def _dec(value: Any) -> str | None:
    return None if value is None else num(value)


def check_dict(check: IndicatorCheck) -> dict[str, Any]:
    ind: Indicator = check.indicator
    r = check.result
    out: dict[str, Any] = {
        "id": ind.id or None,
        "seq": ind.seq,
        "level1": ind.level1.name,
        "name": ind.name,
        "target": (ind.annual if ind.annual.text.strip() else ind.cycle).text,
        "actual": ind.actual.text if ind.actual is not None else None,
        "weight": _dec(ind.weight),
        "published": _dec(ind.score),
    }
    if isinstance(r, Unscored):
        out.update(recomputed=None, rule=None, basis=r.reason)
    else:
        out.update(recomputed=check.recomputed, rule=r.rule, basis=r.basis)
    return out


def project_dict(p: ProjectAudit, *, everything: bool) -> dict[str, Any]:
    ex = p.execution
    out: dict[str, Any] = {
        "id": p.project.id or None,
        "unit": p.unit,
        "project": p.project.name,
        "published_total": _dec(p.project.score),
        "recomputed_total": None if p.recomputed_total is None else points(p.recomputed_total),
        "published_grade": p.project.grade,
        "recomputed_grade": p.recomputed_grade,
        "total_taken_as_published": p.estimated,
        "notes": p.notes,
        "execution": None
        if ex is None
        else (
            {"recomputed": None, "basis": ex.reason}
            if isinstance(ex, Unscored)
            else {"rate": points(ex.rate), "recomputed": points(ex.score), "basis": ex.basis}
        ),
        "departures": [
            {
                "kind": d.kind,
                "title": d.title,
                "indicator": d.indicator,
                "indicator_id": d.indicator_id,
                "name": d.name,
                "published": d.published,
                "recomputed": d.recomputed,
                "rule": d.rule,
            }
            for d in p.departures
        ],
        "not_checked": [
            {
                "id": c.indicator.id or None,
                "seq": c.indicator.seq,
                "name": c.indicator.name,
                "reason": c.result.reason,
            }
            for c in p.unchecked
            if isinstance(c.result, Unscored) and c.indicator.score is not None
        ],
    }
    if everything:
        out["indicators"] = [check_dict(c) for c in p.indicators]
    return out


def to_dict(audit: DocumentAudit, *, everything: bool = False) -> dict[str, Any]:
    doc = audit.document
    return {
        "file": doc.source.name if doc.source else None,
        "department": doc.department,
        "year": doc.year,
        "rules": audit.rules,
        "departures": len(audit.departures),
        "notes": audit.notes,
        "projects": [project_dict(p, everything=everything) for p in audit.projects],
    }


def render_json(audits: list[DocumentAudit], *, everything: bool = False) -> bytes:
    data = [to_dict(a, everything=everything) for a in audits]
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_xlsx(audits: list[DocumentAudit]) -> bytes:
    """偏离清单 (one row per departure), 指标得分 (every indicator with both scores) and
    项目汇总 (published and recomputed totals and grades)."""
    import xlsxwriter  # lazily: only this report needs it

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})

    def sheet(title: str, columns: list[tuple[str, int]]) -> Any:
        ws = book.add_worksheet(title)
        for col, (name, width) in enumerate(columns):
            ws.write(0, col, name, head)
            ws.set_column(col, col, width)
        ws.freeze_panes(1, 0)
        return ws

    where = [("文件", 24), ("部门", 16), ("单位", 16), ("项目", 24)]
    dep = sheet("偏离清单", [*where, ("指标序号", 6), ("指标", 20), ("偏离", 22),
                             ("表中", 10), ("重算", 10), ("依据", 60)])  # fmt: skip
    ind = sheet("指标得分", [*where, ("序号", 6), ("一级指标", 12), ("三级指标", 24),
                             ("目标值", 16), ("实际完成值", 16), ("分值", 7), ("表中得分", 8),
                             ("重算得分", 10), ("计分规则", 14), ("依据", 60)])  # fmt: skip
    tot = sheet("项目汇总", [*where, ("表中总分", 9), ("重算总分", 9), ("表中等级", 8),
                             ("重算等级", 8), ("偏离数", 7), ("未能重算", 8)])  # fmt: skip
    rows = {"dep": 1, "ind": 1, "tot": 1}
    for audit in audits:
        doc = audit.document
        name = doc.source.name if doc.source else ""
        for p in audit.projects:
            lead = [name, doc.department, p.unit or "", p.project.name]
            for d in p.departures:
                cells = [d.indicator or "", d.name or "", d.title, d.published, d.recomputed]
                dep.write_row(rows["dep"], 0, [*lead, *cells, d.rule], wrap)
                rows["dep"] += 1
            for c in p.indicators:
                i = check_dict(c)
                rule = SCORING_RULES[i["rule"]].title.split("：")[0] if i["rule"] else "未能重算"
                ind.write_row(rows["ind"], 0, [*lead, i["seq"], i["level1"], i["name"],
                                               i["target"], i["actual"] or "", i["weight"] or "",
                                               i["published"] or "", i["recomputed"] or "",
                                               rule, i["basis"]], wrap)  # fmt: skip
                rows["ind"] += 1
            data = project_dict(p, everything=False)
            tot.write_row(rows["tot"], 0, [*lead, data["published_total"] or "",
                                           data["recomputed_total"] or "",
                                           p.project.grade or "", p.recomputed_grade or "",
                                           len(p.departures), len(p.unchecked)], wrap)  # fmt: skip
            rows["tot"] += 1
    for ws, key, width in ((dep, "dep", 10), (ind, "ind", 14), (tot, "tot", 10)):
        ws.autofilter(0, 0, max(rows[key] - 1, 1), width - 1)
    book.close()
    return buf.getvalue()
