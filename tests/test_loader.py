"""Loading files into a store, in one process and in several, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.interchange import to_dict
from jixiao.loader import Outcome, ReadOptions, load
from jixiao.review import load_ruleset, review
from jixiao.store import Store

from .helpers import DATA, SEED
from .test_text_layout import SEED_DOC


def _tables(tmp_path: Path) -> list[Path]:
    bad = tmp_path / "bad.txt"
    bad.write_text("部门名称：某局\n没有表头的文字。\n", encoding="utf-8")
    return [SEED, DATA / "text", bad]


@pytest.mark.parametrize("jobs", [1, 2])
def test_load_stores_good_files_and_refuses_bad_ones(
    store: Store, tmp_path: Path, jobs: int
) -> None:
    seen: list[list[Outcome]] = []
    outcomes = load(store, _tables(tmp_path), jobs=jobs, on_file=seen.append)
    assert len(seen) == 5  # one call per file
    by_status = {o.path.rsplit("/", 1)[-1]: o.status for o in outcomes}
    assert by_status == {
        "seed.txt": "stored",
        "flat_no_total.txt": "stored",
        "four_columns.txt": "stored",
        "mismatch.txt": "stored",
        "bad.txt": "refused",
    }
    bad = next(o for o in outcomes if o.status == "refused")
    assert "找不到绩效目标表" in bad.reason and bad.exit_code == 2
    mismatch = next(o for o in outcomes if o.path.endswith("mismatch.txt"))
    assert mismatch.warnings == 3
    assert len(store.documents()) == 4
    seed_id = next(o.document_id for o in outcomes if o.path.endswith("seed.txt"))
    assert seed_id is not None
    loaded = to_dict(store.load(seed_id))
    expected = to_dict(SEED_DOC)
    assert {k: v for k, v in loaded.items() if k != "source"} == {
        k: v for k, v in expected.items() if k != "source"
    }
    # again: the same content changes nothing
    again = load(store, _tables(tmp_path), jobs=jobs)
    assert sorted(o.status for o in again) == [
        "refused",
        "skipped",
        "skipped",
        "skipped",
        "skipped",
    ]
    assert len(store.documents()) == 4


def test_year_option(store: Store) -> None:
    [first] = load(store, [SEED], ReadOptions(year=2025))
    assert first.status == "stored" and first.year == 2025
    assert [d.year for d in store.documents()] == [2025]
    [again] = load(store, [SEED], ReadOptions(year=2025))
    assert again.status == "skipped"


def test_duplicate_version_is_refused_then_replaced(store: Store, tmp_path: Path) -> None:
    load(store, [SEED])
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text("utf-8").replace("1个；年度", "2个；年度", 1), "utf-8")
    [refused] = load(store, [changed])
    assert refused.status == "refused" and "--replace" in refused.reason
    assert refused.exit_code == 4
    [replaced] = load(store, [changed], ReadOptions(replace=True))
    assert replaced.status == "replaced"
    [doc] = store.documents()
    assert doc.source_name == "changed.txt"


# -- review on load ----------------------------------------------------------------------------
def test_documents_are_reviewed_before_saving(store: Store) -> None:
    [outcome] = load(store, [SEED])
    assert outcome.document_id is not None and store.has_review(outcome.document_id)
    expected = review(store.load(outcome.document_id))
    assert store.findings(outcome.document_id) == expected
    assert outcome.findings == len(expected) > 0
    [again] = load(store, [SEED])
    assert again.status == "skipped" and again.findings is None


def test_no_review_stores_the_document_unreviewed(store: Store) -> None:
    [outcome] = load(store, [SEED], ReadOptions(review=False))
    assert outcome.status == "stored" and outcome.findings is None
    assert outcome.document_id is not None and not store.has_review(outcome.document_id)
    assert store.findings(outcome.document_id) == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bureau_ruleset_is_used(store: Store, tmp_path: Path, jobs: int) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text('name = "某局"\n[rules."completeness.cost"]\nenabled = false\n', "utf-8")
    ruleset = load_ruleset(rules)
    outcomes = load(store, [SEED, DATA / "text"], ReadOptions(ruleset=ruleset), jobs=jobs)
    stored = [o for o in outcomes if o.status == "stored"]
    assert len(stored) == 4
    for o in stored:
        assert o.document_id is not None
        found = store.findings(o.document_id)
        assert found == review(store.load(o.document_id), ruleset)
        assert all(f.rule != "completeness.cost" for f in found)
