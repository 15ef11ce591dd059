"""The `jixiao` command, through Click's runner, on real files and a real SQLite database."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jixiao.cli import main

from .conftest import Backend
from .helpers import DATA, SEED

SRC_DEMO = Path(__file__).resolve().parent.parent / "src/jixiao/data/demo"


@pytest.fixture
def db(backend: Backend) -> str:
    """A database URL for ``--db``: an SQLite file, or a fresh PostgreSQL schema."""
    return backend.cli_url


def run(*args: str, ok: bool = True) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if ok and result.exit_code != 0:
        raise AssertionError(f"exit {result.exit_code}: {result.output}{result.stderr}")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_parse_summary() -> None:
    _, out, _ = run("parse", str(SEED))
    assert "广州市科学技术局" in out
    assert "3 个单位，39 个项目，212 个指标" in out
    assert "235,659.44 万元" in out
    assert "实施周期指值" in out  # the label typo is shown as a note


def test_quantified_is_one_definition_named_alike(db: str, backend: Backend) -> None:
    """定量指标 (model.is_quantified), counted over indicators: the same figure and words in
    parse, compare, the store's aggregates and the web dashboard."""
    from jixiao.loader import read_path
    from jixiao.model import is_quantified

    [doc] = read_path(str(SEED))
    indicators = [i for _, _, i in doc.indicators()]
    n = sum(1 for i in indicators if is_quantified(i))
    figure = f"{n}/{len(indicators)}（{n / len(indicators):.1%}）"
    assert figure == "161/212（75.9%）"
    _, out, _ = run("parse", str(SEED))
    assert f"定量指标 {figure}" in out and "量化指标" not in out
    run("ingest", "--db", db, str(SEED))
    _, out, _ = run("compare", "--db", db, str(SEED), "1")
    assert "定量指标占比" in out and figure in out
    code, _, err = run("compare", "--db", db, "1", "1", ok=False)
    assert code == 2 and "同一份文档" in err  # compared with itself: said, not a table of zeros
    with backend.open() as store:
        agg = store.aggregates(1)
        assert (agg.quantitative, agg.indicators) == (n, len(indicators))


def test_parse_json_round_trip_through_ingest_and_export(tmp_path: Path, db: str) -> None:
    _, out, _ = run("parse", "--json", str(SEED))
    parsed = json.loads(out)
    assert parsed["department"] == "广州市科学技术局"
    path = tmp_path / "seed.json"
    path.write_text(out, encoding="utf-8")
    run("ingest", "--db", db, str(path))
    _, exported, _ = run("export", "--db", db, "--format", "json")
    assert json.loads(exported) == [parsed]


def test_ingest_is_idempotent_and_reports(db: str) -> None:
    _, out, _ = run("ingest", "--db", db, str(SEED))
    assert "已入库 1" in out
    _, out, _ = run("ingest", "--db", db, str(SEED))
    assert "已跳过 1" in out and "已入库 0" in out
    _, out, _ = run("list", "--db", db, "--json")
    [doc] = json.loads(out)
    assert (doc["units"], doc["projects"], doc["indicators"]) == (3, 39, 212)


def test_ingest_refuses_bad_files_and_stores_the_good_ones(tmp_path: Path, db: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("这不是一张表。\n", encoding="utf-8")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SEED.read_text("utf-8").encode("gb18030"))
    code, out, _ = run("ingest", "--db", db, str(bad), str(gbk), ok=False)
    assert code == 2
    assert "已拒绝" in out and "找不到绩效目标表" in out
    assert "已入库 1" in out and "已拒绝 1" in out and "按 GB18030 编码读取" in out
    # the same department and year, different bytes: refused as a duplicate version
    code, out, _ = run("ingest", "--db", db, str(SEED), ok=False)
    assert code == 4 and "--replace" in out
    _, out, _ = run("ingest", "--db", db, "--replace", str(SEED))
    assert "已替换 1" in out


def test_gbk_text_is_parsed_with_a_note(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SEED.read_text("utf-8").encode("gbk"))
    _, out, _ = run("parse", str(gbk))
    assert "39 个项目" in out and "说明 文件不是 UTF-8 编码，已按 GB18030" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件是空的"),
        (bytes(range(256)) * 8, "不是文本文件"),
        ("只是一段文字\n".encode(), "找不到绩效目标表"),
    ],
)
def test_bad_input_fails_clearly_and_stores_nothing(
    tmp_path: Path, db: str, content: bytes, message: str
) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    code, _, err = run("parse", str(path), ok=False)
    assert code == 2
    assert message in err and str(path) in err and "Traceback" not in err
    code, out, _ = run("ingest", "--db", db, str(path), ok=False)
    assert code == 2 and message in out
    code, _, err = run("list", "--db", db, "--json", ok=False)
    assert code == 5 and "还没有表" in err


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run(
        "ingest", "--db", str(tmp_path / "x.db"), str(tmp_path / "nope.txt"), ok=False
    )
    assert code == 2 and "不存在" in err


def test_list_projects_filters_and_show(db: str) -> None:
    run("ingest", "--db", db, str(SEED))
    _, out, _ = run("list", "projects", "--db", db, "--json", "--level", "满意度指标")
    names = {p["name"] for p in json.loads(out)}
    assert "车辆租用经费" in names and "基础研究计划" not in names
    _, out, _ = run("list", "projects", "--db", db, "--json", "--min", "10000")
    assert {p["name"] for p in json.loads(out)} == {
        "企业创新计划-TCL华星光电T9项目（黄埔区）", "基础研究计划", "企业创新计划",
        "重点研发计划", "人才支撑计划",
    }  # fmt: skip
    _, out, _ = run("list", "projects", "--db", db, "--json", "--unit", "评审中心")
    assert len(json.loads(out)) == 6
    code, _, err = run("show", "--db", db, "购置经费", ok=False)
    assert code == 2 and "编号" in err  # two units have a 购置经费
    _, out, _ = run("show", "--db", db, "车辆租用经费")
    assert ("租车行程完成率" in out and "≥95%" in out) or "不低于95%" in out
    _, out, _ = run("show", "--db", db, "--json", "车辆租用经费")
    data = json.loads(out)
    assert data["unit"] == "广州市科技项目评审中心" and len(data["indicators"]) == 6
    code, _, err = run("show", "--db", db, "999999", ok=False)
    assert code == 5


def test_list_bad_amount(db: str) -> None:
    run("ingest", "--db", db, str(SEED))
    code, _, err = run("list", "projects", "--db", db, "--min", "很多", ok=False)
    assert code == 2 and "--min" in err


def test_export_csv_to_file(tmp_path: Path, db: str) -> None:
    run("ingest", "--db", db, str(SEED), str(DATA / "text"))
    out = tmp_path / "out.csv"
    run(
        "export",
        "--db",
        db,
        "--format",
        "csv",
        "--output",
        str(out),
        "--department",
        "广州市科学技术局",
    )
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # for Excel
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 212
    assert rows[0]["项目名称"] == "企业创新计划-TCL华星光电T9项目（黄埔区）"
    assert rows[0]["实施周期指标值"] == "1个" and rows[0]["三级指标"]
    # for programs: the field names, and no BOM if asked
    en = tmp_path / "en.csv"
    run("export", "--db", db, "--format", "csv", "-o", str(en), "--header", "en", "--no-bom")
    raw_en = en.read_bytes()
    assert raw_en.startswith(b"department,year,kind,")
    rows_en = list(csv.DictReader(io.StringIO(raw_en.decode("utf-8"))))
    assert len(rows_en) == 224 and rows_en[0]["cycle_text"] == "1个"  # every department
    # the CSV reader reads both back, BOM or not, to the same cells under either header
    from jixiao.ingest.readers import csv as csv_reader

    [zh_grid] = csv_reader.grids(raw, "zh.csv")
    [en_grid] = csv_reader.grids(raw_en, "en.csv")
    assert zh_grid.rows[0][:3] == ["部门", "年度", "表类型"]
    assert en_grid.rows[0][:3] == ["department", "year", "kind"]
    assert zh_grid.rows[1] == en_grid.rows[1]
    code, _, err = run("export", "--db", db, "--format", "json", "--header", "en", ok=False)
    assert code == 2 and "只用于 csv" in err


READING = (
    ("list",), ("list", "projects"), ("show", "1"), ("review",), ("compare", "1", "2"),
    ("export", "--format", "csv"), ("export", "--format", "xlsx", "-o", "{tmp}/out.xlsx"),
)  # fmt: skip


@pytest.mark.parametrize("args", READING, ids=lambda a: "-".join(a[:2]))
def test_reading_commands_never_create_a_database(tmp_path: Path, args: tuple[str, ...]) -> None:
    typo = tmp_path / "sub" / "typo.db"
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code, out, err = run(*argv, "--db", str(typo), ok=False)
    assert code == 5 and "数据库不存在" in err and str(typo) in err and "jixiao ingest" in err
    assert not typo.exists() and not typo.parent.exists()  # no file, not even its folder
    assert not (tmp_path / "out.xlsx").exists() and out == ""


def test_reading_commands_refuse_an_empty_database(tmp_path: Path, backend: Backend) -> None:
    backend.open().close()  # the schema, and not one table in it
    code, _, err = run("export", "--db", backend.cli_url, "--format", "xlsx",
                       "-o", str(tmp_path / "out.xlsx"), ok=False)  # fmt: skip
    assert code == 5 and "还没有表" in err and not (tmp_path / "out.xlsx").exists()


def test_default_database_is_not_created_by_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "data" / "jixiao.db"
    monkeypatch.setenv("JIXIAO_DB", str(default))
    code, _, err = run("export", "--format", "json", ok=False)
    assert code == 5 and "数据库不存在" in err and "未指定 --db" in err
    assert not default.exists()
    run("ingest", str(SEED))  # ingest creates it
    _, out, _ = run("list", "--json")
    assert len(json.loads(out)) == 1


def test_export_writes_no_file_when_nothing_matches(tmp_path: Path, db: str) -> None:
    run("ingest", "--db", db, str(SEED))
    out = tmp_path / "out.csv"
    code, stdout, err = run("export", "--db", db, "--format", "csv", "-o", str(out),
                            "--department", "广州市科技局", ok=False)  # fmt: skip
    assert code == 5 and "没有符合条件的表" in err and "广州市科技局" in err
    assert not out.exists() and "已导出" not in err
    code, stdout, err = run("export", "--db", db, "--year", "2031", ok=False)
    assert code == 5 and stdout == "" and "2031 年度" in err


def test_demo(db: str) -> None:
    _, out, _ = run("demo", "--no-serve", "--db", db)
    assert "广州市科学技术局" in out and "jixiao list" in out
    _, out, _ = run("demo", "--no-serve", "--db", db)  # twice: nothing changes
    _, out, _ = run("list", "--db", db, "--json")
    [doc] = json.loads(out)
    assert doc["year"] == 2025  # the year data/demo/demo.toml gives the bundled table


def test_demo_year_comes_from_its_data_file() -> None:
    import tomllib

    from jixiao.cli.demo import demo_tables

    listed = tomllib.loads((SRC_DEMO / "demo.toml").read_text(encoding="utf-8"))
    files = sorted(p.name for p in SRC_DEMO.iterdir() if p.suffix != ".toml")
    assert sorted(t["file"] for t in listed["table"]) == files  # every demo table is listed
    assert [(Path(p).name, y) for p, y in demo_tables()] == [
        (t["file"], t.get("year")) for t in listed["table"]
    ]


def test_a_document_without_a_year_reads_naturally(db: str) -> None:
    _, out, _ = run("parse", str(SEED))
    assert "广州市科学技术局  年度未注明" in out and "年度未知" not in out
    run("ingest", "--db", db, str(SEED))
    _, out, _ = run("review", "--db", db)
    assert "广州市科学技术局 年度未注明" in out


def test_version() -> None:
    _, out, _ = run("--version")
    assert "jixiao" in out


def test_parse_names_pages_for_pdf_notes() -> None:
    _, out, _ = run("parse", str(DATA / "tables" / "form.pdf"))
    assert "第 1 页：指标类别“项目完成指标”按“产出指标”读取" in out
    assert "第 1 行" not in out


def test_ingest_reviews_unless_told_not_to(tmp_path: Path, backend: Backend) -> None:
    from jixiao.store import Store

    db = backend.cli_url
    run("ingest", "--db", db, "--no-review", str(SEED))
    rules = tmp_path / "bureau.toml"
    rules.write_text('[rules."completeness.cost"]\nenabled = false\n', encoding="utf-8")
    run("ingest", "--db", db, "--rules", str(rules), str(DATA / "text"))
    with Store(backend.url, connect_args=backend.connect_args) as store:
        rows = {d.department: d.id for d in store.documents()}
        seed_id = rows.pop(next(n for n in rows if "科学技术局" in n))
        assert not store.has_review(seed_id)
        assert store.findings(seed_id) == []
        for document_id in rows.values():
            assert store.has_review(document_id)
            found = {f.rule for f in store.findings(document_id)}
            assert found and "completeness.cost" not in found
    code, _, err = run("ingest", "--db", db, "--rules", str(tmp_path / "nope.toml"), str(SEED),
                       ok=False)  # fmt: skip
    assert code == 3 and "nope.toml" in err


def test_self_evaluation_through_json_ingest_list_and_show(tmp_path: Path, db: str) -> None:
    from jixiao.interchange import to_dict

    from .selfeval import ACTUAL, DEVIATION, FIRST, SCORE, selfeval_document

    path = tmp_path / "selfeval.json"
    path.write_text(json.dumps(to_dict(selfeval_document()), ensure_ascii=False), "utf-8")
    run("ingest", "--db", db, "--no-review", str(path), str(SEED))
    _, out, _ = run("list", "--db", db)
    assert "项目支出绩效自评表" in out and "项目支出绩效目标表" in out
    _, out, _ = run("show", "--db", db, FIRST)
    for text in ("实际完成值", "得分", "偏差原因", ACTUAL, SCORE, "项目编码", "执行率 95.61%"):
        assert text in out, text
    _, out, _ = run("show", "--db", db, "--json", FIRST)
    data = json.loads(out)
    assert data["kind"] == "selfeval" and data["details"]["execution"]["score"] == "9.56"
    assert data["details"]["unit"] == "示例市农田建设管理中心"  # the form's 实施单位
    assert data["unit"] == "示例市农业农村局"  # the unit the project is under
    assert data["indicators"][0]["deviation"] == DEVIATION
    _, out, _ = run("show", "--db", db, "车辆租用经费")
    assert "实际完成值" not in out  # a target table's project: no such column
    _, exported, _ = run("export", "--db", db, "--format", "json")
    assert [d["kind"] for d in json.loads(exported)] == ["target", "selfeval"]
