"""Commands on tables: parse, ingest, list, show, export."""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import InputError, NotFoundError
from ..export import FORMATS
from ..export import get as get_format
from ..interchange import to_dict
from ..model import (
    DOCUMENT_KINDS,
    EXECUTION_FIELDS,
    EXECUTION_LABELS,
    INDICATOR_EXTRAS,
    PROJECT_EXTRAS,
    QUANTIFIED_LABEL,
    Document,
    Target,
    is_quantified,
    quantified_text,
    year_label,
)
from ..reconcile import money
from ..store.queries import SHORT_ID
from .common import (
    Whole,
    amount,
    db_option,
    encoding_option,
    err_console,
    layout_option,
    limit_option,
    main,
    make_console,
    open_store,
    parse_limits,
    print_rows,
    write_output,
    year_option,
)


# -- parse -------------------------------------------------------------------------------
@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出交换格式 JSON（docs/format.md）。")
@year_option
@layout_option
@encoding_option
@limit_option
def parse(
    file: Path,
    as_json: bool,
    year: int | None,
    layout: str | None,
    encoding: str | None,
    limits: tuple[str, ...],
) -> None:
    """解析一个表文件，显示摘要，或以 JSON 输出到标准输出。文件在单独的进程中读取，
    受内存和时间上限约束（见 --limit）。"""
    from ..limits import Limits
    from ..loader import ReadOptions, parse_isolated

    options = ReadOptions(
        layout=layout, year=year, encoding=encoding, limits=Limits.from_env(parse_limits(limits))
    )
    docs = parse_isolated(str(file), options)
    if as_json:
        payload: Any = to_dict(docs[0]) if len(docs) == 1 else [to_dict(d) for d in docs]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for doc in docs:
        show_document(make_console(), doc)


def show_document(console: Console, doc: Document) -> None:
    counts = doc.counts()
    layout = doc.source.layout if doc.source else "?"
    console.print(
        f"[bold]{escape(doc.department)}[/]  {year_label(doc.year)}  "
        f"{escape(doc.title or '')}  （{DOCUMENT_KINDS[doc.kind]}；版式：{layout}）",
        highlight=False,
    )
    total = doc.funds.total
    console.print(
        f"合计 {money(total, doc.money_unit) if total is not None else '—'}；"
        f"{counts['units']} 个单位，{counts['projects']} 个项目，{counts['indicators']} 个指标；"
        f"{QUANTIFIED_LABEL} {_quantified_share(doc)}",
        highlight=False,
    )
    table = Table("单位", "金额", "项目", "指标", title=None, show_edge=False)
    for unit in doc.units:
        table.add_row(
            escape(unit.name),
            amount(unit.funds.total),
            str(len(unit.projects)),
            str(sum(len(p.indicators) for p in unit.projects)),
        )
    console.print(table)
    # In a PDF a note's line number is its page.
    per = "页" if doc.source is not None and doc.source.layout.startswith("pdf") else "行"
    for note in doc.notes:
        style = "yellow" if note.level == "warning" else "dim"
        where = f"第 {note.line} {per}：" if note.line else ""
        label = "警告" if note.level == "warning" else "说明"
        console.print(f"[{style}]{label}[/] {where}{escape(note.message)}", highlight=False)


def _quantified_share(doc: Document) -> str:
    indicators = [i for _, _, i in doc.indicators()]
    return quantified_text(sum(1 for i in indicators if is_quantified(i)), len(indicators))


STATUS_LABELS = {"stored": "已入库", "replaced": "已替换", "skipped": "已跳过", "refused": "已拒绝"}


# -- ingest ------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@year_option
@click.option("--jobs", "-j", type=Whole(1, 64), default=1, show_default=True,
              help="并行解析的进程数。")  # fmt: skip
@click.option("--replace", is_flag=True, help="同一部门同一年度已有另一版本时，替换它。")
@click.option(
    "--rules",
    "rules_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="入库时审核所用的规则集 TOML（默认自带规则集；见 jixiao rules --toml）。",
)
@click.option("--no-review", is_flag=True, help="入库时不审核（网页上显示为未审核）。")
@click.option(
    "--publish",
    is_flag=True,
    help="入库后即发布：未登录的访客也能看到（默认为草稿，只有本范围的账户能看到）。",
)
@layout_option
@encoding_option
@limit_option
def ingest(
    paths: tuple[Path, ...],
    db: str | None,
    year: int | None,
    jobs: int,
    replace: bool,
    rules_file: Path | None,
    no_review: bool,
    publish: bool,
    layout: str | None,
    encoding: str | None,
    limits: tuple[str, ...],
) -> None:
    """把文件和文件夹中的表入库并审核：每个文件一个事务（连同其审核意见）；
    内容相同的文件再次入库不做任何改动。每个文件在单独的进程中读取（受 --limit 的内存
    和时间上限约束），读不了的文件报告原因后跳过，其余照常入库，最后总是列出汇总。

    \b
    退出码：0 全部成功（含内容未变而跳过的）；2 有文件被拒绝（格式、编码、超出上限等）；
    4 有文件因数据库拒绝而未入库（如同一部门年度已有另一版本，需 --replace）；
    多种并存时取最大者。"""
    from rich.progress import Progress

    from ..ingest.files import expand
    from ..limits import Limits
    from ..loader import ReadOptions, load
    from ..review import load_ruleset

    read_limits = Limits.from_env(parse_limits(limits))
    ruleset = None if no_review or rules_file is None else load_ruleset(rules_file)
    console = make_console()
    files = expand(paths)
    if not files:
        from ..ingest import formats

        raise InputError(
            "没有找到可入库的文件", expected=f"表文件或包含它们的文件夹；读取的格式：{formats()}"
        )
    progress = Progress(console=console, transient=True, disable=not console.is_terminal)
    with open_store(db, must_exist=False) as store, progress:
        task = progress.add_task("入库", total=len(files))
        outcomes = load(
            store,
            files,
            ReadOptions(
                layout=layout,
                year=year,
                encoding=encoding,
                replace=replace,
                review=not no_review,
                ruleset=ruleset,
                publish=publish,
                limits=read_limits,
            ),
            jobs=jobs,
            on_file=lambda _: progress.advance(task),
        )
    labels = STATUS_LABELS
    styles = {"stored": "green", "replaced": "green", "skipped": "dim", "refused": "red"}
    rows = []
    for o in outcomes:
        counts = "/".join(str(o.counts.get(k, "")) for k in ("units", "projects", "indicators"))
        reason = o.reason or "；".join(
            ([f"按 {o.encoding.upper()} 编码读取"] if o.encoding else [])
            + ([f"{o.warnings} 条警告"] if o.warnings else [])
        )
        status = f"[{styles[o.status]}]{labels[o.status]}[/]"
        rows.append((escape(o.path), status, escape(o.department or ""), str(o.year or ""),
                     counts if o.counts else "", escape(reason)))  # fmt: skip
    print_rows(console, ("文件", "结果", "部门", "年度", "单位/项目/指标", "说明"), rows)
    tally = {k: sum(1 for o in outcomes if o.status == k) for k in labels}
    console.print("；".join(f"{labels[k]} {v}" for k, v in tally.items()), highlight=False)
    codes = [o.exit_code for o in outcomes if o.status == "refused"]
    if codes:
        sys.exit(max(codes))


# -- list and show -----------------------------------------------------------------------
def _decimal(value: str | None, name: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value.replace(",", ""))
    except InvalidOperation:
        raise InputError(f"{name} 不是数字：{value}") from None


@main.command(name="list")
@click.argument("what", type=click.Choice(["documents", "projects"]), default="documents")
@db_option
@click.option("--department", help="部门名称（包含即可）。")
@year_option
@click.option("--unit", help="单位名称（包含即可）。")
@click.option("--name", help="项目名称（包含即可）。")
@click.option(
    "--level", help="含有该类指标的项目：一级或二级指标的代码或名称，如 12、质量指标、满意度指标。"
)
@click.option("--min", "min_total", help="项目总计下限（文件的金额单位）。")
@click.option("--max", "max_total", help="项目总计上限。")
@click.option("--limit", type=Whole(1, 100000), default=200, show_default=True,
              help="最多列出的项目数。")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
def list_(
    what: str,
    db: str | None,
    department: str | None,
    year: int | None,
    unit: str | None,
    name: str | None,
    level: str | None,
    min_total: str | None,
    max_total: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """列出已入库的部门和年度（documents，默认），或项目（projects，可筛选）。"""
    from ..store import ProjectFilter

    console = make_console()
    with open_store(db) as store:
        if what == "documents":
            docs = [
                d
                for d in store.documents()
                if (department is None or department in d.department)
                and (year is None or d.year == year)
            ]
            if as_json:
                click.echo(json.dumps([_plain(d) for d in docs], ensure_ascii=False, indent=2))
                return
            if not docs:
                console.print("库中还没有文件：先运行 jixiao ingest 文件")
            doc_rows = [
                (str(d.id), escape(d.department), str(d.year or "—"), DOCUMENT_KINDS[d.kind],
                 f"{amount(d.total)} {d.money_unit}", str(d.units), str(d.projects),
                 str(d.indicators), escape(d.source_name or ""))
                for d in docs
            ]  # fmt: skip
            print_rows(console, ("编号", "部门", "年度", "类型", "金额", "单位", "项目", "指标",
                                 "来源"), doc_rows)  # fmt: skip
            return
        rows = store.projects(
            ProjectFilter(
                department=department,
                year=year,
                unit=unit,
                name=name,
                level=level,
                min_total=_decimal(min_total, "--min"),
                max_total=_decimal(max_total, "--max"),
                limit=limit,
            )
        )
        if as_json:
            click.echo(json.dumps([_plain(r) for r in rows], ensure_ascii=False, indent=2))
            return
        if not rows:
            console.print("没有符合条件的项目")
        project_rows = [
            (r.id[:SHORT_ID], escape(r.department), str(r.year or "—"), escape(r.unit),
             escape(r.name), f"{amount(r.total)} {r.money_unit}", str(r.indicators))
            for r in rows
        ]  # fmt: skip
        print_rows(console, ("编号", "部门", "年度", "单位", "项目", "金额", "指标"), project_rows)


def _looks_like_id(text: str) -> bool:
    """A project's id or the short id ``jixiao list projects`` prints (≥ 8 hex digits)."""
    return len(text) >= SHORT_ID and re.fullmatch(r"[0-9a-fA-F-]+", text) is not None


def _plain(row: Any) -> dict[str, Any]:
    from dataclasses import asdict

    out = asdict(row)
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in out.items()}


@main.command()
@click.argument("project")
@db_option
@click.option("--department", help="部门名称（包含即可；按名称查找项目时用来区分）。")
@click.option("--unit", help="单位名称（包含即可；按名称查找项目时用来区分）。")
@year_option
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
def show(
    project: str,
    db: str | None,
    department: str | None,
    unit: str | None,
    year: int | None,
    as_json: bool,
) -> None:
    """显示一个项目（编号或名称）：资金、绩效目标和指标表。"""
    from ..interchange import funds_to_dict, indicator_to_dict, project_to_dict

    with open_store(db) as store:
        if _looks_like_id(project):
            view = store.project(project)
        else:
            ids = store.find_projects(project, department=department, year=year, unit=unit)
            if not ids:
                raise NotFoundError(
                    f"没有名为“{project}”的项目", expected="jixiao list projects 中的编号或名称"
                )
            if len(ids) > 1:
                raise InputError(
                    f"有 {len(ids)} 个项目名为“{project}”"
                    f"（编号 {', '.join(i[:SHORT_ID] for i in ids)}）",
                    expected="项目编号，或加 --department / --unit / --year 区分",
                )
            view = store.project(ids[0])
    p = view.project
    if as_json:
        stated = {k: v for k, v in project_to_dict(p).items() if k not in _SHOWN}
        payload = {
            "department": view.department, "year": view.year, "kind": view.kind,
            "money_unit": view.money_unit, "unit": view.unit, "name": p.name,
            "funds": funds_to_dict(p.funds), "goal": p.goal, "details": stated,
            "indicators": [indicator_to_dict(i) for i in p.indicators],
        }  # fmt: skip
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    console = make_console()
    console.print(f"[bold]{escape(p.name)}[/]  {escape(view.unit)} · {escape(view.department)} "
                  f"{year_label(view.year)}", highlight=False)  # fmt: skip
    f = p.funds
    console.print(
        f"总计 {amount(f.total)}  财政拨款 {amount(f.fiscal)}  财政专户拨款 {amount(f.special)}"
        f"  其他资金 {amount(f.other)}（{view.money_unit}）",
        highlight=False,
    )
    for extra in PROJECT_EXTRAS:
        value = getattr(p, extra.name)
        if value is not None and value != "":
            console.print(f"[bold]{extra.label}[/] {escape(str(value))}", highlight=False)
    if p.execution is not None:
        values = {name: getattr(p.execution, name) for name in EXECUTION_FIELDS}
        line = "  ".join(
            f"{EXECUTION_LABELS[name]} {'—' if v is None else v}"
            f"{'%' if name == 'rate' and v is not None else ''}"
            for name, v in values.items()
        )
        console.print(f"[bold]预算执行[/] {line}（{view.money_unit}）", highlight=False)
    console.print(f"[bold]绩效目标[/] {escape(p.goal)}", highlight=False)
    table = Table(
        "#", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值", show_lines=True
    )
    for ind in p.indicators:
        table.add_row(str(ind.seq), escape(ind.level1.label()), escape(ind.level2.label()),
                      escape(ind.name), _target(ind.cycle), _target(ind.annual))  # fmt: skip
    console.print(table)
    # What templates add, in two more tables (a terminal is too narrow for one): the
    # self-evaluation's columns, then the indicators' descriptions; a column only where filled.
    for title, names in (("自评", _EVALUATION), ("指标说明", _DESCRIPTION)):
        extras = [e for e in INDICATOR_EXTRAS if e.name in names
                  and any(getattr(i, e.name) not in (None, "") for i in p.indicators)]  # fmt: skip
        if not extras:
            continue
        more = Table("#", "三级指标", *(e.label for e in extras), title=title, show_lines=True)
        for ind in p.indicators:
            cells = [_extra_cell(getattr(ind, e.name)) for e in extras]
            more.add_row(str(ind.seq), escape(ind.name), *cells)
        console.print(more)


_SHOWN = ("name", "funds", "goal", "indicators")
"""The project fields ``show --json`` gives at the top; the others go under ``details``."""
_EVALUATION = ("weight", "actual", "score", "deviation")
_DESCRIPTION = ("direction", "measure", "explanation", "standard")


def _extra_cell(value: object) -> str:
    if value is None:
        return "—"
    return _target(value) if isinstance(value, Target) else escape(str(value))


def _target(t: Target) -> str:
    text = escape(t.text)
    if t.kind == "quantitative":
        return f"{text}\n[cyan]{_typed(t)}[/]"
    if t.kind == "composite":
        return f"{text}\n[cyan]{'；'.join(_typed(p) for p in t.parts)}[/]"
    return f"{text}\n[dim]定性[/]"


def _typed(t: Target) -> str:
    if t.kind == "qualitative" or t.value is None:
        return "定性"
    if t.op == "range":
        return f"{t.value}–{t.upper}{t.unit or ''}"
    return f"{t.op}{t.value}{t.unit or ''}"


# -- export ------------------------------------------------------------------------------
@main.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="json",
    show_default=True,
    help="json：交换格式文档数组；csv：每个指标一行；"
    "xlsx / pdf / html / text：官方版式（项目名称、资金、绩效目标、绩效指标；"
    "自评表另有实际完成值、分值、得分、偏差原因列，text 不能容纳而拒绝导出）；"
    "datapackage：开放数据包。",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="输出文件（默认标准输出；xlsx、pdf、datapackage 必须指定）。",
)
@click.option("--department", help="只导出该部门（名称完全一致）。")
@year_option
@click.option(
    "--header",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="csv 的表头：zh 中文列名（供人阅读、Excel）；en 英文字段名（供程序读取，与 json 一致）。",
)
@click.option(
    "--bom/--no-bom",
    default=True,
    show_default=True,
    help="csv 开头是否写 UTF-8 BOM（Excel 靠它识别中文；不认 BOM 的程序用 --no-bom）。",
)
@click.option(
    "--annex",
    is_flag=True,
    help="pdf / html：每份表后附审核意见（附件：审核意见，按自带规则集审核，依表中顺序）。",
)
def export(
    db: str | None,
    fmt: str,
    output: Path | None,
    department: str | None,
    year: int | None,
    header: str,
    bom: bool,
    annex: bool,
) -> None:
    """导出已入库的表：json（交换格式）、csv（每个指标一行）、datapackage（开放数据包），
    或官方版式的 xlsx / pdf / html / text（pdf / html 可加 --annex 附审核意见）。"""
    exporter = get_format(fmt)
    if exporter.binary and output is None:
        raise InputError(f"{fmt} 导出需要 --output 文件名")
    from ..services.exports import exporter_for

    export_fn = exporter_for(fmt, annex=annex)
    if fmt == "csv":
        from functools import partial

        from ..export.tabular import write_csv

        export_fn = partial(write_csv, header=header, bom=bom)
    elif header != "zh" or not bom:
        raise InputError("--header 和 --no-bom 只用于 csv 导出", expected="--format csv")
    with open_store(db) as store:
        if store.count_documents(department=department, year=year) == 0:
            raise NotFoundError(
                f"库中没有符合条件的表（{_conditions(department, year)}），未导出",
                expected="jixiao list 中的部门名称（完全一致）和年度",
            )
        write_output(
            output,
            export_fn(store.iter_documents(department=department, year=year)),
            stream=exporter.stream,
        )
    if output is not None:
        err_console.print(f"已导出到 {escape(str(output))}", highlight=False)


def _conditions(department: str | None, year: int | None) -> str:
    parts = [f"部门“{department}”" if department else "", f"{year} 年度" if year else ""]
    return "，".join(p for p in parts if p) or "全部"
