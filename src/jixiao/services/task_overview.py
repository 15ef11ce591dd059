"""The finance overview of a task (汇总表): every report in scope with 状态, 部门, 项目, 全年预算数,
执行数, 执行率, 得分, 等级, 预警 and 截止天数; counts by state, grade and light; the deviation
register (red and yellow indicators with their reasons) — all computed by the store in SQL
(aggregates and one page at a time), so it stays quick on a province-sized store. The whole
overview and a report's 自评表 (official layout) export from here.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..errors import InputError
from ..selfeval.evaluate import Evaluation
from ..selfeval.form import SelfEvaluationForm, apply
from ..selfeval.scoring import num
from ..tasks import CENT, days_left
from .actor import Actor
from .tasks import ReportView, Rules, TaskRepo, open_report, scope_of, task_in_scope

REGISTER = ("red", "yellow")
"""The lights the deviation register lists, worst first."""


@dataclass(frozen=True, slots=True)
class OverviewRow:
    report_id: int
    state: str
    state_name: str
    department: str
    unit: str
    project: str
    budget: Decimal | None
    spent: Decimal | None
    rate: Decimal | None
    score: Decimal | None
    grade: str | None
    light: str | None
    light_name: str
    days_left: int | None  # None: reported (no longer counts down)
    problems: int

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


@dataclass(slots=True)
class Overview:
    task: Any
    kind_name: str
    days_left: int
    reports: int
    departments: int
    budget: Decimal
    spent: Decimal
    rate: Decimal | None
    states: list[tuple[str, str, int]]  # (key, name, count) in the flow's order
    grades: list[tuple[str, int]]  # best first
    lights: list[tuple[str, str, int]]  # projects by light, worst first
    indicator_lights: list[tuple[str, str, int]]  # indicators by light
    indicators: int
    overdue: int
    rows: list[OverviewRow] = field(default_factory=list)
    deviations: list[Any] = field(default_factory=list)
    deviation_total: int = 0


def _row(r: Any, rules: Rules, left: int) -> OverviewRow:
    light = rules.monitoring.light(r.light).name if r.light else ""
    counting = r.state in rules.flow.editable
    return OverviewRow(r.id, r.state, rules.flow.state_name(r.state), r.department, r.unit,
                       r.project_name, r.budget, r.spent, r.rate, r.score, r.grade, r.light,
                       light, left if counting else None, r.problems)  # fmt: skip


Memo = Callable[[Hashable, Callable[[], Any]], Any]
"""Keeps a computed value under a key (the web app's :meth:`Context.memo`)."""


def overview(
    repo: TaskRepo, actor: Actor, task_id: int, today: date, *, limit: int = 100,
    offset: int = 0, register: int = 100, rules: Rules | None = None, memo: Memo | None = None,
) -> Overview:  # fmt: skip
    """The overview of task ``task_id`` over the reports ``actor`` may read: the aggregates
    of all of them, the table's rows ``offset`` … ``offset + limit`` and the first
    ``register`` entries of the deviation register. With ``memo`` the aggregates are kept
    until one of the task's reports changes (the task's change count is in the key)."""
    rules = rules or Rules()
    scope = scope_of(repo, actor)
    with repo.tasks() as rows:
        task = task_in_scope(rows, task_id, scope)
        known = len(task.departments) if scope is None else None  # each has a report
        if memo is None:
            totals = rows.totals(task_id, scope, known)
        else:
            key = ("task-totals", task_id, scope, rows.changes(task_id))
            totals = memo(key, lambda: _totals(repo, task_id, scope, known))
        page, _ = rows.reports(task_id, scope, limit=limit, offset=offset)
        deviations, deviation_total = rows.deviations(
            task_id, scope, REGISTER, limit=register, counts=totals.indicator_lights
        )
    left = days_left(date.fromisoformat(task.deadline), today)
    by_state = totals.by_state
    open_reports = sum(n for s, n in by_state.items() if s in rules.flow.editable)
    rate = None
    if totals.budget > 0:
        rate = (totals.spent / totals.budget * 100).quantize(CENT, ROUND_HALF_UP)
    by_light, by_ind = totals.by_light, totals.indicator_lights
    lights = [(x.key, x.name, by_light.get(x.key, 0)) for x in rules.monitoring.lights]
    ind_lights = [(x.key, x.name, by_ind.get(x.key, 0)) for x in rules.monitoring.lights]
    if task.kind == "selfeval":  # a self-evaluation's indicator: met, partly, missed
        names = {"green": "达成", "yellow": "部分达成", "red": "未达成"}
        ind_lights = [(k, names[k], by_ind.get(k, 0)) for k in ("red", "yellow", "green")]
    return Overview(
        task=task, kind_name=rules.flow.kinds.get(task.kind, task.kind), days_left=left,
        reports=totals.reports, departments=totals.departments, budget=totals.budget,
        spent=totals.spent, rate=rate,
        states=[(s.key, s.name, by_state.get(s.key, 0)) for s in rules.flow.states],
        grades=[(g, totals.by_grade.get(g, 0)) for g, _ in rules.scoring.grades],
        lights=lights, indicator_lights=ind_lights, indicators=totals.indicators,
        overdue=open_reports if left < 0 else 0,
        rows=[_row(r, rules, left) for r in page], deviations=deviations,
        deviation_total=deviation_total,
    )  # fmt: skip


def _totals(repo: TaskRepo, task_id: int, scope: Any, departments: int | None) -> Any:
    with repo.tasks() as rows:
        return rows.totals(task_id, scope, departments)


# -- the department dashboard ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LatestCounts:
    """The latest task of a kind for a department: its reports by light or by grade (every
    light / grade of the rules, worst light first / best grade first) and how many reports
    have none yet (not filled in)."""

    task_id: int
    title: str
    reports: int
    counts: list[tuple[str, str, int]]  # (key, name, count)
    pending: int


@dataclass(frozen=True, slots=True)
class DepartmentResults:
    monitoring: LatestCounts | None
    selfeval: LatestCounts | None


def department_results(
    repo: TaskRepo, actor: Actor, document_id: int, *, rules: Rules | None = None
) -> DepartmentResults:
    """What the dashboard of a department's document charts of the tasks: the latest
    monitoring task's projects by light and the latest self-evaluation's by grade, over the
    reports of its department (tasks of its year) that ``actor`` may read — SQL aggregates
    on indexed rows only, so the dashboard stays quick."""
    rules = rules or Rules()
    scope = scope_of(repo, actor)
    with repo.tasks() as rows:
        monitoring = rows.latest_counts("monitoring", document_id, scope)
        selfeval = rows.latest_counts("selfeval", document_id, scope)

    def shaped(found: Any, keys: list[tuple[str, str]]) -> LatestCounts | None:
        if found is None:
            return None
        task_id, title, counts, total = found
        listed = [(k, name, counts.get(k, 0)) for k, name in keys]
        return LatestCounts(task_id, title, total, listed, total - sum(n for *_, n in listed))

    return DepartmentResults(
        shaped(monitoring, [(x.key, x.name) for x in rules.monitoring.lights]),
        shaped(selfeval, [(g, g) for g, _ in rules.scoring.grades]),
    )


# -- exports ---------------------------------------------------------------------------------------
HEADINGS = ("状态", "部门", "单位", "项目", "全年预算数", "执行数", "执行率（%）", "得分", "等级",
            "预警", "截止天数", "待完善")  # fmt: skip


def _cell(value: Decimal | None) -> float | str:
    return "" if value is None else float(value)


def export_overview(
    repo: TaskRepo, actor: Actor, task_id: int, today: date, rules: Rules | None = None
) -> tuple[str, bytes]:
    """The whole overview as a workbook: 汇总表 (every report in scope), 统计 (the counts) and
    偏差登记 (every red and yellow indicator with its reasons)."""
    import xlsxwriter  # lazily: only this export needs it

    rules = rules or Rules()
    summary = overview(repo, actor, task_id, today, limit=1, register=0, rules=rules)
    scope = scope_of(repo, actor)
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                     "constant_memory": True})  # fmt: skip
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    money = book.add_format({"num_format": "#,##0.00"})
    title = book.add_format({"bold": True, "font_size": 14})
    sheet = book.add_worksheet("汇总表")
    sheet.write(0, 0, f"{summary.task.title} 汇总表（截至 {today.isoformat()}）", title)
    for c, text in enumerate(HEADINGS):
        sheet.write(1, c, text, head)
    sheet.set_column(0, 2, 14)
    sheet.set_column(3, 3, 36)
    sheet.set_column(4, 11, 11)
    left = summary.days_left
    r = 2
    with repo.tasks() as rows:
        for report in rows.iter_reports(task_id, scope):
            row = _row(report, rules, left)
            values: list[Any] = [
                row.state_name, row.department, row.unit, row.project, _cell(row.budget),
                _cell(row.spent), _cell(row.rate), _cell(row.score), row.grade or "",
                row.light_name, "" if row.days_left is None else row.days_left, row.problems,
            ]  # fmt: skip
            for c, value in enumerate(values):
                sheet.write(r, c, value, money if c in (4, 5) and value != "" else None)
            r += 1
        stats = book.add_worksheet("统计")
        stats.set_column(0, 1, 16)
        lines: list[tuple[str, Any]] = [
            ("报告数", summary.reports), ("部门数", summary.departments),
            ("全年预算数合计", float(summary.budget)), ("执行数合计", float(summary.spent)),
            ("总执行率（%）", _cell(summary.rate)), ("逾期未报", summary.overdue),
            *((f"状态：{name}", n) for _, name, n in summary.states),
            *((f"等级：{g}", n) for g, n in summary.grades),
            *((f"项目{name}", n) for _, name, n in summary.lights),
            *((f"指标{name}", n) for _, name, n in summary.indicator_lights),
        ]  # fmt: skip
        for k, (label, n) in enumerate(lines):
            stats.write(k, 0, label, head)
            stats.write(k, 1, n)
        register = book.add_worksheet("偏差登记")
        names = ("部门", "单位", "项目", "序号", "指标", "年度指标值", "当前完成值", "预警",
                 "完成可能性", "偏差原因", "纠偏措施")  # fmt: skip
        for c, text in enumerate(names):
            register.write(0, c, text, head)
        register.set_column(0, 10, 16)
        names_of = {x.key: x.name for x in rules.monitoring.lights}
        for line, d in enumerate(rows.iter_deviations(task_id, scope, REGISTER), start=1):
            for c, value in enumerate((d.department, d.unit, d.project, d.seq, d.name, d.target,
                                       d.current or "", names_of[d.light], d.possibility or "",
                                       d.reasons or "", d.measures or "")):  # fmt: skip
                register.write(line, c, value)
    book.close()
    return f"汇总表-任务{task_id}.xlsx", buf.getvalue()


MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


def export_selfeval(
    repo: TaskRepo, actor: Actor, report_id: int, fmt: str, rules: Rules | None = None
) -> tuple[str, bytes]:
    """A self-evaluation report as the 项目支出绩效自评表 in the official layout."""
    from ..selfeval import sheet

    if fmt not in MEDIA:
        raise InputError(f"未知的自评表格式“{fmt}”", expected="、".join(MEDIA))
    view: ReportView = open_report(repo, actor, report_id, rules=rules)
    if not isinstance(view.form, SelfEvaluationForm):
        raise InputError("只有绩效自评报告可导出自评表", expected="运行监控报告请导出监控表")
    project = apply(view.form, view.project)
    assert isinstance(view.checked, Evaluation)
    title, table = sheet.rows(project, view.form, view.checked, department=view.department,
                              unit=view.unit)  # fmt: skip
    name = "".join(c for c in view.project.name if c not in '\\/:*?"<>|\r\n')[:60] or "项目"
    return f"自评表-{name}-{view.task.year}.{fmt}", sheet.render(title, table, fmt)


def points(value: Decimal | None) -> str:
    return "" if value is None else num(value.quantize(CENT, ROUND_HALF_UP))
