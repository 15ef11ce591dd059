"""`jixiao delete` and `jixiao correct`, through Click's runner on a real database: a wrong
year is corrected as a new version (the earlier one readable), with a confirmation and an
audit record; a document is deleted softly; ingesting the file again says what is stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import main

from .conftest import Backend
from .helpers import SEED


@pytest.fixture
def db(backend: Backend) -> str:
    return backend.cli_url


def run(*args: str, code: int = 0, stdin: str | None = None) -> tuple[str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    assert result.exit_code == code, f"exit {result.exit_code}: {result.output}{result.stderr}"
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stdout, result.stderr


def listed(db: str) -> list[dict[str, object]]:
    out, _ = run("list", "--db", db, "--json")
    docs: list[dict[str, object]] = json.loads(out)
    return docs


def test_wrong_year_is_corrected_as_a_new_version(db: str, backend: Backend) -> None:
    run("ingest", "--db", db, "--year", "2025", str(SEED))
    [doc] = listed(db)
    assert doc["year"] == 2025
    # reading the same file again with another year changes nothing, and says how to correct
    out, _ = run("ingest", "--db", db, "--year", "2024", "--replace", str(SEED))
    assert "已跳过 1" in out
    assert "库中为年度“2025年度”而非“2024年度”，未改动" in out
    assert f"jixiao correct {doc['id']} --year 2024" in out
    assert listed(db)[0]["year"] == 2025

    # asked, and not confirmed: nothing changed
    out, _ = run("correct", str(doc["id"]), "--db", db, "--year", "2024", "--reason", "x",
                 stdin="n\n", code=1)  # fmt: skip
    assert "确定更正吗？" in out
    assert listed(db)[0]["year"] == 2025

    out, err = run("correct", str(doc["id"]), "--db", db, "--year", "2024",
                   "--reason", "公开时间为 2024 年", "--yes")  # fmt: skip
    assert "年度：2025年度 → 2024年度" in out
    assert "第 2 版" in err
    [after] = listed(db)
    assert (after["id"], after["year"]) == (doc["id"], 2024)

    with backend.open() as store:
        assert store.load_version(int(str(doc["id"])), 1).year == 2025  # the earlier version
        [version] = [v for v in store.versions(int(str(doc["id"]))) if v.version == 2]
        assert version.reason == "更正：公开时间为 2024 年"
        assert version.created_by.startswith("命令行:")
    out, _ = run("audit", "list", "--db", db, "--format", "json")
    [record] = [r for r in json.loads(out)["records"] if r["event"] == "更正文档"]
    assert record["actor"].startswith("命令行:")
    assert record["detail"]["before"] == {"year": 2025}
    assert record["detail"]["after"] == {"year": 2024}

    # the file ingested once more is the stored, corrected document
    out, _ = run("ingest", "--db", db, str(SEED))
    assert "已跳过 1" in out


def test_correct_department_and_money_unit_and_refusals(db: str) -> None:
    run("ingest", "--db", db, str(SEED))
    [doc] = listed(db)
    ident = str(doc["id"])
    out, _ = run("correct", ident, "--db", db, "--department", "某市科学技术局",
                 "--money-unit", "元", "--reason", "核对原件", "--yes")  # fmt: skip
    assert "部门名称：广州市科学技术局 → 某市科学技术局" in out
    assert "金额单位：万元 → 元" in out
    [after] = listed(db)
    assert (after["department"], after["money_unit"]) == ("某市科学技术局", "元")

    _, err = run("correct", ident, "--db", db, "--money-unit", "元", "--reason", "x", "-y", code=2)
    assert "已是这些值" in err
    _, err = run("correct", ident, "--db", db, "--reason", "x", "-y", code=2)
    assert "没有要更正的内容" in err
    _, err = run("correct", "99", "--db", db, "--year", "2024", "--reason", "x", "-y", code=5)
    assert "没有编号为 99 的文档" in err
    _, err = run("correct", ident, "--db", db, "--year", "2024", code=2)
    assert "--reason" in err


def test_correction_cannot_make_two_documents_alike(db: str, tmp_path: Path) -> None:
    run("ingest", "--db", db, "--year", "2024", str(SEED))
    out, _ = run("parse", "--json", str(SEED))
    other = json.loads(out)
    other["year"] = 2025
    other["source"] = None
    path = tmp_path / "later.json"
    path.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    run("ingest", "--db", db, str(path))
    first, second = sorted(listed(db), key=lambda d: int(str(d["id"])))
    _, err = run("correct", str(second["id"]), "--db", db, "--year", "2024",
                 "--reason", "x", "-y", code=4)  # fmt: skip
    assert f"已有另一文档（编号 {first['id']}）" in err
    assert sorted(d["year"] for d in listed(db)) == [2024, 2025]  # type: ignore[type-var]


def test_delete_asks_then_hides_the_document(db: str) -> None:
    run("ingest", "--db", db, str(SEED))
    [doc] = listed(db)
    ident = str(doc["id"])
    out, _ = run("delete", ident, "--db", db, stdin="\n", code=1)
    assert "将删除 编号" in out and "广州市科学技术局 年度未注明" in out
    assert len(listed(db)) == 1
    _, err = run("delete", ident, "--db", db, "--yes")
    assert "已删除" in err
    _, err = run("list", "--db", db, code=5)
    _, err = run("delete", ident, "--db", db, "--yes", code=5)
    out, _ = run("audit", "list", "--db", db, "--format", "json")
    assert any(r["event"] == "删除文档" for r in json.loads(out)["records"])
    out, _ = run("ingest", "--db", db, str(SEED))  # the same file again restores it
    assert [d["id"] for d in listed(db)] == [doc["id"]]
