"""Commands on self-evaluations: audit-selfeval, selfeval-rules."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from ..errors import InputError
from ..model import year_label
from .common import (
    err_console,
    limit_option,
    main,
    make_console,
    output_option,
    parse_limits,
    print_rows,
    write_output,
    year_option,
)


@main.command(name="audit-selfeval")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="列出每个指标的目标、实际、分值、表中得分和重算得分（默认只列偏离）。",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "xlsx"]),
    default="text",
    show_default=True,
    help="text：终端报告；json：机器可读；xlsx：偏离清单、指标得分、项目汇总三张表。",
)
@click.option(
    "--rules",
    "rules_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="本地区的自评计分规则 TOML（只写要改的部分；见 jixiao selfeval-rules --toml）。",
)
@output_option
@click.option(
    "--strict", is_flag=True, help="发现偏离或有文件读不出时以退出码 1 结束，供流水线使用。"
)
@year_option
@limit_option
def audit_selfeval(
    paths: tuple[Path, ...],
    everything: bool,
    fmt: str,
    rules_file: Path | None,
    output: Path | None,
    strict: bool,
    year: int | None,
    limits: tuple[str, ...],
) -> None:
    """核对已公开的项目支出绩效自评表。

    按配置的计分规则重算每个指标的得分、预算执行得分、总分和等级，列出表中与规则不符之处
    （已达到目标却未得满分、未达到目标却得满分、得分之和与总分不符、等级与总分不符、
    预算执行得分与执行率不符、执行数超过预算数……），每处给出表中数、重算数和依据。
    按表中数字的小数位容许四舍五入和截尾。每个文件在单独的进程中读取，受内存和时间上限
    约束（见 --limit）。规则见 docs/selfeval.md。
    """
    from ..limits import Limits
    from ..selfeval import load_selfeval_rules
    from ..services.selfeval import FileAudit, audit_files

    if fmt == "xlsx" and output is None:
        raise InputError("xlsx 报告需要 --output 文件名")
    rules = load_selfeval_rules(rules_file)
    console = make_console()
    if fmt == "text" and output is not None:
        console = Console(file=io.StringIO(), width=120, no_color=True, soft_wrap=True)

    def progress(done: FileAudit) -> None:
        if done.error is not None:
            err_console.print(f"[red]无法读取[/] {escape(done.error.describe())}", highlight=False)
        elif fmt == "text":
            for audit in done.audits:
                show_audit(console, audit, everything=everything)

    read_limits = Limits.from_env(parse_limits(limits))
    files = audit_files(paths, rules, limits=read_limits, year=year, on_file=progress)
    if not files:
        raise InputError("没有找到表文件", expected="自评表文件或含自评表的文件夹")
    audits = [a for f in files for a in f.audits]
    if fmt == "json":
        from ..selfeval.report import render_json

        write_output(output, [render_json(audits, everything=everything)])
    elif fmt == "xlsx":
        from ..selfeval.report import render_xlsx

        write_output(output, [render_xlsx(audits)])
    elif output is not None:
        assert isinstance(console.file, io.StringIO)
        write_output(output, [console.file.getvalue().encode("utf-8")])
    departures = sum(len(a.departures) for a in audits)
    failed = sum(1 for f in files if f.error is not None)
    err_console.print(
        f"核对 {len(files)} 个文件、{sum(len(a.projects) for a in audits)} 个自评项目："
        f"偏离 {departures} 处" + (f"，{failed} 个文件读不出" if failed else "")
        + (f"；报告已写入 {escape(str(output))}" if output is not None else ""),
        highlight=False,
    )  # fmt: skip
    first = next((f.error for f in files if f.error is not None), None)
    if first is not None and failed == len(files):
        sys.exit(first.exit_code)  # nothing was read: the error's own exit code
    if strict and (departures or failed):
        sys.exit(1)


def show_audit(console: Console, audit: object, *, everything: bool) -> None:
    from ..selfeval.audit import DocumentAudit
    from ..selfeval.report import check_dict

    assert isinstance(audit, DocumentAudit)
    doc = audit.document
    name = doc.source.name if doc.source else ""
    console.print(
        f"\n[bold]{escape(name)}[/]  {escape(doc.department)} {year_label(doc.year)}"
        f"  [dim]（{escape(audit.rules)}）[/]",
        highlight=False,
    )
    for note in audit.notes:
        console.print(f"  {escape(note)}", highlight=False)
    for p in audit.projects:
        total = "—" if p.project.score is None else str(p.project.score)
        again = "—" if p.recomputed_total is None else f"{p.recomputed_total:.2f}"
        grade = f"（{p.project.grade}）" if p.project.grade else ""
        regrade = f"（{p.recomputed_grade}）" if p.recomputed_grade else ""
        console.print(
            f"■ {escape(p.project.name or '（未写项目名称）')}"
            + (f"（{escape(p.unit)}）" if p.unit else "")
            + f"  表中总分 {total}{grade}，重算 {again}{regrade}",
            highlight=False,
        )
        for note in p.notes:
            console.print(f"  [dim]{escape(note)}[/]", highlight=False)
        if not p.departures:
            console.print("  [green]未发现与计分规则不符之处[/]", highlight=False)
        for d in p.departures:
            where = f"第 {d.indicator} 个指标“{d.name}”" if d.indicator else (d.name or "")
            console.print(
                f"  [yellow]{escape(d.title)}[/] {escape(where)}：表中 {escape(d.published)}，"
                f"应为 {escape(d.recomputed)}。{escape(d.rule)}",
                highlight=False,
            )
        if everything:
            rows = []
            for check in p.indicators:
                i = check_dict(check)
                rows.append(
                    (str(i["seq"]), i["name"], i["target"], i["actual"] or "", i["weight"] or "",
                     i["published"] or "", i["recomputed"] or "—", i["basis"])
                )  # fmt: skip
            print_rows(
                console,
                ("#", "指标", "目标", "实际", "分值", "表中得分", "重算得分", "依据"),
                [tuple(escape(c) for c in row) for row in rows],
            )


@main.command(name="selfeval-rules")
@click.option(
    "--rules",
    "rules_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="显示该文件（叠加在默认规则之上）的效果。",
)
@click.option("--toml", "as_toml", is_flag=True, help="输出完整的自评计分规则 TOML，可复制后修改。")
def selfeval_rules(rules_file: Path | None, as_toml: bool) -> None:
    """列出自评计分规则：权重、等级、各类指标的计分公式、定性档次（docs/selfeval.md）。"""
    from ..selfeval import SCORING_RULES, load_selfeval_rules
    from ..selfeval.config import to_toml

    rules = load_selfeval_rules(rules_file)
    if as_toml:
        click.echo(to_toml(rules))
        return
    console = make_console()
    console.print(f"{escape(rules.name)} {escape(rules.version)}（{escape(rules.region)}）")
    print_rows(console, ("项", "分值"), [(k, str(v)) for k, v in rules.weights.items()])
    print_rows(
        console,
        ("等级", "总分下限"),
        [(g, str(low)) for g, low in rules.grades],
    )
    kinds = {"forward": "正向", "reverse": "反向", "zero": "目标为 0", "range": "区间",
             "qualitative": "定性"}  # fmt: skip
    print_rows(
        console,
        ("指标类型", "计分规则", "说明"),
        [(kinds[k], key, SCORING_RULES[key].title) for k, key in rules.choose.items()],
    )
