"""The 审核意见书 on the reference table: a conclusion that follows the severity caps, every real
problem the seed's golden test pins named once, at most a third of the HTML report's text, no
English rule ids, and the Word, PDF and xlsx files a bureau edits, stamps and tracks."""

from __future__ import annotations

import html
import io
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from jixiao.cli import main
from jixiao.review import load_ruleset
from jixiao.review.opinion import Issue, Remark, compose
from jixiao.review.opinion_render import blocks, plain_text, render
from jixiao.review.report import render as render_report
from jixiao.review.report import run_review

from .helpers import SEED
from .test_text_layout import SEED_DOC

RULESET = load_ruleset()
RESULT = run_review([SEED_DOC], RULESET)
ISSUE = Issue("广州市财政局", "张三", date(2026, 12, 6), round=2)
OPINION = compose(RESULT.reviews[0], RULESET, ISSUE)
TEXT = plain_text([OPINION])


def visible(page: bytes) -> str:
    text = re.sub(r"<(style|title)>.*?</\1>", "", page.decode("utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", text)))


def test_conclusion_follows_the_caps() -> None:
    assert OPINION.conclusion == "退回修改" and OPINION.score.grade == "中"
    assert "有严重问题 18 处" in TEXT and "第 2 轮" in TEXT and "2026年12月6日" in TEXT
    assert "广州市财政局" in TEXT.splitlines()[-2] or "广州市财政局" in TEXT
    for score in RESULT.reviews[0].scores:
        if score.findings["error"]:
            assert score.grade != "优", score.project


@pytest.mark.parametrize(
    "words",
    [
        ("企业创新计划", "50次个"),
        ("科技管理辅助支撑经费", "“v”"),
        ("创新环境计划",),
        ("广州市科学技术局2024—2025年信息化运维项目", "修复及时率"),
        ("002604",),
        ("企业创新计划-TCL华星光电T9项目（黄埔区）", "进一步提高"),
        ("工作经费", "效果明显"),
        ("科技交流与合作经费", "有所促进"),
        ("基础研究计划", "策源地"),
        ("业务用房物业管理费", "安全事故发生次数"),
        ("办公用房修缮费",),
        ("企业创新计划-LG8.5代OLED项目补助（黄埔区）",),
        ("广州市科学技术局2025—2026年信息化运维项目",),
        ("科技资源配套服务经费", "广州科技创新发展报告"),
    ],
)
def test_names_every_real_problem_the_golden_test_pins(words: tuple[str, ...]) -> None:
    for word in words:
        assert word in TEXT, word


def test_a_rule_firing_on_many_projects_is_said_once() -> None:
    assert TEXT.count("项目未设成本指标") == 1
    assert "缺少成本指标（警告，33 个项目）" in TEXT


def test_no_english_rule_ids() -> None:
    assert not re.search(r"\b[a-z]+\.[a-z_]+\b", TEXT)


def test_at_most_a_third_of_the_html_report() -> None:
    report = render_report(RESULT, "html")
    opinion = render([OPINION], "html")
    assert len(opinion) <= len(report) / 3
    assert len(visible(opinion)) <= len(visible(report)) / 3


def test_reviewer_remarks_are_included() -> None:
    remark = Remark("效益指标请补充可量化的受益人数", "强制调整", "办公用房修缮费")
    text = plain_text([compose(RESULT.reviews[0], RULESET, ISSUE, [remark])])
    assert (
        "审核人意见" in text
        and "办公用房修缮费：【强制调整】效益指标请补充可量化的受益人数" in text
    )


def test_word_pdf_and_xlsx() -> None:
    from docx import Document as Word

    word = Word(io.BytesIO(render([OPINION], "docx")))
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[0] == OPINION.title and any("审核结论：退回修改" in p for p in paragraphs)
    assert word.tables and word.tables[0].cell(0, 1).text == "项目"
    assert render([OPINION], "pdf").startswith(b"%PDF")
    book = load_workbook(io.BytesIO(render([OPINION], "xlsx")))
    sheet = book["审核意见"]
    assert sheet.max_row == 1 + sum(len(p.places) for p in OPINION.problems)
    kinds = [kind for kind, _ in blocks(OPINION)]
    assert kinds[0] == "title" and kinds[-1] == "sign"


def test_cli(tmp_path: Path) -> None:
    out = tmp_path / "意见.docx"
    result = CliRunner().invoke(main, ["opinion", str(SEED), "--issuer", "某市财政局",
                                       "--reviewer", "李四", "--date", "2026-12-01",
                                       "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK") and "审核意见书已写入" in result.stderr
    missing = CliRunner().invoke(main, ["opinion", str(SEED), "-o", str(out)])
    assert missing.exit_code != 0 and "--issuer" in missing.output
