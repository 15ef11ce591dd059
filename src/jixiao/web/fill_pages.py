"""Filling in (单位填报) in the browser: upload a table, make a project, edit it in a form.

* ``/fill`` — the account's place (department / unit), an upload form (any layout Jixiao
  reads; the reader's notes shown after), a form for a new project, and the account's
  projects with a link to edit each.
* ``/projects/{id}/edit`` — the whole project in one form: project information, funds,
  goals, and every indicator (二级 chosen from the framework, which gives the 一级; the
  targets typed as they are typed, ``/fill/target`` answering each keystroke with the
  comparator, value and unit read). With htmx (``static/vendor/htmx``, configured by
  ``static/js/fill.js``, no inline script under the CSP) the form saves itself a moment after
  each change (:func:`jixiao.services.documents.edit_project`: a new version, reviewed and
  audited) and the answer puts the review's findings beside the fields they concern, each
  with the fix the rule suggests; a stale version (someone saved meanwhile) is said plainly
  and nothing is saved. Without JavaScript the same form posts and the page comes back.
  Only what differs from the stored text is sent to the service: a value left alone is
  never re-typed.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from ..errors import ConflictError, InputError, JixiaoError, NotFoundError, WrongStateError
from ..framework import load_framework
from ..limits import Limits
from ..model import FUND_FIELDS, FUND_LABELS, Indicator, Project
from ..review import Finding
from ..services import documents, filling
from ..services.desk import Editing, editing
from ..services.documents import DIRECTIONS, ProjectEdit
from ..services.workflow import Acting
from ..store import ProjectFilter, Visibility
from ..targets import type_target
from .api import UUID_PATTERN
from .auth import CsrfChecked, Who, allow
from .context import Context, Ctx
from .pages import render
from .posted import Posted, read_upload, text_fields
from .rendering import path_for
from .reviews import review_draft, review_project

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Fillers = allow("documents.write")

PageUid = Annotated[str, Path(min_length=36, max_length=36, pattern=UUID_PATTERN)]
MAX_FIELD = 4000
"""The longest text one form field may hold (a goal is a paragraph)."""
AUTOSAVE = "自动保存"

PROJECT_TEXT = ("name", "code", "period", "goal", "period_goal")
PROJECT_LABELS = {
    "name": "项目名称",
    "code": "项目编码",
    "period": "实施期",
    "goal": "年度绩效目标",
    "period_goal": "实施期绩效目标",
}
INDICATOR_FIELDS = ("level2", "name", "cycle", "annual", "weight", "direction", "measure",
                    "explanation", "standard")  # fmt: skip
INDICATOR_LABELS = {
    "level2": "一级 / 二级指标",
    "name": "三级指标",
    "cycle": "实施周期指标值",
    "annual": "年度指标值",
    "weight": "分值",
    "direction": "指标方向",
    "measure": "度量单位",
    "explanation": "指标解释",
    "standard": "绩效标准",
}
_PROJECT_SLOTS = {"project.name": "name", "name": "name", "goal": "goal",
                  "period_goal": "period_goal", "period": "period", "code": "code"}  # fmt: skip
_INDICATOR_SLOTS = {"level1": "level2", "level2": "level2", "name": "name", "cycle": "cycle",
                    "annual": "annual", "weight": "weight"}  # fmt: skip


# -- the fill page -----------------------------------------------------------------------------
def _own_projects(ctx: Context, me: Who) -> list[Any]:
    from .auth import readable

    mine = readable(ctx, me)
    if not mine.units:
        return []
    where = ProjectFilter(limit=500, visible=Visibility(frozenset(), mine.units))
    return ctx.store.projects_page(where).items


def _fill(request: Request, ctx: Ctx, me: Who, status: int = 200, **extra: Any) -> Response:
    place = filling.place_of(ctx.store, me.actor)
    context: dict[str, Any] = {
        "nav": "fill",
        "place": place,
        "projects": _own_projects(ctx, me),
        "this_year": date.today().year,
        "errors": {},
        "values": {},
    }
    context.update(extra)
    return render(request, "fill.html", status, **context)


@router.get("/fill", name="fill_page", dependencies=[Fillers])
def fill_page(request: Request, ctx: Ctx, me: Who) -> Response:
    return _fill(request, ctx, me)


@router.post("/fill/upload", name="fill_upload", dependencies=[Fillers, CsrfChecked])
def fill_upload(
    request: Request,
    ctx: Ctx,
    me: Who,
    file: Annotated[UploadFile, File()],
    year: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    place = filling.place_of(ctx.store, me.actor)
    limits = ctx.settings.limits
    try:
        wanted = _year(year) if year.strip() else None
        name, data = read_upload(file, limits, default="上传的文件", expected="绩效目标表文件")
        docs = _read(name, data, wanted, limits)
        filed = filling.upload(ctx.store, me.actor, docs, place, ruleset=ctx.ruleset,
                               flow=ctx.flow)  # fmt: skip
    except JixiaoError as exc:
        return _fill(request, ctx, me, 422, errors={"file": exc.describe(with_source=False)},
                     values={"year": year})  # fmt: skip
    return render(request, "fill_uploaded.html", nav="fill", place=place, file_name=name,
                  results=list(zip(docs, filed, strict=True)))  # fmt: skip


def _year(text: str) -> int:
    value = text.strip()
    if not value.isdigit() or not 1900 <= int(value) <= 2200:
        raise InputError(f"年度应为四位数字，填写的是“{value[:8]}”", expected="如 2025")
    return int(value)


def _read(name: str, data: bytes, year: int | None, limits: Limits) -> list[Any]:
    """The documents of an uploaded file, read in an isolated worker (a hostile file cannot
    take the server down) from a temporary copy kept under its own name."""
    from ..loader import ReadOptions, parse_isolated

    with tempfile.TemporaryDirectory(prefix="jixiao-upload-") as folder:
        path = FilePath(folder) / name
        path.write_bytes(data)
        return parse_isolated(str(path), ReadOptions(year=year, limits=limits))


@router.post("/fill/projects", name="fill_new_project", dependencies=[Fillers, CsrfChecked])
def fill_new_project(
    request: Request,
    ctx: Ctx,
    me: Who,
    name: Annotated[str, Form(max_length=200)] = "",
    year: Annotated[str, Form(max_length=8)] = "",
    unit: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    place = filling.place_of(ctx.store, me.actor)
    errors: dict[str, str] = {}
    wanted = None
    try:
        wanted = _year(year)
    except InputError as exc:
        errors["year"] = exc.describe()
    if not name.strip():
        errors["name"] = "请填写项目名称"
    if place.unit is None and not unit.strip():
        errors["unit"] = "请填写项目所属的单位"
    if errors or wanted is None:
        return _fill(request, ctx, me, 422, errors=errors,
                     values={"name": name, "year": year, "unit": unit})  # fmt: skip
    filed = filling.new_project(ctx.store, me.actor, place, name, wanted, unit=unit,
                                ruleset=ctx.ruleset, flow=ctx.flow)  # fmt: skip
    project_id = filed.projects[-1][0] if filed.projects else None
    if project_id is None:
        return _fill(request, ctx, me, 422, errors={"name": filed.reason},
                     values={"name": name, "year": year})  # fmt: skip
    return RedirectResponse(path_for(request, "project_edit", project_id=project_id), 303)


# -- the edit form -----------------------------------------------------------------------------
def _text(value: object) -> str:
    return "" if value is None else str(value)


def level2_code(ind: Indicator) -> str:
    """The framework code of the indicator's 二级 as written ("" if it is not in it)."""
    found = load_framework().find2(ind.level2.code, ind.level2.name)
    return found.code if found is not None and found.parent is not None else ""


def current_values(project: Project) -> dict[str, str]:
    """Every field of the form as its text now (``p:…`` the project, ``i:ID:…`` each
    indicator): what a submitted value is compared with."""
    out = {f"p:{name}": _text(getattr(project, name)) for name in PROJECT_TEXT}
    for name in FUND_FIELDS:
        out[f"p:funds.{name}"] = _text(getattr(project.funds, name))
    for ind in project.indicators:
        key = f"i:{ind.id}:"
        out[key + "level2"] = level2_code(ind)
        out[key + "cycle"] = ind.cycle.text
        out[key + "annual"] = ind.annual.text
        for name in ("name", "weight", "direction", "measure", "explanation", "standard"):
            out[key + name] = _text(getattr(ind, name))
    return out


@dataclass(slots=True)
class Submitted:
    """A submitted form: the changes to send, and the errors of fields that cannot be sent
    (by field key), the values as typed."""

    edit: ProjectEdit
    errors: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.edit.project and not self.edit.indicators


def parse_form(form: Mapping[str, str], project: Project) -> Submitted:
    """The changes ``form`` makes to ``project`` (fields left as stored are not sent), each
    field checked here first so its error is shown beside it."""
    now = current_values(project)
    changed_project: dict[str, str] = {}
    changed: dict[str, dict[str, str]] = defaultdict(dict)
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    for key, stored in now.items():
        sent = form.get(key)
        if sent is None:
            continue
        sent = sent.replace("\r\n", "\n")
        values[key] = sent
        if sent.strip() == stored.strip():
            continue
        if len(sent) > MAX_FIELD:
            errors[key] = f"内容过长（{len(sent)} 字），最多 {MAX_FIELD} 字"
            continue
        problem = _check(key, sent)
        if problem:
            errors[key] = problem
            continue
        if key.startswith("p:"):
            changed_project[key[2:]] = sent
        else:
            _, ind_id, name = key.split(":", 2)
            changed[ind_id][name] = sent
    edit = ProjectEdit(changed_project, dict(changed), AUTOSAVE)
    return Submitted(edit, errors, values)


def _check(key: str, value: str) -> str | None:
    name = key.rsplit(":", 1)[-1]
    try:
        if name.startswith("funds."):
            documents.parse_amount(FUND_LABELS[name.removeprefix("funds.")], value)
        elif name == "weight":
            documents.parse_amount("分值", value)
        elif name == "level2":
            documents.framework_level(value)
    except InputError as exc:
        return exc.message
    if name == "name" and not value.strip():
        return "项目名称不能为空" if key.startswith("p:") else "三级指标名称不能为空"
    if name == "direction" and value.strip() and value.strip() not in DIRECTIONS:
        return f"指标方向应为{'或'.join(DIRECTIONS)}"
    return None


def place_findings(project: Project, findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings by the form field they concern: ``p:name`` …, ``p:funds`` (the money),
    ``p:project`` (the project as a whole), ``p:indicators`` (its set of indicators),
    ``i:ID:FIELD`` and ``i:ID:other`` (the rest of an indicator)."""
    by_seq = {ind.seq: ind.id for ind in project.indicators}
    ids = set(by_seq.values())
    out: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        ind_id = f.indicator_id if f.indicator_id in ids else by_seq.get(f.indicator or -1)
        if f.indicator is not None and ind_id:
            out[f"i:{ind_id}:{_INDICATOR_SLOTS.get(f.field or '', 'other')}"].append(f)
            continue
        where = f.field or "project"
        if where.startswith("funds"):
            out["p:funds"].append(f)
        elif where in _PROJECT_SLOTS:
            out[f"p:{_PROJECT_SLOTS[where]}"].append(f)
        elif where in ("indicators", "level1", "level2"):
            out["p:indicators"].append(f)
        else:
            out["p:project"].append(f)
    return dict(out)


def slot_keys(project: Project) -> list[str]:
    """Every place the form shows findings or errors (all are sent on each save, so one
    fixed is cleared)."""
    keys = [f"p:{n}" for n in PROJECT_TEXT] + ["p:funds", "p:project", "p:indicators"]
    keys += [f"p:funds.{n}" for n in FUND_FIELDS]
    for ind in project.indicators:
        keys += [f"i:{ind.id}:{n}" for n in (*INDICATOR_FIELDS, "other")]
    return keys


def slot_id(key: str) -> str:
    """The element id of a field's notes (``n-p-name``, ``n-i-ID-annual``)."""
    return "n-" + key.replace(":", "-").replace(".", "-")


def _edit_context(ctx: Context, project_id: str, editing: Editing) -> dict[str, Any]:
    view = ctx.store.project(project_id)
    state = ctx.store.document_state(view.document_id)
    version = state.version
    if editing.draft is not None:  # an adjustment: its draft is what the form edits
        view = replace(view, project=editing.draft, reviewed=False, findings=[],
                       indicator_ids=[i.id for i in editing.draft.indicators])  # fmt: skip
        version = editing.version or version
    fw = load_framework()
    groups = [(c1, [c2 for c2 in fw.level2.values() if c2.parent == c1.code])
              for c1 in fw.level1.values()]  # fmt: skip
    if editing.draft is not None:
        findings = review_draft(ctx, view, editing.draft)
    else:
        findings = review_project(ctx, view).findings  # stored, or reviewed now
    return {
        "view": view,
        "p": view.project,
        "version": version,
        "status": state.status,
        "adjusting": editing.reason if editing.draft is not None else None,
        "groups": groups,
        "directions": DIRECTIONS,
        "fund_fields": [(n, FUND_LABELS[n]) for n in FUND_FIELDS],
        "project_labels": PROJECT_LABELS,
        "labels": INDICATOR_LABELS,
        "current": current_values(view.project),
        "placed": place_findings(view.project, findings),
        "findings": findings,
        "slot_id": slot_id,
        "level2_code": level2_code,
    }


def _writable(ctx: Context, me: Who, project_id: str) -> None:
    if not filling.may_write(ctx.store, me.actor, project_id):
        raise NotFoundError(f"没有编号为 {project_id} 的项目，或它不属于你的单位")


def _editing(ctx: Context, me: Who, project_id: str) -> Editing:
    return editing(ctx.store, Acting(me.actor, me.permissions), project_id, ctx.flow)


def _edit_now(ctx: Context, me: Who, project_id: str) -> Editing:
    """What the form edits after a save (a refused one leaves the project as stored)."""
    try:
        return _editing(ctx, me, project_id)
    except WrongStateError:
        return Editing(None, None, None)


@router.get("/projects/{project_id}/edit", name="project_edit", dependencies=[Fillers])
def project_edit(request: Request, ctx: Ctx, me: Who, project_id: PageUid) -> Response:
    _writable(ctx, me, project_id)
    try:
        now = _editing(ctx, me, project_id)
    except WrongStateError as exc:  # sent for review or approved: said plainly, no form
        view = ctx.store.project(project_id)
        return render(request, "edit_locked.html", 409, nav="fill", view=view,
                      reason=exc.describe())  # fmt: skip
    return render(request, "project_edit.html", nav="fill", errors={}, values={},
                  message=None, conflict=None, saved=request.query_params.get("saved"),
                  **_edit_context(ctx, project_id, now))  # fmt: skip


@router.post("/projects/{project_id}/edit", name="project_save",
             dependencies=[Fillers, CsrfChecked])  # fmt: skip
async def project_save(
    request: Request, ctx: Ctx, me: Who, project_id: PageUid, posted: Posted
) -> Response:
    _writable(ctx, me, project_id)
    form = text_fields(posted)
    view = ctx.store.project(project_id)
    try:
        now = _editing(ctx, me, project_id)
    except WrongStateError:
        now = Editing(None, None, None)  # the save below says why it is refused
    sent = parse_form(form, view.project if now.draft is None else now.draft)
    message: str | None = None
    conflict: str | None = None
    saved: int | None = None
    read = form.get("version", "")
    if not sent.empty and not sent.errors:
        try:
            read_version = int(read) if read.isdigit() else -1
            done = documents.edit_project(
                ctx.store, me.actor, project_id, sent.edit,
                read_version=read_version, ruleset=ctx.ruleset, flow=ctx.flow,
            )  # fmt: skip
            saved = done.version
        except WrongStateError as exc:  # sent for review or approved: read-only, said plainly
            message = exc.describe()
        except ConflictError as exc:
            conflict = exc.message
        except InputError as exc:
            message = exc.describe()
    partial = request.headers.get("HX-Request") == "true"
    if not partial and saved is not None and not sent.errors:  # the page is read after it
        url = path_for(request, "project_edit", project_id=project_id)
        return RedirectResponse(f"{url}?saved={saved}", 303)
    context = _edit_context(ctx, project_id, _edit_now(ctx, me, project_id))
    if sent.errors:
        message = f"有 {len(sent.errors)} 处填写有误（见各栏下方），这些内容尚未保存"
    if conflict is not None:
        context["version"] = read  # keep the user's version: a save must not overwrite
    status = 200 if partial or (not sent.errors and conflict is None and message is None) else 422
    return render(request, "_edit_result.html" if partial else "project_edit.html", status,
                  nav="fill", errors=sent.errors, values=sent.values, message=message,
                  conflict=conflict, saved=saved, unchanged=sent.empty and not sent.errors,
                  slots=slot_keys(context["view"].project), **context)  # fmt: skip


@router.post("/projects/{project_id}/indicators", name="indicator_add",
             dependencies=[Fillers, CsrfChecked])  # fmt: skip
def indicator_add(
    request: Request,
    ctx: Ctx,
    me: Who,
    project_id: PageUid,
    level2: Annotated[str, Form(max_length=12)],
    version: Annotated[int, Form(ge=0)],
) -> Response:
    _writable(ctx, me, project_id)
    change = ProjectEdit({}, {}, "添加指标", added=[{"level2": level2}])
    documents.edit_project(ctx.store, me.actor, project_id, change, read_version=version,
                           ruleset=ctx.ruleset, flow=ctx.flow)  # fmt: skip
    added = ctx.store.project(project_id).project.indicators[-1].id
    url = path_for(request, "project_edit", project_id=project_id)
    return RedirectResponse(f"{url}#indicator-{added}", 303)


@router.post("/projects/{project_id}/indicators/{indicator_id}/delete", name="indicator_delete",
             dependencies=[Fillers, CsrfChecked])  # fmt: skip
def indicator_delete(
    request: Request,
    ctx: Ctx,
    me: Who,
    project_id: PageUid,
    indicator_id: PageUid,
    version: Annotated[int, Form(ge=0)],
) -> Response:
    _writable(ctx, me, project_id)
    change = ProjectEdit({}, {}, "删除指标", removed=[indicator_id])
    documents.edit_project(ctx.store, me.actor, project_id, change, read_version=version,
                           ruleset=ctx.ruleset, flow=ctx.flow)  # fmt: skip
    return RedirectResponse(
        path_for(request, "project_edit", project_id=project_id) + "#indicators", 303
    )


@router.get("/fill/target", name="target_typed", dependencies=[Fillers])
def target_typed(request: Request) -> Response:
    """What the value grammar reads in a target as it is typed (the one query parameter,
    whatever the field's name)."""
    values = list(request.query_params.values())
    text = values[0][:MAX_FIELD] if values else ""
    return render(request, "_typed.html", t=type_target(text))
