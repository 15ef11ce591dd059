"""Review findings in the store (jixiao.store.findings): saved with their document in one
transaction, mapped to project and indicator rows, read back, recomputed; on both backends."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from jixiao.errors import StoreError
from jixiao.ingest.text_layout import parse_text
from jixiao.model import assign_ids
from jixiao.review import Finding, load_ruleset, review
from jixiao.services.actor import cli_actor
from jixiao.services.documents import rereview
from jixiao.store import Store
from jixiao.store.schema import findings, indicators, projects, reviews, units

from .helpers import seed_text
from .test_store import make_document


def seed() -> Any:
    return parse_text(seed_text(), "seed.txt")


def count(store: Store, table: Any) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def test_findings_are_saved_mapped_and_read_back(store: Store) -> None:
    doc = assign_ids(seed(), "seed")  # as a reader gives them: findings name them
    found = review(doc)
    assert found and any(f.indicator_id is not None for f in found)
    saved = store.save(doc, findings=found, ruleset="默认规则")
    assert store.findings(saved.document_id) == found  # in review order, as written
    assert store.findings() == found
    assert store.has_review(saved.document_id)
    with store.engine.connect() as conn:
        mapped = conn.execute(
            select(
                findings.c.unit_name, findings.c.project_name, findings.c.indicator_seq,
                units.c.name, projects.c.name, indicators.c.seq, indicators.c.project_id,
                findings.c.project_id, projects.c.uid,
            )
            .outerjoin_from(findings, projects, projects.c.id == findings.c.project_id)
            .outerjoin(units, units.c.id == projects.c.unit_id)
            .outerjoin(indicators, indicators.c.id == findings.c.indicator_id)
            .order_by(findings.c.id)
        ).all()  # fmt: skip
        ruleset = conn.scalar(select(reviews.c.ruleset))
    assert ruleset == "默认规则"
    for f, row in zip(found, mapped, strict=True):
        if f.project is None:
            assert row.project_id is None
            continue
        assert (row[3], row[4]) == (f.unit, f.project)  # the row of the project it names
        if f.indicator is not None:
            assert row[5] == f.indicator and row[6] == row[7]
    # per project: exactly the findings naming it
    [first] = [row.uid for f, row in zip(found, mapped, strict=True) if f.project][:1]
    assert first is not None
    view = store.project(first)
    mine = [f for f in found if (f.unit, f.project) == (view.unit, view.project.name)]
    assert store.findings(project_id=view.id) == mine == view.findings
    assert view.reviewed


def test_without_review_and_with_an_empty_review(store: Store) -> None:
    plain = store.save(make_document("甲局", 2024, "1" * 64))
    clean = store.save(make_document("乙局", 2024, "2" * 64), findings=[])
    assert not store.has_review(plain.document_id) and store.findings(plain.document_id) == []
    assert store.has_review(clean.document_id) and store.findings(clean.document_id) == []
    assert not store.has_review(999_999)
    view = store.project(store.find_projects("基础研究计划", department="甲局")[0])
    assert not view.reviewed and view.findings == []


def test_shared_names_map_to_the_first_project_and_unknown_names_to_none(store: Store) -> None:
    doc = make_document()
    twin = copy.deepcopy(doc.units[0].projects[0])
    doc.units[0].projects.append(twin)  # two 基础研究计划 in one unit
    unit = doc.units[0].name
    found = [
        Finding("r.a", "warning", "完整性", unit, "基础研究计划", 2, "name", "甲"),
        Finding("r.b", "error", "完整性", unit, "基础研究计划", 99, "name", "乙"),  # no seq 99
        Finding("r.c", "info", "相关性", unit, "没有这个项目", None, None, "丙"),
        Finding("r.d", "info", "适当性", None, None, None, "funds.total", "丁", "1 ≠ 2"),
    ]
    saved = store.save(doc, findings=found)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(findings.c.project_id, findings.c.indicator_id).order_by(findings.c.id)
        ).all()
        first = conn.scalar(
            select(func.min(projects.c.id)).where(projects.c.name == "基础研究计划")
        )
        second_indicator = conn.scalar(
            select(indicators.c.id).where(indicators.c.project_id == first, indicators.c.seq == 2)
        )
    assert rows == [(first, second_indicator), (first, None), (None, None), (None, None)]
    # read back naming what they were mapped to by id (the first same-named project's)
    twins = [p for p in doc.units[0].projects if p.name == "基础研究计划"]
    expected = [
        replace(found[0], project_id=twins[0].id, indicator_id=twins[0].indicators[1].id),
        replace(found[1], project_id=twins[0].id),
        found[2],
        found[3],
    ]
    assert twins[0].id != twins[1].id  # two same-named projects do not collapse
    assert store.findings(saved.document_id) == expected


def test_findings_are_atomic_with_the_document(store: Store) -> None:
    bad = [Finding("r", None, "完整性", None, None, None, None, "x")]  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        store.save(make_document(), findings=bad)
    assert store.documents() == [] and count(store, findings) == 0 and count(store, reviews) == 0
    from .test_store_search import _indexed

    assert _indexed(store) == 0  # nor its search texts


def test_replace_and_delete_drop_the_old_findings(store: Store) -> None:
    doc = seed()
    first = store.save(doc, findings=review(doc))
    again = store.save(seed(), findings=[])  # same content: skipped, findings kept
    assert again.status == "skipped" and store.findings(first.document_id) == review(doc)
    newer = seed()
    newer.source = None
    newer.units[0].projects[0].goal = "目标已改写。"
    replaced = store.save(newer, replace=True, findings=review(newer))
    assert replaced.document_id == first.document_id  # the next version: its findings only
    assert store.findings(first.document_id) == review(newer)
    assert count(store, findings) == len(review(newer)) and count(store, reviews) == 1
    store.delete(replaced.document_id)  # softly: hidden from every listing, kept
    assert store.documents() == [] and count(store, reviews) == 1


def test_rereview_replaces_the_findings_of_every_document(store: Store, tmp_path: Path) -> None:
    doc = seed()
    reviewed = store.save(doc, findings=review(doc))
    unreviewed = store.save(make_document())
    rules = tmp_path / "rules.toml"
    rules.write_text('name = "本局"\n[rules."completeness.cost"]\nenabled = false\n', "utf-8")
    ruleset = load_ruleset(rules)
    seen: list[tuple[int, int]] = []
    progress = lambda done, total: seen.append((done, total))  # noqa: E731
    assert rereview(store, cli_actor(), ruleset, progress=progress) == 2
    assert seen == [(1, 2), (2, 2)]
    assert store.findings(reviewed.document_id) == review(doc, ruleset)
    assert all(f.rule != "completeness.cost" for f in store.findings(reviewed.document_id))
    assert store.has_review(unreviewed.document_id)
    assert store.findings(unreviewed.document_id) == review(make_document(), ruleset)
    with store.engine.connect() as conn:
        assert set(conn.scalars(select(reviews.c.ruleset))) == {"本局"}
    assert rereview(store, cli_actor()) == 2  # the bundled ruleset again
    assert store.findings(reviewed.document_id) == review(doc)


def test_scores_come_from_the_stored_findings(store: Store) -> None:
    from jixiao.review.scoring import score_document

    doc = seed()
    found = review(doc)
    saved = store.save(doc, findings=found)
    scoring = load_ruleset().scoring
    assert store.scores(saved.document_id) == score_document(doc, found, scoring)
    assert store.scores(saved.document_id)[-1].level == "department"
