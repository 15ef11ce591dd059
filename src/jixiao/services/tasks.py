"""Monitoring and self-evaluation tasks: finance issues a task to departments; each covered
project gets a report its unit fills in (the monitoring form, or the self-evaluation), saves
as versions (optimistic locking), and sends through 送审 / 退回 / 审核 (``data/tasks.toml``).

Each change is one transaction with its version row and its audit record. The finance
overview and the exports are in :mod:`.task_overview`.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from ..errors import InputError, NotFoundError
from ..model import Project
from ..monitoring import MonitoringRules, load_monitoring_rules
from ..monitoring.form import FormCheck, MonitoringForm, check_form
from ..monitoring.form import blank as blank_monitoring
from ..selfeval import SelfEvalRules, load_selfeval_rules
from ..selfeval.evaluate import Evaluation, check_manual_score
from ..selfeval.form import SelfEvaluationForm, apply, check
from ..selfeval.form import blank as blank_selfeval
from ..tasks import (
    KINDS,
    MAX_TEXT,
    Action,
    Figures,
    TaskRules,
    allowed,
    days_left,
    load_task_rules,
    monitoring_figures,
    monitoring_from_dict,
    monitoring_to_dict,
    parse_period,
    period_text,
    selfeval_figures,
    selfeval_from_dict,
    selfeval_to_dict,
    transition,
)
from ..workflow import Workflow, load_workflow
from .actor import CLI_ROLE, Actor


class TaskRepo(Protocol):
    """A store as tasks need it: task rows, the org tree and projects."""

    def tasks(self, *, write: bool = False) -> AbstractContextManager[Any]: ...

    def accounts(self, *, write: bool = False) -> AbstractContextManager[Any]: ...

    def project(self, project_id: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class Rules:
    """The rules tasks use: the flow, the lights and the scoring (bundled unless a region's
    files are given)."""

    flow: TaskRules = field(default_factory=load_task_rules)
    targets: Workflow = field(default_factory=load_workflow)  # the targets' approval
    monitoring: MonitoringRules = field(default_factory=load_monitoring_rules)
    scoring: SelfEvalRules = field(default_factory=load_selfeval_rules)


Scope = frozenset[int] | None


def scope_of(repo: TaskRepo, actor: Actor) -> Scope:
    """The org tree nodes whose reports ``actor`` reads (``None``: all — the command line,
    and accounts of the root, finance)."""
    if CLI_ROLE in actor.roles:
        return None
    roots = actor.scopes or (frozenset({actor.org_id}) if actor.org_id is not None else None)
    if not roots:
        return frozenset()
    with repo.tasks() as rows:
        found: Scope = rows.scope(frozenset(roots))
    return found


def _visible(report: Any, scope: Scope) -> bool:
    return scope is None or report.unit_org in scope or report.dept_org in scope


# -- issuing ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class NewTask:
    kind: str  # monitoring, selfeval
    year: int
    deadline: date
    period: str | None = None  # monitoring: 1-6月
    departments: Sequence[str] = ()  # empty: every department with a table of the year
    title: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Issued:
    task_id: int
    reports: int
    title: str


REACHED_FINAL = ("approved", "published")
"""The categories of the target workflow's states a task covers: 终审 and after."""


def final_projects(
    rows: Any, year: int, departments: Sequence[str], targets: Workflow
) -> list[Any]:
    """The projects whose targets reached 终审 (a state of ``targets`` in the categories
    :data:`REACHED_FINAL`), which a task covers; a project of a table published without the
    workflow (loaded from the command line) counts as well: its table is public."""
    states = sorted(k for k, s in targets.states.items() if s.category in REACHED_FINAL)
    found: list[Any] = rows.eligible(year, departments, states)
    return found


def issue_task(repo: TaskRepo, actor: Actor, new: NewTask, rules: Rules | None = None) -> Issued:
    """Issue ``new``: one report per covered project, in the flow's initial state, audited."""
    rules = rules or Rules()
    flow = rules.flow
    if new.kind not in KINDS:
        raise InputError(f"任务类型“{new.kind}”不存在", expected="、".join(flow.kinds.values()))
    if not 1900 <= new.year <= 2200:
        raise InputError(f"年度 {new.year} 不对", expected="四位年份，如 2025")
    month = parse_period(new.period or "") if new.kind == "monitoring" else None
    departments = sorted({d.strip() for d in new.departments if d.strip()})
    kind_name = flow.kinds[new.kind]
    title = (new.title or "").strip()[:200] or (
        f"{new.year}年{period_text(month)}{kind_name}" if month else f"{new.year}年度{kind_name}"
    )
    with repo.tasks(write=True) as rows:
        covered = final_projects(rows, new.year, departments, rules.targets)
        if not covered:
            where = "、".join(departments) if departments else "任何部门"
            raise InputError(
                f"{where}没有 {new.year} 年已终审（已公开）的绩效目标表，任务无项目可报",
                expected="先发布该年度的绩效目标表，或选择其他年度、部门",
            )
        names = sorted({c.department for c in covered})
        missing = sorted(set(departments) - set(names))
        if missing:
            raise InputError(
                f"{'、'.join(missing)}没有 {new.year} 年已终审（已公开）的绩效目标表",
                expected="部门名称与绩效目标表中的一致，且该年度的表已发布",
            )
        task_id = rows.insert_task(
            kind=new.kind, title=title, year=new.year, month=month,
            deadline=new.deadline.isoformat(), note=(new.note or "").strip()[:MAX_TEXT] or None,
            departments=names, issued_at=_now(), issued_by=actor.name,
        )  # fmt: skip
        count = rows.insert_reports(task_id, covered, flow.initial, actor.name)
        rows.audit(actor, "下达任务", f"任务 {task_id}", detail={
            "kind": new.kind, "year": new.year, "month": month, "deadline":
            new.deadline.isoformat(), "departments": names, "reports": count})  # fmt: skip
    return Issued(task_id, count, title)


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


# -- the inbox -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TaskItem:
    """A task as an account sees it: its reports in the account's scope by state, how many
    of them are still to be filled in, and the days left (negative: overdue)."""

    task: Any
    kind_name: str
    counts: Mapping[str, int]
    open: int  # reports in an editable state
    days_left: int

    @property
    def overdue(self) -> int:
        return self.open if self.days_left < 0 else 0


def my_tasks(
    repo: TaskRepo, actor: Actor, today: date, rules: Rules | None = None
) -> list[TaskItem]:
    """The tasks with reports in ``actor``'s scope, newest first (the unit's inbox)."""
    flow = (rules or Rules()).flow
    scope = scope_of(repo, actor)
    with repo.tasks() as rows:
        found = rows.tasks_in(scope)
    out = []
    for task, counts in found:
        still = sum(n for s, n in counts.items() if s in flow.editable)
        left = days_left(date.fromisoformat(task.deadline), today)
        out.append(TaskItem(task, flow.kinds.get(task.kind, task.kind), counts, still, left))
    return out


def task_item(
    repo: TaskRepo, actor: Actor, task_id: int, today: date, rules: Rules | None = None
) -> TaskItem:
    """One task as :func:`my_tasks` lists it (:class:`NotFoundError` outside the scope)."""
    flow = (rules or Rules()).flow
    scope = scope_of(repo, actor)
    with repo.tasks() as rows:
        task = rows.task(task_id)
        counts = rows.task_counts(task_id, scope)
    if scope is not None and not counts:
        raise NotFoundError(f"没有编号为 {task_id} 的任务", expected="任务列表中的编号")
    still = sum(n for s, n in counts.items() if s in flow.editable)
    left = days_left(date.fromisoformat(task.deadline), today)
    return TaskItem(task, flow.kinds.get(task.kind, task.kind), counts, still, left)


def task_reports(
    repo: TaskRepo, actor: Actor, task_id: int, *, states: Sequence[str] = (), limit: int = 200,
    offset: int = 0,
) -> tuple[Any, list[Any], int]:  # fmt: skip
    """The task and a page of its reports in ``actor``'s scope."""
    scope = scope_of(repo, actor)
    with repo.tasks() as rows:
        task = task_in_scope(rows, task_id, scope)
        found, total = rows.reports(task_id, scope, states=states, limit=limit, offset=offset)
    return task, found, total


def task_in_scope(rows: Any, task_id: int, scope: Scope) -> Any:
    """The task ``task_id`` if it has reports in ``scope`` (finance: any task)."""
    task = rows.task(task_id)
    if scope is not None and not rows.task_counts(task_id, scope):
        raise NotFoundError(f"没有编号为 {task_id} 的任务", expected="任务列表中的编号")
    return task


# -- one report ------------------------------------------------------------------------------------
@dataclass(slots=True)
class ReportView:
    """A report with everything its page shows: the task, the row, the project, the form
    (stored, or blank), its check (lights / scores, problems) and figures, the actions the
    actor may take, and the versions."""

    task: Any
    row: Any
    project: Project
    department: str
    unit: str
    form: MonitoringForm | SelfEvaluationForm
    checked: FormCheck | Evaluation
    figures: Figures
    editable: bool
    actions: list[Action]
    versions: list[Any]
    state_name: str
    days_left: int


def _form(task: Any, row: Any, project: Project) -> MonitoringForm | SelfEvaluationForm:
    data = json.loads(row.data) if row.data else None
    if task.kind == "monitoring":
        if data is None:
            return blank_monitoring(project, task.year, int(task.month))
        return monitoring_from_dict(data, project.id, task.year, int(task.month))
    if data is None:
        return blank_selfeval(project, task.year)
    return selfeval_from_dict(data, project.id, task.year)


def _check(
    form: MonitoringForm | SelfEvaluationForm, project: Project, rules: Rules
) -> tuple[FormCheck | Evaluation, Figures]:
    if isinstance(form, MonitoringForm):
        checked = check_form(form, project, rules.monitoring, rules.scoring)
        return checked, monitoring_figures(form, checked, project)
    evaluation = check(form, project, rules.scoring)
    return evaluation, selfeval_figures(form, evaluation)


def _project(repo: TaskRepo, row: Any) -> Any:
    try:
        return repo.project(row.project_uid)
    except NotFoundError:
        raise NotFoundError(
            f"报告 {row.id} 的项目“{row.project_name}”已不在库中（文档已删除）"
        ) from None


def _load(repo: TaskRepo, actor: Actor, report_id: int) -> tuple[Any, Any, Any]:
    scope = scope_of(repo, actor)
    with repo.tasks() as rows:
        row = rows.report(report_id)
        if not _visible(row, scope):
            raise NotFoundError(f"没有编号为 {report_id} 的报告，或它不在你的范围内")
        task = rows.task(row.task_id)
    return task, row, _project(repo, row)


def open_report(
    repo: TaskRepo, actor: Actor, report_id: int, *, permissions: Collection[str] = (),
    today: date | None = None, rules: Rules | None = None,
) -> ReportView:  # fmt: skip
    """The report ``report_id`` as ``actor`` sees it."""
    rules = rules or Rules()
    task, row, view = _load(repo, actor, report_id)
    form = _form(task, row, view.project)
    checked, figures = _check(form, view.project, rules)
    with repo.tasks() as rows:
        versions = rows.versions(report_id)
    cli = CLI_ROLE in actor.roles
    return ReportView(
        task, row, view.project, view.department, view.unit, form, checked, figures,
        row.state in rules.flow.editable and ("documents.write" in permissions or cli),
        allowed(rules.flow, row.state, permissions, actor.roles, cli), versions,
        rules.flow.state_name(row.state),
        days_left(date.fromisoformat(task.deadline), today or date.today()),
    )  # fmt: skip


def preview(
    repo: TaskRepo, actor: Actor, report_id: int, data: Mapping[str, Any],
    rules: Rules | None = None,
) -> tuple[MonitoringForm | SelfEvaluationForm, FormCheck | Evaluation, Figures]:  # fmt: skip
    """The lights or scores ``data`` would give, without saving (the live form)."""
    rules = rules or Rules()
    task, _, view = _load(repo, actor, report_id)
    form = _parse(task, view.project, data)
    checked, figures = _check(form, view.project, rules)
    return form, checked, figures


def _parse(
    task: Any, project: Project, data: Mapping[str, Any]
) -> MonitoringForm | SelfEvaluationForm:
    if task.kind == "monitoring":
        return monitoring_from_dict(data, project.id, task.year, int(task.month))
    return selfeval_from_dict(data, project.id, task.year)


def _refuse_bad_values(
    form: MonitoringForm | SelfEvaluationForm, project: Project, rules: Rules
) -> None:
    """What may never be saved, even in a draft: values outside the coded lists, indicators
    the project does not have, a negative amount, a reviewer's score the rules refuse."""
    known = {ind.id: ind for ind in project.indicators}
    errors: list[str] = []
    for ident in form.entries:
        if ident not in known:
            errors.append(f"指标编号 {ident} 不是本项目的指标")
    if isinstance(form, MonitoringForm):
        m = rules.monitoring
        for e in form.entries.values():
            name = known[e.indicator].name if e.indicator in known else e.indicator
            if e.possibility is not None and e.possibility not in m.possibilities:
                errors.append(
                    f"指标“{name}”的完成可能性“{e.possibility}”应为{'、'.join(m.possibilities)}"
                )
            wrong = [r for r in e.reasons if r not in m.reasons]
            if wrong:
                errors.append(
                    f"指标“{name}”的偏差原因“{'、'.join(wrong)}”不在代码表中（{'、'.join(m.reasons)}）"
                )
        b = form.budget
        for label, value in (("年初预算", b.initial), ("调整后预算", b.adjusted),
                             ("累计支出", b.spent)):  # fmt: skip
            if value is not None and value < 0:
                errors.append(f"{label}不能为负数")
    else:
        applied = {ind.id: ind for ind in apply(form, project).indicators}
        for a in form.entries.values():
            if a.score is not None and a.indicator in applied:
                try:
                    check_manual_score(applied[a.indicator], a.score, rules.scoring)
                except InputError as exc:
                    errors.append(
                        exc.message + (f"（应为 {exc.expected}）" if exc.expected else "")
                    )
        for label, value in (("年初预算数", form.initial), ("全年预算数", form.full_year),
                             ("全年执行数", form.executed)):  # fmt: skip
            if value is not None and value < 0:
                errors.append(f"{label}不能为负数")
    if errors:
        raise InputError(f"报告有 {len(errors)} 处填写有误，未保存：" + "；".join(errors))


@dataclass(frozen=True, slots=True)
class SavedReport:
    report_id: int
    version: int
    state: str
    figures: Figures


def _writable(repo: TaskRepo, actor: Actor, row: Any) -> None:
    if CLI_ROLE in actor.roles:
        return
    scope = scope_of(repo, actor)
    if not _visible(row, scope):
        raise NotFoundError(f"没有编号为 {row.id} 的报告，或它不在你的范围内")


def save_report(
    repo: TaskRepo, actor: Actor, report_id: int, data: Mapping[str, Any], *, read_version: int,
    reason: str = "保存", action: str = "保存", rules: Rules | None = None,
) -> SavedReport:  # fmt: skip
    """Save the form ``data`` (the JSON of :mod:`jixiao.tasks`) as the report's next version:
    only in an editable state, only if ``read_version`` is still current. A draft may be
    incomplete (what is missing is listed and keeps it from 送审); values the rules refuse
    are never saved."""
    rules = rules or Rules()
    task, row, view = _load(repo, actor, report_id)
    _writable(repo, actor, row)
    if row.state not in rules.flow.editable:
        raise InputError(
            f"报告为“{rules.flow.state_name(row.state)}”，不能修改",
            expected="退回后再修改" if row.state != rules.flow.initial else None,
        )
    form = _parse(task, view.project, data)
    _refuse_bad_values(form, view.project, rules)
    return _store(repo, actor, task, row, form, read_version, rules, action, reason)


def _store(
    repo: TaskRepo, actor: Actor, task: Any, row: Any, form: MonitoringForm | SelfEvaluationForm,
    read_version: int, rules: Rules, action: str, reason: str,
) -> SavedReport:  # fmt: skip
    _, figures = _check(form, _project(repo, row).project, rules)
    stored = (
        monitoring_to_dict(form) if isinstance(form, MonitoringForm) else selfeval_to_dict(form)
    )
    text = json.dumps(stored, ensure_ascii=False, separators=(",", ":"))
    with repo.tasks(write=True) as rows:
        current = rows.report(row.id, lock=True)
        if current.state not in rules.flow.editable:
            raise InputError(f"报告已为“{rules.flow.state_name(current.state)}”，不能修改")
        version = rows.save_report(current, read_version, state=current.state, data=text,
                                   figures=figures, by=actor.name, action=action,
                                   reason=reason)  # fmt: skip
        rows.audit(actor, f"{'运行监控' if task.kind == 'monitoring' else '绩效自评'}{action}",
                   f"报告 {row.id}", detail={"task": task.id, "project": row.project_uid,
                   "version": version, "light": figures.light, "score":
                   None if figures.score is None else str(figures.score),
                   "problems": len(figures.problems), "reason": reason})  # fmt: skip
    return SavedReport(row.id, version, current.state, figures)


def act(
    repo: TaskRepo, actor: Actor, report_id: int, action_key: str, *, reason: str | None,
    read_version: int, permissions: Collection[str], rules: Rules | None = None,
) -> SavedReport:  # fmt: skip
    """Take the action ``action_key`` (送审, 退回 with a reason, 审核) on the report."""
    rules = rules or Rules()
    task, row, view = _load(repo, actor, report_id)
    form = _form(task, row, view.project)
    _, figures = _check(form, view.project, rules)
    problems = figures.problems if row.data else ["报告尚未填写"]
    cli = CLI_ROLE in actor.roles
    done = transition(rules.flow, row.state, action_key, permissions=permissions,
                      roles=actor.roles, reason=reason, problems=problems, cli=cli)  # fmt: skip
    if done.permission == "documents.write" and not cli:
        _writable(repo, actor, row)
    said = (reason or "").strip()[:MAX_TEXT] or done.name
    with repo.tasks(write=True) as rows:
        current = rows.report(row.id, lock=True)
        if current.state != row.state:
            raise InputError(f"报告已为“{rules.flow.state_name(current.state)}”（他人刚刚操作过）")
        version = rows.save_report(current, read_version, state=done.to, data=current.data,
                                   figures=None, by=actor.name, action=done.name,
                                   reason=said)  # fmt: skip
        rows.audit(actor, done.name, f"报告 {row.id}", detail={
            "task": task.id, "project": row.project_uid, "before": row.state, "after": done.to,
            "reason": said, "version": version})  # fmt: skip
    return SavedReport(row.id, version, done.to, figures)


# -- the monitoring form as a workbook -------------------------------------------------------------
def workbook(
    repo: TaskRepo, actor: Actor, report_id: int, rules: Rules | None = None
) -> tuple[str, bytes]:
    """The monitoring form as the workbook a unit fills offline (with what is entered)."""
    from ..monitoring.workbook import write_form

    rules = rules or Rules()
    task, row, view = _load(repo, actor, report_id)
    if task.kind != "monitoring":
        raise InputError("只有运行监控报告可导出监控表", expected="自评报告请导出自评表")
    form = _form(task, row, view.project)
    assert isinstance(form, MonitoringForm)
    data = write_form(view.project, form, rules.monitoring, department=view.department)
    return f"运行监控表-{_safe(view.project.name)}-{task.year}-1-{task.month}月.xlsx", data


def upload_workbook(
    repo: TaskRepo, actor: Actor, report_id: int, data: bytes, name: str, *, read_version: int,
    rules: Rules | None = None,
) -> SavedReport:  # fmt: skip
    """Save a filled monitoring workbook as the report's next version (refused whole, every
    problem named by row, when any is wrong)."""
    from ..monitoring.workbook import read_form

    rules = rules or Rules()
    task, row, view = _load(repo, actor, report_id)
    _writable(repo, actor, row)
    if task.kind != "monitoring":
        raise InputError("只有运行监控报告可导入监控表")
    if row.state not in rules.flow.editable:
        raise InputError(f"报告为“{rules.flow.state_name(row.state)}”，不能修改")
    form = read_form(data, name, view.project, task.year, int(task.month), rules.monitoring)
    _refuse_bad_values(form, view.project, rules)
    return _store(repo, actor, task, row, form, read_version, rules, "导入", f"导入 {name}")


def _safe(name: str) -> str:
    return "".join(c for c in name if c not in '\\/:*?"<>|\r\n')[:60] or "项目"
