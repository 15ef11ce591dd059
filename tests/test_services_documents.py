"""The service layer's documents (jixiao.services.documents): edits as new versions under
optimistic locking, publication, soft delete, versions compared; every change audited in its
transaction; on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from jixiao.compare import compare
from jixiao.errors import ConflictError, InputError, NotFoundError
from jixiao.interchange import to_dict
from jixiao.services.actor import Actor, cli_actor
from jixiao.services.audit import AuditFilter
from jixiao.services.corrections import Correction, correct
from jixiao.services.documents import (
    ProjectEdit,
    compare_versions,
    delete,
    edit_project,
    review_one,
    save,
    set_status,
)
from jixiao.store import Store
from jixiao.store.schema import (
    audit_log,
    document_counts,
    document_versions,
    documents,
    project_versions,
    projects,
)

from .test_store import make_document

if TYPE_CHECKING:
    from .conftest import Backend

ALICE = Actor("张三", frozenset({"单位填报"}), user_id=1, address="10.0.0.7")
BOB = Actor("李四", frozenset({"单位填报"}), user_id=2, address="10.0.0.8")


def _stored(store: Store) -> tuple[int, str]:
    """A saved document and the id of its project 基础研究计划."""
    saved = save(store, make_document(), cli_actor())
    [project_id] = store.find_projects("基础研究计划", unit="本级")
    return saved.document_id, project_id


def _audit(store: Store, event: str) -> list[dict[str, object]]:
    records, _ = store.audit_query(AuditFilter(event=event))
    return [
        {"actor": r.actor, "object": r.object, "address": r.address, **r.detail} for r in records
    ]


def _count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)  # type: ignore[arg-type]


def test_saving_is_audited(store: Store) -> None:
    document_id, _ = _stored(store)
    [record] = _audit(store, "导入")
    assert record["object"] == f"文档 {document_id}" and record["actor"].startswith("命令行:")  # type: ignore[union-attr]
    assert record["department"] == "广州市科学技术局" and record["published"] is False
    again = save(store, make_document(), cli_actor())  # same content: skipped, not audited
    assert again.status == "skipped" and len(_audit(store, "导入")) == 1


def test_an_edit_is_a_new_version_with_the_old_one_readable(store: Store) -> None:
    document_id, project_id = _stored(store)
    before = store.load(document_id)
    indicator = store.project(project_id).project.indicators[0]
    change = ProjectEdit(
        {"goal": "支持基础研究，年内资助项目不少于120项。"},
        {indicator.id: {"cycle": "≥120项", "annual": "≥120项"}},
        reason="主管部门要求提高目标",
    )
    edited = edit_project(store, ALICE, project_id[:8], change, read_version=1)
    assert (edited.document_id, edited.version, edited.project_id) == (document_id, 2, project_id)
    view = store.project(project_id)
    assert view.project.goal == "支持基础研究，年内资助项目不少于120项。"
    cycle = view.project.indicators[0].cycle
    assert (cycle.op, cycle.value, cycle.unit) == ("≥", 120, "项")  # typed by the value grammar
    assert view.project.indicators[0].id == indicator.id  # ids survive the edit
    assert view.reviewed  # re-reviewed in the same transaction
    # version 1 is kept as it was, and the list says who made each version and why
    assert to_dict(store.load_version(document_id, 1)) == to_dict(before)
    versions = store.versions(document_id)
    assert [(v.version, v.created_by, v.reason, v.current) for v in versions] == [
        (1, cli_actor().name, "导入", False),
        (2, "张三", "主管部门要求提高目标", True),
    ]
    # audited with before / after of what changed only, who, from where
    [record] = _audit(store, "修改项目")
    assert record["actor"] == "张三" and record["address"] == "10.0.0.7"
    assert record["object"] == f"项目 {project_id}（基础研究计划）"
    assert record["version"] == 2 and record["reason"] == "主管部门要求提高目标"
    assert record["before"]["goal"] == "支持基础研究，提升原始创新能力。"  # type: ignore[index]
    assert record["after"]["goal"] == "支持基础研究，年内资助项目不少于120项。"  # type: ignore[index]
    assert set(record["before"]) == set(record["after"]) == {"goal", "indicators"}  # type: ignore[arg-type]


def test_a_stale_edit_is_refused_and_writes_nothing(store: Store) -> None:
    document_id, project_id = _stored(store)
    edit_project(store, ALICE, project_id, ProjectEdit({"name": "基础研究"}, {}, "更名"),
                 read_version=1)  # fmt: skip
    audited = _count(store, audit_log)
    with pytest.raises(ConflictError, match="已被他人修改（当前为第 2 版，您读取的是第 1 版）"):
        edit_project(store, BOB, project_id, ProjectEdit({"goal": "别的目标"}, {}, "改目标"),
                     read_version=1)  # fmt: skip
    assert store.document_state(document_id).version == 2
    assert store.project(project_id).project.name == "基础研究"  # Alice's edit stands
    assert store.project(project_id).project.goal == "支持基础研究，提升原始创新能力。"
    assert _count(store, audit_log) == audited and len(store.versions(document_id)) == 2


def test_an_edit_of_another_project_since_the_version_read_is_no_conflict(store: Store) -> None:
    """Two people editing two projects of one document, both from version 1: both edits
    stand (the version locks the project, not the document), and the findings stored after
    them are a whole review of the document with both (its money rules see every project)."""
    document_id, project_id = _stored(store)
    [other] = [p.id for _, p in store.load(document_id).projects() if p.id != project_id][:1]
    edit_project(store, ALICE, project_id, ProjectEdit({"name": "基础研究"}, {}, "更名"),
                 read_version=1)  # fmt: skip
    # read for Bob's edit outside the write lock: the current version, his project unchanged
    held = store.holding(other, 1)
    assert held is not None and held[:2] == (document_id, 2)
    second = edit_project(store, BOB, other, ProjectEdit(
        {"funds.total": "999"}, {}, "改金额"), read_version=1)  # fmt: skip
    assert second.version == 3 and store.document_state(document_id).version == 3
    assert store.project(project_id).project.name == "基础研究"  # Alice's edit stands
    assert store.project(other).project.funds.total == Decimal("999")
    found = store.findings(document_id)
    assert sorted(map(repr, found)) == sorted(map(repr, review_one(store.load(document_id))))
    # and Alice again from version 1: her project changed since, so that is a conflict
    with pytest.raises(ConflictError, match="已被他人修改（当前为第 3 版，您读取的是第 1 版）"):
        edit_project(store, ALICE, project_id, ProjectEdit({"goal": "新目标。"}, {}, "改"),
                     read_version=1)  # fmt: skip


def test_a_stale_edit_loads_no_document(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused on the version alone: no whole document is read for it, before the write
    lock or under it (under 200 users a third of the edits were stale)."""
    document_id, project_id = _stored(store)
    edit_project(store, ALICE, project_id, ProjectEdit({"name": "基础研究"}, {}, "更名"),
                 read_version=1)  # fmt: skip
    assert store.holding(project_id, 1) is None
    held = store.holding(project_id, 2)
    assert held is not None and held[:2] == (document_id, 2)
    loads: list[int] = []
    real = Store._load

    def counted(self: Store, conn: object, number: int) -> object:
        loads.append(number)
        return real(self, conn, number)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_load", counted)
    with pytest.raises(ConflictError, match="已被他人修改"):
        edit_project(store, BOB, project_id, ProjectEdit({"goal": "别的目标"}, {}, "改目标"),
                     read_version=1)  # fmt: skip
    assert loads == []


def test_bad_edits_are_refused_in_chinese(store: Store) -> None:
    _, project_id = _stored(store)
    cases: list[tuple[ProjectEdit, type[Exception], str]] = [
        (ProjectEdit({"goal": "x"}, {}, " "), InputError, "修改须说明原因"),
        (ProjectEdit({"funds": "1"}, {}, "r"), InputError, "不能修改项目的 funds"),
        (ProjectEdit({"name": " "}, {}, "r"), InputError, "项目名称不能为空"),
        (ProjectEdit({}, {"nope": {"name": "x"}}, "r"), NotFoundError, "没有编号为 nope 的指标"),
        (
            ProjectEdit({"goal": "支持基础研究，提升原始创新能力。"}, {}, "r"),
            InputError,
            "没有要修改",
        ),
    ]
    for change, error, message in cases:
        with pytest.raises(error, match=message):
            edit_project(store, ALICE, project_id, change, read_version=1)
    with pytest.raises(NotFoundError, match="没有编号为 0000000000 的项目"):
        edit_project(store, ALICE, "0000000000", ProjectEdit({"goal": "x"}, {}, "r"),
                     read_version=1)  # fmt: skip
    # outside the actor's scope: not found, never told it exists
    with pytest.raises(NotFoundError):
        edit_project(store, ALICE, project_id, ProjectEdit({"goal": "x"}, {}, "r"),
                     read_version=1, allowed=lambda _doc, _unit: False)  # fmt: skip
    assert store.versions(store.project(project_id).document_id)[-1].version == 1
    assert _audit(store, "修改项目") == []


def test_publish_and_withdraw_are_audited(store: Store) -> None:
    document_id, _ = _stored(store)
    assert store.document_state(document_id).status == "draft"
    set_status(store, ALICE, document_id, "published")
    set_status(store, ALICE, document_id, "published")  # already: nothing to do, nothing logged
    assert store.document_state(document_id).status == "published"
    set_status(store, BOB, document_id, "draft")
    assert store.document_state(document_id).status == "draft"
    assert [(r["actor"], r["before"], r["after"]) for r in _audit(store, "发布")] == [
        ("张三", "draft", "published")
    ]
    assert [(r["actor"], r["before"]) for r in _audit(store, "撤回发布")] == [("李四", "published")]
    with pytest.raises(InputError, match="未知的状态：archived"):
        set_status(store, ALICE, document_id, "archived")
    with pytest.raises(ConflictError):
        set_status(store, ALICE, document_id, "published", read_version=1)  # stale


def test_soft_delete_keeps_every_version_and_writes_an_audit_record(store: Store) -> None:
    document_id, project_id = _stored(store)
    edit_project(store, ALICE, project_id, ProjectEdit({"goal": "新目标。"}, {}, "改"),
                 read_version=1)  # fmt: skip
    delete(store, BOB, document_id)
    assert store.documents() == [] and store.search("基础研究").total == 0
    with pytest.raises(NotFoundError):
        store.project(project_id)
    assert _count(store, documents) == 1 and _count(store, projects) == 5  # rows kept
    # deleting is a version of its own (who, when, why), the content as it was
    versions = store.versions(document_id)
    assert [(v.version, v.created_by, v.reason, v.current) for v in versions][1:] == [
        (2, "张三", "改", False), (3, "李四", "删除", True),
    ]  # fmt: skip
    assert to_dict(store.load_version(document_id, 3)) == to_dict(
        store.load_version(document_id, 2)
    )
    assert store.load_version(document_id, 1).units[0].projects[0].goal.startswith("支持基础研究")
    [record] = _audit(store, "删除文档")
    assert record["actor"] == "李四" and record["object"] == f"文档 {document_id}"
    assert record["before"]["version"] == 2 and record["after"] == {"deleted": True}  # type: ignore[index]
    with pytest.raises(NotFoundError, match="已删除"):
        delete(store, BOB, document_id)


def test_saving_a_deleted_documents_content_again_restores_it(store: Store) -> None:
    document_id, project_id = _stored(store)
    delete(store, BOB, document_id)
    again = save(store, make_document(), ALICE)
    assert (again.status, again.document_id) == ("restored", document_id)
    assert store.project(project_id).document_id == document_id  # with its ids
    assert store.search("基础研究").total > 0
    [record] = _audit(store, "恢复")
    assert record["actor"] == "张三" and record["object"] == f"文档 {document_id}"
    assert [v.reason for v in store.versions(document_id)] == ["导入", "删除", "恢复"]


def test_any_two_versions_compare(store: Store) -> None:
    document_id, project_id = _stored(store)
    for n, goal in enumerate(("第二版目标。", "第三版目标。"), start=1):
        edit_project(store, ALICE, project_id, ProjectEdit({"goal": goal}, {}, f"第 {n + 1} 版"),
                     read_version=n)  # fmt: skip
    name = "基础研究计划"
    goals = {1: "支持基础研究，提升原始创新能力。", 2: "第二版目标。", 3: "第三版目标。"}
    for a, b in ((1, 2), (2, 3), (1, 3), (3, 1), (1, None)):
        result = compare_versions(store, document_id, a, b)
        assert result == compare(store.load_version(document_id, a),
                                 store.load_version(document_id, b))  # fmt: skip
        [match] = [m for m in result.projects if m.name == name and "本级" in (m.before_unit or "")]
        assert match.status == "changed" and match.goal_changed
        assert match.before is not None and match.after is not None
        assert (match.before.goal, match.after.goal) == (goals[a], goals[b or 3])
        assert match.before.id == match.after.id == project_id
    same = compare_versions(store, document_id, 2, 2)
    assert all(m.status == "same" for m in same.projects)
    with pytest.raises(NotFoundError, match="没有第 9 版"):
        compare_versions(store, document_id, 9, None)


def test_two_writers_at_once_one_wins_the_other_gets_a_conflict(backend: Backend) -> None:
    first, second = backend.open(), backend.open()
    document_id, project_id = _stored(first)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def work(store: Store, actor: Actor, goal: str) -> None:
        read = store.document_state(document_id).version  # both read version 1
        barrier.wait()
        try:
            edit_project(store, actor, project_id, ProjectEdit({"goal": goal}, {}, "并发修改"),
                         read_version=read)  # fmt: skip
            outcomes[actor.name] = "saved"
        except ConflictError as exc:
            outcomes[actor.name] = str(exc)

    threads = [
        threading.Thread(target=work, args=(first, ALICE, "张三的目标。")),
        threading.Thread(target=work, args=(second, BOB, "李四的目标。")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 2 and list(outcomes.values()).count("saved") == 1
    [loser] = [k for k, v in outcomes.items() if v != "saved"]
    assert "已被他人修改" in outcomes[loser] and "未保存任何内容" in outcomes[loser]
    winner = "张三" if loser == "李四" else "李四"
    assert first.project(project_id).project.goal == f"{winner}的目标。"  # nothing lost
    assert store_versions(first, document_id) == [1, 2]
    assert [r["actor"] for r in _audit(first, "修改项目")] == [winner]


def store_versions(store: Store, document_id: int) -> list[int]:
    return [v.version for v in store.versions(document_id)]


def test_every_version_reads_as_it_was_whatever_made_the_next(store: Store) -> None:
    """Edits keep only the project they change (``project_versions``), a change of state
    keeps nothing, a correction keeps the whole document: each version still loads exactly
    as it was, and the edited document is reviewed as a whole review would."""
    document_id, project_id = _stored(store)
    [other] = [p.id for _, p in store.load(document_id).projects() if p.id != project_id][:1]
    seen = {1: to_dict(store.load(document_id))}
    steps = [
        lambda v: edit_project(store, ALICE, project_id,
                               ProjectEdit({"goal": "第二版目标。"}, {}, "改"), read_version=v),
        lambda v: edit_project(store, BOB, other,
                               ProjectEdit({"name": "改名的项目"}, {}, "改"), read_version=v),
        lambda v: set_status(store, ALICE, document_id, "published", read_version=v),
        lambda v: correct(store, ALICE, document_id, Correction(year=2025, reason="年度有误"),
                          read_version=v),
        lambda v: edit_project(store, ALICE, project_id, ProjectEdit(
            {"goal": "第五版目标。"}, {}, "再改", added=[{"level2": "12", "name": "新指标"}],
            removed=[store.project(project_id).project.indicators[0].id]), read_version=v),
        lambda v: edit_project(store, BOB, project_id,
                               ProjectEdit({"goal": "第六版目标。"}, {}, "又改"), read_version=v),
    ]  # fmt: skip
    for version, step in enumerate(steps, start=1):
        step(version)
        seen[version + 1] = to_dict(store.load(document_id))
    assert store_versions(store, document_id) == list(seen)
    for version, content in seen.items():
        assert to_dict(store.load_version(document_id, version)) == content, version
    assert seen[2] != seen[1] and seen[4]["year"] == 2024 and seen[5]["year"] == 2025
    # only the correction kept a whole copy; the edits kept one project each
    with store.engine.connect() as conn:
        whole = conn.scalar(select(func.count()).select_from(document_versions)
                            .where(document_versions.c.content.is_not(None)))  # fmt: skip
        kept = conn.scalar(select(func.count()).select_from(project_versions))
    assert (whole, kept) == (1, 4)
    # the findings stored after the edits are those of a whole review
    found = store.findings(document_id)
    assert sorted(map(repr, found)) == sorted(map(repr, review_one(store.load(document_id))))
    assert _count(store, documents) == 1
    with store.engine.connect() as conn:
        counted = conn.scalar(select(document_counts.c.indicators))
    assert counted == len(list(store.load(document_id).indicators()))


def test_an_edit_reviews_the_document_wide_rules_again(store: Store) -> None:
    """The money of one project changed: the document rule that adds up the unit's projects
    (money.reconcile, naming the unit, not the project) finds the unit's total wrong after
    the edit and as before after the edit back, and the stored findings stay a whole
    review's."""
    document_id, project_id = _stored(store)

    def reconcile() -> set[str]:
        return {f.message for f in store.findings(document_id) if f.rule == "money.reconcile"}

    def whole() -> bool:
        found = sorted(map(repr, store.findings(document_id)))
        return found == sorted(map(repr, review_one(store.load(document_id))))

    before = reconcile()
    edit_project(store, ALICE, project_id, ProjectEdit({"funds.total": "12540"}, {}, "改金额"),
                 read_version=1)  # fmt: skip
    unit = "单位“广州市科学技术局（本级）”的总计 1,640,012,537.00 万元 与其项目合计 1,640,012,540"
    assert any(m.startswith(unit) for m in reconcile() - before)
    assert whole()
    edit_project(store, ALICE, project_id, ProjectEdit({"funds.total": "12537.00"}, {}, "改回"),
                 read_version=2)  # fmt: skip
    assert reconcile() == before and whole()
