"""The 审核意见书 of a stored document, with the reviewers' own dispositions and comments of
the workflow (the current round of each project) as remarks."""

from __future__ import annotations

from datetime import date

from ..review import Ruleset, load_ruleset
from ..review.opinion import Issue, Remark, compose
from ..review.opinion_render import render
from ..review.report import run_review
from .workflow import Acting, WorkflowRepo

MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def remarks(repo: WorkflowRepo, document_id: int) -> tuple[list[Remark], int]:
    """The dispositions and comments of the document's projects (their current rounds) and
    the highest round."""
    doc = repo.load_version(document_id)
    out: list[Remark] = []
    top = 1
    with repo.workflow_rows() as rows:
        for _unit, project in doc.projects():
            item = rows.item(project.id)
            if item is None:
                continue
            top = max(top, int(item.round))
            names = {i.id: i.name for i in project.indicators}
            for d in rows.dispositions(project.id, item.round):
                if d["comment"]:
                    out.append(
                        Remark(
                            d["comment"],
                            d["disposition"],
                            project.name,
                            names.get(d["indicator_uid"] or ""),
                        )
                    )
            for c in rows.comments(project.id):
                if c["parent_id"] is None and c["round"] == item.round:
                    out.append(Remark(c["text"], None, project.name, names.get(c["target"])))
    return out, top


def opinion_file(
    repo: WorkflowRepo,
    who: Acting,
    document_id: int,
    fmt: str,
    issuer: str,
    reviewer: str,
    ruleset: Ruleset | None = None,
) -> tuple[bytes, str]:
    """The document's opinion in ``fmt`` (docx, pdf, html, xlsx) and a file name."""
    rules = ruleset or load_ruleset()
    doc = repo.load_version(document_id)
    given, round_ = remarks(repo, document_id)
    result = run_review([doc], rules)
    issue = Issue(issuer, reviewer, date.today(), round_)
    opinions = [compose(r, rules, issue, given) for r in result.reviews]
    name = f"审核意见书-{doc.department}-{doc.year or ''}.{fmt}"
    return render(opinions, fmt), name
