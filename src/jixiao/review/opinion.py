"""The 审核意见书: a review a finance bureau can send and stamp. Composed from a document's
review (findings, scores) and who issues it; rendered by :mod:`.opinion_render`.

What it says, in order: who reviewed what, when and in which round; the conclusion (通过 /
修改后通过 / 退回修改 / 不予安排) with the score and grade; the problems, one paragraph per
problem — a rule that fires on 34 projects is said once, with the list of projects — each with
its fix, most severe first; the reviewer's own dispositions and comments; and a short table of
the projects' conclusions. Rule ids never appear: they are for people who configure rules.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..model import Document, amount_text
from .base import SEVERITIES, SEVERITY_LABELS, Finding, Severity
from .report import DocumentReview, rule_title
from .ruleset import Ruleset
from .scoring import Score


@dataclass(frozen=True, slots=True)
class Issue:
    """Who issues the opinion, about which round of which submission."""

    issuer: str  # 发文机关, e.g. 某市财政局
    reviewer: str
    on: date
    round: int = 1
    addressee: str | None = None  # 主送 (default: the document's department)


@dataclass(frozen=True, slots=True)
class Remark:
    """A reviewer's own disposition or comment (强制调整 / 建议调整 / 通过), on a project, an
    indicator, or the whole submission."""

    comment: str
    disposition: str | None = None
    project: str | None = None
    indicator: str | None = None  # the indicator's name as the table writes it


@dataclass(frozen=True, slots=True)
class Place:
    unit: str | None
    project: str | None
    indicator: str | None  # 第 n 个指标“name”
    project_id: str | None  # the project's stable id (links from the web page)
    detail: str | None  # the finding's own message when it differs from the paragraph's
    evidence: str | None


@dataclass(slots=True)
class Problem:
    title: str  # the rule's Chinese title
    severity: Severity
    text: str  # what is wrong and how to fix it, said once
    places: list[Place] = field(default_factory=list)

    @property
    def projects(self) -> list[str]:
        return list(dict.fromkeys(p.project for p in self.places if p.project))


@dataclass(slots=True)
class Opinion:
    issue: Issue
    document: Document
    title: str
    conclusion: str
    score: Score
    counts: dict[str, int]  # severity → findings
    problems: list[Problem]
    projects: list[Score]
    conclusions: dict[str, str] = field(default_factory=dict)  # grade → 结论 (the ruleset's)
    grades: list[str] = field(default_factory=list)  # best first
    remarks: list[Remark] = field(default_factory=list)

    @property
    def addressee(self) -> str:
        return self.issue.addressee or self.document.department

    @property
    def money(self) -> str:
        total = self.document.funds.total
        return "" if total is None else f"{amount_text(total)} {self.document.money_unit}"


def _indicator(doc: Document, f: Finding) -> str | None:
    """第 n 个指标“name”, found by the finding's indicator id (by seq within its project for
    findings made before ids)."""
    if f.indicator is None and f.indicator_id is None:
        return None
    for unit, project in doc.projects():
        if f.project_id is not None and project.id != f.project_id:
            continue
        if f.project_id is None and (unit.name, project.name) != (f.unit, f.project):
            continue
        for ind in project.indicators:
            if (f.indicator_id is not None and ind.id == f.indicator_id) or (
                f.indicator_id is None and ind.seq == f.indicator
            ):
                return f"第 {ind.seq} 个指标“{ind.name}”"
    return f"第 {f.indicator} 个指标" if f.indicator is not None else None


_FIX = "：请"  # messages say what is wrong, then "：请…" how to fix it


def split_fix(message: str) -> tuple[str, str]:
    """(what is wrong, how to fix it) of a finding's message; the fix is "" when it has none."""
    at = message.rfind(_FIX)
    return (message[:at], message[at + 1 :]) if at >= 0 else (message, "")


def problems(doc: Document, findings: Iterable[Finding]) -> list[Problem]:
    """Findings grouped into problems: one per rule and severity. The paragraph's text is the
    message most of its findings share, said once; findings with their own message keep what
    is their own, and the fixes they end with are said once in the paragraph (at most three
    different ones; more, and each finding keeps its own)."""
    groups: dict[tuple[str, Severity], list[Finding]] = defaultdict(list)
    for f in findings:
        groups[(f.rule, f.severity)].append(f)
    out: list[Problem] = []
    for (rule, severity), found in groups.items():
        common, times = Counter(f.message for f in found).most_common(1)[0]
        shared = times > 1 or len(found) == 1
        own = [f for f in found if not (shared and f.message == common)]
        fixes = list(dict.fromkeys(split_fix(f.message)[1] for f in own))
        factor = 0 < len(fixes) <= 3 and all(fixes)
        text = common if shared else ""
        if factor:
            said = [fix for fix in fixes if fix not in text]
            if said:
                lead = "其余同类问题的修改要求：" if text else "修改要求："
                text += lead + "；或".join(fix.rstrip("。") for fix in said) + "。"
        problem = Problem(rule_title(rule), severity, text)
        for f in sorted(found, key=lambda f: (f.project or "", f.indicator or 0)):
            detail = None
            if not (shared and f.message == common):
                detail = split_fix(f.message)[0] + "。" if factor else f.message
            problem.places.append(
                Place(f.unit, f.project, _indicator(doc, f), f.project_id, detail, f.evidence)
            )
        out.append(problem)
    rank: dict[str, int] = {s: k for k, s in enumerate(SEVERITIES)}
    out.sort(key=lambda p: (rank[p.severity], -len(p.places), p.title))
    return out


def compose(
    review: DocumentReview,
    ruleset: Ruleset,
    issue: Issue,
    remarks: Sequence[Remark] = (),
) -> Opinion:
    """The opinion on one reviewed document."""
    doc = review.document
    dept = review.department_score
    year = f"{doc.year}年度" if doc.year else ""
    title = f"关于{doc.department}{year}项目支出绩效目标的审核意见"
    counts: dict[str, int] = {
        s: sum(1 for f in review.findings if f.severity == s) for s in SEVERITIES
    }
    return Opinion(
        issue=issue,
        document=doc,
        title=title,
        conclusion=ruleset.scoring.conclusion(dept.grade),
        score=dept,
        counts=counts,
        problems=problems(doc, review.findings),
        projects=review.ranking(),
        conclusions=dict(ruleset.scoring.conclusions),
        grades=[g for g, _ in ruleset.scoring.grades],
        remarks=list(remarks),
    )


def summary_line(opinion: Opinion) -> str:
    """总体情况 in one sentence."""
    n = len(opinion.projects)
    found = "、".join(
        f"{SEVERITY_LABELS[s]} {opinion.counts[s]} 处" for s in SEVERITIES if opinion.counts[s]
    )
    problems = sum(1 for p in opinion.problems if p.severity != "info")
    money = f"，资金 {opinion.money}" if opinion.money else ""
    return (
        f"共 {n} 个项目{money}。审核发现需要修改的问题 {problems} 类（{found or '无'}），"
        "逐项列明如下。"
    )
