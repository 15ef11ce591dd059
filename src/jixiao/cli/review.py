"""Commands on reviews: review, rules."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from ..errors import InputError
from ..model import Document, year_label
from .common import (
    Whole,
    db_option,
    err_console,
    main,
    make_console,
    open_store,
    output_option,
    print_rows,
    write_output,
    year_option,
)


# -- review ------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@click.option("--department", help="只审核该部门（名称包含即可）。")
@year_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "xlsx", "html"]),
    default="text",
    show_default=True,
    help="text：终端报告；json：机器可读；xlsx / html：可发回部门的审核意见。",
)
@click.option(
    "--rules",
    "rules_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="规则集 TOML（只写要改的部分，其余用默认；见 jixiao rules --toml）。",
)
@output_option
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default=None,
    help="发现该程度（或更严重）的问题时以退出码 1 结束，供流水线使用。",
)
def review(
    paths: tuple[Path, ...],
    db: str | None,
    department: str | None,
    year: int | None,
    fmt: str,
    rules_file: Path | None,
    output: Path | None,
    fail_on: str | None,
) -> None:
    """审核绩效目标：给出问题清单、项目和部门得分及建议等级。

    给出表文件（或文件夹）则现场解析后审核；不给则审核库中已入库的表。
    """
    from ..review import load_ruleset
    from ..review.report import render, run_review

    ruleset = load_ruleset(rules_file)
    docs = _review_documents(paths, db, department, year)
    if not docs:
        raise InputError("没有可审核的表", expected="表文件，或先用 jixiao ingest 入库")
    result = run_review(docs, ruleset)
    if fmt == "text":
        if output is None:
            show_review(make_console(), result)
        else:
            buffer = io.StringIO()
            show_review(Console(file=buffer, width=120, no_color=True, soft_wrap=True), result)
            write_output(output, [buffer.getvalue().encode("utf-8")])
    else:
        if fmt == "xlsx" and output is None:
            raise InputError("xlsx 报告需要 --output 文件名")
        write_output(output, [render(result, fmt)])
    if output is not None:
        err_console.print(f"审核报告已写入 {escape(str(output))}", highlight=False)
    worst = result.worst()
    rank = {"error": 0, "warning": 1, "info": 2}
    if fail_on is not None and worst is not None and rank[worst] <= rank[fail_on]:
        sys.exit(1)


def _review_documents(
    paths: tuple[Path, ...], db: str | None, department: str | None, year: int | None
) -> list[Document]:
    if paths:
        from ..ingest.files import expand
        from ..limits import Limits
        from ..loader import ReadOptions, parse_isolated

        options = ReadOptions(year=year, limits=Limits.from_env())
        docs = [doc for path in expand(paths) for doc in parse_isolated(str(path), options)]
    else:
        with open_store(db) as store:
            docs = list(store.iter_documents())
        if year is not None:
            docs = [d for d in docs if d.year == year]
    return [d for d in docs if department is None or department in d.department]


def show_review(console: Console, result: Any) -> None:
    from ..review.base import SEVERITY_LABELS
    from ..review.report import FIELD_LABELS, rule_title

    styles = {"error": "bold red", "warning": "yellow", "info": "dim"}
    for review in result.reviews:
        doc, dept = review.document, review.department_score
        counts = dept.findings
        console.print(
            f"[bold]{escape(doc.department)}[/] {year_label(doc.year)}"
            f"  部门得分 [bold]{dept.score}[/]"
            f"（{dept.grade}）  "
            + "  ".join(f"{d} {v}" for d, v in dept.dimensions.items())
            + f"\n问题 {len(review.findings)} 个："
            + "，".join(f"{SEVERITY_LABELS[k]} {counts[k]}" for k in ("error", "warning", "info")),
            highlight=False,
        )
        console.print("\n[bold]项目排名（得分从低到高）[/]")
        print_rows(
            console,
            ("#", "项目", "单位", "得分", "等级", "/".join(SEVERITY_LABELS.values())),
            [
                (str(k), escape(s.project or ""), escape(s.unit or ""), str(s.score), s.grade,
                 f"{s.findings['error']}/{s.findings['warning']}/{s.findings['info']}")
                for k, s in enumerate(review.ranking(), start=1)
            ],
        )  # fmt: skip
        console.print("\n[bold]问题按规则统计[/]")
        per_rule: dict[str, int] = {}
        for f in review.findings:
            per_rule[f.rule] = per_rule.get(f.rule, 0) + 1
        print_rows(
            console,
            ("规则", "问题数", "规则编号"),
            [
                (rule_title(r), str(n), r)
                for r, n in sorted(per_rule.items(), key=lambda kv: -kv[1])
            ],
        )
        console.print("\n[bold]审核意见（按项目）[/]")
        for unit, project, findings in review.by_project():
            console.print(
                f"\n■ {escape(project or '整个文件')}" + (f"（{escape(unit)}）" if unit else ""),
                highlight=False,
            )
            for f in findings:
                where = f"第 {f.indicator} 个指标 " if f.indicator else ""
                field = FIELD_LABELS.get(f.field or "", f.field or "")
                evidence = f"  「{escape(f.evidence)}」" if f.evidence else ""
                console.print(
                    f"  [{styles[f.severity]}]{SEVERITY_LABELS[f.severity]}[/] {where}{field}："
                    f"{escape(f.message)}{evidence} [dim]（{rule_title(f.rule)} · {f.rule}）[/]",
                    highlight=False,
                )
    if len(result.reviews) > 1:
        summary = result.summary()
        console.print(
            f"\n共 {summary['documents']} 个文件，{summary['projects']} 个项目，"
            f"{summary['findings']} 个问题",
            highlight=False,
        )


@main.command(name="opinion")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@click.option("--department", help="只出该部门的审核意见（名称包含即可）。")
@year_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pdf", "html", "xlsx"]),
    default="docx",
    show_default=True,
    help="docx：Word（可编辑、盖章）；pdf；html；xlsx：问题整改台账。",
)
@click.option("--issuer", required=True, help="发文机关，如“某市财政局”。")
@click.option("--reviewer", required=True, help="审核人。")
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="审核日期 YYYY-MM-DD（默认今天）。",
)
@click.option("--round", "round_", type=Whole(1, 99), default=1, show_default=True,
              help="第几轮审核。")  # fmt: skip
@click.option(
    "--rules",
    "rules_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="规则集 TOML（只写要改的部分，其余用默认）。",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="输出文件。",
)
def opinion(
    paths: tuple[Path, ...],
    db: str | None,
    department: str | None,
    year: int | None,
    fmt: str,
    issuer: str,
    reviewer: str,
    on: Any,
    round_: int,
    rules_file: Path | None,
    output: Path,
) -> None:
    """出具审核意见书：审核结论、得分和等级，按问题归并的修改要求（每个问题只说一次，列明涉及的项目），各项目结论。

    给出表文件（或文件夹）则现场解析后审核；不给则审核库中已入库的表。每个部门年度一份，
    同一文件中分节。
    """
    from datetime import date

    from ..review import load_ruleset
    from ..review.opinion import Issue, compose
    from ..review.opinion_render import render
    from ..review.report import run_review

    ruleset = load_ruleset(rules_file)
    docs = _review_documents(paths, db, department, year)
    if not docs:
        raise InputError("没有可审核的表", expected="表文件，或先用 jixiao ingest 入库")
    result = run_review(docs, ruleset)
    issue = Issue(issuer, reviewer, on.date() if on is not None else date.today(), round_)
    opinions = [compose(r, ruleset, issue) for r in result.reviews]
    write_output(output, [render(opinions, fmt)])
    err_console.print(
        f"审核意见书已写入 {escape(str(output))}（{len(opinions)} 份）", highlight=False
    )


@main.command(name="rules")
@click.option(
    "--rules",
    "rules_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="显示该规则集（叠加在默认规则集之上）的效果。",
)
@click.option("--toml", "as_toml", is_flag=True, help="输出完整的规则集 TOML，可复制后修改。")
def rules_(rules_file: Path | None, as_toml: bool) -> None:
    """列出审核规则：编号、名称、维度、严重程度、是否启用（docs/rules.md 有详细说明）。"""
    from ..review import RULES, load_ruleset
    from ..review.base import SEVERITY_LABELS
    from ..review.ruleset import to_toml

    ruleset = load_ruleset(rules_file)
    if as_toml:
        click.echo(to_toml(ruleset))
        return
    print_rows(
        make_console(),
        ("规则", "名称", "维度", "严重程度", "启用"),
        [
            (
                rid,
                RULES[rid].title,
                RULES[rid].dimension,
                SEVERITY_LABELS[cfg.severity],
                "是" if cfg.enabled else "否",
            )
            for rid, cfg in ruleset.rules.items()
        ],
    )
