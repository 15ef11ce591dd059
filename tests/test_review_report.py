"""Review reports: JSON, Excel, HTML, and the `jixiao review` / `jixiao rules` commands."""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from jixiao.cli import main
from jixiao.errors import InputError
from jixiao.review.base import SEVERITY_LABELS
from jixiao.review.report import render, run_review

from .helpers import DATA, SEED
from .test_text_layout import SEED_DOC

RESULT = run_review([SEED_DOC])


def test_json_report_shape() -> None:
    data = json.loads(render(RESULT, "json"))
    assert set(data) == {"findings", "scores", "summary"}
    first = data["findings"][0]
    assert set(first) == {
        "department", "year", "rule", "severity", "dimension", "unit", "project", "indicator",
        "field", "message", "evidence", "project_id", "indicator_id",
    }  # fmt: skip
    assert data["summary"]["findings"] == len(data["findings"])
    assert data["summary"]["projects"] == 39 and data["summary"]["indicators"] == 212
    levels = [s["level"] for s in data["scores"]]
    assert levels.count("project") == 39 and levels[-1] == "department"
    assert all(s["grade"] in "优良中差" for s in data["scores"])


def test_xlsx_report_groups_findings_by_project() -> None:
    book = load_workbook(io.BytesIO(render(RESULT, "xlsx")))
    assert book.sheetnames == ["问题清单", "项目评分", "规则统计"]
    sheet = book["问题清单"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["部门", "年度", "单位", "项目"] and "问题说明" in header
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    findings = [r for r in rows if r[6] in SEVERITY_LABELS.values()]
    assert len(findings) == len(RESULT.reviews[0].findings)
    groups = [r for r in rows if r[6] is None]
    assert len(groups) == len(RESULT.reviews[0].by_project())
    assert all(sheet.row_dimensions[i].outline_level in (0, 1) for i in range(2, len(rows) + 2))
    scores = list(book["项目评分"].iter_rows(min_row=2, values_only=True))
    assert scores[0][3] == "（部门整体）" and len(scores) == 40
    # the rule by its Chinese name; its id in a column of its own, for those who configure rules
    rule, name, ident = header.index("规则"), header.index("问题说明"), header.index("规则编号")
    assert ident == len(header) - 1
    by_id = {r[ident]: r[rule] for r in findings}
    assert by_id["completeness.cost"] == "缺少成本指标"
    assert all(r[rule] and "." not in r[rule] for r in findings) and name < ident
    stats = [c.value for c in book["规则统计"][1]]
    assert stats[:2] == ["规则编号", "规则"]


def test_html_report_is_self_contained_and_escaped() -> None:
    page = render(RESULT, "html").decode("utf-8")
    assert page.startswith("<!doctype html>") and "广州市科学技术局" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page
    links = set(re.findall(r'href="#([^"]+)"', page))
    targets = set(re.findall(r'id="([^"]+)"', page))
    assert links and links <= targets  # every project link lands on its section
    for f in RESULT.reviews[0].findings[:5]:
        assert f.message.replace("“", "&#34;")[:10] in page or f.message[:10] in page


def test_unknown_format() -> None:
    with pytest.raises(InputError):
        render(RESULT, "pdf")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_review_text_report_on_a_file_is_fast() -> None:
    started = time.perf_counter()
    code, out, _ = run("review", str(SEED))
    elapsed = time.perf_counter() - started
    assert code == 0
    assert "部门得分" in out and "项目排名" in out and "问题按规则统计" in out
    assert "overlap.double_counting" in out
    # one name per severity (review.base.SEVERITY_LABELS), the rule's name before its id
    assert "问题 140 个：严重 18，警告 107，提示 15" in out
    assert "缺少成本指标  34  completeness.cost" in out
    print(f"jixiao review on the seed: {elapsed:.2f} s")  # figure for the record, not an assert


def test_review_stored_documents_and_formats(tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    assert run("ingest", "--db", db, str(SEED), str(DATA / "text"))[0] == 0
    code, out, _ = run("review", "--db", db, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["summary"]["documents"] == 4
    assert any(f["rule"] == "money.reconcile" for f in data["findings"])  # mismatch.txt
    code, out, _ = run("review", "--db", db, "--department", "教育局", "--format", "json")
    assert {f["department"] for f in json.loads(out)["findings"]} == {"示例区教育局"}
    xlsx = tmp_path / "意见.xlsx"
    code, _, err = run("review", "--db", db, "--format", "xlsx", "-o", str(xlsx))
    assert code == 0 and xlsx.exists() and "已写入" in err
    code, _, err = run("review", "--db", db, "--format", "xlsx")
    assert code == 2 and "--output" in err
    html = tmp_path / "意见.html"
    assert run("review", "--db", db, "--format", "html", "-o", str(html))[0] == 0
    assert "审核意见" in html.read_text("utf-8")


def test_fail_on(tmp_path: Path) -> None:
    mismatch = str(DATA / "text" / "mismatch.txt")
    assert run("review", mismatch)[0] == 0
    assert run("review", mismatch, "--fail-on", "error")[0] == 1
    assert run("review", mismatch, "--fail-on", "warning")[0] == 1


def test_review_with_a_bureau_ruleset(tmp_path: Path) -> None:
    rules = tmp_path / "bureau.toml"
    rules.write_text('[rules."money.reconcile"]\nenabled = false\n', "utf-8")
    mismatch = str(DATA / "text" / "mismatch.txt")
    code, out, _ = run("review", mismatch, "--rules", str(rules), "--format", "json")
    assert not any(f["rule"] == "money.reconcile" for f in json.loads(out)["findings"])
    bad = tmp_path / "bad.toml"
    bad.write_text('[rules."nope"]\n', "utf-8")
    code, _, err = run("review", mismatch, "--rules", str(bad))
    assert code == 3 and "未知的规则" in err


def test_review_nothing(tmp_path: Path) -> None:
    code, _, err = run("review", "--db", str(tmp_path / "empty.db"))
    assert code == 5 and "数据库不存在" in err and not (tmp_path / "empty.db").exists()
    code, _, err = run("review", str(tmp_path))  # a folder without tables
    assert code == 2 and "没有可审核的表" in err


def test_rules_command() -> None:
    code, out, _ = run("rules")
    assert code == 0 and "money.reconcile" in out and "overlap.near_duplicate" in out
    # severities in Chinese, named as the reports and the web app name them
    lines = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    assert lines["money.reconcile"][-2] == SEVERITY_LABELS["error"] == "严重"
    assert not any(word in out.split() for word in ("error", "warning", "info"))
    code, out, _ = run("rules", "--toml")
    assert '[rules."overlap.near_duplicate"]' in out and "threshold = 0.75" in out
