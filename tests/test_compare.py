"""compare(): two tables side by side, on the seed and edited copies of it."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import main
from jixiao.compare import compare, name_key, to_dict
from jixiao.export import get as get_format
from jixiao.ingest.files import read_path
from jixiao.model import Document, Funds, Project

from .helpers import SEED


@pytest.fixture(scope="module")
def seed() -> Document:
    return read_path(SEED)[0]


def _edited(seed: Document) -> Document:
    """The seed as a later year might publish it: one project dropped, one added, one renamed
    with its year, one re-funded, one target raised, one indicator moved to another class."""
    doc = copy.deepcopy(seed)
    doc.year = (seed.year or 2000) + 1
    unit = doc.units[0]
    unit.projects.pop(0)
    unit.projects[0].funds.total += Decimal("5")  # type: ignore[operator]
    unit.projects[1].name = "2099年" + unit.projects[1].name
    unit.projects[2].indicators[0].annual.text = "≥1000个"
    first, *rest = doc.units[1].projects[0].indicators
    first.level2 = next(i.level2 for i in rest if i.level2.name != first.level2.name)
    doc.units[-1].projects.append(
        Project("新设立的示范项目", Funds(total=Decimal("12.5")), "新目标")
    )
    return doc


def test_name_key_ignores_year_width_and_punctuation() -> None:
    assert name_key("2023年科技计划项目") == name_key("2024年度 科技计划项目")
    assert name_key("ＡＢＣ（一期）") == name_key("abc(一期)")
    assert name_key("甲项目") != name_key("乙项目")


def test_a_table_against_itself_is_all_same(seed: Document) -> None:
    c = compare(seed, copy.deepcopy(seed))
    assert {s: c.count(s) for s in ("same", "changed", "added", "removed")} == {
        "same": 39, "changed": 0, "added": 0, "removed": 0
    }  # fmt: skip
    assert all(not d.changed for d in c.funds)
    assert c.before.indicators == c.after.indicators == 212


def test_what_changed(seed: Document) -> None:
    after = _edited(seed)
    c = compare(seed, after)
    by_status = {
        s: [m.name for m in c.projects if m.status == s] for s in ("changed", "added", "removed")
    }
    assert by_status["removed"] == [seed.units[0].projects[0].name]
    assert by_status["added"] == ["新设立的示范项目"]
    assert len(by_status["changed"]) == 3
    refunded = next(m for m in c.projects if m.name == seed.units[0].projects[1].name)
    assert refunded.total.change == Decimal("5")
    assert [d.field for d in refunded.funds if d.changed] == ["total"]
    renamed = next(m for m in c.projects if m.renamed)
    assert renamed.status == "same" and renamed.matched == "name"
    raised = next(m for m in c.projects if m.name == seed.units[0].projects[3].name)
    assert [(i.status, i.changes) for i in raised.indicators if i.status != "same"] == [
        ("changed", ("annual",))
    ]
    moved = next(
        m
        for m in c.projects
        if m.name == seed.units[1].projects[0].name and m.after_unit == seed.units[1].name
    )
    assert [i.changes for i in moved.indicators if i.status != "same"] == [("level",)]
    total = next(d for d in c.funds if d.field == "total")
    assert total.before == seed.funds.total
    assert c.after.projects == c.before.projects  # one dropped, one added


def test_similar_names_are_paired_and_marked(seed: Document) -> None:
    after = copy.deepcopy(seed)
    original = after.units[0].projects[0].name
    after.units[0].projects[0].name = original + "（续）"
    c = compare(seed, after)
    match = next(m for m in c.projects if m.before is not None and m.before.name == original)
    assert match.matched == "similar" and match.after is not None


def test_money_units_are_converted(seed: Document) -> None:
    after = copy.deepcopy(seed)
    after.money_unit = "元"
    for _, project in after.projects():
        if project.funds.total is not None:
            project.funds.total *= 10000
    assert after.funds.total is not None
    after.funds.total *= 10000
    c = compare(seed, after)
    assert not next(d for d in c.funds if d.field == "total").changed
    assert any("换算" in n for n in c.notes)
    assert all(not m.total.changed for m in c.projects)


def test_to_dict_is_json(seed: Document) -> None:
    data = to_dict(compare(seed, _edited(seed)))
    text = json.dumps(data, ensure_ascii=False)
    assert data["summary"] == {"same": 35, "changed": 3, "added": 1, "removed": 1}
    assert data["funds"][0]["field"] == "total" and isinstance(data["funds"][0]["change"], str)
    assert "新设立的示范项目" in text


def test_cli_compares_two_files(tmp_path: Path, seed: Document) -> None:
    later = tmp_path / "later.txt"
    later.write_bytes(b"".join(get_format("text").export([_edited(seed)])))
    result = CliRunner().invoke(main, ["compare", str(SEED), str(later)])
    assert result.exit_code == 0, result.output
    assert "新增 1" in result.output and "取消 1" in result.output
    assert "新设立的示范项目" in result.output
    result = CliRunner().invoke(main, ["compare", str(SEED), str(later), "--json"])
    assert json.loads(result.output)["summary"]["changed"] == 3


def test_cli_compares_stored_documents(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    assert CliRunner().invoke(main, ["ingest", str(SEED), "--db", db]).exit_code == 0
    result = CliRunner().invoke(main, ["compare", str(SEED), "1", "--db", db, "--all"])
    assert result.exit_code == 0, result.output
    assert "相同 39" in result.output
    itself = CliRunner().invoke(main, ["compare", "1", "1", "--db", db])
    assert itself.exit_code == 2 and "同一份文档" in itself.stderr
    missing = CliRunner().invoke(main, ["compare", "1", "99", "--db", db])
    assert missing.exit_code == 5 and "Traceback" not in missing.output
