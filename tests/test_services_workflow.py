"""The workflow services on both databases: a project through every step with three kinds
of accounts (unit, department, finance), scope (another department's reviewer and another
unit cannot touch it), the edit gate (sent and approved versions are read-only, uploads
too), stale versions, dispositions, comments and answers, what changed since the last
round, notifications and inbox counts, adjustments (one open, current on 终审, the old
version readable), batches, publication of the document and the finance overview."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from jixiao.errors import (
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDenied,
    WrongStateError,
)
from jixiao.model import Project
from jixiao.services import corrections, documents, filling, inbox, reviewing
from jixiao.services import workflow as wf
from jixiao.services.actor import cli_actor
from jixiao.store import Store
from jixiao.workflow import load_workflow

from .auth_helpers import DRAFT_DEPARTMENT, UNIT_A, draft_document
from .conftest import Backend
from .workflow_helpers import Flow, make_flow


@pytest.fixture
def flow(backend: Backend) -> Iterator[Flow]:
    with Store(backend.url, connect_args=backend.connect_args) as store:
        yield make_flow(store, backend.url, dict(backend.connect_args or {}))


def _version(store: Store, flow: Flow, project: str, who: str = "unit_a") -> int:
    return wf.project_workflow(store, flow.who[who], project).version


def _act(store: Store, flow: Flow, who: str, action: str, project: str | None = None,
         comment: str = "") -> wf.Moved:  # fmt: skip
    target = project or flow.project_a
    return wf.transition(store, flow.who[who], target, action, comment=comment,
                         read_version=_version(store, flow, target, who))  # fmt: skip


def _edit(store: Store, flow: Flow, project: str, name: str, version: int) -> int:
    change = documents.ProjectEdit({"name": name}, {}, "按审核意见修改")
    return documents.edit_project(store, flow.who["unit_a"].actor, project, change,
                                  read_version=version).version  # fmt: skip


def test_a_project_through_review_return_resubmission_and_approval(flow: Flow) -> None:
    with flow.open() as store:
        u, dep, fin = flow.who["unit_a"], flow.who["dep"], flow.who["fin"]
        page = wf.project_workflow(store, u, flow.project_a)
        assert page.state == "draft" and page.state_name == "草稿" and page.editable
        assert [a.key for a in page.actions] == ["submit"]
        assert wf.project_workflow(store, dep, flow.project_a).actions == []

        moved = _act(store, flow, "unit_a", "submit")
        assert (moved.to_state, moved.round, moved.to_name) == (
            "submitted",
            1,
            "已送审（待主管部门审核）",
        )
        # the department reviewer is told and has it to do; the other department's is not
        assert inbox.counts(store, dep)["todo"] == 1 and inbox.counts(store, dep)["unread"] == 1
        assert inbox.counts(store, flow.who["dep_other"])["unread"] == 0
        notes, unread = inbox.notifications(store, dep)
        assert unread == 1 and "送审" in notes[0].text and notes[0].project_id == flow.project_a
        # sent: read-only, for the form and for an upload
        with pytest.raises(WrongStateError, match="已送审"):
            _edit(store, flow, flow.project_a, "改名", _version(store, flow, flow.project_a))
        upload = draft_document()
        upload.units = upload.units[:1]
        with pytest.raises(WrongStateError):
            filling.upload(store, u.actor, [upload], filling.Place(DRAFT_DEPARTMENT, UNIT_A))

        # the reviewer gives dispositions and a comment, and returns it with a reason
        found = reviewing.findings(store, dep, flow.project_a)
        assert found, "the draft is reviewed: its findings are there to dispose of"
        reviewing.dispose(store, dep, flow.project_a, [
            reviewing.Disposition(found[0].key, "强制调整", "指标值须可衡量")])  # fmt: skip
        with pytest.raises(InputError, match="须写明"):
            reviewing.dispose(store, dep, flow.project_a,
                              [reviewing.Disposition(found[0].key, "建议调整", "")])  # fmt: skip
        assert reviewing.findings(store, dep, flow.project_a)[0].disposition == "强制调整"
        indicator = _project(store, flow).indicators[0].id
        comment = reviewing.comment(store, dep, flow.project_a, indicator, "目标值过低")
        with pytest.raises(InputError, match="退回须说明理由"):
            _act(store, flow, "dep", "return")
        back = _act(store, flow, "dep", "return", comment="请按意见修改指标")
        assert back.to_state == "returned"
        counts = inbox.counts(store, u)
        assert counts["returned"] == 1 and counts["unread"] >= 2  # the comment and the return

        # the unit answers, fixes and sends again; the reviewer sees what changed
        reviewing.answer(store, u, comment, "已提高目标值")
        [thread] = reviewing.comments(store, dep, flow.project_a)
        assert thread.answers[0].text == "已提高目标值" and thread.target == indicator
        read = _version(store, flow, flow.project_a, "dep")
        _edit(store, flow, flow.project_a, "改过的项目名", _version(store, flow, flow.project_a))
        again = _act(store, flow, "unit_a", "submit")
        assert again.round == 2
        changed = reviewing.changes(store, dep, flow.project_a)
        assert [(c.field, c.after) for c in changed.project] == [("name", "改过的项目名")]
        # this round starts without dispositions
        assert all(f.disposition is None for f in reviewing.findings(store, dep, flow.project_a))

        # a stale version (read before the unit's edit) is refused; the current one passes
        with pytest.raises(ConflictError, match="已被他人修改"):
            wf.transition(store, dep, flow.project_a, "approve", read_version=read)
        _act(store, flow, "dep", "approve")
        with pytest.raises(PermissionDenied):  # the department cannot take finance's step
            _act(store, flow, "dep", "approve")
        _act(store, flow, "fin", "approve")
        _act(store, flow, "fin", "cancel")  # finance takes it back before the final review
        _act(store, flow, "fin", "approve")
        final = _act(store, flow, "fin", "final")
        _act(store, flow, "fin", "reply")
        page = wf.project_workflow(store, fin, flow.project_a)
        assert page.state == "approved" and page.approved_version == final.version
        assert [s.action_name for s in page.timeline] == [
            "送审",
            "退回",
            "送审",
            "审核通过",
            "审核通过",
            "取消审核",
            "审核通过",
            "终审",
            "批复",
        ]
        assert page.timeline[1].comment == "请按意见修改指标" and page.timeline[1].actor == "dep"
        with pytest.raises(WrongStateError, match="发起调整"):
            _edit(store, flow, flow.project_a, "又改", _version(store, flow, flow.project_a))
        assert inbox.inbox(store, dep).counts["done"] == 1
        assert store.audit_query(_audit("退回"))[1] == 1


def _project(store: Store, flow: Flow) -> Project:
    found = store.load(flow.document).project(flow.project_a)
    assert found is not None
    return found[1]


def _audit(event: str) -> object:
    from jixiao.services.audit import AuditFilter

    return AuditFilter(event=event)


def test_scope_and_roles(flow: Flow) -> None:
    with flow.open() as store:
        with pytest.raises(NotFoundError):  # another unit's project
            _act(store, flow, "unit_a", "submit", flow.project_b)
        with pytest.raises(NotFoundError):  # another department's
            wf.project_workflow(store, flow.who["dep"], flow.project_other)
        with pytest.raises(PermissionDenied):  # a viewer sends nothing
            _act(store, flow, "view_a", "submit")
        with pytest.raises(NotFoundError):  # an administrator has no business data
            _act(store, flow, "sys", "submit")
        _act(store, flow, "unit_a", "submit")
        with pytest.raises(NotFoundError):
            _act(store, flow, "dep_other", "approve", flow.project_a)
        with pytest.raises(PermissionDenied):  # finance waits for the department
            _act(store, flow, "fin", "approve")
        with pytest.raises(WrongStateError, match="不能送审"):
            _act(store, flow, "unit_a", "submit")
        _act(store, flow, "unit_a", "withdraw")  # before the department acted
        assert wf.project_workflow(store, flow.who["unit_a"], flow.project_a).state == "draft"


def test_adjustment_becomes_current_on_final_review(flow: Flow) -> None:
    with flow.open() as store:
        u = flow.who["unit_a"]
        for who, action in [("unit_a", "submit"), ("dep", "approve"), ("fin", "approve"),
                            ("fin", "final")]:  # fmt: skip
            with pytest.raises(InputError if action == "submit" else WrongStateError):
                wf.start_adjustment(store, u, flow.project_a, "项目内容变更", "" if action ==
                                    "submit" else "太早")  # fmt: skip
            _act(store, flow, who, action)
        _act(store, flow, "fin", "reply")
        before = store.document_state(flow.document).version
        with pytest.raises(InputError, match="未知的调整原因"):
            wf.start_adjustment(store, u, flow.project_a, "心血来潮", "想改")
        opened = wf.start_adjustment(store, u, flow.project_a, "预算追加追减", "追加预算")
        assert opened.state == "draft" and opened.base_version == before
        with pytest.raises(WrongStateError, match="只能有一个"):
            wf.start_adjustment(store, u, flow.project_a, "自行申请", "再来一个")
        # the form edits the adjustment's draft; the approved version stays as it was
        page = wf.project_workflow(store, u, flow.project_a)
        assert page.adjusting is not None and page.editable and page.version == 1
        _edit(store, flow, flow.project_a, "调整后的名称", page.version)
        assert store.document_state(flow.document).version == before
        assert _project(store, flow).name != "调整后的名称"
        with pytest.raises(ConflictError):
            _edit(store, flow, flow.project_a, "过期的修改", 1)
        for who, action in [("unit_a", "submit"), ("dep", "approve"), ("fin", "approve")]:
            _act(store, flow, who, action)
        with pytest.raises(WrongStateError, match="调整"):
            _edit(store, flow, flow.project_a, "审核中不能改", 2)
        done = _act(store, flow, "fin", "final")
        assert done.effective_version == before + 1
        assert _project(store, flow).name == "调整后的名称"
        old = store.load_version(flow.document, before).project(flow.project_a)
        assert old is not None and old[1].name != "调整后的名称"  # the old version readable
        page = wf.project_workflow(store, u, flow.project_a)
        assert page.adjusting is None and page.state == "approved" and page.can_adjust
        assert page.adjustments[0].result == "已生效"
        assert page.approved_version == before + 1
        # a second adjustment, cancelled before it is sent: the approved version stays
        wf.start_adjustment(store, u, flow.project_a, "自行申请", "想改目标")
        _act(store, flow, "unit_a", "submit")
        with pytest.raises(WrongStateError, match="不能撤销"):
            wf.cancel_adjustment(store, u, flow.project_a, "不改了")
        _act(store, flow, "unit_a", "withdraw")
        with pytest.raises(NotFoundError):
            wf.cancel_adjustment(store, flow.who["unit_b"], flow.project_a, "不改了")
        closed = wf.cancel_adjustment(store, u, flow.project_a, "不改了")
        assert closed.result == "已撤销" and closed.closed_at is not None
        page = wf.project_workflow(store, u, flow.project_a)
        assert page.adjusting is None and page.can_adjust and page.state == "approved"
        assert page.timeline[-1].action_name == "撤销调整"
        assert store.document_state(flow.document).version == before + 1
        with pytest.raises(WrongStateError, match="没有进行中的调整"):
            wf.cancel_adjustment(store, u, flow.project_a, "再撤一次")


def test_batch_publication_overview_and_reminders(flow: Flow) -> None:
    with flow.open() as store:
        dep, fin = flow.who["dep"], flow.who["fin"]
        ids = [flow.project_a, flow.project_a2]
        for project in ids:
            _act(store, flow, "unit_a", "submit", project)
        with pytest.raises(PermissionDenied):  # 批量审核 is a permission of its own
            wf.batch(store, flow.who["unit_a"], ids, "approve")
        results = wf.batch(store, dep, [*ids, flow.project_b], "approve")
        assert [r.moved is not None for r in results] == [True, True, False]
        assert results[2].code == "wrong_state"  # 乙's project was never sent
        for action in ("approve", "final", "reply"):
            assert all(r.moved for r in wf.batch(store, fin, ids, action))
        view = inbox.overview(store, fin, deadline="2000-01-01")
        row = next(d for d in view.departments if d.department == DRAFT_DEPARTMENT)
        assert row.counts["approved"] == 2 and row.overdue == row.counts["drafted"] > 0
        assert view.overdue and view.category_names["returned"] == "被退回"
        with pytest.raises(PermissionDenied):
            inbox.overview(store, dep)
        assert inbox.remind(store, fin, [flow.project_a], "请及时调整预算") == 1
        notes, _ = inbox.notifications(store, flow.who["unit_a"], unread=True)
        assert notes[0].kind == "reminder" and "请及时调整预算" in notes[0].text
        assert inbox.mark_read(store, flow.who["unit_a"], None) >= 1
        assert inbox.counts(store, flow.who["unit_a"])["unread"] == 0
        # 公开 of some projects leaves the document a draft; of every one, it is published
        wf.batch(store, fin, ids, "publish")
        assert store.document_state(flow.document).status == "draft"
        rest = [p for p in _projects(store, flow.document) if p not in ids]
        cli = wf.acting(cli_actor())
        for action in ("submit", "approve", "approve", "final", "reply", "publish"):
            for project in rest:
                wf.transition(store, cli, project, action, read_version=None)
        assert store.document_state(flow.document).status == "published"


def _projects(store: Store, document_id: int) -> list[str]:
    return [p.id for _u, p in store.load(document_id).projects()]


def test_read_only_message_on_the_edit_form(flow: Flow) -> None:
    """The edit gate's error is a plain sentence in the service; the form shows it (see
    tests/test_web_workflow.py for the page)."""
    with flow.open() as store:
        _act(store, flow, "unit_a", "submit")
        with pytest.raises(WrongStateError) as err:
            _edit(store, flow, flow.project_a, "改", _version(store, flow, flow.project_a))
        assert err.value.describe().startswith("项目处于“已送审")


def test_a_task_covers_the_projects_past_final_review(flow: Flow) -> None:
    """Monitoring covers the targets that reached 终审 in the workflow, though their table is
    still a draft (not yet 公开); a project still in review is left out."""
    from jixiao.services import tasks

    with flow.open() as store:
        cli = wf.acting(cli_actor())
        for action in ("submit", "approve", "approve", "final"):
            wf.transition(store, cli, flow.project_a, action, read_version=None)
        wf.transition(store, cli, flow.project_a2, "submit", read_version=None)
        assert store.document_state(flow.document).status == "draft"
        new = tasks.NewTask(kind="monitoring", year=2031, deadline=date(2031, 8, 15),
                            period="1-7月", departments=[DRAFT_DEPARTMENT])  # fmt: skip
        issued = tasks.issue_task(store, cli_actor(), new)
        assert issued.reports == 1
        with store.tasks() as rows:
            covered = tasks.final_projects(rows, 2031, [DRAFT_DEPARTMENT], tasks.Rules().targets)
        assert [c.project_uid for c in covered] == [flow.project_a]


def test_a_stale_version_is_refused_only_if_its_project_changed(flow: Flow) -> None:
    """The versions kept per project tell whether the project itself changed since the
    version read (another project of the document changing is no reason to refuse); a
    version kept whole in between (a correction) is compared by content."""
    with flow.open() as store:
        read = _version(store, flow, flow.project_a)
        _edit(store, flow, flow.project_a2, "另一个项目改名", read)
        assert _act(store, flow, "unit_a", "submit").to_state == "submitted"  # sanity
        _act(store, flow, "unit_a", "withdraw")
        read = _version(store, flow, flow.project_a)
        _edit(store, flow, flow.project_a2, "又改名", read)
        moved = wf.transition(store, flow.who["unit_a"], flow.project_a, "submit",
                              read_version=read)  # fmt: skip
        assert moved.to_state == "submitted"
        _act(store, flow, "unit_a", "withdraw")
        read = _version(store, flow, flow.project_a)
        corrections.correct(store, cli_actor(), flow.document,
                            corrections.Correction(reason="年度有误", year=2030))  # fmt: skip
        moved = wf.transition(store, flow.who["unit_a"], flow.project_a, "submit",
                              read_version=read)  # fmt: skip
        assert moved.to_state == "submitted"
        _act(store, flow, "unit_a", "withdraw")
        read = _version(store, flow, flow.project_a)
        _edit(store, flow, flow.project_a, "本项目改名", read)
        with pytest.raises(ConflictError, match="已被他人修改"):
            wf.transition(store, flow.who["unit_a"], flow.project_a, "submit", read_version=read)


def test_an_upload_follows_the_regions_workflow_table(flow: Flow, tmp_path: Path) -> None:
    """Which states an upload may replace is the region's table's to say, not the bundled
    one's (here a region where a 草稿 is edited in the form only)."""
    region = tmp_path / "flow.toml"
    region.write_text("[states.draft]\neditable = false\n", encoding="utf-8")
    strict = load_workflow(region)
    upload = draft_document()
    upload.units = upload.units[:1]
    place = filling.Place(DRAFT_DEPARTMENT, UNIT_A)
    with flow.open() as store:
        u = flow.who["unit_a"]
        with pytest.raises(WrongStateError, match="草稿"):
            filling.upload(store, u.actor, [copy.deepcopy(upload)], place, flow=strict)
        [filed] = filling.upload(store, u.actor, [upload], place)  # the bundled table: editable
        assert filed.status == "merged"
