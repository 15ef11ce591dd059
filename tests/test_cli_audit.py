"""`jixiao audit verify` and `jixiao audit list` through Click's runner, on both databases."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from sqlalchemy import text

from .conftest import Backend
from .helpers import SEED
from .test_cli import run


def _ingested(backend: Backend) -> str:
    db = backend.cli_url
    run("ingest", "--db", db, str(SEED))
    return db


def test_verify_an_intact_log(backend: Backend) -> None:
    db = _ingested(backend)
    _, out, _ = run("audit", "verify", "--db", db)
    assert "审计日志完好：1 条记录" in out


def test_verify_names_a_changed_and_a_removed_record(backend: Backend) -> None:
    db = _ingested(backend)
    for n in range(4):
        run("audit", "list", "--db", db, "--event", f"事件{n}")  # each query is a record
    store = backend.open()
    with store.engine.begin() as conn:
        if backend.name == "postgresql":  # as the superuser, the trigger off for a moment
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        conn.execute(text("UPDATE audit_log SET actor = '别人' WHERE id = 2"))
        conn.execute(text("DELETE FROM audit_log WHERE id = 4"))
        if backend.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
    code, out, err = run("audit", "verify", "--db", db, ok=False)
    assert code == 9 and out == ""
    assert "记录 2：内容与哈希不符：记录被改动" in err
    assert "记录 4：记录 4 被删除（编号不连续）" in err
    assert "Traceback" not in err


def test_list_filters_and_formats(backend: Backend, tmp_path: Path) -> None:
    db = _ingested(backend)
    _, out, _ = run("audit", "list", "--db", db)
    assert "导入" in out and "文档 1" in out
    assert "共 2 条" in out and "查询审计日志" in out  # recorded before it is read
    _, out, _ = run("audit", "list", "--db", db, "--format", "json", "--event", "导入")
    data = json.loads(out)
    assert data["total"] == 1 and data["records"][0]["detail"]["source"] == "seed.txt"
    assert data["records"][0]["actor"].startswith("命令行:")
    # the queries themselves are in the log, with what they asked for
    _, out, _ = run("audit", "list", "--db", db, "--format", "json",
                    "--event", "查询审计日志", "--limit", "1")  # fmt: skip
    data = json.loads(out)
    assert data["total"] == 3 and data["records"][0]["detail"]["limit"] == 1
    _, out, _ = run("audit", "list", "--db", db, "--format", "json", "--user", "没有这个人",
                    "--since", "2000-01-01", "--until", "2000-01-02")  # fmt: skip
    assert json.loads(out) == {"total": 0, "records": []}
    target = tmp_path / "审计日志.xlsx"
    _, out, _ = run("audit", "list", "--db", db, "--format", "xlsx", "--output", str(target))
    assert "已导出 6 条记录" in out
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("编号", "时间（UTC）", "用户", "角色", "来源地址", "事件")
    assert [r[5] for r in rows[1:]] == ["导入", "查询审计日志", "查询审计日志",
                                       "查询审计日志", "查询审计日志", "导出审计日志"]  # fmt: skip
    _, out, _ = run("audit", "list", "--db", db, "--event", "导出审计日志", "--format", "json")
    assert json.loads(out)["records"][0]["detail"]["format"] == "xlsx"


def test_list_refuses_bad_input_in_chinese(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    code, _, err = run("audit", "list", "--db", db, "--since", "昨天", ok=False)
    assert code == 2 and "--since 昨天 不是日期或时间" in err
    code, _, err = run("audit", "list", "--db", db, "--format", "xlsx", ok=False)
    assert code == 2 and "xlsx 须用 --output 指定输出文件" in err
